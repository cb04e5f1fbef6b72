"""Which docextract modules run compiled, and a guard against out-of-date compiled copies.

setup.py compiles the hot modules with Cython when it can. Each compiled copy sits next to its
source, and Python imports it in preference to the source. The finder installed here gives the
source instead in two cases:
- the source changed after the build (an editable install that was edited): running the old
  compiled copy would silently ignore the edit, so the source runs and a warning says to rebuild;
- DOCEXTRACT_PURE_PYTHON=1 is set, to debug, profile or compare the two builds.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import warnings
from pathlib import Path

PURE_PYTHON_VARIABLE = "DOCEXTRACT_PURE_PYTHON"
# An install writes a source file and its compiled copy one after the other: a source newer by
# less than this is not an edit.
STALE_AFTER_SECONDS = 2.0
_COMPILED_SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES)


class SourceWhenStale(importlib.abc.MetaPathFinder):
    """Finds docextract's submodules as the path finder does, except that it returns the source
    of a compiled module when the source is newer or pure Python is asked for."""

    def __init__(self, pure_python: bool):
        self.pure_python = pure_python

    def find_spec(self, name, path, target=None):
        if path is None or not name.startswith(__package__ + "."):
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or not (spec.origin or "").endswith(_COMPILED_SUFFIXES):
            return spec
        compiled = Path(spec.origin)
        source = compiled.with_name(name.rpartition(".")[2] + ".py")
        if not source.is_file():
            return spec
        if self.pure_python:
            return importlib.util.spec_from_file_location(name, source)
        if source.stat().st_mtime > compiled.stat().st_mtime + STALE_AFTER_SECONDS:
            warnings.warn(f"{name}: the compiled copy is older than {source}; running the source "
                          f"(`pip install -e .` compiles it again)", stacklevel=2)
            return importlib.util.spec_from_file_location(name, source)
        return spec


def install() -> None:
    """Put the finder first on sys.meta_path (once)."""
    if not any(isinstance(finder, SourceWhenStale) for finder in sys.meta_path):
        pure_python = os.environ.get(PURE_PYTHON_VARIABLE, "") not in ("", "0")
        sys.meta_path.insert(0, SourceWhenStale(pure_python))


def compiled_modules() -> list[str]:
    """The docextract modules imported so far that run compiled."""
    return sorted(name for name, module in list(sys.modules.items())
                  if name.startswith(__package__ + ".")
                  and (getattr(module, "__file__", None) or "").endswith(_COMPILED_SUFFIXES))
