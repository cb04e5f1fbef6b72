"""The dated tasks as an iCalendar file (the icalendar package) that a calendar or task app imports:
one VTODO per task that has a due date or a recurrence.

- ``by``: DUE the due date; ``period``: DTSTART its start, DUE its end;
- ``recurring`` with an interval: DTSTART the deadline's start, else the document's date, else
  today; DUE one interval later and an RRULE repeating it (``hằng quý`` -> FREQ=MONTHLY;INTERVAL=3);
- a task that is ``ongoing``, ``relative`` (to an event the text names) or has no deadline has no
  date a calendar can hold and is left out (the other formats list every task).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Optional

from .rows import TaskRow

# every -> (RRULE FREQ, INTERVAL, one interval as a timedelta for the first DUE)
RECURRENCE = {
    "year": ("YEARLY", 1, timedelta(days=365)),
    "half_year": ("MONTHLY", 6, timedelta(days=182)),
    "quarter": ("MONTHLY", 3, timedelta(days=91)),
    "month": ("MONTHLY", 1, timedelta(days=30)),
    "week": ("WEEKLY", 1, timedelta(days=7)),
    "day": ("DAILY", 1, timedelta(days=1)),
}
SUMMARY_LENGTH = 120  # characters of the task's text in the title; the whole text is the description
PRODID = "-//docextract//tasks//VI"


def _day(iso: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def _summary(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH - 1].rstrip() + "…"


def _description(row: TaskRow) -> str:
    lines = [row.text, "", f"Văn bản: {row.document}" + (f", mục {row.section}" if row.section else "")]
    for label, names in (("Chủ trì", row.lead), ("Phối hợp", row.support), ("Đề nghị", row.requested)):
        if names:
            lines.append(f"{label}: {'; '.join(names)}")
    if row.deadline_text:
        lines.append(f"Thời hạn: {row.deadline_text}")
    if row.targets:
        lines.append(f"Chỉ tiêu: {'; '.join(row.targets)}")
    return "\n".join(lines)


def schedule(row: TaskRow) -> Optional[tuple[Optional[date], date, Optional[dict]]]:
    """(DTSTART, DUE, RRULE) of a task, or None when it has no date a calendar can hold."""
    due = _day(row.deadline_date)
    if row.deadline_kind == "recurring" and row.deadline_every in RECURRENCE:
        freq, interval, step = RECURRENCE[row.deadline_every]
        # from the document's date; a document without one recurs from today (the day of import)
        start = _day(row.deadline_start) or _day(row.issued_date) or due or date.today()
        rule = {"FREQ": freq, "INTERVAL": interval}
        if due and due > start:
            rule["UNTIL"] = due
        return start, start + step, rule
    if due is None:
        return None
    start = _day(row.deadline_start) if row.deadline_kind == "period" else None
    return (start if start and start <= due else None), due, None


def to_ics(rows: list[TaskRow]) -> bytes:
    from icalendar import Calendar, Todo

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Nhiệm vụ (docextract)")
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    for row in rows:
        planned = schedule(row)
        if planned is None:
            continue
        start, due, rule = planned
        todo = Todo()
        todo.add("uid", f"{row.key}@docextract")
        todo.add("dtstamp", stamp)
        todo.add("summary", _summary(row.text))
        todo.add("description", _description(row))
        if start is not None:
            todo.add("dtstart", start)
        todo.add("due", due)
        if rule:
            todo.add("rrule", rule)
        todo.add("status", "NEEDS-ACTION")
        todo.add("categories", [row.document])
        calendar.add_component(todo)
    return calendar.to_ical()
