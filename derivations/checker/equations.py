r"""Equations that are not identities: the premise of an equation-solving chain, the steps that follow
from it with ⇒ or ⇔ (checked as following, STACK's equivalence reasoning), and lone conditions.

``2a = b ⇒ a = b/2`` is not two identities: the first is what the unknowns satisfy, the second follows
from it.  Each step after ⇒ is checked as a consequence of the equation before it (after ⇔, both
ways); the equation the chain starts from is a premise, taken as given.

>>> from derivations.checker.check import check_text
>>> [s.status for s in check_text("$$2a = b \\Rightarrow a = b/2$$").steps]
['hypothesis', 'confirmed']
"""

from __future__ import annotations

import sympy
from sympy import Basic, Derivative

from derivations.checker.parser import Chain
from derivations.checker.report import StepResult
from derivations.checker.solving import follows
from derivations.core.definitions import unfold

__all__ = ["UNDECIDED", "solving_step", "in_solving_chain", "lone_condition"]

UNDECIDED = "not an identity, and whether it follows from the previous equation ({}) could not be decided"


def solving_step(line: int, sources: list, lhs: Basic, rhs: Basic, leading: str, ctx) -> StepResult:
    r"""An equation after ⇒/⇔ that is not an identity: checked as following from the previous one.

    >>> from derivations.checker.check import check_text
    >>> check_text("$$2a = b \\Rightarrow a = b/3$$").steps[1].status
    'refuted'
    """
    def unfolded(e: Basic) -> Basic:
        return unfold(ctx.unfolded(e), tuple(ctx.functions.values()))

    verdict = follows(tuple(map(unfolded, ctx.last_equation)), (unfolded(lhs), unfolded(rhs)),
                      both_ways=leading == "iff")
    if verdict is None:
        return StepResult(line, sources[0], sources[1], "=", "not checked",
                          reason=UNDECIDED.format("⇔" if leading == "iff" else "⇒"))
    return StepResult(line, sources[0], sources[1], "=", verdict.status, verdict, reason=verdict.reason)


def in_solving_chain(line: int, sources: list, lhs: Basic, rhs: Basic, chain: Chain, ctx,
             verdict) -> StepResult | None:
    """An equation of an equation-solving chain that is not an identity: a step after ⇒/⇔ (checked
    as following from the one before) or the premise it starts from; None for any other equation.

    >>> from derivations.checker.check import check_text
    >>> check_text("$$x + 1 = 3 \\Leftrightarrow x = 2$$").steps[0].reason
    'the equation an equation-solving chain (⇒) starts from: a premise, not an identity'
    """
    if chain.leading in ("implies", "iff") and ctx.last_equation:
        return solving_step(line, sources, lhs, rhs, chain.leading, ctx)
    if id(chain) in ctx.premises and not (chain.leading in ("implies", "iff") and ctx.last_checked):
        return StepResult(line, sources[0], sources[1], "=", "hypothesis", verdict,  # not "identity ⇒ this ⇒ …"
                          reason="the equation an equation-solving chain (⇒) starts from: a premise, not an identity")
    return None


def lone_condition(lhs: Basic, rhs: Basic, ctx) -> bool:
    """A lone equation between monomials in different unknowns (H u = λ u, uᵀu = δ): a condition.

    Such an equation states a hypothesis (an eigenvector equation, orthonormality); a lone equation
    with a sum, a function or a derivative (σ^{-1}(σ(z)) = z, Σ w x = w₁x₁ + w₂x₂) is a claim and
    stays refuted.

    >>> from sympy import Symbol
    >>> from derivations.checker.check import check_text
    >>> check_text("$$H u = \\lambda u$$").steps[0].status
    'hypothesis'
    """
    defined = ctx.defined_symbols()
    for e in (lhs, rhs):
        if e.atoms(sympy.Function, Derivative, sympy.Add) or e.free_symbols & defined:
            return False
    # It must relate different unknowns (H u = λ u); 2a = 3a, with the same unknowns, is a claim.
    return lhs.free_symbols != rhs.free_symbols
