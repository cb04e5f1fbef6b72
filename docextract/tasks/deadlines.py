"""Deadlines (SPEC §4): by, recurring, relative, ongoing, period; normalised to ISO dates.

``find_deadlines(text, year)`` returns every deadline expression in ``text`` in reading order,
each with a flag ``weak`` ("định kỳ" with no interval: it loses against a deadline inherited from
a heading). Expressions inside the title of a cited document ("Nghị quyết số 30c/NQ-CP ... về
Chương trình ... giai đoạn 2011 - 2020"), after a basis preposition ("Trên cơ sở Chương trình ...
giai đoạn 2011 - 2020"), vision phrases ("tầm nhìn đến năm 2045"), quoted names (Đề án “... đến
năm 2030”) and "hằng năm" that qualifies a plan or a budget ("kế hoạch ... hằng năm") are not
deadlines of the task.

dateparser is not used: it reads "trong tháng 9 năm 2018" as a day, knows no "hằng năm" and no
"quý III".
"""
from __future__ import annotations

import calendar
import itertools
from dataclasses import dataclass

import regex as re

from ..model import Deadline
from ..scan import finditer_at, word_starts

ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "sáu": 6, "mười hai": 12}

_Y = r"(?P<y>(?:19|20)\d{2})"
_DATE = r"(?:ngày\s+)?(?P<d>\d{1,2})\s*(?:[/.\-]\s*|\s+tháng\s+)(?P<m>\d{1,2})(?:\s*(?:[/.\-]\s*|\s+năm\s+)(?P<y>(?:19|20)\d{2}))?"

# A word that opens a regex alternative: letters not made optional or repeated by what follows.
LITERAL_WORD = re.compile(r"\p{L}+(?![\p{L}?*+{])")


def _alternation(phrases: tuple[str, ...]) -> str:
    return "(?:" + "|".join(phrases) + ")"


def _opening_words(*phrases: str) -> tuple[str, ...]:
    """The words (lower case) that regex ``phrases`` open with; each must open with one."""
    words = []
    for phrase in phrases:
        m = LITERAL_WORD.match(phrase)
        if m is None:
            raise ValueError(f"a phrase that opens with no word: {phrase!r}")
        words.append(m.group().lower())
    return tuple(dict.fromkeys(words))


# "từ ngày 01/7/2025 đến ngày 31/12/2025", "từ 15/8 đến 30/9/2025": a period between two dates.
PERIOD_DATES = re.compile(
    r"\btừ\s+(?:ngày\s+)?(?P<d1>\d{1,2})\s*[/.\-]\s*(?P<m1>\d{1,2})(?:\s*[/.\-]\s*(?P<y1>(?:19|20)\d{2}))?"
    r"\s*(?:đến|[-–])\s*(?:hết\s+)?(?:ngày\s+)?(?P<d2>\d{1,2})\s*[/.\-]\s*(?P<m2>\d{1,2})(?:\s*[/.\-]\s*(?P<y2>(?:19|20)\d{2}))?",
    re.IGNORECASE)
# "Bắt đầu từ ngày 06/9/2024; kết thúc trước ngày 18/01/2025": a start, then the end in a second clause.
PERIOD_START_THEN_END = re.compile(
    r"\btừ\s+(?:ngày\s+)?(?P<d1>\d{1,2})\s*[/.\-]\s*(?P<m1>\d{1,2})(?:\s*[/.\-]\s*(?P<y1>(?:19|20)\d{2}))?"
    r"\s*[,;]?\s*(?:và\s+)?kết\s+thúc\s+(?:trước\s+|vào\s+|trong\s+)?(?:ngày\s+)?"
    r"(?P<d2>\d{1,2})\s*[/.\-]\s*(?P<m2>\d{1,2})(?:\s*[/.\-]\s*(?P<y2>(?:19|20)\d{2}))?",
    re.IGNORECASE)
# "Tựu trường các cấp học: Ngày 26/8/2024 (thứ Hai)": a date given as the value of a label is when it is due.
DATE_AS_VALUE = re.compile(r"(?<=:\s{0,3})(?:vào\s+)?ngày\s+" + _DATE, re.IGNORECASE)
# "từ ngày 16 đến ngày 22/11/2025": the first day shares the month of the second.
PERIOD_DAYS = re.compile(
    r"\btừ\s+ngày\s+(?P<d1>\d{1,2})\s+đến\s+(?:hết\s+)?ngày\s+(?P<d2>\d{1,2})\s*(?:[/.\-]\s*|\s+tháng\s+)(?P<m>\d{1,2})"
    r"(?:\s*(?:[/.\-]\s*|\s+năm\s+)(?P<y>(?:19|20)\d{2}))?", re.IGNORECASE)
# "từ tháng 7/2025 đến tháng 12/2025", "từ tháng 7 đến hết tháng 12 năm 2025".
PERIOD_MONTHS = re.compile(
    r"\btừ\s+tháng\s+(?P<m1>\d{1,2})(?:\s*(?:/|\s+năm\s+)(?P<y1>(?:19|20)\d{2}))?\s*(?:đến|[-–])\s*(?:hết\s+)?tháng\s+"
    r"(?P<m2>\d{1,2})(?:\s*(?:/|\s+năm\s+)(?P<y2>(?:19|20)\d{2}))?", re.IGNORECASE)
# "Quý IV/2025 - Quý II/2026".
PERIOD_QUARTERS = re.compile(
    r"\bquý\s+(?P<q1>IV|I{1,3}|[1-4])\s*(?:/|\s+năm\s+)(?P<y1>(?:19|20)\d{2})\s*(?:đến|[-–])\s*(?:hết\s+)?quý\s+"
    r"(?P<q2>IV|I{1,3}|[1-4])\s*(?:/|\s+năm\s+)(?P<y2>(?:19|20)\d{2})", re.IGNORECASE)
# "giai đoạn 2021-2025", "thời kỳ 2021 - 2030", "giai đoạn 2011 - 2015", "từ năm 2008 đến năm 2021", "năm 2025 - 2026".
PERIOD_YEARS_OPENERS = (r"giai\s+đoạn\s+(?:từ\s+(?:năm\s+)?)?", r"thời\s+kỳ\s+", r"từ\s+năm\s+", r"trong\s+(?:các\s+)?năm\s+",
                        r"năm\s+")
PERIOD_YEARS = re.compile(
    r"\b" + _alternation(PERIOD_YEARS_OPENERS) +
    r"(?P<y1>(?:19|20)\d{2})\s*(?:-|–|—|đến(?:\s+hết)?(?:\s+năm)?)\s*(?P<y2>(?:19|20)\d{2})",
    re.IGNORECASE)
# A due date: "trước ngày 31/12/2018", "chậm nhất ngày 20/12", "hoàn thành trước 30/6/2025".
BY_DATE_OPENERS = (r"trước", r"chậm\s+nhất(?:\s+là)?(?:\s+(?:vào|trước|đến))?(?:\s+ngày)?", r"hạn\s+chót(?:\s+là)?",
                   r"không\s+muộn\s+hơn", r"hoàn\s+thành(?:\s+(?:trước|trong|vào))?", r"xong\s+trước", r"đến\s+hết", r"hết",
                   r"đến", r"trong", r"vào")
BY_DATE = re.compile(r"\b" + _alternation(BY_DATE_OPENERS) + r"\s+(?:ngày\s+)?" + _DATE, re.IGNORECASE)
# "trong tháng 9 năm 2018", "trước tháng 6/2025", "tháng 12/2025" (due by the end of the month).
BY_MONTH = re.compile(
    r"\b(?:(?P<prep>trong|trước|hết|đến\s+hết|cuối|vào|đến|ngay\s+trong|xong\s+trong|hoàn\s+thành\s+trong)\s+)?"
    r"tháng\s+(?P<m>\d{1,2})\s*(?:/|\s+năm\s+)" + _Y,
    re.IGNORECASE)
# Same, the year left out: "trong tháng 9" (the document's year).
BY_MONTH_NO_YEAR = re.compile(
    r"\b(?P<prep>trong|trước|hết|đến\s+hết|cuối|vào|đến|ngay\s+trong|xong\s+trong|hoàn\s+thành\s+trong)\s+tháng\s+(?P<m>\d{1,2})\b(?!\s*[/.]\s*\d)",
    re.IGNORECASE)
# "quý III/2018", "trong quý IV năm 2025", "trước quý II" (the year may be the document's); in
# tables also the older spelling and a dash: "Quí IV-2025".
BY_QUARTER = re.compile(
    r"\b(?:(?P<prep>trong|trước|hết|đến\s+hết|cuối|vào|đến|ngay\s+trong|hoàn\s+thành\s+trong)\s+)?qu[ýí]\s+(?P<q>IV|I{1,3}|[1-4])\b"
    r"(?:\s*(?:/|-|\s+năm\s+)" + _Y + r")?",
    re.IGNORECASE)
# "6 tháng đầu năm 2018", "trong 6 tháng cuối năm": by 30/6 or 31/12.
HALF_YEAR = re.compile(
    r"\b(?:trong\s+)?(?:0?6|sáu)\s+tháng\s+(?P<half>đầu|cuối)\s+năm(?:\s+" + _Y + r")?",
    re.IGNORECASE)
# "trong năm 2018", "trước năm 2025", "hết năm 2025", "đến năm 2030", "vào năm 2015", "kết thúc năm 2013".
BY_YEAR = re.compile(
    r"\b(?P<prep>trong|trước|hết|đến\s+hết|cuối|vào|đến|ngay\s+trong|trong\s+cả|xong\s+trong|hoàn\s+thành\s+trong|"
    r"kết\s+thúc)\s+năm\s+" + _Y,
    re.IGNORECASE)
# A year opening a sentence of goals: "Năm 2018, phấn đấu ..."
YEAR_OPENER = re.compile(r"(?:^|(?<=[.;:]\s))Năm\s+" + _Y + r"\s*,", re.IGNORECASE)
# The day of a full date ("ngày 29 tháng 9 năm 2017"): what follows is not a month deadline.
FULL_DATE_BEFORE = re.compile(r"\d\s*$")
# "hằng năm", "hàng quý", "định kỳ hằng tháng", "mỗi năm", "hằng tuần".
EVERY_WORDS = (r"hằng", r"hàng", r"mỗi")
RECURRING_EVERY = re.compile(
    r"\b(?:định\s+kỳ\s+)?" + _alternation(EVERY_WORDS) + r"\s+(?P<unit>năm|quý|tháng|tuần|ngày)\b", re.IGNORECASE)
# "báo cáo thường niên", "hội nghị thường niên": once a year.
ANNUAL_WORD = re.compile(r"\bthường\s+niên\b", re.IGNORECASE)
# A day in every year or month: "trước ngày 31 tháng 12 hằng năm", "trước ngày 15/12 hàng năm",
# "trước ngày 20 hằng tháng": recurring, not a single due date (the day stays in the text).
# Two days of every year ("trước ngày 15/6 và 15/12 hằng năm": the half-yearly reports) recur
# every half year.
_DAY_OF_MONTH = r"\d{1,2}(?:\s*(?:[/.\-]\s*|\s+tháng\s+)\d{1,2})?"
RECURRING_ON_DAY = re.compile(
    r"\b(?:định\s+kỳ\s+)?(?:trước|chậm\s+nhất(?:\s+là)?|vào|trong|từ)\s+(?:ngày\s+)?" + _DAY_OF_MONTH
    + r"(?P<second_day>\s+và\s+(?:ngày\s+)?" + _DAY_OF_MONTH + r")?"
    r"\s+(?:của\s+)?" + _alternation(EVERY_WORDS) + r"\s+(?P<unit>năm|quý|tháng|tuần)\b", re.IGNORECASE)
# "định kỳ 6 tháng/lần", "06 tháng một lần", "định kỳ 03 tháng".
RECURRING_MONTHS = re.compile(
    r"\b(?:định\s+kỳ\s+(?P<n1>\d{1,2}|một|hai|ba|sáu)\s+tháng(?:\s*(?:/\s*|một\s+|1\s+)lần)?|"
    r"(?P<n2>\d{1,2}|ba|sáu)\s+tháng\s*(?:/\s*|một\s+|1\s+)lần)", re.IGNORECASE)
# "định kỳ" with no interval: every is null (and the cue is weak).
RECURRING_BARE = re.compile(r"\bđịnh\s+kỳ\b", re.IGNORECASE)
# "trong thời gian 15 ngày kể từ ngày ban hành ...", "chậm nhất 10 ngày làm việc sau khi ...".
RELATIVE_OPENERS = (r"trong\s+(?:thời\s+gian|thời\s+hạn|vòng|phạm\s+vi)?", r"chậm\s+nhất(?:\s+là)?", r"sau", r"không\s+quá")
RELATIVE = re.compile(
    r"\b" + _alternation(RELATIVE_OPENERS) + r"\s*"
    r"(?P<n>\d{1,3})\s+(?P<unit>ngày(?:\s+làm\s+việc)?|tháng|tuần)\s*,?\s+(?:kể\s+)?(?:từ|sau\s+khi|sau)\b[^,;.\n]*",
    re.IGNORECASE)
# "kiểm tra định kỳ và ...", "báo cáo định kỳ theo quy định": "định kỳ" after a noun qualifies it;
# it is the weakest cue (any other deadline of the task wins). Before a verb ("định kỳ báo cáo") it times the task.
DINH_KY_AFTER_NOUN = re.compile(r"\p{L}\s+$")
DINH_KY_THEN_STOP = re.compile(r"^\s*(?:[,.;:)]|và\b|hoặc\b|đối\s+với\b|theo\b|trong\b|tại\b|của\b|$)", re.IGNORECASE)
# A start with no end date: "Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê", "từ năm 2027", "kể
# từ ngày 01/7/2025" (annotation rules: a start only is ongoing). The end, when there is one, is
# an event or "nay", never a date (periods between dates are read by the PERIOD_* patterns).
START_ONLY = re.compile(
    r"\btừ\s+(?:ngày\s+\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*(?:19|20)\d{2})?|tháng\s+\d{1,2}\s*(?:/|\s+năm\s+)(?:19|20)\d{2}"
    r"|năm\s+(?:19|20)\d{2}|quý\s+[IV]{1,3}\s*(?:/|\s+năm\s+)(?:19|20)\d{2})"
    r"(?!\s*(?:[-–]|đến|tới)\s*(?:hết\s+|ngày\s+|tháng\s+|năm\s+|quý\s+)*(?:\d|[IV]{1,3}\b))"
    r"(?!\d)", re.IGNORECASE)
# "thường xuyên" (ongoing), but not the budget term "chi thường xuyên" nor "kinh phí thường xuyên".
ONGOING = re.compile(r"(?<!\bchi\s)(?<!\bphí\s)\bthường\s+xuyên\b", re.IGNORECASE)

# What most deadline patterns need (a text without it is not searched with them): any digit (a
# year, a count, a document number); a year; a day and a month ("15/8", "16 tháng 11": due dates
# and periods between dates); a count of days, weeks or months ("15 ngày": relative deadlines).
DIGIT = re.compile(r"\d")
YEAR_DIGITS = re.compile(r"(?:19|20)\d{2}")
DAY_MONTH = re.compile(r"\d\s*(?:[/.\-]\s*|\s+tháng\s+)\d", re.IGNORECASE)
COUNT_OF_DAYS = re.compile(r"\d\s+(?:ngày|tháng|tuần)", re.IGNORECASE)
# The words that the patterns with no digit need, one each ("tháng" for "6 tháng đầu năm" too,
# "kỳ" for "định kỳ", ...): a text with no digit and none of them holds no deadline.
CUE_WORDS = ("tháng", "quý", "quí", "kỳ", "hằng", "hàng", "mỗi", "thường")

# ------------------------------------------------------------------ contexts that are not deadlines

# "tầm nhìn đến năm 2045", "định hướng đến năm 2030": the horizon of a strategy, not a due date.
VISION = re.compile(r"\b(?:tầm\s+nhìn|định\s+hướng)\s+(?:(?:đến|tới)\s+(?:năm\s+)?)?$", re.IGNORECASE)
# A cited document with a number: the words after it, up to ';' or the end of the sentence, are
# its date, issuer and title ("... ngày 15/7/2021 của Chính phủ ban hành Chương trình ... giai
# đoạn 2021-2030").
CITED_TYPES = (r"Nghị\s+quyết", r"Nghị\s+định", r"Quyết\s+định", r"Chỉ\s+thị", r"Thông\s+tư", r"Kế\s+hoạch", r"Luật", r"Công\s+văn",
               r"Thông\s+báo", r"Kết\s+luận", r"Công\s+điện", r"Hướng\s+dẫn", r"Chương\s+trình", r"Đề\s+án", r"Quy\s+định")
CITED_WITH_NUMBER = re.compile(
    r"\b" + _alternation(CITED_TYPES) + r"\s+(?:số\s+)?\d[\w./\-]*(?:\s*/\s*[\w\-]+)*[^;\n]*?(?=;|\.\s|\.$|$)",
    re.IGNORECASE)
# A quoted name ("Đề án “Nâng cao nhận thức cộng đồng ..., đến năm 2030”"): the years inside the
# quotes belong to the name, not to the task.
QUOTED_NAME = re.compile(r"“[^”\n]{1,300}”|\"[^\"\n]{1,300}\"")
QUOTE_MARKS = ("“", '"')
# A basis phrase: "Trên cơ sở ...", "căn cứ ...", "phù hợp với ...", "theo Kế hoạch ..." up to the
# next comma or semicolon: the plans it names are the basis, their periods are not the task's.
# Same for a plan named as a topic ("tuyên truyền về Chương trình ... giai đoạn 2011 - 2015").
BASIS_OPENERS = (r"trên\s+cơ\s+sở", r"căn\s+cứ(?:\s+vào)?", r"phù\s+hợp\s+với",
                 r"theo\s+(?=(?:nội\s+dung\s+)?(?:các\s+)?(?:Kế\s+hoạch|Chương\s+trình|Đề\s+án|Nghị\s+quyết|Quyết\s+định|"
                 r"Chiến\s+lược|Chỉ\s+thị|Hiệp\s+định|Quy\s+hoạch))",
                 r"tại\s+(?=(?:Kế\s+hoạch|Chương\s+trình|Đề\s+án|Nghị\s+quyết|Quyết\s+định|Chiến\s+lược))",
                 r"về\s+(?=(?:các\s+)?(?:Kế\s+hoạch|Chương\s+trình|Đề\s+án|Nghị\s+quyết|Chiến\s+lược|Quy\s+hoạch))")
BASIS = re.compile(r"\b" + _alternation(BASIS_OPENERS) + r"[^,;\n]*", re.IGNORECASE)
# "hằng năm" right after a plan, a budget or results ("kế hoạch tinh giản biên chế hằng năm",
# "dự toán chi ... ngân sách hằng năm"): it names an annual plan, it does not time the task.
ANNUAL_NOUN = re.compile(
    r"\b(?:kế\s+hoạch|dự\s+toán|ngân\s+sách|kết\s+quả|chỉ\s+tiêu|chương\s+trình|báo\s+cáo\s+kết\s+quả|"
    r"trợ\s+cấp|phụ\s+cấp|tiền\s+lương|lương|thu\s+nhập|kinh\s+phí)"
    r"(?:\s+[^\s,;.]+){0,6}?\s+$", re.IGNORECASE)
ANNUAL_BREAK = re.compile(r"[,;.]|\bvà\b")
# A programme, strategy or plan approved, issued or taken as the basis ("Phê duyệt Chiến lược Quốc
# gia về dinh dưỡng giai đoạn 2021-2030", "Căn cứ nội dung của Chương trình ... phòng, chống ma túy
# đến năm 2030"): the years that follow in the same clause are part of its name, not the deadline of
# the tasks (a task that carries the programme out, "thực hiện Chương trình ... giai đoạn 2011 -
# 2015", is timed by it). Unlike BASIS, commas inside the name ("phòng, chống") do not end it.
NAMED_PLAN_BEFORE = re.compile(
    r"\b(?:phê\s+duyệt|ban\s+hành|căn\s+cứ(?:\s+vào)?(?:\s+nội\s+dung)?(?:\s+của)?)\s+(?:các\s+)?"
    r"(?:Chương\s+trình|Chiến\s+lược|Đề\s+án|Quy\s+hoạch|Kế\s+hoạch|Dự\s+án|Nghị\s+quyết|Chỉ\s+thị|Kết\s+luận)"
    r"\s(?:[^\s.;:\n]+\s+){0,16}(?:đến|tới)?\s*(?:năm\s+)?$", re.IGNORECASE)
# "về định kỳ chuyển đổi vị trí công tác": "định kỳ" as the topic of a title.
ABOUT_BEFORE = re.compile(r"\bvề\s+$", re.IGNORECASE)


# Where the matches of these patterns can start: at a word that one of their alternatives opens
# with. In a text whose lower case keeps its offsets, they are tried there alone (scan.finditer_at)
# rather than at every character (the words are found with str.find in the lower-case text).
OPENING_WORDS = {
    PERIOD_YEARS: _opening_words(*PERIOD_YEARS_OPENERS),
    BY_DATE: _opening_words(*BY_DATE_OPENERS),
    RECURRING_EVERY: ("định",) + _opening_words(*EVERY_WORDS),  # ("định kỳ" is optional)
    RELATIVE: _opening_words(*RELATIVE_OPENERS),
    CITED_WITH_NUMBER: _opening_words(*CITED_TYPES),
    BASIS: _opening_words(*BASIS_OPENERS),
}


@dataclass(slots=True)
class Found:
    deadline: Deadline
    start: int
    end: int
    weak: bool = False
    explicit: bool = False  # "trước ngày", "chậm nhất", "trong tháng": kept even inside a title
    after_noun: bool = False  # "kiểm tra định kỳ": the weakest cue


def _last_day(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _date(year: int, month: int, day: int) -> str | None:
    try:
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
            return None
    except calendar.IllegalMonthError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _year(value, doc_year):
    return int(value) if value else doc_year


def _prev_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _spans_overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class _Scanner:
    """The matches of the deadline patterns in one text (``low``: its lower case)."""

    def __init__(self, text: str, low: str):
        self.text = text
        # The opening words of a match are found in ``low`` at the match's offset when lower() kept
        # every offset and there is no long s ("ſ", which the patterns match as "s").
        self.low = low if len(low) == len(text) and "ſ" not in text else None
        self._starts: dict[tuple[str, ...], list[int]] = {}

    def finditer(self, pattern: re.Pattern):
        words = OPENING_WORDS.get(pattern)
        if words is None or self.low is None:
            return pattern.finditer(self.text)
        if words not in self._starts:
            self._starts[words] = word_starts(self.low, words)
        return finditer_at(pattern, self.text, 0, len(self.text), self._starts[words])


def _raw_matches(text: str, doc_year: int | None, low: str | None = None) -> list[Found]:
    out: list[Found] = []
    # Quick tests of what the text holds: a pattern that needs what the text lacks is not run.
    has_digit = DIGIT.search(text) is not None
    first_year = YEAR_DIGITS.search(text) if has_digit else None
    has_year = first_year is not None
    has_two_years = has_year and YEAR_DIGITS.search(text, first_year.end()) is not None  # (periods of years)
    has_day_month = has_digit and DAY_MONTH.search(text) is not None
    has_count_of_days = has_digit and COUNT_OF_DAYS.search(text) is not None
    if low is None:  # (what a pattern matches case-insensitively lower-cases to the words it needs)
        low = text.lower()
    if not has_digit and not any(word in low for word in CUE_WORDS):
        return out
    has_thang = "tháng" in low
    has_tu = "từ" in low  # the periods "từ ... đến ..."
    scanner = _Scanner(text, low)

    def scan(pattern: re.Pattern, needed: bool):
        return scanner.finditer(pattern) if needed else ()

    def add(kind, m, **kw):
        weak = kw.pop("weak", False)
        explicit = kw.pop("explicit", False)
        out.append(Found(Deadline(kind=kind, text=m.group(0).strip(), span=(m.start(), m.end()), **kw),
                         m.start(), m.end(), weak, explicit))

    between_dates = itertools.chain(scan(PERIOD_DATES, has_day_month and has_tu),
                                    scan(PERIOD_START_THEN_END, has_day_month and has_tu and "kết" in low))
    for m in between_dates:
        y2 = _year(m.group("y2"), doc_year)
        y1 = _year(m.group("y1"), y2)
        if y1 and y2:
            start, end = _date(y1, int(m.group("m1")), int(m.group("d1"))), _date(y2, int(m.group("m2")), int(m.group("d2")))
            if start and end:
                add("period", m, start=start, date=end, explicit=True)
    for m in scan(PERIOD_DAYS, has_day_month and has_tu):
        year = _year(m.group("y"), doc_year)
        if year:
            start, end = _date(year, int(m.group("m")), int(m.group("d1"))), _date(year, int(m.group("m")), int(m.group("d2")))
            if start and end:
                add("period", m, start=start, date=end, explicit=True)
    for m in scan(PERIOD_MONTHS, has_digit and has_tu and has_thang):
        y2 = _year(m.group("y2"), doc_year)
        y1 = _year(m.group("y1"), y2)
        if y1 and y2 and 1 <= int(m.group("m1")) <= 12 and 1 <= int(m.group("m2")) <= 12:
            add("period", m, start=f"{y1:04d}-{int(m.group('m1')):02d}-01", date=_last_day(y2, int(m.group("m2"))), explicit=True)
    for m in scan(PERIOD_QUARTERS, has_year and "quý" in low):
        q1, q2 = ROMAN_QUARTER[m.group("q1").lower()], ROMAN_QUARTER[m.group("q2").lower()]
        add("period", m, start=f"{int(m.group('y1')):04d}-{3 * q1 - 2:02d}-01", date=_last_day(int(m.group("y2")), 3 * q2), explicit=True)
    for m in scan(PERIOD_YEARS, has_two_years and ("năm" in low or "đoạn" in low or "kỳ" in low)):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y1 <= y2:
            add("period", m, start=f"{y1:04d}-01-01", date=f"{y2:04d}-12-31")
    for m in scan(HALF_YEAR, has_thang and ("đầu" in low or "cuối" in low)):
        year = _year(m.group("y"), doc_year)
        if year:
            add("by", m, date=f"{year:04d}-06-30" if m.group("half").lower() == "đầu" else f"{year:04d}-12-31", explicit=True)
    for m in scan(BY_DATE, has_day_month):
        year = _year(m.group("y"), doc_year)
        if year:
            date = _date(year, int(m.group("m")), int(m.group("d")))
            if date:
                add("by", m, date=date, explicit=True)
    for m in scan(DATE_AS_VALUE, has_day_month and ":" in text):
        year = _year(m.group("y"), doc_year)
        if year:
            date = _date(year, int(m.group("m")), int(m.group("d")))
            if date:
                add("by", m, date=date, explicit=True)
    for m in scan(BY_MONTH, has_year and has_thang):
        if not m.group("prep") and FULL_DATE_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue  # "ngày 29 tháng 9 năm 2017" is a date, not "tháng 9 năm 2017"
        month, year = int(m.group("m")), int(m.group("y"))
        if 1 <= month <= 12:
            prep = (m.group("prep") or "").lower()
            if prep == "trước":
                year, month = _prev_month(year, month)
            add("by", m, date=_last_day(year, month), explicit=True)
    for m in scan(BY_MONTH_NO_YEAR, has_digit and has_thang):
        month = int(m.group("m"))
        if doc_year and 1 <= month <= 12:
            year = doc_year
            if m.group("prep").lower() == "trước":
                year, month = _prev_month(year, month)
            add("by", m, date=_last_day(year, month), explicit=True)
    for m in scan(BY_QUARTER, "quý" in low or "quí" in low):
        year = _year(m.group("y"), doc_year)
        if year:
            quarter = ROMAN_QUARTER[m.group("q").lower()]
            if (m.group("prep") or "").lower() == "trước":
                if quarter == 1:
                    year, quarter = year - 1, 4
                else:
                    quarter -= 1
            add("by", m, date=_last_day(year, 3 * quarter), explicit=True)
    for m in scan(BY_YEAR, has_year and "năm" in low):
        year = int(m.group("y"))
        if m.group("prep").lower() == "trước":
            year -= 1
        add("by", m, date=f"{year:04d}-12-31", explicit=m.group("prep").lower() not in ("đến",))
    for m in scan(YEAR_OPENER, has_year and "năm" in low):
        add("by", m, date=f"{int(m.group('y')):04d}-12-31")
    for m in scan(RELATIVE, has_count_of_days):
        n = int(m.group("n"))
        unit = m.group("unit").lower()
        days = n * 30 if unit == "tháng" else n * 7 if unit == "tuần" else n
        add("relative", m, within_days=days, explicit=True)
    for m in scan(RECURRING_MONTHS, has_thang and ("kỳ" in low or "lần" in low)):
        raw = (m.group("n1") or m.group("n2")).lower()
        months = NUMBER_WORDS.get(raw) or int(raw)
        every = {1: "month", 3: "quarter", 6: "half_year", 12: "year"}.get(months)
        add("recurring", m, every=every)
    for m in scan(RECURRING_ON_DAY, has_digit and ("hằng" in low or "hàng" in low or "mỗi" in low)):
        every = {"năm": "year", "quý": "quarter", "tháng": "month", "tuần": "week"}[m.group("unit").lower()]
        if every == "year" and m.group("second_day"):
            every = "half_year"
        add("recurring", m, every=every, explicit=True)
    for m in scan(RECURRING_EVERY, "hằng" in low or "hàng" in low or "mỗi" in low):
        unit = m.group("unit").lower()
        every = {"năm": "year", "quý": "quarter", "tháng": "month", "tuần": "week", "ngày": "day"}[unit]
        add("recurring", m, every=every)
    for m in scan(ANNUAL_WORD, "niên" in low):
        add("recurring", m, every="year")
    for m in scan(RECURRING_BARE, "kỳ" in low):
        add("recurring", m, every=None, weak=True)
        if DINH_KY_AFTER_NOUN.search(text[:m.start()]) and DINH_KY_THEN_STOP.match(text[m.end():]):
            out[-1].after_noun = True
    for m in scan(ONGOING, "thường" in low):
        add("ongoing", m)
    for m in scan(START_ONLY, has_tu and has_year):
        add("ongoing", m, explicit=True)
    return out


def _dedupe(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping matches (a period over the years it contains, 'định kỳ hằng
    năm' over its 'định kỳ')."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Found] = []
    for f in found:
        if any(_spans_overlap((f.start, f.end), (k.start, k.end)) for k in kept):
            continue
        kept.append(f)
    return kept


def _excluded_regions(text: str, low: str) -> list[tuple[int, int]]:
    scanner = _Scanner(text, low)
    regions = [(m.start(), m.end()) for m in scanner.finditer(CITED_WITH_NUMBER)] if DIGIT.search(text) else []
    regions += [(m.start(), m.end()) for m in scanner.finditer(BASIS)]
    if any(q in text for q in QUOTE_MARKS):
        regions += [(m.start(), m.end()) for m in QUOTED_NAME.finditer(text)]
    return regions


def find_deadlines(text: str, doc_year: int | None = None, *, doc_period: tuple[int, int] | None = None,
                   exclude: list[tuple[int, int]] | None = None, lower: str | None = None) -> list[Found]:
    """Every deadline stated in ``text``, in reading order (spans relative to ``text``).

    ``doc_period``: the (start, end) years of the document's own period (from its title): a
    period equal to it is the document's scope, not a task's deadline. ``exclude``: extra spans
    (relative to ``text``) that are not deadlines, e.g. references found by the reference finder.
    ``lower``: text.lower(), when the caller has it.
    """
    low = text.lower() if lower is None else lower
    found = _dedupe(_raw_matches(text, doc_year, low))
    regions = None  # computed for the first cue that is not explicit
    out = []
    for f in found:
        d = f.deadline
        before = text[max(0, f.start - 40):f.start]
        if VISION.search(before):
            continue
        if not f.explicit:
            if regions is None:
                regions = _excluded_regions(text, low) + list(exclude or [])
            if any(r[0] <= f.start and f.end <= r[1] for r in regions):
                continue
        if d.kind == "recurring" and ABOUT_BEFORE.search(before):
            continue
        if d.kind in ("by", "period") and not f.explicit and NAMED_PLAN_BEFORE.search(text[max(0, f.start - 160):f.start]):
            continue
        if (d.kind == "recurring" and d.every in ("year", "quarter", "month") and not f.explicit
                and not f.deadline.text.lower().startswith("định")):  # (a stated day always recurs)
            window = text[max(0, f.start - 60):f.start]
            cut = max((m.end() for m in ANNUAL_BREAK.finditer(window)), default=0)
            if ANNUAL_NOUN.search(window[cut:]):
                continue
        if d.kind == "period" and doc_period and d.start and d.date:
            if (int(d.start[:4]), int(d.date[:4])) == tuple(doc_period):
                continue
        if d.kind == "period" and doc_year and d.start and d.date:
            if int(d.start[:4]) < doc_year and int(d.date[:4]) <= doc_year:
                continue  # a period already over when the document was issued (a review of it)
        out.append(f)
    return _interval_of_bare_periodic(out, text)


# What ends a clause: a bare "định kỳ" takes the interval of a recurring cue before it.
CLAUSE_END = re.compile(r"[.;\n]")


def _interval_of_bare_periodic(found: list[Found], text: str) -> list[Found]:
    """Drop a bare "định kỳ" when a recurring cue with its interval follows in the same clause:
    "định kỳ báo cáo kết quả trước ngày 20/11 hằng năm" recurs every year, not at no interval."""
    kept = []
    for i, f in enumerate(found):
        if f.weak and f.deadline.kind == "recurring" and f.deadline.every is None:
            later = next((g for g in found[i + 1:] if g.deadline.kind == "recurring" and g.deadline.every), None)
            if later is not None and CLAUSE_END.search(text, f.end, later.start) is None:
                continue
        kept.append(f)
    return kept


def choose(own: list[Found], inherited: Deadline | None) -> tuple[Deadline | None, list[Deadline]]:
    """The task's deadline (SPEC: the first one stated) and every one it states.

    A weak cue ("định kỳ" with no interval) loses against a deadline inherited from a heading or a
    lead-in; with nothing inherited the first cue stated wins, weak or not."""
    all_own = [f.deadline for f in own]
    if inherited is not None:
        strong = [f.deadline for f in own if not f.weak]
        return (strong[0] if strong else inherited), all_own
    usable = [f.deadline for f in own if not f.after_noun] or all_own
    return (usable[0] if usable else None), all_own


# ------------------------------------------------------------------ table cells

CELL_YEAR = re.compile(r"^\s*(?:năm\s+)?" + _Y + r"\s*\.?\s*$", re.IGNORECASE)
CELL_YEARS = re.compile(r"^\s*(?:năm\s+|giai\s+đoạn\s+)?(?P<y1>(?:19|20)\d{2})\s*[-–]\s*(?P<y2>(?:19|20)\d{2})\s*$", re.IGNORECASE)


def cell_deadline(cell: str, doc_year: int | None) -> Deadline | None:
    """The deadline written in a table's time column ("Quý III Năm 2026", "2026", "Thường xuyên")."""
    m = CELL_YEARS.match(cell)
    if m:
        return Deadline(kind="period", text=cell.strip(), start=f"{m.group('y1')}-01-01", date=f"{m.group('y2')}-12-31")
    m = CELL_YEAR.match(cell)
    if m:
        return Deadline(kind="by", text=cell.strip(), date=f"{m.group('y')}-12-31")
    found = find_deadlines(cell, doc_year)
    if found:
        return found[0].deadline
    return None


def shift(deadline: Deadline, offset: int) -> Deadline:
    """The same deadline with its span moved by ``offset`` (relative -> document offsets)."""
    if deadline.span is not None:
        deadline.span = (deadline.span[0] + offset, deadline.span[1] + offset)
    return deadline
