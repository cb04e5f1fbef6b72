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
error line, never the batch. Each worker's address space is capped (``max_memory``, --max-memory,
resource.RLIMIT_AS): a file that needs more fails alone with a named error. Workers end with
the batch, even when it is killed with SIGKILL, and import the installed package whatever the
current folder holds.

Output names are safe file names (control characters replaced, long names cut and given a hash);
an output never replaces an input or a file that no docextract run wrote for that input. A
damaged manifest is set aside and rebuilt, never trusted. An output folder that cannot be
written (a file, read-only, a full disk) stops the batch with :class:`OutputFault`, one message
that names the folder and the fix; what was finished is kept. ``retry_failed`` redoes only the
inputs the manifest lists as failed.
"""
from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import json
import multiprocessing
import os
import re
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
from .errors import DocextractError, TextTooLong
from .indented_json import iter_indented
from .pipeline import extract

MANIFEST_NAME = ".docextract-manifest.jsonl"
ERRORS_NAME = "errors.tsv"
JSONL_NAME = "records.jsonl"
PARTIAL_NAME = ".records.jsonl.partial"  # lines of a JSONL run that is still going
LOCK_NAME = ".docextract.lock"
DEFAULT_TIMEOUT = 300.0  # seconds one input may take before its worker is stopped
DEFAULT_MAX_MEMORY = 1 << 30  # bytes of address space a worker may use (resource.RLIMIT_AS)
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
    max_memory: int | None = None  # bytes per worker process (None: no limit)


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
    """Print one JSON document (json; several inputs: one JSON array, written record by record)
    or one record per line (jsonl); errors go to stderr."""
    status = 0
    array = fmt == "json" and len(inputs) > 1
    printed = 0
    if array:
        sys.stdout.write("[\n")
    for path in inputs:
        try:
            record = to_dict(_extract_one(path), include_text=include_text)
        except DocextractError as exc:
            print(f"docextract: error: {exc}", file=sys.stderr)
            status = 1
            continue
        except MemoryError:  # (the process's own limit: without --out no worker refuses a long text early)
            print(f"docextract: error: {path}: {memory_error_reason(None)}: split the document into parts, or "
                  "extract it with --out DIR, whose workers refuse a text too long for --max-memory at once",
                  file=sys.stderr)
            status = 1
            continue
        if fmt == "jsonl":
            print(json.dumps(record, ensure_ascii=False))
        elif array:
            sys.stdout.write((",\n" if printed else "") + json.dumps(record, ensure_ascii=False, indent=1))
        else:
            print(json.dumps(record, ensure_ascii=False, indent=1))
        printed += 1
    if array:
        sys.stdout.write("\n]\n")
    return status


class IndentedJSON:
    """A value to be written as ``json.dumps(value, ensure_ascii=False, indent=1)`` in UTF-8, byte
    for byte, but encoded chunk by chunk as it is written (docextract/indented_json.py): the
    indented JSON of a long document is several times its text, and held whole (the string, its
    pieces, then its bytes) it was most of a worker's memory. ``size``: the bytes written."""

    def __init__(self, value):
        self.value = value
        self.size = 0

    def write_to(self, out) -> None:
        for chunk in iter_indented(self.value):
            data = chunk.encode("utf-8")
            out.write(data)
            self.size += len(data)


def write_atomically(path: Path, content: str | bytes | IndentedJSON) -> None:
    """Write to a temporary file beside ``path`` and rename it, so no half file is ever seen."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file 0600; an output follows the umask, as any file the user writes
        # (others on a shared drive can read it when the umask lets them)
        os.fchmod(handle, 0o666 & ~current_umask())
        with os.fdopen(handle, "wb") as out:
            if isinstance(content, IndentedJSON):
                content.write_to(out)
            else:
                out.write(content.encode("utf-8", "backslashreplace") if isinstance(content, str) else content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=1)
def current_umask() -> int:
    """The process's umask (read from /proc where there is one: setting it to read it is not
    thread-safe)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class OutputFault(RuntimeError):
    """The output folder cannot be written (not a folder, read-only, full disk ...): the batch
    stops with one message that names the folder and the fix; finished outputs are kept."""


def output_fault_message(out_dir: Path, exc: OSError) -> str:
    """What went wrong with the output folder, in plain words, and what to do about it."""
    where = exc.filename if exc.filename else out_dir
    reason = exc.strerror or type(exc).__name__
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        fix = ("the disk is full; free some space or give --out a folder on another disk, then run "
               "again (finished outputs are kept and skipped)")
    elif code == errno.EROFS:
        fix = "the file system is read-only; give --out a folder you can write to"
    elif code in (errno.EACCES, errno.EPERM):
        fix = "permission denied; give --out a folder you can write to, or change its permissions"
    elif code in (errno.ENOTDIR, errno.EEXIST) and not Path(out_dir).is_dir():
        fix = "it is a file, not a folder; give --out a folder (it is created when missing)"
    elif code == errno.EISDIR:
        fix = f"{where} is a folder where docextract keeps a file; move it away and run again"
    elif code == errno.ENAMETOOLONG:
        fix = "the path of the folder is too long; give --out a shorter path"
    else:
        fix = "check that the folder can be written and run again"
    return f"cannot write to the output folder {out_dir} ({reason}: {where}): {fix}"


# What a worker needs to extract a text, measured with the indented output written in chunks
# (corpora/raw concatenated to 3, 10 and 30 MB, and one cited line repeated: 26 to 33 bytes per
# character of text over the 45 MB of a warmed-up worker), with a margin.
WORKER_BASE_MEMORY = 64 << 20
MEMORY_PER_CHARACTER = 40


def max_characters(max_memory: int | None) -> int | None:
    """The longest text a worker limited to ``max_memory`` bytes extracts (None: no limit)."""
    if not max_memory:
        return None
    return max(0, max_memory - WORKER_BASE_MEMORY) // MEMORY_PER_CHARACTER


def text_too_long_reason(max_memory: int, characters: int) -> str:
    needed = (WORKER_BASE_MEMORY + characters * MEMORY_PER_CHARACTER) >> 20
    return (f"needs more memory than a worker may use (--max-memory {max_memory >> 20} MB): its text of "
            f"{characters:,} characters needs about {needed:,} MB; raise --max-memory "
            "(or split the document) and run again with --retry-failed")


def memory_error_reason(max_memory: int | None) -> str:
    if max_memory:
        return (f"needs more memory than a worker may use (--max-memory {max_memory >> 20} MB); "
                "raise --max-memory and run again with --retry-failed")
    return "ran out of memory while extracting this file"


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
        limit = max_characters(options.max_memory)  # a longer text is refused as soon as read
        if job.data is not None:
            record = extract(job.data, name=job.path, max_characters=limit)
        else:
            record = extract(Path(job.path), max_characters=limit)
        result["sha256"] = record.source.sha256
        result["bytes"] = _input_size(job)
        item = to_dict(record, include_text=options.include_text)
        if options.jsonl:
            result["line"] = json.dumps(item, ensure_ascii=False)
        else:
            del record  # (the record's memory that its dict does not share is free before the output is written)
            content = IndentedJSON(item)
            try:
                write_atomically(Path(options.out_dir) / job.output, content)
            except OSError as exc:  # the output folder's fault, not the input's: the batch stops
                result["ok"] = False
                result["output_fault"] = output_fault_message(Path(options.out_dir), exc)
                result["seconds"] = time.perf_counter() - started
                return result
            result["size"] = content.size
        result["ok"] = True
    except TextTooLong as exc:
        result["ok"] = False
        result["error"] = text_too_long_reason(options.max_memory, exc.characters)
    except MemoryError:
        # past --max-memory (or the machine's memory): this input fails alone, and the worker,
        # whose state a failed allocation may have left half-built, is replaced
        result["ok"] = False
        result["error"] = memory_error_reason(options.max_memory)
        result["retire"] = True
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


# An output name's longest form in bytes: a file name holds 255 (NAME_MAX) and the temporary
# file of an atomic write, ".NAME.XXXXXXXX.tmp", adds about 15.
MAX_OUTPUT_NAME_BYTES = 200
# What an output name never holds: control characters (a newline or a tab in a name breaks
# errors.tsv and every shell loop over the folder), Unicode line separators, and the lone
# surrogates that stand for bytes of a name that is not UTF-8.
UNSAFE_NAME_CHARS = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029\ud800-\udfff]")


def safe_output_name(path: str, index: int = 0) -> str:
    """``NAME.json`` for input ``NAME.ext`` (SPEC §6) when NAME is a safe file name; else NAME with
    its unsafe characters replaced by ``_``, cut to fit, and a hash of the input's file name
    appended (``NAME_x-1a2b3c4d5e.json``), so that two names never share a shortened one."""
    name = output_name(path, index)
    stem = name[: -len(".json")]
    clean = UNSAFE_NAME_CHARS.sub("_", stem)
    if clean == stem and len(name.encode("utf-8")) <= MAX_OUTPUT_NAME_BYTES:
        return name
    digest = hashlib.sha256(os.fsencode(Path(path).name)).hexdigest()[:10]  # the same however the path is given
    room = MAX_OUTPUT_NAME_BYTES - len(f"-{digest}.json")
    clean = clean.encode("utf-8")[:room].decode("utf-8", "ignore")
    return f"{clean}-{digest}.json"


def _written_by_docextract_for(path: Path, source: str) -> bool:
    """Whether ``path`` is a docextract record of input ``source`` (an output of an earlier run,
    which a new run may replace). Reads the file's first 64 KB only: the record starts with its
    schema and source path."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16).decode("utf-8", "replace")
    except OSError:
        return False
    if not head.lstrip().startswith('{') or f'"schema": "{SCHEMA}"' not in head[:200]:
        return False
    at = head.find('"path": ')
    if at < 0:
        return False
    try:
        written, _ = json.JSONDecoder().raw_decode(head, at + len('"path": '))
    except ValueError:
        return False
    return written == source


def output_names(inputs: list[str], out_dir: Path | None = None, owned: dict[str, str] | None = None) -> list[str]:
    """A safe ``NAME.json`` per input (:func:`safe_output_name`); a name taken by an earlier input
    gets ``NAME-2.json``, and so does a name that is an input itself inside ``out_dir`` (an output
    never replaces an input: "a.json" given with --out beside it) or a file there that this run
    did not write: one that is neither ``owned`` (output name -> input, from the manifest) by
    the same input nor a docextract record of the same input."""
    names: list[str] = []
    taken: set[str] = set()
    folder = None
    if out_dir is not None:
        folder = out_dir.resolve()
        taken = {Path(p).name for p in inputs if p != "-" and Path(p).resolve().parent == folder}
    owned = owned or {}

    def foreign(name: str, path: str) -> bool:  # a file in the folder that is not this input's output
        if folder is None or owned.get(name) == path:
            return False
        target = folder / name
        if not os.path.lexists(target):
            return False
        return not (target.is_file() and not target.is_symlink() and _written_by_docextract_for(target, path))

    for index, path in enumerate(inputs):
        name = safe_output_name(path, index)
        stem, counter = name[: -len(".json")], 2
        while name in taken or foreign(name, path):
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
        # from every well-formed entry, whatever version wrote it: which output file belongs to
        # which input (an earlier run's output may be replaced), and which inputs failed
        self.owned: dict[str, str] = {}
        self.failed: dict[str, str] = {}
        self._handle = None

    def entry_for(self, job: "Job") -> dict | None:
        """The recorded entry for this input when its bytes are unchanged, else None."""
        entry = self.entries.get(job.path)
        if not entry or not job.sha256 or entry.get("sha256") != job.sha256:
            return None
        return entry

    def load(self) -> str | None:
        """Read the manifest. A damaged one (not a regular file, not UTF-8, a line that is not
        JSON or not of the manifest's shape) is never trusted: it is set aside as
        ``MANIFEST.damaged-TIME`` and every input is extracted again; the return value then says
        what was wrong and where it went (else None)."""
        if not os.path.lexists(self.path):
            return None
        try:
            if self.path.is_symlink() or not self.path.is_file():
                raise ValueError("it is not a regular file")
            header, entries = _parse_manifest(self.path.read_bytes().decode("utf-8").splitlines())
        except UnicodeDecodeError:
            return self._set_aside("it is not UTF-8 text")
        except ValueError as exc:
            return self._set_aside(str(exc))
        for entry in entries.values():
            if "error" in entry:
                self.failed[entry["input"]] = entry["error"]
            elif "output" in entry:
                self.owned[entry["output"]] = entry["input"]
        if {k: v for k, v in header.items() if k != "jsonl"} == self.header:
            self.stored_header = header
            self.entries = entries
        return None  # else another version or other options: nothing is up to date

    def _set_aside(self, what: str) -> str:
        aside = self.path.with_name(f"{MANIFEST_NAME}.damaged-{time.strftime('%Y%m%dT%H%M%S')}")
        os.replace(self.path, aside)
        return (f"the manifest {self.path} was damaged ({what}); it is set aside as {aside.name} and "
                "every input is extracted again")

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


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _valid_entry(item) -> bool:
    """One input's line: input and sha256, and either its error, its NAME.json and size, or where
    its line is in a JSONL file. Anything else (another shape, a path in place of a name) is damage."""
    if not (isinstance(item, dict) and isinstance(item.get("input"), str) and isinstance(item.get("sha256"), str)):
        return False
    if "error" in item:
        return isinstance(item["error"], str)
    if "output" in item:
        name = item["output"]
        return (isinstance(name, str) and name.endswith(".json") and "/" not in name and "\\" not in name
                and not name.startswith("..") and _is_count(item.get("size")))
    return (item.get("file") in (JSONL_NAME, PARTIAL_NAME) and _is_count(item.get("offset"))
            and _is_count(item.get("length")))


def _parse_manifest(lines: list[str]) -> tuple[dict, dict[str, dict]]:
    """The header and the entries (the last line per input wins) of a manifest; ValueError
    naming the line when one is of the wrong shape. Only the last line may be cut short (a
    killed run): it is left out."""
    if not lines:
        raise ValueError("it is empty")
    try:
        header = json.loads(lines[0])
    except ValueError:
        raise ValueError("line 1 is not JSON") from None
    jsonl = header.get("jsonl") if isinstance(header, dict) else None
    if not (isinstance(header, dict) and _is_count(header.get("manifest"))
            and isinstance(header.get("docextract"), str) and isinstance(header.get("options"), dict)
            and (jsonl is None or (isinstance(jsonl, list) and len(jsonl) == 2 and all(map(_is_count, jsonl))))):
        raise ValueError("line 1 is not a manifest header")
    entries: dict[str, dict] = {}
    for number, line in enumerate(lines[1:], start=2):
        try:
            item = json.loads(line)
        except ValueError:
            if number == len(lines):
                continue  # a line cut short by a killed run
            raise ValueError(f"line {number} is not JSON") from None
        if not _valid_entry(item):
            raise ValueError(f"line {number} is not an entry of the manifest")
        entries[item["input"]] = item
    return header, entries


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
                os.fchmod(fd, 0o666 & ~current_umask())  # as write_atomically
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


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when the one that forked it ends


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, counts as ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _let_the_forkserver_go() -> None:
    """A forkserver ends when no process holds the write end of its "alive" pipe any more, and
    it hands that end to every process it forks (so that they could start processes too): a
    worker holding it would keep the forkserver, and so itself, alive after the batch is gone.
    Workers start no processes; they let it go."""
    try:
        from multiprocessing import forkserver

        server = getattr(forkserver, "_forkserver", None)
        fd = getattr(server, "_forkserver_alive_fd", None)
        if fd is not None:
            server._forkserver_alive_fd = None
            os.close(fd)
    except (ImportError, OSError):  # pragma: no cover - another multiprocessing
        pass


def _end_with_parent(batch_pid: int) -> None:
    """Make this worker end when the batch (``batch_pid``) ends, even by SIGKILL, which lets the
    batch clean up nothing. On Linux the kernel sends SIGKILL when the process that forked us
    ends (the forkserver, which itself ends when the batch does); everywhere, a thread checks
    twice a second that the batch still runs (it waits while a C call holds the interpreter,
    the kernel's signal does not)."""
    forked_by = os.getppid()
    _let_the_forkserver_go()
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl
            pass
    if os.getppid() != forked_by or not _alive(batch_pid):  # it ended before prctl took effect
        os._exit(1)

    def watchdog():
        while True:
            time.sleep(0.5)
            if os.getppid() != forked_by or not _alive(batch_pid):
                os._exit(1)

    threading.Thread(target=watchdog, daemon=True, name="docextract-watchdog").start()


def _limit_memory(max_memory: int | None) -> int:
    """Cap this worker's address space at ``max_memory`` bytes (resource.RLIMIT_AS): past it an
    allocation fails with MemoryError, which fails the one input (see :func:`process_job`).
    Returns the address space the warmed-up worker already uses (bytes, 0 when unknown)."""
    used = 0
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    used = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    if max_memory:
        try:
            import resource

            hard = resource.getrlimit(resource.RLIMIT_AS)[1]
            limit = max_memory if hard == resource.RLIM_INFINITY else min(max_memory, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ImportError, ValueError, OSError):  # pragma: no cover - no RLIMIT_AS here
            pass
    return used


def _worker_main(conn, options: Options, batch_pid: int | None = None) -> None:
    """A worker process: warm up once, then extract one job at a time until told to stop."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    _end_with_parent(batch_pid or os.getppid())
    prepare_worker()
    function = _job_function(options)
    used = _limit_memory(options.max_memory)
    try:
        conn.send(("ready", os.getpid(), used))
        while True:
            job = conn.recv()
            if job is None:
                break
            result = function(job, options)
            conn.send(("done", result))
            if result.get("retire"):  # after a MemoryError: a fresh worker takes the next input
                break
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


@contextlib.contextmanager
def _installed_package_first():
    """The forkserver (and a spawned worker) starts as ``python -c ...``, which puts the current
    folder first on sys.path: a folder named ``docextract`` there (a clone's parent, ``--out
    docextract``) would be imported in place of the installed package and every worker would
    die. PYTHONSAFEPATH (Python 3.11+) leaves the current folder out; the worker then takes
    the batch's own sys.path (multiprocessing passes it on)."""
    before = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PYTHONSAFEPATH", None)
        else:
            os.environ["PYTHONSAFEPATH"] = before


class WorkerFailedToStart(RuntimeError):
    pass


class _Worker:
    def __init__(self, ctx, options: Options):
        parent_conn, child_conn = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child_conn, options, os.getpid()), daemon=True,
                                   name="docextract-worker")
        with _installed_package_first():
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

    def death_reason(self, max_memory: int | None = None) -> str:
        self.process.join(1)
        code = self.process.exitcode
        if max_memory:  # a C library that cannot allocate may abort rather than raise MemoryError
            return self._death_reason(code) + f" (it may have needed more than --max-memory {max_memory >> 20} MB)"
        return self._death_reason(code)

    @staticmethod
    def _death_reason(code) -> str:
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
                    job = queue.popleft()
                    try:
                        worker.give(job)
                    except OSError:  # it ended meanwhile: the job waits for another worker
                        worker.job = None
                        queue.appendleft(job)
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
                    kind, payload = message[0], message[1]
                    if kind == "ready":
                        worker.ready = True
                        used = message[2] if len(message) > 2 else 0
                        if options.max_memory and used > options.max_memory * 0.8:
                            raise WorkerFailedToStart(
                                f"--max-memory {options.max_memory >> 20} MB leaves a worker no room: it uses "
                                f"{used >> 20} MB before its first input; raise --max-memory")
                    elif kind == "done" and worker.job is not None:
                        job, worker.job = worker.job, None
                        if payload.get("retire"):  # the worker ends after this job: replace it now
                            workers.remove(worker)
                            worker.stop(0)
                            if queue:
                                workers.append(_Worker(ctx, options))
                                started += 1
                        on_result(job, payload)
                    continue
                if not worker.ready and time.monotonic() - worker.born > STARTUP_TIMEOUT:
                    raise WorkerFailedToStart(f"a worker process did not start within {STARTUP_TIMEOUT:g} s")
                if not worker.process.is_alive():
                    if not worker.ready:
                        raise WorkerFailedToStart(
                            f"a worker process could not start (exit code {worker.process.exitcode})")
                    if worker.job is not None:
                        retire(worker, worker.death_reason(options.max_memory))
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
              function: str | None = None, max_memory: int | None = DEFAULT_MAX_MEMORY,
              retry_failed: bool = False, extra_options: dict | None = None) -> Summary:
    """Extract every input into ``out_dir`` (``NAME.json`` each, or one ``records.jsonl``).

    Failures are listed in ``out_dir/errors.tsv`` (and on stderr when ``verbose``) and the run
    goes on. With ``resume`` (the default) inputs whose output is up to date are skipped.
    ``jobs`` worker processes (default: all cores); ``timeout`` seconds per input (None: no
    limit); ``max_memory`` bytes of address space per worker (None: no limit); ``progress``: a
    progress bar on stderr when it is a terminal. ``verbose`` prints the errors and a final
    summary line on stderr. ``retry_failed`` extracts only the inputs the manifest lists as
    failed (all of them when ``inputs`` is empty). ``extra_options`` (JSON values) join the
    options that make the outputs of another run out of date (the agency files in use ...).

    ``runner(jobs, options, on_result, tick)`` replaces the local worker pool (Dask:
    :func:`docextract.distributed.run_on_cluster`); it returns the number of workers used.
    ``function`` ("module:name") replaces :func:`process_job` in the workers.

    Raises :class:`OutputFault` when ``out_dir`` cannot be written (its message names the
    folder and the fix), :class:`BatchLocked` when another batch writes there.
    """
    out_dir = Path(out_dir)
    try:
        return _run_batch(list(dict.fromkeys(inputs)), out_dir, jobs=jobs, include_text=include_text,
                          jsonl=jsonl, resume=resume, progress=progress, timeout=timeout, verbose=verbose,
                          runner=runner, function=function, max_memory=max_memory,
                          retry_failed=retry_failed, extra_options=extra_options or {})
    except ConnectionError:  # a worker's pipe: not the output folder's fault
        raise
    except OSError as exc:  # the folder, its manifest or an output could not be written
        raise OutputFault(output_fault_message(out_dir, exc)) from None


def _run_batch(inputs, out_dir: Path, *, jobs, include_text, jsonl, resume, progress, timeout, verbose,
               runner, function, max_memory, retry_failed, extra_options) -> Summary:
    if os.path.lexists(out_dir) and not out_dir.is_dir():
        raise OSError(errno.ENOTDIR, "not a folder", str(out_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    clock = time.monotonic()
    summary = Summary()
    options = Options(str(out_dir), include_text=include_text, jsonl=jsonl, function=function,
                      max_memory=max_memory or None)
    errors: dict[int, tuple[str, str]] = {}
    lock = _lock(out_dir)
    bar = None

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
                              **({"function": function} if function else {}), **extra_options}}
        manifest = Manifest(out_dir, header)
        damaged = manifest.load()
        if retry_failed:
            failed = manifest.failed
            inputs = [p for p in inputs if p in failed] if inputs else sorted(failed)
        bar = _Progress(len(inputs), progress, summary, clock)
        if damaged and verbose:
            bar.write(f"docextract: warning: {damaged}")
        elif manifest.stored_header is None and manifest.path.exists() and verbose and resume:
            bar.write(f"docextract: note: {out_dir} was written by another docextract version or code, "
                      "or with other options: every input is extracted again")
        if not resume:
            manifest.entries = {}
        store = _JsonlStore(out_dir, manifest) if jsonl else _DirStore(out_dir, manifest)
        manifest.write(store.header_extra())  # compact, so that appends start on a clean line

        names = output_names(inputs, out_dir, owned=manifest.owned)
        for path, name in zip(inputs, names):
            if name != output_name(path) and name != safe_output_name(path):
                bar.write(f"docextract: warning: {path}: {output_name(path)} is another input's output, an "
                          f"input itself or a file this run did not write; this one goes to {name}")
        all_jobs = _plan(inputs, names)
        todo = []
        for job in all_jobs:
            entry = store.up_to_date(job) if resume else None
            if retry_failed and entry is not None and "error" in entry:
                entry = None  # listed as failed: extracted again whatever its bytes
            if entry is None:
                todo.append(job)
            elif "error" in entry:
                record_error(job, entry["error"], before=True)
            else:
                summary.skipped += 1
        bar.update(len(all_jobs) - len(todo))

        def on_result(job: Job, result: dict) -> None:
            if result.get("output_fault"):
                raise OutputFault(result["output_fault"])
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
        finished = all_jobs
        if retry_failed and jsonl:  # records.jsonl keeps the records of the inputs not retried
            retried = set(inputs)
            kept = sorted((e for p, e in manifest.entries.items() if p not in retried and "file" in e),
                          key=lambda e: (e["file"] == PARTIAL_NAME, e["offset"]))
            finished = [Job(-1, e["input"], "") for e in kept] + all_jobs
        store.finish(finished)
        manifest.close()
        summary.errors = [errors[i] for i in sorted(errors)]
        _write_errors(out_dir, summary.errors)
    finally:
        if bar is not None:
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
