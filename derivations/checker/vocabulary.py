r"""The parser's vocabulary: which LaTeX commands, words and Unicode characters mean what (data tables).

>>> _FUNCTION_WORDS["sigmoid"], _UNICODE["∂"]
('sigma', 'partial')
"""


from __future__ import annotations

from typing import Callable

import sympy
from sympy import (
    S,
)

from derivations.core.functions import logit, sigma

# --------------------------------------------------------------------------------------------
# Data tables
# --------------------------------------------------------------------------------------------

_GREEK = frozenset(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi "
    "omicron rho varrho tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma "
    "Upsilon Phi Psi Omega ell".split()
)

# Named constants: canonical name -> value.  ``e`` can be turned into a symbol by the caller.
_CONSTANTS: dict[str, sympy.Basic] = {"e": S.Exp1, "pi": S.Pi, "infty": S.Infinity}


def _builtin(cls) -> Callable[..., sympy.Basic]:
    return lambda arg: cls(arg, evaluate=False)


# Known functions: canonical key -> builder of f(arg) (one argument, unevaluated).
_FUNCTIONS: dict[str, Callable[..., sympy.Basic]] = {
    "sin": _builtin(sympy.sin),
    "cos": _builtin(sympy.cos),
    "tan": _builtin(sympy.tan),
    "sinh": _builtin(sympy.sinh),
    "cosh": _builtin(sympy.cosh),
    "tanh": _builtin(sympy.tanh),
    "arcsin": _builtin(sympy.asin),
    "arccos": _builtin(sympy.acos),
    "arctan": _builtin(sympy.atan),
    "exp": _builtin(sympy.exp),
    "log": _builtin(sympy.log),
    "sigma": _builtin(sigma),
    "logit": _builtin(logit),
    "sec": _builtin(sympy.sec), "csc": _builtin(sympy.csc), "cot": _builtin(sympy.cot),
    "sech": _builtin(sympy.sech), "csch": _builtin(sympy.csch), "coth": _builtin(sympy.coth),
    "arcsinh": _builtin(sympy.asinh), "arccosh": _builtin(sympy.acosh),
    "arctanh": _builtin(sympy.atanh), "sgn": _builtin(sympy.sign),
    "floor": _builtin(sympy.floor), "ceil": _builtin(sympy.ceiling),
    "max": lambda *args: sympy.Max(*args, evaluate=False),
    "min": lambda *args: sympy.Min(*args, evaluate=False),
    "evalat": lambda expr, variable, point: sympy.Subs(expr, variable, point),  # \left. E \right|_{x=a}
}
_MULTI_ARGUMENT = frozenset({"max", "min", "evalat"})

# Inverses written f^{-1}: key -> builder; keys absent here give an undefined "name^{-1}".
_INVERSE_FUNCTIONS: dict[str, Callable[..., sympy.Basic]] = {
    "sin": _builtin(sympy.asin),
    "cos": _builtin(sympy.acos),
    "tan": _builtin(sympy.atan),
    "sinh": _builtin(sympy.asinh),
    "cosh": _builtin(sympy.acosh),
    "tanh": _builtin(sympy.atanh),
}
_NO_INVERSE = frozenset({"exp", "log", "arcsin", "arccos", "arctan"})

# LaTeX commands (without backslash) that name a known function -> key of _FUNCTIONS.
_FUNCTION_COMMANDS = {
    "sin": "sin", "cos": "cos", "tan": "tan", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh",
    "arcsin": "arcsin", "arccos": "arccos", "arctan": "arctan",
    "exp": "exp", "ln": "log", "log": "log", "sigma": "sigma", "sec": "sec", "csc": "csc",
    "cot": "cot", "coth": "coth", "max": "max", "min": "min", "sgn": "sgn",
    "sech": "sech", "csch": "csch", "arcsinh": "arcsinh", "arccosh": "arccosh", "arctanh": "arctanh",
    "arsinh": "arcsinh", "arcosh": "arccosh", "artanh": "arctanh",  # ProofWiki's, physics' macros
}
# Words that name a function also without a backslash (``tanh(x)``, ``log(p)``, ``Tanh(x)``).
_PLAIN_FUNCTION_WORDS = {
    "sin": "sin", "cos": "cos", "tan": "tan", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh",
    "exp": "exp", "ln": "log", "log": "log", "logit": "logit", "sigmoid": "sigma",
    "sech": "sech", "csch": "csch", "coth": "coth", "arctan": "arctan", "arctanh": "arctanh",
    "artanh": "arctanh", "arsinh": "arcsinh", "arcsinh": "arcsinh", "arccosh": "arccosh",
    "Tanh": "tanh", "Sinh": "sinh", "Cosh": "cosh", "Sigmoid": "sigma", "Log": "log",
    "Exp": "exp", "Ln": "log", "max": "max", "min": "min",
}
# Words inside \operatorname{}, \text{}, \mathrm{} that name a known function.
_FUNCTION_WORDS = {**_FUNCTION_COMMANDS, **_PLAIN_FUNCTION_WORDS, "floor": "floor",
                   "ceil": "ceil", "sign": "sgn", "sgn": "sgn", "arcsinh": "arcsinh",
                   "arccosh": "arccosh", "asinh": "arcsinh", "atanh": "arctanh"}

# Relations: spelling -> op name of Chain.ops.
_RELATIONS = {
    "=": "=", "approx": "approx", "simeq": "approx", "neq": "neq", "ne": "neq",
    "<": "<", "lt": "<", "le": "<=", "leq": "<=", "leqslant": "<=",
    ">": ">", "gt": ">", "ge": ">=", "geq": ">=", "geqslant": ">=",
    ":=": "def", "coloneqq": "def", "triangleq": "def", "equiv": "def", "eqqcolon": "def",
    "stackrel": "def", "overset": "def",
    "leftarrow": "update", "gets": "update",  # w \leftarrow w - \eta g: an assignment (checker/updates.py)
}
# Commands that start a new chain: command -> Chain.leading.
_LEADS = {
    "Rightarrow": "implies", "implies": "implies", "therefore": "implies",
    "Longrightarrow": "implies", "iff": "iff", "Leftrightarrow": "iff",
    "Longleftrightarrow": "iff", "because": "because",
}
# Words of a leading \text{...} that is an annotation; those in _IMPLIES_WORDS mean "implies".
_CONNECTIVES = frozenset(
    "now therefore hence thus so then where and or with since as let lets let's say also "
    "i e ie we get have obtain given note that which gives finally similarly again here "
    "recall consider substituting putting using from".split()
)
_IMPLIES_WORDS = frozenset({"therefore", "hence", "thus", "so"})
# A remark after the math with one of these is a condition, not a comment.
_CONDITION_WORDS = frozenset({"if", "for", "when", "whenever", "unless", "provided", "otherwise",
                              "only", "all", "every", "iff"})
_CONDITION_RELATIONS = frozenset({"<", "<=", ">", ">=", "neq"})

_SPACING = frozenset({",", ";", ":", "!", " ", "displaystyle", "textstyle", "scriptstyle",
                      "nonumber", "notag", "limits", "nolimits", "big", "Big", "bigg", "Bigg",
                      "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
                      "enspace", "thinspace", "medspace", "thickspace", "negthinspace", "hfill",
                      "negmedspace", "negthickspace", "cancel", "bcancel", "xcancel", "ds",
                      "rm", "bf", "it", "sf", "tt", "cal", "mit", "tiny", "scriptsize",
                      "footnotesize", "small", "normalsize", "large", "Large", "LARGE", "huge",
                      "Huge", "underbrace", "overbrace", "strut", "allowbreak", "space", "indent",
                      "noindent"})
_SKIP_WITH_ARGUMENT = frozenset({"tag", "tag*", "label", "vspace", "phantom", "hphantom",
                                 "vphantom", "require", "hspace", "color", "textcolor",
                                 "colorbox", "cancelto", "eqref", "ref", "mspace", "kern"})
# Commands read through whose argument is itself math (\textcolor{red}{x}: the second one).
_BRACE_SCRIPTS = frozenset({"underbrace", "overbrace"})  # \underbrace{x}_{note}: the note goes
_QUADS = frozenset({"quad", "qquad"})
_MATH_FONTS = frozenset({"mathbf", "mathit", "mathsf", "mathtt", "boldsymbol", "bm", "mathcal",
                         "mathscr", "mathfrak", "mathbb", "pmb", "bold", "Bbb", "mathbold"})
_TEXT_FONTS = frozenset({"text", "textrm", "textit", "textbf", "textsf", "mbox", "mathrm",
                         "textnormal", "operatorname", "operatorname*"})
_ACCENTS = {"hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde",
            "widetilde": "tilde", "dot": "dot", "ddot": "ddot", "vec": "vec", "check": "check",
            "breve": "breve"}
_SIMPLE_COMMANDS = {  # command -> (token type, value)
    "cdot": ("MUL", "*"), "times": ("MUL", "*"), "ast": ("MUL", "ast"), "div": ("DIV", "/"),
    "partial": ("PARTIAL", "partial"), "sum": ("BIGOP", "sum"), "prod": ("BIGOP", "prod"), "lim": ("BIGOP", "lim"),
    "nabla": ("BIGOP", "nabla"),
    "frac": ("_FRAC", "frac"), "dfrac": ("_FRAC", "frac"), "tfrac": ("_FRAC", "frac"),
    "cfrac": ("_FRAC", "frac"), "over": ("_OVER", "over"),
    "lfloor": ("_LFLOOR", "lfloor"), "rfloor": ("_RFLOOR", "rfloor"),
    "lceil": ("_LCEIL", "lceil"), "rceil": ("_RCEIL", "rceil"),
    "lvert": ("_LABS", "|"), "rvert": ("_RABS", "|"),
    "langle": ("LANGLE", "<"), "rangle": ("RANGLE", ">"),
    "rightarrow": ("ARROW", "->"), "longrightarrow": ("ARROW", "->"), "to": ("ARROW", "->"),
    "mapsto": ("ARROW", "->"), "prime": ("PRIME", "'"),
}
# Recognised, but without a meaning here: command -> construct named in the error.
_UNSUPPORTED = {
    "int": "integral", "iint": "integral", "oint": "integral",
    "otimes": "\\otimes", "odot": "\\odot", "oplus": "\\oplus",
    "circ": "composition \\circ (write f(g(x)))", "top": "transpose", "intercal": "transpose",
    "cdots": "ellipsis", "ldots": "ellipsis", "dots": "ellipsis", "vdots": "ellipsis",
    "ddots": "ellipsis", "dotsi": "ellipsis", "dotsb": "ellipsis", "dotsc": "ellipsis",
    "dotsm": "ellipsis", "dotso": "ellipsis", "propto": "\\propto", "sim": "\\sim", "cong": "\\cong", "in": "\\in",
    "notin": "\\notin", "forall": "\\forall", "exists": "\\exists", "subset": "\\subset",
    "subseteq": "\\subseteq", "cup": "\\cup", "cap": "\\cap", "mid": "\\mid",
    "parallel": "\\parallel", "det": "determinant", "lg": "\\lg (base 2 or 10: write \\log_2 or \\log_{10})",
    "sup": "\\sup", "inf": "\\inf", "arg": "\\arg", "argmax": "argmax", "argmin": "argmin",
    "binom": "binomial", "choose": "binomial", "pm": "\\pm", "mp": "\\mp",
    "setminus": "\\setminus", "wedge": "\\wedge", "vee": "\\vee",
    "neg": "negation", "lnot": "negation", "land": "\\land", "lor": "\\lor",
    "Leftarrow": "\\Leftarrow",
    "uparrow": "\\uparrow", "downarrow": "\\downarrow", "star": "\\star", "dagger": "\\dagger",
    "emptyset": "\\emptyset", "vert": "| as a delimiter", "hbar": "\\hbar", "Re": "\\Re",
    "Im": "\\Im", "%": "percent", "mathring": "\\mathring", "sqrt*": "\\sqrt*",
}
# Environments: name -> None (ignored wrapper) or the construct named in the error.
_ENVIRONMENTS = {
    "aligned": None, "align": None, "align*": None, "gather": None, "gather*": None,
    "gathered": None, "split": None, "equation": None, "equation*": None, "multline": None,
    "multline*": None, "eqnarray": None, "eqnarray*": None,
    "matrix": "matrix", "pmatrix": "matrix", "bmatrix": "matrix", "Bmatrix": "matrix",
    "vmatrix": "vmatrix (a determinant, or a matrix drawn between bars?)", "Vmatrix": "Vmatrix (a norm drawn around a matrix?)", "smallmatrix": "matrix", "cases": "cases",
    "array": "array",
}
# Unicode characters students paste: char -> LaTeX command (without backslash) or literal.
_UNICODE = {
    "σ": "sigma", "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon",
    "η": "eta", "θ": "theta", "λ": "lambda", "μ": "mu", "π": "pi", "ρ": "rho", "τ": "tau",
    "φ": "phi", "ω": "omega", "Δ": "Delta", "∂": "partial", "∑": "sum", "∏": "prod",
    "·": "cdot", "×": "times", "≈": "approx", "≠": "neq", "≤": "le", "≥": "ge",
    "⇒": "Rightarrow", "∴": "therefore", "→": "rightarrow", "∞": "infty", "√": "sqrt", "∇": "nabla", "‖": "Vert",
    "≜": "triangleq", "≡": "equiv", "−": "-", "–": "-", "—": "--", "′": "'", "″": "''",
    "’": "'", "⋅": "cdot", "∙": "cdot", "÷": "div", "⇔": "iff", "⟺": "iff", "⟹": "implies",
    "⟶": "rightarrow", "∈": "in", "…": "ldots", "⋯": "cdots", "ψ": "psi", "ξ": "xi",
    "ν": "nu", "κ": "kappa", "ζ": "zeta", "χ": "chi", "Σ": "Sigma", "Θ": "Theta", "Φ": "Phi",
    "Λ": "Lambda", "Ω": "Omega", "Γ": "Gamma", "Π": "Pi", "Ψ": "Psi", "ℓ": "ell",
    "²": "^2", "³": "^3", "¹": "^1", "⌊": "lfloor", "⌋": "rfloor", "⌈": "lceil", "⌉": "rceil",
}
# Precomposed accented letters (ŷ, Ŷ, x̄): the combining mark -> accent suffix.
_COMBINING_ACCENTS = {"\u0302": "hat", "\u0304": "bar", "\u0303": "tilde", "\u0307": "dot",
                      "\u0308": "ddot"}

#: (LaTeX example, meaning) for every supported construct; the README prints this table.
SUPPORTED_NOTATION: tuple[tuple[str, str], ...] = (
    (r"\frac{a}{b}, \dfrac{a}{b}, \tfrac12, {a \over b}", "a/b (integer/integer is exact)"),
    (r"a/bc, a/b \cdot c", "a/(b c) and (a/b) c: implicit products bind tighter than /"),
    (r"2xy, 2\sigma(z), (a+b)(c+d), x\,y", "implicit multiplication"),
    (r"a \cdot b, a \times b", "multiplication"),
    (r"-x^2", "-(x^2)"),
    (r"x^2, x^{n+1}, 2^{3}", "powers; 2^{3}^{4} is a parse error"),
    (r"\sqrt{x}, \sqrt[3]{x}", "square root, n-th root"),
    (r"e^{-z}, \exp(-z), \exp x", "exp(-z); e is Euler's number unless declared a symbol"),
    (r"\ln x, \log(x)", "natural logarithm"),
    (r"\sin \cos \tan \sinh \cosh \tanh \arcsin \arccos \arctan", "with or without ( )"),
    (r"\tanh a, \sin 2x", "tanh(a), sin(2x): the argument is the next implicit product"),
    (r"\sigma(z), \operatorname{sigmoid}(z)", "derivations.core.functions.sigma(z)"),
    (r"\operatorname{logit}(p), \text{logit}(p)", "derivations.core.functions.logit(p)"),
    (r"\sigma^2(z), \sigma(z)^2, [\sigma(z)]^2", "sigma(z)**2"),
    (r"\sigma \cdot (1-\sigma)", r"sigma alone is a quantity; \sigma(1-\sigma) with it is the product σ·(1 − σ), with a note"),
    (r"logit(p), ln(x), Tanh(x), \mathrm{sech}, \operatorname{arctanh}",
     "function words, with or without a backslash"),
    (r"X \in \mathbb{R}^{n \times d}, S = \text{diag}(s) \in \mathbb{R}^{n \times n}, \{(x_i, y_i)\}_{i=1}^n",
     "declarations (a note each, not a step); S := diag(s)"),
    (r"\text{diag}(\mathbf{p}), \text{diag}(\hat{p}_i(1 - \hat{p}_i))", "the diagonal matrix of the entries (i = 1…n)"),
    (r"[0.8808, 0.9084], \left[a, b\right]", "a row vector (a note); ≈ between vectors entry by entry; not after a name or Σ"),
    (r"\log \prod_{i=1}^n p_i, \log \sum_k e^{z_k}", "the log of the whole product or sum"),
    (r"\gdef\par#1#2{\frac{\partial #1}{\partial #2}}, \newcommand{\R}{\mathbb{R}}",
     "the document's macros, expanded where used (a note each)"),
    (r"y_ilog(p_i), ylog\hat{y}", "y_i*log(p_i), y*log(yhat): as LaTeX sets them, with a note (dlog stays d·l·o·g)"),
    (r"\max(0, x), \min(a, b), \operatorname{floor}(x), \log_2 x, \log_b x",
     "Max, Min, floor, log(x)/log(b)"),
    (r"\max(z_i), max(\{Z_i\})", "refused: max over the index (or a vector's entries), not z_i itself"),
    (r"{Z}_i, {\theta}_j, \partial {Z}_i", "Z_i, theta_j: a braced letter with a subscript is the indexed name"),
    (r"\ln\sigma(z), \sin\cos x", "log(sigma(z)), sin(cos(x))"),
    (r"\sigma'(z), f'(x), f''(x)", "Derivative(f(z), z); Subs(...) for a compound argument"),
    (r"u' = e^x, v'", "du/dx where the document defines u by one variable x (u = e^x); ∂u/∂z_i where the "
                      "derivation around differentiates by z_i alone and u is an expression of z_k or Σ_j z_j "
                      "(with a note); else not checked"),
    (r"\left(\frac{f}{g}\right)' = \frac{f'g - fg'}{g^2}, (uv)' = u'v + uv'",
     "a rule stated with undefined names: f, g any functions; their values and derivatives at a point free "
     "numbers (a wrong rule is refuted there); u'v is u' times v"),
    (r"\sigma^{-1}(x), f^{-1}(x)", "undefined functions 'sigma^{-1}', 'f^{-1}'"),
    (r"\tanh^{-1}(x)", "atanh(x) (likewise sin, cos, tan, sinh, cosh)"),
    (r"f(x), g(x, y)", "application when f, g are passed in functions=...; else f*x"),
    (r"h_\theta(x) =, \mathcal{L}(\hat y, y) =, Sig(x) =, \ell(w, \alpha) =", "check: functions the document defines"),
    (r"F(x), y_k(x, w), z_2(z_1), f_c(x), \frac{\partial F}{\partial x}",
     "check: functions the document applies without defining them (unknown functions; F alone is F(x))"),
    (r"\frac{d}{dz} E, \frac{dE}{dz}, \frac{d^2}{dz^2} E", "Derivative(E, z) (order 2)"),
    (r"\frac{\part C}{\part a}, a\space b", "\\part is \\partial (KaTeX, Typora); \\space is a space"),
    (r"\frac{\partial f}{\partial x} . g(x)", "a product: a full stop spaced on both sides between two factors (with a note)"),
    (r"\frac{d}{dx} f \cdot g + f \cdot \frac{d}{dx} g", "(df/dx) g + f (dg/dx): an operator stops at \\cdot or \\times (with a note)"),
    (r"\frac{\partial J}{\partial w_{jk}^{(l)}}", "Derivative(J, w_{jk}^{(l)}), unevaluated"),
    (r"\frac{\partial^2 f}{\partial x \partial y}", "mixed partial derivative"),
    (r"\left(\frac{\partial^2}{\partial x^2} + \frac{\partial}{\partial x} + 1\right)\hat{y}(x_i)",
     "a sum of differential operators applied: ŷ''(x_i) + ŷ'(x_i) + ŷ(x_i) (taken at the sample point x_i, said so)"),
    (r"\sum_{i=1}^{3} x_i, \prod_{i=1}^{3}, \sum^{3}_{i=1}", "expanded: x_1 + x_2 + x_3 (at most 1000 terms)"),
    (r"\sum_i x_i, \sum_{i=1}^n, \sum_{k \neq i}, \sum_k^C", "kept whole; checked at n = 1…5, every index value"),
    (r"\sum_{i,j} x_i A_{ij} x_j, \sum_{i,j=1}^{n}", "a sum over two indices: \\sum_i \\sum_j (with a note)"),
    (r"\delta_{ij}, \text{if } i = k", "Kronecker delta; an index condition"),
    (r"1_{i=j}, 1\{k = i\}, \mathbb{1}\{k = i\}, \mathbf{1}\{i=j\}", "the Kronecker delta δ_{ij}, δ_{ki} (with a note)"),
    (r"{\rm if}~i \ne j,~a = b, \text{Case 2 } (i \ne j): \quad a &= b",
     "an index condition written first: a = b is checked for i ≠ j"),
    (r"$\delta_{ij} = 1$ if $i = j$, else $0$", "the Kronecker delta's value (not a definition); i = j is its "
     "condition, not the next display's"),
    (r"**Case 2: $i \neq k$** (a heading), then $$a = b$$ $$= c$$",
     "the heading's index condition holds to the next heading; a display that starts with = keeps its own"),
    (r"a &= b \\ \text{If } i=j, c &= d \\ &= e \\ \text{If } i \neq j, c &= f",
     "rows of an align that open with an index condition: each part checked under its own (a = b always)"),
    (r"\hat{y}_{t_k}, \frac{a}{b}{}, \sum_{k}{} y_k", "yhat_{tk} (entry k at t, with a note); an empty group is nothing"),
    (r"y_i = …, for~i=1,\dots,C; \quad \forall i", "the range of the claim's free index: dropped, with a note"),
    (r"w_{jk}^{(l)}, a_j^{(L)}, x_{10}, \alpha_i, w^*", "one symbol each, canonical spelling"),
    (r"z^l_j, \delta_j^{l+1}, w^{l}_{jk}", "layer indices: z_j^{(l)}, delta_j^{(l+1)}, w_{jk}^{(l)}"),
    (r"x^2_i, x_i^2", "x_i**2"),
    (r"e^{(x+y)}, e^{(-z)}", "exp(x + y), exp(-z)"),
    (r"\alpha, \lambda_i, \pi, \infty", "Symbol('alpha'), Symbol('lambda_i'), pi, oo"),
    (r"\lim_{x \to \infty} f(x), \lim_{h \rightarrow 0} \frac{f(x+h) - f(x)}{h}",
     "Limit (two-sided at a finite point), taken by SymPy; its variable is bound (h := 0.1 elsewhere leaves it)"),
    (r"\exp{a}(b - c), \log{a} b, g(z)', \ln(x)'", "exp(a)·(b − c), log(a)·b: the braces hold the argument; "
     "g'(z), d ln(x)/dx (a prime after the arguments)"),
    (r"g'(z) = \frac{d}{dz} \frac{1}{1+e^{-z}}, h'(x) = \left(\frac{1}{1+e^{-x}}\right)'",
     "names g (h): g(z) := 1/(1 + e^{-z}), a function the document does not define, differentiated as that expression"),
    (r"$$y = E$$ $$=> \frac{d}{dx} E$$ $$=> E'$$ $$=> E''$$", "⇒ rows of one expression each: the first differentiates "
     "the expression before, the next ones are read as = (a note each); any other first row is not read"),
    (r"\mathbf{y_i}, \boldsymbol{W^{(l)}}, \mathbb{\theta}_i, \mathbb{\hat{y_i}}", "y_i, W^{(l)}, theta_i, yhat_i "
     r"(\mathbb on a Greek letter or an accent, with a note; \mathbb{E}, \mathbb{R} refused)"),
    (r"\sum_K (no operand, after define \sum_K = \sum_{j=1}^K e^{\theta_j})", "a name, Sigma_K (with a note); "
     r"\sum_K - x does not sum x, which does not hold K"),
    (r"令loss = …, a = b,\ c = d", "words in Chinese, Japanese or Korean script are text; a spaced comma separates "
     "two statements"),
    (r"i = 1, \dots, K; \; l = L-1, \ldots, 1; \; z = [z_1, \dots, z_K]^T; \; D = \{(x_1, y_1), \ldots, (x_N, y_N)\}",
     "declarations (a note each, not a step): an index's values, a vector by its entries, a data set"),
    (r"MSE, Loss_i, \text{Loss}", "one name each (3+ capitals, or a capital and 3+ letters); AB is A*B"),
    (r"Log-Odds, Cross-Entropy", "one name each (LogOdds), noted: two capitalised words joined by a hyphen; A-B, x-y subtract"),
    (r"net_{h1}, out_o, E_{total}, w_1^{+}",
     "one name each: 3+ small letters before a subscript (ax_i is a*x_i; sum_i, delta_j are not names); "
     "a word subscript (total) holds no index; w_1^{+} is a name with a mark"),
    (r"z1 = w1 * x1, E_y2, w_12", "z_1 = w_1 x_1, E_{y2}, w_{12}: digits typed after a letter are its index (noted)"),
    (r"\mathbf{z}, \boldsymbol{x}, \hat{y}, \bar{x}", "z, x, Symbol('yhat'), Symbol('xbar')"),
    (r"\left( \right), \left[ \right], \{ \}, \bigl( \bigr)", "grouping"),
    (r"|x|, \left| x \right|, \lfloor x \rfloor, \lceil x \rceil", "Abs, floor, ceiling"),
    (r"(z > 0), [z > 0], \mathbb{1}[z > 0], \mathbb{1}_{z>0}, 1_{z \geq 0}, [a < b]",
     "indicators: Heaviside(z, 0) (0 at z = 0), Heaviside(z, 1) for ≥; not after a name or \\quad"),
    (r"= \approx \neq < \le \leq > \ge \geq", "relations of a chain"),
    (r"1. $i \neq j$ (alone, before a display)", "an index condition for the next display, as $i = j$ is"),
    (r"\prod_{\ell=1}^{L}, \sum_{\ell=1}^{L}", "a product or sum over the index ℓ (its names' subscripts \\ell)"),
    (r":= \coloneqq \triangleq \equiv \stackrel{def}{=}", "definition ('def')"),
    (r"w \leftarrow w - \eta g, w \gets …", "an update (assignment, 'update'): not an identity"),
    (r"\Rightarrow \implies \therefore \Longrightarrow", "leading 'implies'"),
    (r"a &= b \\ &= c", "one chain over aligned lines"),
    (r"\begin{array}{ll} a &= b \\ &= c \end{array}", "an array that only aligns relations: the same"),
    (r"\left[ \begin{array}{cc} 1 & 2 \\ 3 & 4 \end{array} \right], \left( \begin{array}{c} … \end{array} \right)",
     "an array between brackets: the matrix it draws (a bmatrix, a pmatrix)"),
    (r"L &= a \\ &\qquad - b, a + \\ b", "one expression a - b, a + b over the line break"),
    (r"a = b \quad c = d, a = b \rightarrow c = d", "two statements (the second after 'implies')"),
    (r"\quad \text{...}, \langle \text{...} \rangle, \rightarrow (3), --- (1)", "trailing remark, dropped "
     "(\\langle around math, an inner product, is refused)"),
    (r"\text{Now, } x = 1, 1) ii) \quad x = 1", "leading annotation / item number, dropped"),
    (r"a &= b \\ \text{(chain rule)} &= c, \text{by definition} &= c",
     "a later row's remark in the left column, dropped with a note (\\text{Loss} &= … stays a name)"),
    (r"\tag{1} \label{eq} \nonumber \displaystyle \, \; \! & \left. \right.", "ignored"),
    (r"\cancel{x} \boxed{x} \color{red}{x} \textcolor{red}{x} \underbrace{x}_{..} \rm \Huge \hspace{1em}",
     "read through: x (a - \\underbrace{b - c}: grouped or only drawn? refused)"),
    (r"x² ŷ − · × ≤ ∑ ∂ ’", r"Unicode: x^2, \hat{y}, -, \cdot, \times, \le, \sum, \partial, '"),
    (r"W^T x, x^TAx, W^\top, W^{\mathsf{T}}, W^{\intercal}, (w - w^*)^T, W^{(l)T}",
     "transpose; on something the document treats as a number: noted as ambiguous, not checked"),
    (r"\nabla_\mathbf{w} J(\mathbf{w}), \nabla f(\mathbf{x}), \nabla^2 f, \frac{\partial L}{\partial W}",
     "gradient (the shape of w) and Hessian of a quantity the document defines, on instances; "
     "a Jacobian (vector by vector) is not checked"),
    (r"\|v\|, \|v\|_2, \|v\|_1, \|A\|_F, \lVert v \rVert, ||v||, ‖v‖",
     "norms of vectors (and Frobenius of matrices) on instances; of names the document never shows "
     "to be vectors: not checked"),
    (r"\frac{\partial (y_1, y_2)}{\partial (x_1, x_2)}",
     "the Jacobian matrix [∂y_i/∂x_j] (a row for each y_i), with a note"),
    (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}_{2 \times 2}, pmatrix, matrix",
     "matrix literals (the size label is checked)"),
    (r"A \odot B, A^{-1}, \mathbf{W}, \boldsymbol{x}, \bold{x}",
     "Hadamard product, inverse, bold: matrix (upper case) or column vector"),
    (r"W \in \mathbb{R}^{m \times n}, x \in \mathbb{R}^n (in prose math)", "declared shapes"),
    (r"X \otimes W, X \star W, X \circledast W, [..] * [..]",
     "convolution: the document's convention, else both (cross-correlation, true convolution)"),
    (r"H u_i = \lambda_i u_i, u_i^T u_j = \delta_{ij}, w - w^* = \sum_i \alpha_i u_i",
     "hypotheses: instances satisfy them (symmetric H, orthonormal eigenvectors)"),
    (r"\text{Output size} = \lfloor \frac{n-f+2p}{s} \rfloor + 1, f = 3", "floor with given numbers: integers 1…12"),
    (r"x⁻¹ e⁻ᶻ wᵢⱼ ∑ᵢ √(x+1) θ̂ x̄ wᵀx", r"Unicode scripts, roots, combining accents: x^{-1}, e^{-z}, w_{ij}, \sum_i, \sqrt{x+1}, w^T x"),
    (r"Σ(w_k x_k), (1/m) Σ L(y_i, h_i), wᵀΣw",
     r"Unicode Σ: \sum before its operand in parentheses, its index or a term of its own (a note says so); else the letter"),
    (r"σ'(z) = σ(z) * (1 - σ(z)) between backticks (Markdown code)",
     "math typed as code, read with a note; code (np.exp, ==, x[0], return) is not; a row of names with "
     "arithmetic (output_dim = (W - F)/S + 1) or = with no left side is listed as unread"),
    (r"e^-x, e^(-x), 1e-3, 2.5E2", "read with a note: e^{-x}, e^{-x}, 0.001, 250 (e^-2x, a^(i) are refused)"),
    (r"dy/dx, d/dx (x^2), ∂L/∂w, {\partial \xi}/{\partial y}, \frac{\delta E}{\delta w}, (1+e^{-x})'",
     "derivatives, with a note (never d·y/(d·x)); (…)' only with one variable"),
    (r"dp_j/dz_i, dL/dx₁, ∂f/∂x₁, ∂/∂x₁(x₁² + x₂)", "derivatives with indices, and the operator ∂/∂x applied to a bracket"),
    ("a fenced code block that names no language and holds neither code nor LaTeX source",
     "its lines read as plain-text math, = … lines going on with the chain above, with a note; a matrix drawn "
     "with brackets, or math not read, is listed as unread; ⌊x⌋ and ⌈x⌉ are floor and ceiling"),
    (r"\sigma.(1-\sigma), s(\mathbf x)_i, s(\mathbf x + c)_i, \sum_{j!=i}",
     "read with a note: σ·(1−σ), the function s_i(x), s_i(x + c) (a vector inside), j ≠ i"),
    (r"X^TX + \lambda I, 2\lambda \mathbf{I} (I never defined, beside matrices)",
     "the identity matrix, with a note (not an image convolved or written with its entries, I_{ij})"),
    (r"(A\mathbf{x})_k, (I * K)_{ij}, x_k, A_{ij} beside \mathbf{x}, A",
     "entries of a written vector or matrix, and of the vector x and the matrix A: read on instances, a free "
     "index k at each of its values"),
    (r"a * -b, s = 1 ÷ (1 + e^(-x)), if y = …, then …", "plain-text math; if/then are words"),
    (r"\begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}",
     "Piecewise; a step with it is checked on each open piece (x < 0, x > 0), never at a boundary"),
    (r"f(x) = x, \quad x > 0, \text{for } z \le 0", "the line is checked with x in (0, ∞) (a note says so)"),
    (r"\map {f} {x}, \paren {a}, \ds, \d, \sech", "ProofWiki's macros: f(x), (a), spacing, d, sech"),
    (r"a_1 + a_2 + \dots + a_n, t_1 + \cdots + t_N, w_{1j} x_1 + \dots + w_{nj} x_n, a_1 + ... + a_n",
     "read with a note: \\sum_{k=1}^{n} a_k (the terms fix the index; three periods are the dots); other "
     "dots refused with the reason"),
    (r"a_1 b_1 + a_2 b_2 + \cdots (no last term)",
     "read with a note: \\sum_{k=1} a_k b_k, a sum whose end is not written (its range as for \\sum_k)"),
    (r"\left.\frac{d^2 f(x)}{dx^2}\right|_{x = a}, \left. E \right|_{x^\star}",
     "the value at the point: Subs(E, x, a); x^\\star, x_0 name their variable x (a note says so)"),
    (r"y_{k=i}, e^{z_{k=i}}, h^{'}(a), h^{''}(a), W_{k^{'}j}",
     "read with a note: y_i, e^{z_i}; h'(a), h''(a); the index k'"),
    (r"\mathcal{F}(x_l, W_l), L(y_1, y_2), 300,000, \frac{d\tanh}{dZ}, {dy \over dx}, {\delta E \over \delta w}",
     "read with a note: F applied to two arguments, 300000, d tanh(Z)/dZ; derivatives"),
    (r"\displaylines{a = b \\ c = d}, \eqalign{a &= b \cr &= c}, k \not= i", "lines of an aligned block; ≠"),
    (r"\mathbb{E}[X], \lg x, \frac{\delta^2 E}{\delta w^2}, y_{k \neq i}, 1\{k = i\}, u' (no argument)",
     "refused as ambiguous (expectation, ...)"),
    (r"\begin{bmatrix*}[r] … \end{bmatrix*}, pmatrix*, \newcommand{\arraystretch}{2}, y\_true_i, \sum_{i=1}^{i=N}",
     "read with a note: a bmatrix, a pmatrix, row spacing skipped, the name ytrue_i, \\sum_{i=1}^{N}"),
    (r"\text{Let us find each term.} \\ (a row of prose), a \Rightarrow \\ \Rightarrow b",
     "the prose row is skipped with a note (never one that may be a condition); one implication"),
    (r"a^l, w^l a^{l-1}, \delta^L, z^l_j, \delta_j^{l+1}",
     "layer indices (Nielsen's notation), with a note; s^i, y^j, s^1, (e^z)^1: index or power? refused"),
    (r"loss, cost(w), error, numerator; theta, eta, sigma(z)",
     "read with a note: one name (a function when applied), never l·o·s·s or e·r·r·o·r; θ, η, σ(z)"),
    (r"\hat{y1}, \text{1e-1}, (h_1 \quad h_2) \begin{bmatrix}…\end{bmatrix}",
     "read with a note: ŷ_1, 0.1, the row vector [h_1 h_2]"),
    (r"\text{Loss}_{BC/IC}, \text{new } w_{k0}, \hat{y}(0), C_0(...), L(\theta; D), \partial \mathcal{L}/\partial \mathbf{W}^{(l)}",
     "read with a note: names Loss_{BC/IC} and 'new w_{k0}', ŷ at 0, C_0, L(θ, D), a derivative"),
    (r"1 - \sigma(z)) = \frac{e^{-z}}{1+e^{-z}}",
     "a side ending with a ')' nothing opens: read with a note when every place of the missing '(' reads "
     "the same; 2x + 1) = … refused"),
    (r"sum_{i=1}^m (no backslash), x_(l+1), \phi'_i(z), a = b => c = d, 4 & -4 \\\\ -4 & 3 (in a matrix)",
     "read with a note: \\sum_{i=1}^m, x_{l+1}, φ_i'(z), ⇒, one row break; \\sum_{i=1}{m} refused (^ lost?)"),
    (r"![](http://latex.codecogs.com/svg.latex?\\frac{…}{…}), $…$ lines in a plain code block, \quad (\because …)",
     "read with a note: the formula the image draws, the math between the dollars; a reason without its parentheses"),
    (r'<img src="https://latex.codecogs.com/gif.latex?\dpi{150}&space;a&space;=&space;b&plus;c">, \indent',
     "read with a note: the formula the HTML image draws (&space; and &plus; decoded, a link around it part of "
     "it); \\indent a space"),
    (r"$`a = b`$, \begin{alignat*}{2} … \end{alignat*}, \begin{flalign}, \begin{IEEEeqnarray}{rCl}, \frac{d \sigma(0)}{dx}",
     "read: GitHub's inline math, the rows of each environment (its column argument dropped); with a note: σ′(0), "
     "the derivative at 0"),
    (r"\frac{\partial x_{l+1}}{\partial x_l} = I + \frac{\partial F}{\partial x_l}, \text{CE}(y, \hat y)",
     "read with a note: I the identity matrix (1 on the instances) when the document does not define I; CE a function"),
    (r"\frac{\partial_{MSE}}{\partial w}, \delta{_2}, \frac{d}{d{x}}, \frac{dtanh}{dx}, e^[2x], [2,;1], \mathbf{a = b}",
     "read with a note: ∂MSE/∂w, δ_2, d/dx, d tanh/dx, e^{2x}, [2, 1], the relation a = b (dlog stays d·l·o·g)"),
    (r"a = b (7) at the end of a line, \Delta w_{jk} = -\eta \frac{\partial E}{\partial w_{jk}}, \nabla f(x, y)",
     "read with a note: (7) an equation number; Δw_jk one name (an increment); the column of f's partials by x, y"),
)
