"""No regex of docextract backtracks catastrophically, and neither does the pipeline.

Every compiled pattern found at module level in ``docextract.*`` (module attributes, patterns
inside module-level lists, tuples and dicts, and what zero-argument cached pattern factories
return) is tried on long runs of digits, slashes, dashes, dots, spaces and pipes (and mixtures,
each also with a character at the end that spoils a match): ``match`` at the start and in the
middle, then ``finditer`` over the whole run (bytes patterns get the text UTF-8 encoded).
``docextract.extract`` reads the same texts as the bytes of a file. Each step runs in a subprocess that must finish it
within a generous bound: a correctness guard against exponential or quadratic blow-ups, not a
speed measurement (speed lives in scripts/bench.py).

Run by hand to see the steps: ``python tests/test_regex_safety.py --run patterns``.
"""
from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import queue
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LENGTH = 50_000
PATTERN_STEP_LIMIT = 5.0  # seconds for one pattern over one 50,000-character input (linear: milliseconds)
EXTRACT_STEP_LIMIT = 120.0  # seconds for docextract.extract over one input (linear: about a second)

# The adversarial runs: what symbols, dates, enumerators, rules and flattened tables are made of.
UNITS = {
    "digits": "1", "digit-mix": "0123456789", "slashes": "/", "dashes": "-", "en-dashes": "–",
    "dots": ".", "spaces": " ", "pipes": "|", "underscores": "_",
    "digit-slash": "1/", "digit-dash": "1-", "digit-dot": "1.", "digit-space": "1 ", "dash-space": "- ",
    "pipe-space": "| ", "symbol-like": "12/2020/", "dotted-enumerators": "1.1.", "pipe-dash": "|-",
    "digit-lines": "1.\n", "dash-lines": "-\n", "pipe-lines": "|\n", "so-words": "Số ",
}


def adversarial_inputs() -> list[tuple[str, str]]:
    """(name, text) pairs of LENGTH characters; each also ending in a spoiler character."""
    out = []
    for name, unit in UNITS.items():
        text = (unit * (LENGTH // len(unit) + 1))[:LENGTH]
        out.append((name, text))
        out.append((name + "+x", text[:-1] + "x"))
    return out


# ------------------------------------------------------------------ discovery


def _pattern_types():
    import re

    import regex

    return re.Pattern, type(regex.compile(""))


def docextract_modules() -> list[str]:
    import docextract

    names = ["docextract"]
    for info in pkgutil.walk_packages(docextract.__path__, "docextract."):
        if not info.name.endswith("__main__"):
            names.append(info.name)
    return sorted(names)


def _collect(value, name: str, found: list, types, depth: int = 0) -> None:
    if isinstance(value, types):
        found.append((name, value))
    elif depth < 2 and isinstance(value, dict):
        for key, item in value.items():
            _collect(item, f"{name}[{key!r}]", found, types, depth + 1)
    elif depth < 2 and isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _collect(item, f"{name}[{index}]", found, types, depth + 1)


def module_patterns(module_name: str) -> list[tuple[str, object]]:
    """(qualified name, compiled pattern) for every module-level pattern of one module."""
    types = _pattern_types()
    module = importlib.import_module(module_name)
    found: list = []
    for attr, value in sorted(vars(module).items()):
        if attr.startswith("__"):
            continue
        if callable(value) and hasattr(value, "cache_info") and getattr(value, "__module__", None) == module_name:
            # a cached factory with no arguments (``_vni_regex()``): the pattern it builds
            try:
                params = inspect.signature(value).parameters.values()
                if any(p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                       for p in params):
                    continue
                _collect(value(), f"{module_name}.{attr}()", found, types)
            except Exception:  # noqa: BLE001 - a factory that needs more than nothing is not ours to call
                continue
            continue
        _collect(value, f"{module_name}.{attr}", found, types)
    seen, unique = set(), []
    for name, pattern in found:  # one pattern reached by two names is run once
        if id(pattern) not in seen:
            seen.add(id(pattern))
            unique.append((name, pattern))
    return unique


# ------------------------------------------------------------------ the runner (in a subprocess)


def _extract_bytes(data: bytes) -> None:
    """The whole pipeline from the bytes of a file; a clean refusal ("no text") is fine."""
    from docextract import DocextractError, extract

    try:
        extract(data, name="adversarial.txt")
    except DocextractError:
        pass


def _match(pattern, subject) -> None:
    """One anchored attempt at the start and one in the middle (how ``.match(text, pos)`` is used)."""
    pattern.match(subject)
    pattern.match(subject, len(subject) // 2)


def _scan(pattern, subject) -> None:
    """Every start position (how ``search``, ``finditer``, ``sub`` and ``split`` use it)."""
    for _ in pattern.finditer(subject):
        pass


def _steps(kind: str):
    """(pattern name, input name, operation, callable) for every step, in a fixed order."""
    inputs = adversarial_inputs()
    if kind == "extract":
        for input_name, text in inputs:
            yield "docextract.extract", input_name, "extract", (lambda d=text.encode("utf-8"): _extract_bytes(d))
        return
    for module_name in docextract_modules():
        for name, pattern in module_patterns(module_name):
            for input_name, text in inputs:
                subject = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
                yield name, input_name, "match", (lambda p=pattern, t=subject: _match(p, t))
                yield name, input_name, "scan", (lambda p=pattern, t=subject: _scan(p, t))


def run_steps(kind: str, start: int) -> None:
    """Print one JSON line before each step, then run it; skip the first ``start`` steps."""
    for index, (name, input_name, operation, step) in enumerate(_steps(kind)):
        if index < start:
            continue
        print(json.dumps({"step": index, "name": name, "input": input_name, "op": operation}), flush=True)
        step()
    print(json.dumps({"done": True}), flush=True)


# ------------------------------------------------------------------ the supervisor (pytest)


def _pump(stream, lines: queue.Queue) -> None:
    """Lines of one runner into its own queue, then None (EOF)."""
    for line in stream:
        lines.put(line)
    lines.put(None)


def _supervise(kind: str, limit: float) -> tuple[list[dict], int]:
    """Run every step in subprocesses; a step over ``limit`` seconds is recorded and skipped."""
    offenders: list[dict] = []
    start = 0
    steps_run = 0
    while True:
        errors = tempfile.TemporaryFile(mode="w+")  # not a pipe: nobody reads it until the end
        process = subprocess.Popen([sys.executable, __file__, "--run", kind, "--start", str(start)],
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=errors, text=True)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()
        current = None
        finished = False
        while True:
            try:
                line = lines.get(timeout=limit if current else 300)
            except queue.Empty:
                process.kill()
                process.wait()
                if current is None:
                    raise AssertionError(f"the {kind} runner did not start")
                offenders.append(current)
                # a match attempt that does not finish will not finish inside a scan either
                start = current["step"] + (2 if current.get("op") == "match" else 1)
                break
            if line is None:
                process.wait()
                errors.seek(0)
                err = errors.read()
                assert process.returncode == 0, f"the {kind} runner failed at {current}:\n{err[-3000:]}"
                finished = True
                break
            item = json.loads(line)
            if item.get("done"):
                continue
            current = item
            steps_run += 1
        if finished:
            return offenders, steps_run


def test_discovery_finds_the_patterns():
    names = [name for module in docextract_modules() for name, _ in module_patterns(module)]
    assert "docextract.normalise.STRUCTURAL_START" in names
    assert any(name.startswith("docextract.structure.sections.ENUMERATORS[") for name in names)
    assert len(names) > 50


def _explain(offenders: list[dict]) -> str:
    """Offenders grouped by pattern: which inputs, and whether one match attempt blows up."""
    by_pattern: dict[str, dict[str, list[str]]] = {}
    for o in offenders:
        by_pattern.setdefault(o["name"], {}).setdefault(o["op"], []).append(o["input"])
    lines = []
    for name, ops in by_pattern.items():
        if "match" in ops:
            kind = "one match attempt does not finish (nested or adjacent quantifiers that overlap)"
        else:
            kind = "quadratic or worse when searched: every start position rescans the run"
        inputs = sorted({i for found in ops.values() for i in found})
        lines.append(f"  {name}: {kind}; on {', '.join(inputs)}")
    return "\n".join(lines)


def test_every_module_level_regex_is_safe_on_long_runs():
    offenders, steps = _supervise("patterns", PATTERN_STEP_LIMIT)
    assert steps > 1000
    assert not offenders, (
        f"patterns that did not finish within {PATTERN_STEP_LIMIT:g} s on {LENGTH} characters:\n"
        + _explain(offenders)
        + "\nfixes: make adjacent optional parts unambiguous (\\s*,?\\s* -> \\s*(?:,\\s*)?), bound runs "
          "(\\d+ -> \\d{1,4}) or enter them once ((?<!\\d)\\d+, (?<!\\s)\\s+), and start a pattern that is only "
          "ever used with .match(text, pos) with \\G (regex module) so that a search cannot rescan.")


def test_extract_is_safe_on_long_runs():
    offenders, steps = _supervise("extract", EXTRACT_STEP_LIMIT)
    assert steps == len(adversarial_inputs())
    assert not offenders, "docextract.extract did not finish within " \
        f"{EXTRACT_STEP_LIMIT:g} s on the {LENGTH} bytes of:\n" + "\n".join(f"  {o['input']}" for o in offenders)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="run the regex-safety steps, printing each before it runs")
    parser.add_argument("--run", choices=["patterns", "extract"], required=True)
    parser.add_argument("--start", type=int, default=0)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    run_steps(args.run, args.start)
