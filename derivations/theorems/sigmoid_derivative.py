"""σ'(z) = σ(z)(1 − σ(z)): the derivative of the logistic sigmoid, by the quotient rule.

>>> import derivations
>>> d = derivations.get('sigmoid-derivative')
>>> d.steps[1].justification
'quotient rule: (u/v)′ = (u′v − uv′)/v²'
>>> d.verify().ok
True
"""

from __future__ import annotations

from sympy import Derivative, Eq, Integer, Symbol, evaluate, exp

from derivations.core.definitions import SIGMOID
from derivations.core.domains import REAL
from derivations.core.functions import sigma
from derivations.core.model import Builder, Derivation
from derivations.numerics.networks import sigmoid
from derivations.render.figure import Annotation, Figure, Series, grid

ID = "sigmoid-derivative"
TITLE = "The derivative of the logistic sigmoid"


def derivation() -> Derivation:
    """Build the derivation (σ is unfolded to its definition when each step is checked)."""
    z = Symbol("z", real=True)
    b = Builder(ID, TITLE, symbols={z: REAL}, definitions=[SIGMOID],
                summary="The sigmoid's derivative is expressed through the sigmoid itself, which is "
                        "why backpropagation through a sigmoid layer reuses the activations of the "
                        "forward pass.")
    with evaluate(False):
        b.statement(Derivative(sigma(z), z), sigma(z) * (1 - sigma(z)))
        d = 1 + exp(-z)
        (b.chain(Derivative(sigma(z), z))
          .eq(Derivative(1 / d, z), "definition of σ", refs=["def:sigma"], name="unfold")
          .eq((Derivative(Integer(1), z) * d - 1 * Derivative(d, z)) / d**2,
              "quotient rule: (u/v)′ = (u′v − uv′)/v²", name="quotient")
          .eq((0 * d - 1 * (-exp(-z))) / d**2, ("(1)′ = 0 and ", Eq(Derivative(d, z), -exp(-z), evaluate=False), " by the chain rule"),
              name="differentiate")
          .eq(exp(-z) / d**2, "simplify the numerator", name="numerator")
          .eq((1 / d) * (exp(-z) / d), "split the fraction into two factors", name="split")
          .eq((1 / d) * ((d - 1) / d), ("add and subtract 1: ", Eq(exp(-z), d - 1, evaluate=False)), name="add-subtract")
          .eq((1 / d) * (1 - 1 / d), "divide each term of the numerator", name="divide")
          .eq(sigma(z) * (1 - sigma(z)), "definition of σ, read backwards", refs=["def:sigma"],
              name="fold"))
    return b.build()


def sigmoid_and_derivative() -> Figure:
    """σ(z) and σ'(z) = σ(z)(1 − σ(z)) on [−6, 6], with the maximum σ'(0) = 1/4 marked.

    >>> f = sigmoid_and_derivative()
    >>> max(f.series[1].points, key=lambda p: p[1])
    (0.0, 0.25)
    """
    zs = grid(-6.0, 6.0)
    sig = [(z, float(sigmoid(z))) for z in zs]
    dsig = [(z, s * (1.0 - s)) for z, s in sig]
    return Figure(
        id="sigmoid-and-derivative",
        caption="The logistic sigmoid σ(z) = 1/(1 + exp(−z)) and its derivative σ′(z) = σ(z)(1 − σ(z)); "
        "the derivative is largest at z = 0, where σ′(0) = 1/4.",
        xlabel="z",
        ylabel="",
        xrange=(-6.0, 6.0),
        yrange=(-0.05, 1.05),
        series=(
            Series(r"\sigma(z)", sig, "solid", "blue"),
            Series(r"\sigma'(z) = \sigma(z)\,(1-\sigma(z))", dsig, "dashed", "red"),
        ),
        annotations=(
            Annotation("point", (0.0, 0.25), label=r"\sigma'(0) = \frac{1}{4}", colour="red", side="above right"),
        ),
        yticks=(0.0, 0.25, 0.5, 0.75, 1.0),
    )
