"""The learned agency and role tagger: a linear-chain CRF over the words of a task, trained with
underthesea's engine (``underthesea_core.CRFTrainer``) by ``scripts/train.py`` and shipped as
``models/agency_crf.json``.

Labels are BIO with the role inside: ``B-lead``, ``I-lead``, ``B-support``, ``I-support``,
``B-requested``, ``I-requested``, ``O``. Features are the word and its neighbours, its case, the
gazetteer's hits (the rule recogniser becomes a feature here, not the decision), the head nouns
of public bodies, and the rules' role cues before it (chủ trì, phối hợp với, đề nghị, giao, ...,
from task_cues.json).

The engine's own model file numbers its attributes in a different order from one training to the
next, so the training script reads the weights out of it into sorted JSON (trained with the
structured perceptron, whose weights do not depend on summation order), and the tagger decodes
with the Viterbi algorithm here: the same gold gives the same file, loaded without unpickling
anything.
"""
from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex as re

from .. import vocab
from ..agencies.lexicon import lexicon
from ..agencies.recognise import AgencyMention

WORD_OR_MARK = re.compile(r"\w+|[^\w\s]")
ROLES = ("lead", "support", "requested")
CUE_WINDOW = 6  # words before a word in which a cue counts


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, str], ...]:
    """(phrase, kind) of the role cues of the rules (task_cues.json "roles"): the words before a
    body that make it lead, support or requested, or that it is reported to or advised."""
    roles = vocab.load("task_cues.json")["roles"]
    kinds = {"lead": roles["assign_lead"] + roles["lead_after"], "support": roles["support"],
             "requested": roles["assign_requested"], "not_subject": roles["not_subject_after"]}
    return tuple((phrase.casefold(), kind) for kind, phrases in kinds.items() for phrase in phrases)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: int
    end: int


def words_of(text: str, start: int, end: int) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in WORD_OR_MARK.finditer(text, start, end)]


@lru_cache(maxsize=1)
def _head_nouns() -> frozenset[str]:
    """The first words of the gazetteer's bodies ("sở", "ủy", "bộ", "cục", "trung", ...)."""
    return frozenset(entry.surface[0] for entry in lexicon().entries if entry.surface)


def word_features(words: list[Word], mentions: list[AgencyMention]) -> list[list[str]]:
    """The CRF's attributes of each word (strings, as underthesea_core takes them)."""
    lower = [w.text.casefold() for w in words]
    gazetteer = ["O"] * len(words)
    for mention in mentions:
        inside = [i for i, w in enumerate(words) if mention.core_start <= w.start and w.end <= mention.end]
        for n, i in enumerate(inside):
            gazetteer[i] = ("B-" if n == 0 else "I-") + mention.kind
    heads = _head_nouns()
    out = []
    for i, word in enumerate(words):
        f = [f"w={lower[i]}", f"gaz={gazetteer[i]}"]
        for d in (-2, -1, 1, 2):
            j = i + d
            f.append(f"w[{d}]={lower[j] if 0 <= j < len(words) else ('BOS' if j < 0 else 'EOS')}")
        f.append(f"w[-1,0]={lower[i - 1] if i else 'BOS'}|{lower[i]}")
        f.append(f"gaz[-1]={gazetteer[i - 1] if i else 'BOS'}")
        f.append(f"gaz[1]={gazetteer[i + 1] if i + 1 < len(words) else 'EOS'}")
        text = word.text
        f.append("title" if text[:1].isupper() and not text.isupper() else ("upper" if text.isupper() else "lower"))
        if not text[0].isalnum():
            f.append("mark")
        if lower[i] in heads:
            f.append("head_noun")
        window = f" {' '.join(lower[max(0, i - CUE_WINDOW):i])} "
        f += sorted({f"cue={kind}" for phrase, kind in _cues() if f" {phrase} " in window})
        f.append(f"position={'first' if i == 0 else ('early' if i < 8 else 'late')}")
        out.append(f)
    return out


def spans_of(labels: list[str], words: list[Word]) -> list[tuple[int, int, str]]:
    """(start, end, role) of each labelled body (character offsets)."""
    out, current = [], None
    for label, word in zip(labels, words):
        if label.startswith("B-") or (label.startswith("I-") and (current is None or current[2] != label[2:])):
            if current:
                out.append(current)
            current = [word.start, word.end, label[2:]]
        elif label.startswith("I-"):
            current[1] = word.end
        else:
            if current:
                out.append(current)
            current = None
    if current:
        out.append(current)
    return [tuple(x) for x in out]


class CRFModel:
    """A linear-chain CRF read from JSON: state weights by attribute and label, transitions."""

    def __init__(self, data: dict):
        self.labels: list[str] = data["labels"]
        self.state: dict[str, dict[int, float]] = {a: {int(k): v for k, v in w.items()}
                                                  for a, w in data["state"].items()}
        self.transition = [[0.0] * len(self.labels) for _ in self.labels]
        for key, weight in data["transition"].items():
            a, b = key.split(">")
            self.transition[int(a)][int(b)] = weight

    def tag(self, features: list[list[str]]) -> list[str]:
        """The best label sequence (Viterbi)."""
        n_labels = len(self.labels)
        if not features:
            return []
        scores = []
        for attrs in features:
            row = [0.0] * n_labels
            for a in attrs:
                for label, weight in self.state.get(a, {}).items():
                    row[label] += weight
            scores.append(row)
        best = list(scores[0])
        back = []
        for row in scores[1:]:
            pointers, new = [], []
            for b in range(n_labels):
                k = max(range(n_labels), key=lambda a: best[a] + self.transition[a][b])
                pointers.append(k)
                new.append(best[k] + self.transition[k][b] + row[b])
            back.append(pointers)
            best = new
        label = max(range(n_labels), key=lambda b: best[b])
        path = [label]
        for pointers in reversed(back):
            label = pointers[label]
            path.append(label)
        return [self.labels[i] for i in reversed(path)]


@lru_cache(maxsize=None)
def load_crf(path: Path) -> CRFModel | None:
    """The tagger of ``path``, or None when it is absent or switched off (it did not beat the
    rules on the dev split: see scripts/train.py)."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return CRFModel(data) if data.get("enabled", True) else None


# ------------------------------------------------------------------ the engine's file, read


def _cqdb_strings(blob: bytes, offset: int) -> dict[int, str]:
    """id -> string of a crfsuite CQDB chunk (its backward array lists every record)."""
    magic, _size, _flag, _order, count, backward = struct.unpack_from("<4s5I", blob, offset)
    assert magic == b"CQDB", "not a CQDB chunk"
    out = {}
    for i in range(count):
        (record,) = struct.unpack_from("<I", blob, offset + backward + 4 * i)
        if record == 0:
            continue
        ident, size = struct.unpack_from("<2I", blob, offset + record)
        out[ident] = blob[offset + record + 8: offset + record + 8 + size].rstrip(b"\0").decode("utf-8")
    return out


def engine_model_to_json(path: Path, digits: int = 6) -> dict:
    """The weights of a model file written by underthesea_core (crfsuite's layout), rounded."""
    blob = path.read_bytes()
    header = struct.unpack_from("<4sI4sI8I", blob, 0)
    (_m, _size, _t, _v, _n_features, n_labels, _n_attrs, off_features, off_labels, off_attrs,
     _off_lrefs, _off_arefs) = header
    labels = _cqdb_strings(blob, off_labels)
    attributes = _cqdb_strings(blob, off_attrs)
    magic, _chunk, count = struct.unpack_from("<4s2I", blob, off_features)
    assert magic == b"FEAT", "no feature chunk"
    order = sorted(labels, key=lambda i: labels[i])  # labels by name: a stable numbering
    number = {old: new for new, old in enumerate(order)}
    state: dict[str, dict[str, float]] = {}
    transition: dict[str, float] = {}
    for k in range(count):
        kind, src, dst, weight = struct.unpack_from("<3Id", blob, off_features + 12 + 20 * k)
        weight = round(weight, digits)
        if weight == 0.0:
            continue
        if kind == 0:
            state.setdefault(attributes[src], {})[str(number[dst])] = weight
        else:
            transition[f"{number[src]}>{number[dst]}"] = weight
    return {"labels": [labels[i] for i in order],
            "state": {a: dict(sorted(w.items())) for a, w in sorted(state.items())},
            "transition": dict(sorted(transition.items()))}
