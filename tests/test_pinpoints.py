"""Pinpoints, back-references, evidence and section per reference; dotted numbers (issue 17).

Each text is a real line of corpora/ (file named), its hard line wraps joined as the reader does.
"""
from __future__ import annotations

from docextract import extract
from docextract.references import pinpoints, symbols


def refs_of(text: str):
    return extract(text).references


def test_point_clause_article_of_a_law_named_without_number():
    # corpora/raw/kh-0204-ubnd-ca-mau-2025.txt
    text = ("- Do thay đổi chính sách thuế giá trị gia tăng với hàng hóa áp dụng mức thuế suất 5% quy định tại "
            "điểm d khoản 2 Điều 9 Luật Thuế giá trị gia tăng ước tăng thu khoảng 500 tỷ đồng.")
    (ref,) = [r for r in refs_of(text) if r.name and r.name.startswith("Luật Thuế giá trị gia tăng")]
    assert ref.pinpoint == {"dieu": "9", "khoan": "2", "diem": "d"}
    assert ref.text == "Luật Thuế giá trị gia tăng"  # the span stays the document's own mention
    assert ref.evidence.startswith("- Do thay đổi chính sách thuế")


def test_a_list_of_clauses_with_the_unit_word_repeated():
    # corpora/raw/ct-010-ubnd-dak-lak-2025.txt
    text = ("đ) Chịu trách nhiệm về nội dung thẩm định và giải trình của cơ quan mình thuộc lĩnh vực quản lý theo "
            "quy định tại khoản 2, khoản 3 Điều 6 Nghị định số 31/2021/NĐ-CP của Chính phủ; tuân thủ")
    (ref,) = [r for r in refs_of(text) if r.symbol == "31/2021/NĐ-CP"]
    assert ref.pinpoint == {"dieu": "6", "khoan": "2, 3"}


def test_part_and_section_before_a_cited_letter():
    # corpora/raw/kh-0125-ubnd-dak-lak-2025.txt
    text = "Thực hiện theo quy định tại mục 1, Phần III Công văn số 7886/HD-BNV ngày 14/9/2025 của Bộ Nội vụ."
    (ref,) = [r for r in refs_of(text) if r.symbol == "7886/HD-BNV"]
    assert ref.pinpoint == {"phan": "III", "muc": "1"}


def test_no_pinpoint_without_units():
    # corpora/seeds/ct-hai-duong-cchc-2018.txt
    text = ("c) Triển khai thực hiện nghiêm túc Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ "
            "về thực hiện cơ chế một cửa.")
    (ref,) = [r for r in refs_of(text) if r.symbol == "61/2018/NĐ-CP"]
    assert ref.pinpoint is None
    assert pinpoints.pinpoint_before("theo Điều 5 ", 0, len("theo Điều 5 ")) == {"dieu": "5"}
    assert pinpoints.pinpoint_before("theo quy định ", 0, len("theo quy định ")) is None


def test_law_quoted_in_a_question_page_resolves_luat_nay_to_the_quoted_law():
    # corpora/crawl/qa-72343c6c.txt: a Q&A page quoting the Law on Intellectual Property
    record = extract("corpora/crawl/qa-72343c6c.txt")
    by_id = {r.id: r for r in record.references}
    back = [r for r in record.references if r.refers_to and r.text == "Luật này"]
    assert back, "Luật này inside the quoted law is a back-reference"
    assert {by_id[r.refers_to].name for r in back} == {"Luật Sở hữu trí tuệ"}
    assert back[0].pinpoint == {"dieu": "213"}
    assert all(r.relation != "self" for r in back)


def test_van_ban_tren_about_a_letter_not_read_as_a_citation_is_left_alone():
    # corpora/raw/cv-11306-vpcp-nn-2025.txt: "văn bản nêu trên" is the association's letter
    # ("văn bản đề ngày 29 tháng 10 năm 2025 số 16/CV-HHTACN"), not Nghị định 136/2025/NĐ-CP
    record = extract("corpora/raw/cv-11306-vpcp-nn-2025.txt")
    assert not [r for r in record.references if r.text == "văn bản nêu trên"]


def test_van_ban_tren_on_a_system_is_no_back_reference():
    # corpora/raw/nd-30-2020-cp.txt ("gửi văn bản trên Hệ thống": on the system)
    text = ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;\n"
            "b) cơ quan, tổ chức nhận văn bản phải trả lại cho cơ quan, tổ chức gửi văn bản trên Hệ thống.")
    assert not [r for r in refs_of(text) if r.refers_to]


def test_section_path_of_each_reference():
    # corpora/raw/ct-010-ubnd-dak-lak-2025.txt
    record = extract("corpora/raw/ct-010-ubnd-dak-lak-2025.txt")
    paths = {r.section for r in record.references if r.symbol == "31/2021/NĐ-CP"}
    assert "I/2/2.1/đ" in paths
    for ref in record.references:
        assert ref.evidence and record.text[ref.span[0]:ref.span[1]] in ref.evidence or len(ref.evidence) >= 400


def test_dotted_resolution_number():
    # corpora/raw/cd-220-ttg-2025.txt
    text = ("Chính phủ đã ban hành Nghị quyết số 66.7/2025/NQ-CP ngày 15/11/2025 quy định việc xử lý khó khăn, "
            "vướng mắc do quy định của pháp luật.")
    (ref,) = [r for r in refs_of(text) if r.symbol and r.symbol.startswith("66")]
    assert (ref.symbol, ref.year, ref.date) == ("66.7/2025/NQ-CP", 2025, "2025-11-15")
    assert symbols.parse("66.7/2025/NQ-CP").number == "66.7"
    assert symbols.normalise("1.5/QĐ-UBND") == "1.5/QĐ-UBND"  # no year: an amount, not a dotted number
