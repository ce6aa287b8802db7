r"""A chain of names ending in an expression: ``\hat y = a = wx + b`` defines every name in it.

"Let $\hat{y} = a = wx + b$" gives two names to one expression.  Read link by link, only ŷ := a
is a definition and ``a = wx + b`` a claim about an unknown a; read as the document means it,
a := wx + b and ŷ := a, so ŷ is wx + b too (transitively), and ∂ŷ/∂b = 1.

>>> from derivations.checker.parser import parse_chains
>>> [chain] = parse_chains(r"\hat{y} = a = wx + b")
>>> [str(n) for n in alias_names(chain.items, chain.ops, set())]
['yhat', 'a']
>>> [chain] = parse_chains(r"y = \sigma(z) = \frac{1}{1+e^{-z}}")  # not a chain of names
>>> alias_names(chain.items, chain.ops, set())
[]
"""

from __future__ import annotations

from typing import Callable

from sympy import Basic, Symbol

from derivations.checker.report import StepResult

__all__ = ["alias_names", "alias_steps"]


def alias_names(items: tuple, ops: tuple, defined: set) -> list[Basic]:
    """The names a chain ``n_1 = … = n_k = expression`` defines, or [] when it is not one.

    Every item but the last is a distinct name not defined yet and not used by the expression;
    the last is an expression (not a lone name); every link is ``=`` or ``:=``.

    >>> from sympy import symbols
    >>> a, b, x = symbols("a b x")
    >>> alias_names((a, b, x + 1), ("=", "="), {b})
    []
    """
    names, last = items[:-1], items[-1]
    if len(names) < 2 or isinstance(last, Symbol) or any(op not in ("=", "def") for op in ops):
        return []
    if not all(isinstance(n, Symbol) for n in names) or len(set(names)) != len(names):
        return []
    if set(names) & (defined | last.free_symbols):
        return []
    return list(names)


def alias_steps(names: list, items: list, sources: list, lines: list,
                define: Callable[[Basic, Basic], None]) -> tuple[StepResult, ...]:
    """Define each name of ``n_1 = … = n_k = expression`` (the last first, so they chain) and report it.

    ``lines`` is the line of each item, ``define(name, body)`` the document's symbol definition.

    >>> from sympy import symbols
    >>> a, b, x = symbols("a b x")
    >>> defined = []
    >>> steps = alias_steps([a, b], [a, b, x + 1], ["a", "b", "x + 1"], [1, 1, 1], lambda *d: defined.append(d))
    >>> [s.relation for s in steps], defined
    ([':=', ':='], [(b, x + 1), (a, b)])
    """
    for k in reversed(range(len(names))):
        define(names[k], items[k + 1])
    return tuple(StepResult(lines[k + 1], sources[k], sources[k + 1], ":=", "definition",
                            reason=f"definition of the symbol {sources[k].strip()} (a chain of names "
                                   "ending in an expression defines each of them)")
                 for k in range(len(names)))
