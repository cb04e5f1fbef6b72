"""docextract.read.pdfchars: a page's objects made straight from pdfminer's text operators must be
exactly what pdfplumber itself gives (every key and value of every char, rule and image), on the
real Công báo PDF and on text set every way a content stream can place it."""
import gc
import sys
from pathlib import Path

import pdfplumber
import pytest

from docextract.read import read_bytes
from docextract.read.pdfchars import page_objects

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
import badfiles  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
VBHN = ROOT / "corpora" / "raw" / "original" / "vbhn-23-2020-vpqh-luat-ban-hanh-vbqppl.pdf"

# Text rotated, upside down, skewed with character and word spacing and horizontal scaling,
# kerned (TJ), raised (Ts), scaled by Tm and by cm, a second line by T*; and a rule and a box.
_PLACED_TEXT = b"""BT /F1 12 Tf 72 720 Td (Plain line of text here) Tj ET
BT /F1 12 Tf 0 1 -1 0 300 300 Tm (Rotated stamp text) Tj ET
BT /F1 12 Tf -1 0 0 -1 500 500 Tm (Upside down) Tj ET
BT /F1 10 Tf 1 0.3 0 1 72 600 Tm 2 Tc 5 Tw 150 Tz (Skewed spaced words) Tj ET
BT /F1 12 Tf 72 560 Td [(Ke) 120 (rned) -300 (text)] TJ 4 Ts (sup) Tj 0 Ts ET
BT /F1 12 Tf 2 0 0 2 72 500 Tm (Scaled) Tj ET
q 0.5 0 0 0.5 0 0 cm BT /F1 12 Tf 144 800 Td (Inside cm) Tj ET Q
BT /F1 12 Tf 14 TL 72 400 Td (A line) Tj T* (another) Tj ET
1 w 72 380 m 300 380 l S 72 200 200 100 re S
"""


def placed_text_pdf(page_box: bytes = b"/MediaBox [0 0 595 842]") -> bytes:
    return badfiles._pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R " + page_box + b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        badfiles._stream(_PLACED_TEXT),
    ])


def _assert_same_objects(pdf):
    glyphs: dict = {}
    for page in pdf.pages:
        ours = page_objects(page, glyphs)
        page.close()
        theirs = {kind: objs for kind, objs in page.objects.items() if kind != "annot"}
        page.close()
        assert ours.keys() == theirs.keys(), page.page_number
        for kind in theirs:
            assert len(ours[kind]) == len(theirs[kind]), (page.page_number, kind)
            for mine, plumbers in zip(ours[kind], theirs[kind]):
                assert mine == plumbers, (page.page_number, kind, mine.get("text"))


@pytest.mark.parametrize("page_box", [b"/MediaBox [0 0 595 842]", b"/MediaBox [10 20 605 862] /Rotate 90"],
                         ids=["upright-page", "offset-rotated-page"])
def test_text_placed_every_way_gives_pdfplumbers_objects(tmp_path, page_box):
    path = tmp_path / "placed.pdf"
    path.write_bytes(placed_text_pdf(page_box))
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages[0].chars) > 100 and pdf.pages[0].lines and pdf.pages[0].rects
        _assert_same_objects(pdf)


def test_real_pdf_gives_pdfplumbers_objects():
    # pages 1-4 of the Công báo print: subset fonts, kerned TJ arrays, superscripts, a footnote rule
    with pdfplumber.open(VBHN, pages=[1, 2, 3, 4]) as pdf:
        _assert_same_objects(pdf)


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_cycle_collector_as_it_was(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        text = read_bytes(placed_text_pdf(), "placed.pdf").text
        assert "Plain line of text here" in text
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
