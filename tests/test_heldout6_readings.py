r"""The six false alarms the sixth held-out corpus exposed, and the readings it asked for.

Sources (tests/data/heldout6/, INDEX.md names each): q05, a GitHub note "Gradient of the Negative
Log-Likelihood for Logistic Regression" (stored-index file id 41541580822); q06, a study note "Gradient
Descent for Logistic Regression (Step by Step)" (file id 8252329373); q08, github
Kiotto-code/42KL_ft_linear_regression; q10, a Bengali softmax back-propagation worked example; q17, a
Chinese two-layer numeric back-propagation example.  On main (08498ba) the corpus scored 4 / 31 with
6 false alarms: q05, q06, q08 and its wrong copy, q10 and its wrong copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checker.check import check_text

DATA = Path(__file__).resolve().parent / "data" / "heldout6"


def _steps(text: str) -> dict:
    return {(s.line, s.left.strip()): s for s in check_text(text).steps}


def test_a_gradient_through_a_quantity_differentiated_but_never_defined_is_not_refuted():
    """q05: p_i is differentiated (dp_i/dz_i = p_i(1 − p_i)) but never written as σ(wᵀx_i + b); the
    gradient of J(w, b) through it was refuted at random p_i (left = 0), twice."""
    report = check_text((DATA / "q05_nll-gradient-logreg-note.md").read_text(encoding="utf-8"))
    assert report.first_wrong() is None
    for line in (101, 105):
        step = next(s for s in report.steps if s.line == line)
        assert step.status == "not checked" and "goes through p_i" in step.reason, step.reason


@pytest.mark.parametrize("right, status", [("-\\frac{y^{(i)}}{\\hat{y}^{(i)}} + \\frac{1-y^{(i)}}{1-\\hat{y}^{(i)}}", "confirmed"),
                                           ("-\\frac{y^{(i)}}{\\hat{y}^{(i)}} - \\frac{1-y^{(i)}}{1-\\hat{y}^{(i)}}", "refuted")])
def test_an_example_index_in_the_superscript_is_an_index(right, status):
    """q06: ∂L/∂ŷ^{(i)} of L = −Σ_i [y^{(i)} log ŷ^{(i)} + …]: the (i) of ŷ^{(i)} outside the sum is
    the free index; it was left without a value and the step refuted at y^{(1)} ≠ y^{(i)}."""
    text = ("$$\\mathcal{L} = -\\sum_{i} \\left[ y^{(i)} \\log(\\hat{y}^{(i)}) + (1-y^{(i)}) \\log(1-\\hat{y}^{(i)}) \\right]$$\n\n"
            f"$$\\frac{{\\partial \\mathcal{{L}}}}{{\\partial \\hat{{y}}^{{(i)}}}} = {right}$$\n")
    step = check_text(text).steps[-1]
    assert step.status == status, step.reason


def test_sides_of_different_shapes_are_not_a_refutation():
    """q06: ∂s/∂w_j = x_j, read with w_j a vector, gave a 2-vector on the left and a number on the
    right: a misreading, not a counterexample."""
    report = check_text((DATA / "q06_logreg-gradient-stages-note.md").read_text(encoding="utf-8"))
    step = next(s for s in report.steps if s.line == 88)
    assert step.status == "not checked" and "shapes do not fit" in step.reason
    assert report.first_wrong() is None


def test_a_quantity_plugged_in_but_never_defined_is_not_refuted():
    """q08: "Plug in the prediction formula": ŷ_i = wX_i + b is never written, but the loss is defined with
    ŷ_i and again with wX_i + b, so e_i = ŷ_i − y_i = wX_i + b − y_i says what ŷ_i is; it was refuted at
    random ŷ_i.  The same names on both sides stay refutable (the wrong copy's slip, line 71, is still
    found), and so does z = 2x after z ≜ x + 1 (tests/test_backprop_seed000.py)."""
    text = ("$$\\text{Loss} = \\frac{1}{n} \\sum_{i=1}^n (\\hat{y}_i - y_i)^2$$\n\n"
            "Plug in the prediction formula:\n\n$$\\text{Loss} = \\frac{1}{n} \\sum_{i=1}^n (wX_i + b - y_i)^2$$\n\n"
            "$$e_i = \\hat{y}_i - y_i = (wX_i + b - y_i)$$\n")
    step = check_text(text).steps[-1]
    assert step.status == "not checked" and "two definitions of one quantity differ" in step.reason, step.reason
    slip = check_text(text.replace("(wX_i + b - y_i)", "(\\hat{y}_i + y_i)")).steps[-1]
    assert slip.status == "refuted"
    wrong = check_text((DATA / "q08_mse-gradient-kiotto.wrong.md").read_text(encoding="utf-8"))
    assert wrong.first_wrong()[1].line == 71


def test_a_rounded_value_put_in_and_a_derivative_of_numbers():
    """q10: −ln(p_1) = −ln(0.665), p_1 computed from the logits, holds to the digits of 0.665 (it was
    refuted by 4e-4); ∂L/∂z_1 = 0.665 − 1 after L = −ln(p_1) with p_1 a number was refuted (a number's
    derivative is 0), and is not checked now, saying why.  A slip in a rounded value is still refuted."""
    text = (DATA / "q10_softmax-backprop-numeric-bn.md").read_text(encoding="utf-8")
    report = check_text(text)
    assert report.first_wrong() is None
    rounded = next(s for s in report.steps if s.line == 77 and s.right.strip() == "-\\ln(0.665)")
    # proved while the logits z = [2,;1,;0] were unread; with z_1, z_2, z_3 given, p_1 is also e^{z_1}/Σ_j e^{z_j}
    # and the instances see z_1 defined but not z_j: not checked, saying so (tests/test_lost_spellings.py)
    assert rounded.status == "not checked" and "defines z_1" in rounded.reason, rounded.reason
    derivative = next(s for s in report.steps if s.line == 95)
    assert derivative.status == "not checked" and "by numbers only" in derivative.reason
    slip = check_text(text.replace("L=-\\ln(p_1)=-\\ln(0.665)", "L=-\\ln(p_1)=-\\ln(0.656)"))
    assert slip.first_wrong()[1].line == 77


@pytest.mark.parametrize("written, status", [("[0.8808, 0.9168]", "proved"), ("[0.8808, 0.9084]", "refuted")])
def test_a_vector_in_square_brackets_and_its_rounding(written, status):
    """q17: [1, 2], [0.1, 0.2] are row vectors (they were a parse error); σ(z_1) ≈ [0.8808, 0.9084] is
    checked entry by entry: σ(2.4) = 0.9168, so the genuine slip 0.9084 is refuted where it is written."""
    text = ("$X = [1, 2]$, $W_1 = \\begin{bmatrix}0.5 & 0.6 \\\\ 0.7 & 0.8\\end{bmatrix}$, $b_1 = [0.1, 0.2]$\n\n"
            "$z_1 = X \\cdot W_1 + b_1 = [2.0, 2.4]$\n\n"
            f"$a_1 = \\sigma(z_1) = \\left[\\frac{{1}}{{1+e^{{-2.0}}}}, \\frac{{1}}{{1+e^{{-2.4}}}}\\right] \\approx {written}$\n")
    steps = check_text(text).steps
    assert next(s for s in steps if s.right.strip() == "[2.0, 2.4]").status == "proved"
    approx = next(s for s in steps if s.relation == "≈")
    assert approx.status == status, approx.reason


def test_square_brackets_after_a_sum_or_a_name_are_not_a_vector():
    """Σ [ … , j ] (p05's xᵢ,j) and f[a, b] stay as they were: grouping or an argument, not a vector."""
    report = check_text("$$J = \\sum [ x_i, j ]$$\n\n$$f[a, b] = 1$$\n")
    assert report.steps == () and [n.kind for n in report.notes] == ["parse error", "parse error"]


def test_inline_math_continued_on_the_same_line():
    """q02 (red-ruby.com, a wiki page stored as one line): ``$(\\tanh x)'=…$ $=…$ $=…$``, each piece of the
    chain in its own inline math on one line, goes on from the piece before (it had no left side)."""
    report = check_text((DATA / "q02_tanh-derivative-redruby-ko.md").read_text(encoding="utf-8"))
    assert report.exit_code == 0, report.unchecked()
    assert [s.status for s in report.steps].count("proved") == 7


def test_a_primed_bracket_is_a_factor_of_its_own():
    """q02's quotient rule ``\\sinh x(\\cosh x)'`` is sinh(x)·(cosh x)'; it was sinh(x·(cosh x)'), and the
    true step refuted once the chain was read."""
    from derivations.checker.parser import parse_expression
    assert str(parse_expression("\\sinh x(\\cosh x)'")) == "sinh(x)*Derivative(cosh(x), x)"
    assert str(parse_expression("\\sin 2x")) == "sin(2*x)"


def test_the_log_of_a_product_over_examples():
    """q07: ``- \\log \\prod_{i=1}^n p_i^{y_i} (1 - p_i)^{1-y_i}`` is the log of the whole product (it was
    "function log needs an argument"); the step to the sum of logs holds where the logs are real (it was
    refuted at p_1 = -2 on its instance, where they are complex), and the reason says so."""
    text = ("$$\\mathcal{L} = - \\log \\prod_{i=1}^n p_i^{y_i} (1 - p_i)^{1-y_i} = "
            "- \\sum_{i=1}^n \\left[ y_i \\log p_i + (1 - y_i) \\log (1 - p_i) \\right]$$")
    step = check_text(text).steps[-1]
    assert step.status == "confirmed" and "where both sides are real" in step.reason, step.reason
    slip = check_text(text.replace("(1 - y_i) \\log (1 - p_i)", "(1 - y_i) \\log (p_i)")).steps[-1]
    assert slip.status == "refuted", slip.reason


def test_the_document_s_macros_are_expanded():
    """q13-q15 (github paulkoerbitz/pauls-blog) define ``\\gdef\\par#1#2{\\frac{\\partial #1}{\\partial #2}}``
    and write every derivative with it: each display was "unknown command \\par".  The macro is expanded
    (a note says so) and the uses are read."""
    text = ("$$\n\\gdef\\par#1#2{\\frac{\\partial #1}{\\partial #2}}\n$$\n\n"
            "$$z = w x + b$$\n\n$$\\par{z}{w} = x$$\n")
    report = check_text(text)
    assert report.notes[0].message.startswith("\\par is the document's macro (\\gdef, 2 arguments)")
    assert [s.status for s in report.steps] == ["definition", "proved"]
    assert report.steps[1].line == 7


def test_a_derivative_operator_before_a_sum_without_brackets():
    """q14: ``\\frac{\\partial}{\\partial w^l} w^l a^{l-1} + b^l = a^{l-1}`` means ∂/∂w (wa + b); read with the
    first term as the operand it was refuted.  Not checked now, saying why; with each term's own
    operator (real/29) the step is still refuted where it is wrong."""
    step = check_text("$$\\frac{\\partial }{\\partial w} w a + b = a$$").steps[0]
    assert step.status == "not checked" and "followed by a sum without brackets" in step.reason
    assert check_text("$$\\frac{\\partial }{\\partial w} (w a + b) = a$$").steps[0].status == "proved"
    report = check_text((DATA.parent / "real" / "29_bce-derivative-mathse-question-sign.md").read_text(encoding="utf-8"))
    assert report.first_wrong()[1].line == 16
