"""Definitions (σ(z) := 1/(1+e^{-z}), ...) and their unfolding into elementary functions.

A definition binds a function to a body.  The verifier unfolds every defined function before it
checks a step, so a theorem about σ is proved from σ's definition, never from itself.

>>> from sympy import Symbol
>>> z = Symbol('z', real=True)
>>> unfold(sigma(z) * (1 - sigma(z)), (SIGMOID,))
(1 - 1/(1 + exp(-z)))/(1 + exp(-z))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from sympy import Basic, Derivative, Dummy, Lambda, Subs, Symbol, exp, log
from sympy.core.function import FunctionClass

from derivations.core.functions import logit, sigma, sigma_prime

__all__ = ["Definition", "unfold", "chained", "put_in_all", "SIGMOID", "LOGIT", "SIGMOID_PRIME", "STANDARD"]

_MAX_UNFOLD_DEPTH = 20


@dataclass(frozen=True)
class Definition:
    """``function(params) := body``, with a label for cross-references and a line of prose.

    >>> SIGMOID.name, SIGMOID.label, SIGMOID.description
    ('sigma', 'def:sigma', 'logistic sigmoid')
    >>> SIGMOID.equation()
    (sigma(z), 1/(1 + exp(-z)))
    """

    function: FunctionClass
    body: Lambda
    label: str
    description: str = ""

    @property
    def name(self) -> str:
        """The function's name (``sigma``)."""
        return self.function.__name__

    def equation(self) -> tuple[Basic, Basic]:
        """(function applied to the parameters, body): the definition as an equation to print."""
        params = self.body.variables
        return self.function(*params), self.body.expr


def chained(definitions: Iterable[tuple[Symbol, Basic]]) -> list[tuple[Symbol, Basic]]:
    """Symbol definitions in order, each value with the earlier ones put in (ŷ = σ(z), then L = −log ŷ);
    a variable a value differentiates by is left alone (z = x², then d = ∂z/∂x keeps x).

    >>> from sympy import symbols
    >>> x, y, z = symbols("x y z")
    >>> chained([(y, x + 1), (z, 2 * y)])
    [(y, x + 1), (z, 2*x + 2)]
    """
    done: list[tuple[Symbol, Basic]] = []
    for s, v in definitions:
        bound = {b for d in v.atoms(Derivative) for b in d.variables}
        earlier = {e: w for e, w in done if e not in bound}
        done.append((s, v.xreplace(earlier) if earlier else v))
    return done


def put_in_all(expr: Basic, definitions: dict, depth: int = 6) -> Basic:
    """``expr`` with the symbol ``definitions`` put in again and again, as long as that changes it (``depth`` times
    at most: a definition that holds its own symbol does not loop).

    >>> from sympy import symbols
    >>> x, y, z = symbols("x y z")
    >>> put_in_all(z, {z: 2 * y, y: x + 1})
    2*x + 2
    """
    for _ in range(depth):
        new = expr.xreplace(definitions)
        if new == expr:
            return expr
        expr = new
    return expr


def unfold(expr: Basic, definitions: Iterable[Definition]) -> Basic:
    """Replace every application of a defined function by the definition's body, recursively.

    Derivatives are left unevaluated (the caller decides whether SymPy or mpmath evaluates them).

    >>> from sympy import Symbol
    >>> p = Symbol('p', positive=True)
    >>> unfold(logit(p), (LOGIT,))
    log(p/(1 - p))
    >>> unfold(logit(p), ())  # without its definition, logit is only a name
    logit(p)
    """
    table = {d.function: d.body for d in definitions}
    for _ in range(_MAX_UNFOLD_DEPTH):
        applied = _applications(expr, table) if table else ()
        if not applied:
            return expr
        expr = expr.xreplace({a: table[a.func](*a.args) for a in applied})
    raise RecursionError("definitions refer to each other too deeply (a cycle?)")


def _applications(expr: Basic, table: dict) -> set:
    """The distinct applications of the table's functions in ``expr`` (``expr.atoms(*table)`` with
    ``a.func in table``, but a shared subtree is visited once, and no ``isinstance`` against an
    undefined function, whose metaclass compares classes by name: both were most of a worker's time
    on the δ recursions of real sheets)."""
    found, seen, stack = set(), set(), [expr]
    while stack:
        node = stack.pop()
        if id(node) in seen:  # the same object, not an equal one: Subs equal up to their bound
            continue  # variable (sigma(_z_1) and sigma(_z_2) inside) hold different applications
        seen.add(id(node))
        if type(node) in table:
            found.add(node)
        if isinstance(node, Basic):
            stack.extend(node.args)
    return found


_z, _p, _t = Symbol("z", real=True), Symbol("p", positive=True), Dummy("t", real=True)
SIGMOID = Definition(sigma, Lambda(_z, 1 / (1 + exp(-_z))), "def:sigma",
                     "logistic sigmoid")
LOGIT = Definition(logit, Lambda(_p, log(_p / (1 - _p))), "def:logit",
                   "logit, for 0 < p < 1")
SIGMOID_PRIME = Definition(sigma_prime, Lambda(_z, Subs(Derivative(1 / (1 + exp(-_t)), _t), _t, _z)),
                           "def:sigma-prime", "derivative of the sigmoid's definition")

STANDARD: tuple[Definition, ...] = (SIGMOID, LOGIT, SIGMOID_PRIME)
"""The conventions of SPEC.md: what σ, logit and σ' mean unless a document says otherwise."""
