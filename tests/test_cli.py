"""The command line: every command, its exit status, and bad input without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import require_tool

from derivations.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list(capsys):
    """`list` prints one id and title per line."""
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert out.splitlines()[0].split()[0] == "sigmoid-derivative"


def test_show(capsys):
    """`show ID` prints the statement and numbered, justified steps."""
    code, out, _ = run(capsys, "show", "logit-inverse")
    assert code == 0 and "Statement:" in out and "(unfold-logit)" in out


def test_verify_all_passes(capsys):
    """`verify --all` exits 0 and prints a per-step report."""
    code, out, _ = run(capsys, "verify", "sigmoid-derivative", "sigmoid-symmetry", "logit-inverse")
    assert code == 0
    assert "sigmoid-derivative: 8 steps, 8 proved" in out


def test_verify_json(capsys):
    """`verify --json` is machine-readable, with a verdict per check."""
    code, out, _ = run(capsys, "verify", "sigmoid-symmetry", "--json")
    data = json.loads(out)
    assert code == 0 and data["ok"] is True
    step = data["derivations"][0]["steps"][0]
    assert step["status"] == "proved" and step["checks"][0]["numeric"]["points"] == 20


@pytest.mark.parametrize("argv, needle", [
    (["show", "sigmoid-derivatve"], "did you mean 'sigmoid-derivative'"),
    (["verify", "logit-inverse", "nope"], "unknown derivation 'nope'"),
    (["verify"], "at least one derivation id"),
    (["export", "--all", "logit-inverse"], "not both"),
])
def test_bad_input_exits_2_with_a_message(capsys, argv, needle):
    """Unknown ids and bad combinations exit 2 with a clear message and no traceback."""
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert needle in err and "Traceback" not in err


def test_unknown_command_and_help(capsys):
    """argparse errors exit 2; --help exits 0."""
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys, "--help")[0] == 0


def test_export_writes_files(capsys, tmp_path):
    """`export ID --out DIR` writes the fragment and the standalone document, listing them."""
    code, out, _ = run(capsys, "export", "sigmoid-symmetry", "--out", str(tmp_path))
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sigmoid-symmetry-standalone.tex", "sigmoid-symmetry.tex"]
    assert str(tmp_path / "sigmoid-symmetry.tex") in out


def test_export_pdf_with_real_pdflatex(capsys, tmp_path):
    """`export --pdf` builds a PDF with the real pdflatex."""
    require_tool("pdflatex")
    code, out, err = run(capsys, "export", "sigmoid-derivative", "--out", str(tmp_path), "--pdf")
    assert code == 0, err
    assert (tmp_path / "sigmoid-derivative-standalone.pdf").stat().st_size > 1000


def test_export_pdf_says_clearly_when_pdflatex_is_missing(tmp_path):
    """Without pdflatex on PATH, --pdf writes the .tex, says why there is no PDF, exits 1."""
    env = {**os.environ, "PATH": os.path.dirname(sys.executable)}
    run_ = subprocess.run([sys.executable, "-m", "derivations", "export", "sigmoid-symmetry", "--out",
                           str(tmp_path), "--pdf"], capture_output=True, text=True, env=env)
    assert run_.returncode == 1
    assert "pdflatex is not installed" in run_.stderr
    assert (tmp_path / "sigmoid-symmetry.tex").exists()


def test_unwritable_output_directory_is_a_clear_error(tmp_path):
    """An output directory that cannot be written gives a message, not a traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    run_ = subprocess.run([sys.executable, "-m", "derivations", "export", "sigmoid-symmetry", "--out",
                           str(blocker / "sub")], capture_output=True, text=True)
    assert run_.returncode != 0
    assert "Traceback" not in run_.stderr and "derivations:" in run_.stderr


def test_python_dash_m(tmp_path):
    """`python -m derivations` runs the same CLI."""
    run_ = subprocess.run([sys.executable, "-m", "derivations", "list"], capture_output=True, text=True)
    assert run_.returncode == 0 and "logit-inverse" in run_.stdout
