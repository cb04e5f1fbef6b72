"""Find the public bodies a text names: gazetteer, group phrases and head-noun rules.

A mention is ``[title] [member prefix] [determiner] CORE [place] [modifiers]``:

- CORE is a gazetteer name or alias (docextract/data/agencies.json, matched
  lower case; a name must start with a capital),
  a body not in the list recognised by its head noun ("Ban Quản lý dự án ...", "Trung tâm Công
  nghệ thông tin ..."), or a group phrase ("các sở, ban, ngành", "cơ quan, đơn vị liên quan");
- a place follows bodies that take one ("Sở Nội vụ tỉnh Lạng Sơn", "UBND các huyện, thị xã,
  thành phố", "UBND huyện Sơn Tịnh", "Trung tâm hành chính công cấp tỉnh, cấp huyện");
- modifiers are the fixed tails of the genre ("có liên quan", "các cấp", "trên địa bàn tỉnh").

The head title ("Thủ trưởng", "Chủ tịch", "Giám đốc") is part of the mention's span but not of its
``name`` (SPEC §4). ``name`` also has abbreviations expanded and the issuer's own province
dropped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

import regex as re

try:
    import cython
except ImportError:  # not installed: the type declarations are no-ops
    from .. import cython_shim as cython

from .. import vocab
from ..prebuild import built_for
from .lexicon import Entry, Lexicon, lexicon
from .tokens import TOKEN, Phrases, Tokens, is_title, is_word, tokenize

MAX_UNSEEN_WORDS = 12  # an unseen body's name after its head noun (bounded: no run-away names)
MAX_PLACE_NAME_WORDS = 4  # "huyện Sơn Tịnh", "thành phố Hồ Chí Minh"
# A name after a list of units has two syllables at least ("Cồn Cỏ", "Lý Sơn"): one capitalised word
# there is a sentence going on ("phường Tổ chức ...").
MIN_LIST_PLACE_WORDS = 2
MAX_UNSEEN_LOWER = 6  # lower-case syllables after the last capital of an unseen name ("dự án đầu tư")


@dataclass(slots=True)
class AgencyMention:
    start: int  # character offsets in the text the tokens came from (title included)
    end: int
    text: str
    name: str  # canonical: abbreviations expanded, title dropped, own province dropped
    kind: str  # body | group | unseen
    generic: bool = False  # only generic nouns ("các cơ quan, đơn vị")
    core_start: int = 0  # where the body starts after its title
    tok_start: int = 0
    tok_end: int = 0
    title: str | None = None
    level: str = "any"
    entry: Entry | None = field(default=None, repr=False)
    shared_head: str | None = field(default=None, repr=False)  # "UBND" shared by a list of places


@lru_cache(maxsize=1)
def _stop_words() -> Phrases:
    from .tokens import words

    cues = vocab.load("task_cues.json")["name_stop_words"]["words"]
    return Phrases(tuple(w.lower() for w in words(c)) for c in cues)


PROVINCE_KINDS = Phrases([("tỉnh",), ("thành", "phố")])


def _is_stop(lower: list[str], i: int) -> bool:
    return _stop_words().match(lower, i) != -1


class Recogniser:
    def __init__(self, lex: Lexicon | None = None):
        self.lex = lex = lex or lexicon()
        # The phrases a mention can start with besides a gazetteer name (see parse_at): a title, a
        # member prefix, a determiner, a group noun, "tỉnh"/"thành phố" in any case, a head noun
        # only capitalised (_unseen). Other tokens are skipped without parsing: most tokens of a
        # text start no mention, and most that start such a phrase's first word ("nhiệm vụ",
        # "hợp đồng") do not go on with it.
        self.starters = Phrases(chain(lex.titles, lex.member_prefixes, lex.determiners, lex.group_nouns,
                                      PROVINCE_KINDS))
        # Every word a mention can start with: the tokens worth a closer look.
        self.first_words = frozenset(chain(self.starters.trie, lex.heads.trie, lex.gazetteer.trie))

    # ------------------------------------------------------------------ gazetteer

    @cython.locals(candidates=list, text=list, low=list, start=cython.Py_ssize_t, hits=dict)
    def gazetteer(self, tokens: Tokens, candidates: list[int]) -> dict[int, list[tuple[int, Entry]]]:
        """Gazetteer names and aliases (matched lower case) at the ``candidates`` tokens: start token
        -> [(end token, entry)], longest first. A name is written with its first letter upper case
        ("Sở Nội vụ", not "sở nội vụ"), except right after a title (see parse_at); group phrases as
        written."""
        hits: dict[int, list[tuple[int, Entry]]] = {}
        first_words, group_first_words = self.lex.gazetteer.trie, self.lex.group_first_words
        text, low = tokens.text, tokens.lower
        for start in candidates:
            lower = low[start]
            if lower not in first_words:
                continue
            if text[start][0].isupper():
                names = self.names_at(tokens, start, lambda entry: True)
            elif lower in group_first_words:
                names = self.names_at(tokens, start, lambda entry: entry.group)
            else:
                continue
            if names:
                hits[start] = names
        return hits

    def names_at(self, tokens: Tokens, start: int, keep) -> list[tuple[int, Entry]]:
        """[(end token, entry)] of the gazetteer forms spelled at ``start`` that ``keep`` accepts."""
        entries_by_surface = self.lex.entries_by_surface
        return [(end, entry) for surface, end in self.lex.gazetteer.matches(tokens.lower, start)
                for entry in entries_by_surface[surface] if keep(entry)]

    # ------------------------------------------------------------------ grammar pieces

    @cython.locals(i=cython.Py_ssize_t, j=cython.Py_ssize_t)
    def _title(self, tokens, i) -> tuple[int, int]:
        """(index after the title, index where the body starts) or (-1, -1)."""
        j = self.lex.titles.match(tokens.lower, i)
        if j == -1 or not tokens.text[i][0].isalpha():
            return -1, -1
        seq = tuple(tokens.lower[i:j])
        keep = self.lex.title_overlap.get(seq)
        body_start = i + keep if keep is not None else j
        return j, body_start

    @cython.locals(i=cython.Py_ssize_t, j=cython.Py_ssize_t, k=cython.Py_ssize_t, k2=cython.Py_ssize_t, n=cython.Py_ssize_t, end=cython.Py_ssize_t, low=list)
    def _place(self, tokens, i) -> int:
        """A place after a body: 'tỉnh', 'tỉnh Lạng Sơn', 'các huyện, thị xã, thành phố',
        'huyện Sơn Tịnh', 'cấp tỉnh, cấp huyện', 'xã, phường, thị trấn'. Returns the end or -1."""
        admin_nouns = self.lex.admin_nouns
        low = tokens.lower
        n = len(low)
        j = i
        if j < n and low[j] == "các":
            k = admin_nouns.match(low, j + 1)
            if k == -1:
                return -1
            return self._admin_list(tokens, k)
        if j < n and low[j] == "cấp":
            k = admin_nouns.match(low, j + 1)
            if k == -1:
                return -1
            end = k
            while end + 2 < n and tokens.text[end] == "," and low[end + 1] == "cấp":
                k2 = admin_nouns.match(low, end + 2)
                if k2 == -1:
                    break
                end = k2
            return end
        k = admin_nouns.match(low, j)
        if k == -1:
            return -1
        noun = tuple(low[j:k])
        name_end = self._place_name(tokens, k, province_level=noun in (("tỉnh",), ("thành", "phố")))
        if name_end != -1:
            return name_end
        return self._admin_list(tokens, k)

    @cython.locals(k=cython.Py_ssize_t, k2=cython.Py_ssize_t, end=cython.Py_ssize_t, step=cython.Py_ssize_t, low=list, txt=list)
    def _admin_list(self, tokens, k) -> int:
        """Continue 'huyện' into 'huyện, thị xã, thành phố' (commas, 'và' or nothing between)."""
        low, txt = tokens.lower, tokens.text
        end = k
        while end < len(low):
            step = end
            if txt[step] in (",", "/") or low[step] == "và":
                step += 1
            k2 = self.lex.admin_nouns.match(low, step)
            if k2 == -1 or (k2 < len(low) and is_title(txt[k2]) and is_word(txt[k2]) and step == end):
                break
            end = k2
        if end > k:  # "các xã, phường, đặc khu Cồn Cỏ": the last unit of the list is named
            named = self._place_name(tokens, end, False)
            if named - end >= MIN_LIST_PLACE_WORDS:  # (not "phường Tổ" of "phường Tổ chức triển khai")
                end = named
        return end

    @cython.locals(k=cython.Py_ssize_t, j=cython.Py_ssize_t, end=cython.Py_ssize_t, low=list, txt=list)
    def _place_name(self, tokens, k, province_level: bool) -> int:
        """A proper name after an administrative noun ('Sơn Tịnh', 'Quảng Ngãi'); -1 if none.

        After 'tỉnh'/'thành phố' only a province or city of the list is taken (so that 'Chủ
        tịch UBND tỉnh Võ Kim Cự' does not make 'Võ Kim Cự' a province)."""
        low, txt = tokens.lower, tokens.text
        if k >= len(txt) or not is_title(txt[k]) or not is_word(txt[k]):
            return -1
        j = self.lex.provinces.match(low, k)
        if j != -1:
            return j
        if province_level and low[k - 1] == "tỉnh":
            return -1
        end = k
        while end < len(txt) and end - k < MAX_PLACE_NAME_WORDS and is_word(txt[end]) and is_title(txt[end]) \
                and not txt[end].isupper() and not _is_stop(low, end):
            end += 1
        if province_level and end - k > 3:
            return -1
        return end if end > k else -1

    @cython.locals(k=cython.Py_ssize_t, j=cython.Py_ssize_t, end=cython.Py_ssize_t, low=list, txt=list)
    def _proper_name(self, tokens, k) -> int:
        """Capitalised words right after a named institution ('Báo Lạng Sơn', 'Trường Chính trị Hoàng Văn Thụ')."""
        low, txt = tokens.lower, tokens.text
        j = self.lex.provinces.match(low, k)
        if j != -1:
            return j
        end = k
        while end < len(txt) and end - k < MAX_PLACE_NAME_WORDS and is_word(txt[end]) and is_title(txt[end]) \
                and not _is_stop(low, end):
            if self.lex.heads.match(low, end) != -1 and end > k:
                break
            end += 1
        return end if end > k else -1

    @cython.locals(j=cython.Py_ssize_t, k=cython.Py_ssize_t)
    def _modifiers(self, tokens, j) -> int:
        changed = True
        while changed and j < len(tokens):
            changed = False
            k = self.lex.modifiers.match(tokens.lower, j)
            if k != -1 and not (k < len(tokens) and is_title(tokens.text[k - 1]) and is_title(tokens.text[k])
                                and is_word(tokens.text[k])):
                # (not "thuộc Bộ" of "thuộc Bộ Tài chính": there a name goes on, a body of its own)
                j, changed = k, True
                continue
            k = self._place(tokens, j)
            if k != -1 and k > j:
                j, changed = k, True
        return j

    @cython.locals(i=cython.Py_ssize_t, j=cython.Py_ssize_t, k=cython.Py_ssize_t, det=cython.Py_ssize_t, low=list, txt=list, nouns=list)
    def _group(self, tokens, i) -> tuple[int, bool, int]:
        """A group phrase at ``i``: (end, generic, number of nouns) or (-1, False, 0)."""
        lex = self.lex
        low, txt = tokens.lower, tokens.text
        j = i
        det = lex.determiners.match(low, j)
        has_det = det != -1
        if has_det:
            j = det
        k = lex.group_nouns.match(low, j)
        if k == -1:
            return -1, False, 0
        if all(word.isupper() and len(word) > 1 for word in txt[j:k]):
            return -1, False, 0  # "TỔ CHỨC THỰC HIỆN" is a heading, not the group "tổ chức"
        nouns = [tuple(low[j:k])]
        j = k
        while j < len(low):
            if txt[j] in (",", "/"):
                k = lex.group_nouns.match(low, j + 1)
                if k == -1 or lex.determiners.match(low, j + 1) != -1:
                    break
                nouns.append(tuple(low[j + 1:k]))
                j = k
                continue
            if low[j] == "và":
                k = lex.group_nouns.match(low, j + 1)
                if k == -1:
                    break
                nouns.append(tuple(low[j + 1:k]))
                j = k
                continue
            # "ban ngành" written without a comma
            k = lex.group_nouns.match(low, j)
            if k != -1 and txt[j][0].islower() and len(nouns) >= 1 and nouns[-1] in (("ban",), ("sở",)):
                nouns.append(tuple(low[j:k]))
                j = k
                continue
            break
        generic = all(n in lex.generic_nouns for n in nouns)
        if not has_det and not any(n in lex.strong_nouns for n in nouns):
            return -1, False, 0  # "môi trường, phòng chống dịch bệnh": common words, not bodies
        return j, generic, len(nouns) + (1 if has_det else 0)

    @cython.locals(i=cython.Py_ssize_t, h=cython.Py_ssize_t, n=cython.Py_ssize_t, end=cython.Py_ssize_t, inner=cython.Py_ssize_t, caps_run=cython.Py_ssize_t, lower_run=cython.Py_ssize_t, low=list, txt=list)
    def _unseen(self, tokens, i) -> int:
        """A body recognised by its head noun: 'Ban Quản lý dự án đầu tư xây dựng', 'Trung tâm Y tế'."""
        heads = self.lex.heads
        low, txt = tokens.lower, tokens.text
        n = len(low)
        h = heads.match(low, i)
        if h == -1 or not is_title(txt[i]) or h >= n:
            return -1
        if all(word.isupper() and len(word) > 1 for word in txt[i:h]):
            return -1  # "TỔ CHỨC THỰC HIỆN", "BAN HÀNH": upper-case headings
        if not (is_word(txt[h]) and is_title(txt[h])):
            return -1
        end = h
        caps_run = 0  # consecutive capitalised syllables just read ("Hà Nội", "Việt Nam": a proper name)
        lower_run = 0  # lower-case syllables since the last capitalised one
        while end < n and end - h < MAX_UNSEEN_WORDS:
            word = txt[end]
            title = is_title(word)
            if word == "-" and end + 1 < n and is_title(txt[end + 1]):
                end += 1
                continue
            if low[end] == "và" and end + 1 < n and is_title(txt[end + 1]) and is_word(txt[end + 1]) \
                    and heads.match(low, end + 1) == -1 and txt[end + 1] not in self.lex.abbreviations:
                end += 1
                continue
            if not is_word(word) or (end > h and (_is_stop(low, end) or low[end] == "các")):
                break
            if end > h and not title and self.lex.admin_nouns.match(low, end) != -1:
                break  # "Trường Chính trị tỉnh": the place is read by _place
            inner = heads.match(low, end) if end > h and title else -1
            if inner != -1 and inner < n and is_title(txt[inner]):
                break  # "Sở Khoa học và Công nghệ Sở Công Thương": a second body begins ("Bộ đội" does not)
            if title:
                caps_run += 1
                lower_run = 0
            else:
                if caps_run >= 2 or lower_run >= MAX_UNSEEN_LOWER:
                    break  # after a proper name ("Trường Đại học Luật Hà Nội quyết định ...") or a long lower-case run
                caps_run = 0
                lower_run += 1
            if end > h and not title and end + 1 < n and not is_word(txt[end + 1]) \
                    and txt[end + 1] not in (",", "-"):
                end += 1
                break
            end += 1
        return end if end > h else -1

    @cython.locals(j=cython.Py_ssize_t, end=cython.Py_ssize_t, low=list, txt=list)
    def _descriptive(self, tokens, j) -> int:
        """'Ban Chỉ đạo <what it steers>': the name runs to a comma, a stop word or a place."""
        low, txt = tokens.lower, tokens.text
        end = j
        while end < len(txt) and end - j < 20:
            if not is_word(txt[end]):
                if txt[end] == "-" and end + 1 < len(txt) and is_word(txt[end + 1]):
                    end += 1
                    continue
                break
            if low[end] in ("tỉnh", "thành") and end > j:
                break
            if _is_stop(low, end) and low[end] != "và":
                break
            end += 1
        return end

    def _province_as_body(self, tokens, i) -> int:
        """'tỉnh Đắk Lắk cần tiếp tục thực hiện ...': a province named as the body that acts (the
        conclusions of central bodies speak so of its government). Only listed provinces."""
        k = PROVINCE_KINDS.match(tokens.lower, i)
        if k == -1 or k >= len(tokens) or not is_title(tokens.text[k]):
            return -1
        return self.lex.provinces.match(tokens.lower, k)

    def _place_or(self, tokens, end) -> int:
        k = self._place(tokens, end)
        return k if k != -1 else end

    def _extend_body(self, tokens, end, entry) -> int:
        """The end of a body mention after its name, proper name, place and modifiers (-1: no body)."""
        if entry is not None and entry.descriptive:
            end = self._descriptive(tokens, end)
        if entry is not None and entry.named:
            k = self._proper_name(tokens, end)
            if k != -1:
                end = k
        if entry is not None and entry.needs_name:
            k = self._proper_name(tokens, end)
            if k == -1:
                return -1
            end = k
        placed = end
        if entry is None or entry.takes_place or entry.group:
            placed = self._place_or(tokens, end)
        if entry is not None and entry.needs_place and placed == end:
            return -1
        return self._modifiers(tokens, placed)

    def _generic_tail(self, tokens, start, end) -> bool:
        """A generic group stays generic under relational tails only ("có liên quan", "các cấp")."""
        rest = " ".join(tokens.lower[start:end])
        rest = GENERIC_TAILS.sub("", rest).strip(" ,")
        return not rest

    # ------------------------------------------------------------------ one mention

    @cython.locals(i=cython.Py_ssize_t, j=cython.Py_ssize_t, n=cython.Py_ssize_t, start=cython.Py_ssize_t, t_end=cython.Py_ssize_t, body_start=cython.Py_ssize_t, t2=cython.Py_ssize_t, b2=cython.Py_ssize_t, core_start=cython.Py_ssize_t, member=cython.Py_ssize_t, det=cython.Py_ssize_t, body_at=cython.Py_ssize_t, unseen=cython.Py_ssize_t, gazetteer_end=cython.Py_ssize_t, group_end=cython.Py_ssize_t, group_size=cython.Py_ssize_t, place=cython.Py_ssize_t, low=list, txt=list, candidates=list)
    def parse_at(self, tokens, i, hits) -> AgencyMention | None:
        lex = self.lex
        low, txt = tokens.lower, tokens.text
        n = len(low)
        start = i
        title = None
        j = i
        t_end, body_start = self._title(tokens, i)
        if t_end != -1 and t_end < n and not (i in hits and hits[i][0][1].group):
            # "Bộ trưởng, Thủ trưởng cơ quan ngang bộ ..." is a group in the gazetteer: prefer it.
            # Titles may follow one another: "Đồng chí Bí thư tỉnh ủy".
            j = body_start
            while True:
                t2, b2 = self._title(tokens, j)
                if t2 == -1 or t2 >= n:
                    break
                j = b2
            title = " ".join(txt[i:j])
            if j not in hits and j < n and not txt[j][0].isupper():  # "Bí thư tỉnh ủy"
                names = self.names_at(tokens, j, lambda entry: not entry.group)
                if names:
                    hits = dict(hits)
                    hits[j] = names
        core_start = j  # "các thành viên Ban Chỉ đạo ..." keeps its member prefix in the name
        member = lex.member_prefixes.match(low, j)
        if member != -1:
            j = member
        det = lex.determiners.match(low, j)
        body_at = det if det != -1 and det < n and is_title(txt[det]) else j
        candidates = []  # (end, priority, kind, entry, generic); the longest wins, the gazetteer on ties
        if body_at in hits:
            for hit_end, entry in hits[body_at]:
                if entry.not_agency:  # a portal or a system named like a body: no mention here
                    return None
                full = self._extend_body(tokens, hit_end, entry)
                if full != -1:
                    candidates.append((full, 3, "group" if entry.group else "body", entry, False))
        unseen = self._unseen(tokens, body_at)
        gazetteer_end = hits[body_at][0][0] if body_at in hits else -1  # hits are longest first
        if unseen != -1 and gazetteer_end != -1 and not (gazetteer_end < n and is_title(txt[gazetteer_end])):
            unseen = -1  # "Sở Nội vụ lồng ghép ...": a listed name is not run on into lower-case words
        if unseen != -1:
            candidates.append((self._extend_body(tokens, unseen, None), 2, "unseen", None, False))
        group_end, group_generic, group_size = self._group(tokens, j)
        if group_end != -1:
            full = self._modifiers(tokens, self._place_or(tokens, group_end))
            if group_size >= 2 or full > group_end:
                generic = group_generic and self._generic_tail(tokens, group_end, full)
                candidates.append((full, 1, "group", None, generic))
        place = self._province_as_body(tokens, j)
        if place != -1:
            candidates.append((place, 0, "place", None, False))
        if not candidates:
            return None
        end, _, kind, entry, generic = max(candidates, key=lambda c: (c[0], c[1]))
        if kind == "none":
            return None
        return self._make(tokens, start, core_start, end, kind, generic, title, entry)

    def _make(self, tokens, start, core_start, end, kind, generic, title, entry) -> AgencyMention:
        return AgencyMention(
            start=tokens.start(start), end=tokens.end(end - 1), text="", name="", kind=kind,
            generic=generic, core_start=tokens.start(core_start), tok_start=start, tok_end=end, title=title,
            level=entry.level if entry else ("group" if kind == "group" else "any"), entry=entry)

    # ------------------------------------------------------------------ the whole text

    def find(self, text: str, start: int = 0, end: int | None = None, *, province: str | None = None) -> list[AgencyMention]:
        tokens = tokenize(text, start, end)
        return self.find_tokens(text, tokens, province=province)

    @cython.locals(i=cython.Py_ssize_t, candidate=cython.Py_ssize_t, low=list, txt=list, candidates=list, out=list)
    def find_tokens(self, text: str, tokens: Tokens, *, province: str | None = None) -> list[AgencyMention]:
        low, txt = tokens.lower, tokens.text
        might_start = self.first_words
        candidates = [i for i, lower in enumerate(low) if lower in might_start]
        hits = self.gazetteer(tokens, candidates)
        out: list[AgencyMention] = []
        starters, heads = self.starters, self.lex.heads
        starter_words, head_words = starters.trie, heads.trie
        i = 0  # where the next mention may start (after the last one found)
        for candidate in candidates:
            if candidate < i:
                continue
            i = candidate
            lower = low[i]
            if i not in hits \
                    and not (lower in starter_words and starters.match(low, i) != -1) \
                    and not (lower in head_words and txt[i][0].isupper() and heads.match(low, i) != -1):
                continue
            mention = self.parse_at(tokens, i, hits)
            if mention is None:
                continue
            mention.text = text[mention.start:mention.end]
            if mention.entry is not None and mention.entry.members:
                members = self._title_list(text, tokens, mention)
                out.extend(members)
                i = members[-1].tok_end
                continue
            if mention.entry is not None and mention.entry.canonical:
                mention.name = mention.entry.canonical
            elif mention.kind == "place":  # the province itself keeps its name
                mention.name = text[mention.core_start:mention.end]
            else:
                mention.name = canonical_name(text[mention.core_start:mention.end], province)
            enumerated = self._enumeration(text, tokens, mention, province)
            if enumerated:
                out.extend(enumerated)
                i = enumerated[-1].tok_end
                continue
            out.append(mention)
            i = mention.tok_end
            # "UBND thành phố Quảng Ngãi và các huyện đồng bằng": the council is shared.
            shared = self._shared_place(text, tokens, mention, province)
            while shared is not None:
                out.append(shared)
                i = shared.tok_end
                shared = self._shared_place(text, tokens, shared, province)
        return out

    def _title_list(self, text, tokens, mention) -> list[AgencyMention]:
        """'Bộ trưởng, Thủ trưởng cơ quan ngang bộ' -> các bộ | cơ quan ngang bộ: each comma-separated
        part names its own body; with more parts than bodies the first body takes the leading ones
        ('Bộ trưởng, Thủ trưởng các bộ, cơ quan ngang bộ')."""
        members = mention.entry.members
        commas = [k for k in range(mention.tok_start, mention.tok_end) if tokens.text[k] == ","]
        cuts = commas[len(commas) - (len(members) - 1):] if len(members) > 1 else []
        if len(cuts) != len(members) - 1:  # fewer parts than bodies: the list stays one mention
            mention.name = members[0]
            return [mention]
        bounds = [mention.tok_start, *(k + 1 for k in cuts)]
        ends = [*cuts, mention.tok_end]
        out = []
        for name, first, stop in zip(members, bounds, ends):
            start, end = tokens.start(first), tokens.end(stop - 1)
            out.append(AgencyMention(start=start, end=end, text=text[start:end], name=name, kind=mention.kind,
                                     generic=mention.generic, core_start=start, tok_start=first,
                                     tok_end=stop, level=mention.level, entry=mention.entry))
        return out

    def _enumeration(self, text, tokens, mention, province) -> list[AgencyMention]:
        """'Các Bộ: Quốc phòng, Tài chính' -> Bộ Quốc phòng, Bộ Tài chính (each name after the colon)."""
        low, txt = tokens.lower, tokens.text
        n = len(low)
        i = mention.tok_end
        if i + 1 >= n or txt[i] != ":":
            return []
        core = " ".join(low[mention.tok_start:i])
        core = self.lex.title_prefix.sub("", core)
        head = self.lex.enumerations.get(core)
        if head is None:
            return []
        out = []
        k = i + 1
        head_seq = tuple(w.lower() for w in head.split())
        surfaces = self.lex.surfaces
        while k < n and len(out) < 12:
            if not (is_word(txt[k]) and is_title(txt[k])):
                break
            end = -1
            for stop in range(min(n, k + 8), k, -1):  # the longest listed name first
                if head_seq + tuple(low[k:stop]) in surfaces:
                    end = stop
                    break
            if end == -1:
                end = k
                # (a hyphen between capitalised words stays inside: "Công nghiệp - Năng lượng Quốc gia")
                while end < n and (is_word(txt[end]) or (txt[end] == "-" and end > k and end + 1 < n
                                                         and is_title(txt[end + 1]) and is_word(txt[end + 1]))) \
                        and low[end] != "và" and not (end > k and _is_stop(low, end)):
                    end += 1
            if end == k:
                break
            name_text = text[tokens.start(k):tokens.end(end - 1)]
            name = canonical_name(f"{head} {name_text}".strip(), province)
            out.append(AgencyMention(start=tokens.start(k), end=tokens.end(end - 1), text=name_text, name=name,
                                     kind="body", core_start=tokens.start(k), tok_start=k, tok_end=end,
                                     level=mention.level, entry=None))
            if end < n and (txt[end] == "," or low[end] == "và") and end + 1 < n \
                    and is_title(txt[end + 1]):
                k = end + 1
                continue
            break
        if len(out) < 1:
            return []
        # the list's span starts with the head ("Các Bộ: ..."), so that a subject is found at its start
        first = out[0]
        first.start, first.tok_start = mention.start, mention.tok_start
        return out

    def _shared_place(self, text, tokens, mention, province) -> AgencyMention | None:
        """'UBND thành phố Hà Nội, thành phố Hồ Chí Minh và tỉnh Quảng Ninh': the council is shared by
        every place listed after it (one call returns the next one; the caller loops)."""
        entry = mention.entry
        if entry is None or not entry.takes_place or mention.kind != "body":
            return None
        i = mention.tok_end
        if i + 1 >= len(tokens) or not (tokens.lower[i] == "và" or tokens.text[i] == ","):
            return None
        k = self._place(tokens, i + 1)
        if k == -1:
            return None
        # "UBND huyện A và các huyện đồng bằng": place plus its tail ("đồng bằng", "miền núi")
        k = self._modifiers(tokens, k)
        head = getattr(mention, "shared_head", None)
        if head is None:
            head = " ".join(text[mention.core_start:mention.end].split()[:len(entry.surface)])
        start, end = tokens.start(i + 1), tokens.end(k - 1)
        place_text = text[start:end]
        shared = AgencyMention(
            start=start, end=end, text=place_text,
            name=canonical_name(f"{head} {place_text}", province), kind="body", generic=False,
            core_start=start, tok_start=i + 1, tok_end=k, title=None, level=entry.level, entry=entry)
        shared.shared_head = head
        return shared


# ---------------------------------------------------------------------- canonical names

# Tails that leave a generic group generic ("các cơ quan, đơn vị có liên quan").
GENERIC_TAILS = re.compile(r"có liên quan|liên quan|các cấp|trực thuộc|được giao[\w ]*|được phân công|trên địa bàn( tỉnh| thành phố)?|trong tỉnh")
PARENTHESIS = re.compile(r"\s*\([^()]*\)")
# Administrative nouns written one after the other without a comma: "các huyện thành phố".
_ADMIN = r"(?:huyện|quận|thị xã|thành phố|xã|phường|thị trấn|tỉnh)"
ADMIN_WITHOUT_COMMA = re.compile(rf"(?<=\b{_ADMIN}) (?={_ADMIN}\b)")


# A council keeps its level when the own province is dropped ("UBND tỉnh Lạng Sơn" -> "UBND tỉnh").
COUNCIL = re.compile(r"^(?:Ủy ban nhân dân|Hội đồng nhân dân|Thường trực Hội đồng nhân dân)\b")


@lru_cache(maxsize=65536)  # a document names the same bodies again and again
def canonical_name(surface: str, province: str | None = None) -> str:
    """The agency as SPEC §4 wants it: abbreviations expanded, own province dropped, tidy."""
    abbreviations = lexicon().abbreviations
    text = PARENTHESIS.sub("", surface).strip(" ,;:.")
    rebuilt = []
    previous_end = 0
    for token in TOKEN.finditer(text):  # (the tokens of tokenize(), with their spans: a short text)
        word = token.group()
        expanded = abbreviations.get(word)
        if expanded is None and not word.endswith("&") and "&" in word:
            expanded = abbreviations.get(word.upper())
        rebuilt.append(text[previous_end:token.start()])  # the original spacing between tokens
        rebuilt.append(expanded if expanded is not None else word)
        previous_end = token.end()
    text = ADMIN_WITHOUT_COMMA.sub(", ", "".join(rebuilt))
    if province:
        # The issuer's own province is dropped: "Sở Nội vụ tỉnh Lạng Sơn" in a Lạng Sơn document is
        # "Sở Nội vụ"; a council keeps its level ("UBND tỉnh Lạng Sơn" -> "Ủy ban nhân dân tỉnh").
        # "thành phố Quảng Ngãi" in Quảng Ngãi province is a city of the province, not the province.
        text = _own_province(province).sub(r" \1" if COUNCIL.match(text) else "", text)
    if text[:4] == "Các ":
        text = "các " + text[4:]
    return " ".join(text.split())  # runs of spaces as one, none at the ends


@built_for(lambda: [name for _, name in vocab.provinces()])
def _own_province(province: str) -> re.Pattern:
    """' tỉnh Lạng Sơn' (or ' thành phố Hà Nội'), the level kept in group 1."""
    return re.compile(rf"\s+({_province_kind(province)})\s+{re.escape(province)}\b")


@lru_cache(maxsize=None)
def _province_kind(province: str) -> str:
    """'tỉnh' or 'thành phố' (a centrally-run city), from the province list."""
    for kind, name in vocab.provinces():
        if name.casefold() == province.casefold():
            return kind
    return "tỉnh"


@lru_cache(maxsize=1)
def recogniser() -> Recogniser:
    return Recogniser()


def find_agencies(text: str, start: int = 0, end: int | None = None, *, province: str | None = None) -> list[AgencyMention]:
    """Every agency mention in ``text[start:end]`` (offsets into ``text``)."""
    return recogniser().find(text, start, end, province=province)
