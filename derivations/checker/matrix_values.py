r"""The value of a parsed expression on one instance: exact matrices, vectors and scalars.

Products are taken in the order written (the parser keeps it), ``transpose`` transposes, ``⊙``
multiplies entrywise, ``⁻¹`` inverts, σ, tanh, exp and the document's functions apply entrywise,
convolution signs convolve (:mod:`.convolution`) and ``\sum_i`` with bounds the instance knows
adds its terms.  A 1×1 product (uᵀv) acts as the number it is.  Entries are exact (rationals, or
exact SymPy numbers such as σ(1/2)), so two values are compared exactly where they are rational
and to 50 digits otherwise.

>>> import sympy
>>> from derivations.checker.parser import parse_expression
>>> u = sympy.Matrix([1, 2])
>>> inst = Instance(values={sympy.Symbol("u"): u, sympy.Symbol("H"): sympy.Matrix([[2, 0], [0, 3]])})
>>> evaluate(parse_expression("u^T H u"), inst)
Matrix([[14]])
>>> compare(evaluate(parse_expression("u^T H u"), inst), sympy.Integer(14))
'equal'
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

import sympy
from sympy import Derivative, Matrix, Subs, Symbol
from sympy.core.function import AppliedUndef

from derivations.checker.convolution import conv_modes, convolve
from derivations.checker.entries import entry_of, free_entries, made_of_entries
from derivations.checker.matrix_compare import compare
from derivations.checker.indexed import UNSTATED, IndexedSum, index_items
from derivations.checker.matrix_notation import (
    CONVOLUTIONS,
    ENTRY,
    HADAMARD,
    NORMS,
    TRANSPOSE,
    is_matrix_marker,
    matrix_entries,
)
from derivations.checker.tokenizer import _NAME_RE, _make_name
from derivations.checker.value_derivatives import through_definition
from derivations.render.text import expr_text

__all__ = ["Instance", "Unknown", "OutOfRange", "ShapeError", "Ambiguous", "evaluate", "index_ranges",
           "general_definition", "stacked", "renamed", "ordered"]

_PRODUCT = sympy.Function("mprod")
_STACK = sympy.Function("stacked")  # stacked(how, m_1, …, m_n): see stacked()
_INNER = sympy.Function("inner")  # inner(g, y): Σ g ⊙ y, an unknown function of y with gradient g (see _upstream)

_CONV_NAMES = {f.__name__ for f in CONVOLUTIONS.values()}
_NORM_NAMES = {f.__name__ for f in NORMS.values()}


class Unknown(Exception):
    """A quantity that has no value on the instance (∂L/∂W never given, an undefined function).

    >>> evaluate(Symbol("x"), Instance())
    Traceback (most recent call last):
    ...
    derivations.checker.matrix_values.Unknown: x has no value
    """


class OutOfRange(Unknown):
    """An entry the instance's vector or matrix does not have (x_3 of a 2-vector): that size is left out.

    >>> evaluate(Symbol("x_3"), Instance(values={Symbol("x"): Matrix([1, 2])}, wholes={"x": "vector"}))
    Traceback (most recent call last):
    ...
    derivations.checker.matrix_values.OutOfRange: x_3 is not an entry of the 2-vector x
    """


class ShapeError(Exception):
    """The shapes do not fit (a product of a 2×3 and a 2×3 matrix).

    >>> evaluate(Symbol("A") * Symbol("A"), Instance(values={Symbol("A"): Matrix([[1, 2, 3]])}))
    Traceback (most recent call last):
    ...
    derivations.checker.matrix_values.ShapeError: a power of a non-square matrix
    """


class Ambiguous(Exception):
    """A superscript T on a number: a transpose or the power T?

    >>> evaluate(TRANSPOSE(Symbol("a")), Instance(values={Symbol("a"): 2}))
    Traceback (most recent call last):
    ...
    derivations.checker.matrix_values.Ambiguous: a superscript T on a, which is a number here
    """


@dataclass
class Instance:
    """Values of the quantities (Symbol, Derivative or application → Matrix or number) and how to read the rest.

    ``functions`` maps a function to its body (a Lambda); ``definitions`` maps a symbol the document
    defines to its expression; ``models`` maps a function to (parameter, body) of a model such as
    E(w) ≈ E(w*) + ½(w − w*)ᵀH(w − w*); ``sizes`` gives the range 1…n of sum indices; ``fresh``
    makes a value for a quantity met for the first time (None: :class:`Unknown`).

    >>> Instance().convention
    'cross-correlation'
    """

    values: dict = field(default_factory=dict)
    functions: dict = field(default_factory=dict)
    definitions: dict = field(default_factory=dict)
    models: dict = field(default_factory=dict)
    sizes: dict = field(default_factory=dict)
    convention: str = "cross-correlation"
    fresh: object = None
    bound: dict = field(default_factory=dict)
    used: set = field(default_factory=set)
    wholes: dict = field(default_factory=dict)  # x -> "vector", A -> "matrix": x_k, A_{ij} are their entries
    upstream: dict = field(default_factory=dict)  # L -> (y, g): L an unknown function of y, g its gradient there
    draw: object = None  # (rows, columns) -> a random matrix, for the gradients of upstream


def renamed(sym: Symbol, bound: dict) -> Symbol:
    """``sym`` with bound sum indices replaced in its subscript (α_i → α_2 for i = 2).

    >>> renamed(Symbol("alpha_i"), {"i": 2}), renamed(Symbol("delta_{ij}"), {"i": 1, "j": 1})
    (alpha_2, delta_{11})
    """
    m = _NAME_RE.fullmatch(sym.name)
    if not bound or not m:
        return sym
    sub = _subscript(m)
    if not sub or not any(ch in bound for ch in sub):
        return sym
    sub = "".join(str(bound[ch]) if ch in bound else ch for ch in sub)
    return Symbol(_make_name(m.group("base"), sub, m.group("sup") or "", m.group("star") or False))


def _subscript(m: re.Match) -> str:
    """The subscript of a name matched by the tokenizer's name pattern ("" if none)."""
    return m.group("sub") if m.group("sub") is not None else m.group("sub1") or ""


def _kronecker(sym: Symbol):
    m = re.fullmatch(r"delta_\{?(\d)(\d)\}?", sym.name)
    return None if not m else sympy.Integer(int(m.group(1) == m.group(2)))


def ordered(expr):
    """``expr`` with every product as ``mprod(…)``, whose factors keep their order through pickling.

    SymPy rebuilds a product in its canonical order when it is unpickled (on its way to a worker
    process), which would turn uᵀHu into Huuᵀ; an undefined function keeps its arguments in place.

    >>> from derivations.checker.parser import parse_expression
    >>> ordered(parse_expression("B^T A^T"))
    mprod(transpose(B), transpose(A))
    """
    if not expr.args or isinstance(expr, (sympy.Number, Symbol)):
        return expr
    args = [ordered(a) for a in expr.args]
    if isinstance(expr, sympy.Mul):
        return _PRODUCT(*args)
    if isinstance(expr, (sympy.Add, sympy.Pow)):
        return expr.func(*args, evaluate=False)
    if isinstance(expr, Derivative):  # ∇(xᵀAx): the product inside keeps its order too
        return Derivative(ordered(expr.expr), *expr.variable_count, evaluate=False)
    if isinstance(expr, Subs):
        return Subs(ordered(expr.expr), expr.variables, tuple(ordered(p) for p in expr.point))
    if isinstance(expr, sympy.Tuple) or not isinstance(expr, sympy.Function):
        return expr
    return expr.func(*args)


def _is_matrix(v) -> bool:
    return isinstance(v, sympy.MatrixBase)


def _scalar(v):
    return v[0, 0] if _is_matrix(v) and v.shape == (1, 1) else v


def _product(a, b):
    if not _is_matrix(a) or not _is_matrix(b):
        return a * b
    if a.shape[1] == b.shape[0]:
        return a * b
    if a.shape == (1, 1) or b.shape == (1, 1):
        return _scalar(a) * _scalar(b)
    raise ShapeError(f"a {a.shape[0]}×{a.shape[1]} matrix times a {b.shape[0]}×{b.shape[1]} matrix")


def _sum(values):
    mats = [v for v in values if _is_matrix(v) and v.shape != (1, 1)]
    if not mats:
        return sympy.Add(*[_scalar(v) for v in values])
    if len(mats) != len(values) or len({m.shape for m in mats}) != 1:
        raise ShapeError("a sum of terms of different shapes")
    out = mats[0]
    for m in mats[1:]:
        out = out + m
    return out


def _entrywise(v, fn):
    return v.applyfunc(fn) if _is_matrix(v) else fn(v)


def evaluate(expr: sympy.Basic, inst: Instance):  # noqa: C901 - a dispatch on the node type
    """The value of ``expr`` on ``inst``: a SymPy Matrix or an exact number.

    >>> evaluate(sympy.Mul(TRANSPOSE(Symbol("v")), Symbol("v"), evaluate=False), Instance(values={Symbol("v"): Matrix([3, 4])}))
    Matrix([[25]])
    """
    if isinstance(expr, sympy.Number) or expr in (sympy.S.Exp1, sympy.S.Pi):
        return expr
    if expr in inst.values:
        return inst.values[expr]
    if isinstance(expr, sympy.Dummy):  # an entry of a vector differentiated by (see _by_entries)
        return expr
    if isinstance(expr, Symbol):
        return _symbol(expr, inst)
    if isinstance(expr, sympy.Add):
        return _sum([evaluate(a, inst) for a in expr.args])
    if isinstance(expr, sympy.Mul) or (isinstance(expr, AppliedUndef) and expr.func == _PRODUCT):
        out = evaluate(expr.args[0], inst)
        for a in expr.args[1:]:
            out = _product(out, evaluate(a, inst))
        return out
    if isinstance(expr, sympy.Pow):
        return _power(evaluate(expr.base, inst), _scalar(evaluate(expr.exp, inst)))
    if isinstance(expr, IndexedSum):
        return _big_sum(expr, inst)
    if isinstance(expr, AppliedUndef) or (isinstance(expr, sympy.Function) and expr.func in inst.functions):
        return _applied(expr, inst)
    if isinstance(expr, (Derivative, Subs)):
        return _derivative(expr, inst)
    if isinstance(expr, sympy.Function) and expr.args:
        args = [_scalar(evaluate(a, inst)) for a in expr.args]
        if len(args) == 1:
            return _entrywise(args[0], expr.func)
        if any(_is_matrix(a) for a in args):
            raise ShapeError(f"{expr.func} of a matrix")
        return expr.func(*args)
    raise Unknown(f"{expr} cannot be evaluated on an instance")


def _symbol(sym: Symbol, inst: Instance):
    name = renamed(sym, inst.bound)
    if name in inst.values:
        return inst.values[name]
    delta = _kronecker(name)
    if delta is not None:
        return delta
    if name in inst.definitions:
        value = evaluate(inst.definitions[name], inst)
        inst.values[name] = value
        return value
    general = general_definition(name, inst.definitions)
    if general is not None:  # z_2 with z_i = wᵀx_i defined: wᵀx_2
        key, binding = general
        saved, inst.bound = inst.bound, binding
        try:
            value = evaluate(inst.definitions[key], inst)
        finally:
            inst.bound = saved
        inst.values[name] = value
        return value
    entry = entry_of(name, inst.wholes)
    if entry is not None and not made_of_entries(entry[0], inst.definitions, inst.wholes):
        # x_2 of the vector x: never kept, as x may be bound to other values (_by_entries)
        return _entry(name, entry[0], evaluate(entry[0], inst), entry[1])
    if inst.fresh is None:
        raise Unknown(f"{name} has no value")
    value = inst.fresh(name)
    inst.values[name] = value
    inst.used.add(name)
    return value


def _position(atoms: tuple, shape: tuple) -> list[int]:
    """(row, column), from 1, of the entry written with ``atoms`` in a value of ``shape``: a vector's one
    index runs along its long side."""
    at = [int(a) for a in atoms]
    return at if len(at) == 2 else [at[0], 1] if shape[1] == 1 else [1, at[0]]


def _entry(name: Symbol, whole: Symbol, value, atoms: tuple):
    """The entry at ``atoms`` (numbers as text, from 1) of ``whole``, whose value is ``value``: one index
    for a vector, two for a matrix; :class:`OutOfRange` beyond its size, :class:`Unknown` for an index
    with no value."""
    if not all(str(a).isdigit() for a in atoms):
        raise Unknown(f"{name}: which entry? (its index {', '.join(map(str, atoms))} has no value here)")
    shape = value.shape if _is_matrix(value) else (1, 1)
    at = _position(atoms, shape)
    if 0 in at:  # θ_0 beside θ: a first entry numbered 0, or a number apart (a bias)?
        raise OutOfRange(f"{name} is written beside {whole}, whose entries are read as numbered from 1: "
                         f"whether {name} is one of them is not stated (define {whole} from its entries)")
    if not all(1 <= a <= n for a, n in zip(at, shape)):
        size = f"{max(shape)}-vector" if 1 in shape else f"{shape[0]}×{shape[1]} matrix"
        raise OutOfRange(f"{name} is not an entry of the {size} {whole}")
    return value[at[0] - 1, at[1] - 1] if _is_matrix(value) else value


def index_ranges(lhs, rhs, inst: Instance) -> dict:
    """The free index letters of a step's entries (:func:`.entries.free_entries`) and how far each
    runs on ``inst``: the size of what it indexes (the smallest, if it indexes several).

    >>> inst = Instance(values={Symbol("x"): Matrix([1, 2, 3])}, wholes={"x": "vector"})
    >>> index_ranges(Symbol("x_k"), Symbol("x_k"), inst)
    {'k': 3}
    """
    sizes: dict = {}
    for side in (lhs, rhs):
        for letter, places in free_entries(side, inst.wholes).items():
            sizes.setdefault(letter, []).extend(_extent(whole, axis, inst) for whole, axis in places)
    return {letter: min(found) for letter, found in sizes.items()}


def _extent(whole, axis: int, inst: Instance) -> int:
    """How many entries ``whole`` has along ``axis`` on ``inst`` (a vector's length, whatever the axis)."""
    value = evaluate(whole, inst)
    shape = value.shape if _is_matrix(value) else (1, 1)
    return max(shape) if 1 in shape else shape[axis]


def general_definition(name: Symbol, definitions: dict) -> tuple | None:
    """(z_i, {"i": 2}) for z_2 when the document defines z_i: the definition with letters for
    the indices that ``name`` writes as digits, and the digits they stand for; else None.

    >>> general_definition(Symbol("z_2"), {Symbol("z_i"): 0, Symbol("y_i"): 0})
    (z_i, {'i': 2})
    >>> general_definition(Symbol("z_{12}"), {Symbol("z_{ij}"): 0}), general_definition(Symbol("z_2"), {})
    ((z_{ij}, {'i': 1, 'j': 2}), None)
    """
    m = _NAME_RE.fullmatch(name.name)
    sub = m and _subscript(m)
    if not sub or not sub.isdigit():
        return None
    for key in definitions:
        k = isinstance(key, Symbol) and _NAME_RE.fullmatch(key.name)
        letters = k and _subscript(k)
        if (letters and len(letters) == len(sub) and letters.isalpha() and len(set(letters)) == len(letters)
                and (k.group("base"), k.group("sup"), k.group("star")) == (m.group("base"), m.group("sup"), m.group("star"))):
            return key, {ch: int(d) for ch, d in zip(letters, sub)}
    return None


def _power(base, exp):
    if not _is_matrix(base) or base.shape == (1, 1):
        return _scalar(base) ** exp
    if base.shape[0] != base.shape[1]:
        raise ShapeError("a power of a non-square matrix")
    if exp == -1:
        if base.det() == 0:
            raise ZeroDivisionError("singular matrix")
        return base.inv()
    if isinstance(exp, sympy.Integer) and 0 < exp <= 8:
        return base ** int(exp)
    raise ShapeError(f"a matrix to the power {exp}")


def _applied(expr: AppliedUndef, inst: Instance):
    name = str(expr.func)
    if name == "transpose":
        value = evaluate(expr.args[0], inst)
        if not _is_matrix(value):
            raise Ambiguous(f"a superscript T on {expr.args[0]}, which is a number here")
        return value.T
    if name == "matrix":
        return Matrix([[_scalar(evaluate(e, inst)) for e in row] for row in matrix_entries(expr)])
    if expr.func == _INNER:
        return _inner(*expr.args, inst)
    if name in _NORM_NAMES:
        return _norm(name, expr.args[0], inst)
    if expr.func == _STACK:
        return _stack_values(str(expr.args[0]), [evaluate(m, inst) for m in expr.args[1:]])
    if expr.func == ENTRY:
        return _written_entry(*expr.args, inst=inst)
    if expr.func == HADAMARD:
        a, b = (evaluate(x, inst) for x in expr.args)
        if not (_is_matrix(a) and _is_matrix(b)) or a.shape != b.shape:
            raise ShapeError("⊙ of two values of different shapes")
        return a.multiply_elementwise(b)
    if name in _CONV_NAMES:
        a, b = (evaluate(x, inst) for x in expr.args)
        if not (_is_matrix(a) and _is_matrix(b)):
            raise ShapeError("a convolution of something that is not a matrix")
        if name == "conv_otimes" and 1 in a.shape and 1 in b.shape:  # golden_real/g07: R ⊗ F = R Fᵀ
            raise Unknown("⊗ between two vectors may be their tensor (outer) product as well as a "
                          "convolution (ambiguous)")
        mode = inst.values.get("conv-mode", "valid")
        if mode not in conv_modes(a.shape, b.shape):
            raise ShapeError("the kernel is larger than the input")
        return convolve(a, b, inst.convention, mode)
    if expr.func in inst.models:
        param, body, anchor = inst.models[expr.func]
        if expr.args[0] != anchor:
            saved = inst.values.get(param)
            inst.values[param] = evaluate(expr.args[0], inst)
            try:
                return evaluate(body, inst)
            finally:
                inst.values.pop(param, None) if saved is None else inst.values.__setitem__(param, saved)
    if expr.func in inst.functions:
        args = [evaluate(a, inst) for a in expr.args]
        body = inst.functions[expr.func]
        if isinstance(body, sympy.Lambda) and _whole_body(body, inst):  # L(w) = ½(Xw − y)ᵀ(Xw − y)
            return _whole(body, args, inst)
        if len(args) == 1 and isinstance(body, sympy.Lambda) and len(body.variables) > 1 and _is_matrix(
                args[0]) and 1 in args[0].shape and len(args[0]) == len(body.variables):  # f(x) = f(x_1, x_2)
            return _value(body(*args[0]), inst)
        if isinstance(body, sympy.Lambda) and len(body.variables) != len(args):
            raise Unknown(f"{expr.func} is defined with {len(body.variables)} arguments but applied here to {len(args)}")
        if len(args) == 1:
            return _entrywise(args[0], lambda v: _value(body(v), inst))
        return body(*[_scalar(a) for a in args])
    if expr.func in inst.models and inst.fresh is not None:
        return _symbol(Symbol(str(expr)), inst)  # E(w*): an unknown number, the same all along
    if name == "diag" and len(expr.args) == 1:
        return _diagonal(expr.args[0], inst)
    raise Unknown(f"{expr.func} is not defined in the document")


def _diagonal(arg, inst: Instance) -> Matrix:
    """diag(v): the square matrix with the entries of the vector v on its diagonal; diag(s_i), an
    entry with an index the instance gives a range (1…n), the one with s_1, …, s_n.

    >>> v, p_i, n = Symbol("v"), Symbol("p_i"), Symbol("n")
    >>> _diagonal(v, Instance(values={v: Matrix([2, 3])}))
    Matrix([
    [2, 0],
    [0, 3]])
    >>> _diagonal(p_i * (1 - p_i), Instance(values={Symbol("p_1"): 2, Symbol("p_2"): 3}, sizes={"i": 2}))
    Matrix([
    [-2,  0],
    [ 0, -6]])
    """
    letters = {i for s in arg.free_symbols for i in (index_items(s) or ("", [], []))[1]
               if len(i) == 1 and i.isalpha() and i not in inst.bound}
    if not letters:
        value = evaluate(arg, inst)
        if not _is_matrix(value) or 1 not in value.shape:
            raise ShapeError("diag of something that is not a vector")
        return sympy.diag(*value)
    if len(letters) > 1:
        raise Unknown(f"diag({_written(arg)}) with more than one index ({', '.join(sorted(letters))})")
    index = letters.pop()
    size = inst.sizes.get(index) or _entries_range(index, arg, inst) or (
        next(iter(inst.sizes.values())) if len(inst.sizes) == 1 else None)  # i = 1…n, the one count there is
    if size is None:
        raise Unknown(f"the range of the index {index} of diag({_written(arg)}) is not known on the instance")
    return sympy.diag(*[_scalar(v) for v in _at_each(index, 1, size, arg, inst)])


def stacked(how: str, members: list):
    """The quantity made of ``members``: the vector of those numbers (``how`` "entries"), or the
    matrix with those vectors as its "rows" or "columns"; it takes its value on an instance.

    >>> inst = Instance(values={Symbol("y_1"): 2, Symbol("y_2"): 3})
    >>> evaluate(stacked("entries", [Symbol("y_1"), Symbol("y_2")]), inst).T
    Matrix([[2, 3]])
    """
    return _STACK(Symbol(how), *members)


def _written_entry(whole, *indices, inst: Instance):
    r"""``(A\mathbf{x})_k``, ``(I * K)_{ij}``: the entry of the value of ``whole`` at ``indices`` (letters the
    step's free indices or a sum bind, or numbers).

    >>> inst = Instance(values={Symbol("A"): Matrix([[1, 2], [3, 4]]), Symbol("x"): Matrix([1, 1])}, bound={"k": 2})
    >>> _written_entry(sympy.Mul(Symbol("A"), Symbol("x"), evaluate=False), Symbol("k"), inst=inst)
    7
    >>> _written_entry(Symbol("A"), Symbol("k"), sympy.Integer(1), inst=inst)
    3
    """
    value = evaluate(whole, inst)
    if not _is_matrix(value) or (len(indices) == 1) != (1 in value.shape):
        raise ShapeError("an entry (…)_k of something that is not a vector, or (…)_{ij} of a vector")
    at = []
    for index in indices:
        value_of = inst.bound.get(str(index)) if isinstance(index, Symbol) else index
        if value_of is None and isinstance(inst.values.get(index), sympy.Integer):
            value_of = inst.values[index]
        at.append(str(value_of) if value_of is not None else str(index))
    name = Symbol(f"({_written(whole)})_{''.join(map(str, indices))}")
    return _entry(name, Symbol(_written(whole)), value, tuple(at))


def _stack_values(how: str, members: list):
    """The vector of numbers ``members``, or the matrix with those vectors as rows or columns.

    >>> _stack_values("rows", [Matrix([1, 2]), Matrix([3, 4])]), _stack_values("entries", [5, Matrix([[6]])]).T
    (Matrix([
    [1, 2],
    [3, 4]]), Matrix([[5, 6]]))
    """
    if how == "entries":
        if any(_is_matrix(m) and m.shape != (1, 1) for m in members):
            raise ShapeError("a vector whose entries are not numbers")
        return Matrix([_scalar(m) for m in members])
    if not all(_is_matrix(m) and m.shape[1] == 1 for m in members) or len({m.shape for m in members}) != 1:
        raise ShapeError("a matrix made of quantities that are not vectors of one size")
    return Matrix.vstack(*[m.T for m in members]) if how == "rows" else Matrix.hstack(*members)


def _whole_body(body: sympy.Lambda, inst: Instance) -> bool:
    """True if a function's body takes its arguments whole: it uses matrix notation, a sum, or a
    quantity the document defines (L(w) = −Σ_i log p̂_i, with p̂_i = σ(wᵀx_i)); σ(z) = 1/(1 + e^{−z})
    applies entry by entry."""
    others = body.expr.free_symbols - set(body.variables)
    return (is_matrix_marker(body.expr) or body.expr.has(IndexedSum)
            or any(s in inst.definitions or general_definition(s, inst.definitions) for s in others))


def _value(expr, inst: Instance):
    """``expr`` with the quantities left in it given their values on ``inst``."""
    return evaluate(expr, inst) if expr.free_symbols else expr


def _whole(body: sympy.Lambda, args: list, inst: Instance):
    """A function whose body uses matrix notation, applied to its arguments as they are (vectors
    stay vectors), not entry by entry."""
    if len(args) != len(body.variables):
        raise Unknown(f"{body} takes {len(body.variables)} arguments")
    return _evaluate_with(body.expr, dict(zip(body.variables, args)), inst)


def _evaluate_with(expr, bindings: dict, inst: Instance):
    """The value of ``expr`` on ``inst`` with ``bindings`` in place (a function's parameters, or a
    variable's entries as symbols); values ``inst`` computed from definitions are not reused (they
    may depend on what is bound), and a name first met here keeps its value for the rest of the step."""
    kept = {k: v for k, v in inst.values.items() if k not in inst.definitions and k not in bindings
            and not (isinstance(k, Symbol) and general_definition(k, inst.definitions))}
    scope = dataclasses.replace(inst, values={**kept, **bindings}, bound=dict(inst.bound))
    value = evaluate(expr, scope)
    for k, v in scope.values.items():
        if k not in inst.values and k not in inst.definitions and k not in bindings and not (
                isinstance(k, Symbol) and general_definition(k, inst.definitions)):
            inst.values[k] = v
    return value


def _norm(name: str, arg, inst: Instance):
    """‖v‖ (and ‖v‖_2) the length of a vector, ‖v‖_1 the sum of its entries' sizes, ‖A‖_F the root
    of the sum of the squared entries of any matrix; a number's size only for a number written as
    one (‖3‖), since a name that is a number here may stand for a vector the document never declared.

    >>> v = Symbol("v")
    >>> inst = Instance(values={v: Matrix([3, -4]), Symbol("A"): Matrix([[1, 2], [2, 4]])})
    >>> [evaluate(NORMS[k](v), inst) for k in ("", "2", "1", "F")]
    [5, 5, 7, 5]
    >>> evaluate(NORMS["F"](Symbol("A")), inst)
    5
    """
    value = evaluate(arg, inst)
    kind = name[len("norm_"):] if "_" in name else ""
    if not _is_matrix(value) or value.shape == (1, 1):
        if arg.free_symbols:
            raise Unknown(f"‖{_written(arg)}‖ of a quantity that is a number here: the document does not say "
                          "it is a vector (a vector's length, or a number's size? declare it, or write |x|)")
        return sympy.Abs(_scalar(value))
    if kind == "1" and 1 in value.shape:
        return sympy.Add(*[sympy.Abs(x) for x in value])
    if kind == "F" or (1 in value.shape and kind in ("", "2")):
        return sympy.sqrt(sympy.Add(*[x ** 2 for x in value]))
    raise Unknown(f"‖{_written(arg)}‖{'_' + kind if kind else ''} of a matrix: the Frobenius norm or an "
                  "operator norm? (write ‖A‖_F for the Frobenius norm)")


def _written(expr) -> str:
    """``expr`` as text, its products as written (not as :func:`ordered` keeps them)."""
    return expr_text(expr.replace(lambda e: getattr(e, "func", None) == _PRODUCT,
                                  lambda e: sympy.Mul(*e.args, evaluate=False)))


def _big_sum(expr: IndexedSum, inst: Instance):
    """Σ_i over an index whose range the instance knows: an eigen-index (1…n), or examples
    counted to a bound the instance gives a value (Σ_{i=1}^n, Σ_{i=0}^n)."""
    index = str(expr.index)
    upper = None if expr.last == UNSTATED else str(expr.last)
    size = inst.sizes.get(index)
    if size is None and upper is not None and upper in inst.sizes:
        size = inst.sizes[upper]
    if size is None and upper is None and expr.first == 1 and expr.condition is None:
        size = _entries_range(index, expr.operand, inst)  # Σ_{i,j} x_i A_{ij} x_j: over the entries
    if size is None or expr.first not in (0, 1) or expr.condition is not None:
        bounds = f" ({expr.first} to {upper})" if upper is not None else ""
        raise Unknown(f"the range of the sum over {index}{bounds} is not known on the instance")
    return _sum(_at_each(index, int(expr.first), size, expr.operand, inst))


def _at_each(index: str, first: int, size: int, operand, inst: Instance) -> list:
    """The values of ``operand`` with ``index`` bound to first, …, size in turn (Σ_i, diag(s_i))."""
    values, saved = [], dict(inst.bound)
    try:
        for k in range(first, size + 1):
            inst.bound = {**saved, index: k}
            values.append(evaluate(operand, inst))
    finally:
        inst.bound = saved
    return values


def _entries_range(index: str, operand, inst: Instance) -> int | None:
    """How far a sum with no stated range runs: over the entries its index picks in the operand (the
    entries of x in Σ_j A_{kj} x_j), if they agree; else None."""
    sizes = {_extent(whole, axis, inst) for whole, axis in free_entries(operand, inst.wholes).get(index, [])}
    if len(sizes) > 1:
        raise ShapeError(f"the sum over {index} runs over entries of different sizes")
    return sizes.pop() if sizes else None


def _derivative(expr, inst: Instance):
    """σ'(z) entrywise for a vector z; the gradient or Hessian of a quantity the document defines
    (:func:`_by_entries`); a derivative the document gave as a matrix; else Unknown."""
    if isinstance(expr, Derivative) and len(expr.variables) == 1 and isinstance(expr.expr, sympy.Function):
        inner, var = expr.expr, expr.variables[0]
        if inner.args == (var,) and not isinstance(inner, AppliedUndef):
            point = evaluate(var, inst)
            return _entrywise(point, lambda v: _slope(inner.func, v, inst))
    if isinstance(expr, Subs) and isinstance(expr.expr, Derivative):
        inner = expr.expr.expr
        if isinstance(inner, sympy.Function) and len(expr.point) == 1:
            point = evaluate(expr.point[0], inst)
            return _entrywise(point, lambda v: _slope(inner.func, v, inst))
    name = (f"∂{expr_text(expr.expr)}/∂{expr_text(expr.variables[0])}" if isinstance(expr, Derivative)
            and len(expr.variables) == 1 else expr_text(expr))
    if isinstance(expr, Derivative) and expr.expr in inst.upstream:
        return _upstream(expr, inst)
    if isinstance(expr, Derivative) and isinstance(expr.expr, Symbol) and len(expr.variable_count) <= 2:
        applied = _bare_function(expr.expr, expr.variables, inst)
        expr = expr if applied is None else Derivative(applied, *expr.variable_count)  # ∇_w ℓ_i, ℓ_i(w) defined
    if isinstance(expr, Derivative) and isinstance(expr.expr, Symbol) and _undefined(expr.expr, inst):
        raise Unknown(f"{name}: {expr.expr} is not defined in the document, so its derivative has no value")
    if isinstance(expr, Derivative) and len(expr.variable_count) == 1:
        var, order = expr.variable_count[0]
        if isinstance(var, Symbol) and order in (1, 2):
            try:
                evaluate(expr.expr, inst)  # every name in it gets its value (or it has none)
            except Unknown as err:
                if not str(err).startswith((f"{expr.expr} ", f"{getattr(expr.expr, 'func', '')} ")):
                    raise Unknown(f"{name} cannot be formed on instances: {err}") from err
            else:
                if through_definition(expr.expr, var, inst.definitions):
                    raise Unknown(f"{name}: {expr.expr} is not written in {var} but in what {var} is defined as, so "
                                  f"the derivative by {var} is taken through that definition, which is not done on "
                                  "instances")
                return _by_entries(expr.expr, var, order, inst)
    raise Unknown(f"{name} has no value in the document")



def _upstream(expr: Derivative, inst: Instance):
    """∂L/∂v for a loss L the document never defines but differentiates by the output y it is computed
    from (∂L/∂y, ∂L/∂x with y = Wx + b): L read as an unknown function of y.  A first derivative of any
    such L at a point depends only on its gradient g there, so L = Σ g ⊙ y with g drawn at random is
    as general as L can be (:func:`_inner`); a second derivative of L is not known that way.

    >>> L, y, x, g = Symbol("L"), Symbol("y"), Symbol("x"), Symbol("∂L/∂y")
    >>> inst = Instance(values={x: Matrix([1, 2]), g: Matrix([5, 7])}, definitions={y: 3 * x},
    ...                 upstream={L: (y, g)})
    >>> evaluate(Derivative(L, x), inst).T
    Matrix([[15, 21]])
    """
    output, gradient = inst.upstream[expr.expr]
    if len(expr.variable_count) != 1 or expr.variable_count[0][1] != 1:
        raise Unknown(f"a second derivative of {expr.expr}, an unknown function of {output} (only a gradient of "
                      "it is known on an instance)")
    return _by_entries(_INNER(gradient, output), expr.variables[0], 1, inst)


def _inner(gradient: Symbol, output, inst: Instance):
    """Σ g ⊙ y: the unknown function of y whose gradient is g (drawn the first time, y's shape)."""
    value = evaluate(output, inst)
    if gradient not in inst.values:
        if inst.draw is None:
            raise Unknown(f"{gradient} has no value")
        shape = value.shape if _is_matrix(value) else (1, 1)
        drawn = inst.draw(*shape)
        inst.values[gradient] = drawn if _is_matrix(value) else drawn[0, 0]
        inst.used.add(gradient)
    weights = inst.values[gradient]
    if _is_matrix(value) != _is_matrix(weights) or (_is_matrix(value) and value.shape != weights.shape):
        raise ShapeError(f"{gradient} and {output} of different shapes")
    return sympy.Add(*[a * b for a, b in zip(weights, value)]) if _is_matrix(value) else weights * value


def _bare_function(sym: Symbol, variables: tuple, inst: Instance):
    """``ℓ_i(w)`` for ``ℓ_i`` differentiated by w when the document defines the function ℓ_i(w) of
    that variable (or of several, w one of them: f(x_1, x_2) by x_1), and no quantity ℓ_i; else None.

    >>> ell, w = sympy.Function("ell_i"), Symbol("w")
    >>> _bare_function(Symbol("ell_i"), (w,), Instance(functions={ell: sympy.Lambda(w, w ** 2)}))
    ell_i(w)
    """
    if sym in inst.values or sym in inst.definitions:
        return None
    entry = entry_of(variables[0], inst.wholes) if len(variables) == 1 else None
    for func, body in inst.functions.items():
        if str(func) == sym.name and isinstance(body, sympy.Lambda) and (
                set(variables) <= set(body.variables) or entry is not None and body.variables == (entry[0],)):
            return func(*body.variables)  # ∂f/∂x_k with f(x) or f(x_1, x_2) defined: f(x), by an entry of x
    return None


def _undefined(sym: Symbol, inst: Instance) -> bool:
    """True if ``sym`` has no value but a random one the instance made up (no definition gives it)."""
    name = renamed(sym, inst.bound)
    if name in inst.used:
        return True
    entry = entry_of(name, inst.wholes)
    if entry is not None and entry[0] in inst.definitions and not made_of_entries(entry[0], inst.definitions, inst.wholes):
        return False  # y_k with y = Ax defined
    return (name not in inst.values and name not in inst.definitions
            and general_definition(name, inst.definitions) is None)


def _by_entries(body, var: Symbol, order: int, inst: Instance):
    """∂body/∂var with var's entries made symbols: the gradient (var's shape) of a number, the
    Hessian (n×n) of a number by an n-vector, the entrywise derivative of a vector whose entries
    each depend on their own entry only (σ(z)), or a symmetric Jacobian (of a gradient: its two
    layouts agree); any other derivative of a vector by a vector is a Jacobian whose layout the
    document does not state (Unknown).

    >>> x, A = Symbol("x"), Symbol("A")
    >>> inst = Instance(values={x: Matrix([1, 2]), A: Matrix([[1, 2], [0, 3]])})
    >>> quadratic = sympy.Mul(TRANSPOSE(x), A, x, evaluate=False)
    >>> _by_entries(quadratic, x, 1, inst).T, _by_entries(quadratic, x, 2, inst)
    (Matrix([[6, 14]]), Matrix([
    [2, 2],
    [2, 6]]))
    """
    point = evaluate(var, inst)
    key = renamed(var, inst.bound)
    entry = entry_of(key, inst.wholes)
    if entry is not None and order in (1, 2) and not _is_matrix(point):
        return _by_entry(body, key, entry, order, point, inst)
    shape = point.shape if _is_matrix(point) else (1, 1)
    entries = Matrix(*shape, lambda i, j: sympy.Dummy(f"e{i}{j}", real=True))
    value = _evaluate_with(body, {key: entries if _is_matrix(point) else entries[0, 0]}, inst)
    at = dict(zip(entries, point if _is_matrix(point) else [point]))
    if not _is_matrix(value) or value.shape == (1, 1):
        number = _scalar(value)
        if order == 1:
            out = entries.applyfunc(lambda e: sympy.diff(number, e))
        elif shape[1] == 1:
            out = sympy.hessian(number, list(entries))
        else:
            raise Unknown(f"the second derivative by the matrix {var} (a Hessian of which layout?)")
    elif order == 1 and value.shape == shape and all(
            value[k].free_symbols & set(entries) <= {entries[k]} for k in range(len(entries))):
        out = Matrix(*shape, lambda i, j: sympy.diff(value[i, j], entries[i, j]))
    elif order == 1 and value.shape[1] == 1 and shape[1] == 1 and value.shape[0] == shape[0] and _symmetric(
            jacobian := value.jacobian(list(entries)).xreplace(at)):  # ∇_w of a gradient: a Hessian, either layout
        out = jacobian
    else:
        raise Unknown(f"the derivative of a vector by the vector {var} (a Jacobian, in which layout?)")
    out = out.xreplace(at)
    if out.has(Derivative):
        raise Unknown(f"the derivative by {var} could not be formed on the instance")
    return out if _is_matrix(point) else out[0, 0]


def _by_entry(body, key: Symbol, entry: tuple, order: int, point, inst: Instance):
    """∂body/∂x_k for the entry x_k of a vector or matrix x: x with that one entry a symbol (entry by
    entry when body is a vector)."""
    whole, atoms = entry
    value = evaluate(whole, inst)
    t = sympy.Dummy("t", real=True)
    at = _position(atoms, value.shape)
    moved = value.copy()
    moved[at[0] - 1, at[1] - 1] = t
    out = _evaluate_with(body, {whole: moved, key: t}, inst)
    out = _entrywise(out, lambda e: sympy.diff(e, t, order).subs(t, point))
    if out.has(Derivative):
        raise Unknown(f"the derivative by {key} could not be formed on the instance")
    return out


def _symmetric(m: Matrix) -> bool:
    """True if the square matrix ``m`` equals its transpose (exactly, or to 45 digits)."""
    return compare(m, m.T) in ("equal", "close")


def _slope(func, value, inst: Instance):
    t = sympy.Dummy("t")
    body = inst.functions[func](t) if func in inst.functions else func(t)
    return sympy.diff(body, t).subs(t, value)
