r"""A vector of new names set equal to a vector of values names its entries: ``(e^{z_1}/S, …)ᵀ = (a_1, …)ᵀ``.

Real source: the held-out file tests/data/heldout/h30_softmax-jacobian-3x3-purepisces.md (purepisces,
"Derivation of the Gradient (Youtube's prove)", a softmax Jacobian worked for a vector of size 3): the
display ``(z_1, z_2, z_3)ᵀ → (e^{z_1}/Σ, e^{z_2}/Σ, e^{z_3}/Σ)ᵀ = (a_1, a_2, a_3)ᵀ = (ŷ_1, ŷ_2, ŷ_3)ᵀ``
names the softmax outputs, and the lines after it differentiate a_1.  On main the naming was "not
checked" (a_1 "may only name" what it stands for), so ``∂a_1/∂z_2 = … = −a_1a_2`` was a hypothesis and its
copy with the sign dropped (``= a_1a_2``) passed unrefuted; and the same display with numbers,
``(1/2, 1/3)ᵀ = (a_1, a_2)ᵀ``, was refuted with a_1, a_2 drawn at random: a false alarm.
"""

from pathlib import Path

from derivations.checker.check import check_text

DATA = Path(__file__).parent / "data"

SOFTMAX = r"""
$$\begin{pmatrix} \frac{e^{z_1}}{e^{z_1} + e^{z_2} + e^{z_3}} \\ \frac{e^{z_2}}{e^{z_1} + e^{z_2} + e^{z_3}} \\
\frac{e^{z_3}}{e^{z_1} + e^{z_2} + e^{z_3}} \end{pmatrix} = \begin{pmatrix} a_1 \\ a_2 \\ a_3 \end{pmatrix}
= \begin{pmatrix} \hat{y_1} \\ \hat{y_2} \\ \hat{y_3} \end{pmatrix}$$

$$\frac{\partial a_1}{\partial z_2} = -\frac{e^{z_1}}{e^{z_1} + e^{z_2} + e^{z_3}} \cdot
\frac{e^{z_2}}{e^{z_1} + e^{z_2} + e^{z_3}} = {RESULT}$$

$$\hat{y}_1 + \hat{y}_2 + \hat{y}_3 = 1$$
"""


def test_the_names_are_definitions_and_the_steps_that_use_them_are_checked():
    report = check_text(SOFTMAX.replace("{RESULT}", "-a_1a_2"))
    steps = [(s.line, s.status) for s in report.steps]
    assert steps[:2] == [(3, "definition"), (4, "definition")], report.text()
    assert "names a_1, a_2, a_3: the entries of the left side" in report.steps[0].reason
    assert "names yhat_1, yhat_2, yhat_3" in report.steps[1].reason
    assert [s.status for s in report.steps[2:]] == ["proved"] * 3, report.text()
    assert report.exit_code == 0


def test_a_slip_after_the_names_is_refuted():
    report = check_text(SOFTMAX.replace("{RESULT}", "a_1a_2"))
    assert report.exit_code == 1 and report.first_wrong()[1].line == 7, report.text()


def test_numbers_named_are_not_a_claim_about_random_names():
    report = check_text(r"$$\begin{pmatrix} \frac{1}{2} \\ \frac{1}{3} \end{pmatrix} = "
                        r"\begin{pmatrix} a_1 \\ a_2 \end{pmatrix}$$" "\n\n$$a_1 + a_2 = \\frac{5}{6}$$")
    assert [s.status for s in report.steps] == ["definition", "proved"], report.text()


def test_names_already_known_make_a_claim():
    text = (r"$$a_1 = \frac{1}{2}$$" "\n\n" r"$$\begin{pmatrix} \frac{1}{2} \\ \frac{1}{3} \end{pmatrix} = "
            r"\begin{pmatrix} a_1 \\ a_2 \end{pmatrix}$$")
    assert [s.status for s in check_text(text).steps][1] != "definition"
    repeated = r"$$\begin{pmatrix} 1 \\ 2 \end{pmatrix} = \begin{pmatrix} b \\ b \end{pmatrix}$$"
    assert check_text(repeated).steps[0].status != "definition"  # one name for two values: not a naming


def test_the_real_file_wrong_copy_is_refuted_at_its_marked_line():
    wrong = check_text((DATA / "heldout" / "h30_softmax-jacobian-3x3-purepisces.wrong.md").read_text())
    assert wrong.exit_code == 1 and wrong.first_wrong()[1].line == 41, wrong.text()
    right = check_text((DATA / "heldout" / "h30_softmax-jacobian-3x3-purepisces.md").read_text())
    assert not any(s.status == "refuted" for s in right.steps)
    assert [s.status for s in right.steps if s.line in (34, 40)] == ["confirmed"] * 6, right.text()
