"""Indicator notation for the derivative of ReLU: (z > 0), [z > 0], \\mathbb{1}[z > 0], \\mathbb{1}_{z>0}, 1_{z>0}.

Real derivation: tests/data/seeds/001_9c4c40963088d24a.txt (an exam answer sheet) writes
`\\text{RELU}'(a) = (a > 0)` and `(z_3 > 0)` for ReLU'(z_3).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checker.check import check_text
from derivations.checker.indicators import indicator_at
from derivations.checker.parser import parse_expression

SEED_001 = (Path(__file__).parent / "data" / "seeds" / "001_9c4c40963088d24a.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("text", [r"(z > 0)", r"[z > 0]", r"\mathbb{1}[z > 0]", r"\mathbb{1}_{z>0}",
                                  r"1_{z>0}", r"\mathbb{1}(z > 0)", r"(z \gt 0)"])
def test_every_spelling_is_the_same_indicator(text):
    """Each spelling of the indicator of z > 0, as a factor, reads as the same function of z."""
    assert str(parse_expression(text + r" \cdot x")) == "x*1_{>0}(z)"


def test_relu_derivative_as_indicator_is_not_refuted_at_the_kink():
    """ReLU'(a) = (a > 0) holds wherever ReLU' exists: the point a = 0 (a kink) is skipped, not a counterexample."""
    steps = check_text(r"$$\mathrm{ReLU}'(a) = (a > 0)$$").steps
    assert [s.status for s in steps] == ["confirmed"]
    assert "undefined points skipped" in steps[0].describe()


def test_wrong_indicator_is_refuted_and_values_are_exact():
    """ReLU'(a) = (a < 0) is refuted; (0 > 0) = 0 and [0 \\geq 0] = 1 are proved (the relation's own value at 0)."""
    assert [s.status for s in check_text(r"$$\mathrm{ReLU}'(a) = (a < 0)$$").steps] == ["refuted"]
    assert [s.status for s in check_text(r"$$(0 > 0) = 0$$").steps] == ["proved"]
    assert [s.status for s in check_text(r"$$[0 \geq 0] = 1$$").steps] == ["proved"]


def test_conditions_stay_conditions():
    """A bracket after \\quad, a comma, text, a name or a lone number is a condition or an argument, not a factor."""
    for text, pos in ((r"1 \quad (x > 0)", 8), (r"f(x > 0)", 1), (r"y = 1, (x > 0)", 7), (r"= 1 (x > 0)", 4)):
        assert indicator_at(text, pos) is None, text


def test_seed_001_relu_indicator_lines_are_read():
    """Sheet 001's lines with (a > 0) and (z_3 > 0) are read and get verdicts (no parse error at them)."""
    report = check_text(SEED_001)
    assert not [n for n in report.notes if n.line in (20, 32, 42)]
    by_line = {s.line: s.status for s in report.steps}
    assert by_line[20] == "confirmed" and by_line[32] == "confirmed"
