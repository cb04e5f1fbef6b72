"""Vocabulary for references, read once from docextract/data (no vocabulary in code).

- document types and their abbreviations (``doc_types.json``),
- issuer codes, their scope (central / local), the names a text uses for them (``issuers.json``),
- national laws and codes with their in-force intervals (``laws.json``),
- provinces (``provinces.json``), used to qualify local symbols.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex as re

from .. import vocab as shared
from ..vocab import find_province, province_kind  # noqa: F401  (shared with the header parser)
from ..prebuild import built_for, built_once


def fold_d(text: str) -> str:
    """Upper case, with Đ read as D: the key under which OCR-damaged codes are looked up."""
    return text.upper().replace("Đ", "D").replace("Ð", "D")


class _MarkStripTable(dict):
    """Code point -> its lower-case base letter, computed on first use (a ``str.translate`` table)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0] if ch not in "đĐ" else "d"
        folded = base.lower() if len(base.lower()) == 1 else ch.lower()
        self[code] = folded
        return folded


# Shared by every call: each code point is decomposed once per process.
_MARK_STRIP_TABLE = _MarkStripTable()


def strip_marks(text: str) -> str:
    """Lower case without diacritics, one character per character (offsets are kept)."""
    return text.translate(_MARK_STRIP_TABLE)


@dataclass(frozen=True, slots=True)
class Issuer:
    code: str
    name: str
    scope: str  # central | local
    party: bool = False


@lru_cache(maxsize=None)
def type_abbreviations() -> dict[str, str]:
    """Exact abbreviation -> type name ("NĐ" -> "Nghị định")."""
    return dict(shared.type_by_abbreviation())


@lru_cache(maxsize=None)
def party_type_abbreviations() -> dict[str, str]:
    """In Party symbols (18-NQ/TW) TT is a Thông tri and QĐ may be a Quy định; the rest as state."""
    table = dict(type_abbreviations())
    table.update({"TT": "Thông tri", "QĐi": "Quy định", "QyĐ": "Quy định", "CV": "Công văn"})
    return table


@lru_cache(maxsize=None)
def type_names() -> list[str]:
    """Full type names, longest first ("Nghị quyết liên tịch" before "Nghị quyết")."""
    return [t["name"] for t in shared.doc_types()]


def cited_type_names() -> list[str]:
    """The type names a citation can carry: not the pages that no body issues ("Tin bài")."""
    return [t["name"] for t in shared.doc_types() if not t.get("page")]


@lru_cache(maxsize=None)
def type_by_folded_name() -> dict[str, str]:
    """Case-folded type name -> the type name ("nghị định" -> "Nghị định"); the first of
    ``type_names`` wins a collision."""
    table: dict[str, str] = {}
    for name in type_names():
        table.setdefault(name.casefold(), name)
    return table


@lru_cache(maxsize=None)
def type_abbreviation_of() -> dict[str, str]:
    """Type name -> its first abbreviation ("Quyết định" -> "QĐ")."""
    return {t["name"]: t["abbr"][0] for t in shared.doc_types() if t["abbr"]}


@lru_cache(maxsize=None)
def _issuer_data() -> dict:
    return shared.load("issuers.json")


@lru_cache(maxsize=None)
def issuers() -> dict[str, Issuer]:
    """Canonical code -> Issuer (fixed codes only; QH13 and UBTVQH14 go through ``issuer_of``)."""
    return {c["code"]: Issuer(c["code"], c["name"], c["scope"], bool(c.get("party")))
            for c in _issuer_data()["codes"]}


@built_once
def _issuer_patterns() -> list[tuple[re.Pattern, Issuer]]:
    return [(re.compile(c["pattern"] + r"\Z"), Issuer(c["code"], c["name"], c["scope"], bool(c.get("party"))))
            for c in _issuer_data()["codes"] if c.get("pattern")]


@lru_cache(maxsize=4096)  # the same few groups recur in every document
def issuer_of(code: str) -> Optional[Issuer]:
    """The issuer a canonical symbol group stands for (``QH13`` -> Quốc hội), or None."""
    found = issuers().get(code)
    if found:
        return found
    for pattern, issuer in _issuer_patterns():
        if pattern.match(code):
            return issuer
    return None


@lru_cache(maxsize=None)
def _spellings() -> tuple[dict[str, str], dict[str, str]]:
    """Known symbol groups: exact spelling -> canonical, and Đ/case-folded -> canonical."""
    exact: dict[str, str] = {}
    for abbr in type_abbreviations():
        exact[abbr] = abbr
    for abbr in party_type_abbreviations():
        exact.setdefault(abbr, abbr)
    for c in _issuer_data()["codes"]:
        exact[c["code"]] = c["code"]
        for variant in c.get("variants", []):
            exact[variant] = c["code"]
    folded: dict[str, str] = {}
    for spelling, canonical in sorted(exact.items(), key=lambda kv: ("Đ" in kv[0], kv[0])):
        folded.setdefault(fold_d(spelling), canonical)  # a spelling without Đ wins a collision (HD/HĐ)
    return exact, folded


@lru_cache(maxsize=None)
def ocr_confusions() -> dict[str, str]:
    return {k: v for k, v in _issuer_data()["ocr_confusions"].items() if not k.startswith("_")}


@lru_cache(maxsize=4096)  # the same few groups recur in every document
def canonical_group(group: str) -> Optional[str]:
    """The official spelling of one symbol group, or None when the group is not known.

    Exact first ("HD" stays Hướng dẫn), then case- and Đ-insensitive ("TTG" -> "TTg", "QD" -> "QĐ",
    "HDND" -> "HĐND"), then with OCR confusions undone ("OD" -> "QĐ"), then term-numbered codes.
    """
    exact, folded = _spellings()
    if group in exact:
        return exact[group]
    hit = folded.get(fold_d(group))
    if hit:
        return hit
    for pattern, _ in _issuer_patterns():
        if pattern.match(group.upper()):
            return group.upper()
    fixed = "".join(ocr_confusions().get(ch, ch) for ch in group)
    if fixed != group:
        return folded.get(fold_d(fixed))
    return None


@lru_cache(maxsize=None)
def issuer_names() -> list[tuple[str, str]]:
    """(name as written in a text, code), longest first: "Thủ tướng Chính phủ" wins over "Chính phủ"."""
    pairs = [(name, c["code"]) for c in _issuer_data()["codes"] for name in c.get("names", [])]
    return sorted(pairs, key=lambda p: -len(p[0]))


@lru_cache(maxsize=None)
def _folded_issuer_names() -> list[tuple[str, str]]:
    """``issuer_names`` case-folded, in the same order."""
    return [(name.casefold(), code) for name, code in issuer_names()]


@built_for(lambda: [name for name, _ in _folded_issuer_names()])
def _whole_word(folded_name: str) -> re.Pattern:
    """A case-folded issuer name as a whole word (compiled once, when first needed)."""
    return re.compile(r"(?<!\p{L})" + re.escape(folded_name) + r"(?!\p{L})")


def code_for_issuer_text(text: str) -> Optional[str]:
    """The issuer code a phrase such as "của UBND tỉnh" or "của Ban Thường vụ Tỉnh ủy" names."""
    low = text.casefold()
    for name, code in _folded_issuer_names():
        if name in low and _whole_word(name).search(low):  # a plain substring test first
            return code
    return None


@lru_cache(maxsize=None)
def abbreviations() -> dict[str, str]:
    return {k: v for k, v in _issuer_data()["abbreviations"].items() if not k.startswith("_")}


@lru_cache(maxsize=None)
def laws() -> list[dict]:
    return list(shared.load("laws.json")["laws"])


@lru_cache(maxsize=None)
def law_names() -> list[str]:
    """Distinct law names and the other names they are cited by (``also_named``), longest first."""
    return sorted({law["name"] for law in laws()} | set(_law_aliases()), key=lambda n: -len(n))


@lru_cache(maxsize=None)
def _law_aliases() -> dict[str, str]:
    """Another name a law is cited by (``also_named`` in laws.json) -> the law's own name."""
    return {alias: law["name"] for law in laws() for alias in law.get("also_named", ())}


def canonical_law_name(name: str) -> str:
    """The catalogue's name of a law cited by ``name`` (itself, or the law an alias stands for)."""
    return _law_aliases().get(name, name)


@lru_cache(maxsize=None)
def _folded_aliases() -> dict[str, str]:
    return {strip_marks(alias): strip_marks(name) for alias, name in _law_aliases().items()}


AMENDING_PREFIXES = ("luật sửa đổi", "pháp lệnh sửa đổi", "bộ luật sửa đổi")


def is_amending_name(name: str) -> bool:
    """"Luật sửa đổi, bổ sung một số điều của Luật X": the name of a law that amends others."""
    return strip_marks(name).startswith(tuple(strip_marks(p) for p in AMENDING_PREFIXES))


@lru_cache(maxsize=None)
def amending_laws() -> tuple[tuple[dict, frozenset[str]], ...]:
    """(amending law, the diacritic-free names of the laws it amends), oldest first. The amended laws
    are the catalogue names inside the amending law's name, longest first, none inside another
    ("Luật Đầu tư theo phương thức đối tác công tư" is not also "Luật Đầu tư")."""
    out = []
    for law in sorted(laws(), key=lambda l: l["date"]):
        if not is_amending_name(law["name"]):
            continue
        found = laws_named_in(law["name"])
        if found:
            out.append((law, found))
    return tuple(out)


@lru_cache(maxsize=None)
def _base_law_names() -> tuple[str, ...]:
    """Diacritic-free names (and aliases) of the laws that amend no other, longest first."""
    return tuple(sorted({strip_marks(n) for n in law_names() if not is_amending_name(n)}, key=len, reverse=True))


@lru_cache(maxsize=None)
def _spaced_base_law_names() -> tuple[tuple[str, str], ...]:
    """(name, the name with its commas and runs of spaces as one space) of ``_base_law_names``."""
    return tuple((base, COMMA_SPACES.sub(" ", base)) for base in _base_law_names())


@lru_cache(maxsize=1024)
def laws_named_in(name: str) -> frozenset[str]:
    """The diacritic-free catalogue names of the laws named inside ``name`` past its own head word
    ("Luật sửa đổi, bổ sung ... của Luật Quy hoạch, Luật Đầu tư" names Luật Quy hoạch and Luật Đầu tư),
    longest first and none inside another, an alias read as the law it stands for."""
    rest = COMMA_SPACES.sub(" ", strip_marks(name)).split(" ", 1)[-1]
    found = set()
    for base, spaced in _spaced_base_law_names():
        if spaced not in rest:  # the pattern below is this literal between two boundaries
            continue
        pattern = r"(?<!\p{L})" + re.escape(spaced) + r"(?![\p{L}\d])"
        for m in list(re.finditer(pattern, rest)):
            found.add(_folded_aliases().get(base, base))
            rest = rest[:m.start()] + " " * (m.end() - m.start()) + rest[m.end():]
    return frozenset(found)


# Commas and the spaces around them, ignored when names are compared ("Phòng, chống" = "Phòng chống").
COMMA_SPACES = re.compile(r"\s*,\s*|\s+")


@lru_cache(maxsize=None)
def _amended_by_key() -> dict[str, frozenset[str]]:
    return {law_key(law): amended for law, amended in amending_laws()}


def amended_laws(key: str) -> list[dict]:
    """The laws that the catalogue's amending law ``key`` amends, each the version passed last before
    it, in name order ([] for a key that is no amending law of the catalogue)."""
    amended = _amended_by_key().get(key)
    if not amended:
        return []
    amending = next(law for law in laws() if law_key(law) == key)
    out = []
    for folded in sorted(amended):
        versions = [v for v in _laws_by_folded_name().get(folded, ()) if v["date"] < amending["date"]]
        if versions:
            out.append(max(versions, key=lambda v: v["date"]))
    return out


def amended_law_key(key: str) -> Optional[str]:
    """The graph key of the one law that the amending law ``key`` amends, or None: not an amending law
    of the catalogue, or one that amends several."""
    amended = amended_laws(key)
    return law_key(amended[0]) if len(amended) == 1 and len(_amended_by_key()[key]) == 1 else None


def amendments_of(name: str) -> list[dict]:
    """The catalogue's laws that amend the law named ``name`` (also by an alias), oldest first."""
    folded = strip_marks(canonical_law_name(name))
    return [law for law, amended in amending_laws() if folded in amended]


def law_key(law: dict) -> str:
    return law.get("key") or law["symbol"]


@lru_cache(maxsize=None)
def _laws_by_folded_name() -> dict[str, tuple[dict, ...]]:
    """Diacritic-free name -> the versions of that law, oldest in force first."""
    grouped: dict[str, list[dict]] = {}
    for law in laws():
        grouped.setdefault(strip_marks(law["name"]), []).append(law)
    return {key: tuple(sorted(versions, key=lambda l: l["in_force_from"])) for key, versions in grouped.items()}


def law_versions(name: str) -> list[dict]:
    """The versions of a named law (matched without diacritics, also by an alias), oldest in force first."""
    folded = strip_marks(name)
    return list(_laws_by_folded_name().get(_folded_aliases().get(folded, folded), ()))


def law_in_force(name: str, on: Optional[str], passed: Optional[str] = None) -> Optional[dict]:
    """The version of a named law in force on ``on`` (ISO date).

    ``passed`` is a date the mention gives ("Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015"): the
    version passed that day, else the last one passed before it. Without any date, the newest.
    """
    versions = law_versions(name)
    if not versions:
        return None
    if passed:
        same = [v for v in versions if v["date"] == passed]
        if same:
            return same[0]
        before = [v for v in versions if v["date"] <= passed]
        return before[-1] if before else versions[0]
    if on:
        live = [v for v in versions if v["in_force_from"] <= on and (v["in_force_to"] is None or on < v["in_force_to"])]
        if live:
            return live[-1]
        passed_before = [v for v in versions if v["date"] <= on]
        return passed_before[-1] if passed_before else versions[0]
    return versions[-1]


@lru_cache(maxsize=None)
def provinces() -> list[tuple[str, str]]:
    """(kind, name), longest name first."""
    return list(shared.provinces())


@lru_cache(maxsize=None)
def type_defaults() -> dict[str, str]:
    """Type name -> the issuer code it implies ("Nghị định" -> "CP")."""
    return {k: v for k, v in _issuer_data()["type_defaults"].items() if not k.startswith("_")}


# A legislature's code with its term number: "QH13", "UBTVQH15".
TERM_CODE = re.compile(r"(?:QH|UBTVQH)(?P<term>\d{1,2})")


@lru_cache(maxsize=None)
def _terms() -> dict[str, tuple[int, int]]:
    """Legislature term number -> (first year, last year) (issuers.json, code QH)."""
    qh = next(c for c in _issuer_data()["codes"] if c["code"] == "QH")
    return {k: tuple(v) for k, v in qh.get("terms", {}).items() if not k.startswith("_")}


def term_holds(code: str, year: int) -> bool:
    """Whether the legislature term a code names ("QH13": 2011 to 2016) holds ``year``; True for a
    code that names no known term."""
    m = TERM_CODE.fullmatch(code)
    span = _terms().get(m.group("term")) if m else None
    return span is None or span[0] <= year <= span[1]


@lru_cache(maxsize=None)
def _laws_by_number_and_term() -> dict[tuple[str, str], Optional[str]]:
    """(number, term code) -> the catalogue's symbol (None when two laws share them)."""
    table: dict[tuple[str, str], Optional[str]] = {}
    for law in laws():
        parts = (law["symbol"] or "").split("/")
        if len(parts) == 3 and TERM_CODE.fullmatch(parts[2]):
            key = (parts[0], parts[2])
            table[key] = None if key in table else law["symbol"]
    return table


def law_of_term(number: str, code: str) -> Optional[str]:
    """The catalogue's law numbered ``number`` in the term ``code`` ("97", "QH13" -> "97/2015/QH13")."""
    return _laws_by_number_and_term().get((number, code))


def qh_symbol(number: str, year: int) -> Optional[str]:
    """"83/2015/QH13" for a law numbered 83 of 2015 when laws.json knows it."""
    prefix = f"{number}/{year}/"
    for law in laws():
        if law["symbol"] and law["symbol"].startswith(prefix):
            return law["symbol"]
    return None
