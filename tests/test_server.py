"""``docextract serve``: the real server (uvicorn in a subprocess on 127.0.0.1) called over HTTP."""
from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "seeds"
LAO_CAI = SEEDS / "ct-02-2011-ubnd-lao-cai.txt"
# both cite Nghị định 61/2018/NĐ-CP (see tests/test_graph_cli.py)
GRAPH_SEEDS = [SEEDS / "ct-hai-duong-cchc-2018.txt", SEEDS / "kh-quang-ngai-par-index-2018.txt"]
MB = 1_000_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from docextract.graph import index_paths

    tmp = tmp_path_factory.mktemp("serve")
    db = tmp / "graph.sqlite"
    assert all(r.status == "indexed" for r in index_paths([str(p) for p in GRAPH_SEEDS], db=db))
    port = _free_port()
    log = open(tmp / "server.log", "w+")
    # run from an empty folder: the server must not depend on the current directory
    proc = subprocess.Popen([sys.executable, "-m", "docextract", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--db", str(db), "--timeout", "60", "--log-level", "warning"],
                            cwd=tmp, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ))
    base = f"http://127.0.0.1:{port}"
    client = httpx.Client(base_url=base, timeout=120)
    try:
        for _ in range(600):  # the worker imports every stage before it is ready
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"the server stopped: {log.read()}")
            try:
                if client.get("/healthz").json().get("status") == "ok":
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.25)
        else:
            pytest.fail("the server did not become ready")
        yield client
    finally:
        client.close()
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _error(response, status):
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == status and body["reason"]
    return body


def test_healthz(server):
    body = server.get("/healthz").json()
    assert body["status"] == "ok" and body["workers_ready"] == 1 and body["graph"] is True
    assert body["max_upload_bytes"] == 20 * MB


def test_extract_a_seed_file(server):
    from docextract import extract, to_dict

    response = server.post("/v1/extract", files={"file": (LAO_CAI.name, LAO_CAI.read_bytes(), "text/plain")})
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["document"]["type"] == "Chỉ thị"
    assert record["document"]["number"] == "02/2011/CT-UBND"
    assert record["document"]["issuer"] == "Ủy ban nhân dân tỉnh Lào Cai"
    assert record["document"]["issued_date"] == "2011-12-26"
    assert record["source"]["path"] == LAO_CAI.name
    assert record["tasks"], "the Chỉ thị gives tasks"
    for task in record["tasks"]:
        start, end = task["span"]
        assert record["text"][start:end] == task["text"]
    # the same record as the Python API gives
    assert record["tasks"] == to_dict(extract(LAO_CAI))["tasks"]


def test_extract_text_field_is_text_never_a_path(server):
    # a client that sends a file path as the text gets that line read as text, not the file
    response = server.post("/v1/extract", data={"text": str(LAO_CAI)})
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["text"].strip() == str(LAO_CAI)
    assert record["document"]["number"] is None
    # the first lines of corpora/seeds/ct-02-2011-ubnd-lao-cai.txt as a pasted text
    head = "\n".join(LAO_CAI.read_text(encoding="utf-8").splitlines()[:12])
    record = server.post("/v1/extract", files={"text": (None, head)}).json()
    assert record["document"]["number"] == "02/2011/CT-UBND"


def test_client_file_name_is_only_a_name(server):
    response = server.post("/v1/extract?include_text=false",
                           files={"file": ("../../../etc/passwd.txt", LAO_CAI.read_bytes(), "text/plain")})
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["source"]["path"] == "passwd.txt" and "text" not in record
    assert record["document"]["number"] == "02/2011/CT-UBND"  # the bytes sent, not /etc/passwd


def test_upload_over_the_limit_gets_413(server):
    big = b"a" * (30 * MB)
    response = server.post("/v1/extract", files={"file": ("big.txt", big, "text/plain")})
    assert "20 MB" in _error(response, 413)["reason"]

    def chunks():  # no Content-Length: the limit is checked while the body streams in
        yield (b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
               b"Content-Type: text/plain\r\n\r\n")
        for _ in range(30):
            yield b"b" * MB
        yield b"\r\n--xyz--\r\n"

    response = server.post("/v1/extract", content=chunks(),
                           headers={"Content-Type": "multipart/form-data; boundary=xyz"})
    _error(response, 413)


def test_unreadable_and_empty_requests(server):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    body = _error(server.post("/v1/extract", files={"file": ("scan.png", png, "image/png")}), 422)
    assert "PNG" in body["reason"] and "scan.png" in body["reason"]
    assert "file" in _error(server.post("/v1/extract", files={"other": (None, "x")}), 400)["reason"]
    _error(server.post("/v1/extract", content=b"{}", headers={"Content-Type": "application/json"}), 415)
    _error(server.get("/v1/no-such-thing"), 404)


def test_graph_queries(server):
    body = server.get("/v1/graph/cited-by", params={"key": "61/2018/NĐ-CP"}).json()
    citing = {row["path"] for row in body["cited_by"]}
    assert {str(p.resolve()) for p in GRAPH_SEEDS} <= citing
    assert all(row["sentence"] and "61/2018/NĐ-CP" in row["sentence"] for row in body["cited_by"])
    results = server.get("/v1/graph/search", params={"q": "61/2018"}).json()["results"]
    assert results[0]["key"] == "61/2018/NĐ-CP"
    nodes = server.get("/v1/graph/show", params={"key": "61/2018/ND-CP"}).json()["nodes"]
    assert nodes[0]["key"] == "61/2018/NĐ-CP" and nodes[0]["cited_by"] >= 2
    assert server.get("/v1/graph/cites", params={"key": nodes[0]["key"]}).json()["cites"] == []
    _error(server.get("/v1/graph/show", params={"key": "999/2099/NĐ-CP"}), 404)
    _error(server.get("/v1/graph/cited-by"), 422)


def test_tasks_export(server):
    pytest.importorskip("docextract.export", reason="the task exports (docextract/export/) are not in this tree")
    from docextract import extract

    expected = len(extract(LAO_CAI).tasks)
    files = {"file": (LAO_CAI.name, LAO_CAI.read_bytes(), "text/plain")}
    response = server.post("/v1/tasks", params={"format": "xlsx"}, files=files)
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].endswith('tasks.xlsx"')
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = sum(sheet.max_row - 1 for sheet in book.worksheets)
    assert rows == expected
    csv = server.post("/v1/tasks", params={"format": "csv"}, files=files)
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbf")
    # records from /v1/extract as JSON give the same file
    record = server.post("/v1/extract", files=files).json()
    again = server.post("/v1/tasks", params={"format": "csv"}, content=json.dumps([record]),
                        headers={"Content-Type": "application/json"})
    assert again.status_code == 200 and again.content == csv.content
    import docx
    import icalendar

    annex = docx.Document(io.BytesIO(server.post("/v1/tasks", params={"format": "docx"}, files=files).content))
    assert annex.tables and len(annex.tables[0].rows) >= expected
    calendar = icalendar.Calendar.from_ical(server.post("/v1/tasks", params={"format": "ics"}, files=files).content)
    assert calendar.name == "VCALENDAR"
    _error(server.post("/v1/tasks", params={"format": "pdf"}, files=files), 400)


def test_docs_and_review_page(server):
    assert server.get("/docs").status_code == 200
    spec = server.get("/openapi.json").json()
    assert {"/v1/extract", "/v1/tasks", "/healthz", "/v1/graph/cited-by"} <= set(spec["paths"])
    front = server.get("/")
    assert front.status_code == 200 and 'lang="vi"' in front.text and 'name="file"' in front.text
    review = server.post("/review", files={"file": (LAO_CAI.name, LAO_CAI.read_bytes(), "text/plain")})
    assert review.status_code == 200 and 'lang="vi"' in review.text
    assert "02/2011/CT-UBND" in review.text and 'id="tasks"' in review.text


def test_time_limit_gives_504_and_the_server_recovers(server):
    # no extraction can finish within a millisecond: the worker is stopped and replaced
    body = _error(server.post("/v1/extract", params={"timeout": 0.001},
                              files={"file": (LAO_CAI.name, LAO_CAI.read_bytes(), "text/plain")}), 504)
    assert "0.001 s" in body["reason"]
    response = server.post("/v1/extract", files={"file": (LAO_CAI.name, LAO_CAI.read_bytes(), "text/plain")})
    assert response.status_code == 200 and response.json()["document"]["number"] == "02/2011/CT-UBND"
