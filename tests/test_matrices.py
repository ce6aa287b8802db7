"""The checker on vectors, matrices, hypotheses, convolutions and floor formulas with given numbers.

Golden inputs written here, the two seed sheets (tests/data/seeds), and real derivations under
tests/data/matrices/ (each file names its source: github purepisces/DeepLearningSystem
hw4/hw4-part3conv.md, github hifreedo/up9rade _posts/2019-03-04-convolution-in-forward-and-backward.md).
The convolution numbers are those of sheet 000's question 4 (SPEC.md, conv-backprop).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checker.check import check_text

DATA = Path(__file__).resolve().parent / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))


def steps(text: str):
    """(status, reason) of every step of ``text``, in order."""
    return [(s.status, s.reason) for s in check_text(text).steps]


MATRIX_ALGEBRA = r"""
Let $A \in \mathbb{R}^{m \times n}$, $B \in \mathbb{R}^{n \times p}$.

$$(A B)^T = B^T A^T$$

$$(A B)^\top = A^\top B^\top$$
"""


def test_transpose_of_a_product_confirmed_and_the_wrong_order_refuted():
    """(AB)ᵀ = BᵀAᵀ holds on instances of several sizes; (AB)ᵀ = AᵀBᵀ is refuted with exact numbers."""
    (good, why), (bad, why_bad) = steps(MATRIX_ALGEBRA)
    assert good == "confirmed" and "2×2" in why and "3×3" in why and "4×3" in why, why
    assert bad == "refuted" and "left = [" in why_bad, why_bad


def test_inverse_and_transpose_commute():
    """(A⁻¹)ᵀ = (Aᵀ)⁻¹ holds for a square A (singular random draws are drawn again)."""
    [(status, why)] = steps(r"$$\left(\mathbf{A}^{-1}\right)^{\mathsf{T}} = \left(\mathbf{A}^{T}\right)^{-1}$$")
    assert status == "confirmed", why


def test_backprop_matrix_form_scalar_identities():
    r"""δᵀWs = sᵀWᵀδ holds (W m×n declared); δᵀWs = sᵀWδ is refuted on a square instance."""
    text = (r"With $W \in \mathbb{R}^{m \times n}$, $\delta \in \mathbb{R}^m$, $s \in \mathbb{R}^n$:"
            "\n\n$$\\delta^T W s = s^T W^T \\delta$$\n\n$$\\delta^T W s = s^T W \\delta$$\n")
    (good, why), (bad, why_bad) = steps(text)
    assert good == "confirmed", why
    assert bad == "refuted", why_bad


def test_hadamard_product_is_elementwise():
    r"""(Wᵀδ) ⊙ σ'(z) = σ'(z) ⊙ (Wᵀδ) holds (σ' entrywise, exact values), ⊙ is not the matrix product."""
    text = (r"$W \in \mathbb{R}^{m \times n}$, $\delta \in \mathbb{R}^m$, $z \in \mathbb{R}^n$"
            "\n\n$$(W^T \\delta) \\odot \\sigma'(z) = \\sigma'(z) \\odot (W^T \\delta)$$\n"
            "\n$$\\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix} \\odot \\begin{bmatrix} 3 \\\\ 4 \\end{bmatrix}"
            " = \\begin{bmatrix} 3 \\\\ 8 \\end{bmatrix}$$\n")
    (good, why), (literal, why_literal) = steps(text)
    assert good == "confirmed", why
    assert literal == "proved" and "exact evaluation" in why_literal


def test_transpose_of_a_number_is_ambiguous_not_guessed():
    """A superscript T on a quantity declared a number is noted as ambiguous, not checked."""
    [(status, why)] = steps("Let $a \\in \\mathbb{R}$ and $v \\in \\mathbb{R}^n$.\n\n$$a^T v = v a$$\n")
    assert status == "not checked" and "ambiguous" in why, why


HESSIAN = r"""
Near the minimum, $E(w) \approx E(w^*) + \frac{1}{2} (w - w^*)^T H (w - w^*)$.

$H u_i = \lambda_i u_i$ and $u_i^T u_j = \delta_{ij}$, and $w - w^* = \sum_i \alpha_i u_i$.

$$E(w) = E(w^*) + \frac{1}{2} \left(\sum_i \alpha_i u_i^T \right) H \left(\sum_i \alpha_i u_i \right)$$

$$= E(w^*) + \frac{1}{2} \left(\sum_i \alpha_i u_i^T \right) \left(\sum_i \lambda_i \alpha_i u_i \right)$$

$$= E(w^*) + \frac{1}{2} \sum_i LAMBDA$$
"""


def test_hessian_quadratic_form_uses_the_hypotheses():
    """The eigenbasis steps hold on instances with a symmetric H and orthonormal eigenvectors, and say so."""
    result = steps(HESSIAN.replace("LAMBDA", r"\lambda_i \alpha_i^2"))
    statuses = [s for s, _ in result]
    assert statuses == ["hypothesis", "hypothesis", "hypothesis", "confirmed", "confirmed", "confirmed"], result
    assert all("symmetric" in why and "orthonormal" in why for _s, why in result[3:])


def test_hessian_quadratic_form_wrong_step_refuted():
    """Dropping the square on α_i in the last step is refuted on an exact instance."""
    result = steps(HESSIAN.replace("LAMBDA", r"\lambda_i \alpha_i"))
    assert [s for s, _ in result][3:] == ["confirmed", "confirmed", "refuted"], result


CONVOLUTION = (DATA / "matrices" / "sheet000-convolution-example.md").read_text(encoding="utf-8")


def test_sheet000_convolution_numbers_say_which_convention_holds():
    """The 5×5 example: forward output is true convolution, ∂L/∂X a full cross-correlation, ∂L/∂W both."""
    proved = [why for status, why in steps(CONVOLUTION) if status == "proved"]
    assert proved == [
        "holds by exact evaluation as true convolution, not as cross-correlation",
        "holds by exact evaluation as cross-correlation (full: the first operand zero-padded by the "
        "kernel size − 1), not as true convolution",
        "holds by exact evaluation as cross-correlation and as true convolution",
    ]


def test_a_single_convolution_chain_is_a_step_not_a_definition_of_the_sign():
    """Regression (missed error): ``y = X ⊗ W = [matrix]`` written once took its last link as
    defining ⊗ ("the last link of a chain names its expression"); the wrong entry 5 went unrefuted."""
    text = ("$$X = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$$\n\n$$W = \\begin{bmatrix} 1 \\end{bmatrix}$$\n\n"
            "$$y = X \\otimes W = \\begin{bmatrix} 1 & 2 \\\\ 3 & 5 \\end{bmatrix}$$\n")
    last = check_text(text).steps[-1]
    assert last.status == "refuted" and "left = [1, 2; 3, 4], right = [1, 2; 3, 5]" in last.reason


def test_stated_convention_is_the_one_used():
    """A document that says it cross-correlates gets the forward output of sheet 000 refuted."""
    text = "Here $\\otimes$ is the cross-correlation, as in deep-learning libraries.\n\n" + CONVOLUTION
    forward = [(s, why) for s, why in steps(text) if "158" in why or s == "refuted"]
    assert forward and forward[0][0] == "refuted" and "as cross-correlation" in forward[0][1]


def test_output_size_with_given_numbers():
    """⌊(n − f + 2p)/s⌋ + 1 with f = 3, p = 0, s = 1 is n − 2 at every integer n; n − 3 is refuted."""
    text = ("$$o = \\left\\lfloor \\frac{n - f + 2p}{s} \\right\\rfloor + 1$$\n\n"
            "If $f = 3$, $p = 0$, $s = 1$\n\n$$o = n - 2$$\n\n$$o = n - 3$$\n")
    result = steps(text)
    assert result[-2] == ("confirmed", "holds for every integer n from 1 to 12 (exact)")
    assert result[-1][0] == "refuted" and "n = 1" in result[-1][1]


@pytest.mark.parametrize("name", ["purepisces-conv-and-dense.md", "up9rade-row-times-column.md"])
def test_real_matrix_derivations_hold(name):
    """Real derivations with matrix literals, × between matrices, row vectors with commas: nothing refuted."""
    report = check_text((DATA / "matrices" / name).read_text(encoding="utf-8"))
    assert report.exit_code == 0, report.text()
    assert sum(s.status in ("proved", "confirmed") for s in report.steps) >= 1


def test_sheet001_hessian_and_output_size_get_verdicts():
    """Sheet 001: the Hessian eigenbasis chain and the output-size formula are checked, none refuted;
    line 121 restates line 119's right side word for word ("(From (3))"): proved as written."""
    report = check_text(next(p for p in SEEDS if p.name.startswith("001")).read_text(encoding="utf-8"))
    by_line = {s.line: s.status for s in report.steps}
    assert all(by_line[n] == "confirmed" for n in (52, 115, 117, 119, 127)), by_line
    assert by_line[121] == "proved", by_line
    assert by_line[104] == by_line[111] == "hypothesis" and by_line[125] == "definition"
    assert not any(s.status == "refuted" and s.line >= 44 for s in report.steps)


def test_sheet000_convolution_chain():
    """Sheet 000: ∂L/∂y is read as the given matrix, X ⊗ ones = [[47, …]] proved under both conventions."""
    report = check_text(next(p for p in SEEDS if p.name.startswith("000")).read_text(encoding="utf-8"))
    by_line = {s.line: s for s in report.steps}
    assert by_line[108].status == "definition"
    assert by_line[137].status == "proved" and "and as true convolution" in by_line[137].reason
    assert not any(s.status == "refuted" and s.line >= 100 for s in report.steps)


def test_a_guessed_matrix_never_gives_a_refutation():
    """H read as a matrix only because it multiplies a vector: a step false for matrices is not refuted."""
    [(status, why)] = steps("$$u^T H v = v^T H u$$\n")
    assert status == "not checked" and "only because it multiplies" in why, why
    [(status, why)] = steps("Let $H \\in \\mathbb{R}^{n \\times n}$.\n\n$$u^T H v = v^T H u$$\n")
    assert status == "refuted", why


def test_an_ill_formed_product_is_not_checked():
    """H uᵀ v with H a matrix does not fit: not checked (never confirmed on degenerate 1×1 instances)."""
    [(status, why)] = steps("$$u^T H v = H u^T v$$\n")
    assert status == "not checked" and "shapes do not fit" in why, why


PRML = (DATA / "matrices" / "prml-hessian-eigenbasis.md").read_text(encoding="utf-8")


def test_prml_hessian_eigenbasis_real_derivation():
    """Bishop's (5.32)-(5.36): the model is a definition, (5.33)-(5.35) hypotheses, (5.36) confirmed."""
    report = check_text(PRML)
    assert [s.status for s in report.steps] == ["definition", "hypothesis", "hypothesis", "hypothesis",
                                                "confirmed"], report.text()
    assert report.exit_code == 0


def test_prml_with_a_squared_eigenvalue_is_refuted():
    """(5.36) with λ_i² instead of λ_i is refuted on an exact instance that satisfies the hypotheses."""
    wrong = PRML.replace(r"\lambda_i \alpha_i^2 \qquad (5.36)", r"\lambda_i^2 \alpha_i^2 \qquad (5.36)")
    last = check_text(wrong).steps[-1]
    assert last.status == "refuted" and "H = [" in last.reason, last.reason


def test_a_model_with_the_same_point_on_both_sides_is_not_a_definition():
    """E(w) = E(w) + ½(w − ŵ)ᵀH(w − ŵ) (a transcription that lost the star) is not read as a model."""
    text = PRML.replace(r"E(\mathbf{w}^\star) + \frac{1}{2}(\mathbf{w}", r"E(\mathbf{w}) + \frac{1}{2}(\mathbf{w}")
    report = check_text(text)
    assert report.steps[0].status == "not checked" and not report.first_wrong(), report.text()


def test_a_stated_symmetry_is_used():
    """With Hᵀ = H stated, uᵀHv = vᵀHu is confirmed on symmetric instances (refuted without it)."""
    text = "Let $H \\in \\mathbb{R}^{n \\times n}$ with $H^T = H$.\n\n$$u^T H v = v^T H u$$\n"
    status, why = steps(text)[-1]
    assert status == "confirmed" and "H symmetric, as stated" in why, why


def test_a_lone_matrix_equation_between_different_unknowns_is_a_hypothesis():
    """A x = b standing alone (never defined) is an assumption, as the scalar checker reads H u = λ u."""
    text = "Let $A \\in \\mathbb{R}^{n \\times n}$, $x \\in \\mathbb{R}^n$, $b \\in \\mathbb{R}^n$.\n\n$$A x = b$$\n"
    [(status, why)] = steps(text)
    assert status == "hypothesis" and "standing alone" in why, why


def test_numbers_equal_only_to_45_digits_are_confirmed_not_proved():
    """A matrix step with numbers whose equality is only numerical (tanh 1) is confirmed, never proved."""
    text = ("$$\\begin{bmatrix} \\tanh(1) & 0 \\end{bmatrix} = "
            "\\begin{bmatrix} \\frac{e - e^{-1}}{e + e^{-1}} & 0 \\end{bmatrix}$$\n")
    [(status, why)] = steps(text)
    assert status == "confirmed" and "45 digits" in why, why
