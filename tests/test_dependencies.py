"""Undefined quantities as unknown functions: chain-rule steps on the document's dependency graph.

Real derivations used here (each test names its source):
- tests/data/seeds/001_9c4c40963088d24a.txt, an exam answer sheet (residual block, Q1);
- tests/data/real/27_logreg-weight-gradient-imjaesung.md (github ImJaeSung/LogisticRegression README);
- tests/data/real/26_bce-dL-dyhat-heavenaq.md (github HeavenAQ/heaven-blog, binary cross-entropy);
- https://interactiveprimer.com/.../residual-connections.html (tests/data/real/33, its steps 1 and 2
  put between $$ here, since the page stores them without delimiters).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sympy import Derivative, Function, Symbol

from derivations.checker.check import check_text
from derivations.checker.applications import function_names
from derivations.checker.dependencies import Graph, graph_step
from derivations.verify.recipe import check_equal

DATA = Path(__file__).parent / "data"
SEED_001 = (DATA / "seeds" / "001_9c4c40963088d24a.txt").read_text(encoding="utf-8")

RESIDUAL = r"""Let $z = F(x) + x$ and $y = \mathrm{ReLU}(z)$.
$$\frac{\partial y}{\partial x} = \frac{\partial y}{\partial z}\frac{\partial z}{\partial x}$$
$$\frac{\partial y}{\partial x} = \mathrm{ReLU}'(z) \frac{\partial F}{\partial x}$$
$$\frac{\partial y}{\partial x} = \mathrm{ReLU}'(z) \left(\frac{\partial F}{\partial x} + 1\right)$$
"""


def statuses(text: str) -> list[str]:
    return [s.status for s in check_text(text).steps]


def test_residual_block_true_step_proved_and_identity_path_dropped_is_refuted():
    """z = F(x) + x, y = ReLU(z): the chain rule is proved for every F; dropping the 1 from x is refuted, and the hint names the path."""
    report = check_text(RESIDUAL)
    steps = [s for s in report.steps if s.status != "definition"]
    assert [s.status for s in steps] == ["proved", "refuted", "proved"]
    wrong = steps[1]
    assert "F(t) =" in wrong.reason and wrong.verdict.numeric.counterexample is not None
    assert "y → z → x" in wrong.hint and "∂z/∂x = 1" in wrong.hint
    assert report.exit_code == 1


def test_function_application_is_not_a_product_regression():
    """F(x) in z = F(x) + x is an application: the true chain-rule step was refuted when F(x) read as F·x."""
    report = check_text(RESIDUAL)
    assert report.steps[0].status == "definition" and "F" in function_names(RESIDUAL)
    assert report.steps[2].status == "proved"


def test_backprop_weight_gradient_with_undefined_cost_is_proved():
    """∂J/∂w_jk = ∂J/∂z_j · a_k with J undefined and z_j = w_jk a_k + b_j; a wrong factor is not passed."""
    text = r"""$$z_j = w_{jk} a_k + b_j$$
$$\frac{\partial J}{\partial w_{jk}} = \frac{\partial J}{\partial z_j} a_k$$
$$\frac{\partial J}{\partial b_j} = \frac{\partial J}{\partial z_j}$$
$$\frac{\partial J}{\partial w_{jk}} = \frac{\partial J}{\partial z_j} w_{jk}$$"""
    assert statuses(text) == ["definition", "proved", "proved", "not checked"]  # no path explains the wrong factor: not refuted (conservative)


def test_chain_through_an_intermediate_defined_first_regression():
    """With z = x² defined before y = sin z, ∂y/∂z = cos z was refuted (y was stored as sin x²): now proved."""
    text = r"""$$z = x^2$$
$$y = \sin(z)$$
$$\frac{\partial y}{\partial z} = \cos(z)$$
$$\frac{\partial y}{\partial x} = \frac{\partial y}{\partial z}\frac{\partial z}{\partial x}$$
$$\frac{\partial y}{\partial x} = \cos(z)$$"""
    assert statuses(text) == ["definition", "definition", "proved", "proved", "refuted"]


def test_partial_or_total_derivative_ambiguity_is_not_checked():
    """y = z + x with z = x²: ∂y/∂x may be the partial (1) or the total derivative (1 + 2x); neither is claimed."""
    text = r"""$$z = x^2$$ $$y = z + x$$ $$\frac{\partial y}{\partial x} = 1$$"""
    step = check_text(text).steps[-1]
    assert step.status == "not checked" and "ambiguous" in step.reason


def test_statement_about_an_undefined_derivative_is_never_refuted():
    """∂L/∂ŷ = … with L undefined says what L is: a hypothesis (checker/facts.py), never refuted; so does
    f'(x) = f(x).  s'(x) = d/dx(1/(1+e^{-x})) names s (s(x) := 1/(1+e^{-x}), backward_names.function_named),
    never refuted either; f(3) = 9 with f undefined is not checked."""
    for text in (r"$$\frac{\partial L}{\partial \hat y} = \frac{\hat y - y}{\hat y (1 - \hat y)}$$",
                 r"$$f'(x) = f(x)$$"):
        assert statuses(text) == ["hypothesis"], text
    assert statuses(r"$$s'(x) = \frac{d}{dx}\left(\frac{1}{1+e^{-x}}\right)$$") == ["definition"]
    assert statuses(r"$$f(3) = 9$$") == ["not checked"]


def test_value_of_an_undefined_quantity_blocks_a_refutation():
    """A chain rule that uses ŷ(1 − ŷ) for ∂ŷ/∂z relies on what ŷ means (σ(z)): not checked, not refuted.

    Source: tests/data/real/27_logreg-weight-gradient-imjaesung.md (ImJaeSung/LogisticRegression).
    """
    text = r"""$$\frac{\partial L}{\partial w_{i}} = \frac{\partial L}{\partial \hat{y}} \frac{\partial \hat{y}}{\partial z} \frac{\partial z}{\partial w_{i}}$$
$$\frac{\partial L}{\partial w_{i}} =-(y\frac{1}{\hat{y}}-(1-y)\frac{1}{(1-\hat{y})})\hat{y}(1-\hat{y})x_{i}$$"""
    first, second = check_text(text).steps
    assert first.status == "proved"  # the chain rule itself, for every L, ŷ, z
    assert second.status == "not checked" and ("value of yhat" in second.reason or "does not define" in second.reason)


def test_real_logreg_and_bce_chain_rules():
    """The corpus's logistic-regression chain rule is proved; BCE's ∂L/∂ŷ · ∂ŷ/∂z = ŷ − y step is not refuted.

    Sources: tests/data/real/27_logreg-weight-gradient-imjaesung.md, 26_bce-dL-dyhat-heavenaq.md.
    """
    real = DATA / "real"
    report = check_text((real / "27_logreg-weight-gradient-imjaesung.md").read_text(encoding="utf-8"))
    assert report.steps[0].status == "proved" and not report.first_wrong()
    report = check_text((real / "26_bce-dL-dyhat-heavenaq.md").read_text(encoding="utf-8"))
    assert report.first_wrong() is None


def test_real_residual_steps_interactive_primer():
    """y = x + F(x): ∂y/∂x = ∂/∂x[x + F(x)] = ∂x/∂x + ∂F/∂x and = 1 + ∂F/∂x are proved for every F.

    Source: interactiveprimer.com, residual connections (tests/data/real/33), steps 1 and 2.
    """
    text = r"""The output is $y = x + F(x)$.
$$\frac{\partial y}{\partial x} = \frac{\partial}{\partial x}\big[\,x + F(x)\,\big] = \frac{\partial x}{\partial x} + \frac{\partial F}{\partial x}.$$
$$\frac{\partial y}{\partial x} = 1 + \frac{\partial F}{\partial x}.$$
$$\frac{\partial y}{\partial x} = \frac{\partial F}{\partial x}$$"""
    assert statuses(text) == ["definition", "proved", "proved", "proved", "refuted"]


def test_seed_001_residual_step_flagged_and_nothing_right_refuted():
    """Sheet 001 (Q1): ∂y/∂x = ∂y/∂z₃ ∂z₃/∂z₂ ∂z₂/∂z₁ ∂z₁/∂x drops z₃ = z₂ + x's identity path: exit 1 there.

    Source: tests/data/seeds/001_9c4c40963088d24a.txt (an exam answer sheet).
    """
    report = check_text(SEED_001)
    assert report.exit_code == 1
    refuted = [s for s in report.steps if s.status == "refuted"]
    assert refuted and {s.line for s in refuted} <= {28, 32, 42}
    assert "y → z_3 → x" in refuted[0].hint
    proved_lines = {s.line for s in report.steps if s.status == "proved"}
    assert {18, 22, 24, 26, 30, 40} <= proved_lines
    [again] = [s for s in report.steps if s.line == 42]  # ∂y/∂y · ∂y/∂x: the same dropped path, "from (1)"
    assert again.status == "refuted" and "y → z_3 → x" in again.hint, again.describe()


def test_a_step_false_only_through_an_undefined_inner_derivative_is_not_refuted():
    """∂L/∂x = ∂L/∂y with y an undefined function of x: false unless ∂y/∂x = 1, which the document may
    know; so not checked.  Seed 001's line 42 is refuted because its difference, (z_3 > 0), does not
    hang on ∂z_1/∂x (that derivative's coefficient vanishes once RELU' is the indicator)."""
    text = (r"$$\frac{\partial L}{\partial x} = \frac{\partial L}{\partial y} \frac{\partial y}{\partial x}$$" "\n\n"
            r"$$\frac{\partial L}{\partial x} = \frac{\partial L}{\partial y}$$")
    step = check_text(text).steps[-1]
    assert step.status == "not checked" and "Derivative(y(x), x)" in step.reason, step.describe()


def test_graph_arguments_and_paths():
    """An undefined J differentiated by w and z (z = w·a) is a function of z; the graph lists paths."""
    J, z, w, a, x, y = (Symbol(n) for n in ("J", "z", "w", "a", "x", "y"))
    graph = Graph({z: w * a, y: Function("ReLU")(z)}, {J: {w, z}}, {})
    assert graph.arguments(J) == (z,)
    assert graph.paths(J, w) == [[J, z, w]]
    outcome = graph_step(Derivative(J, w), Derivative(J, z) * a, graph, check_equal)
    assert outcome.status == "proved"


@pytest.mark.parametrize("text, names", [
    (r"$y_k(x, w)$ and $h_\theta(x)$ and $f_c(x)$", {"y_k", "h_\\theta", "f_c"}),
    (r"$\mathcal{L}(\hat y, y)$", {"L"}),
    (r"$y(1 - y)$ and $a(b)$ and $x(x)$", set()),
    (r"$F(x)$ and $F(1 - x)$", set()),
    (r"$u(x)$ and $u'(x)$", {"u"}),
])
def test_function_names_read_as_applications(text, names):
    """Names applied to names are functions when the document shows it; a product stays a product."""
    assert function_names(text) == names


def test_circular_definitions_are_not_checked():
    """Quantities that depend on each other through ∂ (a cycle) give no meaning to a derivative."""
    text = r"$$\frac{\partial A}{\partial B} = \frac{\partial B}{\partial A} + \frac{\partial A}{\partial B}$$"
    step = check_text(text).steps[0]
    assert step.status in ("not checked", "proved")
    assert step.status != "refuted"


def test_bare_sigma_in_a_derivative_is_the_documents_sigmoid():
    """dσ/dz with σ(z) = 1/(1+e^{-z}) written in the document is d/dz σ(z): proved (was not checked).

    Source: tests/data/real/10_sigmoid-derivative-heavenaq.md (github HeavenAQ/heaven-blog).
    """
    report = check_text((DATA / "real" / "10_sigmoid-derivative-heavenaq.md").read_text(encoding="utf-8"))
    (step,) = [s for s in report.steps if s.line == 12]
    assert step.status == "proved"
    wrong = r"$$\sigma(z) = \frac{1}{1 + e^{-z}}$$ $$\frac{d\sigma}{dz} = \sigma(z)(1 + \sigma(z))$$"
    assert statuses(wrong)[-1] == "refuted"
    elsewhere = r"$$\sigma(x) = \frac{1}{1 + e^{-x}}$$ $$\frac{d\sigma}{dz} = \sigma(x)$$"
    assert statuses(elsewhere)[-1] == "not checked"  # σ is applied to x, not z: no meaning guessed


def test_value_in_a_product_with_a_derivative_still_blocks_a_refutation_regression():
    """∂L/∂z = ∂L/∂a · a(1 − a), with a = σ(z) stated but not a definition (z = wa + b makes it circular),
    was refuted: the value a sat in a product with a derivative and was not seen. Now not checked."""
    text = r"""$$z = w a + b$$
$$a = \sigma(z)$$
$$\frac{\partial L}{\partial z} = \frac{\partial L}{\partial a} a (1 - a)$$"""
    step = check_text(text).steps[-1]
    assert step.status == "not checked" and "value of a" in step.reason


def test_step_naming_the_argument_of_an_undefined_quantity_is_not_refuted_regression():
    """With L = (y − ŷ)², ∂L/∂z = ∂ŷ/∂z · 2(σ(z) − y) is true if ŷ = σ(z) (said only in prose): it was
    refuted for a generic ŷ(z); now not checked, since the step names z next to the value ŷ(z)."""
    text = r"""$$L = (y - \hat y)^2$$
$$\frac{\partial L}{\partial z} = \frac{\partial \hat y}{\partial z} \cdot 2(\sigma(z) - y)$$
$$\frac{\partial L}{\partial z} = \frac{\partial \hat y}{\partial z} \cdot 2(\hat y - y)$$"""
    assert statuses(text) == ["definition", "not checked", "proved"]
