"""Queries that can be stopped: a time limit that really ends a runaway query.

rdflib evaluates SPARQL in pure Python and a thread cannot be interrupted, so a query
with a time limit runs in another process, which is killed when the limit passes:

- :func:`run_limited` forks the current process (the loaded graph comes along, nothing is
  copied or re-read) to run one call; ``kg sparql`` uses it. Where ``fork`` does not exist
  the call runs in-process, without a limit.
- :class:`QueryPool` keeps worker processes, each holding the dataset, for ``kg serve``:
  a request borrows an idle worker; a worker past the limit is killed and replaced in the
  background. Workers are started with ``spawn`` (a fresh interpreter that loads the data
  itself), never forked from the threaded server.

>>> run_limited(sum, [1, 2, 3], seconds=10)
6
>>> import time
>>> run_limited(time.sleep, 5, seconds=0.2)
Traceback (most recent call last):
...
kg.stores.workers.TimeLimitError: the query ran past the 0.2 s time limit and was stopped (--timeout SECONDS sets it)
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.errors import KgError, QueryError

__all__ = ["TimeLimitError", "BusyError", "run_limited", "QueryPool", "DEFAULT_TIME_LIMIT"]

DEFAULT_TIME_LIMIT = 30.0
"""Seconds a query may run, in ``kg sparql`` and ``kg serve``, unless told otherwise."""


class TimeLimitError(QueryError):
    """The query ran past its time limit and its process was stopped."""


class BusyError(QueryError):
    """Every worker stayed busy for a whole time limit."""


def _limit_message(seconds: float) -> str:
    return f"the query ran past the {seconds:g} s time limit and was stopped (--timeout SECONDS sets it)"


def _child(conn: Any, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        conn.send(("ok", func(*args)))
    except KgError as exc:
        conn.send(("kg", exc))
    except Exception as exc:  # reported in one line by the parent
        conn.send(("error", f"{type(exc).__name__}: {exc}"))


def run_limited(func: Callable[..., Any], *args: Any, seconds: float | None) -> Any:
    """``func(*args)`` in a forked child, stopped after ``seconds`` (``None`` or 0: no limit).

    kg's own errors raised in the child are raised again here; the result must pickle.
    """
    import multiprocessing  # here, not at import: it loads socket, and every command imports this module

    if not seconds or "fork" not in multiprocessing.get_all_start_methods():
        return func(*args)
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, func, args), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(seconds):
            raise TimeLimitError(_limit_message(seconds))
        kind, value = parent.recv()
    except EOFError:
        raise QueryError("the query's process ended without an answer (out of memory?)") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        parent.close()
    if kind == "ok":
        return value
    if kind == "kg":
        raise value
    raise QueryError(value)


def _worker_main(conn: Any, data: str | None, handler: str) -> None:
    """A pool worker: load the data, then answer requests until the pipe closes."""
    import importlib

    from kg.knowledge_graph import load

    module, name = handler.rsplit(":", 1)
    handle = getattr(importlib.import_module(module), name)
    try:
        graph = load(data)
        graph.dataset  # noqa: B018 (built now, not on the first request)
    except KgError as exc:
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = handle(graph, request)
        except Exception as exc:  # never let one request end the worker
            reply = ("error", f"{type(exc).__name__}: {exc}")
        conn.send(reply)


class _Worker:
    def __init__(self, context: Any, data: str | None, handler: str):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, data, handler), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, seconds: float) -> None:
        if not self.conn.poll(seconds):
            self.stop()
            raise KgError(f"a query worker did not load the data within {seconds:g} s")
        try:
            kind, value = self.conn.recv()
        except EOFError:
            raise KgError("a query worker ended while loading the data") from None
        if kind != "ready":
            self.stop()
            raise KgError(value)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """``workers`` processes holding the data at ``data`` (``None``: the bundled timeline).

    ``handler`` names a function ``module:name`` called in the worker as
    ``handler(graph, request)``; its return value (which must pickle) is the reply.
    """

    def __init__(self, data: str | Path | None, *, handler: str, workers: int = 2,
                 time_limit: float = DEFAULT_TIME_LIMIT, start_timeout: float = 120.0):
        self.data = None if data is None else str(data)
        self.handler = handler
        self.size = max(1, workers)
        self.time_limit = time_limit
        self.start_timeout = start_timeout
        import multiprocessing

        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Start the workers and wait until each has loaded the data (errors: one line)."""
        workers = [_Worker(self._context, self.data, self.handler) for _ in range(self.size)]
        try:
            for worker in workers:
                worker.wait_ready(self.start_timeout)
        except KgError:
            for worker in workers:
                worker.stop()
            raise
        for worker in workers:
            self._all.add(worker)
            self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
            if self._closed:
                return
        fresh = _Worker(self._context, self.data, self.handler)
        try:
            fresh.wait_ready(self.start_timeout)
        except KgError:
            return
        with self._lock:
            if self._closed:
                fresh.stop()
                return
            self._all.add(fresh)
        self._idle.put(fresh)

    def run(self, request: Any) -> Any:
        """The reply of an idle worker to ``request``, or :class:`TimeLimitError`."""
        try:
            worker = self._idle.get(timeout=self.time_limit)
        except queue.Empty:
            raise BusyError(f"every query worker stayed busy for {self.time_limit:g} s; try again later") from None
        try:
            worker.conn.send(request)
            if worker.conn.poll(self.time_limit):
                reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
            error: QueryError = TimeLimitError(_limit_message(self.time_limit))
        except (EOFError, OSError):
            error = QueryError("the query's worker ended without an answer (out of memory?)")
        threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
        raise error

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
