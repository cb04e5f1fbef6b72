"""Readers: bytes of a file -> text plus its format. The first stage of the pipeline.

``read_path`` picks the reader by content (magic bytes), not only by extension.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import UnreadableInput
from .text import decode_text

MAX_BYTES = 200 * 1024 * 1024  # a larger file is refused rather than exhausting memory


@dataclass(slots=True)
class RawText:
    text: str
    format: str
    sha256: str
    encoding: str | None = None
    path: str | None = None


def sniff_format(data: bytes, suffix: str = "") -> str:
    """Name the format of ``data`` from its first bytes, falling back to the extension."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    lowered = data[:2048].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or suffix in (".html", ".htm"):
        return "html"
    return "txt"


def read_bytes(data: bytes, path: str | None = None, suffix: str = "") -> RawText:
    name = path or "<bytes>"
    if not data:
        raise UnreadableInput(name, "empty file (0 bytes)")
    if len(data) > MAX_BYTES:
        raise UnreadableInput(name, f"file too large ({len(data)} bytes; limit {MAX_BYTES})")
    fmt = sniff_format(data, suffix)
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "txt":
        text, encoding = decode_text(data, name)
        return RawText(text, "txt", sha, encoding, path)
    reader = _binary_reader(fmt)
    if reader is None:
        raise UnreadableInput(name, f"{fmt} files are not supported yet")
    text = reader(data, name)
    return RawText(text, fmt, sha, None, path)


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
    except ImportError:
        return None
    return None


def read_path(path) -> RawText:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput(path, "no such file") from None
    except IsADirectoryError:
        raise UnreadableInput(path, "is a directory") from None
    except OSError as exc:
        raise UnreadableInput(path, f"cannot read ({exc.strerror or exc})") from None
    return read_bytes(data, str(path), path.suffix.lower())
