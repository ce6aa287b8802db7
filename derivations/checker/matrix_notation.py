r"""Matrix notation as the parser reads it: transposes, matrix literals, ``\odot`` and convolution signs.

The tokenizer turns ``W^T``, ``W^\top``, ``W^{\mathsf{T}}``, ``W^{\intercal}`` and ``(w - w^*)^T``
into a TRANSPOSE token, ``\begin{bmatrix} … \end{bmatrix}`` (also ``pmatrix``, ``matrix``,
``Bmatrix``, ``smallmatrix``) into rows and columns, ``\odot`` into HADAMARD and ``\otimes``,
``\star``, ``\circledast`` into CONV.  The builder makes the unevaluated SymPy markers below; what
they mean (a transpose or a power T? which convention of convolution?) is decided by
:mod:`derivations.checker.matrices`, which knows the whole document.

>>> from derivations.checker.parser import parse_expression
>>> parse_expression(r"u_i^T H u_i").args  # the order as written
(transpose(u_i), H, u_i)
>>> parse_expression(r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} \odot A")
hadamard(matrix(2, 2, 1, 2, 3, 4), A)
"""

from __future__ import annotations

import re

import sympy
from sympy import Function, Integer

__all__ = ["MATRIX_ENVIRONMENTS", "scalar_products", "MARKER_NAMES", "array_matrices", "NORMS", "OPERATORS", "unread_norm", "transpose_script", "matrix_environment", "starred_option", "matrix_shape_label", "is_matrix_marker", "matrix_entries", "entry_definitions",
           "substituted"]

TRANSPOSE = Function("transpose")
"""``A^T``: kept unevaluated; for a scalar the checker notes that ``^T`` is ambiguous.

>>> TRANSPOSE(sympy.Symbol("W"))
transpose(W)
"""

HADAMARD = Function("hadamard")
r"""``A \odot B``: the elementwise (Hadamard) product.

>>> HADAMARD(sympy.Symbol("a"), sympy.Symbol("b"))
hadamard(a, b)
"""

MATRIX = Function("matrix")
r"""A matrix literal: ``matrix(rows, columns, entries row by row)``.

>>> MATRIX(1, 2, sympy.Symbol("a"), 0)
matrix(1, 2, a, 0)
"""

CONVOLUTIONS = {"otimes": Function("conv_otimes"), "star": Function("conv_star"),
                "circledast": Function("conv_circledast"), "ast": Function("conv_ast")}
r"""The convolution signs (``\otimes``, ``\star``, ``\circledast``, ``*`` between matrix literals).

>>> CONVOLUTIONS["otimes"](sympy.Symbol("X"), sympy.Symbol("W"))
conv_otimes(X, W)
"""

NORMS = {"": Function("norm"), "2": Function("norm_2"), "1": Function("norm_1"), "F": Function("norm_F")}
r"""``‖v‖``, ``‖v‖_2``, ``‖v‖_1``, ``‖A‖_F`` by their subscript: a vector's length (or sum of sizes), a
matrix's Frobenius norm; read on instances only (:mod:`.matrix_values`), where the content's value
says whether it is a vector.

>>> NORMS["F"](sympy.Symbol("A"))
norm_F(A)
"""

ENTRY = Function("entry")
r"""``(A\mathbf{x})_k``: entry k of a vector written as an expression (``entry(A x, k)``); read on
instances only (:mod:`.matrix_values`).

>>> ENTRY(sympy.Symbol("A") * sympy.Symbol("x"), sympy.Symbol("k"))
entry(A*x, k)
"""

OPERATORS = frozenset({TRANSPOSE, HADAMARD, MATRIX, ENTRY, *CONVOLUTIONS.values(), *NORMS.values()})
r"""The functions that stand for written operators (``X \otimes W``, ``A^T``, ``‖v‖``): never a
function the document defines, so ``y = X \otimes W = …`` is a step, not a definition of ⊗.

>>> CONVOLUTIONS["otimes"] in OPERATORS, sympy.Function("f") in OPERATORS
(True, False)
"""


def unread_norm(expr: sympy.Basic) -> str:
    """Why ``expr`` is not checked outside the instances of vectors: it holds a norm (else "").

    >>> unread_norm(NORMS[""](sympy.Symbol("x")) ** 2)[:38]
    '‖…‖ of quantities read here as numbers'
    """
    if any(f.func in NORMS.values() for f in expr.atoms(sympy.core.function.AppliedUndef)):
        return ("‖…‖ of quantities read here as numbers: the document does not say they are vectors (a "
                "vector's length, or a number's size? declare the vectors, or write |x| for a number)")
    return ""


MARKER_NAMES = frozenset({"transpose", "hadamard", "matrix", "entry", "diag"} | {f.__name__ for f in CONVOLUTIONS.values()}
                         | {f.__name__ for f in NORMS.values()})
"""The names of the marker functions (never functions of the document).

>>> "transpose" in MARKER_NAMES
True
"""

MATRIX_ENVIRONMENTS = frozenset({"matrix", "pmatrix", "bmatrix", "Bmatrix", "smallmatrix"})
"""The LaTeX environments read as matrix literals (``vmatrix`` is a determinant: refused).

>>> sorted(MATRIX_ENVIRONMENTS)[:2]
['Bmatrix', 'bmatrix']
"""

_TRANSPOSE_SCRIPT = re.compile(
    r"\^\s*(?:\{\s*(?:T|\\top|\\intercal|\\mathsf\s*\{?\s*T\s*\}?|\\mathrm\s*\{?\s*T\s*\}?"
    r"|\\text\s*\{\s*T\s*\}|\\mathsf\s+T|\\rm\s+T|\\intercal)\s*\}"
    r"|T|\\top(?![A-Za-z])|\\intercal(?![A-Za-z])|\\mathsf\s*\{\s*T\s*\}|\\mathrm\s*\{\s*T\s*\})")
_STAR_OPTION = re.compile(r"\s*\[\s*[lcr]?\s*\]")
_SHAPE_LABEL = re.compile(r"\s*_\s*\{\s*(\d{1,3})\s*(?:\\times|x|×)\s*(\d{1,3})\s*\}")


def transpose_script(text: str, pos: int) -> int | None:
    r"""The end of a transpose superscript starting at ``pos`` (a ``^``), else None.

    >>> transpose_script(r"W^{\mathsf{T}} x", 1), transpose_script("x^2", 1)
    (14, None)
    """
    m = _TRANSPOSE_SCRIPT.match(text, pos)
    return m.end() if m else None


_ARRAY_MATRIX = re.compile(r"\\left\s*(?P<open>[\[(])\s*\\begin\{array\}\{[^{}]*\}"
                           r"(?P<body>(?:(?!\\begin\{array\}).)*?)\\end\{array\}\s*\\right\s*(?P<close>[\])])", re.S)


def array_matrices(text: str) -> str:
    r"""``text`` with each array between ``\left[ … \right]`` (or parentheses) written as the matrix it
    draws, ``\begin{bmatrix} … \end{bmatrix}``, padded to the same length (positions stay).

    >>> array_matrices(r"\left[\begin{array}{c} 4x \\ 1 \end{array}\right]")
    '\\begin{bmatrix}        4x \\\\ 1 \\end{bmatrix}     '
    """
    def matrix(m: re.Match) -> str:
        if (m.group("open"), m.group("close")) not in (("[", "]"), ("(", ")")):
            return m.group(0)
        env = "bmatrix" if m.group("open") == "[" else "pmatrix"
        head, tail = f"\\begin{{{env}}}", f"\\end{{{env}}}"
        return (head.ljust(m.start("body") - m.start()) + m.group("body")
                + tail.ljust(m.end() - m.end("body")))
    return _ARRAY_MATRIX.sub(matrix, text) if "array" in text else text


def matrix_environment(tokenizer, start: int, end: int) -> int:
    r"""``\begin{bmatrix}``/``\end{bmatrix}`` for the tokenizer: a matrix literal opens or closes.

    After ``\end{bmatrix}`` a size label ``_{3 \times 3}`` is read into the closing token (the
    builder checks it).  Returns where the tokenizer goes on.

    >>> from derivations.checker.source import Positions
    >>> from derivations.checker.tokenizer import _Tokenizer
    >>> text = r"\begin{bmatrix} 1 \end{bmatrix}_{1 \times 1}"
    >>> [t.type for t in _Tokenizer(text, Positions(text), frozenset(), frozenset()).run()]
    ['_LMATRIX', 'NUMBER', 'RMATRIX']
    """
    if tokenizer.text.startswith("\\begin", start):
        tokenizer.matrices += 1
        tokenizer.emit("_LMATRIX", "matrix", start, end)
        return end
    tokenizer.matrices = max(0, tokenizer.matrices - 1)
    label = matrix_shape_label(tokenizer.text, end)
    tokenizer.emit("RMATRIX", f"{label[0]}x{label[1]}" if label else "", start, end)
    return label[2] if label else end


def starred_option(text: str, pos: int) -> int:
    r"""After ``\begin{bmatrix*}``: the end of its optional column alignment ``[r]`` (else ``pos``).

    ``bmatrix*`` and ``pmatrix*`` (mathtools) are ``bmatrix`` and ``pmatrix`` whose columns are
    aligned as the option says; the entries mean the same.

    >>> text = r"\begin{bmatrix*}[r] 1 \end{bmatrix*}"
    >>> text[starred_option(text, 16):]
    ' 1 \\end{bmatrix*}'
    """
    m = _STAR_OPTION.match(text, pos)
    return m.end() if m else pos


def matrix_shape_label(text: str, pos: int) -> tuple[int, int, int] | None:
    r"""``_{3 \times 3}`` after ``\end{bmatrix}``: (rows, columns, end), else None.

    >>> matrix_shape_label(r"_{3 \times 3}.", 0)
    (3, 3, 13)
    """
    m = _SHAPE_LABEL.match(text, pos)
    return (int(m.group(1)), int(m.group(2)), m.end()) if m else None


def is_matrix_marker(expr: sympy.Basic) -> bool:
    r"""True if ``expr`` holds a transpose, a matrix literal, ``\odot`` or a convolution sign.

    >>> is_matrix_marker(TRANSPOSE(sympy.Symbol("u")) * sympy.Symbol("v")), is_matrix_marker(sympy.Symbol("x"))
    (True, False)
    """
    return any(str(f.func) in MARKER_NAMES for f in expr.atoms(sympy.core.function.AppliedUndef))


def substituted(expr: sympy.Basic, rule: dict) -> sympy.Basic:
    r"""``expr.xreplace(rule)`` with every product's factors kept in their written order.

    ``xreplace`` rebuilds a product in SymPy's canonical order, which turns the body
    (y − Xw)ᵀ(y − Xw) of a function the document defines into one with w X: matrices do not commute.

    >>> from sympy import Symbol
    >>> X, w, v = Symbol("X"), Symbol("w"), Symbol("v")
    >>> substituted(sympy.Mul(X, w, evaluate=False), {w: v}).args
    (X, v)
    """
    if expr in rule:
        return rule[expr]
    if not expr.args or isinstance(expr, (sympy.Number, sympy.Symbol)):
        return expr
    args = [substituted(a, rule) for a in expr.args]
    if args == list(expr.args):
        return expr
    if isinstance(expr, sympy.Mul):
        return sympy.Mul(*args, evaluate=False)
    return expr.func(*args)


def matrix_entries(literal: sympy.Basic) -> list[list[sympy.Basic]]:
    """The rows of a :data:`MATRIX` literal.

    >>> matrix_entries(MATRIX(2, 1, 5, 6))
    [[5], [6]]
    """
    rows, cols = int(literal.args[0]), int(literal.args[1])
    entries = literal.args[2:]
    return [list(entries[r * cols:(r + 1) * cols]) for r in range(rows)]


def entry_definitions(head: sympy.Basic, value: sympy.Basic) -> list[tuple[sympy.Symbol, sympy.Basic]]:
    """The names of the entries of a vector of numbers named by a letter: ``x = [2.0, 3.0, 1.0]`` gives
    x_1 = 2, x_2 = 3, x_3 = 1 (counted from 1, as notes write them); [] for anything else.

    >>> entry_definitions(sympy.Symbol("x"), MATRIX(1, 3, 2, 3, 1))
    [(x_1, 2), (x_2, 3), (x_3, 1)]
    >>> entry_definitions(sympy.Symbol("x"), MATRIX(2, 2, 1, 2, 3, 4)), entry_definitions(sympy.Symbol("x"), sympy.Symbol("y"))
    ([], [])
    """
    if not (isinstance(head, sympy.Symbol) and re.fullmatch(r"[A-Za-z]", head.name)
            and getattr(value, "func", None) == MATRIX and 1 in value.args[:2]):
        return []
    entries = value.args[2:]
    if not all(isinstance(e, sympy.Number) for e in entries) or len(entries) > 12:
        return []
    return [(sympy.Symbol(f"{head.name}_{k}"), e) for k, e in enumerate(entries, 1)]


def _literal(rows: list[list[sympy.Basic]]) -> sympy.Basic:
    return MATRIX(Integer(len(rows)), Integer(len(rows[0])), *[e for row in rows for e in row])


def scalar_products(pairs: list) -> list | None:
    r"""The document's definitions ``pairs`` with each scalar product of two vectors, ``w^\top x``, read as one
    unknown number, or None if they hold none.  For a step with no derivative, whose vectors' size is not
    stated, this loses nothing: wᵀx = w_j x_j + Σ_{k≠j} w_k x_k takes any value whatever the entries the step
    names, so a step holds for every such number exactly when it holds for every w and x.

    >>> from sympy import Symbol
    >>> w, x, z = Symbol("w"), Symbol("x"), Symbol("z")
    >>> scalar_products([(z, Function("transpose")(w) * x)])
    [(z, (w^T x))]
    >>> scalar_products([(z, w * x)]) is None
    True
    """
    rule = {}
    for m in (m for _s, v in pairs for m in v.atoms(sympy.Mul) if len(m.args) == 2):
        marked = [a for a in m.args if is_matrix_marker(a) and str(a.func) == "transpose"]
        other = [a for a in m.args if isinstance(a, sympy.Symbol)]
        if len(marked) == 1 and len(other) == 1 and isinstance(marked[0].args[0], sympy.Symbol):
            rule[m] = sympy.Symbol(f"({marked[0].args[0]}^T {other[0]})")
    return [(s, v.xreplace(rule)) for s, v in pairs] if rule else None
