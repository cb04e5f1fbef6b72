"""The published contract: records validate against the shipped JSON Schema, optional fields are
present with null, deadlines have one shape, task keys are stable, agencies have a canonical name."""
import json
import re
import subprocess
import sys

import pytest
from jsonschema import Draft202012Validator

from docextract import extract, to_dict
from docextract.identity import canonical_agency, gazetteer_name, task_key
from docextract.schema import record_schema, validation_errors

from conftest import CORPORA, ROOT


def words(name: str) -> list[str]:
    return re.findall(r"\w+", name.casefold())


SEEDS = sorted((CORPORA / "seeds").glob("*.txt"))
# A sample of corpora/raw, one of each genre that lays its tasks out differently (a law, a decree
# with an annex, a plan, a telegram, a letter, a conclusion notice, an OCR capture, a council
# resolution): the whole of corpora/raw is validated by hand at milestones (slow).
RAW_SAMPLE = [CORPORA / "raw" / name for name in (
    "luat-80-2025-qh15-can-bo-cong-chuc.txt", "nd-30-2020-cp.txt", "kh-1026-ubnd-nghe-an-2025.txt",
    "cd-220-ttg-2025.txt", "cv-11306-vpcp-nn-2025.txt", "tb-623-vpcp-2025.txt",
    "tb-330-vpcp-2022-ocr.txt", "nq-73-2025-hdnd-ha-noi.txt", "qd-2597-ttg-2025.txt")]


@pytest.fixture(scope="module")
def records() -> dict:
    return {path.name: to_dict(extract(path)) for path in SEEDS + RAW_SAMPLE}


def test_the_schema_is_a_valid_draft_2020_12_schema():
    schema = record_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_sampled_record_validates(records):
    assert len(records) == len(SEEDS) + len(RAW_SAMPLE)
    for name, record in records.items():
        assert validation_errors(record) == [], name


def test_every_field_of_a_record_is_described_in_the_schema(records):
    """No field emitted that the schema does not name (additionalProperties stays open for later)."""
    schema = record_schema()
    defs = schema["$defs"]
    described = {
        "record": set(schema["properties"]), "task": set(defs["task"]["properties"]),
        "assignee": set(defs["assignee"]["properties"]), "deadline": set(defs["deadline"]["properties"]),
        "reference": set(defs["reference"]["properties"]), "target": set(defs["target"]["properties"]),
        "section": set(defs["section"]["properties"]),
    }
    for name, record in records.items():
        assert set(record) <= described["record"], name
        for task in record["tasks"]:
            assert set(task) <= described["task"], name
            for assignee in task["assignees"]:
                assert set(assignee) <= described["assignee"], name
            for deadline in [task["deadline"], *task["deadlines"]]:
                assert deadline is None or set(deadline) <= described["deadline"], name
        for reference in record["references"]:
            assert set(reference) <= described["reference"], name
        for target in record["targets"]:
            assert set(target) <= described["target"], name


def test_a_broken_record_is_refused(records):
    record = json.loads(json.dumps(records["ct-02-2011-ubnd-lao-cai.txt"]))
    task = record["tasks"][0]
    task["assignees"][0]["role"] = "advise_to"  # not a role (SPEC §4)
    del task["deadline"]  # optional, but present as null or an object
    problems = validation_errors(record)
    assert any("advise_to" in p for p in problems)
    assert any("'deadline' is a required property" in p for p in problems)


def test_optional_fields_are_present_with_null(records):
    record = records["ct-02-2011-ubnd-lao-cai.txt"]
    assert record["document"]["signer"] is None and record["warnings"] == []
    assert "encoding" in record["source"]
    inherited = record["tasks"][0]["assignees"][0]  # "các sở, ban, ngành" from the lead-in sentence
    assert inherited["span"] is None and "confidence" in inherited
    assert all("implied" in s for s in record["sections"])


def test_deadlines_have_the_same_keys_whatever_their_kind(records):
    shapes = {}
    for record in records.values():
        for task in record["tasks"]:
            for deadline in [task["deadline"], *task["deadlines"]]:
                if deadline:
                    shapes.setdefault(deadline["kind"], set(deadline))
    assert {"by", "ongoing", "period", "recurring"} <= set(shapes)
    assert len({frozenset(keys) for keys in shapes.values()}) == 1
    # the Lào Cai directive: "thường xuyên" (ongoing) has a null date, "giai đoạn 2011 - 2015" a start
    tasks = records["ct-02-2011-ubnd-lao-cai.txt"]["tasks"]
    assert tasks[0]["deadline"]["kind"] == "ongoing" and tasks[0]["deadline"]["date"] is None
    assert tasks[2]["deadline"]["start"] == "2011-01-01" and tasks[2]["deadline"]["every"] is None


def test_task_keys_are_unique_and_survive_a_re_run_and_a_recapture(records, tmp_path):
    for name, record in records.items():
        keys = [t["key"] for t in record["tasks"]]
        assert len(keys) == len(set(keys)), name
    path = CORPORA / "seeds" / "ct-02-2011-ubnd-lao-cai.txt"
    first = records[path.name]
    assert [t["key"] for t in to_dict(extract(path))["tasks"]] == [t["key"] for t in first["tasks"]]
    # the same document captured again with Windows line ends, doubled spaces and a longer
    # preamble ("của Chính phủ" in its first paragraph spelled out): the same keys although
    # every span moves
    copy = tmp_path / path.name
    data = path.read_bytes().replace(b"\n", b"\r\n").replace(b", ", b",  ")
    copy.write_bytes(data.replace("của Chính phủ".encode(), "của Chính phủ nước ta".encode(), 1))
    again = to_dict(extract(copy))
    assert [t["key"] for t in again["tasks"]] == [t["key"] for t in first["tasks"]]
    assert again["tasks"][1]["span"] != first["tasks"][1]["span"]


def test_task_key_depends_on_document_path_and_words_only():
    text = "Sở Nội vụ chủ trì, phối hợp với các sở, ngành tổ chức thực hiện."
    key = task_key("249/KH-UBND@tỉnh Lạng Sơn", "II/1", text)
    assert key == task_key("249/KH-UBND@tỉnh Lạng Sơn", "II/1", "SỞ NỘI VỤ chủ trì phối hợp với các sở ngành tổ chức thực hiện")
    assert key != task_key("249/KH-UBND@tỉnh Hải Dương", "II/1", text)
    assert key != task_key("249/KH-UBND@tỉnh Lạng Sơn", "II/2", text)
    assert len(key) == 16


def test_canonical_names_collapse_case_variants():
    # corpora/raw/nq-494-ubtvqh13-2012.txt and others write both casings of the standing committee
    assert canonical_agency("Ủy ban thường vụ Quốc hội") == canonical_agency("Ủy ban Thường vụ Quốc hội") \
        == "Ủy ban Thường vụ Quốc hội"
    # an alias gives its body's name; a heading in capitals the gazetteer's casing
    assert canonical_agency("UBTVQH") == "Ủy ban Thường vụ Quốc hội"
    assert canonical_agency("BAN CHỈ ĐẠO") == "Ban Chỉ đạo"
    # groups the gazetteer does not list: the group's nouns as the vocabulary writes them
    assert canonical_agency("các Sở, Ban, ngành tỉnh") == canonical_agency("các sở, ban, ngành Tỉnh") \
        == "các sở, ban, ngành tỉnh"
    # a body with a place keeps the place as written
    assert canonical_agency("Sở Nội vụ tỉnh Hà Giang") == "Sở Nội vụ tỉnh Hà Giang"


def test_every_assignee_has_a_canonical_name_beside_the_name_as_written(records):
    record = records["nq-73-2025-hdnd-ha-noi.txt"]
    pairs = [(a["agency"], a["canonical"]) for t in record["tasks"] for a in t["assignees"]]
    assert pairs and all(canonical for _, canonical in pairs)
    # the canonical name differs from the name as written only in case, unless the gazetteer
    # names the body otherwise (an alias: "Mặt trận Tổ quốc Việt Nam" is its Ủy ban)
    for record in records.values():
        for task in record["tasks"]:
            for a in task["assignees"]:
                assert words(a["canonical"]) == words(a["agency"]) or gazetteer_name(a["agency"]), a


def test_docextract_schema_prints_the_shipped_schema_and_validates_files(tmp_path, records):
    printed = subprocess.run([sys.executable, "-m", "docextract", "schema"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    assert json.loads(printed) == record_schema()
    good = tmp_path / "good.json"
    good.write_text(json.dumps(records["kh-249-ubnd-lang-son-2021.txt"], ensure_ascii=False), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema": "docextract/1", "tasks": []}), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "docextract", "schema", "--validate", str(good), str(bad)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1
    assert f"{good}: valid" in run.stdout
    assert "'document' is a required property" in run.stderr


def test_every_section_kind_the_parser_gives_is_in_the_schema():
    from docextract.structure.sections import ENUMERATORS
    schema = record_schema()
    kinds = set()

    def walk(node):
        if isinstance(node, dict):
            if "kind" in node and isinstance(node["kind"], dict) and "enum" in node["kind"]:
                kinds.update(node["kind"]["enum"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert {kind for kind, _ in ENUMERATORS} <= kinds
