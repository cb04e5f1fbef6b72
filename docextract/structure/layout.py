"""Paragraphs of the normalised text and the zone each belongs to.

Zones: ``chrome`` (web-site furniture: related-document lists of legal portals), ``header``
(set later by the header parser; also the addressees of a công văn), ``body``, ``footnote``
("[3] Nghị định số ..."), ``closing`` ("Nơi nhận:" list, signature block), ``annex`` (the type
line and title of an annex after the signature; the annex's own text is ``body`` again).
Extractors read body and footnote paragraphs.
"""
from __future__ import annotations

from functools import lru_cache

import regex as re

from ..model import Paragraph

# Related-document links of legal portals, flattened: "- 1 Luật ngân sách nhà nước 2015" (never
# zero-padded: "- 01 Phó Trưởng ban Ban Tổ chức Trung ương;" is a count in a membership list).
PORTAL_LINK_LINE = re.compile(r"^-\s[1-9]\d{0,2}\s(?!\d)\p{Lu}")
# A legal portal's trailer after the document: its caption of the page ("Quyết định 3303/QĐ-BTP năm
# 2025 công bố ...") then this line, then related documents, the site's address and its notices
# (which cite "Nghị định 13/2023/NĐ-CP" of their own): all web-site furniture.
# A web capture's wrapped lines may be joined: the words can stand inside a paragraph too.
PORTAL_TRAILER_LINE = re.compile(r"(?<![\p{L}\d])Văn bản này chưa cập nhật nội dung Tiếng Anh(?![\p{L}\d])")
# The portal's caption right before PORTAL_TRAILER_LINE: a type, then a number.
PORTAL_CAPTION_LINE = re.compile(r"^\p{Lu}\p{Ll}*(?:\s\p{Ll}+){0,3}\s\d")
# A footnote body: "[3] Nghị định số ...", "3 Nghị định ..." is too ambiguous to take.
FOOTNOTE_LINE = re.compile(r"^\[\d{1,3}\]\s?")
# The recipients list that opens the closing block.
RECIPIENTS_LINE = re.compile(r"^(?:\|\s*)?Nơi\s+nhận\s*:?", re.IGNORECASE)
# Signature block titles: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Q. GIÁM ĐỐC".
SIGNATURE_TITLE_LINE = re.compile(
    r"^(?:\|\s*)?(?:(?:TM|KT|TL|TUQ|Q)\.\s*\p{Lu}|(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|GIÁM\s+ĐỐC|"
    r"CHÁNH\s+VĂN\s+PHÒNG|TRƯỞNG\s+BAN|CHỦ\s+NHIỆM)\s*\|?$)"
)
# The filing note that ends a recipients list ("- Lưu: VT, TCCV."): in captures that lost the
# "Nơi nhận:" label it still tells the list ("- Thủ tướng; - Các bộ; ...; - Lưu: VT") from the body.
RECIPIENTS_FILING_NOTE = re.compile(r"(?:^|[;.]\s*)(?:\|\s*)?-\s*Lưu\s*:")
# The first characters a line needs to match each of the two patterns above: a cheap test first.
_RECIPIENTS_FIRST_CHARS = "|Nn"
_SIGNATURE_TITLE_FIRST_CHARS = "|TKQPCBG"


def _is_recipients(text: str) -> bool:
    return text[:1] in _RECIPIENTS_FIRST_CHARS and bool(RECIPIENTS_LINE.match(text))


def _is_signature_title(text: str) -> bool:
    return text[:1] in _SIGNATURE_TITLE_FIRST_CHARS and bool(SIGNATURE_TITLE_LINE.match(text))


def split_paragraphs(text: str) -> list[Paragraph]:
    """One Paragraph per line of ``text``, with spans and a first guess of the zone."""
    paragraphs: list[Paragraph] = []
    offset = 0
    for line in text.split("\n"):
        if line:
            paragraphs.append(Paragraph((offset, offset + len(line)), line, "body"))
        offset += len(line) + 1
    _mark_zones(paragraphs)
    return paragraphs


# The body of an annex begins after its type line: "KẾ HOẠCH", "QUY CHẾ", "PHỤ LỤC I", and after
# "(Ban hành kèm theo Quyết định số ...)". Annexes follow the signature of the main document.
ANNEX_NOTE_LINE = re.compile(r"^\(?(?:Ban hành )?[Kk]èm theo\b")
# Addressees of a công văn or công điện: "Kính gửi:", "THỦ TƯỚNG CHÍNH PHỦ điện:", then "- X;" lines.
ADDRESSEES_LINE = re.compile(r"^(?:Kính gửi\b.*|.*\bđiện\s*:)$")


def _is_addressees(text: str) -> bool:
    """ADDRESSEES_LINE, tried only on a line that starts or ends as it needs to (its ".*" is slow)."""
    return (text.startswith("Kính gửi") or text.endswith((":", ":\n"))) and bool(ADDRESSEES_LINE.match(text))
BULLET_LINE = re.compile(r"^[-–+•]\s")


@lru_cache(maxsize=None)
def _annex_title_names() -> tuple[str, ...]:
    """Folded names that open an annex: the document types, "phụ lục", "danh mục", "biểu"."""
    from .. import vocab  # the document types data file

    return tuple([t["name"].casefold() for t in vocab.doc_types()] + ["phụ lục", "danh mục", "biểu"])


def _is_annex_title(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return False
    folded = text.casefold()
    return any(folded == n or folded.startswith(n + " ") for n in _annex_title_names())


def _mark_zones(paragraphs: list[Paragraph]) -> None:
    trailer_from = _portal_trailer_start(paragraphs)
    closing_from = _closing_start(paragraphs[:trailer_from])
    zone = "body"
    in_addressees = False
    for index, para in enumerate(paragraphs):
        text = para.text
        if index >= trailer_from:
            para.zone = "chrome"
            continue
        if closing_from is not None and index == closing_from:
            zone = "closing"
        elif zone == "closing" and (_is_annex_title(text) or ANNEX_NOTE_LINE.match(text)):
            zone = "annex"
        elif zone == "annex" and not (_is_annex_title(text) or ANNEX_NOTE_LINE.match(text)
                                      or (index and _is_annex_title(paragraphs[index - 1].text))):
            zone = "body"
        if zone == "body" and index < 40 and _is_addressees(text):
            in_addressees = True
            para.zone = "header"
            continue
        if in_addressees:
            if BULLET_LINE.match(text) or (not text.endswith((".", ":")) and len(text) < 60):
                para.zone = "header"
                continue
            in_addressees = False
        if text.startswith("-") and PORTAL_LINK_LINE.match(text):
            para.zone = "chrome"
        elif text.startswith("[") and FOOTNOTE_LINE.match(text):
            para.zone = "footnote"
        else:
            para.zone = zone
        if zone == "body" and closing_from is not None and index > closing_from and _closes(text):
            zone = "closing"  # the annex's own signature or recipients


def _portal_trailer_start(paragraphs: list[Paragraph]) -> int:
    """Index of the first paragraph of a legal portal's trailer (PORTAL_TRAILER_LINE and the caption
    before it), or len(paragraphs) when there is none."""
    for index, para in enumerate(paragraphs):
        if "Văn bản này chưa" not in para.text:
            continue
        found = PORTAL_TRAILER_LINE.search(para.text)
        if found:
            if found.start() == 0 and index and PORTAL_CAPTION_LINE.match(paragraphs[index - 1].text):
                return index - 1
            return index
    return len(paragraphs)


def _closes(text: str) -> bool:
    return _is_recipients(text) or _is_signature_title(text)


def _closing_start(paragraphs: list[Paragraph]) -> int | None:
    """Index of the first paragraph of the closing block.

    The recipients list ("Nơi nhận:") marks it wherever it stands (an annex may follow);
    a signature title alone is only trusted in the last two thirds of the text.
    """
    for index in range(3, len(paragraphs)):
        if _is_recipients(paragraphs[index].text):
            # the signature title often stands just before "Nơi nhận" in flattened captures
            while index > 0 and _is_signature_title(paragraphs[index - 1].text):
                index -= 1
            return index
    n = len(paragraphs)
    for index in range(n // 3, n):
        if _is_signature_title(paragraphs[index].text):
            return _unlabelled_recipients_start(paragraphs, index)
    return None


def _unlabelled_recipients_start(paragraphs: list[Paragraph], signature: int) -> int:
    """Index of the first line of a recipients list without its label that stands just before the
    signature title at ``signature`` ("- Bộ X; ...", closed by "- Lưu: VT"), else ``signature``."""
    if signature == 0 or not RECIPIENTS_FILING_NOTE.search(paragraphs[signature - 1].text):
        return signature
    index = signature - 1
    while index > 0 and paragraphs[index - 1].text.lstrip("| ").startswith("-"):
        index -= 1
    return index


def mark_header(paragraphs: list[Paragraph], header_end: int) -> None:
    """Paragraphs that end at or before ``header_end`` (an offset) belong to the header."""
    for para in paragraphs:
        if para.span[1] <= header_end and para.zone == "body":
            para.zone = "header"


def zone_at(paragraphs: list[Paragraph], offset: int) -> str | None:
    """The zone of the paragraph containing ``offset`` (binary search)."""
    lo, hi = 0, len(paragraphs)
    while lo < hi:
        mid = (lo + hi) // 2
        start, end = paragraphs[mid].span
        if offset < start:
            hi = mid
        elif offset > end:
            lo = mid + 1
        else:
            return paragraphs[mid].zone
    return None
