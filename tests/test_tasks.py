"""Task assembly, roles, inheritance and tables (SPEC §4), on documents and sentences of the corpora."""
from functools import lru_cache
from pathlib import Path

import pytest

from docextract import extract
from docextract.tasks import assemble as asm
from docextract.tasks import roles as rl
from docextract.tasks import tables as tb
from docextract.tasks.assemble import heading_zone
from docextract.tasks.context import DocContext
from docextract.tasks.roles import parse_roles

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def record(name: str):
    folder = "seeds" if (ROOT / "corpora/seeds" / name).exists() else "raw"
    return extract(ROOT / "corpora" / folder / name)


def task_starting(rec, prefix):
    return next(t for t in rec.tasks if t.text.startswith(prefix))


def who(task):
    return [(a.agency, a.role) for a in task.assignees]


def roles_of(text):
    """Roles read from one sentence (a small document of that sentence alone)."""
    rec = extract(text.encode("utf-8"), name="sentence.txt")
    ctx = DocContext.build(rec)
    return [(r.mention.name, r.role) for r in parse_roles(ctx, 0, len(rec.text)).roles]


# ---------------------------------------------------------------- role cues

def test_chu_tri_phoi_hop_voi():  # seeds/ct-02-2011-ubnd-lao-cai.txt
    text = "Văn phòng UBND tỉnh chủ trì, phối hợp với Sở Nội vụ, Sở Tư pháp tham mưu cho UBND tỉnh triển khai công tác kiểm soát thủ tục hành chính."
    assert roles_of(text) == [("Văn phòng Ủy ban nhân dân tỉnh", "lead"), ("Sở Nội vụ", "support"), ("Sở Tư pháp", "support")]


def test_de_nghi_is_requested():  # seeds/ct-02-2011-ubnd-lao-cai.txt item 10
    text = ("Đề nghị Ủy ban Mặt trận Tổ quốc, cơ quan Đảng các cấp và các tổ chức đoàn thể phối hợp với các cơ quan, đơn vị "
            "liên quan thực hiện tốt Chương trình công tác cải cách hành chính của tỉnh giai đoạn 2011 - 2015.")
    assert roles_of(text) == [("Ủy ban Mặt trận Tổ quốc", "requested"), ("cơ quan Đảng các cấp", "requested"),
                              ("các tổ chức đoàn thể", "requested"), ("các cơ quan, đơn vị liên quan", "support")]


def test_de_nghi_with_a_colon_is_requested():  # crawl/kh-617-ubnd-dong-thap-2025.txt IV/6
    text = "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh, Liên minh Hợp tác xã Tỉnh"
    assert [role for _, role in roles_of(text)] == ["requested"] * 3


def test_adverbial_running_on_to_de_nghi():  # crawl/kh-308-ubnd-ha-noi-2025.txt, closing paragraph
    text = ("Ủy ban nhân dân thành phố Hà Nội\n\nKẾ HOẠCH\n\nTrong quá trình thực hiện Kế hoạch, nếu có khó khăn, vướng mắc"
            " đề nghị các Sở, ban, ngành, UBND xã, phường và các cơ quan, tổ chức có liên quan kịp thời phản ánh về Sở Khoa học"
            " và Công nghệ để tổng hợp, hướng dẫn giải quyết.")
    found = roles_of(text)
    assert ("các Sở, ban, ngành", "requested") in found and ("Sở Khoa học và Công nghệ", "lead") not in found


def test_de_nghi_to_the_issuers_own_bodies_orders_them():  # crawl/kh-617-ubnd-dong-thap-2025.txt, closing paragraph
    rec = extract(ROOT / "corpora/crawl/kh-617-ubnd-dong-thap-2025.txt")
    closing = task_starting(rec, "Trong quá trình thực hiện nếu có khó khăn, vướng mắc đề nghị")
    assert closing.path == "IV/7" and ("Sở Khoa học và Công nghệ", "lead") in who(closing)
    asked = task_starting(rec, "Tuyên truyền, vận động hội viên")  # "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, ..."
    assert who(asked) == [("Hiệp hội Doanh nghiệp tỉnh", "requested"), ("Hội Nông dân tỉnh", "requested"),
                          ("Liên minh Hợp tác xã Tỉnh", "requested")]


def test_honorific_between_the_cue_and_the_titles():  # raw/cd-220-ttg-2025.txt, closing paragraph
    text = ("Thủ tướng Chính phủ đề nghị các Đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Bí thư Tỉnh ủy, Thành ủy, "
            "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố dành thời gian quan tâm, lãnh đạo, chỉ đạo.")
    assert [name for name, _ in roles_of(text)][:2] == ["các bộ", "cơ quan ngang bộ"]


def test_commanded_bodies_by_issuer():
    from docextract.tasks.context import commanded_by

    def _commands(issuer):
        return commanded_by(issuer.casefold())

    bodies, outside = _commands("Ủy ban nhân dân tỉnh Đồng Tháp")
    assert "các sở" in bodies and "mặt trận" in outside
    assert "các bộ" in _commands("Thủ tướng Chính phủ")[0]
    assert _commands("Văn phòng Bộ Thủy sản") == ((), ())  # a ministry's office commands no locality


def test_giao_and_the_body_advised_is_not_an_assignee():  # seeds/ct-hai-duong-cchc-2018.txt, last paragraph
    text = ("Giao Sở Nội vụ theo dõi, hướng dẫn, đôn đốc cơ quan, đơn vị, địa phương trong tỉnh triển khai thực hiện Chỉ thị "
            "này và báo cáo, tham mưu, đề xuất với chủ tịch UBND tỉnh những biện pháp cần tập trung chỉ đạo.")
    assert roles_of(text) == [("Sở Nội vụ", "lead")]


def test_issuer_gives_the_order():  # seeds/tin-ha-tinh-cchc-2014.txt
    text = "Chủ tịch UBND tỉnh cũng yêu cầu các sở, ban ngành, các huyện, thị xã, thành phố kiểm tra hệ thống văn bản QPPL."
    assert roles_of(text) == [("các sở, ban ngành", "lead"), ("các huyện, thị xã, thành phố", "lead")]


def test_do_x_chu_tri():  # raw/qd-773-ttg-2018.txt style "do Bộ ... chủ trì" (DO_BEFORE, CHU_TRI_AFTER)
    assert rl.DO_BEFORE.search("các nhiệm vụ do ") and rl.CHU_TRI_AFTER.match(" chủ trì thực hiện")


def test_object_list_over_semicolon_is_not_a_subject():  # seeds/ct-02-2011-ubnd-lao-cai.txt 9/a (CHAIN)
    text = "Hướng dẫn, kiểm tra các cơ quan, đơn vị; các huyện, thành phố xây dựng, thực hiện Chương trình cải cách hành chính."
    assert roles_of(text) == []


# ---------------------------------------------------------------- tasks of whole documents

def test_hai_duong_headings_pass_their_assignee_down():  # seeds/ct-hai-duong-cchc-2018.txt
    rec = record("ct-hai-duong-cchc-2018.txt")
    assert len(rec.tasks) == 21
    t = task_starting(rec, "Tập trung rà soát các ý kiến chỉ đạo")  # 1/a under the heading 1 (lead-in heading)
    assert who(t) == [("các sở, ban, ngành", "lead"), ("Ủy ban nhân dân các huyện, thị xã, thành phố", "lead")]
    t = task_starting(rec, "Chủ trì phối hợp các sở, ban, ngành và UBND cấp huyện")  # 2/c: "2. Sở Nội vụ có trách nhiệm"
    assert who(t) == [("Sở Nội vụ", "lead"), ("các sở, ban, ngành", "support"), ("Ủy ban nhân dân cấp huyện", "support")]
    t = task_starting(rec, "Tham mưu trình Ủy ban nhân dân tỉnh ban hành Bộ chỉ số")
    assert (t.deadline.kind, t.deadline.date) == ("by", "2018-09-30")
    assert not any(t.text.startswith("Sở Nội vụ có trách nhiệm") and len(t.text) < 30 for t in rec.tasks)  # heading only


def test_lao_cai_lead_in_and_override():  # seeds/ct-02-2011-ubnd-lao-cai.txt
    rec = record("ct-02-2011-ubnd-lao-cai.txt")
    t = task_starting(rec, "Tăng cường công tác lãnh đạo, chỉ đạo")  # item 1: the lead-in's bodies
    assert who(t) == [("các sở, ban, ngành", "lead"), ("Ủy ban nhân dân các huyện, thành phố", "lead")]
    t = task_starting(rec, "Ủy ban nhân dân huyện, thành phố chỉ đạo")  # 5/c names its own subject
    assert who(t) == [("Ủy ban nhân dân huyện, thành phố", "lead")]
    t = task_starting(rec, "Các cơ quan, đơn vị đã triển khai")  # 5/a: a generic subject refers back
    assert who(t) == [("các sở, ban, ngành", "lead"), ("Ủy ban nhân dân các huyện, thành phố", "lead")]
    t = task_starting(rec, "Phối hợp với Trường Chính trị tỉnh")  # 9/b: the parent task's lead passes down
    assert who(t)[0] == ("Sở Nội vụ", "lead")
    t = task_starting(rec, "Văn phòng UBND tỉnh chủ trì")  # an unnumbered paragraph with a new subject is its own task
    assert who(t)[0] == ("Văn phòng Ủy ban nhân dân tỉnh", "lead")
    assert not any(t.text.startswith("Chỉ thị này có hiệu lực") for t in rec.tasks)


def test_quang_ngai_objectives_are_not_tasks_and_deadline_inherited():  # seeds/kh-quang-ngai-par-index-2018.txt
    rec = record("kh-quang-ngai-par-index-2018.txt")
    assert not any(t.path and t.path.startswith("I/") for t in rec.tasks)
    t = task_starting(rec, "Cập nhật TTHC và các văn bản quy định về TTHC")  # II/3/a/-3
    assert (t.deadline.kind, t.deadline.date) == ("by", "2018-12-31")  # from the lead-in of II
    assert who(t) == [("Văn phòng Ủy ban nhân dân tỉnh", "lead")]  # "a) Văn phòng UBND tỉnh:"
    lead_in = task_starting(rec, "Để cải thiện Chỉ số CCHC năm 2018")  # a lead-in that also orders
    assert who(lead_in)[0] == ("các sở, ban, ngành", "lead")
    t = task_starting(rec, "Sở Nội vụ tham mưu UBND tỉnh chỉ đạo triển khai thực hiện Kế hoạch số 126")  # overrides "a) Sở Tài chính:"
    assert who(t) == [("Sở Nội vụ", "lead")]
    assert len(rec.targets) == 20


def test_lang_son_lost_headings_objective_block():  # seeds/kh-249-ubnd-lang-son-2021.txt
    rec = record("kh-249-ubnd-lang-son-2021.txt")
    assert not any(t.text.startswith("100% văn bản quy phạm pháp luật của tỉnh") for t in rec.tasks)
    t = task_starting(rec, "Chủ trì theo dõi, hướng dẫn, đôn đốc các cơ quan")  # "8. Sở Kế hoạch và Đầu tư" + paragraph
    assert who(t) == [("Sở Kế hoạch và Đầu tư", "lead")]
    t = task_starting(rec, "Theo chức năng, nhiệm vụ, tích cực, chủ động phối hợp")  # "12. Đề nghị ..." heading
    assert who(t) == [("các cơ quan Trung ương trên địa bàn tỉnh", "requested"), ("các sở, ban, ngành", "support"),
                      ("các huyện, thành phố", "support")]
    t = task_starting(rec, "Phổ biến, quán triệt và triển khai thực hiện tốt Nghị quyết số 76")  # no body named above it
    assert t.assignees == [] and t.deadline is None


def test_press_article_caption_is_not_a_task():  # seeds/tin-ha-tinh-cchc-2014.txt
    rec = record("tin-ha-tinh-cchc-2014.txt")
    assert [t.text[:20] for t in rec.tasks] == ["Thời gian tới, đề ng", "Chủ tịch UBND tỉnh c"]
    assert rec.targets == []


def test_spans_point_into_the_text():  # every span satisfies text[start:end] == the mention
    for name in ("ct-hai-duong-cchc-2018.txt", "kh-quang-ngai-par-index-2018.txt"):
        rec = record(name)
        for t in rec.tasks:
            assert rec.text[t.span[0]:t.span[1]] == t.text
            for a in t.assignees:
                if a.span:
                    assert rec.text[a.span[0]:a.span[1]]
            if t.deadline is not None and t.deadline.span:
                assert rec.text[t.deadline.span[0]:t.deadline.span[1]] == t.deadline.text
        for g in rec.targets:
            assert rec.text[g.span[0]:g.span[1]] == g.text


# ---------------------------------------------------------------- tables

def test_flattened_task_table():  # raw/kh-310-ubnd-ha-noi-2025.txt: TT | Nội dung/nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
    rec = record("kh-310-ubnd-ha-noi-2025.txt")
    t = task_starting(rec, "Tổ chức điều chỉnh, bổ sung quy hoạch hạ tầng viễn thông")
    assert who(t) == [("Ban Quản lý các khu công nghệ cao và khu công nghiệp", "lead"), ("Sở Khoa học và Công nghệ", "support"),
                      ("Sở Công Thương", "support"), ("Ủy ban nhân dân các phường, xã", "support")]
    assert (t.deadline.kind, t.deadline.date) == ("by", "2026-09-30")
    t = task_starting(rec, "Thực hiện khảo sát, thu nhập số liệu")
    assert (t.deadline.kind, t.deadline.every) == ("recurring", "year")


def test_table_column_names():  # raw/kh-552-ubnd-dong-thap-2025.txt header cells
    assert [tb.column_role(c) for c in ["STT", "NHIỆM VỤ VÀ GIẢI PHÁP", "CHỦ TRÌ", "PHỐI HỢP", "THỜI GIAN"]] == [
        "number", "task", "lead", "support", "time"]
    assert tb.ROW_NUMBER.match("12") and tb.ROW_NUMBER.match("IV") and not tb.ROW_NUMBER.match("2026")


# ---------------------------------------------------------------- headings and regexes

def test_heading_zones():  # seeds/kh-quang-ngai..., seeds/kh-249-ubnd-lang-son-2021.txt, raw/kh-0204-ubnd-ca-mau-2025.txt
    assert heading_zone("MỤC TIÊU, CHỈ TIÊU") == "objective"
    assert heading_zone("Yêu cầu") == "objective"
    assert heading_zone("NHIỆM VỤ, GIẢI PHÁP VÀ PHÂN CÔNG TRÁCH NHIỆM THỰC HIỆN") == "task"
    assert heading_zone("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ KINH TẾ - XÃ HỘI VÀ DỰ TOÁN NGÂN SÁCH NHÀ NƯỚC NĂM 2025") == "background"
    assert heading_zone("Cải cách thủ tục hành chính") is None


def test_last_mark_tells_lead_ins_and_sentence_ends():  # LAST_NON_SPACE
    assert asm._last_mark("tập trung thực hiện các biện pháp, nhiệm vụ sau: \n") == ":"  # seeds/ct-02-2011-ubnd-lao-cai.txt
    assert asm._last_mark("qua dịch vụ bưu chính công ích.") in asm.SENTENCE_END_MARKS  # seeds/kh-quang-ngai-...
    assert asm._last_mark("Nơi nhận: ./.") in asm.SENTENCE_END_MARKS
    assert asm._last_mark("1. Cải cách thủ tục hành chính") == "h" and asm._last_mark("  ") == ""


@pytest.mark.parametrize("name,text", [
    ("FOOTNOTE_CITATION", " Quyết định số 2548/QĐUBND ngày 29/12/2017 của Chủ tịch UBND tỉnh"),  # seeds/kh-quang-ngai-...
    ("NUMERIC_CELL", "1.325"),  # raw/cd-220-ttg-2025.txt annex table
])
def test_assemble_regexes(name, text):
    assert getattr(asm, name).search(text)


def test_annex_kinds():  # raw/qd-2843-ubnd-tphcm-2025.txt, raw/qd-2853-ubnd-tphcm-2025.txt, raw/qd-2629-ttg-2025.txt
    assert asm.annex_kind("PHỤ LỤC PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ CỦA SỞ NỘI VỤ") == "data"
    assert asm.annex_kind("KẾ HOẠCH TRIỂN KHAI THỰC HIỆN ĐỀ ÁN") == "text"
    assert asm.annex_kind("PHỤ LỤC I DANH MỤC CÁC CHỈ TIÊU CỤ THỂ") == "objective"


def test_roles_regexes():  # seeds/ct-hai-duong-cchc-2018.txt
    assert rl.CLAUSE_END.search("định kỳ báo cáo theo quy định;")
    assert rl.CHAIN.match(", ") and rl.CHAIN.match(" và ")
    assert rl.ADVERBS.match(" cũng yêu cầu")
    assert rl.PAREN.match(" (cơ quan Thường trực cải cách hành chính tỉnh) chủ trì")
    assert rl.LEADING.match("- Tham mưu").end() == 2


def test_docx_task_table(tmp_path):  # a real .docx table built from the rows of raw/kh-310-ubnd-ha-noi-2025.txt
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Phát triển hạ tầng 5G, IoT trong các khu công nghệ cao, khu công nghiệp")
    table = document.add_table(rows=3, cols=5)
    table.style = "Table Grid"
    rows = [
        ["TT", "Nội dung/nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"],
        ["1", "Tổ chức điều chỉnh, bổ sung quy hoạch hạ tầng viễn thông trong các khu công nghệ cao và khu công nghiệp đến năm 2030",
         "Ban Quản lý các khu công nghệ cao và khu công nghiệp", "Sở Khoa học và Công nghệ, Sở Công Thương; UBND các phường, xã",
         "Quý III Năm 2026"],
        ["2", "Xây dựng kế hoạch đầu tư công, hợp tác công tư, dự toán kinh phí ngân sách nhà nước đảm bảo thực hiện các mục tiêu, nhiệm vụ của Kế hoạch này",
         "Ban Quản lý các khu công nghệ cao và khu công nghiệp", "Sở Tài chính", "Thường xuyên"],
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "kh-table.docx"
    document.save(path)
    rec = extract(path)
    t = task_starting(rec, "Tổ chức điều chỉnh, bổ sung quy hoạch hạ tầng viễn thông")
    assert who(t)[0] == ("Ban Quản lý các khu công nghệ cao và khu công nghiệp", "lead")
    assert ("Sở Tài chính", "support") in who(task_starting(rec, "Xây dựng kế hoạch đầu tư công"))
    assert (t.deadline.kind, t.deadline.date) == ("by", "2026-09-30")


def test_the_dates_in_a_conclusions_topic_are_not_its_deadline():  # raw/tb-634-vpcp-2025.txt III/5
    from docextract.tasks.extract import TOPIC_LEAD
    rec = extract(ROOT / "corpora/raw/tb-634-vpcp-2025.txt")
    task = task_starting(rec, "Về điều chuyển số vốn dư, không có khả năng giải ngân trong năm 2025")
    assert TOPIC_LEAD.match(task.text)
    assert task.deadline is None or task.deadline.date != "2025-12-31"


def test_an_ordinal_opens_a_clause_before_its_subject():  # raw/tb-627-vpcp-2025.txt II, "Thứ nhất, ..."
    text = ("Thứ tư, các địa phương cần chủ động, quyết liệt hơn nữa để tháo gỡ vướng mắc trong công tác giải "
            "phóng mặt bằng.")
    assert ("các địa phương", "lead") in roles_of(text)
