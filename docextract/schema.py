"""The published contract: the JSON Schema (draft 2020-12) of the record, and ``docextract schema``.

The schema ships as ``docextract/data/record.schema.json``; docs/FORMAT.md explains each field.
"""
from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from importlib import resources

SCHEMA_FILE = "record.schema.json"


def schema_text() -> str:
    """The schema file's text, as shipped."""
    return resources.files("docextract.data").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def record_schema() -> dict:
    return json.loads(schema_text())


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(record_schema(), format_checker=FormatChecker())


def validation_errors(record: dict) -> list[str]:
    """Every way ``record`` breaks the schema, as "path: message" lines (empty when it is valid)."""
    errors = sorted(_validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(record)'}: {e.message}" for e in errors]


def register(subparsers) -> None:
    """Add ``schema`` to the docextract command line."""
    parser = subparsers.add_parser(
        "schema", help="print the JSON Schema of the records docextract emits",
        description="Print the JSON Schema (draft 2020-12) that every record of 'docextract extract' "
                    "follows; docs/FORMAT.md describes each field with an example.",
        epilog="examples:\n"
               "  docextract schema > record.schema.json\n"
               "  docextract schema --validate out/*.json     check records against it",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--validate", nargs="+", metavar="RECORD.json",
                        help="instead of printing the schema, check these record files against it "
                             "(exit code 1 when one breaks it)")
    parser.set_defaults(func=_run_schema)


def _run_schema(args) -> int:
    if not args.validate:
        sys.stdout.write(schema_text())
        return 0
    status = 0
    for name in args.validate:
        try:
            with open(name, encoding="utf-8") as handle:
                record = json.load(handle)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            print(f"docextract: {name}: not a JSON record ({exc})", file=sys.stderr)
            status = 1
            continue
        problems = validation_errors(record)
        for line in problems[:20]:
            print(f"{name}: {line}", file=sys.stderr)
        if problems:
            status = 1
        else:
            print(f"{name}: valid")
    return status
