"""The one escaper: Unicode prose as LaTeX text, for documents, figure captions and MathJax.

Every piece of prose that reaches LaTeX (justifications, titles, captions, checker annotations)
goes through :func:`escape_text`: the LaTeX specials are escaped, characters LaTeX text cannot
hold become inline math (``σ`` is ``$\\sigma$``, through latexcodec and a small table of our own),
and adjacent math pieces are merged into one (``σθ`` is ``$\\sigma\\theta$``, never the display
toggle ``$$``).  :func:`escape_mathjax` is the lighter escaping for text inside MathJax's
``\\text{...}``, which reads Unicode directly.

>>> print(escape_text('definition of σ: {x} & 50%'))
definition of $\\sigma$: \\{x\\} \\& 50\\%
>>> print(escape_text('ßa …, λ₁ ≈ ½, a^b'))
\\ss{}a \\ldots, $\\lambda_{1}$ $\\approx$ $\\frac{1}{2}$, a\\textasciicircum{}b
"""

from __future__ import annotations

import codecs
import re

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

from derivations.errors import InvalidInputError

__all__ = ["escape_text", "escape_mathjax"]

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "^": r"\textasciicircum{}",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
}

#: characters latexcodec has no (or no good) translation for, as math-mode LaTeX.
_EXTRA_MATH = {
    "−": "-", "′": "'", "²": "^2", "¹": "^1", "⁻": "^-", "½": r"\frac{1}{2}", "⊙": r"\odot",
    "ᵀ": r"^{\mathsf{T}}", "∂": r"\partial", "√": r"\surd", "≈": r"\approx", "⇒": r"\Rightarrow",
    "→": r"\to", "≤": r"\le", "≥": r"\ge", "∑": r"\sum", "·": r"\cdot", "×": r"\times",
    "∝": r"\propto", "∈": r"\in", "ℝ": r"\mathbb{R}", "ᵢ": "_{i}", "ⱼ": "_{j}", "‖": r"\|",
    **{chr(0x2080 + d): f"_{{{d}}}" for d in range(10)},
}

_MATH_PIECE = re.compile(r"^\$(.*)\$$", re.S)
_ENDS_IN_COMMAND = re.compile(r"\\[A-Za-z]+$")


def escape_text(text: str, *, strict: bool = True) -> str:
    """Plain Unicode prose as LaTeX text (specials escaped, σ as ``$\\sigma$``, math pieces merged).

    A character LaTeX cannot typeset raises InvalidInputError naming it, or with
    ``strict=False`` (for text that comes from users) becomes ``?``.

    >>> print(escape_text("σ′(z) = σ(z)(1 − σ(z)), 50% & a_b"))
    $\\sigma'$(z) = $\\sigma$(z)(1 $-$ $\\sigma$(z)), 50\\% \\& a\\_b
    >>> escape_text('☃', strict=False)
    '?'
    >>> escape_text('☃')
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: cannot typeset '☃' (U+2603) in LaTeX text; rephrase it
    """
    out: list[str] = []
    math_buf: list[str] = []

    def flush_math() -> None:
        if math_buf:
            out.append("$" + "".join(math_buf) + "$")
            math_buf.clear()

    after_command = False  # the last piece was a command word like "\\ldots": a letter or a space (which TeX would eat) must not follow directly
    for ch in text:
        if after_command and (ch.isalpha() or ch.isspace()):
            out.append("{}")  # "\\ss" followed by "a" must not become "\\ssa"
        after_command = False
        if ch in _SPECIALS:
            flush_math()
            out.append(_SPECIALS[ch])
            continue
        piece = _piece(ch, strict)
        m = _MATH_PIECE.match(piece)
        if m:
            body = m.group(1)
            if math_buf and _ENDS_IN_COMMAND.search(math_buf[-1]) and body[:1].isalpha():
                math_buf.append(" ")
            math_buf.append(body)
            continue
        flush_math()
        out.append(piece)
        after_command = bool(_ENDS_IN_COMMAND.search(piece))
    flush_math()
    return "".join(out)


def _piece(ch: str, strict: bool) -> str:
    """One character as LaTeX text, or as ``$math$``."""
    if ch in _EXTRA_MATH:
        return "$" + _EXTRA_MATH[ch] + "$"
    try:
        return codecs.encode(ch, "ulatex")
    except UnicodeEncodeError:
        if strict:
            raise InvalidInputError(f"cannot typeset {ch!r} (U+{ord(ch):04X}) in LaTeX text; rephrase it") from None
        return "?"


def escape_mathjax(text: str) -> str:
    """Text for MathJax's ``\\text{...}``: only the LaTeX specials escaped (MathJax reads Unicode).

    >>> print(escape_mathjax('σ(z) & 50%'))
    σ(z) \\& 50\\%
    """
    return "".join(_SPECIALS.get(ch, ch) for ch in text)
