r"""A derivation spelled another way is judged the same: metamorphic tests on real notes (issue 10).

Each rewrite changes how the mathematics is typeset, never what it says: ``\dfrac`` for ``\frac``, brackets
without ``\left``/``\right``, ``\[ … \]`` for ``$$ … $$``, and thin spaces (``\,``) after every ``=`` and ``+``
inside display math.  On nine real files of the corpus (each file and its source are in its folder's INDEX.md) the
steps, their lines and their verdicts must not change.  The thin-space rewrite found that ``z^{l+\,1}`` was
read as a power while ``z^{l+1}`` is the layer l+1 (real/36, zli03's BP2 proof), which turned a step that is
not checked into a refuted one; that ``i =\, j`` lost its meaning as an index condition (heldout/h13,
yanfenglee's softmax note, and heldout7/r20's ``\text{Case 1 } (i = j):``); and that the reason which keeps
an operator before an unbracketed sum from being refuted knew ``\frac`` but not ``\dfrac`` (heldout11/v10).
"""

from __future__ import annotations

import re

import pytest

from derivations.checker.check import check_text
from tests.test_real_corpus import _text

FILES = [("real", "01_sigmoid-derivative-notesonai.md"), ("real", "12_tanh-derivative-deeplearningai-community.md"),
         ("real", "36_backprop-bp2-zli03.md"), ("heldout", "h13_softmax-ce-yanfenglee.md"),
         ("heldout7", "r20_softmax-jacobian-cases.md"),
         ("heldout10", "u03_sigmoid-limits-derivative-vi.md"), ("heldout11", "v02_sigmoid-derivative-arrow-chain-en.md"),
         ("heldout11", "v10_softmax-jacobian-obsidian-en.md"), ("heldout11", "v12_logreg-gradient-hexo-zh.md")]


def _in_displays(text: str, rewrite) -> str:
    return re.sub(r"\$\$(.+?)\$\$", lambda m: "$$" + rewrite(m.group(1)) + "$$", text, flags=re.S)


REWRITES = {
    "dfrac": lambda t: t.replace("\\frac{", "\\dfrac{"),
    "no left right": lambda t: re.sub(r"\\(?:left|right)(?=[()\[\]])", "", t),
    "brackets": lambda t: re.sub(r"\$\$(.+?)\$\$", lambda m: "\\[" + m.group(1) + "\\]", t, flags=re.S),
    "thin spaces": lambda t: _in_displays(t, lambda m: re.sub(r"(?<![<>!=\\])([=+])(?![=>])", r"\1\\, ", m)),
}


def _verdicts(text: str) -> list[tuple[int, str]]:
    return [(s.line, s.status) for s in check_text(text).steps]


@pytest.mark.parametrize("folder, name", FILES)
def test_a_derivation_typeset_another_way_gets_the_same_verdicts(folder, name):
    text = _text(folder, name)
    expected = _verdicts(text)
    for what, rewrite in REWRITES.items():
        spelled = rewrite(text)
        if spelled != text:
            assert _verdicts(spelled) == expected, what


def test_spacing_inside_a_layer_superscript_is_spacing():
    report = check_text("$$z^{l+\\,1}_k = z^{l + 1}_k$$")
    assert [s.status for s in report.steps] == ["proved"]
