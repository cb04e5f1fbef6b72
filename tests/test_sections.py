"""Section-tree rules (SPEC §2), on enumerated lines taken from the corpora."""
import json

import pytest

from docextract import extract, to_dict
from docextract.structure.sections import match_enumerator


def paths(text: str) -> list[str]:
    return [s.path for s in extract(text).all_sections()]


@pytest.mark.parametrize("line,kind,label", [
    ("I. MỤC TIÊU, CHỈ TIÊU", "roman", "I"),                       # seeds/kh-quang-ngai-par-index-2018.txt
    ("III- TỔ CHỨC THỰC HIỆN", "roman", "III"),                    # same file
    ("2.1. Về cải cách thể chế:", "dotted", "2.1"),                # seeds/kh-249-ubnd-lang-son-2021.txt
    ("10.2 Tham mưu triển khai thực hiện phương pháp", "dotted", "10.2"),
    ("1. Thủ trưởng các sở, ban, ngành", "arabic", "1"),           # seeds/ct-hai-duong-cchc-2018.txt
    ("đ) Triển khai thực hiện cơ chế tự chủ", "letter", "đ"),
    ("- 100% văn bản quy phạm pháp luật", "dash", "-"),
    ("+ Tổ chức tập huấn", "plus", "+"),
    ("(1) Bộ Tài chính giải quyết 03 vấn đề tồn đọng: (i)", "paren", "1"),  # raw/cd-220-ttg-2025.txt II/2/b
    ("Chương II", "chuong", "Chương II"),                          # raw/luat-80-2025-qh15-can-bo-cong-chuc.txt
    ("Điều 5. Nguyên tắc quản lý", "dieu", "Điều 5"),
    ("Mục 1. QUY ĐỊNH CHUNG", "muc", "Mục 1"),
])
def test_enumerators(line, kind, label):
    found = match_enumerator(line)
    assert found and found[:2] == (kind, label)


@pytest.mark.parametrize("line", [
    "1.325 thủ tục hành chính",     # a number with a thousands dot (seeds/tin-ha-tinh-cchc-2014.txt)
    "Mục tiêu: Tập trung",           # "Mục" not followed by a number
    "100% cơ quan",
    "(i) Tích hợp, cung cấp dịch vụ thanh toán trực tuyến",  # a lower-case roman inside a sentence
    "(Khung kế hoạch các hoạt động thực hiện Đề án được thể hiện tại Phụ lục)",
    "Căn cứ Luật Tổ chức chính quyền địa phương",
])
def test_not_enumerators(line):
    assert match_enumerator(line) is None


def test_directive_tree():
    text = ("CHỈ THỊ\nVỀ VIỆC TĂNG CƯỜNG\nChủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n"
            "1. Thủ trưởng các sở, ban, ngành thực hiện các nội dung sau:\na) Tập trung rà soát;\n"
            "b) Tiếp tục triển khai;\n- Rà soát văn bản;\n- Công khai thủ tục;\n2. Sở Nội vụ có trách nhiệm\n"
            "a) Tham mưu Ủy ban nhân dân tỉnh.\n")
    assert paths(text) == ["1", "1/a", "1/b", "1/b/-1", "1/b/-2", "2", "2/a"]


def test_lost_heading_gets_an_implied_parent():
    # seeds/kh-249-ubnd-lang-son-2021.txt: "4.1." appears although its "4." was lost in the capture
    text = "KẾ HOẠCH\nCăn cứ ...\n3. Cải cách tổ chức\n3.1. Kiện toàn.\n4.1. Xây dựng nền công vụ.\n4.2. Xây dựng đội ngũ.\n"
    record = extract(text)
    assert [s.path for s in record.all_sections()] == ["3", "3/3.1", "4", "4/4.1", "4/4.2"]
    implied = [s for s in record.all_sections() if s.implied]
    assert [s.path for s in implied] == ["4"]


def test_normative_tree():
    text = ("LUẬT\nDỮ LIỆU\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định ...\n"
            "Điều 2. Giải thích từ ngữ\n1. Dữ liệu là ...\n2. Dữ liệu số là:\na) Dữ liệu gốc;\nb) Dữ liệu khác.\n"
            "Chương II\nĐiều 3. Nguyên tắc\n")
    assert paths(text) == ["Chương I", "Chương I/Điều 1", "Chương I/Điều 2", "Chương I/Điều 2/1",
                           "Chương I/Điều 2/2", "Chương I/Điều 2/2/a", "Chương I/Điều 2/2/b",
                           "Chương II", "Chương II/Điều 3"]


def test_recipients_signature_and_portal_links_are_not_sections(corpora):
    record = extract(corpora / "seeds" / "kh-quang-ngai-par-index-2018.txt")
    all_paths = [s.path for s in record.all_sections()]
    assert all_paths[-3:] == ["III/1", "III/2", "III/3"]  # "Nơi nhận: - Thường trực Tỉnh ủy; ..." not listed
    record = extract(corpora / "seeds" / "kh-249-ubnd-lang-son-2021.txt")
    assert not any(s.heading.startswith("1 Luật ngân sách") for s in record.all_sections())


def test_sections_match_the_gold_of_every_seed(corpora):
    for gold_file in sorted((corpora / "gold" / "seeds").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        record = extract(corpora / "seeds" / gold["doc"])
        assert {s.path for s in record.all_sections()} == set(gold["sections"]), gold["doc"]


def test_section_spans_cover_their_children(corpora):
    record = extract(corpora / "seeds" / "kh-quang-ngai-par-index-2018.txt")
    for node in record.all_sections():
        for child in node.children:
            assert node.span[0] <= child.span[0] and child.span[1] <= node.span[1]
        start, end = node.heading_span
        assert record.text[start:end] == node.heading
    out = to_dict(record)
    assert out["sections"][0]["path"] == "I"


def test_annex_after_the_signature_has_its_own_tree(corpora):
    # raw/qd-773-ttg-2018.txt: Điều 1-3, "Nơi nhận", then the attached "KẾ HOẠCH" with I. / 1. / a)
    record = extract(corpora / "raw" / "qd-773-ttg-2018.txt")
    roots = [s.path for s in record.sections]
    assert roots[:3] == ["Điều 1", "Điều 2", "Điều 3"]
    assert "I" in roots and "II" in roots
    assert not any(s.path.startswith("Điều 3/I") for s in record.all_sections())


def test_addressee_list_is_not_a_section(corpora):
    # raw/cd-223-ttg-2025.txt: "THỦ TƯỚNG CHÍNH PHỦ điện: - Bí thư tỉnh ủy, ..." before the body
    record = extract(corpora / "raw" / "cd-223-ttg-2025.txt")
    assert [s.path for s in record.sections][:2] == ["1", "2"]


def test_parenthesised_numbers_are_items_under_a_letter():  # raw/cd-220-ttg-2025.txt
    from pathlib import Path
    rec = extract(Path(__file__).resolve().parent.parent / "corpora/raw/cd-220-ttg-2025.txt")
    found = [s.path for s in rec.all_sections()]
    assert {"II/2/b", "II/2/b/1", "II/2/b/2", "II/2/b/3"} <= set(found)
