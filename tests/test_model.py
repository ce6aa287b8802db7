"""Derivations as values: the builder's validation, the catalog, the REPL surface."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from sympy import Symbol, exp

import derivations
from derivations import REAL, Builder, InvalidInputError, UnknownDerivationError
from derivations.core.definitions import SIGMOID
from derivations.core.functions import sigma

z = Symbol("z", real=True)

FOUNDATION = ("sigmoid-derivative", "sigmoid-symmetry", "logit-inverse")


def test_catalog_holds_the_foundation_theorems():
    """The three sigmoid theorems are in the catalog, in order, each built with steps."""
    ids = [d.id for d in derivations.catalog()]
    assert ids[:3] == list(FOUNDATION)
    for ident in FOUNDATION:
        assert len(derivations.get(ident).steps) >= 4


@pytest.mark.parametrize("ident", FOUNDATION)
def test_every_step_is_proved_and_numerically_confirmed(ident):
    """Every step of the three theorems is proved symbolically AND confirmed numerically."""
    report = derivations.get(ident).verify()
    for step in report.steps:
        assert step.status == "proved", (step.label, step.describe())
        assert all(v.numeric.status == "confirmed" for v in step.verdicts)


def test_derivations_are_immutable_values():
    """A derivation and its steps are frozen dataclasses."""
    d = derivations.get("sigmoid-derivative")
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.title = "x"
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.steps[0].justification = "x"


def test_repr_show_and_justifications_are_readable():
    """repr is one line; show() lists statement, definitions and each step with its justification."""
    d = derivations.get("sigmoid-derivative")
    assert repr(d) == "<Derivation sigmoid-derivative: The derivative of the logistic sigmoid (8 steps)>"
    text = d.show()
    assert "σ(z) := 1/(1 + e^(-z))" in text and "quotient rule" in text
    assert d.step("quotient").refs == ()
    assert d.step("unfold").refs == ("def:sigma",)


def test_unknown_id_names_the_closest():
    """get() of a misspelt id raises with the closest ids."""
    with pytest.raises(UnknownDerivationError) as err:
        derivations.get("sigmoid-derivativ")
    assert err.value.suggestions[0] == "sigmoid-derivative"


def test_search_finds_by_words():
    """search() matches id, title, summary and justifications."""
    assert [d.id for d in derivations.search("quotient rule")] == ["sigmoid-derivative"]
    assert derivations.search("no such words at all") == ()


def test_jupyter_latex_repr():
    """_repr_latex_ is MathJax-ready display math."""
    tex = derivations.get("sigmoid-symmetry")._repr_latex_()
    assert tex.startswith("$$\\begin{aligned}") and tex.endswith("$$") and r"\sigma" in tex


def test_builder_refuses_incomplete_derivations():
    """A statement no chain concludes, an unknown reference, a missing justification are errors."""
    b = Builder("demo", "Demo", symbols={z: REAL}, definitions=[SIGMOID])
    b.statement(sigma(-z), 1 - sigma(z))
    b.chain(sigma(-z)).eq(1 / (1 + exp(z)), "definition", refs=["def:sigma"])
    with pytest.raises(InvalidInputError, match="no chain leads"):
        b.build()
    with pytest.raises(InvalidInputError, match="unknown equations"):
        Builder("demo", "Demo", symbols={z: REAL}).chain(z).eq(z, "x", refs=["def:nope"])
    with pytest.raises(InvalidInputError, match="justification"):
        Builder("demo", "Demo", symbols={z: REAL}).chain(z).eq(z, "  ")
    with pytest.raises(InvalidInputError, match="lower-case"):
        Builder("Bad Id", "Demo", symbols={})


def test_builder_requires_declared_domains():
    """Every symbol a step uses must have a declared domain."""
    y = Symbol("y")
    b = Builder("demo", "Demo", symbols={z: REAL})
    b.chain(z + y).eq(y + z, "commutativity")
    with pytest.raises(InvalidInputError, match="without a declared domain"):
        b.build()


def test_a_wrong_step_in_a_derivation_is_reported():
    """A derivation with a false step verifies as not ok, and the report names the step."""
    b = Builder("broken", "Broken", symbols={z: REAL}, definitions=[SIGMOID])
    b.statement(sigma(-z), sigma(z) - 1)
    (b.chain(sigma(-z)).eq(1 / (1 + exp(z)), "definition", refs=["def:sigma"])
      .eq(sigma(z) - 1, "a sign error", name="wrong"))
    report = b.build().verify()
    assert not report.ok
    assert report.step("wrong").status == "refuted"
    assert report.counts() == {"proved": 1, "confirmed": 0, "inconclusive": 0, "refuted": 1}


def test_import_changes_nothing_global():
    """Importing derivations installs no display hook, changes no SymPy setting, starts no process."""
    code = ("import sys, sympy, multiprocessing as mp; hook = sys.displayhook; "
            "ev = sympy.core.parameters.global_parameters.evaluate; import derivations; "
            "assert sys.displayhook is hook; "
            "assert sympy.core.parameters.global_parameters.evaluate == ev; "
            "assert not mp.active_children(); "
            "derivations.get('sigmoid-symmetry'); "
            "assert sympy.core.parameters.global_parameters.evaluate == ev")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_catalog_table_matches_the_theorem_modules():
    """The catalog's static titles (used by `list` without importing SymPy) match each derivation."""
    from derivations.theorems import catalog
    for entry in catalog.entries():
        assert derivations.get(entry.id).title == entry.title


def test_listing_the_catalog_imports_no_sympy():
    """`derivations list` stays cheap: neither SymPy nor NumPy is imported for it."""
    code = ("import sys; from derivations.cli import main; main(['list']); "
            "assert 'sympy' not in sys.modules and 'numpy' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


# --- inequality steps ---------------------------------------------------------------------------

def test_chain_of_equalities_and_inequalities_concludes_the_weakest_relation():
    """a = b ≤ c < d concludes a < d; the statement a ≤ d is implied and accepted, a = d is not."""
    from sympy import Integer

    x = Symbol("x", real=True)
    b = Builder("mixed", "Mixed chain", symbols={x: REAL})
    b.statement(x ** 2 - 2 * x, Integer(2), "<=")
    chain = (b.chain(x ** 2 - 2 * x).eq((x - 1) ** 2 - 1, "complete the square")
             .le((x - 1) ** 2, "drop -1").lt((x - 1) ** 2 + 1, "add 1"))
    assert chain.relation == "<"
    with pytest.raises(InvalidInputError, match="concludes"):
        b2 = Builder("mixed", "Mixed chain", symbols={x: REAL})
        b2.statement(x, x + 1)
        b2.chain(x).le(x + 1, "add 1")
        b2.build()


def test_chain_cannot_mix_directions():
    """≤ followed by ≥ concludes nothing and is refused when the chain is written."""
    x = Symbol("x", real=True)
    b = Builder("bad", "Bad chain", symbols={x: REAL})
    with pytest.raises(InvalidInputError, match="cannot mix"):
        b.chain(x).le(x + 1, "add 1").ge(x, "drop 1")


def test_inequality_prints_as_such_in_latex_and_text():
    """An inequality step is printed with \\le in LaTeX and ≤ in text; equalities stay '='."""
    x = Symbol("x", real=True)
    b = Builder("ineq", "Inequality", symbols={x: REAL})
    b.statement(-(x ** 2), x ** 2, "<=")
    b.chain(-(x ** 2)).le(x ** 2, "a square is never negative")
    d = b.build()
    assert r"&\le x^{2}" in d.latex()
    assert "    ≤ x^2" in d.show()
    assert "≤" in d.show().split("Statement:")[1].splitlines()[1]


def test_existing_reports_keep_their_json():
    """Equality steps add no 'relation' key to the JSON report; inequality steps do."""
    report = derivations.get("sigmoid-symmetry").verify().to_dict()
    assert all("relation" not in s for s in report["steps"])
    bound = derivations.get("sigmoid-derivative-bound").verify().to_dict()
    assert {s["label"].split(":")[1]: s.get("relation") for s in bound["steps"]}["square"] == "<="
