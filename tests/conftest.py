from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"


@pytest.fixture(scope="session")
def corpora() -> Path:
    return CORPORA


def bundled_documents() -> list[Path]:
    """Every text document shipped in corpora/ (seeds and raw)."""
    return sorted((CORPORA / "seeds").glob("*.txt")) + sorted((CORPORA / "raw").glob("*.txt"))
