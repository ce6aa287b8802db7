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
from derivations.verify.selftest import mutants, run_selftest, truth


def test_whole_catalog_kills_every_false_mutant():
    """Every false mutant of every catalog step is refuted; none is proved or confirmed."""
    # The catalog's own steps take ~3 s (measured); concrete instances (~70 s) are sampled below.
    result = run_selftest(instances=False)
    counts = result.counts()
    assert counts["false"] >= 100, counts
    assert result.survivors == (), result.text()
    assert counts["survived-proved"] == counts["survived-confirmed"] == 0
    assert result.kill_rate == 1.0


def test_every_mutation_kind_is_exercised():
    """Sign flips, dropped factors and terms, exponents, constants (and their magnitude: 1000c,
    c + 10^-12) and σ → 1 − σ all produce false mutants."""
    kinds = set(run_selftest(instances=False).by_kind())
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
