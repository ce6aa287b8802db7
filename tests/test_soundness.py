"""Honest verdicts under hard numbers: right steps are never refuted, wrong ones never proved or confirmed.

Every case of issue 9 ("Honest verdicts under hard numbers") is a regression test here: cancellation
at 30 digits, differences below 30 digits, samples that missed 0 and large magnitudes, decimals
compared by rounding, derivatives at kinks, and values that overflow a float.  The hypothesis
properties generate true identities at large and small scales and near-identities perturbed by
10^-k.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import (Abs, Derivative, Float, Heaviside, I, Integer, Max, Min, Rational, Subs, Symbol, cos,
                   cosh, exp, floor, gamma, log, pi, sign, sin, sinh, sqrt, tanh)

from derivations.checker.check import check_text
from derivations.core.domains import REAL, interval
from derivations.core.functions import sigma
from derivations.verify.numeric import MAX_DIGITS, numeric_check
from derivations.verify.recipe import check_equal

x = Symbol("x", real=True)
z = Symbol("z", real=True)

TRUE = [  # (name, lhs, rhs, domains): right steps, which must never be refuted
    ("cosh^2 - sinh^2 at 100x", cosh(100 * x)**2 - sinh(100 * x)**2, Integer(1), None),
    ("(e^50x+1)(e^50x-1) - e^100x", (exp(50 * x) + 1) * (exp(50 * x) - 1) - exp(100 * x), Integer(-1), None),
    ("(1 - cos x)/x^2 near 0", (1 - cos(x)) / x**2, 2 * sin(x / 2)**2 / x**2, {x: interval(0, Rational(1, 10**30))}),
    ("floor inside (10^30, 10^30 + 1)", floor(x), Integer(10)**30, {x: interval(10**30, 10**30 + 1)}),
    ("σ'(kz) at k = 14", Derivative(sigma(14 * z), z), 14 * sigma(14 * z) * (1 - sigma(14 * z)), None),
    ("k e^-kz/(1+e^-kz)^2 = kσ(1-σ) at k = 60", 60 * exp(-60 * z) / (1 + exp(-60 * z))**2,
     60 * sigma(60 * z) * (1 - sigma(60 * z)), None),
    ("0.3 is 3/10", Float(0.3) * x, Rational(3, 10) * x, None),
    ("d/dz log σ(z) = σ(-z) (σ rounds to 1 at z = 1000)", Derivative(log(sigma(z)), z), sigma(-z), None),
    ("(e^a - e^-a)/(e^a + e^-a) + 1 = 2e^a/(e^a + e^-a)", (exp(x) - exp(-x)) / (exp(x) + exp(-x)) + 1,
     2 * exp(x) / (exp(x) + exp(-x)), None),
    ("σ(a) = (tanh(a/2) + 1)/2", sigma(x), (tanh(x / 2) + 1) / 2, None),
    ("10^5000 = 10^5000", Integer(10)**5000, Integer(10)**5000, None),
]

FALSE = [  # wrong steps, which must never be proved or confirmed
    ("(1+e^60)^2 - e^120 - 2e^60 = 2", (1 + exp(60))**2 - exp(120) - 2 * exp(60), Integer(2), None),
    ("(x+e^100)^2 - e^200 - 2xe^100 = x^2 + 10^10", (x + exp(100))**2 - exp(200) - 2 * x * exp(100),
     x**2 + 10**10, None),
    ("x + 10^-40 = x", x + Rational(1, 10**40), x, None),
    ("x(1 + 10^-30) = x", x * (1 + Rational(1, 10**30)), x, None),
    ("exp(π√163) = 262537412640768744", exp(pi * sqrt(163)), Integer(262537412640768744), None),
    ("sin(x + 10^40) = sin(x + 10^40 + 10^-16)", sin(x + 10**40), sin(x + 10**40 + Rational(1, 10**16)), None),
    ("|x - 20| = 20 - x", Abs(x - 20), 20 - x, None),
    ("min(x, 13) = x", Min(x, 13), x, None),
    ("Heaviside(x - 100) = 0", Heaviside(x - 100), Integer(0), None),
    ("tanh(1000x) = sign(x)", tanh(1000 * x), sign(x), None),
    ("1.0·e^x = (1 + 10^-17)·e^x", Float(1.0) * exp(x), (1 + Rational(1, 10**17)) * exp(x), None),
    ("0.3ix = (3/10 + 10^-18)ix", Float(0.3) * I * x, (Rational(3, 10) + Rational(1, 10**18)) * I * x, None),
    ("ReLU'(0) = 1/2", Subs(Derivative(Max(0, x), x), x, 0), Rational(1, 2), None),
    ("d|x|/dx at 0 = 0", Subs(Derivative(Abs(x), x), x, 0), Integer(0), None),
    ("Heaviside(x, 1) = Heaviside(x)", Heaviside(x, 1), Heaviside(x), None),
    ("sin(x)/x = 1 on (0, 10^-40)", sin(x) / x, Integer(1), {x: interval(0, Rational(1, 10**40))}),
    ("10^5000 = 10^5000 + 1", Integer(10)**5000, Integer(10)**5000 + 1, None),
    ("e^1000x = 1 + x", exp(1000 * x), 1 + x, None),
    ("10^400 = 1", Integer(10)**400, Integer(1), None),
    ("(x+1)^1000000 = (x+1)^999999 x", (x + 1)**1000000, (x + 1)**999999 * x, None),
]


@pytest.mark.parametrize("name,lhs,rhs,domains", TRUE, ids=[c[0] for c in TRUE])
def test_right_steps_are_never_refuted(name, lhs, rhs, domains):
    """A true identity with cancellation, tiny or huge values is proved or confirmed, never refuted."""
    v = check_equal(lhs, rhs, domains)
    assert v.status in ("proved", "confirmed"), v.describe()


@pytest.mark.parametrize("name,lhs,rhs,domains", FALSE, ids=[c[0] for c in FALSE])
def test_wrong_steps_are_never_proved_or_confirmed(name, lhs, rhs, domains):
    """A false step, however close or large, is refuted or inconclusive; its verdict is JSON-ready."""
    v = check_equal(lhs, rhs, domains)
    assert v.status in ("refuted", "inconclusive"), v.describe()
    json.dumps(v.to_dict())


def test_differences_beyond_30_digits_are_refuted_with_certificates():
    """x + 10^-40 = x and exp(π√163) = 262537412640768744 are refuted by certified differences."""
    for lhs, rhs in [(x + Rational(1, 10**40), x), (exp(pi * sqrt(163)), Integer(262537412640768744))]:
        v = check_equal(lhs, rhs)
        assert v.status == "refuted"
        assert v.numeric.counterexample.certified.startswith("stable to")


def test_derivatives_at_kinks_say_why():
    """A derivative at a kink is inconclusive with the reason (no proof from Heaviside(0) = 1/2)."""
    v = check_equal(Subs(Derivative(Max(0, x), x), x, 0), Rational(1, 2))
    assert v.status == "inconclusive" and "does not exist at x = 0" in v.reason
    assert check_equal(Subs(Derivative(Max(0, x), x), x, 1), Integer(1)).status == "proved"


def test_symbolic_refutation_without_numeric_evaluation():
    """When the numeric oracle cannot evaluate (Γ), a nonzero reduced difference refutes exactly."""
    v = check_equal(gamma(x) + Rational(1, 10**50), gamma(x))
    assert v.status == "refuted" and v.numeric.counterexample is None
    assert "a nonzero number" in v.symbolic.refutation and "refuted by evaluation" in v.describe()


def test_oracles_that_contradict_each_other_give_inconclusive():
    """A proof against a certified counterexample (or an exact difference against agreement) is
    inconclusive and names the disagreement; neither oracle wins silently."""
    from derivations.verify.recipe import _combine
    from derivations.verify.verdict import Counterexample, NumericResult, SymbolicResult
    ce = Counterexample((("x", "1"),), "1.0", "2.0", "-1.0", 60, "stable to 30 digits at 30 and 60 digits")
    refuted = NumericResult("refuted", 0, 0, 1, 30, 0.5, ce)
    v = _combine(SymbolicResult(True, "evaluation"), refuted)
    assert v.status == "inconclusive" and "the oracles disagree" in v.reason
    exact = SymbolicResult(False, "expand", refutation="left - right = 1 (a nonzero number)")
    v = _combine(exact, NumericResult("confirmed", 20, 0, 1, 30))
    assert v.status == "inconclusive" and "the oracles disagree" in v.reason
    assert _combine(exact, NumericResult("inconclusive", reason="cannot evaluate")).status == "refuted"


def test_samples_reach_zero_both_signs_and_large_magnitudes():
    """The sample reaches 0, both signs and magnitudes far beyond 12; the report states the span."""
    r = numeric_check(x, x, {x: REAL}, seed=3, points=40)
    low, high = r.span.split(" to ")
    assert low == "0" and float(high) > 100 and r.status == "confirmed"


def test_cancellation_raises_precision_and_is_reported():
    """cosh²(100x) − sinh²(100x) = 1 needs more than 30 digits: the precision reached is reported."""
    r = numeric_check(cosh(100 * x)**2 - sinh(100 * x)**2, Integer(1), {x: REAL}, seed=1)
    assert r.status == "confirmed" and 30 < r.digits_max <= MAX_DIGITS
    assert r.to_dict()["digits_max"] == r.digits_max and "-" in r.describe()



def test_sides_that_cancel_to_zero_are_reported_as_cancellation_not_as_domain():
    """A step whose sides cancel to exactly 0 says digits were lost to cancellation, not 'outside the domain'."""
    r = numeric_check(exp(x) * exp(-x) - 1 - (cosh(x)**2 - sinh(x)**2 - 1), Integer(0), {x: REAL}, seed=0)
    assert r.status == "inconclusive" and r.undetermined > 0
    assert "cancellation" in r.reason and "in the domain" not in r.reason, r.reason


SIGMOID_NOTES = "\n\n".join(
    rf"$$\frac{{d}}{{dz}}\sigma({k}z) = \frac{{{k}e^{{-{k}z}}}}{{(1+e^{{-{k}z}})^2}}"
    rf" = {k}\cdot\frac{{1}}{{1+e^{{-{k}z}}}}\cdot\frac{{e^{{-{k}z}}}}{{1+e^{{-{k}z}}}}"
    rf" = {k}\sigma({k}z)(1-\sigma({k}z))$$" for k in (2, 14, 37, 101))


def test_sigmoid_chain_notes_are_not_refuted():
    """The textbook chains d/dz σ(kz) = … = kσ(kz)(1 − σ(kz)) (k = 2, 14, 37, 101) hold in the checker."""
    report = check_text(SIGMOID_NOTES)
    assert len(report.steps) == 12
    assert all(s.status in ("proved", "confirmed") for s in report.steps), report.text()


@pytest.mark.parametrize("text", [r"$$e^{1000x} = 1 + x$$", r"$$10^{400} = 1$$",
                                  r"$$(x+1)^{1000000} = (x+1)^{999999} x$$"])
def test_overflowing_values_give_a_verdict_in_the_checker(text):
    """Values beyond float range are refuted with a report (no traceback from the hint), JSON too."""
    report = check_text(text)
    assert [s.status for s in report.steps] == ["refuted"]
    json.dumps(report.to_dict())


def test_relu_derivative_at_zero_in_the_checker():
    """`\\text{ReLU}'(0) = \\frac{1}{2}` is not proved by the checker."""
    report = check_text("$$\\text{ReLU}'(0) = \\frac{1}{2}$$")
    assert [s.status for s in report.steps] == ["inconclusive"]


# --- properties ----------------------------------------------------------------------------------

SCALES = st.sampled_from([1, 2, 5, 17, 60, 150, 400])


@settings(max_examples=12, deadline=None)
@given(k=SCALES, which=st.integers(0, 3))
def test_true_identities_at_every_scale_are_not_refuted(k, which):
    """σ(kz), polynomial identities in e^{kx} and cosh/sinh at scale k are never refuted numerically."""
    u = exp(k * x)
    lhs, rhs = [
        (Derivative(sigma(k * x), x), k * sigma(k * x) * (1 - sigma(k * x))),
        ((u + 1) * (u - 1) - u**2, Integer(-1)),
        ((u + 2)**3 - u**3 - 6 * u**2 - 12 * u, Integer(8)),
        (cosh(k * x)**2 - sinh(k * x)**2, Integer(1)),
    ][which]
    r = numeric_check(lhs, rhs, {x: REAL}, seed=k * 7 + which)
    assert r.status != "refuted", r.describe()


@settings(max_examples=10, deadline=None)
@given(k=st.integers(8, 60), which=st.integers(0, 2), small=st.booleans())
def test_near_identities_are_never_proved_or_confirmed(k, which, small):
    """A true identity perturbed by 10^-k (added, or as a factor 1 + 10^-k) is never proved or confirmed."""
    eps = Rational(1, 10**k)
    lhs, rhs = [(cosh(3 * x)**2 - sinh(3 * x)**2, Integer(1)),
                (sigma(-x), 1 - sigma(x)),
                ((x + 1)**2, x**2 + 2 * x + 1)][which]
    wrong = rhs * (1 + eps) if small else rhs + eps
    v = check_equal(lhs, wrong)
    assert v.status in ("refuted", "inconclusive"), v.describe()


def test_a_side_that_cancels_to_zero_does_not_hide_a_wrong_other_side():
    """Regression (found by the self-test after merging the PINN theorem): the exact ODE residual
    cancels to 0, so every point's digits looked eaten and wrong residuals were only inconclusive;
    a difference the same to 10 digits at two precisions is now certified."""
    from sympy import Derivative, Integer, cos, exp, sin, sqrt, symbols

    from derivations.verify.numeric import numeric_check

    x, A, B = symbols("x A B", real=True)
    y = exp(-x / 2) * (A * cos(sqrt(3) * x / 2) + B * sin(sqrt(3) * x / 2))
    residual = Derivative(y, (x, 2)) + Derivative(y, x) + y
    doms = {x: REAL, A: REAL, B: REAL}
    assert numeric_check(residual, Derivative(y, x) + y, doms, seed=1).status == "refuted"
    assert numeric_check(residual, Integer(0), doms, seed=1).status != "refuted"
