r"""Steps with vectors, matrices, hypotheses and convolutions: checked on exact random instances.

A document that transposes (``u_i^T``), writes matrix literals, ``\odot``, convolution signs, bold
symbols or declarations (``W \in \mathbb{R}^{m\times n}``) has vectors and matrices
(:mod:`.matrix_shapes` says which and of what shape).  A step that involves them is evaluated
(:mod:`.matrix_values`) on instances of several sizes with random small integers, so that values
are exact and a counterexample is certified; it is *confirmed on instances*, never *proved*,
unless it has no unknown at all (numbers only: then the exact evaluation proves it).

Hypotheses the document states are used: ``H u_i = \lambda_i u_i`` with ``u_i^T u_j = \delta_{ij}``
makes the instances' H symmetric with exact orthonormal eigenvectors (a Cayley transform of a
random skew-symmetric matrix), ``w - w^* = \sum_i \alpha_i u_i`` makes w so, and the verdict says
so.  Sums over the eigen-index run over the instance's size.

>>> from derivations.checker.parser import parse_chains
>>> text = r"$$ (A B)^T = A^T B^T $$"
>>> [chain] = parse_chains(text.strip("$ "))
>>> reading = matrix_reading(text, [chain])
>>> status, reason = reading.step(*chain.items, {})
>>> status, reason.split(" (")[0]
('refuted', 'fails on the random 2×2 instance')
"""

from __future__ import annotations

import dataclasses
import random
import re
from dataclasses import dataclass, field

import sympy
from sympy import Matrix, Rational, Symbol
from sympy.core.function import AppliedUndef

from derivations.checker.convolution import CONVENTION_NAMES, stated_convention
from derivations.checker.entries import (STACK_TEXT, entry_of, entry_wholes, free_entries, made_of_entries, stacks,
                                         subscript_indices)
from derivations.checker.general_chains import unclear_variable
from derivations.checker.given_numbers import limited
from derivations.checker.indexed import UNSTATED, IndexedSum, index_names, kept_sums
from derivations.checker.matrix_eigen import _eigen_equation, _eigen_values, _orthonormality, _solved
from derivations.checker.matrix_notation import CONVOLUTIONS, ENTRY, MATRIX, TRANSPOSE, is_matrix_marker, substituted
from derivations.checker.matrix_shapes import IDENTITY, Shapes, bold_letters, data_identity, declarations, family
from derivations.checker.matrix_compare import counterexample
from derivations.checker.matrix_sides import sides_at_each_index
from derivations.checker.matrix_solving import follows_on_instances
from derivations.checker.rounding import written_roundings
from derivations.checker.matrix_values import (
    Ambiguous,
    Instance,
    OutOfRange,
    ShapeError,
    Unknown,
    general_definition,
    stacked,
    ordered,
    renamed,
)

__all__ = ["MatrixReading", "matrix_reading"]

_ROUNDS = 3
_CONV = {f.__name__ for f in CONVOLUTIONS.values()}
_APPROX = re.compile(r"(?<!\$)\$([^$\n]*\\approx[^$\n]*)\$(?!\$)")


@dataclass
class MatrixReading:
    r"""What the document says about its vectors and matrices, and the checks of its steps.

    >>> from derivations.checker.parser import parse_chains
    >>> chains = parse_chains(r"\begin{bmatrix} 1 & 2 \end{bmatrix} \begin{bmatrix} 3 \\ 4 \end{bmatrix} = 11")
    >>> matrix_reading("", chains).step(*chains[0].items, {})
    ('proved', 'holds by exact evaluation')
    """

    shapes: Shapes
    convention: str | None
    eigen: list = field(default_factory=list)
    expansions: dict = field(default_factory=dict)  # Symbol -> expression (w := w* + Σ α_i u_i)
    definitions: dict = field(default_factory=dict)  # Symbol -> expression, as written
    literals: dict = field(default_factory=dict)  # ∂L/∂y -> its matrix literal
    bodies: dict = field(default_factory=dict)  # L -> Lambda: functions defined with matrix notation, in written order
    models: dict = field(default_factory=dict)  # E -> (w, body, w*)
    notes: list = field(default_factory=list)  # (offset in the text, message)
    symmetric: set = field(default_factory=set)  # families stated symmetric (H^T = H)
    assumed: set = field(default_factory=set)  # families with a stated property instances lack (C^{-1} = C^T)
    counts: set = field(default_factory=set)  # n of Σ_{i=1}^n over examples: a whole number per instance
    stacks: dict = field(default_factory=dict)  # y -> (y_#, n, "entries"), X -> (x_#, n, "rows"|"columns")
    wholes: dict = field(default_factory=dict)  # x -> "vector", A -> "matrix": x_k, A_{ij} read as their entries
    differentiated: dict = field(default_factory=dict)  # L -> what the document differentiates it by (L never bare)
    data_identity: bool = False  # I is data here (an image convolved, its entries I_{ij}, differentiated)
    seed: int = 20240

    # -- chains that are not steps -----------------------------------------------------------
    def chain(self, items: tuple, ops: tuple, defined: set, functions: dict) -> tuple[str, str, str] | None:
        """(relation, status, reason) for a one-step chain that states a hypothesis or defines a value."""
        if len(items) < 2 or ops[0] not in ("=", "def"):
            return None
        if len(items) > 2:
            if isinstance(items[0], Symbol) and items[0] not in items[1].free_symbols:
                self.definitions[items[0]] = items[1]  # Z = X W = …: Z is defined by its first link
            self._body(*items[:2])  # E(w) = (y − Xw)ᵀ(y − Xw) = …: E is defined by its first link
            return None
        lhs, rhs = items
        hypothesis = self._hypothesis(lhs, rhs)
        if hypothesis:
            return "=", "hypothesis", hypothesis
        whole = entry_of(lhs, self.wholes)
        if whole is not None and whole[0] in self.definitions:  # y = Ax, then y_k = Σ_j A_{kj} x_j: a claim
            return ("=", *(self._step(lhs, rhs, functions) or ("not checked", "")))
        claim = self.step(lhs, rhs, functions) if isinstance(lhs, AppliedUndef) and is_matrix_marker(lhs) else None
        if claim:  # W^T = …: a claim, never a definition of a function "transpose"
            return ("=", *claim)
        if isinstance(lhs, Symbol) and lhs in self.definitions and is_matrix_marker(rhs) and (
                self._depends(lhs) & rhs.free_symbols):  # Z = X W, then Z = [x_1 w_11 + …]: a claim
            return ("=", *(self.step(lhs, rhs, functions) or ("not checked", "")))
        if isinstance(lhs, Symbol) and lhs in self.definitions and lhs not in rhs.free_symbols and (
                self.owns(self.definitions[lhs]) or self.through_definitions(self.definitions[lhs])):
            again = self.step(lhs, rhs, functions) or self.through(lhs, rhs, functions)  # L = −Σ log p̂_i, later …
            if again and again[0] in ("proved", "confirmed"):  # the same value: a claim, not a new L
                return ("=", *again)
        if isinstance(lhs, Symbol) and lhs not in rhs.free_symbols:
            self.definitions[lhs] = rhs
            if is_matrix_marker(rhs):
                shape = (int(rhs.args[0]), int(rhs.args[1])) if rhs.func == MATRIX else None
                what = f" (a {shape[0]}×{shape[1]} matrix)" if shape else ""
                return ":=", "definition", f"definition of {lhs}{what}"
        self._body(lhs, rhs)
        model = _model(lhs, rhs)
        if model is not None and lhs.func not in self.models and self.owns(rhs):  # E(w) = E(w*) + ½(w − w*)ᵀH(w − w*): E near w*
            self.models[lhs.func] = model
            return ":=", "definition", f"definition of {lhs} through its value at {model[2]} (a model)"
        if isinstance(lhs, sympy.Derivative) and rhs.func == MATRIX:
            self.literals[lhs] = rhs
            return ":=", "definition", f"the document gives {lhs} as a {rhs.args[0]}×{rhs.args[1]} matrix"
        if (isinstance(lhs, Symbol) and lhs not in defined and lhs not in rhs.free_symbols
                and self.owns(rhs) and not self.shapes.nonscalar(rhs)):
            return ":=", "definition", f"definition of {lhs} (used in the steps that follow)"
        return None

    def _body(self, lhs, rhs) -> None:
        """``L(w) = ½(Xw − y)ᵀ(Xw − y)``: a function defined with matrix notation."""
        if (isinstance(lhs, AppliedUndef) and not is_matrix_marker(lhs) and is_matrix_marker(rhs)
                and all(isinstance(a, Symbol) for a in lhs.args)
                and not any(f.func == lhs.func for f in rhs.atoms(AppliedUndef))):
            self.bodies[lhs.func] = sympy.Lambda(lhs.args, rhs)

    def stands_alone(self, lhs, rhs) -> bool:
        """An equation between different unknowns that the document never defines (A B = C): an assumption.

        >>> from sympy import Symbol
        >>> MatrixReading(None, None).stands_alone(Symbol("A") * Symbol("B"), Symbol("C"))
        True
        """
        if any(kept_sums(e) for e in (lhs, rhs)):
            return False  # Σ_i e^{z_i} = Σ: a sum computed (or named), not a relation between unknown matrices
        given = self.defined((lhs, rhs)) | set(self.expansions) | {Symbol(k) for k in self.stacks}
        symbols = lhs.free_symbols | rhs.free_symbols
        if self.entries_of((lhs, rhs), {Symbol(w) for w in self._wholes()}) or any(
                f.func == ENTRY for e in (lhs, rhs) for f in e.atoms(AppliedUndef)):
            return False  # Σ_j A_{jk} x_j = (Ax)_k: a claim about entries, in index notation
        if any(not isinstance(d.expr, (Symbol, AppliedUndef)) or str(d.expr) in {str(f) for f in self.bodies}
               or d.expr in self._upstream() for e in (lhs, rhs) for d in e.atoms(sympy.Derivative)):
            return False  # ∇(bᵀx) = 2b, ∂f/∂x_k with f(x) defined, ∂L/∂x with y = Wx: a claim about what it writes
        return (not symbols & given and lhs.free_symbols != rhs.free_symbols
                and not any(f.func in self.models or f.func in self.bodies
                            for e in (lhs, rhs) for f in e.atoms(AppliedUndef)))

    def assume(self, lhs, rhs) -> bool:
        """A lone property of one undefined matrix (C^{-1} = C^T, A^T A = I): a hypothesis.

        Random instances do not have it, so from here on a step on that matrix that fails on them
        is not checked (it may rely on the property), never refuted.

        >>> from sympy import Symbol
        >>> from derivations.checker.matrix_notation import TRANSPOSE
        >>> C = Symbol("C")
        >>> r = MatrixReading(None, None)
        >>> r.assume(C**-1, TRANSPOSE(C)), sorted(r.assumed)
        (True, ['C'])
        >>> r.assume(C + C, 3 * C)
        False
        """
        given = set(self.definitions) | set(self.expansions)
        symbols = lhs.free_symbols | rhs.free_symbols
        shaped = any(e.atoms(AppliedUndef) and any(f.func == TRANSPOSE for f in e.atoms(AppliedUndef))
                     or any(p.exp.is_negative for p in e.atoms(sympy.Pow)) for e in (lhs, rhs))
        families = {family(s) for s in symbols} - {"I"}
        if len(families) != 1 or symbols & given or not shaped:
            return False  # δᵀWs = sᵀWδ relates several unknowns: a claim, refuted when wrong
        self.assumed |= families
        return True

    def _depends(self, sym: Symbol, depth: int = 0) -> set:
        """The symbols a defined symbol stands for, through the document's definitions."""
        body = self.definitions.get(sym)
        if body is None or depth > 5:
            return {sym}
        return set().union(*(self._depends(s, depth + 1) for s in body.free_symbols)) if body.free_symbols else set()

    def _hypothesis(self, lhs, rhs) -> str:
        eig = _eigen_equation(lhs, rhs, self.shapes)
        if eig is not None:
            known = next((e for e in self.eigen if e.matrix == eig.matrix), None)
            if known is None:
                self.eigen.append(eig)
            return (f"{eig.matrix} {eig.vectors.replace('#', eig.index)} = "
                    f"{eig.values.replace('#', eig.index)} {eig.vectors.replace('#', eig.index)}; "
                    f"instances take a symmetric {eig.matrix} and its eigenvectors")
        pair = {lhs, rhs}
        sym = next((e for e in pair if isinstance(e, Symbol)), None)
        if sym is not None and TRANSPOSE(sym) in pair:  # H^T = H
            self.symmetric.add(family(sym))
            self.shapes.mark(sym, "matrix")
            self.shapes.guessed.discard(family(sym))
            return f"{sym} is symmetric; the instances' {sym} is"
        ortho = _orthonormality(lhs, rhs)
        if ortho is not None:
            for e in self.eigen:
                if e.vectors == ortho:
                    e.orthonormal = True
            return "the vectors are orthonormal (uᵢᵀuⱼ = δᵢⱼ); the instances' eigenvectors are"
        if isinstance(rhs, IndexedSum) and any(
                family(s) == e.vectors for e in self.eigen for s in rhs.free_symbols):
            target = _solved(lhs)
            if target is not None:
                self.expansions[target[0]] = sympy.Add(target[1], rhs, evaluate=False)
                return (f"an expansion in the eigenvectors; instances take {target[0]} "
                        f"so that it holds")
        return ""

    # -- steps ------------------------------------------------------------------------------
    def owns(self, expr, entries: bool = True) -> bool:
        """True if ``expr`` involves a vector, a matrix, a convolution or an eigen-hypothesis quantity (or,
        with ``entries``, an entry of one that only instances relate to it: :meth:`_through_entries`)."""
        if is_matrix_marker(expr) or self.shapes.nonscalar(expr):
            return True
        if any(isinstance(d, sympy.Derivative) and d in self.literals for d in expr.atoms(sympy.Derivative)):
            return True
        keys = {e.vectors for e in self.eigen} | {e.values for e in self.eigen}
        if any(family(s) in keys for s in expr.free_symbols if isinstance(s, Symbol)):
            return True
        if any(s in self.expansions for s in expr.free_symbols):
            return True
        if any(f.func in self.models for f in expr.atoms(AppliedUndef)):
            return True
        return entries and self._through_entries(expr)

    def defined(self, exprs) -> set:
        """What this reading defines among the names of ``exprs``: the quantities it defines (σ = σ(wᵀx)),
        and the entries of those it reads as vectors and matrices (y_k, with y = Ax).

        >>> r = MatrixReading(Shapes(), None, definitions={Symbol("y"): Symbol("A") * Symbol("x")}, wholes={"y": "vector"})
        >>> sorted(r.defined([Symbol("y_k") + Symbol("z_k")]), key=str)
        [y, y_k]
        """
        given = set(self.definitions) | set(self._defined_entries())  # y too, with y_i = 2x_i
        return given | self.entries_of(exprs, given)

    def entry_names(self, expr, seen: set) -> set:
        """The names ``expr`` writes for entries of the vectors and matrices in ``seen`` (A_{jk} with A seen), and
        with them the indices of its sums and entries ((A x)_k): none of them a new quantity.

        >>> r = MatrixReading(Shapes(), None, wholes={"A": "matrix"})
        >>> sorted(map(str, r.entry_names(IndexedSum(Symbol("A_{jk}"), sympy.Tuple(Symbol("j"), 1, Symbol("n")), sympy.Tuple()), {Symbol("A")})))
        ['A_{jk}', 'j', 'k', 'n']
        """
        wholes = self._wholes()
        known = {(entry_of(s, wholes) or (None,))[0] for s in seen} & expr.free_symbols  # x, its x_i seen
        entries = self.entries_of([expr], seen)
        if not entries and not any(f.func == ENTRY for f in expr.atoms(AppliedUndef)):
            return known
        return known | entries | index_names([expr]) | {Symbol(k) for k in free_entries(expr, wholes)}

    def entries_of(self, exprs, wholes: set) -> set:
        """The names in ``exprs`` read as entries of one of ``wholes`` (A_{jk}, with A among them).

        >>> r = MatrixReading(Shapes(), None, wholes={"A": "matrix"})
        >>> r.entries_of([Symbol("A_{jk}") * Symbol("B_{jk}")], {Symbol("A")})
        {A_{jk}}
        """
        return {s for e in exprs for s in e.atoms(Symbol)
                if (entry_of(s, self._wholes()) or (None,))[0] in wholes and s not in wholes}

    def losses(self) -> set:
        """The losses read as unknown functions of one output (:meth:`_upstream`): known, not undefined."""
        return set(self._upstream())

    def _upstream(self) -> dict:
        """The losses read as unknown functions of one output: L never defined nor written bare, but
        differentiated by a quantity y the document defines (∂L/∂y, or by an entry of y) and otherwise only
        by what y is computed from (∂L/∂x, ∂L/∂W, with y = Wx + b): L → y.  L may depend on anything
        through y alone, as the backward pass reads it (∂L/∂y the upstream gradient).

        >>> x, y, L = Symbol("x"), Symbol("y"), Symbol("L")
        >>> r = MatrixReading(Shapes(), None, definitions={y: 2 * x}, differentiated={L: {x, y}})
        >>> r._upstream()
        {L: y}
        """
        out, wholes, names = {}, self._wholes(), {str(f) for f in self.bodies}
        for loss, variables in sorted(self.differentiated.items(), key=str):
            if (loss in self.definitions or str(loss) in names or entry_of(loss, wholes) is not None
                    or self.shapes.kind.get(family(loss)) in ("vector", "matrix")
                    or any(d.expr == loss for d in self.literals if isinstance(d, sympy.Derivative))):
                continue
            by = {(entry_of(v, wholes) or (v,))[0] for v in variables}
            outputs = [o for o in by if o in self.definitions and by - {o} <= self._reach(o)]
            if len(outputs) == 1:
                out[loss] = outputs[0]
        return out

    def _reach(self, sym: Symbol, depth: int = 0) -> set:
        """Every quantity ``sym`` is computed from through the document's definitions."""
        body = self.definitions.get(sym)
        if body is None or depth > 6:
            return set()
        return set(body.free_symbols).union(*(self._reach(s, depth + 1) for s in body.free_symbols))

    def _defined_entries(self) -> dict:
        """The vectors the document never defines whose entries it does (y_i = 2x_i): y → y_i.  An
        instance makes such a vector of those entries, never a random one beside them."""
        out = {}
        for key in sorted(self.definitions, key=str):
            found = entry_of(key, self.wholes) if isinstance(key, Symbol) else None
            if found and found[0] not in self.definitions and self.wholes[str(found[0])] == "vector" and found[1][0].isalpha():
                out.setdefault(found[0], key)
        return out

    def _wholes(self) -> dict:
        """The vectors and matrices whose entries the document writes: read as their entries, or made of them."""
        return {**self.wholes, **{k: "vector" for k, (_p, _n, how) in self.stacks.items() if how == "entries"}}

    def _through_entries(self, expr) -> bool:
        """True if ``expr`` writes an entry of a vector or matrix (x_k of x) beside a function the
        document defines with that whole (f in ∂f/∂x_k, with f(x) = xᵀAx) or a quantity it defines with
        it (y_k, with y = Ax): only instances relate the entry to the whole.  Entries the document
        defines themselves (p_i = e^{z_i}/Σ_j e^{z_j}) are quantities of their own."""
        wholes, defs = self._wholes(), self.definitions
        symbols = expr.atoms(Symbol)
        if any(len(subscript_indices(s)) > 1 and entry_of(s, wholes) is None
               and self.shapes.kind.get(family(s)) in ("vector", "matrix") for s in symbols):
            return False  # x_{ik} beside the vectors x_i: an entry of an example, not read yet
        read = {entry_of(s, wholes)[0] for s in symbols if entry_of(s, wholes) is not None
                and s not in defs and general_definition(s, defs) is None}
        if not read:
            return False
        if read & set(defs):  # y_k with y = Ax
            return True
        bodies = {str(f): b for f, b in self.bodies.items()}
        named = [bodies[str(s)] for s in symbols if str(s) in bodies] + [
            bodies[str(f.func)] for f in expr.atoms(AppliedUndef) if str(f.func) in bodies]
        if any(read & (b.expr.free_symbols | set(b.variables)) for b in named):  # ∂f/∂x_k, f(x) = xᵀAx
            return True
        return any(read & self._depends(s) for s in symbols if s in defs and entry_of(s, wholes) is None)

    def through_definitions(self, expr, depth: int = 0) -> bool:
        r"""True if ``expr`` stands on a quantity the document defines with vectors or matrices
        (``\hat p_i = \sigma(\mathbf{w}^\top \mathbf{x}_i)``, then a step about ``\hat p_1``).

        >>> from derivations.checker.parser import parse_expression
        >>> r = MatrixReading(Shapes(), None)
        >>> r.shapes.mark(Symbol("w"), "vector")
        >>> r.definitions[Symbol("p_i")] = parse_expression("w^T x_i")
        >>> r.through_definitions(parse_expression("\\log p_2")), r.through_definitions(parse_expression("y_2"))
        (True, False)
        """
        if depth > 6:
            return False
        for sym in expr.free_symbols:
            key = sym if sym in self.definitions else (general_definition(sym, self.definitions) or (None,))[0]
            if key is not None and (self.owns(self.definitions[key])
                                    or self.through_definitions(self.definitions[key], depth + 1)):
                return True
        return False

    def through(self, lhs, rhs, functions: dict) -> tuple[str, str] | None:
        """(status, reason) of a step that involves vectors only through the quantities the document
        defines with them, on instances where those definitions hold, if the instances decide it
        (proved, confirmed or refuted); else None.  The checks that read those quantities as
        numbers of any value come first: this decides what they cannot (p̂ = -2 is no σ(wᵀx))."""
        if self.owns(lhs) or self.owns(rhs) or not (self.through_definitions(lhs) or self.through_definitions(rhs)):
            return None
        outcome = self._step(lhs, rhs, functions)
        return outcome if outcome and outcome[0] in ("proved", "confirmed", "refuted") else None

    def step(self, lhs, rhs, functions: dict) -> tuple[str, str] | None:
        """(status, reason) of ``lhs = rhs`` checked on instances (in a worker process, under a time
        limit), or None if it is not a matrix step."""
        if not (self.owns(lhs) or self.owns(rhs)):
            return None
        out = self._step(lhs, rhs, functions)
        if out and out[0] == "not checked" and not any(self.owns(e, entries=False) for e in (lhs, rhs)):
            return None  # only entries tie it to vectors (∂L/∂W_{ij} = ∂L/∂y_i x_j): the scalar reading may decide
        return out

    def _step(self, lhs, rhs, functions: dict) -> tuple[str, str] | None:
        if lhs == rhs:  # ∂(y_1, y_2)/∂(x_1, x_2) = [∂y_i/∂x_j] with y undefined: the same entries as written
            return "proved", "both sides are the same expression as written (entry by entry for a matrix)"
        defs = {**self.definitions, **self.expansions}
        for d in (d for e in (lhs, rhs) for d in e.atoms(sympy.Derivative)):  # ∇_a C with C = (a^L − y)²
            unclear = next(filter(None, (unclear_variable(d.expr, _unknowns(d.expr, {}, defs), v)
                                         for v in d.variables)), "")
            if unclear:
                return "not checked", unclear
        frozen, functions = self._frozen(functions)
        return limited(frozen.instances, (ordered(lhs), ordered(rhs), functions))

    def follows(self, premise: tuple, lhs, rhs, both_ways: bool, functions: dict) -> tuple[str, str] | None:
        """(status, reason) of ``lhs = rhs`` as a consequence of the equation ``premise`` (⇒, or ⇔ if
        ``both_ways``) on instances (:mod:`.matrix_solving`, in a worker process), or None."""
        frozen, functions = self._frozen(functions)
        out = limited(follows_on_instances, (frozen, tuple(map(ordered, premise)), (ordered(lhs), ordered(rhs)),
                                             both_ways, functions))
        return out if out is None or out[0] != "inconclusive" else None

    def _frozen(self, functions: dict) -> tuple:
        """This reading and ``functions`` with every product in written order, to cross to a worker."""
        frozen = dataclasses.replace(self, definitions={k: ordered(v) for k, v in self.definitions.items()},
                                     expansions={k: ordered(v) for k, v in self.expansions.items()},
                                     models={f: (p, ordered(b), a) for f, (p, b, a) in self.models.items()},
                                     literals={ordered(k): v for k, v in self.literals.items()})
        functions = {f: sympy.Lambda(tuple(_plain(v) for v in b.variables), ordered(_plain(b.expr)))
                     if isinstance(b, sympy.Lambda) and (self.owns(b.expr) or self.through_definitions(_plain(b.expr)))
                     else b
                     for f, b in {**functions, **self.bodies}.items()}
        return frozen, functions

    def instances(self, lhs, rhs, functions: dict) -> tuple[str, str]:
        """(status, reason) of ``lhs = rhs`` on the instances (in this process: see :meth:`step`)."""
        named = self._named(lhs, rhs)
        if named:
            return named
        conv = any(str(f.func) in _CONV for e in (lhs, rhs) for f in e.atoms(AppliedUndef))
        conventions = [self.convention] if self.convention else (
            ["cross-correlation", "convolution"] if conv else ["cross-correlation"])
        outcomes = {c: self._rounds(lhs, rhs, functions, c) for c in conventions}
        defs = {**self.definitions, **self.expansions}
        used = _unknowns(lhs, self.literals, defs) | _unknowns(rhs, self.literals, defs)
        free = sorted(set(free_entries(lhs, self._wholes())) | set(free_entries(rhs, self._wholes())))
        status, reason = _verdict(outcomes, conv, self.convention is not None, self._described(used, free))
        if status == "refuted":  # how the document's names were read (y made of the y_i, L of y alone), if any
            reason += self._described(used)
        guessed = sorted({str(s) for s in used if family(s) in self.shapes.guessed})
        assumed = sorted({str(s) for s in used if family(s) in self.assumed})
        written = {str(s) for e in (lhs, rhs) for s in e.free_symbols}  # ∇_w L, with L(w) defined
        bodies = [b.expr for f, b in functions.items() if isinstance(b, sympy.Lambda) and (
            str(f) in written or any(a.func == f for e in (lhs, rhs) for a in e.atoms(AppliedUndef)))]
        made_of = status == "refuted" and self._stacked(used.union(*(_unknowns(b, self.literals, defs) for b in bodies)))
        if made_of:  # θᵀx = Σ_i θ_i x_i: random θ is not made of the θ_i
            return "not checked", (f"{reason}; but {made_of} are both written, and the step may read the one as "
                                   "made of the others (entries, or rows of a data matrix), which random instances "
                                   "are not: define the one from the others to check it")
        if status == "refuted" and assumed:  # C^{-1} = C^T was stated; random C lack it
            names = ", ".join(assumed)
            return "not checked", (f"{reason}; but the document states a property of {names} that random "
                                   f"instances do not have, and the step may rely on it")
        if status == "refuted" and guessed:  # only a guess made H a matrix: never a refutation
            names = ", ".join(guessed)
            return "not checked", (f"{reason}; but {names} is read as a matrix only because it multiplies "
                                   f"a vector (the document never says): declare it to check the step")
        derivative = lhs.has(sympy.Derivative) or rhs.has(sympy.Derivative)
        symmetric = status == "refuted" and derivative and self._if_symmetric(lhs, rhs, functions, conventions)
        if symmetric:  # ∇(½xᵀAx) = Ax: right for the symmetric A such notes mean; uᵀHv = vᵀHu stays refuted
            return "not checked", (f"{reason}; but it holds when {symmetric} is symmetric, which the document "
                                   f"does not state (state {symmetric}^T = {symmetric} to check it)")
        return status, reason

    def _stacked(self, unknowns: set) -> str:
        """"θ and θ_i" when ``unknowns`` hold a vector or matrix and indexed quantities of its letter
        (θ and θ_0, …, θ_d; X and the examples x_i) that the instances do not make one of the
        others (:func:`_stacks`), else ""."""
        whole = {family(s): s for s in unknowns if "#" not in family(s) and family(s) not in self.stacks
                 and (s.name not in self.wholes or s in self._defined_entries())
                 and self.shapes.kind.get(family(s)) in ("vector", "matrix")}
        parts = {family(s): s for s in unknowns if "#" in family(s)}
        for key, sym in sorted(whole.items()):
            bases = {key, key.lower()} if self.shapes.kind.get(key) == "matrix" else {key}
            part = next((p for k, p in sorted(parts.items()) if k.split("_#")[0] in bases), None)
            if part is not None:
                return f"{sym} and {Symbol(part.name)}"
        return ""

    def _if_symmetric(self, lhs, rhs, functions: dict, conventions: list) -> str:
        """The square matrices of a refuted step about a derivative, if it holds when they are all
        symmetric (else ""): gradients of quadratic forms are written so for the symmetric matrices
        (Hessians, covariances) such notes mean without saying."""
        defs = {**self.definitions, **self.expansions}
        square = sorted({family(s) for s in _unknowns(lhs, self.literals, defs) | _unknowns(rhs, self.literals, defs)
                         if self.shapes.kind.get(family(s)) == "matrix" and family(s) not in self.symmetric})
        if not square:
            return ""
        other = dataclasses.replace(self, symmetric=self.symmetric | set(square))
        if all(other._rounds(lhs, rhs, functions, c)[0] == "equal" for c in conventions):
            return ", ".join(square)
        return ""

    def _named(self, lhs, rhs) -> tuple:
        """(status, reason) of a step that writes out the value of a matrix the document never gave:
        a definition of that one matrix (X ⊗ ∂L/∂y = [numbers] ⊗ ∂L/∂y gives X its value), else not
        checked; () for other steps."""
        sides = [_unknowns(lhs, self.literals), _unknowns(rhs, self.literals)]
        if 0 in (lhs, rhs) or any(d not in self.literals for e in (lhs, rhs) for d in e.atoms(sympy.Derivative)):
            return ()  # ∇(yᵀy) = 0, Xᵀ(Xw − y) = 0: a claim or a condition, not a value written out
        given = set(self.definitions) | set(self.expansions)
        new = sorted(str(s) for s in sides[0] | sides[1] if s not in given
                     and self.shapes.kind.get(family(s)) in ("vector", "matrix"))
        if new and not all(sides):
            names = ", ".join(new)
            if len(new) == 1 and len(sides[0] | sides[1]) == 1:
                return "definition", (f"{names} has no value before this step and one side is all numbers: "
                                      f"read as the document giving {names} its value (a definition of "
                                      f"{names}, not a checked step)")
            return "not checked", (f"{names} has no value before this step and one side is all numbers: the "
                                   f"step gives {names} its value (define {names} to check it)")
        return ()

    def _rounds(self, lhs, rhs, functions, convention) -> tuple[str, str, list]:
        """('equal'|'differ'|'unsure'|'unknown', detail, sizes) over the instance sizes."""
        sizes_seen, numeric, skipped = [], False, None
        defs = {**self.definitions, **self.expansions}
        concrete = not (_unknowns(lhs, self.literals, defs) | _unknowns(rhs, self.literals, defs)) and not self.eigen
        for round_ in range(1 if concrete else _ROUNDS):
            for attempt in range(4):
                inst = self._instance(round_, attempt, functions, convention)
                try:
                    result, left, right, at = sides_at_each_index(lhs, rhs, inst)
                except ZeroDivisionError:
                    continue  # a singular random matrix: draw again
                except OutOfRange as err:  # x_3 of a 2-vector: this size is left out
                    result, left, right, at = "skip", err, None, ""
                except (Unknown, Ambiguous, ShapeError) as err:
                    return "unknown", _why(err), sizes_seen
                except (TypeError, ValueError, AttributeError, IndexError, KeyError, NotImplementedError) as err:
                    return "unknown", f"cannot be evaluated on instances (internal: {err})", sizes_seen
                break
            else:
                return "unknown", "no invertible random instance was found", sizes_seen
            if result == "skip":
                skipped = left
                continue
            numeric = numeric or result == "close"
            if concrete and result == "differ" and written_roundings(left, right):
                return "equal", "", ["rounded"]  # σ(−2) = 0.12: worked numbers, written to their last digit
            sizes_seen.append(inst.label if not concrete else "exact" if not numeric else "to 45 digits")
            if result == "unknown":  # a quantity with no value is left in a side
                return result, f"a side is not a number on the random {inst.label} instance", sizes_seen
            if result not in ("equal", "close"):
                return result, counterexample(inst, left, right) + at, sizes_seen
        if not sizes_seen:
            return "unknown", _why(skipped), sizes_seen
        full = inst.values.get("conv-mode") == "full"
        return "equal", " (full: the first operand zero-padded by the kernel size − 1)" if full else "", sizes_seen

    def _instance(self, round_: int, attempt: int, functions: dict, convention: str) -> Instance:
        rng = random.Random(self.seed + 97 * round_ + attempt)
        dims = {d for key in self.shapes.kind for d in (self.shapes.shape_of(key) or ())}
        sizes = self.shapes.sizes(round_, dims)
        inst = Instance(functions=functions, convention=convention, definitions=dict(self.definitions),
                        wholes=self._wholes())
        inst.definitions.update(self.expansions)
        inst.values.update(self.literals)
        for fn, model in self.models.items():
            inst.models[fn] = model
        labels = []
        for eig in self.eigen:
            n = self.shapes.concrete(self.shapes.shape_of(family(eig.matrix)), sizes)[0]
            _eigen_values(inst, eig, n, rng)
            inst.sizes[eig.index] = n
            labels.append(f"{n}×{n}")
        inst.fresh = lambda sym: self._fresh(sym, sizes, rng)
        inst.draw = lambda rows, cols: Matrix(rows, cols, lambda i, j: rng.choice([-3, -2, -1, 1, 2, 3]))
        inst.upstream = {loss: (output, Symbol(f"∂{loss}/∂{output}")) for loss, output in self._upstream().items()}
        counted = []
        for count in sorted(self.counts, key=str):  # Σ_{i=1}^n x_i y_iᵀ: n examples on this instance
            n = sizes.get(self.shapes.find(f"dim:{count}"), (2, 3, 2)[round_])
            inst.values[count], inst.sizes[str(count)] = sympy.Integer(n), n
            counted.append(f"{count} = {n}")
        for key, (part, count, how) in self.stacks.items():  # y = (y_1, …, y_n), X with rows x_iᵀ
            if Symbol(key) in inst.definitions:
                continue  # the document's own definition of y stands
            members = [Symbol(part.replace("#", str(k))) for k in range(1, int(inst.values[count]) + 1)]
            inst.definitions[Symbol(key)] = stacked(how, members)
        for whole, entry in self._defined_entries().items():  # y_i = 2x_i defined: y is (y_1, …, y_m)
            shape = self.shapes.concrete(self.shapes.shape_of(str(whole)), sizes)
            if whole not in inst.definitions and shape and 1 in shape:
                letter = entry_of(entry, self.wholes)[1][0]
                inst.definitions[whole] = stacked("entries", [renamed(entry, {letter: k}) for k in range(1, max(shape) + 1)])
        mats = [self.shapes.concrete(self.shapes.shape_of(k), sizes) for k in sorted(self.shapes.kind)
                if self.shapes.kind[k] == "matrix"]
        vecs = [self.shapes.concrete(self.shapes.shape_of(k), sizes) for k in sorted(self.shapes.kind)
                if self.shapes.kind[k] == "vector"]
        shape = (labels or [f"{m[0]}×{m[1]}" for m in mats if m] or [f"{v[0]}-vector" for v in vecs if v]
                 or ["number"])[0]
        inst.label = f"{shape} with {', '.join(counted)}" if counted else shape
        return inst

    def identity(self) -> Symbol | None:
        """I, when the document writes it as a matrix and never defines it: the identity matrix.

        >>> r = MatrixReading(Shapes(), None)
        >>> r.shapes.mark(Symbol("I"), "matrix")
        >>> r.identity(), MatrixReading(Shapes(), None, definitions={Symbol("I"): Symbol("A")}).identity()
        (I, None)
        """
        eye = Symbol(IDENTITY)
        return eye if (self.shapes.kind.get(IDENTITY) == "matrix" and eye not in self.definitions
                       and not self.data_identity) else None

    def _fresh(self, sym: Symbol, sizes: dict, rng: random.Random):
        shape = self.shapes.concrete(self.shapes.shape_of(family(sym)), sizes)
        if sym == self.identity() and shape and shape[0] == shape[1]:
            return sympy.eye(shape[0])  # λI, I + ∂F/∂x: never a random matrix
        if shape is None:
            return Rational(rng.choice([-7, -5, -3, -2, -1, 1, 2, 3, 5, 7]), rng.choice([1, 2, 3]))
        # no zero entries: a zero would hide how a quantity depends on another (wᵀx_i with x_i = [0, 2]ᵀ
        # looks entrywise in w), and a wrong step could hold by it
        value = Matrix(shape[0], shape[1], lambda i, j: rng.choice([-3, -2, -1, 1, 2, 3]))
        return value + value.T if family(sym) in self.symmetric and shape[0] == shape[1] else value

    def _described(self, used: set = frozenset(), free: list = ()) -> str:
        readings = [STACK_TEXT[how].format(whole=key, part=part.replace("#", "i"), n=count)
                    for key, (part, count, how) in sorted(self.stacks.items()) if Symbol(key) in used]
        entries = {}
        for sym in sorted(used, key=str):
            whole = entry_of(sym, self.wholes)
            if whole and not made_of_entries(whole[0], self.definitions, self._wholes()):
                entries.setdefault(str(whole[0]), str(sym))  # not w_1 of w = [w_1; w_2]: w is made of it
        readings += [f"{name} read as an entry of {whole}" for whole, name in sorted(entries.items())]
        readings += [f"{whole} read as the vector of the {entry}" for whole, entry in self._defined_entries().items()
                     if whole in used]
        readings += [f"at every value of {', '.join(free)}"] if free else []
        readings += [f"{IDENTITY} read as the identity matrix"] if self.identity() in used else []
        readings += [f"{loss} an unknown function of {output} alone: its gradient there drawn at random"
                     for loss, output in sorted(self._upstream().items(), key=str) if loss in used]
        if readings:
            return f" ({'; '.join(readings)})"
        if not self.eigen:
            return f" ({', '.join(sorted(self.symmetric))} symmetric, as stated)" if self.symmetric else ""
        e = self.eigen[0]
        u, lam = e.vectors.replace("#", e.index), e.values.replace("#", e.index)
        expansions = "".join(f", {s} from the expansion" for s in self.expansions)
        return (f" (instances satisfy the hypotheses: {e.matrix} symmetric with eigenpairs "
                f"({lam}, {u}){', orthonormal' if e.orthonormal else ''}{expansions})")


def _plain(expr):
    """``expr`` with its symbols as the steps name them: a function's body has its parameters
    declared real (for the scalar checks), which would make its X another X than the step's."""
    return substituted(expr, {s: Symbol(s.name) for s in expr.free_symbols if type(s) is Symbol})


def _unknowns(expr, literals: dict, definitions: dict | None = None, depth: int = 0) -> set:
    """The symbols ``expr`` stands on, through definitions, outside the derivatives given as matrices."""
    if expr in literals:
        return set()
    if isinstance(expr, Symbol):
        if definitions and expr in definitions and depth < 8:
            return _unknowns(definitions[expr], literals, definitions, depth + 1)
        return {expr}
    return set().union(*(_unknowns(a, literals, definitions, depth) for a in expr.args)) if expr.args else set()


def _model(lhs, rhs):
    """(w, body, w*) for ``E(w) = …E(w*)…``: a function defined through its value at another point."""
    if not (isinstance(lhs, AppliedUndef) and len(lhs.args) == 1 and isinstance(lhs.args[0], Symbol)
            and not is_matrix_marker(lhs)):
        return None
    anchors = {f.args[0] for f in rhs.atoms(AppliedUndef) if f.func == lhs.func and len(f.args) == 1}
    if len(anchors) != 1 or lhs.args[0] in anchors:
        return None
    return lhs.args[0], rhs, anchors.pop()


def _why(err: Exception) -> str:
    if isinstance(err, Ambiguous):
        return f"{err}: a transpose or the power T? (ambiguous, so not checked)"
    if isinstance(err, ShapeError):
        return f"the shapes do not fit on the instance ({err}): a misreading or a wrong step"
    return f"{err}, so the step cannot be evaluated on instances"


def _verdict(outcomes: dict, conv: bool, stated: bool, hypotheses: str) -> tuple[str, str]:
    """One status and reason from the outcome under each convention tried."""
    holds = [c for c, o in outcomes.items() if o[0] == "equal"]
    first = next(iter(outcomes.values()))
    if any(o[0] == "unknown" for o in outcomes.values()):
        detail = next(o[1] for o in outcomes.values() if o[0] == "unknown")
        return "not checked", detail
    sizes = first[2]
    exact = sizes in (["exact"], ["rounded"])
    where = ("by exact evaluation, its decimals agreeing to the digits written (read as roundings)"
             if sizes == ["rounded"] else "by exact evaluation" if exact else "by evaluation, equal to 45 digits" if sizes == ["to 45 digits"] else
             ("on random exact values of its unknowns" if set(sizes) == {"number"} else  # no matrix among them
              "on random exact instances: " + ", ".join(dict.fromkeys(sizes))) + hypotheses)
    names = [CONVENTION_NAMES[c] for c in outcomes]
    if holds:
        status = "proved" if exact else "confirmed"
        mode = outcomes[holds[0]][1]
        if not conv:
            return status, f"holds {where}"
        if len(outcomes) == 1:
            return status, f"holds {where} as {names[0]}{mode} (the convention the document states)"
        if len(holds) == 2:
            return status, f"holds {where} as cross-correlation and as true convolution{mode}"
        other = next(CONVENTION_NAMES[c] for c in outcomes if c not in holds)
        return status, f"holds {where} as {CONVENTION_NAMES[holds[0]]}{mode}, not as {other}"
    if any(o[0] == "unsure" for o in outcomes.values()):
        return "inconclusive", "the two sides agree to 30 digits but not to 45 on an instance"
    detail = "; ".join((f"as {CONVENTION_NAMES[c]}: " if conv else "") + o[1] for c, o in outcomes.items())
    return "refuted", f"fails {detail}"


def _models(text: str, names) -> dict:
    """``E(w) \\approx …`` in inline math: the model that defines E(w) near the point it names."""
    from derivations.checker.parser import LatexParseError, LatexUnsupportedError, parse_chains

    models = {}
    for m in _APPROX.finditer(text):
        try:
            chains = parse_chains(m.group(1), functions=names)
        except (LatexParseError, LatexUnsupportedError):
            continue
        for c in chains:
            head = c.items[0]
            if c.ops[:1] != ("approx",) or not isinstance(head, AppliedUndef) or len(head.args) != 1:
                continue
            anchors = [f.args[0] for f in c.items[1].atoms(AppliedUndef) if f.func == head.func]
            if isinstance(head.args[0], Symbol) and len(set(anchors)) == 1:
                models[head.func] = (head.args[0], c.items[1], anchors[0], m.start(), m.group(1))
    return models


def matrix_reading(text: str, chains, names=frozenset()) -> MatrixReading | None:
    """The document's reading of vectors and matrices, or None if it has none.

    >>> matrix_reading("$$x + x = 2x$$", []) is None
    True
    """
    shapes = Shapes()
    for key, dims in declarations(text).items():
        shapes.declare(key, dims)
    exprs = [e for c in chains for e in c.items]
    for c in chains:
        if len(c.items) == 2 and isinstance(c.items[0], Symbol) and c.items[1].func == MATRIX:
            lit = c.items[1]
            shapes.declare(family(c.items[0]), (int(lit.args[0]), int(lit.args[1])))
    bold = bold_letters(text)
    for e in exprs:
        shapes.note_transposes(e)
        shapes.note_bold(e, bold)
        shapes.note_operands(e)
    models = _models(text, names)
    for _fn, (_p, body, _a, _s, _t) in models.items():
        shapes.note_transposes(body)
    markers = any(is_matrix_marker(e) for e in exprs)
    if not markers and not any(k in ("vector", "matrix") for k in shapes.kind.values()):
        return None
    reading = MatrixReading(shapes, stated_convention(text))
    eye = Symbol(IDENTITY)
    reading.data_identity = data_identity(exprs)
    if not reading.data_identity and any(eye in e.free_symbols for e in exprs) and not any(
            c.items[0] == eye and c.ops[0] in ("=", "def") for c in chains):
        shapes.mark(eye, "matrix")  # λI, XᵀX + λI: the identity, a square matrix
    for c in chains:  # eigen-equations first: they say which letters are matrices
        if len(c.items) == 2 and c.ops[0] == "=":
            eig = _eigen_equation(*c.items, shapes)
            if eig is not None and all(e.matrix != eig.matrix for e in reading.eigen):
                reading.eigen.append(eig)
    for _ in range(3):
        if not shapes.propagate(exprs + [m[1] for m in models.values()]):
            break
    eigen = {e.index for e in reading.eigen}
    sums = [s for e in exprs for s in kept_sums(e)]
    reading.counts = {s.last for s in sums if isinstance(s.last, Symbol) and s.last != UNSTATED
                      and str(s.index) not in eigen and s.first in (0, 1)}
    summed = {}  # n -> the families summed over i = 1…n (θ_0, …, θ_d from 0: which would be θ's entries?)
    for s in (s for s in sums if s.last in reading.counts):
        summed.setdefault(s.last, set()).update({family(x) for x in s.operand.free_symbols} if s.first == 1 else {None})
    reading.stacks = stacks(shapes, {n: f for n, f in summed.items()
                                      if None not in f and re.fullmatch(r"[A-Za-z]\w*", str(n))})  # not ⋯
    reading.wholes = entry_wholes({s for e in exprs for s in e.atoms(Symbol)}, shapes.kind, set(reading.stacks))
    bare = {s for e in exprs for s in e.xreplace({d: sympy.S.Zero for d in e.atoms(sympy.Derivative)}).free_symbols}
    for d in (d for e in exprs for d in e.atoms(sympy.Derivative)):
        if isinstance(d.expr, Symbol) and d.expr not in bare:  # ∂L/∂y, ∂L/∂x, and L never on its own
            reading.differentiated.setdefault(d.expr, set()).update(d.variables)
    for fn, (param, body, anchor, start, source) in models.items():
        reading.models[fn] = (param, body, anchor)
        reading.notes.append((start, f"{source.split(chr(92) + 'approx')[0].strip()} ≈ … is read as the "
                                     "definition of its left side (an approximation taken as given)"))
    for c in chains:
        for a, b in zip(c.items, c.items[1:]):
            try:
                shapes.equate(a, b)
            except (ValueError, TypeError, AttributeError, IndexError):
                continue  # shapes that do not fit: the step says so when it is checked
    return reading
