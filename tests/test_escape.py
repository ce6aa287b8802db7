"""Tests of derivations.render.escape: the one escaper of prose for LaTeX (documents, captions, annotations)."""

from __future__ import annotations

import pytest

from derivations.errors import InvalidInputError
from derivations.render.escape import escape_text, prose_math


def test_prose_specials_are_escaped_before_latexcodec():
    """TeX specials in prose are escaped; Unicode goes through latexcodec."""
    assert escape_text(r"50% of {x} costs $5 ^ \ & #1_a ~") == (
        r"50\% of \{x\} costs \$5 \textasciicircum{} \textbackslash{} \& \#1\_a \textasciitilde{}")
    assert escape_text("σ and λ — fine") == r"$\sigma$ and $\lambda$ --- fine"


def test_escape_text_specials_and_math_merging():
    """Prose specials are escaped and adjacent math characters never produce the `$$` toggle."""
    assert escape_text("a_b & 50% #") == r"a\_b \& 50\% \#"
    assert escape_text("σθ") == r"$\sigma\theta$"
    assert escape_text("σ$σ") == r"$\sigma$\$$\sigma$"  # "\$" is a control symbol: no "$$" toggle
    assert escape_text("{}") == r"\{\}"


def test_escape_text_refuses_untypesettable_characters():
    """A character LaTeX cannot typeset is refused with InvalidInputError, not emitted raw."""
    with pytest.raises(InvalidInputError, match="U\\+1F600"):
        escape_text("smile \U0001F600")


def test_command_words_keep_the_following_letter_and_space():
    """A translated command word (\\ss, \\ldots) never swallows the next letter or space."""
    assert escape_text("ßa") == r"\ss{}a"
    assert escape_text("… x") == r"\ldots{} x"
    assert escape_text("…, x") == r"\ldots, x"


def test_user_text_is_never_refused_when_not_strict():
    """strict=False (text from users) turns what LaTeX cannot typeset into '?'."""
    assert escape_text("smile \U0001F600", strict=False) == "smile ?"
    with pytest.raises(InvalidInputError):
        escape_text("\U0001F600")


def test_prose_math_puts_specials_and_math_characters_in_math_mode():
    """Prose for MathJax/KaTeX: words in \\text{} (read literally there), specials and σ in math mode."""
    assert prose_math("σ(z) = 1/2 & 50%") == r"\sigma\text{(z) = 1/2 }\&\text{ 50}\%"
    assert prose_math("a^b_c {x}") == r"\text{a}\hat{\ }\text{b}\_\text{c }\{\text{x}\}"
    assert "\\^{}" not in prose_math("e^(-z)") and "textasciicircum" not in prose_math("e^(-z)")
