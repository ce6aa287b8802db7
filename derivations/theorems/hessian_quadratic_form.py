"""The error near a minimum in the Hessian's eigenbasis: E = E(w*) + ½ Σ λ_i α_i², and its ellipsoidal contours.

Near a minimum w*, E(w) ≈ E(w*) + ½ (w − w*)ᵀ H (w − w*).  With H u_i = λ_i u_i, u_iᵀ u_j = δ_ij and
w − w* = Σ_i α_i u_i, E(w) = E(w*) + ½ Σ_i λ_i α_i²; for positive-definite H the contours E = K are
ellipsoids with axes along u_i and half-lengths √(2(K − E(w*))/λ_i).

Checked exactly in 2 and 3 dimensions, with H = U Λ Uᵀ built from an exact orthonormal U (a Cayley
transform U = (I − A)⁻¹(I + A) of a skew-symmetric A, symbolic for n = 2; no eigen-solver), and numerically
for random SPD H up to n = 50 (:mod:`derivations.numerics.quadratic`, ``numpy.linalg.eigh``).

>>> import derivations
>>> d = derivations.get('hessian-quadratic-form')
>>> [i.id for i in d.instances()]
['hessian-quadratic-form-n-2', 'hessian-quadratic-form-n-3', 'hessian-quadratic-form-n-50']
>>> d.instantiate(n=2, eigenvalues=(1, -2))
Traceback (most recent call last):
...
derivations.errors.InvalidInputError: H is indefinite (eigenvalues 1, -2): E(w) − E(w*) takes both signs, w* is a saddle and the level sets E = K are hyperbolas/hyperboloids, not ellipsoids; the contour result needs a positive-definite H
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from functools import partial

import numpy as np
from sympy import (
    Add,
    Eq,
    IndexedBase,
    Integer,
    KroneckerDelta,
    Matrix,
    Rational,
    Sum,
    Symbol,
    cancel,
    evaluate,
    eye,
    sqrt,
)

from derivations.core.domains import POSITIVE, REAL
from derivations.core.instances import (
    Family,
    Parameter,
    Probe,
    ProbeResult,
    check_seed,
    choose_method,
    describe_shape,
    instance_id,
    parse_numbers,
    symbol,
    whole_number,
)
from derivations.core.model import Builder, Derivation, SymbolSpec
from derivations.errors import InvalidInputError
from derivations.numerics.quadratic import (
    CONTOUR_VARIANTS,
    QuadraticModel,
    contour_check,
    eigen_expansion_check,
    random_spd,
    signs,
)
from derivations.render.figure import Annotation, Figure, Series, as_points, number

ID = "hessian-quadratic-form"
TITLE = "The error near a minimum in the Hessian's eigenbasis"

DEFAULTS = ({"n": 2}, {"n": 3}, {"n": 50})
"""Exact in 2 and 3 dimensions (symbolic λ_i > 0 and Cayley parameters), numeric for a random SPD H with n = 50."""

_EXPANSION = ("coordinates", "substitute", "bilinear", "eigen", "expansion")
_CONTOUR = ("contour-substitute", "contour-expansion", "contour")


def derivation() -> Derivation:
    """The general derivation (n dimensions, indices i, j), checked on DEFAULTS."""
    i, j = Symbol("i", integer=True, positive=True), Symbol("j", integer=True, positive=True)
    n = Symbol("n", integer=True, positive=True)
    alpha, lam = IndexedBase(r"\alpha"), IndexedBase(r"\lambda")
    u, uT, h = IndexedBase(r"\mathbf{u}"), IndexedBase(r"\mathbf{u}^{\mathsf{T}}"), IndexedBase("h")
    H = Symbol(r"\mathbf{H}")
    E, Es, K = Symbol(r"E(\mathbf{w})"), Symbol(r"E(\mathbf{w}^*)"), Symbol("K")
    d = Symbol(r"(\mathbf{w} - \mathbf{w}^*)")
    dT = Symbol(r"(\mathbf{w} - \mathbf{w}^*)^{\mathsf{T}}")
    half = Rational(1, 2)
    ws, zero = Symbol(r"\mathbf{w}^*"), Integer(0)
    with evaluate(False):
        taylor = Eq(E, Es + half * dT * H * d)
        basis = (Eq(H * u[i], lam[i] * u[i]), ", ", Eq(uT[i] * u[j], KroneckerDelta(i, j, evaluate=False)))
        coords = Eq(d, Sum(alpha[i] * u[i], (i, 1, n)))
        ellipsoid = Eq(Sum((alpha[i] / h[i]) ** 2, (i, 1, n)), Integer(1))
        half_length = Eq(h[i], sqrt(2 * (K - Es) / lam[i]))
    checked_on = "; ".join(describe_shape(tuple(FAMILY.complete(s).items())) for s in DEFAULTS)
    b = Builder(ID, TITLE, symbols=[], family=FAMILY,
                summary=("Near a minimum ", ws, " the gradient vanishes, so to second order ", taylor,
                         " with ", H, " the (symmetric) Hessian at ", ws, ". In the orthonormal eigenbasis "
                         "of H the cross terms vanish and E is a weighted sum of squares."),
                conditions=(*basis, " (H is symmetric, so such a basis exists) and ", coords, ". The contour "
                            "result needs H positive definite (every ", lam[i] > zero, ") and ", K > Es,
                            ": then E = K is the ellipsoid ", ellipsoid, " with axes along ", u[i],
                            " and half-lengths ", half_length, ", proportional to ", 1 / sqrt(lam[i]),
                            ". If H is only semi-definite (some ", Eq(lam[i], zero), "), E is flat along ",
                            u[i], " and the level set is an unbounded cylinder; if H is indefinite (eigenvalues "
                            "of both signs), w* is a saddle and the level sets are hyperboloids: no ellipse, "
                            "and the instance checks refuse such H. Checked on: " + checked_on + "."))
    with evaluate(False):
        expansion = Es + half * Sum(lam[i] * alpha[i] ** 2, (i, 1, n))
        b.statement(E, expansion)
        hs = sqrt(2 * (K - Es) / lam[i])
        b.statement(Sum((alpha[i] / h[i]) ** 2, (i, 1, n)), Integer(1))
        (b.chain(E)
          .eq(Es + half * dT * H * d, "Taylor expansion at w* (where ∇E = 0)",
              indexed=True, name="coordinates")
          .eq(Es + half * Sum(alpha[i] * uT[i], (i, 1, n)) * H * Sum(alpha[j] * u[j], (j, 1, n)),
              "substitute the coordinates α", indexed=True, name="substitute")
          .eq(Es + half * Sum(Sum(alpha[i] * alpha[j] * uT[i] * H * u[j], (j, 1, n)), (i, 1, n)),
              "multiply out (the form is bilinear)", indexed=True, name="bilinear")
          .eq(Es + half * Sum(Sum(alpha[i] * alpha[j] * lam[j] * KroneckerDelta(i, j, evaluate=False),
                                  (j, 1, n)), (i, 1, n)),
              "eigenvectors, orthonormal", indexed=True, name="eigen")
          .eq(expansion, "only j = i remains", indexed=True, name="expansion"))
        (b.chain(Sum((alpha[i] / h[i]) ** 2, (i, 1, n)))
          .eq(Sum(lam[i] * alpha[i] ** 2, (i, 1, n)) / (2 * (K - Es)),
              ("with ", Eq(h[i], hs, evaluate=False)), indexed=True, name="contour-substitute")
          .eq((E - Es) / (K - Es), "the expansion above", indexed=True, name="contour-expansion")
          .eq(Integer(1), "on the contour E(w) = K", indexed=True,
              name="contour"))
    return b.build()


# --- instances -------------------------------------------------------------------------------------

def _n(value) -> int:
    return whole_number(value, "n", 1)


def _eigenvalues(value, n: int):
    if value is None:
        return None
    vals = parse_numbers(value, "eigenvalues") if isinstance(value, str) else tuple(Rational(str(v)) for v in value)
    if len(vals) != n:
        raise InvalidInputError(f"{len(vals)} eigenvalues given for n = {n}; give exactly n")
    shown = ", ".join(str(v) for v in vals)
    count = signs(vals)
    if count.negative and count.positive:
        raise InvalidInputError(
            f"H is indefinite (eigenvalues {shown}): E(w) − E(w*) takes both signs, w* is a saddle and the level "
            "sets E = K are hyperbolas/hyperboloids, not ellipsoids; the contour result needs a positive-definite H")
    if count.zero:
        raise InvalidInputError(
            f"H is only semi-definite (eigenvalues {shown}): E is flat along the eigenvector of λ = 0 and the level "
            "sets are unbounded cylinders, not ellipsoids; the contour result needs a positive-definite H")
    if count.negative:
        raise InvalidInputError(
            f"H is negative definite (eigenvalues {shown}): w* is a maximum, not a minimum, and E = K > E(w*) is "
            "empty; the contour result needs a positive-definite H")
    return vals


def instance(n, eigenvalues=None, variant: str = "correct", seed: int = 0, method: str = "auto") -> Derivation:
    """The derivation in ``n`` dimensions: exact for n ≤ 3 (Cayley basis), numeric otherwise.

    ``eigenvalues`` fixes λ (exact rationals; default: symbols λ_i > 0 when exact, a random spectrum
    with condition number 10 when numeric); ``variant`` ``'lambda'`` (half-lengths √(2(K − E*))·λ_i
    instead of √(2(K − E*)/λ_i)) and the other CONTOUR_VARIANTS are deliberately wrong.

    >>> instance(2, eigenvalues=(1, 4)).verify().ok
    True
    """
    n = _n(n)
    vals = _eigenvalues(eigenvalues, n)
    if variant not in CONTOUR_VARIANTS:
        raise InvalidInputError(f"unknown variant {variant!r}; choose one of {', '.join(CONTOUR_VARIANTS)}")
    check_seed(seed)
    method = choose_method(method, n <= 3, size=n, numeric_max=2000, unit="dimensions")
    if method == "symbolic" and n > 3:
        raise InvalidInputError(f"exact instances exist for n = 1, 2, 3 (Cayley basis); use method='numeric' for n = {n}")
    shape = {"n": n, "eigenvalues": None if vals is None else tuple(str(v) for v in vals), "variant": variant,
             "seed": seed, "method": method}
    ident = instance_id(ID, shape, key="n", variant=variant)
    if vals is not None:  # e.g. hessian-quadratic-form-n-2-eigenvalues-1-4 (1/2 -> 1over2)
        ident += "-eigenvalues-" + "-".join(str(v).replace("/", "over") for v in vals)
    return (_numeric if method == "numeric" else _symbolic)(ident, n, vals, shape)


def _half_lengths(variant: str, gap, lam):
    table = {"correct": lambda l: sqrt(2 * gap / l), "lambda": lambda l: sqrt(2 * gap) * l,
             "inverse-lambda": lambda l: sqrt(2 * gap) / l, "without-2": lambda l: sqrt(gap / l)}
    return [table[variant](l) for l in lam]


_FIXED_CAYLEY = (Rational(1, 2), Rational(1, 3), Rational(2))
"""The skew-symmetric entries of A for n = 3 (rational, so U is an exact rational orthonormal matrix)."""


def _cayley(n: int):
    """An exact orthonormal basis (columns) and its parameters: U = (I − A)⁻¹(I + A), A skew-symmetric.

    For n = 2 the parameter p is a symbol (every rotation but the half-turn); for n = 3 the entries
    are the fixed rationals of _FIXED_CAYLEY, which keeps the exact checks to seconds.
    """
    params = [Symbol("p", real=True)] if n == 2 else list(_FIXED_CAYLEY[: n * (n - 1) // 2])
    A = Matrix.zeros(n, n)
    for (a, b), p in zip([(i, j) for i in range(n) for j in range(i + 1, n)], params):
        A[a, b], A[b, a] = -p, p
    U = ((eye(n) - A).inv() * (eye(n) + A)).applyfunc(cancel)
    return U, params


def _symbolic(ident: str, n: int, vals, shape: dict) -> Derivation:
    U, params = _cayley(n)
    lam = list(vals) if vals is not None else [symbol(r"\lambda", i + 1) for i in range(n)]
    w = Matrix([symbol("w", i + 1) for i in range(n)])
    ws = Matrix([Symbol(f"w^*_{{{i + 1}}}", real=True) for i in range(n)])
    Es, gap = Symbol("E^*", real=True), Symbol(r"\Delta", positive=True)
    H = (U * Matrix.diag(*lam) * U.T).applyfunc(cancel)
    d = w - ws
    alpha = list(U.T * d)
    col = [U[:, i] for i in range(n)]
    E = Es + Rational(1, 2) * (d.T * H * d)[0]
    S = lambda terms: Add(*terms)  # noqa: E731
    links = {
        "coordinates": [(d[m], S(alpha[i] * col[i][m] for i in range(n))) for m in range(n)],
        "substitute": [(E, Es + Rational(1, 2) * (sum((alpha[i] * col[i] for i in range(n)), Matrix.zeros(n, 1)).T
                                                  * H * sum((alpha[j] * col[j] for j in range(n)), Matrix.zeros(n, 1)))[0])],
        "bilinear": [(E, Es + Rational(1, 2) * S(alpha[i] * alpha[j] * (col[i].T * H * col[j])[0]
                                                 for i in range(n) for j in range(n)))],
        "orthonormal": [((col[i].T * col[j])[0], Integer(1 if i == j else 0)) for i in range(n) for j in range(i, n)],
        "expansion": [(E, Es + Rational(1, 2) * S(lam[i] * alpha[i] ** 2 for i in range(n)))],
    }
    links["eigen"] = [((H * col[j])[m], lam[j] * col[j][m]) for j in range(n) for m in range(n)]
    # the contour: a point w* + Σ t_i h_i u_i with Σ t_i² = 1 (rational parametrisation of the sphere)
    s1, s2 = Symbol("s", real=True), Symbol("v", real=True)
    t = {1: [Integer(1)], 2: [(1 - s1 ** 2) / (1 + s1 ** 2), 2 * s1 / (1 + s1 ** 2)],
         3: [2 * s1 / (1 + s1 ** 2 + s2 ** 2), 2 * s2 / (1 + s1 ** 2 + s2 ** 2),
             (1 - s1 ** 2 - s2 ** 2) / (1 + s1 ** 2 + s2 ** 2)]}[n]
    h = _half_lengths(shape["variant"], gap, lam)
    point = ws + sum((t[i] * h[i] * col[i] for i in range(n)), Matrix.zeros(n, 1))
    on = E.xreplace(dict(zip(w, point)))
    alpha_on = [a.xreplace(dict(zip(w, point))) for a in alpha]
    contour = {"contour-substitute": [(S((alpha_on[i] / h[i]) ** 2 for i in range(n)),
                                       S(lam[i] * alpha_on[i] ** 2 for i in range(n)) / (2 * gap))],
               "contour-expansion": [(S(lam[i] * alpha[i] ** 2 for i in range(n)) / (2 * gap), (E - Es) / gap)],
               "contour": [(on, Es + gap)]}
    symbols = [SymbolSpec(v, REAL) for v in list(w) + list(ws) + [p for p in params if isinstance(p, Symbol)] + [Es]]
    symbols += [SymbolSpec(v, POSITIVE, "eigenvalue") for v in lam if isinstance(v, Symbol)]
    symbols += [SymbolSpec(gap, POSITIVE, "K − E*"), SymbolSpec(s1, REAL, "sphere parameter")]
    if n == 3:
        symbols.append(SymbolSpec(s2, REAL, "sphere parameter"))
    kind = "" if shape["variant"] == "correct" else f", wrong variant {shape['variant']}"
    spectrum = "symbolic λ_i > 0" if vals is None else "λ = " + ", ".join(map(str, vals))
    b = Builder(ident, f"The quadratic form in the eigenbasis, n = {n} (exact{kind})", symbols=symbols, shape=shape,
                summary=f"H = U Λ Uᵀ with {spectrum} and U = (I − A)⁻¹(I + A) the Cayley transform of a "
                        f"skew-symmetric A (entries {', '.join(map(str, params)) or 'none'}): U is exactly "
                        "orthonormal, so no eigen-solver is needed. α = Uᵀ(w − w*), Δ = K − E* > 0, and the contour "
                        "is checked at w* + Σ t_i h_i u_i with t a rational point of the unit sphere.",
                conditions="Each equation is checked with every matrix written out in the symbols.")
    E_sym, u_sym = Symbol(r"E(\mathbf{w})"), [Symbol(rf"\mathbf{{u}}_{{{i + 1}}}") for i in range(n)]
    al = [Symbol(rf"\alpha_{{{i + 1}}}") for i in range(n)]
    shows = {
        "coordinates": (Symbol(r"\mathbf{w} - \mathbf{w}^*"), S(al[i] * u_sym[i] for i in range(n)), "coordinates in the eigenbasis"),
        "orthonormal": (Symbol(r"\mathbf{u}_i^{\mathsf{T}} \mathbf{u}_j"), Symbol(r"\delta_{ij}"), "U is orthonormal"),
        "eigen": (Symbol(r"\mathbf{H} \mathbf{u}_j"), Symbol(r"\lambda_j \mathbf{u}_j"), "the columns of U are eigenvectors"),
        "substitute": (E_sym, Symbol(r"E^* + \frac{1}{2} (\sum_i \alpha_i \mathbf{u}_i)^{\mathsf{T}} \mathbf{H} (\sum_j \alpha_j \mathbf{u}_j)"), "substitute"),
        "bilinear": (E_sym, Symbol(r"E^* + \frac{1}{2} \sum_{i,j} \alpha_i \alpha_j \mathbf{u}_i^{\mathsf{T}} \mathbf{H} \mathbf{u}_j"), "multiply out"),
        "expansion": (E_sym, Es + Rational(1, 2) * S(Symbol(rf"\lambda_{{{i + 1}}}") * al[i] ** 2 for i in range(n)), "the expansion"),
    }
    of = {"coordinates": ("coordinates",), "orthonormal": ("eigen",), "eigen": ("eigen",), "substitute": ("substitute",),
          "bilinear": ("bilinear",), "expansion": ("expansion",)}
    with evaluate(False):
        for key in ("coordinates", "orthonormal", "eigen", "substitute", "bilinear", "expansion"):
            lhs, rhs, why = shows[key]
            b.check(lhs, rhs, why, of=of[key], checked=links[key], name=key, group=True)
        hs = [Symbol(rf"h_{{{i + 1}}}") for i in range(n)]
        on_sym = S((al[i] / hs[i]) ** 2 for i in range(n))
        li = Symbol(r"\lambda_i", positive=True)
        rule = _half_lengths(shape["variant"], gap, [li])[0]
        b.check(on_sym, Symbol(r"\sum_i \lambda_i \alpha_i^2 / (2\Delta)"), ("with h_i = ", rule),
                of=("contour-substitute",), checked=contour["contour-substitute"], name="contour-substitute", group=True)
        b.check(on_sym, Symbol(r"(E(\mathbf{w}) - E^*)/\Delta"), "the expansion", of=("contour-expansion",),
                checked=contour["contour-expansion"], name="contour-expansion")
        b.check(E_sym, Es + gap, ("at w = w* + Σ t_i h_i u_i with Σ t_i² = 1 and h_i = ", rule, ": the point is on E = K"),
                of=("contour",), checked=contour["contour"], name="contour")
    return b.build()


def _numeric(ident: str, n: int, vals, shape: dict) -> Derivation:
    seed, variant = shape["seed"], shape["variant"]
    if vals is None:
        model = QuadraticModel(random_spd(n, seed=seed)[0], np.random.default_rng([seed, 9]).standard_normal(n), 0.5)
        spectrum = "eigenvalues log-uniform in [1, 10]"
    else:
        _, _, U = random_spd(n, seed=seed)
        lam = np.array([float(v) for v in vals])
        model = QuadraticModel((U * lam) @ U.T, np.zeros(n), 0.5)
        spectrum = "eigenvalues " + ", ".join(map(str, vals))
    b = Builder(ident, f"The quadratic form in the eigenbasis, n = {n} (numeric)", symbols=[], shape=shape,
                summary=f"A random symmetric positive-definite H (n = {n}, {spectrum}, Haar-random eigenvectors, "
                        f"seed {seed}), eigen-decomposed by numpy.linalg.eigh; E* = 0.5, K = 2.",
                conditions="float64 checks: the verdicts are at best 'confirmed'.")
    E_sym = Symbol(r"E(\mathbf{w})")
    expansion = Probe("numpy.linalg.eigh and the expansion at 16 random points (quadratic.eigen_expansion_check: "
                      "energy, UᵀU = I, HU = UΛ, reconstruction)", 1e-10, seed,
                      partial(_expansion_probe, model, seed))
    contour = Probe(f"points w* + Σ t_i h_i u_i on the claimed ellipsoid (quadratic.contour_check, half-lengths "
                    f"'{variant}')", 1e-10, seed, partial(_contour_probe, model, seed, variant))
    with evaluate(False):
        b.check(E_sym, Symbol(r"E(\mathbf{w}^*) + \frac{1}{2} \sum_i \lambda_i \alpha_i^2"),
                "the expansion in the eigenbasis", of=_EXPANSION, probe=expansion, name="expansion")
        b.check(Symbol(r"\sum_i (\alpha_i/h_i)^2"), Integer(1), "on E = K", of=_CONTOUR, probe=contour, name="contour")
    return b.build()


def _expansion_probe(model, seed: int) -> ProbeResult:
    r = eigen_expansion_check(model, seed=seed)
    worst = max(("energy", r.energy_error), ("UᵀU − I", r.orthonormality_error), ("HU − UΛ", r.eigen_residual),
                ("reconstruction", r.reconstruction_error), key=lambda kv: kv[1])
    return ProbeResult(r.passed, worst[1], r.points, worst[0], "0", f"{worst[1]:.3g}")


def _contour_probe(model, seed: int, variant: str) -> ProbeResult:
    r = contour_check(model, 2.0, seed=seed, variant=variant)
    return ProbeResult(r.passed, r.max_relative_error, r.points, "E(w) on the claimed ellipsoid", "K = 2",
                       f"relative deviation {r.max_relative_error:.3g}")


FAMILY = Family(
    parameters=(
        Parameter("n", "dimension of the weight space (exact for n <= 3, numeric above)", None, _n),
        Parameter("eigenvalues", "eigenvalues of H, e.g. 1,4 (default: symbols λ_i > 0, or random when numeric); "
                                 "semi-definite or indefinite H is refused", None, str),
        Parameter("variant", "half-length rule: " + ", ".join(CONTOUR_VARIANTS) + " (the wrong ones must be refuted)",
                  "correct"),
        Parameter("seed", "seed of the random numeric instance", 0, int),
        Parameter("method", "symbolic, numeric, or auto (symbolic for n <= 3)", "auto"),
    ),
    build=instance,
    defaults=DEFAULTS,
)


def _cayley_default_hessian() -> tuple[tuple[float, float], tuple[float, float]]:
    # Eigenvalues 1 and 4 along the Cayley rotation with t = 1/3: u1 = (4/5, 3/5), u2 = (-3/5, 4/5).
    # H = 1 * u1 u1^T + 4 * u2 u2^T = [[52/25, -36/25], [-36/25, 73/25]]  (exact rationals).
    t = Fraction(1, 3)
    c, s = (1 - t * t) / (1 + t * t), 2 * t / (1 + t * t)
    u1, u2 = (c, s), (-s, c)
    lam1, lam2 = Fraction(1), Fraction(4)
    H = [[lam1 * u1[i] * u1[j] + lam2 * u2[i] * u2[j] for j in range(2)] for i in range(2)]
    return ((float(H[0][0]), float(H[0][1])), (float(H[1][0]), float(H[1][1])))


def _eigen_2x2(H: Sequence[Sequence[float]]) -> tuple[tuple[float, float], tuple[tuple[float, float], tuple[float, float]]]:
    """Closed-form eigen-decomposition of a symmetric 2×2 matrix, ascending, right-handed basis."""
    (a, b), (_, c) = H
    mean, rad = (a + c) / 2, math.hypot((a - c) / 2, b)
    lam_small, lam_big = mean - rad, mean + rad
    theta = 0.5 * math.atan2(2 * b, a - c)  # direction of the eigenvector of lam_big
    u1 = (-math.sin(theta), math.cos(theta))  # of lam_small
    if u1[0] < 0 or (u1[0] == 0 and u1[1] < 0):
        u1 = (-u1[0], -u1[1])
    u2 = (-u1[1], u1[0])
    return (lam_small, lam_big), (u1, u2)


def _check_hessian(H: object) -> tuple[tuple[float, float], tuple[float, float]]:
    try:
        rows = [[float(v) for v in row] for row in H]  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise InvalidInputError(f"H must be a 2x2 matrix of numbers, got {H!r}") from None
    if len(rows) != 2 or any(len(r) != 2 for r in rows):
        raise InvalidInputError(f"H must be 2x2 (the contours are drawn in the plane), got {H!r}")
    if not all(math.isfinite(v) for r in rows for v in r):
        raise InvalidInputError(f"H must have finite entries, got {rows}")
    (a, b), (b2, c) = rows
    if not math.isclose(b, b2, rel_tol=1e-12, abs_tol=1e-15):
        raise InvalidInputError(f"H must be symmetric, got H[0][1] = {b} != H[1][0] = {b2}")
    rows[1][0] = b
    (lam1, lam2), _ = _eigen_2x2(rows)
    if not signs((lam1, lam2), 1e-12 * max(abs(lam2), 1.0)).positive_definite:
        raise InvalidInputError(
            f"H must be positive definite for the contours E = K to be ellipses; its eigenvalues are "
            f"{number(lam1)} and {number(lam2)} (indefinite or semi-definite H has hyperbolic or unbounded contours)"
        )
    return (rows[0][0], rows[0][1]), (rows[1][0], rows[1][1])


def _compass(dx: float, dy: float) -> str:
    """The TikZ placement keyword nearest to the direction (dx, dy)."""
    names = ("right", "above right", "above", "above left", "left", "below left", "below", "below right")
    k = round(math.atan2(dy, dx) / (math.pi / 4)) % 8
    return names[k]


def quadratic_contours(
    H: Sequence[Sequence[float]] | None = None,
    w_star: tuple[float, float] = (0.0, 0.0),
    levels: Sequence[float] = (0.125, 0.5, 1.125),
    E_star: float = 0.0,
    n: int = 121,
) -> Figure:
    """Contours E(w) = K of E(w) = E* + ½ (w − w*)ᵀ H (w − w*): ellipses along the eigenvectors of H.

    The level K = E* + ½ (always drawn, solid) has half-axes exactly 1/√λ_i, drawn as labelled arrows.
    The default H has eigenvalues 1 and 4 along a Cayley rotation (u₁ = (4/5, 3/5)).

    >>> f = quadratic_contours()
    >>> [a.label for a in f.annotations if a.kind == "arrow"]
    ['1/\\\\sqrt{\\\\lambda_1} = 1', '1/\\\\sqrt{\\\\lambda_2} = 0.5']
    >>> quadratic_contours([[1, 0], [0, -1]])
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: H must be positive definite for the contours E = K to be ellipses; its eigenvalues are -1 and 1 (indefinite or semi-definite H has hyperbolic or unbounded contours)
    """
    H = _cayley_default_hessian() if H is None else _check_hessian(H)
    (wx, wy) = as_points([w_star], "w_star")[0]
    E_star = float(E_star)
    half = E_star + 0.5
    ks = sorted({float(k) for k in levels} | {half})
    if ks[0] <= E_star or not all(math.isfinite(k) for k in ks):
        raise InvalidInputError(f"every level K must be finite and above E* = {number(E_star)}, got {list(levels)}")
    (lam1, lam2), (u1, u2) = _eigen_2x2(H)

    def ellipse(k: float) -> list[tuple[float, float]]:
        a1, a2 = math.sqrt(2 * (k - E_star) / lam1), math.sqrt(2 * (k - E_star) / lam2)
        pts = []
        for j in range(n):
            t = 2 * math.pi * (j % (n - 1)) / (n - 1)  # last point == first: closed curve
            c, s = math.cos(t), math.sin(t)
            pts.append((wx + a1 * c * u1[0] + a2 * s * u2[0], wy + a1 * c * u1[1] + a2 * s * u2[1]))
        return pts

    # square plot range around w*, covering the largest ellipse, ending on a tick
    kmax = ks[-1]
    a1, a2 = math.sqrt(2 * (kmax - E_star) / lam1), math.sqrt(2 * (kmax - E_star) / lam2)
    ext = max(math.hypot(a1 * u1[0], a2 * u2[0]), math.hypot(a1 * u1[1], a2 * u2[1])) * 1.12
    r = float(number(ext, 3))  # not snapped to a tick: corner tick labels of both axes would collide
    series = tuple(
        Series(f"E = {number(k, 4)}", ellipse(k), "solid" if k == half else "dashed", "blue" if k == half else "grey")
        for k in ks
    )
    arrows = []
    for i, (lam, u, v) in enumerate(((lam1, u1, u2), (lam2, u2, u1)), start=1):
        length = 1 / math.sqrt(lam)
        tip = (wx + length * u[0], wy + length * u[1])
        away = _compass(-v[0], -v[1])  # label on the side away from the other axis
        arrows.append(
            Annotation("segment", (wx - r * u[0], wy - r * u[1]), (wx + r * u[0], wy + r * u[1]),
                       rf"\mathbf{{u}}_{i}", "black", "dotted", _compass(u[0], u[1]), label_pos=1.0)
        )
        arrows.append(
            Annotation("arrow", (wx, wy), tip, rf"1/\sqrt{{\lambda_{i}}} = {number(length, 4)}",
                       ("orange", "green")[i - 1], "solid", away, label_pos=0.5)
        )
    centre = Annotation("point", (wx, wy), label=r"\mathbf{w}^*", colour="black",
                        side=_compass(-(u1[0] + u2[0]), -(u1[1] + u2[1])))
    return Figure(
        id="quadratic-contours",
        caption=f"Contours E(w) = K of the quadratic form E(w) = E* + ½ (w − w*)ᵀH(w − w*) with eigenvalues "
        f"λ₁ = {number(lam1, 4)} and λ₂ = {number(lam2, 4)}: ellipses with axes along the eigenvectors u₁, u₂ and "
        f"half-lengths √(2(K − E*)/λᵢ) ∝ 1/√λᵢ. On the solid level K − E* = ½ the half-lengths are exactly 1/√λᵢ.",
        xlabel="w_1",
        ylabel="w_2",
        xrange=(wx - r, wx + r),
        yrange=(wy - r, wy + r),
        series=series,
        annotations=(*arrows, centre),
        aspect="equal",
        legend_pos="outer north east",
        width_cm=6.5,
        height_cm=6.5,
    )
