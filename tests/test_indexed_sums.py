"""Sums and products with symbolic or unstated bounds: checked on instances, proved where they hold for all n.

Inputs written for these tests, and lines of real derivations: tests/data/real/ (17: sunhaozhe.github.io
"matrix calculus"; 18: zakariapz.github.io; 20: math.stackexchange question 945871; 36: zli03, BP2),
tests/data/heldout/h13 (github yanfenglee/dl_demo), and the answer sheets
/work/shared/seeds/000_*.txt and 001_*.txt of the course (copied here as the lines they hold).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sympy import Function, Symbol

from derivations.checker.check import check_text
from derivations.checker.indexed import UNSTATED, instantiate
from derivations.checker.parser import parse_expression

REAL = Path(__file__).resolve().parent / "data" / "real"


def steps(text: str):
    return check_text(text).steps


# --- inputs written for these tests ---------------------------------------------------------------

def test_linearity_is_proved_for_every_size():
    """Σ(x_i + y_i) = Σx_i + Σy_i is proved for all n (sum algebra), not only on instances."""
    step = steps(r"$$\sum_{i=1}^{n} (x_i + y_i) = \sum_{i=1}^{n} x_i + \sum_{i=1}^{n} y_i$$")[0]
    assert step.status == "proved" and "every size" in step.reason


def test_sum_of_a_constant_is_proved():
    """Σ_{i=1}^n c = n c is proved for every n."""
    assert steps(r"$$\sum_{i=1}^{n} c = n c$$")[0].status == "proved"


def test_product_of_sums_is_refuted_with_the_size_named():
    """Σ x_i y_i = (Σ x_i)(Σ y_i) is refuted at n = 2 with a certified counterexample."""
    step = steps(r"$$\sum_{i=1}^{n} x_i y_i = \left(\sum_{i=1}^{n} x_i\right) \left(\sum_{i=1}^{n} y_i\right)$$")[0]
    assert step.status == "refuted" and "n = 2" in step.reason
    assert step.verdict.numeric.counterexample is not None


def test_a_claim_false_only_at_n_5_is_refuted_there():
    """Σ (i−1)(i−2)(i−3)(i−4) = 0 holds for n ≤ 4 and fails at n = 5: refuted at n = 5, never confirmed."""
    step = steps(r"$$\sum_{i=1}^{n} (i-1)(i-2)(i-3)(i-4) = 0$$")[0]
    assert step.status == "refuted" and "n = 5" in step.reason


def test_instances_only_give_confirmed_with_the_sizes_stated():
    """Σ_{k≠i} x_k = Σ_k x_k − x_i holds on instances: 'confirmed' for n = 1…5 and every index value, never 'proved'."""
    step = steps(r"$$\sum_{k \neq i} x_k = \sum_k x_k - x_i$$")[0]
    assert step.status == "confirmed"
    assert step.reason.startswith("holds for n = 1…5 and every index value")
    assert "no stated range" in step.reason


def test_sum_of_the_index_itself():
    """Σ_{i=1}^n i = n(n+1)/2 (the index used as a number) is confirmed on every size; a wrong formula refuted."""
    assert steps(r"$$\sum_{i=1}^{n} i = \frac{n(n+1)}{2}$$")[0].status == "confirmed"
    assert steps(r"$$\sum_{i=1}^{n} i = \frac{n^2}{2}$$")[0].status == "refuted"


def test_kronecker_delta_picks_one_term():
    """Σ_k δ_ik x_k = x_i holds, and the verdict says δ was read as the Kronecker delta."""
    step = steps(r"$$\sum_k \delta_{ik} x_k = x_i$$")[0]
    assert step.status == "confirmed" and "Kronecker" in step.reason
    assert steps(r"$$\sum_k \delta_{ik} x_k = x_k$$")[0].status == "refuted"


SOFTMAX = r"""$$p_j = \frac{e^{o_j}}{\sum_k e^{o_k}}$$
$$L = -\sum_k y_k \log p_k$$
"""


def test_softmax_cross_entropy_gradient_with_the_one_hot_hypothesis():
    """∂L/∂o_i of Σ y_k log p_k (p softmax, a template) holds; the last step needs Σ_k y_k = 1 and says so."""
    report = check_text(SOFTMAX + r"""$$\frac{\partial L}{\partial o_i} = -\sum_k y_k \frac{1}{p_k}\frac{\partial p_k}{\partial o_i} = p_i \sum_k y_k - y_i = p_i - y_i$$
where $\sum_k y_k = 1$.""")
    first, second, last = report.chains[-2].steps
    assert first.status == second.status == "confirmed"
    assert last.status == "proved" and "hypothesis" in last.reason
    assert report.steps[-1].status == "hypothesis" and report.exit_code == 0


def test_softmax_gradient_with_a_wrong_sign_is_refuted():
    """∂L/∂o_i = y_i − p_i (sign flipped) is refuted even on instances that satisfy Σ y = 1."""
    report = check_text(SOFTMAX + r"$$\frac{\partial L}{\partial o_i} = y_i - p_i$$" "\n" r"Given $\sum_k y_k = 1$.")
    assert report.chains[2].steps[0].status == "refuted" and report.exit_code == 1


def test_without_the_hypothesis_the_last_step_is_not_passed():
    """p_i Σ_k y_k − y_i = p_i − y_i with neither Σ y = 1 stated nor a cross-entropy of y is not passed:
    not checked, naming the missing hypothesis (nothing is assumed silently; the report exits 3, not 0)."""
    report = check_text(SOFTMAX.split("$$L")[0] + r"$$p_i \sum_k y_k - y_i = p_i - y_i$$")
    last = report.steps[-1]
    assert last.status == "not checked" and "false in general" in last.reason and "does not state" in last.reason
    assert report.exit_code == 3


def test_the_labels_of_a_categorical_cross_entropy_sum_to_1():
    """heldout/h13 (yanfenglee/dl_demo): L = −Σ_k y_k log a_k makes y a distribution over the classes, so
    a_i Σ_k y_k − y_i = a_i − y_i is proved with Σ_k y_k = 1, and the reason names where it comes from."""
    report = check_text(SOFTMAX + r"$$p_i \sum_k y_k - y_i = p_i - y_i$$")
    last = report.steps[-1]
    assert last.status == "proved" and "the labels of the cross-entropy on line 2" in last.reason
    assert report.exit_code == 0
    wrong = check_text(SOFTMAX + r"$$p_i \sum_k y_k - y_i = p_i + y_i$$")
    assert wrong.steps[-1].status == "refuted" and wrong.exit_code == 1


def test_a_sum_over_k_neq_i_brings_in_no_name_neq():
    """tests/data/real/20 (math.stackexchange 945871, the question): the first wrong link, with
    Σ_{k≠i} −p_k y_k where the chain rule gives −p_i y_k, is refuted; it was "not checked: it brings in
    neq", the condition's relation taken for a new quantity."""
    report = check_text(SOFTMAX + r"$$\frac{\partial L}{\partial o_i} = -\left(y_i (1 - p_i) + "
                        r"\sum_{k\neq i} -p_k y_k\right)$$")
    step = report.steps[-1]
    assert step.status == "refuted" and "neq" not in step.reason
    assert "neq" not in {s.name for s in parse_expression(r"\sum_{k \neq i} x_k").free_symbols}


def test_a_multi_label_loss_does_not_make_its_labels_sum_to_1():
    """−Σ_k [y_k log p_k + (1 − y_k) log(1 − p_k)] (sigmoid outputs, several labels on) says nothing of Σ y."""
    multi = r"$$L = -\sum_k \left(y_k \log p_k + (1 - y_k) \log(1 - p_k)\right)$$" "\n"
    report = check_text(SOFTMAX.split("$$L")[0] + multi + r"$$p_i \sum_k y_k - y_i = p_i - y_i$$")
    assert report.steps[-1].status == "not checked" and report.exit_code == 3


def test_index_condition_in_the_prose_before_a_display():
    """'If $i = k$,' makes ∂p_i/∂o_k = p_k(1 − p_k) hold; without it the same step is refuted at i ≠ k."""
    step = r"$$\frac{\partial p_i}{\partial o_k} = p_k(1 - p_k)$$"
    with_condition = check_text(SOFTMAX + "If $i = k$,\n" + step).steps[-1]
    assert with_condition.status == "confirmed" and "for i = k" in with_condition.reason
    assert check_text(SOFTMAX + step).steps[-1].status == "refuted"


def test_cases_split_on_index_values():
    """A cases display split on i = k / i ≠ k is two claims, each checked under its condition."""
    report = check_text(SOFTMAX + r"""$$\frac{\partial p_i}{\partial o_k} = \begin{cases} p_k (1 - p_k) & \text{if } i = k \\ - p_k p_i & \text{if } i \neq k \end{cases}$$""")
    last = report.steps[-2:]
    assert [s.status for s in last] == ["confirmed", "confirmed"]
    assert "written with it" in last[0].reason and report.exit_code == 0
    wrong = check_text(SOFTMAX + r"$$\frac{\partial p_i}{\partial o_k} = p_k p_i \quad \text{for } i \neq k$$")
    assert wrong.steps[-1].status == "refuted"


def test_sum_without_its_index_is_read_only_when_unambiguous():
    """z_j = Σ w_jk a_k + b_j sums over k (the one index not used outside); Σ w_jk a_k alone is not read."""
    report = check_text(r"$$z_j = \sum w_{jk} a_k + b_j$$" "\n" r"$$\frac{\partial z_j}{\partial a_k} = w_{jk}$$")
    assert report.steps[-1].status == "confirmed" and "read as Σ_k" in report.steps[-1].reason
    report = check_text(r"$$\sum w_{jk} a_k = \sum w_{jk} a_k + 0$$")
    assert report.steps[-1].status == "not checked" and "without its index" in report.steps[-1].reason


def test_sums_without_an_index_on_both_sides_are_each_read_over_their_one_letter():
    """heldout2 n07 (emkays-codelabs): ∂/∂m [1/n Σ (y_i − m x_i − c)²] = 1/n Σ 2(y_i − m x_i − c)(−x_i):
    each Σ binds its own i; the factor 2 dropped is refuted."""
    head = "$$E = \\frac{1}{n}\\sum_{i=1}^{n} (y_i - m x_i - c)^2$$\n\n"
    step = ("$$\\frac{\\partial}{\\partial m}\\left[\\frac{1}{n}\\sum (y_i - m x_i - c)^2\\right] = "
            "\\frac{1}{n}\\sum FACTOR(y_i - m x_i - c)(-x_i)$$\n")
    right = check_text(head + step.replace("FACTOR", "2")).steps[-1]
    assert right.status == "confirmed" and "read as Σ_i" in right.reason, right.describe()
    wrong = check_text(head + step.replace("FACTOR", "")).steps[-1]
    assert wrong.status == "refuted", wrong.describe()


def test_range_inferred_from_another_sum_and_said():
    """Σ_k with no range takes the range of the document's other sums over k, and the verdict says so."""
    report = check_text(r"$$S = \sum_{k=1}^{C} x_k$$" "\n" r"$$S - \sum_k x_k = 0$$")
    step = report.steps[-1]
    assert step.status == "proved" and "k = 1…C" in step.reason


def test_a_sum_that_ends_a_term_takes_the_negated_next_term():
    """Σ_j^C −a_j reads as Σ_j (−a_j), no longer 'Σ without an operand'."""
    assert steps(r"$$\sum_j^C -a_j = -\sum_j^C a_j$$")[0].status == "proved"


def test_instances_are_capped():
    """A step with too many instances is not checked, with the count, instead of running for long."""
    text = r"$$\sum_{a=1}^{A}\sum_{b=1}^{B}\sum_{c=1}^{C} x_{abc} y_i y_j y_k = \sum_{a=1}^{A}\sum_{b=1}^{B}\sum_{c=1}^{C} x_{abc} y_i y_j y_k z_{ij}^0$$"
    step = steps(text)[0]
    assert step.status in ("proved", "not checked")
    if step.status == "not checked":
        assert "instances" in step.reason


# --- instantiate: the interface for other checker modules ------------------------------------------

def test_instantiate_expands_renames_and_keeps_undefined_functions():
    """instantiate expands a kept sum at a size, renames indexed names and leaves J(·) an applied function."""
    J = Function("J")
    expr = parse_expression(r"\sum_{k=1}^{n} w_{jk} a_k") * J(Symbol("z_j"))
    out = instantiate(expr, {Symbol("n"): 2}, {"j": 1})
    assert out.free_symbols == {Symbol("w_{11}"), Symbol("w_{12}"), Symbol("a_1"), Symbol("a_2"), Symbol("z_1")}
    assert out.atoms(J) == {J(Symbol("z_1"))}


def test_instantiate_unstated_range_and_condition():
    """A sum with no range uses the size given for UNSTATED; Σ_{k≠i} leaves out k = i."""
    expr = parse_expression(r"\sum_{k \neq i} y_k")
    assert instantiate(expr, {UNSTATED: 3}, {"i": 2}) == Symbol("y_1") + Symbol("y_3")
    with pytest.raises(ValueError):
        instantiate(expr, {UNSTATED: 3}, {})


# --- real derivations ----------------------------------------------------------------------------

def test_real_softmax_cross_entropy_sunhaozhe_is_read_whole():
    """tests/data/real/17 (sunhaozhe.github.io): every step holds, the one-hot hypothesis is used, exit 0."""
    report = check_text((REAL / "17_softmax-ce-gradient-sunhaozhe.md").read_text(encoding="utf-8"))
    assert report.exit_code == 0
    assert all(s.status in ("proved", "confirmed", "definition", "hypothesis") for s in report.steps)


def test_real_softmax_jacobian_kronecker_zakariapz():
    """tests/data/real/18 (zakariapz.github.io): ∂p_j/∂a_i = p_j(δ_ij − p_i) with p_j = exp(a_j)/Σ_k^C exp(a_k) holds."""
    lines = (REAL / "18_softmax-jacobian-zakariapz.md").read_text(encoding="utf-8").split("\n")
    report = check_text("\n".join([lines[5].split(" To compute")[0], lines[9], lines[11]]))
    kronecker = report.steps[1]
    assert kronecker.status == "confirmed" and "C = 1…5" in kronecker.reason and "Kronecker" in kronecker.reason
    assert report.steps[-1].status in ("proved", "confirmed")  # Σ_j^C −y_j/p_j p_j(δ_ij − p_i) = Σ_j^C y_j(p_i − δ_ij)
    assert report.first_wrong() is None


def test_real_backprop_bp2_undefined_layer_is_not_a_false_alarm():
    """tests/data/real/36 (zli03): ∂z^{l+1}_k/∂z^l_j needs a^l_j = σ(z^l_j), defined only for layer L: not refuted."""
    report = check_text((REAL / "36_backprop-bp2-zli03.md").read_text(encoding="utf-8"))
    assert report.first_wrong() is None
    step = next(s for s in report.steps if s.left.startswith(r"\frac{\partial z^{l+1}_k}"))
    assert step.status == "not checked" and "a_j^{(l)}" in step.reason


SEED_000_DELTA = r"""$$z_j^{(L)} = \sum w_{jk}^{(L)} a_k^{(L-1)} + b_j^{(L)}$$
$$a_j^{(L)} = \sigma(z_j^{(L)})$$
$$z_k^{(L+1)} = \sum_{j=1}^{S_L} w_{kj}^{(L+1)} a_j^{(L)} + b_k^{(L+1)}$$
$$= \sum_j w_{kj}^{(L+1)} \sigma(z_j^{(L)}) + b_k^{(L+1)}.$$
$$\frac{\partial z_k^{(L+1)}}{\partial z_j^{(L)}} = w_{kj}^{(L+1)} \sigma'(z_j^{(L)})$$
"""


def test_seed_000_delta_recursion_steps():
    """Seed sheet 000 (backprop δ recursion): the sum rewritten with σ and ∂z^{(L+1)}_k/∂z^{(L)}_j = w_kj σ'(z_j) hold."""
    report = check_text(SEED_000_DELTA)
    assert [s.status for s in report.steps if s.status != "definition"] == ["confirmed", "confirmed"] or \
        all(s.status in ("proved", "confirmed", "definition") for s in report.steps)
    wrong = check_text(SEED_000_DELTA.replace(r"w_{kj}^{(L+1)} \sigma'", r"w_{jk}^{(L+1)} \sigma'"))
    assert wrong.steps[-1].status == "refuted"


def test_seed_001_eigen_expansion_is_a_hypothesis_not_a_refuted_step():
    """Seed sheet 001: w − w* = Σ_i α_i u_i brings in α_i: read as a hypothesis, never refuted."""
    step = steps(r"$$w - w^* = \sum_i \alpha_i u_i$$")[0]
    assert step.status == "hypothesis" and "alpha_i" in step.reason


def test_an_indexed_function_name_is_renamed_per_index_value():
    """Σ_i f_i(x) expands to f_1(x) + f_2(x) + …, so Σ_i f_i(x) = n f_i(x) is never confirmed or proved."""
    x, n = Symbol("x"), Symbol("n")
    expr = parse_expression(r"\sum_{i=1}^{n} f_i(x)", functions={"f_i"})
    assert instantiate(expr, {n: 2}, {}) == Function("f_1")(x) + Function("f_2")(x)
    step = check_text(r"$$\sum_{i=1}^{n} f_i(x) = n f_i(x)$$", defines=[]).steps[0]
    assert step.status not in ("proved", "confirmed")


def test_sums_with_different_ranges_are_different_unknowns():
    """Σ_{i=1}^n x_i = Σ_{i=1}^m x_i is refuted (n ≠ m), never proved by taking both sums as one unknown."""
    step = steps(r"$$\sum_{i=1}^{n} x_i = \sum_{i=1}^{m} x_i$$")[0]
    assert step.status == "refuted" and "m = " in step.reason


def test_sum_of_a_constant_from_another_first_value_is_not_proved_in_general():
    """Σ_{i=2}^n c = (n − 1) c holds (n = 1 is the empty sum) on instances, but 'Σ c = count · c' is only used from 1."""
    step = steps(r"$$\sum_{i=2}^{n} c = (n - 1) c$$")[0]
    assert step.status == "confirmed"


def test_one_sum_over_two_indices_is_two_sums():
    r"""Tutorial 04, "Solution A2: Quadratic Form Derivative" (tests/data/heldout3/m08, stored-index file id
    23929563397) writes ``\sum_{i,j} x_i A_{ij} x_j``: it was a parse error ("unexpected ','"); it is
    \sum_i \sum_j, with a note, and the index-form gradient of the quadratic form is checked."""
    text = (r"$$f = \sum_{i,j=1}^{n} x_i A_{ij} x_j$$" "\n\n"
            r"$$\frac{\partial f}{\partial x_k} = \sum_{j=1}^{n} A_{kj} x_j + \sum_{i=1}^{n} x_i A_{ik}$$")
    report = check_text(text)
    assert [s.status for s in report.steps] == ["definition", "confirmed"], report.unchecked()
    assert any("is read as \\sum_i \\sum_j" in n for n in report.steps[0].notes)
    wrong = check_text(text.replace("x_i A_{ik}$$", "x_i A_{ki}$$"))
    assert wrong.steps[-1].status == "refuted"
