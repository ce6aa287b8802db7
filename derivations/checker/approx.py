r"""An approximation ``a ≈ 0.591`` checked against the digits written on its right side.

A number written with d decimals claims its value to within half a unit in its last place
(``0.591`` means a value in [0.5905, 0.5915]); notes often truncate instead of rounding
(tanh(0.68) = 0.59152… written ``0.591``), so a value within one unit below the written digits'
next step is accepted too and the verdict says it was truncated, not rounded.  Anything further
off is refuted, with the exact value shown.  Only a left side that is a number (after the
document's definitions) is checked; an approximation between expressions with variables is
listed as not checked.

>>> from sympy import tanh, Rational
>>> status, reason = approximation(tanh(Rational(68, 100)), "0.591", r"\tanh(0.68)")
>>> status
'proved'
>>> print(reason)
\tanh(0.68) = 0.5915193…: 0.591 agrees to the digits written, truncated, not rounded (rounded to 3 decimals it is 0.592)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from itertools import product

import sympy
from sympy import Basic
from sympy.core.function import AppliedUndef

from derivations.checker.matrix_notation import MATRIX, matrix_entries
from derivations.checker.matrix_values import Ambiguous, Instance, ShapeError, Unknown, evaluate
from derivations.checker.parser import LatexParseError, LatexUnsupportedError, parse_expression

__all__ = ["approximation", "as_rounding", "entrywise_approximation", "written_number"]

_NUMBER = re.compile(r"\s*(?:\{\s*)?([+-]?)\s*(\d+(?:\.\d*)?|\.\d+)(?:\s*\})?\s*(?:\\(?:ldots|dots|cdots))?\s*\Z")


def written_number(source: str) -> Decimal | None:
    r"""The decimal number a right side writes (``0.591``, ``-2.50``, ``.5``), digits kept; else None.

    >>> written_number("0.5910"), written_number(" -3 "), written_number(r"\frac{1}{3}")
    (Decimal('0.5910'), Decimal('-3'), None)
    """
    m = _NUMBER.match(source)
    if not m:
        return None
    digits = m.group(2)
    return Decimal(m.group(1) + ("0" + digits if digits.startswith(".") else digits.rstrip(".") or "0"))


def _value(expr: Basic) -> Decimal | None:
    """``expr`` as a decimal to 30 significant digits, or None if it is not a real number."""
    if expr.free_symbols or expr.atoms(AppliedUndef, sympy.Derivative, sympy.Integral):
        return None
    try:
        value = sympy.N(expr, 30)
    except (TypeError, ValueError, ArithmeticError):
        return None
    if not value.is_real or not value.is_number or not value.is_finite or not isinstance(value, sympy.Float):
        return None
    return Decimal(str(value))


def _shown(value: Decimal, places: int) -> str:
    """``value`` with a few more decimals than written, and an ellipsis when cut."""
    shown = value.quantize(Decimal(1).scaleb(-(places + 4)), rounding=ROUND_DOWN)
    return f"{shown.normalize():f}" + ("…" if shown != value else "")


def approximation(lhs: Basic, written: str, left: str = "") -> tuple[str, str]:
    r"""(status, reason) of ``lhs ≈ written``: proved when the digits written hold, refuted when not.

    ``left`` is the left side as written (shown in the reason).  ``not checked`` when ``lhs`` is
    not a number or ``written`` is not a decimal number.

    >>> from sympy import sqrt, Symbol
    >>> approximation(sqrt(2), "1.414")[0], approximation(sqrt(2), "1.42")
    ('proved', ('refuted', 'sqrt(2) = 1.414213…, not ≈ 1.42: to the 2 decimals written it is 1.41 (a value written so must lie within ±0.005)'))
    >>> approximation(Symbol("x"), "1.5")[0]
    'not checked'
    >>> from sympy import Rational
    >>> approximation(Rational(5374, 10000) * (1 - Rational(5374, 10000)), r"0.5374 \cdot 0.4626")[0]
    'proved'
    """
    claimed = written_number(written)
    value = _value(lhs)
    box = _box(written) if claimed is None and value is not None else None
    if box and box[0] <= value <= box[1]:  # 0.5374 · (1 − 0.5374) ≈ 0.5374 · 0.4626: rounded factors
        return "proved", (f"{(left or sympy.sstr(lhs)).strip()} = {_shown(value, 6)}, within {_shown(box[0], 6)}…"
                          f"{_shown(box[1], 6)}: the values {written.strip()} takes with its decimals anywhere in their "
                          "rounding intervals")
    if claimed is None or value is None:
        why = ("its right side is not a number written in decimals" if claimed is None
               else "its left side is not a number")
        return "not checked", f"the relation ≈ is checked only between a number and its written digits: {why}"
    places = max(0, -claimed.as_tuple().exponent)
    unit = Decimal(1).scaleb(-places)
    rounded = value.quantize(unit, rounding=ROUND_HALF_EVEN)
    truncated = value.quantize(unit, rounding=ROUND_DOWN)
    exact = f"{(left or sympy.sstr(lhs)).strip()} = {_shown(value, places)}"
    decimals = f"{places} decimal{'s' if places != 1 else ''}" if places else "the units"
    if abs(value - claimed) <= unit / 2:
        return "proved", (f"{exact}: {written.strip()} agrees to the digits written (within half a unit "
                          f"in the last place, ±{unit / 2})")
    if claimed == truncated:
        return "proved", (f"{exact}: {written.strip()} agrees to the digits written, truncated, not "
                          f"rounded (rounded to {decimals} it is {rounded})")
    return "refuted", (f"{exact}, not ≈ {written.strip()}: to the {decimals} written it is {rounded} "
                       f"(a value written so must lie within ±{unit / 2})")


def entrywise_approximation(lhs: Basic, rhs: Basic, written: str, left: str = "") -> tuple[str, str] | None:
    r"""(status, reason) of ``lhs ≈ [0.8808, 0.9084]``, a vector or matrix of numbers written in
    decimals, entry by entry (:func:`approximation` for each); None when ``rhs`` is no literal of numbers
    or ``lhs`` no matrix of numbers of its size.

    >>> from derivations.checker.parser import parse_expression
    >>> pair = [parse_expression(t) for t in (r"[\frac{1}{1+e^{-2}}, \frac{1}{1+e^{-2.4}}]", "[0.8808, 0.9084]")]
    >>> status, reason = entrywise_approximation(*pair, "[0.8808, 0.9084]")
    >>> status, reason.split(",")[0], reason.endswith("must lie within ±0.00005)")
    ('refuted', 'entry 2: 1/(exp(-12/5) + 1) = 0.9168273…', True)
    """
    if not (getattr(rhs, "func", None) == MATRIX and all(e.is_Number for row in matrix_entries(rhs) for e in row)):
        return None
    numbers = [n.replace(" ", "") for n in re.findall(r"-?\s*\d+(?:\.\d+)?", written)]
    try:
        value = evaluate(lhs, Instance())
    except (Unknown, ShapeError, Ambiguous, TypeError, ValueError, ArithmeticError):
        return None
    if not isinstance(value, sympy.MatrixBase) or len(value) != len(numbers) or len(numbers) != len(rhs.args) - 2:
        return None
    for k, (entry, number) in enumerate(zip(value, numbers)):
        status, reason = approximation(entry, number)
        if status != "proved":
            return status, f"entry {k + 1}: {reason}"
    return "proved", f"{(left or 'each entry').strip()} agrees entry by entry with the digits written ({', '.join(numbers)})"


def as_rounding(step, side: Callable[[int], Basic]):
    r"""A refuted ``=`` step between a number and a decimal written with a point, read as the rounding
    worked examples mean by it (``0.59326999(1-0.59326999) = 0.241300709``): proved when the digits
    written hold (as for ``≈``), and the reason says so; any other step is returned as it is.
    ``side(0)`` and ``side(1)`` give the left and right sides with the document's definitions in.

    >>> from sympy import Rational
    >>> from derivations.checker.report import StepResult
    >>> step = StepResult(3, "2/3", "0.667", "=", "refuted")
    >>> as_rounding(step, [Rational(2, 3), Rational(667, 1000)].__getitem__).reason
    '= between a number and a decimal read as a rounding: 2/3 = 0.6666666…: 0.667 agrees to the digits written (within half a unit in the last place, ±0.0005)'
    >>> as_rounding(StepResult(3, "2/3", "0.65", "=", "refuted"), [Rational(2, 3), Rational(65, 100)].__getitem__).status
    'refuted'
    """
    if step.status != "refuted":
        return step
    for j, written, shown in ((0, step.right, step.left), (1, step.left, step.right)):
        claimed = written_number(written)
        if claimed is None or claimed.as_tuple().exponent >= 0:
            continue  # a side written in decimals, the other a number
        try:
            value = side(j)
        except (TypeError, ValueError, ArithmeticError):  # a side the definitions cannot fill in
            return step
        if _value(value) is None:
            continue
        status, reason = approximation(value, written, shown)
        if status != "proved":
            status, reason = _rounded_inputs(shown, claimed, reason)
        if status == "proved":
            return replace(step, status="proved", verdict=None, hint="",
                           reason=f"= between a number and a decimal read as a rounding: {reason}")
    for j, shown in ((1, step.right), (0, step.left)):  # -\ln(p_1) = -\ln(0.665): 0.665 is p_1 rounded
        box = _box(shown)
        try:
            value = _value(side(1 - j)) if box else None
        except (TypeError, ValueError, ArithmeticError):
            return step
        if value is not None and box[0] <= value <= box[1]:
            return replace(step, status="proved", verdict=None, hint="", reason=(
                f"the decimals of {shown.strip()} read as the rounded values they are (each within half a unit "
                f"of its last digit): it lies in {box[0]:.6f}…{box[1]:.6f}, and the other side is {_shown(value, 6)}"))
    return step


_DECIMAL = re.compile(r"(?<![\\\w.^_])\d+\.\d{3,}")  # 0.9591: a computed value, rounded; 0.5 is data


def _rounded_inputs(shown: str, claimed: Decimal, reason: str) -> tuple[str, str]:
    r"""("proved", why) if ``shown``, a side of numbers only, reaches ``claimed`` (to its digits) when each
    decimal written in it with three or more decimals is anywhere in its own rounding interval (``(0 -
    0.9591)^2 = 0.91988``: 0.9591 is a rounded value, and 0.95910…0.95915 squared gives 0.91988); numbers
    with fewer decimals are data, taken as written (``0.5 \times 0.4 + 0.1 = 0.68`` stays refuted); else
    ("refuted", reason) unchanged.

    >>> _rounded_inputs("(0 - 0.9591)^2", Decimal("0.91988"), "")[0]
    'proved'
    >>> _rounded_inputs(r"0.9591 \cdot (1 - 0.9591)", Decimal("0.03932"), "no")  # a digit swap stays wrong
    ('refuted', 'no')
    >>> _rounded_inputs(r"(0.5 \times 0.4) + (0.8 \times 0.6) + 0.1", Decimal("0.68"), "no")  # data
    ('refuted', 'no')
    """
    box = _box(shown)
    if box is None:
        return "refuted", reason
    unit = Decimal(1).scaleb(claimed.as_tuple().exponent)
    if box[0] - unit / 2 <= claimed <= box[1] + unit / 2:
        return "proved", (f"{shown.strip()} = {claimed} holds with its inputs read as the rounded values "
                          f"they are (each within half a unit of its last digit, the result lies in "
                          f"{box[0]:.{len(str(unit)) + 1}f}…{box[1]:.{len(str(unit)) + 1}f})")
    return "refuted", reason


def _box(shown: str) -> tuple[Decimal, Decimal] | None:
    r"""The least and greatest values of ``shown``, a side of numbers only, with each decimal written in
    it with three or more decimals anywhere in its rounding interval; None for another side.

    >>> [f"{v:.6f}" for v in _box(r"-\ln(0.665)")]
    ['0.407217', '0.408720']
    """
    numbers = list(_DECIMAL.finditer(shown))
    if not 0 < len(numbers) <= 6 or "q" in shown:
        return None
    text = shown
    for n, m in reversed(list(enumerate(numbers))):
        text = text[:m.start()] + f" q_{{{n}}} " + text[m.end():]
    try:
        expr = parse_expression(text)
    except (LatexParseError, LatexUnsupportedError):
        return None
    names = [sympy.Symbol(f"q_{n}") for n in range(len(numbers))]
    if not expr.free_symbols <= set(names) or expr.atoms(AppliedUndef):
        return None
    halves = [Decimal(1).scaleb(Decimal(m.group()).as_tuple().exponent) / 2 for m in numbers]
    values = []
    for signs in product((-1, 0, 1), repeat=len(numbers)):
        point = {q: sympy.Rational(str(Decimal(m.group()) + sign * half))
                 for q, m, sign, half in zip(names, numbers, signs, halves)}
        value = _value(expr.subs(point))
        if value is None:
            return None
        values.append(value)
    return min(values), max(values)
