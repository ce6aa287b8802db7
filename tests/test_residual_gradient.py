"""residual-gradient: ∂y/∂x = ReLU'(F(x)+x)(∂F/∂x + I) exact for n = 1, 2 and numeric for n = 64; sheet 001 Q1's rule refuted.

Source of the refuted variant: the answer sheet tests/data/seeds/001_*.txt, Q1.
"""

from __future__ import annotations

import pytest

import derivations
from derivations.numerics.residual import depth_gradient, jacobian_check


@pytest.fixture(scope="module")
def theorem():
    return derivations.get("residual-gradient")


def test_scalar_and_jacobian_forms_are_checked(theorem):
    """The scalar form is proved on n = 1; the Jacobian form proved on n = 1, 2 and confirmed on n = 64."""
    report = theorem.verify()
    assert report.ok
    assert report.step("scalar-identity").status == "proved"
    groups = report.step("identity").by_instance()
    assert [v.status for v in groups["residual-gradient-n-2"]] == ["proved"] * 4
    assert groups["residual-gradient-n-64"][0].status == "confirmed"


def test_sheet_rule_without_identity_is_refuted_exactly_on_the_diagonal(theorem):
    """Dropping I (sheet 001 Q1) is refuted on the diagonal entries only; the chain-rule lines still hold."""
    report = theorem.instantiate(n=2, variant="no-identity").verify()
    refuted = {s.label.split(":")[1] for s in report.steps if s.status == "refuted"}
    assert refuted == {"identity-11", "identity-22"}
    ce = report.step("identity-11").verdicts[0].numeric.counterexample
    assert ce is not None and ce.lhs != ce.rhs


def test_numeric_check_skips_kinks_and_refutes_the_variant():
    """Finite differences agree to 1e-9 away from the kink; without I the error is of order one."""
    good = jacobian_check(64, seed=4)
    assert good.passed and good.max_rel_error < 1e-8 and good.rows > 400
    assert jacobian_check(64, seed=4, variant="no-identity").max_rel_error > 0.1


def test_identity_keeps_gradients_alive():
    """Through 20 small-weight blocks the residual gradient stays near 1 while the plain one vanishes."""
    res = depth_gradient(16, 20, seed=1, residual=True)
    plain = depth_gradient(16, 20, seed=1, residual=False)
    assert res[-1][1] > 0.5 and plain[-1][1] < 1e-10


def test_seed_sheet_drops_the_identity_term():
    """The transcribed sheet 001 Q1 writes ∂y/∂x with ∂z₂/∂z₁ ∂z₁/∂x and no identity term."""
    from pathlib import Path

    text = next(Path(__file__).parent.joinpath("data", "seeds").glob("001_*")).read_text(encoding="utf-8")
    assert r"= \text{RELU}'(z_3) \times 1 \times \frac{\partial z_2}{\partial z_1} \frac{\partial z_1}{\partial x}" in text


def test_a_wrong_argument_inside_relu_prime_is_refuted():
    """Regression (mutation self-test survivor): a ReLU' argument off by one factor is refuted, not confirmed.

    The two masks differ only where the arguments have different signs; with step functions the numeric
    oracle samples ten times as many points (recipe.sample_size), which finds such a point.
    """
    from derivations.verify.recipe import check_equal
    from derivations.theorems.residual_gradient import relu_prime

    d = derivations.get("residual-gradient").instantiate(n=2)
    (lhs, rhs), = d.step("identity-12").checks
    w12 = next(s for s in rhs.free_symbols if s.name == "w_{12}^{(1)}")
    wrong = rhs.replace(lambda e: isinstance(e, relu_prime), lambda e: relu_prime(e.args[0].xreplace({w12: 1})))
    assert wrong != rhs
    assert check_equal(lhs, wrong, d.domains, d.definitions).status == "refuted"
