"""Command line: ``docextract extract|index|graph|show``."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__

EXTRACT_EXAMPLES = """examples:
  docextract extract corpora/seeds/ct-hai-duong-cchc-2018.txt          one JSON record on stdout
  docextract extract corpora/seeds --out out/                         one NAME.json per input
  docextract extract a.txt b.docx c.pdf --format jsonl > all.jsonl    JSON Lines on stdout
  cat chi-thi.txt | docextract extract -                              read standard input
  docextract extract a.txt b.txt --format json > all.json             one JSON array of the records
  docextract extract corpora/raw --out out/ --max-memory 2G          let each worker use up to 2 GB
  docextract extract --out out/ --retry-failed                        redo only what failed in out/
  docextract extract corpora/raw --out out/ --retry-failed --max-memory 3G   the same, given more memory
  docextract extract FILE --agencies my-agencies.json                 add your own bodies and aliases
  DOCEXTRACT_AGENCIES=my-agencies.json docextract extract FILE        the same, from the environment

a file for --agencies (UTF-8 JSON, the format of docextract/data/agencies.json):
  {"bodies": [{"name": "Ủy ban nhân dân xã Tân Lập", "aliases": ["UBND xã Tân Lập"], "level": "commune"},
              {"name": "Công ty TNHH Một thành viên Cấp nước Lào Cai", "aliases": ["Công ty Cấp nước"]}],
   "abbreviations": {"HTX": "Hợp tác xã"}}
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
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders; '-' reads standard input (none with --retry-failed: "
                             "every input that failed in DIR)")
    parser.add_argument("--out", metavar="DIR",
                        help="write DIR/NAME.json per input (DIR/records.jsonl with --format jsonl) "
                             "instead of printing")
    parser.add_argument("--format", choices=["json", "jsonl"], default=None,
                        help="json (default for one input; several inputs: one JSON array) or jsonl "
                             "(default for several, on stdout); with --out, jsonl writes one "
                             "DIR/records.jsonl in input order")
    parser.add_argument("--no-text", action="store_true", help="omit the normalised text from the records")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="worker processes with --out (default: all cores)")
    parser.add_argument("--no-resume", action="store_true",
                        help="with --out: redo inputs whose output is already up to date "
                             "(same input bytes, same docextract version and options)")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="with --out: give up on an input after this long and go on "
                             "(default: 300; 0: no limit)")
    parser.add_argument("--max-memory", type=_memory_size, default=None, metavar="SIZE",
                        help="with --out: the memory each worker may use, e.g. 800M or 2G (default: 1G; "
                             "0: no limit); a file that needs more fails alone and the batch goes on")
    parser.add_argument("--retry-failed", action="store_true",
                        help="with --out: extract again only the inputs that DIR's manifest lists as "
                             "failed (of PATH..., or all of them when no PATH is given)")
    parser.add_argument("--agencies", action="append", default=None, metavar="FILE",
                        help="a JSON file of your own bodies and aliases, in the format of the bundled "
                             "gazetteer (see below); may be repeated; also from the environment "
                             "variable DOCEXTRACT_AGENCIES (files separated by ':')")
    parser.add_argument("--quiet", action="store_true",
                        help="no progress bar (there is none either when stderr is not a terminal); "
                             "errors and the final summary line are still printed")
    parser.set_defaults(func=_run_extract)


MEMORY_UNITS = {"": 1 << 20, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def _memory_size(text: str) -> int:
    """"800M", "2G", "1.5GB", "0" (no limit) -> bytes; a bare number is in MB."""
    raw = text.strip().lower().removesuffix("b").removesuffix("i")
    unit = raw[-1:] if raw[-1:] in MEMORY_UNITS else ""
    try:
        value = float(raw[: len(raw) - len(unit)])
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size (say 800M or 2G)") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: a size cannot be negative")
    size = int(value * MEMORY_UNITS[unit])
    if 0 < size < 64 << 20:
        raise argparse.ArgumentTypeError(f"{text!r} is too small for a worker (at least 64M; 0: no limit)")
    return size


def _user_agencies(args) -> list[str] | None:
    """Check the --agencies files (and DOCEXTRACT_AGENCIES) before any work and hand them to the
    pipeline, here and in the workers, through the environment. None when one is unusable."""
    from .agencies import user

    paths = [str(Path(p).resolve()) for p in (args.agencies or [])] + user.files_from_env()
    paths = list(dict.fromkeys(paths))
    try:
        for path in paths:
            user.load_file(path)
    except user.AgencyFileError as exc:
        print(f"docextract: error: agency file {exc}", file=sys.stderr)
        return None
    if paths:
        os.environ[user.ENV_VAR] = os.pathsep.join(paths)
    return paths


def _run_extract(args) -> int:
    from . import batch

    agency_files = _user_agencies(args)
    if agency_files is None:
        return 2
    inputs = expand_inputs(args.paths)
    if args.retry_failed and not args.out:
        print("docextract: --retry-failed needs --out DIR (the folder of the earlier run)", file=sys.stderr)
        return 2
    if not inputs and not args.retry_failed:
        print("docextract: no input files found", file=sys.stderr)
        return 2
    if args.jobs is not None and args.jobs < 1:
        print("docextract: --jobs must be at least 1", file=sys.stderr)
        return 2
    if args.out:
        timeout = batch.DEFAULT_TIMEOUT if args.timeout is None else (args.timeout or None)
        max_memory = batch.DEFAULT_MAX_MEMORY if args.max_memory is None else (args.max_memory or None)
        from .agencies import user

        extra = {"agencies": user.fingerprint(agency_files)} if agency_files else None
        try:
            summary = batch.run_batch(inputs, Path(args.out), jobs=args.jobs, include_text=not args.no_text,
                                      jsonl=args.format == "jsonl", resume=not args.no_resume,
                                      progress=not args.quiet, timeout=timeout, max_memory=max_memory,
                                      retry_failed=args.retry_failed, extra_options=extra)
        except (batch.BatchLocked, batch.WorkerFailedToStart, batch.OutputFault) as exc:
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
    for module in ("docextract.graph.cli", "docextract.show", "docextract.server", "docextract.schema",
                   "docextract.export.cli"):
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
