r"""Claims split on an index condition: ``\begin{cases} … & \text{if } i = k \\ … & i \neq k \end{cases}``
and ``a = b \quad \text{for } i = k``.

The parser refuses a condition written after the math (dropping it would make the claim
unconditional).  When the condition is one between two index letters, :func:`split_on_indices`
gives each claim with its condition instead: the checker takes it as the index assumption of
that claim (the claim is checked only at index values that satisfy it) and says so.  Any other
condition (``x > 0``, ``\text{otherwise}``) is left to the parser's refusal.

>>> split_on_indices(r"D = \begin{cases} a & \text{if } i=k \\ b & \text{if } i \neq k \end{cases}", {"i", "k"})
[('D = a', ('i', '=', 'k')), ('D = b', ('i', 'neq', 'k'))]
>>> split_on_indices(r"x = y \quad \text{for } i = j", {"i", "j"})
[('x = y', ('i', '=', 'j'))]
>>> [(claim.strip(), c) for claim, c in split_on_indices(r"a = b, \quad i = j \\ a = c, \quad i \ne j", {"i", "j"})]
[('a = b', ('i', '=', 'j')), ('a = c', ('i', 'neq', 'j'))]
>>> [(claim.strip(), c) for claim, c in split_on_indices(r"{\rm if}~i\ne j,~a_{ij} = 0", {"i", "j"})]
[('a_{ij} = 0', ('i', 'neq', 'j'))]
>>> split_on_indices(r"x = y \quad x > 0", {"i"}) is None
True
"""

from __future__ import annotations

import re

__all__ = ["split_on_indices"]

_REL = r"(=|\\neq?\b|\\not=|≠|!=)"
_GAP = r"(?:\s|\\[,;:! ])*"  # i =\, j: spacing between the letters and the relation
_CONDITION = re.compile(
    r"^\s*(?:(?:\\text\{\s*(?:if|for|when|where)?\s*\}|\\(?:quad|qquad|;|,|:|!| )|if|for|when|where|,|&)\s*)*"
    rf"([a-z]){_GAP}{_REL}{_GAP}([a-z])\s*[.,;]?\s*$")
_CASES = re.compile(r"^(?P<head>.*?)(?P<lhs>[^=]*=)\s*\\begin\{cases\}(?P<rows>.*?)\\end\{cases\}(?P<tail>.*)$",
                    re.DOTALL)
_IF = r"(?:\{\\rm\s*if\s*\}|\\(?:text|textrm|mathrm|rm)\s*\{\s*[Ii]f\s*\}|\bif\b)"
_SPACE = r"(?:\s|~|\\[,;:! ]|\\q?quad\b)*"
_CASE = r"\\(?:text|textbf|textit|mathrm)\s*\{\s*Case\s*\d*\s*[:.]?\s*\}"  # \text{Case 1 } (i = j):
_BEFORE = re.compile(rf"^(?P<cond>{_SPACE}(?:{_IF}|{_CASE}){_SPACE}\(?{_SPACE}([a-z]){_SPACE}{_REL}{_SPACE}([a-z])"
                     rf"{_SPACE}\)?{_SPACE}[,:]{_SPACE})"
                     r"(?P<main>.*)$",
                     re.DOTALL)
_ALIGNED = re.compile(r"\\begin\{((?:align|aligned|eqnarray|split|gather)\*?)\}")
_AFTER = re.compile(r"^(?P<main>.*?)(?P<cond>(?:\s*(?:,|\\quad|\\qquad|\\text\{\s*(?:if|for|when|where)\s*\}))+"
                    rf"\s*[a-z]{_GAP}{_REL}{_GAP}[a-z]\s*[.,;]?\s*)$", re.DOTALL)


def _condition(text: str, letters: set) -> tuple | None:
    m = _CONDITION.match(text)
    return _pair(*m.groups(), letters) if m else None


def _pair(a: str, rel: str, b: str, letters: set) -> tuple | None:
    """(a, '=' or 'neq', b) for two different index letters, else None."""
    if a not in letters or b not in letters or a == b:
        return None
    return (a, "=" if rel == "=" else "neq", b)


def split_on_indices(body: str, letters: set) -> list[tuple[str, tuple]] | None:
    r"""The claims of ``body`` with their index conditions, or None if it has no such form.

    >>> split_on_indices(r"\frac{\partial p_j}{\partial o_i} = -p_i p_j,\quad i \neq j.", {"i", "j"})
    [('\\frac{\\partial p_j}{\\partial o_i} = -p_i p_j', ('i', 'neq', 'j'))]

    A condition on the index of a sum on the left (``\sum_k a_k = \begin{cases} a_i & k = i \\ \sum_{k \neq i}
    a_k & k \neq i \end{cases}``) splits the sum into its terms; it is not read as two values:

    >>> split_on_indices(r"\sum_k a_k = \begin{cases} a_i & k = i \\ b & k \neq i \end{cases}", {"i", "k"}) is None
    True
    """
    m = _CASES.match(body)
    if m:
        summed = set(re.findall(r"\\sum_\{?\s*([a-z])", m.group("lhs")))  # Σ_k … = {… k = i; … k ≠ i}: the sum
        out = []                                                           # split in two, not two values
        for row in re.split(r"\\\\", m.group("rows")):
            if not row.strip():
                continue
            if "&" not in row:
                return None
            expr, cond = row.split("&", 1)  # p_i(1 - p_j) & if & i = j: a column for the word
            condition = _condition(cond, letters)
            if condition is None or not expr.strip() or {condition[0], condition[2]} & summed:
                return None
            out.append((f"{m.group('head')}{m.group('lhs')} {expr.strip()}{m.group('tail')}".strip(),
                        condition))
        return out or None
    rows = _conditioned_rows(body, letters)
    if rows:
        return rows
    cuts = [0] + [m.end() for m in re.finditer(r"\\\\", body)]
    rows = [(a, body[a:b - 2 if b != len(body) else b]) for a, b in zip(cuts, cuts[1:] + [len(body)])]
    rows = [(a + len(row) - len(row.lstrip()), row) for a, row in rows if row.strip()]
    if len(rows) > 1 and "\\begin" not in body:  # one claim a line, each with its condition
        claims = [split_on_indices(row, letters) for _a, row in rows]
        if not all(c and len(c) == 1 for c in claims):
            return None
        # each claim keeps its place in the block (blanks before it), so its line is right
        return [("".join(ch if ch == "\n" else " " for ch in body[:a]) + c[0][0], c[0][1])
                for (a, _row), c in zip(rows, claims)]
    m = _BEFORE.match(body)
    if m:  # {\rm if}~i=j,~ … : the condition first, kept in place as blanks (columns stay right)
        condition = _pair(*m.groups()[1:4], letters)
        if condition is not None:
            return [(" " * len(m.group("cond")) + m.group("main"), condition)]
    m = _AFTER.match(body)
    if m and "\\\\" not in body:
        condition = _condition(m.group("cond"), letters)
        if condition is not None:
            return [(m.group("main").strip(), condition)]
    return None


def _conditioned_rows(body: str, letters: set) -> list[tuple[str, tuple | None]] | None:
    r"""An aligned block (or the rows of one) whose rows open with a condition, ``\text{If } i=j, \frac{∂y_i}{∂x_i} &= …``:
    each such row starts a part that holds under its condition, up to the next one; the rows before
    the first hold unconditionally (condition None).  Each part keeps its place in the block (the
    rest becomes blanks), so its lines are right.

    >>> body = r"\begin{align} a &= b \\ \text{If } i=j, c &= d \\ &= e \\ \text{If } i\neq j, c &= f \end{align}"
    >>> [(" ".join(t.split()), c) for t, c in _conditioned_rows(body, {"i", "j"})]
    [('\\begin{align} a &= b \\end{align}', None), ('\\begin{align} c &= d \\\\ &= e \\end{align}', ('i', '=', 'j')), ('\\begin{align} c &= f \\end{align}', ('i', 'neq', 'j'))]
    """
    env = _ALIGNED.search(body)
    if env is None and "&" not in body:
        return None
    inner_start, inner_end = (0, len(body)) if env is None else (
        env.end(), env.end() + body[env.end():].find(f"\\end{{{env.group(1)}}}"))
    if inner_end < inner_start:
        return None
    seps = list(re.finditer(r"\\\\(?:\[[^\]]{0,12}\])?", body[inner_start:inner_end]))
    starts = [inner_start] + [inner_start + m.end() for m in seps]
    ends = [inner_start + m.start() for m in seps] + [inner_end]
    parts: list[list] = []  # [condition, first row, last row, (condition start, end) or None]
    for n, (a, b) in enumerate(zip(starts, ends)):
        m = _BEFORE.match(body[a:b])
        condition = _pair(*m.groups()[1:4], letters) if m else None
        if condition is not None:
            parts.append([condition, n, n, (a, a + len(m.group("cond")))])
        elif parts:
            parts[-1][2] = n
        else:
            parts.append([None, n, n, None])
    if not any(p[0] for p in parts):
        return None

    def blank(text: str) -> str:
        return "".join(ch if ch == "\n" else " " for ch in text)

    out = []
    for condition, first, last, cond in parts:
        a, b = starts[first], ends[last]
        if cond is not None:
            a = cond[1]
        text = (body[:inner_start] + blank(body[inner_start:a]) + body[a:b]
                + blank(body[b:inner_end]) + body[inner_end:])
        out.append((text, condition))
    return out
