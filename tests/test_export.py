"""`docextract tasks`: the task list of corpora/seeds as CSV, Excel, a Word annex and iCalendar,
read back with csv / openpyxl / python-docx / icalendar."""
import csv
import io
import json
from datetime import date

import pytest

from docextract import extract, to_dict
from docextract.cli import main
from docextract.export import FORMATS, export_tasks

from conftest import CORPORA

SEEDS = CORPORA / "seeds"
# corpora/seeds/ct-hai-duong-cchc-2018.txt, item 2/b: the Sở Nội vụ is to submit the set of
# indicators "trong tháng 9 năm 2018"; item 2/d recurs "Hàng năm"
HAI_DUONG_TASK = "Tham mưu trình Ủy ban nhân dân tỉnh ban hành Bộ chỉ số Cải cách hành chính cấp sở"
HAI_DUONG_YEARLY = "Hàng năm, tham mưu cho Ủy ban nhân dân tỉnh tổ chức kiểm tra"


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [to_dict(extract(path), include_text=False) for path in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def tasks(records) -> list[dict]:
    return [t for r in records for t in r["tasks"]]


def _export(tmp_path, fmt: str, *paths) -> bytes:
    out = tmp_path / f"tasks.{fmt}"
    assert main(["tasks", *(map(str, paths or (SEEDS,))), "--format", fmt, "--out", str(out)]) == 0
    return out.read_bytes()


def _task(tasks, start: str) -> dict:
    (found,) = [t for t in tasks if t["text"].startswith(start)]
    return found


def test_csv_has_a_bom_and_one_row_per_task(tmp_path, tasks):
    data = _export(tmp_path, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(tasks) > 100
    assert list(rows[0])[:6] == ["document", "section", "task", "lead", "support", "requested"]
    row = next(r for r in rows if r["task"].startswith(HAI_DUONG_TASK))
    assert row["lead"] == "Sở Nội vụ"
    assert (row["deadline_kind"], row["deadline_date"], row["deadline_text"]) == \
        ("by", "2018-09-30", "hoàn thành trong tháng 9 năm 2018")
    assert row["section"] == "2/b" and row["key"] == _task(tasks, HAI_DUONG_TASK)["key"]
    assert {r["document"] for r in rows} >= {"02/2011/CT-UBND", "249/KH-UBND"}
    assert any(r["confidence"] for r in rows) == any(t["confidence"] is not None for t in tasks)


def test_xlsx_opens_in_openpyxl_with_a_frozen_header_and_wrapped_text(tmp_path, tasks):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(_export(tmp_path, "xlsx"))).active
    assert sheet.max_row == len(tasks) + 1
    assert sheet.freeze_panes == "A2"
    headings = [c.value for c in sheet[1]]
    assert headings[:5] == ["Văn bản", "Mục", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp"]
    column = {h: i for i, h in enumerate(headings)}
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True)
               if r[column["Nội dung nhiệm vụ"]].startswith(HAI_DUONG_TASK))
    assert row[column["Cơ quan chủ trì"]] == "Sở Nội vụ"
    assert row[column["Hạn hoàn thành"]].date() == date(2018, 9, 30)  # a real date cell
    assert sheet.cell(row=2, column=column["Nội dung nhiệm vụ"] + 1).alignment.wrap_text


def test_docx_is_the_annex_table_one_row_per_task(tmp_path, records, tasks):
    from docx import Document

    document = Document(io.BytesIO(_export(tmp_path, "docx")))
    with_tasks = [r for r in records if r["tasks"]]
    assert len(document.tables) == len(with_tasks)  # one annex table per document with tasks
    for table, record in zip(document.tables, with_tasks):
        assert [c.text for c in table.rows[0].cells] == \
            ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
        assert len(table.rows) - 1 == len(record["tasks"])
        assert [row.cells[0].text for row in table.rows[1:4]] == ["1", "2", "3"][:len(record["tasks"])]
    rows = [row for table in document.tables for row in table.rows[1:]]
    assert len(rows) == len(tasks)
    row = next(r for r in rows if r.cells[1].text.startswith(HAI_DUONG_TASK))
    assert row.cells[2].text == "Sở Nội vụ"
    assert row.cells[4].text == "Hoàn thành trong tháng 9 năm 2018 (30/09/2018)"


def test_ics_has_a_todo_per_dated_task_and_a_rule_for_recurring_ones(tmp_path, tasks):
    from icalendar import Calendar

    calendar = Calendar.from_ical(_export(tmp_path, "ics"))
    todos = {str(t["uid"]): t for t in calendar.walk("VTODO")}
    dated = [t for t in tasks if t["deadline"] and (t["deadline"]["date"] or
                                                    (t["deadline"]["kind"] == "recurring" and t["deadline"]["every"]))]
    assert len(todos) == len(dated) > 20
    assert set(todos) == {f"{t['key']}@docextract" for t in dated}
    due = todos[f"{_task(tasks, HAI_DUONG_TASK)['key']}@docextract"]
    assert due.decoded("due") == date(2018, 9, 30)
    assert "Sở Nội vụ" in str(due["description"])
    yearly = todos[f"{_task(tasks, HAI_DUONG_YEARLY)['key']}@docextract"]
    assert yearly["rrule"]["FREQ"] == ["YEARLY"]
    assert yearly.decoded("dtstart") < yearly.decoded("due")
    # corpora/seeds/kh-249-ubnd-lang-son-2021.txt: "định kỳ hằng quý" from the plan's date, 29/12/2021
    quarterly = [t for t in calendar.walk("VTODO") if t.get("rrule", {}).get("INTERVAL") == [3]]
    assert [t.decoded("dtstart") for t in quarterly] == [date(2021, 12, 29)]


def test_tasks_reads_records_already_extracted(tmp_path, records):
    folder = tmp_path / "out"
    folder.mkdir()
    for record in records:
        name = (record["source"]["path"].rsplit("/", 1)[-1]).replace(".txt", ".json")
        (folder / name).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    from_records = _export(tmp_path, "csv", folder)
    assert from_records == export_tasks(records, "csv")


def test_bad_inputs_are_named_and_the_rest_goes_on(tmp_path, capsys):
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"tasks": []}', encoding="utf-8")
    out = tmp_path / "t.csv"
    status = main(["tasks", str(wrong), str(SEEDS / "ct-02-2011-ubnd-lao-cai.txt"), "--out", str(out)])
    assert status == 1
    assert "wrong.json: not a docextract record" in capsys.readouterr().err
    assert len(list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))) > 10  # the format from --out
    assert main(["tasks", str(SEEDS), "--format", "xlsx"]) == 2  # a binary file needs --out
    with pytest.raises(ValueError, match="unknown export format"):
        export_tasks([], "pdf")


def test_every_format_exports_an_empty_list():
    for fmt in FORMATS:
        assert export_tasks([], fmt)
