"""Deadline forms (SPEC §4), each on a real sentence of the corpora (file named in each test)."""
from docextract.tasks import deadlines as dl
from docextract.tasks.deadlines import cell_deadline, choose, find_deadlines


def kinds(text, year=None, **kw):
    return [(f.deadline.kind, f.deadline.date or f.deadline.every or f.deadline.within_days) for f in
            find_deadlines(text, year, **kw)]


# ---------------------------------------------------------------- by

def test_by_date_truoc_ngay():  # seeds/tin-ha-tinh-cchc-2014.txt (BY_DATE)
    text = "tiếp tục thực hiện Nghị định số 158/2007/NĐ-CP của Chính phủ về định kỳ chuyển đổi vị trí công tác và báo cáo về UBND tỉnh trước ngày 15/9/2014"
    assert kinds(text, 2014) == [("by", "2014-09-15")]


def test_by_date_chậm_nhất_full_date():  # raw/cd-224-ttg-2025.txt (BY_DATE, "ngày .. tháng .. năm")
    text = "gửi báo cáo về Bộ Xây dựng chậm nhất ngày 10 tháng 12 năm 2025"
    assert kinds(text, 2025) == [("by", "2025-12-10")]


def test_by_date_without_year_takes_the_documents_year():  # raw/kh-182-ubnd-dong-nai-2025.txt (BY_DATE)
    assert kinds("báo cáo kết quả trước ngày 20 tháng 6", 2025) == [("by", "2025-06-20")]
    # the same day "hằng năm" is a day of every year: a recurrence, not one due date (RECURRING_ON_DAY)
    assert kinds("Định kỳ 06 tháng (trước ngày 20 tháng 6 hằng năm)", 2025)[1][0] == "recurring"


def test_by_month_trong_thang_9_nam_2018():  # seeds/ct-hai-duong-cchc-2018.txt (BY_MONTH)
    text = "trên địa bàn tỉnh thời gian hoàn thành trong tháng 9 năm 2018, đồng thời xây dựng trình Ủy ban nhân dân tỉnh ban hành Bộ chỉ số Cải cách hành chính cấp xã trong năm 2018;"
    assert kinds(text, 2018) == [("by", "2018-09-30"), ("by", "2018-12-31")]


def test_by_month_slash_year():  # raw/kh-144-ubnd-bac-ninh-2025.txt (BY_MONTH)
    assert kinds("báo cáo kết quả Ủy ban nhân dân tỉnh (qua Công an tỉnh) trong tháng 11/2025.") == [("by", "2025-11-30")]


def test_by_month_without_year():  # raw/cv-4085-ubnd-dt-tphcm-2025.txt (BY_MONTH_NO_YEAR)
    assert kinds("đề xuất trình Ủy ban nhân dân Thành phố, hoàn thành trong tháng 12", 2025) == [("by", "2025-12-31")]


def test_a_full_date_is_not_a_month_deadline():  # seeds/ct-hai-duong-cchc-2018.txt (FULL_DATE_BEFORE)
    assert kinds("thay thế Quyết định số 2969/QĐ-UBND ngày 29 tháng 9 năm 2017 về việc ban hành Bộ chỉ số", 2018) == []


def test_by_quarter_roman():  # raw/tb-990-tct-2024-ocr.txt (BY_QUARTER)
    assert kinds("(thời hạn hoàn thành trong Quý IV/2024).") == [("by", "2024-12-31")]


def test_by_quarter_written_with_nam():  # raw/kh-310-ubnd-ha-noi-2025.txt, a table cell (BY_QUARTER)
    assert cell_deadline("Quý III Năm 2026", 2025).date == "2026-09-30"


def test_half_year():  # seeds/kh-quang-ngai-par-index-2018.txt (HALF_YEAR)
    assert kinds("Trong 6 tháng cuối năm 2018, tập trung vào các nhiệm vụ, giải pháp trọng tâm sau:") == [("by", "2018-12-31")]
    # seeds/tin-ha-tinh-cchc-2014.txt, the year left out
    assert kinds("Trong đó, về cải cách thể chế, 6 tháng đầu năm, UBND tỉnh ban hành 28 văn bản", 2014) == [("by", "2014-06-30")]


def test_by_year():  # seeds/ct-02-2011-ubnd-lao-cai.txt (BY_YEAR)
    text = "khẩn trương hoàn thành việc xây dựng kế hoạch trong năm 2011 và tổ chức thực hiện trong năm 2012"
    assert kinds(text, 2011) == [("by", "2011-12-31"), ("by", "2012-12-31")]


def test_year_opening_a_goal():  # seeds/kh-quang-ngai-par-index-2018.txt (YEAR_OPENER)
    assert kinds("Năm 2018, phấn đấu cải thiện Chỉ số CCHC của tỉnh được xếp hạng từ vị thứ 45 - 50/63 tỉnh") == [("by", "2018-12-31")]


def test_year_alone_in_a_time_column():  # raw/kh-552-ubnd-dong-thap-2025.txt (CELL_YEAR, CELL_YEARS)
    assert cell_deadline("2026", 2025).date == "2026-12-31"
    d = cell_deadline("2025-2030", 2025)
    assert (d.kind, d.start, d.date) == ("period", "2025-01-01", "2030-12-31")
    assert cell_deadline("Thường xuyên", 2025).kind == "ongoing"


# ---------------------------------------------------------------- recurring

def test_recurring_hang_nam():  # seeds/ct-hai-duong-cchc-2018.txt (RECURRING_EVERY)
    assert kinds("Hàng năm, tham mưu cho Ủy ban nhân dân tỉnh tổ chức kiểm tra việc thực hiện cải cách hành chính", 2018) == [("recurring", "year")]


def test_recurring_quarter_first_of_a_list():  # seeds/kh-249-ubnd-lang-son-2021.txt (RECURRING_EVERY)
    text = "Tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ) định kỳ hằng quý, 6 tháng, hằng năm hoặc đột xuất theo yêu cầu."
    assert kinds(text, 2021)[0] == ("recurring", "quarter")


def test_recurring_month():  # raw/kh-179-ubnd-dong-nai-2025.txt (RECURRING_EVERY)
    assert kinds("Chính phủ kết quả thực hiện trong báo cáo cải cách TTHC hằng tháng.") == [("recurring", "month")]


def test_recurring_six_months_per_time():  # seeds/kh-quang-ngai-par-index-2018.txt (RECURRING_MONTHS)
    assert kinds("Định kỳ 6 tháng/lần tổ chức đối thoại giữa lãnh đạo các ngành, các cấp với tổ chức, công dân") == [("recurring", "half_year")]


def test_recurring_without_interval_is_weak():  # seeds/ct-hai-duong-cchc-2018.txt (RECURRING_BARE)
    found = find_deadlines("kịp thời khắc phục những tồn tại hạn chế, định kỳ báo cáo theo quy định;", 2018)
    assert [(f.deadline.kind, f.deadline.every, f.weak) for f in found] == [("recurring", None, True)]


def test_a_day_of_every_year_after_a_report_recurs():  # raw/kh-552-ubnd-dong-thap-2025.txt (RECURRING_ON_DAY)
    # "báo cáo ... hằng năm" can be an annual report (a noun), but a stated day always recurs
    text = "tổng hợp, báo cáo Ủy ban nhân dân Tỉnh và Bộ Khoa học và Công nghệ trước ngày 30/11 hằng năm."
    assert kinds(text, 2025) == [("recurring", "year")]


def test_two_days_of_every_year_recur_every_half_year():  # crawl/kh-617-ubnd-dong-thap-2025.txt (RECURRING_ON_DAY)
    text = "định kỳ trước ngày 01/6 và 15/11 hằng năm (hoặc đột xuất khi có yêu cầu) báo cáo kết quả thực hiện"
    assert kinds(text, 2025) == [("recurring", "half_year")]


def test_bare_dinh_ky_takes_the_interval_stated_later_in_its_clause():  # (CLAUSE_END)
    # tnt305/tai_lieu_noi_bo src/etl/dataset/355bcc582867074b.md (a Nghị quyết of the Government)
    text = "định kỳ tổng hợp kết quả thực hiện, báo cáo Chính phủ, Thủ tướng Chính phủ trước ngày 31 tháng 01 hằng năm"
    assert kinds(text, 2025) == [("recurring", "year")]
    # not across a clause: "định kỳ báo cáo; xây dựng kế hoạch hằng năm" keeps its weak cue
    found = find_deadlines("định kỳ báo cáo theo quy định; tổ chức kiểm tra hằng năm", 2025)
    assert found[0].weak and found[0].deadline.every is None


def test_annual_plan_is_not_a_deadline():  # seeds/kh-quang-ngai-par-index-2018.txt (ANNUAL_NOUN, ANNUAL_BREAK)
    assert kinds("Xây dựng trình UBND tỉnh phê duyệt kế hoạch tinh giản biên chế hằng năm; Đề án tinh giản", 2018) == []
    # but an annual inspection is: "kế hoạch và tổ chức kiểm tra ... hằng năm"
    assert kinds("Xây dựng kế hoạch và tổ chức kiểm tra công tác CCHC hằng năm tại ít nhất 30% các cơ quan", 2018) == [("recurring", "year")]


def test_topic_dinh_ky_is_not_recurring():  # seeds/tin-ha-tinh-cchc-2014.txt (ABOUT_BEFORE)
    assert kinds("thực hiện Nghị định của Chính phủ về định kỳ chuyển đổi vị trí công tác", 2014) == []


# ---------------------------------------------------------------- relative, ongoing, period

def test_relative_days():  # seeds/kh-quang-ngai-par-index-2018.txt (RELATIVE)
    text = "Trong thời gian 15 ngày kể từ ngày ban hành quyết định bổ nhiệm, gửi quyết định bổ nhiệm và hồ sơ bổ nhiệm về Sở Nội vụ"
    found = find_deadlines(text, 2018)
    assert (found[0].deadline.kind, found[0].deadline.within_days) == ("relative", 15)
    assert found[0].deadline.text == "Trong thời gian 15 ngày kể từ ngày ban hành quyết định bổ nhiệm"


def test_relative_within_ten_days():  # raw/kh-153-ubnd-can-tho-2025.txt (RELATIVE)
    text = "gửi kế hoạch về Ủy ban nhân dân thành phố (qua Công an thành phố) trong thời hạn 10 ngày kể từ ngày nhận Kế hoạch này."
    assert kinds(text, 2025) == [("relative", 10)]


def test_years_of_a_benefit_are_not_a_deadline():  # seeds/kh-quang-ngai-par-index-2018.txt (RELATIVE: days, weeks, months)
    assert kinds("hướng dẫn miễn phí về các chế độ chính sách trong thời hạn 03 năm kể từ ngày được cấp Giấy chứng nhận", 2018) == []


def test_ongoing():  # seeds/kh-249-ubnd-lang-son-2021.txt (ONGOING)
    assert kinds("Thường xuyên kiểm tra, xử lý văn bản chưa phù hợp với quy định của pháp luật", 2021) == [("ongoing", None)]
    assert kinds("bố trí kinh phí thực hiện nhiệm vụ CCHC trong dự toán chi thường xuyên ngân sách hằng năm", 2021) == []


def test_period_giai_doan():  # seeds/ct-02-2011-ubnd-lao-cai.txt (PERIOD_YEARS)
    found = find_deadlines("xây dựng, thực hiện Chương trình cải cách hành chính giai đoạn 2011 - 2015 định hướng đến năm 2020", 2011)
    d = found[0].deadline
    assert (d.kind, d.start, d.date) == ("period", "2011-01-01", "2015-12-31")


def test_period_tu_nam_den_nam():  # seeds/ct-hai-duong-cchc-2018.txt (PERIOD_YEARS)
    found = find_deadlines("lộ trình tự chủ kinh phí theo từng năm trong giai đoạn từ năm 2008 đến năm 2021 theo đúng đề án", 2018)
    assert (found[0].deadline.start, found[0].deadline.date) == ("2008-01-01", "2021-12-31")


def test_period_months_and_quarters():  # raw/kh-0134-ubnd-dak-lak-2025.txt, raw/kh-310-ubnd-ha-noi-2025.txt
    d = find_deadlines("thời gian quan trắc từ tháng 3 đến tháng 10 năm 2026", 2025)[0].deadline  # PERIOD_MONTHS
    assert (d.kind, d.start, d.date) == ("period", "2026-03-01", "2026-10-31")
    d = cell_deadline("Quý IV/2025- Quý II/2026", 2025)  # PERIOD_QUARTERS
    assert (d.kind, d.start, d.date) == ("period", "2025-10-01", "2026-06-30")


def test_period_between_dates():  # raw/cv-4085 style "Từ ngày 15/11 đến ngày 30/11/2025" (PERIOD_DATES)
    # a synthetic check of the regex on the two-date form seen in raw/cd-220-ttg-2025.txt ("Từ ngày 15/11 đến ngày ...")
    d = find_deadlines("Từ ngày 15/11 đến ngày 30/11/2025 tổ chức rà soát", 2025)[0].deadline
    assert (d.kind, d.start, d.date) == ("period", "2025-11-15", "2025-11-30")


# ---------------------------------------------------------------- what is not the task's deadline

def test_period_in_the_title_of_a_cited_document():  # seeds/ct-02-2011-ubnd-lao-cai.txt (CITED_WITH_NUMBER)
    text = ("Để thực hiện có hiệu quả Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ về Chương trình tổng thể "
            "cải cách hành chính nhà nước giai đoạn 2011 - 2020; Nghị quyết số 02-NQ/TU ngày 22/12/2010")
    assert kinds(text, 2011) == []


def test_period_of_a_basis():  # seeds/ct-02-2011-ubnd-lao-cai.txt (BASIS)
    text = ("Trên cơ sở nội dung Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2011 - 2020 và Đề án "
            "\"Đẩy mạnh cải cách hành chính nâng cao hiệu lực, hiệu quả của hệ thống chính trị trên địa bàn tỉnh Lào Cai\" "
            "đã được Tỉnh ủy phê duyệt, các cơ quan, đơn vị chủ động xây dựng Chương trình cải cách hành chính giai đoạn 2011 - 2015")
    assert kinds(text, 2011) == [("period", "2015-12-31")]


def test_vision_horizon():  # raw/kh-0134-ubnd-dak-lak-2025.txt (VISION)
    assert kinds("Triển khai Quy hoạch tỉnh Đắk Lắk (cũ) thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.", 2025) == [("period", "2030-12-31")]
    # the years of a plan approved are its name (NAMED_PLAN_BEFORE); its vision is never a deadline
    assert kinds("phê duyệt Quy hoạch tỉnh Đắk Lắk (cũ) thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.", 2025) == []


def test_the_documents_own_period_and_past_periods():  # seeds/kh-249-ubnd-lang-son-2021.txt, seeds/ct-02-2011-ubnd-lao-cai.txt
    assert kinds("Chỉ đạo các cơ quan truyền thông đẩy mạnh công tác thông tin, tuyên truyền CCHC giai đoạn 2021-2025.",
                 2021, doc_period=(2021, 2025)) == []
    assert kinds("Tham mưu cho UBND tỉnh tổng kết giai đoạn I Chương trình Quản trị công và cải cách hành chính giai đoạn 2007 - 2011", 2011) == []


def test_choose_first_stated_and_weak_against_inherited():  # SPEC: the first one stated is the deadline
    own = find_deadlines("Tổ chức kiểm tra định kỳ và kiểm tra đột xuất", 2018)  # seeds/kh-quang-ngai ... (weak)
    inherited = find_deadlines("Trong 6 tháng cuối năm 2018", 2018)[0].deadline
    assert choose(own, inherited)[0] is inherited
    assert choose(own, None)[0].kind == "recurring"
    own = find_deadlines("Duy trì, mở rộng và định kỳ đánh giá việc áp dụng ISO. Thường xuyên cập nhật thông tin", 2011)
    assert choose(own, None)[0].every is None  # seeds/ct-02-2011-ubnd-lao-cai.txt item 6: "định kỳ" first


def test_regexes_are_named_constants():
    for name in ("PERIOD_DATES", "PERIOD_MONTHS", "PERIOD_QUARTERS", "PERIOD_YEARS", "BY_DATE", "BY_MONTH", "BY_MONTH_NO_YEAR",
                 "BY_QUARTER", "HALF_YEAR", "BY_YEAR", "YEAR_OPENER", "RECURRING_EVERY", "RECURRING_MONTHS",
                 "RECURRING_BARE", "RELATIVE", "ONGOING", "VISION", "CITED_WITH_NUMBER", "BASIS", "ANNUAL_NOUN"):
        assert hasattr(getattr(dl, name), "finditer")


def test_period_days_of_one_month():  # raw/cd-224-ttg-2025.txt "trong 03 ngày làm việc (từ ngày 08 đến ngày 10 tháng 12 năm 2025)" (PERIOD_DAYS)
    d = find_deadlines("(từ ngày 08 đến ngày 10 tháng 12 năm 2025)", 2025)[0].deadline
    assert (d.kind, d.start, d.date) == ("period", "2025-12-08", "2025-12-10")


def test_dinh_ky_after_a_noun_is_the_weakest():  # raw/ct-11-ttg-2020-ocr.txt (DINH_KY_AFTER_NOUN, DINH_KY_THEN_STOP)
    own = find_deadlines("Chỉ đạo cơ quan thuế, cơ quan hải quan xem xét không tổ chức kiểm tra định kỳ trong năm 2020 đối với các doanh nghiệp", 2020)
    assert (choose(own, None)[0].kind, choose(own, None)[0].date) == ("by", "2020-12-31")
    assert dl.DINH_KY_THEN_STOP.match(" và kiểm tra đột xuất") and not dl.DINH_KY_THEN_STOP.match(" báo cáo kết quả")


def test_years_inside_a_quoted_name_are_not_a_deadline():  # raw/qd-2853-ubnd-tphcm-2025.txt V/1 (QUOTED_NAME)
    text = ("Giao Sở Nông nghiệp và Môi trường là cơ quan đầu mối, chủ trì, hướng dẫn thực hiện Đề án “Nâng cao nhận "
            "thức cộng đồng và Quản lý rủi ro thiên tai dựa vào cộng đồng, đến năm 2030” trên địa bàn Thành phố")
    assert kinds(text, 2025) == []
    # a deadline stated outside the quotes still counts
    assert kinds(text + "; hoàn thành trong năm 2026", 2025) == [("by", "2026-12-31")]


def test_thuong_nien_recurs_every_year():  # raw/kh-144-ubnd-bac-ninh-2025.txt (ANNUAL_WORD)
    text = "Xây dựng, công bố báo cáo thường niên về dự báo nhu cầu thị trường, xu thế nghề nghiệp mới"
    assert kinds(text, 2025) == [("recurring", "year")]


def test_ket_thuc_nam():  # raw/nq-494-ubtvqh13-2012.txt Điều 3/1 (BY_YEAR)
    text = "Kết thúc năm 2013, Chính phủ báo cáo Ủy ban thường vụ Quốc hội kết quả thực hiện Nghị quyết này."
    assert kinds(text, 2012) == [("by", "2013-12-31")]
