r"""Indexed chain rules through undefined quantities: the dependency graph on every instance.

A backprop step such as ``\frac{\partial C}{\partial z^l_j} = \sum_k \frac{\partial C}{\partial
z^{l+1}_k} \frac{\partial z^{l+1}_k}{\partial z^l_j}`` has an undefined cost C and a free index j:
:mod:`.instances` (sums on instances) and :mod:`.dependencies` (unknown functions) each check half of
it.  Here both meet.  On each instance (every size n = 1…N and index value, formed as
:mod:`.instances` forms them) the document's indexed definitions are instantiated
(``z^{l+1}_k = \sum_j w^{l+1}_{kj} a^l_j + b^{l+1}_k`` gives z_1^{(l+1)}, z_2^{(l+1)}, …), every
∂A/∂B the document writes makes A depend on every instance of B in its range (C on z_1^{(l+1)}, …,
z_n^{(l+1)}), and the step goes to :func:`~.dependencies.graph_step` on that instance's graph, with
each undefined quantity an unknown function of what it depends on.  First, :mod:`.general_chains`
tries to prove the step for every size; when it does, only the instances of sizes 1 and 2 are
checked, to cross-check its reading (they are the cheap ones: a graph at size 4 has hundreds of
nodes).

A definition written for a layer l (``a^l_j = \sigma(z^l_j)``, a body in layers l and l − 1 only) is
read at layer l + 1 too when the document defines nothing there, and a verdict that uses it says so.

A step false on an instance is refuted with the choice of functions that shows it, when the right
side drops a path of the graph (as for steps without indices), or when its error is a wrong factor:
only if the difference holds partial derivatives of the outer undefined quantity by arguments the
document never places upstream of one another, no derivative of an inner one, and the step names no
undefined quantity the graph does not know (so nothing the author may know but did not write).

>>> from derivations.checker.check import check_text
>>> text = (r"$$z_j = \sum_k w_{jk} a_k + b_j$$" "\n\n"
...         r"$$\frac{\partial J}{\partial w_{jk}} = \frac{\partial J}{\partial z_j} a_k$$")
>>> step = check_text(text).steps[1]
>>> step.status, step.reason.split(";")[0].split(" (")[0]
('proved', 'proved for every size and every index value in range')
>>> "on instances it holds for n = 1…2 and every index value" in step.reason
True
"""

from __future__ import annotations

import contextvars
import dataclasses
import itertools
import re
import time
from concurrent.futures import ThreadPoolExecutor

import sympy
from sympy import Basic, Derivative, Dummy, Subs, Symbol
from sympy.core.function import AppliedUndef

from derivations.checker import instances as _inst
from derivations.checker.dependencies import POLYNOMIAL, Graph, GraphError, graph_step, written_partials
from derivations.checker.general import template_match
from derivations.checker.general_chains import every_size, family
from derivations.checker.indexed import (NO_INDEX, apart_note, index_items, instantiate, is_kronecker,
                                         kept_apart, kept_sums, set_apart)
from derivations.checker.index_shift import recurrences
from derivations.checker.indexstate import IndexState, _free_letters
from derivations.checker.notations import _make_name

__all__ = ["at_general_layer", "indexed_chain"]

_LAYER = re.compile(r"(?P<x>[A-Za-z]|\\ell)(?:(?P<sign>[+-])(?P<n>\d+))?")
_MAX_DEPENDENCIES = 400  # edges of one instance's graph


# --- layers -------------------------------------------------------------------------------------

def _layer(sym: Basic, letters: set) -> tuple | None:
    """(base, subscript items, layer letter, offset) of ``z_k^{(l+1)}``; None without a layer."""
    parts = index_items(sym) if isinstance(sym, Symbol) else None
    if not parts or not parts[2]:
        return None
    m = _LAYER.fullmatch("".join(i.strip() for i in parts[2]))
    if not m or m.group("x") in letters:
        return None
    off = int(m.group("n") or 0) * (-1 if m.group("sign") == "-" else 1)
    return parts[0], tuple(parts[1]), m.group("x"), off


def _spelled(sym: Symbol, lay: tuple, shift: int = 0) -> Symbol:
    base, sub, x, off = lay
    off += shift
    sup = x if off == 0 else f"{x}{'+' if off > 0 else '-'}{abs(off)}"
    return Symbol(_make_name(base, "".join(sub), sup), **sym.assumptions0)


def _canon(expr: Basic, letters: set) -> Basic:
    """One spelling per layer: ``z_k^{(\\ell +1)}`` and ``z_k^{(\\ell+1)}`` are the same name."""
    rule = {}
    for s in expr.free_symbols:
        lay = _layer(s, letters)
        if lay is not None and _spelled(s, lay) != s:
            rule[s] = _spelled(s, lay)
    return expr.xreplace(rule) if rule else expr


def _shifted(pairs: list, letters: set) -> tuple[list, list]:
    """Definitions written for layer l read at layer l + 1 where the document defines nothing there
    (a body in layers l and l − 1 only, so no recursion); and the notes saying so."""
    families = {(lay[0], len(lay[1]), lay[2], lay[3]) for h, _b in pairs
                if (lay := _layer(h, letters)) is not None}
    out, notes = [], []
    for head, body in pairs:
        lay = _layer(head, letters)
        if lay is None or lay[3] != 0 or (lay[0], len(lay[1]), lay[2], 1) in families:
            continue
        names = _names(body)  # δ_j^{(l)} ≜ ∂J/∂z_j^{(l)}: the variable z_j^{(l)} too
        others = [o for s in names if (o := _layer(s, letters)) is not None]
        if any(o[2] != lay[2] or o[3] not in (-1, 0) for o in others):
            continue
        rule = {s: _spelled(s, o, 1) for s in names | {head}
                if (o := _layer(s, letters)) is not None}
        out.append((head.xreplace(rule), body.xreplace(rule)))
        families.add((lay[0], len(lay[1]), lay[2], 1))
        notes.append(f"the definition of {head} read at layer {lay[2]}+1 too (as for every layer)")
    return out, notes


def _names(expr: Basic) -> set:
    """The symbols of ``expr``, also those it only differentiates by (z in ∂J/∂z, J undefined)."""
    return expr.free_symbols | {v for d in expr.atoms(Derivative) for v in d.variables if isinstance(v, Symbol)}


def _layer_letters(exprs, letters: set) -> set:
    return {lay[2] for e in exprs for s in _names(e) if (lay := _layer(s, letters)) is not None}


def _general_layer(lhs: Basic, rhs: Basic, pairs: list, letters: set) -> tuple | None:
    """(X, x) when the step is written at a layer x only (``\\partial J/\\partial w_{jk}^{(l)}``) that the
    document defines nothing at, and its layered definitions are all at one other layer X (L)."""
    step = _layer_letters((lhs, rhs), letters)
    heads = {lay[2] for h, _b in pairs if (lay := _layer(h, letters)) is not None}
    if len(step) != 1 or len(heads) != 1 or step == heads:
        return None
    return next(iter(heads)), next(iter(step))


def at_general_layer(lhs: Basic, rhs: Basic, raw: list, letters: set) -> bool:
    r"""True when the step is written at a layer l the document defines nothing at, while its
    definitions are all written at one layer L: :func:`indexed_chain` reads them at layer l.

    >>> from sympy import Symbol
    >>> from derivations.checker.parser import parse_expression as p
    >>> raw = [(Symbol("z_j^{(L)}"), p(r"\sum_k w_{jk}^{(L)} a_k^{(L-1)}"))]
    >>> at_general_layer(p(r"\frac{\partial J}{\partial b_j^{(l)}}"), p(r"\delta_j^{(l)}"), raw, {"j", "k"})
    True
    """
    return _general_layer(_canon(lhs, letters), _canon(rhs, letters),
                          [(_canon(h, letters), b) for h, b in raw], letters) is not None


def _relettered(lhs: Basic, rhs: Basic, pairs: list, written: list, state: IndexState) -> tuple[list, list, list]:
    """The definitions at layer L read at layer l (l for L) for a step written at layer l only, the
    written dependencies on layer-L quantities likewise; and the notes saying so."""
    letters = state.letters
    found = _general_layer(lhs, rhs, pairs, letters)
    if found is None:
        return [], [], []
    big, small = found

    def at_small(e: Basic) -> Basic:
        rule = {}
        for sym in _names(e):
            lay = _layer(sym, letters)
            if lay is not None and lay[2] == big:
                rule[sym] = _spelled(sym, (*lay[:2], small, lay[3]))
        return e.xreplace(rule)

    out, notes = [], []
    for head, body in pairs:
        if _layer(head, letters) is not None and _layer_letters((body,), letters) <= {big}:
            out.append((at_small(head), at_small(body)))
            for node in kept_sums(body):  # Σ w_{jk}^{(l)} a_k^{(l-1)}: the index read for Σ w_{jk}^{(L)} …
                if node.index == NO_INDEX and node in state.inferred:
                    state.inferred.setdefault(at_small(node), state.inferred[node])
            notes.append(f"the definition of {head} read at layer {small} ({small} for {big}, as for every layer)")
    deps = [(a, at_small(b)) for a, b in written if _layer(a, letters) is None and _layer(b, letters) is not None
            and _layer(b, letters)[2] == big]
    return out, deps, notes


# --- the graph on one instance ------------------------------------------------------------------

def _template_letters(sym: Basic, letters: set) -> tuple:
    parts = index_items(sym) if isinstance(sym, Symbol) else None
    return tuple(dict.fromkeys(i for i in (parts[1] if parts else ()) if i in letters))


def _same(sym: Basic, template: Symbol, letters: set) -> bool:
    return sym == template or template_match(sym, template, _template_letters(template, letters)) is not None


def _reached(exprs, defs: list, pairs: list, letters: set) -> list:
    """The written dependencies (A, B) the step reaches, through definitions and other dependencies."""
    symbols = set().union(*(e.free_symbols for e in exprs))
    used_defs: set = set()
    used: list = []
    changed = True
    while changed:
        changed = False
        for k, d in enumerate(defs):
            if k not in used_defs and any(_inst._matches(s, d) for s in symbols):
                used_defs.add(k)
                symbols |= d.body.free_symbols
                changed = True
        for a, b in pairs:
            if (a, b) not in used and any(_same(s, a, letters) for s in symbols):
                used.append((a, b))
                symbols.add(b)
                changed = True
    return used


def _key(sym: Basic, pos: int) -> tuple | None:
    parts = index_items(sym) if isinstance(sym, Symbol) else None
    return (parts[0], tuple(parts[2]), pos) if parts else None


def _keys(sym: Basic) -> list:
    """The (base, superscript, position) keys of an indexed name, one per subscript position."""
    parts = index_items(sym) if isinstance(sym, Symbol) else None
    return [_key(sym, pos) for pos in range(len(parts[1]))] if parts else []


def _family_ranges(plan, pairs: list, letters: set, document: dict) -> dict:
    """(base, superscript, position) of an indexed name → the last values of the sums over its
    family, families joined when a definition (z_j = … + b_j) or a written ∂ℓ_j/∂p_j shares a letter."""
    sums = _inst._families([plan.lhs, plan.rhs] + [d.body for d in plan.defs])
    parent: dict = {}

    def find(k):
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    def join(keys):
        roots = [find(k) for k in keys]
        for r in roots[1:]:
            parent[r] = roots[0]

    groups = [(d.letters, [d.head, *d.body.free_symbols]) for d in plan.defs]
    groups += [(_template_letters(a, letters), [a, b]) for a, b in pairs]
    for own, symbols in groups:
        for letter in own:
            join([k for s in symbols for pos, i in enumerate((index_items(s) or ("", [], []))[1])
                  if i == letter and (k := _key(s, pos)) is not None])
    out: dict = {}
    for k, lasts in sums.items():
        out.setdefault(find(k), set()).update(lasts)
    exprs = [e for _own, group in groups for e in group] + [plan.lhs, plan.rhs]
    named = {find(k) for e in exprs for s in e.free_symbols for k in _keys(s)}
    for k, lasts in document.items():  # the document's other sums, for a family this step names
        if find(k) in named:
            out.setdefault(find(k), set(lasts))
    return {"find": find, "lasts": out, "open": set()}


def _range(letter: str, sym: Symbol, ranges: dict, plan, sizes: dict, values: dict) -> int | None:
    """How far ``letter`` goes in the family of ``sym`` at this instance (the sums over it)."""
    parts = index_items(sym) or ("", [], [])
    lasts = set()
    for pos, i in enumerate(parts[1]):
        if i == letter:
            lasts |= ranges["lasts"].get(ranges["find"](_key(sym, pos)), set())
    found = [e.xreplace({k: sympy.Integer(v) for k, v in sizes.items()}) for e in lasts]
    found = [int(v) for v in found if v.is_Integer]
    if found:
        return min(found)
    top = max([*sizes.values(), *values.values(), 1])
    if len(plan.sizes) == 1:  # one size: every family goes that far
        return top
    ranges["open"].add(str(sym))  # one value past the step's, so cross terms show; never refuted on it
    return top + 1


def _edges(pairs: list, plan, sizes: dict, values: dict, letters: set, ranges: dict,
           named: set = frozenset()) -> dict | str:
    """A → {B} for every instance of the written dependencies in range (from index 0 for a letter whose
    instance 0 the step names: ∂F_0/∂x_0 in ∏_{l=0}^{L-1} (1 + ∂F_l/∂x_l))."""
    derivs: dict = {}
    count = 0
    for a, b in pairs:
        free = list(dict.fromkeys(_template_letters(a, letters) + _template_letters(b, letters)))
        bounds = []
        for letter in free:
            top = _range(letter, b if letter in _template_letters(b, letters) else a, ranges, plan, sizes, values)
            bounds.append(range(0 if _named_at_zero((a, b), letter, sizes, named) else 1, top + 1))
        for combo in itertools.product(*bounds):
            at = dict(zip(free, combo))
            derivs.setdefault(_formed(a, sizes, at), set()).add(_formed(b, sizes, at))
            count += 1
        if count > _MAX_DEPENDENCIES:
            return f"its dependency graph has more than {_MAX_DEPENDENCIES} edges at this size"
    return derivs


def _named_at_zero(pair: tuple, letter: str, sizes: dict, named: set) -> bool:
    """True when the step's instance names a side of the written dependency at index 0 of ``letter``."""
    try:
        return any(_formed(e, sizes, {letter: 0}) in named for e in pair if letter in _template_letters(e, {letter}))
    except ValueError:
        return False


_FORMED: dict = {}  # (template, sizes, index values) → its instance (or the ValueError), shared by steps
_MAX_FORMED = 20000


def _formed(expr: Basic, sizes: dict, at: dict) -> Basic:
    """:func:`~.indexed.instantiate`, once per template, sizes and index values in the document."""
    key = (expr, frozenset(sizes.items()), frozenset(at.items()))
    formed = _FORMED.get(key)  # one lookup: another thread may clear the table between two
    if formed is None:
        if len(_FORMED) > _MAX_FORMED:
            _FORMED.clear()
        try:
            formed = instantiate(expr, sizes, at)
        except ValueError as err:
            formed = err
        _FORMED[key] = formed
    if isinstance(formed, ValueError):
        raise formed
    return formed


def _definitions(plan, sizes: dict, values: dict, top: int) -> dict:
    """Every definition of the plan at this instance (templates at every index value up to top)."""
    out: dict = {}
    for d in plan.defs:
        combos = itertools.product(range(1, top + 1), repeat=len(d.letters)) if d.letters else [()]
        for combo in combos:
            at = {**values, **dict(zip(d.letters, combo))}
            try:  # x_L = x_l + Σ_{i=l}^{L-1} F(x_i) at L = 3, l = 1 is x_3 = x_1 + F(x_1) + F(x_2)
                head, body = _formed(d.head, sizes, at), _formed(d.body, sizes, at)
            except ValueError:
                continue
            if not _inst._says_nothing(head, body):  # x_l = x_l + 0 at l = L
                out[head] = body
    return out


# --- a wrong factor -----------------------------------------------------------------------------

def _upstream(graph: Graph, y: Symbol) -> set:
    """What the document says ``y`` depends on: its written ∂y/∂…, its definition, and so on."""
    seen: set = set()
    todo = [y]
    while todo:
        cur = todo.pop()
        nxt = set(graph.derivs.get(cur, ())) | (graph.definitions[cur].free_symbols
                                                 if cur in graph.definitions else set())
        for v in nxt - seen:
            seen.add(v)
            todo.append(v)
    return seen


def _partial_arguments(difference: Basic, unknowns: dict) -> list | None:
    """(unknown, argument) of every partial derivative of an undefined quantity in the difference;
    None when another derivative is there (of a function the document applies, a mixed one)."""
    out = []
    for d in difference.atoms(Derivative):
        core = d.expr
        if not core.atoms(AppliedUndef):
            continue  # σ'(z): a derivative of a function the document or the library defines
        if not (isinstance(core, AppliedUndef) and core.func.__name__ in unknowns and len(d.variables) == 1):
            return None
        if d.variables[0] not in core.args:
            return None
        out.append((unknowns[core.func.__name__], list(core.args).index(d.variables[0])))
    return out


def _wrong_factor(sides, resolved, graph: Graph) -> str:
    """Why a step no path accounts for is still false: the difference is a nonzero combination of
    free partial derivatives of undefined quantities; "" when the author may know more than the graph."""
    known = _known_names(graph)
    plain = [e.replace(lambda x: isinstance(x, (Derivative, Subs)), lambda x: Dummy()) for e in sides]
    if any(s not in known for e in plain for s in e.free_symbols if not isinstance(s, Dummy)):
        return ""  # a quantity the graph does not know (δ_k^{(l+1)} nowhere defined): it may mean more
    unknowns = {s.name: s for s in graph.derivs if graph.is_unknown(s)}
    free = written_partials(sides, resolved, graph)  # ∂F(x_l, W_l)/∂x_l the step writes: a free number
    resolved = [e.xreplace(free) for e in resolved]
    difference = (resolved[0] - resolved[1]).doit()
    found = _partial_arguments(difference, unknowns)
    inner = {a.func.__name__ for e in resolved for f in e.atoms(AppliedUndef, Subs)
             for arg in (f.point if isinstance(f, Subs) else f.args) for a in arg.atoms(AppliedUndef)}
    sides_found = [_partial_arguments(e.doit(), unknowns) for e in resolved]
    if not found or None in sides_found or any(str(q) in inner for q, _p in found):
        return ""  # a derivative of an inner undefined quantity, or of a function the document applies
    if not set(found) <= set(sides_found[0]) & set(sides_found[1]):
        return ""  # a partial only one side names: a path the author's model may not have (C(a, z) vs C(z))
    for quantity, position in found:
        args = graph.arguments(quantity)
        x = args[position]
        if any(x in _upstream(graph, y) for y in args if y != x):
            return ""  # the document places x upstream of another argument: the graph misses a path
    names = sorted({str(q) for q, _p in found})
    return (f"; not a dropped path but a wrong factor: the sides differ by a nonzero combination of "
            f"partial derivatives of {', '.join(names)}, which an unknown function leaves free")


def _first(lhs: Basic, rhs: Basic, graph: Graph) -> int:
    """Polynomial choices of the unknown functions (fast), unless a logarithm, a root or a quotient
    of the sides could take an undefined quantity out of its domain (then ½ + tanh(q)/4, in (¼, ¾))."""
    for e in (lhs, rhs):
        for node in sympy.preorder_traversal(graph.resolve(e)):
            if (isinstance(node, sympy.log) or (isinstance(node, sympy.Pow) and not node.exp.is_Integer)
                    or (isinstance(node, sympy.Pow) and node.exp.is_negative)) and node.atoms(AppliedUndef):
                return 0
    return POLYNOMIAL


# --- the step -----------------------------------------------------------------------------------

def _candidate(lhs: Basic, rhs: Basic, state: IndexState, dependents: dict, raw: list) -> bool:
    """A step with a derivative through an undefined quantity and an index or a kept sum (in the step, or in
    the definition of a quantity it names: ∂E/∂x_l = ∂E/∂x_L ∂x_L/∂x_l, x_L = x_l + Σ_{i=l}^{L-1} F(x_i))."""
    exprs = (lhs, rhs)
    if not any(e.atoms(Derivative) for e in exprs) or not dependents:
        return False
    named = set().union(*(e.free_symbols for e in exprs))
    return bool(any(kept_sums(e) for e in exprs) or _free_letters(exprs, state.letters)[0]
                or any(h in named and kept_sums(b) for h, b in raw))


def indexed_chain(lhs: Basic, rhs: Basic, state: IndexState, raw: list, dependents: dict,
                  graph_args: tuple, check, later: list = (), after: list = ()) -> tuple | None:
    r"""(status, verdict, reason, hint) of an indexed chain-rule step, or None when this is not one.

    ``raw`` are the document's definitions so far, ``dependents`` every written ∂A/∂B (A → {B}),
    ``graph_args`` the rest of a :class:`~.dependencies.Graph` (applications, known functions,
    stated symbols), ``check(a, b, limits=…)`` the verifier; ``later`` the (line, head, body) of the
    definitions written with ≜ or := after the step: one of a quantity the step names and nothing
    defines yet ("… = δ_j a_k, where δ_j ≜ ∂J/∂z_j") is used, and the verdict says so.  ``after`` are the
    plain definitions (x = …) after the step: when the step is not decided without them, one of a name it
    uses (z^l_j = Σ_k w a + b, on the next line) is used too, for a confirmation only (never to refute).

    >>> from sympy import Symbol
    >>> from derivations.checker.parser import parse_expression as p
    >>> from derivations.verify.recipe import check_equal
    >>> lhs = p(r"\frac{\partial J}{\partial b_j}")
    >>> rhs = p(r"\frac{\partial J}{\partial z_j}")
    >>> raw = [(Symbol("z_j"), p(r"\sum_k w_{jk} a_k + b_j"))]
    >>> deps = {Symbol("J"): {Symbol("b_j"), Symbol("z_j")}}
    >>> indexed_chain(lhs, rhs, IndexState(), raw, deps, ({}, frozenset(), frozenset()), check_equal)[0]
    'proved'
    """
    out = _indexed_chain(lhs, rhs, state, raw, dependents, graph_args, check, later)
    if after and (out is None or out[0] == "not checked"):  # z^l_j = Σ_k w a + b only after the step
        ahead = _indexed_chain(lhs, rhs, state, raw, dependents, graph_args, check, [*later, *after])
        out = ahead if ahead is not None and ahead[0] in ("proved", "confirmed") else out
    return out


def _indexed_chain(lhs: Basic, rhs: Basic, state: IndexState, raw: list, dependents: dict,
                   graph_args: tuple, check, later) -> tuple | None:
    if not _candidate(lhs, rhs, state, dependents, raw):
        return None
    raw, recurring = recurrences(raw)  # x_{l+1} = x_l + F_l(x_l): a template in l, whatever the step does with l
    state = dataclasses.replace(state, letters=state.letters | recurring) if recurring - state.letters else state
    letters = state.letters
    lhs, rhs = _canon(lhs, letters), _canon(rhs, letters)
    pairs_raw = [(_canon(h, letters), _canon(b, letters)) for h, b in raw]
    ahead, ahead_notes = _ahead(lhs, rhs, pairs_raw, later, letters)
    pairs_raw = ahead + pairs_raw
    apart = kept_apart([lhs, rhs] + [b for _h, b in pairs_raw])  # ∂\mathcal{L}/∂x_l beside Σ_{i=l}^{L-1}
    lhs, rhs = set_apart(lhs, apart), set_apart(rhs, apart)
    written = [(_canon(apart.get(a, a), letters), _canon(b, letters)) for a, bs in dependents.items()
               for b in sorted(bs, key=str) if isinstance(a, Symbol)]
    general, general_deps, general_notes = _relettered(lhs, rhs, pairs_raw, written, state)
    shifted, layer_notes = _shifted(pairs_raw, letters)
    shifted, layer_notes = shifted + general, layer_notes + general_notes
    symbols = pairs_raw + shifted
    written += [d for d in general_deps if d not in written]
    defs = _inst._definitions(symbols, letters)
    reached = _reached((lhs, rhs), defs, written, letters)
    if not reached:
        return None
    plan = _inst._plan(lhs, rhs, state, symbols, extra=tuple(b for _a, b in reached))
    if isinstance(plan, str):
        return None
    ranges = _family_ranges(plan, reached, state.letters, state.families)  # one per step: sizes do not enter
    plan = _with_sizes(plan, reached, state, ranges)
    if plan is None:
        return None
    used_notes = [n for n, (h, _b) in zip(layer_notes + ahead_notes, shifted + ahead)
                  if any(d.head == h for d in plan.defs)]
    runs = _runs(plan, state)
    if isinstance(runs, str):
        return "not checked", None, runs, ""
    general = _every_size(plan, reached, state, ranges)
    if general:  # proved for every size: the instances cross-check the reading on the small sizes
        runs = [r for r in runs if max(r[0].values(), default=1) <= _CROSS_CHECK] or runs[:1]
    result = _check_runs(plan, runs, reached, state, graph_args, check, ranges)
    if result is None:
        return None
    status, verdict, where, hint, unknowns = result
    extras = list(plan.notes) + used_notes + ([apart_note(apart)] if apart else [])
    if any(is_kronecker(x) for e in [plan.lhs, plan.rhs] + [d.body for d in plan.defs] for x in e.free_symbols):
        extras.append("δ_ij read as the Kronecker delta (1 if i = j, else 0)")
    tail = "".join(f"; {x}" for x in extras)
    if status == "confirmed":
        if general:
            return "proved", None, (f"proved for every size and every index value in range ({general}); on "
                                    f"instances it holds for {_inst._span(plan, runs)}{unknowns}{tail}"), ""
        return status, None, f"holds for {_inst._span(plan, runs)}{unknowns}{tail}", ""
    return status, verdict, f"{where}{tail}", hint


def _every_size(plan, reached: list, state: IndexState, ranges: dict) -> str:
    """How the step is proved for every size (:mod:`.general_chains`), or '' when it is not."""
    defs = {(family(d.head) if d.letters else d.head): (d.head, d.body, d.letters) for d in plan.defs}
    undefined = {a for a, _b in reached if family(a) not in defs and a not in defs}
    if len(undefined) != 1:
        return ""
    (unknown,) = undefined
    if not isinstance(unknown, Symbol) or family(unknown) is not None:
        return ""
    upstream: dict = {}

    def feeds(key, seen=()):  # the families a defined family's definition uses, transitively
        if key not in upstream:
            body = defs[key][1] if key in defs else sympy.S.Zero
            found = {family(x) or x for x in body.atoms(Symbol)} - {None}
            for k in list(found):
                if k in defs and k not in seen and k != key:
                    found |= feeds(k, (*seen, key))
            upstream[key] = found
        return upstream[key]

    named = {family(x) or x for e in (plan.lhs, plan.rhs) for x in e.atoms(Symbol)}
    arguments = {family(b) or b for a, b in reached if a == unknown}
    arguments = {k for k in arguments if k in defs or k in named}  # w^{(l)} of another layer: no path
    frontier = [k for k in arguments if not any(k in feeds(o) for o in arguments if o != k)]
    if not frontier or any(k not in defs for k in frontier):
        return ""
    frontier.sort(key=str)

    def size_of(sym: Symbol, pos: int):
        root = ranges["find"](_key(sym, pos))
        lasts = ranges["lasts"].get(root, set())
        if len(lasts) > 1:
            raise ValueError(f"{sym} goes up to several values")
        return next(iter(lasts)) if lasts else None  # not stated: n, one for all, as on the instances

    if every_size(plan.lhs, plan.rhs, defs, unknown, tuple(frontier), state.letters, size_of) is not True:
        return ""
    return (f"SymPy's Sum algebra, with {unknown} an unknown function of every "
            f"{' and '.join(str(defs[k][0]) for k in frontier)} and its partial derivatives unknowns")


def _ahead(lhs: Basic, rhs: Basic, pairs: list, later: list, letters: set) -> tuple[list, list]:
    """The first ≜/:= definition after the step of each name the step uses and nothing defines yet."""
    defined = {_family_of(h) for h, _b in pairs}
    named = {_family_of(s) for e in (lhs, rhs) for s in _names(e)}  # z_j of ∂C/∂z_j too
    out, notes = [], []
    for line, head, body in later:
        head, body = _canon(head, letters), _canon(body, letters)
        key = _family_of(head)
        if key in named and key not in defined:
            defined.add(key)
            out.append((head, body))
            notes.append(f"{head} read with its definition on line {line} (written after this step)")
    return out, notes


def _family_of(sym: Basic) -> tuple:
    return family(sym) or (str(sym),)


def _with_sizes(plan, reached: list, state: IndexState, ranges: dict):
    """The plan with the sizes the dependencies' families go up to (∂a_i/∂z_k elsewhere summed to n)."""
    lasts = set().union(*ranges["lasts"].values()) if ranges["lasts"] else set()
    extra = {s for e in lasts for s in e.free_symbols if s.name not in state.letters} - set(plan.sizes)
    sizes = sorted(set(plan.sizes) | extra, key=str)
    return dataclasses.replace(plan, sizes=sizes) if extra else plan


def _runs(plan, state: IndexState) -> list | str:
    active = state.active()
    condition = active[0] if active and {active[0][0], active[0][2]} <= set(plan.free) else None
    for top in (4, 3, 2):
        try:
            runs = _inst._instances(plan, top, condition)
        except ValueError as err:
            return f"its instances cannot be formed ({err})"
        if len(runs) <= _inst.MAX_INSTANCES:
            return runs or "it has no instance (no index value in range at these sizes)"
    return f"it needs {len(runs)} instances even at sizes up to 2 (more than {_inst.MAX_INSTANCES})"


def _check_runs(plan, runs: list, reached: list, state: IndexState, graph_args: tuple, check,
                ranges: dict) -> tuple | None:
    """Each instance on its own graph; the first that fails, else ("confirmed", …).

    Instances are formed on two threads: one builds a graph while the other waits for a worker's
    verdict.  They are judged in order, so the report names the same first failing instance."""
    letters, described, skipped = state.letters, "", 0
    start = time.monotonic()

    def one(run):
        sizes, values = run
        where = _inst._describe(values, sizes)
        try:
            lhs, rhs = (instantiate(e, sizes, values) for e in (plan.lhs, plan.rhs))
        except ValueError as err:
            return ("not checked", None, f"its instance {where} cannot be formed ({err})", "", ""), None
        edges = _edges(reached, plan, sizes, values, letters, ranges, _names(lhs) | _names(rhs))
        if isinstance(edges, str):
            return ("not checked", None, f"{edges} (at the instance {where})", "", ""), None
        top = max([*sizes.values(), *values.values(), *(len(v) for v in edges.values()), 1])
        graph = Graph(_definitions(plan, sizes, values, top), edges, *graph_args)
        lhs, rhs = (_opened(e, graph) for e in (lhs, rhs))
        if _strangers(lhs, rhs, graph):  # a name the step differentiates that the graph does not know: its
            return "skipped", None  # derivative would be 0 by ignorance (0 = 0 held, a wrong factor vanished)
        try:
            outcome = graph_step(lhs, rhs, graph, check, judge=_wrong_factor, first=_first(lhs, rhs, graph))
        except (GraphError, ValueError, TypeError, AttributeError, RecursionError) as err:
            return ("not checked", None, f"the derivative could not be taken on the graph ({err}) at {where}",
                    "", ""), None
        if outcome is None:
            return None, None
        status, verdict = outcome.status, outcome.verdict
        if not status:  # no unknown function left: an ordinary check of the sides
            verdict = check(*outcome.sides)
            if not verdict.ok:
                return None, None  # the ordinary check of instances decides (and knows when not to refute)
            status = "confirmed"
        if status in ("proved", "confirmed"):
            return "confirmed", (graph, lhs, rhs)
        if status == "refuted" and ranges["open"]:
            return ("not checked", verdict, (
                f"false at the instance {where} if {', '.join(sorted(ranges['open']))} goes one index value "
                "further, but the document does not say how far it goes"), "", ""), None
        if status == "refuted":
            return (status, verdict, f"false at the instance {where}: {outcome.reason}", outcome.hint, ""), None
        if status == "inconclusive":
            return (status, verdict, f"undecided at the instance {where}", "", ""), None
        return ("not checked", verdict, f"{outcome.reason} (at the instance {where})", "", ""), None

    with ThreadPoolExecutor(max_workers=_THREADS) as pool:
        for k in range(0, len(runs), _THREADS):
            if k and time.monotonic() - start > _inst.STEP_BUDGET:
                return "not checked", None, (f"its instances hold up to {_inst._describe(*runs[k - 1][::-1])}, "
                                             f"but the others were not checked within the step's time budget "
                                             f"({_inst.STEP_BUDGET:g} s)"), "", ""
            futures = [pool.submit(contextvars.copy_context().run, one, run) for run in runs[k:k + _THREADS]]
            for result, confirmed in (f.result() for f in futures):  # a planning pass's context goes along
                if result == "skipped":
                    skipped += 1
                    continue
                if result != "confirmed":
                    return result
                if not described:
                    described = _unknown_text(confirmed[0], confirmed[1], confirmed[2], reached, letters)
    if skipped and skipped == len(runs):
        return None  # no instance the written dependencies reach: the ordinary check of instances decides
    if ranges["open"]:
        described += (f"; {', '.join(sorted(ranges['open']))} read with one index value more than the "
                      "instance uses (the document does not say how far it goes)")
    if skipped:
        described += (f"; {skipped} of its {len(runs)} instances left out (the dependencies the document writes "
                      "do not reach the names the step differentiates there)")
    return "confirmed", None, "", "", described


_CROSS_CHECK = 2
"""The largest size a chain rule proved for every size is still checked on (its reading cross-checked)."""
_THREADS = 2  # instances formed at once (the graphs are built in this process, the checks in workers)


def _known_names(graph: Graph) -> set:
    """Every name the graph knows: a defined or differentiated quantity, what it depends on, what definitions use."""
    known = set(graph.definitions) | set(graph.derivs) | {v for vs in graph.derivs.values() for v in vs}
    return known | set().union(*(b.free_symbols for b in graph.definitions.values()))


def _strangers(lhs: Basic, rhs: Basic, graph: Graph) -> bool:
    """True if a derivative of the step names a symbol the instance's graph does not know at all (∂a_1^{(2)}/∂…
    where the written dependencies, not put in at the instance, say a_1^{(i+1)}): its 0 is no reading, and
    neither is a verdict that rests on it."""
    known = _known_names(graph)
    return any(s not in known for e in (lhs, rhs) for d in e.atoms(Derivative)
               for s in (d.expr, *d.variables) if isinstance(s, Symbol))


def _opened(expr: Basic, graph: Graph) -> Basic:
    """``expr`` with each quantity defined by a derivative written out (δ_1^{(l+1)} → ∂J/∂z_1^{(l+1)}),
    so that the graph sees the derivative of the undefined J the step is about."""
    for _ in range(4):
        rule = {s: graph.definitions[s] for s in expr.free_symbols
                if s in graph.definitions and graph.definitions[s].has(Derivative)}
        if not rule:
            break
        expr = expr.xreplace(rule)
    return expr


def _concrete(sym: Basic) -> bool:
    """True for a name whose indices are all numbers (x_0), not a template (x_l, x_L)."""
    parts = index_items(sym) if isinstance(sym, Symbol) else None
    return bool(parts) and all(i.isdigit() for i in parts[1] + parts[2])


def _unknown_text(graph: Graph, lhs: Basic, rhs: Basic, reached: list, letters: set) -> str:
    """", with C an unknown function of z_k^{(l+1)}": the written templates its arguments come from."""
    parts = []
    names = {s for e in (lhs, rhs) for d in e.atoms(Derivative) for s in d.expr.free_symbols}
    for q in sorted(names, key=str):
        if not graph.is_unknown(q):
            continue
        args = set(graph.arguments(q))
        templates = [b for a, b in reached if _same(q, a, letters) and (b in args or not _concrete(b))
                     and any(_family_of(x)[:2] == _family_of(b)[:2] for x in args)]  # x_L, not x_0 upstream
        families = {_family_of(t)[:2]: t for t in reversed(templates)}  # one name per family
        if families:
            parts.append(f"{q} an unknown function of {', '.join(sorted(map(str, families.values())))}")
    return f", with {'; '.join(parts)}" if parts else ""
