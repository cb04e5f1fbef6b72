"""Which paragraphs can hold a mention, and which finders to search them with: a few scans of the
whole text instead of every finder on every paragraph (most paragraphs cite nothing).

Each finder's patterns need something the text must contain, a *trigger*:

- a number/symbol (``symbols.find_symbols``): a slash or dash between the number and a letter
  group ("61/2018/NĐ-CP", "18-NQ/TW");
- a partial citation (``find.find_numbered``): a type head and a number ("Quyết định 13", "Nghị định số 61");
- a law (``names.find_laws``): its head ("Luật", "Bộ luật", "LUẬT", "Pháp lệnh", "Hiến pháp");
- a Party resolution by name (``names.find_party_resolutions``): "Nghị quyết";
- a plan, scheme ... by name (``names.find_titled``): its type ("Kế hoạch", "Đề án" ...);
- the document itself (``names.find_self``): "này".

A trigger is a necessary condition, never the finder's pattern: a paragraph without a hit holds no
mention, and a paragraph with hits is searched by the finders they call for, with the finders' own
patterns, so the mentions are exactly those of a search of every paragraph with every finder.

Heads are found at every position they start at (overlapping hits included): any head, then which
finders it calls for, from its text and (partial citations) the number after it. The finders are
given the positions of their hits and try their patterns there only (``find.finditer_at``).
"""
from __future__ import annotations

import re as std_re  # skips ahead on the first letters of a literal alternation: ~3x faster than regex
from bisect import bisect_right
from functools import lru_cache

import regex as re

from ..prebuild import built_once
from . import names, vocab
from .find import SO_WORD, literal_alternation, type_alternation

# The finders a paragraph is searched with.
SYMBOLS = 1  # find_numbered, full citations (number/symbol)
PARTIALS = 2  # find_numbered, partial citations (type head and number)
LAWS = 3  # find_laws
PARTY = 4  # find_party_resolutions
TITLED = 5  # find_titled
SELF = 6  # find_self


@built_once
def head_trigger() -> std_re.Pattern:
    """Any head of a partial citation, law, Party resolution or name, as written (case-sensitive), for
    the standard engine (its \\s takes every space the regex module's does, and a few more)."""
    heads = set(vocab.type_names()) | set(names.LAW_HEADS) | set(names.named_types()) | {"Nghị quyết"}
    return std_re.compile(literal_alternation(heads))


# A partial citation's head with its number (find.partial_pattern, loosely: any run of spaces and
# [:.;] after "số"); matched where a head starts.
@built_once
def partial_head() -> re.Pattern:
    return re.compile(rf"(?:{type_alternation()})\s++(?:{SO_WORD}[\s:.;]*+)?\d")


@built_once
def _name_heads() -> tuple[tuple[int, re.Pattern], ...]:
    """(finder, its heads): loose forms of the head patterns of the finders of names."""
    return (
        (LAWS, re.compile(literal_alternation(names.LAW_HEADS))),  # names.LAW_HEAD
        (PARTY, re.compile(r"Nghị\s+quyết")),  # names.PARTY_PLENUM, PARTY_CONGRESS
        (TITLED, re.compile(literal_alternation(names.named_types()))),  # names.named_head
    )


@lru_cache(maxsize=4096)
def name_finders(head: str) -> tuple[int, ...]:
    """The finders of names a head found by ``head_trigger`` calls for. The trigger takes the longest
    head at a position, so a finder's head there is a prefix of it: the text of the hit decides."""
    return tuple(finder for finder, pattern in _name_heads() if pattern.match(head))


# The slash or dash after the number of a symbol, before its first letter group: "61/2018/NĐ", "225/QĐ",
# "18-NQ", "367 - QĐ", not a date's "23/4/" (symbols.STATE_SYMBOL: NUMBER SLASH [YEAR SLASH] GROUP;
# PARTY_SYMBOL: NUMBER HYPHEN GROUP). One pattern per mark: a literal first is found fast.
_GROUP_START = "[A-ZĐÐ]"  # symbols.GROUP
SYMBOL_TRIGGERS = (
    re.compile(rf"/(?<=\d[a-zđ]?[ ]?/)(?=[ ]?(?:(?:19|20)\d\d[ ]?/[ ]?)?{_GROUP_START})"),
    *(re.compile(rf"{dash}(?<=\d[a-zđ]?[ ]?{dash})(?=[ ]?(?:[ ]?[-–][ ]?)?{_GROUP_START})") for dash in ("-", "–")),
)
# The word that names the document itself ("Kế hoạch này"): names.self_pattern ends with it.
SELF_TRIGGER = re.compile(r"này")


def candidate_paragraphs(text: str, starts: list[int]) -> list[tuple[int, dict[int, list[int]]]]:
    """(paragraph index, {finder: offsets}) for the paragraphs worth searching, in text order;
    ``starts`` are the paragraphs' start offsets, ascending. The offsets, ascending, are where the
    finder's mentions can start (SYMBOLS: its marks; SELF: its "này"). A finder's match lies in one
    paragraph, and so does the start of its trigger: a hit counts for the paragraph it starts in."""
    found: dict[int, dict[int, list[int]]] = {}

    def add(pos: int, finder: int) -> None:
        found.setdefault(bisect_right(starts, pos) - 1, {}).setdefault(finder, []).append(pos)

    heads, partial = head_trigger(), partial_head()
    m = heads.search(text)
    while m:
        pos = m.start()
        for finder in name_finders(m.group()):
            add(pos, finder)
        if partial.match(text, pos):
            add(pos, PARTIALS)
        m = heads.search(text, pos + 1)  # every start: a head may start inside another ("BỘ LUẬT")
    symbol_marks = sorted(m.start() for pattern in SYMBOL_TRIGGERS for m in pattern.finditer(text))
    for pos in symbol_marks:
        add(pos, SYMBOLS)
    for m in SELF_TRIGGER.finditer(text):
        add(m.start(), SELF)
    found.pop(-1, None)  # before the first paragraph
    return sorted(found.items())
