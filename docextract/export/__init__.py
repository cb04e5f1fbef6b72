"""Exports of the task list: CSV, Excel, a Word annex and an iCalendar file.

    from docextract.export import FORMATS, export_tasks
    data = export_tasks([to_dict(extract("kh.txt"))], "xlsx")   # the file's bytes

``records`` are SPEC records as dicts (``docextract.to_dict``, or JSON files read back); one row
per task (the calendar holds only the tasks with a date or a recurrence, see ``docextract.export.ical``).
"""
from __future__ import annotations

from .rows import TaskRow, task_rows

FORMATS = ("csv", "xlsx", "docx", "ics")

# format -> (file suffix, media type), for a file name or an HTTP response
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "ics": "text/calendar; charset=utf-8",
}


def export_tasks(records: list[dict], fmt: str) -> bytes:
    """The tasks of ``records`` as a file of format ``fmt`` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    rows = task_rows(records)
    if fmt == "csv":
        from .tabular import to_csv

        return to_csv(rows)
    if fmt == "xlsx":
        from .tabular import to_xlsx

        return to_xlsx(rows)
    if fmt == "docx":
        from .annex import to_docx

        return to_docx(rows)
    from .ical import to_ics

    return to_ics(rows)


__all__ = ["FORMATS", "MEDIA_TYPES", "TaskRow", "export_tasks", "task_rows"]
