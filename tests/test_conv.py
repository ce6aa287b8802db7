"""conv-backprop: the NumPy formulas, exact and numeric instances, wrong variants refuted, and the worked
example of sheet 000 Q4 (source: /work/shared/seeds/000_3efcf665678d3a2c.txt, copied to tests/data/seeds/)."""

from __future__ import annotations

import numpy as np
import pytest
from sympy import Add, Derivative, Symbol

import derivations
from derivations.cli import main
from derivations.errors import InvalidInputError
from derivations.numerics.conv import (
    CONVENTIONS,
    backward,
    forward,
    gradient_check,
    output_side,
    rot180,
)
from derivations.theorems.conv_backprop import SHEET, _sheet_gradient
from derivations.verify.recipe import check_equal

X, W, G = (np.array(SHEET[k]) for k in ("X", "W", "G"))


@pytest.fixture(scope="module")
def theorem():
    return derivations.get("conv-backprop")


# --- the NumPy formulas ----------------------------------------------------------------------------


def test_sheet_numbers_follow_true_convolution_except_dw():
    """The sheet's y and ∂L/∂X are true convolution; its ∂L/∂W is the cross-correlation one, rotated from the right one."""
    assert forward(X, W, convention="convolution").tolist() == [list(r) for r in SHEET["y"]]
    dX_conv, dW_conv = backward(X, W, G, convention="convolution")
    dX_xcorr, dW_xcorr = backward(X, W, G)
    assert dX_conv.tolist() == [list(r) for r in SHEET["dX"]] and dX_conv.shape == X.shape
    assert dW_xcorr.tolist() == [list(r) for r in SHEET["dW"]]
    assert dW_conv.tolist() == rot180(dW_xcorr).tolist() != dW_xcorr.tolist()
    assert forward(X, W).tolist() != [list(r) for r in SHEET["y"]]


@pytest.mark.parametrize("convention", CONVENTIONS)
@pytest.mark.parametrize("n, f, p, s", [(9, 3, 0, 1), (8, 3, 1, 2), (17, 4, 1, 3), (12, 5, 2, 2), (6, 6, 0, 1)])
def test_formulas_match_finite_differences(n, f, p, s, convention):
    """For random layers (stride, padding, both conventions) the formulas agree with central differences of L."""
    rng = np.random.default_rng(n * 100 + f)
    m = output_side(n, f, p, s)
    r = gradient_check(rng.standard_normal((n, n)), rng.standard_normal((f, f)), rng.standard_normal((m, m)),
                       s, p, convention, seed=3)
    assert r.passed and r.max_relative_error < 1e-8 and r.checks == 12 + min(12, f * f)


@pytest.mark.parametrize("variant", ["other-convention", "no-full-padding"])
@pytest.mark.parametrize("convention", CONVENTIONS)
def test_wrong_formulas_fail_finite_differences(variant, convention):
    """The flip in the wrong place and the unpadded (wrong-shape) ∂L/∂X both fail the finite-difference check."""
    rng = np.random.default_rng(1)
    r = gradient_check(rng.standard_normal((10, 10)), rng.standard_normal((3, 3)), rng.standard_normal((4, 4)),
                       2, 0, convention, variant)
    assert not r.passed and r.max_relative_error > 0.1
    if variant == "no-full-padding":
        assert r.worst == "shape of ∂L/∂X: 5×5, expected 10×10"


def test_formulas_on_symbols_equal_sympys_derivative():
    """On SymPy entries, backward() equals SymPy's own derivative of L = Σ G∘y, entry by entry (s = 2, p = 1)."""
    xs = np.array([[Symbol(f"x{u}{v}") for v in range(4)] for u in range(4)], dtype=object)
    ws = np.array([[Symbol(f"w{a}{c}") for c in range(3)] for a in range(3)], dtype=object)
    gs = np.array([[Symbol(f"g{i}{j}") for j in range(2)] for i in range(2)], dtype=object)
    for convention in CONVENTIONS:
        L = Add(*(gs * forward(xs, ws, 2, 1, convention)).flat)
        dX, dW = backward(xs, ws, gs, 2, 1, convention)
        assert all((Derivative(L, x).doit() - d).expand() == 0 for x, d in zip(xs.flat, dX.flat))
        assert all((Derivative(L, w).doit() - d).expand() == 0 for w, d in zip(ws.flat, dW.flat))


# --- the theorem -----------------------------------------------------------------------------------


def test_every_step_holds_on_the_default_instances(theorem):
    """verify() passes; each indexed step is checked exactly on the small instances and numerically on the large."""
    report = theorem.verify()
    assert report.ok, str(report)
    for name in ("chain-w", "linear-w", "grad-w", "chain-x", "linear-x", "reindex-x", "grad-x", "crop"):
        origins = set(report.step(name).origins)
        assert "conv-backprop-n4-f2-p0-s1-cross-correlation" in origins
        assert "conv-backprop-n32-f5-p2-s2-cross-correlation" in origins
    for name in ("conv-w", "conv-x"):
        assert set(report.step(name).origins) == {"conv-backprop-n4-f3-p1-s2-convolution",
                                                  "conv-backprop-n17-f4-p1-s3-convolution"}


def test_small_instances_are_proved_exactly(theorem):
    """A fully symbolic 4×4 layer with a 2×2 kernel (and 5×5, 3×3, p = 1, s = 2, convolution) is proved entry by entry."""
    for shape in ({"n": 4, "f": 2}, {"n": 5, "f": 3, "p": 1, "s": 2, "convention": "convolution"}):
        report = theorem.instantiate(**shape).verify()
        assert report.counts()["proved"] == len(report.steps), str(report)


def test_large_instance_is_confirmed_with_method_tolerance_seed(theorem):
    """A random 40×40 layer is confirmed (never proved) by finite differences; the report names seed and tolerance."""
    report = theorem.instantiate(n=40, f=5, p=2, s=3, seed=7).verify()
    verdict = report.steps[0].verdicts[0]
    assert report.ok and verdict.status == "confirmed" and verdict.symbolic is None
    assert verdict.numeric.seed == 7 and verdict.numeric.tolerance == 1e-6
    assert "finite differences" in verdict.numeric.method


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_wrong_variants_are_refuted_exactly(theorem, convention):
    """The other convention's flip is refuted at the formula steps; the unpadded ∂L/∂X at its shape (1×1 for 5×5, 3×3)."""
    flip = theorem.instantiate(n=4, f=2, convention=convention, variant="other-convention").verify()
    refuted = {s.label.split(":")[1].rsplit("-", 2)[0] for s in flip.steps if s.status == "refuted"}
    assert refuted == {"grad-x", "grad-w"}
    assert all(v.numeric.counterexample is not None for s in flip.steps if s.status == "refuted" for v in s.verdicts
               if v.status == "refuted")
    unpadded = theorem.instantiate(n=5, f=3, convention=convention, variant="no-full-padding").verify()
    assert unpadded.step("shape").status == "refuted"
    assert "1 × 1 computed" in unpadded.step("shape").justification
    assert not unpadded.ok


def test_wrong_variants_are_refuted_numerically(theorem):
    """On a large random layer each wrong variant is refuted by the finite-difference probe."""
    for variant in ("other-convention", "no-full-padding"):
        report = theorem.instantiate(n=24, f=3, s=2, variant=variant).verify()
        assert report.steps[0].status == "refuted"


def test_sheet_steps_are_proved_and_name_their_convention(theorem):
    """The sheet's y, ∂L/∂X and ∂L/∂W are proved with the convention each follows, against SymPy's derivatives."""
    report = theorem.verify()
    for name in ("sheet-y", "sheet-y-xcorr", "sheet-dx", "sheet-dw-xcorr", "sheet-dw"):
        assert report.step(name).status == "proved"
    assert "TRUE convolution" in theorem.step("sheet-dx").justification
    assert "CROSS-CORRELATION" in theorem.step("sheet-dw-xcorr").justification
    assert len(theorem.step("sheet-dx").checks) == 25  # 5 × 5, the shape of X


def test_sheets_dw_is_refuted_under_its_own_convention():
    """Under true convolution (the sheet's own) the sheet's ∂L/∂W is wrong: check_equal refutes its corner entries."""
    truth = _sheet_gradient("W", "convolution")
    claimed = [v for row in SHEET["dW"] for v in row]
    verdicts = [check_equal(t, c).status for t, c in zip(truth, claimed)]
    assert verdicts[0] == "refuted" and verdicts[4] == "proved"  # the centre entry is the same after rotation
    assert verdicts.count("refuted") == 8


def test_bad_shapes_are_refused(theorem):
    """A kernel that does not fit, an unknown convention or a huge exact instance is refused with a message."""
    with pytest.raises(InvalidInputError, match="does not fit"):
        theorem.instantiate(n=3, f=5)
    with pytest.raises(InvalidInputError, match="convention"):
        theorem.instantiate(n=3, f=2, convention="flipped")
    with pytest.raises(InvalidInputError, match="exact symbolic checks are limited"):
        theorem.instantiate(n=30, f=3, method="symbolic")


# --- the command line ------------------------------------------------------------------------------


def test_cli_show_prints_the_sheets_numbers_with_conventions(capsys):
    """`derivations show conv-backprop` prints the sheet's three results and which convention each follows."""
    assert main(["show", "conv-backprop"]) == 0
    out = capsys.readouterr().out
    assert "[158 183 172; 229 237 238; 164 232 233]" in out
    assert "[3 11 14 11 3; 5 20 32 27 12; 10 25 39 29 14; 7 14 25 18 11; 5 5 7 2 2]" in out
    assert "[47 43 49; 47 50 54; 36 46 52]" in out and "[52 46 36; 54 50 47; 49 43 47]" in out
    assert "TRUE convolution" in out and "CROSS-CORRELATION" in out and "not 1 × 1" in out


def test_cli_instances(capsys):
    """--n/--f/--p/--s/--convention describe an instance; a wrong variant exits 1, a kernel too big exits 2."""
    assert main(["verify", "conv-backprop", "--n", "4", "--f", "3", "--p", "1", "--s", "2", "--convention",
                 "convolution", "-q"]) == 0
    assert "conv-backprop-n4-f3-p1-s2-convolution:" in capsys.readouterr().out
    assert main(["verify", "conv-backprop", "--n", "4", "--f", "2", "--variant", "other-convention", "-q"]) == 1
    capsys.readouterr()
    assert main(["verify", "conv-backprop", "--n", "3", "--f", "5"]) == 2
    assert "does not fit" in capsys.readouterr().err
