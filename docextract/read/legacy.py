"""Legacy Vietnamese encodings: TCVN3 (ABC), VNI, VIQR, Windows-1258 -> Unicode NFC.

No maintained Python library covers these (viparse is a young, beta document loader without
VIQR; the standard library has cp1258 only), so the conversion is table-driven from
``docextract/data/encodings/*.tsv`` and each table can be run backwards (``encode_*``) to make
test samples.

Detection is by content: every candidate decoding is scored by the share of its words that are
well-formed Vietnamese syllables (:func:`vietnamese_score`), and a legacy decoding is chosen only
when it is clearly better than the text as it stands. Legacy text is mojibake when read as
Latin-1 (``Céng hßa``, ``Coäng hoøa``): those words are not syllables, the converted ones are.

This runs before any other repair: in TCVN3 the letter ``ư`` is byte 0xAD, the soft hyphen.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path

from ..prebuild import built_once

# ------------------------------------------------------------------ tables

_TABLES = Path(__file__).resolve().parent.parent / "data" / "encodings"


def _table_lines(name: str):
    text = (_TABLES / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=None)
def _tcvn3_bytes() -> dict[int, str]:
    """TCVN3 byte -> letter."""
    return {int(byte, 16): letter for byte, letter in _table_lines("tcvn3.tsv")}


@lru_cache(maxsize=None)
def _tcvn3_surface() -> dict[str, str]:
    """TCVN3 letter as it surfaces in Unicode text (the byte read as Latin-1 or cp1252) -> letter."""
    # Only the Latin-1 reading: .VnTime text uses the VN3 bytes 0xA1-0xFE, and cp1252's reading of
    # 0x80-0x9F is real punctuation (“ ” … –) in Unicode text, never a TCVN3 capital.
    return {chr(byte): letter for byte, letter in _tcvn3_bytes().items()}


@lru_cache(maxsize=None)
def _tcvn3_encode() -> dict[str, str]:
    return {letter: chr(byte) for byte, letter in _tcvn3_bytes().items()}


@lru_cache(maxsize=None)
def _vni_pairs() -> list[tuple[str, str]]:
    return [(letter, seq) for letter, seq in _table_lines("vni.tsv")]


# VNI sequences that some writers use besides the canonical one (i/y with a mark byte).
_VNI_ALTERNATES = {"iø": "ì", "iù": "í", "IØ": "Ì", "IÙ": "Í", "yï": "ỵ", "YÏ": "Ỵ"}


@lru_cache(maxsize=None)
def _vni_decode_map() -> dict[str, str]:
    table = {seq: letter for letter, seq in _vni_pairs()}
    for seq, letter in list(table.items()):
        # a mark byte whose case does not match its base letter (``Uû``): the base decides
        if len(seq) == 2:
            for variant in (seq[0] + seq[1].lower(), seq[0] + seq[1].upper()):
                table.setdefault(variant, letter)
    for seq, letter in _VNI_ALTERNATES.items():
        table.setdefault(seq, letter)
    return table


@built_once
def _vni_regex() -> re.Pattern:
    keys = sorted(_vni_decode_map(), key=len, reverse=True)  # longest first: ``oá`` before ``ó``
    return re.compile("|".join(re.escape(k) for k in keys))


# ------------------------------------------------------------------ TCVN3


def decode_tcvn3_bytes(data: bytes) -> str:
    """Decode TCVN3 bytes (text files from the ABC era)."""
    table = _tcvn3_bytes()
    return "".join(table.get(b) or chr(b) for b in data)


def decode_tcvn3(text: str) -> str:
    """Convert TCVN3 text that was read as Latin-1/cp1252 (``Céng hßa``) to Unicode."""
    table = _tcvn3_surface()
    return "".join(table.get(ch, ch) for ch in text)


def encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 surface characters (the converter run backwards, for test samples)."""
    table = _tcvn3_encode()
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def encode_tcvn3_bytes(text: str) -> bytes:
    """Unicode -> TCVN3 bytes. Characters TCVN3 cannot hold raise UnicodeEncodeError."""
    surface = encode_tcvn3(text)
    return surface.encode("latin-1")


# ------------------------------------------------------------------ VNI


def decode_vni(text: str) -> str:
    """Convert VNI text read as cp1252 (``Coäng hoøa``) to Unicode."""
    table = _vni_decode_map()
    return _vni_regex().sub(lambda m: table[m.group(0)], text)


def encode_vni(text: str) -> str:
    table = {letter: seq for letter, seq in _vni_pairs()}
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def encode_vni_bytes(text: str) -> bytes:
    return encode_vni(text).encode("cp1252")


# ------------------------------------------------------------------ VIQR (RFC 1456)

_VIQR_MOD = {"(": "\u0306", "^": "\u0302", "+": "\u031b"}
_VIQR_TONE = {"`": "\u0300", "'": "\u0301", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_VIQR_MOD_OK = {"a(", "a^", "e^", "o^", "o+", "u+"}  # which base letters take which modifier
# A vowel, an optional modifier, an optional tone; or the escape ``\x``; or dd / DD / Dd.
_VIQR_RE = re.compile(r"\\(.)|(dd|DD|Dd)|([aeiouyAEIOUY])([(^+]?)([`'?~.]?)")
# '?' and '.' end sentences too. RFC 1456 wants such punctuation escaped (``\?``), but real
# text rarely does it: after a lower-case vowel, at the end of a line or before a capital,
# they are taken as punctuation.
_VIQR_TONE_IS_PUNCT = re.compile(r"(?:(?<![ \t])[ \t]*$|(?<!\s)\s+[A-ZĐ\"“(\[])", re.M)
_VIQR_MARKS = re.compile(r"[aeiouyAEIOUY](?:[(^+][`'?~.]?|[`~]|['?.](?=[a-zA-Z]))")


def decode_viqr(text: str) -> str:
    def repl(m: re.Match) -> str:
        if m.group(1) is not None:
            return m.group(1)
        if m.group(2):
            return "đ" if m.group(2) == "dd" else "Đ"
        base, mod, tone = m.group(3), m.group(4), m.group(5)
        out = base
        rest = ""
        if mod:
            if (base.lower() + mod) in _VIQR_MOD_OK:
                out += _VIQR_MOD[mod]
            else:
                rest += mod
        if tone:
            if tone in "?." and base.islower() and _VIQR_TONE_IS_PUNCT.match(text, m.end()):
                rest += tone
            else:
                out += _VIQR_TONE[tone]
        return unicodedata.normalize("NFC", out) + rest

    return _VIQR_RE.sub(repl, text)


def encode_viqr(text: str) -> str:
    """Unicode -> VIQR, escaping punctuation that would read as a mark (test samples)."""
    inverse_mod = {v: k for k, v in _VIQR_MOD.items()}
    inverse_tone = {v: k for k, v in _VIQR_TONE.items()}
    out = []
    prev_vowel = False
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            out.append("dd" if ch == "đ" else "DD")
            prev_vowel = False
            continue
        if ch in "dD" and out and out[-1][-1:] in "dD":
            out.append("\\" + ch)
            prev_vowel = False
            continue
        if ch == "\\" or (prev_vowel and ch in "(^+`'?~."):
            out.append("\\" + ch)
            prev_vowel = False
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0]
        if base in "aeiouyAEIOUY":
            marks = decomposed[1:]
            s = base + "".join(inverse_mod[c] for c in marks if c in inverse_mod)
            s += "".join(inverse_tone[c] for c in marks if c in inverse_tone)
            out.append(s)
            prev_vowel = True
        else:
            out.append(ch)
            prev_vowel = False
    return "".join(out)


# ------------------------------------------------------------------ scoring

_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_NUCLEUS = (
    "uyê|uya|uyu|iêu|yêu|oai|oay|oeo|uây|uôi|ươi|ươu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|ưa|ưi|ươ|ưu|uy|yê|"
    "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_CODA = "ch|ng|nh|c|m|n|p|t"
# A toneless, lower-case Vietnamese syllable (the orthography, permissively).
SYLLABLE_RE = re.compile(rf"^(?:{_ONSET})?(?:{_NUCLEUS})(?:{_CODA})?$")
_TONE_MARKS = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_WORD_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1 << 16)  # a document repeats a few thousand syllables
def is_syllable(word: str) -> bool:
    """Whether ``word`` is a well-formed Vietnamese syllable (case-insensitive)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    kept = "".join(c for c in decomposed if c not in _TONE_MARKS)
    if any(unicodedata.combining(c) and c not in _LETTER_MARKS for c in kept):
        return False
    return bool(SYLLABLE_RE.match(unicodedata.normalize("NFC", kept)))


@lru_cache(maxsize=1 << 16)
def _has_vn_marks(word: str) -> bool:
    return any(c in _TONE_MARKS or c in _LETTER_MARKS for c in unicodedata.normalize("NFD", word)) or \
        "đ" in word.lower()


@dataclass(slots=True)
class Score:
    words: int
    valid: int
    marked: int  # valid syllables that carry Vietnamese marks
    invalid_marked: int  # non-ASCII words that are not syllables (mojibake)

    @property
    def value(self) -> float:
        if not self.words:
            return 0.0
        return (self.valid + self.marked - 2 * self.invalid_marked) / self.words


def vietnamese_score(text: str, limit: int = 200_000) -> Score:
    words = valid = marked = bad = 0
    for m in _WORD_RE.finditer(text[:limit]):
        word = m.group(0)
        words += 1
        ok = is_syllable(word)
        if ok:
            valid += 1
            if _has_vn_marks(word):
                marked += 1
        elif not word.isascii():
            bad += 1
    return Score(words, valid, marked, bad)


# ------------------------------------------------------------------ detection

MARGIN = 0.15  # a legacy reading must beat the text as it stands by this much (score units)
# Vietnamese letters outside Latin-1 (ă ơ ư đ ạ ...): legacy text read as Latin-1 never has them.
_UNICODE_VIETNAMESE = re.compile(r"[\u0102-\u01b0\u1ea0-\u1ef9]")
# Signs of legacy text: Latin-1 characters that are no Vietnamese letter (TCVN3 ® § © µ ¸ ...,
# the VNI mark bytes ø ä û ï ö ñ ...), and UTF-8 read as cp1252 (Ã©, á», Æ°).
_GIVEAWAY_LATIN1 = (r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df"
                    r"\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]")
_GIVEAWAYS = re.compile(_GIVEAWAY_LATIN1 + r"|\u00c3[\u0080-\u00bf\u2018-\u203a\u20ac\u0152-\u0192]|\u00e1\u00bb|\u00e1\u00ba")
_GIVEAWAY_LATIN1_CHAR = re.compile(_GIVEAWAY_LATIN1)  # the first branch alone scans twice as fast


def _count_giveaways(sample: str) -> int:
    """len(_GIVEAWAYS.findall(sample)), skipping the scan when none of its branches can start."""
    if not (_GIVEAWAY_LATIN1_CHAR.search(sample) or "\u00c3" in sample
            or "\u00e1\u00bb" in sample or "\u00e1\u00ba" in sample):
        return 0
    return len(_GIVEAWAYS.findall(sample))


# The Latin-1 bytes that are neither a giveaway nor "Ã": deleted from the sample's Latin-1 bytes,
# they leave the characters _count_giveaways_at_most counts.
_NOT_GIVEAWAY_BYTES = bytes(b for b in range(256) if b != 0xC3 and not _GIVEAWAY_LATIN1_CHAR.match(chr(b)))
_NON_ASCII_BYTES = bytes(range(0x80, 0x100))


def _latin1_part(sample: str) -> bytes:
    """The sample's characters that Latin-1 encodes, as bytes (the others dropped): the quick
    tests below read them, at the cost of one C-speed pass over the text."""
    return sample.encode("latin-1", "ignore")


def _count_giveaways_at_most(sample: str, latin1: bytes | None = None) -> int:
    """At least _count_giveaways(sample), by a faster scan: each match of _GIVEAWAYS holds a
    Latin-1 giveaway ("»" of "á»", "º" of "áº") or an "Ã", and no two matches share one, so
    their number is at most the number of those characters. ``latin1``: _latin1_part(sample)."""
    if latin1 is None:
        latin1 = _latin1_part(sample)
    return len(latin1.translate(None, _NOT_GIVEAWAY_BYTES))


def _unicode_throughout(sample: str, giveaways: int) -> bool:
    """Unicode Vietnamese letters outweigh ``giveaways`` signs of legacy text."""
    enough = giveaways * 20 + 1
    return len(list(islice(_UNICODE_VIETNAMESE.finditer(sample), enough))) == enough
_LEGACY_SURFACE = re.compile(r"[\u00a1-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


def detect_unicode_text(text: str) -> tuple[str, str | None]:
    """Repair legacy encodings inside already-decoded text.

    Returns (text, legacy encoding name or None). Handles TCVN3 and VNI text read as
    Latin-1/cp1252 (e.g. copied from .VnTime documents), VIQR, and UTF-8 read as cp1252.
    """
    if not text:
        return text, None
    sample = text[:200_000]
    latin1 = _latin1_part(sample)
    if _looks_viqr(sample, latin1):
        converted = decode_viqr(text)
        if vietnamese_score(converted[:200_000]).value > vietnamese_score(sample).value + MARGIN:
            return converted, "viqr"
    if not _LEGACY_SURFACE.search(sample):
        return text, None
    # Unicode Vietnamese throughout (fast path: no trial conversions). Most texts pass with the
    # quick upper bound of the giveaways; the exact count decides the others.
    if _unicode_throughout(sample, _count_giveaways_at_most(sample, latin1)) \
            or _unicode_throughout(sample, _count_giveaways(sample)):
        return text, None
    base = vietnamese_score(sample).value
    best_name, best_value, best_text = None, base + MARGIN, None
    for name, fn in (("tcvn3", decode_tcvn3), ("vni", decode_vni), ("utf-8-as-cp1252", _undo_cp1252_mojibake)):
        candidate = fn(sample)
        if candidate is None:
            continue
        value = vietnamese_score(candidate).value
        if value > best_value:
            best_name, best_value = name, value
    if best_name is None:
        return text, None
    fn = {"tcvn3": decode_tcvn3, "vni": decode_vni, "utf-8-as-cp1252": _undo_cp1252_mojibake}[best_name]
    if best_name == "utf-8-as-cp1252":
        best_text = fn(text)
        return (text, None) if best_text is None else (unicodedata.normalize("NFC", best_text), best_name)
    lines = [_convert_line(line, fn) for line in text.split("\n")]
    return unicodedata.normalize("NFC", "\n".join(lines)), best_name




def _convert_line(line: str, fn) -> str:
    """Convert one line of a document judged legacy, unless the line is Unicode already (a
    document may mix converted and unconverted paragraphs)."""
    converted = fn(line)
    if converted == line:
        return line
    before, after = vietnamese_score(line).value, vietnamese_score(converted).value
    if after < before or (after == before and _UNICODE_VIETNAMESE.search(line)):
        return line
    return converted


def _undo_cp1252_mojibake(text: str) -> str | None:
    """``Cá»™ng hÃ²a`` (UTF-8 bytes read as cp1252) -> ``Cộng hòa``; None when it does not apply."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in cp1252, kept as C1
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        return None


_LETTER = re.compile(r"[^\W\d_]")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")


def _looks_viqr(sample: str, latin1: bytes) -> bool:
    """``latin1``: _latin1_part(sample) (its ASCII bytes are the sample's ASCII characters)."""
    most_non_ascii = 0.01 * len(sample)  # VIQR is 7-bit ASCII
    if len(sample) - len(latin1) > most_non_ascii:  # (the characters outside Latin-1 alone)
        return False
    if len(sample) - len(latin1.translate(None, _NON_ASCII_BYTES)) > most_non_ascii:
        return False
    letters = len(_LETTER.findall(sample))
    if not letters:
        return False
    non_ascii = len(_NON_ASCII_LETTER.findall(sample))
    if non_ascii > letters * 0.01:
        return False
    marks = len(_VIQR_MARKS.findall(sample))
    words = len(_WORD_RE.findall(sample))
    return marks >= 5 and marks >= 0.05 * words


def decode_legacy_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: pick Windows-1258, TCVN3 or VNI by content.

    Returns (NFC text, encoding name). cp1252 (plain Western text) is the fallback.
    """
    candidates: list[tuple[str, str]] = []
    try:
        candidates.append(("cp1258", unicodedata.normalize("NFC", data.decode("cp1258"))))
    except UnicodeDecodeError:
        pass
    candidates.append(("tcvn3", decode_tcvn3_bytes(data)))
    try:
        cp1252 = data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252 = data.decode("latin-1")
    candidates.append(("vni", decode_vni(cp1252)))
    scored = [(vietnamese_score(text).value, -i, name, text) for i, (name, text) in enumerate(candidates)]
    scored.sort(reverse=True)
    value, _, name, text = scored[0]
    plain = vietnamese_score(cp1252).value
    if value <= plain:
        return cp1252, "cp1252"
    return unicodedata.normalize("NFC", text), name


# ------------------------------------------------------------------ fonts

# Font names that announce a legacy encoding (docx runs, PDF fonts, HTML face attributes).
# PDF subset fonts carry a tag first: ``ABCDEF+.VnTime``.
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def encoding_for_font(font: str | None) -> str | None:
    if not font:
        return None
    name = _SUBSET_TAG.sub("", font.strip().strip("'\"")).upper()
    if name.startswith(".VN") or name.startswith("VN") and not name.startswith("VNI"):
        if name.startswith(".VN") or name.startswith("VNTIME") or name.startswith("VNARIAL"):
            return "tcvn3-upper" if _is_upper_font(name) else "tcvn3"
    if name.startswith("VNI-") or name.startswith("VNI "):
        return "vni"
    return None


def _is_upper_font(name: str) -> bool:
    """``.VnTimeH``, ``.VnArialH``: a capitals font drawing the lower-case TCVN3 bytes as capitals."""
    core = name.split(",")[0].replace(" ", "")
    for suffix in ("BOLD", "ITALIC", "BOLDITALIC", "-BOLD", "-ITALIC", "-BOLDITALIC"):
        if core.endswith(suffix):
            core = core[: -len(suffix)]
    return core.endswith("H")


def convert_font_run(text: str, encoding: str | None, check: bool = False) -> str:
    """Convert one run of text set in a legacy font.

    With ``check``, the run is converted only when that makes it read better as Vietnamese:
    a run whose font is .VnTime may hold Unicode text already (a document converted to Unicode
    that kept its old font names), and converting it again would break it.
    """
    if encoding not in ("tcvn3", "tcvn3-upper", "vni") or not text:
        return text
    converted = decode_vni(text) if encoding == "vni" else decode_tcvn3(text)
    if check and converted != text and vietnamese_score(converted).value <= vietnamese_score(text).value:
        return text
    return converted.upper() if encoding == "tcvn3-upper" else converted
