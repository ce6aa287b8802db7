r"""Sheet 000's δ recursion (tests/data/seeds/000_3efcf665678d3a2c.txt, lines 36-85, a hand-written
answer sheet from /work/shared/seeds): definitions written with ≜ are claims afterwards, an "as J = …"
clause is local to its step, layer-L definitions are read at layer l and at layer L+1.  Each correct
step must be confirmed, and each wrong variant (written here by changing one symbol) must not be."""

from __future__ import annotations

from pathlib import Path

from derivations.checker.check import check_text

SEED = Path(__file__).parent / "data" / "seeds" / "000_3efcf665678d3a2c.txt"

_LAYER_L = r"""
$$z_j^{(L)} = \sum w_{jk}^{(L)} a_k^{(L-1)} + b_j^{(L)} \rightarrow (2).$$

$$\frac{\partial J}{\partial w_{jk}^{(L)}} = \frac{\partial J}{\partial z_j^{(L)}} \frac{\partial z_j^{(L)}}{\partial w_{jk}^{(L)}}$$

$$\text{where } \delta_j^{(L)} \triangleq \frac{\partial J}{\partial z_j^{(L)}}.$$

Hence; finally, $\frac{\partial J}{\partial w_{jk}^{(l)}} = RHS_W$ and $\frac{\partial J}{\partial b_j^{(l)}} = RHS_B$.
"""

_RECURSION = r"""
$$a_j^{(L)} = \sigma(z_j^{(L)})$$

$$z_k^{(L+1)} = \sum_{j=1}^{S_L} w_{kj}^{(L+1)} a_j^{(L)} + b_k^{(L+1)}$$

$$\text{where } \delta_j^{(L)} \triangleq \frac{\partial J}{\partial z_j^{(L)}}.$$

$$\delta_j^{(L)} = \sum_{k=1}^{S_{L+1}} \frac{\partial J}{\partial z_k^{(L+1)}} \frac{\partial z_k^{(L+1)}}{\partial z_j^{(L)}}$$

$$= \sum_k \left\{ \frac{\partial z_k^{(L+1)}}{\partial z_j^{(L)}} DELTA_69 \right\}$$

$$\delta_j^{(L)} = \sum_{k=1}^{S_{L+1}} w_{kj}^{(L+1)} DELTA_83$$
"""

_OUTPUT = r"""
$$a_j^{(L)} = \sigma(z_j^{(L)})$$

$$\text{where } \delta_j^{(L)} \triangleq \frac{\partial J}{\partial z_j^{(L)}}.$$

$$\therefore \delta_j^{(L)} = RHS \quad \text{as } J = \frac{1}{2} (a_j^{(L)} - y_j)^2.$$

$$\frac{\partial J}{\partial a_j^{(L)}} = \frac{\partial J}{\partial a_j^{(L)}}$$
"""


def _steps(text: str) -> list:
    return [s for c in check_text(text).chains for s in c.steps]


def _layer_l(w: str, b: str) -> list:
    return [s for s in _steps(_LAYER_L.replace("RHS_W", w).replace("RHS_B", b)) if "(l)" in s.left]


def _recursion(delta69: str, delta83: str) -> list:
    text = _RECURSION.replace("DELTA_69", delta69).replace("DELTA_83", delta83)
    return _steps(text)[-3:]


def test_layer_l_statements_are_proved_with_the_layer_l_reading():
    """Line 55: ∂J/∂w_jk^(l) = δ_j^(l) a_k^(l-1) and ∂J/∂b_j^(l) = δ_j^(l) hold, read at layer l, and say
    so: proved for every size with J a function of the layers after L and after l (two families)."""
    w, b = _layer_l(r"\delta_j^{(l)} a_k^{(l-1)}", r"\delta_j^{(l)}")
    for step in (w, b):
        assert step.status == "proved", step.reason
        assert "unknown function of every z_j^{(L)} and z_j^{(l)}" in step.reason
        assert "read at layer l (l for L" in step.reason


def test_layer_l_statements_with_a_wrong_factor_are_not_confirmed():
    """Line 55 with a_j^(l-1) for a_k^(l-1), with a_k^(l), or with 2δ_j^(l): never confirmed or proved."""
    for w, b in ((r"\delta_j^{(l)} a_j^{(l-1)}", r"2\delta_j^{(l)}"), (r"\delta_j^{(l)} a_k^{(l)}", r"\delta_j^{(l-1)}")):
        for step in _layer_l(w, b):
            assert step.status not in ("confirmed", "proved"), (step.right, step.reason)


def test_output_delta_is_a_claim_checked_with_its_local_cost():
    """Line 61: δ_j^(L) = (a_j − y_j)σ'(z_j) is checked against δ's ≜ definition with J from its "as" clause."""
    claim, clause, after = _steps(_OUTPUT.replace("RHS", r"(a_j^{(L)} - y_j) \sigma'(z_j^{(L)})"))[-3:]
    assert claim.status in ("proved", "confirmed"), claim.reason
    assert "for this step only" in claim.reason
    assert clause.status == "definition" and "for that step only" in clause.reason and "keeps its general meaning" in clause.reason
    assert after.status == "proved"  # J is the general cost again after the step


def test_output_delta_without_sigma_prime_is_not_confirmed():
    """Line 61 with σ' dropped, or with the sign of (a_j − y_j) flipped: a claim, never confirmed or proved
    (not checked: y_j is first named in this step, so the step may only name it)."""
    for rhs in (r"(a_j^{(L)} - y_j)", r"(y_j - a_j^{(L)}) \sigma'(z_j^{(L)})"):
        claim = _steps(_OUTPUT.replace("RHS", rhs))[-3]
        assert claim.status not in ("confirmed", "proved", "definition"), (rhs, claim.status, claim.reason)
    text = "$$y_j = 0.5$$\n\n" + _OUTPUT.replace("RHS", r"(a_j^{(L)} - y_j)")
    assert _steps(text)[-3].status == "refuted"  # with y_j named before, the dropped σ' is refuted


def test_local_clause_does_not_define_the_cost_for_later_steps():
    """After "as J = ½(a_j − y_j)²", a later chain rule through z^(L+1) is still read with J unknown."""
    clause = (r"$$\therefore \delta_j^{(L)} = (a_j^{(L)} - y_j) \sigma'(z_j^{(L)}) \quad "
              r"\text{as } J = \frac{1}{2} (a_j^{(L)} - y_j)^2.$$" "\n\n")
    text = _RECURSION.replace("DELTA_69", r"\delta_k^{(L+1)}").replace(
        "DELTA_83", r"\delta_k^{(L+1)} \sigma'(z_j^{(L)})")
    marker = r"$$\delta_j^{(L)} = \sum_{k=1}^{S_{L+1}} \frac"
    text = text.replace(marker, clause + marker, 1)
    steps = _steps(text)
    assert "refuted" not in [s.status for s in steps]
    assert steps[3].status in ("proved", "confirmed") and steps[4].status == "definition"
    assert steps[-3].status in ("proved", "confirmed") and "J an unknown function" in steps[-3].reason


def test_recursion_steps_are_confirmed():
    """Lines 67, 69, 83: the chain rule through layer L+1 and the δ recursion are confirmed, δ read at L+1."""
    chain67, step69, step83 = _recursion(r"\delta_k^{(L+1)}", r"\delta_k^{(L+1)} \sigma'(z_j^{(L)})")
    for step in (chain67, step69, step83):  # step 69 is proved for every size in this excerpt (one range per family)
        assert step.status in ("confirmed", "proved"), (step.right, step.reason)
    assert "read at layer L+1" in step69.reason and "read at layer L+1" in step83.reason


def test_recursion_with_wrong_indices_or_dropped_factor_is_not_confirmed():
    """δ_j^(L+1) for δ_k^(L+1) (lines 69, 83), or σ'(z_j) dropped (line 83): never confirmed or proved."""
    _c, step69, step83 = _recursion(r"\delta_j^{(L+1)}", r"\delta_j^{(L+1)} \sigma'(z_j^{(L)})")
    assert step69.status not in ("confirmed", "proved") and step83.status not in ("confirmed", "proved")
    step83 = _recursion(r"\delta_k^{(L+1)}", r"\delta_k^{(L+1)}")[-1]
    assert step83.status not in ("confirmed", "proved"), step83.reason


def test_plain_redefinition_keeps_its_reading():
    """A name defined with a plain "=" and then given another "=" value is redefined, with a warning."""
    report = check_text("$$z = x + 1$$\n\n$$z = 2x$$\n\n$$z + 1 = 2x + 1$$")
    statuses = [s.status for c in report.chains for s in c.steps]
    assert statuses == ["definition", "definition", "proved"]
    assert any("a second time" in n.message for n in report.notes)


def test_marked_definition_makes_a_later_equation_a_claim():
    """A name defined with ≜ (or :=) and then restated with "=" is checked, and refuted when it differs."""
    for marker in (r"\triangleq", ":="):
        steps = _steps(f"$$z {marker} x + 1$$\n\n$$z = 2x$$")
        assert [s.status for s in steps] == ["definition", "refuted"], marker


def test_seed_000_delta_lines_get_real_verdicts():
    """On sheet 000 itself (lines 36-85), lines 55, 61, 67, 69 and 83 get a real verdict and none is refuted."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    text = "\n".join([""] * 35 + lines[35:85])
    steps = [s for c in check_text(text).chains for s in c.steps]
    by_line = {}
    for s in steps:
        by_line.setdefault(s.line, []).append(s.status)
    assert all(st in ("confirmed", "proved") for n in (55, 67, 83) for st in by_line[n]), by_line
    assert by_line[61] in (["proved", "definition"], ["confirmed", "definition"])
    assert "refuted" not in {st for sts in by_line.values() for st in sts}
