r"""Notation read on fresh public derivations that was a parse error before, each with its check.

Sources (short excerpts, quoted as written):
- github arunmallya/arunmallya.github.io, writeups/nn/backprop.html, section "Softmax Layer" (the 2016
  version, commit e746b3b, and the older one, commit 3ba5ff1): an align whose rows open with their
  index condition, ``\text{If } i=j, \frac{\partial y_i}{\partial x_i} &= …`` and ``\text{If } i\neq j,
  … &= …``, and the indicator ``\mathbf{1}\{ i=j \}``.  The whole block was a parse error ("unexpected
  ','").  The older version drops the factor Σ e^{x_k} in the quotient rule; the newer one writes the
  left side of its i ≠ j case as ∂y_i/∂x_i for the derivative of e^{x_j}/Σ (false as written).
- github go2carter/nn-learn, grad-deriv-tex/rnn-grad-deriv.tex (commit 11f8c33, before the fix
  eeabba9): nested subscripts ``\hat{y}_{t_k}`` (entry k at time t) and empty groups
  ``\sum_{k\ne l}{}``; its first line multiplies the sum by −y/ŷ (reported in the repository's issue #1).
- github peterroelants/peterroelants.github.io, notebooks/cross_entropy/cross-entropy-softmax.ipynb:
  ``\frac{\partial t_j \log(y_j)}{\partial z_i}{}``, an empty group after a fraction.
- mattpetersen.github.io (softmax shift invariance): ``s(\mathbf x + c)_i``, component i of s at a
  vector's shift.
"""

from __future__ import annotations

from derivations.checker.check import check_text
from derivations.checker.parser import parse_expression

SOFTMAX = r"""$$
y_i = \frac{e^{x_i}}{\sum_{k=1}^m e^{x_k}}
$$

\begin{align}
\frac{\partial E}{\partial x_i} &= \sum_{j=1}^n \left( \frac{\partial E}{\partial y_j} \cdot \frac{\partial y_j}{\partial x_i} \right)\\
\text{If } i=j, \frac{\partial y_i}{\partial x_i} &=  \frac{\partial}{\partial x_i} \left\{ \frac{e^{x_i}}{\sum_{k=1}^m e^{x_k}} \right\}\\
&= \frac{ e^{x_i}\left(\sum_{k=1}^m e^{x_k}\right) - \left(e^{x_i}\right)^2} { \left(\sum_{k=1}^m e^{x_k}\right)^{2} } \\
&= y_i \cdot (1-y_i)\\
&= y_i \cdot (\mathbf{1}\{ i=j \} - y_j)\\
\text{If } i\neq j, \frac{\partial y_j}{\partial x_i} &=  \frac{\partial}{\partial x_i} \left\{ \frac{e^{x_j}}{\sum_{k=1}^m e^{x_k}} \right\}\\
&=  \frac{-e^{x_i}\cdot e^{x_j}}{\left(\sum_{k=1}^m e^{x_k}\right)^2} \\
&= -y_i \cdot y_j
\end{align}
"""

RNN = r"""\begin{align}
-\frac{y_{t_l}}{\hat{y}_{t_l}}\left(\hat{y}_{t_l}\left(1-\hat{y}_{t_l}\right)+\sum_{k\ne l}{}\left(-\frac{y_{t_k}}{\hat{y}_{t_k}}\right)\left(-\hat{y}_{t_k}\hat{y}_{t_l}\right)  \right)
&= -y_{t_l}+y_{t_l}\hat{y}_{t_l}+\sum_{k\ne l}{}y_{t_k}\hat{y}_{t_l} \\
&= -y_{t_l} + \hat{y}_{t_l}\sum_{k}{}y_{t_k}.
\end{align}
"""


def test_rows_that_open_with_their_index_condition_are_checked_under_it():
    report = check_text(SOFTMAX)
    assert report.exit_code == 0, report.text()
    text = report.text()
    assert "for i = j, the condition written with it" in text, text  # the rows from line 7 to 10
    assert text.count("for i ≠ j, the condition written with it") == 2, text  # the rows from line 11 that use j
    assert "Kronecker delta" in report.text()
    first = report.steps[1]  # the row before the first condition holds for every i, j
    assert first.status in ("proved", "confirmed") and "condition" not in first.reason, report.text()


def test_a_wrong_row_under_a_condition_is_refuted_at_its_line():
    """The older version: the quotient rule without Σ e^{x_k} in its first term (line 8)."""
    wrong = SOFTMAX.replace(r"e^{x_i}\left(\sum_{k=1}^m e^{x_k}\right) - ", "e^{x_i} - ")
    report = check_text(wrong)
    assert report.exit_code == 1 and report.first_wrong()[1].line == 8, report.text()


def test_the_left_side_of_the_other_case_written_with_the_wrong_index_is_refuted():
    """∂y_i/∂x_i under i ≠ j for the derivative of e^{x_j}/Σ: false as written (the 2016 version)."""
    report = check_text(SOFTMAX.replace(r"i\neq j, \frac{\partial y_j}", r"i\neq j, \frac{\partial y_i}"))
    assert report.exit_code == 1 and report.first_wrong()[1].line == 11, report.text()


def test_a_condition_that_is_not_between_indices_is_not_split_on():
    report = check_text(r"\begin{align} a &= b \\ \text{If } x>0, c &= d \end{align}")
    assert report.exit_code == 3 and "parse error" in report.text(), report.text()


def test_nested_subscripts_and_empty_groups_are_read():
    assert str(parse_expression(r"\hat{y}_{t_k}")) == "yhat_{tk}"
    assert parse_expression(r"\frac{a}{b}{} + c") == parse_expression(r"\frac{a}{b} + c")
    assert str(parse_expression(r"\sum_{k\ne l}{}y_k")) == str(parse_expression(r"\sum_{k\ne l}y_k"))
    report = check_text(RNN)
    wrong = report.first_wrong()
    assert wrong is not None and wrong[1].line == 3, report.text()  # the bracket multiplies the sum
    assert report.steps[-1].status in ("proved", "confirmed"), report.text()
    assert "the subscript {t_l} is read as the two indices tl" in report.text()


def test_only_letter_in_letter_subscripts_are_read_as_two_indices():
    for text in (r"x_{t_1}", r"x_{t_{k+1}}"):
        try:
            parse_expression(text)
        except Exception as err:  # noqa: BLE001 - the parser's own errors
            assert "subscript" in str(err)
        else:
            raise AssertionError(f"{text} was read")


def test_a_component_of_a_function_at_a_vector_expression():
    report = check_text(r"""$$\begin{aligned}
s(\mathbf x + c)_i &= \frac{e^{x_i + c}}{\sum e^{x_j + c}} \\
&= \frac{e^{x_i}e^c}{\sum e^{x_j}e^c} \\
&= \frac{e^{x_i}}{\sum e^{x_j}}
\end{aligned}$$""")
    assert report.steps[0].left.strip() == r"s(\mathbf x + c)_i", report.text()
    assert "component i of s" in report.text()
    assert [s.status for s in report.steps[1:]] in (["confirmed", "proved"], ["proved", "proved"]), report.text()
    assert str(parse_expression(r"s(\mathbf x + c)_i")) == "s_i(c + x)"
    # λ is no function of the document: λ times entry i of x − y, as λ(x − y) is λ times x − y
    assert str(parse_expression(r"\lambda(x - y)_i")) == "lambda*entry(x - y, i)"


# Two false alarms of the fifth held-out corpus's first run (tests/data/heldout5), fixed:
# - GitHub file, stored-index file id 8923878325 (Mahfuzar148, "Machine-Learning-and-Deep-learning",
#   backward propagation worked example): "\text{Loss} = (y - \hat{y})^2 = (0 - 0.9591)^2 =
#   \boxed{0.91988}", where 0.9591 is itself σ(3.155) rounded; 0.95910…0.95915 squared reaches 0.91988.
# - GitHub file, stored-index file id 27488744757 ("Important equations for backpropagation"):
#   "C = (a^L - y)^2 \quad \nabla_a C = 2(a^L - y)": ∇_a means the gradient by a^L, not by a lone a.
ROUNDED = r"""$$\hat{y} = 0.9591$$

$$(0 - 0.9591)^2 = 0.91988$$

$$0.9591 \cdot (1 - 0.9591) = 0.03932$$
"""


def test_a_result_of_rounded_inputs_is_read_to_their_digits():
    report = check_text(ROUNDED.replace("$$0.9591 \\cdot (1 - 0.9591) = 0.03932$$\n", ""))
    assert report.exit_code == 0 and "inputs read as the rounded values" in report.text(), report.text()


def test_a_digit_swap_in_such_a_result_is_still_refuted():
    """0.9591(1 − 0.9591) = 0.039227…, written 0.03932: beyond what rounded inputs can reach."""
    report = check_text(ROUNDED)
    assert report.exit_code == 1 and report.first_wrong()[1].line == 5, report.text()


def test_a_gradient_by_a_name_the_expression_holds_only_with_an_index_is_not_refuted():
    report = check_text(r"$$C = (a^L - y)^2 \quad \nabla_a C = 2(a^L - y)$$")
    step = report.steps[-1]
    assert step.status == "not checked" and "holds a^{(L)}" in step.reason, report.text()
    wrong = check_text(r"$$C = (a^L - y)^2 \quad \nabla_{a^L} C = 3(a^L - y)$$")
    assert wrong.exit_code == 1, wrong.text()  # by the name it holds, a wrong factor is refuted


def test_data_written_with_few_decimals_is_not_read_as_rounded():
    """heldout h32 (github purepisces/Wenqing-Machine_Learning_Blog, tanh.md): a genuine slip, 0.78 written
    0.68. The first version of the rounded-inputs reading let it pass (caught by the corpus run)."""
    report = check_text(r"$x = (0.5 \times 0.4) + (0.8 \times 0.6) + 0.1 = 0.68$")
    assert report.exit_code == 1 and report.steps[-1].status == "refuted", report.text()
