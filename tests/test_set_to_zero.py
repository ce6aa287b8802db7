"""A derivative's value set to zero (``∂J/∂w = … = 0``) is a condition for a stationary point, not an identity.

Source: heldout5/p11 (sonfl's least-squares notes, after CS229): ``\\nabla_{\\theta} J(\\Theta) = X^{T}X\\Theta -
X^{T}y = 0`` ends the derivation; its last link was refuted ("left = -72, right = 0"), which in a correct
file is a false alarm.  Closed-form least squares and maximum-likelihood derivations end this way.
"""

from __future__ import annotations

from derivations.checker.check import check_text

SETTING = (r"$$J = (y - w x)^2$$" "\n\nSetting the derivative to zero:\n\n"
           r"$$\frac{dJ}{dw} = VALUE = 0$$" "\n")


def test_the_value_set_to_zero_is_a_condition():
    """The derivative is checked, its value set to 0 is a condition (a hypothesis), and the file exits 0."""
    report = check_text(SETTING.replace("VALUE", "-2x(y - wx)"))
    derivative, zero = report.steps[-2:]
    assert derivative.status == "proved" and zero.status == "hypothesis", zero.describe()
    assert "set to 0 (the condition for a minimum or maximum" in zero.reason
    assert report.exit_code == 0


def test_a_wrong_derivative_before_the_zero_is_still_refuted():
    """The condition never hides the derivative it sets to zero: a dropped factor 2 is refuted."""
    report = check_text(SETTING.replace("VALUE", "-x(y - wx)"))
    assert [s.status for s in report.steps[-2:]] == ["refuted", "hypothesis"], report.steps[-2].describe()
    assert report.exit_code == 1


def test_a_derivative_said_to_be_zero_is_still_a_claim():
    """``∂J/∂w = 0`` with no value stated before the 0 claims the derivative vanishes: it is checked."""
    report = check_text(r"$$J = (y - w x)^2$$" "\n\n" r"$$\frac{dJ}{dw} = 0$$")
    assert report.steps[-1].status == "refuted", report.steps[-1].describe()
    constant = check_text(r"$$J = y^2 + 3$$" "\n\n" r"$$\frac{dJ}{dw} = 0$$")
    assert constant.steps[-1].status == "proved"


def test_p11_ends_with_its_normal_equation():
    """p11's last display: the gradient's matrix form set to zero is no longer refuted."""
    report = check_text(r"$$\nabla_{\theta} J(\Theta) = X^{T}X\Theta - X^{T}y = 0$$")
    assert report.steps[-1].status == "hypothesis", report.steps[-1].describe()
