"""Plain-text notation: expressions and prose as one line of Unicode text, LaTeX names as Unicode.

The model uses it for justifications (:attr:`~derivations.core.model.Step.justification`), the
renderers for terminals and SVG labels.

>>> from sympy import Symbol, Derivative, exp
>>> from derivations.core.functions import sigma
>>> z = Symbol('z')
>>> expr_text(Derivative(sigma(z), z))
'd/dz σ(z)'
>>> expr_text(1 / (1 + exp(-z)))
'1/(1 + e^(-z))'
"""

from __future__ import annotations

import re
from enum import Enum

from sympy import Basic
from sympy.printing.str import StrPrinter

from derivations.core.functions import NamedFunction

__all__ = ["expr_text", "parts_text", "math_to_unicode", "WordEnum"]


class _TextPrinter(StrPrinter):
    """SymPy's str printer with σ, e^x, d/dz and ln for readability."""

    def _print_Function(self, e):
        if isinstance(e, NamedFunction):
            return f"{e.text_name}({self._print(e.args[0])})"
        return super()._print_Function(e)

    def _print_Symbol(self, e):
        if "{" in e.name or "\\" in e.name:  # named in LaTeX (w_{jk}^{(l)}): as unicode text
            return math_to_unicode(e.name).replace("^((", "^(").replace("))", ")")
        return super()._print_Symbol(e)

    def _print_Mul(self, e):
        if e.args[0] == 1 and len(e.args) == 2 and e.args[1].is_Mul:  # Sum under evaluate(False): 1*(term)
            return self._print(e.args[1])
        return super()._print_Mul(e)

    def _print_ImmutableDenseMatrix(self, e):
        return "[" + "; ".join(" ".join(self._print(v) for v in e.row(i)) for i in range(e.rows)) + "]"

    def _print_Sum(self, e):
        f = e.function
        if f.is_Mul and f.args[0] == 1:  # Sum under evaluate(False) leaves 1*(term)
            f = f.func(*f.args[1:], evaluate=False) if len(f.args) > 2 else f.args[1]
        body = self._print(f)
        if f.is_Add:
            body = f"({body})"
        bounds = "".join(f"_({self._print(i)}={self._print(lo)}..{self._print(hi)})" for i, lo, hi in e.limits)
        return f"Σ{bounds} {body}"

    def _print_KroneckerDelta(self, e):
        return f"δ_({self._print(e.args[0])}{self._print(e.args[1])})"

    def _print_exp(self, e):
        arg = self._print(e.args[0])
        return f"e^{arg}" if e.args[0].is_Symbol else f"e^({arg})"

    def _print_Equality(self, e):
        return f"{self._print(e.lhs)} = {self._print(e.rhs)}"

    def _print_log(self, e):
        return f"ln({self._print(e.args[0])})"

    def _print_Derivative(self, e):
        body = self._print(e.expr)
        if not (e.expr.is_Symbol or e.expr.is_Function):
            body = f"[{body}]"
        ds = "".join(f"d{self._print(v)}" if n == 1 else f"d{self._print(v)}^{n}" for v, n in e.variable_count)
        order = sum(n for _, n in e.variable_count)
        return f"d/{ds} {body}" if order == 1 else f"d^{order}/{ds} {body}"


    def _print_Limit(self, e):
        body, var, point = (self._print(a) for a in e.args[:3])
        point = {"oo": "∞", "-oo": "-∞"}.get(point, point)
        return f"lim_({var}→{point}) [{body}]"

    def _print_Dummy(self, e):  # a bound variable (of a limit): its name as written
        return e.name


def expr_text(expr: Basic) -> str:
    """An expression as one line of readable text.

    >>> from sympy import Symbol, log
    >>> from derivations.core.functions import sigma
    >>> z = Symbol('z')
    >>> expr_text(sigma(z) * (1 - sigma(z)))
    '(1 - σ(z))*σ(z)'
    >>> expr_text(log(z**2))
    'ln(z^2)'
    >>> from sympy import ImmutableMatrix
    >>> expr_text(ImmutableMatrix([[1, 2], [3, 4]]))
    '[1 2; 3 4]'
    >>> from sympy import Sum
    >>> i, n = Symbol('i', integer=True), Symbol('n', integer=True)
    >>> expr_text(Sum(2 * z**i, (i, 1, n)))
    'Σ_(i=1..n) 2*z^i'
    >>> from sympy import Limit, oo
    >>> expr_text(Limit(1 / z, z, oo))
    'lim_(z→∞) [1/z]'
    """
    return _TextPrinter({"order": "none"}).doprint(expr).replace("**", "^")


def parts_text(parts) -> str:
    """Prose parts (text and expressions) as one line of text.

    >>> from sympy import Symbol, exp
    >>> z = Symbol('z')
    >>> parts_text(['multiply by ', exp(-z), ' on both sides'])
    'multiply by e^(-z) on both sides'
    """
    return "".join(p if isinstance(p, str) else expr_text(p) for p in parts)


#: LaTeX math commands -> unicode, for the SVG renderer.
_MATH_COMMANDS = {
    "sigma": "σ", "lambda": "λ", "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ",
    "Delta": "Δ", "epsilon": "ε", "eta": "η", "theta": "θ", "mu": "μ", "pi": "π", "phi": "φ",
    "tanh": "tanh", "exp": "exp", "ln": "ln", "log": "log", "cos": "cos", "sin": "sin",
    "cdot": "·", "times": "×", "odot": " ⊙ ", "propto": " ∝ ", "approx": " ≈ ", "le": " ≤ ", "ge": " ≥ ",
    "infty": "∞", "ell": "ℓ", "partial": "∂", "star": " ⋆ ", "in": " ∈ ", "lfloor": "⌊", "rfloor": "⌋",
    "prod": "Π", "sum": "Σ", "mid": " | ", "dim": "dim ", "cdots": "⋯", "|": "‖", "top": "ᵀ", "prime": "′", "quad": "  ", "ast": "*",
    ",": "\u2009", ";": " ", " ": " ", "!": "", "{": "{", "}": "}", "left": "", "right": "",
}
_MATH_ACCENTS = {"tilde": "\u0303", "hat": "\u0302"}
_MATH_WRAPPERS = {"mathbb", "mathbf", "mathcal", "mathrm", "mathit", "mathsf", "boldsymbol", "operatorname",
                  "text"}
_MATH_CHARS = {"-": "−", "=": " = ", "'": "′", "<": " < ", ">": " > "}
_SUPERSCRIPTS = dict(zip("0123456789+-=()ni*T′ᵀ", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ*ᵀ′ᵀ"))
_SUBSCRIPTS = dict(zip("0123456789+-=()aeijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
_VULGAR = {("1", "2"): "½", ("1", "3"): "⅓", ("1", "4"): "¼", ("3", "4"): "¾"}
_MATH_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_]|\s+|.", re.S)


def math_to_unicode(tex: str) -> str:
    """Render a (simple) LaTeX math string as unicode text for the SVG labels.

    >>> math_to_unicode(r"\\sigma'(z) = \\sigma(z)\\,(1-\\sigma(z))")
    'σ′(z) = σ(z)\\u2009(1−σ(z))'
    >>> math_to_unicode(r"1/\\sqrt{\\lambda_1}"), math_to_unicode(r"\\mathbf{w}^*"), math_to_unicode(r"\\frac{1}{4}")
    ('1/√λ₁', 'w*', '¼')
    >>> math_to_unicode(r"\\frac{a+1}{2}")
    '(a+1)/2'
    >>> math_to_unicode(r"\\tilde{X} \\star \\hat{G}") == "X\\u0303 ⋆ G\\u0302"  # combining accents
    True
    """
    tokens = [t for t in _MATH_TOKEN.findall(tex) if not t.isspace()]
    pos = 0

    def atom() -> str:
        nonlocal pos
        if pos >= len(tokens):
            return ""
        tok = tokens[pos]
        pos += 1
        if tok == "{":
            return group()
        if tok.startswith("\\"):
            name = tok[1:]
            if name == "frac":
                num, den = atom(), atom()
                return _VULGAR.get((num, den)) or f"{_paren(num)}/{_paren(den)}"
            if name == "sqrt":
                arg = atom()
                return "√" + (arg if arg.isalnum() else f"({arg})")  # "λ₁".isalnum() is True
            if name in _MATH_WRAPPERS:
                return atom()
            if name in _MATH_ACCENTS:
                return atom() + _MATH_ACCENTS[name]
            return _MATH_COMMANDS.get(name, name)
        if tok in ("^", "_"):
            arg = atom()
            table = _SUPERSCRIPTS if tok == "^" else _SUBSCRIPTS
            if arg and all(c in table for c in arg):
                return "".join(table[c] for c in arg)
            return tok + (arg if len(arg) == 1 else f"({arg})")
        return _MATH_CHARS.get(tok, tok)

    def group() -> str:
        nonlocal pos
        parts = []
        while pos < len(tokens) and tokens[pos] != "}":
            parts.append(atom())
        pos += 1  # the closing brace
        return "".join(parts)

    parts = []
    while pos < len(tokens):
        parts.append(atom())
    return "".join(parts).strip()


def _paren(s: str) -> str:
    return s if re.fullmatch(r"[\w.√]+", s) else f"({s})"


class WordEnum(str, Enum):
    """An enumeration whose members are words: each compares equal to, prints as and shows as its word.

    So a status or a kind is checked on construction (a typo raises) while reports, JSON and
    doctests still show the plain word.

    >>> class Colour(WordEnum):
    ...     RED = "red"
    >>> Colour("red") is Colour.RED, Colour.RED == "red", f"{Colour.RED}", Colour.RED
    (True, True, 'red', 'red')
    """

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return repr(self.value)

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)
