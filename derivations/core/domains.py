"""Domains of symbols: what SymPy may assume about them and where the numeric oracle samples them.

>>> REAL.contains(-3.5), UNIT_INTERVAL.contains(1.0)
(True, False)
>>> UNIT_INTERVAL.latex('p')
'0 < p < 1'
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping

from derivations.errors import InvalidInputError

__all__ = ["Domain", "REAL", "POSITIVE", "UNIT_INTERVAL", "interval", "parse_domain"]

# Simple values first: a counterexample at z = 1 can be checked by hand, one at z = 0.73919 cannot.
_NICE = (Fraction(1), Fraction(-1), Fraction(0), Fraction(2), Fraction(1, 2), Fraction(-2), Fraction(3),
         Fraction(-1, 2), Fraction(1, 3), Fraction(3, 2), Fraction(1, 4), Fraction(3, 4), Fraction(-3))
_NEAR = Fraction(1, 2**20)  # "near an end": this fraction of the width (or this distance) away


@dataclass(frozen=True)
class Domain:
    """An open interval (lo, hi) of the reals, None meaning unbounded; the domain of one symbol.

    >>> d = Domain(lo=Fraction(0))
    >>> d == POSITIVE, d.contains(0), d.describe()
    (True, False, '(0, inf)')
    >>> d.assumptions
    {'real': True, 'positive': True}
    >>> Domain(Fraction(1), Fraction(0))
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: empty domain: (1, 0)
    """

    lo: Fraction | None = None
    hi: Fraction | None = None

    def __post_init__(self) -> None:
        if self.lo is not None and self.hi is not None and not self.lo < self.hi:
            raise InvalidInputError(f"empty domain: ({self.lo}, {self.hi})")

    @property
    def assumptions(self) -> Mapping[str, bool]:
        """SymPy assumptions that hold on the whole domain (used to build the symbol)."""
        if self.lo is not None and self.lo >= 0:
            return {"real": True, "positive": True}
        if self.hi is not None and self.hi <= 0:
            return {"real": True, "negative": True}
        return {"real": True}

    def contains(self, x: float | Fraction) -> bool:
        """True when x lies strictly inside the domain."""
        return (self.lo is None or x > self.lo) and (self.hi is None or x < self.hi)

    def nice_points(self) -> tuple[Fraction, ...]:
        """Small rationals inside the domain, simplest first (for counterexamples readable by hand)."""
        if self.lo is not None and self.hi is not None:
            width = self.hi - self.lo
            inner = tuple(self.lo + width * Fraction(k, d) for d in (2, 4, 3, 5) for k in range(1, d))
            ends = (self.lo + width * _NEAR, self.hi - width * _NEAR)
            return tuple(dict.fromkeys(x for x in _NICE + inner[:3] + ends + inner[3:] if self.contains(x)))
        ends = (self.lo + 1, self.lo + _NEAR) if self.lo is not None else \
            (self.hi - 1, self.hi - _NEAR) if self.hi is not None else ()
        return tuple(dict.fromkeys(x for x in _NICE + ends if self.contains(x)))

    def sample(self, rng: random.Random) -> float:
        """A random point strictly inside the domain (mostly moderate magnitudes, sometimes large)."""
        lo, hi = self.lo, self.hi
        if lo is not None and hi is not None:
            t = rng.uniform(0.02, 0.98)
            return float(lo + (hi - lo) * Fraction(t))
        scale = 3.0 if rng.random() < 0.8 else 12.0
        if lo is None and hi is None:
            return rng.uniform(-scale, scale)
        if lo is not None:
            return float(lo) + rng.uniform(0.05, scale)
        return float(hi) - rng.uniform(0.05, scale)

    def decade_points(self) -> tuple[Fraction, ...]:
        """Points at every scale, simplest first: ±10, ±1000, ±10^6, ±10^-3, ±100, ±10^-6 (shifted
        into the domain: lo + 10^k, hi − 10^k), or 2^-10, 2^-30, 2^-50 of the width from each end.

        >>> [str(p) for p in REAL.decade_points()[:4]]
        ['10', '-10', '1000', '-1000']
        >>> [str(p) for p in POSITIVE.decade_points()[:3]]
        ['10', '1000', '1000000']
        """
        if self.lo is not None and self.hi is not None:
            w = self.hi - self.lo
            near = [w / 2**k for k in (10, 30, 50)]
            return tuple(p for d in near for p in (self.lo + d, self.hi - d))
        sizes = [Fraction(10)**k for k in (1, 3, 6, -3, 2, -6)]
        if self.lo is None and self.hi is None:
            return tuple(p for d in sizes for p in (d, -d))
        return tuple(self.lo + d if self.lo is not None else self.hi - d for d in sizes)

    def spread_sample(self, rng: random.Random, wide: bool = True) -> Fraction:
        """An exact point strictly inside the domain, spread over magnitudes and both ends.

        Half the draws are moderate (as :meth:`sample`), the others log-spread over 10^-6 … 10^6
        with both signs, or near an end of the domain (a distance 2^-10 … 2^-40 of the width);
        ``wide=False`` draws only moderate points.  The point is a binary fraction, so the numeric
        oracle represents it exactly.

        >>> import random
        >>> rng = random.Random(0)
        >>> d = interval(10**30, 10**30 + 1)
        >>> all(d.contains(d.spread_sample(rng)) for _ in range(200))
        True
        >>> sorted({abs(REAL.spread_sample(rng)) > 100 for _ in range(200)})
        [False, True]
        """
        lo, hi = self.lo, self.hi
        r = rng.random() if wide else 0.0
        if lo is not None and hi is not None:
            width = hi - lo
            if r < 0.7:
                return lo + width * Fraction(rng.uniform(0.02, 0.98))
            near = width * Fraction(rng.uniform(1, 2)) / 2 ** rng.randint(10, 40)
            return lo + near if r < 0.85 else hi - near
        if r < 0.5:
            scale = 3.0 if rng.random() < 0.8 else 12.0
            if lo is None and hi is None:
                return Fraction(rng.uniform(-scale, scale))
            size = Fraction(rng.uniform(0.05, scale))
            return lo + size if lo is not None else hi - size
        size = Fraction(10 ** rng.uniform(-6, 6))
        if lo is None and hi is None:
            return size if rng.random() < 0.5 else -size
        if r > 0.85:
            size = Fraction(rng.uniform(1, 2)) / 2 ** rng.randint(10, 40)
        return lo + size if lo is not None else hi - size

    def latex(self, name: str) -> str:
        """The domain as LaTeX about the symbol printed as ``name``."""
        if self.lo is None and self.hi is None:
            return rf"{name} \in \mathbb{{R}}"
        parts = []
        if self.lo is not None:
            parts.append(f"{_frac_latex(self.lo)} <")
        parts.append(name)
        if self.hi is not None:
            parts.append(f"< {_frac_latex(self.hi)}")
        return " ".join(parts)

    def describe(self) -> str:
        """The domain in plain text: ``real`` or ``(0, 1)``."""
        if self.lo is None and self.hi is None:
            return "real"
        lo = "-inf" if self.lo is None else str(self.lo)
        hi = "inf" if self.hi is None else str(self.hi)
        return f"({lo}, {hi})"


def _frac_latex(q: Fraction) -> str:
    if q.denominator == 1:
        return str(q.numerator)
    sign = "-" if q < 0 else ""
    return rf"{sign}\tfrac{{{abs(q.numerator)}}}{{{q.denominator}}}"


def interval(lo: object = None, hi: object = None) -> Domain:
    """The open interval (lo, hi); ``None`` for an unbounded end.

    >>> interval(0, 1).describe()
    '(0, 1)'
    """
    return Domain(None if lo is None else Fraction(str(lo)), None if hi is None else Fraction(str(hi)))


REAL = Domain()
POSITIVE = interval(0, None)
UNIT_INTERVAL = interval(0, 1)


def parse_domain(text: str) -> tuple[str, Domain]:
    """Parse ``'p in (0,1)'``, ``'x > 0'``, ``'z real'`` into (name, domain).

    >>> parse_domain('p in (0, 1)')
    ('p', Domain(lo=Fraction(0, 1), hi=Fraction(1, 1)))
    >>> parse_domain('x > 0')[1] == POSITIVE
    True
    """
    import re

    t = text.strip()
    number = r"([-+]?\d+(?:\.\d+)?(?:/\d+)?|-?inf)"
    forms = (
        (rf"^(\S+)\s+in\s+\(\s*{number}\s*,\s*{number}\s*\)$", lambda m: (m[2], m[3])),
        (rf"^(\S+)\s*>\s*{number}$", lambda m: (m[2], None)),
        (rf"^(\S+)\s*<\s*{number}$", lambda m: (None, m[2])),
        (r"^(\S+)\s+real$", lambda m: (None, None)),
    )
    for pattern, bounds in forms:
        m = re.match(pattern, t)
        if m:
            lo, hi = (None if b is None or "inf" in b else b for b in bounds(m))
            return m[1], interval(lo, hi)
    raise InvalidInputError(
        f"cannot read the domain {text!r}; write e.g. 'p in (0,1)', 'x > 0', 'x < 0' or 'z real'")
