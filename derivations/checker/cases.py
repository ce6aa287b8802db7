r"""``cases`` environments and conditions written after the math: ``x > 0``, ``z \le 0``, otherwise.

A ``cases`` block whose every row has a condition on one variable against a number (``x > 0``,
``(x \le 0)``, ``\text{if } x \geq 1``) or ``otherwise`` is read as a SymPy ``Piecewise``; a row
with any other condition (an index condition ``i = k``, two variables) refuses the whole block.
A condition after the math of a line (``f(x) = x, \quad x > 0``) is read the same way: the
line's steps are checked with the variable in that interval (the checker says so).

>>> plan_cases(r"\begin{cases} x & (x\gt0)\\ 0 & (x\le0) \end{cases}", 13).conditions
('x|>|0', 'x|<=|0')
>>> read_condition(r"\text{if }\; i=k") is None
True
"""

from __future__ import annotations

import re
import dataclasses
from dataclasses import dataclass
from fractions import Fraction

import sympy

from derivations.core.domains import Domain

__all__ = ["CasesPlan", "NO_CONDITION", "plan_cases", "read_condition", "piecewise", "condition_domain"]

_OPS = {">": ">", "gt": ">", "<": "<", "lt": "<", "ge": ">=", "geq": ">=", "geqslant": ">=",
        "le": "<=", "leq": "<=", "leqslant": "<=", "≥": ">=", "≤": "<="}
_FILLER = re.compile(r"\\(?:text|mbox|textrm|mathrm)\s*\{\s*(?:if|for|when|where)?\s*\}|\\[,;:! ]|"
                     r"\\quad|\\qquad|\\displaystyle|\\(?:left|right|big|Big)(?![A-Za-z])|\bif\b|\bfor\b|\bwhen\b|&")
_CONDITION = re.compile(r"\s*\(?\s*(?P<var>[A-Za-z]|\\(?:alpha|beta|theta|lambda|mu|tau|sigma))\s*"
                        r"(?P<op>>|<|≥|≤|\\(?:gt|lt|ge|geq|geqslant|le|leq|leqslant)(?![A-Za-z]))\s*"
                        r"(?P<bound>-?\s*[0-9]+(?:\.[0-9]+)?)\s*\)?\s*[,.;]?\s*")
_OTHERWISE = re.compile(r"\s*(?:\\text\s*\{\s*(?:otherwise|else|sonst)\s*\}|otherwise|else)\s*[,.]?\s*")


def read_condition(text: str) -> str | None:
    r"""``x > 0`` (with ``\text{if }``, parentheses, spacing) as ``'x|>|0'``; ``'otherwise'``; or None.

    >>> read_condition(r"(x\le0)"), read_condition(r"\text{if } z \geq -1"), read_condition("x > y")
    ('x|<=|0', 'z|>=|-1', None)
    """
    if _OTHERWISE.fullmatch(text):
        return "otherwise"
    m = _CONDITION.fullmatch(_FILLER.sub(" ", text))
    if not m:
        return None
    op = m.group("op").lstrip("\\")
    return f"{m.group('var').lstrip(chr(92))}|{_OPS[op]}|{m.group('bound').replace(' ', '')}"


@dataclass(frozen=True)
class CasesPlan:
    r"""Where the rows of a ``cases`` block are: each row's ``&``, its end, and the condition read.

    >>> plan = plan_cases(r"\begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}", 13)
    >>> plan.ampersands, plan.conditions
    ((16, 29), ('x|>|0', 'otherwise'))
    """

    ampersands: tuple[int, ...]
    row_ends: tuple[int, ...]
    separators: tuple[int, ...]  # where the next row starts (after its \\)
    conditions: tuple[str, ...]
    end: int  # where \end{cases} starts
    after: int  # after \end{cases}


NO_CONDITION = "cases with a row without a condition (no &)"


def plan_cases(text: str, pos: int) -> CasesPlan | str:
    r"""The rows of the ``cases`` body starting at ``pos``, or the reason it is not read.

    >>> plan_cases(r"\begin{cases} a & i = k \end{cases}", 13)[:22]
    'cases with a condition'
    >>> plan_cases(r"\begin{cases} c_1 = a_1 b_1 \\ c_2 = a_2 b_2 \end{cases}", 13)[:46]
    'cases with a row without a condition (no &): a'
    """
    close = text.find(r"\end{cases}", pos, pos + 10_000)  # bounded: no n² scans
    if close < 0:
        return "cases without \\end{cases}"
    rows, depth, k, row_start = [], 0, pos, pos
    while k < close:
        c = text[k]
        if c == "\\" and text.startswith("\\\\", k) and depth == 0:
            rows.append((row_start, k, k + 2))
            k = row_start = k + 2
            continue
        if c == "\\":
            k += 2
            continue
        depth += (c == "{") - (c == "}")
        k += 1
    if text[row_start:close].strip():
        rows.append((row_start, close, close))
    amps, ends, seps, conds = [], [], [], []
    for n, (start, end, sep) in enumerate(rows):
        amp = _top_level_ampersand(text, start, end)
        cond = read_condition(text[amp + 1:end]) if amp is not None else None
        if amp is None:
            return (f"{NO_CONDITION}: a system of equations? write one equation a line, in an aligned block")
        if cond is None or (cond == "otherwise" and n != len(rows) - 1):
            return ("cases with a condition other than one variable against a number "
                    "(x > 0, x \\le 0, otherwise) or, after a left side and =, one between two index "
                    "letters (a = \\begin{cases} … & i = k \\\\ … & i \\neq k \\end{cases}), not on the index of a "
                    "sum on the left (\\sum_k … = \\begin{cases} … & k = i …: the sum split in two?)")
        amps.append(amp)
        ends.append(end if n < len(rows) - 1 else close)
        seps.append(sep)
        conds.append(cond)
    if not rows:
        return "empty cases"
    return CasesPlan(tuple(amps), tuple(ends), tuple(seps), tuple(conds), close,
                     close + len(r"\end{cases}"))


def _top_level_ampersand(text: str, start: int, end: int) -> int | None:
    depth = 0
    for k in range(start, end):
        c = text[k]
        if c == "&" and depth == 0 and text[k - 1] != "\\":
            return k
        depth += (c == "{") - (c == "}")
    return None


def _relation(symbol: sympy.Symbol, op: str, bound: sympy.Basic) -> sympy.Basic:
    cls = {">": sympy.StrictGreaterThan, "<": sympy.StrictLessThan, ">=": sympy.GreaterThan,
           "<=": sympy.LessThan}[op]
    return cls(symbol, bound, evaluate=False)


def _bound(text: str) -> sympy.Rational:
    value = Fraction(text)
    return sympy.Rational(value.numerator, value.denominator)


def piecewise(values: list, conditions: list[str], symbol_of) -> sympy.Basic:
    """``Piecewise((value, condition), …)``; ``symbol_of(name)`` gives the symbol the builder uses.

    >>> piecewise([sympy.Integer(1), sympy.Integer(0)], ["x|>|0", "otherwise"], sympy.Symbol)
    Piecewise((1, x > 0), (0, True))
    """
    pairs = []
    for value, cond in zip(values, conditions):
        if cond == "otherwise":
            pairs.append((value, sympy.true))
            continue
        name, op, bound = cond.split("|")
        pairs.append((value, _relation(symbol_of(name), op, _bound(bound))))
    return sympy.Piecewise(*pairs, evaluate=False)


def condition_domain(cond: str):
    """The open interval a condition ``'x|>|0'`` puts its variable in: (name, Domain, description).

    >>> name, domain, text = condition_domain("x|<=|0")
    >>> name, domain.describe(), text
    ('x', '(-inf, 0)', 'x ≤ 0')
    """
    name, op, bound = cond.split("|")
    value = Fraction(bound)
    domain = Domain(lo=value) if op in (">", ">=") else Domain(hi=value)
    shown = {">": ">", "<": "<", ">=": "≥", "<=": "≤"}[op]
    return name, domain, f"{name} {shown} {bound}"


def piece_intervals(exprs) -> tuple[str, list[Domain], list[Fraction]] | None:
    """The open intervals between the boundaries of the ``Piecewise`` in ``exprs``, or None.

    Only when every condition compares one and the same variable with numbers: then a step is
    checked on each open piece (x < 0, x > 0), never at a boundary, where one-sided conventions
    (the derivative of max(0, x) at 0) differ.

    >>> x = sympy.Symbol("x")
    >>> name, pieces, ends = piece_intervals([sympy.Piecewise((x, x > 0), (0, True))])
    >>> name, [p.describe() for p in pieces], ends
    ('x', ['(-inf, 0)', '(0, inf)'], [Fraction(0, 1)])
    """
    conditions = [c for e in exprs for p in e.atoms(sympy.Piecewise) for _v, c in p.args
                  if c is not sympy.true]
    if not conditions:
        return None
    names = {str(s) for c in conditions for s in c.free_symbols}
    if len(names) != 1 or not all(isinstance(c, sympy.core.relational.Relational)
                                  and c.rhs.is_Rational for c in conditions):
        return None
    ends = sorted({Fraction(int(c.rhs.p), int(c.rhs.q)) for c in conditions})
    bounds = [None, *ends, None]
    return names.pop(), [Domain(lo, hi) for lo, hi in zip(bounds, bounds[1:])], ends


def unfolded_pieces(exprs, definitions: tuple) -> tuple[str, list[Domain], list[Fraction]] | None:
    """:func:`piece_intervals` of ``exprs`` with the ``definitions`` unfolded; at once None when no
    ``Piecewise`` can appear (none in the expressions, none in a definition's body), since unfolding
    every step's sides only to look for one took a quarter of the checker's own time on long notes.

    >>> x = sympy.Symbol("x")
    >>> unfolded_pieces([sympy.exp(x)], ()) is None, unfolded_pieces([sympy.Piecewise((x, x > 1), (0, True))], ())[2]
    (True, [Fraction(1, 1)])
    """
    if not any(e.has(sympy.Piecewise) for e in exprs) and not any(_has_cases(d.body) for d in definitions):
        return None
    from derivations.core.definitions import unfold

    return piece_intervals([unfold(e, definitions) for e in exprs])


def _has_cases(body) -> bool:
    try:
        return body.has(sympy.Piecewise)
    except (AttributeError, TypeError):  # not a SymPy object: look the slow way
        return True


def by_pieces(name: str, pieces: list, ends: list, check) -> tuple:
    """Check a step on each piece (``check(name, domain)`` gives a Verdict): (verdict, reason).

    The first refuted piece is the answer; otherwise the weakest verdict, with the pieces named.
    """
    verdicts = []
    for domain in pieces:
        verdict = check(name, domain)
        where = f"for {name} in {domain.describe()}"
        if not verdict.ok:
            return verdict, f"{where} (a piece of the cases)"
        verdicts.append(verdict)
    weakest = next((v for v in verdicts if v.status != "proved"), verdicts[0])
    points = ", ".join(str(e) for e in ends)
    return weakest, (f"checked on each piece of the cases ({', '.join(d.describe() for d in pieces)}); "
                     f"not at {name} = {points}, where the pieces meet")


def with_conditions(chains: list, conditions: list, where) -> list:
    r"""Each condition (offset, 'x|>|0') given to the chain it follows on the same line.

    Only a chain that stands on that one line takes it (``a = b, \quad x > 0``); a condition after
    one line of a chain over several lines would restrict the other lines too, so it is refused.
    """
    out = list(chains)
    for offset, cond in conditions:
        k = max((k for k, c in enumerate(out) if c.spans[0][0] < offset), default=None,
                key=lambda k: out[k].spans[0][0])  # the chain that starts last before it
        chain = out[k] if k is not None else None
        if chain is None or chain.condition or "\\\\" in where.text[chain.spans[0][0]:offset] or (
                "\n" in where.text[chain.spans[0][0]:offset].strip()):
            raise where.unsupported("condition after the math (the claim holds only under it)", offset)
        out[k] = dataclasses.replace(chain, condition=cond)
    return out


def under_condition(cond: str, domains: dict) -> tuple[dict, str]:
    """``domains`` with the condition's variable restricted to it, and the note saying so.

    >>> doms, note = under_condition("x|>|0", {})
    >>> doms["x"].describe(), note
    ('(0, inf)', 'checked under the condition x > 0 written after the math (x in (0, inf))')
    """
    if ";" in cond:  # "(N, M > 0)": one bound on each name
        for part in cond.split(";"):
            domains, _note = under_condition(part, domains)
        parts = [condition_domain(part) for part in cond.split(";")]
        where = ", ".join(f"{name} in {domains[name].describe()}" for name, _d, _t in parts)
        return domains, (f"checked under the condition {', '.join(t for _n, _d, t in parts)} written "
                         f"after the math ({where})")
    name, domain, text = condition_domain(cond)
    old = domains.get(name)
    if old is not None:
        lo = max((v for v in (old.lo, domain.lo) if v is not None), default=None)
        hi = min((v for v in (old.hi, domain.hi) if v is not None), default=None)
        domain = Domain(lo, hi)
    return {**domains, name: domain}, f"checked under the condition {text} written after the math ({name} in {domain.describe()})"
