"""The learned decisions of the tasks stage: linear models trained by ``scripts/train.py`` from the
train split of ``corpora/gold`` and shipped in ``models/`` (installed as ``docextract/models``).

- ``instruction``: is a candidate the rules assembled really a task (an instruction to someone),
  or a heading, goal, background line or list item that orders nothing? The rules propose, the
  model keeps the candidates whose probability reaches the threshold chosen on the train split
  by cross-validation; every kept task carries that probability as its ``confidence``.
- ``assignment``: does a body the rules found in a task really carry the role they gave it? The
  same way, every assignee gets a ``confidence`` and the doubtful ones are dropped.

A model is a JSON file of feature weights (no pickle: nothing but numbers is read), scored here
in plain Python, so the runtime needs neither scikit-learn nor NumPy. ``DOCEXTRACT_RULES_ONLY=1``
runs the rules alone, to compare the two.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import regex as re

from ..agencies.recognise import canonical_name, find_agencies
from ..model import Assignee, DocumentRecord, Section, Task
from . import agency_tagger

RULES_ONLY_VARIABLE = "DOCEXTRACT_RULES_ONLY"
# Another folder of models (a learning curve's, a candidate's) to use in place of the shipped one.
MODELS_VARIABLE = "DOCEXTRACT_MODELS"
MODELS_FOLDER = Path(__file__).resolve().parent.parent / "models"
WORD = re.compile(r"\w+")
# The words a task text opens with, up to this many, carry most of the decision ("Tổ chức", "Chỉ đạo").
OPENING_WORDS = 12


def rules_only() -> bool:
    return os.environ.get(RULES_ONLY_VARIABLE, "") not in ("", "0")


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A logistic regression over binary features: weights by feature name, a bias and the
    probability from which a candidate is kept."""

    name: str
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: list[str]) -> float:
        score = self.bias + sum(map(self.weights.get, set(features), repeat(0.0)))  # (same order as a loop)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    @classmethod
    def from_json(cls, data: dict) -> "LinearModel":
        return cls(data["name"], {str(k): float(v) for k, v in data["weights"].items()},
                   float(data["bias"]), float(data["threshold"]))

    def to_json(self) -> dict:
        return {"name": self.name, "bias": self.bias, "threshold": self.threshold,
                "weights": dict(sorted(self.weights.items()))}


def models_folder() -> Path:
    return Path(os.environ.get(MODELS_VARIABLE) or MODELS_FOLDER)


@lru_cache(maxsize=None)
def _load(path: Path) -> LinearModel | None:
    if not path.is_file():
        return None
    return LinearModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def shipped_model(name: str) -> LinearModel | None:
    """The model ``models/NAME.json`` shipped with the package (or of $DOCEXTRACT_MODELS), or None
    when it is absent."""
    return _load(models_folder() / f"{name}.json")


def forget_loaded_models() -> None:
    """Read the model files again on next use (after a training run rewrote them)."""
    _load.cache_clear()
    agency_tagger.load_crf.cache_clear()


def active_model(name: str) -> LinearModel | None:
    return None if rules_only() else shipped_model(name)


# ------------------------------------------------------------------ features


def _words(text: str, limit: int | None = None) -> list[str]:
    words = list(map(str.casefold, WORD.findall(text[:400] if limit else text)))
    return words[:limit] if limit else words


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


class SectionIndex:
    """Each section of a record by id, with its parent."""

    def __init__(self, roots: list[Section]):
        self.by_id: dict[str, Section] = {}
        self.parent: dict[str, Section | None] = {}
        stack = [(s, None) for s in reversed(roots)]
        while stack:
            node, parent = stack.pop()
            self.by_id[node.id] = node
            self.parent[node.id] = parent
            stack.extend((c, node) for c in reversed(node.children))


def _heading_features(prefix: str, heading: str) -> list[str]:
    words = _words(heading, 6)
    out = [f"{prefix}w1={' '.join(words[:1])}", f"{prefix}w2={' '.join(words[:2])}"]
    return out


def task_features(task: Task, record: DocumentRecord, sections: SectionIndex) -> list[str]:
    """What the instruction model sees of a candidate task: its opening words, its layout (kind and
    depth of its item, its parent's heading), what the rules found in it, the document's type."""
    text = task.text
    words = _words(text, OPENING_WORDS)
    features = [f"type={record.document.type or '-'}",
                f"w1={' '.join(words[:1])}", f"w2={' '.join(words[:2])}", f"w3={' '.join(words[:3])}"]
    length = text.count(" ") + 1  # words, near enough for the length buckets (no regex pass over a long task)
    features.append(f"len{_bucket(length, (3, 8, 20, 50, 120))}")
    stripped = text.rstrip()
    features.append(f"end={stripped[-1:] if stripped else '-'}")
    letters = list(filter(str.isalpha, text[:200]))  # (map/filter over str methods: no Python call per character)
    if letters and sum(map(str.isupper, letters)) > 0.8 * len(letters):
        features.append("upper")
    if "\n" in text:
        features.append("paragraphs")
    if any(map(str.isdigit, text)):
        features.append("digit")
    if "%" in text:
        features.append("percent")
    features.append(f"assignees{_bucket(len(task.assignees), (0, 1, 3))}")
    if task.assignees and all(a.span is None for a in task.assignees):
        features.append("assignees_inherited")
    features += [f"role={a.role}" for a in task.assignees]
    features.append(f"deadline={task.deadline.kind if task.deadline else '-'}")
    features.append(f"references{_bucket(len(task.references), (0, 2))}")
    section = sections.by_id.get(task.section) if task.section else None
    if section is None:
        features.append(f"layout={(task.path or '-').split('/')[0] if task.path else 'paragraph'}")
    else:
        features.append(f"kind={section.kind}")
        features.append(f"level{_bucket(section.level, (0, 1, 2, 3))}")
        features.append(f"children{_bucket(len(section.children), (0, 2))}")
        parent = sections.parent.get(section.id)
        if parent is not None:
            features += _heading_features("parent_", parent.heading)
            features.append(f"parent_kind={parent.kind}")
        else:
            features.append("top_level")
    return features


def assignee_features(assignee: Assignee, index: int, task: Task, record: DocumentRecord) -> list[str]:
    """What the assignment model sees of one body the rules put on a task: its role, its head
    words, whether the task names it or inherits it, the words around its mention."""
    words = _words(assignee.agency, 4)
    features = [f"role={assignee.role}", f"type={record.document.type or '-'}",
                f"head1={' '.join(words[:1])}", f"head2={' '.join(words[:2])}",
                f"role_head={assignee.role}_{' '.join(words[:1])}",
                f"position{_bucket(index, (0, 1, 3))}",
                f"count{_bucket(len(task.assignees), (1, 2, 4))}"]
    if words[:1] == ["các"] or words[:1] == ["những"]:
        features.append("group")
    if assignee.span is None:
        features.append("inherited")
        features.append(f"inherited_role={assignee.role}")
    else:
        start, end = assignee.span
        before = _words(record.text[max(0, start - 40):start])[-3:]
        after = _words(record.text[end:end + 30])[:2]
        features += [f"before={w}" for w in before] + [f"after={w}" for w in after]
        features.append(f"before1={' '.join(before[-1:])}")
        offset = start - task.span[0]
        features.append(f"offset{_bucket(offset, (0, 20, 80, 250))}")
    return features


# ------------------------------------------------------------------ decisions


def judge_tasks(tasks: list[Task], record: DocumentRecord) -> tuple[list[Task], list[Task]]:
    """(kept, dropped): the candidates the instruction model keeps, each with its confidence.
    Without the model every candidate is kept and has no confidence."""
    model = active_model("instruction")
    if model is None or not tasks:
        return tasks, []
    sections = SectionIndex(record.sections)
    kept, dropped = [], []
    for task in tasks:
        task.confidence = round(model.probability(task_features(task, record, sections)), 4)
        (kept if task.confidence >= model.threshold else dropped).append(task)
    for number, task in enumerate(kept, 1):
        task.id = f"t{number}"
    return kept, dropped


def judge_assignees(tasks: list[Task], record: DocumentRecord) -> None:
    """Give every assignee its confidence and drop those under the assignment model's threshold."""
    model = active_model("assignment")
    if model is None:
        return
    for task in tasks:
        judged = []
        for index, assignee in enumerate(task.assignees):
            assignee.confidence = round(model.probability(assignee_features(assignee, index, task, record)), 4)
            judged.append(assignee)
        task.assignees = [a for a in judged if a.confidence >= model.threshold]


def tag_agencies(tasks: list[Task], record: DocumentRecord) -> None:
    """Add the bodies the CRF tags in a task's own text that the rules did not assign."""
    if rules_only():
        return
    crf = agency_tagger.load_crf(models_folder() / "agency_crf.json")
    if crf is None:
        return
    province = record.document.province
    for task in tasks:
        start, end = task.span
        words = agency_tagger.words_of(record.text, start, end)
        if not words:
            continue
        mentions = find_agencies(record.text, start, end, province=province)
        labels = crf.tag(agency_tagger.word_features(words, mentions))
        taken = [a.span for a in task.assignees if a.span]
        names = {a.agency.casefold() for a in task.assignees}
        for s, e, role in agency_tagger.spans_of(labels, words):
            if any(s < b and a < e for a, b in taken):
                continue
            name = canonical_name(record.text[s:e], province)
            if not name or name.casefold() in names:
                continue
            task.assignees.append(Assignee(name, role, (s, e)))
            names.add(name.casefold())
