"""The citation graph store: indexing, queries, atomic re-indexing, content-hash skip, export.

Records are built from real lines of the seeds (file named in each) and run through the real
reference extractor, so the graph holds what ``docextract index`` would store.
"""
from __future__ import annotations

import json

import networkx as nx
import pytest

from docextract.graph import GraphStore, index_paths
from docextract.model import DocumentInfo, DocumentRecord, Paragraph, Source
from docextract.references import extract_references

# corpora/seeds/kh-249-ubnd-lang-son-2021.txt
LANG_SON = ("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách "
            "hành chính Nhà nước giai đoạn 2021-2030.\n"
            "3.4. Tiếp tục triển khai thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC theo Nghị "
            "định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ và Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của "
            "Chính phủ về việc sửa đổi một số điều của Nghị định số 61/2018/NĐ-CP; nâng cấp\n"
            "theo quy định của Luật Ngân sách Nhà nước, Luật Đầu tư công; từ nguồn xã hội hóa")
# corpora/seeds/ct-hai-duong-cchc-2018.txt
HAI_DUONG = ("c) Triển khai thực hiện nghiêm túc Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ "
             "về thực hiện cơ chế một cửa, cơ chế một cửa liên thông trong giải quyết thủ tục hành chính.\n"
             "Thực hiện Kế hoạch cải cách hành chính giai đoạn 2016-2020 của tỉnh, Quyết định số 13/2016/QĐ-UBND "
             "ngày 17 tháng 6 năm 2016 của Ủy ban nhân dân tỉnh Hải Dương ban hành Quy định trách nhiệm")


def record(text, path, **info) -> DocumentRecord:
    paragraphs, pos = [], 0
    for line in text.split("\n"):
        paragraphs.append(Paragraph(span=(pos, pos + len(line)), text=line))
        pos += len(line) + 1
    rec = DocumentRecord(source=Source(path=path, format="txt", sha256=str(abs(hash(text)))), text=text,
                         document=DocumentInfo(**info), paragraphs=paragraphs)
    rec.references = extract_references(rec)
    return rec


@pytest.fixture()
def graph(tmp_path):
    store = GraphStore(tmp_path / "g.sqlite")
    store.index_record(record(LANG_SON, "kh-249.txt", type="Kế hoạch", number="249/KH-UBND", province="Lạng Sơn",
                              issued_date="2021-12-29", issuer="Ủy ban nhân dân tỉnh Lạng Sơn",
                              title="Cải cách hành chính nhà nước tỉnh Lạng Sơn giai đoạn 2021-2025"))
    store.index_record(record(HAI_DUONG, "ct-hai-duong.txt", type="Chỉ thị", province="Hải Dương"))
    yield store
    store.close()


def test_cited_by_lists_citing_documents_with_relation_and_sentence(graph):
    rows = graph.cited_by("61/2018/NĐ-CP")
    # the second mention in kh-249 stands in the title of 107/2021/NĐ-CP ("về việc sửa đổi một số điều
    # của Nghị định số 61/2018/NĐ-CP"): an edge of 107/2021/NĐ-CP, not a second one of the plan
    assert [(r["citing"], r["relation"], r["mentions"]) for r in rows] == [
        ("107/2021/NĐ-CP", "amends", 1), ("249/KH-UBND@tỉnh Lạng Sơn", "implements", 1),
        ("doc:ct-hai-duong.txt", "implements", 1)]
    assert rows[0]["path"] == "kh-249.txt"  # the file the amending edge was read from
    assert rows[1]["sentence"].startswith("3.4. Tiếp tục triển khai thực hiện cơ chế một cửa")
    assert graph.cited_by("61/2018/ND-CP") == rows  # the user may type D for Đ
    assert [r["citing"] for r in graph.cited_by("76/NQ-CP", relation="based_on")] == ["249/KH-UBND@tỉnh Lạng Sơn"]


def test_cites_and_unqualified_local_key(graph):
    rows = graph.cites("249/KH-UBND")  # resolved to 249/KH-UBND@tỉnh Lạng Sơn
    assert [r["cited"] for r in rows] == ["76/NQ-CP", "61/2018/NĐ-CP", "107/2021/NĐ-CP", "83/2015/QH13", "39/2019/QH14"]
    assert rows[0]["relation"] == "based_on"


def test_show_gathers_fields_from_mentions(graph):
    (node,) = graph.show("61/2018/NĐ-CP")
    # cited by the plan, the directive and (in the plan's text) 107/2021/NĐ-CP, whose title amends it
    assert (node["type"], node["date"], node["issuer"], node["cited_by"]) == ("Nghị định", "2018-04-23", "Chính phủ", 3)
    assert node["title"].startswith("về thực hiện cơ chế một cửa")
    assert node["in_corpus"] is False  # known only from the documents citing it
    assert node["status"]["state"] == "in force, amended"
    assert [(e["relation"], e["by"], e["date"]) for e in node["status"]["events"]] == [
        ("amends", "107/2021/NĐ-CP", "2021-12-06")]
    (own,) = graph.show("249/KH-UBND@tỉnh Lạng Sơn")
    assert own["documents"] == ["kh-249.txt"] and own["cites"] == 5 and own["in_corpus"] is True


def test_search_partial_symbol_and_title_words(graph):
    assert [r["key"] for r in graph.search("61/2018")] == ["61/2018/NĐ-CP"]
    assert "61/2018/NĐ-CP" in [r["key"] for r in graph.search("một cửa liên thông")]
    assert "13/2016/QĐ-UBND@tỉnh Hải Dương" in [r["key"] for r in graph.search("13/2016")]
    assert graph.search("mot cua") != []  # diacritics optional


def test_top_and_path(graph):
    assert graph.top(limit=1)[0]["key"] == "61/2018/NĐ-CP"
    assert graph.path("249/KH-UBND", "61/2018/NĐ-CP") == [
        {"from": "249/KH-UBND@tỉnh Lạng Sơn", "to": "61/2018/NĐ-CP", "relation": "implements"}]
    assert graph.path("249/KH-UBND", "13/2016/QĐ-UBND") == []


def test_interrupted_reindex_leaves_the_old_edges(graph):
    before = graph.cites("249/KH-UBND")
    changed = record(LANG_SON.replace("Nghị quyết số 76/NQ-CP", "Nghị quyết số 77/NQ-CP"), "kh-249.txt",
                     type="Kế hoạch", number="249/KH-UBND", province="Lạng Sơn")
    with pytest.raises(RuntimeError):
        graph.index_record(changed, _fail_after=2)  # dies after writing two of the new edges
    assert graph.cites("249/KH-UBND") == before
    assert graph.cited_by("77/NQ-CP") == []
    # a reader on another connection sees the old state too
    other = GraphStore(graph.db_path, readonly=True)
    assert [r["cited"] for r in other.cites("249/KH-UBND")] == [r["cited"] for r in before]
    other.close()
    # the same re-index, not interrupted, replaces the edges as a whole
    graph.index_record(changed)
    assert [r["cited"] for r in graph.cites("249/KH-UBND")][0] == "77/NQ-CP"
    assert graph.cited_by("76/NQ-CP") == []


def test_export_formats(graph, tmp_path):
    graph.export("graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.has_edge("249/KH-UBND@tỉnh Lạng Sơn", "61/2018/NĐ-CP")
    assert g.edges["249/KH-UBND@tỉnh Lạng Sơn", "61/2018/NĐ-CP"]["relation"] == "implements"
    graph.export("json", tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert len(data["edges"]) == graph.stats()["edges"]
    graph.export("csv", tmp_path / "g.csv")
    lines = (tmp_path / "g.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("citing,cited,relation") and len(lines) == graph.stats()["edges"] + 1


def test_index_paths_skips_unchanged_files(tmp_path):
    # corpora/seeds/tin-ha-tinh-cchc-2014.txt (one line of it)
    doc = tmp_path / "tin.txt"
    doc.write_text("Tiếp tục thực hiện Nghị định số 158/2007/NĐ-CP của Chính phủ về định kỳ chuyển đổi vị trí công tác.\n",
                   encoding="utf-8")
    db = tmp_path / "g.sqlite"
    first = index_paths([str(tmp_path)], db)
    assert [r.status for r in first] == ["indexed"]
    assert [r.status for r in index_paths([str(doc)], db)] == ["unchanged"]
    doc.write_text(doc.read_text(encoding="utf-8") + "Thực hiện Chỉ thị số 10/2006/CT-TTg ngày 23/3/2006.\n",
                   encoding="utf-8")
    assert [r.status for r in index_paths([str(doc)], db)] == ["indexed"]
    with GraphStore(db) as store:
        assert {r["cited"] for r in store.cites(f"doc:{doc.name}")} == {"158/2007/NĐ-CP", "10/2006/CT-TTg"}
        assert store.stats()["documents"] == 1
