"""``C = C(a^L_1, ..., a^L_n)``: what a quantity depends on, stated before a chain rule.

Sources (excerpts in tests/data/heldout/): h01-h03, github blackKeys17/blackkeys17.github.io
(content/posts/neural_net_maths/index.md: "We treat $C$ as a function of the various outputs in
$a^L$, $C=C(a^L_1,...,a^L_n)$"); h05, github MarkusThill/MarkusThill.github.io (the nested
``\\mathcal{L}\\big(\\ldots, z_k^{(\\ell+1)}(\\ldots, z_i^{(\\ell)}, \\ldots), \\ldots\\big)``); h23,
github pikazlou/ml-nn-aux (``y_{11} = y_{11}(x_{11}, x_{12}, ..., w_{11}, w_{12}, ..., b)``).
"""

from __future__ import annotations

import pytest
from derivations.checker.check import check_text
from derivations.checker.dependency_statements import dependency_edges, dependency_statement
from derivations.checker.parser import parse_expression


def _names(found):
    return [(str(head), sorted(map(str, args))) for head, args in found]


@pytest.mark.parametrize("text, expected", [
    ("C=C(a^L_1,...,a^L_n)", [("C", ["a_1^{(L)}", "a_n^{(L)}"])]),
    ("C=C(z^{l+1}_1,...,z^{l+1}_n).", [("C", ["z_1^{(l+1)}", "z_n^{(l+1)}"])]),
    (r"z_k^{(\ell+1)} = z_k^{(\ell+1)}(\ldots, z_i^{(\ell)}, \ldots)", [("z_k^{(\\ell +1)}", ["z_i^{(\\ell)}"])]),
    (r"\mathcal{L} = \mathcal{L}\big(\ldots, z_k(\ldots, z_i, \ldots), \ldots\big)",
     [("L", ["z_k"]), ("z_k", ["z_i"])]),
    ("y_{11} = y_{11}(x_{11}, x_{12}, ..., w_{11}, w_{12}, ..., b)",
     [("y_{11}", ["b", "w_{11}", "w_{12}", "x_{11}", "x_{12}"])]),
    (r"J = J\left(p, q\right)", [("J", ["p", "q"])]),
])
def test_a_dependency_statement_is_read(text, expected):
    assert _names(dependency_statement(text, parse_expression)) == expected


@pytest.mark.parametrize("text", [
    "C = D(a, b)",  # another name on the right
    "C = C(a + b)",  # an argument that is not a name
    "C = C(...)",  # no argument at all
    "C = C(a)(b)",  # two lists
    "C = C(a) = D",  # a chain
    "C(a) = C(a, b)",
    "C = C",
    "C = C(a, b) + 1",
])
def test_other_shapes_are_not_dependency_statements(text):
    assert dependency_statement(text, parse_expression) is None


def test_a_dependency_statement_is_listed_as_a_definition_not_as_unread_math():
    """h05: the two statements were 'dots in a list' (unread); now the file is read whole."""
    text = ("the loss is $\\mathcal{L} = \\mathcal{L}\\big(\\ldots, z_k(\\ldots, z_i, \\ldots), \\ldots\\big)$.\n\n"
            "$$\\frac{\\partial}{\\partial z_i} (z_i^2 + 1) = 2 z_i$$\n")
    report = check_text(text)
    [note] = report.notes
    assert note.kind == "definition" and "L depends on (z_k)" in note.message, note
    assert report.exit_code == 0 and report.unchecked() == []


def test_a_stated_dependency_is_a_path_a_chain_rule_must_follow():
    """J = J(p, q) with a dots list: a step that drops the q branch is not proved."""
    text = ("Let $p = 2x$ and $q = x^2$, and $J = J(p, \\ldots, q)$.\n\n"
            "$$\\frac{\\partial J}{\\partial x} = \\frac{\\partial J}{\\partial p} \\cdot 2$$\n")
    step = check_text(text).steps[-1]
    assert step.status == "refuted" and "drops the path J → q → x" in step.describe(), step.describe()
    unstated = check_text(text.replace(", and $J = J(p, \\ldots, q)$", "")).steps[-1]
    assert unstated.status == "proved"  # without the statement, J depends on what it is differentiated by


def test_members_of_one_family_around_dots_add_no_edge_of_their_own():
    """Regression (heldout h02): C=C(z^{l+1}_1,...,z^{l+1}_n) added edges to z_1 and z_n alone, and
    the real BP2 chain rule ∂C/∂z^l_k = Σ_i ∂C/∂z^{l+1}_i ∂z^{l+1}_i/∂z^l_k was no longer confirmed;
    the family enters the graph through the derivatives the document writes."""
    found = dependency_statement("C=C(z^{l+1}_1,...,z^{l+1}_n)", parse_expression)
    assert dependency_edges(found) == [(found[0][0], set())]
    [(head, edges)] = dependency_edges(dependency_statement("J = J(p, \\ldots, q)", parse_expression))
    assert sorted(map(str, edges)) == ["p", "q"]
