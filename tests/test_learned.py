"""The learned decisions (docextract/tasks/learned.py, agency_tagger.py) and their shipped models."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from docextract import extract
from docextract.agencies.recognise import find_agencies
from docextract.tasks import agency_tagger, learned

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import train  # noqa: E402
from evaluate import load_splits  # noqa: E402

MODELS = ROOT / "models"
PLAN = ROOT / "corpora/raw/kh-1026-ubnd-nghe-an-2025.txt"
NAMES = ("instruction", "assignment", "agency_crf")


@pytest.mark.parametrize("name", NAMES)
def test_shipped_model_was_trained_on_todays_train_split_and_feature_code(name):
    """A change of the train gold, or of the feature code, without `python scripts/train.py` fails here."""
    meta = json.loads((MODELS / f"{name}.meta.json").read_text(encoding="utf-8"))
    train_rows = [row for row in load_splits() if row["split"] == "train"]
    assert meta["training_data_sha256"] == train.training_data_hash(train_rows), "retrain: python scripts/train.py"
    assert meta["code_version"] == train.code_version(), "the feature code changed: python scripts/train.py"
    assert meta["train_documents"] == len(train_rows) and meta["train_fraction"] == 1.0
    assert set(meta["dev_f1"]["rules_only"]) >= {"tasks", "assignments"}


def test_models_are_plain_json_inside_the_package():
    assert learned.MODELS_FOLDER.resolve() == MODELS.resolve()
    for name in NAMES:
        data = json.loads((learned.MODELS_FOLDER / f"{name}.json").read_text(encoding="utf-8"))
        assert isinstance(data, dict) and "enabled" in data


def test_linear_model_scores_its_features():
    model = learned.LinearModel("t", {"w1=giao": 2.0, "upper": -3.0}, bias=-0.5, threshold=0.5)
    assert model.probability(["w1=giao"]) == pytest.approx(1 / (1 + 2.718281828459045 ** -1.5))
    assert model.probability(["upper", "unknown"]) < 0.05
    assert model.probability(["w1=giao", "w1=giao"]) == model.probability(["w1=giao"])  # a feature counts once
    assert learned.LinearModel.from_json(model.to_json()) == model


def test_every_task_and_assignee_gets_a_confidence_unless_rules_only(monkeypatch):
    record = extract(PLAN)
    assert record.tasks
    for task in record.tasks:
        assert 0.0 <= task.confidence <= 1.0
        assert all(0.0 <= a.confidence <= 1.0 for a in task.assignees)
    monkeypatch.setenv(learned.RULES_ONLY_VARIABLE, "1")
    rules = extract(PLAN)
    assert all(task.confidence is None for task in rules.tasks)
    assert all(a.confidence is None for task in rules.tasks for a in task.assignees)


def test_task_features_read_layout_and_opening_words():
    record = extract(PLAN)
    sections = learned.SectionIndex(record.sections)
    task = next(t for t in record.tasks if t.section)
    features = learned.task_features(task, record, sections)
    first = task.text.split()[0].casefold()
    assert f"w1={first.strip('.,:;')}" in features or any(f.startswith("w1=") for f in features)
    assert any(f.startswith("kind=") for f in features)
    assert f"type={record.document.type}" in features


def _crf_training_set(limit=40):
    """Task texts of a real plan, labelled with the rule recogniser's mentions (a stand-in gold)."""
    record = extract(PLAN)
    sequences = []
    for task in record.tasks[:limit]:
        words = agency_tagger.words_of(record.text, *task.span)
        mentions = find_agencies(record.text, *task.span, province=record.document.province)
        labels = ["O"] * len(words)
        for mention in mentions:
            inside = [i for i, w in enumerate(words) if mention.core_start <= w.start and w.end <= mention.end]
            for n, i in enumerate(inside):
                labels[i] = ("B-" if n == 0 else "I-") + "lead"
        if words:
            sequences.append((agency_tagger.word_features(words, mentions), labels))
    return sequences


def test_crf_read_out_of_the_engine_file_tags_as_the_engine_does(tmp_path):
    from underthesea_core import CRFTagger, CRFTrainer

    sequences = _crf_training_set()
    trainer = CRFTrainer(loss_function="perceptron", l1_penalty=0.0, l2_penalty=0.0, max_iterations=10, verbose=0)
    engine_file = tmp_path / "crf.bin"
    trainer.train([x for x, _ in sequences], [y for _, y in sequences]).save(str(engine_file))
    ours = agency_tagger.CRFModel(agency_tagger.engine_model_to_json(engine_file))
    engine = CRFTagger()
    engine.load(str(engine_file))
    for features, _ in sequences:
        assert ours.tag(features) == engine.tag(features)


TRAIN_ONCE = """
import hashlib, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from test_learned import _crf_training_set
from docextract.tasks import agency_tagger
from underthesea_core import CRFTrainer
sequences = _crf_training_set()
trainer = CRFTrainer(loss_function="perceptron", l1_penalty=0.0, l2_penalty=0.0, max_iterations=10, verbose=0)
trainer.train([x for x, _ in sequences], [y for _, y in sequences]).save(sys.argv[2])
data = agency_tagger.engine_model_to_json(Path(sys.argv[2]))
print(hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest())
"""


def test_crf_training_gives_the_same_weights_in_every_run(tmp_path):
    """The engine numbers attributes anew each run (and seeds its perceptron once per process): the
    JSON read out of its file is the same from one training process to the next."""
    import subprocess

    digests = {subprocess.run([sys.executable, "-c", TRAIN_ONCE, str(Path(__file__).parent), str(tmp_path / f"{i}.bin")],
                              capture_output=True, text=True, check=True).stdout.strip() for i in range(2)}
    assert len(digests) == 1 and len(digests.pop()) == 64


def test_bio_labels_become_spans_with_roles():
    text = "Sở Y tế chủ trì, phối hợp với Sở Tài chính"
    words = agency_tagger.words_of(text, 0, len(text))
    labels = ["B-lead", "I-lead", "I-lead"] + ["O"] * 6 + ["B-support", "I-support", "I-support"]
    spans = agency_tagger.spans_of(labels, words)
    assert [(text[s:e], role) for s, e, role in spans] == [("Sở Y tế", "lead"), ("Sở Tài chính", "support")]


def test_alignment_labels_a_gold_assignee_named_in_the_task():
    record = extract(PLAN)
    task = next(t for t in record.tasks if any(a.span for a in t.assignees))
    named = next(a for a in task.assignees if a.span)
    province = record.document.province
    wanted = {(train.score.norm_agency(named.agency, province), named.role)}
    _, labels, unaligned = train.crf_sequence(record, task, wanted, province)
    assert unaligned == 0
    assert any(label == f"B-{named.role}" for label in labels)
