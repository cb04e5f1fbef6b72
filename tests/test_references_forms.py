"""One test per citation form of issue 3, each on a real line of the corpora (file named above it)."""
from __future__ import annotations

from conftest import make_record
from docextract.references import extract_references


record = make_record


def refs(text: str, **kw):
    rec = record(text, **kw)
    out = extract_references(rec)
    for r in out:  # the contract: every span points at the mention in the normalised text
        assert rec.text[r.span[0]:r.span[1]] == r.text
    return [r for r in out if r.relation != "self"]


def by_symbol(found, symbol):
    return next(r for r in found if r.symbol == symbol)


def test_full_citation_with_date_issuer_and_title():
    # corpora/seeds/kh-quang-ngai-par-index-2018.txt
    line = ("- Tham mưu Chủ tịch UBND tỉnh bổ sung thêm sở, ban, ngành vào tiếp nhận hồ sơ, trả kết quả giải quyết "
            "TTHC tại Trung tâm hành chính công tỉnh; tham mưu triển khai và theo dõi việc thực hiện Nghị định số "
            "61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông trong giải "
            "quyết thủ tục hành chính; tham mưu ban hành Quy định về quy trình giải quyết TTHC")
    (r,) = [x for x in refs(line, doc_type="Kế hoạch", province="Quảng Ngãi") if x.symbol]
    assert r.text == "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ"
    assert (r.type, r.symbol, r.year, r.date, r.issuer) == ("Nghị định", "61/2018/NĐ-CP", 2018, "2018-04-23", "Chính phủ")
    assert r.title == "về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"
    assert r.target == "61/2018/NĐ-CP" and r.relation == "implements"


def test_date_written_in_words():
    # corpora/seeds/ct-hai-duong-cchc-2018.txt
    line = ("c) Triển khai thực hiện nghiêm túc Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về "
            "thực hiện cơ chế một cửa, cơ chế một cửa liên thông trong giải quyết thủ tục hành chính gắn với việc "
            "thực hiện có hiệu quả cung cấp dịch vụ công trực tuyến mức độ 3, mức độ 4")
    r = by_symbol(refs(line, doc_type="Chỉ thị", province="Hải Dương"), "61/2018/NĐ-CP")
    assert r.date == "2018-04-23" and r.text.endswith("ngày 23 tháng 4 năm 2018 của Chính phủ")


def test_symbols_without_year():
    # corpora/seeds/ct-hai-duong-cchc-2018.txt
    line = ("b) Tiếp tục triển khai thực hiện Quyết định số 225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng Chính "
            "phủ phê duyệt Kế hoạch cải cách hành chính nhà nước giai đoạn 2016-2020 và Kế hoạch Cải cách hành chính "
            "năm 2018 của Ủy ban nhân dân tỉnh, trong đó chú trọng tăng cường kiểm tra")
    found = refs(line, doc_type="Chỉ thị", province="Hải Dương")
    r = by_symbol(found, "225/QĐ-TTg")
    assert (r.type, r.year, r.target) == ("Quyết định", 2016, "225/QĐ-TTg")  # year from the date
    assert r.title == "phê duyệt Kế hoạch cải cách hành chính nhà nước giai đoạn 2016-2020"
    # the plan named inside the title is the title, the next one is a plan of its own
    assert [x.name for x in found if x.name] == ["Kế hoạch Cải cách hành chính năm 2018"]


def test_local_symbol_without_year_is_qualified():
    # corpora/seeds/kh-quang-ngai-par-index-2018.txt
    line = ("- Tổ chức triển khai theo dõi thi hành pháp luật trên địa bàn tỉnh, nhất là tập trung vào những lĩnh "
            "vực trọng tâm theo Kế hoạch số 18/KH-UBND ngày 31/01/2018 về theo dõi thi hành pháp luật")
    r = by_symbol(refs(line, doc_type="Kế hoạch", province="Quảng Ngãi"), "18/KH-UBND")
    assert r.target == "18/KH-UBND@tỉnh Quảng Ngãi" and r.type == "Kế hoạch" and r.year == 2018


def test_cong_van_symbol_issuer_first():
    # corpora/raw/original/nd-30-2020-cp-phu-luc-1.doc (model examples of Phụ lục I)
    line = "Số, ký hiệu của văn bản | In thường | 13 | Đứng | Số: 15/QĐ-BNV; Số: 05/BNV-VP; Số: 12/UBND-VX | 13"
    found = refs(line, doc_type="Nghị định")
    assert [r.symbol for r in found] == ["15/QĐ-BNV", "05/BNV-VP", "12/UBND-VX"]
    assert by_symbol(found, "05/BNV-VP").type == "Công văn"


def test_party_symbols():
    # corpora/seeds/kh-quang-ngai-par-index-2018.txt
    line = ("- Thực hiện nghiêm túc Quyết định số 306-QĐ/TU ngày 25/5/2016 của Ban Thường vụ Tỉnh ủy trong việc triển "
            "khai thực hiện cải cách hành chính, nhất là cải cách thủ tục hành chính.")
    r = by_symbol(refs(line, doc_type="Kế hoạch", province="Quảng Ngãi"), "306-QĐ/TU")
    assert r.type == "Quyết định" and r.target == "306-QĐ/TU@tỉnh Quảng Ngãi"
    assert r.issuer == "Ban Thường vụ Tỉnh ủy Quảng Ngãi"
    # corpora/seeds/ct-hai-duong-cchc-2018.txt
    line = ("d) Tập trung triển khai thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 và Nghị quyết 19-NQ/TW ngày "
            "25/10/2017 Hội nghị lần thứ 6 Ban Chấp hành Trung ương Đảng khóa XII.")
    found = refs(line, doc_type="Chỉ thị", province="Hải Dương")
    assert [(r.symbol, r.target, r.year) for r in found] == [("18-NQ/TW", "18-NQ/TW", 2017), ("19-NQ/TW", "19-NQ/TW", 2017)]
    assert found[0].issuer == found[1].issuer == "Hội nghị lần thứ 6 Ban Chấp hành Trung ương Đảng khóa XII"


def test_party_plan_of_provincial_committee():
    # corpora/seeds/kh-quang-ngai-par-index-2018.txt
    line = ("theo quy định của Bộ, ngành Trung ương và Kế hoạch số 125-KH/TU ngày 05/4/2018 của Tỉnh ủy thực hiện "
            "Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII "
            "một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn.")
    found = refs(line, doc_type="Kế hoạch", province="Quảng Ngãi")
    assert by_symbol(found, "125-KH/TU").target == "125-KH/TU@tỉnh Quảng Ngãi"
    assert by_symbol(found, "18-NQ/TW").relation == "mentions"  # cited inside the title of 125-KH/TU


def test_consolidated_text_cites_the_laws_it_consolidates():
    # corpora/raw/original/vbhn-23-2020-vpqh-luat-ban-hanh-vbqppl.pdf
    text = ("Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22 tháng 6 năm 2015 của Quốc hội, có hiệu "
            "lực kể từ ngày 01 tháng 7 năm 2016, được sửa đổi, bổ sung bởi:\n"
            "Luật số 63/2020/QH14 ngày 18 tháng 6 năm 2020 của Quốc hội sửa đổi, bổ sung một số điều của Luật Ban "
            "hành văn bản quy phạm pháp luật, có hiệu lực kể từ ngày 01 tháng 01 năm 2021.")
    found = refs(text, doc_type="Văn bản hợp nhất")
    first = by_symbol(found, "80/2015/QH13")
    assert first.name == "Luật Ban hành văn bản quy phạm pháp luật" and first.type == "Luật"
    assert first.text.startswith("Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13")
    second = by_symbol(found, "63/2020/QH14")
    assert second.type == "Luật" and second.date == "2020-06-18"


def test_consolidated_text_symbol():
    # the VBHN symbol shape of ../shared/reference/vn-doc-conventions.md §0 ("54/VBHN-VPQH")
    from docextract.references import symbols

    sym = symbols.parse("54/VBHN-VPQH")
    assert (sym.text, sym.doc_type, sym.scope) == ("54/VBHN-VPQH", "Văn bản hợp nhất", "central")


def test_law_by_number():
    # corpora/raw/kh-0134-ubnd-dak-lak-2025.txt
    line = ("1.1. Thực hiện theo quy định tại điểm c khoản 2 Điều 10 Luật Ngân sách nhà nước số 83/2015/QH13.")
    (r,) = refs(line, doc_type="Kế hoạch", province="Đắk Lắk")
    assert (r.symbol, r.type, r.name, r.target) == ("83/2015/QH13", "Luật", "Luật Ngân sách nhà nước", "83/2015/QH13")


def test_laws_by_name_only():
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt
    line = ("1. Kinh phí thực hiện Kế hoạch từ nguồn ngân sách Nhà nước theo phân cấp ngân sách Nhà nước hiện hành, "
            "được cơ quan có thẩm quyền bố trí giao trong dự toán hằng năm cho các sở, ban, ngành, địa phương, đơn vị "
            "theo quy định của Luật Ngân sách Nhà nước, Luật Đầu tư công; từ nguồn xã hội hóa")
    found = refs(line, doc_type="Kế hoạch", province="Lạng Sơn", issued_date="2021-12-29")
    assert [(r.name, r.symbol, r.target) for r in found] == [
        ("Luật Ngân sách Nhà nước", None, "83/2015/QH13"), ("Luật Đầu tư công", None, "39/2019/QH14")]


def test_partial_mention_number_and_year():
    # corpora/seeds/tin-ha-tinh-cchc-2014.txt
    line = ("Thời gian tới, đề nghị cả hệ thống chính trị, các ban, ngành, đoàn thể tiếp tục vào cuộc và thực hiện "
            "nghiêm túc Quyết định 13/2014 của UBND tỉnh Quy định trách nhiệm người đứng đầu cơ quan hành chính và "
            "các đơn vị sự nghiệp nhà nước trên địa bàn tỉnh về thực hiện cải cách hành chính; nâng cao trách nhiệm")
    (r,) = [x for x in refs(line, doc_type="Tin bài", province="Hà Tĩnh") if x.symbol]
    assert r.text == "Quyết định 13/2014 của UBND tỉnh"
    assert (r.symbol, r.year, r.target) == ("13/2014/QĐ-UBND", 2014, "13/2014/QĐ-UBND@tỉnh Hà Tĩnh")
    assert r.issuer == "Ủy ban nhân dân tỉnh Hà Tĩnh"
    assert r.title.startswith("Quy định trách nhiệm người đứng đầu")


def test_partial_mention_number_only_stays_a_name():
    # corpora/seeds/tin-ha-tinh-cchc-2014.txt
    line = "Tiếp tục hoàn thiện, tổ chức thực hiện mạnh mẽ và toàn diện Đề án 3713; chỉ đạo xây dựng đề án vị trí việc làm"
    (r,) = refs(line, doc_type="Tin bài", province="Hà Tĩnh")
    assert (r.symbol, r.name, r.type) == (None, "Đề án 3713", "Đề án")


def test_list_sharing_one_head():
    # corpora/raw/nq-84-cp-2020.txt
    line = ("đặc biệt là các dân tộc thiểu số rất ít người theo các Quyết định số 2085/QĐ-TTg ngày 31 tháng 12 năm "
            "2016 và số 2086/QĐ-TTg ngày 31 tháng 12 năm 2016 của Thủ tướng Chính phủ.")
    found = refs(line, doc_type="Nghị quyết")
    assert [(r.symbol, r.type, r.issuer) for r in found] == [
        ("2085/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ"), ("2086/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ")]
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt: the second decree of a pair, nested in the first's title
    line = ("3.4. Tiếp tục triển khai thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC theo Nghị "
            "định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ và Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của "
            "Chính phủ về việc sửa đổi một số điều của Nghị định số 61/2018/NĐ-CP; nâng cấp")
    found = refs(line, doc_type="Kế hoạch", province="Lạng Sơn")
    assert [r.symbol for r in found] == ["61/2018/NĐ-CP", "107/2021/NĐ-CP", "61/2018/NĐ-CP"]
    assert [r.relation for r in found] == ["implements", "implements", "mentions"]


def test_reference_in_a_footnote():
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt (footnote [1])
    text = ("- Hoàn thành việc đổi mới thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính.\n"
            "[1] Theo Quyết định 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ phê duyệt Đề án đổi mới việc thực "
            "hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính")
    (r,) = refs(text, doc_type="Kế hoạch", province="Lạng Sơn", zones={1: "footnote"})
    assert (r.symbol, r.date, r.relation) == ("468/QĐ-TTg", "2021-03-27", "implements")


def test_ocr_lost_hyphen():
    # corpora/seeds/kh-quang-ngai-par-index-2018.txt (footnote 1)
    line = " Quyết định số 2548/QĐUBND ngày 29/12/2017 của Chủ tịch UBND tỉnh ban hành Kế hoạch cải cách hành chính tỉnh Quảng Ngãi năm 2018."
    (r,) = refs(line, doc_type="Kế hoạch", province="Quảng Ngãi")
    assert (r.symbol, r.target) == ("2548/QĐ-UBND", "2548/QĐ-UBND@tỉnh Quảng Ngãi")
    assert r.text.startswith("Quyết định số 2548/QĐUBND")


def test_ocr_space_after_hyphen_or_slash():
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt
    line = ("1.1. Phổ biến, quán triệt và triển khai thực hiện tốt Nghị quyết số 76/NQ- CP ngày 15/7/2021 của Chính "
            "phủ, ban hành Chương trình tổng thể CCHC Nhà nước giai đoạn 2021-2030")
    assert refs(line, doc_type="Kế hoạch", province="Lạng Sơn")[0].symbol == "76/NQ-CP"
    # corpora/raw/qd-98-2025-ubnd-nghe-an.txt
    line = ("nghị định về xử lý kỷ luật cán bộ, công chức, viên chức; Nghị định số 144/2021/NĐ- CP ngày 31/12/2021 của "
            "Chính phủ")
    assert refs(line, doc_type="Quyết định", province="Nghệ An")[0].symbol == "144/2021/NĐ-CP"


def test_ocr_letters_split_by_spaces():
    # corpora/raw/qd-3210-ubnd-tphcm-2014.txt (header line)
    line = "| Số: 3210/QĐ - U B ND | T hành phố Hồ Chí M inh, ngày 28 tháng 6 năm 2014 |"
    found = extract_references(record(line, doc_type="Quyết định", province="Hồ Chí Minh"))
    assert [r.symbol for r in found] == ["3210/QĐ-UBND"]
    assert found[0].text == "3210/QĐ - U B ND"


def test_ocr_lost_diacritic_and_confused_letter():
    # corpora/raw/cv-1770-tct-ttkt-2020-ocr.txt
    line = "Quyết định số 42/QD-TCT ngày 10/1/2020 về việc phê duyệt kế hoạch thanh tra"
    assert refs(line, doc_type="Công văn")[0].symbol == "42/QĐ-TCT"
    # corpora/raw/qd-2439-btc-2022-ocr.txt
    line = "(Kèm theo Quyết định s6:2439/OD-BTC ngày22tháng 4Jnăm 2022 của Bộ Tài chính)"
    assert refs(line, doc_type="Quyết định")[0].symbol == "2439/QĐ-BTC"


def test_upper_case_title_line():
    # corpora/raw/kh-1026-ubnd-nghe-an-2025.txt (the plan's own title)
    line = ("TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 32/CT-TTG NGÀY 21/10/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ “VỀ TĂNG CƯỜNG CÔNG "
            "TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC TRONG TÌNH HÌNH MỚI” TRÊN ĐỊA BÀN TỈNH NGHỆ AN")
    (r,) = refs(line, doc_type="Kế hoạch", province="Nghệ An", zones={0: "header"})
    assert (r.symbol, r.type, r.relation) == ("32/CT-TTg", "Chỉ thị", "implements")


def test_party_resolution_by_name():
    # corpora/seeds/ct-hai-duong-cchc-2018.txt
    line = ("a) Tham mưu Ủy ban nhân dân tỉnh chỉ đạo triển khai, thực hiện có hiệu quả, đạt các mục tiêu và đúng "
            "thời gian quy định các kế hoạch, đề án về đổi mới, sắp xếp tổ chức bộ máy hành chính và đơn vị sự "
            "nghiệp công lập theo tinh thần Nghị quyết Trung ương 6 Ban Chấp hành Trung ương Đảng khóa XII.")
    (r,) = refs(line, doc_type="Chỉ thị", province="Hải Dương")
    assert (r.name, r.type, r.symbol) == ("Nghị quyết Trung ương 6 Ban Chấp hành Trung ương Đảng khóa XII", "Nghị quyết", None)


def test_named_plan_and_agreement():
    # corpora/seeds/ct-hai-duong-cchc-2018.txt
    line = ("Thực hiện Kế hoạch cải cách hành chính giai đoạn 2016-2020 của tỉnh, Quyết định số 13/2016/QĐ-UBND "
            "ngày 17 tháng 6 năm 2016 của Ủy ban nhân dân tỉnh Hải Dương ban hành Quy định trách nhiệm người đứng đầu")
    found = refs(line, doc_type="Chỉ thị", province="Hải Dương")
    assert found[0].name == "Kế hoạch cải cách hành chính giai đoạn 2016-2020"
    assert found[0].issuer == "Ủy ban nhân dân tỉnh Hải Dương"
    assert by_symbol(found, "13/2016/QĐ-UBND").target == "13/2016/QĐ-UBND@tỉnh Hải Dương"
    # corpora/seeds/ct-02-2011-ubnd-lao-cai.txt
    line = ("Tham mưu cho UBND tỉnh tổng kết giai đoạn I Chương trình Quản trị công và cải cách hành chính giai đoạn "
            "2007 - 2011 (GOPA I); kiện toàn Ban chỉ đạo, Ban điều phối Chương trình phù hợp với Hiệp định tài trợ "
            "Chương trình quản trị công và cải cách hành chính giai đoạn 2012 - 2015 (GOPA II). Tổ chức triển khai")
    (r,) = refs(line, doc_type="Chỉ thị", province="Lào Cai")
    assert r.name == "Hiệp định tài trợ Chương trình quản trị công và cải cách hành chính giai đoạn 2012 - 2015 (GOPA II)"


def test_chrome_paragraphs_are_skipped_and_footnotes_searched():
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt: related-document list (chrome), then the body
    text = ("- 2 Nghị định 107/2020/NĐ-CP sửa đổi Nghị định 24/2014/NĐ-CP quy định về tổ chức các cơ quan chuyên môn\n"
            "Kiện toàn và sắp xếp bộ máy các cơ quan chuyên môn thuộc UBND tỉnh theo Nghị định số 107/2020/NĐ-CP ngày "
            "14/9/2020 của Chính phủ;")
    found = refs(text, doc_type="Kế hoạch", province="Lạng Sơn", zones={0: "chrome"})
    assert [r.symbol for r in found] == ["107/2020/NĐ-CP"] and found[0].span[0] > 100
