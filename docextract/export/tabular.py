"""The task list as a table: CSV (UTF-8 with a BOM, so that Excel reads the Vietnamese right) and
an Excel workbook (openpyxl: one sheet, a document column, frozen header, wrapped text)."""
from __future__ import annotations

import csv
import io
from datetime import date

from .rows import TaskRow

# (column id, Vietnamese heading, width in the workbook): the id heads the CSV (stable for
# programs), the heading the workbook (read by people).
COLUMNS = [
    ("document", "Văn bản", 22),
    ("section", "Mục", 10),
    ("task", "Nội dung nhiệm vụ", 70),
    ("lead", "Cơ quan chủ trì", 30),
    ("support", "Cơ quan phối hợp", 30),
    ("requested", "Cơ quan được đề nghị", 24),
    ("deadline_kind", "Loại thời hạn", 12),
    ("deadline_date", "Hạn hoàn thành", 14),
    ("deadline_text", "Thời hạn (nguyên văn)", 26),
    ("targets", "Chỉ tiêu", 30),
    ("confidence", "Độ tin cậy", 11),
    ("key", "Mã nhiệm vụ", 18),
]
JOIN = "; "  # between two agencies or two targets in one cell


def _columns(rows: list[TaskRow]) -> list[tuple[str, str, int]]:
    """The columns to write: confidence only when some task has one."""
    with_confidence = any(row.confidence is not None for row in rows)
    return [c for c in COLUMNS if c[0] != "confidence" or with_confidence]


def _cells(row: TaskRow) -> dict:
    return {
        "document": row.document,
        "section": row.section,
        "task": row.text,
        "lead": JOIN.join(row.lead),
        "support": JOIN.join(row.support),
        "requested": JOIN.join(row.requested),
        "deadline_kind": row.deadline_kind or "",
        "deadline_date": row.deadline_date or "",
        "deadline_text": row.deadline_text or "",
        "targets": JOIN.join(row.targets),
        "confidence": "" if row.confidence is None else round(row.confidence, 4),
        "key": row.key,
    }


def to_csv(rows: list[TaskRow]) -> bytes:
    columns = _columns(rows)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # CRLF, as Excel writes CSV
    writer.writerow([c[0] for c in columns])
    for row in rows:
        cells = _cells(row)
        writer.writerow([cells[c[0]] for c in columns])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[TaskRow]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = _columns(rows)
    book = Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    sheet.append([c[1] for c in columns])
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = wrap
    for row in rows:
        cells = _cells(row)
        if row.deadline_date:  # a real date, so that Excel sorts and filters by it
            cells["deadline_date"] = date.fromisoformat(row.deadline_date)
        sheet.append([cells[c[0]] for c in columns])
    for index, (name, _, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.alignment = wrap
            if name == "deadline_date" and cell.value:
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
