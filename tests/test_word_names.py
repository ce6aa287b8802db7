"""Words written in math are names: ``loss``, ``cost``, ``theta``; never a product of letters with Euler's e.

Read letter by letter, ``error`` was e·r·r·o·r with Euler's e inside and ``theta`` was e·a·h·t·t, so a
true step about them could be refuted.  Sources of the real lines:

* 1036225283/doc ``ml/reinforcement-learning/softmax.md`` (tests/data/heldout3/m12):
  ``loss={-\\sum_i^Ny^i*ln(s^i)}``.
* "OpenAI API 入门与实战" (a GitHub blog post in Chinese and English, file id 9196210215 of the search
  index): ``loss = \\frac{1}{2} \\sum_{i} (y_i - \\hat{y}_i)^2``, ``\\delta_w = \\frac{\\partial loss}{\\partial w}``.
* PyTorch's tutorials, ``beginner_source/basics/autogradqs_tutorial.py``:
  ``:math:`\\frac{\\partial loss}{\\partial w}```.
"""

import pytest

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains


@pytest.mark.parametrize("latex, left, note", [
    (r"loss = \frac{1}{2} \sum_{i} (y_i - \hat{y}_i)^2", "loss", "loss is read as one name (the word loss, not l·o·s·s)"),
    (r"error = 1", "error", "error is read as one name (the word error, not e·r·r·o·r)"),
    (r"theta = 2", "theta", "theta (without a backslash) is read as the Greek letter θ"),
    (r"eta = 0.1", "eta", "eta (without a backslash) is read as the Greek letter η"),
    (r"delta_j = 2", "delta_j", "delta (without a backslash) is read as the Greek letter δ"),
])
def test_a_word_is_one_name_with_a_note(latex, left, note):
    [c] = parse_chains(latex)
    assert str(c.items[0]) == left
    assert note in [n for _, n in c.notes]


def test_the_name_is_the_same_as_the_command():
    """theta and \\theta are the same name; sigma(z) is the sigmoid σ(z)."""
    [c] = parse_chains(r"theta + sigma(z) = \theta + \sigma(z)")
    assert c.items[0] == c.items[1]


def test_a_word_applied_is_a_function():
    [c] = parse_chains(r"cost(w) = w^2")
    assert str(c.items[0]) == "cost(w)"


@pytest.mark.parametrize("latex, factors", [("y = xyzw", "w*x*y*z"), ("y = abc", "a*b*c"), ("y = ax", "a*x")])
def test_letters_without_a_vowel_or_short_stay_products(latex, factors):
    """xyzw (no vowel), abc and ax (fewer than four letters) are products, as before."""
    [c] = parse_chains(latex)
    assert str(c.items[1]) == factors


def test_a_derivative_of_the_loss_is_checked():
    """With loss defined, ∂loss/∂p is checked: the right one proved, a wrong sign refuted."""
    right = check_text("$$loss = (y-p)^2$$\n\n$$\\frac{\\partial loss}{\\partial p} = -2(y-p)$$\n")
    assert right.exit_code == 0 and right.counts()["proved"] == 1, right.text()
    wrong = check_text("$$loss = (y-p)^2$$\n\n$$\\frac{\\partial loss}{\\partial p} = 2(y-p)$$\n")
    assert wrong.exit_code == 1 and wrong.first_wrong()[1].line == 3, wrong.text()


def test_the_blog_post_lines_are_read():
    """9196210215's loss and its gradient's name: a definition, then δ_w names ∂loss/∂w."""
    report = check_text("$$loss = \\frac{1}{2} \\sum_{i} (y_i - \\hat{y}_i)^2$$\n\n"
                        "$$\\delta_w = \\frac{\\partial loss}{\\partial w}$$\n")
    assert report.first_wrong() is None, report.text()
    assert "loss is read as one name" in report.text()
