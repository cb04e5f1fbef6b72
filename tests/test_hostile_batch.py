"""Hostile conditions around the batch runner (issue 16): the current folder, the parent's death,
a file that needs too much memory, an output folder that cannot be written, a damaged manifest,
input names that make no safe file name. Each case runs the real command in a child process
under resource limits (tests/hostile.py) and asserts a record or one named error.

Bounds asserted here: every child within 120 s wall clock and 1024 MB of address space per
process (RLIMIT_AS, inherited by the workers); no Python traceback on standard error.
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import CORPORA
from docextract import batch
from hostile import run_docextract, text_file

# A small real document (corpora/seeds) and its output name
SEED = CORPORA / "seeds" / "ct-02-2011-ubnd-lao-cai.txt"
BOUND_S = 120
BOUND_MB = 1024
CONSOLE_SCRIPT = Path(sys.executable).parent / "docextract"


def _seed_copy(folder: Path, name: str = "chi-thi.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(SEED, target)
    return target


def _one_clean_error(run, *words: str) -> str:
    """The error line of a run that failed with one message holding ``words`` and no traceback."""
    assert run.within_bounds, run.describe()
    assert "Traceback" not in run.stderr, run.describe()
    lines = [line for line in run.stderr.splitlines() if line.startswith("docextract:")]
    assert len(lines) == 1, run.describe()
    for word in words:
        assert word in lines[0], run.describe()
    return lines[0]


# ------------------------------------------------------------------ the current folder


@pytest.mark.skipif(not CONSOLE_SCRIPT.exists(), reason="the docextract command is not installed in this Python")
@pytest.mark.parametrize("out", ["out", "docextract"])
def test_batch_runs_from_a_folder_holding_a_docextract_folder(tmp_path, out):
    # the installed command, as a user runs it from a clone's parent folder (or with --out docextract)
    (tmp_path / "docextract").mkdir()
    (tmp_path / "docextract" / "notes.txt").write_text("not the package\n", encoding="utf-8")
    source = _seed_copy(tmp_path / "in")
    result = subprocess.run([str(CONSOLE_SCRIPT), "extract", str(source.relative_to(tmp_path)), "--out", out,
                             "--jobs", "1", "--no-text", "--quiet"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=BOUND_S)
    assert result.returncode == 0, result.stderr
    record = json.loads((tmp_path / out / "chi-thi.json").read_text(encoding="utf-8"))
    assert record["document"]["number"] == "02/2011/CT-UBND"


# ------------------------------------------------------------------ the parent's death


def stuck_job(job, options):
    """A job that never ends inside one C call that holds the interpreter lock (a regular
    expression that backtracks for ever): only the kernel can end such a worker."""
    import re

    Path(options.out_dir, f"worker-{os.getpid()}.pid").write_text(str(os.getpid()))
    re.match(r"(a|aa)+$", "a" * 5000 + "b")
    return batch.process_job(job, options)


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigkill_of_the_batch_leaves_no_worker_running(tmp_path):
    out = tmp_path / "out"
    inputs = [str(_seed_copy(tmp_path / "in", f"d{i}.txt")) for i in range(2)]
    code = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
            "from docextract import batch\n"
            f"batch.run_batch({inputs!r}, {str(out)!r}, jobs=2, progress=False, verbose=False,\n"
            "                function='test_hostile_batch:stuck_job')\n")
    parent = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while len(list(out.glob("worker-*.pid"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = [int(p.read_text()) for p in out.glob("worker-*.pid")]
        assert len(workers) == 2 and all(map(_running, workers))
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_running, workers)), "a worker outlived its batch"
    finally:
        try:
            os.killpg(parent.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


# ------------------------------------------------------------------ memory


def test_a_file_that_needs_more_than_max_memory_fails_alone(tmp_path):
    # a 30 MB text (more than a 400 MB worker can hold while it is read, decoded and repaired)
    # between two good documents: the big one fails with a named error, the others come out
    big = text_file(tmp_path, "big.txt", 30 << 20)
    first, last = _seed_copy(tmp_path, "a.txt"), _seed_copy(tmp_path, "z.txt")
    run = run_docextract(["extract", first.name, big.name, last.name, "--out", "out", "--jobs", "1",
                          "--max-memory", "400M", "--no-text", "--quiet"], cwd=tmp_path,
                         memory_mb=BOUND_MB, timeout=BOUND_S)
    assert run.returncode == 1 and run.elapsed < BOUND_S, run.describe()
    assert "Traceback" not in run.stderr, run.describe()
    assert "big.txt: needs more memory than a worker may use (--max-memory 400 MB)" in run.stderr, run.describe()
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["a.json", "z.json"]
    assert (tmp_path / "out" / "errors.tsv").read_text(encoding="utf-8").count("big.txt") == 1


def greedy_job(job, options):
    """A job whose input escapes every reader check and asks for 4 GB."""
    if Path(job.path).name.startswith("greedy"):
        hoard = bytearray(4 << 30)
        return {"ok": True, "size": len(hoard)}
    return batch.process_job(job, options)


def test_memory_limit_is_per_worker_and_the_batch_goes_on(tmp_path):
    inputs = [str(_seed_copy(tmp_path / "in", name)) for name in ("a.txt", "greedy.txt", "b.txt", "greedy2.txt", "c.txt")]
    summary = batch.run_batch(inputs, tmp_path / "out", jobs=2, progress=False, verbose=False,
                              max_memory=512 << 20, function="test_hostile_batch:greedy_job")
    assert (summary.done, summary.failed) == (3, 2)
    assert [Path(p).name for p, _ in summary.errors] == ["greedy.txt", "greedy2.txt"]
    assert all("--max-memory 512 MB" in reason for _, reason in summary.errors)


def test_max_memory_below_what_a_worker_needs_is_one_message(tmp_path):
    source = _seed_copy(tmp_path)
    run = run_docextract(["extract", source.name, "--out", "out", "--max-memory", "64M", "--quiet"],
                         cwd=tmp_path, memory_mb=BOUND_MB, timeout=BOUND_S)
    assert run.returncode in (1, 2)
    assert "Traceback" not in run.stderr, run.describe()
    assert "--max-memory" in run.stderr, run.describe()


# ------------------------------------------------------------------ the output folder


def test_out_that_is_a_file_is_one_message(tmp_path):
    source = _seed_copy(tmp_path)
    (tmp_path / "out").write_text("my notes\n", encoding="utf-8")
    run = run_docextract(["extract", source.name, "--out", "out", "--quiet"], cwd=tmp_path,
                         memory_mb=BOUND_MB, timeout=BOUND_S)
    assert run.returncode == 1
    _one_clean_error(run, "output folder out", "is a file, not a folder", "give --out a folder")
    assert (tmp_path / "out").read_text(encoding="utf-8") == "my notes\n"


def test_out_below_a_file_is_one_message(tmp_path):
    source = _seed_copy(tmp_path)
    (tmp_path / "notes").write_text("x", encoding="utf-8")
    run = run_docextract(["extract", source.name, "--out", "notes/out", "--quiet"], cwd=tmp_path,
                         memory_mb=BOUND_MB, timeout=BOUND_S)
    assert run.returncode == 1
    _one_clean_error(run, "notes/out")


def _can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("mount") is not None


@contextmanager
def _tmpfs(folder: Path, options: str):
    folder.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_read_only_out_is_one_message(tmp_path):
    source = _seed_copy(tmp_path)
    if _can_mount():
        with _tmpfs(tmp_path / "ro", "size=1m,ro") as folder:
            run = run_docextract(["extract", source.name, "--out", f"{folder.name}/out", "--quiet"],
                                 cwd=tmp_path, memory_mb=BOUND_MB, timeout=BOUND_S)
        line = _one_clean_error(run, "ro/out", "read-only", "give --out a folder you can write to")
    elif os.geteuid() != 0:
        (tmp_path / "ro").mkdir()
        (tmp_path / "ro").chmod(0o555)
        run = run_docextract(["extract", source.name, "--out", "ro/out", "--quiet"], cwd=tmp_path,
                             memory_mb=BOUND_MB, timeout=BOUND_S)
        line = _one_clean_error(run, "ro/out", "permission denied")
    else:
        pytest.skip("root without mount: no way to make a folder read-only")
    assert run.returncode == 1, line


@pytest.mark.skipif(not _can_mount(), reason="needs root to mount a small tmpfs")
def test_full_disk_is_one_message_and_resumes(tmp_path):
    # a 200 KB disk, outputs of about 70 KB each: the third or so fills it
    inputs = [_seed_copy(tmp_path / "in", f"d{i}.txt") for i in range(6)]
    with _tmpfs(tmp_path / "small", "size=200k") as disk:
        run = run_docextract(["extract", *(str(p) for p in inputs), "--out", str(disk / "out"), "--jobs", "1",
                              "--quiet"], cwd=tmp_path, memory_mb=BOUND_MB, timeout=BOUND_S)
        assert run.returncode == 1
        _one_clean_error(run, str(disk / "out"), "the disk is full", "free some space")
        kept = sorted(p.name for p in (disk / "out").glob("*.json"))
        assert 1 <= len(kept) < len(inputs)
        for name in kept:  # what was written is whole
            assert json.loads((disk / "out" / name).read_text(encoding="utf-8"))["document"]["number"]
        assert not list((disk / "out").glob(".*.tmp"))
        # room again (--no-text: smaller outputs): the next run skips nothing it had finished
        for name in kept:
            (disk / "out" / name).unlink()
        again = run_docextract(["extract", *(str(p) for p in inputs[:2]), "--out", str(disk / "out"), "--jobs", "1",
                                "--no-text", "--quiet"], cwd=tmp_path, memory_mb=BOUND_MB, timeout=BOUND_S)
        assert again.returncode == 0, again.describe()


def test_full_disk_in_a_worker_stops_the_batch_with_one_fault(tmp_path, monkeypatch):
    # the same fault in process (any platform, no root): the worker's write fails with ENOSPC
    real_write = batch.write_atomically

    def no_space(path, content):  # the outputs fail; the manifest (written by the parent) does not
        if not path.name.startswith("."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real_write(path, content)

    monkeypatch.setattr(batch, "write_atomically", no_space)
    inputs = [str(_seed_copy(tmp_path / "in", f"d{i}.txt")) for i in range(3)]
    calls = []

    def in_process(jobs, options, on_result, tick):
        for job in jobs:
            calls.append(job.path)
            on_result(job, batch.process_job(job, options))
        return 1

    with pytest.raises(batch.OutputFault) as fault:
        batch.run_batch(inputs, tmp_path / "out", runner=in_process, progress=False, verbose=False)
    assert "the disk is full" in str(fault.value) and str(tmp_path / "out") in str(fault.value)
    assert len(calls) == 1  # the batch stopped at the first fault
    # the input was not recorded as failed: the next run tries it again
    monkeypatch.undo()
    again = batch.run_batch(inputs, tmp_path / "out", jobs=1, progress=False, verbose=False)
    assert (again.done, again.failed) == (3, 0)


# ------------------------------------------------------------------ the manifest


DAMAGE = {
    "header is a list": lambda header, entry: [json.dumps([1, 2, 3]), entry],
    "entry input is a list": lambda header, entry: [header, json.dumps({**json.loads(entry), "input": ["x"]})],
    "entry size is text": lambda header, entry: [header, json.dumps({**json.loads(entry), "size": "big"})],
    "entry output is a path": lambda header, entry: [header, json.dumps({**json.loads(entry), "output": "../x.json"})],
    "a middle line is not JSON": lambda header, entry: [header, "{oops", entry],
    "not UTF-8": None,
    "a folder": None,
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_manifest_is_set_aside_and_rebuilt(tmp_path, kind):
    source = _seed_copy(tmp_path)
    out = tmp_path / "out"
    first = run_docextract(["extract", source.name, "--out", "out", "--no-text", "--quiet"], cwd=tmp_path,
                           memory_mb=BOUND_MB, timeout=BOUND_S)
    assert first.returncode == 0, first.describe()
    manifest = out / batch.MANIFEST_NAME
    header, entry = manifest.read_text(encoding="utf-8").splitlines()
    if kind == "not UTF-8":
        manifest.write_bytes(b"\xff\xfe\x00garbage\n")
    elif kind == "a folder":
        manifest.unlink()
        manifest.mkdir()
    else:
        manifest.write_text("\n".join(DAMAGE[kind](header, entry)) + "\n", encoding="utf-8")
    run = run_docextract(["extract", source.name, "--out", "out", "--no-text", "--quiet"], cwd=tmp_path,
                         memory_mb=BOUND_MB, timeout=BOUND_S)
    assert run.returncode == 0, run.describe()
    assert "Traceback" not in run.stderr
    assert f"the manifest out/{batch.MANIFEST_NAME} was damaged" in run.stderr, run.describe()
    assert "1 extracted, 0 up to date" in run.stderr  # nothing in it was trusted
    assert len(list(out.glob(f"{batch.MANIFEST_NAME}.damaged-*"))) == 1
    rebuilt = manifest.read_text(encoding="utf-8").splitlines()
    assert json.loads(rebuilt[1])["output"] == "chi-thi.json"  # the record of the same input is replaced
    assert sorted(p.name for p in out.glob("*.json")) == ["chi-thi.json"]


# ------------------------------------------------------------------ names


ODD_NAMES = {
    "248 bytes": "Kế hoạch triển khai " * 9 + "2025-2030.txt",  # 9 x 26 bytes of UTF-8, and 14
    "a newline": "ke hoach\nso 12.txt",
    "a tab": "ke hoach\tso 12.txt",
}


def test_long_and_odd_input_names_get_safe_output_names(tmp_path):
    folder = tmp_path / "in"
    inputs = [_seed_copy(folder, name) for name in ODD_NAMES.values()]
    assert len(ODD_NAMES["248 bytes"].encode("utf-8")) > 240
    run = run_docextract(["extract", "in", "--out", "out", "--no-text", "--quiet"], cwd=tmp_path,
                         memory_mb=BOUND_MB, timeout=BOUND_S)
    assert run.returncode == 0, run.describe()
    outputs = sorted(p.name for p in (tmp_path / "out").glob("*.json"))
    assert len(outputs) == 3
    for name in outputs:
        assert len(name.encode("utf-8")) <= batch.MAX_OUTPUT_NAME_BYTES
        assert not any(ch in name for ch in "\n\t\r")
    assert batch.safe_output_name(str(inputs[1])) in outputs
    assert batch.safe_output_name("in/ke hoach\nso 12.txt") != batch.safe_output_name("in/ke hoach_so 12.txt")
    assert batch.safe_output_name("in/ke hoach_so 12.txt") == "ke hoach_so 12.json"  # a safe name is kept
    for source in inputs:  # inputs untouched
        assert source.read_bytes() == SEED.read_bytes()


def test_an_output_never_replaces_a_file_the_run_did_not_write(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "chi-thi.json"
    mine.write_text('{"my": "own notes"}\n', encoding="utf-8")
    source = _seed_copy(tmp_path / "in")
    for _ in range(2):  # the second run finds its own output in the manifest: no third name
        summary = batch.run_batch([str(source)], out, jobs=1, include_text=False, progress=False, verbose=False)
        assert summary.failed == 0
        assert mine.read_text(encoding="utf-8") == '{"my": "own notes"}\n'
        assert sorted(p.name for p in out.glob("*.json")) == ["chi-thi-2.json", "chi-thi.json"]
    # an earlier docextract output of the same input is replaced, even with the manifest lost
    (out / batch.MANIFEST_NAME).unlink()
    (out / "chi-thi-2.json").rename(out / "moved.json")
    mine.unlink()
    (out / "moved.json").rename(mine)
    summary = batch.run_batch([str(source)], out, jobs=1, include_text=False, progress=False, verbose=False)
    assert sorted(p.name for p in out.glob("*.json")) == ["chi-thi.json"]
