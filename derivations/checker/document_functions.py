r"""The functions a document defines: their names before parsing, their definitions before checking.

Two passes over a document, both before any step is checked:

* :func:`document_functions` finds the names written as ``NAME(ARGS) =`` anywhere in the math
  (``f(x) =``, ``h_\theta(x) =``, ``\mathcal{L}(\hat y, y) =``), so that the parser reads
  ``NAME(…)`` as an application, not as a product;
* :func:`predefine` reads the definition of each function the document defines exactly once, so
  that it holds everywhere in the document, also above the line that defines it.  A definition is
  ``f(x) = …`` at the head of a chain, or ``f(x) = …`` as the last link of a chain that names
  one expression several times (``y = f(x) = \frac{1}{1+e^{-x}}``): there ``f(x)`` is the last
  name given to the expression, and the links before it are steps checked with that meaning.

>>> from derivations.checker.check import check_text
>>> report = check_text(r"$$y = sigmoid(x) = f(x) = \frac{1}{1+e^{-x}}$$")
>>> [(s.relation, s.status) for s in report.steps]
[(':=', 'definition'), ('=', 'proved'), (':=', 'definition')]
>>> report.steps[2].reason
'definition of f(x) (the last link of a chain names its expression)'
"""

from __future__ import annotations

import dataclasses
import re
from typing import Iterable

from sympy import Basic, Symbol
from sympy.core.function import AppliedUndef

from derivations.checker.matrix_notation import OPERATORS
from derivations.checker.matrix_shapes import family
from derivations.checker.vocabulary import _FUNCTION_WORDS
from derivations.core.functions import NamedFunction
from derivations.errors import InvalidInputError

__all__ = ["USUAL_FUNCTIONS", "applied_functions", "applied_arguments", "document_functions", "is_function_head", "predefine",
           "TAIL_REASON", "parse_define", "quantities_applied", "restated_formula"]

USUAL_FUNCTIONS = ("f", "g")  # f(x) and g(x) are applications wherever they are written
TAIL_REASON = "definition of {} (the last link of a chain names its expression)"

_FUNCTION_DEF = re.compile(
    r"(?<![\\A-Za-z])((?:\\(?:mathcal|mathrm|operatorname|mathscr)\{[A-Za-z]+\}|\\(?:ell|phi|varphi|psi|Phi|Psi|delta|gamma|eta|rho|tau|mu|xi|zeta|omega|kappa|theta|vartheta)"
    r"|[A-Za-z]+)(?:_\{(?:[^{}()]|\{[A-Za-z0-9]{1,12}\}){1,20}\}|_\\?[A-Za-z0-9]+)?)"
    r"\s*(?:\\left)?\(\s*(?=[^()]{1,80}\))(?!\d)(?:[^()=+\-*/{}]|\{[^{}()]*\})+\)\s*(?:\\right\))?(?:\s|\\[,;:! ]|~)*&?(?:\s|\\[,;:! ]|~)*"
    r"(?:=|:=|\\coloneqq|\\triangleq)")  # spacing before the sign: E(w) \;=\; …
_PRIMED_APPLICATION = re.compile(r"(?<![\\A-Za-z_^{])([A-Za-z])\s*(?:['’′]+|\^\s*\{\s*(?:\\prime\s*)+\}|\^\s*\\prime)\s*"
                                 r"(?:\\left\s*)?\((?=[^()=]{1,40}\))")
_FONT = re.compile(r"\\(?:mathcal|mathrm|operatorname|mathscr|text)\{([A-Za-z]+)\}")


def is_function_head(expr: Basic) -> bool:
    """True for f(x, y) with distinct symbol arguments, f a named or an undefined function.

    >>> from sympy import Function, symbols
    >>> x, y = symbols("x y")
    >>> is_function_head(Function("f")(x, y)), is_function_head(Function("f")(x, x)), is_function_head(x)
    (True, False, False)
    """
    return (isinstance(expr, (NamedFunction, AppliedUndef)) and bool(expr.args)
            and all(isinstance(a, Symbol) for a in expr.args) and len(set(expr.args)) == len(expr.args))


def applied_arguments(head: Basic, body: Basic) -> tuple[Basic, Basic, str] | None:
    """``L(y, h(x)) = -[y log h(x) + …]``: (L(y, h), the body with h for h(x), how it was read), when an
    argument of an undefined function is itself a function applied to symbols, written in the body so
    (never also bare); else None.  L is then a function of y and h, and ∂L/∂h has a meaning.

    >>> from sympy import Function, log, symbols
    >>> y, x, h = symbols("y x h")
    >>> L, H = Function("L"), Function("h")
    >>> applied_arguments(L(y, H(x)), -y * log(H(x)))
    (L(y, h), -y*log(h), 'L(y, h(x)) read as the function L(y, h), at h = h(x)')
    >>> applied_arguments(L(y, H(x)), -y * log(H(x)) + h) is None  # h bare too: which h?
    True
    """
    if not isinstance(head, AppliedUndef) or not head.args or is_function_head(head):
        return None
    args, named = [], {}
    for a in head.args:
        if isinstance(a, AppliedUndef) and a.args and all(isinstance(v, Symbol) for v in a.args) and body.has(a):
            named[a] = Symbol(str(a.func))
            args.append(named[a])
        elif isinstance(a, Symbol):
            args.append(a)
        else:
            return None
    plain = body.xreplace(named)
    if (len(set(args)) != len(args) or set(named.values()) & body.free_symbols
            or {f.func for f in plain.atoms(AppliedUndef)} & {a.func for a in named}):
        return None
    written = ", ".join(f"{v} = {k}" for k, v in named.items())
    return head.func(*args), plain, f"{head} read as the function {head.func(*args)}, at {written}"


def applied_functions(expr: Basic) -> set:
    """The functions applied anywhere in ``expr`` (named or undefined).

    >>> from sympy import Function, symbols
    >>> x = symbols("x")
    >>> sorted(map(str, applied_functions(Function("f")(x) + Function("g")(2 * x))))
    ['f', 'g']
    """
    return {f.func for f in expr.atoms(NamedFunction, AppliedUndef)}


def document_functions(text: str) -> set:
    r"""Names the document defines as functions (``f(x) =``, ``h_\theta(x) =``, ``\mathcal{L}(\hat y, y) =``).

    >>> sorted(document_functions(r"$h_\theta(x) = x$, $\mathcal{L}(\hat y, y) = y$, $Sig(x) = x$"))
    ['L', 'Sig', 'h_\\theta']
    >>> document_functions(r"$s(1-s) = s - s^2$, $g(2) = 4$, $h(-x) = 1 - h(x)$")  # products, values: no heads
    set()
    >>> sorted(document_functions(r"$h_\theta(x^{i-1}) = 1$, $a(z^{l+1}) = 2$"))  # signs inside an index
    ['a', 'h_\\theta']
    >>> sorted(document_functions(r"$h'(x) = h(x)(1 - h(x))$, $s^{\prime}(t)$"))  # a derivative written: a function
    ['h', 's']
    """
    names = set()
    shown = re.sub(r"<!--.*?-->", "", text, flags=re.S)  # comments are not shown
    names |= set(_PRIMED_APPLICATION.findall(shown))  # h'(x) = …: h is a function wherever it is written
    for name in _FUNCTION_DEF.findall(shown):
        name = _FONT.sub(lambda m: m.group(1), name)
        if name.lstrip("\\").split("_")[0] not in _FUNCTION_WORDS:
            names.add(name)
    return names


def _tail(chain, known) -> tuple[Basic, Basic] | None:
    """``(f(x), body)`` when the chain's last link names its expression ``y = … = f(x) = body``."""
    items = chain.items
    if chain.leading or len(items) < 3 or any(op not in ("=", "def") for op in chain.ops):
        return None
    head, body = items[-2], items[-1]
    if not is_function_head(head) or head.func in known or isinstance(body, Symbol):
        return None
    if any(head.func in applied_functions(e) for k, e in enumerate(items) if k != len(items) - 2):
        return None  # f written elsewhere in the chain: not a name for one expression
    return head, body


def predefine(chains: Iterable, known, define) -> tuple[set, set, set]:
    """Define every function the document defines once; returns (the functions, the ids of the
    chains whose last link is a definition, the ids of those whose last link names a function the
    document defines more than once: each defines it from there on).

    ``chains`` are all the document's chains in order, ``known`` the functions defined already (the
    standard ones), ``define(head, body)`` the document's function definition.

    >>> from derivations.checker.parser import parse_chains
    >>> chains = [c for t in (r"y = f(x) = x^2 + 1", r"g(t) = 2t") for c in parse_chains(t, functions={"f", "g"})]
    >>> defined, tails, again = predefine(chains, set(), lambda head, body: print(head, ":=", body))
    f(x) := x**2 + 1
    g(t) := 2*t
    >>> sorted(map(str, defined)), tails == {id(chains[0])}, again
    (['f', 'g'], True, set())
    """
    found, known = {}, set(known) | OPERATORS  # X \otimes W = …: a step, ⊗ is not named here
    for chain in chains:
        head = chain.items[0]
        if (len(chain.items) >= 2 and chain.ops[0] in ("=", "def") and is_function_head(head)
                and head.func not in known and head.func not in applied_functions(chain.items[1])):
            found.setdefault(head.func, []).append((head, chain.items[1], None))
        elif tail := _tail(chain, known):
            found.setdefault(tail[0].func, []).append((*tail, id(chain)))
    defined, tails, again = set(), set(), set()
    for func, definitions in found.items():
        if len(definitions) == 1:
            head, body, chain = definitions[0]
            define(head, body)
            defined.add(func)
            tails |= {chain} - {None}
        else:
            again |= {chain for _head, _body, chain in definitions} - {None}
    return defined, tails, again


def quantities_applied(blocks: list) -> list:
    r"""``blocks`` (pairs of a block and its chains, or the error it raised) with ``L(w)`` read as ``L``
    where the document defines the symbol ``L = …`` as an expression in w (through its other
    definitions): the quantity written with its argument
    (``\mathcal{L}_{\text{NLL}}(\mathbf{w})`` after ``\mathcal{L}_{\text{NLL}} = -\sum_i \log \hat p_i``),
    not a new function of its own.  Each chain so read carries a note.

    >>> from derivations.checker.parser import parse_chains
    >>> texts = (r"p_i = w x_i", r"L = \sum_{i=1}^n p_i", r"L(w) = 2 w")
    >>> [last] = quantities_applied([(t, parse_chains(t, functions={"L"})) for t in texts])[2][1]
    >>> last.items[0], last.notes[-1][1]
    (L, 'L(w) is read as L, which the document defines as an expression in w')
    """
    bodies, families = {}, {}  # the definitions met so far: by name, and by family (p_# for p_i)

    def depends(body, seen: frozenset) -> set:
        out = set()
        for sym in body.free_symbols:
            out.add(sym)
            key = family(sym)
            if key in families and key not in seen:
                out |= depends(families[key], seen | {key})
        return out

    def read(chain):
        found = {f: Symbol(f.func.__name__) for e in chain.items for f in e.atoms(AppliedUndef)
                 if f.func.__name__ in bodies and all(isinstance(a, Symbol) for a in f.args)
                 and set(f.args) <= depends(bodies[f.func.__name__], frozenset({f.func.__name__}))}
        if found:
            notes = tuple((chain.spans[0][0], f"{f} is read as {s}, which the document defines as an expression "
                                              f"in {', '.join(map(str, f.args))}") for f, s in found.items())
            chain = dataclasses.replace(chain, items=tuple(e.xreplace(found) for e in chain.items),
                                        notes=chain.notes + notes)
        head = chain.items[0]
        if (len(chain.items) >= 2 and chain.ops[0] in ("=", "def") and isinstance(head, Symbol)
                and head.name not in bodies and not any(str(f.func) == head.name  # x = x(t): a dependency
                                                        for f in chain.items[1].atoms(AppliedUndef))):
            bodies[head.name] = families[family(head)] = chain.items[1]
        return chain

    return [(block, [read(c) for c in parsed] if isinstance(parsed, list) else parsed) for block, parsed in blocks]


def parse_define(text: str) -> tuple[str, str]:
    """Split ``'NAME(ARGS)=LATEX'`` (a ``--define``) into the function name and the whole definition.

    >>> parse_define(r"\\sigma(z)=\\frac{1}{1+e^{z}}")
    ('\\\\sigma', '\\\\sigma(z)=\\\\frac{1}{1+e^{z}}')
    """
    m = re.match(r"^\s*(\\?[A-Za-z][A-Za-z]*(?:\^\{-1\})?)\s*\(([^()]*)\)\s*=(.+)$", text, re.DOTALL)
    if not m or not m.group(3).strip():
        raise InvalidInputError(f"cannot read the definition {text!r}; write NAME(ARGS)=LATEX, "
                                r"e.g. '\sigma(z)=\frac{1}{1+e^{-z}}' or 'f(x,y)=x^2+y'")
    return m.group(1), text


def restated_formula(head: Basic, body: Basic, functions) -> str:
    r"""Why ``f(P) = body`` is neither a definition nor a claim, else "": f is defined already (in
    ``functions``), and the body is f's formula in f's own variables, none of them P
    (``f(\mathbf{x_1}) = x^2+2y^2 = 1^2 + 2 \times 0.0^2``, after ``f(x, y) = x^2 + 2y^2``): the value of f at
    a point, written as its formula before the point's coordinates are put in.

    >>> from sympy import Function, Lambda, Symbol
    >>> from types import SimpleNamespace
    >>> f, x, y, P = Function("f"), Symbol("x"), Symbol("y"), Symbol("P")
    >>> functions = {f: SimpleNamespace(body=Lambda((x, y), x**2 + 2*y**2))}
    >>> restated_formula(f(P), x**2 + 2*y**2, functions)[:40]
    "f's formula in its variables x, y, writt"
    >>> restated_formula(f(P), P**2, functions)  # a body in P: a definition (or a claim), as before
    ''
    """
    if (not isinstance(head, AppliedUndef) or head.func not in functions or not body.free_symbols
            or not all(isinstance(a, Symbol) for a in head.args)):  # f(g(x)) = (…)^7: a claim, checked
        return ""
    params = set(functions[head.func].body.variables)
    if set(head.args) & params or not body.free_symbols <= params or set(head.args) & body.free_symbols:
        return ""
    names = ", ".join(sorted(map(str, functions[head.func].body.variables)))
    return (f"{head.func}'s formula in its variables {names}, written for {head} (the value at a point, whose "
            "coordinates the next link puts in): not a step to check")
