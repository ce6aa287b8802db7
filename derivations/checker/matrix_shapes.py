r"""Which quantities of a document are vectors or matrices, and their shapes.

Evidence, strongest first: a declaration (``W \in \mathbb{R}^{m\times n}``, ``x \in \mathbb{R}^n``,
``a \in \mathbb{R}``), a matrix literal the symbol is defined as, bold type (``\mathbf{W}``,
``\boldsymbol{x}``, ``\bold{x}``: upper case a matrix, lower case a column vector), a transpose
(``u_i^T``: u is a vector), and an upper-case letter that multiplies a vector (``H u``: a matrix;
this last reading is a guess, and a step refuted only under it is not reported as refuted).
Everything else is a number.  Quantities with the same letter and indices written as letters or
digits (u_1, u_2, u_i) form one family with one shape.  Dimensions are unified through products,
sums and equations, then given sizes per instance.

>>> from derivations.checker.parser import parse_expression
>>> s = Shapes()
>>> s.note_transposes(parse_expression("u_i^T H u_i"))
>>> s.kind["u_#"], s.propagate([parse_expression("u_i^T H u_i")]), s.kind["H"]
('vector', True, 'matrix')
"""

from __future__ import annotations

import re

import sympy
from sympy import Symbol
from sympy.core.function import AppliedUndef

from derivations.checker.indexed import IndexedSum
from derivations.checker.matrix_notation import CONVOLUTIONS, HADAMARD, MATRIX, TRANSPOSE
from derivations.checker.tokenizer import _NAME_RE, _make_name
from derivations.checker.vocabulary import _GREEK

__all__ = ["IDENTITY", "data_identity", "family", "Shapes", "declarations", "bold_letters"]

_DECLARATION = re.compile(  # not after ^: [z_1, …, z_K]^T \in \mathbb{R}^K declares no T
    r"(?<![\^A-Za-z])(?<!\^\{)((?:\\(?:hat|bar|tilde)\s*\{\s*\\(?:mathbf|boldsymbol|bold|bm)\s*\{\s*\\?[A-Za-z]+\s*\}\s*\}"
    r"|\\(?:mathbf|boldsymbol|bold|bm)\s*\{\s*\\?[A-Za-z]+\s*\}|\\?[A-Za-z]+)(?:_\{?[A-Za-z0-9]+\}?)?"
    r"(?:\^\{?\(?[A-Za-z0-9+-]+\)?\}?)?)\s*\\in\s*\\mathbb\s*\{?\s*R\s*\}?"
    r"(?:\s*\^\s*(?:\{([^{}$]{1,30})\}|([A-Za-z0-9])))?")
_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bold|bm)\s*\{\s*\\?([A-Za-z]+)\s*\}(\s*_\s*\{?\s*[A-Za-z]+)?")
_ACCENTED_BOLD = re.compile(r"\\(hat|bar|tilde)\s*\{\s*\\(?:mathbf|boldsymbol|bold|bm)\s*\{\s*\\?([A-Za-z]+)\s*\}\s*\}"
                            r"(\s*_\s*\{?\s*[A-Za-z]+)?")
_CONV = {f.__name__ for f in CONVOLUTIONS.values()}


IDENTITY = "I"
"""The name read as the identity matrix where the document does not define it (I + ∂F/∂x, XᵀX + λI)."""


def data_identity(exprs: list) -> bool:
    r"""True if I is data, not the identity: convolved (I * K), written with entries (I_{ij}), or
    differentiated, or differentiated by.

    >>> from derivations.checker.parser import parse_expression
    >>> data_identity([parse_expression(r"I \otimes K")]), data_identity([parse_expression(r"A + \lambda I")])
    (True, False)
    """
    eye = Symbol(IDENTITY)
    for e in exprs:
        if any(s != eye and family(s) == IDENTITY for s in e.atoms(Symbol)):
            return True
        if any(str(f.func) in _CONV and f.has(eye) for f in e.atoms(AppliedUndef)):
            return True
        if any(d.expr.has(eye) or eye in d.variables for d in e.atoms(sympy.Derivative)):
            return True
    return False


def family(sym: Symbol) -> str:
    """The family key of a symbol: its subscript, if any, replaced by ``#``.

    >>> family(Symbol("u_1")), family(Symbol("alpha_i")), family(Symbol("W^{(l)}"))
    ('u_#', 'alpha_#', 'W^{(l)}')
    """
    m = _NAME_RE.fullmatch(sym.name)
    if not m:
        return sym.name
    sub = m.group("sub") if m.group("sub") is not None else m.group("sub1") or ""
    return _make_name(m.group("base"), "#" if sub else "", m.group("sup") or "", m.group("star") or False)


def _base(key: str) -> str:
    return re.match(r"[A-Za-z]*", key).group()


def _dim(text: str) -> object:
    text = text.strip().lstrip("\\")
    return int(text) if text.isdigit() else text


def declarations(text: str) -> dict[str, tuple]:
    r"""Families the document declares: ``W \in \mathbb{R}^{m\times n}`` → {'W': (m, n)}; a number → ().

    >>> declarations(r"Let $W \in \mathbb{R}^{m \times n}$, $x \in \mathbb{R}^n$, $b \in \mathbb{R}$.")
    {'W': ('m', 'n'), 'x': ('n', 1), 'b': ()}
    >>> declarations(r"$\hat{\mathbf{p}} \in \mathbb{R}^n$")
    {'phat': ('n', 1)}
    """
    from derivations.checker.parser import LatexParseError, LatexUnsupportedError, parse_expression

    out = {}
    for m in _DECLARATION.finditer(text):
        try:
            sym = parse_expression(m.group(1))
        except (LatexParseError, LatexUnsupportedError):
            continue
        if not isinstance(sym, Symbol):
            continue
        dims = m.group(2) or m.group(3)
        if dims is None:
            out[family(sym)] = ()
            continue
        parts = re.split(r"\\times|×|,", dims)
        out[family(sym)] = (_dim(parts[0]), _dim(parts[1]) if len(parts) > 1 else 1)
    return out


def bold_letters(text: str) -> set[str]:
    r"""The letters (and Greek names) the document writes in bold.

    >>> sorted(bold_letters(r"\mathbf{W} \boldsymbol{\delta} \bold{x} \hat{\mathbf{p}}"))
    ['W', 'delta', 'phat', 'x']
    """
    accents = list(_ACCENTED_BOLD.finditer(text))  # \hat{\mathbf{p}}: "phat", not p
    inside = {m.start(0) for a in accents for m in _BOLD.finditer(text, a.start(0), a.end(0))}
    return ({m.group(1) for m in _BOLD.finditer(text) if not m.group(2) and m.start(0) not in inside}
            | {m.group(2) + m.group(1) for m in accents if not m.group(3)})  # bold z_j: a component


def _kind_of_case(key: str) -> str:
    base = _base(key)
    return "matrix" if base[:1].isupper() and base not in _GREEK else "vector"


class Shapes:
    """Kinds (scalar, vector, matrix) of symbol families and a union-find over their dimensions.

    >>> s = Shapes()
    >>> s.declare("W", ("m", "n")); s.declare("x", ("n", 1))
    >>> s.infer(Symbol("W") * Symbol("x"))
    ('dim:m', 1)
    """

    def __init__(self):
        self.kind: dict[str, str] = {}
        self.fixed: dict[str, tuple] = {}  # declared or literal shapes (dims: int or name)
        self.guessed: set[str] = set()  # families read as matrices only because they multiply a vector
        self.parent: dict = {}

    # -- evidence ---------------------------------------------------------------------------
    def declare(self, key: str, dims: tuple) -> None:
        """A declared or literal shape; () declares a number."""
        if dims == ():
            self.kind[key] = "scalar"
            return
        self.kind[key] = "vector" if dims[1] == 1 else "matrix"
        self.fixed[key] = dims

    def mark(self, sym: Symbol, kind: str | None = None) -> None:
        key = family(sym)
        if self.kind.get(key) in (None, "default"):
            self.kind[key] = kind or _kind_of_case(key)

    def note_bold(self, expr: sympy.Basic, letters: set[str]) -> None:
        for sym in expr.free_symbols:
            sub = _NAME_RE.fullmatch(sym.name)
            lettered = sub and re.fullmatch(r"[A-Za-z]+", sub.group("sub") or sub.group("sub1") or "1")
            if isinstance(sym, Symbol) and _base(family(sym)) in letters and not lettered:
                self.mark(sym)

    def note_transposes(self, expr: sympy.Basic) -> None:
        """Everything transposed as a whole, or as a term of a transposed sum, is a vector or matrix."""
        for t in expr.atoms(AppliedUndef):
            if t.func == TRANSPOSE:
                self._transposed(t.args[0])

    def note_operands(self, expr: sympy.Basic) -> None:
        """The operands of a convolution are matrices; those of ⊙ vectors or matrices (by their case)."""
        for f in expr.atoms(AppliedUndef):
            if f.func == HADAMARD or str(f.func) in _CONV:
                for a in f.args:
                    if isinstance(a, Symbol):
                        self.mark(a, "matrix" if str(f.func) in _CONV else None)

    def _transposed(self, arg) -> None:
        if isinstance(arg, Symbol):
            self.mark(arg)
        elif isinstance(arg, sympy.Add):
            for a in arg.args:
                self._transposed(a)
        elif isinstance(arg, sympy.Mul):
            for a in arg.args:
                if isinstance(a, Symbol) and _base(family(a)) not in _GREEK:
                    self.mark(a)
                elif not isinstance(a, (Symbol, sympy.Number)):
                    self._transposed(a)
        elif isinstance(arg, IndexedSum):
            self._transposed(arg.operand)

    def nonscalar(self, expr) -> bool:
        """True if ``expr`` has a vector or matrix in it (by the evidence so far)."""
        if isinstance(expr, Symbol):
            return self.kind.get(family(expr)) in ("vector", "matrix")
        if isinstance(expr, AppliedUndef) and (expr.func in (MATRIX, TRANSPOSE, HADAMARD)
                                               or str(expr.func) in _CONV):
            return True
        if isinstance(expr, IndexedSum):
            return self.nonscalar(expr.operand)
        if isinstance(expr, AppliedUndef):
            return False  # E(w): the value of a function the document does not define is a number
        return any(self.nonscalar(a) for a in expr.args)

    def propagate(self, exprs) -> bool:
        r"""An upper-case letter next to a vector or matrix in a product is a matrix (a guess); a
        lower-case one right after a transposed vector is a vector (``\mathbf{w}^\top \mathbf{x}_i``:
        an inner product, x_i the i-th example).

        >>> from derivations.checker.parser import parse_expression
        >>> s = Shapes(); s.mark(Symbol("w"), "vector")
        >>> s.propagate([parse_expression("w^T x_i + H w")]), s.kind["x_#"], s.kind["H"]
        (True, 'vector', 'matrix')
        """
        changed = False
        for expr in exprs:
            for mul in expr.atoms(sympy.Mul):
                args = mul.args
                for k, a in enumerate(args):
                    if not isinstance(a, Symbol) or family(a) in self.kind:
                        continue
                    before = args[k - 1] if k else None
                    if (isinstance(before, AppliedUndef) and before.func == TRANSPOSE and _base(family(a))[:1].islower()
                            and self.kind.get(family(before.args[0])) == "vector"):
                        self.kind[family(a)] = "vector"
                        changed = True
                        continue
                    base = _base(family(a))
                    near = args[k + 1:k + 2] + args[max(0, k - 1):k]
                    if base[:1].isupper() and base not in _GREEK and any(self.nonscalar(b) for b in near):
                        self.kind[family(a)] = "matrix"
                        self.guessed.add(family(a))
                        changed = True
        return changed

    # -- dimensions -------------------------------------------------------------------------
    def find(self, d):
        while self.parent.get(d, d) != d:
            d = self.parent[d]
        return d

    def unify(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if isinstance(ra, int) and isinstance(rb, int):
            raise ValueError(f"dimension {ra} ≠ {rb}")
        if str(ra).startswith("dim:") and str(rb).startswith("dim:"):
            raise ValueError(f"declared dimensions {ra[4:]} and {rb[4:]} are different letters")
        if isinstance(ra, int) or (str(ra).startswith("dim:") and not isinstance(rb, int)):
            ra, rb = rb, ra  # a number, else a declared dimension, stays the representative
        self.parent[ra] = rb

    def _one(self, shape) -> bool:
        return self.find(shape[0]) == 1 and self.find(shape[1]) == 1

    def shape_of(self, key: str):
        """(rows, columns) of a family as dimension names (or ints); None for a number."""
        kind = self.kind.get(key)
        if kind in (None, "default", "scalar"):
            return None
        if key in self.fixed:
            r, c = self.fixed[key]
            return (r if isinstance(r, int) else f"dim:{r}", c if isinstance(c, int) else f"dim:{c}")
        if kind == "vector":
            return (f"rows:{key}", 1)
        if key == IDENTITY:  # I + ∂F/∂x, λI: the identity, square
            return (f"rows:{key}", f"rows:{key}")
        return (f"rows:{key}", f"cols:{key}")

    def infer(self, expr):  # noqa: C901 - a dispatch on the node type
        """The shape of ``expr`` (unifying dimensions on the way); None for a number."""
        if isinstance(expr, Symbol):
            return self.shape_of(family(expr))
        if isinstance(expr, sympy.Add):
            shapes = [s for s in (self.infer(a) for a in expr.args) if s is not None]
            for s in shapes[1:]:
                self.unify(s[0], shapes[0][0])
                self.unify(s[1], shapes[0][1])
            return shapes[0] if shapes else None
        if isinstance(expr, sympy.Mul):
            cur = None
            for a in expr.args:
                s = self.infer(a)
                if s is None or (cur is not None and self._one(s)):
                    continue
                if cur is None or self._one(cur):
                    cur = s  # a number, or a 1×1 product (uᵀv) acting as one
                    continue
                if (self.find(cur[1]) == 1) != (self.find(s[0]) == 1):
                    raise ValueError("a product that only fits if a dimension is 1")
                self.unify(cur[1], s[0])
                cur = (cur[0], s[1])
            return cur
        if isinstance(expr, sympy.Pow):
            s = self.infer(expr.base)
            if s is not None and s[0] != 1:
                self.unify(s[0], s[1])
            return s
        if isinstance(expr, IndexedSum):
            return self.infer(expr.operand)
        if isinstance(expr, AppliedUndef):
            if expr.func == TRANSPOSE:
                s = self.infer(expr.args[0])
                return None if s is None else (s[1], s[0])
            if expr.func == MATRIX:
                return (int(expr.args[0]), int(expr.args[1]))
            if expr.func == HADAMARD:
                a, b = (self.infer(x) for x in expr.args)
                if a is not None and b is not None:
                    self.unify(a[0], b[0])
                    self.unify(a[1], b[1])
                return a or b
            if str(expr.func) in _CONV:
                return (f"conv:{expr}", f"convc:{expr}")
            return None
        if isinstance(expr, sympy.Function) and len(expr.args) == 1:
            return self.infer(expr.args[0])
        if isinstance(expr, sympy.Derivative):
            return self._derivative(expr)
        if isinstance(expr, sympy.Subs):
            return self.infer(expr.point[0]) if expr.point else None
        return None

    def _derivative(self, expr: sympy.Derivative):
        r"""The shape of a derivative, unifying the dimensions inside it (``∂(cᵀw)/∂w``: c and w have one size).

        σ'(z) of a vector z is entrywise (z's shape), and so is the derivative of a vector by a number;
        a gradient or a Jacobian has no shape here: its layout (a column, or a row) is the document's
        choice, which the evaluation finds out, and unifying with it would make dimensions 1.

        >>> s = Shapes(); s.mark(Symbol("c"), "vector"); s.mark(Symbol("w"), "vector")
        >>> from derivations.checker.parser import parse_expression
        >>> s.infer(parse_expression(r"\frac{\partial}{\partial w}(c^\top w)")) is None
        True
        >>> s.find("rows:c") == s.find("rows:w")
        True
        """
        inner = self.infer(expr.expr)
        if inner is None or self._one(inner):
            return None
        if isinstance(expr.expr, sympy.Function):
            return inner
        return inner if all(self.infer(v) is None for v in expr.variables) else None

    def equate(self, lhs, rhs) -> None:
        """Both sides of an equation have the same shape."""
        a, b = self.infer(lhs), self.infer(rhs)
        if a is not None and b is not None:
            self.unify(a[0], b[0])
            self.unify(a[1], b[1])

    def sizes(self, round_: int, dims: set) -> dict:
        """Sizes of the dimension classes on instance ``round_`` (2, 3, then 4 and 3 alternating)."""
        classes = sorted({self.find(d) for d in dims if not isinstance(self.find(d), int)}, key=str)
        out = {}
        for k, c in enumerate(classes):
            out[c] = (2, 3, 4 if k % 2 == 0 else 3)[round_]
        return out

    def concrete(self, shape, sizes: dict) -> tuple[int, int] | None:
        if shape is None:
            return None
        return tuple(self.find(d) if isinstance(self.find(d), int) else sizes[self.find(d)] for d in shape)
