r"""Spellings real notes use that the checker skipped, and the false alarm reading one of them exposed.

Sources: heldout4/f15, septa97's "MSE gradient" post (septa97/septa97.com), writes ``\frac{\partial_{MSE}}{\partial
w_0}``; heldout6/q17, a Chinese two-layer backprop walk-through, writes ``\delta{_2}`` and pastes a zero-width
space into a formula; heldout7/r09, an assignment answer, writes ``\theta{_k}``; heldout6/q10, a Bengali softmax
walk-through whose ``\;`` lost its backslash (``[2,;1,;0]``) and which names a vector's entries and their values in
one chain, ``z = [z_1, z_2, z_3] = [2, 1, 0]``; heldout10/u09, kyuusaku's softmax post (kyuusaku/kyuusaku.github.io),
writes ``\right)^{\prime}``.  Each file and its source are in the folders' INDEX.md.
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains

DATA = Path(__file__).resolve().parent / "data"


def _steps(folder: str, name: str, line: int):
    report = check_text((DATA / folder / name).read_text(encoding="utf-8"), path=name)
    return report, [s for s in report.steps if s.line == line]


def test_a_subscript_on_the_partial_sign_of_a_numerator_is_what_is_differentiated():
    """f15: ``\\partial_{MSE}`` over ``\\partial w_0`` is ∂MSE/∂w_0, with a note; the true chain rule is checked."""
    [chain] = parse_chains(r"\frac{\partial_{MSE}}{\partial w_0} = 2")
    assert str(chain.items[0]) == "Derivative(MSE, w_0)"
    report, [step] = _steps("heldout4", "f15_mse-gradient-septa97.md", 22)
    assert step.status == "confirmed"
    assert not [n for n in report.notes if n.line == 22 and n.kind == "parse error"]
    assert report.first_wrong()[1].line == 34  # the genuine slip (∂u/∂w_0 = x_0, not −x_0) stays the first
    loose = check_text(r"$$\frac{\partial_x f}{\partial x} = 1$$")  # ∂ with a subscript and an operand: not this
    assert not [s for s in loose.steps if s.status in ("proved", "confirmed")]


def test_a_subscript_in_braces_of_its_own_belongs_to_the_name_before_it():
    """q17 and r09: ``\\delta{_2}`` is δ_2 and ``\\theta{_k}`` θ_k (LaTeX sets them so), each with a note."""
    [chain] = parse_chains(r"\delta{_2} + \theta{_k} = \delta {_{12}}")
    assert [str(i) for i in chain.items] == ["delta_2 + theta_k", "delta_{12}"]
    report, steps = _steps("heldout6", "q17_backprop-numeric-two-layer-zh.md", 70)
    assert steps and steps[0].status == "proved"  # ∂L/∂b_2 = δ_2 with δ_2 := ∂L/∂z_2
    report, steps = _steps("heldout7", "r09_softmax-ce-gradient-assignment-answer.md", 22)
    assert steps and steps[0].status == "confirmed"


def test_a_zero_width_space_is_a_space():
    """q17 pastes U+200B into a formula; it was "unexpected character"."""
    step = check_text("$$\\frac{d}{dx} x^2 =\u200b 2x$$").steps[0]
    assert step.status == "proved"


def test_a_comma_and_a_lost_backslash_space_are_a_comma():
    """q10: ``[1,;0,;0]`` (``\\;`` without its backslash) is the list [1, 0, 0], with a note."""
    [chain] = parse_chains("y = [1,;0,;0]")
    assert str(chain.items[1]) == str(parse_chains("[1, 0, 0]")[0].items[0])
    assert [s.status for s in check_text("$$[1,;2] + [1, 1] = [2,;3]$$").steps] == ["proved"]


def test_a_vector_named_with_its_entries_and_their_values_is_a_definition():
    """q10: ``z = [z_1, z_2, z_3] = [2,;1,;0]`` gives z and the values of its entries; the second link
    was refuted as an identity (z_1 = 3/2 ≠ 2) once the ``,;`` was read: a false alarm."""
    report, steps = _steps("heldout6", "q10_softmax-backprop-numeric-bn.md", 20)
    assert [s.status for s in steps] == ["definition", "definition"]
    assert "gives z_1, z_2, z_3 their values" in steps[1].reason
    later = check_text("$$z = [z_1, z_2] = [2, 1]$$\n\n$$z_1 + z_2 = 3$$\n\n$$z_1 - z_2 = 3$$")
    assert [s.status for s in later.steps][-2:] == ["proved", "refuted"]
    seen = check_text("$$z_1 = 4$$\n\n$$z = [z_1, z_2] = [2, 1]$$")  # z_1 had a value: a claim, checked
    assert seen.steps[-1].status == "refuted"


def test_the_gradient_of_a_function_of_several_arguments_is_the_column_of_its_partials():
    """heldout9/t04 (cescript's Turkish gradient-descent post) writes ``\\nabla f(x,y)`` for f(x, y) = x² + 2y²:
    it was refused ("\\nabla without its variable"); it is the column (∂f/∂x, ∂f/∂y), with a note."""
    text = "$$f(x,y) = x^2+2y^2$$\n\n$$\\nabla f(x,y) = \\begin{bmatrix} 2x \\\\ 4y \\end{bmatrix}$$\n\n"
    right = check_text(text)
    assert [s.status for s in right.steps] == ["definition", "confirmed"]
    assert "random exact values of its unknowns" in right.steps[1].reason
    assert any("column of its partial derivatives by x, y" in n for n in right.steps[1].notes)
    wrong = check_text(text.replace("4y", "4x"))
    assert wrong.steps[1].status == "refuted" and "right = [3, 6]ᵀ" in wrong.steps[1].reason
    hessian = check_text("$$f(x,y) = x^2+2y^2$$\n\n$$\\nabla^2 f(x,y) = 2$$")  # a Hessian of several: still refused
    assert any("\\nabla without its variable" in n.message for n in hessian.notes)


def test_an_exponent_of_e_in_brackets_is_read_as_one():
    """heldout9/t02 ("Tanh is the rescaled version of the sigmoid") writes ``1+e^[2x]`` once among many ``e^{2x}``:
    on e it is the exponent 2x (a note says so); on another base it stays refused."""
    [chain] = parse_chains("e^[2x] + 1 = e^{2x} + 1")
    assert chain.items[0] == chain.items[1]
    folder = DATA / "heldout9"
    right = check_text((folder / "t02_tanh-sigmoid-rescale-en.md").read_text(encoding="utf-8"))
    assert right.exit_code == 0
    wrong = check_text((folder / "t02_tanh-sigmoid-rescale-en.wrong.md").read_text(encoding="utf-8"))
    assert wrong.first_wrong()[1].line == 19  # the injected e^{x} for e^{2x}
    assert any("^[2x] is read as the exponent ^{2x}" in n for s in wrong.steps for n in s.notes)
    other = check_text("$$x^[2] = x^2$$")
    assert not other.steps or other.steps[0].status != "proved"


def test_a_prime_written_as_a_superscript_on_brackets_is_the_primes_of_the_brackets():
    """heldout10/u09 (kyuusaku's softmax post) writes ``\\left(\\frac{e^{z_j}}{\\sum_k e^{z_k}}\\right)^{\\prime}``:
    ``^{\\prime}`` after a bracket was a parse error; it is ``(…)'``.  There the brackets hold a sum over an index,
    whose derivative by which variable the prime does not say: refused, where it had made the checker fail (a
    Tuple differentiated) once read."""
    assert [s.status for s in check_text(
        "$$\\left(\\frac{1}{1+e^{-x}}\\right)^{\\prime} = \\frac{e^{-x}}{(1+e^{-x})^2}$$").steps] == ["proved"]
    assert [s.status for s in check_text("$$(x^3)^{\\prime\\prime} = 6x$$").steps] == ["proved"]
    assert [s.status for s in check_text("$$(x^3)^{'} = 2x^2$$").steps] == ["refuted"]
    report = check_text((DATA / "heldout10" / "u09_softmax-jacobian-jekyll-en.md").read_text(encoding="utf-8"))
    assert not [s for s in report.steps if "failed on this step" in s.reason]
    assert [n.line for n in report.notes if "prime on an expression with a sum over an index" in n.message] == [18, 29]
    summed = check_text("$$\\left(\\sum_{k=1}^{K} e^{z_k}\\right)' = e^{z_j}$$")
    assert [n.kind for n in summed.notes] == ["unsupported"]
