r"""The eleventh held-out corpus's false alarms, each fixed and pinned on the text that exposed it.

Measured on main (632986c) before any change made for it: 3 / 28 judged right, 7 false alarms.  Sources
(tests/data/heldout11/INDEX.md names each): v02, an English learner's notes whose sigmoid is ``\delta(x)``
and whose derivative is a column of ``$$=> …$$`` rows; v03, Traditional-Chinese notes on the Deep Learning
book (softplus ``\zeta``); v10, an English softmax note written with ``\exp{o_i}``; v11, NLP-course notes on
logistic regression (``h'(x) = \left(\frac{1}{1+e^{-x}}\right)'``); v12, wyq136's Hexo post
(``g^\prime(z) = \frac{d}{dz} \frac{1}{1 + e^{-z}}``); v13, Chinese notes writing ``g(z)'``; v17, a Hexo
post on Nielsen's BP2 (``z_k^{l+1} = \sum_j w a_j^l + b = \sum_j w \sigma(z_j^l) + b``).
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains
from tests.test_real_corpus import judge

DATA = Path(__file__).resolve().parent / "data" / "heldout11"


def _report(name: str):
    return check_text((DATA / name).read_text(encoding="utf-8"), path=name)


def _at(report, line: int) -> list[str]:
    return [s.status for s in report.steps if s.line == line]


def test_a_greek_letter_written_as_a_function_and_a_column_of_arrow_rows():
    """v02: ``\\delta(x)=\\frac{1}{1+e^{-x}}`` was δ·x equated to the sigmoid (refuted, a false alarm); it
    defines δ.  Its ``$$=> …$$`` rows were dropped without a word: the first differentiates the expression
    before it, the rest are next forms of it, each checked as ``=``; ``… .\\delta (x)`` is a product."""
    report = _report("v02_sigmoid-derivative-arrow-chain-en.md")
    assert _at(report, 10) == ["definition"]
    assert [s.status for s in report.steps if s.line >= 18] == ["proved"] * 8
    assert [n.kind for n in report.notes if n.line == 17] == ["warning"]  # ⇒ d/dx of the line before
    assert judge("heldout11", "v02_sigmoid-derivative-arrow-chain-en.md")[0] == "right"
    assert judge("heldout11", "v02_sigmoid-derivative-arrow-chain-en.wrong.md")[0] == "right"
    lone = check_text("$$y = x^2$$\n$$=> x + 1$$\n$$=> 1 + x$$\n")  # not a derivative of what came before
    assert [n.kind for n in lone.notes] == ["unsupported", "warning"]
    assert [(s.left, s.status) for s in lone.steps] == [("y", "definition"), ("x + 1", "proved")]


def test_a_greek_function_applied_to_a_negative_argument_is_not_a_product():
    """v03: ``-\\zeta(-x)`` was ζ·(−x), and ``-\\log(1+e^{-x}) = -\\zeta(-x)`` was refuted; ζ (softplus in
    the source) is a function the document does not define: not checked, saying so."""
    report = _report("v03_sigmoid-softplus-properties-zhtw.md")
    assert _at(report, 20) == ["proved", "not checked"]
    assert not [s for s in report.steps if s.status == "refuted"]


def test_braces_after_a_function_command_hold_its_argument():
    """v10: ``\\exp{o_i}(\\sum_j{\\exp{o_j}}-\\exp{o_j})`` was exp(o_i·(…)), so a right factoring was refuted."""
    [chain] = parse_chains(r"\exp{a}(b - c) = \log{a} b")
    assert [str(e) for e in chain.items] == ["(b - c)*exp(a)", "b*log(a)"]
    [chain] = parse_chains(r"\ln{x}^2 = \exp a b")  # a power in the braces stays inside; no braces: as before
    assert [str(e) for e in chain.items] == ["log(x**2)", "exp(a*b)"]
    report = _report("v10_softmax-jacobian-obsidian-en.md")
    assert not [s for s in report.steps if s.status == "refuted"]
    assert _at(report, 23) == ["proved"]
    closing = [s for s in report.steps if s.line == 35]  # "1 when $i=j$ and 0 otherwise": the δ's condition
    assert [s.status for s in closing] == ["hypothesis"] and "not of the next display" in closing[0].reason


def test_a_function_named_by_its_derivative_and_applied_with_other_arguments():
    """v11: ``h'(x) = \\left(\\frac{1}{1+e^{-x}}\\right)'`` names h (h(x) = σ), so ``h(x)(1 - h(x))`` is
    proved, where h(x) read as h·x had it refuted; h written later with two arguments is not that h."""
    report = _report("v11_logreg-gradient-course-notes-en.md")
    assert _at(report, 15)[0] == "definition" and "names h(x)" in report.steps[0].reason
    assert _at(report, 16) == ["proved", "proved", "proved"]
    later = [s for s in report.steps if 35 <= s.line <= 41]
    assert {s.status for s in later} == {"not checked"}
    assert "h is defined with 1 argument but applied here to 2" in later[0].reason
    assert report.exit_code == 3


def test_a_derivative_of_an_undefined_function_written_as_the_derivative_of_an_expression_names_it():
    """v12: ``g^\\prime(z) = \\frac{d}{dz} \\frac{1}{1 + e^{-z}}`` names g; then ``… = g(z)(1-g(z))`` is
    checked (proved here, refuted with a wrong sign)."""
    report = _report("v12_logreg-gradient-hexo-zh.md")
    assert _at(report, 14) == ["definition"] and _at(report, 17) == ["proved"]
    text = "$$g'(z) = \\frac{d}{dz}\\frac{1}{1+e^{-z}} = \\frac{e^{-z}}{(1+e^{-z})^2} = g(z)(1+g(z))$$"
    assert [s.status for s in check_text(text).steps] == ["definition", "proved", "refuted"]
    other = "$$g'(z) = \\frac{d}{dz} (w z)$$"  # an expression of other names too: no naming
    assert check_text(other).steps[0].status != "definition"


def test_a_prime_after_a_functions_arguments_is_its_derivative():
    """v13 writes ``g(z)' = g(z)(1-g(z))``: it was g applied to z' (= g(1)); it is g'(z).  ``\\ln(x)'`` was
    ln(1) = 0, so ``\\ln(x)' = 1/x`` was refuted."""
    [chain] = parse_chains(r"g(z)' = g(z)(1-g(z))", functions={"g"})
    assert str(chain.items[0]) == "Derivative(g(z), z)"
    assert [s.status for s in check_text("$$\\ln(x)' = \\frac{1}{x}$$").steps] == ["proved"]
    refused = check_text("$$f(x) = x^2$$ $$f(2x)' = 4x$$")
    assert [n.kind for n in refused.notes] == ["unsupported"]


def test_a_quantity_that_depends_on_the_variable_through_a_name_an_unchecked_link_relates_to_it():
    """v17: z_k^{l+1} := Σ_j w a_j^l + b, with ``= Σ_j w σ(z_j^l) + b`` (not checked): ∂z_k^{l+1}/∂z_j^l =
    w σ'(z_j^l) was refuted with a_j^l independent of z_j^l; it is not checked, saying through which name."""
    report = _report("v17_backprop-bp2-hexo-zh.md")
    [step] = [s for s in report.steps if s.line == 36]
    assert step.status == "not checked" and "a link on line 31 writes in its place" in step.reason
    plain = check_text("$$z = w a + b = w \\sigma(y) + b$$\n\n$$\\frac{\\partial z}{\\partial y} = w \\sigma'(y)$$")
    assert plain.steps[-1].status == "not checked"
    unrelated = check_text("$$z = w a + b$$\n\n$$\\frac{\\partial z}{\\partial a} = 2w$$")  # still refuted
    assert unrelated.steps[-1].status == "refuted"


def test_a_bold_name_with_its_index_and_blackboard_bold_on_a_greek_letter_are_the_names():
    """v07 writes ``\\mathbf{y_i}&=softmax(…)`` (``\\mathbf{y_i}`` was taken for words) and v08
    ``\\mathbb{\\theta}_i``, ``\\mathbb{\\hat{y_i}}`` (refused); ``\\mathbb{E}`` and ``\\mathbb{R}`` still are."""
    [chain] = parse_chains(r"\mathbf{y_i} + \boldsymbol{W^{(l)}} = \mathbb{\theta}_i + \mathbb{\hat{y_i}}")
    assert [str(e) for e in chain.items] == ["W^{(l)} + y_i", "theta_i + yhat_i"]
    assert [n.kind for n in check_text("$$\\mathbb{E}[X] = 1$$").notes] == ["unsupported"]


def test_a_sum_sign_with_a_letter_and_no_operand_is_the_name_the_document_gives_it():
    """v08: "(define $\\sum_K = \\displaystyle\\sum_{j=1}^{K}\\exp(\\theta_j)$ …)", then ``\\frac{\\exp(\\theta_i)}{\\sum_K}``
    and ``\\exp(\\theta_i)\\sum_K - \\exp(\\theta_i)\\exp(\\theta_i)``: Σ_K is a name, not a sum over K of the next term
    (which had its quotient rule refuted); ``\\sum_j -a_j b_j`` still sums the term that holds j."""
    [chain] = parse_chains(r"\exp(\theta_i)\sum_K - \exp(\theta_i)\exp(\theta_i) = \sum_j -a_j b_j")
    assert [str(e) for e in chain.items] == ["Sigma_K*exp(theta_i) - exp(theta_i)*exp(theta_i)", "Σ_{j}(-a_j*b_j)"]
    report = _report("v08_softmax-ce-gradient-en.md")
    assert _at(report, 22) == ["definition", "confirmed"] and _at(report, 23) == ["proved", "proved"]
    assert judge("heldout11", "v08_softmax-ce-gradient-en.wrong.md")[0] == "right"


def test_words_in_another_script_and_a_spaced_comma_between_two_statements():
    """v14 (Traditional-Chinese MkDocs notes) writes ``令loss &= \\sum_{i=1}^{n} loss',\\ loss' = (y_i - (wx + b))^2``:
    令 ("let") was an unexpected character, and ``,\\ `` runs two statements together.  Its genuine slip (a lost
    minus sign, line 30) is then found; ∂b/∂b = 1 whatever b is."""
    [first, second] = parse_chains(r"令loss = \sum_{i=1}^{n} y_i,\ x = (y_i - b)^2")
    assert [str(first.items[0]), str(second.items[0])] == ["loss", "x"]
    assert judge("heldout11", "v14_mse-gradient-sign-mkdocs-zhtw.md")[0] == "right"
    text = "$$\\frac{\\partial}{\\partial b}(y - (wx + b)) = -\\frac{\\partial}{\\partial b}(b) = -1$$"
    assert [s.status for s in check_text(text).steps] == ["proved", "proved"]


def test_false_alarms_the_new_readings_exposed_in_older_folders():
    """Reading ``\\mathbf{x_1}`` and ∂n/∂n = 1 exposed two latent false alarms, both fixed.  heldout9/t04 (cescript's
    Turkish gradient-descent post): ``f(\\mathbf{x_1}) = x^2+2y^2 = 1^2 + 2 \\times 0.0^2 = 1`` was a redefinition of f
    and then refuted with x = 0, y = 0 (a point named in the prose); the formula written for f at a point is not
    a step, nor are the numbers put in for its variables.  heldout5/p12 (NNFS notes): a ``$$= …$$`` after a
    sentence with an index condition went on from a display two blocks back, across an unreadable one."""
    report = check_text((DATA.parent / "heldout9" / "t04_gd-quadratic-iterations-tr.md").read_text(encoding="utf-8"))
    assert [s.status for s in report.steps if s.line == 56] == ["not checked", "not checked", "proved"]
    assert not [s for s in report.steps if s.status == "refuted"]
    assert judge("heldout9", "t04_gd-quadratic-iterations-tr.wrong.md")[0] == "right"
    plain = check_text("$$f(x,y) = x^2+2y^2$$\n\n$$f(P) = x^2+2y^2 = 1^2 + 2 \\times 0.0^2 = 1$$")
    assert [s.status for s in plain.steps] == ["definition", "not checked", "not checked", "proved"]
    p12 = check_text((DATA.parent / "heldout5" / "p12_softmax-derivative-nnfs-notes.md").read_text(encoding="utf-8"))
    [step] = [s for s in p12.steps if s.line == 50]
    assert step.status == "not checked" and step.reason.startswith("the chain starts with a relation")
    assert judge("heldout5", "p12_softmax-derivative-nnfs-notes.md")[0] == "right"
