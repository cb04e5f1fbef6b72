"""Patterns tried only where their matches can start.

A pattern whose every match opens with one of a few words, or at a position a cheap scan found,
need not be run over every character: ``word_starts`` finds the words with ``str.find`` (in the
lower-case text, for case-insensitive patterns) and ``finditer_at`` matches the pattern there
alone, with the same matches as ``pattern.finditer`` for patterns that match no empty string.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Optional, Sequence

import regex as re


def word_starts(low: str, words: Iterable[str]) -> list[int]:
    """The offsets where one of ``words`` stands in ``low``, ascending, each once."""
    out = set()
    for word in words:
        i = low.find(word)
        while i >= 0:
            out.add(i)
            i = low.find(word, i + 1)
    return sorted(out)


def finditer_at(pattern: re.Pattern, text: str, start: int, end: int,
                at: Optional[Sequence[int]] = None) -> Iterator[re.Match]:
    """``pattern.finditer(text, start, end)``; given ``at`` (offsets, ascending), only these positions
    are tried, which yields the same matches when no match can start elsewhere. For patterns that
    match no empty string."""
    if at is None:
        yield from pattern.finditer(text, start, end)
        return
    pos = start  # where the previous match ended
    for p in at:
        if pos <= p < end:
            m = pattern.match(text, p, end)
            if m:
                yield m
                pos = m.end()
