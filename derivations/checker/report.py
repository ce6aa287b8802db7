"""What ``derivations check`` found: a step, a chain, a note and the whole report, with their texts.

The checker (:mod:`.check`) builds these; the CLI prints :meth:`CheckReport.text` or
:meth:`CheckReport.to_dict`, and Jupyter shows the HTML table.

>>> from derivations.checker.check import check_text
>>> report = check_text(r"$$x + x = 2x$$")
>>> report.counts()["proved"], report.exit_code
(1, 0)
"""

from __future__ import annotations

from dataclasses import dataclass

from derivations.checker.extract import MathBlock
from derivations.errors import DerivationsError
from derivations.verify.verdict import Verdict

__all__ = ["StepResult", "ChainResult", "Note", "CheckReport", "guarded"]

_UNREAD_NOTES = frozenset({"parse error", "unsupported", "unread"})


@dataclass(frozen=True)
class StepResult:
    """One link of a written chain: its two sides as written, and what became of it.

    >>> from derivations.checker.check import check_text
    >>> wrong = check_text("$$x + x = 2x = 3x$$").steps[1]
    >>> wrong.left, wrong.right, wrong.status, wrong.mark
    ('2x', '3x', 'refuted', '✗')
    >>> wrong.hint
    'the sides differ by a constant factor: left = 2/3 · right'
    """

    line: int
    left: str
    right: str
    relation: str
    status: str  # proved | confirmed | refuted | inconclusive | not checked | definition | hypothesis
    verdict: Verdict | None = None
    reason: str = ""
    hint: str = ""
    notes: tuple[str, ...] = ()  # how ambiguous notation in the step was read
    given: tuple[str, ...] = ()  # the document's hypotheses the verdict rests on (checker/facts.py)

    @property
    def mark(self) -> str:
        """✓ for a step that holds, ✗ for a refuted one, ? for inconclusive, – otherwise."""
        return {"proved": "✓", "confirmed": "✓", "refuted": "✗", "inconclusive": "?"}.get(self.status, "–")

    def describe(self) -> str:
        """The verdict, the counterexample or the reason, in one line."""
        if self.verdict is not None:
            text = self.verdict.describe() if not self.reason else f"{self.reason}: {self.verdict.describe()}"
        else:
            text = self.reason
        return text + (f"; hint: {self.hint}" if self.hint else "") + "".join(
            f"; reading: {n}" for n in self.notes)


@dataclass(frozen=True)
class ChainResult:
    """A chain as written (where it starts) and its steps.

    >>> from derivations.checker.check import check_text
    >>> chain = check_text("Then\\n$$x + x = 2x = 3x$$").chains[0]
    >>> chain.line, [s.mark for s in chain.steps], chain.first_refuted.right
    (2, ['✓', '✗'], '3x')
    """

    line: int
    column: int
    block: MathBlock
    steps: tuple[StepResult, ...]

    @property
    def first_refuted(self) -> StepResult | None:
        """The first refuted step, if any."""
        return next((s for s in self.steps if s.status == "refuted"), None)


@dataclass(frozen=True)
class Note:
    """Something about the document that is not a step: a parse error, a warning, a definition.

    >>> from derivations.checker.check import check_text
    >>> check_text(r"$$x = \\frac{1}{$$").notes
    (Note(kind='parse error', line=1, column=16, message='unexpected end of input; this block is skipped'),)
    """

    kind: str  # parse error | unsupported | warning | definition
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class CheckReport:
    """Everything ``check`` found in one document.

    >>> from derivations.checker.check import check_text
    >>> report = check_text("$$x + x = 2x = 3x$$", path="note.md")
    >>> report.summary()
    'note.md: 1 chains, 2 steps (1 proved, 1 refuted); first wrong step at line 1'
    >>> report.exit_code
    1
    """

    path: str
    chains: tuple[ChainResult, ...]
    notes: tuple[Note, ...]

    @property
    def steps(self) -> tuple[StepResult, ...]:
        """Every step of every chain, in document order."""
        return tuple(s for c in self.chains for s in c.steps)

    def counts(self) -> dict[str, int]:
        """How many steps got each status."""
        keys = ("proved", "confirmed", "refuted", "inconclusive", "not checked", "definition", "hypothesis")
        return {k: sum(s.status == k for s in self.steps) for k in keys}

    def unchecked(self) -> list[str]:
        """What was not checked, one line each: unread blocks, steps not checked, or "nothing checked"."""
        out = [f"line {n.line}: {n.kind}: {n.message}" for n in self.notes if n.kind in _UNREAD_NOTES]
        out += [f"line {s.line}: {s.left} {s.relation} {s.right}: {s.reason}"
                for s in self.steps if s.status == "not checked"]
        if not any(s.status in ("proved", "confirmed", "refuted", "inconclusive") for s in self.steps):
            out.append("no step was checked")
        return out

    def hypotheses(self) -> list[str]:
        """What was taken as given, not checked, one line each: the document's hypotheses.

        >>> from derivations.checker.check import check_text
        >>> check_text(r"$$\\frac{\\partial z}{\\partial w} = x$$").hypotheses()
        ['line 1: \\\\frac{\\\\partial z}{\\\\partial w} = x']
        """
        return [f"line {s.line}: {s.left.strip()} {s.relation} {s.right.strip()}"
                for s in self.steps if s.status == "hypothesis"]

    @property
    def exit_code(self) -> int:
        """1 a step is refuted or inconclusive; 3 none is, but some math was not checked; else 0.

        A document where nothing was checked never gets 0:

        >>> from derivations.checker.check import check_text
        >>> check_text("no math here").exit_code, check_text("$$x = 1$$").exit_code
        (3, 3)
        """
        if any(s.status in ("refuted", "inconclusive") for s in self.steps):
            return 1
        return 3 if self.unchecked() else 0

    def first_wrong(self) -> tuple[ChainResult, StepResult] | None:
        """The first refuted step of the document and its chain."""
        for c in self.chains:
            if c.first_refuted is not None:
                return c, c.first_refuted
        return None

    def summary(self) -> str:
        """One line: counts and where the first wrong step is."""
        counts = ", ".join(f"{n} {k}" for k, n in self.counts().items() if n)
        wrong = self.first_wrong()
        where = f"; first wrong step at line {wrong[1].line}" if wrong else ""
        unchecked = self.unchecked()
        if unchecked and not wrong:
            where += (f"; not everything was checked ({len(unchecked)} item"
                      f"{'s' * (len(unchecked) != 1)}: {'; '.join(_short(u, 80) for u in unchecked[:3])}"
                      f"{'; …' if len(unchecked) > 3 else ''})")
        assumed = self.hypotheses()
        if assumed:  # never let an assumption pass for a proof
            where += (f"; taken as given, not checked ({len(assumed)} hypothes{'is' if len(assumed) == 1 else 'es'}: "
                      f"{'; '.join(_short(a, 80) for a in assumed[:3])}{'; …' if len(assumed) > 3 else ''})")
        return f"{self.path}: {len(self.chains)} chains, {len(self.steps)} steps ({counts or 'none'}){where}"

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "path": self.path, "exit_code": self.exit_code, "counts": self.counts(),
            "unchecked": self.unchecked(), "hypotheses": self.hypotheses(),
            "notes": [vars(n) | {} for n in self.notes],
            "chains": [{"line": c.line, "column": c.column, "steps": [
                {"line": s.line, "left": s.left, "right": s.right, "relation": s.relation,
                 "status": s.status, "reason": s.reason, "hint": s.hint, "notes": list(s.notes),
                 "given": list(s.given),
                 "verdict": None if s.verdict is None else s.verdict.to_dict()} for s in c.steps]}
                for c in self.chains],
        }

    def _repr_html_(self) -> str:
        from derivations.render.html import check_html

        return check_html(self)

    def text(self) -> str:
        """The report for a terminal."""
        out = [self.path]
        events = [(n.line, 0, n) for n in self.notes] + [(c.line, 1, c) for c in self.chains]
        for _, _, item in sorted(events, key=lambda e: (e[0], e[1])):
            if isinstance(item, Note):
                out.append(f"  line {item.line}:{item.column}: {item.kind}: {item.message}")
                continue
            out.append(f"  line {item.line}: chain of {len(item.steps)} step{'s' * (len(item.steps) != 1)}")
            for k, s in enumerate(item.steps, 1):
                out.append(f"    {s.mark} step {k} (line {s.line}): {_short(s.left)} {s.relation} {_short(s.right)}")
                out.append(f"        {s.status}: {s.describe()}" if s.status not in ("proved", "confirmed")
                           else f"        {s.describe()}")
        out.append(self.summary())
        return "\n".join(out)


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def guarded(check, chain, block: MathBlock) -> ChainResult:
    """``check()``, the result of checking ``chain`` of ``block``; if the checker itself fails on it
    (a bug), each of its steps inconclusive, saying so, instead of the whole document lost.

    >>> from derivations.checker.extract import extract
    >>> from derivations.checker.parser import parse_chains
    >>> block = extract("$$a = b$$", markdown=True)[0]
    >>> result = guarded(lambda: 1 / 0, parse_chains(block.body)[0], block)
    >>> result.steps[0].status, result.steps[0].reason
    ('inconclusive', 'the checker failed on this step (ZeroDivisionError: division by zero): a bug in derivations, please report it')
    """
    try:
        return check()
    except DerivationsError:
        raise  # the input's own fault (a limit, an unusable input): the caller reports it
    except (RecursionError, ArithmeticError, AttributeError, TypeError, ValueError, KeyError, IndexError,
            NotImplementedError, AssertionError) as error:
        reason = f"the checker failed on this step ({type(error).__name__}: {error}): a bug in derivations, please report it"
        return ChainResult(block.line, block.column, block, tuple(
            StepResult(block.line, left, right, op, "inconclusive", reason=reason)
            for left, right, op in zip(chain.sources, chain.sources[1:], chain.ops)))
