"""Mutation testing of the verifier: every really-false mutant of a catalog step is refuted."""

from __future__ import annotations

import json
from dataclasses import replace
from types import SimpleNamespace

import pytest
from sympy import Symbol, exp

import derivations.verify.selftest as selftest
from derivations.cli import main
from derivations.core.domains import REAL
from derivations.core.functions import sigma
from derivations.theorems.catalog import catalog
from derivations.verify.selftest import mutants, run_selftest, truth


def test_whole_catalog_kills_every_false_mutant():
    """Every false mutant of every catalog step is refuted; none is proved or confirmed."""
    # The catalog's own steps take ~9 s (measured; conv-backprop's worked example ~3 s of it, sampled at
    # EXAMPLE_LIMIT mutants per step); concrete instances (~3 min) are sampled below.
    result = run_selftest(catalog(), instances=False)
    counts = result.counts()
    assert counts["false"] >= 100, counts
    assert result.survivors == (), result.text()
    assert counts["survived-proved"] == counts["survived-confirmed"] == 0
    assert result.kill_rate == 1.0


def test_every_mutation_kind_is_exercised():
    """Sign flips, dropped factors and terms, exponents, constants (and their magnitude: 1000c,
    c + 10^-12) and σ → 1 − σ all produce false mutants."""
    kinds = set(run_selftest(catalog(), instances=False).by_kind())
    assert {"negate", "negate-term", "drop-term", "drop-factor", "exponent", "constant",
            "sigma-complement", "magnitude"} <= kinds


def test_swap_symbols_mutation():
    """Two symbols of a side are swapped."""
    a, b = Symbol("a", real=True), Symbol("b", real=True)
    assert ("swap-symbols", b - a ** 2) in list(mutants(a - b ** 2))


def test_truth_oracle_is_independent_and_decides():
    """The truth oracle calls a false identity false, a true one true, an undefined one undecided."""
    z = Symbol("z", real=True)
    assert truth(sigma(-z), 1 - sigma(z), {z: REAL}) == "true"
    assert truth(sigma(-z), sigma(z) - 1, {z: REAL}) == "false"
    assert truth(exp(z), 1 / (z - z), {z: REAL}) == "undecided"


def test_a_broken_verifier_is_caught(monkeypatch):
    """A verifier that confirms everything leaves survivors, so the self-test can fail."""
    fake = SimpleNamespace(status="confirmed")
    monkeypatch.setattr(selftest, "check_equal", lambda *a, **k: fake)
    from derivations import get
    result = run_selftest([get("sigmoid-symmetry")], limit=3)
    assert not result.ok and result.kill_rate == 0.0
    assert "SURVIVOR" in result.text()


def test_concrete_instance_sample():
    """On a sample of a concrete backprop instance's steps, every false mutant is refuted."""
    from derivations import get
    from derivations.theorems import catalog
    if "backprop-delta" not in catalog.ids():
        pytest.skip("no backprop-delta in the catalog")
    instance = get("backprop-delta").instances()[0]
    sample = replace(instance, steps=instance.steps[::10])
    result = run_selftest([sample], limit=2)
    assert result.counts()["false"] >= 5 and result.survivors == (), result.text()


def test_cli_selftest_json(capsys, monkeypatch):
    """`derivations selftest --json --limit 2` prints the counts and exits 0."""
    fast = selftest.run_selftest
    monkeypatch.setattr(selftest, "run_selftest", lambda *a, **k: fast(*a, instances=False, **k))
    assert main(["selftest", "--json", "--limit", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["kill_rate"] == 1.0 and data["counts"]["false"] > 0


def test_mutants_sympy_cannot_build_are_skipped():
    """A mutation SymPy refuses to build (⌊(3 − 3 + 0·2)/0⌋ from the stride 1 -> 0) is skipped, not a crash."""
    from derivations import get
    step = get("conv-output-size").instantiate(n=9, f=(3, 3, 3, 3)).step("size-4")
    kinds = {kind for kind, _ in mutants(step.checks[0][1])}
    assert {"negate", "constant", "drop-term"} <= kinds


def test_inequality_steps_are_mutated_and_false_mutants_refuted():
    """Inequality steps get relation flips and right-side mutants; every false one is refuted (100%)."""
    from derivations import get

    result = run_selftest([get("sigmoid-derivative-bound")], instances=False)
    flips = [m for m in result.mutants if m.kind == "flip-relation"]
    assert {m.relation for m in flips} >= {">=", "<", "<="}
    assert any(m.truth == "false" for m in flips)
    assert result.ok and result.kill_rate == 1.0


def test_truth_oracle_judges_relations():
    """The independent oracle calls σ' ≤ 1/4 true, σ' < 1/4 false (equality at 0) and σ' ≥ 1/4 false."""
    from sympy import Rational

    from derivations.core.functions import sigma_prime

    z = Symbol("z", real=True)
    q = Rational(1, 4)
    assert truth(sigma_prime(z), q, {z: REAL}, relation="<=") == "true"
    assert truth(sigma_prime(z), q, {z: REAL}, relation="<") == "false"
    assert truth(sigma_prime(z), q, {z: REAL}, relation=">=") == "false"
