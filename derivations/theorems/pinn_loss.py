"""The PINN loss of y'' + y' + y = 0 on [0, L]: zero for the exact solution, positive for a trial that misses.

A physics-informed network ŷ is trained on two losses (sheet 000 Q5 vi): the physics loss
(1/N_f) Σ_i (ŷ'' + ŷ' + ŷ)(x_i)² at collocation points x_i, and the boundary loss
(1/N_b) Σ [(ŷ(0) − y_0)² + (ŷ(L) − y_L)²].  Trying y = e^{rx} gives the characteristic equation
r² + r + 1 = 0, with roots −1/2 ± i√3/2, so the real solutions are
y = e^{−x/2}(A cos(√3x/2) + B sin(√3x/2)); y(0) = y_0 and y(L) = y_L give A = y_0 and
B = (y_L e^{L/2} − y_0 cos(√3L/2)) / sin(√3L/2) (when sin(√3L/2) ≠ 0).  For that function both losses
are 0; for the trial ŷ_t = y_0 e^{−2x} (a guess that decays like a solution but is none) the physics
loss is positive, and the boundary loss too unless y_L happens to equal y_0 e^{−2L}.

Every step is proved symbolically (three collocation points, symbolic; the argument is the same
for any N_f: each term is 0, or positive); two float64 steps compute both losses with
finite-difference derivatives at 101 points, as a training loop would.

>>> import derivations
>>> d = derivations.get('pinn-loss')
>>> d.step('trial-physics-positive').relation
'>'
>>> d.verify().ok
True
"""

from __future__ import annotations

import math

import numpy as np
from sympy import Add, Derivative, Eq, Integer, Lambda, Rational, Symbol, cos, evaluate, exp, sin, sqrt

from derivations.core.definitions import Definition
from derivations.core.functions import NamedFunction

from derivations.core.domains import POSITIVE, REAL
from derivations.core.instances import Probe, ProbeResult
from derivations.core.model import Builder, Derivation
from derivations.numerics.pinn import exact_solution, losses, residual
from derivations.render.figure import Figure, Series, grid

ID = "pinn-loss"
TITLE = "The PINN loss of y′′ + y′ + y = 0"
EXAMPLE = {"L": 6.0, "y0": 1.0, "yL": 0.0}
"""The boundary problem of the figure and the float64 steps: y(0) = 1, y(6) = 0."""

__all__ = ["derivation", "EXAMPLE", "solution_and_residual"]


class _Named(NamedFunction):
    """A function of x named in the derivation (its Definition is unfolded when a step is checked)."""


def _named(name: str, latex: str, text: str) -> type:
    return type(name, (_Named,), {"latex_name": latex, "text_name": text, "__module__": __name__})


y_sol = _named("y_sol", "y", "y")
y_companion = _named("y_companion", r"\tilde{y}", "ỹ")
residual_sol = _named("residual_sol", "R", "R")
y_star = _named("y_star", "y^{*}", "y*")
y_trial = _named("y_trial", r"\hat{y}_{t}", "ŷ_t")
residual_trial = _named("residual_trial", "R_{t}", "R_t")


def _residual(f, x):
    """ŷ'' + ŷ' + ŷ for an expression ŷ in x (derivatives unevaluated)."""
    return Add(Derivative(f, (x, 2)), Derivative(f, x), f, evaluate=False)


def _definitions(A, B, y0, yL, L) -> list[Definition]:
    t, w = Symbol("x", real=True), sqrt(3) / 2
    with evaluate(False):
        Bstar = (yL * exp(L / 2) - y0 * cos(w * L)) / sin(w * L)
        return [
            Definition(y_sol, Lambda(t, exp(-t / 2) * (A * cos(w * t) + B * sin(w * t))), "def:solution",
                       "the real solutions"),
            Definition(y_companion, Lambda(t, exp(-t / 2) * (B * cos(w * t) - A * sin(w * t))), "def:companion",
                       "its companion"),
            Definition(residual_sol, Lambda(t, _residual(y_sol(t), t)), "def:residual", "its residual"),
            Definition(y_star, Lambda(t, exp(-t / 2) * (y0 * cos(w * t) + Bstar * sin(w * t))), "def:boundary",
                       "A = y₀, B from y(L)"),
            Definition(y_trial, Lambda(t, y0 * exp(-2 * t)), "def:trial", "a trial function"),
            Definition(residual_trial, Lambda(t, _residual(y_trial(t), t)), "def:trial-residual", "its residual"),
        ]


def derivation() -> Derivation:
    """Characteristic equation, exact solution, boundary values, and both losses (exact and trial).

    >>> d = derivation()
    >>> d.step('solution').rhs, d.step('trial-boundary-sign').relation
    (0, '>=')
    """
    x, r = Symbol("x", real=True), Symbol("r", real=True)
    A, B = Symbol("A", real=True), Symbol("B", real=True)
    y0, yL, L = Symbol("y_0", positive=True), Symbol("y_L", real=True), Symbol("L", positive=True)
    xs = [Symbol(f"x_{i}", real=True) for i in (1, 2, 3)]
    w, half = sqrt(3) / 2, Rational(1, 2)
    Lf, Lb = Symbol(r"\mathcal{L}_f", real=True), Symbol(r"\mathcal{L}_b", real=True)  # named in prose only
    symbols = {x: REAL, r: REAL, A: REAL, B: REAL, y0: POSITIVE, yL: REAL, L: POSITIVE, **{v: REAL for v in xs}}
    b = Builder(ID, TITLE, symbols=symbols, definitions=_definitions(A, B, y0, yL, L),
                summary=("A physics-informed network ŷ is trained to make the equation's residual vanish at "
                         "collocation points ", Symbol("x_i"), " and to meet the boundary values: it minimises the "
                         "physics loss ",
                         Eq(Lf, Symbol(r"\frac{1}{N_f} \sum_{i=1}^{N_f} \left(\hat{y}'' + \hat{y}' + "
                                       r"\hat{y}\right)(x_i)^2")), " and the boundary loss ",
                         Eq(Lb, Symbol(r"\frac{1}{N_b} \sum \left[(\hat{y}(0) - y_0)^2 + "
                                       r"(\hat{y}(L) - y_L)^2\right]")),
                         ". Both are zero exactly for the solution of the boundary problem."),
                conditions=("On [0, L] with L > 0, boundary values y(0) = y₀ > 0 and y(L) = ", yL, ", and "
                            "sin(√3 L/2) ≠ 0 (otherwise B is not determined). The characteristic equation "
                            "r² + r + 1 = 0 has no real root; its roots are −1/2 ± i√3/2, and by Euler's formula the real and "
                            "imaginary parts of their exponentials, ", exp(-x / 2) * cos(w * x), " and ",
                            exp(-x / 2) * sin(w * x), ", are the real solutions. The losses below use three "
                            "collocation points x₁, x₂, x₃ and ", Eq(Symbol("N_b"), 1), " (the argument is the "
                            "same for any number: each term is 0, or positive). The identities hold for every "
                            "real x, so the checks sample x on the whole line."))
    with evaluate(False):
        quadratic = Add(r ** 2, r, 1, evaluate=False)
        b.statement(_residual(exp(r * x), x), quadratic * exp(r * x))
        (b.chain(_residual(exp(r * x), x))
          .eq(Add(r ** 2 * exp(r * x), r * exp(r * x), exp(r * x), evaluate=False), ("differentiate: ",
              Eq(Derivative(exp(r * x), x), r * exp(r * x))), name="try-exponential")
          .eq(quadratic * exp(r * x), ("factor out ", exp(r * x), " (never 0)"), name="characteristic"))
        (b.chain(quadratic)
          .eq((r + half) ** 2 + Rational(3, 4), "complete the square", name="roots")
          .gt(Integer(0), "so no real root (the roots are −1/2 ± i√3/2)", name="complex-roots"))
        zero_a = Add(Rational(1, 4), -Rational(3, 4), -half, 1, evaluate=False)
        b.statement(residual_sol(x), Integer(0))
        (b.chain(residual_sol(x))
          .eq(_residual(y_sol(x), x), "the residual of y", refs=["def:residual"], name="residual")
          .eq(zero_a * y_sol(x) + Add(-1, 1, evaluate=False) * w * y_companion(x),
              "differentiate and collect", refs=["def:solution", "def:companion"], name="collect")
          .eq(Integer(0), "both coefficients are 0", name="solution"))
        b.statement(y_star(Integer(0)), y0)
        b.statement(y_star(L), yL)
        b.chain(y_star(Integer(0))).eq(y0, "cos 0 = 1 and sin 0 = 0", refs=["def:boundary"], name="boundary-0")
        b.chain(y_star(L)).eq(yL, ("B was chosen to make up ", yL), refs=["def:boundary"], name="boundary-L")
        physics = Rational(1, 3) * Add(*[residual_sol(v) ** 2 for v in xs])
        boundary = (y_star(Integer(0)) - y0) ** 2 + (y_star(L) - yL) ** 2
        b.statement(physics, Integer(0))
        b.statement(boundary, Integer(0))
        b.chain(physics).eq(Integer(0), ("the physics loss ", Lf, " of y: R = 0"), refs=["solution"],
                            name="physics-zero")
        b.chain(boundary).eq(Integer(0), ("the boundary loss ", Lb, " of ", y_star(x)),
                             refs=["boundary-0", "boundary-L"], name="boundary-zero")
        trial_physics = Rational(1, 3) * Add(*[residual_trial(v) ** 2 for v in xs])
        b.statement(trial_physics, Integer(0), ">")
        (b.chain(trial_physics)
          .eq(3 * y0 ** 2 * Add(*[exp(-4 * v) for v in xs]),
              ("its residual: ", Eq(residual_trial(x), 3 * y0 * exp(-2 * x))),
              refs=["def:trial-residual"], name="trial-physics")
          .gt(Integer(0), ("a sum of positive terms (", y0 > 0, ")"), name="trial-physics-positive"))
        (b.chain((y_trial(Integer(0)) - y0) ** 2 + (y_trial(L) - yL) ** 2)
          .eq((y0 * exp(-2 * L) - yL) ** 2, "it meets y(0), not y(L) in general", refs=["def:trial"],
              name="trial-boundary")
          .ge(Integer(0), ("a square, 0 only if ", Eq(yL, y0 * exp(-2 * L))), name="trial-boundary-sign"))
    _numeric_steps(b)
    return b.build()


def _losses_probe(exact: bool) -> ProbeResult:
    L, y0, yL = EXAMPLE["L"], EXAMPLE["y0"], EXAMPLE["yL"]
    f = exact_solution(L, y0, yL) if exact else (lambda t: y0 * np.exp(-2 * np.asarray(t)))
    physics, boundary = losses(f, L, y0, yL)
    if exact:
        worst = max(physics, boundary)
        return ProbeResult(worst <= 1e-10, worst, 2, "both losses", "0", f"physics {physics:.3g}, boundary {boundary:.3g}")
    return ProbeResult(physics > 1e-3, 0.0 if physics > 1e-3 else 1.0, 2, "physics loss", "> 0.001",
                       f"physics {physics:.6g}, boundary {boundary:.6g}")


def _numeric_steps(b: Builder) -> None:
    Lf, Lb = Symbol(r"\mathcal{L}_f", real=True), Symbol(r"\mathcal{L}_b", real=True)
    where = "101 equally spaced collocation points of [0, 6], y(0) = 1, y(6) = 0, derivatives by central differences"
    b.check(Lf + Lb, Integer(0), "float64, exact solution, y(0) = 1, y(6) = 0", of=(), name="exact-float64",
            group=True, probe=Probe(f"both losses in float64 ({where}, step 1e-3): each at most 1e-10", 1e-10, 0,
                                    lambda: _losses_probe(True)))
    b.check(Lf, Integer(0), "float64, the trial exp(−2x)", of=(), name="trial-float64", relation=">",
            probe=Probe(f"the physics loss in float64 ({where}, step 1e-3): above 1e-3", 1e-3, 0,
                        lambda: _losses_probe(False)))


def solution_and_residual() -> Figure:
    """The exact solution with y(0) = 1, y(6) = 0, the trial e^{−2x} and the trial's residual 3e^{−2x} ≠ 0.

    >>> f = solution_and_residual()
    >>> [s.points[0][1] for s in f.series][:2]
    [1.0, 1.0]
    """
    L, y0, yL = EXAMPLE["L"], EXAMPLE["y0"], EXAMPLE["yL"]
    xs = grid(0.0, L)
    exact = exact_solution(L, y0, yL)
    res = residual(lambda t: y0 * np.exp(-2 * t), np.array(xs))
    return Figure(
        id="pinn-solution-and-residual",
        caption="The boundary problem y′′ + y′ + y = 0, y(0) = 1, y(6) = 0: its exact solution (both PINN losses "
        "0), the trial function exp(−2x) (it meets y(0) but misses y(6) by exp(−12)) and the trial's residual "
        "y′′ + y′ + y = 3 exp(−2x), whose mean square over the collocation points is the physics loss.",
        xlabel="x",
        ylabel="",
        xrange=(0.0, L),
        yrange=(-0.3, 3.1),
        series=(
            Series(r"y(x) = e^{-x/2}(A\cos\frac{\sqrt{3}x}{2} + B\sin\frac{\sqrt{3}x}{2})",
                   [(t, float(exact(t))) for t in xs], "solid", "blue"),
            Series(r"\hat{y}_t(x) = e^{-2x}", [(t, math.exp(-2 * t)) for t in xs], "dashed", "orange"),
            Series(r"\hat{y}_t'' + \hat{y}_t' + \hat{y}_t", [(t, float(v)) for t, v in zip(xs, res)], "dotted",
                   "red", marker="o", mark_every=10),
        ),
        legend_pos="north east",
    )
