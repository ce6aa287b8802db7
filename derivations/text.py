"""Plain-text rendering of expressions and derivations for terminals (``derivations show``).

>>> from sympy import Symbol, Derivative, exp
>>> from derivations.functions import sigma
>>> z = Symbol('z')
>>> expr_text(Derivative(sigma(z), z))
'd/dz σ(z)'
>>> expr_text(1 / (1 + exp(-z)))
'1/(1 + e^(-z))'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sympy import Basic
from sympy.printing.str import StrPrinter

from .functions import NamedFunction

if TYPE_CHECKING:  # pragma: no cover
    from .model import Derivation

__all__ = ["expr_text", "parts_text", "show"]


class _TextPrinter(StrPrinter):
    """SymPy's str printer with σ, e^x, d/dz and ln for readability."""

    def _print_Function(self, e):
        if isinstance(e, NamedFunction):
            return f"{e.text_name}({self._print(e.args[0])})"
        return super()._print_Function(e)

    def _print_Symbol(self, e):
        if "{" in e.name or "\\" in e.name:  # named in LaTeX (w_{jk}^{(l)}): as unicode text
            from .figures import math_to_unicode
            return math_to_unicode(e.name).replace("^((", "^(").replace("))", ")")
        return super()._print_Symbol(e)

    def _print_Mul(self, e):
        if e.args[0] == 1 and len(e.args) == 2 and e.args[1].is_Mul:  # Sum under evaluate(False): 1*(term)
            return self._print(e.args[1])
        return super()._print_Mul(e)

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


def expr_text(expr: Basic) -> str:
    """An expression as one line of readable text.

    >>> from sympy import Symbol, log
    >>> from derivations.functions import sigma
    >>> z = Symbol('z')
    >>> expr_text(sigma(z) * (1 - sigma(z)))
    '(1 - σ(z))*σ(z)'
    >>> expr_text(log(z**2))
    'ln(z^2)'
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


def show(d: "Derivation") -> str:
    """A derivation as text: statement, symbols, definitions and the numbered steps.

    >>> import derivations
    >>> print(show(derivations.get('sigmoid-symmetry')))  # doctest: +ELLIPSIS
    sigmoid-symmetry: The symmetry of the logistic sigmoid
    ...
    Steps:
      σ(-z)
        = 1/(1 + e^z)
            (unfold) definition of σ at −z [def:sigma]
    ...
        = 1 - σ(z)
            (fold) definition of σ, read backwards [def:sigma]
    """
    out = [f"{d.id}: {d.title}", ""]
    if d.summary:
        out += [parts_text(d.summary), ""]
    out.append("Statement:")
    out += [f"  {expr_text(e.lhs)} = {expr_text(e.rhs)}" for e in d.statement]
    if d.conditions:
        out.append("Conditions: " + parts_text(d.conditions))
    out.append("Symbols: " + ", ".join(f"{s.symbol} {s.domain.describe()}" for s in d.symbols))
    if d.definitions:
        out.append("Definitions:")
        for df in d.definitions:
            lhs, rhs = df.equation()
            out.append(f"  [{df.label}] {expr_text(lhs)} := {expr_text(rhs)}")
    out += ["", "Steps:"]
    for step in d.steps:
        name = step.name
        if step.kind == "transform":
            out.append(f"  {expr_text(step.lhs)}")
            out.append(f"    = {expr_text(step.rhs)}")
        else:
            if step.starts_chain or step.kind in ("instance", "numeric"):
                out.append(f"  {expr_text(step.lhs)}")
            out.append(f"    = {expr_text(step.rhs)}")
        refs = f" [{', '.join(step.refs)}]" if step.refs else ""
        out.append(f"        ({name}) {step.justification}{refs}")
    return "\n".join(out)
