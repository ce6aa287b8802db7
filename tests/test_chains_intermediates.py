"""Chain rules through named intermediate quantities, as real notes write them (issues 10 and 11).

Inputs written here, modelled on real derivations of tests/data/heldout2 (sources named in each
file's header): n09 (github hoadm-net/DL, lab01/concepts/03_backward_propagation.md: z = f(g(x)),
dz/dx = dz/dg · dg/dx), n36 (a GitHub Markdown lesson "The Chain Rule — The Foundation of
Backpropagation": y = u^5 with u = 3x + 2) and n33 (GitHub Markdown notes "Binary Cross-Entropy Loss
and Gradient Derivation": 𝓛(ŷ, y) with ŷ = σ(z), d𝓛/dz).  Each reading comes with a wrong variant.
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text

HELDOUT2 = Path(__file__).resolve().parent / "data" / "heldout2"


def _last(text: str):
    """The last step of a document that is not a definition."""
    return [s for s in check_text(text).steps if s.status != "definition"][-1]


COMPOSITION = "If we have a composition of functions: $z = f(g(x))$, then:\n\n"


def test_composition_is_a_definition_and_its_chain_rule_is_proved():
    """z = f(g(x)) defines z through unknown functions; dz/dx = dz/dg · dg/dx is proved, the reading stated."""
    report = check_text(COMPOSITION + r"$$\frac{dz}{dx} = \frac{dz}{dg} \cdot \frac{dg}{dx}$$")
    assert [s.status for s in report.steps] == ["definition", "proved"]
    assert "g standing for g(x)" in report.steps[1].reason
    assert "for every function f, g" in report.steps[1].reason


def test_composition_dropping_the_inner_derivative_is_not_proved():
    """dz/dx = dz/dg (dg/dx dropped) and a doubled factor are never proved."""
    for rhs in (r"\frac{dz}{dg}", r"2 \frac{dz}{dg} \cdot \frac{dg}{dx}"):
        step = _last(COMPOSITION + r"$$\frac{dz}{dx} = " + rhs + "$$")
        assert step.status not in ("proved", "confirmed"), rhs


SUBSTITUTION = "$y = (3x + 2)^5$. Let $u = 3x + 2$, so $y = u^5$.\n\n"


def test_derivative_by_a_defined_intermediate_reads_the_outer_quantity_through_it():
    """dy/du = 5u^4 with y = (3x + 2)^5 and u := 3x + 2 is proved (y = u^5), saying so; was refuted (left = 0)."""
    step = _last(SUBSTITUTION + r"$\frac{dy}{du} = 5u^4$")
    assert step.status == "proved"
    assert "written as a function of u = 3*x + 2 (y = u**5)" in step.reason


def test_derivative_by_a_defined_intermediate_wrong_factor_is_refuted():
    """A wrong exponent (4u^4) and a doubled inner factor in the chain rule are refuted at their line."""
    assert _last(SUBSTITUTION + r"$\frac{dy}{du} = 4u^4$").status == "refuted"
    step = _last(SUBSTITUTION + r"$\frac{dy}{dx} = \frac{dy}{du} \cdot 2\frac{du}{dx}$")
    assert step.status == "refuted" and "y = u**5" in step.reason
    assert _last(SUBSTITUTION + r"$\frac{dy}{dx} = \frac{dy}{du} \cdot \frac{du}{dx}$").status == "proved"


def test_quantity_not_a_function_of_the_intermediate_alone_is_not_checked():
    """y = (3x + 2)^5 + x is not a function of u = 3x + 2 alone: dy/du is not checked (it was refuted)."""
    step = _last("$y = (3x + 2)^5 + x$. Let $u = 3x + 2$.\n\n" r"$\frac{dy}{du} = 5u^4$")
    assert step.status == "not checked"
    assert "not written as a function of u" in step.reason


LOSS = r"""$$\mathcal{L}(\hat{y}, y) = - \left[ y \log(\hat{y}) + (1 - y) \log(1 - \hat{y}) \right]$$

$$\hat{y} = \sigma(z) = \frac{1}{1 + e^{-z}}, \quad z = w^T x + b$$

"""


def test_function_of_defined_arguments_differentiated_through_them():
    """d𝓛/dz with 𝓛(ŷ, y) and ŷ = σ(z) is the derivative of 𝓛(σ(z), y): ŷ − y and the chain rule are proved."""
    for rhs in (r"\hat{y} - y", r"\frac{d\mathcal{L}}{d\hat{y}} \cdot \frac{d\hat{y}}{dz}"):
        step = _last(LOSS + r"$$\frac{d\mathcal{L}}{dz} = " + rhs + "$$")
        assert step.status == "proved", rhs
        assert "through yhat = sigma(z)" in step.reason


def test_function_of_defined_arguments_wrong_steps_are_refuted():
    """A sign error (y − ŷ) and a wrong inner factor (ŷ for dŷ/dz) are refuted; a variable no argument
    depends on is not checked."""
    for rhs in (r"y - \hat{y}", r"\frac{d\mathcal{L}}{d\hat{y}} \cdot \hat{y}"):
        assert _last(LOSS + r"$$\frac{d\mathcal{L}}{dz} = " + rhs + "$$").status == "refuted", rhs
    assert _last(LOSS + r"$$\frac{d\mathcal{L}}{dq} = \hat{y} - y$$").status == "not checked"


def test_real_notes_chain_rule_lines_get_verdicts():
    """heldout2 n09 line 10, n33 lines 42/68/88 and n36 lines 13/19/21 are proved in the real files."""
    wanted = {"n09_backprop-linear-mse-hoadm.md": {9: "definition", 10: "proved"},
              "n33_bce-gradient-z-emoji-notes.md": {42: "proved", 68: "proved", 88: "proved"},
              "n36_chain-rule-examples-lesson.md": {13: "proved", 19: "proved", 21: "proved"}}
    for name, lines in wanted.items():
        report = check_text((HELDOUT2 / name).read_text())
        got = {}
        for s in report.steps:
            got.setdefault(s.line, set()).add(s.status)
        for line, status in lines.items():
            assert got.get(line) == {status}, (name, line, got.get(line))


ONES = r"\begin{bmatrix} 1 & 1 & 1 \\ 1 & 1 & 1 \\ 1 & 1 & 1 \end{bmatrix}"
IMAGE = (r"\begin{bmatrix} 3 & 1 & 4 & 1 & 5 \\ 9 & 2 & 6 & 5 & 3 \\ 5 & 8 & 9 & 7 & 9 \\ 3 & 2 & 3 & 8 & 4 \\ "
         r"1 & 2 & 3 & 4 & 5 \end{bmatrix}")
CONV = (r"$$\frac{\partial L}{\partial y} = " + ONES + r"_{3 \times 3}.$$" + "\n\n"
        r"$$iv] \frac{\partial L}{\partial W} = X \otimes \frac{\partial L}{\partial y}$$" + "\n\n"
        "$$= " + IMAGE + r" \otimes " + ONES + "$$\n\n"
        r"$$= \begin{bmatrix} 47 & 43 & 49 \\ 47 & 50 & 54 \\ 36 & 46 & 52 \end{bmatrix}$$" + "\n")


def test_stated_matrix_derivative_of_undefined_loss_is_a_hypothesis():
    """Sheet 000's ∂L/∂W = X ⊗ ∂L/∂y (L undefined, ∂L/∂y given as a matrix) is a hypothesis, saying so;
    the next line, with one side all numbers, is read as the definition of X; the numbers are proved."""
    steps = check_text(CONV).steps
    assert [s.status for s in steps] == ["definition", "hypothesis", "definition", "proved"]
    assert "∂L/∂y, given as a matrix" in steps[1].reason
    assert "read as the document giving X its value" in steps[2].reason


def test_matrix_definition_reading_keeps_wrong_numbers_refuted():
    """A wrong entry in the result of the convolution is still refuted after X is given its value."""
    steps = check_text(CONV.replace("36 & 46 & 52", "36 & 46 & 53")).steps
    assert [s.status for s in steps][-1] == "refuted"


def test_two_matrices_without_values_are_not_a_definition():
    """X ⊗ Z = [numbers] ⊗ [numbers] with X and Z both without values defines neither: not checked."""
    text = CONV.replace(r"X \otimes \frac{\partial L}{\partial y}$$", r"X \otimes Z$$")
    steps = check_text(text).steps
    assert steps[2].status == "not checked" and "X, Z has no value" in steps[2].reason


BCE = r"""and the partial derivative of $L$ with respect to $z$ is

$$
\begin{align}
\frac{\partial{L}}{\partial{z}} & = \frac{\partial L}{\partial a} \frac{\partial a}{\partial z} \\
& = \left(-\frac{y}{a} + \frac{1 - y}{1 - a} \right) \left( \frac{1}{1 + e^{-z}} \right)' \\
& = \left(-\frac{y}{a} + \frac{1 - y}{1 - a} \right)  (a (1 - a)) \\
& = -y ( 1 - a) + a (1 - y) \\
& = -y + ay + a - ay \\
& = a - y
\end{align}
$$
"""


def test_undefined_differentiated_quantity_algebra_and_its_reading():
    """heldout2/n31 (chryoung, "Deep Learning -- Math for Backpropagation"): with a undefined, the
    algebra in a is proved, the step that needs a = σ(z) is not checked (never refuted), a sign slip
    in the algebra is refuted at its line."""
    steps = check_text(BCE).steps
    assert [s.status for s in steps][2:] == ["not checked", "proved", "proved", "proved"]
    assert "the document differentiates a" in steps[2].reason
    wrong = check_text(BCE.replace("+ a (1 - y) \\\\", "- a (1 - y) \\\\")).steps
    assert [s.status for s in wrong][:3].count("refuted") == 0 and wrong[3].status == "refuted"


def test_html_comment_names_no_function():
    """A name written as a(1-a) = … inside an HTML comment (a corpus header) is not read as a function."""
    comment = "<!-- notes: a(1-a) = -y(1 - a) + a(1 - y) = a - y -->\n"
    steps = check_text(comment + BCE).steps
    assert [s.status for s in steps][3:] == ["proved", "proved", "proved"]


def test_value_of_a_name_the_chain_brings_in_is_not_refuted():
    """heldout2/n35 (Mazur's backprop example, a Chinese-annotated copy): ∂net_{h1}/∂w_1 = i = 0.05 names
    i in the chain and gives its value: not refuted; a wrong number after a defined name still is."""
    text = (r"$$net_{h1} = w_1 \cdot i_1 + w_2 \cdot i_2 + b_1 \cdot 1$$" "\n\n"
            r"$$\frac {\partial net_{h1}}{\partial w_1} = i = 0.05$$" "\n")
    steps = check_text(text).steps
    assert [s.status for s in steps][-2:] == ["not checked", "not checked"]
    assert "i is named in this chain" in steps[-1].reason
    wrong = check_text(r"$$\frac{d}{dx} x^2 = 2x = 3x$$")
    assert wrong.steps[-1].status == "refuted"
