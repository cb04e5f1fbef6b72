"""After resolution, per reference: the cited part (pinpoint), the evidence sentence, the section
that holds the mention; and the back-references ("Nghị định nêu trên", "văn bản trên", "Luật này"
in a text that is no law) resolved to the reference they point back to.

One pass over the references and one over the few places a back-reference can end at ("trên",
"dẫn", "này"): no rescan of the text per reference.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import Optional

import regex as re

from ..model import DocumentRecord, Reference
from ..prebuild import built_once
from . import relations, vocab
from .find import SPACES, type_alternation

# ------------------------------------------------------------------ pinpoints

# One value of a unit, or a list or range of them ("1, 2 và 3", "3 đến 7"); the unit word may be
# repeated inside the list ("khoản 1, khoản 2").
def _values(unit: str, value: str) -> str:
    return rf"{value}(?:\s*+(?:,|và|hoặc|đến)\s*+(?:{unit}\s+)?{value})*+"


_LETTER = r"[a-zđ](?![\p{L}\d])"
_ARABIC = r"\d{1,3}[a-zđ]?(?![\p{L}\d])"
_ROMAN_OR_ARABIC = r"(?:[IVXLC]{1,6}|\d{1,3})(?![\p{L}\d])"
_DIEM, _KHOAN, _DIEU = r"[Đđ]iểm", r"[Kk]hoản", r"[Đđ]iều"
_MUC, _CHUONG, _PHAN = r"[Mm]ục", r"[Cc]hương", r"[Pp]hần"
# "điểm a khoản 2 Điều 5 Mục 1 Chương II Phần I [của] " right before a cited document: the units
# from the smallest to the largest, each optional, a comma allowed between them, ending where the
# mention starts (used with search(text, lo, mention_start): \Z is the mention's start).
PINPOINT_BEFORE = re.compile(
    rf"(?<![\p{{L}}\d])(?:(?:các\s+)?{_DIEM}\s+(?P<diem>{_values(_DIEM, _LETTER)})\s*+,?\s*+)?"
    rf"(?:(?:các\s+)?{_KHOAN}\s+(?P<khoan>{_values(_KHOAN, _ARABIC)})\s*+,?\s*+)?"
    rf"(?:(?:các\s+)?{_DIEU}\s+(?P<dieu>{_values(_DIEU, _ARABIC)})\s*+,?\s*+)?"
    rf"(?:{_MUC}\s+(?P<muc>{_values(_MUC, _ROMAN_OR_ARABIC)})\s*+,?\s*+)?"
    rf"(?:{_CHUONG}\s+(?P<chuong>{_values(_CHUONG, _ROMAN_OR_ARABIC)})\s*+,?\s*+)?"
    rf"(?:{_PHAN}\s+(?P<phan>{_values(_PHAN, _ROMAN_OR_ARABIC)})\s*+,?\s*+)?"
    r"(?:(?:của|thuộc)\s+)?\Z"
)
# A unit word repeated inside a list ("khoản 1, khoản 2" -> "1, 2").
UNIT_WORD = re.compile(r"(?<![\p{L}\d])(?:[Đđ]iểm|[Kk]hoản|[Đđ]iều|[Mm]ục|[Cc]hương|[Pp]hần)\s+")
PINPOINT_UNITS = ("phan", "chuong", "muc", "dieu", "khoan", "diem")
PINPOINT_REACH = 160  # characters before a mention a pinpoint can start at
# Each unit word of PINPOINT_BEFORE past its first letter: a stretch that holds none of them holds
# no pinpoint (tested before the pattern, which tries each of the 160 places to start at).
UNIT_WORD_TAILS = ("iểm", "hoản", "iều", "ục", "hương", "hần")


def pinpoint_before(text: str, lo: int, start: int) -> Optional[dict]:
    """The units a mention starting at ``start`` is pinpointed by ("điểm a khoản 2 Điều 5 Nghị định
    61/2018/NĐ-CP" -> {"dieu": "5", "khoan": "2", "diem": "a"}), searched no further back than ``lo``."""
    if start <= lo:
        return None
    lo = max(lo, start - PINPOINT_REACH)
    if not any(text.find(tail, lo, start) >= 0 for tail in UNIT_WORD_TAILS):
        return None
    m = PINPOINT_BEFORE.search(text, lo, start)
    if m is None or m.start() == m.end():  # the empty match at the end: nothing pinpointed
        return None
    found = {unit: SPACES.sub(" ", UNIT_WORD.sub("", m.group(unit))) for unit in PINPOINT_UNITS if m.group(unit)}
    return found or None


# ------------------------------------------------------------------ evidence and section

_SENTENCE_END = re.compile(r"(?<!\d)[.!?;](?=\s)")
_LAST_SENTENCE_END = re.compile(_SENTENCE_END.pattern, re.REVERSE)


def sentence_around(text: str, span: tuple[int, int], limit: int = 400) -> str:
    """The sentence (between . ! ? ; or line ends) that holds ``span``, cut to ``limit`` characters
    around the mention."""
    start = text.rfind("\n", 0, span[0]) + 1
    end = text.find("\n", span[1])
    end = len(text) if end < 0 else end
    last = _LAST_SENTENCE_END.search(text, start, span[0])
    if last:
        start = last.end()
    m = _SENTENCE_END.search(text, span[1], end)
    if m:
        end = m.end()
    sentence = text[start:end].strip()
    if len(sentence) > limit:  # keep the mention in view
        left = max(0, span[0] - start - limit // 3)
        sentence = ("…" if left else "") + sentence[left:left + limit] + "…"
    return sentence


class SectionFinder:
    """The deepest section holding an offset (sections sorted by start; the last one starting at or
    before the offset that still holds it is the deepest)."""

    def __init__(self, record: DocumentRecord):
        spans = [(s.span[0], s.span[1], s.path) for s in record.all_sections() if s.span]
        spans.sort(key=lambda item: (item[0], -item[1]))
        self.spans = spans
        self.starts = [a for a, _, _ in spans]

    def path_at(self, pos: int) -> Optional[str]:
        for i in range(bisect_right(self.starts, pos) - 1, -1, -1):
            if self.spans[i][1] > pos:
                return self.spans[i][2]
        return None


# ------------------------------------------------------------------ back-references

# The last word of a back-reference: only where one of these stands is a back-reference searched.
BACK_WORD = re.compile(r"(?<!\p{L})(?:trên|dẫn|này)(?!\p{L})")
BACK_REACH = 48  # characters a back-reference spans at most before its last word
ANTECEDENT_REACH = 1200  # characters back from a back-reference its antecedent may end at


@built_once
def back_reference_pattern() -> re.Pattern:
    """"Nghị định nêu trên", "Quyết định đã dẫn", "văn bản trên", "các văn bản nói trên"."""
    return re.compile(
        rf"(?<!\p{{L}})(?P<head>(?i:{type_alternation()})|văn\s+bản|Văn\s+bản)"
        r"\s+(?:(?:đã\s+|được\s+)?nêu\s+(?:ở\s+)?trên|nói\s+trên|đã\s+dẫn|dẫn\s+trên|vừa\s+nêu\s+trên"
        # a bare "trên" only where no place follows ("văn bản trên Hệ thống" is "on the system")
        r"|trên(?=\s*[,.;:)]|\s+(?:và|đã|được|là|thì|có|phải|cần|để|này)(?!\p{L})))(?!\p{L})"
    )


# "Luật này", "Nghị định này" in a text of another type (a quoted article of a law in a Q&A page or
# a decision): the document quoted last, not the citing one.
QUOTED_SELF = re.compile(r"(?<!\p{L})(?P<head>Luật|Bộ\s+luật|Nghị\s+định|Thông\s+tư|Pháp\s+lệnh)\s+này(?!\p{L})")


class SpanCover:
    """Whether a position lies inside one of some spans [a, b) (``pos in cover``), by bisection
    over the spans sorted by start with the farthest end reached so far (the spans may overlap),
    instead of a test of every span at every position."""

    def __init__(self, spans):
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach = list(accumulate((b for _, b in ordered), max))

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos)
        return i > 0 and self._reach[i - 1] > pos


def _antecedent(refs: list[Reference], before: int, pos: int, doc_type: Optional[str]) -> Optional[Reference]:
    """The last reference of ``refs[:before]`` ending before ``pos`` that is another document of
    type ``doc_type`` (any type when None), with a number or a resolved name."""
    for k in range(before - 1, -1, -1):
        ref = refs[k]
        if ref.span[1] < pos - ANTECEDENT_REACH:
            return None  # "nêu trên" points back to what was just named, not to a page ago
        if ref.span[1] > pos or ref.relation == "self" or ref.refers_to is not None:
            continue
        if not (ref.symbol or ref.target):
            continue
        if doc_type is None or ref.type == doc_type:
            return ref
    return None


def _amended_instead(ordered: list[Reference], pos: int, antecedent: Reference) -> Reference:
    """"Luật này" after "khoản 27 Điều 1 Luật Sở hữu trí tuệ sửa đổi 2009 ... như sau:" is in the
    provision the amending law rewrites, so it is the amended law: its reference in the document (the
    last one before, else the first after), when the document cites it; else the amending law."""
    amended = vocab.amended_law_key(antecedent.target) if antecedent.target else None
    if amended is None:
        return antecedent
    cited = [r for r in ordered if r.target == amended and r.relation != "self" and r.refers_to is None]
    before = [r for r in cited if r.span[1] <= pos]
    return (before[-1] if before else cited[0]) if cited else antecedent


# The generic word a back-reference "văn bản trên" points back with.
DOCUMENT_WORD = re.compile(r"(?<!\p{L})[Vv]ăn\s+bản(?!\p{L})", re.REVERSE)


def _uncited_document_between(text: str, antecedent: Reference, pos: int, taken: SpanCover) -> bool:
    """Whether the last "văn bản" before ``pos`` is no part of a reference: the document it speaks of
    was not read as a citation, so "văn bản trên" cannot be said to point to ``antecedent``."""
    word = DOCUMENT_WORD.search(text, 0, pos)
    if word is None:
        return False
    return word.start() not in taken


def _canonical_head(head: str) -> Optional[str]:
    from .find import canonical_type

    return canonical_type(head)


def back_references(record: DocumentRecord, refs: list[Reference],
                    skipped: tuple[tuple[int, int], ...] = ()) -> list[tuple[Reference, Reference]]:
    """(back-reference, antecedent) pairs: each back-reference copies its antecedent's identity."""
    text = record.text
    own_type = record.document.type
    ordered = sorted(refs, key=lambda r: r.span[0])
    starts = [r.span[0] for r in ordered]
    taken = [r.span for r in ordered]
    taken_cover = SpanCover(taken)
    skipped_cover = SpanCover(skipped)
    out = []
    pattern = back_reference_pattern()
    for word in BACK_WORD.finditer(text):
        if word.start() in skipped_cover:
            continue
        lo = max(0, word.start() - BACK_REACH)
        if word.group(0) == "này":
            m = QUOTED_SELF.search(text, lo, word.end())
            if m is None or m.end() != word.end():
                continue
            head = _canonical_head(m.group("head"))
            if head is None or head == own_type:
                continue  # the document itself ("Luật này" in a law) is a self mention
        else:
            m = pattern.search(text, lo, word.end())
            if m is None or m.end() != word.end():
                continue
            raw_head = SPACES.sub(" ", m.group("head")).casefold()
            head = None if raw_head == "văn bản" else _canonical_head(m.group("head"))
            if head is None and raw_head != "văn bản":
                continue
        i = bisect_right(starts, m.start())
        if any(a < m.end() and m.start() < b for a, b in taken[max(0, i - 3):i + 2]):
            continue  # part of a mention found already
        antecedent = _antecedent(ordered, i, m.start(), head)
        if antecedent is None:
            continue
        if word.group(0) == "này":
            antecedent = _amended_instead(ordered, m.start(), antecedent)
        if head is None and _uncited_document_between(text, antecedent, m.start(), taken_cover):
            continue  # "nhận văn bản ... số 16/CV-HHTACN" not read as a citation: the back-reference is to it
        line = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        last = _LAST_SENTENCE_END.search(text, line, m.start())
        before = text[last.end() if last else line:m.start()]
        relation = relations.relation_for(before, text[line:line_end if line_end >= 0 else len(text)], False)
        ref = Reference(id="", text=text[m.start():m.end()], span=(m.start(), m.end()), type=antecedent.type,
                        symbol=antecedent.symbol, year=antecedent.year, date=antecedent.date,
                        issuer=antecedent.issuer, title=antecedent.title, name=antecedent.name,
                        relation=relation, target=antecedent.target)
        out.append((ref, antecedent))
    return out


def annotate(record: DocumentRecord, refs: list[Reference], skipped: tuple[tuple[int, int], ...] = ()) -> list[Reference]:
    """``refs`` with their back-references added (renumbered r1, r2 ... in text order) and every
    reference given its pinpoint, evidence sentence and section path."""
    text = record.text
    pairs = back_references(record, refs, skipped)
    if pairs:
        antecedent_of = {id(ref): ante for ref, ante in pairs}
        refs = sorted(refs + [ref for ref, _ in pairs], key=lambda r: (r.span[0], -r.span[1]))
        for i, ref in enumerate(refs, 1):
            ref.id = f"r{i}"
        for ref in refs:
            ante = antecedent_of.get(id(ref))
            if ante is not None:
                ref.refers_to = ante.id
    sections = SectionFinder(record)
    for ref in refs:
        line = text.rfind("\n", 0, ref.span[0]) + 1
        ref.pinpoint = pinpoint_before(text, line, ref.span[0])
        ref.evidence = sentence_around(text, ref.span)
        ref.section = sections.path_at(ref.span[0])
    return refs
