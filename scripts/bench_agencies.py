#!/usr/bin/env python3
"""Agency recall: docextract's recogniser against underthesea's NER (ORG spans), on the same texts.

    python scripts/bench_agencies.py [--gold corpora/gold/seeds] [--docs corpora/seeds] [--show-misses]

For each gold document, the distinct assignee agencies of its tasks are the reference set. Each
system reads the same normalised body paragraphs (header, closing and site chrome left out):

- docextract: ``docextract.agencies.find_agencies`` (gazetteer + group phrases + head nouns);
- underthesea: ``underthesea.ner`` on each paragraph, consecutive B-ORG/I-ORG tokens joined.

A gold agency is found when one predicted span is equal to it after the scorer's agency
normalisation (case, tone placement, abbreviations, head titles, own province; scripts/score.py),
"strict"; "lenient" also accepts a predicted span that contains it or is contained in it.
Both figures are printed per system, micro-averaged over the documents.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import score  # noqa: E402  (the scorer's normalisation)

from docextract import extract  # noqa: E402
from docextract.agencies import find_agencies  # noqa: E402


def gold_agencies(gold: dict) -> set[str]:
    province = gold.get("province")
    return {score.norm_agency(a["agency"], province) for t in gold.get("tasks") or [] for a in t.get("assignees") or []
            if a.get("agency")}


def body_paragraphs(record):
    return [p for p in record.paragraphs if p.zone in ("body", "footnote")]


def docextract_spans(record) -> list[str]:
    out = []
    for p in body_paragraphs(record):
        out += [m.name for m in find_agencies(record.text, p.span[0], p.span[1], province=record.document.province)]
    return out


def underthesea_spans(record) -> list[str]:
    from underthesea import ner

    out = []
    for p in body_paragraphs(record):
        current: list[str] = []
        for word, _pos, _chunk, tag in ner(p.text):
            if tag == "B-ORG" or (tag == "I-ORG" and not current):
                if current:
                    out.append(" ".join(current))
                current = [word]
            elif tag == "I-ORG":
                current.append(word)
            else:
                if current:
                    out.append(" ".join(current))
                current = []
        if current:
            out.append(" ".join(current))
    return out


def recall(gold: set[str], predicted: list[str], province) -> tuple[int, int, list[str]]:
    norm = {score.norm_agency(p, province) for p in predicted}
    strict = {g for g in gold if g in norm}
    lenient = {g for g in gold if g in norm or any(g in p or (p and p in g and len(p) > 6) for p in norm)}
    return len(strict), len(lenient), sorted(gold - strict)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "corpora/gold/seeds")
    ap.add_argument("--docs", type=Path, default=ROOT / "corpora/seeds")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    totals = {"docextract": [0, 0, 0.0], "underthesea": [0, 0, 0.0]}
    n_gold = 0
    rows = []
    for gold_file in sorted(args.gold.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        source = args.docs / (gold.get("doc") or gold_file.stem + ".txt")
        if not source.exists():
            continue
        record = extract(source)
        province = gold.get("province")
        reference = gold_agencies(gold)
        n_gold += len(reference)
        row = {"doc": gold_file.stem, "gold": len(reference)}
        for name, finder in (("docextract", docextract_spans), ("underthesea", underthesea_spans)):
            t0 = time.perf_counter()
            predicted = finder(record)
            elapsed = time.perf_counter() - t0
            strict, lenient, misses = recall(reference, predicted, province)
            totals[name][0] += strict
            totals[name][1] += lenient
            totals[name][2] += elapsed
            row[name] = {"strict": strict, "lenient": lenient, "spans": len(predicted), "seconds": round(elapsed, 3),
                         "misses": misses}
        rows.append(row)
    summary = {name: {"strict_recall": round(v[0] / n_gold, 4) if n_gold else 0.0,
                      "lenient_recall": round(v[1] / n_gold, 4) if n_gold else 0.0,
                      "seconds": round(v[2], 2)} for name, v in totals.items()}
    if args.json:
        print(json.dumps({"documents": rows, "gold_agencies": n_gold, "summary": summary}, ensure_ascii=False, indent=1))
        return 0
    print(f"{'document':36} {'gold':>5} | {'docextract':>17} | {'underthesea':>17}")
    print(f"{'':36} {'':>5} | {'strict':>8} {'lenient':>8} | {'strict':>8} {'lenient':>8}")
    for row in rows:
        d, u = row["docextract"], row["underthesea"]
        print(f"{row['doc'][:36]:36} {row['gold']:>5} | {d['strict']:>8} {d['lenient']:>8} | {u['strict']:>8} {u['lenient']:>8}")
    print(f"{'recall (micro)':36} {n_gold:>5} | {summary['docextract']['strict_recall']:>8.3f} "
          f"{summary['docextract']['lenient_recall']:>8.3f} | {summary['underthesea']['strict_recall']:>8.3f} "
          f"{summary['underthesea']['lenient_recall']:>8.3f}")
    print(f"{'time (s)':36} {'':>5} | {summary['docextract']['seconds']:>17} | {summary['underthesea']['seconds']:>17}")
    if args.show_misses:
        for row in rows:
            for name in ("docextract", "underthesea"):
                if row[name]["misses"]:
                    print(f"{row['doc']} {name} missed: {row[name]['misses']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
