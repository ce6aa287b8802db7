r"""Notation real notes use that the parser reads with a note, or refuses with the reason (issue 10).

Golden cases on inputs written for these tests and on lines of the real corpus, each named by its
file; the files name their public sources (tests/data/real/INDEX.md, tests/data/heldout/INDEX.md):
- heldout/h05, h06: markusthill.github.io, "backprop delta recursion" and the chain rule (a sum ending
  in ``+ \cdots``);
- heldout2/n25: Ingenjoy/SelectedTopicsOptimization, a 1-D quadratic's minimizer (``\right|_{x^\star}``);
- heldout/h14: abangfarhan's blog post on softmax with cross-entropy (sums written with ``\dots``);
- heldout/h15: a GitHub Jekyll post "Derivative of softmax under Cross-Entropy Error function" (2016);
- heldout/h21: a GitHub note on PCA and the sample variance (``t_1 + \dots + t_N``);
- heldout/h22: notes on Bishop's diagonal Hessian approximation (``h^{'}``, ``k^{'}``);
- heldout/h23: pikazlou's convolution backprop post (``L(y_{11}, …)``, ``vmatrix``);
- heldout/h25, h32, h33, h35 (Math StackExchange answer on tanh/Sig, purepisces' notes, vxnuaj's notes);
- real/12 (DeepLearning.AI community answer), real/35 (a Jekyll post on residual networks);
- the seed answer sheet /work/shared/seeds/000_3efcf665678d3a2c.txt line 104 (``180^\circ``);
- heldout2/n03: Baker-B/nn_conspect's softmax notebook (the Jacobian ``\frac{\partial (y_1,…)}{\partial (x_1,…)}``);
- heldout2/n29: hifreedo's notes on a matrix product's backward pass (``C = AB`` then ``\begin{cases} c_1 =
  a_1b_1 + a_2b_3 \\ …\end{cases}``).
"""

from __future__ import annotations

import pytest
import sympy
from sympy import Derivative, Function, Symbol

from derivations.checker.check import check_text
from derivations.checker.indexed import IndexedSum
from derivations.checker.parser import LatexParseError, LatexUnsupportedError, parse_chains


def _read(text: str, functions=()) -> tuple:
    """(items of each chain, every note) of ``text``."""
    chains = parse_chains(text, functions=functions)
    return [c.items for c in chains], [n for c in chains for _o, n in c.notes]


def _refusal(text: str, functions=()) -> str:
    with pytest.raises((LatexParseError, LatexUnsupportedError)) as err:
        parse_chains(text, functions=functions)
    return str(err.value)


# -- sums written with an ellipsis ------------------------------------------------------------------

def test_ellipsis_sum_h21():
    """heldout/h21 line 38: t_1 + \\dots + t_N is the sum of t_k for k = 1…N, with a note."""
    [[lhs, rhs]], notes = _read(r"m = \dfrac{1}{N}(t_1+ \dots + t_N)")
    [kept] = rhs.atoms(IndexedSum)
    assert str(kept) == "Σ_{k=1..N}(t_k)" and notes == [r"t_1 + … + t_N is read as \sum_{k=1}^{N} t_k"]


def test_ellipsis_sum_of_derivative_products_h14():
    """heldout/h14 line 62: the written chain-rule terms become Σ_k ∂L/∂p_k ∂p_k/∂x_i."""
    text = (r"\frac{\partial L}{\partial p_1} \frac{\partial p_1}{\partial x_i} + "
            r"\frac{\partial L}{\partial p_2} \frac{\partial p_2}{\partial x_i} + \dots + "
            r"\frac{\partial L}{\partial p_n} \frac{\partial p_n}{\partial x_i}")
    [[value]], notes = _read(text)
    k = Symbol("k")
    assert value == IndexedSum(Derivative(Symbol("L"), Symbol("p_k")) * Derivative(Symbol("p_k"), Symbol("x_i")),
                               sympy.Tuple(k, 1, Symbol("n")), sympy.Tuple())
    assert "is read as \\sum_{k=1}^{n}" in notes[0]


def test_ellipsis_sum_before_a_remark_or_a_condition():
    """The sum ends where a remark, a full stop or a comma before a condition starts."""
    for text in (r"S = a_1 + \dots + a_n \quad \text{(the sum)}", r"S = a_1 + \dots + a_n.",
                 r"S = a_1 + \dots + a_n, \quad n > 2"):
        [[_s, value]], _ = _read(text)
        assert str(value) == "Σ_{k=1..n}(a_k)"


def test_ellipsis_concrete_bounds_expand():
    """x_1 + x_2 + \\dots + x_{10} is the ten terms; a two-index term w_{1j} x_1 keeps j."""
    [[value]], _ = _read(r"x_1 + x_2 + \dots + x_{10}")
    assert value == sum(Symbol(f"x_{k}" if k < 10 else "x_{10}") for k in range(1, 11))
    [[value]], _ = _read(r"a_{1j} x_1 + a_{2j} x_2 + \cdots + a_{nj} x_n")
    assert str(value) == "Σ_{k=1..n}(a_{kj}*x_k)"


@pytest.mark.parametrize("text,reason", [
    # heldout/h14 line 74: a special term between two sets of dots
    (r"p_iy_1 + p_iy_2 + \dots + (p_i -y_i) + \dots + p_i y_n", "two sets of dots"),
    # one term and the dots: the pattern is not fixed; two that do not go up by one
    (r"y = a_1 + \cdots", "the pattern is not fixed"),
    (r"y = a_1 + a_3 + \cdots", "does not go up by one"),
    # heldout/h05 line 14: dots in an argument list
    (r"z_k^{(\ell+1)} = z_k^{(\ell+1)}(\ldots, z_i^{(\ell)}, \ldots)", "dots in a list"),
    # heldout/h14 line 90, h30 line 55: a matrix of unstated size
    (r"\begin{bmatrix} p_1 - y_1 \\ \vdots \\ p_n - y_n \end{bmatrix}", "dots in a matrix"),
    (r"x_1 + x_3 + \dots + x_n", "does not go up by one"),
    (r"a_1 b_1 + a_2 b_n + \dots + a_n b_n", "do not vary in the same places"),
    (r"1 + 2 + \dots + n", "do not differ in one index"),
    (r"a_{11} + \dots + a_{1n}", "do not differ in one index"),  # is a_{11} eleven or (1, 1)?
    (r"x_1 x_2 \cdots x_n", "inside a product"),
    (r"a_1 - a_2 - \dots - a_n", "not a term of a sum of + terms"),
    (r"c - a_1 + a_2 + \dots + a_n", "subtracted"),
])
def test_ellipsis_refused_with_reason(text, reason):
    """Dots whose terms do not fix the sum are refused, and the reason says why (never a guess)."""
    assert reason in _refusal(text)


def test_ellipsis_without_a_last_term_is_a_sum_whose_end_is_not_written():
    """heldout/h05 line 31 and h06 line 95 (MarkusThill's chain rule): ``t_1 + t_2 + \\cdots`` with no
    last term is \\sum_{k=1} t_k, read as a sum without bounds is; a note says so."""
    [[_s, value]], notes = _read(r"y = \frac{\partial L}{\partial z_1} \frac{\partial z_1}{\partial y} + "
                                 r"\frac{\partial L}{\partial z_2} \frac{\partial z_2}{\partial y} + \cdots")
    assert str(value) == "Σ_{k}(Derivative(L, z_k)*Derivative(z_k, y))"
    assert value.first == 1 and "no last term" in notes[0] and "end is not written" in notes[0]
    report = check_text("$$a_1 + a_2 + \\cdots = \\sum_{j=1}^{n} a_j$$\n\n"
                        "$$b_1 + b_2 + \\cdots = \\sum_{j=2}^{n} b_j$$\n\n"
                        "$$c_1 + c_2 + \\cdots = c_1 + c_2$$\n")
    assert [s.status for s in report.steps] == ["proved", "refuted", "refuted"]


def test_dots_alone_on_a_line_claim_nothing():
    """A line holding only \\vdots between two equations is skipped, the equations are read."""
    items, _ = _read(r"a = b \\ \vdots \\ c = d")
    assert items == [(Symbol("a"), Symbol("b")), (Symbol("c"), Symbol("d"))]


def test_ellipsis_step_is_checked_end_to_end():
    """A true step written with dots is proved, a false one refuted (the reading is the sum)."""
    report = check_text("$$x_1 + x_2 + \\dots + x_n = \\sum_{j=1}^n x_j$$\n\n"
                        "$$a_1 + \\dots + a_n = \\sum_{j=1}^{n} a_j + 1$$\n")
    assert [s.status for s in report.steps] == ["proved", "refuted"]


# -- indices ----------------------------------------------------------------------------------------

def test_subscript_fixing_the_index_h15():
    """heldout/h15 line 80: y_{k=i} and e^{z_{k=i}} are y_i and e^{z_i}, each with a note."""
    [[lhs, rhs, *_]], notes = _read(r"\frac{\partial y_{k=i}}{\partial z_i} = \frac{e^{z_{k=i}} \sum e^{z_j} - "
                                    r"e^{z_{k=i}}e^{z_i}}{(\sum e^{z_j})^2}")
    assert lhs == Derivative(Symbol("y_i"), Symbol("z_i"))
    assert "y_{k=i} is read as y_i (the term with index k set to i)" in notes
    assert "z_{k=i} is read as z_i (the term with index k set to i)" in notes


def test_subscript_restricting_the_index_is_refused_h15():
    """heldout/h15 line 88: y_{k \\not= i} names no single term: refused with the reason."""
    assert "restricts the index" in _refusal(r"{\partial y_{k \not= i} \over \partial z_i} = - y_{k \not= i} y_i")


def test_indicator_of_two_indices_is_the_kronecker_delta_h15():
    """heldout/h15 lines 50-60: 1\\{k = i\\} and 1_{i=j} are δ_{ki} and δ_{ij}, each with a note (they were refused)."""
    [[lhs, rhs]], notes = _read(r"\frac{\partial y_k}{\partial z_i} = y_k (1\{k = i\} - y_i)")
    assert Symbol("delta_{ki}") in rhs.free_symbols and "1" not in str(rhs.free_symbols)
    assert any(n.startswith(r"1\{k = i\} (an indicator of two indices) is read as the Kronecker delta δ_{ki}")
               for n in notes), notes
    [[_lhs, rhs]], _notes = _read(r"\frac{\partial s_i}{\partial a_j} = s_i(1_{i=j} - s_j)")
    assert Symbol("delta_{ij}") in rhs.free_symbols
    [[_lhs, rhs]], _notes = _read(r"g = \mathbb{1}\{j = k\} x")
    assert Symbol("delta_{jk}") in rhs.free_symbols


def test_unreadable_document_function_does_not_skip_every_block():
    """A name like y_{k \\neq i}(…) = … taken for a function no longer makes every other block fail."""
    report = check_text("$$y_{k \\neq i} (a + b) = c$$\n\n$$(2 + 3)^2 = 25$$\n")
    assert [s.status for s in report.steps] == ["proved"]
    assert any("restricts the index" in n.message for n in report.notes)


def test_primes_written_as_superscripts_h22():
    """heldout/h22 line 40: h^{'}(a_j) and h^{''}(a_j) are h' and h''; k^{'} in a subscript is k'."""
    text = (r"\frac{\partial^2 E_n}{\partial a_j^2} = h^{''}(a_j)\sum_k W_{kj} \frac{\partial E_n}{\partial a_k}"
            r" + h^{'}(a_j)^2 \sum_k W_{kj}^2 \frac{\partial^2 E_n}{\partial a_k^2}")
    [[_lhs, rhs]], _ = _read(text, functions={"h"})
    a = Symbol("a_j")
    assert Derivative(Function("h")(a), (a, 2)) in rhs.atoms(Derivative)
    [[value]], _ = _read(r"W_{kj}W_{k^{'}j}")
    assert value.free_symbols == {Symbol("W_{kj}"), Symbol("W_{k'j}")} and value.is_Mul
    assert "over index k'" in _refusal(r"\sum_{k^{'}} W_{k^{'}j}")


# -- functions --------------------------------------------------------------------------------------

def test_function_of_several_arguments_real35_h23():
    """real/35 line 9 and heldout/h23 line 88: F(a, b) is F applied to (a, b), with a note."""
    [[lhs, rhs]], notes = _read(r"x_{l+1}=x_{l}+\mathcal{F}(x_l,\mathcal{W}_l)")
    assert rhs == Symbol("x_l") + Function("F")(Symbol("x_l"), Symbol("W_l"))
    assert notes == ["F(…, …) is read as the function F applied to its arguments"]
    [[lhs, rhs]], _ = _read(r"L = L(y_{11}, y_{12}, y_{21}, y_{22})")
    assert rhs.func == Function("L") and len(rhs.args) == 4
    assert "tuple" in _refusal(r"SE(A, Y) = 1")  # S·E(A, Y)? a word not declared stays refused
    assert "tuple" in _refusal(r"(x, w) = 1")


def test_function_without_argument_in_a_derivative_h32_h25():
    """heldout/h32 line 48 and h25 line 14: d tanh/dZ is the derivative of tanh(Z); δ…\\over δ… too."""
    [[lhs, rhs]], notes = _read(r"\frac{d\tanh}{dZ} = 1 - \tanh^2(Z)")
    z = Symbol("Z")
    assert lhs == Derivative(sympy.tanh(z), z) and "read as tanh(Z)" in notes[0]
    [[lhs, rhs]], notes = _read(r"{\delta Sig\over\delta x}=Sig(x)(1-Sig(x))", functions={"Sig"})
    assert lhs == Derivative(Function("Sig")(Symbol("x")), Symbol("x"))
    assert any("δ written for ∂" in n for n in notes)
    # σ(1 − σ) with σ alone: the product (heldout3 m06, deepdive's logistic-regression gradient; it was refused)
    [[_lhs, rhs]], notes = _read(r"\frac{d\sigma}{dz} = \sigma(1-\sigma)")
    s = Symbol("sigma")
    assert rhs == s * (1 - s) and any("read as the product σ·(1 − σ)" in n for n in notes)


def test_over_is_a_derivative_not_a_ratio_of_products():
    """{dy \\over dx} is dy/dx (it was read as (d·y)/(d·x) = y/x, a misreading); {a \\over b} stays a/b."""
    [[lhs, _rhs]], _ = _read(r"{dy \over dx} = 2x")
    assert lhs == Derivative(Symbol("y"), Symbol("x"))
    [[value]], _ = _read(r"{a \over b}")
    assert value == Symbol("a") / Symbol("b")


def test_primed_name_without_argument_real12():
    """real/12 line 17: u' = e^x is the derivative of u by a variable left open, which the checker
    takes from u's definition (tests/test_primes.py); it was refused before."""
    from derivations.checker.primes import OPEN
    [[lhs, rhs]], _notes = _read(r"u' = e^x")
    assert lhs == sympy.Derivative(sympy.Symbol("u"), OPEN) and rhs == sympy.exp(sympy.Symbol("x"))


# -- numbers, layout, refusals ----------------------------------------------------------------------

def test_thousands_separator_h33():
    """heldout/h33 line 40: (300,000 - 350,000)^2 is (300000 - 350000)^2, with a note; (1, 000) is not one."""
    [[lhs, rhs]], notes = _read(r"(300,000 - 350,000)^2 = 2500 \times 10^6")
    assert sympy.simplify(lhs - rhs) == 0
    assert "300,000 is read as 300000 (commas separating thousands)" in notes
    [[value]], _ = _read(r"f(1,000)", functions={"f"})
    assert value == Function("f")(1000)


def test_displaylines_and_eqalign_h35():
    """heldout/h35 line 15: \\displaylines lines are read as lines; \\eqalign with \\cr as an aligned chain."""
    items, _ = _read(r"\displaylines{ \frac{∂L}{∂x_5} = x_5 - p \\[5mm] \frac{∂L}{∂x_4} = "
                     r"(\frac{∂L}{∂x_5})(\frac{∂x_5}{∂x_4}) \\[5mm]}")
    assert len(items) == 2 and items[0][1] == Symbol("x_5") - Symbol("p")
    items, _ = _read(r"\eqalign{ a &= b + 0 \cr &= b }")
    assert [[str(e) for e in chain] for chain in items] == [["a", "b + 0", "b"]]
    [[_a, _b]], _ = _read(r"k \not= i")


@pytest.mark.parametrize("text,reason", [
    (r"\nabla C=2(a^L-y)", "without its variable"),  # heldout/h01 line 54, without the subscript
    (r"\begin{vmatrix} 1 & 2 \\ 3 & 4 \end{vmatrix}", "a matrix drawn between bars"),  # heldout/h23 line 21
    (r"f \circ g = h", "write f(g(x))"),
    # seed 000 line 104: \text{flip}(180^\circ) is an angle, not a composition
    (r"\frac{\partial L}{\partial x} = \frac{\partial L}{\partial y} \otimes \text{flip}(180^\circ)", "degrees"),
])
def test_refusals_say_what_is_missing(text, reason):
    """Constructs still refused say what they would mean and what to write instead."""
    assert reason in _refusal(text)


def test_three_periods_are_the_ellipsis():
    """Plain-text dots, as blogs type them (heldout h20, arqmath: λ_1X_1^2 + λ_2X_2^2+...+λ_nX_n^2;
    blackkeys17: C=C(z^{l+1}_1,...,z^{l+1}_n)): a sum with dots is read as the sum it denotes, a
    statement of what C depends on as that (tests/test_dependency_statements.py), and other dots in an
    argument list are refused as such, not as stray punctuation."""
    [step] = check_text(r"$$a_1 + a_2 + ... + a_n = \sum_{i=1}^n a_i$$").steps
    assert step.status == "proved", step.describe()
    assert "read as \\sum_{k=1}^{n} a_k" in step.describe()
    report = check_text(r"Treat $C=C(z^{l+1}_1,...,z^{l+1}_n)$ as a function.")
    assert [n.kind for n in report.notes] == ["definition"] and "C depends on" in report.notes[0].message
    report = check_text(r"Treat $f(z_1,...,z_n) = 0$ as a condition.")
    assert [n.message for n in report.notes if "dots in a list" in n.message], report.notes


def test_evaluation_bar_is_the_value_at_the_point():
    """heldout2/n25 (github Ingenjoy/SelectedTopicsOptimization): ``\\left. E \\right|_{x^\\star}`` is E at
    x = x^\\star (the variable read from the point's name, with a note); ``_{x = a}`` names it."""
    report = check_text("$$f(x) = \\frac{1}{2}px^2+qx +r$$\n\n"
                        "$$\\left.\\frac{d^2f(x)}{dx^2}\\right|_{x^\\star} = p$$\n\n"
                        "$$\\left. \\frac{d}{dx} x^3 \\right|_{x = 2} = 12$$\n\n"
                        "$$\\left. \\frac{d}{dx} x^3 \\right|_{x = 2} = 13$$\n")
    assert [s.status for s in report.steps] == ["definition", "proved", "proved", "refuted"]
    assert "read as the value at x = x^\\star" in report.steps[1].notes[0]


@pytest.mark.parametrize("text", [
    r"g = \left. y^2 \right|_{x^\star}",  # no x in the expression: which variable?
    r"g = \left. y^2 \right|_{x + 1}",  # a point without its variable, and not a marked name
])
def test_evaluation_bar_that_does_not_name_its_variable_is_not_read(text):
    with pytest.raises((LatexParseError, LatexUnsupportedError)):
        parse_chains(text)


def test_left_dot_without_a_bar_is_an_invisible_delimiter():
    """``\\left. … \\right.`` (no delimiter on either side) reads as before: the dots are dropped."""
    [[_g, value]], _ = _read(r"g = \left. (x + 1) \right.")
    assert str(value) == "x + 1"


# --- the Jacobian written as ∂(y_1, …)/∂(x_1, …) (heldout2/n03) ------------------------------------

def test_jacobian_of_tuples_is_the_matrix_of_partial_derivatives():
    r"""``\frac{\partial (y_1,y_2)}{\partial (x_1,x_2)}`` is the 2×2 matrix [∂y_i/∂x_j], a row per y_i,
    with a note (it was a parse error: "cannot read this partial derivative")."""
    (items,), notes = _read(r"J = \frac{\partial (y_1,y_2)}{\partial (x_1,x_2)}")
    x1, x2, y1, y2 = (Symbol(n) for n in ("x_1", "x_2", "y_1", "y_2"))
    rows, columns, *entries = items[1].args
    assert (rows, columns) == (2, 2)
    assert entries == [Derivative(y, x) for y in (y1, y2) for x in (x1, x2)]
    assert any("Jacobian matrix" in n for n in notes)


def test_jacobian_is_checked_against_its_written_entries():
    """Defined outputs: the right matrix of partials is confirmed, a wrong entry refuted with the instance;
    undefined outputs (y_i = f_i(x_1, x_2)): the matrix of the same ∂y_i/∂x_j is the same, entry by entry."""
    defs = "$$y_1 = x_1 x_2$$\n$$y_2 = x_1 + x_2$$\n"
    right = check_text(defs + r"$$\frac{\partial (y_1,y_2)}{\partial (x_1,x_2)} = "
                              r"\begin{bmatrix} x_2 & x_1 \\ 1 & 1 \end{bmatrix}$$").steps[-1]
    wrong = check_text(defs + r"$$\frac{\partial (y_1,y_2)}{\partial (x_1,x_2)} = "
                              r"\begin{bmatrix} x_2 & x_1 \\ 1 & 2 \end{bmatrix}$$").steps[-1]
    assert right.status in ("confirmed", "proved"), right.describe()
    assert wrong.status == "refuted", wrong.describe()
    same = check_text(r"$$y_1 = f_1(x_1,x_2)$$" "\n" r"$$y_2 = f_2(x_1,x_2)$$" "\n"
                      r"$$\frac{\partial (y_1,y_2)}{\partial (x_1,x_2)} = \begin{bmatrix} \frac{\partial y_1}"
                      r"{\partial x_1} & \frac{\partial y_1}{\partial x_2} \\ \frac{\partial y_2}{\partial x_1} & "
                      r"\frac{\partial y_2}{\partial x_2} \end{bmatrix}$$").steps[-1]
    assert same.status == "proved" and "entry by entry" in same.reason, same.describe()
    swapped = check_text(r"$$y_1 = f_1(x_1,x_2)$$" "\n" r"$$y_2 = f_2(x_1,x_2)$$" "\n"
                         r"$$\frac{\partial (y_1,y_2)}{\partial (x_1,x_2)} = \begin{bmatrix} \frac{\partial y_1}"
                         r"{\partial x_2} & \frac{\partial y_1}{\partial x_1} \\ \frac{\partial y_2}{\partial x_1} & "
                         r"\frac{\partial y_2}{\partial x_2} \end{bmatrix}$$").steps[-1]
    assert swapped.status != "proved", swapped.describe()


def test_jacobian_by_something_other_than_names_is_refused():
    """∂(y_1, y_2)/∂(x_1 + 1, x_2): with respect to what? A parse error that says so."""
    with pytest.raises(LatexParseError, match="names only"):
        parse_chains(r"\frac{\partial (y_1,y_2)}{\partial (x_1 + 1,x_2)}")


def test_cases_listing_names_and_values_is_read_one_equation_a_line():
    """n29's ``\\begin{cases} c_1 = a_1b_1 + a_2b_3 \\\\ …`` after ``C = AB``: each row a name and its value,
    no condition: read as one equation a line (with a note), and the rows are used after."""
    text = ("$$A = B + 1 \\\\\n\\begin{cases}\nc_1 = a_1b_1 + a_2b_3 \\\\\nc_2 = a_1b_2 + a_2b_4\n\\end{cases}"
            "\\\\\nc_1 + c_2 = a_1(b_1 + b_2) + a_2(b_3 + b_4)\n$$")
    steps = check_text(text).steps
    assert [s.status for s in steps] == ["definition", "definition", "definition", "proved"], [s.describe() for s in steps]
    assert "one equation a line" in steps[1].notes[0]


def test_cases_system_to_solve_or_after_a_left_side_is_refused():
    """``x + y = 3 \\\\ x - y = 1`` in cases are conditions to solve, not identities; ``D = \\begin{cases} u = 1
    …`` gives a value as a list: both refused with the reason, never refuted row by row."""
    for text in ("$$\\begin{cases} x + y = 3 \\\\ x - y = 1 \\end{cases}$$", "$$D = \\begin{cases} u = 1 \\\\ v = 2 \\end{cases}$$"):
        report = check_text(text)
        assert not report.steps and report.exit_code == 3
        assert any("a row without a condition (no &): a system of equations?" in n.message for n in report.notes)
