"""Word 2007+ (.docx) -> text, one paragraph per line, in document order.

python-docx opens the package; the body is then walked as XML so that everything Word shows is
kept in order: paragraphs, tables (and paragraphs inside them), text boxes, content controls,
footnotes. Word's automatic list numbering is not in the paragraph text, so each label
("1.", "a)", "-", "I.", "2.1.") is rebuilt from numbering.xml (see :class:`Numbering`).

Tables: a borderless or small table is page layout (the two-column header "issuer | Quốc hiệu",
"Số | place and date"; the signature block): its cells are read one paragraph per line, column
by column for a two-column block. Any other table holds data (task tables): one row per line, cells joined with " | ".
Footnote references become "[n]" and the footnotes follow the body as "[n] text" lines.
Runs set in a legacy font (.VnTime = TCVN3, VNI-Times = VNI) are converted to Unicode.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib

from ..errors import UnreadableInput
from .legacy import convert_font_run, encoding_for_font

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"

MAX_ENTRIES = 10_000  # parts in the zip
MAX_UNPACKED = 256 * 1024 * 1024  # bytes once inflated, all parts (python-docx holds them all): more is a zip bomb
# Bytes once inflated of the XML parts together: lxml's tree takes about ten times its text, so
# this keeps a Word file's parse under 1 GB (a 1,000-page document's XML is about 20 MB).
MAX_XML_UNPACKED = 64 * 1024 * 1024
MAX_RATIO = 200  # inflated/compressed for one large part: more is a zip bomb
_INFLATE_CHUNK = 1024 * 1024
# "%1." in a numbering level's text: the placeholder for the counter of level 1 (compiled once).
LEVEL_PLACEHOLDER = re.compile(r"%([1-9])")
# A whole number in a numbering attribute (w:start, w:ilvl, w:lvlRestart): ASCII digits only
# (str.isdigit also takes "²", which int() refuses); its length is judged before int() is called.
WHOLE_NUMBER = re.compile(r"-?([0-9]+)")
# Word's own limits for a list: "Start at" takes 0..32767, a list has the levels 0..8; letters
# stop at 780 ("zzz...z", 30 letters), Roman numerals at 3999 (the largest without overbars).
# A file that states more was not made by Word: the value is clamped and the record says so.
MAX_LIST_START = 32767
LIST_LEVELS = 9
MAX_LETTER_NUMBER = 780
MAX_ROMAN_NUMBER = 3999
MAX_WARNINGS = 20  # the same kind of damage is reported once, and at most this many kinds

_MAIN_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _attr(el, name: str, default=None):
    if el is None:
        return default
    return el.get(w(name), default)


# ------------------------------------------------------------------ the package


def check_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """Open ``data`` as a zip, refusing damaged archives and zip bombs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        raise UnreadableInput(name, f"damaged or truncated zip/Word file ({exc})") from None
    if len(infos) > MAX_ENTRIES:
        raise UnreadableInput(name, f"zip with {len(infos)} parts: refused (zip bomb?)")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED:
        raise UnreadableInput(name, f"zip inflates to {total} bytes: refused (zip bomb)")
    for info in infos:
        if info.file_size > 10 * 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableInput(name, f"zip part {info.filename} inflates {info.file_size // max(info.compress_size, 1)}x: refused (zip bomb)")
        if info.flag_bits & 0x1:
            raise UnreadableInput(name, "encrypted zip: password-protected, cannot be read")
    _count_inflated(archive, infos, name)
    return archive


def _count_inflated(archive: zipfile.ZipFile, infos, name: str) -> None:
    """Inflate every part once, in chunks, counting the bytes, and stop at the limits whatever
    the headers say: a zip whose headers understate its parts, or many parts each under a
    per-part check, is refused before any library holds them in memory."""
    total = xml_total = 0
    for info in infos:
        is_xml = not info.filename.lower().startswith(("word/media/", "media/", "pictures/"))
        try:
            with archive.open(info) as part:
                while chunk := part.read(_INFLATE_CHUNK):
                    total += len(chunk)
                    xml_total += len(chunk) if is_xml else 0
                    if total > MAX_UNPACKED:
                        raise UnreadableInput(name, f"zip inflates to more than {MAX_UNPACKED} bytes: refused (zip bomb)")
                    if xml_total > MAX_XML_UNPACKED:
                        raise UnreadableInput(name, f"zip's XML parts inflate to more than {MAX_XML_UNPACKED} bytes "
                                                    "(no Word document is that large): refused (zip bomb?)")
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):
            raise UnreadableInput(name, f"damaged zip/Word file: part {info.filename[:100]!r} does not inflate to "
                                        "what its header says (truncated or altered)") from None
        except NotImplementedError:
            raise UnreadableInput(name, f"zip part {info.filename[:100]!r} uses a compression method Word does not "
                                        "write: save the file again from Word") from None


def zip_kind(archive: zipfile.ZipFile) -> str:
    """'docx', 'odt', 'xlsx', 'pptx', 'epub' or 'zip'."""
    names = set(archive.namelist())
    if "mimetype" in names:
        try:
            mime = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
        except Exception:  # noqa: BLE001 - a damaged part: judged below
            mime = ""
        if mime.startswith("application/vnd.oasis.opendocument.text"):
            return "odt"
        if mime == "application/epub+zip":
            return "epub"
    if "word/document.xml" in names or any(n.startswith("word/") and n.endswith(".xml") for n in names):
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return "zip"


_KIND_NAMES = {
    "xlsx": "an Excel workbook", "pptx": "a PowerPoint presentation", "epub": "an e-book (EPUB)",
    "zip": "a zip archive",
}


def _open_document(data: bytes, archive: zipfile.ZipFile, name: str):
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as exc:
        # .docm / .dotx / .dotm: same body, another content type. Rewrite it and retry.
        if "content type" not in str(exc) and "not a Word file" not in str(exc):
            raise UnreadableInput(name, f"not a readable Word document ({exc})") from None
        try:
            return docx.Document(io.BytesIO(_as_plain_docx(archive)))
        except Exception as exc2:  # noqa: BLE001
            raise UnreadableInput(name, f"not a readable Word document ({exc2})") from None
    except (PackageNotFoundError, KeyError) as exc:
        raise UnreadableInput(name, f"zip file without a Word document part ({exc})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise UnreadableInput(name, f"damaged or truncated Word file ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - lxml XMLSyntaxError and friends
        raise UnreadableInput(name, f"damaged Word file ({type(exc).__name__}: {exc})") from None


def _as_plain_docx(archive: zipfile.ZipFile) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            blob = archive.read(info.filename)
            if info.filename == "[Content_Types].xml":
                text = blob.decode("utf-8")
                for main in _MAIN_TYPES:
                    text = text.replace(main, _DOCX_MAIN)
                blob = text.encode("utf-8")
            target.writestr(info, blob)
    return out.getvalue()


def read_docx(data: bytes, name: str) -> tuple[str, list[str]]:
    """(text, warnings): the warnings say what in the file was damaged but read anyway."""
    archive = check_zip(data, name)
    kind = zip_kind(archive)
    if kind == "odt":
        from .doc import convert_with_soffice

        return read_docx(convert_with_soffice(data, name, "odt"), name)
    if kind != "docx":
        raise UnreadableInput(name, f"{_KIND_NAMES.get(kind, 'a zip archive')}, not a Word document")
    document = _open_document(data, archive, name)
    try:
        reader = DocxText(document)
        text = reader.text()
    except UnreadableInput:
        raise
    except Exception as exc:  # noqa: BLE001 - malformed XML inside a valid zip
        raise UnreadableInput(name, f"damaged Word file ({type(exc).__name__}: {exc})") from None
    if not text.strip():
        if _has_images(document):
            raise UnreadableInput(name, "Word file holds only images, no text (a scan?): needs OCR")
        raise UnreadableInput(name, "Word file contains no text")
    return text, reader.numbering.warnings


def _has_images(document) -> bool:
    body = document.element.body
    return any(True for _ in body.iter("{*}blip", "{*}imagedata"))


# ------------------------------------------------------------------ styles


class Styles:
    """The bits of styles.xml the reader needs: numbering, fonts, caps, borders, with basedOn."""

    def __init__(self, document):
        self.by_id = {}
        self.default_font = None
        self.default_paragraph = None
        self.default_table = None
        try:
            root = document.styles.element
        except Exception:  # noqa: BLE001 - a package without styles
            return
        for style in root.iter(w("style")):
            sid = _attr(style, "styleId")
            if sid:
                self.by_id[sid] = style
                if _attr(style, "default") in ("1", "true"):
                    kind = _attr(style, "type")
                    if kind == "paragraph":
                        self.default_paragraph = sid
                    elif kind == "table":
                        self.default_table = sid
        rfonts = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}")
        self.default_font = _font_of(rfonts)

    def chain(self, sid):
        seen = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            style = self.by_id[sid]
            yield style
            sid = _attr(style.find(w("basedOn")), "val")

    def num_pr(self, sid):
        """(numId, ilvl) declared by a paragraph style or its parents."""
        for style in self.chain(sid):
            num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
            if num_pr is not None:
                num_id = _attr(num_pr.find(w("numId")), "val")
                ilvl = whole_number(_attr(num_pr.find(w("ilvl")), "val"), 0, LIST_LEVELS - 1, "list level", [])
                if num_id is not None:
                    return num_id, ilvl
        return None, None

    def run_property(self, sid, tag):
        for style in self.chain(sid):
            el = style.find(f"{w('rPr')}/{w(tag)}")
            if el is not None:
                return el
        return None

    def table_borders(self, sid):
        for style in self.chain(sid):
            el = style.find(f"{w('tblPr')}/{w('tblBorders')}")
            if el is not None:
                return el
        return None


def _font_of(rfonts) -> str | None:
    if rfonts is None:
        return None
    return _attr(rfonts, "hAnsi") or _attr(rfonts, "ascii") or _attr(rfonts, "cs")


def _on(el) -> bool:
    """A w:b / w:caps style toggle: present and not switched off."""
    return el is not None and _attr(el, "val", "true") not in ("0", "false", "off")


# ------------------------------------------------------------------ numbering


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    """Roman numerals up to MAX_ROMAN_NUMBER; digits outside 1..MAX_ROMAN_NUMBER (no loop or
    string grows with the number)."""
    if n <= 0 or n > MAX_ROMAN_NUMBER:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa.. (the letter repeated), up to
    MAX_LETTER_NUMBER; digits outside 1..MAX_LETTER_NUMBER."""
    if n <= 0 or n > MAX_LETTER_NUMBER:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def whole_number(raw, low: int, high: int, what: str, warnings: list[str]) -> int | None:
    """The integer in attribute text ``raw`` clamped to low..high, or None when ``raw`` is absent
    or not a number. What is clamped or ignored is added to ``warnings`` in plain words."""
    if raw is None:
        return None
    match = WHOLE_NUMBER.fullmatch(raw.strip())
    if match is None:
        _warn(warnings, f"Word numbering: {what} {raw[:20]!r} is not a number; ignored")
        return None
    digits = match.group(1)
    if len(digits) > 9:  # never int() a 5,000-digit string: only its sign matters here
        value = low if raw.strip().startswith("-") else high
    else:
        value = min(max(int(match.group(0)), low), high)
    if len(digits) > 9 or value != int(match.group(0)):
        shown = raw.strip() if len(raw.strip()) <= 12 else f"{raw.strip()[:6]}... ({len(digits)} digits)"
        _warn(warnings, f"Word numbering: {what} {shown} is outside {low}..{high}; {value} used")
    return value


def _warn(warnings: list[str], message: str) -> None:
    if message not in warnings and len(warnings) < MAX_WARNINGS:
        warnings.append(message)


# Bullet characters as Word stores them (Symbol/Wingdings private-use code points included).
_DASH_BULLETS = set("-–—−‐‑\uf02d")
_PLUS_BULLETS = set("+\uf02b")


def bullet_label(text: str) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    if text[0] in _DASH_BULLETS:
        return "-"
    if text[0] in _PLUS_BULLETS:
        return "+"
    return "•"


def format_number(value: int, fmt: str) -> str:
    if fmt in ("decimal", None, ""):
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "upperRoman":
        return roman(value)
    if fmt == "lowerRoman":
        return roman(value).lower()
    if fmt == "upperLetter":
        return letters(value).upper()
    if fmt == "lowerLetter":
        return letters(value)
    if fmt == "none":
        return ""
    return str(value)  # ordinal, cardinalText, ...: digits are the honest fallback


# The largest start each format can write (see MAX_LIST_START).
_FORMAT_LIMITS = {"lowerLetter": MAX_LETTER_NUMBER, "upperLetter": MAX_LETTER_NUMBER,
                  "lowerRoman": MAX_ROMAN_NUMBER, "upperRoman": MAX_ROMAN_NUMBER}


class Level:
    __slots__ = ("start", "fmt", "text", "restart", "legal", "suffix", "style")

    def __init__(self, el=None, warnings: list[str] | None = None):
        self.start = 1
        self.fmt = "decimal"
        self.text = None
        self.restart = None  # None: restart after any higher level; 0: never; n: after level n
        self.legal = False
        self.suffix = "tab"
        self.style = None
        if el is not None:
            self.update(el, warnings if warnings is not None else [])

    def update(self, el, warnings: list[str]):
        fmt = _attr(el.find(w("numFmt")), "val")
        if fmt:
            self.fmt = fmt
        start = whole_number(_attr(el.find(w("start")), "val"), 0, _FORMAT_LIMITS.get(self.fmt, MAX_LIST_START),
                             f"list start ({self.fmt})", warnings)
        if start is not None:
            self.start = start
        text_el = el.find(w("lvlText"))
        if text_el is not None:
            self.text = _attr(text_el, "val", "")
        restart = whole_number(_attr(el.find(w("lvlRestart")), "val"), 0, LIST_LEVELS, "level restart", warnings)
        if restart is not None:
            self.restart = restart
        if el.find(w("isLgl")) is not None and _on(el.find(w("isLgl"))):
            self.legal = True
        suffix = _attr(el.find(w("suff")), "val")
        if suffix:
            self.suffix = suffix
        style = _attr(el.find(w("pStyle")), "val")
        if style:
            self.style = style

    def copy(self):
        other = Level()
        for slot in self.__slots__:
            setattr(other, slot, getattr(self, slot))
        return other


class Numbering:
    """Word list numbering (numbering.xml): rebuilds the label Word shows before a paragraph.

    Counters belong to the abstract list, so two w:num that share one w:abstractNum continue
    each other (Word's "continue numbering"); a w:num with a w:lvlOverride (Word's "restart
    numbering", or an explicit w:startOverride) gets counters of its own. Starting a level
    resets the deeper levels unless their w:lvlRestart says otherwise.
    """

    def __init__(self, document, styles: Styles):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.num_to_abstract: dict[str, str] = {}
        self.overrides: dict[str, dict[int, Level]] = {}
        self.start_overrides: dict[str, dict[int, int]] = {}
        self.counters: dict[str, list] = {}
        self.styles = styles
        self.warnings: list[str] = []  # what was clamped or ignored, in plain words, for the record
        self._style_links: dict[str, str] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            root = None
        if root is None:
            return
        links = {}
        for absnum in root.iter(w("abstractNum")):
            aid = _attr(absnum, "abstractNumId")
            levels = self.abstract[aid] = {}
            for lvl in absnum.iter(w("lvl")):
                ilvl = self.level_index(_attr(lvl, "ilvl", "0"))
                if ilvl is not None:
                    levels[ilvl] = Level(lvl, self.warnings)
            link = _attr(absnum.find(w("numStyleLink")), "val")
            if link:
                links[aid] = link
        for num in root.iter(w("num")):
            nid = _attr(num, "numId")
            aid = _attr(num.find(w("abstractNumId")), "val")
            self.num_to_abstract[nid] = aid
            levels, starts = {}, {}
            for override in num.iter(w("lvlOverride")):
                ilvl = self.level_index(_attr(override, "ilvl", "0"))
                if ilvl is None:
                    continue
                start = whole_number(_attr(override.find(w("startOverride")), "val"), 0, MAX_LIST_START,
                                     "list start", self.warnings)
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    levels[ilvl] = lvl
            if levels or starts:
                base = self.abstract.get(aid, {})
                merged = {}
                for ilvl, lvl in levels.items():
                    level = base[ilvl].copy() if ilvl in base else Level()
                    level.update(lvl, self.warnings)
                    merged[ilvl] = level
                self.overrides[nid] = merged
                self.start_overrides[nid] = starts
        # abstractNum with numStyleLink: its levels live in the abstractNum of the numbering style
        for aid, style_id in links.items():
            num_id, _ = styles.num_pr(style_id)
            target = self.num_to_abstract.get(num_id)
            if target and target != aid and self.abstract.get(target):
                self.abstract[aid] = self.abstract[target]
                self._style_links[aid] = target

    def level_index(self, raw, clamp: bool = False) -> int | None:
        """A list level (w:ilvl) as 0..8. A paragraph's level (``clamp``) outside that range is
        taken as the nearest level; a level definition outside it, or not a number, is ignored."""
        if clamp:
            return whole_number(raw, 0, LIST_LEVELS - 1, "a paragraph's list level", self.warnings)
        if raw is None:
            return None
        match = WHOLE_NUMBER.fullmatch(raw.strip())
        if match and len(match.group(1)) <= 9 and 0 <= int(match.group(0)) < LIST_LEVELS:
            return int(match.group(0))
        _warn(self.warnings, f"Word numbering: a list level {raw.strip()[:12]!r} is defined, "
                             f"not a level 0..{LIST_LEVELS - 1}; ignored")
        return None

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        aid = self.num_to_abstract.get(num_id)
        for ilvl, level in self.abstract.get(aid, {}).items():
            if level.style == style_id:
                return ilvl
        return None

    def _level(self, num_id: str, ilvl: int) -> Level | None:
        if ilvl in self.overrides.get(num_id, {}):
            return self.overrides[num_id][ilvl]
        aid = self.num_to_abstract.get(num_id)
        return self.abstract.get(aid, {}).get(ilvl)

    def label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """Advance the list and return (label, suffix) for one numbered paragraph."""
        if num_id not in self.num_to_abstract:
            return "", "tab"
        if not 0 <= ilvl < LIST_LEVELS:  # levels come clamped from the paragraph; a caller's guard
            ilvl = min(max(ilvl, 0), LIST_LEVELS - 1)
        level = self._level(num_id, ilvl)
        if level is None:
            return "", "tab"
        aid = self.num_to_abstract[num_id]
        aid = self._style_links.get(aid, aid)
        key = f"num:{num_id}" if num_id in self.overrides else f"abs:{aid}"
        counters = self.counters.get(key)
        if counters is None:
            counters = self.counters[key] = [None] * 9
            for lvl, start in self.start_overrides.get(num_id, {}).items():
                if 0 <= lvl < 9:
                    counters[lvl] = ("start", start)
        current = counters[ilvl]
        if current is None:
            counters[ilvl] = level.start
        elif isinstance(current, tuple):
            counters[ilvl] = current[1]
        else:
            counters[ilvl] = current + 1
        for deeper in range(ilvl + 1, 9):
            deeper_level = self._level(num_id, deeper)
            restart = deeper_level.restart if deeper_level is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                if not isinstance(counters[deeper], tuple):
                    counters[deeper] = None
        if level.fmt == "bullet":
            return bullet_label(level.text), level.suffix
        if level.text is None:
            return format_number(counters[ilvl], level.fmt), level.suffix

        def repl(m):
            n = int(m.group(1)) - 1
            lvl = self._level(num_id, n)
            value = counters[n]
            if isinstance(value, tuple):
                value = value[1]  # a level restarted by w:startOverride but not used yet
            elif value is None:
                value = lvl.start if lvl is not None else 1  # a level not used yet
            fmt = "decimal" if (level.legal and n != ilvl) else (lvl.fmt if lvl is not None else "decimal")
            return format_number(value, fmt)

        return LEVEL_PLACEHOLDER.sub(repl, level.text).strip(), level.suffix


# ------------------------------------------------------------------ the body


class DocxText:
    def __init__(self, document):
        self.document = document
        self.styles = Styles(document)
        self.numbering = Numbering(document, self.styles)
        self.note_numbers: dict[tuple[str, str], int] = {}
        self.notes = self._load_notes()

    # -- notes
    def _load_notes(self) -> dict[tuple[str, str], list]:
        from lxml import etree

        notes = {}
        for rel in self.document.part.rels.values():
            if rel.reltype not in (RT_FOOTNOTES, RT_ENDNOTES) or rel.is_external:
                continue
            kind = "footnote" if rel.reltype == RT_FOOTNOTES else "endnote"
            try:
                root = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False, huge_tree=False))
            except Exception:  # noqa: BLE001 - an unreadable notes part loses the notes only
                continue
            for note in root.iter(w(kind)):
                if _attr(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                notes[(kind, _attr(note, "id"))] = note
        return notes

    def text(self) -> str:
        lines: list[str] = []
        self._blocks(self.document.element.body, lines)
        if self.note_numbers:
            lines.append("")
            for (kind, nid), number in sorted(self.note_numbers.items(), key=lambda kv: kv[1]):
                note = self.notes.get((kind, nid))
                if note is None:
                    continue
                parts = []
                for p in note.iter(w("p")):
                    text, _ = self._paragraph_text(p, notes=False)
                    if text.strip():
                        parts.append(text.strip())
                lines.append(f"[{number}] " + " ".join(parts))
        return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"

    # -- blocks
    def _blocks(self, parent, lines: list[str]) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("p"):
                self._paragraph(child, lines)
            elif tag == w("tbl"):
                self._table(child, lines)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._blocks(content, lines)
            elif tag in (w("customXml"), w("ins"), w("moveTo"), w("smartTag")):
                self._blocks(child, lines)
            elif tag == f"{{{MC_NS}}}AlternateContent":
                choice = child.find(f"{{{MC_NS}}}Choice")
                if choice is not None:
                    self._blocks(choice, lines)

    def _paragraph(self, p, lines: list[str]) -> None:
        text, boxes = self._paragraph_text(p)
        label, suffix = self._label(p)
        body = text.strip(" ")
        if label:
            sep = "" if suffix == "nothing" else " "
            body = f"{label}{sep}{body}" if body.strip() else ""
        lines.extend(body.split("\n") if body else [""])
        for box in boxes:
            lines.extend(box)

    def _label(self, p) -> tuple[str, str]:
        ppr = p.find(w("pPr"))
        style = _attr(ppr.find(w("pStyle")), "val") if ppr is not None else None
        style = style or self.styles.default_paragraph
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        num_id = ilvl = None
        if num_pr is not None:
            num_id = _attr(num_pr.find(w("numId")), "val")
            ilvl = self.numbering.level_index(_attr(num_pr.find(w("ilvl")), "val"), clamp=True)
        if num_id is None:
            style_num, style_ilvl = self.styles.num_pr(style)
            num_id = style_num
            if ilvl is None:
                ilvl = style_ilvl
        if not num_id or num_id == "0":
            return "", "tab"
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, style) if style else None
        return self.numbering.label(num_id, ilvl or 0)

    # -- runs
    def _paragraph_text(self, p, notes: bool = True) -> tuple[str, list[list[str]]]:
        ppr = p.find(w("pPr"))
        pstyle = _attr(ppr.find(w("pStyle")), "val") if ppr is not None else None
        pstyle = pstyle or self.styles.default_paragraph
        out: list[str] = []
        boxes: list[list[str]] = []
        self._inline(p, out, boxes, pstyle, notes)
        return "".join(out), boxes

    def _inline(self, parent, out, boxes, pstyle, notes) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("r"):
                self._run(child, out, boxes, pstyle, notes)
            elif tag in (w("hyperlink"), w("ins"), w("moveTo"), w("smartTag"), w("fldSimple"),
                         w("customXml"), w("dir"), w("bdo")):
                self._inline(child, out, boxes, pstyle, notes)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, out, boxes, pstyle, notes)
            elif tag == f"{{{MC_NS}}}AlternateContent":
                choice = child.find(f"{{{MC_NS}}}Choice")
                if choice is not None:
                    self._inline(choice, out, boxes, pstyle, notes)
            # w:del, w:moveFrom, w:pPr, bookmarks, proofing marks: nothing shown

    def _run(self, r, out, boxes, pstyle, notes) -> None:
        rpr = r.find(w("rPr"))
        rstyle = _attr(rpr.find(w("rStyle")), "val") if rpr is not None else None

        def prop(tag):
            if rpr is not None and rpr.find(w(tag)) is not None:
                return rpr.find(w(tag))
            return self.styles.run_property(rstyle, tag) or self.styles.run_property(pstyle, tag)

        if _on(prop("vanish")) or _on(prop("webHidden")):
            return
        font = _font_of(prop("rFonts")) or self.styles.default_font
        legacy = encoding_for_font(font)
        caps = _on(prop("caps"))
        pieces: list[str] = []
        for child in r:
            tag = child.tag
            if tag == w("t"):
                pieces.append(child.text or "")
            elif tag == w("tab") or tag == w("ptab"):
                pieces.append("\t")
            elif tag in (w("br"), w("cr")):
                if _attr(child, "type") != "page" and _attr(child, "type") != "column":
                    pieces.append("\n")
            elif tag == w("noBreakHyphen"):
                pieces.append("-")
            elif tag == w("sym"):
                pieces.append(_symbol(_attr(child, "char", "")))
            elif tag in (w("footnoteReference"), w("endnoteReference")) and notes:
                kind = "footnote" if tag == w("footnoteReference") else "endnote"
                key = (kind, _attr(child, "id"))
                if key in self.notes:
                    number = self.note_numbers.setdefault(key, len(self.note_numbers) + 1)
                    if _attr(child, "customMarkFollows") not in ("1", "true"):
                        pieces.append(f"[{number}]")
            elif tag in (w("drawing"), w("pict"), w("object")) or tag == f"{{{MC_NS}}}AlternateContent":
                self._text_boxes(child, boxes)
        text = "".join(pieces)
        if legacy:
            text = convert_font_run(text, legacy, check=True)
        if caps:
            text = text.upper()
        out.append(text)

    def _text_boxes(self, el, boxes) -> None:
        if el.tag == f"{{{MC_NS}}}AlternateContent":
            choice = el.find(f"{{{MC_NS}}}Choice")
            el = choice if choice is not None else el.find(f"{{{MC_NS}}}Fallback")
            if el is None:
                return
        for content in el.iter(w("txbxContent")):
            if _boxed_deeper(content, el):
                continue  # a box inside a box is read with the outer box's paragraphs
            box: list[str] = []
            self._blocks(content, box)
            if any(line.strip() for line in box):
                boxes.append(box)

    # -- tables
    def _table(self, tbl, lines: list[str]) -> None:
        rows = []
        for tr in _table_rows(tbl):
            cells = [tc for tc in tr if tc.tag == w("tc")]
            for sdt in (c for c in tr if c.tag == w("sdt")):
                content = sdt.find(w("sdtContent"))
                if content is not None:
                    cells.extend(tc for tc in content if tc.tag == w("tc"))
            rows.append(cells)
        if not rows:
            return
        width = max(len(r) for r in rows)
        if self._is_layout_table(tbl, rows, width):
            # A two-column header or signature block is read column by column (issuer, Số, then
            # Quốc hiệu, place and date), as a PDF of it is; other layout tables row by row.
            if width == 2 and len(rows) <= 4:
                order = [row[c] for c in range(2) for row in rows if c < len(row)]
            else:
                order = [tc for row in rows for tc in row]
            for tc in order:
                if _is_merged_continuation(tc):
                    continue
                cell_lines: list[str] = []
                self._blocks(tc, cell_lines)
                lines.extend(cell_lines)
            return
        for cells in rows:
            texts = []
            for tc in cells:
                if _is_merged_continuation(tc):
                    texts.append("")
                    continue
                cell_lines: list[str] = []
                self._blocks(tc, cell_lines)
                texts.append(" ".join(x.strip() for x in cell_lines if x.strip()))
            if any(texts):
                lines.append(" | ".join(texts))

    def _is_layout_table(self, tbl, rows, width) -> bool:
        if width <= 1:
            return True
        if len(rows) <= 3 and width <= 3:
            return True
        tblpr = tbl.find(w("tblPr"))
        borders = tblpr.find(w("tblBorders")) if tblpr is not None else None
        if borders is None:
            style = _attr(tblpr.find(w("tblStyle")), "val") if tblpr is not None else None
            borders = self.styles.table_borders(style or self.styles.default_table)
        has_cell_borders = any(_attr(b, "val") not in (None, "nil", "none")
                               for tcb in tbl.iter(w("tcBorders")) for b in tcb)
        if borders is None:
            return not has_cell_borders
        visible = [b for b in borders if _attr(b, "val") not in (None, "nil", "none")]
        return not visible and not has_cell_borders


def _boxed_deeper(content, top) -> bool:
    for anc in content.iterancestors():
        if anc is top:
            return False
        if anc.tag == w("txbxContent"):
            return True
    return False


def _table_rows(tbl):
    for child in tbl:
        if child.tag == w("tr"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from _table_rows(content)


def _is_merged_continuation(tc) -> bool:
    tcpr = tc.find(w("tcPr"))
    if tcpr is None:
        return False
    vmerge = tcpr.find(w("vMerge"))
    return vmerge is not None and _attr(vmerge, "val", "continue") == "continue"


_SYMBOLS = {0xF0B7: "•", 0xF0A7: "▪", 0xF02D: "-", 0xF0D8: "➢", 0xF076: "❖", 0xF0FC: "✓", 0xF0A8: "□"}


def _symbol(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if value in _SYMBOLS:
        return _SYMBOLS[value]
    if 0xF020 <= value <= 0xF07E:
        return chr(value - 0xF000)
    return chr(value) if value < 0xE000 else ""
