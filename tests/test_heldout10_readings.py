r"""The false alarms and the vacuous proof the tenth held-out corpus exposed.

Sources (tests/data/heldout10/, INDEX.md names each with its repository or file id): u06, a Pluto.jl notebook on
the logistic-regression likelihood (file id 6291056678); u07, dinhhuyhoang's Vietnamese Jekyll post on logistic
regression (file id 32865299); u13, a Chinese note from the likelihood to the normal equation (file id 2131766971);
u16, Chinese pattern-recognition notes deriving backpropagation (file id 16034780287).  On main (c9e9fbd) the corpus
scored 2 / 28 with 4 false alarms (u06, its copy, u07, u13).
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains

DATA = Path(__file__).resolve().parent / "data" / "heldout10"


def _report(name: str):
    return check_text((DATA / name).read_text(encoding="utf-8"), path=name)


def _at(report, line: int):
    return [s for s in report.steps if s.line == line]


def test_an_equation_number_at_the_end_of_a_line_is_not_a_factor():
    """u07: ``\\frac{dL}{dw_1} = \\frac{dL}{dz_i}.\\frac{dz_i}{dw_1} (2)`` was read as times 2 and refuted."""
    report = _report("u07_logreg-chain-rule-vi.md")
    assert report.exit_code == 0
    [step] = _at(report, 23)
    assert step.status == "proved"
    assert [c.items for c in parse_chains("a = b (7)")] == [c.items for c in parse_chains("a = b")]
    mid = parse_chains("a = b (7) + 1")[0].items[1]  # mid-line: still a factor
    assert mid == parse_chains(r"a = b \cdot 7 + 1")[0].items[1]


def test_d_before_a_braced_variable_is_the_d_of_dx():
    """u06: ``\\frac{d{}}{d{x}}(…)`` was read as d/(d·x) times the function, so the right derivative step was
    refuted (left = σ(1) at x = 1)."""
    report = _report("u06_logreg-likelihood-gradient-pluto-en.md")
    assert report.first_wrong() is None
    assert [s.status for s in _at(report, 56)] == ["proved"]
    [chain] = parse_chains(r"\frac{d}{d{x}} x^2 = 2x")
    assert str(chain.items[0]) == "Derivative(x**2, x)"


def test_names_brought_in_only_by_a_naming_link_are_not_independent_unknowns():
    """u13: J(θ) = ½Σ(y⁽ⁱ⁾ − θᵀx⁽ⁱ⁾)² = ½(Xθ − y)ᵀ(Xθ − y) brings in X and y, tied to the data only by that
    unchecked link; ∂J/∂θ = XᵀXθ − Xᵀy was refuted with X and y drawn at random."""
    report = _report("u13_mse-likelihood-normal-equation-zh.md")
    assert report.first_wrong() is None
    step = _at(report, 45)[0]
    assert step.status == "not checked" and "brings in only on line 41" in step.reason


def test_an_increment_is_one_name_and_a_derivative_zero_only_as_written_proves_nothing():
    """u16: ``\\Delta v_{ij} = -\\eta \\frac{\\partial E}{\\partial v_{ij}}`` (Δ read as a factor) was refuted;
    read as the increment Δv_ij it is a definition.  Then ``\\Delta w_{jk} = \\eta \\delta_{O,k} H_{out,k}`` was
    "proved" only because E = ½Σ(L_k − L̂_k)², with L̂_k never defined, holds no w_jk: both sides were 0."""
    report = _report("u16_backprop-mlp-sign-zh.md")
    assert [s.status for s in _at(report, 56)] == ["definition"]
    for line in (52, 73):
        [step] = _at(report, line)
        assert step.status == "not checked" and "is 0 as E is written" in step.reason
    text = ("$$E = (L - \\hat L)^2$$\n\n$$G = -\\eta \\frac{\\partial E}{\\partial w}$$\n\n"
            "$$\\delta = -\\frac{\\partial E}{\\partial o}$$\n\n$$G = \\eta \\delta h$$")
    assert check_text(text).steps[-1].status == "not checked"
    defined = check_text("$$z = wx + b$$\n\n$$\\frac{\\partial z}{\\partial b} = 1$$\n\n$$\\frac{\\partial z}{\\partial y} = 0$$")
    assert [s.status for s in defined.steps] == ["definition", "proved", "proved"]  # z holds nothing undefined


def test_a_hexo_display_with_doubled_backslashes_is_read_and_its_code_names_no_function():
    """u02 (a Chinese Hexo post on tanh, file id 8824813611) writes ``$$ \\\\begin{align} … \\\\\\\\ … $$`` (its
    backslashes doubled for the site generator), ``\\frac{dtanh}{dx}``, and a C++ block with ``x_arr(x, n)``:
    the displays were skipped ("cannot read the function name 'x_arr'"), and dtanh was d·t·a·n·h."""
    report = _report("u02_tanh-rescaled-sigmoid-hexo-zh.md")
    assert report.exit_code == 0 and len(report.steps) == 8
    wrong = _report("u02_tanh-rescaled-sigmoid-hexo-zh.wrong.md")
    assert wrong.first_wrong()[1].line == 12
    [chain] = parse_chains(r"\frac{dtanh}{dx} = 1 - \tanh^2(x)")
    assert str(chain.items[0]) == "Derivative(tanh(x), x)"
    assert [str(c.items[0]) for c in parse_chains("dlog = ylog(p)")] == ["d*g*l*o"]  # dlog: still letters

