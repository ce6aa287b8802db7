"""A persistent verdict cache on disk: re-checking unchanged notes costs no verification.

**Where.** ``$DERIVATIONS_CACHE_DIR``, else ``$XDG_CACHE_HOME/derivations``, else
``~/.cache/derivations``.  **Off.** ``DERIVATIONS_NO_CACHE=1`` in the environment, ``--no-cache``
on the command line, or :func:`disable`.  **Clear.** ``derivations cache --clear`` (or delete the
folder).

**Keys.** An entry is found by the check's content key (both sides, definitions, domains,
substitutions, seed and limits: see :func:`derivations.verify.recipe.check_equal`) together with a
fingerprint of the verifier itself, the library version and the source of ``derivations.core``
and ``derivations.verify``.  A changed verifier never reuses an old verdict.

**Trust.** Entries are JSON (never pickle), one file per verdict, written atomically (a temporary
file, then ``os.replace``), so concurrent writers never leave a torn file.  An entry that cannot
be read, does not parse, has another fingerprint or key, or does not rebuild into a verdict is
ignored and recomputed, never trusted.  Only settled verdicts are stored (proved, confirmed,
refuted), and inconclusive ones that every run would repeat (a side that cannot be evaluated);
one that a timeout, a crash or the memory limit decided may be different on the next run.

**Bounded.** At most :data:`MAX_ENTRIES` files: every so often a write prunes the oldest.

>>> import tempfile
>>> from derivations.verify.verdict import NumericResult, Status, SymbolicResult, Verdict
>>> v = Verdict(Status.PROVED, SymbolicResult(True, 'expand'), NumericResult(Status.CONFIRMED, 20))
>>> with tempfile.TemporaryDirectory() as d:
...     cache = DiskCache(d)
...     cache.put('k' * 64, v)
...     cache.get('k' * 64) == v, cache.get('0' * 64)
(True, None)
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import tempfile
import sys
import threading
import time
from functools import lru_cache
from pathlib import Path

__all__ = ["MAX_ENTRIES", "DiskCache", "cache_dir", "default_cache", "disable", "enabled", "fingerprint", "side_file",
           "write_entry", "prune_files"]

MAX_ENTRIES = 50_000
"""Entries kept at most (about 1 KiB each); the oldest are removed beyond that."""

_PRUNE_EVERY = 256  # writes between two size checks
_FORMAT = 1
_CHANCE = ("timeout", "crashed", "out of memory", "worker unreachable", "cannot send")  # may differ next run


@lru_cache(maxsize=1)
def _kinds():
    """The verdict module, its dataclasses by name and the settled statuses: imported when first needed
    (it imports SymPy), so that reading the document cache (:mod:`.documents`) does not."""
    from derivations.verify import verdict

    types = {cls.__name__: cls for cls in (verdict.Verdict, verdict.SymbolicResult, verdict.NumericResult,
                                           verdict.Float64Check, verdict.Counterexample)}
    return verdict, types, (verdict.Status.PROVED, verdict.Status.CONFIRMED, verdict.Status.REFUTED)


def _settled(v) -> bool:
    """Proved, confirmed or refuted; or inconclusive for a reason that is the same on every run
    (an expression that cannot be evaluated), not by chance (a timeout, a crash, memory)."""
    verdict, _, settled = _kinds()
    if v.status in settled:
        return True
    text = f"{v.reason} {getattr(v.numeric, 'reason', '')} {v.symbolic.attempts if v.symbolic else ''}"
    return v.status == verdict.Status.INCONCLUSIVE and not any(word in text for word in _CHANCE)
_enabled = os.environ.get("DERIVATIONS_NO_CACHE", "") in ("", "0")
_OPEN: dict = {}  # folder -> its DiskCache
_OPEN_LOCK = threading.Lock()


def cache_dir() -> Path:
    """Where the cache lives: ``$DERIVATIONS_CACHE_DIR``, ``$XDG_CACHE_HOME/derivations`` or ``~/.cache/derivations``.

    >>> cache_dir().name in ('derivations',) or 'DERIVATIONS_CACHE_DIR' in __import__('os').environ
    True
    """
    if os.environ.get("DERIVATIONS_CACHE_DIR"):
        return Path(os.environ["DERIVATIONS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "derivations"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """The verifier's identity: library version plus a hash of the source of ``derivations.core`` and ``derivations.verify``.

    >>> len(fingerprint()), fingerprint() == fingerprint()
    (16, True)
    """
    from derivations import __version__

    digest = hashlib.sha256(f"{__version__}\x00{_FORMAT}".encode())
    root = Path(__file__).resolve().parent.parent
    for folder in ("core", "verify"):
        for path in sorted((root / folder).glob("*.py")):
            digest.update(path.name.encode() + b"\x00" + path.read_bytes())
    return digest.hexdigest()[:16]


def enabled() -> bool:
    """Whether the disk caches are on in this process (not ``--no-cache``, not ``DERIVATIONS_NO_CACHE=1``).

    >>> isinstance(enabled(), bool)
    True
    """
    return _enabled


def disable() -> None:
    """Turn the disk cache off for this process (``--no-cache``).

    >>> import derivations.verify.cache as c
    >>> before = c._enabled; c.disable(); c.default_cache() is None
    True
    >>> c._enabled = before
    """
    global _enabled
    _enabled = False


def default_cache() -> "DiskCache | None":
    """The cache :func:`~derivations.verify.recipe.check_equal` uses, or None when it is off.

    One instance per folder, kept for the process, so its count of writes (which triggers pruning)
    adds up across checks.

    >>> default_cache() is None or (default_cache().root == cache_dir() and default_cache() is default_cache())
    True
    """
    if not _enabled:
        return None
    root = cache_dir()
    with _OPEN_LOCK:
        return _OPEN.setdefault(root, DiskCache(root))


def side_file(name: str) -> str | None:
    """A path for data derived from the code alone (the checker's parser tables), or None when the cache is off.

    Like Python's compiled files, it lives in the package's ``__pycache__`` folder: read from there
    whenever it exists (``scripts/setup.sh`` builds it at install, as it compiles the modules), and
    written there when that folder is writable and bytecode is written; else in the cache folder, so a
    fresh verdict cache folder does not build the tables again.  Lark checks a hash of the grammar and
    its options when it reads them, so a stale file is rebuilt (and written back where it was read).

    >>> path = side_file('x.pickle')
    >>> path is None or path.endswith('x.pickle')
    True
    """
    if not _enabled:
        return None
    code = Path(__file__).resolve().parent.parent / "__pycache__"
    if os.access(code / name, os.R_OK):
        return str(code / name)
    for root in ((code,) if not sys.dont_write_bytecode else ()) + (cache_dir(),):
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(root, os.W_OK):
            return str(root / name)
    return None


class DiskCache:
    """Verdicts stored as JSON files under ``root``, keyed by content and the verifier's fingerprint.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     DiskCache(d).stats()
    (0, 0)
    """

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)
        self._writes = 0

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str):
        """The stored verdict for ``key``, or None (missing, unreadable, foreign or corrupt entries alike)."""
        verdict, _, settled = _kinds()
        try:
            data = json.loads(self._path(key).read_text("utf-8"))
            if data.get("fingerprint") != fingerprint() or data.get("key") != key:
                return None
            found = _decode(data["verdict"])
            if not isinstance(found, verdict.Verdict) or not _settled(found):
                return None
            return found if found.status in settled or data.get("same every run") is True else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, verdict) -> None:
        """Store a settled verdict (proved, confirmed, refuted, or inconclusive the same every run) atomically.

        Errors writing it are ignored: the cache is an optimisation.
        """
        if not _settled(verdict):
            return
        entry = {"fingerprint": fingerprint(), "key": key, "verdict": _encode(verdict)}
        if verdict.status not in _kinds()[2]:
            entry["same every run"] = True  # an inconclusive verdict that no timeout or crash decided
        if not write_entry(self._path(key), json.dumps(entry)):
            return
        self._writes += 1
        if self._writes % _PRUNE_EVERY == 0:
            self.prune()

    @contextlib.contextmanager
    def claim(self, key: str, wait: float = 60.0):
        """Yield True to the one process that should verify ``key`` now; others wait for its entry, then get False.

        A lock file next to the entry (created exclusively, holding the owner's process id) marks
        a verification in progress, so that processes checking sheets in parallel verify a shared
        step once.  A waiter stops waiting when the entry appears, the lock goes, its owner is no
        longer alive, or after ``wait`` seconds; then it reads the cache (and verifies the step
        itself if the entry is still missing, as after an inconclusive verdict by a timeout).

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     with DiskCache(d).claim('k' * 64) as mine:
        ...         mine
        True
        """
        lock = self._path(key).with_suffix(".lock")
        try:
            lock.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            self._wait(key, lock, wait)
            yield False
            return
        except OSError:  # a read-only cache: verify without coordination
            yield True
            return
        try:
            os.write(fd, str(os.getpid()).encode())
            os.close(fd)
            yield True
        finally:
            with contextlib.suppress(OSError):
                lock.unlink()

    def _wait(self, key: str, lock: Path, wait: float) -> None:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and self._path(key).exists() is False:
            try:
                owner = int(lock.read_text() or "0")
            except (OSError, ValueError):
                return  # the lock is gone (or being written): read the cache now
            if owner and not _alive(owner):
                return
            time.sleep(0.02)

    def entries(self) -> list[Path]:
        """Every entry file, in no particular order."""
        return list(self.root.glob("??/*.json")) if self.root.is_dir() else []

    def stats(self) -> tuple[int, int]:
        """(entries, bytes) on disk."""
        files = self.entries()
        return len(files), sum(_size(p) for p in files)

    def prune(self, keep: int | None = None) -> int:
        """Remove the oldest entries beyond ``keep`` (default :data:`MAX_ENTRIES`); returns how many were removed."""
        return prune_files(self.entries(), MAX_ENTRIES if keep is None else keep)

    def clear(self) -> int:
        """Remove every entry; returns how many were removed."""
        return self.prune(keep=0)


def write_entry(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically (a temporary file in the same folder, then ``os.replace``).

    Several processes may write the same entry at once: each rename is whole, the last one wins.
    Returns False when it cannot be written (a read-only or full disk: the caches are an
    optimisation, never an error).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_entry(Path(d) / 'ab' / 'x.json', '{}'), (Path(d) / 'ab' / 'x.json').read_text()
    (True, '{}')
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        return False
    return True


def prune_files(files: list[Path], keep: int) -> int:
    """Remove the oldest of ``files`` (by modification time) beyond ``keep``; returns how many went.

    >>> prune_files([], 0)
    0
    """
    if len(files) <= keep:
        return 0
    files = sorted(files, key=_mtime)
    removed = 0
    for p in files[: len(files) - keep]:
        try:
            p.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def _encode(value):
    if dataclasses.is_dataclass(value):
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"__type__": type(value).__name__, **fields}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, _kinds()[0].Status):
        return value.value
    return value


def _decode(value):
    if isinstance(value, dict):
        cls = _kinds()[1][value["__type__"]]
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: _decode(v) for k, v in value.items() if k in names})
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    return value
