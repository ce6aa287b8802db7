r"""Shapes declared as math, rows that claim nothing, and diag(·): read, not refused.

Sources (each a real note, copied in tests/data):
- heldout3/m04, github WWWonderer/tech_blog:_posts/2025-12-27-ml-basics-linear-regression-revisited.markdown:
  an aligned display "Given data: X ∈ ℝ^{n×d}, y ∈ ℝ^{n×1} / Model parameters: w ∈ ℝ^{d×1} / Prediction:
  ŷ = Xw / Objective: min_w ‖ŷ − y‖²" was refused whole (for ∈, then for the objective), so ŷ was never
  defined and the gradient step after it was "not checked" (the shapes did not fit);
- heldout5/p22, github duchesnay/pystatsml:ml_supervised/demo_ml_losses.md: "Dataset: {(x_i, y_i)}_{i=1}^n"
  (a parse error) and "Define S = diag(p̂_i(1 − p̂_i)) ∈ ℝ^{n×n}" (refused for ∈, then diag unknown), so
  the Hessian ∇²L = XᵀSX was never checked.  It is confirmed now, and the file is judged right.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checker.check import check_text
from derivations.checker.reasons import states_no_relation

DATA = Path(__file__).resolve().parent / "data"

_GIVEN = r"""$$
\begin{aligned}
&\text{Given data:} &&X \in \mathbb{R}^{n \times d}, \; y \in \mathbb{R}^{n \times 1} \\
&\text{Model parameters:} &&w \in \mathbb{R}^{d \times 1} \\
&\text{Prediction:} &&\hat{y} = Xw \\
&\text{Objective:} &&\min_{w} \left\lVert \hat{y} - y \right\rVert_2^2
\end{aligned}
$$

$$\nabla_w \left\lVert \hat{y} - y \right\rVert_2^2 = \nabla_w [w^TX^TXw - 2w^TX^Ty + y^Ty]$$
"""


def test_a_display_of_declarations_and_an_objective_is_read():
    """m04: the declarations are notes, the objective row is skipped with a warning, ŷ = Xw is defined."""
    report = check_text(_GIVEN)
    messages = [n.message for n in report.notes]
    assert "X \\in \\mathbb{R}^{n \\times d} declares X an n×d matrix (not a step)" in messages
    assert "w \\in \\mathbb{R}^{d \\times 1} declares w a vector of length d (not a step)" in messages
    assert any(n.kind == "warning" and "row without a relation" in n.message for n in report.notes)
    assert [(s.left, s.status) for s in report.steps][0] == ("\\hat{y}", "definition")
    assert report.steps[1].status == "confirmed", report.steps[1].reason
    assert report.exit_code == 0


def test_a_wrong_gradient_after_the_declarations_is_refuted():
    """The same display, then a slip (a sign): refuted, now that ŷ is known."""
    report = check_text(_GIVEN.replace("- 2w^TX^Ty", "+ 2w^TX^Ty"))
    assert report.steps[1].status == "refuted", report.steps[1].reason


def test_a_row_with_a_relation_that_cannot_be_read_still_leaves_the_display_unread():
    """Only a row that claims nothing is skipped: an unreadable equation keeps the display unread."""
    report = check_text("$$\\begin{aligned} a &= b \\\\ c &= \\min_{w} f(w) \\end{aligned}$$")
    assert report.steps == () and report.exit_code == 3
    assert [n.kind for n in report.notes] == ["parse error"]


def test_rows_of_a_matrix_are_entries_not_statements():
    """A matrix row with dots has no relation, yet it is an entry row: the display stays refused, as before."""
    report = check_text("$$J = \\begin{bmatrix} a & \\cdots \\\\ b & c \\end{bmatrix}$$")
    assert [n.kind for n in report.notes] == ["unsupported"] and "ellipsis" in report.notes[0].message


def test_left_is_no_relation():
    r"""``\left`` starts like ``\le``: an objective written with \left\lVert states no relation."""
    assert states_no_relation(r"\min_{w} \left\lVert \hat{y} - y \right\rVert_2^2")
    assert not states_no_relation(r"a \le b") and not states_no_relation(r"a \leq b")


def test_a_declaration_after_a_definition_and_a_data_set():
    """p22's lines: the definition of S is kept, its ∈ ℝ^{n×n} is a note; the data set is a note."""
    text = ("- Dataset: $\\{(x_i, y_i)\\}_{i=1}^n$\n\n"
            "- Define $\\mathbf{S} = \\text{diag}(\\hat{p}_i (1 - \\hat{p}_i)) \\in \\mathbb{R}^{n \\times n}$\n")
    report = check_text(text)
    assert [(s.left, s.status) for s in report.steps] == [("\\mathbf{S}", "definition")]
    assert [n.message for n in report.notes] == [
        "\\{(x_i, y_i)\\}_{i=1}^n declares the examples (x_i, y_i), i = 1…n (not a step)",
        "\\mathbf{S} = … \\in \\mathbb{R}^{n \\times n} declares S an n×n matrix (not a step)"]


_HESSIAN = ("Let $\\mathbf{X} \\in \\mathbb{R}^{n \\times p}$ (its rows are the $x_i^T$).\n\n$\\hat{p}_i = \\sigma(\\mathbf{w}^\\top \\mathbf{x}_i)$\n\n"
            "$$\\mathbf{S} = \\text{diag}(\\hat{p}_i (1 - \\hat{p}_i))$$\n\n"
            "$$\\mathbf{X}^\\top \\mathbf{S} \\mathbf{X} = \\sum_{i=1}^n WEIGHT \\mathbf{x}_i \\mathbf{x}_i^\\top$$\n")


@pytest.mark.parametrize("weight, status", [("\\hat{p}_i (1 - \\hat{p}_i)", "confirmed"),
                                            ("\\hat{p}_i (1 + \\hat{p}_i)", "refuted")])
def test_diag_of_an_indexed_entry(weight, status):
    """diag(p̂_i(1 − p̂_i)) is the n×n diagonal matrix of those entries, i = 1…n."""
    report = check_text(_HESSIAN.replace("WEIGHT", weight))
    assert report.steps[-1].status == status, report.steps[-1].reason


def test_diag_of_a_vector():
    """diag(p) − ppᵀ (the softmax Jacobian's compact form) with the vector p written out."""
    text = ("$$\\mathbf{p} = \\begin{bmatrix} a \\\\ b \\end{bmatrix}$$\n\n"
            "$$\\text{diag}(\\mathbf{p}) - \\mathbf{p}\\mathbf{p}^T = "
            "\\begin{bmatrix} a - a^2 & -ab \\\\ -ab & b - b^2 \\end{bmatrix}$$\n")
    report = check_text(text)
    assert report.steps[-1].status in ("proved", "confirmed"), report.steps[-1].reason


def test_the_pystatsml_hessian_is_judged_right():
    """heldout5/p22 exits 0: every step read and checked; its wrong copy is refuted at its changed line."""
    assert check_text((DATA / "heldout5" / "p22_hessian-nll-pystatsml.md").read_text(encoding="utf-8")).exit_code == 0
    wrong = check_text((DATA / "heldout5" / "p22_hessian-nll-pystatsml.wrong.md").read_text(encoding="utf-8"))
    assert wrong.exit_code == 1 and wrong.first_wrong()[1].line == 57
