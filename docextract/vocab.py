"""Loading the vocabulary data files in docextract/data (once per process)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Optional

import regex as re

from .prebuild import built_once


@lru_cache(maxsize=None)
def load(name: str):
    """The parsed JSON data file ``docextract/data/<name>``."""
    with resources.files("docextract.data").joinpath(name).open(encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=None)
def doc_types() -> list[dict]:
    """Document types, longest name first (so "Nghị quyết liên tịch" wins over "Nghị quyết")."""
    return sorted(load("doc_types.json")["types"], key=lambda t: -len(t["name"]))


@lru_cache(maxsize=None)
def page_type(kind: str) -> str:
    """The type name of a page that is no issued document ("press" article, legal "question" page)."""
    return next(t["name"] for t in doc_types() if t.get("page") == kind)


@lru_cache(maxsize=None)
def type_by_abbreviation() -> dict[str, str]:
    """"KH" -> "Kế hoạch", "NĐ" -> "Nghị định" ..."""
    return {abbr: t["name"] for t in load("doc_types.json")["types"] for abbr in t["abbr"]}


@lru_cache(maxsize=None)
def provinces() -> list[tuple[str, str]]:
    """(kind, name) pairs, e.g. ("tỉnh", "Lào Cai"), longest name first."""
    return sorted((tuple(p) for p in load("provinces.json")["provinces"]), key=lambda p: -len(p[1]))


def province_kind(name: str) -> str:
    """"tỉnh" or "thành phố": the kind of the province or city ``name``."""
    for kind, known in provinces():
        if known == name:
            return kind
    return "tỉnh"


@built_once
def _province_pattern() -> re.Pattern:
    """Any province name as a whole word ("Thuế" holds no "Huế"); the alternation keeps the
    longest-first order, so at one position the longest name wins."""
    names = "|".join(re.escape(name) for _, name in provinces())
    return re.compile(r"(?<!\p{L})(?:" + names + r")(?!\p{L})")


def find_province(text: str) -> Optional[str]:
    """The first province or centrally-run city named in ``text`` (longest name wins)."""
    m = _province_pattern().search(text)
    return m.group(0) if m else None


@lru_cache(maxsize=None)
def _central_issuer_codes() -> list[tuple[re.Pattern, str]]:
    codes = [c for c in load("issuers.json")["codes"] if c["scope"] == "central" and not c.get("party")]
    return [(re.compile((c.get("pattern") or re.escape(c["code"])) + r"\Z"), c["name"]) for c in codes]


def central_issuer_of_symbol(number: str) -> Optional[str]:
    """The central body a symbol's issuer group names ("1663/NQ-UBTVQH15" -> Ủy ban Thường vụ
    Quốc hội, "170/2025/NĐ-CP" -> Chính phủ), or None: a local group ("UBND") needs a province."""
    group = number.rsplit("/", 1)[-1].rsplit("-", 1)[-1]
    for pattern, name in _central_issuer_codes():
        if pattern.match(group):
            return name
    return None
