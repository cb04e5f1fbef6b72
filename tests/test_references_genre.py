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


def test_a_zero_padded_count_is_no_portal_link():  # PORTAL_LINK_LINE
    # corpora/crawl/qd-798-ttg-2026.txt Điều 1/3: members counted "01 ..." are body lines, a portal's
    # related-document links are numbered "- 1 ..."
    text = ("3. Các thành viên:\n- Bộ trưởng Bộ Y tế;\n- 01 Phó Trưởng ban Ban Tổ chức Trung ương;\n"
            "- 01 Thứ trưởng Bộ Nội vụ;\n- 1 Luật ngân sách nhà nước 2015")
    assert [p.zone for p in split_paragraphs(text)] == ["body"] * 4 + ["chrome"]


def test_portal_trailer_inside_a_joined_paragraph():
    # corpora/crawl/qd-1498-ubnd-ninh-binh-2025.txt: the wrapped caption and trailer joined into one paragraph
    rec = record("qd-1498-ubnd-ninh-binh-2025.txt")
    cited = {r.symbol for r in rec.references}
    assert "13/2023/NĐ-CP" not in cited  # the portal's notice to its members
    assert "1349/QĐ-UBND" not in cited  # a related document the portal lists
    assert {"63/2010/NĐ-CP", "118/2025/NĐ-CP", "412/QĐ-UBND"} <= cited  # the body's citations stay


# ------------------------------------------------------------------ the document's own number

def test_own_number_without_a_place_is_the_document_itself():  # resolve._same_document
    # corpora/crawl/qd-1610-ttpvhcc-ha-noi-2025.txt: a body whose code is unknown, the key qualified by the city
    rec = record("qd-1610-ttpvhcc-ha-noi-2025.txt")
    own = [r for r in rec.references if r.symbol == "1610/QĐ-TTPVHCC"]
    assert len(own) >= 2 and {r.relation for r in own} == {"self"}  # "Số: ..." and "(Kèm theo Quyết định 1610/...)"
    # another province's document of the same number is not the document itself
    found = refs("Thực hiện Kế hoạch số 249/KH-UBND ngày 05/3/2021 của UBND tỉnh Lạng Sơn;", doc_type="Kế hoạch",
                 number="249/KH-UBND", province="Cần Thơ")
    assert [(r.symbol, r.target) for r in found] == [("249/KH-UBND", "249/KH-UBND@tỉnh Lạng Sơn")]


# ------------------------------------------------------------------ repaired symbols

def test_cyrillic_lookalikes_in_a_symbol():  # CYRILLIC_LOOKALIKES
    # corpora/crawl/qd-4422-bvhttdl-2025.txt: "СР" typed in Cyrillic
    found = refs("ngày 01 tháng 7 năm 2016 về quản lý và sử dụng con dấu, Nghị định số 137/2020/NĐ-\u0421\u0420 ngày 27 "
                 "tháng 11 năm 2020 quy định")
    assert [(r.symbol, r.date, r.text) for r in found] == [
        ("137/2020/NĐ-CP", "2020-11-27", "Nghị định số 137/2020/NĐ-\u0421\u0420 ngày 27 tháng 11 năm 2020")]


def test_party_document_printed_in_the_state_form():  # symbols._repair
    # corpora/crawl/kh-141-ubnd-bac-ninh-2025.txt
    found = refs("- Thường xuyên tuyên truyền, phổ biến, quán triệt Nghị quyết số 27/NQ- TW ngày 09/11/2022 của "
                 "Ban Chấp hành Trung ương đảng khóa XIII về tiếp tục xây dựng")
    assert [(r.symbol, r.target) for r in found] == [("27-NQ/TW", "27-NQ/TW")]


def test_law_year_outside_its_legislature_term():  # vocab.term_holds, law_of_term
    # corpora/raw/nq-77-2025-hdnd-ha-noi.txt: the 13th legislature sat 2011-2016; the catalogue's 97/.../QH13 is of 2015
    found = refs("Căn cứ Luật Phí và lệ phí số 97/2025/QH13;")
    assert [(r.symbol, r.year, r.target) for r in found] == [("97/2015/QH13", 2015, "97/2015/QH13")]
    # a year the term holds is kept as printed, even one the catalogue does not know
    assert [r.symbol for r in refs("Căn cứ Luật số 97/2016/QH13;")] == ["97/2016/QH13"]


# ------------------------------------------------------------------ names inside another document's title

def test_laws_named_in_an_amending_laws_title_are_that_title():  # AMENDING_TITLE, LAW_LIST_ITEM
    # corpora/crawl/qd-1486-ubnd-bac-ninh-2025.txt
    line = ("Luật số 90/2025/QH15 sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư theo phương thức đối tác "
            "công tư, Luật Hải quan, Luật Thuế giá trị gia tăng, Luật Thuế xuất khẩu, thuế nhập khẩu, Luật Đầu tư, "
            "Luật Đầu tư công, Luật Quản lý, sử dụng tài sản công;")
    found = refs(line)
    assert [r.symbol for r in found] == ["90/2025/QH15"] and [r.name for r in found if r.symbol is None] == []
    assert found[0].title.endswith("Luật Quản lý, sử dụng tài sản công")
    # a list of citations that amends nothing still ends a title at the next law
    found = refs("Căn cứ Luật số 47/2019/QH14 về tổ chức chính quyền, Luật Đầu tư công ngày 13 tháng 6 năm 2019;")
    assert [r.symbol or r.name for r in found] == ["47/2019/QH14", "Luật Đầu tư công"]


# ------------------------------------------------------------------ bills still to be drafted

def test_a_law_to_be_drafted_is_no_reference():  # names.DRAFT_BILL
    # corpora/raw/qd-2629-ttg-2025.txt
    assert refs("- Nghiên cứu, xây dựng Luật Chuyển đổi số và các Nghị định, văn bản hướng dẫn thi hành.") == []
    assert refs("- Xây dựng Luật An ninh dữ liệu.") == []
    # corpora/crawl/cv-5664-ct-cs-2025.txt
    assert refs("Bộ Tài chính đang xây dựng Luật Quản lý thuế (sửa đổi) và Nghị định, Thông tư hướng dẫn") == []
    # the law the plan implements is still cited; "Luật Xây dựng" is a name, not the verb
    found = refs("- Triển khai thi hành Luật Dữ liệu và Luật Xây dựng năm 2014.")
    assert [(r.name, r.year) for r in found] == [("Luật Dữ liệu", None), ("Luật Xây dựng", 2014)]


# ------------------------------------------------------------------ laws named otherwise than the catalogue

def test_law_named_with_abbreviations():  # names._known_law_abbreviated; issuers.json abbreviations (HTX)
    # corpora/crawl/qd-x-ubnd-binh-phuoc-2006.txt
    found = refs("Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003 ;", issued_date="2006-11-01")
    assert [(r.text, r.target) for r in found] == [("Luật Tổ chức HĐND và UBND ngày 26/11/2003", "11/2003/QH11")]
    found = refs("thực hiện các chính sách theo qui định của Luật HTX và Nghị Định số 88/2005/NĐ-CP ngày 11/7/2005",
                 issued_date="2006-11-01")
    assert [(r.text, r.target) for r in found][0] == ("Luật HTX", "18/2003/QH11")  # the law in force in 2006


def test_amending_law_runs_over_the_and_of_a_known_name():  # names._known_law_through, NEXT_LAW_IN_LIST
    # corpora/crawl/kh-7360-ubnd-lai-chau-2025.txt
    found = refs("đánh giá sơ bộ tính tương thích với Luật sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và quy chuẩn "
                 "kỹ thuật về Sở Khoa học và Công nghệ")
    assert [r.name for r in found] == ["Luật sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và quy chuẩn kỹ thuật"]


def test_law_on_geology_and_minerals():  # laws.json 54/2024/QH15
    # corpora/raw/tb-627-vpcp-2025.txt
    found = refs("nhằm tháo gỡ khó khăn trong triển khai Luật Địa chất và Khoáng sản; (3) Bộ Tài chính đã báo cáo",
                 issued_date="2025-11-20")
    assert [(r.name, r.target) for r in found] == [("Luật Địa chất và Khoáng sản", "54/2024/QH15")]


# ------------------------------------------------------------------ plans and schemes by title

def test_a_schemes_horizon_is_part_of_its_name():  # names.COMMA_STOP (a vision after the period)
    # corpora/raw/tb-330-vpcp-2022-ocr.txt (OCR repaired)
    found = refs("Các bộ, ngành phối hợp chặt chẽ với Bộ Công an thực hiện các nhiệm vụ triển khai Đề án phát triển ứng "
                 "dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn "
                 "2022-2025, tầm nhìn đến năm 2030 đã được Chính phủ phê duyệt.")
    assert [r.name for r in found] == [
        "Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia "
        "giai đoạn 2022-2025, tầm nhìn đến năm 2030"]
    # a name still ends at a comma after its period when the sentence goes on
    found = refs("Triển khai Kế hoạch cải cách hành chính giai đoạn 2021-2025, các sở, ngành báo cáo kết quả.")
    assert [r.name for r in found] == ["Kế hoạch cải cách hành chính giai đoạn 2021-2025"]


def test_a_national_target_programme_is_cited_by_its_name():  # resolve.NATIONAL_PROGRAMME
    # corpora/raw/qd-02-ttg-2022-ocr.txt
    found = refs("b) Tăng cường lồng ghép triển khai các hoạt động liên quan đến dinh dưỡng cho bà mẹ và trẻ em trong các "
                 "chương trình, đề án đang thực hiện như Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn "
                 "2021-2025.")
    assert [r.name for r in found] == ["Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025"]
    # another programme named in passing is not (only when it is the title of a cited document)
    assert refs("trong các chương trình đang thực hiện như Chương trình không còn nạn đói.") == []


def test_number_line_names_the_document_when_the_header_was_missed():  # extract.NUMBER_LINE
    # corpora/crawl/qd-3303-btp-2025.txt: a portal's summary above the header ("Ngày 19/11/2025, Bộ Tư pháp ban
    # hành Quyết định 3303/QĐ-BTP ...") hides it from the header parser; its "Số:" line still names the document
    rec = record("qd-3303-btp-2025.txt")
    own = [r for r in rec.references if r.symbol == "3303/QĐ-BTP"]
    assert len(own) >= 3 and {r.relation for r in own} == {"self"}
    assert {"39/2025/NĐ-CP", "1334/QĐ-BTP"} <= {r.symbol for r in rec.references if r.relation != "self"}


# ------------------------------------------------------------------ relations

def relations_of(found):
    return [(r.symbol or r.name, r.relation) for r in found]


def test_an_act_named_in_another_documents_name_is_not_the_citing_ones():  # relations.NAMED_ACT_BEFORE
    # corpora/raw/nq-84-cp-2020.txt: the bill amends Luật Xây dựng, the resolution does not
    found = refs("e) Cho phép áp dụng một số quy định tại dự án Luật sửa đổi, bổ sung một số điều của Luật Xây dựng có "
                 "hiệu lực kể từ ngày thông qua Luật:")
    assert [r.name for r in found] == ["Luật Xây dựng"] and found[0].relation != "amends"
    # the document's own title line still amends
    found = refs("NGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều của Nghị định số 75/2021/NĐ-CP ngày 24 tháng 7 năm 2021 của "
                 "Chính phủ", doc_type="Nghị định")
    assert relations_of(found) == [("75/2021/NĐ-CP", "amends")]


def test_an_act_in_a_closed_clause_is_not_the_next_mentions():  # relations.CLAUSE_BREAK
    # corpora/raw/qd-254-ubnd-son-la-2023.txt: the code was amended in 2017; the Party rule is only cited
    found = refs("trọng tâm là: Luật Bảo vệ BMNN năm 2018; Bộ Luật hình sự năm 2015 (sửa đổi, bổ sung một số điều năm "
                 "2017); Quy định số 69-QĐ/TW ngày 06/7/2022 của Ban Chấp hành Trung ương quy định về kỷ luật tổ chức "
                 "Đảng, Đảng viên vi phạm; Nghị định số 26/2020/NĐ-CP ngày 28/02/2020 của Chính phủ")
    assert ("69-QĐ/TW", "amends") not in relations_of(found) and ("26/2020/NĐ-CP", "amends") not in relations_of(found)
    assert "69-QĐ/TW" in [r.symbol for r in found]


def test_the_law_amending_37_laws_on_planning():  # laws.json 35/2018/QH14
    # corpora/raw/qd-4385-bvhttdl-2025.txt
    found = refs("Căn cứ Luật Quy hoạch ngày 24/11/2017; Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến "
                 "quy hoạch ngày 20/11/2018;", issued_date="2025-12-01")
    assert [(r.name, r.target) for r in found] == [
        ("Luật Quy hoạch", "21/2017/QH14"),
        ("Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch", "35/2018/QH14")]
