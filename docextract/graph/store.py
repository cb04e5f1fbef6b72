"""The citation graph in an embedded SQLite file (no server to start).

Schema (one file, WAL journal so readers never block and never see half an update):

- ``nodes``: one per document key (``61/2018/NĐ-CP``, ``13/2016/QĐ-UBND@tỉnh Hải Dương``,
  ``83/2015/QH13``, a name for an unnumbered document). Type, symbol, date, issuer and title are
  gathered from every mention across the corpus (the first value seen wins; a document's own
  header overrides what mentions said about it). ``nodes_fts`` indexes key, symbol, title, name.
- ``documents``: one per indexed file: path, sha256 of its bytes (unchanged files are skipped),
  its node, its header fields.
- ``edges``: one per (citing document, cited node, relation): a document may both be based on
  and implement another; how many mentions each. Indexed by ``(dst, relation)`` for cited-by and
  ``(src)`` for cites. A document named inside the title of another cited one ("Luật sửa đổi, bổ
  sung ... Luật X") is no edge of the citing document: the edge goes from the document whose title
  names it (the amending law amends Luật X), recorded with the citing file as its evidence.
- ``mentions``: every mention behind an edge: reference id, span into the document's normalised
  text, the mention's text and relation, the citing sentence, the section path and the pinpoint.

Re-indexing a document deletes its edges and mentions and writes the new ones in one
transaction: an interruption (exception, killed process) rolls back to the old edges.
"""
from __future__ import annotations

import json
import sqlite3
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

import regex as re

from ..model import DocumentRecord, Reference
from ..references.pinpoints import sentence_around
from ..references import relations as rel
from ..references import symbols, vocab
from ..references.resolve import document_key

SCHEMA_VERSION = 2  # 2: one edge per relation; mentions with section and pinpoint

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS nodes (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'document',   -- document | law | name
    type TEXT, symbol TEXT, name TEXT, title TEXT, issuer TEXT, date TEXT, year INTEGER
);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    node_id INTEGER NOT NULL REFERENCES nodes(id),
    type TEXT, number TEXT, issuer TEXT, issued_date TEXT, title TEXT, province TEXT,
    indexed_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS documents_node ON documents(node_id);
CREATE TABLE IF NOT EXISTS edges (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    src INTEGER NOT NULL REFERENCES nodes(id),
    dst INTEGER NOT NULL REFERENCES nodes(id),
    relation TEXT NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 1,
    UNIQUE (doc_id, src, dst, relation)
);
CREATE INDEX IF NOT EXISTS edges_dst ON edges(dst, relation);
CREATE INDEX IF NOT EXISTS edges_src ON edges(src);
CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    edge_id INTEGER NOT NULL REFERENCES edges(id) ON DELETE CASCADE,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ref_id TEXT, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, relation TEXT NOT NULL, sentence TEXT, section TEXT, pinpoint TEXT
);
CREATE INDEX IF NOT EXISTS mentions_edge ON mentions(edge_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS nodes_fts USING fts5(
    key, symbol, name, title, content='nodes', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS nodes_ai AFTER INSERT ON nodes BEGIN
    INSERT INTO nodes_fts(rowid, key, symbol, name, title) VALUES (new.id, new.key, new.symbol, new.name, new.title);
END;
CREATE TRIGGER IF NOT EXISTS nodes_ad AFTER DELETE ON nodes BEGIN
    INSERT INTO nodes_fts(nodes_fts, rowid, key, symbol, name, title) VALUES ('delete', old.id, old.key, old.symbol, old.name, old.title);
END;
CREATE TRIGGER IF NOT EXISTS nodes_au AFTER UPDATE OF key, symbol, name, title ON nodes BEGIN
    INSERT INTO nodes_fts(nodes_fts, rowid, key, symbol, name, title) VALUES ('delete', old.id, old.key, old.symbol, old.name, old.title);
    INSERT INTO nodes_fts(rowid, key, symbol, name, title) VALUES (new.id, new.key, new.symbol, new.name, new.title);
END;
"""

DEFAULT_DB = "docextract-graph.sqlite"

# Types whose unnumbered documents are national (one node across provinces) when cited by name.
NATIONAL_NAMED_TYPES = {"Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp", "Chiến lược", "Hiệp định"}


def _fold_name(name: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip()


def reference_key(ref: Reference, record: DocumentRecord) -> Optional[str]:
    """The node a reference points to: its target, else a name key (qualified by the citing
    document's province for local kinds of document: "Kế hoạch ...@tỉnh Hải Dương")."""
    if ref.target:
        return ref.target
    if ref.symbol:
        return ref.symbol
    if not ref.name:
        return None
    name = _fold_name(ref.name)
    party = ref.type == "Nghị quyết" and re.search(r"(?i)trung ương|đại hội|toàn quốc", name)
    province = record.document.province
    if province and ref.type not in NATIONAL_NAMED_TYPES and not party:
        return f"{name}@{vocab.province_kind(province)} {province}"
    return name


def record_key(record: DocumentRecord) -> str:
    """The node of the document itself: its key when it has a number, else ``doc:<file name>``."""
    key = document_key(record)
    if key:
        return key
    stem = Path(record.source.path or record.source.sha256[:12]).name
    return f"doc:{stem}"


def citing_sentence(text: str, span: tuple[int, int], limit: int = 400) -> str:
    """The sentence (between . ! ? ; or line ends) that holds ``span``, cut to ``limit`` characters."""
    return sentence_around(text, span, limit)


# A title that is no title: a question or exclamation, or the issuer's name standing where the
# title should be ("Ủy ban nhân dân thành phố Hồ Chí Minh").
NOT_A_TITLE = re.compile(r"[?!]|^(?:Ủy\s+ban|UBND|Chính\s+phủ|Thủ\s+tướng|Bộ\s+\p{Lu}|Sở\s+\p{Lu}|Hội\s+đồng|"
                         r"Quốc\s+hội|Ban\s+Chấp\s+hành|Văn\s+phòng)")
MIN_TITLE_WORDS = 3  # "quy định", "hướng dẫn": the start of a title the citing sentence cut


def is_good_title(title: Optional[str]) -> bool:
    """Whether a title read from a citation can stand as a node's title."""
    return bool(title) and len(title.split()) >= MIN_TITLE_WORDS and not NOT_A_TITLE.search(title)


def best_citing_title(refs: list[Reference]) -> Optional[str]:
    """The title of the fullest citation ("Nghị định số N ngày D của Chính phủ về ..." over a bare
    "Nghị định N về ..."), never a question or a fragment; None when no citation gives one."""
    good = [r for r in refs if is_good_title(r.title)]
    if not good:
        return None
    return max(good, key=lambda r: (bool(r.date), bool(r.issuer), len(r.title.split()) <= 60)).title


def _with_containers(record: DocumentRecord) -> list[tuple[Reference, Optional[Reference]]]:
    """Each reference with the cited document whose title it stands in, if any ("Luật Đầu tư"
    inside "Luật số 03/2022/QH15 sửa đổi, bổ sung một số điều của Luật Đầu tư công, Luật Đầu tư")."""
    out: list[tuple[Reference, Optional[Reference]]] = []
    titled: list[Reference] = []
    for ref in sorted(record.references, key=lambda r: r.span[0]):
        container = None
        for outer in reversed(titled[-4:]):
            if outer.span[1] <= ref.span[0] <= outer.span[1] + len(outer.title) + 8 and ref.text in outer.title:
                container = outer
                break
        out.append((ref, container))
        if ref.title and ref.relation != "self" and container is None:
            titled.append(ref)
    return out


def _title_before(title: str, mention: str) -> str:
    """The words of a title before a document it names: what the titled document does to it."""
    at = title.find(mention)
    return title[:at] if at >= 0 else title


@dataclass(slots=True)
class IndexResult:
    path: str
    status: str  # indexed | unchanged | failed
    key: Optional[str] = None
    edges: int = 0
    error: Optional[str] = None


class GraphStore:
    """Python API of the citation graph: ``index_record``, ``cites``, ``cited_by``, ``show``,
    ``search``, ``top``, ``path``, ``export``."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False):
        self.db_path = str(path)
        if readonly:
            uri = Path(self.db_path).resolve().as_uri() + "?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        else:
            self.conn = sqlite3.connect(self.db_path, isolation_level=None, timeout=30)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self._drop_older_schema()
            self.conn.executescript(SCHEMA)
            self.conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def _drop_older_schema(self) -> None:
        """A database of an older schema is emptied (the next index run fills it again: its
        documents are then unknown, so every file is re-extracted)."""
        has_meta = self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
        if not has_meta:
            return
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row and row[0] == str(SCHEMA_VERSION):
            return
        for table in ("nodes_fts", "mentions", "edges", "documents", "nodes", "meta"):
            self.conn.execute(f"DROP TABLE IF EXISTS {table}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------------ writing

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; ROLLBACK on any exception (readers keep the old state)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def document_sha(self, path: str) -> Optional[str]:
        row = self.conn.execute("SELECT sha256 FROM documents WHERE path = ?", (path,)).fetchone()
        return row["sha256"] if row else None

    def _node(self, key: str, *, kind: str = "document", type=None, symbol=None, name=None, title=None,
              issuer=None, date=None, year=None, override: bool = False) -> int:
        """Insert or enrich a node; returns its id. Known fields are kept unless ``override``."""
        cur = self.conn.execute(
            "INSERT INTO nodes(key, kind, type, symbol, name, title, issuer, date, year) VALUES (?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(key) DO NOTHING RETURNING id", (key, kind, type, symbol, name, title, issuer, date, year))
        row = cur.fetchone()
        if row:
            return row[0]
        row = self.conn.execute("SELECT * FROM nodes WHERE key = ?", (key,)).fetchone()
        fields = dict(type=type, symbol=symbol, name=name, title=title, issuer=issuer, date=date, year=year)
        updates = {k: v for k, v in fields.items() if v is not None and (override or row[k] is None)}
        if title and "title" not in updates and not is_good_title(row["title"]) and is_good_title(title):
            updates["title"] = title  # a real title replaces a fragment an earlier citation gave
        if updates:
            sets = ", ".join(f"{k} = ?" for k in updates)
            self.conn.execute(f"UPDATE nodes SET {sets} WHERE id = ?", (*updates.values(), row["id"]))
        return row["id"]

    def _write(self, record: DocumentRecord, path: str, sha256: str, *, _fail_after: Optional[int] = None) -> int:
        """Replace one document's rows (inside a transaction). Returns the number of edges."""
        info = record.document
        own_key = record_key(record)
        own_sym = symbols.parse(info.number) if info.number else None
        src = self._node(own_key, type=info.type, symbol=own_sym.text if own_sym else None, title=info.title,
                         issuer=info.issuer, date=info.issued_date,
                         year=(own_sym.year if own_sym and own_sym.year else (int(info.issued_date[:4]) if info.issued_date else None)),
                         override=True)
        old = self.conn.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        if old:
            self.conn.execute("DELETE FROM mentions WHERE doc_id = ?", (old["id"],))
            self.conn.execute("DELETE FROM edges WHERE doc_id = ?", (old["id"],))
            self.conn.execute(
                "UPDATE documents SET sha256=?, node_id=?, type=?, number=?, issuer=?, issued_date=?, title=?, province=?, "
                "indexed_at=datetime('now') WHERE id=?",
                (sha256, src, info.type, info.number, info.issuer, info.issued_date, info.title, info.province, old["id"]))
            doc_id = old["id"]
        else:
            doc_id = self.conn.execute(
                "INSERT INTO documents(path, sha256, node_id, type, number, issuer, issued_date, title, province) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                (path, sha256, src, info.type, info.number, info.issuer, info.issued_date, info.title, info.province)).lastrowid
        by_key: dict[str, list[Reference]] = {}  # every reference of a cited node (its fields)
        grouped: dict[tuple[str, str, str], list[Reference]] = {}  # (citing key, cited key, relation)
        for ref, container in _with_containers(record):
            if ref.relation == "self":
                continue
            key = reference_key(ref, record)
            if key is None or key == own_key:
                continue
            by_key.setdefault(key, []).append(ref)
            if container is None:
                grouped.setdefault((own_key, key, ref.relation), []).append(ref)
                if not ref.title:  # an amending law named by the laws it amends: no title holds them
                    for law in vocab.amended_laws(key):
                        amended = vocab.law_key(law)
                        by_key.setdefault(amended, []).append(Reference(
                            id=ref.id, text=ref.text, span=ref.span, type=law["type"], symbol=law["symbol"],
                            year=int(law["date"][:4]), date=law["date"], name=law["name"], target=amended))
                        grouped.setdefault((key, amended, "amends"), []).append(ref)
                continue
            outer = reference_key(container, record)  # named inside that document's title
            if outer and outer != key:
                by_key.setdefault(outer, []).append(container)
                relation = rel.relation_from_cues(_title_before(container.title, ref.text))
                grouped.setdefault((outer, key, relation), []).append(ref)
        node_ids = {own_key: src}
        for key, refs in by_key.items():
            first = refs[0]
            kind = "law" if first.type in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp") else (
                "document" if (first.symbol or first.target) else "name")
            node_ids[key] = self._node(key, kind=kind,
                                       type=next((r.type for r in refs if r.type), None),
                                       symbol=next((r.symbol for r in refs if r.symbol), None),
                                       name=next((r.name for r in refs if r.name), None),
                                       title=best_citing_title(refs),
                                       issuer=next((r.issuer for r in refs if r.issuer), None),
                                       date=next((r.date for r in refs if r.date), None),
                                       year=next((r.year for r in refs if r.year), None))
        written = 0
        for (citing, key, relation), refs in grouped.items():
            edge_id = self.conn.execute(
                "INSERT INTO edges(doc_id, src, dst, relation, mentions) VALUES (?,?,?,?,?)",
                (doc_id, node_ids[citing], node_ids[key], relation, len(refs))).lastrowid
            self.conn.executemany(
                "INSERT INTO mentions(edge_id, doc_id, ref_id, start, end, text, relation, sentence, section, pinpoint) "
                "VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(edge_id, doc_id, r.id, r.span[0], r.span[1], r.text, r.relation,
                  r.evidence or (citing_sentence(record.text, r.span) if record.text else None), r.section,
                  json.dumps(r.pinpoint, ensure_ascii=False) if r.pinpoint else None) for r in refs])
            written += 1
            if _fail_after is not None and written >= _fail_after:
                raise RuntimeError("simulated interruption")  # tests: an index run killed half-way
        return written

    def index_record(self, record: DocumentRecord, path: Optional[str] = None, sha256: Optional[str] = None,
                     **kwargs) -> int:
        """Store (or replace) one extracted document in one transaction; returns its edge count."""
        path = path or record.source.path or f"sha256:{record.source.sha256}"
        with self.transaction():
            return self._write(record, path, sha256 or record.source.sha256, **kwargs)

    def index_records(self, items: Iterable[tuple[DocumentRecord, str, str]], batch_size: int = 500) -> int:
        """Bulk load ``(record, path, sha256)`` items, ``batch_size`` documents per transaction (each
        document is still replaced as a whole). Returns the number of edges written."""
        total, batch = 0, []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                total += self._flush(batch)
                batch = []
        if batch:
            total += self._flush(batch)
        return total

    def _flush(self, batch) -> int:
        with self.transaction():
            return sum(self._write(record, path, sha) for record, path, sha in batch)

    def remove(self, path: str) -> bool:
        with self.transaction():
            cur = self.conn.execute("DELETE FROM documents WHERE path = ?", (path,))
            return cur.rowcount > 0

    # ------------------------------------------------------------------ reading

    def resolve_keys(self, query: str) -> list[str]:
        """Node keys for what a user typed: the exact key, its normal form ("61/2018/ND-CP" ->
        "61/2018/NĐ-CP"), or every qualified local key of a symbol ("249/KH-UBND" ->
        "249/KH-UBND@tỉnh Lạng Sơn", ...)."""
        query = unicodedata.normalize("NFC", query.strip())
        candidates = [query]
        base, _, qualifier = query.partition("@")
        norm = symbols.normalise(base)
        if norm != base:
            candidates.append(norm + (f"@{qualifier}" if qualifier else ""))
        found: list[str] = []
        for cand in candidates:
            if self.conn.execute("SELECT 1 FROM nodes WHERE key = ?", (cand,)).fetchone():
                found.append(cand)
        if found:
            return found
        for cand in {base, norm}:
            rows = self.conn.execute("SELECT key FROM nodes WHERE key >= ? AND key < ? ORDER BY key",
                                     (cand + "@", cand + "@\U0010ffff")).fetchall()
            found.extend(r["key"] for r in rows)
        return found

    def lookup(self, query: str, at: Optional[str] = None) -> dict:
        """What a user typed, resolved to node keys (``lookup.py``): a key, a citation, a partial
        symbol or a name (the version in force ``at``, default today; the other versions listed);
        nearest nodes as suggestions when nothing matches."""
        from .lookup import lookup

        return lookup(self, query, at)

    def _ids(self, key: str, at: Optional[str] = None) -> list[int]:
        keys = self.lookup(key, at)["keys"]
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        return [r["id"] for r in self.conn.execute(f"SELECT id FROM nodes WHERE key IN ({marks})", keys)]

    _MENTION_FIELDS = ("(SELECT m.sentence FROM mentions m WHERE m.edge_id = e.id ORDER BY m.start LIMIT 1) AS sentence, "
                       "(SELECT m.section FROM mentions m WHERE m.edge_id = e.id ORDER BY m.start LIMIT 1) AS section, "
                       "(SELECT m.pinpoint FROM mentions m WHERE m.edge_id = e.id ORDER BY m.start LIMIT 1) AS pinpoint ")

    def cited_by(self, key: str, relation: Optional[str] = None, limit: Optional[int] = None,
                 at: Optional[str] = None) -> list[dict]:
        """Documents that cite ``key`` (one row per citing document and relation): citing key, path,
        relation, mention count, first citing sentence, its section and pinpoint."""
        return self._cited_by(self._ids(key, at), relation, limit)

    def _cited_by(self, ids: list[int], relation: Optional[str] = None, limit: Optional[int] = None) -> list[dict]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        sql = (f"SELECT e.id, s.key AS citing, s.type AS citing_type, s.title AS citing_title, d.path, "
               f"e.relation, e.mentions, t.key AS cited, {self._MENTION_FIELDS}"
               f"FROM edges e JOIN nodes s ON s.id = e.src JOIN nodes t ON t.id = e.dst "
               f"JOIN documents d ON d.id = e.doc_id WHERE e.dst IN ({marks})")
        args: list = list(ids)
        if relation:
            sql += " AND e.relation = ?"
            args.append(relation)
        sql += " ORDER BY s.key, e.relation"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.conn.execute(sql, args)]

    def count_cited_by(self, key: str, relation: Optional[str] = None, at: Optional[str] = None) -> int:
        """How many rows ``cited_by`` gives without a limit."""
        ids = self._ids(key, at)
        if not ids:
            return 0
        marks = ",".join("?" * len(ids))
        sql = f"SELECT COUNT(*) FROM edges WHERE dst IN ({marks})" + (" AND relation = ?" if relation else "")
        return self.conn.execute(sql, [*ids, relation] if relation else ids).fetchone()[0]

    def cites(self, key: str, limit: Optional[int] = None, at: Optional[str] = None) -> list[dict]:
        """What the document(s) with ``key`` cite (one row per cited document and relation): cited
        key, type, title, relation, mention count, first citing sentence, section, pinpoint."""
        ids = self._ids(key, at)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        sql = (f"SELECT e.id, t.key AS cited, t.type, t.symbol, t.name, t.title, t.issuer, t.date, e.relation, "
               f"e.mentions, d.path, {self._MENTION_FIELDS}"
               f"FROM edges e JOIN nodes t ON t.id = e.dst JOIN documents d ON d.id = e.doc_id "
               f"WHERE e.src IN ({marks}) ORDER BY (SELECT MIN(m.start) FROM mentions m WHERE m.edge_id = e.id)")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.conn.execute(sql, ids)]

    def count_cites(self, key: str, at: Optional[str] = None) -> int:
        ids = self._ids(key, at)
        if not ids:
            return 0
        marks = ",".join("?" * len(ids))
        return self.conn.execute(f"SELECT COUNT(*) FROM edges WHERE src IN ({marks})", ids).fetchone()[0]

    def status(self, key: str, at: Optional[str] = None) -> list[dict]:
        """Validity of the node(s) at ``at`` (default today): what amended, replaced or repealed it and
        when, from the graph's edges and the catalogue of laws (``status.py``)."""
        from .status import status

        return status(self, key, at)

    def show(self, key: str, at: Optional[str] = None) -> list[dict]:
        """Everything known about the node(s): fields, documents indexed under it (``in_corpus``:
        whether the document itself is indexed), counts, validity status."""
        from .status import events_for

        out = []
        for k in self.lookup(key, at)["keys"]:
            row = self.conn.execute("SELECT * FROM nodes WHERE key = ?", (k,)).fetchone()
            if row is None:  # a catalogue law nobody in the corpus cites
                continue
            node = dict(row)
            nid = node["id"]
            node["documents"] = [r["path"] for r in self.conn.execute(
                "SELECT path FROM documents WHERE node_id = ? ORDER BY path", (nid,))]
            node["in_corpus"] = bool(node["documents"])
            node["status"] = events_for(self, k, nid, at)
            node["cited_by"] = self.conn.execute("SELECT COUNT(DISTINCT src) FROM edges WHERE dst = ?", (nid,)).fetchone()[0]
            node["cites"] = self.conn.execute("SELECT COUNT(*) FROM edges WHERE src = ?", (nid,)).fetchone()[0]
            node["relations"] = {r[0]: r[1] for r in self.conn.execute(
                "SELECT relation, COUNT(*) FROM edges WHERE dst = ? GROUP BY relation", (nid,))}
            node.pop("id")
            out.append(node)
        return out

    @staticmethod
    def _fts_query(text: str, any_word: bool = False) -> Optional[str]:
        words = re.findall(r"[\p{L}\p{N}]+", unicodedata.normalize("NFC", text))
        if not words:
            return None
        symbolic = bool(re.search(r"\d", text)) and bool(re.search(r"[/\-]", text))
        if symbolic:  # a partial symbol is looked for in keys and symbols only, not in titles
            return '{key symbol} : "' + " ".join(words) + '"'
        joiner = " OR " if any_word else " AND "
        return joiner.join(f'"{w}"' for w in words[:-1]) + (joiner if len(words) > 1 else "") + f'"{words[-1]}"*'

    def search(self, text: str, limit: Optional[int] = 20, *, any_word: bool = False) -> list[dict]:
        """Nodes whose key, symbol, name or title match: a partial symbol ("61/2018") as a phrase,
        words of a title as all-of (``any_word``: any of; diacritics optional), the last word as a
        prefix. ``count_search`` gives how many match in all."""
        query = self._fts_query(text, any_word)
        if query is None:
            return []
        sql = ("SELECT n.key, n.kind, n.type, n.symbol, n.name, n.title, n.issuer, n.date, "
               "(SELECT COUNT(*) FROM edges e WHERE e.dst = n.id) AS cited_by "
               "FROM nodes_fts f JOIN nodes n ON n.id = f.rowid WHERE nodes_fts MATCH ? "
               "ORDER BY f.rank" + (f" LIMIT {int(limit)}" if limit else ""))
        try:
            return [dict(r) for r in self.conn.execute(sql, (query,))]
        except sqlite3.OperationalError:
            return []

    def count_search(self, text: str) -> int:
        query = self._fts_query(text)
        if query is None:
            return 0
        try:
            return self.conn.execute("SELECT COUNT(*) FROM nodes_fts WHERE nodes_fts MATCH ?", (query,)).fetchone()[0]
        except sqlite3.OperationalError:
            return 0

    def count_top(self, relation: Optional[str] = None) -> int:
        where = "WHERE relation = ?" if relation else ""
        return self.conn.execute(f"SELECT COUNT(DISTINCT dst) FROM edges {where}", [relation] if relation else []).fetchone()[0]

    def top(self, limit: int = 20, relation: Optional[str] = None) -> list[dict]:
        """The most cited nodes (by number of citing documents)."""
        where = "WHERE e.relation = ?" if relation else ""
        args = [relation] if relation else []
        sql = (f"SELECT n.key, n.type, n.title, n.name, COUNT(DISTINCT e.src) AS cited_by, SUM(e.mentions) AS mentions "
               f"FROM edges e JOIN nodes n ON n.id = e.dst {where} GROUP BY e.dst ORDER BY cited_by DESC, mentions DESC, n.key LIMIT ?")
        return [dict(r) for r in self.conn.execute(sql, (*args, limit))]

    def path(self, a: str, b: str, max_depth: int = 8) -> list[dict]:
        """The shortest chain of citations from ``a`` to ``b`` (following cites; if there is none,
        from ``b`` to ``a``). Each step: from, to, relation. Empty when unconnected."""
        for start, goal in ((a, b), (b, a)):
            found = self._bfs(self._ids(start), set(self._ids(goal)), max_depth)
            if found:
                return found
        return []

    def _bfs(self, sources: list[int], goals: set[int], max_depth: int) -> list[dict]:
        if not sources or not goals:
            return []
        parent: dict[int, tuple[int, str] | None] = {s: None for s in sources}
        frontier = list(sources)
        for _ in range(max_depth):
            nxt = []
            for chunk_start in range(0, len(frontier), 500):
                chunk = frontier[chunk_start:chunk_start + 500]
                marks = ",".join("?" * len(chunk))
                for row in self.conn.execute(f"SELECT src, dst, relation FROM edges WHERE src IN ({marks})", chunk):
                    if row["dst"] in parent:
                        continue
                    parent[row["dst"]] = (row["src"], row["relation"])
                    if row["dst"] in goals:
                        return self._unwind(parent, row["dst"])
                    nxt.append(row["dst"])
            if not nxt:
                return []
            frontier = nxt
        return []

    def _unwind(self, parent, node: int) -> list[dict]:
        steps = []
        while parent[node] is not None:
            src, relation = parent[node]
            steps.append((src, node, relation))
            node = src
        steps.reverse()
        keys = {}
        for src, dst, _ in steps:
            for nid in (src, dst):
                if nid not in keys:
                    keys[nid] = self.conn.execute("SELECT key FROM nodes WHERE id = ?", (nid,)).fetchone()[0]
        return [{"from": keys[s], "to": keys[d], "relation": r} for s, d, r in steps]

    def stats(self) -> dict:
        q = lambda sql: self.conn.execute(sql).fetchone()[0]
        return {"documents": q("SELECT COUNT(*) FROM documents"), "nodes": q("SELECT COUNT(*) FROM nodes"),
                "edges": q("SELECT COUNT(*) FROM edges"), "mentions": q("SELECT COUNT(*) FROM mentions")}

    # ------------------------------------------------------------------ export

    def to_networkx(self):
        """A networkx MultiDiGraph-free DiGraph: nodes with their fields, edges with relation,
        mention count and the citing document's path (one edge per citing node and cited node)."""
        import networkx as nx

        graph = nx.DiGraph()
        for row in self.conn.execute("SELECT * FROM nodes"):
            attrs = {k: row[k] for k in row.keys() if k not in ("id", "key") and row[k] is not None}
            graph.add_node(row["key"], **attrs)
        for row in self.conn.execute(
                "SELECT s.key AS src, t.key AS dst, e.relation, e.mentions, d.path FROM edges e "
                "JOIN nodes s ON s.id = e.src JOIN nodes t ON t.id = e.dst JOIN documents d ON d.id = e.doc_id"):
            if graph.has_edge(row["src"], row["dst"]):  # two files of one document: add the mentions up
                data = graph.edges[row["src"], row["dst"]]
                data["mentions"] += row["mentions"]
                data["relation"] = rel.strongest([data["relation"], row["relation"]])
                continue
            graph.add_edge(row["src"], row["dst"], relation=row["relation"], mentions=row["mentions"], path=row["path"])
        return graph

    def export(self, fmt: str, out) -> None:
        """Write the graph as ``graphml`` (Gephi, yEd), ``json`` (node-link) or ``csv`` (edge list)
        to ``out`` (a path or a text stream; GraphML needs a path or a binary stream)."""
        if fmt == "graphml":
            import networkx as nx

            nx.write_graphml(self.to_networkx(), out)
        elif fmt == "json":
            from networkx.readwrite import json_graph

            data = json_graph.node_link_data(self.to_networkx(), edges="edges")
            text = json.dumps(data, ensure_ascii=False, indent=1)
            if hasattr(out, "write"):
                out.write(text)
            else:
                Path(out).write_text(text, encoding="utf-8")
        elif fmt == "csv":
            import csv

            handle = out if hasattr(out, "write") else open(out, "w", encoding="utf-8", newline="")
            try:
                writer = csv.writer(handle)
                writer.writerow(["citing", "cited", "relation", "mentions", "cited_type", "cited_title", "path"])
                for row in self.conn.execute(
                        "SELECT s.key, t.key, e.relation, e.mentions, t.type, t.title, d.path FROM edges e "
                        "JOIN nodes s ON s.id = e.src JOIN nodes t ON t.id = e.dst JOIN documents d ON d.id = e.doc_id "
                        "ORDER BY s.key, t.key"):
                    writer.writerow(list(row))
            finally:
                if handle is not out:
                    handle.close()
        else:
            raise ValueError(f"unknown export format {fmt!r} (graphml, json, csv)")
