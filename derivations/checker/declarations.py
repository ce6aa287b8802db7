r"""What a name is, written as math: ``X \in \mathbb{R}^{n \times d}`` declares, it claims no step.

Notes state the shapes they work with in display math: a display of declarations only
(``X \in \mathbb{R}^{n \times d}, \; y \in \mathbb{R}^{n}`` under ``\text{Given data:}``) or a
definition that ends with one (``\mathbf{S} = \text{diag}(s) \in \mathbb{R}^{n \times n}``).  Such a
display was refused whole for its ∈, and the definitions beside the declarations were lost.  A
declaration is read as what it is: the report lists it as a note (the matrix reading takes the
shape from it, :func:`.matrix_shapes.declarations`), and the rest of the display is read without
it; the separator before it (``, \;``) goes with it, and so does a row's label (``\text{Given
data:}``) when the row held declarations only.  A data set written as math (``\{(x_i, y_i)\}_{i=1}^n``)
is a declaration too: it names the examples.  ∈ anywhere else (``\sum_{x \in X}``, ``y \in \{0,
1\}``) is still refused.

>>> from derivations.checker.check import check_text
>>> report = check_text(r"$$X \in \mathbb{R}^{n \times d}, \; w \in \mathbb{R}^{d}, \; \hat{y} = Xw$$")
>>> [(s.left, s.status) for s in report.steps], [n.message for n in report.notes]
([('\\hat{y}', 'definition')], ['X \\in \\mathbb{R}^{n \\times d} declares X an n×d matrix (not a step)', 'w \\in \\mathbb{R}^{d} declares w a vector of length d (not a step)'])
"""

from __future__ import annotations

import dataclasses
import re

from derivations.checker.extract import MathBlock
from derivations.checker.matrix_shapes import _DECLARATION, declarations
from derivations.checker.report import Note

__all__ = ["declared"]

_SEPARATOR_BEFORE = re.compile(r"(?:\s|,|\\[;,:!]|\\q?quad\b)*\Z")
_SEPARATOR_AFTER = re.compile(r"(?:\s|,|\\[;,:!]|\\q?quad\b)*")
_ROW_BREAK = re.compile(r"\\\\|\n|\\begin\{[A-Za-z*]+\}")
_LABEL_ONLY = re.compile(r"(?:\s|&|,|\.|;|\\[;,:!]|\\q?quad\b|\\(?:text|mathrm|textbf)\s*\{[^{}]*\})*")


_TRAILING = re.compile(r"\\in\s*\\mathbb\s*\{?\s*R\s*\}?(?:\s*\^\s*(?:\{[^{}$]{1,30}\}|[A-Za-z0-9]))?"
                       r"(?=\s*[.,;]?\s*(?:\\\\|\n|\Z))")  # S = … \in \mathbb{R}^{n×n} at the end of a row
_ROW_HEAD = re.compile(r"(?:^|\\\\|\n)\s*&?\s*([^=&\n]{1,40}?)\s*&?=")


def _what(text: str) -> str:
    found = declarations(f"${text}$")
    if len(found) != 1:
        return ""
    (name, dims), = found.items()
    if dims == ():
        return f"declares {name} a number"
    if dims[1] == 1:
        return f"declares {name} a vector of length {dims[0]}"
    return f"declares {name} an {dims[0]}×{dims[1]} matrix"


_DOTS = r"(?:\\[lcv]?dots[cbmio]?|…|\.\.\.)"
_BOUND = r"(?:[0-9]+|[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?(?:\s*[-+]\s*[0-9]+)?)"
_RANGE = re.compile(  # i = 1, \dots, K: the values an index runs over, alone in its row or after a claim
    rf"(?<![^\s,;:&{{}}(])(?:[a-z]|\\ell)\s*=\s*{_BOUND}\s*,\s*(?:{_BOUND}\s*,\s*)?{_DOTS}\s*,\s*{_BOUND}"
    r"(?=\s*[.,;:]?\s*(?:\\\\|\n|\Z|,|\\q?quad\b|\\text))")
_ENTRY = r"\\?[A-Za-z]+\s*_\s*(?:\{\s*[A-Za-z0-9+-]{1,6}\s*\}|[A-Za-z0-9])"
_SEP = r"\s*(?:,|\\\\|&)\s*"
_ENTRIES = re.compile(  # z = [z_1, \dots, z_K]^T: a vector named by its entries
    r"(?<![A-Za-z_^])(?P<name>\\(?:mathbf|boldsymbol|bold|bm|vec)\s*\{\s*\\?[A-Za-z]+\s*\}|\\?[A-Za-z]+)\s*=\s*"
    r"(?:\\left\s*[\[(]|[\[(]|\\begin\{[bpv]?matrix\})\s*"
    rf"(?P<first>{_ENTRY})(?:{_SEP}{_ENTRY})*{_SEP}{_DOTS}{_SEP}(?P<last>{_ENTRY})\s*"
    r"(?:\\right\s*[\])]|[\])]|\\end\{[bpv]?matrix\})"
    r"(?:\s*\^\s*\{?\s*(?:T|\\top|\\intercal|\\mathsf\s*\{T\}|\\mathrm\s*\{T\})\s*\}?)?"
    r"(?:\s*\\in\s*\\mathbb\s*\{?\s*R\s*\}?(?:\s*\^\s*(?:\{[^{}$]{1,30}\}|[A-Za-z0-9]))?)?")
_EXAMPLES = re.compile(  # D = \{(x_1, y_1), \ldots, (x_N, y_N)\}: a data set by its first and last example
    rf"(?:\\?[A-Za-z]+\s*=\s*)?\\\{{\s*\(\s*{_ENTRY}\s*,\s*{_ENTRY}\s*\)\s*,\s*{_DOTS}\s*,"
    rf"\s*\(\s*{_ENTRY}\s*,\s*{_ENTRY}\s*\)\s*\\\}}")


def _overlaps(m: re.Match, found: list) -> bool:
    """True if the match ``m`` overlaps one already ``found`` (each a tuple that starts with its match)."""
    return any(d.start() < m.end() and d.end() > m.start() for d, *_ in found)


def _stem(entry: str) -> str:
    return entry.split("_")[0].strip()


def _listed(body: str) -> list[tuple]:
    r"""The index ranges, vectors and data sets ``body`` writes with dots, each with what it declares.

    >>> [what for _m, what in _listed(r"z = [z_1, \dots, z_K]^T, \quad i = 1, \ldots, K")]
    ['declares z by its entries z_1, …, z_K', 'declares the values the index i runs over']
    """
    found = [(m, f"declares {m.group('name').strip()} by its entries {m.group('first')}, …, {m.group('last')}")
             for m in _ENTRIES.finditer(body) if _stem(m.group("first")) == _stem(m.group("last"))]
    found += [(m, "declares the examples of a data set") for m in _EXAMPLES.finditer(body)]
    found += [(m, f"declares the values the index {m.group().split('=')[0].strip()} runs over")
              for m in _RANGE.finditer(body)
              if not _overlaps(m, found)]
    return found


_DATA_SET = re.compile(r"\s*\\\{\s*(\(?[^{}$]{1,60}?\)?)\s*\\\}_\{?\s*([a-z])\s*=\s*[01]\s*\}?"
                       r"\^\{?\s*([A-Za-z0-9]+)\s*\}?\s*[.,;]?\s*")  # \{(x_i, y_i)\}_{i=1}^n: n examples


def declared(block: MathBlock, notes: list) -> MathBlock:
    r"""``block`` with its declarations blanked out (offsets kept), each listed in ``notes``.

    >>> from derivations.checker.extract import extract
    >>> [block] = extract(r"$$S = \text{diag}(s) \in \mathbb{R}^{n \times n}$$", markdown=True)
    >>> found = []
    >>> declared(block, found).body.rstrip(), [n.message for n in found]
    ('S = \\text{diag}(s)', ['S = … \\in \\mathbb{R}^{n \\times n} declares S an n×n matrix (not a step)'])
    """
    body = block.body
    data = _DATA_SET.fullmatch(body)
    if data:  # the examples a data set holds: named, not claimed
        notes.append(Note("definition", block.line, block.column, f"{body.strip()} declares the examples "
                          f"{data.group(1)}, {data.group(2)} = 1…{data.group(3)} (not a step)"))
        return dataclasses.replace(block, body=" " * len(body))
    found: list[tuple] = _listed(body)
    found += [(m, _what(m.group())) for m in _DECLARATION.finditer(body) if not _overlaps(m, found)]
    for m in _TRAILING.finditer(body):  # the row's left side is the name it declares
        heads = list(_ROW_HEAD.finditer(body, 0, m.start()))
        if heads and not _overlaps(m, found):
            found.append((m, _what(f"{heads[-1].group(1)} {m.group()}"), f"{heads[-1].group(1).strip()} = … "))
    spans, blanked = [], body
    for m, what, *head in sorted(found, key=lambda f: f[0].start()):
        if not what:
            continue
        start, end = m.start() - len(_SEPARATOR_BEFORE.search(blanked[:m.start()]).group()), m.end()
        row_start = max((r.end() for r in _ROW_BREAK.finditer(blanked, 0, start)), default=0)
        if _LABEL_ONLY.fullmatch(blanked, row_start, start):  # first in its row: the separator after it goes
            end += len(_SEPARATOR_AFTER.match(blanked, end).group())
        spans.append((start, end))
        blanked = blanked[:start] + "".join(c if c == "\n" else " " for c in blanked[start:end]) + blanked[end:]
        line = body.count("\n", 0, m.start())
        column = m.start() - (body.rfind("\n", 0, m.start()) + 1) + 1 + (block.column - 1 if line == 0 else 0)
        notes.append(Note("definition", block.line + line, column, f"{''.join(head)}{m.group()} {what} (not a step)"))
    if not spans:
        return block
    rows = re.split(r"(\\\\|\n)", blanked)  # a row that held declarations only loses its label too
    offset, kept = 0, []
    for row in rows:
        touched = any(start < offset + len(row) and end > offset for start, end in spans)
        kept.append(" " * len(row) if touched and _LABEL_ONLY.fullmatch(row) else row)
        offset += len(row)
    return dataclasses.replace(block, body="".join(kept))
