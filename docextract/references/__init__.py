"""References: find -> resolve -> type relations (SPEC §3)."""
from __future__ import annotations

from ..model import DocumentRecord, Reference


def extract_references(record: DocumentRecord) -> list[Reference]:
    return []
