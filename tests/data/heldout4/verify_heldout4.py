"""Hand transcription of every derivation in tests/data/heldout4 into SymPy.

Each check states what it expects (True: the step holds as written; False: it is wrong as written)
and prints OK when SymPy agrees, FAIL otherwise.  Index chains are instantiated with n = 2 or 3,
unknown functions replaced by concrete stand-ins, numbers recomputed.
Run: /work/main/.venv/bin/python verify_heldout4.py
"""

import random

import sympy as sp

random.seed(4)
RESULTS = []


def same(a, b):
    """a == b identically (simplify, then numeric spot checks at random positive points as a fallback)."""
    d = sp.simplify(sp.expand(sp.sympify(a) - sp.sympify(b)))
    if d == 0:
        return True
    d = sp.sympify(a) - sp.sympify(b)
    syms = sorted(d.free_symbols, key=str)
    if not syms:
        return abs(complex(sp.N(d))) < 1e-12
    for _ in range(6):
        val = d.subs({s: sp.Rational(random.randint(1, 9), random.randint(2, 7)) for s in syms})
        if abs(complex(sp.N(val, 30))) > 1e-12:
            return False
    return True


def check(label, holds, expected=True):
    ok = bool(holds) == expected
    RESULTS.append(ok)
    print(f"{'OK  ' if ok else 'FAIL'} {label}: {'holds' if holds else 'does not hold'}"
          f" (expected {'to hold' if expected else 'wrong'})")


def chain(label, lhs, rows, expected):
    """Each row of a chain equals the previous one (the first equals lhs); expected: list of bools."""
    prev = lhs
    for k, (row, exp) in enumerate(zip(rows, expected), 1):
        check(f"{label} step {k}", same(prev, row), exp)
        prev = row


def near(value, shown, digits):
    """A rounded decimal is right within one unit of its last digit."""
    return abs(float(value) - shown) <= 10 ** (-digits) * 1.000001


def softmax(xs):
    S = sum(sp.exp(x) for x in xs)
    return [sp.exp(x) / S for x in xs], S


z, x = sp.symbols("z x", real=True)

# ---------------------------------------------------------------- f01 sigmoid (limits-to-arbitrage)
print("== f01")
E = sp.exp(-z)
g = 1 / (1 + E)
gp = sp.diff(g, z)
F01 = [
    -sp.diff(1 + E, z) / (1 + E) ** 2,                    # reciprocal rule
    -(sp.diff(sp.Integer(1), z) + sp.diff(E, z)) / (1 + E) ** 2,  # sum rule
    -(-E) / (1 + E) ** 2,
    E / (1 + E) ** 2,
    E / ((1 + E) * (1 + E)),
    1 / (1 + E) * E / (1 + E),
    1 / (1 + E) * (1 + E - 1) / (1 + E),
    1 / (1 + E) * ((1 + E) / (1 + E) - 1 / (1 + E)),
    g * (1 - g),
]
for k, row in enumerate(F01, 1):
    check(f"f01 display {k}: g'(z) = row", same(gp, row))
check("f01 prose: d/dz e^{-z} = -e^{-z}", same(sp.diff(E, z), -E))
# f01.wrong: display 5 (changed line) (1+e^{-z})(1+e^{-z}) -> (1+e^{-z})(1-e^{-z})
check("f01.wrong display 5: e^{-z}/((1+e^{-z})(1-e^{-z}))", same(gp, E / ((1 + E) * (1 - E))), False)

# ---------------------------------------------------------------- f02 sigmoid (sebastianraschka)
print("== f02")
E = sp.exp(-x)
sig = 1 / (1 + E)
sp_ = sp.diff(sig, x)
check("f02 intro, intended reading d/dx sigma(x) = e^{-x}/(1+e^{-x})^2", same(sp_, E / (1 + E) ** 2))
# as written the left side is the bare operator d/dx with no operand; the only value it could take
# (the derivative of an empty operand, i.e. of the constant 1) is 0
check("f02 intro as written: d/dx (no operand) = e^{-x}/(1+e^{-x})^2", same(sp.diff(sp.Integer(1), x), E / (1 + E) ** 2), False)
rows = [
    sp.diff(1 / (1 + E), x),
    sp.diff((1 + E) ** -1, x),
    -(1 + E) ** -2 * sp.diff(1 + E, x),
    -(1 + E) ** -2 * (sp.diff(sp.Integer(1), x) + sp.diff(E, x)),
    -(1 + E) ** -2 * sp.diff(E, x),
    -(1 + E) ** -2 * E * sp.diff(-x, x),
    -(1 + E) ** -2 * (-E),
    1 / (1 + E) ** 2 * E,
    E / (1 + E) ** 2,
]
chain("f02 first align", sp_, rows, [True] * 9)
rows = [
    E / (1 + E) * 1 / (1 + E),
    (-1 + 1 + E) / (1 + E) * 1 / (1 + E),
    (-1 / (1 + E) + (1 + E) / (1 + E)) * 1 / (1 + E),
    (-1 / (1 + E) + 1) * 1 / (1 + E),
    (1 - 1 / (1 + E)) * 1 / (1 + E),
    (1 - sig) * sig,
]
chain("f02 second align", E / (1 + E) ** 2, rows, [True] * 6)

# ---------------------------------------------------------------- f03 sigmoid (peterroelants)
print("== f03")
E = sp.exp(-z)
s = 1 / (1 + E)
rows = [sp.diff(s, z), sp.diff(1 / (1 + E), z), -1 / (1 + E) ** 2 * E * -1, 1 / (1 + E) * E / (1 + E)]
chain("f03 first display", sp.diff(s, z), rows, [True] * 4)
chain("f03 prose 1 - sigma(z)", 1 - s, [1 - 1 / (1 + E), E / (1 + E)], [True] * 2)
chain("f03 second display", sp.diff(s, z), [1 / (1 + E) * E / (1 + E), s * (1 - s), s * (1 - s)], [True] * 3)

# ---------------------------------------------------------------- f04 tanh (mathsgee)
print("== f04")
ex, emx = sp.exp(x), sp.exp(-x)
th = (ex - emx) / (ex + emx)
check("f04 definition tanh = (e^x-e^-x)/(e^x+e^-x)", same(sp.tanh(x).rewrite(sp.exp), th))
dth = sp.diff(sp.tanh(x), x)
rows = [((ex + emx) * (ex + emx) - (ex - emx) * (ex - emx)) / (ex + emx) ** 2,
        1 - (ex - emx) ** 2 / (ex + emx) ** 2,
        1 - sp.tanh(x) ** 2]
chain("f04 aligned", dth, rows, [True] * 3)
check("f04 first line: derivative is 1 - tanh^2", same(dth, 1 - sp.tanh(x) ** 2))
# f04.wrong: second row exponent 2 -> 3 in the numerator
check("f04.wrong step 2: 1 - (e^x-e^-x)^3/(e^x+e^-x)^2", same(rows[0], 1 - (ex - emx) ** 3 / (ex + emx) ** 2), False)

# ---------------------------------------------------------------- f05 tanh (specialfunctionswiki)
print("== f05")
check("f05 tanh = sinh/cosh", same(sp.tanh(z), sp.sinh(z) / sp.cosh(z)))
rows = [sp.diff(sp.sinh(z) / sp.cosh(z), z),
        (sp.cosh(z) ** 2 - sp.sinh(z) ** 2) / sp.cosh(z) ** 2,
        1 / sp.cosh(z) ** 2,
        sp.sech(z) ** 2]
chain("f05 array", sp.diff(sp.tanh(z), z), rows, [True] * 4)
# f05.wrong: dropped factor cosh in the denominator of step 2
check("f05.wrong step 2: (cosh^2 - sinh^2)/cosh", same(sp.diff(sp.tanh(z), z), (sp.cosh(z) ** 2 - sp.sinh(z) ** 2) / sp.cosh(z)), False)

# ---------------------------------------------------------------- f06 softmax Jacobian (w32zhong/mnn)
print("== f06")
X = sp.symbols("x1:4")
Y, S = softmax(X)
n = 3
Jtrue = sp.Matrix(n, n, lambda i, k: sp.diff(Y[i], X[k]))
ok = True
for i in range(n):
    k = i
    rows = [(sp.exp(X[i]) * S - sp.exp(X[i]) * sp.exp(X[i])) / S ** 2,
            sp.exp(X[i]) * (S - sp.exp(X[i])) / S ** 2,
            sp.exp(X[i]) / S * (S - sp.exp(X[i])) / S,
            Y[i] * (1 - Y[i]),
            Y[i] - Y[i] * Y[k]]
    chain(f"f06 i=k={i+1} chain", Jtrue[i, k], rows, [True] * 5)
for i in range(n):
    for k in range(n):
        if i != k:
            chain(f"f06 i={i+1},k={k+1} chain", Jtrue[i, k],
                  [(0 - sp.exp(X[i]) * sp.exp(X[k])) / S ** 2, -Y[i] * Y[k]], [True] * 2)
y1, y2, y3 = Y
Jwritten = sp.Matrix([[y1 - y1 * y1, -y1 * y2, -y1 * y3],      # row 1, "- y_1 y_n" with n = 3
                      [y2 * y1, y2 - y1 * y2, -y1 * y3],       # row 2 as written
                      [y3 * y1, -y3 * y2, y3 - y3 * y3]])      # last row (n = 3) as written
Dm = sp.diag(*Y) - sp.Matrix(Y) * sp.Matrix(Y).T
check("f06 Jacobian display step 1: J = matrix as written", all(same(Jtrue[a, b], Jwritten[a, b]) for a in range(3) for b in range(3)), False)
for (a, b) in [(1, 0), (1, 1), (1, 2), (2, 0)]:
    check(f"f06 entry ({a+1},{b+1}) as written", same(Jtrue[a, b], Jwritten[a, b]), False)
check("f06 Jacobian display step 2: matrix as written = diag(y) - y y^T", all(same(Jwritten[a, b], Dm[a, b]) for a in range(3) for b in range(3)), False)
check("f06 J = diag(y) - y y^T (the closing form)", all(same(Jtrue[a, b], Dm[a, b]) for a in range(3) for b in range(3)))


# ---------------------------------------------------------------- f07 / f20 softmax (arunmallya)
def arunmallya(tag, fixed):
    Y, S = softmax(X)
    c = sp.symbols("c1:4")
    Estd = sum(c[j] * Y[j] ** 2 for j in range(3))  # stand-in for E(y)
    ys = sp.symbols("ys1:4")
    Eofy = sum(c[j] * ys[j] ** 2 for j in range(3))
    i = 0
    dE = sum(sp.diff(Eofy, ys[j]).subs(dict(zip(ys, Y))) * sp.diff(Y[j], X[i]) for j in range(3))
    check(f"{tag} chain rule dE/dx_i = sum_j dE/dy_j dy_j/dx_i (n = m = 3, E = sum c_j y_j^2)", same(sp.diff(Estd, X[i]), dE))
    e_i = sp.exp(X[i])
    true_ii = sp.diff(Y[i], X[i])
    if fixed:
        rows = [sp.diff(e_i / S, X[i]), (e_i * S - e_i ** 2) / S ** 2, e_i / S - e_i ** 2 / S ** 2,
                e_i / S * (1 - e_i / S), Y[i] * (1 - Y[i]), Y[i] * (1 - Y[i])]
        exp = [True] * 6
    else:
        rows = [sp.diff(e_i / S, X[i]), (e_i - e_i ** 2) / S ** 2, e_i / S * (1 - e_i) / S,
                Y[i] * (1 - Y[i]), Y[i] * (1 - Y[i])]
        exp = [True, False, True, False, True]
    chain(f"{tag} i=j chain (i=j=1; last row y_i(1{{i=j}} - y_j) with j=i)", true_ii, rows, exp)
    j = 1
    e_j = sp.exp(X[j])
    rows = [sp.diff(e_j / S, X[i]), -e_i * e_j / S ** 2, -e_i / S * e_j / S, -Y[i] * Y[j], Y[i] * (0 - Y[j])]
    chain(f"{tag} i!=j chain (i=1, j=2; left side as written dy_i/dx_i)", true_ii, rows, [False, True, True, True, True])
    check(f"{tag} i!=j step 1 with the intended left side dy_j/dx_i", same(sp.diff(Y[j], X[i]), rows[0]))
    return Y


print("== f07")
arunmallya("f07", fixed=False)
zz = [sp.Rational(3, 10), sp.Rational(-12, 10), sp.Rational(7, 10)]
Yn, Sn = softmax(zz)
check("f07 old note: true dy_1/dx_1 at z=(0.3,-1.2,0.7) = 0.2327", near(Yn[0] * (1 - Yn[0]), 0.2327, 4))
check("f07 old note: line as written gives -0.0352", near((sp.exp(zz[0]) - sp.exp(zz[0]) ** 2) / Sn ** 2, -0.0352, 4))

# ---------------------------------------------------------------- f08 softmax (stats.stackexchange)
print("== f08")
Zs = sp.symbols("z1:4")
Sv, Ssum = softmax(Zs)
for i in range(3):
    for j in range(3):
        true = sp.diff(Sv[i], Zs[j])
        quot = (Ssum * sp.diff(sp.exp(Zs[i]), Zs[j]) - sp.exp(Zs[i]) * sp.diff(Ssum, Zs[j])) / Ssum ** 2
        check(f"f08 quotient rule d_{j+1} S_{i+1}", same(true, quot))
        case = Sv[j] * (1 - Sv[i]) if i == j else -Sv[j] * Sv[i]
        check(f"f08 cases display D_{j+1}S_{i+1}", same(true, case))
        if i != j:
            chain(f"f08 i!=j display (i={i+1},j={j+1})", true,
                  [(Ssum * 0 - sp.exp(Zs[i]) * sp.exp(Zs[j])) / Ssum ** 2, -(sp.exp(Zs[i]) / Ssum) * (sp.exp(Zs[j]) / Ssum),
                   -Sv[i] * Sv[j]], [True] * 3)
        else:
            chain(f"f08 i=j display (i={i+1})", true,
                  [(Ssum * sp.exp(Zs[i]) - sp.exp(Zs[i]) * sp.exp(Zs[i])) / Ssum ** 2,
                   (sp.exp(Zs[i]) / Ssum) * ((Ssum - sp.exp(Zs[i])) / Ssum), Sv[i] * (1 - Sv[i])], [True] * 3)
chain("f08 S_j(1-S_i) with i=j", Sv[0] * (1 - Sv[0]), [Sv[0] - Sv[0] ** 2, Sv[0] - Sv[0] ** 2], [True] * 2)


# ---------------------------------------------------------------- f09 / f10 / f12 softmax + cross-entropy
def ce_checks(tag, rows_fn, last_general, last):
    Zs = sp.symbols("z1:4")
    A, _ = softmax(Zs)
    T = sp.symbols("t1:4")
    L = -sum(T[k] * sp.log(A[k]) for k in range(3))
    for i in range(3):
        true = sp.diff(L, Zs[i])
        rows = rows_fn(A, T, Zs, i)
        chain(f"{tag} chain (i={i+1}, general targets)", true, rows, [True] * len(rows))
        check(f"{tag} i={i+1} last-but-one row = a_i sum t - t_i", same(true, last_general(A, T, i)))
        onehot = {T[0]: sp.Rational(1, 5), T[1]: sp.Rational(1, 2), T[2]: sp.Rational(3, 10)}
        check(f"{tag} i={i+1} final row with sum t = 1 (t = (0.2, 0.5, 0.3))", same(true.subs(onehot), last(A, T, i).subs(onehot)))
        check(f"{tag} i={i+1} final row without sum t = 1 (t = (1, 1, 0))", same(true.subs({T[0]: 1, T[1]: 1, T[2]: 0}), last(A, T, i).subs({T[0]: 1, T[1]: 1, T[2]: 0})), False)


print("== f09")


def f09_rows(Y, T, Zs, i):
    C = range(3)
    dy = lambda j: sp.diff(Y[j], Zs[i])
    return [-sum(sp.diff(T[j] * sp.log(Y[j]), Zs[i]) for j in C),
            -sum(T[j] * sp.diff(sp.log(Y[j]), Zs[i]) for j in C),
            -sum(T[j] / Y[j] * dy(j) for j in C),
            -T[i] / Y[i] * dy(i) - sum(T[j] / Y[j] * dy(j) for j in C if j != i),
            -T[i] / Y[i] * Y[i] * (1 - Y[i]) - sum(T[j] / Y[j] * (-Y[j] * Y[i]) for j in C if j != i),
            -T[i] + T[i] * Y[i] + sum(T[j] * Y[i] for j in C if j != i),
            -T[i] + sum(T[j] * Y[i] for j in C),
            -T[i] + Y[i] * sum(T[j] for j in C)]


ce_checks("f09", f09_rows, lambda Y, T, i: Y[i] * sum(T) - T[i], lambda Y, T, i: Y[i] - T[i])

print("== f10")


def f10_rows(A, Yt, Zs, i, swapped=False):
    C = range(3)
    rows = [-sum(Yt[k] / A[k] * sp.diff(A[k], Zs[i]) for k in C),
            -Yt[i] * (1 - A[i]) - sum(Yt[k] / A[k] * (-A[k] * A[i]) for k in C if k != i),
            -Yt[i] * (1 - A[i]) + sum((Yt[i] * A[k] if swapped else Yt[k] * A[i]) for k in C if k != i),
            -Yt[i] + Yt[i] * A[i] + sum(Yt[k] * A[i] for k in C if k != i),
            A[i] * sum(Yt) - Yt[i]]
    return rows


Zs = sp.symbols("z1:4")
A, _ = softmax(Zs)
for i in range(3):
    for j in range(3):
        check(f"f10 softmax derivative da_{j+1}/dz_{i+1}", same(sp.diff(A[j], Zs[i]), A[i] * (1 - A[i]) if i == j else -A[i] * A[j]))
ce_checks("f10", f10_rows, lambda A, T, i: A[i] * sum(T) - T[i], lambda A, T, i: A[i] - T[i])
# f10.wrong: third row (changed line) sum_{k != i} y_k a_i -> sum_{k != i} y_i a_k (swapped index)
Yt = sp.symbols("t1:4")
for i in range(3):
    r = f10_rows(A, Yt, Zs, i)
    w = f10_rows(A, Yt, Zs, i, swapped=True)
    check(f"f10.wrong step 3 (i={i+1}): row 2 = -y_i(1-a_i) + sum_(k!=i) y_i a_k", same(r[1], w[2]), False)

print("== f12")
for i in range(3):
    for j in range(3):
        check(f"f12 softmax derivative dp_{j+1}/do_{i+1}", same(sp.diff(A[j], Zs[i]), A[i] * (1 - A[i]) if i == j else -A[i] * A[j]))


def f12_rows(P, Yt, O, i):
    C = range(3)
    return [-sum(Yt[k] * sp.diff(sp.log(P[k]), O[i]) for k in C),
            -sum(Yt[k] / P[k] * sp.diff(P[k], O[i]) for k in C),
            -Yt[i] * (1 - P[i]) - sum(Yt[k] / P[k] * (-P[k] * P[i]) for k in C if k != i),
            -Yt[i] + Yt[i] * P[i] + sum(Yt[k] * P[i] for k in C if k != i),
            P[i] * sum(Yt) - Yt[i]]


ce_checks("f12", f12_rows, lambda P, T, i: P[i] * sum(T) - T[i], lambda P, T, i: P[i] - T[i])

# ---------------------------------------------------------------- f11 go2carter
print("== f11")
Q = sp.symbols("q1:4")
Yh, _ = softmax(Q)
Yv = sp.symbols("y1:4")
Et = -sum(Yv[k] * sp.log(Yh[k]) for k in range(3))
yhs = sp.symbols("yh1:4", positive=True)
for k in range(3):
    check(f"f11 eq e8 dE/dyhat_{k+1} = -y_k/yhat_k", same(sp.diff(-sum(Yv[m] * sp.log(yhs[m]) for m in range(3)), yhs[k]), -Yv[k] / yhs[k]))
    for l in range(3):
        case = -Yh[k] * Yh[l] if k != l else Yh[k] * (1 - Yh[k])
        check(f"f11 cases display dyhat_{k+1}/dq_{l+1} (sigma = the softmax yhat)", same(sp.diff(Yh[k], Q[l]), case))


def f11_rows(l, Y, YH):
    line34 = -Y[l] / YH[l] * (YH[l] * (1 - YH[l]) + sum((-Y[k] / YH[k]) * (-YH[k] * YH[l]) for k in range(3) if k != l))
    line35 = -Y[l] + Y[l] * YH[l] + sum(Y[k] * YH[l] for k in range(3) if k != l)
    line36 = -Y[l] + YH[l] * sum(Y)
    return line34, line35, line36


for l in range(3):
    true = sp.diff(Et, Q[l])
    l34, l35, l36 = f11_rows(l, Yv, Yh)
    check(f"f11 block 2 step 1 (l={l+1}): bracketed line = next line", same(l34, l35), False)
    check(f"f11 bracketed line (l={l+1}) = true dE/dq_l", same(l34, true), False)
    check(f"f11 block 2 step 2 (l={l+1})", same(l35, l36))
    check(f"f11 line 2 of block 2 = true dE/dq_l (l={l+1})", same(l35, true))
    oh = {Yv[0]: 1, Yv[1]: 0, Yv[2]: 0}
    check(f"f11 eq diff with one-hot y (l={l+1})", same(true.subs(oh), (Yh[l] - Yv[l]).subs(oh)))
    check(f"f11 bracketed line with one-hot y=(1,0,0) (l={l+1}) = true", same(l34.subs(oh), true.subs(oh)), l == 0)
qn = {Q[0]: sp.Rational(3, 10), Q[1]: sp.Rational(-12, 10), Q[2]: sp.Rational(7, 10)}
oh = {Yv[0]: 1, Yv[1]: 0, Yv[2]: 0}
l34, l35, _ = f11_rows(1, Yv, Yh)
check("f11 old note: one-hot, l=2: bracketed line 0", near(l34.subs(oh).subs(qn), 0.0, 4))
check("f11 old note: one-hot, l=2: true 0.0822", near(sp.diff(Et, Q[1]).subs(oh).subs(qn), 0.0822, 4))
soft = {Yv[0]: sp.Rational(1, 5), Yv[1]: sp.Rational(1, 2), Yv[2]: sp.Rational(3, 10)}
l34, l35, _ = f11_rows(0, Yv, Yh)
check("f11 old note: soft y, l=1: bracketed line -0.286", near(l34.subs(soft).subs(qn), -0.286, 3))
check("f11 old note: soft y, l=1: true 0.168", near(sp.diff(Et, Q[0]).subs(soft).subs(qn), 0.168, 3))

# ---------------------------------------------------------------- f13 BCE (niaza64)
print("== f13")
y, yh, a, b = sp.symbols("y yhat a b", positive=True)
BCE = -(y * sp.log(yh) + (1 - y) * sp.log(1 - yh))
rows = [-(y / yh + (1 - y) * (1 / (1 - yh)) * (-1)),
        -(y / yh - (1 - y) / (1 - yh)),
        -(y * (1 - yh) - (1 - y) * yh) / (yh * (1 - yh)),
        -(y - y * yh - yh + y * yh) / (yh * (1 - yh)),
        -(y - yh) / (yh * (1 - yh)),
        (yh - y) / (yh * (1 - yh))]
chain("f13 Piece 3 chain", sp.diff(BCE, yh), rows, [True] * 6)
check("f13 dBCE/dyhat = (yhat-y)/(yhat(1-yhat))", same(sp.diff(BCE, yh), (yh - y) / (yh * (1 - yh))))
check("f13 Piece 1 dz/da = x", same(sp.diff(a * x + b, a), x))
sg = 1 / (1 + sp.exp(-z))
check("f13 Piece 2 dyhat/dz = yhat(1-yhat)", same(sp.diff(sg, z), sg * (1 - sg)))
full = BCE.subs(yh, 1 / (1 + sp.exp(-(a * x + b))))
yv = 1 / (1 + sp.exp(-(a * x + b)))
check("f13 chain rule product [(yhat-y)/(yhat(1-yhat))][yhat(1-yhat)][x]", same(sp.diff(full, a), ((yh - y) / (yh * (1 - yh)) * yh * (1 - yh) * x).subs(yh, yv)))
check("f13 dBCE/da = (yhat - y) x", same(sp.diff(full, a), (yv - y) * x))
# f13.wrong: step 3 sign flip  -(1-y)yhat -> +(1-y)yhat
check("f13.wrong step 3: -[y(1-yhat) + (1-y)yhat]/[yhat(1-yhat)]", same(rows[1], -(y * (1 - yh) + (1 - y) * yh) / (yh * (1 - yh))), False)

# ---------------------------------------------------------------- f14 BCE (peterroelants)
print("== f14")
t, yy = sp.symbols("t y", positive=True)
xi = -t * sp.log(yy) - (1 - t) * sp.log(1 - yy)
rows = [sp.diff(xi, yy), sp.diff(-t * sp.log(yy), yy) + sp.diff(-(1 - t) * sp.log(1 - yy), yy),
        -t / yy + (1 - t) / (1 - yy), (yy - t) / (yy * (1 - yy))]
chain("f14 split display", sp.diff(xi, yy), rows, [True] * 4)
ysig = 1 / (1 + sp.exp(-z))
dxi_dz = sp.diff(xi.subs(yy, ysig), z)
rows = [(yy * (1 - yy) * (yy - t) / (yy * (1 - yy))).subs(yy, ysig), (yy * (1 - yy) * (yy - t) / (yy * (1 - yy))).subs(yy, ysig), ysig - t]
chain("f14 dxi/dz display", dxi_dz, rows, [True] * 3)
check("f14 dy/dz = y(1-y)", same(sp.diff(ysig, z), ysig * (1 - ysig)))

# ---------------------------------------------------------------- f15 MSE (septa97)
print("== f15")
u, yact, w0, w1, w2, x0, x1, x2 = sp.symbols("u y_act w0 w1 w2 x0 x1 x2")
i_, nn = sp.symbols("i n", integer=True, positive=True)
nval = 3
MSE_u = sp.Rational(1, 2 * nval) * sp.Sum(u ** 2, (i_, 0, nval - 1)).doit()  # u as written: no index
check("f15 dMSE/du = (1/n) sum u (u as written, not indexed; n=3)", same(sp.diff(MSE_u, u), sp.Rational(1, nval) * sp.Sum(u, (i_, 0, nval - 1)).doit()))
uexpr = yact - (w0 * x0 + w1 * x1 + w2 * x2)  # m = 3
check("f15 chain rule dMSE/dw0 = dMSE/du du/dw0", same(sp.diff(MSE_u.subs(u, uexpr), w0), sp.diff(MSE_u, u).subs(u, uexpr) * sp.diff(uexpr, w0)))
check("f15 du/dw0 = x0", same(sp.diff(uexpr, w0), x0), False)
# per-sample check of the final claim with n = 3 samples
Xs = sp.Matrix(3, 3, lambda r, c: sp.Symbol(f"x{r}{c}"))
ys_ = sp.symbols("ya0:3")
W = sp.Matrix([w0, w1, w2])
pred = [(Xs[r, :] * W)[0] for r in range(3)]
MSE = sp.Rational(1, 6) * sum((ys_[r] - pred[r]) ** 2 for r in range(3))
claim = sp.Rational(1, 3) * sum((ys_[r] - pred[r]) * Xs[r, 0] for r in range(3))
check("f15 final dMSE/dw0 = (1/n) sum (y_act - y_pred) x0 (n=3 samples)", same(sp.diff(MSE, w0), claim), False)
check("f15 the claim is exactly minus the true gradient", same(sp.diff(MSE, w0), -claim))

# ---------------------------------------------------------------- f16 MSE (imathworks)
print("== f16")
m, bb = sp.symbols("m b")
Xi = sp.symbols("X1:4")
Yi = sp.symbols("Y1:4")
N = 3
J = sp.Rational(1, 2 * N) * sum((m * Xi[k] + bb - Yi[k]) ** 2 for k in range(N))
rows = [sp.Rational(1, 2 * N) * sp.diff(sum((m * Xi[k] + bb - Yi[k]) ** 2 for k in range(N)), m),
        sp.Rational(1, 2 * N) * sum(sp.diff((m * Xi[k] + bb - Yi[k]) ** 2, m) for k in range(N)),
        sp.Rational(1, 2 * N) * sum(2 * (m * Xi[k] + bb - Yi[k]) * sp.diff(m * Xi[k] + bb - Yi[k], m) for k in range(N)),
        sp.Rational(1, N) * sum((m * Xi[k] + bb - Yi[k]) * Xi[k] for k in range(N))]
chain("f16 align", sp.diff(J, m), rows, [True] * 4)
# f16.wrong: the chain-rule row loses its factor 2
wrong3 = sp.Rational(1, 2 * N) * sum((m * Xi[k] + bb - Yi[k]) * sp.diff(m * Xi[k] + bb - Yi[k], m) for k in range(N))
check("f16.wrong step 3: factor 2 dropped", same(rows[1], wrong3), False)

# ---------------------------------------------------------------- f17 backprop (neuroticnetworks)
print("== f17")
T_, c1, c2, wa, wb = sp.symbols("T L_j1 L_j2 w_1k w_2k", positive=True)
netk = wa * c1 + wb * c2
sgm = lambda v: 1 / (1 + sp.exp(-v))
Lk = sgm(netk)
Eerr = (T_ - Lk) ** 2 / 2
Lks, nets = sp.symbols("L_k net_k")
check("f17 dsigma/dx = sigma(1-sigma)", same(sp.diff(sgm(z), z), sgm(z) * (1 - sgm(z))))
check("f17 dnet_k/dL_j = w_jk", same(sp.diff(netk, c1), wa))
dE_dLk = sp.diff((T_ - Lks) ** 2 / 2, Lks)
rows = [dE_dLk.subs(Lks, Lk) * sp.diff(Lk, wa),
        dE_dLk.subs(Lks, Lk) * sp.diff(sgm(netk), wa),
        dE_dLk.subs(Lks, Lk) * sp.diff(sgm(nets), nets).subs(nets, netk) * sp.diff(netk, wa)]
chain("f17 output chain (j = 1)", sp.diff(Eerr, wa), rows, [True] * 3)
chain("f17 dE/dL_k bullet", dE_dLk, [sp.diff((T_ - Lks) ** 2 / 2, Lks), (T_ - Lks) * (-1), Lks - T_], [True] * 3)
chain("f17 dsigma(net_k)/dnet_k bullet", sp.diff(sgm(nets), nets), [sgm(nets) * (1 - sgm(nets)), (Lks * (1 - Lks)).subs(Lks, sgm(nets))], [True] * 2)
check("f17 dnet_k/dw_jk = L_j", same(sp.diff(netk, wa), c1))
check("f17 result dE/dw_jk = (L_k - T) L_k(1-L_k) L_j", same(sp.diff(Eerr, wa), (Lk - T_) * Lk * (1 - Lk) * c1))

# ---------------------------------------------------------------- f18 residual (vxnuaj)
print("== f18")
# stand-ins: F_k(x) = a_k x, ReLU in its linear region (identity), CrsEnt(v) = -v
a1, a2, a3, a4, p, G, x1s = sp.symbols("a1 a2 a3 a4 p G x1", positive=True)
x5s = sp.Symbol("x5", positive=True)
Lce = -(p * sp.log(x5s))
check("f18 dL/dx5 = x5 - p with L = CrsEnt(p log x5) = -p log x5", same(sp.diff(Lce, x5s), x5s - p), False)
# chain-rule displays with a generic upstream gradient G = dL/dx5 (L = G x5)
X2 = a1 * x1s
X3 = a2 * X2 + x1s
X4 = a3 * X3
X5 = a4 * X4 + X3
Lg = G * X5
# partial derivatives of each node with respect to its direct inputs
d54, d53_direct, d43, d32, d31_direct, d21 = a4, 1, a3, a2, 1, a1
s4, s3 = sp.symbols("s4 s3")
check("f18 dL/dx4 = dL/dx5 dx5/dx4 (x4 reaches L only through x5)", same(sp.diff(G * (a4 * s4 + s3), s4), G * d54))
dLdx3_true = G * (a4 * a3 + 1)
check("f18 (d2) step 1: dL/dx3 = G a4 a3 + G dx5/dx3 (partial)", same(dLdx3_true, G * d54 * d43 + G * d53_direct))
check("f18 (d2) step 2, dF4(x4)/dx3 as a partial (0): + G(0 + 1)", same(G * d54 * d43 + G * d53_direct, G * d54 * d43 + G * (0 + 1)))
check("f18 (d2) step 2, dF4(x4)/dx3 as total (a4 a3): + G(a4 a3 + 1) counts the path twice", same(dLdx3_true, G * d54 * d43 + G * (a4 * a3 + 1)), False)
dLdx2_true = dLdx3_true * d32
check("f18 dL/dx2 = G a4 a3 a2 (one path only)", same(dLdx2_true, G * d54 * d43 * d32), False)
dLdx1_true = dLdx3_true * (d32 * d21 + d31_direct)
check("f18 dL/dx1 from the graph = (dL/dx3)(dx3/dx2 dx2/dx1 + dx3/dx1)", same(sp.diff(Lg, x1s), dLdx1_true))
check("f18 (d1) step 1: dL/dx1 = G a4 a3 a2 a1 + G a4 a3 (dx3/dx1 = 1)", same(dLdx1_true, G * a4 * a3 * a2 * a1 + G * a4 * a3 * 1), False)

# ---------------------------------------------------------------- f19 residual (interactiveprimer)
print("== f19")
Fs = lambda v: sp.sin(v) + v ** 3 / 5   # stand-in for F
check("f19 step 1: d/dx[x + F(x)] = dx/dx + dF/dx", same(sp.diff(x + Fs(x), x), sp.diff(x, x) + sp.diff(Fs(x), x)))
check("f19 step 2: dy/dx = 1 + dF/dx", same(sp.diff(x + Fs(x), x), 1 + sp.diff(Fs(x), x)))
F1 = lambda v: sp.sin(v)
F2 = lambda v: v ** 2 / 3
Fk = [F1, F2, lambda v: sp.exp(v) / 7]
x0 = sp.Symbol("x0")
ys_chain = [x0]
for F in Fk:
    ys_chain.append(ys_chain[-1] + F(ys_chain[-1]))
prod = sp.Integer(1)
for k, F in enumerate(Fk):
    prod *= 1 + sp.diff(F(x), x).subs(x, ys_chain[k])
check("f19 step 4: dy_3/dx_0 = prod_k (1 + dF_k/dx_{k-1}) (n = 3)", same(sp.diff(ys_chain[-1], x0), prod))
f_ = sp.symbols("f1:4")
expanded = sp.expand(sp.prod([1 + fk for fk in f_]))
check("f19 the expansion is 1 + terms each holding some dF_k", same(expanded.subs({fk: 0 for fk in f_}), 1))

# ---------------------------------------------------------------- f20 (arunmallya 2016, fixed i=j case)
print("== f20")
arunmallya("f20", fixed=True)


# ---------------------------------------------------------------- the headers agree with the checks above
print("== headers")
import difflib
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
# file prefix -> (verdict, text that must be on the marked line); marked line = wrong-line header, or the
# one excerpt line in which a .wrong.md copy differs from its original
EXPECTED = {
    "f01": ("correct", None), "f02": ("wrong-step 1", r"\[\frac{d}{dx} = "),
    "f03": ("correct", None), "f04": ("correct", None), "f05": ("correct", None),
    "f06": ("wrong-step 1", r"y_2 y_1 & y_2 - y_1 y_2"), "f07": ("wrong-step 2", r"&= \frac{ e^{x_i} - \left(e^{x_i}\right)^2}"),
    "f08": ("correct", None), "f09": ("correct", None), "f10": ("correct", None),
    "f11": ("wrong-step 1", r"&= -y_{t_l}+y_{t_l}\hat{y}_{t_l}"), "f12": ("correct", None),
    "f13": ("correct", None), "f14": ("correct", None), "f15": ("wrong-step 1", r"\frac{\partial u}{\partial w_0} = x_0"),
    "f16": ("correct", None), "f17": ("correct", None), "f18": ("wrong-step 1", "= x_5 - p"),
    "f19": ("correct", None), "f20": ("wrong-step 1", r"\text{If } i\neq j, \frac{\partial y_i}{\partial x_i} &="),
    "f01.wrong": ("wrong-step 5", r"(1+e^{-z})(1-e^{-z})"), "f04.wrong": ("wrong-step 2", r"e^{-x}\right)^{3}}"),
    "f05.wrong": ("wrong-step 2", r"{\cosh(z)} \\"), "f10.wrong": ("wrong-step 3", r"\sum_{k\neq i} y_i a_k"),
    "f13.wrong": ("wrong-step 3", "= - [ y(1-ŷ) + (1-y)ŷ ]"), "f16.wrong": ("wrong-step 3", r"\left[(mX_i+b-y_i)\cdot"),
}


def _marked(name):
    text = open(os.path.join(HERE, name), encoding="utf-8").read()
    verdict = re.search(r"<!-- verdict: (correct|wrong-step \d+)", text).group(1)
    if verdict == "correct":
        return verdict, None, None
    lines = text.split("\n")
    header = re.search(r"<!-- wrong-line: (\d+)", text)
    if header:
        return verdict, int(header.group(1)), lines[int(header.group(1)) - 1]
    original = open(os.path.join(HERE, name.replace(".wrong.md", ".md")), encoding="utf-8").read().split("\n")
    ex_o = [l for l in original if not l.startswith("<!--")]
    ex_w = [l for l in lines if not l.startswith("<!--")]
    differing = [k for k in range(len(ex_o)) if ex_o[k] != ex_w[k]] if len(ex_o) == len(ex_w) else None
    matcher = difflib.SequenceMatcher(None, original, lines, autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        changed = [k for k in range(j1, j2) if not lines[k].startswith("<!--")]
        if tag != "equal" and changed:
            ok_one = differing is not None and len(differing) == 1
            stated = re.search(r"changed line (\d+)", text)
            ok_stated = stated is not None and int(stated.group(1)) == changed[0] + 1
            return verdict if ok_one and ok_stated else "bad copy", changed[0] + 1, lines[changed[0]]
    return "bad copy", None, None


names = sorted(n for n in os.listdir(HERE) if re.match(r"f\d\d_.*\.md$", n))
check("headers: 20 originals and 6 injected copies present", len(names) == 26 and sum(n.endswith(".wrong.md") for n in names) == 6)
for name in names:
    key = name[:3] + (".wrong" if name.endswith(".wrong.md") else "")
    verdict, line, text = _marked(name)
    want, needle = EXPECTED[key]
    check(f"headers: {name} verdict {want}" + (f", marked line {line} holds the step" if needle else ""),
          verdict == want and (needle is None or (text is not None and needle in text)))

# ---------------------------------------------------------------- summary
K = len(RESULTS)
good = sum(RESULTS)
print(f"{good} / {K} checks as expected")
