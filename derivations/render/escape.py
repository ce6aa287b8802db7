"""The one escaper: Unicode prose as LaTeX text, for documents, figure captions and MathJax.

Every piece of prose that reaches LaTeX (justifications, titles, captions, checker annotations)
goes through :func:`escape_text`: the LaTeX specials are escaped, characters LaTeX text cannot
hold become inline math (``σ`` is ``$\\sigma$``, through latexcodec and a small table of our own),
and adjacent math pieces are merged into one (``σθ`` is ``$\\sigma\\theta$``, never the display
toggle ``$$``).  :func:`prose_math` writes prose as
display-math source for MathJax and KaTeX (Jupyter, the Markdown export): words in ``\\text{...}``,
which both read literally, and the specials and mathematical characters in math mode.

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

__all__ = ["escape_text", "prose_math"]

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
    "∝": r"\propto", "∈": r"\in", "ℝ": r"\mathbb{R}", "ᵢ": "_{i}", "ⱼ": "_{j}", "⋆": r"\star",
    "⌊": r"\lfloor", "⌋": r"\rfloor", "Ĝ": r"\hat{G}", "ₗ": "_{l}", "ₖ": "_{k}", "ₙ": "_{n}", "‖": r"\|",
    **{chr(0x2080 + d): f"_{{{d}}}" for d in range(10)},
}

_ACCENTS = {"\u0303": r"\tilde", "\u0302": r"\hat"}
_CLUSTER = re.compile("[^\u0302\u0303][\u0302\u0303]?|[\u0302\u0303]", re.S)
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
    >>> print(escape_text('X\u0303 ⋆ G\u0302'))  # combining accents: X̃ ⋆ Ĝ
    $\\tilde{X}$ $\\star$ $\\hat{G}$
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
    for ch in _CLUSTER.findall(text):
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
    """One character (or a letter with a combining accent) as LaTeX text, or as ``$math$``."""
    if len(ch) == 2:  # X̃, Ĝ written with a combining accent: math, as in the formulas
        return "$" + _ACCENTS[ch[1]] + "{" + _piece(ch[0], strict).strip("$") + "}$"
    if ch in _EXTRA_MATH:
        return "$" + _EXTRA_MATH[ch] + "$"
    try:
        return codecs.encode(ch, "ulatex")
    except UnicodeEncodeError:
        if strict:
            raise InvalidInputError(f"cannot typeset {ch!r} (U+{ord(ch):04X}) in LaTeX text; rephrase it") from None
        return "?"


#: a LaTeX special in prose, as math mode that MathJax and KaTeX both read (neither reads these in \text{}).
_MATH_SPECIALS = {
    "\\": r"\backslash ", "{": r"\{", "}": r"\}", "$": r"\$", "^": r"\hat{\ }", "&": r"\&", "%": r"\%",
    "#": r"\#", "_": r"\_", "~": r"\sim ",
}


def prose_math(text: str) -> str:
    """Prose as display-math source for MathJax and KaTeX: words in ``\\text{...}``, mathematics as math.

    The LaTeX specials and the characters that are mathematics (σ, −, ′, ², λ₁, ≈, ...) become math
    mode (``\\sigma``, ``-``, ``'``...); everything else stays Unicode inside ``\\text{...}``, which
    both renderers read literally.  So no escape meant for LaTeX text (``\\^{}``, ``\\textasciicircum``)
    ever reaches a web page.

    >>> print(prose_math('definition of σ at −z: 50% & more'))
    \\text{definition of }\\sigma\\text{ at }-\\text{z: 50}\\%\\text{ }\\&\\text{ more}
    >>> print(prose_math("σ′(z) = σ(z)(1 − σ(z))"))
    \\sigma'\\text{(z) = }\\sigma\\text{(z)(1 }-\\text{ }\\sigma\\text{(z))}
    """
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(r"\text{" + "".join(run) + "}")
            run.clear()

    for ch in text:
        if ch in _MATH_SPECIALS:
            flush()
            out.append(_MATH_SPECIALS[ch])
        elif ch.isascii():
            run.append(ch)
        else:
            m = _MATH_PIECE.match(_piece(ch, strict=False))
            if m and m.group(1) != "?":
                flush()
                body = m.group(1)
                if out and _ENDS_IN_COMMAND.search(out[-1]) and body[:1].isalpha():
                    out.append(" ")
                out.append(body)
            else:
                run.append(ch)
    flush()
    return "".join(out)
