r"""Functions the document defines with a sum of symbolic bounds, put in before a step goes to instances.

Sources: tests/data/heldout8/s02 (a linear-regression note: J(θ_0, θ_1) = (1/2m) Σ_i (h_θ(x_i) − y_i)²,
then ∂J/∂θ_0 = (1/2m) Σ_i 2(h_θ(x_i) − y_i) ∂h_θ(x_i)/∂θ_0); tests/data/real/21 (blatherstrike's softmax
Jacobian: h(x) = Σ_k e^{a_k}, a "function" of x that does not hold x); tests/data/heldout5/p13 (a Chinese
row-softmax note: softmax(x_{ij}) = e^{x_ij}/Σ_p e^{x_ip}, a template in i and j).  The first is now
checked; the other two must stay unchecked (putting them in gave a derivative by x of 0, and
softmax(x_{kl}) with the row index i left unrenamed: two false alarms, seen while building this).
"""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text

DATA = Path(__file__).resolve().parent / "data"
COST = (r"$$h(x_i) = \theta_0 + \theta_1 x_i$$ $$J(\theta_0, \theta_1) = \frac{1}{2m}\sum_{i=1}^m (h(x_i) - y_i)^2$$"
        "\n\n" r"$$\frac{\partial J}{\partial \theta_%s} = %s\frac{1}{m}\sum_{i=1}^m (h(x_i) - y_i)%s$$")


def _report(folder: str, name: str):
    return check_text((DATA / folder / name).read_text(encoding="utf-8"))


def test_a_derivative_of_a_cost_defined_with_a_sum_is_checked_on_instances():
    assert check_text(COST % ("0", "", "")).steps[-1].status == "confirmed"
    assert check_text(COST % ("1", "", " x_i")).steps[-1].status == "confirmed"
    assert check_text(COST % ("1", "-", " x_i")).steps[-1].status == "refuted"
    assert check_text(COST % ("0", "", " x_i")).steps[-1].status == "refuted"


def test_a_function_that_does_not_hold_its_argument_is_not_put_in():
    [step] = [s for s in _report("real", "21_softmax-jacobian-blatherstrike-sumsymbol.md").steps if s.line == 14]
    assert step.status == "not checked", step.describe()


def test_a_function_defined_on_indexed_names_is_not_put_in():
    report = _report("heldout5", "p13_softmax-row-backward-zh.md")
    assert report.first_wrong() is None, report.first_wrong()
