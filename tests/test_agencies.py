"""Agency recognition (docextract/agencies): gazetteer, groups, head nouns, titles, abbreviations.

Every sentence is copied from the corpora; the file is named in each test.
"""
import pytest

from docextract.agencies import canonical_name, find_agencies
from docextract.agencies import recognise as rc
from docextract.agencies.tokens import TOKEN, tokenize
from docextract.normalise import normalise

from conftest import ROOT


def names(text, province=None):
    return [m.name for m in find_agencies(text, province=province)]


def test_group_phrases_and_titles_dropped():  # seeds/ct-hai-duong-cchc-2018.txt item 1
    text = "Thủ trưởng các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố nghiêm túc triển khai"
    assert names(text) == ["các sở, ban, ngành", "Ủy ban nhân dân các huyện, thị xã, thành phố"]


def test_abbreviations_expanded():  # seeds/ct-hai-duong-cchc-2018.txt, seeds/kh-quang-ngai-par-index-2018.txt
    assert names("Chủ trì phối hợp các sở, ban, ngành và UBND cấp huyện nghiên cứu") == ["các sở, ban, ngành", "Ủy ban nhân dân cấp huyện"]
    assert names("(phối hợp với Đài PTTH Quảng Ngãi và Báo Quảng Ngãi, UBND cấp huyện xác định") == [
        "Đài Phát thanh - Truyền hình Quảng Ngãi", "Báo Quảng Ngãi", "Ủy ban nhân dân cấp huyện"]
    assert canonical_name("Sở TT&TT") == "Sở Thông tin và Truyền thông"


def test_admin_units_without_comma():  # seeds/kh-quang-ngai-par-index-2018.txt (ADMIN_WITHOUT_COMMA)
    assert names("d) Các sở, ban, ngành, UBND các huyện thành phố:") == ["các sở, ban, ngành", "Ủy ban nhân dân các huyện, thành phố"]


def test_own_province_dropped_councils_keep_their_level():  # SPEC §4; seeds/kh-249-ubnd-lang-son-2021.txt
    assert canonical_name("Sở Nội vụ tỉnh Lạng Sơn", "Lạng Sơn") == "Sở Nội vụ"
    assert canonical_name("Ủy ban nhân dân tỉnh Lạng Sơn", "Lạng Sơn") == "Ủy ban nhân dân tỉnh"
    # seeds/kh-quang-ngai-par-index-2018.txt: a city of the province is not the province
    assert names("UBND thành phố Quảng Ngãi và các huyện đồng bằng chỉ đạo", "Quảng Ngãi") == [
        "Ủy ban nhân dân thành phố Quảng Ngãi", "Ủy ban nhân dân các huyện đồng bằng"]


def test_place_names_after_a_council():  # seeds/kh-quang-ngai-par-index-2018.txt
    assert names("UBND huyện Sơn Tịnh xây dựng Đề án; UBND huyện Tây Trà khẩn trương") == [
        "Ủy ban nhân dân huyện Sơn Tịnh", "Ủy ban nhân dân huyện Tây Trà"]


def test_parenthesis_is_not_part_of_the_name():  # seeds/ct-02-2011-ubnd-lao-cai.txt item 9 (PARENTHESIS)
    found = names("Sở Nội vụ (cơ quan Thường trực cải cách hành chính tỉnh) chủ trì, phối hợp với các cơ quan có liên quan")
    assert found == ["Sở Nội vụ", "các cơ quan có liên quan"]


def test_modifiers_of_groups():  # seeds/kh-249-ubnd-lang-son-2021.txt
    assert names("Hằng năm, các sở, ban, ngành, địa phương và các cơ quan, đơn vị được giao nhiệm vụ, tổ chức lập dự toán") == [
        "các sở, ban, ngành, địa phương", "các cơ quan, đơn vị được giao nhiệm vụ"]
    assert names("Đề nghị các cơ quan Trung ương trên địa bàn tỉnh") == ["các cơ quan Trung ương trên địa bàn tỉnh"]


def test_generic_groups_are_flagged():  # seeds/ct-02-2011-ubnd-lao-cai.txt item 5a, last paragraph (GENERIC_TAILS)
    m = find_agencies("a) Các cơ quan, đơn vị đã triển khai thực hiện cơ chế")[0]
    assert m.generic
    m = find_agencies("nếu có khó khăn, vướng mắc, các cơ quan, tổ chức, cá nhân kịp thời phản ánh về Sở Nội vụ")[0]
    assert m.name == "các cơ quan, tổ chức, cá nhân" and not m.generic


def test_unseen_bodies_by_head_noun():  # raw/kh-310-ubnd-ha-noi-2025.txt, raw/cv-4085-ubnd-dt-tphcm-2025.txt
    assert "Trung tâm Chuyển đổi số Thành phố" in names("phối hợp với Trung tâm Chuyển đổi số Thành phố, Công an Thành phố")
    assert names("Đề nghị Trường Chính trị Hoàng Văn Thụ và các Trung tâm bồi dưỡng chính trị cấp huyện") == [
        "Trường Chính trị Hoàng Văn Thụ", "các Trung tâm bồi dưỡng chính trị cấp huyện"]


def test_listed_name_not_run_on():  # seeds/kh-quang-ngai-par-index-2018.txt
    assert names("- Phối hợp với Sở Nội vụ lồng ghép công tác kiểm tra") == ["Sở Nội vụ"]


def test_descriptive_steering_committee():  # seeds/kh-quang-ngai-par-index-2018.txt III/1
    text = "1. Các thành viên Ban Chỉ đạo Cải cách hành chính và nâng cao chỉ số năng lực cạnh tranh tỉnh Quảng Ngãi, căn cứ nhiệm vụ"
    assert names(text, "Quảng Ngãi") == ["các thành viên Ban Chỉ đạo Cải cách hành chính và nâng cao chỉ số năng lực cạnh tranh"]


def test_title_list_names_a_body_per_title():  # raw/cd-220-ttg-2025.txt, crawl/nq-66-17-2026-cp.txt
    # a head title before each member starts a new body (GUIDE, Assignees)
    assert names("Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ Tập trung chỉ đạo quyết liệt") == [
        "các bộ", "cơ quan ngang bộ"]
    assert names("2. Bộ trưởng, Thủ trưởng cơ quan ngang bộ có trách nhiệm nghiên cứu") == ["các bộ", "cơ quan ngang bộ"]
    line = ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân"
            " dân tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm thi hành")  # raw/nd-25-2025-cp.txt
    spans = find_agencies(line)
    assert [(m.text, m.name) for m in spans][:3] == [
        ("Bộ trưởng", "các bộ"), ("Thủ trưởng cơ quan ngang bộ", "cơ quan ngang bộ"),
        ("Thủ trưởng cơ quan thuộc Chính phủ", "cơ quan thuộc Chính phủ")]
    assert all(line[m.start:m.end] == m.text for m in spans)


def test_one_determiner_without_titles_stays_one_group():  # raw/nd-25-2025-cp.txt
    line = "c) Chủ trì, phối hợp với Văn phòng Chính phủ và các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ rà soát"
    assert names(line) == ["Văn phòng Chính phủ", "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"]


def test_enumeration_after_a_colon():  # raw/cd-223-ttg-2025.txt
    assert names("8. Các Bộ: Quốc phòng, Tài chính kịp thời xuất cấp các phương tiện") == ["Bộ Quốc phòng", "Bộ Tài chính"]
    assert names("- Các Bộ: Quốc phòng, Công an, Nông nghiệp và Môi trường, Xây dựng") == [
        "Bộ Quốc phòng", "Bộ Công an", "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng"]


def test_lower_case_body_after_titles():  # raw/cd-223-ttg-2025.txt
    assert names("1. Đồng chí Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Đắk Lắk")[:2] == [
        "tỉnh ủy", "Ủy ban nhân dân tỉnh Khánh Hòa"]


def test_not_agencies():  # seeds/ct-hai-duong-cchc-2018.txt, raw/cd-220-ttg-2025.txt
    found = find_agencies("Triển khai, duy trì, cập nhật Khung Kiến trúc Chính quyền điện tử tỉnh Hải Dương")
    assert [m.kind for m in found] == ["place"]  # the province only, never an assignee unless it is a subject
    assert names("III. TỔ CHỨC THỰC HIỆN") == []
    assert names("lên Cổng dịch vụ công trực tuyến của tỉnh") == []


def test_province_named_as_the_body_that_acts():  # raw/tb-623-vpcp-2025.txt
    found = find_agencies("của cả nước, tỉnh Đắk Lắk cần tiếp tục thực hiện quyết liệt, đồng bộ, hiệu quả")
    assert [(m.name, m.kind) for m in found] == [("tỉnh Đắk Lắk", "place")]


def test_tokenizer_keeps_offsets():  # TOKEN
    text = "1. Giao  Sở TT&TT, LĐ-TB&XH; 61/2018/NĐ-CP. Hết"
    toks = tokenize(text, 8, len(text) - 4)
    assert toks.text == ["Sở", "TT&TT", ",", "LĐ-TB&XH", ";", "61/2018/NĐ-CP", "."]
    assert [text[s:e] for s, e in toks.spans()] == toks.text
    assert toks.start(0) == 9 and toks.end(6) == len(text) - 4 and toks.lower[1] == "tt&tt"
    later = tokenize(text, 8)
    assert later.start(3) == text.index("LĐ") and later.start(1) == text.index("TT&TT")  # asked out of order
    assert tokenize("Sở Y tế   ").text == ["Sở", "Y", "tế"]  # trailing spaces are no token
    assert tokenize("(Sở) Sở_Y", 1).spans() == [(1, 3), (3, 4), (5, 9)]  # "_" is a word letter, not alnum
    assert tokenize("Sở\u00a0Y\tTế\n", 2).text == ["Y", "Tế"] and tokenize("", 0).spans() == []


@pytest.mark.parametrize("piece", ["(UBND)", "trì,", "2025;", "vụ.", "(a", "a,", "()", ",", "_", "a_,", "abc_",
                                   "_abc", "TT&", "TT&,", "TT&TT,", "“Sở", "1.742,", "(VP).", "NĐ-CP;", "-a", "a-",
                                   "'a'", "’s", "x.y,", "((a))"])
def test_tokenizer_splits_marks_off_a_word_as_the_pattern_does(piece):  # TOKEN
    # tokenize() splits "(word)" and "word," itself; every other piece goes to TOKEN
    assert tokenize(piece).text == TOKEN.findall(piece)
    assert tokenize(f"Sở {piece} xã").text == ["Sở"] + TOKEN.findall(piece) + ["xã"]


def test_tokenizer_agrees_with_the_pattern_on_a_whole_document():  # TOKEN
    text = normalise((ROOT / "corpora" / "seeds" / "kh-249-ubnd-lang-son-2021.txt").read_text(encoding="utf-8"))
    for line in text.split("\n"):
        assert tokenize(line).text == TOKEN.findall(line)


@pytest.mark.parametrize("name", ["PARENTHESIS", "ADMIN_WITHOUT_COMMA", "GENERIC_TAILS"])
def test_regexes_are_named(name):
    assert hasattr(getattr(rc, name), "sub")


def test_units_of_the_ministry_keep_their_owner():  # crawl/qd-333-btc-2026.txt Điều 3
    assert names("Thủ trưởng các đơn vị thuộc Bộ và các cơ quan có liên quan chịu trách nhiệm thi hành") == [
        "các đơn vị thuộc Bộ", "các cơ quan có liên quan"]
    # a named owner is a body of its own (as before)
    assert names("Thủ trưởng các đơn vị thuộc Bộ Tài chính và các cơ quan có liên quan") == [
        "các đơn vị", "Bộ Tài chính", "các cơ quan có liên quan"]


def test_a_named_unit_closes_a_list_of_units():  # crawl/ct-06-ubnd-quang-tri-2025.txt item 2
    assert names("2. Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu Cồn Cỏ:", "Quảng Trị") == [
        "Ủy ban nhân dân các xã, phường, đặc khu Cồn Cỏ"]
    # one capitalised word after the list is the sentence going on, not a name
    assert names("UBND các xã, phường Tổ chức triển khai") == ["Ủy ban nhân dân các xã, phường"]


def test_enumerated_corporations_keep_their_hyphenated_names():  # raw/tb-634-vpcp-2025.txt item 10
    text = ("10. Các Bộ, cơ quan liên quan và các Tập đoàn: Công nghiệp - Năng lượng Quốc gia Việt Nam, Bưu "
            "chính viễn thông Việt Nam, Công nghiệp - Viễn thông Quân đội.")
    assert names(text)[1:] == ["Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam",
                               "Tập đoàn Bưu chính viễn thông Việt Nam", "Tập đoàn Công nghiệp - Viễn thông Quân đội"]
