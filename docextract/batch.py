"""Running the pipeline over many files: stdout or an output folder, one bad file never stops the rest."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .emit import output_name, to_dict
from .errors import DocextractError
from .pipeline import extract


@dataclass
class Summary:
    done: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)


def _extract_one(path: str):
    if path == "-":
        data = sys.stdin.buffer.read()
        return extract(data, name="-")
    return extract(Path(path))


def print_records(inputs: list[str], fmt: str, include_text: bool) -> int:
    """Print one JSON document (json) or one record per line (jsonl); errors go to stderr."""
    status = 0
    for path in inputs:
        try:
            record = to_dict(_extract_one(path), include_text=include_text)
        except DocextractError as exc:
            print(f"docextract: error: {exc}", file=sys.stderr)
            status = 1
            continue
        if fmt == "jsonl":
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(json.dumps(record, ensure_ascii=False, indent=1))
    return status


def write_atomically(path: Path, content: str) -> None:
    """Write to a temporary file beside ``path`` and rename it, so no half file is ever seen."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_batch(inputs: list[str], out_dir: Path, *, jobs: int | None = None, include_text: bool = True,
              jsonl: bool = False, resume: bool = True, progress: bool = True) -> Summary:
    """Extract every input into ``out_dir/NAME.json``; report failures on stderr and go on."""
    summary = Summary()
    out_dir.mkdir(parents=True, exist_ok=True)
    for index, path in enumerate(inputs):
        try:
            record = to_dict(_extract_one(path), include_text=include_text)
        except DocextractError as exc:
            summary.failed += 1
            summary.errors.append((path, exc.reason))
            print(f"docextract: error: {exc}", file=sys.stderr)
            continue
        write_atomically(out_dir / output_name(path, index), json.dumps(record, ensure_ascii=False, indent=1))
        summary.done += 1
    return summary
