"""σ(−z) = 1 − σ(z): the sigmoid is point-symmetric about (0, ½).

>>> import derivations
>>> derivations.get('sigmoid-symmetry').verify().ok
True
"""

from __future__ import annotations

from sympy import Symbol, evaluate, exp

from derivations.core.definitions import SIGMOID
from derivations.core.domains import REAL
from derivations.core.functions import sigma
from derivations.core.model import Builder, Derivation

ID = "sigmoid-symmetry"
TITLE = "The symmetry of the logistic sigmoid"


def derivation() -> Derivation:
    """Build the derivation: multiply through by e^{−z}, then add and subtract 1."""
    z = Symbol("z", real=True)
    b = Builder(ID, TITLE, symbols={z: REAL}, definitions=[SIGMOID],
                summary="Reflecting the input reflects the output about ½, so a sigmoid unit "
                        "treats positive and negative evidence alike.")
    with evaluate(False):
        b.statement(sigma(-z), 1 - sigma(z))
        d = 1 + exp(-z)
        (b.chain(sigma(-z))
          .eq(1 / (1 + exp(z)), "definition of σ at −z", refs=["def:sigma"], name="unfold")
          .eq(exp(-z) / (exp(-z) + 1), ("multiply numerator and denominator by ", exp(-z)), name="multiply")
          .eq((d - 1) / d, "add and subtract 1 in the numerator", name="add-subtract")
          .eq(1 - 1 / d, "divide each term of the numerator", name="divide")
          .eq(1 - sigma(z), "definition of σ, read backwards", refs=["def:sigma"], name="fold"))
    return b.build()
