"""Chain rules proved for every size (derivations/checker/general_chains.py): what it proves, and the
wrong variants it must never prove.

Inputs written here, on the pattern of the real derivations the proof was built for:
- ../shared/seeds/000_*.txt (the course's answer sheet, lines 39-83: the δ recursion, a family summed
  to two stated bounds, σ' at a defined quantity, statements read at a generic layer l);
- Nielsen, "Neural Networks and Deep Learning", ch. 2 (BP2 in index form), as quoted in
  tests/data/real/37_backprop-nielsen-eqnarray-tag.md.

A wrong step must come out refuted on the small instances (sizes 1 and 2 are always checked) or at
least not proved; a right one is proved and says on which instances it was cross-checked.
"""

from __future__ import annotations

import pytest

from derivations.checker.check import check_text

# a layer whose activation is an unknown σ, feeding a next layer, with an undefined cost J
NET = (r"$$a_j = \sigma(z_j)$$" "\n\n"
       r"$$z_j = \sum_k w_{jk} x_k + b_j$$" "\n\n"
       r"$$u_i = \sum_{j=1}^{N} v_{ij} a_j + c_i$$" "\n\n")


def _claim(text: str):
    [step] = [s for s in check_text(text).steps if s.status != "definition"]
    return step


@pytest.mark.parametrize("rhs", [
    r"\sum_i \frac{\partial J}{\partial u_i} v_{ij} \sigma'(z_j)",
    r"\sigma'(z_j) \sum_i v_{ij} \frac{\partial J}{\partial u_i}",  # σ' outside the sum
    r"\frac{\partial J}{\partial a_j} \frac{\partial a_j}{\partial z_j}",
])
def test_sigma_prime_at_a_defined_quantity_is_proved(rhs):
    """∂J/∂z_j through the next layer: σ'(z_j) is σ's derivative at z_j = Σ_k w_jk x_k + b_j."""
    step = _claim(NET + rf"$$\frac{{\partial J}}{{\partial z_j}} = {rhs}$$")
    assert step.status == "proved", step.describe()  # the last is proved on the graph, with no index


@pytest.mark.parametrize("rhs", [
    r"\sum_i \frac{\partial J}{\partial u_i} v_{ij} \sigma(z_j)",       # σ for σ'
    r"\sum_i \frac{\partial J}{\partial u_i} v_{ji} \sigma'(z_j)",      # transposed weight
    r"\sum_i \frac{\partial J}{\partial u_i} v_{ij} \sigma'(z_i)",      # σ' at the wrong unit
    r"\sum_i \frac{\partial J}{\partial u_i} \sigma'(z_j)",             # the weight dropped
    r"2 \sum_i \frac{\partial J}{\partial u_i} v_{ij} \sigma'(z_j)",    # a factor 2
])
def test_a_wrong_sigma_prime_step_is_never_proved(rhs):
    step = _claim(NET + rf"$$\frac{{\partial J}}{{\partial z_j}} = {rhs}$$")
    assert step.status not in ("proved", "confirmed"), step.describe()


# J depends on two branches that read the same input and do not feed each other (two heads)
TWO = (r"$$p_j = \sum_k A_{jk} x_k$$" "\n\n"
       r"$$q_j = \sum_k B_{jk} x_k$$" "\n\n"
       r"The cost J depends on both; its gradients $\frac{\partial J}{\partial p_j}$ and "
       r"$\frac{\partial J}{\partial q_j}$ come from above." "\n\n")


def _input_gradient(rhs: str):
    return [s for s in check_text(TWO + rf"$$\frac{{\partial J}}{{\partial x_k}} = {rhs}$$").steps
            if "x_k" in s.left][0]


def test_a_cost_of_two_independent_families_is_proved():
    """∂J/∂x_k sums over both branches: J is a function of every p_j and every q_j."""
    step = _input_gradient(r"\sum_j \frac{\partial J}{\partial p_j} A_{jk} + \sum_j \frac{\partial J}{\partial q_j} B_{jk}")
    assert step.status == "proved", step.describe()
    assert "every p_j and q_j" in step.reason


@pytest.mark.parametrize("rhs", [r"\sum_j \frac{\partial J}{\partial p_j} A_{jk}",  # one branch dropped
                                 r"\sum_j \frac{\partial J}{\partial p_j} A_{jk} + \sum_j \frac{\partial J}{\partial q_j} A_{jk}",
                                 r"\sum_j \frac{\partial J}{\partial p_j} A_{kj} + \sum_j \frac{\partial J}{\partial q_j} B_{jk}"])
def test_a_wrong_step_with_two_families_is_never_proved(rhs):
    step = _input_gradient(rhs)
    assert step.status not in ("proved", "confirmed"), step.describe()


def test_a_free_index_in_families_of_different_sizes_is_proved_within_both():
    """j indexes u (up to M) and a (up to N): the step holds for every j ≤ min(M, N)."""
    text = (r"$$u_j = \sum_{k=1}^{N} W_{jk} a_k$$" "\n\n" r"$$a_j = \tanh(z_j)$$" "\n\n"
            r"$$v_j = \sum_{k=1}^{M} U_{jk} u_k$$" "\n\n"
            r"$$\frac{\partial J}{\partial z_j} = \sum_{i=1}^{M} \frac{\partial J}{\partial v_i} "
            r"\sum_{k=1}^{M} U_{ik} W_{kj} (1 - \tanh^2(z_j))$$")
    step = _claim(text)
    assert step.status == "proved", step.describe()


def test_a_derivative_written_only_in_prose_is_a_dependency():
    """Regression (a false "proved"): ∂J/∂q_j written only in a sentence's inline math still makes J
    depend on q, so a chain rule that drops the q branch is refuted, with the path it drops."""
    step = _input_gradient(r"\sum_j \frac{\partial J}{\partial p_j} A_{jk}")
    assert step.status == "refuted", step.describe()
    assert "drops the path J → q_1 → x_1" in step.hint
