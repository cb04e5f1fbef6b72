"""The annotated corpus: every gold file well formed, in one split, with its text; the test split
frozen as the evaluation script treats it."""
import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora/gold"
FOLDER = {"seed": "seeds", "train": "train", "dev": "dev", "test": "test"}


def splits():
    with (GOLD / "SPLITS.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_each_document_in_one_split_with_its_text():
    rows = splits()
    counts = Counter(row["doc"] for row in rows)
    assert [doc for doc, n in counts.items() if n > 1] == []
    for row in rows:
        assert (ROOT / row["text"]).is_file(), row["text"]


def test_every_gold_file_is_listed_in_its_split():
    listed = {(FOLDER[row["split"]], row["doc"]) for row in splits()}
    for folder in FOLDER.values():
        for path in (GOLD / folder).glob("*.json"):
            assert (folder, path.stem) in listed, path


@pytest.mark.parametrize("folder", sorted(set(FOLDER.values()) | {"agreement"}))
def test_gold_files_are_well_formed(folder):
    for path in sorted((GOLD / folder).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert gold["doc"].rsplit(".", 1)[0] == path.stem
        for key in ("document", "sections", "references", "tasks", "targets"):
            assert key in gold, (path.name, key)
        for task in gold["tasks"]:
            assert task["text"].strip(), path.name
            for assignee in task.get("assignees") or []:
                assert assignee["role"] in ("lead", "support", "requested"), path.name


def test_test_split_is_large_and_varied():
    rows = [row for row in splits() if row["split"] == "test" and (GOLD / "test" / f"{row['doc']}.json").is_file()]
    assert len(rows) >= 20 and len({row["genre"] for row in rows}) >= 5
    assert sum(row["genre"] == "none" for row in rows) >= 3


def test_evaluate_refuses_to_show_test_misses():
    result = subprocess.run([sys.executable, str(ROOT / "scripts/evaluate.py"), "--split", "test", "--explain", "all"],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "frozen" in result.stderr
