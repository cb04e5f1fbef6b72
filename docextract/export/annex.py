"""The task list as the annex a provincial office attaches to a plan ("Phụ lục phân công nhiệm
vụ"): a Word document (python-docx), one titled table per document with the five standard
columns STT, Nội dung nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian hoàn thành."""
from __future__ import annotations

import io
from itertools import groupby

from .rows import TaskRow, due_label, vietnamese_date

HEADINGS = ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành")
WIDTHS_CM = (1.2, 11.0, 5.0, 5.0, 4.3)  # a landscape A4 page, 2 cm margins
FONT = "Times New Roman"  # the font of Vietnamese administrative documents (Nghị định 30/2020)
REQUESTED_MARK = " (đề nghị)"  # a body outside the issuer's command, asked rather than ordered


def _lead_cell(row: TaskRow) -> str:
    return "\n".join([*row.lead, *(name + REQUESTED_MARK for name in row.requested)])


def _caption(row: TaskRow) -> str:
    caption = f"(Kèm theo văn bản số {row.document}" if row.document[:1].isdigit() else f"({row.document}"
    if row.issued_date:
        caption += f" ngày {vietnamese_date(row.issued_date)}"
    return caption + ")"


def _mark_header_row(row) -> None:
    """Repeat the table's first row at the top of every page (w:tblHeader)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def to_docx(rows: list[TaskRow]) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)

    groups = [list(group) for _, group in groupby(rows, key=lambda r: r.document_key)]
    if not groups:
        document.add_paragraph("Không có nhiệm vụ nào.")
    for index, group in enumerate(groups):
        if index:
            document.add_page_break()
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.add_run("PHỤ LỤC\nPHÂN CÔNG NHIỆM VỤ").bold = True
        caption = document.add_paragraph(_caption(group[0]))
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.runs[0].italic = True

        table = document.add_table(rows=1, cols=len(HEADINGS))
        table.style = "Table Grid"
        table.autofit = False
        for column, width in zip(table.columns, WIDTHS_CM):  # the grid LibreOffice reads
            column.width = Cm(width)
        for cell, heading, width in zip(table.rows[0].cells, HEADINGS, WIDTHS_CM):
            cell.text = ""
            run = cell.paragraphs[0].add_run(heading)
            run.bold = True
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cell.width = Cm(width)
        _mark_header_row(table.rows[0])
        for row in group:
            cells = table.add_row().cells
            values = (str(row.number), row.text, _lead_cell(row), "\n".join(row.support), due_label(row))
            for cell, value, width in zip(cells, values, WIDTHS_CM):
                cell.text = value
                cell.width = Cm(width)
            cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
