"""Derivations as values: symbols with domains, definitions, a statement, and steps.

A :class:`Step` is one link ``e_k = e_{k+1}`` of a chain, or an equation turned into another by an
operation on both sides.  Either way it carries the equalities that must hold for it to be valid
(``checks``), a justification in words and references to the numbered equations it uses.  Theorem
modules build derivations with :class:`Builder`, which reads like the derivation on paper:

>>> from sympy import Symbol, Derivative, exp
>>> from derivations.core.functions import sigma
>>> from derivations.core.definitions import SIGMOID
>>> from derivations.core.domains import REAL
>>> z = Symbol('z', real=True)
>>> b = Builder('demo', 'A two-step demo', symbols={z: REAL}, definitions=[SIGMOID])
>>> b.statement(sigma(-z), 1 - sigma(z))
>>> (b.chain(sigma(-z))
...   .eq(1 / (1 + exp(z)), 'definition of σ', refs=['def:sigma'])
...   .eq(1 - sigma(z), 'common denominator', name='done'))
<Chain demo: 2 steps>
>>> d = b.build()
>>> d
<Derivation demo: A two-step demo (2 steps)>
>>> [s.label for s in d.steps]
['demo:1', 'demo:done']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping

from sympy import Basic, Lambda, Symbol

from derivations.core import hooks
from derivations.core.definitions import Definition
from derivations.core.domains import REAL, Domain
from derivations.core.notation import WordEnum, parts_text
from derivations.errors import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    from derivations.core.instances import Family, Probe

__all__ = ["Relation", "Equation", "SymbolSpec", "StepKind", "Step", "Derivation", "Builder", "Chain"]

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")


class Relation(WordEnum):
    """How the two sides of a step or a statement relate: ``=``, ``<=``, ``<``, ``>=`` or ``>``.

    A chain concludes the weakest link it needs: ``a = b <= c`` gives ``a <= c`` and ``a <= b < c``
    gives ``a < c`` (:meth:`then`); links of opposite directions do not chain.

    >>> Relation('<=').text, Relation('<=').latex, Relation('>').strict
    ('≤', '\\\\le', True)
    >>> Relation('=').then('<=').then('<'), Relation('<=').then('>=')
    ('<', None)
    >>> Relation('<').implies('<='), Relation('<=').implies('<')
    (True, False)
    """

    EQ = "="
    LE = "<="
    LT = "<"
    GE = ">="
    GT = ">"

    @property
    def text(self) -> str:
        """The relation as one Unicode character."""
        return {"=": "=", "<=": "≤", "<": "<", ">=": "≥", ">": ">"}[self.value]

    @property
    def latex(self) -> str:
        """The relation in LaTeX math."""
        return {"=": "=", "<=": r"\le", "<": "<", ">=": r"\ge", ">": ">"}[self.value]

    @property
    def strict(self) -> bool:
        """True for ``<`` and ``>``."""
        return self in (Relation.LT, Relation.GT)

    @property
    def direction(self) -> int:
        """0 for ``=``, -1 for ``<=`` and ``<`` (left is smaller), +1 for ``>=`` and ``>``."""
        return 0 if self == Relation.EQ else (-1 if self in (Relation.LE, Relation.LT) else 1)

    def then(self, other: "Relation | str") -> "Relation | None":
        """What ``a self b other c`` says about a and c, or None when the directions disagree."""
        other = Relation(other)
        if self.direction and other.direction and self.direction != other.direction:
            return None
        direction = self.direction or other.direction
        if not direction:
            return Relation.EQ
        strict = self.strict or other.strict
        return {(-1, False): Relation.LE, (-1, True): Relation.LT, (1, False): Relation.GE,
                (1, True): Relation.GT}[(direction, strict)]

    def implies(self, other: "Relation | str") -> bool:
        """Whether ``a self b`` implies ``a other b`` (``<`` implies ``<=``; ``=`` implies ``<=`` and ``>=``)."""
        other = Relation(other)
        if self == other:
            return True
        if other.strict:
            return False
        return self == Relation.EQ and other != Relation.EQ or (other.direction == self.direction != 0)


@dataclass(frozen=True)
class Equation:
    """``lhs = rhs`` (or ``lhs <= rhs``, ... with ``relation``), a statement to prove.

    >>> import derivations
    >>> derivations.get('sigmoid-symmetry').statement
    (Equation(lhs=sigma(-z), rhs=1 - sigma(z)),)
    >>> from sympy import Symbol
    >>> Equation(Symbol('x'), Symbol('y'), '<=')
    Equation(lhs=x, rhs=y, relation='<=')
    """

    lhs: Basic
    rhs: Basic
    relation: Relation = Relation.EQ

    def __post_init__(self):
        object.__setattr__(self, "relation", Relation(self.relation))

    def __repr__(self) -> str:
        rel = "" if self.relation == Relation.EQ else f", relation={self.relation!r}"
        return f"Equation(lhs={self.lhs!r}, rhs={self.rhs!r}{rel})"


@dataclass(frozen=True)
class SymbolSpec:
    """A symbol of a derivation, its domain, and optionally what it stands for.

    >>> import derivations
    >>> spec = derivations.get('logit-inverse').symbols[1]
    >>> spec.symbol, spec.domain.describe(), spec.description
    (p, '(0, 1)', 'a probability')
    """

    symbol: Symbol
    domain: Domain = REAL
    description: str = ""


class StepKind(WordEnum):
    """What a step is, and so what must be checked for it (see :class:`Step`).

    >>> StepKind('equals') is StepKind.EQUALS, StepKind.INSTANCE == 'instance'
    (True, True)
    >>> [k.value for k in StepKind if k.shows_lhs]
    ['transform', 'instance', 'numeric']
    """

    EQUALS = "equals"
    TRANSFORM = "transform"
    INDEXED = "indexed"
    INSTANCE = "instance"
    NUMERIC = "numeric"

    @property
    def shows_lhs(self) -> bool:
        """Whether a step of this kind is displayed with its left side even inside a chain."""
        return self in (StepKind.TRANSFORM, StepKind.INSTANCE, StepKind.NUMERIC)


@dataclass(frozen=True)
class Step:
    """One step: the equation it writes (``lhs = rhs``), why it holds, and what must be checked.

    ``kind`` is ``"equals"`` for a link of a chain (check: lhs = rhs) or ``"transform"`` for an
    equation obtained from an earlier one, ``premise``, by an ``operation`` on both sides (checks:
    operation(premise.lhs) = lhs and operation(premise.rhs) = rhs).  ``label`` is stable across
    exports: ``<derivation id>:<name>``, the name defaulting to the step's number.

    Three more kinds serve theorems about indexed sums and whole networks (see
    :mod:`derivations.core.instances`): ``"indexed"``, a link stated in indexed notation and checked only
    on concrete instances (no checks of its own); ``"instance"``, an equation of a concrete
    instance, displayed with abbreviations (a_1^{(2)}, δ_1^{(2)}, ...) and checked as the
    equalities ``checked`` (abbreviations written out); ``"numeric"``, a float64 check of a
    concrete instance (``probe``).  ``instance_of`` names the indexed steps an instance step checks.

    >>> import derivations
    >>> step = derivations.get('sigmoid-symmetry').step('unfold')
    >>> step.label, step.kind, step.refs
    ('sigmoid-symmetry:unfold', 'equals', ('def:sigma',))
    >>> step.justification
    'definition of σ at −z'
    >>> step.checks
    ((sigma(-z), 1/(exp(z) + 1)),)
    """

    lhs: Basic
    rhs: Basic
    why: tuple[str | Basic, ...]
    label: str
    refs: tuple[str, ...] = ()
    kind: StepKind = StepKind.EQUALS
    starts_chain: bool = False
    premise: Equation | None = None
    operation: Lambda | None = None
    checked: tuple[tuple[Basic, Basic], ...] = ()
    instance_of: tuple[str, ...] = ()
    probe: "Probe | None" = None
    relation: Relation = Relation.EQ
    """How lhs relates to rhs: ``=`` for most steps; ``<=``, ``<``, ``>=``, ``>`` for inequality steps
    (each check is then ``lhs <relation> rhs``, see :func:`derivations.verify.relation.check_relation`)."""

    def __post_init__(self):
        object.__setattr__(self, "kind", StepKind(self.kind))
        object.__setattr__(self, "relation", Relation(self.relation))
        if self.relation != Relation.EQ and self.kind == StepKind.TRANSFORM:
            raise InvalidInputError(f"{self.label}: a transform step is an equation; inequalities are chain links")

    @property
    def justification(self) -> str:
        """The justification as one line of text (expressions printed as text)."""
        return parts_text(self.why)

    def _repr_html_(self) -> str:
        return hooks.call("step_html", self)

    def _repr_latex_(self) -> str:
        return hooks.call("step_latex", self)

    @property
    def shows_lhs(self) -> bool:
        """Whether the step is displayed with its left side: it starts a chain, or stands alone.

        >>> import derivations
        >>> [s.shows_lhs for s in derivations.get('sigmoid-symmetry').steps][:2]
        [True, False]
        """
        return self.starts_chain or self.kind.shows_lhs

    @property
    def name(self) -> str:
        """The step's name: its label without the derivation id."""
        return self.label.split(":", 1)[1]

    @property
    def checks(self) -> tuple[tuple[Basic, Basic], ...]:
        """The equalities whose truth makes this step valid."""
        if self.kind == StepKind.EQUALS:
            return ((self.lhs, self.rhs),)
        if self.kind == StepKind.INSTANCE:
            return self.checked
        if self.kind in (StepKind.INDEXED, StepKind.NUMERIC):
            return ()
        return ((self.operation(self.premise.lhs), self.lhs), (self.operation(self.premise.rhs), self.rhs))


@dataclass(frozen=True)
class Derivation:
    """A derivation: id, title, statement, symbols and their domains, definitions, steps.

    >>> import derivations
    >>> d = derivations.get('sigmoid-symmetry')
    >>> d
    <Derivation sigmoid-symmetry: The symmetry of the logistic sigmoid (5 steps)>
    >>> [s.name for s in d.steps]
    ['unfold', 'multiply', 'add-subtract', 'divide', 'fold']
    >>> d.domains
    {z: Domain(lo=None, hi=None)}
    """

    id: str
    title: str
    statement: tuple[Equation, ...]
    symbols: tuple[SymbolSpec, ...]
    definitions: tuple[Definition, ...]
    steps: tuple[Step, ...]
    summary: tuple[str | Basic, ...] = ()
    conditions: tuple[str | Basic, ...] = ()
    family: "Family | None" = None
    shape: tuple[tuple[str, object], ...] = ()

    def __repr__(self) -> str:
        return f"<Derivation {self.id}: {self.title} ({len(self.steps)} steps)>"

    def instantiate(self, **shape) -> "Derivation":
        """The derivation on one concrete instance (see :mod:`derivations.core.instances`).

        >>> import derivations
        >>> derivations.get('backprop-delta').instantiate(widths=(2, 2, 1)).id
        'backprop-delta-widths-2-2-1'
        """
        if self.family is None:
            raise InvalidInputError(f"{self.id} has no shape parameters to instantiate"
                                    + (" (it is already an instance)" if self.shape else ""))
        return self.family.instantiate(**shape)

    def instances(self) -> tuple["Derivation", ...]:
        """The default instances that ``verify`` checks (empty for a derivation without shape parameters)."""
        return () if self.family is None else self.family.default_instances()

    @property
    def figures(self) -> tuple:
        """The figures illustrating this derivation (:class:`derivations.render.figure.Figure`, with ``_repr_svg_``).

        >>> import derivations
        >>> [f.id for f in derivations.get('sigmoid-derivative').figures]
        ['sigmoid-and-derivative']
        """
        return hooks.call("figures", self.id)

    @property
    def domains(self) -> dict[Symbol, Domain]:
        """Each symbol's domain."""
        return {s.symbol: s.domain for s in self.symbols}

    def step(self, name: str) -> Step:
        """The step labelled ``<id>:<name>`` (or with that full label)."""
        for s in self.steps:
            if s.label in (name, f"{self.id}:{name}"):
                return s
        raise KeyError(f"{self.id} has no step {name!r}; steps: {', '.join(s.label for s in self.steps)}")

    # Conveniences that reach the layers above the model, through the one lazy hook (core.hooks).

    def verify(self, *, limits=None, seed: int | None = None):
        """Check every step with both oracles; see :func:`derivations.verify.report.verify_derivation`."""
        return hooks.call("verify", self, limits=limits, seed=seed)

    def latex(self) -> str:
        """The derivation as a LaTeX fragment to ``\\input`` (without verification results)."""
        return hooks.call("latex", self)

    def document(self, report=None) -> str:
        """A standalone LaTeX document; with a report (:class:`~derivations.verify.report.Report`) it says how each step was verified."""
        return hooks.call("document", self, report)

    def show(self) -> str:
        """The derivation as plain text for a terminal."""
        return hooks.call("show", self)

    def __str__(self) -> str:
        return self.show()

    def _repr_latex_(self) -> str:
        return hooks.call("notebook", self)


class Chain:
    """Builds one chain ``e0 = e1 = e2 ...``; returned by :meth:`Builder.chain`.

    >>> from sympy import Symbol
    >>> from derivations.core.domains import REAL
    >>> x = Symbol('x', real=True)
    >>> b = Builder('demo', 'Demo', symbols={x: REAL})
    >>> b.chain((x + 1)**2 - 1).eq(x**2 + 2*x, 'expand the square').eq(x * (x + 2), 'factor out x', name='factor')
    <Chain demo: 2 steps>
    >>> [s.label for s in b.build().steps]
    ['demo:1', 'demo:factor']
    """

    def __init__(self, builder: "Builder", start: Basic):
        self._builder = builder
        self._current = start
        self._count = 0
        self._relation = Relation.EQ

    def eq(self, expr: Basic, why: "str | Iterable[str | Basic]", *, refs: Iterable[str] = (),
           name: str = "", indexed: bool = False) -> "Chain":
        """Add the link ``<previous> = expr``, justified by ``why`` (text, or text and expressions).

        ``indexed=True`` marks a link stated in indexed notation, checked on instances only.
        """
        return self._link(Relation.EQ, expr, why, refs, name, indexed)

    def le(self, expr: Basic, why: "str | Iterable[str | Basic]", *, refs: Iterable[str] = (),
           name: str = "", indexed: bool = False) -> "Chain":
        """Add the link ``<previous> ≤ expr`` (an inequality step; the chain then concludes ≤ or <).

        >>> from sympy import Integer, Symbol
        >>> from derivations.core.domains import REAL
        >>> x = Symbol('x', real=True)
        >>> b = Builder('demo', 'Demo', symbols={x: REAL})
        >>> one = Integer(1)
        >>> b.statement(1 - (x - 1)**2, one, '<=')
        >>> b.chain(1 - (x - 1)**2).le(one, 'a square is >= 0').relation
        '<='
        >>> b.build().verify().summary()
        'demo: 1 steps, 1 proved'
        """
        return self._link(Relation.LE, expr, why, refs, name, indexed)

    def lt(self, expr: Basic, why: "str | Iterable[str | Basic]", *, refs: Iterable[str] = (),
           name: str = "", indexed: bool = False) -> "Chain":
        """Add the link ``<previous> < expr`` (a strict inequality step)."""
        return self._link(Relation.LT, expr, why, refs, name, indexed)

    def ge(self, expr: Basic, why: "str | Iterable[str | Basic]", *, refs: Iterable[str] = (),
           name: str = "", indexed: bool = False) -> "Chain":
        """Add the link ``<previous> ≥ expr``."""
        return self._link(Relation.GE, expr, why, refs, name, indexed)

    def gt(self, expr: Basic, why: "str | Iterable[str | Basic]", *, refs: Iterable[str] = (),
           name: str = "", indexed: bool = False) -> "Chain":
        """Add the link ``<previous> > expr`` (a strict inequality step)."""
        return self._link(Relation.GT, expr, why, refs, name, indexed)

    @property
    def relation(self) -> Relation:
        """What the chain so far says about its first and last expressions (the weakest link it needs)."""
        return self._relation

    def _link(self, relation: Relation, expr: Basic, why, refs, name: str, indexed: bool) -> "Chain":
        combined = self._relation.then(relation)
        if combined is None:
            raise InvalidInputError(f"{self._builder.id}: a chain cannot mix {self._relation.text} and "
                                    f"{relation.text} (it would conclude nothing)")
        self._builder._add(self._current, expr, why, refs, name, starts_chain=self._count == 0,
                           kind=StepKind.INDEXED if indexed else StepKind.EQUALS, relation=relation)
        self._current = expr
        self._relation = combined
        self._count += 1
        return self

    def __repr__(self) -> str:
        return f"<Chain {self._builder.id}: {self._count} steps>"


class Builder:
    """Assemble a :class:`Derivation` step by step; ``build()`` validates and freezes it.

    >>> from sympy import Symbol
    >>> from derivations.core.domains import REAL
    >>> x, y = Symbol('x', real=True), Symbol('y', real=True)
    >>> b = Builder('square-of-sum', 'The square of a sum', symbols={x: REAL})
    >>> b.statement((x + 1)**2, x**2 + 2*x + 1)
    >>> _ = b.chain((x + 1)**2).eq(x**2 + 2*x + 1, 'expand the square')
    >>> b.build().verify().summary()
    'square-of-sum: 1 steps, 1 proved'
    >>> b = Builder('undeclared', 'A symbol without a domain', symbols={x: REAL})
    >>> _ = b.chain(x + y).eq(y + x, 'commute')
    >>> b.build()
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: undeclared: symbols without a declared domain: ['y']
    """

    def __init__(self, id: str, title: str, *, symbols: Mapping[Symbol, Domain] | Iterable[SymbolSpec],
                 definitions: Iterable[Definition] = (), summary: "str | Iterable[str | Basic]" = "",
                 conditions: "str | Iterable[str | Basic]" = "",
                 family: "Family | None" = None, shape: Mapping[str, object] | None = None):
        if not _ID.match(id):
            raise InvalidInputError(f"derivation id {id!r} must be lower-case words joined by '-'")
        self.id = id
        self.title = title
        self.summary = _parts(summary)
        self.conditions = _parts(conditions)
        self.family = family
        self.shape = tuple((shape or {}).items())
        specs = symbols.items() if isinstance(symbols, Mapping) else ((s.symbol, s) for s in symbols)
        self._symbols = tuple(v if isinstance(v, SymbolSpec) else SymbolSpec(k, v) for k, v in specs)
        self._definitions = tuple(definitions)
        self._statement: list[Equation] = []
        self._steps: list[Step] = []

    def statement(self, lhs: Basic, rhs: Basic, relation: "Relation | str" = Relation.EQ) -> None:
        """Add an equation (or with ``relation`` an inequality) the derivation proves.

        A chain must lead from lhs to rhs and conclude a relation that implies this one.
        """
        self._statement.append(Equation(lhs, rhs, Relation(relation)))

    def chain(self, start: Basic) -> Chain:
        """Start a chain of equalities at ``start``."""
        return Chain(self, start)

    def transform(self, premise: str, lhs: Basic, rhs: Basic, operation: Lambda, why: str, *,
                  refs: Iterable[str] = (), name: str = "") -> None:
        """Add ``lhs = rhs``, obtained by applying ``operation`` to both sides of step ``premise``'s equation."""
        source = self._find(premise)
        equation = Equation(self._chain_start(source), source.rhs) if source.kind == StepKind.EQUALS else \
            Equation(source.lhs, source.rhs)
        self._add(lhs, rhs, why, (premise, *refs), name, kind=StepKind.TRANSFORM, starts_chain=True,
                  premise=equation, operation=operation)

    def check(self, lhs: Basic, rhs: Basic, why: "str | Iterable[str | Basic]", *, of: Iterable[str],
              checked: Iterable[tuple[Basic, Basic]] = (), probe: "Probe | None" = None, name: str = "",
              group: bool = False, relation: "Relation | str" = Relation.EQ) -> None:
        """Add an equation of a concrete instance that checks the indexed steps named in ``of``.

        Either ``checked`` (the equalities, abbreviations written out, for the two oracles) or
        ``probe`` (a float64 check).  ``group=True`` starts a new display group; ``relation``
        makes it an inequality (each of ``checked`` is then checked as ``lhs <relation> rhs``).
        """
        checked = tuple(checked)
        if bool(checked) == (probe is not None):
            raise InvalidInputError(f"{self.id}: an instance step needs either checked equalities or a probe")
        self._add(lhs, rhs, why, (), name, kind=StepKind.NUMERIC if probe is not None else StepKind.INSTANCE,
                  starts_chain=group or not self._steps or self._steps[-1].kind not in (StepKind.INSTANCE,
                                                                                          StepKind.NUMERIC),
                  checked=checked, instance_of=tuple(of), probe=probe, relation=Relation(relation))

    def _chain_start(self, step: Step) -> Basic:
        """The first expression of the chain that ``step`` belongs to (its equation is start = step.rhs)."""
        index = self._steps.index(step)
        while not self._steps[index].starts_chain:
            index -= 1
        return self._steps[index].lhs

    def _find(self, name: str) -> Step:
        for s in self._steps:
            if s.label == f"{self.id}:{name}":
                return s
        raise InvalidInputError(f"{self.id}: no earlier step named {name!r}")

    def _add(self, lhs, rhs, why, refs, name, **kw) -> None:
        name = name or str(len(self._steps) + 1)
        if not _NAME.match(name):
            raise InvalidInputError(f"{self.id}: step name {name!r} must be letters, digits and '-'")
        label = f"{self.id}:{name}"
        if any(s.label == label for s in self._steps):
            raise InvalidInputError(f"{self.id}: two steps are named {name!r}")
        known = {d.label for d in self._definitions} | {s.label.split(":", 1)[1] for s in self._steps}
        unknown = [r for r in refs if r not in known]
        if unknown:
            raise InvalidInputError(f"{self.id}: step {name} refers to unknown equations {unknown}")
        parts = _parts(why)
        if not "".join(p for p in parts if isinstance(p, str)).strip():
            raise InvalidInputError(f"{self.id}: step {name} needs a justification in words")
        self._steps.append(Step(lhs, rhs, parts, label, tuple(refs), **kw))

    def build(self) -> Derivation:
        """Validate (every statement is concluded by some chain) and return the frozen derivation."""
        if not self._steps:
            raise InvalidInputError(f"{self.id}: a derivation needs at least one step")
        ends: dict = {}
        relation = Relation.EQ
        for i, s in enumerate(self._steps):
            relation = s.relation if s.starts_chain else relation.then(s.relation)
            last = i + 1 == len(self._steps) or self._steps[i + 1].starts_chain
            if last:
                chained = s.kind in (StepKind.EQUALS, StepKind.INDEXED)
                key = (_rebuild(self._chain_start(s) if chained else s.lhs), _rebuild(s.rhs))
                ends.setdefault(key, []).append(relation)
        for eq in self._statement:
            found = ends.get((_rebuild(eq.lhs), _rebuild(eq.rhs)), [])
            if not any(r.implies(eq.relation) for r in found):
                what = "leads from" if not found else f"concludes {eq.relation.text} from"
                raise InvalidInputError(f"{self.id}: no chain {what} {eq.lhs} to {eq.rhs}")
        declared = {s.symbol for s in self._symbols}
        # indexed and numeric steps are displayed, never evaluated; instance steps are evaluated as `checked`
        shown = [(s.lhs, s.rhs) for s in self._steps if s.kind in (StepKind.EQUALS, StepKind.TRANSFORM)]
        shown += [pair for s in self._steps for pair in s.checked]
        used = set().union(set(), *(l.free_symbols | r.free_symbols for l, r in shown))
        missing = sorted(str(s) for s in used - declared if type(s) is Symbol)
        if missing:
            raise InvalidInputError(f"{self.id}: symbols without a declared domain: {missing}")
        return Derivation(self.id, self.title, tuple(self._statement), self._symbols,
                          self._definitions, tuple(self._steps), self.summary, self.conditions,
                          self.family, self.shape)


def _parts(text: "str | Iterable[str | Basic]") -> tuple[str | Basic, ...]:
    """Prose as parts: a string, or text and SymPy expressions (printed as math) in order."""
    if isinstance(text, str):
        return (text,) if text else ()
    return tuple(text)


def _rebuild(e: Basic) -> Basic:
    """``e`` rebuilt with SymPy's automatic evaluation, so ``1 - σ`` written either way compares equal."""
    return e.func(*map(_rebuild, e.args)) if e.args else e
