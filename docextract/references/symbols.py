"""Number-and-symbol ("số, ký hiệu") patterns, their repair and their normal form (SPEC §3).

Two shapes (../shared/reference/vn-doc-conventions.md §0):

- state documents: ``61/2018/NĐ-CP``, ``225/QĐ-TTg``, ``05/BNV-VP``, ``83/2015/QH13``, ``54/VBHN-VPQH``;
- Party documents: ``18-NQ/TW``, ``306-QĐ/TU`` (hyphen after the number, slash before the issuer).

Sources print them damaged: ``2548/QĐUBND`` (hyphen lost), ``61/2018/ NĐ-CP`` and ``NĐ -CP`` (spaces),
``QĐ - U B ND`` (letters split by spaces), ``QD``/``OD`` for ``QĐ`` (OCR), ``CT-TTG`` (upper-cased
title). The patterns tolerate that damage and :func:`repair` restores the official form.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Sequence

import regex as re

from . import vocab

# One group of a symbol: a type or issuer abbreviation, maybe with a term number (NĐ, TTg, QH13,
# BNN&PTNT, QĐi). Possessive quantifiers: a group never gives characters back, so no backtracking.
# Cyrillic capitals that look like Latin ones (А В С Е Н К М О Р Т Х) stand in symbols typed or
# pasted from another keyboard ("137/2020/NĐ-СР"): read as their Latin letters (CYRILLIC_LOOKALIKES).
CYRILLIC_CAPITALS = "\u0410\u0412\u0421\u0415\u041d\u041a\u041c\u041e\u0420\u0422\u0425"
CYRILLIC_LOOKALIKES = str.maketrans(CYRILLIC_CAPITALS, "ABCEHKMOPTX")
GROUP = rf"[A-ZĐÐ{CYRILLIC_CAPITALS}][A-Za-zĐđÐð&{CYRILLIC_CAPITALS}]*+\d{{0,2}}+"
# Between groups: a hyphen or en dash, with at most one space each side, doubled by OCR ("QĐ- -BTC").
HYPHEN = r"(?:[ ]?[-–][ ]?){1,2}+"
# Between number, year and symbol: a slash with at most one space each side ("61/2018/ NĐ-CP").
SLASH = r"[ ]?/[ ]?"
# The sequence number: digits, maybe a letter suffix ("30c/NQ-CP", "36a/NQ-CP"), or a dotted
# number followed by its year ("66.7/2025/NQ-CP": resolutions numbered within a series).
NUMBER = r"(?P<num>\d{1,5}(?:\.\d{1,2}(?=[ ]?/[ ]?(?:19|20)\d\d/))?[a-zđ]?)"
# The most characters before the first slash or dash of a symbol: NUMBER and a space.
NUMBER_WIDTH = 10
YEAR = r"(?P<year>(?:19|20)\d{2})"
# The groups after the slash; "/" also separates groups in joint symbols (NQLT/UBTVQH15-CP-...).
GROUPS = rf"(?P<groups>{GROUP}(?:(?:{HYPHEN}|/){GROUP}){{0,6}}+)"
# OCR splits letters with spaces ("QĐ - U B ND"): up to five trailing fragments of 1-3 capitals,
# absorbed by ``repair`` only when the joined group is a known code.
SPLIT_TAIL = r"(?P<tail>(?:[ ][A-ZĐ]{1,3}(?![\p{L}\d])){0,5}+)"
# Not inside a longer number, date or word.
START = r"(?<![\p{L}\d/.,\-–])"

STATE_SYMBOL = re.compile(rf"{START}{NUMBER}{SLASH}(?:{YEAR}{SLASH})?{GROUPS}{SPLIT_TAIL}")
"""``61/2018/NĐ-CP``, ``225/QĐ-TTg``, ``05/BNV-VP``, ``83/2015/QH13``, damaged forms included."""

PARTY_SYMBOL = re.compile(rf"{START}{NUMBER}{HYPHEN}(?P<ptype>{GROUP}){SLASH}{GROUPS}{SPLIT_TAIL}")
"""``18-NQ/TW``, ``306-QĐ/TU``, ``367 - QĐ/TWĐTN-VP``."""

_GROUP_SPLIT = re.compile(r"(?<!\s)\s*(?:[-–]\s*)+|(?<!\s)\s*/\s*")


@dataclass(frozen=True, slots=True)
class Symbol:
    """A parsed and repaired number/symbol."""

    text: str  # the normal form, e.g. "2548/QĐ-UBND"
    number: str
    year: Optional[int]
    groups: list[str]  # canonical groups after the number/year ("QĐ", "UBND")
    party: bool = False
    type_code: Optional[str] = None  # "QĐ", "NQ" ... when the symbol names a type
    issuer_codes: list[str] = field(default_factory=list)
    known: bool = False  # at least one group is a known type or issuer code
    end_extra: int = 0  # characters of SPLIT_TAIL absorbed into the symbol

    @property
    def doc_type(self) -> Optional[str]:
        """The document type the symbol implies (NĐ -> Nghị định; 05/BNV-VP -> Công văn)."""
        table = vocab.party_type_abbreviations() if self.party else vocab.type_abbreviations()
        if self.type_code:
            return table.get(self.type_code)
        if self.issuer_codes:
            first = vocab.issuer_of(self.issuer_codes[0])
            if first and first.code == "QH":
                return "Luật"
            if first and first.code == "UBTVQH":
                return "Nghị quyết"
            return "Công văn"
        return None

    @property
    def scope(self) -> str:
        """local when any issuer group is a local body (UBND, TU, Sở ...), central, else unknown."""
        scopes = [vocab.issuer_of(c).scope for c in self.issuer_codes if vocab.issuer_of(c)]
        if "local" in scopes:
            return "local"
        if scopes:
            return "central"
        return "unknown"


def _split_group(group: str) -> Optional[list[str]]:
    """A group that lost its hyphen ("QĐUBND", "CTTg"): a known type prefix + a known issuer."""
    for i in range(len(group) - 1, 0, -1):
        head, rest = vocab.canonical_group(group[:i]), vocab.canonical_group(group[i:])
        if head and rest and head in vocab.type_abbreviations() and vocab.issuer_of(rest):
            return [head, rest]
    return None


def _canonical_groups(raw_groups: list[str]) -> tuple[list[str], bool]:
    out: list[str] = []
    known = False
    for raw in raw_groups:
        raw = raw.replace("Ð", "Đ").replace("ð", "đ").translate(CYRILLIC_LOOKALIKES)
        canonical = vocab.canonical_group(raw)
        if canonical:
            out.append(canonical)
            known = True
            continue
        split = _split_group(raw)
        if split:
            out.extend(split)
            known = True
            continue
        out.append(raw)
    return out, known


def repair(match: re.Match) -> Optional[Symbol]:
    """The repaired symbol of a STATE_SYMBOL or PARTY_SYMBOL match (None if it is no symbol)."""
    named = match.re.groupindex
    return _repair(match.group("num"), match.group("year") if "year" in named else None, match.group("groups"),
                   match.group("tail"), match.group("ptype") if "ptype" in named else None)


@lru_cache(maxsize=4096)  # the same symbols recur in a document and across documents (Symbol is frozen)
def _repair(number: str, year_text: Optional[str], raw: str, raw_tail: str, raw_ptype: Optional[str]) -> Optional[Symbol]:
    """``repair`` on the text of the match's groups (ptype: Party symbols only)."""
    party = raw_ptype is not None
    raw_groups = [g for g in _GROUP_SPLIT.split(raw) if g]
    tail = raw_tail.split()
    extra = 0
    if tail:  # "U" + "B" + "ND" -> "UBND" when that is a known code
        for k in range(len(tail), 0, -1):
            joined = raw_groups[-1] + "".join(tail[:k])
            if vocab.canonical_group(joined):
                raw_groups[-1] = joined
                extra = len(" ".join([""] + tail[:k]))
                break
    groups, known = _canonical_groups(raw_groups)
    year = int(year_text) if year_text else None
    if party:
        ptype, pknown = _canonical_groups([raw_ptype])
        type_code = ptype[0] if ptype[0] in vocab.party_type_abbreviations() else None
        known = known and pknown
        text = f"{number}-{ptype[0]}/" + "-".join(groups)
        return Symbol(text, number, None, groups, True, type_code, list(groups), known and type_code is not None, extra)
    if year is None and len(groups) == 2 and groups[0] in vocab.party_type_abbreviations():
        issuer = vocab.issuer_of(groups[1])
        if issuer and issuer.party:  # "27/NQ-TW": a Party document printed in the state form is "27-NQ/TW"
            return Symbol(f"{number}-{groups[0]}/{groups[1]}", number, None, groups, True, groups[0], [groups[1]],
                          True, extra)
    if year is not None and len(groups) == 1:
        law = vocab.law_of_term(number, groups[0])
        if law and law != f"{number}/{year}/{groups[0]}":
            # "Luật Phí và lệ phí số 97/2025/QH13": a law's number within its legislature's term names
            # it; a year the term does not hold is a misprint of the catalogue's year
            if not vocab.term_holds(groups[0], year):
                year = int(law.split("/")[1])
    type_code = groups[0] if groups and groups[0] in vocab.type_abbreviations() and len(groups) > 1 else None
    issuer_codes = [g for g in (groups[1:] if type_code else groups) if vocab.issuer_of(g)]
    if not type_code and groups and vocab.issuer_of(groups[0]) and vocab.issuer_of(groups[0]).code in ("QH", "UBTVQH"):
        issuer_codes = [groups[0]]
    if type_code is None and not issuer_codes and groups and groups[0] in vocab.type_abbreviations():
        type_code = groups[0]  # "39/2017/TT-" cut by a line end: the type is still known
    text = f"{number}/" + (f"{year}/" if year else "") + "-".join(groups)
    known = bool(type_code or issuer_codes)
    return Symbol(text, number, year, groups, False, type_code, issuer_codes, known, extra)


def find_symbols(text: str, start: int = 0, end: Optional[int] = None, marks: Optional[Sequence[int]] = None):
    """Yield ``(span, Symbol)`` for every symbol between ``start`` and ``end``, in order, no overlaps.

    ``marks`` (from ``prefilter``) are the offsets, ascending, of every slash and dash that can follow
    a symbol's number: a symbol starts at most NUMBER_WIDTH before its first one (a dash for a Party
    symbol, a slash otherwise), so each pattern is searched for from there, or not at all."""
    end = len(text) if end is None else end
    found = []
    for pattern, first_marks in ((PARTY_SYMBOL, "-–"), (STATE_SYMBOL, "/")):
        lo = start
        if marks is not None:
            first = next((p for p in marks if text[p] in first_marks), None)
            if first is None:
                continue
            lo = max(start, first - NUMBER_WIDTH)
        for m in pattern.finditer(text, lo, end):
            sym = repair(m)
            if sym is None:
                continue
            stop = m.end("groups") + sym.end_extra
            found.append(((m.start(), stop), sym))
    found.sort(key=lambda item: (item[0][0], -item[0][1]))
    last = -1
    for span, sym in found:
        if span[0] < last:
            continue
        last = span[1]
        yield span, sym


def normalise(symbol: str) -> str:
    """The normal form of a symbol given as text ("61/2018/ NĐ-CP" -> "61/2018/NĐ-CP"); unchanged
    when it does not parse."""
    symbol = symbol.strip()
    for pattern in (PARTY_SYMBOL, STATE_SYMBOL):
        m = pattern.fullmatch(symbol)
        if m:
            sym = repair(m)
            if sym:
                return sym.text
    return symbol


def parse(symbol: str) -> Optional[Symbol]:
    """Parse a whole string as one symbol (e.g. a graph key or a CLI argument)."""
    symbol = symbol.strip()
    for pattern in (PARTY_SYMBOL, STATE_SYMBOL):
        m = pattern.fullmatch(symbol)
        if m:
            return repair(m)
    return None
