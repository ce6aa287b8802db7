"""The catalog: which derivations exist, looked up by id or by text.

The table below is plain data, so listing the catalog imports no theorem module (and no SymPy);
a derivation is built when it is first asked for, then kept.

>>> [e.id for e in entries()][:3]
['sigmoid-derivative', 'sigmoid-symmetry', 'logit-inverse']
>>> get('sigmoid-symetry')
Traceback (most recent call last):
...
derivations.errors.UnknownDerivationError: unknown derivation 'sigmoid-symetry'; did you mean 'sigmoid-symmetry', 'sigmoid-derivative', 'sigmoid-derivative-bound'?
"""

from __future__ import annotations

import difflib
import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from derivations.errors import UnknownDerivationError

if TYPE_CHECKING:  # pragma: no cover
    from derivations.core.model import Derivation
    from derivations.render.figure import Figure

__all__ = ["Option", "OPTIONS", "Entry", "entries", "entry", "ids", "get", "catalog", "search", "suggest",
           "figures_for"]


@dataclass(frozen=True)
class Option:
    """A command-line option that describes an instance of a general theorem (``--widths 3,4,2``).

    >>> OPTIONS[0]
    Option(name='widths', metavar='N0,N1,...', help='layer widths: backprop-delta and parameter-count n_0,...,n_L (e.g. 3,4,2); tanh-reparameterization inputs,hidden,outputs (e.g. 2,3,1); sigmoid-derivative-bound n_0,...,n_L (e.g. 8,8,8,8)', choices=None)
    """

    name: str
    metavar: str | None
    help: str
    choices: tuple[str, ...] | None = None


OPTIONS = (
    Option("widths", "N0,N1,...", "layer widths: backprop-delta and parameter-count n_0,...,n_L (e.g. 3,4,2); "
                                   "tanh-reparameterization inputs,hidden,outputs (e.g. 2,3,1); "
                                   "sigmoid-derivative-bound n_0,...,n_L (e.g. 8,8,8,8)"),
    Option("n", "N", "hessian-quadratic-form: dimension (exact for N <= 3); conv-backprop, conv-output-size: "
                     "input side (the input is N x N); residual-gradient: the block's width (exact for N <= 2)"),
    Option("f", "F", "conv-backprop: kernel side (F x F); conv-output-size: kernel side of each layer "
                     "(e.g. 3,3,3,3 for four layers)"),
    Option("p", "P", "conv-backprop, conv-output-size: zero padding on every side (default 0)"),
    Option("s", "S", "conv-backprop: stride (default 1); conv-output-size: stride of each layer (e.g. 1,2,1)"),
    Option("convention", None, "conv-backprop: kernel convention (default cross-correlation, as deep-learning "
                               "libraries compute it; convolution flips the kernel)", ("cross-correlation", "convolution")),
    Option("eigenvalues", "L1,L2,...", "hessian-quadratic-form: eigenvalues of H (refused unless all > 0)"),
    Option("classes", "K", "softmax-cross-entropy-gradient: number of classes (exact for K <= 5)"),
    Option("variant", "NAME", "a deliberately wrong variant to see it refuted (e.g. no-transpose, lambda, no-bias-shift, eighth, no-hypothesis, no-identity)"),
    Option("seed", "S", "seed of a random numeric instance (default 0)"),
    Option("method", None, "exact symbolic or float64 numeric check (default: auto, by size)",
           ("auto", "symbolic", "numeric")),
)
"""The instance options of the command line, in the order ``--help`` lists them."""

_INSTANCE = ("variant", "seed", "method")


@dataclass(frozen=True)
class Entry:
    """A catalog entry: id, title, the module whose ``derivation()`` builds it, its figures, its options.

    ``figures`` names functions of the module that build a :class:`~derivations.render.figure.Figure`;
    ``options`` names the :data:`OPTIONS` that describe one of its instances on the command line.

    >>> entries()[0]
    Entry(id='sigmoid-derivative', title='The derivative of the logistic sigmoid', module='sigmoid_derivative', figures=('sigmoid_and_derivative',), options=())
    """

    id: str
    title: str
    module: str
    figures: tuple[str, ...] = ()
    options: tuple[str, ...] = ()


_ENTRIES = (
    Entry("sigmoid-derivative", "The derivative of the logistic sigmoid", "sigmoid_derivative",
          figures=("sigmoid_and_derivative",)),
    Entry("sigmoid-symmetry", "The symmetry of the logistic sigmoid", "sigmoid_symmetry"),
    Entry("logit-inverse", "The logit is the inverse of the sigmoid", "logit_inverse"),
    Entry("backprop-delta", "Backpropagation: the δ recursion", "backprop_delta",
          options=("widths", *_INSTANCE)),
    Entry("hessian-quadratic-form", "The error near a minimum in the Hessian's eigenbasis",
          "hessian_quadratic_form", figures=("quadratic_contours",), options=("n", "eigenvalues", *_INSTANCE)),
    Entry("tanh-reparameterization", "A sigmoid network is a tanh network with rescaled weights",
          "tanh_reparameterization", figures=("sigmoid_vs_tanh",), options=("widths", *_INSTANCE)),
    Entry("conv-backprop", "Backpropagation through a convolution layer", "conv_backprop",
          figures=("conv_example",), options=("n", "f", "p", "s", "convention", *_INSTANCE)),
    Entry("conv-output-size", "The output size of a convolution and the receptive field of stacked layers",
          "conv_output_size", figures=("receptive_field_growth",), options=("n", "f", "p", "s", "variant", "seed")),
    Entry("parameter-count", "The number of parameters of a fully connected network", "parameter_count",
          options=("widths", "variant", "seed")),
    Entry("sigmoid-derivative-bound", "The sigmoid's derivative is at most 1/4: vanishing gradients",
          "sigmoid_derivative_bound", figures=("derivative_and_bound", "gradient_vs_depth"),
          options=("widths", *_INSTANCE)),
    Entry("softmax-cross-entropy-gradient", "The gradient of softmax cross-entropy",
          "softmax_cross_entropy_gradient", options=("classes", *_INSTANCE)),
    Entry("residual-gradient", "The gradient of a residual block", "residual_gradient",
          figures=("plain_vs_residual",), options=("n", *_INSTANCE)),
    Entry("pinn-loss", "The PINN loss of y′′ + y′ + y = 0", "pinn_loss", figures=("solution_and_residual",)),
)


def entries() -> tuple[Entry, ...]:
    """Every entry, in catalog order.

    >>> len(entries()), entries()[5].module, entries()[-1].module
    (13, 'tanh_reparameterization', 'pinn_loss')
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
    ('sigmoid-symmetry', 'sigmoid-derivative', 'sigmoid-derivative-bound')
    >>> suggest('backprop')
    ('conv-backprop', 'backprop-delta')
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
    return _module(entry(ident)).derivation()


def entry(ident: str) -> Entry:
    """The catalog entry with this id; UnknownDerivationError (naming the closest ids) otherwise.

    >>> entry('tanh-reparameterization').options
    ('widths', 'variant', 'seed', 'method')
    """
    for e in _ENTRIES:
        if e.id == ident:
            return e
    raise UnknownDerivationError(ident, suggest(ident))


def _module(e: Entry):
    return importlib.import_module(f"derivations.theorems.{e.module}")


def figures_for(ident: str) -> tuple["Figure", ...]:
    """The figures illustrating a derivation, built (an empty tuple for an instance or a figureless one).

    >>> [f.id for f in figures_for('hessian-quadratic-form')], figures_for('logit-inverse')
    (['quadratic-contours'], ())
    """
    e = next((e for e in _ENTRIES if e.id == ident), None)
    return () if e is None else tuple(getattr(_module(e), name)() for name in e.figures)


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
    from derivations.core.notation import parts_text

    words = text.lower().split()
    found = []
    for d in catalog():
        hay = " ".join([d.id, d.title, parts_text(d.summary), *(s.justification for s in d.steps)]).lower()
        if all(w in hay for w in words):
            found.append(d)
    return tuple(found)
