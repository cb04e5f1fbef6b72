"""Graph lookups by key, citation text, partial symbol and name; counts; validity status; node titles
(issue 17). The graph is built from real documents of corpora/ through the real pipeline."""
from __future__ import annotations


import pytest

from docextract import extract
from docextract.graph import GraphStore
from docextract.graph.store import best_citing_title, is_good_title
from docextract.model import Reference

FILES = ["corpora/raw/ct-010-ubnd-dak-lak-2025.txt",      # cites Luật Đầu tư by name
         "corpora/raw/qd-2820-ubnd-tphcm-2025.txt",       # Căn cứ Luật Đầu tư công số 58/2024/QH15
         "corpora/seeds/kh-249-ubnd-lang-son-2021.txt",   # 61/2018/NĐ-CP and 107/2021/NĐ-CP amending it
         "corpora/seeds/ct-hai-duong-cchc-2018.txt"]      # 61/2018/NĐ-CP


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / "g.sqlite"
    with GraphStore(path) as store:
        store.index_records((extract(f), f, f) for f in FILES)
    return path


@pytest.fixture()
def graph(db):
    store = GraphStore(db)
    yield store
    store.close()


def test_a_law_name_resolves_to_the_version_in_force_and_lists_the_others(graph):
    found = graph.lookup("Luật Đầu tư", at="2025-06-01")
    assert found["matched_by"] == "name" and found["keys"][0] == "61/2020/QH14"
    assert [(v["key"], v["chosen"]) for v in found["versions"]] == [("67/2014/QH13", False), ("61/2020/QH14", True)]
    assert graph.lookup("Luật Đầu tư", at="2016-01-01")["keys"][0] == "67/2014/QH13"
    assert graph.lookup("luat dau tu")["keys"][0] == "61/2020/QH14"  # without diacritics
    assert "010/CT-UBND@tỉnh Đắk Lắk" in {r["citing"] for r in graph.cited_by("Luật Đầu tư")}


def test_a_name_with_its_year_picks_the_version_passed_that_year(graph):
    assert graph.lookup("Luật Đầu tư công 2019")["keys"][0] == "39/2019/QH14"
    found = graph.lookup("Luật Hôn nhân và gia đình 2014")  # in the catalogue, cited by none of these files
    assert found["keys"] == ["52/2014/QH13"] and [v["key"] for v in found["versions"]] == ["22/2000/QH10", "52/2014/QH13"]
    assert graph.cited_by("Luật Hôn nhân và gia đình 2014") == []


def test_a_citation_text_and_a_partial_symbol(graph):
    assert graph.lookup("Nghị định 61/2018/NĐ-CP ngày 23/4/2018")["keys"] == ["61/2018/NĐ-CP"]
    assert graph.lookup("Nghị định 61/2018/NĐ-CP")["matched_by"] == "citation"
    partial = graph.lookup("61/2018")
    assert (partial["keys"], partial["matched_by"]) == (["61/2018/NĐ-CP"], "partial")
    assert graph.lookup("Nghị định 61/2018")["keys"] == ["61/2018/NĐ-CP"]
    assert {r["citing"] for r in graph.cited_by("61/2018")} >= {"249/KH-UBND@tỉnh Lạng Sơn", "107/2021/NĐ-CP"}


def test_nothing_found_suggests_the_nearest_nodes(graph):
    found = graph.lookup("61/2099/NĐ-CP")
    assert found["keys"] == [] and "61/2018/NĐ-CP" in [s["key"] for s in found["suggestions"]]
    assert graph.lookup("Kế hoạch cải cách hành chính Lạng Sơn")["suggestions"]


def test_rows_per_relation_and_counts(graph):
    rows = graph.cited_by("61/2018/NĐ-CP", limit=None)
    assert graph.count_cited_by("61/2018/NĐ-CP") == len(rows) == 3
    assert len(graph.cited_by("61/2018/NĐ-CP", limit=1)) == 1
    assert ("107/2021/NĐ-CP", "amends") in {(r["citing"], r["relation"]) for r in rows}
    relations = {r["relation"] for r in graph.cites("2820/QĐ-UBND", limit=None) if r["cited"] == "58/2024/QH15"}
    assert relations == {"based_on"}
    assert graph.count_search("61/2018") == len(graph.search("61/2018", limit=None))


def test_status_from_the_graph_and_from_the_catalogue(graph):
    (decree,) = graph.status("61/2018/NĐ-CP", at="2025-01-01")
    assert decree["state"] == "in force, amended" and decree["events"][0]["by"] == "107/2021/NĐ-CP"
    (old,) = graph.status("49/2014/QH13", at="2021-01-01")
    assert (old["state"], old["in_force"]) == ("replaced", False)
    assert [(e["by"], e["date"], e["source"]) for e in old["events"]] == [("39/2019/QH14", "2020-01-01", "catalogue")]
    (then,) = graph.status("Luật Đầu tư công", at="2020-06-01")
    assert (then["key"], then["state"]) == ("39/2019/QH14", "in force")


def test_show_says_whether_the_document_is_in_the_corpus(graph):
    (plan,) = graph.show("249/KH-UBND")
    (decree,) = graph.show("61/2018/NĐ-CP")
    assert plan["in_corpus"] is True and decree["in_corpus"] is False


def test_node_titles_are_never_questions_or_issuers():
    # titles the issue found on nodes of a 13,984-page crawl
    assert not is_good_title("ban hành theo đề nghị của ai? Nghị định 168/2024/NĐ-CP")
    assert not is_good_title("Ủy ban nhân dân thành phố Hồ Chí Minh")
    assert not is_good_title("quy định")
    assert is_good_title("về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính")
    bare = Reference(id="r1", text="Nghị định 151/2025", span=(0, 1), title="quy định")
    full = Reference(id="r2", text="Nghị định số 151/2025/NĐ-CP", span=(0, 1), date="2025-06-12", issuer="Chính phủ",
                     title="quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp")
    assert best_citing_title([bare, full]) == full.title


from test_graph_cli import run  # noqa: E402  (the CLI runner of the graph's other tests)


def test_cli_says_how_many_rows_it_shows_and_resolves_names(db, capsys):
    code, out, err = run(["graph", "--db", str(db), "cited-by", "61/2018/NĐ-CP", "--limit", "1"], capsys)
    assert code == 0 and "1 of 3 rows shown" in err
    code, out, err = run(["graph", "--db", str(db), "cited-by", "Luật Đầu tư", "--at", "2025-06-01"], capsys)
    assert code == 0 and "010/CT-UBND@tỉnh Đắk Lắk" in out and "* 61/2020/QH14" in err and "67/2014/QH13" in err
    code, out, err = run(["graph", "--db", str(db), "cited-by", "61/2099/NĐ-CP"], capsys)
    assert code == 1 and "nearest nodes" in err and "61/2018/NĐ-CP" in err
    code, out, err = run(["graph", "--db", str(db), "status", "49/2014/QH13"], capsys)
    assert code == 0 and "replaced by 39/2019/QH14" in out and "2020-01-01" in out
    code, out, err = run(["graph", "--db", str(db), "show", "61/2018/NĐ-CP"], capsys)
    assert "in corpus  no" in out and "amended by 107/2021/NĐ-CP" in out
    with pytest.raises(SystemExit):
        run(["graph", "--db", str(db), "status", "61/2018/NĐ-CP", "--at", "23/4/2018"], capsys)
