"""Numeric targets (SPEC §5): percentages, ranges and counts with their comparator.

``find_targets(text)`` reads one passage (an objective, a task) and returns every goal figure in
it; the caller decides which passages may hold goals (objectives, indicator lists, tasks; not
background, not footnotes) and removes repeats across the objectives and the tasks.
"""
from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from functools import lru_cache

import regex as re

from .. import vocab

_NUM = r"\d{1,3}(?:[.,]\d{1,2})?"

# "từ 95 - 100%", "95-100%", "từ 80% đến 90%", "30 - 40%": a range of percentages.
PERCENT_RANGE = re.compile(rf"(?P<from>\btừ\s+)?(?P<lo>{_NUM})\s*%?\s*(?:-|–|—|đến)\s*(?P<hi>{_NUM})\s*%")
# "100%", "98,5%", "30 %".
PERCENT = re.compile(rf"(?<![\d.,/])(?P<v>{_NUM})\s*%")
# "vị thứ 45 - 50/63", "từ vị thứ 45 - 50": a range of ranks (the unit before the figures).
RANK_RANGE = re.compile(r"(?P<unit>vị\s+thứ)\s+(?P<lo>\d{1,3})\s*[-–]\s*(?P<hi>\d{1,3})(?:\s*/\s*\d{1,3})?")
# "2-3 xã, phường, thị trấn/huyện": a range of counts (the unit after the figures).
COUNT_RANGE = re.compile(r"(?<![\d/.,])(?P<lo>\d{1,4})\s*[-–]\s*(?P<hi>\d{1,4})\s+(?P<rest>\p{Ll}[^\n]*)")
# "2 xã", "07 mô hình", "1.000 người": a count (the unit is checked against the data list).
COUNT = re.compile(r"(?<![\d/.,:\-])(?P<v>\d{1,3}(?:\.\d{3})*)\s+(?P<rest>\p{Ll}[^\n]*)")
# "... trở lên" right after a figure (or after its unit): at least.
OR_MORE = re.compile(r"^\s*(?:%\s*)?trở\s+lên\b")
CLAUSE_BREAK = re.compile(r"[;\n]|\.(?=\s|$)")
# "1.000", "12.500.000": dots between thousands (not a decimal point).
THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
# "từ 50 ... trở lên" a little after the figure.
OR_MORE_LATER = re.compile(r"^[^,;.]{0,60}?\btrở\s+lên\b")
# "... 80% và 100% ...": a figure after "và" may share the comparator of the one before.
AND_BEFORE = re.compile(r"\bvà\s*$")
# The end of a metric named after the figure, and the words before it that are not the metric.
METRIC_END = re.compile(r"[;(]|\bđạt\b|,\s+(?:trong\s+đó|tỷ\s+lệ|mức\s+độ)\b")
METRIC_AFTER_LEAD = re.compile(r"^(?:%\s*)?(?:trở\s+lên\s*)?(?:số\s+|các\s+|tổng\s+số\s+)?")
# The metric named before the figure: its figure, its opening verb and the comparator words are
# dropped. (The patterns that end the text are entered only where a run of spaces starts, the
# leftmost place they could match anyway, and read each run once: no backtracking blow-up.)
METRIC_BEFORE_FIGURE = re.compile(rf"(?<!\s)\s*(?:{_NUM})\s*%?$")
METRIC_BEFORE_LEAD = re.compile(r"^[-–+•\s]*(?:phấn\s+đấu\s+|đảm\s+bảo\s+|bảo\s+đảm\s+)?", re.IGNORECASE)
METRIC_BEFORE_COMPARATOR = re.compile(
    r"(?<!\s)\s*(?:(?:đạt|là|ở mức)\s*)?(?:(?:từ|tối thiểu|ít nhất|trên|tối đa|không quá|dưới)\s*)?$")
# Any digit: every goal figure has one (a passage without is not read further).
DIGIT = re.compile(r"\d")
# Words (for comparing two statements of a target).
WORD = re.compile(r"\w+")


@dataclass
class FoundTarget:
    start: int  # the figure (relative to the passage)
    end: int
    clause: tuple[int, int]  # the clause around it
    comparator: str
    value: float
    value_max: float | None
    unit: str
    metric: str


@lru_cache(maxsize=1)
def _cues():
    data = vocab.load("targets.json")
    comparators = []
    for comp in (">=", ">", "<=", "<"):
        for cue in data["comparators"][comp]:
            comparators.append((cue, comp))
    comparators.sort(key=lambda c: -len(c[0]))
    fillers = sorted(data["fillers"], key=len, reverse=True)
    units = sorted(data["count_units"], key=len, reverse=True)
    return comparators, fillers, units, set(data["time_units"]), data["count_goal_verbs"], data["count_place_cues"], data["past"]


def _number(text: str) -> float:
    text = text.replace(".", "") if THOUSANDS.fullmatch(text) else text.replace(",", ".")
    value = float(text)
    return int(value) if value == int(value) else value


_BREAKS: dict[int, tuple[str, list[int], list[int]]] = {}


def _clause(text: str, pos: int) -> tuple[int, int]:
    """The clause around ``pos`` (between ';' / full stops); boundaries computed once per text."""
    import bisect

    cached = _BREAKS.get(id(text))
    if cached is None or cached[0] is not text:
        matches = list(CLAUSE_BREAK.finditer(text))
        cached = (text, [m.end() for m in matches], [m.start() for m in matches])
        _BREAKS.clear()
        _BREAKS[id(text)] = cached
    _, ends, starts = cached
    i = bisect.bisect_right(ends, pos)
    start = ends[i - 1] if i else 0
    j = bisect.bisect_left(starts, pos)
    end = starts[j] if j < len(starts) else len(text)
    return start, end


def _words_before(text: str, start: int, clause_start: int, n: int = 6) -> str:
    return " ".join(text[clause_start:start].lower().split()[-n:])


def _comparator(text: str, start: int, end: int, clause_start: int, has_from: bool) -> str:
    comparators, fillers, *_ = _cues()
    before = _words_before(text, start, clause_start)
    # strip the fillers between the cue and the figure ("đạt tối thiểu", "tối thiểu là")
    changed = True
    while changed:
        changed = False
        for filler in fillers:
            if before.endswith(" " + filler) or before == filler:
                before = before[: -len(filler)].rstrip()
                changed = True
    for cue, comp in comparators:
        if before.endswith(" " + cue) or before == cue:
            return comp
    after = text[end:end + 40]
    if OR_MORE.match(after):
        return ">="
    if has_from and OR_MORE_LATER.match(after):
        return ">="
    return "="


def _metric(text: str, end: int, clause: tuple[int, int]) -> str:
    after = text[end:clause[1]]
    after = METRIC_END.split(after)[0].strip(" ,")
    after = METRIC_AFTER_LEAD.sub("", after).strip()
    if len(after.split()) >= 2:
        return " ".join(after.split()[:14])
    before = text[clause[0]:end]
    before = METRIC_BEFORE_FIGURE.sub("", before)
    before = METRIC_BEFORE_LEAD.sub("", before)
    before = METRIC_BEFORE_COMPARATOR.sub("", before)
    return " ".join(before.split()[-14:]).strip(" ,")


def _is_past(text: str, start: int, clause_start: int) -> bool:
    *_, past = _cues()
    before = " " + text[clause_start:start].lower() + " "
    return any(f" {p} " in before for p in past)


def _count_unit(rest: str) -> str | None:
    _, _, units, *_ = _cues()
    low = rest[:len(units[0]) + 1].lower() if units else rest  # (units[0] is the longest: what can be compared)
    for unit in units:
        if low.startswith(unit) and (len(low) == len(unit) or not low[len(unit)].isalpha()):
            return rest[: len(unit)]
    return None


def find_targets(text: str) -> list[FoundTarget]:
    """The goal figures of one passage, in reading order (offsets relative to ``text``)."""
    comparators, fillers, units, time_units, goal_verbs, place_cues, _ = _cues()
    out: list[FoundTarget] = []
    if DIGIT.search(text) is None:
        return out
    has_percent = "%" in text  # (PERCENT_RANGE and PERCENT need it, RANK_RANGE "thứ", COUNT_RANGE a dash)
    has_rank = "thứ" in text
    has_dash = "-" in text or "–" in text
    taken: list[tuple[int, int]] = []

    def free(a, b):
        return all(b <= s or a >= e for s, e in taken)

    def add(start, end, comp, value, vmax, unit):
        clause = _clause(text, start)
        if _is_past(text, start, clause[0]):
            return
        out.append(FoundTarget(start, end, clause, comp, value, vmax, unit, _metric(text, end, clause)))
        taken.append((start, end))

    for m in PERCENT_RANGE.finditer(text) if has_percent else ():
        lo, hi = _number(m.group("lo")), _number(m.group("hi"))
        if lo < hi:
            add(m.start("lo") if not m.group("from") else m.start(), m.end(), "range", lo, hi, "%")
    for m in RANK_RANGE.finditer(text) if has_rank else ():
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "range", _number(m.group("lo")), _number(m.group("hi")), m.group("unit"))
    for m in PERCENT.finditer(text) if has_percent else ():
        if not free(m.start(), m.end()):
            continue
        clause = _clause(text, m.start())
        has_from = _words_before(text, m.start(), clause[0], 1) == "từ"
        comp = _comparator(text, m.start(), m.end(), clause[0], has_from)
        if comp == "=" and out and AND_BEFORE.search(text[clause[0]:m.start()]):
            prev = out[-1]
            if prev.clause == clause and prev.comparator not in ("=", "range") and prev.unit == "%" \
                    and _number(m.group("v")) != 100:  # "trên 80% ... và 100% ...": 100% is all, never "> 100"
                comp = prev.comparator  # "giảm tối thiểu 10% ... và 10% biên chế"
        add(m.start(), m.end(), comp, _number(m.group("v")), None, "%")
    for m in COUNT_RANGE.finditer(text) if has_dash else ():
        if not free(m.start(), m.end()):
            continue
        unit = _count_unit(m.group("rest"))
        lo, hi = int(m.group("lo")), int(m.group("hi"))
        if unit and lo < hi and hi < 1900:
            add(m.start(), m.start("rest") + len(unit), "range", lo, hi, unit)
    for m in COUNT.finditer(text):
        if not free(m.start(), m.end()):
            continue
        unit = _count_unit(m.group("rest"))
        if not unit:
            continue
        value = _number(m.group("v"))
        if not isinstance(value, int) or value < 2 or 1900 <= value <= 2100:
            continue
        clause = _clause(text, m.start())
        before = _words_before(text, m.start(), clause[0], 3)
        unit_end = m.start("rest") + len(unit)
        comp = _comparator(text, m.start(), unit_end, clause[0], before.endswith("từ"))
        if comp != "=":
            if unit.lower() in time_units and (before.endswith("từ") or OR_MORE.match(text[unit_end:unit_end + 20])):
                continue  # "thời hạn giải quyết từ 03 ngày trở lên": which cases, not a goal
            add(m.start(), unit_end, comp, value, None, unit)
            continue
        last = before.split()[-2:] if before else []
        # "tại UBND 7 xã (...)", "ở 3 huyện": the places where the work is done
        if last and (last[-1] in place_cues or (len(last) == 2 and last[0] in place_cues and last[1] in ("ubnd", "các"))):
            if unit.lower() not in time_units:
                add(m.start(), unit_end, "=", value, None, unit)
            continue
        if any(before.endswith(v) for v in goal_verbs) and unit.lower() not in time_units:
            add(m.start(), unit_end, "=", value, None, unit)
    out.sort(key=lambda t: t.start)
    return out


# Words that do not say what a target measures.
CONTENT_STOP_WORDS = frozenset({
    "các", "của", "và", "được", "có", "trong", "theo", "đến", "từ", "tại", "ở", "với", "cho", "số", "đạt", "trên",
    "tối", "thiểu", "ít", "nhất", "tỉnh", "năm", "đảm", "bảo", "thực", "hiện", "triển", "khai", "phấn", "đấu", "100"})


def content_words(text: str) -> set[str]:
    """Words that say what a target measures (for spotting the same target stated twice)."""
    return {w for w in WORD.findall(text.lower()) if w not in CONTENT_STOP_WORDS and not w.isdigit()}


def same_target(a_words: Set[str], b_words: Set[str]) -> bool:
    """Two statements of one target: most of the shorter one's content words are in the other.
    (``Set``, not ``set``: compiled, a ``set`` annotation refuses the frozensets callers keep.)"""
    if not a_words or not b_words:
        return False
    overlap = len(a_words & b_words) / min(len(a_words), len(b_words))
    return overlap >= 0.6
