"""The typed records that flow through the pipeline (one model module, as in eyecite).

Every record that points into a document carries ``span = (start, end)``: character offsets
into the *normalised* text (``DocumentRecord.text``), so that ``text[start:end]`` is the mention.
Records are plain dataclasses; ``docextract.emit`` turns them into the SPEC JSON.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

Span = tuple[int, int]


@dataclass(slots=True)
class Source:
    """Where a record came from."""

    path: Optional[str]
    format: str  # txt, docx, pdf, html, doc
    sha256: str
    encoding: Optional[str] = None  # the encoding the bytes were decoded from (utf-8, tcvn3, vni ...)


@dataclass(slots=True)
class Paragraph:
    """One logical line of the normalised text (hard wraps already joined)."""

    span: Span
    text: str
    zone: str = "body"  # header | body | closing (Nơi nhận, signature) | chrome (site furniture)


@dataclass(slots=True)
class DocumentInfo:
    """The document header (SPEC §1 ``document``)."""

    type: Optional[str] = None
    number: Optional[str] = None
    issuer: Optional[str] = None
    place: Optional[str] = None
    issued_date: Optional[str] = None
    title: Optional[str] = None
    signer: Optional[str] = None
    province: Optional[str] = None  # the issuer's province or city, used to qualify local symbols
    instructs: bool = True  # False for a page no body issued, or a letter that only answers for information
    about_province: Optional[str] = None  # a central document's subject province ("Kết luận ... với tỉnh Thanh Hóa")
    spans: dict[str, Span] = field(default_factory=dict)  # field name -> span of its evidence


@dataclass(slots=True)
class Section:
    """A node of the enumerated section tree (SPEC §2)."""

    id: str
    label: str
    path: str
    heading: str  # the text of the item's own first paragraph, enumerator removed
    span: Span  # from the enumerator to the end of the last descendant
    heading_span: Span  # the item's own first paragraph, enumerator removed
    kind: str  # roman, arabic, dotted, letter, paren, dash, plus, phan, chuong, muc, dieu, khoan, diem
    level: int
    own_span: Span = (0, 0)  # the item's own text up to its first child (several paragraphs)
    implied: bool = False  # a parent the capture lost ("2.1" seen without its "2."), kept for paths
    children: list["Section"] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(slots=True)
class Reference:
    """One mention of another document, or of the document itself (SPEC §3)."""

    id: str
    text: str
    span: Span
    type: Optional[str] = None
    symbol: Optional[str] = None
    year: Optional[int] = None
    date: Optional[str] = None
    issuer: Optional[str] = None
    title: Optional[str] = None
    name: Optional[str] = None  # for mentions without a number ("Luật Đầu tư công")
    relation: str = "mentions"
    target: Optional[str] = None
    # Optional extras (not scored): the cited part ({"dieu": "5", "khoan": "2", "diem": "a"}), the
    # sentence the mention stands in, the path of the section holding it, and for a back-reference
    # ("Nghị định nêu trên") the id of the reference it points back to.
    pinpoint: Optional[dict] = None
    evidence: Optional[str] = None
    section: Optional[str] = None
    refers_to: Optional[str] = None


@dataclass(slots=True)
class Deadline:
    """When a task or target is due (SPEC §4)."""

    kind: str  # by | recurring | relative | ongoing | period
    text: str
    span: Optional[Span] = None
    date: Optional[str] = None
    start: Optional[str] = None
    every: Optional[str] = None
    within_days: Optional[int] = None


@dataclass(slots=True)
class Assignee:
    agency: str
    role: str  # lead | support | requested
    span: Optional[Span] = None  # the agency's mention, when the task names it itself
    confidence: Optional[float] = None  # the learned model's probability that this assignment holds
    canonical: Optional[str] = None  # the gazetteer's name of the body (docextract.identity)


@dataclass(slots=True)
class Target:
    """A numeric goal (SPEC §5)."""

    id: str
    text: str
    span: Span
    metric: Optional[str]
    comparator: str  # >= > <= < = range
    value: float
    value_max: Optional[float] = None
    unit: Optional[str] = None
    deadline: Optional[Deadline] = None
    task: Optional[str] = None


@dataclass(slots=True)
class Task:
    """One instruction that some body must carry out (SPEC §4)."""

    id: str
    section: Optional[str]
    path: Optional[str]
    text: str
    span: Span
    assignees: list[Assignee] = field(default_factory=list)
    deadline: Optional[Deadline] = None
    deadlines: list[Deadline] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)  # Target ids
    references: list[str] = field(default_factory=list)  # Reference ids
    confidence: Optional[float] = None  # the learned model's probability that this is a task
    key: Optional[str] = None  # stable across re-runs: document key, path and text (docextract.identity)


@dataclass(slots=True)
class DocumentRecord:
    """Everything docextract knows about one document."""

    source: Source
    text: str
    document: DocumentInfo
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def all_sections(self):
        for node in self.sections:
            yield from node.walk()
