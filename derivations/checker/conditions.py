r"""Steps that hold where they are real: a refutation at a point where a side is complex is retried.

A hand-written step like ``\ln\frac{p}{1-p} = -\ln\frac{1-p}{p}`` is a claim about real numbers:
it holds for 0 < p < 1, where both logarithms are real, and fails for p < 0 only because the
complex logarithms there take different branches.  When the verifier refutes a step at a point
where one side is complex, the step is checked again with the symbols under the logarithms (and
roots) restricted, first to (0, ∞), then to (0, 1); if it holds there, the verdict says so and
names the condition.  A step refuted at a real point is never retried.

>>> from sympy import Symbol, log
>>> p = Symbol("p")
>>> domain_symbols(log(p / (1 - p)), -log((1 - p) / p))
['p']
"""

from __future__ import annotations

from typing import Callable

import sympy
from sympy import Basic

from derivations.core.domains import POSITIVE, UNIT_INTERVAL, Domain
from derivations.core.functions import logit
from derivations.verify.verdict import Verdict

__all__ = ["domain_symbols", "real_retry"]

_CANDIDATES: tuple[tuple[Domain, str], ...] = ((POSITIVE, "(0, ∞)"), (UNIT_INTERVAL, "(0, 1)"))


def domain_symbols(*exprs: Basic) -> list[str]:
    """Names of the symbols under a logarithm, a logit or a fractional power, sorted.

    >>> from sympy import Symbol, sqrt
    >>> domain_symbols(sqrt(Symbol("x")) + Symbol("y"))
    ['x']
    """
    names: set[str] = set()
    for e in exprs:
        for atom in e.atoms(sympy.log, logit):
            names |= {s.name for s in atom.args[0].free_symbols}
        for power in e.atoms(sympy.Pow):
            if power.exp.is_Rational and not power.exp.is_Integer:
                names |= {s.name for s in power.base.free_symbols}
    return sorted(names)


def real_retry(lhs: Basic, rhs: Basic, verdict: Verdict, domains: dict,
               check: Callable[[dict], Verdict]) -> tuple[Verdict, str] | None:
    """For a step refuted where a side is complex: (verdict, reason) on the domain where it is real.

    ``check(domains)`` re-runs the step with other domains.  None when the refutation is at a real
    point, when no symbol sits under a logarithm or root, or when the step fails there too.

    >>> from sympy import Symbol, log
    >>> from derivations.verify.recipe import check_equal
    >>> p = Symbol("p")
    >>> lhs, rhs = log(p / (1 - p)), -log((1 - p) / p)
    >>> verdict = check_equal(lhs, rhs)
    >>> verdict.status
    'refuted'
    >>> retry, reason = real_retry(lhs, rhs, verdict, {}, lambda doms: check_equal(lhs, rhs, doms))
    >>> retry.ok, reason.split(",")[0]
    (True, 'holds for p in (0')
    """
    ce = verdict.numeric.counterexample if verdict.numeric is not None else None
    if ce is None or not ("j" in ce.lhs or "j" in ce.rhs):
        return None
    names = [n for n in domain_symbols(lhs, rhs) if n not in domains]
    if not names:
        return None
    for domain, text in _CANDIDATES:
        retry = check({**domains, **{n: domain for n in names}})
        if retry.ok:
            return retry, (f"holds for {', '.join(names)} in {text}, where both sides are real "
                           f"(it fails {ce.describe().split(':')[0]}, where a side is complex)")
    return None
