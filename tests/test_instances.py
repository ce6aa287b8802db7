"""General theorems verified on concrete instances: instantiate, verify, show, export, CLI."""

from __future__ import annotations

import json

import pytest

import derivations
from derivations.cli import main
from derivations.core.instances import Probe, ProbeResult, parse_ints
from derivations.errors import InvalidInputError
from derivations.render.latex import document, fragment
from derivations.verify.report import probe_verdict

GENERAL = ("backprop-delta", "hessian-quadratic-form", "tanh-reparameterization")


@pytest.mark.parametrize("ident", GENERAL)
def test_general_theorem_verifies_on_its_default_instances(ident):
    """verify() of a general theorem runs its default instances, names them, and every indexed step is checked."""
    d = derivations.get(ident)
    report = d.verify()
    assert report.ok, str(report)
    assert [r.derivation for r in report.instances] == [i.id for i in d.instances()]
    for inst in d.instances():
        assert inst.id in report.summary()
    for step in d.steps:
        if step.kind == "indexed":
            assert report.step(step.name).origins, step.name


@pytest.mark.parametrize("ident", GENERAL)
def test_every_default_instance_verifies_and_prints(ident):
    """Each default instance is a Derivation that verifies, shows and exports like any other."""
    for inst in derivations.get(ident).instances():
        assert inst.verify().ok
        assert inst.id in inst.show()
        assert r"\begin{align}" in fragment(inst)
        assert r"\end{document}" in document(inst, inst.verify())


def test_numeric_steps_are_confirmed_never_proved():
    """A float64 check gives 'confirmed' with method, tolerance and seed, never 'proved'."""
    report = derivations.get("backprop-delta").instantiate(widths=(5, 6, 4), seed=11).verify()
    (step,) = report.steps
    (verdict,) = step.verdicts
    assert verdict.status == "confirmed"
    assert verdict.numeric.seed == 11 and verdict.numeric.tolerance == 1e-6
    assert "seed 11" in verdict.describe() and "finite differences" in verdict.describe()
    assert verdict.to_dict()["numeric"]["method"]


def test_an_indexed_step_without_instances_is_inconclusive():
    """An indexed step no instance checks is reported inconclusive, never proved."""
    from sympy import Symbol

    from derivations.core.model import Builder

    a, b = Symbol("a_{j}"), Symbol("b_{j}")
    builder = Builder("indexed-demo", "demo", symbols=[])
    builder.chain(a).eq(b, "an indexed claim", indexed=True)
    report = builder.build().verify()
    assert report.steps[0].status == "inconclusive" and not report.ok


def test_instantiate_refuses_unknown_parameters_and_non_general_theorems():
    """Unknown shape parameters and theorems without a family are InvalidInputError."""
    with pytest.raises(InvalidInputError, match="unknown shape parameter"):
        derivations.get("backprop-delta").instantiate(depth=3)
    with pytest.raises(InvalidInputError, match="no shape parameters"):
        derivations.get("sigmoid-symmetry").instantiate(n=2)


def test_probe_refutation_names_the_worst_check_and_seed():
    """A failing probe gives 'refuted' with the place and the seed as counterexample."""
    v = probe_verdict(Probe("demo", 1e-9, 5, lambda: ProbeResult(False, 0.5, 3, "W^(1)[0, 0]", "1.0", "2.0")))
    assert v.status == "refuted"
    assert v.numeric.counterexample.point == (("check", "W^(1)[0, 0]"), ("seed", "5"))


def test_parse_ints_rejects_bad_widths():
    """Comma lists parse to ints; a letter or a zero is an InvalidInputError naming it."""
    assert parse_ints("3,4,2") == (3, 4, 2)
    with pytest.raises(InvalidInputError, match="'x'"):
        parse_ints("3,x", "widths")
    with pytest.raises(InvalidInputError, match="at least 1"):
        parse_ints("0,2", "widths")


@pytest.mark.parametrize("argv", [
    ["verify", "backprop-delta", "--widths", "3,4,2", "-q"],
    ["verify", "hessian-quadratic-form", "--n", "3", "-q"],
    ["verify", "hessian-quadratic-form", "--n", "20", "--seed", "3", "-q"],
    ["verify", "tanh-reparameterization", "--widths", "2,3,1", "-q"],
    ["show", "backprop-delta", "--widths", "2,2,1"],
])
def test_cli_instances_succeed(argv, capsys):
    """The CLI verifies and shows instances given by --widths / --n."""
    assert main(argv) == 0
    assert capsys.readouterr().out


def test_cli_json_report_of_an_instance(capsys):
    """--json reports the instance's shape."""
    assert main(["verify", "backprop-delta", "--widths", "4,30,2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "numeric, seed 0" in data["derivations"][0]["shape"]


@pytest.mark.parametrize("argv, message", [
    (["verify", "backprop-delta", "--widths", "3,x"], "'x' is not a whole number"),
    (["verify", "backprop-delta", "--widths", "0,2"], "at least 1"),
    (["verify", "hessian-quadratic-form", "--n", "2", "--eigenvalues", "1,-2"], "indefinite"),
    (["verify", "hessian-quadratic-form", "--n", "2", "--eigenvalues", "0,3"], "semi-definite"),
    (["verify", "sigmoid-symmetry", "--n", "2"], "no shape parameters"),
    (["verify", "backprop-delta", "tanh-reparameterization", "--widths", "2,2,1"], "exactly one ID"),
    (["verify", "backprop-delta", "--widths", "5,5", "--seed", "x"], "cannot read"),
])
def test_cli_bad_instances_exit_2_with_a_message(argv, message, capsys):
    """Bad instance options exit 2 with a one-line message, no traceback."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_export_of_an_instance(tmp_path, capsys):
    """An instance exports a fragment and a standalone document."""
    assert main(["export", "tanh-reparameterization", "--widths", "2,2,1", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "tanh-reparameterization-widths-2-2-1-standalone.tex").exists()


@pytest.mark.parametrize("ident", ["sigmoid-derivative", "tanh-reparameterization", "hessian-quadratic-form"])
def test_figures_are_in_the_exports_and_the_repl(ident):
    """Theorems with figures carry them in fragment and document, and as Figure objects with SVG."""
    d = derivations.get(ident)
    assert d.figures and all(f._repr_svg_().lstrip().startswith("<svg") for f in d.figures)
    assert r"\begin{tikzpicture}" in fragment(d) and r"\usepackage{pgfplots}" in fragment(d)
    assert r"\usepackage{pgfplots}" in document(d)


def test_sigmoid_to_tanh_is_exported_for_the_repl():
    """derivations.sigmoid_to_tanh converts a TwoLayerNetwork."""
    import numpy as np

    net = derivations.TwoLayerNetwork(np.ones((2, 1)), np.zeros(2), np.array([[2.0, 4.0]]), np.array([1.0]))
    assert "sigmoid_to_tanh" in derivations.__all__
    assert derivations.sigmoid_to_tanh(net).b2.tolist() == [4.0]


@pytest.mark.parametrize("argv, needle", [
    (["verify", "backprop-delta", "--widths", "100000,100000"], "numeric checks are limited"),
    (["verify", "backprop-delta", "--widths", "50,50,50", "--method", "symbolic"], "use --method numeric"),
    (["verify", "hessian-quadratic-form", "--n", "100000"], "limited to 2000"),
    (["verify", "tanh-reparameterization", "--widths", "5,5,5", "--method", "symbolic"], "use --method numeric"),
])
def test_huge_instances_are_refused_not_attempted(capsys, argv, needle):
    """A shape that would hang SymPy or exhaust memory is refused up front: exit 2, one clear line."""
    from derivations.cli import main
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err
