"""hessian-quadratic-form: exact in 2 and 3 dimensions, numeric up to n = 50, refusing non-definite H."""

from __future__ import annotations

import pytest

import derivations
from derivations.errors import InvalidInputError


@pytest.fixture(scope="module")
def theorem():
    return derivations.get("hessian-quadratic-form")


@pytest.mark.parametrize("n", [2, 3])
def test_exact_instances_are_proved(theorem, n):
    """With an exact Cayley basis every equation of the expansion and the contour is proved."""
    report = theorem.instantiate(n=n).verify()
    assert all(s.status == "proved" for s in report.steps), str(report)


def test_exact_instance_with_given_eigenvalues(theorem):
    """Given rational eigenvalues, the exact instance still verifies."""
    assert theorem.instantiate(n=2, eigenvalues=(1, 4)).verify().ok


def test_numeric_n_50_is_confirmed_with_its_seed(theorem):
    """A random SPD H with n = 50 is confirmed by eigh-based checks; the seed is in the report."""
    report = theorem.instantiate(n=50, seed=7).verify()
    assert report.ok and {s.status for s in report.steps} == {"confirmed"}
    assert all(v.numeric.seed == 7 for s in report.steps for v in s.verdicts)


@pytest.mark.parametrize("n", [2, 3])
def test_half_length_with_lambda_is_refuted_symbolically(theorem, n):
    """Half-lengths √(2Δ)·λ instead of √(2Δ/λ) are refuted by check_equal with a counterexample."""
    report = theorem.instantiate(n=n, variant="lambda").verify()
    step = report.step("contour")
    assert step.status == "refuted" and step.verdicts[0].numeric.counterexample is not None


def test_half_length_with_lambda_is_refuted_numerically(theorem):
    """The same wrong rule fails the numeric contour check for n = 50."""
    assert theorem.instantiate(n=50, variant="lambda").verify().step("contour").status == "refuted"


@pytest.mark.parametrize("eigenvalues, word", [((1, -2), "indefinite"), ((0, 1), "semi-definite"),
                                               ((-1, -2), "negative definite")])
def test_non_definite_hessians_are_refused(theorem, eigenvalues, word):
    """Indefinite, semi-definite and negative-definite H are refused with a clear message."""
    with pytest.raises(InvalidInputError, match=word):
        theorem.instantiate(n=2, eigenvalues=eigenvalues)


def test_the_derivation_states_the_semi_definite_and_indefinite_cases(theorem):
    """The general derivation says what happens without positive definiteness."""
    from derivations.render.text import parts_text
    conditions = parts_text(theorem.conditions)
    assert "semi-definite" in conditions and "indefinite" in conditions and "cylinder" in conditions
