import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"


@pytest.fixture(scope="session")
def corpora() -> Path:
    return CORPORA


def run_python(code: str, **env: str) -> str:
    """The standard output of ``code`` run by this Python in a fresh process at the repository root
    (``env``: variables added to the environment); fails the test if the process fails."""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ, **env),
                            capture_output=True, text=True, check=True)
    return result.stdout


def bundled_documents() -> list[Path]:
    """Every text document shipped in corpora/ (seeds and raw)."""
    return sorted((CORPORA / "seeds").glob("*.txt")) + sorted((CORPORA / "raw").glob("*.txt"))


def make_record(text: str, *, doc_type=None, number=None, province=None, issued_date=None, title=None,
                issuer=None, zones: dict[int, str] | None = None):
    """A DocumentRecord whose paragraphs are the lines of ``text`` (zones by line index)."""
    from docextract.model import DocumentInfo, DocumentRecord, Paragraph, Source

    paragraphs, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        paragraphs.append(Paragraph(span=(pos, pos + len(line)), text=line, zone=(zones or {}).get(i, "body")))
        pos += len(line) + 1
    info = DocumentInfo(type=doc_type, number=number, issuer=issuer, issued_date=issued_date, title=title,
                        province=province)
    return DocumentRecord(source=Source(path="t.txt", format="txt", sha256="0" * 64), text=text, document=info,
                          paragraphs=paragraphs)
