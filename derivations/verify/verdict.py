"""Verdicts and the evidence behind them: what a check found, in data, printable and JSON-ready.

A :class:`Verdict` has a :class:`Status` and the evidence of the two oracles:

* :class:`SymbolicResult`, what the symbolic ladder did (``None`` when no symbolic proof was
  attempted, as for a float64 check of a large instance);
* :class:`NumericResult`, the high-precision numeric oracle at random points, or
  :class:`Float64Check`, a float64 check of a concrete instance (a probe: method, tolerance, seed).

>>> from derivations.verify.recipe import check_equal
>>> from sympy import Symbol
>>> x = Symbol('x')
>>> v = check_equal(x * (x + 1), x**2 + x)
>>> v.status, v.status is Status.PROVED, v.ok
('proved', True, True)
>>> worst_status([Status.PROVED, 'refuted'])
'refuted'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from derivations.core import hooks
from derivations.core.notation import WordEnum

__all__ = ["Status", "STATUSES", "worst_status", "SymbolicResult", "Counterexample", "NumericResult",
           "Float64Check", "Verdict"]


class Status(WordEnum):
    """The four verdicts, from best to worst; each compares equal to (and prints as) its word.

    >>> Status('proved') is Status.PROVED, Status.REFUTED == 'refuted', f"{Status.CONFIRMED}"
    (True, True, 'confirmed')
    >>> [s.ok for s in Status]
    [True, True, False, False]
    >>> Status('provd')
    Traceback (most recent call last):
    ...
    ValueError: 'provd' is not a valid Status
    """

    PROVED = "proved"
    CONFIRMED = "confirmed"
    INCONCLUSIVE = "inconclusive"
    REFUTED = "refuted"

    @property
    def ok(self) -> bool:
        """True for ``proved`` and ``confirmed``."""
        return self in (Status.PROVED, Status.CONFIRMED)


STATUSES = tuple(s.value for s in Status)
"""The four verdicts' words, from best to worst."""

_RANK = {s: i for i, s in enumerate(Status)}


def worst_status(statuses: Iterable[str]) -> Status:
    """The worst of several statuses (``refuted`` beats ``inconclusive`` beats ``confirmed``...).

    >>> worst_status(['proved', 'confirmed', 'proved'])
    'confirmed'
    >>> worst_status(['inconclusive', 'refuted']), worst_status([])
    ('refuted', 'proved')
    """
    return max((Status(s) for s in statuses), key=_RANK.__getitem__, default=Status.PROVED)


@dataclass(frozen=True)
class SymbolicResult:
    """What the ladder did: the strategy that proved the step, and every attempt's outcome.

    >>> SymbolicResult(True, 'cancel', (('evaluation', 'no'), ('cancel', 'proved'))).describe()
    'proved by cancel'
    >>> SymbolicResult(False, attempts=(('expand', 'no'), ('simplify', 'timeout'))).describe()
    'not proved (2 strategies tried; timed out: simplify)'
    >>> SymbolicResult(False, 'evaluation', refutation='left - right = 1/10000 (a nonzero number)').describe()
    'refuted by evaluation: left - right = 1/10000 (a nonzero number)'
    """

    proved: bool
    strategy: str | None = None
    attempts: tuple[tuple[str, str], ...] = ()
    refutation: str = ""
    """Exact evidence that the sides differ (lhs − rhs reduced to a nonzero number or a known sign)."""

    def describe(self) -> str:
        """One line for reports."""
        if self.proved:
            return f"proved by {self.strategy}"
        if self.refutation:
            return f"refuted by {self.strategy}: {self.refutation}"
        timeouts = [name for name, how in self.attempts if how == "timeout"]
        text = f"not proved ({len(self.attempts)} strategies tried"
        return text + (f"; timed out: {', '.join(timeouts)})" if timeouts else ")")

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {"proved": self.proved, "strategy": self.strategy, "attempts": [list(a) for a in self.attempts],
                "refutation": self.refutation}


_NOT_ATTEMPTED = {"proved": False, "strategy": None, "attempts": [["symbolic", "not attempted: numeric instance"]],
                  "refutation": ""}


@dataclass(frozen=True)
class Counterexample:
    """A point where the two sides differ, with both values (printed to 15 significant digits).

    >>> from sympy import Symbol, log
    >>> from derivations.core.domains import REAL
    >>> from derivations.verify.numeric import numeric_check
    >>> z = Symbol('z', real=True)
    >>> ce = numeric_check(log(z**2), 2 * log(z), {z: REAL}, seed=0).counterexample
    >>> ce.point
    (('z', '-1'),)
    >>> ce.describe()
    'at z = -1: left = 0.0, right = (0.0 + 6.28318530717959j) (left - right = (0.0 - 6.28318530717959j))'
    """

    point: tuple[tuple[str, str], ...]
    lhs: str
    rhs: str
    difference: str
    digits: int
    certified: str = ""
    """How the difference was certified (``stable to 25 digits at 30 and 60 digits``)."""

    def describe(self) -> str:
        """``at z = 1: left = 0.268941421369995, right = 0.731058578630005 (left - right = ...)``."""
        where = ", ".join(f"{k} = {v}" for k, v in self.point) or "(no free symbols)"
        return f"at {where}: left = {self.lhs}, right = {self.rhs} (left - right = {self.difference})"

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {"point": dict(self.point), "lhs": self.lhs, "rhs": self.rhs, "difference": self.difference,
                "digits": self.digits, "certified": self.certified}


@dataclass(frozen=True)
class NumericResult:
    """The numeric oracle's finding: ``confirmed``, ``refuted`` (with a counterexample) or ``inconclusive``.

    >>> from sympy import Integral, Symbol
    >>> from derivations.core.domains import REAL
    >>> from derivations.verify.numeric import numeric_check
    >>> x = Symbol('x', real=True)
    >>> r = numeric_check((x + 1)**2, x**2 + 2*x + 1, {x: REAL}, seed=0)
    >>> r.status, r.points, r.seed, r.digits
    ('confirmed', 20, 0, 30)
    >>> numeric_check(Integral(x, x), x**2 / 2, {x: REAL}, seed=0).describe()
    'inconclusive: cannot evaluate Integral (Integral(x, x)) numerically'
    """

    status: Status
    points: int = 0
    skipped: int = 0
    seed: int = 0
    digits: int = 30
    max_error: float = 0.0
    counterexample: Counterexample | None = None
    reason: str = ""
    digits_max: int = 0
    """The highest precision a counted point needed (precision is raised where digits are lost)."""
    undetermined: int = 0
    """Points that lost their digits to cancellation even at the highest precision: not counted."""
    span: str = ""
    """The magnitudes of the sample points' coordinates: ``0 to 9.6e+05``."""

    def __post_init__(self):
        object.__setattr__(self, "status", Status(self.status))

    def describe(self) -> str:
        """One line for reports."""
        if self.status == Status.CONFIRMED:
            extra = f", {self.skipped} undefined points skipped" if self.skipped else ""
            lost = self.undetermined
            extra += f", {lost} point{'s' if lost != 1 else ''} without enough digits left out" if lost else ""
            digits = f"{self.digits}" + (f"-{self.digits_max}" if self.digits_max > self.digits else "")
            span = f", |values| {self.span}" if self.span else ""
            return (f"confirmed at {self.points} points ({digits} digits{span}, seed {self.seed}, "
                    f"max rel. error {self.max_error:.1e}{extra})")
        if self.status == Status.REFUTED:
            return f"refuted {self.counterexample.describe()} (seed {self.seed})"
        return f"inconclusive: {self.reason}"

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {"status": self.status, "points": self.points, "skipped": self.skipped, "seed": self.seed,
                "digits": self.digits, "max_error": self.max_error, "reason": self.reason, "method": "",
                "tolerance": None, "arithmetic": f"{self.digits} digits",
                "counterexample": None if self.counterexample is None else self.counterexample.to_dict(),
                "digits_max": self.digits_max, "undetermined": self.undetermined, "span": self.span}


@dataclass(frozen=True)
class Float64Check:
    """A float64 check of a concrete instance (a probe): passed or not within ``tolerance``, and where.

    Its verdict is at best ``confirmed``, never ``proved``; the seed reproduces the instance.

    >>> Float64Check(Status.CONFIRMED, 'comparison with itself', 1e-12, 7, 3, 0.0).describe()
    'confirmed by comparison with itself: 3 checks in float64, seed 7, max rel. error 0.0e+00 <= 1e-12'
    """

    status: Status
    method: str
    tolerance: float
    seed: int
    checks: int
    max_error: float
    counterexample: Counterexample | None = None
    arithmetic: str = "float64"

    DIGITS = 16
    """float64 carries about 16 significant decimal digits."""

    def __post_init__(self):
        object.__setattr__(self, "status", Status(self.status))

    def describe(self) -> str:
        """One line for reports."""
        if self.status == Status.REFUTED:
            return f"refuted by {self.method}: {self.counterexample.describe()} (seed {self.seed})"
        how = f"{self.checks} checks in {self.arithmetic}, seed {self.seed}, max rel. error {self.max_error:.1e}"
        return f"confirmed by {self.method}: {how} <= {self.tolerance:g}"

    def to_dict(self) -> dict:
        """A JSON-ready dict (the same keys as :meth:`NumericResult.to_dict`)."""
        return {"status": self.status, "points": self.checks, "skipped": 0, "seed": self.seed,
                "digits": self.DIGITS, "max_error": self.max_error, "reason": "", "method": self.method,
                "tolerance": self.tolerance, "arithmetic": self.arithmetic,
                "counterexample": None if self.counterexample is None else self.counterexample.to_dict(),
                "digits_max": self.DIGITS, "undetermined": 0, "span": ""}


@dataclass(frozen=True)
class Verdict:
    """The verdict on one equality: ``status`` and both oracles' evidence.

    ``symbolic`` is ``None`` when no symbolic proof was attempted (a float64 check of a large
    instance, whose evidence ``numeric`` is then a :class:`Float64Check`).

    >>> from sympy import Symbol
    >>> from derivations.verify.recipe import check_equal
    >>> x = Symbol('x')
    >>> v = check_equal(x * (x + 1), x**2 + x)
    >>> v.status, v.ok, v.symbolic.strategy, v.numeric.status
    ('proved', True, 'expand', 'confirmed')
    >>> v.to_dict()['numeric']['points']
    20
    """

    status: Status
    symbolic: SymbolicResult | None
    numeric: NumericResult | Float64Check
    reason: str = ""

    def __post_init__(self):
        object.__setattr__(self, "status", Status(self.status))

    @property
    def ok(self) -> bool:
        """True for ``proved`` and ``confirmed``."""
        return self.status.ok

    def describe(self) -> str:
        """``proved by cancel; confirmed at 20 points (...)``, or the counterexample, or the reason."""
        if self.status == Status.REFUTED:
            if self.numeric.counterexample is None and self.symbolic is not None and self.symbolic.refutation:
                return self.symbolic.describe()
            return self.numeric.describe()
        if self.status == Status.INCONCLUSIVE:
            return f"inconclusive: {self.reason}"
        if self.symbolic is None:
            return self.numeric.describe()
        return f"{self.symbolic.describe()}; {self.numeric.describe()}"

    def _repr_html_(self) -> str:
        return hooks.call("verdict_html", self)

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {"status": self.status, "reason": self.reason,
                "symbolic": _NOT_ATTEMPTED if self.symbolic is None else self.symbolic.to_dict(),
                "numeric": self.numeric.to_dict()}
