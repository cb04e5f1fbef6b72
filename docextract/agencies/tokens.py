"""A small tokenizer that keeps character offsets, and the spaCy ``Doc`` built from it.

spaCy's Vietnamese tokenizer needs pyvi (``spacy.blank("vi")`` fails without it) and the
multilingual one leaves "TT&TT," or "(VP)." as single tokens, so docextract tokenizes with one
regex and hands spaCy the words and spaces. Nothing is downloaded.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

# A word: letters/digits joined by &, ', -, / or . inside it ("TT&TT", "LĐ-TB&XH", "61/2018/NĐ-CP",
# "trị-xã", "1.742"), or "TP." style abbreviation dots are left out; any other non-space char is
# a token of its own (punctuation, quotes, brackets).
TOKEN = re.compile(r"[\p{L}\p{N}_]+(?:[&'’\-/.][\p{L}\p{N}_]+)*&?|[^\s]")


@dataclass(slots=True, frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_title(self) -> bool:
        """Starts with an upper-case letter (Vietnamese capitalised word or an abbreviation)."""
        return self.text[0].isupper()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` with offsets shifted by ``offset``."""
    return [Token(m.group(0), m.start() + offset, m.end() + offset) for m in TOKEN.finditer(text)]


def words(text: str) -> list[str]:
    return [m.group(0) for m in TOKEN.finditer(text)]


@lru_cache(maxsize=1)
def blank_nlp():
    """A blank spaCy pipeline (multilingual vocabulary; tokenization is ours)."""
    import spacy

    return spacy.blank("xx")


def make_doc(tokens: list[Token]):
    """A spaCy Doc over ``tokens`` (their text and whether a space follows each)."""
    from spacy.tokens import Doc

    nlp = blank_nlp()
    spaces = [tokens[i + 1].start > tokens[i].end if i + 1 < len(tokens) else False for i in range(len(tokens))]
    return Doc(nlp.vocab, words=[t.text for t in tokens], spaces=spaces)
