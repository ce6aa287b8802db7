"""Plain-text rendering of derivations for terminals (``derivations show``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from derivations.core.notation import expr_text, parts_text

if TYPE_CHECKING:  # pragma: no cover
    from derivations.core.model import Derivation

__all__ = ["show"]


def show(d: "Derivation") -> str:
    """A derivation as text: statement, symbols, definitions and the numbered steps.

    >>> import derivations
    >>> print(show(derivations.get('sigmoid-symmetry')))  # doctest: +ELLIPSIS
    sigmoid-symmetry: The symmetry of the logistic sigmoid
    ...
    Steps:
      σ(-z)
        = 1/(1 + e^z)
            (unfold) definition of σ at −z [def:sigma]
    ...
        = 1 - σ(z)
            (fold) definition of σ, read backwards [def:sigma]
    """
    out = [f"{d.id}: {d.title}", ""]
    if d.summary:
        out += [parts_text(d.summary), ""]
    out.append("Statement:")
    out += [f"  {expr_text(e.lhs)} {e.relation.text} {expr_text(e.rhs)}" for e in d.statement]
    if d.conditions:
        out.append("Conditions: " + parts_text(d.conditions))
    out.append("Symbols: " + ", ".join(f"{s.symbol} {s.domain.describe()}" for s in d.symbols))
    if d.definitions:
        out.append("Definitions:")
        for df in d.definitions:
            lhs, rhs = df.equation()
            out.append(f"  [{df.label}] {expr_text(lhs)} := {expr_text(rhs)}")
    out += ["", "Steps:"]
    for step in d.steps:
        name = step.name
        if step.shows_lhs:
            out.append(f"  {expr_text(step.lhs)}")
        out.append(f"    {step.relation.text} {expr_text(step.rhs)}")
        refs = f" [{', '.join(step.refs)}]" if step.refs else ""
        out.append(f"        ({name}) {step.justification}{refs}")
    return "\n".join(out)
