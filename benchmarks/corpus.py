"""A corpus of harder identities, true and false, about σ, tanh, logit, exp and log.

Each item says whether the identity really holds on the symbols' domains; the false ones are the
kind of mistake made on paper (a dropped sign, the wrong sigmoid, an inverse confused with a
reciprocal).  Some true ones are beyond ``sympy.simplify``.

>>> len(CORPUS) >= 20, sum(i.true for i in CORPUS) > 0, sum(not i.true for i in CORPUS) > 0
(True, True, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sympy import Basic, Derivative, Symbol, atanh, exp, log, tanh

from derivations.core.domains import POSITIVE, REAL, UNIT_INTERVAL, Domain
from derivations.core.functions import logit, sigma

__all__ = ["Identity", "CORPUS"]


@dataclass(frozen=True)
class Identity:
    """``lhs = rhs`` on ``domains``, with its real truth value and a short name."""

    name: str
    lhs: Basic
    rhs: Basic
    true: bool
    domains: dict = field(default_factory=dict)


z = Symbol("z", real=True)
p = Symbol("p", positive=True)
x = Symbol("x", positive=True)
_R = {z: REAL}
_P = {p: UNIT_INTERVAL}
_X = {x: POSITIVE}


def _i(name: str, lhs: Basic, rhs: Basic, true: bool, domains: dict[Symbol, Domain]) -> Identity:
    return Identity(name, lhs, rhs, true, domains)


CORPUS: tuple[Identity, ...] = (
    # true
    _i("symmetry", sigma(-z), 1 - sigma(z), True, _R),
    _i("derivative", Derivative(sigma(z), z), sigma(z) * (1 - sigma(z)), True, _R),
    _i("second derivative", Derivative(sigma(z), z, 2), sigma(z) * (1 - sigma(z)) * (1 - 2 * sigma(z)), True, _R),
    _i("tanh via sigma", tanh(z), 2 * sigma(2 * z) - 1, True, _R),
    _i("logit of sigma", logit(sigma(z)), z, True, _R),
    _i("sigma of logit", sigma(logit(p)), p, True, _P),
    _i("log-odds", log(sigma(z)) - log(sigma(-z)), z, True, _R),
    _i("sech^2 via sigma", 1 - tanh(z) ** 2, 4 * sigma(2 * z) * sigma(-2 * z), True, _R),
    _i("d log sigma", Derivative(log(sigma(z)), z), sigma(-z), True, _R),
    _i("softplus difference", log(1 + exp(z)) - log(1 + exp(-z)), z, True, _R),
    _i("odds ratio", sigma(z) / sigma(-z), exp(z), True, _R),
    _i("logit via atanh", logit(p), 2 * atanh(2 * p - 1), True, _P),
    _i("log-sum-exp shift", log(exp(z) + exp(2 * z)), z + log(1 + exp(z)), True, _R),
    _i("logit antisymmetry", logit(1 - p), -logit(p), True, _P),
    _i("d tanh", Derivative(tanh(z), z), 1 - tanh(z) ** 2, True, _R),
    _i("log of power", log(x ** 3), 3 * log(x), True, _X),
    # false
    _i("symmetry, sign dropped", sigma(-z), sigma(z) - 1, False, _R),
    _i("derivative, wrong sign", Derivative(sigma(z), z), sigma(z) * (1 + sigma(z)), False, _R),
    _i("logit of the wrong sigmoid", log((1 / (1 + exp(z))) / (1 - 1 / (1 + exp(z)))), z, False, _R),
    _i("tanh, argument not doubled", tanh(z), 2 * sigma(z) - 1, False, _R),
    _i("log-odds, sign flipped", log(sigma(z)) - log(sigma(-z)), -z, False, _R),
    _i("the wrong sigmoid", 1 / (1 + exp(z)), sigma(z), False, _R),
    _i("log of a quotient", log(p / (1 - p)), log(p) / log(1 - p), False, _P),
    _i("second derivative, sign", Derivative(sigma(z), z, 2),
       sigma(z) * (1 - sigma(z)) * (2 * sigma(z) - 1), False, _R),
    _i("sigma is not multiplicative", sigma(z) ** 2, sigma(2 * z), False, _R),
    _i("softplus, missing term", log(1 + exp(z)), z + log(1 + exp(z)), False, _R),
)
