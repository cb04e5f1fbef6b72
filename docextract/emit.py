"""The one serialiser: DocumentRecord -> the SPEC JSON record (``schema: docextract/1``)."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from .model import Deadline, DocumentRecord, Section

SCHEMA = "docextract/1"


def _clean(value):
    """Tuples (spans) become lists; nested dataclasses are already dicts after asdict."""
    if isinstance(value, tuple):
        return [_clean(v) for v in value]
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _section(node: Section) -> dict:
    return {
        "id": node.id,
        "label": node.label,
        "path": node.path,
        "heading": node.heading,
        "span": list(node.span),
        "heading_span": list(node.heading_span),
        "kind": node.kind,
        **({"implied": True} if node.implied else {}),
        "children": [_section(c) for c in node.children],
    }


def _deadline(d: Deadline | None):
    if d is None:
        return None
    out = {k: v for k, v in _clean(asdict(d)).items() if v is not None}
    return out


def to_dict(record: DocumentRecord, *, include_text: bool = True) -> dict:
    info = asdict(record.document)
    spans = info.pop("spans")
    info.pop("province")
    out = {
        "schema": SCHEMA,
        "source": {k: v for k, v in asdict(record.source).items() if v is not None},
        "document": info,
        "document_spans": _clean(spans),
        "province": record.document.province,
        "sections": [_section(s) for s in record.sections],
        "references": [_clean(asdict(r)) for r in record.references],
        "tasks": [],
        "targets": [],
    }
    for task in record.tasks:
        item = _clean(asdict(task))
        item["deadline"] = _deadline(task.deadline)
        item["deadlines"] = [_deadline(d) for d in task.deadlines]
        item["assignees"] = [{k: v for k, v in a.items() if v is not None} for a in item["assignees"]]
        out["tasks"].append(item)
    for target in record.targets:
        item = _clean(asdict(target))
        item["deadline"] = _deadline(target.deadline)
        out["targets"].append(item)
    if record.warnings:
        out["warnings"] = list(record.warnings)
    if include_text:
        out["text"] = record.text
    return out


def dumps(record: DocumentRecord, *, include_text: bool = True, indent: int | None = 1) -> str:
    return json.dumps(to_dict(record, include_text=include_text), ensure_ascii=False, indent=indent)


def output_name(source_path: str | None, index: int = 0) -> str:
    """``DIR/NAME.json`` for input ``NAME.ext`` (SPEC §6)."""
    if not source_path or source_path == "-":
        return f"stdin-{index}.json" if index else "stdin.json"
    return Path(source_path).stem + ".json"
