#!/usr/bin/env python3
"""Run docextract over the gold documents of one split and print the scorer's figures, per genre.

    python scripts/evaluate.py                      # dev split
    python scripts/evaluate.py --split train        # train | dev | test | seed | all
    python scripts/evaluate.py --split dev --explain kh-982-ubnd-nghe-an-2025
    python scripts/evaluate.py --split all --json

The splits are listed in corpora/gold/SPLITS.tsv (document, split, genre, text path); the gold
of split S is corpora/gold/S/NAME.json (the seeds' is corpora/gold/seeds/). Scoring is
scripts/score.py (a copy of ../shared/eval/score.py), summed over documents (micro).

The test split is frozen: its figures are printed, its misses never are (--explain refuses it),
so that nobody tunes the code against it. Score it at milestones only.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import score  # noqa: E402  (the scorer, standard library only)

from docextract import extract, to_dict  # noqa: E402

SPLITS_FILE = ROOT / "corpora/gold/SPLITS.tsv"
GOLD_FOLDER = {"seed": "seeds", "train": "train", "dev": "dev", "test": "test"}
SPLIT_ORDER = ["train", "dev", "test", "seed"]


def load_splits(path: Path = SPLITS_FILE) -> list[dict]:
    """The rows of SPLITS.tsv that have a gold file, each with its gold path added."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            gold = ROOT / "corpora/gold" / GOLD_FOLDER[row["split"]] / f"{row['doc']}.json"
            if gold.is_file():
                rows.append({**row, "gold": gold})
    return rows


def tallies_for(rows: list[dict]) -> tuple[dict, dict]:
    """Score every row's document; the tallies of the whole and of each genre."""
    overall = {field: score.Tally() for field in score.FIELDS}
    by_genre: dict[str, dict] = defaultdict(lambda: {field: score.Tally() for field in score.FIELDS})
    for number, row in enumerate(rows, 1):
        print(f"\r  extracting {number}/{len(rows)}", end="", file=sys.stderr, flush=True)
        gold = json.loads(row["gold"].read_text(encoding="utf-8"))
        pred = to_dict(extract(ROOT / row["text"]), include_text=False)
        score.score_doc(row["doc"], gold, pred, overall)
        score.score_doc(row["doc"], gold, pred, by_genre[row["genre"]])
    print(file=sys.stderr)
    return overall, dict(by_genre)


def figures(tallies: dict) -> dict:
    return {field: dict(zip(("precision", "recall", "f1"), (round(x, 4) for x in tallies[field].prf())),
                        tp=tallies[field].tp, fp=tallies[field].fp, fn=tallies[field].fn)
            for field in score.FIELDS}


def print_split(name: str, count: int, overall: dict, by_genre: dict, genre_counts: dict) -> None:
    print(f"\n## {name} ({count} documents)\n")
    print("| field | P | R | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|")
    for field, r in figures(overall).items():
        print(f"| {field} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['tp']} | {r['fp']} | {r['fn']} |")
    print(f"\nF1 per genre ({name}):\n")
    print("| genre | docs | " + " | ".join(score.FIELDS) + " |\n|---|---|" + "---|" * len(score.FIELDS))
    for genre in sorted(by_genre):
        cells = []
        for field, r in figures(by_genre[genre]).items():
            empty = r["tp"] + r["fp"] + r["fn"] == 0
            cells.append("-" if empty else f"{r['f1']:.2f}")
        print(f"| {genre} | {genre_counts[genre]} | " + " | ".join(cells) + " |")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[1:]))
    parser.add_argument("--split", default="dev", choices=SPLIT_ORDER + ["all"],
                        help="which gold documents to score (default: dev); 'all' prints each split")
    parser.add_argument("--genre", help="only documents of this genre (kh, ct, cd, tb, cv, qd-plan, ...)")
    parser.add_argument("--explain", metavar="NAME",
                        help="list the misses of one document ('all' for every one); never for test")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    splits = SPLIT_ORDER if args.split == "all" else [args.split]
    if args.explain and "test" in splits:
        parser.error("the test split is frozen: its misses are not shown (score it at milestones only)")
    rows = [row for row in load_splits() if row["split"] in splits and (not args.genre or row["genre"] == args.genre)]
    if not rows:
        parser.error(f"no gold documents for split {args.split!r}" + (f" and genre {args.genre!r}" if args.genre else ""))
    result = {}
    for split in splits:
        chosen = [row for row in rows if row["split"] == split]
        if not chosen:
            continue
        overall, by_genre = tallies_for(chosen)
        genre_counts = defaultdict(int)
        for row in chosen:
            genre_counts[row["genre"]] += 1
        result[split] = {"documents": len(chosen), "fields": figures(overall),
                         "genres": {g: {"documents": genre_counts[g], "fields": figures(t)} for g, t in by_genre.items()}}
        if not args.json:
            print_split(split, len(chosen), overall, by_genre, genre_counts)
        if args.explain:
            for field in score.FIELDS:
                for doc, kind, item in overall[field].misses:
                    if args.explain in ("all", doc):
                        print(f"{doc}\t{field}\t{kind}\t{item}")
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
