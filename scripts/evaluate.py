#!/usr/bin/env python3
"""Run docextract over a gold folder's documents and print the scorer table.

    python scripts/evaluate.py [--gold corpora/gold/dev] [--docs corpora/seeds] [--explain NAME|all]

For every NAME.json in the gold folder, the document NAME.* is looked up in --docs, extracted,
and the predictions are scored by scripts/score.py (a copy of ../shared/eval/score.py).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import score  # noqa: E402  (the scorer, standard library only)

from docextract import extract, to_dict  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "corpora/gold/dev")
    parser.add_argument("--docs", type=Path, action="append",
                        help="folders holding the documents (default: corpora/seeds and corpora/raw)")
    parser.add_argument("--pred", type=Path, help="keep the predictions in this folder")
    parser.add_argument("--explain", metavar="NAME", help="list misses for one document ('all' for every one)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    folders = args.docs or [ROOT / "corpora/seeds", ROOT / "corpora/raw"]
    pred = args.pred or Path(tempfile.mkdtemp(prefix="docextract-pred-"))
    pred.mkdir(parents=True, exist_ok=True)
    for gold_file in sorted(args.gold.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        name = gold.get("doc") or gold_file.stem
        candidates = [folder / name for folder in folders] + [p for folder in folders for p in folder.glob(gold_file.stem + ".*")]
        source = next((c for c in candidates if c.is_file()), None)
        if source is None:
            print(f"! {gold_file.stem}: document not found in {', '.join(map(str, folders))}", file=sys.stderr)
            continue
        record = to_dict(extract(source), include_text=False)
        (pred / f"{gold_file.stem}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    score_args = ["--gold", str(args.gold), "--pred", str(pred)]
    if args.explain:
        score_args += ["--explain", args.explain]
    if args.json:
        score_args.append("--json")
    score.main(score_args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
