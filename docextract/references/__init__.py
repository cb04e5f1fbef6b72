"""References: find -> resolve -> type relations (SPEC §3).

>>> from docextract import extract
>>> rec = extract("corpora/seeds/ct-hai-duong-cchc-2018.txt")      # doctest: +SKIP
>>> [(r.symbol or r.name, r.relation, r.target) for r in rec.references][:1]  # doctest: +SKIP
[('Kế hoạch cải cách hành chính giai đoạn 2016-2020', 'implements', None)]

Modules: ``symbols`` (number/symbol patterns and repair), ``find`` (numbered citations with date,
issuer, title), ``names`` (laws, Party resolutions and plans cited by name; the document itself),
``resolve`` (graph keys, completion, laws in force, relations), ``relations`` (relation cues).
"""
from .extract import extract_references, find_mentions, document_context

__all__ = ["extract_references", "find_mentions", "document_context"]
