"""PDF -> text, one paragraph per line, with pdfplumber (pdfminer).

Text is rebuilt from the characters, not from pdfminer's words, so that a syllable whose
letters come from two font subsets ("v" + "ăn") stays one word: a space is put only where the
gap between two letters is as wide as a space. Then, page by page:

- lines are clustered from the characters (superscript footnote numbers stay on their line and
  become "[n]");
- running headers and footers (a line that repeats at the top or bottom of the pages once digits
  are ignored) and page numbers are dropped;
- the footnotes under the short rule at the foot of a page are moved after the body as
  "[n] text" lines;
- ruled tables are read with pdfplumber's table finder: one row per line, cells joined by " | ";
- two-column blocks (the header: issuer and Số on the left, Quốc hiệu and the place and date on
  the right; the signature: Nơi nhận | signer) are read column by column;
- lines are joined into paragraphs (a line that reaches the right margin continues on the next
  unless that one is indented or starts a new item), across pages too.

A PDF without a text layer (a scan) or with a password gets UnreadableInput saying so.
"""
from __future__ import annotations

import contextlib
import gc
import io
import operator
import re
import statistics
import time
from dataclasses import dataclass, field

from ..errors import UnreadableInput
from .legacy import convert_font_run, encoding_for_font, is_syllable, vietnamese_score

MAX_PAGES = 5000
# A page that takes longer than this to read (seconds of CPU) is no text page: a hostile or broken
# content stream. The file is refused rather than holding a worker.
MAX_PAGE_SECONDS = 20

# A page number alone on its line: "12", "- 12 -", "Trang 3", "3/10", "Page 3 of 10".
PAGE_NUMBER_RE = re.compile(r"^[\s\-–—.]*(?:(?:trang|page)\s*)?\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?[\s\-–—.]*$", re.I)
# The start of a new item: "1.", "2.1.", "a)", "đ)", "-", "+", "•", "Điều 5", "Chương II", "I.".
ITEM_START_RE = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]\s|[a-zđ]\)\s|[-+•–]\s|(?:Điều|Chương|Mục|Phần|Tiểu mục)\s+[\dIVXLC]+\b|[IVXLC]{1,6}[.)]\s)"
)
_UNITS_BEFORE_POWER = re.compile(r"(?:^|[^\w])(?:k|c|d|m)?m$")
# Small helpers, compiled once rather than looked up in the re cache on every call.
_TRAILING_LETTERS = re.compile(r"[^\W\d_]+$")  # the letters a piece ends with
_FOOTNOTE_START = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}\s)")  # "[3]" or "3 " opening a footnote
_BRACKET_NOTE_START = re.compile(r"^\[\d+\]")
_BRACKET_NOTE = re.compile(r"^\[(\d+)\]\s*(.*)$")
_NUMBERED_NOTE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_DIGITS = re.compile(r"\d+")
_WHITESPACE = re.compile(r"\s+")
_HYPHEN_END = re.compile(r"\w-$")  # a token cut after its hyphen by the line end ("9001-")
_CAPITALS = re.compile(r"[A-ZĐ]{2,}")
_TITLE_END = re.compile(r"[.:;]$")
_SENTENCE_END = re.compile(r"[.;:!?]$")
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass
class Word:
    x0: float
    x1: float
    text: str


@dataclass
class Line:
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str
    words: list[Word] = field(default_factory=list)
    kind: str = "body"  # body | table | header
    bold: bool = False
    starts_note: str | None = None  # footnote number when the line opens a footnote


def _open(data: bytes, name: str):
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # parses the page tree; fails here on a broken file
        return pdf
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types
        raise UnreadableInput(name, _explain_open_error(exc)) from None


@contextlib.contextmanager
def _no_cycle_collection():
    """Python's cycle collector paused while one page is read. A page makes thousands of char
    dicts that all live until ``page.close()``; the collector would scan them again and again
    (a sixth of the reading time) although they are freed by reference counting, cycle-free.
    Turned back on after the page, so that nothing is held beyond it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _explain_open_error(exc: Exception) -> str:
    chain = [exc]
    while chain[-1].__cause__ or chain[-1].__context__ or (chain[-1].args and isinstance(chain[-1].args[0], Exception)):
        nxt = chain[-1].__cause__ or chain[-1].__context__ or chain[-1].args[0]
        if nxt in chain or len(chain) > 5:
            break
        chain.append(nxt)
    names = " ".join(type(e).__name__ + " " + str(e) for e in chain)
    if "Password" in names or "Encrypt" in names or "encrypt" in names:
        return "encrypted PDF (password-protected): cannot be read without the password"
    return f"damaged PDF, cannot be parsed ({type(exc).__name__}: {exc})"


def read_pdf(data: bytes, name: str) -> str:
    pdf = _open(data, name)
    try:
        if len(pdf.pages) > MAX_PAGES:
            raise UnreadableInput(name, f"PDF with {len(pdf.pages)} pages: refused (limit {MAX_PAGES})")
        pages, notes = [], []
        glyphs: dict = {}  # each font's glyphs (text, width), looked up once for the file
        with _no_cycle_collection():
            for page in pdf.pages[:10]:
                page._objects = _page_objects(page, glyphs)
        stats = {"chars": 0, "cid": 0, "images": 0, "legacy": _legacy_fonts_hold_legacy_text(pdf.pages[:10])}
        for number, page in enumerate(pdf.pages, start=1):
            began = time.process_time()
            with _no_cycle_collection():
                try:
                    if not hasattr(page, "_objects"):
                        page._objects = _page_objects(page, glyphs)
                    lines = _page_lines(page, stats, notes)
                    for line in lines:
                        line.words = []  # the word boxes served the page's column blocks; memory stays flat
                    pages.append(lines)
                except UnreadableInput:
                    raise
                except Exception as exc:  # noqa: BLE001 - one bad page content stream
                    if "Password" in type(exc).__name__ or "Encrypt" in str(exc):
                        raise UnreadableInput(name, "encrypted PDF (password-protected): cannot be read") from None
                    pages.append([])
                finally:
                    page.close()  # memory stays flat: only this page's characters are ever held
            if time.process_time() - began > MAX_PAGE_SECONDS:
                raise UnreadableInput(name, f"page {number} of the PDF takes more than {MAX_PAGE_SECONDS} s to read "
                                            "(a damaged or hostile page): refused")
    except UnreadableInput:
        raise
    except Exception as exc:  # noqa: BLE001
        raise UnreadableInput(name, _explain_open_error(exc)) from None
    finally:
        pdf.close()
    if stats["chars"] < 20 and stats["images"]:
        raise UnreadableInput(name, "PDF has no text layer (scanned images only): needs OCR")
    if stats["chars"] == 0:
        raise UnreadableInput(name, "PDF contains no text")
    if stats["cid"] > 0.3 * stats["chars"]:
        raise UnreadableInput(name, "PDF fonts have no Unicode map (text shows as (cid:n)): needs OCR")
    _drop_running_lines(pages)
    paragraphs = _paragraphs(pages)
    if notes:
        paragraphs.append("")
        paragraphs.extend(notes)
    return "\n".join(paragraphs).strip("\n") + "\n"


# ------------------------------------------------------------------ characters to lines


def _page_objects(page, glyphs: dict) -> dict[str, list[dict]]:
    """pdfplumber's ``page.objects``, its characters made straight from pdfminer's text operators
    (pdfchars.py: the same keys and values, without pdfminer's LTChar and pdfplumber's generic
    ``process_object``, which took two thirds of the reading time)."""
    from .pdfchars import page_objects

    return page_objects(page, glyphs)


def _page_lines(page, stats, notes) -> list[Line]:
    stats["images"] += len(page.images)
    chars = []
    seen = set()
    page_chars = page.chars
    # vertical text (a stamp, a side note) is left out, unless the page holds nothing else
    upright = sum(1 for c in page_chars if c.get("upright", True))
    keep_vertical = upright < len(page_chars) / 2
    legacy_fonts: dict | None = {} if stats["legacy"] else None  # font name -> its legacy encoding
    counted = cid = 0
    try:
        for c in page_chars:
            original = c.get("text")
            # a glyph painted twice at the same place (fake bold) is one letter
            key = (original, round(c["x0"]), round(c["top"]))
            if key in seen:
                continue
            seen.add(key)
            text = original or ""
            if (not keep_vertical and not c.get("upright", True)) or not text.strip() and text != " ":
                continue
            if text.startswith("(cid:"):
                cid += 1
            if legacy_fonts is not None:
                font = c.get("fontname")
                legacy = legacy_fonts.get(font, False)
                if legacy is False:
                    legacy = legacy_fonts[font] = encoding_for_font(font)
                if legacy:
                    text = convert_font_run(text, legacy)
            if text.strip():
                counted += 1
            # the page's own dict unless the text changed (nothing downstream writes to a char)
            chars.append(c if text is original else {**c, "text": text})
    finally:
        stats["chars"] += counted
        stats["cid"] += cid
    if not chars:
        return []
    tables = _tables(page)
    body_chars = [c for c in chars if not _in_a_table(c, tables)] if tables else chars
    lines = _cluster_lines(body_chars)
    for bbox, rows in tables:
        for i, row in enumerate(rows):
            top = bbox[1] + i * 0.01
            lines.append(Line(top, top, bbox[0], bbox[2], 0, row, kind="table"))
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    lines = _split_footnotes(page, lines, notes)
    lines = _column_blocks(page, lines)
    return lines


def _in_a_table(c: dict, tables) -> bool:
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return any(t[0] <= cx <= t[2] and t[1] <= cy <= t[3] for t, _ in tables)


def _legacy_fonts_hold_legacy_text(pages) -> bool:
    """Whether the text set in .VnTime/VNI fonts is legacy bytes (convert it) or already Unicode
    (a PDF whose ToUnicode maps give the real letters): decided once for the document."""
    runs: dict[str, list[str]] = {}
    for page in pages:
        prev = None
        for c in page.chars:
            encoding = encoding_for_font(c.get("fontname"))
            if encoding:
                texts = runs.setdefault(encoding, [])
                if prev is not None and (abs(c["top"] - prev["top"]) > 2 or c["x0"] - prev["x1"] > 0.25 * c["size"]):
                    texts.append(" ")  # word breaks, so that the sample is scored word by word
                texts.append(c.get("text") or "")
            prev = c
    if not runs:
        return False
    raw = converted = 0.0
    for encoding, texts in runs.items():
        sample = "".join(texts)[:50_000]
        raw += vietnamese_score(sample).value
        converted += vietnamese_score(convert_font_run(sample, encoding.replace("-upper", ""))).value
    return converted > raw


def _tables(page):
    """Ruled tables: [(bbox, ["cell | cell", ...])]."""
    found = []
    if not (page.lines or page.rects or page.curves):
        return found  # the table finder draws cells from ruling lines: a page without any has none
    try:
        candidates = page.find_tables()
    except Exception:  # noqa: BLE001
        return found
    for table in candidates:
        try:
            rows = table.extract()
        except Exception:  # noqa: BLE001
            continue
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        out = []
        for row in rows:
            cells = [" ".join((cell or "").split()) for cell in row]
            if any(cells):
                out.append(" | ".join(cells))
        found.append((table.bbox, out))
    return found


def _cluster_lines(chars) -> list[Line]:
    chars = sorted(chars, key=_TOP_X0)
    groups: list[list] = []  # [top, bottom, chars] of each line being gathered
    for c in chars:
        top, bottom = c["top"], c["bottom"]
        height = bottom - top
        if 0.1 > height:
            height = 0.1
        # a character joins the latest of the last four lines it overlaps enough
        # (min and max of two written out: this runs for every character of the file)
        for k in range(len(groups) - 1, len(groups) - 5 if len(groups) > 4 else -1, -1):
            g = groups[k]
            g_top, g_bottom = g[0], g[1]
            g_height = g_bottom - g_top
            overlap = (bottom if bottom < g_bottom else g_bottom) - (top if top > g_top else g_top)
            if overlap >= 0.5 * (g_height if g_height < height else height):
                g[2].append(c)
                if c["text"].strip():
                    if height > 0.6 * g_height:
                        g[0] = g_top = top if top < g_top else g_top
                    if height > 0.6 * (g_bottom - g_top):
                        g[1] = bottom if bottom > g_bottom else g_bottom
                break
        else:
            groups.append([top, bottom, [c]])
    lines = []
    for g in groups:
        line = _make_line(g[2])
        if line is not None:
            lines.append(line)
    return lines


def _make_line(chars) -> Line | None:
    chars = sorted(chars, key=_X0)
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return None
    sizes = sorted([round(c["size"], 1) for c in visible])
    size = sizes[len(sizes) // 2]  # statistics.median_high of the sorted sizes
    normal = [c for c in visible if c["size"] >= 0.85 * size] or visible
    baseline = _median([c["bottom"] for c in normal])
    # a superscript: smaller than 0.8 of the line's size and above its baseline
    sup_size, sup_bottom = 0.8 * size, baseline - 0.2 * size
    words: list[Word] = []
    pieces: list[str] = []
    prev = None
    sup_run: list[str] = []

    def flush_sup():
        if not sup_run:
            return
        digits = "".join(sup_run)
        before = "".join(pieces)
        if digits.isdigit() and not _UNITS_BEFORE_POWER.search(before):
            pieces.append(f"[{digits}]")
        else:
            pieces.append(digits.translate(_SUPERSCRIPTS))
        sup_run.clear()

    prev_visible = False  # whether ``prev`` shows a letter (not a space)
    for c in chars:
        text = c["text"]
        if not text.strip():
            if pieces and not pieces[-1].endswith(" "):
                if sup_run:
                    flush_sup()
                pieces.append(" ")
            prev, prev_visible = c, False
            continue
        c_size = c["size"]
        is_sup = c_size < sup_size and c["bottom"] < sup_bottom
        if prev_visible:
            gap = c["x0"] - prev["x1"]
            em = max(min(c_size, prev["size"]), 1.0)
            if gap > 0.3 * em or (gap > 0.1 * em and not _joins(pieces, text, gap, em)):
                if not is_sup:
                    if sup_run:
                        flush_sup()
                    if pieces and not pieces[-1].endswith(" "):
                        pieces.append(" ")
        if is_sup:
            sup_run.append(text)
        else:
            if sup_run:
                flush_sup()
            pieces.append(text)
        prev, prev_visible = c, True
    flush_sup()
    text = "".join(pieces).strip()
    if not text:
        return None
    # word boxes, for column detection
    current = None
    for c in chars:
        if not c["text"].strip():
            current = None
            continue
        if current is not None and c["x0"] - current.x1 <= 0.3 * max(c["size"], 1.0):
            current.x1 = max(current.x1, c["x1"])
            current.text += c["text"]
        else:
            current = Word(c["x0"], c["x1"], c["text"])
            words.append(current)
    bold = sum(1 for c in visible if "bold" in (c.get("fontname") or "").lower()) > 0.6 * len(visible)
    return Line(min(c["top"] for c in normal), max(c["bottom"] for c in normal),
                visible[0]["x0"], max(c["x1"] for c in visible), size, text, words, bold=bold)


_X0 = operator.itemgetter("x0")
_TOP_X0 = operator.itemgetter("top", "x0")


def _median(values: list[float]) -> float:
    """statistics.median, without its generality (called once per line)."""
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def _joins(pieces: list[str], nxt: str, gap: float, em: float) -> bool:
    """For a gap between a letter space and a word space: join when the two halves form one
    syllable and the second half cannot stand alone well (it starts with a vowel)."""
    before = "".join(pieces).rsplit(" ", 1)[-1]
    if not before or not before[-1].isalpha() or not nxt[:1].isalpha():
        return gap < 0.2 * em
    tail = _TRAILING_LETTERS.findall(before)
    head = nxt
    if not tail:
        return False
    if not is_syllable(tail[0]):
        return True
    return head[0].lower() in "aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ" and \
        is_syllable(tail[0] + head)


# ------------------------------------------------------------------ footnotes, running lines


def _split_footnotes(page, lines: list[Line], notes: list[str]) -> list[Line]:
    body = [ln for ln in lines if ln.kind == "body"]
    if not body:
        return lines
    body_size = statistics.median(ln.size for ln in body)
    left = min(ln.x0 for ln in body)
    cut = None
    for rule in list(page.lines) + list(page.rects):
        width = rule["x1"] - rule["x0"]
        height = abs(rule["bottom"] - rule["top"])
        if height > 2 or not 20 <= width <= 0.6 * page.width:
            continue
        if rule["top"] < page.height * 0.4 or abs(rule["x0"] - left) > 20:
            continue
        below = [ln for ln in lines if ln.top > rule["bottom"] and ln.kind == "body"]
        above = [ln for ln in lines if ln.bottom < rule["top"] and ln.kind == "body"]
        if not below or not above:
            continue
        if statistics.median(ln.size for ln in below) < body_size or _FOOTNOTE_START.match(below[0].text):
            cut = rule["top"] if cut is None else min(cut, rule["top"])
    if cut is None:
        # no rule: trailing small lines that open with a superscript number
        small = [i for i, ln in enumerate(lines) if ln.kind == "body" and ln.size < 0.9 * body_size
                 and _BRACKET_NOTE_START.match(ln.text) and ln.top > page.height * 0.5]
        if not small:
            return lines
        cut = lines[small[0]].top - 0.1
    kept, foot = [], []
    for ln in lines:
        (foot if ln.top > cut and ln.kind == "body" else kept).append(ln)
    for ln in foot:
        if PAGE_NUMBER_RE.match(ln.text):
            kept.append(ln)  # the page number under the notes: dropped with the running lines
            continue
        m = _BRACKET_NOTE.match(ln.text) or _NUMBERED_NOTE.match(ln.text)
        if m:
            notes.append(f"[{m.group(1)}] {m.group(2)}".rstrip())
        elif notes:
            notes[-1] = _join_text(notes[-1], ln.text)
        else:
            notes.append(ln.text)
    return kept


def _norm_running(text: str) -> str:
    text = _DIGITS.sub("#", text.lower())
    # whitespace runs become one space, so the runs of " # - – — . |" at either end are a strip
    return _WHITESPACE.sub(" ", text).strip(" #-–—.|")


def _drop_running_lines(pages: list[list[Line]]) -> None:
    """Remove running headers/footers and page numbers, in place.

    A running line is at the same edge (top or foot) of many pages, its text the same once
    digits are ignored, and only once on each page. The lines of one paragraph or list that
    differ only by their numbers ("Câu 1 ...", "Câu 2 ...") are no header: a page that holds
    such a text twice, or a text at the foot of one page and at the top of the next (a paragraph
    going on over the page break, a table starting the new page), is the document's own text."""
    counts: dict[tuple[str, str], int] = {}  # (edge, text) -> pages
    edge = 2
    for lines in pages:
        body = [ln for ln in lines if ln.kind in ("body", "header")]
        on_page: dict[str, int] = {}
        for ln in body:
            key = _norm_running(ln.text)
            on_page[key] = on_page.get(key, 0) + 1
        for side, edge_lines in (("top", body[:edge]), ("foot", body[-edge:])):
            for key in {_norm_running(ln.text) for ln in edge_lines}:
                if key and on_page[key] == 1:
                    counts[side, key] = counts.get((side, key), 0) + 1
    need = max(2, int(0.4 * len(pages) + 0.5))
    running = {side_key for side_key, n in counts.items() if n >= need and len(pages) >= 2}
    for lines in pages:
        body = [ln for ln in lines if ln.kind in ("body", "header")]
        drop = {id(ln) for side, edge_lines in (("top", body[:edge]), ("foot", body[-edge:])) for ln in edge_lines
                if (side, _norm_running(ln.text)) in running or PAGE_NUMBER_RE.match(ln.text)}
        lines[:] = [ln for ln in lines if id(ln) not in drop]


# ------------------------------------------------------------------ the header block


def _column_blocks(page, lines: list[Line]) -> list[Line]:
    """Read two-column blocks (the header: issuer and Số | Quốc hiệu and date; the signature:
    Nơi nhận | signer) column by column: left column lines, then right column lines."""
    body = [ln for ln in lines if ln.kind == "body"]
    if len(body) < 2:
        return lines
    left = min(ln.x0 for ln in body)
    right = max(ln.x1 for ln in body)
    width = right - left
    if width <= 0:
        return lines
    out: list[Line] = []
    i = 0
    while i < len(lines):
        block = _grow_block(lines, i, left + 0.15 * width, left + 0.75 * width)
        if block is None:
            out.append(lines[i])
            i += 1
            continue
        block_lines, gutter = block
        left_lines, right_lines = [], []
        for ln in block_lines:
            lw = [wd for wd in ln.words if wd.x1 <= gutter]
            rw = [wd for wd in ln.words if wd.x0 >= gutter]
            if lw:
                left_lines.append(_part_line(ln, lw))
            if rw:
                right_lines.append(_part_line(ln, rw))
        out.extend(left_lines + right_lines)
        i += len(block_lines)
    return out


def _grow_block(lines: list[Line], i: int, lo: float, hi: float):
    """The longest run of lines from ``i`` that a common vertical gutter splits in two, with at
    least two lines that have words on both sides; trailing right-only lines are left out."""
    best = None
    j = i
    em = max(lines[i].size, 1.0)
    while j < len(lines) and lines[j].kind == "body" and j - i < 40:
        found = _gutter(lines[i:j + 1], lo, hi, min_width=1.5 * em, with_width=True)
        if found is None:
            break
        best = (j - i + 1, found)
        j += 1
    if best is None:
        return None
    n, (gutter, gap) = best
    block = lines[i:i + n]
    sides = [(any(wd.x1 <= gutter for wd in ln.words), any(wd.x0 >= gutter for wd in ln.words)) for ln in block]
    two_sided = sum(1 for has_l, has_r in sides if has_l and has_r)
    # two lines split by one gutter, or one line with a gap no justified line has ("Số ...  Hà Nội, ngày")
    if two_sided < 2 and not (two_sided == 1 and gap >= 3 * em):
        return None
    last_left = max(k for k, (has_l, _) in enumerate(sides) if has_l)
    return block[: last_left + 1], gutter


def _part_line(line: Line, words: list[Word]) -> Line:
    text = " ".join(wd.text for wd in words)
    # keep the superscript/footnote rendering of the full line when the part is all of it
    if len(words) == len(line.words):
        text = line.text
    return Line(line.top, line.bottom, words[0].x0, words[-1].x1, line.size, text, words, kind="header")


def _gutter(lines: list[Line], lo: float, hi: float, min_width: float = 6, with_width: bool = False):
    """The middle of the widest vertical strip in [lo, hi] that no word of ``lines`` crosses,
    with words on both sides of it."""
    spans = sorted((wd.x0, wd.x1) for ln in lines for wd in ln.words)
    free = [(lo, hi)]
    for x0, x1 in spans:
        nxt = []
        for a, b in free:
            if x1 <= a or x0 >= b:
                nxt.append((a, b))
                continue
            if x0 > a:
                nxt.append((a, x0))
            if x1 < b:
                nxt.append((x1, b))
        free = nxt
    free = [(a, b) for a, b in free if b - a >= min_width]
    if not free:
        return None
    a, b = max(free, key=lambda ab: ab[1] - ab[0])
    x = (a + b) / 2
    xs = [wd for ln in lines for wd in ln.words]
    if not any(wd.x1 <= x for wd in xs) or not any(wd.x0 >= x for wd in xs):
        return None
    if with_width:
        # the whole empty strip between the two sides, not only its part inside [lo, hi]
        left_edge = max((wd.x1 for wd in xs if wd.x1 <= x), default=a)
        right_edge = min((wd.x0 for wd in xs if wd.x0 >= x), default=b)
        return x, right_edge - left_edge
    return x


# ------------------------------------------------------------------ paragraphs


def _join_text(a: str, b: str) -> str:
    return a + _join_separator(a[-3:], b) + b


def _join_separator(a_tail: str, b: str) -> str:
    """What goes between a paragraph ending in ``a_tail`` (its last characters: only they are
    looked at, so that a long paragraph is never rescanned) and the line ``b`` that continues it."""
    # A trailing U+00AD is kept and a space put after it: in TCVN3 text it is the letter "ư"
    # ("nh\u00ad" = "như"), and Vietnamese never hyphenates inside a syllable anyway.
    if _HYPHEN_END.search(a_tail) and (b[:1].islower() or b[:1].isdigit() or _CAPITALS.match(b)):
        return ""  # "9001-" + "2015", "126-" + "KH/TU": a hyphenated token cut by the line end
    return " "


def _paragraphs(pages: list[list[Line]]) -> list[str]:
    body = [ln for lines in pages for ln in lines if ln.kind == "body"]
    if body:
        left = statistics.median(sorted(ln.x0 for ln in body)[: max(1, len(body) // 3)])
        right = statistics.median(sorted((ln.x1 for ln in body), reverse=True)[: max(1, len(body) // 3)])
        pitches = [b.top - a.top for lines in pages for a, b in zip(lines, lines[1:])
                   if a.kind == b.kind == "body" and 0 < b.top - a.top < 3 * max(a.size, 1)]
        pitch = statistics.median(pitches) if pitches else 0
    else:
        left = right = pitch = 0
    out: list[list[str]] = []  # each paragraph's pieces, joined once at the end (linear in its length)
    tail = ""  # the last characters of the open paragraph
    prev: Line | None = None
    for lines in pages:
        first_on_page = True
        for ln in lines:
            if ln.kind != "body" or prev is None or prev.kind != "body" or not _continues(prev, ln, left, right, pitch, first_on_page):
                out.append([ln.text])
                tail = ln.text[-3:]
            else:
                separator = _join_separator(tail, ln.text)
                out[-1] += [separator, ln.text]
                tail = (tail + separator + ln.text)[-3:]
            prev = ln
            first_on_page = False
    return ["".join(pieces) for pieces in out]


def _centred(line: Line, left: float, right: float) -> bool:
    em = max(line.size, 1.0)
    return line.x0 > left + em and abs((line.x0 - left) - (right - line.x1)) < 2 * em


def _continues(prev: Line, line: Line, left: float, right: float, pitch: float, new_page: bool) -> bool:
    em = max(line.size, 1.0)
    if _centred(line, left, right) and (_centred(prev, left, right) or prev.x0 <= left + em):
        # a centred title that wrapped: the first line is nearly full, same weight and size
        return (prev.x1 - prev.x0 >= 0.7 * (right - left) and prev.bold == line.bold and not ITEM_START_RE.match(line.text)
                and abs(prev.size - line.size) <= 0.5 and not _TITLE_END.search(prev.text)
                and (not new_page or not pitch))
    if prev.x1 < right - 2.5 * em:
        return False  # the previous line stops short: its paragraph ended
    if line.x0 > left + 1.0 * em and line.x0 > prev.x0 + 0.5 * em:
        return False  # indented first line of a new paragraph
    if not new_page and pitch and line.top - prev.top > 1.45 * pitch:
        return False  # a blank line between them
    if abs(line.size - prev.size) > 1.5 or line.bold != prev.bold:
        return False  # a heading (bold, or another size) is a paragraph of its own
    if ITEM_START_RE.match(line.text) and _SENTENCE_END.search(prev.text):
        return False
    return True
