"""The references stage: what ``docextract.references`` exports (compiled with the other hot modules;
a package's ``__init__`` stays Python)."""
from __future__ import annotations

import regex as re

from ..model import DocumentRecord, Paragraph, Reference
from . import names, pinpoints, symbols, vocab
from .find import Mention, find_numbered
from .prefilter import LAWS, PARTIALS, PARTY, SELF, SYMBOLS, TITLED, candidate_paragraphs
from .relations import BASIS_PARAGRAPH
from .resolve import DocContext, document_key, key_for, learn_abbreviations, resolve

__all__ = ["extract_references", "find_mentions", "document_context"]

# Paragraph zones never searched: web-site furniture (related-document lists, page chrome).
SKIPPED_ZONES = {"chrome"}
_DATE_IN_TEXT = re.compile(r"ngày\s*\d{1,2}\s*(?:[/.-]\s*\d{1,2}\s*[/.-]\s*|\s*tháng\s*\d{1,2}\s*năm\s*)((?:19|20)\d{2})")


def _paragraphs(record: DocumentRecord) -> list[Paragraph]:
    if record.paragraphs:
        return record.paragraphs
    out, pos = [], 0
    for line in record.text.split("\n"):  # a record built without layout: one paragraph per line
        out.append(Paragraph(span=(pos, pos + len(line)), text=line))
        pos += len(line) + 1
    return out


def find_mentions(record: DocumentRecord) -> list[Mention]:
    """Every mention in the record's searchable paragraphs, in text order.

    Only the paragraphs ``prefilter`` finds a trigger in are searched, each with the finders its
    triggers call for, at the positions they give; the others could hold no mention."""
    text = record.text
    paragraphs = _paragraphs(record)
    found: list[Mention] = []
    for i, hits in candidate_paragraphs(text, [p.span[0] for p in paragraphs]):
        para = paragraphs[i]
        if para.zone in SKIPPED_ZONES:
            continue
        start, end, zone = para.span[0], para.span[1], para.zone
        numbered: list[Mention] = []
        laws, party, titled, selves = [], [], [], []
        if SYMBOLS in hits or PARTIALS in hits:
            numbered = find_numbered(text, start, end, zone, i, symbol_marks=hits.get(SYMBOLS, ()),
                                     partial_at=hits.get(PARTIALS, ()))
        if LAWS in hits:
            based_on = bool(BASIS_PARAGRAPH.match(text, start, end))
            laws = names.find_laws(text, start, end, zone, i, based_on, at=hits[LAWS])
        if PARTY in hits:
            party = names.find_party_resolutions(text, start, end, zone, i, at=hits[PARTY])
        if TITLED in hits:
            titled = names.find_titled(text, start, end, zone, i, at=hits[TITLED])
        if SELF in hits:
            selves = names.find_self(text, start, end, zone, i, at=hits[SELF])
        if laws:
            laws = _merge_laws(text, laws, numbered)
        if laws or party or selves or titled:
            spans = [m.span for m in numbered]
            for group in (laws, party, selves, titled):  # "Kế hoạch này" wins over a name
                for m in group:
                    if any(a < m.span[1] and m.span[0] < b for a, b in spans):
                        continue  # part of a numbered citation ("Kế hoạch số 125-KH/TU")
                    spans.append(m.span)
                    found.append(m)
        found.extend(numbered)
    found.sort(key=lambda m: (m.span[0], -m.span[1]))
    return found


# Between a law's name and its number: "Luật Đầu tư công số 39/2019/QH14".
_NAME_TO_NUMBER = re.compile(r"\G\s*(?:,\s*)?(?:s[ốoô]\s*(?::\s*)?)?\Z")


def _merge_laws(text: str, laws: list[Mention], numbered: list[Mention]) -> list[Mention]:
    """A law named and numbered is one full mention: the name joins the numbered mention."""
    kept = []
    for law in laws:
        target = next((n for n in numbered if n.kind == "full" and n.span[0] >= law.span[1]
                       and n.span[0] == n.extra.get("symbol_start")  # no type head of its own
                       and _NAME_TO_NUMBER.match(text, law.span[1], n.span[0])), None)
        if target is None or _amended_law_number(law, target):
            kept.append(law)
            continue
        target.span = (law.span[0], target.span[1])
        target.extent = (law.span[0], target.extent[1])
        target.name = law.name
        target.head = law.head
    return kept


def _amended_law_number(law: Mention, numbered: Mention) -> bool:
    """"Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15": the number is the
    amended law's (known under a name the amending law's name ends with), not the amending law's."""
    if not law.name or not law.name.casefold().startswith(("luật sửa đổi", "pháp lệnh sửa đổi")):
        return False
    known = [l["name"] for l in vocab.laws() if l["symbol"] == numbered.symbol.text]
    folded = vocab.strip_marks(law.name)
    return any(folded.endswith(vocab.strip_marks(name)) for name in known)


def document_context(record: DocumentRecord, mentions: list[Mention] | None = None) -> DocContext:
    info = record.document
    own = symbols.parse(info.number) if info.number else None
    own_key = document_key(record)
    if own is None:  # a header the parser missed (a portal's summary above it): its "Số: ..." line still says
        own = _number_line(record)
        own_key = key_for(own, info.issuer, info.province or info.about_province) if own else None
    on_date = info.issued_date
    if not on_date:  # a document cites only earlier texts: its latest cited date bounds its own
        years = [m.date for m in (mentions or []) if m.date]
        on_date = max(years) if years else None
    return DocContext(
        doc_type=info.type, province=info.province or info.about_province, own_symbol=own, own_key=own_key,
        title=info.title, on_date=on_date, abbreviations=learn_abbreviations(record.text),
    )


# The number line of a header on its own: "Số: 3303/QĐ-BTP".
NUMBER_LINE = re.compile(r"(?:Số|SỐ)\s*[:.]\s*(?P<symbol>\S.{2,60}?)\s*")
NUMBER_LINE_REACH = 80  # paragraphs from the start of the text a header's number line may stand at


def _number_line(record: DocumentRecord) -> symbols.Symbol | None:
    """The symbol of the first paragraph that is a header's number line alone, or None."""
    for para in record.paragraphs[:NUMBER_LINE_REACH]:
        m = NUMBER_LINE.fullmatch(para.text) if para.text[:1] in "SsS" else None
        sym = symbols.parse(m.group("symbol")) if m else None
        if sym is not None and sym.known:
            return sym
    return None


def extract_references(record: DocumentRecord) -> list[Reference]:
    """The references of one document (SPEC §3), in text order, ids r1, r2 ...; each with its
    pinpoint, evidence sentence and section path; back-references point to their antecedent."""
    mentions = find_mentions(record)
    ctx = document_context(record, mentions)
    refs = resolve(record, mentions, ctx)
    skipped = tuple(p.span for p in record.paragraphs if p.zone in SKIPPED_ZONES)
    return pinpoints.annotate(record, refs, skipped)  # back-references, pinpoints, evidence, sections
