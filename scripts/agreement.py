#!/usr/bin/env python3
"""Agreement of two annotators: the second annotation (corpora/gold/agreement/) scored against
the first (the same document's file in train/ or dev/), per field, with the project's scorer.

    python scripts/agreement.py
"""
from __future__ import annotations

import sys
import tempfile
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import score  # noqa: E402


def main() -> int:
    second = sorted((ROOT / "corpora/gold/agreement").glob("*.json"))
    if not second:
        sys.exit("no second annotations in corpora/gold/agreement")
    with tempfile.TemporaryDirectory() as tmp:
        first = Path(tmp) / "first"
        first.mkdir()
        for path in second:
            found = [ROOT / "corpora/gold" / split / path.name for split in ("train", "dev")]
            original = next((p for p in found if p.is_file()), None)
            if original is None:
                sys.exit(f"{path.name}: no first annotation in train/ or dev/")
            shutil.copy(original, first / path.name)
        print(f"{len(second)} documents, first annotation as gold, second as prediction:")
        score.main(["--gold", str(first), "--pred", str(ROOT / "corpora/gold/agreement")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
