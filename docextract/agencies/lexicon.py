"""The agency vocabulary (docextract/data/agencies.json) compiled for the recogniser.

Gazetteer names and aliases, titles, group nouns, modifiers and head nouns become ``Phrases``:
lower-case token sequences indexed by their first word, so that asking which of them starts at a
token is one dict lookup (a spaCy PhraseMatcher did the gazetteer before, but building a spaCy
``Doc`` for every paragraph cost more than the whole grammar).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex as re

from .. import vocab
from .tokens import Phrases, words
from .user import with_user_agencies


@dataclass(frozen=True)
class Entry:
    """One gazetteer name (or alias) of a body."""

    name: str  # the official name the alias belongs to
    surface: tuple[str, ...]  # the words of this form, lower case
    level: str = "any"
    takes_place: bool = False  # "Sở Nội vụ tỉnh X", "UBND các huyện, thành phố"
    needs_place: bool = False  # "Công an", "Thanh tra" only name a body with a place after them
    needs_name: bool = False  # "Báo" only names a body with a proper name after it
    named: bool = False  # "Trường Chính trị Hoàng Văn Thụ": a proper name may follow
    descriptive: bool = False  # "Ban Chỉ đạo <what it steers>": the name runs on to a stop
    not_agency: bool = False  # portals and systems named like bodies ("Cổng Dịch vụ công")
    group: bool = False
    canonical: str | None = None  # the name every form of this entry gives
    members: tuple[str, ...] = ()  # a title list: the bodies its comma-separated parts name, in order


def _seq(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in words(text))


@dataclass
class Lexicon:
    abbreviations: dict[str, str]
    titles: Phrases
    title_overlap: dict[tuple[str, ...], int]  # title words -> how many of them start the body
    entries: list[Entry]
    determiners: Phrases
    member_prefixes: Phrases
    group_nouns: Phrases
    admin_nouns: Phrases
    generic_nouns: set[tuple[str, ...]]
    strong_nouns: set[tuple[str, ...]]
    modifiers: Phrases
    heads: Phrases
    provinces: Phrases
    enumerations: dict[str, str] = field(default_factory=dict)
    title_prefix: object = field(repr=False, default=None)  # compiled: a title at the start of a name
    surfaces: frozenset = field(repr=False, default=frozenset())  # every gazetteer form's words
    gazetteer: Phrases = field(repr=False, default=Phrases(()))  # every name and alias, by first word
    entries_by_surface: dict[tuple[str, ...], list[Entry]] = field(repr=False, default_factory=dict)
    group_first_words: frozenset = field(repr=False, default=frozenset())  # group phrases match in lower case


def _longest_first(seqs) -> Phrases:
    return Phrases(s for s in seqs if s)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = with_user_agencies(vocab.load("agencies.json"))  # plus --agencies / DOCEXTRACT_AGENCIES files
    abbreviations = {k: v for k, v in data["abbreviations"].items() if not k.startswith("_")}
    titles_cfg = data["head_titles"]
    titles = [_seq(t) for t in titles_cfg["titles"]]
    overlap = {}
    for title, body in titles_cfg["title_body_overlap"].items():
        t, b = _seq(title), _seq(body)
        overlap[t] = len(t) - len(b)
        titles.append(t)
    titles = _longest_first(titles)
    entries: list[Entry] = []
    for body in data["bodies"]:
        flags = {k: body.get(k, False) for k in ("takes_place", "needs_place", "needs_name", "named", "descriptive", "not_agency")}
        for form in [body["name"], *body.get("aliases", [])]:
            entries.append(Entry(body["name"], _seq(form), body.get("level", "any"), **flags))
    groups = data["groups"]
    for phrase in groups["phrases"]:
        entries.append(Entry(phrase, _seq(phrase), "group", group=True))
    for phrase, members in groups["title_groups"].items():
        if phrase.startswith("_"):
            continue
        several = tuple(members) if len(members) > 1 else ()
        entries.append(Entry(members[0], _seq(phrase), "group", group=True, canonical=members[0], members=several))
    provinces = _longest_first(_seq(name) for _, name in vocab.provinces())
    lex = Lexicon(
        abbreviations=abbreviations,
        titles=titles,
        title_overlap=overlap,
        entries=entries,
        determiners=_longest_first(_seq(d) for d in groups["determiners"]),
        member_prefixes=_longest_first(_seq(d) for d in groups["member_prefixes"]),
        group_nouns=_longest_first(_seq(n) for n in groups["nouns"]),
        admin_nouns=_longest_first(_seq(n) for n in groups["admin_nouns"]),
        generic_nouns={_seq(n) for n in groups["generic_nouns"]},
        strong_nouns={_seq(n) for n in groups["strong_nouns"]},
        modifiers=_longest_first(_seq(m) for m in groups["modifiers"]),
        heads=_longest_first(_seq(h) for h in data["head_nouns"]["heads"]),
        provinces=provinces,
        enumerations={k: v for k, v in data.get("enumerations", {}).get("heads", {}).items()},
    )
    lex.title_prefix = re.compile(r"^(?:" + "|".join(re.escape(" ".join(t)) for t in titles) + r")\s+")
    lex.surfaces = frozenset(e.surface for e in entries)
    lex.gazetteer = Phrases(e.surface for e in entries)
    for entry in entries:
        lex.entries_by_surface.setdefault(entry.surface, []).append(entry)
    lex.group_first_words = frozenset(e.surface[0] for e in entries if e.group)
    return lex
