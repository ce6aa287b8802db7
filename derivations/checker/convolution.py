r"""Convolutions between matrices in a hand-written derivation: which convention, which mode.

Deep-learning libraries compute the cross-correlation y_{ij} = Σ_{a,b} W_{ab} X_{i+a, j+b} and call
it convolution; the true convolution flips the kernel (rotates it by 180°).  A document may state
its convention ("cross-correlation", "flipped kernel"); where it states none, the checker tries
both and says which one a step holds under.  The mode follows the shapes: *valid* (the output
is (n − f + 1) wide) unless only the *full* one (n + f − 1, the input zero-padded by f − 1) fits
the other side of the equation.  The arithmetic is :mod:`derivations.numerics.conv`'s, on exact
entries.

>>> import sympy
>>> X = sympy.Matrix([[1, 2, 0], [0, 1, 3], [2, 0, 1]])
>>> W = sympy.Matrix([[1, 0], [0, 2]])
>>> convolve(X, W, "cross-correlation", "valid").tolist()
[[3, 8], [0, 3]]
>>> convolve(X, W, "convolution", "valid").tolist()
[[3, 7], [0, 3]]
"""

from __future__ import annotations

import re

import sympy

__all__ = ["CONVENTION_NAMES", "convolve", "stated_convention", "conv_modes"]

CONVENTION_NAMES = {"cross-correlation": "cross-correlation", "convolution": "true convolution"}
"""How a report names each convention."""

_CROSS = re.compile(r"cross[- ]?correlation|correlation \(as in|no (?:kernel )?flip", re.IGNORECASE)
_TRUE = re.compile(r"true convolution|flipped kernel|kernel (?:is )?flipped|rotated kernel", re.IGNORECASE)


def stated_convention(text: str) -> str | None:
    """The convention a document states in words, else None (then both are tried).

    >>> stated_convention("Here * is the cross-correlation used by PyTorch."), stated_convention("y = X * W")
    ('cross-correlation', None)
    """
    cross, true = bool(_CROSS.search(text)), bool(_TRUE.search(text))
    if cross == true:
        return None
    return "cross-correlation" if cross else "convolution"


def conv_modes(x_shape: tuple[int, int], w_shape: tuple[int, int]) -> dict[str, tuple[int, int]]:
    """The output shape of each mode (valid, full) of a 2-D convolution of these shapes.

    >>> conv_modes((5, 5), (3, 3))
    {'valid': (3, 3), 'full': (7, 7)}
    """
    out = {}
    if x_shape[0] >= w_shape[0] and x_shape[1] >= w_shape[1]:
        out["valid"] = (x_shape[0] - w_shape[0] + 1, x_shape[1] - w_shape[1] + 1)
    out["full"] = (x_shape[0] + w_shape[0] - 1, x_shape[1] + w_shape[1] - 1)
    return out


def convolve(X: sympy.Matrix, W: sympy.Matrix, convention: str, mode: str) -> sympy.Matrix:
    """X convolved with W under ``convention`` ('cross-correlation' or 'convolution') in ``mode``.

    >>> convolve(sympy.Matrix([[1]]), sympy.Matrix([[1, 2]]), "cross-correlation", "full").tolist()
    [[2, 1]]
    """
    import numpy as np  # here, not at the top: most documents have no convolution, and NumPy takes 0.1 s to import

    from derivations.numerics.conv import correlate, rot180

    x = np.array(X.tolist(), dtype=object)
    w = np.array(W.tolist(), dtype=object)
    if convention == "convolution":
        w = rot180(w)
    if mode == "full":
        fh, fw = w.shape
        x = np.pad(x, ((fh - 1, fh - 1), (fw - 1, fw - 1)), constant_values=sympy.Integer(0))
    y = correlate(x, w)
    return sympy.Matrix(y.tolist()) if y.size else sympy.zeros(0, 0)
