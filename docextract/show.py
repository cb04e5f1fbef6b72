"""``docextract show FILE [--html OUT.html] [--db GRAPH.sqlite]``, and a spaCy ``Doc`` view of a record.

``--html`` writes the review page (``docextract/review.py``): the document paragraph by paragraph
with agencies, references, deadlines and targets highlighted, a header panel, a legend and the
task table. ``record_doc`` puts the same mentions on one spaCy Doc as overlapping spans
(``doc.spans["sc"]``) for those who work in spaCy; its text is the record's text, character for
character.

    docextract show corpora/seeds/ct-hai-duong-cchc-2018.txt --html /tmp/hai-duong.html
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

SPANS_KEY = "sc"
COLORS = {
    "AGENCY": "#7aecec",
    "LEAD": "#5fd35f",
    "SUPPORT": "#bfe1d9",
    "REQUESTED": "#f0c674",
    "REF": "#c887fb",
    "DEADLINE": "#ff9561",
    "TARGET": "#feca74",
    "TASK": "#e4e7d2",
}


def _doc_for_text(text: str):
    """A Doc whose text is exactly ``text`` (line breaks kept as whitespace tokens)."""
    from spacy.tokens import Doc

    from .agencies.tokens import blank_nlp, tokenize

    tokens = tokenize(text)
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for word, (start, end) in zip(tokens.text, tokens.spans()):
        gap = text[pos:start]
        if gap:
            if gap == " " and words:
                spaces[-1] = True
            else:
                if words and gap.startswith(" ") and not spaces[-1]:
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    words.append(gap)
                    spaces.append(False)
        words.append(word)
        spaces.append(False)
        pos = end
    if pos < len(text):
        words.append(text[pos:])
        spaces.append(False)
    doc = Doc(blank_nlp().vocab, words=words, spaces=spaces)
    assert doc.text == text, "the view must keep the record's text"
    return doc


def record_doc(record, *, all_agencies: bool = True):
    """The spaCy Doc of ``record`` with spans AGENCY/LEAD/SUPPORT/REQUESTED, REF, DEADLINE, TARGET."""
    from .agencies import find_agencies

    doc = _doc_for_text(record.text)
    spans = []

    def add(start, end, label):
        if start is None or end is None or end <= start:
            return
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)

    assigned = set()
    for task in record.tasks:
        for a in task.assignees:
            if a.span:
                add(a.span[0], a.span[1], a.role.upper())
                assigned.add(tuple(a.span))
        for d in [task.deadline, *task.deadlines]:
            if d is not None and d.span:
                add(d.span[0], d.span[1], "DEADLINE")
    if all_agencies:
        for para in record.paragraphs:
            if para.zone in ("chrome", "header"):
                continue
            for m in find_agencies(record.text, para.span[0], para.span[1], province=record.document.province):
                if (m.start, m.end) not in assigned:
                    add(m.start, m.end, "AGENCY")
    for ref in record.references:
        if ref.span:
            add(ref.span[0], ref.span[1], "REF")
    for target in record.targets:
        add(target.span[0], target.span[1], "TARGET")
    # one span per (start, end, label)
    unique = {}
    for span in spans:
        unique[(span.start, span.end, span.label_)] = span
    doc.spans[SPANS_KEY] = sorted(unique.values(), key=lambda s: (s.start, -s.end))
    return doc


def render_html(record, *, graph_db=None) -> str:
    """The review page of ``record`` (see ``docextract/review.py``); ``graph_db`` links references
    to their node of the citation graph."""
    from .review import render_review_html

    return render_review_html(record, graph_db=graph_db)


def _summary(record) -> str:
    lines = [f"{record.document.type or '?'} {record.document.number or ''} — {len(record.tasks)} tasks, "
             f"{len(record.targets)} targets, {len(record.references)} references"]
    for task in record.tasks:
        who = "; ".join(f"{a.agency} ({a.role})" for a in task.assignees) or "-"
        when = ""
        if task.deadline is not None:
            d = task.deadline
            when = f" [{d.kind} {d.date or d.every or d.within_days or ''}]".rstrip()
        lines.append(f"{task.id} {task.path or ''}: {task.text[:90]}{'…' if len(task.text) > 90 else ''}")
        lines.append(f"    -> {who}{when}")
    for target in record.targets:
        vmax = f"-{target.value_max:g}" if target.value_max is not None else ""
        lines.append(f"{target.id} {target.comparator} {target.value:g}{vmax} {target.unit or ''}: {target.text[:80]}")
    return "\n".join(lines)


def _run_show(args) -> int:
    from . import extract
    from .errors import UnreadableInput

    try:
        record = extract(args.path)
    except UnreadableInput as exc:
        print(f"docextract: {exc}", file=sys.stderr)
        return 1
    if args.html:
        out = Path(args.html)
        if args.db and not Path(args.db).is_file():
            print(f"docextract: {args.db}: no such graph database (build it with 'docextract index PATH... "
                  f"--db {args.db}')", file=sys.stderr)
            return 1
        out.write_text(render_html(record, graph_db=args.db), encoding="utf-8")
        print(f"wrote {out} ({len(record.tasks)} tasks, {len(record.targets)} targets)", file=sys.stderr)
    else:
        print(_summary(record))
    return 0


def register(subparsers) -> None:
    """Add ``show FILE [--html OUT.html]`` to the docextract command line."""
    parser = subparsers.add_parser(
        "show", help="review what was extracted from one document (text summary or an HTML review page)",
        description="Extract one document and show its tasks, assignees, deadlines and targets: a text "
                    "summary on stdout, or with --html a self-contained review page: the document with "
                    "agencies, references, deadlines and targets highlighted, a header panel, a legend "
                    "and the task table (a click on a task scrolls to it).",
        epilog="examples:\n"
               "  docextract show corpora/seeds/kh-249-ubnd-lang-son-2021.txt\n"
               "  docextract show corpora/seeds/kh-249-ubnd-lang-son-2021.txt --html review.html\n"
               "  docextract show FILE --html review.html --db graph.sqlite   references with who else cites them",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", metavar="FILE", help="a document (.txt, .docx, .pdf, .html)")
    parser.add_argument("--html", metavar="OUT.html", help="write the review page to this HTML file")
    parser.add_argument("--db", metavar="GRAPH.sqlite",
                        help="with --html: a citation graph ('docextract index'); each reference shows its "
                             "node and the other documents that cite it")
    parser.set_defaults(func=_run_show)
