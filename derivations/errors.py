"""The library's exceptions: one base, and "unsupported" kept apart from "wrong input"."""

from __future__ import annotations

__all__ = ["DerivationsError", "UnknownDerivationError", "InvalidInputError", "UnsupportedError"]


class DerivationsError(Exception):
    """Base class of every error the library raises on purpose.

    >>> from derivations.core.domains import interval
    >>> try:
    ...     interval(1, 0)
    ... except DerivationsError as err:
    ...     print(type(err).__name__, '-', err)
    InvalidInputError - empty domain: (1, 0)
    """


class InvalidInputError(DerivationsError, ValueError):
    """The input is wrong (a bad shape, a domain that makes no sense, an indefinite Hessian, ...).

    It is also a ValueError, so code that catches ValueError keeps working.

    >>> from derivations.numerics.validate import check_count
    >>> check_count(0, 'n', 1)
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: n must be an int >= 1, got 0
    >>> issubclass(InvalidInputError, ValueError)
    True
    """


class UnsupportedError(DerivationsError, NotImplementedError):
    """The input is fine but the library cannot handle this construct (yet); the message names it.

    >>> from sympy import Integral, Symbol
    >>> from derivations.verify.numeric import compile_mp
    >>> x = Symbol('x')
    >>> compile_mp(Integral(x, x))
    Traceback (most recent call last):
    ...
    derivations.errors.UnsupportedError: cannot evaluate Integral (Integral(x, x)) numerically
    >>> issubclass(UnsupportedError, NotImplementedError)
    True
    """


class UnknownDerivationError(DerivationsError, KeyError):
    """No derivation in the catalog has this id; ``suggestions`` holds the closest ids.

    >>> err = UnknownDerivationError('sigmoid-derivativ', ('sigmoid-derivative',))
    >>> print(err)
    unknown derivation 'sigmoid-derivativ'; did you mean 'sigmoid-derivative'?
    >>> err.ident, err.suggestions, isinstance(err, KeyError)
    ('sigmoid-derivativ', ('sigmoid-derivative',), True)
    """

    def __init__(self, ident: str, suggestions: tuple[str, ...] = ()):
        self.ident = ident
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown derivation {ident!r}{hint}")

    def __str__(self) -> str:  # KeyError would otherwise print the repr of the message
        return self.args[0]
