"""Per-task attribute lines: "Cơ quan chủ trì: Sở X.", "Cơ quan phối hợp: các sở, ngành; ...",
"Thời gian thực hiện: Quý II năm 2026 và các năm tiếp theo.", "Sản phẩm: ...".

Plans and programmes print the fields of a task as labelled lines under it (or as sibling items
"2. Cơ quan chủ trì, phối hợp: ...", "3. Thời gian thực hiện: ..." after "1. Nội dung: ...").
They give the assignees, roles and deadline of the task they stand under and are never tasks of
their own. The labels are vocabulary (task_cues.json "attributes"); this module only tells
whether a stretch of text opens with one, and which kind.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

from .context import cues

ATTRIBUTE_KINDS = ("lead", "support", "actors", "deadline", "other")


@dataclass(slots=True, frozen=True)
class AttributeLine:
    kind: str  # lead | support | actors | deadline | other
    value: tuple[int, int]  # the words after the label's colon (may be empty: the value is below)


@lru_cache(maxsize=1)
def _longest_first() -> tuple[tuple[str, re.Pattern], ...]:
    """One pattern per label, longest label first (an alternation tries its branches in order,
    so one pattern per label keeps "cơ quan chủ trì, phối hợp" ahead of "cơ quan chủ trì")."""
    labels = [(len(p), kind, p) for kind in ATTRIBUTE_KINDS for p in cues()["attributes"][kind]]
    out = []
    for _, kind, phrase in sorted(labels, key=lambda x: -x[0]):
        words = re.escape(phrase).replace(r"\ ", r"\s+").replace(",", r"\s*,")
        out.append((kind, re.compile(r"[\s\-–+•*]*(?:" + words + r")\s*(?:\([^()\n]{0,60}\)\s*)?:", re.IGNORECASE)))
    return tuple(out)


# The first word of every label, lower case: a line whose first word is none of them holds no label.
@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(p.split()[0].strip(",").lower() for kind in ATTRIBUTE_KINDS for p in cues()["attributes"][kind])


LEADING_BULLETS = " \t-–+•*"


def attribute_line(text: str, start: int, end: int) -> AttributeLine | None:
    """The attribute line that ``text[start:end]`` opens with, or None."""
    pos = start
    while pos < end and text[pos] in LEADING_BULLETS:
        pos += 1
    space = text.find(" ", pos, min(end, pos + 12))
    first = text[pos:space if space != -1 else min(end, pos + 12)].lower().rstrip(":,")
    if first not in _first_words():
        return None
    for kind, pattern in _longest_first():
        m = pattern.match(text, start, end)
        if m:
            value_start = m.end()
            while value_start < end and text[value_start] in " \t":
                value_start += 1
            return AttributeLine(kind, (value_start, end))
    return None
