"""Command line: ``docextract extract|index|graph|show``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__

EXTRACT_EXAMPLES = """examples:
  docextract extract corpora/seeds/ct-hai-duong-cchc-2018.txt          one JSON record on stdout
  docextract extract corpora/seeds --out out/                         one NAME.json per input
  docextract extract a.txt b.docx c.pdf --format jsonl > all.jsonl    JSON Lines on stdout
  cat chi-thi.txt | docextract extract -                              read standard input
"""

SUPPORTED_SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm", ".doc", ".md"}


def expand_inputs(paths: list[str]) -> list[str]:
    """Files as given; folders expanded to the supported files below them, sorted."""
    out: list[str] = []
    for raw in paths:
        if raw == "-":
            out.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            out.extend(str(p) for p in sorted(path.rglob("*"))
                       if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            out.append(raw)
    return out


def _add_extract(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract SPEC JSON records from documents",
        description="Read documents (.txt, .docx, .pdf, .html; files or folders) and write one SPEC "
                    "record per document. With --out, inputs are spread over worker processes, "
                    "outputs are written atomically, inputs whose output is up to date are skipped, "
                    "and failures are listed in DIR/errors.tsv while the rest goes on.",
        epilog=EXTRACT_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; '-' reads standard input")
    parser.add_argument("--out", metavar="DIR",
                        help="write DIR/NAME.json per input (DIR/records.jsonl with --format jsonl) "
                             "instead of printing")
    parser.add_argument("--format", choices=["json", "jsonl"], default=None,
                        help="json (default for one input) or jsonl (default for several, on stdout); "
                             "with --out, jsonl writes one DIR/records.jsonl in input order")
    parser.add_argument("--no-text", action="store_true", help="omit the normalised text from the records")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="worker processes with --out (default: all cores)")
    parser.add_argument("--no-resume", action="store_true",
                        help="with --out: redo inputs whose output is already up to date "
                             "(same input bytes, same docextract version and options)")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="with --out: give up on an input after this long and go on "
                             "(default: 300; 0: no limit)")
    parser.add_argument("--quiet", action="store_true",
                        help="no progress bar (there is none either when stderr is not a terminal); "
                             "errors and the final summary line are still printed")
    parser.set_defaults(func=_run_extract)


def _run_extract(args) -> int:
    from . import batch

    inputs = expand_inputs(args.paths)
    if not inputs:
        print("docextract: no input files found", file=sys.stderr)
        return 2
    if args.jobs is not None and args.jobs < 1:
        print("docextract: --jobs must be at least 1", file=sys.stderr)
        return 2
    if args.out:
        timeout = batch.DEFAULT_TIMEOUT if args.timeout is None else (args.timeout or None)
        try:
            summary = batch.run_batch(inputs, Path(args.out), jobs=args.jobs, include_text=not args.no_text,
                                      jsonl=args.format == "jsonl", resume=not args.no_resume,
                                      progress=not args.quiet, timeout=timeout)
        except (batch.BatchLocked, batch.WorkerFailedToStart) as exc:
            print(f"docextract: {exc}", file=sys.stderr)
            return 1
        return 0 if summary.failed == 0 else 1
    return batch.print_records(inputs, fmt=args.format or ("json" if len(inputs) == 1 else "jsonl"),
                               include_text=not args.no_text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docextract",
        description="Turn Vietnamese administrative and legal documents into structured JSON "
                    "(header, sections, references, tasks, targets).",
        epilog="Run 'docextract COMMAND --help' for the options of a command.")
    parser.add_argument("--version", action="version", version=f"docextract {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_extract(subparsers)
    for module in ("docextract.graph.cli", "docextract.show"):
        try:
            register = __import__(module, fromlist=["register"]).register
        except (ImportError, AttributeError):
            continue
        register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        print("docextract: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
