r"""The residual gradient unrolled over the layers, as real notes write it.

Sources: tests/data/heldout7/r18 ("# Skip Connections", stored-index file id 5673449633) defines
``x_{l+1} = x_l + F_l(x_l)`` and writes ``∂ℒ/∂x_l = ∂ℒ/∂x_L ∏_{i=l}^{L-1} (1 + ∂F_i/∂x_i)``;
tests/data/heldout2/n23 (a residual-Jacobian note on whatandwhy) writes ``\prod_{\ell=1}^L``.  The
recurrence written one step ahead (x_{l+1} = …) matched no instance name, a recurrence whose letter the
step uses as a bound (l in ∏_{i=l}) was no template, a product from index 0 had no dependency at 0,
and ``\prod`` over ``\ell`` was refused: each step was left unchecked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checker.check import check_text

DATA = Path(__file__).resolve().parent / "data"

STEP = (r"$$\frac{\partial \mathcal{L}}{\partial x_%s} = \frac{\partial \mathcal{L}}{\partial x_L} \cdot "
        r"\prod_{i=%s}^{%s}\left(1 + \frac{\partial F_i}{\partial %s}\right)$$")


def _last(text: str):
    return check_text(text).steps[-1]


def test_the_unrolled_residual_gradient_of_real_notes_is_confirmed():
    """r18 line 30: confirmed on instances, ℒ and every F_i unknown functions (the file is read whole)."""
    report = check_text((DATA / "heldout7" / "r18_residual-gradient-flow.md").read_text(encoding="utf-8"))
    [step] = [s for s in report.steps if s.line == 30]
    assert step.status == "confirmed", step.describe()
    assert "ℒ an unknown function of x_L" in step.reason
    assert report.exit_code == 0


@pytest.mark.parametrize("definition, lhs, first, last, by", [
    (r"x_{l+1} = x_l + F_l(x_l)", "l", "l", "L-1", "x_i"),  # ahead, l a bound
    (r"x_{l+1} = x_l + F_l(x_l)", "0", "0", "L-1", "x_i"),  # ahead, from index 0
    (r"x_{l} = x_{l-1} + F_l(x_{l-1})", "0", "1", "L", "x_{i-1}"),  # another letter than the step's
])
def test_each_way_of_writing_the_recurrence_is_a_template(definition, lhs, first, last, by):
    step = _last(f"$${definition}$$\n\n" + STEP % (lhs, first, last, by))
    assert step.status == "confirmed", step.describe()


def test_a_dropped_identity_path_is_refuted_with_the_functions_that_show_it():
    """Without the 1 of the skip connection the product is wrong: a certified counterexample."""
    step = _last("$$x_{l+1} = x_l + F_l(x_l)$$\n\n" + (STEP % ("l", "l", "L-1", "x_i")).replace("1 + ", ""))
    assert step.status == "refuted", step.describe()
    assert "not defined in the document" in step.reason and "false at the instance" in step.reason


def test_a_product_over_ell_is_read_and_named_with_its_letter():
    """n23: \\prod_{\\ell=1}^L was refused ("\\prod over index ell"); now read, and the reason names ℓ."""
    report = check_text((DATA / "heldout2" / "n23_residual-jacobian-product-whatandwhy.md").read_text(
        encoding="utf-8"))
    assert not [n for n in report.notes if "over index ell" in n.message]
    text = ("$$h_\\ell = h_{\\ell-1} + F_\\ell(h_{\\ell-1})$$\n\n$$\\frac{\\partial L}{\\partial h_0} = "
            "\\frac{\\partial L}{\\partial h_L} \\prod_{\\ell=1}^L \\left(1 + \\frac{\\partial F_\\ell}"
            "{\\partial h_{\\ell-1}}\\right)$$")
    assert _last(text).status == "confirmed", _last(text).describe()
    [step] = [s for s in report.steps if s.line == 27]
    # with I read as the identity (heldout9/t17) the step is confirmed; its reason never spells ℓ as ₑₗₗ
    assert step.status == "confirmed" and "ₑₗₗ" not in step.reason and "ell−1" not in step.reason
    assert any("identity matrix" in n for n in step.notes)
