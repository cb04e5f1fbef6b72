"""Each repair of docextract.normalise, on lines taken from the corpora."""
import unicodedata

from docextract import normalise as N

from conftest import ROOT


def test_bom_and_crlf_are_removed():
    assert N.strip_bom_and_newlines("\ufeffCHỈ THỊ\r\nVề việc\rtăng cường") == "CHỈ THỊ\nVề việc\ntăng cường"


def test_nfc_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Lào Cai")
    assert N.normalise(decomposed) == "Ủy ban nhân dân tỉnh Lào Cai"


def test_odd_and_invisible_spaces():
    # seeds/ct-02-2011-ubnd-lao-cai.txt header starts with tabs; web text carries NBSP and ZWSP
    assert N.fix_spaces("\tSố:\u00a002/2011/CT-UBND\u200b") == "Số: 02/2011/CT-UBND"
    assert N.fix_spaces("Sở  Nội\u202fvụ") == "Sở Nội vụ"


def test_old_tone_placement_only_on_open_syllables():
    # "hoà", "uỷ", "khoẻ" move the tone; "hoàn", "quý", "thuỷ" handled by syllable shape
    assert N.new_tone_placement("Cộng hoà, Uỷ ban, sức khoẻ") == "Cộng hòa, Ủy ban, sức khỏe"
    assert N.new_tone_placement("hoàn thành, quý III, thủy sản") == "hoàn thành, quý III, thủy sản"


def test_footnote_markers_in_paragraphs_are_removed_but_footnotes_stay():
    # raw/cd-220-ttg-2025.txt: "được giao[1]. Chính phủ đã ban hành"
    assert N.drop_footnote_markers("thực hiện các nhiệm vụ được giao[1]. Chính phủ") == \
        "thực hiện các nhiệm vụ được giao. Chính phủ"
    assert N.drop_footnote_markers("[1] Nghị quyết số 66/NQ-CP") == "[1] Nghị quyết số 66/NQ-CP"
    assert N.drop_footnote_markers("Nghị định số 61/2018/NĐ-CP¹ ngày 23/4/2018") == \
        "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018"


def test_table_debris_lines_are_paragraph_boundaries():
    # raw/kh-157-ubnd-can-tho-2025.txt header: cells separated by lines holding only "|"
    text = "|\nỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\n-------\n|\nCỘNG HÒA XÃ HỘI\n|\nSố: 157/KH-UBND\n|"
    lines = N.normalise(text).split("\n")
    assert "Số: 157/KH-UBND" in lines
    assert not any(line.strip("|- ") == "" for line in lines)
    assert N.is_table_debris("|---|---|") and N.is_table_debris("|") and not N.is_table_debris("| Số: 1 |")


def test_inline_rules_are_removed():
    # raw/nd-170-2025-cp.txt: "CHÍNH PHỦ__________ Số: 170/2025/NĐ-CP"
    assert N.fix_spaces("CHÍNH PHỦ__________ Số: 170/2025/NĐ-CP") == "CHÍNH PHỦ Số: 170/2025/NĐ-CP"
    assert N.fix_spaces("THỦ TƯỚNG CHÍNH PHỦ -------") == "THỦ TƯỚNG CHÍNH PHỦ"


def test_lower_case_continuation_is_joined():
    # raw/qd-1627-ubnd-quang-ngai-2025.txt: "Căn\ncứ Luật Tổ chức chính quyền địa phương"
    text = "QUYẾT ĐỊNH\nCăn\ncứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
    assert N.normalise(text).split("\n")[1] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"


def test_number_label_alone_is_joined_to_the_symbol():
    # raw/qd-161-2025-ubnd-ninh-binh.txt: "Số:" then "161/2025/QĐ-UBND" on the next line
    assert "Số: 161/2025/QĐ-UBND" in N.normalise("Số:\n161/2025/QĐ-UBND\n").split("\n")


def test_hard_wrapped_paragraphs_are_joined_and_items_kept_apart(corpora):
    text = (corpora / "raw" / "kh-157-ubnd-can-tho-2025.txt").read_text(encoding="utf-8")
    lines = N.normalise(text).split("\n")
    assert ("Thực hiện Chỉ thị số 21/CT-TTg ngày 25 tháng 11 năm 2022 của Thủ tướng Chính phủ về thúc "
            "đẩy chuyển đổi số trong chi trả an sinh xã hội không dùng tiền mặt;") in lines
    assert "Cần Thơ, ngày 18 tháng 11 năm 2025" in lines


def test_one_paragraph_per_line_documents_are_left_alone(corpora):
    text = (corpora / "seeds" / "ct-hai-duong-cchc-2018.txt").read_text(encoding="utf-8")
    out = N.normalise(text).split("\n")
    assert out[0] == "CHỈ THỊ"
    assert out[1].startswith("VỀ TĂNG CƯỜNG CÔNG TÁC CẢI CÁCH HÀNH CHÍNH")
    assert sum(1 for line in out if line.startswith(("a)", "b)"))) == 8


def test_page_break_and_running_page_number_are_removed():
    text = "phối hợp với các cơ quan liên quan triển khai\n2\n\f\ncác nhiệm vụ được giao."
    assert N.normalise(text) == "phối hợp với các cơ quan liên quan triển khai các nhiệm vụ được giao."


def test_normalise_is_idempotent(corpora):
    for name in ("seeds/kh-249-ubnd-lang-son-2021.txt", "raw/kh-157-ubnd-can-tho-2025.txt", "raw/ct-11-ttg-2020-ocr.txt"):
        once = N.normalise((corpora / name).read_text(encoding="utf-8"))
        assert N.normalise(once) == once, name


def test_letter_enumerator_test_agrees_with_its_pattern():  # LETTER_ENUMERATOR
    lines = ["a) Sở Nội vụ", "đ) rà soát", "b ) tổ chức", "c\t) kiểm tra", "a\x1c) x", "ab) x", "a)", "a",
             "", "A) x", "b)x", "e. x", "x ()", "đ  )"]
    for line in lines:
        assert N._letter_enumerator(line) == bool(N.LETTER_ENUMERATOR.match(line)), line


def test_lower_case_test_agrees_with_str_isupper():
    lines = ["THÔNG BÁO", "Sở Nội vụ", "123 - 456", "", "ǅ", "ĐIỀU 1. phạm vi", "Ω", "ω", "ⅸ", "ⓐ"]
    lines += N.normalise((ROOT / "corpora" / "seeds" / "ct-hai-duong-cchc-2018.txt").read_text(encoding="utf-8")).split("\n")
    for line in lines:
        assert N._has_lower_case(line) == (not (line + "A").isupper()), line


def test_gazette_running_head_and_signature_stamp_are_page_furniture():
    # crawl/nq-15-2026-cp.txt (hrmaster1982-dev/phapluat-8chude-data): a Công báo page turn in mid-sentence
    lines = ["chi tiết thi hành một số điều của Luật An toàn thực phẩm và các văn bản quy định,",
             "hướng dẫn thi hành tiếp tục có hiệu lực.", "",
             "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Cơ quan: VĂN PHÒNG CHÍNH PHỦ",
             "Ngày ký: 2026-04-22 16:23:24 +07:00", "", "CÔNG BÁO/Số 242/Ngày 22-04-2026", "31", "",
             "2. Các bộ, cơ quan ngang bộ"]
    text = N.normalise("\n".join(lines))
    assert "CÔNG BÁO" not in text and "Ngày ký" not in text and "\n31\n" not in text
    assert text.endswith("tiếp tục có hiệu lực.\n2. Các bộ, cơ quan ngang bộ")
    # the head with its page number on the same line, between two halves of a sentence
    assert N.GAZETTE_RUNNING_HEAD.match("CÔNG BÁO/Số 286/Ngày 27-05-2026 93")
    joined = N.normalise("cơ quan bảo hiểm xã hội trong\nCÔNG BÁO/Số 286/Ngày 27-05-2026 93\nquản lý, sử dụng Quỹ bảo hiểm y tế")
    assert joined == "cơ quan bảo hiểm xã hội trong quản lý, sử dụng Quỹ bảo hiểm y tế"
    # a sentence that names the gazette is text
    assert not N.GAZETTE_RUNNING_HEAD.match("CÔNG BÁO/Số 286/Ngày 27-05-2026 đăng Quyết định")


def test_a_one_line_numbered_heading_is_not_joined_to_the_bullet_below():
    # crawl/qd-892-ttg-2026.txt (a Công báo text wrapped at about 80 characters)
    wrapped = ["- Phấn đấu 50% - 60% cán bộ và công chức, viên chức làm công tác đối",
               "ngoại, hội nhập quốc tế không thường xuyên của các cơ quan Trung ương, các",
               "địa phương được bồi dưỡng các năng lực cần thiết để làm việc trong môi trường",
               "quốc tế.", "IV. NHIỆM VỤ, GIẢI PHÁP",
               "1. Nhóm giải pháp về tuyên truyền, nâng cao nhận thức",
               "- Tuyên truyền, phổ biến rộng rãi tới các bộ, ngành, địa phương về tính",
               "cấp thiết, tầm quan trọng của việc triển khai đào tạo, bồi dưỡng cũng như nâng",
               "cao ý thức tự rèn luyện, bồi dưỡng của mỗi cá nhân về năng lực làm việc trong",
               "môi trường quốc tế."]
    lines = N.normalise("\n".join(wrapped)).split("\n")
    assert lines[2] == "1. Nhóm giải pháp về tuyên truyền, nâng cao nhận thức"
    assert lines[3].startswith("- Tuyên truyền") and lines[3].endswith("môi trường quốc tế.")
    # a bullet line wrapped at full width still takes its continuation
    assert lines[0].endswith("làm việc trong môi trường quốc tế.")
