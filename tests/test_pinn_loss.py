"""pinn-loss: characteristic equation, exact solution, A and B from the boundary values, both losses 0; a trial misses.

Source of the losses: the answer sheet tests/data/seeds/000_*.txt, Q5 vi.
"""

from __future__ import annotations

import numpy as np
import pytest
from sympy import Symbol, exp

import derivations
from derivations.numerics.pinn import exact_solution, losses
from derivations.theorems.pinn_loss import y_sol
from derivations.verify.relation import check_relation


@pytest.fixture(scope="module")
def report():
    return derivations.get("pinn-loss").verify()


def test_every_step_is_proved_or_confirmed(report):
    """All symbolic steps are proved (both oracles); the two float64 steps are confirmed."""
    assert report.ok
    counts = report.counts()
    assert counts["proved"] == len(report.steps) - 2 and counts["confirmed"] == 2


def test_exact_solution_has_zero_losses(report):
    """The residual of y is 0 for every A, B; y* meets both boundary values; both losses of y* are 0."""
    for name in ("solution", "boundary-0", "boundary-L", "physics-zero", "boundary-zero"):
        assert report.step(name).status == "proved"


def test_trial_losses_are_positive(report):
    """The trial y_0 e^(−2x) has a positive physics loss and a nonnegative boundary loss (inequality steps)."""
    d = derivations.get("pinn-loss")
    assert d.step("trial-physics-positive").relation == ">"
    assert d.step("trial-boundary-sign").relation == ">="
    assert report.step("trial-physics-positive").status == "proved"


def test_a_strict_sign_for_a_square_that_can_vanish_is_refuted():
    """(y_0 − y_L)² > 0 is refuted at a point with y_L = y_0: why the trial's boundary loss is only ≥ 0."""
    from derivations.core.domains import POSITIVE, REAL

    y0, yL = Symbol("y_0", positive=True), Symbol("y_L", real=True)
    v = check_relation((y0 - yL) ** 2, 0, ">", {y0: POSITIVE, yL: REAL})
    ce = v.numeric.counterexample
    assert v.status == "refuted" and dict(ce.point)["y_0"] == dict(ce.point)["y_L"]


def test_float64_losses_match_the_symbolic_result():
    """With finite-difference derivatives the exact solution's losses are ~0, the trial's are not."""
    f = exact_solution(6.0, 1.0, 0.0)
    physics, boundary = losses(f, 6.0, 1.0, 0.0)
    assert physics < 1e-10 and boundary < 1e-20
    trial = losses(lambda x: np.exp(-2 * np.asarray(x)), 6.0, 1.0, 0.0)
    assert trial[0] > 1e-2 and trial[1] == pytest.approx(np.exp(-24.0))


def test_a_wrong_solution_is_refuted():
    """e^(−x/2) cos(x) is not a solution: R = 0 is refuted for that candidate."""
    x = Symbol("x", real=True)
    from sympy import cos

    from derivations.verify.recipe import check_equal
    f = exp(-x / 2) * cos(x)
    v = check_equal(f.diff(x, 2) + f.diff(x) + f, 0, {x: derivations.REAL})
    assert v.status == "refuted"


def test_figure_and_names():
    """The figure shows the exact solution, the trial and its residual; y prints as y."""
    d = derivations.get("pinn-loss")
    assert [f.id for f in d.figures] == ["pinn-solution-and-residual"]
    assert y_sol.text_name == "y"
