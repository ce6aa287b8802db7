r"""A clause "as J = …" after a step: a definition for that step only, not for the document.

``\delta_j = (a_j - y_j)\sigma'(z_j) \quad \text{as } J = \frac12 (a_j - y_j)^2`` says why the step
holds: with that cost.  The document goes on with J as the general cost (∂J/∂z_k^{(l+1)} further
down), so the clause is used for the step before it and dropped after it; it does not define J for
the rest of the document.  Only a clause introduced by "as", "since", "with" or "where" in the same
display, after a step, whose head is a quantity the document differentiates (∂J/∂…) and does not
define yet, is read so; every other equation keeps its reading.

>>> from derivations.checker.check import check_text
>>> text = (r"$$\delta_j \triangleq \frac{\partial J}{\partial a_j}$$" "\n\n"
...         r"$$\delta_j = a_j - y_j \quad \text{as } J = \frac{1}{2}(a_j - y_j)^2$$" "\n\n"
...         r"$$\frac{\partial J}{\partial a_j} = \frac{\partial J}{\partial a_j}$$")
>>> [s.status for c in check_text(text).chains for s in c.steps]
['definition', 'proved', 'definition', 'proved']
"""

from __future__ import annotations

import dataclasses
import re
from typing import Callable

from sympy import Symbol

__all__ = ["with_local_clause"]

_INTRO = re.compile(r"\\(?:text|mathrm|textrm)\{\s*(as|since|with|where)\s*\}\s*$")
_SPACING = re.compile(r"(?:\\(?:quad|qquad|,|;|:|!)|[\s,;.~]|\\ )+$")


def _clause_of(chains: list, k: int, block, ctx) -> tuple | None:
    """(word, head, body, local) when ``chains[k]`` is a clause of ``chains[k - 1]``; else None.

    The clause is local (for that step only) after a claim; after a definition (``\\hat p_i = σ(z_i),
    \\text{where } z_i = w^T x_i``, the head new or meaning that already) it is part of the definition."""
    if k < 1 or k >= len(chains):
        return None
    chain, before = chains[k], chains[k - 1]
    if len(chain.items) != 2 or chain.ops != ("=",) or chain.leading or not isinstance(chain.items[0], Symbol):
        return None
    if len(before.items) < 2 or not before.spans:
        return None
    gap = block.body[before.spans[-1][1]:chain.spans[0][0]]
    m = _INTRO.search(_SPACING.sub("", gap))
    head = chain.items[0]
    if m is None or head not in ctx.dependents or head in chain.items[1].free_symbols:
        return None
    defines = (isinstance(before.items[0], Symbol) and before.ops[0] == "=" and not before.leading
               and dict(ctx.raw).get(before.items[0], before.items[1]) == before.items[1])
    if defines and m.group(1) in ("where", "with"):
        return (m.group(1), head, chain.items[1], False) if dict(ctx.raw).get(head, chain.items[1]) == chain.items[1] else None
    return None if head in ctx.defined_symbols() else (m.group(1), head, chain.items[1], True)


def with_local_clause(chain, chains: list, block, ctx, check: Callable):
    r"""The :class:`~.report.ChainResult` of ``chain``: ``check()`` with the local clause that follows
    it in force, or the clause itself read as a definition for the step before it only.

    ``chains`` are the chains of the display ``block``; ``ctx`` the checker's context (its
    ``define_symbol``, ``raw``, ``symbols``, ``dependents``).

    >>> from derivations.checker.check import check_text
    >>> text = r"$$\frac{\partial J}{\partial a} = a \quad \text{as } J = \frac{1}{2}a^2$$"
    >>> [s.reason[:40] for s in check_text(text).chains[1].steps]
    ['the clause after the step before it ("as']
    """
    from derivations.checker.report import ChainResult, StepResult

    k = next((i for i, c in enumerate(chains) if c is chain), -1)
    own = _clause_of(chains, k, block, ctx)
    if own is not None:
        word, head, _body, local = own
        line = block.line + block.body.count("\n", 0, chain.spans[0][0])
        scope = (f"a definition for that step only; {head} keeps its general meaning after it" if local
                 else f"the definition of {head}, which that definition uses")
        return ChainResult(line, block.column, block, (StepResult(
            line, chain.sources[0], chain.sources[1], "=", "definition",
            reason=f'the clause after the step before it ("{word} {chain.sources[0].strip()} = …"): {scope}'),))
    clause = _clause_of(chains, k + 1, block, ctx)
    if clause is None:
        return check()
    word, head, body, local = clause
    if not local:  # p̂_i = σ(z_i), where z_i = wᵀx_i: z_i's definition, from here on
        ctx.define_name(head, body)  # for the steps checked on vector and matrix instances too
        return check()
    saved = (list(ctx.raw), list(ctx.symbols))
    ctx.define_symbol(head, body)
    try:
        result = check()
    finally:
        ctx.raw, ctx.symbols = saved
    note = f'{head} = {chains[k + 1].sources[1].strip()} as the clause after the step states ("{word} …"), for this step only'
    steps = tuple(dataclasses.replace(s, reason=f"{s.reason}; {note}" if s.reason else note)
                  if s.status not in ("definition", "hypothesis") else s for s in result.steps)
    return dataclasses.replace(result, steps=steps)
