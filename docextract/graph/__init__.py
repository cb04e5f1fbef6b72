"""The citation graph across a corpus: every reference of every indexed document is an edge.

>>> from docextract.graph import GraphStore, index_paths
>>> results = index_paths(["corpora/seeds"], db="graph.sqlite")          # doctest: +SKIP
>>> with GraphStore("graph.sqlite") as graph:                            # doctest: +SKIP
...     for row in graph.cited_by("61/2018/NĐ-CP"):
...         print(row["citing"], row["relation"], row["sentence"])

``GraphStore`` (``store.py``) holds the SQLite schema and the queries (cites, cited_by, show, search,
top, path, export); ``index_paths`` extracts files and stores them, skipping files whose bytes
did not change since they were indexed by the same docextract code.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, Iterable, Optional

from .store import DEFAULT_DB, GraphStore, IndexResult, citing_sentence, record_key, reference_key

__all__ = ["GraphStore", "IndexResult", "index_paths", "DEFAULT_DB", "record_key", "reference_key", "citing_sentence"]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _code_version() -> str:
    try:
        from ..batch import code_version

        return code_version()
    except Exception:  # pragma: no cover - a tree without batch.py
        from .. import __version__

        return __version__


def index_paths(paths: Iterable[str], db: str | Path = DEFAULT_DB, *, force: bool = False,
                progress: Optional[Callable[[IndexResult], None]] = None) -> list[IndexResult]:
    """Extract and store every supported file under ``paths`` (files or folders).

    A file is skipped when its sha256 is the one stored and the store was filled by the same
    docextract code; ``force`` re-indexes everything. A file that cannot be read is reported as
    failed and the run goes on. Each file is replaced in one transaction.
    """
    from ..cli import expand_inputs
    from ..pipeline import extract

    results: list[IndexResult] = []
    with GraphStore(db) as store:
        version = _code_version()
        row = store.conn.execute("SELECT value FROM meta WHERE key = 'code_version'").fetchone()
        stale = force or row is None or row[0] != version
        for raw in expand_inputs(list(paths)):
            path = Path(raw)
            key = str(path.resolve())
            try:
                sha = _sha256(path)
                if not stale and store.document_sha(key) == sha:
                    result = IndexResult(key, "unchanged")
                else:
                    record = extract(path)
                    edges = store.index_record(record, key, sha)
                    result = IndexResult(key, "indexed", record_key(record), edges)
            except Exception as exc:  # one bad file never stops the run
                result = IndexResult(key, "failed", error=f"{type(exc).__name__}: {exc}")
            results.append(result)
            if progress:
                progress(result)
        with store.transaction():
            store.conn.execute("INSERT OR REPLACE INTO meta VALUES ('code_version', ?)", (version,))
    return results
