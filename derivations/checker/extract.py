"""Find the mathematics in a LaTeX or Markdown document, with line and column of each piece.

Display math (``$$…$$``, ``\\[…\\]``, ``equation``, ``align``, ``gather``, ``multline`` and their
starred forms; ``aligned`` inside them; GitHub's fenced ````` ```math ````` blocks) and inline ``$…$``
that contains an ``=``.  Other Markdown code (fenced blocks, inline backticks) and LaTeX comments
are not mathematics and are skipped.

>>> blocks = extract("Text $a = b$ and\\n$$x = y$$\\n", markdown=True)
>>> [(b.body, b.line, b.display) for b in blocks]
[('a = b', 1, False), ('x = y', 2, True)]
>>> [(b.body, b.kind) for b in extract("```math\\nx = y\\n```\\n", markdown=True)]
[('x = y\\n', '```math')]
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from derivations.checker.dialects import (
    BARE_NOTE,
    BRACKET_NOTE,
    CODE_NOTE,
    PROSE_NOTE,
    ROW_NOTE,
    SIZE_NOTE,
    bracket_displays,
    code_math,
    is_bare_math,
    jekyll_unescape,
    mediawiki_math,
    proofwiki_tables,
    prose_math,
    rendered_copies,
    row_latex,
    row_name,
    size_components,
    unread_code,
)

from derivations.checker.fences import (DOLLAR_FENCE_NOTE, FENCE_NOTE, continues, dollar_fences, fence_math, fence_scan,
                                       plain_fences, unread_lines)
from derivations.checker.image_math import IMAGE_NOTE, image_math

__all__ = ["MathBlock", "extract", "stray_math", "math_text"]

ESCAPE_NOTE = "\\_ read as _ (Markdown's escaped underscore, as a Markdown page is written)"
DOUBLED_NOTE = ("read with its backslashes undone (\\\\begin, \\\\\\\\: doubled for a site generator such as Hexo, "
                "as Markdown escapes them)")
_DOUBLED_BRACE = re.compile(r"\\(?:left|right)\\\\[{}]")  # Hugo's \left\\{: Markdown's escape of \left\{
_ENVS = "equation|align|gather|multline|eqnarray|displaymath|math|aligned|alignat|flalign|IEEEeqnarray"
_ENV_ARGUMENT = (r"(?:(?<=alignat\})\{\d\}|(?<=alignat\*\})\{\d\}|(?<=IEEEeqnarray\})\{\w{1,12}\}"
                 r"|(?<=IEEEeqnarray\*\})\{\w{1,12}\})?")  # \begin{alignat*}{2}: the number of columns
_PATTERN = re.compile(
    r"(?P<mfence>^[ \t]*(?P<mt>```|~~~)[ \t]*math[ \t]*\n(?P<mbody>.*?)^[ \t]*(?P=mt)[ \t]*$)"  # GitHub's ```math
    r"|(?P<fence>^[ \t]*(?P<ft>```|~~~)[^\n]*\n.*?^[ \t]*(?P=ft)[ \t]*$)"  # Markdown fenced code
    r"|(?P<tick>`[^`\n]+`)"                                          # Markdown inline code
    r"|(?P<comment><!--.*?-->)"                                       # an HTML comment
    r"|(?P<escaped>\\\$)"                                            # an escaped dollar
    r"|\$`(?P<gl>[^`\n]+)`\$"                                        # GitHub's and GitLab's $`inline`$
    r"|\$\$(?P<dd>.+?)\$\$"                                          # $$ display $$
    r"|(?<!\\)\\\\\[(?P<jbr>.+?)\\\\\]"                        # Jekyll-escaped \\[ display \\]
    r"|(?<!\\)\\\\\((?P<jparen>.+?)\\\\\)"                     # Jekyll-escaped \\( inline \\)
    r"|\\\[(?P<br>.+?)\\\]"                                          # \[ display \]
    r"|<script\s+type=\"math/tex;\s*mode=display\"\s*>(?P<sd>.*?)</script>"  # MathJax display
    r"|<script\s+type=\"math/tex\"\s*>(?P<si>.*?)</script>"              # MathJax inline
    rf"|\\begin\{{(?P<env>{_ENVS})(?P<star>\*?)\}}{_ENV_ARGUMENT}(?P<envbody>.+?)\\end\{{(?P=env)(?P=star)\}}"
    r"|(?<!\\)\\\((?P<paren>.+?)\\\)"                                          # \( inline \)
    r"|(?<![\\$])\$(?P<inline>(?:[^$\n]|\n(?![ \t]*\n))+?)\$(?!\$)",  # $ inline $ (one paragraph)
    re.DOTALL | re.MULTILINE)
_GROUPS = (("mbody", True, "```math"), ("dd", True, "$$"), ("jbr", True, r"\\["), ("jparen", False, r"\\("),
           ("br", True, r"\["), ("sd", True, "script"), ("envbody", True, "env"),
           ("si", False, "script"), ("paren", False, r"\("), ("gl", False, "$`"), ("inline", False, "$"))


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


def _unquoted(before: str, body: str) -> str:
    r"""``body`` of a display inside a Markdown quote, its lines' quote marks blanked (offsets kept).

    The display starts on a quoted line (``>$$``, ``>\begin{align}``); a line of it that begins with
    ``>`` begins with Markdown's quote mark, not the relation >, as Markdown itself reads it, whether or
    not the other lines repeat the mark (Obsidian's callouts leave it off some: lazy continuation lines).
    A display that starts on a line commented with ``#`` (a Jupytext notebook's Markdown cell, ``# $$``) has its
    lines' ``#`` blanked alike (``#`` is no math in LaTeX).  A display that starts in neither is left as it is.

    >>> _unquoted(">", "\n>a &= b \\\\\n>&= c\n>")
    '\n a &= b \\\\\n &= c\n '
    >>> _unquoted(">", "\n> 0 & 1 \\\\\n1 & 0\n")
    '\n  0 & 1 \\\\\n1 & 0\n'
    >>> _unquoted("", "\n> 0")
    '\n> 0'
    >>> _unquoted("# ", "\n# p_i &= 1 \\\\\n# &= 2\n# ")
    '\n  p_i &= 1 \\\\\n  &= 2\n  '
    """
    mark = before.lstrip()[:1]
    if "\n" not in body or mark not in (">", "#"):
        return body
    return re.sub(r"(?<=\n)([ \t]*)((?:" + mark + r"[ \t]?)+)", lambda m: m.group(1) + " " * len(m.group(2)), body)


_UNEQUAL_INDICES = re.compile(r"\s*[a-z]\s*(?:\\neq?|\\not\s*=|≠)\s*[a-z]\s*")


def extract(text: str, *, markdown: bool, mentions: bool = False) -> list[MathBlock]:
    """The math blocks of ``text`` in document order (inline math only when it holds an ``=`` or says two
    indices differ, ``$i \\neq j$``; with ``mentions``, only the inline math without one: "its gradients
    $\\partial J/\\partial q_j$ …").

    >>> text = "Code `$x = 1$` is skipped, and so is $w$.\\n\\n```latex\\n$$y = 2$$\\n```\\n$z = 3$\\n"
    >>> [b.body for b in extract(text, markdown=True)]
    ['z = 3']
    >>> [(b.kind, b.body) for b in extract(r"\\begin{align} a &= b \\end{align} % $c = d$", markdown=False)]
    [('align', ' a &= b ')]
    >>> [b.body for b in extract(text, markdown=True, mentions=True)]
    ['w']
    >>> [b.body for b in extract("1. $i ≠ j$, so $x$", markdown=True)]  # an index condition, not a mention
    ['i ≠ j']
    >>> [(b.body, b.note[:30]) for b in extract("```\\n$y = 2$\\n```\\n", markdown=True)]  # only $…$ lines
    [('y = 2', 'read as math although it is wr')]
    """
    scan = text if markdown else _strip_tex_comments(text)
    opened = dollar_fences(scan) if markdown else []
    for a, b, c, d in opened:  # a code block of $…$ lines only: its fences go, its math is read
        scan = scan[:a] + " " * (b - a) + scan[b:c] + " " * (d - c) + scan[d:]
    blocks = [_block(text, start, end, body, True, "table") for start, end, body in proofwiki_tables(scan)]
    blocks += [dataclasses.replace(_block(text, end - 1 - len(body), end - 1, body, False, "wiki"),
                                   block_start=start, block_end=end)
               for start, end, body in mediawiki_math(_outside_math(text, markdown, dialects=False))
               if "=" in body]  # {\displaystyle …} outside any other math
    tables = [(b.block_start, b.block_end) for b in blocks]
    for m in _PATTERN.finditer(scan):
        if m.group("fence") or m.group("escaped") or (m.group("comment") and markdown):
            continue
        if any(a <= m.start() < b for a, b in tables) or (
                not markdown and (m.group("jbr") or m.group("jparen"))):
            continue
        if m.group("tick"):
            if markdown:
                inner = m.group("tick")[1:-1]
                if not mentions and code_math(inner):  # `σ'(z) = σ(z) * (1 - σ(z))`: math typed as code
                    blocks.append(_block(text, m.start() + 1, m.end() - 1, inner, _alone(text, m.start(), m.end()),
                                         "code", CODE_NOTE))
                continue
            # in LaTeX a backtick is an opening quote: rescan its inside for math
        for group, display, kind in _GROUPS:
            body = m.group(group)
            if body is None:
                continue
            before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
            if re.fullmatch(r"\s*(?:[-*]\s+)?=\s*", before):
                display, kind = True, "="  # "= $…$" on its own line continues the chain above
            if (not display and "=" not in body and not _UNEQUAL_INDICES.fullmatch(body)) != mentions:
                break  # inline math without "=" is a mention, but "$i \neq j$" is an index condition
            note = ""
            if group in ("jbr", "jparen"):
                body = jekyll_unescape(body)
            elif markdown and display and ("\\\\begin{" in body or _DOUBLED_BRACE.search(body)):  # Hexo's $$ \\begin{align} … \\\\ … $$
                body, note = jekyll_unescape(body), DOUBLED_NOTE
            elif markdown and "\\_" in body and group in ("dd", "inline"):  # Hugo's $$x\_l$$: Markdown's escape
                body, note = body.replace("\\_", "_"), ESCAPE_NOTE
            elif group == "mbody":  # $$ … $$ written inside the fence too: the dollars go
                body = re.sub(r"\$\$", "  ", body)
            elif markdown and display:
                body = _unquoted(before, body)
            if not display and ("\\begin{" in body or "\\\\" in body):
                display = True  # an aligned block between single dollars is display math
            if kind == "env":
                kind = m.group("env")
            start = m.start(group)
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            if any(b <= start < c for _, b, c, _ in opened):
                note = note or DOLLAR_FENCE_NOTE
            blocks.append(MathBlock(body,
                                    line, column, start, m.end(group), m.start(), m.end(), display, kind, note))
            break
    if mentions:
        return [b for b in blocks if b.kind not in ("table", "wiki")]
    if markdown:
        blocks += [_block(text, start, end, body, _alone(text, start, end), "image", IMAGE_NOTE)
                   for start, end, body in image_math(_outside_math(text, True, dialects=False, images=False))
                   if "=" in body]  # ![](…codecogs.com/svg.latex?\frac{…}…): the formula the image draws
        blocks += [_block(text, start, end, body, True, "bracket", BRACKET_NOTE)
                   for start, end, body in bracket_displays(_outside_math(text, True, dialects=False))]
        for start, end, body, display, note in _bare_blocks(text) + [
                found for span in plain_fences(text) for found in _bare_blocks(text, span)]:
            sizes = size_components(body) if note == BARE_NOTE else None  # 227x227 = …: one a dimension
            blocks += [_block(text, start, end, part, display, "bare", f"{note}; {SIZE_NOTE}")
                       for part in sizes] if sizes else [_block(text, start, end, body, display, "bare", note)]
    return sorted(blocks, key=lambda b: b.start)


def _alone(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` stands alone on its line, but for a list mark, bold stars and a colon."""
    left = text[text.rfind("\n", 0, start) + 1:start]
    right = text[end:(text.find("\n", end) + 1 or len(text) + 1) - 1]
    return re.fullmatch(r"[\s*>+-]*(?:\d+\.)?[\s*]*", left) is not None and re.fullmatch(r"[\s*:.,]*", right) is not None


def _block(text: str, start: int, end: int, body: str, display: bool, kind: str,
           note: str = "") -> MathBlock:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return MathBlock(body, line, column, start, end, start, end, display, kind, note)


def _outside_math(text: str, markdown: bool, dialects: bool = True, images: bool = True) -> str:
    """``text`` with its math, code and comments blanked out (newlines kept); with ``dialects``
    also ProofWiki tables and MediaWiki groups; with ``images`` (in Markdown) formula images."""
    scan = list(text if markdown else _strip_tex_comments(text))
    for start, end, _body in image_math(text) if markdown and images else ():
        scan[start:end] = " " * (end - start)  # an image's address is no math outside delimiters
    for m in _PATTERN.finditer("".join(scan)):
        if m.group("escaped"):
            continue
        if m.group("tick") and not markdown:
            continue
        scan[m.start():m.end()] = [c if c == "\n" else " " for c in scan[m.start():m.end()]]
    for start, end, _body in (proofwiki_tables(text) + mediawiki_math(text)) if dialects else ():
        scan[start:end] = [c if c == "\n" else " " for c in scan[start:end]]
    for start, end, _body in bracket_displays("".join(scan)) if dialects and markdown else ():
        scan[start:end] = [c if c == "\n" else " " for c in scan[start:end]]
    if dialects and markdown:  # "y=x+F(x)\mathbf{y} = …": the rendered copy before the source
        offset = 0
        for line in "".join(scan).split("\n"):
            for start, end in rendered_copies(line):
                scan[offset + start:offset + end] = " " * (end - start)
            offset += len(line) + 1
    return "".join(scan)


_CODE_FENCE = re.compile(r"^[ \t]*```[ \t]*(?!math|latex|tex|katex)[A-Za-z][\w+#-]*[^\n]*\n.*?^[ \t]*```",
                         re.MULTILINE | re.DOTALL)


def math_text(text: str, *, markdown: bool) -> str:
    r"""``text`` with its plain prose blanked (offsets kept): the math, and the lines outside math
    that hold a LaTeX command or are bare math.  Function names are looked for here, so a
    parameter list in prose (``out_channels(filters)=1,``) does not make a function of a name.

    >>> math_text("out_channels(filters)=1,\n$$F(x, y) = x$$\n", markdown=True).split("\n")
    ['                        ', '$$F(x, y) = x$$', '']
    """
    prose = _outside_math(text, markdown).split("\n")
    out, offset = list(text), 0
    for m in _CODE_FENCE.finditer(text) if markdown else ():  # ```c++ … x_arr(x, n) …```: code, no function
        out[m.start():m.end()] = [c if c == "\n" else " " for c in m.group()]
    for line in prose:
        if not (re.search(r"\\[A-Za-z]", line) or (markdown and is_bare_math(line))):
            for k, ch in enumerate(line):
                if not ch.isspace():
                    out[offset + k] = " "
        offset += len(line) + 1
    return "".join(out)


def _bare_blocks(text: str, fence: tuple[int, int] | None = None) -> list[tuple[int, int, str, bool, str]]:
    """Lines of bare math (see :mod:`.dialects`) as blocks: (start, end, body, display, note).

    An equation a sentence of prose states (``Let y = \\tanh(x). So,``) is read alone, as a line of
    its own (:func:`.dialects.prose_math`).

    A line and the ``= …`` lines after it form one chain (prose lines between them are passed
    over, but a line with an ``=`` that is not read stops it): one block a line after a line with
    an ``=``; one block for all of them after a line holding an expression alone or after an
    ``= …`` line with no math above it (whose first step is then listed, not guessed).

    With ``fence``, the lines of that plain code block are read the same way (:mod:`.fences`).
    """
    lines, offset, prose = [], 0, set()
    scan = _outside_math(text, True) if fence is None else fence_scan(text, fence)
    is_math = is_bare_math if fence is None else fence_math
    for line in scan.split("\n"):
        lead = len(line) - len(line.lstrip())
        lines.append((offset + lead, offset + len(line.rstrip()), line.strip()))
        span = prose_math(line) if fence is None else None
        if span:  # the equation a sentence states, alone
            lines[-1] = (offset + span[0], offset + span[1], line[span[0]:span[1]])
            prose.add(len(lines) - 1)
        offset += len(line) + 1
    rows = _rows(lines)
    kinds = [("cont" if t.startswith("=") else "eq") if n in rows or n in prose else
             "cont" if (is_math(t) or fence and continues(t)) and t.startswith("=") else "eq" if is_math(t)
             else "expr" if "=" not in t and t and is_math(t + " = 0") else
             "stop" if "=" in t else "gap" for n, (_s, _e, t) in enumerate(lines)]
    found, k = [], 0
    while k < len(lines):
        if kinds[k] not in ("eq", "expr", "cont"):
            k += 1
            continue
        members, j = [k], k + 1
        while j < len(lines) and kinds[j] in ("cont", "gap", "expr"):
            if kinds[j] == "cont":
                members.append(j)
            elif kinds[j] == "expr" and lines[j][2]:
                break
            j += 1
        while members[-1] + 1 < j and kinds[j - 1] == "gap":
            j -= 1
        if kinds[k] == "expr" and len(members) == 1:
            k += 1
            continue  # an expression alone claims nothing
        # after a line with "=": one block a line (a line that cannot be read stops the chain); an
        # expression alone or an "= …" with nothing above: one block with the lines that go on from it
        parts = [[n] for n in members] if kinds[k] == "eq" else [members]
        if kinds[k] == "cont":  # listed alone (no left side), then the start of what follows
            parts = [[k]] + ([members] if len(members) > 1 else [])
        for n, part in enumerate(parts):
            start, end = lines[part[0]][0], lines[part[-1]][1]
            body = [c if c == "\n" else " " for c in text[start:end]]
            for m in part:
                body[lines[m][0] - start:lines[m][1] - start] = text[lines[m][0]:lines[m][1]]
            if kinds[k] == "cont" and n == 1:
                body[0] = " "  # "= a" with nothing above it: here a starts the chain that follows
            body, note = "".join(body), PROSE_NOTE if set(part) & prose else BARE_NOTE if fence is None else FENCE_NOTE
            if len(part) == 1 and (part[0] in rows or part[0] in prose and "\\" not in body):
                body, note = row_latex(body), ROW_NOTE if part[0] in rows else note  # \text{output size} = …
            found.append((start, end, body, n > 0 or kinds[k] != "cont", note))
        k = members[-1] + 1
    return found


def _rows(lines: list) -> set:
    """The plain-text rows among ``lines`` (``output = (32 - 5) / 1 + 1``); a row that repeats the
    name of the row above (``output = 27 / 1 + 1``, ``output = 28``) is rewritten in place as
    ``= …``: it goes on with the same quantity, one chain, not a new definition."""
    rows, last = set(), None
    for n, (start, end, text) in enumerate(lines):
        name = row_name(text)
        if name is not None and name == last:
            cut = text.index("=")
            lines[n] = (start + cut, end, text[cut:])
        if name is not None:
            rows.add(n)
        if text:
            last = name
    return rows


_STRAY = re.compile(
    r"\\(?:frac|dfrac|partial|sum|prod|sigma|sqrt|cdot|times|hat|mathbf|ln|log|exp|tanh|alpha|max|min|text|"
    r"beta|theta|delta|Rightarrow|begin\{(?:aligned|align\*?|eqnarray\*?|equation\*?|gather\*?)\})"
    r"(?![A-Za-z])|[∑∏∂√∇⌊⌈]"  # or a math sign typed in Unicode: ∂BCE/∂a = ∑(xi(ŷi - yi))
    r"|&\s*=|=\s*&")  # or an alignment mark: a row of an environment that is not read (k &= 2 + 2 \\)


_PLAIN_MATH = re.compile(  # math typed in plain text: d(x + F(x))/dx, dL/dx1, F'(x), e^x, exp(z_i)
    r"(?<![A-Za-z])d(?:[A-Za-z][^\s/=]*|\([^=]*?\))\s*/\s*d[A-Za-z]|(?<![A-Za-z])[A-Za-z]'+\s*\(|[A-Za-z0-9)}]\^[-({A-Za-z0-9]"
    r"|(?<![A-Za-z])(?:exp|log|ln|tanh|sigmoid|softmax|sqrt|sinh|cosh)\s*\(")


_RELATION = re.compile(r"[=<>≤≥≠≈⇒⇔→]|\\(?:le|leq|ge|geq|neq|ne|approx|Rightarrow|implies|iff|Leftrightarrow|"
                       r"rightarrow|to|mapsto|sim|propto|equiv)(?![A-Za-z])")


def stray_math(text: str, *, markdown: bool) -> list[tuple[int, int, str]]:
    r"""LaTeX math outside any math delimiters, which :func:`extract` does not read: (line, column, text).

    A line counts when, outside math, code and comments, it holds a math command (``\\frac``,
    ``\\partial``, ``\\sigma``, ``\\begin{aligned}``, …), a sign (∑, ∂, √) or math typed in plain
    text (``d(x + F(x))/dx``, ``F'(x)``, ``e^x``, ``exp(z)``) and a relation (``=``, ``<``, …):

    >>> stray_math("The block: d(x + F(x))/dx = 1 + F'(x). So", markdown=True)
    [(1, 12, "The block: d(x + F(x))/dx = 1 + F'(x). So")]

    In Markdown, a line that is unmistakably math is read instead (:mod:`.dialects`):

    >>> stray_math("Inline $\\sigma$ is fine.\nIf \\frac{dy}{dx} = 2x then\n\\frac{dy}{dx} = 2x\n", markdown=True)
    [(2, 4, 'If \\frac{dy}{dx} = 2x then')]

    A line that states no relation (``Step 1: \\frac{dL}{da}``) claims nothing and is not listed;
    one whose equation a sentence states (``So, \\frac{dy}{dx} = 2x.``) is read (:func:`.dialects.prose_math`).
    """
    scan = list(_outside_math(text, markdown))
    for m in re.finditer(r"(?<![\\$])\$[^$\n]+\$", "".join(scan)):  # inline math without "="
        scan[m.start():m.end()] = " " * (m.end() - m.start())
    found = []
    for number, line in enumerate("".join(scan).split("\n"), 1):
        m = _STRAY.search(line) or _PLAIN_MATH.search(line)
        span = prose_math(line) if markdown else None
        rest = line if span is None else line[:span[0]] + line[span[1]:]  # what the read equation leaves
        if m and _RELATION.search(rest) and not (markdown and is_bare_math(line)):
            found.append((number, m.start() + 1, line.strip()[:80]))
        elif span and re.search(r"[^=\s]\s*=\s*\Z", line[:span[0]]):  # "(input width - …) / stride + 1 = (5 - 3…"
            found.append((number, 1, line.strip()[:80]))
    if markdown:  # `output_dim = (W - F) / S + 1`: math written as code that is not read
        found += unread_lines(text)
        found += [(text.count("\n", 0, m.start()) + 1, m.start() - text.rfind("\n", 0, m.start()), m.group()[:80])
                  for m in _PATTERN.finditer(text) if m.group("tick") and unread_code(m.group("tick")[1:-1])]
    return sorted(found)
