"""Running the pipeline over many files: in parallel, resumable, one bad file never stops the rest.

``docextract extract INPUTS --out DIR`` (:func:`run_batch`) leaves in ``DIR``:

=============================  ==============================================================
``NAME.json``                  the SPEC record of input ``NAME.ext`` (SPEC §6), written to a
                               temporary file and renamed, so a killed run never leaves half a
                               file; with ``--format jsonl``: one ``records.jsonl`` instead,
                               one record per line, in input order
``errors.tsv``                 the inputs that could not be extracted: path, TAB, reason (only
                               when there are some)
``.docextract-manifest.jsonl`` what is up to date: per input its path, the sha256 of its bytes
                               and its output; the first line names the docextract version (and
                               a fingerprint of its code) and the options that shaped the output
``.docextract.lock``           held while a batch writes to ``DIR``
=============================  ==============================================================

A second run over the same inputs redoes only what changed: an input is skipped when the
manifest holds the sha256 of its current bytes, its output is still there, and the manifest was
written by the same docextract (version and code) with the same options. Inputs that failed
are skipped too (their error is listed again) until their bytes change; ``--no-resume`` redoes
everything.

Work is spread over worker processes (``--jobs``, default all cores) that import the pipeline
and its libraries once, at start. A worker handles one file at a time; when it crashes (a
segfault in a C library, memory exhausted) or runs past the per-file ``timeout``, the parent
kills it, records that file as failed and starts a fresh worker: a pathological input costs one
error line, never the batch.
"""
from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import stat
import sys
import tempfile
import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from multiprocessing import connection as mp_connection
from pathlib import Path

from .emit import SCHEMA, output_name, to_dict
from . import prebuild
from .errors import DocextractError
from .pipeline import extract

MANIFEST_NAME = ".docextract-manifest.jsonl"
ERRORS_NAME = "errors.tsv"
JSONL_NAME = "records.jsonl"
PARTIAL_NAME = ".records.jsonl.partial"  # lines of a JSONL run that is still going
LOCK_NAME = ".docextract.lock"
DEFAULT_TIMEOUT = 300.0  # seconds one input may take before its worker is stopped
STARTUP_TIMEOUT = 600.0  # seconds a worker may take to import and warm up the pipeline
MANIFEST_FORMAT = 1

# A small document that takes every stage through its paces, so that a worker compiles its
# patterns and loads its libraries and vocabularies before the first real input.
WARMUP_TEXT = (
    "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 02/2011/CT-UBND\nLào Cai, ngày 26 tháng 12 năm 2011\n"
    "CHỈ THỊ\nVề việc tăng cường công tác cải cách hành chính\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;\n"
    "I. NHIỆM VỤ\n1. Sở Nội vụ chủ trì, phối hợp với các sở, ngành hoàn thành trước ngày 31/12/2012.\n"
    "a) Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95% trở lên.\n"
)


# ------------------------------------------------------------------ results


@dataclass
class Summary:
    """What a batch did. ``failed`` counts the inputs listed in ``errors`` (this run's and the
    unchanged inputs that failed in an earlier run, ``failed_before`` of them)."""

    done: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    failed_before: int = 0
    bytes_in: int = 0  # input bytes extracted in this run
    seconds: float = 0.0
    workers: int = 0

    @property
    def total(self) -> int:
        return self.done + self.skipped + self.failed

    def line(self, out_dir: Path | None = None) -> str:
        """The one-line summary printed at the end of a batch."""
        mb = self.bytes_in / 1e6
        secs = max(self.seconds, 1e-9)
        failed = f"{self.failed} failed"
        if self.failed_before:
            failed += f" ({self.failed_before} in an earlier run)"
        if self.failed and out_dir is not None:
            failed += f", see {out_dir / ERRORS_NAME}"
        return (f"docextract: {self.total} inputs: {self.done} extracted, {self.skipped} up to date, {failed}; "
                f"{mb:.2f} MB in {self.seconds:.1f} s ({mb / secs:.2f} MB/s, {self.done / secs:.1f} files/s, "
                f"{self.workers} worker{'s' if self.workers != 1 else ''})")


@dataclass
class Job:
    """One input to extract. ``data`` holds the bytes of standard input ('-')."""

    index: int
    path: str
    output: str  # NAME.json inside the output folder (the key of the JSONL line otherwise)
    sha256: str | None = None
    data: bytes | None = None


@dataclass(frozen=True)
class Options:
    """What the workers need to know. ``function`` ("module:name") replaces
    :func:`process_job` in the workers: same arguments, same result dict."""

    out_dir: str
    include_text: bool = True
    jsonl: bool = False
    function: str | None = None


def _job_function(options: Options):
    if not options.function:
        return process_job
    import importlib

    module, _, name = options.function.partition(":")
    return getattr(importlib.import_module(module), name)


# ------------------------------------------------------------------ single documents


def _extract_one(path: str):
    if path == "-":
        data = sys.stdin.buffer.read()
        return extract(data, name="-")
    return extract(Path(path))


def print_records(inputs: list[str], fmt: str, include_text: bool) -> int:
    """Print one JSON document (json) or one record per line (jsonl); errors go to stderr."""
    status = 0
    for path in inputs:
        try:
            record = to_dict(_extract_one(path), include_text=include_text)
        except DocextractError as exc:
            print(f"docextract: error: {exc}", file=sys.stderr)
            status = 1
            continue
        if fmt == "jsonl":
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(json.dumps(record, ensure_ascii=False, indent=1))
    return status


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it, so no half file is ever seen."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        data = content.encode("utf-8") if isinstance(content, str) else content
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _reason(exc: BaseException) -> str:
    """The error text for one input: the reader's reason, or the exception and where it arose."""
    if isinstance(exc, DocextractError):
        return exc.reason
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return _one_line(f"internal error: {type(exc).__name__}: {exc}"[:400] + where)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def process_job(job: Job, options: Options) -> dict:
    """Extract one input and write its output (or return its JSON line). Never raises for the input.

    Runs in a worker: a local process (:func:`run_batch`) or a Dask worker
    (:mod:`docextract.distributed`). The result is a small dict: ``ok``, ``sha256``,
    ``bytes``, ``seconds`` and ``size``/``line`` or ``error``.
    """
    started = time.perf_counter()
    result: dict = {"index": job.index, "path": job.path, "sha256": job.sha256, "bytes": 0}
    try:
        record = extract(job.data, name=job.path) if job.data is not None else extract(Path(job.path))
        result["sha256"] = record.source.sha256
        result["bytes"] = _input_size(job)
        item = to_dict(record, include_text=options.include_text)
        if options.jsonl:
            result["line"] = json.dumps(item, ensure_ascii=False)
        else:
            content = json.dumps(item, ensure_ascii=False, indent=1).encode("utf-8")
            write_atomically(Path(options.out_dir) / job.output, content)
            result["size"] = len(content)
        result["ok"] = True
    except Exception as exc:  # noqa: BLE001 - any failure is this input's error, the batch goes on
        result["ok"] = False
        result["error"] = _reason(exc)
    result["seconds"] = time.perf_counter() - started
    return result


def _input_size(job: Job) -> int:
    if job.data is not None:
        return len(job.data)
    try:
        return os.path.getsize(job.path)
    except OSError:
        return 0


def warm_up() -> None:
    """Import every stage and its libraries, compile patterns and load vocabularies (once per process)."""
    try:
        to_dict(extract(WARMUP_TEXT, name="warm-up"))
        prebuild.build_all()  # the patterns the warm-up text did not need (other provinces, cues ...)
    except Exception:  # noqa: BLE001 - a broken extractor shows up again on the first real input
        pass


# Objects allocated between two collections of the youngest generation in a worker (Python's
# default is 700): a document allocates many short-lived objects, which reference counting frees
# anyway, and each collection scans the ones still alive, whose lists of tokens and paragraphs it
# reads item by item (a few milliseconds each). At 100,000 the 89 documents of the corpora run
# without one (2% of the time at 700, 1% at 10,000), for about 10 MB more memory per worker.
WORKER_GC_THRESHOLD = 100_000


def prepare_worker() -> None:
    """What a batch worker does before its first input: warm up, then keep the collector off what
    the warm-up loaded (vocabularies, patterns: they live as long as the worker) and run it less
    often. Only for processes that do nothing else (it changes the process's collector)."""
    warm_up()
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


# ------------------------------------------------------------------ versions and hashes


@lru_cache(maxsize=None)
def code_version() -> str:
    """``VERSION+FINGERPRINT``: the package version and a hash of its code and data files.

    A manifest written by another version, or by the same version with edited code or
    vocabulary (a development install), is stale: every input is extracted again.
    """
    from . import __version__

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for file in sorted(root.rglob("*")):
        # (compiled copies of the sources, see setup.py, run the same code: they are left out)
        if file.is_file() and "__pycache__" not in file.parts and file.suffix not in (".pyc", ".pyo", ".so", ".pyd"):
            digest.update(file.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:16]}"


def file_sha256(path: str) -> str | None:
    """The sha256 of a file's bytes (as ``Source.sha256``), or None when it cannot be read or is no
    regular file (opening a FIFO with no writer would block; the reader then says what it is)."""
    digest = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def output_names(inputs: list[str], out_dir: Path | None = None) -> list[str]:
    """``NAME.json`` per input (SPEC §6); a name taken by an earlier input gets ``NAME-2.json``,
    and so does a name that is an input itself inside ``out_dir`` (an output never replaces an
    input: "a.json" given with --out beside it)."""
    names: list[str] = []
    taken: set[str] = set()
    if out_dir is not None:
        folder = out_dir.resolve()
        taken = {Path(p).name for p in inputs if p != "-" and Path(p).resolve().parent == folder}
    for index, path in enumerate(inputs):
        name = output_name(path, index)
        stem, counter = name[: -len(".json")], 2
        while name in taken:
            name = f"{stem}-{counter}.json"
            counter += 1
        taken.add(name)
        names.append(name)
    return names


# ------------------------------------------------------------------ the manifest


class Manifest:
    """``.docextract-manifest.jsonl``: a header line, then one line per input, appended as each
    finishes (a later line for the same input wins). Rewritten compactly at start and end."""

    def __init__(self, out_dir: Path, header: dict):
        self.path = out_dir / MANIFEST_NAME
        self.header = header
        self.entries: dict[str, dict] = {}
        self.stored_header: dict | None = None
        self._handle = None

    def entry_for(self, job: "Job") -> dict | None:
        """The recorded entry for this input when its bytes are unchanged, else None."""
        entry = self.entries.get(job.path)
        if not entry or not job.sha256 or entry.get("sha256") != job.sha256:
            return None
        return entry

    def load(self) -> None:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return
        for number, line in enumerate(lines):
            try:
                item = json.loads(line)
            except ValueError:
                continue  # a line cut short by a killed run
            if number == 0:
                self.stored_header = item
                if {k: v for k, v in item.items() if k != "jsonl"} != self.header:
                    self.stored_header = None
                    return  # another version, other options: nothing is up to date
                continue
            if isinstance(item, dict) and "input" in item:
                self.entries[item["input"]] = item

    def write(self, extra_header: dict | None = None) -> None:
        """Rewrite the file with the header and the current entries; keep it open for appends."""
        self.close()
        header = {**self.header, **(extra_header or {})}
        lines = [json.dumps(header, ensure_ascii=False)]
        lines += [json.dumps(e, ensure_ascii=False) for _, e in sorted(self.entries.items())]
        write_atomically(self.path, "\n".join(lines) + "\n")
        self.stored_header = header

    def append(self, entry: dict) -> None:
        self.entries[entry["input"]] = entry
        if self._handle is None:
            self._handle = open(self.path, "a", encoding="utf-8")
        self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


class _DirStore:
    """Outputs as ``DIR/NAME.json``, written by the workers."""

    def __init__(self, out_dir: Path, manifest: Manifest):
        self.out_dir = out_dir
        self.manifest = manifest

    def up_to_date(self, job: Job) -> dict | None:
        entry = self.manifest.entry_for(job)
        if entry is None or "error" in entry:
            return entry
        if entry.get("output") != job.output:
            return None
        try:
            size = (self.out_dir / job.output).stat().st_size
        except OSError:
            return None
        return entry if size == entry.get("size") else None

    def add(self, job: Job, result: dict) -> dict:
        return {"input": job.path, "sha256": result["sha256"], "output": job.output, "size": result["size"]}

    def header_extra(self) -> dict | None:
        return None

    def finish(self, jobs: list[Job]) -> None:
        self.manifest.write()

    def close(self) -> None:
        pass


class _JsonlStore:
    """One ``DIR/records.jsonl`` in input order. Lines are appended to a partial file as they
    come, and the final file is assembled (temp + rename) when the run completes."""

    def __init__(self, out_dir: Path, manifest: Manifest):
        self.out_dir = out_dir
        self.manifest = manifest
        self.final = out_dir / JSONL_NAME
        self.partial = out_dir / PARTIAL_NAME
        self._append = None
        self._valid_files: dict[str, int] = {}  # file name -> size we trust
        stored = (manifest.stored_header or {}).get("jsonl")
        try:
            st = self.final.stat()
            if stored and [st.st_size, st.st_mtime_ns] == stored:
                self._valid_files[JSONL_NAME] = st.st_size
        except OSError:
            pass
        try:
            self._valid_files[PARTIAL_NAME] = self.partial.stat().st_size
        except OSError:
            pass
        if PARTIAL_NAME not in self._valid_files:
            # a new partial file: entries that pointed into an older one are void
            for key in [k for k, e in manifest.entries.items() if e.get("file") == PARTIAL_NAME]:
                del manifest.entries[key]

    def header_extra(self) -> dict | None:
        """The size and mtime of records.jsonl, when the manifest's entries point into it."""
        if JSONL_NAME in self._valid_files:
            return {"jsonl": self.manifest.stored_header["jsonl"]}
        return None

    def _located(self, entry: dict) -> bool:
        size = self._valid_files.get(entry.get("file", ""))
        return size is not None and entry.get("offset", -1) + entry.get("length", 0) <= size

    def up_to_date(self, job: Job) -> dict | None:
        entry = self.manifest.entry_for(job)
        if entry is None or "error" in entry:
            return entry
        return entry if self._located(entry) else None

    def add(self, job: Job, result: dict) -> dict:
        data = (result["line"] + "\n").encode("utf-8")
        if self._append is None:
            self._append = open(self.partial, "ab")
        offset = self._append.seek(0, os.SEEK_END)
        self._append.write(data)
        self._append.flush()
        self._valid_files[PARTIAL_NAME] = offset + len(data)
        return {"input": job.path, "sha256": result["sha256"], "file": PARTIAL_NAME, "offset": offset,
                "length": len(data)}

    def finish(self, jobs: list[Job]) -> None:
        """Write records.jsonl with the line of every input of this run, in input order."""
        self.close()
        handles = {}
        try:
            for name in self._valid_files:
                handles[name] = open(self.out_dir / name, "rb")
            fd, tmp = tempfile.mkstemp(dir=self.out_dir, prefix=f".{JSONL_NAME}.", suffix=".tmp")
            new_entries = {}
            try:
                with os.fdopen(fd, "wb") as out:
                    for job in jobs:
                        entry = self.manifest.entries.get(job.path)
                        if not entry or "error" in entry or not self._located(entry):
                            if entry and "error" in entry:
                                new_entries[job.path] = entry
                            continue
                        source = handles[entry["file"]]
                        source.seek(entry["offset"])
                        data = source.read(entry["length"])
                        offset = out.tell()
                        out.write(data)
                        new_entries[job.path] = {**entry, "file": JSONL_NAME, "offset": offset, "length": len(data)}
                st = os.stat(tmp)
                os.replace(tmp, self.final)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        finally:
            for handle in handles.values():
                handle.close()
        self.manifest.entries = new_entries
        self.manifest.write({"jsonl": [st.st_size, st.st_mtime_ns]})
        self.partial.unlink(missing_ok=True)

    def close(self) -> None:
        if self._append is not None:
            self._append.close()
            self._append = None


# ------------------------------------------------------------------ the local worker pool


def _worker_main(conn, options: Options) -> None:
    """A worker process: warm up once, then extract one job at a time until told to stop."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    parent = os.getppid()

    def watchdog():  # a parent killed with SIGKILL cannot stop us: stop when it is gone
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watchdog, daemon=True).start()
    prepare_worker()
    function = _job_function(options)
    try:
        conn.send(("ready", os.getpid()))
        while True:
            job = conn.recv()
            if job is None:
                break
            conn.send(("done", function(job, options)))
    except (EOFError, OSError, KeyboardInterrupt):
        pass


def _context():
    """forkserver where there is one: workers start from a clean, preloaded server process
    (no threads or open files of the parent inherited); spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["docextract.batch"])
        return ctx
    return multiprocessing.get_context("spawn")


class WorkerFailedToStart(RuntimeError):
    pass


class _Worker:
    def __init__(self, ctx, options: Options):
        parent_conn, child_conn = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child_conn, options), daemon=True,
                                   name="docextract-worker")
        self.process.start()
        child_conn.close()
        self.conn = parent_conn
        self.ready = False
        self.job: Job | None = None
        self.started = 0.0
        self.born = time.monotonic()

    def give(self, job: Job) -> None:
        self.job = job
        self.started = time.monotonic()
        self.conn.send(job)

    def stop(self, wait: float = 2.0) -> None:
        try:
            if self.ready and self.job is None and self.process.is_alive():
                self.conn.send(None)
                self.process.join(wait)
        except OSError:
            pass
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()

    def death_reason(self) -> str:
        self.process.join(1)
        code = self.process.exitcode
        if code is not None and code < 0:
            import signal

            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"worker process died ({name}) while extracting this file"
        return f"worker process died (exit code {code}) while extracting this file"


def run_local(jobs: list[Job], n_workers: int, options: Options, on_result, *,
              timeout: float | None = DEFAULT_TIMEOUT, tick=None) -> int:
    """Run ``jobs`` on up to ``n_workers`` supervised worker processes.

    ``on_result(job, result)`` is called in the parent for every job, in completion order; a
    crash or a timeout becomes that job's error result and the worker is replaced. Returns the
    number of worker processes started.
    """
    if not jobs:
        return 0
    ctx = _context()
    queue = deque(jobs)
    workers = [_Worker(ctx, options) for _ in range(min(n_workers, len(queue)))]
    started = len(workers)

    def retire(worker: _Worker, reason: str) -> None:
        nonlocal started
        job, worker.job = worker.job, None
        workers.remove(worker)
        worker.stop(0)
        on_result(job, {"index": job.index, "path": job.path, "sha256": job.sha256, "ok": False,
                        "error": reason, "bytes": 0, "seconds": time.monotonic() - worker.started})
        if queue:
            workers.append(_Worker(ctx, options))
            started += 1

    try:
        while queue or any(w.job is not None for w in workers):
            for worker in workers:
                if worker.ready and worker.job is None and queue:
                    worker.give(queue.popleft())
            wake = 1.0
            if timeout:
                now = time.monotonic()
                for worker in workers:
                    if worker.job is not None:
                        wake = min(wake, max(0.0, worker.started + timeout - now))
            mp_connection.wait([w.conn for w in workers] + [w.process.sentinel for w in workers], timeout=wake)
            for worker in list(workers):
                message = None
                if worker.conn.poll():
                    try:
                        message = worker.conn.recv()
                    except (EOFError, OSError):
                        message = None
                if message is not None:
                    kind, payload = message
                    if kind == "ready":
                        worker.ready = True
                    elif kind == "done" and worker.job is not None:
                        job, worker.job = worker.job, None
                        on_result(job, payload)
                    continue
                if not worker.ready and time.monotonic() - worker.born > STARTUP_TIMEOUT:
                    raise WorkerFailedToStart(f"a worker process did not start within {STARTUP_TIMEOUT:g} s")
                if not worker.process.is_alive():
                    if not worker.ready:
                        raise WorkerFailedToStart(
                            f"a worker process could not start (exit code {worker.process.exitcode})")
                    if worker.job is not None:
                        retire(worker, worker.death_reason())
                    else:
                        workers.remove(worker)
                        worker.stop(0)
                        if queue:
                            workers.append(_Worker(ctx, options))
                            started += 1
                elif timeout and worker.job is not None and time.monotonic() - worker.started > timeout:
                    retire(worker, f"timed out after {timeout:g} s (worker stopped)")
            if tick:
                tick()
    finally:
        for worker in workers:
            worker.stop()
    return started


# ------------------------------------------------------------------ progress


class _Progress:
    """A tqdm bar on stderr (files, MB/s, errors) when wanted and stderr is a terminal."""

    def __init__(self, total: int, enabled: bool, summary: Summary, started: float):
        self.summary = summary
        self.started = started
        self.bar = None
        if enabled and sys.stderr.isatty():
            try:
                from tqdm import tqdm
            except ImportError:  # pragma: no cover - tqdm is a dependency
                return
            self.bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, smoothing=0.05,
                            desc="docextract", leave=False)

    def update(self, n: int = 1) -> None:
        if self.bar is None:
            return
        elapsed = max(time.monotonic() - self.started, 1e-9)
        s = self.summary
        self.bar.set_postfix_str(f"{s.bytes_in / 1e6 / elapsed:.2f} MB/s, errors: {s.failed}", refresh=False)
        self.bar.update(n)

    def refresh(self) -> None:
        if self.bar is not None:
            self.bar.refresh()

    def write(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# ------------------------------------------------------------------ the batch


class BatchLocked(RuntimeError):
    """Another batch is writing to the same output folder."""


def _lock(out_dir: Path):
    handle = open(out_dir / LOCK_NAME, "a+")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        return handle
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise BatchLocked(f"another docextract batch is writing to {out_dir}") from None
    return handle


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files of a killed run (``.NAME.json.XXXX.tmp``)."""
    for tmp in out_dir.glob(".*.tmp"):
        if any(part in tmp.name for part in (".json.", ".jsonl.", ".tsv.")):
            tmp.unlink(missing_ok=True)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_batch(inputs: list[str], out_dir: Path, *, jobs: int | None = None, include_text: bool = True,
              jsonl: bool = False, resume: bool = True, progress: bool = True,
              timeout: float | None = DEFAULT_TIMEOUT, verbose: bool = True, runner=None,
              function: str | None = None) -> Summary:
    """Extract every input into ``out_dir`` (``NAME.json`` each, or one ``records.jsonl``).

    Failures are listed in ``out_dir/errors.tsv`` (and on stderr when ``verbose``) and the run
    goes on. With ``resume`` (the default) inputs whose output is up to date are skipped.
    ``jobs`` worker processes (default: all cores); ``timeout`` seconds per input (None: no
    limit); ``progress``: a progress bar on stderr when it is a terminal. ``verbose`` prints the
    errors and a final summary line on stderr.

    ``runner(jobs, options, on_result, tick)`` replaces the local worker pool (Dask:
    :func:`docextract.distributed.run_on_cluster`); it returns the number of workers used.
    ``function`` ("module:name") replaces :func:`process_job` in the workers.
    """
    inputs = list(dict.fromkeys(inputs))  # a file named twice (itself and its folder) is done once
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    clock = time.monotonic()
    summary = Summary()
    options = Options(str(out_dir), include_text=include_text, jsonl=jsonl, function=function)
    errors: dict[int, tuple[str, str]] = {}
    lock = _lock(out_dir)
    bar = _Progress(len(inputs), progress, summary, clock)

    def record_error(job: Job, reason: str, before: bool = False) -> None:
        summary.failed += 1
        summary.failed_before += before
        errors[job.index] = (job.path, reason)
        if verbose and not before:
            bar.write(f"docextract: error: {job.path}: {reason}")

    try:
        _remove_stale_temporaries(out_dir)
        header = {"manifest": MANIFEST_FORMAT, "docextract": code_version(), "schema": SCHEMA,
                  "options": {"format": "jsonl" if jsonl else "json", "text": include_text,
                              **({"function": function} if function else {})}}
        manifest = Manifest(out_dir, header)
        if resume:
            manifest.load()
            if manifest.stored_header is None and manifest.path.exists() and verbose:
                bar.write(f"docextract: note: {out_dir} was written by another docextract version or code, "
                          "or with other options: every input is extracted again")
        store = _JsonlStore(out_dir, manifest) if jsonl else _DirStore(out_dir, manifest)
        manifest.write(store.header_extra())  # compact, so that appends start on a clean line

        names = output_names(inputs, out_dir)
        for path, name in zip(inputs, names):
            if name != output_name(path):
                bar.write(f"docextract: warning: {path}: {output_name(path)} is another input's output or an "
                          f"input itself; this one goes to {name}")
        all_jobs = _plan(inputs, names)
        todo = []
        for job in all_jobs:
            entry = store.up_to_date(job) if resume else None
            if entry is None:
                todo.append(job)
            elif "error" in entry:
                record_error(job, entry["error"], before=True)
            else:
                summary.skipped += 1
        bar.update(len(all_jobs) - len(todo))

        def on_result(job: Job, result: dict) -> None:
            if result.get("ok"):
                manifest.append(store.add(job, result))
                summary.done += 1
                summary.bytes_in += result.get("bytes", 0)
            else:
                if result.get("sha256"):
                    manifest.append({"input": job.path, "sha256": result["sha256"], "error": result["error"]})
                else:  # unreadable (no such file ...): try again next time
                    manifest.entries.pop(job.path, None)
                record_error(job, result["error"])
            bar.update()

        if runner is None:
            n = jobs if jobs and jobs > 0 else default_jobs()
            summary.workers = run_local(todo, n, options, on_result, timeout=timeout, tick=bar.refresh)
        else:
            summary.workers = runner(todo, options, on_result, bar.refresh)
        store.finish(all_jobs)
        manifest.close()
        summary.errors = [errors[i] for i in sorted(errors)]
        _write_errors(out_dir, summary.errors)
    finally:
        bar.close()
        lock.close()
    summary.seconds = time.monotonic() - clock
    if verbose:
        print(summary.line(out_dir), file=sys.stderr)
    return summary


def _plan(inputs: list[str], names: list[str]) -> list[Job]:
    """One job per input with the sha256 of its bytes (standard input read once, here)."""
    jobs = []
    for index, (path, name) in enumerate(zip(inputs, names)):
        job = Job(index, path, name)
        if path == "-":
            job.data = sys.stdin.buffer.read()
            job.sha256 = hashlib.sha256(job.data).hexdigest()
        else:
            job.sha256 = file_sha256(path)
        jobs.append(job)
    return jobs


def _write_errors(out_dir: Path, errors: list[tuple[str, str]]) -> None:
    path = out_dir / ERRORS_NAME
    if not errors:
        path.unlink(missing_ok=True)
        return
    lines = ["path\treason"] + [f"{_one_line(p)}\t{_one_line(r)}" for p, r in errors]
    write_atomically(path, "\n".join(lines) + "\n")
