"""Done-when test of issue 5: for each seed, a .docx made with real Word automatic numbering and
a .pdf printed from that .docx give the same sections, references and tasks as the .txt.

The .docx comes from tests/fixtures/seeddocs.py (labels only in numbering.xml, header in a
borderless table, footnotes as Word footnotes, a page-number header); the .pdf is that .docx
printed by LibreOffice (skipped when soffice is missing: apt-get install libreoffice-writer-nogui).
The .txt output plays gold and the scorer of scripts/score.py compares the other two with it.
"""
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from docextract import extract, to_dict

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
import seeddocs  # noqa: E402

_spec = importlib.util.spec_from_file_location("docextract_score", ROOT / "scripts" / "score.py")
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

COMPARED = ("metadata", "sections", "references", "tasks", "assignments", "deadlines", "targets")
REQUIRED = ("sections", "references", "tasks")
HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


def agreement(gold: dict, pred: dict) -> dict:
    tallies = {field: score.Tally() for field in score.FIELDS}
    score.score_doc("doc", gold, pred, tallies)
    out = {}
    for field in COMPARED:
        t = tallies[field]
        out[field] = 1.0 if t.tp + t.fp + t.fn == 0 else t.prf()[2]  # nothing on either side: agree
        out[field + "_misses"] = t.misses[:5]
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = {}
    folder = tmp_path_factory.mktemp("seeddocs")
    for path in SEEDS:
        docx = seeddocs.seed_to_docx(path.read_text(encoding="utf-8"))
        (folder / f"{path.stem}.docx").write_bytes(docx)
        out[path.stem] = {"docx": folder / f"{path.stem}.docx"}
        if HAS_SOFFICE:
            (folder / f"{path.stem}.pdf").write_bytes(seeddocs.docx_to_pdf(docx))
            out[path.stem]["pdf"] = folder / f"{path.stem}.pdf"
    return out


@pytest.mark.parametrize("fmt", ["docx", pytest.param("pdf", marks=pytest.mark.skipif(not HAS_SOFFICE, reason="needs LibreOffice"))])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_formats_agree_with_text(seed, fmt, generated):
    gold = to_dict(extract(seed))
    record = extract(generated[seed.stem][fmt])
    assert record.source.format == fmt
    result = agreement(gold, to_dict(record))
    for field in REQUIRED + ("metadata",):
        assert result[field] >= 0.95, (field, result[field], result[field + "_misses"])


def test_generated_docx_uses_word_numbering(generated):
    """The labels are not in the paragraph text: they come back from numbering.xml."""
    import zipfile

    path = generated["ct-hai-duong-cchc-2018"]["docx"]
    document_xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "<w:numPr>" in document_xml
    assert ">Thủ trưởng các sở, ban, ngành;" in document_xml  # the "1. " is not typed
    from docextract.read import read_path

    assert "1. Thủ trưởng các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các huyện" in read_path(path).text
