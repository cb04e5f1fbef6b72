"""End to end: the API, the CLI, spans, and bad input."""
import json
import subprocess
import sys

import pytest

from docextract import UnreadableInput, extract, to_dict
from docextract.cli import main

from conftest import bundled_documents


def _check_spans(node, text, where):
    """Every {"text", "span"} record, and every section heading, points into the normalised text."""
    if isinstance(node, dict):
        span = node.get("span")
        if span and isinstance(node.get("text"), str):
            assert text[span[0]:span[1]] == node["text"], where
        if node.get("heading_span") and "heading" in node:
            start, end = node["heading_span"]
            assert text[start:end] == node["heading"], where
        for key, value in node.items():
            if key != "text":
                _check_spans(value, text, where)
    elif isinstance(node, list):
        for item in node:
            _check_spans(item, text, where)


@pytest.mark.parametrize("path", bundled_documents(), ids=lambda p: p.name)
def test_every_span_points_into_the_normalised_text(path):
    out = to_dict(extract(path))
    _check_spans({k: v for k, v in out.items() if k != "text"}, out["text"], path.name)
    for field, (start, end) in out["document_spans"].items():
        assert 0 <= start <= end <= len(out["text"]), field


def test_directive_end_to_end(corpora):
    out = to_dict(extract(corpora / "seeds" / "ct-02-2011-ubnd-lao-cai.txt"))
    assert out["schema"] == "docextract/1"
    assert out["source"]["format"] == "txt" and len(out["source"]["sha256"]) == 64
    assert out["document"]["number"] == "02/2011/CT-UBND"
    assert [s["path"] for s in out["sections"]][:4] == ["1", "2", "3", "4"]
    assert out["text"].startswith("ỦY BAN NHÂN DÂN")


def test_plan_end_to_end(corpora):
    out = to_dict(extract(corpora / "seeds" / "kh-quang-ngai-par-index-2018.txt"), include_text=False)
    assert "text" not in out
    assert out["document"]["type"] == "Kế hoạch"
    roots = [s["path"] for s in out["sections"]]
    assert roots == ["I", "II", "III"]


def test_normative_text_end_to_end(corpora):
    record = extract(corpora / "raw" / "luat-80-2025-qh15-can-bo-cong-chuc.txt")
    assert record.document.type == "Luật" and record.document.number == "80/2025/QH15"
    kinds = {s.kind for s in record.all_sections()}
    assert {"chuong", "dieu", "arabic", "letter"} <= kinds


def test_api_accepts_text():
    record = extract("KẾ HOẠCH\nVỀ VIỆC A\n1. Sở Nội vụ chủ trì.\n")
    assert record.document.type == "Kế hoạch" and record.source.format == "txt"


def test_cli_writes_one_json_per_input(tmp_path, corpora):
    code = main(["extract", str(corpora / "seeds"), "--out", str(tmp_path), "--quiet"])
    assert code == 0
    names = sorted(p.name for p in tmp_path.glob("*.json"))
    assert names == sorted(p.stem + ".json" for p in (corpora / "seeds").glob("*.txt"))
    record = json.loads((tmp_path / "ct-02-2011-ubnd-lao-cai.json").read_text(encoding="utf-8"))
    assert record["document"]["issuer"] == "Ủy ban nhân dân tỉnh Lào Cai"


def test_cli_stdin_and_jsonl(tmp_path, corpora):
    seed = (corpora / "seeds" / "ct-hai-duong-cchc-2018.txt").read_bytes()
    run = subprocess.run([sys.executable, "-m", "docextract", "extract", "-", "--no-text"],
                         input=seed, capture_output=True, check=True)
    assert json.loads(run.stdout)["document"]["type"] == "Chỉ thị"
    run = subprocess.run([sys.executable, "-m", "docextract", "extract", str(corpora / "seeds" / "ct-hai-duong-cchc-2018.txt"),
                          str(corpora / "seeds" / "tin-ha-tinh-cchc-2014.txt"), "--no-text"],
                         capture_output=True, check=True)
    lines = run.stdout.decode().splitlines()
    assert [json.loads(line)["document"]["type"] for line in lines] == ["Chỉ thị", "Tin bài"]


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path, corpora, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "junk.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    code = main(["extract", str(empty), str(binary), str(tmp_path / "missing.txt"),
                 str(corpora / "seeds" / "ct-hai-duong-cchc-2018.txt"), "--out", str(out), "--quiet"])
    assert code == 1
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err and "junk.txt: binary data" in err and "missing.txt: no such file" in err
    assert (out / "ct-hai-duong-cchc-2018.json").exists()


def test_unreadable_input_names_the_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b"")
    with pytest.raises(UnreadableInput, match="blank.txt"):
        extract(path)


def test_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    assert "examples:" in capsys.readouterr().out


def test_missing_path_is_an_error_not_text():
    with pytest.raises(UnreadableInput, match="no such file"):
        extract("corpora/seeds/does-not-exist.txt")


def test_whitespace_only_document_is_refused(tmp_path):
    path = tmp_path / "spaces.txt"
    path.write_text(" \n\t\n\u00a0\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="no text"):
        extract(path)


def test_long_text_is_text_not_a_path():
    sentence = "Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành triển khai thực hiện. " * 10
    record = extract("KẾ HOẠCH\n1. " + sentence.replace("\n", " ").strip())
    assert record.sections[0].label == "1"
    assert extract(sentence).text.startswith("Sở Nội vụ")
