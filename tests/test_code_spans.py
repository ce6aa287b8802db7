r"""Math typed as Markdown code (between backticks) in Unicode plain text, and the notation it uses.

Real source: the held-out file tests/data/heldout5/p05_bce-gradient-unicode-note.md ("Derivation of
Binary Cross-Entropy Loss Gradient for Logistic Regression", a GitHub Markdown note, stored-index file
id 48169398993): no LaTeX at all, every formula an inline code span with Unicode scripts
(```σ(z) = 1 / (1 + e⁻ᶻ)```, ```z = wᵀx + b = Σ(w_k * x_k) + b```, ```L(y, h(x)) = -[y * log(h(x)) + …]```,
```∂L/∂h = - [ (y - h) / (h*(1-h)) ]```).  On main nothing of it was read ("no step was checked", exit
3), so its copy with a sign flipped in the ∂L/∂h chain passed unrefuted.  Also heldout2's n20 (pollett,
"Calculation of Back Propagation"), whose LaTeX stands in backticks (```\frac{dJ}{dz_2}=\hat{y} - y```).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains

DATA = Path(__file__).parent / "data"


def test_the_note_is_read_and_its_wrong_copy_refuted_at_its_line():
    wrong = check_text((DATA / "heldout5" / "p05_bce-gradient-unicode-note.wrong.md").read_text())
    assert wrong.exit_code == 1 and wrong.first_wrong()[1].line == 46, wrong.text()
    right = check_text((DATA / "heldout5" / "p05_bce-gradient-unicode-note.md").read_text())
    assert not any(s.status == "refuted" for s in right.steps), right.text()
    sigmoid = [s.status for s in right.steps if 24 <= s.line <= 29]
    assert sigmoid == ["proved"] * 6, right.text()
    assert "read as math although it is written as code (between backticks)" in right.text()


@pytest.mark.parametrize("code", ["x = np.exp(z)", "w = w - lr * grad", "i = 0", "a == b", "y = x[0] + 1",
                                  "return a = b", "output_dim = (W - F) / S + 1", "x += 1", "+="])
def test_code_that_is_not_math_is_not_read(code):
    assert check_text(f"The line `{code}` runs.").steps == ()


def test_a_bullet_list_of_code_spans_is_read_line_by_line():
    text = ("*   `σ'(z) = e⁻ᶻ / (1 + e⁻ᶻ)²`\n"
            "*   `σ'(z) = σ(z) * (1 - σ(z))`\n"
            "*   `σ'(z) = σ(z) * (1 + σ(z))`\n")
    assert [(s.line, s.status) for s in check_text(text).steps] == [(1, "proved"), (2, "proved"), (3, "refuted")]


def test_latex_in_backticks_is_read():
    report = check_text(r"`\frac{d}{dx} x^2 = 2x` and `\frac{d}{dx} x^3 = 2x^2`")
    assert [s.status for s in report.steps] == ["proved", "refuted"]


@pytest.mark.parametrize("text,expected", [
    ("a = Σ(w_k * x_k)", "Σ_{?}(w_k*x_k)"),      # an operand in parentheses: the sum sign
    ("a = (1/m) * Σ L(y, h)", "Σ_{?}(L(y, h))"),          # a term of its own: the sum sign
    ("a = Σᵢ xᵢ", "Σ_{i}(x_i)"),                    # with its index
    ("a = wᵀΣw", "Sigma"),                          # between factors: the letter (a covariance)
    ("Σ = XᵀX", "Sigma"),
    ("a = e⁻ᶻ + xᵀy", "exp(-z)"),                  # superscript letters; ᵀ is ^T
])
def test_unicode_sigma_scripts_and_transpose(text, expected):
    [chain] = parse_chains(text)
    assert expected in str(chain.items)


def test_a_sum_sign_typed_as_sigma_is_noted():
    report = check_text(r"$$\sum_{k=1}^{n} x_k = Σ(x_k)$$")
    assert "Σ read as the sum sign" in report.text()


def test_a_function_of_a_function_value_is_a_function_of_its_name():
    text = (r"$$h(x) = \sigma(x)$$" "\n\n" r"$$L(y, h(x)) = -[y \log h(x) + (1-y)\log(1-h(x))]$$" "\n\n"
            r"$$\frac{\partial L}{\partial h} = \frac{h - y}{h(1-h)}$$" "\n\n"
            r"$$\frac{\partial L}{\partial h} = \frac{y - h}{h(1-h)}$$")
    report = check_text(text)
    assert [s.status for s in report.steps] == ["definition", "definition", "proved", "refuted"], report.text()
    assert "L(y, h(x)) read as the function L(y, h), at h = h(x)" in report.steps[1].reason


def test_a_function_name_alone_inside_its_own_parentheses_is_a_product():
    # found writing the test above: with h(x) defined, h(1-h) was h applied to 1 − h, and the true
    # dh/dx = h(1-h) was refuted on main (a false alarm); p05 writes h * (1 - h), LaTeX notes h(1-h)
    text = r"$$h(x) = \sigma(x)$$" "\n\n" r"$$\frac{dh}{dx} = h(1-h)$$" "\n\n" r"$$\frac{dh}{dx} = h(1+h)$$"
    report = check_text(text)
    assert [s.status for s in report.steps] == ["definition", "proved", "refuted"], report.text()
    assert "h(…) is read as a product: h stands alone inside the parentheses" in report.text()
    assert [s.status for s in check_text(r"$$h(x) = x^2$$" "\n\n" r"$$h(h(2)) = 16$$").steps][1] == "proved"


def test_math_written_as_code_that_is_not_read_is_listed():
    # real/44 (george-studenko, 100 Days of ML Code, "Layer-shapes.md"): its formulas are rows of names in
    # backticks; with only `26 / 2 = 13` read, it exited 0 on a commit of this session, the formulas unlisted
    report = check_text((DATA / "real" / "44_conv-output-size-studenko-backticks.md").read_text())
    assert report.exit_code == 3, report.text()
    unread = report.unchecked()
    assert any("`output_dim = (W-F)/S + 1`" in u for u in unread) and any("`=((28-3)/1)+1`" in u for u in unread)
    settings = check_text("Set `batch_size = 64` and `x = np.exp(z)`, then `\\frac{d}{dx} x^2 = 2x`.")
    assert settings.exit_code == 0 and not settings.unchecked(), settings.text()
