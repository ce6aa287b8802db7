"""softmax-cross-entropy-gradient: exact for K = 2…5, numeric for K = 1000, the hypothesis Σ y = 1 used at one named step."""

from __future__ import annotations

import pytest

import derivations
from derivations.numerics.softmax import gradient_check


@pytest.fixture(scope="module")
def theorem():
    return derivations.get("softmax-cross-entropy-gradient")


@pytest.fixture(scope="module")
def report(theorem):
    return theorem.verify()


def test_every_indexed_step_is_proved_for_two_to_five_classes(report):
    """Each indexed step is proved on the symbolic instances K = 2, 3, 4, 5 and confirmed for K = 1000."""
    assert report.ok
    for step in report.steps:
        groups = step.by_instance()
        assert len(groups) == 5
        for origin, verdicts in groups.items():
            expected = "confirmed" if origin.endswith("classes-1000") else "proved"
            assert {v.status for v in verdicts} == {expected}, (step.label, origin)


def test_the_hypothesis_is_used_at_the_named_step_only(theorem):
    """Without Σ y_k = 1 the steps before 'hypothesis' still hold and exactly the 'hypothesis' lines are refuted."""
    wrong = theorem.instantiate(classes=3, variant="no-hypothesis").verify()
    refuted = {s.label.split(":")[1] for s in wrong.steps if s.status == "refuted"}
    assert refuted == {"hypothesis-1", "hypothesis-2", "hypothesis-3"}
    assert all(s.status == "proved" for s in wrong.steps if s.status != "refuted")
    assert "used here" in theorem.step("hypothesis").justification


def test_counterexample_of_the_variant_can_be_read():
    """The refuted variant names a point (scores and targets) where ∂J/∂z_i differs from p_i − y_i."""
    wrong = derivations.get("softmax-cross-entropy-gradient").instantiate(classes=2, variant="no-hypothesis").verify()
    ce = wrong.step("hypothesis-1").verdicts[0].numeric.counterexample
    assert {name for name, _ in ce.point} >= {"y_{1}", "y_{2}", "z_{1}", "z_{2}"}
    assert ce.lhs != ce.rhs


def test_large_k_numeric_check_and_its_variant():
    """For K = 1000 the formula matches complex-step derivatives to 1e-12; targets not summing to 1 fail."""
    assert gradient_check(1000, seed=5).max_rel_error < 1e-12
    wrong = derivations.get("softmax-cross-entropy-gradient").instantiate(classes=500, variant="no-hypothesis")
    assert wrong.verify().steps[0].status == "refuted"


def test_shapes_are_validated(theorem):
    """K must be a whole number >= 2; exact instances are refused beyond K = 8."""
    with pytest.raises(derivations.InvalidInputError, match=">= 2"):
        theorem.instantiate(classes=1)
    with pytest.raises(derivations.InvalidInputError, match="exact symbolic checks are limited"):
        theorem.instantiate(classes=20, method="symbolic")


def test_cli_options_for_the_new_shapes(capsys):
    """--classes, --n and --widths reach the new theorems; a wrong variant exits 1, an option of another theorem 2."""
    from derivations.cli import main

    assert main(["verify", "softmax-cross-entropy-gradient", "--classes", "3", "--variant", "no-hypothesis", "-q"]) == 1
    assert "3 refuted" in capsys.readouterr().out
    assert main(["verify", "residual-gradient", "--n", "1", "-q"]) == 0
    assert main(["verify", "sigmoid-derivative-bound", "--widths", "3,3,3", "-q"]) == 0
    assert main(["verify", "pinn-loss", "--n", "2"]) == 2
