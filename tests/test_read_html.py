"""Saved web pages (docextract.read.html): the document body without the site chrome."""
import sys
from pathlib import Path

from docextract.read import read_bytes
from docextract.read.html import CHROME_ATTR_RE, _CHARSET_RE
from docextract.read.legacy import encode_tcvn3

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
import badfiles  # noqa: E402

# The chrome is the one that kh-249-ubnd-lang-son-2021.txt shows flattened: a list of related
# documents, menus, a footer. The body lines are from the same seed.
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Kế hoạch 249/KH-UBND</title>
<script>var ads = 1;</script><style>.x{}</style></head><body>
<header class="site-header"><a href="/">Trang chủ</a> <a href="/vb">Văn bản</a></header>
<nav><ul><li><a href="/a">Văn bản mới</a></li><li><a href="/b">Văn bản hợp nhất</a></li></ul></nav>
<div class="page">
 <div class="left-col">
  <div id="noidung" class="content1">
   <table><tr><td><b>ỦY BAN NHÂN DÂN<br>TỈNH LẠNG SƠN</b></td><td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập - Tự do - Hạnh phúc</td></tr>
   <tr><td>Số: 249/KH-UBND</td><td><i>Lạng Sơn, ngày 29 tháng 12 năm 2021</i></td></tr></table>
   <p align="center"><b>KẾ HOẠCH</b></p>
   <p>Căn cứ <a href="/nq76">Nghị quyết số 76/NQ-CP</a> ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính Nhà nước giai đoạn 2021-2030;</p>
   <p>1. Mục đích</p>
   <p>Tập trung triển khai thực hiện đồng bộ, toàn diện, có hiệu quả các mục tiêu, nhiệm vụ theo Nghị quyết số 76/NQ-CP.</p>
   <ol><li>Cụ thể hóa chỉ tiêu, nhiệm vụ Kế hoạch CCHC này.</li><li>Chủ động chỉ đạo, điều hành thực hiện có hiệu quả.</li></ol>
   <table border="1"><tr><td>STT</td><td>Nhiệm vụ</td><td>Cơ quan chủ trì</td><td>Thời gian</td></tr>
   <tr><td>1</td><td>Rà soát thủ tục hành chính</td><td>Văn phòng UBND tỉnh</td><td>Hằng năm</td></tr></table>
   <div class="share-buttons"><a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">In</a></div>
  </div>
  <div class="related"><h3>Văn bản liên quan</h3><ul>
   <li><a href="/1">1 Luật ngân sách nhà nước 2015</a></li><li><a href="/2">2 Nghị định 107/2020/NĐ-CP sửa đổi</a></li>
   <li><a href="/3">3 Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa</a></li></ul></div>
 </div>
 <aside><div class="quangcao">Quảng cáo: mua ngay</div></aside>
</div>
<footer>Bản quyền thuộc về cổng thông tin. Địa chỉ: Hà Nội.</footer>
<div style="display:none">ẩn</div>
</body></html>"""


def lines_of(data: bytes, name: str = "page.html") -> list[str]:
    return [x for x in read_bytes(data, name).text.split("\n") if x.strip()]


def test_body_without_chrome():
    lines = lines_of(PAGE.encode("utf-8"))
    # the two-column header column by column, as the docx and pdf readers give it
    assert lines[:6] == ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN", "Số: 249/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Lạng Sơn, ngày 29 tháng 12 năm 2021"]
    assert "KẾ HOẠCH" in lines and "1. Mục đích" in lines
    assert ("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách "
            "hành chính Nhà nước giai đoạn 2021-2030;") in lines
    assert "1. Cụ thể hóa chỉ tiêu, nhiệm vụ Kế hoạch CCHC này." in lines  # <ol> numbers as the browser shows them
    assert "1 | Rà soát thủ tục hành chính | Văn phòng UBND tỉnh | Hằng năm" in lines
    text = "\n".join(lines)
    for chrome in ("Trang chủ", "Văn bản mới", "Văn bản liên quan", "Luật ngân sách", "Quảng cáo", "Bản quyền",
                   "Facebook", "ẩn", "var ads"):
        assert chrome not in text


def test_charset_legacy_font_and_mhtml():
    import unicodedata

    page = PAGE.replace('charset="utf-8"', 'charset="windows-1258"')
    data = bytearray()
    for ch in page:  # cp1258 stores the letter (ô, ơ, ư ...) then the tone mark
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
        data += (unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones)) + tones).encode("cp1258")
    assert lines_of(bytes(data))[:6] == lines_of(PAGE.encode("utf-8"))[:6]
    legacy = ('<html><body><div><p>Mở đầu</p><p><font face=".VnTime">' + encode_tcvn3("Căn cứ Luật Tổ chức chính quyền địa phương")
              + '</font></p><p style="font-family: .VnTimeH">' + encode_tcvn3("quyết định") + "</p></div></body></html>")
    assert lines_of(legacy.encode("utf-8")) == ["Mở đầu", "Căn cứ Luật Tổ chức chính quyền địa phương", "QUYẾT ĐỊNH"]
    assert "Số: 249/KH-UBND" in lines_of(badfiles.mhtml(PAGE), "page.mht")


def test_regexes():
    assert CHROME_ATTR_RE.search("box-related") and CHROME_ATTR_RE.search("main-menu") and CHROME_ATTR_RE.search("footer")
    assert not CHROME_ATTR_RE.search("content1") and not CHROME_ATTR_RE.search("noidung") and not CHROME_ATTR_RE.search("menuitemx")
    assert _CHARSET_RE.search(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">').group(1) == b"windows-1258"
