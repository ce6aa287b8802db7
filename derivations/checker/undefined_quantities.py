r"""Why a refuted step may still be right: it goes through a quantity the document uses but never defines.

Real notes lean on quantities they leave to the reader: ŷ differentiated (``\frac{\partial \hat{y}}{\partial
z}``) but never written as σ(z), a "prediction formula" plugged in but never stated.  Random values for
such a quantity refute steps that only hold for what it stands for, so a step refuted only through one
is not checked, and the reason says which quantity to define (:func:`undefined_dependents`,
:func:`substituted_unknown`).

>>> from derivations.checker.check import check_text
>>> text = ("$$L = \\frac{1}{n}\\sum_{i=1}^n (\\hat{y}_i - y_i)^2$$\n\n"
...         "$$L = \\frac{1}{n}\\sum_{i=1}^n (wx_i + b - y_i)^2$$\n\n"
...         "$$e_i = \\hat{y}_i - y_i = wx_i + b - y_i$$")
>>> step = check_text(text).steps[-1]
>>> step.status, step.reason[:60]
('not checked', 'false if yhat_i is an independent unknown, but the document ')
"""

from __future__ import annotations

import dataclasses

from typing import Iterable

import sympy
from sympy import Basic, Derivative, Symbol

from derivations.checker.build import is_symbolic_sum
from derivations.checker.document_functions import applied_functions
from derivations.checker.general_chains import family, stem
from derivations.checker.indexed import IndexedSum

__all__ = ["NUMBERED", "numbered_derivative", "substituted_unknown", "undefined_dependents", "through_undefined"]

NUMBERED = "the document gives "  # how the reason of numbered_derivative starts


def undefined_dependents(exprs: Iterable[Basic], ctx, members: bool = False, also: Iterable = ()) -> str:
    r"""Why a refuted step may still be right: it uses a quantity the document differentiates (∂ŷ/∂z)
    but never defines, so the step may rely on what it stands for (ŷ = σ(z)).  With ``members`` (a
    step on instances), a member of a family defined by a template (p_i, with p_j = …), or in a block
    that could not be read, is defined; so are the symbols ``also`` gives.

    >>> from types import SimpleNamespace
    >>> from sympy import Symbol, log
    >>> yhat, z, L = Symbol("yhat"), Symbol("z"), Symbol("L")
    >>> ctx = SimpleNamespace(defined_symbols=set, dependents={yhat: {z}}, functions={}, unread={},
    ...                       unfolded=lambda e: e.subs(L, -log(yhat)))
    >>> undefined_dependents([Derivative(L, z), yhat - 1], ctx)[:58]
    'the derivative with respect to z goes through yhat, which '
    """
    defined = ctx.defined_symbols() | set(also)  # also: what the matrix reading defines (σ = σ(wᵀx))
    own = {str(f) for f, d in ctx.functions.items() if d.description == "defined in the document"}
    defined |= {s for s in ctx.dependents if s.name in own}  # ∂f/∂x_k with f(x) defined (not a bare σ)
    families = {family(d) for d in defined} if members else set()
    defined |= {s for s in ctx.dependents if members and (f := family(s)) and (f in families or f[0] in ctx.unread)}
    exprs = list(exprs)
    for d in (d for e in exprs for d in ctx.unfolded(e).atoms(Derivative)):
        inside = {s.name for s in d.expr.free_symbols.union(*(ctx.functions[f].body.free_symbols for f in applied_functions(
            d.expr) if f in ctx.functions))}  # ∇_w J(w, b): through J's body, in p_i
        hidden = sorted({s for s in ctx.dependents if s.name in inside} - defined - set(d.variables), key=str)
        if hidden:  # ∂BCE/∂a with BCE in ŷ: how ŷ depends on a is not known, so the derivative is not 0
            wrt = ", ".join(str(v) for v in d.variables)
            return (f"the derivative with respect to {wrt} goes through {hidden[0]}, which the document "
                    f"differentiates (∂{hidden[0]}/∂…) but never defines, so how {hidden[0]} depends on "
                    f"{wrt} is unknown; define {hidden[0]} to check it")
    plain = [ctx.unfolded(e).replace(lambda x: isinstance(x, Derivative), lambda x: sympy.Dummy()) for e in exprs]
    symbols = set().union(*(ctx.unfolded(e).free_symbols for e in exprs))  # z of (σ(z))' too
    functions = any(not is_symbolic_sum(f) for e in plain for f in e.atoms(sympy.Function))  # Σ_k is not one
    for e in plain:
        for sym in sorted(e.free_symbols & set(ctx.dependents) - defined, key=str):
            related = {v for b in ctx.dependents[sym] for v in {b} | ctx.unfolded(b).free_symbols}
            if not functions and not symbols & related:
                continue  # algebra in ŷ alone (no σ, no z): true or false whatever ŷ stands for
            return (f"false if {sym} is an independent unknown, but the document differentiates {sym} "
                    f"(∂{sym}/∂…) without defining it, so the step may rely on what {sym} stands for; "
                    f"define {sym} to check it")
    return ""


def substituted_unknown(lhs: Basic, rhs: Basic, ctx) -> str:
    r""":func:`_substituted` with the document's quantities defined twice, their bodies in order, and what
    it defines or states an equation for (``ctx``, the checker's context); the module's example.

    >>> from derivations.checker.check import check_text
    >>> text = r"$$L = (\hat{y} - y)^2$$ $$L = (w x - y)^2$$ $$e = \hat{y} - y = w x - y$$"
    >>> check_text(text).steps[-1].status
    'not checked'
    """
    bodies: dict = {}
    for _line, head, body in sorted(ctx.later + ctx.equations, key=lambda t: t[0]):
        bodies.setdefault(head, []).append(body)
    return _substituted(lhs, rhs, ctx.defined_symbols() | set(ctx.stated), [b for b in bodies.values() if len(b) > 1])


def _substituted(lhs: Basic, rhs: Basic, known: set, twice: list) -> str:
    r"""Why a refuted link may still be right: a quantity the document never defines is gone from one side
    and other names stand in its place (``\hat{y}_i - y_i = wX_i + b - y_i``), just as between two
    definitions the document gives of one quantity (``\text{Loss} = \frac{1}{n}\sum (\hat{y}_i - y_i)^2``,
    then "plug in the prediction formula": ``\text{Loss} = \frac{1}{n}\sum (wX_i + b - y_i)^2``): the
    link says what the quantity stands for (ŷ_i = wX_i + b, left to the reader), so random values do not
    refute it.

    ``known`` are the names the document defines or states an equation for, ``twice`` the bodies of each
    quantity it defines more than once.

    >>> from sympy import symbols
    >>> yhat, y, w, x, b = symbols("yhat_i y_i w X_i b")
    >>> loss = [[(yhat - y) ** 2, (w * x + b - y) ** 2]]
    >>> _substituted(yhat - y, w * x + b - y, set(), loss)[:58]
    'false if yhat_i is an independent unknown, but the documen'
    >>> _substituted(yhat - y, yhat + y, set(), loss), _substituted(yhat - y, w * x + b - y, set(), [])
    ('', '')
    """
    left, right = lhs.free_symbols, rhs.free_symbols
    for gone, came in ((left - right, right - left), (right - left, left - right)):
        for q in sorted(gone - known, key=str):
            if came and any(q in a.free_symbols and q not in c.free_symbols and came <= c.free_symbols
                            and not came & a.free_symbols for bodies in twice for a in bodies for c in bodies):
                names = ", ".join(sorted(map(str, came)))
                return (f"false if {q} is an independent unknown, but the document never defines {q}, and its two "
                        f"definitions of one quantity differ by {names} in place of {q}, as this step's sides do: "
                        f"it may say what {q} stands for; define {q} to check it")
    return ""


def _without_variable(lhs: Basic, ctx) -> tuple[Basic, set] | None:
    """(Q's definition, the variables) of a step's left side ∂Q/∂v when Q is defined and its definition does
    not hold v (so the derivative is 0 as the document defines Q); else None."""
    if not isinstance(lhs, Derivative) or not isinstance(lhs.expr, sympy.Symbol):
        return None
    body = ctx.unfolded(lhs.expr)
    variables = set(lhs.variables)
    if body == lhs.expr or body.free_symbols & variables:
        return None
    return body, variables


def through_undefined(lhs: Basic, rhs: Basic, ctx) -> str:
    r"""Why a refuted ``∂Q/∂v = …`` may still be right: Q, as the document defines it, does not hold v (so
    the derivative is 0), but it holds quantities the document never defines (a), and the other side
    writes other undefined names in their place (σ(z)): Q may depend on v through them (a = σ(z),
    z = wx + b, left to the words).  A side that only holds names Q holds too is still refuted.

    >>> from derivations.checker.check import check_text
    >>> text = r"$$C = -[y \ln a + (1-y)\ln(1-a)]$$ $$\sigma(z) = \frac{1}{1+e^{-z}}$$ $$\frac{\partial C}{\partial b} = \sigma(z) - y$$"
    >>> check_text(text).steps[-1].reason[:62]
    'C does not hold b, but it holds a, which the document does not'
    >>> check_text(r"$$L = (y - wx)^2$$ $$\frac{\partial L}{\partial b} = 2(y - wx)$$").steps[-1].status
    'refuted'
    """
    held = _without_variable(lhs, ctx)
    if held is None:
        return ""
    body, variables = held
    sizes = {s for e in (body, rhs) for n in e.atoms(IndexedSum) for s in n.last.free_symbols}
    known = ctx.defined_symbols() | variables | sizes | {s for s in body.free_symbols | rhs.free_symbols
                                                         if s.name in ctx.sums.letters}
    near = {stem(s) for s in variables | rhs.free_symbols}  # p_k beside ∂/∂p_j: a member, not another quantity
    hidden = sorted((s for s in body.free_symbols - rhs.free_symbols - known if stem(s) not in near), key=str)
    came = {s for s in rhs.free_symbols - body.free_symbols - known if stem(s) not in {stem(b) for b in body.free_symbols}}
    if not hidden or not came:
        return ""
    names = ", ".join(map(str, hidden))
    return (f"{lhs.expr} does not hold {', '.join(sorted(map(str, variables)))}, but it holds {names}, which the "
            f"document does not define, and the other side writes {', '.join(sorted(map(str, came)))} in its place: "
            f"{lhs.expr} may depend on it through {names}; define {names} to check the step")


def through_named(lhs: Basic, ctx) -> str:
    r"""Why a refuted ``∂Q/∂v = …`` may still be right: Q, as the document defines it, does not hold v (so the
    derivative is 0), but it holds a quantity u the document does not define, which a link it could only
    read as naming (``-\log(q_y) = -\log(\frac{e^{z_y}}{\sum_j e^{z_j}})``, ``ctx.named``) writes as an
    expression in v: Q may depend on v through u.

    >>> from derivations.checker.check import check_text
    >>> text = (r"$$L = -\log(q_y) = -\log(\frac{e^{z_y}}{\sum_j e^{z_j}})$$"
    ...         "\n\n" r"$$\frac{\partial L}{\partial z_y} = q_y - 1$$")
    >>> check_text(text).steps[-1].reason[:60]
    'L does not hold z_y, but it holds q_y, which the document do'
    """
    held = _without_variable(lhs, ctx)
    if held is None:
        return ""
    body, variables = held
    stems = {stem(v) for v in variables}
    undefined = body.free_symbols - ctx.defined_symbols() - variables
    for line, one, other in ((n[0], a, b) for n in ctx.named for a, b in ((n[1], n[2]), (n[2], n[1]))):
        tied = sorted(undefined & one.free_symbols - other.free_symbols, key=str)
        if tied and {stem(s) for s in other.free_symbols} & stems:
            names = ", ".join(map(str, tied))
            return (f"{lhs.expr} does not hold {', '.join(sorted(map(str, variables)))}, but it holds {names}, which "
                    f"the document does not define, and a link on line {line} writes in its place an expression in "
                    f"{', '.join(sorted({str(s) for s in other.free_symbols if stem(s) in stems}))}: {lhs.expr} may "
                    f"depend on it through {names}; define {names} to check the step")
    return ""


def named_earlier(exprs: Iterable[Basic], ctx) -> str:
    r"""Why a refuted step may still be right: it uses names an earlier link brought in and could only be
    read as naming (``J = \frac12 \sum_i (y^{(i)} - θ^T x^{(i)})^2 = \frac12 (Xθ - y)^T(Xθ - y)``, X and y new
    there); nothing else ties them to the rest, so the step may rely on what they stand for.

    >>> from derivations.checker.check import check_text
    >>> text = (r"$$J = \frac{1}{2}\sum_{i=1}^m (y^{(i)} - \theta^T x^{(i)})^2 = \frac{1}{2}(X\theta - y)^T(X\theta - y)$$"
    ...         "\n\n" r"$$\frac{\partial J}{\partial \theta} = X^T X \theta - X^T y$$")
    >>> check_text(text).steps[-1].reason[:48]
    'it uses X, y, which the document brings in only '
    """
    used = set().union(*(e.free_symbols for e in exprs)) - ctx.defined_symbols()
    for line, *_sides, brought in ctx.named:
        names = ", ".join(sorted(map(str, used & brought)))
        if names:
            return (f"it uses {names}, which the document brings in only on line {line}, in a link that could only "
                    f"name them (not checked): the step may rely on what they stand for; define {names} to check it")
    return ""


def vacuous(step, sides: list, ctx):
    r"""``step``, or the same step not checked when it holds only because a derivative it reaches through the
    document's definitions (not one it writes) is 0 as written: it differentiates Q by v, and Q, as the
    document defines it, does not hold v but holds quantities the document never defines (L̂ in
    E = ½(L − L̂)²), which may depend on v.  Both sides of ``ΔW = ηδh`` with ΔW := −η ∂E/∂w
    and δ := −∂E/∂o are then 0, and "proved" would be vacuous.

    >>> from derivations.checker.check import check_text
    >>> text = r"$$E = (L - \hat L)^2$$ $$\delta = -\frac{\partial E}{\partial o}$$ $$\delta = 0$$"
    >>> step = check_text(text).steps[-1]
    >>> step.status, step.reason[:52]
    ('not checked', 'it holds only because ∂E/∂o is 0 as E is written: E ')
    """
    if step.status not in ("proved", "confirmed"):
        return step
    for expr in sides:
        written = {d.variables for d in expr.atoms(Derivative)}  # ∂z/∂y = 0, written so: the step's own claim
        for _ in range(4):
            expr = ctx.unfolded(expr)  # G := −η ∂E/∂w with E := …: down to E's definition
        for d in (d for d in expr.atoms(Derivative) if d.variables not in written and not isinstance(d.expr, Symbol)
                  and d.expr.free_symbols and not d.expr.free_symbols & set(d.variables)
                  and not set(d.variables) & ctx.defined_symbols()):  # ∂L/∂z with z defined: L written through z
            sizes = {s for n in d.expr.atoms(IndexedSum) for s in n.last.free_symbols}
            hidden = sorted(d.expr.free_symbols - ctx.defined_symbols() - sizes - {
                s for s in d.expr.free_symbols if s.name in ctx.sums.letters}, key=str)
            quantity = next((s for s, v in ctx.symbols if v == d.expr), d.expr)
            if hidden:
                names, by = ", ".join(map(str, hidden)), ", ".join(map(str, d.variables))
                return dataclasses.replace(step, status="not checked", verdict=None, hint="", reason=(
                    f"it holds only because ∂{quantity}/∂{by} is 0 as {quantity} is written: {quantity} does not hold "
                    f"{by}, but holds {names}, which the document does not define and which may depend on {by}; "
                    f"define {names} to check it"))
    return step


def numbered_derivative(exprs: Iterable[Basic], ctx) -> str:
    r"""Why a refuted step may still be right: it differentiates a quantity the document gives by numbers
    only (``L = -\ln(p_1)`` with ``p_1 = \frac{7.389}{11.107}``, a worked example's values put in), whose
    derivative is not the 0 of a number's but the formula's derivative taken at those values.

    >>> from derivations.checker.check import check_text
    >>> text = "$$p_1 = \\frac{7.389}{11.107}$$\n\n$$L = -\\ln(p_1)$$\n\n$$\\frac{\\partial L}{\\partial z_1} = 0.665 - 1$$"
    >>> check_text(text).steps[-1].reason[:46]
    'the document gives L by numbers only (a worked'
    """
    derivatives = [d for e in exprs for d in e.atoms(Derivative)]
    if all(any(f.derivative == d for f in ctx.facts.known) for d in derivatives):
        return ""  # each has a value the document states (∂z/∂w = x = 2): the step is checked with those
    for d in derivatives:
        if not d.expr.is_number and ctx.unfolded(d.expr).is_number:
            return (f"the document gives {d.expr} by numbers only (a worked example's values put in), so its "
                    f"derivative by {', '.join(str(v) for v in d.variables)} is not the 0 of a number: it is the "
                    f"derivative of a formula taken at those values; define {d.expr} by its formula to check it")
    return ""
