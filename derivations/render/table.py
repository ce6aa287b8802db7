"""The verification table's rows, as plain text: one source for the LaTeX and the Markdown tables.

A row says which step(s) it covers, where the verdicts come from (an instance of a general
theorem), the verdict, the symbolic strategies and what the numeric oracle found.  The LaTeX
writer (:mod:`derivations.render.latex`) and the Markdown writer (:mod:`derivations.render.markdown`)
only format these cells.

>>> import derivations
>>> d = derivations.get('sigmoid-symmetry')
>>> row = verification_rows(d, d.verify())[0]
>>> row.first, row.status, row.symbolic
('sigmoid-symmetry:unfold', 'proved', 'evaluation')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from derivations.verify.verdict import Float64Check, Status, worst_status

if TYPE_CHECKING:  # pragma: no cover
    from derivations.core.model import Derivation
    from derivations.verify.report import Report

__all__ = ["Row", "verification_rows"]


@dataclass(frozen=True)
class Row:
    """One line of the verification table, in plain text.

    ``first`` is the label of the step it covers; it and ``where`` are set on the first line of a
    group only.  ``count`` is the number of checks
    summarised on the line (0: a single check).

    >>> Row('demo:1', '', 'proved', 0, 'expand', '20 points, seed 1').status
    'proved'
    """

    first: str
    where: str
    status: str
    count: int
    symbolic: str
    numeric: str


def verification_rows(d: "Derivation", report: "Report") -> list[Row]:
    """The rows of ``d``'s verification table: a group per step (per instance for an indexed step).

    A group whose checks all hold is summarised on one line (the worst verdict, the number of
    checks); otherwise every check has its own line.

    >>> import derivations
    >>> d = derivations.get('backprop-delta')
    >>> rows = verification_rows(d, d.verify())
    >>> rows[0].where, rows[0].count
    ('on widths-2-3-3-2', 2)
    """
    rows = []
    for first, verdicts, where in _groups(d, report):
        shown = verdicts[:1] if len(verdicts) > 1 and all(x.ok for x in verdicts) else verdicts
        for k, v in enumerate(shown):
            head = k == 0
            status = worst_status(x.status for x in verdicts) if len(verdicts) > 1 and head else v.status
            strategies = ", ".join(dict.fromkeys(x.symbolic.strategy for x in verdicts if x.symbolic and x.symbolic.strategy))
            symbolic = strategies or ("numeric only" if v.symbolic is None else "not proved")
            rows.append(Row(first if head else "", where.replace(f"on {d.id}-", "on ") if head else "", str(status),
                            len(verdicts) if len(verdicts) > 1 and head else 0, symbolic, _numeric(v, verdicts)))
    return rows


def _numeric(v, verdicts) -> str:
    """What the numeric oracle (or a float64 probe) found for ``v``, one of a group of ``verdicts``."""
    n = v.numeric
    if isinstance(n, Float64Check) and n.status == Status.CONFIRMED:
        return f"{n.arithmetic}, tolerance {n.tolerance:g}, seed {n.seed}"
    if n.status == Status.CONFIRMED:
        seeds = sorted({x.numeric.seed for x in verdicts})
        return (f"{n.points} points, seed {n.seed}" if len(verdicts) == 1 else
                f"{len(verdicts)} checks, {n.points} points each" + (f", seed {seeds[0]}" if len(seeds) == 1 else ""))
    if n.status == Status.REFUTED:
        return n.counterexample.describe()
    return n.reason or str(n.status)


def _groups(d: "Derivation", report: "Report"):
    """(step label, verdicts, where they come from) for each group of the table.

    Every step gives one group, except an indexed step: one group per instance that checked it.
    """
    groups = []
    for s in report.steps:
        if s.origins:
            groups += [(s.label, list(vs), f"on {origin}") for origin, vs in s.by_instance().items()]
        else:
            groups.append((s.label, list(s.verdicts), ""))
    return groups
