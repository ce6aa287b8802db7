"""Superscripts that are indices, not powers: layer indices on names alone, and the ambiguous ones.

Sources of the real lines (each read wrongly before):

* Nielsen's notation as francoisbonnard/Design-Patterns ``datascience/learning.md`` copies it
  (tests/data/heldout/h07): ``a^l = \\sigma(w^la^{l-1}+b^l)``, ``a^l = \\sigma(z^l)``; the powers a^l, w^l
  made its definitions claims about powers, refuted at l = 0.
* 1036225283/doc ``ml/reinforcement-learning/softmax.md`` (tests/data/heldout3/m12):
  ``s^i=\\frac{(e^z)^i}{\\sum_j^N(e^z)^j}``, then ``s^1``, ``s^2``, ``s^3`` with three terms: read as
  powers, the restatement ``s^3 = (e^z)^3 / ((e^z)^1 + (e^z)^2 + (e^z)^3)`` was refuted (a false alarm).
"""

import pytest

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains
from derivations.checker.source import LatexUnsupportedError


def test_layer_superscripts_on_names_alone_are_indices():
    """a^l, w^l, a^{l-1}, \\delta^L are names with a layer index, each with a note."""
    [c] = parse_chains(r"a^l = \sigma(w^la^{l-1}+b^l)")
    assert [str(s) for s in sorted(c.items[0].free_symbols | c.items[1].free_symbols, key=str)] == [
        "a^{(l)}", "a^{(l-1)}", "b^{(l)}", "w^{(l)}"]
    assert any("a^{l-1} is read as a with the layer index l-1 (not a power)" in n for _, n in c.notes)
    [c] = parse_chains(r"\delta^L = a^L - y")
    assert str(c.items[0]) == "delta^{(L)}"


def test_layer_index_beside_a_subscript_is_unchanged():
    """z^l_j and \\delta_j^{l+1} were layer indices already; x^2_i stays the power of x_i."""
    [c] = parse_chains(r"z^l_j = \delta_j^{l+1} + x^2_i")
    assert {str(s) for s in c.items[1].free_symbols} == {"delta_j^{(l+1)}", "x_i"}
    assert str(c.items[0]) == "z_j^{(l)}"


@pytest.mark.parametrize("latex", [r"s^i = 1", r"y^j + 1 = 2", r"s^1 = \frac{a}{b}", r"x = (e^z)^1 + 2",
                                   r"x = (e^z)^{1}"])
def test_index_or_power_is_refused(latex):
    """s^i, y^j, s^1 and (…)^1: an index or a power? Refused, saying why."""
    with pytest.raises(LatexUnsupportedError, match="a superscript index or the power"):
        parse_chains(latex)


@pytest.mark.parametrize("latex, power", [(r"y = x^n", "x**n"), (r"y = e^1", "exp(1)"), (r"y = x^2", "x**2"),
                                          (r"y = (1+x)^{10}", "(x + 1)**10"), (r"y = x^k", "x**k")])
def test_powers_stay_powers(latex, power):
    """Other superscripts are still powers: x^n, x^k, x^2, e^1, a group to the power 10."""
    [c] = parse_chains(latex)
    assert str(c.items[1]) == power


def test_nielsen_definitions_are_definitions():
    """h07's lines: a^l defined through w^l, a^{l-1}, b^l; then a^l = σ(z^l) follows from z^l's definition."""
    report = check_text("$$a^l = \\sigma(w^la^{l-1}+b^l)$$\n\n$$z^l = w^la^{l-1}+b^l$$\n\n$$a^l = \\sigma(z^l)$$\n")
    assert report.exit_code == 0, report.text()
    kinds = [s.status for s in report.steps]
    assert kinds == ["definition", "definition", "proved"]


def test_m12_softmax_with_superscript_indices_is_not_refuted():
    """1036225283/doc's softmax: nothing refuted, the superscript lines listed as not read (exit 3)."""
    text = ("$s^i=\\frac{(e^z)^i}{\\sum_j^N(e^z)^j}$\n\n"
            "$s^3=\\frac{(e^z)^3}{(e^z)^1+(e^z)^2+(e^z)^3}$\n\n"
            "$f(x)=3*ln(x)$\n\n$f'(x)=\\frac{3}{x}$\n")
    report = check_text(text)
    assert report.exit_code == 3 and report.first_wrong() is None, report.text()
    assert "s^i: a superscript index or the power i?" in report.text()
