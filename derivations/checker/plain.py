r"""Plain-text notation the tokenizer reads with a stated reading: ``e^-x``, ``1e-3``, ``dy/dx``, ``x⁻¹``.

Each reader here recognises one shape of notation that is not LaTeX proper but is written in real
notes, only where the shape is unmistakable, and says how it is read; the tokenizer turns the
reading into a note that the checked step carries (never a silent guess).

>>> bare_exponent(r"e^-x / 2", 1)
(2, 3, 4, '-')
>>> scientific("2.5E2 x", 0)
('250', 5)
>>> slash_derivative("dy/dx = 2x", 0)
('y', 'x', 5)
>>> unicode_script("x⁻¹", 1)
('-1', 3)
"""

from __future__ import annotations

import re

__all__ = ["balanced_single", "matching_paren", "bare_exponent", "prose_row", "shortened", "scientific", "thousands", "slash_derivative", "unicode_script", "SUPERSCRIPTS",
           "SUBSCRIPTS"]

# ^-x, ^-2, ^-\beta: a negative exponent written without braces (LaTeX typesets e^{-}x).
_BARE = re.compile(r"\^\s*(-)\s*(\\[A-Za-z]+|[A-Za-z]|[0-9]+(?:\.[0-9]+)?)")
# What may follow such an exponent for the reading to be unmistakable: an operator, a closing
# delimiter, a relation, the end, or a command that is an operator or a delimiter.
_AFTER_BARE = re.compile(
    r"\s*(?:$|[-+*/)\]}=,;|]|\\(?:cdot|times|right|big[lr]?|Big[lr]?|quad|qquad|\\|cr|end|approx|"
    r"le|ge|leq|geq|neq|div)(?![A-Za-z]))")
_GREEK_OK = frozenset("alpha beta gamma delta epsilon eta theta lambda mu nu xi pi rho sigma tau "
                      "phi chi psi omega".split())


def bare_exponent(text: str, caret: int) -> tuple[int, int, int, str] | None:
    """``^-x`` at ``caret``: (sign position, operand start, operand end, sign), or None if unclear.

    Read as ``^{-x}`` only when one letter, one number or one Greek letter follows the sign and
    then an operator, a closing delimiter, a relation or the end: ``e^-x y`` and ``e^-2x`` stay
    refused (is it e^{-2x} or e^{-2}x?).

    >>> bare_exponent("e^-x y", 1) is None, bare_exponent("e^-2x", 1) is None
    (True, True)
    """
    m = _BARE.match(text, caret)
    if not m or not _AFTER_BARE.match(text, m.end()):
        return None
    operand = m.group(2)
    if operand.startswith("\\") and operand[1:] not in _GREEK_OK:
        return None
    return m.start(1), m.start(2), m.end(2), m.group(1)


_SCIENTIFIC = re.compile(r"([0-9]+)(?:\.([0-9]+))?[eE]([+-]?)([0-9]{1,3})(?![0-9A-Za-z.])")


def scientific(text: str, start: int) -> tuple[str, int] | None:
    """``1e-3``, ``2.5E2`` at ``start``: (the exact decimal it stands for, end), or None.

    >>> scientific("1e-3", 0), scientific("2e^{x}", 0), scientific("3e", 0)
    (('0.001', 4), None, None)
    """
    m = _SCIENTIFIC.match(text, start)
    if not m:
        return None
    frac = m.group(2) or ""
    digits = int(m.group(1) + frac)
    shift = int(m.group(4)) * (-1 if m.group(3) == "-" else 1) - len(frac)
    if shift >= 0:
        value = str(digits) + "0" * shift if digits else "0"
    else:
        padded = str(digits).rjust(1 - shift, "0")
        value = (padded[:shift] + "." + padded[shift:]).rstrip("0").rstrip(".")
    return value, m.end()


# 300,000 and 1,250,000: digits in groups of three after commas without spaces (a thousands separator)
_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?![0-9]|\.[0-9]|,\s*[0-9])")


def thousands(text: str, start: int) -> tuple[str, int] | None:
    """``300,000`` at ``start``: (the integer it stands for, end), or None.

    Only groups of exactly three digits after commas with no space, not in a longer list of
    numbers (``1,000,5`` and ``(1, 000)`` are not read), and not after a digit, a point or a comma.

    >>> thousands("300,000 & 3", 0), thousands("1,250,000", 0), thousands("(1, 000)", 1), thousands("3,14", 0)
    (('300000', 7), ('1250000', 9), None, None)
    """
    if start and (text[start - 1].isdigit() or text[start - 1] in ".,"):
        return None
    m = _THOUSANDS.match(text, start)
    return (m.group().replace(",", ""), m.end()) if m else None


# dy/dx, d\sigma/dz, d/dx: a derivative written with a slash in plain text.
_D = r"(?:d|\\(?:mathrm|text|operatorname|mathit)\s*\{\s*d\s*\}|\\mathrm\s+d)"
_SLASH = re.compile(rf"{_D}\s*(\\[A-Za-z]+|[A-Za-z]?)\s*/\s*{_D}\s*([A-Za-z])(?![A-Za-z0-9_^{{₀-₉ᵢⱼₖₙₘₜ])")


def slash_derivative(text: str, start: int) -> tuple[str, str, int] | None:
    r"""``dy/dx`` or ``d/dx`` at ``start`` (a ``d`` that starts a word): (numerator, variable, end).

    Never the product d·y/(d·x): a ``d`` over a ``d`` is a derivative in every note that writes it.

    >>> slash_derivative("dq/dt", 0), slash_derivative("d/dx (x^2)", 0)
    (('q', 't', 5), ('', 'x', 4))
    >>> slash_derivative("dy/dx_i", 0) is None  # a scripted variable: not read this way
    True
    >>> slash_derivative(r"\mathrm{d}y/\mathrm{d}x", 0)
    ('y', 'x', 23)
    """
    if start and (text[start - 1].isalnum() or text[start - 1] == "\\"):
        return None
    m = _SLASH.match(text, start)
    if not m:
        return None
    numerator = m.group(1)
    if numerator.startswith("\\") and numerator[1:] not in _GREEK_OK:
        return None
    return numerator, m.group(2), m.end()


SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿⁱˣʸᵏᵃᵇᶜᵈᵉᶠᵍʰʲˡᵐᵒᵖʳˢᵗᵘᵛʷᶻ",
                        "0123456789-+nixykabcdefghjlmoprstuvwz"))  # not ᵀ: a transpose
SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₙₘₜₐₑₒₓₕₗₚₛᵣᵤᵥ", "0123456789ijknmtaeoxhlpsruv"))


def unicode_script(text: str, start: int, table: dict | None = None) -> tuple[str, int]:
    """The run of Unicode superscript (or ``table``'s) characters at ``start``, as ASCII, and its end.

    >>> unicode_script("e⁻²ˣ", 1), unicode_script("wᵢⱼ", 1, SUBSCRIPTS)
    (('-2x', 4), ('ij', 3))
    """
    table = SUPERSCRIPTS if table is None else table
    end = start
    while end < len(text) and text[end] in table:
        end += 1
    return "".join(table[c] for c in text[start:end]), end


_PROSE = re.compile(r"[A-Za-z][A-Za-z0-9 .,;:'!?()-]*")
_ROW_START = re.compile(r"(?:\\\\|\\begin\s*\{[A-Za-z*]+\}|\\cr)\s*$")
_ROW_END = re.compile(r"\s*(?:$|\\\\|\\end(?![A-Za-z])|\\cr(?![A-Za-z]))")
# Words that make a sentence a condition on the math near it (never skipped as prose).
_CONDITIONAL = frozenset("if when whenever unless provided otherwise only iff all every assume "
                         "assuming suppose".split())


def prose_row(text: str, start: int, end: int, body: str) -> bool:
    r"""True if ``\text{body}`` (``text[start:end]``) is a whole row of prose in an aligned block.

    A sentence written as its own row (``… \\ \text{Let us find each term.} \\ …``) is not math:
    it is skipped with a note and the other rows are read.  Only letters, digits and punctuation in
    at least three words, nothing else on the row, and no word that could make it a condition on
    the math (``if``, ``only``, ``for`` with a one-letter name, ``where`` with one, ...).

    >>> t = r"a = b \\ \text{Let us find each term.} \\ c = d"
    >>> prose_row(t, t.index("\\text"), t.index("} ") + 1, "Let us find each term.")
    True
    >>> t = r"a = b \\ \text{for x positive} \\ c = d"
    >>> prose_row(t, t.index("\\text"), t.index("} ") + 1, "for x positive")
    False
    """
    if not _PROSE.fullmatch(body.strip()) or not _ROW_END.match(text, end):
        return False
    before = text[max(0, start - 200):start]
    if before.strip() and not _ROW_START.search(before):
        return False
    words = re.findall(r"[A-Za-z]+", body.lower())
    if len(words) < 3 or set(words) & _CONDITIONAL:
        return False
    unquoted = re.sub(r"'[A-Za-z]'|\b(?:i\.\s?e|e\.\s?g)\.", "", body)  # the Jacobian 'J': a name quoted in a sentence
    named = any(len(w) == 1 and w not in ("a", "I") for w in re.findall(r"[A-Za-z]+", unquoted))
    return not (named and set(words) & {"for", "where", "with", "in", "on", "at", "near", "above", "below",
                                           "each", "any"})


def shortened(body: str) -> str:
    """A sentence for a note: its words, cut at a word before 80 characters.

    >>> shortened("a  b"), shortened("word " * 30)[-6:]
    ('a b', 'word …')
    """
    words = " ".join(body.split())
    return words if len(words) <= 80 else words[:77].rsplit(" ", 1)[0] + " …"


def matching_paren(text: str, p: int) -> int | None:
    """The position of the ``)`` matching the ``(`` at ``p``, or None (looked for up to 1000 characters on).

    >>> matching_paren("f(a(b)c)d", 1), matching_paren("f(a", 1)
    (7, None)
    """
    depth = 0
    for k in range(p, min(len(text), p + 1000)):  # bounded: nested √( cannot cost n² steps
        depth += (text[k] == "(") - (text[k] == ")")
        if depth == 0:
            return k
    return None


def balanced_single(body: str) -> bool:
    """True if ``body`` is one parenthesised group ``( ... )``.

    >>> balanced_single("(a + (b))"), balanced_single("(a)(b)")
    (True, False)
    """
    depth = 0
    for i, ch in enumerate(body):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and i < len(body) - 1:
            return False
    return depth == 0
