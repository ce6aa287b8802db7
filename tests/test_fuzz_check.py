"""Property tests: `check_text` ends in a report or a clean error on any input, never another exception."""

from __future__ import annotations

import json
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derivations.checker import check as check_module
from derivations.checker.check import CheckReport, check_text
from derivations.errors import DerivationsError
from derivations.verify.recipe import Limits

# Snippets of the two answer sheets in seeds/ (copied: the suite must not depend on /work/shared).
SEEDS = (
    r"$$\sigma(z) = \frac{1}{1+e^z}$$",
    r"""$$\begin{aligned}\sigma'(z) &= \frac{-(-e^z)}{(1+e^z)^2} = \frac{e^z+1-1}{(1+e^z)^2} = \frac{1}{1+e^z} - \frac{1}{(1+e^z)^2} \\ &= \sigma(z) - [\sigma(z)]^2 \\ &= \sigma(z)[1 - \sigma(z)]\end{aligned}$$""",
    r"""$$\begin{aligned}\Rightarrow \sigma(-z) &= \frac{1}{1+e^{-z}} = \frac{\left(\frac{1}{e^z}\right)}{\left(\frac{1+e^z}{e^z}\right)} = \frac{e^{-z}}{e^z+1} = \frac{e^{-z}+1-1}{e^z+1} \\ &= 1 - \frac{1}{1+e^z} \\ &= 1 - \sigma(z)\end{aligned}$$""",
    r"$$1) iii) \quad \text{lets say, } \sigma^{-1}(z) = \ln\left(\frac{z}{1-z}\right).$$",
    r"$$\text{Therefore, } \sigma^{-1}\left(\frac{1}{1+e^z}\right) = \ln\left(\frac{\frac{1}{1+e^z}}{\left[\frac{e^z}{1+e^z}\right]}\right) = \ln\left(\frac{1}{e^z}\right) = -z.$$",
    r"iii] $q_j^{(L)} = \sigma(z_j^{(L)})$ and $\Rightarrow z_k^{(L+1)} = \sum_{j=1}^N w_{kj}^{(L+1)} a_j^{(L)} + b_k^{(L+1)}$.",
    r"$$\therefore \frac{\partial y}{\partial z_3} = \text{RELU}'(z_3)$$",
    r"""$$\begin{aligned} \frac{\partial y}{\partial z_2} &= \frac{\partial y}{\partial z_3} \frac{\partial z_3}{\partial z_2} \\ &= \text{RELU}'(z_3) \frac{\partial (z_2 + x)}{\partial z_2} \end{aligned}$$""",
    r"$$= (z_3 > 0) \frac{\partial z_2}{\partial z_1} \frac{\partial z_1}{\partial x} \quad \text{--- (1)}$$",
    r"ii] The total number of parameters needed (including bias) is $[36 + 12] = 48$",
    "\\[ \\tanh(x) = 2\\sigma(2x) - 1 \\]\n\\begin{equation} \\log(e^{x}) = x \\end{equation}",
)
LATEX_ALPHABET = "$\\{}[]()^_=+-*/&|.,;:'! \n\t0123456789azexpσ∂" + "abcdefghijklmnopqrstuvwxyz"
TOKENS = ("\\frac", "\\sigma", "\\left(", "\\right)", "\\partial", "\\sum_{j=1}^N", "\\ln", "\\log", "e^{",
          "^{-1}", "\\begin{aligned}", "\\end{aligned}", "\\\\", "&=", "$$", "$", "\\[", "\\]", "=", "{", "}",
          "\\text{", "\\sqrt", "\\cdot", "\\times", "'", "_{", "\\infty", "\\tanh", "0", "1e308", "z", "x")

FAST = Limits(prepare=2.0, strategy_scale=0.05, numeric=3.0, points=6)
MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))


@pytest.fixture(autouse=True, scope="module")
def fast_limits():
    """Short verifier limits, so a fuzzed step cannot take seconds (the property is about crashes)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(check_module, "CHECK_LIMITS", FAST)
        yield


# Each checked step is bounded by its stages' limits (and a refuted one by its hint's three checks):
# this bound says "nothing ran unbounded", it is not a performance claim.
PER_STEP_BOUND = 4 * (FAST.prepare + FAST.numeric + 22 * FAST.strategy_scale) + 4 * 15.0


def _ends_cleanly(text: str, markdown: bool) -> None:
    start = time.monotonic()
    try:
        report = check_text(text, markdown=markdown)
    except DerivationsError:
        return  # a clean, documented error
    elapsed = time.monotonic() - start
    assert elapsed < 10 + PER_STEP_BOUND * max(1, len(report.steps)), "a step ran past its time limit"
    assert isinstance(report, CheckReport)
    report.text()
    json.dumps(report.to_dict(), ensure_ascii=False)
    assert report.exit_code in (0, 1, 2, 3)


@st.composite
def mutated_seed(draw) -> str:
    """A seed snippet with a few random deletions, insertions, duplications and token splices."""
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 6))):
        n = len(text)
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 12)))
        op = draw(st.sampled_from(("delete", "insert", "duplicate", "token", "swap")))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.text(LATEX_ALPHABET, min_size=1, max_size=4)) + text[i:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "token":
            text = text[:i] + draw(st.sampled_from(TOKENS)) + text[i:]
        elif j - i >= 2:
            text = text[:i] + text[i:j][::-1] + text[j:]
    return text


COMMON = settings(max_examples=MAX_EXAMPLES, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@COMMON
@given(st.text(max_size=200), st.booleans())
def test_random_text(text, markdown):
    """Arbitrary Unicode text ends in a report or a clean error."""
    _ends_cleanly(text, markdown)


@COMMON
@given(st.text(LATEX_ALPHABET, max_size=120).map(lambda s: f"$${s}$$"), st.booleans())
def test_random_display_math(text, markdown):
    """Random LaTeX-alphabet soup inside display math ends in a report or a clean error."""
    _ends_cleanly(text, markdown)


@COMMON
@given(mutated_seed(), st.booleans())
def test_mutated_seed_latex(text, markdown):
    """Seed answer-sheet LaTeX with random edits ends in a report or a clean error."""
    _ends_cleanly(text, markdown)


@COMMON
@given(st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join).map(lambda s: f"\\[{s}\\]"))
def test_token_soup(text):
    """Sequences of LaTeX tokens in \\[...\\] end in a report or a clean error."""
    _ends_cleanly(text, False)


def test_seeds_unmutated():
    """Every seed snippet itself checks without an unexpected exception."""
    for text in SEEDS:
        _ends_cleanly(text, True)
