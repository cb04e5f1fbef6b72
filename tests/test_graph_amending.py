"""Issue 17: a law named inside an amending law's name is no edge of the citing document; the graph
records that the amending law amends it (from the laws catalogue). Built from a real document."""
from __future__ import annotations

import pytest

from docextract import extract
from docextract.graph import GraphStore

# "Căn cứ Luật Quy hoạch ngày 24 tháng 11 năm 2017 được sửa đổi, bổ sung một số điều tại Luật sửa đổi, bổ
# sung một số điều của Luật Quy hoạch, Luật Đầu tư, Luật Đầu tư theo phương thức đối tác công tư và Luật Đấu
# thầu ngày 29 tháng 11 năm 2024;" and "... tại Luật Sửa đổi, bổ sung một số điều của Luật Đấu thầu, ...,
# Luật Đầu tư, Luật Đầu tư công, Luật Quản lý, sử dụng tài sản công;"
FILE = "corpora/raw/qd-2820-ubnd-tphcm-2025.txt"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / "g.sqlite"
    with GraphStore(path) as store:
        store.index_records([(extract(FILE), FILE, FILE)])
    store = GraphStore(path)
    yield store
    store.close()


def test_law_named_inside_an_amending_law_is_amended_by_it_not_cited(graph):
    cited = {(r["cited"], r["relation"]) for r in graph.cites("2820/QĐ-UBND", limit=None)}
    assert ("57/2024/QH15", "based_on") in cited and ("90/2025/QH15", "based_on") in cited
    assert not any(key == "61/2020/QH14" for key, _ in cited)  # Luật Đầu tư only inside those names
    citers = {(r["citing"], r["relation"]) for r in graph.cited_by("61/2020/QH14", limit=None)}
    assert citers == {("57/2024/QH15", "amends"), ("90/2025/QH15", "amends")}
    amended = {r["cited"] for r in graph.cites("90/2025/QH15", limit=None) if r["relation"] == "amends"}
    assert {"22/2023/QH15", "64/2020/QH14", "54/2014/QH13", "61/2020/QH14", "58/2024/QH15"} <= amended
