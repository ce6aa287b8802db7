"""The pre-commit hook: .pre-commit-hooks.yaml, and `derivations check` on several files as pre-commit passes them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DERIVATIONS = str(Path(sys.executable).parent / "derivations")  # the console script pre-commit's `entry` runs


def _hook() -> dict[str, str]:
    """The single hook of .pre-commit-hooks.yaml as key -> value (a flat YAML list of one mapping)."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    return dict(re.findall(r"^[- ] (\w+): (.*)$", text, flags=re.M))


def _run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([DERIVATIONS, *argv], capture_output=True, text=True, cwd=ROOT)


def test_the_hook_runs_derivations_check_on_tex_and_md_files():
    """id derivations-check, entry `derivations check`, a python hook for .tex and .md files only."""
    hook = _hook()
    assert (hook["id"], hook["entry"], hook["language"]) == ("derivations-check", "derivations check", "python")
    files = re.compile(hook["files"])
    assert [bool(files.search(n)) for n in ("notes/week1.tex", "README.md", "a.txt", "b.md.bak", "c.py")] == \
        [True, True, False, False, False]


def test_several_files_give_each_report_and_the_worst_status():
    """`check A B` prints A's report, a blank line, B's report (each as `check` alone prints it), then the summary table; exit 1 if one is wrong."""
    alone = [_run("check", name) for name in ("examples/correct.md", "examples/broken.md")]
    assert [r.returncode for r in alone] == [0, 1]
    both = _run("check", "examples/correct.md", "examples/broken.md")
    assert both.returncode == 1
    assert both.stdout.startswith(alone[0].stdout + "\n" + alone[1].stdout + "\n")
    table = both.stdout[len(alone[0].stdout + "\n" + alone[1].stdout + "\n"):].splitlines()
    assert table[0].split()[:3] == ["file", "steps", "proved"]
    assert [row.split()[0] for row in table[1:3]] == ["examples/correct.md", "examples/broken.md"]
    assert _run("check", "examples/correct.md", "examples/correct.md").returncode == 0


def test_a_wrong_step_outranks_math_that_was_not_checked(tmp_path):
    """Exit statuses rank 2, 1, 3, 0: a partly read file (3) never hides a refuted step (1) in another."""
    partly = tmp_path / "sums.md"
    partly.write_text("$$\\sum w_{jk} a_k = 1$$\n", encoding="utf-8")  # Σ over j or k? not read
    assert _run("check", str(partly)).returncode == 3
    assert _run("check", "examples/broken.md", str(partly)).returncode == 1
    assert _run("check", str(partly), "examples/broken.md").returncode == 1
    assert _run("check", str(partly), "examples/correct.md").returncode == 3


def test_an_unusable_file_is_reported_and_the_others_still_checked(tmp_path):
    """A missing or binary file among several: a one-line error, the others checked, exit 2 (the worst)."""
    binary = tmp_path / "figure.md"
    binary.write_bytes(b"\x00\x01")
    run = _run("check", str(tmp_path / "missing.tex"), "examples/broken.md", str(binary))
    assert run.returncode == 2
    assert "missing.tex: no such file" in run.stderr and "binary file" in run.stderr
    assert "examples/broken.md: 1 chains, 3 steps (2 proved, 1 refuted)" in run.stdout


def test_json_of_several_files_is_a_list_and_annotate_needs_one_file(tmp_path):
    """--json with several files prints a list of reports; --annotate with several files is a usage error."""
    run = _run("check", "--json", "examples/correct.md", "examples/broken.md")
    reports = json.loads(run.stdout)
    assert [(r["path"], r["exit_code"]) for r in reports] == [("examples/correct.md", 0), ("examples/broken.md", 1)]
    run = _run("check", "--annotate", str(tmp_path / "out.md"), "examples/correct.md", "examples/broken.md")
    assert run.returncode == 2 and "one FILE" in run.stderr and not (tmp_path / "out.md").exists()
