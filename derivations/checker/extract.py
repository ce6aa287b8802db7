"""Find the mathematics in a LaTeX or Markdown document, with line and column of each piece.

Display math (``$$…$$``, ``\\[…\\]``, ``equation``, ``align``, ``gather``, ``multline`` and their
starred forms; ``aligned`` inside them) and inline ``$…$`` that contains an ``=``.  Markdown code
(fenced blocks, inline backticks) and LaTeX comments are not mathematics and are skipped.

>>> blocks = extract("Text $a = b$ and\\n$$x = y$$\\n", markdown=True)
>>> [(b.body, b.line, b.display) for b in blocks]
[('a = b', 1, False), ('x = y', 2, True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derivations.checker.dialects import BARE_NOTE, is_bare_math, jekyll_unescape, proofwiki_tables

__all__ = ["MathBlock", "extract", "stray_math"]

_ENVS = "equation|align|gather|multline|eqnarray|displaymath|math"
_PATTERN = re.compile(
    r"(?P<fence>^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\2[ \t]*$)"      # Markdown fenced code
    r"|(?P<tick>`[^`\n]+`)"                                          # Markdown inline code
    r"|(?P<comment><!--.*?-->)"                                       # an HTML comment
    r"|(?P<escaped>\\\$)"                                            # an escaped dollar
    r"|\$\$(?P<dd>.+?)\$\$"                                          # $$ display $$
    r"|(?<!\\)\\\\\[(?P<jbr>.+?)\\\\\]"                        # Jekyll-escaped \\[ display \\]
    r"|(?<!\\)\\\\\((?P<jparen>.+?)\\\\\)"                     # Jekyll-escaped \\( inline \\)
    r"|\\\[(?P<br>.+?)\\\]"                                          # \[ display \]
    r"|<script\s+type=\"math/tex;\s*mode=display\"\s*>(?P<sd>.*?)</script>"  # MathJax display
    r"|<script\s+type=\"math/tex\"\s*>(?P<si>.*?)</script>"              # MathJax inline
    rf"|\\begin\{{(?P<env>{_ENVS})(?P<star>\*?)\}}(?P<envbody>.+?)\\end\{{(?P=env)(?P=star)\}}"
    r"|(?<!\\)\\\((?P<paren>.+?)\\\)"                                          # \( inline \)
    r"|(?<![\\$])\$(?P<inline>(?:[^$\n]|\n(?![ \t]*\n))+?)\$(?!\$)",  # $ inline $ (one paragraph)
    re.DOTALL | re.MULTILINE)
_GROUPS = (("dd", True, "$$"), ("jbr", True, r"\\["), ("jparen", False, r"\\("),
           ("br", True, r"\["), ("sd", True, "script"), ("envbody", True, "env"),
           ("si", False, "script"), ("paren", False, r"\("), ("inline", False, "$"))


@dataclass(frozen=True)
class MathBlock:
    """One piece of mathematics: its text and where it stands in the document.

    >>> extract("Since $a = b$.", markdown=True)[0]
    MathBlock(body='a = b', line=1, column=8, start=7, end=12, block_start=6, block_end=13, display=False, kind='$', note='')
    """

    body: str
    line: int
    column: int
    start: int
    end: int
    block_start: int
    block_end: int
    display: bool
    kind: str
    note: str = ""  # how the block was read, when it is not plain math (a line of bare LaTeX)


def _strip_tex_comments(text: str) -> str:
    """Blank out ``% …`` comments (keeping offsets), leaving ``\\%`` alone."""
    return re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group()), text)


def extract(text: str, *, markdown: bool) -> list[MathBlock]:
    """The math blocks of ``text`` in document order (inline math only when it holds an ``=``).

    >>> text = "Code `$x = 1$` is skipped, and so is $w$.\\n\\n```\\n$$y = 2$$\\n```\\n$z = 3$\\n"
    >>> [b.body for b in extract(text, markdown=True)]
    ['z = 3']
    >>> [(b.kind, b.body) for b in extract(r"\\begin{align} a &= b \\end{align} % $c = d$", markdown=False)]
    [('align', ' a &= b ')]
    """
    scan = text if markdown else _strip_tex_comments(text)
    blocks = [_block(text, start, end, body, True, "table") for start, end, body in proofwiki_tables(scan)]
    tables = [(b.start, b.end) for b in blocks]
    for m in _PATTERN.finditer(scan):
        if m.group("fence") or m.group("escaped") or (m.group("comment") and markdown):
            continue
        if any(a <= m.start() < b for a, b in tables) or (
                not markdown and (m.group("jbr") or m.group("jparen"))):
            continue
        if m.group("tick"):
            if markdown:
                continue
            # in LaTeX a backtick is an opening quote: rescan its inside for math
        for group, display, kind in _GROUPS:
            body = m.group(group)
            if body is None:
                continue
            before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
            if re.fullmatch(r"\s*(?:[-*]\s+)?=\s*", before):
                display, kind = True, "="  # "= $…$" on its own line continues the chain above
            elif not display and "=" not in body:
                break
            if group in ("jbr", "jparen"):
                body = jekyll_unescape(body)
            if not display and ("\\begin{" in body or "\\\\" in body):
                display = True  # an aligned block between single dollars is display math
            if kind == "env":
                kind = m.group("env")
            start = m.start(group)
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            blocks.append(MathBlock(body if group in ("jbr", "jparen") else text[start:m.end(group)],
                                    line, column, start, m.end(group), m.start(), m.end(), display, kind))
            break
    if markdown:
        bare = _bare_lines(text)
        for k, (start, end) in enumerate(bare):
            # "= …" goes on from the line of math right above it only, never across prose
            joined = k > 0 and not text[bare[k - 1][1]:start].strip()
            display = not text[start:end].startswith("=") or joined
            blocks.append(_block(text, start, end, text[start:end], display, "bare", BARE_NOTE))
    return sorted(blocks, key=lambda b: b.start)


def _block(text: str, start: int, end: int, body: str, display: bool, kind: str,
           note: str = "") -> MathBlock:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return MathBlock(body, line, column, start, end, start, end, display, kind, note)


def _outside_math(text: str, markdown: bool) -> str:
    """``text`` with its math, code and comments blanked out (newlines kept)."""
    scan = list(text if markdown else _strip_tex_comments(text))
    for m in _PATTERN.finditer("".join(scan)):
        if m.group("escaped"):
            continue
        if m.group("tick") and not markdown:
            continue
        scan[m.start():m.end()] = [c if c == "\n" else " " for c in scan[m.start():m.end()]]
    for start, end, _body in proofwiki_tables(text):
        scan[start:end] = [c if c == "\n" else " " for c in scan[start:end]]
    return "".join(scan)


def _bare_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of bare LaTeX that is unmistakably math (see :mod:`.dialects`)."""
    found, offset = [], 0
    for line in _outside_math(text, True).split("\n"):
        if is_bare_math(line):
            lead = len(line) - len(line.lstrip())
            found.append((offset + lead, offset + len(line.rstrip())))
        offset += len(line) + 1
    return found


_STRAY = re.compile(
    r"\\(?:frac|dfrac|partial|sum|prod|sigma|sqrt|cdot|times|hat|mathbf|ln|log|exp|tanh|alpha|"
    r"beta|theta|delta|Rightarrow|begin\{(?:aligned|align\*?|eqnarray\*?|equation\*?|gather\*?)\})"
    r"(?![A-Za-z])")


def stray_math(text: str, *, markdown: bool) -> list[tuple[int, int, str]]:
    r"""LaTeX math outside any math delimiters, which :func:`extract` does not read: (line, column, text).

    A line counts when, outside math, code and comments, it holds a math command (``\frac``,
    ``\partial``, ``\sigma``, ``\begin{aligned}``, …) and an ``=`` or a ``\frac``/``\partial``.

    In Markdown, a line that is unmistakably math is read instead (:mod:`.dialects`):

    >>> stray_math("Inline $\\sigma$ is fine.\nSo \\frac{dy}{dx} = 2x\n\\frac{dy}{dx} = 2x\n", markdown=True)
    [(2, 4, 'So \\frac{dy}{dx} = 2x')]
    """
    scan = list(_outside_math(text, markdown))
    for m in re.finditer(r"(?<![\\$])\$[^$\n]+\$", "".join(scan)):  # inline math without "="
        scan[m.start():m.end()] = " " * (m.end() - m.start())
    found = []
    for number, line in enumerate("".join(scan).split("\n"), 1):
        m = _STRAY.search(line)
        if m and ("=" in line or re.search(r"\\(?:d?frac|partial)", line)) and not (
                markdown and is_bare_math(line)):
            found.append((number, m.start() + 1, line.strip()[:80]))
    return found
