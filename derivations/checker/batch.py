"""Check many files at once: directories expanded, files checked in parallel, a summary table.

``derivations check`` takes files and directories (a class's answer sheets); a directory stands
for every ``.md``, ``.tex``, ``.txt`` and ``.markdown`` file under it, in name order.  The files are
checked by ``jobs`` threads sharing one pool of worker processes, so a step that recurs across
sheets is verified once (the verdict cache, and a check already running for the same step is
waited for, not repeated).  :func:`summary_table` and :func:`write_csv` give one row per file.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     _ = (pathlib.Path(d) / 'a.md').write_text('$$x + x = 2x$$')
...     _ = (pathlib.Path(d) / 'notes.py').write_text('not a sheet')
...     [(pathlib.Path(p).name, err) for p, err in expand_paths([d])]
[('a.md', '')]
"""

from __future__ import annotations

import csv
import io
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

__all__ = ["SUFFIXES", "UnusableFile", "FileResult", "expand_paths", "check_files", "summary_table", "write_csv",
           "default_jobs", "worst_exit"]

SUFFIXES = (".md", ".tex", ".txt", ".markdown")
"""The files a directory contributes (in any letter case)."""

_COLUMNS = ("file", "steps", "proved", "confirmed", "refuted", "inconclusive", "not_checked",
            "first_wrong_line", "exit_code", "seconds", "verified", "reused", "error")


class UnusableFile(Exception):
    """A file that cannot be checked (missing, binary, not UTF-8, too large, a bad option): its row says why.

    >>> str(UnusableFile('a.md: no such file'))
    'a.md: no such file'
    """


def default_jobs() -> int:
    """How many files are checked at once by default: every core.

    >>> default_jobs() >= 1
    True
    """
    return max(1, os.cpu_count() or 1)


def expand_paths(names: Iterable[str]) -> list[tuple[str, str]]:
    """(file, error) for every name: a file as given, a directory as its sheets, sorted; '' = no error.

    A missing path or a directory without sheets is one entry with an error message (so the other
    paths are still checked); ``-`` is standard input.

    >>> expand_paths(['-', '/no/such/dir'])
    [('-', ''), ('/no/such/dir', 'no such file or directory')]
    """
    out: list[tuple[str, str]] = []
    for name in names:
        path = Path(name)
        if name == "-" or path.is_file():
            out.append((name, ""))
        elif path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            if not found:
                out.append((name, f"no {', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]} file in this directory"))
            out += [(f, "") for f in found]
        else:
            out.append((name, "no such file or directory"))
    return out


@dataclass(frozen=True)
class FileResult:
    """One file's outcome: its report (a ``CheckReport``), or the error that made it unusable.

    >>> r = FileResult('gone.md', None, 'no such file', 0.0)
    >>> r.exit_code, r.row()['error']
    (2, 'no such file')
    """

    name: str
    report: object | None
    error: str = ""
    seconds: float = 0.0
    verified: int = 0
    """Steps this file sent to a worker (the others came from the verdict cache)."""
    reused: int = 0
    """Steps whose verdict came from the cache (memory or disk)."""

    @property
    def exit_code(self) -> int:
        """The file's exit status: the report's, or 2 for an unusable file."""
        return 2 if self.report is None else self.report.exit_code

    def row(self) -> dict:
        """The summary row: counts of the steps' statuses, the first wrong line, the exit status.

        ``steps`` counts every link of every chain (definitions included, as the report's summary).
        """
        if self.report is None:
            return dict.fromkeys(_COLUMNS, "") | {"file": self.name, "exit_code": 2, "error": self.error}
        counts = self.report.counts()
        wrong = self.report.first_wrong()
        return {"file": self.name, "steps": len(self.report.steps), "proved": counts["proved"],
                "confirmed": counts["confirmed"], "refuted": counts["refuted"],
                "inconclusive": counts["inconclusive"], "not_checked": counts["not checked"],
                "first_wrong_line": wrong[1].line if wrong else "", "exit_code": self.exit_code,
                "seconds": round(self.seconds, 3), "verified": self.verified, "reused": self.reused,
                "error": ""}


def check_files(names: Sequence[tuple[str, str]], check_one: Callable[[str], object], *, jobs: int,
                done: Callable[[FileResult], None] = lambda r: None) -> list[FileResult]:
    """Run ``check_one(name)`` on every usable name, ``jobs`` files at once; results in input order.

    ``check_one`` returns a report or raises :class:`UnusableFile` saying why the file cannot be
    checked (any other exception ends the run).  ``done`` is called with each result in input
    order, as soon as it and every result before it are ready (so output streams in order).

    With ``jobs`` > 1 the files go to ``jobs`` forked processes (fewer with fewer files, each then
    with more workers), each with its own workers: reading and parsing a sheet is Python work that
    threads could not run in parallel.  The processes
    share the verdict cache on disk, so a step that another process has settled is not verified again.

    >>> [r.report for r in check_files([('a', ''), ('b', 'missing')], str.upper, jobs=2)]
    ['A', None]
    """
    if jobs <= 1 or len(names) <= 1 or not hasattr(os, "fork"):
        results = []
        for item in names:
            results.append(_run(check_one, item))
            done(results[-1])
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    processes = min(jobs, len(names))
    with ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_start_child,
                             initargs=(check_one, max(1, jobs // processes))) as ex:
        futures = [ex.submit(_run_in_child, item) for item in names]
        try:
            results = []
            for f in futures:
                results.append(f.result())
                done(results[-1])
        except BaseException:
            for f in futures:
                f.cancel()
            raise
    return results


_CHILD: dict = {}


def _start_child(check_one: Callable[[str], object], workers: int) -> None:
    """(In a forked process.) Remember the check and use ``workers`` workers of its own (the cores left per file)."""
    import signal

    from derivations.verify.worker import use_workers

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    _CHILD["check_one"] = check_one
    use_workers(workers)


def _run_in_child(item: tuple[str, str]) -> FileResult:
    return _run(_CHILD["check_one"], item)


def _run(check_one: Callable[[str], object], item: tuple[str, str]) -> FileResult:
    from derivations.verify.recipe import STATS

    name, error = item
    if error:
        return FileResult(name, None, error)
    t0, before = time.perf_counter(), dict(STATS)
    try:
        report = check_one(name)
    except UnusableFile as err:  # reported; the other files are still checked
        return FileResult(name, None, str(err), time.perf_counter() - t0)
    return FileResult(name, report, "", time.perf_counter() - t0,
                      STATS["verified"] - before["verified"], STATS["reused"] - before["reused"])


def summary_table(results: Sequence[FileResult], seconds: float | None = None) -> str:
    """The table printed after several files: one row per file, then the totals.

    >>> print(summary_table([FileResult('gone.md', None, 'no such file')]))  # doctest: +NORMALIZE_WHITESPACE
    file     steps  proved  confirmed  refuted  inconclusive  not checked  first wrong line  exit
    gone.md      –       –          –        –             –            –                 –     2  no such file
    1 file: 0 steps (0 proved, 0 confirmed, 0 refuted, 0 inconclusive, 0 not checked); exit 2
    """
    head = ("file", "steps", "proved", "confirmed", "refuted", "inconclusive", "not checked",
            "first wrong line", "exit")
    keys = ("file", "steps", "proved", "confirmed", "refuted", "inconclusive", "not_checked",
            "first_wrong_line", "exit_code")
    rows = [[str(r.row()[k]) if r.row()[k] != "" else "–" for k in keys] for r in results]
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(head)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    out = [line(head)]
    for r, cells in zip(results, rows):
        out.append(line(cells) + (f"  {r.error}" if r.error else ""))
    total = {k: sum(r.row()[k] for r in results if r.report is not None)
             for k in ("steps", "proved", "confirmed", "refuted", "inconclusive", "not_checked", "verified",
                       "reused")}
    checked = sum(r.report is not None for r in results)
    worst = worst_exit(r.exit_code for r in results)
    rate = f" in {seconds:.1f} s ({60 * checked / seconds:.0f} files/min)" if seconds else ""
    out.append(f"{len(results)} file{'s' * (len(results) != 1)}: {total['steps']} steps ({total['proved']} proved, "
               f"{total['confirmed']} confirmed, {total['refuted']} refuted, {total['inconclusive']} inconclusive, "
               f"{total['not_checked']} not checked){rate}; exit {worst}")
    if total["verified"] or total["reused"]:
        out.append(f"steps: {total['verified']} verified in a worker, {total['reused']} answered from the verdict cache")
    return "\n".join(out)


_SEVERITY = (0, 3, 1, 2)  # unchecked math < a wrong step < unusable input


def worst_exit(codes: Iterable[int]) -> int:
    """The most serious exit status of ``check`` over several files: 2, then 1, then 3 (math not checked), then 0.

    >>> worst_exit([0, 3, 1]), worst_exit([3, 0]), worst_exit([1, 2]), worst_exit([])
    (1, 3, 2, 0)
    """
    return max(codes, key=_SEVERITY.index, default=0)


def write_csv(results: Sequence[FileResult], out: str | os.PathLike[str]) -> None:
    """Write the summary rows as CSV (a header, then one row per file), atomically.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_csv([FileResult('gone.md', None, 'no such file')], pathlib.Path(d) / 's.csv')
    ...     print((pathlib.Path(d) / 's.csv').read_text().splitlines()[1])
    gone.md,,,,,,,,2,,,,no such file
    """
    from derivations.render.files import write_atomic

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in results:
        writer.writerow(r.row())
    write_atomic(Path(out), buffer.getvalue())
