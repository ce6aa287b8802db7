r"""Plain-text math in Markdown code blocks: a fenced block that names no language and holds no code.

Notes written as plain text (often by an assistant, kept in a repository) set their formulas in
code blocks so that Markdown leaves them alone::

    ```
    dL/dz_i = Σ_j (dL/dp_j) × (dp_j/dz_i)
    ```

Such a block is read as math, line by line, with the lines that begin with ``=`` going on with the
chain above them (as bare lines of math are, :mod:`.extract`), each step carrying a note that says
so.  A block is left alone as code when it names a language (```` ```python ````) or when any of its
lines looks like code (``np.exp``, ``==``, ``x[0]``, ``return``, a ``#`` comment, …) or is LaTeX source
(``\frac{dy}{dx}``, shown as code rather than rendered); a line of a plain block that is math but not
read is listed as unread (:func:`unread_lines`).

>>> text = "Softmax:\n```\np_i = exp(z_i) / Σ_j exp(z_j)\n```\n"
>>> [text[a:b] for a, b in plain_fences(text)]
['p_i = exp(z_i) / Σ_j exp(z_j)\n']
>>> plain_fences("```python\ny = w * x + b\n```\n"), plain_fences("```\nx = np.exp(z)\ny = x + 1\n```\n")
([], [])
>>> plain_fences("```\n\\frac{dy}{dx} = 2x\n```\n")  # LaTeX source shown as code
[]
"""

from __future__ import annotations

import re

from derivations.checker.dialects import code_math, is_bare_math, looks_like_code

__all__ = ["FENCE_NOTE", "DOLLAR_FENCE_NOTE", "dollar_fences", "plain_fences", "fence_math", "continues", "fence_scan", "unread_lines", "without_remark"]

FENCE_NOTE = "read as math although it is written in a code block (plain text; the block names no language)"

DOLLAR_FENCE_NOTE = ("read as math although it is written in a code block (every line of the block is math "
                     "between dollars)")
_FENCE = re.compile(r"^[ \t]*(?P<mark>```|~~~)[ \t]*(?P<lang>[^\n]*)\n(?P<body>.*?)^[ \t]*(?P=mark)[ \t]*$",
                    re.MULTILINE | re.DOTALL)
_PLAIN_LANGUAGES = frozenset({"", "text", "txt", "plaintext", "plain", "none"})
# a remark after the math, set off by two spaces: "= Σᵢ Aᵢₖ xᵢ  (product rule applied)"
_REMARK = re.compile(r"\s{2,}\((?:(?:[A-Za-z][a-z]*\s+){1,}[A-Za-z][a-z]*[^()]*"
                     r"|[^()\n]*[\u0400-\u04ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][^()\n]*)\)\s*$")  # or in
# Cyrillic, Japanese, Chinese or Korean words: "= 1.0   (1.0 > 0이므로 그대로 통과)"
# not a claim: a name glossed in words (dL/dY = upstream gradient (same shape as Y)), a flow drawn with arrows
_GLOSS = re.compile(r"^[^=]*=\s*[A-Za-z][a-z]+(?:\s+[a-z]+)*\s*(?:\([^()]*\))?\s*$|→|->")
_LATEX = re.compile(r"\\[A-Za-z]{2,}")
_SIGNAL = re.compile(r"[=∂∑Σ×·√⌊⌋^]|/d[A-Za-z]|\b(?:exp|log|ln|tanh|sigmoid|softmax)\(")


def plain_fences(text: str) -> list[tuple[int, int]]:
    r"""The (start, end) of the body of each fenced block that names no language and holds no code.

    >>> plain_fences("```\ndp/dx = 2x\n```\n"), plain_fences("```text\nlr = 0.1 * 2\n```\n")
    ([(4, 15)], [(8, 21)])
    """
    found = []
    for m in _FENCE.finditer(text):
        if m.group("lang").strip().lower() not in _PLAIN_LANGUAGES:
            continue
        lines = [line.strip() for line in m.group("body").split("\n")]
        if any(line and looks_like_code(line) or _LATEX.search(line) for line in lines) or not any(
                "=" in line for line in lines):
            continue  # code, or LaTeX source shown as code (a plain fence of \frac… is not rendered math)
        found.append(m.span("body"))
    return found


_DOLLAR_LINE = re.compile(r"\s*(?:\$\$[^$]+\$\$|\$[^$]+\$)\s*")


def dollar_fences(text: str) -> list[tuple[int, int, int, int]]:
    r"""The fenced blocks that name no language and hold only math between dollars, a formula a line: the
    author typed the math as Markdown does but set it in a code block (so it shows as LaTeX source).
    Each is (start, end) of the opening fence line and (start, end) of the closing one, so that blanking
    the two leaves the math to be read as it is written.

    >>> text = "Block:\n```\n$y_l = h(x_l) + F(x_l)$\n$h(x_l) = x_l$\n```\n"
    >>> [text[a:b] for a, b, _, _ in dollar_fences(text)], dollar_fences("```\n$x$ is 1\n```\n")
    (['```'], [])
    >>> dollar_fences("```latex\n$y = 2x$\n```\n")  # a language named: code
    []
    """
    found = []
    for m in _FENCE.finditer(text):
        lines = [line for line in m.group("body").split("\n") if line.strip()]
        if m.group("lang").strip().lower() in _PLAIN_LANGUAGES and lines and all(
                _DOLLAR_LINE.fullmatch(line) for line in lines):
            opening = text.index("\n", m.start())
            found.append((m.start(), opening, m.end("body"), m.end()))
    return found


def without_remark(line: str) -> str:
    """``line`` with a remark in words after the math blanked (same length).

    >>> without_remark("∂f/∂x = 2x  (product rule applied)").rstrip()
    '∂f/∂x = 2x'
    >>> without_remark("a₁ = relu(1.0)  = 1.0   (1.0 > 0이므로 그대로 통과)").rstrip()
    'a₁ = relu(1.0)  = 1.0'
    """
    m = _REMARK.search(line)
    return line if m is None else line[:m.start()] + " " * (len(line) - m.start())


def fence_math(line: str) -> bool:
    r"""True if a line of a plain code block is math: what a code span would be read as
    (:func:`.dialects.code_math`), or a row of names computed with numbers (``n_out = (6 - 3) / 1 + 1``).

    >>> fence_math("dL/dp_j = -y_j / p_j"), fence_math("Input: 6×6 matrix"), fence_math("I = [ 1  2 ]")
    (True, False, False)
    """
    line = without_remark(line).strip()
    return code_math(line) or is_bare_math(line)


def continues(line: str) -> bool:
    """True if a line of a plain code block goes on with the chain above it: ``= p_i - y_i``, ``= 4``.

    >>> continues("= -y_i + p_i × 1"), continues("= 4"), continues("= 2 Σⱼ Aₖⱼ xⱼ"), continues("x = 4")
    (True, True, True, False)
    """
    line = without_remark(line).strip()  # "+ 0": an operator, which a line of plain math needs (= 2 Σⱼ Aₖⱼ xⱼ)
    return line.startswith("=") and (fence_math("x " + line) or fence_math(f"x {line} + 0"))


# a matrix or vector drawn with brackets, entries side by side: [x₁ x₂], [ 1   3 ]
_DRAWN = re.compile(r"\[[^\[\]=]*?[^\s+\-−*/×·,;(\[]\s+[^\s+\-−*/×·,;)\]][^\[\]]*\]")


def _lines(body: str) -> list[str]:
    r"""The lines of a plain block's body as they are read: remarks blanked, and, when the block draws
    a matrix with brackets (rows on lines of their own), every line with a bracket blanked: such a
    drawing is not read (a row's entries side by side, a column over several lines).

    >>> [line.strip() for line in _lines("[2  1] [x₁]   [2x₁ + x₂]\n[1  3] [x₂] = [x₁ + 3x₂]\n= 2x₁ + x₂")]
    ['', '', '= 2x₁ + x₂']
    """
    lines = [without_remark(line) for line in body.split("\n")]
    if any(_DRAWN.search(line) for line in lines):
        lines = [" " * len(line) if "[" in line or "]" in line else line for line in lines]
    return lines


def fence_scan(text: str, span: tuple[int, int]) -> str:
    r"""``text`` blanked but for ``span`` (newlines kept, so offsets and lines stay), as :func:`_lines` reads it.

    >>> fence_scan("See:\n```\ny = 2x\n```\n", (9, 16))
    '    \n   \ny = 2x\n   \n'
    """
    start, end = span
    body = "\n".join(_lines(text[start:end]))
    return "".join(c if c == "\n" else " " for c in text[:start]) + body + \
        "".join(c if c == "\n" else " " for c in text[end:])


def unread_lines(text: str) -> list[tuple[int, int, str]]:
    r"""The lines of plain code blocks that state a relation in math but are not read: (line, column, text).

    >>> unread_lines("```\nn_out = ⌊(n - f) / s⌋ + 1\nσ(z) = 1 / (1 + e^(-z))\ndL/dY = upstream gradient\n```\n")
    [(2, 1, 'n_out = ⌊(n - f) / s⌋ + 1')]
    """
    found = []
    for start, end in plain_fences(text):
        first = text.count("\n", 0, start) + 1
        for k, (line, read) in enumerate(zip(text[start:end].split("\n"), _lines(text[start:end]))):
            body = line.strip()
            drawn = not read.strip() and body  # a line of a drawn matrix (see _lines)
            if "=" in body and (drawn or _SIGNAL.search(body.replace("=", "", 1)) and not _GLOSS.search(body)) and not (
                    read.strip() and (fence_math(body) or continues(body))):
                found.append((first + k, len(line) - len(line.lstrip()) + 1, body[:80]))
    return found
