"""conv-output-size: the size formula against counting, receptive fields against one-hot back-propagation,
sheet 001 Q2's 81 pixels (source: /work/shared/seeds/001_9c4c40963088d24a.txt, copied to tests/data/seeds/)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import derivations
from derivations.cli import main
from derivations.errors import InvalidInputError
from derivations.numerics.conv import (
    count_positions,
    forward,
    output_side,
    receptive_field,
    receptive_field_by_backprop,
)


@pytest.fixture(scope="module")
def theorem():
    return derivations.get("conv-output-size")


def test_formula_equals_counting_in_two_dimensions():
    """⌊(n − f + 2p)/s⌋ + 1 squared is the number of 2-D window positions, counted cell by cell, and NumPy's output."""
    for n, f, p, s in itertools.product(range(1, 9), range(1, 6), range(3), range(1, 4)):
        if f > n + 2 * p:
            continue
        side = n + 2 * p
        positions = sum(1 for r in range(side) for c in range(side)
                        if r % s == 0 and c % s == 0 and r + f <= side and c + f <= side)
        assert positions == output_side(n, f, p, s) ** 2 == count_positions(n, f, p, s) ** 2
        assert forward(np.ones((n, n)), np.ones((f, f)), s, p).shape == (output_side(n, f, p, s),) * 2


@pytest.mark.parametrize("kernels, strides", [((3, 3, 3, 3), None), ((3,) * 6, None), ((5, 3), (2, 1)),
                                              ((7, 3, 3, 5), (2, 2, 1, 3)), ((2, 2, 2), (2, 2, 2))])
def test_receptive_field_formula_equals_one_hot_backprop(kernels, strides):
    """r_l = r_{l−1} + (f_l − 1) Π s_i equals the square patch a one-hot gradient reaches through real layers."""
    r = receptive_field(kernels, strides)
    assert receptive_field_by_backprop(kernels, strides, seed=2) == (r, r, r * r)


def test_receptive_field_with_holes_has_the_formulas_extent(theorem):
    """A 1×1 stride-3 layer under a 3×3 one: the patch spans 7 × 7 (the formula) but holds only 9 pixels."""
    assert receptive_field((1, 3), (3, 1)) == 7
    assert receptive_field_by_backprop((1, 3), (3, 1)) == (7, 7, 9)
    assert theorem.instantiate(n=20, f=(1, 3), s=(3, 1)).verify().ok


def test_stride_one_closed_form_and_the_sheets_81():
    """With stride 1, r_L = 1 + L(f − 1); four 3×3 layers: 9 × 9 = 81 pixels (sheet 001 Q2)."""
    for L, f in itertools.product(range(1, 7), (1, 2, 3, 5)):
        assert receptive_field((f,) * L) == 1 + L * (f - 1)
    assert receptive_field_by_backprop((3, 3, 3, 3)) == (9, 9, 81)


def test_every_step_holds(theorem):
    """verify() passes: the size steps proved on the instances, the sweep and the receptive fields confirmed."""
    report = theorem.verify()
    assert report.ok, str(report)
    assert report.step("size").status == "proved"
    assert report.step("recurrence").status == "confirmed"
    sweep = report.step("sweep").verdicts[0].numeric
    assert sweep.arithmetic == "exact integer arithmetic" and sweep.checks > 10_000
    for name in ("sheet-sizes", "sheet-side", "sheet-square", "pixels"):
        assert report.step(name).status == "proved"
    assert theorem.step("pixels").rhs == 81


@pytest.mark.parametrize("variant, shape, refuted", [
    ("no-plus-one", {"n": 9, "f": (3, 3, 3, 3)}, 5),
    ("no-stride-product", {"n": 30, "f": (3, 3, 3), "s": 2}, 1),
])
def test_wrong_formulas_are_refuted(theorem, variant, shape, refuted):
    """Dropping the + 1, or the product of strides, is refuted (exactly, and by the real stacked convolutions)."""
    report = theorem.instantiate(variant=variant, **shape).verify()
    assert report.counts()["refuted"] == refuted and not report.ok


def test_strides_ignored_is_not_wrong_for_stride_one(theorem):
    """Honest verdicts: ignoring strides is harmless when every stride is 1, so that instance passes."""
    assert theorem.instantiate(n=9, f=(3, 3, 3, 3), variant="no-stride-product").verify().ok


def test_bad_stacks_are_refused(theorem):
    """A kernel that no longer fits, mismatched strides, or too many layers is refused with a message."""
    with pytest.raises(InvalidInputError, match="layer 4"):
        theorem.instantiate(n=7, f=(3, 3, 3, 3))
    with pytest.raises(InvalidInputError, match="one stride per layer"):
        theorem.instantiate(n=30, f=(3, 3, 3), s=(2, 1))
    with pytest.raises(InvalidInputError, match="at most"):
        theorem.instantiate(n=100, f=(1,) * 13)


def test_cli_show_prints_81_pixels(capsys):
    """`derivations show conv-output-size` prints the sheet's 9 → 7 → 5 → 3 → 1 and the 81 pixels."""
    assert main(["show", "conv-output-size"]) == 0
    out = capsys.readouterr().out
    assert "(1 + 4*(3 - 1))^2\n    = 9^2" in out and "    = 81\n" in out and "81 input pixels" in out
    assert "7, 5, 3, 1" in out


def test_cli_instance(capsys):
    """--n with per-layer --f and --s lists builds an instance; a wrong variant exits 1."""
    assert main(["verify", "conv-output-size", "--n", "32", "--f", "5,3,3", "--s", "2,1,2", "--p", "1", "-q"]) == 0
    assert "conv-output-size-n32-f5-3-3-p1-s2-1-2:" in capsys.readouterr().out
    assert main(["verify", "conv-output-size", "--n", "9", "--f", "3,3,3,3", "--variant", "no-plus-one", "-q"]) == 1
