"""parameter-count: shapes and Σ (n_{l−1} + 1) n_l against real NumPy networks; sheet 000 Q2's 2–12–1 network
(source: /work/shared/seeds/000_3efcf665678d3a2c.txt, copied to tests/data/seeds/)."""

from __future__ import annotations

import numpy as np
import pytest
from sympy import Add, Integer, Mul

import derivations
from derivations.cli import main
from derivations.errors import InvalidInputError
from derivations.numerics.networks import SigmoidNetwork
from derivations.verify.recipe import check_equal


@pytest.fixture(scope="module")
def theorem():
    return derivations.get("parameter-count")


def test_formula_counts_real_networks():
    """For random widths, Σ (n_{l−1} + 1) n_l is the number of entries of a real network's arrays; W^(l) is n_l × n_{l−1}."""
    rng = np.random.default_rng(0)
    for _ in range(30):
        widths = tuple(int(w) for w in rng.integers(1, 40, size=rng.integers(2, 7)))
        net = SigmoidNetwork.random(widths, seed=1)
        assert net.num_parameters == sum((a + 1) * b for a, b in zip(widths, widths[1:]))
        assert [w.shape for w in net.weights] == list(zip(widths[1:], widths[:-1]))


def test_every_step_holds_and_the_sheets_numbers(theorem):
    """verify() passes; 2–12–1 has 36 weights, 13 biases, 49 parameters, and W^(2) is 1 × 12."""
    report = theorem.verify()
    assert report.ok and report.counts()["proved"] == len(report.steps), str(report)
    assert theorem.step("sheet-weights").rhs == 36 and theorem.step("sheet-biases").rhs == 13
    assert theorem.step("sheet-total").rhs == 49
    assert theorem.step("factor").kind == "equals"  # proved for all n, not only on instances


def test_the_sheets_48_is_refuted():
    """The sheet's 36 + 12 = 48 for 2–12–1 is refuted against the formula (it forgot the output bias)."""
    formula = Add(Mul(Integer(3), Integer(12), evaluate=False), Mul(Integer(13), Integer(1), evaluate=False),
                  evaluate=False)
    assert check_equal(formula, Integer(48)).status == "refuted"


@pytest.mark.parametrize("variant, refuted", [("no-output-bias", 1), ("transposed", 2)])
def test_wrong_counts_and_shapes_are_refuted(theorem, variant, refuted):
    """Biases only on hidden layers (48), or W^(l) as n_{l−1} × n_l (the sheet's (12, 1)), is refuted."""
    report = theorem.instantiate(widths=(2, 12, 1), variant=variant).verify()
    assert report.counts()["refuted"] == refuted


def test_large_network_and_refusals(theorem):
    """An MNIST-sized network is counted exactly; bad widths and huge networks are refused."""
    report = theorem.instantiate(widths=(784, 256, 128, 10)).verify()
    assert report.ok and theorem.instantiate(widths=(784, 256, 128, 10)).step("count").checked[0][0] == 235146
    with pytest.raises(InvalidInputError, match="at least one layer"):
        theorem.instantiate(widths=(3,))
    with pytest.raises(InvalidInputError, match="limited"):
        theorem.instantiate(widths=(10_000, 10_000))


def test_cli(capsys):
    """`show` prints 49 and the sheet's 48; `verify --widths` checks a network; a wrong variant exits 1."""
    assert main(["show", "parameter-count"]) == 0
    out = capsys.readouterr().out
    assert "= 49" in out and "36 + 12 = 48" in out and "= 1×12" in out
    assert main(["verify", "parameter-count", "--widths", "3,4,2", "-q"]) == 0
    assert "parameter-count-widths-3-4-2: 3 steps, 3 proved" in capsys.readouterr().out
    assert main(["verify", "parameter-count", "--widths", "2,12,1", "--variant", "no-output-bias", "-q"]) == 1
