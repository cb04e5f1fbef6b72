"""``docextract index`` and ``docextract graph`` (registered by docextract/cli.py).

    docextract index corpora/seeds corpora/raw [--db FILE] [--force]
    docextract graph cited-by 61/2018/NĐ-CP
    docextract graph cites 249/KH-UBND
    docextract graph show 61/2018/NĐ-CP
    docextract graph search "một cửa liên thông"      (or a partial symbol: 61/2018)
    docextract graph top --limit 10
    docextract graph path 249/KH-UBND 61/2018/NĐ-CP
    docextract graph export --format graphml --out graph.graphml

Tables for people by default, ``--json`` for machines. The database is ``--db``, else
``$DOCEXTRACT_GRAPH_DB``, else ./docextract-graph.sqlite.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .store import DEFAULT_DB

INDEX_EXAMPLES = """examples:
  docextract index corpora/seeds corpora/raw            build or update ./docextract-graph.sqlite
  docextract index corpora/raw --db /tmp/graph.sqlite   another database
  docextract index corpora/seeds --force                re-extract even unchanged files
"""

GRAPH_EXAMPLES = """examples:
  docextract graph cited-by 61/2018/NĐ-CP          who cites it, with relation and sentence
  docextract graph cites 249/KH-UBND                what a document is based on / implements
  docextract graph show 13/2016/QĐ-UBND             what is known about a document
  docextract graph search 61/2018                   partial symbols or words of a title
  docextract graph top --limit 10                   most cited documents
  docextract graph path 249/KH-UBND 61/2018/NĐ-CP   shortest chain of citations
  docextract graph export --format graphml --out g.graphml   for Gephi / yEd
"""


def _db(args) -> str:
    return args.db or os.environ.get("DOCEXTRACT_GRAPH_DB") or DEFAULT_DB


def _add_db(parser, nested: bool = False) -> None:
    """--db on a command; on a query under 'graph' too (SUPPRESS: it must not reset the parent's value)."""
    extra = {"default": argparse.SUPPRESS} if nested else {}
    parser.add_argument("--db", metavar="FILE", help=f"SQLite database (default: $DOCEXTRACT_GRAPH_DB or ./{DEFAULT_DB})",
                        **extra)
    if nested:
        parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")


def register(subparsers) -> None:
    """Add the ``index`` and ``graph`` subcommands to an argparse subparsers object."""
    index = subparsers.add_parser(
        "index", help="extract documents and store their references in the citation graph",
        description="Extract documents (files or folders) and store each one's references as edges of "
                    "the citation graph. Incremental: files whose bytes did not change are skipped.",
        epilog=INDEX_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    index.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    _add_db(index)
    index.add_argument("--force", action="store_true", help="re-index files even when unchanged")
    index.add_argument("--quiet", action="store_true", help="print only the summary")
    index.add_argument("--json", action="store_true", help="one JSON object per file on stdout")
    index.set_defaults(func=_run_index)

    graph = subparsers.add_parser(
        "graph", help="query the citation graph (cites, cited-by, show, search, top, path, export)",
        description="Query the citation graph built by 'docextract index'.", epilog=GRAPH_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_db(graph)
    graph.add_argument("--json", action="store_true", help="JSON output instead of a table")
    sub = graph.add_subparsers(dest="graph_command", metavar="QUERY")
    for name, helptext in (("cites", "what KEY cites"), ("cited-by", "documents citing KEY"),
                           ("show", "what is known about KEY")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("key", metavar="KEY", help="a symbol (61/2018/NĐ-CP), a qualified key "
                                                  "(13/2016/QĐ-UBND@tỉnh Hải Dương) or a name")
        if name == "cited-by":
            p.add_argument("--relation", help="only this relation (based_on, implements, ...)")
        if name in ("cites", "cited-by"):
            p.add_argument("--limit", type=int, default=None)
        _add_db(p, nested=True)
    p = sub.add_parser("search", help="nodes matching a partial symbol or words of a title")
    p.add_argument("text", nargs="+")
    p.add_argument("--limit", type=int, default=20)
    _add_db(p, nested=True)
    p = sub.add_parser("top", help="most cited documents")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--relation", help="count only this relation")
    _add_db(p, nested=True)
    p = sub.add_parser("path", help="shortest chain of citations between two documents")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    _add_db(p, nested=True)
    p = sub.add_parser("export", help="write the whole graph (GraphML, JSON, CSV)")
    p.add_argument("--format", choices=["graphml", "json", "csv"], default="graphml")
    p.add_argument("--out", metavar="FILE", help="output file (default: stdout)")
    _add_db(p, nested=True)
    graph.set_defaults(func=_run_graph, graph_parser=graph)


# ------------------------------------------------------------------ index


def _run_index(args) -> int:
    from . import index_paths

    counts = {"indexed": 0, "unchanged": 0, "failed": 0}
    edges = 0

    def report(result) -> None:
        nonlocal edges
        counts[result.status] += 1
        edges += result.edges
        if args.json:
            print(json.dumps({"path": result.path, "status": result.status, "key": result.key,
                              "edges": result.edges, "error": result.error}, ensure_ascii=False))
        elif result.status == "failed":
            print(f"failed     {result.path}: {result.error}", file=sys.stderr)
        elif not args.quiet:
            print(f"{result.status:<10} {result.key or '':<40} {result.edges:>4} edges  {Path(result.path).name}")

    index_paths(args.paths, _db(args), force=args.force, progress=report)
    if not args.json:
        print(f"{counts['indexed']} indexed, {counts['unchanged']} unchanged, {counts['failed']} failed; "
              f"{edges} edges written; database {_db(args)}", file=sys.stderr)
    return 0 if counts["failed"] == 0 else 1


# ------------------------------------------------------------------ graph


def _clip(value, width: int) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: list[dict], columns: list[tuple[str, str, int]]) -> str:
    """A plain text table: (field, header, max width) per column."""
    widths = []
    for field, header, cap in columns:
        longest = max([len(_clip(r.get(field), cap)) for r in rows] + [len(header)])
        widths.append(min(cap, longest))
    lines = ["  ".join(h.ljust(w) for (_, h, _), w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(_clip(r.get(f), w).ljust(w) for (f, _, _), w in zip(columns, widths)).rstrip())
    return "\n".join(lines)


def _run_graph(args) -> int:
    from .store import GraphStore

    if not args.graph_command:
        args.graph_parser.print_help()
        return 2
    db = _db(args)
    if not Path(db).exists():
        print(f"docextract graph: no database at {db} (build it with 'docextract index PATH...')", file=sys.stderr)
        return 2
    as_json = args.json
    with GraphStore(db) as graph:
        cmd = args.graph_command
        if cmd == "export":
            if args.out:
                graph.export(args.format, args.out)
                print(f"wrote {args.out}", file=sys.stderr)
            elif args.format == "graphml":
                graph.export("graphml", sys.stdout.buffer)
            else:
                graph.export(args.format, sys.stdout)
            return 0
        if cmd == "cited-by":
            rows = graph.cited_by(args.key, relation=args.relation, limit=args.limit)
            for r in rows:
                r["file"] = Path(r["path"]).name
            columns = [("citing", "citing document", 34), ("file", "file", 30), ("relation", "relation", 10),
                       ("mentions", "n", 3), ("sentence", "citing sentence", 100)]
        elif cmd == "cites":
            rows = graph.cites(args.key, limit=args.limit)
            for r in rows:
                r["about"] = r.get("title") or r.get("name")
            columns = [("cited", "cited document", 36), ("type", "type", 11), ("relation", "relation", 10),
                       ("mentions", "n", 3), ("about", "title / name", 90)]
        elif cmd == "show":
            rows = graph.show(args.key)
            if as_json:
                print(json.dumps(rows, ensure_ascii=False, indent=1))
                return 0 if rows else 1
            if not rows:
                print(f"no node for {args.key!r}", file=sys.stderr)
                return 1
            for node in rows:
                for field in ("key", "kind", "type", "symbol", "name", "title", "issuer", "date", "year",
                              "cited_by", "cites"):
                    if node.get(field) is not None:
                        print(f"{field:<10} {node[field]}")
                if node["relations"]:
                    print(f"{'relations':<10} " + ", ".join(f"{k} {v}" for k, v in sorted(node["relations"].items())))
                for path in node["documents"]:
                    print(f"{'file':<10} {path}")
                print()
            return 0
        elif cmd == "search":
            rows = graph.search(" ".join(args.text), limit=args.limit)
            for r in rows:
                r["about"] = r.get("title") or r.get("name")
            columns = [("key", "key", 40), ("type", "type", 11), ("cited_by", "cited by", 8), ("about", "title / name", 90)]
        elif cmd == "top":
            rows = graph.top(limit=args.limit, relation=args.relation)
            for r in rows:
                r["about"] = r.get("title") or r.get("name")
            columns = [("key", "key", 40), ("type", "type", 11), ("cited_by", "cited by", 8),
                       ("mentions", "mentions", 8), ("about", "title / name", 80)]
        elif cmd == "path":
            rows = graph.path(args.a, args.b)
            columns = [("from", "from", 44), ("relation", "relation", 10), ("to", "to", 44)]
        else:  # pragma: no cover - argparse restricts the choices
            return 2
        if as_json:
            print(json.dumps(rows, ensure_ascii=False, indent=1))
        elif rows:
            print(_table(rows, columns))
        else:
            what = getattr(args, "key", None) or " ".join(getattr(args, "text", []) or []) or ""
            print(f"nothing found{' for ' + repr(what) if what else ''}", file=sys.stderr)
        return 0 if rows else 1
