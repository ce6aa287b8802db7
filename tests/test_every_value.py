r"""A step false whatever its undefined quantity stands for is refuted (checker/every_value.py).

Source: tests/data/heldout/h26 (DeepLearning.AI community, "Derivation of DL/dz", Edward Shyu's
derivation): L = -(y log a + (1-y) log(1-a)) with a = σ(z) only in the prose, and a differentiated
later (da/dz).  Its wrong copy writes ``\frac{dL}{da} = \frac{-y}{a} - \frac{1-y}{1-a}`` (the sign of the
second term dropped); that step had been "not checked" (it uses the value of a, which the document
does not define), so the file exited 3 although no meaning of a can make the step hold.
"""

from __future__ import annotations

from pathlib import Path

from sympy import Dummy, Rational, Symbol, log

from derivations.checker.check import check_text
from derivations.checker.every_value import false_for_every_value

HELDOUT = Path(__file__).parent / "data" / "heldout"
LOSS = "$$L = -(y \\log(a) + (1-y) \\log(1-a))$$\n\n$$\\frac{da}{dz} = a(1-a)$$\n\n"


def test_h26_wrong_sign_is_refuted_at_its_line_whatever_a_is():
    report = check_text((HELDOUT / "h26_bce-dL-da-deeplearningai.wrong.md").read_text())
    assert report.exit_code == 1
    step = report.first_wrong()[1]
    assert step.line == 28 and step.reason.startswith("false whatever a stands for"), report.text()


def test_h26_right_copy_has_no_refuted_step():
    report = check_text((HELDOUT / "h26_bce-dL-da-deeplearningai.md").read_text())
    assert not [s for s in report.steps if s.status == "refuted"], report.text()


def test_a_step_some_value_makes_true_is_not_refuted():
    """The right derivative plus a − 1/2: the sides agree at a = 1/2 whatever y is, so what a stands
    for might make the step hold; it is not refuted (a step false for every a at some y is, below)."""
    report = check_text(LOSS + "$$\\frac{dL}{da} = -\\frac{y}{a} + \\frac{1-y}{1-a} + a - \\frac{1}{2}$$")
    assert report.steps[-1].status == "not checked", report.text()


def test_a_step_no_value_makes_true_is_refuted():
    """dL/da = −y/a − (1−y)/(1−a): at any y ≠ 1 the sides differ by 2(1−y)/(1−a), never 0."""
    report = check_text(LOSS + "$$\\frac{dL}{da} = -\\frac{y}{a} - \\frac{1-y}{1-a}$$")
    assert report.steps[-1].status == "refuted" and "not 0 for any value of a" in report.steps[-1].reason


def test_the_right_derivative_still_holds():
    report = check_text(LOSS + "$$\\frac{dL}{da} = -\\frac{y}{a} + \\frac{1-y}{1-a}$$")
    assert report.steps[-1].status in ("proved", "confirmed"), report.text()


def test_only_polynomials_in_the_value_decide():
    """A logarithm of the value, a point that is not exact, a root in the value: nothing is decided."""
    a, y = Dummy("a"), Symbol("y")
    assert false_for_every_value((log(a), y), [a], (("y", "1/2"),)) == ""
    assert false_for_every_value((a * y, 1), [a], (("y", "1.5e-30j"),)) == ""
    assert false_for_every_value((a ** 2, Rational(1, 4)), [a], ()) == ""  # a = ±1/2
    assert false_for_every_value((a ** 2, -1), [a], ()).startswith("false whatever a")
