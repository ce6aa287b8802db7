r"""Reasons written inside a chain (``\because …``) and names that differ only in case.

A ``\because`` line inside an ``align`` (``J &= … \\ \because \sigma(z_i) &= P_i = … \\ &= …``) is
the reason of the step after it: :mod:`.lines` reads it as a statement of its own, before the chain
it interrupts.  Two readings here keep such reasons honest:

* a reason that names a quantity (``\because \sigma(z_i) = P_i = \frac{1}{1+e^{-z_i}}``: P_i appears
  here for the first time, alone in the middle) defines it by its left side, and the rest of the
  reason is checked against that definition;
* a step refuted only through a name the document never defines, while it defines the same name in
  the other case (``p_i`` used, ``P_i`` defined), is not checked: the note names both, since the
  document may mean one quantity.

>>> from derivations.checker.check import check_text
>>> text = "$$\\begin{align} J &= 2p \\\\ \\because \\sigma(z) &= P = \\frac{1}{1+e^{-z}} \\\\ &= 2\\sigma(z) \\end{align}$$"
>>> [(s.relation, s.status) for s in check_text(text).steps]
[(':=', 'definition'), ('=', 'proved'), (':=', 'definition'), ('=', 'not checked')]
"""

from __future__ import annotations

import dataclasses
import re

from sympy import Symbol

from derivations.checker.indexed import kept_sums

__all__ = ["glued_d", "named_by_reason", "open_operator", "other_case", "states_no_relation", "unread_reason"]

_GLUED_D = re.compile(r"(?<![A-Za-z\\^_])d(?=[A-Za-z]|\\[A-Za-z])")  # dX, d\hat y; not \sum_{i=0}^d\theta_i


def glued_d(undefined: set, source: str) -> str:
    r"""Why a step with a ``d`` written against a name (dX, dz, d\hat y) is not checked: it is
    the gradient's name or a differential far more often than d times X ("" when there is none).
    ``undefined`` are the step's symbols the document does not define, ``source`` its text.

    >>> d = {Symbol("d"), Symbol("X")}
    >>> glued_d(d, "dX = 2 d X")[:27], glued_d(d, r"\sum_{i=0}^d\theta_i x_i = d X")
    ('d written against a name (d', '')
    """
    if any(s.name == "d" for s in undefined) and _GLUED_D.search(source):
        return ("d written against a name (dX, dz) may be a differential or a gradient's name, not d "
                "times the name; write d\\,X for a product, or name the gradient (\\delta X)")
    return ""

_ANGLE_ARGUMENT = re.compile(
    r"(?P<op>\\(?:text|mathrm|operatorname)\{(?P<word>[A-Za-z]+)\}|(?P<plain>[A-Za-z]{3,}))\s*"
    r"(?:\\left)?\(\s*(?P<deg>-?\d+(?:\.\d+)?)\s*\^\s*\{?\s*\\circ\s*\}?\s*(?:\\right)?\)")


_RELATION = re.compile(
    r"[=<>≤≥≠≈≡∈∉∝∼≃≅→←↔⇒⇐⇔⟹⟸⟺↦⊂⊆≪≫≲≳]|\\(?:[lg]eq?q?|[lg]t|n?eq|neq?|approx|equiv|propto|sim(?:eq)?|cong|"
    r"not?in|in\b|subset(?:eq)?|to\b|mapsto|gets|(?:long)?(?:left|right|leftright)arrow|(?:Long)?(?:Left|Right|"
    r"Leftright|LeftRight)arrow|implies|impliedby|iff|coloneqq|eqqcolon|triangleq|doteq|lesssim|gtrsim|ll|gg|"
    r"prec|succ|models|vdash|not)(?![A-Za-z])", re.IGNORECASE)  # \left is not \le


_OPEN_OPERATOR = re.compile(r"\\[dtc]?frac\s*\{\s*(?:\\partial|d)\s*\}\s*\{(?:[^{}]|\{[^{}]*\})*\}(?!\s*(?:\\left|\\big|\\Big|[(\[{]))")


def _closes_first(operand: str) -> bool:
    r"""True when a bracket or brace opened before ``operand`` closes in it (the operator's group ends
    before the sign that follows).

    >>> _closes_first(r" x^{(i)}}{h(x)} "), _closes_first(r" x) "), _closes_first(r" x^{(i)} ")
    (True, True, False)
    """
    depth = 0
    for ch in operand:
        depth += (ch in "({[") - (ch in ")}]")
        if depth < 0:
            return True
    return False


def open_operator(sources: list) -> str:
    r"""Why a refuted step may be a misreading: ``\frac{\partial}{\partial w} w a + b`` writes a derivative
    operator before a sum without brackets: its operand is the first term (as read) or the whole sum
    (as notes often mean: ∂/∂w (wa + b) = a)?

    >>> open_operator([r"\frac{\partial z}{\partial w}", r"\frac{\partial }{\partial w} w a + b"])[:45]
    '\\frac{\\partial }{\\partial w} is followed by a'
    >>> open_operator([r"\frac{\partial}{\partial w} (w a + b)", "a"]), open_operator([r"\frac{d}{dx} x^2", "2x"])
    ('', '')
    >>> open_operator([r"\frac{d}{dx} x^2 + \frac{d}{dx} x", "2x + 1"])  # each term has its operator
    ''
    >>> open_operator([r"\left(\frac{d}{dx} + 1\right) e^{x}", "2e^x"])  # an operator sum, no operand yet
    ''
    >>> open_operator([r"\frac{y \frac{\partial}{\partial t} t x}{h} + 1", "x"])  # inside a numerator
    ''
    """
    for source in sources:
        m = _OPEN_OPERATOR.search(source)
        rest = source[m.end():].split("=")[0] if m else ""
        plus = re.search(r"(?<![{(\[^_])\s[+-]\s|[^{(\[^_\s][+-]", rest)
        operand = rest[:plus.start() + 1] if plus else ""  # what stands between the operator and the sign
        closed = _closes_first(operand)  # (∂/∂x x) + 1, \frac{a ∂/∂x x}{b} + 1: the group round it closes first
        if (plus and operand.strip(" +-") and not closed
                and not re.match(r"\s*\\[dtc]?frac\s*\{\s*(?:\\partial|d)", rest[plus.end():])):  # each term its own ∂/∂x
            return (f"{m.group().strip()} is followed by a sum without brackets: its operand is read as the first "
                    f"term, but it may be the whole sum (write the brackets to check the step)")
    return ""


def states_no_relation(body: str) -> bool:
    r"""True when a math block holds no relation at all (no =, <, \le, \to, \in, ⇒, …): it claims
    nothing, so a block of it that cannot be read loses no step (an objective, ``\min_x f(x)``).

    Any sign of a relation counts, even in a subscript (``\sum_{i=1}``) or a remark: when in doubt,
    the block is one that may claim something.

    >>> states_no_relation(r"\min_x\,\frac{1}{2}px^2+qx +r\,.")
    True
    >>> [states_no_relation(t) for t in (r"\nabla f \le 0", r"\sum_{i=1}^n x_i", r"x \to 0", "a ⇒ b")]
    [False, False, False, False]
    >>> states_no_relation(r"\min_{w} \left\lVert \hat{y} - y \right\rVert_2^2")  # \left is no \le
    True
    """
    return _RELATION.search(body) is None


def named_by_reason(chain, defined: set, seen: set) -> Symbol | None:
    r"""The fresh name a ``\because`` chain ``a = N = …`` introduces in its middle, else None.

    >>> from derivations.checker.parser import parse_chains
    >>> [chain] = parse_chains(r"\because \sigma(z) = P = \frac{1}{1+e^{-z}}")
    >>> named_by_reason(chain, set(), set())
    P
    """
    if chain.leading != "because" or len(chain.items) < 3 or chain.ops[0] != "=":
        return None
    name = chain.items[1]
    if (isinstance(name, Symbol) and name not in defined and name not in seen
            and name not in chain.items[0].free_symbols):
        return name
    return None


def other_case(step, sides, defined: set):
    r"""``step`` not checked when it is refuted only through an undefined name whose other-case twin
    the document defines (``p_i`` and ``P_i``); else ``step`` unchanged.

    >>> from sympy import Symbol
    >>> from derivations.checker.report import StepResult
    >>> step = StepResult(3, "p", "q", "=", "refuted")
    >>> other_case(step, [Symbol("p")], {Symbol("P")}).reason
    'p is not defined, but the document defines P (the same name in the other case): it may mean P; write one name to check the step'
    >>> from derivations.checker.parser import parse_expression
    >>> other_case(step, [parse_expression(r"\\sum_{j=0}^{n} x_j")], {Symbol("J")}).status  # j is bound
    'refuted'
    """
    if step.status != "refuted":
        return step
    names = {str(s): s for s in defined}
    bound = {k.index for e in sides for k in kept_sums(e)}  # Σ_j beside J: j is the sum's, not a name
    for symbol in sorted(set().union(*(e.free_symbols for e in sides)) - set(defined) - bound, key=str):
        twins = [n for n in names if n != str(symbol) and n.lower() == str(symbol).lower()]
        if twins:
            return dataclasses.replace(step, status="not checked", reason=(
                f"{symbol} is not defined, but the document defines {twins[0]} (the same name in the "
                f"other case): it may mean {twins[0]}; write one name to check the step"), hint="")
    return step


def unread_reason(body: str, message: str) -> str:
    r"""Why a block that cannot be read is skipped: ``message``, or, where it says precisely what is
    missing, that.

    An operation written with only an angle as its argument (``\text{flip}(180^\circ)``, "rotate
    by 180°") names no matrix for it to act on: the relation gives its right side no value, so
    there is nothing to check, whatever the angle is read as.

    >>> print(unread_reason(r"\frac{dL}{dx} = \frac{dL}{dy} \otimes \text{flip}(180^\circ)", r"^\circ"))
    flip(180°) is an operation by an angle (180°) whose argument is only that angle: it names no matrix to flip, so the right side has no value to check (^\circ)
    >>> unread_reason(r"\theta = 90^\circ", r"an angle in degrees (^\circ)")
    'an angle in degrees (^\\circ)'
    """
    m = _ANGLE_ARGUMENT.search(body)
    if not m or "circ" not in message:
        return message
    word = m.group("word") or m.group("plain")
    return (f"{word}({m.group('deg')}°) is an operation by an angle ({m.group('deg')}°) whose argument is "
            f"only that angle: it names no matrix to {word.lower()}, so the right side has no value to "
            f"check ({message})")
