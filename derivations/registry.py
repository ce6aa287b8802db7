"""The catalog: which derivations exist, looked up by id or by text.

The table below is plain data, so listing the catalog imports no theorem module (and no SymPy);
a derivation is built when it is first asked for, then kept.

>>> [e.id for e in entries()][:3]
['sigmoid-derivative', 'sigmoid-symmetry', 'logit-inverse']
>>> get('sigmoid-symetry')
Traceback (most recent call last):
...
derivations.errors.UnknownDerivationError: unknown derivation 'sigmoid-symetry'; did you mean 'sigmoid-symmetry', 'sigmoid-derivative'?
"""

from __future__ import annotations

import difflib
import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import UnknownDerivationError

if TYPE_CHECKING:  # pragma: no cover
    from .model import Derivation

__all__ = ["Entry", "entries", "ids", "get", "catalog", "search", "suggest"]


@dataclass(frozen=True)
class Entry:
    """A catalog entry: id, title, and the module whose ``derivation()`` builds it.

    >>> entries()[0]
    Entry(id='sigmoid-derivative', title='The derivative of the logistic sigmoid', module='sigmoid_derivative')
    """

    id: str
    title: str
    module: str


_ENTRIES = (
    Entry("sigmoid-derivative", "The derivative of the logistic sigmoid", "sigmoid_derivative"),
    Entry("sigmoid-symmetry", "The symmetry of the logistic sigmoid", "sigmoid_symmetry"),
    Entry("logit-inverse", "The logit is the inverse of the sigmoid", "logit_inverse"),
    Entry("backprop-delta", "Backpropagation: the δ recursion", "backprop_delta"),
    Entry("hessian-quadratic-form", "The error near a minimum in the Hessian's eigenbasis",
          "hessian_quadratic_form"),
    Entry("tanh-reparameterization", "A sigmoid network is a tanh network with rescaled weights",
          "tanh_reparameterization"),
)


def entries() -> tuple[Entry, ...]:
    """Every entry, in catalog order.

    >>> len(entries()), entries()[-1].module
    (6, 'tanh_reparameterization')
    """
    return _ENTRIES


def ids() -> tuple[str, ...]:
    """Every derivation id, in catalog order.

    >>> ids()[:2], 'logit-inverse' in ids()
    (('sigmoid-derivative', 'sigmoid-symmetry'), True)
    """
    return tuple(e.id for e in _ENTRIES)


def suggest(ident: str, n: int = 3) -> tuple[str, ...]:
    """The ids closest to ``ident`` (for 'did you mean').

    >>> suggest('sigmoid-symetry')
    ('sigmoid-symmetry', 'sigmoid-derivative')
    >>> suggest('backprop')
    ('backprop-delta',)
    """
    close = difflib.get_close_matches(ident, ids(), n=n, cutoff=0.5)
    return tuple(close or [i for i in ids() if ident and (ident in i or i in ident)][:n])


@lru_cache(maxsize=None)
def get(ident: str) -> "Derivation":
    """The derivation with this id; UnknownDerivationError (naming the closest ids) otherwise.

    >>> d = get('logit-inverse')
    >>> d.title
    'The logit is the inverse of the sigmoid'
    >>> get('logit-inverse') is d  # built once, then kept
    True
    """
    for e in _ENTRIES:
        if e.id == ident:
            return importlib.import_module(f"derivations.theorems.{e.module}").derivation()
    raise UnknownDerivationError(ident, suggest(ident))


def catalog() -> tuple["Derivation", ...]:
    """Every derivation, built.

    >>> [d.id for d in catalog()] == list(ids())
    True
    """
    return tuple(get(i) for i in ids())


def search(text: str) -> tuple["Derivation", ...]:
    """Derivations whose id, title, summary or step justifications mention every word of ``text``.

    >>> [d.id for d in search('add and subtract')]
    ['sigmoid-derivative', 'sigmoid-symmetry']
    """
    from .text import parts_text

    words = text.lower().split()
    found = []
    for d in catalog():
        hay = " ".join([d.id, d.title, parts_text(d.summary), *(s.justification for s in d.steps)]).lower()
        if all(w in hay for w in words):
            found.append(d)
    return tuple(found)
