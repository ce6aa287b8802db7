"""Exported files (LaTeX, PDFs, Markdown, SVG) get the mode the user's umask gives, set by a real shell `umask`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import require_tool

ROOT = Path(__file__).resolve().parent.parent


def _export(umask: str, out: Path, *args: str) -> list[Path]:
    """Run `derivations export` in a shell with the given umask; return the files it wrote."""
    command = f"umask {umask} && exec {sys.executable} -m derivations export -o {out} " + " ".join(args)
    run = subprocess.run(["sh", "-c", command], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return [Path(line) for line in run.stdout.splitlines()]


@pytest.mark.parametrize("umask, mode", [("022", 0o644), ("027", 0o640)])
def test_latex_and_pdf_files_get_the_umask_mode(tmp_path, umask, mode):
    """.tex files and the PDFs pdflatex built are 0o666 less the umask (644 under 022), not mkstemp's 600."""
    require_tool("pdflatex")
    written = _export(umask, tmp_path, "sigmoid-symmetry", "--pdf")
    assert {p.suffix for p in written} == {".tex", ".pdf"}
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in written} == {p.name: oct(mode) for p in written}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)  # no temporary file left


def test_markdown_pages_and_figures_get_the_umask_mode(tmp_path):
    """Markdown pages, SVG figures and the index are 644 under umask 022."""
    written = _export("022", tmp_path, "sigmoid-derivative", "--format", "md")
    assert {p.suffix for p in written} == {".md", ".svg"}
    assert {oct(p.stat().st_mode & 0o777) for p in written} == {"0o644"}
