r"""What notes declare with dots, and conditions that belong to the words before them, read from real notes.

Sources (each file and its source are in the folders' INDEX.md): heldout7/r20, a softmax Jacobian note with
``\text{Case 1 } (i = j):`` rows, ``z = [z_1, \dots, z_K]^T \in \mathbb{R}^K`` and "the Kronecker delta
($\delta_{ij} = 1$ if $i=j$, else $0$)"; heldout10/u09, kyuusaku's softmax post ("for $$i=1,\dots,K.$$");
heldout6/q14 and heldout7/r13, two backprop proofs ("for all $l=1,\ldots,L$", "$l = L-1, L-2, \dots, 1$");
real/22, prettyvault's softmax Jacobian ("where $i=1,\dots,K, \mathbf{z}=\begin{bmatrix}z_1,\dots,z_K
\end{bmatrix}\in\mathbb{R}^K$"); heldout10/u06, a Pluto.jl exercise ("``D=\{(x_1,y_1),\ldots,(x_N,y_N)\}``").

An index range, a vector named by its entries and a data set written with dots claim no step: they are
declarations, listed as notes, and the rest of their block is read.  Dots anywhere else are still refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checker.check import check_text
from tests.test_real_corpus import judge

DATA = Path(__file__).resolve().parent / "data"


def _report(folder: str, name: str):
    return check_text((DATA / folder / name).read_text(encoding="utf-8"), path=name)


def _notes(report, line: int, kind: str | None = None) -> list[str]:
    return [n.message for n in report.notes if n.line == line and (kind is None or n.kind == kind)]


@pytest.mark.parametrize("folder, name, line, written", [
    ("heldout10", "u09_softmax-jacobian-jekyll-en.md", 10, r"i=1,\dots,K"),
    ("heldout6", "q14_backprop-L-layer-bias-koerbitz.md", 27, r"l=1,\ldots,L"),
    ("heldout6", "q14_backprop-L-layer-bias-koerbitz.md", 102, r"l=L-1,\ldots,1"),
    ("heldout7", "r13_backprop-proof-index-swap.md", 23, r"l = L-1, L-2, \dots, 1"),
    ("real", "22_softmax-jacobian-prettyvault-indicator.md", 12, r"i=1,\dots,K"),
])
def test_an_index_range_written_with_dots_declares_the_values_of_the_index(folder, name, line, written):
    report = _report(folder, name)
    assert f"{written} declares the values the index {written[0]} runs over (not a step)" in _notes(
        report, line, "definition")
    assert not _notes(report, line, "unsupported")


def test_a_vector_named_by_its_entries_is_a_declaration_and_the_rest_of_its_block_is_read():
    """real/22 writes the range and the vector in one formula; r20's vector carries its ∈ ℝ^K too."""
    both = _notes(_report("real", "22_softmax-jacobian-prettyvault-indicator.md"), 12, "definition")
    assert both[1] == (r"\mathbf{z}=\begin{bmatrix}z_1,\dots,z_K\end{bmatrix}\in\mathbb{R}^K declares \mathbf{z} "
                       "by its entries z_1, …, z_K (not a step)")
    assert _notes(_report("heldout7", "r20_softmax-jacobian-cases.md"), 8, "definition") == [
        r"z = [z_1, \dots, z_K]^T \in \mathbb{R}^K declares z by its entries z_1, …, z_K (not a step)"]
    column = check_text(r"$$\mathbf{x} = \begin{bmatrix} x_1 \\ \vdots \\ x_n \end{bmatrix}, \quad y = 2 + 3$$")
    assert [n.kind for n in column.notes] == ["definition"]
    assert [(s.left, s.status) for s in column.steps] == [("y", "definition")]


def test_a_data_set_written_by_its_first_and_last_example_is_a_declaration():
    report = _report("heldout10", "u06_logreg-likelihood-gradient-pluto-en.md")
    assert _notes(report, 9) == [r"D=\{(x_1,y_1),\ldots,(x_N,y_N)\} declares the examples of a data set (not a step)"]


@pytest.mark.parametrize("text", [
    r"$f(i = 1, \dots, K) = 2$",  # an argument list, not a range standing alone
    r"$z = [a_1, \dots, b_K]$",  # entries of two different names: not one vector's
    r"$y = x_1 x_2 \cdots x_n$",  # a product with dots
])
def test_dots_anywhere_else_are_still_refused(text):
    report = check_text(text)
    assert [n.kind for n in report.notes] == ["unsupported"]
    assert report.exit_code == 3


def test_a_case_label_before_a_row_is_the_condition_of_its_rows():
    """r20: ``\\text{Case 2 } (i \\ne j):`` before ``∂p_i/∂z_j = (0·Z − e^{z_i} ∂Z/∂z_j)/Z² …`` (the 0 needs i ≠ j)."""
    report = _report("heldout7", "r20_softmax-jacobian-cases.md")
    rows = [s for s in report.steps if s.line == 16]
    assert [s.status for s in rows] == ["confirmed", "confirmed", "proved"]
    assert "for i ≠ j, the condition written with it" in rows[0].reason
    assert judge("heldout7", "r20_softmax-jacobian-cases.md")[0] == "right"


def test_a_condition_the_words_go_on_from_with_else_is_not_the_next_displays():
    """r20's "($\\delta_{ij} = 1$ if $i=j$, else $0$)": i = j is the Kronecker delta's condition.  It made the
    next display hold for i = j only, so a wrong ∂p_i/∂z_j was confirmed (a false "confirmed"); it is refuted."""
    text = ("$$p_i = \\frac{e^{z_i}}{\\sum_{k=1}^K e^{z_k}}$$\n\n"
            "Unifying both cases using the Kronecker delta ($\\delta_{ij} = 1$ if $i=j$, else $0$):\n"
            "$$\\frac{\\partial p_i}{\\partial z_j} = p_i (1 - p_j)$$\n")
    report = check_text(text)
    assert [(s.line, s.status) for s in report.steps] == [
        (1, "definition"), (3, "hypothesis"), (3, "hypothesis"), (4, "refuted")]
    assert report.steps[1].reason.startswith("the value of the Kronecker delta δ_ij")
    assert "not of the next display" in report.steps[2].reason
    right = check_text(text.replace("(1 - p_j)", "(\\delta_{ij} - p_j)"))
    assert right.steps[-1].status == "confirmed"
    assert check_text(text.replace(", else $0$", "")).steps[-1].status == "confirmed"  # "if $i=j$:" goes on
