r"""Values the document states (``E_{o1} = … = 0.274811083``) and steps checked with them.

Worked examples compute a quantity in a chain that ends in a number, then use that number:
``E_{o1} = \frac{1}{2}\|target_{o1} - out_{o1}\|^2 = … = 0.274811083`` and later
``E_{total} = E_{o1} + E_{o2} = 0.274811083 + 0.023560026``.  When the chain stating the value
cannot be read (here the norm bars), or its inputs are given in the prose only, the later step is
false for an unknown E_{o1}, yet right given the stated value.

The semantics: a step that is refuted as written, but holds once quantities whose numeric value
the document stated (on an earlier line) are replaced by those values, holds *given* them; the
verdict says so ("given E_{o1} = 0.274811083 (line 25)").  This cannot hide an error: the stated
value is itself a step of the document (checked, or listed as not read, which keeps the exit
status from 0), the replacement is exact, and a step with a derivative of a replaced quantity is
never retried (a value at one point says nothing about a derivative).

>>> from sympy import Symbol, Rational
>>> e = Symbol("E")
>>> [g.text for g in chain_values((e, Symbol("t"), Rational(1, 4)), ("=", "="), 3)]
['given E = 1/4 (line 3)']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from sympy import Basic, Derivative, Symbol

__all__ = ["Given", "chain_values", "hidden_dependence", "unread_values", "unread_head", "unread_definition", "name_stem",
           "retry_given", "named_in_chain"]


@dataclass(frozen=True)
class Given:
    """A quantity and the value the document gives it (stated, or rounded with ≈), and how to say so.

    >>> from sympy import Symbol, Rational
    >>> Given(Symbol("E"), Rational(1, 4), 3, "given E = 1/4 (line 3)").line
    3
    """

    key: Basic  # a symbol (E_{o1}) or an expression (σ(1.1))
    value: Basic  # a number
    line: int
    text: str  # "given E_{o1} = 0.274811083 (line 25)"


def _number(expr: Basic) -> bool:
    return getattr(expr, "is_Number", False) is True


def chain_values(items: tuple, ops: tuple, line: int, source: str = "") -> list[Given]:
    """The value a chain ``name = … = number`` (all ``=``) states for its name.

    >>> from sympy import Symbol, Integer
    >>> chain_values((Symbol("x"), Integer(2)), ("<",), 1)
    []
    """
    if (len(items) >= 2 and isinstance(items[0], Symbol) and _number(items[-1])
            and all(op == "=" for op in ops)):
        written = source or str(items[-1])
        return [Given(items[0], items[-1], line, f"given {items[0]} = {written} (line {line})")]
    return []


_ENV = re.compile(r"\\(?:begin|end)\{[A-Za-z*]+\}")
_OTHER_RELATIONS = re.compile(r"\\(?:approx|le|leq|ge|geq|neq|ne|lt|gt|Rightarrow|implies|iff|quad|text)"
                              r"(?![A-Za-z])|[<>≈≤≥]|:=")


def _top_level_split(body: str) -> list[tuple[int, str]]:
    """``body`` cut at each ``=`` outside braces, with the offset of each piece."""
    pieces, depth, start = [], 0, 0
    for k, ch in enumerate(body):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == "=" and depth == 0:
            pieces.append((start, body[start:k]))
            start = k + 1
    return pieces + [(start, body[start:])]


def name_stem(name: str) -> str:
    r"""A name without its subscript: the family of y_i, y_1 and y_{ij}.

    >>> name_stem("y_{ij}"), name_stem("\\sigma")
    ('y', 'sigma')
    """
    return name.split("_")[0].lstrip("\\")


def hidden_dependence(lhs: Basic, rhs: Basic, verdict, dependents: dict, raw: list) -> str:
    """Why an instance's refutation is not certain: a quantity it takes as a free number (y_1) is,
    by a derivative the document writes (∂y_k/∂z_i, in ``dependents``), a function of the variable
    the step differentiates by (z), and the instance has no definition of it; else ``""``.

    >>> from sympy import Symbol
    >>> hidden_dependence(Symbol("a"), Symbol("b"), None, {}, [])
    ''
    """
    ce = getattr(getattr(verdict, "numeric", None), "counterexample", None)
    variables = {name_stem(str(v)) for e in (lhs, rhs) for d in e.atoms(Derivative) for v in d.variables}
    for name, _value in (ce.point if ce is not None else ()):
        for quantity, on in dependents.items():
            if (name_stem(name) == name_stem(str(quantity)) and Symbol(name) not in raw
                    and (variables & {name_stem(str(v)) for v in on}) - {name_stem(name)}):  # not z^(l+1) of z^(l)
                return (f"the instance takes {name} as a free number, while the document writes "
                        f"∂{quantity}/∂{', '.join(sorted(map(str, on)))} (so {quantity} depends on it) without "
                        "a definition the instance can use: not checked")
    return ""


def unread_head(block, parse: Callable[[str], Basic]) -> dict[str, int]:
    r"""{stem: line} of the name a block the parser could not read defines, when it starts ``name = …``.

    A step that uses that name must not be refuted for it: the block may well have defined it
    (``y_i = \frac{e^{x_i}}{\sum e^{x_k}}, for~i=1,..., C`` was refused for its range).

    >>> from types import SimpleNamespace
    >>> from derivations.checker.parser import parse_expression
    >>> block = SimpleNamespace(body="\ny_i = \\frac{e^{x_i}}{\\sum e^{x_k}}, for~i=1,..., C\n", line=12)
    >>> unread_head(block, parse_expression)
    {'y': 13}
    >>> unread_head(SimpleNamespace(body=r"\|x\| = 1", line=1), parse_expression)
    {}
    """
    pieces = _top_level_split(_ENV.sub(" ", block.body))
    if len(pieces) < 2:
        return {}
    try:
        head = parse(re.sub(r"\\\\|&", " ", pieces[0][1]).strip())
    except Exception:  # noqa: BLE001 - any parser refusal means: no name read
        return {}
    if not isinstance(head, Symbol):
        return {}
    blank = len(block.body) - len(block.body.lstrip())
    return {name_stem(head.name): block.line + block.body[:blank].count("\n")}


def unread_definition(exprs: Iterable[Basic], unread: dict, defined: set) -> str:
    """Why a refuted step may be wrong only for want of a definition the parser could not read, or "".

    >>> unread_definition([Symbol("y_1") + 1], {"y": 13}, set())
    'it uses a name the unread block on line 13 may define'
    >>> unread_definition([Symbol("y_1") + 1], {"y": 13}, {Symbol("y_1")})
    ''
    """
    lines = sorted({unread[name_stem(s.name)] for e in exprs for s in e.free_symbols
                    if name_stem(s.name) in unread and s not in defined})
    return f"it uses a name the unread block on line {lines[0]} may define" if lines else ""


def unread_values(body: str, line: int, parse: Callable[[str], Basic]) -> list[Given]:
    r"""The value stated by a block the parser could not read, when it is ``name &= … \\ &= number``.

    Only a single chain of ``=`` qualifies: every row after the first starts with ``=`` or ``&=``.

    >>> from derivations.checker.parser import parse_expression
    >>> body = "E &= \\frac{1}{2}\\|t - o\\|^2 \\\\\n&= 0.25"
    >>> [g.text for g in unread_values(body, 10, parse_expression)]
    ['given E = 0.25 (line 11)']
    >>> unread_values(r"E &= \|t\| \\ F &= 0.25", 10, parse_expression)
    []
    """
    text = _ENV.sub(" ", body)
    if _OTHER_RELATIONS.search(text):
        return []
    rows = [r.strip() for r in re.split(r"\\\\", text)]
    if any(r and not r.lstrip("&").lstrip().startswith("=") for r in rows[1:]):
        return []
    pieces = _top_level_split(text)
    if len(pieces) < 2:
        return []
    head, (offset, last) = pieces[0][1], pieces[-1]
    clean = [re.sub(r"\\\\|&", " ", p).strip().rstrip(".,;").strip() for p in (head, last)]
    try:
        name, value = parse(clean[0]), parse(clean[1])
    except Exception:  # noqa: BLE001 - any parser refusal means: no statement read
        return []
    if not isinstance(name, Symbol) or not _number(value):
        return []
    where = line + text.count("\n", 0, offset)
    return [Given(name, value, where, f"given {name} = {clean[1]} (line {where})")]


def retry_given(sides: tuple, given: Iterable[Given], unfolded: Callable[[Basic], Basic],
                check: Callable[[Basic, Basic], object], refute: bool = False) -> tuple[object, str] | None:
    """A refuted step checked again with the given values in place: (verdict, reason) if it then holds
    (or, with ``refute``, for a step that cannot be decided otherwise, if it then fails).

    ``unfolded`` applies the document's symbol definitions, ``check`` is the step's checker.  A
    quantity whose definition already gives its number is left alone; of several names for one
    quantity (ŷ, σ(a), σ(1.1) ≈ 0.75) the reason cites the one the step writes, else the first.

    >>> from sympy import Symbol, Rational
    >>> e = Symbol("E")
    >>> g = [Given(e, Rational(1, 4), 2, "given E = 0.25 (line 2)")]
    >>> class V:
    ...     ok = True
    >>> retry_given((e + 1, Rational(5, 4)), g, lambda x: x, lambda a, b: V() if a == b else None)[1]
    'holds given E = 0.25 (line 2)'
    """
    groups: dict = {}
    for g in given:  # one value per quantity: the last statement wins
        meaning = unfolded(g.key)
        if not _number(meaning):
            groups[(meaning, g.line)] = groups.get((meaning, g.line), []) + [g]
    latest = {m: gs for (m, _line), gs in sorted(groups.items(), key=lambda kv: kv[0][1])}
    raw, sides = sides, tuple(unfolded(s) for s in sides)
    rule, used = {}, []
    for meaning, group in latest.items():
        keys = {meaning} | {g.key for g in group}
        if not any(s.has(k) for s in sides for k in keys):
            continue
        if any(d.has(k) for s in sides for d in s.atoms(Derivative) for k in keys):
            return None  # a derivative of a quantity known at one point only: never retried
        rule.update({k: group[0].value for k in keys})
        used.append(next((g for g in group if any(s.has(g.key) for s in raw)), group[0]))
    if not rule:
        return None
    verdict = check(*(s.xreplace(rule) for s in sides))
    texts = "; ".join(g.text for g in sorted(used, key=lambda g: g.line))
    if refute and getattr(verdict, "status", "") == "refuted":
        return verdict, f"fails {texts}"
    if verdict is None or not getattr(verdict, "ok", False):
        return None
    return verdict, f"holds {texts}"


def named_in_chain(items: list, k: int, known: set, unfolded: Callable[[Basic], Basic]) -> str:
    r"""Why link ``k`` of a chain is not refuted: its left side holds a name the chain itself brought
    in after its head, undefined (``\frac{\partial net}{\partial w_1} = i = 0.05``: i is named in the
    first link, and ``i = 0.05`` gives it its value); ``known`` holds the names seen or defined before.

    >>> from sympy import Symbol, Rational
    >>> i, net, w = Symbol("i"), Symbol("net"), Symbol("w")
    >>> named_in_chain([Derivative(net, w), i, Rational(1, 20)], 1, set(), lambda e: e)
    'i is named in this chain (not before, and not defined), so the step may only give its value; define i to check it'
    >>> named_in_chain([Derivative(net, w), i, Rational(1, 20)], 1, {i}, lambda e: e)
    ''
    >>> named_in_chain([Derivative(net, w), 2 * i, Rational(1, 20)], 1, set(), lambda e: e)
    ''
    """
    if k == 0 or not isinstance(items[k], Symbol) or unfolded(items[k + 1]).free_symbols:
        return ""  # only a lone name equated to a number: i = 0.05
    if items[k] in known or items[k] in unfolded(items[0]).free_symbols:
        return ""
    name = str(items[k])
    return (f"{name} is named in this chain (not before, and not defined), so the step may only give "
            f"its value; define {name} to check it")
