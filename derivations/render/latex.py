"""LaTeX for derivations: SymPy's printer for the mathematics, latexcodec for the prose.

Three outputs: a *fragment* to ``\\input`` into notes (one ``align`` per chain, one step per line,
the justification beside it, labels ``<id>:<step name>`` that stay stable across exports), a
*standalone document* that compiles with ``pdflatex -halt-on-error -no-shell-escape`` and says how
each step was verified, and the *book* of the whole catalog.

>>> from sympy import Symbol, exp
>>> from derivations.core.functions import sigma
>>> z = Symbol('z')
>>> math_latex(1 / (1 + exp(-z)))
'\\\\frac{1}{1 + e^{- z}}'
>>> escape_text('definition of σ: {x} & 50%')
'definition of $\\\\sigma$: \\\\{x\\\\} \\\\& 50\\\\%'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from sympy import Basic, Mul, S
from sympy.printing.latex import LatexPrinter

from derivations.render.escape import escape_text, prose_math
from derivations.render.figure import PREAMBLE as FIGURES_PREAMBLE
from derivations.render.table import verification_rows

if TYPE_CHECKING:  # pragma: no cover
    from derivations.core.model import Derivation, Step
    from derivations.verify.report import Report

__all__ = ["math_latex", "why_math", "fragment", "document", "book", "notebook", "step_latex", "chains", "PACKAGES"]

PACKAGES = (r"\usepackage{amsmath}", r"\usepackage{amssymb}", r"\usepackage{booktabs}")
"""What a document that ``\\input``s a fragment must load."""


class _Printer(LatexPrinter):
    """SymPy's LaTeX printer, printing unevaluated products and quotients the way they were written."""

    def __init__(self):
        super().__init__({"ln_notation": True, "order": "none"})

    @staticmethod
    def _is_fraction(e: Basic) -> bool:
        if e.is_Pow:
            return bool(e.exp.is_Number and e.exp < 0)
        return bool(e.is_Mul and any(a.is_Pow and a.exp.is_Number and a.exp < 0 for a in e.args))

    def _factor(self, e: Basic) -> str:
        text = self._print(e)
        return rf"\left({text}\right)" if e.is_Add else text

    def _print_Mul(self, e):
        args = e.args
        if args[0] is S.One and len(args) == 2:  # Sum under evaluate(False) leaves 1*(term)
            return self._print(args[1])
        if args[0].is_Rational and not args[0].is_Integer and len(args) >= 2 and args[0].p == 1:
            rest = Mul(*args[1:], evaluate=False) if len(args) > 2 else args[1]
            return rf"\frac{{1}}{{{args[0].q}}} {self._factor(rest)}"
        if len(args) == 2 and args[1].is_Pow and args[1].exp == -1 and args[0] is not S.NegativeOne:
            if args[0] is S.One:
                return rf"\frac{{1}}{{{self._print(args[1].base)}}}"
            return rf"\frac{{{self._print(args[0])}}}{{{self._print(args[1].base)}}}"
        if args[0] is S.NegativeOne and len(args) == 2:
            inner = self._print(args[1])
            if inner.startswith("-"):
                return rf"- \left({inner}\right)"
        fractions = sum(self._is_fraction(a) for a in args)
        nested = any(a.is_Add and any(self._is_fraction(t) for t in a.args) for a in args)
        if len(args) >= 2 and (fractions >= 2 or (fractions and nested)):
            return r" \cdot ".join(self._factor(a) for a in args)
        return super()._print_Mul(e)

    def _print_Add(self, e, order=None):
        parts = []
        for k, term in enumerate(e.args):
            text = self._print(term)
            if term.is_Add:
                text = rf"\left({text}\right)"
            if k:
                text = f"- {text[1:].lstrip()}" if text.startswith("-") else f"+ {text}"
            parts.append(text)
        return " ".join(parts)

    def _print_Symbol(self, e, style="plain"):
        # A name written in LaTeX (``w_{jk}^{(l)}``, ``\\delta_{j}^{(l)}``) prints as written.
        if "{" in e.name or "\\" in e.name:
            return e.name
        return super()._print_Symbol(e, style=style)

    def _print_Derivative(self, e):
        # ∂J/∂w_{jk}^{(l)} for a quantity named by a symbol (indexed theorems); SymPy's d/dz f(z) otherwise
        if e.expr.is_Symbol and len(e.variables) == 1:
            return rf"\frac{{\partial {self._print(e.expr)}}}{{\partial {self._print(e.variables[0])}}}"
        return super()._print_Derivative(e)

    def _print_Pow(self, e):
        if e.base.is_Symbol and "^" in e.base.name and "{" in e.base.name:
            return rf"\left({self._print(e.base)}\right)^{{{self._print(e.exp)}}}"
        if e.exp == -1 and not e.base.is_Symbol:
            return rf"\frac{{1}}{{{self._print(e.base)}}}"
        return super()._print_Pow(e)


def math_latex(expr: Basic) -> str:
    """An expression in LaTeX math (no delimiters).

    >>> from sympy import Symbol
    >>> from derivations.core.functions import sigma
    >>> z = Symbol('z')
    >>> print(math_latex(sigma(z) * (1 - sigma(z))))
    \\left(1 - \\sigma\\left(z\\right)\\right) \\sigma\\left(z\\right)
    """
    return _Printer().doprint(expr)


def why_latex(parts: Iterable) -> str:
    """A justification (text and SymPy expressions) as LaTeX text."""
    return "".join(escape_text(p) if isinstance(p, str) else f"${math_latex(p)}$" for p in parts)


def why_math(parts: Iterable) -> str:
    """A justification (text and SymPy expressions) as math-mode source for MathJax and KaTeX.

    Words go into ``\\text{...}`` (:func:`~derivations.render.escape.prose_math`), expressions are
    printed as mathematics: Jupyter and web pages show e^{−z}, never an escape meant for LaTeX text.

    >>> import derivations
    >>> print(why_math(derivations.get('sigmoid-symmetry').step('multiply').why))
    \\text{multiply numerator and denominator by }e^{- z}
    """
    return "".join(prose_math(p) if isinstance(p, str) else math_latex(p) for p in parts)


# --- fragments and documents ----------------------------------------------------------------------

def _label(d: "Derivation", name: str) -> str:
    return name if name.startswith(f"{d.id}:") else f"{d.id}:{name}"


def _refs(d: "Derivation", step: "Step") -> str:
    return ", ".join(rf"\eqref{{{_label(d, r)}}}" for r in step.refs)


def chains(d: "Derivation") -> list[list["Step"]]:
    """The steps of ``d`` grouped into its chains (a step that starts a chain opens a new group).

    >>> import derivations
    >>> [len(c) for c in chains(derivations.get('sigmoid-symmetry'))]
    [5]
    """
    groups: list[list] = []
    for step in d.steps:
        if step.starts_chain or not groups:
            groups.append([])
        groups[-1].append(step)
    return groups


def _derivation_body(d: "Derivation") -> list[str]:
    out = []
    for chain in chains(d):
        out.append(r"\begin{align}")
        rows = []
        for step in chain:
            left = math_latex(step.lhs) if step.shows_lhs else ""
            why = why_latex(step.why)
            if step.refs:
                why += f" {_refs(d, step)}"
            rows.append(f"  {left} &{step.relation.latex} {math_latex(step.rhs)} && "
                        rf"\text{{\small {why}}} \label{{{step.label}}}")
        out.append(" \\\\\n".join(rows))
        out.append(r"\end{align}")
    return out


def fragment(d: "Derivation", report: "Report | None" = None) -> str:
    """The derivation as a LaTeX fragment (needs :data:`PACKAGES`); with a report, a verification table.

    >>> import derivations
    >>> tex = fragment(derivations.get('sigmoid-symmetry'))
    >>> tex.splitlines()[0]
    '% sigmoid-symmetry: generated by `derivations export`; do not edit.'
    >>> r'\\label{sigmoid-symmetry:divide}' in tex, r'\\paragraph{Verification.}' in tex
    (True, False)
    """
    figures = d.figures
    needs = PACKAGES + ((r"\usepackage{pgfplots}",) if figures else ())
    out = [f"% {d.id}: generated by `derivations export`; do not edit.",
           "% Needs: " + " ".join(needs)]
    if d.summary:
        out += [why_latex(d.summary), ""]
    where = ", ".join(f"${s.domain.latex(math_latex(s.symbol))}$" for s in d.symbols)
    if d.statement:
        out.append(rf"\paragraph{{Statement.}} For {where}:" if where else r"\paragraph{Statement.}")
        out.append(r"\begin{align}")
        out.append(" \\\\\n".join(f"  {math_latex(e.lhs)} &{e.relation.latex} {math_latex(e.rhs)} \\label{{{d.id}:statement-{i}}}"
                                 for i, e in enumerate(d.statement, 1)))
        out.append(r"\end{align}")
    if d.conditions:
        out.append(why_latex(d.conditions))
    if figures:
        from derivations.render.figure import to_latex_figure
        out += [to_latex_figure(f).rstrip("\n") for f in figures]
    if d.definitions:
        out.append(r"\paragraph{Definitions.}")
        out.append(r"\begin{align}")
        rows = []
        for df in d.definitions:
            lhs, rhs = df.equation()
            rows.append(f"  {math_latex(lhs)} &:= {math_latex(rhs)} && \\text{{\\small {escape_text(df.description)}}}"
                        f" \\label{{{d.id}:{df.label}}}")
        out.append(" \\\\\n".join(rows))
        out.append(r"\end{align}")
    out.append(r"\paragraph{Derivation.}")
    out += _derivation_body(d)
    if report is not None:
        out += _verification_table(d, report)
    return "\n".join(out) + "\n"


_STATUS_TEXT = {"proved": r"proved", "confirmed": r"confirmed numerically",
                "refuted": r"\textbf{refuted}", "inconclusive": r"\textbf{inconclusive}"}


def _verification_table(d: "Derivation", report: "Report") -> list[str]:
    out = [r"\paragraph{Verification.} Each step was checked twice, independently: symbolically, "
           r"with the definitions unfolded (the strategy that proved it is named), and numerically "
           r"at random points of the symbols' domains with 30-digit arithmetic (points and seed given).",
           "", r"\begin{center}\small", r"\begin{tabular}{@{}llll@{}}", r"\toprule",
           r"Step & Verdict & Symbolic & Numeric \\", r"\midrule"]
    for row in verification_rows(d, report):
        first = (rf"\eqref{{{row.first}}}" + (r" {\footnotesize " + escape_text(row.where) + "}" if row.where else "")
                 if row.first else "")
        count = f" ({row.count})" if row.count else ""
        out.append(rf"{first} & {_STATUS_TEXT[row.status]}{count} & {escape_text(row.symbolic)} & "
                   rf"\parbox[t]{{5.2cm}}{{\raggedright {escape_text(row.numeric)[:400]}}} \\")
    out += [r"\bottomrule", r"\end{tabular}", r"\end{center}"]
    return out


_PREAMBLE = [r"\documentclass[11pt]{article}", r"\usepackage[T1]{fontenc}", r"\usepackage{lmodern}",
             r"\usepackage[utf8]{inputenc}", r"\usepackage[a4paper,margin=2.2cm]{geometry}", *PACKAGES,
             *FIGURES_PREAMBLE.split("\n"),
             r"\allowdisplaybreaks", r"\setlength{\parindent}{0pt}", r"\setlength{\parskip}{0.6ex}"]


def document(d: "Derivation", report: "Report | None" = None) -> str:
    """A standalone document for one derivation (with the verification table when ``report`` is given).

    >>> import derivations
    >>> lines = document(derivations.get('sigmoid-symmetry')).splitlines()
    >>> print(lines[0], lines[-1])
    \\documentclass[11pt]{article} \\end{document}
    """
    return "\n".join([*_PREAMBLE, rf"\title{{{escape_text(d.title)}}}", r"\date{}", r"\begin{document}",
                      r"\maketitle", fragment(d, report).rstrip("\n"), r"\end{document}", ""])


def book(derivations: Iterable["Derivation"], fragment_names: Iterable[str]) -> str:
    """One document that ``\\input``s the fragments of several derivations, a section each.

    >>> import derivations
    >>> items = [derivations.get('sigmoid-derivative'), derivations.get('sigmoid-symmetry')]
    >>> for line in book(items, [d.id for d in items]).splitlines():
    ...     if line.startswith(r'\\input'):
    ...         print(line)
    \\input{sigmoid-derivative}
    \\input{sigmoid-symmetry}
    """
    body = []
    for d, name in zip(derivations, fragment_names):
        body += [rf"\section{{{escape_text(d.title)}}}\label{{{d.id}}}", rf"\input{{{name}}}", ""]
    return "\n".join([*_PREAMBLE, r"\title{Derivations of neural-network theory}", r"\date{}",
                      r"\begin{document}", r"\maketitle", r"\tableofcontents", "", *body,
                      r"\end{document}", ""])


def notebook(d: "Derivation") -> str:
    """What Jupyter renders: the statement and the chains, MathJax-friendly (no labels, no text macros).

    >>> import derivations
    >>> shown = notebook(derivations.get('sigmoid-symmetry'))
    >>> shown.startswith(r'$$\\begin{aligned}'), r'\\label' in shown, r'by }e^{- z}' in shown
    (True, False, True)
    """
    return r"$$\begin{aligned}" + r" \\ ".join(_aligned_row(step) for chain in chains(d) for step in chain) + \
        r"\end{aligned}$$"


def _aligned_row(step: "Step") -> str:
    """One row of an ``aligned`` chain: ``lhs &= rhs && \\text{why}`` (lhs empty inside a chain)."""
    left = math_latex(step.lhs) if step.shows_lhs else ""
    return rf"{left} &{step.relation.latex} {math_latex(step.rhs)} && {why_math(step.why)}"


def step_latex(step: "Step") -> str:
    """One step as display math for Jupyter's ``_repr_latex_``: ``$$lhs = rhs \\qquad why$$``.

    >>> import derivations
    >>> print(step_latex(derivations.get('sigmoid-symmetry').step('divide')))
    $$\\frac{\\left(1 + e^{- z}\\right) - 1}{1 + e^{- z}} = 1 - \\frac{1}{1 + e^{- z}} \\qquad \\text{divide each term of the numerator}$$
    """
    return rf"$${math_latex(step.lhs)} {step.relation.latex} {math_latex(step.rhs)} \qquad {why_math(step.why)}$$"
