r"""Sums over examples with vector features: ``\sum_{i=1}^n (\hat p_i - y_i)\mathbf{x}_i``.

Each case is the real text that asked for it.  Sources (the files under tests/data/heldout5/ hold
the full excerpts and their URLs):
- p06, p07, p22: pystatsml's negative log-likelihood notes (github.com/duchesnay/pystatsml,
  ml_supervised/demo_ml_losses.md): ``\hat{p}_i = \sigma(\mathbf{w}^\top \mathbf{x}_i)``, the loss
  ``\mathcal{L}_{\text{NLL}} = -\sum_{i=1}^n \log(…)`` written again as
  ``\mathcal{L}_{\text{NLL}}(\mathbf{w}) = …``, and its gradient ``\sum_{i=1}^n (\hat{p}_i - y_i) \mathbf{x}_i``;
- p08: jiaeyan/Machine-Learning-Plate, logistic_regression.md: ``\sum_{i=0}^d\theta_ix_i = \theta^Tx``;
- n33 (heldout2): a BCE note's ``\frac{d\mathcal{L}}{d\hat{y}}`` with ŷ defined through ``\mathbf{w}^\top\mathbf{x}``;
- n36 (heldout2): a chain-rule lesson's ``x = x(t)``.
"""

from __future__ import annotations

from derivations.checker.check import check_text


def _at(report, line: int):
    return [s for s in report.steps if s.line == line]


P06 = r"""$$
\hat{p}_i = \sigma(\mathbf{w}^\top \mathbf{x}_i) = \frac{1}{1 + e^{-\mathbf{w}^\top \mathbf{x}_i}}
$$

$$
\mathcal{L}_{\text{NLL}} = - \sum_{i=1}^n \log \left( \hat{p}_i^{y_i} (1 - \hat{p}_i)^{1 - y_i} \right)
$$

$$
= - \sum_{i=1}^n \left[ y_i \log(\hat{p}_i) + (1 - y_i) \log(1 - \hat{p}_i) \right]
$$

Now substitute $\hat{p}_i = \sigma(z_i) = \frac{1}{1 + e^{-z_i}}$ where $z_i = \mathbf{w}^\top \mathbf{x}_i$:

$$
\mathcal{L}_{\text{NLL}}(\mathbf{w}) = \sum_{i=1}^n \left[ \log(1 + e^{-z_i}) + (1 - y_i) z_i \right] \quad \text{with } z_i = \mathbf{w}^\top \mathbf{x}_i
$$

$$
\mathcal{L}_{\text{NLL}}(\mathbf{w}) = \sum_{i=1}^n \log\left(1 + e^{-y_i \cdot \mathbf{w}^\top \mathbf{x}_i} \right)
$$
"""


def test_a_quantity_defined_with_vectors_is_not_a_free_number():
    """p̂_i = σ(wᵀx_i) is in (0, 1): log(p̂^y (1 − p̂)^(1−y)) = y log p̂ + (1 − y) log(1 − p̂) holds.
    It was refuted at p̂_1 = −2 (a value p̂ never takes), and inconclusive in the whole file."""
    report = check_text(P06)
    (step,) = _at(report, 10)
    assert step.status == "confirmed", step.describe()
    assert "n = 2" in step.reason  # the sum over the examples runs over the instance's n examples


def test_a_defined_quantity_written_with_its_argument_is_that_quantity():
    """L_NLL(w) after L_NLL = …: the loss written with its argument, checked against its definition
    (was L_NLL times w); the author's last form, right only for labels in {−1, 1}, is refuted."""
    report = check_text(P06)
    (final,) = [s for s in _at(report, 16) if s.left.startswith(r"\mathcal")]
    assert final.status == "confirmed", final.describe()
    assert any("is read as L_{NLL}" in n for n in final.notes)
    (wrong,) = _at(report, 20)
    assert wrong.status == "refuted", wrong.describe()
    assert report.exit_code == 1


P07 = r"""- Linear logit: $z_i = \mathbf{w}^\top \mathbf{x}_i$
- Sigmoid output:
  $$
  \hat{p}_i = \sigma(z_i) = \frac{1}{1 + e^{-z_i}}
  $$
- NLL loss:
  $$
  \mathcal{L}(\mathbf{w}) = -\sum_{i=1}^n \left[ y_i \log(\hat{p}_i) + (1 - y_i) \log(1 - \hat{p}_i) \right]
  $$

$$
\ell_i(\mathbf{w}) = -\left[ y_i \log(\hat{p}_i) + (1 - y_i) \log(1 - \hat{p}_i) \right]
$$

$$
\nabla_{\mathbf{w}} \ell_i = \left[ \hat{p}_i - y_i \right] \mathbf{x}_i
$$

$$
\nabla_{\mathbf{w}} \mathcal{L}(\mathbf{w}) = \sum_{i=1}^n (\hat{p}_i - y_i) \mathbf{x}_i
$$
"""


def test_the_gradient_of_a_loss_summed_over_examples():
    """∇_w L(w) = Σ_i (p̂_i − y_i) x_i, with L, p̂_i and z_i defined in the document: confirmed on
    instances with n examples (it was "the range of the sum is not known")."""
    report = check_text(P07)
    for line in (16, 20):  # ∇_w ℓ_i (ℓ_i(w) defined, written without its argument) and ∇_w L(w)
        (step,) = _at(report, line)
        assert step.status == "confirmed", step.describe()
    wrong = check_text(P07.replace(r"(\hat{p}_i - y_i) \mathbf{x}_i", r"(y_i - \hat{p}_i) \mathbf{x}_i"))
    (step,) = _at(wrong, 20)
    assert step.status == "refuted", step.describe()


def test_the_derivative_of_an_undefined_quantity_is_not_zero():
    """n33: dL/dŷ with ŷ = σ(wᵀx + b) and L never defined was evaluated as 0 on instances (the
    random L does not depend on ŷ) and the true step refuted."""
    text = r"""$$\hat{y} = \sigma(\mathbf{w}^\top \mathbf{x} + b)$$

$$\frac{d\mathcal{L}}{d\hat{y}} = -\frac{y}{\hat{y}} + \frac{1 - y}{1 - \hat{y}}$$
"""
    (step,) = _at(check_text(text), 3)
    assert step.status != "refuted", step.describe()


def test_sums_over_examples_on_instances():
    """Σ_{i=1}^n x_iᵀw = wᵀ Σ_i x_i holds; starting the left sum at 0 adds a term, refuted."""
    text = r"""$$\sum_{i=1}^n \mathbf{x}_i^\top \mathbf{w} = \mathbf{w}^\top \sum_{i=1}^n \mathbf{x}_i$$

$$\sum_{i=0}^n \mathbf{x}_i^\top \mathbf{w} = \mathbf{w}^\top \sum_{i=1}^n \mathbf{x}_i$$
"""
    report = check_text(text)
    assert [s.status for s in report.steps] == ["confirmed", "refuted"], report.steps


def test_a_vector_and_its_written_entries_are_not_independent():
    """p08: θᵀx = Σ_{i=0}^d θ_i x_i means θ is made of the θ_i; random θ is not, so a failure on
    instances is no refutation."""
    text = r"$$\sum_{i=0}^d\theta_ix_i = \theta^Tx$$"
    (step,) = check_text(text).steps
    assert step.status == "not checked", step.describe()
    assert "theta_0 is written beside theta" in step.reason
    whole = r"$$z_\theta(x) = \theta_0 + \theta_1x_1 + \theta_2x_2 + \theta_3x_3 + ... = \sum_{i=0}^d\theta_ix_i = \theta^Tx$$"
    assert "refuted" not in [s.status for s in check_text(whole).steps]  # the dots' "⋯" is no count of examples


def test_a_dependency_statement_is_not_a_quantity_applied():
    """n36: x = x(t) says x depends on t; it is not 'x = x' (proved)."""
    text = r"""We have $z = f(x, y)$, $x = x(t)$, $y = y(t)$.

$$\frac{dz}{dt} = \frac{\partial z}{\partial x}\frac{dx}{dt} + \frac{\partial z}{\partial y}\frac{dy}{dt}$$
"""
    report = check_text(text)
    assert [s.status for s in report.steps[:3]] == ["definition"] * 3
    assert report.steps[3].status == "proved"


P07_MATRIX = P07 + r"""
Or in matrix form, if $\mathbf{X} \in \mathbb{R}^{n \times p}$, $\hat{\mathbf{p}} \in \mathbb{R}^n$, and $\mathbf{y} \in \mathbb{R}^n$:

$$
\nabla_{\mathbf{w}} \mathcal{L}(\mathbf{w}) = \mathbf{X}^\top (\hat{\mathbf{p}} - \mathbf{y})
$$
"""


def test_a_declared_data_matrix_is_made_of_the_examples():
    """p07: with X ∈ R^{n×p} declared and the examples x_i summed over i = 1…n, X's rows are the
    x_iᵀ and p̂, y the vectors of the p̂_i, y_i; the matrix form of the gradient is confirmed, saying
    so, and the same with the signs swapped is refuted."""
    (step,) = _at(check_text(P07_MATRIX), 26)
    assert step.status == "confirmed", step.describe()
    assert "X read as the matrix whose rows are the x_iᵀ, i = 1…n" in step.reason
    assert "y read as (y_i for i = 1…n)" in step.reason
    wrong = P07_MATRIX.replace(r"(\hat{\mathbf{p}} - \mathbf{y})", r"(\mathbf{y} - \hat{\mathbf{p}})")
    (step,) = _at(check_text(wrong), 26)
    assert step.status == "refuted", step.describe()


def test_an_undeclared_data_matrix_is_not_read_as_made_of_the_examples():
    """Without X's shape declared, its rows or its columns could be the x_i: not checked, never
    refuted by a random X."""
    text = P07_MATRIX.replace(r"if $\mathbf{X} \in \mathbb{R}^{n \times p}$, ", "")
    (step,) = _at(check_text(text), 26)
    assert step.status == "not checked", step.describe()
    assert "X and x_i are both written" in step.reason
