r"""An indexed step proved for every size at once: its sums kept whole, as unknowns.

If a step holds whatever values its sums take (``\frac{e^{o_k}}{S} \frac{S - e^{o_k}}{S} = p_k(1 - p_k)``
with ``p_j = e^{o_j} / S`` and ``S = \sum_j e^{o_j}``), it holds for every n and every index value.
:func:`general_form` rewrites a step for that check: the sum algebra that is exact whatever the
range (``\sum (a + b) = \sum a + \sum b``, ``\sum c\,a = c \sum a``, ``\sum c = n c``) is applied,
each remaining sum becomes one unknown (the same for sums equal up to the name of their index),
and the document's indexed definitions are renamed for the index letters the step uses (``p_j``
gives ``p_k``).  Derivatives are allowed only with respect to names that no sum contains, where
an unknown standing for a sum is exact.  A proof of the rewritten step is a proof for all n.

>>> from derivations.checker.parser import parse_expression
>>> lhs, rhs = parse_expression(r"\sum_i 2 (x_i + y_i)"), parse_expression(r"2\sum_k x_k + 2\sum_i y_i")
>>> general_form(lhs, rhs, [])[:2]
(2*Σ[x_ι] + 2*Σ[y_ι], 2*Σ[x_ι] + 2*Σ[y_ι])
"""

from __future__ import annotations

from sympy import Add, Basic, Derivative, Mul, Pow, S, Symbol
from sympy.core.function import AppliedUndef

from derivations.checker.indexed import NO_INDEX, UNSTATED, IndexedSum, _Kept, index_items, kept_sums
from derivations.checker.indexed import _rename as _respell
from derivations.checker.indexstate import _family

__all__ = ["general_form", "template_match"]

_CANONICAL = "ι"


def _uses(expr: Basic, letter: str) -> bool:
    """True if ``expr`` mentions the index letter (x_k, w_{jk}, a bare k, f_k(x))."""
    names = {Symbol(f.func.__name__) for f in expr.atoms(AppliedUndef)}
    for s in expr.free_symbols | names:
        if s.name == letter:
            return True
        parts = index_items(s)
        if parts and letter in parts[1] + parts[2]:
            return True
    return False


def _rename(expr: Basic, mapping: dict) -> Basic | None:
    """Free index letters renamed (j → k in p_j's body); None if a sum would capture one."""
    if isinstance(expr, Symbol):
        if expr.name in mapping:
            return Symbol(mapping[expr.name], **expr.assumptions0)
        parts = index_items(expr)
        if parts is None or not any(i in mapping for i in parts[1] + parts[2]):
            return expr
        return _respell(expr, mapping)  # x_j → x_k (indexed.instantiate's renaming, with letters)
    if isinstance(expr, _Kept):
        name = expr.index.name
        inner = {k: v for k, v in mapping.items() if k != name}
        if name in inner.values() and any(_uses(expr.operand, k) for k in inner):
            return None  # Σ_k over p_j renamed j → k: the bound k would capture it
        parts = [_rename(a, inner if a is expr.operand else mapping) for a in (expr.operand,)]
        bounds = [_rename(b, mapping) for b in (expr.first, expr.last)]
        if None in parts + bounds:
            return None
        return expr.func(parts[0], type(expr.args[1])(expr.index, *bounds), expr.args[2])
    if not expr.args:
        return expr
    args = [_rename(a, mapping) for a in expr.args]
    if any(a is None for a in args):
        return None
    return expr.func(*args, evaluate=False) if isinstance(expr, (Add, Mul, Pow)) else expr.func(*args)


def _split(node: _Kept) -> Basic:
    """The sum algebra that holds for every range: linearity, constants taken out."""
    letter = node.index.name
    operand = _normal(node.operand)
    if node.condition is not None or letter == NO_INDEX.name:
        return node.func(operand, node.args[1], node.args[2])
    is_sum = isinstance(node, IndexedSum)
    if is_sum and isinstance(operand, Add):
        return Add(*[_split(node.func(t, node.args[1], node.args[2])) for t in operand.args],
                   evaluate=False)
    factors = Mul.make_args(operand)
    outside = [f for f in factors if not _uses(f, letter)]
    inside = [f for f in factors if _uses(f, letter)]
    count = node.last  # Σ_{i=1}^{n} c = n c; with another first value the range may be empty
    if not inside and node.first == 1 and isinstance(node.last, Symbol):
        const = Mul(*outside, evaluate=False) if len(outside) > 1 else outside[0]
        return Mul(count, const, evaluate=False) if is_sum else Pow(const, count, evaluate=False)
    if outside and inside and is_sum:
        rest = Mul(*inside, evaluate=False) if len(inside) > 1 else inside[0]
        return Mul(*outside, _split(node.func(rest, node.args[1], node.args[2])), evaluate=False)
    return node.func(operand, node.args[1], node.args[2])


def _normal(expr: Basic) -> Basic:
    if isinstance(expr, _Kept):
        return _split(expr)
    if not expr.args:
        return expr
    args = [_normal(a) for a in expr.args]
    if all(a is b for a, b in zip(args, expr.args)):
        return expr
    return expr.func(*args, evaluate=False) if isinstance(expr, (Add, Mul, Pow)) else expr.func(*args)


def _opaque(expr: Basic, names: dict) -> Basic:
    """Each sum replaced by one unknown, the same for sums equal up to their index's name."""
    def unknown(node: _Kept) -> Symbol:
        canonical = _rename(node.operand, {node.index.name: _CANONICAL})
        key = (type(node).__name__, canonical, node.args[1][1:], node.args[2])
        if key not in names:  # one name per key: the bounds and condition are part of it
            sign = "Σ" if isinstance(node, IndexedSum) else "Π"
            cond = "" if node.condition is None else f"{node.condition[0]} {node.condition[1]}, "
            bounds = "" if node.last == UNSTATED else f"{node.first}..{node.last}, "
            taken = {v.name for v in names.values()}
            name = f"{sign}[{cond}{bounds}{canonical}]"
            while name in taken:
                name += "'"
            names[key] = Symbol(name)
        return names[key]

    return expr.replace(lambda e: isinstance(e, _Kept), unknown)


def general_form(lhs: Basic, rhs: Basic, defs: list, hypotheses: list = ()
                 ) -> tuple[Basic, Basic, list] | None:
    r"""(lhs, rhs, definitions) with every sum an unknown, or None when that would not be exact.

    ``defs`` are (head, body, template letters) triples in document order (``p_j``, its body,
    ``("j",)``); a template is renamed for each use (``p_k``).  ``hypotheses`` are (sum, value)
    pairs the document states (``\\sum_k y_k = 1``): that sum's unknown is the value.  None when a derivative is taken
    with respect to a name that a sum contains (∂/∂o_k of Σ_j e^{o_j}: the sum is not a constant
    there), or when renaming a template would let a sum capture an index.

    >>> from derivations.checker.parser import parse_expression
    >>> general_form(parse_expression(r"\frac{\partial}{\partial o_k}\sum_j e^{o_j}"), S.Zero, []) is None
    True
    """
    exprs = [lhs, rhs] + [b for _h, b, _l in defs]
    inside = {_family(s) for e in exprs for n in kept_sums(e) for s in n.operand.free_symbols}
    grew = True
    while grew:  # Σ_k log p_k with p_k = e^{o_k}/…: the sum contains o too
        grew = False
        for head, body, _free in defs:
            if _family(head) in inside and not {_family(s) for s in body.free_symbols} <= inside:
                inside |= {_family(s) for s in body.free_symbols}
                grew = True
    variables = {_family(v) for e in exprs for d in e.atoms(Derivative) for v in d.variables}
    if inside & variables or any(n.index == NO_INDEX for e in exprs for n in kept_sums(e)):
        return None
    pairs: list = []
    seen: set = set()
    todo = set(lhs.free_symbols | rhs.free_symbols)
    while todo:
        symbol = todo.pop()
        for head, body, free in defs:
            mapping = template_match(symbol, head, free)
            if mapping is None or symbol in seen:
                continue
            renamed = _rename(body, mapping) if mapping else body
            if renamed is None:
                return None
            seen.add(symbol)
            pairs.append((symbol, renamed))
            todo |= renamed.free_symbols - seen
    names: dict = {}
    known = {_opaque(_normal(h), names): v for h, v in hypotheses}
    known = {k: v for k, v in known.items() if isinstance(k, Symbol)}

    def general(e: Basic) -> Basic:
        e = _opaque(_normal(e), names)
        return e.xreplace(known) if known else e

    return general(lhs), general(rhs), [(h, general(b)) for h, b in pairs]


def template_match(symbol: Basic, head: Symbol, free: tuple) -> dict | None:
    """The renaming of template letters that turns a definition's head into ``symbol``, or None.

    >>> template_match(Symbol("p_k"), Symbol("p_j"), ("j",)), template_match(Symbol("q_k"), Symbol("p_j"), ("j",))
    ({'j': 'k'}, None)
    """
    if symbol == head:
        return {}
    if not free or not isinstance(symbol, Symbol):
        return None
    mine, theirs = index_items(symbol), index_items(head)
    if mine is None or mine[0] != theirs[0] or mine[2] != theirs[2] or len(mine[1]) != len(theirs[1]):
        return None
    mapping = {}
    for a, b in zip(mine[1], theirs[1]):
        if b in free:
            if mapping.get(b, a) != a:
                return None
            mapping[b] = a
        elif a != b:
            return None
    return {k: v for k, v in mapping.items() if k != v}
