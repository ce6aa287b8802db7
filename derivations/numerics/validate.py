"""Checks of numeric arguments shared by the numeric modules: a clear InvalidInputError, never a guess.

>>> check_count(3, "n", 1), check_positive(2.5, "scale")
(3, 2.5)
>>> check_seed(-1)
Traceback (most recent call last):
...
derivations.errors.InvalidInputError: seed must be a non-negative int, got -1
"""

from __future__ import annotations

import math

import numpy as np

from derivations.errors import InvalidInputError

__all__ = ["check_seed", "check_count", "check_real", "check_positive", "check_nonnegative"]


def check_seed(seed) -> int:
    """A random seed: a non-negative int (not a bool).

    >>> check_seed(np.int64(7))
    7
    >>> check_seed(True)
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: seed must be a non-negative int, got True
    """
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidInputError(f"seed must be a non-negative int, got {seed!r}")
    return int(seed)


def check_count(value, name: str, minimum: int = 0) -> int:
    """A whole number >= ``minimum`` (not a bool).

    >>> check_count(4, 'n', 1)
    4
    >>> check_count(2.0, 'n')
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: n must be an int >= 0, got 2.0
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise InvalidInputError(f"{name} must be an int >= {minimum}, got {value!r}")
    return int(value)


def check_real(value, name: str) -> float:
    """A finite real number (not a bool, not text).

    >>> check_real(np.float32(0.5), 'x'), check_real(3, 'x')
    (0.5, 3.0)
    >>> check_real('1', 'x')
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: x must be a real number, got '1'
    >>> check_real(float('inf'), 'x')
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: x must be finite, got inf
    """
    if isinstance(value, (bool, np.bool_, str, bytes)):
        raise InvalidInputError(f"{name} must be a real number, got {value!r}")
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InvalidInputError(f"{name} must be a real number, got {value!r}") from None
    if not math.isfinite(v):
        raise InvalidInputError(f"{name} must be finite, got {value!r}")
    return v


def check_positive(value, name: str) -> float:
    """A finite real number > 0.

    >>> check_positive(1e-9, 'tolerance')
    1e-09
    >>> check_positive(0, 'tolerance')
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: tolerance must be positive, got 0
    """
    v = check_real(value, name)
    if v <= 0:
        raise InvalidInputError(f"{name} must be positive, got {value!r}")
    return v


def check_nonnegative(value, name: str) -> float:
    """A finite real number >= 0.

    >>> check_nonnegative(0, 'noise')
    0.0
    >>> check_nonnegative(-0.5, 'noise')
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: noise must be >= 0, got -0.5
    """
    v = check_real(value, name)
    if v < 0:
        raise InvalidInputError(f"{name} must be >= 0, got {value!r}")
    return v


def frozen_array(value, name: str, ndim: int) -> np.ndarray:
    """A read-only float64 copy of ``value`` with ``ndim`` dimensions and finite entries.

    >>> frozen_array([[1, 2]], "W", 2).flags.writeable
    False
    >>> frozen_array([1.0, float("nan")], "b", 1)
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: b has non-finite entries (nan or inf)
    """
    try:
        arr = np.array(value, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} is not a numeric array: {exc}") from None
    if arr.ndim != ndim:
        raise InvalidInputError(f"{name} must be {ndim}-dimensional, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise InvalidInputError(f"{name} has non-finite entries (nan or inf)")
    arr.setflags(write=False)
    return arr


def vector(value, name: str, length: int) -> np.ndarray:
    """A read-only float64 vector of exactly ``length`` entries.

    >>> vector([1, 2, 3], "b", 3).shape
    (3,)
    >>> vector([1, 2], "b", 3)
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: b must have shape (3,), got (2,)
    """
    arr = frozen_array(value, name, 1)
    if arr.shape != (length,):
        raise InvalidInputError(f"{name} must have shape ({length},), got {arr.shape}")
    return arr
