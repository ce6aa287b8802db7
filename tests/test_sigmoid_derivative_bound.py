"""sigmoid-derivative-bound: 0 < σ' ≤ 1/4 proved (equality only at 0), the depth bound on random networks."""

from __future__ import annotations

import pytest
from sympy import Rational, Symbol

import derivations
from derivations.core.functions import sigma, sigma_prime
from derivations.core.definitions import SIGMOID, SIGMOID_PRIME
from derivations.core.domains import REAL
from derivations.numerics.vanishing import bound_check, gradient_norms
from derivations.verify.relation import check_relation


@pytest.fixture(scope="module")
def theorem():
    return derivations.get("sigmoid-derivative-bound")


@pytest.fixture(scope="module")
def report(theorem):
    return theorem.verify()


def test_scalar_inequalities_are_proved(theorem, report):
    """σ' ≤ 1/4 (a square), σ' > 0 and σ'(u) < 1/4 for u > 0 are proved by the sign of their difference."""
    for name, relation in (("square", "<="), ("positive", ">"), ("strict", "<")):
        assert theorem.step(name).relation == relation
        step = report.step(name)
        assert step.status == "proved", step.describe()
        assert step.verdicts[0].symbolic.strategy.startswith("sign")


def test_equality_case_and_evenness_are_proved(report):
    """σ'(0) = 1/4 and σ'(−z) = σ'(z) are proved, so the bound is attained only at 0."""
    for name in ("attained", "even"):
        assert report.step(name).status == "proved"


def test_depth_bound_is_confirmed_on_the_default_networks(report):
    """The Jacobian product and both norm inequalities are confirmed on depth 3 and depth 10 networks."""
    assert report.ok
    for name in ("jacobian", "submultiplicative", "quarter"):
        step = report.step(name)
        assert step.status == "confirmed" and len(step.by_instance()) == 2


def test_the_bound_is_tight_and_a_smaller_factor_is_refuted(theorem):
    """On the tight network ‖J‖ equals the bound; the variant with factor 1/8 is refuted there."""
    assert abs(bound_check((6, 6, 6), seed=3).tight_ratio - 1) < 1e-12
    wrong = theorem.instantiate(widths=(4, 4, 4), variant="eighth").verify()
    assert wrong.step("quarter").status == "refuted"
    assert "tight network" in wrong.step("quarter").describe()


def test_strict_bound_is_refuted_at_zero():
    """σ'(z) < 1/4 for every real z is false: the counterexample is z = 0 with both values 0.25."""
    z = Symbol("z", real=True)
    v = check_relation(sigma_prime(z), Rational(1, 4), "<", {z: REAL}, [SIGMOID, SIGMOID_PRIME])
    assert v.status == "refuted"
    assert v.numeric.counterexample.point == (("z", "0"),)
    assert v.numeric.counterexample.lhs == v.numeric.counterexample.rhs == "0.25"


def test_a_wrong_constant_bound_is_refuted():
    """σ(z)(1 − σ(z)) ≤ 1/5 is refuted with a point where the left side exceeds 1/5."""
    z = Symbol("z", real=True)
    v = check_relation(sigma(z) * (1 - sigma(z)), Rational(1, 5), "<=", {z: REAL})
    assert v.status == "refuted" and float(v.numeric.counterexample.lhs) > 0.2


def test_gradients_vanish_with_depth():
    """The mean Jacobian norm of a random width-16 network falls by orders of magnitude over 10 layers."""
    rows = gradient_norms(16, 10, seed=0)
    assert rows[-1][1] < 1e-3 * rows[0][1]
    assert all(norm <= bound for _, norm, bound in rows)


def test_symbolic_method_is_refused_with_a_reason(theorem):
    """The depth bound has no exact instance: method='symbolic' is refused, naming the proved scalar bound."""
    with pytest.raises(derivations.errors.InvalidInputError, match="numerically only"):
        theorem.instantiate(widths=(2, 2), method="symbolic")


def test_figures(theorem):
    """σ' under its bound 1/4 and the gradient norm against depth."""
    assert [f.id for f in theorem.figures] == ["sigmoid-derivative-bound", "vanishing-gradient"]
