"""Decoding plain-text bytes: BOMs, UTF-8, UTF-16, Windows-1258 and the legacy Vietnamese
encodings (TCVN3, VNI, VIQR); binary data refused.

The encoding is settled per document before any other repair (see ``legacy``): in TCVN3 the
letter ``ư`` is the soft-hyphen byte, so nothing may strip soft hyphens or control bytes first.
"""
from __future__ import annotations

import codecs
import unicodedata

from ..errors import UnreadableInput
from .legacy import decode_legacy_bytes, detect_unicode_text

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# C0 bytes that TCVN3 (VN1) uses for the capitals Ú Ụ Ừ Ử Ữ Ứ Ự Ỳ Ỷ Ỹ Ý Ỵ: letters, not binary.
_TCVN3_C0 = {0x01, 0x02, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17}
# Control bytes that mark binary data: C0 except tab/newlines, form feed, escape and TCVN3's letters.
_BINARY_CONTROL = bytes(b for b in range(32) if (b < 9 or 13 < b) and b not in (12, 27) and b not in _TCVN3_C0)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the zero bytes fall on one parity (text of mostly ASCII)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.2 and even < 0.02:
        return "utf-16-le"
    if even > 0.2 and odd < 0.02:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    control = len(sample) - len(sample.translate(None, _BINARY_CONTROL))  # C speed: count by deleting
    return control > len(sample) * 0.05


def _strict_decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise UnreadableInput(name, f"not valid {encoding.upper()} text despite its byte-order mark") from None


def decode_text(data: bytes, name: str, detect_legacy: bool = True) -> tuple[str, str]:
    """Decode ``data``; return (NFC text, encoding name). Raise UnreadableInput for binary data.

    The encoding name is the byte encoding (``utf-8``, ``utf-16``, ``cp1258``, ``tcvn3``, ``vni``),
    with ``+tcvn3``/``+vni``/``+viqr`` appended when legacy text was found inside Unicode text.
    ``detect_legacy=False`` leaves that last check to the caller (HTML: after the markup is gone).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict_decode(data, encoding, name)
            return _finish(text, encoding.replace("-sig", ""), not detect_legacy)
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _finish(data.decode(utf16), "utf-16", not detect_legacy)
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise UnreadableInput(name, "binary data, not a text document")
    try:
        return _finish(data.decode("utf-8"), "utf-8", not detect_legacy)
    except UnicodeDecodeError:
        pass
    text, encoding = decode_legacy_bytes(data)
    return _finish(text, encoding, legacy_checked=True)


def _finish(text: str, encoding: str, legacy_checked: bool = False) -> tuple[str, str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    if not legacy_checked:
        text, legacy = detect_unicode_text(text)
        if legacy:
            encoding = f"{encoding}+{legacy}"
    return nfc(text), encoding


# Characters normalised at a time by nfc() (then on to the next line feed): small enough that
# the pieces without a decomposed letter, nearly all, pass the quick check (7 s for a 100 MB text
# normalised whole or by the megabyte, 0.7 s so).
NFC_PIECE = 4096


def nfc(text: str) -> str:
    """``unicodedata.normalize("NFC", text)``, a few thousand characters (whole lines) at a time.

    The same text: a line feed is a starter that composes with nothing, so a text normalises
    line by line as it does whole. Whole, a long text cost a working copy of four bytes per
    character (300 MB for a 100 MB file) and seconds even where it was NFC already; in pieces,
    each piece that is NFC already passes the quick check."""
    if len(text) <= NFC_PIECE:
        return unicodedata.normalize("NFC", text)
    pieces = []
    start, length = 0, len(text)
    while start < length:
        end = text.find("\n", start + NFC_PIECE)
        end = length if end < 0 else end + 1
        pieces.append(unicodedata.normalize("NFC", text[start:end]))
        start = end
    return "".join(pieces)


def repair_text(text: str) -> tuple[str, str | None]:
    """Legacy-encoding repair for text that a reader already decoded (docx, pdf, html)."""
    return detect_unicode_text(text)
