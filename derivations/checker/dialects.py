r"""Math written in the dialects of real notes: Jekyll-escaped, ProofWiki tables, bare LaTeX lines.

:mod:`.extract` finds ``$…$``, ``\[…\]`` and environments; this module finds math that real pages
write otherwise, each only where the shape is unmistakable:

* **Jekyll/kramdown-escaped math** (``\\[ x\_\{l+1\} = … \\]``): Markdown escapes are undone
  inside such a block (``\_`` → ``_``, ``\{`` → ``{``, ``\\`` → ``\``).
* **ProofWiki proof tables**, flattened into one ``\( … \)`` cell per table cell: a left side, a
  cell ``\(=\)``, a right side, then rows ``\(\ds \)`` ``\(=\)`` ``\(…\)``; the justification text
  between the cells is blanked out and the cells read as one chain ``a = b = c``.
* **MediaWiki's fallback** (``Failed to parse (…): {\displaystyle …}``, what a wiki page shows
  when its math renderer is down): the group after ``{\displaystyle`` is math.
* **A rendered copy glued to its source** (page text saved from KaTeX/MathJax: ``y=x+F(x)\mathbf{y}
  = \mathbf{x} + \mathcal{F}(\mathbf{x})``): the plain copy is left out when its letters are the
  first letters of the LaTeX right after it, so only the source is read.
* **Brackets on lines of their own** in Markdown (``[``, the math, ``]``: ``\\[ … \\]`` whose
  backslashes a copy lost): the lines between are one display, when no blank line stands between.
* **Bare LaTeX lines** in Markdown (no ``$`` at all): a line is read as math only when it holds a
  math command (``\frac``, ``\partial``, …) and an ``=``, and no word of prose (every word of two
  or more letters is a command, a function name like ``cosh``, or inside ``\text{…}``); the steps
  read from it carry a note saying so.  Any other line stays listed as unread math.

>>> jekyll_unescape(r"x\_\{l+1\} = \frac\{a\}\{b\} \\\\ y")
'x_{l+1} = \\frac{a}{b} \\\\ y'
>>> is_bare_math(r"\frac{dy}{dx} = \text{sech}^2(x)"), is_bare_math(r"Let y = \tanh(x). So,")
(True, False)
"""

from __future__ import annotations

import re

from derivations.checker.plain import SUBSCRIPTS, SUPERSCRIPTS
from derivations.checker.vocabulary import _FUNCTION_WORDS, _GREEK, _UNICODE

__all__ = ["jekyll_unescape", "bracket_displays", "BRACKET_NOTE", "proofwiki_tables", "mediawiki_math",
           "is_bare_math", "prose_math", "BARE_NOTE",
           "PROSE_NOTE", "ROW_NOTE", "CODE_NOTE", "code_math", "looks_like_code", "unread_code", "rendered_copies", "named_row", "row_name", "row_latex", "prose_arithmetic"]

_PLAIN_CHARS = "".join(sorted(set(_UNICODE) | set(SUPERSCRIPTS) | set(SUBSCRIPTS) | set("ŷŶȳx̄ᵀ")))
_PLAIN = re.compile(rf"[A-Za-z0-9 \t+\-*/÷×·^(){{}}\[\]=.,'{re.escape(_PLAIN_CHARS)}]+")

BARE_NOTE = "read as math although it stands outside math delimiters (a line of bare LaTeX)"

_JEKYLL_ESCAPE = re.compile(r"\\([\\_{}*|#()\[\]])")


def jekyll_unescape(body: str) -> str:
    r"""The LaTeX a kramdown-escaped block stands for: ``\_`` is ``_``, ``\{`` is ``{``, ``\\`` is ``\``.

    >>> print(jekyll_unescape(r"\mathcal\{F\}(x\_l) \tag\{4\}"))
    \mathcal{F}(x_l) \tag{4}
    """
    return _JEKYLL_ESCAPE.sub(lambda m: m.group(1), body)


BRACKET_NOTE = "read as display math: a [ and a ] on lines of their own (the backslashes of \\[ and \\] lost)"
_MAX_BRACKET_LINES = 30


def bracket_displays(scan: str) -> list[tuple[int, int, str]]:
    r"""The math between a line ``[`` and a line ``]``: (start, end, body) of each, ``scan`` being the
    text with its math, code and comments blanked (so a ``[`` in code is not one).

    >>> [body for _s, _e, body in bracket_displays("Then:\n[\n\\frac{d}{dm}(u^2)\n= 2u\n]\n")]
    ['\\frac{d}{dm}(u^2)\n= 2u']
    >>> bracket_displays("[\n\nx = 1\n]\n")  # a blank line between: not one display
    []
    """
    found, opened, offset = [], None, 0
    for line in scan.split("\n"):
        mark = line.strip()
        if mark == "[":
            opened = (offset + len(line) + 1, 0)
        elif mark == "]" and opened and 0 < opened[1] <= _MAX_BRACKET_LINES:
            body = scan[opened[0]:offset - 1]
            if "=" in body or "\\" in body:
                found.append((opened[0], offset - 1, body))
            opened = None
        elif opened:
            opened = (opened[0], opened[1] + 1) if mark else None
        offset += len(line) + 1
    return found


_CELL = re.compile(r"\\\((?P<body>.*?)\\\)|(?<![$\\])\$(?!\$)(?P<dbody>[^$\n]+)\$(?!\$)", re.DOTALL)
_DS = re.compile(r"^\s*(?:\\ds\b|\\displaystyle\b)?\s*")
_RELATION_CELL = re.compile(r"\s*(?:=|\\le|\\leq|\\ge|\\geq|<|>)\s*")


def proofwiki_tables(text: str) -> list[tuple[int, int, str]]:
    r"""ProofWiki's flattened tables: (start, end, body) of each, the body one chain of the cells.

    The body keeps the document's newlines (so lines stay right); everything between the cells
    (the justifications) is blanked out.

    >>> t = "\\(\\ds a\\)\n\n\\(=\\)\n\n\\(\\ds b\\)\n\nWhy\n\n\\(\\ds \\)\n\\(=\\)\n\\(\\ds c\\)\n"
    >>> [" ".join(body.split()) for _s, _e, body in proofwiki_tables(t)]
    ['\\ds a = \\ds b \\ds = \\ds c']
    """
    cells = list(_CELL.finditer(text))
    tables = []
    k = 0
    while k + 2 < len(cells):
        lhs, rel, rhs = cells[k:k + 3]
        if not (_DS.sub("", _body(lhs)).strip() and _RELATION_CELL.fullmatch(_body(rel))
                and _DS.sub("", _body(rhs)).strip()):
            k += 1
            continue
        used = [lhs, rel, rhs]
        k += 3
        while k + 2 < len(cells) + 1 and k + 1 < len(cells):
            first = cells[k]
            if not _DS.sub("", _body(first)).strip() and k + 2 < len(cells) and \
                    _RELATION_CELL.fullmatch(_body(cells[k + 1])):
                used += cells[k:k + 3]  # a continuation row: an empty left cell, =, the right side
                k += 3
            else:
                break
        tables.append((used[0].start(), used[-1].end(), _blank_outside(text, used)))
    return tables


def _body(cell: re.Match) -> str:
    return cell.group("body") if cell.group("body") is not None else cell.group("dbody")


def _span(cell: re.Match) -> tuple[int, int]:
    return cell.span("body") if cell.group("body") is not None else cell.span("dbody")


def _blank_outside(text: str, cells: list) -> str:
    """The text from the first cell to the last with everything but the cells' bodies blanked."""
    start, end = cells[0].start(), cells[-1].end()
    out = [c if c == "\n" else " " for c in text[start:end]]
    for cell in cells:
        a, b = _span(cell)
        out[a - start:b - start] = text[a:b]
    return "".join(out)


_DISPLAYSTYLE = re.compile(r"\{\\displaystyle\s")


_RENDERED = re.compile(r"(?:(?<=[\s:,(])|^)([^\s\\$]*=[^\s\\$]*)(?=\\[A-Za-z])")


def _letters(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", re.sub(r"\\[A-Za-z]+", "", text))


def rendered_copies(line: str) -> list[tuple[int, int]]:
    r"""Spans of ``line`` that are a rendered copy of the LaTeX glued right after them.

    Page text saved from KaTeX or MathJax writes a formula twice, as text and as its source, with
    nothing between: ``y=x+F(x)\mathbf{y} = \mathbf{x} + \mathcal{F}(\mathbf{x})``.  A run with
    an ``=`` and no space or backslash, followed at once by a command, is such a copy when its letters
    and digits are the first letters and digits of the source (commands left out).

    >>> line = r"Since y=x+F(x)\mathbf{y} = \mathbf{x} + \mathcal{F}(\mathbf{x}), we get"
    >>> [line[a:b] for a, b in rendered_copies(line)]
    ['y=x+F(x)']
    >>> rendered_copies(r"a=2\sigma(z) = 3")  # the letters differ: a factor, not a copy
    []
    """
    out = []
    for m in _RENDERED.finditer(line):
        copy, source = _letters(m.group(1)), _letters(line[m.end():])
        if len(copy) >= 2 and source.startswith(copy) and "=" in line[m.end():]:
            out.append((m.start(1), m.end(1)))
    return out


def mediawiki_math(text: str) -> list[tuple[int, int, str]]:
    r"""MediaWiki's ``{\displaystyle …}`` groups: (start, end, body) of each, braces balanced.

    >>> mediawiki_math(r"We know that Failed to parse (x): {\displaystyle a = \frac{1}{2}} because")
    [(34, 65, 'a = \\frac{1}{2}')]

    The body keeps its place: it ends just before the closing brace (``end - 1``).
    """
    found = []
    for m in _DISPLAYSTYLE.finditer(text):
        depth, k = 1, m.end()
        while k < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[k], 0) if text[k - 1] != "\\" else 0
            k += 1
        if depth == 0:
            found.append((m.start(), k, text[m.end():k - 1]))
    return found


_BARE_COMMAND = re.compile(r"\\[A-Za-z]{2,}")  # any LaTeX command: the line is LaTeX, not plain text
_TEXT_GROUP = re.compile(r"\\(?:text|mathrm|operatorname|mathbf|mathcal|boldsymbol|hat|bar)\s*\{[^{}]*\}")
_WORDS_OK = frozenset(_FUNCTION_WORDS) | _GREEK | {"sech", "csch", "cosh", "sinh", "tanh", "exp", "relu", "ReLU", "RELU"}


def _math_word(word: str) -> bool:
    """A function name (cosh, ln, sigmoid) or a differential (dy, dx, dL), not a word of prose."""
    return word in _WORDS_OK or (re.fullmatch(r"d[A-Za-z]", word) is not None and word != "do") or (
        re.fullmatch(r"[A-Z]{2,5}", word) is not None)  # an acronym: MSE, BCE


# short words of English prose, never read as a product of letters (``ay`` in ``a + ay`` is a·y)
_SHORT_WORDS = frozenset(
    "a i am an as at be by do go he if in is it me my no of oh ok on or so to up us we ye "
    "all and any are but can did for get got had has her him his how its let may new nor not now "
    "off old one our out own per put say see set she the too two use was way who why yes yet you".split())
_OPERATOR_AROUND = re.compile(r"[-+*/=(){}\[\]^_|·×]")


def _letter_product(rest: str, word: re.Match) -> bool:
    """``ay`` in ``-y + ay + a - ay``: a few letters between operators, not an English word."""
    if len(word.group()) > 3 or word.group().lower() in _SHORT_WORDS or not word.group().islower():
        return False
    before = rest[:word.start()].rstrip()
    after = rest[word.end():].lstrip()
    return (not before or _OPERATOR_AROUND.fullmatch(before[-1]) is not None) and (
        not after or _OPERATOR_AROUND.fullmatch(after[0]) is not None)


def is_bare_math(line: str) -> bool:
    r"""True if a line outside math delimiters is unmistakably math: a command, an ``=``, no prose.

    >>> is_bare_math(r"p_j = \frac{e^{o_j}}{\sum_k e^{o_k}}"), is_bare_math(r"We get y = \frac{1}{2}")
    (True, False)
    """
    text = line.strip()
    if "=" not in text or text.startswith(("#", ">", "|", "<")):
        return False
    if not _BARE_COMMAND.search(text):
        return _plain_math(text) or named_row(text)
    rest = _TEXT_GROUP.sub(" ", text)
    rest = re.sub(r"\\[A-Za-z]+|[_^](?:\{[^{}]*\}|.)", " ", rest)
    return all(_math_word(w.group()) or _letter_product(rest, w) for w in re.finditer(r"[A-Za-z]{2,}", rest)) \
        and not re.search(r"[?!:;]\s*$|\b[A-Za-z]\.\s+[A-Z]", text)


def _plain_math(text: str) -> bool:
    r"""A line of plain-text math (``s = 1 ÷ (1 + e^(-x))``): only math characters, single letters
    and function names, an operator or a parenthesis besides the ``=``; no word of prose.

    >>> _plain_math("s * (1 + e^(-x)) = 1"), _plain_math("Let s = sigmoid(x). Then:"), _plain_math("x = 1")
    (True, False, False)
    >>> _plain_math("a₁ = relu(z₁) = relu(1.0) = 1.0"), _plain_math("L = 1.085² = 1.177")
    (True, True)
    """
    words = re.findall(r"[A-Za-z]{2,}", text)
    return bool(_PLAIN.fullmatch(text) and all(_math_word(w) for w in words)
                and re.search(r"[-+*/÷×·^(²³]", text) and not text.rstrip().endswith((",", ":")))  # 1.085² too


CODE_NOTE = "read as math although it is written as code (between backticks)"
# Code, not math: an attribute or a call on a module (np.exp), ==, +=, **, an index x[0], a statement,
# a side left empty.
_CODE = re.compile(r"[A-Za-z_]\w*\.[A-Za-z_]|[-+*/%&|^<>!=:]=|\*\*|[;\"#`]|[A-Za-z_]\[|"
                   r"\b(?:def|return|import|lambda|for|in|print|self|np|torch|range|len)\b")
_ONE_SIDED = re.compile(r"^\s*=|=\s*$")


def looks_like_code(line: str) -> bool:
    """True if a line holds what only code writes: ``np.exp``, ``==``, ``+=``, ``**``, ``x[0]``, ``;``, a
    ``#`` comment, a string, ``return``, ``for``, ``print``, ``range``.

    >>> looks_like_code("x = np.exp(z)"), looks_like_code("z = w * x + b")
    (True, False)
    """
    return _CODE.search(line) is not None


def code_math(body: str) -> bool:
    r"""True if a Markdown code span (````σ'(z) = σ(z) * (1 - σ(z))````) is math, not code: an ``=``,
    nothing that only code writes (``np.exp``, ``==``, ``**``, ``x[0]``, ``;``, ``return``), and
    math by :func:`is_bare_math` (a LaTeX command and no prose, or plain-text math of single letters,
    function names and operators, here also with subscripts: ``z = Σ(w_k * x_k) + b``).

    >>> code_math("σ'(z) = σ(z) * (1 - σ(z))"), code_math(r"\frac{dJ}{dz_2}=\hat{y} - y")
    (True, True)
    >>> code_math("x = np.exp(z)"), code_math("w = w - lr * grad"), code_math("i = 0"), code_math("a == b")
    (False, False, False, False)
    >>> code_math("x += 1"), code_math("+="), code_math("= x + 1")  # an assignment, an operator, no left side
    (False, False, False)
    """
    if "=" not in body or _CODE.search(body) or _ONE_SIDED.search(body) or named_row(body):
        return False  # a row of names (output_dim = …) in code may be a program's: listed, not read
    return is_bare_math(body) or _plain_math(re.sub(r"_(?:\{[^{}]*\}|[A-Za-z0-9])", "", body))  # w_k x_k


def unread_code(body: str) -> bool:
    """True if a Markdown code span is math that :func:`code_math` does not read, to be listed as
    unread: a row of names computed with arithmetic (``output_dim = (W - F) / S + 1``) or an equation
    with no left side (``=((28-3)/1)+1``).  Code (``np.exp``, ``x += 1``) and a setting
    (``batch_size = 64``) are not math.

    >>> unread_code("output_dim = (W - F) / S + 1"), unread_code("=((28-3)/1)+1")
    (True, True)
    >>> unread_code("batch_size = 64"), unread_code("x += 1"), unread_code("σ(z) = 1 / (1 + e⁻ᶻ)")
    (False, False, False)
    """
    if "=" not in body or _CODE.search(body) or code_math(body):
        return False
    if re.match(r"\s*=\s*[-+(0-9.]", body) and not re.search(r"=\s*$", body):
        return True
    return named_row(body) and re.search(r"=.*[-+*/]", body) is not None


ROW_NOTE = ("read as math although it stands outside math delimiters (a plain-text row; its names of "
            "several letters are read as quantities, output_size as \\text{output size})")
_IDENT = r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*"
_ROW = re.compile(rf"\s*(?P<name>{_IDENT})\s*=\s*(?P<rhs>[A-Za-z0-9_ \t+\-*/().]*[A-Za-z0-9_)])\s*")
_NAME_WORDS = re.compile(r"(?<![A-Za-z0-9_.])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|(?<![A-Za-z0-9_.])[A-Za-z]{2,}(?![A-Za-z0-9_(])")


def named_row(line: str) -> bool:
    r"""A plain-text row ``output = (32 - 5 + 2*0) / 1 + 1`` or ``output_size = (input_size - k) / s + 1``:
    a name of several letters, ``=``, and arithmetic with a number in it, operators between all terms.

    >>> named_row("output = 27 / 1 + 1"), named_row("output = conv(x)"), named_row("result = 5 times 3")
    (True, False, False)
    """
    m = _ROW.fullmatch(line)
    if not m or len(re.sub(r"[^A-Za-z]", "", m.group("name"))) < 2 or not re.search(r"\d", m.group("rhs")):
        return False
    rhs = m.group("rhs")
    if re.search(r"[A-Za-z0-9_)]\s+[A-Za-z0-9_(]", rhs) or re.search(r"[A-Za-z_]\(", rhs):
        return False  # two terms with no operator between them, or a call: not arithmetic
    return rhs.count("(") == rhs.count(")") and m.group("name").lower() not in _SHORT_WORDS


def row_name(line: str) -> str | None:
    """The name a plain-text row gives a value (``output`` in ``output = 27 / 1 + 1``), else None.

    >>> row_name("output = 28"), row_name("x = 28")
    ('output', None)
    """
    m = _ROW.fullmatch(line)
    if m and (named_row(line) or re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", m.group("rhs"))):
        return m.group("name") if len(re.sub(r"[^A-Za-z]", "", m.group("name"))) >= 2 else None
    return None


def row_latex(line: str) -> str:
    r"""The LaTeX a plain-text row stands for: its names of several letters as ``\text{…}``.

    >>> row_latex("output_size = (input_size - 5) / stride + 1")
    '\\text{output size} = (\\text{input size} - 5) / \\text{stride} + 1'
    """
    return _NAME_WORDS.sub(lambda m: m.group() if m.group() in _WORDS_OK else
                           "\\text{" + m.group().replace("_", " ") + "}", line)


PROSE_NOTE = "read as math out of a line of prose (it stands outside math delimiters)"

# the words a sentence may end with just before the math it states: "Let y = …", "So, …", "we get …"
_LEAD_INS = frozenset("let so thus hence therefore then now get have gives give obtain obtains yields "
                      "becomes since because recall know clearly finally namely similarly also rule "
                      "is denote define write set".split())
_POWER = re.compile(r"[A-Za-z0-9)}]\^")  # e^x: plain-text math without a command
_PROSE_TAIL = re.compile(r"[^\\=$<>]*")  # a tail of prose after the math: no command, no relation


def prose_math(line: str) -> tuple[int, int] | None:
    r"""(start, end) in ``line`` of an equation of bare LaTeX stated by a sentence of prose; else None.

    The math must end its sentence (``Let y = \tanh(x). So,``), come after a colon or a lead-in
    word (let, so, thus, hence, we get, denote, …; never "if", "for", "when", which would make it a
    condition), hold a LaTeX command or a power (``e^x``) and an ``=``, and be math by
    :func:`is_bare_math`; equations joined by "and" are read each.

    >>> line = r"Let y = \tanh(x). So,"
    >>> start, end = prose_math(line); line[start:end]
    'y = \\tanh(x)'
    >>> line = r"By the chain rule: \frac{dL}{dz} = \frac{dL}{da} \times \frac{da}{dz}"
    >>> start, end = prose_math(line); line[start:end]
    '\\frac{dL}{dz} = \\frac{dL}{da} \\times \\frac{da}{dz}'
    >>> prose_math(r"If \frac{dL}{da} = 0 we stop."), prose_math(r"This holds for \sigma(z) = 0.5.")
    (None, None)
    >>> line = r"Now, denote u = e^x and v = e^{-x}. Thus,"
    >>> start, end = prose_math(line); line[start:end]
    'u = e^x and v = e^{-x}'
    >>> prose_math("Now let n = 10 and m = 5."), prose_math("Let s = sigmoid(x) and more words. So")
    (None, None)
    """
    text = line.rstrip()
    if "=" not in text or text.lstrip().startswith(("#", ">", "|", "<")) or is_bare_math(text):
        return None
    return _latex_stated(text) or prose_arithmetic(text)


_ARITHMETIC_RUN = re.compile(r"[\d.\s+\-−*/×()=⌊⌋]+")
_NAMED_BEFORE = re.compile(rf"(?<![A-Za-z0-9_=])({_IDENT})\s*=\s*\Z")


def prose_arithmetic(line: str) -> tuple[int, int] | None:
    r"""(start, end) of a computation with numbers that a sentence states (``Formula: (32 - 5 + 0) / 1
    + 1 = 28.``), with the name set equal to it right before (``output = …``); else None.

    Each side holds a number, one side an operator between numbers; ``kernel_size=5`` (a value
    after a name, no computation) and sizes (``28×28 = 32×32``: × on both sides) are not read.

    >>> line = "Formula: (32 - 5 + 0) / 1 + 1 = 28. Without padding, padding=0 gives 28×28."
    >>> start, end = prose_arithmetic(line); line[start:end]
    '(32 - 5 + 0) / 1 + 1 = 28'
    >>> line = "add padding=2: output = (32 - 5 + 2×2) / 1 + 1 = 32."
    >>> start, end = prose_arithmetic(line); line[start:end]
    'output = (32 - 5 + 2×2) / 1 + 1 = 32'
    >>> line = "is: (width - filter + 2 * padding) / stride + 1 = (5 - 3 + 2 * 1) / 2 + 1 = 2"
    >>> start, end = prose_arithmetic(line); line[start:end]
    '(5 - 3 + 2 * 1) / 2 + 1 = 2'
    >>> prose_arithmetic("kernel_size=5, stride=1"), prose_arithmetic("a 28×28 = 32×32 map")
    (None, None)
    """
    for m in _ARITHMETIC_RUN.finditer(line):
        start, body = m.start(), m.group()
        while body.count("=") >= 1:
            start += len(body) - len(body.lstrip(" \t="))  # "output = (32 …": the name is before
            body = body.strip(" \t=").rstrip(".").rstrip()
            if body.endswith("(") and body.count("(") > body.count(")"):  # "= 7 (same size)": a remark
                body = body[:-1].rstrip()
            if _computation(body) and not (start and re.match(r"[A-Za-z_^]", line[start - 1]) and
                                           not line[:start].rstrip().endswith("=")):
                named = _NAMED_BEFORE.search(line[:start])
                return (named.start(), start + len(body)) if named else (start, start + len(body))
            cut = body.find("=")  # "… stride + 1 = (5 - 3 + 2 * 1) / 2 + 1 = 2": from the first =
            start, body = start + cut, body[cut:]
    return None


def _computation(body: str) -> bool:
    """``a = b = …`` with numbers on every side and an operator between numbers on one side."""
    sides = body.split("=")
    return (len(sides) >= 2 and all(re.fullmatch(r"\s*[(\d−⌊-][\d.\s+\-−*/×()⌊⌋]*[\d)⌋]\s*|\s*\d\s*", x)
                                    for x in sides)
            and any(re.search(r"[\d)⌋]\s*[-−+*/×]\s*[(\d⌊]", x) for x in sides)
            and all(x.count("(") == x.count(")") and x.count("⌊") == x.count("⌋") for x in sides)
            and sum("×" in x for x in sides) <= 1)


def _latex_stated(text: str) -> tuple[int, int] | None:
    """The span of the LaTeX equation a sentence states (see :func:`prose_math`)."""
    ends = [len(text)] + [m.start() for m in re.finditer(r"[.,;](?=\s)", text)
                          if _PROSE_TAIL.fullmatch(text[m.end():])]
    for end in sorted(set(ends), reverse=True):
        body_end = len(text[:end].rstrip().rstrip(".,;"))
        for m in re.finditer(r"(?<=\s)\S", text[:body_end]):
            start = m.start()
            found = _stated(text, start, body_end)
            if found:
                return found
    return None


def _stated(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) if ``text[start:end]`` is math that the prose before it states."""
    body, before = text[start:end], text[:start].rstrip()
    parts = re.split(r"\s+and\s+", body)  # "denote u = e^x and v = e^{-x}": two equations
    if not (_BARE_COMMAND.search(body) or _POWER.search(body)) or not all(
            "=" in p and is_bare_math(p) for p in parts):
        return None
    if re.match(r"[A-Za-z]\s+[^-+*/=<>^_(\\]", body):  # "a \frac{1}{2} = …": an article, not a factor
        return None
    last = re.findall(r"[A-Za-z]+", before.lower())[-1:] if before else []
    if not before or not (before.endswith(":") or (
            last and last[0] in _LEAD_INS and (before[-1] == "," or before[-1].isalpha()))):
        return None
    return start, end


SIZE_NOTE = ("read as sizes: A x B = C × D states A = C and B = D, one equation a dimension (x and × "
             "between numbers separate dimensions; they are not products here)")
_SIZE_PART = re.compile(r"[\d\s+\-–−*/().]+")


def size_components(body: str) -> list[str] | None:
    r"""``(227–11+1) x (227–11+1) = 217×217``: one body a dimension (``… = 217`` twice), else None.

    Only a line of numbers whose two sides have the same number of parts separated, outside
    parentheses, by ``x`` or ``×``, each part on the left a computation and each on the right a
    whole number (``2 x 3 = 3 x 2`` is left alone); each body keeps the columns of its parts.

    >>> [" ".join(b.split()) for b in size_components("(227–11+1) x (227–11+1) = 217×217")]
    ['(227–11+1) = 217', '(227–11+1) = 217']
    >>> size_components("2 x 3 = 6"), size_components("a x b = c × d"), size_components("2 x 3 = 3 x 2")
    (None, None, None)
    """
    if "\n" in body or body.count("=") != 1:
        return None
    cut = body.index("=")
    sides = [_parts(body, 0, cut), _parts(body, cut + 1, len(body))]
    if not all(sides) or len(sides[0]) != len(sides[1]) or len(sides[0]) < 2 or not all(
            re.search(r"\d\s*[-+–−*/]", body[a:b]) for a, b in sides[0]) or not all(
            re.fullmatch(r"\s*\d+\s*", body[a:b]) for a, b in sides[1]):
        return None  # sizes computed on the left (an operator in each part), whole numbers on the right
    out = []
    for (a, b), (c, d) in zip(*sides):
        chars = [ch if a <= k < b or c <= k < d or k == cut else " " for k, ch in enumerate(body)]
        out.append("".join(chars))
    return out


def _parts(body: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The (start, end) of the parts of ``body[start:end]`` between top-level ``x``/``×``, if numeric."""
    parts, depth, begin = [], 0, start
    for k in range(start, end + 1):
        ch = body[k] if k < end else "x"
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch in "x×" and depth == 0:
            if not _SIZE_PART.fullmatch(body[begin:k]) or not re.search(r"\d", body[begin:k]):
                return None
            parts.append((begin, k))
            begin = k + 1
    return parts
