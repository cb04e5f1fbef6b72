"""The review page (``docextract show FILE --html``) as rendered by a real headless Chromium.

Chromium is Debian's package ``chromium`` (installed by .ci/run); without it the browser tests
skip. Set DOCEXTRACT_REVIEW_SCREENSHOT=PATH to keep the screenshot (the lead's copy).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from docextract import extract
from docextract.cli import main
from docextract.review import render_review_html

ROOT = Path(__file__).resolve().parent.parent
# a Kế hoạch of the Ho Chi Minh City People's Committee with assignees and deadlines
PLAN = ROOT / "corpora" / "raw" / "kh-174-ubnd-tphcm-2025.txt"
AGENCY_LABELS = {"LEAD", "SUPPORT", "REQUESTED", "AGENCY"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed "
                                                               "(apt-get install chromium; .ci/run does it)")


class _Elements(HTMLParser):
    """Every element's tag, attributes and full text (its descendants' text included)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": []}
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i]["tag"] == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        for element in self.open:
            element["text"].append(data)


def _elements(html: str) -> list[dict]:
    parser = _Elements()
    parser.feed(html)
    for element in parser.elements:
        element["text"] = "".join(element["text"])
    return parser.elements


def _highlights(elements, labels) -> dict[tuple[int, int, str], str]:
    """(start, end, label) -> the highlight's text, the pieces of a cut highlight joined."""
    out: dict[tuple[int, int, str], str] = {}
    for e in elements:
        label = e["attrs"].get("data-label")
        if label in labels:
            start, end = map(int, e["attrs"]["data-span"].split("-"))
            out[(start, end, label)] = out.get((start, end, label), "") + e["text"]
    return out


@pytest.fixture(scope="module")
def plan_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("review") / "review.html"
    assert main(["show", str(PLAN), "--html", str(out)]) == 0
    return extract(PLAN), out


def _chromium(*args, timeout=120) -> subprocess.CompletedProcess:
    profile = Path(os.environ.get("TMPDIR", "/tmp")) / f"docextract-chromium-{os.getpid()}"
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                           "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=timeout)


def test_page_keeps_the_text_exactly(plan_page):
    record, out = plan_page
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="vi">' in html
    assert "http://" not in html and "https://" not in html and "<link" not in html  # self-contained
    elements = _elements(html)
    paragraphs = [e for e in elements if e["tag"] == "p" and "p" in e["attrs"].get("class", "").split()]
    # every paragraph as written: no space lost inside a highlight, none added before punctuation
    assert [p["text"] for p in paragraphs] == [p.text for p in record.paragraphs]
    for (start, end, label), text in _highlights(elements, AGENCY_LABELS | {"REF", "DEADLINE", "TARGET"}).items():
        assert text == record.text[start:end], label


def test_a_document_with_markup_characters_is_escaped():
    # the first lines of corpora/seeds/ct-02-2011-ubnd-lao-cai.txt with markup that must stay text
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 02/2011/CT-UBND\nCHỈ THỊ\n"
            "1. Sở Nội vụ <script>alert(1)</script> chủ trì & báo cáo \"kết quả\" trước ngày 31/12/2012.\n")
    html = render_review_html(extract(text))
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    paragraphs = [e["text"] for e in _elements(html) if e["tag"] == "p" and "p" in e["attrs"].get("class", "").split()]
    assert paragraphs[-1] == text.splitlines()[-1]


@needs_chromium
def test_rendered_dom_highlights_equal_the_source_spans(plan_page, tmp_path):
    record, out = plan_page
    done = _chromium("--dump-dom", out.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    elements = _elements(done.stdout)
    assert any(e["tag"] == "html" and e["attrs"].get("lang") == "vi" for e in elements)
    agencies = _highlights(elements, AGENCY_LABELS)
    assert len(agencies) >= 10
    for (start, end, label), text in agencies.items():
        assert text == record.text[start:end], (label, start, end)
    # every assignee the document names itself is highlighted in its role
    roles = {(s, e): label for (s, e, label) in agencies}
    for task in record.tasks:
        for a in task.assignees:
            if a.span:
                assert roles.get(tuple(a.span)) in {"LEAD", "SUPPORT", "REQUESTED"}, a
    # the header panel, the legend, and one task row per task whose link finds its span
    ids = {e["attrs"].get("id") for e in elements}
    assert {"header-panel", "legend", "tasks", "document"} <= ids
    header = next(e for e in elements if e["attrs"].get("id") == "header-panel")["text"]
    assert record.document.number in header and record.document.issuer in header
    rows = [e for e in elements if e["tag"] == "tr" and e["attrs"].get("data-task")]
    assert len(rows) == len(record.tasks)
    assert all(f"task-{task.id}" in ids for task in record.tasks)
    # opening a task's link (what a click on its row does) marks its span and its row
    task = record.tasks[len(record.tasks) // 2]
    done = _chromium("--dump-dom", out.as_uri() + f"#task-{task.id}")
    marked = [e for e in _elements(done.stdout) if "flash" in e["attrs"].get("class", "").split()]
    assert marked and all(e["attrs"]["data-task"] == task.id for e in marked)
    assert "".join(e["text"] for e in marked) == record.text[task.span[0]:task.span[1]].replace("\n", "")


@needs_chromium
def test_screenshot(plan_page, tmp_path):
    record, out = plan_page
    # a task that names its lead and has a deadline: the page opens scrolled to it, as after a click
    task = next((t for t in record.tasks if t.deadline and any(a.span for a in t.assignees)), record.tasks[0])
    shot = tmp_path / "review-page.png"
    done = _chromium("--window-size=1600,1000", f"--screenshot={shot}", out.as_uri() + f"#task-{task.id}")
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    keep = os.environ.get("DOCEXTRACT_REVIEW_SCREENSHOT")
    if keep:
        shutil.copyfile(shot, keep)


def test_references_show_their_graph_node_and_who_else_cites_it(tmp_path, capsys):
    from docextract.graph import index_paths, record_key

    # both seeds cite Nghị định 61/2018/NĐ-CP (see tests/test_graph_cli.py)
    seeds = [ROOT / "corpora" / "seeds" / "ct-hai-duong-cchc-2018.txt",
             ROOT / "corpora" / "seeds" / "kh-quang-ngai-par-index-2018.txt"]
    db = tmp_path / "graph.sqlite"
    index_paths([str(p) for p in seeds], db=db)
    out = tmp_path / "review.html"
    assert main(["show", str(seeds[0]), "--html", str(out), "--db", str(db)]) == 0
    elements = _elements(out.read_text(encoding="utf-8"))
    other = record_key(extract(seeds[1]))
    row = next(e for e in elements if e["tag"] == "tr" and e["attrs"].get("id", "").startswith("ref-")
               and "61/2018/NĐ-CP" in e["text"])
    assert other in row["text"]
    # a missing database is named with the fix
    assert main(["show", str(seeds[0]), "--html", str(out), "--db", str(tmp_path / "none.sqlite")]) == 1
    assert "docextract index" in capsys.readouterr().err
