"""Verification reports: every step's verdict, printable and JSON-ready.

>>> import derivations
>>> report = derivations.get('sigmoid-symmetry').verify()
>>> report.ok, report.counts()['proved'] == len(report.steps)
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .verifier import STATUSES, Limits, Verdict, check_equal, worst_status

if TYPE_CHECKING:  # pragma: no cover
    from .model import Derivation

__all__ = ["StepReport", "Report", "verify_derivation"]


@dataclass(frozen=True)
class StepReport:
    """One step's verdicts (one per equality the step needs) and the worst of them."""

    label: str
    justification: str
    verdicts: tuple[Verdict, ...]

    @property
    def status(self) -> str:
        """The step's verdict: the worst of its checks'."""
        return worst_status(v.status for v in self.verdicts)

    def describe(self) -> str:
        """The verdicts in one line each, joined."""
        return " | ".join(v.describe() for v in self.verdicts)


@dataclass(frozen=True)
class Report:
    """The verification of one derivation."""

    derivation: str
    steps: tuple[StepReport, ...]

    @property
    def ok(self) -> bool:
        """True when no step is refuted or inconclusive."""
        return all(s.status in ("proved", "confirmed") for s in self.steps)

    def counts(self) -> dict[str, int]:
        """How many steps got each verdict."""
        return {k: sum(s.status == k for s in self.steps) for k in STATUSES}

    def step(self, label: str) -> StepReport:
        """The report of one step, by label or by name."""
        for s in self.steps:
            if s.label in (label, f"{self.derivation}:{label}"):
                return s
        raise KeyError(label)

    def summary(self) -> str:
        """``sigmoid-derivative: 6 steps, 6 proved``."""
        counts = ", ".join(f"{n} {k}" for k, n in self.counts().items() if n)
        return f"{self.derivation}: {len(self.steps)} steps, {counts}"

    def __str__(self) -> str:
        lines = [self.summary()]
        for s in self.steps:
            lines.append(f"  {s.status:<12} {s.label}  ({s.justification})")
            for v in s.verdicts:
                lines.append(f"               {v.describe()}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {"derivation": self.derivation, "ok": self.ok, "counts": self.counts(),
                "steps": [{"label": s.label, "status": s.status, "justification": s.justification,
                           "checks": [v.to_dict() for v in s.verdicts]} for s in self.steps]}


def verify_derivation(derivation: "Derivation", *, limits: Limits | None = None,
                      seed: int | None = None) -> Report:
    """Check every equality of every step of ``derivation`` under its domains and definitions."""
    limits = limits or Limits()
    steps = []
    for step in derivation.steps:
        verdicts = tuple(check_equal(lhs, rhs, derivation.domains, derivation.definitions,
                                     seed=seed, limits=limits) for lhs, rhs in step.checks)
        steps.append(StepReport(step.label, step.justification, verdicts))
    return Report(derivation.id, tuple(steps))
