r"""The chain rule through a substitution: ``u = 1 + e^{-z}``, ``σ(z) = u^{-1}``, ``dσ/du · du/dz``.

Source: tests/data/heldout6/q01 (a Chinese step-by-step sigmoid derivative, INDEX.md names it): step 2
lets u = 1 + e^{-z} and writes dσ(z)/dz = dσ/du · du/dz = -u^{-2} · du/dz.  σ is applied to z in the
document, so dσ/du was refused ("no clear meaning"); σ(z) is 1/(1 + e^{-z}), a function of u alone,
so dσ/du is the derivative of 1/u, and the reading is stated.
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text

DATA = Path(__file__).resolve().parent / "data" / "heldout6"
STEP = ("Let $u = 1 + e^{-z}$. Then\n$$\\sigma(z) = u^{-1}, \\quad \\frac{d\\sigma(z)}{dz} = "
        "\\frac{d\\sigma}{du} \\cdot \\frac{du}{dz} = %s \\cdot \\frac{du}{dz}$$")


def test_the_real_substitution_steps_are_proved_with_their_reading():
    report = check_text((DATA / "q01_sigmoid-derivative-chain-zh.md").read_text(encoding="utf-8"))
    steps = [s for s in report.steps if s.line == 26]
    assert [s.status for s in steps] == ["proved", "proved", "proved"], [s.describe() for s in steps]
    assert "written as a function of u = 1 + exp(-z) (sigma = 1/u)" in steps[1].reason
    assert report.exit_code == 0


def test_a_wrong_sign_through_the_substitution_is_refuted():
    steps = check_text(STEP % "u^{-2}").steps
    assert steps[-1].status == "refuted", steps[-1].describe()
    assert check_text(STEP % "-u^{-2}").steps[-1].status == "proved"


def test_a_variable_the_function_is_not_a_function_of_alone_is_still_refused():
    """σ(z) is not a function of v = z² alone (the sign of z is lost): no reading, not checked."""
    text = ("Let $v = z^2$.\n$$\\sigma(z) = \\frac{1}{1+e^{-z}}, \\quad \\frac{d\\sigma(z)}{dz} = "
            "\\frac{d\\sigma}{dv} \\cdot \\frac{dv}{dz}$$")
    step = check_text(text).steps[-1]
    assert step.status == "not checked", step.describe()
