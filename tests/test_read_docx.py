"""The .docx reader (docextract.read.docx): Word numbering rebuilt from numbering.xml, tables,
footnotes, legacy fonts; and the real NĐ 30/2020 files in corpora/raw/original."""
import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml

from docextract.read import read_bytes, read_path
from docextract.read.docx import bullet_label, format_number, letters, roman

ROOT = Path(__file__).resolve().parent.parent
ORIGINAL = ROOT / "corpora" / "raw" / "original"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}"'


def lvl(ilvl, fmt, text, start=1, restart=None, suffix=None, legal=False):
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += f'<w:suff w:val="{suffix}"/>' if suffix else ""
    extra += "<w:isLgl/>" if legal else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def make_docx(abstracts: dict, nums: dict, paragraphs: list) -> bytes:
    """abstracts: {abstractId: [lvl xml]}; nums: {numId: (abstractId, {ilvl: startOverride})};
    paragraphs: [(text, numId or None, ilvl)]."""
    document = Document()
    numbering = document.part.numbering_part.element
    # python-docx's template already defines w:num 1-9: ours are moved out of their way
    abstracts = {aid + 50: levels for aid, levels in abstracts.items()}
    nums = {nid + 50: (aid + 50, overrides) for nid, (aid, overrides) in nums.items()}
    paragraphs = [(text, None if nid is None else nid + 50, ilvl) for text, nid, ilvl in paragraphs]
    first = numbering.find(f"{{{W}}}num")
    for aid, levels in abstracts.items():
        el = parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>')
        first.addprevious(el) if first is not None else numbering.append(el)
    for nid, (aid, overrides) in nums.items():
        over = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                       for k, v in overrides.items())
        numbering.append(parse_xml(f'<w:num {NS} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{over}</w:num>'))
    for text, nid, ilvl in paragraphs:
        p = document.add_paragraph(text)
        if nid is not None:
            p._p.get_or_add_pPr().insert(0, parse_xml(
                f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{nid}"/></w:numPr>'))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def lines_of(data: bytes) -> list[str]:
    return [x for x in read_bytes(data, "t.docx").text.split("\n") if x.strip()]


OUTLINE = [lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%2."), lvl(2, "decimal", "%2.%3."),
           lvl(3, "lowerLetter", "%4)", suffix="space"), lvl(4, "bullet", "-"), lvl(5, "bullet", "\uf0b7")]


def test_multilevel_labels_and_restarts():
    # the outline of kh-quang-ngai-par-index-2018.txt: I. / 1. / a) / - , then 1.1. under 2.
    data = make_docx({1: OUTLINE}, {7: (1, {})}, [
        ("MỤC TIÊU, CHỈ TIÊU", 7, 0), ("Mục tiêu", 7, 1), ("Một số chỉ tiêu", 7, 1),
        ("NHIỆM VỤ, GIẢI PHÁP", 7, 0), ("Đối với lĩnh vực chỉ đạo", 7, 1), ("Sở Nội vụ:", 7, 3),
        ("Tham mưu UBND tỉnh", 7, 4), ("Sở Tư pháp", 7, 3), ("Đối với cải cách thể chế", 7, 1),
        ("Rà soát văn bản", 7, 2), ("Kiểm tra văn bản", 7, 2), ("Sở Tài chính", 7, 3), ("chấm", 7, 5),
    ])
    assert lines_of(data) == [
        "I. MỤC TIÊU, CHỈ TIÊU", "1. Mục tiêu", "2. Một số chỉ tiêu", "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Đối với lĩnh vực chỉ đạo", "a) Sở Nội vụ:", "- Tham mưu UBND tỉnh", "b) Sở Tư pháp",
        "2. Đối với cải cách thể chế", "2.1. Rà soát văn bản", "2.2. Kiểm tra văn bản", "a) Sở Tài chính", "• chấm",
    ]


def test_start_values_overrides_and_shared_lists():
    data = make_docx(
        {1: [lvl(0, "decimal", "%1.", start=3)], 2: [lvl(0, "lowerLetter", "%1)")]},
        {10: (1, {}), 11: (1, {}), 12: (1, {0: 1}), 20: (2, {})},
        [("ba", 10, 0), ("bốn", 10, 0), ("năm: numId 11 shares the abstract list and continues it", 11, 0),
         ("một: w:startOverride restarts", 12, 0), ("hai", 12, 0), ("chữ", 20, 0), ("không đánh số", None, 0),
         ("chữ tiếp", 20, 0)])
    assert lines_of(data) == [
        "3. ba", "4. bốn", "5. năm: numId 11 shares the abstract list and continues it",
        "1. một: w:startOverride restarts", "2. hai", "a) chữ", "không đánh số", "b) chữ tiếp",
    ]


def test_lvl_restart_zero_keeps_counting():
    data = make_docx({1: [lvl(0, "decimal", "Điều %1."), lvl(1, "decimal", "%2.", restart=0)]}, {5: (1, {})},
                     [("A", 5, 0), ("x", 5, 1), ("y", 5, 1), ("B", 5, 0), ("z", 5, 1)])
    assert lines_of(data) == ["Điều 1. A", "1. x", "2. y", "Điều 2. B", "3. z"]


def test_legal_numbering_and_formats():
    data = make_docx({1: [lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%1.%2.", legal=True)]}, {5: (1, {})},
                     [("A", 5, 0), ("B", 5, 0), ("x", 5, 1)])
    assert lines_of(data) == ["I. A", "II. B", "2.1. x"]
    assert [format_number(n, "upperRoman") for n in (4, 9, 14, 40)] == ["IV", "IX", "XIV", "XL"]
    assert roman(1999) == "MCMXCIX" and letters(27) == "aa" and format_number(7, "decimalZero") == "07"
    assert bullet_label("\uf02d") == "-" and bullet_label("+") == "+" and bullet_label("\uf0b7") == "•"


def test_tables_footnotes_text_boxes_and_legacy_fonts():
    document = Document()
    header = document.add_table(rows=2, cols=2)  # the two-column header (borderless, small)
    for (r, c), text in {(0, 0): "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", (0, 1): "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         (1, 0): "Số: 02/2011/CT-UBND", (1, 1): "Lào Cai, ngày 26 tháng 12 năm 2011"}.items():
        cell = header.cell(r, c)
        first, *rest = text.split("\n")
        cell.paragraphs[0].text = first
        for line in rest:
            cell.add_paragraph(line)
    p = document.add_paragraph("Sở Nội vụ chủ trì")
    p.add_run()._r.append(parse_xml(f'<w:footnoteReference {NS} w:id="1"/>'))
    tasks = document.add_table(rows=3, cols=4)
    tasks.style = "Table Grid"
    for r, row in enumerate([["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
                             ["1", "Rà soát thủ tục hành chính", "Văn phòng UBND tỉnh", "Quý III/2018"],
                             ["2", "Đo lường sự hài lòng", "Sở Nội vụ", "Hằng năm"]]):
        for c, value in enumerate(row):
            tasks.cell(r, c).text = value
    legacy = document.add_paragraph()
    legacy.add_run("Céng hßa x· héi chñ nghÜa ViÖt Nam").font.name = ".VnTime"
    upper = document.add_paragraph()
    upper.add_run("chØ thÞ").font.name = ".VnTimeH"
    hidden = document.add_paragraph()
    hidden.add_run("ẩn").font.hidden = True
    caps = document.add_paragraph()
    caps.add_run("quy định chung").font.all_caps = True
    # a text box (DrawingML) holding a note
    box = document.add_paragraph("Trước hộp")
    box.add_run()._r.append(parse_xml(
        f'<w:drawing {NS} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wp:anchor><a:graphic><a:graphicData>'
        f'<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing>'))
    out = io.BytesIO()
    document.save(out)
    data = _with_footnotes(out.getvalue(), {1: "Quyết định số 2548/QĐ-UBND ngày 29/12/2017."})
    lines = lines_of(data)
    assert lines[:5] == ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số: 02/2011/CT-UBND",
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Lào Cai, ngày 26 tháng 12 năm 2011"]
    assert lines[5] == "Sở Nội vụ chủ trì[1]"
    assert lines[6:9] == ["STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian",
                          "1 | Rà soát thủ tục hành chính | Văn phòng UBND tỉnh | Quý III/2018",
                          "2 | Đo lường sự hài lòng | Sở Nội vụ | Hằng năm"]
    assert lines[9:14] == ["Cộng hòa xã hội chủ nghĩa Việt Nam", "CHỈ THỊ", "QUY ĐỊNH CHUNG", "Trước hộp", "Trong hộp"]
    assert "ẩn" not in lines
    assert lines[-1] == "[1] Quyết định số 2548/QĐ-UBND ngày 29/12/2017."


def _with_footnotes(data: bytes, notes: dict) -> bytes:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = Document(io.BytesIO(data))
    body = "".join(f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {t}</w:t>'
                   f'</w:r></w:p></w:footnote>' for i, t in notes.items())
    xml = (f'<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           f'</w:footnote>{body}</w:footnotes>').encode("utf-8")
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", xml, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docm_content_type_is_read():
    data = make_docx({}, {}, [("Nội dung", None, 0)])
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
            dst.writestr(info, blob)
    assert lines_of(out.getvalue()) == ["Nội dung"]


# ------------------------------------------------------------------ the real files


def test_nd30_docx_matches_its_text_version():
    """corpora/raw/original/nd-30-2020-cp.docx against corpora/raw/nd-30-2020-cp.txt, which was
    extracted from it one line per Word paragraph."""
    raw = read_path(ORIGINAL / "nd-30-2020-cp.docx")
    assert raw.format == "docx"
    got = [" ".join(x.split()) for x in raw.text.split("\n") if x.strip()]
    want = [" ".join(x.split()) for x in (ROOT / "corpora/raw/nd-30-2020-cp.txt").read_text(encoding="utf-8").split("\n")
            if x.strip()]
    assert got[:6] == ["CHÍNH PHỦ", "_______", "Số: 30/2020/NĐ-CP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                       "Độc lập - Tự do - Hạnh phúc", "________________________________________"]
    missing = [line for line in want if line not in got]
    assert len(missing) <= 0.02 * len(want), missing[:5]
    assert "Điều 1. Phạm vi điều chỉnh" in got and got[-1] == "Nguyễn Xuân Phúc"
    assert "Hà Nội, ngày 05 tháng 3 năm 2020" in got


def test_nd30_docx_record():
    from docextract import extract

    record = extract(ORIGINAL / "nd-30-2020-cp.docx")
    assert record.source.format == "docx"
    assert record.document.number == "30/2020/NĐ-CP"
    assert record.document.type == "Nghị định"
    assert str(record.document.issued_date) == "2020-03-05"


def test_nd30_annex_2_docx():
    lines = [x for x in read_path(ORIGINAL / "nd-30-2020-cp-phu-luc-2.docx").text.split("\n") if x.strip()]
    assert lines[:2] == ["Phụ lục II", "VIẾT HOA TRONG VĂN BẢN HÀNH CHÍNH"]
    assert "I. VIẾT HOA VÌ PHÉP ĐẶT CÂU" in lines
    assert "1. Tên người Việt Nam" in lines


@pytest.mark.skipif(not (__import__("shutil").which("soffice") or __import__("shutil").which("antiword")),
                    reason="needs LibreOffice or antiword")
def test_nd30_annex_1_doc():
    raw = read_path(ORIGINAL / "nd-30-2020-cp-phu-luc-1.doc")
    assert raw.format == "doc"
    lines = [" ".join(x.split()) for x in raw.text.split("\n") if x.strip()]
    assert lines[0] == "Phụ lục I"
    assert "THỂ THỨC, KỸ THUẬT TRÌNH BÀY VĂN BẢN HÀNH CHÍNH" in lines
    assert "1. Khổ giấy: Khổ A4 (210 mm x 297 mm)." in lines
    assert any(line.startswith("a) Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”") for line in lines)


def test_legacy_text_without_font_signal_and_unicode_in_legacy_font():
    from docextract.read.legacy import encode_tcvn3

    document = Document()
    for line in ("Céng hßa x· héi chñ nghÜa ViÖt Nam", encode_tcvn3("Căn cứ Luật Tổ chức chính quyền địa phương")):
        document.add_paragraph(line)  # TCVN3 bytes in Times New Roman: found by content
    unicode_run = document.add_paragraph().add_run("Quyết định này có hiệu lực kể từ ngày ký")
    unicode_run.font.name = ".VnTime"  # a converted document that kept its old font name
    out = io.BytesIO()
    document.save(out)
    raw = read_bytes(out.getvalue(), "legacy.docx")
    assert raw.encoding == "tcvn3"
    assert [x for x in raw.text.split("\n") if x] == [
        "Cộng hòa xã hội chủ nghĩa Việt Nam", "Căn cứ Luật Tổ chức chính quyền địa phương",
        "Quyết định này có hiệu lực kể từ ngày ký"]


HAS_SOFFICE = bool(__import__("shutil").which("soffice"))


@pytest.mark.skipif(not HAS_SOFFICE, reason="needs LibreOffice")
def test_rtf_and_odt_through_libreoffice():
    from docextract.read.doc import convert_with_soffice

    rtf = (b"{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0 "
           b"Ch\\u7881?\\u8203? th\\u7883? s\\u7889? 02\\par 1. T\\u259?ng c\\u432?\\u7901?ng\\par}")
    assert [x for x in read_bytes(rtf, "a.rtf").text.split("\n") if x.strip()] == ["Chỉ\u200b thị số 02", "1. Tăng cường"]
    odt = convert_with_soffice(make_docx({1: OUTLINE}, {7: (1, {})}, [("MỤC TIÊU", 7, 0), ("Mục tiêu", 7, 1)]),
                               "t.docx", "docx", target="odt")
    assert lines_of(odt) == ["I. MỤC TIÊU", "1. Mục tiêu"]


@pytest.mark.skipif(not __import__("shutil").which("antiword"), reason="needs antiword")
def test_doc_through_antiword_when_libreoffice_is_missing(monkeypatch):
    from docextract.read import doc

    monkeypatch.setattr(doc, "soffice_path", lambda: None)
    raw = read_path(ORIGINAL / "nd-30-2020-cp-phu-luc-1.doc")
    lines = [" ".join(x.split()) for x in raw.text.split("\n") if x.strip()]
    assert "Phụ lục I" in lines and "1. Khổ giấy: Khổ A4 (210 mm x 297 mm)." in lines


def test_doc_without_converters_is_a_clear_error(monkeypatch):
    from docextract import UnreadableInput
    from docextract.read import doc

    monkeypatch.setattr(doc, "soffice_path", lambda: None)
    monkeypatch.setattr(doc.shutil, "which", lambda name: None)
    with pytest.raises(UnreadableInput, match="needs LibreOffice .soffice. or antiword"):
        read_path(ORIGINAL / "nd-30-2020-cp-phu-luc-1.doc")
