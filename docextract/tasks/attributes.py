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
import regex as re

from ..prebuild import built_once
from .context import cues

ATTRIBUTE_KINDS = ("lead", "support", "actors", "deadline", "other")


@dataclass(slots=True, frozen=True)
class AttributeLine:
    kind: str  # lead | support | actors | deadline | other
    value: tuple[int, int]  # the words after the label's colon (may be empty: the value is below)


@built_once
def _labels_by_first_word() -> dict[str, tuple[tuple[str, re.Pattern], ...]]:
    """The first word of a label (lower case) -> one pattern per label that opens with it, the
    longest label first (so that "cơ quan chủ trì, phối hợp" is tried before "cơ quan chủ trì").
    A pattern: optional bullets, the label's words, an optional parenthesis ("Thời gian thực
    hiện (dự kiến):"), then the colon."""
    labels = sorted(((kind, p) for kind in ATTRIBUTE_KINDS for p in cues()["attributes"][kind]), key=lambda x: -len(x[1]))
    out: dict[str, list] = {}
    for kind, phrase in labels:
        words = re.escape(phrase).replace(r"\ ", r"\s+").replace(",", r"\s*,")
        pattern = re.compile(r"[\s\-–+•*]*(?:" + words + r")\s*(?:\([^()\n]{0,60}\)\s*)?:", re.IGNORECASE)
        out.setdefault(phrase.split()[0].strip(",").lower(), []).append((kind, pattern))
    return {word: tuple(patterns) for word, patterns in out.items()}


LEADING_BULLETS = " \t-–+•*"
LABEL_REACH = 90  # characters: the colon of the longest label with its parenthesis stands within them


def attribute_line(text: str, start: int, end: int) -> AttributeLine | None:
    """The attribute line that ``text[start:end]`` opens with, or None."""
    if text.find(":", start, min(end, start + LABEL_REACH)) == -1:
        return None  # (most paragraphs: no colon near their start)
    pos = start
    while pos < end and text[pos] in LEADING_BULLETS:
        pos += 1
    space = text.find(" ", pos, min(end, pos + 12))
    first = text[pos:space if space != -1 else min(end, pos + 12)].lower().rstrip(":,")
    for kind, pattern in _labels_by_first_word().get(first, ()):
        m = pattern.match(text, start, end)
        if m:
            value_start = m.end()
            while value_start < end and text[value_start] in " \t":
                value_start += 1
            return AttributeLine(kind, (value_start, end))
    return None
