"""Where a chain that starts with a relation (``= …``) takes its left side from, and unread notes.

Golden tests on the held-out files tests/data/heldout2/n36_chain-rule-examples-lesson.md and
n37_backprop-numeric-single-neuron-lesson.md (a GitHub Markdown lesson, "The Chain Rule — The
Foundation of Backpropagation"; tests/data/heldout2/INDEX.md names it), on the seed answer sheets
tests/data/seeds/000_3efcf665678d3a2c.txt and 001_9c4c40963088d24a.txt (copies of
../shared/seeds/, transcriptions of handwritten exam answers), and on inputs written here.
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text

DATA = Path(__file__).resolve().parent / "data"


def _check(name: str):
    return check_text((DATA / name).read_text(encoding="utf-8"), path=name)


def _at(report, line: int):
    return [s for s in report.steps if s.line == line]


def test_a_line_of_inline_math_after_a_display_continues_it_and_says_so():
    """n37 line 21: ``$= σ'(a)·1·x$`` goes on from the display on line 19 (not checked: y is undefined)."""
    first, second = _at(_check("heldout2/n37_backprop-numeric-single-neuron-lesson.md"), 21)
    assert first.left.startswith(r"\frac{\partial y}{\partial a}") and first.status == "not checked"
    assert any("the end of the math on line 19" in n for n in first.notes)
    assert second.status == "proved"


def test_a_continued_product_of_derivatives_holds_with_their_stated_values():
    """n37 line 48: ∂L/∂ŷ·∂ŷ/∂a·∂a/∂z·∂z/∂w = (−0.5)×0.1875×1×2 holds with the values of lines 36–42
    (exactly σ(1.1) gives −0.18717: the document's rounding, not a wrong step); the file exits 3 (line 21)."""
    report = _check("heldout2/n37_backprop-numeric-single-neuron-lesson.md")
    first, second = _at(report, 48)
    assert first.status == "proved", first.reason
    assert "the document states for its derivatives" in first.reason and "-0.5 (line 36)" in first.reason
    assert any("the end of the math on line 46" in n for n in first.notes)
    assert second.status == "proved"
    assert not [s for s in report.steps if s.status in ("refuted", "inconclusive")]


def test_the_dropped_factor_in_the_continued_product_is_refuted_at_both_steps():
    """n37.wrong line 49: with ×2 left out, the step from the product and the arithmetic are both refuted."""
    report = _check("heldout2/n37_backprop-numeric-single-neuron-lesson.wrong.md")
    assert [s.status for s in _at(report, 49)] == ["refuted", "refuted"]
    assert report.exit_code == 1


def test_a_continuation_after_stated_values_goes_on_at_those_values():
    """n36 line 35: ``= (4 + 1)(2) + (2)(2)`` continues line 31 at t = 1 (stated between), and says so."""
    report = _check("heldout2/n36_chain-rule-examples-lesson.md")
    steps = _at(report, 35)
    assert [s.status for s in steps] == ["proved", "proved", "proved"]
    assert steps[0].left == "(2x + y)(2) + (x)(2t)"
    assert any("at the values stated between them" in n and "t = 1" in n for n in steps[0].notes)
    assert not [s for s in report.steps if s.status in ("refuted", "inconclusive")]


def test_a_false_continuation_at_stated_values_is_not_refuted():
    """A step false at values stated between is not checked (they may be meant for what follows), saying why."""
    text = "$$f = x^2 + x$$\n\nAt $x = 2$:\n\n$= 7$\n"
    [*_, step] = check_text(text).steps
    assert step.status == "not checked" and "values stated before it" in step.reason


def test_words_before_the_relation_name_the_quantity():
    r"""Seed 001 line 64: ``\therefore Input pixels $= 9 \times 9 = 81$``: the words are defined, 9 × 9 = 81 checked."""
    first, second = _at(_check("seeds/001_9c4c40963088d24a.txt"), 64)
    assert (first.relation, first.status, first.left) == (":=", "definition", "Input pixels")
    assert any("the words 'Input pixels'" in n for n in first.notes)
    assert (second.left, second.status) == (r"9 \times 9", "proved")


def test_words_that_are_not_a_name_do_not_start_a_chain():
    """``we get $= 4$`` names nothing: the step stays not checked."""
    [step] = check_text("So we get $= 4$.\n").steps
    assert step.status == "not checked" and "gives its left side" in step.reason


def test_inline_math_named_in_the_sentence_before_is_the_left_side():
    r"""``the derivative $\frac{dy}{dx}$ is`` then ``$$= 2x$$``: the left side is dy/dx, not the display before."""
    text = "$$y = x^2$$\n\nso the derivative $\\frac{dy}{dx}$ is\n\n$$= 2x$$\n"
    step = check_text(text).steps[-1]
    assert (step.left, step.status) == (r"\frac{dy}{dx}", "proved")
    assert "written in the sentence before it (line 3)" in step.notes[0]


def test_inline_math_after_a_preposition_or_a_verb_is_not_the_left_side():
    """``the derivative of the loss $y$ is`` names no left side (not y, not the display); ``Distribute $a$:`` neither."""
    named = check_text("$$y = x^2$$\n\nthe derivative of the loss $y$ is\n\n$$= 2x$$\n").steps[-1]
    assert (named.left, named.status) == ("", "not checked")
    verb = check_text("$$y = x^2 + x$$\n\nDistribute $x$:\n\n$$= x(x + 1)$$\n").steps[-1]
    assert (verb.left, verb.status) == ("x^2 + x", "proved")  # the display before, as written


def test_a_condition_in_the_sentence_does_not_stop_the_continuation():
    """``which, since $x > 0$, is $$= x·x$$`` goes on from the display before it."""
    step = check_text("$$y = x^2$$\n\nwhich, since $x > 0$, is\n\n$$= x \\cdot x$$\n").steps[-1]
    assert (step.left, step.status) == ("x^2", "proved")


def test_a_rotation_by_an_angle_says_it_names_no_matrix():
    r"""Seed 000 line 104: ``\otimes \text{flip}(180^\circ)`` is listed: an angle, and no matrix named to flip."""
    report = _check("seeds/000_3efcf665678d3a2c.txt")
    [note] = [n for n in report.notes if n.line == 104]
    assert note.kind == "unsupported"
    assert "flip(180°)" in note.message and "names no matrix to flip" in note.message


# --- plain-text rows and computations stated in prose ----------------------------------------

def test_plain_text_rows_repeating_a_name_are_one_chain():
    """heldout2 n14 (heytensor page text): ``output = (32 - 5 + 2*0) / 1 + 1`` … ``output = 28`` checked as one chain."""
    report = _check("heldout2/n14_conv-output-size-32-heytensor.md")
    assert [(s.line, s.status) for s in report.steps if 17 <= s.line <= 20] == [
        (17, "definition"), (18, "proved"), (19, "proved"), (20, "proved")]
    assert [s.status for s in _at(report, 9)] == ["proved"]  # "Formula: (32 - 5 + 0) / 1 + 1 = 28."
    assert "plain-text row" in _at(report, 18)[0].notes[0]
    assert report.exit_code == 0


def test_a_wrong_row_is_refuted_where_it_is_written():
    """heldout2 n14.wrong: ``output = 26 / 1 + 1`` after ``output = (32 - 5 + 0) / 1 + 1`` is refuted at line 20."""
    report = _check("heldout2/n14_conv-output-size-32-heytensor.wrong.md")
    assert report.first_wrong()[1].line == 20 and report.exit_code == 1


def test_a_wrong_computation_in_prose_is_refuted_and_its_worded_left_side_listed():
    """heldout2 n15 (qammunity): (5 - 3 + 2 * 1) / 2 + 1 = 2 is refuted; the formula in words before it is listed."""
    report = _check("heldout2/n15_conv-output-volume-stride2-qammunity.md")
    [step] = report.steps
    assert (step.line, step.status, step.left) == (19, "refuted", "(5 - 3 + 2 * 1) / 2 + 1")
    assert [n.line for n in report.notes if n.kind == "unread"] == [19]


def test_code_and_parameter_values_are_not_rows():
    """``kernel_size=5``, ``output = conv(x)`` and ``x = torch.randn(1, 3, 32, 32)`` are not read as math."""
    text = "Conv2d with kernel_size=5, stride=1.\n\noutput = conv(x)\nx = torch.randn(1, 3, 32, 32)\n"
    assert check_text(text).steps == ()


def test_an_aligned_block_without_delimiters_is_read_and_prose_parameters_are_no_functions():
    r"""heldout2 n21 (loliot, stored page text): ``\begin{aligned}…`` lines without $$ are read, and
    ``out_channels(filters)=1,`` in prose no longer makes out_channels a function that no block can parse."""
    report = _check("heldout2/n21_conv-backprop-index-form-loliot.md")
    assert not [n for n in report.notes if "out_channels" in n.message or n.kind == "unread"]
    assert [s.line for s in report.steps if s.left.startswith(r"\frac {\partial Loss} {\partial b^l")] == [42]
