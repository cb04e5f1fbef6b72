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
