"""The compiled build (setup.py, docextract/compiled.py): same output as the source, and never an
out-of-date compiled copy."""
from __future__ import annotations

import importlib.machinery
import json
import os
import sys
import warnings
from pathlib import Path

from conftest import ROOT, run_python
import docextract.pipeline  # noqa: F401 - imports the compiled modules, if any
from docextract import extract, to_dict
from docextract.compiled import PURE_PYTHON_VARIABLE, SourceWhenStale, compiled_modules

SEED = ROOT / "corpora" / "seeds" / "kh-249-ubnd-lang-son-2021.txt"
COMPILED_SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _pure_python_run(code: str) -> str:
    return run_python(code, **{PURE_PYTHON_VARIABLE: "1"})


def test_pure_python_variable_runs_no_compiled_module_and_gives_the_same_output():
    code = ("import json, docextract.pipeline\n"
            "from docextract import extract, to_dict\n"
            "from docextract.compiled import compiled_modules\n"
            f"print(json.dumps([compiled_modules(), to_dict(extract({str(SEED)!r}))], ensure_ascii=False))\n")
    pure_modules, pure_output = json.loads(_pure_python_run(code))
    assert pure_modules == []
    assert to_dict(extract(SEED)) == pure_output  # whichever build this process runs


def test_the_source_runs_without_cython_installed():
    # The hot modules declare C types through Cython's pure-Python mode; Cython is only a build
    # dependency, so without it the declarations come from docextract.cython_shim and do nothing.
    code = ("import sys\n"
            "sys.modules['cython'] = None  # import cython fails as if it were not installed\n"
            "import json, docextract.pipeline\n"
            "from docextract import extract, to_dict\n"
            "from docextract.agencies import tokens\n"
            "print(json.dumps([tokens.cython.__name__, to_dict(extract(" + repr(str(SEED)) + "))], ensure_ascii=False))\n")
    shim, output = json.loads(_pure_python_run(code))
    assert shim == "docextract.cython_shim"
    assert to_dict(extract(SEED)) == output


def test_compiled_modules_are_the_imported_extension_files():
    for name in compiled_modules():
        assert sys.modules[name].__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    assert "docextract.compiled" not in compiled_modules()  # the finder itself stays Python


def _module_pair(folder: Path, source_age: float) -> None:
    """hot.py and a compiled hot module beside it (never loaded here), the source ``source_age``
    seconds older than the compiled copy."""
    source, compiled = folder / "hot.py", folder / f"hot{COMPILED_SUFFIX}"
    source.write_text("X = 1\n")
    compiled.write_bytes(b"\x7fELF not loaded by these tests")
    now = compiled.stat().st_mtime
    os.utime(source, (now - source_age, now - source_age))


def test_the_compiled_copy_is_found_when_it_is_up_to_date(tmp_path):
    _module_pair(tmp_path, source_age=60)
    spec = SourceWhenStale(pure_python=False).find_spec("docextract.hot", [str(tmp_path)])
    assert spec.origin.endswith(COMPILED_SUFFIX)


def test_a_source_edited_after_the_build_is_run_instead_with_a_warning(tmp_path):
    _module_pair(tmp_path, source_age=-60)  # edited a minute after the build
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        spec = SourceWhenStale(pure_python=False).find_spec("docextract.hot", [str(tmp_path)])
    assert spec.origin == str(tmp_path / "hot.py")
    assert any("docextract.hot" in str(w.message) and "pip install -e ." in str(w.message) for w in caught)


def test_a_source_written_by_the_same_install_is_not_an_edit(tmp_path):
    _module_pair(tmp_path, source_age=-0.5)  # written just after its compiled copy
    spec = SourceWhenStale(pure_python=False).find_spec("docextract.hot", [str(tmp_path)])
    assert spec.origin.endswith(COMPILED_SUFFIX)


def test_pure_python_finds_the_source_and_leaves_other_packages_alone(tmp_path):
    _module_pair(tmp_path, source_age=60)
    finder = SourceWhenStale(pure_python=True)
    assert finder.find_spec("docextract.hot", [str(tmp_path)]).origin == str(tmp_path / "hot.py")
    assert finder.find_spec("otherpackage.hot", [str(tmp_path)]) is None
    assert finder.find_spec("docextract", None) is None
