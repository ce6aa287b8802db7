r"""What the thirteenth held-out corpus exposed: a genuine slip left inconclusive by a transpose.

Measured on main (31a9de3) before any change made for it: 5 / 17 judged right, no false alarm, one inconclusive
file.  Source (tests/data/heldout13/INDEX.md): x09, the solution to a computational-graph question of
csc477/website_fall24 (``nn-compgraph-sol.md``), whose y is named σ(z) and z is named wᵀx by the links of its
chain rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checker.check import check_text
from tests.test_real_corpus import judge

DATA = Path(__file__).resolve().parent / "data" / "heldout13"
X09 = "x09_logreg-bce-gradient-answer-sheet-en.md"


def test_a_scalar_product_of_vectors_of_unstated_size_is_any_number():
    """x09's genuine slip, (−t/y + (1−t)/(1−y)) y(1−y) x_j = (−t + ty + 1 − t − y + ty) x_j, was inconclusive: y is
    σ(wᵀx), and the scalar check cannot evaluate a transpose.  With no derivative in the step, wᵀx is read as any
    number (it takes every value whatever x_j is), and the slip is refuted, saying so."""
    report = check_text((DATA / X09).read_text(encoding="utf-8"), path=X09)
    slip = [s for s in report.steps if s.line == 34][0]
    assert slip.status == "refuted" and "wᵀx read as one number" in slip.notes[0]
    assert judge("heldout13", X09)[0] == "right"
    right = (r"$$y = \sigma(z)$$ $$z = w^\top x$$ "
             r"$$\left(-\frac{t}{y} + \frac{1-t}{1-y}\right) y (1-y) x_j = (y - t) x_j$$")
    assert check_text(right).steps[-1].status in ("proved", "confirmed")


X10 = "x10_softmax-jacobian-stability-jupytext-en.md"


def test_a_jupytext_cell_is_read_without_its_comment_marks():
    """x10 is a Jupytext notebook: every line of its Markdown cells starts with ``# ``, inside ``$$ … $$`` too.  The
    rows of its aligned display were skipped ("unexpected character '#'"); they are read, and its stability step
    e^{x_i}C/(CΣ e^{x_k}) = e^{x_i + log C}/Σ e^{x_k + log C} is confirmed."""
    report = check_text((DATA / X10).read_text(encoding="utf-8"), path=X10)
    assert not [n for n in report.notes if "'#'" in n.message]
    assert [s.status for s in report.steps if s.line == 35] == ["confirmed"]
    wrong = X10.replace(".md", ".wrong.md")
    assert judge("heldout13", wrong)[0] != "false alarm"


def test_cases_with_the_word_if_in_its_own_column():
    """x10 writes ``p_i(1-p_j) & if & i=j \\\\ -p_j.p_i & if & i \\neq j``: the word "if" has a column of its own,
    and ``p_j.p_i`` is a product.  Each row is checked under its condition."""
    defined = r"$$p_i = \frac{e^{x_i}}{\sum_k e^{x_k}}$$ "
    report = check_text(defined + r"$$\frac{\partial p_i}{\partial x_j} = \begin{cases}p_i(1-p_j) & if & i=j \\ "
                                  r"-p_j.p_i & if & i \neq j \end{cases}$$")
    assert [s.status for s in report.steps[1:]] == ["confirmed", "confirmed"]
    slip = check_text(defined + r"$$\frac{\partial p_i}{\partial x_j} = \begin{cases}p_i(1-p_j) & if & i=j \\ "
                                r"p_j p_i & if & i \neq j \end{cases}$$")
    assert slip.steps[-1].status == "refuted"


@pytest.mark.parametrize("latex", [
    r"$$\delta{ij} = \begin{cases} 1 & if & i=j \\ 0 & if & i\neq j \end{cases}$$",  # x10's Kronecker delta
    r"$$c_i c_j = 0 \quad i \neq j$$",                                                 # orthogonality
])
def test_an_equation_between_unknowns_under_an_index_condition_is_a_hypothesis(latex):
    """A false "refuted" (release-blocking): x10 defines the Kronecker delta as ``\\delta{ij}`` (δ·i·j, its
    underscore lost) by cases, and each case was refuted at an instance.  An equation between unknowns standing
    alone is a hypothesis, under an index condition as without one."""
    report = check_text(latex)
    assert report.steps and {s.status for s in report.steps} == {"hypothesis"}
    assert report.exit_code == 3
