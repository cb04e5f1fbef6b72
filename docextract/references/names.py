"""Mentions without a number: laws by name, Party resolutions by name, plans and schemes by title,
and the document speaking of itself ("Chỉ thị này").

- A law, code or ordinance is cited by its name ("Luật Ngân sách Nhà nước", "Bộ luật Lao động"):
  known names (``laws.json``) are matched without diacritics, so OCR that lost a tone still matches;
  an unknown name is read word by word.
- Party resolutions are named by plenum or congress ("Nghị quyết Trung ương 6 ... khóa XII",
  "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng").
- A capitalised type that documents are cited by name with (``cited_by_name`` in doc_types.json:
  Kế hoạch, Đề án, Quy định, Hiệp định ...) followed by its name. Whether such a name is a
  reference is decided in ``resolve.py`` (not a document to be drafted, not the document itself).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional, Sequence

import regex as re

from .. import vocab as shared
from ..prebuild import built_once
from . import vocab
from ..scan import finditer_at
from .find import DATE_AFTER, QUOTE_CLOSE, SPACES, Mention, end_of_words, iso_date, literal_alternation, type_alternation

# ------------------------------------------------------------------ laws


def _known_law_regex(names: list[str]) -> str:
    parts = [r"\s+".join(re.escape(w).replace(",", ",?") for w in vocab.strip_marks(name).split()) for name in names]
    return r"(?<!\p{L})(?:" + "|".join(parts) + r")(?![\p{L}\d])"


@built_once
def known_law_pattern() -> re.Pattern:
    """Known law names on diacritic-free lower-case text; commas optional ("Phòng, chống" = "Phòng chống")."""
    return re.compile(_known_law_regex(vocab.law_names()))


# The first two words at a position of diacritic-free text, commas and spaces between them skipped.
FIRST_TWO_WORDS = re.compile(r"\G([\p{L}\d]++),?\s++([\p{L}\d]++)")
# A word of a law name that FIRST_TWO_WORDS reads whole.
PLAIN_WORD = re.compile(r"[\p{L}\d]+,?")


@built_once
def _known_laws_by_first_words() -> tuple[dict[tuple[str, str], re.Pattern], Optional[re.Pattern]]:
    """``known_law_pattern`` cut by the first two words of the names: at a position, only the names
    that start with the two words there can match, so the part for those words, in the same order,
    finds what the whole does, trying a few names instead of all. A name whose first two words are
    not plain letters and digits is in every part, and alone in the part used for other words."""
    def first_words(name: str) -> Optional[tuple[str, str]]:
        words = vocab.strip_marks(name).split()[:2]
        if len(words) < 2 or not all(PLAIN_WORD.fullmatch(w) for w in words):
            return None
        return words[0].rstrip(","), words[1].rstrip(",")

    names = vocab.law_names()
    keys = {name: first_words(name) for name in names}
    parts = {key: re.compile(_known_law_regex([n for n in names if keys[n] in (key, None)]))
             for key in set(keys.values()) if key}
    others = [n for n in names if keys[n] is None]
    return parts, re.compile(_known_law_regex(others)) if others else None


def match_known_law(folded: str, pos: int) -> Optional[re.Match]:
    """``known_law_pattern().match(folded, pos)``."""
    parts, others = _known_laws_by_first_words()
    words = FIRST_TWO_WORDS.match(folded, pos)
    pattern = parts.get(words.groups()) if words else None
    pattern = pattern or others
    return pattern.match(folded, pos) if pattern else None


# The words a law is cited with (also what ``prefilter`` looks for), in the order they are tried.
LAW_HEADS = ("Bộ luật", "Bộ Luật", "BỘ LUẬT", "Luật", "LUẬT", "Pháp lệnh", "Hiến pháp")  # "Bộ Luật Lao động" too
# A bill before it is passed: "dự án Luật Quản lý thuế", "dự thảo Luật Bảo hiểm tiền gửi (sửa đổi)", a law
# still to be drafted ("Nghiên cứu, xây dựng Luật Chuyển đổi số", "đang xây dựng Luật Quản lý thuế (sửa
# đổi)") is no document yet, as "ban hành Kế hoạch ..." is not (resolve.CREATION).
DRAFT_BILL = r"(?i:dự\s+án|dự\s+thảo|xây\s+dựng|soạn\s+thảo)"
# A law head in the original text: capitalised (a lower-case "luật" is "pháp luật", "theo luật").
LAW_HEAD = re.compile(r"(?<!\p{L})(?<!(?:học|Khoa|khoa|Trường|Viện|Tạp\s+chí|Nhà\s+xuất\s+bản)\s)"
                      rf"(?<!{DRAFT_BILL}\s)"
                      r"(?P<head>" + "|".join(h.replace(" ", r"\s+") for h in LAW_HEADS) + r")(?=\s)")
# After an unknown law name: the words that end it.
LAW_NAME_STOP = re.compile(
    r"\s(?=(?:số|năm)\s*:?\s*\d)"  # "Luật Chuyển đổi số" is a name; "Luật X số 52/2019/QH14" is not
    r"|\s(?=và\s+\p{Lu})"  # "Luật A và Luật B"
    r"|\s(?=(?:ngày|của|đã|được|có|thì|theo|để|trong|tại|về|quy\s+định|hiện\s+hành|"
    r"này|hướng\s+dẫn|sửa\s+đổi|khi|nhằm|đối\s+với|với|cho|là|do|từ|đến|mới|sẽ|phải|liên\s+quan|"
    r"và\s+các|thông\s+qua|bổ\s+sung|như|nêu|trên|hoặc|cũng)(?!\p{L}))"
    r"|[,;:.()\[\]“”\"|/]|\s-\s|\d"
)
# "Luật sửa đổi, bổ sung một số điều của Luật X và Luật Y" runs to its number or date.
AMENDING_LAW_STOP = re.compile(r"\s(?=(?:số|ngày|năm)\s*:?\s*\d)|\s(?=(?:hướng\s+dẫn|quy\s+định|đã|được|có)\s)|\s(?=và\s+(?!Luật))|[;:.()\[\]“”\"|]")
# "năm 2019", "2019" right after a name: the year the law was passed ("Luật Đầu tư công 2019"); not the
# start of a period ("Luật Thuế giá trị gia tăng 2023-2025" in a work plan's row).
LAW_YEAR_AFTER = re.compile(r"\G\s*(?:năm\s+)?(?P<y>(?:19|20)\d{2})(?![\d/])(?!\s*[-–]\s*(?:19|20)\d{2})")
# A Constitution is a reference only when it is named as one ("Hiến pháp năm 2013", "Hiến pháp
# nước Cộng hòa ..."); "Hiến pháp và pháp luật" is the legal order in general.
CONSTITUTION_NAMED = re.compile(r"\s*(?:năm\s+\d{4}|nước\s+Cộng\s+hòa)")
# The state a Constitution is of, part of its name: "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam
# (năm 2013)" is cited under that whole name.
CONSTITUTION_STATE = re.compile(r"\G\s+nước\s+(?i:Cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+Việt\s+Nam)(?![\p{L}\d])")
# "Luật Sở hữu trí tuệ sửa đổi 2009", "Luật Thi hành án dân sự sửa đổi, bổ sung năm 2014": the law that
# amended the named law in that year (its own name is "Luật sửa đổi, bổ sung ... của Luật X").
AMENDED_IN_YEAR = re.compile(r"\G\s+sửa\s+đổi(?:,?\s+bổ\s+sung)?\s+(?:năm\s+)?(?P<y>(?:19|20)\d{2})(?![\d/])")
# "Luật Công ty của Cộng hòa Nhân dân Trung Hoa": a law of a foreign state, not a Vietnamese text. A
# state is named by its form of state; Việt Nam's own ("Cộng hòa xã hội chủ nghĩa Việt Nam") is not foreign.
FOREIGN_STATE_OWNER = re.compile(
    r"\G\s+(?:của|tại)\s+(?:nước\s+)?(?:Cộng\s+hòa|Vương\s+quốc|Liên\s+bang|Hợp\s+chủng\s+quốc|Đế\s+quốc)"
    r"(?!\s+(?i:xã\s+hội\s+chủ\s+nghĩa\s+Việt\s+Nam))(?=\s+\p{Lu})"
)
# A name that is only the country: "cộng đồng Dân Luật Việt Nam" (a web site's community), "pháp Luật Việt
# Nam"; a law is named by its subject.
COUNTRY_ONLY = re.compile(r"Việt\s+Nam")
# The first word of an unknown law name.
WORD = re.compile(r"\p{L}+")
# A law named by an abbreviation alone ("Luật NSNN"), or an abbreviation inside a name.
CAPITALS = re.compile(r"\p{Lu}{2,}")
# Commas and spaces, ignored when a law name is looked up ("Phòng, chống" = "Phòng chống").
COMMAS_AND_SPACES = re.compile(r"[,\s]+")


MAX_LAW_NAME_WORDS = 10  # an unknown law's name ("Luật Chuyển đổi số")
MAX_AMENDING_LAW_NAME_WORDS = 60  # "Luật sửa đổi, bổ sung một số điều của Luật X, ..., Luật Y": up to 8 laws
STOP_LOOKAHEAD_CHARS = 64  # more than any look-ahead of LAW_NAME_STOP / AMENDING_LAW_STOP reads


def _unknown_law_name(text: str, start: int, limit: int) -> Optional[int]:
    """End of an unknown law name starting at ``start`` (the first word after the head), or None."""
    first = WORD.match(text, start, limit)
    amending = text[start:start + 7].casefold().startswith("sửa đổi")
    if not first or not (first.group(0)[0].isupper() or amending):
        return None
    most = MAX_AMENDING_LAW_NAME_WORDS if amending else MAX_LAW_NAME_WORDS
    # A stop further than one word past the longest name ends no name: the search stops there
    # (plus what a stop's look-ahead reads), or "Luật Luật Luật ..." would cost the square of its length.
    past_longest = end_of_words(text, start, limit, most + 1)
    window = limit if past_longest is None else min(limit, past_longest + STOP_LOOKAHEAD_CHARS)
    stop = (AMENDING_LAW_STOP if amending else LAW_NAME_STOP).search(text, start, window)
    end = stop.start() if stop else window
    while amending and stop:  # "... của Luật Tiêu chuẩn và quy chuẩn kỹ thuật": a known name runs on past its stop
        inner = _known_law_through(text, start, stop.start(), window)
        if inner is None:
            break
        end = inner  # the name ends with that law's, unless another law follows in the list
        stop = AMENDING_LAW_STOP.search(text, inner, window) if NEXT_LAW_IN_LIST.match(text, inner, window) else None
        if stop:
            end = stop.start()
    name = text[start:end].rstrip()
    abbreviation = CAPITALS.fullmatch(name) and name in vocab.abbreviations()  # "Luật NSNN"
    if not name or not (abbreviation or 2 <= len(name.split()) <= most):
        return None  # one word is rarely a law's name (OCR debris "Luật Tô"); known names are matched before
    if COUNTRY_ONLY.fullmatch(name):
        return None
    return start + len(name)


# Another law in an amending law's list: ", Luật X", " và Luật Y".
NEXT_LAW_IN_LIST = re.compile(r"\G(?:\s*,\s*|\s+và\s+)(?:Luật|Bộ\s+luật|Pháp\s+lệnh)(?=\s)")
# The head of the last law an amending law's name names before a position (searched backwards).
LAST_LAW_HEAD = re.compile(r"(?<!\p{L})(?:Luật|Bộ\s+luật|Pháp\s+lệnh)(?=\s)", re.REVERSE)


def _known_law_through(text: str, start: int, stop: int, limit: int) -> Optional[int]:
    """The end of a known law name that an amending law's name holds across ``stop`` (its last law's head
    between ``start`` and ``stop``), or None."""
    head = LAST_LAW_HEAD.search(text, start, stop)
    if head is None:
        return None
    folded = vocab.strip_marks(text[head.start():limit])
    m = match_known_law(folded, 0)
    return head.start() + m.end() if m and head.start() + m.end() > stop else None


def find_laws(text: str, start: int, end: int, zone: str, paragraph: int, based_on: bool,
              at: Optional[Sequence[int]] = None) -> list[Mention]:
    """Laws, codes, ordinances and constitutions cited by name in ``text[start:end]`` (their heads
    start at one of the offsets ``at`` when given)."""
    folded, base = None, start  # the paragraph without diacritics from ``base``, its first law head, on
    out: list[Mention] = []
    for h in finditer_at(LAW_HEAD, text, start, end, at):
        if out and h.start() < out[-1].span[1]:
            continue  # "Luật Bảo vệ bí mật nhà nước" inside "Luật sửa đổi, bổ sung Luật Bảo vệ ..."
        if folded is None:  # (before a head is no letter, and none is folded into one: the same matches)
            base = h.start()
            folded = vocab.strip_marks(text[base:end])
        head = SPACES.sub(" ", h.group("head"))
        body_start = h.start()
        m = match_known_law(folded, body_start - base)
        if m and not _spelled_as_known(text[body_start:base + m.end()], folded[m.start():m.end()]):
            m = None  # "Luật được sửa đổi" is not the Luật Dược
        abbreviated = None if m else _known_law_abbreviated(text, body_start, end)
        if m:
            name_end = base + m.end()
            name = text[body_start:name_end]
            law_name = _known_name(folded[m.start():m.end()])
        elif abbreviated:
            name_end, law_name = abbreviated
            name = text[body_start:name_end]
        else:
            if head.casefold() == "hiến pháp" or head.isupper():
                continue  # an upper-case heading ("LUẬT ĐỐI VỚI CÔNG CHỨC") is a title, not a citation
            name_end = _unknown_law_name(text, h.end() + 1, end)
            if name_end is None:
                continue
            name = text[body_start:name_end]
            law_name = _known_name(vocab.strip_marks(_expand(name)))  # "Luật NSNN" -> Luật Ngân sách nhà nước
        if law_name == "Hiến pháp" and not (based_on or CONSTITUTION_NAMED.match(text, name_end, end)):
            continue
        if FOREIGN_STATE_OWNER.match(text, name_end, end):
            continue
        state = CONSTITUTION_STATE.match(text, name_end, end) if law_name == "Hiến pháp" else None
        if state:
            name_end = state.end()
            name = text[body_start:name_end]
        mention = Mention(kind="name", span=(body_start, name_end), extent=(body_start, name_end),
                          head=_law_type(head), name=SPACES.sub(" ", name).strip(), zone=zone,
                          paragraph=paragraph)
        mention.extra["law_name"] = law_name
        tail = name_end
        d = DATE_AFTER.match(text, tail, end)
        if d:
            mention.date = iso_date(d.group("d"), d.group("m") or d.group("m2"), d.group("y") or d.group("y2"))
            mention.span = (body_start, d.end())
        else:
            amended = AMENDED_IN_YEAR.match(text, tail, end)
            y = None if amended else LAW_YEAR_AFTER.match(text, tail, end)
            if y and law_name == "Hiến pháp":  # a Constitution is named by its year: "Hiến pháp năm 2013"
                mention.name = SPACES.sub(" ", text[body_start:y.end()]).strip()
            if amended:  # the amending law of that year, named after the law it amends
                mention.year = int(amended.group("y"))
                mention.span = (body_start, amended.end())
                mention.name = SPACES.sub(" ", text[body_start:amended.end()]).strip()
                mention.extra["amended_in"] = mention.year
            elif y:
                mention.year = int(y.group("y"))
                mention.span = (body_start, y.end())
        mention.extent = mention.span
        out.append(mention)
    return out


@lru_cache(maxsize=None)
def _folded_law_names() -> dict[str, str]:
    """Diacritic-free name (or alias) without commas -> the catalogue's name of the law."""
    return {COMMAS_AND_SPACES.sub(" ", vocab.strip_marks(n)): vocab.canonical_law_name(n) for n in vocab.law_names()}


# A known name read without its diacritics is taken from this many words on (head included): a long
# name does not match other words by chance, and OCR drops tones; a short one may ("Luật được" folds
# like "Luật Dược").
MIN_WORDS_WITHOUT_DIACRITICS = 4


def _spelled_as_known(written: str, folded_match: str) -> bool:
    """Whether ``written`` (matched as ``folded_match`` on diacritic-free text) may be the known name:
    the catalogue's letters with their diacritics (case aside), or a long name (OCR that lost a tone)."""
    if len(written.split()) >= MIN_WORDS_WITHOUT_DIACRITICS:
        return True
    spelling = _folded_law_spellings().get(COMMAS_AND_SPACES.sub(" ", folded_match))
    return spelling is None or COMMAS_AND_SPACES.sub(" ", written).casefold() == spelling


@lru_cache(maxsize=None)
def _folded_law_spellings() -> dict[str, str]:
    """Diacritic-free name (or alias) without commas -> that name as the catalogue spells it, case-folded."""
    return {COMMAS_AND_SPACES.sub(" ", vocab.strip_marks(n)): COMMAS_AND_SPACES.sub(" ", n).casefold()
            for n in vocab.law_names()}


def _known_name(folded_match: str) -> Optional[str]:
    return _folded_law_names().get(COMMAS_AND_SPACES.sub(" ", folded_match))


ABBREVIATED_NAME_CHARS = 160  # how far past its head a law name with abbreviations is read


def _known_law_abbreviated(text: str, start: int, limit: int) -> Optional[tuple[int, str]]:
    """A known law named with abbreviations ("Luật Tổ chức HĐND và UBND" is the Luật Tổ chức Hội đồng nhân
    dân và Ủy ban nhân dân): (end of the name in ``text``, the catalogue's name), or None. The name is
    matched on the text with the abbreviations written out; its end must fall at the end of a word."""
    window = text[start:min(limit, start + ABBREVIATED_NAME_CHARS)]
    pieces, starts, pos = [], [], 0  # starts: (offset in the expansion, offset in window) of each piece
    for m in CAPITALS.finditer(window):
        full = vocab.abbreviations().get(m.group(0))
        if full is None or (m.end() < len(window) and window[m.end()].isalpha()):
            continue
        starts += [(sum(map(len, pieces)), pos)]
        pieces.append(window[pos:m.start()])
        starts += [(sum(map(len, pieces)), -m.end())]  # an expansion maps to the abbreviation's end
        pieces.append(full)
        pos = m.end()
    if not pieces:
        return None
    starts.append((sum(map(len, pieces)), pos))
    pieces.append(window[pos:])
    found = match_known_law(vocab.strip_marks("".join(pieces)), 0)
    if not found:
        return None
    for (at, orig), (nxt, _) in zip(starts, starts[1:] + [(len("".join(pieces)) + 1, 0)]):
        if at < found.end() <= nxt:
            end = -orig if orig < 0 else orig + found.end() - at
            if orig < 0 and found.end() != nxt:
                return None  # the name ends inside an abbreviation's expansion
            return start + end, _known_name(found.group(0))
    return None


def _expand(name: str) -> str:
    return CAPITALS.sub(lambda m: vocab.abbreviations().get(m.group(0), m.group(0)), name)


def _law_type(head: str) -> str:
    low = head.casefold()
    if low.startswith("bộ"):
        return "Bộ luật"
    if low.startswith("pháp"):
        return "Pháp lệnh"
    if low.startswith("hiến"):
        return "Hiến pháp"
    return "Luật"


# ------------------------------------------------------------------ Party resolutions by name

# "Nghị quyết Trung ương 6 Ban Chấp hành Trung ương Đảng khóa XII", "Nghị quyết Hội nghị Trung ương
# 4 khóa XIII": a plenum of a Central Committee term. Bounded lazy gap, no nested quantifier.
PARTY_PLENUM = re.compile(
    r"Nghị\s+quyết\s+(?:(?:Hội\s+nghị|HN)\s+)?(?:lần\s+thứ\s+\p{L}+\s+)?(?:Trung\s+ương|TW|TƯ)(?!\p{L})"
    r"[^.;:()\n]{0,80}?\skh[óo]a\s+[IVXL]{1,6}(?![\p{L}\d])"
)
# "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", "Nghị quyết Đại hội Đảng bộ tỉnh
# lần thứ XVII": a congress.
PARTY_CONGRESS = re.compile(
    r"Nghị\s+quyết\s+Đại\s+hội\s+[^.;:()\n]{0,100}?lần\s+thứ\s+[IVXL]{1,6}(?![\p{L}\d])(?:\s+của\s+Đảng(?!\p{L}))?"
)


def find_party_resolutions(text: str, start: int, end: int, zone: str, paragraph: int,
                           at: Optional[Sequence[int]] = None) -> list[Mention]:
    """Party resolutions named by plenum or congress in ``text[start:end]`` (their "Nghị quyết" at one
    of the offsets ``at`` when given)."""
    out = []
    for pattern in (PARTY_PLENUM, PARTY_CONGRESS):
        for m in finditer_at(pattern, text, start, end, at):
            out.append(Mention(kind="name", span=(m.start(), m.end()), extent=(m.start(), m.end()),
                               head="Nghị quyết", name=SPACES.sub(" ", m.group(0)), zone=zone,
                               paragraph=paragraph, extra={"party": True}))
    return out


# ------------------------------------------------------------------ plans, schemes ... by title


@lru_cache(maxsize=None)
def named_types() -> dict[str, str]:
    """Type name -> "yes" | "if_title" for types cited by name (doc_types.json ``cited_by_name``)."""
    return {t["name"]: t["cited_by_name"] for t in shared.doc_types() if t.get("cited_by_name")}


@built_once
def named_head() -> re.Pattern:
    """A capitalised head of a type cited by name, followed by a word or an opening quote."""
    names = literal_alternation(named_types())
    # "Sở Kế hoạch và Đầu tư", "Vụ Kế hoạch - Tài chính" are bodies, not plans
    return re.compile(rf"(?<![\p{{L}}\d])(?<!(?:Sở|Bộ|Phòng|Vụ|Cục|Ban|Viện|Trung\s+tâm|Văn\s+phòng)\s)"
                      rf"(?P<head>{names})(?=\s+[\p{{L}}“\"(]|\s*[“\"])")


# Words that end a name: the sentence goes on (owner, purpose, manner, time of the main clause).
NAME_STOP_WORD = re.compile(
    r"\s(?=(?:của|theo|phù\s+hợp|nhằm|để|đã|được|đảm\s+bảo|bảo\s+đảm|gắn\s+với|trong\s+đó|trên\s+cơ\s+sở|"
    r"đối\s+với|với|đến\s+các|tới|cho\s+các|thì|là|kèm\s+theo|ban\s+hành|hoặc|cần|phải|sẽ|đúng|"
    r"như\s+sau|tại\s+(?:Quyết|Nghị|Kế|Thông|Công|văn)|số(?=\s*:?\s*\d))(?!\p{L}))"
    r"|\s(?=và\s+(?:\p{Lu}|các\s|những\s))"  # "Kế hoạch A và Kế hoạch B": two names
)
# A comma ends a name when what follows starts another item or clause.
COMMA_STOP = re.compile(
    # a name ends with its year or period: "... năm 2018, cần tập trung ..."; a strategy's or plan's
    # horizon goes on with it ("giai đoạn 2021 - 2025, tầm nhìn đến năm 2030", VISION_AFTER_PERIOD)
    r"(?<=(?:19|20)\d\d),(?!\s*(?:tầm\s+nhìn|định\s+hướng)\s+(?:đến|tới)\s+(?:năm\s+)?(?:19|20)\d\d)"
    r"|,\s*(?=\p{Lu}|(?:đảm\s+bảo|bảo\s+đảm|tạo|nhằm|góp\s+phần|trong\s+đó|đồng\s+thời|đặc\s+biệt|nhất\s+là|"
    r"phù\s+hợp|kịp\s+thời|thường\s+xuyên|hằng|hàng|định\s+kỳ|báo\s+cáo|xây\s+dựng|tổ\s+chức|triển\s+khai|"
    r"thực\s+hiện|chủ\s+động|các|những)(?!\p{L}))"
)
# Hard stops: end of clause; "(" that does not open an acronym such as "(GOPA II)" or "(CCHC)".
NAME_HARD_STOP = re.compile(r"[;:!?…|]|\.(?!\d)|\((?![\p{Lu}\d][\p{Lu}\d\s\-.]{0,14}\))|\)(?<!\([\p{Lu}\d][\p{Lu}\d\s\-.]{0,14}\))|\s\|")
# Where a name ends: the first hard stop, stop word or comma stop (one search finds the leftmost
# position any of them matches at).
NAME_END = re.compile("|".join(f"(?:{p.pattern})" for p in (NAME_HARD_STOP, NAME_STOP_WORD, COMMA_STOP)))
# What right after the head makes it no name: "Kế hoạch này", "Kế hoạch số", "Kế hoạch của ...".
NOT_A_NAME = re.compile(  # used with .match(text, pos): \G, one entry into the spaces
    r"\G\s*(?:(?:này|nêu\s+trên|trên|đó|số|của|đã|được|và|hoặc|theo|cụ\s+thể|chi\s+tiết|riêng|chung|"
    r"từ|trong|tại|cho|với|để|nhằm|đến|lên|vào|ra|bằng|về\s+(?:việc\s+)?(?:triển|thực|tổ)|"
    # manner, not a name: "thực hiện Kế hoạch nghiêm túc, hiệu quả"
    r"nghiêm\s+túc|hiệu\s+quả|có\s+hiệu\s+quả|đồng\s+bộ|thống\s+nhất|kịp\s+thời|đầy\s+đủ|đúng|tốt|"
    r"quyết\s+liệt|hiệu\s+lực|thường\s+xuyên|đạt|thành\s+công|một\s+cách|"
    r"gửi|do|trình|báo\s+cáo|đúng|phải|cần|sẽ|"
    r"đề\s+ra|sau|tới|mới|kèm\s+theo|ban\s+hành|thực\s+hiện\s+(?:Nghị|Quyết|Chỉ|Thông|Kế|Đề))(?!\p{L})|[\d,;:.()])"
)


# A quote opening a name right after its head: the name runs to the closing quote.
OPENING_QUOTE = re.compile(r"\G\s*[“\"]")


def _name_end(text: str, start: int, limit: int) -> int:
    """End of a name that starts at ``start`` (right after the head)."""
    pos = start
    quote = OPENING_QUOTE.match(text, start, limit)
    if quote:
        close = QUOTE_CLOSE.search(text, quote.end(), limit)
        if close:
            return close.end()
    limit = min(limit, start + 260)
    stop = NAME_END.search(text, pos, limit)
    end = stop.start() if stop else limit
    return start + len(text[start:end].rstrip(" ,"))


# What may stand between a paragraph or sentence start and a head that is then no citation:
# enumerators and bullets ("1.", "a)", "-"). "Quy định tiêu chuẩn ..." opening a sentence is the
# verb "quy định", "Kế hoạch tuyển dụng" opening a paragraph is a heading.
SENTENCE_OPENING = re.compile(r"\s*(?:[-–+•*]\s*|\(?[\dIVXivx]{1,4}(?:\.\d{1,3})*[.)]\s*|[a-zđ]\)\s*)?")
SENTENCE_BOUNDARY = re.compile(r"[.!?:;](?=\s)")
# The same, searched backwards: the last one before a head, found without reading from the start.
LAST_SENTENCE_BOUNDARY = re.compile(SENTENCE_BOUNDARY.pattern, re.REVERSE)


def find_titled(text: str, start: int, end: int, zone: str, paragraph: int,
                at: Optional[Sequence[int]] = None) -> list[Mention]:
    """Capitalised "Kế hoạch ...", "Đề án ...", "Quy định ...", "Hiệp định ..." with a name after them
    (their heads start at one of the offsets ``at`` when given)."""
    out = []
    for h in finditer_at(named_head(), text, start, end, at):
        if NOT_A_NAME.match(text, h.end(), end):
            continue
        boundary = LAST_SENTENCE_BOUNDARY.search(text, start, h.start())
        opening = boundary.end() if boundary else start
        if SENTENCE_OPENING.fullmatch(text, opening, h.start()):
            continue
        name_end = _name_end(text, h.end(), end)
        name = SPACES.sub(" ", text[h.start():name_end]).strip()
        if len(name.split()) < len(h.group("head").split()) + 2:
            continue  # one word is a kind of document, not a name ("Kế hoạch tổng thể")
        head = SPACES.sub(" ", h.group("head"))
        out.append(Mention(kind="name", span=(h.start(), name_end), extent=(h.start(), name_end), head=head,
                           name=name, zone=zone, paragraph=paragraph, extra={"titled": named_types()[head]}))
    return out


# ------------------------------------------------------------------ the document itself


@built_once
def self_pattern() -> re.Pattern:
    """"Chỉ thị này", "Kế hoạch này", "Quyết định này", "Luật này"."""
    return re.compile(rf"(?<!\p{{L}})(?P<head>(?i:{type_alternation()}))(?:\s+\p{{Lu}}{{2,6}})?\s+này(?!\p{{L}})")


# The word every mention of the document itself ends with.
THIS_WORD = re.compile(r"này")


@built_once
def words_before() -> re.Pattern:
    """The words a mention of the document itself can have before its "này" (the longest type name
    and an abbreviation), read backwards from the "này" (used with .match(text, pos, endpos): a
    backward match starts at endpos, where "\\G" anchors it; possessive runs: linear on long runs)."""
    most = max(len(n.split()) for n in vocab.type_names()) + 1
    return re.compile(rf"(?:\S++\s++){{0,{most}}}\G", re.REVERSE)


def find_self(text: str, start: int, end: int, zone: str, paragraph: int,
              at: Optional[Sequence[int]] = None) -> list[Mention]:
    """"Chỉ thị này", "Kế hoạch này" in ``text[start:end]`` (their "này" at one of the offsets ``at``
    when given).

    ``self_pattern`` is slow to try at every letter, and a match ends at a "này" and holds no other:
    for each "này" it is searched for between a few words before it and the character after it (the
    end of the word), which gives the matches of a search of the whole paragraph."""
    out = []
    pattern = self_pattern()
    pos = start  # where the previous mention ended
    for this in finditer_at(THIS_WORD, text, start, end, at):
        m = pattern.search(text, words_before().match(text, pos, this.start()).start(), min(end, this.end() + 1))
        if m is None:
            continue  # no mention ends at this "này"
        head = vocab.type_by_folded_name().get(SPACES.sub(" ", m.group("head")).casefold())
        out.append(Mention(kind="self", span=(m.start(), m.end()), extent=(m.start(), m.end()), head=head,
                           zone=zone, paragraph=paragraph))
        pos = m.end()
    return out
