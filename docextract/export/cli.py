"""``docextract tasks PATH... --format csv|xlsx|docx|ics --out FILE``: the task list of documents
(or of records already extracted) as a spreadsheet, a Word annex or a calendar."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import FORMATS, export_tasks

TASKS_EXAMPLES = """examples:
  docextract tasks corpora/seeds --format xlsx --out tasks.xlsx     one sheet, a row per task
  docextract tasks kh-249.txt --format docx --out phu-luc.docx      the annex table (STT, Nội dung ...)
  docextract tasks out/ --format csv --out tasks.csv                records already extracted (NAME.json)
  docextract tasks corpora/seeds --format ics --out tasks.ics       dated tasks as to-dos (VTODO)
  docextract tasks kh-249.txt --format csv > tasks.csv              csv and ics can go to stdout

The format follows --out's suffix when --format is not given. Columns: document, section, task,
lead, support, requested, deadline_kind, deadline_date, deadline_text, targets, confidence (when
the tasks have one), key. The calendar holds the tasks with a due date or a recurrence.
"""

RECORD_SUFFIXES = {".json", ".jsonl"}


def register(subparsers) -> None:
    """Add ``tasks`` to the docextract command line."""
    parser = subparsers.add_parser(
        "tasks", help="export the task list as csv, xlsx, docx (annex table) or ics",
        description="Extract documents (files or folders, as 'extract' takes them) or read records "
                    "already extracted (NAME.json, records.jsonl), and write one row per task: "
                    "a CSV (UTF-8 with BOM), an Excel workbook, a Word annex "
                    "(Phụ lục phân công nhiệm vụ) or an iCalendar file of to-dos.",
        epilog=TASKS_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="documents, folders, or record files (.json / .jsonl from 'extract')")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="the file format (default: from --out's suffix, else csv)")
    parser.add_argument("--out", metavar="FILE",
                        help="the file to write (default: standard output, for csv and ics only)")
    parser.set_defaults(func=_run_tasks)


def _inputs(paths: list[str]) -> tuple[list[str], list[Path]]:
    """(documents to extract, record files to read). A folder gives both kinds below it."""
    from ..cli import expand_inputs

    documents: list[str] = []
    records: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            documents.extend(expand_inputs([raw]))
            records.extend(p for p in sorted(path.rglob("*"))
                           if p.is_file() and p.suffix.lower() in RECORD_SUFFIXES)
        elif path.suffix.lower() in RECORD_SUFFIXES:
            records.append(path)
        else:
            documents.append(raw)
    return documents, records


def _read_records(path: Path) -> list[dict]:
    """The records of one .json (a record or an array of them) or .jsonl file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".jsonl":
        found = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        value = json.loads(text)
        found = value if isinstance(value, list) else [value]
    for record in found:
        if not isinstance(record, dict) or record.get("schema") != "docextract/1":
            raise ValueError("not a docextract record (no \"schema\": \"docextract/1\"); "
                             "give the document itself or the output of 'docextract extract'")
    return found


def _run_tasks(args) -> int:
    fmt = args.format
    if fmt is None:
        suffix = Path(args.out).suffix.lower().lstrip(".") if args.out else ""
        fmt = suffix if suffix in FORMATS else "csv"
    if not args.out and fmt in ("xlsx", "docx"):
        print(f"docextract: --format {fmt} writes a binary file: give --out FILE.{fmt}", file=sys.stderr)
        return 2
    documents, record_files = _inputs(args.paths)
    if not documents and not record_files:
        print("docextract: no input files found (documents .txt/.docx/.pdf/.html, or records .json)",
              file=sys.stderr)
        return 2

    from .. import extract, to_dict
    from ..errors import DocextractError

    status = 0
    records: list[dict] = []
    for path in record_files:
        try:
            records.extend(_read_records(path))
        except (OSError, UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
            print(f"docextract: error: {path}: {exc}", file=sys.stderr)
            status = 1
    for name in documents:
        try:
            source = sys.stdin.buffer.read() if name == "-" else Path(name)
            records.append(to_dict(extract(source, name="-" if name == "-" else None), include_text=False))
        except DocextractError as exc:
            print(f"docextract: error: {exc}", file=sys.stderr)
            status = 1
    data = export_tasks(records, fmt)
    tasks = sum(len(r.get("tasks") or []) for r in records)
    if args.out:
        from ..batch import write_atomically

        write_atomically(Path(args.out), data)
        print(f"docextract: {tasks} tasks from {len(records)} documents written to {args.out} ({fmt})",
              file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return status
