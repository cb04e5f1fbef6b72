"""A small tokenizer that keeps character offsets, and phrase lists matched over its tokens.

spaCy's Vietnamese tokenizer needs pyvi (``spacy.blank("vi")`` fails without it) and the
multilingual one leaves "TT&TT," or "(VP)." as single tokens, so docextract tokenizes with one
regex; ``docextract show`` hands spaCy the words and spaces for displaCy. Nothing is downloaded.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

# A word: letters/digits joined by &, ', -, / or . inside it ("TT&TT", "LĐ-TB&XH", "61/2018/NĐ-CP",
# "trị-xã", "1.742"), or "TP." style abbreviation dots are left out; any other non-space char is
# a token of its own (punctuation, quotes, brackets).
_WORD = r"[\p{L}\p{N}_]+(?:[&'’\-/.][\p{L}\p{N}_]+)*&?|[^\s]"
TOKEN = re.compile(_WORD)
# The spaces before each token and the token: offsets follow from the lengths, and findall of
# strings is several times cheaper than a match object per token. Every character is a space or
# part of a token, so matches are contiguous: \G keeps a trailing run of spaces linear.
SPACED_TOKEN = re.compile(rf"\G(\s*+)({_WORD})")


@dataclass(slots=True)  # not frozen: frozen dataclasses are twice as slow to build, and a text has many tokens
class Token:
    text: str
    start: int
    end: int
    lower: str  # computed once: the grammar compares lower-case words millions of times

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_title(self) -> bool:
        """Starts with an upper-case letter (Vietnamese capitalised word or an abbreviation)."""
        return self.text[0].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``, with offsets into ``text``."""
    out = []
    pos = start
    for spaces, word in SPACED_TOKEN.findall(text, start, len(text) if end is None else end):
        pos += len(spaces)
        out.append(Token(word, pos, pos + len(word), word.lower()))
        pos += len(word)
    return out


def words(text: str) -> list[str]:
    return [m.group(0) for m in TOKEN.finditer(text)]


class Phrases(tuple):
    """Lower-case word sequences, longest first, indexed by their first word.

    The grammar asks "which of these phrases starts at token i?" at every token; looking up the
    token's word first makes that one dict lookup instead of a walk over every phrase.
    """

    def __new__(cls, seqs):
        ordered = sorted(set(seqs), key=lambda s: (-len(s), s))
        self = super().__new__(cls, ordered)
        self.by_first = {}
        for seq in ordered:  # stays longest first within each bucket
            self.by_first.setdefault(seq[0], []).append(seq)
        return self

    def match(self, tokens: list[Token], i: int) -> int:
        """Index after the longest phrase spelled at token ``i`` (lower case), else -1."""
        if i >= len(tokens):
            return -1
        n = len(tokens)
        # The same walk as ``matches``, written out: this is the grammar's hot path, and going
        # through the generator costs about 15% of the whole pipeline.
        for seq in self.by_first.get(tokens[i].lower, ()):
            j = i + len(seq)
            if j > n:
                continue
            for k in range(1, len(seq)):
                if tokens[i + k].lower != seq[k]:
                    break
            else:
                return j
        return -1

    def matches(self, tokens: list[Token], i: int):
        """(phrase, index after it) for every phrase spelled at token ``i``, longest first."""
        if i >= len(tokens):
            return
        n = len(tokens)
        for seq in self.by_first.get(tokens[i].lower, ()):
            j = i + len(seq)
            if j > n:
                continue
            for k in range(1, len(seq)):
                if tokens[i + k].lower != seq[k]:
                    break
            else:
                yield seq, j


@lru_cache(maxsize=1)
def blank_nlp():
    """A blank spaCy pipeline (multilingual vocabulary; tokenization is ours)."""
    import spacy

    return spacy.blank("xx")
