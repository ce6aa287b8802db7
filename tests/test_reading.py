"""Reading what people write: the note channel, plain-text and Unicode math, cases, conditions, dialects.

Real excerpts (each test names its source; short quotations of public pages and repositories):
maizer2.github.io/2022/06/02/proof-of-sigmoid.html; proofwiki.org/wiki/Derivative_of_Hyperbolic_Tangent_Function;
github.com/niaza64/ml100 (plain-text BCE gradient); Djacon's linear-regression note (\\delta for ∂);
www.skytowner.com/explore/comprehensive_guide_on_relu (cases); stumblingrobot.com (D(tanh x)).
Steps marked wrong in the "mutated" variants were changed by us, as the test says.
"""

from __future__ import annotations

import json

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains
from derivations.render.html import check_html


def _statuses(text: str) -> list[str]:
    return [s.status for s in check_text(text).steps]


def test_note_channel_in_text_json_and_html():
    """A step read through ambiguous notation (e^-x) carries a note, shown in the text, JSON and HTML reports."""
    report = check_text("$$e^-x \\cdot e^{x} = 1$$")
    step = report.steps[0]
    assert step.status == "proved" and step.notes == ("^-x without braces is read as ^{-x}",)
    assert "reading: ^-x without braces is read as ^{-x}" in report.text()
    assert json.loads(json.dumps(report.to_dict()))["chains"][0]["steps"][0]["notes"] == list(step.notes)
    assert "read as ^{-x}" in check_html(report)


def test_scientific_notation_is_read_with_a_note():
    """1e-3 is 0.001 (a note says so), never 1·e − 3; a wrong step with it is refuted."""
    right, wrong = check_text("$$1e-3 \\cdot 1000 = 1$$").steps[0], check_text("$$2.5E2 = 25$$").steps[0]
    assert right.status == "proved" and "scientific notation: 0.001" in right.notes[0]
    assert wrong.status == "refuted"


def test_unbraced_exponent_that_is_unclear_is_refused():
    """e^-2x (e^{-2x} or e^{-2}x?) is refused, never guessed."""
    report = check_text("$$e^-2x = e^{-2x}$$")
    assert report.steps == () and report.notes[0].kind == "unsupported"


def test_maizer2_if_then_sigmoid():
    """maizer2.github.io proof-of-sigmoid: 'if y = σ, then ∂y/∂x = y(1−y)' is read (if/then are words); a wrong copy is refuted."""
    text = r"$$if\;y=\frac{1}{1+e^{-x}},\;\mathrm{then}\;\frac{\partial{y}}{\partial{x}}=y(1-y)$$"
    assert _statuses(text) == ["definition", "proved"]
    assert _statuses(text.replace("y(1-y)", "y(1+y)")) == ["definition", "refuted"]


def test_proofwiki_table_with_dollar_cells():
    """proofwiki.org Derivative of Hyperbolic Tangent Function: a flattened table ($…$ $=$ $…$ cells) is one chain."""
    text = (r" $\displaystyle \map {\dfrac \d {\d z} } {\tanh z}$ $=$ $\displaystyle \map {\dfrac \d {\d z} }"
            r" {\dfrac {\sinh z} {\cosh z} }$ Definition 2 of Hyperbolic Tangent $\displaystyle$ $=$ "
            r"$\displaystyle \dfrac {\cosh^2 z - \sinh^2 z} {\cosh^2 z}$ Quotient Rule $\displaystyle$ $=$ "
            r"$\displaystyle \dfrac 1 {\cosh^2 z}$ Difference of Squares")
    report = check_text(text)
    assert [s.status for s in report.steps] == ["proved"] * 3 and report.exit_code == 0
    wrong = check_text(text.replace(r"\cosh^2 z - \sinh^2 z", r"\cosh^2 z + \sinh^2 z"))
    assert [s.status for s in wrong.steps][:2] == ["proved", "refuted"]


def test_niaza_plain_text_chain_across_prose():
    """github niaza64/ml100: plain-text '= …' lines go on from the line above across a prose line; each step carries the reading."""
    text = ("= - [ y/ŷ - (1-y)/(1-ŷ) ]\nNow, find a common denominator ŷ(1-ŷ):\n"
            "= - [ y(1-ŷ) - (1-y)ŷ ] / [ ŷ(1-ŷ) ]\n= - [ y - yŷ - ŷ + yŷ ] / [ ŷ(1-ŷ) ]\n"
            "The -yŷ and +yŷ terms cancel out!\n= - [ y - ŷ ] / [ ŷ(1-ŷ) ]\n= (ŷ - y) / (ŷ(1-ŷ))\n")
    steps = check_text(text).steps
    assert [s.status for s in steps] == ["not checked", "proved", "proved", "proved", "proved"]
    assert all(any("outside math delimiters" in n for n in s.notes) for s in steps)
    wrong = check_text(text.replace("= (ŷ - y) / (ŷ(1-ŷ))", "= (y - ŷ) / (ŷ(1-ŷ))"))
    assert wrong.first_wrong()[1].line == 7


def test_plain_line_after_an_unread_equation_continues_nothing():
    """An '= …' line after a line with '=' that is not read is not joined to an earlier line (listed, not guessed)."""
    text = "s = 1 ÷ (1 + e^(-x))\n\nWe get s = s_1 + other words\n\n= 5 + 1\n"
    steps = check_text(text).steps
    assert steps[-1].status == "not checked" and "starts with a relation" in steps[-1].reason


def test_delta_written_for_partial():
    """Djacon's note: \\frac{\\delta}{\\delta w} is a derivative (with a note), never δ/(δw) = 1/w."""
    step = check_text(r"$$\frac{\delta}{\delta w} (w x - y)^2 = 2x(wx - y)$$").steps[0]
    assert step.status == "proved" and "δ written for ∂" in step.notes[0]


def test_slash_derivatives_and_unicode():
    """dy/dx, ∂L/∂w, x⁻¹, wᵢⱼ, √(…), θ̂ are read as what they mean."""
    [c1] = parse_chains("dy/dx = ∂L/∂w")
    assert [str(i) for i in c1.items] == ["Derivative(y, x)", "Derivative(L, w)"] and len(c1.notes) == 2
    [c2] = parse_chains("x⁻¹ + wᵢⱼ + √(x+1) + θ̂")
    assert str(c2.items[0]) == "thetahat + w_{ij} + sqrt(x + 1) + 1/x"


def test_cases_relu_derivative_checked_on_each_piece():
    """skytowner ReLU: a cases derivative is checked on x < 0 and x > 0 apart, never at the kink; a wrong piece is refuted."""
    right = r"$$\frac{d}{dx}\max(0,x)= \begin{cases} 1&(x\gt0)\\ 0&(x\le0) \end{cases}$$"
    step = check_text(right).steps[0]
    assert step.status == "proved" and "not at x = 0" in step.reason
    wrong = check_text(right.replace("1&(x", "2&(x")).steps[0]
    assert wrong.status == "refuted" and "(0, inf)" in wrong.reason


def test_cases_with_index_conditions_are_split_not_read_as_a_piecewise():
    """Cases on indices (i = k) become one claim per condition, checked at the index values that meet it."""
    report = check_text(r"Let $p_i = \frac{e^{o_i}}{\sum_j e^{o_j}}$." "\n\n"
                        r"$$\frac{\partial p_i}{\partial o_k} = \begin{cases} p_k (1 - p_k) & \text{if } i=k "
                        r"\\ - p_k p_i & \text{if } i\neq k \end{cases}$$")
    claims = [s for s in report.steps if s.status != "definition"]
    assert [s.status for s in claims] == ["confirmed", "confirmed"], report.text()
    assert "for i = k" in claims[0].reason and "for i ≠ k" in claims[1].reason


def test_condition_after_the_math_restricts_the_step():
    """'|x| = -x, x < 0' is checked for x in (-inf, 0) and says so; '|x| = x, x < 0' is refuted."""
    right = check_text("$$|x| = -x, \\quad x < 0$$").steps[0]
    assert right.status == "proved" and "x < 0" in right.notes[-1]
    assert check_text("$$|x| = x, \\quad x < 0$$").steps[0].status == "refuted"


def test_jekyll_escaped_math():
    """Jekyll/kramdown-escaped math (\\\\[ x\\_\\{l+1\\} \\\\]) is read with the escapes undone."""
    report = check_text("\\\\[y\\_\\{1\\} = \\frac\\{1\\}\\{2\\} + \\frac\\{1\\}\\{2\\}\\tag\\{4\\}\\\\]\n")
    assert [s.status for s in report.steps] == ["definition"]
    assert _statuses("\\\\[\\frac\\{1\\}\\{2\\} + \\frac\\{1\\}\\{2\\} = 2\\\\]\n") == ["refuted"]


def test_stumbling_robot_operator_d_is_not_guessed():
    """stumblingrobot.com: D(tanh x) = D(sinh x / cosh x) holds for every function D; the claim about D's
    value is not checked (D is never defined); the algebra after it is checked."""
    text = (r"\begin{align*}  D(\tanh x) &= D \left( \frac{\sinh x}{\cosh x} \right) \\  &= "
            r"\frac{\cosh^2 x - \sinh^2 x}{\cosh^2 x} \\  &= \frac{1}{\cosh^2 x} \end{align*}")
    report = check_text(text)
    assert [s.status for s in report.steps] == ["proved", "not checked", "proved"]
    assert "every function D" in report.steps[0].reason
    assert report.exit_code == 3


def test_period_between_factors_and_sum_neq():
    """σ.(1−σ) is σ·(1−σ) with a note; \\sum_{j!=i} is a sum over j ≠ i; f(x)_i is the component f_i(x)."""
    [chain] = parse_chains(r"\sigma.(1-\sigma) + s(\mathbf x)_i")
    assert str(chain.items[0]) == "sigma*(1 - sigma) + s_i(x)" and len(chain.notes) == 2
    [chain] = parse_chains(r"\sum_{j!=i}^{n} x_j")
    assert "j ≠ i" in str(chain.items[0])
