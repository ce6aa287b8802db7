"""A SymPy worker process that is killed and restarted when a call runs past its time limit.

SymPy can run for ever (or eat all memory) on an innocent-looking expression.  Signals and threads
cannot stop it reliably, so every potentially slow computation runs in a separate process: the
parent waits on a pipe with a timeout and kills the worker when the time is up.  The next call
starts a fresh one (forked, so warm: SymPy is already imported).

>>> w = Worker()
>>> w.call(pow, (2, 10), timeout=5)
Outcome(kind='ok', value=1024, message='')
>>> w.close()
"""

from __future__ import annotations

import contextlib
import inspect
import multiprocessing
import os
import queue
import signal
import sys
import threading
from dataclasses import dataclass
from typing import Any, Callable

__all__ = ["Worker", "WorkerPool", "Outcome", "Progress", "default_pool", "call_limited", "pool_size",
           "use_workers", "chance_events"]

_MEMORY_LIMIT = 4 << 30  # bytes of address space for a worker: a runaway expansion fails, it does not swap


_CHANCE: list = []  # one item per worker call of this process that ended by chance: see chance_events
_BY_CHANCE = ("out of memory", "expression nested too deeply")


def chance_events() -> int:
    """How many worker calls of this process ended by chance: a timeout, a crash, the memory limit.

    A result that such a call decided may differ on the next run, so the document cache
    (:mod:`.documents`) stores no report during which this count grew.

    >>> before = chance_events()
    >>> w = Worker(); w.call(__import__('time').sleep, (5,), timeout=0.1).kind; w.close()
    'timeout'
    >>> chance_events() - before
    1
    """
    return len(_CHANCE)  # a list's append and pop are atomic: worker threads add to it at once


@dataclass(frozen=True)
class Progress:
    """One stage of a staged computation done: its result, and how long the next stage may take.

    A generator function run by :meth:`Worker.stages` yields these; the worker reports each
    ``value`` as soon as it is yielded and then allows ``next_seconds`` for the following stage.

    >>> stage = Progress(('numeric', 'confirmed'), next_seconds=3.0)
    >>> stage.value, stage.next_seconds
    (('numeric', 'confirmed'), 3.0)
    """

    value: Any
    next_seconds: float


@dataclass(frozen=True)
class Outcome:
    """What a call produced: ``ok`` (value), ``error`` (message), ``timeout`` or ``crashed``.

    >>> w = Worker()
    >>> w.call(int, ('x',), timeout=5)
    Outcome(kind='error', value=None, message="ValueError: invalid literal for int() with base 10: 'x'")
    >>> w.close()
    """

    kind: str
    value: Any = None
    message: str = ""


def _serve(conn) -> None:
    """The worker's loop: receive (function, args), send back an Outcome, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_LIMIT, _MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        except Exception as err:  # an argument that cannot be unpickled
            out = Outcome("error", message=f"{type(err).__name__}: {err}")
        else:
            try:
                result = fn(*args)
                if inspect.isgenerator(result):  # a staged computation: report each stage as it ends
                    for item in result:
                        conn.send(Outcome("progress", item))
                    result = None
                out = Outcome("ok", result)
            except MemoryError:
                out = Outcome("error", message="out of memory")
            except RecursionError:
                out = Outcome("error", message="expression nested too deeply")
            except Exception as err:
                out = Outcome("error", message=f"{type(err).__name__}: {err}")
        try:
            conn.send(out)
        except Exception as err:
            conn.send(Outcome("error", message=f"cannot send the result back: {err}"))


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform == "linux" else "spawn")


class Worker:
    """One worker process; ``call`` runs ``fn(*args)`` in it with a timeout (thread-safe).

    >>> import time
    >>> w = Worker()
    >>> w.call(sum, ([1, 2, 3],), timeout=5).value
    6
    >>> w.call(time.sleep, (10,), timeout=0.2)  # killed after 0.2 s
    Outcome(kind='timeout', value=None, message='no answer within 0.2 s')
    >>> w.call(sum, ([4, 5],), timeout=5).value, w.restarts  # a fresh process took over
    (9, 1)
    >>> w.close()
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc = None
        self._conn = None
        self.restarts = 0

    def _start(self) -> None:
        ctx = _context()
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child,), daemon=True, name="derivations-worker")
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent

    def _kill(self) -> None:
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join(timeout=5)
            self._conn.close()
            self.restarts += 1
            _CHANCE.append("killed")  # a timeout, a crash or a failed send (close() takes it back)
        self._proc = self._conn = None

    def call(self, fn: Callable, args: tuple, timeout: float) -> Outcome:
        """Run ``fn(*args)`` in the worker; kill it and return ``timeout`` after ``timeout`` seconds."""
        return self.stages(fn, args, timeout)[1]

    def stages(self, fn: Callable, args: tuple, timeout: float) -> tuple[list, Outcome]:
        """Run a generator function of :class:`Progress` items in the worker, stage by stage.

        The first item must come within ``timeout`` seconds, each later one within the
        ``next_seconds`` the previous item announced; a stage that overruns kills the worker.
        Returns the values of the completed stages and how the run ended (``ok``, ``timeout``,
        ``error`` or ``crashed``).  One round trip however many stages there are.
        """
        done: list = []
        with self._lock:
            if self._proc is None or not self._proc.is_alive():
                self._proc = None
                self._start()
            try:
                self._conn.send((fn, args))
            except (BrokenPipeError, EOFError, OSError) as err:
                self._kill()
                return done, Outcome("crashed", message=f"worker unreachable: {err}")
            except Exception as err:
                self._kill()
                return done, Outcome("error", message=f"cannot send to the worker: {err}")
            limit = timeout
            while True:
                try:
                    if not self._conn.poll(limit):
                        self._kill()
                        return done, Outcome("timeout", message=f"no answer within {limit:g} s")
                    out = self._conn.recv()
                except (EOFError, OSError):
                    self._kill()
                    return done, Outcome("crashed", message="the worker process died")
                except BaseException:
                    self._kill()
                    raise
                if out.kind != "progress":
                    if out.kind == "error" and out.message in _BY_CHANCE:
                        _CHANCE.append(out.message)
                    return done, out
                done.append(out.value.value)
                limit = out.value.next_seconds

    def close(self) -> None:
        """Stop the worker process (a later call starts a new one)."""
        with self._lock:
            if self._proc is not None:
                self._kill()
                self.restarts -= 1
                _CHANCE.pop()

    @property
    def pid(self) -> int | None:
        """The worker's process id, or None when none is running."""
        return self._proc.pid if self._proc is not None else None


class WorkerPool:
    """A few workers for checking steps in parallel: ``with pool.worker() as w: w.call(...)``.

    Workers are started on first use; a thread takes a free one and gives it back.

    >>> pool = WorkerPool(2)
    >>> with pool.worker() as w:
    ...     w.call(abs, (-3,), timeout=5).value
    3
    >>> pool.close()
    """

    def __init__(self, size: int):
        self.size = max(1, size)
        self._workers = [Worker() for _ in range(self.size)]
        self._free: "queue.SimpleQueue[Worker]" = queue.SimpleQueue()
        for w in self._workers:
            self._free.put(w)

    @contextlib.contextmanager
    def worker(self):
        """Borrow a worker for the duration of the ``with`` block."""
        w = self._free.get()
        try:
            yield w
        finally:
            self._free.put(w)

    def start(self, count: int = 1) -> None:
        """Start ``count`` worker processes now, so that they are ready by the first step (``check`` parses meanwhile).

        >>> pool = WorkerPool(2); pool.start(1)
        >>> [w.pid is not None for w in pool._workers]
        [True, False]
        >>> pool.close()
        """
        for w in self._workers[:count]:
            with w._lock:
                if w._proc is None or not w._proc.is_alive():
                    w._proc = None
                    w._start()

    def close(self) -> None:
        """Stop every worker process."""
        for w in self._workers:
            w.close()


def pool_size() -> int:
    """How many workers verify in parallel: $DERIVATIONS_WORKERS, else min(2, CPU count).

    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {'DERIVATIONS_WORKERS': '3'}):
    ...     pool_size()
    3
    >>> with mock.patch.dict(os.environ, {'DERIVATIONS_WORKERS': ''}):
    ...     1 <= pool_size() <= 2
    True
    """
    try:
        wanted = int(os.environ.get("DERIVATIONS_WORKERS", "0"))
    except ValueError:
        wanted = 0
    return wanted if wanted > 0 else max(1, min(2, os.cpu_count() or 1))


_default: WorkerPool | None = None
_default_lock = threading.Lock()
_default_pid = None


def default_pool() -> WorkerPool:
    """The shared pool used by the verifier, created on first use (not at import).

    >>> pool = default_pool()
    >>> pool is default_pool(), pool.size == pool_size()
    (True, True)
    >>> with pool.worker() as w:
    ...     w.call(max, (3, 7), timeout=5).value
    7
    """
    global _default, _default_pid
    with _default_lock:
        if _default is None or _default_pid != os.getpid():
            import atexit
            _default, _default_pid = WorkerPool(pool_size()), os.getpid()
            atexit.register(_default.close)
        return _default


def use_workers(size: int) -> WorkerPool:
    """Make the shared pool ``size`` workers (``check --jobs``); the old pool's processes are stopped.

    >>> use_workers(1).size, default_pool().size
    (1, 1)
    >>> use_workers(pool_size()) is default_pool()
    True
    """
    global _default, _default_pid
    with _default_lock:
        if _default is not None and _default_pid == os.getpid() and _default.size == max(1, size):
            return _default
        old = _default if _default_pid == os.getpid() else None  # a forked parent's pool is not ours
        _default, _default_pid = WorkerPool(size), os.getpid()
    if old is not None:
        old.close()
    import atexit
    atexit.register(_default.close)
    return _default


def call_limited(fn: Callable, args: tuple, seconds: float) -> Outcome:
    """``fn(*args)`` on a worker of the shared pool, killed after ``seconds`` (see :meth:`Worker.call`).

    >>> call_limited(max, (3, 7), 5).value
    7
    """
    with default_pool().worker() as w:
        return w.call(fn, args, timeout=seconds)
