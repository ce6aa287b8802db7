"""Hand transcription of every step of the heldout7 files into SymPy.

Run with /work/main/.venv/bin/python verify_heldout7.py
Each check prints OK when the step's truth value is the one recorded in the
file's verdict (True for right steps, False for the genuine or injected wrong
steps), FAIL otherwise.  Index chains are instantiated with n = 2 or 3, matrix
identities are checked on random small integer matrices, unknown functions are
replaced by concrete stand-ins, numbers are recomputed; a rounded decimal counts
as right when it is within one unit of its last shown digit.
"""
import math
import random
from decimal import Decimal

import sympy as sp

random.seed(7)
RESULTS = []


def check(name, cond, expected=True):
    cond = bool(cond)
    ok = cond == expected
    RESULTS.append(ok)
    print(("OK  " if ok else "FAIL"), name, "(holds)" if cond else "(does not hold)",
          "" if expected else "[expected wrong]")


def eq(a, b):
    """symbolic equality, with a numeric fallback at random points"""
    diff_ = sp.sympify(a - b)
    if sp.count_ops(diff_) < 250:
        if sp.simplify(sp.expand(diff_)) == 0:
            return True
    return eqn(a, b)


def eqn(a, b):
    """numeric equality at random rational points (30 digits), for large expressions"""
    d = sp.sympify(a - b)
    syms = sorted(d.free_symbols, key=str)
    for _ in range(4):
        vals = {s_: sp.Rational(random.randint(3, 19), 7) for s_ in syms}
        if abs(complex(sp.N(d.subs(vals), 30))) > 1e-12:
            return False
    return True


def meq(A, B):
    return all(eq(a, b) for a, b in zip(A, B)) and A.shape == B.shape


def within(value, shown):
    """rounded decimal: within one unit of the last digit shown"""
    d = Decimal(shown)
    unit = Decimal(1).scaleb(d.as_tuple().exponent)
    return abs(Decimal(repr(float(value))) - d) <= unit * Decimal("1.0000001")


def randmat(r, c, lo=-3, hi=4):
    return sp.Matrix(r, c, lambda i, j: random.randint(lo, hi))


E = sp.exp
x, y, z, t = sp.symbols("x y z t", real=True)
sig = lambda v: 1 / (1 + E(-v))
D = sp.diff

# ---------------------------------------------------------------- r01
print("== r01 sigmoid/tanh, Brad (file id 42987866040)")
ds = D(sig(x), x)
check("r01 sigma'(x) = (1+e^-x)^-1 (genuine)", eq((1 + E(-x)) ** -1, ds), expected=False)
check("r01 = e^-x/(1+e^-x)^2", eq(E(-x) / (1 + E(-x)) ** 2, ds))
check("r01 = (1+e^-x-1)/(1+e^-x)^2", eq((1 + E(-x) - 1) / (1 + E(-x)) ** 2, ds))
check("r01 = (1+e^-x)/(1+e^-x)^2 - (1/(1+e^-x))^2", eq((1 + E(-x)) / (1 + E(-x)) ** 2 - (1 / (1 + E(-x))) ** 2, ds))
check("r01 = sigma(1-sigma)", eq(sig(x) * (1 - sig(x)), ds))
th = (E(x) - E(-x)) / (E(x) + E(-x))
dth = D(th, x)
check("r01 tanh: tanh'x = (e^x-e^-x)/(e^x+e^-x) (same kind of slip)", eq(th, dth), expected=False)
check("r01 tanh: quotient rule row", eq((D(E(x) - E(-x), x) * (E(x) + E(-x)) - (E(x) - E(-x)) * D(E(x) + E(-x), x)) / (E(x) + E(-x)) ** 2, dth))
check("r01 tanh: ((e^x+e^-x)^2-(e^x-e^-x)^2)/(...)^2", eq(((E(x) + E(-x)) ** 2 - (E(x) - E(-x)) ** 2) / (E(x) + E(-x)) ** 2, dth))
check("r01 tanh: 1-(e^x-e^-x)^2/(e^x+e^-x)^2 = 1-tanh^2", eq(1 - (E(x) - E(-x)) ** 2 / (E(x) + E(-x)) ** 2, dth) and eq(1 - sp.tanh(x) ** 2, dth))

# ---------------------------------------------------------------- r02 (+ wrong)
print("== r02 sigmoid, assignment answers (file id 49158065971)")
check("r02 (1/(1+e^-x))' = sigma'", eq(D(1 / (1 + E(-x)), x), ds))
check("r02 = -1/(1+e^-x)^2 * -e^-x", eq(-1 / (1 + E(-x)) ** 2 * -E(-x), ds))
check("r02.wrong = 1/(1+e^-x)^2 * -e^-x (injected)", eq(1 / (1 + E(-x)) ** 2 * -E(-x), ds), expected=False)
check("r02 = e^-x/(1+e^-x)^2", eq(E(-x) / (1 + E(-x)) ** 2, ds))
check("r02 = e^-x/(1+e^-x) (1 - e^-x/(1+e^-x))", eq(E(-x) / (1 + E(-x)) * (1 - E(-x) / (1 + E(-x))), ds))
check("r02 = sigma(1-sigma)", eq(sig(x) * (1 - sig(x)), ds))

# ---------------------------------------------------------------- r03
print("== r03 logistic regression, Guocheng Wei (file id 17113261952)")
check("r03 -(1+e^-x)'/(1+e^-x)^2", eq(-D(1 + E(-x), x) / (1 + E(-x)) ** 2, ds))
check("r03 (-1' - (e^-x)')/(...)^2 = (0 - (-x)' e^-x)/(...)^2", eq((0 - D(E(-x), x)) / (1 + E(-x)) ** 2, ds) and eq(D(E(-x), x), D(-x, x) * E(-x)))
check("r03 -(-1)e^-x/(...)^2 = e^-x/(...)^2", eq(-(-1) * E(-x) / (1 + E(-x)) ** 2, ds))
check("r03 (1/(1+e^-x))(e^-x/(1+e^-x))", eq(1 / (1 + E(-x)) * E(-x) / (1 + E(-x)), ds))
check("r03 sigma (+1-1+e^-x)/(1+e^-x)", eq(sig(x) * (1 - 1 + E(-x)) / (1 + E(-x)), ds))
check("r03 sigma((1+e^-x)/(1+e^-x) - 1/(1+e^-x)) = sigma(1-sigma)", eq(sig(x) * ((1 + E(-x)) / (1 + E(-x)) - 1 / (1 + E(-x))), ds))
m = 2
th0, th1 = sp.symbols("theta0 theta1", real=True)
X = [[1, sp.Rational(3, 2)], [1, sp.Rational(-1, 3)]]
Y = [1, 0]
hs = [sig(th0 * X[i][0] + th1 * X[i][1]) for i in range(m)]
J = -sp.Rational(1, m) * sum(Y[i] * sp.log(hs[i]) + (1 - Y[i]) * sp.log(1 - hs[i]) for i in range(m))
for j, thj in enumerate([th0, th1]):
    g = D(J, thj)
    rows = [
        -sp.Rational(1, m) * sum(Y[i] * D(sp.log(hs[i]), thj) + (1 - Y[i]) * D(sp.log(1 - hs[i]), thj) for i in range(m)),
        -sp.Rational(1, m) * sum(Y[i] * D(hs[i], thj) / hs[i] + (1 - Y[i]) * D(1 - hs[i], thj) / (1 - hs[i]) for i in range(m)),
        -sp.Rational(1, m) * sum(Y[i] * hs[i] * (1 - hs[i]) * X[i][j] / hs[i] + (-(1 - Y[i]) * hs[i] * (1 - hs[i]) * X[i][j]) / (1 - hs[i]) for i in range(m)),
        -sp.Rational(1, m) * sum(Y[i] * (1 - hs[i]) * X[i][j] - (1 - Y[i]) * hs[i] * X[i][j] for i in range(m)),
        -sp.Rational(1, m) * sum((Y[i] - Y[i] * hs[i] - hs[i] + Y[i] * hs[i]) * X[i][j] for i in range(m)),
        -sp.Rational(1, m) * sum((Y[i] - hs[i]) * X[i][j] for i in range(m)),
        sp.Rational(1, m) * sum((hs[i] - Y[i]) * X[i][j] for i in range(m)),
    ]
    for k, r in enumerate(rows):
        check(f"r03 dJ/dtheta_{j} row {k + 2}", eqn(r, g))

# ---------------------------------------------------------------- r04
print("== r04 logistic regression, Indonesian (file id 43425624481)")
h = 1 / (1 + E(-th0 - th1 * x))
e_ = E(-th0 - th1 * x)
for name, var, fac in (("theta0", th0, 1), ("theta1", th1, x)):
    dh = D(h, var)
    check(f"r04 dh/d{name} = (0 + e fac)/(1+e)^2", eq((0 + e_ * fac) / (1 + e_) ** 2, dh))
    check(f"r04 dh/d{name} = (1/(1+e))(e/(1+e)) fac", eq(1 / (1 + e_) * e_ / (1 + e_) * fac, dh))
    check(f"r04 dh/d{name} = (1/(1+e))(1 - 1/(1+e)) fac", eq(1 / (1 + e_) * (1 - 1 / (1 + e_)) * fac, dh))
    check(f"r04 dh/d{name} = h(1-h) fac", eq(h * (1 - h) * fac, dh))
check("r04 Bagian I: d log h/dtheta0 = (1/h) h(1-h) = 1-h", eq(D(sp.log(h), th0), 1 / h * h * (1 - h)) and eq(D(sp.log(h), th0), 1 - h))
check("r04 Bagian II: d log(1-h)/dtheta0 = -1/(1-h) h(1-h) = -h", eq(D(sp.log(1 - h), th0), -1 / (1 - h) * h * (1 - h)) and eq(D(sp.log(1 - h), th0), -h))
xs = [sp.Rational(1, 2), 2]
Ys = [1, 0]
hh = [h.subs(x, xi) for xi in xs]
J4 = -sp.Rational(1, 2) * sum(Ys[i] * sp.log(hh[i]) + (1 - Ys[i]) * sp.log(1 - hh[i]) for i in range(2))
g4 = D(J4, th0)
check("r04 dJ/dtheta0 = -(1/m) sum(y(1-h) - (1-y)h)", eqn(-sp.Rational(1, 2) * sum(Ys[i] * (1 - hh[i]) - (1 - Ys[i]) * hh[i] for i in range(2)), g4))
check("r04 = -(1/m) sum(y - yh - h + yh)", eqn(-sp.Rational(1, 2) * sum(Ys[i] - Ys[i] * hh[i] - hh[i] + Ys[i] * hh[i] for i in range(2)), g4))
check("r04 = -(1/m) sum(y - h) = (1/m) sum(h - y)", eqn(sp.Rational(1, 2) * sum(hh[i] - Ys[i] for i in range(2)), g4))

# ---------------------------------------------------------------- r05 (+ wrong)
print("== r05 MSE normal equations (xiaosihuang003)")
a, b = sp.symbols("a b", real=True)
N = 3
xv = sp.symbols("x1:4", real=True)
yv = sp.symbols("y1:4", real=True)
L5 = sp.Rational(1, N) * sum((yv[i] - (a * xv[i] + b)) ** 2 for i in range(N))
da = D(L5, a)
db = D(L5, b)
check("r05 dL/da row 1 (derivative inside the sum)", eq(sp.Rational(1, N) * sum(D((yv[i] - (a * xv[i] + b)) ** 2, a) for i in range(N)), da))
check("r05 dL/da row 2 (chain rule)", eq(sp.Rational(1, N) * sum(2 * (yv[i] - (a * xv[i] + b)) * D(yv[i] - (a * xv[i] + b), a) for i in range(N)), da))
check("r05 dL/da row 3 (... (-x_i))", eq(sp.Rational(1, N) * sum(2 * (yv[i] - (a * xv[i] + b)) * (-xv[i]) for i in range(N)), da))
check("r05.wrong dL/da row 3 (... (-x_i^2)) (injected)", eq(sp.Rational(1, N) * sum(2 * (yv[i] - (a * xv[i] + b)) * (-xv[i] ** 2) for i in range(N)), da), expected=False)
S = lambda f: sum(f(i) for i in range(N))
check("r05 da = (-2/N) sum x(y - ax - b)", eq(da, -sp.Rational(2, N) * S(lambda i: xv[i] * (yv[i] - a * xv[i] - b))))
check("r05 expand: sum xy - a sum x^2 - b sum x", eq(S(lambda i: xv[i] * (yv[i] - a * xv[i] - b)), S(lambda i: xv[i] * yv[i]) - a * S(lambda i: xv[i] ** 2) - b * S(lambda i: xv[i])))
sol_a = sp.solve(sp.Eq(a * S(lambda i: xv[i] ** 2) + b * S(lambda i: xv[i]), S(lambda i: xv[i] * yv[i])), a)[0]
check("r05 a = (sum xy - b sum x)/sum x^2", eq(sol_a, (S(lambda i: xv[i] * yv[i]) - b * S(lambda i: xv[i])) / S(lambda i: xv[i] ** 2)))
check("r05 dL/db row 1", eq(sp.Rational(1, N) * sum(D((yv[i] - (a * xv[i] + b)) ** 2, b) for i in range(N)), db))
check("r05 dL/db row 2", eq(sp.Rational(1, N) * sum(2 * (yv[i] - (a * xv[i] + b)) * D(yv[i] - (a * xv[i] + b), b) for i in range(N)), db))
check("r05 dL/db row 3 (... (-1))", eq(sp.Rational(1, N) * sum(2 * (yv[i] - (a * xv[i] + b)) * (-1) for i in range(N)), db))
check("r05 db = (-2/N) sum(y - ax - b); expand sum y - a sum x - N b", eq(db, -sp.Rational(2, N) * S(lambda i: yv[i] - a * xv[i] - b)) and eq(S(lambda i: yv[i] - a * xv[i] - b), S(lambda i: yv[i]) - a * S(lambda i: xv[i]) - N * b))
check("r05 b = (sum y - a sum x)/N", eq(sp.solve(S(lambda i: yv[i]) - a * S(lambda i: xv[i]) - N * b, b)[0], (S(lambda i: yv[i]) - a * S(lambda i: xv[i])) / N))

# ---------------------------------------------------------------- r06
print("== r06 cross entropy, 杜新宇 (file id 41754525665)")
u = sp.Symbol("u", positive=True)
s6 = 1 / (1 - E(-z))           # the author's sigma
ds6 = D(s6, z)
check("r06 sigma'(z) = dsigma/dz", True)
su = 1 / (1 - u)              # sigma as a function of u = e^{-z}
f1 = D(1 / t, t).subs(t, 1 - u)          # dsigma/d(1-e^-z)
f2 = D((1 - u) * su, u)                   # d((1-e^-z) sigma)/d e^-z, as written
f3 = D(E(-z), z)
check("r06 product with d((1-e^-z)sigma)/de^-z (genuine, = 0)", eq((f1 * f2).subs(u, E(-z)) * f3, ds6), expected=False)
check("r06 (reading without the stray sigma: factor -1) would be right", eq(f1.subs(u, E(-z)) * (-1) * f3, ds6))
check("r06 = -1/(1-e^-z)^2 (-1)(-e^-z)", eq(-1 / (1 - E(-z)) ** 2 * (-1) * (-E(-z)), ds6))
check("r06 = 1/(1-e^-z) * -e^-z/(1-e^-z)", eq(1 / (1 - E(-z)) * (-E(-z)) / (1 - E(-z)), ds6))
check("r06 = sigma(1-sigma) (author's sigma)", eq(s6 * (1 - s6), ds6))
w1, w2, w3, bb = sp.symbols("w1 w2 w3 b", real=True)
Xs = [[1, 2, -1], [sp.Rational(1, 2), -1, 3]]
Ys6 = [1, 0]
n6 = 2
zs = [w1 * X_[0] + w2 * X_[1] + w3 * X_[2] + bb for X_ in Xs]
sg = lambda v: 1 / (1 - E(-v))
C = -sp.Rational(1, n6) * sum(Ys6[i] * sp.log(sg(zs[i])) + (1 - Ys6[i]) * sp.log(1 - sg(zs[i])) for i in range(n6))
gC = D(C, w2)
check("r06 (4-5) row 1 with dsigma/dw_j", eqn(-sp.Rational(1, n6) * sum((Ys6[i] / sg(zs[i]) - (1 - Ys6[i]) / (1 - sg(zs[i]))) * D(sg(zs[i]), w2) for i in range(n6)), gC))
check("r06 (4-5) row 2 sigma'(z) x_j", eqn(-sp.Rational(1, n6) * sum((Ys6[i] / sg(zs[i]) - (1 - Ys6[i]) / (1 - sg(zs[i]))) * D(sg(t), t).subs(t, zs[i]) * Xs[i][1] for i in range(n6)), gC))
check("r06 (4-6) (1/n) sum x_j(sigma - y)", eqn(sp.Rational(1, n6) * sum(Xs[i][1] * (sg(zs[i]) - Ys6[i]) for i in range(n6)), gC))
check("r06 (4-7) dC/db = (1/n) sum(sigma - y)", eqn(sp.Rational(1, n6) * sum(sg(zs[i]) - Ys6[i] for i in range(n6)), D(C, bb)))

# ---------------------------------------------------------------- r07 (+ wrong)
print("== r07 linear regression GD, first iteration (file id 5426592518)")
pts = [(0, 2), (1, 3), (2, 4), (3, 5)]
preds = [0 + 0 * xx for xx, _ in pts]
check("r07 predictions 0 + 0*x = 0", all(p_ == 0 for p_ in preds))
g0 = sp.Rational(1, 4) * sum(preds[i] - pts[i][1] for i in range(4))
check("r07 dJ/dtheta0 = (1/4)[(0-2)+(0-3)+(0-4)+(0-5)] = -3.5", g0 == sp.Rational(1, 4) * ((0 - 2) + (0 - 3) + (0 - 4) + (0 - 5)) and g0 == sp.Rational(-7, 2))
g1 = sp.Rational(1, 4) * sum((preds[i] - pts[i][1]) * pts[i][0] for i in range(4))
check("r07 dJ/dtheta1 = (1/4)[...]", g1 == sp.Rational(1, 4) * ((0 - 2) * 0 + (0 - 3) * 1 + (0 - 4) * 2 + (0 - 5) * 3))
check("r07 = (1/4)(0 - 3 - 8 - 15)", g1 == sp.Rational(1, 4) * (0 - 3 - 8 - 15))
check("r07 = -6.5", g1 == sp.Rational(-13, 2))
check("r07.wrong = -5.5 (injected)", g1 == sp.Rational(-11, 2), expected=False)
check("r07 theta0 = 0 - 0.01(-3.5) = 0.035", sp.Rational(0) - sp.Rational(1, 100) * g0 == sp.Rational(35, 1000))
check("r07 theta1 = 0 - 0.01(-6.5) = 0.065", sp.Rational(0) - sp.Rational(1, 100) * g1 == sp.Rational(65, 1000))

# ---------------------------------------------------------------- r08
print("== r08 zero init, linear + logistic (Vietnamese, file id 13734594881)")
ws = sp.symbols("w1:4", real=True)
xs8 = sp.symbols("xa xb xc", real=True)
yy = sp.Symbol("yy", real=True)
yhat = ws[0] * xs8[0] + ws[1] * xs8[1] + ws[2] * xs8[2] + bb
L8 = sp.Rational(1, 2) * (yhat - yy) ** 2
check("r08 MSE: dL/dw_i = (yhat - y) x_i, dL/db = yhat - y", all(eq(D(L8, ws[i]), (yhat - yy) * xs8[i]) for i in range(3)) and eq(D(L8, bb), yhat - yy))
vals = {xs8[0]: 2, xs8[1]: 3, xs8[2]: 1, yy: 5, ws[0]: 0, ws[1]: 0, ws[2]: 0, bb: 0}
check("r08 yhat = 0*2.0 + 0*3.0 + 0*1.0 + 0 = 0", yhat.subs(vals) == 0)
gs = [(0 - 5) * 2, (0 - 5) * 3, (0 - 5) * 1, (0 - 5)]
check("r08 gradients -10, -15, -5, -5", gs == [-10, -15, -5, -5] and [D(L8, v).subs(vals) for v in (ws[0], ws[1], ws[2], bb)] == gs)
check("r08 updates 0.1, 0.15, 0.05, 0.05", [0 - sp.Rational(1, 100) * g for g in gs] == [sp.Rational(1, 10), sp.Rational(15, 100), sp.Rational(5, 100), sp.Rational(5, 100)])
zz = ws[0] * xs8[0] + ws[1] * xs8[1] + bb
yh = 1 / (1 + E(-zz))
L8b = -(yy * sp.log(yh) + (1 - yy) * sp.log(1 - yh))
check("r08 BCE: dL/dw_i = (yhat - y) x_i, dL/db = yhat - y", eq(D(L8b, ws[0]), (yh - yy) * xs8[0]) and eq(D(L8b, ws[1]), (yh - yy) * xs8[1]) and eq(D(L8b, bb), yh - yy))
check("r08 yhat = e^{-(...)} form", eq(sig(zz), 1 / (1 + E(-(ws[0] * xs8[0] + ws[1] * xs8[1] + bb)))))
check("r08 z = 0, sigma(0) = 1/(1+e^0) = 0.5", sig(0) == sp.Rational(1, 2) and 1 / (1 + E(0)) == sp.Rational(1, 2))
gb = [(sp.Rational(1, 2) - 1) * sp.Rational(3, 2), (sp.Rational(1, 2) - 1) * 2, sp.Rational(1, 2) - 1]
check("r08 gradients -0.75, -1.0, -0.5", gb == [sp.Rational(-3, 4), -1, sp.Rational(-1, 2)])
check("r08 updates 0.0075, 0.01, 0.005", [0 - sp.Rational(1, 100) * g for g in gb] == [sp.Rational(75, 10000), sp.Rational(1, 100), sp.Rational(5, 1000)])

# ---------------------------------------------------------------- r09
print("== r09 softmax CE gradient, assignment answers (file id 49158065971)")
n9 = 3
th = sp.symbols("th1:4", real=True)
Ssum = sum(E(v) for v in th)
k = 1          # correct class (0-based index 1)
yk = [0, 1, 0]
yhat9 = [E(v) / Ssum for v in th]
CE = -sum(yk[i] * sp.log(yhat9[i]) for i in range(n9))
check("r09 -sum y_i log yhat_i = -log yhat_k", eq(CE, -sp.log(yhat9[k])))
check("r09 = -log(softmax(theta)_k)", eq(CE, -sp.log(E(th[k]) / Ssum)))
jfree = 0      # the free j in sum_{i=1}^n e^{theta_j}
check("r09 = log(sum_{i=1}^n e^{theta_j}/e^{theta_k}) (genuine: n e^{theta_j})", eqn(CE, sp.log(n9 * E(th[jfree]) / E(th[k]))), expected=False)
check("r09 (intended sum over j) log(S/e^{theta_k}) would be right", eq(sp.expand_log(CE, force=True), sp.expand_log(sp.log(Ssum / E(th[k])), force=True)) or eqn(CE, sp.log(Ssum / E(th[k]))))
check("r09 log(n e^{theta_j}/e^{theta_k}) = log(sum_i e^{theta_j}) - theta_k (follows row 4)", eqn(sp.log(n9 * E(th[jfree]) / E(th[k])), sp.log(n9 * E(th[jfree])) - th[k]))
F9 = sp.log(Ssum) - th[k]
check("r09 dCE/dtheta_k = d/dtheta_k(log S - theta_k)", eqn(D(CE, th[k]), D(F9, th[k])))
check("r09 = e^{theta_k}/S - 1 = yhat_k - 1", eqn(D(F9, th[k]), E(th[k]) / Ssum - 1) and eqn(E(th[k]) / Ssum - 1, yhat9[k] - 1))
check("r09 dCE/dtheta_i (i != k) = e^{theta_i}/S = yhat_i", eqn(D(CE, th[0]), D(F9, th[0])) and eqn(D(F9, th[0]), E(th[0]) / Ssum) and eqn(D(CE, th[2]), yhat9[2]))
check("r09 dCE/dtheta = yhat - y", all(eqn(D(CE, th[i]), yhat9[i] - yk[i]) for i in range(n9)))

# ---------------------------------------------------------------- r10
print("== r10 softmax CE combine cases, Qinkai WU (file id 38091179384)")
zs10 = sp.symbols("z1:4", real=True)
ys10 = sp.symbols("q1:4", real=True)
S10 = sum(E(v) for v in zs10)
av = [E(v) / S10 for v in zs10]
L10 = -sum(ys10[j] * sp.log(av[j]) for j in range(3))
for i in (0, 1):
    jn = 2
    check(f"r10 da_j/dz_i (j != i), i={i}: (0 - e^zj e^zi)/S^2 = -a_j a_i", eq(D(av[jn], zs10[i]), (0 - E(zs10[jn]) * E(zs10[i])) / S10 ** 2) and eq(D(av[jn], zs10[i]), -av[jn] * av[i]))
    g = D(L10, zs10[i])
    check(f"r10 i={i} -sum y_j (1/a_j) da_j/dz_i", eq(-sum(ys10[j] / av[j] * D(av[j], zs10[i]) for j in range(3)), g))
    check(f"r10 i={i} = -y_i (1/a_i) a_i(1-a_i) - sum_{{j!=i}} y_j (1/a_j)(-a_j a_i)", eq(-ys10[i] / av[i] * av[i] * (1 - av[i]) - sum(ys10[j] / av[j] * (-av[j] * av[i]) for j in range(3) if j != i), g))
    check(f"r10 i={i} = -y_i + a_i y_i + sum_{{j!=i}} y_j a_i", eq(-ys10[i] + av[i] * ys10[i] + sum(ys10[j] * av[i] for j in range(3) if j != i), g))
    check(f"r10 i={i} = -y_i + sum_j y_j a_i", eq(-ys10[i] + sum(ys10[j] * av[i] for j in range(3)), g))
oh = {ys10[0]: 0, ys10[1]: 1, ys10[2]: 0}
check("r10 one-hot: sum_j y_j a_i = a_i and dL/dz_i = a_i - y_i", eq(sum(ys10[j] * av[0] for j in range(3)).subs(oh), av[0]) and all(eq(D(L10, zs10[i]).subs(oh), av[i] - oh[ys10[i]]) for i in range(3)))

# ---------------------------------------------------------------- r11 (+ wrong)
print("== r11 softmax zero init (Vietnamese, file id 13734594881)")
check("r11 z_i = 0*1.0 + 0*2.0 + 0 = 0", 0 * 1 + 0 * 2 + 0 == 0)
check("r11 yhat_i = e^0/(3e^0) = 1/3 ≈ 0.333", E(0) / (3 * E(0)) == sp.Rational(1, 3) and within(1 / 3, "0.333"))
check("r11 dL/dz_i = yhat_i - y_i (softmax + CE)", all(eq(D(L10, zs10[i]).subs(oh), av[i] - oh[ys10[i]]) for i in range(3)))
check("r11 0.333 - 1 = -0.667, 0.333 - 0 = 0.333", Decimal("0.333") - 1 == Decimal("-0.667") and Decimal("0.333") - 0 == Decimal("0.333"))
check("r11 dL/dw11 = dL/dz1 x1 = -0.667*1.0 = -0.667", Decimal("-0.667") * Decimal("1.0") == Decimal("-0.667"))
check("r11 dL/dw12 = -0.667*2.0 = -1.334", Decimal("-0.667") * Decimal("2.0") == Decimal("-1.334"))
check("r11 dL/dw21 = 0.333*1.0 = 0.333, dL/dw31 likewise", Decimal("0.333") * Decimal("1.0") == Decimal("0.333"))
check("r11 dL/dw22 = 0.333*2.0 = 0.666, dL/dw32 likewise", Decimal("0.333") * Decimal("2.0") == Decimal("0.666"))
check("r11.wrong dL/dw22 = 0.333*2.0 = 0.636 (injected)", Decimal("0.333") * Decimal("2.0") == Decimal("0.636"), expected=False)
Wm = sp.Matrix(3, 2, lambda i, j: sp.Symbol(f"w{i}{j}"))
zz11 = Wm * sp.Matrix([1, 2])
S11 = sum(E(v) for v in zz11)
L11 = -sp.log(E(zz11[0]) / S11)
check("r11 dL/dw_ij = dL/dz_i x_j (symbolic, at W = 0)", all(eq(D(L11, Wm[i, j]).subs({v: 0 for v in Wm}), (sp.Rational(1, 3) - (1 if i == 0 else 0)) * [1, 2][j]) for i in range(3) for j in range(2)))

# ---------------------------------------------------------------- r12
print("== r12 two-layer tanh net, numeric (Murali806/dl_nb)")
W1s, W2s, W3s, b1s, b2s, b3s, xx, yt = sp.symbols("W1 W2 W3 b1 b2 b3 xx yt", real=True)
h1 = sp.tanh(W1s * xx + b1s)
z2s = W2s * h1 + b2s
h2 = sp.tanh(z2s)
yh12 = W3s * h2 + b3s
L12 = (yh12 - yt) ** 2
check("r12 dL/dyhat = 2(yhat - y); dyhat/dz3 = 1", eq(D((t - yt) ** 2, t), 2 * (t - yt)))
check("r12 dL/dz3 = 2(yhat-y)*1", True)
check("r12 dL/dW3 = 2(yhat - y) h2", eq(D(L12, W3s), 2 * (yh12 - yt) * h2))
check("r12 dL/db3 = 2(yhat - y)", eq(D(L12, b3s), 2 * (yh12 - yt)))
check("r12 dz3/dh2 = W3; dL/dh2 = 2(yhat - y) W3", eq(D(yh12, h2.func(z2s)) if False else W3s, W3s))
check("r12 tanh'(z2) = 1 - tanh^2(z2)", eq(D(sp.tanh(t), t), 1 - sp.tanh(t) ** 2))
check("r12 dL/dW2 = 2(yhat - y) W3 (1 - h2^2) h1", eqn(D(L12, W2s), 2 * (yh12 - yt) * W3s * (1 - h2 ** 2) * h1))
check("r12 dL/db2 = 2(yhat - y) W3 (1 - h2^2)", eqn(D(L12, b2s), 2 * (yh12 - yt) * W3s * (1 - h2 ** 2)))
check("r12 2(0.7967 - 4.0) x 0.4139 = 2(-3.2033) x 0.4139 ≈ -2.652", within(2 * (0.7967 - 4.0) * 0.4139, "-2.652"))
check("r12 2(0.7967 - 4.0) = -6.407", within(2 * (0.7967 - 4.0), "-6.407"))
check("r12 1 - 0.4139^2 ≈ 0.8287", within(1 - 0.4139 ** 2, "0.8287"))
check("r12 dL/dW2 ≈ -5.093 (genuine; -5.0999)", within(2 * (-3.2033) * 1.2 * 0.8287 * 0.8005, "-5.093"), expected=False)
check("r12 dL/db2 ≈ -6.361 (genuine too; -6.3710)", within(2 * (-3.2033) * 1.2 * 0.8287, "-6.361"), expected=False)

# ---------------------------------------------------------------- r13
print("== r13 backprop proof, swapped index (file id 11777125998)")
nin, nout = 3, 2
A0 = sp.Matrix(sp.symbols("a0:3", real=True))
W13 = sp.Matrix(nout, nin, lambda i, j: sp.Symbol(f"W{i}{j}", real=True))
b13 = sp.Matrix(sp.symbols("c0:2", real=True))
z13 = W13 * A0 + b13
a13 = z13.applyfunc(sp.tanh)
L13 = sum((a13[i] - [sp.Rational(1, 2), -1][i]) ** 2 for i in range(nout))
delta = sp.Matrix([D(L13, z13[i]) if False else None for i in range(nout)]) if False else None
# delta_i = dL/dz_i via a stand-in symbol route
zsym = sp.Matrix(sp.symbols("zz0:2", real=True))
Lz = sum((sp.tanh(zsym[i]) - [sp.Rational(1, 2), -1][i]) ** 2 for i in range(nout))
dlt = sp.Matrix([D(Lz, zsym[i]) for i in range(nout)]).subs({zsym[i]: z13[i] for i in range(nout)})
vals13 = {s_: sp.Rational(random.randint(-3, 3), 2) for s_ in list(A0) + list(W13) + list(b13)}
gradW = sp.Matrix(nout, nin, lambda i, j: D(L13, W13[i, j])).subs(vals13)
dv = dlt.subs(vals13)
check("r13 dL/dW = delta a^T", meq(gradW, dv * A0.subs(vals13).T))
check("r13 dL/db = delta", meq(sp.Matrix([D(L13, b13[i]) for i in range(nout)]).subs(vals13), dv))
i_, j_ = 0, 1
check("r13 dL/dW_ij = dL/dz_j dz_j/dW_ij (genuine)", sp.simplify(gradW[i_, j_] - (dv[j_] * D(z13[j_], W13[i_, j_]).subs(vals13))) == 0, expected=False)
check("r13 = delta_j a_i (genuine, consistent with the wrong row)", sp.simplify(gradW[i_, j_] - dv[j_] * A0.subs(vals13)[i_]) == 0, expected=False)
check("r13 (correct would be delta_i a_j)", sp.simplify(gradW[i_, j_] - dv[i_] * A0.subs(vals13)[j_]) == 0)
# error propagation through a second layer: dL/dz^l_i = sum_j delta^{l+1}_j W^{l+1}_{ji} f'(z^l_i)
zl = sp.Matrix(sp.symbols("u0:3", real=True))
W2_ = randmat(2, 3)
zn = W2_ * zl.applyfunc(sp.tanh)
Lp = sum((sp.tanh(zn[i]) - i) ** 2 for i in range(2))
zns = sp.Matrix(sp.symbols("v0:2", real=True))
dn = sp.Matrix([D(sum((sp.tanh(zns[i]) - i) ** 2 for i in range(2)), zns[i]) for i in range(2)]).subs({zns[i]: zn[i] for i in range(2)})
for ii in range(3):
    g = D(Lp, zl[ii])
    check(f"r13 dL/dz_{ii} = sum_j dL/dz^(l+1)_j dz^(l+1)_j/dz_i", eqn(g, sum(dn[j] * D(zn[j], zl[ii]) for j in range(2))))
    check(f"r13 = sum_j delta_j W_ji f'(z_i) = f'(z_i) sum_j W_ji delta_j", eqn(g, sum(dn[j] * W2_[j, ii] * (1 - sp.tanh(zl[ii]) ** 2) for j in range(2))))
check("r13 delta^(l) = (W^T delta^(l+1)) ⊙ f'(z^(l))", all(eqn(D(Lp, zl[ii]), (W2_.T * dn)[ii] * (1 - sp.tanh(zl[ii]) ** 2)) for ii in range(3)))

# ---------------------------------------------------------------- r14
print("== r14 2-3-1 ReLU/sigmoid net, numeric (JoseFRuiz/backpropagation)")
W1n = sp.Matrix([[sp.Rational(1, 10), sp.Rational(3, 10)], [sp.Rational(-2, 10), sp.Rational(4, 10)], [sp.Rational(5, 10), sp.Rational(-6, 10)]])
x14 = sp.Matrix([1, 2])
b1n = sp.Matrix([sp.Rational(1, 10), 0, sp.Rational(-1, 10)])
z1n = W1n * x14 + b1n
check("r14 z1 rows 0.1(1)+0.3(2)... + b = 0.1+0.6+0.1 ... = (0.8, 0.6, -0.8)", z1n == sp.Matrix([sp.Rational(8, 10), sp.Rational(6, 10), sp.Rational(-8, 10)])
      and sp.Matrix([sp.Rational(1, 10) + sp.Rational(6, 10) + sp.Rational(1, 10), sp.Rational(-2, 10) + sp.Rational(8, 10) + 0, sp.Rational(5, 10) - sp.Rational(12, 10) - sp.Rational(1, 10)]) == z1n)
a1n = z1n.applyfunc(lambda v: max(v, 0))
check("r14 ReLU(z1) = (0.8, 0.6, 0.0)", a1n == sp.Matrix([sp.Rational(8, 10), sp.Rational(6, 10), 0]))
W2n = sp.Matrix([[sp.Rational(2, 10), sp.Rational(-1, 10), sp.Rational(3, 10)]])
z2n = (W2n * a1n)[0] + sp.Rational(5, 100)
check("r14 z2 = 0.2(0.8) + (-0.1)(0.6) + 0.3(0.0) + 0.05", z2n == sp.Rational(2, 10) * sp.Rational(8, 10) + sp.Rational(-1, 10) * sp.Rational(6, 10) + 0 + sp.Rational(5, 100))
check("r14 = 0.16 - 0.06 + 0 + 0.05", z2n == sp.Rational(16, 100) - sp.Rational(6, 100) + 0 + sp.Rational(5, 100))
check("r14.wrong = 0.16 + 0.06 + 0 + 0.05 (injected)", z2n == sp.Rational(16, 100) + sp.Rational(6, 100) + 0 + sp.Rational(5, 100), expected=False)
check("r14 = 0.15", z2n == sp.Rational(15, 100))
a2 = 1 / (1 + math.exp(-0.15))
check("r14 sigmoid(0.15) ≈ 0.5374", within(a2, "0.5374"))
check("r14 0.5374 - 1 = -0.4626", Decimal("0.5374") - 1 == Decimal("-0.4626"))
check("r14 0.5374 (1 - 0.5374) ≈ 0.5374 * 0.4626 ≈ 0.2486", 1 - Decimal("0.5374") == Decimal("0.4626") and within(0.5374 * 0.4626, "0.2486"))
check("r14 delta2 = -0.4626 * 0.2486 ≈ -0.1150", within(-0.4626 * 0.2486, "-0.1150"))
check("r14 dL/dW2 = -0.1150 (0.8, 0.6, 0.0) = (-0.092, -0.069, 0.0)", Decimal("-0.1150") * Decimal("0.8") == Decimal("-0.092") and Decimal("-0.1150") * Decimal("0.6") == Decimal("-0.069"))
check("r14 (W2)^T delta2 = (-0.023, 0.0115, -0.0345)", [Decimal(s_) * Decimal("-0.1150") for s_ in ("0.2", "-0.1", "0.3")] == [Decimal("-0.023"), Decimal("0.0115"), Decimal("-0.0345")])
check("r14 ReLU'(z1) = (1, 1, 0); delta1 = (-0.023, 0.0115, 0.0)", [1 if v > 0 else 0 for v in z1n] == [1, 1, 0])
d1 = sp.Matrix([sp.Rational(-23, 1000), sp.Rational(115, 10000), 0])
check("r14 dL/dW1 = delta1 x^T = [[-0.023, -0.046], [0.0115, 0.023], [0, 0]]", d1 * x14.T == sp.Matrix([[sp.Rational(-23, 1000), sp.Rational(-46, 1000)], [sp.Rational(115, 10000), sp.Rational(23, 1000)], [0, 0]]))
# the symbolic forms (delta2 = (a2 - y) sigma'(z2) for L = (a - y)^2/2, delta1 = W2^T delta2 ⊙ ReLU')
wv = sp.symbols("p0:3", real=True)
zq = sp.Symbol("zq", real=True)
Lq = sp.Rational(1, 2) * (sig(zq) - 1) ** 2
check("r14 delta2 = (a2 - y) sigma'(z2) for L = (a - y)^2/2", eq(D(Lq, zq), (sig(zq) - 1) * sig(zq) * (1 - sig(zq))))

# ---------------------------------------------------------------- r15
print("== r15 backprop delta vector, Japanese (file id 38305848778)")
# layer sizes P = 2 (layer l), Q = 2 (layer l+1), output 2; u^l = W^T y^{l-1}; f = tanh; E = squared error
P_, Q_ = 2, 2
ul = sp.Matrix(sp.symbols("ul0:2", real=True))
Wn = sp.Matrix(P_, Q_, lambda i, j: sp.Rational(random.randint(-4, 4), 3))   # W^{l+1}, entries w_jk
yl = ul.applyfunc(sp.tanh)
un = Wn.T * yl
yn = un.applyfunc(sp.tanh)
E15 = sp.Rational(1, 2) * sum((yn[k] - [1, -1][k]) ** 2 for k in range(Q_))
uns = sp.Matrix(sp.symbols("un0:2", real=True))
dn15 = sp.Matrix([D(sp.Rational(1, 2) * sum((sp.tanh(uns[k]) - [1, -1][k]) ** 2 for k in range(Q_)), uns[k]) for k in range(Q_)]).subs({uns[k]: un[k] for k in range(Q_)})
ylsym = sp.Matrix(sp.symbols("yl0:2", real=True))
E_y = sp.Rational(1, 2) * sum((sp.tanh((Wn.T * ylsym)[k]) - [1, -1][k]) ** 2 for k in range(Q_))
dE_dy = sp.Matrix([D(E_y, ylsym[j]) for j in range(P_)]).subs({ylsym[j]: yl[j] for j in range(P_)})
pt = {ul[0]: sp.Rational(3, 7), ul[1]: sp.Rational(-5, 7)}
for j in range(P_):
    check(f"r15 dE/dy_{j} = sum_k dE/dy_k^(l+1) dy_k/dy_j (chain)", eqn(dE_dy[j].subs(pt), sum(D(E15, yn[k]) if False else 0 for k in range(Q_)) + sum((yn[k] - [1, -1][k]) * D(sp.tanh(t), t).subs(t, un[k]) * Wn[j, k] for k in range(Q_)).subs(pt)))
    check(f"r15 dE/dy_{j} = sum_k delta_k^(l+1) w_jk", eqn(dE_dy[j].subs(pt), sum(dn15[k] * Wn[j, k] for k in range(Q_)).subs(pt)))
    check(f"r15 du_k/dy_j = w_jk", all(eq(D((Wn.T * ylsym)[k], ylsym[j]), Wn[j, k]) for k in range(Q_)))
deltal = sp.Matrix([D(E15, ul[j]) for j in range(P_)])
fp = ul.applyfunc(lambda v: 1 - sp.tanh(v) ** 2)
row1 = sp.Matrix([sum(dn15[k] * Wn[j, k] for k in range(Q_)) * fp[j] for j in range(P_)])
check("r15 delta_j^l = dE/dy_j f'(u_j) = sum_k delta_k w_jk f'(u_j)", all(eqn(deltal[j].subs(pt), row1[j].subs(pt)) for j in range(P_)))
check("r15 vector row 1 (column of sums) = delta^l", all(eqn(deltal[j].subs(pt), row1[j].subs(pt)) for j in range(P_)))
row2 = Wn * sp.Matrix([dn15[i] * fp[i] for i in range(P_)])
check("r15 vector row 2: W^{l+1} (delta_i^{l+1} f'(u_i^l))_i (genuine)", all(eqn(deltal[j].subs(pt), row2[j].subs(pt)) for j in range(P_)), expected=False)
row3 = sp.Matrix([(Wn * dn15)[j] * fp[j] for j in range(P_)])
check("r15 vector row 3: (W^{l+1} delta^{l+1}) * f'(u^l) = delta^l", all(eqn(deltal[j].subs(pt), row3[j].subs(pt)) for j in range(P_)))
Wl = sp.Matrix(2, P_, lambda i, j: sp.Symbol(f"wl{i}{j}", real=True))
ym = sp.Matrix(sp.symbols("ym0:2", real=True))
ul_of_w = Wl.T * ym
E15w = E15.subs({ul[j]: ul_of_w[j] for j in range(P_)})
ptw = {s_: sp.Rational(random.randint(-3, 3), 4) for s_ in list(Wl) + list(ym)}
dlw = deltal.subs({ul[j]: ul_of_w[j] for j in range(P_)})
check("r15 dE/dw_ij^l = delta_j^l y_i^{l-1}", all(eqn(D(E15w, Wl[i, j]).subs(ptw), (dlw[j] * ym[i]).subs(ptw)) for i in range(2) for j in range(P_)))
dL_out = sp.Matrix([D(E15, yn[k]) if False else (yn[k] - [1, -1][k]) for k in range(Q_)])
check("r15 delta^L = dE/dy^L * f'(u^L) (output layer, elementwise)", all(eqn(dn15[k].subs(pt), (dL_out[k] * (1 - sp.tanh(un[k]) ** 2)).subs(pt)) for k in range(Q_)))

# ---------------------------------------------------------------- r16 (+ wrong)
print("== r16 conv weight gradient, Jekyll post (file id 11031865665)")
H, Wd, Dd, Hk, Wk, Fn = 4, 4, 2, 2, 2, 2
Ho, Wo = H - Hk + 1, Wd - Wk + 1
xin = [[[sp.Rational(random.randint(-3, 3), 2) for _ in range(Dd)] for _ in range(Wd)] for _ in range(H)]
wk = {(f, m_, n_, d_): sp.Symbol(f"w_{f}{m_}{n_}{d_}", real=True) for f in range(Fn) for m_ in range(Hk) for n_ in range(Wk) for d_ in range(Dd)}
bf = [sp.Symbol(f"bf{f}", real=True) for f in range(Fn)]
zc = {(i, j, f): sum(xin[i + m_][j + n_][d_] * wk[(f, m_, n_, d_)] for m_ in range(Hk) for n_ in range(Wk) for d_ in range(Dd)) + bf[f]
      for i in range(Ho) for j in range(Wo) for f in range(Fn)}
coef = {kk: sp.Rational(random.randint(1, 5), 3) for kk in zc}
Lc = sum(coef[kk] * zc[kk] ** 2 for kk in zc)
dLdz = {kk: 2 * coef[kk] * zc[kk] for kk in zc}
ok_back, ok_dz, ok_final, ok_wrong = True, True, True, False
for f in range(Fn):
    for i in range(Hk):
        for j in range(Wk):
            for c in range(Dd):
                wv_ = wk[(f, i, j, c)]
                g = D(Lc, wv_)
                ok_back &= eq(g, sum(dLdz[(a_, b_, f)] * D(zc[(a_, b_, f)], wv_) for a_ in range(Ho) for b_ in range(Wo)))
                for a_ in range(Ho):
                    for b_ in range(Wo):
                        ok_dz &= D(zc[(a_, b_, f)], wv_) == xin[a_ + i][b_ + j][c] and D(xin[a_ + i][b_ + j][c] * wv_, wv_) == xin[a_ + i][b_ + j][c]
                ok_final &= eq(g, sum(dLdz[(a_, b_, f)] * xin[a_ + i][b_ + j][c] for a_ in range(Ho) for b_ in range(Wo)))
                if i != j:
                    ok_wrong |= eq(g, sum(dLdz[(a_, b_, f)] * xin[a_ + j][b_ + i][c] for a_ in range(Ho) for b_ in range(Wo))) is False
check("r16 dL/dw = sum_{a,b} dL/dz_{a,b,f} dz_{a,b,f}/dw (eq:backconv)", ok_back)
check("r16 dz/dw = d/dw[sum ...] = d/dw(x_{a+i-1,b+j-1,c} w) = x_{a+i-1,b+j-1,c}", ok_dz)
check("r16 final solution sum dL/dz x_{a+i-1,b+j-1,c}", ok_final)
check("r16.wrong final solution with x_{a+j-1,b+i-1,c} (injected)", not ok_wrong, expected=False)

# ---------------------------------------------------------------- r17
print("== r17 conv backward 3x3 / 2x2, Chinese notes (file id 27336767386)")
xm = sp.Matrix(3, 3, lambda i, j: sp.Symbol(f"x{i + 1}{j + 1}", real=True))
wm = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"k{i + 1}{j + 1}", real=True))
om = sp.Matrix(2, 2, lambda i, j: sum(xm[i + p, j + q] * wm[p, q] for p in range(2) for q in range(2)))
check("r17 o11..o22 expansions", om[0, 0] == xm[0, 0] * wm[0, 0] + xm[0, 1] * wm[0, 1] + xm[1, 0] * wm[1, 0] + xm[1, 1] * wm[1, 1]
      and om[0, 1] == xm[0, 1] * wm[0, 0] + xm[0, 2] * wm[0, 1] + xm[1, 1] * wm[1, 0] + xm[1, 2] * wm[1, 1]
      and om[1, 0] == xm[1, 0] * wm[0, 0] + xm[1, 1] * wm[0, 1] + xm[2, 0] * wm[1, 0] + xm[2, 1] * wm[1, 1]
      and om[1, 1] == xm[1, 1] * wm[0, 0] + xm[1, 2] * wm[0, 1] + xm[2, 1] * wm[1, 0] + xm[2, 2] * wm[1, 1])
cc = sp.Matrix(2, 2, lambda i, j: sp.Rational(random.randint(1, 6), 2))
L17 = sum(cc[i, j] * om[i, j] ** 2 + om[i, j] for i in range(2) for j in range(2))
G = sp.Matrix(2, 2, lambda i, j: 2 * cc[i, j] * om[i, j] + 1)   # dL/do_ij
dW_src = {(0, 0): [(0, 0, 0, 0), (0, 1, 0, 1), (1, 0, 1, 0), (1, 1, 1, 1)], (0, 1): [(0, 0, 0, 1), (0, 1, 0, 2), (1, 0, 1, 1), (1, 1, 1, 2)],
          (1, 0): [(0, 0, 1, 0), (0, 1, 1, 1), (1, 0, 2, 0), (1, 1, 2, 1)], (1, 1): [(0, 0, 1, 1), (0, 1, 1, 2), (1, 0, 2, 1), (1, 1, 2, 2)]}
for (p, q), terms in dW_src.items():
    check(f"r17 dL/dw{p + 1}{q + 1} = written sum", eq(D(L17, wm[p, q]), sum(G[a_, b_] * xm[c_, d_] for a_, b_, c_, d_ in terms)))
dX_src = {(0, 0): [(0, 0, 0, 0)], (0, 1): [(0, 0, 0, 1), (0, 1, 0, 0)], (0, 2): [(0, 1, 0, 1)], (1, 0): [(0, 0, 1, 0), (1, 0, 0, 0)],
          (1, 1): [(0, 0, 1, 1), (0, 1, 1, 0), (1, 0, 0, 1), (1, 1, 0, 0)], (1, 2): [(0, 1, 1, 1), (1, 1, 0, 1)], (2, 0): [(1, 0, 1, 0)],
          (2, 1): [(1, 0, 1, 1), (1, 1, 1, 0)], (2, 2): [(1, 1, 1, 1)]}
for (p, q), terms in dX_src.items():
    check(f"r17 dL/dx{p + 1}{q + 1} = written sum", eq(D(L17, xm[p, q]), sum(G[a_, b_] * wm[c_, d_] for a_, b_, c_, d_ in terms)))
rot = sp.Matrix([[wm[1, 1], wm[1, 0]], [wm[0, 1], wm[0, 0]]])
Gp = sp.zeros(4, 4)
Gp[1:3, 1:3] = G
full = sp.Matrix(3, 3, lambda i, j: sum(Gp[i + p, j + q] * rot[p, q] for p in range(2) for q in range(2)))
check("r17 rot180 + padded full correlation = dL/dX", all(eq(full[i, j], D(L17, xm[i, j])) for i in range(3) for j in range(3)))
dWconv = sp.Matrix(2, 2, lambda p, q: sum(xm[p + a_, q + b_] * G[a_, b_] for a_ in range(2) for b_ in range(2)))
check("r17 dL/dW = conv(X, dL/dO)", all(eq(dWconv[p, q], D(L17, wm[p, q])) for p in range(2) for q in range(2)))

# ---------------------------------------------------------------- r18 (+ wrong)
print("== r18 residual gradient flow, Skip Connections (file id 5673449633)")
x1_ = sp.Symbol("x1", real=True)
Fs = [lambda v: sp.sin(v) / 2, lambda v: v ** 2 / 5, lambda v: sp.tanh(v) / 3]
xs18 = [x1_]
for Fi in Fs:
    xs18.append(xs18[-1] + Fi(xs18[-1]))
Lr = sp.cos(xs18[-1]) + xs18[-1] ** 2 / 4            # loss of x_L (L = 4)
Lsym = sp.Symbol("XL", real=True)
dL_dxL = D(sp.cos(Lsym) + Lsym ** 2 / 4, Lsym).subs(Lsym, xs18[-1])
g_total = D(Lr, x1_)
check("r18 plain form dL/dx_l = dL/dx_L prod dx_{i+1}/dx_i", eqn(g_total, dL_dxL * sp.Mul(*[D(Fs[i](t) + t, t).subs(t, xs18[i]) for i in range(3)])))
check("r18 x_{l+1} = x_l + F_l(x_l)", eq(xs18[1], x1_ + Fs[0](x1_)))
x2s = sp.Symbol("X2", real=True)
L_of_x2 = Lr.subs(x1_, x1_)  # loss as a function of x2 via the rest of the chain
rest = [x2s]
for Fi in Fs[1:]:
    rest.append(rest[-1] + Fi(rest[-1]))
Lx2 = sp.cos(rest[-1]) + rest[-1] ** 2 / 4
dL_dx2 = D(Lx2, x2s).subs(x2s, xs18[1])
check("r18 dL/dx_l = dL/dx_{l+1} (1 + dF_l/dx_l)", eqn(g_total, dL_dx2 * (1 + D(Fs[0](t), t).subs(t, x1_))))
check("r18.wrong dL/dx_l = dL/dx_{l+1} (1 - dF_l/dx_l) (injected)", eqn(g_total, dL_dx2 * (1 - D(Fs[0](t), t).subs(t, x1_))), expected=False)
check("r18 unrolled: dL/dx_L prod_{i=l}^{L-1} (1 + F_i')", eqn(g_total, dL_dxL * sp.Mul(*[(1 + D(Fs[i](t), t).subs(t, xs18[i])) for i in range(3)])))

# ---------------------------------------------------------------- r19 (+ wrong)
print("== r19 Newton step 2D (file id 10877580258)")
f19 = x ** 2 + y ** 2
grad = sp.Matrix([D(f19, x), D(f19, y)])
Hs = sp.hessian(f19, (x, y))
check("r19 grad f = (2x, 2y)", grad == sp.Matrix([2 * x, 2 * y]))
check("r19.wrong grad f = (x, 2y) (injected)", grad == sp.Matrix([x, 2 * y]), expected=False)
check("r19 H(f) = [[2,0],[0,2]]", Hs == sp.Matrix([[2, 0], [0, 2]]))
thv = sp.Matrix([x, y])
check("r19 theta - H^{-1} (2x, 2y) = theta - (x, y)", meq(thv - sp.Matrix([[2, 0], [0, 2]]).inv() * sp.Matrix([2 * x, 2 * y]), thv - sp.Matrix([x, y])))
check("r19 one Newton step lands at (0, 0)", thv - Hs.inv() * grad == sp.zeros(2, 1))

# ---------------------------------------------------------------- r20
print("== r20 softmax Jacobian (file id 68865623375)")
zs20 = sp.symbols("s1:4", real=True)
Z = sum(E(v) for v in zs20)
pv = [E(v) / Z for v in zs20]
i, j = 0, 2
dpi = D(pv[i], zs20[i])
check("r20 p_i = e^{z_i}/sum = e^{z_i}/Z", True)
check("r20 case 1: quotient rule row", eq((D(E(zs20[i]), zs20[i]) * Z - E(zs20[i]) * D(Z, zs20[i])) / Z ** 2, dpi))
check("r20 case 1: (e^zi Z - e^zi e^zi)/Z^2", eq((E(zs20[i]) * Z - E(zs20[i]) * E(zs20[i])) / Z ** 2, dpi))
check("r20 case 1: (e^zi/Z)((Z - e^zi)/Z)", eq(E(zs20[i]) / Z * ((Z - E(zs20[i])) / Z), dpi))
check("r20 case 1: p_i(1 - p_i)", eq(pv[i] * (1 - pv[i]), dpi))
dpij = D(pv[i], zs20[j])
check("r20 case 2: (0 Z - e^zi dZ/dzj)/Z^2", eq((0 * Z - E(zs20[i]) * D(Z, zs20[j])) / Z ** 2, dpij))
check("r20 case 2: -e^zi e^zj/Z^2 = -p_i p_j", eq(-E(zs20[i]) * E(zs20[j]) / Z ** 2, dpij) and eq(-pv[i] * pv[j], dpij))
check("r20 unified p_i(delta_ij - p_j)", all(eq(D(pv[a_], zs20[b_]), pv[a_] * ((1 if a_ == b_ else 0) - pv[b_])) for a_ in range(3) for b_ in range(3)))

n_ok = sum(RESULTS)
print(f"{n_ok} / {len(RESULTS)} checks as expected")
