"""Saved web pages (.html, .htm, .mht) -> the document body only, one paragraph per line.

Pages saved from the national legal database or legal portals wrap the document in site chrome:
menus, breadcrumbs, search boxes, "related documents" lists, ads, footers. The reader
(lxml, no network):

1. drops what is never content (scripts, styles, forms' controls, nav/aside/footer/header
   elements, hidden elements);
2. picks the main container: from <body>, it descends into the child that holds most of the
   text that is not link text (chrome is mostly links), and stops when no child does;
3. inside it, drops link lists (a list or block that is mostly links and has no sentence of
   its own) and blocks whose class or id names chrome;
4. renders blocks one per line; tables like the docx reader (small/borderless layout tables cell
   by cell, data tables one row per line with " | "); <ol> numbers as the browser shows them.
Text set in a legacy font (``<font face=".VnTime">``) is converted, then the whole text goes
through the legacy-encoding check.
"""
from __future__ import annotations

import email
import email.policy
import re
import unicodedata

from ..errors import UnreadableInput
from . import is_mhtml  # lives in read/__init__ so that sniffing a .txt does not import this module
from .docx import format_number
from .legacy import convert_font_run, encoding_for_font
from .text import decode_text, repair_text

_NEVER_CONTENT = {
    "script", "style", "noscript", "iframe", "svg", "canvas", "template", "head", "link", "meta",
    "input", "select", "button", "textarea", "option", "nav", "aside", "footer", "header", "menu",
    "object", "embed", "video", "audio", "map", "dialog",
}
_BLOCK = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "tr", "blockquote", "pre", "dd", "dt", "dl", "center", "address", "figure", "figcaption",
    "form", "fieldset", "body", "html", "hr", "caption", "tbody", "thead", "tfoot",
}
# class/id words that name site chrome (checked as whole words of the attribute).
CHROME_ATTR_RE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|sidebar|footer|banner|advert\w*|ads|quangcao|"
    r"social|share|sharing|comments?|related|lienquan|tinlienquan|tinkhac|login|search|popup|modal|"
    r"cookie|toolbar|pagination|rating|tags|widget)(?:$|[\s_-])",
    re.I,
)
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_FONT_FAMILY_RE = re.compile(r"font-family\s*:\s*([^;]+)", re.I)
_SENTENCE_RE = re.compile(r"\w[^.!?;:]{40,}")
# Whitespace helpers, compiled once rather than looked up in the re cache on every call.
_BLANK_LINES = re.compile(r"\n{3,}")
_WHITESPACE = re.compile(r"\s+")
_ASCII_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
_SPACES_TABS = re.compile(r"[ \t]+")


def read_html(data: bytes, name: str) -> str:
    if is_mhtml(data):
        data, charset = _mhtml_html(data, name)
        return _read_html_text(_decode(data, name, charset), name)
    return _read_html_text(_decode(data, name, None), name)


def _mhtml_html(data: bytes, name: str) -> tuple[bytes, str | None]:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload, part.get_content_charset()
    raise UnreadableInput(name, "saved web archive (MHTML) without an HTML page inside")


def _decode(data: bytes, name: str, charset: str | None) -> str:
    if charset is None:
        m = _CHARSET_RE.search(data[:8192])
        charset = m.group(1).decode("ascii", "replace").lower() if m else None
    if charset and charset not in ("utf-8", "utf8"):
        try:
            return unicodedata.normalize("NFC", data.decode(charset))  # cp1258 text is decomposed
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        text, _ = decode_text(data, name, detect_legacy=False)
    except UnreadableInput:
        raise UnreadableInput(name, "binary data, not a web page") from None
    return text


def _read_html_text(markup: str, name: str) -> str:
    import lxml.html
    from lxml import etree

    markup = _XML_DECL_RE.sub("", markup)
    if not markup.strip():
        raise UnreadableInput(name, "empty web page")
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableInput(name, f"not a readable web page ({exc})") from None
    _strip_never_content(root)
    body = root.find("body")
    if body is None:
        body = root
    main = _main_container(body)
    _strip_chrome(main)
    lines: list[str] = []
    _render(main, lines, None)
    text = "\n".join(_clean_line(x) for x in lines)
    text = _BLANK_LINES.sub("\n\n", text).strip("\n")
    if not text.strip():
        raise UnreadableInput(name, "web page without document text")
    text, _ = repair_text(text)
    return text + "\n"


# ------------------------------------------------------------------ cleaning


def _strip_never_content(root) -> None:
    from lxml import etree

    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(el)
    for el in list(root.iter()):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in _NEVER_CONTENT:
            _drop(el)
        elif el.get("hidden") is not None or _HIDDEN_STYLE_RE.search(el.get("style") or "") \
                or (el.get("aria-hidden") or "").lower() == "true":
            _drop(el)


def _drop(el) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _text_len(el) -> int:
    return len(_WHITESPACE.sub("", el.text_content() or ""))


def _link_len(el) -> int:
    return sum(_text_len(a) for a in el.iter("a"))


def _content_len(el) -> int:
    return max(_text_len(el) - _link_len(el), 0)


def _main_container(body):
    node = body
    while True:
        total = _content_len(node)
        if total == 0:
            return node
        best, best_len = None, 0
        for child in node:
            if not isinstance(child.tag, str):
                continue
            n = _content_len(child)
            if n > best_len:
                best, best_len = child, n
        if best is None or best_len < 0.7 * total or best.tag in ("tr", "td", "th", "li", "p"):
            return node
        node = best


def _strip_chrome(main) -> None:
    for el in list(main.iter()):
        if el is main or not isinstance(el.tag, str) or el.getparent() is None:
            continue
        attrs = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if attrs and CHROME_ATTR_RE.search(attrs) and not _has_sentences(el, strict=True):
            _drop(el)
            continue
        if el.tag in ("ul", "ol", "div", "section", "table", "dl"):
            links = list(el.iter("a"))
            total = _text_len(el)
            if len(links) >= 3 and total and _link_len(el) > 0.6 * total and not _has_sentences(el):
                _drop(el)


def _has_sentences(el, strict: bool = False) -> bool:
    """Whether the element has text of its own (outside links) that reads like prose."""
    own = []
    for node in el.iter():
        if node.tag == "a":
            continue
        parent_is_link = any(anc.tag == "a" for anc in node.iterancestors()) if node is not el else False
        if not parent_is_link and node.text:
            own.append(node.text)
        if node is not el and node.tail and not (node.tag == "a"):
            own.append(node.tail)
        elif node.tag == "a" and node.tail:
            own.append(node.tail)
    text = " ".join(" ".join(own).split())
    if strict:
        return len(_SENTENCE_RE.findall(text)) >= 3
    return bool(_SENTENCE_RE.search(text))


# ------------------------------------------------------------------ rendering


def _legacy_of(el, inherited):
    face = el.get("face")
    style = el.get("style") or ""
    m = _FONT_FAMILY_RE.search(style)
    for font in filter(None, [face, m.group(1) if m else None]):
        first = font.split(",")[0]
        enc = encoding_for_font(first)
        if enc:
            return enc
        return None  # a Unicode font named explicitly ends the legacy run
    return inherited


def _render(el, lines: list[str], legacy, ol_label: str | None = None) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    legacy = _legacy_of(el, legacy)
    if tag == "table":
        _table(el, lines, legacy)
        return
    block = tag in _BLOCK or tag in ("td", "th")
    if block and lines and lines[-1].strip():
        lines.append("")
    if tag == "br":
        lines.append("")
    elif tag == "hr":
        lines.append("")
    if ol_label:
        _append(lines, ol_label + " ", None)
    if el.text and tag != "br":
        _append(lines, el.text, legacy)
    if tag in ("ol", "ul"):
        _list(el, lines, legacy)
    else:
        for child in el:
            if isinstance(child.tag, str):
                _render(child, lines, legacy)
            if child.tail:
                _append(lines, child.tail, legacy)
    if block and lines and lines[-1].strip():
        lines.append("")


def _list(el, lines, legacy) -> None:
    ordered = el.tag == "ol"
    start = el.get("start")
    n = int(start) - 1 if start and start.lstrip("-").isdigit() else 0
    kind = el.get("type") or "1"
    fmt = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}.get(kind, "decimal")
    style = (el.get("style") or "").lower()
    if "list-style" in style and "none" in style:
        ordered = False
        bullet = None
    else:
        bullet = "•"
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "li":
            value = child.get("value")
            n = int(value) if value and value.isdigit() else n + 1
            label = f"{format_number(n, fmt)}." if ordered else bullet
            _render(child, lines, legacy, ol_label=label)
        else:
            _render(child, lines, legacy)
        if child.tail:
            _append(lines, child.tail, legacy)


def _append(lines: list[str], text: str, legacy) -> None:
    if legacy:
        text = convert_font_run(text, legacy, check=True)
    text = _ASCII_WHITESPACE.sub(" ", text)
    if not lines:
        lines.append("")
    lines[-1] += text


def _table(tbl, lines: list[str], legacy) -> None:
    rows = [tr for tr in tbl.iter("tr") if _nearest(tr, "table") is tbl]
    cells_by_row = [[c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")] for tr in rows]
    if not cells_by_row:
        return
    width = max((len(r) for r in cells_by_row), default=0)
    layout = width <= 1 or (len(rows) <= 3 and width <= 3) or _borderless(tbl)
    if lines and lines[-1].strip():
        lines.append("")

    def cell_text(cell) -> list[str]:
        cell_lines: list[str] = []
        _render(cell, cell_lines, legacy)
        return [_clean_line(x) for x in cell_lines if x.strip()]

    if layout:
        # like the docx reader: a two-column header/signature block column by column
        if width == 2 and len(cells_by_row) <= 4:
            order = [row[c] for c in range(2) for row in cells_by_row if c < len(row)]
        else:
            order = [cell for row in cells_by_row for cell in row]
        for cell in order:
            lines.extend(cell_text(cell))
    else:
        for cells in cells_by_row:
            texts = [" ".join(cell_text(cell)) for cell in cells]
            if any(texts):
                lines.append(" | ".join(texts))
    lines.append("")


def _borderless(tbl) -> bool:
    border = tbl.get("border")
    style = (tbl.get("style") or "").lower()
    if border and border.strip() not in ("0", ""):
        return False
    if "border" in style and "none" not in style and "0px" not in style and "border: 0" not in style:
        return False
    # a table whose cells are themselves full of paragraphs is layout, not data
    cells = list(tbl.iter("td", "th"))
    if not cells:
        return True
    long_cells = sum(1 for c in cells if _text_len(c) > 400)
    return long_cells >= 1 and len(cells) <= 6


def _nearest(el, tag):
    for anc in el.iterancestors():
        if anc.tag == tag:
            return anc
    return None


def _clean_line(line: str) -> str:
    return _SPACES_TABS.sub(" ", line).strip()
