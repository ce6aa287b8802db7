r"""A value given in passing ("at the point $x = 0$") and formulas drawn as HTML codecogs images.

Sources: heldout10/u05, tuongkhangduongle's bilingual Jekyll post on the sigmoid, whose formulas are
``<a href="https://www.codecogs.com/eqnedit.php?latex=…"><img src="https://latex.codecogs.com/gif.latex?…"></a>``;
heldout11/v05, A.I. Dan's Jekyll post "Neural Network Math: Activation Functions" (A-I-dan/A-I-dan.github.io),
``<img src="https://latex.codecogs.com/gif.latex?\dpi{150}&space;…">`` with ``\indent`` between rows.  Both were
read as prose ("math outside math delimiters is not read").

The point values are a false "proved" found by reading the checker, not a corpus (the release-blocking kind):
"At the point $x = 0$ …" made x = 0 for the rest of the document, so a wrong ``\sigma'(x) = \frac{1}{4}``
further down was proved at x = 0.
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text
from derivations.checker.image_math import image_math

DATA = Path(__file__).resolve().parent / "data"

_SIGMOID = (r"Let $\sigma(x) = \frac{1}{1+e^{-x}}$. At the point $x = 0$ we have $\sigma(0) = \frac{1}{2}$."
            "\n\nNow the derivative in general:")


def _statuses(text: str) -> list[str]:
    return [s.status for s in check_text(text).steps]


def test_a_wrong_formula_that_holds_at_the_point_given_in_passing_is_not_called_right():
    report = check_text(_SIGMOID + "\n\n$$\\sigma'(x) = \\frac{1}{4}$$\n")
    step = report.steps[-1]
    assert step.status == "not checked" and "x = 0 (the value given on line 1)" in step.reason
    assert report.exit_code == 3
    # tanh'(x) = 1 + tanh^2(x) is the classic sign slip, and it holds at x = 0
    text = "Take $f(x) = \\tanh(x)$; at $x = 0$, $f(0) = 0$.\n\nAnd its derivative:\n\n$$f'(x) = 1 + \\tanh^2(x)$$\n"
    assert _statuses(text)[-1] == "not checked"


def test_a_case_of_the_label_does_not_fix_it_for_the_rest_of_the_document():
    r""""If $y = 1$, $L = -\log\hat{y}$" made y = 1 for good: the general gradient −1/ŷ (true for y = 1 only)
    further down was proved.  The case itself, in its sentence, is still checked at y = 1."""
    text = ("The loss is $L = -y\\log\\hat{y} - (1-y)\\log(1-\\hat{y})$. If $y = 1$, $L = -\\log\\hat{y}$.\n\n"
            "The gradient is\n\n$$\\frac{\\partial L}{\\partial \\hat{y}} = -\\frac{1}{\\hat{y}}$$\n")
    report = check_text(text)
    assert [s.status for s in report.steps] == ["definition", "definition", "proved", "not checked"]
    assert "y = 1 (the value given on line 1)" in report.steps[-1].reason
    right = text.replace("-\\frac{1}{\\hat{y}}$$", "-\\frac{y}{\\hat{y}} + \\frac{1-y}{1-\\hat{y}}$$")
    assert _statuses(right)[-1] == "proved"


def test_a_formula_that_holds_for_every_x_or_fails_at_the_point_keeps_its_verdict():
    assert _statuses(_SIGMOID + "\n\n$$\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$$\n")[-1] == "proved"
    assert _statuses(_SIGMOID + "\n\n$$\\sigma(x) + \\sigma(-x) = 2$$\n")[-1] == "refuted"


def test_math_still_about_the_point_is_checked_there():
    """heldout2/n36: "At $t = 1$: $x = 2, y = 1$" and the display right after it evaluates there."""
    text = ("Let $z = x^2 + t$ and $x = 5$.\n\nAt $t = 1$: $x = 2$\n\n$$z = x^2 + t = 2^2 + 1 = 5$$\n\n"
            "In the same paragraph, at $t = 3$, $t^2 = 9$.")
    assert "not checked" not in _statuses(text)
    report = check_text((DATA / "heldout2" / "n36_chain-rule-examples-lesson.md").read_text(encoding="utf-8"))
    assert report.exit_code == 0


def test_numbers_given_before_the_formulas_that_use_them_are_a_worked_example():
    text = ("Take $w = 3$, $x = 2$ and $b = 1$.\n\n$$z = wx + b = 3 \\cdot 2 + 1 = 7$$\n")
    assert _statuses(text)[-4:] == ["definition", "definition", "proved", "proved"]


def test_a_value_in_a_display_is_not_a_point():
    text = "$$f(x) = x^2$$\n\n$$x = 3$$\n\n$$f(x) = 9$$\n"
    assert _statuses(text)[-1] == "proved"


def test_html_codecogs_images_are_read_once_with_their_escapes():
    html = ('<a href="https://www.codecogs.com/eqnedit.php?latex=f\'(x)&space;=&space;a&plus;b" target="_blank">'
            '<img src="https://latex.codecogs.com/gif.latex?\\inline&space;f\'(x)&space;=&space;a&plus;b" '
            'title="f\'(x) = a+b" /></a>')
    assert [body for _s, _e, body in image_math(html)] == ["f'(x) = a+b"]
    assert image_math('<img src="figure.png" alt="y = x">') == []


def test_the_html_image_posts_are_right():
    for folder, name in (("heldout10", "u05_sigmoid-derivative-codecogs-vi.md"),
                         ("heldout11", "v05_tanh-derivative-codecogs-jekyll-en.md")):
        report = check_text((DATA / folder / name).read_text(encoding="utf-8"), path=name)
        assert report.exit_code == 0, report.unchecked()
        assert not [n for n in report.notes if n.kind in ("unread", "parse error")]
    wrong = ('<img src="https://latex.codecogs.com/gif.latex?\\dpi{150}&space;\\frac{d}{dx}e^{2x}&space;=&space;e^{2x}" '
             'style="display:block" />\n')
    assert _statuses(wrong) == ["refuted"]


def test_github_inline_math_with_backticks_is_read():
    """heldout11/v20 (course solutions, GitLab/GitHub style) writes inline math as $`…`$: it was a parse error."""
    text = "Let $`f(x_1, x_2) = x_1^2 + x_1 x_2`$. Then $`\\frac{\\partial f}{\\partial x_1} = 2x_1 + x_2`$."
    assert _statuses(text) == ["definition", "proved"]
    assert _statuses("Code `$x$` is code, and $`x + x = 3x`$ is math.") == ["refuted"]


def test_a_function_of_several_variables_differentiated_by_its_name_in_a_column():
    """v20: the gradient of f(x_1, x_2) written as the column of ∂f/∂x_1 and ∂f/∂x_2."""
    text = (r"$$f(x_1, x_2) = x_1^2 + x_1 x_2$$ "
            r"$$\begin{bmatrix} \frac{\partial f}{\partial x_1} \\ \frac{\partial f}{\partial x_2} \end{bmatrix}"
            r" = \begin{bmatrix} 2x_1 + x_2 \\ x_1 \end{bmatrix}$$")
    assert _statuses(text)[-1] == "confirmed"
    assert _statuses(text.replace(r"\\ x_1 \end", r"\\ x_2 \end"))[-1] == "refuted"


def test_alignat_flalign_and_ieeeeqnarray_are_read():
    """Environments of amsmath and IEEEtran that course notes in LaTeX use; flalign and IEEEeqnarray rows were
    dropped without a word, alignat's rows were "math outside math delimiters"."""
    text = ("\\begin{alignat*}{2}\nf(x) &= (x+1)^2 &&\\\\\n&= x^2 + 2x + 1\n\\end{alignat*}\n"
            "\\begin{flalign}\ng &= 2 + 2 \\\\\n&= 4\n\\end{flalign}\n"
            "\\begin{IEEEeqnarray}{rCl}\nh &=& 3 + 3 \\\\\n&=& 7\n\\end{IEEEeqnarray}\n")
    assert _statuses(text) == ["definition", "proved", "definition", "proved", "definition", "refuted"]
    assert _statuses("\\begin{align}{x}^2 &= x \\cdot x\\end{align}") == ["proved"]


def test_rows_of_an_environment_that_is_not_read_are_listed_not_dropped():
    """A wrong row in an unknown environment used to vanish without a word, and the file exited 0."""
    report = check_text("Text\n\\begin{foo}\nk &= 2 + 2 \\\\\n&= 5\n\\end{foo}\n")
    assert [n.line for n in report.notes if n.kind == "unread"] == [3, 4]
    assert report.exit_code == 3
