"""The enumerated section tree of the body (SPEC §2).

Two genres: plans and directives (I. / 1. / 1.1. / a) / - / +) and normative texts
(Phần / Chương / Mục / Điều / Khoản / Điểm). Levels follow the document: an item whose
kind is already open becomes a sibling of it (so numbering may restart), a new kind opens a
deeper level. A dotted label "2.1" whose "2" was lost in the capture still gets the path
"2/2.1" through an implied node.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex as re

from ..model import Paragraph, Section

# Each enumerator pattern captures the label; the rest of the line is the heading.
# Order matters: the first that matches wins.
ENUMERATORS: list[tuple[str, re.Pattern]] = [
    # "Phần thứ nhất", "PHẦN I"
    ("phan", re.compile(r"^(?P<label>(?:Phần|PHẦN)\s+(?:thứ\s+\p{L}+|THỨ\s+\p{L}+|[IVXLC]+|\d+))\b[.:]?\s*")),
    # "Chương II", "CHƯƠNG 3"
    ("chuong", re.compile(r"^(?P<label>(?:Chương|CHƯƠNG)\s+(?:[IVXLC]+|\d+))\b[.:]?\s*")),
    # "Mục 1", "MỤC 2" (never "Mục tiêu")
    ("muc", re.compile(r"^(?P<label>(?:Mục|MỤC)\s+(?:[IVXLC]+|\d+))\b[.:]?\s*")),
    # "Điều 5.", "Điều 12a."
    ("dieu", re.compile(r"^(?P<label>Điều\s+\d+[a-z]?)\s*[.:]?\s*")),
    # Letter parts above the Roman numerals: "A. MỤC ĐÍCH, YÊU CẦU", "B- NỘI DUNG" (a capital letter
    # that is no Roman numeral, then a heading in capitals: "A. Nguyễn" or "B. Kết quả" is no part)
    ("part", re.compile(r"^(?P<label>[A-H])\s*[.\-–)]\s+(?=\p{Lu}[\p{Lu}\d][\p{Lu}\d\s,]*(?:\s|$))")),
    # "I. MỤC TIÊU", "III- TỔ CHỨC THỰC HIỆN", "II) ..."
    ("roman", re.compile(r"^(?P<label>[IVX]{1,5}|L?X{0,3}(?:IX|IV|V?I{0,3}))\s*[.\-–)]\s+(?=\S)")),
    # "1.1. ", "2.3.1 ", "10.2 " (each later part one or two digits: "1.325 hồ sơ" is a number)
    ("dotted", re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=\S)")),
    # "1. ", "2) "
    ("arabic", re.compile(r"^(?P<label>\d{1,3})\s*[.)]\s*(?=\p{L}|\")")),
    # "a) ", "đ) ", "a. "
    ("letter", re.compile(r"^(?P<label>[a-zđ])\s*[).]\s+(?=\S)")),
    # "(1) ", "(2) " (items under a letter or a number in the Prime Minister's telegrams and plans)
    ("paren", re.compile(r"^\((?P<label>\d{1,2})\)\s+(?=\S)")),
    # "- ", "– ", "• "
    ("dash", re.compile(r"^(?P<label>[-–—•])\s*(?=\S)")),
    # "+ "
    ("plus", re.compile(r"^(?P<label>\+)\s*(?=\S)")),
]

# The characters an enumerator of each kind can start with (its label's first character).
_FIRST_CHARS = {
    "phan": "P", "chuong": "C", "muc": "M", "dieu": "Đ", "part": "ABCDEFGH", "roman": "IVXL",
    "dotted": "0123456789", "arabic": "0123456789", "letter": "abcdefghijklmnopqrstuvwxyzđ",
    "paren": "(", "dash": "-–—•", "plus": "+",
}
# The enumerators worth trying on a paragraph, by its first character (in ENUMERATORS order).
# Any other character can only be a non-ASCII digit (\d), which only "dotted" and "arabic" take.
_ENUMERATORS_BY_FIRST_CHAR: dict[str, list[tuple[str, re.Pattern]]] = {}
for _kind, _pattern in ENUMERATORS:
    for _char in _FIRST_CHARS[_kind]:
        _ENUMERATORS_BY_FIRST_CHAR.setdefault(_char, []).append((_kind, _pattern))
_ENUMERATORS_OTHER_CHAR = [(kind, pattern) for kind, pattern in ENUMERATORS if kind in ("dotted", "arabic")]
ROMAN_NUMERAL = re.compile(r"[IVXLC]+")

# The default depth of each kind, used only when a kind opens for the first time.
# A letter part ranks above the Roman numerals and closes an open Điều (the plan a decision issues).
RANK = {"phan": 0, "chuong": 1, "muc": 2, "part": 2.5, "dieu": 3, "roman": 4, "arabic": 5, "dotted": 6,
        "letter": 7, "paren": 7.5, "dash": 8, "plus": 9}

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(label: str) -> int:
    total = 0
    for char, nxt in zip(label, label[1:] + " "):
        value = _ROMAN_VALUES[char]
        total += -value if _ROMAN_VALUES.get(nxt, 0) > value else value
    return total


@dataclass
class _Item:
    kind: str
    label: str
    para: Paragraph
    heading_start: int


def match_enumerator(text: str) -> tuple[str, str, int] | None:
    """(kind, label, length of the enumerator) for a paragraph that starts an item."""
    for kind, pattern in _ENUMERATORS_BY_FIRST_CHAR.get(text[:1], _ENUMERATORS_OTHER_CHAR):
        match = pattern.match(text)
        if not match or not match.group("label"):
            continue
        label = match.group("label")
        if kind == "roman" and (not ROMAN_NUMERAL.fullmatch(label) or roman_value(label) > 40):
            continue
        return kind, label, match.end()
    return None


ANNEX = "annex"  # an _Item kind that only restarts the tree at the root


def _items(paragraphs: list[Paragraph]) -> list[_Item]:
    items = []
    for para in paragraphs:
        if para.zone == "annex":
            if not items or items[-1].kind != ANNEX:
                items.append(_Item(ANNEX, "", para, para.span[0]))
            continue
        if para.zone != "body" or para.text.startswith("|"):
            continue
        found = match_enumerator(para.text)
        if found:
            kind, label, length = found
            items.append(_Item(kind, label, para, para.span[0] + length))
    return items


def _display_label(kind: str, label: str) -> str:
    if kind in ("dash",):
        return "-"
    if kind in ("phan", "chuong", "muc"):
        word, _, rest = label.partition(" ")
        return f"{word.capitalize()} {rest}"
    return label


def parse_sections(text: str, paragraphs: list[Paragraph]) -> list[Section]:
    """Build the section tree of the body paragraphs."""
    items = _items(paragraphs)
    body_end = next((p.span[1] for p in reversed(paragraphs) if p.zone == "body"), 0)  # the last body paragraph
    roots: list[Section] = []
    stack: list[Section] = []
    counter = 0

    def new_section(kind, label, heading_span, start, implied=False) -> Section:
        nonlocal counter
        counter += 1
        return Section(id=f"s{counter}", label=label, path="", heading=text[heading_span[0]:heading_span[1]],
                       span=(start, start), heading_span=heading_span, kind=kind, level=0, implied=implied)

    bullets: dict[tuple[int, str], int] = {}  # (id of a siblings list, kind) -> bullets in it so far

    def attach(node: Section, parent: Section | None) -> None:
        siblings = parent.children if parent else roots
        if node.kind in ("dash", "plus"):
            # the n-th bullet of its kind among its siblings (counted, not recounted: linear)
            key = (id(siblings), node.kind)
            position = bullets[key] = bullets.get(key, 0) + 1
            segment = f"{node.label}{position}"
        else:
            segment = node.label
        node.path = f"{parent.path}/{segment}" if parent else segment
        node.level = parent.level + 1 if parent else 0
        siblings.append(node)
        stack.append(node)

    for item in items:
        kind = item.kind
        if kind == ANNEX:  # an annex has its own tree, from the root
            stack.clear()
            continue
        label = _display_label(kind, item.label)
        heading_span = (item.heading_start, item.para.span[1])
        node = new_section(kind, label, heading_span, item.para.span[0])
        # Close levels: back to an open node of the same kind (a sibling), else close every
        # node that ranks deeper than this kind.
        same = next((i for i in range(len(stack) - 1, -1, -1) if _same_level(stack[i], kind, label)), None)
        if same is not None:
            del stack[same:]
        elif kind == "part" and any(open_node.kind == "roman" for open_node in stack):
            # "II. ..." then "A. LĨNH VỰC ...": parts opened inside a Roman item stay inside it
            while stack[-1].kind != "roman":
                stack.pop()
        else:
            while stack and RANK[stack[-1].kind] > RANK[kind]:
                stack.pop()
        if kind == "dotted":
            _attach_dotted(node, stack, attach, new_section)
            continue
        attach(node, stack[-1] if stack else None)

    _close_spans(roots, text, paragraphs, body_end)
    return roots


def _same_level(open_node: Section, kind: str, label: str) -> bool:
    if open_node.kind != kind:
        return False
    if kind == "dotted":
        return open_node.label.count(".") == label.count(".")
    return True


def _attach_dotted(node: Section, stack: list[Section], attach, new_section) -> None:
    """Attach "2.1" under the open "2"; when the "2" was lost, under an implied "2"."""
    prefix = node.label.rsplit(".", 1)[0]
    parent_kind = "dotted" if "." in prefix else "arabic"
    while stack and RANK[stack[-1].kind] >= RANK[parent_kind] and not (
            stack[-1].kind == parent_kind and stack[-1].label == prefix):
        if stack[-1].kind == parent_kind or RANK[stack[-1].kind] > RANK[parent_kind]:
            stack.pop()
        else:
            break
    if stack and stack[-1].kind == parent_kind and stack[-1].label == prefix:
        attach(node, stack[-1])
        return
    implied = new_section(parent_kind, prefix, (node.span[0], node.span[0]), node.span[0], implied=True)
    attach(implied, stack[-1] if stack else None)
    attach(node, implied)


def _close_spans(roots: list[Section], text: str, paragraphs: list[Paragraph], body_end: int) -> None:
    """Each section spans from its enumerator to the start of the next item not inside it."""

    def close(node: Section, end: int) -> None:
        end = _trim(text, end)
        node.span = (node.span[0], max(node.span[0], end))
        for i, child in enumerate(node.children):
            child_end = node.children[i + 1].span[0] if i + 1 < len(node.children) else end
            close(child, child_end)
        first_child = node.children[0].span[0] if node.children else node.span[1]
        own_end = _trim(text, first_child)
        node.own_span = (node.heading_span[0], max(node.heading_span[0], own_end))

    for i, root in enumerate(roots):
        end = roots[i + 1].span[0] if i + 1 < len(roots) else body_end
        close(root, end)


def _trim(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " \n":
        end -= 1
    return end
