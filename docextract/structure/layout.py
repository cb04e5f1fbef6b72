"""Paragraphs of the normalised text and the zone each belongs to.

Zones: ``chrome`` (web-site furniture: related-document lists of legal portals), ``header``
(set later by the header parser), ``body``, ``footnote`` ("[3] Nghị định số ..."), ``closing``
("Nơi nhận:" list, signature block). Extractors read body and footnote paragraphs.
"""
from __future__ import annotations

import regex as re

from ..model import Paragraph

# Related-document links of legal portals, flattened: "- 1 Luật ngân sách nhà nước 2015".
PORTAL_LINK_LINE = re.compile(r"^-\s\d{1,3}\s(?!\d)\p{Lu}")
# A footnote body: "[3] Nghị định số ...", "3 Nghị định ..." is too ambiguous to take.
FOOTNOTE_LINE = re.compile(r"^\[\d{1,3}\]\s?")
# The recipients list that opens the closing block.
RECIPIENTS_LINE = re.compile(r"^(?:\|\s*)?Nơi\s+nhận\s*:?", re.IGNORECASE)
# Signature block titles: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Q. GIÁM ĐỐC".
SIGNATURE_TITLE_LINE = re.compile(
    r"^(?:\|\s*)?(?:(?:TM|KT|TL|TUQ|Q)\.\s*\p{Lu}|(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|GIÁM\s+ĐỐC|"
    r"CHÁNH\s+VĂN\s+PHÒNG|TRƯỞNG\s+BAN|CHỦ\s+NHIỆM)\s*\|?$)"
)


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


def _mark_zones(paragraphs: list[Paragraph]) -> None:
    closing_from = _closing_start(paragraphs)
    for index, para in enumerate(paragraphs):
        if PORTAL_LINK_LINE.match(para.text):
            para.zone = "chrome"
        elif FOOTNOTE_LINE.match(para.text):
            para.zone = "footnote"
        elif closing_from is not None and index >= closing_from:
            para.zone = "closing"


def _closing_start(paragraphs: list[Paragraph]) -> int | None:
    """Index of the first paragraph of the closing block, searched in the last part of the text."""
    n = len(paragraphs)
    for index in range(n // 3, n):
        text = paragraphs[index].text
        if RECIPIENTS_LINE.match(text) or SIGNATURE_TITLE_LINE.match(text):
            return index
    return None


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
