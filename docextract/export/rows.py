"""One flat row per task, read from SPEC records (dicts): what every export format writes.

Reads only the emitted record (``docextract.emit.to_dict``), never a pipeline stage, so that a
record saved yesterday exports the same as one extracted now.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

# Comparators as a reader writes them ("≥ 95%").
COMPARATOR_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "", "range": ""}


@dataclass(frozen=True)
class TaskRow:
    """One task, flattened (agencies by their canonical name, several joined with "; ")."""

    document: str  # the document's number, else its title, else its file name
    document_key: str
    issued_date: Optional[str]
    key: str
    number: int  # 1, 2 ... within its document
    section: str
    text: str
    lead: list[str]
    support: list[str]
    requested: list[str]
    deadline_kind: Optional[str]
    deadline_date: Optional[str]
    deadline_start: Optional[str]
    deadline_every: Optional[str]
    deadline_text: Optional[str]
    targets: list[str]
    confidence: Optional[float]


def document_label(record: dict) -> str:
    info = record.get("document") or {}
    source = record.get("source") or {}
    return (info.get("number") or info.get("title") or source.get("path") or record.get("key")
            or "(không số)")


def _number(value) -> str:
    """95.0 -> "95", 2.5 -> "2,5" (the Vietnamese decimal comma), never an exponent."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def target_label(target: dict) -> str:
    """A numeric target in a few words: "≥ 95%: hồ sơ được giải quyết đúng hạn"."""
    value = _number(target["value"])
    if target.get("comparator") == "range" and target.get("value_max") is not None:
        value = f"{value}–{_number(target['value_max'])}"
    sign = COMPARATOR_SIGNS.get(target.get("comparator"), target.get("comparator") or "")
    unit = target.get("unit") or ""
    figure = f"{sign} {value}".strip() + (unit if unit == "%" else f" {unit}" if unit else "")
    return f"{figure}: {target['metric']}" if target.get("metric") else figure


def _names(task: dict, role: str) -> list[str]:
    out = []
    for assignee in task.get("assignees") or []:
        if assignee.get("role") == role:
            name = assignee.get("canonical") or assignee.get("agency")
            if name and name not in out:
                out.append(name)
    return out


def task_rows(records: list[dict]) -> list[TaskRow]:
    """Every task of every record, in record order then document order."""
    rows = []
    for record in records:
        label = document_label(record)
        targets = {t.get("id"): t for t in record.get("targets") or []}
        for number, task in enumerate(record.get("tasks") or [], 1):
            deadline = task.get("deadline") or {}
            rows.append(TaskRow(
                document=label,
                document_key=record.get("key") or label,
                issued_date=(record.get("document") or {}).get("issued_date"),
                key=task.get("key") or task.get("id") or str(number),
                number=number,
                section=task.get("path") or "",
                text=task.get("text") or "",
                lead=_names(task, "lead"),
                support=_names(task, "support"),
                requested=_names(task, "requested"),
                deadline_kind=deadline.get("kind"),
                deadline_date=deadline.get("date"),
                deadline_start=deadline.get("start"),
                deadline_every=deadline.get("every"),
                deadline_text=deadline.get("text"),
                targets=[target_label(targets[t]) for t in task.get("targets") or [] if t in targets],
                confidence=task.get("confidence"),
            ))
    return rows


def vietnamese_date(iso: Optional[str]) -> str:
    """"2018-09-30" -> "30/09/2018" (as dates are written in Vietnamese documents)."""
    if not iso or len(iso) != 10:
        return iso or ""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def due_label(row: TaskRow) -> str:
    """The annex's "Thời gian hoàn thành": the deadline as written, with its due date."""
    if not row.deadline_text:
        return ""
    text = row.deadline_text[:1].upper() + row.deadline_text[1:]
    if row.deadline_date and row.deadline_kind in ("by", "period"):
        return f"{text} ({vietnamese_date(row.deadline_date)})"
    return text
