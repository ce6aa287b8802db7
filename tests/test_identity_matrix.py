r"""An undefined I beside vectors and matrices is the identity matrix: ``+ \lambda \mathbf{I}``, ``X^TX + \lambda I``.

Real source: the held-out file tests/data/heldout2/n28_logistic-gradient-hessian-ingenjoy.md (Michiel
Stock, "Selected Topics in Mathematical Optimization", github Ingenjoy/SelectedTopicsOptimization,
Chapters/02.Unconstrained/logistic.md): the Hessian of the regularised logistic loss,
``\sum_i σ(wᵀx_i)(1 − σ(wᵀx_i)) x_i x_iᵀ + 2\lambda \mathbf{I}``.  On main the step was "not checked" (I "appears
here for the first time"), so its copy with λI for 2λI passed.  An image I convolved with a kernel
(``I \otimes K``), or written with its entries (``I_{ij}``), is data, never the identity.
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text

DATA = Path(__file__).parent / "data" / "heldout2"

RIDGE = r"""Let $X \in \mathbb{R}^{n \times d}$ and $\mathbf{w} \in \mathbb{R}^d$.

$$J(\mathbf{w}) = \|X\mathbf{w} - \mathbf{y}\|^2 + \lambda \mathbf{w}^T\mathbf{w}$$

$$\nabla_{\mathbf{w}} J = 2X^T(X\mathbf{w} - \mathbf{y}) + 2\lambda \mathbf{w} = 2(X^TX + FACTOR I)\mathbf{w} - 2X^T\mathbf{y}$$
"""


def test_the_hessian_with_the_identity_is_checked_and_its_slip_refuted():
    right = check_text((DATA / "n28_logistic-gradient-hessian-ingenjoy.md").read_text())
    [hessian] = [s for s in right.steps if s.line == 18]
    assert hessian.status == "confirmed" and "I read as the identity matrix" in hessian.reason, right.text()
    wrong = check_text((DATA / "n28_logistic-gradient-hessian-ingenjoy.wrong.md").read_text())
    assert wrong.exit_code == 1 and wrong.first_wrong()[1].line == 19, wrong.text()


def test_ridge_regression_gradient():
    right = check_text(RIDGE.replace("FACTOR", r"\lambda"))
    assert [s.status for s in right.steps] == ["definition", "confirmed", "confirmed"], right.text()
    wrong = check_text(RIDGE.replace("FACTOR", "2\\lambda"))
    assert wrong.first_wrong()[1].line == 5 and "I = [1, 0; 0, 1]" in wrong.text()


def test_an_image_convolved_is_not_the_identity():
    report = check_text(r"$$Y = I \otimes K$$" "\n\n" r"$$Y = K \otimes I$$")
    assert "identity" not in report.text()


def test_a_defined_i_keeps_its_definition():
    text = (r"Let $\mathbf{x} \in \mathbb{R}^2$." "\n\n" r"$$I = 2$$" "\n\n"
            r"$$I\mathbf{x} = \mathbf{x} + \mathbf{x}$$")
    assert "identity" not in check_text(text).text()
