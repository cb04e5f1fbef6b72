"""Find citations in one paragraph: numbered ones (full and partial) with their date, issuer, title.

A citation is read left to right around its number/symbol (``symbols.py``):

    [type head] [số] SYMBOL [ngày DATE | năm YEAR] [của ISSUER] [TITLE]
    Nghị định   số   61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa ...

A symbol right after another citation and a connector ("các Nghị định số 61/2018/NĐ-CP và
107/2021/NĐ-CP") shares the head of the first. A type head followed by a number without a symbol
("Quyết định 13/2014 của UBND tỉnh", "Nghị định số 61", "Đề án 3713") is a *partial* mention, completed
later by ``resolve.py``. Name-only mentions are in ``names.py``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional, Sequence

import regex as re

from ..prebuild import built_once
from ..scan import finditer_at
from . import symbols, vocab


@dataclass(slots=True)
class Mention:
    """One mention found in the text, before resolution."""

    kind: str  # full | partial | name | self
    span: tuple[int, int]  # the mention itself (head .. issuer), offsets into the record text
    extent: tuple[int, int]  # the mention with its title: what a nested mention lies inside
    head: Optional[str] = None  # document type named by the head word
    symbol: Optional[symbols.Symbol] = None
    number: Optional[str] = None  # partial mentions: "13", "61", "3713"
    year: Optional[int] = None
    date: Optional[str] = None
    issuer_text: Optional[str] = None
    title: Optional[str] = None
    title_span: Optional[tuple[int, int]] = None
    name: Optional[str] = None
    law: Optional[dict] = None  # the laws.json entry a law name resolved to
    zone: str = "body"
    paragraph: int = 0
    nested: bool = False  # inside the title of another mention
    shares_head: bool = False  # took its type from the head of a list ("các Nghị định số A và B")
    extra: dict = field(default_factory=dict)


# ------------------------------------------------------------------ patterns


def literal_alternation(words: Iterable[str]) -> str:
    """``words`` as a regex alternation that prefers the longest, runs of spaces flexible.

    Written as a trie, words sharing a beginning share its test ("Nghị (?:quyết(?: liên tịch)?|định)"
    for "Nghị quyết liên tịch|Nghị quyết|Nghị định"): the same matches, tried several times faster."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body  # a longer word first, then this one

    return branch(trie)


@lru_cache(maxsize=None)
def type_alternation() -> str:
    """Document type names as a regex alternation preferring the longest, spaces flexible."""
    return literal_alternation(vocab.cited_type_names())


# "số" as written and as OCR damages it ("so", "sô", "sổ", "s6"), with an optional colon.
SO_WORD = r"(?:s[ốoôổ6]|SỐ)"
SO = rf"{SO_WORD}\s*[:.;]?"


@built_once
def head_before() -> re.Pattern:
    """A type head that ends right before a symbol: "Nghị định số ", "CHỈ THỊ SỐ ", "văn bản số "."""
    return re.compile(
        rf"(?<!\p{{L}})(?<!pháp\s)"  # "pháp luật số ..." is no head
        rf"(?i:(?P<head>{type_alternation()}|văn\s+bản|công\s+văn))"
        rf"(?:\s+(?:liên\s+tịch|hợp\s+nhất))?"  # "Thông tư liên tịch số", "văn bản hợp nhất số"
        rf"(?:(?:\s+\p{{Ll}}+){{1,3}}\s+{SO}|\s*(?:{SO})?)"  # "Chương trình hành động số"
        rf"\s*[\]\[|#]?\s*\Z"  # "số ] 39/NQ-CP": OCR debris before the number
    )


# The text between two symbols of one list: a connector and maybe "số" ("và số", ", ", "; ").
LIST_CONNECTOR = re.compile(rf"\G\s*(?:(?:[,;]|và|hoặc|cùng)\s*)?(?:các\s+)?(?:(?:{SO})\s*)?\Z")

# A date right after a symbol: "ngày 23/4/2018", "ngày 23 tháng 4 năm 2018", OCR "ngay22tháng".
DATE_AFTER = re.compile(
    r"\s*,?\s*(?:ban\s+hành\s+|ký\s+)?ng[àa]y\s*(?P<d>\d{1,2})\s*(?:"
    r"[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d{2})"
    r"|\s*th[áa]ng\s*(?P<m2>\d{1,2})\s*,?\s*n[ăa]m\s*(?P<y2>(?:19|20)\d{2}))"
)
# A year only: "Quyết định 749/QĐ-TTg năm 2020".
YEAR_AFTER = re.compile(r"\s*,?\s*năm\s+(?P<y>(?:19|20)\d{2})(?!\d)")
# The issuer: "của Chính phủ", "do Bộ Nội vụ ban hành"; bare only for Party bodies after a date
# ("Nghị quyết 19-NQ/TW ngày 25/10/2017 Hội nghị lần thứ 6 Ban Chấp hành Trung ương Đảng khóa XII").
# Patterns used with .match(text, pos) start with \G and enter a run of spaces once
# ("\s*,?\s*" is quadratic on long runs of spaces).
ISSUER_OPEN = re.compile(r"\G\s*(?:,\s*)?(?:của|do)\s+(?=\p{Lu})")
PARTY_ISSUER_OPEN = re.compile(r"\G\s*(?:,\s*)?(?=(?:Hội\s+nghị|Ban\s+Chấp\s+hành|Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư|Ban\s+Thường\s+vụ)\b)")
# Words that end an issuer phrase: the title starts, or the sentence goes on.
ISSUER_STOP = re.compile(
    r"\s(?=(?i:quy\s+định|hướng\s+dẫn|ban\s+hành|phê\s+duyệt|về\s+việc|v/v)(?!\p{L}))"  # a title, any case
    r"|\s(?=(?:về|v/v|V/v|quy\s+định|hướng\s+dẫn|ban\s+hành|phê\s+duyệt|sửa\s+đổi|bổ\s+sung|thực\s+hiện|"
    r"triển\s+khai|trong|đã|đang|và|tại|theo|để|nhằm|thì|trên|với|cho|gồm|khi|là|có|được|phải|"
    r"thành\s+lập|công\s+bố|giao|điều\s+chỉnh|bãi\s+bỏ|kiện\s+toàn|tăng\s+cường|một\s+số|như|"
    r"cần|nên|sẽ|mà|từ|đến|đối\s+với|khoảng|gồm|số|năm|tháng)(?!\p{L}))"
    r"|[,;:.()\[\]“”\"]|\s\|"
    r"|(?<!thứ|ương|khóa|khoá)\s(?=\d)"  # amounts after the issuer; "lần thứ 6", "Trung ương 4" stay
)
# A title starts with a word like these ("về thực hiện cơ chế một cửa ...", "V/v ...", a quote).
TITLE_OPEN = re.compile(
    r"\G\s*(?:,\s*)?(?P<open>[“\"]\s*)?(?=(?i:về|v/v|quy\s+định|hướng\s+dẫn|ban\s+hành|phê\s+duyệt|sửa\s+đổi|"
    r"bổ\s+sung|thực\s+hiện|triển\s+khai|thành\s+lập|công\s+bố|giao|điều\s+chỉnh|bãi\s+bỏ|kiện\s+toàn|"
    r"tăng\s+cường|ban\s+hành\s+kèm\s+theo|phân\s+cấp|quy\s+chế)(?!\p{L}))"
)
# Where a title stops: end of sentence or clause, or phrases that go back to the main sentence.
TITLE_STOP = re.compile(
    r";|:|\.(?=\s|$|\))|\./\.|\s\|"
    r"|\s(?:để|nhằm|gắn\s+với|đã\s+được|theo\s+hướng|thời\s+gian\s+hoàn\s+thành|trên\s+cơ\s+sở|"
    r"trong\s+đó|trong\s+việc|như\s+sau|cụ\s+thể\s+như\s+sau)(?!\p{L})"
    r"|,\s(?:đảm\s+bảo|bảo\s+đảm|đồng\s+thời|trong\s+đó|nhằm|góp\s+phần|trong\s+những|nhưng|tuy\s+nhiên|"
    r"do\s+đó|vì\s+vậy|qua\s+đó|từ\s+đó|nhất\s+là|đặc\s+biệt\s+là)(?!\p{L})"
)


# A title that amends ("sửa đổi, bổ sung một số điều của ...") may list the laws it amends: their names
# are part of the title, not citations after it (LAW_LIST_ITEM: ", Luật X", " và Luật Y").
AMENDING_TITLE = re.compile(r"\G[“\"]?\s*(?i:sửa\s+đổi,?\s+bổ\s+sung|sửa\s+đổi)\s+(?i:một\s+số\s+điều\s+của|các|của)\s+(?:các\s+)?(?:Luật|Bộ\s+luật|Pháp\s+lệnh)(?!\p{L})")
LAW_LIST_ITEM = re.compile(r"\G(?:,|\s+và)\s+(?:Luật|Bộ\s+luật|Pháp\s+lệnh)(?!\p{L})")


@built_once
def coordinated_head() -> re.Pattern:
    """", Quyết định số", " và Kế hoạch": a new citation that ends the title before it."""
    return re.compile(rf"(?:,|(?<!\s)\s+và|(?<!\s)\s+hoặc|;)\s+(?:các\s+)?(?:{type_alternation()}|Luật|Bộ\s+luật|Hiến\s+pháp)"
                      r"(?!\p{L})")


@built_once
def partial_pattern() -> re.Pattern:
    """A capitalised type head and a bare number: "Quyết định 13/2014", "Nghị định số 61", "Đề án 3713".

    The number must end there: not a symbol (no "/" + letters), not a range ("2021-2025"), not a
    decimal, not a date or an amount ("Kế hoạch 2 tháng", "Nghị quyết 30%").
    """
    return re.compile(
        rf"(?<!\p{{L}})(?P<head>{type_alternation()})\s+(?:{SO}\s*)?(?P<num>\d{{1,5}}[a-zđ]?)"
        rf"(?:{symbols.SLASH}(?P<year>(?:19|20)\d{{2}}))?"
        r"(?![\p{L}\d/]|\s?[-–]\s?\d|[.,]\d|\s*%|\s+(?:tháng|năm|ngày|người|lần|xã|huyện|tỉnh)(?!\p{L}))"
    )


# Partial heads that are documents numbered on their own; a "Dự án 4" or "Chương trình 135" is a
# project or programme, not a document.
PARTIAL_TYPES_EXCLUDED = {"Dự án", "Chương trình", "Hợp đồng", "Biên bản", "Phiếu gửi", "Phiếu chuyển",
                          "Phiếu báo", "Giấy mời", "Giấy giới thiệu", "Giấy nghỉ phép", "Giấy ủy quyền",
                          "Báo cáo", "Tờ trình"}


# A run of spaces, written as one space in names and heads.
SPACES = re.compile(r"\s+")


def canonical_type(head: str) -> Optional[str]:
    """"NGHỊ ĐỊNH" / "Nghị  định" -> "Nghị định"; "văn bản" -> None."""
    flat = SPACES.sub(" ", head).casefold()
    name = vocab.type_by_folded_name().get(flat)
    if name:
        return name
    if flat == "công văn":
        return "Công văn"
    return None


def iso_date(d: str, m: str, y: str) -> Optional[str]:
    try:
        day, month, year = int(d), int(m), int(y)
    except (TypeError, ValueError):
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 < year < 2100):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


# ------------------------------------------------------------------ finder

# The quote that closes a quoted title.
QUOTE_CLOSE = re.compile(r"[”\"]")
# A number that is a year: "Kế hoạch 2026" is a year's plan, not plan number 2026.
YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")


MAX_TITLE_WORDS = 70  # a cited document's title is cut after this many words


def _read_tail(text: str, pos: int, limit: int, mention: Mention) -> int:
    """Read the date, issuer and title after ``pos``; fill ``mention``; return the end of the mention
    proper (before the title)."""
    end = pos
    m = DATE_AFTER.match(text, end, limit)
    if m:
        mention.date = iso_date(m.group("d"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2"))
        end = m.end()
    else:
        m = YEAR_AFTER.match(text, end, limit)
        if m:
            mention.year = mention.year or int(m.group("y"))
            end = m.end()
    m = ISSUER_OPEN.match(text, end, limit) or (PARTY_ISSUER_OPEN.match(text, end, limit) if mention.date else None)
    if m:
        stop = ISSUER_STOP.search(text, m.end(), min(limit, m.end() + 160))
        issuer_end = stop.start() if stop else min(limit, m.end() + 160)
        # "khóa XII" belongs to the issuer even though a Roman numeral is not a stop word
        issuer = text[m.end():issuer_end].strip()
        if issuer and len(issuer.split()) <= 16:
            mention.issuer_text = issuer
            end = m.end() + len(text[m.end():issuer_end].rstrip())
    t = TITLE_OPEN.match(text, end, limit)
    if t:
        start = t.end()
        stop_at = limit
        s = TITLE_STOP.search(text, start, limit)
        if s:
            stop_at = s.start()
        amending = AMENDING_TITLE.match(text, start, stop_at)
        for c in coordinated_head().finditer(text, start, stop_at):
            if amending and LAW_LIST_ITEM.match(text, c.start(), stop_at):
                continue  # "sửa đổi, bổ sung một số điều của Luật A, Luật B": the laws it amends, in its title
            stop_at = c.start()
            break
        if t.group("open"):  # a quoted title ends at its closing quote
            q = QUOTE_CLOSE.search(text, start, limit)
            if q:
                stop_at = q.end()
        raw = text[start:stop_at]
        tstart = start + len(raw) - len(raw.lstrip())
        title = raw.strip().rstrip(",")
        cut = end_of_words(title, 0, len(title), MAX_TITLE_WORDS)
        if cut is not None:
            title = title[:cut]  # (the spacing of the text kept: the span stays exact)
        if title:
            mention.title = title.strip("“”\" ")
            mention.title_span = (tstart, tstart + len(title))
    return end


@lru_cache(maxsize=None)
def _words(count: int) -> re.Pattern:
    """``count`` words (runs of non-spaces) with the spaces before them; possessive, so linear."""
    return re.compile(rf"(?:\s*+\S++){{{count}}}")


def end_of_words(text: str, start: int, limit: int, count: int) -> Optional[int]:
    """Where the ``count``-th word after ``start`` ends (before ``limit``), or None if fewer follow."""
    m = _words(count).match(text, start, limit)
    return m.end() if m else None


# Every numbered citation has a number: a paragraph without a digit has none.
DIGIT = re.compile(r"\d")


def find_numbered(text: str, start: int, end: int, zone: str = "body", paragraph: int = 0, *,
                  symbol_marks: Optional[Sequence[int]] = None,
                  partial_at: Optional[Sequence[int]] = None) -> list[Mention]:
    """Numbered citations (full and partial) in ``text[start:end]`` (one paragraph).

    From ``prefilter``, when given: ``symbol_marks``, the slashes and dashes that can follow a symbol's
    number (see ``symbols.find_symbols``); ``partial_at``, the only positions a partial citation can
    start at."""
    if not DIGIT.search(text, start, end):
        return []
    mentions: list[Mention] = []
    prev_end = start
    prev: Optional[Mention] = None
    taken: list[tuple[int, int]] = []
    for (s, e), sym in symbols.find_symbols(text, start, end, symbol_marks):
        prefix_start = max(prev_end, s - 80)
        head = head_before().search(text, prefix_start, s)
        head_type = canonical_type(head.group("head")) if head else None
        shares = False
        if head is None and prev is not None and prev.title is None and LIST_CONNECTOR.match(text, prev.span[1], s):
            head_type, shares = prev.head, True
        if not sym.known and head is None and not shares:
            continue  # "07/Z1", "1/MM2": no known code and no head word -> not a citation
        mention = Mention(
            kind="full", span=(head.start() if head else s, e), extent=(head.start() if head else s, e),
            head=head_type, symbol=sym, year=sym.year, zone=zone, paragraph=paragraph, shares_head=shares,
            extra={"symbol_start": s},
        )
        mention_end = _read_tail(text, e, end, mention)
        mention.span = (mention.span[0], max(e, mention_end))
        mention.extent = (mention.span[0], mention.title_span[1] if mention.title_span else mention.span[1])
        mentions.append(mention)
        taken.append(mention.span)
        prev_end = mention.span[1]
        prev = mention
    _share_issuers(text, mentions)
    for m in finditer_at(partial_pattern(), text, start, end, partial_at):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
            continue
        head_type = canonical_type(m.group("head"))
        if head_type in PARTIAL_TYPES_EXCLUDED or head_type is None:
            continue
        if not m.group("head")[0].isupper():
            continue
        if not m.group("year") and YEAR_NUMBER.fullmatch(m.group("num")):
            continue  # "Kế hoạch 2026" is a year's plan, not plan number 2026
        mention = Mention(
            kind="partial", span=(m.start(), m.end()), extent=(m.start(), m.end()), head=head_type,
            number=m.group("num"), year=int(m.group("year")) if m.group("year") else None,
            zone=zone, paragraph=paragraph,
        )
        mention_end = _read_tail(text, m.end(), end, mention)
        mention.span = (m.start(), max(m.end(), mention_end))
        mention.extent = (m.start(), mention.title_span[1] if mention.title_span else mention.span[1])
        mentions.append(mention)
    mentions.sort(key=lambda x: x.span[0])
    return mentions


# Between two items of a list that share the issuer after the last one: ", ", " và số " (used with
# fullmatch; \G and possessive runs of spaces keep it linear on long runs of spaces).
LIST_SEPARATOR = re.compile(rf"\G\s*+(?:,|và|hoặc)\s*+(?>{SO})?\s*+")


def _share_issuers(text: str, mentions: list[Mention]) -> None:
    """"Quyết định số 881/QĐ-UBND ngày 12/5/2017 và Chỉ thị số 12/CT-UBND ngày 11/10/2017 của Chủ
    tịch UBND tỉnh": the issuer after the last item of a list belongs to every item before it."""
    for i in range(len(mentions) - 2, -1, -1):
        a, b = mentions[i], mentions[i + 1]
        if a.issuer_text or a.title or not b.issuer_text:
            continue
        between = text[a.span[1]:b.span[0]]
        if LIST_SEPARATOR.fullmatch(between):
            a.issuer_text = b.issuer_text
