"""Validity of a document at a date, from what the graph and the catalogue of laws say about it:

- an ``amends`` / ``replaces`` / ``repeals`` edge into the node: the citing document acted on it,
  on the citing document's date (unknown when the citing document gives none);
- the catalogue (``docextract/data/laws.json``): a law's next version replaced it on the day that
  one took effect (``in_force_to``).

A replacement or repeal dated on or before ``at`` makes the document no longer in force; an
amendment leaves it in force, amended.
"""
from __future__ import annotations

from typing import Optional

from ..references import vocab
from .lookup import today

ACTS = ("amends", "replaces", "repeals")


def _catalogue_entry(key: str) -> Optional[dict]:
    return next((law for law in vocab.laws() if vocab.law_key(law) == key), None)


def events_for(store, key: str, node_id: Optional[int], at: Optional[str]) -> dict:
    """``{"key", "at", "in_force", "state", "events"}``; each event: relation, by, by_title, date, source."""
    at = at or today()
    events: list[dict] = []
    if node_id is not None:
        marks = ",".join("?" * len(ACTS))
        rows = store.conn.execute(
            f"SELECT e.relation, s.key AS by_key, s.type, s.title, s.name, s.date, d.path FROM edges e "
            f"JOIN nodes s ON s.id = e.src JOIN documents d ON d.id = e.doc_id "
            f"WHERE e.dst = ? AND e.relation IN ({marks})", (node_id, *ACTS)).fetchall()
        seen = set()
        for r in rows:
            if (r["relation"], r["by_key"]) in seen:
                continue
            seen.add((r["relation"], r["by_key"]))
            events.append({"relation": r["relation"], "by": r["by_key"], "by_title": r["title"] or r["name"],
                           "date": r["date"], "source": "graph", "path": r["path"]})
    law = _catalogue_entry(key)
    if law and law.get("in_force_to"):
        later = [v for v in vocab.law_versions(law["name"]) if v["in_force_from"] >= law["in_force_to"]]
        successor = later[0] if later else None
        events.append({"relation": "replaces", "by": vocab.law_key(successor) if successor else None,
                       "by_title": successor["name"] if successor else None, "date": law["in_force_to"],
                       "source": "catalogue"})
    events.sort(key=lambda e: (e["date"] or "9999", e["relation"]))
    ended = [e for e in events if e["relation"] in ("replaces", "repeals") and e["date"] and e["date"] <= at]
    not_yet = law is not None and law.get("in_force_from") and at < law["in_force_from"]
    if ended:
        state = "repealed" if ended[0]["relation"] == "repeals" else "replaced"
    elif not_yet:
        state = "not yet in force"
    elif any(e["relation"] == "amends" and (e["date"] is None or e["date"] <= at) for e in events):
        state = "in force, amended"
    else:
        state = "in force" if (law or events or node_id is not None) else "unknown"
    return {"key": key, "at": at, "in_force": not ended and not not_yet, "state": state, "events": events,
            "in_force_from": law.get("in_force_from") if law else None}


def status(store, query: str, at: Optional[str] = None) -> list[dict]:
    out = []
    for key in store.lookup(query, at)["keys"]:
        row = store.conn.execute("SELECT id FROM nodes WHERE key = ?", (key,)).fetchone()
        out.append(events_for(store, key, row[0] if row else None, at))
    return out
