"""The review page: one self-contained HTML file showing a document with what was extracted.

Written by ``docextract show FILE --html OUT.html`` and served by ``docextract serve`` at ``/``.
The page shows the document paragraph by paragraph, indented by its section tree, with every
agency, reference, deadline and target highlighted in place; a header panel (type, number,
issuer, date, title, signer); a legend; the task table (a click scrolls to the task in the text);
and the references, each with its citation-graph node when a graph database is given.

The text is rendered exactly as the record holds it (``white-space: pre-wrap``, no tokens): each
highlight is an element whose text is ``record.text[start:end]`` (``data-span="start-end"``). Where
two highlights cross, the later one is cut into pieces that all carry the same ``data-span``, so
that the pieces joined give the mention. No external asset: inline CSS and a few lines of script.

    from docextract import extract
    from docextract.review import render_review_html
    html = render_review_html(extract("corpora/seeds/kh-249-ubnd-lang-son-2021.txt"))
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Optional
from urllib.parse import quote

# Label -> (Vietnamese legend text, background colour). The order is the legend's.
LABELS = {
    "LEAD": ("Cơ quan chủ trì", "#8fe38f"),
    "SUPPORT": ("Cơ quan phối hợp", "#bfe1d9"),
    "REQUESTED": ("Cơ quan được đề nghị", "#f6d78b"),
    "AGENCY": ("Cơ quan khác được nhắc đến", "#c9eefa"),
    "REF": ("Văn bản dẫn chiếu", "#dcc4fb"),
    "DEADLINE": ("Thời hạn", "#ffb38a"),
    "TARGET": ("Chỉ tiêu", "#fde68a"),
}
ROLE_LABEL = {"lead": "LEAD", "support": "SUPPORT", "requested": "REQUESTED"}
ROLE_ORDER = ("lead", "support", "requested")
# Where two highlights cover the same text, the lower rank is the outer element.
RANK = {"TASK": 0, "REF": 1, "DEADLINE": 2, "TARGET": 2, "AGENCY": 3, "LEAD": 3, "SUPPORT": 3, "REQUESTED": 3}
ZONE_NAMES = {"header": "Phần đầu văn bản", "closing": "Nơi nhận, chữ ký", "annex": "Phụ lục",
              "chrome": "Nội dung trang web"}
HEADER_FIELDS = (("type", "Loại văn bản"), ("number", "Số, ký hiệu"), ("issuer", "Cơ quan ban hành"),
                 ("place", "Địa danh"), ("issued_date", "Ngày ban hành"), ("title", "Trích yếu"),
                 ("signer", "Người ký"))
DEADLINE_KINDS = {"by": "hạn", "recurring": "định kỳ", "relative": "tương đối", "ongoing": "thường xuyên",
                  "period": "giai đoạn"}


@dataclass(slots=True)
class _Mark:
    """One highlight: ``text[start:end]`` in an element of class ``m-<label>``."""
    start: int
    end: int
    label: str
    title: str = ""
    attrs: dict = field(default_factory=dict)
    href: Optional[str] = None
    first: bool = True  # the first piece carries the id

    def open_tag(self) -> str:
        attrs = dict(self.attrs)
        if not self.first:
            attrs.pop("id", None)
        cls = "task" if self.label == "TASK" else f"m m-{self.label.lower()}"
        parts = [f'class="{cls}"', f'data-span="{self.start}-{self.end}"']
        if self.label != "TASK":
            parts.append(f'data-label="{self.label}"')
        parts += [f'{k}="{escape(str(v))}"' for k, v in attrs.items()]
        if self.title:
            parts.append(f'title="{escape(self.title)}"')
        tag = self.tag()
        if tag == "a":
            parts.append(f'href="{escape(self.href)}"')
        return f"<{tag} {' '.join(parts)}>"

    def tag(self) -> str:
        return "span" if self.label == "TASK" else ("a" if self.href else "mark")


def _marks(record, *, all_agencies: bool, ref_links: dict[str, str]) -> list[_Mark]:
    """Every highlight of the record: assignees by role, other agencies, references, deadlines,
    targets, and the tasks themselves (the scroll targets of the task table)."""
    by_span: dict[tuple[int, int], dict] = {}  # one agency highlight per mention, all its roles
    marks: list[_Mark] = []
    for task in record.tasks:
        marks.append(_Mark(task.span[0], task.span[1], "TASK", attrs={"id": f"task-{task.id}", "data-task": task.id}))
        for a in task.assignees:
            if a.span and a.span[1] > a.span[0]:
                entry = by_span.setdefault(tuple(a.span), {"roles": {}, "canonical": getattr(a, "canonical", None)})
                entry["roles"].setdefault(a.role, []).append(task.id)
        for d in [task.deadline, *task.deadlines]:
            if d is not None and d.span and d.span[1] > d.span[0]:
                marks.append(_Mark(d.span[0], d.span[1], "DEADLINE", title=_deadline_title(d)))
    for (start, end), entry in by_span.items():
        role = next(r for r in ROLE_ORDER + tuple(entry["roles"]) if r in entry["roles"])
        title = "; ".join(f"{LABELS[ROLE_LABEL.get(r, 'AGENCY')][0]}: nhiệm vụ {', '.join(dict.fromkeys(ids))}"
                          for r, ids in entry["roles"].items())
        if entry["canonical"] and entry["canonical"] != record.text[start:end]:
            title = f"{entry['canonical']} — {title}"
        marks.append(_Mark(start, end, ROLE_LABEL.get(role, "AGENCY"), title=title))
    if all_agencies:
        from .agencies import find_agencies

        for para in record.paragraphs:
            if para.zone in ("chrome", "header"):
                continue
            for m in find_agencies(record.text, para.span[0], para.span[1], province=record.document.province):
                if (m.start, m.end) not in by_span and m.end > m.start:
                    marks.append(_Mark(m.start, m.end, "AGENCY", title="không được giao nhiệm vụ"))
    for ref in record.references:
        if ref.span and ref.span[1] > ref.span[0]:
            title = " ".join(x for x in (ref.relation, ref.target or ref.symbol or ref.name or "") if x)
            marks.append(_Mark(ref.span[0], ref.span[1], "REF", title=title, attrs={"data-ref": ref.id},
                               href=ref_links.get(ref.id, f"#ref-{ref.id}")))
    for target in record.targets:
        if target.span[1] > target.span[0]:
            marks.append(_Mark(target.span[0], target.span[1], "TARGET", title=_target_title(target)))
    unique = {(m.start, m.end, m.label): m for m in marks}
    return sorted(unique.values(), key=lambda m: (m.start, -m.end, RANK[m.label]))


def _deadline_title(d) -> str:
    value = d.date or d.every or (f"{d.within_days} ngày" if d.within_days else "") or ""
    return f"{DEADLINE_KINDS.get(d.kind, d.kind)} {value}".strip()


def _target_title(t) -> str:
    value = f"{t.value:g}" + (f"–{t.value_max:g}" if t.value_max is not None else "")
    return f"{t.metric or 'chỉ tiêu'} {t.comparator} {value} {t.unit or ''}".strip()


def _render_inline(text: str, start: int, end: int, marks: list[_Mark]) -> str:
    """``text[start:end]`` with ``marks`` (sorted by start, longest first) as nested elements.

    A mark that outlives the one it was opened in is closed with it and reopened right after,
    so the HTML nests properly and the text between the tags is the text, character for character.
    """
    out: list[str] = []
    stack: list[_Mark] = []
    clipped = [m for m in marks if m.start < end and m.end > start]
    points = sorted({start, end, *(max(m.start, start) for m in clipped), *(min(m.end, end) for m in clipped)})
    index = 0
    pos = start
    for point in points:
        out.append(escape(text[pos:point], quote=False))
        pos = point
        if any(min(m.end, end) == point for m in stack):
            reopen = []
            while any(min(m.end, end) == point for m in stack):
                mark = stack.pop()
                out.append(f"</{mark.tag()}>")
                if min(mark.end, end) != point:
                    reopen.append(mark)
            for mark in reversed(reopen):
                mark.first = False
                out.append(mark.open_tag())
                stack.append(mark)
        while index < len(clipped) and max(clipped[index].start, start) == point:
            mark = clipped[index]
            index += 1
            if mark.href and any(m.tag() == "a" for m in stack):
                mark.href = None  # a link inside a link is not HTML: the inner one stays a highlight
            out.append(mark.open_tag())
            mark.first = False
            stack.append(mark)
    for mark in reversed(stack):
        out.append(f"</{mark.tag()}>")
    return "".join(out)


def _section_levels(record) -> tuple[dict[int, int], dict[int, tuple]]:
    """Paragraph start -> depth in the section tree, and heading paragraph start -> its section."""
    depth: dict[int, int] = {}
    headings: dict[int, tuple] = {}
    starts = sorted(p.span[0] for p in record.paragraphs)

    def walk(nodes, level):
        import bisect

        for node in nodes:
            lo = bisect.bisect_left(starts, node.span[0])
            hi = bisect.bisect_left(starts, node.span[1])
            for s in starts[lo:hi]:
                depth[s] = level + 1
            # the heading paragraph is the one that holds the enumerator
            i = bisect.bisect_right(starts, node.span[0]) - 1
            if i >= 0:
                headings.setdefault(starts[i], node)
            walk(node.children, level + 1)

    walk(record.sections, 0)
    return depth, headings


def _document_html(record, marks: list[_Mark]) -> str:
    text = record.text
    depth, headings = _section_levels(record)
    out: list[str] = []
    zone = None
    open_zone = False
    i = 0
    for para in record.paragraphs:
        if para.zone != zone:
            if open_zone:
                out.append("</div>")
            zone = para.zone
            out.append(f'<div class="zone zone-{escape(zone)}">')
            if zone in ZONE_NAMES:
                out.append(f'<div class="zone-name">{ZONE_NAMES[zone]}</div>')
            open_zone = True
        start, end = para.span
        while i < len(marks) and marks[i].end <= start:
            i += 1
        here = []
        for mark in marks[i:]:
            if mark.start >= end:
                break
            here.append(mark)
        level = min(depth.get(start, 0), 6)
        node = headings.get(start)
        classes = ["p", f"lv{level}"]
        attrs = ""
        if node is not None:
            classes.append(f"h h-{escape(node.kind)}")
            attrs = f' id="sec-{escape(node.id)}" data-path="{escape(node.path)}"'
        out.append(f'<p class="{" ".join(classes)}"{attrs}>{_render_inline(text, start, end, here)}</p>')
    if open_zone:
        out.append("</div>")
    return "\n".join(out)


def _value(v) -> str:
    return escape(str(v)) if v not in (None, "") else '<span class="none">—</span>'


def _header_panel(record) -> str:
    doc = record.document
    rows = "".join(f"<tr><th>{name}</th><td>{_value(getattr(doc, key, None))}</td></tr>"
                   for key, name in HEADER_FIELDS)
    source = record.source
    rows += f"<tr><th>Tệp</th><td>{_value(source.path)} ({escape(source.format)})</td></tr>"
    counts = (f"{len(record.tasks)} nhiệm vụ · {len(record.references)} văn bản dẫn chiếu · "
              f"{len(record.targets)} chỉ tiêu · {sum(1 for _ in record.all_sections())} mục")
    return f'<section class="panel" id="header-panel"><h2>Thông tin văn bản</h2><table class="kv">{rows}</table>' \
           f'<p class="counts">{counts}</p></section>'


def _legend(marks: list[_Mark]) -> str:
    counts: dict[str, int] = {}
    for m in marks:
        counts[m.label] = counts.get(m.label, 0) + 1
    items = "".join(f'<li><mark class="m m-{label.lower()}">{name}</mark> <span class="n">{counts.get(label, 0)}</span></li>'
                    for label, (name, _) in LABELS.items())
    items += '<li><span class="task-swatch">Nhiệm vụ</span> <span class="n">bấm một dòng của bảng để tới đoạn văn</span></li>'
    return f'<section class="panel" id="legend"><h2>Chú giải</h2><ul class="legend">{items}</ul></section>'


def _deadline_cell(task) -> str:
    d = task.deadline
    if d is None:
        return _value(None)
    value = d.date or d.every or (f"{d.within_days} ngày" if d.within_days else "")
    return (f'<span class="dl-kind">{escape(DEADLINE_KINDS.get(d.kind, d.kind))}</span> '
            f'{escape(value or "")}<div class="dl-text">{escape(d.text)}</div>')


def _task_table(record) -> str:
    if not record.tasks:
        return '<section class="panel" id="tasks"><h2>Nhiệm vụ</h2><p class="none">Văn bản không giao nhiệm vụ nào.</p></section>'
    with_confidence = any(t.confidence is not None for t in record.tasks)
    head = "<tr><th>#</th><th>Mục</th><th>Nội dung nhiệm vụ</th><th>Cơ quan</th><th>Thời hạn</th>" + \
           ("<th>Tin cậy</th>" if with_confidence else "") + "</tr>"
    rows = []
    for task in record.tasks:
        who = []
        for role in ROLE_ORDER:
            names = list(dict.fromkeys(a.agency for a in task.assignees if a.role == role))
            if names:
                label = ROLE_LABEL[role]
                who.append(f'<div><span class="role m m-{label.lower()}">{LABELS[label][0].replace("Cơ quan ", "")}</span> '
                           f'{escape("; ".join(names))}</div>')
        confidence = ""
        if with_confidence:
            confidence = f'<td class="num">{"" if task.confidence is None else f"{task.confidence:.2f}"}</td>'
        rows.append(f'<tr id="row-{escape(task.id)}" data-task="{escape(task.id)}">'
                    f'<td><a href="#task-{escape(task.id)}">{escape(task.id)}</a></td>'
                    f'<td class="path">{_value(task.path)}</td><td class="text">{escape(task.text)}</td>'
                    f'<td class="who">{"".join(who) or _value(None)}</td><td class="dl">{_deadline_cell(task)}</td>{confidence}</tr>')
    return (f'<section class="panel" id="tasks"><h2>Nhiệm vụ ({len(record.tasks)})</h2>'
            f'<div class="scroll"><table class="tasks">{head}{"".join(rows)}</table></div></section>')


def _graph_rows(record, graph_db) -> dict[str, dict]:
    """Reference id -> its graph node key and the other documents of the graph that cite it."""
    if not graph_db:
        return {}
    from .graph import GraphStore, record_key, reference_key

    own = record_key(record)
    out: dict[str, dict] = {}
    with GraphStore(graph_db, readonly=True) as store:
        for ref in record.references:
            key = reference_key(ref, record)
            if not key:
                continue
            citing = [row["citing"] for row in store.cited_by(key) if row["citing"] != own]
            out[ref.id] = {"key": key, "citing": list(dict.fromkeys(citing))}
    return out


def _references_table(record, graph: dict[str, dict], graph_url: Optional[str]) -> str:
    if not record.references:
        return ""
    head = "<tr><th>#</th><th>Văn bản</th><th>Quan hệ</th><th>Nút trong đồ thị</th>" + \
           ("<th>Văn bản khác cùng dẫn chiếu</th>" if graph else "") + "</tr>"
    rows = []
    for ref in record.references:
        node = graph.get(ref.id, {})
        key = node.get("key") or ref.target or ref.symbol or ref.name
        key_html = _value(key)
        if key and graph_url:
            key_html = f'<a href="{escape(graph_url)}/show?key={quote(key)}">{escape(key)}</a>'
        cited = ""
        if graph:
            names = node.get("citing", [])
            shown = "; ".join(escape(n) for n in names[:8]) + (f" … (+{len(names) - 8})" if len(names) > 8 else "")
            if names and graph_url and key:
                shown = f'<a href="{escape(graph_url)}/cited-by?key={quote(key)}">{len(names)}</a>: ' + shown
            cited = f"<td>{shown or _value(None)}</td>"
        rows.append(f'<tr id="ref-{escape(ref.id)}"><td>{escape(ref.id)}</td><td>{escape(ref.text)}</td>'
                    f'<td>{escape(ref.relation)}</td><td>{key_html}</td>{cited}</tr>')
    return (f'<section class="panel" id="references"><details><summary><h2>Văn bản dẫn chiếu '
            f'({len(record.references)})</h2></summary><div class="scroll"><table class="refs">{head}{"".join(rows)}'
            f'</table></div></details></section>')


CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 "Noto Serif","Times New Roman","Liberation Serif",serif;color:#1d2330;background:#eef0f3;display:flex;flex-direction:column;height:100vh}
header.top{flex:none;background:#243b55;color:#fff;padding:8px 18px;display:flex;gap:18px;align-items:baseline}
header.top h1{font:600 17px/1.3 "Liberation Sans",Arial,sans-serif;margin:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
header.top a{color:#cfe3ff;font:13px "Liberation Sans",Arial,sans-serif}
main{flex:1;min-height:0;display:grid;grid-template-columns:minmax(0,1.2fr) minmax(0,1fr);gap:14px;padding:14px}
#document,#side{overflow:auto;background:#fff;border:1px solid #d5d9e0;border-radius:6px}
#document{padding:18px 30px}
#side{padding:10px 14px;font-family:"Liberation Sans",Arial,sans-serif;font-size:13px}
@media (max-width:1000px){body{display:block;height:auto}main{display:block}#document,#side{overflow:visible;margin-bottom:14px}}
.p{margin:0 0 .55em;white-space:pre-wrap;text-align:justify}
.lv1{margin-left:0}.lv2{margin-left:1.4em}.lv3{margin-left:2.8em}.lv4{margin-left:4.2em}.lv5{margin-left:5.6em}.lv6{margin-left:7em}
.h-roman,.h-phan,.h-chuong,.h-muc{font-weight:700;margin-top:1em;text-transform:none}
.h-dieu{font-weight:700;margin-top:.8em}
.zone{margin-bottom:.8em}.zone-name{font:11px "Liberation Sans",Arial,sans-serif;color:#7a8494;text-transform:uppercase;letter-spacing:.05em;margin:.6em 0 .3em}
.zone-header,.zone-closing,.zone-chrome{color:#4a5262;font-size:14px;border-left:3px solid #d5d9e0;padding-left:10px}
.zone-header .p{text-align:left}
.m{border-radius:3px;padding:0 1px;color:inherit;text-decoration:none;box-decoration-break:clone;-webkit-box-decoration-break:clone}
""" + "".join(f".m-{label.lower()}{{background:{color}}}" for label, (_, color) in LABELS.items()) + """
.m-agency{background:none;border-bottom:2px solid #4fb6d8}
a.m-ref:hover{outline:1px solid #7b4bd0}
.m .m{box-shadow:0 2px 0 rgba(0,0,0,.35)}
.task{border-bottom:1px dotted #9aa3b0}
.task[id]::before{content:attr(data-task);font:600 10px "Liberation Sans",Arial,sans-serif;color:#fff;background:#6b7b93;border-radius:3px;padding:0 3px;margin-right:3px;vertical-align:2px}
.task.flash,.task:target{background:#fff3b0;outline:2px solid #f0c400}
.panel{margin-bottom:12px}.panel h2{font-size:14px;margin:4px 0 6px;color:#243b55;display:inline-block}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #e4e7ec;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f4f6f9;font-weight:600}
table.kv th{width:26%;white-space:nowrap}table.kv th,table.kv td{padding:2px 6px}
.counts{color:#5a6474;margin:6px 0 0}
.legend{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:4px 14px}
.legend .n{color:#7a8494}
.task-swatch{border-bottom:1px dotted #9aa3b0;background:#fff3b0;padding:0 2px}
.scroll{max-height:60vh;overflow:auto;border:1px solid #e4e7ec}
table.tasks th,table.refs th{position:sticky;top:0;z-index:1}table.tasks tr[data-task]{cursor:pointer}table.tasks tr[data-task]:hover{background:#f6f9ff}
table.tasks tr.current{background:#fff8d0}
table.tasks td.text{min-width:14em}table.tasks td.dl{min-width:8.5em}table.tasks td.who{min-width:9em}
td.path{white-space:nowrap;color:#43506a}
.role{font-size:11px;padding:0 3px}
.dl-kind{font-size:11px;background:#ffe1cf;border-radius:3px;padding:0 3px}.dl-text{color:#5a6474;font-size:12px}
.num{text-align:right}.none{color:#9aa3b0}
summary{cursor:pointer}summary h2{margin:0}
form.upload{display:grid;gap:10px;max-width:760px}
form.upload textarea{width:100%;height:16em;font:14px/1.4 "Liberation Sans",Arial,sans-serif}
form.upload button{justify-self:start;padding:6px 18px;font-size:15px}
"""

SCRIPT = """
function showTask(id,smooth){
  document.querySelectorAll('.flash').forEach(function(x){x.classList.remove('flash')});
  document.querySelectorAll('tr.current').forEach(function(x){x.classList.remove('current')});
  var row=document.getElementById('row-'+id);if(row)row.classList.add('current');
  var pieces=document.querySelectorAll('.task[data-task="'+id+'"]');
  pieces.forEach(function(x){x.classList.add('flash')});
  if(pieces.length)pieces[0].scrollIntoView({behavior:smooth?'smooth':'auto',block:'center'});
  return row;
}
document.addEventListener('click',function(e){
  var row=e.target.closest('tr[data-task]');if(!row)return;
  e.preventDefault();var id=row.getAttribute('data-task');showTask(id,true);
  history.replaceState(null,'','#task-'+id);
});
if(location.hash.indexOf('#task-')===0){
  var row=showTask(decodeURIComponent(location.hash.slice(6)),false);
  var box=row&&row.closest('.scroll');if(box)box.scrollTop=row.offsetTop-40;
}
"""

# Inline style and script only; nothing is fetched from anywhere.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; form-action 'self'"


def page(title: str, body: str, *, script: bool = True) -> str:
    """A complete HTML page in Vietnamese with the review page's style."""
    return (f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            f'<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n'
            + (f"<script>{SCRIPT}</script>\n" if script else "") + "</body>\n</html>\n")


def render_review_html(record, *, graph_db=None, graph_url: Optional[str] = None, all_agencies: bool = True,
                       back_link: Optional[str] = None) -> str:
    """The review page of ``record`` as one HTML string.

    ``graph_db``: a citation-graph SQLite file (``docextract index``): each reference shows its node
    and the other documents that cite it. ``graph_url``: the base of the graph API
    (``/v1/graph`` on the server) that node keys link to. ``back_link``: a link in the top bar
    (the server's upload page).
    """
    graph = _graph_rows(record, graph_db)
    ref_links = {}
    if graph_url:
        ref_links = {rid: f"{graph_url}/cited-by?key={quote(row['key'])}" for rid, row in graph.items()}
    marks = _marks(record, all_agencies=all_agencies, ref_links=ref_links)
    doc = record.document
    title = " ".join(x for x in (doc.type, doc.number) if x) or record.source.path or "docextract"
    top = f'<header class="top"><h1>{escape(title)}{" — " + escape(doc.title) if doc.title else ""}</h1>'
    if back_link:
        top += f'<a href="{escape(back_link)}">← xem văn bản khác</a>'
    top += "</header>"
    side = _header_panel(record) + _legend(marks) + _task_table(record) + _references_table(record, graph, graph_url)
    body = (f'{top}\n<main>\n<article id="document">\n{_document_html(record, marks)}\n</article>\n'
            f'<aside id="side">\n{side}\n</aside>\n</main>')
    return page(f"{title} — docextract", body)


def upload_page(*, max_upload_mb: float, error: Optional[str] = None) -> str:
    """The server's front page: upload a document (or paste its text) to see its review page."""
    message = f'<p class="error" style="color:#b00020">{escape(error)}</p>' if error else ""
    body = f"""<header class="top"><h1>docextract — xem nhiệm vụ trong văn bản</h1><a href="/docs">API</a></header>
<div style="padding:18px 24px;font-family:'Liberation Sans',Arial,sans-serif">
{message}
<form class="upload" action="/review" method="post" enctype="multipart/form-data">
<label>Tệp văn bản (.txt, .docx, .pdf, .html; tối đa {max_upload_mb:g} MB):
<input type="file" name="file"></label>
<label>hoặc dán nội dung văn bản:<textarea name="text" placeholder="ỦY BAN NHÂN DÂN TỈNH ..."></textarea></label>
<button type="submit">Xem kết quả</button>
</form></div>"""
    return page("docextract", body, script=False)
