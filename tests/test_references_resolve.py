"""Resolution: partial and name-only mentions, laws in force, titles, the document itself, relations.

Every text is a real line (or lines) of the corpora; the file is named above it.
"""
from __future__ import annotations

from conftest import make_record
from docextract.references import extract_references, vocab
from docextract.references.resolve import learn_abbreviations, name_matches_title


record = make_record


def test_partial_mention_completed_from_an_earlier_full_one():
    # corpora/raw/nq-380-cp-2025.txt: the alias "Nghị quyết 347" defined after the full citation
    text = ("Nghị quyết số 347/NQ-CP ngày 25 tháng 12 năm 2024 của Chính phủ về các nhiệm vụ, giải pháp hỗ trợ "
            "tích cực thúc đẩy tăng trưởng kinh tế, kiểm soát tốt lạm phát (sau đây gọi tắt là Nghị quyết 347)\n"
            "Việc giảm lãi suất cho vay áp dụng đối với các địa phương đã được hỗ trợ tại Nghị quyết 347.")
    found = extract_references(record(text, doc_type="Nghị quyết", number="380/NQ-CP"))
    partials = [r for r in found if r.text == "Nghị quyết 347"]
    assert len(partials) == 2
    assert {(r.symbol, r.target, r.date) for r in partials} == {("347/NQ-CP", "347/NQ-CP", "2024-12-25")}


def test_partial_mention_completed_from_type_and_issuer():
    # corpora/seeds/tin-ha-tinh-cchc-2014.txt
    text = "đề nghị các ban, ngành tiếp tục thực hiện nghiêm túc Quyết định 13/2014 của UBND tỉnh Quy định trách nhiệm"
    (r,) = [x for x in extract_references(record(text, doc_type="Tin bài", province="Hà Tĩnh")) if x.symbol]
    assert r.target == "13/2014/QĐ-UBND@tỉnh Hà Tĩnh"


def test_partial_decree_gets_its_default_issuer():
    # corpora/raw/qd-2439-btc-2022-ocr.txt ("Nghị định 87" written without its symbol, here with its year)
    text = "Căn cứ Nghị định 87/2017 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tài chính;"
    (r,) = extract_references(record(text, doc_type="Quyết định"))
    assert (r.symbol, r.relation) == ("87/2017/NĐ-CP", "based_on")


def test_law_name_resolves_to_the_version_in_force():
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt: a 2021 plan -> the 2015 budget law, the 2019 public investment law
    text = "theo quy định của Luật Ngân sách Nhà nước, Luật Đầu tư công; từ nguồn xã hội hóa"
    found = extract_references(record(text, doc_type="Kế hoạch", province="Lạng Sơn", issued_date="2021-12-29"))
    assert [r.target for r in found] == ["83/2015/QH13", "39/2019/QH14"]
    # the same words in a 2011 directive -> the versions in force in 2011
    found = extract_references(record(text, doc_type="Chỉ thị", province="Lào Cai", issued_date="2011-12-26"))
    assert [r.target for r in found] == ["01/2002/QH11", "49/2014/QH13"]  # no Luật Đầu tư công before 2014: the first one


def test_law_version_chosen_by_the_date_the_mention_gives():
    # corpora/raw/nd-30-2020-cp.txt
    text = "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;"
    (r,) = extract_references(record(text, doc_type="Nghị định", number="30/2020/NĐ-CP", issued_date="2020-03-05"))
    assert (r.target, r.relation, r.date) == ("76/2015/QH13", "based_on", "2015-06-19")
    # corpora/raw/qd-2954-ubnd-son-la-2025.txt (a 2025 citation of the 2025 law)
    text = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
    (r,) = extract_references(record(text, doc_type="Quyết định", province="Sơn La", issued_date="2025-11-20"))
    assert r.target == "72/2025/QH15"


def test_law_name_with_abbreviation_and_year():
    # corpora/raw/kh-0204-ubnd-ca-mau-2025.txt
    text = "Căn cứ dự toán thu ngân sách theo quy định của Luật NSNN năm 2025 và các văn bản hướng dẫn."
    found = [r for r in extract_references(record(text, doc_type="Kế hoạch", province="Cà Mau")) if r.name]
    assert [(r.name, r.target, r.year) for r in found] == [("Luật NSNN", "89/2025/QH15", 2025)]


def test_name_that_is_the_title_of_a_cited_decision_resolves_to_it():
    # corpora/seeds/kh-quang-ngai-par-index-2018.txt: body mention, and the footnote citing the decision
    text = ("Để cải thiện Chỉ số CCHC năm 2018 của tỉnh, Thủ trưởng các sở, ban, ngành ngoài việc triển khai thực hiện "
            "các nhiệm vụ được giao trong Kế hoạch cải cách hành chính tỉnh Quảng Ngãi năm 2018, cần tập trung chỉ đạo\n"
            " Quyết định số 2548/QĐUBND ngày 29/12/2017 của Chủ tịch UBND tỉnh ban hành Kế hoạch cải cách hành chính "
            "tỉnh Quảng Ngãi năm 2018.")
    found = extract_references(record(text, doc_type="Kế hoạch", province="Quảng Ngãi"))
    named = next(r for r in found if r.name)
    assert (named.name, named.symbol, named.target, named.relation) == (
        "Kế hoạch cải cách hành chính tỉnh Quảng Ngãi năm 2018", "2548/QĐ-UBND", "2548/QĐ-UBND@tỉnh Quảng Ngãi",
        "implements")


def test_name_owned_by_another_body_is_not_that_title():
    # corpora/seeds/ct-hai-duong-cchc-2018.txt: the province's plan 2016-2020 is not TTg's plan 2016-2020
    text = ("Thực hiện Kế hoạch cải cách hành chính giai đoạn 2016-2020 của tỉnh, trong những năm qua công tác cải "
            "cách hành chính đã đạt được nhiều kết quả\n"
            "b) Tiếp tục triển khai thực hiện Quyết định số 225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng Chính "
            "phủ phê duyệt Kế hoạch cải cách hành chính nhà nước giai đoạn 2016-2020.")
    found = extract_references(record(text, doc_type="Chỉ thị", province="Hải Dương"))
    assert found[0].name == "Kế hoạch cải cách hành chính giai đoạn 2016-2020" and found[0].symbol is None


def test_documents_to_be_drafted_are_not_references():
    # corpora/seeds/kh-quang-ngai-par-index-2018.txt
    text = ("- Tham mưu UBND tỉnh ban hành và tổ chức triển khai thực hiện kế hoạch kiểm soát TTHC; Kế hoạch rà soát, "
            "đơn giản hóa TTHC năm 2018 trên địa bàn tỉnh theo hướng đơn giản hóa thành phần hồ sơ\n"
            "- Xây dựng, phê duyệt Đề án vị trí việc làm và cơ cấu ngạch viên chức theo chức danh nghề nghiệp trong "
            "các đơn vị sự nghiệp trực thuộc theo thẩm quyền. Bố trí công chức, viên chức đúng cơ cấu ngạch công chức "
            "và cơ cấu chức danh nghề nghiệp theo Đề án vị trí việc làm đã được duyệt.\n"
            "- Triển khai hoàn thành nhiệm vụ được giao trong Kế hoạch ứng dụng công nghệ thông tin của tỉnh; thực hiện")
    found = [r for r in extract_references(record(text, doc_type="Kế hoạch", province="Quảng Ngãi")) if r.relation != "self"]
    assert [r.name for r in found] == ["Kế hoạch ứng dụng công nghệ thông tin"]
    assert found[0].issuer == "Ủy ban nhân dân tỉnh Quảng Ngãi"


def test_the_document_itself():
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt
    text = ("Số: 249/KH-UBND | Lạng Sơn, ngày 29 tháng 12 năm 2021 |\n"
            "3.1. Là cơ quan thường trực của Ban Chỉ đạo CCHC tỉnh, giúp UBND tỉnh hướng dẫn, đôn đốc, theo dõi, kiểm "
            "tra các cơ quan, đơn vị thực hiện Kế hoạch CCHC giai đoạn 2021 - 2025 và Kế hoạch CCHC hằng năm của "
            "tỉnh đảm bảo chất lượng.\n"
            "Yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thành phố tổ chức triển khai thực hiện "
            "Kế hoạch này.")
    found = extract_references(record(text, doc_type="Kế hoạch", number="249/KH-UBND", province="Lạng Sơn",
                                      title="Cải cách hành chính nhà nước tỉnh Lạng Sơn giai đoạn 2021-2025",
                                      zones={0: "header"}))
    assert {r.relation for r in found} == {"self"}
    assert {r.target for r in found} == {"249/KH-UBND@tỉnh Lạng Sơn"}
    assert [r.text for r in found] == ["249/KH-UBND", "Kế hoạch CCHC giai đoạn 2021 - 2025", "Kế hoạch này"]


def test_relations_from_the_citing_words():
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt
    text = ("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành "
            "chính Nhà nước giai đoạn 2021-2030; Nghị quyết số 60-NQ/TU ngày 15/12/2021 của Ban Thường vụ Tỉnh ủy về "
            "đẩy mạnh cải cách hành chính Nhà nước trên địa bàn tỉnh Lạng Sơn giai đoạn 2021-2030.")
    found = extract_references(record(text, doc_type="Kế hoạch", province="Lạng Sơn"))
    assert [(r.symbol, r.relation) for r in found] == [("76/NQ-CP", "based_on"), ("60-NQ/TU", "based_on")]
    # corpora/raw/kh-0204-ubnd-ca-mau-2025.txt
    text = ("Kế hoạch này thay thế Kế hoạch số 076/KH-UBND ngày 30/8/2025 của Ủy ban nhân dân tỉnh Cà Mau.")
    (r,) = [x for x in extract_references(record(text, doc_type="Kế hoạch", province="Cà Mau")) if x.relation != "self"]
    assert (r.relation, r.target) == ("replaces", "076/KH-UBND@tỉnh Cà Mau")
    # corpora/seeds/ct-hai-duong-cchc-2018.txt: an order to draft a replacement is no replacing
    text = ("b) Tham mưu trình Ủy ban nhân dân tỉnh ban hành Bộ chỉ số Cải cách hành chính cấp sở, cấp huyện để thay "
            "thế Quyết định số 2969/QĐ-UBND ngày 29 tháng 9 năm 2017 về việc ban hành Bộ chỉ số đánh giá cải cách")
    (r,) = extract_references(record(text, doc_type="Chỉ thị", province="Hải Dương"))
    assert r.relation == "mentions"


def test_guides_amends_repeals():
    # corpora/raw/tt-98-2013-btc.txt (Điều 1. Phạm vi điều chỉnh)
    text = ("Thông tư này hướng dẫn việc quản lý, cấp phát, thanh toán và quyết toán nguồn vốn hỗ trợ người có công "
            "với cách mạng về nhà ở theo Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ.")
    (r,) = [x for x in extract_references(record(text, doc_type="Thông tư", number="98/2013/TT-BTC")) if x.relation != "self"]
    assert (r.symbol, r.relation) == ("22/2013/QĐ-TTg", "guides")
    # corpora/raw/nd-55-2023-cp.txt
    text = ("Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 75/2021/NĐ-CP ngày 24 tháng 7 năm 2021 của Chính "
            "phủ quy định mức hưởng trợ cấp, phụ cấp và các chế độ ưu đãi người có công với cách mạng")
    (r,) = extract_references(record(text, doc_type="Nghị định", number="55/2023/NĐ-CP"))
    assert (r.symbol, r.relation) == ("75/2021/NĐ-CP", "amends")
    # corpora/raw/tt-56-2025-bct.txt
    text = "2. Bãi bỏ Thông tư số 15/2024/TT-BCT quy định một số"
    (r,) = extract_references(record(text, doc_type="Thông tư", number="56/2025/TT-BCT"))
    assert (r.symbol, r.relation) == ("15/2024/TT-BCT", "repeals")
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt (an amendment named in another decree's title: mentions)
    text = ("Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ về việc sửa đổi một số điều của Nghị định số "
            "61/2018/NĐ-CP; nâng cấp")
    found = extract_references(record(text, doc_type="Kế hoạch", province="Lạng Sơn"))
    assert [r.relation for r in found] == ["mentions", "mentions"]


def test_abbreviations_defined_by_the_document():
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt
    found = learn_abbreviations("Ủy ban nhân dân tỉnh xây dựng Kế hoạch cải cách hành chính (CCHC) Nhà nước tỉnh")
    assert found == {"CCHC": "cải cách hành chính"}


def test_name_matches_title_needs_most_of_both():
    # corpora/seeds/ct-02-2011-ubnd-lao-cai.txt
    title = ('về việc phê duyệt đề án "Đẩy mạnh cải cách hành chính, nâng cao hiệu lực, hiệu quả hoạt động của hệ '
             'thống chính trị trên địa bàn tỉnh Lào Cai"')
    assert name_matches_title('Đề án "Đẩy mạnh cải cách hành chính nâng cao hiệu lực, hiệu quả của hệ thống chính '
                              'trị trên địa bàn tỉnh Lào Cai"', title, {})
    assert not name_matches_title("Chương trình cải cách hành chính",
                                  "về Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2011 - 2020", {})


def test_law_in_force_rule():
    assert vocab.law_in_force("Luật Ngân sách nhà nước", "2016-12-31")["symbol"] == "01/2002/QH11"
    assert vocab.law_in_force("Luật Ngân sách nhà nước", "2017-01-01")["symbol"] == "83/2015/QH13"
    assert vocab.law_in_force("Luật Ngân sách nhà nước", None)["symbol"] == "89/2025/QH15"
    assert vocab.law_in_force("Luật Tổ chức Chính phủ", None, passed="2015-06-19")["symbol"] == "76/2015/QH13"
