r"""Normal equations and matrix-calculus rules as real notes write them.

Source of the pattern: the Obsidian note "Normal Equation Derivation" (stored-index file id 28609827633,
tests/data/heldout3/m05_normal-equation-derivation-obsidian.md): a rules list
(``\frac{\partial}{\partial w}(c^\top w) = c``), ``E(\tilde{w}) \;=\; (y - \tilde{X}\tilde{w})^\top (…)``
as a function definition, ``\frac{\partial}{\partial \tilde{w}}(y^\top y) = 0`` (the zero vector
written 0), and "set the gradient to zero": ``2X^TXw - 2X^Ty = 0 \Longleftrightarrow X^TXw = X^Ty``.
Each was read wrongly or not at all before (heldout3 m05 was partly read with four items unchecked).
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text

HEAD = r"Let $X \in \mathbb{R}^{m \times n}$, $y \in \mathbb{R}^m$ and $w \in \mathbb{R}^n$." + "\n\n"
M05 = Path(__file__).parent / "data" / "heldout3" / "m05_normal-equation-derivation-obsidian.md"


def _steps(body: str, head: str = HEAD):
    return [(s.relation, s.status, s.reason) for s in check_text(head + body).steps]


def test_rules_with_two_vectors_take_one_size_for_both():
    """c and w in cᵀw have one size: the rule was 'shapes do not fit' (a 1×4 times a 3×1)."""
    [(_, status, reason)] = _steps(r"$$\frac{\partial}{\partial w}\,(c^\top w) = c$$", "")
    assert status == "confirmed", reason
    [(_, status, reason)] = _steps(r"$$\frac{\partial}{\partial w}\,(c^\top w) = 2c$$", "")
    assert status == "refuted" and "left = " in reason, reason


def test_a_gradient_of_a_constant_is_the_zero_vector_written_0():
    [(_, status, reason)] = _steps(r"$$\frac{\partial}{\partial w}\big(y^\top y\big) = 0$$")
    assert status == "confirmed", reason
    [(_, status, reason)] = _steps(r"$$\frac{\partial}{\partial w}\big(y^\top w\big) = 0$$")
    assert status == "refuted", reason


def test_a_function_defined_with_spacing_before_the_sign_and_its_gradient():
    r"""``E(w) \;=\; …`` defines E (it was E times w), and its body keeps the order of its products."""
    body = (r"$$E(w) \;=\; (y - Xw)^\top (y - Xw) \;=\; w^\top X^\top X w - 2 y^\top X w + y^\top y$$" "\n\n"
            r"$$\nabla_{w} E(w) \;=\; 2\,X^\top X\,w \;-\; 2\,X^\top y$$")
    steps = _steps(body)
    assert [s[:2] for s in steps] == [(":=", "definition"), ("=", "confirmed"), ("=", "confirmed")], steps
    [*_, (_, status, reason)] = _steps(body.replace(r"\;-\; 2\,X^\top y", r"\;+\; 2\,X^\top y"))
    assert status == "refuted", reason


def test_setting_the_gradient_to_zero_then_the_normal_equations():
    """⇔ after a condition: the second equation holds wherever the first does (solved for w)."""
    body = r"$$2X^\top X w - 2X^\top y = 0 \;\Longleftrightarrow\; X^\top X w = X^\top y$$"
    premise, claim = _steps(body)
    assert premise[1] == "hypothesis", premise
    assert claim[1] == "confirmed" and "equivalent to the previous equation" in claim[2], claim
    premise, claim = _steps(body.replace("= X^\\top y$$", "= 2X^\\top y$$"))
    assert claim[1] == "refuted" and "does not follow from the previous equation" in claim[2], claim


def test_solving_for_the_weights_is_a_step_not_a_definition():
    body = r"$$X^\top (X w - y) = 0 \;\Longrightarrow\; w = (X^\top X)^{-1} X^\top y$$"
    _premise, claim = _steps(body)
    assert claim[:2] == ("=", "confirmed") and "solved for w" in claim[2], claim
    _premise, claim = _steps(body.replace(r"(X^\top X)^{-1}", r"(X X^\top)^{-1}"))
    assert claim[1] == "refuted", claim


def test_a_premise_that_does_not_fix_the_unknown_leaves_the_step_undecided():
    """wᵀw = 1 has many solutions w: whether the next equation follows is not decided, not refuted."""
    body = r"$$w^\top w = 1 \;\Longrightarrow\; w^\top X^\top X w = w^\top w$$"
    _premise, claim = _steps(body)
    assert claim[1] == "not checked" and "could not be decided" in claim[2], claim


def test_the_normal_equation_note_is_read_whole():
    report = check_text(M05.read_text(encoding="utf-8"), path=M05.name)
    assert report.exit_code == 0, report.unchecked()
    wrong = check_text(M05.with_name(M05.stem + ".wrong.md").read_text(encoding="utf-8"))
    assert wrong.exit_code == 1 and wrong.first_wrong()[1].line == 38


def test_a_premise_that_is_not_linear_in_the_unknown_leaves_the_step_undecided():
    r"""σ(Xw) = σ(Xv) is not a linear system in any unknown's entries: that Xw = Xv follows (σ is one to
    one) is not decided, and nothing is refuted."""
    body = r"$$\sigma(X w) = \sigma(X v) \;\Longrightarrow\; X w = X v$$"
    _premise, claim = _steps(body)
    assert claim[1] == "not checked" and "could not be decided" in claim[2], claim
