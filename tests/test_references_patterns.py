"""Each named pattern of docextract/references on real fragments (file named in the comment), and the
patterns' behaviour on long adversarial input (no catastrophic backtracking: these calls return)."""
from __future__ import annotations

import regex as re

import importlib

from docextract.references import find, names, relations, symbols

resolve = importlib.import_module("docextract.references.resolve")  # the package exports a function of that name


def spans(pattern, text):
    return [m.group(0) for m in pattern.finditer(text)]


def test_state_symbol():
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt, kh-quang-ngai-par-index-2018.txt
    assert spans(symbols.STATE_SYMBOL, "Nghị quyết số 76/NQ- CP ngày 15/7/2021") == ["76/NQ- CP"]
    assert spans(symbols.STATE_SYMBOL, "Quyết định số 2548/QĐUBND ngày 29/12/2017") == ["2548/QĐUBND"]
    assert spans(symbols.STATE_SYMBOL, "đạt thứ hạng 45 - 50/63 tỉnh, ngày 15/9/2014, 47/47 cơ quan") == []


def test_party_symbol():
    # corpora/seeds/kh-quang-ngai-par-index-2018.txt; corpora/raw/kh-552-ubnd-dong-thap-2025.txt
    assert spans(symbols.PARTY_SYMBOL, "Kế hoạch số 126-KH/TU ngày 05/4/2018") == ["126-KH/TU"]
    assert spans(symbols.PARTY_SYMBOL, "Chương trình hành động số 10- CTr/TU ngày 13/8/2025") == ["10- CTr/TU"]
    assert spans(symbols.PARTY_SYMBOL, "giai đoạn 2016-2020/năm, Covid-19/2020") == []


def test_symbol_repair_and_normal_form():
    assert symbols.normalise("61/2018/ ND-CP") == "61/2018/NĐ-CP"
    assert symbols.normalise("32/CT-TTG") == "32/CT-TTg"
    assert symbols.normalise("3210/QĐ - U B ND") == "3210/QĐ-UBND"
    assert symbols.normalise("662/QĐ- -BTC") == "662/QĐ-BTC"
    assert symbols.parse("07/Z1").known is False


def test_head_before():
    # corpora/raw/qd-02-ttg-2022-ocr.txt ("số ] 39/NQ-CP"), corpora/raw/kh-0204-ubnd-ca-mau-2025.txt
    assert find.head_before().search("Căn cứ Nghị quyết số ] ").group("head") == "Nghị quyết"
    assert find.head_before().search("theo Chương trình hành động số ").group("head") == "Chương trình"
    assert find.head_before().search("văn bản quy phạm pháp luật số ") is None  # "pháp luật" is no head


def test_list_connector():
    assert find.LIST_CONNECTOR.fullmatch(" và số ")
    assert find.LIST_CONNECTOR.fullmatch(", ")
    assert not find.LIST_CONNECTOR.fullmatch(" của Chính phủ và ")


def test_date_and_year_after():
    # corpora/seeds/ct-hai-duong-cchc-2018.txt, corpora/raw/qd-2439-btc-2022-ocr.txt, kh-249 chrome
    m = find.DATE_AFTER.match(" ngày 04 tháng 02 năm 2016 của")
    assert (m.group("d"), m.group("m2"), m.group("y2")) == ("04", "02", "2016")
    m = find.DATE_AFTER.match(" ngay22tháng 4 năm 2022")
    assert (m.group("d"), m.group("m2"), m.group("y2")) == ("22", "4", "2022")
    assert find.DATE_AFTER.match(" ngày 23/4/2018").group("y") == "2018"
    assert find.YEAR_AFTER.match(" năm 2020 về phê duyệt").group("y") == "2020"


def test_issuer_open_and_stop():
    # corpora/seeds/kh-quang-ngai-par-index-2018.txt
    assert find.ISSUER_OPEN.match(" của Bộ trưởng Bộ Nội vụ phê duyệt")
    assert not find.ISSUER_OPEN.match(" của tỉnh")
    text = "Chủ tịch UBND tỉnh ban hành Kế hoạch"
    assert text[:find.ISSUER_STOP.search(text).start()] == "Chủ tịch UBND tỉnh"
    text = "Quốc hội khoảng 110 tỷ đồng"  # corpora/raw/kh-0204-ubnd-ca-mau-2025.txt
    assert text[:find.ISSUER_STOP.search(text).start()] == "Quốc hội"
    assert find.PARTY_ISSUER_OPEN.match(" Hội nghị lần thứ 6 Ban Chấp hành Trung ương Đảng khóa XII")


def test_title_open_and_stop():
    # corpora/seeds/ct-hai-duong-cchc-2018.txt
    assert find.TITLE_OPEN.match(" về thực hiện cơ chế một cửa")
    assert find.TITLE_OPEN.match(" Quy định trách nhiệm người đứng đầu")
    assert not find.TITLE_OPEN.match(" trong việc triển khai")
    text = "về Chính phủ điện tử. Duy trì, cập nhật"
    assert text[:find.TITLE_STOP.search(text).start()] == "về Chính phủ điện tử"
    text = "phê duyệt Kế hoạch cải cách hành chính nhà nước giai đoạn 2016-2020 và Kế hoạch Cải cách"
    assert text[:find.coordinated_head().search(text).start()].endswith("2016-2020")


def test_partial_pattern():
    # corpora/seeds/tin-ha-tinh-cchc-2014.txt; corpora/raw/nq-380-cp-2025.txt
    assert spans(find.partial_pattern(), "thực hiện nghiêm túc Quyết định 13/2014 của UBND tỉnh") == ["Quyết định 13/2014"]
    assert spans(find.partial_pattern(), "đã được hỗ trợ tại Nghị quyết 347.") == ["Nghị quyết 347"]
    assert spans(find.partial_pattern(), "Kế hoạch 2021-2025; Kế hoạch 30%") == []


def test_law_patterns():
    # corpora/raw/kh-1026-ubnd-nghe-an-2025.txt; corpora/raw/tt-23-2025-btp.txt (Trường Đại học Luật Hà Nội)
    assert spans(names.LAW_HEAD, "nhất là: Luật Bảo vệ bí mật nhà nước, Luật An ninh mạng") == ["Luật", "Luật"]
    assert spans(names.LAW_HEAD, "Trường Đại học Luật Hà Nội") == []
    assert names.known_law_pattern().match(names.vocab.strip_marks("Luật Phòng chống ma túy"))
    text = "sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15"
    assert text[:names.AMENDING_LAW_STOP.search(text).start()] == "sửa đổi, bổ sung một số điều của Luật Đất đai"
    text = "Chuyển đổi số và Luật Trí tuệ nhân tạo"  # corpora/raw/qd-2629-ttg-2025.txt
    assert text[:names.LAW_NAME_STOP.search(text).start()] == "Chuyển đổi số"
    assert names.LAW_YEAR_AFTER.match(" 2019").group("y") == "2019"
    assert names.CONSTITUTION_NAMED.match(" nước Cộng hòa xã hội chủ nghĩa Việt Nam")


def test_party_resolution_patterns():
    # corpora/seeds/ct-hai-duong-cchc-2018.txt; corpora/raw/kh-982-ubnd-nghe-an-2025.txt
    assert spans(names.PARTY_PLENUM, "theo tinh thần Nghị quyết Trung ương 6 Ban Chấp hành Trung ương Đảng khóa XII.") == [
        "Nghị quyết Trung ương 6 Ban Chấp hành Trung ương Đảng khóa XII"]
    assert spans(names.PARTY_CONGRESS, "thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng;") == [
        "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"]


def test_named_document_patterns():
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt
    assert spans(names.named_head(), "5.3. Thực hiện Kế hoạch đào tạo, bồi dưỡng") == ["Kế hoạch"]
    assert spans(names.named_head(), "Sở Kế hoạch và Đầu tư") == []
    assert names.NOT_A_NAME.match(" này.") and names.NOT_A_NAME.match(" nghiêm túc, hiệu quả")
    text = " đào tạo, bồi dưỡng cán bộ, công chức, viên chức phù hợp với yêu cầu"
    assert text[:names._name_end(text, 0, len(text))] == " đào tạo, bồi dưỡng cán bộ, công chức, viên chức"
    text = " cải cách hành chính tỉnh Quảng Ngãi năm 2018, cần tập trung"
    assert text[:names._name_end(text, 0, len(text))].endswith("năm 2018")
    assert names.COMMA_STOP.search(", Quyết định số 13/2016")
    assert names.NAME_STOP_WORD.search(" của tỉnh")
    assert names.NAME_HARD_STOP.search("(GOPA II). Tổ chức").group(0) == "."
    assert names.SENTENCE_OPENING.fullmatch("1.2. ") and names.SENTENCE_OPENING.fullmatch("- ")
    assert spans(names.self_pattern(), "tổ chức thực hiện nghiêm túc Chỉ thị này.") == ["Chỉ thị này"]


def test_resolution_patterns():
    # corpora/seeds/kh-quang-ngai-par-index-2018.txt; kh-249-ubnd-lang-son-2021.txt
    assert resolve.CREATION.search("- tham mưu ubnd tỉnh ban hành và tổ chức triển khai thực hiện ")
    assert not resolve.CREATION.search("nâng cao chất lượng chương trình đào tạo theo quy trình ")
    assert resolve.GENERIC_NAME.search("kế hoạch cchc hằng năm")
    assert resolve.SPECIFIC_NAME.search("Kế hoạch Cải cách hành chính năm 2018")
    assert resolve.DEFINED_ABBREVIATION.search("thủ tục hành chính (TTHC)").group(2) == "TTHC"
    assert resolve.OWNER_OPEN.match(" của tỉnh, Quyết định")
    assert resolve.FILLER_PHRASES.search("kế hoạch thực hiện")


def test_relation_cues():
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt, ct-hai-duong-cchc-2018.txt, corpora/raw/tt-98-2013-btc.txt
    assert relations.BASIS_PARAGRAPH.match("Căn cứ Nghị quyết số 76/NQ-CP")
    assert relations.relation_for("3.4. Tiếp tục triển khai thực hiện cơ chế một cửa theo ", "", False) == "implements"
    assert relations.relation_for("b) Tham mưu trình ban hành Bộ chỉ số để thay thế ", "", False) == "mentions"
    assert relations.relation_for("Điều 1. Sửa đổi, bổ sung một số điều của ", "", False) == "amends"
    assert relations.relation_for("Thông tư này hướng dẫn việc quản lý theo ", "", False) == "guides"
    assert relations.PREPARATION.search("tham mưu")
    assert relations.strongest(["mentions", "implements", "based_on"]) == "based_on"


def test_no_catastrophic_backtracking():
    # long runs of the characters the patterns repeat over: every call must simply return
    long_groups = "1/" + "-".join(["AB"] * 3000) + " "
    list(symbols.find_symbols(long_groups))
    list(symbols.find_symbols("1-" + "A " * 5000))
    find.find_numbered("Quyết định số " * 2000, 0, len("Quyết định số " * 2000))
    text = "Nghị quyết Trung ương " + "x " * 5000
    assert spans(names.PARTY_PLENUM, text) == []
    text = "Kế hoạch " + "a, " * 5000
    names.find_titled(text, 0, len(text), "body", 0)
    text = "Luật " + "Thuế " * 3000
    names.find_laws(text, 0, len(text), "body", 0, False)
    assert re.compile(r"x").search("x")  # the module itself


def test_long_title_is_cut_after_70_words_and_its_span_kept():  # MAX_TITLE_WORDS
    from docextract.references.find import Mention, _read_tail

    text = "ngày 01/01/2020 về việc " + "ban  hành " * 45 + "quy chế."  # 91 words, double spaces
    mention = Mention(kind="full", span=(0, 0), extent=(0, 0))
    _read_tail(text, 0, len(text), mention)
    start, end = mention.title_span
    assert text[start:end] == mention.title
    assert mention.title.startswith("về việc ban  hành") and len(mention.title.split()) == 70


def test_unknown_law_names_are_looked_for_in_a_bounded_window(monkeypatch):  # LAW_NAME_STOP
    from docextract.references import names

    windows = []

    class Recording:
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, text, pos, endpos):
            windows.append(endpos - pos)
            return self.pattern.search(text, pos, endpos)

    monkeypatch.setattr(names, "LAW_NAME_STOP", Recording(names.LAW_NAME_STOP))
    heads = "Luật " * 4000  # each head starts a run of heads far longer than a name: linear work
    found = names.find_laws(heads, 0, len(heads), "body", 0, False)
    assert all(m.span[0] >= len(heads) - 60 for m in found)  # only the last few heads are short enough
    assert len(windows) > 3900 and max(windows) < 200
    text = "theo Luật Chuyển đổi số năm 2025 và các văn bản"
    found = names.find_laws(text, 0, len(text), "body", 0, False)
    assert [(m.name, m.year) for m in found] == [("Luật Chuyển đổi số", 2025)]
