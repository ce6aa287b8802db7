"""The error near a minimum in the Hessian's eigenbasis: E = E(w*) + ½ Σ λ_i α_i², and its ellipsoidal contours.

Near a minimum w*, E(w) ≈ E(w*) + ½ (w − w*)ᵀ H (w − w*).  With H u_i = λ_i u_i, u_iᵀ u_j = δ_ij and
w − w* = Σ_i α_i u_i, E(w) = E(w*) + ½ Σ_i λ_i α_i²; for positive-definite H the contours E = K are
ellipsoids with axes along u_i and half-lengths √(2(K − E(w*))/λ_i).

Checked exactly in 2 and 3 dimensions, with H = U Λ Uᵀ built from an exact orthonormal U (a Cayley
transform U = (I − A)⁻¹(I + A) of a skew-symmetric A, symbolic for n = 2; no eigen-solver), and numerically
for random SPD H up to n = 50 (:mod:`derivations.quadratic`, ``numpy.linalg.eigh``).

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

from functools import partial

import numpy as np
from sympy import (Add, Eq, IndexedBase, Integer, KroneckerDelta, Matrix, Rational, Sum, Symbol, cancel, eye,
                   evaluate, sqrt)

from ..domains import POSITIVE, REAL
from ..errors import InvalidInputError
from ..instances import (Family, Parameter, Probe, ProbeResult, choose_method, describe_shape, instance_id,
                         parse_numbers, symbol)
from ..model import Builder, Derivation, SymbolSpec
from ..quadratic import CONTOUR_VARIANTS, QuadraticModel, contour_check, eigen_expansion_check, random_spd

ID = "hessian-quadratic-form"
TITLE = "The error near a minimum in the Hessian's eigenbasis"

DEFAULTS = ({"n": 2}, {"n": 3}, {"n": 50})
"""Exact in 2 and 3 dimensions (symbolic λ_i > 0 and Cayley parameters), numeric for a random SPD H with n = 50."""

_EXPANSION = ("coordinates", "substitute", "bilinear", "eigen", "expansion")
_CONTOUR = ("contour-substitute", "contour-expansion", "contour")
_ROW_SPACE = 1


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
    if isinstance(value, str):
        try:
            value = int(value)
        except ValueError:
            raise InvalidInputError(f"n: {value!r} is not a whole number") from None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError(f"n must be a whole number >= 1, got {value!r}")
    return value


def _eigenvalues(value, n: int):
    if value is None:
        return None
    vals = parse_numbers(value, "eigenvalues") if isinstance(value, str) else tuple(Rational(str(v)) for v in value)
    if len(vals) != n:
        raise InvalidInputError(f"{len(vals)} eigenvalues given for n = {n}; give exactly n")
    shown = ", ".join(str(v) for v in vals)
    if any(v < 0 for v in vals) and any(v > 0 for v in vals):
        raise InvalidInputError(
            f"H is indefinite (eigenvalues {shown}): E(w) − E(w*) takes both signs, w* is a saddle and the level "
            "sets E = K are hyperbolas/hyperboloids, not ellipsoids; the contour result needs a positive-definite H")
    if any(v == 0 for v in vals):
        raise InvalidInputError(
            f"H is only semi-definite (eigenvalues {shown}): E is flat along the eigenvector of λ = 0 and the level "
            "sets are unbounded cylinders, not ellipsoids; the contour result needs a positive-definite H")
    if any(v < 0 for v in vals):
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
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidInputError(f"seed must be a whole number >= 0, got {seed!r}")
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
