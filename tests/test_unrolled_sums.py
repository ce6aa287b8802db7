"""Sums whose bounds are also subscripts: x_n beside Σ_{i=1}^{n}, and the unrolled residual x_L = x_l + Σ F.

Sources: heldout/h18 (GitHub notes "ResNet残差网络", section 1.5, and its copy with the identity path
dropped), heldout5/p21 (Chinese notes on Qwen2-VL operators, "4.3 梯度高速公路") and real/35 (a Jekyll
post on He et al. 2016, eq. 4): each writes He et al.'s x_L = x_l + Σ_{i=l}^{L-1} F(x_i, W_i) and the
gradient ∂Loss/∂x_l = ∂Loss/∂x_L (1 + ∂/∂x_l Σ F).  Found on the way, and fixed: two true telescoping
identities refuted at n = 1 (x_n was not the last term at n = 1, x_{1+1} was not x_2), and a false
"confirmed" where \\mathcal{L} (the loss) and L (the layer count) are one letter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checker.check import check_text

DATA = Path(__file__).resolve().parent / "data"


def _statuses(text: str) -> list[str]:
    return [s.status for s in check_text(text).steps]


def test_the_last_term_of_a_sum_is_named_by_its_bound():
    """Σ_{i=1}^{n} x_i = x_n + Σ_{i=1}^{n-1} x_i holds at every n (it was refuted at n = 1: x_n stayed x_n)."""
    right = check_text(r"$$\sum_{i=1}^{n} x_i = x_n + \sum_{i=1}^{n-1} x_i$$").steps[0]
    assert right.status == "confirmed", right.describe()
    wrong = check_text(r"$$\sum_{i=1}^{n} x_i = 2 x_n + \sum_{i=1}^{n-1} x_i$$").steps[0]
    assert wrong.status == "refuted", wrong.describe()


def test_a_shifted_subscript_is_added_up():
    """Σ_{i=1}^{n} (x_{i+1} − x_i) = x_{n+1} − x_1 (x_{1+1} is x_2; it was refuted at n = 1)."""
    assert _statuses(r"$$\sum_{i=1}^{n} (x_{i+1} - x_i) = x_{n+1} - x_1$$") == ["confirmed"]
    assert _statuses(r"$$\sum_{i=1}^{n} (x_{i+1} - x_i) = x_{n+1} - x_2$$") == ["refuted"]


def test_the_unrolled_residual_gradient_is_confirmed():
    """h18: the gradient through the unrolled residual holds for L, l = 1…4 with l < L, Loss unknown."""
    report = check_text((DATA / "heldout" / "h18_residual-unrolled-sum-chinese-github.md").read_text())
    step = report.steps[-1]
    assert report.exit_code == 0 and step.status == "confirmed", step.describe()
    assert "Loss an unknown function of x_L" in step.reason and "leaving out" in step.reason


def test_the_dropped_identity_path_is_refuted():
    """h18's copy without the 1 of (1 + ∂/∂x_l Σ F) is refuted at L = 2, l = 1, with the functions that show it."""
    report = check_text((DATA / "heldout" / "h18_residual-unrolled-sum-chinese-github.wrong.md").read_text())
    step = report.steps[-1]
    assert step.status == "refuted" and step.line == 16, step.describe()
    assert "L = 2, l = 1" in step.reason and "Loss(t) =" in step.reason


def test_a_loss_and_a_layer_count_of_one_letter_are_kept_apart():
    r"""\mathcal{L} (the loss) is read as L, the sums' last layer: an instance made ∂L/∂x_l = ∂2/∂x_1 = 0,
    so a wrong factor 2 was "confirmed" (exit 0).  A count is never differentiated: ∂L/∂… is the derivative
    of a quantity ℒ apart from the count L, and the verdict says so (p21 is read whole)."""
    head = r"Let $x_L = x_l + \sum_{i=l}^{L-1} F(x_i)$ for layers $l < L$." "\n\n"
    step = r"$$\frac{\partial \mathcal{L}}{\partial x_l} = FACTOR\frac{\partial \mathcal{L}}{\partial x_L} \frac{\partial x_L}{\partial x_l}$$"
    right = check_text(head + step.replace("FACTOR", "")).steps[-1]
    assert right.status == "confirmed", right.describe()
    assert "with ℒ an unknown function of x_L" in right.reason and "quantity ℒ (\\mathcal{L}, say)" in right.reason
    wrong = check_text(head + step.replace("FACTOR", "2")).steps[-1]
    assert wrong.status not in ("confirmed", "proved"), wrong.describe()
    p21 = check_text((DATA / "heldout5" / "p21_residual-gradient-highway-zh.md").read_text())
    assert p21.exit_code == 0 and [s.status for s in p21.steps] == ["definition", "confirmed", "confirmed"]


def test_a_differentiated_count_is_not_checked():
    """A count a step differentiates by (∂/∂n of Σ_{i=1}^{n}) has no reading: not checked (the instance was
    refused with SymPy's "Can't calculate derivative wrt 1.")."""
    step = check_text(r"$$\frac{\partial}{\partial n} \sum_{i=1}^{n} w_i x = w_n x$$").steps[-1]
    assert step.status == "not checked", step.describe()
    assert "n is both how far a sum goes and a quantity the step differentiates" in step.reason


def test_a_sum_run_backwards_is_no_instance():
    """x_L = x_l + Σ_{i=l}^{L-1} F(x_i): ∂x_L/∂x_l is checked where l < L only (l = L makes x_l = x_l + 0)."""
    text = (r"$$x_L = x_l + \sum_{i=l}^{L-1} F(x_i)$$" "\n\n"
            r"$$\frac{\partial x_L}{\partial x_l} = 1 + \frac{\partial}{\partial x_l} \sum_{i=l}^{L-1} F(x_i)$$")
    step = check_text(text).steps[-1]
    assert step.status == "confirmed" and "leaving out the sizes where a sum would run backwards" in step.reason


TELESCOPING = [  # (true, false): each pair refuted on main before this change was a true step refuted
    (r"\sum_{i=0}^{n-1} x_{i+1} = \sum_{i=1}^{n} x_i", r"\sum_{i=0}^{n-1} x_{i+1} = \sum_{i=0}^{n} x_i"),
    (r"\sum_{i=2}^{n} x_{i-1} = \sum_{i=1}^{n-1} x_i", r"\sum_{i=2}^{n} x_{i-1} = \sum_{i=2}^{n} x_i"),
    (r"\sum_{i=1}^{n} (a_{i} - a_{i-1}) = a_n - a_0", r"\sum_{i=1}^{n} (a_{i} - a_{i-1}) = a_n - a_1"),
    (r"\sum_{i=1}^{n}\sum_{j=1}^{i} x_j = \sum_{j=1}^{n} (n-j+1) x_j",
     r"\sum_{i=1}^{n}\sum_{j=1}^{i} x_j = \sum_{j=1}^{n} (n-j) x_j"),
    (r"\prod_{i=1}^{n} x_i = x_n \prod_{i=1}^{n-1} x_i", r"\prod_{i=1}^{n} x_i = x_1 \prod_{i=1}^{n-1} x_i"),
    (r"\sum_{k=1}^{K} w_{k} x_{k} = w_K x_K + \sum_{k=1}^{K-1} w_k x_k",
     r"\sum_{k=1}^{K} w_{k} x_{k} = w_K x_1 + \sum_{k=1}^{K-1} w_k x_k"),
    (r"\sum_{i=1}^{n} x_{n-i+1} = \sum_{i=1}^{n} x_i", r"\sum_{i=1}^{n} x_{n-i} = \sum_{i=1}^{n} x_i"),
]


@pytest.mark.parametrize("right, wrong", TELESCOPING)
def test_index_arithmetic_in_sums(right, wrong):
    """Shifted, reversed and nested sums: the true form confirmed, the slip refuted (an inner sum's bound
    that is the outer index, Σ_{i=1}^{n} Σ_{j=1}^{i}, is no size: it was refuted at "i = 1, n = 2")."""
    assert _statuses(f"$${right}$$") == ["confirmed"], right
    seen = r"$$s = \sum_{i=0}^{n} (x_i + a_i + w_i)$$" "\n\n"  # x_i new on the right alone: it may name x_i
    assert _statuses(f"{seen}$${wrong}$$") == ["definition", "refuted"], wrong
