"""Tests of derivations.render.figure: real pdflatex, real XML parser, exact data checks (no mocks)."""

from __future__ import annotations

import math
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import require_tool

from derivations.core.notation import math_to_unicode
from derivations.errors import InvalidInputError
from derivations.render.figure import (
    PALETTE,
    PREAMBLE,
    Annotation,
    Figure,
    Grid,
    Series,
    to_latex_figure,
    to_pgfplots,
    to_svg,
)
from derivations.theorems.catalog import entries, figures_for
from derivations.theorems.conv_backprop import conv_example
from derivations.theorems.conv_output_size import receptive_field_growth
from derivations.theorems.hessian_quadratic_form import quadratic_contours
from derivations.theorems.pinn_loss import solution_and_residual
from derivations.theorems.residual_gradient import plain_vs_residual
from derivations.theorems.sigmoid_derivative import sigmoid_and_derivative
from derivations.theorems.sigmoid_derivative_bound import derivative_and_bound, gradient_vs_depth
from derivations.theorems.tanh_reparameterization import sigmoid_vs_tanh

#: every figure of the catalog: figure id -> its builder
FIGURES = {f().id: f for f in (sigmoid_and_derivative, sigmoid_vs_tanh, quadratic_contours, conv_example,
                                receptive_field_growth, derivative_and_bound, gradient_vs_depth, plain_vs_residual,
                                solution_and_residual)}

SVG_NS = "{http://www.w3.org/2000/svg}"




def compile_latex(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    """Compile ``body`` in a minimal article with PREAMBLE, the way the exported notes are built."""
    pdflatex = require_tool("pdflatex")
    doc = "\\documentclass{article}\n" + PREAMBLE + "\n\\begin{document}\n" + body + "\\end{document}\n"
    (tmp_path / "doc.tex").write_text(doc, encoding="utf-8")
    return subprocess.run(
        [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "doc.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=300,
    )


def quadratic_energy(H, w_star, E_star, w) -> float:
    d = (w[0] - w_star[0], w[1] - w_star[1])
    return E_star + 0.5 * (d[0] * (H[0][0] * d[0] + H[0][1] * d[1]) + d[1] * (H[1][0] * d[0] + H[1][1] * d[1]))


# --- the CI/skip helper itself -----------------------------------------------------------------


def test_require_tool_fails_under_ci_when_missing(monkeypatch):
    """A missing tool is a failure, not a skip, when CI=true."""
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        require_tool("no-such-tool-derivations-xyz")


def test_require_tool_skips_outside_ci_when_missing(monkeypatch):
    """A missing tool skips the test when not running in CI."""
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_tool("no-such-tool-derivations-xyz")


# --- LaTeX ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fig_id", sorted(FIGURES))
def test_pgfplots_compiles_with_pdflatex(tmp_path, fig_id):
    """Each figure, as a figure float, compiles with pdflatex -halt-on-error and fits the text width."""
    result = compile_latex(tmp_path, to_latex_figure(FIGURES[fig_id]()))
    log = (tmp_path / "doc.log").read_text(encoding="latin-1") if (tmp_path / "doc.log").exists() else ""
    assert result.returncode == 0, result.stdout[-3000:]
    assert (tmp_path / "doc.pdf").stat().st_size > 1000
    assert "Overfull \\hbox" not in log


def test_all_figures_compile_together(tmp_path):
    """The three figures coexist in one document (no clashing definitions between them)."""
    body = "".join(to_latex_figure(f()) for f in FIGURES.values())
    result = compile_latex(tmp_path, body)
    assert result.returncode == 0, result.stdout[-3000:]


def test_escaped_caption_compiles(tmp_path):
    """A caption full of LaTeX specials and unicode compiles as written prose."""
    caption = r"Costs: 50% & $5 $σ #1 a_b ~x^2 {braces} back\slash; σθ λ₁ ≈ ½, naïve – “quoted”."
    fig = Figure("escape-test", caption, "x", "y", (0, 1), (0, 1), (Series("y", [(0, 0), (1, 1)]),))
    result = compile_latex(tmp_path, to_latex_figure(fig))
    assert result.returncode == 0, result.stdout[-3000:]


def test_pgfplots_is_deterministic():
    """Two renderings of each figure are byte-for-byte identical."""
    for make in FIGURES.values():
        assert to_pgfplots(make()) == to_pgfplots(make())
        assert to_latex_figure(make()) == to_latex_figure(make())


def test_pgfplots_uses_the_python_coordinates():
    """pgfplots receives the sampled points (not a TeX-side expression), with 6 significant digits."""
    fig = sigmoid_and_derivative()
    code = to_pgfplots(fig)
    assert code.count("coordinates {") == len(fig.series)
    assert "(0,0.5)" in code and "(0,0.25)" in code
    assert "(-6,0.00247262)" in code  # σ(−6) = 0.0024726231566...
    assert "\\addplot {" not in code and "\\addplot[" in code


# --- SVG -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fig_id", sorted(FIGURES))
def test_svg_is_well_formed_and_deterministic(fig_id):
    """Each SVG parses as XML, is an <svg> root with the data polylines, and is byte-identical twice."""
    fig = FIGURES[fig_id]()
    svg = to_svg(fig)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    assert len(root.findall(f"{SVG_NS}polyline")) >= sum(1 for s in fig.series if s.style != "none")
    assert svg == to_svg(FIGURES[fig_id]())
    assert fig._repr_svg_() == svg


def test_svg_labels_are_unicode_not_latex():
    """The SVG shows unicode labels (σ, λ₁), with no LaTeX commands or braces left over."""
    for make in FIGURES.values():
        fig = make()
        labels = [s.label for s in fig.series] + [a.label for a in fig.annotations] + [fig.xlabel, fig.ylabel]
        labels += [g.title for g in fig.grids]
        for label in labels:
            text = math_to_unicode(label)
            assert "\\" not in text and "{" not in text and "}" not in text, (label, text)
    svg = to_svg(quadratic_contours())
    assert "λ₁" in svg and "w₁" in svg


def test_save_writes_svg_and_tex_atomically(tmp_path):
    """save() writes exactly the renderer output by suffix, leaves no temp file, refuses other suffixes."""
    fig = sigmoid_vs_tanh()
    assert fig.save(tmp_path / "f.svg").read_text(encoding="utf-8") == to_svg(fig)
    assert fig.save(tmp_path / "f.tex").read_text(encoding="utf-8") == to_latex_figure(fig)
    fig.save(tmp_path / "f.svg")  # overwriting works
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.svg", "f.tex"]
    with pytest.raises(InvalidInputError):
        fig.save(tmp_path / "f.png")


# --- data ----------------------------------------------------------------------------------------


def test_sigmoid_derivative_peaks_at_quarter_at_zero():
    """σ' = σ(1−σ) has its maximum 1/4 at z = 0, that point is marked, and σ is the logistic sigmoid."""
    fig = sigmoid_and_derivative()
    sig, dsig = fig.series
    assert len(sig.points) == 121
    for (z, s), (z2, d) in zip(sig.points, dsig.points):
        assert z == z2
        assert s == pytest.approx(1 / (1 + math.exp(-z)), abs=1e-15)
        assert d == pytest.approx(s * (1 - s), abs=1e-15)
        assert d <= 0.25
    assert max(dsig.points, key=lambda p: p[1]) == (0.0, 0.25)
    assert any(a.kind == "point" and a.start == (0.0, 0.25) for a in fig.annotations)


def test_sigmoid_and_tanh_form_agree():
    """σ(a) and (tanh(a/2)+1)/2 agree to 1e-12 at every sampled a, and both are visible (styles differ)."""
    sig, tanh_form = sigmoid_vs_tanh().series
    assert [p[0] for p in sig.points] == [p[0] for p in tanh_form.points]
    assert max(abs(p[1] - q[1]) for p, q in zip(sig.points, tanh_form.points)) < 1e-12
    assert (sig.style, sig.marker) != (tanh_form.style, tanh_form.marker)


@pytest.mark.parametrize(
    "H, w_star, E_star",
    [
        (None, (0.0, 0.0), 0.0),
        (((2.0, 0.3), (0.3, 0.5)), (1.0, -2.0), 3.0),
        (((5.0, 0.0), (0.0, 5.0)), (0.0, 0.0), 0.0),  # isotropic: circles
    ],
)
def test_ellipse_points_lie_on_their_level(H, w_star, E_star):
    """Every ellipse point satisfies E(w) = K to 1e-9; the K−E* = ½ half-axes have length 1/√λ_i."""
    levels = (E_star + 0.2, E_star + 0.5, E_star + 2.0)
    fig = quadratic_contours(H, w_star, levels, E_star)
    Hm = ((52 / 25, -36 / 25), (-36 / 25, 73 / 25)) if H is None else H
    assert fig.aspect == "equal"
    assert fig.xrange[1] - fig.xrange[0] == pytest.approx(fig.yrange[1] - fig.yrange[0])
    assert len(fig.series) == 3
    for series, K in zip(fig.series, sorted(levels)):
        assert series.points[0] == series.points[-1]  # closed
        for w in series.points:
            assert abs(quadratic_energy(Hm, w_star, E_star, w) - K) < 1e-9
    arrows = [a for a in fig.annotations if a.kind == "arrow"]
    assert len(arrows) == 2
    (u1x, u1y), (u2x, u2y) = (
        (a.end[0] - a.start[0], a.end[1] - a.start[1]) for a in arrows
    )
    assert abs(u1x * u2x + u1y * u2y) < 1e-12  # perpendicular
    for a in arrows:
        d = (a.end[0] - a.start[0], a.end[1] - a.start[1])
        length = math.hypot(*d)
        u = (d[0] / length, d[1] / length)
        Hu = (Hm[0][0] * u[0] + Hm[0][1] * u[1], Hm[1][0] * u[0] + Hm[1][1] * u[1])
        lam = u[0] * Hu[0] + u[1] * Hu[1]
        assert Hu == pytest.approx((lam * u[0], lam * u[1]), abs=1e-12)  # an eigenvector
        assert length == pytest.approx(1 / math.sqrt(lam), rel=1e-12)
        assert abs(quadratic_energy(Hm, w_star, E_star, a.end) - (E_star + 0.5)) < 1e-12  # tip on the ½ level


def test_default_hessian_is_exact_and_not_axis_aligned():
    """The default H has eigenvalues exactly 1 and 4 with eigenvectors (4/5, 3/5), (−3/5, 4/5)."""
    fig = quadratic_contours()
    arrows = [a for a in fig.annotations if a.kind == "arrow"]
    assert arrows[0].end == pytest.approx((0.8, 0.6), abs=1e-15)
    assert arrows[1].end == pytest.approx((-0.3, 0.4), abs=1e-15)  # (1/√4) · (−3/5, 4/5)
    assert "λ₁ = 1 and λ₂ = 4" in fig.caption


def test_half_level_is_always_drawn():
    """The K − E* = ½ level is added when missing, since its half-axes are the labelled 1/√λ_i."""
    fig = quadratic_contours(levels=(2.0,))
    assert [s.label for s in fig.series] == ["E = 0.5", "E = 2"]


@pytest.mark.parametrize(
    "H",
    [
        ((1.0, 0.0), (0.0, -1.0)),  # indefinite
        ((1.0, 2.0), (2.0, 1.0)),  # indefinite, off-diagonal
        ((1.0, 1.0), (1.0, 1.0)),  # semi-definite (singular)
        ((0.0, 0.0), (0.0, 0.0)),  # zero
        ((-1.0, 0.0), (0.0, -2.0)),  # negative definite
    ],
)
def test_non_positive_definite_hessian_is_refused(H):
    """An indefinite, semi-definite or negative H raises InvalidInputError (a ValueError) naming the problem."""
    with pytest.raises(InvalidInputError, match="positive definite") as info:
        quadratic_contours(H)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "H, message",
    [
        (((1.0, 0.5), (0.0, 1.0)), "symmetric"),
        (((1.0, 0.0, 0.0), (0.0, 1.0, 0.0)), "2x2"),
        ("not a matrix", "2x2"),
        (((1.0, math.nan), (math.nan, 1.0)), "finite"),
    ],
)
def test_malformed_hessian_is_refused(H, message):
    """A non-symmetric, wrongly shaped or non-finite H is refused with a message saying why."""
    with pytest.raises(InvalidInputError, match=message):
        quadratic_contours(H)


def test_levels_below_minimum_are_refused():
    """A contour level at or below E* (an empty or degenerate contour) is refused."""
    with pytest.raises(InvalidInputError, match="above E"):
        quadratic_contours(levels=(0.0, 1.0))


# --- model and catalog --------------------------------------------------------------------------


def test_dataclasses_are_frozen_and_validated():
    """Figures are immutable, and an unknown colour/style or a bad range is refused on construction."""
    fig = sigmoid_vs_tanh()
    with pytest.raises(AttributeError):
        fig.caption = "changed"  # type: ignore[misc]
    with pytest.raises(InvalidInputError, match="colour"):
        Series("x", [(0, 0)], colour="chartreuse")
    with pytest.raises(InvalidInputError, match="style"):
        Series("x", [(0, 0)], style="wavy")
    with pytest.raises(InvalidInputError, match="xrange"):
        Figure("bad", "c", "x", "y", (1, 0), (0, 1), ())
    with pytest.raises(InvalidInputError, match="kind"):
        Annotation("circle", (0, 0))
    assert set(PALETTE) >= {s.colour for f in FIGURES.values() for s in f().series}


def test_figures_for_maps_derivations():
    """Each illustrated derivation gets its figures, in catalog order; any other id gets an empty tuple."""
    expected = {
        "sigmoid-derivative": ["sigmoid-and-derivative"],
        "sigmoid-derivative-bound": ["sigmoid-derivative-bound", "vanishing-gradient"],
        "residual-gradient": ["residual-vs-plain"],
        "pinn-loss": ["pinn-solution-and-residual"],
        "softmax-cross-entropy-gradient": [],
        "tanh-reparameterization": ["sigmoid-vs-tanh"],
        "hessian-quadratic-form": ["quadratic-contours"],
        "conv-backprop": ["conv-example"],
        "conv-output-size": ["receptive-field-growth"],
        "backprop-delta": [],
        "no-such-derivation": [],
    }
    for derivation_id, ids in expected.items():
        figs = figures_for(derivation_id)
        assert isinstance(figs, tuple)
        assert [f.id for f in figs] == ids
    assert all(FIGURES[k]().id == k for k in FIGURES)
    assert sorted(f.id for e in entries() for f in figures_for(e.id)) == sorted(FIGURES)


# --- grids (matrices drawn as shaded cells) --------------------------------------------------------


def _grid_figure(axes: bool = False) -> Figure:
    grids = (Grid([[1, -2], [3, 4]], (0, 0), r"\mathbf{W}", "orange"), Grid([[5]], (3, 0), r"\partial L", "blue"))
    return Figure("grid-demo", "Two grids.", "", "", (-0.5, 4.5), (-2.5, 1.0), (), grids=grids, axes=axes,
                  aspect="equal", width_cm=5.0, height_cm=3.0)


def test_grid_pgfplots_draws_every_cell_with_its_number():
    """pgfplots gets one filled square and one number per cell, titles above, and no axis when axes=False."""
    code = to_pgfplots(_grid_figure())
    assert code.count("\\filldraw[") == 5 and "{$-2$}" in code and "{$5$}" in code
    assert "hide axis" in code and "xtick=" not in code
    assert "{$\\mathbf{W}$}" in code
    assert "hide axis" not in to_pgfplots(_grid_figure(axes=True))


def test_grid_svg_draws_every_cell_with_its_number():
    """The SVG has one rect per cell (plus the background), the numbers, a unicode title, and no axis box."""
    root = ET.fromstring(to_svg(_grid_figure()))
    rects = root.findall(f"{SVG_NS}rect")
    texts = [t.text for t in root.findall(f"{SVG_NS}text")]
    assert len(rects) == 1 + 5  # the white background, then the cells
    assert {"1", "−2", "3", "4", "5", "W", "∂L"} <= set(texts)
    with_axes = ET.fromstring(to_svg(_grid_figure(axes=True)))
    assert len(with_axes.findall(f"{SVG_NS}rect")) == 1 + 1 + 5  # background, axis box, cells


def test_grid_shades_by_magnitude_and_is_validated():
    """The largest |value| gets the darkest fill, the smallest white; ragged or non-finite grids are refused."""
    g = Grid([[1, -2], [3, 4]], (0, 0))
    assert g.fill(0, 0) == (255, 255, 255) and g.shade(1, 1) == 1.0 and g.dark(1, 1) and not g.dark(0, 0)
    assert Grid([[7, 7]], (0, 0)).shade(0, 1) == 0.25  # all equal: one light shade
    with pytest.raises(InvalidInputError, match="equally long"):
        Grid([[1, 2], [3]], (0, 0))
    with pytest.raises(InvalidInputError, match="non-finite"):
        Grid([[float("nan")]], (0, 0))
    with pytest.raises(InvalidInputError, match="colour"):
        Grid([[1]], (0, 0), colour="chartreuse")
    with pytest.raises(InvalidInputError, match="Grid"):
        Figure("bad", "c", "", "", (0, 1), (0, 1), (), grids=("not a grid",))


def test_grid_figure_compiles(tmp_path):
    """A figure of grids without axes compiles with pdflatex and fits the text width."""
    result = compile_latex(tmp_path, to_latex_figure(_grid_figure()))
    assert result.returncode == 0, result.stdout[-3000:]
