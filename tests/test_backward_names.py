r"""A name given at the end of a chain, right to left (``\ln\frac{P}{1-P} = z``), and hyphenated names.

Source: tests/data/heldout/h28 (github jackey8616, logistic-regression notes: the logit solved for P
in one align*, ``Log-Odds &= \ln(\frac{P}{1-P}) = z`` then ``e^z &= \frac{P}{1-P}`` …
``P &= \frac{e^z}{1 + e^z}``), whose whole block was skipped ("function log needs an argument").
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text

H28 = Path(__file__).parent / "data" / "heldout" / "h28_logit-sigmoid-solve-jackey8616.md"


def _by_line(report) -> dict:
    out: dict = {}
    for s in report.steps:
        out.setdefault(s.line, []).append(s)
    return out


def test_h28_the_logit_solved_for_p_is_read_and_every_row_holds():
    report = check_text(H28.read_text())
    assert report.exit_code == 0, report.render()
    lines = _by_line(report)
    assert [s.status for s in lines[11]] == ["definition", "definition"]
    assert "Log-Odds is read as one name" in lines[11][0].notes[0]
    assert lines[11][1].relation == "=:" and "written right to left" in lines[11][1].reason
    assert all(s.status == "proved" for n in range(12, 19) for s in lines[n]), report.render()


def test_a_wrong_row_after_a_backward_name_is_refuted():
    """The same rows with one sign changed (e^z(1+P) = P): refuted there, with z's meaning."""
    text = H28.read_text().replace(r"e^z(1-P) &= P", r"e^z(1+P) &= P")
    report = check_text(text)
    assert report.exit_code == 1
    assert report.first_wrong()[1].line == 14, report.render()


SIGMOID = r"$$\sigma(z) = \frac{1}{1+e^{-z}}$$" "\n\n"
REAL10 = Path(__file__).parent / "data" / "real" / "10_sigmoid-derivative-heavenaq.md"


def test_a_new_name_for_a_part_of_the_left_side_names_it():
    """real/10 (HeavenAQ's heaven-blog): the boxed ``σ(z)·(1 − σ(z)) = ŷ·(1 − ŷ)``, ŷ only in the prose.

    The right side is the left written again with σ(z) named ŷ: a definition, and the file is read."""
    report = check_text(REAL10.read_text())
    assert report.exit_code == 0, report.render()
    last = report.steps[-1]
    assert last.status == "definition" and last.reason.startswith("names yhat:") and "σ(z) named yhat" in last.reason


def test_a_named_part_is_used_by_the_steps_after():
    """After ``σ(z)(1 − σ(z)) = a(1 − a)``, a means σ(z): a true step about a is proved, a false one refuted."""
    named = SIGMOID + r"$$\sigma(z)(1 - \sigma(z)) = a(1 - a)$$" "\n\n"
    right = check_text(named + r"$$a - a^2 = \frac{e^{-z}}{(1+e^{-z})^2}$$").steps
    assert [s.status for s in right][1:] == ["definition", "proved"], right
    wrong = check_text(named + r"$$a + a^2 = \frac{e^{-z}}{(1+e^{-z})^2}$$")
    assert wrong.exit_code == 1 and wrong.steps[-1].status == "refuted"


def test_a_new_name_that_fits_no_part_is_not_a_definition():
    """``σ(z)(1 − σ(z)) = ŷ(1 + ŷ)`` (a wrong sign): no part of the left fits, so ŷ may only be named: not checked."""
    text = SIGMOID + r"$$\frac{d\sigma}{dz} = \sigma(z)(1 - \sigma(z)) = \hat{y}(1 + \hat{y})$$"
    report = check_text(text)
    assert report.exit_code != 0 and report.steps[-1].status == "not checked"
    assert "may only name" in report.steps[-1].reason


def test_a_renamed_variable_is_a_slip_not_a_name():
    """``σ(z)(1 − σ(z)) = σ(x)(1 − σ(x))``: x would only replace z, a lone symbol; not a name, not passed."""
    text = SIGMOID + r"$$\sigma(z)(1 - \sigma(z)) = \sigma(x)(1 - \sigma(x))$$"
    report = check_text(text)
    assert report.exit_code != 0 and report.steps[-1].status != "definition", report.render()


def test_a_part_still_written_beside_the_name_is_not_named():
    """``σ(z)(1 − σ(z)) = a(1 − σ(z))``: σ(z) is still on the right, so a does not name it."""
    text = SIGMOID + r"$$\sigma(z)(1 - \sigma(z)) = a(1 - \sigma(z))$$"
    report = check_text(text)
    assert report.exit_code != 0 and report.steps[-1].status != "definition", report.render()


def test_a_name_defined_elsewhere_is_checked_with_that_definition():
    """ŷ = σ(z) written further on: ŷ is not named by the link, which is checked with the definition."""
    text = (SIGMOID + r"$$\sigma(z)(1 - \sigma(z)) = \hat{y}(1 + \hat{y})$$" "\n\n"
            r"where $$\hat{y} = \sigma(z)$$")
    steps = check_text(text).steps
    assert not any(s.status == "definition" and s.relation == "=" and "names" in s.reason for s in steps), steps


def test_a_name_used_before_is_a_claim_not_a_definition():
    """z already appears in an earlier chain: ``… = z`` is a step, refuted when false."""
    text = "$$z = 2 + P$$\n\n$$P + 1 = z$$\n"
    steps = check_text(text).steps
    assert [s.status for s in steps] == ["definition", "refuted"]


def test_a_name_defined_further_on_is_not_named_here():
    """z = wx + b written after: the earlier ``… = z`` is not z's definition (z means wx + b)."""
    text = "$$\\sigma(w x + b) = \\sigma(z)$$\n\n$$w x + c = z$$\n\nwhere $$z = w x + b$$\n"
    steps = check_text(text).steps
    assert steps[1].status != "definition", [s.describe() for s in steps]


def test_a_backward_name_is_used_by_the_steps_after_it():
    text = "$$\\frac{1}{1+e^{-x}} = s$$\n\n$$s(1-s) = \\frac{e^{-x}}{(1+e^{-x})^2}$$\n"
    steps = check_text(text).steps
    assert [s.status for s in steps] == ["definition", "proved"]


def test_hyphenated_words_and_ordinary_subtraction():
    """Two capitalised words joined by a hyphen are one name; single letters or a lowercase word
    subtract as always."""
    steps = check_text("$$Cross-Entropy = -y \\ln p$$\n\n$$A-B = -(B-A)$$\n\n$$x-y = -(y - x)$$\n").steps
    assert steps[0].status == "definition" and "Cross-Entropy is read as one name" in steps[0].notes[0]
    assert [s.status for s in steps[1:]] == ["proved", "proved"]


def test_the_premise_of_a_solving_chain_names_nothing():
    """a² = b ⇒ a = √b: b is the equation's unknown, not a name for a² (a = √b holds on one branch)."""
    report = check_text(r"$$a^2 = b \Rightarrow a = \sqrt{b}$$")
    assert [s.status for s in report.steps] == ["hypothesis", "not checked"]
