"""The checker on real derivations: no false alarm, no missed error, and a floor on the score.

Source: tests/data/real/ holds derivations collected from public course notes, blogs, Q&A sites and
repositories (each file's header comment names its source URL or repository and path), with a hand
verdict (``correct`` or ``wrong-step N``), and ``*.wrong.md`` copies with one injected error.
INDEX.md lists them.  Where the first wrong step is in the original, a ``wrong-line`` header gives
the line of its right side; for a ``*.wrong.md`` copy it is the line that differs from the original.

Judged right: a correct file exits 0, or a wrong file exits 1 with its first refuted step on the
marked line.  A false alarm is a right step refuted; a missed error a wrong file that exits 0;
partly read a file that exits 3 (some math not checked, nothing wrong found).

``python tests/test_real_corpus.py`` prints the table and the score (the README quotes it).
"""

from __future__ import annotations

import difflib
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import pytest

from derivations.checker.check import check_text

CORPUS = Path(__file__).resolve().parent / "data" / "real"
FILES = sorted(p.name for p in CORPUS.glob("*.md") if p.name != "INDEX.md")
JUDGED_RIGHT_FLOOR = 24  # the measured score; raise it as the checker reads more, never lower it


def marked_line(name: str) -> int | None:
    """The line of the first wrong step's right side, or None for a correct file."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    verdict = re.search(r"<!-- verdict: (correct|wrong-step \d+)", text)
    assert verdict, f"{name}: no verdict header"
    if verdict.group(1) == "correct":
        return None
    header = re.search(r"<!-- wrong-line: (\d+)", text)
    if header:
        return int(header.group(1))
    original = (CORPUS / name.replace(".wrong.md", ".md")).read_text(encoding="utf-8").split("\n")
    lines = text.split("\n")
    matcher = difflib.SequenceMatcher(None, original, lines, autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        changed = [n for n in range(j1, j2) if not lines[n].startswith("<!--")]
        if tag != "equal" and changed:
            return changed[0] + 1
    raise AssertionError(f"{name}: no line differs from the original")


def judge(name: str) -> tuple[str, str]:
    """(category, detail) of one file: right, false alarm, missed error, partly read, inconclusive, late."""
    report = check_text((CORPUS / name).read_text(encoding="utf-8"), path=name)
    mark = marked_line(name)
    code = report.exit_code
    wrong = report.first_wrong()
    detail = f"exit {code}" + (f", first refuted at line {wrong[1].line}" if wrong else "")
    if mark is None:
        if code == 0:
            return "right", detail
        if wrong is not None:
            return "false alarm", detail
        return ("partly read" if code == 3 else "inconclusive"), detail
    detail += f", marked line {mark}"
    if code == 0:
        return "missed error", detail
    if wrong is None:
        return ("partly read" if code == 3 else "inconclusive"), detail
    if wrong[1].line == mark:
        return "right", detail
    return ("false alarm" if wrong[1].line < mark else "found later"), detail


@lru_cache(maxsize=1)
def results() -> dict[str, tuple[str, str]]:
    """Every file judged once (two at a time: each check already runs in worker processes)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(FILES, pool.map(judge, FILES)))


def score() -> dict[str, int]:
    """How many files fall in each category."""
    counts: dict[str, int] = {}
    for category, _detail in results().values():
        counts[category] = counts.get(category, 0) + 1
    return counts


def test_corpus_is_there():
    """The corpus holds at least 40 real derivations, each with a source and a verdict header."""
    assert len([f for f in FILES if not f.endswith(".wrong.md")]) >= 40
    for name in FILES:
        head = (CORPUS / name).read_text(encoding="utf-8")[:2000]
        assert "<!-- source:" in head and "<!-- verdict:" in head, name


@pytest.mark.parametrize("name", FILES)
def test_no_false_alarm_and_no_missed_error(name):
    """No right step of a real derivation is refuted, and no wrong derivation passes with exit 0."""
    category, detail = results()[name]
    assert category not in ("false alarm", "missed error"), f"{name}: {category} ({detail})"


def test_judged_right_floor():
    """The number of files judged right does not fall below the measured score."""
    counts = score()
    assert counts.get("right", 0) >= JUDGED_RIGHT_FLOOR, counts


if __name__ == "__main__":
    for name, (category, detail) in results().items():
        print(f"{category:13} {name}: {detail}")
    counts = score()
    print(f"judged right {counts.get('right', 0)} / {len(FILES)}; " +
          ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k != "right"))
    sys.exit(0)
