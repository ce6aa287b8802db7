"""Verification reports: every step's verdict, printable and JSON-ready.

>>> import derivations
>>> report = derivations.get('sigmoid-symmetry').verify()
>>> report.ok, report.counts()['proved'] == len(report.steps)
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from derivations.core import hooks
from derivations.core.instances import Probe, describe_shape
from derivations.core.model import Relation, StepKind
from derivations.verify.recipe import Limits, check_all
from derivations.verify.relation import check_relation
from derivations.verify.verdict import (
    STATUSES,
    Counterexample,
    Float64Check,
    Status,
    Verdict,
    worst_status,
)

if TYPE_CHECKING:  # pragma: no cover
    from derivations.core.model import Derivation

__all__ = ["StepReport", "Report", "verify_derivation", "probe_verdict"]


@dataclass(frozen=True)
class StepReport:
    """One step's verdicts (one per equality the step needs) and the worst of them.

    >>> import derivations
    >>> step = derivations.get('sigmoid-symmetry').verify().step('divide')
    >>> step.label, step.status, len(step.verdicts)
    ('sigmoid-symmetry:divide', 'proved', 1)
    >>> StepReport('demo:1', 'an indexed step', ()).describe()
    'inconclusive: stated in indexed notation and checked on no instance'
    """

    label: str
    justification: str
    verdicts: tuple[Verdict, ...]
    origins: tuple[str, ...] = ()
    """For an indexed step: the instance each verdict comes from (parallel to ``verdicts``)."""
    why: tuple = ()
    """The justification as written (text and SymPy expressions), for renderers that show math."""
    relation: str = "="
    """What each check claims of its two sides (``=``, or ``<=``, ``<``, ``>=``, ``>`` for an inequality step)."""

    @property
    def status(self) -> str:
        """The step's verdict: the worst of its checks' (``inconclusive`` when nothing checked it)."""
        return worst_status(v.status for v in self.verdicts) if self.verdicts else Status.INCONCLUSIVE

    def by_instance(self) -> dict[str, tuple[Verdict, ...]]:
        """An indexed step's verdicts grouped by the instance they come from."""
        groups: dict[str, list] = {}
        for origin, v in zip(self.origins, self.verdicts):
            groups.setdefault(origin, []).append(v)
        return {k: tuple(v) for k, v in groups.items()}

    def lines(self) -> list[str]:
        """One line per verdict, or for an indexed step one line per instance (counts, worst verdict)."""
        if not self.verdicts:
            return ["inconclusive: stated in indexed notation and checked on no instance"]
        if not self.origins:
            return [v.describe() for v in self.verdicts]
        out = []
        for origin, vs in self.by_instance().items():
            counts = ", ".join(f"{sum(v.status == k for v in vs)} {k}" for k in STATUSES
                               if any(v.status == k for v in vs))
            bad = [v for v in vs if not v.ok]
            exact = [v.symbolic.strategy or "-" for v in vs if v.symbolic is not None]
            floats = [v.describe() for v in vs if v.symbolic is None][:1]  # a probe's method, tolerance, seed
            detail = bad[0].describe() if bad else "; ".join(
                (["strategies: " + ", ".join(dict.fromkeys(exact))] if exact else []) + floats)
            out.append(f"on {origin}: {counts}; {detail}")
        return out

    def describe(self) -> str:
        """The verdicts in one line each, joined."""
        return " | ".join(self.lines())


@dataclass(frozen=True)
class Report:
    """The verification of one derivation.

    >>> import derivations
    >>> report = derivations.get('sigmoid-symmetry').verify()
    >>> report.summary()
    'sigmoid-symmetry: 5 steps, 5 proved'
    >>> report.ok, report.status_word(), report.to_dict()['counts']
    (True, 'ok', {'proved': 5, 'confirmed': 0, 'inconclusive': 0, 'refuted': 0})
    """

    derivation: str
    steps: tuple[StepReport, ...]
    instances: tuple["Report", ...] = ()
    """For a general theorem: the reports of the instances its indexed steps were checked on."""
    shape: str = ""
    """For an instance: its shape in words (``widths=2,3,3,2 (symbolic)``)."""

    @property
    def ok(self) -> bool:
        """True when no step is refuted or inconclusive."""
        return all(s.status in (Status.PROVED, Status.CONFIRMED) for s in self.steps)

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
        text = f"{self.derivation}: {len(self.steps)} steps, {counts}"
        if self.shape:
            text += f" [instance {self.shape}]"
        if self.instances:
            text += "; indexed steps checked on " + "; ".join(
                f"{r.derivation} [{r.shape}]: {r.status_word()}" for r in self.instances)
        return text

    def status_word(self) -> str:
        """``ok`` or the worst verdict."""
        return "ok" if self.ok else worst_status(s.status for s in self.steps)

    def __str__(self) -> str:
        lines = [self.summary()]
        for s in self.steps:
            lines.append(f"  {s.status:<12} {s.label}  ({s.justification})")
            for line in s.lines():
                lines.append(f"               {line}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return hooks.call("report_html", self)

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        out = {"derivation": self.derivation, "ok": self.ok, "counts": self.counts(),
               "steps": [{"label": s.label, "status": s.status, "justification": s.justification,
                          "checks": [v.to_dict() for v in s.verdicts],
                          **({"instances": list(s.origins)} if s.origins else {}),
                          **({"relation": str(s.relation)} if s.relation != "=" else {})} for s in self.steps]}
        if self.shape:
            out["shape"] = self.shape
        if self.instances:
            out["instances"] = [r.to_dict() for r in self.instances]
        return out


def verify_derivation(derivation: "Derivation", *, limits: Limits | None = None,
                      seed: int | None = None) -> Report:
    """Check every equality of every step of ``derivation`` under its domains and definitions.

    A numeric instance step runs its probe.  An indexed step (general theorems, see
    :mod:`derivations.core.instances`) gets the verdicts of every step of the default instances that
    checks it; the report names those instances.

    >>> import derivations
    >>> verify_derivation(derivations.get('logit-inverse')).summary()
    'logit-inverse: 11 steps, 11 proved'
    """
    limits = limits or Limits()
    instances = tuple(i.verify(limits=limits, seed=seed) for i in derivation.instances())
    found: dict[str, list] = {}
    for inst, rep in zip(derivation.instances(), instances):
        for step, sr in zip(inst.steps, rep.steps):
            for name in step.instance_of:
                found.setdefault(name, []).extend((inst.id, v) for v in sr.verdicts)
    symbolic = [step for step in derivation.steps if step.kind not in (StepKind.INDEXED, StepKind.NUMERIC)]
    equal = [step for step in symbolic if step.relation == Relation.EQ]
    answers = iter(check_all([pair for step in equal for pair in step.checks], derivation.domains,
                             derivation.definitions, seed=seed, limits=limits))
    inequalities = {step.label: tuple(check_relation(l, r, step.relation, derivation.domains,
                                                     derivation.definitions, seed=seed, limits=limits)
                                      for l, r in step.checks)
                    for step in symbolic if step.relation != Relation.EQ}
    steps = []
    for step in derivation.steps:
        if step.kind == StepKind.INDEXED:
            pairs = found.get(step.name, [])
            steps.append(StepReport(step.label, step.justification, tuple(v for _, v in pairs),
                                    tuple(o for o, _ in pairs), step.why, step.relation))
            continue
        if step.kind == StepKind.NUMERIC:
            verdicts = (probe_verdict(step.probe),)
        elif step.label in inequalities:
            verdicts = inequalities[step.label]
        else:
            verdicts = tuple(next(answers) for _ in step.checks)
        steps.append(StepReport(step.label, step.justification, verdicts, why=step.why, relation=step.relation))
    return Report(derivation.id, tuple(steps), instances, describe_shape(derivation.shape))


def probe_verdict(probe: Probe) -> Verdict:
    """Run a float64 probe of a concrete instance and give its verdict: ``confirmed`` or ``refuted``.

    No symbolic proof is attempted (``symbolic`` is ``None``): a float64 check never proves.

    >>> from derivations.core.instances import ProbeResult
    >>> probe_verdict(Probe('comparison with itself', 1e-12, 7, lambda: ProbeResult(True, 0.0, 3))).describe()
    'confirmed by comparison with itself: 3 checks in float64, seed 7, max rel. error 0.0e+00 <= 1e-12'
    >>> worst = ProbeResult(False, 3e-3, 10, where='output 2', expected='0.5', got='0.5015')
    >>> v = probe_verdict(Probe('recomputation in float64', 1e-9, 0, lambda: worst))
    >>> v.status, v.numeric.counterexample.point
    ('refuted', (('check', 'output 2'), ('seed', '0')))
    """
    r = probe.run()
    if r.passed:
        return Verdict(Status.CONFIRMED, None, Float64Check(Status.CONFIRMED, probe.method, probe.tolerance,
                                                             probe.seed, r.checks, float(r.max_error),
                                                             arithmetic=probe.arithmetic))
    ce = Counterexample((("check", r.where or "worst"), ("seed", str(probe.seed))), r.expected, r.got,
                        f"rel. error {r.max_error:.3g} > tolerance {probe.tolerance:g}", Float64Check.DIGITS)
    return Verdict(Status.REFUTED, None, Float64Check(Status.REFUTED, probe.method, probe.tolerance, probe.seed,
                                                       r.checks, float(r.max_error), ce, probe.arithmetic))
