r"""Matt Mazur's "A Step by Step Backpropagation Example" notation, as its many copies write it.

Source of the examples: tests/data/heldout2/n34 and n35 (a Chinese-annotated copy of Mazur's post on
GitHub): word names with a subscript (``net_{h1}``, ``out_{o1}``, ``E_{total}``), the updated weight
``w_1^{+}``, and displays inside a Markdown quote (every line begins with ``>``).  Before, ``net_{h1}``
was n·e·t_{h1} with Euler's e inside (``e^{-net_{h1}}`` became exp(−e·n·t_{h1})), ``w_1^{+}`` was a
parse error, a quoted align was skipped, and Σ_o put o = 1 into E_{total} (E_{t1tal}).
"""

from __future__ import annotations

from sympy import Symbol, exp

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains, parse_expression


def test_a_word_with_a_subscript_is_one_name():
    [chain] = parse_chains(r"out_{h1} = \frac{1}{1+e^{-net_{h1}}}")
    assert chain.items[0] == Symbol("out_{h1}")
    assert chain.items[1] == 1 / (1 + exp(-Symbol("net_{h1}")))
    assert parse_expression(r"target_{o1} - out_{o1}") == Symbol("target_{o1}") - Symbol("out_{o1}")


def test_two_letters_and_operator_words_stay_as_they_were():
    assert parse_expression("ax_i") == Symbol("a") * Symbol("x_i")  # a·x_i, a product
    assert Symbol("sum_i") not in parse_expression(r"\delta_j + 1").free_symbols
    assert parse_expression("abc_i") == Symbol("abc_i")  # three letters before a subscript: a name


def test_a_plus_mark_is_part_of_the_name():
    [chain] = parse_chains(r"w_1^{+} = w_1 - \eta g")
    assert chain.items[0] == Symbol("w_1^{+}")
    assert parse_expression("w^+") == Symbol("w^{+}")


MAZUR = r"""
$$
out_{h1} = \frac {1}{1+e^{-net_{h1}}}
$$

$$
\begin{align}
\frac {\partial out_{h1}}{\partial net_{h1}} &= out_{h1}(1-out_{h1}) \\ \\
&= 0.59326999(1- 0.59326999) \\ \\
&= 0.241300709
\end{align}
$$
"""


def test_the_derivative_of_out_by_net_is_proved():
    report = check_text(MAZUR)
    first = report.chains[1].steps[0]
    assert first.status == "proved" and any("read as one name" in n for n in first.notes)
    assert report.steps[-1].status in ("proved", "confirmed")  # the rounding 0.241300709
    assert report.first_wrong() is None


def test_the_update_with_the_wrong_learning_rate_is_refuted_on_its_line():
    """n35: 0.15 − 0.15 · 0.000438568 is 0.149934…, not 0.149780716 (Mazur's η is 0.5)."""
    text = (r"$$\begin{align} w_1^{+} &= w_1 - \eta \cdot g \\ &= 0.15 - 0.15 * 0.000438568 \\"
            "\n" r"&= 0.149780716 \end{align}$$")
    report = check_text(text)
    assert report.steps[0].status == "definition"
    assert report.first_wrong()[1].line == 2
    assert check_text(text.replace("0.15 *", "0.5 *")).first_wrong() is None


def test_a_display_in_a_markdown_quote_is_read():
    quoted = ">$$\n>\\begin{align}\n>x &= 2 + 2 \\\\\n>&= 5\n>\\end{align}\n>$$\n"
    report = check_text(quoted)
    assert [s.status for s in report.steps] == ["definition", "refuted"]
    assert report.first_wrong()[1].line == 4


def test_a_word_subscript_is_not_instantiated_by_a_sum_index():
    """Σ_o over E_{total}'s derivatives: o is the sum's index, "total" is a word (not t·o·t·a·l)."""
    report = check_text(r"$$\frac{\partial E_{total}}{\partial w} = \sum_o \frac{\partial E_{total}}{\partial out_o}"
                        r"\frac{\partial out_o}{\partial w}$$")
    assert "t1tal" not in report.steps[0].reason


def test_a_quantity_named_at_the_end_of_an_indexed_step_is_not_refuted():
    """n35 line 63: (Σ_o δ_o w_{ho}) · out_{h1}(1 − out_{h1}) · i_1 = δ_{h1} i_1 names δ_{h1}; it was refuted
    for an arbitrary δ_{h1} (a false alarm). A member of a family seen before (y_i after y_k) is no new name."""
    report = check_text(r"$$out_{h1} = \frac{1}{1+e^{-net_{h1}}}$$" "\n\n"
                        r"$$(\sum_o \delta_o w_{ho}) out_{h1}(1-out_{h1}) i_1 = \delta_{h1} i_1$$")
    step = report.steps[-1]
    assert step.status == "not checked" and "delta_{h1} appears here for the first time" in step.reason
    report = check_text(r"$$\sum_k y_k x_k = y_i$$")
    assert report.steps[0].status == "refuted"


def test_numbers_in_place_of_names_without_stated_values_are_not_refuted():
    """n35 line 18: out_{h1} = 0.59326999 comes from the forward pass, outside the excerpt."""
    report = check_text(MAZUR)
    step = report.chains[1].steps[1]
    assert step.status == "not checked"
    assert "in place of out_{h1} (0.59326999), whose value the document does not state" in step.reason


def test_numbers_in_place_of_names_with_stated_values_are_checked():
    """With the values stated, a wrong number is refuted and a right one holds."""
    assert check_text("$$x = 3$$\n\n$$x^2 + x = 2^2 + 2$$").steps[-1].status == "refuted"
    assert check_text("$$x = 3$$\n\n$$x^2 + x = 3^2 + 3$$").steps[-1].status == "proved"
    assert check_text("$$y = 2$$\n\n$$x^2 + y = 2^2 + 2$$").steps[-1].status == "not checked"
    assert check_text("$$x^2 + x = 3^2 + 4$$").steps[-1].status == "refuted"  # x: 3 and 4, no substitution
