"""The library's exceptions: one base, and "unsupported" kept apart from "wrong input"."""

from __future__ import annotations

__all__ = ["DerivationsError", "UnknownDerivationError", "InvalidInputError", "UnsupportedError"]


class DerivationsError(Exception):
    """Base class of every error the library raises on purpose."""


class InvalidInputError(DerivationsError, ValueError):
    """The input is wrong (a bad shape, a domain that makes no sense, an indefinite Hessian, ...)."""


class UnsupportedError(DerivationsError, NotImplementedError):
    """The input is fine but the library cannot handle this construct (yet); the message names it."""


class UnknownDerivationError(DerivationsError, KeyError):
    """No derivation in the catalog has this id; ``suggestions`` holds the closest ids."""

    def __init__(self, ident: str, suggestions: tuple[str, ...] = ()):
        self.ident = ident
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown derivation {ident!r}{hint}")

    def __str__(self) -> str:  # KeyError would otherwise print the repr of the message
        return self.args[0]
