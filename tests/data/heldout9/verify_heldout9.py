"""Hand transcription of every step of the heldout9 files into SymPy.

Run with:  python3 verify_heldout9.py
Each check prints OK when the step's truth value is the one recorded in the
file's verdict (True for right steps, False for the genuine or injected wrong
steps), FAIL otherwise.  Index chains are instantiated with small sizes (2-3
samples, C = 3 classes, 3 neurons per layer), matrix identities are checked
entry by entry, unknown functions are replaced by concrete stand-ins (tanh,
sin, sigmoid, generic quadratic losses with random integer coefficients),
numbers are recomputed exactly with Rationals.  For every *.wrong.md copy the
changed step is checked to be false, and the original step it replaces to be
true; the remaining steps of a copy are the original's, checked once.
"""
import random

import sympy as sp

RESULTS = []


def check(name, cond, expected=True):
    """Record one step: cond is its truth value, expected the recorded verdict."""
    cond = bool(cond)
    ok = cond == expected
    RESULTS.append(ok)
    print(("OK  " if ok else "FAIL"), name, "(holds)" if cond else "(does not hold)",
          "" if expected else "[expected wrong]")


def eqn(a, b, tries=5):
    """Numeric equality at random rational points (30 digits)."""
    d = sp.sympify(a) - sp.sympify(b)
    syms = sorted(d.free_symbols, key=str)
    rng = random.Random(11)
    for _ in range(tries):
        vals = {s_: sp.Rational(rng.randint(3, 19), 7) * rng.choice([1, -1]) for s_ in syms}
        v = complex(sp.N(d.subs(vals), 30))
        if abs(v) > 1e-12:
            return False
    return True


def eq(a, b):
    """Symbolic equality with a numeric fallback."""
    d = sp.sympify(a) - sp.sympify(b)
    try:
        if sp.simplify(d) == 0:
            return True
    except Exception:  # pragma: no cover
        pass
    return eqn(a, b)


R = sp.Rational
E = sp.exp
D = sp.diff
log = sp.log


def sig(v):
    """Logistic sigmoid."""
    return 1 / (1 + E(-v))


def quad_loss(variables, seed):
    """A generic quadratic stand-in loss (random integer coefficients)."""
    rng = random.Random(seed)
    expr = 0
    for i, u in enumerate(variables):
        expr += rng.randint(1, 5) * u ** 2 + rng.randint(-4, 4) * u
        for v in variables[i + 1:]:
            expr += rng.randint(-2, 2) * u * v
    return expr


def t01():
    """t01 gaussian37 sigmoid chain (ko) and its wrong copy."""
    print("== t01 sigmoid derivative chain, file id 23259539517")
    z = sp.symbols("z", real=True)
    s = sig(z)
    d = D(s, z)
    u = 1 + E(-z)
    rows = [
        ("eq2 d/dz (1+e^-z)^-1", D(u ** -1, z)),
        ("eq3 (-1) 1/u^2 d/dz u", -1 / u ** 2 * D(u, z)),
        ("eq4 (-1) 1/u^2 (0+e^-z) d/dz(-z)", -1 / u ** 2 * (0 + E(-z)) * D(-z, z)),
        ("eq5 (-1) 1/u^2 e^-z (-1)", -1 / u ** 2 * E(-z) * (-1)),
        ("eq6 e^-z/u^2", E(-z) / u ** 2),
        ("eq7 (1+e^-z-1)/u^2", (1 + E(-z) - 1) / u ** 2),
        ("eq8 u/u^2 - 1/u^2", u / u ** 2 - 1 / u ** 2),
        ("eq9 1/u - 1/u^2", 1 / u - 1 / u ** 2),
        ("eq10 1/u (1 - 1/u)", 1 / u * (1 - 1 / u)),
        ("eq11 sigma(1-sigma)", s * (1 - s)),
        ("eq12 therefore", s * (1 - s)),
    ]
    for name, r in rows:
        check("t01 " + name, eq(r, d))
    check("t01.wrong eq9 1/u + 1/u^2 (injected)", eq(1 / u + 1 / u ** 2, d), expected=False)


def t02():
    """t02 tanh = 2 sigmoid(2x) - 1 (en) and its wrong copy."""
    print("== t02 tanh rescaled sigmoid, file id 26031293343")
    x = sp.symbols("x", real=True)
    tanh_def = (E(2 * x) - 1) / (E(2 * x) + 1)
    check("t02 tanh definition agrees with tanh", eq(tanh_def, sp.tanh(x)))
    sigd = lambda v: E(v) / (E(v) + 1)
    lhs = 2 * sigd(2 * x) - 1
    rows = [
        ("2e^{2x}/(1+e^{2x}) - 1", 2 * E(2 * x) / (1 + E(2 * x)) - 1),
        ("split into three fractions", E(2 * x) / (1 + E(2 * x)) + E(2 * x) / (1 + E(2 * x)) - (1 + E(2 * x)) / (1 + E(2 * x))),
        ("(e+e-1-e)/(1+e)", (E(2 * x) + E(2 * x) - 1 - E(2 * x)) / (1 + E(2 * x))),
        ("(e^{2x}-1)/(1+e^{2x})", (E(2 * x) - 1) / (1 + E(2 * x))),
        ("(e^{2x}-1)/(e^{2x}+1)", (E(2 * x) - 1) / (E(2 * x) + 1)),
        ("= tanh(x)", tanh_def),
    ]
    for name, r in rows:
        check("t02 " + name, eq(r, lhs))
    check("t02.wrong 2e^{x}/(1+e^{2x}) - 1 (injected)", eq(2 * E(x) / (1 + E(2 * x)) - 1, lhs), expected=False)


def t03():
    """t03 Chinese logistic regression (genuine wrong step 2 of J)."""
    print("== t03 logistic-regression loss, file id 32604286962")
    m = 2
    w1, w2 = sp.symbols("w1 w2", real=True)
    X = [sp.symbols(f"x{i}_1:3", real=True) for i in range(m)]
    ys = [sp.Integer(1), sp.Integer(0)]
    wx = [w1 * X[i][0] + w2 * X[i][1] for i in range(m)]
    h = [1 / (1 + E(-wx[i])) for i in range(m)]
    L = sp.prod([h[i] ** ys[i] * (1 - h[i]) ** (1 - ys[i]) for i in range(m)])
    logL = sum(log(h[i] ** ys[i] * (1 - h[i]) ** (1 - ys[i])) for i in range(m))
    check("t03 log L = sum log[h^y (1-h)^(1-y)]", eqn(log(L), logL))
    check("t03 = sum[y log h + (1-y) log(1-h)]", eqn(logL, sum(ys[i] * log(h[i]) + (1 - ys[i]) * log(1 - h[i]) for i in range(m))))
    for yv in (0, 1):
        yy = [sp.Integer(yv), sp.Integer(1 - yv)]
        J = -R(1, m) * sum(yy[i] * log(h[i]) + (1 - yy[i]) * log(1 - h[i]) for i in range(m))
        row2 = -R(1, m) * sum(yy[i] * log(1 / (1 + E(wx[i]))) + (1 - yy[i]) * log(E(-wx[i]) / (1 + E(-wx[i]))) for i in range(m))
        row3 = -R(1, m) * sum(log(1 / (1 + E(wx[i]))) + yy[i] * log(1 / E(-wx[i])) for i in range(m))
        row4 = R(1, m) * sum(-wx[i] * yy[i] + log(1 + E(wx[i])) for i in range(m))
        check(f"t03 J row 2 (y ln 1/(1+e^wx), genuine) [y1={yv}]", eqn(row2, J), expected=False)
        check(f"t03 J row 3 [y1={yv}]", eqn(row3, J))
        check(f"t03 J row 4 [y1={yv}]", eqn(row4, J))
        for j, wj in enumerate((w1, w2)):
            g = D(row4, wj)
            g1 = R(1, m) * sum(-X[i][j] * yy[i] + X[i][j] * E(wx[i]) / (1 + E(wx[i])) for i in range(m))
            g2 = R(1, m) * sum(X[i][j] * (1 / (1 + E(-wx[i])) - yy[i]) for i in range(m))
            g3 = R(1, m) * sum((h[i] - yy[i]) * X[i][j] for i in range(m))
            check(f"t03 dJ/dw_{j+1} row 1 [y1={yv}]", eqn(g1, g))
            check(f"t03 dJ/dw_{j+1} row 2 [y1={yv}]", eqn(g2, g))
            check(f"t03 dJ/dw_{j+1} row 3 [y1={yv}]", eqn(g3, g))


def t04():
    """t04 Turkish gradient descent on x^2 + 2y^2 and its wrong copy."""
    print("== t04 cescript gradient descent")
    x, y = sp.symbols("x y", real=True)
    f = x ** 2 + 2 * y ** 2
    g = sp.Matrix([D(f, x), D(f, y)])
    check("t04 grad f = [2x, 4y]", g == sp.Matrix([2 * x, 4 * y]))
    check("t04 Hessian = [[2,0],[0,4]]", sp.hessian(f, (x, y)) == sp.Matrix([[2, 0], [0, 4]]))
    a, b = sp.symbols("a b", real=True)
    gv = sp.Matrix([a, b])
    check("t04 grad^T d = -grad^T grad = -||grad||^2 (d = -grad)", eq((gv.T * (-gv))[0], -(a ** 2 + b ** 2)))
    eta = R(1, 4)
    xk = sp.Matrix([2, 2])
    for it, (dshow, xshow, fshow, nshow) in enumerate([((4, 8), (1, 0), 1, 2), ((2, 0), (R(1, 2), 0), R(1, 4), 1),
                                                        ((1, 0), (R(1, 4), 0), R(1, 16), R(1, 2))], 1):
        d = -g.subs({x: xk[0], y: xk[1]})
        check(f"t04 iter {it} d = -[{dshow}] (both rows)", d == -sp.Matrix(dshow))
        xn = xk + eta * d
        check(f"t04 iter {it} x = x + eta d = [{xshow}]", xn == sp.Matrix(xshow) and xk - eta * sp.Matrix(dshow) == xn)
        fx = f.subs({x: xn[0], y: xn[1]})
        check(f"t04 iter {it} f(x) = {fshow}", fx == fshow and xshow[0] ** 2 + 2 * xshow[1] ** 2 == fshow)
        gn = g.subs({x: xn[0], y: xn[1]})
        check(f"t04 iter {it} ||grad f(x)|| = {nshow}", sp.sqrt(gn.dot(gn)) == nshow)
        xk = xn
    check("t04.wrong f(x_3): 0.25^2 + 2 x 0.0^2 = 0.125 (injected)", R(1, 4) ** 2 + 2 * 0 == R(1, 8), expected=False)


def t05():
    """t05 SSR gradients (en), genuine d/dw in the dE/db chain."""
    print("== t05 sum of squared residuals, file id 6012961290")
    w, b = sp.symbols("w b", real=True)
    xs = sp.symbols("x1:4", real=True)
    ys = sp.symbols("y1:4", real=True)
    Eexpr = sum((ys[i] - w * xs[i] - b) ** 2 for i in range(3))
    gw, gb = D(Eexpr, w), D(Eexpr, b)
    check("t05 dE/dw = sum d/dw (.)^2", eq(sum(D((ys[i] - w * xs[i] - b) ** 2, w) for i in range(3)), gw))
    check("t05 = sum 2(.)(-x)", eq(sum(2 * (ys[i] - w * xs[i] - b) * (-xs[i]) for i in range(3)), gw))
    check("t05 = sum -2x(.)", eq(sum(-2 * xs[i] * (ys[i] - w * xs[i] - b) for i in range(3)), gw))
    check("t05 dE/db = sum d/dw (.)^2 (genuine: wrong variable)", eq(sum(D((ys[i] - w * xs[i] - b) ** 2, w) for i in range(3)), gb), expected=False)
    check("t05 = sum 2(.)(-1) (true for dE/db)", eq(sum(2 * (ys[i] - w * xs[i] - b) * (-1) for i in range(3)), gb))
    check("t05 = sum -2(.)", eq(sum(-2 * (ys[i] - w * xs[i] - b) for i in range(3)), gb))


def t06():
    """t06 GuanyunFeng tanh page with the sigmoid chain (genuine)."""
    print("== t06 GuanyunFeng Tanh.md")
    x = sp.symbols("x", real=True)
    T = (E(x) - E(-x)) / (E(x) + E(-x))
    dT = D(T, x)
    r1 = E(-x) / (1 + E(-x)) ** 2
    check("t06 dT/dx = e^-x/(1+e^-x)^2 (genuine: sigmoid derivative)", eq(r1, dT), expected=False)
    check("t06 = (1+e^-x-1)/(1+e^-x)^2 (agrees with previous row)", eq((1 + E(-x) - 1) / (1 + E(-x)) ** 2, r1))
    check("t06 = 1/(1+e^-x) - 1/(1+e^-x)^2", eq(1 / (1 + E(-x)) - 1 / (1 + E(-x)) ** 2, r1))
    check("t06 = 1/(1+e^-x)(1-1/(1+e^-x))", eq(1 / (1 + E(-x)) * (1 - 1 / (1 + E(-x))), r1))
    check("t06 = 1 - T^2 (true for tanh, false against the previous row)", eq(1 - T ** 2, r1), expected=False)
    check("t06 1 - T^2 is the tanh derivative", eq(1 - T ** 2, dT))


def t07():
    """t07 reST linear regression gradients (4)-(5)."""
    print("== t07 reST ml_basics, file id 31324618255")
    w, b = sp.symbols("w b", real=True)
    m = 3
    xs = sp.symbols("x0:3", real=True)
    ys = sp.symbols("y0:3", real=True)
    J = R(1, 2 * m) * sum((w * xs[i] + b - ys[i]) ** 2 for i in range(m))
    check("t07 (4) dJ/dw = 1/m sum (f-y) x", eq(D(J, w), R(1, m) * sum((w * xs[i] + b - ys[i]) * xs[i] for i in range(m))))
    check("t07 (5) dJ/db = 1/m sum (f-y)", eq(D(J, b), R(1, m) * sum((w * xs[i] + b - ys[i]) for i in range(m))))


def t08():
    """t08 Derivatives note (en), genuine missing brackets."""
    print("== t08 Derivatives, file id 34401559917")
    h = R(1, 10000)
    f = lambda v: 3 * v ** 2 + 4 * v + 6
    literal = (3 * (2 + h) ** 2 + 4 * (2 + h) + 6 - 3 * 2 ** 2 + 4 * 2 + 6) / h
    meant = (f(2 + h) - f(2)) / h
    check("t08 literal quotient ~ 16 (genuine: f(2) not bracketed; value 280016)", abs(literal - 16) < 1, expected=False)
    check("t08 the bracketed quotient is ~ 16", abs(meant - 16) < R(1, 100))
    x = sp.symbols("x", real=True)
    check("t08 f'(x) = 6x + 4", eq(D(f(x), x), 6 * x + 4))
    check("t08 f'(2) = 16", (6 * x + 4).subs(x, 2) == 16)
    u = sp.symbols("u")
    g = 4 * x ** 2 + 5 * x + 6
    true = D(g ** 7, x)
    check("t08 f'(u) g'(x) = 7u^6 (8x+5) (u = g)", eq((7 * u ** 6 * (8 * x + 5)).subs(u, g), true))
    check("t08 = 7 g^6 (8x+5)", eq(7 * g ** 6 * (8 * x + 5), true))


def t09():
    """t09 Italian smoothed-hinge loss, genuine middle-case gradient."""
    print("== t09 smoothed hinge, file id 20230874729")
    w1, w2, x1, x2 = sp.symbols("w1 w2 x1 x2", real=True)
    for yv in (1, -1):
        t = yv * (x1 * w1 + x2 * w2)
        cases = [(R(1, 2) - t, [-yv * x1, -yv * x2], True, "t<=0"),
                 (R(1, 2) - t ** 2, [-(1 - t) * yv * x1, -(1 - t) * yv * x2], False, "0<t<1"),
                 (sp.Integer(0), [0, 0], True, "t>=1")]
        for loss, grad, exp, lab in cases:
            ok = eq(D(loss, w1), grad[0]) and eq(D(loss, w2), grad[1])
            check(f"t09 gradient case {lab} (y={yv})" + ("" if exp else " (genuine)"), ok, expected=exp)
        check(f"t09 -(1-t) y x is the gradient of 1/2 (1-t)^2 (y={yv})",
              eq(D(R(1, 2) * (1 - t) ** 2, w1), -(1 - t) * yv * x1))


def softmax_syms(C=3):
    """Logits and softmax outputs for C classes."""
    z = sp.symbols(f"z1:{C + 1}", real=True)
    S = sum(E(v) for v in z)
    return z, S, [E(v) / S for v in z]


def t10():
    """t10 GuanyunFeng softmax Jacobian (genuine)."""
    print("== t10 GuanyunFeng Softmax.md")
    z, S, s = softmax_syms()
    j, k = 0, 1
    d_jj = D(s[j], z[j])
    check("t10 j=k quotient (e^xj S - e^xj e^xj)/S^2", eq((E(z[j]) * S - E(z[j]) ** 2) / S ** 2, d_jj))
    literal = E(z[j]) / (3 * E(z[j])) * (S - E(z[j])) / S
    check("t10 j=k = e^xj/sum_i e^xj (S - e^xj)/S (genuine: summand e^xj, k = 3 terms)", eq(literal, d_jj), expected=False)
    check("t10 j=k = e^xj/S (1 - e^xj/S)", eq(E(z[j]) / S * (1 - E(z[j]) / S), d_jj))
    check("t10 j=k = s_j(1-s_j)", eq(s[j] * (1 - s[j]), d_jj))
    d_jk = D(s[j], z[k])
    check("t10 j!=k (0*S - e^xj e^xk)/S^2", eq((0 * S - E(z[j]) * E(z[k])) / S ** 2, d_jk))
    check("t10 j!=k = (e^xj/S)(e^xk/S) (sign dropped)", eq(E(z[j]) / S * E(z[k]) / S, d_jk), expected=False)
    check("t10 j!=k = -s_j s_k", eq(-s[j] * s[k], d_jk))


def t11():
    """t11 emeraldgoose softmax (genuine left side in case k != i)."""
    print("== t11 emeraldgoose softmax backward")
    z, S, s = softmax_syms()
    i, k = 0, 1
    for kk in (0, 1):
        gen = D(s[i], z[kk])
        check(f"t11 general quotient row (k={kk + 1}, i=1)",
              eq((D(E(z[i]), z[kk]) * S - E(z[i]) * D(S, z[kk])) / S ** 2, gen))
    dii = D(s[i], z[i])
    for name, r in [("(e S - e e)/S^2", (E(z[i]) * S - E(z[i]) ** 2) / S ** 2),
                    ("e(S - e)/S^2", E(z[i]) * (S - E(z[i])) / S ** 2),
                    ("e/S (1 - e/S)", E(z[i]) / S * (1 - E(z[i]) / S)),
                    ("S_i(1 - S_i)", s[i] * (1 - s[i]))]:
        check("t11 k=i " + name, eq(r, dii))
    first = (0 - E(z[i]) * D(S, z[k])) / S ** 2
    check("t11 k!=i d/dx_i S_i = (0 - e^xi d/dx_k sum)/sum^2 (genuine: left side d/dx_i)", eq(first, dii), expected=False)
    dik = D(s[i], z[k])
    check("t11 k!=i right side (0 - e^xi d/dx_k sum)/sum^2 equals d/dx_k S_i", eq(first, dik))
    check("t11 k!=i = -e^xi e^xk/sum^2", eq(-E(z[i]) * E(z[k]) / S ** 2, dik))
    check("t11 k!=i = -(e^xi/sum)(e^xk/sum)", eq(-E(z[i]) / S * E(z[k]) / S, dik))
    check("t11 k!=i = -S_i S_k", eq(-s[i] * s[k], dik))


def t12():
    """t12 rbahumi cross-entropy derivative (en) and its wrong copy."""
    print("== t12 rbahumi cross-entropy derivative")
    z, S, q = softmax_syms()
    for y in range(3):
        loss = -log(q[y])
        check(f"t12 -log q_y = -log(e^zy/S) (y={y + 1})", eq(loss, -log(E(z[y]) / S)))
        check(f"t12 = -z_y + log S (y={y + 1})", eq(loss, -z[y] + log(S)))
        for i in range(3):
            g = D(loss, z[i])
            rows = [D(-z[y] + log(S), z[i]), D(log(S), z[i]) - D(z[y], z[i]),
                    1 / S * D(S, z[i]) - D(z[y], z[i]), E(z[i]) / S - D(z[y], z[i]),
                    q[i] - D(z[y], z[i]), q[i] - (1 if i == y else 0)]
            check(f"t12 chain rows 1-6 (i={i + 1}, y={y + 1})", all(eq(r, g) for r in rows))
            if i == y:
                check(f"t12 grad_{{z_y}} = q_y - 1 (y={y + 1})", eq(q[y] - 1, g))
            else:
                check(f"t12 grad_{{z_i}} = q_i (i={i + 1}, y={y + 1})", eq(q[i], g))
    g = D(-log(q[0]), z[1])
    check("t12.wrong e^zi/S + grad z_y (injected, i != y: holds only because grad z_y = 0)",
          eq(E(z[1]) / S + D(z[0], z[1]), g), expected=True)
    g = D(-log(q[0]), z[0])
    check("t12.wrong e^zi/S + grad z_y (injected, i = y)", eq(E(z[0]) / S + D(z[0], z[0]), g), expected=False)


def t13():
    """t13 gaussian37 diagonal softmax derivative."""
    print("== t13 gaussian37 softmax, file id 23259539517")
    z, S, p = softmax_syms()
    k = 0
    d = D(p[k], z[k])
    for name, r in [("d/dz_k (e^zk/S)", D(E(z[k]) / S, z[k])),
                    ("(D e S - e D S)/S^2", (D(E(z[k]), z[k]) * S - E(z[k]) * D(S, z[k])) / S ** 2),
                    ("e(S - e)/S^2", E(z[k]) * (S - E(z[k])) / S ** 2),
                    ("e/S (S - e)/S", E(z[k]) / S * (S - E(z[k])) / S),
                    ("p_k(1-p_k)", p[k] * (1 - p[k]))]:
        check("t13 " + name, eq(r, d))
    check("t13 because D S = e^zk", eq(D(S, z[k]), E(z[k])))


def t14():
    """t14 Ktakuya332C xi recursion (ja), genuine index slip."""
    print("== t14 Ktakuya332C backprop")
    n = 3
    a0 = sp.symbols("a0_1:4", real=True)
    W1 = sp.Matrix(n, n, lambda r, c: sp.Symbol(f"v{r}{c}"))
    W2 = sp.Matrix(n, n, lambda r, c: sp.Symbol(f"w{r}{c}"))
    vals = {s_: sp.Rational(random.Random(str(s_)).randint(-9, 9), 7) for s_ in list(W1) + list(W2) + list(a0)}
    phi1, phi2 = sp.tanh, sig
    z1 = [sum(W1[k, j] * a0[j] for j in range(n)) for k in range(n)]
    a1 = [phi1(v) for v in z1]
    z2 = [sum(W2[k, j] * a1[j] for j in range(n)) for k in range(n)]
    a2 = [phi2(v) for v in z2]
    A2 = sp.symbols("A1:4")
    Eloss = quad_loss(list(A2), 3)
    dE_da2 = [D(Eloss, A2[k]).subs(dict(zip(A2, a2))) for k in range(n)]
    Efull = Eloss.subs(dict(zip(A2, a2)))
    xi2 = [dE_da2[k] * D(phi2(sp.Symbol("u")), sp.Symbol("u")).subs(sp.Symbol("u"), z2[k]) for k in range(n)]
    num = lambda e: complex(sp.N(e.subs(vals), 30))
    close = lambda a_, b_: abs(num(a_) - num(b_)) < 1e-12
    nn, mm = 1, 2
    true_w = D(Efull, W1[nn, mm])
    ph1d = lambda v: 1 - sp.tanh(v) ** 2
    dE_da1 = [sum(dE_da2[k] * D(a2[k], a1s) for k in range(n)) for a1s in []]
    A1 = sp.symbols("B1:4")
    z2s = [sum(W2[k, j] * A1[j] for j in range(n)) for k in range(n)]
    Es = Eloss.subs(dict(zip(A2, [phi2(v) for v in z2s])))
    dE_da1 = [D(Es, A1[j]).subs(dict(zip(A1, a1))) for j in range(n)]
    check("t14 dE/dw^i_nm = dE/da da/dz dz/dw", close(true_w, dE_da1[nn] * ph1d(z1[nn]) * a0[mm]))
    xi1 = dE_da1[nn] * ph1d(z1[nn])
    check("t14 = xi^i_n a^{i-1}_m", close(true_w, xi1 * a0[mm]))
    check("t14 last layer dE/dw^N_nm = xi^N_n a^{N-1}_m",
          close(D(Efull, W2[nn, mm]), xi2[nn] * a1[mm]))
    sd = lambda v: sig(v) * (1 - sig(v))
    row2 = ph1d(z1[nn]) * sum(dE_da2[k] * D(phi2(z2s[k]), A1[nn]).subs(dict(zip(A1, a1))) for k in range(n))
    row3 = ph1d(z1[nn]) * sum(dE_da2[k] * (sd(z2[k]) if k == nn else 0) * W2[k, nn] for k in range(n))
    row4 = ph1d(z1[nn]) * sum(dE_da2[k] * sd(z2[nn]) * W2[k, nn] for k in range(n))
    row5 = ph1d(z1[nn]) * sum(xi2[k] * W2[k, nn] for k in range(n))
    check("t14 xi row 1 = phi' dE/da", close(xi1, ph1d(z1[nn]) * dE_da1[nn]))
    check("t14 xi row 2 = phi' sum dE/da^{i+1}_k da^{i+1}_k/da^i_n", close(xi1, row2))
    check("t14 xi row 3 da_k/dz_n dz_k/da_n (genuine: index n)", close(xi1, row3), expected=False)
    check("t14 xi row 4 phi'(z^{i+1}_n) w_kn (same slip)", close(xi1, row4), expected=False)
    check("t14 xi row 5 = phi' sum xi^{i+1}_k w_kn", close(xi1, row5))


def t15():
    """t15 linear-layer backprop element by element (en) and its wrong copy."""
    print("== t15 linear layer, file id 13062724692")
    X = sp.Matrix(2, 2, lambda r, c: sp.Symbol(f"x{r + 1}{c + 1}"))
    W = sp.Matrix(2, 3, lambda r, c: sp.Symbol(f"w{r + 1}{c + 1}"))
    Y = X * W
    Ys = sp.Matrix(2, 3, lambda r, c: sp.Symbol(f"y{r + 1}{c + 1}"))
    L = quad_loss(list(Ys), 5)
    G = sp.Matrix(2, 3, lambda r, c: D(L, Ys[r, c]))
    sub = {Ys[r, c]: Y[r, c] for r in range(2) for c in range(3)}
    Lfull = L.subs(sub)
    for (a, b_) in [(0, 0), (0, 1), (1, 0), (1, 1)]:
        dYdx = Y.diff(X[a, b_])
        patt = sp.zeros(2, 3)
        patt[a, :] = W[b_, :]
        check(f"t15 dY/dx_{a+1}{b_+1} pattern", dYdx == patt)
        true = D(Lfull, X[a, b_])
        dot = sum(G[r, c] * patt[r, c] for r in range(2) for c in range(3)).subs(sub)
        check(f"t15 dL/dx_{a+1}{b_+1} = dL/dY . dY/dx (and the matrix . matrix row)", eq(dot, true))
        res = sum(G[a, c] * W[b_, c] for c in range(3)).subs(sub)
        check(f"t15 dL/dx_{a+1}{b_+1} = three-term sum", eq(res, true))
    true = D(Lfull, X[1, 0])
    bad = (G[1, 0] * W[0, 0] + G[1, 1] * W[1, 1] + G[1, 2] * W[0, 2]).subs(sub)
    check("t15.wrong dL/dx_21 with w_22 for w_12 (injected)", eq(bad, true), expected=False)


def t16():
    """t16 ksharsha72 plain-text backprop formulas and its wrong copy."""
    print("== t16 ksharsha72 ERAV2 S6")
    i1, i2, t1, t2 = sp.symbols("i1 i2 t1 t2", real=True)
    w = sp.symbols("w1:9", real=True)
    h1, h2 = w[0] * i1 + w[1] * i2, w[2] * i1 + w[3] * i2
    ah1, ah2 = sig(h1), sig(h2)
    o1, o2 = w[4] * ah1 + w[5] * ah2, w[6] * ah1 + w[7] * ah2
    ao1, ao2 = sig(o1), sig(o2)
    Et = R(1, 2) * (t1 - ao1) ** 2 + R(1, 2) * (t2 - ao2) ** 2
    f5 = (ao1 - t1) * ao1 * (1 - ao1) * ah1
    f6 = (ao1 - t1) * ao1 * (1 - ao1) * ah2
    f7 = (ao2 - t2) * ao2 * (1 - ao2) * ah1
    f8 = (ao2 - t2) * ao2 * (1 - ao2) * ah2
    for k, fk in zip((5, 6, 7, 8), (f5, f6, f7, f8)):
        check(f"t16 dE/dW{k}", eqn(fk, D(Et, w[k - 1])))
    A = lambda ao, t: (ao - t) * ao * (1 - ao)
    f1 = A(ao1, t1) * w[4] * ah1 * (1 - ah1) * i1 + A(ao2, t2) * w[6] * ah1 * (1 - ah1) * i1
    f2 = A(ao1, t1) * w[4] * ah1 * (1 - ah1) * i2 + A(ao2, t2) * w[6] * ah1 * (1 - ah1) * i2
    f3 = A(ao1, t1) * w[5] * ah2 * (1 - ah2) * i1 + A(ao2, t2) * w[7] * ah2 * (1 - ah2) * i1
    f4 = A(ao1, t1) * w[5] * ah2 * (1 - ah2) * i2 + A(ao2, t2) * w[7] * ah2 * (1 - ah2) * i2
    for k, fk in zip((1, 2, 3, 4), (f1, f2, f3, f4)):
        check(f"t16 dE/dW{k}", eqn(fk, D(Et, w[k - 1])))
    check("t16.wrong dE/dW6 with ah1 (injected)", eqn((ao1 - t1) * ao1 * (1 - ao1) * ah1, D(Et, w[5])), expected=False)


def t17():
    """t17 willing-cui ResNet gradient (zh) and its wrong copy."""
    print("== t17 willing-cui ResNet appendix")
    x = sp.symbols("x", real=True)
    Fs = [lambda v: sp.tanh(2 * v), lambda v: sp.sin(v) / 3, lambda v: v ** 2 / 5]
    xs = [x]
    for F in Fs:
        xs.append(xs[-1] + F(xs[-1]))
    check("t17 x_{l+2} = x_l + F_l + F_{l+1}", eq(xs[2], x + Fs[0](xs[0]) + Fs[1](xs[1])))
    check("t17 x_{l+3} = x_l + F_l + F_{l+1} + F_{l+2}", eq(xs[3], x + sum(Fs[i](xs[i]) for i in range(3))))
    check("t17 (3) x_L = x_l + sum F_i(x_i)", eq(xs[3], x + sum(Fs[i](xs[i]) for i in range(3))))
    u = sp.symbols("u")
    Lf = sp.cos(u) + u ** 2
    true = D(Lf.subs(u, xs[3]), x)
    dLdxL = D(Lf, u).subs(u, xs[3])
    check("t17 (4) dL/dx_l = dL/dx_L dx_L/dx_l", eqn(true, dLdxL * D(xs[3], x)))
    y = sp.symbols("y")
    check("t17 (5) dx_{l+1}/dx_l = 1 + dF_l/dx_l", eq(D(y + Fs[0](y), y), 1 + D(Fs[0](y), y)))
    jac = [(1 + D(Fs[i](y), y)).subs(y, xs[i]) for i in range(3)]
    check("t17 (6)/(7) dx_L/dx_l = prod dx_{i+1}/dx_i = prod (1 + dF_i/dx_i)", eqn(D(xs[3], x), sp.prod(jac)))
    check("t17 (8) dL/dx_l = dL/dx_L prod (1 + dF_i/dx_i)", eqn(true, dLdxL * sp.prod(jac)))
    bad = [(1 - D(Fs[i](y), y)).subs(y, xs[i]) for i in range(3)]
    check("t17.wrong (8) with (I - dF_i/dx_i) (injected)", eqn(true, dLdxL * sp.prod(bad)), expected=False)
    # 2-dimensional check of (7)
    p, q = sp.symbols("p q", real=True)
    v = sp.Matrix([p, q])
    Fm = [lambda s: sp.Matrix([sp.tanh(s[0] + s[1]), s[0] * s[1] / 4]), lambda s: sp.Matrix([sp.sin(s[1]), s[0] ** 2 / 3])]
    states = [v]
    for F in Fm:
        states.append(states[-1] + F(states[-1]))
    J = states[2].jacobian(v)
    prod = sp.eye(2)
    for i, F in enumerate(Fm):
        s = sp.Matrix(sp.symbols("s1 s2"))
        Ji = (sp.eye(2) + F(s).jacobian(s)).subs(dict(zip(s, states[i])))
        prod = Ji * prod
    check("t17 (7) 2-d: dx_L/dx_l = prod (I + dF_i/dx_i) (later factors on the left)", all(eqn(a, b) for a, b in zip(J, prod)))


def t18():
    """t18 Finn Lindgren Hessian (Rmd) and its wrong copy."""
    print("== t18 finnlindgren Quiz1Solution")
    eta, y, N = sp.symbols("eta y N", real=True)
    f = y * log(1 + E(-eta)) + (N - y) * log(1 + E(eta))
    d1 = D(f, eta)
    rows = [y * (-E(-eta)) / (1 + E(-eta)) + (N - y) * E(eta) / (1 + E(eta)),
            y * (-E(-eta / 2)) / (E(eta / 2) + E(-eta / 2)) + (N - y) * E(eta / 2) / (E(-eta / 2) + E(eta / 2)),
            -y * (E(-eta / 2) + E(eta / 2)) / (E(eta / 2) + E(-eta / 2)) + N / (E(-eta) + 1),
            N / (E(-eta) + 1) - y]
    for k, r in enumerate(rows, 2):
        check(f"t18 df/dtheta row {k} (bracket = df/deta)", eq(r, d1))
    d2 = D(d1, eta)
    for k, r in enumerate([D(N / (E(-eta) + 1) - y, eta), N * E(-eta) / (E(-eta) + 1) ** 2,
                           N / (E(-eta / 2) + E(eta / 2)) ** 2, N / (4 * sp.cosh(eta / 2) ** 2)], 1):
        check(f"t18 second-derivative row {k}", eq(r, d2))
    t1, t2 = sp.symbols("theta1 theta2", real=True)
    kk = 3
    fk = f.subs(eta, t1 + kk * t2)
    H = sp.hessian(fk, (t1, t2))
    dk = (N / (4 * sp.cosh(eta / 2) ** 2)).subs(eta, t1 + kk * t2)
    check("t18 Hessian contribution d_k [[1,k],[k,k^2]] (k = 3)", all(eq(a, b) for a, b in zip(H, dk * sp.Matrix([[1, kk], [kk, kk ** 2]]))))
    w = sp.symbols("w", real=True)
    M = sp.Matrix([[1, 1], [1, 1]]) + w * sp.Matrix([[1, 2], [2, 4]])
    check("t18 det = (1+w)(1+4w) - (1+2w)^2", eq(M.det(), (1 + w) * (1 + 4 * w) - (1 + 2 * w) ** 2))
    check("t18 = 1+5w+4w^2-1-4w-4w^2", eq((1 + w) * (1 + 4 * w) - (1 + 2 * w) ** 2, 1 + 5 * w + 4 * w ** 2 - 1 - 4 * w - 4 * w ** 2))
    check("t18 = w", eq(1 + 5 * w + 4 * w ** 2 - 1 - 4 * w - 4 * w ** 2, w))
    check("t18.wrong = 1+6w+4w^2-1-4w-4w^2 (injected)", eq((1 + w) * (1 + 4 * w) - (1 + 2 * w) ** 2, 1 + 6 * w + 4 * w ** 2 - 1 - 4 * w - 4 * w ** 2), expected=False)


def t19():
    """t19 kphill1 gradient / Hessian of a quadratic."""
    print("== t19 kphill1 homework2")
    x1, x2 = sp.symbols("x1 x2", real=True)
    f = 2 * x1 ** 2 - 4 * x1 * x2 + R(3, 2) * x2 ** 2 + x2
    check("t19 gradient [4x1-4x2, -4x1+3x2+1]", sp.Matrix([D(f, x1), D(f, x2)]) == sp.Matrix([4 * x1 - 4 * x2, -4 * x1 + 3 * x2 + 1]))
    check("t19 Hessian [[4,-4],[-4,3]]", sp.hessian(f, (x1, x2)) == sp.Matrix([[4, -4], [-4, 3]]))
    check("t19 4x1 - 4x2 = 0 => x1 = x2", sp.solve(4 * x1 - 4 * x2, x1) == [x2])
    check("t19 -4x2 + 3x2 + 1 = 0 => x2 = 1", sp.solve(-4 * x2 + 3 * x2 + 1, x2) == [1])


def t20():
    """t20 GuanyunFeng sigmoid derivative."""
    print("== t20 GuanyunFeng Sigmoid.md")
    x = sp.symbols("x", real=True)
    d = D(sig(x), x)
    for name, r in [("e^-x/(1+e^-x)^2", E(-x) / (1 + E(-x)) ** 2), ("(1+e^-x-1)/(1+e^-x)^2", (1 + E(-x) - 1) / (1 + E(-x)) ** 2),
                    ("1/(1+e^-x) - 1/(1+e^-x)^2", 1 / (1 + E(-x)) - 1 / (1 + E(-x)) ** 2),
                    ("1/(1+e^-x)(1-1/(1+e^-x))", 1 / (1 + E(-x)) * (1 - 1 / (1 + E(-x)))), ("S(1-S)", sig(x) * (1 - sig(x)))]:
        check("t20 " + name, eq(r, d))


def main():
    """Run every check and print the summary."""
    for fn in (t01, t02, t03, t04, t05, t06, t07, t08, t09, t10,
               t11, t12, t13, t14, t15, t16, t17, t18, t19, t20):
        fn()
    n_ok, n = sum(RESULTS), len(RESULTS)
    print(f"{n_ok}/{n} checks agree")
    raise SystemExit(0 if n_ok == n else 1)


if __name__ == "__main__":
    main()
