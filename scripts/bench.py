#!/usr/bin/env python3
"""Speed and memory of docextract against its floor and a peer, in one table.

    python scripts/bench.py                  # the table
    python scripts/bench.py --json           # the same figures for machines
    python scripts/bench.py --sample 0       # every measurement over every document (slow: the peer)
    python scripts/bench.py --batch-jobs 2   # add a row for `docextract extract --out --jobs 2`

Texts: the plain-text documents of corpora/seeds and corpora/raw (``--docs`` for others), and
the same texts concatenated to 4x and 16x their length (exposes superlinear cost).

Systems, each measured in a fresh process of its own (so that "peak MB", the process's maximum
resident memory, is what one worker needs), after a warm-up that loads its libraries:

- ``docextract``: the full pipeline, ``to_dict(extract(path))`` serialised to JSON (read, decode,
  normalise, structure, references, tasks, emit);
- ``floor``: read the file, decode UTF-8, NFC, one regex pass (``\\w+``): what any tool must pay;
- ``underthesea ws`` / ``underthesea ner``: underthesea's word segmentation and NER over the same
  text, paragraph by paragraph (the way it is meant to be used: over a whole document at once
  its NER is superlinear, 36,000 characters take minutes).

The peer is slow (NER reads about 10-15 KB/s), so by default it runs over a sample of documents
spread evenly over the sizes (``--sample N``, default 12), and so do the 4x/16x rows; the full
pipeline and the floor also run over every document at 1x. Each row says which set it used.

Each row is measured ``--repeat`` times (default 3), each time in a fresh process, and shows the
run with the least CPU time: other jobs on a shared machine only ever add time (the reasoning of
``timeit``), and a fresh process carries no cache over from the run before.

Columns: MB/s and docs/s over the summed per-document wall time (``cpu MB/s``: over CPU time,
steadier on a shared machine), p50/p95 wall milliseconds per document, ``x1 cost``: the row's
CPU time over the same system's CPU time on the same documents at 1x, peak resident MB.
The targets of issue 6 are checked below the table, on CPU time (one process = one core; the
wall-clock figures also count whatever else the machine is doing).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SYSTEMS = ["docextract", "floor", "underthesea ws", "underthesea ner"]
PEERS = ["underthesea ws", "underthesea ner"]
TARGET_MBPS = 2.0  # full pipeline, per core
TARGET_PEER_RATIO = 20.0  # docextract at least this many times faster than underthesea NER
TARGET_SCALE_COST = 20.0  # 16x-length documents cost at most this many times the 1x time
TARGET_PEAK_MB = 500.0  # per worker
WARMUP = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 02/2011/CT-UBND\nLào Cai, ngày 26 tháng 12 năm 2011\nCHỈ THỊ\n"
          "Về việc tăng cường công tác cải cách hành chính\n1. Sở Nội vụ chủ trì thực hiện trước ngày 31/12/2012.\n")


# ------------------------------------------------------------------ the measured systems (child side)


def _system(name: str):
    """(warm-up, one document) functions of a system; the document function takes a path."""
    if name == "docextract":
        from docextract import extract, to_dict
        from docextract.batch import prepare_worker  # what each batch worker does before its first input

        def run(path: Path):
            return json.dumps(to_dict(extract(path)), ensure_ascii=False)

        return prepare_worker, run
    if name == "floor":
        import re
        import unicodedata

        word = re.compile(r"\w+")

        def floor(path: Path):
            text = unicodedata.normalize("NFC", path.read_bytes().decode("utf-8", errors="replace"))
            return sum(1 for _ in word.finditer(text))

        return (lambda: floor(Path(__file__))), floor
    if name in PEERS:
        import unicodedata

        from underthesea import ner, word_tokenize

        call = word_tokenize if name == "underthesea ws" else ner

        def peer(path: Path):
            text = unicodedata.normalize("NFC", path.read_bytes().decode("utf-8", errors="replace"))
            return [call(line) for line in text.split("\n") if line.strip()]

        return (lambda: call(WARMUP.replace("\n", " "))), peer
    raise SystemExit(f"unknown system {name!r}")


def _peak_mb() -> float:
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return float("nan")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024  # kB on Linux, bytes on macOS


def child(system: str, list_file: Path) -> None:
    """Measure one system over the files listed in ``list_file``; print JSON."""
    paths = [Path(line) for line in list_file.read_text(encoding="utf-8").splitlines() if line]
    started = time.perf_counter()
    warm, run = _system(system)
    warm()
    startup = time.perf_counter() - started
    times, cpu_times, sizes, errors = [], [], [], []
    for path in paths:
        size = path.stat().st_size
        wall0, cpu0 = time.perf_counter(), time.process_time()
        try:
            run(path)
        except Exception as exc:  # noqa: BLE001 - a failing document is counted, not fatal
            errors.append(f"{path.name}: {type(exc).__name__}: {exc}"[:200])
        times.append(time.perf_counter() - wall0)
        cpu_times.append(time.process_time() - cpu0)
        sizes.append(size)
    print(json.dumps({"system": system, "times": times, "cpu_times": cpu_times, "sizes": sizes,
                      "startup": startup, "peak_mb": _peak_mb(), "errors": errors}))


# ------------------------------------------------------------------ the parent


def _measure(system: str, paths: list[Path], workdir: Path, repeat: int = 1) -> dict:
    """The child's figures for ``paths``: of ``repeat`` runs, each in a fresh process, the one
    with the least CPU time (other jobs on a shared machine only ever add time), with the
    highest peak memory of them all."""
    list_file = Path(tempfile.mkstemp(dir=workdir, suffix=".list")[1])
    list_file.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    runs = []
    for _ in range(max(1, repeat)):
        result = subprocess.run([sys.executable, __file__, "--child", system, "--list", str(list_file)],
                                capture_output=True, text=True, cwd=ROOT)
        if result.returncode != 0:
            raise SystemExit(f"bench: {system} failed:\n{result.stderr[-3000:]}")
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    best = dict(min(runs, key=lambda run: sum(run["cpu_times"])))
    best["peak_mb"] = max(run["peak_mb"] for run in runs)
    best["runs"] = len(runs)
    return best


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _row(system: str, texts: str, scale: int, raw: dict) -> dict:
    total = sum(raw["times"]) or 1e-9
    cpu = sum(raw["cpu_times"]) or 1e-9
    mb = sum(raw["sizes"]) / 1e6
    return {"system": system, "texts": texts, "scale": scale, "docs": len(raw["times"]), "mb": round(mb, 3),
            "seconds": round(total, 3), "cpu_seconds": round(cpu, 3), "mb_per_s": round(mb / total, 3),
            "cpu_mb_per_s": round(mb / cpu, 3),
            "docs_per_s": round(len(raw["times"]) / total, 2),
            "p50_ms": round(1000 * statistics.median(raw["times"]), 1) if raw["times"] else None,
            "p95_ms": round(1000 * _percentile(raw["times"], 0.95), 1),
            "peak_mb": round(raw["peak_mb"], 1), "startup_s": round(raw["startup"], 2), "runs": raw.get("runs", 1),
            "errors": raw["errors"]}


def _scaled(paths: list[Path], scale: int, workdir: Path) -> list[Path]:
    """The documents concatenated ``scale`` times (paragraph break between copies)."""
    if scale == 1:
        return paths
    folder = workdir / f"x{scale}"
    folder.mkdir(exist_ok=True)
    out = []
    for path in paths:
        text = path.read_bytes().decode("utf-8-sig").strip("\n")
        target = folder / path.name
        target.write_text("\n\n".join([text] * scale) + "\n", encoding="utf-8")
        out.append(target)
    return out


def spread_sample(paths: list[Path], count: int) -> list[Path]:
    """``count`` documents evenly spread over the sizes, smallest and largest included (one: the
    median)."""
    if count <= 0 or count >= len(paths):
        return list(paths)
    by_size = sorted(paths, key=lambda p: (p.stat().st_size, p.name))
    if count == 1:
        return [by_size[len(by_size) // 2]]
    picks = sorted({round(i * (len(by_size) - 1) / (count - 1)) for i in range(count)})
    return sorted(by_size[i] for i in picks)


def _batch_row(paths: list[Path], jobs: int, workdir: Path) -> dict:
    from docextract import batch

    out = workdir / f"batch-{jobs}"
    started = time.perf_counter()
    summary = batch.run_batch([str(p) for p in paths], out, jobs=jobs, progress=False, verbose=False)
    wall = time.perf_counter() - started
    mb = sum(p.stat().st_size for p in paths) / 1e6
    return {"system": f"docextract batch --jobs {jobs}", "texts": "all", "scale": 1, "docs": len(paths),
            "mb": round(mb, 3), "seconds": round(wall, 3), "mb_per_s": round(mb / wall, 3), "cpu_mb_per_s": None,
            "docs_per_s": round(len(paths) / wall, 2), "p50_ms": None, "p95_ms": None, "peak_mb": None,
            "startup_s": None, "errors": [f"{p}: {r}" for p, r in summary.errors],
            "note": "wall time of the whole run, worker start-up included"}


def _cost_ratios(rows: list[dict]) -> None:
    """CPU time of the row over the CPU time of the same system on the same documents at 1x."""
    base = {(r["system"], r["texts"]): r["cpu_seconds"] for r in rows if r["scale"] == 1 and r.get("cpu_seconds")}
    for row in rows:
        one = base.get((row["system"], row["texts"]))
        if not one or not row.get("cpu_seconds"):
            row["x1_cost"] = None
        else:
            row["x1_cost"] = round(row["cpu_seconds"] / one, 2)


def check_targets(rows: list[dict]) -> list[dict]:
    def find(system, texts, scale):
        return next((r for r in rows if r["system"] == system and r["texts"] == texts and r["scale"] == scale), None)

    checks = []
    full = find("docextract", "all", 1) or find("docextract", "sample", 1)
    if full:
        checks.append({"target": f"docextract >= {TARGET_MBPS:g} MB/s per core (CPU time, 1x, {full['texts']})",
                       "value": f"{full['cpu_mb_per_s']:.2f} MB/s (wall {full['mb_per_s']:.2f})",
                       "ok": full["cpu_mb_per_s"] >= TARGET_MBPS})
    texts = "sample" if find("underthesea ner", "sample", 1) else "all"
    ours, ner = find("docextract", texts, 1), find("underthesea ner", texts, 1)
    if ours and ner:
        ratio = ours["cpu_mb_per_s"] / max(ner["cpu_mb_per_s"], 1e-9)
        checks.append({"target": f"docextract >= {TARGET_PEER_RATIO:g}x underthesea NER (same texts)",
                       "value": f"{ratio:.1f}x", "ok": ratio >= TARGET_PEER_RATIO})
    big = find("docextract", "sample", 16) or find("docextract", "all", 16)
    if big and big.get("x1_cost") is not None:
        checks.append({"target": f"16x-length documents <= {TARGET_SCALE_COST:g}x the 1x time",
                       "value": f"{big['x1_cost']:.1f}x", "ok": big["x1_cost"] <= TARGET_SCALE_COST})
    peaks = [r["peak_mb"] for r in rows if r["system"] == "docextract" and r["peak_mb"] is not None]
    if peaks:
        checks.append({"target": f"docextract peak memory per worker < {TARGET_PEAK_MB:g} MB",
                       "value": f"{max(peaks):.0f} MB", "ok": max(peaks) < TARGET_PEAK_MB})
    return checks


def render(report: dict) -> str:
    header = ["system", "texts", "scale", "docs", "MB", "MB/s", "cpu MB/s", "docs/s", "p50 ms", "p95 ms",
              "x1 cost", "peak MB"]
    keys = ["system", "texts", "scale", "docs", "mb", "mb_per_s", "cpu_mb_per_s", "docs_per_s", "p50_ms", "p95_ms",
            "x1_cost", "peak_mb"]

    def cell(row, key):
        value = row.get(key)
        if value is None:
            return "-"
        if key == "scale":
            return f"{value}x"
        if isinstance(value, float):
            return f"{value:,.2f}" if value < 1000 else f"{value:,.0f}"
        return str(value)

    table = [header] + [[cell(r, k) for k in keys] for r in report["rows"]]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))) + " |"
             for line in table]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    m = report["machine"]
    out = [f"docextract {m['docextract']} ({m['build']}) on {m['python']} / {m['platform']}, {m['cores']} cores; "
           f"sample: {report['sample_docs']} of {report['all_docs']} documents "
           f"({report['sample_mb']:.2f} of {report['all_mb']:.2f} MB); each row: "
           + (f"the fastest of {report['repeat']} runs in fresh processes" if report["repeat"] > 1 else "one run"),
           ""] + lines + [""]
    for check in report["targets"]:
        out.append(f"[{'ok' if check['ok'] else 'MISSED'}] {check['target']}: {check['value']}")
    errors = [(r["system"], e) for r in report["rows"] for e in r.get("errors", [])]
    if errors:
        out.append(f"documents that failed during the measurement: {len(errors)}")
        out += [f"  {s}: {e}" for s, e in errors[:10]]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--docs", type=Path, action="append",
                        help="folders of .txt documents (default: corpora/seeds and corpora/raw)")
    parser.add_argument("--sample", type=int, default=12,
                        help="documents for the peer and the 4x/16x rows (0: all; default 12)")
    parser.add_argument("--scales", default="1,4,16", help="text lengths to measure (default 1,4,16)")
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        help=f"comma-separated subset of: {', '.join(SYSTEMS)}")
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="runs per row, each in a fresh process; the row shows the fastest (default 3)")
    parser.add_argument("--batch-jobs", type=int, default=0, metavar="N",
                        help="also time `docextract extract --out` with N workers over all documents")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--list", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.list)
        return 0

    folders = args.docs or [ROOT / "corpora" / "seeds", ROOT / "corpora" / "raw"]
    docs = sorted(p for folder in folders for p in folder.glob("*.txt") if p.stat().st_size)
    sample = spread_sample(docs, args.sample)
    scales = [int(s) for s in args.scales.split(",")]
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    rows = []
    with tempfile.TemporaryDirectory(prefix="docextract-bench-") as tmp:
        workdir = Path(tmp)
        for system in systems:
            if system in ("docextract", "floor") and len(sample) < len(docs):
                rows.append(_row(system, "all", 1, _measure(system, docs, workdir, args.repeat)))
            for scale in scales if system not in PEERS else [1]:
                texts = "sample" if len(sample) < len(docs) else "all"
                scaled = _scaled(sample, scale, workdir)
                rows.append(_row(system, texts, scale, _measure(system, scaled, workdir, args.repeat)))
                print(f"bench: {system} {texts} {scale}x done", file=sys.stderr)
        if args.batch_jobs:
            rows.append(_batch_row(docs, args.batch_jobs, workdir))
    _cost_ratios(rows)
    import docextract.pipeline, docextract.references, docextract.tasks  # noqa: F401, E401 - the modules the children ran
    from docextract import __version__
    from docextract.compiled import compiled_modules

    compiled = compiled_modules()
    report = {
        "machine": {"docextract": __version__, "python": platform.python_version(),
                    "build": f"{len(compiled)} modules compiled" if compiled else "pure Python",
                    "platform": platform.platform(terse=True), "cores": os.cpu_count()},
        "repeat": max(1, args.repeat), "all_docs": len(docs), "all_mb": round(sum(p.stat().st_size for p in docs) / 1e6, 3),
        "sample_docs": len(sample), "sample_mb": round(sum(p.stat().st_size for p in sample) / 1e6, 3),
        "rows": rows,
    }
    report["targets"] = check_targets(rows)
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
