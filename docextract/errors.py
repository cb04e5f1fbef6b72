"""Errors that name the file they concern."""
from __future__ import annotations


class DocextractError(Exception):
    """A document could not be read or processed. ``str()`` names the file and the reason."""

    def __init__(self, path, reason: str):
        self.path = str(path) if path is not None else "<text>"
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class UnreadableInput(DocextractError):
    """The bytes are not a document we can read (empty, binary, corrupt, scanned, encrypted)."""


class TextTooLong(DocextractError):
    """The document's text is longer than can be extracted within the memory allowed (the stages
    hold the whole text and what is found in it: memory grows with its length)."""

    def __init__(self, path, characters: int, limit: int, reason: str | None = None):
        self.characters = characters
        self.limit = limit
        super().__init__(path, reason or (f"text too long to extract as one document ({characters:,} characters; "
                                          f"at most {limit:,} here): split the document into parts"))
