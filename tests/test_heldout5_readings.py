r"""Readings that heldout5's false alarms asked for, each on the real text that exposed it.

Sources (the files under tests/data/heldout5/ hold the full excerpts and their URLs):
- p12: NNFS notes on the softmax derivative (nnfs.io book, chapter 9, copied to a public notes
  repository): ``\frac{\partial}{\partial z_{i,k}} e^{z_{i,j}} \cdot \sum …`` and the j = k case
  continued over four ``$$= …$$`` displays;
- p14: Korean study notes, "3.3.2 Softmax Derivative" (GitHub, stored-index file id 27177182108):
  a ``**Case 2: $i \neq k$**`` heading and the quotient rule's ``f = e^{z_k}, f' = 0``;
- p16: Chinese notes on softmax cross-entropy (GitHub): g_1 … g_4 named again for other functions
  in the second case;
- p18: a note on the backprop δ recursion (GitHub): ``C(W, b) = ½‖a^{(l)} − ŷ‖²`` with
  ``a^{(l)} = σ(z^{(l)})``, and "If the cost function is cross entropy, then we have $…$";
- p08: jiaeyan/Machine-Learning-Plate, logistic_regression.md (GitHub): ``z_\theta(x) = \theta_0 +
  \theta_1x_1 + … + ... = \sum_{i=0}^d\theta_ix_i = \theta^Tx`` (x_0 = 1 left unsaid);
- p16 also: ``c1=e^{Z_{target}-max({{Z}_i})}`` and ``\frac{\partial L}{\partial {Z}_i}``;
- p09, p10: brandokoch's "Linear regression gradient calculation" (GitHub, stored-index file id
  27849621172): GitHub ````` ```math ````` fences, ``( \textbf{X}\boldsymbol{\theta} - \textbf{y} )^T``,
  and "We obtain:" ``= 2 \textbf{X}^T\textbf{X}\boldsymbol{\theta} - …`` after a display of three
  separate gradients;
- p22: pystatsml's Hessian of the negative log-likelihood (github.com/duchesnay/pystatsml):
  ``\hat{p}_i = \sigma(z_i), \quad \text{where } z_i = \mathbf{w}^\top \mathbf{x}_i``.
"""

from __future__ import annotations

import subprocess
import sys

from derivations.checker.check import check_text


def _at(report, line: int):
    return [s for s in report.steps if s.line == line]


P14 = r"""**Case 1: $i = k$**

$$\frac{\partial \hat{y}_k}{\partial z_k} = \frac{\partial}{\partial z_k} \left( \frac{e^{z_k}}{\sum_j e^{z_j}} \right)$$

- $f = e^{z_k}$, $f' = e^{z_k}$

**Case 2: $i \neq k$**

$$\frac{\partial \hat{y}_k}{\partial z_i} = \frac{\partial}{\partial z_i} \left( \frac{e^{z_k}}{\sum_j e^{z_j}} \right)$$

- $f = e^{z_k}$, $f' = 0$

$$\frac{\partial \hat{y}_k}{\partial z_i} = \frac{0 \cdot \sum_j e^{z_j} - e^{z_k} \cdot e^{z_i}}{(\sum_j e^{z_j})^2}$$

$$= -\hat{y}_k \hat{y}_i$$
"""


def test_a_heading_condition_holds_for_its_section():
    """p14: the Case 2 heading's i ≠ k holds for the quotient-rule display two displays below it."""
    report = check_text(P14)
    (quotient,) = _at(report, 13)
    assert quotient.status in ("proved", "confirmed"), quotient.describe()
    assert "the condition in the heading of its section" in quotient.describe()
    (last,) = _at(report, 15)
    assert last.status in ("proved", "confirmed"), last.describe()
    assert report.first_wrong() is None


def test_a_heading_condition_ends_at_the_next_heading():
    """Without its heading the same display is false (i = k is an instance), and is refuted."""
    text = P14.replace("**Case 2: $i \\neq k$**", "**Case 2**")
    assert "**Case 2**" in text
    (quotient,) = _at(check_text(text), 13)
    assert quotient.status == "refuted"


def test_a_prime_next_to_a_derivative_by_another_family_member_is_taken_by_it():
    """p14: f' = 0 for f = e^{z_k} under ∂/∂z_i is ∂f/∂z_i (the quotient rule's f'), not df/dz_k
    (which is e^{z_k} ≠ 0); g' = e^{z_i} for g = Σ_j e^{z_j} likewise; each says how it was read."""
    report = check_text(P14)
    case1 = [s for s in _at(report, 5) if s.left.strip() == "f'"]
    case2 = [s for s in _at(report, 11) if s.left.strip() == "f'"]
    assert [s.status for s in case1] == ["proved"]  # under ∂/∂z_k, f' is df/dz_k
    assert [s.status for s in case2] == ["proved"]
    assert case2[0].notes == ("f' read as ∂f/∂z_i, the derivative the derivation around it takes "
                              "(f is an expression of z_k)",)
    wrong = check_text(P14.replace("$f' = 0$", "$f' = e^{z_k}$"))
    assert [s.status for s in _at(wrong, 11) if s.left.strip() == "f'"] == ["refuted"]


def test_a_prime_beside_derivatives_by_several_family_members_is_not_read():
    """Under ∂/∂z_i and ∂/∂z_j at once, f' has no one variable: not checked, and says why."""
    text = P14.replace(r"\frac{\partial \hat{y}_k}{\partial z_i} = \frac{\partial}{\partial z_i}",
                       r"\frac{\partial^2 \hat{y}_k}{\partial z_i \partial z_j} = \frac{\partial^2}{\partial z_i \partial z_j}")
    assert text != P14
    (f,) = [s for s in _at(check_text(text), 11) if s.left.strip() == "f'"]
    assert f.status == "not checked" and "by which variable?" in f.reason


def test_a_derivative_operator_stops_at_cdot():
    """p12's quotient-rule numerator: ∂/∂z applies to e^{z_{i,j}} only, up to the \\cdot."""
    text = (r"$$\frac{\partial}{\partial z_{k}} \left(\frac{e^{z_{j}}}{\sum_{l=1}^{L} e^{z_{l}}}\right) = "
            r"\frac{\frac{\partial}{\partial z_{k}} e^{z_{j}} \cdot \sum_{l=1}^{L} e^{z_{l}} - e^{z_{j}} \cdot "
            r"\frac{\partial}{\partial z_{k}} \sum_{l=1}^{L} e^{z_{l}}}{\left[ \sum_{l=1}^{L} e^{z_{l}} \right]^2}$$")
    (step,) = check_text(text).steps
    assert step.status in ("proved", "confirmed"), step.describe()
    assert any("before the next \\cdot" in n for n in step.notes)
    product_rule = check_text(r"$$\frac{d}{dx}(x^2 \sin x) = \frac{d}{dx} x^2 \cdot \sin x + x^2 \cdot \frac{d}{dx} \sin x$$")
    assert [s.status for s in product_rule.steps] == ["proved"]
    wrong = check_text(r"$$\frac{d}{dx}(x^2 \sin x) = \frac{d}{dx} x^2 \cdot \sin x$$")
    assert [s.status for s in wrong.steps] == ["refuted"]


P12 = r"""$$\frac{\partial S_{j}}{\partial z_{k}} = \frac{\frac{\partial}{\partial z_{k}} e^{z_{j}} \cdot \sum_{l=1}^{L} e^{z_{l}} - e^{z_{j}} \cdot \frac{\partial}{\partial z_{k}} \sum_{l=1}^{L} e^{z_{l}}}{\left[ \sum_{l=1}^{L} e^{z_{l}} \right]^2}$$

Let's start with \( j = k \). In the case of \( j = k \), substitute them:

$$= \frac{e^{z_{j}} \cdot \sum_{l=1}^{L} e^{z_{l}} - e^{z_{j}} \cdot e^{z_{j}}}{\left[ \sum_{l=1}^{L} e^{z_{l}} \right]^2}$$

We regroup the numerator:

$$= \frac{e^{z_{j}} \cdot \left( \sum_{l=1}^{L} e^{z_{l}} - e^{z_{k}} \right)}{\sum_{l=1}^{L} e^{z_{l}} \cdot \sum_{l=1}^{L} e^{z_{l}}}$$

$$= \frac{e^{z_{j}}}{\sum_{l=1}^{L} e^{z_{l}}} \cdot \left( \frac{\sum_{l=1}^{L} e^{z_{j}}}{\sum_{l=1}^{L} e^{z_{l}}} - \frac{e^{z_{k}}}{\sum_{l=1}^{L} e^{z_{l}}} \right)$$
"""


def test_a_display_that_goes_on_keeps_the_condition_of_the_one_it_continues():
    """p12: "= …" displays after the j = k case go on under j = k, so its genuine slip (Σ_l e^{z_j},
    L times e^{z_j}) is the first refuted step, not the regrouping before it."""
    report = check_text(P12)
    regroup = _at(report, 9)
    assert [s.status for s in regroup] in (["proved"], ["confirmed"]), [s.describe() for s in regroup]
    assert "the display it continues" in regroup[0].describe()
    assert report.first_wrong()[1].line == 11


def test_a_function_named_again_is_defined_again():
    """p16: x_2 = g_3(x_3) = x_3 + c_2, and in the second case x_2 = g_3(x_3) = e^{x_3}: each derivative
    is checked with the definition in force, and the second is not a restatement of the first."""
    text = "\n\n".join([
        r"Let $x_2 = g_3(x_3) = x_3 + c_2$.", r"$\frac{\partial g_3(x_3)}{\partial x_3} = 1$",
        r"Case two: let $x_2 = g_3(x_3) = e^{x_3}$.", r"$\frac{\partial g_3(x_3)}{\partial x_3} = e^{x_3}$"])
    report = check_text(text)
    assert [s.status for s in report.steps if s.left.startswith(r"\frac")] == ["proved", "proved"]
    assert any("differently from its earlier definition" in n.message for n in report.notes)
    wrong = check_text(text.replace(r"x_3} = e^{x_3}$", r"x_3} = x_3 e^{x_3}$"))
    assert wrong.first_wrong()[1].line == 7


def test_a_derivative_of_a_function_by_a_defined_quantity_it_holds():
    """p18: ∂C(W, b)/∂a^{(l)} with C(W, b) = ½(a^{(l)} − y)² and a^{(l)} = σ(z^{(l)}) is a^{(l)} − y, not 0."""
    text = (r"$$a^{(l)} = \sigma(z^{(l)})$$" "\n\n" r"$$C(W, b) = \frac{1}{2}(a^{(l)} - y)^2$$" "\n\n"
            r"$$\frac{\partial C(W, b)}{\partial a^{(l)}} = a^{(l)} - y$$" "\n\n"
            r"$$\frac{\partial C(W, b)}{\partial a^{(l)}} = y - a^{(l)}$$")
    assert [s.status for s in check_text(text).steps][2:] == ["proved", "refuted"]


def test_an_equation_under_a_hypothesis_in_words_is_not_checked():
    """p18: "If the cost function is cross entropy, then we have $…$" is about another cost."""
    text = (r"$$C = \frac{1}{2}(a - y)^2$$" "\n\n"
            r"> The reason why we have $a-y$ is because the cost function is MSE. If the cost function is "
            r"cross entropy, then we have $\frac{\partial C}{\partial a} = \frac{a-y}{a(1-a)}$")
    step = check_text(text).steps[-1]
    assert step.status == "not checked"
    assert '("If the cost function is cross entropy")' in step.reason and "does not hold" in step.reason
    plain = check_text(text.replace("If the cost function is cross entropy, then we have", "So"))
    assert plain.steps[-1].status == "refuted"


P22 = r"""- Model:
  $$
  \hat{p}_i = \sigma(z_i) = \frac{1}{1 + e^{-z_i}}, \quad \text{where } z_i = \mathbf{w}^\top \mathbf{x}_i
  $$

But note that $\hat{p}_i = \sigma(z_i) = \sigma(\mathbf{w}^\top \mathbf{x}_i)$, so $\hat{p}_i$ depends on $\mathbf{w}$ too.

$$
\nabla_{\mathbf{w}} \hat{p}_i = \sigma'(z_i) \cdot \nabla_{\mathbf{w}} z_i = \hat{p}_i (1 - \hat{p}_i) \mathbf{x}_i
$$
"""


def test_a_where_clause_after_a_definition_defines():
    """p22: "where z_i = wᵀx_i" after p̂_i = σ(z_i) defines z_i for the document (also on matrix instances)."""
    report = check_text(P22)
    clause = [s for s in report.steps if s.left.strip() == "z_i"]
    assert [s.status for s in clause] == ["definition"] and "the definition of z_i" in clause[0].reason
    assert report.first_wrong() is None
    assert [s.status for s in _at(report, 6)][-1] in ("proved", "confirmed")
    wrong = check_text(P22.replace(r"\sigma(\mathbf{w}^\top \mathbf{x}_i)$", r"\sigma(2\mathbf{w}^\top \mathbf{x}_i)$"))
    assert wrong.first_wrong()[1].line == 6


def test_typora_part_and_space():
    r"""p17 (Typora notes): ``\part`` is ∂ (KaTeX reads it so) and ``\space`` a space."""
    report = check_text(r"$$C = (a - y)^2$$" "\n\n" r"$$\frac{\part C}{\part a} = 2(a - y)\space$$")
    assert [s.status for s in report.steps] == ["definition", "proved"]


def test_a_bare_gradient_variable_beside_its_layer_member_is_not_checked_on_matrices():
    r"""p17: ``\nabla_a C = 2(a^L - y)`` with C = (a^L − y)² among vector steps (⊙): by a, or by a^L?"""
    text = ("$$C = (a^L - y)^2 \\quad \\nabla_a C = 2(a^L - y)$$\n\n"
            "$$\\delta^L = 2(a^L - y) \\odot \\sigma'(z^L)$$")
    step = [s for s in check_text(text).steps if s.left.startswith("\\nabla")][0]
    assert step.status == "not checked" and "does not hold a but holds a^{(L)}" in step.reason


def test_a_spaced_full_stop_between_factors_is_a_product():
    """p24 and p13 (notes that type '.' for the product dot): the quotient rule with ' . '."""
    text = (r"$\frac{\partial f(x)}{\partial g(x)} = \frac{\frac {\partial f(x)}{\partial x} . g(x) - f(x) . "
            r"\frac {\partial g(x)}{\partial x}} {g(x)^2}$")
    report = check_text(text.replace(r"\frac{\partial f(x)}{\partial g(x)}", r"\frac{d}{dx}\frac{f(x)}{g(x)}"))
    assert [s.status for s in report.steps] == ["proved"]
    assert any("full stop" in n for n in report.steps[0].notes)


P20 = r"""### 5.2 Without and with a residual

Each layer is $f(x) = 0.8x + 0.1$.

**Without residual** ($x_{l+1} = f(x_l)$): the signal shrinks.

### 5.3 A realistic block

**With residual** ($x_{l+1} = x_l + F_l(x_l)$), with $F_l(x) = 0.05 \cdot \sin(x)$.

### 5.4 Backward

Back to the first example ($f(x) = 0.8x + 0.1$, $\frac{df}{dx} = 0.8$):

**Without residual**: $\frac{\partial x_5}{\partial x_0} = 0.8^5 = 0.32768$

**With residual**: $\frac{\partial x_{l+1}}{\partial x_l} = 1 + 0.8 = 1.8$,
so $\frac{\partial x_5}{\partial x_0} = 1.8^5 = 18.90$
"""


def test_a_name_defined_differently_in_an_earlier_section_is_not_refuted():
    """p20 (Chinese notes on Qwen2-VL's residual connection): x_{l+1} means three things in three
    sections; the backward section's step about the first example is not refuted with the last one."""
    report = check_text(P20)
    step = [s for s in report.steps if s.left.strip() == r"\frac{\partial x_{l+1}}{\partial x_l}"][0]
    assert step.status == "not checked" and "defined differently on lines 5 and 9" in step.reason


def test_a_restatement_under_another_bold_label_is_not_refuted():
    """p20: ∂x_5/∂x_0 = 0.8^5 under "Without residual", then 1.8^5 under "With residual"."""
    report = check_text(P20)
    restated = [s for s in report.steps if s.left.strip() == r"\frac{\partial x_5}{\partial x_0}"]
    assert [s.status for s in restated] == ["hypothesis", "not checked"]
    assert "a new section" in restated[1].reason
    same_section = check_text(P20.replace("**With residual**: $", "Then $"))
    restated = [s for s in same_section.steps if s.left.strip() == r"\frac{\partial x_5}{\partial x_0}"]
    assert [s.status for s in restated] == ["hypothesis", "refuted"]


P08 = r"""$$z_\theta(x) = \theta_0 + \theta_1x_1 + \theta_2x_2 + \theta_3x_3 + ... = \sum_{i=0}^d\theta_ix_i = \theta^Tx$$
"""


def test_a_superscript_d_is_not_a_differential():
    """``\\sum_{i=0}^d\\theta_i``: the d is the sum's end, not "d written against a name"."""
    reasons = [s.reason for s in check_text(P08).steps]
    assert not any("d written against a name" in r for r in reasons)


def test_an_intercept_sum_from_zero_is_not_refuted_for_an_unstated_x0():
    """θ_0 + θ_1x_1 + ⋯ = Σ_{i=0}^d θ_i x_i holds if x_0 = 1: not checked (not refuted), the
    convention named; the dots take the end d of the sum of the same terms beside them."""
    step = check_text(P08).steps[1]
    assert step.status == "not checked" and "it holds if x_0 = 1" in step.reason
    stated = check_text("Here $x_0 = 1$.\n\n" + P08).steps[2]  # the hint is right: stated, it is checked
    assert stated.status == "confirmed" and "1…d, the range of this step's sum of the same terms" in stated.reason


def test_an_intercept_convention_does_not_excuse_another_error():
    """A wrong coefficient stays refuted: x_0 = 1 does not make it hold."""
    wrong = P08.replace(r"= \theta_0 +", r"= 2\theta_0 +")
    assert check_text(wrong).steps[1].status == "refuted"


def test_a_braced_letter_with_a_subscript_is_the_indexed_name():
    """``{Z}_i`` (and ``\\partial {Z}_i``) typeset Z_i: read as the name Z_i, not a parse error."""
    report = check_text(r"$$\frac{\partial L}{\partial {Z}_i} = e^{{Z}_i} + {\theta}_1$$")
    assert not [n for n in report.notes if n.kind in ("parse error", "unsupported")]
    assert "Z_i" in report.steps[0].left or report.steps[0].status != "refuted"


def test_max_of_one_argument_is_refused_not_read_as_its_argument():
    """``max({{Z}_i})`` is the largest Z_i over i; reading it as Z_i itself (Max(Z_i) = Z_i) changed
    the meaning: refused with the reason."""
    report = check_text(r"$$c = e^{Z_t - max({{Z}_i})}$$")
    assert [n.message for n in report.notes if n.kind == "unsupported"] == [
        "max of one argument (max over an index or a vector's entries?); this block is skipped"]


P10 = r"""We take a look at each gradient individually:

```math
\begin{aligned}
& \nabla_{\boldsymbol{\theta}} (\boldsymbol{\theta}^T\textbf{X}^T\textbf{X}\boldsymbol{\theta} ) = 2 \textbf{X}^T\textbf{X}\boldsymbol{\theta} &&\text{apply (2.5)}\\
& \nabla_{\boldsymbol{\theta}} (\textbf{y}^T\textbf{X}\boldsymbol{\theta} ) = \textbf{X}^T\textbf{y} &&\text{apply (2.2), (2.6)}\\
& \nabla_{\boldsymbol{\theta}} (\textbf{y}^T\textbf{y} ) = 0
\end{aligned}
```

We obtain:
```math
\begin{aligned}
& = 2 \textbf{X}^T\textbf{X}\boldsymbol{\theta} -  2 \textbf{X}^T\textbf{y} \\
& = 2 \textbf{X}^T(\textbf{X}\boldsymbol{\theta} - \textbf{y})
\end{aligned}
```
"""


def test_a_github_math_fence_is_display_math():
    """```math … ``` is math on GitHub: its steps are checked (a plain ``` fence stays code)."""
    statuses = [s.status for s in check_text(P10).steps]
    assert statuses[:3] == ["confirmed", "confirmed", "confirmed"]
    assert check_text(P10.replace("```math", "```")).steps == ()


def test_an_equals_after_a_display_of_several_equations_has_no_left_side():
    """"= 2XᵀXθ − 2Xᵀy" after three separate gradients goes on from none of them (it was refuted
    as 0 = 2XᵀXθ − 2Xᵀy, the last one's right side): not checked, and the rest of its chain is."""
    steps = check_text(P10).steps
    assert steps[3].status == "not checked" and "gives its left side" in steps[3].reason
    assert steps[4].status == "confirmed"


def test_a_long_product_of_commands_in_parentheses_is_read_at_once():
    """The indicator reader looked for ``(a > b)`` at each ``(`` by a pattern that split every
    ``\textbf`` into letters every way before failing: exponential time (p10 hung). Guarded in a
    subprocess, so that a regression fails here instead of hanging the suite."""
    line = r"$$g = \nabla ( \boldsymbol{\theta}^T\textbf{X}^T\textbf{X}\boldsymbol{\theta} - \textbf{y}^T\textbf{X}\boldsymbol{\theta} - \boldsymbol{\theta}^T\textbf{X}^T\textbf{y} + \textbf{y}^T\textbf{y} )$$"
    code = f"from derivations.checker.check import check_text; check_text({line!r})"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_a_calculus_rule_stated_with_names_is_checked_for_any_functions():
    r"""p14 states the quotient rule before using it, ``\left(\frac{f}{g}\right)' = \frac{f'g - fg'}{g^2}``
    (it was refused, and the file could not exit 0): f, g are any functions, their values and
    derivatives at a point free numbers; a wrong rule is refuted at such numbers (a function takes them)."""
    rule = r"몫의 미분법 $\left(\frac{f}{g}\right)' = \frac{f'g - fg'}{g^2}$를 적용합니다:"
    (step,) = check_text(rule).steps
    assert step.status == "proved" and "f, g are any functions of one variable" in step.notes[0]
    (wrong,) = check_text(rule.replace("f'g - fg'", "f'g + fg'")).steps
    assert wrong.status == "refuted" and "g' = " in wrong.describe()
    assert [s.status for s in check_text(r"$(uv)' = u'v + uv'$").steps] == ["proved"]


def test_a_primed_name_before_a_name_is_a_product():
    r"""``f'g`` in the quotient rule is f'·g, not f' applied to g (u'v likewise); ``f'(x)``, ``\sigma'z``
    stay applications."""
    from derivations.checker.parser import parse_expression
    assert str(parse_expression(r"u'v")) == "v*Derivative(u, ′)"
    assert str(parse_expression(r"\sigma'z + f'(x)")) == "Derivative(f(x), x) + Derivative(sigma(z), z)"


def test_p14_is_read_whole():
    """With the rule and the primes read, p14 (correct) exits 0, and its wrong copy is still refuted
    at its marked line."""
    from pathlib import Path
    folder = Path(__file__).parent / "data" / "heldout5"
    assert check_text((folder / "p14_softmax-jacobian-ko.md").read_text(encoding="utf-8")).exit_code == 0
    wrong = check_text((folder / "p14_softmax-jacobian-ko.wrong.md").read_text(encoding="utf-8"))
    assert wrong.exit_code == 1 and wrong.first_wrong()[1].line == 38

