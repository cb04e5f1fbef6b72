"""``docextract index`` and ``docextract graph`` through the argparse entry point."""
from __future__ import annotations

import argparse
import json

from docextract.graph.cli import register


def run(argv, capsys):
    parser = argparse.ArgumentParser(prog="docextract")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code = args.func(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_index_then_query(tmp_path, capsys):
    # corpora/seeds/ct-hai-duong-cchc-2018.txt and corpora/seeds/kh-quang-ngai-par-index-2018.txt (one line each)
    (tmp_path / "a.txt").write_text(
        "c) Triển khai thực hiện nghiêm túc Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về "
        "thực hiện cơ chế một cửa, cơ chế một cửa liên thông trong giải quyết thủ tục hành chính.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "- Tham mưu triển khai và theo dõi việc thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về "
        "thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính.\n", encoding="utf-8")
    db = str(tmp_path / "g.sqlite")
    code, out, err = run(["index", str(tmp_path), "--db", db, "--quiet"], capsys)
    assert code == 0 and "2 indexed" in err
    code, out, err = run(["index", str(tmp_path), "--db", db, "--quiet"], capsys)
    assert "2 unchanged" in err
    code, out, _ = run(["graph", "--db", db, "cited-by", "61/2018/NĐ-CP"], capsys)
    assert code == 0 and "doc:a.txt" in out and "doc:b.txt" in out and "implements" in out
    assert "Triển khai thực hiện nghiêm túc Nghị định số 61/2018/NĐ-CP" in out
    code, out, _ = run(["graph", "cited-by", "61/2018/NĐ-CP", "--db", db, "--json"], capsys)
    rows = json.loads(out)
    assert {r["citing"] for r in rows} == {"doc:a.txt", "doc:b.txt"}
    code, out, _ = run(["graph", "--db", db, "--json", "search", "61/2018"], capsys)
    assert json.loads(out)[0]["key"] == "61/2018/NĐ-CP"
    code, out, _ = run(["graph", "--db", db, "show", "61/2018/NĐ-CP"], capsys)
    assert "Nghị định" in out and "cited_by   2" in out
    code, out, _ = run(["graph", "--db", db, "top"], capsys)
    assert "61/2018/NĐ-CP" in out
    code, out, _ = run(["graph", "--db", db, "export", "--format", "csv", "--out", str(tmp_path / "g.csv")], capsys)
    assert (tmp_path / "g.csv").read_text(encoding="utf-8").count("61/2018/NĐ-CP") == 2
    code, _, err = run(["graph", "--db", db, "cited-by", "999/2099/NĐ-CP"], capsys)
    assert code == 1 and "nothing found" in err


def test_missing_database(tmp_path, capsys):
    code, _, err = run(["graph", "--db", str(tmp_path / "none.sqlite"), "top"], capsys)
    assert code == 2 and "no database" in err
