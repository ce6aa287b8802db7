r"""A name given at the end of a chain, written right to left: ``\ln\frac{P}{1-P} = z``.

Real derivations often name an expression after writing it: ``Log\text{-}Odds = \ln(\frac{P}{1-P})
= z`` (then ``e^z = \frac{P}{1-P}``), ``\frac{1}{1+e^{-x}} = s``.  When the last link of a chain ends in a
lone symbol that appears there for the first time (in no earlier chain, in no earlier link, not
defined, and never defined anywhere else in the document), the link cannot be a claim: it is the
symbol's definition, read right to left, and the steps after it are checked with that meaning.  A
derivative's value (``\frac{\partial z}{\partial w} = x``) is not a name: it stays a hypothesis
(:mod:`.facts`), and so does a lone equation between a product of unknowns and a new one (``A x =
b``, a system to solve: the checker asks its hypothesis rule first).  A new symbol inside an
expression (``σ(z)(1 − σ(z)) = ŷ(1 − ŷ)``, with ŷ defined only in the prose) is not a definition: a
refuted step that brings one in "may only name" what it stands for and is not checked
(:func:`first_seen` says why).

>>> from derivations.checker.check import check_text
>>> report = check_text(r'''
... $$\ln\left(\frac{P}{1-P}\right) = z$$
... $$e^z = \frac{P}{1-P}$$
... ''')
>>> [(s.relation, s.status) for s in report.steps]
[('=:', 'definition'), ('=', 'proved')]
>>> report.steps[0].reason
'definition of z, written right to left (z appears here for the first time, alone on the right)'
>>> [s.status for s in check_text("$$A x = b$$").steps]
['hypothesis']
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from sympy import Basic, Derivative, Symbol

from derivations.checker.general_chains import family

__all__ = ["BACKWARDS_REASON", "first_seen", "names_backwards"]

BACKWARDS_REASON = "definition of {0}, written right to left ({0} appears here for the first time, alone on the right)"


def names_backwards(items: list, seen: set, defined: set, heads: Iterable[Basic], unread: Iterable[str]) -> bool:
    """True if the chain's last item is a symbol that its last link names for the first time.

    ``seen`` are the symbols of the chains before, ``defined`` the symbols defined so far,
    ``heads`` the symbols any chain of the document starts a definition with, ``unread`` the stems
    of names defined in blocks that could not be read.

    >>> z, P = Symbol("z"), Symbol("P")
    >>> names_backwards([P + 1, z], set(), set(), [], [])
    True
    >>> names_backwards([P + 1, z], {z}, set(), [], []), names_backwards([z + 1, z], set(), set(), [], [])
    (False, False)
    >>> names_backwards([P + 1, z], set(), set(), [z], [])  # z = wx + b further on: not a name here
    False
    >>> names_backwards([P + 1, Symbol("w_{k,i}")], {Symbol("w_{k,j}")}, set(), [], [])  # a family seen
    False
    >>> names_backwards([Derivative(Symbol("C"), P), z], set(), set(), [], [])  # a derivative's value
    False
    """
    name = items[-1] if len(items) >= 2 else None
    if not isinstance(name, Symbol) or items[-2].atoms(Derivative):  # ∂z/∂w = x: a hypothesis (.facts)
        return False
    known = set(seen) | set(defined) | set(heads) | set().union(*(item.free_symbols for item in items[:-1]))
    return _stem(name) not in {_stem(s) for s in known if isinstance(s, Symbol)} | set(unread)


def _stem(sym: Symbol) -> str:
    """The name without its indices: w of w_{k,i}^{(l+1)}, a member of the family w_{k,j}."""
    return re.split(r"[_^]", sym.name, maxsplit=1)[0]


def first_seen(rhs: Basic, before: list, seen: set, unfolded: Callable, sums: set | None = None) -> str:
    """Why a refuted step may only name something: its right side brings in an undefined symbol
    seen nowhere before (ŷ in σ(z)(1 − σ(z)) = ŷ(1 − ŷ), with ŷ defined only in the prose), or "".

    ``seen`` are the symbols seen or defined so far, ``before`` the chain's items up to this step,
    ``unfolded`` puts the document's definitions in.  In an indexed step, the indices and bounds of
    its sums (``sums``) and the members of a family seen before (y_i after y_k, not δ_{h1} after
    δ_o) are not new.

    >>> y, s = Symbol("yhat"), Symbol("s")
    >>> first_seen(y * (1 - y), [s * (1 - s)], {s}, lambda e: e)[:45]
    'yhat appears here for the first time and is n'
    """
    seen = seen | set().union(*(unfolded(e).free_symbols for e in before))
    new = unfolded(rhs).free_symbols - seen
    if sums is not None:
        families = {family(x) for x in seen} - {None}
        new = {x for x in new - sums if family(x) is None or family(x) not in families}
    if not new:
        return ""
    names = ", ".join(sorted(map(str, new)))
    return (f"{names} appears here for the first time and is not defined, so the step may only name "
            f"what {names} stands for (false if {names} is an independent unknown); define it to check it")
