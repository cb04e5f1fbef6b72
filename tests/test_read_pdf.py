"""The PDF reader (docextract.read.pdf) on the real Công báo PDF in corpora/raw/original, and its
named regexes."""
from pathlib import Path

import pytest

from docextract.read import read_path
from docextract.read.pdf import ITEM_START_RE, PAGE_NUMBER_RE, _UNITS_BEFORE_POWER, _join_text, _norm_running

ROOT = Path(__file__).resolve().parent.parent
VBHN = ROOT / "corpora" / "raw" / "original" / "vbhn-23-2020-vpqh-luat-ban-hanh-vbqppl.pdf"


@pytest.fixture(scope="module")
def vbhn_lines():
    raw = read_path(VBHN)
    assert raw.format == "pdf"
    return [x for x in raw.text.split("\n") if x.strip()]


def test_vbhn_structure_lines(vbhn_lines):
    # facts visible on pages 1-2 of the Công báo PDF
    assert vbhn_lines[:5] == ["VĂN BẢN HỢP NHẤT - VĂN PHÒNG QUỐC HỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                              "Độc lập - Tự do - Hạnh phúc", "LUẬT", "BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT"]
    for line in ("Chương I", "NHỮNG QUY ĐỊNH CHUNG", "Điều 1. Phạm vi điều chỉnh", "Điều 3. Giải thích từ ngữ",
                 "1. Hiến pháp.", "4. Lệnh, quyết định của Chủ tịch nước."):
        assert line in vbhn_lines
    # a paragraph wrapped over three lines in the PDF is one line here
    assert ("Luật này quy định nguyên tắc, thẩm quyền, hình thức, trình tự, thủ tục xây dựng, ban hành văn bản "
            "quy phạm pháp luật; trách nhiệm của các cơ quan nhà nước, tổ chức, cá nhân trong việc xây dựng văn bản "
            "quy phạm pháp luật.") in vbhn_lines
    # a heading that fills its line is not glued to the item below it
    assert any(x.startswith("Điều 5. Nguyên tắc xây dựng, ban hành văn bản quy phạm pháp luật") and x.endswith("luật")
               for x in vbhn_lines)


def test_vbhn_running_headers_and_page_numbers_removed(vbhn_lines):
    assert not any("CÔNG BÁO/Số 1093" in x for x in vbhn_lines)
    assert not any(PAGE_NUMBER_RE.match(x) for x in vbhn_lines)


def test_vbhn_syllables_whole(vbhn_lines):
    text = "\n".join(vbhn_lines)
    # the letters of these words come from two font subsets; naive extraction splits them
    assert text.count("văn bản quy phạm pháp luật") > 100
    for broken in (" v ăn ", " ph ạm ", " lu ật", "Qu ốc"):
        assert broken not in text


def test_vbhn_footnotes(vbhn_lines):
    # superscript note numbers become [n] in the text; the notes follow the body
    assert "Quốc hội ban hành Luật ban hành văn bản quy phạm pháp luật[1]." in vbhn_lines
    assert any(x.startswith("3.[2] Pháp lệnh, nghị quyết của Ủy ban thường vụ Quốc hội") for x in vbhn_lines)
    notes = [x for x in vbhn_lines if x.startswith("[")]
    assert notes[0].startswith("[1] Luật số 63/2020/QH14 sửa đổi, bổ sung một số điều")
    assert notes[1].startswith("[2] Khoản này được sửa đổi, bổ sung theo quy định tại điểm a khoản 1 Điều 1")
    assert vbhn_lines.index(notes[0]) > vbhn_lines.index("Điều 1. Phạm vi điều chỉnh")


def test_page_number_re():
    for line in ("12", "- 12 -", "Trang 3", "3/10", "Page 3 of 10", " 64 "):
        assert PAGE_NUMBER_RE.match(line)
    for line in ("12. Nghị quyết", "2020", "Điều 3"):
        assert not (PAGE_NUMBER_RE.match(line) and len(line) > 4)


def test_item_start_re():
    for line in ("1. Hiến pháp.", "2.1. Về cải cách", "a) Sở Nội vụ", "đ) Triển khai", "- Tham mưu", "Điều 5. Nguyên",
                 "Chương II", "III. TỔ CHỨC"):
        assert ITEM_START_RE.match(line)
    for line in ("Luật này quy định", "năm 2015 của Quốc hội", "ngày 01 tháng 7"):
        assert not ITEM_START_RE.match(line)


def test_units_before_power():
    assert _UNITS_BEFORE_POWER.search("diện tích 20 km") and _UNITS_BEFORE_POWER.search("50 m")
    assert not _UNITS_BEFORE_POWER.search("pháp luật")


def test_join_and_running_keys():
    assert _join_text("ISO 9001-", "2015") == "ISO 9001-2015"
    assert _join_text("kinh tế -", "xã hội") == "kinh tế - xã hội"
    assert _join_text("thực hiện", "nhiệm vụ") == "thực hiện nhiệm vụ"
    assert _norm_running("64 CÔNG BÁO/Số 1093 + 1094/Ngày 21-11-2020") == \
        _norm_running("CÔNG BÁO/Số 1093 + 1094/Ngày 21-11-2020 65")


def _chars(spec, size=13.0, top=100.0):
    """Characters laid out left to right: spec is [(text, gap before it in points)]."""
    out, x = [], 72.0
    for text, gap in spec:
        x += gap
        width = 0.5 * size if text.strip() else 0.25 * size
        out.append({"text": text, "x0": x, "x1": x + width, "top": top, "bottom": top + size, "size": size,
                    "fontname": "ABCDEF+TimesNewRomanPSMT", "upright": True})
        x += width
    return out


def test_letters_from_two_font_subsets_stay_one_word():
    from docextract.read.pdf import _make_line

    # "v" + "ăn": the precomposed letter comes from another subset, with a small gap before it
    # (vbhn-23-2020-vpqh-luat-ban-hanh-vbqppl.pdf has such pairs); a real space is wider.
    line = _make_line(_chars([("v", 0), ("ă", 1.8), ("n", 0), ("b", 3.4), ("ả", 0.2), ("n", 0)]))
    assert line.text == "văn bản"
    line = _make_line(_chars([("l", 0), ("u", 0), ("ậ", 1.6), ("t", 0), (" ", 0), ("n", 0), ("h", 0), ("à", 0),
                              ("ở", 1.6)]))
    assert line.text == "luật nhà ở"  # "nhàở" is no syllable: the gap stays a space


def test_superscript_note_numbers():
    from docextract.read.pdf import _make_line

    chars = _chars([("l", 0), ("u", 0), ("ậ", 0), ("t", 0)])
    chars.append({**chars[-1], "text": "1", "x0": chars[-1]["x1"], "x1": chars[-1]["x1"] + 4, "size": 8.0,
                  "top": 97.0, "bottom": 105.0})
    assert _make_line(chars).text == "luật[1]"
    area = _chars([("k", 0), ("m", 0)])
    area.append({**area[-1], "text": "2", "x0": area[-1]["x1"], "x1": area[-1]["x1"] + 4, "size": 8.0,
                 "top": 97.0, "bottom": 105.0})
    assert _make_line(area).text == "km²"
