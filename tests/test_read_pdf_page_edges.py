"""The PDF reader keeps the document's own lines at the edges of its pages: only a running header or
footer (the same text, digits aside, at the same edge of many pages, once on each) and page
numbers are dropped. PDFs written here by hand (Helvetica, A4): no committed files."""
import sys
from pathlib import Path

from docextract.read import read_bytes

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
import badfiles  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile  # noqa: E402


def _pdf(pages: list[list[str]]) -> bytes:
    """A PDF of the given pages, each a list of content-stream lines (text and rules)."""
    count = len(pages)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{' '.join(f'{4 + 2 * k} 0 R' for k in range(count))}] /Count {count} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for k, content in enumerate(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {5 + 2 * k} 0 R >>".encode())
        objects.append(badfiles._stream("\n".join(content).encode("latin-1")))
    return badfiles._pdf(objects)


def _text(x: float, y: float, text: str, size: int = 12) -> str:
    return f"BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET"


def _table(top: float, rows: list[list[str]]) -> list[str]:
    """A ruled table of 3 columns (x 60-300-420-540), rows 20 pt high, from ``top`` down."""
    xs, height = (60, 300, 420, 540), 20
    bottom = top - height * len(rows)
    out = [f"0.8 w {xs[0]} {top - height * i} m {xs[-1]} {top - height * i} l S" for i in range(len(rows) + 1)]
    out += [f"{x} {top} m {x} {bottom} l S" for x in xs]
    for i, row in enumerate(rows):
        out += [_text(x + 4, top - height * i - 14, cell, 10) for x, cell in zip(xs, row)]
    return out


def _sentence(n: int) -> str:
    return f"Cau {n} cua doan cuoi truoc bang: cac co quan bao cao ket qua ve So Noi vu."


def test_a_paragraph_going_on_over_the_page_break_before_a_table_keeps_its_lines():
    # page 1 ends with the first two lines of a paragraph; page 2 opens with its last line, then a
    # table: the paragraph's lines differ only by their numbers, at the foot of one page and the top
    # of the next (read as a running line, they were all dropped)
    page_1 = [_text(60, 780 - 18 * row, f"Dong mo dau so {row + 1}, noi dung rieng {'abcdefghij'[row]}.") for row in range(10)]
    page_1 += [_text(60, 90, _sentence(1)), _text(60, 72, _sentence(2))]
    page_2 = [_text(60, 780, _sentence(3)), _text(60, 762, "HET.")]
    page_2 += _table(740, [["STT", "Nhiem vu", "Chu tri"], ["1", "Bao cao", "So Noi vu"], ["2", "Kiem tra", "Thanh tra"]])
    page_2 += [_text(60, 640, "Doan sau bang.")]
    text = read_bytes(_pdf([page_1, page_2]), "two-pages.pdf", ".pdf").text
    for n in (1, 2, 3):
        assert _sentence(n) in text, n
    assert "HET." in text and "Doan sau bang." in text and "1 | Bao cao | So Noi vu" in text
    assert text.index(_sentence(3)) < text.index("STT | Nhiem vu | Chu tri")


def test_every_line_of_pages_of_like_lines_is_kept(tmp_path):
    # every line of every page differs from the others only by its numbers: none is a running line
    path = hostile.text_pdf(tmp_path, "like-lines.pdf", pages=3, lines_per_page=10)
    text = read_bytes(path.read_bytes(), path.name, ".pdf").text
    for page in (1, 2, 3):
        for row in (1, 2, 10):
            assert f"so {page}/KH-UBND dong {row}." in text, (page, row)
    assert text.count("dong ") == 30


WORDS = "ke hoach bao cao kiem tra giam sat tong hop danh gia chu tri phoi hop thuc hien trien khai xay dung hoan thanh".split()


def test_a_running_header_and_page_numbers_are_still_dropped():
    pages = []
    for k in range(1, 4):
        pages.append([_text(200, 810, f"CONG BAO/So {100 + k}/Ngay {k}-02-2025", 9)]
                     + [_text(60, 760 - 18 * row, f"Trang {k} dong {'abcdefgh'[row]} co noi dung {WORDS[(8 * k + row) % len(WORDS)]}.")
                        for row in range(8)]  # (no line of one page repeats a line of another)
                     + [_text(290, 30, str(k), 9)])
    text = read_bytes(_pdf(pages), "gazette.pdf", ".pdf").text
    assert "CONG BAO" not in text
    assert [line for line in text.splitlines() if line.strip().isdigit()] == []
    for k in range(1, 4):
        for letter in "abcdefgh":
            assert f"Trang {k} dong {letter} " in text, (k, letter)

