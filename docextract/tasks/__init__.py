"""Tasks, assignees, deadlines and targets (SPEC §4, §5).

``extract_tasks(record)`` is called by the pipeline after the references: it assembles the
tasks over the section tree (``assemble``) and the task tables (``tables``), reads the roles of
the bodies each task names (``roles``), its deadline (``deadlines``) and the numeric goals of
the objectives and the tasks (``targets``).
"""
from .extract import extract_tasks

__all__ = ["extract_tasks"]
