"""Targets (SPEC §5): comparators, ranges, units, past results, repeats; real sentences of the corpora."""
from docextract.tasks import targets as tg
from docextract.tasks.targets import content_words, find_targets, same_target


def keys(text):
    return [(t.comparator, t.value, t.value_max, t.unit) for t in find_targets(text)]


def test_plain_percentage_is_equal():  # seeds/kh-quang-ngai-par-index-2018.txt (PERCENT)
    assert keys("- 100% văn bản quy phạm pháp luật được ban hành đảm bảo đúng trình tự, quy trình theo quy định.") == [("=", 100, None, "%")]


def test_toi_thieu_and_it_nhat():  # seeds/kh-249-ubnd-lang-son-2021.txt, seeds/ct-hai-duong-cchc-2018.txt
    assert keys("Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính Nhà nước (SIPAS) đạt tối thiểu 90%") == [(">=", 90, None, "%")]
    assert keys("tổ chức kiểm tra việc thực hiện cải cách hành chính đảm bảo đạt ít nhất 30% số cơ quan, đơn vị, địa phương") == [(">=", 30, None, "%")]


def test_comparison_sign():  # crawl/kh-617-ubnd-dong-thap-2025.txt II/1/a
    assert keys("a) Đến hết năm 2025: Có ≥ 30% DNNVV, HTX, HKD trên địa bàn Tỉnh ứng dụng công nghệ số.") == [
        (">=", 30, None, "%")]


def test_tu_tro_len():  # seeds/kh-249-ubnd-lang-son-2021.txt (OR_MORE)
    assert keys("Kết thúc giai đoạn, Chỉ số CCHC (PAR INDEX) của tỉnh đạt từ 85% trở lên;") == [(">=", 85, None, "%")]


def test_tro_len_after_another_noun_is_not_the_comparator():  # seeds/kh-249-ubnd-lang-son-2021.txt
    assert keys("95% cán bộ, công chức có trình độ đại học trở lên; 60% viên chức có trình độ đại học trở lên") == [
        ("=", 95, None, "%"), ("=", 60, None, "%")]


def test_tren_is_greater():  # seeds/kh-249-ubnd-lang-son-2021.txt, raw/qd-2629-ttg-2025.txt
    assert keys("- Trên 98% hồ sơ thủ tục hành chính được giải quyết đúng và trước hạn") == [(">", 98, None, "%")]
    assert keys("kinh phí chi cho nghiên cứu phát triển (R&D) đạt trên 60%.") == [(">", 60, None, "%")]


def test_khong_qua_and_toi_da():  # raw/qd-2439-btc-2022-ocr.txt, raw/nd-55-2023-cp.txt
    assert keys("- Tỷ lệ khiếu nại sau thanh tra, kiểm tra thuế không quá 5%.") == [("<=", 5, None, "%")]
    assert keys("hỗ trợ tối đa 70% tổng giá trị công trình được cơ quan có thẩm quyền phê duyệt") == [("<=", 70, None, "%")]


def test_duoi_is_less():  # raw/qd-212-2025-ubnd-hai-phong.txt (annex) "Có tổng số điểm dưới 50 điểm."
    assert keys("hoàn thành dưới 50% các chỉ tiêu, nhiệm vụ") == [("<", 50, None, "%")]


def test_percentage_range():  # seeds/kh-quang-ngai-par-index-2018.txt (PERCENT_RANGE)
    assert keys("- Phấn đấu từ 95 - 100% thủ tục hành chính của các sở, ngành, địa phương tiếp nhận trong năm được giải quyết đúng hạn.") == [
        ("range", 95, 100, "%")]
    assert keys("đảm bảo 95-100% hồ sơ thủ tục hành chính được trả kết quả đúng hạn theo quy định.") == [("range", 95, 100, "%")]


def test_rank_range_with_denominator():  # seeds/kh-quang-ngai-par-index-2018.txt (RANK_RANGE)
    assert keys("phấn đấu cải thiện Chỉ số CCHC của tỉnh được xếp hạng từ vị thứ 45 - 50/63 tỉnh, thành trong cả nước.") == [
        ("range", 45, 50, "vị thứ")]


def test_count_range_and_counts():  # seeds/kh-quang-ngai-par-index-2018.txt (COUNT_RANGE, COUNT)
    assert keys("phê duyệt Đề án thực hiện cơ chế một cửa theo hướng hiện đại tại 2-3 xã, phường, thị trấn/huyện") == [
        ("range", 2, 3, "xã, phường, thị trấn")]
    assert keys("thực hiện cơ chế một cửa tại UBND 7 xã (Trà Nham, Trà Thanh, Trà Thọ, Trà Trung, Trà Quân, Trà Lãnh, Trà Khê) thuộc huyện.") == [
        ("=", 7, None, "xã")]


def test_counts_that_are_not_goals():  # seeds/kh-quang-ngai..., seeds/ct-hai-duong..., seeds/kh-249-ubnd-lang-son-2021.txt
    assert keys("kiểm tra theo thẩm quyền đối với văn bản của HĐND và UBND 14 huyện, thành phố gửi đến") == []
    assert keys("trong đó liên thông hệ thống một cửa điện tử 3 cấp (tỉnh, huyện, xã) và tích hợp toàn bộ các dịch vụ công trực tuyến mức độ 3, 4") == []
    assert keys("cắt giảm tối thiểu 30% thời gian thực hiện đối với các TTHC có quy định về thời hạn giải quyết từ 03 ngày trở lên.") == [
        (">=", 30, None, "%")]


def test_past_results_are_not_targets():  # seeds/tin-ha-tinh-cchc-2014.txt
    assert keys("Đến nay, đã có 47/47 cơ quan hoàn thành việc xây dựng hệ thống quản lý chất lượng") == []
    assert keys("100% sở, ban, ngành, huyện, thị xã, thành phố trong tỉnh đã xây dựng") == [("=", 100, None, "%")]  # the caller drops background


def test_comparator_shared_over_va():  # seeds/kh-249-ubnd-lang-son-2021.txt
    text = "giảm tối thiểu 10% số lượng đơn vị sự nghiệp công lập và 10% biên chế sự nghiệp hưởng lương từ ngân sách Nhà nước so với năm 2021."
    assert keys(text) == [(">=", 10, None, "%"), (">=", 10, None, "%")]


def test_same_target_in_objectives_and_task():  # seeds/kh-quang-ngai-par-index-2018.txt objectives vs task II/7/a/-3
    a = content_words("Thực hiện kết nối liên thông phần mềm quản lý văn bản từ cấp tỉnh đến 100% đơn vị cấp xã")
    b = content_words("Triển khai kết nối, liên thông phần mềm quản lý văn bản ở tất cả các cơ quan nhà nước từ cấp tỉnh đến cấp huyện và 100% cấp xã trước ngày 31/12/2018")
    assert same_target(a, b)
    c = content_words("Triển khai thực hiện tự kiểm tra 100% văn bản QPPL của UBND tỉnh sau khi ban hành")
    d = content_words("100% văn bản quy phạm pháp luật được ban hành đảm bảo đúng trình tự, quy trình theo quy định")
    assert not same_target(c, d)


def test_clause_break_regex():  # CLAUSE_BREAK splits at ';' and full stops, not at decimal points (synthetic regex check)
    assert [m.group(0) for m in tg.CLAUSE_BREAK.finditer("đạt 98,5%; tăng 1.5 lần. Hết")] == [";", "."]
