r"""What the thirteenth held-out corpus exposed: a genuine slip left inconclusive by a transpose.

Measured on main (31a9de3) before any change made for it: 5 / 17 judged right, no false alarm, one inconclusive
file.  Source (tests/data/heldout13/INDEX.md): x09, the solution to a computational-graph question of
csc477/website_fall24 (``nn-compgraph-sol.md``), whose y is named σ(z) and z is named wᵀx by the links of its
chain rule.
"""

from __future__ import annotations

from pathlib import Path

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
