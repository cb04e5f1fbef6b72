"""Task tables: one task per row (SPEC §4, issue: "Tables that assign tasks ... give one task per row").

Two shapes reach this module:

- flattened tables of web captures, one cell per paragraph after the normaliser ("TT",
  "Nội dung/nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", then "1",
  "<task>", "<lead>", "<support>", "<time>", "2", ...); empty cells are lost, so cells are put
  back in their columns by what they hold (bodies, a date) when a row is short;
- one row per paragraph with "|" between the cells (Markdown-like captures and .docx tables).

A header is recognised by its column names (docextract/data/table_columns.json); rows start at
a cell that is the row number (1, 2, ... or I, II for a group heading).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

from .. import vocab
from ..agencies import find_agencies
from ..model import Assignee, Paragraph
from .assemble import Inherited, Unit
from .context import DocContext
from .deadlines import shift, cell_deadline

# A row-number cell: "1", "12.", "I", "IV", "1.2".
ROW_NUMBER = re.compile(r"^\s*(?P<n>\d{1,3}(?:\.\d{1,2})?|[IVX]{1,5})\s*\.?\s*$")
# A Roman row number (a group heading row: "I", "II").
ROMAN_ROW = re.compile(r"[IVX]{1,5}")
# A group heading row whose number and upper-case title share one cell ("I. NÂNG CAO NHẬN THỨC"):
# it stands between rows like a bare "I" and belongs to no task.
GROUP_ROW_TITLE = re.compile(r"^\s*[IVX]{1,5}\.\s+[\p{Lu}\d][\p{Lu}\d\s,;:.\-–()/&]*$")
# Runs of white space in a cell (read as one space).
WHITESPACE_RUN = re.compile(r"\s+")
# The white space and marks column_role strips from the start of a header cell.
HEADER_CELL_LEAD = re.compile(r"[\s:.*]*")
MAX_HEADER_CELL = 60  # characters: a header cell is a short column name
MAX_CELLS_PER_ROW_SLACK = 2


@dataclass
class Column:
    role: str  # number | task | lead | support | time | other
    title: str


@lru_cache(maxsize=1)
def _columns() -> dict[str, list[str]]:
    data = vocab.load("table_columns.json")
    return {k: sorted((p.lower() for p in v), key=len, reverse=True) for k, v in data["columns"].items()}


@lru_cache(maxsize=1)
def _column_lookup() -> tuple[dict[str, str], dict[str, str], dict[str, int], int]:
    """(whole, opening, rank, longest): the role of a column name that is the whole cell, the role
    of a column name that opens a longer cell (not the number column), the order of the roles in
    table_columns.json (a name listed under several roles gives the first) and the length of the
    longest opening name."""
    whole: dict[str, str] = {}
    opening: dict[str, str] = {}
    rank: dict[str, int] = {}
    for role, names in _columns().items():
        rank[role] = len(rank)
        for name in names:
            whole.setdefault(name, role)
            if role != "number":
                opening.setdefault(name, role)
    return whole, opening, rank, max(map(len, opening), default=0)


def _too_long(cell: str) -> bool:
    """More than MAX_HEADER_CELL characters of the cell's start are neither white space nor ":.*"
    (column_role keeps all of them): too long for a column name, told without reading the whole
    cell. In a printable text the only white space is " " (False when unsure)."""
    head = cell[:2 * MAX_HEADER_CELL]
    if len(head) <= MAX_HEADER_CELL or not head.isprintable():
        return False
    return len(head) - head.count(" ") - head.count(":") - head.count(".") - head.count("*") > MAX_HEADER_CELL


def column_role(cell: str) -> str | None:
    """The role of a header cell: a column name, whole or followed by " ", "/" or "," ("Nội dung
    công việc/sản phẩm")."""
    if _too_long(cell):
        return None
    low = WHITESPACE_RUN.sub(" ", cell.lower()).strip(" :.*")
    if len(low) > MAX_HEADER_CELL:
        return None
    whole, opening, rank, longest = _column_lookup()
    role = whole.get(low)
    if role is not None:
        return role
    for k, ch in enumerate(low[:longest + 1]):
        if ch in " /,":
            found = opening.get(low[:k])
            if found is not None and (role is None or rank[found] < rank[role]):
                role = found
    return role


@lru_cache(maxsize=1)
def _number_name_openings() -> tuple[frozenset[str], frozenset[str]]:
    """The first characters and the first two characters of the names of the number column
    ("t", "s"; "tt", "st", "số")."""
    whole, *_ = _column_lookup()
    names = [name for name, role in whole.items() if role == "number"]
    return frozenset(name[:1] for name in names), frozenset(name[:2] for name in names)


def _may_name_number_column(cell: str) -> bool:
    """False when the first character of ``cell`` rules out a name of the number column (most
    cells: no white space or mark to skip, and a letter that opens no such name)."""
    first = cell[:1]
    return first.isspace() or first in ":.*" or first.lower()[:1] in _number_name_openings()[0]


def _names_number_column(cell: str) -> bool:
    """column_role(cell) == "number". A number column's name is the whole cell (column_role reads
    it whole), so the cell's first characters, read as column_role reads them, must open one: most
    cells are ruled out by these alone."""
    if not _may_name_number_column(cell):
        return False
    openings = _number_name_openings()[1]
    k = HEADER_CELL_LEAD.match(cell).end()
    if WHITESPACE_RUN.sub(" ", cell[k:k + 2].lower())[:2] not in openings:
        return False
    return column_role(cell) == "number"


def _header_at(cells: list[str], i: int) -> list[Column] | None:
    """Columns of a header starting at cells[i] (the number column first), or None."""
    if not _names_number_column(cells[i]):
        return None
    cols = [Column("number", cells[i])]
    j = i + 1
    while j < len(cells) and len(cols) < 10:
        role = column_role(cells[j])
        if role is None or role == "number":
            break
        cols.append(Column(role, cells[j]))
        j += 1
    roles = {c.role for c in cols}
    if "task" in roles and ("lead" in roles or "support" in roles):
        return cols
    return None


def _is_agency_cell(ctx: DocContext, para: Paragraph) -> bool:
    return bool(find_agencies(ctx.text, para.span[0], para.span[1], province=ctx.province))


def _assign_cells(ctx: DocContext, cols: list[Column], cells: list[Paragraph]) -> dict[str, Paragraph]:
    """Map the cells of one row (number cell excluded) to column roles."""
    roles = [c.role for c in cols[1:]]
    if len(cells) == len(roles):
        return {role: cell for role, cell in zip(roles, cells) if role not in ("other",)}
    out: dict[str, Paragraph] = {}
    if not cells:
        return out
    out["task"] = cells[0]
    pending = [r for r in roles if r != "task"]
    for cell in cells[1:]:
        while pending:
            role = pending.pop(0)
            if role in ("lead", "support") and _is_agency_cell(ctx, cell):
                out[role] = cell
                break
            if role == "time" and cell_deadline(cell.text, ctx.year) is not None:
                out[role] = cell
                break
            if role == "other":
                if _is_agency_cell(ctx, cell) or cell_deadline(cell.text, ctx.year) is not None:
                    continue  # the product column was empty: try the next column
                break
        else:
            break
    return out


def _rows_flat(ctx: DocContext, paras: list[Paragraph], start: int, cols: list[Column]) -> tuple[list[Unit], int]:
    """Rows after a flattened header; returns (units, index after the table)."""
    units = []
    ncols = len(cols)
    i = start
    expected = 1
    while i < len(paras):
        m = ROW_NUMBER.match(paras[i].text)
        if not m:
            if GROUP_ROW_TITLE.match(paras[i].text):
                i += 1
                continue
            break
        label = m.group("n")
        if label.isdigit() and int(label) not in (expected, 1):
            break
        expected = int(label) + 1 if label.isdigit() else 1
        j = i + 1
        while j < len(paras) and not _row_start(paras[j].text, expected, label) and j - i <= ncols + MAX_CELLS_PER_ROW_SLACK:
            j += 1
        cells = paras[i + 1:j]
        if label.isdigit():
            unit = _row_unit(ctx, cols, cells, label)
            if unit is not None:
                units.append(unit)
        if j - i > ncols + MAX_CELLS_PER_ROW_SLACK:
            return units, j
        i = j
    return units, i


def _row_start(text: str, expected: int, current: str) -> bool:
    m = ROW_NUMBER.match(text)
    if not m:
        return bool(GROUP_ROW_TITLE.match(text))
    n = m.group("n")
    if n.isdigit():
        return int(n) in (expected, 1)
    return bool(ROMAN_ROW.fullmatch(n))


def _row_unit(ctx: DocContext, cols: list[Column], cells: list[Paragraph], label: str) -> Unit | None:
    mapping = _assign_cells(ctx, cols, cells)
    task = mapping.get("task")
    if task is None or len(task.text.split()) < 3:
        return None
    assignees: list[Assignee] = []
    for role in ("lead", "support"):
        cell = mapping.get(role)
        if cell is None:
            continue
        for m in find_agencies(ctx.text, cell.span[0], cell.span[1], province=ctx.province):
            assignees.append(Assignee(m.name, role, (m.start, m.end)))
    time = mapping.get("time")
    deadline = cell_deadline(time.text, ctx.year) if time is not None else None
    if deadline is not None and time is not None:
        if deadline.span is not None:  # found inside the cell: move to document offsets
            deadline = shift(deadline, time.span[0])
        else:  # the whole cell is the deadline ("2026", "giai đoạn 2026-2030")
            deadline.span, deadline.text = time.span, time.text
    return Unit(task.span, None, Inherited(), "row", fixed_assignees=assignees, fixed_deadline=deadline, path=label)


def _split_pipe_row(para: Paragraph) -> list[tuple[str, tuple[int, int]]]:
    """Cells of a "| a | b | c |" paragraph with their spans."""
    out = []
    text = para.text
    pos = 0
    for part in text.split("|"):
        start = para.span[0] + pos
        pos += len(part) + 1
        stripped = part.strip()
        if not stripped:
            continue
        lead = len(part) - len(part.lstrip())
        out.append((stripped, (start + lead, start + lead + len(stripped))))
    return out


def _rows_pipe(ctx: DocContext, paras: list[Paragraph], start: int, cols: list[Column]) -> tuple[list[Unit], int]:
    units = []
    i = start
    while i < len(paras) and paras[i].text.count("|") >= 2:
        cells = _split_pipe_row(paras[i])
        if cells and ROW_NUMBER.match(cells[0][0]) and cells[0][0].strip(" .").isdigit():
            fake = [Paragraph(span, text, "body") for text, span in cells[1:]]
            unit = _row_unit(ctx, cols, fake, cells[0][0].strip(" ."))
            if unit is not None:
                units.append(unit)
        i += 1
    return units, i


def table_units(ctx: DocContext) -> list[Unit]:
    """A task per row of every task table of the document."""
    return read_task_tables(ctx)[0]


def read_task_tables(ctx: DocContext) -> tuple[list[Unit], list[tuple[int, int]]]:
    """(a task per row of every task table, the span of each table from its header to its last
    row): the cells of a table are its rows' fields, never tasks of their own."""
    extents: list[tuple[int, int]] = []
    paras = [p for p in ctx.paragraphs if p.zone not in ("chrome", "header")]
    units: list[Unit] = []
    cells = [p.text for p in paras]
    # Where a table may start: a row with "|" between its cells, or a cell that may name the
    # number column (no other paragraph is looked at).
    starts = [k for k, cell in enumerate(cells) if "|" in cell or _may_name_number_column(cell)]
    i = 0  # the first paragraph after the tables read so far
    for k in starts:
        if k < i:
            continue  # inside a table read already
        if paras[k].text.count("|") >= 2:
            texts = [c for c, _ in _split_pipe_row(paras[k])]
            cols = _header_at(texts, 0) if texts else None
            if cols:
                found, i = _rows_pipe(ctx, paras, k + 1, cols)
                units.extend(found)
                extents.append((paras[k].span[0], paras[i - 1].span[1]))
            continue
        cols = _header_at(cells, k)
        if cols:
            found, i = _rows_flat(ctx, paras, k + len(cols), cols)
            units.extend(found)
            if found:
                extents.append((paras[k].span[0], paras[i - 1].span[1]))
    return units, extents
