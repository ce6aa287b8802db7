r"""Plain-text math in code blocks, slash derivatives with indices, floors typed as ⌊ ⌋.

Sources (tests/data/heldout6/ and heldout5/, their INDEX.md names each): q09, a GitHub note
"Cross-Entropy Gradient (Softmax + Cross-Entropy Combined)" (stored-index file id 3061242832) whose
whole derivation is set in code blocks; q18, "Strided Convolution and Pooling in Convolutional Neural
Networks" (file id 32794310184), floors typed as ⌊ ⌋ in a list; q23, github luisdecunto/ml-roadmap's
quadratic-form guide, plain-text rows and matrices drawn with brackets; p20, a Chinese residual
numeric-propagation note with its tables of numbers in code blocks.  Before, every one of these
files had no step checked, or only a few, and no wrong copy was found where it is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checker.check import check_text

DATA = Path(__file__).resolve().parent / "data"


def _report(name: str):
    return check_text((DATA / name).read_text(encoding="utf-8"), path=name)


def _at(report, line: int):
    return [s for s in report.steps if s.line == line]


@pytest.mark.parametrize("name, line", [
    ("heldout6/q09_softmax-ce-gradient-plaintext.wrong.md", 72),
    ("heldout6/q18_conv-output-size-strided.wrong.md", 39),
    ("heldout6/q23_quadratic-form-gradient-luisdecunto.wrong.md", 37),
    ("heldout5/p20_residual-numeric-propagation-zh.wrong.md", 34),
])
def test_the_injected_error_in_plain_text_is_refuted_where_it_is(name, line):
    report = _report(name)
    assert report.first_wrong()[1].line == line


@pytest.mark.parametrize("name", ["heldout6/q09_softmax-ce-gradient-plaintext.md",
                                  "heldout6/q18_conv-output-size-strided.md",
                                  "heldout6/q23_quadratic-form-gradient-luisdecunto.md",
                                  "heldout5/p20_residual-numeric-propagation-zh.md"])
def test_the_correct_originals_have_no_step_refuted(name):
    report = _report(name)
    assert report.first_wrong() is None
    assert any(s.status in ("proved", "confirmed") and "code block" in s.reason + " ".join(s.notes)
               for s in report.steps) or name.endswith("q18_conv-output-size-strided.md")


def test_a_case_stated_between_backticks_is_an_index_condition():
    """q09: "When `j ≠ i` …" then ``dp_j/dz_i = -p_j × p_i``: refuted at j = i before."""
    report = _report("heldout6/q09_softmax-ce-gradient-plaintext.md")
    (step,) = _at(report, 58)
    assert step.status == "confirmed", step.reason


def test_a_floor_in_a_list_item_is_read_and_a_remark_after_it_is_left_out():
    """q18: "- Stride 1: ⌊(7+2-3)/1⌋ + 1 = 7 (same size)" was dropped without a word."""
    report = _report("heldout6/q18_conv-output-size-strided.md")
    assert [s.status for s in _at(report, 37)] == ["proved"]
    assert [s.status for s in _at(report, 39)] == ["proved"]


def test_a_matrix_drawn_with_brackets_is_listed_not_read():
    """q23: ``[1  3] [x₂] = [x₁ + 3x₂]`` is the second row of a drawn product; read alone it made the
    next chain start at ``[x₁ + 3x₂]`` and refuted a true step."""
    report = _report("heldout6/q23_quadratic-form-gradient-luisdecunto.md")
    unread = {n.line for n in report.notes if n.kind == "unread"}
    assert {20, 27, 32} <= unread
    assert report.first_wrong() is None
    assert [s.status for s in _at(report, 36)] == ["proved"]


FENCE = "Softmax:\n```\n{}\n```\n"


@pytest.mark.parametrize("body, status", [
    ("p = x^2\n```\n\n```\ndp/dx = 2 × x", "proved"),
    ("p_i = x_i^2\n```\n\n```\ndp_i/dx_i = 2 × x_i", "confirmed"),
    ("p_i = x_i^2\n```\n\n```\ndp_i/dx_i = 3 × x_i", "refuted"),
    ("f = x₁² + x₂\n```\n\n```\n∂f/∂x₁ = ∂/∂x₁(x₁² + x₂)\n       = 2x₁", "proved"),
    ("f = x₁² + x₂\n```\n\n```\n∂f/∂x₁ = ∂/∂x₁(x₁² + x₂)\n       = 2x₂", "refuted"),
])
def test_plain_text_in_a_code_block_is_checked(body, status):
    report = check_text(FENCE.format(body), path="note.md")
    checked = [s for s in report.steps if s.status != "definition"]
    assert checked and checked[-1].status == status, [(s.status, s.reason) for s in checked]
    assert all("code block" in " ".join(s.notes) for s in checked)


@pytest.mark.parametrize("text", [
    "```python\ny = w * x + b\ny = y + 1\n```\n",                    # a language is named
    "```\nx = np.exp(z)\ny = y + 1\n```\n",                          # a line of code
    "```\nfor i in range(3):\n    y = y + 1\n```\n",
    "```\ndL/dY   = upstream gradient (same shape as Y)\n```\n",     # a gloss in words
])
def test_code_and_glosses_are_not_read_as_math(text):
    report = check_text(text, path="note.md")
    assert not report.steps and not [n for n in report.notes if n.kind == "unread"]


def test_math_in_a_code_block_that_is_not_read_is_listed():
    report = check_text("```\nn_out = ⌊(n - f) / s⌋ + 1\n```\n", path="note.md")
    assert [n.line for n in report.notes if n.kind == "unread"] == [2]
    assert report.exit_code == 3
