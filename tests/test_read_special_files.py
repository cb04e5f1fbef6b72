"""Inputs that are not regular files, and files too large by their size, are refused before any
read (issue: bounded on every input): no hang on a FIFO, no memory filled by /dev/zero or a
sparse file."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from docextract.errors import UnreadableInput
from docextract.read import MAX_BYTES, read_path

ROOT = Path(__file__).resolve().parent.parent


def test_fifo_without_writer_is_refused(tmp_path):
    fifo = tmp_path / "chi-thi.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableInput, match="not a regular file"):
        read_path(fifo)  # opening it for reading would block for ever


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_device_is_refused():
    with pytest.raises(UnreadableInput, match="not a regular file"):
        read_path("/dev/zero")


def test_sparse_file_over_the_limit_is_refused_by_its_size(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing is written to disk
    # in a child with a memory limit far below the file's size: refused without reading it
    code = ("import resource; resource.setrlimit(resource.RLIMIT_AS, (600 * 1024 * 1024, 600 * 1024 * 1024))\n"
            "from docextract.read import read_path\nfrom docextract.errors import UnreadableInput\n"
            f"try:\n    read_path({str(big)!r})\nexcept UnreadableInput as exc:\n    print(exc)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "file too large" in out.stdout, out.stderr


def test_batch_goes_on_past_a_fifo(tmp_path):
    good = ROOT / "corpora/seeds/ct-02-2011-ubnd-lao-cai.txt"
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "docextract", "extract", str(good), str(fifo), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert (out / "ct-02-2011-ubnd-lao-cai.json").is_file()
    assert "not a regular file" in (out / "errors.tsv").read_text(encoding="utf-8")


def test_output_never_replaces_an_input(tmp_path):
    # "NAME.json" given as an input, with --out its own folder: its bytes must survive the run
    source = tmp_path / "ct-02-2011-ubnd-lao-cai.json"
    text = (ROOT / "corpora/seeds/ct-02-2011-ubnd-lao-cai.txt").read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    before = source.read_bytes()
    result = subprocess.run([sys.executable, "-m", "docextract", "extract", str(source), "--out", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert source.read_bytes() == before, result.stderr
    assert (tmp_path / "ct-02-2011-ubnd-lao-cai-2.json").is_file()
