"""The worker's preparation of a step (substitute, rename, unfold, evaluate derivatives) is fast and unchanged.

Real material: seed sheet 000 (tests/data/seeds/000_3efcf665678d3a2c.txt, a student's backpropagation
sheet, see tests/data/seeds/), whose δ recursions unfold sides that declare undefined functions
(ReLU, 1_{>0}) and repeat whole sides across steps.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sympy import Function, Lambda, Symbol, exp

from derivations.checker import check
from derivations.checker.check import check_text
from derivations.core.definitions import STANDARD, Definition, _applications, unfold
from derivations.verify import recipe
from derivations.verify.pool import plan

SHEET = Path(__file__).parent / "data" / "seeds" / "000_3efcf665678d3a2c.txt"


@pytest.fixture(scope="module")
def questions():
    """The questions the checker asks the verifier about seed sheet 000 (a planning pass: nothing verified)."""
    text = SHEET.read_text(encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:  # earlier tests of the session answered these: ask them again
        mp.setattr(recipe, "_cached", lambda key: None)
        mp.setattr(check, "planning", lambda: False)  # the indexed chain rules' instances asked too
        found = plan(lambda: check_text(text, path=SHEET.name, markdown=True))
    assert len(found) > 50
    return found


def _atoms_reference(expr, table):
    return {a for a in expr.atoms(*table) if a.func in table}


def test_applications_are_what_atoms_finds(questions):
    """The shared-subtree walk of unfold finds exactly the applications ``atoms`` finds, on every real side."""
    for lhs, rhs, _domains, definitions, *_ in questions:
        table = {d.function: d.body for d in definitions}
        for side in (lhs, rhs):
            assert _applications(side, table) == _atoms_reference(side, table)


def test_applications_of_an_undefined_function_by_name():
    """An undefined function made twice under one name is one function to unfold (as ``atoms`` + ``func in`` said)."""
    x = Symbol("x", real=True)
    relu = Definition(Function("ReLU"), Lambda(x, x * exp(x)), "def:relu")
    again = Function("ReLU")(x + 1) * Function("ReLU")(x + 1) + Function("g")(x)
    assert _applications(again, {relu.function: relu.body}) == {Function("ReLU")(x + 1)}
    assert unfold(again, (relu,)) == ((x + 1) * exp(x + 1)) ** 2 + Function("g")(x)


def test_a_remembered_side_is_the_side_computed_again(questions):
    """The worker's memory of prepared sides gives what a fresh preparation gives, for every real question."""
    first = []
    for q in questions:  # each question prepared from nothing remembered
        recipe._SIDES.clear()
        first.append(_prepared(q))
    for q in questions:  # then with the sheet's sides remembered
        _prepared(q)
    again = [_prepared(q) for q in questions]
    recipe._SIDES.clear()
    assert first == again


def _prepared(q):
    lhs, rhs, domains, definitions, _seed, _limits, subs = q
    try:
        out = recipe._prepare(lhs, rhs, definitions, tuple(sorted(domains.items())), subs)
    except Exception as err:  # as in the worker: the stage fails with this message
        return ("error", type(err).__name__, str(err))
    sym_domains = sorted((str(s), s.assumptions0 == {} or sorted(s.assumptions0.items()), d)
                         for s, d in out[4].items())
    return out[:4], sym_domains, out[5]


def test_standard_unfold_unchanged():
    """σ inside σ unfolds completely, as before the faster walk."""
    z = Symbol("z", real=True)
    from derivations.core.functions import sigma
    assert unfold(sigma(sigma(z)), STANDARD) == 1 / (1 + exp(-1 / (1 + exp(-z))))
