"""Check a derivation someone wrote: every ``=`` step of every chain, the first wrong one shown.

The recipe: find the mathematics (:mod:`.extract`), parse each block into chains (:mod:`.parser`),
read definitions (``σ(z) = …`` at the top of a chain defines σ from there on; ``J = …`` defines
the symbol J), check each remaining ``=`` step with :func:`derivations.check_equal`, and report.
Nothing from the input is evaluated as code: the parser builds SymPy objects directly, and all
SymPy work on them happens in the time-limited worker process.

>>> report = check_text(r"$$\\tanh(a) + 1 = \\frac{2}{1+e^{-2a}} = 2\\sigma(2a)$$", path="demo.md")
>>> [s.status for s in report.chains[0].steps]
['proved', 'proved']
>>> report.exit_code
0
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import sympy
from sympy import Basic, Derivative, Lambda, Symbol
from sympy.core.function import AppliedUndef

from derivations.checker.chain_start import arrow_form, chain_start, continued, several_equations
from derivations.checker.identity import identity_read
from derivations.checker.index_shift import unshifted
from derivations.checker.checkable import arbitrary_functions, sums_unfolded, undefined_functions, why_not_checkable
from derivations.checker.cases import by_pieces, under_condition, unfolded_pieces
from derivations.checker.aliases import alias_names, alias_steps
from derivations.checker.approx import approximation, as_rounding, entrywise_approximation
from derivations.checker.applications import applications, function_names
from derivations.checker.declarations import declared
from derivations.checker.dependencies import Graph, graph_step
from derivations.checker.backward_names import (
    BACKWARDS_REASON, column_names, column_values, first_seen, function_named, link_names, names_backwards)
from derivations.checker.dependency_statements import (
    dependency_edges, dependency_statement, dependency_text, derivative_mentions)
from derivations.checker.document_functions import (
    TAIL_REASON, USUAL_FUNCTIONS, applied_arguments, applied_functions, document_functions, is_function_head,
    parse_define, predefine, quantities_applied, restated_formula)
from derivations.checker.facts import Facts
from derivations.checker.hints import refuted_hint
from derivations.checker.defined_claims import defined_with_marker, names_a_derivative
from derivations.checker.indexed_chains import at_general_layer, indexed_chain
from derivations.checker.local_clauses import with_local_clause
from derivations.checker.conditions import real_retry
from derivations.checker.equations import UNDECIDED, in_solving_chain, lone_condition
from derivations.checker.local_conditions import condition_before, equation_to_solve, under_words
from derivations.checker.indexed import index_items, index_names
from derivations.checker.indexstate import IndexState, new_names, one_hot_labels
from derivations.checker.instances import check_instances, needs_instances
from derivations.checker.primes import OPEN, differentiated, resolve_primes
from derivations.checker.solving import set_to_zero
from derivations.checker.substitutions import numbers_for_indexed, unstated_values
from derivations.checker.extract import MathBlock, extract, math_text, stray_math
from derivations.checker.given_numbers import integer_step
from derivations.checker.points import at_point, introduces_point, near_point, only_at_point
from derivations.checker.layer_indices import layer_superscripts
from derivations.checker.macros import expand_macros
from derivations.checker.matrices import matrix_reading
from derivations.checker.matrix_notation import (entry_definitions, is_matrix_marker, scalar_products, substituted,
                                                 unread_norm)
from derivations.checker.readings import bare_sigma, carry_notes
from derivations.checker.redefinitions import meant_otherwise, put_in, redefinition, restates, symbol_redefinition, tail_again
from derivations.checker.rounding import chain_givens
from derivations.checker.sections import section_lines, several_meanings
from derivations.checker.stated_values import (
    hidden_dependence, named_in_chain, retry_given, unread_definition, unread_head, unread_values)
from derivations.checker.undefined_quantities import (
    named_earlier, numbered_derivative, substituted_unknown, through_named, through_undefined, undefined_dependents, vacuous)
from derivations.checker.updates import frozen, is_update, new_value, update_reason
from derivations.checker.reasons import (
    glued_d, named_by_reason, open_operator, other_case, states_no_relation, unread_reason)
from derivations.checker.relationless_rows import readable_rows
from derivations.checker.report import ChainResult, CheckReport, Note, StepResult, guarded
from derivations.checker.indicators import indicator_definitions
from derivations.checker.parser import Chain, LatexParseError, LatexUnsupportedError, parse_chains, parse_expression
from derivations.core.definitions import STANDARD, Definition, chained, unfold
from derivations.core.domains import REAL, Domain
from derivations.errors import InvalidInputError
from derivations.verify.recipe import PLACEHOLDER, Limits, Verdict, check_equal, planning

__all__ = ["StepResult", "ChainResult", "Note", "CheckReport", "check_text", "parse_define", "CHECK_LIMITS", "MAX_BYTES"]

CHECK_LIMITS = Limits(prepare=5.0, strategy_scale=0.5, numeric=10.0)
"""Time limits of one step in ``derivations check`` (seconds; every step is bounded)."""
MAX_BYTES = 1 << 20
"""The largest file ``check`` reads (1 MiB): larger input is refused with a clear message."""

_LINKED = "named by a link"
_LONE = "an equation between unknowns standing alone, read as a hypothesis (it is not an identity)"
_RELATION_TEXT = {"approx": "≈", "<": "<", "<=": "≤", ">": ">", ">=": "≥", "neq": "≠", "update": "←"}


# --- definitions ---------------------------------------------------------------------------------

@dataclass
class _Context:
    """What the document has said so far: function definitions, symbol definitions, domains."""

    functions: dict = field(default_factory=lambda: {d.function: d for d in STANDARD})
    symbols: list = field(default_factory=list)  # (Symbol, expression), in order
    raw: list = field(default_factory=list)  # the same, as written (before earlier ones are applied)
    domains: dict = field(default_factory=dict)
    names: set = field(default_factory=set)
    dependents: dict = field(default_factory=dict)  # A -> {B} for every ∂A/∂B of the document
    predefined: set = field(default_factory=set)  # functions defined once, known from the start
    tails: set = field(default_factory=set)  # ids of the chains y = f(x) = … whose last link defines f
    again: set = field(default_factory=set)  # the same, for an f the document defines more than once
    seen: set = field(default_factory=set)  # the symbols of the chains checked so far
    premises: set = field(default_factory=set)  # ids of chains that a ⇒ chain follows
    last_equation: tuple | None = None  # (lhs, rhs) of the last chain of equalities
    last_checked: bool = False  # the last chain has a step checked as an identity (held or not)
    matrices: object = None  # checker.matrices.MatrixReading when the document has vectors or matrices
    sums: IndexState = field(default_factory=IndexState)  # index letters, ranges, sum hypotheses
    applied: dict = field(default_factory=dict)  # function name -> the arguments the document gives it
    stated: frozenset = frozenset()  # symbols at the head of an equation anywhere in the document
    facts: Facts = field(default_factory=Facts)  # hypotheses about undefined quantities' derivatives
    given: list = field(default_factory=list)  # stated_values.Given: values stated (= number) or rounded (≈)
    unread: dict = field(default_factory=dict)  # stem of a name an unread block defines ("y" of y_i = …) -> line
    later: list = field(default_factory=list)  # (line, head, body) of every ≜ / := definition of a symbol
    equations: list = field(default_factory=list)  # (line, head, body) of every x = … with two sides
    named: list = field(default_factory=list)  # (line, lhs, rhs) of links read as naming (−log q_y = −log(e^{z_y}/Σ))
    around: frozenset = frozenset()  # the variables the last chain with a derivative differentiates by
    points: dict = field(default_factory=dict)  # x -> (line, end) of "at the point $x = 0$": a value given in passing
    restated: list = field(default_factory=list)  # (line, σ, x, body) of dσ(x)/dx = d/dx body, not checked
    near: set = field(default_factory=set)  # the points the block being checked is still about (no prose between)
    at: set = field(default_factory=set)  # ids of the inline blocks "at" introduces (at the point $x = 0$)

    def graph(self) -> Graph:
        """The dependency graph of the document's quantities (:mod:`.dependencies`)."""
        return Graph(dict(self.raw), self.dependents, self.applied, frozenset(self.functions), self.stated,
                     bodies=self.functions)

    def define_function(self, head: Basic, body: Basic, label: str) -> None:
        # The body's parameters (θ in h_θ(x) = σ(θx)) get the assumptions the verifier gives the
        # step's symbols, so that both stand for the same θ once the definition is unfolded.
        params = {p: Symbol(p.name, **self.domains.get(p.name, REAL).assumptions)
                  for p in body.free_symbols - set(head.args) if type(p) is Symbol}
        self.functions[head.func] = Definition(head.func, Lambda(head.args, substituted(body, params)),
                                               label, "defined in the document")

    def define_symbol(self, head: Symbol, body: Basic | None) -> None:
        """``head = body``; earlier definitions are applied to body now, so they chain (ŷ in L).

        A second definition of ``head`` replaces the first from here on, also inside the symbols
        defined with it (``z = \\sin(x^2+y^2), x = e^t`` after a general ``x = g(t)``); a body
        None drops the definition (an update to an unknown value)."""
        self.raw = [(s, v) for s, v in self.raw if s != head] + ([(head, body)] if body is not None else [])
        self.symbols = chained(self.raw)

    def define_name(self, name: Basic, value: Basic) -> None:
        """``name = value`` from here on, for the steps checked on vector and matrix instances too (a name
        a link gives: ln(P/(1−P)) = z, a_1 of a vector; a where-clause's z_i = wᵀx_i; g(z) of g'(z) = d/dz …)."""
        if isinstance(name, AppliedUndef):
            return self.define_function(name, value, _LINKED)
        self.define_symbol(name, value)
        if self.matrices:
            self.matrices.definitions[name] = value

    def unfolded(self, expr: Basic) -> Basic:
        """``expr`` with the symbols the document defines replaced by their definitions."""
        bound = {v for d in expr.atoms(Derivative) for v in d.variables}
        rule = {s: v for s, v in self.symbols if s not in bound}
        try:
            return expr.xreplace(rule) if rule else expr
        except (ValueError, TypeError):  # SymPy refuses the result (e.g. a derivative by a number)
            return expr

    def defined_symbols(self) -> set:
        return {s for s, _ in self.symbols}

    def check(self, lhs: Basic, rhs: Basic, substitutions: list | None = None, domains: dict | None = None) -> Verdict:
        """``lhs = rhs`` checked with the document's functions, its symbols (or ``substitutions``) and its domains
        (or ``domains``)."""
        return check_equal(lhs, rhs, self.domains if domains is None else domains, tuple(self.functions.values()),
                           limits=CHECK_LIMITS, substitutions=self.symbols if substitutions is None else substitutions)


def _next_layer(head: Symbol, body: Symbol, ctx: _Context) -> bool:
    """``x_{l+1} = y_l`` with y_l defined and x_{l+1} not: the next layer's input named, a definition (not a
    condition between two symbols, as ``i = j`` is)."""
    return unshifted(head, body) is not None and body in ctx.defined_symbols() and head not in ctx.defined_symbols()


# --- checking --------------------------------------------------------------------------------------

def _solved_for(head: Symbol, chain: Chain, ctx: _Context) -> bool:
    """``⇒ x = …`` after an equation in x: the solution of that equation, not a definition of x."""
    return (chain.leading in ("implies", "iff") and ctx.last_equation is not None
            and head in set().union(*(e.free_symbols for e in ctx.last_equation))
            or chain.ops[0] == "=" and defined_with_marker(head, ctx.raw, ctx.later))  # δ ≜ …, then δ = …


def _first_seen(rhs: Basic, before: list, ctx: _Context, sums: set | None = None) -> str:
    """:func:`.backward_names.first_seen` with what the document has seen and defined so far."""
    return first_seen(rhs, before, _seen(before, ctx, rhs), ctx.unfolded, sums)


def _seen(before: list, ctx: _Context, rhs: Basic) -> set:
    """The names seen or defined so far, with those of ``before`` and the entries of matrices seen."""
    seen = ctx.seen | ctx.defined_symbols() | set().union(*(e.free_symbols for e in before)) | (
        {ctx.matrices.identity()} - {None} if ctx.matrices else set())  # λI: the identity, not a new name
    return seen | (ctx.matrices.entry_names(rhs, seen) if ctx.matrices else set())  # A_{jk}, with A seen


def _valued_families(ctx: _Context) -> set:
    """The bases of the indexed names the document gives a number (x of x_1 = 2, or of a value a chain states)."""
    valued = {s for s, v in ctx.symbols if not v.free_symbols} | {g.key for g in ctx.given if isinstance(g.key, Symbol)}
    return {parts[0] for s in valued if isinstance(s, Symbol) and (parts := index_items(s))}


def _has_value(name: str, ctx: _Context) -> bool:
    """True if the document gives ``name`` (a symbol's name, or a derivative as written) a number."""
    try:
        key = Symbol(name) if not name.startswith("\\") else parse_expression(name, functions=ctx.names)
    except (LatexParseError, LatexUnsupportedError):
        return False
    return any(g.key == key for g in ctx.given) or not ctx.unfolded(key).doit().free_symbols


def _define_entries(head: Basic, value: Basic, ctx: _Context) -> str:
    """For ``x = [2.0, 3.0, 1.0]``, x_1 = 2, x_2 = 3, x_3 = 1 defined too; the words that say so, or ""."""
    entries = [(e, v) for e, v in entry_definitions(head, value) if e not in ctx.defined_symbols()]
    for entry, number in entries:
        ctx.define_symbol(entry, number)
    return ", and of its entries " + ", ".join(f"{e} = {v}" for e, v in entries) if entries else ""


def _line_of(block: MathBlock, offset: int) -> int:
    return block.line + block.body.count("\n", 0, offset)


def _record_values(chain: Chain, block: MathBlock, before: set, ctx: _Context) -> None:
    """What a chain states about values (E = … = number, σ(1.1) ≈ 0.75), kept for later steps;
    values stated earlier for a name the chain (re)defines are stale and dropped."""
    changed = {s for s, v in ctx.raw if (s, v) not in before}
    ctx.given = [g for g in ctx.given if g.key not in changed and not g.key.free_symbols & changed]
    ctx.given += chain_givens(chain.items, chain.ops, chain.sources, [
        _line_of(block, span[0]) for span in chain.spans], ctx.check)


def _indexed_step(items: list, sources: list, k: int, line: int, ctx: _Context) -> StepResult:
    """``items[k] = items[k + 1]`` with indexed sums or definitions: checked on instances."""
    lhs, rhs = items[k], items[k + 1]
    real: list = []  # instances that hold only where their logarithms are real: what the reason says
    status, verdict, reason = check_instances(lhs, rhs, ctx.sums, ctx.raw,
                                              lambda l, r, subs: _instance(l, r, subs, ctx, real))
    reason += f"; on an instance: {min(real, key=lambda r: (len(r), r))}" if status == "confirmed" and real else ""
    anyone = sorted(map(str, arbitrary_functions((lhs, rhs), ctx))) if status == "confirmed" else []
    reason += f"; for every function {', '.join(anyone)} (not defined in the document)" if anyone else ""
    fresh = new_names(rhs, items[:k + 1], ctx.seen, ctx.symbols, ctx.sums) if status == "refuted" else []
    hidden = hidden_dependence(lhs, rhs, verdict, ctx.dependents, ctx.raw) if status == "refuted" and not fresh else ""
    if hidden:  # y_1 free on the instance although the document writes ∂y_k/∂z_i
        status, reason = "not checked", f"{reason}; but {hidden}" if reason else hidden
    if tied := status == "refuted" and not fresh and through_named(lhs, ctx):  # z_k := Σ_j w a_j = Σ_j w σ(z_j)
        status, reason = "not checked", f"{tied}: {reason}"
    elsewhere = status == "refuted" and not fresh and numbers_for_indexed(lhs, rhs, _valued_families(ctx).__contains__)
    if elsewhere:  # Σ_j x_j² + 1 = 31 with the x_j of an example the excerpt does not give
        status, reason = "not checked", f"{reason}; but {elsewhere}"
    if fresh:  # w - w^* = Σ_i α_i u_i: α_i appears here first; alone, the equation states it
        names, alone = ", ".join(map(str, fresh)), len(items) == 2 and not (  # ∇_a C = …, C defined: a claim
            isinstance(lhs, Derivative) and lhs.expr in ctx.defined_symbols())
        status, verdict = ("hypothesis", None) if alone else ("not checked", verdict)
        ctx.named.append((line, lhs, rhs, set() if alone else set(fresh)))  # a hypothesis states them
        reason = (f"not an identity, but it brings in {names}, undefined and not seen before, so "
                  f"it {'states what they are (a hypothesis)' if alone else 'may only name them'}")
    return StepResult(line, sources[k], sources[k + 1], "=", status, verdict, reason=reason)


def _equality_step(chain: Chain, items: list, sources: list, k: int, line: int, ctx: _Context) -> StepResult:
    """Check ``items[k] = items[k + 1]``, with the hypotheses stated so far (:mod:`.facts`); a prime
    without an argument (``u'``) is taken by the one variable of u's definition (:mod:`.primes`)."""
    primed = resolve_primes(items[k:k + 2], ctx.unfolded, ctx.around)
    if isinstance(primed, str):
        return StepResult(line, sources[k], sources[k + 1], "=", "not checked", reason=primed)
    items = items[:k] + primed[0] + items[k + 2:]
    eye = identity_read(items[k:k + 2], ctx.defined_symbols())  # ∂x_{l+1}/∂x_l = I + ∂F_l/∂x_l
    notes = tuple(n for n in (primed[1], eye and eye[1]) if n)
    items = items[:k] + eye[0] + items[k + 2:] if eye else items
    result = ctx.facts.step(chain, items, sources, k, line, ctx.graph(), ctx.defined_symbols() | (
                                ctx.matrices.defined(items) if ctx.matrices else set()),  # σ = σ(wᵀx), y_k of y = Ax
                          lambda written: _checked_step(chain, written, sources, k, line, ctx),
                          conditional=bool(chain.condition or ctx.sums.active() or at_general_layer(
                              items[k], items[k + 1], ctx.raw, ctx.sums.letters)) or (
                              k == 0 and isinstance(items[0], Derivative)  # p_i of a template p_j = …
                              and needs_instances(items[0].expr, items[0].expr, ctx.sums, ctx.raw)))
    through = result.status in ("refuted", "inconclusive") and ctx.matrices and ctx.matrices.through(
        items[k], items[k + 1], {f: d.body for f, d in ctx.functions.items()})
    if through:  # p̂_i = σ(wᵀx_i): p̂ is no number of any value; instances where its definition holds decide
        result = dataclasses.replace(result, status=through[0], verdict=None, reason=through[1], hint="")
    unread = result.status == "refuted" and (unread_definition(items[k:k + 2], ctx.unread, ctx.defined_symbols())
                                             or several_meanings(items[k:k + 2], line, ctx.equations, ctx.facts.sections)
                                             or not result.given and numbered_derivative(items[k:k + 2], ctx)
                                             or open_operator(sources[k:k + 2]))  # ∂/∂w w a + b: first term or all?
    if unread:  # y_i defined in a block the parser refused, x defined again in another section, ∂ of numbers, …
        result = dataclasses.replace(result, status="not checked", reason=f"{unread}: {result.reason}".rstrip(": "))
    return dataclasses.replace(result, notes=result.notes + notes) if notes else result


def _checked_step(chain: Chain, items: list, sources: list, k: int, line: int, ctx: _Context) -> StepResult:
    """Check ``items[k] = items[k + 1]``: an identity, a solving step, a premise or a hypothesis."""
    lhs, rhs = items[k], items[k + 1]
    glued = glued_d((lhs.free_symbols | rhs.free_symbols) - ctx.defined_symbols(), sources[k] + " " + sources[k + 1])
    if glued:
        return StepResult(line, sources[k], sources[k + 1], "=", "not checked", reason=glued)
    functions = {f: d.body for f, d in ctx.functions.items()}
    matrix = ctx.matrices and ctx.matrices.step(lhs, rhs, functions)
    matrix = matrix or integer_step(lhs, rhs, ctx.symbols, sources[k + 1])  # floor, given numbers
    if matrix:  # vectors, matrices, convolutions, eigen-hypotheses: checked on instances
        solving = ctx.matrices and len(items) == 2 and chain.leading in ("implies", "iff") and ctx.last_equation
        if matrix[0] == "refuted" and solving:  # 2XᵀXw − 2Xᵀy = 0 ⇔ XᵀXw = Xᵀy: it follows, or not
            matrix = ctx.matrices.follows(ctx.last_equation, lhs, rhs, chain.leading == "iff", functions) or (
                "not checked", UNDECIDED.format("⇔" if chain.leading == "iff" else "⇒"))
        elif matrix[0] == "refuted" and len(items) == 2 and ctx.matrices and (
                ctx.matrices.stands_alone(lhs, rhs) or ctx.matrices.assume(lhs, rhs)):
            matrix = ("hypothesis", "an equation between unknowns standing alone, read as a hypothesis "
                                    f"(it is not an identity: it {matrix[1]})")
        also = ctx.matrices.defined(items) | ctx.matrices.losses() if ctx.matrices else ()  # ∂J_i/∂z_i, p_i undefined
        named = (undefined_dependents((lhs, rhs), ctx, True, also) or named_earlier((lhs, rhs), ctx) or _first_seen(
            rhs, items[:k + 1], ctx, index_names((lhs, rhs)))) if matrix[0] == "refuted" else ""
        ctx.named += [(line, lhs, rhs, rhs.free_symbols - _seen(items[:k + 1], ctx, rhs))] if "first time" in named else []
        return StepResult(line, sources[k], sources[k + 1], "=", "not checked" if named else matrix[0],
                          reason=f"{named}: {matrix[1]}" if named else matrix[1])
    summed = [sums_unfolded(e, ctx) for e in (lhs, rhs)]  # J(θ) = (1/2m) Σ_i …: its sum on instances too
    summed = items if summed == [lhs, rhs] else [*items[:k], *summed, *items[k + 2:]]
    indexed = needs_instances(summed[k], summed[k + 1], ctx.sums, ctx.raw) and _indexed_step(
        summed, sources, k, line, ctx)
    solved = indexed and indexed.status == "refuted" and len(items) == 2 and in_solving_chain(
        line, sources, lhs, rhs, chain, ctx, indexed.verdict)  # Σ x_i(y_i − a x_i) = 0 ⇔ …: equations
    if solved:
        return solved
    if indexed and indexed.status == "refuted" and len(items) == 2 and lone_condition(lhs, rhs, ctx):
        return dataclasses.replace(indexed, status="hypothesis", reason=f"{_LONE[:-1]}: {indexed.reason})")  # c_i c_j = 0, i ≠ j
    if indexed and indexed.status != "not checked":  # indexed sums: checked on instances
        named = indexed.status == "refuted" and (undefined_dependents((lhs, rhs), ctx, True) or named_earlier(
            (lhs, rhs), ctx) or through_undefined(lhs, rhs, ctx) or _first_seen(
            rhs, items[:k + 1], ctx, index_names((lhs, rhs))) or (
            k == 0 and _first_seen(lhs, [], ctx, index_names((lhs, rhs)) | {  # Σ_j J_{ij} = … with J := …
                s for s in lhs.free_symbols if Symbol(s.name.split("_")[0]) not in ctx.seen | ctx.defined_symbols()})))
        return dataclasses.replace(indexed, status="not checked", reason=f"{named}: {indexed.reason}") if named else indexed
    graph = graph_step(lhs, rhs, ctx.graph(),
                       lambda a, b, limits=CHECK_LIMITS: check_equal(a, b, ctx.domains, tuple(
                           ctx.functions.values()), limits=limits), use=ctx.facts.resolved)
    chained = (graph is None or graph.status in ("", "not checked")) and _indexed_chain(lhs, rhs, ctx, line)
    if chained:  # an indexed chain rule through undefined quantities, on instances
        return StepResult(line, sources[k], sources[k + 1], "=", chained[0], chained[1],
                          reason=chained[2], hint=chained[3])
    if graph is not None and graph.status and not (indexed and graph.status == "not checked"):
        # a step about quantities the document leaves undefined
        return StepResult(line, sources[k], sources[k + 1], "=", graph.status, graph.verdict,
                          reason=graph.reason, hint=graph.hint)
    if indexed:
        return indexed
    lhs, rhs = graph.sides if graph is not None else (lhs, rhs)  # derivatives taken on the graph
    why = why_not_checkable((lhs, rhs), ctx)
    if why:
        return StepResult(line, sources[k], sources[k + 1], "=", "not checked", reason=why)
    pieces = unfolded_pieces([ctx.unfolded(e) for e in (lhs, rhs)], tuple(ctx.functions.values()))
    if pieces and pieces[0] not in ctx.domains:  # cases: each open piece apart, never at a boundary
        verdict, why = by_pieces(*pieces, lambda name, dom: ctx.check(lhs, rhs, domains={**ctx.domains, name: dom}))
        return StepResult(line, sources[k], sources[k + 1], "=", verdict.status, verdict, reason=why)
    verdict = ctx.check(lhs, rhs)
    products = verdict.status == "inconclusive" and "transpose" in verdict.reason and not (
        lhs.has(Derivative) or rhs.has(Derivative)) and scalar_products(ctx.symbols)  # y = σ(z), z = wᵀx
    verdict = ctx.check(lhs, rhs, products) if products else verdict
    retried = verdict.status == "refuted" and real_retry(
        ctx.unfolded(lhs), ctx.unfolded(rhs), verdict, ctx.domains, lambda doms: ctx.check(lhs, rhs, domains=doms))
    if retried:
        return StepResult(line, sources[k], sources[k + 1], "=", retried[0].status, retried[0],
                          reason=retried[1])
    solved = not verdict.ok and len(items) == 2 and in_solving_chain(line, sources, lhs, rhs, chain, ctx, verdict)
    if solved:
        return solved
    if verdict.status == "refuted" and len(items) == 2 and lone_condition(lhs, rhs, ctx):
        return StepResult(line, sources[k], sources[k + 1], "=", "hypothesis", verdict,
                          reason=_LONE)
    norm = unread_norm(ctx.unfolded(lhs) - ctx.unfolded(rhs))  # ‖…‖ of numbers: only stated values decide
    given = (verdict.status == "refuted" or norm) and retry_given(
        (lhs, rhs), ctx.given, ctx.unfolded, ctx.check, refute=bool(norm))
    if given:  # holds with values the document stated or rounded (E_{o1} = 0.2748…, σ(1.1) ≈ 0.75)
        return StepResult(line, sources[k], sources[k + 1], "=", given[0].status, given[0], reason=given[1])
    if norm:
        return StepResult(line, sources[k], sources[k + 1], "=", "not checked", verdict, reason=norm)
    unknown = (undefined_dependents((lhs, rhs), ctx) or substituted_unknown(lhs, rhs, ctx) or through_undefined(
        items[k], items[k + 1], ctx) or through_named(items[k], ctx) or named_earlier((lhs, rhs), ctx) or _first_seen(
        rhs, items[:k + 1], ctx) or named_in_chain(
        items, k, ctx.seen | ctx.defined_symbols(), ctx.unfolded) or unstated_values(
        sources[k], sources[k + 1], lambda name: _has_value(name, ctx)) or meant_otherwise(
        (lhs, rhs), ctx.restated, ctx.check) if verdict.status == "refuted" else "")
    if unknown:
        return StepResult(line, sources[k], sources[k + 1], "=", "not checked", verdict, reason=unknown)
    hint = refuted_hint(lhs, rhs, verdict, ctx.domains, tuple(ctx.functions.values()),
                        ctx.symbols) if verdict.status == "refuted" else ""
    only_there = verdict.ok and only_at_point(items[k:k + 2], {s: p[0] for s, p in ctx.points.items() if s not in ctx.near},
                                              ctx.raw, lambda rest: ctx.check(*items[k:k + 2], rest))
    if only_there:  # σ'(x) = 1/4 after "at the point $x = 0$": meant there, or for every x?
        return StepResult(line, sources[k], sources[k + 1], "=", "not checked", verdict, reason=only_there)
    return StepResult(line, sources[k], sources[k + 1], "=", verdict.status, verdict, hint=hint,
                      notes=(SCALAR_PRODUCTS,) if products and verdict.status != "inconclusive" else ())


SCALAR_PRODUCTS = "each wᵀx read as one number (the vectors' size is not stated, so it takes any value)"


def _indexed_chain(lhs: Basic, rhs: Basic, ctx: _Context, line: int) -> tuple | None:
    """:func:`.indexed_chains.indexed_chain` with the document's context; None unless it decides.

    A planning pass (:mod:`derivations.verify.pool`) does not walk the instances: their graphs cost
    more than the parallel answers to their questions save, and the real pass walks them anyway."""
    if planning():
        return "confirmed", PLACEHOLDER, "", "", ""
    out = indexed_chain(lhs, rhs, ctx.sums, ctx.raw, ctx.dependents,
                        (ctx.applied, frozenset(ctx.functions), ctx.stated),
                        lambda a, b, limits=CHECK_LIMITS: check_equal(
                            a, b, ctx.domains, tuple(ctx.functions.values()), limits=limits),
                        later=[d for d in ctx.later if d[0] > line], after=[d for d in ctx.equations if d[0] > line])
    return out if out is not None and out[0] != "not checked" else None


def _instance(lhs: Basic, rhs: Basic, substitutions: list, ctx: _Context, real: list) -> Verdict | str:
    """One instance of an indexed step: why it cannot be checked, or its verdict; one refuted only where
    a side is complex (log p_1 at p_1 = -2) is checked again where both are real, and ``real`` says so.
    An undefined function it only applies is any function: a verdict that holds for every one stands,
    another says why it is not checked (the document may mean one it does not state)."""
    arbitrary = arbitrary_functions((lhs, rhs), ctx)
    why = why_not_checkable((lhs, rhs), dataclasses.replace(ctx, symbols=list(substitutions)), arbitrary)
    if why:
        return why
    check = lambda domains: ctx.check(lhs, rhs, substitutions, domains)  # noqa: E731
    verdict = check(ctx.domains)
    retried = verdict.status == "refuted" and real_retry(lhs, rhs, verdict, ctx.domains, check)
    real += [retried[1]] if retried else []
    verdict = retried[0] if retried else verdict
    if arbitrary and verdict.status != "proved":  # false for some h, or undecided: h may be a given one
        return why_not_checkable((lhs, rhs), dataclasses.replace(ctx, symbols=list(substitutions)))
    return verdict


def _known(ctx: _Context) -> tuple:
    """What a name given in a link must not be: seen, defined, defined later, a function, or unread."""
    return (ctx.seen, ctx.defined_symbols(), [d[1] for d in ctx.later + ctx.equations] + [
        Symbol(str(f)) for f in {*ctx.functions, *ctx.applied}], ctx.unread)  # σ of σ(z): not a new name


def _check_chain(chain: Chain, block: MathBlock, ctx: _Context, previous: tuple | None, notes: list) -> ChainResult:
    items, ops = list(chain.items), list(chain.ops)
    sources, spans = list(chain.sources), list(chain.spans)
    start_line = _line_of(block, spans[0][0])
    if chain.leading and chain.leading.startswith("continue:"):
        if previous is None:
            op = _RELATION_TEXT.get(chain.leading.split(":", 1)[1], "=")
            missing = StepResult(start_line, "", sources[0], op, "not checked",
                                 reason="the chain starts with a relation and nothing right before it (a "
                                        "display that ends with one equation, a line of math, words naming "
                                        "it) gives its left side")
            if len(items) < 2:
                return ChainResult(start_line, block.column, block, (missing,))
            rest = _check_chain(dataclasses.replace(chain, leading=None), block, ctx, None, notes)
            return ChainResult(start_line, block.column, block, (missing,) + rest.steps)
        prev_expr, prev_source, prev_line = previous  # "= x" continues the previous display block
        items.insert(0, prev_expr)
        ops.insert(0, chain.leading.split(":", 1)[1])
        sources.insert(0, prev_source)
        spans.insert(0, spans[0])
    condition = ctx.sums.condition_step(items, ops)  # "i = k" before a display: an index condition
    if condition:
        return ChainResult(start_line, block.column, block, (StepResult(
            start_line, sources[0], sources[1], _RELATION_TEXT.get(ops[0], ops[0]), "hypothesis",
            reason=condition),))
    steps: list[StepResult] = []
    solved = isinstance(items[0], Symbol) and _solved_for(items[0], chain, ctx)  # ⇒ w = (XᵀX)⁻¹Xᵀy
    entries = (ops[0] == "=" and not chain.leading and id(chain) not in ctx.premises and is_matrix_marker(items[0])
               and column_names(items, 0, *_known(ctx)))  # (1/2, 1/3)ᵀ = (a_1, a_2)ᵀ: names, not a claim
    special = ctx.matrices and not solved and not entries and ctx.matrices.chain(
        tuple(items), tuple(ops), ctx.defined_symbols(), {f: d.body for f, d in ctx.functions.items()})
    if not special and len(items) == 2 and ops[0] == "=" and items[0] in ctx.defined_symbols():
        given = integer_step(items[0], items[1], ctx.symbols, sources[1])  # size := ⌊…⌋ + 1, then its value
        special = given and ("=", *given)
    if special and special[1] == "refuted" and len(items) == 2 and (
            named := _first_seen(items[1], items[:1], ctx, index_names(tuple(items)))):  # X * W = (o_ij): names
        special = (special[0], "not checked", f"{named}: {special[2]}")
    if special:  # a hypothesis (H u_i = λ_i u_i), a value given as a matrix, a formula with given numbers
        also = _define_entries(items[0], items[1], ctx) if special[1] == "definition" else ""
        return ChainResult(start_line, block.column, block, (vacuous(StepResult(
            start_line, sources[0], sources[1], special[0], special[1], reason=special[2] + also), items[:2], ctx),))
    first = 0
    head = items[0]
    aliases = not chain.leading and alias_names(tuple(items), tuple(ops), ctx.defined_symbols())
    if aliases and not {str(f) for f in undefined_functions(items[-1], ctx)} - set(ctx.applied):
        return ChainResult(start_line, block.column, block, alias_steps(  # ŷ = a = wx + b: both names
            aliases, items, sources, [_line_of(block, span[0]) for span in spans], ctx.define_symbol))
    update = not chain.leading and id(chain) not in ctx.premises and is_update(tuple(items), tuple(ops))
    if update:  # c = c + \frac{2\eta}{n}\sum(…), w \leftarrow …: a new value, not an equation
        value = new_value(head, items[1], ctx.defined_symbols(), ctx.unfolded)
        steps.append(StepResult(start_line, sources[0], sources[1], "←", "definition",
                                reason=update_reason(sources[0].strip(), value is not None)))
        first = 1
    named = None if update else named_by_reason(chain, ctx.defined_symbols(), ctx.seen)
    if named is not None:  # "∵ σ(z_i) = P_i = …": the reason names P_i
        ctx.define_symbol(named, items[0])
        steps.append(StepResult(start_line, sources[0], sources[1], ":=", "definition",
                                reason=f"a reason (∵) that names {sources[1].strip()}: read as its definition"))
        first = 1
    # a reason (∵) defines nothing
    read_as = ""
    if (not update and len(items) == 2 and ops[0] == "=" and chain.leading != "because"
            and isinstance(head, AppliedUndef) and head.func not in ctx.functions
            and (plain := applied_arguments(head, items[1]))):
        head, items[1], read_as = plain  # L(y, h(x)) = -[y log h(x) + …]: L(y, h)
        items[0] = head
        ctx.applied[str(head.func)] = head.args  # a bare L from here on: L(y, h)
    if not update and len(items) >= 2 and ops[0] in ("=", "def") and chain.leading != "because":
        claim, warning = (None, "")
        if (is_function_head(head) and head.func not in applied_functions(items[1]) and ops[0] == "="
                and head.func not in ctx.predefined):
            claim, warning = redefinition(head, items[1], ctx.functions, ctx.check)
        if claim is not None:  # agrees with what the function already means: a checked step
            steps.append(vacuous(StepResult(start_line, sources[0], sources[1], "=", claim.status, claim), items[:2], ctx))
            first = 1
        elif formula := restated_formula(head, items[1], ctx.functions):  # f(x_1) = x² + 2y² = 1² + 2·0²
            steps += [StepResult(_line_of(block, spans[k + 1][0]), sources[k], sources[k + 1], "=", "not checked",
                                 reason=formula if k == 0 else f"numbers put in for {head.func}'s variables: the "
                                 f"coordinates of the point of {head}, which the step does not match to them")
                      for k in range(min(2, len(ops)))]
            first = min(2, len(ops))
        elif is_function_head(head) and head.func not in applied_functions(items[1]):
            ctx.define_function(head, items[1], f"line {start_line}")
            if warning:
                notes.append(Note("warning", start_line, block.column, warning))
            steps.append(StepResult(start_line, sources[0], sources[1], ":=", "definition",
                                    reason=f"definition of {sources[0].strip()}" + (f" ({read_as})" if read_as else "")))
            first = 1
        elif isinstance(head, Symbol) and isinstance(items[1], Symbol) and len(items) == 2 and head != items[1] and not (
                _next_layer(head, items[1], ctx)) and chain.leading not in ("implies", "iff"):  # ⇒ x_1 = x_2: solved
            steps.append(StepResult(start_line, sources[0], sources[1], "=", "hypothesis",
                                    reason="an equation between two names standing alone: read as a hypothesis "
                                           "(a condition like i = j, or two names for one thing), not as a step"))
            return ChainResult(start_line, block.column, block, tuple(steps))
        elif (isinstance(head, Symbol) and head not in ctx.unfolded(items[1]).free_symbols
              and not {str(f) for f in undefined_functions(items[1], ctx)} - set(ctx.applied)
              and not _solved_for(head, chain, ctx)):
            claim, warning = symbol_redefinition(head, items[1], ctx.defined_symbols(), ctx.check)
            # δ_j := ∂C/∂z_j, then δ_j = Σ_k …: a claim about that derivative, checked as a step below
            restated = claim is None and bool(warning) and names_a_derivative(head, ctx.raw, ctx.defined_symbols())
            put = claim is None and warning and not restated and put_in(head, items[1], ctx.raw, ctx.defined_symbols())
            if put:  # J = (y − ŷ)², then J = (y − (wx + b))²: what ŷ is, not a new J
                steps.append(StepResult(start_line, sources[0], sources[1], "=", "not checked", reason=put))
            elif claim is not None:  # restates what the symbol already means: a checked step
                steps.append(vacuous(StepResult(start_line, sources[0], sources[1], "=", claim.status, claim), items[:2], ctx))
            elif not restated:
                if at_point(head, items[1], id(block) in ctx.at, ctx.seen):
                    ctx.points[head] = (start_line, block.block_end)
                ctx.define_symbol(head, items[1])
                if warning:
                    notes.append(Note("warning", start_line, block.column, warning))
                steps.append(StepResult(start_line, sources[0], sources[1], ":=", "definition", reason=(
                    f"definition of the symbol {sources[0].strip()}" + _define_entries(head, items[1], ctx))))
            first = 0 if restated else 1
    for k in range(first, len(ops)):
        line = _line_of(block, spans[k + 1][0])
        op = ops[k]
        if k == len(ops) - 1 and id(chain) in ctx.tails:  # y = f(x) = …: the last name of the expression
            steps.append(StepResult(line, sources[k], sources[k + 1], ":=", "definition",
                                    reason=TAIL_REASON.format(sources[k].strip())))
            continue
        if k == len(ops) - 1 and id(chain) in ctx.again:  # the same, f named again (for another expression?)
            steps.append(tail_again(items[k:k + 2], sources[k:k + 2], line, ctx, notes, block.column))
            continue
        naming = op == "=" and not chain.leading and id(chain) not in ctx.premises  # not a ⇒ premise's unknown
        known = naming and _known(ctx)
        if naming and k == len(ops) - 1 and not (len(items) == 2 and (lone_condition(*items, ctx) or (
                ctx.matrices and ctx.matrices.stands_alone(*items)))) and names_backwards(items, *known):  # A x = b
            ctx.define_name(items[-1], items[k])  # ln(P/(1−P)) = z: z's definition
            steps.append(StepResult(line, sources[k], sources[k + 1], "=:", "definition",
                                    reason=BACKWARDS_REASON.format(sources[k + 1].strip())))
            continue
        if entries := naming and column_names(items, k, *known):  # (e^{z_1}/S, …)ᵀ = (a_1, …)ᵀ: a_1 := …
            for name, value in entries[0]:
                ctx.define_name(name, value)
            steps.append(StepResult(line, sources[k], sources[k + 1], "=", "definition", reason=entries[1]))
            continue
        if values := naming and column_values(items, k, *known):  # X = (x_1 x_2) = (0.5 0.3): x_1 := 0.5
            for name, value in values[0]:
                ctx.define_name(name, value)
            steps.append(StepResult(line, sources[k], sources[k + 1], "=", "definition", reason=values[1]))
            continue
        linked = {f: d for f, d in ctx.functions.items() if d.label != _LINKED}  # a name a link gave: named again
        if named := naming and (function_named(items, k, linked) or link_names(items, k, *known)):  # ŷ := σ(z)
            again = named[0].func in ctx.functions if isinstance(named[0], AppliedUndef) else False
            ctx.define_name(*named[:2])
            steps.append(StepResult(line, sources[k], sources[k + 1], "=", "definition", reason=named[2] + (
                f" (it named {named[0]} differently before: the new one is used from here on)" if again else "")))
            continue
        if op == "def":
            steps.append(StepResult(line, sources[k], sources[k + 1], ":=", "not checked",
                                    reason="a definition in the middle of a chain is not checked"))
            continue
        if op == "approx":  # a ≈ 0.591: checked against the digits written on the right
            lhs = unfold(ctx.unfolded(items[k]), tuple(ctx.functions.values()))
            status, reason = entrywise_approximation(ctx.unfolded(items[k]), items[k + 1], sources[k + 1], sources[
                k]) or approximation(lhs, sources[k + 1], sources[k])  # σ(z_1) ≈ [0.8808, 0.9084]: entry by entry
            steps.append(StepResult(line, sources[k], sources[k + 1], "≈", status, reason=reason))
            continue
        if op != "=":
            steps.append(StepResult(line, sources[k], sources[k + 1], _RELATION_TEXT.get(op, op),
                                    "not checked", reason=f"the relation {_RELATION_TEXT.get(op, op)} "
                                    "is not an equality; only = steps are checked"))
            continue
        step = vacuous(as_rounding(_equality_step(chain, items, sources, k, line, ctx),  # 0.5933(1-0.5933) = 0.2413
                                   lambda j: unfold(ctx.unfolded(items[k + j]), tuple(ctx.functions.values()))), items[k:k + 2], ctx)
        if zero := set_to_zero(step.status, items, k):  # ∂J/∂w = −2x(y − wx) = 0: a stationary point
            step = dataclasses.replace(step, status="hypothesis", reason=zero, hint="")
        steps.append(other_case(step, [ctx.unfolded(items[k]), ctx.unfolded(items[k + 1])], ctx.defined_symbols()))
        ctx.restated += restates(items[k:k + 2], line) if k == 0 and steps[-1].status in ("not checked", "refuted") else []
        if steps[-1].status == "not checked" and k:  # Q := A = B, A = B unchecked: B may be how Q depends on v
            ctx.named.append((line, items[k], items[k + 1], set()))
    if update:  # the new value from here on, the symbols computed from the old one kept as they were
        ctx.raw = frozen(ctx.raw, ctx.symbols, head)
        ctx.define_symbol(head, value)
    return ChainResult(start_line, block.column, block, tuple(steps))


_RELU_NAMES = ("ReLU", "RELU", "relu")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), " ")  # zero-width, word-joining, soft hyphen


def check_text(text: str, *, path: str = "<stdin>", markdown: bool = True, defines: Iterable[str] = (),
               domains: Mapping[str, Domain] | None = None) -> CheckReport:
    """Check every chain of a document's mathematics; see the module docstring.

    ``defines`` are ``--define`` strings, ``domains`` the symbols' domains (real by default).

    >>> from derivations.core.domains import interval
    >>> text = r"$$\\ln\\frac{p}{1-p} = -\\ln\\left(\\frac{1}{p} - 1\\right)$$"
    >>> check_text(text, domains={'p': interval(0, 1)}).steps[0].status
    'confirmed'
    >>> step = check_text(text).steps[0]  # p real: false for p < 0, where the logarithms are complex
    >>> step.status, step.reason[:21]
    ('confirmed', 'holds for p in (0, 1)')
    >>> check_text("$$f(3) = 9$$", defines=["f(x)=x^2"]).steps[0].status
    'proved'
    """
    ctx = _Context(domains=dict(domains or {}))
    text = text.translate(_INVISIBLE)  # a zero-width space pasted into a formula is a space
    text, macros = expand_macros(text)  # \gdef\par#1#2{…}: the document's macros, expanded (a note each)
    text, layers = layer_superscripts(text)  # z^2 = W^2 a^1 + b^2: layers, not powers
    notes: list[Note] = [Note("definition", line, 1, message) for line, message in macros + layers]
    math = math_text(text, markdown=markdown)  # names from the math only, not a parameter list in prose
    names = document_functions(math) | set(_RELU_NAMES) | set(USUAL_FUNCTIONS)
    names |= function_names(math, names)
    x = Symbol("x", real=True)
    for name in _RELU_NAMES:  # ReLU(x) := max(0, x), however it is spelt
        ctx.define_function(sympy.Function(name)(x), sympy.Max(0, x), "def:relu")
    for function, body in indicator_definitions():  # (z > 0): 1 where z > 0, else 0
        ctx.functions[function] = Definition(function, body, "def:indicator", "indicator")
    defined = [parse_define(d) for d in defines]
    names |= {n for n, _ in defined if not n.startswith("\\")}
    for name, definition in defined:
        try:
            for chain in parse_chains(definition, functions=names):
                if len(chain.items) == 2 and is_function_head(chain.items[0]):
                    ctx.define_function(chain.items[0], chain.items[1], "--define")
                    break
            else:
                raise InvalidInputError(f"--define {definition!r} does not define a function of symbols")
        except (LatexParseError, LatexUnsupportedError) as err:
            raise InvalidInputError(f"--define {definition!r}: {err}") from None
    chains: list[ChainResult] = []
    previous = None
    blocks, stated = [], {}  # stated: id(block) -> the dependencies "C = C(a_1, …, a_n)" states
    for block in (declared(b, notes) for b in extract(text, markdown=markdown)):  # X \in \mathbb{R}^{n}: a note
        try:
            blocks.append((block, readable_rows(block, lambda t: parse_chains(t, functions=names), notes)))
        except (LatexParseError, LatexUnsupportedError) as err:  # "… \text{if } i = k": split on it
            blocks.append((block, ctx.sums.conditional(block.body, lambda t: parse_chains(t, functions=names))
                           or err))
            found = dependency_statement(block.body, lambda t: parse_expression(t, functions=names))
            stated.update({id(block): found} if found else {})
    blocks = quantities_applied(blocks)  # L(w) after L = …: the quantity with its argument
    for head, args in (pair for found in stated.values() for pair in dependency_edges(found)):
        ctx.dependents.setdefault(head, set()).update(args)
    mentions = derivative_mentions(text, markdown, lambda t: parse_chains(t, functions=names))
    for d in (d for _, parsed in blocks + mentions if isinstance(parsed, list)
              for c in parsed for e in c.items for d in e.atoms(Derivative)
              if isinstance(d.expr, Symbol) and d.expr not in d.variables):  # ∂b/∂b = 1 says nothing of b
        ctx.dependents.setdefault(d.expr, set()).update(set(d.variables) - {OPEN})
    ctx.applied = applications(c for _, parsed in blocks if isinstance(parsed, list) for c in parsed)
    ctx.stated = frozenset(c.items[0] for _, parsed in blocks if isinstance(parsed, list) for c in parsed
                           if len(c.items) > 1 and isinstance(c.items[0], Symbol))
    heads = [(_line_of(b, c.spans[0][0]), c.items[0], c.items[1], c.ops[0]) for b, parsed in blocks
             if isinstance(parsed, list) for c in parsed if len(c.items) == 2 and isinstance(c.items[0], Symbol)]
    ctx.later, ctx.equations = ([h[:3] for h in heads if h[3] == op] for op in ("def", "="))
    for line, column, snippet in stray_math(text, markdown=markdown):
        notes.append(Note("unread", line, column, f"math outside math delimiters is not read: {snippet}"))
    ctx.predefined, ctx.tails, ctx.again = predefine((c for _b, p in blocks if isinstance(p, list) for c in p), set(ctx.functions),
                                          lambda head, body: ctx.define_function(head, body, "defined in the document"))
    ctx.matrices = matrix_reading(text, [c for _b, p in blocks if isinstance(p, list) for c in p], names)
    ctx.seen |= {Symbol(k) for k in ctx.matrices.stacks} if ctx.matrices else set()  # X: made of the x_i
    ctx.facts.given, ctx.facts.sections = ctx.matrices.literals if ctx.matrices else {}, section_lines(text)  # ∂L/∂y as a matrix
    for offset, message in ctx.matrices.notes if ctx.matrices else ():
        notes.append(Note("definition", text.count("\n", 0, offset) + 1, 1, message))
    ctx.sums.prescan((_line_of(b, c.spans[0][0]), c) for b, parsed in blocks if isinstance(parsed, list)
                     for c in parsed)
    ctx.sums.one_hot = one_hot_labels(text)  # "Since $y_i$ is a one-hot vector": Σ_j y_j = 1 where it is used
    sequence = [c for _b, parsed in blocks if isinstance(parsed, list) for c in parsed if len(c.items) > 1]
    ctx.premises = {id(a) for a, b in zip(sequence, sequence[1:])
                    if b.leading in ("implies", "iff") and len(a.items) == len(b.items) == 2}
    ctx.at = {id(b) for b, _parsed in blocks if introduces_point(text, b)}
    spans = [(b.block_start, b.block_end) for b, _parsed in blocks]
    base, form = None, False  # the last display under no index condition ("If i = j, = …" goes on from it)
    for block, parsed in blocks:
        ctx.near = {s for s, (_line, end) in ctx.points.items() if near_point(text, spans, end, block.block_start)}
        if ctx.sums.enter(block, text):  # a new index condition: "= …" does not continue the last display
            previous = None
        if not block.display:
            previous = None
        elif previous is None and ctx.sums.condition is not None:
            previous = base  # "… = ∂/∂a_i f. If $i = j$, $$= …$$": a case of the display before it
        if not isinstance(parsed, list) and id(block) in stated:  # C = C(a_1, …, a_n): what C depends on
            notes.append(Note("definition", block.line, block.column, dependency_text(stated[id(block)])))
            previous = None
            continue
        if not isinstance(parsed, list):
            err, previous, base = parsed, None, None  # what an unread display ends with is unknown
            ctx.given += unread_values(block.body, block.line, lambda t: parse_expression(t, functions=names))
            ctx.unread.update(unread_head(block, lambda t: parse_expression(t, functions=names)))
            kind = "parse error" if isinstance(err, LatexParseError) else "unsupported"
            why = unread_reason(block.body, err.message.removeprefix("unsupported: "))  # the note's kind says it
            message = f"{why}; this block is skipped"
            if states_no_relation(block.body):  # "\\min_x f(x)" alone: nothing is claimed, nothing is lost
                kind, message = "warning", f"a block without a relation (it claims nothing) is skipped: {why}"
            notes.append(Note(kind, block.line + err.line - 1,
                              err.column + (block.column - 1 if err.line == 1 else 0), message))
            continue
        if block.kind == "=" and len(parsed) == 1 and not parsed[0].ops and not parsed[0].leading:
            parsed = [dataclasses.replace(parsed[0], leading="continue:=")]  # "= $…$" continues
        condition, outer = condition_before(text, block), ctx.domains  # "For $x > 0$: $$…$$"
        if condition and condition[0] not in ctx.domains:
            ctx.domains = {**outer, condition[0]: condition[1]}
            notes.append(Note("warning", block.line, block.column, f"the condition {condition[0]} in "
                              f"{condition[1].describe()} written before this display is assumed for its steps"))
        for chain in parsed:
            chain, form = arrow_form(chain, block, previous, form, notes)  # "=> …" rows
            if Symbol("sigma") not in ctx.defined_symbols():  # σ(x)(1 − σ(x)) = σ(1 − σ), σ not named
                chain = bare_sigma(chain, previous and previous[0])
            if len(chain.items) < 2 and not (chain.leading or "").startswith("continue:"):
                if block.display:  # an expression on its own claims nothing, but "= …" after it goes on from it
                    previous, base = (chain.items[0], chain.sources[0], _line_of(block, chain.spans[0][0])), None
                continue
            ctx.sums.chain = id(chain)  # its index condition, if one is written after it
            saved, condition = ctx.domains, ""
            if chain.condition:  # "…, x > 0": the chain is checked with x in (0, ∞), and says so
                ctx.domains, condition = under_condition(chain.condition, saved)
            before = set(ctx.raw)
            start = chain_start(text, blocks, block, chain, previous, lambda t: parse_expression(t, functions=names))
            result = carry_notes(continued(with_local_clause(chain, parsed, block, ctx, lambda: guarded(lambda: _check_chain(
                chain, block, ctx, start and start[:3], notes), chain, block)), start, ctx.check),
                chain, block, condition)  # "… as J = …": local
            result = equation_to_solve(result, text, block, chain.leading)  # "Set to zero: $$Σ x_i(y_i − a x_i) = 0$$"
            _record_values(chain, block, before, ctx)
            ctx.domains = saved
            ctx.seen |= set().union(*(e.free_symbols for e in chain.items))
            ctx.around = differentiated(chain.items) or ctx.around  # f' after ∂/∂z_i: by z_i or by f's variable?
            # the next ⇒ is a solving step only after an equation that is not an identity
            solving = set(chain.ops) == {"="} and any(
                st.status == "hypothesis" or st.reason.startswith(("follows", "does not follow", "not an identity"))
                for st in result.steps)
            ctx.last_equation = (chain.items[0], chain.items[-1]) if solving else None
            ctx.last_checked = any(st.status in ("proved", "confirmed", "refuted") for st in result.steps)
            chains += [under_words(result, text, block)] if result.steps else []  # "If the cost is …, $…$"
            previous = (chain.items[-1], chain.sources[-1], result.line) if block.display else None
            base = previous if block.display and ctx.sums.condition is None else base
        if several_equations(parsed):  # which one would "= …" go on from?
            previous = None
        ctx.domains = outer
    revisited = ctx.facts.revisit(tuple(chains), ctx.defined_symbols(), lambda fact: _checked_step(
        fact.chain, [fact.derivative, fact.values[0]], fact.source.split(" = ", 1), 0, fact.line, ctx))
    return CheckReport(path, revisited, tuple(notes))
