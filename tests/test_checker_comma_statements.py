r"""Several statements on one line separated by a comma and \quad: none is dropped without a word.

Regression from the held-out corpus (tests/data/heldout/h06, Markus Thill's blog post "Yet another
Neural Networks Introduction"): ``z = \sin(x^2 + y^2), \qquad x = e^t, \qquad y = t^2.`` was read
as ``z = \sin(x^2 + y^2)`` alone; the definitions of x and y vanished from the report.  Every
relation must appear in the report, and a wrong one after the comma must not pass.
"""

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains


def test_comma_quad_separates_statements():
    """``a = …, \\qquad b = …, \\qquad c = ….`` is three statements."""
    chains = parse_chains(r"z = \sin(x^2 + y^2), \qquad x = e^t, \qquad y = t^2.")
    assert [c.sources for c in chains] == [("z", r"\sin(x^2 + y^2)"), ("x", "e^t"), ("y", "t^2")]


def test_wrong_statement_after_comma_quad_is_refuted():
    """A false equation after ``, \\quad`` is checked and refuted, not silently dropped (exit 1, not 0)."""
    report = check_text(r"$$(a+b)^2 = a^2 + 2ab + b^2, \quad (a-b)^2 = a^2 + b^2$$")
    assert [s.status for s in report.steps] == ["proved", "refuted"]
    assert report.exit_code == 1


def test_condition_after_comma_quad_is_kept_as_the_domain():
    """``a = b, \\quad x > 0`` keeps its condition: the line is checked under it (never as ``a = b`` alone)."""
    held = check_text(r"$$\sqrt{x^2} = x, \quad x > 0$$")
    assert [s.status for s in held.steps] == ["proved"] and held.exit_code == 0
    assert any("(0, " in n for n in held.steps[0].notes), held.steps[0].notes
    wrong = check_text(r"$$\sqrt{x^2} = x, \quad x < 0$$")
    assert [s.status for s in wrong.steps] == ["refuted"] and wrong.exit_code == 1


def test_values_separated_by_commas_are_one_statement_each():
    """heldout2 n36 (a chain-rule lesson): "At $t = 1$: $x = 2, y = 1$" was a parse error (unread)."""
    assert [c.sources for c in parse_chains("x = 2, y = -1.5")] == [("x", "2"), ("y", "-1.5")]
    report = check_text("$z = x^2 + xy$, $x = 2t$, $y = t^2$\n\nAt $t = 1$: $x = 2, y = 1$\n\n$$z = 6$$\n")
    assert report.exit_code == 0 and report.steps[-1].status == "proved", [s.describe() for s in report.steps]
    alone, listed = (check_text(f"$x = 2t$\n\nAt $t = 1$: ${values}$\n") for values in ("x = 3", "x = 3, y = 1"))
    assert listed.notes == alone.notes and "defines x a second time" in listed.notes[0].message  # as alone


def test_a_comma_between_other_statements_is_still_refused():
    for text in ("a = b, c = d", "x = 2, y", "f(x, y) = 1, 2"):
        try:
            parse_chains(text)
        except Exception as err:  # noqa: BLE001 - any refusal: never read as something else
            assert "','" in str(err), err
        else:
            raise AssertionError(f"{text!r} was read")
