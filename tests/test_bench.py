"""scripts/bench.py: the choice of documents (the speed itself is measured by running the script)."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_spread_sample_takes_smallest_largest_and_median(tmp_path):
    paths = []
    for size in (5, 1, 9, 3, 7):
        path = tmp_path / f"doc{size}.txt"
        path.write_text("x" * size)
        paths.append(path)
    spread = _bench().spread_sample
    sizes = lambda picked: sorted(p.stat().st_size for p in picked)  # noqa: E731
    assert sizes(spread(paths, 3)) == [1, 5, 9]
    assert sizes(spread(paths, 1)) == [5]
    assert sizes(spread(paths, 0)) == sizes(spread(paths, 9)) == [1, 3, 5, 7, 9]


def test_a_row_keeps_the_fastest_of_its_runs(tmp_path):
    docs = []
    for name, text in (("a.txt", "Sở Nội vụ chủ trì.\n"), ("b.txt", "Ủy ban nhân dân tỉnh.\n" * 50)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        docs.append(tmp_path / name)
    bench = _bench()
    raw = bench._measure("floor", docs, tmp_path, repeat=2)
    assert raw["runs"] == 2 and len(raw["cpu_times"]) == 2 and not raw["errors"]
    row = bench._row("floor", "all", 1, raw)
    assert row["runs"] == 2 and row["docs"] == 2 and row["cpu_mb_per_s"] > 0
