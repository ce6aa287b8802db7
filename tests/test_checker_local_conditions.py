r"""A condition written just before a display ("**For $x > 0$**:" then $$…$$) holds for that display.

Regression from the held-out corpus (tests/data/heldout/h31, purepisces' machine-learning blog,
relu.md): "1. **For $x > 0$**: $$\frac{d}{dx}\text{ReLU}(x) = 1$$ 2. **For $x \leq 0$**: … = 0" had
both right steps refuted (at x = -1 and x = 1), because the inline conditions were not read.
"""

from derivations.checker.check import check_text

PIECEWISE = r"""
1. **For $x > 0$**:
   $$\frac{d}{dx}\text{ReLU}(x) = 1$$

2. **For $x \leq 0$**:
   $$\frac{d}{dx}\text{ReLU}(x) = 0$$
"""


def test_piecewise_derivative_holds_under_its_conditions():
    """Each case is checked under the condition written before it: both proved, and the report says which condition."""
    report = check_text(PIECEWISE)
    assert [s.status for s in report.steps] == ["proved", "proved"]
    warnings = [n.message for n in report.notes if n.kind == "warning"]
    assert any("x in (0, inf)" in w for w in warnings) and any("x in (-inf, 0)" in w for w in warnings)


def test_wrong_case_is_still_refuted():
    """Under "For $x > 0$", ReLU'(x) = 0 is false and stays refuted."""
    report = check_text("For $x > 0$:\n$$\\frac{d}{dx}\\text{ReLU}(x) = 0$$\n")
    assert [s.status for s in report.steps] == ["refuted"]


def test_a_remark_is_not_a_condition():
    """An inequality that does not introduce the display ("Note that $x > 0$ fails.") is not assumed."""
    report = check_text("Note that $x > 0$ fails.\n\n$$\\frac{d}{dx}\\text{ReLU}(x) = 1$$\n")
    assert [s.status for s in report.steps] == ["refuted"]
