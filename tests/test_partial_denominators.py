r"""Derivatives whose denominators real notes write in ways the checker skipped ("cannot read this partial derivative").

Sources (all in tests/data): heldout2/n06 (chicm's softmax cross-entropy notes, ``\dfrac{\partial}{o_k}`` with the ∂ of
the denominator missing), heldout13/x07 (``\frac{\partial{z}}{\theta_{j}}``), heldout10/u11 (a Hexo post,
``\partial \bm{z^L}``), heldout11/v07 (attention notes, ``\partial{\mathbf{x_i}}``), heldout10/u18 (BP1/BP2 notes,
``\partial \vec{z}^L``), heldout13/x04 (Caffe reading notes: a row ending in ``=`` and the next starting with ``=``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checker.check import check_text
from derivations.checker.parser import parse_chains
from tests.test_real_corpus import judge

DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize("latex", [
    r"\frac{\partial C}{\partial \bm{z^L}} = a",       # u11: bold around the name and its layer
    r"\frac{\partial C}{\partial{\mathbf{z_L}}} = a",  # v07: braces around a bold name
    r"\frac{\partial C}{\partial \vec{z}^L} = a",      # u18: the layer after the arrow
    r"\frac{\partial C}{\partial \mathbf{z}^L} = a",
    r"\frac{\partial C}{\partial{z^L}} = a",
])
def test_a_decorated_or_braced_variable_is_the_plain_one(latex):
    """Each reads as ∂C/∂z^{(L)}, the derivative by the layer-L quantity z (so it links to z^L elsewhere)."""
    [chain] = parse_chains(latex)
    derivative = chain.items[0]
    assert [str(v) for v in derivative.variables] in (["z^{(L)}"], ["z_L"], ["zvec^{(L)}"])


def test_a_bold_name_with_a_lone_layer_superscript_is_not_a_power():
    r"""``\mathbf{a}^L`` was a**L while ``a^L`` is layer L: the same notation read two ways."""
    [chain] = parse_chains(r"\mathbf{a}^L = \sigma(\mathbf{z}^L)")
    assert str(chain.items[0]) == "a^{(L)}" and "layer index L" in chain.notes[0][1]
    [power] = parse_chains(r"\mathbf{x}^2 = 1")
    assert str(power.items[0]) == "x**2"
    with pytest.raises(Exception, match="superscript index or the power i"):
        parse_chains(r"\mathbf{x}^i = 1")


def test_a_missing_partial_in_the_denominator_is_read_with_a_note():
    r"""n06 writes ``\dfrac{\partial}{o_k}(-\log(p_k))`` for ∂/∂o_k: read so, and said."""
    report = check_text(r"$$p = e^{o}$$ $$\frac{\partial \log(p)}{\partial o} = \dfrac{\partial}{o}(\log(p)) = 1$$")
    assert [s.status for s in report.steps[-2:]] == ["proved", "proved"]
    assert any("the ∂ of the denominator is missing" in n for s in report.steps for n in s.notes)
    wrong = check_text(r"$$p = e^{o}$$ $$\dfrac{\partial}{o}(\log(p)) = 2$$")
    assert wrong.steps[-1].status == "refuted"


def test_a_number_over_a_partial_is_still_refused():
    """∂x²/2 is no derivative: the denominator must be one name."""
    report = check_text(r"$$\frac{\partial x^2}{2} = x$$")
    assert report.exit_code == 3 and "cannot read this partial derivative" in report.notes[0].message


def test_an_equals_sign_ending_a_row_and_another_starting_the_next_are_one():
    """x04: ``… - \\frac{1}{(1+e^{-x})^2} =`` then ``= f - f^2`` on the next line; the block was skipped."""
    report = check_text("$$\n(x + 1)^2 =\n= x^2 + 2x + 1\n$$")
    assert [s.status for s in report.steps] == ["proved"]
    assert any("read as one '='" in n for n in report.steps[0].notes)
    assert check_text("$$x + 1 == 2$$").exit_code != 0  # on one line, == is not read as =
    x04 = "heldout13/x04_sigmoid-derivative-caffe-layer-notes-en.wrong.md"
    assert judge(*x04.split("/"))[0] == "right"  # the injected slip is now refuted at its line


def test_sigma_written_alone_is_the_sigma_the_chain_applies():
    """σ(x)(1 − σ(x)) = σ − σ² (heldout10/u13 writes 2σ² for a standard deviation): σ² alone was refused as "function
    sigma needs an argument"; σ alone is now a quantity, and where the chain applies σ to one argument only, it is σ
    of that argument, with a note."""
    report = check_text(r"$$\frac{d\sigma(x)}{dx} = \sigma(x)(1-\sigma(x))$$ $$= \sigma - \sigma^2$$")
    assert [s.status for s in report.steps] == ["proved", "proved"] and report.exit_code == 0
    assert "σ written alone is read as σ(x)" in report.steps[1].notes[0]
    slip = check_text(r"$$\frac{d\sigma(x)}{dx} = \sigma(x)(1-\sigma(x)) = \sigma(1 + \sigma)$$")
    assert slip.steps[1].status == "refuted"
    two = check_text(r"$$\sigma(z)(1-\sigma(x)) = \sigma(1 - \sigma)$$")  # σ of two arguments: σ alone is neither
    assert two.steps[0].status == "not checked"
    gauss = check_text(r"$$p = \frac{1}{\sqrt{2\pi}\sigma}\exp(-\frac{x^2}{2\sigma^2})$$ "
                       r"$$\log p = -\log(\sqrt{2\pi}\sigma) - \frac{x^2}{2\sigma^2}$$")
    assert gauss.steps[-1].status == "proved"
