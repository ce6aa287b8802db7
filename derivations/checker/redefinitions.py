r"""A name the document defines again: a claim when it agrees with what the name means, else a new definition.

``\sigma(a) = \frac{\tanh(a/2) + 1}{2}`` agrees with the sigmoid: a claim to check.  ``\sigma(z) =
\frac{1}{1+e^{z}}`` does not: the document's own σ from here on, with a warning that says where the two
differ.  ``check(lhs, rhs)`` is the checker's (the document's domains, functions and symbols).

>>> from derivations.checker.check import check_text
>>> [s.status for s in check_text(r"$$\sigma(a) = \frac{\tanh(a/2) + 1}{2}$$").steps]
['proved']
>>> report = check_text(r"$$\sigma(z) = \frac{1}{1+e^{z}}$$")
>>> report.steps[0].status, report.notes[0].message[:52]
('definition', 'the document defines σ(z) differently from the stand')
"""

from __future__ import annotations

from typing import Callable

from sympy import Add, Basic, Derivative, Function, Symbol, expand

from derivations.checker.document_functions import TAIL_REASON
from derivations.checker.report import Note, StepResult
from derivations.render.text import expr_text
from derivations.verify.recipe import Verdict

__all__ = ["redefinition", "symbol_redefinition", "put_in", "restates", "meant_otherwise", "tail_again"]

Check = Callable[[Basic, Basic], Verdict]


def redefinition(head: Basic, body: Basic, functions: dict, check: Check) -> tuple[Verdict | None, str]:
    r"""For ``f(x) = body`` with f already defined (in ``functions``): the verdict of the claim, and a
    warning if it differs.

    >>> from sympy import Function
    >>> x = Symbol("x")
    >>> redefinition(Function("g")(x), x, {}, None)
    (None, '')
    """
    if head.func not in functions:
        return None, ""
    v = check(head, body)
    if v.ok:
        return v, ""
    which = ("the standard " + functions[head.func].description
             if functions[head.func].label.startswith("def:") else "its earlier definition")
    where = ""
    ce = v.numeric.counterexample
    if v.status == "refuted" and ce is not None:
        where = f" (at {', '.join(f'{k} = {val}' for k, val in ce.point)}: {ce.rhs} instead of {ce.lhs})"
    return None, (f"the document defines {expr_text(head)} differently from {which}{where}; "
                  "its own definition is used from here on")


def symbol_redefinition(head: Symbol, body: Basic, defined: set, check: Check) -> tuple[Verdict | None, str]:
    r"""For ``z = body`` with z already defined (in ``defined``): the verdict if it agrees, else a warning.

    >>> symbol_redefinition(Symbol("z"), Symbol("x"), set(), None)
    (None, '')
    """
    if head not in defined:
        return None, ""
    v = check(head, body)
    return (v, "") if v.ok else (None, f"the document defines {expr_text(head)} a second time, differently "
                                       "from its earlier definition; the new one is used from here on")


def put_in(head: Symbol, body: Basic, raw: list, defined: set) -> str:
    r"""Why ``head = body`` is not a new definition of ``head`` but its first one with an expression put in for
    a name the document leaves undefined (``J = (y - \hat{y})^2``, then ``J = (y - (wx + b))^2``), or "".  Read
    as a new J, it would lose ŷ, and ∂J/∂ŷ would be 0.  It is not read as defining ŷ either: a later step could
    then hold only because a derivative through ŷ is 0.

    >>> from sympy import symbols
    >>> J, y, yhat, w, x, b = symbols("J y yhat w x b")
    >>> put_in(J, (y - (w*x + b))**2, [(J, (y - yhat)**2)], {J})[:60]
    'it may say that yhat = b + w*x (J was defined with yhat, whi'
    >>> put_in(J, (y - 2)**2, [(J, (y - yhat)**2)], {J}), put_in(J, (x - w)**3, [(J, (y - yhat)**2)], {J})
    ('', '')
    """
    old = dict(raw).get(head)
    if old is None:
        return ""
    gone = sorted((s for s in old.free_symbols - body.free_symbols if s not in defined), key=str)
    brought = sorted((s for s in body.free_symbols - old.free_symbols if s not in defined), key=str)
    if len(gone) != 1 or not brought:
        return ""
    found = _put_in_place(old, body, gone[0])  # the first form, with an expression in ŷ's place
    if found is None or not found.free_symbols & set(brought):
        return ""
    return (f"it may say that {gone[0]} = {expr_text(found)} ({head} was defined with {gone[0]}, which the document "
            f"does not define, and this writes {expr_text(found)} in its place): not checked, and {head} keeps its "
            "first definition")


def _put_in_place(old: Basic, new: Basic, name: Symbol) -> Basic | None:
    """The expression ``new`` has where ``old`` has ``name``, found by walking both alike down to the sum that
    holds ``name`` as a term (c·name + rest there, c·e + rest here: e); None if they differ elsewhere.

    >>> from sympy import symbols
    >>> y, u, w, x, b = symbols("y u w x b")
    >>> _put_in_place((y - u)**2, (y - (w*x + b))**2, u)
    b + w*x
    """
    if old == name:
        return new
    if isinstance(old, Add) and old.coeff(name) != 0 and not (old - old.coeff(name) * name).has(name):
        c = old.coeff(name)
        found = (new - (old - c * name)) / c
        return found if expand(old.xreplace({name: found}) - new) == 0 else None
    if old.func != new.func or len(old.args) != len(new.args) or not old.args:
        return None
    found = None
    for a, b in zip(old.args, new.args):
        if a == b:
            continue
        inner = _put_in_place(a, b, name) if a.has(name) else None
        if inner is None or (found is not None and inner != found):
            return None
        found = inner
    return found


def restates(link: list, line: int) -> list[tuple]:
    r"""``[(line, σ, x, body)]`` when a chain's first link, not checked or refuted, writes the derivative of a
    function σ(x) as the derivative of an expression in x (``\frac{d\sigma(x)}{dx} = \frac{d}{dx}
    \frac{1}{1+e^{-ax}}``): the document may mean σ(x) to be that expression; else [].

    >>> from sympy import exp
    >>> x, a = Symbol("x"), Symbol("a")
    >>> sigma = Function("sigma")
    >>> restates([Derivative(sigma(x), x), Derivative(1 / (1 + exp(-a * x)), x)], 15)
    [(15, sigma, x, 1/(1 + exp(-a*x)))]
    """
    lhs, rhs = link
    if not (isinstance(lhs, Derivative) and isinstance(rhs, Derivative) and len(lhs.variable_count) == 1
            and lhs.variable_count == rhs.variable_count and isinstance(lhs.expr, Function)
            and lhs.expr.args == lhs.variables and not rhs.expr.has(lhs.expr.func)):
        return []
    return [(line, lhs.expr.func, lhs.variables[0], rhs.expr)]


def meant_otherwise(sides: tuple, restated: list, check: Check) -> str:
    r"""Why a refuted step may still be right: it holds with the function an earlier link may define
    (``restated``, from :func:`restates`), and which of the two the document means is not said; or "".

    >>> from sympy import exp
    >>> x, a = Symbol("x"), Symbol("a")
    >>> sigma = Function("sigma")
    >>> holds = lambda l, r: type("V", (), {"ok": (l - r).simplify() == 0})()
    >>> meant_otherwise((sigma(x), 1 / (1 + exp(-a * x))), [(15, sigma, x, 1 / (1 + exp(-a * x)))], holds)[:40]
    'it holds if the document means sigma(x) '
    """
    for line, func, var, body in restated:
        rule = {f: body.xreplace({var: f.args[0]}) for e in sides for f in e.atoms(Function)
                if f.func == func and len(f.args) == 1}
        if rule and check(*(e.xreplace(rule) for e in sides)).ok:
            return (f"it holds if the document means {expr_text(func(var))} to be {expr_text(body)}, as the link on line {line} "
                    f"may say (its derivative is written as the derivative of that), but not with what {func} means "
                    "otherwise: which one is meant is not said")
    return ""


def tail_again(items: list, sources: list, line: int, ctx, notes: list, column: int) -> StepResult:
    r"""``y = f(x) = body`` (``items`` the last two), f defined more than once: a claim if f means body, else
    f's definition from here on (``ctx.define_function``), with a warning in ``notes``.

    >>> from derivations.checker.check import check_text
    >>> text = r"$$f(x) = x^2$$ $$y = f(x) = 2x$$"
    >>> [s.status for s in check_text(text).steps][-1]
    'definition'
    """
    head, body = items
    claim, warning = redefinition(head, body, ctx.functions, ctx.check)
    if claim is not None:
        return StepResult(line, sources[0], sources[1], "=", claim.status, claim)
    ctx.define_function(head, body, f"line {line}")
    notes.extend([Note("warning", line, column, warning)] if warning else [])
    return StepResult(line, sources[0], sources[1], ":=", "definition", reason=TAIL_REASON.format(sources[0].strip()))
