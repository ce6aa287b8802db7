r"""Index sums in real notes: a case that goes on past its display, a bound index beside a capital
name, and a step too large for sizes up to 4.

Sources (the files under tests/data/heldout5/ hold the full excerpts):
- p13: a Chinese note on row-wise softmax backward (GitHub, stored-index file id 4747625402): under
  "情况二: $i = k$, $l \neq j$" (case 2) a first display, then "同理" (likewise) and
  ``\frac{\partial \sum_{p=0}^{N} e^{x_{kp}}}{\partial x_{ij}} = \frac{\partial \sum_{p=0}^{N} e^{x_{ip}}}{\partial x_{ij}}``,
  which holds in that case only.  It was "not checked" for its size (100 instances); checked at sizes
  up to 3 it was refuted at k ≠ i: a false alarm, found before it landed.
- p09: brandokoch's "Linear regression gradient calculation" (GitHub, stored-index file id
  27849621172): ``\frac{1}{2m} \sum_{i=1}^{m} 2 ( \sum_{j=0}^{n} \theta_j x_j^{(i)} - y^{(i)} ) …`` after J is
  named; its copy with ``\frac{1}{2m}`` for ``\frac{1}{m}`` was "not checked" because the sum's own index j
  was taken for a misspelt J, and the link before it needed 66 instances at sizes up to 4 (more than 64).
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text

DATA = Path(__file__).parent / "data" / "heldout5"

CASES = r"""
### 分三种情况

情况一: $i \neq k$ 所以

$\frac{\partial e^{x_{kl}}}{\partial x_{ij}} = 0$

情况二:  $i = k$, $l \neq j$ 此时

$\frac{\partial e^{x_{kl}}}{\partial x_{ij}} = \frac{\partial e^{x_{il}}}{\partial x_{ij}} = 0$

同理

${\frac{\partial \sum_{p=0}^{N} e^{x_{kp}}}{\partial {x_{ij}}}} = {\frac{\partial \sum_{p=0}^{N} e^{x_{ip}}}{\partial {x_{ij}}}} = RESULT$
"""


def _at(report, line: int) -> list:
    return [s for s in report.steps if s.line == line]


def test_a_step_that_holds_in_a_case_stated_earlier_in_its_section_is_not_refuted():
    report = check_text(CASES.replace("RESULT", "e^{x_{ij}}"))
    first, second = _at(report, 14)
    assert first.status == "not checked", report.text()
    assert "but it holds for i = k, a case stated earlier in its section" in first.reason
    assert second.status in ("proved", "confirmed")
    assert report.exit_code == 3


def test_a_slip_in_that_case_is_still_refuted():
    report = check_text(CASES.replace("RESULT", "2e^{x_{ij}}"))
    assert report.exit_code == 1 and report.first_wrong()[1].line == 14, report.text()
    assert _at(report, 14)[1].status == "refuted"


def test_the_case_ends_at_the_next_heading():
    text = CASES.replace("同理", "### 另一节 (another section)").replace("RESULT", "e^{x_{ij}}")
    assert _at(check_text(text), 14)[0].status == "refuted"


def test_the_real_note_has_no_false_alarm():
    report = check_text((DATA / "p13_softmax-row-backward-zh.md").read_text())
    assert all(s.status != "refuted" or s.line <= 22 for s in report.steps), report.text()


def test_a_sum_index_is_not_a_misspelt_capital_name():
    wrong = check_text((DATA / "p09_mse-gradient-nonvectorized-brandokoch.wrong.md").read_text())
    assert wrong.exit_code == 1 and wrong.first_wrong()[1].line == 15, wrong.text()
    assert "the same name in the other case" not in wrong.text()


def test_a_large_step_is_checked_at_sizes_up_to_three():
    right = check_text((DATA / "p09_mse-gradient-nonvectorized-brandokoch.md").read_text())
    step = _at(right, 13)[0]
    assert step.status == "confirmed", right.text()
    assert step.reason.startswith("holds for m, n = 1…3")
    assert not any(s.status == "refuted" for s in right.steps)
