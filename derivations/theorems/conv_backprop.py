"""Backpropagation through a convolution layer: ∂L/∂W = X̃ ⋆ Ĝ and ∂L/∂X̃ = pad(Ĝ) ⋆ rot180(W), of the shape of X.

For y = X̃ ⋆ W (valid cross-correlation of the input X, zero-padded by p, stride s) and an upstream
gradient G = ∂L/∂y, with Ĝ = G dilated by the stride (Ĝ = G when s = 1):
∂L/∂W = X̃ ⋆ Ĝ, and ∂L/∂X̃ is the full convolution of Ĝ with W (the cross-correlation of Ĝ padded
with f − 1 zeros with W rotated by 180°); cropping the padding gives ∂L/∂X, with the shape of X.
Under true convolution (y = X̃ ∗ W = X̃ ⋆ rot180(W)) the flip moves: ∂L/∂W = rot180(X̃ ⋆ Ĝ) and
∂L/∂X̃ = pad(Ĝ) ⋆ W.

The indexed steps are checked on instances: exactly on small fully symbolic layers (every entry of
the formulas against SymPy's own derivative of L = Σ_ij G_ij y_ij, G symbolic), in float64 on
larger random ones (against central finite differences of L, :func:`derivations.numerics.conv.gradient_check`).
The worked example of sheet 000 Q4 is checked number by number.

>>> import derivations
>>> d = derivations.get('conv-backprop')
>>> [i.id for i in d.instances()][:2]
['conv-backprop-n4-f2-p0-s1-cross-correlation', 'conv-backprop-n4-f3-p1-s2-convolution']
>>> d.instantiate(n=3, f=2, variant='other-convention').verify().ok
False
"""

from __future__ import annotations

from functools import partial

import numpy as np
from sympy import Add, Derivative, Eq, ImmutableMatrix, Integer, Mul, Subs, Sum, Symbol, evaluate

from derivations.core.domains import REAL
from derivations.core.instances import (
    Family,
    Parameter,
    Probe,
    ProbeResult,
    check_seed,
    choose_method,
    symbol,
)
from derivations.core.model import Builder, Derivation, SymbolSpec
from derivations.errors import InvalidInputError
from derivations.numerics.conv import (
    CONVENTIONS,
    VARIANTS,
    backward,
    dilate,
    forward,
    gradient_check,
    output_side,
    pad,
    rot180,
)
from derivations.render.figure import Figure, Grid

__all__ = ["derivation", "instance", "FAMILY", "DEFAULTS", "SHEET", "conv_example"]

ID = "conv-backprop"
TITLE = "Backpropagation through a convolution layer"

SHEET = {
    "X": ((3, 1, 4, 1, 5), (9, 2, 6, 5, 3), (5, 8, 9, 7, 9), (3, 2, 3, 8, 4), (1, 2, 3, 4, 5)),
    "W": ((2, 0, 5), (9, 7, 2), (3, 8, 3)),
    "G": ((1, 1, 1), (1, 1, 1), (1, 1, 1)),
    "y": ((158, 183, 172), (229, 237, 238), (164, 232, 233)),
    "dX": ((3, 11, 14, 11, 3), (5, 20, 32, 27, 12), (10, 25, 39, 29, 14), (7, 14, 25, 18, 11), (5, 5, 7, 2, 2)),
    "dW": ((47, 43, 49), (47, 50, 54), (36, 46, 52)),
}
"""Sheet 000 Q4 (seeds/000_…): input X, kernel W, ∂L/∂y = G, and the sheet's results y, ∂L/∂X, ∂L/∂W."""

SYMBOLIC_AUTO = 25  # auto: exact when n² <= this
SYMBOLIC_HARD_LIMIT = 200  # symbols n² + f² + m²; beyond this SymPy would run for minutes
NUMERIC_HARD_LIMIT = 50_000_000  # multiply-adds m² f² of one forward pass

DEFAULTS = ({"n": 4, "f": 2},
            {"n": 4, "f": 3, "p": 1, "s": 2, "convention": "convolution"},
            {"n": 32, "f": 5, "p": 2, "s": 2},
            {"n": 17, "f": 4, "p": 1, "s": 3, "convention": "convolution"})
"""Exact: 4×4 input with a 2×2 kernel (cross-correlation), 4×4 with 3×3, padding 1, stride 2 (true
convolution); numeric: 32×32 with 5×5, padding 2, stride 2, and 17×17 with 4×4, padding 1, stride 3."""


def derivation() -> Derivation:
    """The general derivation (indexed, checked on DEFAULTS) and the worked example of sheet 000 Q4.

    >>> d = derivation()
    >>> d.step('grad-x').kind, d.step('sheet-dx').rhs.shape
    ('indexed', (5, 5))
    """
    i, j = Symbol("i", integer=True), Symbol("j", integer=True)
    a, bb = Symbol("a", integer=True), Symbol("b", integer=True)
    m, f = Symbol("m", integer=True, positive=True), Symbol("f", integer=True, positive=True)
    L, Wab, Xuv, yij, Gij = symbol("L"), symbol("W_{ab}"), symbol(r"\tilde{X}_{uv}"), symbol("y_{ij}"), symbol("G_{ij}")
    window, ghat = symbol(r"\tilde{X}_{si+a,\,sj+b}"), symbol(r"\hat{\mathbf{G}}")
    u, v, sz = Symbol("u", integer=True), Symbol("v", integer=True), Symbol("s", integer=True, positive=True)
    grad_w = symbol(r"\left[\tilde{\mathbf{X}} \star \hat{\mathbf{G}}\right]_{ab}")
    grad_x = symbol(r"\left[\operatorname{pad}_{f-1}(\hat{\mathbf{G}}) \star \operatorname{rot}_{180}(\mathbf{W})\right]_{uv}")
    b = Builder(ID, TITLE, symbols=[], family=FAMILY, summary=_summary(), conditions=_conditions())
    with evaluate(False):
        ij = ((i, 0, m - 1), (j, 0, m - 1))
        b.statement(Derivative(L, Wab), grad_w)
        b.statement(Derivative(L, Xuv), grad_x)
        (b.chain(Derivative(L, Wab))
          .eq(Sum(Derivative(L, yij) * Derivative(yij, Wab), *ij), ("chain rule through every ", yij), indexed=True,
              name="chain-w")
          .eq(Sum(Gij * window, *ij), ("y is linear in W: ", Eq(Derivative(yij, Wab), window)), indexed=True,
              name="linear-w")
          .eq(grad_w, ("a valid cross-correlation with ", ghat, ", G dilated by s"), indexed=True, name="grad-w"))
        (b.chain(Derivative(L, Xuv))
          .eq(Sum(Derivative(L, yij) * Derivative(yij, Xuv), *ij), ("chain rule through every ", yij), indexed=True,
              name="chain-x")
          .eq(Sum(Gij * symbol(r"W_{u-si,\,v-sj}"), *ij), (Xuv, " enters ", yij, " once (W is 0 outside the kernel)"),
              indexed=True, name="linear-x")
          .eq(Sum(symbol(r"\hat{G}_{u-a,\,v-b}") * Wab, (a, 0, f - 1), (bb, 0, f - 1)),
              ("put ", Eq(a, u - sz * i), ", ", Eq(bb, v - sz * j)), indexed=True, name="reindex-x")
          .eq(grad_x, ("the full convolution of ", ghat, " with W"), indexed=True, name="grad-x"))
        (b.chain(Derivative(L, symbol("X_{uv}")))
          .eq(Derivative(L, symbol(r"\tilde{X}_{u+p,\,v+p}")), "crop the padding: n × n, the shape of X", indexed=True,
              name="crop"))
        (b.chain(Derivative(L, Wab))
          .eq(symbol(r"\left[\operatorname{rot}_{180}(\tilde{\mathbf{X}} \star \hat{\mathbf{G}})\right]_{ab}"),
              "true convolution: W rotated in, result rotated back", refs=["grad-w"], indexed=True, name="conv-w"))
        (b.chain(Derivative(L, Xuv))
          .eq(symbol(r"\left[\operatorname{pad}_{f-1}(\hat{\mathbf{G}}) \star \mathbf{W}\right]_{uv}"),
              "true convolution: the two rotations cancel", refs=["grad-x"], indexed=True, name="conv-x"))
        _sheet_steps(b)
    return b.build()


def _summary() -> tuple:
    with evaluate(False):
        return _summary_parts()


def _summary_parts() -> tuple:
    return ("A convolution layer computes y = X̃ ⋆ W, the valid cross-correlation ",
            Eq(symbol("y_{ij}"), Sum(symbol("W_{ab}") * symbol(r"\tilde{X}_{si+a,\,sj+b}"), (Symbol("a"), 0, Symbol("f") - 1),
                                 (Symbol("b"), 0, Symbol("f") - 1))),
            " of the input X (n × n) padded with p zeros (X̃), with an f × f kernel W and stride s; the output is m × m "
            "with m = ⌊(n − f + 2p)/s⌋ + 1. Backpropagation needs ∂L/∂W and ∂L/∂X from the upstream gradient "
            "G = ∂L/∂y: both are again correlations.")


def _describe(shape: dict) -> str:
    """``4×4 input, 2×2 kernel, p = 0, s = 1, cross-correlation (exact)``."""
    s = FAMILY.complete(shape)
    how = "exact" if s["n"] ** 2 <= SYMBOLIC_AUTO else f"numeric, seed {s['seed']}"
    return f"{s['n']}×{s['n']} input, {s['f']}×{s['f']} kernel, p = {s['p']}, s = {s['s']}, {s['convention']} ({how})"


def _conditions() -> str:
    shapes = "; ".join(_describe(s) for s in DEFAULTS)
    return ("L is any differentiable function of y; 'convolution' in deep learning (and below, unless said otherwise) "
            "is the cross-correlation; true convolution flips the kernel. The indexed steps are checked on: "
            + shapes + ". Worked example (sheet 000 Q4, ∂L/∂y = ones(3 × 3)): the sheet's forward output and its "
            "∂L/∂X follow TRUE convolution; its ∂L/∂W (X ⋆ ∂L/∂y) is the CROSS-CORRELATION answer, the right one "
            "under its own convention rotated by 180°; its ∂L/∂X is 5 × 5 like X, not 1 × 1 as the sheet says.")


# --- the worked example of sheet 000 Q4 ------------------------------------------------------------

def _numbers(rows) -> np.ndarray:
    return np.array([[Integer(v) for v in row] for row in rows], dtype=object)


def _sheet_gradient(wrt: str, convention: str) -> list[Subs]:
    """∂L/∂X or ∂L/∂W of L = Σ G∘y at the sheet's numbers, each entry as SymPy's derivative along one entry."""
    X, W, G = _numbers(SHEET["X"]), _numbers(SHEET["W"]), _numbers(SHEET["G"])
    t = Symbol("t", real=True)
    target = X if wrt == "X" else W
    out = []
    for (u, v), value in np.ndenumerate(target):
        moved = target.copy()
        moved[u, v] = t
        args = (moved, W) if wrt == "X" else (X, moved)
        out.append(Subs(Derivative(Add(*(G * forward(*args, convention=convention)).flat), t), t, value))
    return out


def _sheet_output(convention: str) -> list:
    """Each output entry of the sheet's layer as the unevaluated sum of its products."""
    X, W = SHEET["X"], np.array(SHEET["W"])
    kernel = W if convention == "cross-correlation" else rot180(W)
    return [Add(*[Mul(Integer(X[i + a][j + c]), Integer(kernel[a][c]), evaluate=False)
                  for a in range(3) for c in range(3)], evaluate=False) for i in range(3) for j in range(3)]


def _sheet_steps(b: Builder) -> None:
    """The sheet's three results, each with the convention it follows, checked entry by entry."""
    flat = lambda rows: [Integer(v) for row in rows for v in row]  # noqa: E731
    dX, dW = symbol(r"\partial L/\partial \mathbf{X}"), symbol(r"\partial L/\partial \mathbf{W}")
    rotated = tuple(tuple(r) for r in rot180(np.array(SHEET["dW"])).tolist())
    xcorr_y = forward(np.array(SHEET["X"]), np.array(SHEET["W"])).tolist()
    rows = [
        ("sheet-y", symbol(r"\mathbf{X} \ast \mathbf{W}"), SHEET["y"], _sheet_output("convolution"),
         "sheet 000 Q4 (i): TRUE convolution (kernel flipped)"),
        ("sheet-y-xcorr", symbol(r"\mathbf{X} \star \mathbf{W}"), xcorr_y, _sheet_output("cross-correlation"),
         "cross-correlation gives another output"),
        ("sheet-dx", dX, SHEET["dX"], _sheet_gradient("X", "convolution"),
         "sheet (iii), TRUE convolution: 5 × 5, not 1 × 1 as in (ii)"),
        ("sheet-dw-xcorr", dW, SHEET["dW"], _sheet_gradient("W", "cross-correlation"),
         "sheet (iv): the CROSS-CORRELATION answer"),
        ("sheet-dw", dW, rotated, _sheet_gradient("W", "convolution"),
         "TRUE convolution, the sheet's own: rotated by 180°"),
    ]
    for name, lhs, numbers, exact, why in rows:
        b.check(lhs, ImmutableMatrix(numbers), why, of=(), checked=list(zip(exact, flat(numbers))), name=name,
                group=True)


# --- instances -------------------------------------------------------------------------------------

def _whole(value, name: str, minimum: int) -> int:
    if isinstance(value, str):
        try:
            value = int(value)
        except ValueError:
            raise InvalidInputError(f"{name} must be a whole number, got {value!r}") from None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInputError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return value


def instance(n, f, p=0, s=1, convention: str = "cross-correlation", variant: str = "correct", seed: int = 0,
             method: str = "auto") -> Derivation:
    """The layer with an n×n input, an f×f kernel, padding p and stride s: exact for n ≤ 5, numeric above.

    >>> instance(3, 2).verify().summary()  # doctest: +ELLIPSIS
    'conv-backprop-n3-f2-p0-s1-cross-correlation: 49 steps, 49 proved [instance n=3 f=2 p=0 s=1 ...'
    """
    if n is None or f is None:
        raise InvalidInputError("give the input side n and the kernel side f, e.g. n=4, f=2 (--n 4 --f 2)")
    n, f, p, s = _whole(n, "n", 1), _whole(f, "f", 1), _whole(p, "p", 0), _whole(s, "s", 1)
    if f > n + 2 * p:
        raise InvalidInputError(f"an f = {f} kernel does not fit an n = {n} input with padding p = {p}")
    if convention not in CONVENTIONS:
        raise InvalidInputError(f"unknown convention {convention!r}; choose one of {', '.join(CONVENTIONS)}")
    if variant not in VARIANTS:
        raise InvalidInputError(f"unknown variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    check_seed(seed)
    m = output_side(n, f, p, s)
    symbolic = choose_method(method, n * n <= SYMBOLIC_AUTO, size=n * n + f * f + m * m,
                             symbolic_max=SYMBOLIC_HARD_LIMIT, unit="entries") == "symbolic"
    method = "symbolic" if symbolic else choose_method("numeric", False, size=m * m * f * f,
                                                       numeric_max=NUMERIC_HARD_LIMIT, unit="multiply-adds")
    shape = {"n": n, "f": f, "p": p, "s": s, "convention": convention, "variant": variant, "seed": seed,
             "method": method}
    ident = f"{ID}-n{n}-f{f}-p{p}-s{s}-{convention}" + ("" if variant == "correct" else f"-{variant}")
    return (_symbolic if symbolic else _numeric)(ident, shape)


def _of(convention: str, step: str) -> tuple[str, ...]:
    """The indexed steps an instance step checks (true convolution: the conv-w / conv-x results)."""
    if step.startswith("chain"):
        return (step,)
    if convention == "convolution":
        return ("conv-w",) if step.endswith("-w") else ("conv-x",)
    return (step,)


def _symbolic(ident: str, shape: dict) -> Derivation:
    n, f, p, s, conv, variant = (shape[k] for k in ("n", "f", "p", "s", "convention", "variant"))
    m = output_side(n, f, p, s)
    sep = lambda k: "," if k > 9 else ""  # noqa: E731
    grid = lambda name, k: np.array([[symbol(name, f"{u + 1}{sep(k)}{v + 1}") for v in range(k)]  # noqa: E731
                                     for u in range(k)], dtype=object)
    X, W, G = grid("x", n), grid("w", f), grid("g", m)
    Y = grid("y", m)
    y = forward(X, W, s, p, conv)
    L, Ls = Add(*(G * y).flat), Symbol("L", real=True)
    dX, dW = backward(X, W, G, s, p, conv, variant)
    Xp, K, Gd = pad(X, p), (W if conv == "cross-correlation" else rot180(W)), dilate(G, s)
    at = lambda A, r, c: A[r, c] if 0 <= r < A.shape[0] and 0 <= c < A.shape[1] else Integer(0)  # noqa: E731
    pairs = [(i, j) for i in range(m) for j in range(m)]
    symbols = [SymbolSpec(v, REAL, role) for A, role in ((X, "input"), (W, "kernel"), (G, "∂L/∂y")) for v in A.flat]
    kind = "" if variant == "correct" else f", wrong variant {variant}"
    b = Builder(ident, f"Backpropagation through a {n}×{n} {conv} layer, f = {f}, p = {p}, s = {s} (exact{kind})",
                symbols=symbols, shape=shape,
                summary=f"Every input x, kernel entry w and upstream gradient g = ∂L/∂y is a symbol; y is the "
                        f"{m}×{m} output ({conv}), and L = Σ_ij g_ij y_ij, whose gradient with respect to y is g.",
                conditions="Each line is checked against SymPy's own derivative of L; the last line of each entry is "
                           "the theorem's formula (numerics.conv.backward on SymPy entries).")
    rows = []  # (entry, step, exact right side, why); evaluated here, so zero terms drop out
    for (a, c), w in np.ndenumerate(W):
        ka, kc = (a, c) if conv == "cross-correlation" else (f - 1 - a, f - 1 - c)
        rows += [((a, c), w, "chain-w", Add(*[G[i, j] * Derivative(y[i, j], w) for i, j in pairs]),
                  "chain rule through every y"),
                 ((a, c), w, "linear-w", Add(*[G[i, j] * Xp[s * i + ka, s * j + kc] for i, j in pairs]),
                  "y is linear in w"),
                 ((a, c), w, "grad-w", dW[a, c],
                  "the formula: " + ("rot180(X̃ ⋆ Ĝ)" if conv == "convolution" else "X̃ ⋆ Ĝ"))]
    for (u, v), x in np.ndenumerate(X):
        U, V = u + p, v + p
        rows += [((u, v), x, "chain-x", Add(*[G[i, j] * Derivative(y[i, j], x) for i, j in pairs]),
                  "chain rule through every y"),
                 ((u, v), x, "linear-x", Add(*[G[i, j] * at(K, U - s * i, V - s * j) for i, j in pairs]),
                  "x enters y_ij once, times a kernel entry"),
                 ((u, v), x, "reindex-x", Add(*[at(Gd, U - a, V - c) * K[a, c] for a in range(f) for c in range(f)]),
                  "sum over the kernel instead, with Ĝ"),
                 ((u, v), x, "grad-x", at(dX, u, v), "the formula: " + ("pad(Ĝ) ⋆ W" if conv == "convolution" else
                                                                        "pad(Ĝ) ⋆ rot180(W)") + ", cropped")]
    with evaluate(False):
        for (r, c), var, step, exact, why in rows:
            shown = Add(*[G[i, j] * Derivative(Y[i, j], var) for i, j in pairs]) if step.startswith("chain") else exact
            b.check(Derivative(Ls, var), shown, why, of=_of(conv, step), checked=[(Derivative(L, var), exact)],
                    name=f"{step}-{r + 1}-{c + 1}", group=step.startswith("chain"))
        b.check(symbol(r"\dim \frac{\partial L}{\partial \mathbf{X}}"), symbol(rf"{n} \times {n}"),
                f"the formula's result has the shape of X ({dX.shape[0]} × {dX.shape[1]} computed)", of=("crop",),
                checked=[(Integer(dX.shape[0]), Integer(n)), (Integer(dX.shape[1]), Integer(n))], name="shape",
                group=True)
    return b.build()


def _numeric(ident: str, shape: dict) -> Derivation:
    n, f, p, s, conv = (shape[k] for k in ("n", "f", "p", "s", "convention"))
    m = output_side(n, f, p, s)
    b = Builder(ident, f"Backpropagation through a random {n}×{n} {conv} layer, f = {f}, p = {p}, s = {s} (numeric)",
                symbols=[], shape=shape,
                summary=f"Random X ({n}×{n}), W ({f}×{f}) and G = ∂L/∂y ({m}×{m}), entries N(0, 1), seed "
                        f"{shape['seed']}; L = Σ_ij G_ij y_ij.",
                conditions="The formulas' gradients are compared, in float64, with central finite differences of L "
                           "(which use only the forward pass); the verdict is at best 'confirmed'.")
    probe = Probe("central finite differences of L (numerics.conv.gradient_check: 12 random entries of X and of W, "
                  "step 1e-3, rounding-aware)", 1e-6, shape["seed"], partial(_gradient_probe, shape))
    with evaluate(False):
        b.check(symbol(r"\frac{\partial L}{\partial \mathbf{X}}, \frac{\partial L}{\partial \mathbf{W}}"),
                symbol(r"\text{the formulas}"), "∂L/∂W and ∂L/∂X of the theorem (with the shape check) against finite "
                                            "differences", of=tuple(dict.fromkeys(
                                                _of(conv, k)[0] for k in ("chain-w", "linear-w", "grad-w", "chain-x",
                                                                          "linear-x", "reindex-x", "grad-x")))
                + ("crop",), probe=probe, name="gradients")
    return b.build()


def _gradient_probe(shape: dict) -> ProbeResult:
    n, f, p, s = (shape[k] for k in ("n", "f", "p", "s"))
    rng = np.random.default_rng(shape["seed"])
    m = output_side(n, f, p, s)
    X, W, G = rng.standard_normal((n, n)), rng.standard_normal((f, f)), rng.standard_normal((m, m))
    r = gradient_check(X, W, G, s, p, shape["convention"], shape["variant"], seed=shape["seed"])
    if r.worst.startswith("shape"):  # the formula's ∂L/∂X does not even have X's shape
        return ProbeResult(False, r.max_relative_error, r.checks, "shape of ∂L/∂X", f"{n} × {n} (the shape of X)",
                           r.worst.split(": ")[1].split(",")[0] + " (formula)")
    return ProbeResult(r.passed, r.max_relative_error, r.checks, r.worst, f"{r.finite_difference:.12g} (finite "
                       f"difference)", f"{r.analytic:.12g} (formula)")


FAMILY = Family(
    parameters=(
        Parameter("n", "input side (the input is n × n)", None, int),
        Parameter("f", "kernel side (the kernel is f × f)", None, int),
        Parameter("p", "zero padding on every side", 0, int),
        Parameter("s", "stride", 1, int),
        Parameter("convention", "cross-correlation (deep-learning libraries) or convolution (kernel flipped)",
                  "cross-correlation"),
        Parameter("variant", "backward formulas: " + ", ".join(VARIANTS) + " (the wrong ones must be refuted)",
                  "correct"),
        Parameter("seed", "seed of the random numeric instance", 0, int),
        Parameter("method", f"symbolic, numeric, or auto (symbolic when n² <= {SYMBOLIC_AUTO})", "auto"),
    ),
    build=instance,
    defaults=DEFAULTS,
)


# --- the figure ------------------------------------------------------------------------------------

def conv_example() -> Figure:
    """The sheet's example as grids: X, W, ∂L/∂y; ∂L/∂X (true convolution) and ∂L/∂W in both conventions.

    >>> f = conv_example()
    >>> [g.shape for g in f.grids]
    [(5, 5), (3, 3), (3, 3), (5, 5), (3, 3), (3, 3)]
    >>> f.grids[3].values[0]
    (3.0, 11.0, 14.0, 11.0, 3.0)
    """
    X, W, G = (np.array(SHEET[k]) for k in ("X", "W", "G"))
    dX, dW_conv = backward(X, W, G, convention="convolution")
    _, dW_xcorr = backward(X, W, G)
    top, bottom = 0.0, -7.2
    grids = (
        Grid(X, (0, top), r"\mathbf{X}", "blue"),
        Grid(W, (6.3, top), r"\mathbf{W}", "orange"),
        Grid(G, (11.6, top), r"\partial L/\partial \mathbf{y}", "grey"),
        Grid(dX, (0, bottom), r"\partial L/\partial \mathbf{X}\ \mathrm{(convolution)}", "blue"),
        Grid(dW_conv, (6.3, bottom), r"\partial L/\partial \mathbf{W}\ \mathrm{(convolution)}", "orange"),
        Grid(dW_xcorr, (11.6, bottom), r"\partial L/\partial \mathbf{W}\ \mathrm{(correlation)}", "red"),
    )
    return Figure(
        id="conv-example",
        caption="Sheet 000 Q4: input X, kernel W and upstream gradient ∂L/∂y = 1 (top); below, under true "
        "convolution (∗), ∂L/∂X (5 × 5, the shape of X: the sheet's numbers) and ∂L/∂W = rot180(X ⋆ ∂L/∂y), "
        "and under cross-correlation (⋆) ∂L/∂W = X ⋆ ∂L/∂y (the sheet's ∂L/∂W). The two ∂L/∂W are rotated "
        "by 180° from each other.",
        xlabel="",
        ylabel="",
        xrange=(-0.6, 15.2),
        yrange=(-12.4, 1.0),
        series=(),
        grids=grids,
        axes=False,
        aspect="equal",
        width_cm=11.0,
        height_cm=9.5,
    )
