"""The batch runner (docextract/batch.py): parallel, resumable, one bad file never stops the rest.

Inputs are the bundled documents of corpora/seeds and corpora/raw, with bad files made here.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, bundled_documents, run_python
from docextract import batch
from docextract.cli import main

# ------------------------------------------------------------------ helpers


def _bad_files(folder: Path) -> dict[str, Path]:
    """One corrupt file (a .docx that is not a zip), one empty file, one binary file."""
    folder.mkdir(parents=True, exist_ok=True)
    corrupt = folder / "bad-corrupt.docx"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x13\x37 this is not a zip archive" * 40)
    empty = folder / "bad-empty.txt"
    empty.write_bytes(b"")
    binary = folder / "bad-binary.txt"
    binary.write_bytes(bytes(range(256)) * 16)
    return {"corrupt": corrupt, "empty": empty, "binary": binary}


def _visible_files(folder: Path) -> dict[str, bytes]:
    """The outputs a user sees (manifest, lock and temporaries are hidden)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _subset(count: int) -> list[Path]:
    """``count`` documents of various sizes, spread over the corpus (largest ones included)."""
    docs = sorted(bundled_documents(), key=lambda p: p.stat().st_size)
    step = max(1, len(docs) // count)
    return sorted(docs[::-1][::step][:count])


def _small(count: int) -> list[Path]:
    """The ``count`` smallest documents, for tests where the content does not matter."""
    return sorted(sorted(bundled_documents(), key=lambda p: p.stat().st_size)[:count])


def _code_changed_meanwhile(before: str) -> bool:
    """Whether docextract's code was edited during a test (outputs then differ, rightly)."""
    return batch.code_version.__wrapped__() != before


def _misbehaving_job(job, options):
    """A job function for the worker-failure tests: crashes or hangs on cue, else the real one."""
    name = Path(job.path).name
    if name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("hang"):
        time.sleep(120)
    return batch.process_job(job, options)


# ------------------------------------------------------------------ corpus with bad files


def test_batch_over_corpora_with_bad_files_then_nothing_to_do(tmp_path):
    good = bundled_documents()
    bad = _bad_files(tmp_path / "bad")
    inputs = [str(p) for p in good] + [str(p) for p in bad.values()]
    out = tmp_path / "out"

    summary = batch.run_batch(inputs, out, jobs=2, progress=False, verbose=False)

    unexpected = [e for e in summary.errors if e[0] not in {str(p) for p in bad.values()}]
    assert not unexpected, f"good documents failed: {unexpected}"
    assert summary.done == len(good) and summary.failed == 3 and summary.skipped == 0
    for path in good:  # every good output, complete, naming its input and its bytes
        record = json.loads((out / f"{path.stem}.json").read_text(encoding="utf-8"))
        assert record["schema"] == "docextract/1"
        assert record["source"]["path"] == str(path)
        assert record["source"]["sha256"] == _sha256(path)
    lines = (out / batch.ERRORS_NAME).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "path\treason"
    listed = dict(line.split("\t") for line in lines[1:])
    assert set(listed) == {str(p) for p in bad.values()}
    assert all(reason.strip() for reason in listed.values())
    assert "empty" in listed[str(bad["empty"])]
    assert "binary" in listed[str(bad["binary"])]
    assert not list(out.glob(".*.tmp"))

    mtimes = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    again = batch.run_batch(inputs, out, jobs=2, progress=False, verbose=False)
    assert (again.done, again.skipped, again.failed, again.failed_before) == (0, len(good), 3, 3)
    assert again.workers == 0  # no worker was even started
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == mtimes
    assert (out / batch.ERRORS_NAME).read_text(encoding="utf-8").splitlines() == lines


def test_changed_input_and_new_options_are_redone(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in _small(3):
        (docs / path.name).write_bytes(path.read_bytes())
    inputs = [str(p) for p in sorted(docs.iterdir())]
    out = tmp_path / "out"
    batch.run_batch(inputs, out, jobs=1, progress=False, verbose=False)

    changed = Path(inputs[0])
    changed.write_bytes(changed.read_bytes() + "\nNơi nhận:\n- Như trên;\n".encode("utf-8"))
    summary = batch.run_batch(inputs, out, jobs=1, progress=False, verbose=False)
    assert (summary.done, summary.skipped) == (1, 2)
    record = json.loads((out / f"{changed.stem}.json").read_text(encoding="utf-8"))
    assert record["source"]["sha256"] == _sha256(changed)

    (out / f"{Path(inputs[1]).stem}.json").unlink()  # a lost output is made again
    summary = batch.run_batch(inputs, out, jobs=1, progress=False, verbose=False)
    assert (summary.done, summary.skipped) == (1, 2)

    summary = batch.run_batch(inputs, out, jobs=1, include_text=False, progress=False, verbose=False)
    assert summary.done == 3  # other options: other outputs
    assert "text" not in json.loads((out / f"{changed.stem}.json").read_text(encoding="utf-8"))

    summary = batch.run_batch(inputs, out, jobs=1, include_text=False, resume=False, progress=False, verbose=False)
    assert summary.done == 3


def test_other_docextract_version_redoes_everything(tmp_path, monkeypatch):
    inputs = [str(p) for p in _small(2)]
    out = tmp_path / "out"
    batch.run_batch(inputs, out, jobs=1, progress=False, verbose=False)
    monkeypatch.setattr(batch, "code_version", lambda: "9.9.9+0000")
    summary = batch.run_batch(inputs, out, jobs=1, progress=False, verbose=False)
    assert summary.done == 2 and summary.skipped == 0


# ------------------------------------------------------------------ killed midway


def _cli(args: list[str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "docextract", "extract", *args, "--quiet"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)


def _kill_when(out: Path, process: subprocess.Popen, ready) -> None:
    deadline = time.monotonic() + 90
    while not ready() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()


def _recorded(out: Path) -> int:
    """Inputs the manifest of ``out`` records as done (what a rerun may skip)."""
    try:
        lines = (out / batch.MANIFEST_NAME).read_text(encoding="utf-8").splitlines()[1:]
    except (OSError, UnicodeDecodeError):
        return 0
    done = 0
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # being written
        done += isinstance(entry, dict) and "input" in entry and "error" not in entry
    return done


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_killed_batch_resumes_to_identical_outputs(tmp_path, fmt):
    docs = _subset(16)
    version = batch.code_version.__wrapped__()
    bad = _bad_files(tmp_path / "bad")
    inputs = [str(p) for p in docs] + [str(bad["binary"])]
    extra = ["--format", "jsonl"] if fmt == "jsonl" else []

    whole = tmp_path / "whole"
    finished = _cli([*inputs, "--out", str(whole), "--jobs", "2", *extra])
    assert finished.wait() == 1  # the binary file failed, the rest was written

    killed = tmp_path / "killed"
    process = _cli([*inputs, "--out", str(killed), "--jobs", "2", *extra])
    if fmt == "json":
        # (an output is renamed into place before the manifest records it: wait for the record)
        _kill_when(killed, process, lambda: _recorded(killed) >= 3)
        assert len(list(killed.glob("*.json"))) < len(docs), "the batch finished before it was killed"
    else:
        partial = killed / batch.PARTIAL_NAME
        _kill_when(killed, process, lambda: partial.exists() and partial.read_bytes().count(b"\n") >= 3
                   and _recorded(killed) >= 3)
        assert not (killed / batch.JSONL_NAME).exists(), "the batch finished before it was killed"
    assert process.returncode == -signal.SIGKILL

    rerun = _cli([*inputs, "--out", str(killed), "--jobs", "2", *extra])
    _, err = rerun.communicate()
    assert rerun.returncode == 1
    summary = err.decode("utf-8").strip().splitlines()[-1]
    assert " up to date" in summary and not summary.split(": ", 2)[2].startswith("0 extracted, 0 up to date")
    skipped = int(summary.split(" extracted, ")[1].split(" ")[0])
    assert skipped >= 3, summary  # the work done before the kill was kept

    if _code_changed_meanwhile(version):
        pytest.skip("docextract's code was edited during the test: the two runs used different code")
    assert _visible_files(killed) == _visible_files(whole)
    if fmt == "jsonl":
        failed = {line.split("\t")[0] for line in (whole / batch.ERRORS_NAME).read_text(encoding="utf-8").splitlines()}
        lines = (whole / batch.JSONL_NAME).read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["source"]["path"] for line in lines] == [p for p in inputs if p not in failed]
        assert not (killed / batch.PARTIAL_NAME).exists()


# ------------------------------------------------------------------ workers that crash or hang


def test_crash_and_timeout_are_that_files_error(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    seeds = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))[:3]
    for path in seeds:
        (docs / path.name).write_bytes(path.read_bytes())
    (docs / "crash.txt").write_bytes(seeds[0].read_bytes())
    (docs / "hang.txt").write_bytes(seeds[1].read_bytes())
    inputs = [str(p) for p in sorted(docs.iterdir())]
    out = tmp_path / "out"

    summary = batch.run_batch(inputs, out, jobs=2, timeout=3, progress=False, verbose=False,
                              function="test_batch:_misbehaving_job")

    assert summary.done == 3 and summary.failed == 2
    reasons = dict(summary.errors)
    assert "worker process died (SIGKILL)" in reasons[str(docs / "crash.txt")]
    assert "timed out after 3 s" in reasons[str(docs / "hang.txt")]
    for path in seeds:
        assert (out / f"{path.stem}.json").exists()
    assert summary.workers >= 3  # the dead and the stopped worker were replaced


# ------------------------------------------------------------------ JSON Lines


def test_jsonl_output_in_input_order_and_resumed(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in _small(4):
        (docs / path.name).write_bytes(path.read_bytes())
    inputs = [str(p) for p in sorted(docs.iterdir())]
    out = tmp_path / "out"

    summary = batch.run_batch(inputs, out, jobs=2, jsonl=True, include_text=False, progress=False, verbose=False)
    assert summary.done == 4
    first = (out / batch.JSONL_NAME).read_bytes()
    records = [json.loads(line) for line in first.decode("utf-8").splitlines()]
    assert [r["source"]["path"] for r in records] == inputs
    assert all("text" not in r for r in records)
    assert not list(out.glob("*.json")) and not (out / batch.PARTIAL_NAME).exists()

    again = batch.run_batch(inputs, out, jobs=2, jsonl=True, include_text=False, progress=False, verbose=False)
    assert (again.done, again.skipped) == (0, 4)
    assert (out / batch.JSONL_NAME).read_bytes() == first

    changed = Path(inputs[2])
    changed.write_bytes(changed.read_bytes() + b"\n")
    again = batch.run_batch(inputs, out, jobs=2, jsonl=True, include_text=False, progress=False, verbose=False)
    assert (again.done, again.skipped) == (1, 3)
    records = [json.loads(line) for line in (out / batch.JSONL_NAME).read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["path"] for r in records] == inputs
    assert records[2]["source"]["sha256"] == _sha256(changed)


# ------------------------------------------------------------------ pieces


def test_output_names_never_collide():
    names = batch.output_names(["a/x.txt", "b/x.txt", "c/x.docx", "x-2.txt", "-"])
    assert names == ["x.json", "x-2.json", "x-3.json", "x-2-2.json", "stdin-4.json"]


def test_atomic_write_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "a.json"
    batch.write_atomically(target, "{}")
    batch.write_atomically(target, b'{"a": 1}')
    assert target.read_bytes() == b'{"a": 1}'
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]


def test_one_batch_per_output_folder(tmp_path):
    holder = batch._lock(tmp_path)
    try:
        with pytest.raises(batch.BatchLocked):
            batch.run_batch([str(_small(1)[0])], tmp_path, progress=False, verbose=False)
    finally:
        holder.close()


def test_cli_batch_reports_errors_and_summary(tmp_path, capsys):
    bad = _bad_files(tmp_path / "in")
    seed = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))[0]
    (tmp_path / "in" / seed.name).write_bytes(seed.read_bytes())
    out = tmp_path / "out"
    status = main(["extract", str(tmp_path / "in"), "--out", str(out), "--jobs", "1", "--quiet"])
    err = capsys.readouterr().err
    assert status == 1
    for path in bad.values():
        assert f"docextract: error: {path}: " in err
    summary = err.strip().splitlines()[-1]
    assert summary.startswith("docextract: 4 inputs: 1 extracted, 0 up to date, 3 failed")
    assert "MB/s" in summary and "files/s" in summary
    assert (out / f"{seed.stem}.json").exists()


def test_a_prepared_worker_keeps_the_collector_off_its_vocabularies():
    code = ("import gc\n"
            "from docextract.batch import WORKER_GC_THRESHOLD, prepare_worker\n"
            "default = gc.get_threshold()\n"
            "prepare_worker()\n"
            "print(gc.get_freeze_count() > 10000, gc.get_threshold() == (WORKER_GC_THRESHOLD, *default[1:]))\n")
    assert run_python(code).split() == ["True", "True"]


def test_a_prepared_worker_compiles_no_pattern_for_a_new_province():
    # The warm-up text is from Lào Cai; a Đồng Nai plan needs the patterns of its own province
    # (dropped from agency names), which prebuild.build_all() compiled with the others.
    code = ("import regex\n"
            "from docextract import extract\n"
            "from docextract.batch import prepare_worker\n"
            "prepare_worker()\n"
            "compiled = []\n"
            "compile = regex.compile\n"
            "regex.compile = lambda pattern, *a, **k: compiled.append(pattern) or compile(pattern, *a, **k)\n"
            "record = extract('corpora/raw/kh-182-ubnd-dong-nai-2025.txt')\n"
            "print(record.document.province)\n"
            "print([p for p in compiled if 'Đồng' in p or 'giao' in p.lower()])\n")
    assert run_python(code).splitlines() == ["Đồng Nai", "[]"]
