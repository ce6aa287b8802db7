"""General theorems verified on concrete instances: shape parameters, default instances, numeric probes.

Theorems about indexed sums, matrices and whole networks (``backprop-delta``,
``hessian-quadratic-form``, ``tanh-reparameterization``) are stated and derived in indexed notation,
as in a textbook; SymPy cannot check ``δ_j^{(l)} = σ'(z_j^{(l)}) Σ_k w_{kj}^{(l+1)} δ_k^{(l+1)}`` for
*every* network.  Such a derivation carries a :class:`Family`: its shape parameters (``widths``,
``n``, ...) and a function that builds the derivation on one concrete instance.  An instance is a
:class:`~derivations.core.model.Derivation` like any other (it verifies, prints and exports); its steps
say which indexed steps they check (``instance_of``), either

* exactly, through :func:`~derivations.verify.recipe.check_equal` (small, fully symbolic instances:
  verdict ``proved`` when a symbolic strategy succeeds), or
* numerically in float64 (large random instances), through a :class:`Probe`: the verdict is at
  best ``confirmed``, with the method, tolerance and seed in the report, never ``proved``.

Verifying the general derivation verifies its default instances and gives each indexed step the
verdicts of the instance steps that check it (see :func:`derivations.verify.report.verify_derivation`).

>>> import derivations
>>> d = derivations.get('backprop-delta')
>>> [p.name for p in d.family.parameters]
['widths', 'variant', 'seed', 'method']
>>> small = d.instantiate(widths=(2, 2, 1))
>>> small.id, dict(small.shape)['method']
('backprop-delta-widths-2-2-1', 'symbolic')
>>> small.verify().ok
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

from derivations.errors import InvalidInputError

# "Derivation" in annotations is derivations.core.model.Derivation (the model imports this module).

__all__ = ["check_seed", "whole_number", "check_variant", "Parameter", "Family", "Probe", "ProbeResult", "METHODS", "parse_ints", "parse_numbers",
           "symbol", "instance_id", "choose_method", "describe_shape"]

METHODS = ("auto", "symbolic", "numeric")
"""How an instance is checked: exactly (``symbolic``), in float64 (``numeric``), or chosen by size."""


def check_seed(seed) -> int:
    """The seed of a random instance: a whole number >= 0 (InvalidInputError otherwise).

    >>> check_seed(3)
    3
    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: seed must be a whole number >= 0, got -1
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidInputError(f"seed must be a whole number >= 0, got {seed!r}")
    return seed


def whole_number(value, name: str, minimum: int = 1) -> int:
    """A shape parameter that is one whole number (``--n 3`` gives ``'3'``), at least ``minimum``.

    >>> whole_number('3', 'n'), whole_number(5, 'classes', 2)
    (3, 5)
    >>> whole_number(1, 'classes', 2)
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: classes must be a whole number >= 2, got 1
    """
    if isinstance(value, str):
        try:
            value = int(value)
        except ValueError:
            raise InvalidInputError(f"{name}: {value!r} is not a whole number") from None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInputError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return value


def check_variant(variant: str, variants) -> str:
    """The variant of an instance, one of ``variants`` (InvalidInputError naming them otherwise).

    >>> check_variant('correct', ('correct', 'eighth'))
    'correct'
    >>> check_variant('wrong', ('correct', 'eighth'))
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: unknown variant 'wrong'; choose one of correct, eighth
    """
    if variant not in variants:
        raise InvalidInputError(f"unknown variant {variant!r}; choose one of {', '.join(variants)}")
    return variant


def parse_ints(text: str, name: str = "value", minimum: int = 1) -> tuple[int, ...]:
    """Parse ``'3,4,2'`` into ``(3, 4, 2)``; InvalidInputError naming the bad item otherwise.

    >>> parse_ints('3, 4,2')
    (3, 4, 2)
    >>> parse_ints('3,x', 'widths')
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: widths: 'x' is not a whole number (write e.g. 3,4,2)
    """
    out = []
    for item in str(text).split(","):
        item = item.strip()
        try:
            value = int(item)
        except ValueError:
            raise InvalidInputError(f"{name}: {item!r} is not a whole number (write e.g. 3,4,2)") from None
        if value < minimum:
            raise InvalidInputError(f"{name}: every entry must be at least {minimum}, got {value}")
        out.append(value)
    return tuple(out)


def parse_numbers(text: str, name: str = "value") -> tuple:
    """Parse ``'1, 1/2, -3'`` into exact rationals (SymPy), for eigenvalues.

    >>> parse_numbers('1, 1/2, -3')
    (1, 1/2, -3)
    """
    from sympy import Rational

    out = []
    for item in str(text).split(","):
        try:
            out.append(Rational(item.strip()))
        except (TypeError, ValueError, SyntaxError):
            raise InvalidInputError(f"{name}: {item.strip()!r} is not a number (write e.g. 1,4 or 1/2,3)") from None
    return tuple(out)


@dataclass(frozen=True)
class Parameter:
    """A shape parameter: name, what it means, its default, and how to read it from the command line.

    >>> widths = Parameter('widths', 'layer widths n_0,...,n_L', (2, 2, 1), parse_ints)
    >>> widths.parse('3,4,2'), widths.default
    ((3, 4, 2), (2, 2, 1))
    """

    name: str
    help: str
    default: object = None
    parse: Callable[[str], object] = str


@dataclass(frozen=True)
class Family:
    """How a general derivation is instantiated: parameters, the instance builder, the default instances.

    ``build(**shape)`` receives every parameter (defaults filled in) and returns a Derivation;
    ``defaults`` are the instances ``verify`` runs for the general theorem.

    >>> import derivations
    >>> family = derivations.get('backprop-delta').family
    >>> [p.name for p in family.parameters]
    ['widths', 'variant', 'seed', 'method']
    >>> family.complete({'widths': (2, 2, 1)})
    {'widths': (2, 2, 1), 'variant': 'correct', 'seed': 0, 'method': 'auto'}
    >>> family.instantiate(widths=(2, 2, 1)) is family.instantiate(widths=(2, 2, 1))  # built once
    True
    """

    parameters: tuple[Parameter, ...]
    build: Callable[..., "Derivation"]  # noqa: F821
    defaults: tuple[Mapping[str, object], ...]
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def complete(self, shape: Mapping[str, object]) -> dict[str, object]:
        """``shape`` with every missing parameter set to its default; unknown names are refused."""
        names = [p.name for p in self.parameters]
        unknown = [k for k in shape if k not in names]
        if unknown:
            raise InvalidInputError(f"unknown shape parameter(s) {', '.join(unknown)}; "
                                    f"this derivation takes {', '.join(names)}")
        return {p.name: shape.get(p.name, p.default) for p in self.parameters}

    def instantiate(self, **shape) -> "Derivation":  # noqa: F821
        """The derivation on the instance ``shape`` (built once per shape, then kept)."""
        full = self.complete(shape)
        key = repr(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in full.items()))
        if key not in self._cache:
            self._cache[key] = self.build(**full)
        return self._cache[key]

    def default_instances(self) -> tuple["Derivation", ...]:  # noqa: F821
        """The default instances, built."""
        return tuple(self.instantiate(**s) for s in self.defaults)


@dataclass(frozen=True)
class ProbeResult:
    """What a probe found: passed or not, the worst relative error, how many checks, the worst place.

    >>> worst = ProbeResult(False, 3e-3, 10, where='output 2', expected='0.5', got='0.5015')
    >>> worst.passed, worst.where
    (False, 'output 2')
    """

    passed: bool
    max_error: float
    checks: int
    where: str = ""
    expected: str = ""
    got: str = ""


@dataclass(frozen=True)
class Probe:
    """A float64 check of a concrete instance: ``method`` (in words), ``tolerance``, ``seed`` and ``run``.

    The verifier turns its result into a verdict (:func:`derivations.verify.report.probe_verdict`):
    ``confirmed`` (never ``proved``) or ``refuted`` with the worst place as counterexample; the seed
    reproduces the random instance and the sampled checks.

    >>> p = Probe('comparison with itself', 1e-12, 7, lambda: ProbeResult(True, 0.0, 3))
    >>> p.run().passed
    True
    """

    method: str
    tolerance: float
    seed: int
    run: Callable[[], ProbeResult]
    arithmetic: str = "float64"
    """What the checks compute in: ``float64``, or ``exact integers`` for counts (still never ``proved``)."""


def instance_id(base: str, shape: Mapping[str, object], *, key: str, variant: str = "correct") -> str:
    """``backprop-delta-widths-3-4-2`` (plus ``-<variant>`` for a deliberately wrong one).

    >>> instance_id('backprop-delta', {'widths': (3, 4, 2)}, key='widths', variant='no-transpose')
    'backprop-delta-widths-3-4-2-no-transpose'
    """
    value = shape[key]
    text = _compact(value, "-") if isinstance(value, (tuple, list)) else str(value)
    return f"{base}-{key}-{text}" + ("" if variant == "correct" else f"-{variant}")


def _compact(values, sep: str) -> str:
    """``256x11`` for eleven equal widths; otherwise the values joined by ``sep``."""
    values = [str(v) for v in values]
    if len(values) >= 4 and len(set(values)) == 1:
        return f"{values[0]}x{len(values)}"
    return sep.join(values)


def choose_method(method: str, small: bool, *, size: int = 0, symbolic_max: int | None = None,
                  numeric_max: int | None = None, unit: str = "parameters") -> str:
    """``symbolic`` or ``numeric``: ``auto`` picks symbolic for small instances.

    ``size`` (in ``unit``) is checked against hard limits, so a huge shape is refused with a clear
    message instead of hanging SymPy or exhausting memory.

    >>> choose_method('auto', True), choose_method('auto', False), choose_method('numeric', True)
    ('symbolic', 'numeric', 'numeric')
    >>> choose_method('numeric', False, size=10**9, numeric_max=10**7)
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: this instance has 1000000000 parameters; numeric checks are limited to 10000000
    """
    if method not in METHODS:
        raise InvalidInputError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    chosen = ("symbolic" if small else "numeric") if method == "auto" else method
    if chosen == "symbolic" and symbolic_max is not None and size > symbolic_max:
        raise InvalidInputError(f"this instance has {size} {unit}; exact symbolic checks are limited to "
                                f"{symbolic_max} (SymPy would run for minutes): use --method numeric")
    if chosen == "numeric" and numeric_max is not None and size > numeric_max:
        raise InvalidInputError(f"this instance has {size} {unit}; numeric checks are limited to {numeric_max}")
    return chosen


def describe_shape(shape: tuple[tuple[str, object], ...]) -> str:
    """``widths=2,3,3,2 (symbolic)``: an instance's shape for reports.

    >>> describe_shape((('widths', (2, 3)), ('variant', 'correct'), ('seed', 0), ('method', 'numeric')))
    'widths=2,3 (numeric, seed 0)'
    """
    d = dict(shape)
    parts = [f"{k}={_compact(v, ',') if isinstance(v, (tuple, list)) else v}"
             for k, v in shape if k not in ("variant", "seed", "method") and v is not None]
    how = d.get("method", "")
    if how == "numeric":
        how += f", seed {d.get('seed', 0)}"
    if d.get("variant", "correct") != "correct":
        how += (", " if how else "") + f"wrong variant {d['variant']}"
    return " ".join(parts) + (f" ({how})" if how else "")


def symbol(base: str, sub: object = None, sup: object = None, **assumptions):
    """A symbol named as it is printed in LaTeX: ``w_{12}^{(2)}`` (indices as in a textbook).

    >>> symbol('w', '12', 2), symbol(r'\\delta', 'j', 'l+1')
    (w_{12}^{(2)}, \\delta_{j}^{(l+1)})
    """
    from sympy import Symbol

    name = base + ("" if sub is None else f"_{{{sub}}}") + ("" if sup is None else f"^{{({sup})}}")
    return Symbol(name, **(assumptions or {"real": True}))
