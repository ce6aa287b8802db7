"""From lark's parse tree to SymPy: one method per grammar rule, every node built with ``evaluate=False``.

>>> from derivations.checker.parser import parse_expression
>>> parse_expression(r"\\sum_{i=1}^{3} x_i")
x_1 + x_2 + x_3
"""


from __future__ import annotations

import re

import sympy
from lark import Token, Tree
from sympy import (
    Abs,
    Add,
    Derivative,
    Dummy,
    Function,
    Integer,
    Mul,
    Pow,
    Rational,
    S,
    Subs,
    Symbol,
    ceiling,
    floor,
)
from sympy.core.function import AppliedUndef

from derivations.checker.applied import bare_function
from derivations.checker.cases import piecewise
from derivations.checker.limits import limit
from derivations.checker.readings import applied_primes, at_a_number, missing_partial, primed_group, sum_name
from derivations.checker.operator_sums import operator_sum
from derivations.checker.primes import prime_of
from derivations.checker.indexed import _Kept, kept_bigop
from derivations.checker.source import _MAX_NODES, MAX_SUM_TERMS, LatexParseError, LatexUnsupportedError, Positions
from derivations.checker.matrix_notation import (
    CONVOLUTIONS,
    ENTRY,
    HADAMARD,
    MATRIX,
    NORMS,
    TRANSPOSE,
    _literal,
    is_matrix_marker,
)
from derivations.checker.tokenizer import _NAME_RE, _SCRIPT_ITEM, _make_name
from derivations.checker.vocabulary import (
    _CONSTANTS,
    _FUNCTIONS,
    _INVERSE_FUNCTIONS,
    _MULTI_ARGUMENT,
    _NO_INVERSE,
)

# --------------------------------------------------------------------------------------------
# From the tree to SymPy
# --------------------------------------------------------------------------------------------


def _parts(node) -> tuple[object, int, Tree | None]:
    """(atom, number of primes, superscript) of a factor node."""
    if isinstance(node, Tree) and node.data == "factor":
        atom, *rest = node.children
        primes = sum(1 for c in rest if isinstance(c, Token) and c.type == "PRIME")
        sup = next((c for c in rest if isinstance(c, Tree)), None)
        return atom, primes, sup
    return node, 0, None


def _is_token(node, type_: str, value: str | None = None) -> bool:
    return isinstance(node, Token) and node.type == type_ and (value is None or node == value)


def _unbrace(node):
    """The inside of ``{...}`` (without \\over); other nodes unchanged."""
    while isinstance(node, Tree) and node.data == "brace" and len(node.children) == 1:
        node = node.children[0]
    return node


def _jacobian_tuples(frac: Tree) -> tuple[list, list] | None:
    r"""The two tuples of ``\frac{\partial (y_1, y_2)}{\partial (x_1, x_2)}`` (their items), or None."""
    tuples = []
    for side in frac.children:
        items = _product_items(side)
        group = items[1][1] if len(items) == 2 and not items[1][0] else None
        if not (_is_token(items[0][1], "PARTIAL") and isinstance(group, Tree) and group.data == "group"
                and any(_is_token(c, "COMMA") for c in group.children)):
            return None
        tuples.append([c for c in group.children if not _is_token(c, "COMMA")])
    return tuples[0], tuples[1]


def _primed_group(node) -> bool:
    """``(\\cosh x)'``: a derivative of a bracketed expression, a factor of its own."""
    atom, primes, _sup = _parts(node)
    return bool(primes) and isinstance(atom, Tree) and atom.data in ("group", "bracket")


def _product_items(node) -> list[tuple[str, object]]:
    """A product as [(op, factor)], op in {'', 'mul', 'div'} ('' = implicit or first)."""
    node = _unbrace(node)
    if not (isinstance(node, Tree) and node.data == "product"):
        return [("", node)]
    items, op = [], ""
    for child in node.children:
        if isinstance(child, Token) and child.type in ("MUL", "DIV", "HADAMARD", "CONV"):
            op = {"MUL": "mul", "DIV": "div", "HADAMARD": "hadamard"}.get(child.type, f"conv:{child}")
            op = "conv:ast" if op == "mul" and child == "ast" else op
        else:
            items.append((op, child))
            op = ""
    return items


def is_symbolic_sum(expr) -> bool:
    r"""True for a sum or product with symbolic bounds, as the parser keeps it (``\sum_i x_i``).

    >>> from derivations.checker.parser import parse_expression
    >>> is_symbolic_sum(parse_expression(r"\sum_i x_i")), is_symbolic_sum(parse_expression("x"))
    (True, False)
    """
    return bool(expr.atoms(_Kept))


def _child(atom, data: str):
    """The first subtree of ``atom`` of kind ``data`` (a sum's ``lower`` or ``supatom``), or None."""
    return next((c for c in atom.children if isinstance(c, Tree) and c.data == data), None)


def _tokens(node) -> list:
    """The tokens of a parse tree (a token alone: itself)."""
    return [node] if isinstance(node, Token) else list(node.scan_values(lambda v: isinstance(v, Token)))


def _absorb(node, sign, nxt):
    """``node`` (a term that ends with a bare sum) with ``-nxt`` as the sum's operand, else None."""
    if isinstance(node, Tree) and node.data == "signed":
        *signs, body = node.children
        inner = _absorb(body, sign, nxt)
        return None if inner is None else Tree("signed", [*signs, inner], node.meta)
    last = _parts(_product_items(node)[-1][1])[0]
    if not (isinstance(last, Tree) and last.data == "bigop"):
        return None
    lower = _child(last, "lower")
    if lower is not None and len(lower.children) == 1 and str(last.children[0]) == "sum" and not any(
            str(t) == str(lower.children[0]) or str(lower.children[0]) in "".join(re.split(r"[_^]", str(t), maxsplit=1)[1:])
            for t in _tokens(nxt) if t.type == "NAME"):
        return None  # \sum_K - e^{θ_i}: the operand would not hold K (Σ_K is a name the document gives)
    negated = Tree("signed", [sign, nxt], nxt.meta if isinstance(nxt, Tree) else None)
    kids = node.children if isinstance(node, Tree) and node.data == "product" else [node]
    return Tree("product", [*kids, negated], node.meta if isinstance(node, Tree) else None)


def _operand_after_bigop(children: list) -> list:
    """``\\sum_j -a_j b_j + c``: a sum or product that ends a term takes the next term, with its
    minus sign, as its operand (``\\sum_j (-a_j b_j) + c``)."""
    out = list(children)
    k = 0
    while k + 2 < len(out):
        node, sign, nxt = out[k], out[k + 1], out[k + 2]
        merged = _absorb(node, sign, nxt) if _is_token(sign, "MINUS") else None
        if merged is not None:
            out[k:k + 3] = [merged]
            continue
        k += 1
    return out


def _neg(value):
    if isinstance(value, sympy.Number):
        return -value
    return Mul(S.NegativeOne, value, evaluate=False)


def _mul(values: list) -> sympy.Basic:
    return values[0] if len(values) == 1 else Mul(*values, evaluate=False)


def _div(num, den) -> sympy.Basic:
    if isinstance(num, Integer) and isinstance(den, Integer) and den != 0:
        return Rational(num, den)
    inv = Pow(den, S.NegativeOne, evaluate=False)
    return inv if num == S.One else Mul(num, inv, evaluate=False)


class _Builder:
    """Evaluates the parse tree into SymPy objects, with index environment for sums."""

    def __init__(self, where: Positions, not_constants: frozenset[str]):
        self.where = where
        self.not_constants = not_constants
        self.env: dict[str, int] = {}
        self.nodes = 0
        self.notes: list[tuple[int, str]] = []  # (position, how notation was read), for the chain's notes

    # -- errors --------------------------------------------------------------------------------
    def _pos(self, node) -> int:
        if isinstance(node, Token):
            return node.start_pos or 0
        if isinstance(node, Tree):
            return getattr(node.meta, "start_pos", 0) or 0
        return 0

    def error(self, message: str, node) -> LatexParseError:
        return self.where.parse_error(message, self._pos(node))

    def unsupported(self, construct: str, node) -> LatexUnsupportedError:
        return self.where.unsupported(construct, self._pos(node))

    def note(self, node, message: str) -> None:
        self.notes.append((self._pos(node), message))

    def tick(self, node) -> None:
        self.nodes += 1
        if self.nodes > _MAX_NODES:
            raise self.unsupported("expression too large after expanding sums", node)

    # -- expressions ---------------------------------------------------------------------------
    def expr(self, node) -> sympy.Basic:
        self.tick(node)
        if isinstance(node, Tree) and node.data == "sum":
            terms, sign = [], "PLUS"
            children = _operand_after_bigop(node.children)
            for child in children:
                if isinstance(child, Token) and child.type in ("PLUS", "MINUS"):
                    sign = child.type
                    continue
                value = self.expr(child)
                terms.append(_neg(value) if sign == "MINUS" else value)
            return Add(*terms, evaluate=False)
        if isinstance(node, Tree) and node.data == "signed":
            *signs, body = node.children
            value = self.expr(body)
            minus = sum(1 for s in signs if s.type == "MINUS") % 2
            return _neg(value) if minus else value
        return self.fold(_product_items(node))

    def fold(self, items: list[tuple[str, object]]) -> sympy.Basic:
        """Value of a product; operators (sums, d/dz) take the rest, functions their argument."""
        result = None
        run: list = []
        run_op = ""
        prev_number = False
        i = 0
        while i < len(items):
            op, node = items[i]
            if op and i > 0:
                result = self.combine(result, run_op, run)
                run, run_op, prev_number = [], op, False
            # (∂²/∂x² + ∂/∂x + 1) ŷ(x_i): a bracketed sum of differential operators takes the rest
            applied = operator_sum(self, node, items[i + 1:], (_parts, _product_items))
            if applied is not None:
                run.append(applied)
                break
            kind = self.classify(node)
            if kind == "operator":
                end = self.operand_end(node, items, i)
                rest = [("", items[i + 1][1])] + items[i + 2:end] if i + 1 < len(items) else []
                run.append(self.operator(node, rest))
                if end == len(items):
                    break
                i = end
                continue
            if kind == "head":
                i = self.head(items, i, run)
                prev_number = False
                continue
            is_number = _is_token(node, "NUMBER")
            if is_number and prev_number and not op:
                raise self.error("two numbers side by side (write \\cdot between them)", node)
            prev_number = is_number
            run.append(self.value(node))
            i += 1
        return self.combine(result, run_op, run)

    @staticmethod
    def combine(result, op: str, run: list):
        value = _mul(run)
        if result is None:
            return value
        if op == "div":
            return _div(result, value)
        if op == "hadamard":
            return HADAMARD(result, value)
        if op.startswith("conv:") and (op != "conv:ast" or is_matrix_marker(result) or is_matrix_marker(value)):
            return CONVOLUTIONS[op[5:]](result, value)  # * is a convolution only between matrices
        return Mul(result, value, evaluate=False)

    def operand_end(self, node, items: list, i: int) -> int:
        """Where the operand of the operator ``items[i]`` ends: the rest of the product, except that
        ``\\frac{d}{dx} f \\cdot g`` (the product rule's first term) takes f alone, with a note."""
        atom = _parts(node)[0]
        if not (isinstance(atom, Tree) and atom.data == "frac"):
            return len(items)  # \sum_i a_i \cdot b_i sums the product
        end = next((j for j in range(i + 2, len(items)) if items[j][0] == "mul"), len(items))
        if end < len(items):
            self.note(node, "a derivative operator is read as applying to the factors before the next "
                            "\\cdot or \\times only (write \\frac{d}{dx}(f \\cdot g) for the derivative of the product)")
        return end

    def classify(self, node) -> str:
        atom, primes, _sup = _parts(node)
        if isinstance(atom, Tree) and atom.data == "bigop":
            return "operator"
        if isinstance(atom, Tree) and atom.data == "frac":
            parts = self.diff_parts(atom)
            if parts is not None and parts[1] is None:  # d/dz without a body: an operator
                return "operator"
        if _is_token(atom, "FUNC") or (_is_token(atom, "NAME") and primes):
            return "head"
        return "value"

    # -- function application -------------------------------------------------------------------
    def head(self, items, i: int, run: list) -> int:
        """Apply the function head items[i] to its argument; return the next index."""
        _op, node = items[i]
        nxt = items[i + 1] if i + 1 < len(items) and not items[i + 1][0] else None
        if nxt is not None:
            atom, primes, sup = _parts(nxt[1])
            args = [self.expr(c) for c in atom.children if not (isinstance(c, Token) and c.type == "COMMA")] if (
                isinstance(atom, Tree) and atom.data in ("group", "bracket")) else None
            if args is not None and atom.data == "group" and primes and not _parts(node)[1]:
                run.append(applied_primes(self, node, str(_parts(node)[0]), atom, args, primes, sup))  # g(z)': g'(z)
                return i + 2
            if args is not None and not primes:
                value = self.apply(node, args)
                if sup is not None:
                    value = Pow(value, self.sup(sup), evaluate=False)
                run.append(value)
                return i + 2
            if isinstance(atom, Tree) and atom.data == "brace" and len(atom.children) == 1 and not primes:
                arg = self.expr(atom.children[0])  # \exp{o_i}\sum_j …, \log{a} b: the braces hold the argument
                run.append(self.apply(node, [Pow(arg, self.sup(sup), evaluate=False) if sup is not None else arg]))
                return i + 2
        atom, primes, sup = _parts(node)
        if primes and _is_token(atom, "NAME"):  # u' = e^x, u'v: by the variable of u's definition (checker)
            value = prime_of(self.name(atom), primes)  # and u'v is u' times v (the quotient rule), not u'(v)
            run.append(Pow(value, self.sup(sup), evaluate=False) if sup is not None else value)
            return i + 1
        j = i + 1
        while j < len(items) and not items[j][0] and self.classify(items[j][1]) == "value" and not (
                j > i + 1 and _primed_group(items[j][1])):  # \sinh x(\cosh x)': sinh(x)·(cosh x)'
            j += 1
        if j == i + 1 and j < len(items) and not items[j][0] and self.classify(items[j][1]) == "head":
            inner: list = []  # \ln\sigma(z), \sin\cos x: the argument is the next application
            j = self.head(items, j, inner)
            run.append(self.apply(node, [_mul(inner)]))
            return j
        if j == i + 1 and j < len(items) and not items[j][0] and self.classify(items[j][1]) == "operator" and (
                isinstance(_parts(items[j][1])[0], Tree) and _parts(items[j][1])[0].data == "bigop"):
            run.append(self.apply(node, [self.fold([("", items[j][1])] + items[j + 1:])]))  # \log \prod_i …
            return len(items)
        if j == i + 1 and _is_token(atom, "FUNC", "sigma") and not primes:
            run.append(Symbol("sigma") ** self.sup(sup) if sup is not None else Symbol("sigma"))  # σ(1 − σ), σ²
            return j
        if j == i + 1:
            raise self.error(f"function {atom} needs an argument", node)
        arg = self.fold([("", items[i + 1][1])] + items[i + 2:j])
        run.append(self.apply(node, [arg]))
        return j

    def apply(self, node, args: list) -> sympy.Basic:
        atom, primes, sup = _parts(node)
        name = str(atom)
        exponent = self.sup(sup) if sup is not None else None
        inverse = exponent is not None and exponent == S.NegativeOne
        if inverse and primes:
            raise self.unsupported("derivative of an inverse function", node)
        if inverse:
            if name in _INVERSE_FUNCTIONS:
                fn = _INVERSE_FUNCTIONS[name]
            elif name in _NO_INVERSE:
                raise self.unsupported(f"\\{name}^{{-1}}", node)
            else:
                fn = Function(f"{name}^{{-1}}")
        else:
            fn = _FUNCTIONS.get(name) or self.log_base(name, node) or Function(name)
        known = name in _FUNCTIONS or inverse and name in _INVERSE_FUNCTIONS
        if known and len(args) != 1 and not (name in _MULTI_ARGUMENT and len(args) > 1):
            raise self.error(f"{name} takes one argument, got {len(args)}", node)
        if name in ("max", "min") and len(args) == 1:  # max(z_i), max(z): over the family, not z_i itself
            raise self.unsupported(f"{name} of one argument ({name} over an index or a vector's entries?)", node)
        if primes:
            if len(args) != 1:
                raise self.unsupported("prime on a function of several arguments", node)
            (arg,) = args
            if isinstance(arg, Symbol):
                value = Derivative(fn(arg), (arg, primes))
            else:
                d = Dummy("d")
                value = Subs(Derivative(fn(d), (d, primes)), d, arg)
        else:
            value = fn(*args)
        if exponent is not None and not inverse:
            value = Pow(value, exponent, evaluate=False)
        return value

    def log_base(self, name: str, node):
        """``\\log_b``: the logarithm to base b (a number, a letter or e), else None."""
        m = re.fullmatch(r"log_\{(.*)\}", name)
        if not m:
            return None
        base = m.group(1)
        if re.fullmatch(r"[0-9]{1,6}", base):
            value = Integer(base)
        elif re.fullmatch(r"[A-Za-z]", base):
            value = _CONSTANTS["e"] if base == "e" and "e" not in self.not_constants else Symbol(base)
        else:
            raise self.unsupported(f"logarithm to base {base}", node)
        return lambda arg: Mul(sympy.log(arg, evaluate=False),
                               Pow(sympy.log(value, evaluate=False), S.NegativeOne, evaluate=False),
                               evaluate=False)

    # -- operators -----------------------------------------------------------------------------
    def operator(self, node, rest: list) -> sympy.Basic:
        atom, primes, sup = _parts(node)
        if not rest and isinstance(atom, Tree) and atom.data == "bigop" and not primes and sup is None and (
                named := sum_name(self, atom, _child(atom, "lower"), _child(atom, "supatom"))) is not None:
            return named
        if not rest:
            what = "\\sum" if isinstance(atom, Tree) and atom.data == "bigop" else "d/dx"
            raise self.unsupported(f"{what} without an operand", node)
        if isinstance(atom, Tree) and atom.data == "frac":
            if primes or sup is not None:
                raise self.unsupported("power of a differential operator", node)
            variables = self.diff_parts(atom)[2]
            return Derivative(self.fold(rest), *self.diff_vars(variables), evaluate=False)
        return self.bigop(atom, primes, sup, rest)

    def bigop(self, atom: Tree, primes: int, _sup, rest: list) -> sympy.Basic:
        """``\\sum``/``\\prod``: expanded when its bounds are concrete integers, else kept whole.

        A sum with symbolic bounds (``\\sum_i``, ``\\sum_{i=1}^{n}``, ``\\sum_{k \\neq i}``) becomes
        an unevaluated function named after the operator as written, applied to its operand: the
        checker reports steps that contain one as not checked, never as a guess.
        """
        kind = str(atom.children[0])
        lower, sup = _child(atom, "lower"), _child(atom, "supatom")
        if primes:
            raise self.unsupported(f"\\{kind} with a prime", atom)
        if kind == "nabla":
            return self.gradient(atom, lower, sup, rest)
        if kind == "lim":
            return limit(self, atom, lower, sup, rest)
        bounds = self.bounds(atom, lower, sup, kind)
        if bounds is None:
            return self.kept(atom, lower, sup, kind, rest)
        base, lo, hi = bounds
        count = hi - lo + 1
        if count > MAX_SUM_TERMS:
            raise self.unsupported(f"\\{kind} with more than {MAX_SUM_TERMS} terms", atom)
        saved = self.env
        terms = []
        try:
            for value in range(lo, hi + 1):
                self.env = {**saved, base: value}
                terms.append(self.fold(rest))
        finally:
            self.env = saved
        if not terms:
            return S.Zero if kind == "sum" else S.One
        if len(terms) == 1:
            return terms[0]
        return Add(*terms, evaluate=False) if kind == "sum" else Mul(*terms, evaluate=False)

    def gradient(self, atom, lower, sup, rest: list) -> sympy.Basic:
        """``\\nabla_x f``: the gradient ∂f/∂x (the shape of x); ``\\nabla^2_x f`` the Hessian ∂²f/∂x².

        Without a subscript the variable is the one argument f is applied to (``\\nabla f(\\mathbf x)``);
        ``\\nabla_\\theta L(\\theta_t)`` is the gradient of L at θ_t.
        """
        order = 1
        if sup is not None:
            value = self.atom(sup.children[0])
            if value != 2:
                raise self.unsupported("\\nabla to a power other than 2", atom)
            order = 2
        body = self.fold(rest)
        if lower is not None:
            if len(lower.children) != 1:
                raise self.unsupported("\\nabla with a condition under it", atom)
            var = self.name(lower.children[0])
        elif isinstance(body, AppliedUndef) and len(body.args) == 1 and isinstance(body.args[0], Symbol):
            var = body.args[0]
        elif order == 1 and isinstance(body, AppliedUndef) and len(set(body.args)) == len(body.args) <= 4 and all(
                isinstance(a, Symbol) and not is_matrix_marker(a) for a in body.args):  # \nabla f(x, y)
            return self.partials(atom, body)
        else:
            raise self.unsupported("\\nabla without its variable (write \\nabla_x f or \\nabla f(x))", atom)
        if not isinstance(var, Symbol):
            raise self.unsupported(f"\\nabla with respect to {var}", atom)
        if order == 2:
            self.note(atom, f"\\nabla^2 is read as the Hessian (the second derivatives by {var}), not the "
                            "Laplacian (their trace)")
        if isinstance(body, AppliedUndef) and len(body.args) == 1 and var not in body.free_symbols:
            return Subs(Derivative(body.func(var), (var, order)), var, body.args[0])
        return Derivative(body, (var, order), evaluate=False)

    def partials(self, atom, body: AppliedUndef) -> sympy.Basic:
        """``\\nabla f(x, y)``: the column of f's partial derivatives by its arguments, with a note."""
        self.note(atom, f"\\nabla {body} is read as the column of its partial derivatives by "
                        f"{', '.join(map(str, body.args))}")
        return MATRIX(len(body.args), 1, *(Derivative(body, a) for a in body.args))

    def kept(self, atom, lower, sup, kind: str, rest: list) -> sympy.Basic:
        """A sum with symbolic or unstated bounds, kept whole (:mod:`.indexed` gives it meaning)."""
        index = first = cond = None
        if lower is not None:
            token, *more = lower.children
            m = _NAME_RE.fullmatch(str(token))
            if not m or m.group("sub") or m.group("sub1") or m.group("sup") or (
                    len(m.group("base")) > 1 and m.group("base") != "ell"):  # \ell: a letter
                raise self.unsupported(f"\\{kind} over index {token}", token)
            index = "\\ell" if str(token) == "ell" else str(token)  # the name its subscripts write
            if len(more) == 2 and more[0].type == "EQ":
                first = self.expr(more[1])
            elif len(more) == 2 and more[1].type == "NAME" and len(str(more[1])) == 1:
                cond = (str(more[0]), str(more[1]))
            elif more:
                raise self.unsupported(f"\\{kind} with this condition", atom)
        last = self.atom(sup.children[0]) if sup is not None else None
        saved = self.env
        self.env = {k: v for k, v in saved.items() if k != index}  # the index shadows an outer one
        try:
            return kept_bigop(kind, index, first, last, cond, self.fold(rest))
        finally:
            self.env = saved

    def bounds(self, atom, lower, sup, kind: str) -> tuple[str, int, int] | None:
        """(index, first, last) of a sum with concrete integer bounds; None when they are symbolic."""
        if lower is None or sup is None or len(lower.children) != 3 or lower.children[1].type != "EQ":
            return None
        index, _eq, start = lower.children
        m = _NAME_RE.fullmatch(str(index))
        if not m or m.group("sub") or m.group("sub1") or m.group("sup") or m.group("star"):
            raise self.unsupported(f"\\{kind} over index {index}", index)
        try:
            lo = self.integer(start, "")
            hi = self.integer(sup.children[0], "")
        except LatexUnsupportedError:
            return None
        return m.group("base"), lo, hi

    def integer(self, node, construct: str) -> int:
        """A small integer from a bound (numbers, bound indices, + - and products)."""
        node = _unbrace(node)
        if isinstance(node, Tree) and node.data == "supatom":
            return self.integer(node.children[0], construct)
        if _is_token(node, "NUMBER") and node.isdigit():
            value = int(node)
        elif _is_token(node, "NAME") and str(node) in self.env:
            value = self.env[str(node)]
        elif isinstance(node, Tree) and node.data == "sum":
            value, sign = 0, 1
            for child in node.children:
                if isinstance(child, Token) and child.type in ("PLUS", "MINUS"):
                    sign = 1 if child.type == "PLUS" else -1
                else:
                    value += sign * self.integer(child, construct)
        elif isinstance(node, Tree) and node.data == "signed":
            *signs, body = node.children
            value = self.integer(body, construct)
            value *= (-1) ** sum(1 for s in signs if s.type == "MINUS")
        elif isinstance(node, Tree) and node.data == "product":
            value = 1
            for op, child in _product_items(node):
                if op == "div":
                    raise self.unsupported(construct, node)
                value *= self.integer(child, construct)
        elif isinstance(node, Tree) and node.data == "group" and len(node.children) == 1:
            value = self.integer(node.children[0], construct)
        else:
            raise self.unsupported(construct, node)
        if abs(value) > 10**6:
            raise self.unsupported(construct, node)
        return value

    # -- derivatives ---------------------------------------------------------------------------
    def diff_parts(self, frac: Tree):
        """For a derivative fraction: (order, body items or None, variables); else None."""
        num, den = frac.children
        items = _product_items(num)
        first, primes, sup = _parts(items[0][1])
        if primes or not (_is_token(first, "PARTIAL") or _is_token(first, "NAME", "d")):
            return None
        kind = first.type
        order = self.order(sup) if sup is not None else 1
        if order is None or any(op for op, _ in items[1:]):
            return None
        den_items = missing_partial(self, frac, kind, _product_items(den))  # \frac{\partial}{o_k}: ∂/∂o_k
        variables = []
        if len(den_items) % 2 or any(op for op, _ in den_items):
            den_items = None
        else:
            for k in range(0, len(den_items), 2):
                d_atom, d_primes, d_sup = _parts(den_items[k][1])
                v_atom, v_primes, v_sup = _parts(_unbrace(den_items[k + 1][1]))  # \partial{\mathbf{x_i}}
                v_atom = _unbrace(v_atom)
                ok = (isinstance(d_atom, Token) and d_atom.type == kind
                      and (kind == "PARTIAL" or d_atom == "d") and not d_primes
                      and d_sup is None and _is_token(v_atom, "NAME") and (v_atom != "d" or kind == "PARTIAL")
                      and not v_primes)
                n = self.order(v_sup) if v_sup is not None else 1
                if not ok or n is None:
                    den_items = None
                    break
                variables.append((v_atom, n))
        if den_items is None:
            if kind == "PARTIAL" and _jacobian_tuples(frac) is None:
                raise self.error("cannot read this partial derivative", frac)
            return None
        if sum(n for _v, n in variables) != order:
            raise self.error("the orders of the derivative do not match", frac)
        body = items[1:] or None
        return order, body, tuple(variables)

    @staticmethod
    def order(sup: Tree) -> int | None:
        node = _unbrace(sup.children[0])
        if _is_token(node, "NUMBER") and node.isdigit() and 0 < int(node) <= 20:
            return int(node)
        return None

    def diff_vars(self, variables) -> list[tuple[sympy.Basic, int]]:
        out = []
        for token, n in variables:
            var = self.name(token)
            if not isinstance(var, Symbol):
                raise self.error(f"cannot differentiate with respect to {var}", token)
            out.append((var, n))
        return out

    # -- atoms ---------------------------------------------------------------------------------
    def value(self, node) -> sympy.Basic:
        """A factor that is a plain value: atom, primes (refused) and power."""
        atom, primes, sup = _parts(node)
        if primes and isinstance(atom, Tree) and atom.data in ("group", "bracket"):
            return primed_group(self, atom, primes, sup, node)  # (1+e^{-x})': d/dx, its one variable
        if primes:
            raise self.unsupported("prime on something that is not a function", node)
        if isinstance(node, Tree) and any(_is_token(c, "TRANSPOSE") for c in node.children):
            value = TRANSPOSE(self.atom(atom))
            return value if sup is None else Pow(value, self.sup(sup), evaluate=False)
        if sup is None:
            return self.atom(atom)
        if _is_token(atom, "NAME", "e") and self.name(atom) is S.Exp1:
            return sympy.exp(self.sup(sup), evaluate=False)
        return Pow(self.atom(atom), self.sup(sup), evaluate=False)

    def sup(self, sup: Tree) -> sympy.Basic:
        return self.atom(sup.children[0])

    def atom(self, node) -> sympy.Basic:  # noqa: C901 - dispatch on the node type
        self.tick(node)
        if isinstance(node, Token):
            if node.type == "NUMBER":
                if "." in node:
                    whole, frac = str(node).split(".")
                    return Rational(int(whole + frac), 10 ** len(frac))
                return Integer(int(node))
            if node.type == "NAME":
                return self.name(node)
            if node.type == "FUNC":
                raise self.error(f"function {node} needs an argument", node)
            if node.type == "PARTIAL":
                raise self.error("\\partial outside a derivative fraction", node)
            raise self.error(f"unexpected {node}", node)
        data = node.data
        if data in ("sum", "signed", "product", "factor"):
            return self.expr(node)
        if data == "group":
            if len(node.children) != 1:
                raise self.error("a tuple (a, b) is only allowed as function arguments", node)
            return self.expr(node.children[0])
        if data in ("bracket", "curly"):
            return self.expr(node.children[0])
        if data == "brace":
            if len(node.children) == 2:  # {dy \over dx}: a derivative as \frac{dy}{dx} is, else a ratio
                return self.frac(Tree("frac", node.children, meta=node.meta))
            return self.expr(node.children[0])
        if data == "entry":  # (A x)_k, (I * K)_{ij}: read on instances, where A x is a vector, I * K a matrix
            index = self.expr(node.children[1])
            indices = index.args if isinstance(index, Mul) and len(index.args) == 2 else (index,)
            if not all(isinstance(i, Integer) and 0 < i < 10 or isinstance(i, Symbol) and len(i.name) == 1
                       for i in indices):
                raise self.unsupported("an entry (…)_k whose index is not one letter or number (or two, for a matrix)",
                                       node)
            return ENTRY(self.expr(node.children[0]), *indices)
        if data == "abs":
            return Abs(self.expr(node.children[0]), evaluate=False)
        if data == "norm":  # ‖3‖ is |3|; ‖v‖ is read on instances, where v's value says if it is a vector
            inner = self.expr(node.children[0])
            return NORMS[str(node.children[1])](inner) if inner.free_symbols else Abs(inner, evaluate=False)
        if data == "floor":
            return floor(self.expr(node.children[0]), evaluate=False)
        if data == "ceil":
            return ceiling(self.expr(node.children[0]), evaluate=False)
        if data == "frac":
            return self.frac(node)
        if data == "matrix":
            return self.matrix(node)
        if data == "sqrt":
            *index, body = node.children
            radicand = self.expr(body)
            if not index:
                return Pow(radicand, S.Half, evaluate=False)
            n = self.expr(index[0])
            exponent = _div(S.One, n)
            return Pow(radicand, exponent, evaluate=False)
        if data == "bigop":
            raise self.unsupported(f"\\{node.children[0]} without an operand", node)
        if data == "negfactor":  # a * -b: the factor with its sign
            return Mul(S.NegativeOne, self.expr(node.children[1]), evaluate=False)
        if data == "cases":  # a Piecewise: the values, and the conditions the tokenizer read
            kids = [c for c in node.children if not _is_token(c, "CASEROW")]
            return piecewise([self.expr(c) for c in kids[::2]], [str(c) for c in kids[1::2]],
                             lambda name: self.name(Token("NAME", name)))
        raise self.error(f"unexpected {data}", node)

    def matrix(self, node: Tree) -> sympy.Basic:
        """A matrix literal: every row as long as the first, and as its size label says."""
        rows = [[self.expr(c) for c in row.children if not _is_token(c, "COMMA")]
                for row in node.children if isinstance(row, Tree)]
        if len({len(r) for r in rows}) != 1:
            raise self.error("the rows of this matrix have different lengths", node)
        label = str(node.children[-1])
        if label and label != f"{len(rows)}x{len(rows[0])}":
            raise self.error(f"this matrix is {len(rows)}×{len(rows[0])} but its label says "
                             f"{label.replace('x', '×')}", node)
        return _literal(rows)

    def jacobian(self, frac: Tree) -> sympy.Basic | None:
        r"""``\frac{\partial (y_1, …, y_m)}{\partial (x_1, …, x_n)}``: the m×n matrix of the ∂y_i/∂x_j;
        None for any other fraction."""
        tuples = _jacobian_tuples(frac)
        if tuples is None:
            return None
        outputs, variables = tuples
        if not all(_is_token(v, "NAME") for v in variables):
            raise self.error("a Jacobian ∂(…)/∂(…) is taken with respect to names only", frac)
        wrt = [v for v, _n in self.diff_vars([(v, 1) for v in variables])]
        self.note(frac, f"∂({', '.join(map(str, outputs))})/∂({', '.join(map(str, variables))}) is read as "
                        "the Jacobian matrix of the ∂y_i/∂x_j (a row for each y_i)")
        return _literal([[Derivative(self.expr(y), x, evaluate=False) for x in wrt] for y in outputs])

    def frac(self, node: Tree) -> sympy.Basic:
        jacobian = self.jacobian(node)
        if jacobian is not None:
            return jacobian
        parts = self.diff_parts(node)
        if parts is None:
            return _div(self.expr(node.children[0]), self.expr(node.children[1]))
        _order, body, variables = parts
        if body is None:
            raise self.unsupported("differential operator without an operand", node)
        if bare_function(body, variables):  # \frac{d\tanh}{dZ}: the function of the one variable
            value = self.apply(body[0][1], [self.name(variables[0][0])])
            self.note(node, f"the function {body[0][1]} written without its argument is read as "
                            f"{body[0][1]}({variables[0][0]})")
            return Derivative(value, *self.diff_vars(variables), evaluate=False)
        value, wrt = self.fold(body), self.diff_vars(variables)
        return at_a_number(self, node, value, wrt) or Derivative(value, *wrt, evaluate=False)  # d σ(0)/dx: σ′(0)

    def name(self, token: Token) -> sympy.Basic:
        text = str(token)
        if self.env:
            m = _NAME_RE.fullmatch(text)
            if m:
                base = m.group("base")
                sub = m.group("sub") if m.group("sub") is not None else m.group("sub1") or ""
                sup = m.group("sup") or ""
                if not sub and not sup and not m.group("star") and base in self.env:
                    return Integer(self.env[base])
                text = _make_name(base, self.substitute(sub), self.substitute(sup),
                                  m.group("star") or False)
        if text in _CONSTANTS and text not in self.not_constants:
            return _CONSTANTS[text]
        return Symbol(text)

    def substitute(self, script: str) -> str:
        """Replace bound sum indices in a subscript; fold ``2+1`` to ``3``."""
        if not script:
            return script
        items = _SCRIPT_ITEM.findall(script)
        out = []
        for item in items:
            key = item.strip().lstrip("\\")
            out.append(str(self.env[key]) if key in self.env else item)
        parts = []
        for comp in "".join(out).split(","):
            if re.fullmatch(r"-?\d+(?:[+-]\d+)+", comp):
                comp = str(sum(int(x) for x in re.findall(r"[+-]?\d+", comp)))
            parts.append(comp)
        return ",".join(parts)
