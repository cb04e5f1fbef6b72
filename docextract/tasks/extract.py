"""The tasks stage: what ``docextract.tasks`` exports (compiled with the other hot modules;
a package's ``__init__`` stays Python)."""
from __future__ import annotations

import bisect

import regex as re

from .. import vocab
from ..model import Assignee, DocumentRecord, Target, Task
from .assemble import Assembler, Unit, _dedupe
from .context import DocContext
from .deadlines import choose
from .learned import judge_assignees, judge_tasks, tag_agencies
from .tables import read_task_tables
from .targets import DIGIT, content_words, find_targets, same_target

__all__ = ["extract_tasks"]

def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \n\t":
        end -= 1
    while start < end and text[start] in " \n\t":
        start += 1
    return start, end


def _assignees(ctx: DocContext, assembler: Assembler, unit: Unit, start: int, end: int) -> list[Assignee]:
    if unit.fixed_assignees is not None:
        return _dedupe(unit.fixed_assignees)
    parse = assembler.roles(start, end)  # most units are a span the assembler has read already
    inherited = list(unit.inherited.assignees)
    subjects = [r for r in parse.subjects() if not ctx.is_issuer(r.mention)]
    first = [r for r in subjects if r.clause == 0 or r.via == "issuer_object"]
    later = [r for r in subjects if not (r.clause == 0 or r.via == "issuer_object")]
    specific_first = [r for r in first if not r.mention.generic]
    out: list[Assignee] = []
    if specific_first or (first and not inherited):
        out = [Assignee(r.mention.name, r.role, (r.mention.start, r.mention.end)) for r in first]
    else:
        out = [Assignee(a.agency, a.role, None) for a in inherited]
    for r in later:
        if r.mention.generic and out:
            continue
        out.append(Assignee(r.mention.name, r.role, (r.mention.start, r.mention.end)))
    for r in parse.supports():
        if any(a.agency.casefold() == r.mention.name.casefold() for a in out):
            continue
        out.append(Assignee(r.mention.name, "support", (r.mention.start, r.mention.end)))
    return _dedupe(out)


def _references_within(record: DocumentRecord):
    """A function (start, end) -> ids of the references whose span lies inside [start, end], in the
    order of ``record.references`` (the references indexed once by where they start)."""
    located = sorted((r.span[0], i) for i, r in enumerate(record.references) if r.span)
    starts = [s for s, _ in located]

    def within(start: int, end: int) -> list[str]:
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_right(starts, end)
        inside = sorted(i for _, i in located[lo:hi] if record.references[i].span[1] <= end)
        return [record.references[i].id for i in inside]

    return within


def extract_tasks(record: DocumentRecord) -> tuple[list[Task], list[Target]]:
    """Tasks and targets of ``record``. A failure here is reported in ``record.warnings`` and leaves
    the rest of the record (header, sections, references) intact."""
    try:
        return _extract_tasks(record)
    except Exception as exc:  # noqa: BLE001 - one extractor must not lose the whole record
        record.warnings.append(f"tasks: {type(exc).__name__}: {exc}")
        return [], []


def _extract_tasks(record: DocumentRecord) -> tuple[list[Task], list[Target]]:
    if not record.document.instructs:
        return [], []  # a page no body issued, a letter that only answers: nobody is instructed
    ctx = DocContext.build(record)
    assembler = Assembler(ctx)
    assembler.run()
    rows, tables = read_task_tables(ctx)
    units = [u for u in assembler.units if not _inside_any(u.span, tables)] + rows
    units.sort(key=lambda u: u.span[0])
    tasks: list[Task] = []
    references_within = _references_within(record)
    seen_spans = set()
    for unit in units:
        start, end = _trim(ctx.text, *unit.span)
        if end <= start or (start, end) in seen_spans:
            continue
        seen_spans.add((start, end))
        assignees = _assignees(ctx, assembler, unit, start, end)
        if (unit.normative or ctx.normative) and not assignees and unit.kind != "row":
            continue  # in a legal text, a clause that names nobody is a rule, not a task
        own = _outside_topic(ctx.text, start, end, assembler.deadlines(start, end))
        if unit.fixed_deadline is not None:
            deadline, listed = unit.fixed_deadline, [unit.fixed_deadline] + [f.deadline for f in own]
        else:
            deadline, listed = choose(own, unit.inherited.deadline)
        task = Task(
            id=f"t{len(tasks) + 1}",
            section=unit.section.id if unit.section else None,
            path=unit.path,
            text=ctx.text[start:end],
            span=(start, end),
            assignees=assignees,
            deadline=deadline,
            deadlines=listed if len(listed) > 1 else [],
            references=references_within(start, end),
        )
        tasks.append(task)
    _asked_stay_asked(tasks)
    if record.document.about_province:
        _qualify_local_bodies(tasks, record.document.about_province)
    tasks, not_tasks = judge_tasks(tasks, record)
    tag_agencies(tasks, record)
    judge_assignees(tasks, record)
    targets = _targets(ctx, assembler, tasks, not_tasks)
    return tasks, targets


# A local body named by its level alone ("Ủy ban nhân dân tỉnh", "Thường trực Tỉnh ủy", "Thành
# phố"), not a group ("các tỉnh", "cấp tỉnh"): in a central document it is the subject province's.
LEVEL_WITHOUT_PLACE = re.compile(r"^(?!.*\b(?:các|cấp|những|mọi)\s)(?P<head>.*?)(?:(?P<level>tỉnh|thành phố)|(?P<party>Tỉnh ủy|Thành ủy))$",
                                 re.IGNORECASE)


def _qualify_local_bodies(tasks: list[Task], province: str) -> None:
    """In a central document about one province, "Ủy ban nhân dân tỉnh" is that province's."""
    kind = vocab.province_kind(province)
    for task in tasks:
        for assignee in task.assignees:
            m = LEVEL_WITHOUT_PLACE.match(assignee.agency)
            if not m:
                continue
            if m.group("party"):
                assignee.agency = f"{assignee.agency} {province}"
            else:
                level = kind if m.group("level").islower() else kind[:1].upper() + kind[1:]
                assignee.agency = f"{m.group('head')}{level} {province}"


# "Về điều chuyển số vốn dư, không có khả năng giải ngân trong năm 2025 ...: Ủy ban nhân dân tỉnh ...
# trước ngày 31/3/2026": a conclusion's topic before its colon; the dates in it are the topic's.
TOPIC_LEAD = re.compile(r"Về\s[^:\n]{3,400}:")


def _outside_topic(text: str, start: int, end: int, found: list) -> list:
    """The deadlines of a task that do not stand in its leading "Về ...:" topic."""
    topic = TOPIC_LEAD.match(text, start, end)
    if topic is None:
        return found
    return [f for f in found if f.start >= topic.end()]


def _asked_stay_asked(tasks: list[Task]) -> None:
    """A body the document asks ("Đề nghị Ủy ban Mặt trận Tổ quốc ...") stands outside the
    issuer's command: where another task names it among those who act, it is asked there too."""
    asked = {a.agency.casefold() for task in tasks for a in task.assignees if a.role == "requested"}
    if not asked:
        return
    for task in tasks:
        for assignee in task.assignees:
            if assignee.role == "lead" and assignee.agency.casefold() in asked:
                assignee.role = "requested"


def _targets(ctx: DocContext, assembler: Assembler, tasks: list[Task], not_tasks: list[Task]) -> list[Target]:
    """Goals of the objectives first, then of the tasks; a figure stated in both is kept once.
    The candidates judged not to be tasks still state goals ("Phấn đấu 100% ..."): read as objectives."""
    passages = []  # (start, end, zone, task)
    for obj in assembler.objectives:
        passages.append((obj.span[0], obj.span[1], "objective", None))
    for candidate in not_tasks:
        passages.append((candidate.span[0], candidate.span[1], "objective", None))
    for task in tasks:
        passages.append((task.span[0], task.span[1], "task", task))
    passages.sort(key=lambda p: (p[0], p[2] != "objective"))
    out: list[Target] = []
    # figure -> zone -> the content words of the goals kept (a goal is compared only with the goals
    # of the same figure: a long text states thousands; and once with each set of words, however
    # often a long text repeats it)
    kept_by_figure: dict[tuple, dict[str, set[frozenset[str]]]] = {}
    covered = bytearray(len(ctx.text))  # 1 where a goal kept lies (one test per goal, not one per goal kept)
    words: dict[tuple[int, int], set[str]] = {}  # clause span -> content words (read when compared)

    def words_of(clause: tuple[int, int]) -> set[str]:
        if clause not in words:
            words[clause] = content_words(ctx.text[clause[0]:clause[1]])
        return words[clause]

    for start, end, zone, task in passages:
        if DIGIT.search(ctx.text, start, end) is None:
            continue  # (every goal figure has a digit)
        for found in find_targets(ctx.text[start:end]):
            s, e = start + found.start, start + found.end
            if s < len(covered) and covered[s]:
                continue
            key = (found.comparator, float(found.value), found.value_max, found.unit == "%")
            clause = (start + found.clause[0], start + found.clause[1])
            same_figure = kept_by_figure.setdefault(key, {})
            if any(same_target(kept, words_of(clause)) for z, kept_words in same_figure.items() if z != zone
                   for kept in kept_words):
                continue  # the same goal repeated in the objectives and in a task
            same_figure.setdefault(zone, set()).add(frozenset(words_of(clause)))
            e = min(e, len(covered))
            covered[s:e] = b"\x01" * (e - s)
            cs, ce = _trim(ctx.text, start + found.clause[0], start + found.clause[1])
            deadline = None
            if task is not None:
                deadline = task.deadline
            else:
                own = [f for f in assembler.deadlines(cs, ce)]
                deadline = own[0].deadline if own else None
            target = Target(
                id=f"g{len(out) + 1}", text=ctx.text[cs:ce], span=(cs, ce), metric=found.metric or None,
                comparator=found.comparator, value=found.value, value_max=found.value_max, unit=found.unit,
                deadline=deadline, task=task.id if task is not None else None)
            out.append(target)
            if task is not None:
                task.targets.append(target.id)
    return out


def _inside_any(span: tuple[int, int], extents: list[tuple[int, int]]) -> bool:
    """Whether ``span`` lies within one of ``extents`` (few: the task tables of one document)."""
    return any(start <= span[0] and span[1] <= end for start, end in extents)
