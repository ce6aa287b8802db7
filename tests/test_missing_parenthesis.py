"""A side that ends with a ')' nothing opens: read when every place the missing '(' can go reads the same.

Sources: heldout4/f03 (Peter Roelants, "Logistic classification with cross-entropy", the sigmoid's
derivative): ``$1 - \\sigma(z)) = 1 - {1}/(1+e^{-z}) = {e^{-z}}/(1+e^{-z})$``; heldout5/p11 (sonfl's
least-squares notes): ``… = \\frac{1}{2}\\sum_{i=1}^m((x^{(i)}) - y^{(i)})^{2}) = J(\\Theta)``.  Both blocks
were skipped as parse errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains
from derivations.checker.source import LatexParseError

DATA = Path(__file__).resolve().parent / "data"


def test_f03_is_read_whole():
    """f03's line 18 is checked (both links proved) and says how the ')' was read; the file exits 0."""
    report = check_text((DATA / "heldout4" / "f03_sigmoid-derivative-peterroelants.md").read_text())
    line = [s for s in report.steps if s.line == 18]
    assert [s.status for s in line] == ["proved", "proved"], [s.describe() for s in line]
    assert any("an unmatched ')' closes the whole side" in n for n in line[0].notes)
    assert report.exit_code == 0


def test_a_sum_bound_is_not_where_the_side_starts():
    """p11: the '=' of Σ_{i=1} is inside braces; the side starts after the chain's '='."""
    [chain] = parse_chains(r"a = \frac{1}{2}\sum_{i=1}^m((x_i) - y_i)^{2}) = J")
    assert len(chain.items) == 3 and str(chain.items[1]) == "Σ_{i=1..m}((x_i - y_i)**2)/2"


@pytest.mark.parametrize("text", [r"2 x + 1) = 2x + 2", r"a - b + c) = a - b - c", r"a + b) c = d"])
def test_a_missing_parenthesis_with_two_readings_is_refused(text):
    """2x + 1) may be 2(x + 1) or (2x + 1); a ')' in mid-side is not at a side's end: both stay parse errors."""
    with pytest.raises(LatexParseError, match=r"unexpected '\)'"):
        parse_chains(text)


def test_a_side_that_is_not_a_number_is_not_inconclusive():
    """∇_θ J(Θ) of a J the instance cannot evaluate was "inconclusive: the two sides agree to 30 digits but
    not to 45" (exit 1): the difference was not a number at all.  It is not checked, saying why."""
    text = (r"$\frac{1}{2}(X\Theta - y)^{T}(X\Theta - y) = \frac{1}{2}\sum_{i=1}^m((x^{(i)}) - y^{(i)})^{2})"
            r" = J(\Theta)$" "\n\n" r"$\nabla_{\theta} J(\Theta) = X^{T}X\Theta - X^{T}y = 0$")
    step = check_text(text).steps[2]
    assert step.status == "not checked" and "is not a number on the random" in step.reason, step.describe()
