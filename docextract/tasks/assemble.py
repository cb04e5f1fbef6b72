"""Task assembly over the section tree (SPEC §4 "What is a task").

- Each leaf item that orders, asks or assigns an action is one task (several sentences or
  paragraphs stay one task, unless a paragraph names a new subject: then it is a task of its own).
- A heading that only names the assignee ("2. Sở Nội vụ có trách nhiệm", "a) Sở Nội vụ:") or a
  field ("3. Cải cách thủ tục hành chính") is not a task; its assignee passes down.
- A lead-in ("UBND tỉnh yêu cầu Thủ trưởng các sở ... thực hiện các nhiệm vụ sau:") passes its
  assignees, and its deadline, to the items after it; it is a task itself only when another
  sentence of it orders something.
- A parent item that orders an action before its sub-items is a task too; its assignee passes
  down (its deadline does not).
- Objectives, indicator lists and background are not tasks (their figures go to targets).
- Unnumbered paragraphs outside the items are tasks when they assign ("Giao Sở Nội vụ ...",
  "Yêu cầu Thủ trưởng ...", "Đề nghị ...", "X yêu cầu Y ...").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

import regex as re

from ..model import Assignee, Deadline, Paragraph, Section
from .attributes import AttributeLine, attribute_line
from .context import DocContext, cues
from .deadlines import CUE_WORDS, DIGIT, Found, find_deadlines
from .roles import RoleParse, parse_roles

# A line of the preamble: "Căn cứ Luật ...", "Căn cứ Nghị định số ..." (not "Căn cứ chức năng, nhiệm vụ ..., xây dựng ...").
PREAMBLE_BASIS = re.compile(r"^\s*Căn\s+cứ\s+(?:vào\s+)?(?:các\s+)?(?:Hiến\s+pháp|Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|"
                            r"Quyết\s+định|Thông\s+tư|Chỉ\s+thị|Kế\s+hoạch|Công\s+văn|Văn\s+bản|Thông\s+báo|Kết\s+luận|"
                            r"Chương\s+trình|Đề\s+án|Báo\s+cáo|Tờ\s+trình|Công\s+điện|Hướng\s+dẫn)\b")
# Words that state a goal in a paragraph outside the items (its figures are targets).
GOAL_CUE = re.compile(r"\b(?:phấn\s+đấu|mục\s+tiêu\s+(?:là|đến)|chỉ\s+tiêu\s+(?:là|đến|đề\s+ra))\b", re.IGNORECASE)
# A purpose clause opening a sentence: "Để ...", "Nhằm ..." (its deadlines are the goal's, not the items').
PURPOSE_OPENER = re.compile(r"(?:^|(?<=[.]\s))(?:Để|Nhằm)\s")
# Sentence ends inside a paragraph (for "is there another sentence that orders something").
SENTENCE_END = re.compile(r"\.(?=\s+\p{Lu})")
# A lead-in that announces a list of tasks ("... cần tập trung thực hiện tốt một số nhiệm vụ, giải
# pháp sau đây:", "... các nhiệm vụ trọng tâm sau:").
TASK_LIST_LEAD_IN = re.compile(r"\b(?:nhiệm\s+vụ|giải\s+pháp)\b[^:]{0,60}\bsau(?:\s+đây)?\s*:\s*$", re.IGNORECASE)
LEAD_IN_CLAUSE_END = re.compile(r"\.(?=\s+\p{Lu})|;(?=\s)")  # (a clause of its own before the lead-in proper)
# Words that a heading naming only its assignee may hold besides the bodies.
ASSIGNEE_HEADING_FILLER = re.compile(
    r"\b(?:có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|trách\s+nhiệm\s+của|nhiệm\s+vụ\s+của|đề\s+nghị|kính\s+đề\s+nghị|giao|yêu\s+cầu|"
    r"đối\s+với|thực\s+hiện\s+các\s+nhiệm\s+vụ(?:\s+sau)?|các\s+nhiệm\s+vụ\s+sau|như\s+sau|sau\s+đây|chủ\s+trì|thực\s+hiện|"
    r"và|các|cụ\s+thể|gồm)\b|[,;:.()\-–]", re.IGNORECASE)
# A heading that only states roles for the items below it ("a) Chủ trì, phối hợp với các sở, ban,
# ngành, UBND các xã, phường", "b) Phối hợp với các sở, ngành"): once its bodies are taken out,
# these words are all that is left. The items keep the lead above; the bodies named are supports.
ROLE_HEADING_OPENING = re.compile(r"(?:chủ\s+động\s+)?(?:chủ\s+trì|phối\s+hợp)\b", re.IGNORECASE)
ROLE_HEADING_WORDS = re.compile(
    r"\b(?:chủ\s+động|chủ\s+trì|phối\s+hợp(?:\s+chặt\s+chẽ)?|với|và|các|có\s+liên\s+quan|liên\s+quan)\b|[,;:.()\-–]",
    re.IGNORECASE)
# The last character that is not white space, searched from the end without reading the whole
# text (see _last_mark): a sentence ends with one of SENTENCE_END_MARKS (a field-name heading ends
# with none), a paragraph that only announces what follows with a colon ("... các nhiệm vụ sau:").
LAST_NON_SPACE = re.compile(r"(?r)\S")
SENTENCE_END_MARKS = (".", ";", "!", "?")
# The body of a footnote whose marker was dropped: it opens with the citation of a document.
FOOTNOTE_CITATION = re.compile(r"^\s*(?:\d{1,2}\s+)?(?:Quyết\s+định|Nghị\s+quyết|Nghị\s+định|Chỉ\s+thị|Thông\s+tư|Kế\s+hoạch|"
                               r"Luật|Công\s+văn|Thông\s+báo|Kết\s+luận)\s+(?:số\s+)?\d")
# "Điều 1. Phê duyệt Chương trình ... với những nội dung sau:": the article holds the approved
# plan, whose items are tasks as in any plan (not the provisions of a law); its name may open with a quote
APPROVES_PLAN = re.compile(
    r"^(?:Phê\s+duyệt|Ban\s+hành(?:\s+kèm\s+theo\s+Quyết\s+định\s+này)?)\s+(?:\p{L}+\s+){0,3}?"
    r"[\"“‘']?(?:Chương\s+trình|Kế\s+hoạch|Đề\s+án|Chiến\s+lược|Phương\s+án|Dự\s+án|Nhiệm\s+vụ)\b")
# A table cell that holds only a figure ("54", "1.325", "27,31%", "-").
NUMERIC_CELL = re.compile(r"^[\s\d.,%()\-–+x/]+$")
# Roman-numbered or arabic label values, for spotting a restart of the numbering.
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
ROMAN_LABEL = re.compile(r"[IVXL]+")
# The number and a leading "về" / "đối với" of a heading, skipped before its words are read ("2.1. Về nhiệm vụ").
HEADING_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s*")
HEADING_ABOUT_WORDS = ("về", "đối với")
HEADING_ABOUT = re.compile(r"^(?:" + "|".join(HEADING_ABOUT_WORDS) + r")\s+")
# Four runs of letters (four words): a paragraph with fewer is a table cell, a name or figures.
FOUR_WORDS = re.compile(r"\p{L}(?:\P{L}+\p{L}+){3}")
# A parenthesis right after a subject ("Sở Nội vụ (cơ quan thường trực) có trách nhiệm").
LEADING_PAREN = re.compile(r"^\s*\([^()]*\)")


@dataclass(slots=True)
class Inherited:
    assignees: list[Assignee] = field(default_factory=list)
    deadline: Deadline | None = None
    zone: str = "task"  # task | objective | background (a funding section walks as task, normative)
    normative: bool = False  # inside an article (Điều): a clause is a task only when a body is named


@dataclass(slots=True)
class Unit:
    """A stretch of text that is one task (before its roles are read)."""

    span: tuple[int, int]
    section: Section | None
    inherited: Inherited
    kind: str = "item"  # item | paragraph | lead_in | row
    fixed_assignees: list[Assignee] | None = None  # table rows
    fixed_deadline: Deadline | None = None
    path: str | None = None

    @property
    def normative(self) -> bool:
        return self.inherited.normative


@dataclass(slots=True)
class ObjectiveText:
    span: tuple[int, int]
    deadline: Deadline | None


@lru_cache(maxsize=None)
def _phrase_list(group: str, key: str) -> tuple[str, ...]:
    """The phrases of task_cues.json[group][key], lower case (read once per process)."""
    return tuple(p.lower() for p in cues()[group][key])


@lru_cache(maxsize=None)
def _shortest_phrases(group: str, key: str) -> tuple[str, ...]:
    """The phrases of _phrase_list(group, key) that hold no other one: a text holds one of the
    phrases if and only if it holds one of these."""
    phrases = _phrase_list(group, key)
    return tuple(p for p in phrases if not any(q != p and q in p for q in phrases))


# What may follow a heading phrase that opens a longer heading ("Mục tiêu: ...", "Nhiệm vụ, giải pháp").
HEADING_PHRASE_END = re.compile(r"[ ,:]")
# Heading zones in the order they are tried: a phrase listed under several zones gives the first.
# (zone, key of task_cues.json "headings"), in precedence order: a heading that opens with phrases of
# two zones takes the first ("Nhiệm vụ, quyền hạn của Bộ" is standing functions, not "Nhiệm vụ").
HEADING_ZONES = (("functions", "functions"), ("task", "tasks"), ("objective", "objectives"), ("funding", "funding"),
                 ("background", "background"))


@lru_cache(maxsize=1)
def _heading_phrases() -> tuple[dict[str, int], int, frozenset[str]]:
    """(heading phrase -> index in HEADING_ZONES of the first zone that lists it, length of the
    longest phrase, the first words of the phrases (up to " ", "," or ":"))."""
    out: dict[str, int] = {}
    for rank, (_, key) in enumerate(HEADING_ZONES):
        for phrase in _phrase_list("headings", key):
            out.setdefault(phrase, rank)
    first_words = frozenset(HEADING_PHRASE_END.split(phrase, maxsplit=1)[0] for phrase in out)
    return out, max(map(len, out), default=0), first_words


def _heading_words(heading: str, whole: bool = True) -> str:
    """The words of a heading that heading_zone reads: lower case, without its number or a leading
    "về" / "đối với" (``whole``: without the spaces, colons and dots that end it)."""
    low = heading.lower()
    low = low.strip(" :.") if whole else low.lstrip(" :.")
    if low[:1].isdigit():  # (str.isdigit holds for every \d)
        low = HEADING_NUMBER.sub("", low)
    if low.startswith(HEADING_ABOUT_WORDS):
        low = HEADING_ABOUT.sub("", low)
    return low


def _first_heading_word(low: str, longest: int) -> str:
    """What a heading phrase has to open with: the heading's words up to " ", "," or ":"."""
    first_end = HEADING_PHRASE_END.search(low, 0, longest + 1)
    return low[:first_end.start()] if first_end else low


HEADING_OPENING = 80  # characters: the opening of a long heading read first by heading_zone


def _long_heading_may_name_zone(heading: str, first_words: frozenset[str]) -> bool:
    """False when the words of a long heading (lower-casing it whole is slow) cannot open with a
    heading phrase, told from its opening alone; True when they may, or when unsure. The opening
    gives the heading's first word when a separator follows it and more than the closing spaces,
    colons and dots follow that (so the closing strip of the whole heading cannot reach it)."""
    low = _heading_words(heading[:HEADING_OPENING], whole=False)
    first_end = HEADING_PHRASE_END.search(low)
    if first_end is None or not low[first_end.end():].strip(" :."):
        return True  # unsure: read the whole heading
    return low[:first_end.start()] in first_words


# In a legal text, a clause that lists a body's standing duties ("3. Văn thư cơ quan có nhiệm vụ:",
# "Bộ Nội vụ thực hiện nhiệm vụ, quyền hạn ... và những nhiệm vụ, quyền hạn cụ thể sau:"): the items
# below are its functions, not tasks ("có trách nhiệm:" introduces tasks and is not matched).
FUNCTIONS_LEAD_IN = re.compile(
    r"(?:\bcó\s+(?:các\s+)?nhiệm\s+vụ(?:,?\s+(?:và\s+)?quyền\s+hạn)?|\bnhiệm\s+vụ,?\s+(?:và\s+)?quyền\s+hạn)"
    r"(?:\s+(?:cụ\s+thể\s+)?(?:như\s+)?sau(?:\s+đây)?)?\s*:?\s*$"
)


def heading_zone(heading: str) -> str | None:
    """objective | background | task | None, from a section heading's words: the heading is a
    phrase of the zone, or opens with one followed by " ", "," or ":" ("Mục tiêu: Tập trung ..." is
    an objective; "Nhiệm vụ" heads tasks)."""
    phrases, longest, first_words = _heading_phrases()
    if len(heading) > HEADING_OPENING and not _long_heading_may_name_zone(heading, first_words):
        return None
    low = _heading_words(heading)
    if _first_heading_word(low, longest) not in first_words:
        return None  # (most headings) no phrase opens with the heading's first word
    best = phrases.get(low)
    for m in HEADING_PHRASE_END.finditer(low, 0, longest + 1):
        rank = phrases.get(low[:m.start()])
        if rank is not None and (best is None or rank < best):
            best = rank
    if best is None or len(low.split(None, 30)) > 30:  # (a heading of more than 30 words is no heading)
        return None
    return HEADING_ZONES[best][0]


# Annex titles: an appendix of data ("PHỤ LỤC ... DANH MỤC THỦ TỤC", "PHƯƠNG ÁN ĐƠN GIẢN HÓA"), of
# indicators ("DANH MỤC CÁC CHỈ TIÊU"), or an attached text whose items are tasks ("KẾ HOẠCH ...",
# "PHỤ LỤC ... NHIỆM VỤ ...").
ANNEX_TASKS = re.compile(r"\b(?:NHIỆM\s+VỤ|KẾ\s+HOẠCH|CHƯƠNG\s+TRÌNH|ĐỀ\s+ÁN|GIẢI\s+PHÁP|PHÂN\s+CÔNG|QUY\s+CHẾ|QUY\s+ĐỊNH)\b")
ANNEX_OBJECTIVES = re.compile(r"\bCHỈ\s+TIÊU\b")
ANNEX_DATA = re.compile(r"^(?:PHỤ\s+LỤC|DANH\s+MỤC|BIỂU|BẢNG|PHƯƠNG\s+ÁN)\b")
ANNEX_NHIEM_VU = re.compile(r"NHIỆM\s+VỤ")


def annex_kind(title: str) -> str:
    """objective | data | text, from the title of an annex."""
    head = title[:200]
    if ANNEX_OBJECTIVES.search(head) and not ANNEX_NHIEM_VU.search(head):
        return "objective"
    if ANNEX_DATA.match(head) and not ANNEX_TASKS.search(head):
        return "data"
    return "text"


UPPER_CASE_CHUNK = 64  # characters read at a time by _mostly_upper_case
# The lower-case ASCII letters (counted first: they most often settle it).
ASCII_LOWER = b"abcdefghijklmnopqrstuvwxyz"


def _mostly_upper_case(text: str) -> bool:
    """More than 80% of the letters of ``text`` are upper case. When the lower-case ASCII letters
    alone make a fifth of the text it is not. Else read a chunk at a time: once the letters seen
    that are not upper case rule it out whatever the rest holds, stop."""
    ascii_text = text.encode("ascii", "ignore")
    if 5 * (len(ascii_text) - len(ascii_text.translate(None, ASCII_LOWER))) >= len(text):
        return False  # other >= len / 5 >= letters / 5, so upper <= 4 * other
    upper = other = 0
    for i in range(0, len(text), UPPER_CASE_CHUNK):
        letters = "".join(filter(str.isalpha, text[i:i + UPPER_CASE_CHUNK]))
        n_upper = sum(map(str.isupper, letters))
        upper += n_upper
        other += len(letters) - n_upper
        rest = max(0, len(text) - i - UPPER_CASE_CHUNK)
        if upper + rest <= 4 * other:
            return False  # even if every character left were an upper-case letter
    return upper > 4 * other  # upper / (upper + other) > 0.8, in integers


def _last_mark(text: str) -> str:
    """The last character of ``text`` that is not white space ("" when there is none)."""
    m = LAST_NON_SPACE.search(text)
    return m.group() if m else ""


def _numeric_cell(text: str) -> bool:
    """NUMERIC_CELL matches ``text``; a text that opens with a letter (but "x") does not."""
    if text[:1].isalpha() and text[:1] != "x":
        return False
    return NUMERIC_CELL.match(text) is not None


def _label_value(label: str) -> int | None:
    if label.isdigit():
        return int(label)
    if ROMAN_LABEL.fullmatch(label):
        total = 0
        for ch, nxt in zip(label, label[1:] + " "):
            v = ROMAN[ch]
            total += -v if ROMAN.get(nxt, 0) > v else v
        return total
    return None


class Assembler:
    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.text = ctx.text
        self.units: list[Unit] = []
        self.objectives: list[ObjectiveText] = []
        self.deadline_cache: dict[tuple[int, int], list[Found]] = {}
        self._numeric: list[int] | None = None  # paragraphs that are only figures, counted up to each
        self._para_index: dict[int, int] = {}
        self._non_task: dict[tuple[int, int], bool] = {}  # (start, end) -> non_task
        self._roles: dict[tuple[int, int], RoleParse] = {}  # (start, end) -> parse_roles

    # ------------------------------------------------------------------ helpers

    def _index_of(self, para: Paragraph) -> int:
        if not self._para_index:
            self._para_index = {p.span[0]: i for i, p in enumerate(self.ctx.paragraphs)}
        return self._para_index[para.span[0]]

    def in_data_table(self, offset: int) -> bool:
        """Inside a table of figures: several of the nearby paragraphs are only numbers."""
        if self._numeric is None:
            self._numeric = list(accumulate(map(_numeric_cell, [p.text for p in self.ctx.paragraphs]), initial=0))
        para = self.ctx.paragraph_at(offset)
        if para is None:
            return False
        i = self._index_of(para)
        last = len(self._numeric) - 1
        return self._numeric[min(i + 5, last)] - self._numeric[max(0, i - 4)] >= 3  # in the 4 before to the 4 after

    def deadlines(self, start: int, end: int) -> list[Found]:
        key = (start, end)
        if key not in self.deadline_cache:
            if DIGIT.search(self.text, start, end) is None and not self.ctx.may_hold(CUE_WORDS, start, end):
                found = []  # neither a digit nor a cue word: no deadline (as find_deadlines would tell)
            else:
                found = find_deadlines(self.text[start:end], self.ctx.year, doc_period=self.ctx.doc_period,
                                       lower=self.ctx.lower(start, end))
            for f in found:
                f.start += start
                f.end += start
                if f.deadline.span:
                    f.deadline.span = (f.deadline.span[0] + start, f.deadline.span[1] + start)
            self.deadline_cache[key] = found
        return self.deadline_cache[key]

    def body_paragraphs(self, start: int, end: int) -> list[Paragraph]:
        """Body paragraphs in [start, end), up to the closing block or an annex (what follows the
        signature is not the text of the last item)."""
        out = []
        for p in self.ctx.paragraphs_in(start, end):
            if p.zone in ("closing", "annex"):
                break
            if p.zone == "body" and p.span[1] > start:
                out.append(p)
        return out

    def roles(self, start: int, end: int) -> RoleParse:
        """parse_roles of [start, end), once per span (headings and paragraphs are read several times)."""
        key = (start, end)
        if key not in self._roles:
            self._roles[key] = parse_roles(self.ctx, start, end)
        return self._roles[key]

    def passes_down(self, parse: RoleParse, with_supports: bool = False) -> list[Assignee]:
        """Assignees a heading or a lead-in gives to what is below it: its leads and requested
        bodies; with_supports (a heading that only names bodies, "1. Bộ Tài chính chủ trì, phối
        hợp với các bộ, địa phương liên quan:"), the bodies they work with too. (Where the heading
        orders an action itself, its partners are partners in that action.)"""
        out = []
        for r in parse.subjects():
            if r.role in ("lead", "requested") and not self.ctx.is_issuer(r.mention):
                out.append(Assignee(r.mention.name, r.role, (r.mention.start, r.mention.end)))
        if out and with_supports:
            for r in parse.supports():
                if not self.ctx.is_issuer(r.mention):
                    out.append(Assignee(r.mention.name, r.role, (r.mention.start, r.mention.end)))
        return _dedupe(out)

    def only_names_assignee(self, start: int, end: int, parse: RoleParse) -> bool:
        """'Sở Nội vụ có trách nhiệm:', 'a) Sở Nội vụ:', 'Đề nghị Ủy ban MTTQ ...; các tổ chức ...'."""
        if not parse.subjects():
            return False
        text = self.text[start:end]
        for m in sorted(self.ctx.mentions(start, end), key=lambda m: -m.start):
            text = text[: m.start - start] + " " + text[m.end - start:]
        # The words left between the fillers (ASSIGNEE_HEADING_FILLER.sub(" ", text).split()),
        # counted up to the second one.
        words = 0
        pos = 0
        for m in ASSIGNEE_HEADING_FILLER.finditer(text):
            words += len(text[pos:m.start()].split())
            if words > 1:
                return False
            pos = m.end()
        return words + len(text[pos:].split()) <= 1

    def only_states_roles(self, start: int, end: int, parse: RoleParse) -> bool:
        """'Chủ trì, phối hợp với các sở, ngành', 'Phối hợp với UBND các xã': roles, no action."""
        text = self.text[start:end]
        if not ROLE_HEADING_OPENING.match(text.lstrip()) or not parse.supports():
            return False
        for m in sorted(self.ctx.mentions(start, end), key=lambda m: -m.start):
            text = text[: m.start - start] + " " + text[m.end - start:]
        return not ROLE_HEADING_WORDS.sub(" ", text).strip()

    def names_field(self, start: int, end: int, has_body_below: bool) -> bool:
        """'3. Cải cách thủ tục hành chính', '1. Đối với lĩnh vực “...”:' (a field, no order): a
        heading with items or paragraphs below it that names no body and ends no sentence."""
        text = self.text[start:end].strip()
        if not has_body_below or _last_mark(text) in SENTENCE_END_MARKS:
            return False
        if self.ctx.mentions(start, end):
            return False
        return True

    def is_lead_in(self, start: int, end: int) -> bool:
        return _last_mark(self.text[start:end]) == ":"

    def lead_in_deadlines(self, start: int, end: int) -> list[Found]:
        """Deadlines a lead-in gives to its items: not those of its purpose clause ("Để ... đạt được
        mục tiêu tăng trưởng 8% trong năm 2025, tỉnh ... cần ... sau:")."""
        found = self.deadlines(start, end)
        text = self.text[start:end]
        purposes = []
        for m in PURPOSE_OPENER.finditer(text):
            mentions = [x for x in self.ctx.mentions(start + m.start(), end)]
            stop = min((x.start for x in mentions), default=end)
            purposes.append((start + m.start(), stop))
        return [f for f in found if not any(a <= f.start < b for a, b in purposes)]

    def lead_in_is_task(self, start: int, end: int) -> bool:
        """A lead-in with another sentence or clause before it that orders something (a subject
        and a verb): "Giao Sở X là cơ quan đầu mối, chủ trì, hướng dẫn thực hiện Đề án ...; tổ
        chức thực hiện các nhiệm vụ sau:"."""
        text = self.text[start:end]
        sentences = [m.end() for m in LEAD_IN_CLAUSE_END.finditer(text)]
        if not sentences:
            # "Các Bộ: Tài chính, Y tế ... khẩn trương khắc phục ..., hoàn thành trong tháng 11 năm
            # 2025, cụ thể:": an order with its own due date before the list that details it
            if not any(f.explicit for f in self.deadlines(start, end)):
                return False
            parse = self.roles(start, end)
            return not self.only_names_assignee(start, end, parse) and \
                bool([r for r in parse.subjects() if r.role in ("lead", "requested")])
        first_end = start + sentences[0]
        parse = self.roles(start, first_end)
        if self.only_names_assignee(start, first_end - 1, parse):
            return False  # "Thủ trưởng các sở, ban, ngành; Chủ tịch ...:" lists bodies, orders nothing
        return bool([r for r in parse.subjects() if r.role in ("lead", "requested")])

    def non_task(self, start: int, end: int) -> bool:
        key = (start, end)
        if key not in self._non_task:
            self._non_task[key] = self._non_task_text(self.text[start:end], self.ctx.lower(start, end))
        return self._non_task[key]

    @staticmethod
    def _non_task_text(raw: str, low: str | None = None) -> bool:
        """A table cell, a title, a preamble line, a closing formula: not a task (``low``:
        raw.lower() when the caller has it)."""
        if FOUR_WORDS.search(raw) is None:
            return True  # a table cell, a name, figures
        if _mostly_upper_case(raw):
            return True  # an upper-case title
        low = (raw.lower() if low is None else low).lstrip(" -–+•")
        if low.startswith(_phrase_list("paragraphs", "non_task_openers")):
            return True
        if PREAMBLE_BASIS.match(raw):
            return True
        if not any(p in low for p in _shortest_phrases("paragraphs", "non_task_phrases")):
            return False  # none in the paragraph, so none in its first sentence
        phrases = _phrase_list("paragraphs", "non_task_phrases")
        first_sentence = SENTENCE_END.split(low, maxsplit=1)[0]
        if any(p in first_sentence for p in phrases) and len(first_sentence.split()) < 30:
            return True
        return False

    def assessment_turns_to_tasks(self, own: list[Paragraph]) -> list[Assignee] | None:
        """The assignees of the lead-in that closes an assessment ("I. ĐÁNH GIÁ CHUNG ... Để tiếp tục
        ..., thành phố Đà Nẵng cần tập trung thực hiện tốt một số nhiệm vụ, giải pháp sau đây:"): the
        items below it are the tasks it names; None when the section ends otherwise."""
        if not own:
            return None
        s, e = own[-1].span
        if not self.is_lead_in(s, e) or not TASK_LIST_LEAD_IN.search(self.text, s, e):
            return None
        given = self.passes_down(self.roles(s, e))
        return given or None

    def order_after_closing_sentence(self, start: int, end: int) -> int | None:
        """Where a later sentence of a paragraph that opens with a closing formula ("Quyết định này
        có hiệu lực kể từ ngày ký.") names its own subject and orders something, or None."""
        text = self.text[start:end]
        for m in SENTENCE_END.finditer(text):
            s = start + m.end()
            while s < end and self.text[s] == " ":
                s += 1
            if not self.non_task(s, end) and self.starts_new_subject(s, end):
                return s
        return None

    def footnote_interruption(self, paras: list[Paragraph], i: int) -> bool:
        """A footnote printed in the middle of a sentence (page bottom): the paragraph before it (or
        before the footnotes in a row) does not end its sentence, and the footnote cites a document
        or a later paragraph continues the sentence in lower case."""
        if i == 0:
            return False
        k = i - 1
        while k > 0 and self._footnote_like(paras[k].text):
            k -= 1  # several footnotes in a row
        prev = paras[k].text.rstrip()
        if _last_mark(prev) in SENTENCE_END_MARKS or prev.endswith(":"):
            return False
        if self._footnote_like(paras[i].text):
            return True
        return any(nxt.text[:1].islower() for nxt in paras[i + 1:i + 4])

    @staticmethod
    def _footnote_like(text: str) -> bool:
        """A footnote body cites a document ("Quyết định số 2548/QĐ-UBND ngày ...")."""
        return bool(FOOTNOTE_CITATION.match(text))

    def starts_new_subject(self, start: int, end: int) -> bool:
        parse = self.roles(start, end)
        return bool(parse.subjects(0)) or parse.assign_cue

    # ------------------------------------------------------------------ grouping paragraphs

    def appendix_starts(self, start: int, end: int) -> bool:
        """'PHỤ LỤC', 'DANH MỤC ...', 'BIỂU ...' in upper case: an appendix begins here."""
        raw = self.text[start:end].strip()
        return raw[:1].isupper() and raw.split(None, 1)[0].isupper() and raw.lower().startswith(
            _phrase_list("paragraphs", "appendix_openers"))

    def group_paragraphs(self, paras: list[tuple[int, int]], section, inherited: Inherited, first_is_item=True) -> None:
        """Turn consecutive paragraphs of one item into tasks: one task, unless a paragraph names
        its own subject (then it is a task of its own, and so is what follows it)."""
        groups: list[list[tuple[int, int]]] = []
        new_after_subject = False
        for k, (s, e) in enumerate(paras):
            if k > 0 and self.appendix_starts(s, e):
                break  # the rest of the item's text is an appendix after the document
            if self.non_task(s, e):
                new_after_subject = True
                continue
            subject = self.starts_new_subject(s, e) if (k > 0 or not first_is_item) else False
            if not groups or subject or new_after_subject:
                groups.append([(s, e)])
                new_after_subject = subject
            else:
                groups[-1].append((s, e))
        for group in groups:
            s, e = group[0][0], group[-1][1]
            self.units.append(Unit((s, e), section, inherited, "item" if section else "paragraph",
                                   path=section.path if section else None))

    # ------------------------------------------------------------------ the tree

    def run(self) -> None:
        ctx = self.ctx
        roots = ctx.record.sections
        zones = self.block_zones(roots)
        body = [p for p in ctx.paragraphs if p.zone == "body"]
        first_root = roots[0].span[0] if roots else None
        inherited = Inherited()
        # paragraphs before the first item: lead-ins and unnumbered orders
        pre = [p for p in body if first_root is None or p.span[1] <= first_root]
        inherited = self.loose_paragraphs(pre, inherited)
        for root, zone in zip(roots, zones):
            inh = Inherited(inherited.assignees, inherited.deadline, zone or inherited.zone)
            self.walk(root, inh)

    def block_zones(self, roots: list[Section]) -> list[str | None]:
        """Zones of the top-level items when the Roman headings were lost in the capture: the
        numbering restarts ("1. Mục đích, 2. Yêu cầu, 1.1 ..., 1. Công tác chỉ đạo ...") and a block
        whose items are mostly figures ("100% ...", "tối thiểu 90%") is a list of objectives."""
        out: list[str | None] = [None] * len(roots)
        if len(roots) < 2:
            return out
        blocks: list[list[int]] = [[0]]
        for i in range(1, len(roots)):
            a, b = roots[i - 1], roots[i]
            va, vb = _label_value(a.label), _label_value(b.label)
            if a.kind == b.kind and va is not None and vb is not None and vb <= va:
                blocks.append([i])
            else:
                blocks[-1].append(i)
        if len(blocks) < 2:
            return out
        for block in blocks:
            explicit = {heading_zone(roots[i].heading) for i in block} - {None}
            if "task" in explicit:
                continue
            leaves = [n for i in block for n in roots[i].walk() if not n.children]
            if len(leaves) < 3:
                continue
            with_figure = sum(1 for n in leaves if "%" in self.text[n.span[0]:n.span[1]])
            if with_figure / len(leaves) >= 0.3:
                for i in block:
                    out[i] = "objective"
        return out

    def loose_paragraphs(self, paras: list[Paragraph], inherited: Inherited) -> Inherited:
        """Unnumbered paragraphs outside the items: lead-ins update what the next items inherit;
        assigning paragraphs are tasks."""
        texts = [p.text for p in paras]
        for i, p in enumerate(paras):
            s, e = p.span
            if (i > 0 and texts[i - 1] == p.text) or (i + 1 < len(paras) and texts[i + 1] == p.text):
                continue  # a photo caption printed twice (caption and alt text) is not an order
            if self.non_task(s, e):
                continue
            parse = self.roles(s, e)
            if self.is_lead_in(s, e):
                passed = self.passes_down(parse, with_supports=not self.lead_in_is_task(s, e))
                found = self.lead_in_deadlines(s, e) if (passed or not parse.issuer_subject) else []
                inherited = Inherited(passed or inherited.assignees,
                                      (found[-1].deadline if found else None) or inherited.deadline, inherited.zone)
                if self.lead_in_is_task(s, e):
                    self.units.append(Unit((s, e), None, Inherited([], None, inherited.zone), "lead_in"))
                continue
            if parse.assign_cue or self.obliged_subject(s, e, parse):
                self.units.append(Unit((s, e), None, Inherited([], None, "task"), "paragraph"))
            elif GOAL_CUE.search(p.text):  # "Phấn đấu đến hết năm 2025, 100% ...": goals outside the items
                self.objectives.append(ObjectiveText((s, e), None))
        return inherited

    def obliged_subject(self, start: int, end: int, parse: RoleParse) -> bool:
        """'Sở Nội vụ có trách nhiệm ...', '..., các cơ quan, tổ chức, cá nhân kịp thời phản ánh ...'."""
        subjects = parse.subjects(0)
        if not subjects:
            return False
        last = max(r.mention.end for r in subjects)
        after = self.text[last:end].lower()
        after = LEADING_PAREN.sub("", after).lstrip(" ,")
        return after.startswith(_phrase_list("paragraphs", "obligation"))

    # ------------------------------------------------------------------ attribute lines

    def attribute(self, start: int, end: int) -> AttributeLine | None:
        return attribute_line(self.text, start, end)

    def attribute_fields(self, spans: list[tuple[AttributeLine, int]]) -> tuple[list[Assignee], Deadline | None]:
        """The assignees and the deadline that attribute lines give, each line read from its
        value to ``end`` (the end of the line, or of the item with what is below it)."""
        assignees: list[Assignee] = []
        deadline = None
        for line, end in spans:
            start = line.value[0]
            if end <= start:
                continue
            if line.kind == "deadline":
                found = self.deadlines(start, end)
                if found and deadline is None:
                    deadline = found[0].deadline
                continue
            if line.kind == "other":
                continue
            mentions = self.ctx.mentions(start, end)
            if line.kind == "support":
                assignees += [Assignee(m.name, "support", (m.start, m.end)) for m in mentions]
                continue
            parse = self.roles(start, end)  # "Sở X chủ trì, phối hợp với Y": the roles the words give
            read = [Assignee(r.mention.name, r.role, (r.mention.start, r.mention.end)) for r in parse.subjects()]
            read += [Assignee(r.mention.name, "support", (r.mention.start, r.mention.end)) for r in parse.supports()]
            if not read:  # a bare list of bodies: they lead
                read = [Assignee(m.name, "lead", (m.start, m.end)) for m in mentions]
            assignees += read
        return _dedupe(assignees), deadline

    def attribute_items(self, nodes: list[Section]) -> list[tuple[AttributeLine, int]]:
        """The attribute lines of items that are attribute lines ("- Cơ quan chủ trì: ...", "2. Cơ
        quan chủ trì, phối hợp:" with "a) Cơ quan chủ trì: - X" below it)."""
        out = []
        for node in nodes:
            line = self.attribute(*node.heading_span)
            inner = [c for c in node.children if self.attribute(*c.heading_span)]
            if inner:  # the item's own words are of its kind, its labelled sub-items of theirs
                out.append((line, node.own_span[1]))
                out += self.attribute_items(inner)
                out += [(AttributeLine(line.kind, c.span), c.span[1]) for c in node.children if c not in inner]
            else:
                out.append((line, node.span[1]))
        return out

    def walk(self, node: Section, inherited: Inherited) -> None:
        """Assemble the tasks of ``node``; its attribute lines (items or paragraphs) are no tasks
        but give the tasks assembled under it their assignees and deadline."""
        labelled = [self.attribute(*c.heading_span) is not None for c in node.children]
        children = [c for c, is_line in zip(node.children, labelled) if not is_line]
        own = self.body_paragraphs(node.own_span[0], node.own_span[1])
        lined = [(self.attribute(*p.span), p.span) for p in own[1:]]
        lined = [(line, span) for line, span in lined if line is not None]
        if not any(labelled) and not lined:
            self._walk(node, inherited, node.children, frozenset())
            return
        before = len(self.units)
        self._walk(node, inherited, children, frozenset(span[0] for _, span in lined))
        lines = [(line, span[1]) for line, span in lined]
        line_items = [c for c, is_line in zip(node.children, labelled) if is_line]
        assignees, deadline = self.attribute_fields(lines + self.attribute_items(line_items))
        units = self.units[before:]
        heading_may_order = (inherited.zone == "task" and heading_zone(node.heading) in (None, "task")
                             and not self.non_task(*node.heading_span))
        if not units and (assignees or deadline) and heading_may_order and not self.in_data_table(node.heading_span[0]):
            # "1. Tổ chức hội nghị quán triệt" with its attribute lines below: the heading is the task
            end = max([p.span[1] for p in own if self.attribute(*p.span) is None] + [node.heading_span[1]])
            unit = Unit((node.heading_span[0], end), node, inherited, "item", path=node.path)
            self.units.append(unit)
            units = [unit]
        self.apply_attributes(units, assignees, deadline)

    @staticmethod
    def apply_attributes(units: list[Unit], assignees: list[Assignee], deadline: Deadline | None) -> None:
        """Attribute lines name who acts and by when: they stand for what the units inherited, but
        not for what a nearer attribute line gave already."""
        for unit in units:
            if assignees and unit.fixed_assignees is None:
                unit.fixed_assignees = list(assignees)
            if deadline is not None and unit.fixed_deadline is None:
                unit.fixed_deadline = deadline

    def _walk(self, node: Section, inherited: Inherited, children: list[Section], skipped: frozenset[int]) -> None:
        if self.in_data_table(node.heading_span[0]):
            return  # rows of a statistics table that the section parser read as items
        annex = self.ctx.annex_at(node.heading_span[0])
        if annex is not None:
            kind = annex_kind(annex)
            if kind == "objective" and inherited.zone == "task":
                inherited = Inherited(inherited.assignees, inherited.deadline, "objective", inherited.normative)
            elif kind == "data":
                return  # a list of procedures, projects or figures: its tables are read in tables.py
        if inherited.zone != "task":
            zone = inherited.zone  # below objectives or background nothing is a task
        else:
            zone = heading_zone(node.heading) or inherited.zone
        if zone == "funding":  # "Kinh phí thực hiện": only an item that charges a named body is a task
            zone = "task"
            inherited = Inherited([], inherited.deadline, zone, True)
        normative = inherited.normative or (node.kind in ("dieu", "chuong", "phan", "muc")
                                            and not (node.kind == "dieu" and APPROVES_PLAN.match(node.heading)))
        if zone == "task" and (self.ctx.normative or normative) and FUNCTIONS_LEAD_IN.search(node.heading):
            zone = "functions"
        if zone != inherited.zone or normative != inherited.normative:
            inherited = Inherited(inherited.assignees, inherited.deadline, zone, normative)
        own = [p for p in self.body_paragraphs(node.own_span[0], node.own_span[1]) if p.span[0] not in skipped]
        if zone != "task":
            if zone == "objective" and own:  # goals go to targets; background figures are past results
                self.objectives.append(ObjectiveText((max(own[0].span[0], node.heading_span[0]), node.own_span[1]), None))
            given = self.assessment_turns_to_tasks(own) if zone == "background" and children else None
            if given is not None:
                inherited = Inherited(given, inherited.deadline, "task", inherited.normative)
            for child in children:
                self.walk(child, inherited)
            return
        own_spans = []
        for i, p in enumerate(own):
            s = max(p.span[0], node.heading_span[0]) if i == 0 else p.span[0]
            if i > 0 and self.footnote_interruption(own, i):
                continue
            own_spans.append((s, p.span[1]))
        if not own_spans:
            for child in children:
                self.walk(child, inherited)
            return
        hs, he = own_spans[0]
        rest = own_spans[1:]
        has_children = bool(children)

        parse = self.roles(hs, he)
        agency_only = self.only_names_assignee(hs, he, parse)
        field_only = not agency_only and self.names_field(hs, he, has_children or bool(rest))
        lead_in = self.is_lead_in(hs, he)
        passed = self.passes_down(parse, with_supports=agency_only or (lead_in and not self.lead_in_is_task(hs, he)))
        below = Inherited(passed or inherited.assignees, inherited.deadline, zone, normative)
        if agency_only or field_only or lead_in:  # a heading that is no task gives its deadline to what is below
            heading_deadlines = self.deadlines(hs, he)
            if heading_deadlines:
                below.deadline = heading_deadlines[0].deadline

        role_heading = has_children and not agency_only and self.only_states_roles(hs, he, parse)
        if role_heading:
            partners = [Assignee(r.mention.name, "support", (r.mention.start, r.mention.end))
                        for r in parse.supports() if not self.ctx.is_issuer(r.mention)]
            below.assignees = _dedupe(list(inherited.assignees) + partners)
        heading_is_task = not (agency_only or field_only or role_heading) and not (lead_in and not self.lead_in_is_task(hs, he))
        if (self.ctx.normative or normative) and not (passed or inherited.assignees or parse.subjects()):
            heading_is_task = False  # an article of a law that names no body is not a task
        if heading_is_task and self.non_task(hs, he):
            heading_is_task = False  # includes upper-case titles ("VỀ CUNG CẤP DỊCH VỤ CÔNG ...")

        if has_children:
            if heading_is_task:
                self.units.append(Unit((hs, he), node, inherited, "item", path=node.path))
            # paragraphs between the heading and the first sub-item: lead-ins or tasks
            for s, e in rest:
                if self.non_task(s, e):
                    continue
                p = self.roles(s, e)
                if self.is_lead_in(s, e):
                    given = self.passes_down(p, with_supports=not self.lead_in_is_task(s, e))
                    if given:
                        below.assignees = given
                    found = self.lead_in_deadlines(s, e) if (given or not p.issuer_subject) else []
                    if found:
                        below.deadline = found[-1].deadline
                    if self.lead_in_is_task(s, e):
                        self.units.append(Unit((s, e), node, Inherited(below.assignees, None, zone), "lead_in", path=node.path))
                    continue
                self.units.append(Unit((s, e), node, below if not p.subjects(0) else inherited, "item", path=node.path))
            for child in children:
                self.walk(child, below)
            return

        # a leaf
        if not heading_is_task:
            later = self.order_after_closing_sentence(hs, he) if self.non_task(hs, he) else None
            if later is not None:  # "Quyết định này có hiệu lực ... Thủ trưởng các đơn vị ... chịu trách nhiệm thi hành"
                self.units.append(Unit((later, he), node, inherited, "item", path=node.path))
            if rest:
                self.group_paragraphs(rest, node, below, first_is_item=True)
            return
        if (self.ctx.normative or normative) and not (passed or inherited.assignees):
            # in a law, a clause is a task only when it names who acts
            spans = [(hs, he)] + rest
            keep = [sp for sp in spans if self.roles(*sp).subjects()]
            for sp in keep:
                self.units.append(Unit(sp, node, inherited, "item", path=node.path))
            return
        self.group_paragraphs([(hs, he)] + rest, node, inherited, first_is_item=True)


def _dedupe(assignees: list[Assignee]) -> list[Assignee]:
    """The first assignee of each agency (names compared casefolded), in order."""
    seen = set()
    out = []
    for a in assignees:
        name = a.agency.casefold()
        if name not in seen:
            seen.add(name)
            out.append(a)
    return out
