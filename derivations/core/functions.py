"""The named functions of neural-network theory as SymPy functions that stay unevaluated.

``sigma(z)`` is *not* an alias for ``1/(1+exp(-z))``: it is a symbol-like function that prints as
``\\sigma(z)`` and that the verifier replaces by its definition (see :mod:`derivations.core.definitions`)
before checking a step.  SymPy therefore never knows σ' = σ(1−σ) while it proves it.

>>> from sympy import Symbol
>>> z = Symbol("z", real=True)
>>> sigma(z)
sigma(z)
>>> from derivations.render.latex import math_latex
>>> print(math_latex(sigma(z)))
\\sigma\\left(z\\right)
"""

from __future__ import annotations

from sympy import Function

__all__ = ["sigma", "logit", "sigma_prime", "NamedFunction"]


class NamedFunction(Function):
    """An unevaluated one-argument function with a fixed LaTeX name (``\\sigma``, ``\\operatorname{logit}``).

    >>> from sympy import Symbol
    >>> from derivations.render.latex import math_latex
    >>> z = Symbol('z', real=True)
    >>> issubclass(sigma, NamedFunction), sigma.text_name
    (True, 'σ')
    >>> print(math_latex(sigma(z)**2))
    \\sigma\\left(z\\right)^{2}
    """

    nargs = 1
    latex_name = ""  # set by subclasses
    text_name = ""

    def _latex(self, printer, exp=None):
        body = rf"{self.latex_name}\left({printer._print(self.args[0])}\right)"
        return rf"{body}^{{{exp}}}" if exp else body


class sigma(NamedFunction):
    """The logistic sigmoid σ(z) = 1/(1+e^{-z}), kept unevaluated (no derivative rule known to SymPy).

    >>> from sympy import Symbol, diff
    >>> z = Symbol('z', real=True)
    >>> sigma(0), diff(sigma(z), z)
    (sigma(0), Derivative(sigma(z), z))
    """

    latex_name = r"\sigma"
    text_name = "σ"


class logit(NamedFunction):
    """The logit, ln(p/(1−p)) for 0 < p < 1, kept unevaluated.

    >>> from sympy import Symbol
    >>> from derivations.core.definitions import LOGIT, unfold
    >>> p = Symbol('p', positive=True)
    >>> logit(p), unfold(logit(p), [LOGIT])
    (logit(p), log(p/(1 - p)))
    """

    latex_name = r"\operatorname{logit}"
    text_name = "logit"


class sigma_prime(NamedFunction):
    """σ'(z) as a named function (used by the layer-wise theorems); defined as the derivative of σ's definition.

    >>> from sympy import Symbol
    >>> from derivations.core.definitions import SIGMOID_PRIME, unfold
    >>> z = Symbol('z', real=True)
    >>> unfold(sigma_prime(z), [SIGMOID_PRIME]).doit()
    exp(-z)/(1 + exp(-z))**2
    """

    latex_name = r"\sigma'"
    text_name = "σ'"
