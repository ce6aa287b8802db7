"""Hypotheses about quantities a document never defines (derivations/checker/facts.py).

Golden tests on inputs written here, and on real derivations of tests/data (sources named in each
file's header): real/27 and real/28 (github ImJaeSung/LogisticRegression README.md, sections
"weight" and "bias"), heldout/h27 (github niaza64/ml100, Tasks/Logistic_regression/
Gradient_Decent_logistic_regression.ipynb) and real/29 (math.stackexchange, a question on the BCE
derivative's sign).
"""

from __future__ import annotations

import json
from pathlib import Path

from derivations.checker.check import check_text

DATA = Path(__file__).resolve().parent / "data"


def _statuses(report) -> dict:
    return {(s.line, s.left.strip()): s.status for s in report.steps}


CHAIN = r"""
$$\frac{\partial z}{\partial w} = x$$
$$\frac{\partial \hat y}{\partial z} = \hat y(1-\hat y)$$
$$\frac{\partial L}{\partial \hat y} = \frac{\hat y - y}{\hat y(1-\hat y)}$$
$$\frac{\partial L}{\partial w} = (\hat y - y) x$$
"""


def test_stated_derivatives_are_hypotheses_used_by_the_chain_rule():
    """Three stated derivatives of undefined quantities are hypotheses, and the chain-rule step after
    them is proved with their values put in, naming them; the file exits 0 and lists them."""
    report = check_text(CHAIN)
    assert [s.status for s in report.steps] == ["hypothesis"] * 3 + ["proved"]
    last = report.steps[-1]
    assert "using the hypotheses" in last.reason and "(line 2)" in last.reason and "(line 4)" in last.reason
    assert report.exit_code == 0
    assert len(report.hypotheses()) == 3 and "taken as given" in report.summary()


def test_json_and_html_list_the_hypotheses():
    """`--json` has a "hypotheses" list and each step's status; the HTML table shows them too."""
    report = check_text(CHAIN)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["hypotheses"] == report.hypotheses() and len(data["hypotheses"]) == 3
    assert [s["status"] for c in data["chains"] for s in c["steps"]].count("hypothesis") == 3
    given = data["chains"][-1]["steps"][0]["given"]
    assert given[0] == "∂z/∂w = x (line 2)" and [g.rsplit("(", 1)[1] for g in given] == ["line 2)", "line 3)", "line 4)"]
    page = report._repr_html_()
    assert page.count(">hypothesis</span>") == 3 and "taken as given" in page
    assert ">holds given its hypotheses</span>" in page and ">proved</span>" in page  # the file; its one proved step


def test_a_wrong_step_is_not_made_to_pass():
    """With the same hypotheses, a sign error in the final gradient does not pass (and exits 3 or 1)."""
    report = check_text(CHAIN.replace(r"(\hat y - y) x$$", r"(y - \hat y) x$$"))
    assert report.steps[-1].status not in ("proved", "confirmed")
    assert report.exit_code != 0


def test_a_restatement_is_checked_against_the_first_statement():
    """dL/da = A, then dL/da = B: B is checked against A (a wrong restatement is refuted, a right one
    proved), not taken as a second hypothesis."""
    text = (r"$$\frac{dL}{da} = -\frac{y}{a} + \frac{1-y}{1-a}$$" "\n"
            r"$$\frac{dL}{da} = \frac{a - y}{a(1-a)}$$" "\n"
            r"$$\frac{dL}{da} = \frac{-y}{a} - \frac{1-y}{1-a}$$" "\n")
    report = check_text(text)
    assert [s.status for s in report.steps] == ["hypothesis", "proved", "refuted"]
    assert "restatement" in report.steps[2].reason and "(line 1)" in report.steps[2].reason
    assert report.first_wrong()[1].line == 3 and report.exit_code == 1


def test_hypotheses_apply_only_after_they_are_stated():
    """A step before the statement it needs is not checked with it (document order)."""
    text = (r"$$\frac{\partial L}{\partial w} = 2(z - y) x$$" "\n"
            r"$$\frac{\partial z}{\partial w} = x$$" "\n"
            r"$$\frac{\partial L}{\partial z} = 2(z - y)$$" "\n")
    report = check_text(text)
    assert report.steps[0].status == "not checked" and "hypothes" not in report.steps[0].reason
    assert report.exit_code == 3


def test_a_derivative_of_a_defined_quantity_is_checked():
    """With z = wx + b defined, ∂z/∂w = 2x is a refuted step, never a hypothesis."""
    report = check_text("$$z = w x + b$$\n$$\\frac{\\partial z}{\\partial w} = 2x$$")
    assert [s.status for s in report.steps] == ["definition", "refuted"]
    assert report.hypotheses() == []


def test_a_hypothesis_defined_later_is_checked_against_the_definition():
    """∂z/∂w stated before z = wx + b is checked against it: proved when right, not checked (never
    a hypothesis that passes) when the definition contradicts it."""
    right = check_text("$$\\frac{\\partial z}{\\partial w} = x$$\n$$z = w x + b$$")
    assert right.steps[0].status == "proved" and "stated before z is defined" in right.steps[0].reason
    wrong = check_text("$$\\frac{\\partial z}{\\partial w} = 2x$$\n$$z = w x + b$$")
    assert wrong.steps[0].status == "not checked" and wrong.exit_code == 3


def test_a_step_that_follows_by_implication_is_not_a_hypothesis():
    r"""'\Rightarrow dσ/dx = …' claims it follows from the line before: it is not taken as given."""
    text = (r"$(1+e^{-x})\sigma=1$" "\n\n"
            r"$\Rightarrow -e^{-x}\sigma+(1+e^{-x})\frac{d\sigma}{dx}=0$" "\n\n"
            r"$\Rightarrow \frac{d\sigma}{dx}=\sigma\frac{e^{-x}}{(1+e^{-x})}$" "\n")
    report = check_text(text)
    stated = [s for s in report.steps if s.left.strip() == r"\frac{d\sigma}{dx}"]
    assert len(stated) == 1 and stated[0].status == "not checked"


def test_real_27_weight_gradient_uses_the_stated_derivatives():
    """real/27 (ImJaeSung): ∂L/∂ŷ, ∂ŷ/∂z and ∂z/∂w_i are hypotheses (lines 8-10) and the gradient's
    first link on line 11 is proved with them (it was not checked before)."""
    name = "27_logreg-weight-gradient-imjaesung.md"
    report = check_text((DATA / "real" / name).read_text(encoding="utf-8"), path=name)
    assert [h.split(":")[0] for h in report.hypotheses()] == ["line 8", "line 9", "line 10"]
    first = next(s for s in report.steps if s.line == 11)
    assert first.status == "proved" and "∂z/∂w_i = x_i (line 10)" in first.reason
    assert report.first_wrong() is None


def test_real_28_bias_gradient_still_refuted_at_its_marked_line():
    """real/28 (ImJaeSung, bias): ∂z/∂b = 1 is a hypothesis, and the sign error stays the first wrong
    step, on line 11."""
    name = "28_logreg-bias-gradient-imjaesung.md"
    report = check_text((DATA / "real" / name).read_text(encoding="utf-8"), path=name)
    assert report.hypotheses() == [r"line 10: \frac{\partial z}{\partial b} = 1"]
    assert report.exit_code == 1 and report.first_wrong()[1].line == 11


def test_heldout_h27_chain_through_stated_derivatives_is_proved():
    """h27 (niaza64): ∂z/∂a = x and ∂ŷ/∂z = ŷ(1 − ŷ) are hypotheses; ∂BCE/∂a on lines 47 and 52 is
    proved with them (both were not checked before)."""
    name = "h27_bce-chain-unicode-niaza64.md"
    report = check_text((DATA / "heldout" / name).read_text(encoding="utf-8"), path=name)
    assert [h.split(":")[0] for h in report.hypotheses()] == ["line 23", "line 28"]
    for line in (47, 52):
        step = next(s for s in report.steps if s.line == line)
        assert step.status == "proved" and "using the hypotheses" in step.reason
    assert report.first_wrong() is None


def test_real_29_first_wrong_step_unchanged():
    """real/29 (math.stackexchange): dJ/dŷ_i on line 14, the derivative of an expression written in J's
    place, names J (it was a hypothesis); the first refuted step stays the marked line 16."""
    name = "29_bce-derivative-mathse-question-sign.md"
    report = check_text((DATA / "real" / name).read_text(encoding="utf-8"), path=name)
    assert report.steps[0].status == "definition" and report.steps[0].reason.startswith("names J")
    assert report.first_wrong()[1].line == 16


def test_a_restatement_with_new_names_is_not_refuted():
    """dE/da = (p − y)x for one point, then dE/da = Σ_i x_i(p_i − y_i) over the data (h27's pattern):
    a change of meaning, listed as not checked, not a false alarm."""
    text = (r"$$\frac{dE}{da} = (p - y) x$$" "\n"
            r"$$S = x_1 + x_2 + p_1 + p_2 + y_1 + y_2$$" "\n"
            r"$$\frac{dE}{da} = x_1 (p_1 - y_1) + x_2 (p_2 - y_2)$$" "\n")
    report = check_text(text)
    assert [s.status for s in report.steps] == ["hypothesis", "definition", "not checked"]
    assert "another quantity by the same name" in report.steps[2].reason


def test_a_derivative_derived_before_is_not_taken_as_given():
    """∂C/∂z stated first through a chain rule that cannot be checked, then with a value (h02's BP2
    pattern): the value is derived, not given, so it stays not checked (an error in it is not hidden)."""
    text = (r"$$\frac{\partial C}{\partial z} = \frac{\partial C}{\partial u}\frac{\partial u}{\partial z}$$" "\n"
            r"$$\frac{\partial C}{\partial z} = 3 \delta w$$" "\n")
    report = check_text(text)
    assert report.steps[-1].status == "not checked" and report.hypotheses() == []


def test_a_statement_under_an_index_condition_is_not_a_hypothesis():
    """∂g_i/∂a_j in a cases split on i = j / i ≠ j (real/22, telhc/Pretty-Vault Softmax.md) holds on
    one piece only: neither piece is taken as given, and neither is refuted against the other."""
    name = "22_softmax-jacobian-prettyvault-indicator.md"
    report = check_text((DATA / "real" / name).read_text(encoding="utf-8"), path=name)
    pieces = [s for s in report.steps if s.line == 21]
    assert len(pieces) == 2 and all(s.status == "not checked" for s in pieces)
    assert report.first_wrong() is None


def test_the_marked_copy_says_what_a_step_rests_on():
    """The annotated copy marks hypotheses as such and a step proved with them as 'given' them."""
    from derivations.checker.annotate import annotate

    marked = annotate(CHAIN, check_text(CHAIN))
    assert marked.count("hypothesis: taken as given") == 3
    assert "✓ proved, given ∂z/∂w = x (line 2)" in marked


def test_a_quantity_defined_by_an_indexed_template_is_checked():
    """p_j = e^{o_j}/Σ_k e^{o_k} defines p_i too: ∂p_i/∂o_k = p_k(1 − p_k) is checked on instances
    (refuted at i ≠ k), never taken as a hypothesis."""
    text = ("Let $p_j = \\frac{e^{o_j}}{\\sum_k e^{o_k}}$.\n\n"
            r"$$\frac{\partial p_i}{\partial o_k} = p_k(1 - p_k)$$")
    report = check_text(text)
    assert report.steps[-1].status == "refuted" and report.hypotheses() == []
