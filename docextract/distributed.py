"""Extraction beyond one machine: the same library function on a Dask cluster.

Install the extra (``pip install 'docextract[dask]'``), start a cluster (``dask scheduler`` and
``dask worker tcp://HOST:8786`` on each machine, or any Dask deployment: Kubernetes, SLURM,
YARN ...), with docextract installed on every worker, then either

**write an output folder**, exactly as ``docextract extract INPUTS --out DIR`` does (``NAME.json``
per input or one ``records.jsonl``, ``errors.tsv``, the manifest; resumable, failures listed and
the rest goes on). Inputs and output folder must be on a file system that the client and every
worker see under the same paths (NFS, a cluster file system); the workers read the inputs and
write the outputs, the client only hashes the inputs and keeps the manifest::

    from dask.distributed import Client
    from docextract.distributed import run_on_cluster

    client = Client("tcp://scheduler:8786")
    summary = run_on_cluster(["/shared/archive"], "/shared/out", client)
    print(summary.line())

**or get the records** as a Dask bag for your own analysis (nothing written)::

    from docextract.distributed import extract_bag

    bag = extract_bag(["/shared/archive"], include_text=False)
    tasks_per_doc = bag.filter(lambda r: "record" in r).map(lambda r: len(r["record"]["tasks"]))
    tasks_per_doc.sum().compute()          # on the client's cluster (the default scheduler)

Both call :func:`docextract.extract` (through :func:`docextract.batch.process_job`) once per
document. Each worker process imports the pipeline and its libraries once (``warm=True`` loads
them on every worker before the first document).

Differences from the local batch: Dask cannot stop a running task, so there is no per-file
timeout (give the workers a memory limit: a worker that the nanny restarts fails its task, which
is reported as that file's error after Dask's ``allowed-failures`` retries).
"""
from __future__ import annotations

import uuid
from collections import deque
from pathlib import Path

from . import batch
from .batch import Job, Options, Summary, process_job, warm_up
from .emit import to_dict
from .pipeline import extract


def _expand(paths) -> list[str]:
    from .cli import expand_inputs

    if isinstance(paths, (str, Path)):
        paths = [paths]
    return expand_inputs([str(p) for p in paths])


def dask_runner(client, *, max_in_flight: int | None = None, warm: bool = True):
    """A runner for :func:`docextract.batch.run_batch` that sends the jobs to a Dask client.

    At most ``max_in_flight`` jobs (default: twice the cluster's threads) are on the cluster at
    once, so that a run over millions of files keeps the scheduler small.
    """

    def run(jobs: list[Job], options: Options, on_result, tick) -> int:
        from distributed import as_completed

        workers = len(client.scheduler_info().get("workers", {}))
        if not jobs:
            return workers
        if warm:
            client.run(warm_up)
        threads = sum(client.nthreads().values()) or 1
        limit = max_in_flight or max(4, 2 * threads)
        queue = deque(jobs)
        pending: dict[str, Job] = {}
        run_id = uuid.uuid4().hex[:8]
        function = batch._job_function(options)
        futures = as_completed()

        def submit() -> None:
            job = queue.popleft()
            future = client.submit(function, job, options, pure=False, key=f"docextract-{run_id}-{job.index}")
            pending[future.key] = job
            futures.add(future)

        for _ in range(min(limit, len(queue))):
            submit()
        for future in futures:
            job = pending.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker, a lost worker ...: this file's error
                result = {"index": job.index, "path": job.path, "sha256": job.sha256, "ok": False, "bytes": 0,
                          "error": batch._one_line(f"dask task failed: {type(exc).__name__}: {exc}")[:400]}
            future.release()
            on_result(job, result)
            if queue:
                submit()
            tick()
        return max(workers, len(client.scheduler_info().get("workers", {})))

    return run


def run_on_cluster(inputs, out_dir, client=None, *, include_text: bool = True, jsonl: bool = False,
                   resume: bool = True, progress: bool = False, verbose: bool = True,
                   max_in_flight: int | None = None, warm: bool = True) -> Summary:
    """Extract ``inputs`` (files or folders) into ``out_dir`` on a Dask cluster.

    ``client``: a ``distributed.Client`` (default: the current one, ``distributed.get_client()``).
    Same outputs, manifest, errors file and resume rules as ``docextract extract --out``
    (:func:`docextract.batch.run_batch`); returns its :class:`~docextract.batch.Summary`.
    """
    if client is None:
        from distributed import get_client

        client = get_client()
    return batch.run_batch(_expand(inputs), Path(out_dir), include_text=include_text, jsonl=jsonl,
                           resume=resume, progress=progress, verbose=verbose,
                           runner=dask_runner(client, max_in_flight=max_in_flight, warm=warm))


def extract_record(path: str, include_text: bool = True) -> dict:
    """``{"path": PATH, "record": SPEC dict}``, or ``{"path": PATH, "error": reason}``: never raises."""
    try:
        return {"path": path, "record": to_dict(extract(Path(path)), include_text=include_text)}
    except Exception as exc:  # noqa: BLE001 - one bad file must not fail the whole bag
        return {"path": path, "error": batch._reason(exc)}


def extract_bag(inputs, *, include_text: bool = True, partition_size: int = 16):
    """A ``dask.bag.Bag`` of :func:`extract_record` dicts, one per input (files or folders).

    Lazy: nothing runs until ``.compute()`` (or ``.to_textfiles(...)``), on whatever scheduler is
    active (a ``distributed.Client`` once one is created). ``partition_size`` documents per task.
    """
    import dask.bag as db

    paths = _expand(inputs)
    return db.from_sequence(paths, partition_size=partition_size).map(extract_record, include_text=include_text)


__all__ = ["run_on_cluster", "extract_bag", "extract_record", "dask_runner", "process_job"]
