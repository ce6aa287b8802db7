r"""Reasons written inside a chain (``\because …``) and names that differ only in case.

A ``\because`` line inside an ``align`` (``J &= … \\ \because \sigma(z_i) &= P_i = … \\ &= …``) is
the reason of the step after it: :mod:`.lines` reads it as a statement of its own, before the chain
it interrupts.  Two readings here keep such reasons honest:

* a reason that names a quantity (``\because \sigma(z_i) = P_i = \frac{1}{1+e^{-z_i}}``: P_i appears
  here for the first time, alone in the middle) defines it by its left side, and the rest of the
  reason is checked against that definition;
* a step refuted only through a name the document never defines, while it defines the same name in
  the other case (``p_i`` used, ``P_i`` defined), is not checked: the note names both, since the
  document may mean one quantity.

>>> from derivations.checker.check import check_text
>>> text = "$$\\begin{align} J &= 2p \\\\ \\because \\sigma(z) &= P = \\frac{1}{1+e^{-z}} \\\\ &= 2\\sigma(z) \\end{align}$$"
>>> [(s.relation, s.status) for s in check_text(text).steps]
[(':=', 'definition'), ('=', 'proved'), (':=', 'definition'), ('=', 'not checked')]
"""

from __future__ import annotations

import dataclasses

from sympy import Symbol

__all__ = ["named_by_reason", "other_case"]


def named_by_reason(chain, defined: set, seen: set) -> Symbol | None:
    r"""The fresh name a ``\because`` chain ``a = N = …`` introduces in its middle, else None.

    >>> from derivations.checker.parser import parse_chains
    >>> [chain] = parse_chains(r"\because \sigma(z) = P = \frac{1}{1+e^{-z}}")
    >>> named_by_reason(chain, set(), set())
    P
    """
    if chain.leading != "because" or len(chain.items) < 3 or chain.ops[0] != "=":
        return None
    name = chain.items[1]
    if (isinstance(name, Symbol) and name not in defined and name not in seen
            and name not in chain.items[0].free_symbols):
        return name
    return None


def other_case(step, sides, defined: set):
    r"""``step`` not checked when it is refuted only through an undefined name whose other-case twin
    the document defines (``p_i`` and ``P_i``); else ``step`` unchanged.

    >>> from sympy import Symbol
    >>> from derivations.checker.report import StepResult
    >>> step = StepResult(3, "p", "q", "=", "refuted")
    >>> other_case(step, [Symbol("p")], {Symbol("P")}).reason
    'p is not defined, but the document defines P (the same name in the other case): it may mean P; write one name to check the step'
    """
    if step.status != "refuted":
        return step
    names = {str(s): s for s in defined}
    for symbol in sorted(set().union(*(e.free_symbols for e in sides)) - set(defined), key=str):
        twins = [n for n in names if n != str(symbol) and n.lower() == str(symbol).lower()]
        if twins:
            return dataclasses.replace(step, status="not checked", reason=(
                f"{symbol} is not defined, but the document defines {twins[0]} (the same name in the "
                f"other case): it may mean {twins[0]}; write one name to check the step"), hint="")
    return step
