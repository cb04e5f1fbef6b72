"""Build hook: compile the pipeline's hot modules with Cython.

Cython compiles the plain Python source as it is (no .pyx), which makes the per-token and
per-clause work of the extractors about a sixth cheaper; the token grammar of the agency
recogniser also declares C integers for its token indices (``@cython.locals``, a no-op in Python:
docextract/cython_shim.py stands in when Cython is not installed). The pure-Python package is
the fallback: without Cython, without a C compiler, or with DOCEXTRACT_PURE_PYTHON=1 set, the
modules are left uncompiled and behave the same (the extensions are optional). At run time,
docextract/compiled.py runs a module's source instead of a compiled copy older than it.
"""
from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

# The stages every document goes through (read -> normalise -> structure -> extract -> emit).
# The command line, the batch runner, the graph store and the docx/pdf/html readers are left
# out: they run once per file or spend their time in other libraries.
COMPILED_PACKAGES = ["agencies", "references", "structure", "tasks"]
COMPILED_MODULES = ["emit", "model", "normalise", "pipeline", "scan", "vocab", "read/legacy", "read/text"]


def _sources() -> list[str]:
    root = Path("docextract")
    paths = [root / f"{name}.py" for name in COMPILED_MODULES]
    for package in COMPILED_PACKAGES:
        # (package __init__ files stay Python, so that docextract.compiled needs no special case
        # for packages when it falls back to a module's source)
        paths.extend(p for p in sorted((root / package).glob("*.py")) if p.name != "__init__.py")
    return [str(p) for p in paths]


def _extensions() -> list:
    if os.environ.get("DOCEXTRACT_PURE_PYTHON", "") not in ("", "0"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    extensions = cythonize(_sources(), compiler_directives={"language_level": 3}, quiet=True,
                           nthreads=os.cpu_count() or 1, build_dir="build/cython")  # the .c files
    for extension in extensions:
        extension.optional = True  # a failed compile leaves that module in pure Python
    return extensions


setup(ext_modules=_extensions(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
