"""Rules of the genre that the reference finder and resolver hold to on unseen documents (issue 17):
web-portal furniture, the document's own number, names inside another document's title, bills
still to be drafted, repaired symbols, plans and schemes cited by title. Each on real lines of the
corpora (the file named above the test)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from conftest import make_record
from docextract import extract
from docextract.references import extract_references
from docextract.structure.layout import split_paragraphs

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def record(name: str):
    for folder in ("raw", "crawl", "seeds"):
        if (ROOT / "corpora" / folder / name).exists():
            return extract(ROOT / "corpora" / folder / name)
    raise FileNotFoundError(name)


def refs(text: str, **kw):
    rec = make_record(text, **kw)
    out = extract_references(rec)
    for r in out:  # the contract: every span points at the mention in the normalised text
        assert rec.text[r.span[0]:r.span[1]] == r.text
    return [r for r in out if r.relation != "self"]


# ------------------------------------------------------------------ web-portal furniture

def test_portal_trailer_is_chrome():  # PORTAL_TRAILER_LINE, PORTAL_CAPTION_LINE
    # corpora/crawl/cv-3799-chq-gsql-2025.txt: the signature, the portal's caption, its trailer, its notice
    text = ("Nguyễn Bắc Hải\n|\n"
            "Công văn 37999/CHQ-GSQL năm 2025 khai bổ sung số lượng hàng thực tế nhập khẩu sai lệch\n"
            "Văn bản này chưa cập nhật nội dung Tiếng Anh\n"
            "Văn bản liên quan\n"
            "Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân (hiệu lực từ ngày 01/07/2023) yêu cầu xác nhận")
    zones = [p.zone for p in split_paragraphs(text)]
    assert zones[:2] != ["chrome", "chrome"] and zones[2:] == ["chrome"] * 4


def test_portal_trailer_inside_a_joined_paragraph():
    # corpora/crawl/qd-1498-ubnd-ninh-binh-2025.txt: the wrapped caption and trailer joined into one paragraph
    rec = record("qd-1498-ubnd-ninh-binh-2025.txt")
    cited = {r.symbol for r in rec.references}
    assert "13/2023/NĐ-CP" not in cited  # the portal's notice to its members
    assert "1349/QĐ-UBND" not in cited  # a related document the portal lists
    assert {"63/2010/NĐ-CP", "118/2025/NĐ-CP", "412/QĐ-UBND"} <= cited  # the body's citations stay
