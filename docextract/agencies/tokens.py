"""A small tokenizer that keeps character offsets, and phrase lists matched over its tokens.

spaCy's Vietnamese tokenizer needs pyvi (``spacy.blank("vi")`` fails without it) and the
multilingual one leaves "TT&TT," or "(VP)." as single tokens, so docextract tokenizes with one
regex; ``docextract show`` hands spaCy the words and spaces for displaCy. Nothing is downloaded.
"""
from __future__ import annotations

import re  # the standard library's engine: runs the token pattern ~40% faster than regex
from functools import lru_cache

try:
    import cython
except ImportError:  # not installed: the type declarations are no-ops
    from .. import cython_shim as cython

# A word: letters/digits joined by &, ', -, / or . inside it ("TT&TT", "LĐ-TB&XH", "61/2018/NĐ-CP",
# "trị-xã", "1.742"), or "TP." style abbreviation dots are left out; any other non-space char is
# a token of its own (punctuation, quotes, brackets). (\w is a letter, a digit or "_".)
TOKEN = re.compile(r"\w+(?:[&'’\-/.]\w+)*&?|\S")


class Tokens:
    """The tokens of a text as parallel lists (``text``, ``lower``), with offsets into the text.

    Lists, not one object per token: building those objects cost more than the whole grammar,
    which reads ``lower`` millions of times. Offsets are found only as far as they are asked
    for (a mention's ends), since most tokens start no mention.
    """

    __slots__ = ("text", "lower", "_source", "_starts")

    def __init__(self, source: str, words: list[str], origin: int):
        self._source = source  # the text the words were read from, from ``origin`` on
        self.text = words
        self.lower = [word.lower() for word in words]
        self._starts = [source.find(words[0], origin)] if words else []  # grown by start()

    def __len__(self) -> int:
        return len(self.text)

    @cython.locals(k=cython.Py_ssize_t, known=cython.Py_ssize_t, at=cython.Py_ssize_t, j=cython.Py_ssize_t,
                   starts=list, words=list, source=str, word=str)
    def start(self, k: int) -> int:
        starts = self._starts
        known = len(starts)
        if k >= known:
            # Only spaces lie between a token and the next, and a token starts with a non-space:
            # the next token is where its text first occurs after the end of this one.
            source, words = self._source, self.text
            at = starts[-1] + len(words[known - 1])
            for j in range(known, k + 1):
                word = words[j]
                at = source.find(word, at)
                starts.append(at)
                at += len(word)
        return starts[k]

    def end(self, k: int) -> int:
        return self.start(k) + len(self.text[k])

    def spans(self) -> list[tuple[int, int]]:
        return [(self.start(k), self.end(k)) for k in range(len(self.text))]


@cython.locals(words=list, piece=str, core=str, n=cython.Py_ssize_t, head=cython.Py_ssize_t,
               tail=cython.Py_ssize_t, first=cython.Py_UCS4, last=cython.Py_UCS4)
def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Tokens of ``text[start:end]``, with offsets into ``text``."""
    words: list[str] = []
    # Most pieces between spaces are one plain word; only the others need the token pattern
    # (which gives the same tokens: none holds a space). About a third cheaper than the pattern
    # over the whole text.
    for piece in text[start:end].split():
        if piece.isalnum():
            words.append(piece)
            continue
        # Most of the others are a word with one mark before or after it ("(UBND)", "trì,",
        # "2025;"), which TOKEN splits into the mark(s) and the word: a mark before is no word
        # character; a mark after is neither a word character nor the "&" of "TT&".
        n = len(piece)
        first, last = piece[0], piece[n - 1]
        head = 0 if first.isalnum() or first == "_" else 1
        tail = n - 1 if n - head >= 2 and not (last.isalnum() or last == "_" or last == "&") else n
        core = piece[head:tail]
        if core.isalnum():
            if head:
                words.append(piece[0])
            words.append(core)
            if tail < n:
                words.append(piece[n - 1])
        elif n == 1:
            words.append(piece)
        else:
            words.extend(TOKEN.findall(piece))
    return Tokens(text, words, start)


def words(text: str) -> list[str]:
    return TOKEN.findall(text)


def is_word(token: str) -> bool:
    return token[0].isalnum()


def is_title(token: str) -> bool:
    """Starts with an upper-case letter (Vietnamese capitalised word or an abbreviation)."""
    return token[0].isupper()


class Phrases(tuple):
    """Lower-case word sequences, longest first, held in a trie of words.

    The grammar asks "which of these phrases starts at token i?" at every token; walking the trie
    from the token reads each following token once, however many phrases share the first words
    (the gazetteer has dozens of names starting "ủy ban nhân dân").
    """

    def __new__(cls, seqs):
        ordered = sorted(set(seqs), key=lambda s: (-len(s), s))
        self = super().__new__(cls, ordered)
        self.trie = {}  # first word -> node (its keys: the words a phrase can start with); a node
        # is a dict of the next words, and END -> the phrase
        for seq in ordered:
            node = self.trie
            for word in seq:
                node = node.setdefault(word, {})
            node[END] = seq
        return self

    @cython.locals(lower=list, i=cython.Py_ssize_t, n=cython.Py_ssize_t, found=cython.Py_ssize_t, node=dict)
    def match(self, lower: list[str], i: int) -> int:
        """Index after the longest phrase spelled at token ``i`` (``lower``: the lower-case
        tokens), else -1. (The walk of ``matches``, keeping only the last end: the grammar asks this
        at nearly every token, and building the list there cost a fifth of the recogniser.)"""
        n = len(lower)
        if i >= n:
            return -1
        trie: dict = self.trie
        node = trie.get(lower[i])
        found = -1
        while node is not None:
            i += 1
            if END in node:
                found = i
            if i >= n:
                break
            node = node.get(lower[i])
        return found

    @cython.locals(lower=list, i=cython.Py_ssize_t, n=cython.Py_ssize_t, node=dict, found=list)
    def matches(self, lower: list[str], i: int) -> list[tuple[tuple[str, ...], int]]:
        """[(phrase, index after it)] for every phrase spelled at token ``i``, longest first."""
        n = len(lower)
        found = []
        trie: dict = self.trie
        node = trie.get(lower[i]) if i < n else None
        while node is not None:
            i += 1
            if END in node:
                found.append((node[END], i))
            if i >= n:
                break
            node = node.get(lower[i])
        found.reverse()
        return found


END = None  # the trie key that marks the end of a phrase (no word is None)


@lru_cache(maxsize=1)
def blank_nlp():
    """A blank spaCy pipeline (multilingual vocabulary; tokenization is ours)."""
    import spacy

    return spacy.blank("xx")
