"""What a user typed, resolved to graph node keys, tried in this order:

1. a key as stored ("61/2018/NĐ-CP", "249/KH-UBND@tỉnh Lạng Sơn"), its normal form
   ("61/2018/ND-CP"), or every qualified key of a local symbol ("249/KH-UBND");
2. a citation text: the first symbol in it ("Nghị định 61/2018/NĐ-CP ngày 23/4/2018"), also when
   only the catalogue of laws knows it;
3. a partial symbol, number and year ("61/2018", "Nghị định 61/2018"): every key it starts;
4. a name ("Luật Đầu tư", "luat dau tu 2020", "Luật Hôn nhân và gia đình 2014"): the catalogue's
   version passed that year, else the one in force at ``at`` (default today), the others listed;
   else the nodes of that exact name (diacritics and case aside).

Nothing found: the nearest nodes (any of the words, or keys with the same number) as suggestions.
"""
from __future__ import annotations

import datetime
import unicodedata
from typing import Optional

import regex as re

from ..references import symbols, vocab

# "61/2018", "Nghị định số 61/2018", "61/2018/": a number and a year without the code.
PARTIAL_SYMBOL = re.compile(r"(?:(?P<head>\p{L}[\p{L} ]*?)\s+)?(?:s[ốo]\s+)?(?P<num>\d{1,5}(?:\.\d{1,2})?[a-zđ]?)"
                            r"\s*/\s*(?P<year>(?:19|20)\d{2})/?")
# A year at the end of a name: "Luật Đầu tư 2020", "Luật Đầu tư năm 2020".
# (the separator run is entered once, after a character that is none of it: no rescans on spaces)
NAME_YEAR = re.compile(r"(?<![\s,])[\s,]+(?:năm\s+|nam\s+)?(?P<year>(?:19|20)\d{2})\s*$")
SUGGESTIONS = 5


def today() -> str:
    return datetime.date.today().isoformat()


def _existing(store, keys: list[str]) -> list[str]:
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    found = {r[0] for r in store.conn.execute(f"SELECT key FROM nodes WHERE key IN ({marks})", keys)}
    return [k for k in keys if k in found]


def _cited_by_count(store, key: str) -> int:
    return store.conn.execute("SELECT COUNT(DISTINCT e.src) FROM edges e JOIN nodes n ON n.id = e.dst "
                              "WHERE n.key = ?", (key,)).fetchone()[0]


def _by_prefix(store, prefix: str, doc_type: Optional[str]) -> list[str]:
    rows = store.conn.execute("SELECT key, type FROM nodes WHERE key >= ? AND key < ? ORDER BY key",
                              (prefix, prefix + "\U0010ffff")).fetchall()
    return [r[0] for r in rows if not doc_type or r[1] in (None, doc_type)]


def _versions(name: str, at: str, year: Optional[int]) -> tuple[Optional[dict], list[dict]]:
    """(the version meant, every version) of a catalogue law named ``name``."""
    versions = vocab.law_versions(name)
    if not versions:
        return None, []
    chosen = None
    if year:
        chosen = next((v for v in versions if v["date"][:4] == str(year)), None) or \
            next((v for v in versions if v["in_force_from"][:4] == str(year)), None)
    return chosen or vocab.law_in_force(name, at), versions


def _nodes_named(store, name: str) -> list[str]:
    """Nodes whose name (or key) is ``name``, diacritics and case aside (FTS finds the candidates)."""
    folded = vocab.strip_marks(" ".join(name.split()))
    words = re.findall(r"[\p{L}\p{N}]+", name)
    if not words:
        return []
    query = "{key name} : " + " AND ".join(f'"{w}"' for w in words)
    try:
        rows = store.conn.execute("SELECT n.key, n.name FROM nodes_fts f JOIN nodes n ON n.id = f.rowid "
                                  "WHERE nodes_fts MATCH ? LIMIT 200", (query,)).fetchall()
    except Exception:  # an FTS syntax the words still break: no name match
        return []
    out = []
    for key, node_name in rows:
        for candidate in (node_name, key.split("@")[0]):
            if candidate and vocab.strip_marks(" ".join(candidate.split())) == folded:
                out.append(key)
                break
    return out


def _suggest(store, query: str) -> list[dict]:
    """Nearest nodes: for a symbol, keys with the same number; else nodes sharing words, most cited first."""
    out: list[dict] = []
    number = re.match(r"\s*(?:\p{L}[\p{L} ]*\s+)?(?:số\s+)?(\d{1,5}[a-zđ]?)(?=[/\-])", query)
    if number:
        rows = store.conn.execute("SELECT key FROM nodes WHERE key >= ? AND key < ? LIMIT ?",
                                  (number.group(1) + "/", number.group(1) + "/\U0010ffff", SUGGESTIONS)).fetchall()
        out += [{"key": r[0], "cited_by": _cited_by_count(store, r[0])} for r in rows]
    if len(out) < SUGGESTIONS:
        words = " ".join(w for w in re.findall(r"\p{L}{2,}", query))
        if words:
            rows = store.search(words, limit=50, any_word=True)  # best ranked (bm25) first
            seen = {s["key"] for s in out}
            out += [{"key": r["key"], "cited_by": r["cited_by"]} for r in rows if r["key"] not in seen]
    return out[:SUGGESTIONS]


def lookup(store, query: str, at: Optional[str] = None) -> dict:
    """``{"query", "keys", "matched_by", "at", "versions", "suggestions"}`` (see the module doc)."""
    query = unicodedata.normalize("NFC", " ".join(query.split()))
    at = at or today()
    result = {"query": query, "keys": [], "matched_by": None, "at": at, "versions": [], "suggestions": []}
    if not query:
        return result
    keys = store.resolve_keys(query)
    if keys:
        result.update(keys=keys, matched_by="key")
        return result
    for _, sym in symbols.find_symbols(query):
        keys = store.resolve_keys(sym.text)
        if keys:
            result.update(keys=keys, matched_by="citation")
            return result
        if any(law["symbol"] == sym.text for law in vocab.laws()):  # a law nobody indexed cites
            result.update(keys=[sym.text], matched_by="catalogue")
            return result
        break
    partial = PARTIAL_SYMBOL.search(query)
    if partial:
        head = partial.group("head")
        doc_type = vocab.type_by_folded_name().get(" ".join(head.split()).casefold()) if head else None
        keys = _by_prefix(store, f"{partial.group('num')}/{partial.group('year')}/", doc_type)
        if keys:
            result.update(keys=keys, matched_by="partial")
            return result
    year_match = NAME_YEAR.search(query)
    name = query[:year_match.start()] if year_match else query
    year = int(year_match.group("year")) if year_match else None
    chosen, versions = _versions(name, at, year)
    if chosen:
        key = vocab.law_key(chosen)
        result["versions"] = [dict(v, key=vocab.law_key(v), cited_by=_cited_by_count(store, vocab.law_key(v)),
                                   chosen=v is chosen) for v in versions]
        version_keys = {vocab.law_key(v) for v in versions}  # the other versions are listed, not looked up
        result.update(keys=[key] + [k for k in _nodes_named(store, name) if k not in version_keys], matched_by="name")
        return result
    keys = _nodes_named(store, query) or (_nodes_named(store, name) if year else [])
    if keys:
        result.update(keys=keys, matched_by="name")
        return result
    result["suggestions"] = _suggest(store, query)
    return result
