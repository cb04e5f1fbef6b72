"""Batch mending (issue 15): outputs follow the umask, --format json prints one JSON array,
--retry-failed redoes only what failed, --agencies / DOCEXTRACT_AGENCIES add a user's bodies.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPORA, ROOT
from docextract import batch
from docextract.cli import main

SEED = CORPORA / "seeds" / "ct-02-2011-ubnd-lao-cai.txt"
SEEDS = sorted((CORPORA / "seeds").glob("*.txt"))[:2]


def _cli(args: list[str], cwd: Path, umask: int | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docextract", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT), **(env or {})),
                          preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


# ------------------------------------------------------------------ the umask


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_outputs_follow_the_umask(tmp_path, umask, mode):
    source = tmp_path / "chi-thi.txt"
    shutil.copyfile(SEED, source)
    for fmt in ("json", "jsonl"):
        out = tmp_path / f"out-{fmt}"
        result = _cli(["extract", str(source), "--out", str(out), "--format", fmt, "--no-text", "--quiet"],
                      tmp_path, umask=umask)
        assert result.returncode == 0, result.stderr
        written = [p for p in out.iterdir() if p.name != batch.LOCK_NAME]
        assert written
        for path in written:
            assert stat.S_IMODE(path.stat().st_mode) == mode, path


# ------------------------------------------------------------------ one JSON array


def test_format_json_with_several_inputs_prints_one_array(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    status = main(["extract", str(SEEDS[0]), str(bad), str(SEEDS[1]), "--format", "json", "--no-text"])
    out, err = capsys.readouterr()
    assert status == 1 and "empty.txt" in err
    records = json.loads(out)
    assert [r["source"]["path"] for r in records] == [str(SEEDS[0]), str(SEEDS[1])]


def test_format_json_with_only_bad_inputs_is_an_empty_array(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert main(["extract", str(bad), str(bad.with_name("missing.txt")), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == []


def test_format_json_with_one_input_stays_one_object(capsys):
    assert main(["extract", str(SEEDS[0]), "--format", "json", "--no-text"]) == 0
    assert json.loads(capsys.readouterr().out)["source"]["path"] == str(SEEDS[0])


# ------------------------------------------------------------------ --retry-failed


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_retry_failed_redoes_only_what_failed(tmp_path, fmt):
    folder = tmp_path / "in"
    folder.mkdir()
    good = folder / "good.txt"
    shutil.copyfile(SEEDS[0], good)
    broken = folder / "broken.txt"
    broken.write_bytes(bytes(range(256)) * 16)  # binary: fails
    out = tmp_path / "out"
    extra = ["--format", fmt]
    first = _cli(["extract", "in", "--out", "out", "--no-text", "--quiet", *extra], tmp_path)
    assert first.returncode == 1 and "broken.txt" in first.stderr

    # the failed input is mended, and the good one changes too: a plain run would redo both
    shutil.copyfile(SEEDS[1], broken)
    good.write_bytes(good.read_bytes() + b"\n")
    retry = _cli(["extract", "--out", "out", "--retry-failed", "--no-text", "--quiet", *extra], tmp_path)
    assert retry.returncode == 0, retry.stderr
    assert "docextract: 1 inputs: 1 extracted, 0 up to date, 0 failed" in retry.stderr
    assert not (out / batch.ERRORS_NAME).exists()
    if fmt == "json":
        import hashlib

        record = json.loads((out / "broken.json").read_text(encoding="utf-8"))
        assert record["source"]["sha256"] == hashlib.sha256(broken.read_bytes()).hexdigest()
    else:  # the record of the input not retried is kept
        records = [json.loads(line) for line in (out / batch.JSONL_NAME).read_text(encoding="utf-8").splitlines()]
        assert sorted(r["source"]["path"] for r in records) == ["in/broken.txt", "in/good.txt"]
    again = _cli(["extract", "--out", "out", "--retry-failed", "--quiet", "--no-text", *extra], tmp_path)
    assert "docextract: 0 inputs" in again.stderr  # nothing failed any more
    plain = _cli(["extract", "in", "--out", "out", "--no-text", "--quiet", *extra], tmp_path)
    assert "1 extracted, 1 up to date" in plain.stderr  # the changed good file, and only it


def test_retry_failed_needs_an_output_folder(tmp_path, capsys):
    assert main(["extract", "--retry-failed"]) == 2
    assert "--retry-failed needs --out" in capsys.readouterr().err


# ------------------------------------------------------------------ --agencies

# The header and the first task of corpora/seeds/ct-02-2011-ubnd-lao-cai.txt, then a task for a
# local cooperative named by its short form, which no bundled gazetteer entry knows.
DOCUMENT = (
    "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 02/2011/CT-UBND\nLào Cai, ngày 26 tháng 12 năm 2011\n"
    "CHỈ THỊ\nVề việc tăng cường công tác cải cách hành chính nhà nước trên địa bàn tỉnh Lào Cai\n"
    "I. NHIỆM VỤ\n1. Sở Nội vụ chủ trì, phối hợp với các sở, ngành hoàn thành trước ngày 31/12/2012.\n"
    "2. HTX Tân Lập thực hiện rà soát thủ tục hành chính.\n")
USER_AGENCIES = {"bodies": [{"name": "Hợp tác xã Nông nghiệp Tân Lập", "aliases": ["HTX Tân Lập"], "level": "commune"}]}


def _assignees(stdout: str) -> list[list[tuple[str, str]]]:
    record = json.loads(stdout)
    return [[(a["canonical"], a["role"]) for a in task["assignees"]] for task in record["tasks"]]


@pytest.mark.parametrize("how", ["option", "environment"])
def test_user_agencies_are_recognised(tmp_path, how):
    document = tmp_path / "ct.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    agencies = tmp_path / "my-agencies.json"
    agencies.write_text(json.dumps(USER_AGENCIES, ensure_ascii=False), encoding="utf-8")
    plain = _cli(["extract", "ct.txt", "--no-text"], tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert ("Hợp tác xã Nông nghiệp Tân Lập", "lead") not in _assignees(plain.stdout)[-1]
    if how == "option":
        added = _cli(["extract", "ct.txt", "--no-text", "--agencies", "my-agencies.json"], tmp_path)
    else:
        added = _cli(["extract", "ct.txt", "--no-text"], tmp_path, env={"DOCEXTRACT_AGENCIES": str(agencies)})
    assert added.returncode == 0, added.stderr
    tasks = _assignees(added.stdout)
    assert ("Hợp tác xã Nông nghiệp Tân Lập", "lead") in tasks[-1]
    assert ("Sở Nội vụ", "lead") in tasks[0]  # the bundled gazetteer is still there


def test_user_agencies_reach_the_batch_workers_and_the_manifest(tmp_path):
    document = tmp_path / "ct.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    agencies = tmp_path / "my-agencies.json"
    agencies.write_text(json.dumps(USER_AGENCIES, ensure_ascii=False), encoding="utf-8")
    first = _cli(["extract", "ct.txt", "--out", "out", "--no-text", "--quiet"], tmp_path)
    assert first.returncode == 0, first.stderr
    added = _cli(["extract", "ct.txt", "--out", "out", "--no-text", "--quiet", "--agencies", "my-agencies.json"],
                 tmp_path)
    assert "1 extracted, 0 up to date" in added.stderr  # other agencies: the output is out of date
    tasks = _assignees((tmp_path / "out" / "ct.json").read_text(encoding="utf-8"))
    assert ("Hợp tác xã Nông nghiệp Tân Lập", "lead") in tasks[-1]


MALFORMED = {
    "not JSON": ('{"bodies": [', "is not valid JSON"),
    "bodies not a list": ('{"bodies": {"name": "X"}}', 'is not an object with a "bodies" list'),
    "a body without a name": ('{"bodies": [{"aliases": ["X"]}]}', 'bodies[0] has no "name" text'),
    "aliases not a list": ('{"bodies": [{"name": "Sở X", "aliases": "X"}]}', '"aliases" is not a list of names'),
    "a flag not true or false": ('{"bodies": [{"name": "Sở X", "named": "yes"}]}', '"named" is not true or false'),
    "empty": ('{}', 'holds no "bodies" and no "abbreviations"'),
}


@pytest.mark.parametrize("kind", list(MALFORMED))
def test_a_malformed_agency_file_is_one_error_naming_it(tmp_path, kind, capsys, monkeypatch):
    content, words = MALFORMED[kind]
    agencies = tmp_path / "my-agencies.json"
    agencies.write_text(content, encoding="utf-8")
    monkeypatch.delenv("DOCEXTRACT_AGENCIES", raising=False)
    assert main(["extract", str(SEEDS[0]), "--agencies", str(agencies)]) == 2
    err = capsys.readouterr().err
    assert err.count("docextract: error:") == 1 and str(agencies) in err and words in err, err
    assert "--agencies" in err  # where the format is described
    monkeypatch.setenv("DOCEXTRACT_AGENCIES", str(agencies))  # the same from the environment
    assert main(["extract", str(SEEDS[0])]) == 2
    assert str(agencies) in capsys.readouterr().err


def test_a_missing_agency_file_is_named(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("DOCEXTRACT_AGENCIES", raising=False)
    assert main(["extract", str(SEEDS[0]), "--agencies", str(tmp_path / "nowhere.json")]) == 2
    err = capsys.readouterr().err
    assert "nowhere.json" in err and "cannot be read" in err


def test_help_shows_an_example_of_each_new_option(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    text = capsys.readouterr().out
    for example in ("--max-memory 2G", "--retry-failed", "--agencies my-agencies.json", "DOCEXTRACT_AGENCIES=",
                    "--format json > all.json", '"bodies"'):
        assert example in text
