"""Resolution: mentions -> canonical graph keys, completed partial mentions, typed relations.

One pass over the list of mentions of a document (never a rescan of the text per mention):

- a symbol that carries a central issuer is its own key (``61/2018/NĐ-CP``); a local one is
  qualified by the issuing province (``13/2016/QĐ-UBND@tỉnh Hải Dương``), from the mention's
  issuer or else the citing document's province;
- a partial mention ("Quyết định 13/2014 của UBND tỉnh", "Nghị định số 61") takes the symbol of a
  full mention of the same type and number in the document, or is completed from its type and
  issuer (``13/2014/QĐ-UBND``), or stays a name ("Đề án 3713");
- a law named without number gets the version in force on the citing document's date;
- a name that is the title of a cited document ("Kế hoạch cải cách hành chính tỉnh Quảng Ngãi
  năm 2018", whose footnote cites the decision issuing it) resolves to that document; a name that is
  the document's own title, a document the text orders to be drafted ("tham mưu ban hành Kế
  hoạch ..."), or a kind of document ("Kế hoạch CCHC hằng năm") is no reference.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Optional

import regex as re

from ..model import DocumentRecord, Reference
from . import relations, symbols, vocab
from .find import AMENDING_TITLE, ISSUER_OPEN, ISSUER_STOP, SPACES, Mention

# ------------------------------------------------------------------ document context


@dataclass(slots=True)
class DocContext:
    doc_type: Optional[str]
    province: Optional[str]
    own_symbol: Optional[symbols.Symbol]
    own_key: Optional[str]
    title: Optional[str]
    on_date: Optional[str]  # the citing document's date, else the latest date it cites
    abbreviations: dict[str, str] = field(default_factory=dict)

    @property
    def qualifier(self) -> Optional[str]:
        if not self.province:
            return None
        return f"{vocab.province_kind(self.province)} {self.province}"


def document_key(record: DocumentRecord) -> Optional[str]:
    """The graph key of the document itself (None when it has no number)."""
    info = record.document
    sym = symbols.parse(info.number) if info.number else None
    if sym is None:
        return None
    return key_for(sym, info.issuer, info.province)


# A district-level issuer: "UBND huyện Sơn Tịnh", "quận Hoàn Kiếm", "thị xã Sơn Tây".
DISTRICT = re.compile(r"(?<!\p{L})(huyện|quận|thị\s+xã)\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3})")


def qualifier_for(issuer_text: Optional[str], province: Optional[str]) -> Optional[str]:
    """"tỉnh Hải Dương" from "Ủy ban nhân dân tỉnh Hải Dương", else from the citing province.

    A district-level issuer ("UBND huyện Sơn Tịnh") is qualified by district and province.
    """
    named = vocab.find_province(issuer_text) if issuer_text else None
    prov = named or province
    if not prov:
        return None
    base = f"{vocab.province_kind(prov)} {prov}"
    if issuer_text:
        district = DISTRICT.search(issuer_text)
        if district and district.group(2) != prov:
            return f"{district.group(1)} {district.group(2)}, {base}"
    return base


def key_for(sym: symbols.Symbol, issuer_text: Optional[str], province: Optional[str]) -> str:
    """Central symbols are their own key; local ones are qualified by the issuing body's place."""
    if sym.scope == "local" or (sym.scope == "unknown" and issuer_text and vocab.find_province(issuer_text)):
        qualifier = qualifier_for(issuer_text, province)
        if qualifier:
            return f"{sym.text}@{qualifier}"
    return sym.text


# ------------------------------------------------------------------ text helpers

TOKEN = re.compile(r"\p{L}+|\d+")
# Words that tell nothing about which document a name is.
NAME_FILLER = {"của", "và", "các", "về", "việc", "tỉnh", "thành", "phố", "năm", "giai", "đoạn", "đến", "từ",
               "trên", "địa", "bàn", "nhà", "nước", "cụ", "thể", "chi", "tiết", "này", "riêng", "chung", "mới"}
# Phrases that do not name a document either ("Kế hoạch thực hiện", "Kế hoạch tổng thể").
FILLER_PHRASES = re.compile(r"(?<!\p{L})(?:thực\s+hiện|triển\s+khai|tổng\s+thể|công\s+tác|hành\s+động)(?!\p{L})")
# A kind of document rather than one document: recurring, or named by a period only.
GENERIC_NAME = re.compile(r"(?<!\p{L})(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần)|định\s+kỳ|các\s+năm|từng\s+năm(?!\p{L})")
# Verbs that order a document to be made: a name after them is not a cited document yet.
CREATION = re.compile(
    r"(?<!\p{L})(?:ban\s+hành|xây\s+dựng|soạn\s+thảo|dự\s+thảo|phê\s+duyệt|"
    r"(?<!quy\s|chương\s|lộ\s|công\s|tờ\s)trình(?!\s+(?:độ|tự)(?!\p{L})))(?!\p{L})",
)
# A name that says which document it is: a year or period, a quoted title, an acronym ("GOPA II").
SPECIFIC_NAME = re.compile(r"(?:19|20)\d\d|[“\"]|\(\p{Lu}")
THIS = re.compile(r"(?<!\p{L})này(?!\p{L})")
# A national target programme is one document wherever it is named ("Chương trình mục tiêu quốc gia giảm
# nghèo bền vững giai đoạn 2021 - 2025"), though a "Chương trình ..." is cited only when it is a title.
NATIONAL_PROGRAMME = re.compile(r"Chương\s+trình\s+mục\s+tiêu\s+quốc\s+gia\s+\p{L}")
SENTENCE_END = re.compile(r"(?<!\d)[.!?](?=\s)")
# The same, searched backwards: the last sentence end before a position, found without reading the
# paragraph from its start.
LAST_SENTENCE_END = re.compile(SENTENCE_END.pattern, re.REVERSE)
# How far back the sentence before a mention is read, at most (characters). A real sentence is
# shorter; a long line without a full stop (a damaged export, a hostile file) must not make each
# of its citations read back to the line's start, which is quadratic in the line's length.
SENTENCE_REACH = 3000
# How much of a paragraph's start decides a relation by itself ("Căn cứ ..."): never the whole
# paragraph copied once per citation.
PARAGRAPH_HEAD = 200
# "cải cách hành chính (CCHC)": an abbreviation the document defines for itself (group 2) and the
# up to 8 words before it (group 1). The "(" is found first, then what follows it is checked; only
# then are the words read backwards by a lookbehind (possessive runs: linear on long runs of spaces),
# not tried at every letter.
DEFINED_ABBREVIATION = re.compile(r"\((?=\p{Lu}{2,8}\))(?<=((?:\p{L}++\s++){1,8})\()(\p{Lu}{2,8})\)")


def tokens(text: str, abbreviations: dict[str, str] | None = None) -> list[str]:
    own, known = abbreviations or {}, vocab.abbreviations()
    out = []
    for tok in TOKEN.findall(text):
        expansion = own.get(tok) or known.get(tok)
        if expansion:
            out.extend(TOKEN.findall(expansion.casefold()))
        else:
            out.append(tok.casefold())
    return out


def learn_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations a document defines: the words before "(ABBR)" whose initials spell it."""
    found: dict[str, str] = {}
    for m in DEFINED_ABBREVIATION.finditer(text):
        abbr, words = m.group(2), m.group(1).split()
        n = len(abbr)
        if len(words) >= n:
            initials = "".join(w[0] for w in words[-n:])
            if vocab.fold_d(initials) == vocab.fold_d(abbr):
                found.setdefault(abbr, " ".join(words[-n:]))
    return found


# A name is a document's title when it has at least MIN_TITLE_NAME_WORDS words, at least
# TITLE_SHARE of its distinct words are in the title, and its words follow the title's in order
# (TITLE_SHARE of them, over a stretch of the title at most 1/TITLE_SHARE as long).
MIN_TITLE_NAME_WORDS = 5
TITLE_SHARE = 0.85


def _lcs_window(a: list[str], b: list[str]) -> tuple[int, int]:
    """Length of the longest common subsequence of ``a`` and ``b``, and the length of the stretch
    of ``b`` that one such alignment spans (the one that matches as late as possible in ``b``)."""
    n, m = len(a), len(b)
    if not n or not m:
        return 0, 0
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below, word = table[i], table[i + 1], a[i]
        for j in range(m - 1, -1, -1):
            if word == b[j]:
                row[j] = below[j + 1] + 1
            else:
                down, right = below[j], row[j + 1]
                row[j] = down if down >= right else right
    length = table[0][0]
    if not length:
        return 0, 0
    i = j = 0
    first = last = None
    while i < n and j < m:
        if a[i] == b[j] and table[i][j] == table[i + 1][j + 1] + 1:
            first = j if first is None else first
            last = j
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return length, last - first + 1


def name_matches_title(name: str, title: str, abbreviations: dict[str, str]) -> bool:
    """"Kế hoạch cải cách hành chính tỉnh Quảng Ngãi năm 2018" is the title "ban hành Kế hoạch cải
    cách hành chính tỉnh Quảng Ngãi năm 2018"; a shorter name that only picks words out of a
    longer title ("Chương trình cải cách hành chính") is not."""
    return tokens_match_title(tokens(name, abbreviations), tokens(title, abbreviations))


def tokens_match_title(a: list[str], b: list[str]) -> bool:
    """``name_matches_title`` on the tokens of the name (``a``) and of the title (``b``)."""
    if len(a) < MIN_TITLE_NAME_WORDS or len(set(a) & set(b)) < TITLE_SHARE * len(set(a)):
        return False
    length, window = _lcs_window(a, b)
    return length >= TITLE_SHARE * len(a) and window and length >= TITLE_SHARE * window


class TitleIndex:
    """Titles by their words, so that a name is compared only with the titles that share enough of
    its words (``tokens_match_title``'s first test) instead of with every title of the document:
    the comparison of every name with every title grew with the square of a long text's length.

    A title holding at least ``need`` of a name's ``n`` distinct words misses at most ``n - need``
    of them, so it holds one of any ``n - need + 1`` of them: the candidates are the titles holding
    one of the name's ``n - need + 1`` rarest words, in the order of the titles (the first match
    wins, as in a scan of all of them)."""

    def __init__(self, titles: list[str], abbreviations: dict[str, str]):
        self.tokens: list[list[str]] = []  # per title, in order
        self._sets: list[set[str]] = []
        self._by_word: dict[str, list[int]] = {}  # word -> indices of the titles holding it, ascending
        tokenised: dict[str, tuple[list[str], set[str]]] = {}  # each distinct title tokenised once
        for i, title in enumerate(titles):
            if title not in tokenised:
                words = tokens(title, abbreviations)
                tokenised[title] = words, set(words)
            words, distinct = tokenised[title]
            self.tokens.append(words)
            self._sets.append(distinct)
            for word in distinct:
                self._by_word.setdefault(word, []).append(i)

    def candidates(self, name_tokens: list[str]) -> list[int]:
        """Indices (ascending) of the titles that share at least TITLE_SHARE of the name's distinct
        words."""
        name_set = set(name_tokens)
        need = math.ceil(TITLE_SHARE * len(name_set))  # the least whole count >= the share
        if not need:
            return list(range(len(self.tokens)))
        postings = sorted((self._by_word.get(word, ()) for word in name_set), key=len)
        candidates: set[int] = set()
        for posting in postings[:len(name_set) - need + 1]:
            candidates.update(posting)
        return [i for i in sorted(candidates) if len(name_set & self._sets[i]) >= TITLE_SHARE * len(name_set)]


def is_own_title(name: str, head: str, ctx: DocContext) -> bool:
    """A name made only of words of the document's own title (and its type) is the document itself."""
    if not ctx.title or head != ctx.doc_type:
        return False
    title = set(tokens(ctx.title, ctx.abbreviations)) | set(tokens(head))
    content = [t for t in tokens(name, ctx.abbreviations) if t not in NAME_FILLER]
    return bool(content) and all(t in title for t in content)


def is_generic(name: str, head: str) -> bool:
    """"Kế hoạch CCHC hằng năm", "Kế hoạch giai đoạn 2021 - 2025": a kind of plan, not one plan."""
    if GENERIC_NAME.search(name.casefold()):
        return True
    content = [t for t in tokens(FILLER_PHRASES.sub(" ", name[len(head):].casefold())) if t not in NAME_FILLER and not t.isdigit()]
    return not content


def reading_window(para: tuple[int, int], start: int) -> tuple[int, int]:
    """The part of paragraph ``para`` that the sentence before ``start`` is looked for in."""
    return max(para[0], start - SENTENCE_REACH), para[1]


def sentence_before(text: str, para: tuple[int, int], start: int, masks: list[tuple[int, int]]) -> str:
    """The sentence text from its start to ``start``, other citations blanked out (``para``: the
    paragraph, or its reading_window)."""
    last_end = LAST_SENTENCE_END.search(text, para[0], start)
    s = last_end.end() if last_end else para[0]
    pieces, pos = [], s  # the text up to ``pos`` is done
    for lo, hi in sorted((max(a, s), min(b, start)) for a, b in masks):
        if max(lo, pos) < hi:
            pieces += [text[pos:lo], " " * (hi - max(lo, pos))]  # text[pos:lo] is empty when lo < pos
            pos = hi
    pieces.append(text[pos:start])
    return "".join(pieces)


class SpanIndex:
    """Spans (of citations, of titles) indexed by start, so that the few that reach into a stretch of
    text are found without going through all of them."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach = list(accumulate((b for _, b in self.spans), max))  # furthest end so far

    def overlapping(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The spans that start before ``hi`` and end after ``lo`` (in no particular order)."""
        out = []
        for i in range(bisect_left(self.starts, hi) - 1, -1, -1):
            if self.reach[i] <= lo:
                break  # no span from here back reaches ``lo``
            if self.spans[i][1] > lo:
                out.append(self.spans[i])
        return out


# ------------------------------------------------------------------ issuers


# Abbreviated local bodies, written out in an issuer's name.
UBND = re.compile(r"(?<!\p{L})UBND(?!\p{L})")
HDND = re.compile(r"(?<!\p{L})HĐND(?!\p{L})")
# "tỉnh", "Tỉnh ủy", "Thành ủy" without a place name after them: the citing province is added.
PLACE_WITHOUT_NAME = re.compile(r"(?<!\p{L})(tỉnh|Tỉnh ủy|Thành ủy)(?!\s+\p{Lu})(?!\p{L})")


def issuer_display(issuer_text: Optional[str], sym: Optional[symbols.Symbol], ctx: DocContext) -> Optional[str]:
    """The issuer as a name: abbreviations expanded, the province added when the text omits it."""
    province = ctx.province
    if issuer_text:
        name = UBND.sub("Ủy ban nhân dân", issuer_text)
        name = HDND.sub("Hội đồng nhân dân", name)
        name = SPACES.sub(" ", name).strip(" ,")
        if province and not vocab.find_province(name):
            kind = vocab.province_kind(province)
            name = PLACE_WITHOUT_NAME.sub(
                lambda m: f"{m.group(1)} {province}" if m.group(1) != "tỉnh" or kind == "tỉnh" else m.group(1),
                name, count=1)
        return name
    if sym is None:
        return None
    for code in sym.issuer_codes:
        issuer = vocab.issuer_of(code)
        if issuer is None:
            continue
        if issuer.scope == "local" and province:
            kind = vocab.province_kind(province)
            if issuer.code in ("TU",):
                return f"{'Tỉnh ủy' if kind == 'tỉnh' else 'Thành ủy'} {province}"
            return f"{issuer.name} {kind} {province}"
        return issuer.name
    return None


# "của tỉnh", "của thành phố": the owner of a plan named without number, in lower case.
OWNER_OPEN = re.compile(r"\G\s*(?:,\s*)?(?:của|do)\s+(?=tỉnh|thành\s+phố|huyện)")


def _issuer_after(text: str, pos: int, limit: int) -> Optional[str]:
    m = ISSUER_OPEN.match(text, pos, limit) or OWNER_OPEN.match(text, pos, limit)
    if not m:
        return None
    stop = ISSUER_STOP.search(text, m.end(), min(limit, m.end() + 120))
    phrase = text[m.end():stop.start() if stop else min(limit, m.end() + 120)].strip()
    return phrase if phrase and len(phrase.split()) <= 12 else None


# ------------------------------------------------------------------ resolution


def _year_of(date: Optional[str]) -> Optional[int]:
    return int(date[:4]) if date else None


def _complete_partial(m: Mention, fulls_by_number: dict[str, list[tuple[Mention, Reference]]], ctx: DocContext):
    """(symbol, antecedent reference) for a partial mention, or (None, None). ``fulls_by_number``:
    the full mentions so far (with their references) by their symbol's number, in text order."""
    for other, ref in fulls_by_number.get(m.number, ()):
        sym = other.symbol
        if m.year and sym.year and sym.year != m.year:
            continue
        if m.head and ref.type and m.head != ref.type:
            continue
        return sym, ref
    if m.year:
        abbr = vocab.type_abbreviation_of().get(m.head or "")
        if m.head == "Luật":
            text = vocab.qh_symbol(m.number, m.year)
            return (symbols.parse(text), None) if text else (None, None)
        code = vocab.code_for_issuer_text(m.issuer_text) if m.issuer_text else None
        code = code or vocab.type_defaults().get(m.head or "")
        if abbr and code:
            issuer = vocab.issuer_of(code)
            if issuer and issuer.code not in ("QH", "UBTVQH"):
                return symbols.parse(f"{m.number}/{m.year}/{abbr}-{code}"), None
    return None, None


# "Số:" alone before a symbol in the header: the document's own number.
HEADER_NUMBER_LABEL = re.compile(r"\G\s*+(?:Số|SỐ)\s*+[:.]?\s*+")


def resolve(record: DocumentRecord, mentions: list[Mention], ctx: DocContext) -> list[Reference]:
    text = record.text
    paragraphs = record.paragraphs
    masks = SpanIndex(m.extent for m in mentions if m.kind != "self")  # "Thông tư này hướng dẫn ..." stays readable
    titles = SpanIndex(m.title_span for m in mentions if m.title_span)
    amending_titles = SpanIndex(m.title_span for m in mentions
                                if m.title_span and AMENDING_TITLE.match(text, m.title_span[0], m.title_span[1]))
    for m in mentions:  # a mention that starts inside another's title is part of that title
        m.nested = any(t != m.title_span for t in titles.overlapping(m.span[0], m.span[0] + 1))

    refs: list[tuple[Mention, Reference]] = []
    fulls: list[tuple[Mention, Reference]] = []

    def para_span(m: Mention) -> tuple[int, int]:
        p = paragraphs[m.paragraph] if paragraphs else None
        return p.span if p else (0, len(text))

    def relation(m: Mention) -> str:
        ps = para_span(m)
        paragraph_head = text[ps[0]:min(ps[1], ps[0] + PARAGRAPH_HEAD)]
        decided = relations.relation_without_cues(paragraph_head, m.nested)
        if decided:  # the sentence before the mention is not read
            return decided
        window = reading_window(ps, m.span[0])
        before = sentence_before(text, window, m.span[0], [x for x in masks.overlapping(window[0], m.span[0])
                                                           if x != m.extent and not (x[0] <= m.span[0] < x[1])])
        return relations.relation_from_cues(before)

    def new_ref(m: Mention, **fields) -> Reference:
        return Reference(id="", text=text[m.span[0]:m.span[1]], span=m.span, **fields)

    # 1. full mentions
    for m in mentions:
        if m.kind != "full":
            continue
        sym = m.symbol
        doc_type = m.head or sym.doc_type
        issuer = issuer_display(m.issuer_text, sym, ctx)
        key = key_for(sym, m.issuer_text, ctx.province)
        year = sym.year or _year_of(m.date) or m.year
        own = ctx.own_symbol is not None and sym.text == ctx.own_symbol.text and _same_document(key, ctx.own_key)
        header_number = m.zone == "header" and HEADER_NUMBER_LABEL.fullmatch(text, para_span(m)[0], m.span[0])
        if own or (header_number and ctx.own_key is None):
            ref = new_ref(m, type=ctx.doc_type or doc_type, symbol=sym.text, year=year, date=m.date, issuer=issuer,
                          relation="self", target=ctx.own_key or key)
        else:
            law = m.extra.get("law")
            ref = new_ref(m, type=doc_type, symbol=sym.text, year=year, date=m.date or (law or {}).get("date"),
                          issuer=issuer, title=m.title, name=m.name, relation=relation(m), target=key)
        refs.append((m, ref))
        fulls.append((m, ref))

    # 2. partial mentions
    # the full mentions by their number: a partial mention is compared with those of its number
    # only (a scan of all of them per partial mention grew with the square of a long text's length)
    fulls_by_number: dict[str, list[tuple[Mention, Reference]]] = {}
    for m, ref in fulls:
        if m.symbol is not None:
            fulls_by_number.setdefault(m.symbol.number, []).append((m, ref))
    for m in mentions:
        if m.kind != "partial":
            continue
        sym, antecedent = _complete_partial(m, fulls_by_number, ctx)
        if sym is not None:
            issuer = (antecedent.issuer if antecedent else None) or issuer_display(m.issuer_text, sym, ctx)
            key = antecedent.target if antecedent else key_for(sym, m.issuer_text, ctx.province)
            ref = new_ref(m, type=m.head or sym.doc_type, symbol=sym.text, year=sym.year or m.year or
                          (antecedent.year if antecedent else None), date=antecedent.date if antecedent else m.date,
                          issuer=issuer, title=m.title or (antecedent.title if antecedent else None),
                          relation=relation(m), target=key)
            fulls.append((m, ref))
        else:
            name = f"{m.head} {m.number}" + (f"/{m.year}" if m.year else "")
            ref = new_ref(m, type=m.head, year=m.year, date=m.date, issuer=issuer_display(m.issuer_text, None, ctx),
                          title=m.title, name=name, relation=relation(m))
        refs.append((m, ref))

    # 3. names
    created = PrefixSet()  # the names of the documents the text orders to be drafted
    titled_refs = [(mm, r) for mm, r in fulls if r.title]
    # per target, the first reference (in the order of ``fulls``) that cites it and is not the
    # document itself: what a law's name takes its number from
    first_citing: dict[str, Reference] = {}
    for _, r in fulls:
        if r.target and r.relation != "self":
            first_citing.setdefault(r.target, r)
    titles_by_word: TitleIndex | None = None  # built at the first name that needs it

    for m in sorted((x for x in mentions if x.kind == "name"), key=lambda x: x.span[0]):
        if m.nested and amending_titles.overlapping(m.span[0], m.span[0] + 1):
            continue  # a law an amending law's title names ("sửa đổi, bổ sung ... của Luật X"): part of that title
        if m.extra.get("law_name") is not None or m.head in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"):
            law, law_name, year = None, m.extra.get("law_name"), m.year or _year_of(m.date)
            if m.extra.get("amended_in"):  # "Luật X sửa đổi 2009": the law of that year amending Luật X
                law = _amending_law_of(law_name, m.extra["amended_in"]) if law_name else None
            elif law_name:
                passed = m.date
                law = vocab.law_in_force(law_name, ctx.on_date, passed=passed)
                if m.year and not passed:
                    versions = vocab.law_versions(law_name)
                    same_year = [v for v in versions if v["date"][:4] == str(m.year)]
                    if same_year:
                        law = same_year[0]
                    elif vocab.is_amending_name(law_name):
                        year = None  # "... của Luật Dược 2016": the year of the amended law
                    else:  # "Bộ luật Hình sự 2017": the version as it stood that year; an older one unknown
                        earlier = [v for v in versions if int(v["date"][:4]) < m.year]
                        law = max(earlier, key=lambda v: v["date"]) if earlier else None
            elif m.name and vocab.is_amending_name(m.name):  # an amending law the catalogue names otherwise
                law = _amending_law_named(m.name, m.date, ctx.on_date)
            target = vocab.law_key(law) if law else None
            doc_type = law["type"] if law else m.head  # "Luật Lao động" is the Bộ luật Lao động
            if ctx.own_key and target == ctx.own_key:
                refs.append((m, new_ref(m, type=doc_type, name=m.name, relation="self", target=target)))
                continue
            # the law the document also cites by number ("Luật Dược số 44/2024/QH15"): the name is that
            # citation's document, completed from it as a partial mention is
            numbered = first_citing.get(target) if target else None
            refs.append((m, new_ref(m, type=doc_type, name=m.name, symbol=numbered.symbol if numbered else None,
                                    year=numbered.year if numbered else year, date=m.date or (numbered.date if numbered else None),
                                    issuer="Ủy ban Thường vụ Quốc hội" if doc_type == "Pháp lệnh" else "Quốc hội",
                                    relation=relation(m), target=target)))
            continue
        if m.extra.get("party"):
            refs.append((m, new_ref(m, type="Nghị quyết", name=m.name, issuer=_party_issuer(m.name, ctx),
                                    relation=relation(m))))
            continue
        # a plan, scheme, regulation ... named by its title
        if m.zone == "header" or m.nested:
            continue
        if is_generic(m.name, m.head):
            continue
        owner = _issuer_after(text, m.span[1], para_span(m)[1])
        name_tokens = tokens(m.name, ctx.abbreviations)
        antecedent = None
        if len(name_tokens) >= MIN_TITLE_NAME_WORDS and titled_refs:
            if titles_by_word is None:
                titles_by_word = TitleIndex([r.title for _, r in titled_refs], ctx.abbreviations)
            # the first titled reference (in their order) whose title the name matches; a title that a
            # long text repeats (one word list in the index) is compared with the name once
            matches: dict[int, bool] = {}  # id of a title's word list -> whether the name matches it
            for i in titles_by_word.candidates(name_tokens):
                mm, r = titled_refs[i]
                title_words = titles_by_word.tokens[i]
                matched = matches.get(id(title_words))
                if matched is None:
                    matched = matches[id(title_words)] = tokens_match_title(name_tokens, title_words)
                if matched and _same_owner(owner, mm):
                    antecedent = r
                    break
        if antecedent is not None:
            refs.append((m, new_ref(m, type=m.head, symbol=antecedent.symbol, year=antecedent.year,
                                    date=antecedent.date, issuer=antecedent.issuer, title=antecedent.title,
                                    name=m.name, relation=relation(m), target=antecedent.target)))
            continue
        if is_own_title(m.name, m.head, ctx):
            refs.append((m, new_ref(m, type=m.head, name=m.name, relation="self", target=ctx.own_key)))
            continue
        window = reading_window(para_span(m), m.span[0])
        before = sentence_before(text, window, m.span[0], [x for x in masks.overlapping(window[0], m.span[0])
                                                           if x != m.extent])
        if CREATION.search(before.casefold()):
            created.add(name_tokens)
            if ctx.title is None and m.head == ctx.doc_type:
                # "UBND tỉnh ban hành Kế hoạch ... như sau:" opens the document: its name is the own title
                ctx.title = m.name[len(m.head):].strip()
            continue
        if created.prefix_related(name_tokens):
            continue
        if (m.extra.get("titled") != "yes" and not NATIONAL_PROGRAMME.match(m.name)) or THIS.search(m.name):
            continue
        rel = relation(m)
        if rel not in ("implements", "based_on") and not (owner or SPECIFIC_NAME.search(m.name)):
            continue  # "Kế hoạch kiểm tra chuyên đề" in passing: a kind of plan, not a cited one
        if owner and PROVINCE_OWNER.match(owner) and ctx.province:
            owner = "Ủy ban nhân dân " + owner  # a plan "của tỉnh" is the provincial People's Committee's
        refs.append((m, new_ref(m, type=m.head, name=m.name, issuer=issuer_display(owner, None, ctx),
                                relation=rel)))

    # 4. the document itself
    for m in mentions:
        if m.kind != "self":
            continue
        if m.head == ctx.doc_type or (ctx.doc_type == "Quyết định" and m.head in SELF_ATTACHMENTS):
            refs.append((m, new_ref(m, type=m.head, symbol=ctx.own_symbol.text if ctx.own_symbol else None,
                                    relation="self", target=ctx.own_key)))

    refs.sort(key=lambda pair: (pair[1].span[0], -pair[1].span[1]))
    out = []
    for i, (_, ref) in enumerate(refs, 1):
        ref.id = f"r{i}"
        out.append(ref)
    return out


def _same_document(key: str, own_key: Optional[str]) -> bool:
    """Whether a mention of the document's own symbol (key ``key``) is the document itself: the same key,
    or a key that names no place ("1610/QĐ-TTPVHCC" in a text whose own key is qualified by its city,
    the body's code being unknown); another place's document of that number is not."""
    return key == own_key or "@" not in key


def _amending_law_of(law_name: str, year: int) -> Optional[dict]:
    """"Luật Sở hữu trí tuệ sửa đổi 2009": the catalogue's law of ``year`` that amends ``law_name``; else
    a version of the law itself passed that year ("Luật Đất đai sửa đổi 2024" is the new Luật Đất đai)."""
    for law in vocab.amendments_of(law_name):
        if law["date"][:4] == str(year):
            return law
    return next((v for v in vocab.law_versions(law_name) if v["date"][:4] == str(year)), None)


def _amending_law_named(name: str, passed: Optional[str], on: Optional[str]) -> Optional[dict]:
    """"Luật sửa đổi, bổ sung một số điều của Luật Dược", named otherwise than in the catalogue: the
    catalogue's amending law of exactly the laws the name names (else of those and more), passed on
    ``passed`` when the mention gives a date, else the last one passed by ``on`` (the citing date)."""
    named = vocab.laws_named_in(name)
    if not named:
        return None
    amending = [(law, amended) for law, amended in vocab.amending_laws() if named <= amended]
    pool = [law for law, amended in amending if amended == named] or [law for law, _ in amending]
    if passed:
        return next((law for law in pool if law["date"] == passed), None)
    before = [law for law in pool if on is None or law["date"] <= on]
    return before[-1] if before else None


# An owner that is the province without its name ("tỉnh", "thành phố").
PROVINCE_OWNER = re.compile(r"(?:tỉnh|thành\s+phố)(?!\s+\p{Lu})")
# An owner below or at the level of a province.
LOCAL_OWNER = re.compile(r"(?<!\p{L})(?:tỉnh|thành\s+phố|huyện)(?!\p{L})")

# A decision that issues a plan or regulation calls the attached text "Kế hoạch này", "Quy định này".
SELF_ATTACHMENTS = {"Kế hoạch", "Quy định", "Quy chế", "Chương trình", "Đề án", "Phương án", "Hướng dẫn"}


def _same_owner(owner: Optional[str], antecedent: Mention) -> bool:
    """A name followed by its owner ("... của tỉnh") is not the title of another body's document."""
    if not owner or antecedent.symbol is None:
        return True
    code = vocab.code_for_issuer_text(owner)
    issuer = vocab.issuer_of(code) if code else None
    local_owner = (issuer.scope == "local") if issuer else bool(LOCAL_OWNER.search(owner))
    return local_owner == (antecedent.symbol.scope == "local")


def _prefix_related(a: list[str], b: list[str]) -> bool:
    """One of the two word lists starts the other, and the shorter has at least 3 words."""
    n = min(len(a), len(b))
    return n >= 3 and a[:n] == b[:n]


class PrefixSet:
    """Word lists in a trie, so that whether a list is ``_prefix_related`` to one of them is read
    along its own words (one step per word) instead of by a comparison with every list kept: those
    grew with a long text's length, and the comparisons with its square."""

    _END = None  # the key that marks the end of a list (a word is a string)

    def __init__(self) -> None:
        self._root: dict = {}

    def add(self, words: list[str]) -> None:
        node = self._root
        for word in words:
            node = node.setdefault(word, {})
        node[self._END] = True

    def prefix_related(self, words: list[str]) -> bool:
        """True when a list kept starts ``words`` or ``words`` starts a list kept, the shorter of
        the two having at least 3 words: ``any(_prefix_related(words, c) for c in lists kept)``."""
        node = self._root
        for depth, word in enumerate(words):
            if depth >= 3 and self._END in node:
                return True  # a kept list of ``depth`` >= 3 words starts ``words``
            node = node.get(word)
            if node is None:
                return False
        # every word of ``words`` read: a kept list goes on from here (or ends here)
        return len(words) >= 3


def _party_issuer(name: str, ctx: DocContext) -> Optional[str]:
    low = name.casefold()
    if "trung ương" in low or "toàn quốc" in low or " tw" in low:
        return "Ban Chấp hành Trung ương Đảng"
    if "tỉnh" in low and ctx.province:
        return f"Đảng bộ tỉnh {ctx.province}"
    return None
