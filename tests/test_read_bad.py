"""Bad input: each file gives one clear UnreadableInput naming it; nothing crashes a batch."""
import random
import sys
from pathlib import Path

import pytest

from docextract import UnreadableInput, extract
from docextract.read import read_bytes, read_path, sniff_format

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
import badfiles  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ORIGINAL = ROOT / "corpora" / "raw" / "original"

CASES = {
    "empty.txt": (lambda: b"", "empty file"),
    "scan.pdf": (badfiles.scanned_pdf, "no text layer"),
    "locked.pdf": (badfiles.encrypted_pdf, "encrypted PDF"),
    "truncated.docx": (lambda: (ORIGINAL / "nd-30-2020-cp.docx").read_bytes()[:20000], "damaged or truncated"),
    "truncated.pdf": (lambda: (ORIGINAL / "vbhn-23-2020-vpqh-luat-ban-hanh-vbqppl.pdf").read_bytes()[:300000], "damaged PDF"),
    "picture.docx": (badfiles.png, "PNG image"),
    "scan-in-word.docx": (badfiles.image_only_docx, "only images"),
    "bomb.docx": (badfiles.zip_bomb, "zip bomb"),
    "archive.docx": (badfiles.plain_zip, "zip archive, not a Word document"),
    "sheet.docx": (lambda: badfiles.plain_zip(("xl/workbook.xml",)), "Excel workbook"),
    "locked.docx": (badfiles.encrypted_ole, "password-protected"),
    "junk.bin": (lambda: random.Random(5).randbytes(6000), "binary data"),
    "junk.docx": (lambda: b"PK\x03\x04" + random.Random(6).randbytes(3000), "damaged or truncated"),
    "junk.pdf": (lambda: b"%PDF-1.7\n" + random.Random(7).randbytes(3000), "PDF"),
    "program.doc": (lambda: b"\x7fELF\x02\x01\x01" + bytes(200), "ELF"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gives_one_clear_error(name, tmp_path):
    make, reason = CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(UnreadableInput) as info:
        read_path(path)
    message = str(info.value)
    assert str(path) in message  # names the file
    assert reason in message


def test_batch_goes_on(tmp_path):
    """A batch of good and bad files: the bad ones raise UnreadableInput, the good ones are read."""
    good = tmp_path / "good.txt"
    good.write_text("Số: 02/2011/CT-UBND\nCHỈ THỊ\nVề việc tăng cường công tác cải cách hành chính\n", encoding="utf-8")
    files = [good]
    for name in ("scan.pdf", "bomb.docx", "empty.txt"):
        path = tmp_path / name
        path.write_bytes(CASES[name][0]())
        files.append(path)
    done, failed = [], []
    for path in files:
        try:
            done.append(extract(path))
        except UnreadableInput as exc:
            failed.append(exc.path)
    assert len(done) == 1 and sorted(failed) == sorted(str(p) for p in files[1:])


def test_sniff_by_content_not_extension():
    assert sniff_format(badfiles.text_pdf(), ".txt") == "pdf"
    assert sniff_format((ORIGINAL / "nd-30-2020-cp.docx").read_bytes(), ".pdf") == "docx"
    assert sniff_format((ORIGINAL / "nd-30-2020-cp-phu-luc-1.doc").read_bytes(), ".docx") == "doc"
    assert sniff_format(b"<!DOCTYPE html><html><body>x</body></html>", ".txt") == "html"
    assert sniff_format(badfiles.mhtml("<html><body>x</body></html>"), "") == "html"
    assert sniff_format(b"{\\rtf1\\ansi x}", ".doc") == "rtf"
    assert sniff_format(badfiles.png(), ".docx") == "image"
    assert sniff_format("Số: 02/2011/CT-UBND".encode("utf-16"), ".html") == "html"  # extension as the last resort
    assert sniff_format("Số: 02/2011/CT-UBND".encode("utf-16"), "") == "txt"


def test_pdf_with_text_is_read():
    assert read_bytes(badfiles.text_pdf("Hello world"), "t.pdf").text == "Hello world\n"
