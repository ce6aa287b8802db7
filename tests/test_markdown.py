"""`derivations export --format md`: Markdown pages whose every equation renders with real KaTeX and survives markdown-it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import require_tool
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from derivations.render.latex import math_latex
from derivations.theorems import catalog

ROOT = Path(__file__).resolve().parent.parent
KATEX = ROOT / ".ci-node" / "node_modules"


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory) -> Path:
    """The whole catalog exported as Markdown by the real command line."""
    out = tmp_path_factory.mktemp("md")
    run = subprocess.run([sys.executable, "-m", "derivations", "export", "--all", "--format", "md", "-o", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return out


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(dollarmath_plugin)


def _math_tokens(text: str) -> list:
    """Every math token markdown-it + dollarmath finds in a page (blocks and inline, tables included)."""
    found = []
    for token in _parser().parse(text):
        found += [t for t in [token, *(token.children or [])] if t.type.startswith("math")]
    return found


def _katex(items: list[tuple[str, bool]]) -> list[dict]:
    """Render (tex, display) pairs with the real KaTeX under node; FAIL under CI=true when it is missing."""
    node = require_tool("node")
    if not (KATEX / "katex" / "package.json").is_file():
        message = f"KaTeX is not installed in {KATEX} (run scripts/setup.sh)"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{message}, and CI=true requires it")
        pytest.skip(message)
    run = subprocess.run([node, str(ROOT / "tests" / "katex_render.js")], capture_output=True, text=True,
                         input=json.dumps([{"tex": t, "display": d} for t, d in items]),
                         env={**os.environ, "NODE_PATH": str(KATEX)}, check=True)
    return json.loads(run.stdout)


def test_export_writes_a_page_and_svg_figures_per_derivation_and_an_index(export_dir):
    """One .md per derivation, its figures as SVG beside it, and index.md linking every page."""
    names = sorted(p.name for p in export_dir.iterdir())
    assert [n for n in names if n.endswith(".md")] == sorted([f"{i}.md" for i in catalog.ids()] + ["index.md"])
    svgs = [n for n in names if n.endswith(".svg")]
    assert len(svgs) == sum(len(e.figures) for e in catalog.entries()) >= 3
    for svg in svgs:
        assert (export_dir / svg).read_text(encoding="utf-8").lstrip().startswith("<svg")
    pages = {n: (export_dir / n).read_text(encoding="utf-8") for n in names if n.endswith(".md")}
    for svg in svgs:
        assert sum(f"]({svg})" in text for text in pages.values()) == 1, svg
    for ident in catalog.ids():
        assert f"]({ident}.md)" in pages["index.md"]


def test_every_equation_renders_with_katex(export_dir):
    """Every display and inline math of every page renders with KaTeX (throwOnError, strict): no error at all."""
    items = [(t.content, t.type.startswith("math_block")) for p in sorted(export_dir.glob("*.md"))
             for t in _math_tokens(p.read_text(encoding="utf-8"))]
    assert len(items) > 40
    results = _katex(items)
    errors = [(tex[:80], r["error"]) for (tex, _), r in zip(items, results) if not r["ok"]]
    assert not errors, errors
    assert all('class="katex' in r["html"] for r in results)


def test_katex_does_fail_on_what_it_cannot_render():
    """The KaTeX check is real: \\label, \\eqref, LaTeX-text escapes and Unicode σ in \\text are errors; aligned is not."""
    results = _katex([(r"x \label{a}", True), (r"\eqref{a}", False), (r"e\^{}(-z)", False),
                      (r"\textasciicircum", False), (r"\text{σ}", False),
                      (r"\begin{aligned} x &= 1 && \text{why} \end{aligned}", True)])
    assert [r["ok"] for r in results] == [False, False, False, False, False, True]


def test_markdown_it_loses_no_equation(export_dir):
    """Every $$ block written is one markdown-it math block with the same body; every step's right side is in one."""
    for ident in catalog.ids():
        text = (export_dir / f"{ident}.md").read_text(encoding="utf-8")
        written = re.findall(r"^\$\$\n(.*?)\n\$\$$", text, flags=re.S | re.M)
        tokens = _math_tokens(text)
        blocks = [t.content.strip("\n") for t in tokens if t.type.startswith("math_block")]
        assert blocks == written and blocks, ident
        inline = [t.content for t in tokens if t.type == "math_inline"]
        outside = re.sub(r"^\$\$\n.*?\n\$\$$", "", text, flags=re.S | re.M)
        assert len(inline) == len(re.findall(r"(?<!\\)\$", outside)) // 2, ident
        d = catalog.get(ident)
        for step in d.steps:
            assert any(math_latex(step.rhs) in b for b in blocks), (ident, step.label)


def test_pages_use_only_what_mathjax_and_katex_render(export_dir):
    """No \\label, \\eqref, \\tag, \\small, align (only aligned) or pgfplots in any page."""
    for page in export_dir.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for bad in (r"\label", r"\eqref", r"\tag", r"\small", r"\begin{align}", "tikzpicture", r"\textasciicircum"):
            assert bad not in text, (page.name, bad)


def test_a_page_reads_like_the_derivation(export_dir):
    """sigmoid-symmetry's page: title, statement, the chain with justifications as math, the verification table."""
    text = (export_dir / "sigmoid-symmetry.md").read_text(encoding="utf-8")
    assert text.startswith("# The symmetry of the logistic sigmoid\n")
    assert "\\sigma\\left(- z\\right) &= 1 - \\sigma\\left(z\\right)" in text
    assert r"&& \text{multiply numerator and denominator by }e^{- z} \\" in text
    assert "| step | verdict | symbolic | numeric |" in text and "| `divide` | proved | exp-substitution |" in text


def test_pdf_does_not_go_with_markdown(tmp_path):
    """`export --format md --pdf` is a usage error (exit 2), and nothing is written."""
    run = subprocess.run([sys.executable, "-m", "derivations", "export", "sigmoid-symmetry", "--format", "md",
                          "--pdf", "-o", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and "--pdf" in run.stderr and not (tmp_path / "out").exists()


def test_every_justification_renders_with_katex():
    """Every step's justification as math (what Jupyter and the pages show) renders with KaTeX, strict."""
    from derivations.render.latex import why_math

    items = [(why_math(step.why), False) for ident in catalog.ids() for step in catalog.get(ident).steps]
    results = _katex(items)
    assert not [(tex, r["error"]) for (tex, _), r in zip(items, results) if not r["ok"]]


def test_a_refuted_instance_exports_its_counterexamples_and_still_renders(tmp_path):
    """A deliberately wrong instance: exit 1, pages written, **refuted** rows with the point, every equation renders."""
    run = subprocess.run([sys.executable, "-m", "derivations", "export", "backprop-delta", "--widths", "2,2,2",
                          "--variant", "no-transpose", "--format", "md", "-o", str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1 and "not every step holds" in run.stderr
    text = (tmp_path / "backprop-delta-widths-2-2-2-no-transpose.md").read_text(encoding="utf-8")
    refuted = [line for line in text.splitlines() if "| **refuted** |" in line]
    assert len(refuted) == 10 and all(": left = " in line and "right = " in line for line in refuted)
    tokens = _math_tokens(text)
    assert len([t for t in tokens if t.type.startswith("math_block")]) == text.count("\n$$\n") // 2
    results = _katex([(t.content, t.type.startswith("math_block")) for t in tokens])
    assert all(r["ok"] for r in results), [r["error"] for r in results if not r["ok"]]
