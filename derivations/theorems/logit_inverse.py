"""logit(σ(z)) = z for real z, and σ(logit(p)) = p for 0 < p < 1: σ and logit are inverse.

>>> import derivations
>>> d = derivations.get('logit-inverse')
>>> [str(s.domain.describe()) for s in d.symbols]
['real', '(0, 1)']
>>> d.verify().ok
True
"""

from __future__ import annotations

from sympy import Eq, Symbol, evaluate, exp, log

from derivations.core.definitions import LOGIT, SIGMOID
from derivations.core.domains import REAL, UNIT_INTERVAL
from derivations.core.functions import logit, sigma
from derivations.core.model import Builder, Derivation, SymbolSpec

ID = "logit-inverse"
TITLE = "The logit is the inverse of the sigmoid"


def derivation() -> Derivation:
    """Build both chains: logit after σ on the reals, σ after logit on (0, 1)."""
    z = Symbol("z", real=True)
    p = Symbol("p", positive=True)
    b = Builder(ID, TITLE, symbols=[SymbolSpec(z, REAL), SymbolSpec(p, UNIT_INTERVAL, "a probability")],
                definitions=[SIGMOID, LOGIT],
                summary="A sigmoid output p is a probability and logit(p) the log-odds that produced it.",
                conditions="z is real; 0 < p < 1 (the logit is defined only there).")
    b.statement(logit(sigma(z)), z)
    b.statement(sigma(logit(p)), p)
    with evaluate(False):
        d = 1 + exp(-z)
        (b.chain(logit(sigma(z)))
          .eq(log(sigma(z) / (1 - sigma(z))), "definition of logit (0 < σ(z) < 1)", refs=["def:logit"],
              name="unfold-logit")
          .eq(log((1 / d) / (1 - 1 / d)), "definition of σ", refs=["def:sigma"], name="unfold-sigma")
          .eq(log((1 / d) / (exp(-z) / d)), ("common denominator: ", Eq(1 - 1 / d, exp(-z) / d, evaluate=False)), name="complement")
          .eq(log(1 / exp(-z)), ("cancel ", d), name="cancel")
          .eq(log(exp(z)), "reciprocal of a power of e", name="reciprocal")
          .eq(z, "ln and exp are inverse on the reals", name="log-exp"))
        (b.chain(sigma(logit(p)))
          .eq(1 / (1 + exp(-logit(p))), "definition of σ", refs=["def:sigma"], name="unfold-sigma-p")
          .eq(1 / (1 + exp(-log(p / (1 - p)))), "definition of logit", refs=["def:logit"],
              name="unfold-logit-p")
          .eq(1 / (1 + (1 - p) / p), ("exp(−ln x) = 1/x for x > 0, with ", Eq(Symbol("x"), p / (1 - p), evaluate=False)),
              name="exp-log")
          .eq(p / (p + (1 - p)), "multiply numerator and denominator by p", name="multiply-p")
          .eq(p, "p + (1 − p) = 1", name="sum"))
    return b.build()
