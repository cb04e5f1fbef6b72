"""``docextract index`` and ``docextract graph`` (registered by docextract/cli.py).

    docextract index corpora/seeds corpora/raw [--db FILE] [--force]
    docextract graph cited-by 61/2018/NĐ-CP
    docextract graph cites 249/KH-UBND
    docextract graph show 61/2018/NĐ-CP
    docextract graph cited-by "Luật Đầu tư" --at 2021-06-01   (a name: the version in force that day)
    docextract graph status 61/2018/NĐ-CP               (amended, replaced or repealed by what, when)
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
  docextract graph cited-by "Nghị định 61/2018/NĐ-CP"   a citation as written works too
  docextract graph cited-by 61/2018                  a partial symbol: every document it starts
  docextract graph cited-by "Luật Đầu tư"            a name: the version in force today (--at DATE)
  docextract graph cited-by "luat hon nhan va gia dinh 2014"   without diacritics, with the year
  docextract graph status "Luật Đầu tư công" --at 2020-06-01   in force? amended/replaced by what
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
                           ("show", "what is known about KEY"),
                           ("status", "whether KEY is in force at a date, and what amended, replaced or repealed it")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("key", metavar="KEY", help="a symbol (61/2018/NĐ-CP), a qualified key "
                                                  "(13/2016/QĐ-UBND@tỉnh Hải Dương), a citation as written "
                                                  "(\"Nghị định 61/2018/NĐ-CP\"), a partial symbol (61/2018) "
                                                  "or a name (\"Luật Đầu tư\", with or without year and diacritics)")
        p.add_argument("--at", metavar="YYYY-MM-DD", type=_iso_date, default=None,
                       help="a name resolves to the version in force that day; status on that day (default: today)")
        if name == "cited-by":
            p.add_argument("--relation", help="only this relation (based_on, implements, ...)")
        if name in ("cites", "cited-by"):
            p.add_argument("--limit", type=int, default=50, help="rows shown (default 50; 0: all)")
        _add_db(p, nested=True)
    p = sub.add_parser("search", help="nodes matching a partial symbol or words of a title")
    p.add_argument("text", nargs="+")
    p.add_argument("--limit", type=int, default=20, help="rows shown (default 20; 0: all)")
    _add_db(p, nested=True)
    p = sub.add_parser("top", help="most cited documents")
    p.add_argument("--limit", type=int, default=20, help="rows shown (default 20)")
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


def _iso_date(value: str) -> str:
    import datetime

    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD (e.g. 2021-06-01)") from None


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
        if cmd in ("cited-by", "cites", "show", "status"):
            found = graph.lookup(args.key, args.at)
            if not found["keys"]:
                return _not_found(found, as_json)
            if not as_json:
                _say_resolution(found)
        limit = getattr(args, "limit", None) or None  # 0: all
        total = None
        if cmd == "cited-by":
            rows = graph.cited_by(args.key, relation=args.relation, limit=limit, at=args.at)
            total = graph.count_cited_by(args.key, relation=args.relation, at=args.at)
            for r in rows:
                r["file"] = Path(r["path"]).name
                r["where"] = _where(r)
            columns = [("citing", "citing document", 34), ("file", "file", 30), ("relation", "relation", 10),
                       ("mentions", "n", 3), ("where", "section / pinpoint", 24), ("sentence", "citing sentence", 100)]
        elif cmd == "cites":
            rows = graph.cites(args.key, limit=limit, at=args.at)
            total = graph.count_cites(args.key, at=args.at)
            for r in rows:
                r["about"] = r.get("title") or r.get("name")
                r["where"] = _where(r)
            columns = [("cited", "cited document", 36), ("type", "type", 11), ("relation", "relation", 10),
                       ("mentions", "n", 3), ("where", "section / pinpoint", 24), ("about", "title / name", 90)]
        elif cmd == "show":
            rows = graph.show(args.key, at=args.at)
            if as_json:
                print(json.dumps(rows, ensure_ascii=False, indent=1))
                return 0 if rows else 1
            if not rows:
                print(f"no node for {args.key!r}: {found['keys'][0]} is known from the catalogue only, "
                      f"nothing indexed cites it", file=sys.stderr)
                return 1
            for node in rows:
                for field in ("key", "kind", "type", "symbol", "name", "title", "issuer", "date", "year",
                              "cited_by", "cites"):
                    if node.get(field) is not None:
                        print(f"{field:<10} {node[field]}")
                if node["relations"]:
                    print(f"{'relations':<10} " + ", ".join(f"{k} {v}" for k, v in sorted(node["relations"].items())))
                if node["in_corpus"]:
                    print(f"{'in corpus':<10} yes, {len(node['documents'])} file(s)")
                else:
                    print(f"{'in corpus':<10} no: known only from the documents citing it")
                for path in node["documents"]:
                    print(f"{'file':<10} {path}")
                _print_status(node["status"])
                print()
            return 0
        elif cmd == "status":
            rows = graph.status(args.key, at=args.at)
            if as_json:
                print(json.dumps(rows, ensure_ascii=False, indent=1))
                return 0
            for item in rows:
                print(f"{'key':<10} {item['key']}")
                _print_status(item)
                print()
            return 0
        elif cmd == "search":
            text = " ".join(args.text)
            rows = graph.search(text, limit=limit)
            total = graph.count_search(text)
            for r in rows:
                r["about"] = r.get("title") or r.get("name")
            columns = [("key", "key", 40), ("type", "type", 11), ("cited_by", "cited by", 8), ("about", "title / name", 90)]
        elif cmd == "top":
            rows = graph.top(limit=args.limit, relation=args.relation)
            total = graph.count_top(relation=args.relation)
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
        if total is not None and not as_json:
            more = " (--limit 0 shows all)" if len(rows) < total else ""
            print(f"{len(rows)} of {total} rows shown{more}", file=sys.stderr)
        return 0 if rows else 1


def _where(row: dict) -> str:
    """"II/1/a · Điều 5 khoản 2": the section of the first mention and the part it cites."""
    parts = [row.get("section") or ""]
    if row.get("pinpoint"):
        pin = json.loads(row["pinpoint"])
        names = (("phan", "Phần"), ("chuong", "Chương"), ("muc", "Mục"), ("dieu", "Điều"), ("khoan", "khoản"),
                 ("diem", "điểm"))
        parts.append(" ".join(f"{label} {pin[k]}" for k, label in names if k in pin))
    return " · ".join(p for p in parts if p)


def _say_resolution(found: dict) -> None:
    """On stderr: what a citation, a partial symbol or a name resolved to, and a law's other versions."""
    if found["matched_by"] in ("citation", "partial", "name"):
        print(f"{found['query']!r} -> {', '.join(found['keys'][:8])}"
              f"{' …' if len(found['keys']) > 8 else ''} ({found['matched_by']})", file=sys.stderr)
    if found["versions"]:
        print(f"versions (the one in force on {found['at']} or of the year given is marked *):", file=sys.stderr)
        for v in found["versions"]:
            until = v["in_force_to"] or "in force"
            print(f"  {'*' if v['chosen'] else ' '} {v['key']:<16} passed {v['date']}, in force {v['in_force_from']} "
                  f"to {until}, cited by {v['cited_by']}", file=sys.stderr)


def _not_found(found: dict, as_json: bool) -> int:
    if as_json:
        print(json.dumps({"query": found["query"], "keys": [], "suggestions": found["suggestions"]},
                         ensure_ascii=False, indent=1))
        return 1
    print(f"nothing found for {found['query']!r}", file=sys.stderr)
    if found["suggestions"]:
        print("nearest nodes (try one, or 'docextract graph search WORDS'):", file=sys.stderr)
        for item in found["suggestions"]:
            print(f"  {item['key']}  (cited by {item['cited_by']})", file=sys.stderr)
    else:
        print("try 'docextract graph search WORDS' (words of a title, or a partial symbol)", file=sys.stderr)
    return 1


def _print_status(item: dict) -> None:
    print(f"{'status':<10} {item['state']} on {item['at']}")
    for e in item["events"]:
        verb = {"amends": "amended by", "replaces": "replaced by", "repeals": "repealed by"}[e["relation"]]
        who = e["by"] or "a later version"
        title = f" ({e['by_title']})" if e.get("by_title") else ""
        print(f"{'':<10} {verb} {who}{title}, {e['date'] or 'date unknown'}"
              f"{' [catalogue]' if e['source'] == 'catalogue' else ''}")
