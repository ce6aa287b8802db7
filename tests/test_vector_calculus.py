r"""Gradients, Hessians and norms of vectors and matrices, checked on exact random instances.

Sources (real notes, adapted only where a test needs a wrong variant):
- tests/data/heldout3/m04 (WWWonderer, "ML Basics - Linear Regression Revisited"): ‖ŷ − y‖²₂, ∇_w,
  ``w^TX^TXw`` written without spaces, ``- \underbrace{w^TX^Ty - y^TXw}_{scalars}``;
- tests/data/heldout2/n26 (Ingenjoy, "Selected Topics in Mathematical Optimization"): the rules table
  ∇_x(½xᵀAx) = Ax (right only for a symmetric A), ∇_x(bᵀx) = b, ∇²f = P;
- tests/data/heldout2/n38 (hoadm-net/DL, L2 regularisation): λ‖W‖²₂ with ``\lVert … \rVert_2^2``;
- tests/data/heldout3/m07 (the Jekyll post "Logistic Regression Deep Dive"): σ([1 1]·[−3 1]ᵀ) = 0.12, a
  worked value written to two decimals;
- tests/data/heldout3/m09 ("Tutorial 04: Matrix Calculus - Solutions"): "Case $i \neq j$:" before a
  display, and Σ_j J_{ij} with J defined only as a matrix;
- tests/data/heldout3/m01 (melfm/notes, after Mazur): ``z1 = w1 * x1 + w2 * x2 + b1`` and ``E_y2``;
- tests/data/heldout/h08 (ezalos/NotYetSelfAware): ``\nabla_a C = (a^L-y)`` after C = ½Σ_j (y_j − a^L_j)².
"""

from __future__ import annotations

import pytest
from sympy import Derivative, Function, Subs, Symbol
from sympy.core.function import AppliedUndef

from derivations.checker.check import check_text
from derivations.checker.parser import LatexUnsupportedError, parse_chains

DECLARED = r"Let $\mathbf{w} \in \mathbb{R}^n$, $X \in \mathbb{R}^{m \times n}$ and $\mathbf{y} \in \mathbb{R}^m$."


def _steps(body: str, head: str = DECLARED):
    return check_text(head + "\n\n" + body).steps


def _status(body: str, head: str = DECLARED) -> list[tuple[str, str]]:
    return [(s.status, s.reason) for s in _steps(body, head) if s.status != "definition"]


LEAST_SQUARES = r"""$$
J(\mathbf{w}) = \frac{1}{2m} \|X\mathbf{w} - \mathbf{y}\|^2 + \frac{\lambda}{2} \lVert\mathbf{w}\rVert_2^2
$$

$$
\nabla_\mathbf{w} J(\mathbf{w}) = \frac{1}{m} X^T (X\mathbf{w} - \mathbf{y}) + FACTOR\lambda \mathbf{w}
$$
"""


def test_gradient_of_a_defined_loss_holds_on_instances():
    """∇_w of a loss defined with a norm and a transpose is its gradient (the shape of w)."""
    [(status, reason)] = _status(LEAST_SQUARES.replace("FACTOR", ""))
    assert status == "confirmed" and "random exact instances" in reason, reason


def test_gradient_with_a_wrong_factor_is_refuted_with_a_counterexample():
    """2λw for the gradient of (λ/2)‖w‖²: refuted, with the instance that shows it."""
    [(status, reason)] = _status(LEAST_SQUARES.replace("FACTOR", "2"))
    assert status == "refuted" and "left = [" in reason and "X = [" in reason, reason


def test_hessian_of_a_defined_loss_and_its_note():
    """∇² is read as the Hessian (not the Laplacian), and the report says so."""
    body = (r"$$L(\mathbf{w}) = \frac{1}{2} (X\mathbf{w} - \mathbf{y})^T (X\mathbf{w} - \mathbf{y})$$" "\n\n"
            r"$$\nabla^2 L(\mathbf{w}) = X^T X$$")
    [step] = [s for s in _steps(body) if s.status != "definition"]
    assert step.status == "confirmed", step.describe()
    assert any("Hessian" in n for n in step.notes), step.notes


def test_derivative_written_as_a_row_is_not_checked_and_says_why():
    """∂L/∂w = (Xw − y)ᵀX is the gradient in another layout (a row): not refuted for it."""
    body = (r"$$L(\mathbf{w}) = \frac{1}{2} (X\mathbf{w} - \mathbf{y})^T (X\mathbf{w} - \mathbf{y})$$" "\n\n"
            r"$$\frac{\partial L(\mathbf{w})}{\partial \mathbf{w}} = (X\mathbf{w} - \mathbf{y})^T X$$")
    [(status, reason)] = _status(body)
    assert status == "not checked" and "another layout" in reason, reason


RULES = r"""Let $A \in \mathbb{R}^{n \times n}$ and $\mathbf{x}, \mathbf{b} \in \mathbb{R}^n$.

$$\nabla_\mathbf{x} \left(\frac{1}{2}\mathbf{x}^\top A\mathbf{x}\right)= A\mathbf{x}$$

$$\nabla_\mathbf{x} (\mathbf{b}^\top\mathbf{x})=\mathbf{b}$$

$$\nabla_\mathbf{x} \left(\mathbf{x}^\top A\mathbf{x}\right)= (A + A^\top)\mathbf{x}$$
"""


def test_rules_table_quadratic_term_needs_a_symmetric_matrix():
    """n26's rules: ∇(½xᵀAx) = Ax holds only for a symmetric A (not stated): not checked, saying so;
    the linear term and the general quadratic term hold."""
    results = _status(RULES, head="")
    assert results[0][0] == "not checked" and "holds when A is symmetric" in results[0][1], results[0]
    assert [r[0] for r in results[1:]] == ["confirmed", "confirmed"], results


def test_rules_table_with_the_symmetry_stated_is_checked():
    """With A^T = A stated, ∇(½xᵀAx) = Ax is checked on symmetric instances."""
    results = _status(RULES.replace("$$\\nabla", "$$A^\\top = A$$\n\n$$\\nabla", 1), head="")
    assert results[0][0] == "hypothesis" and results[1][0] == "confirmed", results


def test_a_wrong_rule_is_refuted_not_taken_as_a_hypothesis():
    """∇(bᵀx) = 2b claims the derivative of what it writes: refuted, never read as an assumption."""
    [(status, reason)] = _status(r"$$\nabla_\mathbf{x} (\mathbf{b}^\top\mathbf{x})=2\mathbf{b}$$",
                                 head=r"Let $\mathbf{x}, \mathbf{b} \in \mathbb{R}^n$.")
    assert status == "refuted", reason


def test_nabla_forms():
    """∇_x f, ∇f(x) (the variable from the argument), ∇_θ L(θ_t) (the gradient at θ_t); ∇ alone is refused."""
    names = frozenset({"f", "L"})
    x = Symbol("x")
    assert parse_chains(r"\nabla_x f(x) = 1", functions=names)[0].items[0] == Derivative(Function("f")(x), x)
    assert parse_chains(r"\nabla f(x) = 1", functions=names)[0].items[0] == Derivative(Function("f")(x), x)
    at = parse_chains(r"\nabla_\theta L(\theta_t) = 1", functions=names)[0].items[0]
    assert isinstance(at, Subs) and at.point == (Symbol("theta_t"),)
    with pytest.raises(LatexUnsupportedError, match="without its variable"):
        parse_chains(r"\nabla C = 0")


def test_norms_by_subscript_and_what_they_need():
    """‖w‖²₂ = wᵀw holds for a declared vector; ‖A‖ of a matrix (Frobenius or operator?) is not checked."""
    head = r"Let $\mathbf{w} \in \mathbb{R}^n$ and $A \in \mathbb{R}^{n \times n}$."
    [(status, _r)] = _status(r"$$\lambda \lVert \mathbf{w} \rVert_2^2 = \lambda \mathbf{w}^T \mathbf{w}$$", head)
    assert status == "confirmed"
    [(status, reason)] = _status(r"$$\|A\|^2 = \mathbf{w}^T \mathbf{w}$$", head)
    assert status == "not checked" and "Frobenius" in reason, reason
    [(status, _r)] = _status(r"$$\|A\|_F^2 = \|A^T\|_F^2$$", head)
    assert status == "confirmed"


def test_a_worked_vector_value_written_to_its_digits():
    """m07: σ([1 1]·[−3 1]ᵀ) = σ(−2) = 0.1192… written 0.12 is a rounding; 0.13 is wrong."""
    text = (r"$$\sigma \bigg( \begin{bmatrix} 1 & 1 \end{bmatrix} \cdot \begin{bmatrix} -3 \\ 1 \end{bmatrix}"
            r" \bigg) = 0.12$$")
    [step] = check_text(text).steps
    assert step.status == "proved" and "digits written" in step.reason, step.describe()
    [step] = check_text(text.replace("0.12", "0.13")).steps
    assert step.status == "refuted", step.describe()


def test_transpose_glued_to_the_next_letter():
    """m04: ``w^TX^TXw`` is wᵀXᵀXw (a superscript takes one token), never w to the power T."""
    [chain] = parse_chains(r"w^TX^TXw = x^TAx")
    transposes = [f for e in chain.items for f in e.atoms(AppliedUndef) if str(f.func) == "transpose"]
    assert len(transposes) == 3 and Symbol("T") not in chain.items[0].free_symbols


def test_underbrace_around_a_sum_after_a_sign_is_refused():
    """m04: ``- \\underbrace{w^TX^Ty - y^TXw}_{scalars}`` shows −a − b, yet braces would group it −(a − b):
    refused; an underbrace that touches no sign or factor is read through."""
    with pytest.raises(LatexUnsupportedError, match="grouped, or only drawn"):
        parse_chains(r"a - \underbrace{b - c}_{scalars} + d")
    assert parse_chains(r"a = \underbrace{b + c}_{d} + y")[0].items[1].doit() == Symbol("b") + Symbol("c") + Symbol("y")


def test_plain_typed_indices():
    """m01: ``z1``, ``w1`` are z_1, w_1 and ``E_y2`` is E_{y2}, each with a note; a refutation by z·1 was
    a false alarm."""
    report = check_text("$$z1 = w1 * x1 + b1$$\n\n$$E_y2 = 0.5$$\n")
    assert [s.status for s in report.steps] == ["definition", "definition"], [s.describe() for s in report.steps]
    [chain] = parse_chains("z1 = w12 * x_y2")
    assert chain.items == (Symbol("z_1"), Symbol("w_{12}") * Symbol("x_{y2}"))


def test_a_case_stated_in_prose_restricts_the_indices():
    """m09: "Case $i \\neq j$:" before the display: ∂p_i/∂z_j = −p_i p_j is checked for i ≠ j only."""
    text = ("$$p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$\n\n**2. Case $i \\neq j$:**\n"
            "$$\\frac{\\partial p_i}{\\partial z_j} = \\frac{0 - e^{z_i} \\cdot e^{z_j}}{(\\sum_k e^{z_k})^2}$$\n")
    step = [s for s in check_text(text).steps if s.status != "definition"][-1]
    assert step.status in ("proved", "confirmed"), step.describe()


def test_an_entry_of_a_matrix_defined_whole_is_not_refuted():
    """m09: with J := diag(p) − ppᵀ, Σ_j J_{ij} = … is about J's entries, which the checker does not
    read from that definition: not checked, never refuted at an arbitrary J_{11}."""
    text = ("$$p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$\n\n$$J = \\text{diag}(\\mathbf{p}) - \\mathbf{p}\\mathbf{p}^T$$\n\n"
            "$$\\sum_j J_{ij} = p_i(1 - p_i) + \\sum_{j \\neq i} (-p_i p_j)$$\n")
    step = check_text(text).steps[-1]
    assert step.status == "not checked" and "J_{ij}" in step.reason, step.describe()


def test_a_gradient_of_a_defined_quantity_is_never_a_hypothesis():
    """h08: ∇_a C = (a^L − y), with C defined by its components and a, y never named, is a claim about
    C's derivative: not checked (it names a, L, y), never taken as given; the same with a wrong sign is
    never passed either."""
    text = ("$$C=\\frac{1}{2}\\sum_j(y_j-a^L_j)^2$$\n\n$$\\frac{\\partial C}{\\partial a^L_j}=(a^L_j-y_j)$$\n\n"
            "$$\\nabla_a C = (a^L-y)$$\n")
    for body in (text, text.replace("(a^L-y)$$", "(y-a^L)$$")):
        report = check_text(body)
        assert report.steps[-1].status == "not checked", report.steps[-1].describe()
        assert report.exit_code == 3
