"""Patterns built on first use, listed so that a worker can build them all before its first document.

A pattern per province, per cue list or per type name is compiled when a document first needs it:
the command line stays quick to start. A batch worker (and the benchmark) calls ``build_all()``
once instead, so that no document pays for a compile (about a millisecond each, which adds up
over a corpus of short documents from many provinces).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable

_BUILDS: list[Callable[[], object]] = []  # filled as the modules that use the decorators are imported


def built_once(builder: Callable[[], object]):
    """``lru_cache(maxsize=None)`` on a builder without arguments, registered for ``build_all``."""
    cached = lru_cache(maxsize=None)(builder)
    _BUILDS.append(cached)
    return cached


def built_for(arguments: Callable[[], Iterable]):
    """``lru_cache(maxsize=None)`` on a one-argument builder; ``build_all`` calls it with each of
    ``arguments()`` (read then: the values may come from a vocabulary loaded on first use)."""

    def decorate(builder):
        cached = lru_cache(maxsize=None)(builder)
        _BUILDS.append(lambda: [cached(argument) for argument in arguments()])
        return cached

    return decorate


def build_all() -> int:
    """Build every registered pattern of the modules imported so far; returns how many builders ran."""
    for build in _BUILDS:
        build()
    return len(_BUILDS)
