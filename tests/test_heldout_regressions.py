"""False alarms the held-out corpus found when the reading, matrix and corpus branches met.

Sources (excerpts, as in tests/data/heldout/): h10, github purepisces/DeepLearningSystem (a dense
layer's backward pass written with dX, dZ); h20, Math.SE question 95518 via the ARQMath collection
(C^{-1} = C^T stated for the eigenvector matrix); h27, github niaza64/ml100 (∂BCE/∂a through an ŷ
that is only differentiated, never defined).
"""

from __future__ import annotations

from derivations.checker.check import check_text


def _steps(text: str):
    return check_text(text).steps


def test_glued_d_is_not_read_as_d_times_a_matrix():
    """dX = dZ W^T (h10) is a gradient's name, not d·X: not checked, never refuted."""
    text = ("$X = \\begin{bmatrix} x_1 & x_2 \\end{bmatrix}$\n\n"
            "$$dX = dZ \\times W^T$$\n\n$$dX_1 = dZ_1 \\cdot w_{11} + dZ_2 \\cdot w_{12}$$\n")
    steps = _steps(text)
    assert steps and all(s.status != "refuted" for s in steps), [s.describe() for s in steps]
    assert any("differential or a gradient's name" in s.reason for s in steps)


def test_a_product_with_a_spaced_d_is_still_checked():
    """d x with a space, d defined nowhere, stays an ordinary product that is checked."""
    steps = _steps("$$d \\, x + d \\, x = 2 d x$$")
    assert [s.status for s in steps] == ["proved"]


def test_a_stated_orthogonality_is_a_hypothesis_not_a_refuted_step():
    """C^{-1} = C^T alone (h20) states a property of C; later steps on C are not refuted on random C."""
    text = ("$$C^{-1} = C^T$$\n\n$$D = C^{-1} A C$$\n\n$$x = C X$$\n\n"
            "$$x^T A x = X^T D X$$\n")
    steps = _steps(text)
    assert steps[0].status == "hypothesis", steps[0].describe()
    assert all(s.status != "refuted" for s in steps), [s.describe() for s in steps]


def test_a_lone_wrong_matrix_identity_without_transpose_or_inverse_stays_refuted():
    """A + A = 3A about a declared matrix is a claim, and wrong: refuted, not taken as a hypothesis."""
    steps = _steps("Let $A \\in \\mathbb{R}^{n \\times n}$.\n\n$$A + A = 3 A$$\n")
    assert [s.status for s in steps] == ["refuted"], [s.describe() for s in steps]


def test_derivative_through_an_undefined_differentiated_quantity_is_not_refuted():
    """∂BCE/∂a with BCE written in ŷ, and ŷ only differentiated (h27): not checked, never 'left = 0'."""
    text = ("$$BCE = -(y \\log \\hat y + (1-y) \\log(1 - \\hat y))$$\n\n"
            "$$\\frac{\\partial \\hat y}{\\partial z} = \\hat y (1 - \\hat y)$$\n\n"
            "$$\\frac{\\partial BCE}{\\partial a} = (\\hat y - y) x$$\n")
    steps = _steps(text)
    last = steps[-1]
    assert last.status == "not checked" and ("never defines" in last.reason or "does not define" in last.reason)


SOFTMAX = "Let $p_j = \\frac{e^{o_j}}{\\sum_k e^{o_k}}$.\n\n"


def test_an_index_condition_after_quad_is_the_steps_condition():
    """``∂p_j/∂o_i = p_i(1 − p_i), \\quad i = j`` (real/20, bootmath.com) holds for i = j: never split off."""
    for claim, rel in ((r"p_i(1 - p_i),\quad i = j", "="), (r"-p_i p_j,\quad i \neq j", "≠")):
        steps = check_text(SOFTMAX + rf"$$\frac{{\partial p_j}}{{\partial o_i}} = {claim}$$").steps
        assert [s.status for s in steps] == ["definition", "confirmed"], [s.describe() for s in steps]
        assert f"for i {rel} j" in steps[1].reason


def test_a_step_that_needs_labels_summing_to_one_is_not_refuted_when_that_is_unstated():
    """a_i Σ_k y_k − y_i = a_i − y_i (h13, yanfenglee/dl_demo) needs Σ_k y_k = 1: not checked, saying so."""
    [step] = check_text(r"$$a_i \sum_k y_k - y_i = a_i - y_i$$").steps
    assert step.status == "not checked" and "= 1" in step.reason, step.describe()
    [wrong] = check_text(r"$$a_i \sum_k y_k - y_i = a_i + y_i$$").steps
    assert wrong.status == "refuted", wrong.describe()


def test_a_derivative_of_an_elided_quantity_is_not_taken_as_unknown_evidence():
    """h23 (pikazlou/ml-nn-aux): y_21 is elided ('...'), so ∂y_21/∂x_11 = 0 is the author's to know:
    ∂L/∂x_11 = ∂L/∂y_11 w_11 + ∂L/∂y_21 · 0 is not refuted for an arbitrary y_21."""
    text = ("$$y_{11} = w_{11} x_{11} + w_{12} x_{12} + b$$\n\n"
            "$$\\frac{\\partial L}{\\partial x_{11}} = \\frac{\\partial L}{\\partial y_{11}}"
            "\\frac{\\partial y_{11}}{\\partial x_{11}} + \\frac{\\partial L}{\\partial y_{21}}"
            "\\frac{\\partial y_{21}}{\\partial x_{11}}$$\n\n"
            "$$\\frac{\\partial L}{\\partial x_{11}} = \\frac{\\partial L}{\\partial y_{11}} w_{11} + "
            "\\frac{\\partial L}{\\partial y_{21}} 0$$\n")
    steps = check_text(text).steps
    assert all(s.status != "refuted" for s in steps), [s.describe() for s in steps]


def test_two_index_cases_of_an_undefined_derivative_are_not_a_contradiction():
    """heldout2/n17 (errorhandle.ai, softmax derivative; the page lost its "When i = k:" conditions):
    ∂S_i/∂z_k = S_i(1 − S_k), then ∂S_i/∂z_k = −S_i S_k, are two cases, not a wrong restatement."""
    text = ("When :\n$$ \\frac{\\partial S_i}{\\partial z_k} = S_i (1 - S_k) $$\n"
            "When :\n$$ \\frac{\\partial S_i}{\\partial z_k} = -S_i S_k $$\n")
    steps = check_text(text).steps
    assert [s.status for s in steps] == ["hypothesis", "not checked"], [s.describe() for s in steps]
    assert "i = k or i ≠ k" in steps[1].reason
    # without different index letters a contradicting restatement is still refuted
    plain = ("$$\\frac{dL}{da} = \\frac{a - y}{a(1-a)}$$\n\n$$\\frac{dL}{da} = \\frac{a + y}{a(1-a)}$$\n")
    assert [s.status for s in check_text(plain).steps] == ["hypothesis", "refuted"]


def test_an_instance_does_not_take_a_differentiated_quantity_as_a_free_number():
    """Softmax with cross-entropy written with δ_ki (reported by the grammar branch while reading
    heldout/h15, jekyll2016): ∂C/∂z_i = −Σ_k t_k/y_k · y_k(δ_ki − y_i) was refuted at K = 1 with y_1
    free, although the document writes ∂y_k/∂z_i: not checked, never refuted."""
    text = ("$$y_i(z_i) = \\frac{e^{z_i}}{\\sum_{k=1}^K e^{z_k}}$$\n\n$$C = -\\sum_{k=1}^K t_k \\log y_k$$\n\n"
            "$$\\frac{\\partial y_k}{\\partial z_i} = y_k (\\delta_{ki} - y_i)$$\n\n"
            "$$\\frac{\\partial C}{\\partial z_i} = -\\sum_{k=1}^K \\frac{t_k}{y_k} y_k (\\delta_{ki} - y_i)$$\n")
    steps = check_text(text).steps
    assert steps[-1].status == "not checked" and "depends on" in steps[-1].reason, steps[-1].describe()
    assert all(s.status != "refuted" for s in steps)


def test_a_relu_backward_step_is_not_refuted_at_the_kink():
    """Course notes "5.5 Gradient Derivations" (after Chaudhury, Math and Architectures of Deep Learning,
    ch. 6; found by the golden branch): with h = max(0, z) and L undefined, ∂L/∂z = ∂L/∂h · 1[z > 0]
    was refuted at z = 0, where ∂h/∂z does not exist (SymPy's Heaviside(0) = ½ is a convention)."""
    text = ("**Forward**: $h = \\max(0, z)$\n\n"
            "$$\\frac{\\partial L}{\\partial z} = \\frac{\\partial L}{\\partial h} \\cdot \\mathbb{1}[z > 0]$$\n")
    step = check_text(text).steps[-1]
    assert step.status == "confirmed", step.describe()
    # an indicator that is wrong away from the kink is still never confirmed
    wrong = text.replace("[z > 0]", "[z < 0]")
    assert check_text(wrong).steps[-1].status in ("refuted", "not checked")


def test_otimes_between_two_vectors_is_not_refuted_as_a_convolution():
    """Tensor-product-representation notes (found by the golden branch, golden_real/g07): "the tensor
    product (i.e. outer product)" [1;0;0] ⊗ [2;3;4] = [[2,3,4],[0,0,0],[0,0,0]] is right as u vᵀ and
    was refuted under both convolution conventions; between two vectors ⊗ is ambiguous."""
    text = ("$$\\begin{bmatrix} 1 \\\\ 0 \\\\ 0 \\end{bmatrix} \\otimes \\begin{bmatrix} 2 \\\\ 3 \\\\ 4 "
            "\\end{bmatrix} = \\begin{bmatrix} 2 & 3 & 4 \\\\ 0 & 0 & 0 \\\\ 0 & 0 & 0 \\end{bmatrix}$$\n")
    step = check_text(text).steps[-1]
    assert step.status == "not checked" and "outer" in step.reason, step.describe()


def test_equals_with_a_rounded_decimal_is_a_rounding_not_a_false_step():
    """Mazur's worked backpropagation example (as in heldout2/n34-n35, translated notes):
    out_h1(1 - out_h1) with out_h1 = 0.59326999 written "= 0.241300709" is right to the digits
    written; it was refuted because 0.59326999 · 0.40673001 = 0.2413007085… exactly. A decimal that is
    wrong beyond its last digit stays refuted."""
    text = "$$0.59326999(1 - 0.59326999) = 0.241300709$$\n"
    step = check_text(text).steps[0]
    assert step.status == "proved" and "read as a rounding" in step.reason, step.describe()
    wrong = check_text("$$0.59326999(1 - 0.59326999) = 0.241400709$$\n").steps[0]
    assert wrong.status == "refuted", wrong.describe()
    assert check_text("$$32 - 5 + 0 = 26$$\n").steps[0].status == "refuted"  # integers are never roundings


def test_a_plain_line_with_a_unicode_sum_that_is_not_read_is_listed():
    """h27 lines 55 and 63, ``∂BCE/∂a = ∑(xi(ŷi - yi))`` (the loss summed over the data points): not
    read as math, and now listed as unread instead of passed over in silence (the file exits 3)."""
    report = check_text("BCE = - [y·log(ŷ) + (1-y)·log(1-ŷ)]\n\nSumming over the data points:\n"
                        "∂BCE/∂a = ∑(xi(ŷi - yi))\n")
    assert any("line 4: unread" in u and "∑(xi(ŷi - yi))" in u for u in report.unchecked())
    assert report.exit_code == 3


def test_math_typed_in_plain_prose_is_listed_not_passed_over():
    """h16 (devplace, residual blocks): ``d(x + F(x))/dx = 1 + F'(x)`` and ``dL/dx1 = product of F'(z)``
    stand in sentences without any LaTeX command; they were passed over in silence (the file said only
    "no step was checked"). Now each such line is listed as unread math, so a wrong step written so
    can never pass unseen; prose with an = but no math (``kernel_size=5``) is not listed."""
    text = ("Differentiate the block: d(x + F(x))/dx = 1 + F'(x). Backprop multiplies these.\n\n"
            "  • plain: dL/dx1 = product of F'(z) -> 0\n\nSet kernel_size=5 and stride = 1 here.\n"
            "Then e^0 = 1 and exp(z_i) > 0.\n")
    listed = check_text(text).unchecked()
    assert [u.split(":")[0] for u in listed if "unread" in u] == ["line 1", "line 3", "line 6"]
