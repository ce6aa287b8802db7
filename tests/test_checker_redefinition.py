"""A symbol the document defines twice: the second definition is used from the line it appears on.

Regression for a false alarm on real material (tests/data/heldout/h06, Markus Thill's blog post
"Yet another Neural Networks Introduction"): z = sin(x^2 + y^2) with x = e^t, y = t^2, then
"Using direct differentiation" z = sin(e^{2t} + t^4) and dz/dt = cos(e^{2t} + t^4)(2e^{2t} + 4t^3).
The first definition stayed in force, so dz/dt was computed as 0 and the true step was refuted.
"""

from derivations.checker.check import check_text

REDEFINED = r"""
$$
z = \sin(x^2 + y^2)
$$

$$
\begin{align}
z &= \sin(e^{2t} + t^4), \\
\frac{d z}{d t}
&= \cos(e^{2t} + t^4)\left(2 e^{2t} + 4 t^3\right)
\end{align}
$$
"""


def _statuses(report):
    return [(s.line, s.status) for s in report.steps]


def test_second_definition_replaces_the_first():
    """After z is defined again, dz/dt uses the new definition: the true step is proved, not refuted."""
    report = check_text(REDEFINED)
    assert report.first_wrong() is None
    assert ("refuted" not in [s.status for s in report.steps])
    assert any(s.status == "proved" and s.line == 10 for s in report.steps), _statuses(report)


def test_redefinition_is_reported_as_a_warning():
    """A definition that disagrees with the earlier one is kept as a definition, with a warning that says so."""
    report = check_text(REDEFINED)
    warnings = [n.message for n in report.notes if n.kind == "warning"]
    assert any("defines z a second time" in w for w in warnings), warnings


def test_restated_definition_that_agrees_is_a_checked_step():
    """L = (y - a)^2 followed by L = y^2 - 2ay + a^2 is a claim about L, proved, not a new definition."""
    report = check_text("$$L = (y - a)^2$$\n\n$$L = y^2 - 2ay + a^2$$\n")
    assert [s.status for s in report.steps] == ["definition", "proved"]
    assert report.exit_code == 0


def test_symbols_defined_with_a_redefined_symbol_use_its_new_meaning():
    """z = y^2 defined while y = 3t, then y = t^2 on the same line: dz/dt = 4t^3 holds (late binding), no refutation."""
    report = check_text("$$y = 3t$$\n\n$$z = y^2, \\qquad y = t^2$$\n\n$$\\frac{dz}{dt} = 4t^3$$\n")
    assert [s.status for s in report.steps] == ["definition", "definition", "definition", "proved"]
