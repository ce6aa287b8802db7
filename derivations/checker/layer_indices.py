r"""Layers numbered in the superscript: ``z^2 = W^2 a^1 + b^2``, as many notes write a two-layer network.

``a^2`` alone could be a square, so the tokenizer refuses a numeric superscript it cannot place
(``a^1: a superscript index or the power 1?``) or reads it as a power.  A document that writes
``a^1`` somewhere settles it for the letter a: nobody writes the first power of a name, so there the
superscripts of a count layers.  For each such letter (and Greek letter: ``\delta^1``), every numeric
superscript in the document is rewritten as the layer index it is (``a^2`` → ``a^{(2)}``), and the
report says so once per letter.  ``e`` is left alone (``e^1`` is Euler's number), and so is a
superscript on a bracket (``(a^1)^2`` is still a square).  Lines keep their numbers.

>>> text, notes = layer_superscripts(r"$$z^2 = W^2 a^1 + b^2$$ and $$a^1 = \sigma(z^1)$$")
>>> text
'$$z^{(2)} = W^{(2)} a^{(1)} + b^{(2)}$$ and $$a^{(1)} = \\sigma(z^{(1)})$$'
>>> notes[0]
(1, 'W^n is read as the layer W^{(n)}, not a power: the document numbers layers in superscripts (it writes a^1, which as a power would be pointless)')
"""

from __future__ import annotations

import re

__all__ = ["layer_superscripts"]

_BASE = r"(?<![A-Za-z\\])(?P<base>[A-DF-Za-df-z]|\\(?:delta|Delta|theta|alpha|beta|gamma|omega))(?![A-Za-z])"
_SUB = r"(?P<sub>\s*_\s*(?:\{[^{}]{0,20}\}|[A-Za-z0-9]))?"
_POWER = r"\s*\^\s*(?:(?P<n>[0-9])(?![0-9.])|\{\s*(?P<m>[0-9]{1,2})\s*\})"
_SCRIPTED = re.compile(_BASE + _SUB + _POWER)


def layer_superscripts(text: str) -> tuple[str, list[tuple[int, str]]]:
    r"""``text`` with the numeric superscripts of each letter written with ``^1`` somewhere read as layer
    indices, and a note (line, message) per such letter.

    >>> layer_superscripts(r"$$\delta^1 = w^2 \delta^2$$")[0]
    '$$\\delta^{(1)} = w^{(2)} \\delta^{(2)}$$'
    >>> layer_superscripts(r"$$x^2 + e^1$$")  # no first power of a name: powers
    ('$$x^2 + e^1$$', [])
    """
    layered = {}
    for m in _SCRIPTED.finditer(text):
        if (m.group("n") or m.group("m")) == "1" and m.group("base") not in layered:
            layered[m.group("base")] = text.count("\n", 0, m.start()) + 1
    if not layered:
        return text, []
    lines = [[m.group("base") for m in _SCRIPTED.finditer(line)] for line in text.split("\n")]
    grown = True
    while grown:  # z^2 = W^2 a^1 + b^2: the letters scripted beside a layered one count layers too
        grown = False
        for number, bases in enumerate(lines, 1):
            if any(b in layered for b in bases):
                for b in bases:
                    if b not in layered:
                        layered[b], grown = number, True

    def rewrite(m: re.Match) -> str:
        if m.group("base") not in layered:
            return m.group()
        return f"{m.group('base')}{m.group('sub') or ''}^{{({m.group('n') or m.group('m')})}}"

    origin = next(iter(layered))
    notes = [(line, f"{base}^n is read as the layer {base}^{{(n)}}, not a power: the document numbers layers in "
                    f"superscripts (it writes {origin}^1, which as a power would be pointless)")
             for base, line in sorted(layered.items())]
    return _SCRIPTED.sub(rewrite, text), notes
