"""The five heldout2 false alarms of issue 10, each a regression test, and the rules' other side.

Sources (tests/data/heldout2/INDEX.md names them in full): n08 emkays-codelabs/Machine-Learning
ex.md (gradient-descent update of c), n30 chryoung's "Deep Learning -- Math for Backpropagation"
(ŷ = a = wx + b), n34 a Chinese-annotated copy of Matt Mazur's "A Step by Step Backpropagation
Example" (stated error values), n37 a GitHub Markdown lesson "The Chain Rule — The Foundation of
Backpropagation" (σ(1.1) ≈ 0.75 carried on).
"""

from __future__ import annotations

import pytest
from sympy import Derivative, Rational, Symbol

from derivations.checker.check import check_text
from derivations.checker.stated_values import Given, retry_given

MSE = ("[\n\\text{MSE} = \\frac{1}{n}\\sum_{i=1}^{n} (y_i - \\hat{y}_i)^2\n]\n\n"
       "[\n\\hat{y}_i = m x_i + c\n]\n\n")


def _statuses(text: str) -> list[str]:
    return [s.status for s in check_text(text).steps]


def test_the_gradient_descent_update_of_c_is_an_update_not_a_refuted_equation():
    """n08 (emkays-codelabs/Machine-Learning ex.md) line 117: c = c + (2η/n) Σ (y_i − ŷ_i) is an update."""
    text = MSE + "[\n\\boxed{\nc = c + \\frac{2\\eta}{n}\\sum (y_i - \\hat{y}_i)\n}\n]\n"
    step = check_text(text).steps[-1]
    assert (step.status, step.relation) == ("definition", "←"), step.describe()
    assert "an update (assignment) of c" in step.reason and "unknown" in step.reason


@pytest.mark.parametrize("update", [
    r"w = w - \eta \frac{\partial L}{\partial w}",
    r"w_i = w_i - \eta\left(\frac{\partial L}{\partial w_i} + 2\lambda w_i\right)",
    r"w = (1 - \eta\lambda) w - \eta g",
    r"b := b + \alpha(y - \hat{y})",
    r"w \leftarrow w - \eta g",
    r"\theta \gets \theta - \alpha_t g",
])
def test_update_rules_are_reported_as_updates(update):
    """Gradient-descent updates written with =, :=, \\leftarrow or \\gets are updates (seen in n08, n37, real/28)."""
    [step] = check_text(f"$${update}$$").steps
    assert (step.status, step.relation) == ("definition", "←"), step.describe()


@pytest.mark.parametrize("wrong", [r"x = x + 1", r"w = w - 2", r"c = 2c + \eta", r"y = y + 2y",
                                   r"w = w \cdot \eta"])
def test_a_wrong_step_with_its_name_on_both_sides_is_still_refuted(wrong):
    """Without a step size beside the name itself (w + η…), an equation in one name stays a refuted claim."""
    assert _statuses(f"$$\\eta = 0.1$$\n\n$${wrong}$$")[-1] == "refuted", wrong


def test_after_an_update_later_steps_use_the_new_value_and_keep_what_was_computed():
    """n37's w ← 0.5 − 0.1 × (−0.1875) = 0.51875: later w is 0.51875, and z computed from the old w stays 1."""
    text = ("$w = 0.5$ and $z = 2w$.\n\n$w \\leftarrow w - 0.1 \\times (-0.1875) = 0.5 + 0.01875 = 0.51875$\n\n"
            "$z = 1$\n\n$2w = 1.0375$\n")
    steps = check_text(text).steps
    assert [s.status for s in steps] == ["definition", "definition", "definition", "proved", "proved",
                                         "proved", "proved"], [s.describe() for s in steps]
    assert "later steps use its new value" in steps[2].reason
    assert _statuses(text.replace("$2w = 1.0375$", "$2w = 1$"))[-1] == "refuted"


def test_after_an_update_of_an_unknown_the_name_is_an_unknown():
    """c = c + η g with c unknown: the new c is not known, so a later c = 3 names it (not refuted)."""
    assert "refuted" not in _statuses("$$c = c + \\eta g$$\n\n$$c = 3$$\n")


def test_a_chain_of_names_defines_each_name():
    """n30 (chryoung, Math for Backpropagation) line 30: with ŷ = a = wx + b, ∂ŷ/∂b = 1 and ∂ŷ/∂w = x hold."""
    text = ("Let $\\hat{y} = a = wx + b$, there is\n\n"
            "$$\\frac{\\partial \\hat{y}}{\\partial w} = x$$\n\n$$\\frac{\\partial\\hat{y}}{\\partial b} = 1$$\n\n"
            "$$\\frac{\\partial a}{\\partial b} = 1$$\n")
    assert _statuses(text) == ["definition", "definition", "proved", "proved", "proved"]
    wrong = text.replace("\\partial b} = 1$$\n\n", "\\partial b} = 2$$\n\n", 1)
    assert _statuses(wrong)[3] == "refuted"


MAZUR = """For example, the target output for $o_1$ is 0.01 but the neural network output 0.75136507:

$$
\\begin{align}
E_{o1} &= \\frac{1}{2}\\|target_{o1}-out_{o1}\\|^2 \\\\ \\\\
&=\\frac{1}{2}\\|0.01-0.75136507\\|^2 \\\\ \\\\
&= 0.274811083
\\end{align}
$$

$$
E_{o2} = 0.023560026
$$

$$
\\begin{align}
E_{total} &= E_{o1} + E_{o2} \\\\ \\\\
&= 0.274811083 + 0.023560026 \\\\ \\\\
&= 0.298371109
\\end{align}
$$
"""


def test_a_value_the_document_states_is_used_and_cited():
    """n34 (Mazur's backprop example, Chinese-annotated copy) line 40: E_{o1} + E_{o2} = 0.274811083 + … holds given E_{o1}.

    E_{o1} = ½‖target_{o1} − out_{o1}‖² is a norm of names that are numbers here (never declared
    vectors): the step that puts numbers in is not checked, and the sum that uses E_{o1} is decided by
    its stated value, never by reading ‖…‖ as |…| behind the document's back."""
    report = check_text(MAZUR)
    step = next(s for s in report.steps if s.left.startswith("E_{o1} + E_{o2}"))
    assert step.status == "proved" and step.reason == "holds given E_{o1} = 0.274811083 (line 7)", step.describe()
    assert "‖target" in report.steps[1].reason and report.steps[1].status == "not checked"
    assert report.exit_code == 3  # the norm of numbers is not checked: listed, so never exit 0


def test_a_wrong_step_is_refuted_even_with_the_stated_values():
    """A wrong sum after the stated values (0.3 instead of 0.274811083) stays refuted."""
    steps = check_text(MAZUR.replace("&= 0.274811083 + 0.023560026", "&= 0.3 + 0.023560026")).steps
    step = next(s for s in steps if s.left.startswith("E_{o1} + E_{o2}"))
    assert step.status == "refuted", step.describe()


def test_a_stated_value_is_never_used_inside_a_derivative():
    """A value known at one point says nothing about a derivative: such a step is not retried."""
    e, w = Symbol("E"), Symbol("w")
    given = [Given(e, Rational(1, 4), 1, "given E = 0.25 (line 1)")]
    assert retry_given((Derivative(e, w), Rational(0)), given, lambda x: x, lambda a, b: None) is None


LESSON = r"""**Setup:** Input $x = 2$, weight $w = 0.5$, bias $b = 0.1$, target $t = 1$.

$z = wx = 0.5 \times 2 = 1.0$
$a = z + b = 1.0 + 0.1 = 1.1$
$\hat{y} = \sigma(a) = \sigma(1.1) = \frac{1}{1 + e^{-1.1}} \approx 0.75$
$L = (\hat{y} - t)^2 = (0.75 - 1)^2 = 0.0625$

$\frac{\partial L}{\partial \hat{y}} = 2(\hat{y} - t) = 2(0.75 - 1) = -0.5$

$\frac{\partial \hat{y}}{\partial a} = \sigma(a)(1 - \sigma(a)) = 0.75 \times 0.25 = 0.1875$
"""


def test_a_step_that_holds_with_the_documents_rounding_is_not_refuted():
    """n37 (GitHub lesson 'The Chain Rule') line 32: after σ(1.1) ≈ 0.75, L = (ŷ − t)² = (0.75 − 1)² holds as rounded."""
    steps = [s for s in check_text(LESSON).steps if "rounds it" in s.reason]
    assert [(s.line, s.status) for s in steps] == [(6, "proved"), (8, "proved"), (10, "proved")]
    assert steps[0].reason == r"holds with \hat{y} ≈ 0.75 as the document rounds it (line 5)"
    assert steps[2].reason == r"holds with \sigma(a) ≈ 0.75 as the document rounds it (line 5)"


def test_a_step_that_fails_with_the_rounded_values_too_is_refuted():
    """(0.7 − 1)² after σ(1.1) ≈ 0.75 is wrong either way: refuted."""
    steps = check_text(LESSON.replace("(0.75 - 1)^2 = 0.0625", "(0.7 - 1)^2 = 0.09")).steps
    assert [s.line for s in steps if s.status == "refuted"][:1] == [6]


def test_a_wrong_rounding_is_not_carried_on():
    """σ(1.1) ≈ 0.9 is no rounding of 0.7503: refuted itself (checked against its digits,
    checker/approx.py), and a later step computed from 0.9 stays refuted."""
    wrong = LESSON.replace(r"\approx 0.75$", r"\approx 0.9$").replace("(0.75 - 1)^2 = 0.0625", "(0.9 - 1)^2 = 0.01")
    steps = check_text(wrong).steps
    assert [s.line for s in steps if s.status == "refuted"][:2] == [5, 6]


def test_an_equation_that_a_solving_chain_starts_from_is_a_premise_not_an_update():
    """y = y + ηx followed by ⇒ ηx = 0 is an equation being solved: a premise, then a step that follows."""
    steps = check_text("$$y = y + \\eta x$$\n\n$$\\Rightarrow \\eta x = 0$$\n").steps
    assert [(s.relation, s.status) for s in steps] == [("=", "hypothesis"), ("=", "confirmed")]
