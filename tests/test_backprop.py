"""backprop-delta: the δ recursion on symbolic and numeric instances, and its wrong variants refuted."""

from __future__ import annotations

import pytest

import derivations
from derivations.errors import InvalidInputError

WRONG = ("no-transpose", "no-sigma-prime", "output-without-sigma-prime")


@pytest.fixture(scope="module")
def theorem():
    return derivations.get("backprop-delta")


def test_symbolic_depth_3_every_delta_and_gradient_is_proved(theorem):
    """On a fully symbolic 2-3-3-2 network every δ and gradient equals SymPy's differentiation of J: proved."""
    inst = theorem.instantiate(widths=(2, 3, 3, 2))
    report = inst.verify()
    assert dict(inst.shape)["method"] == "symbolic"
    assert all(s.status == "proved" for s in report.steps)
    names = {s.label.split(":")[1] for s in report.steps}
    assert {"grad-w-1-1-1", "grad-b-3-2", "recursion-1-3", "matrix-2-1", "output-2"} <= names


def test_numeric_depth_10_width_256_passes(theorem):
    """On a random depth-10 width-256 network the recursion matches central finite differences."""
    report = theorem.instantiate(widths=(256,) * 11).verify()
    assert report.ok and report.steps[0].status == "confirmed"
    assert report.steps[0].verdicts[0].numeric.seed == 0


@pytest.mark.parametrize("variant", WRONG)
def test_wrong_recursions_are_refuted_symbolically(theorem, variant):
    """Each wrong variant is refuted by check_equal, with a counterexample, on a symbolic 2-2-2 network."""
    report = theorem.instantiate(widths=(2, 2, 2), variant=variant).verify()
    refuted = [s for s in report.steps if s.status == "refuted"]
    assert refuted
    assert refuted[0].verdicts[0].numeric.counterexample is not None


@pytest.mark.parametrize("variant", WRONG)
def test_wrong_recursions_are_refuted_numerically(theorem, variant):
    """Each wrong variant fails the finite-difference check on a random 6-6-6-6 network (seed recorded)."""
    report = theorem.instantiate(widths=(6, 6, 6, 6), variant=variant, seed=2).verify()
    (step,) = report.steps
    assert step.status == "refuted" and step.verdicts[0].numeric.seed == 2


def test_the_correct_recursion_is_not_refuted_where_variants_are(theorem):
    """The same shapes with the correct recursion verify."""
    assert theorem.instantiate(widths=(2, 2, 2)).verify().ok
    assert theorem.instantiate(widths=(6, 6, 6, 6), seed=2).verify().ok


def test_no_transpose_needs_square_layers(theorem):
    """The no-transpose variant is refused for non-square weight matrices."""
    with pytest.raises(InvalidInputError, match="square"):
        theorem.instantiate(widths=(2, 3, 2), variant="no-transpose")


def test_general_derivation_is_stated_in_indexed_notation(theorem):
    """The general steps are indexed (checked on instances) and print with textbook indices."""
    assert {s.kind for s in theorem.steps} == {"indexed"}
    tex = theorem.latex()
    assert r"w_{kj}^{(l+1)}" in tex and r"\odot" in tex and r"\frac{\partial J}{\partial w_{jk}^{(l)}}" in tex
