"""``docextract serve``: the HTTP API (FastAPI + uvicorn) and the review page.

    docextract serve                                  http://127.0.0.1:8000 (docs at /docs)
    docextract serve --db graph.sqlite --port 8080    with the citation graph under /v1/graph/
    curl -F file=@corpora/seeds/ct-02-2011-ubnd-lao-cai.txt http://127.0.0.1:8000/v1/extract

Endpoints: ``POST /v1/extract`` (a file upload ``file`` or a form field ``text``: the record),
``POST /v1/tasks?format=csv|xlsx|docx|ics`` (files, text, or records as JSON: the task export),
``GET /v1/graph/{cited-by,cites,search,show}`` (over ``--db``), ``GET /healthz``, ``GET /`` (upload a
document, see its review page), ``/docs`` (OpenAPI).

Bounded: a body larger than ``--max-upload-mb`` is refused with 413 as soon as it is known (from
Content-Length, else while it streams in); each extraction runs in a warmed-up worker process
and is stopped after ``--timeout`` seconds (504; the worker is replaced); a document that cannot
be read gives 422 with the reason. The server only reads the bytes it is sent: a client's file
name is used for its extension, never opened. Every error is JSON ``{"status", "error", "reason"}``.
"""

import argparse
import json
import multiprocessing
import os
import queue
import threading
import time
from pathlib import Path
from typing import Optional

DEFAULT_MAX_UPLOAD_MB = 20.0
DEFAULT_TIMEOUT = 30.0
MAX_FILES = 50  # per request to /v1/tasks
WORKER_START_TIMEOUT = 180.0  # a cold worker imports every stage and its libraries
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "ics": "text/calendar; charset=utf-8",
    "json": "application/json",
}


class ApiError(Exception):
    """An error answered as JSON: HTTP status, a short name and the reason for a person."""

    def __init__(self, status: int, error: str, reason: str):
        super().__init__(reason)
        self.status, self.error, self.reason = status, error, reason


# ------------------------------------------------------------------ the worker processes


def _safe_name(name: Optional[str], default: str) -> str:
    """The client's file name reduced to a base name (only its extension matters to the reader)."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    return (base or default)[:200]


def _work(job: tuple, graph_db: Optional[str]):
    """One job in a worker: ('record', docs) | ('review', docs) | ('tasks', docs, fmt) | ('export', records, fmt).

    ``docs`` is a list of (bytes, name); everything is read from the bytes (the public
    ``docextract.extract``), never from a path.
    """
    from . import UnreadableInput, extract, to_dict

    kind = job[0]
    if kind == "export":
        return _export(job[1], job[2])
    records = []
    for data, name in job[1]:
        try:
            records.append(extract(data, name=name))
        except UnreadableInput as exc:
            raise ApiError(422, "unreadable document", str(exc)) from None
    if kind == "record":
        return to_dict(records[0])
    if kind == "review":
        from .review import render_review_html

        return render_review_html(records[0], graph_db=graph_db, graph_url="/v1/graph" if graph_db else None,
                                  back_link="/")
    return _export([to_dict(r) for r in records], job[2])


def _export(records: list[dict], fmt: str) -> bytes:
    from .export import export_tasks

    try:
        return export_tasks(records, fmt)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:  # records that are not docextract records
        raise ApiError(422, "invalid records", f"the records cannot be exported ({type(exc).__name__}: {exc}); "
                                               f"send records as returned by POST /v1/extract") from None


def _worker_main(conn, graph_db: Optional[str]) -> None:
    """A worker process: warm up once, then run jobs until the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's business
    parent = os.getppid()

    def watchdog():  # a server killed with SIGKILL cannot stop us: stop when it is gone
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watchdog, daemon=True).start()
    try:
        from .batch import warm_up

        warm_up()
    except ImportError:  # pragma: no cover - a tree without batch.py warms up on the first request
        pass
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", _work(job, graph_db)))
        except ApiError as exc:
            conn.send(("api-error", (exc.status, exc.error, exc.reason)))
        except Exception as exc:  # noqa: BLE001 - a bug in one document is that request's error
            conn.send(("api-error", (500, "extraction failed", f"{type(exc).__name__}: {exc}")))


class _Worker:
    def __init__(self, ctx, graph_db: Optional[str]):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, graph_db), daemon=True,
                                   name="docextract-serve-worker")
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> bool:
        try:
            return self.conn.poll(timeout) and self.conn.recv()[0] == "ready"
        except (EOFError, OSError):
            return False

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """Warmed-up extraction processes; a job that runs past its time limit has its worker killed
    and replaced (a thread cannot be stopped, a process can)."""

    def __init__(self, size: int, graph_db: Optional[str] = None):
        self.size = size
        self.graph_db = graph_db
        self.ctx = multiprocessing.get_context("spawn")  # no threads of the server inherited
        self.idle: "queue.Queue[_Worker]" = queue.Queue()
        self.ready = 0
        self.closed = False
        self._lock = threading.Lock()
        self.failure: Optional[str] = None

    def start(self) -> None:
        for _ in range(self.size):
            self._spawn()

    def _spawn(self) -> None:
        def run():
            worker = _Worker(self.ctx, self.graph_db)
            if not worker.wait_ready(WORKER_START_TIMEOUT):
                worker.stop()
                self.failure = "an extraction worker failed to start"
                return
            if self.closed:
                worker.stop()
                return
            with self._lock:
                self.ready += 1
            self.idle.put(worker)

        threading.Thread(target=run, daemon=True, name="docextract-serve-spawn").start()

    def run(self, job: tuple, timeout: float):
        """Run ``job`` in a worker; raises ApiError 503 (no worker free in time), 504 (time limit)
        or the job's own error."""
        deadline = time.monotonic() + timeout
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            raise ApiError(503, "busy", f"no extraction worker was free within {timeout:g} s; try again") from None
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._retire(worker)
                worker = None
                raise ApiError(504, "time limit", f"the extraction took longer than the limit of {timeout:g} s "
                                                  f"(see the server's --timeout); send a smaller document")
            status, value = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._retire(worker)
            worker = None
            raise ApiError(500, "worker died", "the extraction worker stopped (out of memory or a crash in a "
                                               "library) while reading this document") from None
        finally:
            if worker is not None:
                self.idle.put(worker)
        if status == "api-error":
            raise ApiError(*value)
        return value

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self.ready -= 1
        threading.Thread(target=worker.stop, daemon=True).start()
        if not self.closed:
            self._spawn()

    def close(self) -> None:
        self.closed = True
        while True:
            try:
                self.idle.get_nowait().stop()
            except queue.Empty:
                break


# ------------------------------------------------------------------ reading bounded request bodies


async def _limited_stream(request, limit: int):
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise ApiError(413, "payload too large", f"the request body is larger than the limit of "
                                                     f"{limit / 1e6:g} MB (the server's --max-upload-mb)")
        yield chunk


def _check_length(request, limit: int) -> None:
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit:
        raise ApiError(413, "payload too large", f"the request body ({int(length) / 1e6:.1f} MB) is larger than "
                                                 f"the limit of {limit / 1e6:g} MB (the server's --max-upload-mb)")


async def _read_documents(request, limit: int, max_files: int = 1) -> list[tuple[bytes, str]]:
    """The documents of a form body: files in ``file`` (or ``files``), texts in ``text``."""
    from starlette.datastructures import UploadFile
    from starlette.formparsers import FormParser, MultiPartException, MultiPartParser

    _check_length(request, limit)
    content_type = request.headers.get("content-type", "")
    stream = _limited_stream(request, limit)
    try:
        if content_type.startswith("multipart/form-data"):
            form = await MultiPartParser(request.headers, stream, max_files=max_files, max_fields=max_files + 5,
                                         max_part_size=limit).parse()
        elif content_type.startswith("application/x-www-form-urlencoded"):
            form = await FormParser(request.headers, stream).parse()
        else:
            raise ApiError(415, "unsupported media type",
                           "send a form: multipart/form-data with a file in 'file' (or text in 'text'), "
                           "or application/x-www-form-urlencoded with 'text'")
    except MultiPartException as exc:
        raise ApiError(400, "bad form", f"the form could not be read: {exc}") from None
    docs: list[tuple[bytes, str]] = []
    try:
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                if key in ("file", "files"):
                    data = await value.read()
                    if data:
                        docs.append((data, _safe_name(value.filename, "upload.txt")))
            elif key == "text" and value.strip():
                # as UTF-8 bytes: text is never taken for a path by the pipeline
                docs.append((value.encode("utf-8"), "text.txt"))
    finally:
        await form.close()
    if not docs:
        raise ApiError(400, "no document", "the form holds no document: upload a file in the field 'file' "
                                           "or put the text in the field 'text'")
    if len(docs) > max_files:
        raise ApiError(400, "too many documents", f"at most {max_files} documents per request")
    return docs


# ------------------------------------------------------------------ the application


def _formats() -> tuple[str, ...]:
    try:
        from .export import FORMATS
    except ImportError:
        return ()
    return tuple(FORMATS)


def create_app(*, graph_db: Optional[str] = None, max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB,
               timeout: float = DEFAULT_TIMEOUT, workers: int = 1):
    """The FastAPI application (its worker processes start with it and stop with it)."""
    from contextlib import asynccontextmanager

    from fastapi import FastAPI, Query, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse, Response
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException as StarletteHTTPException

    from . import __version__

    limit = int(max_upload_mb * 1_000_000)
    pool = WorkerPool(workers, graph_db)

    @asynccontextmanager
    async def lifespan(app):
        pool.start()
        yield
        pool.close()

    app = FastAPI(title="docextract", version=__version__, lifespan=lifespan,
                  description="Vietnamese administrative and legal documents -> structured JSON records: header, "
                              "sections, references, tasks (who does what, by when), targets. Every error is "
                              'JSON {"status", "error", "reason"}. Request bodies are limited to '
                              f"{max_upload_mb:g} MB and each extraction to {timeout:g} s.")

    def error_response(status: int, error: str, reason: str, html: bool = False):
        if html:
            from .review import upload_page

            return HTMLResponse(upload_page(max_upload_mb=max_upload_mb, error=f"{status}: {reason}"), status)
        return JSONResponse({"status": status, "error": error, "reason": reason}, status)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.error, exc.reason, html=request.url.path == "/review")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        reason = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail, ensure_ascii=False)
        if exc.status_code == 404:
            reason = f"no such endpoint: {request.method} {request.url.path} (see /docs)"
        return error_response(exc.status_code, "http error", reason)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        reason = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return error_response(422, "invalid request", reason)

    def effective_timeout(requested: Optional[float]) -> float:
        return timeout if requested is None else max(0.0, min(timeout, requested))

    async def run(job: tuple, requested: Optional[float] = None):
        return await run_in_threadpool(pool.run, job, effective_timeout(requested))

    form_body = {"requestBody": {"required": True, "content": {
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary", "description": "a document (.txt, .docx, .pdf, .html)"},
            "text": {"type": "string", "description": "or the document's text"}}}},
        "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
            "text": {"type": "string"}}}}}}}
    timeout_query = Query(None, gt=0, alias="timeout", description="a shorter time limit for this request, in seconds")

    @app.get("/healthz", summary="liveness and readiness")
    async def healthz():
        body = {"status": "ok" if pool.ready > 0 else "starting", "version": __version__,
                "workers_ready": pool.ready, "workers": workers, "graph": bool(graph_db),
                "max_upload_bytes": limit, "timeout_seconds": timeout, "export_formats": list(_formats())}
        if pool.failure and pool.ready == 0:
            body.update(status="failing", reason=pool.failure)
            return JSONResponse(body, 503)
        return body

    @app.post("/v1/extract", summary="extract the record of one document", openapi_extra=form_body,
              responses={413: {"description": "body too large"}, 422: {"description": "unreadable document"},
                         504: {"description": "time limit"}})
    async def extract_endpoint(request: Request, include_text: bool = Query(True, description="keep the text"),
                               timeout_s: Optional[float] = timeout_query):
        docs = await _read_documents(request, limit)
        record = await run(("record", docs), timeout_s)
        if not include_text:
            record.pop("text", None)
        return JSONResponse(record)

    @app.post("/v1/tasks", summary="the task list of documents (or records) as csv, xlsx, docx or ics",
              openapi_extra={"requestBody": {"required": True, "content": {
                  **form_body["requestBody"]["content"],
                  "application/json": {"schema": {"description": "a record or a list of records from /v1/extract",
                                                  "oneOf": [{"type": "object"}, {"type": "array"}]}}}}})
    async def tasks_endpoint(request: Request, format: str = Query(..., description="csv, xlsx, docx or ics"),
                             timeout_s: Optional[float] = timeout_query):
        formats = _formats()
        if not formats:
            raise ApiError(501, "not available", "the task exports (docextract.export) are not installed")
        if format not in formats:
            raise ApiError(400, "unknown format", f"format must be one of {', '.join(formats)}, not {format!r}")
        if request.headers.get("content-type", "").startswith("application/json"):
            _check_length(request, limit)
            body = b"".join([chunk async for chunk in _limited_stream(request, limit)])
            try:
                records = json.loads(body)
            except ValueError as exc:
                raise ApiError(400, "bad json", f"the body is not JSON: {exc}") from None
            records = [records] if isinstance(records, dict) else records
            if not isinstance(records, list) or not all(isinstance(r, dict) and "tasks" in r for r in records):
                raise ApiError(422, "invalid records", "send a record or a list of records as returned by "
                                                       "POST /v1/extract (objects with 'tasks')")
            job = ("export", records, format)
        else:
            job = ("tasks", await _read_documents(request, limit, MAX_FILES), format)
        data = await run(job, timeout_s)
        try:
            from .export import MEDIA_TYPES as media_types
        except ImportError:
            media_types = MEDIA_TYPES
        return Response(data, media_type=media_types.get(format, "application/octet-stream"),
                        headers={"Content-Disposition": f'attachment; filename="tasks.{format}"'})

    def store():
        if not graph_db:
            raise ApiError(404, "no graph", "this server has no citation graph: start it with "
                                            "'docextract serve --db GRAPH.sqlite' (built by 'docextract index')")
        from .graph import GraphStore

        return GraphStore(graph_db, readonly=True)

    key_query = Query(..., min_length=1, max_length=500, description="a symbol (61/2018/NĐ-CP), a qualified key or a name")
    limit_query = Query(100, ge=1, le=1000)

    @app.get("/v1/graph/cited-by", summary="documents that cite KEY")
    def graph_cited_by(key: str = key_query, relation: Optional[str] = None, limit: int = limit_query):
        with store() as graph:
            return {"key": key, "resolved": graph.resolve_keys(key),
                    "cited_by": graph.cited_by(key, relation=relation, limit=limit)}

    @app.get("/v1/graph/cites", summary="what the document KEY cites")
    def graph_cites(key: str = key_query, limit: int = limit_query):
        with store() as graph:
            return {"key": key, "resolved": graph.resolve_keys(key), "cites": graph.cites(key, limit=limit)}

    @app.get("/v1/graph/show", summary="what is known about KEY")
    def graph_show(key: str = key_query):
        with store() as graph:
            nodes = graph.show(key)
        if not nodes:
            raise ApiError(404, "unknown key", f"no node {key!r} in the graph (try /v1/graph/search)")
        return {"key": key, "nodes": nodes}

    @app.get("/v1/graph/search", summary="nodes matching a partial symbol or words of a title")
    def graph_search(q: str = Query(..., min_length=1, max_length=500), limit: int = Query(20, ge=1, le=200)):
        with store() as graph:
            return {"q": q, "results": graph.search(q, limit=limit)}

    @app.get("/", response_class=HTMLResponse, summary="the review page: upload a document")
    async def index():
        from .review import upload_page

        return upload_page(max_upload_mb=max_upload_mb)

    @app.post("/review", response_class=HTMLResponse, summary="the review page of an uploaded document",
              openapi_extra=form_body)
    async def review(request: Request):
        docs = await _read_documents(request, limit)
        return HTMLResponse(await run(("review", docs)))

    return app


# ------------------------------------------------------------------ command line

SERVE_EXAMPLES = """examples:
  docextract serve                                   http://127.0.0.1:8000/ (API docs at /docs)
  docextract serve --db graph.sqlite --port 8080     with /v1/graph/... over a citation graph
  curl -F file=@corpora/seeds/ct-02-2011-ubnd-lao-cai.txt http://127.0.0.1:8000/v1/extract
  curl -F file=@kh.docx 'http://127.0.0.1:8000/v1/tasks?format=xlsx' -o tasks.xlsx
  curl 'http://127.0.0.1:8000/v1/graph/cited-by?key=61/2018/NĐ-CP'
"""


def _run_serve(args) -> int:
    import sys

    import uvicorn

    if args.db and not Path(args.db).is_file():
        print(f"docextract: {args.db}: no such graph database (build it with 'docextract index PATH... "
              f"--db {args.db}')", file=sys.stderr)
        return 1
    if args.max_upload_mb <= 0 or args.timeout <= 0 or args.workers < 1:
        print("docextract: --max-upload-mb and --timeout must be positive, --workers at least 1", file=sys.stderr)
        return 2
    app = create_app(graph_db=args.db, max_upload_mb=args.max_upload_mb, timeout=args.timeout,
                     workers=args.workers)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, limit_concurrency=64,
                timeout_keep_alive=5)
    return 0


def register(subparsers) -> None:
    """Add ``serve`` to the docextract command line."""
    parser = subparsers.add_parser(
        "serve", help="run the HTTP API and the review page (FastAPI + uvicorn)",
        description="Serve POST /v1/extract, POST /v1/tasks?format=csv|xlsx|docx|ics, GET /v1/graph/...\n"
                    "(with --db), GET /healthz, the review page at / and the OpenAPI docs at /docs.\n"
                    "Bodies above --max-upload-mb get 413; an extraction past --timeout gets 504;\n"
                    "an unreadable document 422. Every error is JSON with the reason.",
        epilog=SERVE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this "
                                                            "machine only; 0.0.0.0 for every interface)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--db", metavar="GRAPH.sqlite", help="a citation graph built by 'docextract index'")
    parser.add_argument("--max-upload-mb", type=float, default=DEFAULT_MAX_UPLOAD_MB, metavar="MB",
                        help=f"largest request body (default: {DEFAULT_MAX_UPLOAD_MB:g})")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"time limit of one extraction (default: {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="extraction worker processes (default: 1)")
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    parser.set_defaults(func=_run_serve)
