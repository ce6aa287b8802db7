"""A whole-document cache: re-checking an unchanged file reads its report back without importing SymPy.

``derivations check`` looks a file up here before anything heavy is imported, so an unchanged
file costs little more than starting Python and reading one JSON file.  The verdict cache
(:mod:`.cache`) still answers each step of a changed file.

**Key.** A SHA-256 of the document's bytes, its name as shown in the report, the input format and
the command's options (``--define``, ``--assume``) together with :func:`code_fingerprint`: the
source of the whole package (checker, verifier, definitions), the versions of SymPy, mpmath and
Python, and this module's format.  Any change to any of them is a different key.

**Trust.** Entries are JSON files in ``reports/`` under the verdict cache's folder, written
atomically (a temporary file, then ``os.replace``), so concurrent writers never leave a torn
file.  An entry that cannot be read, does not parse, has another fingerprint or key, or lacks a
field is ignored and the file is checked again, never trusted.  A report is stored only when
nothing in it was decided by chance: no worker call timed out, crashed or hit the memory limit
while it was made (:func:`~derivations.verify.worker.chance_events`), and no step's text says so.

**Off and clear.** The same switches as the verdict cache: ``--no-cache``,
``DERIVATIONS_NO_CACHE=1``, ``derivations cache --clear``.  **Bounded.** At most
:data:`MAX_REPORTS` reports; every so often a write prunes the oldest.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     store = ReportCache(d)
...     key = document_key(b'$$x + x = 2x$$', 'a.md', markdown=True, defines=(), assume=())
...     _ = store.put(key, {'path': 'a.md', 'exit_code': 0, 'counts': {}, 'chains': []}, 'a.md ...', 'a.md: ok')
...     store.get(key).exit_code, store.get(key[::-1])
(0, None)
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Sequence

from derivations.verify.cache import cache_dir, enabled, prune_files, write_entry

__all__ = ["MAX_REPORTS", "READ_LIMIT", "ReportCache", "StoredReport", "code_fingerprint", "document_key",
           "default_reports", "by_chance"]

MAX_REPORTS = 2_000
"""Reports kept at most (a report is about 1 KiB per step); the oldest are removed beyond that."""

READ_LIMIT = 1 << 20
"""Bytes of a document read for its key: at least the checker's own limit (``check.MAX_BYTES``)."""

_FORMAT = 1
_PRUNE_EVERY = 64
_CHANCE_WORDS = ("timeout", "timed out", "time limit", "time budget", "crashed", "out of memory",
                 "unreachable", "cannot send", "nested too deeply")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What a report depends on besides the document: the package's source and the versions it runs on.

    Every ``.py`` and ``.lark`` file of the package (read, not imported), the source of SymPy's and
    mpmath's version modules, and the Python version.

    >>> len(code_fingerprint()), code_fingerprint() == code_fingerprint()
    (16, True)
    """
    digest = hashlib.sha256(f"{_FORMAT}\x00{sys.version}\x00".encode())
    root = Path(__file__).resolve().parent.parent
    for path in sorted([*root.rglob("*.py"), *root.rglob("*.lark")]):
        digest.update(str(path.relative_to(root)).encode() + b"\x00" + path.read_bytes() + b"\x00")
    for package, module in (("sympy", "release.py"), ("mpmath", "__init__.py"), ("gmpy2", "__init__.py")):
        spec = importlib.util.find_spec(package)
        where = Path(spec.origin).parent / module if spec and spec.origin else None
        digest.update(package.encode() + b"\x00" + (where.read_bytes() if where and where.is_file() else b"-"))
    return digest.hexdigest()[:16]


def document_key(data: bytes, name: str, *, markdown: bool, defines: Sequence[str], assume: Sequence[str]) -> str:
    """The cache key of one check: the document's bytes, its name, format and options, and the code.

    >>> a = document_key(b'$$x=x$$', 'a.md', markdown=True, defines=(), assume=())
    >>> a == document_key(b'$$x=x$$', 'a.md', markdown=True, defines=(), assume=('x > 0',))
    False
    """
    head = json.dumps([code_fingerprint(), name, markdown, list(defines), list(assume)])
    return hashlib.sha256(head.encode() + b"\x00" + data).hexdigest()


def by_chance(report: dict) -> bool:
    """Whether a report's text says something was decided by chance (a time limit, a crash, memory).

    >>> by_chance({'chains': [{'steps': [{'reason': 'not decided within 4 s (timeout: ...)'}]}]})
    True
    >>> by_chance({'chains': []})
    False
    """
    text = json.dumps(report, ensure_ascii=False).lower()
    return any(word in text for word in _CHANCE_WORDS)


class _Step(NamedTuple):
    line: int
    status: str


class StoredReport:
    """A check report read back from the cache: its terminal text, summary line and JSON, as first made.

    It answers what ``derivations check`` prints and the summary row needs (``text``, ``summary``,
    ``to_dict``, ``exit_code``, ``counts``, ``steps``, ``first_wrong``).

    >>> r = StoredReport({'path': 'a.md', 'exit_code': 1, 'counts': {'refuted': 1},
    ...                   'chains': [{'steps': [{'line': 3, 'status': 'refuted'}]}]}, 'text', 'a.md: 1 refuted')
    >>> r.exit_code, r.first_wrong()[1].line, len(r.steps), r.summary()
    (1, 3, 1, 'a.md: 1 refuted')
    """

    def __init__(self, report: dict, text: str, summary: str):
        self._report, self._text, self._summary = report, text, summary
        self.path = report["path"]
        self.steps = tuple(_Step(int(s["line"]), str(s["status"])) for c in report["chains"] for s in c["steps"])

    @property
    def exit_code(self) -> int:
        """The exit status the report had."""
        return int(self._report["exit_code"])

    def counts(self) -> dict[str, int]:
        """How many steps got each status."""
        return dict(self._report["counts"])

    def first_wrong(self):
        """(chain, step) of the first refuted step, or None."""
        for c in self._report["chains"]:
            for s in c["steps"]:
                if s["status"] == "refuted":
                    return c, _Step(int(s["line"]), "refuted")
        return None

    def text(self) -> str:
        """The report for a terminal."""
        return self._text

    def summary(self) -> str:
        """The one-line summary."""
        return self._summary

    def to_dict(self) -> dict:
        """The JSON-ready dict."""
        return self._report


class ReportCache:
    """Whole-document reports stored as JSON files under ``root/reports``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     ReportCache(d).stats()
    (0, 0)
    """

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root) / "reports"
        self._writes = 0

    def _path(self, key: str) -> Path:
        return self.root / f"{key}.json"

    def get(self, key: str) -> StoredReport | None:
        """The stored report for ``key``, or None (missing, unreadable, foreign or corrupt entries alike)."""
        try:
            data = json.loads(self._path(key).read_text("utf-8"))
            if data.get("fingerprint") != code_fingerprint() or data.get("key") != key:
                return None
            if not (isinstance(data["text"], str) and isinstance(data["summary"], str)):
                return None
            found = StoredReport(data["report"], data["text"], data["summary"])
            found.counts()
            return found if found.exit_code in (0, 1, 3) else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, report: dict, text: str, summary: str) -> bool:
        """Store a report atomically, unless its text says something was decided by chance; True if written."""
        if by_chance(report):
            return False
        entry = {"fingerprint": code_fingerprint(), "key": key, "report": report, "text": text, "summary": summary}
        if not write_entry(self._path(key), json.dumps(entry, ensure_ascii=False)):
            return False
        self._writes += 1
        if self._writes % _PRUNE_EVERY == 0:
            self.prune()
        return True

    def entries(self) -> list[Path]:
        """Every stored report, in no particular order."""
        return list(self.root.glob("*.json")) if self.root.is_dir() else []

    def stats(self) -> tuple[int, int]:
        """(reports, bytes) on disk."""
        files = self.entries()
        return len(files), sum(p.stat().st_size for p in files if p.exists())

    def prune(self, keep: int | None = None) -> int:
        """Remove the oldest reports beyond ``keep`` (default :data:`MAX_REPORTS`); returns how many went."""
        return prune_files(self.entries(), MAX_REPORTS if keep is None else keep)

    def clear(self) -> int:
        """Remove every stored report; returns how many went."""
        return self.prune(keep=0)


def default_reports() -> ReportCache | None:
    """The report cache in the verdict cache's folder, or None when the caches are off.

    >>> store = default_reports()
    >>> store is None or store.root.name == 'reports'
    True
    """
    return ReportCache(cache_dir()) if enabled() else None
