"""LaTeX export: SymPy's printer for math, latexcodec for prose, documents that really compile."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import require_tool

import derivations
from derivations.render.export import export, write_atomic
from derivations.render.latex import document, fragment, math_latex
from derivations.theorems import catalog

ROOT = Path(__file__).resolve().parents[1]


def test_unevaluated_steps_print_as_written():
    """A product of fractions stays a product, a double negative gets parentheses."""
    d = derivations.get("sigmoid-derivative")
    assert r"\cdot" in math_latex(d.step("split").rhs)
    assert "- -" not in math_latex(d.step("differentiate").rhs)


def test_fragment_has_stable_labels_and_one_step_per_line():
    """Labels are <id>:<step name>; every step has a label and a justification beside it."""
    d = derivations.get("sigmoid-derivative")
    tex = fragment(d)
    for step in d.steps:
        assert rf"\label{{{step.label}}}" in tex
    assert tex.count(r"\label{sigmoid-derivative:") == len(d.steps) + len(d.statement) + len(d.definitions)
    assert r"\begin{align}" in tex and "quotient rule" in tex


def test_export_is_deterministic(tmp_path):
    """Two exports of the same derivation give the same bytes."""
    items = [derivations.get(i) for i in catalog.ids()[:3]]
    a = export(items, tmp_path / "a")
    b = export(items, tmp_path / "b")
    for pa, pb in zip(a.written, b.written):
        assert pa.read_bytes() == pb.read_bytes()


def test_committed_latex_out_is_fresh(tmp_path):
    """latex_out/ equals a fresh export of the catalog (run `derivations export --all` to update)."""
    result = export(derivations.catalog(), tmp_path)
    committed = sorted(p.name for p in (ROOT / "latex_out").glob("*.tex"))
    assert committed == sorted(p.name for p in result.written)
    stale = [p.name for p in result.written if p.read_bytes() != (ROOT / "latex_out" / p.name).read_bytes()]
    assert not stale, f"latex_out/ is stale: {stale}; run `derivations export --all`"


def test_atomic_write_leaves_no_partial_file(tmp_path):
    """A write that fails midway leaves the old file intact and no temporary file behind."""
    target = tmp_path / "x.tex"
    target.write_text("old")

    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # not text: fails inside the write
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.tex"]


@pytest.mark.parametrize("ident", catalog.ids())
def test_every_exported_document_compiles(ident, tmp_path):
    """The standalone document (with the verification table) compiles with real pdflatex."""
    exe = require_tool("pdflatex")
    d = derivations.get(ident)
    tex = tmp_path / f"{ident}.tex"
    tex.write_text(document(d, d.verify()), encoding="utf-8")
    run = subprocess.run([exe, "-halt-on-error", "-no-shell-escape", "-interaction=nonstopmode", tex.name],
                         cwd=tmp_path, capture_output=True, text=True, errors="replace", timeout=300)
    assert run.returncode == 0, run.stdout[-2000:]
    assert (tmp_path / f"{ident}.pdf").stat().st_size > 1000
    assert "proved" in tex.read_text() and "seed" in tex.read_text()


def test_book_compiles_with_real_pdflatex(tmp_path):
    """The book of the whole catalog (inputting every fragment) compiles to a PDF."""
    require_tool("pdflatex")
    result = export(derivations.catalog(), tmp_path, pdf=True)
    assert {p.name for p in result.pdfs} >= {"derivations.pdf"}
    assert all(p.stat().st_size > 1000 for p in result.pdfs)
