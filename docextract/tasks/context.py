"""What the task extractors need to know about the whole document, computed once."""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import regex as re

try:
    import cython
except ImportError:  # not installed: the type declarations are no-ops
    from .. import cython_shim as cython

from .. import vocab
from ..agencies import AgencyMention, canonical_name, find_agencies
from ..model import DocumentRecord, Paragraph
from ..normalise import folded_offsets

# A four-digit year between 1945 and 2099 (the document's year when its date is missing).
YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
# "giai đoạn 2021-2025" in the title: the document's own period.
TITLE_PERIOD = re.compile(r"(?:giai\s+đoạn|(?<!\d)\d+\s+năm|năm)\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)", re.IGNORECASE)
# Normative genres, where an article is a task only when a body is named for it.
NORMATIVE_TYPES = {"Luật", "Bộ luật", "Nghị định", "Thông tư", "Thông tư liên tịch", "Pháp lệnh", "Hiến pháp", "Nghị quyết liên tịch"}


@lru_cache(maxsize=1)
def cues() -> dict:
    return vocab.load("task_cues.json")


@lru_cache(maxsize=64)
def commanded_by(issuer: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(name openings of the bodies ``issuer`` (casefolded) commands, words that put a body
    outside its command), from cues()["commanded"]; empty for an issuer the table does not list."""
    data = cues()["commanded"]
    for rule in data["by_issuer"]:
        if any(issuer.startswith(i) for i in rule["issuers"]):
            return tuple(rule["bodies"]), tuple(data["outside"])
    return (), ()


@dataclass(slots=True)
class DocContext:
    record: DocumentRecord
    text: str
    year: int | None
    province: str | None
    issuer: str | None  # canonical name of the issuing body
    doc_period: tuple[int, int] | None
    normative: bool
    paragraphs: list[Paragraph]
    para_starts: list[int] = field(default_factory=list)
    _issuer_folded: str = ""  # the issuer's name, casefolded ("" when unknown)
    folded: str | None = None  # text.lower(), offset for offset (None when that does not hold: see folded_offsets)
    # paragraph start -> (its mentions, whether they all lie inside the paragraph)
    _mentions: dict[int, tuple[list[AgencyMention], bool]] = field(default_factory=dict)
    _span_mentions: dict[tuple[int, int], list[AgencyMention]] = field(default_factory=dict)
    _annexes: list[tuple[int, str]] | None = None
    _annex_starts: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, record: DocumentRecord) -> "DocContext":
        info = record.document
        year = int(info.issued_date[:4]) if info.issued_date else None
        if year is None:
            year = _guess_year(record)
        period = None
        if info.title:
            m = TITLE_PERIOD.search(info.title)
            if m:
                period = (int(m.group(1)), int(m.group(2)))
        issuer = canonical_name(info.issuer, info.province) if info.issuer else None
        paragraphs = sorted(record.paragraphs, key=lambda p: p.span[0])
        ctx = cls(record=record, text=record.text, year=year, province=info.province, issuer=issuer,
                  doc_period=period, normative=(info.type in NORMATIVE_TYPES), paragraphs=paragraphs)
        ctx.para_starts = [p.span[0] for p in paragraphs]
        ctx.folded = folded_offsets(record.text)
        ctx._issuer_folded = (issuer or "").casefold()
        return ctx

    def lower(self, start: int, end: int) -> str:
        """text[start:end].lower() (a slice of the text lowered once per document)."""
        if self.folded is None:
            return self.text[start:end].lower()
        return self.folded[start:end]

    @cython.locals(words=tuple, word=str, folded=str, start=cython.Py_ssize_t, end=cython.Py_ssize_t)
    def may_hold(self, words: tuple[str, ...], start: int, end: int) -> bool:
        """Whether [start, end) may hold one of ``words`` (lower case), matched case-insensitively:
        a quick test before the patterns that need one of the words (True when unsure)."""
        folded = self.folded
        if folded is None:
            return True
        for word in words:
            if folded.find(word, start, end) >= 0:
                return True
        return False

    # ------------------------------------------------------------------ paragraphs

    def paragraphs_in(self, start: int, end: int) -> list[Paragraph]:
        i = bisect.bisect_left(self.para_starts, start)
        if i > 0 and self.paragraphs[i - 1].span[1] > start:
            i -= 1
        out = []
        while i < len(self.paragraphs) and self.paragraphs[i].span[0] < end:
            out.append(self.paragraphs[i])
            i += 1
        return out

    def annex_at(self, offset: int) -> str | None:
        """The title of the annex that ``offset`` lies in ("PHỤ LỤC I DANH MỤC ...", "KẾ HOẠCH ..."),
        upper case, or None in the document itself."""
        if self._annexes is None:
            self._annexes = []
            title = None
            for p in self.paragraphs:
                if p.zone == "annex":  # the type line and the title of an annex, joined
                    title = (title + " " if title else "") + p.text
                    continue
                if title is not None:
                    self._annexes.append((p.span[0], title.upper()))
                    title = None
            self._annex_starts = [start for start, _ in self._annexes]  # ascending, as the paragraphs
        i = bisect.bisect_right(self._annex_starts, offset)  # the last annex starting at or before offset
        return self._annexes[i - 1][1] if i else None

    def paragraph_at(self, offset: int) -> Paragraph | None:
        i = bisect.bisect_right(self.para_starts, offset) - 1
        if 0 <= i < len(self.paragraphs) and self.paragraphs[i].span[0] <= offset <= self.paragraphs[i].span[1]:
            return self.paragraphs[i]
        return None

    # ------------------------------------------------------------------ agencies

    def mentions(self, start: int, end: int) -> list[AgencyMention]:
        """Agency mentions inside [start, end) (found paragraph by paragraph, cached; the list is
        shared by the callers asking for the same span: not to be changed)."""
        out = self._span_mentions.get((start, end))
        if out is not None:
            return out
        out = []
        for para in self.paragraphs_in(start, end):
            ps, pe = para.span
            if ps not in self._mentions:
                found = find_agencies(self.text, ps, pe, province=self.province)
                self._mentions[ps] = (found, all(ps <= m.start and m.end <= pe for m in found))
            found, within_paragraph = self._mentions[ps]
            if within_paragraph and start <= ps and pe <= end:
                out.extend(found)  # (the paragraph lies inside [start, end), and so do its mentions)
            else:
                out.extend(m for m in found if m.start >= start and m.end <= end)
        self._span_mentions[(start, end)] = out
        return out

    def commands(self, mention: AgencyMention) -> bool:
        """Whether the issuer commands the body (its own sở, ngành, xã; a Government's ministries):
        by the table cues()["commanded"], the body's name opens with one the issuer commands and
        holds no word that puts it outside ("mặt trận", "doanh nghiệp", "trung ương" ...)."""
        bodies, outside = commanded_by(self._issuer_folded)
        if not bodies:
            return False
        name = mention.name.casefold()
        return any(name == b or name.startswith(b + " ") or name.startswith(b + ",") for b in bodies) \
            and not any(w in name for w in outside)

    def is_issuer(self, mention: AgencyMention) -> bool:
        """The issuing body speaking of itself ("UBND tỉnh ban hành ...", "Chủ tịch UBND tỉnh yêu cầu")."""
        name = mention.name.casefold()
        issuer = self._issuer_folded
        if self.issuer and name == issuer:
            return True
        if issuer.startswith("ủy ban nhân dân") and name in ("ủy ban nhân dân tỉnh", "ủy ban nhân dân thành phố", "ủy ban nhân dân"):
            return True
        if issuer.startswith(("thủ tướng", "chính phủ")) and name in ("thủ tướng chính phủ", "thủ tướng", "chính phủ"):
            return True
        return False


def _guess_year(record: DocumentRecord) -> int | None:
    """The year of an undated document: the title's year, else the commonest recent year in the text."""
    if record.document.title:
        years = YEAR.findall(record.document.title)
        if years:
            return int(years[-1])
    years = Counter(int(y) for y in YEAR.findall(record.text))
    if not years:
        return None
    top = max(years.values())
    return max(y for y, c in years.items() if c == top)
