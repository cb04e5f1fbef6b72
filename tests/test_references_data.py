"""The vocabulary files of references: every example parses back to its entry; laws are consistent."""
from __future__ import annotations

from docextract import vocab as shared
from docextract.references import symbols, vocab


def test_issuer_examples_parse_back_to_their_code():
    for entry in shared.load("issuers.json")["codes"]:
        for example in entry.get("examples", []):
            sym = symbols.parse(example)
            assert sym is not None and sym.text == example, example
            codes = [vocab.issuer_of(c).code for c in sym.issuer_codes if vocab.issuer_of(c)]
            assert entry["code"] in codes, (example, codes)
            assert sym.scope == entry["scope"], example


def test_issuer_codes_are_unique_and_scoped():
    codes = [e["code"] for e in shared.load("issuers.json")["codes"]]
    assert len(codes) == len(set(codes))
    assert {e["scope"] for e in shared.load("issuers.json")["codes"]} == {"central", "local"}


def test_issuer_names_find_their_code():
    assert vocab.code_for_issuer_text("Chủ tịch UBND tỉnh") == "UBND"
    assert vocab.code_for_issuer_text("Thủ tướng Chính phủ") == "TTg"
    assert vocab.code_for_issuer_text("Ban Thường vụ Tỉnh ủy") == "TU"


def test_laws_file_is_consistent():
    laws = vocab.laws()
    assert laws
    for law in laws:
        assert law["type"] in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")
        assert law["name"].startswith(law["type"]) or law["type"] == "Hiến pháp"
        assert law["date"] <= law["in_force_from"]
        assert law["in_force_to"] is None or law["in_force_from"] < law["in_force_to"]
        if law["symbol"]:
            sym = symbols.parse(law["symbol"])
            assert sym and sym.text == law["symbol"] and sym.year == int(law["date"][:4]), law
        else:
            assert law["key"].startswith("Hiến pháp năm")
    keys = [vocab.law_key(law) for law in laws]
    assert len(keys) == len(set(keys))


def test_doc_types_cited_by_name_values():
    values = {t.get("cited_by_name") for t in shared.doc_types()}
    assert values <= {None, "yes", "if_title"}
