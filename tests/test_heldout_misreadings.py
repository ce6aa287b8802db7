"""Two misreadings found in held-out files, each a regression test with its other side.

Source: tests/data/heldout/h21 (GitHub Markdown notes on principal component analysis, file id
14995403254 of the search index), line 40, the sample variance:
``\\dfrac{1}{N-1}\\sum_{i=1}^N (t_i-m)^2 = \\dfrac{1}{N} \\langle t_1-m,...,t_N-m \\rangle \\cdot \\langle … \\rangle``.

* Everything after ``\\langle`` was dropped as a remark, so the step was read as
  ``\\frac{1}{N-1}\\sum (t_i-m)^2 = \\frac{1}{N}``, silently.  Angle brackets around math are an inner
  product (or a tuple): the block is refused, saying so; ``\\langle \\text{by (3)} \\rangle`` stays a remark.
* At N = 1 the left side divides by zero; the step was "undecided at the instance N = 1" (exit 1)
  even when it is true.  An instance where a side is undefined is skipped, with a note.
"""

import pytest

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains
from derivations.checker.source import LatexUnsupportedError

H21_LINE_40 = (r"\dfrac{1}{N-1}\sum_{i=1}^N (t_i-m)^2 = \dfrac{1}{N} \langle t_1-m,...,t_N-m \rangle "
               r"\cdot \langle t_1-m,...,t_N-m \rangle.")


def test_angle_brackets_around_math_are_refused_not_dropped():
    with pytest.raises(LatexUnsupportedError, match="angle brackets"):
        parse_chains(H21_LINE_40)
    report = check_text(f"${H21_LINE_40}$\n")
    assert report.exit_code == 3 and "angle brackets ⟨…⟩" in report.text(), report.text()


@pytest.mark.parametrize("latex", [r"a = b \langle \text{by (3)} \rangle",
                                   r"a = b \quad \langle \text{we will try to prove this} \rangle"])
def test_angle_brackets_around_words_are_a_remark(latex):
    """The seed sheet's ``\\quad \\langle \\text{we will try to prove this …} \\rangle`` is a remark."""
    [c] = parse_chains(latex)
    assert [str(x) for x in c.items] == ["a", "b"]


def test_an_instance_where_the_step_is_undefined_is_skipped():
    """1/(N-1) Σ (t_i - m)^2 = 1/(N-1) Σ (m - t_i)^2 holds wherever it is defined (N ≥ 2)."""
    report = check_text("$$\\frac{1}{N-1}\\sum_{i=1}^N (t_i - m)^2 = \\frac{1}{N-1}\\sum_{i=1}^N (m - t_i)^2$$\n")
    [step] = report.steps
    assert step.status == "confirmed", step.describe()
    assert "undefined at N = 1 (a denominator vanishes there), skipped" in step.describe()


def test_the_sample_variance_with_the_wrong_factor_is_refuted():
    """h21's step with its right side written as a sum: refuted at N = 2 (1/(N-1) is not 1/N)."""
    report = check_text("$$\\frac{1}{N-1}\\sum_{i=1}^N (t_i - m)^2 = \\frac{1}{N}\\sum_{i=1}^N (t_i-m)^2$$\n")
    [step] = report.steps
    assert step.status == "refuted" and "N = 2" in step.describe(), step.describe()
