r"""Function application for names the document does not define: ``F(x)``, ``y_k(x, w)``, ``z_2(z_1)``.

:func:`function_names` finds, in a document's text, the names it applies as functions (so that the
parser reads ``F(x)`` as an application, not F·x); :func:`applications` records, from the parsed
chains, the arguments each function is applied to, so that a bare ``F`` (in ``\frac{\partial
F}{\partial x}``) or a bare σ can stand for ``F(x)`` or σ(z) on the dependency graph.

>>> sorted(function_names(r"$z = F(x) + x$ and $\frac{\partial F}{\partial x}$"))
['F']
"""

from __future__ import annotations

import re
from typing import Iterable

import sympy
from sympy import Symbol
from sympy.core.function import AppliedUndef

__all__ = ["function_names", "applications"]


_NAME = (r"(?<![\\A-Za-z])((?:\\mathcal\{[A-Za-z]\}|\\(?:ell|phi|psi|varphi)|[A-Za-z])"
         r"(?:_\{[^{}()]{1,20}\}|_\\?[A-Za-z0-9]+)?)")
_ARG = (r"\s*(?:\\hat\s*\{?[A-Za-z]\}?|\\?[A-Za-z]+(?:_\{[^{}()]{1,20}\}|_\\?[A-Za-z0-9]+)?"
        r"(?:\^\{?\*\}?|\^\{\([A-Za-z0-9+-]{1,6}\)\})?)\s*")  # x^*, x^{(i)}: one example's x
_APPLIED = re.compile(_NAME + r"\s*(?:\\left)?\((" + _ARG + r"(?:," + _ARG + r")*)(?:\\right)?\)")
_CALLED = re.compile(_NAME + r"\s*(?:\\left)?\(")


def function_names(text: str, taken: Iterable[str] = ()) -> set:
    r"""Names the document applies as functions without defining them: ``F(x)``, ``y_k(x, w)``, ``z_2(z_1)``.

    A name applied to a list of names is a function when there are several arguments, when the name
    is a capital, has a subscript or is calligraphic, or when it is also differentiated or primed;
    a name also written before a parenthesis holding an operator (``y(1 - y)``) stays a product.

    >>> sorted(function_names(r"$z = F(x) + x$, $y_k(x, w)$, $z_2(z_1)$, $y(1 - y)$, $a(b)$"))
    ['F', 'y_k', 'z_2']
    >>> sorted(function_names(r"$\log h\_\theta(x^{(i)})$"))  # Markdown's \_, one example's x^{(i)}
    ['h_\\theta']
    """
    applied: dict = {}
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S).replace("\\_", "_")  # no math in a comment; \_ is _
    for m in _APPLIED.finditer(text):
        applied.setdefault(m.group(1), []).append(m.group(2))
    out = set()
    for name, args in applied.items():
        base = re.sub(r"\\mathcal\{([A-Za-z])\}", r"\1", name)
        if base.split("_")[0].lstrip("\\") in ("e", "d") or name in taken:
            continue
        calls = sum(1 for m in _CALLED.finditer(text) if m.group(1) == name)
        if calls > len(args):  # also before a parenthesis that is not a list of names: a product
            continue
        if any(a.strip() == name for a in args):
            continue
        several = any("," in a for a in args)
        marked = base[0].isupper() or "_" in base or name.startswith("\\")
        used = re.search(re.escape(name) + r"\s*'|(?:\\partial|\bd)\s*" + re.escape(name) + r"(?![A-Za-z_])", text)
        if several or marked or used:
            out.add(base)
    return out


def applications(chains: Iterable) -> dict:
    r"""The argument tuple each undefined or standard function is applied to (None if several).

    ``F`` written alone then means ``F(x)`` when the document writes ``F(x)`` and no other
    application of F (``\frac{\partial F}{\partial x}``); so does a bare σ for the sigmoid.

    >>> from derivations.checker.parser import parse_chains
    >>> chains = parse_chains(r"z = F(x) + x \\ G(a, b) = G(a, c) \\ H(K(x))", functions={"F", "G", "H", "K"})
    >>> sorted(applications(chains).items())
    [('F', (x,)), ('G', None), ('H', None), ('K', (x,))]
    """
    found: dict = {}
    for chain in chains:
        for item in chain.items:
            for app in item.atoms(AppliedUndef, sympy.Function):  # undefined and standard (σ)
                if not app.args or str(app.func).startswith(("\\sum", "\\prod")):
                    continue
                name = str(app.func)
                if not all(type(a) is Symbol for a in app.args):
                    if all(type(a) is Symbol or isinstance(a, AppliedUndef) for a in app.args):
                        found[name] = None  # f(g(x)): applied, but a bare f stands for nothing single
                    continue
                if name in found and found[name] != app.args:
                    found[name] = None
                else:
                    found.setdefault(name, app.args)
    return found
