r"""A loss the document never defines, differentiated by the output it is computed from: the backward pass.

Real source: tests/data/heldout3/m10_linear-layer-backprop-tutorial04.md (GitHub Markdown "# Tutorial 04:
Matrix Calculus - Solutions", stored-index file id 23929563397, "Solution A4: Backprop Through Linear
Layer"): given ``\mathbf{y} = W\mathbf{x} + \mathbf{b}`` and the upstream gradient ``\partial L/\partial
\mathbf{y}``, it states ``\partial L/\partial \mathbf{x} = W^T \partial L/\partial \mathbf{y}``, ``\partial L/\partial
W = \partial L/\partial \mathbf{y}\, \mathbf{x}^T``, ``\partial L/\partial W_{ij} = \partial L/\partial y_i \cdot
x_j`` and ``\partial L/\partial \mathbf{b} = \partial L/\partial \mathbf{y}``.  On main each was "not checked: L is
not defined".  L is read as an unknown function of y alone: a first derivative of any such L at a point
depends on its gradient there only, so drawing that gradient at random is as general as L can be, and a
step that fails is refuted with the L = gᵀy that shows it.
"""

from pathlib import Path

import pytest

from derivations.checker.check import check_text

DATA = Path(__file__).parent / "data"
LAYER = (r"Given $\mathbf{y} = W\mathbf{x} + \mathbf{b}$ with $W \in \mathbb{R}^{m \times n}$ and the upstream gradient "
         r"$\frac{\partial L}{\partial \mathbf{y}}$:" "\n")


def test_the_tutorial_steps_are_confirmed():
    report = check_text((DATA / "heldout3" / "m10_linear-layer-backprop-tutorial04.md").read_text())
    confirmed = {s.line for s in report.steps if s.status == "confirmed"}
    assert {14, 17, 19, 24} <= confirmed, report.text()
    assert "L an unknown function of y alone" in report.text()
    assert not report.first_wrong()


@pytest.mark.parametrize("step,status", [
    (r"\frac{\partial L}{\partial \mathbf{x}} = W^T \frac{\partial L}{\partial \mathbf{y}}", "confirmed"),
    (r"\frac{\partial L}{\partial \mathbf{x}} = W \frac{\partial L}{\partial \mathbf{y}}", "refuted"),
    (r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial \mathbf{y}} \mathbf{x}^T", "confirmed"),
    (r"\frac{\partial L}{\partial W} = \mathbf{x} \frac{\partial L}{\partial \mathbf{y}}^T", "refuted"),
    (r"\frac{\partial L}{\partial W_{ij}} = \frac{\partial L}{\partial y_i} x_j", "confirmed"),
    (r"\frac{\partial L}{\partial W_{ij}} = \frac{\partial L}{\partial y_j} x_i", "refuted"),
    (r"\frac{\partial L}{\partial \mathbf{b}} = \frac{\partial L}{\partial \mathbf{y}}", "confirmed"),
    (r"\frac{\partial L}{\partial \mathbf{b}} = 2\frac{\partial L}{\partial \mathbf{y}}", "refuted"),
])
def test_the_backward_pass_of_a_linear_layer(step, status):
    report = check_text(LAYER + f"$$ {step} $$")
    assert [s.status for s in report.steps] == ["definition", status], report.text()
    if status == "refuted":
        assert "L an unknown function of y alone" in report.steps[1].reason, report.text()


def test_a_second_derivative_of_the_unknown_loss_is_not_checked():
    """Only a gradient of L is drawn; its Hessian is not known (a linear L would make it 0)."""
    report = check_text(LAYER + r"$$\frac{\partial L}{\partial \mathbf{b}} = \frac{\partial L}{\partial \mathbf{y}}$$" "\n"
                        r"$$\frac{\partial^2 L}{\partial \mathbf{b}^2} = 0$$")
    assert report.steps[2].status == "not checked" and "second derivative of L" in report.steps[2].reason


def test_a_loss_written_on_its_own_is_not_read_so():
    """L = 3 somewhere: L is a quantity with a value (or a definition), not an unknown function of y."""
    report = check_text(LAYER + r"$$L = 3$$" "\n" r"$$\frac{\partial L}{\partial \mathbf{b}} = 2\frac{\partial L}{\partial \mathbf{y}}$$")
    assert "refuted" not in [s.status for s in report.steps], report.text()


def test_two_layers_chain_through_the_hidden_one():
    text = (r"Let $\mathbf{h} = W_1 \mathbf{x}$ and $\mathbf{y} = W_2 \mathbf{h}$, with the upstream gradient "
            r"$\frac{\partial L}{\partial \mathbf{y}}$." "\n"
            r"$$\frac{\partial L}{\partial \mathbf{h}} = W_2^T \frac{\partial L}{\partial \mathbf{y}}$$" "\n"
            r"$$\frac{\partial L}{\partial W_1} = W_2^T \frac{\partial L}{\partial \mathbf{y}} \mathbf{x}^T$$" "\n")
    report = check_text(text)
    assert [s.status for s in report.steps][-2:] == ["confirmed", "confirmed"], report.text()
    wrong = check_text(text.replace(r"W_1} = W_2^T", r"W_1} = W_2"))
    assert wrong.steps[-1].status in ("refuted", "not checked"), wrong.text()
    assert wrong.exit_code != 0
