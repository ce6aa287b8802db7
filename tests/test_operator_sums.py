"""A sum of differential operators applied to what follows: seed 000's PINN loss (line 175,
``(\\frac{\\partial^2}{\\partial x^2} + \\frac{\\partial}{\\partial x} + 1)\\hat{y}(x_i)``), and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from derivations.checker.check import check_text
from derivations.checker.parser import LatexUnsupportedError, parse_chains

SEED_000 = (Path(__file__).parent / "data" / "seeds" / "000_3efcf665678d3a2c.txt").read_text(encoding="utf-8")


def test_seed_000_physics_loss_is_a_definition_with_its_reading():
    """Seed 000 line 175: Loss_(physical) is defined, ŷ'' + ŷ' + ŷ taken at x_i, and the report says so."""
    report = check_text(SEED_000)
    [step] = [s for s in report.steps if s.line == 175]
    assert step.status == "definition", step.describe()
    assert "acting on yhat, taken at x_i" in step.describe()
    assert not [n for n in report.notes if n.line == 175]


def test_an_unrelated_sums_range_leaves_the_backprop_chain_rule_alone():
    """Reading line 175 brings Σ_{i=1}^{N_f} over x_i; line 45's chain rule (which names no x) is still
    proved and checked on instances at N, S_{L+1} = 1…2, not narrowed to one size and left "not checked"
    (found when the reading first landed: the family x's range was taken as a size of every indexed step)."""
    [step] = [s for s in check_text(SEED_000).steps if s.line == 45]
    assert step.status == "proved", step.describe()
    assert "N, S_{L+1} = 1…2" in step.reason and "N_f" not in step.reason


def test_operator_on_an_expression_in_its_variable():
    """(d²/dx² + d/dx + 1) e^{2x} = 4e^{2x} + 2e^{2x} + e^{2x} is proved (7e^{2x})."""
    step = check_text(r"$$\left(\frac{d^2}{dx^2} + \frac{d}{dx} + 1\right) e^{2x} = 7 e^{2x}$$").steps[0]
    assert step.status == "proved", step.describe()
    wrong = check_text(r"$$\left(\frac{d^2}{dx^2} + \frac{d}{dx} + 1\right) e^{2x} = 6 e^{2x}$$").steps[0]
    assert wrong.status == "refuted", wrong.describe()


@pytest.mark.parametrize("text, why", [
    (r"L = \left(\frac{\partial}{\partial x} + 1\right) a b", "without x"),
    (r"L = \left(\frac{\partial}{\partial x} + \frac{\partial}{\partial t}\right) u(x, t)", "different variables"),
])
def test_operator_sums_that_mean_nothing_clear_are_refused(text, why):
    """An operator in x on an operand without x (its derivative would be 0), or by two variables: refused."""
    with pytest.raises(LatexUnsupportedError, match=why):
        parse_chains(text, functions=frozenset({"u"}))


def test_a_bracket_of_numbers_is_still_a_product():
    """(1 + 2) y is 3y: only a bracket that holds a differential operator is one."""
    [chain] = parse_chains(r"L = \left(1 + 2\right) y")
    assert sympy.simplify(chain.items[1] - 3 * sympy.Symbol("y")) == 0
