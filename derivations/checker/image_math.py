r"""Math drawn as an image by a LaTeX-rendering service: ``![](http://latex.codecogs.com/svg.latex?\frac{a}{b})``,
or the same address in an HTML ``<img src="…">`` (often inside a link to the service's editor).

Before GitHub rendered math (2022), READMEs and notes set each formula as an image whose address holds
its LaTeX: the reader sees the formula, the source holds it after ``?``.  Such an image is read as that
math, one display per image (an image whose LaTeX starts with ``=`` goes on with the chain above, as a
display does).  The address is decoded as the service decodes it: ``%20`` and the like are characters,
and Markdown's escaped backslash ``\\`` is one backslash (``\\frac`` is ``\frac``), so ``\\\\`` stays a
row break.  In HTML, Markdown's escapes do not apply, and the service's own escapes ``&space;`` and
``&plus;`` (and HTML's, ``&amp;``) are decoded; a link ``<a href="…codecogs…">`` around the image is
part of it, not a second formula.

>>> text = "![](http://latex.codecogs.com/svg.latex?\\\\frac{1}{2}=0.5)\n"
>>> [body for _s, _e, body in image_math(text)]
['\\frac{1}{2}=0.5']
>>> image_math("![plot](figure.png)")
[]
"""

from __future__ import annotations

import re
from urllib.parse import unquote

__all__ = ["IMAGE_NOTE", "image_math"]

IMAGE_NOTE = "read from an image of the formula (its LaTeX is in the image's address)"
_MAX = 4000  # characters of one address
_SERVICE = r"(?:https?:)?//(?:latex\.codecogs\.com|www\.codecogs\.com/[a-z]*)/(?:svg|gif|png)\.latex\?"
_START = re.compile(r"!\[[^\]\n]{0,200}\]\(\s*" + _SERVICE)
_HTML = re.compile(r"(?:<a\s[^<>]{0,300}?href\s*=\s*(?:\"[^\"<>]{0,%d}\"|'[^'<>]{0,%d}')[^<>]{0,300}>\s*)?"
                   r"<img\s[^<>]{0,300}?src\s*=\s*(?:\"%s(?P<address>[^\"<>]{1,%d})\"|'%s(?P<single>[^'<>]{1,%d})')"
                   r"[^<>]{0,%d}>(?:\s*</a>)?" % (_MAX, _MAX, _SERVICE, _MAX, _SERVICE, _MAX, _MAX))
_ENTITY = re.compile(r"&(?:space|plus|amp|lt|gt|quot|#\d{1,5});")
_ENTITIES = {"&space;": " ", "&plus;": "+", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"'}


def _closing(text: str, start: int) -> int | None:
    """The index of the ``)`` that closes the image's address, parentheses inside it balanced."""
    depth = 0
    for k in range(start, min(len(text), start + _MAX)):
        c = text[k]
        if c == "\n":
            return None
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return k
            depth -= 1
    return None


def _decoded(address: str, html: bool = False) -> str:
    r"""The LaTeX of an address: percent-escapes decoded, ``\\`` before a letter as ``\`` (in Markdown)
    or the service's and HTML's escapes decoded (in HTML), a leading rendering option (``\dpi{120}``,
    ``\inline``) dropped."""
    body = unquote(address)
    if html:
        body = _ENTITY.sub(lambda m: _ENTITIES.get(m.group(), None) or chr(int(m.group()[2:-1])), body)
    else:
        body = re.sub(r"\\\\(?=[A-Za-z{}])", r"\\", body)
    return re.sub(r"^\s*(?:\\dpi\{\d+\}|\\inline|\\large|\\small|\\bg_\w+|\\fn_\w+)\s*", "", body)


def image_math(text: str) -> list[tuple[int, int, str]]:
    r"""(start, end, LaTeX) of each formula image of ``text``; start and end bound the whole image.

    >>> image_math("See ![](https://latex.codecogs.com/gif.latex?y%20%3D%20%5Csigma%28z%29) here")
    [(4, 71, 'y = \\sigma(z)')]
    >>> image_math('<a href="https://www.codecogs.com/eqnedit.php?latex=y&space;=&space;a&plus;b">'
    ...            '<img src="https://latex.codecogs.com/gif.latex?\\inline&space;y&space;=&space;a&plus;b" /></a>')
    [(0, 171, 'y = a+b')]
    """
    found = []
    for m in _START.finditer(text):
        end = _closing(text, m.end())
        if end is not None and end > m.end():
            found.append((m.start(), end + 1, _decoded(text[m.end():end])))
    if "<img" in text:
        found += [(m.start(), m.end(), _decoded(m.group("address") or m.group("single"), html=True)) for m in _HTML.finditer(text)]
    return sorted(found)
