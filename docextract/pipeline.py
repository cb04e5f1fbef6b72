"""The pipeline: read -> normalise -> structure -> extract -> resolve -> record.

Each stage is a module with one job; this one only composes them.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from . import normalise
from .model import DocumentRecord, Source
from .errors import TextTooLong, UnreadableInput
from .read import RawText, read_bytes, read_path

SUFFIXES = {".txt", ".docx", ".doc", ".pdf", ".html", ".htm", ".md"}
from .structure import header as header_parser
from .structure import layout, sections as section_parser


def _as_raw(source, name: str | None) -> RawText:
    """Accept a path, raw bytes, or the text itself."""
    if isinstance(source, RawText):
        return source
    if isinstance(source, bytes):
        return read_bytes(source, name, Path(name).suffix.lower() if name else "")
    if isinstance(source, Path) or (isinstance(source, str) and _looks_like_path(source)):
        return read_path(source)  # a missing file is an error, never read as the text itself
    text = str(source)
    return RawText(text, "txt", hashlib.sha256(text.encode("utf-8")).hexdigest(), "utf-8", name)


def _looks_like_path(text: str) -> bool:
    if "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text).exists() or Path(text).suffix.lower() in SUFFIXES
    except (OSError, ValueError):  # a long sentence is not a file name
        return False


def extract(source, *, name: str | None = None, max_characters: int | None = None) -> DocumentRecord:
    """Extract the SPEC record from a path, bytes or text.

    ``max_characters``: a longer text is refused (TextTooLong) as soon as it is read, rather than
    found too big for the memory at hand after minutes of work.

    >>> rec = extract("Số: 06/CT-UBND\\nCHỈ THỊ\\nVề việc ...")  # doctest: +SKIP
    """
    raw = _as_raw(source, name)
    if max_characters is not None and len(raw.text) > max_characters:
        raise TextTooLong(raw.path or name, len(raw.text), max_characters)
    text = normalise.normalise(raw.text)
    if not text.strip():
        raise UnreadableInput(raw.path or name, "no text in the document")
    paragraphs = layout.split_paragraphs(text)
    info = header_parser.parse_header(text, paragraphs)
    # a page that no body issued (Q&A, news, encyclopedia) or a letter that only answers has no
    # section tree of its own (what it quotes is another document's)
    sections = section_parser.parse_sections(text, paragraphs) if info.instructs else []
    record = DocumentRecord(
        source=Source(path=raw.path or name, format=raw.format, sha256=raw.sha256, encoding=raw.encoding),
        text=text,
        document=info,
        paragraphs=paragraphs,
        sections=sections,
        warnings=list(raw.warnings),
    )
    _extract_references(record)
    _extract_tasks(record)
    _resolve_identities(record)
    return record


def _extract_references(record: DocumentRecord) -> None:
    from .references import extract_references  # find + resolve + type relations

    record.references = extract_references(record)


def _extract_tasks(record: DocumentRecord) -> None:
    from .tasks import extract_tasks  # agencies, tasks, deadlines, targets

    record.tasks, record.targets = extract_tasks(record)


def _resolve_identities(record: DocumentRecord) -> None:
    from .identity import resolve_identities  # stable task keys, canonical agency names

    resolve_identities(record)
