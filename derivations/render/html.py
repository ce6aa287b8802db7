"""HTML for Jupyter: a verdict, a step, a verification report and a checker report as tables.

Each verdict is a coloured badge (proved green, confirmed blue, inconclusive amber, refuted red);
a refuted check shows its counterexample as a small table (the point, both sides, their
difference).  Mathematics is written as ``\\(...\\)`` for the notebook's MathJax: expressions by
SymPy's LaTeX printer, justifications by :func:`~derivations.render.latex.why_math` (words as
text, expressions as math), so nothing escaped for LaTeX text reaches the page.

The model and the verifier reach these functions through :mod:`derivations.core.hooks` (their
``_repr_html_`` methods); the checker's report imports this module directly.

>>> from sympy import Symbol
>>> from derivations.verify.recipe import check_equal
>>> x = Symbol('x')
>>> page = verdict_html(check_equal(x + x, 3 * x))
>>> 'refuted' in page, 'counterexample' in page
(True, True)
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Iterable

from derivations.render.latex import math_latex, why_math
from derivations.verify.verdict import worst_status

if TYPE_CHECKING:  # pragma: no cover
    from derivations.core.model import Step
    from derivations.verify.report import Report, StepReport
    from derivations.verify.verdict import Counterexample, Verdict

__all__ = ["COLOURS", "badge", "verdict_html", "step_html", "report_html", "check_html"]

COLOURS = {
    "proved": ("#1a7f37", "#dafbe1"),
    "confirmed": ("#0550ae", "#ddf4ff"),
    "inconclusive": ("#7d4e00", "#fff8c5"),
    "refuted": ("#cf222e", "#ffebe9"),
}
"""Verdict -> (text colour, background); any other status (``not checked``, ``definition``...) is grey."""
_GREY = ("#57606a", "#eaeef2")

_TABLE = 'style="border-collapse:collapse;text-align:left"'
_CELL = 'style="border-top:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top"'


def badge(status: str) -> str:
    """A verdict as a coloured label.

    >>> badge('refuted')
    '<span class="derivations-verdict" style="color:#cf222e;background:#ffebe9;padding:1px 6px;border-radius:4px;font-weight:600">refuted</span>'
    """
    fg, bg = COLOURS.get(str(status), _GREY)
    return (f'<span class="derivations-verdict" style="color:{fg};background:{bg};padding:1px 6px;'
            f'border-radius:4px;font-weight:600">{escape(str(status))}</span>')


def _math(latex: str) -> str:
    """Inline math for MathJax, HTML-escaped (``<`` and ``&`` in LaTeX stay LaTeX)."""
    return escape(rf"\({latex}\)", quote=False)


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """An HTML table from header words (none: no header row) and rows of cells that are already HTML."""
    out = [f"<table {_TABLE}>"]
    if head:
        out.append("<thead><tr>" + "".join(f"<th {_CELL}>{escape(h)}</th>" for h in head) + "</tr></thead>")
    out.append("<tbody>")
    out += ["<tr>" + "".join(f"<td {_CELL}>{c}</td>" for c in row) + "</tr>" for row in rows]
    return "\n".join(out + ["</tbody>", "</table>"])


def counterexample_html(ce: "Counterexample") -> str:
    """A counterexample as a table: the point, the two sides and their difference."""
    point = ", ".join(f"{k} = {v}" for k, v in ce.point) or "(no free symbols)"
    rows = [["at", escape(point)], ["left", escape(ce.lhs)], ["right", escape(ce.rhs)],
            ["left − right", escape(ce.difference)]]
    return '<div class="derivations-counterexample"><em>counterexample</em>\n' + _table((), rows) + "</div>"


def _evidence(v: "Verdict") -> str:
    """A verdict's description, and its counterexample when it has one."""
    text = escape(v.describe())
    ce = getattr(v.numeric, "counterexample", None)
    return text + ("\n" + counterexample_html(ce) if ce is not None else "")


def verdict_html(v: "Verdict") -> str:
    """One verdict: its badge, how it was reached, and the counterexample where one exists.

    >>> from sympy import Symbol
    >>> from derivations.verify.recipe import check_equal
    >>> x = Symbol('x')
    >>> print(verdict_html(check_equal(x * (x + 1), x**2 + x)))  # doctest: +ELLIPSIS
    <div class="derivations-verdict-block"><span ...>proved</span> proved by expand; confirmed at 20 points ...</div>
    """
    return f'<div class="derivations-verdict-block">{badge(v.status)} {_evidence(v)}</div>'


def step_html(step: "Step") -> str:
    """One step of a derivation: its equation, its justification (math rendered) and its label.

    >>> import derivations
    >>> print(step_html(derivations.get('sigmoid-symmetry').step('multiply')))  # doctest: +NORMALIZE_WHITESPACE
    <div class="derivations-step"><code>sigmoid-symmetry:multiply</code> (equals)
    <div>\\[\\frac{1}{1 + e^{z}} = \\frac{e^{- z}}{e^{- z} + 1}\\]</div>
    <div>why: \\(\\text{multiply numerator and denominator by }e^{- z}\\)</div></div>
    """
    refs = f" [{escape(', '.join(step.refs))}]" if step.refs else ""
    equation = escape(rf"\[{math_latex(step.lhs)} = {math_latex(step.rhs)}\]", quote=False)
    return (f'<div class="derivations-step"><code>{escape(step.label)}</code> ({escape(str(step.kind))})\n'
            f"<div>{equation}</div>\n<div>why: {_math(why_math(step.why))}{refs}</div></div>")


def _step_row(s: "StepReport") -> list[str]:
    why = _math(why_math(s.why)) if s.why else escape(s.justification)
    if s.origins or not s.verdicts:
        how = "<br>".join(escape(line) for line in s.lines())
        bad = next((v for v in s.verdicts if not v.ok), None)
        if bad is not None and getattr(bad.numeric, "counterexample", None) is not None:
            how += "\n" + counterexample_html(bad.numeric.counterexample)
    else:
        how = "<br>".join(_evidence(v) for v in s.verdicts)
    return [f"<code>{escape(s.label.split(':', 1)[-1])}</code>", badge(s.status), why, how]


def report_html(report: "Report") -> str:
    """A verification report: its summary and a table with each step's verdict (coloured), why, and how.

    >>> import derivations
    >>> page = report_html(derivations.get('sigmoid-symmetry').verify())
    >>> page.count('<tr>'), page.count('>proved</span>')  # a header and 5 steps; the summary and 5 steps
    (6, 6)
    >>> r'\\(\\text{multiply numerator and denominator by }e^{- z}\\)' in page
    True
    """
    rows = [_step_row(s) for s in report.steps]
    return (f'<div class="derivations-report"><p><strong>{escape(report.derivation)}</strong>: '
            f"{badge(worst_status(s.status for s in report.steps))} {escape(report.summary().split(': ', 1)[1])}</p>\n"
            + _table(["step", "verdict", "justification", "how it was checked"], rows) + "</div>")


def check_html(report) -> str:
    """A checker report (:class:`derivations.checker.check.CheckReport`): notes, then a table per chain.

    Each written step shows as math (the LaTeX as written), with its verdict, the evidence or the
    reason, the hint, and the counterexample where one exists.

    >>> from derivations.checker.check import check_text
    >>> page = check_html(check_text("$$x + x = 2x = 3x$$", path="note.md"))
    >>> page.count('<table'), '>refuted</span>' in page, 'counterexample' in page  # the chain's, the counterexample's
    (2, True, True)
    """
    overall = ('refuted' if report.first_wrong() else 'inconclusive' if report.exit_code
               else 'holds given its hypotheses' if report.hypotheses() else 'proved')  # assumed ≠ proved
    out = [f'<div class="derivations-check"><p><strong>{escape(report.path)}</strong>: '
           f"{badge(overall)} "
           f"{escape(report.summary().split(': ', 1)[1])}</p>"]
    if report.notes:
        out.append("<ul>" + "".join(f"<li>line {n.line}:{n.column}: {escape(n.kind)}: {escape(n.message)}</li>"
                                    for n in report.notes) + "</ul>")
    for chain in report.chains:
        rows = []
        for k, s in enumerate(chain.steps, 1):
            how = escape(s.describe())
            ce = getattr(s.verdict.numeric, "counterexample", None) if s.verdict is not None else None
            if ce is not None:
                how += "\n" + counterexample_html(ce)
            rows.append([str(k), str(s.line), _math(f"{s.left} {_RELATIONS.get(s.relation, s.relation)} {s.right}"),
                         badge(s.status), how])
        out.append(f"<p>line {chain.line}: chain of {len(chain.steps)} step{'s' * (len(chain.steps) != 1)}</p>")
        out.append(_table(["#", "line", "step", "verdict", "how it was checked"], rows))
    return "\n".join(out) + "</div>"


_RELATIONS = {"≈": r"\approx", "≤": r"\le", "≥": r"\ge", "≠": r"\neq", ":=": r":="}
"""A relation as the checker reports it -> LaTeX (``=``, ``<`` and ``>`` are already LaTeX)."""
