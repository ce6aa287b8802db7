r"""What a document states about quantities it never defines: hypotheses, used by the steps after them.

Real derivations give the value of a derivative of a quantity they leave undefined
(``\frac{\partial z}{\partial w_i} = x_i`` with z only described in the prose) and use it later
(``\frac{\partial L}{\partial w_i} = … x_i``).  Such a statement cannot be checked (what z stands
for is unknown), so it is read as a **hypothesis**: its status says so, the report lists it, and
from there on (never before) the steps that contain that derivative, written or reached through the
chain rule on the dependency graph (:mod:`.dependencies`), are checked with its value put in.  A
later statement of the same derivative with another expression is checked against the first one
(``\frac{dL}{da} = A`` then ``\frac{dL}{da} = B`` checks A = B), so two statements that contradict
each other are refuted.  A derivative of a quantity the document *does* define is a checked step,
never a hypothesis; a hypothesis about a quantity the document defines later is not used past that
definition, and is checked against it at the end (proved, or listed as not checked).  Not taken as
given: a statement after ⇒ (it claims to follow), one under a condition, one of a derivative an
earlier chain already starts with (it was derived there).

>>> from derivations.checker.check import check_text
>>> report = check_text(r'''
... $$\frac{\partial z}{\partial w} = x$$
... $$\frac{\partial L}{\partial z} = 2(z - y)$$
... $$\frac{\partial L}{\partial w} = 2(z - y) x$$
... $$\frac{\partial L}{\partial z} = 2(y - z)$$
... ''')
>>> [s.status for s in report.steps]
['hypothesis', 'hypothesis', 'proved', 'refuted']
>>> report.hypotheses()[0]
'line 2: \\frac{\\partial z}{\\partial w} = x'
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Callable

from sympy import Basic, Derivative, Product, Sum, Symbol
from sympy.core.function import AppliedUndef

from derivations.checker.dependencies import GraphError
from derivations.checker.report import StepResult
from derivations.checker.sections import apart
from derivations.render.text import expr_text

__all__ = ["Fact", "Facts"]

_HOLDS = ("proved", "confirmed")


@dataclass
class Fact:
    """One hypothesis: a derivative of an undefined quantity and the values its chain gives it.

    ``values`` are the chain's items after the derivative, in order (the first is the stated
    value); ``reach`` counts those the chain's links do not refute, ``checked`` those its links
    prove (the stated value itself always counts).

    >>> from sympy import Derivative, Symbol
    >>> z, w, x = Symbol('z'), Symbol('w'), Symbol('x')
    >>> fact = Fact(Derivative(z, w), [x], 3, r"\\frac{\\partial z}{\\partial w} = x")
    >>> fact.value(), fact.describe()
    (x, '∂z/∂w = x (line 3)')
    """

    derivative: Basic
    values: list
    line: int
    source: str
    chain: object = None  # the chain that states it (checked again if the quantity is defined later)
    reach: int = 0
    checked: int = 1

    def __post_init__(self):
        self.reach = self.reach or len(self.values)

    def quantity(self) -> Basic:
        """The undefined quantity (a symbol, or an undefined function's class)."""
        e = self.derivative.expr
        return e.func if isinstance(e, AppliedUndef) else e

    def value(self, last: bool = True) -> Basic:
        """The value used: the chain's last value its links do not refute, else the one they prove."""
        return self.values[(self.reach if last else self.checked) - 1]

    def describe(self, last: bool = True) -> str:
        """``∂z/∂w = x (line 3)``: the derivative, the value used and where it is stated."""
        d = self.derivative
        name = expr_text(d.expr)
        wrt = ", ".join(expr_text(v) for v in d.variables)
        return f"∂{name}/∂{wrt} = {expr_text(self.value(last))} (line {self.line})"


def _undefined_derivative(d: Basic, graph, defined: set) -> bool:
    """∂A/∂B (first order) with A undefined and B one of A's arguments on the graph."""
    if not isinstance(d, Derivative) or len(d.variable_count) != 1 or d.variable_count[0][1] != 1:
        return False
    var, e = d.variables[0], d.expr
    if isinstance(e, Symbol) and graph.bare_function(e) is not None:
        e = graph.bare_function(e)
    if isinstance(e, Symbol):
        return e not in defined and graph.is_unknown(e) and var in graph.arguments(e)
    return isinstance(e, AppliedUndef) and e.func not in graph.known and var in e.args


def _mentions_unknown(d: Derivative, graph, defined: set) -> bool:
    """A derivative whose numerator holds an undefined quantity or function."""
    return bool(d.expr.atoms(AppliedUndef)) or any(
        s not in defined and (graph.is_unknown(s) or graph.bare_function(s) is not None)
        for s in d.expr.free_symbols)


def _changed_meaning(rhs: Basic, fact: Fact) -> str:
    """What a restatement brings in that its first statement did not have (new names, a sum): a
    sign that the same name now means something else (∂E/∂a for one point, then for the sum)."""
    before = set().union(fact.derivative.free_symbols, *(v.free_symbols for v in fact.values))
    new = sorted(map(str, rhs.free_symbols - before))
    sums = {str(f.func) for f in rhs.atoms(AppliedUndef) if str(f.func).startswith(("\\sum", "\\prod"))}
    if rhs.atoms(Sum, Product) or sums:
        new.append("a sum")
    return ", ".join(new)


_INDEX = re.compile(r"_\{?([a-z])\}?$")


def _index_cases(d: Derivative) -> str:
    """``"i = k or i ≠ k"`` when the quantity and the variable carry different index letters
    (∂S_i/∂z_k): two statements of it with different values may be its two cases, whose
    conditions the document states in words or not at all; else ``""``.

    >>> from sympy import Function, Symbol
    >>> _index_cases(Derivative(Function("S_i")(Symbol("z_k")), Symbol("z_k")))
    'i = k or i ≠ k'
    """
    letters = [_INDEX.search(str(getattr(e, "func", e)) if not isinstance(e, Symbol) else e.name)
               for e in (d.expr, d.variables[0])]
    if all(letters) and letters[0].group(1) != letters[1].group(1):
        a, b = letters[0].group(1), letters[1].group(1)
        return f"{a} = {b} or {a} ≠ {b}"
    return ""


@dataclass
class Facts:
    """The hypotheses stated so far, in document order, and those the current step used.

    >>> Facts().known
    []
    """

    known: list = field(default_factory=list)
    used: list = field(default_factory=list)
    last: bool = True  # the value a fact gives: its chain's last (else its last proved) value
    heads: set = field(default_factory=set)  # what the chains so far start with
    given: dict = field(default_factory=dict)  # derivatives the document gives as matrices (∂L/∂y = [1 1; 1 1])
    sections: tuple = ()  # the lines that open a section (:mod:`.sections`)

    def find(self, d: Basic, defined: set) -> Fact | None:
        """The hypothesis about ``d``, if one was stated and its quantity is still undefined."""
        for fact in self.known:
            if fact.derivative == d and fact.quantity() not in defined:
                return fact
        return None

    def states(self, lhs: Basic, rhs: Basic, graph, defined: set) -> bool:
        """True if ``lhs = rhs`` (a chain's first link) states a new hypothesis: ∂A/∂B of an
        undefined A, by one of A's arguments, equal to an expression without derivatives of
        undefined quantities."""
        try:
            if not _undefined_derivative(lhs, graph, defined) or self.find(lhs, defined) or rhs.has(lhs):
                return False
        except GraphError:  # circular definitions: the step says why it is not checked
            return False
        return not any(_mentions_unknown(d, graph, defined) and d not in self.given for d in rhs.atoms(Derivative))

    def written(self, exprs: tuple, graph, defined: set) -> tuple | None:
        """``exprs`` with the stated derivatives replaced by their values, when that leaves no
        derivative of an undefined quantity (a restatement, algebra in the values); else None."""
        rule = {}
        for e in exprs:
            for d in e.atoms(Derivative):
                fact = self.find(d, defined)
                if fact is not None:
                    rule[d] = fact
        if not rule:
            return None
        out = tuple(e.xreplace({d: f.value(self.last) for d, f in rule.items()}) for e in exprs)
        if any(_mentions_unknown(d, graph, defined) for e in out for d in e.atoms(Derivative)):
            return None
        self.used += [f for f in self.known if f in rule.values() and f not in self.used]  # in document order
        return out

    def resolved(self, exprs: tuple, graph) -> tuple:
        """Sides already taken over the graph's inputs (:meth:`.Graph.resolve`), with each stated
        derivative, as the graph writes it, replaced by its value taken the same way."""
        defined = set(graph.definitions)
        for fact in self.known:
            if fact.quantity() in defined:
                continue
            try:
                target = graph.resolve(fact.derivative)
                if not any(target in e.atoms(type(target)) for e in exprs):
                    continue
                value = graph.resolve(fact.value(self.last))
            except (GraphError, ValueError, TypeError, AttributeError, RecursionError):
                continue
            exprs = tuple(e.xreplace({target: value}) for e in exprs)
            if fact not in self.used:
                self.used.append(fact)
        return exprs

    # -- one step ------------------------------------------------------------------------------
    def step(self, chain: object, items: list, sources: list, k: int, line: int, graph, defined: set,
             check: Callable[[list], StepResult], conditional: bool = False) -> StepResult:
        """``items[k] = items[k + 1]``: a new hypothesis, or ``check(items)`` with the hypotheses
        stated so far put in (the values of their chains' last links, and, if the step does not
        hold so, the values their checked links reach), the reason naming those it used.  A step
        under a condition (``i = j``, ``x > 0``) states no hypothesis (``conditional``: it holds only
        there; the caller also sets it for a quantity an indexed template defines, p_i of p_j = …);
        nor does a derivative that an earlier chain already starts with (derived there, not given)."""
        lhs, rhs = items[k], items[k + 1]
        follows = getattr(chain, "leading", None) in ("implies", "iff")  # ⇒ claims it follows: not given
        first = k == 0 and lhs not in self.heads  # a derivative stated before (∂C/∂z = Σ …) is derived
        if k == 0:
            self.heads.add(lhs)
        if first and not follows and not conditional and self.states(lhs, rhs, graph, defined):
            self.known.append(Fact(lhs, list(items[1:]), line,
                                   f"{sources[0].strip()} = {sources[1].strip()}", chain))
            name = expr_text(lhs.expr)
            matrices = sorted(f"∂{expr_text(d.expr)}/∂{expr_text(d.variables[0])}" for d in rhs.atoms(Derivative)
                              if d in self.given)
            also = f" (its value uses {', '.join(matrices)}, given as a matrix)" if matrices else ""
            return StepResult(line, sources[0], sources[1], "=", "hypothesis", reason=(
                f"taken as given (a hypothesis, not checked): {name} is not defined in the document, "
                f"so the value of its derivative cannot be checked{also}; the steps after it use it"))
        last = True
        result, used = self._attempt(items, k, graph, defined, check, last)
        if used and result.status not in _HOLDS and any(f.value(True) is not f.value(False) for f in used):
            last = False
            result, used = self._attempt(items, k, graph, defined, check, last)
        self._settle(chain, k, result)
        restated = self.find(lhs, defined) if k == 0 else None
        if result.status == "refuted" and restated in used and _changed_meaning(rhs, restated):
            return self._annotated(dataclasses.replace(result, status="not checked", hint="", reason=(
                f"false for its value stated on line {restated.line}, but it brings in "
                f"{_changed_meaning(rhs, restated)}, not in that statement: the document may mean "
                f"another quantity by the same name here (the loss summed over the data, say)")),
                used, lhs, defined, last)
        if result.status == "refuted" and restated in used and _index_cases(lhs):
            return self._annotated(dataclasses.replace(result, status="not checked", hint="", reason=(
                f"false for its value stated on line {restated.line}, but the two statements may be its "
                f"two cases ({_index_cases(lhs)}), which the document does not state with them")),
                used, lhs, defined, last)
        if result.status == "refuted" and restated in used and apart(self.sections, restated.line, line):
            return self._annotated(dataclasses.replace(result, status="not checked", hint="", reason=(
                f"false for its value stated on line {restated.line}, but a new section (a heading or a bold "
                "label) opens between the two statements: the document may mean another quantity by the "
                "same name there")), used, lhs, defined, last)
        return self._annotated(result, used, lhs, defined, last)

    def revisit(self, chains: tuple, defined: set, check: Callable) -> tuple:
        """The chains, with each hypothesis about a quantity the document defines further down
        checked against that definition (``check(fact)`` gives the StepResult): it is proved, or
        listed as not checked (a definition that contradicts it may be of another quantity with the
        same name, in a new section), never left as an assumption."""
        late = {(f.line, f.source): f for f in self.known if f.quantity() in defined}
        if not late:
            return chains
        out = []
        for c in chains:
            steps = list(c.steps)
            for n, s in enumerate(steps):
                fact = late.get((s.line, f"{s.left.strip()} = {s.right.strip()}"))
                if s.status == "hypothesis" and fact is not None:
                    result = check(fact)
                    name = expr_text(fact.derivative.expr)
                    why = f"stated before {name} is defined, so it is checked against the definition further down"
                    if result.status in ("not checked", "hypothesis"):
                        result = dataclasses.replace(result, status="not checked")
                        why = f"stated before {name} is defined, and not checked against the definition further down"
                    if result.status == "refuted":  # the definition may be of another z (a new section)
                        result = dataclasses.replace(result, status="not checked", hint="")
                        why = (f"stated before {name} is defined, and false for the definition given further "
                               f"down: either the statement is wrong or the document uses {name} for two things")
                    steps[n] = dataclasses.replace(result, reason=f"{why}; {result.reason}" if result.reason else why)
            out.append(dataclasses.replace(c, steps=tuple(steps)))
        return tuple(out)

    def _attempt(self, items, k, graph, defined, check, last: bool) -> tuple:
        self.used, self.last = [], last
        try:
            written = self.written((items[k], items[k + 1]), graph, defined)
            attempt = list(items)
            if written is not None:
                attempt[k], attempt[k + 1] = written
            return check(attempt), list(self.used)
        finally:
            self.used, self.last = [], True

    def _settle(self, chain: int, k: int, result: StepResult) -> None:
        """A link of a hypothesis's own chain: how far its values are carried (not refuted, proved)."""
        for fact in self.known:
            if fact.chain is not chain or k < 1:
                continue
            if result.status == "refuted" and k < fact.reach:
                fact.reach = k
            if result.status in _HOLDS and k == fact.checked:
                fact.checked += 1

    def _annotated(self, result: StepResult, used: list, lhs: Basic, defined: set, last: bool) -> StepResult:
        if not used:
            return result
        checked = result.status not in ("not checked", "hypothesis")
        restated = self.find(lhs, defined)
        if restated is not None and restated in used:
            given = (f"a restatement of {restated.describe(last).split(' = ')[0]}, "
                     f"{'checked against' if checked else 'with'} its value stated earlier: {restated.describe(last)}")
            others = [f for f in used if f is not restated]
        else:
            given, others = "", used
        if others:
            given += (("; " if given else "") + ("using the hypotheses " if checked else "with the hypotheses ")
                      + ", ".join(f.describe(last) for f in others))
        reason = f"{result.reason}; {given}" if result.reason else given
        return dataclasses.replace(result, reason=reason, given=tuple(f.describe(last) for f in used))
