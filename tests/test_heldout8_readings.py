r"""The nine false alarms the eighth held-out corpus exposed, and the readings it asked for.

Sources (tests/data/heldout8/, INDEX.md names each with its repository or file id): s02, an English
linear-regression note with partial derivatives of h_θ(x_i) = θ_0 + θ_1 x_i; s04, a blog series post on
one gradient-descent step through a ReLU layer; s09 and s10, a Chinese note on the softmax Jacobian and
the softmax cross-entropy gradient; s13, keonhee's Korean Jekyll post on propagation (Lee-keonhee/
zero_to_deep_kh); s16, a Korean numeric ReLU backprop example in a plain code block.  On main
(024d49c) the corpus scored 5 / 28 with 9 false alarms.
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text

DATA = Path(__file__).resolve().parent / "data" / "heldout8"


def _report(name: str):
    return check_text((DATA / name).read_text(encoding="utf-8"), path=name)


def _at(report, line: int):
    return [s for s in report.steps if s.line == line]


def test_a_derivative_by_a_parameter_of_a_defined_function_is_taken():
    """s02: with h(x) = θ_0 + θ_1 x, ∂h(x)/∂θ_0 was 0: the verifier gave the step's θ_0 (only a variable of
    the derivative) other assumptions than the body's, so they were two symbols."""
    steps = check_text(r"$$f(x) = a + b x$$ $$\frac{\partial f(x)}{\partial a} = 1$$").steps
    assert steps[-1].status == "proved", steps[-1].describe()
    steps = check_text(r"$$f(x) = a + b x$$ $$\frac{\partial f(x)}{\partial a} = b$$").steps
    assert steps[-1].status == "refuted"


def test_the_cost_defined_with_a_sum_is_differentiated_on_instances():
    """s02: ∂J/∂θ_0 with J(θ_0, θ_1) = (1/2m) Σ_i (h_θ(x_i) − y_i)² defined: J's sum goes to the instances."""
    report = _report("s02_linreg-partial-derivatives-en.md")
    assert [s.status for s in _at(report, 27) + _at(report, 35)] == ["confirmed", "confirmed"]
    assert report.first_wrong() is None
    text = (DATA / "s02_linreg-partial-derivatives-en.md").read_text(encoding="utf-8")
    wrong = text.replace(r"2 (h_\theta(x_i) - y_i) \frac{\partial h_\theta(x_i)}{\partial \theta_0}",
                         r"2 (h_\theta(x_i) + y_i) \frac{\partial h_\theta(x_i)}{\partial \theta_0}")
    assert wrong != text
    assert check_text(wrong).first_wrong()[1].line == 27


def test_numbers_put_in_for_an_example_given_elsewhere_are_not_refuted():
    """s04: 2αŷ(Σ_j x_j² + 1) = 2αŷ·31 uses the inputs x = (1, 2, 3, 4) of an earlier post."""
    [step] = _at(_report("s04_gd-step-layer-sum-en.md"), 18)
    assert step.status == "not checked" and "it writes 31 in place of" in step.reason
    wrong = _report("s04_gd-step-layer-sum-en.wrong.md")
    assert wrong.first_wrong()[1].line == 24


def test_an_inline_index_condition_with_neq_holds_for_the_next_display():
    """s09: "1. $i \\neq j$" before the first case was not read at all (inline math without "=" was a
    mention), so the case was checked at i = j and refuted."""
    report = _report("s09_softmax-jacobian-zh.md")
    assert [s.status for s in _at(report, 14)] == ["hypothesis"]
    assert report.exit_code == 0
    assert _report("s09_softmax-jacobian-zh.wrong.md").first_wrong()[1].line == 23


def test_labels_that_sum_to_one_unstated_leave_the_step_unchecked():
    """s10: (Σ_{c≠j} y_c + y_j) p_j − y_j = p_j − y_j needs Σ_c y_c = 1, which the excerpt never states."""
    [step] = _at(_report("s10_softmax-ce-gradient-zh.md"), 30)
    assert step.status == "not checked"
    assert "it holds if Σ_{c=1..C}(y_c) = 1" in step.reason


def test_values_given_to_the_entries_of_a_named_vector_are_definitions():
    """s13: X = (x_1 x_2) = (0.5 0.3) gives x_1 and x_2 their values; it was refuted as an identity."""
    report = _report("s13_backprop-numeric-sigmoid-ko.md")
    steps = _at(report, 10)
    assert [s.status for s in steps[:2]] == ["definition", "definition"]
    assert "gives x_1, x_2 their values" in steps[1].reason
    assert report.first_wrong()[1].line == 41  # the author's a_2 = Sigmoid(z_1) = 1/(1+e^{-z_2})


def test_a_relu_row_with_a_korean_remark_is_read():
    """s16: "a₁ = relu(z₁) = relu(1.0) = 1.0   (1.0 > 0이므로 그대로 통과)" was unread, so a₁ had no value
    and the next row was refuted."""
    report = _report("s16_backprop-relu-numeric-ko.md")
    assert report.first_wrong() is None
    assert [s.status for s in _at(report, 12)] == ["definition", "proved", "proved"]
    assert _report("s16_backprop-relu-numeric-ko.wrong.md").first_wrong()[1].line == 17


def test_an_array_between_brackets_is_the_matrix_it_draws():
    """s20 (murundb's Newton's-method notes) writes its gradient and Hessian as \\left[\\begin{array}{c} …
    \\end{array}\\right]; the array was refused.  Now it is a matrix, and a wrong entry is refuted."""
    report = _report("s20_newton-step-2d-en.md")
    assert not [n for n in report.notes if "array" in n.message]
    assert [s.status for s in _at(report, 22)] == ["definition"]
    text = (r"$$\left[ \begin{array}{cc} 1 & 2 \\ 3 & 4 \end{array} \right] \left( \begin{array}{c} 1 \\ 1"
            r" \end{array} \right) = \left[ \begin{array}{c} 3 \\ %s \end{array} \right]$$")
    assert check_text(text % "7").steps[-1].status in ("proved", "confirmed")
    assert check_text(text % "8").steps[-1].status == "refuted"


# --- later readings (partly read files of this corpus, read whole since) -------------------------


def test_math_between_dollars_in_a_plain_code_block_is_read():
    """s19 (a Chinese ResNet-v2 note) sets every formula as `$…$` inside a ``` block; nothing was read and
    nothing said so.  Now the block is math, with a note; `x_(l+1) = y_l` names the next layer's input."""
    report = _report("s19_resnet-v2-backprop-zh.md")
    assert report.exit_code == 0, [s.describe() for s in report.steps]
    assert [s.status for s in _at(report, 16)] == ["definition"]
    assert "_(l+1) is read as the subscript {l+1}, as plain text writes it" in _at(report, 16)[0].notes
    assert [s.status for s in _at(report, 21)] == ["confirmed", "confirmed"]
    assert any("code block" in n for s in _at(report, 21) for n in s.notes)
    fenced = "```python\n$y = 2x$\n```\n"  # a block that names a language stays code
    assert check_text(fenced).steps == ()


def test_a_flipped_residual_term_is_refuted_though_its_derivative_is_undefined():
    """s19.wrong: ∂ε/∂x_L (1 − ∂/∂x_l Σ F(x_i, W_i)) for (1 + …).  The derivative ∂F(x_l, W_l)/∂x_l is the
    author's own (written in the step), so it is not one the author may know to vanish."""
    report = _report("s19_resnet-v2-backprop-zh.wrong.md")
    wrong = report.first_wrong()[1]
    assert wrong.line == 23 and wrong.status == "refuted"
    assert "false for F(" in wrong.reason


def test_a_partial_derivative_by_d_is_read():
    """s16 names the error d = z₂ − y and writes ∂L/∂d: "cannot read this partial derivative"."""
    report = _report("s16_backprop-relu-numeric-ko.md")
    assert [s.status for s in _at(report, 23)] == ["proved", "proved", "proved"]
    steps = check_text(r"$$L = d^2$$ $$\frac{\partial L}{\partial d} = 3d$$").steps
    assert steps[-1].status == "refuted"
