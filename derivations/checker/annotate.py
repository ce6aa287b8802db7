"""The checked document, marked: each step's ✓/✗ written next to the mathematics it came from.

Markdown gets a quoted line after each display block (``> derivations: step 1 ✗ refuted …``) and a
mark after each inline equation; LaTeX gets a small paragraph after each display block and a
mark after each inline equation (``\\ensuremath{\\surd}`` / ``\\ensuremath{\\times}``, plain LaTeX).
The original text is otherwise unchanged, so the annotated file still renders.
"""

from __future__ import annotations

from derivations.checker.check import CheckReport, StepResult
from derivations.render.escape import escape_text

__all__ = ["annotate"]

_TEX_MARK = {"✓": r"\ensuremath{\surd}", "✗": r"\ensuremath{\times}", "?": "?", "–": "--"}


def _step_text(k: int, s: StepResult) -> str:
    if s.status in ("proved", "confirmed"):
        return f"step {k} {s.mark} {s.status}" + (f", given {'; '.join(s.given)}" if s.given else "")
    if s.status == "refuted" and s.verdict is None:  # refuted on an exact instance (matrices)
        return f"step {k} {s.mark} WRONG: {s.reason}"
    if s.status == "refuted":
        ce = s.verdict.numeric.counterexample
        hint = f"; {s.hint}" if s.hint else ""
        if ce is None:  # refuted symbolically (lhs - rhs is a nonzero number): the evidence
            return f"step {k} {s.mark} WRONG: {s.verdict.symbolic.refutation}{hint}"
        where = ", ".join(f"{name} = {v}" for name, v in ce.point)
        return f"step {k} {s.mark} WRONG: at {where} the left side is {ce.lhs}, the right side {ce.rhs}{hint}"
    return f"step {k} {s.mark} {s.status}: {s.reason or s.describe()}"


def annotate(text: str, report: CheckReport, *, markdown: bool = True) -> str:
    """``text`` with the report's marks inserted after the blocks they belong to.

    >>> from derivations.checker.check import check_text
    >>> text = "Since $a + a = 2a$ and $2(a + 1) = 2a + 1$, done.\\n"
    >>> annotate(text, check_text(text))
    'Since $a + a = 2a$ [✓] and $2(a + 1) = 2a + 1$ [✗], done.\\n'
    """
    inserts: dict[int, list[str]] = {}
    for chain in report.chains:
        block = chain.block
        parts = [_step_text(k, s) for k, s in enumerate(chain.steps, 1)]
        if not block.display:
            marks = "".join(s.mark for s in chain.steps)
            note = f" [{marks}]" if markdown else " " + "".join(_TEX_MARK[s.mark] for s in chain.steps)
            inserts.setdefault(block.block_end, []).append(note)
            continue
        if markdown:
            note = "\n\n> derivations: " + "; ".join(parts) + "\n"
        else:
            body = "; ".join(escape_text(p.replace("✓", "").replace("✗", ""), strict=False) for p in parts)
            marks = " ".join(_TEX_MARK[s.mark] for s in chain.steps)
            note = f"\n\\par\\noindent{{\\small\\textbf{{derivations:}} {marks} --- {body}}}\\par\n"
        inserts.setdefault(block.block_end, []).append(note)
    out, last = [], 0
    for pos in sorted(inserts):
        out.append(text[last:pos])
        out.extend(inserts[pos])
        last = pos
    out.append(text[last:])
    return "".join(out)
