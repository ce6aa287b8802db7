r"""A prime on a name without an argument (``u' = e^x``), and names introduced in prose ("denote u = e^x
and v = e^{-x}").

Source: tests/data/real/12 (DeepLearning.AI community forum, a ChatGPT answer quoted in a post on
tanh's derivative): "Now, denote u = e^x and v = e^{-x}. Thus, y = \frac{u - v}{u + v}", then the
quotient rule written ``\frac{dy}{dx} = \frac{(v \cdot u' - u \cdot v')}{(v + u)^2}`` (the factor 2 of
(u − v)'(u + v) − (u − v)(u + v)' dropped: the marked error) and ``u' = e^x``. Before, ``u'`` was a
parse error (the block skipped) and the prose line was not read, so u and v were unknowns and the
first refutation came five lines late with a wrong reason (dy/dx = 0).
"""

from __future__ import annotations

from sympy import Derivative, Symbol

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains
from derivations.checker.primes import OPEN

TANH = r"""Let y = \tanh(x). So,
y = \frac{e^x - e^{-x}}{e^x + e^{-x}}
Now, denote u = e^x and v = e^{-x}. Thus,
y = \frac{u - v}{u + v}
Then, using the quotient rule:
\frac{dy}{dx} = \frac{(v \cdot u' - u \cdot v')}{(v + u)^2}
u' = e^x
v' = -e^{-x}
"""


def test_a_prime_without_an_argument_parses_as_a_derivative_by_an_open_variable():
    [chain] = parse_chains("x = y'")
    assert chain.items[1] == Derivative(Symbol("y"), OPEN)


def test_names_denoted_in_prose_and_their_primes_are_read():
    report = check_text(TANH, markdown=True)
    by_line = {s.line: s for s in report.steps}
    assert by_line[3].status == "definition" and by_line[4].status == "proved"  # u, v; y in u, v
    assert by_line[7].status == "proved" and by_line[8].status == "proved"  # u' = e^x, v' = -e^{-x}
    assert any("u' read as du/dx: u is defined as an expression of x alone" in n for n in by_line[7].notes)
    wrong = by_line[6]
    assert wrong.status == "refuted" and "left = 2 · right" in wrong.hint
    assert report.first_wrong()[1].line == 6
    right = TANH.replace(r"\frac{(v \cdot u' - u \cdot v')}", r"\frac{2(v \cdot u' - u \cdot v')}")
    assert check_text(right, markdown=True).first_wrong() is None


def test_a_prime_on_a_name_without_one_variable_is_not_checked():
    report = check_text("$$u' = e^x$$")
    assert report.steps[0].status == "not checked"
    assert "u is not defined as an expression of one variable" in report.steps[0].reason
    report = check_text("$$u = x y$$\n\n$$u' = y$$")
    assert report.steps[-1].status == "not checked" and "an expression of x, y" in report.steps[-1].reason


def test_plain_prose_with_and_but_no_math_is_not_read():
    report = check_text("Now let n = 10 and m = 5 here.\n\n$$x = 1$$\n", markdown=True)
    assert [s.status for s in report.steps] == ["definition"]
