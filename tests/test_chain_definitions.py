"""A chain that names one expression several times, ``y = sigmoid(x) = f(x) = \\frac{1}{1+e^{-x}}``,
and rows linked by ⇒ that restate one quantity.

Source: heldout2 n01 and n02, github Baker-B/nn_conspect (14_activation_sigmoid.ipynb and
15_activation_tanh.ipynb, commit 249850aa5e79, copying the neuralthreads Medium series): a gather*
of rows ``\\Rightarrow f'(x) = …`` after the definition row.  The tanh notebook calls the tanh
``sigmoid(x)`` in its definition row, a real mistake.
"""

from __future__ import annotations

from derivations.checker.check import check_text

_SIGMOID_ROWS = r"""
$$
\begin{{gather*}}
    y = sigmoid(x) = f(x) = {body}\\
    \frac{{dy}}{{dx}} = f'(x) = \frac{{d((1+e^{{-x}})^{{-1}})}}{{dx}} \Rightarrow \\
    \Rightarrow f'(x) = e^{{-x}} (1  + e^{{-x}})^{{-2}} \Rightarrow \\
    \Rightarrow f'(x) = {row} \Rightarrow \\
    \Rightarrow f'(x) = sigmoid(x)(1 - sigmoid(x))
\end{{gather*}}
$$
"""


def _report(body=r"\frac{1}{1 + e^{-x}}", row=r"(\frac{1}{1 + e^{-x}}) (\frac{e^{-x}}{1 + e^{-x}})"):
    return check_text(_SIGMOID_ROWS.format(body=body, row=row))


def test_the_last_link_of_a_chain_of_names_defines_the_function():
    """f(x) is the last name of the expression: defined, and every row about f'(x) is checked."""
    report = _report()
    first = report.chains[0].steps
    assert [(s.relation, s.status) for s in first] == [(":=", "definition"), ("=", "proved"), (":=", "definition")]
    assert "last link of a chain" in first[2].reason
    assert report.exit_code == 0, [s.describe() for s in report.steps]
    assert sum(s.status == "proved" for s in report.steps) == 6


def test_a_function_misnamed_in_the_definition_row_is_refuted_there():
    """n02: the tanh written as sigmoid(x) = f(x) = (e^x - e^{-x})/(e^x + e^{-x}): its second link is false."""
    report = _report(body=r"\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}")
    step = report.chains[0].steps[1]
    assert (step.left.strip(), step.status) == ("sigmoid(x)", "refuted"), step.describe()


def test_a_wrong_row_after_a_checked_row_and_implies_is_refuted_not_taken_as_a_premise():
    """Regression (a wrong derivation that exited 0): a false row ⇒ a right row was read as the
    premise of an equation-solving chain, "taken as given", because a ⇒ followed it."""
    report = _report(row=r"(\frac{1}{1 + e^{-x}}) (\frac{e^{x}}{1 + e^{-x}})")  # e^{x}: the injected error
    assert report.exit_code == 1
    wrong = [s for s in report.steps if s.status == "refuted"]
    assert len(wrong) == 1 and "e^{x}}{1 + e^{-x}}" in wrong[0].right, [s.describe() for s in report.steps]
    assert not [s for s in report.steps if s.status == "hypothesis"]


def test_an_equation_solving_chain_still_starts_from_its_premise():
    """The premise of a solving chain stays a hypothesis: it follows no checked row."""
    report = check_text(r"$$1 + e^{-x} = \frac{1}{y} \Rightarrow e^{-x} = \frac{1-y}{y}"
                        r" \Rightarrow x = -\ln\frac{1-y}{y}$$")
    assert [s.status for s in report.steps][0] == "hypothesis", [s.describe() for s in report.steps]
    assert "refuted" not in [s.status for s in report.steps]


def test_a_function_defined_twice_is_defined_by_a_chain_tail_up_to_its_next_definition():
    """f(x) named at the end of a chain and defined again below: each definition holds from its line
    on, as for any function written twice, and the second comes with a warning (heldout5 p16 names
    g_3 again in its second case: ``x_2 = g_3(x_3) = e^{x_3}`` after ``x_2 = g_3(x_3) = x_3 + c_2``)."""
    report = check_text("$$y = f(x) = x^2$$\n\n$$f(2) = 4$$\n\n$$f(x) = x^3$$\n\n$$f(2) = 8$$\n")
    tail = report.steps[1]
    assert tail.status == "definition" and "last link" in tail.reason, tail.describe()
    assert [s.status for s in report.steps[2:]] == ["proved", "definition", "proved"]
    assert any("differently from its earlier definition" in n.message for n in report.notes)


def test_a_function_written_elsewhere_in_the_chain_is_not_a_name():
    """g(x) = f(x) = x f(x) + 1 is an equation in f, not a definition of f."""
    report = check_text("$$g(x) = f(x) = x^2 f(x)$$")
    assert all(s.status != "definition" or "last link" not in s.reason for s in report.steps)
