"""The one serialiser: DocumentRecord -> the SPEC JSON record (``schema: docextract/1``).

The record is described field by field in docs/FORMAT.md; its JSON Schema ships as
docextract/data/record.schema.json (``docextract schema``)."""
from __future__ import annotations

import copy
import dataclasses
import json
from functools import lru_cache
from pathlib import Path

from .identity import document_key
from .model import DocumentRecord, Section

SCHEMA = "docextract/1"


_ATOMS = frozenset({str, int, float, bool, type(None)})  # returned as they are (immutable)


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, in order; None for any other type."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


def _plain(value):
    """JSON-ready copy: dataclasses become dicts (field order), tuples (spans) and lists become lists.

    What dataclasses.asdict followed by a tuple-to-list pass gave, in one pass and without
    asdict's deep copy of every string and number (atoms are kept inline: no call for them).
    """
    if type(value) in _ATOMS:
        return value
    names = _field_names(type(value))
    if names is not None:
        out = {}
        for name in names:
            item = getattr(value, name)
            out[name] = item if type(item) in _ATOMS else _plain(item)
        return out
    if isinstance(value, (list, tuple)):
        return [item if type(item) in _ATOMS else _plain(item) for item in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return copy.deepcopy(value)


def _section(node: Section) -> dict:
    return {
        "id": node.id,
        "label": node.label,
        "path": node.path,
        "heading": node.heading,
        "span": list(node.span),
        "heading_span": list(node.heading_span),
        "kind": node.kind,
        "implied": node.implied,
        "children": [_section(c) for c in node.children],
    }


# Keys put first in a task and an assignee (the rest follow in the model's field order), so that
# a reader sees the identity of each beside its id.
_TASK_FIRST = ("id", "key")
_ASSIGNEE_FIRST = ("agency", "canonical", "role")


def _ordered(item: dict, first: tuple[str, ...]) -> dict:
    return {**{k: item[k] for k in first if k in item}, **item}


def to_dict(record: DocumentRecord, *, include_text: bool = True) -> dict:
    """The SPEC record. Every optional field is present (null when unset; a deadline has the same
    keys whatever its kind); only ``text`` is left out, with ``include_text=False``."""
    info = _plain(record.document)
    spans = info.pop("spans")
    info.pop("province")
    about = info.pop("about_province")
    instructs = info.pop("instructs")
    out = {
        "schema": SCHEMA,
        "key": document_key(record),
        "source": _plain(record.source),
        "document": info,
        "document_spans": spans,
        "province": record.document.province,
        "about_province": about,
        "instructs": instructs,
        "sections": [_section(s) for s in record.sections],
        "references": [_plain(r) for r in record.references],
        "tasks": [],
        "targets": [],
    }
    for task in record.tasks:
        item = _plain(task)
        item["assignees"] = [_ordered(a, _ASSIGNEE_FIRST) for a in item["assignees"]]
        out["tasks"].append(_ordered(item, _TASK_FIRST))
    for target in record.targets:
        out["targets"].append(_plain(target))
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
