r"""Notation of real notebooks that the parser now reads (issue 10): starred matrices, prose rows, spacing macros.

Golden cases on lines of the heldout2 corpus (tests/data/heldout2/INDEX.md names each source):
- heldout2/n01, n02, n03, n04, n05, n39: github Baker-B/nn_conspect (commit 249850aa5e79), the
  %%latex cells of 14_activation_sigmoid.ipynb, 15_activation_tanh.ipynb, 20_activation_softmax.ipynb
  and the MSE/BCE Jacobian notebooks: ``gather*`` blocks with ``\text{…}`` prose rows, ``bmatrix*``,
  ``\newcommand{\arraystretch}{2}``, ``y\_true_i``, ``\sum_{i=1}^{i=N}`` and rows ending and starting
  with ``\Rightarrow``.
"""

from __future__ import annotations

import pytest
from sympy import Abs, Symbol
from sympy.core.function import AppliedUndef

from derivations.checker.check import check_text
from derivations.checker.parser import LatexParseError, LatexUnsupportedError, parse_chains
from derivations.checker.matrix_notation import matrix_entries


def _read(text: str) -> tuple:
    """(items of each chain, every note) of ``text``."""
    chains = parse_chains(text)
    return [c.items for c in chains], [n for c in chains for _o, n in c.notes]


def _refusal(text: str) -> str:
    with pytest.raises((LatexParseError, LatexUnsupportedError)) as err:
        parse_chains(text)
    return str(err.value)


# -- bmatrix* and pmatrix* (mathtools) -----------------------------------------------------------------


def test_starred_bmatrix_is_a_bmatrix():
    r"""heldout2/n05 line 49: ``\begin{bmatrix*} … \end{bmatrix*}`` is the same literal as ``bmatrix``."""
    [starred], _ = _read(r"J = \begin{bmatrix*} a \\ b \\ \end{bmatrix*}")
    [plain], _ = _read(r"J = \begin{bmatrix} a \\ b \end{bmatrix}")
    assert starred == plain
    assert matrix_entries(starred[1]) == [[Symbol("a")], [Symbol("b")]]


def test_starred_pmatrix_with_alignment_option():
    r"""``\begin{pmatrix*}[r]``: the column alignment ``[r]`` is layout, not an entry."""
    [items], _ = _read(r"\begin{pmatrix*}[r] 1 & -2 \\ 3 & 4 \end{pmatrix*} = A")
    assert matrix_entries(items[0]) == [[1, -2], [3, 4]]


def test_starred_vmatrix_stays_refused():
    r"""``vmatrix*`` is a determinant: refused as ``vmatrix`` is, never read as a matrix literal."""
    assert "vmatrix*" in _refusal(r"\begin{vmatrix*} a & b \\ c & d \end{vmatrix*} = 0")


# -- \newcommand{\arraystretch}{…} ---------------------------------------------------------------------


def test_arraystretch_is_skipped_with_a_note():
    r"""heldout2/n03 line 35: ``\newcommand{\arraystretch}{2}`` only spaces the rows: skipped, with a note."""
    items, notes = _read(r"\newcommand{\arraystretch}{2} J = \begin{bmatrix*} a \end{bmatrix*}")
    assert len(items) == 1 and items[0][0] == Symbol("J")
    assert any("spacing of rows" in n for n in notes)


def test_other_macros_are_refused():
    r"""``\newcommand{\R}{…}`` defines a macro the parser does not expand: refused, saying so."""
    assert "not expanded" in _refusal(r"\newcommand{\half}{\frac{1}{2}} y = \half x")


# -- \text{…} rows of prose ----------------------------------------------------------------------------


SIGMOID_ROWS = r"""\begin{gather*}
    y = \frac{1}{1 + e^{-x}}\\
        \\
        \text{And it is very easy to find the derivative of the Sigmoid function.}\\
        \\
        \frac{dy}{dx} = \frac{d((1+e^{-x})^{-1})}{dx}
\end{gather*}"""


def test_prose_row_is_skipped_and_the_other_rows_read():
    r"""heldout2/n01 line 17: a row that is only a sentence is prose: a note, and both equations are read."""
    items, notes = _read(SIGMOID_ROWS)
    assert len(items) == 2
    assert any("is prose, not math" in n and "Sigmoid" in n for n in notes)


@pytest.mark.parametrize("row", [
    r"\text{for x positive}",            # a condition on a named variable
    r"\text{only if the step is small}",  # a condition in words
    r"\text{holds when x > 0}",          # a relation inside the text
    r"\text{where $x$ is real}",         # math inside the text
])
def test_prose_that_may_be_a_condition_is_not_skipped(row):
    """A sentence that could restrict the equations (a condition) is never dropped as prose."""
    with pytest.raises((LatexParseError, LatexUnsupportedError)):
        parse_chains(rf"a = b \\ {row} \\ c = d")


def test_prose_inside_a_row_with_math_is_not_skipped():
    r"""``\text{…}`` that shares its row with math is not a prose row (it stays an annotation or refused)."""
    assert "unexpected text" in _refusal(r"a = b \\ \text{So we find that the value is} c = d + e \\ f = g")


def test_quoted_name_and_abbreviation_in_prose():
    r"""heldout2/n03 lines 35 and 48: "the Jacobian 'J' for the Softmax" and "i.e." are prose rows."""
    text = r"""a = b \\ \text{So, the Jacobian 'J' for the Softmax function is:}\\
    \text{Starting with the first term, i.e.,} \\ c = d"""
    items, notes = _read(text)
    assert len(items) == 2 and sum("is prose" in n for n in notes) == 2


# -- rows ending and starting with \Rightarrow ------------------------------------------------------------


def test_arrow_ending_a_row_and_opening_the_next_is_one_implication():
    r"""heldout2/n01 line 19: ``… \Rightarrow \\ \\ \Rightarrow f'(x) = …``: one ⇒, heading the next row."""
    chains = parse_chains(r"a = b + 0 \Rightarrow \\ \\ \Rightarrow a = b")
    assert [c.leading for c in chains] == [None, "implies"]
    assert [str(c.items) for c in chains] == ["(a, b + 0)", "(a, b)"]


# -- y\_true and \sum_{i=1}^{i=N} --------------------------------------------------------------------------


def test_escaped_underscore_name():
    r"""heldout2/n05 line 14: ``y\_true_i`` is one name (y_true indexed by i), with a note."""
    [[lhs, rhs]], notes = _read(r"y\_true_i = y\_pred_i")
    assert lhs == Symbol("ytrue_i") and rhs == Symbol("ypred_i")
    assert any("read as one name (ytrue)" in n for n in notes)


def test_upper_bound_written_with_the_index():
    r"""heldout2/n05 line 14: ``\sum_{i=1}^{i=N}`` is ``\sum_{i=1}^{N}``, with a note."""
    [[left, right]], notes = _read(r"\sum_{i=1}^{i=3} x_i = \sum_{i=1}^{3} x_i")
    assert left == right
    assert any("upper bound" in n for n in notes)


@pytest.mark.parametrize("text", [
    r"\sum_{i=1}^{j=3} x_i = 0",     # the bound names another index: not read as 3
    r"\partial L/\partial w^2 = 0",  # a power, not a layer index: never ∂L/∂w times a square
])
def test_near_misses_stay_refused(text):
    """Shapes next to the ones read above (another index in a bound, a squared variable) stay refused."""
    with pytest.raises((LatexParseError, LatexUnsupportedError)):
        parse_chains(text)


def test_mse_jacobian_notebook_catches_its_typo():
    r"""heldout2/n05 (correct rows, a genuine typo ŷ_2 for ŷ_1 at line 63): the typo is the first wrong step."""
    from pathlib import Path

    path = Path(__file__).parent / "data" / "heldout2" / "n05_mse-jacobian-nnconspect.md"
    report = check_text(path.read_text(encoding="utf-8"), path=str(path))
    refuted = [s for s in report.steps if s.status == "refuted"]
    assert refuted and refuted[0].line == 63


# -- ∂L/∂W written with a slash, C_0(...), L(θ; D) ------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    # heldout2/n10 line 19 (hoadm notes): a calligraphic loss over a bold layer quantity
    (r"\delta^{(\ell)} = \partial \mathcal{L}/\partial \mathbf{z}^{(\ell)}", "Derivative(L, z^{(\\ell)})"),
    # heldout2/n23 line 29 (whatandwhy): a subscript \ell on both sides of the slash
    (r"A_\ell = \partial F_\ell / \partial h_{\ell-1}", "Derivative(F_{\\ell}, h_{\\ell -1})"),
    # heldout2/n38 line 19 (hoadm): two slash derivatives in one equation
    (r"\partial \mathcal{J}/\partial W_i = \partial \mathcal{L}/\partial W_i + 2\lambda W_i", "Derivative(J, W_i)"),
])
def test_slash_partial_with_fonts_and_layer_indices(text, expected):
    r"""``\partial \mathcal{L}/\partial \mathbf{W}^{(\ell)}`` is the derivative ∂L/∂W^{(ℓ)}, with a note."""
    [items], notes = _read(text)
    assert expected in {str(items[0]), str(items[1])}
    assert any("is read as the derivative" in n for n in notes)


def test_unwritten_arguments_are_the_name():
    r"""heldout2/n19 line 15: ``C_0(...)=( a^{(L)}-y)^2`` defines C_0; the dots are not multiplied in."""
    chains = parse_chains(r"C_0(...)=( a^{(L)}-y)^2", functions={"C_0"})
    assert str(chains[0].items) == "(C_0, (a^{(L)} - y)**2)"
    assert any("its arguments are not written" in n for _o, n in chains[0].notes)


def test_semicolon_separates_arguments():
    r"""heldout2/n38 line 14: ``\mathcal{L}(\theta; \mathcal{D})`` is L applied to θ and D, with a note."""
    [items], notes = _read(r"\mathcal{J}(\theta) = \mathcal{L}(\theta; \mathcal{D})")
    assert str(items[1]) == "L(theta, D)"
    assert any("read as a comma" in n for n in notes)


def test_semicolon_outside_arguments_stays_punctuation():
    """A ';' after the math (not in an argument list) stays trailing punctuation, dropped."""
    [items], notes = _read(r"a = (b + c);")
    assert str(items) == "(a, b + c)" and not notes


# -- names in words: \text{Loss}_{BC/IC}, \text{new } w, ŷ(0), \frac{d}{dc} ------------------------------


SEED_000 = "/work/shared/seeds/000_3efcf665678d3a2c.txt (an answer sheet on physics-informed losses)"
SEED_001 = "/work/shared/seeds/001_9c4c40963088d24a.txt (an answer sheet on tanh networks)"


def test_word_with_subscript_is_a_name():
    rf"""{SEED_000} line 177: ``\text{{Loss}}_{{BC/IC}} = …`` defines the quantity Loss_{{BC/IC}}."""
    [items], notes = _read(r"\text{Loss}_{BC/IC} = \frac{1}{N_b} x")
    assert items[0] == Symbol("Loss_{BC/IC}")
    assert any("read as one name, Loss_{BC/IC}" in n for n in notes)


def test_word_with_parenthesised_subscript_is_a_name():
    rf"""{SEED_000} line 175: ``\text{{Loss}}_{{(physical)}}`` is one name (was golden errors.txt seed_loss_text)."""
    [items], _ = _read(r"\text{Loss}_{(physical)} = \frac{1}{N_f} x")
    assert items[0] == Symbol("Loss_{(physical)}")


def test_operator_applied_to_a_function_is_read_as_its_sum():
    rf"""{SEED_000} line 175: ``(\frac{{\partial^2}}{{\partial x^2}} + \frac{{\partial}}{{\partial x}} + 1)\hat{{y}}(x_i)`` is
    ŷ''(x_i) + ŷ'(x_i) + ŷ(x_i), said in a note (checker/operator_sums.py); it was refused before."""
    [items], notes = _read(r"\text{Loss}_{(physical)} = \left| \left(\frac{\partial^2}{\partial x^2} + "
                           r"\frac{\partial}{\partial x} + 1 \right) \hat{y}(x_i) \right|^2")
    inner = items[1].args[0].args[0]  # |…|² → |…| → the sum
    assert len(inner.args) == 3 and any(a.func.__name__ == "yhat" for a in inner.args), items[1]
    assert any("operator acting on yhat, taken at x_i" in n for n in notes)


def test_new_weight_is_another_quantity():
    rf"""{SEED_001} line 90: ``\text{{new }} w_{{k0}}^{{(2)}}`` is a name of its own, not w_{{k0}}^{{(2)}}."""
    [items], notes = _read(r"\text{new } w_{k0}^{(2)} = \sum_{j=1}^M \frac{w_{kj}^{(2)}}{2} + w_{k0}^{(2)}")
    assert items[0] == Symbol("new w_{k0}^{(2)}")
    assert Symbol("w_{k0}^{(2)}") in items[1].free_symbols
    assert any("another quantity than w_{k0}^{(2)}" in n for n in notes)


def test_seed_lines_are_definitions():
    """Seeds 000 (line 177) and 001 (line 90): the lines are read, as definitions of their left sides."""
    seeds = {"000_3efcf665678d3a2c.txt": 177, "001_9c4c40963088d24a.txt": 90}
    for name, line in seeds.items():
        with open(f"/work/shared/seeds/{name}", encoding="utf-8") as handle:
            report = check_text(handle.read())
        assert [s.status for s in report.steps if s.line == line] == ["definition"], name


def test_value_at_a_number():
    rf"""{SEED_000} line 177: ``\hat{{y}}(0)`` is ŷ at 0 (never ŷ·0), and ``\hat{{y}}(L)`` beside it ŷ at L."""
    [items], notes = _read(r"E = \hat{y}(0) - y_0 + \hat{y}(L)")
    assert str(items[1]) == "-y_0 + yhat(0) + yhat(L)"
    assert sum("a function applied" in n for n in notes) == 2


def test_name_before_an_expression_stays_a_product():
    """``y(1 - y)`` is a product even where ``y(0)`` is written in the same block."""
    chains = parse_chains(r"y(0) = 1 \\ z = y(1 - y)")
    assert str(chains[1].items[1]) == "y*(1 - y)"


def test_differential_is_not_a_function_word():
    r"""heldout2/n08 line 67: ``dc`` declared by a note's ``d/dc (…) =`` is still the differential in ``\frac{d}{dc}``."""
    [items] = [c.items for c in parse_chains(r"\frac{d}{dc}(u^2) = 2u \cdot \frac{du}{dc}", functions={"dc"})]
    assert str(items[0]) == "Derivative(u**2, c)"


# -- norms --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,kind", [
    # heldout2/n23 line 13 (whatandwhy): \left\| … \right\| was read as |…|, wrong for a vector
    (r"\left\|\frac{\partial L}{\partial h_0}\right\| = 1", "norm"),
    (r"\|x\|^2 = x^2", "norm"),            # heldout2/n38 line 10 (hoadm): \| … \|
    (r"\lVert v \rVert_2 = 1", "norm_2"),   # \lVert … \rVert with its subscript
    (r"||y-a^L||^2 = 1", "norm"),           # heldout/h07 line 59 (francoisbonnard): plain double bars
    ("‖A‖_F = 1", "norm_F"),
])
def test_norm_is_a_norm_never_an_absolute_value(text, kind):
    """A norm is read as a norm (its value is taken on instances, where the content is a vector),
    never as an absolute value, which would be wrong for a vector."""
    [chain] = parse_chains(text)
    norms = {str(f.func) for f in chain.items[0].atoms(AppliedUndef)}
    assert norms == {kind} and not chain.items[0].atoms(Abs)


def test_norm_with_another_subscript_is_refused():
    """‖v‖_∞ (and other subscripts) are refused, saying which are read."""
    assert "‖…‖_F are read" in _refusal(r"\|v\|_\infty = 1")


def test_absolute_value_bars_stay_abs():
    r"""``\left| x \right|`` and ``\left\vert x \right\vert`` are |x|, as before."""
    assert [str(_read(t)[0][0][0]) for t in (r"\left| x \right| = 1", r"\left\vert x \right\vert = 1")] == ["Abs(x)"] * 2
