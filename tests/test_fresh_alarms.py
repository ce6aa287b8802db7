r"""False alarms and unread notation found on fresh public derivations (collected after the corpus folders), each fixed.

Sources (short excerpts, quoted as written):
- neuroticnetworks.blogspot.com, "Back Propagation Intro" (2016-12): layers named by their index
  letters, ``L_{j}=\sigma (\sum w_{ij}L_{i})`` and ``L_{k}=\sigma (\sum w_{jk}L_{j})``, then
  ``\dfrac{\partial{(\dfrac{(T - L_k)^2}{2})}}{\partial{L_k}}=(T - L_k)(-1)``.  On the instance k = 1 the
  variable L_1 was also the instance of L_j's definition, so the derivative was taken through it and the
  right step was refuted.
- github w32zhong/mnn, docs/mnn.layer.SoftmaxLayer.md: ``\partial y_i / \partial x_k = … =
  \frac{\exp(x_i)}{\sum_j \exp(x_j)} \cdot \frac{[\sum_j \exp(x_j)] - \exp(x_i)}{\sum_j \exp(x_j)} = y_i
  \cdot (1 - y_i)``, y the softmax only in the prose.  The indexed step was refuted at y_1 = −1 although
  it uses the value of y_i, which the document differentiates but never defines.
"""

from __future__ import annotations

from derivations.checker.check import check_text

LAYERS = r"""
$L_{j}=\sigma (\sum w_{ij}L_{i})$

$L_{k}=\sigma (\sum w_{jk}L_{j})$

$E = \dfrac{(T - L_k)^2}{2}$

$\dfrac{\partial E}{\partial L_k} = \dfrac{\partial{(\dfrac{(T - L_k)^2}{2})}}{\partial{L_k}}=(T - L_k)(-1)$
"""

SOFTMAX = r"""When $i = k$,

$$ \begin{aligned} \partial y_i / \partial x_k =& \frac{\exp(x_i)[\sum_j \exp(x_j)] - \exp(x_i)\exp(x_i)}{[\sum_j \exp(x_j)]^2} \\\\ =& \frac{\exp(x_i)}{\sum_j \exp(x_j)} \cdot  \frac{[\sum_j \exp(x_j)] - \exp(x_i)}{\sum_j \exp(x_j)} \\\\ =& y_i \cdot (1 - y_i) \end{aligned} $$
"""


def test_a_derivative_by_a_layer_named_by_its_index_letter_is_not_refuted():
    report = check_text(LAYERS)
    assert not [s for s in report.steps if s.status == "refuted"], report.text()
    assert report.exit_code == 0, report.text()


def test_the_same_step_wrong_is_never_passed():
    """``… = (T - L_k)`` (the factor −1 dropped): not proved, so never exit 0."""
    report = check_text(LAYERS.replace("=(T - L_k)(-1)$", "=(T - L_k)$"))
    assert report.exit_code != 0 and report.steps[-1].status not in ("proved", "confirmed"), report.text()


def test_an_indexed_step_using_an_undefined_differentiated_value_is_not_refuted():
    report = check_text(SOFTMAX)
    assert not [s for s in report.steps if s.status == "refuted"], report.text()
    last = report.steps[-1]
    assert last.status == "not checked" and "the document differentiates y_i" in last.reason, report.text()


# github peterroelants/peterroelants.github.io, notebooks/cross_entropy/cross-entropy-logistic.ipynb
# ("Derivative of the cross-entropy loss function for the logistic function"): ξ, the loss, is named
# only in the prose, and the inline ``{\partial y}/{\partial z} = y (1-y)`` was a parse error.
ROELANTS = r"""The derivative ${\partial \xi}/{\partial y}$ of the loss function with respect to its input can be calculated as:

$$
\begin{split}
\frac{\partial \xi}{\partial y}
&= \frac{\partial (-t \log(y) - (1-t) \log(1-y))}{\partial y}
= \frac{\partial (-t \log(y))}{\partial y} +  \frac{\partial (- (1-t)  \log(1-y))}{\partial y} \\
& = -\frac{t}{y} + \frac{1-t}{1-y} = \frac{y-t}{y(1-y)}
\end{split}
$$

since the derivative of the logistic function is ${\partial y}/{\partial z} =  y (1-y)$:

$$
\frac{\partial \xi}{\partial z} = \frac{\partial y}{\partial z} \frac{\partial \xi}{\partial y} = y (1-y) \frac{y-t}{y(1-y)} = y-t
$$
"""


def test_a_quantity_differentiated_as_an_expression_is_named_by_it():
    """∂ξ/∂y = ∂(−t log y − (1 − t) log(1 − y))/∂y, ξ defined nowhere: ξ names the expression, and
    every step after it is checked with that meaning; the file is read whole."""
    report = check_text(ROELANTS)
    assert report.exit_code == 0, report.text()
    first = report.steps[0]
    assert first.status == "definition" and first.reason.startswith("names xi:"), report.text()


def test_a_wrong_step_after_a_derivative_name_is_refuted():
    report = check_text(ROELANTS.replace("= y (1-y) \\frac{y-t}{y(1-y)} = y-t", "= y (1-y) \\frac{y-t}{y(1-y)} = t-y"))
    assert report.exit_code == 1 and report.first_wrong()[1].right.strip() == "t-y", report.text()


def test_a_defined_quantity_differentiated_as_an_expression_is_a_claim():
    """ξ defined first: the same link is a step, refuted when the expression is not ξ's."""
    report = check_text("$$\\xi = t y^2$$\n\n$$\\frac{\\partial \\xi}{\\partial y} = \\frac{\\partial (t y^3)}{\\partial y}$$")
    assert report.steps[-1].status == "refuted", report.text()


def test_braced_partials_over_a_slash_are_a_derivative():
    """``{\\partial \\xi}/{\\partial y}``: read as \\frac{∂ξ}{∂y}, with a note; a wrong value is refuted."""
    text = "$\\xi = -t \\log(y) - (1-t)\\log(1-y)$\n\nso ${\\partial \\xi}/{\\partial y} = \\frac{y+t}{y(1-y)}$"
    report = check_text(text)
    step = report.steps[-1]
    assert step.status == "refuted" and "is read as the derivative" in step.notes[0], report.text()


# imathworks.com (a copy of a Mathematics Stack Exchange answer on the MSE gradient): the rows of
# an align are labelled in the left column, ``\text{(put derivative into summation)}&=…``, and the
# whole display was a parse error.
LABELLED = (r"$$\begin{align}\frac d{dm}\left[\frac1{2n}\sum_{i=1}^n(mX_i+b-y_i)^2\right]&=\frac1{2n}\cdot"
            r"\frac d{dm}\left[\sum_{i=1}^n(mX_i+b-y_i)^2\right]\\\text{(put derivative into summation)}&="
            r"\frac1{2n}\cdot\sum_{i=1}^n\left[\frac d{dm}(mX_i+b-y_i)^2\right]\\\text{(chain rule)}&=\frac1{2n}"
            r"\cdot\sum_{i=1}^n\left[2(mX_i+b-y_i)\cdot\frac d{dm}(mX_i+b-y_i)\right]\\&=\frac1{n}\sum_{i=1}^n"
            r"\left[(mX_i+b-y_i)\cdot X_i\right]\end{align}$$")


def test_a_remark_in_the_left_column_of_a_row_is_skipped():
    report = check_text(LABELLED)
    assert report.exit_code == 0 and len(report.steps) == 4, report.text()
    assert any("(chain rule)" in n and "remark" in n for s in report.steps for n in s.notes), report.text()


def test_a_wrong_row_after_a_remark_is_refuted():
    report = check_text(LABELLED.replace(r"\\&=\frac1{n}\sum", r"\\&=\frac2{n}\sum"))
    assert report.exit_code == 1 and report.first_wrong()[1].right.startswith(r"\frac2{n}"), report.text()


def test_a_word_in_the_left_column_is_still_a_name():
    """``\\text{Loss} &= …`` in a later row names a quantity, as before; ``\\text{chain rule}`` does not."""
    named = check_text(r"$$\begin{align}x+x&=2x\\ \text{Loss} &=x \cdot 2\end{align}$$").steps
    assert named[-1].status == "definition", named
    remark = check_text(r"$$\begin{align}x+x&=2x\\ \text{chain rule} &=x \cdot 3\end{align}$$")
    assert remark.exit_code == 1 and remark.steps[-1].left == "2x", remark.text()
