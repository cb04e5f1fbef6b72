"""The few names of Cython's pure-Python mode that docextract uses, for when Cython is not installed.

A hot module declares C types for its loop variables with ``@cython.locals(...)``; compiled, they
become C integers and direct list and dict access. Cython is only needed to build the package, so
at run time without it (or running the source) the declarations must change nothing::

    try:
        import cython
    except ImportError:  # not installed: the declarations are no-ops
        from .. import cython_shim as cython
"""
from __future__ import annotations

Py_ssize_t = int
Py_UCS4 = str  # a character: a str of length 1


def locals(**types):  # noqa: A001 - the name Cython gives it
    """``@cython.locals(name=type, ...)``: no effect on uncompiled code."""
    return lambda function: function
