r"""Entries of vectors and matrices: ``x_k`` of ``\mathbf{x}``, ``A_{ij}`` of A, ``(A\mathbf{x})_k``.

Real source: the held-out file tests/data/heldout3/m08_quadform-gradient-index-tutorial04.md (GitHub
Markdown "# Tutorial 04: Matrix Calculus - Solutions", stored-index file id 23929563397, "Solution A2:
Quadratic Form Derivative"): ``f(\mathbf{x}) = \mathbf{x}^T A \mathbf{x} = \sum_{i,j} x_i A_{ij} x_j``, then
``\partial f/\partial x_k = (A\mathbf{x})_k + (A^T\mathbf{x})_k = ((A + A^T)\mathbf{x})_k``.  On main every
line of it was "not checked" or a parse error (A and A_{ij} were independent unknowns, ``(A\mathbf{x})_k``
was refused); its copy with the transpose dropped passed unrefuted.  The other cases are the same
notation in the forms lecture notes on linear layers use (y = Wx + b with y_i, W_{ij}).
"""

from pathlib import Path

import pytest

from derivations.checker.check import check_text
from derivations.checker.parser import parse_expression

DATA = Path(__file__).parent / "data"


def _statuses(text: str) -> list[str]:
    return [s.status for s in check_text(text).steps]


def test_the_tutorial_file_is_read_whole_and_its_wrong_copy_refuted_at_its_line():
    right = check_text((DATA / "heldout3" / "m08_quadform-gradient-index-tutorial04.md").read_text())
    assert right.exit_code == 0, right.text()
    assert "A_{ij} read as an entry of A" in right.text()
    wrong = check_text((DATA / "heldout3" / "m08_quadform-gradient-index-tutorial04.wrong.md").read_text())
    assert wrong.exit_code == 1 and wrong.first_wrong()[1].line == 19, wrong.text()


@pytest.mark.parametrize("rhs,status", [
    (r"\sum_{i=1}^{n} \sum_{j=1}^{n} x_i A_{ij} x_j", "confirmed"),
    (r"\sum_{i=1}^{n} \sum_{j=1}^{n} x_i A_{ji} x_i", "refuted"),
])
def test_a_quadratic_form_in_index_notation(rhs, status):
    declared = r"Let $A \in \mathbb{R}^{n \times n}$." "\n"  # else A is a matrix only by a guess: never refuted
    assert _statuses(declared + rf"$$\mathbf{{x}}^T A \mathbf{{x}} = {rhs}$$") == [status]


@pytest.mark.parametrize("step,status", [
    (r"y_k = \sum_{j=1}^{n} A_{kj} x_j", "confirmed"),
    (r"y_k = \sum_{j=1}^{n} A_{jk} x_j", "refuted"),
    (r"\frac{\partial y_k}{\partial x_j} = A_{kj}", "confirmed"),
    (r"\frac{\partial y_k}{\partial x_j} = A_{jk}", "refuted"),
    (r"\sum_j A_{kj} x_j = (A\mathbf{x})_k", "confirmed"),
    (r"\sum_j A_{jk} x_j = (A\mathbf{x})_k", "refuted"),
])
def test_an_entry_of_a_defined_vector_is_a_claim_not_a_new_definition(step, status):
    """y = Ax, then y_k = Σ_j A_{kj} x_j: on main the second line defined a new quantity y_k, and its
    wrong copy (A_{jk}) passed with exit 0."""
    square = r"Let $A \in \mathbb{R}^{n \times n}$." "\n"  # Σ_j A_{jk} x_j needs as many rows as x has entries
    statuses = _statuses(square + rf"$$\mathbf{{y}} = A \mathbf{{x}}$$" + "\n" + rf"$$ {step} $$")
    assert statuses == ["definition", status]


def test_a_free_index_is_checked_at_each_of_its_values():
    report = check_text(r"$$\mathbf{y} = A \mathbf{x}$$" "\n" r"$$\frac{\partial y_k}{\partial x_j} = A_{jk}$$")
    reason = report.steps[1].reason
    assert "(at j = " in reason and "k = " in reason, reason
    confirmed = check_text(r"$$\mathbf{y} = A \mathbf{x}$$" "\n" r"$$y_k = \sum_{j=1}^{n} A_{kj} x_j$$")
    assert "at every value of k" in confirmed.steps[1].reason


def test_the_gradient_of_a_function_of_a_vector_by_one_entry():
    text = r"""$$f(\mathbf{x}) = \mathbf{x}^T A \mathbf{x}$$
$$\frac{\partial f}{\partial x_k} = \sum_{j=1}^{n} A_{kj} x_j + \sum_{i=1}^{n} x_i A_{ik}$$
"""
    assert _statuses(text) == ["definition", "confirmed"]
    assert _statuses(text.replace("x_i A_{ik}", "x_i A_{ki}")) == ["definition", "refuted"]


def test_entries_written_as_parts_of_the_whole_stay_its_parts():
    """x = [x_1, x_2, x_3]: x is made of its entries (no loop reading x_1 from x)."""
    text = r"""$$ x = \begin{bmatrix} x_1, x_2, x_3 \end{bmatrix} \quad w = \begin{bmatrix} w_1 \\ w_2 \\ w_3 \end{bmatrix} $$
$$y = xw = x_1w_1 + x_2w_2 + x_3w_3$$"""
    assert _statuses(text)[-1] == "confirmed"


def test_an_entry_numbered_zero_beside_the_vector_is_not_guessed():
    """θ_0 beside θ: a first entry numbered 0, or a bias apart? Not checked, and said so."""
    (step,) = check_text(r"$$\sum_{i=0}^d\theta_ix_i = \theta^Tx$$").steps
    assert step.status == "not checked" and "theta_0 is written beside theta" in step.reason


def test_the_entry_notation_parses():
    assert str(parse_expression(r"(A\mathbf{x})_k")) == "entry(A*x, k)"
    assert str(parse_expression(r"(I * K)_{ij}")) == "entry(I*K, i, j)"
    with pytest.raises(Exception, match="whose index is not one letter"):
        parse_expression(r"(x)_{i+1}")


def test_a_sum_without_a_range_reads_the_same_in_a_long_lived_worker():
    """Found by the full suite: in a worker process whose SymPy cache had been emptied by earlier checks,
    an unpickled Σ_j got a new "⋯" symbol for its unstated range, and ``last is UNSTATED`` missed it, so
    the sum over the entries was "not known" there (m08 passed alone and failed after the corpus)."""
    import pickle

    from sympy import Matrix, Symbol
    from sympy.core.cache import clear_cache

    from derivations.checker.indexed import UNSTATED
    from derivations.checker.matrix_values import Instance, evaluate

    expr = parse_expression(r"\sum_j A_{kj} x_j")
    clear_cache()
    copy = pickle.loads(pickle.dumps(expr))
    assert copy.last == UNSTATED
    inst = Instance(values={Symbol("A"): Matrix([[1, 2], [3, 4]]), Symbol("x"): Matrix([5, 6])},
                    wholes={"A": "matrix", "x": "vector"}, bound={"k": 2})
    assert evaluate(copy, inst) == 3 * 5 + 4 * 6


@pytest.mark.parametrize("factor,status", [("2", "confirmed"), ("3", "refuted")])
def test_a_vector_whose_entries_the_document_defines_is_made_of_them(factor, status):
    """y_i = 2x_i defined, y never: y is (y_1, …, y_m) on each instance, not a random vector beside its own
    entries (which refuted the true yᵀx = Σ_i y_i x_i internally, hidden only by a "first seen" guard)."""
    report = check_text(rf"Let $y_i = {factor} x_i$ for the entries of the vectors $\mathbf{{x}}$ and $\mathbf{{y}}$." "\n"
                        r"$$\mathbf{y}^T\mathbf{y} = 4 \mathbf{x}^T \mathbf{x}$$" "\n"
                        r"$$\mathbf{y}^T\mathbf{x} = \sum_i y_i x_i$$")
    assert [s.status for s in report.steps] == ["definition", status, "confirmed"], report.text()
    if status == "refuted":
        assert "y read as the vector of the y_i" in report.steps[1].reason
