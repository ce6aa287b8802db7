"""A sum over a name's classes beside the name itself, and a convention guard that other hypotheses hid.

Source: heldout5/p08, github jiaeyan/Machine-Learning-Plate:logistic_regression/logistic_regression.md
(commit 23105988681f), whose ``y_ilog`` made every display of the file unread until it was read as
y_i·log (tests/test_parser.py).  Reading them exposed two false alarms in waiting, both fixed here:

- ``H(y, \\hat{y}) = -\\sum_{i=0}^n y_i\\log\\hat{y}_i = -y\\log\\hat{y} - (1-y)\\log(1-\\hat{y})`` (the two
  classes of a binary label: y_0, y_1 are 1 - y and y) was refuted at random y, y_0, y_1;
- ``\\theta_0 + \\theta_1x_1 + … = \\sum_{i=0}^d\\theta_ix_i`` (x_0 = 1, unstated) was "not checked" for
  the unstated x_0 = 1 only while the document stated no hypothesis: once the cross-entropy further
  down gave one (Σ y_i = 1), which has nothing to do with the step, it was refuted.
"""

from __future__ import annotations

from derivations.checker.check import check_text

_ENTROPY = r"$$H(y, \hat{y}) = -\sum_{i=0}^ny_i\log\hat{y}_i = -y\log\hat{y} - (1-y)\log(1-\hat{y})$$"
_INTERCEPT = r"$$z_\theta(x) = \theta_0 + \theta_1x_1 + \theta_2x_2 + \theta_3x_3 + ... = \sum_{i=0}^d\theta_ix_i$$"


def test_a_sum_over_the_classes_beside_the_label_is_not_refuted():
    """y and y_i both written, neither defined: the step may read y as made of the y_i."""
    step = check_text(_ENTROPY).steps[1]
    assert step.status == "not checked", step.reason
    assert "y and y_i are both written" in step.reason


def test_a_slip_in_a_sum_of_indexed_names_alone_is_still_refuted():
    """The guard needs the bare name beside its indexed ones: with y_i and p_i alone, a slip is refuted."""
    wrong = r"$$-\sum_{i=1}^n y_i\log p_i = -\sum_{i=1}^n p_i\log y_i$$"
    step = check_text(wrong).steps[0]
    assert step.status == "refuted", step.reason


def test_an_unrelated_hypothesis_does_not_hide_the_unstated_intercept():
    """The x_0 = 1 convention is said whether or not the document states a hypothesis elsewhere."""
    alone = check_text(_INTERCEPT).steps[1]
    with_labels = check_text(_INTERCEPT + "\n\n" + r"$$H = -\sum_{i=1}^n y_i\log(p_i)$$").steps[1]
    for step in (alone, with_labels):
        assert step.status == "not checked", step.reason
        assert "it holds if x_0 = 1" in step.reason
