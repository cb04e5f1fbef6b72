#!/usr/bin/env python3
"""Train docextract's learned decisions from the train split of corpora/gold into models/.
    python scripts/train.py                          # train every model, print dev figures
    python scripts/train.py --fraction 0.5 --keep all --out /tmp/m   # learning curve: half the documents
    DOCEXTRACT_MODELS=/tmp/m python scripts/evaluate.py --split dev   # score with those models

Models (see docextract/tasks/learned.py):
- instruction: is a candidate the rules assembled a task? Labels: the candidate matches a gold
  task (the scorer's own matching, token F1 >= 0.5, best first).
- assignment: does a body the rules put on a matched task, with its role, match a gold assignee?
The candidates come from the rules alone (DOCEXTRACT_RULES_ONLY=1) on the train documents. A
logistic regression (scikit-learn, liblinear, fixed seed) is fitted on binary features; the
threshold that keeps a candidate is the one that maximises the field's F1 over the train split's
out-of-fold probabilities (5 folds by document), so the dev split is never tuned on.

The output is deterministic (sorted inputs, fixed seeds, rounded weights): the same gold gives
byte-identical files. Each model has a sidecar NAME.meta.json with the training-data hash, the
code version and the dev figures next to the rules-only ones.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import score  # noqa: E402  (the scorer's matching and name folding)
from evaluate import load_splits, tallies_for, figures  # noqa: E402

from docextract import __version__, extract  # noqa: E402
from docextract.agencies.recognise import find_agencies  # noqa: E402
from docextract.tasks import agency_tagger, learned  # noqa: E402

MODELS_FOLDER = ROOT / "models"
FOLDS = 5
WEIGHT_DIGITS = 6
REGULARISATION = {"instruction": 0.5, "assignment": 0.5}
FIELD_OF = {"instruction": "tasks", "assignment": "assignments", "agency_crf": "assignments"}
CRF_ITERATIONS = 10
DECISIONS = ("instruction", "assignment", "agency_crf")


def training_data_hash(rows: list[dict]) -> str:
    """sha256 over the train split's document names, gold files and texts, in name order."""
    digest = hashlib.sha256()
    for row in sorted(rows, key=lambda r: r["doc"]):
        digest.update(row["doc"].encode() + b"\0")
        digest.update(Path(row["gold"]).read_bytes() + b"\0")
        digest.update((ROOT / row["text"]).read_bytes() + b"\0")
    return digest.hexdigest()


def code_version() -> str:
    """The package version and a hash of the feature code: models must be rebuilt when it changes."""
    digest = hashlib.sha256()
    for module in (learned, agency_tagger):
        source = Path(module.__file__).with_name(module.__name__.rpartition(".")[2] + ".py")  # (not the compiled copy)
        digest.update(source.read_bytes())
    return f"{__version__}+features.{digest.hexdigest()[:12]}"


def matched_pairs(gold_tasks: list[dict], texts: list[str]) -> dict[int, int]:
    """Predicted index -> gold index, as the scorer matches tasks."""
    pairs = sorted(((score.token_f1(g.get("text", ""), p), i, j)
                    for i, g in enumerate(gold_tasks) for j, p in enumerate(texts)), reverse=True)
    gold_taken, matched = set(), {}
    for f1, i, j in pairs:
        if f1 < 0.5:
            break
        if i not in gold_taken and j not in matched:
            gold_taken.add(i)
            matched[j] = i
    return matched


def candidates(rows: list[dict]) -> dict[str, list]:
    """Per model: (document, features, label) of every candidate the rules give on ``rows``, and the
    number of gold items (what recall is counted against)."""
    os.environ[learned.RULES_ONLY_VARIABLE] = "1"
    samples = {"instruction": [], "assignment": [], "agency_crf": []}
    gold_counts = {"instruction": 0, "assignment": 0, "agency_crf": 0, "agency_crf_unaligned": 0}
    try:
        for number, row in enumerate(rows, 1):
            print(f"\r  reading candidates {number}/{len(rows)}", end="", file=sys.stderr, flush=True)
            gold = json.loads(Path(row["gold"]).read_text(encoding="utf-8"))
            record = extract(ROOT / row["text"])
            gold_tasks = gold.get("tasks") or []
            province = gold.get("province")
            gold_counts["instruction"] += len(gold_tasks)
            gold_counts["assignment"] += sum(len(score.assignment_set(g, province)) for g in gold_tasks)
            sections = learned.SectionIndex(record.sections)
            matched = matched_pairs(gold_tasks, [t.text for t in record.tasks])
            for j, task in enumerate(record.tasks):
                samples["instruction"].append((row["doc"], learned.task_features(task, record, sections), j in matched))
                if j not in matched:
                    continue
                wanted = score.assignment_set(gold_tasks[matched[j]], province)
                words, labels, unaligned = crf_sequence(record, task, wanted, province)
                samples["agency_crf"].append((row["doc"], words, labels))
                gold_counts["agency_crf"] += len(wanted)
                gold_counts["agency_crf_unaligned"] += unaligned
                seen = set()
                for index, assignee in enumerate(task.assignees):
                    key = (score.norm_agency(assignee.agency, province), assignee.role)
                    label = key in wanted and key not in seen
                    seen.add(key)
                    samples["assignment"].append(
                        (row["doc"], learned.assignee_features(assignee, index, task, record), label))
    finally:
        os.environ.pop(learned.RULES_ONLY_VARIABLE, None)
        print(file=sys.stderr)
    return {"samples": samples, "gold": gold_counts}


def crf_sequence(record, task, wanted: set, province: str | None):
    """The CRF's attributes of a task's words and their gold labels: each gold assignee aligned to
    its mention (the recogniser's, when its name is the gold one; else the gold name's own words).
    Returns (attributes, labels, how many gold assignees the text does not name: inherited ones)."""
    start, end = task.span
    words = agency_tagger.words_of(record.text, start, end)
    mentions = find_agencies(record.text, start, end, province=record.document.province)
    labels = ["O"] * len(words)
    folded = [score.fold(w.text) for w in words]
    unaligned = 0
    for agency, role in sorted(wanted):
        span = None
        for mention in mentions:
            if score.norm_agency(mention.name, province) == agency:
                span = (mention.core_start, mention.end)
                break
        if span is None:
            target = score.tokens(agency)
            for i in range(len(words) - len(target) + 1):
                if folded[i:i + len(target)] == target and target:
                    span = (words[i].start, words[i + len(target) - 1].end)
                    break
        inside = [i for i, w in enumerate(words) if span and span[0] <= w.start and w.end <= span[1]]
        if not inside or any(labels[i] != "O" for i in inside):
            unaligned += 1
            continue
        for n, i in enumerate(inside):
            labels[i] = ("B-" if n == 0 else "I-") + role
    return agency_tagger.word_features(words, mentions), labels, unaligned


def train_crf(samples: list, out: Path) -> dict:
    """Train the agency tagger with underthesea's CRF engine and write it as rounded JSON."""
    import tempfile

    from underthesea_core import CRFTrainer

    # The structured perceptron: its updates are whole numbers, so the weights come out the same
    # whatever order the engine sums in (its L-BFGS differs in the ninth digit from run to run).
    trainer = CRFTrainer(loss_function="perceptron", l1_penalty=0.0, l2_penalty=0.0,
                         max_iterations=CRF_ITERATIONS, verbose=0)
    model = trainer.train([features for _, features, _ in samples], [labels for _, _, labels in samples])
    with tempfile.TemporaryDirectory() as folder:
        engine_file = Path(folder) / "agency_crf.bin"
        model.save(str(engine_file))
        data = agency_tagger.engine_model_to_json(engine_file, WEIGHT_DIGITS)
    write_json(out / "agency_crf.json", data)
    return data


def fit(samples: list, regularisation: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer(sort=True)
    matrix = vectoriser.fit_transform([{f: 1 for f in features} for _, features, _ in samples]).tocsr()
    matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype("int32")
    labels = [int(label) for _, _, label in samples]
    model = LogisticRegression(C=regularisation, solver="liblinear", random_state=0, max_iter=1000)
    model.fit(matrix, labels)
    weights = {name: round(float(w), WEIGHT_DIGITS) for name, w in zip(vectoriser.feature_names_, model.coef_[0])}
    return {k: v for k, v in weights.items() if v != 0.0}, round(float(model.intercept_[0]), WEIGHT_DIGITS)


def best_threshold(samples: list, gold_count: int, regularisation: float, name: str) -> tuple[float, dict]:
    """The keep threshold that maximises F1 over out-of-fold probabilities (folds by document)."""
    documents = sorted({doc for doc, _, _ in samples})
    fold_of = {doc: i % FOLDS for i, doc in enumerate(documents)}
    scored = []  # (probability, label)
    for fold in range(FOLDS):
        train = [s for s in samples if fold_of[s[0]] != fold]
        held = [s for s in samples if fold_of[s[0]] == fold]
        if not train or not held:
            continue
        weights, bias = fit(train, regularisation)
        model = learned.LinearModel(name, weights, bias, 0.0)
        scored += [(model.probability(features), label) for _, features, label in held]
    true_total = sum(label for _, label in scored)

    def f1_at(threshold: float) -> float:
        kept = [label for p, label in scored if p >= threshold]
        tp = sum(kept)
        return 2 * tp / (len(kept) + gold_count) if kept or gold_count else 0.0

    grid = [round(x * 0.05, 2) for x in range(0, 20)]
    best = max(grid, key=lambda t: (round(f1_at(t), 6), -t))  # ties: the lower threshold keeps more
    return best, {"candidates": len(scored), "true_candidates": true_total, "gold": gold_count,
                  "f1_keep_all": round(f1_at(0.0), 4), "f1_at_threshold": round(f1_at(best), 4)}


def subset(rows: list[dict], fraction: float) -> list[dict]:
    """A deterministic share of the documents (by a hash of the name, not by position)."""
    if fraction >= 1.0:
        return rows
    ranked = sorted(rows, key=lambda r: hashlib.sha256(r["doc"].encode()).hexdigest())
    return sorted(ranked[:max(1, round(len(ranked) * fraction))], key=lambda r: r["doc"])


def dev_figures(rows: list[dict], folder: Path, rules_only: bool) -> dict:
    os.environ["DOCEXTRACT_MODELS"] = str(folder)
    if rules_only:
        os.environ[learned.RULES_ONLY_VARIABLE] = "1"
    learned.forget_loaded_models()
    try:
        overall, _ = tallies_for(rows)
    finally:
        os.environ.pop(learned.RULES_ONLY_VARIABLE, None)
        os.environ.pop(learned.MODELS_VARIABLE, None)
        learned.forget_loaded_models()
    return {field: values["f1"] for field, values in figures(overall).items()}


def set_decisions(folder: Path, enabled: set[str]) -> None:
    """Switch each trained model's decision on or off in its file: a linear model off keeps every
    candidate (threshold 0, it still gives confidences); the tagger off adds nobody."""
    for name in DECISIONS:
        path = folder / f"{name}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["enabled"] = name in enabled
        if "trained_threshold" in data:  # a linear model
            data["threshold"] = data["trained_threshold"] if name in enabled else 0.0
        write_json(path, data)


def keep_what_wins(folder: Path, dev_rows: list[dict], meta: dict) -> None:
    """Each learned decision is used only where, alone, it beats the rules on the dev split's
    field it decides; the sidecars record the figures of every variant."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:  # the variants never touch the models in use
        trial = Path(scratch)
        for name in DECISIONS:
            shutil.copyfile(folder / f"{name}.json", trial / f"{name}.json")
        set_decisions(trial, set())
        rules = dev_figures(dev_rows, trial, rules_only=True)
        alone = {}
        for name in DECISIONS:
            set_decisions(trial, {name})
            alone[name] = dev_figures(dev_rows, trial, rules_only=False)
        enabled = {name for name in DECISIONS if alone[name][FIELD_OF[name]] > rules[FIELD_OF[name]]}
        set_decisions(trial, enabled)
        final = dev_figures(dev_rows, trial, rules_only=False)
    set_decisions(folder, enabled)
    print("\ndev split F1: rules only | each decision alone | the decisions kept")
    print(f"  {'field':12} {'rules':>6} " + " ".join(f"{n:>12}" for n in DECISIONS) + "   kept")
    for field in score.FIELDS:
        print(f"  {field:12} {rules[field]:6.3f} " + " ".join(f"{alone[n][field]:12.3f}" for n in DECISIONS)
              + f"  {final[field]:.3f}")
    print("kept: " + (", ".join(sorted(enabled)) or "none (every decision stays the rules')"))
    for name in meta:
        meta[name]["used"] = name in enabled
        meta[name]["dev_f1"] = {"documents": len(dev_rows), "rules_only": rules, "this_decision_alone": alone[name],
                                "decisions_kept": final}


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[1:]))
    parser.add_argument("--out", type=Path, default=MODELS_FOLDER, help="folder for the model files (default: models/)")
    parser.add_argument("--fraction", type=float, default=1.0,
                        help="train on this share of the train documents (learning curves; default 1.0)")
    parser.add_argument("--no-dev", action="store_true", help="skip the dev-split figures in the sidecars")
    parser.add_argument("--keep", choices=("winners", "all"), default="winners",
                        help="which decisions the models make: those that beat the rules on dev (default), "
                             "or all of them (learning curves; never for the shipped models)")
    args = parser.parse_args(argv)
    if not 0 < args.fraction <= 1:
        parser.error("--fraction must be in (0, 1]")
    started = time.monotonic()
    splits = load_splits()
    train_rows = subset(sorted((r for r in splits if r["split"] == "train"), key=lambda r: r["doc"]), args.fraction)
    dev_rows = sorted((r for r in splits if r["split"] == "dev"), key=lambda r: r["doc"])
    print(f"training on {len(train_rows)} train documents", file=sys.stderr)
    data = candidates(train_rows)
    args.out.mkdir(parents=True, exist_ok=True)
    meta = {}
    for name in ("instruction", "assignment"):
        samples = data["samples"][name]
        c = REGULARISATION[name]
        threshold, selection = best_threshold(samples, data["gold"][name], c, name)
        weights, bias = fit(samples, c)
        model = learned.LinearModel(name, weights, bias, threshold)
        write_json(args.out / f"{name}.json", {**model.to_json(), "trained_threshold": threshold})
        meta[name] = {
            "model": f"{name}.json", "decides": FIELD_OF[name], "code_version": code_version(),
            "training_data_sha256": training_data_hash(train_rows), "train_documents": len(train_rows),
            "train_fraction": args.fraction, "samples": len(samples), "features": len(weights),
            "regularisation_C": c, "threshold": threshold, "threshold_selection": selection,
        }
        print(f"{name}: {len(samples)} candidates, {len(weights)} features, threshold {threshold} "
              f"(out-of-fold {FIELD_OF[name]} F1 {selection['f1_keep_all']} -> {selection['f1_at_threshold']})",
              file=sys.stderr)
    crf_samples = data["samples"]["agency_crf"]
    crf = train_crf(crf_samples, args.out)
    meta["agency_crf"] = {
        "model": "agency_crf.json", "decides": "assignments", "engine": "underthesea_core.CRFTrainer (structured perceptron)",
        "code_version": code_version(), "training_data_sha256": training_data_hash(train_rows),
        "train_documents": len(train_rows), "train_fraction": args.fraction, "sequences": len(crf_samples),
        "gold_assignees": data["gold"]["agency_crf"], "not_in_task_text": data["gold"]["agency_crf_unaligned"],
        "labels": crf["labels"], "attributes": len(crf["state"]),
        "iterations": CRF_ITERATIONS,
    }
    print(f"agency_crf: {len(crf_samples)} task texts, {len(crf['state'])} attributes; "
          f"{data['gold']['agency_crf_unaligned']} of {data['gold']['agency_crf']} gold assignees not named "
          f"in their task's text (inherited)", file=sys.stderr)
    if not args.no_dev and dev_rows:
        keep_what_wins(args.out, dev_rows, meta)
    if args.keep == "all":
        set_decisions(args.out, set(DECISIONS))
        for name in meta:
            meta[name]["used"] = True
    for name, values in meta.items():
        write_json(args.out / f"{name}.meta.json", values)
    print(f"models written to {args.out} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
