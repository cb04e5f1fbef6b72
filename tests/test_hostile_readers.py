"""Hostile inputs to the readers (issue 16), each generated here and run as ``docextract extract
FILE`` in a child process under the memory, CPU and wall-clock limits of tests/hostile.py: the
run must end inside the limits with a record or one error in plain words naming the file.

Bounds (memory is the child's address-space limit, time the wall clock):
PDF 600 text pages 1 GB / 120 s; PDF over the page limit 1 GB / 60 s; Word numbering cases
1 GB / 60 s; zips that lie 1 GB / 60 s; a 1 MB line without a newline 1 GB / 60 s; a 1 GB sparse
text 300 MB / 30 s; /dev/zero and a FIFO 300 MB / 30 s.
Speed (pages/s) is measured by scripts/bench_pdf.py, not here.
"""
import json
import os
from pathlib import Path

import pytest

from hostile import docx_file, fifo, run_docextract, sparse_file, text_file, text_pdf, zip_file, _rewrite_declared_sizes

GB = 1024


def _one_error(run, path: Path, words: str) -> None:
    """Exit 1 with one line on stderr that names the file and says ``words``, inside the limits."""
    assert run.within_bounds, run.describe()
    assert run.returncode == 1, run.describe()
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.describe()
    assert str(path) in lines[0] and words in lines[0], run.describe()
    assert "Traceback" not in run.stderr and "Error:" not in lines[0].split(": ", 2)[-1], run.describe()


def _record(run) -> dict:
    assert run.within_bounds, run.describe()
    assert run.returncode == 0, run.describe()
    return json.loads(run.stdout)


# ------------------------------------------------------------------ PDF


def test_600_page_text_pdf_is_read_in_bounded_memory(tmp_path):
    pdf = text_pdf(tmp_path, "cong-bao.pdf", 600, lines_per_page=12)
    run = run_docextract(["extract", str(pdf)], memory_mb=GB, timeout=120)
    record = _record(run)
    assert "Dieu 600." in record["text"] and "Dieu 1." in record["text"]
    assert record["text"].count("/KH-UBND dong ") == 600 * 12  # every line of every page (none taken for a running line)


def test_pdf_over_the_page_limit_is_refused(tmp_path):
    from docextract.read.pdf import MAX_PAGES

    pdf = text_pdf(tmp_path, "huge.pdf", MAX_PAGES + 1, lines_per_page=1)
    run = run_docextract(["extract", str(pdf)], memory_mb=GB, timeout=60)
    _one_error(run, pdf, f"PDF with {MAX_PAGES + 1} pages: refused")


# ------------------------------------------------------------------ Word numbering

def _numbered_docx(folder, name, start="1", fmt="decimal", level_id="0", paragraph_level="0", override=""):
    levels = (f'<w:lvl w:ilvl="{level_id}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
              '<w:lvlText w:val="%1."/></w:lvl>')
    numbering = (f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
                 f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{override}</w:num>')
    paragraph = (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{paragraph_level}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                 "<w:r><w:t>Sở Nội vụ chủ trì triển khai Kế hoạch.</w:t></w:r></w:p>")
    return docx_file(folder, name, paragraph * 3, numbering)


@pytest.mark.parametrize("start, fmt, first_label, warning", [
    (str(10 ** 12), "lowerLetter", "z" * 30 + ".", "list start (lowerLetter) 100000... (13 digits) is outside 0..780; 780 used"),
    (str(10 ** 9), "lowerLetter", "z" * 30 + ".", "list start (lowerLetter) 1000000000 is outside 0..780; 780 used"),
    (str(10 ** 12), "upperRoman", "MMMCMXCIX.", "list start (upperRoman) 100000... (13 digits) is outside 0..3999; 3999 used"),
    ("9" * 5000, "decimal", "32767.", "list start (decimal) 999999... (5000 digits) is outside 0..32767; 32767 used"),
])
def test_absurd_list_start_is_clamped_with_a_warning(tmp_path, start, fmt, first_label, warning):
    path = _numbered_docx(tmp_path, "ke-hoach.docx", start=start, fmt=fmt)
    record = _record(run_docextract(["extract", str(path)], memory_mb=GB, timeout=60))
    assert record["text"].startswith(f"{first_label} Sở Nội vụ")
    assert any(warning in w for w in record["warnings"]), record["warnings"]


def test_paragraph_level_out_of_range_is_clamped(tmp_path):
    path = _numbered_docx(tmp_path, "ke-hoach.docx", paragraph_level="12")
    record = _record(run_docextract(["extract", str(path)], memory_mb=GB, timeout=60))
    assert "Sở Nội vụ chủ trì" in record["text"]
    assert any("list level 12 is outside 0..8; 8 used" in w for w in record["warnings"]), record["warnings"]


def test_non_numeric_and_huge_level_ids_are_ignored_with_a_warning(tmp_path):
    override = '<w:lvlOverride w:ilvl="99999999999999"><w:startOverride w:val="-99999999999999999"/></w:lvlOverride>'
    path = _numbered_docx(tmp_path, "ke-hoach.docx", level_id="abc", paragraph_level="x", override=override)
    record = _record(run_docextract(["extract", str(path)], memory_mb=GB, timeout=60))
    assert "Sở Nội vụ chủ trì" in record["text"]
    assert any("a list level 'abc' is defined, not a level 0..8; ignored" in w for w in record["warnings"])
    assert any("list level 'x' is not a number; ignored" in w for w in record["warnings"])
    assert not any("IndexError" in w or "ValueError" in w for w in record["warnings"])


# ------------------------------------------------------------------ zips that lie

_PARAGRAPH = "<w:p><w:r><w:t>Ủy ban nhân dân tỉnh thực hiện kế hoạch cải cách hành chính.</w:t></w:r></w:p>"


def test_zip_whose_headers_understate_the_inflated_size_is_refused(tmp_path):
    # 300 MB of XML declared as 1,000 bytes: counted while inflating, never trusted
    path = docx_file(tmp_path, "bomb.docx", _PARAGRAPH * (300_000_000 // len(_PARAGRAPH)))
    _rewrite_declared_sizes(path, {"word/document.xml": 1000})
    run = run_docextract(["extract", str(path)], memory_mb=GB, timeout=60)
    _one_error(run, path, "does not inflate to what its header says")


def test_many_parts_each_under_the_part_limit_but_over_the_total_are_refused(tmp_path):
    from docextract.read.docx import MAX_XML_UNPACKED

    part_size = MAX_XML_UNPACKED // 40  # 50 parts of 1.6 MB: each small, together over the limit
    xml = ('<?xml version="1.0"?><root>' + "<p>Ủy ban nhân dân tỉnh</p>" * (part_size // 30) + "</root>").encode()
    parts = {f"customXml/item{i}.xml": xml for i in range(50)}
    path = docx_file(tmp_path, "parts.docx", _PARAGRAPH, extra_parts=parts)
    run = run_docextract(["extract", str(path)], memory_mb=GB, timeout=60)
    _one_error(run, path, "XML parts inflate to more than")


def test_zip_with_a_part_declared_huge_is_refused_from_its_headers(tmp_path):
    path = zip_file(tmp_path, "declared.docx", {"word/document.xml": b"<w:document/>"},
                    declared_sizes={"word/document.xml": 3_000_000_000})
    run = run_docextract(["extract", str(path)], memory_mb=GB, timeout=60)
    _one_error(run, path, "refused (zip bomb)")


# ------------------------------------------------------------------ text


def test_one_long_line_without_a_newline_is_read_fast(tmp_path):
    # mixed text with citations, dates and punctuation, 1 MB and no newline: each citation once
    # read the whole line back to its start (minutes); now the line is broken into paragraphs
    line = ("Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ, Sở Nội vụ chủ trì, "
            "phối hợp với các sở, ngành; hoàn thành trước ngày 30/6/2021 ")
    path = text_file(tmp_path, "one-line.txt", 1_000_000, line=line)
    record = _record(run_docextract(["extract", str(path)], memory_mb=GB, timeout=60))
    assert max(len(ln) for ln in record["text"].split("\n")) <= 10_000
    assert len(record["references"]) > 1000


def test_a_text_beyond_the_memory_of_a_single_run_is_one_message(tmp_path):
    # without --out no worker refuses a long text before reading it: the process's own memory ends
    # the run (here 200 MB for a 10 MB text; as a 100 MB text does in 1 GB), in one plain message
    path = text_file(tmp_path, "long.txt", 10_000_000)
    run = run_docextract(["extract", str(path)], memory_mb=200, timeout=60)
    _one_error(run, path, "ran out of memory while extracting this file: split the document")
    assert run.stdout == ""


def test_sparse_gigabyte_text_is_refused_by_its_size(tmp_path):
    path = sparse_file(tmp_path, "big.txt", 1 << 30)
    run = run_docextract(["extract", str(path)], memory_mb=300, timeout=30)
    _one_error(run, path, "file too large")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_dev_zero_is_refused_before_any_read():
    run = run_docextract(["extract", "/dev/zero"], memory_mb=300, timeout=30)
    _one_error(run, Path("/dev/zero"), "not a regular file")


def test_fifo_without_a_writer_is_refused_before_any_read(tmp_path):
    path = fifo(tmp_path, "pipe.docx")
    run = run_docextract(["extract", str(path)], memory_mb=300, timeout=30)
    _one_error(run, path, "not a regular file")
