"""Display math between ``[`` and ``]`` on lines of their own (a copy that lost the backslashes of
``\\[ … \\]``), an expression alone that a ``= …`` display continues, and sums written without
their index on both sides of a step.

Source: heldout2 n07 and n08, github emkays-codelabs/Machine-Learning (ex.md, commit 2a2a7842d717):
the derivative of the MSE of a line y = m x + c, pasted from a chat answer.
"""

from __future__ import annotations

from derivations.checker.check import check_text

_NOTES = """## Start

[
\\text{MSE} = \\frac{1}{n}\\sum_{i=1}^{n} (y_i - m x_i - c)^2
]

## Differentiate

[
\\frac{\\partial}{\\partial m}\\left[\\frac{1}{n}\\sum (y_i - m x_i - c)^2\\right]
]

### Step 1: Take constant out

[
= \\frac{1}{n}\\sum \\frac{\\partial}{\\partial m}(y_i - m x_i - c)^2
]

## Combine Everything

[
\\frac{\\partial}{\\partial m}(y_i - m x_i - c)^2
= {factor}(y_i - m x_i - c)(-x_i)
]
"""


def test_a_display_between_brackets_on_lines_of_their_own_is_read():
    report = check_text(_NOTES.replace("{factor}", "2"))
    assert report.exit_code == 0, [s.describe() for s in report.steps]
    last = report.steps[-1]
    assert last.status == "proved" and "a [ and a ] on lines of their own" in " ".join(last.notes + (last.reason,))


def test_a_wrong_step_between_brackets_is_refuted_not_dropped():
    """Regression: the two lines were passed over in silence (no command on the second, so not
    listed as unread math either); the dropped factor 2 is refuted."""
    report = check_text(_NOTES.replace("{factor}", ""))
    wrong = [s for s in report.steps if s.status == "refuted"]
    assert report.exit_code == 1 and len(wrong) == 1 and "2 · right" in wrong[0].describe()


def test_an_expression_alone_is_where_the_next_equals_display_goes_on():
    """Step 1's '= …' continues the derivative displayed alone above it, not the MSE before that."""
    step = check_text(_NOTES.replace("{factor}", "2")).steps[1]
    assert step.left.strip().startswith("\\frac{\\partial}{\\partial m}\\left["), step.left
    assert step.status == "confirmed", step.describe()
    assert "Σ without an index read as Σ_i" in step.describe()


def test_brackets_with_a_blank_line_between_or_in_code_are_not_a_display():
    for text in ("[\n\nu = (y_i - c)\n]\n", "```\n[\nu = (y_i - c)\n]\n```\n"):
        assert not [s for s in check_text(text).steps if any("a [ and a ]" in n for n in s.notes)], text
