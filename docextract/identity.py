"""Resolve: stable keys and canonical names, so that other systems can follow a record over time.

- The document's key is its citation-graph node key (``02/2011/CT-UBND@tỉnh Lào Cai``), else
  ``doc:<file name>`` for a document without a number (as ``docextract.graph`` names its node).
- A task's ``key`` is a short hash of the document's key, the task's section path and its text
  folded (case, spacing and punctuation ignored): it depends on no position or running id, so a
  re-run, a newer docextract or a cleaner capture of the same document gives the same key.
- An assignee's ``canonical`` is the gazetteer's name of the body (``Ủy ban Thường vụ Quốc hội``
  however the text cases it; an alias gives its body's name). A name the gazetteer lacks is
  cased from the vocabulary: the gazetteer's names inside it as the gazetteer writes them, place
  words and qualifiers after its first word as the data writes them ("tỉnh", "trực thuộc Trung
  ương"), and in a group ("các Sở, Ban, ngành") the group's nouns as the data writes them ("các
  sở, ban, ngành"), other words as written (so a name the vocabulary does not know, such as
  "Thuế" / "thuế", can still come in two casings).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Optional

from . import vocab
from .agencies.lexicon import lexicon
from .agencies.tokens import TOKEN, Phrases
from .model import DocumentRecord

KEY_LENGTH = 16  # hex digits of the task key's hash: 64 bits, no collision in any real corpus

# A run of word characters: what a task key keeps of the text (punctuation and spacing repairs
# between two captures of the same document must not change the key).
KEY_WORD = re.compile(r"\w+")


def document_key(record: DocumentRecord) -> str:
    """The graph key of the document, else ``doc:<file name>`` (``doc:<sha256[:12]>`` for stdin)."""
    from .references.resolve import document_key as numbered_key

    key = numbered_key(record)
    if key:
        return key
    path = record.source.path
    stem = Path(path).name if path and path != "-" else record.source.sha256[:12]
    return f"doc:{stem}"


def task_key(document: str, path: Optional[str], text: str) -> str:
    """The short hash of (document key, section path, folded text)."""
    folded = " ".join(KEY_WORD.findall(unicodedata.normalize("NFC", text).casefold()))
    digest = hashlib.sha256("\x1f".join((document, path or "", folded)).encode("utf-8"))
    return digest.hexdigest()[:KEY_LENGTH]


def _lower_words(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in TOKEN.findall(text))


@lru_cache(maxsize=1)
def _casing_vocabulary() -> tuple[Phrases, Phrases, Phrases, dict]:
    """(official names, group words, place and qualifier words, lower-case words -> the data's
    spelling).

    The first spelling listed wins where the data lists two ("Trung tâm" and "trung tâm")."""
    data = vocab.load("agencies.json")
    groups = data["groups"]
    written: dict[tuple[str, ...], str] = {}

    def phrases(forms) -> Phrases:
        seqs = []
        for form in forms:
            seq = _lower_words(form)
            written.setdefault(seq, form)
            seqs.append(seq)
        return Phrases(s for s in seqs if s)

    names = phrases(body["name"] for body in data["bodies"] if not body.get("not_agency"))
    group_words = phrases([*groups["determiners"], *groups["member_prefixes"], *groups["nouns"],
                           *groups["modifiers"]])
    places = phrases([*groups["admin_nouns"], *groups["modifiers"]])  # "tỉnh", "trực thuộc Trung ương"
    return names, group_words, places, written


def gazetteer_name(agency: str) -> Optional[str]:
    """The gazetteer's name of ``agency`` (as emitted: abbreviations already expanded), or None."""
    for entry in lexicon().entries_by_surface.get(_lower_words(agency), ()):
        if not entry.not_agency:
            return entry.canonical or entry.name
    return None


@lru_cache(maxsize=4096)  # the same few hundred bodies recur in every document
def canonical_agency(agency: str) -> str:
    """The gazetteer's name, else the name cased from the vocabulary (see the module's notes)."""
    known = gazetteer_name(agency)
    if known is not None:
        return known
    names, group_words, places, written = _casing_vocabulary()
    tokens = list(TOKEN.finditer(agency))
    lower = [t.group().lower() for t in tokens]
    first_group = group_words.match(lower, 0)
    # a group: "các ...", "thành viên ...", or a list of group nouns ("Sở, ban, ngành tỉnh")
    is_group = first_group > 0 and (lower[0] in ("các", "những", "mọi", "toàn", "tất", "thành")
                                    or first_group == len(lower) or lower[first_group] == ",")
    out = []
    previous_end = i = 0
    while i < len(tokens):
        end = names.match(lower, i)
        if end < 0 and is_group:
            end = group_words.match(lower, i)
        if end < 0 and i > 0:
            end = places.match(lower, i)
        out.append(agency[previous_end:tokens[i].start()])
        if end > 0:
            out.append(written[tuple(lower[i:end])])
            previous_end, i = tokens[end - 1].end(), end
        else:
            out.append(tokens[i].group())
            previous_end, i = tokens[i].end(), i + 1
    out.append(agency[previous_end:])
    return "".join(out)


def resolve_identities(record: DocumentRecord) -> None:
    """Set every task's ``key`` and every assignee's ``canonical`` (in place)."""
    document = document_key(record)
    seen_keys: dict[str, int] = {}
    for task in record.tasks:
        key = task_key(document, task.path, task.text)
        count = seen_keys.get(key, 0) + 1
        seen_keys[key] = count
        # the same text twice under one path (a repeated table row): numbered in document order
        task.key = key if count == 1 else f"{key}-{count}"
        for assignee in task.assignees:
            assignee.canonical = canonical_agency(assignee.agency)
