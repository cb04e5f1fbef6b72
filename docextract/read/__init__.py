"""Readers: bytes of a file -> text plus its format. The first stage of the pipeline.

``read_path`` picks the reader by content (magic bytes), not only by extension:

- txt: ``text`` (UTF-8/16/32, Windows-1258, TCVN3, VNI, VIQR; see ``legacy``);
- docx (and .docm/.dotx, .odt through LibreOffice): ``docx``, Word numbering rebuilt;
- pdf: ``pdf`` (pdfplumber); doc and rtf: ``doc`` (LibreOffice, else antiword);
- html, htm, mht: ``html``.

Every reader returns plain text, one paragraph per line, in reading order; tables that hold
data are one row per line with cells joined by " | "; footnotes follow the body as "[n] text".
Legacy encodings are settled here, before the normaliser runs. Anything unreadable (empty,
image, scan, encrypted, damaged, zip bomb, junk) raises one UnreadableInput naming the file.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
import stat
from pathlib import Path

from ..errors import UnreadableInput
from .text import decode_text, repair_text

MAX_BYTES = 200 * 1024 * 1024  # a larger file is refused rather than exhausting memory


@dataclass(slots=True)
class RawText:
    text: str
    format: str
    sha256: str
    encoding: str | None = None
    path: str | None = None
    warnings: list[str] = field(default_factory=list)  # what was damaged but read anyway, in plain words


# Magic bytes of formats that hold no text we can read: named in the error message.
_IMAGE_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"), (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"BM", None),  # BMP only with a plausible header, see _image_kind
]
_OTHER_MAGIC = [
    (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program (ELF executable)"), (b"MZ", None),
]


def _image_kind(data: bytes) -> str | None:
    for magic, label in _IMAGE_MAGIC:
        if data.startswith(magic):
            if magic == b"BM":
                if len(data) > 26 and int.from_bytes(data[2:6], "little") in (len(data), 0) and data[14] in (12, 40, 56, 108, 124):
                    return "a BMP image"
                continue
            return label
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    return None


def is_mhtml(data: bytes) -> bool:
    """A MHTML web archive (.mht): MIME headers, then the page as a multipart/related part.

    Here rather than in ``html`` so that sniffing a plain-text file never imports the HTML reader.
    """
    head = data[:4096].lower()
    return (head.startswith(b"from:") or head.startswith(b"mime-version:") or b"\nmime-version:" in head[:600]) \
        and b"multipart/related" in head


def sniff_format(data: bytes, suffix: str = "") -> str:
    """Name the format of ``data`` from its first bytes, falling back to the extension.

    One of txt, docx (any zip: the docx reader names odt/xlsx/... itself), pdf, doc (any OLE2
    container), rtf, html (also MHTML web archives), image, binary.
    """
    head = data[:8]
    if data[:1024].lstrip(b"\x00\t\r\n ").startswith(b"%PDF") or head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if _image_kind(data):
        return "image"
    for magic, label in _OTHER_MAGIC:
        if head.startswith(magic) and label:
            return "binary"
    if is_mhtml(data):
        return "html"
    lowered = _text_head(data)
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<meta", b"<body")) or \
            (lowered.startswith((b"<?xml", b"<!--")) and b"<html" in lowered) or suffix in (".html", ".htm", ".xhtml", ".mht", ".mhtml"):
        return "html"
    return "txt"


def _text_head(data: bytes) -> bytes:
    """The first bytes as lower-case ASCII, also for UTF-16 text (zero bytes dropped)."""
    head = data[:4096]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom):]
            break
    if head[:200].count(b"\x00") > 50:
        head = head.replace(b"\x00", b"")
    return head.lstrip().lower()


def read_bytes(data: bytes, path: str | None = None, suffix: str = "") -> RawText:
    """Read one document's bytes. Raises UnreadableInput (naming ``path``) for anything unreadable."""
    name = path or "<bytes>"
    if not data:
        raise UnreadableInput(name, "empty file (0 bytes)")
    if len(data) > MAX_BYTES:
        raise UnreadableInput(name, f"file too large ({len(data)} bytes; limit {MAX_BYTES})")
    fmt = sniff_format(data, suffix)
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "image":
        raise UnreadableInput(name, f"{_image_kind(data)}, not a text document (a scan needs OCR)")
    if fmt == "binary":
        label = next((lab for magic, lab in _OTHER_MAGIC if data.startswith(magic) and lab), "binary data")
        raise UnreadableInput(name, f"{label}, not a document")
    if fmt == "txt":
        text, encoding = decode_text(data, name)
        return RawText(text, "txt", sha, encoding, path)
    reader = _binary_reader(fmt)
    if reader is None:
        raise UnreadableInput(name, f"{fmt} files are not supported (a library is missing)")
    try:
        text = reader(data, name)  # the text, or (text, warnings)
    except UnreadableInput:
        raise
    except MemoryError:
        raise UnreadableInput(name, f"{fmt} file too large to read in memory") from None
    except RecursionError:
        raise UnreadableInput(name, f"{fmt} file nested too deeply to read") from None
    except Exception as exc:  # noqa: BLE001 - a reader bug or a file no library expected: one clear error
        raise UnreadableInput(name, f"unreadable {fmt} file ({type(exc).__name__}: {exc})") from None
    text, warnings = text if isinstance(text, tuple) else (text, [])
    text, legacy = repair_text(text)
    return RawText(text, fmt, sha, legacy, path, list(warnings))


def _binary_reader(fmt: str):
    """The reader function for a non-text format, imported lazily (heavy libraries)."""
    try:
        if fmt == "docx":
            from .docx import read_docx
            return read_docx
        if fmt == "pdf":
            from .pdf import read_pdf
            return read_pdf
        if fmt == "html":
            from .html import read_html
            return read_html
        if fmt == "doc":
            from .doc import read_doc
            return read_doc
        if fmt == "rtf":
            from .doc import read_rtf
            return read_rtf
    except ImportError:
        return None
    return None


def read_path(path) -> RawText:
    """Read a document file. What is not a regular file (a FIFO with no writer, a device such as
    /dev/zero, a socket) is refused before any read, and so is a file over MAX_BYTES by its size:
    neither can hang the caller or fill its memory. The read itself stops past MAX_BYTES too (a
    file that grows while it is read)."""
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableInput(path, "not a regular file (a pipe, device or socket): save the document to a file first")
        if info.st_size > MAX_BYTES:
            raise UnreadableInput(path, f"file too large ({info.st_size} bytes; limit {MAX_BYTES}): split the document")
        with path.open("rb") as handle:
            # as much as stat says plus one byte: reading MAX_BYTES + 1 at once would reserve the
            # whole limit for a small file; a file that grew meanwhile is read on, to the limit
            data = handle.read(min(info.st_size, MAX_BYTES) + 1)
            if len(data) > info.st_size:
                data += handle.read(MAX_BYTES + 1 - len(data))
    except FileNotFoundError:
        raise UnreadableInput(path, "no such file") from None
    except IsADirectoryError:
        raise UnreadableInput(path, "is a directory") from None
    except OSError as exc:
        raise UnreadableInput(path, f"cannot read ({exc.strerror or exc})") from None
    return read_bytes(data, str(path), path.suffix.lower())
