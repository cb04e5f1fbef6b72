"""A small tokenizer that keeps character offsets, and phrase lists matched over its tokens.

spaCy's Vietnamese tokenizer needs pyvi (``spacy.blank("vi")`` fails without it) and the
multilingual one leaves "TT&TT," or "(VP)." as single tokens, so docextract tokenizes with one
regex; ``docextract show`` hands spaCy the words and spaces for displaCy. Nothing is downloaded.
"""
from __future__ import annotations

import re  # the standard library's engine: the tokenizer is the hottest pattern, and it runs ~40% faster there
from functools import lru_cache
from itertools import accumulate, chain, islice

# A word: letters/digits joined by &, ', -, / or . inside it ("TT&TT", "LĐ-TB&XH", "61/2018/NĐ-CP",
# "trị-xã", "1.742"), or "TP." style abbreviation dots are left out; any other non-space char is
# a token of its own (punctuation, quotes, brackets). (\w is a letter, a digit or "_".)
_WORD = r"\w+(?:[&'’\-/.]\w+)*&?|\S"
TOKEN = re.compile(_WORD)
# The spaces before each token and the token: offsets follow from the lengths, and findall of
# strings is several times cheaper than a match object per token. Every character is a space or
# part of a token, so the only place the first branch fails is a run of spaces at the end, which
# the second branch takes in one step (else the scan would retry at each of those spaces).
SPACED_TOKEN = re.compile(rf"(\s*+)({_WORD})|\s+\Z")


class Tokens:
    """The tokens of a text as parallel lists (``text``, ``lower``), with offsets into the text.

    Lists, not one object per token: building those objects cost more than the whole grammar,
    which reads ``lower`` millions of times. Offsets are summed only as far as they are asked
    for (a mention's ends), since most tokens start no mention.
    """

    __slots__ = ("text", "lower", "_pairs", "_starts")

    def __init__(self, pairs: list[tuple[str, str]], origin: int):
        self._pairs = pairs  # (spaces before, token)
        self.text = [word for _, word in pairs]
        self.lower = [word.lower() for word in self.text]
        self._starts = [origin]  # where token 0, 1, ... starts: a running sum, grown by start()
        if pairs:
            self._starts[0] += len(pairs[0][0])

    def __len__(self) -> int:
        return len(self.text)

    def start(self, k: int) -> int:
        starts = self._starts
        known = len(starts)
        if k >= known:
            # the lengths of token known-1, then of each (spaces, token) pair up to token k
            lengths = chain((len(self.text[known - 1]),), map(len, chain.from_iterable(self._pairs[known:k + 1])))
            starts.extend(islice(accumulate(lengths, initial=starts[-1]), 2, None, 2))
        return starts[k]

    def end(self, k: int) -> int:
        return self.start(k) + len(self.text[k])

    def spans(self) -> list[tuple[int, int]]:
        return [(self.start(k), self.end(k)) for k in range(len(self.text))]


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Tokens of ``text[start:end]``, with offsets into ``text``."""
    pairs = SPACED_TOKEN.findall(text, start, len(text) if end is None else end)
    if pairs and not pairs[-1][1]:
        pairs.pop()  # the trailing spaces
    return Tokens(pairs, start)


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

    def match(self, lower: list[str], i: int) -> int:
        """Index after the longest phrase spelled at token ``i`` (``lower``: the lower-case
        tokens), else -1. (The walk of ``matches``, keeping only the last end: the grammar asks this
        at nearly every token, and building the list there cost a fifth of the recogniser.)"""
        n = len(lower)
        if i >= n:
            return -1
        node = self.trie.get(lower[i])
        found = -1
        while node is not None:
            i += 1
            if END in node:
                found = i
            if i >= n:
                break
            node = node.get(lower[i])
        return found

    def matches(self, lower: list[str], i: int) -> list[tuple[tuple[str, ...], int]]:
        """[(phrase, index after it)] for every phrase spelled at token ``i``, longest first."""
        n = len(lower)
        found = []
        node = self.trie.get(lower[i]) if i < n else None
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
