"""Deferred refutation in the ladder: a cheap strategy's difference is asked for its sign only if nothing proves the step.

The recipe's stages run in a real worker process; the two recipes below script what the oracles
find, so that the rare paths (a refutation found late, a worker lost with refutations pending)
are exercised deterministically.
"""

from __future__ import annotations

import time

from sympy import Symbol, exp

from derivations.core.definitions import STANDARD
from derivations.verify.recipe import LADDER, Limits, _check, _recipe
from derivations.verify.verdict import NumericResult, Status
from derivations.verify.worker import Progress, Worker

x = Symbol("x", real=True)
EVIDENCE = "left - right = 1 (a nonzero number)"
CONFIRMED = NumericResult(Status.CONFIRMED, 20)


def _late_refutation(lhs, rhs, definitions, domains, substitutions, seed, limits, numeric_done, first):
    """Numeric agreement, two cheap strategies deferred, then the deferred question finds a refutation."""
    yield Progress(("prepared", None), 5.0)
    yield Progress(("numeric", CONFIRMED), 5.0)
    yield Progress(("strategy", (0, "deferred")), 5.0)
    yield Progress(("strategy", (1, "deferred")), 5.0)
    yield Progress(("deferred", ((0, EVIDENCE), (1, ""))), 5.0)


def _lost_worker(lhs, rhs, definitions, domains, substitutions, seed, limits, numeric_done, first):
    """First run: a strategy deferred, then the next one hangs; the rerun (undeferred) refutes at once."""
    yield Progress(("prepared", None), 5.0)
    if not numeric_done:
        yield Progress(("numeric", CONFIRMED), 5.0)
        yield Progress(("strategy", (0, "deferred")), 0.5)
        time.sleep(30)
    yield Progress(("strategy", (first, f"refuted: {EVIDENCE}")), 5.0)


def _run(recipe):
    worker = Worker()
    try:
        return _check(x, x, tuple(STANDARD), (), (), 1, Limits(), worker, recipe=recipe)
    finally:
        worker.close()


def test_a_deferred_refutation_still_makes_the_oracles_disagree():
    """A symbolic refutation found at the end, against numeric agreement, is inconclusive (never confirmed)."""
    v = _run(_late_refutation)
    assert v.status == "inconclusive" and "the oracles disagree" in v.reason
    assert v.symbolic.attempts == ((LADDER[0].name, f"refuted: {EVIDENCE}"), (LADDER[1].name, "no"))


def test_refutations_lost_with_a_worker_are_asked_again():
    """A timeout while refutations are pending reruns the ladder from the first deferred strategy, undeferred."""
    v = _run(_lost_worker)
    assert v.status == "inconclusive" and "the oracles disagree" in v.reason
    assert v.symbolic.attempts == ((LADDER[0].name, f"refuted: {EVIDENCE}"),)


def test_a_true_step_proved_by_a_later_strategy_skips_the_sign_questions():
    """σ-like steps proved by exp-substitution: the cheaper strategies' differences are deferred, never asked."""
    lhs, rhs = 1 / (1 + exp(-x)), exp(x) / (1 + exp(x))
    stages = [p.value for p in _recipe(lhs, rhs, tuple(STANDARD), (), (), 1, Limits(), False, 0)]
    hows = [value for kind, value in stages if kind == "strategy"]
    assert hows[-1] == (2, "proved") and all(how == "deferred" for _, how in hows[:-1])
    assert not any(kind == "deferred" for kind, _ in stages)
