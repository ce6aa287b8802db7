r"""Steps with indexed sums, checked on instances: every size n = 1…N and every index value.

A step such as ``\frac{\partial L}{\partial o_k} = p_k - y_k`` (with ``L = -\sum_i y_i \log p_i`` and
``p_j = e^{o_j} / \sum_k e^{o_k}`` defined in the document) has no meaning SymPy can check at once:
its sums have no concrete bounds and k is a free index.  It is checked on instances
(:func:`derivations.checker.indexed.instantiate`): at every size (n = 1…N, N at least 4, capped by
cost) and every value of the free indices, with the document's indexed definitions used as
templates (``p_j = …`` defines p_1, p_2, … and so p_i and p_k), the document's index condition
("if i = k") and its hypotheses about sums (``\sum_k y_k = 1``: the instances satisfy it).  Each
instance goes through the ordinary verifier, so a refutation is a certified counterexample at a
stated size and index value; a step that holds on every instance is "confirmed", never "proved",
and the verdict says for which sizes.

>>> from derivations.checker.check import check_text
>>> step = check_text(r"$$\sum_{k \neq i}^{n} x_k = \sum_{k=1}^{n} x_k - x_i$$").steps[0]
>>> step.status, step.reason
('confirmed', 'holds for n = 1…5 and every index value')
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from sympy import Add, Basic, Derivative, Integer, Pow, S, Symbol, Tuple, expand

from derivations.checker.general import general_form, template_match
from derivations.checker.general_chains import family
from derivations.checker.indexed import (
    NO_INDEX,
    UNSTATED,
    IndexedProduct,
    IndexedSum,
    apart_note,
    differentiated_symbols,
    index_items,
    instantiate,
    is_kronecker,
    kept_apart,
    kept_sums,
    set_apart,
)

from derivations.checker.indexstate import IndexState, _free_letters

__all__ = ["MAX_INSTANCES", "STEP_BUDGET", "needs_instances", "check_instances"]

MAX_INSTANCES = 64
"""The most instances one step is checked on; N (the largest size) is 5, or 4 or 3 when 5 costs more."""
_SIZES = (5, 4, 3)
_MAX_FIXED = 12  # a size the document states is used when it is at most this (else 1…5, as for any size)
STEP_BUDGET = 40.0
"""Seconds one step's instances may take (each instance has the worker's own time limits too)."""


# --- definitions as templates --------------------------------------------------------------------

@dataclass(frozen=True)
class _Definition:
    head: Symbol
    body: Basic
    letters: tuple  # the head's free index letters (a template) or ()


def _definitions(symbols: Sequence[tuple[Basic, Basic]], letters: set) -> list[_Definition]:
    """The document's definitions, a later one replacing an earlier one of the same name or
    template (z_k^{(L)} = … after z_j^{(L)} = …)."""
    out: dict = {}
    for head, body in symbols:
        parts = index_items(head) if isinstance(head, Symbol) else None
        free = tuple(i for i in (parts[1] if parts else ()) if i in letters)
        key = (parts[0], tuple(parts[2]), len(parts[1])) if free else head
        out.pop(key, None)
        out[key] = _Definition(head, body, free)
    return list(out.values())


def _matches(symbol: Symbol, d: _Definition) -> bool:
    """x_2, x_k match the template x_j; other names only the definition's own head."""
    return template_match(symbol, d.head, d.letters) is not None


def _instance_of(d: _Definition, symbol: Basic) -> bool:
    """True when ``d`` defines one instance of ``symbol``'s family (x_0 = 1 for the x_i of Σ_{i=0} θ_i x_i)."""
    letters = tuple(i for i in (index_items(symbol) or ("", []))[1] if i.isalpha()) if isinstance(symbol, Symbol) else ()
    return not d.letters and bool(letters) and bool(template_match(d.head, symbol, letters))


def _used(exprs: Iterable[Basic], defs: list[_Definition]) -> list[_Definition]:
    """The definitions the expressions use, directly or through other definitions (in order)."""
    symbols = set().union(*(e.free_symbols for e in exprs))
    used: set = set()
    changed = True
    while changed:
        changed = False
        for k, d in enumerate(defs):
            if k not in used and any(_matches(s, d) or _instance_of(d, s) for s in symbols):
                used.add(k)
                symbols |= d.body.free_symbols
                changed = True
    return [defs[k] for k in sorted(used)]


# --- free indices, ranges, sizes -------------------------------------------------------------------

def _families(exprs: Iterable[Basic]) -> dict:
    """(base, superscript, position) of an indexed name -> the last values of the sums over it."""
    fam: dict = {}

    def note(expr: Basic, index: str, last: Basic) -> None:
        for s in expr.free_symbols:
            parts = index_items(s)
            for pos, i in enumerate(parts[1] if parts else ()):
                if i == index:
                    fam.setdefault((parts[0], tuple(parts[2]), pos), set()).add(last)

    for e in exprs:
        for node in kept_sums(e):
            note(node.operand, node.index.name, node.last)
    return fam


def _ranges(free: list, exprs: list, defs: list[_Definition], sizes: set) -> dict:
    """Each free letter -> the sizes it ranges within (the families it indexes, else the one size)."""
    fam = _families(exprs + [d.body for d in defs])
    for d in defs:  # p_j = e^{o_j}/…: the family p ranges like o
        head = index_items(d.head)
        for pos, letter in enumerate(head[1] if head and d.letters else ()):
            if letter in d.letters:
                for s in d.body.free_symbols:
                    parts = index_items(s)
                    for q, i in enumerate(parts[1] if parts else ()):
                        if i == letter and (parts[0], tuple(parts[2]), q) in fam:
                            fam.setdefault((head[0], tuple(head[2]), pos), set()).update(
                                fam[(parts[0], tuple(parts[2]), q)])
    out = {}
    for letter in free:
        found: set = set()
        for e in exprs:
            for s in e.free_symbols:
                parts = index_items(s)
                for pos, i in enumerate(parts[1] if parts else ()):
                    if i == letter:
                        found |= fam.get((parts[0], tuple(parts[2]), pos), set())
        if not found and len(sizes) == 1:
            found = set(sizes)
        out[letter] = found  # empty: no sum says how far the letter goes
    return out


def _symmetric(exprs: list, bare: bool, letters: set) -> bool:
    """True when relabelling index values maps instances onto each other.

    That holds when every sum runs from 1 to a size (a symbol) with at most a ≠ condition, no
    index is used as a number, and no name mixes letter and digit subscripts (x_i and x_1): then
    a permutation of 1…max that keeps each size's range 1…s maps each instance onto another one
    with its names renamed, which is true or false with it.
    """
    if bare:
        return False
    for e in exprs:
        for node in kept_sums(e):
            if node.first != 1 or (node.condition and node.condition[0] != "neq"):
                return False
            if not isinstance(node.last, Symbol):
                return False
    with_digits, with_letters = set(), set()
    for e in exprs:
        for s in e.free_symbols:
            parts = index_items(s)
            if parts and any(i in letters for i in parts[1]):
                with_letters.add(parts[0])
            elif parts and any(i.isdigit() for i in parts[1]):
                with_digits.add(parts[0])
    return not with_digits & with_letters


def _assignments(free: list, limit: Callable, symmetric: bool, condition: tuple | None,
                 cuts: tuple = ()):
    """Index values to try: all of them, or (symmetric) one per class of relabellings.

    ``cuts`` are the sizes of this instance: a relabelling keeps each range 1…s, so values are
    interchangeable within each block between consecutive sizes; per block, the values used
    are the first ones (restricted growth), which leaves one assignment per class.
    """
    def allowed(values: dict) -> bool:
        if condition is None or condition[0] not in values or condition[2] not in values:
            return True
        same = values[condition[0]] == values[condition[2]]
        return same if condition[1] == "=" else not same

    if symmetric:
        edges = sorted(set(cuts))
        blocks = list(zip([0] + edges[:-1], edges))

        def grow(k: int, values: dict):
            if k == len(free):
                yield dict(values)
                return
            used = set(values.values())
            for lo, hi in blocks:
                inside = sorted(v for v in used if lo < v <= hi)
                fresh = next((v for v in range(lo + 1, hi + 1) if v not in used), None)
                for v in inside + ([fresh] if fresh is not None else []):
                    if v <= limit(free[k]):
                        yield from grow(k + 1, {**values, free[k]: v})
        yield from (v for v in grow(0, {}) if allowed(v))
        return
    for combo in itertools.product(*(range(1, limit(f) + 1) for f in free)):
        values = dict(zip(free, combo))
        if allowed(values):
            yield values


# --- the instances -------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Plan:
    lhs: Basic
    rhs: Basic
    defs: list
    sizes: list  # size symbols, in a fixed order
    free: list
    ranges: dict
    symmetric: bool
    notes: tuple
    all_defs: list  # every definition of the document (for _lookalike)
    fixed: dict = dataclasses.field(default_factory=dict)  # sizes the document gives a number: m = 4


def _plan(lhs: Basic, rhs: Basic, state: IndexState, symbols, extra: tuple = ()) -> _Plan | str:
    """The step's instances to form; ``extra`` names more quantities whose definitions it uses (what
    an undefined cost depends on, for :mod:`.indexed_chains`)."""
    notes: set = set()
    lhs, rhs = state.resolve(lhs, notes, (lhs, rhs)), state.resolve(rhs, notes, (lhs, rhs))
    defs = [_Definition(d.head, state.resolve(d.body, notes), d.letters)
            for d in _used((lhs, rhs) + tuple(extra), _definitions(symbols, state.letters))]
    apart = kept_apart([lhs, rhs] + [d.body for d in defs])  # ∂\mathcal{L}/∂x_l beside Σ_{i=l}^{L-1}
    if apart:
        lhs, rhs = set_apart(lhs, apart), set_apart(rhs, apart)
        defs = [_Definition(d.head, set_apart(d.body, apart), d.letters) for d in defs]
        notes.add(apart_note(apart))
    exprs = [lhs, rhs] + [d.body for d in defs if not d.letters]
    every = [lhs, rhs] + [d.body for d in defs]
    for e in every:
        if any(n.index == NO_INDEX for n in kept_sums(e)):
            return "it holds a \\sum without its index (\\sum w_{jk} a_k: over j or k?), so it is not read"
    free, bare = _free_letters(exprs, state.letters)
    inner = {s for e in every for s in _bound_in_bounds(e)}  # i of Σ_i Σ_{j=1}^{i}: no size
    sizes = {s for e in every for n in kept_sums(e) for s in n.last.free_symbols if s.name not in state.letters}
    firsts = {s for e in every for n in kept_sums(e) for s in n.first.free_symbols if s.name not in state.letters}
    sizes, firsts = sizes - inner, firsts - inner
    ranges = _ranges(free, [lhs, rhs], defs, sizes)
    sizes |= firsts | {s for r in ranges.values() for e in r for s in e.free_symbols}
    both = sorted(sizes & differentiated_symbols(every), key=str)
    if both:  # a count differentiated, or a count of a letter kept_apart cannot set apart: ∂L/∂x_l = ∂2/∂x_1
        return (f"{both[0]} is both how far a sum goes and a quantity the step differentiates or "
                "differentiates by: write the two with different letters")
    symmetric = _symmetric(every, bare, state.letters)
    fixed = {head: int(body) for head, body in symbols  # "Number of examples: $m = 4$": the sums run to 4
             if head in sizes and isinstance(body, Integer) and 1 <= body <= _MAX_FIXED}
    return _Plan(lhs, rhs, defs, sorted(sizes, key=str), free, ranges, symmetric, tuple(sorted(notes)),
                 _definitions(symbols, state.letters), fixed)


def _instances(plan: _Plan, top: int, condition) -> list[tuple[dict, dict]]:
    out = []
    for combo in itertools.product(*(range(plan.fixed[s], plan.fixed[s] + 1) if s in plan.fixed else range(1, top + 1)
                                     for s in plan.sizes)):
        sizes = dict(zip(plan.sizes, combo))

        def limit(letter: str) -> int:
            if not plan.ranges[letter]:  # unknown range: enough values for every pattern
                return max(sizes.values(), default=1) + len(plan.free)
            values = [e.xreplace({k: Integer(v) for k, v in sizes.items()}) for e in plan.ranges[letter]]
            return min((int(v) for v in values if v.is_Integer), default=0)

        cuts = tuple(limit(f) for f in plan.free) + tuple(sizes.values())
        for values in _assignments(plan.free, limit, plan.symmetric, condition, cuts):
            if not _outside(plan, sizes, values):
                out.append((sizes, values))
    out.sort(key=lambda sv: (max(sv[0].values(), default=0), sorted(sv[0].values())))
    return out


def _bound_in_bounds(expr: Basic, bound: frozenset = frozenset()) -> set:
    """The indices of enclosing sums that an inner sum's bounds use (i of Σ_{i=1}^{n} Σ_{j=1}^{i}): no sizes."""
    if isinstance(expr, (IndexedSum, IndexedProduct)):
        return ((expr.first.free_symbols | expr.last.free_symbols) & bound
                | _bound_in_bounds(expr.operand, bound | {expr.index}))
    return set().union(*(_bound_in_bounds(a, bound) for a in expr.args))


def _outside(plan: _Plan, sizes: dict, values: dict) -> bool:
    """True for an instance outside what the document writes: a sum would run backwards
    (Σ_{i=l}^{L-1} at l = 3, L = 1; an empty sum, Σ_{i=l}^{l-1}, is not backwards), or two names
    indexed by sizes become one (x_l and x_L at l = L: the document writes two layers)."""
    known = {**{k: Integer(v) for k, v in sizes.items()}, **{Symbol(k): Integer(v) for k, v in values.items()}}
    exprs = [plan.lhs, plan.rhs] + [e for d in plan.defs for e in (d.head, d.body)]
    for e in exprs:
        for n in kept_sums(e):
            first, last = n.first.xreplace(known), n.last.xreplace(known)
            if first.is_Integer and last.is_Integer and first > last + 1:
                return True
    names = {s.name for s in sizes}
    sized = {s for e in exprs for s in e.free_symbols
             if names & set(sum((index_items(s) or ("", [], []))[1:], []))}
    return len({instantiate(s, sizes, values) for s in sized}) < len(sized)


def _ordered(pairs: list) -> list:
    """The definitions in an order where each one comes before those its body uses.

    The verifier applies them in turn, so what a body brings in is replaced afterwards; a
    derivative with respect to a defined symbol (∂z^{(L+1)}/∂z^{(L)}) keeps that symbol, as the
    chain rule reads it.
    """
    heads = {h: i for i, (h, _b) in enumerate(pairs)}
    done: set = set()
    out: list = []

    def visit(i: int, stack: set) -> None:
        if i in done or i in stack:
            return
        stack.add(i)
        for s in sorted(pairs[i][1].free_symbols, key=str):
            if s in heads:
                visit(heads[s], stack)
        done.add(i)
        out.append(i)

    for i in range(len(pairs)):
        visit(i, set())
    return [pairs[i] for i in reversed(out)]


def _substitutions(plan: _Plan, sizes: dict, values: dict, exprs: list) -> list:
    """The definitions at this instance: templates for every index value the instance uses."""
    top = max(sizes.values(), default=1)
    needed = set().union(*(e.free_symbols for e in exprs))
    chosen: dict = {}
    changed = True
    while changed:
        changed = False
        for k, d in enumerate(plan.defs):
            combos = (itertools.product(range(1, top + 1), repeat=len(d.letters)) if d.letters else [()])
            for combo in combos:
                at = {**values, **dict(zip(d.letters, combo))}
                head = instantiate(d.head, sizes, at)  # x_L at L = 3 is x_3 (with no index letter too)
                if (k, head) in chosen or head not in needed:
                    continue
                body = instantiate(d.body, sizes, at)
                if _says_nothing(head, body):  # x_l = x_l + 0 at l = L
                    continue
                chosen[(k, head)] = body
                needed |= body.free_symbols
                changed = True
    return _ordered([(h, chosen[(k, h)]) for k, h in sorted(chosen, key=lambda kh: kh[0])])


def _says_nothing(head: Basic, body: Basic) -> bool:
    """True for a definition that an instance makes ``x_1 = x_1 + 0`` (x_L = x_l + Σ_{i=l}^{L-1} … at l = L)."""
    return head in body.free_symbols and expand(body - head) == 0


def _hypothesis_pairs(state: IndexState, sizes: dict, values: dict, needed: set) -> tuple[list, list]:
    """Instances that satisfy the document's hypotheses: Σ_k y_k = 1 sets y_n = 1 − Σ_{k<n} y_k."""
    pairs, used = [], []
    for lhs, rhs, where in state.hypotheses:
        try:
            total = instantiate(state.resolve(lhs, set()), sizes, values)
        except ValueError:
            continue
        terms = list(total.args) if isinstance(total, Add) else [total]
        last = terms[-1]
        if isinstance(last, Symbol) and total.free_symbols & needed:
            pairs.append((last, rhs - Add(*terms[:-1])))
            used.append(f"{lhs} = {rhs} ({where})")
    return pairs, used


def _merged(variable: Basic, plan: _Plan) -> bool:
    """True if ``variable``'s family is defined by a template that holds the family itself
    (``L_k = σ(Σ_j w_jk L_j)``, the layers named by their index letters): on an instance, L_1 is then
    both the variable and a term of its own definition, and a refutation there means nothing.

    >>> from sympy import Symbol
    >>> from types import SimpleNamespace as NS
    >>> L = NS(head=Symbol("L_k"), body=Symbol("w_{jk}") * Symbol("L_j"))
    >>> z = NS(head=Symbol("z_j"), body=Symbol("w_{jk}") * Symbol("a_k"))
    >>> _merged(Symbol("L_1"), NS(all_defs=[L])), _merged(Symbol("z_1"), NS(all_defs=[z]))
    (True, False)
    """
    own = family(variable)
    return own is not None and any(family(d.head) == own and any(family(s) == own for s in d.body.free_symbols)
                                   for d in plan.all_defs)


def _defined_variable(exprs: list, subs: list) -> Basic | None:
    """A quantity some derivative is taken by that the instance also replaces by its definition."""
    heads = {h for h, _b in subs}
    for e in exprs:
        for d in e.atoms(Derivative):
            for v in d.variables:
                if v in heads:
                    return v
    return None


def _describe(values: dict, sizes: dict) -> str:
    parts = [f"{'n' if s == UNSTATED else s} = {v}" for s, v in sizes.items()]
    parts += [f"{k} = {v}" for k, v in values.items()]
    return ", ".join(parts) or "the only instance"


def needs_instances(lhs: Basic, rhs: Basic, state: IndexState, symbols) -> bool:
    r"""True when a step needs instances: a kept sum, a Kronecker δ, or an indexed definition used.

    >>> from sympy import Symbol
    >>> state = IndexState()
    >>> needs_instances(Symbol("p_k"), Symbol("q"), state, [(Symbol("p_j"), Symbol("o_j"))])
    True
    >>> needs_instances(Symbol("x"), Symbol("q"), state, [(Symbol("p_j"), Symbol("o_j"))])
    False
    """
    exprs = (lhs, rhs)
    if any(kept_sums(e) for e in exprs):
        return True
    active = state.active()
    if active and {active[0][0], active[0][2]} <= set(_free_letters(exprs, state.letters)[0]):
        return True  # "for i = k": checked at the index values that satisfy it
    if any(is_kronecker(s) for e in exprs for s in e.free_symbols):
        return True
    defs = _used(exprs, _definitions(symbols, state.letters))
    if any(kept_sums(d.body) or any(is_kronecker(s) for s in d.body.free_symbols) for d in defs):
        return True
    step = set().union(*(e.free_symbols for e in exprs))
    return any(d.letters and not any(s == d.head for s in step) and any(_matches(s, d) for s in step)
               for d in defs)


Check = Callable[[Basic, Basic, list], object]


def check_instances(lhs: Basic, rhs: Basic, state: IndexState, symbols, check: Check,
                    workers: int = 2) -> tuple[str, object, str]:
    r"""(status, verdict, reason) of ``lhs = rhs`` checked on its instances.

    ``symbols`` are the document's (symbol, definition) pairs in order; ``check(l, r, substitutions)``
    checks one instance and returns a :class:`~derivations.verify.verdict.Verdict`, or a string
    saying why the instance cannot be checked.  The status is "hypothesis" for a hypothesis the
    document states (``\sum_k y_k = 1``), "confirmed" when every instance holds, "refuted" with the
    first instance that does not (its verdict is the certified counterexample), "inconclusive", or
    "not checked" with the reason.

    >>> from sympy import Symbol
    >>> from derivations.checker.parser import parse_expression
    >>> from derivations.verify.recipe import check_equal
    >>> lhs, rhs = parse_expression(r"\sum_{k \neq i} x_k"), parse_expression(r"\sum_k x_k - x_i")
    >>> check_instances(lhs, rhs, IndexState(), [], lambda l, r, s: check_equal(l, r))[::2]
    ('confirmed', 'holds for n = 1…5 and every index value; Σ_k has no stated range: read as k = 1…n for every n')
    """
    if state.is_hypothesis(lhs, rhs):
        return ("hypothesis", None, "a hypothesis the document states about a sum: steps that need it "
                "are checked on instances that satisfy it")
    plan = _plan(lhs, rhs, state, symbols)
    if isinstance(plan, str):
        return "not checked", None, plan
    proved = _general(plan, state, check)
    if proved is not None:
        return proved
    active = state.active()
    condition, stated = active if active and {active[0][0], active[0][2]} <= set(plan.free) else (None, "")
    for top in _SIZES:
        try:
            runs = _instances(plan, top, condition)
        except ValueError as err:
            return "not checked", None, f"its instances cannot be formed ({err})"
        if len(runs) <= MAX_INSTANCES:
            break
    else:
        first = _run(plan, runs[:1], state, check, 1, hypotheses=False)
        if first[0] == "not checked":
            return "not checked", None, first[2]
        return "not checked", None, (f"it needs {len(runs)} instances even at sizes up to {top} "
                                     f"(more than {MAX_INSTANCES})")
    if not runs:
        return "not checked", None, "it has no instance (no index value in range at these sizes)"
    result = _run(plan, runs, state, check, workers, hypotheses=False)
    if result[0] == "refuted" and state.hypotheses:
        retried = _run(plan, runs, state, check, workers, hypotheses=True)
        if retried[0] != "not checked" and retried[3]:
            result = retried
    worded = _normalised(plan, runs, state, check, workers, state.one_hot) if (
        result[0] == "refuted" and state.one_hot) else None
    if worded is not None:  # "Since y_i is a one-hot vector": Σ_j y_j = 1
        return "confirmed", None, (f"holds for {_span(plan, runs)}, using {worded} = 1 (the document says in words "
                                   f"that {worded.operand.name.split('_')[0]} is one-hot)")
    if result[0] == "refuted" and not result[3]:  # no hypothesis of the document enters the step
        unstated = (_unstated_normalisation(plan, runs, state, check, workers)
                    or _unstated_intercept(plan, runs, state, check, workers))
        if unstated:
            return "not checked", result[1], unstated
    if result[0] == "refuted" and condition is None and (case := _earlier_case(plan, top, state, check, workers)):
        return "not checked", result[1], f"false at the instance {result[2]}, {case}"
    status, verdict, where, used = result
    if status == "not checked":
        return status, None, where
    if status == "refuted" and plan.fixed and (data := _data_put_in(plan, runs)):
        return "not checked", verdict, data
    lookalike = (_lookalike(plan) or _made_of(plan)) if status == "refuted" and not _determined(plan, runs) else ""
    if lookalike:
        return "not checked", verdict, f"false at the instance {where}, {lookalike}" if lookalike.startswith(
            "but") else lookalike
    extras = list(plan.notes)
    if condition:
        rel = "=" if condition[1] == "=" else "≠"
        extras.append(f"for {condition[0]} {rel} {condition[2]}, {stated}")
    if used:
        extras.append(f"on instances that satisfy the hypothesis {'; '.join(used)}")
    kron = any(is_kronecker(s) for e in [plan.lhs, plan.rhs] + [d.body for d in plan.defs]
               for s in e.free_symbols)
    if kron:
        extras.append("δ_ij read as the Kronecker delta (1 if i = j, else 0)")
    tail = "".join(f"; {x}" for x in extras)
    if status in ("refuted", "inconclusive"):
        word = "false" if status == "refuted" else "undecided"
        return status, verdict, f"{word} at the instance {where}{tail}"
    return "confirmed", None, f"holds for {_span(plan, runs)}{'; ' + where if where else ''}{tail}"


def _filled(plan: _Plan, sizes: dict, values: dict) -> tuple[Basic, Basic] | None:
    """The two sides of the step at one instance with the document's definitions put in (None if they
    cannot be formed)."""
    try:
        l, r = (instantiate(e, sizes, values) for e in (plan.lhs, plan.rhs))
        subs = _substitutions(plan, sizes, values, [l, r])
    except ValueError:
        return None
    return tuple(e.subs(subs) if subs else e for e in (l, r))


def _determined(plan: _Plan, runs: list) -> bool:
    """True if at the size the document states every instance is numbers only (x_1, x_2 all given)."""
    return bool(plan.fixed) and all((sides := _filled(plan, *run)) is not None and not (
        sides[0].free_symbols | sides[1].free_symbols) for run in runs)


def _data_put_in(plan: _Plan, runs: list) -> str:
    """Why a refuted step of a worked example (a size the document states: m = 4) is not refuted: at
    that size one side is a number and the other still holds names whose values the document does
    not state (the example's data, y_1 … y_4, put in from a table or from words); else ""."""
    for sizes, values in runs:
        sides = _filled(plan, sizes, values)
        if sides is None:
            return ""
        l, r = sides
        for side, other in ((l, r), (r, l)):
            if not other.free_symbols and side.free_symbols:
                names = ", ".join(sorted(str(x) for x in side.free_symbols))
                return (f"at {_describe(values, sizes)} (the size the document states) one side is a number and the "
                        f"other holds {names}, whose values the document does not state (the example's data, "
                        "put in from elsewhere: state them to check the step)")
    return ""


def _span(plan: _Plan, runs: list) -> str:
    """Which instances a step was checked on: "n = 1…5 and every index value"."""
    free_sizes = [s for s in plan.sizes if s not in plan.fixed]
    sizes = ", ".join("n" if s == UNSTATED else str(s) for s in free_sizes)
    top = max(max(s.values(), default=1) for s, _ in runs)
    span = ", ".join([f"{sizes} = 1…{top}"] * bool(free_sizes) + [f"{s} = {v} (as the document states)"
                                                                  for s, v in plan.fixed.items()])
    if any(_outside(plan, dict(zip(plan.sizes, combo)), {})  # l < L
           for combo in itertools.product(range(1, top + 1), repeat=len(plan.sizes))):
        span += (" (leaving out the sizes where a sum would run backwards or two names the document keeps "
                 "apart would be one)")
    unknown = [f for f in plan.free if not plan.ranges[f]]
    if plan.free and unknown and not plan.symmetric:
        every = f"index values {', '.join(plan.free)} up to the size + {len(plan.free)}"
    else:
        every = "every index value" if plan.free else ""
    return " and ".join(x for x in (span, every) if x) or "its only instance"


def _earlier_case(plan: _Plan, top: int, state: IndexState, check: Check, workers: int) -> str:
    """Why a refuted step may be what its author meant: it holds in a case (i = k) stated earlier in
    its section, which it may go on with ("likewise, …"), though no condition is stated for it."""
    for case in dict.fromkeys(reversed(state.earlier)):  # the latest first
        if not {case[0], case[2]} <= set(plan.free):
            continue
        try:
            runs = _instances(plan, top, case)
        except ValueError:
            continue
        if runs and len(runs) <= MAX_INSTANCES and _run(plan, runs, state, check, workers,
                                                        hypotheses=False)[0] == "confirmed":
            rel = "=" if case[1] == "=" else "≠"
            return (f"but it holds for {case[0]} {rel} {case[2]}, a case stated earlier in its section that it "
                    f"may go on with (state the case again right before it to check it there)")
    return ""


def _normalised(plan: _Plan, runs: list, state: IndexState, check: Check, workers: int,
                stems: set | None = None) -> Basic | None:
    """The sum Σ_k y_k of the step (of a family in ``stems``, if given) with which the step holds if it
    is 1 (labels that sum to 1, as one-hot and probability labels do); else None."""
    sums = [IndexedSum(s.operand, s.args[1], Tuple()) for e in (plan.lhs, plan.rhs) for s in kept_sums(e)  # Σ_{c≠j}: Σ_c
            if isinstance(s, IndexedSum) and isinstance(s.operand, Symbol)
            and (stems is None or s.operand.name.split("_")[0] in stems)]
    if stems:  # Σ_j y_j a_i with y one-hot: the labels' own sum Σ_j y_j, though the step does not write it
        sums += [IndexedSum(y, n.args[1], n.args[2]) for e in (plan.lhs, plan.rhs) for n in kept_sums(e)
                 if isinstance(n, IndexedSum) and n.condition is None for y in sorted(n.operand.free_symbols, key=str)
                 if y.name.split("_")[0] in stems and y.name == f"{y.name.split('_')[0]}_{n.index}"]
    for total in dict.fromkeys(sums):
        trial = dataclasses.replace(state, hypotheses=[(total, Integer(1), "")])
        status, _verdict, _where, used = _run(plan, runs, trial, check, workers, hypotheses=True)
        if status == "confirmed" and used:
            return total
    return None


def _unstated_normalisation(plan: _Plan, runs: list, state: IndexState, check: Check, workers: int) -> str:
    """Why a refuted step may be what its author meant: it holds if Σ_k y_k = 1 (labels that sum to
    1, as one-hot and probability labels do), which the document does not state."""
    total = _normalised(plan, runs, state, check, workers)
    return "" if total is None else (
        f"false in general, but it holds if {total} = 1 (labels that sum to 1, as one-hot and "
        "probability labels do), which the document does not state: state it to check the step")


def _unstated_intercept(plan: _Plan, runs: list, state: IndexState, check: Check, workers: int) -> str:
    """Why a refuted step may be what its author meant: it holds if x_0 = 1 (the constant input
    that carries the intercept θ_0 into Σ_{i=0} θ_i x_i), which the document does not state."""
    for s in (s for e in (plan.lhs, plan.rhs) for s in kept_sums(e)):
        if not isinstance(s, IndexedSum) or s.first != 0 or not s.operand.is_Mul:
            continue
        for factor in s.operand.args:
            if not isinstance(factor, Symbol) or str(s.index) not in (index_items(factor) or ("", []))[1]:
                continue
            first = instantiate(factor, {}, {str(s.index): 0})
            trial = dataclasses.replace(state, hypotheses=[(first, Integer(1), "")])
            status, _verdict, _where, used = _run(plan, runs, trial, check, workers, hypotheses=True)
            if status == "confirmed" and used:
                return (f"false in general, but it holds if {first} = 1 (a constant input that carries "
                        f"the intercept into a sum from 0, a usual convention), which the document does "
                        f"not state: state it to check the step")
    return ""


def _general(plan: _Plan, state: IndexState, check: Check) -> tuple | None:
    """("proved", verdict, reason) when the step holds whatever its sums are (for every n)."""
    defs = [(d.head, d.body, d.letters) for d in plan.defs]
    for hypotheses in ([], [(lhs, rhs) for lhs, rhs, _line in state.hypotheses]):
        if hypotheses and not state.hypotheses:
            break
        try:
            form = general_form(plan.lhs, plan.rhs, defs, [(state.resolve(h, set()), v)
                                                           for h, v in hypotheses])
        except (ValueError, TypeError):
            return None
        if form is None:
            return None
        lhs, rhs, pairs = form
        if hypotheses and (lhs, rhs) == general_form(plan.lhs, plan.rhs, defs)[:2]:
            return None  # the hypotheses do not enter this step
        verdict = check(lhs, rhs, _ordered(pairs))
        if not isinstance(verdict, str) and verdict.status == "proved":
            extra = "".join(f"; {n}" for n in plan.notes)
            if hypotheses:
                extra += "; using the hypothesis " + "; ".join(f"{h} = {v} ({where})"
                                                               for h, v, where in state.hypotheses)
            return ("proved", verdict, "proved for every size and every index value (it holds "
                    f"whatever values its sums take){extra}")
    return None


def _lookalike(plan: _Plan) -> str:
    """Why a refuted step may still be right: it uses a^{(l)}_j, undefined, where the document
    defines a^{(L)}_j (the same name in another layer), so it may rely on what a^{(l)}_j stands for."""
    heads = {}
    for d in plan.all_defs:
        parts = index_items(d.head)
        if parts:
            heads.setdefault(parts[0], d.head)
    every = [plan.lhs, plan.rhs] + [d.body for d in plan.defs]
    variables = {v for e in every for d in e.atoms(Derivative) for v in d.variables}
    # what a derivative's variable is defined as only gives its value: a^{(L-1)} in z^{(L)}'s
    # definition does not change ∂z^{(L+1)}/∂z^{(L)}
    exprs = [plan.lhs, plan.rhs] + [d.body for d in plan.defs
                                    if not any(_matches(v, d) for v in variables)]
    # nor does another unit of the variable's own layer (z_j^{(l)} next to ∂z_k^{(l+1)}/∂z_i^{(l)})
    layers = {family(v) for v in variables} - {None}
    for e in exprs:
        for sym in sorted(e.free_symbols - variables, key=str):
            parts = index_items(sym)
            if family(sym) in layers:
                continue
            if parts and parts[0] in heads and not any(_matches(sym, d) for d in plan.all_defs):
                return (f"false if {sym} is an independent unknown, but the document defines "
                        f"{heads[parts[0]]} (the same name with other indices) and not {sym}, so "
                        f"the step may rely on what {sym} stands for; define it to check it")
    return ""


def _made_of(plan: _Plan) -> str:
    """Why a refuted step may still be right: it writes a name both alone and with an index (y and
    y_i), neither defined, so it may read the one as made of the others (y_0 = 1 - y, y_1 = y for two
    classes, or the entries of a vector), which independent random values are not."""
    every = [plan.lhs, plan.rhs] + [d.body for d in plan.defs]
    names = set().union(*(e.free_symbols for e in every))
    undefined = {s for s in names if isinstance(s, Symbol) and not any(_matches(s, d) for d in plan.all_defs)}
    for bare in sorted((s for s in undefined if index_items(s) is None), key=str):
        indexed = sorted(str(s) for s in undefined if (index_items(s) or ("",))[0] == bare.name)
        if indexed:
            return (f"but {bare} and {', '.join(indexed)} are both written and not defined, and the step may "
                    f"read {bare} as made of the {indexed[0]} (a vector and its entries, or the two classes "
                    f"of a binary label), which random values are not: define the one from the others to "
                    f"check it")
    return ""


def _run(plan: _Plan, runs: list, state: IndexState, check: Check, workers: int,
         hypotheses: bool) -> tuple[str, object, str, list]:
    """Check every instance (in parallel); the first failure in size order, else 'confirmed'."""
    used_all: list = []

    def one(run):
        sizes, values = run
        try:
            l, r = (instantiate(e, sizes, values) for e in (plan.lhs, plan.rhs))
            subs = _substitutions(plan, sizes, values, [l, r])
        except ValueError as err:
            return f"its instance {_describe(values, sizes)} cannot be formed ({err})", []
        if any(_undefined(e) for e in (l, r)):  # 1/(N - 1) at N = 1
            return _UNDEFINED, []
        used: list = []
        if hypotheses:
            needed = set().union(l.free_symbols, r.free_symbols, *(b.free_symbols for _, b in subs))
            extra, used = _hypothesis_pairs(state, sizes, values, needed)
            subs = subs + extra
        verdict = check(l, r, subs)
        by = None if isinstance(verdict, str) or verdict.ok else \
            _defined_variable([l, r] + [b for _h, b in subs], subs)
        if by is not None and verdict.status == "refuted" and not _merged(by, plan):
            by = None  # refuted on the instance, unless it merges two quantities (layers L_j and L_k)
        if by is not None:  # ∂J/∂z_1 with z_1 = Σ …: left to the graph of unknown functions (indexed_chains)
            return f"it differentiates by {by}, which its definition replaces on the instance", used
        return verdict, used

    start, undefined = time.monotonic(), []
    batch = max(1, workers) * 2
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for k in range(0, len(runs), batch):
            if k and time.monotonic() - start > STEP_BUDGET:
                sizes, values = runs[k - 1]
                return "not checked", None, (
                    f"its instances hold up to {_describe(values, sizes)}, but the others were not "
                    f"checked within the step's time budget ({STEP_BUDGET:g} s)"), used_all
            chunk = runs[k:k + batch]
            for (sizes, values), (verdict, used) in zip(chunk, pool.map(one, chunk)):
                used_all.extend(u for u in used if u not in used_all)
                if verdict is _UNDEFINED:
                    undefined.append(_describe(values, sizes))
                    continue
                if isinstance(verdict, str):
                    return ("not checked", None, f"{verdict} (at the instance {_describe(values, sizes)})",
                            used_all)
                if not verdict.ok:
                    status = "refuted" if verdict.status == "refuted" else "inconclusive"
                    return status, verdict, _describe(values, sizes), used_all
    if len(undefined) == len(runs):
        return "not checked", None, "it is undefined at every instance (a denominator vanishes)", used_all
    return "confirmed", None, _skipped(undefined), used_all


_UNDEFINED = object()  # an instance where a side has no value for any values of its symbols


def _undefined(expr: Basic) -> bool:
    """True if ``expr`` divides by a number that is zero (``1/(N - 1)`` at N = 1), for any values of its symbols."""
    return expr.has(S.ComplexInfinity, S.NaN) or any(
        p.exp.is_negative and not p.base.free_symbols and p.base.is_zero for p in expr.atoms(Pow))


def _skipped(undefined: list) -> str:
    """The note on instances skipped because the step is undefined there (1/(N - 1) at N = 1)."""
    if not undefined:
        return ""
    shown = ", ".join(undefined[:3]) + (f" and {len(undefined) - 3} more" if len(undefined) > 3 else "")
    return f"undefined at {shown} (a denominator vanishes there), skipped"
