"""References of legal news, Q&A and encyclopedia pages (genre "none"): laws cited by name, amended
forms, the catalogue's other names, each on a real line of the corpora (file named above it)."""
from __future__ import annotations

from conftest import ROOT, make_record
from docextract.references import extract_references, names, vocab


def refs(text: str, **kw):
    rec = make_record(text, **kw)
    out = extract_references(rec)
    for r in out:  # the contract: every span points at the mention in the normalised text
        assert rec.text[r.span[0]:r.span[1]] == r.text
    return [r for r in out if r.relation != "self"]


def laws(found):
    return [(r.name, r.type, r.year, r.target) for r in found if r.symbol is None]


def test_law_named_by_its_catalogue_name_and_an_amended_form():  # AMENDED_IN_YEAR, also_named
    # corpora/crawl/qa-quyen-nghia-vu-nguoi-nhiem-hiv.txt (the title quoted without "ra", a known misquotation)
    line = ("Theo Điều 4 Luật Phòng, chống nhiễm vi rút gây hội chứng suy giảm miễn dịch mắc phải ở người (HIV/AIDS) "
            "2006 (được sửa đổi bởi khoản 2 Điều 1 Luật Phòng, chống nhiễm vi rút gây ra hội chứng suy giảm miễn dịch "
            "mắc phải ở người (HIV/AIDS) sửa đổi 2020) có quy định như sau:")
    assert laws(refs(line, doc_type="Hỏi đáp")) == [
        ("Luật Phòng, chống nhiễm vi rút gây hội chứng suy giảm miễn dịch mắc phải ở người (HIV/AIDS)", "Luật", 2006,
         "64/2006/QH11"),
        ("Luật Phòng, chống nhiễm vi rút gây ra hội chứng suy giảm miễn dịch mắc phải ở người (HIV/AIDS) sửa đổi 2020",
         "Luật", 2020, "71/2020/QH14")]


def test_law_amended_in_a_year_is_the_amending_law():  # AMENDED_IN_YEAR
    # corpora/crawl/qa-thoi-hieu-thi-hanh-an-dan-su.txt
    line = ("Căn cứ Điều 31 Luật Thi hành án dân sự 2008, được sửa đổi bởi khoản 13 Điều 1 Luật Thi hành án dân sự "
            "sửa đổi 2014:")
    found = refs(line, doc_type="Hỏi đáp")
    assert laws(found) == [("Luật Thi hành án dân sự", "Luật", 2008, "26/2008/QH12"),
                           ("Luật Thi hành án dân sự sửa đổi 2014", "Luật", 2014, "64/2014/QH13")]
    assert found[1].text == "Luật Thi hành án dân sự sửa đổi 2014"
    # corpora/crawl/qa-72343c6c.txt
    line = ("Theo khoản 27 Điều 1 Luật Sở hữu trí tuệ sửa đổi 2009 quy định về các hành vi xâm phạm quyền sở hữu "
            "trí tuệ như sau:")
    assert laws(refs(line, doc_type="Hỏi đáp")) == [("Luật Sở hữu trí tuệ sửa đổi 2009", "Luật", 2009, "36/2009/QH12")]


def test_amended_form_needs_a_year():  # AMENDED_IN_YEAR: "sửa đổi" without a year is the sentence going on
    # corpora/crawl/qa-quyen-nghia-vu-nguoi-nhiem-hiv.txt ("(được sửa đổi bởi ..." after the year)
    assert names.AMENDED_IN_YEAR.match(" sửa đổi 2020) có", 0)
    assert names.AMENDED_IN_YEAR.match(" sửa đổi, bổ sung năm 2014:", 0)
    assert not names.AMENDED_IN_YEAR.match(" sửa đổi bởi khoản 2", 0)
    assert not names.AMENDED_IN_YEAR.match(" sửa đổi 2020/QH14", 0)


def test_code_named_in_lower_case_and_with_a_capital_head():
    # corpora/crawl/qa-72343c6c.txt
    line = "- Các biện pháp khẩn cấp tạm thời khác được áp dụng theo quy định của Bộ luật tố tụng dân sự."
    assert laws(refs(line, doc_type="Hỏi đáp", issued_date="2020-05-01")) == [
        ("Bộ luật tố tụng dân sự", "Bộ luật", None, "92/2015/QH13")]
    # corpora/raw/qd-986-ubnd-tuyen-quang-2024.txt ("Bộ Luật": LAW_HEADS)
    line = ("8. Ngày nghỉ lễ, tết trong năm: Thực hiện theo quy định của Bộ Luật Lao động và các văn bản hướng dẫn "
            "hằng năm.")
    assert laws(refs(line, doc_type="Quyết định", issued_date="2024-03-01")) == [
        ("Bộ Luật Lao động", "Bộ luật", None, "45/2019/QH14")]


def test_constitution_is_named_with_its_state_and_year():  # CONSTITUTION_STATE
    # corpora/crawl/qa-36ff3835.txt
    line = "(1) Không trái với Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam."
    (r,) = refs(line, doc_type="Hỏi đáp", issued_date="2020-01-01")
    assert (r.name, r.type, r.target) == ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "Hiến pháp",
                                          "Hiến pháp năm 2013")
    # corpora/raw/nq-494-ubtvqh13-2012.txt
    line = ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992 đã được sửa đổi, bổ sung một số điều "
            "theo Nghị quyết số 51/2001/QH10;")
    r = next(x for x in refs(line, doc_type="Nghị quyết", issued_date="2012-03-12") if x.type == "Hiến pháp")
    assert (r.name, r.year, r.target) == ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992", 1992,
                                          "Hiến pháp năm 1992")


def test_law_of_a_foreign_state_is_no_reference():  # FOREIGN_STATE_OWNER
    # corpora/crawl/wiki-8d14f8ac.txt
    line = ("[sửa | sửa mã nguồn]Theo Luật Công ty của Cộng hòa Nhân dân Trung Hoa, các công ty bao gồm công ty "
            "trách nhiệm hữu hạn và công ty cổ phần hữu hạn")
    assert refs(line, doc_type="Bách khoa") == []
    # Việt Nam's own laws stay: "Luật Doanh nghiệp của Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert not names.FOREIGN_STATE_OWNER.match(" của Cộng hòa xã hội chủ nghĩa Việt Nam", 0)


def test_short_known_name_needs_its_diacritics():  # MIN_WORDS_WITHOUT_DIACRITICS
    # corpora/crawl/cv-3799-chq-gsql-2025.txt: "LUẬT được" folds like "Luật Dược"
    line = ("Quý Thành viên xác nhận giúp THƯ VIỆN PHÁP LUẬT được tiếp tục lưu trữ, sử dụng những thông tin mà Quý "
            "Thành viên đã, đang và sẽ cung cấp khi tiếp tục sử dụng dịch vụ.")
    assert refs(line, doc_type="Công văn") == []
    # corpora/raw/qd-2439-btc-2022-ocr.txt: a longer name keeps matching without a tone (OCR)
    line = ("1 Tiép tuc hoàn thiện Luật Quan lý thuế và các văn 2022-2025 Tổng cục Thuế Các Vụ/đơn vị liên quan "
            "trong và")
    (r,) = refs(line, doc_type="Quyết định", issued_date="2022-03-01")
    assert (r.name, r.target) == ("Luật Quan lý thuế", "38/2019/QH14")


def test_amending_law_named_otherwise_resolves_from_the_catalogue():
    # corpora/crawl/tin-tt-40-2025-byt.txt: the year is the amended Luật Dược's, the target the amending law
    line = ("và quản lý chất lượng thuốc được quy định tại Luật sửa đổi, bổ sung một số điều của Luật Dược 2016 và "
            "các Thông tư mới của Bộ Y tế.")
    assert laws(refs(line, doc_type="Tin bài", issued_date="2025-10-01")) == [
        ("Luật sửa đổi, bổ sung một số điều của Luật Dược", "Luật", None, "44/2024/QH15")]
    # corpora/raw/qd-662-btc-2022-ocr.txt: OCR damage in the amending law's own words
    line = ("Căn cứ Luật sửa đổi, bổ sung một sé điều của Luật Tô chức Chính phú và Luật Tổ chức chính quyền địa "
            "phương ngày 22 tháng 11 năm 2019;")
    (r,) = refs(line, doc_type="Quyết định", issued_date="2022-04-01")
    assert (r.target, r.date, r.relation) == ("47/2019/QH14", "2019-11-22", "based_on")


def test_catalogue_amendments_and_aliases():
    assert [l["symbol"] for l in vocab.amendments_of("Luật Sở hữu trí tuệ")] == [
        "36/2009/QH12", "42/2019/QH14", "07/2022/QH15"]
    # a law inside a longer name is not named ("Luật Đầu tư" inside "Luật Đầu tư theo phương thức ...")
    assert vocab.laws_named_in("Luật sửa đổi, bổ sung một số điều của Luật Đầu tư theo phương thức đối tác công tư") \
        == {vocab.strip_marks("Luật Đầu tư theo phương thức đối tác công tư")}
    assert [l["symbol"] for l in vocab.law_versions("Luật Phòng, chống HIV/AIDS")] == ["64/2006/QH11"]
    assert vocab.canonical_law_name("Luật Quốc tịch") == "Luật Quốc tịch Việt Nam"


def test_luat_nay_inside_an_amending_law_is_the_amended_law():
    # corpora/crawl/qa-72343c6c.txt: "khoản 27 Điều 1 Luật Sở hữu trí tuệ sửa đổi 2009 ... như sau: ...
    # Điều 213 của Luật này": the rewritten provision speaks of the Luật Sở hữu trí tuệ itself
    assert vocab.amended_law_key("36/2009/QH12") == "50/2005/QH11"
    assert vocab.amended_law_key("57/2024/QH15") is None  # amends four laws: no one of them
    assert vocab.amended_law_key("50/2005/QH11") is None  # amends nothing


def test_law_named_and_also_cited_by_number_takes_the_number():
    # corpora/crawl/tin-tt-40-2025-byt.txt (lines 33 and 41): the amending law by name, then by number
    text = ("và quản lý chất lượng thuốc được quy định tại Luật sửa đổi, bổ sung một số điều của Luật Dược 2016 và "
            "các Thông tư mới của Bộ Y tế.\n"
            "sửa các quy định về đấu thầu vị thuốc cổ truyền, dược liệu để phù hợp với quy định tại Luật Dược số "
            "44/2024/QH15 và nội dung liên quan đến hợp đồng")
    named, numbered = refs(text, doc_type="Tin bài", issued_date="2025-10-01")
    assert (numbered.symbol, numbered.target) == ("44/2024/QH15", "44/2024/QH15")
    assert (named.name, named.symbol, named.year, named.target) == (
        "Luật sửa đổi, bổ sung một số điều của Luật Dược", "44/2024/QH15", 2024, "44/2024/QH15")


def test_long_amending_law_name_is_one_reference_not_the_laws_it_names():  # MAX_AMENDING_LAW_NAME_WORDS
    # corpora/raw/qd-2820-ubnd-tphcm-2025.txt: the amending law of eight laws, named by all of them
    line = ("Căn cứ Luật Đầu tư công số 58/2024/QH15 ngày 29 tháng 11 năm 2024, được sửa đổi, bổ sung tại Luật Sửa "
            "đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư theo phương thức đối tác công tư, Luật Hải quan, "
            "Luật Thuế giá trị gia tăng, Luật Thuế xuất khẩu, thuế nhập khẩu, Luật Đầu tư, Luật Đầu tư công, Luật Quản "
            "lý, sử dụng tài sản công;")
    found = refs(line, doc_type="Quyết định", province="Hồ Chí Minh", issued_date="2025-11-01")
    assert [(r.target, r.relation) for r in found] == [("58/2024/QH15", "based_on"), ("90/2025/QH15", "based_on")]
    assert found[1].text.startswith("Luật Sửa đổi") and found[1].text.endswith("sử dụng tài sản công")


def test_law_named_by_an_abbreviation_resolves():  # issuers.json abbreviations
    # corpora/crawl/qa-53424be5.txt
    line = ("1. Các địa phương, đơn vị tiếp tục quán triệt, tổ chức thực hiện nghiêm Luật NVQS năm 2015; Thông tư "
            "số 148/2018/TT-BQP ngày 04 tháng 10 năm 2018 của Bộ trưởng Bộ Quốc phòng")
    found = refs(line, doc_type="Hỏi đáp", issued_date="2024-11-15")
    assert laws(found) == [("Luật NVQS", "Luật", 2015, "78/2015/QH13")]
    # corpora/crawl/cv-5664-ct-cs-2025.txt
    (r,) = refs("Điều 5 Luật Thuế GTGT số 48/2024/QH15 quy định đối tượng không chịu thuế;", doc_type="Công văn")
    assert (r.name, r.symbol, r.target) == ("Luật Thuế GTGT", "48/2024/QH15", "48/2024/QH15")


def test_law_with_a_year_no_version_was_passed_in_is_the_version_of_that_year():
    # corpora/raw/tt-98-2013-btc.txt: the ordinance of 2005 as it stood in 2012 (amended that year)
    line = ("Ghi chú: Chỉ bao gồm đối tượng đủ Điều kiện hỗ trợ, UBND cấp tỉnh đã tổng hợp, báo cáo Đoàn Giám sát "
            "của Ủy ban Thường vụ Quốc hội về việc thực hiện Pháp lệnh ưu đãi người có công với cách mạng năm 2012.")
    # without the citing date (the line alone): the version passed last before that year, not the newest
    (r,) = refs(line, doc_type="Thông tư")
    assert (r.type, r.year, r.issuer, r.target) == ("Pháp lệnh", 2012, "Ủy ban Thường vụ Quốc hội",
                                                    "26/2005/PL-UBTVQH11")
    assert vocab.law_in_force("Pháp lệnh Ưu đãi người có công với cách mạng", None)["symbol"] == "02/2020/UBTVQH14"


def test_a_period_after_a_law_name_is_no_year():  # LAW_YEAR_AFTER
    # corpora/raw/qd-2439-btc-2022-ocr.txt (OCR "Thuê" for "Thuế"): a row of a work plan, 2023-2025 its period
    line = "L2 Trình Quốc hội ban hành Luật Thuê giá trị gia tăng 2023-2025 Bộ Tài Chính"
    r = next(x for x in refs(line, doc_type="Quyết định", issued_date="2022-04-01") if x.type == "Luật")
    assert (r.text, r.year, r.target) == ("Luật Thuê giá trị gia tăng", None, "13/2008/QH12")
    assert names.LAW_YEAR_AFTER.match(" năm 2019;", 0) and not names.LAW_YEAR_AFTER.match(" 2021 - 2025", 0)


def test_a_draft_bill_is_no_reference():  # DRAFT_BILL
    # corpora/raw/nq-388-cp-2025.txt (lines 18 and 40) and corpora/raw/tb-393-btc-2019-ocr.txt (line 98)
    for line in ("CỦA QUỐC HỘI VỀ DỰ ÁN LUẬT BẢO HIỂM TIỀN GỬI (SỬA ĐỔI)",
                 "viên Chính phủ (kèm theo), hoàn thiện hồ sơ trình, dự thảo Luật Bảo hiểm tiền gửi",
                 "Kế hoạch công tác năm 2019 của Bộ Tài chính. Trong đó, dự án Luật quản lý thuế"):
        assert [r for r in refs(line, doc_type="Nghị quyết") if r.type in ("Luật", "Bộ luật")] == [], line
    # the law itself, cited, stays: corpora/raw/tb-330-vpcp-2022-ocr.txt
    (r,) = refs("thương mại điện tử theo quy định của Luật quản lý thuế và quy định pháp luật", doc_type="Thông báo",
                issued_date="2022-11-01")
    assert r.target == "38/2019/QH14"


def test_the_country_alone_is_no_law_name():  # COUNTRY_ONLY
    # corpora/crawl/tb-39305-chq-2025.txt: the web site's footer
    assert refs("và kết nối cộng đồng Dân Luật Việt Nam,", doc_type="Thông báo") == []


def test_an_act_in_the_passive_is_not_the_citing_documents():  # PASSIVE_BEFORE, AGENT_AFTER
    # corpora/crawl/qa-quyen-nghia-vu-nguoi-nhiem-hiv.txt: the page amends nothing, the 2020 law amended the 2006 one
    line = ("Theo Điều 4 Luật Phòng, chống nhiễm vi rút gây hội chứng suy giảm miễn dịch mắc phải ở người (HIV/AIDS) "
            "2006 (được sửa đổi bởi khoản 2 Điều 1 Luật Phòng, chống nhiễm vi rút gây ra hội chứng suy giảm miễn dịch "
            "mắc phải ở người (HIV/AIDS) sửa đổi 2020) có quy định như sau:")
    assert [r.relation for r in refs(line, doc_type="Hỏi đáp")] == ["implements", "implements"]
    from docextract.references import relations
    # corpora/crawl/qd-2637-ubnd-vinh-long-2025.txt ("..., được sửa đổi, bổ sung bởi Nghị định số 07/2025/NĐ-CP;")
    assert relations.relation_from_cues("chứng thực hợp đồng, giao dịch, được sửa đổi, bổ sung bởi ") == "mentions"
    # the active act stays an amendment: the line above it in the same file
    assert relations.relation_from_cues("của Chính phủ sửa đổi, bổ sung một số điều của ") == "amends"


def test_a_portal_article_under_its_headline_is_press_and_instructs_nobody():
    # crawl/tin-74a2b339.txt: a headline that asks nothing, then the portal's "Nội dung chính"
    from docextract import extract
    rec = extract(ROOT / "corpora/crawl/tin-74a2b339.txt")
    assert rec.document.type == "Tin bài"
    assert rec.document.title.startswith("Thủ tướng yêu cầu khẩn trương miễn học phí")
    assert rec.tasks == [] and not rec.document.instructs


def test_a_law_name_with_commas_from_the_catalogue():  # crawl/qa-de651a50.txt
    from docextract import extract
    rec = extract(ROOT / "corpora/crawl/qa-de651a50.txt")
    names = {r.name for r in rec.references if r.name}
    assert "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ" in names
