r"""Limits, ``\lim_{x \to a}``, as real notes write them (issue 10).

Sources (each file and its source are in the folders' INDEX.md): heldout10/u03, a Vietnamese post on logistic
regression (dinhhuyhoang, hnhoangdz.github.io) that shows the sigmoid's bounds by its limits at ±∞ before its
derivative; heldout9/t08, an English note that states the derivative as a limit, ``f'(x) = \lim_{h \to 0}
\frac{f(x + h) - f(x)}{h}``, and later sets ``h = 0.0001`` for a numeric estimate.

A limit is kept as SymPy's Limit and taken in the worker; its variable is bound, so a value the document
gives a name of the same spelling elsewhere never enters it.  At a finite point the limit is two-sided.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checker.check import check_text
from tests.test_real_corpus import judge

DATA = Path(__file__).resolve().parent / "data"


def _status(text: str) -> list[str]:
    return [s.status for s in check_text(f"$${text}$$").steps]


def test_the_sigmoids_limits_at_infinity_are_proved_and_the_note_is_read_whole():
    report = check_text((DATA / "heldout10" / "u03_sigmoid-limits-derivative-vi.md").read_text(encoding="utf-8"))
    assert [s.status for s in report.steps if s.line in (13, 15)] == ["proved"] * 4
    assert not [n for n in report.notes if n.kind in ("unsupported", "parse error")]
    assert judge("heldout10", "u03_sigmoid-limits-derivative-vi.md")[0] == "right"


@pytest.mark.parametrize("text, expected", [
    (r"\lim_{x \rightarrow -\infty} \frac{1}{1+e^{-x}} = 0", ["proved"]),
    (r"\lim_{x \rightarrow -\infty} \frac{1}{1+e^{-x}} = 1", ["refuted"]),  # the two ends swapped
    (r"\lim_{h \to 0} \frac{(x+h)^2 - x^2}{h} = \lim_{h \to 0} (2x + h) = 2x", ["proved", "proved"]),
    (r"\lim_{h \to 0} \frac{(x+h)^2 - x^2}{h} = 3x", ["refuted"]),  # refuted on numbers: the limit taken first
    (r"\lim_{x \to \infty} \left(1 + \frac{1}{x}\right)^x = e", ["proved"]),
    (r"\lim_{x \to 0} \frac{|x|}{x} = 1", ["inconclusive"]),  # no two-sided limit: never proved
])
def test_a_limit_is_taken_and_a_wrong_one_refuted(text, expected):
    assert _status(text) == expected


def test_a_refuted_limit_shows_the_values_it_compared():
    [step] = check_text(r"$$\lim_{h \to 0} \frac{(x+h)^2 - x^2}{h} = 3x$$").steps
    assert "refuted at x = 1: left = 2.0, right = 3.0" in step.describe()


def test_the_variable_of_a_limit_is_bound():
    """t08: after ``h = 0.0001``, the derivative stated as a limit over h is still the derivative: ``f'(x) = 6x + 4``
    was refuted when h inside the limit took the value 0.0001."""
    report = check_text((DATA / "heldout9" / "t08_derivative-approx-chain-en.md").read_text(encoding="utf-8"))
    [restated] = [s for s in report.steps if s.line == 24 and s.left == "f'(x)"]
    assert restated.status == "proved"
    assert "lim_(h→0) [(-f(x) + f(x + h))/h]" in restated.reason
    assert _status(r"h = 0.1, \quad \lim_{h \to 0} (1 + h) = 1") == ["definition", "proved"]


@pytest.mark.parametrize("text, message", [
    (r"\lim x = 0", r"\lim without its variable and point"),
    (r"\lim_{x \to 2x} x = 0", r"\lim as x tends to 2*x"),
])
def test_a_limit_without_a_point_it_can_use_is_refused(text, message):
    [note] = check_text(f"$${text}$$").notes
    assert note.kind == "unsupported" and message in note.message
