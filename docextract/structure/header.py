"""The document header: type, number (symbol), issuer, place, date, title, signer.

The header of an administrative document (Nghị định 30/2020, Phụ lục I) has two columns:
the issuing body and "Số: ..." on the left, the national motto and "Place, ngày ..." on the
right, then the type name ("CHỈ THỊ") and the title (trích yếu). Captures flatten the columns
in either order, side by side with "|" or one below the other; so the parser looks at the
cells of the first paragraphs one by one and recognises each by its shape, never by position.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

import regex as re

from .. import vocab
from ..model import DocumentInfo, Paragraph
from ..normalise import folded_offsets
from ..prebuild import built_once
from ..scan import finditer_at, word_starts
from . import layout
from .sections import match_enumerator

HEADER_SCAN = 40  # paragraphs at the top in which the header is looked for

# The national motto and the Party's, in one or two lines, possibly glued to the issuer by OCR.
MOTTO = re.compile(
    r"C[ỘO]NG\s*H[ÒOÀ]A\s*X[ÃA]\s*H[ỘO]I\s*CH[ỦU]\s*NGH[ĨI]A\s*VI[ỆE]T\s*NAM|"
    r"Độc\s*lập\s*[-–]\s*Tự\s*do\s*[-–]\s*Hạnh\s*phúc|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|"
    # the motto broken over two lines: "... CỘNG" + "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    r"C[ỘO]NG(?:\s*H[ÒOÀ]A)?\s*$|^H[ÒOÀ]A\s*X[ÃA]\s*H[ỘO]I(?:\s*CH[ỦU]\s*NGH[ĨI]A\s*VI[ỆE]T\s*NAM)?|"
    r"^CH[ỦU]\s*NGH[ĨI]A\s*VI[ỆE]T\s*NAM",
    re.IGNORECASE,
)
# The number and symbol: "249/KH-UBND", "02/2011/CT-UBND", "773 /QĐ-TTg", Party "125-KH/TU".
SYMBOL = (r"\d{1,5}[a-zđ]?(?:[-–]\p{Lu}{1,6}|\s?/\s?\d{4})?\s?/\s?\p{Lu}[\p{L}\d]*"
          r"(?:\s?[-–]\s?\p{Lu}[\p{L}\d&]*)*")
# "Số: 249/KH-UBND", "Số 02/2011/CT-UBND", "Luật số: 60/2024/QH15", anywhere in a header cell.
# A lower-case "số" only with its type word and a colon: "Chỉ thị số 32/CT-TTg" in a sentence is a citation.
NUMBER_CELL = re.compile(r"(?<!\p{L})(?:Số\s*:?|SỐ\s*:?|\p{Lu}\p{Ll}+\s+số\s*:)\s*(?P<number>" + SYMBOL + r")")
# "Lào Cai, ngày 26 tháng 12 năm 2011", "Thành phố Hồ Chí Minh, ngày ...", "Hà Nội, ngày 05/3/2020".
PLACE_DATE_CELL = re.compile(
    r"(?<![\p{L}\p{N}/\-])(?P<place>\p{Lu}[\p{Ll}.]*(?:\s(?:\p{Lu}[\p{Ll}.]*|phố)){0,4})\s*,?\s*ngày\s*"
    r"(?P<day>\d\s?\d?)\s*(?:tháng\s*(?P<month>\d\s?\d?)\s*năm\s*|[/.\-]\s*(?P<month2>\d{1,2})\s*[/.\-]\s*)"
    r"(?P<year>\d{4})"
)
# The closing formula of a text an assembly passes: "Nghị quyết này được Ủy ban Thường vụ Quốc
# hội ... thông qua ngày 16 tháng 6 năm 2025." (a law or resolution dated by its vote, not in a header cell)
PASSED_ON = re.compile(
    r"\b(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Hiến pháp)\s+này\s+(?:đã\s+)?được\s[^.]{0,200}?\bthông\s+qua\s+"
    r"ngày\s*(?P<day>\d{1,2})\s*tháng\s*(?P<month>\d{1,2})\s*năm\s*(?P<year>\d{4})"
)
# A line that opens the body rather than continuing the title.
BODY_OPENER = re.compile(r"^(?:Căn cứ|Thực hiện|Để |Trong |Theo |Ngày |Kính gửi|Xét |Thời gian qua|Năm \d{4}|Qua )")
# A press article's dateline: "(Baohatinh.vn) - Sáng 29/8, ...".
PRESS_DATELINE = re.compile(r"^\((?P<site>[\p{L}\d\-]+)\.(?:vn|com\.vn|gov\.vn|net|com)\)\s*[-–]")
# A legal portal's table of contents under an article's headline ("Nội dung chính").
PAGE_CONTENTS_LINE = re.compile(r"^Nội\s+dung\s+chính\s*$")
CONTENTS_LINE_WITHIN = 3  # paragraphs after the headline
MAX_HEADLINE = 250  # characters
# The lead of a news item on a new text, on a page without a header: "Bộ Y tế ban hành Thông tư số
# 40/2025/TT-BYT ...", "Chính phủ vừa ban hành Nghị định 200/2025/NĐ-CP ...". A document never opens
# by reporting its own issue, so such a page is a news item.
NEWS_LEAD = re.compile(r"^[^.\n]{0,120}?\b(?:(?:vừa|đã|mới)\s+(?:ký\s+)?ban\s+hành|ban\s+hành\s+(?=\p{Lu}\p{Ll}+\s+\p{Ll}*\s*(?:số\s+)?\d))")
# Issuing bodies named in the body when the header lost them:
# "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:", "UBND tỉnh ban hành Kế hoạch ..."; not the issuer of a
# citation ("Quyết định số 13/2016/QĐ-UBND ... của Ủy ban nhân dân tỉnh Hải Dương ban hành Quy định").
BODY_ISSUER = re.compile(
    r"(?<!của\s)(?<!của\s(?:Chủ tịch\s)?)(?P<issuer>(?:Chủ tịch\s+)?(?:Ủy ban nhân dân|UBND)\s+(?:tỉnh|thành phố)(?P<place>(?:\s+\p{Lu}\p{Ll}*){0,3}))"
    r"\s+(?:ban hành|yêu cầu|chỉ thị|xây dựng|quyết định|giao)\b"
)
# A person's name alone on a line (the signer): two to five capitalised syllables.
PERSON_NAME = re.compile(r"^(?:\p{Lu}\p{Ll}*\s){1,4}\p{Lu}\p{Ll}*$")
# "V/v ..." or "Về việc ..." trích yếu of a công văn.
CONG_VAN_SUBJECT = re.compile(r"^V/v\b|^Về việc\b")
# A local body named without its locality.
GENERIC_LOCAL_BODY = re.compile(r"^(?:Ủy ban nhân dân|Hội đồng nhân dân)$")
SIGNATURE_HEAD = re.compile(r"^(?:TM|KT|TL|TUQ)\.\s*(?P<body>.+)$")

# Small helpers, compiled once rather than looked up in the regex cache on every call.
WHITESPACE = re.compile(r"\s+")
CELL = re.compile(r"[^|]+")  # one cell of a flattened table row "A | B |"
SYMBOL_SEPARATOR = re.compile(r"[/\-]")  # "249/KH-UBND" -> 249, KH, UBND
CLAUSE_END = re.compile(r"[.;:]$")  # a line ending like a sentence or a lead-in is not a title
NUMBER_LABEL = re.compile(r"^(?:Số|SỐ)\b")
PARENT_LOCALITY = re.compile(r"^(?:Ủy ban nhân dân|UBND)\s+((?:tỉnh|thành phố)\s+.+)$", re.IGNORECASE)
SUBORDINATE_BODY = re.compile(r"^(?:Sở|Ban|Văn phòng|Thanh tra|Cục|Chi cục|Tổng cục|Trung tâm)\b")
# A ministry above its own department ("BỘ TÀI CHÍNH" over "CỤC THUẾ"): the department issues.
MINISTRY_AND_DEPARTMENT = re.compile(r"^Bộ\s.+?\s((?:Tổng\s+cục|Cục|Vụ|Viện|Thanh\s+tra)\s.+)$", re.IGNORECASE)
# "V/v ..." anywhere in a header cell ("Số: 5680/CT-CS V/v thuế TNCN ..."): a công văn's trích yếu.
CONG_VAN_SUBJECT_IN_CELL = re.compile(r"(?:^|\s)V/v\s")
# Lines at the end that look like a name but are not the signer's: a chapter or article heading.
NOT_A_SIGNER = re.compile(r"^(?:Chương|Mục|Phần|Điều|Phụ lục)\b")
LOCAL_BODY_LEVEL = re.compile(r"\b(Ủy ban nhân dân|Hội đồng nhân dân) (Tỉnh|Thành phố)\b")

# restore_case: the distinguishing part after a generic head noun ("Bộ Tài chính", "Sở Nội vụ"),
# and the proper nouns of the central bodies.
HEAD_NOUN_AND_NAME = re.compile(r"\b(Bộ|Sở|Ban|Cục|Tổng cục|Văn phòng|bộ|sở)\s+(\p{Ll})")
CENTRAL_BODY_NAMES = [
    (re.compile(r"\bchính phủ\b"), "Chính phủ"),
    (re.compile(r"\bthủ tướng\b"), "Thủ tướng"),
    (re.compile(r"\bquốc hội\b"), "Quốc hội"),
]


# "tỉnh " / "thành phố " / "TP. " in any case, each letter spelled with its one case variant: the
# regex module scans this twice as fast as the words under IGNORECASE.
PROVINCE_KIND_WORD = r"\b(?:[tT][ỉỈ][nN][hH]|[tT][hH][àÀ][nN][hH] [pP][hH][ốỐ]|[tT][pP]\.?)\s+"
# The same words in lower case: they are looked up first, since scanning the whole text with the
# pattern stops at every "t" and costs several times more.
PROVINCE_KIND_STARTS = ("tỉnh", "thành phố", "tp")


@built_once
def province_name_words() -> list[tuple[re.Pattern, str]]:
    """(pattern, name) for each province name as a whole word in any case, longest name first."""
    return [(re.compile(r"(?i)\b" + re.escape(name) + r"\b"), name) for _, name in vocab.provinces()]


@built_once
def any_province_name_word() -> re.Pattern:
    """Any of the names of province_name_words(): text without a match needs none of them."""
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(name) for _, name in vocab.provinces()) + r")\b")


@built_once
def province_mention() -> re.Pattern:
    """"tỉnh X" / "thành phố X" / "TP. X" for any province X; group i + 1 is vocab.provinces()[i].

    One mention can name one province only, so one scan counts what a scan per province
    counted, as long as no name begins with another (checked here).
    """
    names = [name.casefold() for _, name in vocab.provinces()]
    for short in names:
        for long in names:
            if long != short and long.startswith(short):
                raise ValueError(f"province name {short!r} begins {long!r}: find_province needs a scan per name")
    alternatives = "|".join(f"({re.escape(name)})" for _, name in vocab.provinces())
    return re.compile(PROVINCE_KIND_WORD + r"(?i:" + alternatives + r")\b")


@lru_cache(maxsize=None)
def folded_doc_types() -> list[tuple[str, str]]:
    """(name, folded name) of vocab.doc_types(), in its order (longest first)."""
    return [(t["name"], _fold(t["name"])) for t in vocab.doc_types()]


def _iso_date(year: str, month: str, day: str) -> str | None:
    """ISO date from header digits that OCR may space out ("0 6"); None when impossible."""
    y, mo, d = (int(WHITESPACE.sub("", x)) for x in (year, month, day))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _cells(paragraph: Paragraph) -> list[tuple[int, str]]:
    """Split a flattened table row "A | B |" into (offset, text) cells, motto removed."""
    cells = []
    for match in CELL.finditer(paragraph.text):
        start = paragraph.span[0] + match.start()
        text = match.group()
        motto = MOTTO.search(text)
        while motto:  # keep what stands beside the motto (OCR glues columns together)
            left, right = text[: motto.start()], text[motto.end():]
            if left.strip():
                cells.append((start + len(left) - len(left.lstrip()), left.strip()))
            start += motto.end()
            text = right
            motto = MOTTO.search(text)
        if text.strip():
            cells.append((start + len(text) - len(text.lstrip()), text.strip()))
    return cells


def _type_of_line(text: str) -> str | None:
    """"CHỈ THỊ" -> "Chỉ thị" when an upper-case line starts with a document type name."""
    if not _is_upper(text.split(" VỀ ")[0]):
        return None
    folded = _fold(text)
    for type_name, name in folded_doc_types():
        if folded == name or folded.startswith(name + " ") or folded.startswith(name + ":"):
            return type_name
        if folded.startswith(name) and len(text) > len(name) + 3 and text[len(name)].isupper():
            return type_name  # "LUẬTCÁN BỘ, CÔNG CHỨC": the line break was lost
    return None


def _type_from_symbol(number: str) -> str | None:
    """"249/KH-UBND" -> "Kế hoạch"; "05/BNV-VP" (no type abbreviation) -> None."""
    parts = SYMBOL_SEPARATOR.split(number)
    by_abbr = vocab.type_by_abbreviation()
    for part in parts[1:]:
        if part in by_abbr:
            return by_abbr[part]
    return None


def restore_case(upper: str) -> str:
    """Upper-case header text -> sentence case with place names and proper nouns restored."""
    text = upper.lower()
    text = text[:1].upper() + text[1:]
    if any_province_name_word().search(text):
        for pattern, name in province_name_words():
            text = pattern.sub(name, text)
    # Capitalise the distinguishing part after a generic head noun: "Bộ Tài chính", "Sở Nội vụ".
    text = HEAD_NOUN_AND_NAME.sub(lambda m: m.group(1).capitalize() + " " + m.group(2).upper(), text)
    for pattern, name in CENTRAL_BODY_NAMES:
        text = pattern.sub(name, text)
    return text


def _normalise_symbol(symbol: str) -> str:
    symbol = WHITESPACE.sub("", symbol).replace("–", "-")
    return symbol


def find_province(text: str) -> tuple[str, str] | None:
    """The province or city most often named as "tỉnh X" / "thành phố X" in the text."""
    return most_named_province(province_counts(text))


def province_counts(text: str) -> Counter:
    """How often the text names each province as "tỉnh X" / "thành phố X" (by index in vocab.provinces())."""
    return Counter(match.lastindex - 1 for match in _province_mentions(text))


def most_named_province(counts: Counter, dominant: bool = False) -> tuple[str, str] | None:
    """The province named most often (``dominant``: only one named at least twice and in more
    than half of the mentions)."""
    if not counts:
        return None
    most = max(counts.values())
    if dominant and (most < 2 or 2 * most <= sum(counts.values())):
        return None
    provinces = vocab.provinces()
    return next(provinces[i] for i in range(len(provinces)) if counts[i] == most)  # ties: list order


def _province_mentions(text: str):
    """``province_mention().finditer(text)``, the pattern tried only where a kind word starts."""
    folded = folded_offsets(text)  # (None when offsets would not carry over: every position is tried)
    starts = word_starts(folded, PROVINCE_KIND_STARTS) if folded is not None else None
    return finditer_at(province_mention(), text, 0, len(text), starts)


def parse_header(text: str, paragraphs: list[Paragraph]) -> DocumentInfo:
    """Read the header cells at the top of the document; fill the gaps from the body."""
    info = DocumentInfo()
    top = [p for p in paragraphs[:HEADER_SCAN] if p.zone not in ("chrome", "closing")]
    issuer_cells: list[tuple[int, str]] = []
    type_index = None
    title_start = None
    header_end = 0
    for index, para in enumerate(top):
        if type_index is not None and index > type_index + 1 and info.number and info.issued_date:
            break
        if BODY_OPENER.match(para.text) or PRESS_DATELINE.match(para.text):
            break  # the body has begun: "Số" and dates further down belong to citations
        for offset, cell in _cells(para):
            found = False
            if info.number is None and (m := NUMBER_CELL.search(cell)):
                info.number = _normalise_symbol(m.group("number"))
                info.spans["number"] = (offset + m.start("number"), offset + m.end("number"))
                header_end = max(header_end, para.span[1])
                before = cell[: m.start()].strip()
                if before and _is_upper(before) and info.issued_date is None and type_index is None:
                    issuer_cells.append((offset, before))  # "CHÍNH PHỦ Số: 170/2025/NĐ-CP"
                found = True
            if info.issued_date is None and (m := PLACE_DATE_CELL.search(cell)):
                month = WHITESPACE.sub("", m.group("month") or m.group("month2"))
                info.place = m.group("place").strip()
                info.issued_date = _iso_date(m.group("year"), month, m.group("day"))
                info.spans["place"] = (offset + m.start("place"), offset + m.start("place") + len(info.place))
                info.spans["issued_date"] = (offset + m.start("day"), offset + m.end("year"))
                header_end = max(header_end, para.span[1])
                found = True
            if found:
                continue
            if type_index is None and (doc_type := _type_of_line(cell)):
                info.type = doc_type
                info.spans["type"] = (offset, offset + len(cell))
                type_index = index
                rest = cell[len(doc_type):].strip(" :")
                if rest:  # "CHỈ THỊ VỀ VIỆC ..." on one line
                    info.title = restore_case(rest) if _is_upper(rest) else rest
                    info.spans["title"] = (offset + len(cell) - len(rest), offset + len(cell))
                header_end = max(header_end, para.span[1])
                continue
            if type_index is None and _is_upper(cell) and len(cell) < 120:
                if info.number is None and info.issued_date is None:
                    issuer_cells.append((offset, cell))  # the issuer stands above "Số:"
                elif title_start is None:
                    title_start = index  # no type line: an upper-case title below "Số:"
    if type_index is None and title_start is not None:
        _read_title(info, top[title_start: title_start + 6])
    if type_index is not None and info.title is None:
        _read_title(info, top[type_index + 1: type_index + 8])
    if info.title is None:
        _read_cong_van_subject(info, top)
    if "title" in info.spans:
        header_end = max(header_end, info.spans["title"][1])
    if issuer_cells:
        _read_issuer(info, issuer_cells)
        header_end = max(header_end, issuer_cells[-1][0] + len(issuer_cells[-1][1]))
    _read_press_article(info, paragraphs)
    _read_question_page(info, paragraphs)
    reports_a_new_text = _read_news_lead(info, paragraphs)
    portal_article = _read_headline_page(info, paragraphs)
    if info.type is None and info.number:
        # Without a type line, the symbol tells: "249/KH-UBND" is a Kế hoạch; a symbol with no
        # type abbreviation ("4085/UBND-ĐT", issuer then unit) is a công văn (NĐ 30/2020, Phụ lục I).
        # A "V/v ..." subject line is the trích yếu of a công văn, whatever the symbol's letters
        # ("5680/CT-CS" is Cục Thuế's, not a Chỉ thị).
        subject = any(CONG_VAN_SUBJECT_IN_CELL.search(p.text) for p in top[:max(type_index or 0, 12)])
        info.type = "Công văn" if subject else (_type_from_symbol(info.number) or "Công văn")
    counts = province_counts(text)
    province = most_named_province(counts)
    named = None
    if info.issuer and (name := vocab.find_province(info.issuer)):
        named = province = (vocab.province_kind(name), name)
    info.province = province[1] if province else None
    if info.issuer and province and GENERIC_LOCAL_BODY.match(info.issuer):
        # The capture lost the locality line ("ỦY BAN NHÂN DÂN" alone): a local body is always
        # the body of one province, the one the document is about.
        info.issuer = f"{info.issuer} {province[0]} {province[1]}"
    elif info.issuer and named is None:
        # A body that names no province is a central one (Chính phủ, a Bộ, Văn phòng Chính phủ, a
        # Cục): it has no province of its own; one it writes about is the document's subject.
        info.province = None
        dominant = most_named_province(counts, dominant=True)
        info.about_province = dominant[1] if dominant else None
    if info.issuer is None and info.number:
        # a capture that lost the issuer column: a central body's symbol names it ("NQ-UBTVQH15")
        info.issuer = vocab.central_issuer_of_symbol(info.number)
    if info.issuer is None:
        _issuer_from_body(info, text, paragraphs, province)
    if info.issued_date is None:
        _date_from_vote(info, paragraphs)
    info.signer = _read_signer(paragraphs)
    info.spans["header"] = (0, header_end)
    layout.mark_header(paragraphs, header_end)
    # a news item on a new text quotes what it charges bodies with; it charges nobody itself
    info.instructs = is_official(info) and not answers_only(paragraphs) and not reports_a_new_text \
        and not portal_article
    return info


def _read_title(info: DocumentInfo, following: list[Paragraph]) -> None:
    """The trích yếu: upper-case lines after the type line, or one short mixed-case line."""
    parts: list[Paragraph] = []
    for para in following:
        cell = para.text.strip(" |")
        if BODY_OPENER.match(cell) or match_enumerator(cell):
            break
        if MOTTO.search(cell) or NUMBER_CELL.search(cell) or PLACE_DATE_CELL.search(cell):
            continue
        if _is_upper(cell) and not BODY_OPENER.match(cell):
            parts.append(para)
            continue
        if not parts and len(cell) < 300 and not BODY_OPENER.match(cell) and not CLAUSE_END.search(cell):
            parts.append(para)
        break
    if not parts:
        return
    raw = " ".join(p.text.strip(" |") for p in parts)
    info.title = restore_case(raw) if _is_upper(raw) else raw
    info.spans["title"] = (parts[0].span[0], parts[-1].span[1])


def _read_cong_van_subject(info: DocumentInfo, top: list[Paragraph]) -> None:
    for para in top:
        for offset, cell in _cells(para):
            if CONG_VAN_SUBJECT.match(cell):
                info.title = cell
                info.spans["title"] = (offset, offset + len(cell))
                return


def _read_issuer(info: DocumentInfo, cells: list[tuple[int, str]]) -> None:
    """Issuer lines at the top-left: "ỦY BAN NHÂN DÂN" + "TỈNH LÀO CAI", or parent + body."""
    lines = [c for _, c in cells if not NUMBER_LABEL.match(c)]
    if not lines:
        return
    # A parent body above the issuer ("UBND TỈNH X" above "SỞ NỘI VỤ"): the issuer is the lower
    # line, qualified by the parent's locality.
    names = [restore_case(line) for line in lines[:3]]
    joined = " ".join(names)
    joined = WHITESPACE.sub(" ", joined).strip()
    joined = joined[:1].upper() + joined[1:]
    parent_locality = PARENT_LOCALITY.match(names[0])
    if len(names) >= 2 and parent_locality and SUBORDINATE_BODY.match(names[1]):
        joined = f"{names[1]} {parent_locality.group(1)}"
    elif (department := MINISTRY_AND_DEPARTMENT.match(joined)):  # on two lines or run together
        joined = restore_case(department.group(1).upper())
    joined = LOCAL_BODY_LEVEL.sub(lambda m: f"{m.group(1)} {m.group(2).lower()}", joined)
    info.issuer = joined
    info.spans["issuer"] = (cells[0][0], cells[-1][0] + len(cells[-1][1]))


def _read_press_article(info: DocumentInfo, paragraphs: list[Paragraph]) -> None:
    """A press article: "(Baohatinh.vn) - ..." gives type Tin bài and the newspaper as issuer."""
    if info.type is not None or info.number is not None:
        return
    for index, para in enumerate(paragraphs[:6]):
        match = PRESS_DATELINE.match(para.text)
        if not match:
            continue
        info.type = vocab.page_type("press")
        site = _fold(match.group("site")).replace("-", "")
        for kind, name in vocab.provinces():
            ascii_name = unicodedata.normalize("NFD", name.casefold()).encode("ascii", "ignore").decode().replace(" ", "").replace("đ", "d")
            ascii_name = ascii_name.replace("-", "")
            if site.startswith("bao") and site[3:] == ascii_name:
                info.issuer = f"Báo {name}"
        if info.title is None and index > 0:
            info.title = paragraphs[0].text
            info.spans["title"] = paragraphs[0].span
        return


def _read_news_lead(info: DocumentInfo, paragraphs: list[Paragraph]) -> bool:
    """A page without a header that opens by reporting that a text was issued: a news item
    (True when it is one)."""
    if info.type is not None or info.number is not None or info.issuer is not None:
        return False
    first = next((p for p in paragraphs if p.zone != "chrome" and p.text.strip()), None)
    if first is not None and NEWS_LEAD.match(first.text):
        info.type = vocab.page_type("press")
        return True
    return False


def _read_headline_page(info: DocumentInfo, paragraphs: list[Paragraph]) -> bool:
    """A legal portal's article: no header cells, a headline that asks nothing, then the portal's
    table of contents line ("Nội dung chính"). The headline is its title; like a Q&A page it
    instructs nobody (True when it is one)."""
    if info.type is not None or info.number is not None or info.issuer is not None:
        return False
    shown = [p for p in paragraphs if p.zone != "chrome" and p.text.strip()][:CONTENTS_LINE_WITHIN + 1]
    if len(shown) < 2 or len(shown[0].text) > MAX_HEADLINE or shown[0].text.rstrip().endswith(("?", ".", ":")):
        return False
    if not any(PAGE_CONTENTS_LINE.match(p.text) for p in shown[1:]):
        return False
    info.type = vocab.page_type("press")
    info.title = shown[0].text.strip()
    info.spans["title"] = shown[0].span
    return True


def _read_question_page(info: DocumentInfo, paragraphs: list[Paragraph]) -> None:
    """A legal Q&A page: no header cells, and its title (the first line) asks a question."""
    if info.type is not None or info.number is not None or info.issuer is not None:
        return
    first = next((p for p in paragraphs if p.zone != "chrome" and p.text.strip()), None)
    if first is not None and first.text.rstrip().endswith("?") and len(first.text) < 400:
        info.type = vocab.page_type("question")
        info.title = first.text.strip()
        info.spans["title"] = first.span


# The closing of a letter that answers for information only: "Cục Thuế có ý kiến để ông X được
# biết./.", "... trả lời để Ban ... được biết./." (not "được biết và triển khai thực hiện").
REPLY_FOR_INFORMATION = re.compile(r"\b(?:có\s+ý\s+kiến|trả\s+lời)\s+(?:để|cho)\s+[^.;]{0,200}?\bđược\s+biết\s*[./]", re.IGNORECASE)
REPLY_TAIL = 12  # paragraphs at the end of the body where the closing formula stands


def answers_only(paragraphs: list[Paragraph]) -> bool:
    """A Công văn that answers a question for information (tax or customs guidance): it quotes
    the rules that apply and orders nothing, so it has no tasks and no section tree of its own."""
    body = [p for p in paragraphs if p.zone == "body"]  # (site notices after the signature are "closing")
    # (read as one text: a capture may break the formula's line before a name, "ông Thái Mạnh" | "Cường")
    return REPLY_FOR_INFORMATION.search(" ".join(p.text for p in body[-REPLY_TAIL:])) is not None


def is_official(info: DocumentInfo) -> bool:
    """A document a body issued: its header gives a type, a number or an issuer (Nghị định
    30/2020, Điều 8). A page without one (an encyclopedia article, a news item, a Q&A page)
    instructs nobody: it has no section tree and no tasks of its own, even where it quotes a law
    that charges bodies."""
    if info.type == vocab.page_type("question"):
        return False
    return bool(info.type or info.number or info.issuer)


def _issuer_from_body(info: DocumentInfo, text: str, paragraphs: list[Paragraph], province) -> None:
    for para in paragraphs:
        if para.zone in ("chrome",):
            continue
        match = BODY_ISSUER.search(para.text)
        if not match:
            continue
        issuer = match.group("issuer").replace("UBND", "Ủy ban nhân dân")
        if not match.group("place").strip() and province:
            issuer = f"{issuer} {province[1]}"
        info.issuer = issuer
        start = para.span[0] + match.start("issuer")
        info.spans["issuer"] = (start, start + len(match.group("issuer")))
        return
    # The signature block: "TM. ỦY BAN NHÂN DÂN" names the issuing body.
    for para in paragraphs:
        if para.zone == "closing" and (m := SIGNATURE_HEAD.match(para.text)) and _is_upper(m.group("body")):
            body = restore_case(m.group("body"))
            if body.startswith(("Ủy ban nhân dân", "Hội đồng nhân dân")) and province:
                body = f"{body} {province[0]} {province[1]}"
            info.issuer = body
            return


def _date_from_vote(info: DocumentInfo, paragraphs: list[Paragraph]) -> None:
    """A law or resolution without a dated header cell is dated by its vote (PASSED_ON)."""
    for para in reversed(paragraphs):
        if para.zone == "chrome":
            continue
        if m := PASSED_ON.search(para.text):
            info.issued_date = _iso_date(m.group("year"), m.group("month"), m.group("day"))
            info.spans["issued_date"] = (para.span[0] + m.start("day"), para.span[0] + m.end("year"))
            return


def _read_signer(paragraphs: list[Paragraph]) -> str | None:
    """The signer's name: a person's name alone on a line near the end (signature block)."""
    tail = [p for p in paragraphs if p.zone != "chrome"][-25:]
    for para in reversed(tail):
        text = para.text.strip(" |")
        if NOT_A_SIGNER.match(text) or vocab.find_province(text) == text:
            continue
        if PERSON_NAME.match(text) and not _is_upper(text) and len(text.split()) >= 2:
            return text
    return None
