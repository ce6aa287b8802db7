"""The verifier: four honest verdicts, two oracles, time limits that hold."""

from __future__ import annotations

import time

import pytest
from sympy import (
    Derivative,
    Integer,
    Lambda,
    Pow,
    Symbol,
    exp,
    log,
    simplify,
    sqrt,
    tanh,
)

from derivations import UNIT_INTERVAL, Limits, check_equal, interval
from derivations.core.definitions import Definition
from derivations.core.domains import REAL
from derivations.core.functions import logit, sigma
from derivations.verify.worker import Worker

z = Symbol("z", real=True)
a = Symbol("a", real=True)
p = Symbol("p")
x, y = Symbol("x"), Symbol("y")


def s(t):
    return 1 / (1 + exp(-t))


@pytest.mark.parametrize("lhs, rhs", [
    (Derivative(sigma(z), z), sigma(z) * (1 - sigma(z))),
    (sigma(-z), 1 - sigma(z)),
    (logit(sigma(z)), z),
    (tanh(a) + 1, 2 * sigma(2 * a)),
    ((exp(3 * z) - 1) / (exp(z) - 1), exp(2 * z) + exp(z) + 1),
])
def test_true_identities_are_proved_and_confirmed(lhs, rhs):
    """A true identity is proved by some strategy and also confirmed numerically."""
    v = check_equal(lhs, rhs)
    assert v.status == "proved", v.describe()
    assert v.symbolic.strategy is not None
    assert v.numeric.status == "confirmed" and v.numeric.points == 20


def test_domain_is_used_by_both_oracles():
    """σ(logit(p)) = p holds on (0, 1): proved, with every sample point inside (0, 1)."""
    v = check_equal(sigma(logit(p)), p, {p: UNIT_INTERVAL})
    assert v.status == "proved", v.describe()


WRONG = {
    "sign error": (Derivative(sigma(z), z), sigma(z) * (1 + sigma(z))),
    "dropped factor": (Derivative(sigma(z), z), 1 - sigma(z)),
    "wrong exponent": (Derivative(s(z), z), exp(-z) / (1 + exp(-z)) ** 3),
    "symmetry sign": (sigma(-z), sigma(z) - 1),
    "logit of sigma sign": (logit(sigma(z)), -z),
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_false_steps_are_refuted_with_a_counterexample(name):
    """A sign error, a dropped factor, a wrong exponent... are refuted with a point and both values."""
    lhs, rhs = WRONG[name]
    v = check_equal(lhs, rhs)
    assert v.status == "refuted", v.describe()
    ce = v.numeric.counterexample
    assert ce is not None and ce.point and ce.lhs != ce.rhs
    assert "left" in v.describe() and "seed" in v.describe()


def test_sigma_defined_with_wrong_sign_refutes_the_derivative_rule():
    """With σ(z) := 1/(1+e^z) (the seed sheet's definition) σ' = σ(1−σ) is refuted."""
    t = Symbol("t", real=True)
    wrong_sigma = Definition(sigma, Lambda(t, 1 / (1 + exp(t))), "def:sigma", "a wrong sigmoid")
    v = check_equal(Derivative(sigma(z), z), sigma(z) * (1 - sigma(z)), definitions=[wrong_sigma])
    assert v.status == "refuted"
    assert check_equal(Derivative(sigma(z), z), -sigma(z) * (1 - sigma(z)),
                       definitions=[wrong_sigma]).status == "proved"


def test_true_step_that_naive_simplify_cannot_prove_is_still_proved():
    """simplify(tanh(a) + 1 - 2σ(2a)) is not 0, but the ladder proves the identity."""
    assert simplify(tanh(a) + 1 - 2 * s(2 * a)) != 0
    v = check_equal(tanh(a) + 1, 2 * s(2 * a))
    assert v.status == "proved" and v.symbolic.strategy != "simplify"


def test_numeric_only_identity_is_confirmed_not_proved():
    """When no strategy reaches 0, agreement at every point gives `confirmed`, never `proved`."""
    u = Symbol("u", positive=True)
    # sqrt((e^u + e^-u)^2 - 4) = e^u - e^-u for u > 0: no strategy of the ladder reaches 0.
    lhs = sqrt((exp(u) + exp(-u)) ** 2 - 4)
    rhs = exp(u) - exp(-u)
    v = check_equal(lhs, rhs, {u: interval(0, None)}, limits=Limits(strategy_scale=0.5))
    assert v.status in ("proved", "confirmed"), v.describe()
    if v.status == "confirmed":
        assert not v.symbolic.proved and v.numeric.points == 20


def test_branch_mistake_is_refuted():
    """ln(z²) = 2 ln z is false for negative z: values are compared as complex numbers."""
    v = check_equal(log(z ** 2), 2 * log(z))
    assert v.status == "refuted"
    assert v.numeric.counterexample.point[0][1].startswith("-")


def test_tiny_real_difference_is_not_mistaken_for_rounding():
    """x + 10^-25 = x is refuted: the difference does not shrink with precision."""
    v = check_equal(x + Integer(10) ** -25, x)
    assert v.status == "refuted"


def test_hanging_step_is_inconclusive_within_its_time_limit():
    """9^(9^(9^9)) makes SymPy compute for ever: the worker is killed and the verdict says why."""
    tower = Pow(9, Pow(9, Pow(9, 9, evaluate=False), evaluate=False), evaluate=False)
    worker = Worker()
    start = time.monotonic()
    v = check_equal(tower, Integer(2), limits=Limits(prepare=1.0), worker=worker)
    elapsed = time.monotonic() - start
    worker.close()
    assert v.status == "inconclusive"
    assert "timeout" in v.reason
    assert elapsed < 30  # a bound on the wall time of the limit itself, not a performance claim


def test_slow_strategies_time_out_and_the_ladder_goes_on():
    """A strategy that times out is recorded as such; the verdict still comes from the other oracle."""
    big = (x + y + 1) ** 40
    v = check_equal(big.expand() + 1, big + 1, limits=Limits(strategy_scale=0.01, numeric=20))
    assert v.status in ("proved", "confirmed")
    assert any(how == "timeout" for _, how in v.symbolic.attempts) or v.symbolic.proved


def test_verdicts_are_reproducible_from_the_seed():
    """The same question gets the same sample (the seed is derived from the equality) and the same answer."""
    v1 = check_equal(sigma(z), 1 - sigma(-z), limits=Limits(points=7))
    v2 = check_equal(sigma(z), 1 - sigma(-z), limits=Limits(points=7), seed=v1.numeric.seed)
    assert v1.numeric.seed == v2.numeric.seed and v1.numeric.max_error == v2.numeric.max_error


def test_undefined_everywhere_is_inconclusive():
    """A step whose sides are undefined at every sample point is inconclusive, not confirmed."""
    v = check_equal(1 / (z - z), 1 / (z - z), limits=Limits(strategy_scale=0.2))
    assert v.status == "inconclusive"  # SymPy evaluates both sides to zoo: zoo = zoo is no proof
    assert "zoo" in v.reason


def test_text_is_never_parsed():
    """check_equal takes SymPy expressions or numbers; a string is refused, not sympified."""
    from derivations import InvalidInputError
    with pytest.raises(InvalidInputError, match="text is never parsed"):
        check_equal("__import__('os')", 1)
    assert check_equal(z - z, 0).status == "proved"


def test_worker_survives_a_kill_and_answers_again():
    """After a timeout kills the worker, the next call gets a fresh one."""
    w = Worker()
    assert w.call(time.sleep, (5,), timeout=0.3).kind == "timeout"
    assert w.call(pow, (3, 3), timeout=10).value == 27
    assert w.restarts == 1
    w.close()


def test_check_equal_to_dict_is_json_ready():
    """Verdicts convert to plain JSON data (counterexample included)."""
    import json
    d = check_equal(sigma(-z), sigma(z) - 1).to_dict()
    json.dumps(d)
    assert d["status"] == "refuted" and d["numeric"]["counterexample"]["point"]


def test_numeric_oracle_keeps_big_integers_exact():
    """Integer constants beyond 2^53 are exact in the numeric oracle (no false counterexample)."""
    from derivations.core.domains import REAL
    from derivations.verify.numeric import numeric_check
    big = Integer(3) ** 60
    assert numeric_check(x * (big + 1), big * x + x, {x: REAL}, seed=1).status == "confirmed"
    assert numeric_check(x * (big + 3 ** 35), big * x, {x: REAL}, seed=1).status == "refuted"


def test_shared_subexpressions_are_evaluated_per_point():
    """Common subexpressions are computed once per point, never reused across points or precisions."""
    from derivations.core.domains import REAL
    from derivations.verify.numeric import numeric_check
    s = 1 / (1 + exp(-z))
    assert numeric_check(Derivative(s, z), s * (1 - s), {z: REAL}, seed=3, points=50).status == "confirmed"
    assert numeric_check(Derivative(s, z), s * (1 - s) + s * 10 ** -26, {z: REAL}, seed=3).status == "refuted"


# --- inequalities --------------------------------------------------------------------------------

def test_inequality_proved_by_a_square():
    """x² + 1 ≥ 2x is proved: the difference factors into the square (x − 1)²."""
    from derivations.verify.relation import check_relation

    x = Symbol("x", real=True)
    v = check_relation(x ** 2 + 1, 2 * x, ">=")
    assert v.status == "proved" and v.symbolic.strategy == "sign-factor"


def test_false_inequality_gets_a_counterexample_with_both_values():
    """x² ≥ x is refuted at a point in (0, 1) with both values reported."""
    from derivations.verify.relation import check_relation

    x = Symbol("x", real=True)
    v = check_relation(x ** 2, x, ">=")
    ce = v.numeric.counterexample
    assert v.status == "refuted" and float(ce.lhs) < float(ce.rhs)


def test_inequality_only_sampling_supports_is_confirmed_not_proved():
    """e^x ≥ 1 + x holds but no sign strategy shows it: confirmed, never proved."""
    from derivations.verify.relation import check_relation

    x = Symbol("x", real=True)
    v = check_relation(exp(x), 1 + x, ">=")
    assert v.status == "confirmed" and not v.symbolic.proved


def test_strict_inequality_with_equal_sides_is_refuted():
    """e^x > 1 + x is false at x = 0, where both sides are 1: refuted there."""
    from derivations.verify.relation import check_relation

    x = Symbol("x", real=True)
    v = check_relation(exp(x), 1 + x, ">")
    assert v.status == "refuted" and v.numeric.counterexample.point == (("x", "0"),)


def test_relation_on_complex_values_is_not_confirmed():
    """sqrt(x) ≤ 1 over the reals compares complex numbers for x < 0: never confirmed as an inequality."""
    from derivations.verify.relation import check_relation

    x = Symbol("x", real=True)
    v = check_relation(sqrt(x - 100), 1, "<=")
    assert v.status != "confirmed" and v.status != "proved"


def test_step_functions_get_ten_times_the_sample_points():
    """An equality with a Heaviside step is sampled at 10x the points (its errors hide in sign regions)."""
    from sympy import Heaviside

    from derivations.verify.recipe import sample_size

    x = Symbol("x", real=True)
    assert sample_size(x, x + 1, points=20) == 20
    assert check_equal(Heaviside(x) * x, Heaviside(x) * x + 0 * x).numeric.points == 200


def test_a_tiny_positive_value_is_positive():
    """Regression (found merging certified sampling with inequality steps): σ'(z) > 0 was refuted at
    z = 1000, where σ'(z) ≈ 5e-435; closeness is now relative to the sides, not to 1."""
    from sympy import Integer

    from derivations.verify.relation import check_relation, numeric_relation

    z = Symbol("z", real=True)
    positive = exp(-z) / (1 + exp(-z)) ** 2
    assert numeric_relation(positive, Integer(0), ">", {z: REAL}, seed=4184472079).status == "confirmed"
    assert check_relation(positive, Integer(0), ">", {z: REAL}).status in ("proved", "confirmed")


def test_a_tiny_violation_is_still_a_certified_counterexample():
    """−x² − 10⁻⁴⁰ ≥ 0 fails by 10⁻⁴⁰ at x = 0: a stable margin at two precisions, so it is refuted."""
    from sympy import Integer

    from derivations.verify.relation import numeric_relation

    x = Symbol("x", real=True)
    found = numeric_relation(-x**2 - Integer(1) / 10**40, Integer(0), ">=", {x: REAL}, seed=0)
    assert found.status == "refuted" and found.counterexample.point == (("x", "0"),)


def test_no_sign_strategy_proves_a_sign_it_cannot_show():
    """Regression (found merging the sign ladder with the reducing equality ladder): a strategy that
    cannot show d >= 0 must say so; before the fix 'False == 0' read as a proof."""
    from derivations.verify.relation import SIGN_LADDER

    x = Symbol("x", real=True)
    for strategy in SIGN_LADDER:
        assert strategy.prove(x, False) is False and strategy.prove(x - 1, True) is False
    assert SIGN_LADDER[0].prove(x**2 + 1, True) is True


def test_a_difference_quotient_absorbed_by_a_large_term_is_no_refutation():
    """heldout5 p13 (Chinese notes on the softmax backward pass, ∂Σ_p e^{x_kp}/∂x_ij): at a point
    where another term is e^173, x_ij ± h changes the sum below its last digit at every precision
    tried, so the difference quotient is exactly 0 twice; that 0 is no certified value (the numeric
    oracle refuted d/db (e^a + e^b) = e^b at a = 173.76, and the step came out inconclusive)."""
    from sympy import Derivative, exp, symbols

    from derivations.verify.numeric import numeric_check

    a, b = symbols("a b", real=True)
    result = numeric_check(Derivative(exp(a) + exp(b), b), exp(b), {}, seed=2964887427)
    assert result.status.value == "confirmed", result.describe()
