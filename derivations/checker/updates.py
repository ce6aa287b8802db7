r"""Updates (assignments) such as ``w = w - \eta \nabla L``: a new value for a name, not an equation.

Gradient-descent notes write the update rule with ``=``, ``:=``, ``\leftarrow`` or ``\gets``:
``c = c + \frac{2\eta}{n}\sum (y_i - \hat y_i)`` says "the new c is the old c plus …", which is
false as an identity whatever c is.  Such a line is reported as an update (a definition-like
status that does not block exit 0), never refuted.  The rule for ``=`` is tight, so that a wrong
ordinary step stays refuted: the left side is a lone name, the right side a sum with that name as
one of its terms (``w + …`` or ``(1 - \eta\lambda) w + …``), and the rest of the sum carries a
step size (η, α, ε, γ, μ, ρ or ``lr``).  With ``:=``, ``\leftarrow`` or ``\gets`` the assignment is
explicit: the name on the right is enough (``b := b + \alpha(y - \hat y)``), and ``\leftarrow``
with numbers substituted (``w \leftarrow 0.5 - 0.1 \times (-0.1875)``) is an update too.

Later steps see the new value only when it is sound: when the right side, with the document's
definitions applied, no longer contains the name (the old value was known), the name is defined
as that value, and the symbols computed from the old value keep the value they had.  Otherwise
the name is an unknown from there on (its old definition is dropped).

>>> from derivations.checker.parser import parse_chains
>>> [chain] = parse_chains(r"w = w - \eta g")
>>> is_update(chain.items, chain.ops)
True
>>> [chain] = parse_chains(r"w = w - x")  # no step size: an ordinary (wrong) step
>>> is_update(chain.items, chain.ops)
False
"""

from __future__ import annotations

from typing import Callable, Iterable

from sympy import Add, Basic, Mul, Symbol

__all__ = ["STEP_SIZES", "is_update", "update_reason", "new_value", "frozen"]

STEP_SIZES = frozenset({"eta", "alpha", "epsilon", "varepsilon", "gamma", "mu", "rho", "lr"})
"""Names of a step size (learning rate), with or without a subscript (η_t, α_k)."""



def _step_size(expr: Basic) -> bool:
    return any(s.name.split("_")[0].split("^")[0] in STEP_SIZES for s in expr.free_symbols)


def _term_of(head: Symbol, term: Basic) -> bool:
    """``term`` is the name itself or a factor with a step size times it ((1 - ηλ) w)."""
    if term == head:
        return True
    if isinstance(term, Mul) and head in term.args:
        rest = Mul(*[a for a in term.args if a != head])
        return head not in rest.free_symbols and _step_size(rest)
    return False


def is_update(items: tuple, ops: tuple) -> bool:
    r"""True when the chain's first link assigns a new value to a lone name (see the module docstring).

    >>> from derivations.checker.parser import parse_chains
    >>> [c] = parse_chains(r"c = c + \frac{2\eta}{n}(y - c)")
    >>> is_update(c.items, c.ops)
    True
    >>> [c] = parse_chains(r"x = x + 1")
    >>> is_update(c.items, c.ops)
    False
    """
    if len(items) < 2 or not isinstance(items[0], Symbol):
        return False
    head, rhs, op = items[0], items[1], ops[0]
    if op == "update":
        return True
    if head not in rhs.free_symbols:
        return False
    if op == "def":
        return True
    if op != "=" or not isinstance(rhs, Add):
        return False
    own = [t for t in rhs.args if _term_of(head, t)]
    rest = [t for t in rhs.args if t not in own]
    return len(own) == 1 and bool(rest) and all(head not in t.free_symbols or _step_size(t) for t in rest) \
        and _step_size(Add(*rest))


def update_reason(name: str, known: bool) -> str:
    """The reason reported for an update of ``name`` (``known``: its new value is used later).

    >>> update_reason("c", False)[:44]
    'an update (assignment) of c, not an equation'
    """
    later = ("later steps use its new value" if known else
             f"later steps treat {name} as an unknown (its new value depends on the old one, "
             "which the document does not give)")
    return f"an update (assignment) of {name}, not an equation: it is not checked as an identity; {later}"


def new_value(head: Symbol, rhs: Basic, defined: set, unfolded: Callable[[Basic], Basic]) -> Basic | None:
    """The value ``head`` has after the update, when the document's definitions determine it, else None.

    >>> from sympy import symbols
    >>> w, g = symbols("w g")
    >>> new_value(w, w - g, {w}, lambda e: e.subs(w, 2))
    2 - g
    >>> new_value(w, w - g, set(), lambda e: e) is None
    True
    """
    if head in rhs.free_symbols and head not in defined:
        return None
    value = unfolded(rhs)
    return None if head in value.free_symbols else value


def frozen(raw: Iterable[tuple], symbols: Iterable[tuple], head: Symbol) -> list:
    """The document's definitions (as written) with those computed from ``head`` frozen at their
    current values, so that the update of ``head`` does not change what they meant.

    >>> from sympy import symbols
    >>> w, z, x = symbols("w z x")
    >>> frozen([(w, 2), (z, w * x)], [(w, 2), (z, 2 * x)], w)
    [(w, 2), (z, 2*x)]
    """
    computed = dict(symbols)
    depends, out = {head}, []
    for s, v in raw:
        if s != head and v.free_symbols & depends:
            depends.add(s)
            out.append((s, computed.get(s, v)))
        else:
            out.append((s, v))
    return out
