"""Extraction on a Dask cluster (docextract/distributed.py), verified on a small local cluster.

Documents: the seeds in corpora/seeds, plus one empty file made here.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CORPORA
from docextract import batch, extract, to_dict

distributed = pytest.importorskip("distributed")
from docextract.distributed import extract_bag, run_on_cluster  # noqa: E402


@pytest.fixture(scope="module")
def client():
    # One worker process-free cluster: threads in this process (the machine has 2 cores).
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                       dashboard_address=None)
    with distributed.Client(cluster) as dask_client:
        yield dask_client
    cluster.close()


@pytest.fixture()
def inputs(tmp_path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted((CORPORA / "seeds").glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    return [str(p) for p in sorted(folder.iterdir())]


def test_cluster_run_writes_what_the_local_batch_writes(client, inputs, tmp_path):
    on_cluster = tmp_path / "cluster"
    summary = run_on_cluster(inputs, on_cluster, client, verbose=False)
    assert (summary.done, summary.failed, summary.skipped) == (len(inputs) - 1, 1, 0)
    assert summary.workers == 1
    assert [Path(p).name for p, _ in summary.errors] == ["empty.txt"]

    local = tmp_path / "local"
    batch.run_batch(inputs, local, jobs=1, progress=False, verbose=False)
    visible = lambda folder: {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}
    assert visible(on_cluster) == visible(local)  # same records, same errors file

    again = run_on_cluster(inputs, on_cluster, client, verbose=False)
    assert (again.done, again.skipped, again.failed_before) == (0, len(inputs) - 1, 1)


def test_cluster_run_to_json_lines(client, inputs, tmp_path):
    out = tmp_path / "out"
    summary = run_on_cluster(inputs, out, client, jsonl=True, include_text=False, verbose=False)
    assert summary.done == len(inputs) - 1
    lines = (out / batch.JSONL_NAME).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [p for p in inputs if not p.endswith("empty.txt")]


def test_extract_bag_gives_the_library_records(client, inputs):
    results = extract_bag(inputs, include_text=False, partition_size=2).compute()
    assert [r["path"] for r in results] == inputs
    by_path = {r["path"]: r for r in results}
    empty = next(p for p in inputs if p.endswith("empty.txt"))
    assert "empty" in by_path[empty]["error"]
    first = next(p for p in inputs if p.endswith(".txt") and p != empty)
    assert by_path[first]["record"] == to_dict(extract(Path(first)), include_text=False)
