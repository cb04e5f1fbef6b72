"""Layouts of the genre that decide the task list (issue: task lists that hold on unseen documents):
per-task attribute lines, assignment sub-sections, pages that instruct nobody, letters that only
answer, central documents about one province, enumerators alone on their line, deadlines that
only give a start. Each test runs on lines of a corpus document (named in the test) or on the
generic form of the layout."""
from functools import lru_cache
from pathlib import Path

import pytest

from docextract import extract
from docextract.normalise import ENUMERATOR_ALONE, join_wrapped_lines
from docextract.structure.header import REPLY_FOR_INFORMATION
from docextract.tasks.attributes import attribute_line
from docextract.tasks.deadlines import find_deadlines
from docextract.tasks.extract import LEVEL_WITHOUT_PLACE

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 12/KH-UBND\nNghệ An, ngày 05 tháng 01 năm 2026\n"
          "KẾ HOẠCH\nTriển khai thực hiện công tác năm 2026\n")


@lru_cache(maxsize=None)
def record(name: str):
    for folder in ("raw", "crawl", "seeds"):
        if (ROOT / "corpora" / folder / name).exists():
            return extract(ROOT / "corpora" / folder / name)
    raise FileNotFoundError(name)


def who(task):
    return [(a.agency, a.role) for a in task.assignees]


# ------------------------------------------------------------------ attribute lines

@pytest.mark.parametrize("line, kind", [
    ("- Cơ quan chủ trì: Sở Nội vụ.", "lead"),
    ("Cơ quan phối hợp: Các sở, ngành; Ủy ban nhân dân các xã, phường.", "support"),
    ("- Cơ quan thực hiện: Sở Y tế chủ trì, phối hợp với các sở, ban, ngành", "actors"),  # kh-174
    ("Cơ quan chủ trì, phối hợp:", "actors"),  # (an item's words, its enumerator removed)
    ("Thời gian thực hiện: Quý II năm 2026 và các năm tiếp theo.", "deadline"),
    ("- Thời gian thực hiện (dự kiến): Quý II/2026", "deadline"),
    ("+ Sản phẩm: Báo cáo kết quả thực hiện.", "other"),
    ("Kinh phí: Từ nguồn ngân sách nhà nước.", "other"),
])
def test_attribute_line_kinds(line, kind):
    found = attribute_line(line, 0, len(line))
    assert found is not None and found.kind == kind
    assert line[found.value[0]:found.value[1]] == line.split(":", 1)[1].strip() or found.value[0] == len(line)


@pytest.mark.parametrize("line", [
    "Sở Nội vụ chủ trì, phối hợp với các sở, ngành tham mưu ...",
    "- Nội dung: Triển khai Tháng hành động",  # kh-174: the content of the task, not a field of it
    "Thời gian qua, công tác cải cách hành chính có chuyển biến",
    "Thời gian thực hiện các nhiệm vụ được rút ngắn",  # no colon: a sentence
])
def test_not_attribute_lines(line):
    assert attribute_line(line, 0, len(line)) is None


def test_attribute_lines_give_assignees_and_are_no_tasks():
    # kh-174-ubnd-tphcm-2025, III/1/a: "- Nội dung: ..." then "- Cơ quan thực hiện: Sở Nội vụ chủ trì, ..."
    rec = record("kh-174-ubnd-tphcm-2025.txt")
    assert not [t for t in rec.tasks if t.text.startswith("Cơ quan thực hiện")]
    task = next(t for t in rec.tasks if t.text.startswith("Nội dung: Triển khai Tháng hành động"))
    assert ("Sở Nội vụ", "lead") in who(task)
    assert any(role == "support" and agency.startswith("các sở, ban, ngành") for agency, role in who(task))
    # "- Cơ quan thực hiện:" with "+" lines below: both bodies named there lead the activity
    task = next(t for t in rec.tasks if t.text.startswith("Nội dung: Tuyên truyền, giáo dục"))
    assert ("Sở Văn hóa và Thể thao", "lead") in who(task) and ("Sở Xây dựng", "lead") in who(task)
    assert not [t for t in rec.tasks if t.text.startswith("Sở Xây dựng đăng tải")]


def test_assignment_subsections_assign_the_content_item():
    # the generic form of the issue: "1. Nội dung ...", "2. Cơ quan chủ trì, phối hợp: a) ... b) ...", "3. Thời gian thực hiện"
    text = HEADER + (
        "I. NHIỆM VỤ\n"
        "1. Nội dung, biện pháp:\n"
        "a) Rà soát, cập nhật danh mục thủ tục hành chính trên địa bàn tỉnh.\n"
        "b) Tổ chức tập huấn nghiệp vụ cho công chức cấp xã.\n"
        "2. Cơ quan chủ trì, phối hợp:\n"
        "a) Cơ quan chủ trì: Sở Tư pháp.\n"
        "b) Cơ quan phối hợp: Sở Nội vụ; Ủy ban nhân dân các xã, phường.\n"
        "3. Thời gian thực hiện: Quý I năm 2026.\n")
    rec = extract(text)
    assert [t.path for t in rec.tasks] == ["I/1/a", "I/1/b"]
    for task in rec.tasks:
        assert ("Sở Tư pháp", "lead") in who(task)
        assert ("Sở Nội vụ", "support") in who(task)
        assert task.deadline.kind == "by" and task.deadline.date == "2026-03-31"


def test_heading_with_attribute_lines_is_the_task():
    text = HEADER + (
        "II. NHIỆM VỤ CỤ THỂ\n"
        "1. Tổ chức hội nghị quán triệt Kế hoạch\n"
        "- Cơ quan chủ trì: Sở Nội vụ.\n"
        "- Thời gian thực hiện: Trong tháng 02 năm 2026.\n")
    rec = extract(text)
    assert [(t.path, t.text) for t in rec.tasks] == [("II/1", "Tổ chức hội nghị quán triệt Kế hoạch")]
    assert who(rec.tasks[0]) == [("Sở Nội vụ", "lead")]
    assert rec.tasks[0].deadline.date == "2026-02-28"


# ------------------------------------------------------------------ texts that instruct nobody

@pytest.mark.parametrize("name", ["qa-30a14443.txt", "qa-36ff3835.txt", "wiki-e74b8756.txt", "tin-f7c9cab6.txt"])
def test_pages_no_body_issued_have_no_tasks_or_sections(name):
    # a Q&A page quotes "Cơ quan, tổ chức ... phải ..." from a law; an encyclopedia page lists albums
    rec = record(name)
    assert rec.tasks == [] and rec.sections == [] and rec.targets == []
    assert rec.document.instructs is False


def test_question_page_type():
    assert record("qa-30a14443.txt").document.type == "Hỏi đáp"


def test_press_article_still_reports_instructions():
    rec = record("tin-ha-tinh-cchc-2014.txt")  # seed: "(Baohatinh.vn) - ..." with the chairman's requests
    assert rec.document.type == "Tin bài" and len(rec.tasks) == 2


@pytest.mark.parametrize("line", [
    "Cục Thuế có ý kiến để ông Thái Mạnh Cường được biết./.",  # cv-5664-ct-cs-2025
    "Cục Thuế trả lời để Ban Tuyên giáo và Dân vận Trung ương được biết./.",  # cv-5680-ct-cs-2025
])
def test_reply_for_information(line):
    assert REPLY_FOR_INFORMATION.search(line)


def test_instructing_closing_is_no_reply():
    # cv-4489-tct-ttkt-2022-ocr: the notice is to be carried out
    assert not REPLY_FOR_INFORMATION.search("Tổng cục Thuế thông báo để các Cục Thuế được biết và triển khai thực hiện./.")


def test_answer_letter_has_no_tasks():
    rec = record("cv-5664-ct-cs-2025.txt")
    assert rec.document.type == "Công văn" and rec.document.issuer == "Cục Thuế"
    assert rec.tasks == [] and rec.sections == []


def test_letter_that_assigns_keeps_its_task():
    rec = record("cv-11306-vpcp-nn-2025.txt")  # "Bộ Nông nghiệp và Môi trường chủ trì, phối hợp với Bộ Tư pháp ..."
    assert rec.document.instructs
    assert ("Bộ Nông nghiệp và Môi trường", "lead") in who(rec.tasks[0])


# ------------------------------------------------------------------ central documents, roles

def test_central_document_has_no_province_and_qualifies_local_bodies():
    rec = record("tb-634-vpcp-2025.txt")  # Văn phòng Chính phủ: conclusions of a visit to Thanh Hóa
    assert rec.document.province is None and rec.document.about_province == "Thanh Hóa"
    names = {a.agency for t in rec.tasks for a in t.assignees}
    assert "Ủy ban nhân dân tỉnh Thanh Hóa" in names and "Ủy ban nhân dân tỉnh" not in names


@pytest.mark.parametrize("name, qualified", [
    ("Ủy ban nhân dân tỉnh", True), ("Thường trực Tỉnh ủy", True), ("Thành phố", True),
    ("Ủy ban nhân dân các tỉnh", False), ("Ủy ban nhân dân cấp tỉnh", False), ("Sở Nội vụ", False),
])
def test_level_without_place(name, qualified):
    assert bool(LEVEL_WITHOUT_PLACE.match(name)) is qualified


def test_a_body_asked_once_is_asked_everywhere():
    # kh-982-ubnd-nghe-an-2025: "Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh, ..." in V; the lead-in of II lists it with the sở
    rec = record("kh-982-ubnd-nghe-an-2025.txt")
    roles = {a.role for t in rec.tasks for a in t.assignees if a.agency.startswith("Ủy ban Mặt trận Tổ quốc")}
    assert roles == {"requested"}


def test_local_document_keeps_its_province():
    assert record("kh-1026-ubnd-nghe-an-2025.txt").document.province == "Nghệ An"


def test_signer_is_never_a_chapter_line():
    assert record("luat-60-2024-qh15-du-lieu.txt").document.signer != "Chương V"


def test_cong_van_by_its_subject_line():
    doc = record("cv-5680-ct-cs-2025.txt").document  # "5680/CT-CS" is Cục Thuế's symbol, not a Chỉ thị
    assert (doc.type, doc.issuer) == ("Công văn", "Cục Thuế")


# ------------------------------------------------------------------ text repair, deadlines

def test_enumerator_alone_joins_its_heading():
    # kh-0129-ubnd-dak-lak-2025: "IV." then "PHÂN CÔNG NHIỆM VỤ", "1." then "Sở Công Thương:"
    assert ENUMERATOR_ALONE.match("IV.") and ENUMERATOR_ALONE.match("1.") and ENUMERATOR_ALONE.match("a)")
    assert not ENUMERATOR_ALONE.match("Điều 5.")
    assert join_wrapped_lines(["IV.", "PHÂN CÔNG NHIỆM VỤ", "", "1.", "Sở Công Thương:"]) == [
        "IV. PHÂN CÔNG NHIỆM VỤ", "1. Sở Công Thương:"]
    paths = [s.path for s in record("kh-0129-ubnd-dak-lak-2025.txt").all_sections()]
    assert "IV/1" in paths and "I" in paths


@pytest.mark.parametrize("text, expected", [
    ("Thời gian thực hiện: Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê.", ("ongoing", None)),  # qd-1627
    ("từ năm 2027", ("ongoing", None)),
    ("từ tháng 7/2025 đến tháng 12/2025", ("period", "2025-12-31")),
    ("từ ngày 01/7/2025 đến ngày 31/12/2025", ("period", "2025-12-31")),
])
def test_a_start_only_is_ongoing(text, expected):
    found = find_deadlines(text, 2025)
    assert (found[0].deadline.kind, found[0].deadline.date) == expected


def test_monthly_allowance_is_no_recurrence():
    # cv-2403-ttg-kgvx-2009: "điều chỉnh tăng thêm 15% mức trợ cấp hàng tháng"
    assert find_deadlines("điều chỉnh tăng thêm 15% mức trợ cấp hàng tháng", 2009) == []
    assert find_deadlines("báo cáo hằng tháng về Sở Nội vụ", 2025)[0].deadline.every == "month"


@pytest.mark.parametrize("line, kind", [
    ("A. DANH MỤC THỦ TỤC HÀNH CHÍNH", "part"),
    ("B. QUY TRÌNH NỘI BỘ THỦ TỤC HÀNH CHÍNH", "part"),
    ("C. TỔ CHỨC THỰC HIỆN", "part"),
    ("A. Nguyễn Văn An", None),   # an initial, not a part
    ("B. Kết quả thực hiện", None),  # a part heading is in capitals
    ("I. MỤC TIÊU", "roman"),
    ("V. TỔ CHỨC THỰC HIỆN", "roman"),  # V is a Roman numeral, never a part
])
def test_letter_part_enumerator(line, kind):
    from docextract.structure.sections import match_enumerator
    found = match_enumerator(line)
    assert (found[0] if found else None) == kind


def test_letter_parts_stand_above_roman_items_or_inside_an_open_one():
    # parts after the decision's articles start at the root (the annex of a Quyết định)
    roots = [s.path for s in record("qd-3005-ubnd-ha-tinh-2025.txt").sections]
    assert "A" in roots and "B" in roots and roots.index("A") > roots.index("Điều 1")
    # "II. NỘI DUNG ..." then "A. LĨNH VỰC ...": parts opened inside a Roman item stay inside it
    def paths(nodes):
        for node in nodes:
            yield node.path
            yield from paths(node.children)
    inside = set(paths(record("qd-2843-ubnd-tphcm-2025.txt").sections))
    assert {"II/A", "II/B"} <= inside and "A" not in inside


@pytest.mark.parametrize("line, expected", [
    # the years of a programme approved or taken as the basis are part of its name
    ("Căn cứ nội dung của Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030 theo Quyết định số "
     "1234/QĐ-TTg, các sở, ngành triển khai thực hiện", []),
    ("Phê duyệt Chiến lược Quốc gia về dinh dưỡng giai đoạn 2021-2030 và tầm nhìn đến năm 2045", []),
    # a task that carries the programme out is timed by it
    ("Hướng dẫn, kiểm tra các cơ quan, đơn vị xây dựng, thực hiện Chương trình cải cách hành chính giai đoạn "
     "2011 - 2015", [("period", "2015-12-31")]),
    ("Xây dựng kế hoạch thực hiện, hoàn thành trước năm 2016", [("by", "2015-12-31")]),
])
def test_years_in_the_name_of_an_approved_programme_are_no_deadline(line, expected):
    assert [(f.deadline.kind, f.deadline.date) for f in find_deadlines(line, 2011)] == expected


@pytest.mark.parametrize("name", ["tin-tt-40-2025-byt.txt", "tin-b0949ed2.txt"])
def test_news_item_on_a_new_text_is_a_press_page_that_instructs_nobody(name):
    # "Bộ Y tế ban hành Thông tư số 40/2025/TT-BYT ...", "Chính phủ vừa ban hành Nghị định 200/2025/NĐ-CP ..."
    rec = record(name)
    assert rec.document.type == "Tin bài" and not rec.document.instructs
    assert rec.tasks == [] and rec.sections == []


@pytest.mark.parametrize("line, news", [
    ("Ngày 07/8/2025, Bộ Quốc phòng ban hành Thông tư số 83/2025/TT-BQP sửa đổi, bổ sung", True),
    ("Chính phủ vừa ban hành Nghị định 200/2025/NĐ-CP ngày 9/7/2025 quy định chi tiết", True),
    ("Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:", False),  # a plan's own lead-in
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", False),
])
def test_news_lead(line, news):
    from docextract.structure.header import NEWS_LEAD
    assert bool(NEWS_LEAD.match(line)) == news


# ------------------------------------------------------------------ session 4 rules

def test_header_without_issuer_column_takes_the_central_body_of_its_symbol_and_its_vote_date():
    info = record("nq-1663-ubtvqh15-2025.txt").document  # the capture lost the issuer column
    assert info.issuer == "Ủy ban Thường vụ Quốc hội"
    assert info.issued_date == "2025-06-16"  # "... thông qua ngày 16 tháng 6 năm 2025."


def test_a_body_that_enacts_gives_no_tasks_to_its_dispositions():
    tasks = record("nq-1663-ubtvqh15-2025.txt").tasks
    assert not [t for t in tasks if t.text.startswith("Sắp xếp toàn bộ diện tích")]
    assert [t for t in tasks if t.text.startswith("Giao Chính phủ")]


def test_an_article_that_approves_a_programme_holds_its_tasks():
    # qd-2629: "Điều 1. Phê duyệt Chương trình ..." then "III. NHIỆM VỤ, GIẢI PHÁP / 1. ... / - Xây dựng ..."
    texts = [t.text for t in record("qd-2629-ttg-2025.txt").tasks]
    assert "Xây dựng Luật An ninh dữ liệu." in texts
    assert not [t for t in texts if t.startswith("Phê duyệt Chương trình")]


def test_an_approved_plan_whose_name_opens_with_a_quote():
    # crawl/qd-892-ttg-2026.txt: "Điều 1. Phê duyệt “Đề án bồi dưỡng ...” ... với những nội dung sau:"
    from docextract.tasks.assemble import APPROVES_PLAN
    assert APPROVES_PLAN.match("Phê duyệt “Đề án bồi dưỡng cán bộ, công chức, viên chức làm công tác đối ngoại")
    texts = [t.text for t in record("qd-892-ttg-2026.txt").tasks]
    assert any(t.startswith("Tuyên truyền, phổ biến rộng rãi tới các bộ, ngành, địa phương") for t in texts)


@pytest.mark.parametrize("text, expected", [
    ("Tựu trường các cấp học: Ngày 26/8/2024 (thứ Hai).", ("by", "2024-08-26", None)),  # qd-986
    ("Học kỳ I: Bắt đầu từ ngày 06/9/2024; kết thúc trước ngày 18/01/2025.", ("period", "2025-01-18", None)),
    ("Định kỳ trước ngày 31 tháng 12 hằng năm, Văn phòng Ban Chỉ đạo tổng hợp", ("recurring", None, "year")),  # qd-170
    ("gửi báo cáo trước ngày 20 hằng tháng về Sở Nội vụ", ("recurring", None, "month")),
    ("hoàn thành trước ngày 15/12/2025", ("by", "2025-12-15", None)),
    ("Quí IV-2025", ("by", "2025-12-31", None)),  # kh-617 table cell: older spelling, a dash
])
def test_dates_as_values_start_then_end_and_days_of_every_year(text, expected):
    found = find_deadlines(text, 2024)
    first = found[0].deadline
    assert (first.kind, first.date, first.every) == expected


def test_a_heading_that_names_lead_and_partners_gives_both_to_its_items():
    # cd-226: "1. Bộ Tài chính chủ trì, phối hợp với các bộ, địa phương liên quan:" then a) b) ...
    tasks = record("cd-226-ttg-2025.txt").tasks
    first = next(t for t in tasks if t.text.startswith("Rà soát các mặt hàng dự trữ quốc gia bảo đảm"))
    assert ("Bộ Tài chính", "lead") in who(first)
    assert any(role == "support" for _, role in who(first))


def test_a_lead_in_with_an_order_in_its_first_clause_is_a_task(monkeypatch):
    # qd-2853 V/1: "Giao Sở ... là cơ quan đầu mối, chủ trì, hướng dẫn thực hiện Đề án ...; tổ chức thực hiện các nhiệm vụ sau:"
    # (the rule proposes it; the instruction model, scored on dev, has the last word)
    monkeypatch.setenv("DOCEXTRACT_RULES_ONLY", "1")
    tasks = record("qd-2853-ubnd-tphcm-2025.txt").tasks
    assert [t for t in tasks if t.text.startswith("Giao Sở Nông nghiệp và Môi trường là cơ quan đầu mối")]
    # ct-hai-duong: "Thủ trưởng các sở, ban, ngành; Chủ tịch ...:" lists bodies and orders nothing
    seeds = record("ct-hai-duong-cchc-2018.txt").tasks
    assert not [t for t in seeds if t.text.startswith("Thủ trưởng các sở, ban, ngành; Chủ tịch")]


# ------------------------------------------------------------------ session 5 rules

def test_articles_of_standing_functions_hold_no_tasks_but_the_article_on_who_executes_does():
    # nd-25: "Điều 2. Nhiệm vụ và quyền hạn / Bộ Nội vụ thực hiện ... những nhiệm vụ, quyền hạn cụ thể sau:"
    tasks = record("nd-25-2025-cp.txt").tasks
    assert not [t for t in tasks if (t.path or "").startswith("Điều 2")]
    assert not [t for t in tasks if t.text.startswith("Bộ Nội vụ là cơ quan của Chính phủ")]  # Điều 1. Vị trí và chức năng
    assert [t for t in tasks if "chịu trách nhiệm thi hành Nghị định này" in t.text]


@pytest.mark.parametrize("heading, lists_functions", [
    ("Văn thư cơ quan có nhiệm vụ", True),  # nd-30 6/3
    ("Sở có nhiệm vụ, quyền hạn sau:", True),
    ("Bộ Nội vụ thực hiện nhiệm vụ, quyền hạn theo quy định tại Nghị định số 123/2016/NĐ-CP và những nhiệm vụ, quyền hạn cụ thể sau:", True),
    ("Sở Nội vụ có trách nhiệm:", False),  # introduces tasks
    ("Thực hiện các nhiệm vụ được giao tại Kế hoạch này", False),
])
def test_lead_in_of_standing_duties(heading, lists_functions):
    from docextract.tasks.assemble import FUNCTIONS_LEAD_IN
    assert bool(FUNCTIONS_LEAD_IN.search(heading)) is lists_functions


def test_recipients_list_without_its_label_before_the_signature_is_no_task():
    # nd-25: "- Thủ tướng, các Phó Thủ tướng Chính phủ; - Các bộ, ...; - Lưu: VT, TCCV (02b). |" then "KT. THỦ TƯỚNG"
    tasks = record("nd-25-2025-cp.txt").tasks
    assert not [t for t in tasks if "Phó Thủ tướng Chính phủ; - Các bộ" in t.text]


def test_task_table_with_group_titles_in_one_cell_reads_every_row_and_no_cell_is_a_task():
    # kh-617 annex: "STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
    # then "I. NÂNG CAO NHẬN THỨC ..." as one cell, rows "1", task, lead, support, time
    tasks = record("kh-617-ubnd-dong-thap-2025.txt").tasks
    row = next(t for t in tasks if t.text.startswith("Xây dựng Bộ tiêu chí đánh giá mức độ chuyển đổi số"))
    assert row.deadline is not None and row.deadline.date == "2025-12-31"  # "Quí IV-2025"
    assert ("Sở Khoa học và Công nghệ", "lead") in who(row)
    assert not [t for t in tasks if t.text in ("Thường xuyên, hằng năm", "UBND các xã, phường")]


def test_a_heading_that_only_states_roles_gives_its_partners_to_the_items_below():
    # qd-2954 V/1: "1. Sở Công Thương / a) Chủ trì, phối hợp với các sở, ban, ngành, UBND các xã,
    # phường và cơ quan, đơn vị có liên quan / - Tổ chức chương trình tập huấn ..."
    tasks = record("qd-2954-ubnd-son-la-2025.txt").tasks
    assert not [t for t in tasks if t.text.startswith("Chủ trì, phối hợp với các sở, ban, ngành, UBND")]
    item = next(t for t in tasks if t.text.startswith("Tổ chức chương trình tập huấn kiến thức"))
    roles = who(item)
    assert ("Sở Công Thương", "lead") in roles
    assert [name for name, role in roles if role == "support" and "xã, phường" in name]


# ------------------------------------------------------------------ session 7 rules

def test_a_funding_section_holds_the_items_that_charge_a_named_body():
    # kh-172 "III. KINH PHÍ THỰC HIỆN": 1. is a rule on money, 2. charges Sở Tài chính (a task)
    tasks = record("kh-172-ubnd-tphcm-2025.txt").tasks
    funding = [t for t in tasks if (t.path or "").startswith("III/")]
    assert [t.path for t in funding if t.text.startswith("Sở Tài chính chủ trì, phối hợp với các sở, ngành")] == ["III/2"]
    assert not [t for t in funding if t.text.startswith("Kinh phí bảo đảm thực hiện Kế hoạch")]
    # nq-26 "Điều 4. Nguồn lực thực hiện": 4/2 charges ministries, 4/1 names no body
    tasks = record("nq-26-2026-cp.txt").tasks
    assert [t for t in tasks if t.path == "Điều 4/2"]
    assert not [t for t in tasks if t.path == "Điều 4/1"]


def test_an_order_after_the_entry_into_force_sentence_is_a_task():
    # qd-333 "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các đơn vị thuộc Bộ ... chịu trách nhiệm thi hành"
    tasks = record("qd-333-btc-2026.txt").tasks
    executes = [t for t in tasks if t.path == "Điều 3"]
    assert [t.text[:30] for t in executes] == ["Thủ trưởng các đơn vị thuộc Bộ"]
    assert [a.agency for a in executes[0].assignees] == ["các đơn vị thuộc Bộ", "các cơ quan có liên quan"]


def test_a_lead_in_with_its_own_due_date_is_a_task():
    # cd-220 II/2/b "Các Bộ: Tài chính, Y tế, Tư pháp, Nội vụ khẩn trương khắc phục ..., hoàn thành trong
    # tháng 11 năm 2025, cụ thể:" orders and dates the work its items (1)-(4) detail
    tasks = record("cd-220-ttg-2025.txt").tasks
    lead_in = [t for t in tasks if t.path == "II/2/b"]
    assert lead_in and lead_in[0].deadline.date == "2025-11-30"
    assert [t.deadline.date for t in tasks if t.path == "II/2/b/2"] == ["2025-11-30"]
    # a lead-in with no date of its own only introduces its items (kh-617 "6. Đề nghị: ...")
    assert not [t for t in record("kh-617-ubnd-dong-thap-2025.txt").tasks if t.path == "IV/6"]


def test_an_assessment_that_closes_on_a_list_of_tasks():
    # tb-641 "I. ĐÁNH GIÁ CHUNG ... Để tiếp tục ..., thành phố Đà Nẵng cần tập trung thực hiện tốt một số
    # nhiệm vụ, giải pháp sau đây:" then "1." ... "8.": the items are the city's tasks
    tasks = record("tb-641-vpcp-2025.txt").tasks
    assessment = [t for t in tasks if (t.path or "").startswith("I/")]
    assert {t.path for t in assessment} >= {f"I/{n}" for n in range(2, 9)}
    assert all(("thành phố Đà Nẵng", "lead") in [(a.agency, a.role) for a in t.assignees]
               for t in assessment if t.path != "I/1")
    # a lead-in of results announces no tasks
    from docextract.tasks.assemble import TASK_LIST_LEAD_IN
    assert TASK_LIST_LEAD_IN.search("thành phố Đà Nẵng cần tập trung thực hiện tốt một số nhiệm vụ, giải pháp sau đây:")
    assert not TASK_LIST_LEAD_IN.search("Kết quả đạt được trong năm như sau:")
