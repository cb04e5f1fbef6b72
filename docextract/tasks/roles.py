"""Who must act: the roles of the bodies a task text names (SPEC §4 Assignees).

Read from the language of the genre:

- the subject of a clause is the body ordered to act (lead): "Sở Nội vụ tham mưu ...",
  "Hằng năm, các sở, ban, ngành ... tổ chức lập dự toán";
- "Giao X ...", "Yêu cầu X ..." make X lead; "Đề nghị X ..." makes X requested (a body outside
  the issuer's command that is asked);
- "X yêu cầu/giao/đề nghị Y ..." : X gives the order (the issuer), Y is the assignee;
- "phối hợp (với) Y", "cùng Y", "với sự phối hợp của Y": Y is support;
- a body after "tham mưu", "báo cáo", "trình", "của", "cho", "về" ... is advised, reported to or
  owns something: not an assignee.
"""
from __future__ import annotations

import bisect
from collections.abc import Container
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

import regex as re

from ..agencies import AgencyMention
from ..prebuild import built_for
from .context import DocContext, cues

# Clause ends: ";", a full stop before a capital or the end, a line break, a colon.
CLAUSE_END = re.compile(r"[;\n]|\.(?=\s+\p{Lu}|\s*$)|:(?=\s)")
# Separators that chain bodies into one list: ",", ";", "và", "hoặc", "/".
CHAIN = re.compile(r"^\s*(?:,|;|/|và|hoặc|,\s*và)\s*$")
# One word and its space: up to three of them may close an adverbial before a cue with no comma
# ("..., vướng mắc đề nghị các cơ quan").
ADVERBIAL_WORD = re.compile(r"[\p{L}\p{M}]+ ")
MAX_ADVERBIAL_TAIL_WORDS = 3
# Leading bullets and spaces of a clause.
LEADING = re.compile(r"[\s\-–+•*]*")  # (matched with match(text, pos, endpos): no "^")
# A parenthesis (skipped when looking for the words after a subject).
PAREN = re.compile(r"^\s*\([^()]*\)")
# "do X chủ trì": X leads.
DO_BEFORE = re.compile(r"\bdo\s+$", re.IGNORECASE)
CHU_TRI_AFTER = re.compile(r"^\s*(?:\([^()]*\)\s*)?chủ\s+trì\b", re.IGNORECASE)
# A word of "chủ trì" (a span without it has no "do X chủ trì").
CHU_TRI_WORD = ("trì",)
# A person's name after a title ("Phó Thủ tướng Chính phủ Mai Văn Chính đã kết luận").
PERSON_NAME = re.compile(r"^\s*(?:\p{Lu}\p{Ll}*\s+){1,3}\p{Lu}\p{Ll}*(?=\s+\p{Ll})")
# Adverbs between a subject and its verb ("cũng yêu cầu", "đã giao"); no "^" (see LEADING).
ADVERBS = re.compile(r"\G\s*(?:cũng|đã|tiếp\s+tục|đồng\s+thời|trân\s+trọng|kính)\s+", re.IGNORECASE)
# "X của / về / thuộc ...": X owns or is the topic of something, it is not a subject.
OWNER_AFTER = re.compile(r"^\s*(?:của|về|thuộc)\b", re.IGNORECASE)
# "... giao cho X": the "cho" is dropped before looking for the verb.
CHO_BEFORE = re.compile(r"\bcho\s+$")
# "được giao", "đã yêu cầu", "theo giao" before X: X was given a task earlier, not here.
PASSIVE_ASSIGN_BEFORE = re.compile(r"\b(?:được|đã|theo)\s+(?:giao|yêu\s+cầu)\s*$", re.IGNORECASE)


@dataclass(slots=True)
class Role:
    mention: AgencyMention
    role: str  # lead | support | requested
    clause: int  # index of the clause (0 = the first clause of the text)
    via: str  # subject | assign | issuer_object | support | do_chu_tri


@dataclass(slots=True)
class RoleParse:
    roles: list[Role] = field(default_factory=list)
    issuer_speaks: bool = False  # "X yêu cầu ...": the text is an order given by X
    assign_cue: bool = False  # "Giao/Yêu cầu/Đề nghị ..." or an issuer verb with bodies after it
    issuer_subject: bool = False  # the issuer is the subject ("UBND tỉnh xây dựng Kế hoạch ... như sau:")

    def subjects(self, clause: int | None = None) -> list[Role]:
        return [r for r in self.roles if r.via != "support" and (clause is None or r.clause == clause)]

    def supports(self) -> list[Role]:
        return [r for r in self.roles if r.via == "support"]


def _phrases(key: str) -> list[str]:
    return sorted(cues()["roles"][key], key=len, reverse=True)


@built_for(lambda: cues()["roles"])
def _starts_with(key: str) -> re.Pattern:
    """One of the phrases of cues()["roles"][key], after spaces, where the pattern is matched
    (match(text, pos, endpos): what a match of the slice text[pos:endpos] would find)."""
    words = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in _phrases(key))
    # a colon may stand between the cue and its bodies: "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, ..."
    return re.compile(rf"\s*(?:{words})\b(?:\s*:)?", re.IGNORECASE)


def _after_honorific(text: str, pos: int, end: int) -> int:
    """Past "các đồng chí " between a cue and the title of the bodies it names ("Thủ tướng Chính
    phủ đề nghị các Đồng chí Bộ trưởng, ..."): the honorific is no body."""
    m = _starts_with("honorifics").match(text, pos, end)
    if m is None:
        return pos
    pos = m.end()
    while pos < end and text[pos] == " ":
        pos += 1
    return pos


def _cue_before_colon(text: str, clause_start: int, colon_end: int, *patterns: re.Pattern) -> bool:
    """The clause so far is only an assign cue and its colon ("Đề nghị:", "- Giao:")."""
    pos = LEADING.match(text, clause_start, colon_end).end()
    for cue in patterns:
        m = cue.match(text, pos, colon_end)
        if m is not None and m.end() == colon_end:
            return True
    return False


@lru_cache(maxsize=None)
def _key_words(key: str) -> tuple[str, ...]:
    """Words (lower case) such that each phrase of cues()["roles"][key] holds one of them: a
    stretch of text that holds none of them holds none of the phrases (DocContext.may_hold). Few
    words: the word that the most phrases left hold is taken first (of equals the longest, then
    the first read: "phân" of "phân công")."""
    left = [p.lower().split() for p in _phrases(key)]
    out: list[str] = []
    while left:
        counts: dict[str, int] = {}  # (in reading order)
        for words in left:
            for w in dict.fromkeys(words):
                counts[w] = counts.get(w, 0) + 1
        best = max(counts, key=lambda w: (counts[w], len(w)))
        out.append(best)
        left = [words for words in left if best not in words]
    return tuple(out)


@built_for(lambda: cues()["roles"])
def _ends_with(key: str) -> re.Pattern:
    words = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in _phrases(key))
    return re.compile(rf"(?:^|[\s(,;])(?:{words})\s*$", re.IGNORECASE)


def _chain(text: str, mentions: list[AgencyMention], k: int) -> list[int]:
    """Indices of the mentions listed together with mentions[k] ("X, Y và Z")."""
    out = [k]
    while out[-1] + 1 < len(mentions):
        a, b = mentions[out[-1]], mentions[out[-1] + 1]
        if CHAIN.match(text[a.end:b.start]):
            out.append(out[-1] + 1)
        else:
            break
    return out


def _after(text: str, pos: int, end: int) -> str:
    rest = text[pos:end]
    m = PAREN.match(rest)
    if m:
        rest = rest[m.end():]
    return rest


def _assign_cue_at(text: str, pos: int, end: int) -> bool:
    """An assign cue ("giao", "yêu cầu", "đề nghị" ...) starts at ``pos``."""
    return bool(_starts_with("assign_lead").match(text, pos, end) or _starts_with("assign_requested").match(text, pos, end))


def _skip_adverbials(text: str, pos: int, end: int, mention_starts: Container[int]) -> int:
    """Skip "Hằng năm, ", "Để cải thiện ..., ", "Trong quá trình ..., nếu có ..., " before a subject."""
    opener = _starts_with("adverbial_openers")
    if not opener.match(text, pos, end):
        return pos
    p = pos
    for _ in range(12):
        comma = text.find(",", p, end)
        if comma == -1:
            return pos
        q = comma + 1
        while q < end and text[q] == " ":
            q += 1
        if q in mention_starts or _assign_cue_at(text, q, end):
            return q
        # "Trong quá trình thực hiện nếu có khó khăn, vướng mắc đề nghị các cơ quan ...": the last
        # words of the adverbial run on to the cue without a comma
        w = q
        for _ in range(MAX_ADVERBIAL_TAIL_WORDS):
            word = ADVERBIAL_WORD.match(text, w, end)
            if word is None or w in mention_starts:
                break
            w = word.end()
            if _assign_cue_at(text, w, end):
                return w
        p = q
    return pos


def parse_roles(ctx: DocContext, start: int, end: int, mentions: list[AgencyMention] | None = None) -> RoleParse:
    """The roles of the bodies named in ``ctx.text[start:end]``."""
    text = ctx.text
    mentions = sorted(mentions if mentions is not None else ctx.mentions(start, end), key=attrgetter("start"))
    out = RoleParse()
    assign_lead = _starts_with("assign_lead")
    assign_requested = _starts_with("assign_requested")
    if not mentions:
        out.assign_cue = bool(assign_lead.match(text, start, end) or assign_requested.match(text, start, end))
        return out
    starts = {m.start: i for i, m in enumerate(mentions)}
    mention_starts = [m.start for m in mentions]  # in order
    used: set[int] = set()
    issuer_verb = _starts_with("issuer_verbs")
    heading_opener = _starts_with("heading_openers")
    # Which cues the span may hold at all (most spans hold none: their per-body tests are skipped).
    lead_words, support_words = _key_words("assign_lead"), _key_words("support")
    has_lead_cue = ctx.may_hold(lead_words, start, end)
    has_assign_cue = has_lead_cue or ctx.may_hold(_key_words("assign_requested"), start, end)

    # clauses
    bounds = [start]
    for m in CLAUSE_END.finditer(text, start, end):
        if has_assign_cue and text[m.start()] == ":" and _cue_before_colon(text, bounds[-1], m.end(),
                                                                            assign_requested, assign_lead):
            continue  # "Đề nghị: Hiệp hội ..., Hội ...": the cue and its bodies are one clause
        bounds.append(m.end())
    bounds.append(end)
    clauses = [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]
    clause_starts = [cs for cs, _ in clauses]  # the clauses are contiguous and in order

    def clause_of(pos: int) -> int:
        ci = bisect.bisect_right(clause_starts, pos) - 1
        if ci >= 0 and pos < clauses[ci][1]:
            return ci
        return len(clauses) - 1

    def add(indices, role, via, clause):
        for i in indices:
            if i not in used:
                used.add(i)
                # "đề nghị" said to the issuer's own subordinates orders them
                own = role == "requested" and ctx.commands(mentions[i])
                out.roles.append(Role(mentions[i], "lead" if own else role, clause, via))

    # 1. "X (cũng) yêu cầu / giao / đề nghị Y": Y is assigned wherever it stands.
    for k, m in enumerate(mentions if has_assign_cue else ()):
        adv = ADVERBS.match(text, m.end, end)
        verb_at = adv.end() if adv else m.end
        vm = assign_lead.match(text, verb_at, end) or assign_requested.match(text, verb_at, end)
        if not vm:
            continue
        verb = vm.group(0).strip().lower()
        role = "requested" if "đề nghị" in verb else "lead"
        pos = vm.end()
        while pos < end and text[pos] in " ":
            pos += 1
        if text[pos:pos + 4].lower() == "cho ":
            pos += 4
        pos = _after_honorific(text, pos, end)
        if pos in starts:
            chain = _chain(text, mentions, starts[pos])
            used.add(k)
            add(chain, role, "issuer_object", clause_of(m.start))
            out.issuer_speaks = out.assign_cue = True

    # 2. clause-initial subjects, with "Giao/Yêu cầu/Đề nghị" before them
    for ci, (cs, ce) in enumerate(clauses):
        if not has_assign_cue:
            # with no assign cue in the span only a body that the clause opens can be its subject
            first = bisect.bisect_left(mention_starts, cs)
            if first == len(mentions) or mention_starts[first] > ce:
                continue
        p = LEADING.match(text, cs, ce).end()
        role = "lead"
        via = "subject"
        hm = heading_opener.match(text, p, ce) if ci == 0 else None
        if hm:
            p = hm.end()
            while p < ce and text[p] == " ":
                p += 1
        p = _skip_adverbials(text, p, ce, starts)
        vm = assign_requested.match(text, p, ce) if has_assign_cue else None
        if vm:
            role, via = "requested", "assign"
        elif has_lead_cue:
            vm = assign_lead.match(text, p, ce)
            if vm:
                via = "assign"
        if vm:
            out.assign_cue = True
            p = vm.end()
            while p < ce and text[p] == " ":
                p += 1
            if text[p:p + 4].lower() == "cho ":
                p += 4
            p = _after_honorific(text, p, ce)
        if p not in starts:
            continue
        k = starts[p]
        if k in used:
            continue
        # a list of bodies continued over ';' ("... các cơ quan, đơn vị; các huyện, thành phố xây dựng")
        if k > 0 and CHAIN.match(text[mentions[k - 1].end:mentions[k].start]):
            continue
        chain = _chain(text, mentions, k)
        last = mentions[chain[-1]]
        after = _after(text, last.end, end)
        person = PERSON_NAME.match(after)
        if person:
            after = after[person.end():]
        adv = ADVERBS.match(after)
        after2 = after[adv.end():] if adv else after
        if via == "subject" and issuer_verb.match(after2):
            out.issuer_speaks = True
            used.update(chain)
            continue
        if via == "subject" and OWNER_AFTER.match(after):
            continue
        if via == "subject" and all(ctx.is_issuer(mentions[i]) for i in chain):
            used.update(chain)
            out.issuer_subject = True
            continue
        add(chain, role, via, ci)

    # 3. "... giao (cho) X ...", "... yêu cầu X ..." inside a clause: X leads ("- Giao Sở Xây dựng chủ trì").
    assign_end = _ends_with("assign_lead")
    for k, m in enumerate(mentions if has_lead_cue else ()):
        if k in used or not ctx.may_hold(lead_words, max(start, m.start - 20), m.start):
            continue
        before = text[max(start, m.start - 20):m.start]
        before = CHO_BEFORE.sub("", before)
        if assign_end.search(before) and not PASSIVE_ASSIGN_BEFORE.search(before):
            add(_chain(text, mentions, k), "lead", "assign", clause_of(m.start))
            out.assign_cue = True

    # 4. "do X chủ trì"
    for k, m in enumerate(mentions if ctx.may_hold(CHU_TRI_WORD, start, end) else ()):
        if k in used:
            continue
        if DO_BEFORE.search(text[max(start, m.start - 6):m.start]) and CHU_TRI_AFTER.match(text[m.end:end]):
            add([k], "lead", "do_chu_tri", clause_of(m.start))

    # 5. support: "phối hợp (chặt chẽ) (với) Y, Z", "cùng Y", "với sự phối hợp của Y"
    support_end = _ends_with("support")
    for k, m in enumerate(mentions if ctx.may_hold(support_words, start, end) else ()):
        if k in used or not ctx.may_hold(support_words, max(start, m.start - 40), m.start):
            continue
        before = text[max(start, m.start - 40):m.start]
        if support_end.search(before):
            chain = [i for i in _chain(text, mentions, k) if i not in used]
            add(chain, "support", "support", clause_of(m.start))
    return out
