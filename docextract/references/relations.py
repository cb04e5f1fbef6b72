"""The relation of a citing document to a cited one, read from the words before the mention (SPEC §3).

The nearest cue before the mention in its sentence decides; the text of other citations (their
titles: "Nghị định số 107/2021/NĐ-CP ... về việc sửa đổi ... Nghị định số 61/2018/NĐ-CP") is masked,
so a verb inside another document's title does not type this one. A mention inside another
mention's title is only mentioned. Amending, replacing and repealing are the citing document's
own acts; when the sentence is an order to prepare them ("tham mưu ... sửa đổi", "để thay thế"),
the relation is ``mentions``.
"""
from __future__ import annotations

from typing import Optional

import regex as re

# "Căn cứ ..." opening a paragraph: the legal basis lines of a normative or administrative text.
BASIS_PARAGRAPH = re.compile(r"\s*(?:[-–+•]\s*)?Căn\s+cứ(?!\p{L})")

# Cues, matched on the case-folded sentence before the mention; the last one found wins.
CUES = [
    ("amends", re.compile(r"(?<!\p{L})(?:sửa\s+đổi,?\s+bổ\s+sung|sửa\s+đổi|bổ\s+sung\s+một\s+số)(?!\p{L})")),
    ("replaces", re.compile(r"(?<!\p{L})thay\s+thế(?!\p{L})")),
    ("repeals", re.compile(r"(?<!\p{L})(?:bãi\s+bỏ|hủy\s+bỏ|bãi\s+bỏ\s+toàn\s+bộ)(?!\p{L})")),
    # "hướng dẫn thi hành Nghị định ..."; "theo hướng dẫn tại Công văn ..." follows guidance instead;
    # "Nghị định / Thông tư / quy định hướng dẫn Luật X" names another document that guides X
    ("guides", re.compile(r"(?<!\p{L})(?<!theo\s)(?<!văn\s+bản\s)(?<!các\s)(?<!(?:định|tư|quyết)\s)hướng\s+dẫn"
                          r"(?:\s+(?:thi\s+hành|thực\s+hiện|chi\s+tiết))?(?!\p{L})")),
    ("implements", re.compile(
        r"(?<!\p{L})(?:thực\s+hiện|triển\s+khai|theo|quán\s+triệt|cụ\s+thể\s+hóa|thi\s+hành|chấp\s+hành|"
        r"tinh\s+thần|được\s+giao\s+tại|được\s+giao\s+trong|quy\s+định\s+tại|phân\s+công\s+tại|"
        r"tuân\s+thủ|căn\s+cứ)(?!\p{L})")),
]
# Orders to prepare an act: amending/replacing/repealing then belongs to a future document.
PREPARATION = re.compile(
    r"(?<!\p{L})(?:tham\s+mưu|nghiên\s+cứu|đề\s+xuất|kiến\s+nghị|trình|xây\s+dựng|dự\s+thảo|soạn\s+thảo|"
    r"để|rà\s+soát|đề\s+nghị)(?!\p{L})"
)
# An act in the passive: "Luật X (được sửa đổi bởi khoản 2 Điều 1 Luật Y)", "được thay thế bởi Bộ luật Dân
# sự 2015": the cited document did the act (to another), not the citing one. The passive word before the
# cue, or its agent ("bởi", "tại") right after it.
PASSIVE_BEFORE = re.compile(r"(?<!\p{L})(?:được|bị)\s+\Z")
AGENT_AFTER = re.compile(r"\G\s*(?:bởi|tại)(?!\p{L})")
# An act that is another document's name: "dự án Luật sửa đổi, bổ sung một số điều của Luật Xây dựng" (the
# bill amends Luật Xây dựng, the citing text does not); the type word right before the cue, inside a line
# (a title line "NGHỊ ĐỊNH / Sửa đổi, bổ sung ..." opening the document is the document's own act).
NAMED_ACT_BEFORE = re.compile(r"(?<=\p{L}[ ])(?:luật|bộ\s+luật|pháp\s+lệnh|nghị\s+định|thông\s+tư|nghị\s+quyết|quyết\s+định)\s+\Z")
# What ends the clause an act is in before the mention: a closed parenthesis ("Bộ luật Hình sự năm 2015
# (sửa đổi, bổ sung năm 2017); Quy định số 69-QĐ/TW": the amendment is the code's) or a list's semicolon.
CLAUSE_BREAK = re.compile(r"[;)]")
# "Thông tư này hướng dẫn ... theo Quyết định số ..." (scope article): the document guides what it names.
SELF_GUIDES = re.compile(r"(?<!\p{L})(?:thông\s+tư|nghị\s+định|quyết\s+định|hướng\s+dẫn|văn\s+bản)\s+này\s+"
                         r"(?:hướng\s+dẫn|quy\s+định\s+chi\s+tiết)(?!\p{L})")
# The words one of which every match of a pattern above contains (lower case, as in the patterns): a
# sentence without any has no match, and most sentences have none (no entry: always searched).
CUE_WORDS = {"amends": ("sửa", "bổ"), "replaces": ("thay",), "repeals": ("bãi", "hủy"), "guides": ("hướng",)}
SELF_GUIDES_WORD = "này"
OWN_ACTS = {"amends", "replaces", "repeals"}
# How far (characters, spaces and masked citations not counted) a cue reaches to the mention:
# an act on a document names it at once ("sửa đổi, bổ sung một số điều của Nghị định số ...").
CUE_REACH = {"amends": 30, "replaces": 30, "repeals": 30, "guides": 30, "implements": 90}


def relation_without_cues(paragraph_text: str, nested: bool) -> Optional[str]:
    """The relation when the words before the mention do not matter, else None."""
    if nested:
        return "mentions"
    if BASIS_PARAGRAPH.match(paragraph_text):
        return "based_on"
    return None


def relation_for(sentence_before: str, paragraph_text: str, nested: bool) -> str:
    """Relation from the masked sentence text before a mention and its paragraph."""
    return relation_without_cues(paragraph_text, nested) or relation_from_cues(sentence_before)


def relation_from_cues(sentence_before: str) -> str:
    """Relation from the cue words of the masked sentence text before a mention (when
    relation_without_cues has not decided it)."""
    low = sentence_before.casefold()
    if SELF_GUIDES_WORD in low and SELF_GUIDES.search(low):
        return "guides"
    searched = [(relation, pattern) for relation, pattern in CUES
                if relation not in CUE_WORDS or any(word in low for word in CUE_WORDS[relation])]
    cues = sorted(((m.end(), m.start(), relation) for relation, pattern in searched for m in pattern.finditer(low)),
                  reverse=True)
    for end, start, relation in cues:  # nearest first; a cue out of its reach gives way to the next
        if len(low[end:].replace(" ", "")) > CUE_REACH[relation]:
            continue
        if relation in OWN_ACTS and (PASSIVE_BEFORE.search(low, 0, start) or AGENT_AFTER.match(low, end)
                                     or NAMED_ACT_BEFORE.search(low, 0, start)):
            continue  # the act is the cited document's (or another's): an earlier cue, if any, types the mention
        if relation in OWN_ACTS and CLAUSE_BREAK.search(low, end):
            continue  # the act belongs to a clause closed before the mention
        if relation in OWN_ACTS and PREPARATION.search(low[:start]):
            return "mentions"
        return relation
    return "mentions"


# Priority when one document is cited several times with different relations (one graph edge).
PRIORITY = ["based_on", "amends", "replaces", "repeals", "guides", "implements", "mentions", "self"]


def strongest(relations) -> str:
    found = set(relations)
    return next((r for r in PRIORITY if r in found), "mentions")
