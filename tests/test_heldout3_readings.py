"""Notation of the third held-out corpus that was refused or misread, read now with a note.

Sources (tests/data/heldout3/INDEX.md names them in full):

* melfm/notes ``docs/machine_learning/backprop.md`` (m01, m02): ``\\hat{y1}``, an accent on a letter and
  its index digit, was refused; it is ŷ_1, as ``y1`` is y_1.
* an Italian Obsidian note on Hessians (file id 3290521370 of the search index; m22): a display in a
  callout whose lines do not all repeat the quote mark ``>``, and the quadratic form
  ``(h_{1}\\quad h_{2}) \\begin{bmatrix}0 &1 \\\\ 1 &0\\end{bmatrix}\\begin{pmatrix}h_{1} \\\\ h_{2}\\end{pmatrix}
  = 2h_{1}h_{2}``, whose row vector was read as the product h₁h₂ (a false alarm once the callout was read).
* "Logistic Regression Deep Dive" (a Jekyll post, file id 32266362102; m07): ``\\eta = \\text{1e-1}``.
"""

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains

M22 = """>[!esempio]
>$f(x,y) = x \\sin y$
>$$ H_{f}(x,y) = \\begin{bmatrix}
> 0 & \\cos y \\\\
\\cos y & -x \\sin y
\\end{bmatrix} $$
> $$ H_{f}(0,0) = \\begin{bmatrix}
> 0 & 1 \\\\
1 & 0
\\end{bmatrix} $$
> $$ q(h_{1},h_{2}) = (h_{1}\\quad h_{2}) \\begin{bmatrix}
>0 &1 \\\\
>1 &0
\\end{bmatrix}
\\begin{pmatrix}
>h_{1} \\\\
h_{2}
\\end{pmatrix} = 2h_{1}h_{2}$$
"""


def test_an_accent_on_a_letter_and_its_digit():
    [c] = parse_chains(r"\hat{y1} = \hat{y}_1")
    assert c.items[0] == c.items[1]
    assert c.notes[0][1] == r"\hat{y1} is read as \hat{y}_1 (a letter and its index)"


def test_the_hessian_callout_is_read_and_its_quadratic_form_holds():
    report = check_text(M22)
    assert report.exit_code == 0, report.text()
    assert [s.status for s in report.steps] == ["definition", "definition", "proved", "definition", "confirmed"]
    assert "entries in parentheses spaced by \\quad are read as a row vector" in report.text()


def test_the_quadratic_form_without_its_factor_two_is_refuted():
    report = check_text(M22.replace("= 2h_{1}h_{2}", "= h_{1}h_{2}"))
    assert report.first_wrong() is not None and report.first_wrong()[1].status == "refuted", report.text()


def test_spaced_entries_outside_parentheses_are_not_a_vector():
    """``x = 1 \\quad y = 2`` is still two statements; ``(a \\quad b)`` alone in parentheses is a row."""
    assert len(parse_chains(r"x = 1 \quad y = 2")) == 2
    [c] = parse_chains(r"v = (1 \quad -2)")
    assert str(c.items[1]) == "matrix(1, 2, 1, -2)"  # a 1×2 matrix literal: 1, -2


def test_scientific_notation_in_text():
    [c] = parse_chains(r"\eta = \text{1e-1}")
    assert str(c.items[1]) == "1/10" and "scientific notation: 0.1" in c.notes[0][1]
