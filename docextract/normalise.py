"""Repair the text of a document before any parsing.

Every later span points into the text this module returns, so it runs once, first, and each
repair is a small function tested on its own. The result has one paragraph per line, no blank
lines, single spaces, Unicode NFC and the new tone placement (hòa, ủy).
"""
from __future__ import annotations

import unicodedata

import regex as re

try:
    import cython
except ImportError:  # not installed: the type declarations are no-ops
    from . import cython_shim as cython

# ------------------------------------------------------------------ characters

# Spaces that are not U+0020 in Word/web text: NBSP, narrow NBSP, figure space, ideographic ...
_ODD_SPACE_CHARS = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\v"
_ODD_SPACES = re.compile("[" + _ODD_SPACE_CHARS + "]")
# Invisible characters: zero-width space/joiners, word joiner, BOM, soft hyphen.
# (Legacy TCVN3 text uses U+00AD for "ư"; the reader converts such text before we get here.)
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile("[" + _INVISIBLE_CHARS + "]")
_MULTI_SPACE = re.compile(r" {2,}")

# Old-style tone placement on the open syllables oa/oe/uy (hoà, khoẻ, uỷ) -> new style (hòa, khỏe, ủy).
# Only at the end of a syllable ("hoàn" is right as it is) and not after "q" ("quý" is right).
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONES.update({k.upper(): v.upper() for k, v in list(_OLD_TONES.items())})
_OLD_TONES.update({k[0].upper() + k[1]: v[0].upper() + v[1] for k, v in list(_OLD_TONES.items()) if k.islower()})
# The keys of _OLD_TONES as classes (oà Oà OÀ, uỳ Uỳ UỲ ...), with the "not after q" test behind
# the two letters: the regex module scans this far faster than a 45-way alternation after a lookbehind.
OLD_TONE_SYLLABLE = re.compile(
    r"([oO][àáảãạèéẻẽẹ]|O[ÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵ]|U[ỲÝỶỸỴ])(?<![qQ]..)(?!\p{L})")

# Footnote markers inside a paragraph: superscript digits, or "[12]" glued to the word before it
# ("được giao[1]. Chính phủ"). A "[12]" at the start of a line is the footnote itself and stays.
_SUPERSCRIPT_CHARS = "\u00b9\u00b2\u00b3\u2070\u2071\u2072\u2073\u2074\u2075\u2076\u2077\u2078\u2079"
SUPERSCRIPT_MARK = re.compile("[" + _SUPERSCRIPT_CHARS + "]+")
BRACKET_FOOTNOTE_MARK = re.compile(r"(?<=[\p{L}\p{N}\)\.,;:\"”'])\[\d{1,3}\]")

# ------------------------------------------------------------------ lines

# A line that is only table furniture: "|", "| |", "|---|---|", a rule of dashes/underscores.
TABLE_DEBRIS_LINE = re.compile(r"^[ |:+\-_=–—*~.]*$")
_TABLE_DEBRIS_CHARS = " |:+-_=–—*~."  # the class above, for str.strip (is_table_debris)
# A running page number next to a page break: "2", "- 2 -", "Trang 2", "2/15".
PAGE_NUMBER_LINE = re.compile(r"^(?:trang\s*)?[-–]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–]?$", re.IGNORECASE)

# The running head of a page of the official gazette: "CÔNG BÁO/Số 286/Ngày 27-05-2026", sometimes
# with the page number on the same line. Texts extracted from its PDFs have no form feed: the head
# is the page break.
GAZETTE_RUNNING_HEAD = re.compile(r"^CÔNG\s+BÁO\s*/\s*Số\s+\d{1,5}\s*/\s*Ngày\s+\d{1,2}-\d{1,2}-\d{4}(?:\s+\d{1,4})?$")
# The stamp of the gazette's digital signature, three lines on its first page:
# "Ký bởi: CÔNG BÁO NƯỚC ...", "Cơ quan: VĂN PHÒNG CHÍNH PHỦ", "Ngày ký: 2026-05-27 07:55:25 +07:00".
SIGNATURE_STAMP_TIME = re.compile(r"^Ngày\s+ký:\s*\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{2}:?\d{2})?$")
SIGNATURE_STAMP_LEAD = re.compile(r"^(?:Ký\s+bởi|Cơ\s+quan):")

# The start of a line that begins a new paragraph even without a blank line before it:
# enumerators (I. II- 1. 1.1. 1) a) đ)), bullets, article/chapter words, standard openers.
STRUCTURAL_START = re.compile(
    r"""^(?:
        [IVXLC]{1,6}\s*[.\-–)]\s                       # I.  II-  III)
      | \d{1,3}(?:\.\d{1,3}){0,3}\s*[.)]\s?            # 1.  1.1.  2)
      | \d{1,3}(?:\.\d{1,3}){1,3}\s                   # 1.1 without the final dot
      | [a-zđ]\s*\)\s                                  # a)  đ)
      | [-+•*–]\s                                      # bullets
      | (?:Điều|Chương|Mục|Phần|Khoản|Điểm)\s+[\dIVXLC]+
      | (?:Căn\ cứ|Nơi\ nhận|Xét\ đề\ nghị|QUYẾT\ ĐỊNH|KT\.|TM\.|Q\.|\[\d{1,3}\])
    )""",
    re.VERBOSE,
)
NUMBER_LABEL_ALONE = re.compile(r"^(?:\p{L}+\s+)?[Ss]ố\s*:?$")
# An enumerator alone on its line ("IV." then "PHÂN CÔNG NHIỆM VỤ", "1." then "Sở Công Thương:"):
# web captures break the line after it; the item's words are on the next line.
ENUMERATOR_ALONE = re.compile(r"^(?:[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3}){0,3}|[a-zđ])\s*[.)]$")
# A horizontal rule inside a line ("THỦ TƯỚNG CHÍNH PHỦ -------", "_______ Độc lập"): furniture.
INLINE_RULE = re.compile(r"[_=]{4,}|(?:^|(?<=\s)|(?<=\p{L}))[-–—]{4,}(?=\s|$|\p{L})")
# Sentence-final punctuation at the end of a line, before closing quotes (also "./." that closes a
# document), and the weak ends ";" ","; string tests, for the per-line join decisions.
_CLOSING_QUOTES = "\"”')"
_TERMINAL_CHARS = (".", "!", "?", ":")
_WEAK_TERMINAL_CHARS = (";", ",")
STARTS_LOWER = re.compile(r"^[\p{Ll}]")
LETTER_ENUMERATOR = re.compile(r"^[a-zđ]\s*\)")
_ENUMERATOR_LETTERS = "abcdefghijklmnopqrstuvwxyzđ"  # the class of LETTER_ENUMERATOR


def strip_bom_and_newlines(text: str) -> str:
    """BOM removed; CRLF and lone CR become LF; page breaks (form feed) kept for later."""
    return text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")


def _contains_any(text: str, chars: str) -> bool:
    """Whether one of ``chars`` occurs in ``text`` (str.__contains__ scans far faster than a regex)."""
    return any(char in text for char in chars)


def fix_spaces(text: str) -> str:
    """Odd spaces become plain spaces, invisible characters go, runs of spaces shrink to one."""
    if _contains_any(text, _INVISIBLE_CHARS):
        text = _INVISIBLE.sub("", text)
    if _contains_any(text, _ODD_SPACE_CHARS):
        text = _ODD_SPACES.sub(" ", text)
    text = INLINE_RULE.sub(" ", text)
    if "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    return "\n".join([line.strip(" ") for line in text.split("\n")])  # not str.strip(): keep \f


def new_tone_placement(text: str) -> str:
    """hoà -> hòa, uỷ -> ủy, khoẻ -> khỏe (open syllables only; hoàn and quý are untouched)."""
    return OLD_TONE_SYLLABLE.sub(lambda m: _OLD_TONES[m.group(1)], text)


def drop_footnote_markers(text: str) -> str:
    """Remove superscript and glued "[n]" footnote markers from the middle of paragraphs."""
    if _contains_any(text, _SUPERSCRIPT_CHARS):
        text = SUPERSCRIPT_MARK.sub("", text)
    if "[" in text:
        text = BRACKET_FOOTNOTE_MARK.sub("", text)
    return text


def _drop_page_foot(out: list[str | None]) -> None:
    """Remove the blank lines and the running page number that end the page read so far."""
    while out and (out[-1] == "" or (out[-1] and PAGE_NUMBER_LINE.match(out[-1]))):
        out.pop()


def drop_page_artifacts(lines: list[str]) -> list[str]:
    """Remove page breaks and the running page numbers next to them.

    A form feed becomes a "soft" boundary (None) that the line joiner treats as a possible wrap.
    """
    out: list[str | None] = []
    for line in lines:
        if "\f" in line:
            before, _, after = line.partition("\f")
            _drop_page_foot(out)
            if before.strip():
                out.append(before)
            out.append(None)  # page break
            rest = after.split("\f")
            for piece in rest:
                if piece.strip() and not PAGE_NUMBER_LINE.match(piece.strip()):
                    out.append(piece)
            continue
        if line.startswith("CÔNG") and GAZETTE_RUNNING_HEAD.match(line.strip()):
            _drop_page_foot(out)
            if not out or out[-1] is not None:
                out.append(None)  # the gazette's running head is a page break
            continue
        if line.startswith("Ngày") and SIGNATURE_STAMP_TIME.match(line.strip()):
            while out and isinstance(out[-1], str) and SIGNATURE_STAMP_LEAD.match(out[-1]):
                out.pop()  # the stamp's "Ký bởi:" and "Cơ quan:" lines above its time
            continue
        if out and out[-1] is None and (not line or PAGE_NUMBER_LINE.match(line)):
            continue  # blank or page number right after a page break
        out.append(line)
    return out


def is_table_debris(line: str) -> bool:
    """A line of TABLE_DEBRIS_LINE characters only, not only dots."""
    return bool(line) and not line.strip(_TABLE_DEBRIS_CHARS) and line.strip(".") != ""


def _starts_lower(line: str) -> bool:
    """STARTS_LOWER.match(line), without the regex call when the first character is ASCII."""
    first = line[:1]
    if first.isascii():
        return "a" <= first <= "z"
    return bool(STARTS_LOWER.match(line))


def _letter_enumerator(line: str) -> bool:
    """LETTER_ENUMERATOR.match(line), without the regex call unless spaces follow the letter."""
    second = line[1:2]
    if second == ")":
        return line[0] in _ENUMERATOR_LETTERS
    return second.isspace() and LETTER_ENUMERATOR.match(line) is not None  # (isspace() takes all \s takes)


def _ends_sentence(line: str) -> bool:
    """". ! ? :" (or "./.") at the end of the line, before closing quotes."""
    return line.rstrip(_CLOSING_QUOTES).endswith(_TERMINAL_CHARS)


def looks_hard_wrapped(lines: list[str], long_lines: list[int] | None = None) -> bool:
    """True when the text was captured with hard line breaks every ~60-100 characters.

    In such text a single newline inside a block is a soft wrap. Documents written one
    paragraph per line have many lines far longer than that. ``long_lines``:
    _long_line_lengths(lines), when the caller has it.
    """
    long_lines = _long_line_lengths(lines) if long_lines is None else long_lines
    if len(long_lines) < 5:
        return False
    p90 = long_lines[int(len(long_lines) * 0.9) - 1]
    return p90 <= 110


def _long_line_lengths(lines: list[str]) -> list[int]:
    """The sorted lengths of the lines of 40 characters or more (the candidates for full lines)."""
    return sorted(len(line) for line in lines if line and len(line) >= 40)


# A line shorter than this share of the wrap width ended where its writer ended it (a heading).
SHORT_LINE_SHARE = 0.8


def wrap_width(lines: list[str], long_lines: list[int] | None = None) -> int:
    """The usual length of a full line of a hard-wrapped text (the median of lines of 40+ characters;
    ``long_lines``: _long_line_lengths(lines), when the caller has it)."""
    long_lines = _long_line_lengths(lines) if long_lines is None else long_lines
    return long_lines[len(long_lines) // 2] if long_lines else 0


def _upper_letters(line: str) -> int | None:
    """The number of letters in ``line`` when all are upper case, else None (stops at the first
    lower-case letter, so mixed-case text costs a few characters)."""
    count = 0
    for char in line:
        if char.isalpha():
            if not char.isupper():
                return None
            count += 1
    return count


@cython.locals(char=cython.Py_UCS4)
def _has_lower_case(line: str) -> bool:
    """A lower-case or title-case letter in ``line``: what keeps ``line + "A"`` from being upper case
    (str.isupper()), told without building that string, and mostly from the first letters."""
    for char in line:
        if char.islower() or (char.istitle() and not char.isupper()):  # ("A".istitle(): a title-cased string)
            return True
    return False


def _is_heading_case(line: str) -> bool:
    """An upper-case line of some length ("THÔNG BÁO"), not a lone abbreviation ("UBND")."""
    if " " not in line.strip():
        return False
    letters = _upper_letters(line)
    return letters is not None and letters >= 6


class _Para:
    """The paragraph being built: pieces and what the join tests need to know about them."""

    __slots__ = ("parts", "length", "cased", "non_upper", "letters", "letters_upper", "tokens")

    def __init__(self, line: str):
        # add("", line) to an empty paragraph, written out: most paragraphs are one line
        self.parts: list[str] = [line]
        self.length = len(line)
        self.cased = line.isupper()
        self.non_upper = not self.cased and _has_lower_case(line)
        letters = _upper_letters(line)
        self.letters_upper = letters is not None
        self.letters = letters or 0
        self.tokens = len(line.split(None, 4))  # 5 words or more: past 3 either way (see add)

    def add(self, joiner: str, line: str) -> None:
        if self.parts:
            self.parts.append(joiner)
        self.parts.append(line)
        self.length += len(joiner) + len(line)
        # Each fact below only ever flips one way, so a settled one is not recomputed.
        if not self.cased:
            self.cased = line.isupper()
        if not self.non_upper:
            self.non_upper = _has_lower_case(line)
        if self.letters_upper:  # once a lower-case letter is seen, the letter count is moot
            letters = _upper_letters(line)
            if letters is None:
                self.letters_upper = False
            else:
                self.letters += letters
        if self.tokens <= 3:  # only "tokens <= 3" is ever asked, and tokens never decrease
            words = len(line.split(None, 4))  # 5 words or more: past 3 either way
            self.tokens += words - (1 if joiner == "" and self.tokens and words else 0)

    @property
    def first(self) -> str:
        return self.parts[0]

    @property
    def last(self) -> str:
        return self.parts[-1]

    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts[:] = ["".join(self.parts)]  # keep it joined: text() is called rarely
        return self.parts[0]

    def isupper(self) -> bool:
        return self.cased and not self.non_upper

    def heading_case(self) -> bool:
        if self.letters < 6 or not self.letters_upper:
            return False
        return _is_heading_case(self.text())  # an upper-case paragraph: a short heading


def _should_join(prev: _Para, nxt: str, wrapped: bool, blank_separated: bool, width: int = 0) -> bool:
    last = prev.last
    if nxt.startswith("|") or prev.first.startswith("|") or last.endswith("|"):
        return False
    if prev.tokens <= 3 and NUMBER_LABEL_ALONE.match(prev.text()):
        return True
    if prev.tokens == 1 and ENUMERATOR_ALONE.match(prev.text()):
        return True
    if _starts_lower(nxt) and not _letter_enumerator(nxt):
        return not _ends_sentence(last) or wrapped
    if not wrapped:
        return False
    if STRUCTURAL_START.match(nxt):
        # (a one-line numbered heading that stops well short of the margin is not wrapped:
        # "1. Nhóm giải pháp về tuyên truyền" then "- Tuyên truyền ...")
        one_line_heading = (len(prev.parts) == 1 and len(last) < SHORT_LINE_SHARE * width
                            and STRUCTURAL_START.match(last) is not None)
        return not (_ends_sentence(last) or last.endswith(_WEAK_TERMINAL_CHARS) or prev.length < 45
                    or prev.isupper() or one_line_heading)
    if _ends_sentence(last) and not blank_separated:
        return False
    if prev.heading_case() != _is_heading_case(nxt):
        return False
    return True


def _continues_across_blank(prev: _Para, nxt: str) -> bool:
    last = prev.last
    if prev.tokens == 1 and ENUMERATOR_ALONE.match(prev.text()):
        return not nxt.startswith("|")
    return (_starts_lower(nxt) and not _letter_enumerator(nxt)
            and not _ends_sentence(last) and not last.endswith(_WEAK_TERMINAL_CHARS)
            and not last.endswith("|") and not nxt.startswith("|"))


def join_wrapped_lines(lines: list[str | None]) -> list[str]:
    """Join soft line breaks so that each paragraph is one line; blank lines and debris go.

    Linear in the number of lines: the open paragraph keeps its pieces and running facts
    (_Para), so a paragraph of thousands of wrapped lines is never rebuilt or rescanned.
    """
    plain = [line for line in lines if line]
    long_lines = _long_line_lengths(plain)  # (sorted once for both)
    wrapped = looks_hard_wrapped(plain, long_lines)
    width = wrap_width(plain, long_lines) if wrapped else 0
    blank_count = lines.count("")
    blank_separated = blank_count >= 0.2 * max(1, len(plain))
    out: list[_Para] = []
    boundary = "hard"  # "hard": table furniture or the start; "blank": a blank line; None: none
    for line in lines:
        if line is None:
            continue
        if is_table_debris(line):
            boundary = "hard"
            continue
        if not line:
            boundary = boundary or "blank"
            continue
        if out and boundary == "blank" and _continues_across_blank(out[-1], line):
            out[-1].add(" ", line)
        elif out and not boundary and _should_join(out[-1], line, wrapped, blank_separated, width):
            last = out[-1].last
            joiner = "" if last.endswith("-") and _starts_lower(line) and not last.endswith(" -") else " "
            out[-1].add(joiner, line)
        else:
            out.append(_Para(line))
        boundary = None
    return [p.text() for p in out]


# A paragraph longer than this (characters) is no paragraph of a real document (the corpus's
# longest is under 2,000): it is a page of text that lost its line breaks, and a line that long
# makes each later stage's work per mention grow with it. It is broken after a sentence end, else
# at a space, before this length.
MAX_LINE_CHARS = 10_000
_BREAK_REACH = 2_000  # a sentence end is looked for in the last this many characters of a piece
# A sentence end that a long line is broken after: the mark, its closing quotes, one space.
LONG_LINE_BREAK = re.compile(r"[.;!?][\"”')]*\ ", re.REVERSE)


def break_overlong_lines(text: str) -> str:
    """Break each line longer than MAX_LINE_CHARS into lines of at most that length, in time
    linear in the line (each piece is cut once, its break looked for near its end only)."""
    if len(text) <= MAX_LINE_CHARS or max(map(len, text.split("\n"))) <= MAX_LINE_CHARS:
        return text
    out = []
    for line in text.split("\n"):
        start = 0
        while len(line) - start > MAX_LINE_CHARS:
            limit = start + MAX_LINE_CHARS
            end = LONG_LINE_BREAK.search(line, limit - _BREAK_REACH, limit + 1)  # its space may be the limit
            if end is not None:
                out.append(line[start:end.end() - 1])
                start = end.end()
                continue
            space = line.rfind(" ", limit - _BREAK_REACH, limit + 1)
            if space > start:
                out.append(line[start:space])
                start = space + 1
            else:  # no space at all (one letter repeated): cut where the limit falls
                out.append(line[start:limit])
                start = limit
        out.append(line[start:])
    return "\n".join(out)


def normalise(text: str) -> str:
    """The whole repair, in order. Idempotent: normalise(normalise(t)) == normalise(t)."""
    text = strip_bom_and_newlines(text)
    text = unicodedata.normalize("NFC", text)
    text = fix_spaces(text)
    lines = drop_page_artifacts(text.split("\n"))
    lines = join_wrapped_lines(lines)
    text = "\n".join(lines)
    text = drop_footnote_markers(text)
    text = new_tone_placement(text)
    if "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    text = break_overlong_lines(text)
    return unicodedata.normalize("NFC", text)


_last_folded: tuple[str | None, str | None] = (None, None)  # (text, folded_offsets(text)) of the last call


def folded_offsets(text: str) -> str | None:
    """``text.lower()`` when each character lowers to one character whatever surrounds it, so that
    its slices are the lowered slices of the text, and a word that a case-insensitive pattern
    matches in the text is found in it at the same offset. Else None: when lower() changes the
    length ("İ" -> "i̇"), for a capital sigma (lowered by what follows it) and for the long s ("ſ",
    which the patterns match as "s").

    Kept for the last text asked for: the header parser and the task extractor both search the
    lowered document, and lowering it costs as much as a regex pass."""
    global _last_folded
    last = _last_folded  # (read once: another thread may replace it meanwhile)
    if last[0] is text:
        return last[1]
    folded = None
    if "Σ" not in text and "ſ" not in text:
        lowered = text.lower()
        folded = lowered if len(lowered) == len(text) else None
    _last_folded = (text, folded)
    return folded
