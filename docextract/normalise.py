"""Repair the text of a document before any parsing.

Every later span points into the text this module returns, so it runs once, first, and each
repair is a small function tested on its own. The result has one paragraph per line, no blank
lines, single spaces, Unicode NFC and the new tone placement (hòa, ủy).
"""
from __future__ import annotations

import unicodedata

import regex as re

# ------------------------------------------------------------------ characters

# Spaces that are not U+0020 in Word/web text: NBSP, narrow NBSP, figure space, ideographic ...
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v]")
# Invisible characters: zero-width space/joiners, word joiner, BOM, soft hyphen.
# (Legacy TCVN3 text uses U+00AD for "ư"; the reader converts such text before we get here.)
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
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
OLD_TONE_SYLLABLE = re.compile(r"(?<![qQ])(" + "|".join(_OLD_TONES) + r")(?!\p{L})")

# Footnote markers inside a paragraph: superscript digits, or "[12]" glued to the word before it
# ("được giao[1]. Chính phủ"). A "[12]" at the start of a line is the footnote itself and stays.
SUPERSCRIPT_MARK = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+")
BRACKET_FOOTNOTE_MARK = re.compile(r"(?<=[\p{L}\p{N}\)\.,;:\"”'])\[\d{1,3}\]")

# ------------------------------------------------------------------ lines

# A line that is only table furniture: "|", "| |", "|---|---|", a rule of dashes/underscores.
TABLE_DEBRIS_LINE = re.compile(r"^[ |:+\-_=–—*~.]*$")
# A running page number next to a page break: "2", "- 2 -", "Trang 2", "2/15".
PAGE_NUMBER_LINE = re.compile(r"^(?:trang\s*)?[-–]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–]?$", re.IGNORECASE)

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
# Sentence-final punctuation at the end of a line (also "./." that closes a document).
NUMBER_LABEL_ALONE = re.compile(r"^(?:\p{L}+\s+)?[Ss]ố\s*:?$")
# A horizontal rule inside a line ("THỦ TƯỚNG CHÍNH PHỦ -------", "_______ Độc lập"): furniture.
INLINE_RULE = re.compile(r"[_=]{4,}|(?:^|(?<=\s)|(?<=\p{L}))[-–—]{4,}(?=\s|$|\p{L})")
TERMINAL_END = re.compile(r"(?:[.!?:]|\./\.)[\"”')]*$")
WEAK_TERMINAL_END = re.compile(r"[;,]$")
STARTS_LOWER = re.compile(r"^[\p{Ll}]")
LETTER_ENUMERATOR = re.compile(r"^[a-zđ]\s*\)")


def strip_bom_and_newlines(text: str) -> str:
    """BOM removed; CRLF and lone CR become LF; page breaks (form feed) kept for later."""
    return text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")


def fix_spaces(text: str) -> str:
    """Odd spaces become plain spaces, invisible characters go, runs of spaces shrink to one."""
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = INLINE_RULE.sub(" ", text)
    text = _MULTI_SPACE.sub(" ", text)
    return "\n".join(line.strip(" ") for line in text.split("\n"))  # not str.strip(): keep \f


def new_tone_placement(text: str) -> str:
    """hoà -> hòa, uỷ -> ủy, khoẻ -> khỏe (open syllables only; hoàn and quý are untouched)."""
    return OLD_TONE_SYLLABLE.sub(lambda m: _OLD_TONES[m.group(1)], text)


def drop_footnote_markers(text: str) -> str:
    """Remove superscript and glued "[n]" footnote markers from the middle of paragraphs."""
    text = SUPERSCRIPT_MARK.sub("", text)
    return BRACKET_FOOTNOTE_MARK.sub("", text)


def drop_page_artifacts(lines: list[str]) -> list[str]:
    """Remove page breaks and the running page numbers next to them.

    A form feed becomes a "soft" boundary (None) that the line joiner treats as a possible wrap.
    """
    out: list[str | None] = []
    for line in lines:
        if "\f" in line:
            before, _, after = line.partition("\f")
            while out and (out[-1] == "" or (out[-1] and PAGE_NUMBER_LINE.match(out[-1]))):
                out.pop()
            if before.strip():
                out.append(before)
            out.append(None)  # page break
            rest = after.split("\f")
            for piece in rest:
                if piece.strip() and not PAGE_NUMBER_LINE.match(piece.strip()):
                    out.append(piece)
            continue
        if out and out[-1] is None and (not line or PAGE_NUMBER_LINE.match(line)):
            continue  # blank or page number right after a page break
        out.append(line)
    return out


def is_table_debris(line: str) -> bool:
    return bool(line) and bool(TABLE_DEBRIS_LINE.match(line)) and not line.strip(".") == ""


def looks_hard_wrapped(lines: list[str]) -> bool:
    """True when the text was captured with hard line breaks every ~60-100 characters.

    In such text a single newline inside a block is a soft wrap. Documents written one
    paragraph per line have many lines far longer than that.
    """
    long_lines = sorted(len(line) for line in lines if line and len(line) >= 40)
    if len(long_lines) < 5:
        return False
    p90 = long_lines[int(len(long_lines) * 0.9) - 1]
    return p90 <= 110


def _is_heading_case(line: str) -> bool:
    """An upper-case line of some length ("THÔNG BÁO"), not a lone abbreviation ("UBND")."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and " " in line.strip() and all(c.isupper() for c in letters)


class _Para:
    """The paragraph being built: pieces and what the join tests need to know about them."""

    __slots__ = ("parts", "length", "cased", "non_upper", "letters", "letters_upper", "tokens")

    def __init__(self, line: str):
        self.parts: list[str] = []
        self.length = self.letters = self.tokens = 0
        self.cased = self.non_upper = False
        self.letters_upper = True
        self.add("", line)

    def add(self, joiner: str, line: str) -> None:
        if self.parts:
            self.parts.append(joiner)
        self.parts.append(line)
        self.length += len(joiner) + len(line)
        self.cased = self.cased or line.isupper()
        self.non_upper = self.non_upper or not (line + "A").isupper()
        letters = [c for c in line if c.isalpha()]
        self.letters += len(letters)
        self.letters_upper = self.letters_upper and all(c.isupper() for c in letters)
        words = len(line.split())
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


def _should_join(prev: _Para, nxt: str, wrapped: bool, blank_separated: bool) -> bool:
    last = prev.last
    if nxt.startswith("|") or prev.first.startswith("|") or last.endswith("|"):
        return False
    if prev.tokens <= 3 and NUMBER_LABEL_ALONE.match(prev.text()):
        return True
    structural = bool(STRUCTURAL_START.match(nxt))
    if STARTS_LOWER.match(nxt) and not LETTER_ENUMERATOR.match(nxt):
        return not TERMINAL_END.search(last) or wrapped
    if not wrapped:
        return False
    if structural:
        return not (TERMINAL_END.search(last) or WEAK_TERMINAL_END.search(last) or prev.length < 45
                    or prev.isupper())
    if TERMINAL_END.search(last) and not blank_separated:
        return False
    if prev.heading_case() != _is_heading_case(nxt):
        return False
    return True


def _continues_across_blank(prev: _Para, nxt: str) -> bool:
    last = prev.last
    return (bool(STARTS_LOWER.match(nxt)) and not LETTER_ENUMERATOR.match(nxt)
            and not TERMINAL_END.search(last) and not WEAK_TERMINAL_END.search(last)
            and not last.endswith("|") and not nxt.startswith("|"))


def join_wrapped_lines(lines: list[str | None]) -> list[str]:
    """Join soft line breaks so that each paragraph is one line; blank lines and debris go.

    Linear in the number of lines: the open paragraph keeps its pieces and running facts
    (_Para), so a paragraph of thousands of wrapped lines is never rebuilt or rescanned.
    """
    plain = [line for line in lines if line]
    wrapped = looks_hard_wrapped(plain)
    blank_count = sum(1 for line in lines if line == "")
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
        elif out and not boundary and _should_join(out[-1], line, wrapped, blank_separated):
            last = out[-1].last
            joiner = "" if last.endswith("-") and STARTS_LOWER.match(line) and not last.endswith(" -") else " "
            out[-1].add(joiner, line)
        else:
            out.append(_Para(line))
        boundary = None
    return [p.text() for p in out]


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
    text = _MULTI_SPACE.sub(" ", text)
    return unicodedata.normalize("NFC", text)
