"""Hand transcription of every step of the heldout6 files into SymPy.

Run with /work/main/.venv/bin/python verify_heldout6.py
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

random.seed(6)
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
x, y, z, s, t, p = sp.symbols("x y z s t p", real=True)
sig = lambda v: 1 / (1 + E(-v))

# ---------------------------------------------------------------- q01
print("== q01 sigmoid derivative, Chinese note (file id 8654420712)")
ds = sp.diff(sig(z), z)
u = sp.Symbol("u", positive=True)
check("q01 1/(1+e^-z) = (1+e^-z)^-1", eq(1 / (1 + E(-z)), (1 + E(-z)) ** -1))
check("q01 dsigma/dz = d/dz[(1+e^-z)^-1]", eq(sp.diff((1 + E(-z)) ** -1, z), ds))
check("q01 d/du u^-1 = -u^-2", eq(sp.diff(u ** -1, u), -u ** -2))
check("q01 dsigma/du du/dz = -u^-2 du/dz (u = 1+e^-z)", eq((-(1 + E(-z)) ** -2) * sp.diff(1 + E(-z), z), ds))
check("q01 = -1/(1+e^-z)^2 d/dz(1+e^-z)", eq(-1 / (1 + E(-z)) ** 2 * sp.diff(1 + E(-z), z), ds))
check("q01 du/dz = 0 + d/dz e^-z", eq(sp.diff(1 + E(-z), z), 0 + sp.diff(E(-z), z)))
check("q01 d/dz e^-z = e^-z d/dz(-z)", eq(sp.diff(E(-z), z), E(-z) * sp.diff(-z, z)))
check("q01 = e^-z (-1) = -e^-z", eq(E(-z) * (-1), -E(-z)) and eq(sp.diff(E(-z), z), -E(-z)))
check("q01 step4 -1/(1+e^-z)^2 (-e^-z)", eq(-1 / (1 + E(-z)) ** 2 * (-E(-z)), ds))
check("q01 step4 = e^-z/(1+e^-z)^2", eq(E(-z) / (1 + E(-z)) ** 2, ds))
check("q01.wrong step4 = -e^-z/(1+e^-z)^2 (injected)", eq(-E(-z) / (1 + E(-z)) ** 2, ds), expected=False)
check("q01 1 - sigma = 1 - 1/(1+e^-z) = e^-z/(1+e^-z)", eq(1 - sig(z), E(-z) / (1 + E(-z))))
check("q01 sigma(1-sigma) = 1/(1+e^-z) e^-z/(1+e^-z) = e^-z/(1+e^-z)^2",
      eq(sig(z) * (1 - sig(z)), E(-z) / (1 + E(-z)) ** 2))
check("q01 dsigma/dz = sigma(1-sigma)", eq(sig(z) * (1 - sig(z)), ds))

# ---------------------------------------------------------------- q02
print("== q02 tanh derivative (red-ruby.com)")
dth = sp.diff(sp.tanh(x), x)
check("q02 d/dx tanh = 1/cosh^2", eq(1 / sp.cosh(x) ** 2, dth))
check("q02 1/cosh^2 = sech^2", eq(sp.sech(x) ** 2, dth))
check("q02 (sinh/cosh)' = tanh'", eq(sp.diff(sp.sinh(x) / sp.cosh(x), x), dth))
check("q02 quotient rule row", eq((sp.diff(sp.sinh(x), x) * sp.cosh(x) - sp.sinh(x) * sp.diff(sp.cosh(x), x)) / sp.cosh(x) ** 2, dth))
check("q02 (cosh^2 - sinh^2)/cosh^2", eq((sp.cosh(x) ** 2 - sp.sinh(x) ** 2) / sp.cosh(x) ** 2, dth))
check("q02 = 1/cosh^2 = sech^2", eq(1 / sp.cosh(x) ** 2, sp.sech(x) ** 2))

# ---------------------------------------------------------------- q03
print("== q03 chain rule, Chinese CSC321 note (file id 19072048598)")
c, n = sp.symbols("c n", positive=True)
check("q03 (c x^n)' = c n x^(n-1)", eq(sp.diff(c * x ** n, x), c * n * x ** (n - 1)))
zz = y - t
Lz = sp.Rational(1, 2) * z ** 2
check("q03 dL/dz = 1/2*2*z = z", eq(sp.diff(Lz, z), sp.Rational(1, 2) * 2 * z) and eq(sp.Rational(1, 2) * 2 * z, z))
check("q03 dz/dy = 1", eq(sp.diff(zz, y), 1))
Ly = sp.Rational(1, 2) * (y - t) ** 2
check("q03 dL/dy = dL/dz dz/dy = z*1 = z = y - t", eq(sp.diff(Ly, y), (y - t) * 1) and eq(sp.diff(Ly, y), y - t))
check("q03 (L o z)'(y) = L'(z(y)) z'(y)", eq(sp.diff(Ly, y), (y - t) * 1))
zf = lambda v: v - t
check("q03 = z(z(y)) (z applied twice) (genuine)", eq(zf(zf(y)), sp.diff(Ly, y)), expected=False)
check("q03 = z(z(y)) read as product z*z(y) (genuine)", eq((y - t) * (y - t), sp.diff(Ly, y)), expected=False)
check("q03 z(z(y)) = z(y-t) = (y-t)-t = y-2t (consistent with the wrong row)", eq(zf(y - t), (y - t) - t) and eq((y - t) - t, y - 2 * t))
check("q03 final y - 2t vs the derivative", eq(y - 2 * t, sp.diff(Ly, y)), expected=False)

# ---------------------------------------------------------------- q04
print("== q04 logistic regression loss, Chinese note (file id 17190981421)")
W1, W2, X1, X2, b = sp.symbols("W1 W2 X1 X2 b", real=True)
zlin = W1 * X1 + W2 * X2 + b
check("q04 1/(1+e^(-W.X + b)) = 1/(1+e^(-z)) (genuine)", eq(1 / (1 + E(-(W1 * X1 + W2 * X2) + b)), 1 / (1 + E(-zlin))), expected=False)
pp = sp.Symbol("p", positive=True)
check("q04 p^y(1-p)^(1-y): y=1 gives p, y=0 gives 1-p", eq(pp ** 1 * (1 - pp) ** 0, pp) and eq(pp ** 0 * (1 - pp) ** 1, 1 - pp))
hs = sp.symbols("h0:3", positive=True)
ys = [1, 0, 1]
lik = sp.prod([hs[i] ** ys[i] * (1 - hs[i]) ** (1 - ys[i]) for i in range(3)])
ll = sum(ys[i] * sp.log(hs[i]) + (1 - ys[i]) * sp.log(1 - hs[i]) for i in range(3))
check("q04 log L(W) = sum[y log h + (1-y) log(1-h)]", eq(sp.expand_log(sp.log(lik), force=True), ll))
check("q04 -l(W) = -sum[...]", eq(-ll, -sum(ys[i] * sp.log(hs[i]) + (1 - ys[i]) * sp.log(1 - hs[i]) for i in range(3))))
# gradient rows, n = 3, two features
Xd = sp.Matrix([[1, 2], [3, -1], [-2, 1]])
yd = [1, 0, 1]
wv = sp.symbols("wa wb", real=True)
zs_ = [Xd[i, 0] * wv[0] + Xd[i, 1] * wv[1] for i in range(3)]
yh = [sig(zi) for zi in zs_]
nn = 3
Lce = -sp.Rational(1, nn) * sum(yd[i] * sp.log(yh[i]) + (1 - yd[i]) * sp.log(1 - yh[i]) for i in range(3))
g0 = sp.diff(Lce, wv[0])
dy = [yh[i] * (1 - yh[i]) for i in range(3)]
r1 = -sp.Rational(1, nn) * sum(yd[i] * (1 / yh[i]) * dy[i] * Xd[i, 0] + (1 - yd[i]) * (1 / (1 - yh[i])) * (-dy[i]) * Xd[i, 0] for i in range(3))
r3 = -sp.Rational(1, nn) * sum(yd[i] * (1 - yh[i]) * Xd[i, 0] - (1 - yd[i]) * yh[i] * Xd[i, 0] for i in range(3))
r4 = -sp.Rational(1, nn) * sum((yd[i] - yh[i]) * Xd[i, 0] for i in range(3))
r5 = sp.Rational(1, nn) * sum((yh[i] - yd[i]) * Xd[i, 0] for i in range(3))
check("q04 dL/dw_j row 1 (with dyhat/dz)", eqn(r1, g0))
check("q04 dyhat/dz = yhat(1-yhat)", eq(sp.diff(sig(z), z), sig(z) * (1 - sig(z))))
r2 = -sp.Rational(1, nn) * sum(yd[i] * (1 / yh[i]) * yh[i] * (1 - yh[i]) * Xd[i, 0] - (1 - yd[i]) * (1 / (1 - yh[i])) * yh[i] * (1 - yh[i]) * Xd[i, 0] for i in range(3))
check("q04 dL/dw_j simplified row (dyhat/dz substituted)", eqn(r2, g0))
check("q04 = -(1/n) sum[y(1-yh)x - (1-y)yh x]", eqn(r3, g0))
check("q04 = -(1/n) sum[(y - yh) x]", eqn(r4, g0))
check("q04 = (1/n) sum[(yh - y) x]", eqn(r5, g0))
gv = (Xd.T * (sp.Matrix(yh) - sp.Matrix(yd))) / nn
check("q04 grad L = (1/n) X^T(yhat - y)", eqn(gv[0], g0) and eqn(gv[1], sp.diff(Lce, wv[1])))

# ---------------------------------------------------------------- q05
print("== q05 NLL gradient (file id 41541580822)")
Jp = -(y * sp.log(p) + (1 - y) * sp.log(1 - p))
check("q05 log p(y|x) = y log p + (1-y) log(1-p) (y = 0, 1)", all(eq(sp.log(pp ** yy * (1 - pp) ** (1 - yy)), yy * sp.log(pp) + (1 - yy) * sp.log(1 - pp)) for yy in (0, 1)))
check("q05 dsigma/dz = sigma(1-sigma)", eq(sp.diff(sig(z), z), sig(z) * (1 - sig(z))))
check("q05 dJ_i/dp_i = -(y/p - (1-y)/(1-p))", eq(sp.diff(Jp, p), -(y / p - (1 - y) / (1 - p))))
Jz = Jp.subs(p, sig(z))
dJz = sp.diff(Jz, z)
check("q05 dJ/dz = dJ/dp dp/dz", eq(sp.diff(Jp, p).subs(p, sig(z)) * sig(z) * (1 - sig(z)), dJz))
check("q05 = -(y/p - (1-y)/(1-p)) p(1-p)", eq((-(y / p - (1 - y) / (1 - p)) * p * (1 - p)).subs(p, sig(z)), dJz))
check("q05 = -[y(1-p) - (1-y)p]", eq((-(y * (1 - p) - (1 - y) * p)).subs(p, sig(z)), dJz))
check("q05 = p - y", eq(sig(z) - y, dJz))
Xq = randmat(3, 2)
yq = [1, 0, 1]
wq = sp.Matrix(sp.symbols("w1 w2", real=True))
bq = sp.Symbol("b", real=True)
zq = [(Xq[i, :] * wq)[0] + bq for i in range(3)]
pq = [sig(v) for v in zq]
Jtot = -sum(yq[i] * sp.log(pq[i]) + (1 - yq[i]) * sp.log(1 - pq[i]) for i in range(3))
gw = sp.Matrix([sp.diff(Jtot, v) for v in wq])
gsum = sum(((pq[i] - yq[i]) * Xq[i, :].T for i in range(3)), sp.zeros(2, 1))
check("q05 dz_i/dw = x_i", all(eq(sp.diff(zq[0], wq[k]), Xq[0, k]) for k in range(2)))
check("q05 grad_w J = sum (p_i - y_i) x_i", all(eqn(gw[k], gsum[k]) for k in range(2)))
check("q05 dz_i/db = 1", eq(sp.diff(zq[0], bq), 1))
check("q05 dJ/db = sum (p_i - y_i)", eqn(sp.diff(Jtot, bq), sum(pq[i] - yq[i] for i in range(3))))
check("q05 grad_w J = X^T(p - y)", all(eqn((Xq.T * (sp.Matrix(pq) - sp.Matrix(yq)))[k], gw[k]) for k in range(2)))
check("q05 dJ/db = 1^T(p - y)", eqn((sp.ones(1, 3) * (sp.Matrix(pq) - sp.Matrix(yq)))[0], sp.diff(Jtot, bq)))

# ---------------------------------------------------------------- q06
print("== q06 logistic regression in stages (file id 8252329373)")
dg = sp.diff(sig(s), s)
check("q06 dg/ds = e^-s/(1+e^-s)^2", eq(E(-s) / (1 + E(-s)) ** 2, dg))
check("q06 = (1+e^-s)/(1+e^-s)^2 - 1/(1+e^-s)^2", eq((1 + E(-s)) / (1 + E(-s)) ** 2 - 1 / (1 + E(-s)) ** 2, dg))
check("q06 = 1/(1+e^-s) - 1/(1+e^-s)^2", eq(1 / (1 + E(-s)) - 1 / (1 + E(-s)) ** 2, dg))
check("q06 = g - g^2", eq(sig(s) - sig(s) ** 2, dg))
check("q06 = g(1-g)", eq(sig(s) * (1 - sig(s)), dg))
yhs = sp.Symbol("yh", positive=True)
Lh = -(y * sp.log(yhs) + (1 - y) * sp.log(1 - yhs))
check("q06 dL/dyhat = -y/yh + (1-y)/(1-yh)", eq(sp.diff(Lh, yhs), -y / yhs + (1 - y) / (1 - yhs)))
check("q06 combined fraction", eq((-y * (1 - yhs) + (1 - y) * yhs) / (yhs * (1 - yhs)), sp.diff(Lh, yhs)))
check("q06 = (yh - y)/(yh(1-yh))", eq((yhs - y) / (yhs * (1 - yhs)), sp.diff(Lh, yhs)))
w0, w1_, w2_, x1_, x2_ = sp.symbols("w0 w1 w2 x1 x2", real=True)
s_lin = w0 + w1_ * x1_ + w2_ * x2_
Lw = Lh.subs(yhs, sig(s_lin))
check("q06 ds/dw0 = 1, ds/dwj = x_j", eq(sp.diff(s_lin, w0), 1) and eq(sp.diff(s_lin, w1_), x1_))
prod0 = ((yhs - y) / (yhs * (1 - yhs)) * yhs * (1 - yhs) * 1).subs(yhs, sig(s_lin))
check("q06 dL/dw0 = product of the three pieces", eq(prod0, sp.diff(Lw, w0)))
check("q06 dL/dw0 = yhat - y", eq(sig(s_lin) - y, sp.diff(Lw, w0)))
check("q06 dL/dwj = product = (yhat - y) x_j", eq(((yhs - y) / (yhs * (1 - yhs)) * yhs * (1 - yhs) * x1_).subs(yhs, sig(s_lin)), sp.diff(Lw, w1_))
      and eq((sig(s_lin) - y) * x1_, sp.diff(Lw, w1_)))
Xs = [(1, 2), (3, -1), (-2, 5)]
Ys = [1, 0, 1]
Ltot6 = sum(Lh.subs({yhs: sig(w0 + w1_ * a + w2_ * bb), y: yy}) for (a, bb), yy in zip(Xs, Ys))
check("q06 summed dL/dw0 = sum(yhat - y)", eqn(sp.diff(Ltot6, w0), sum(sig(w0 + w1_ * a + w2_ * bb) - yy for (a, bb), yy in zip(Xs, Ys))))
check("q06 summed dL/dwj = sum(yhat - y) x_j", eqn(sp.diff(Ltot6, w2_), sum((sig(w0 + w1_ * a + w2_ * bb) - yy) * bb for (a, bb), yy in zip(Xs, Ys))))

# ---------------------------------------------------------------- q07
print("== q07 logistic regression, Jekyll post (file id 37735019394)")
wj = sp.Matrix(sp.symbols("wj1 wj2", real=True))
Xj = sp.Matrix([[1, -2], [3, 1]])
yj = [1, 0]
phi = [sig((wj.T * Xj[i, :].T)[0]) for i in range(2)]
Lj = -sum(yj[i] * sp.log(phi[i]) + (1 - yj[i]) * sp.log(1 - phi[i]) for i in range(2))
lik_rows = -sp.log(sp.prod([phi[i] ** yj[i] * (1 - phi[i]) ** (1 - yj[i]) for i in range(2)]))
check("q07 -log prod = -sum[y log p + (1-y) log(1-p)]", eqn(lik_rows, Lj))
check("q07 phi' = phi(1-phi)", eq(sp.diff(sig(z), z), sig(z) * (1 - sig(z))))
gj = sp.Matrix([sp.diff(Lj, v) for v in wj])
row1 = sum((sp.diff(-(yj[i] * sp.log(p) + (1 - yj[i]) * sp.log(1 - p)), p).subs(p, phi[i]) * phi[i] * (1 - phi[i]) * Xj[i, :].T for i in range(2)), sp.zeros(2, 1))
row2 = -sum(((yj[i] / phi[i] + (1 - yj[i]) / (1 - phi[i])) * phi[i] * (1 - phi[i]) * Xj[i, :].T for i in range(2)), sp.zeros(2, 1))
row3 = -sum(((yj[i] * (1 - phi[i]) - (1 - yj[i]) * phi[i]) * Xj[i, :].T for i in range(2)), sp.zeros(2, 1))
row4 = -sum(((yj[i] - phi[i]) * Xj[i, :].T for i in range(2)), sp.zeros(2, 1))
check("q07 row 1 chain-rule product", all(eqn(row1[k], gj[k]) for k in range(2)))
check("q07 row 2 -sum[y/phi + (1-y)/(1-phi)] phi(1-phi) x (genuine)", all(eqn(row2[k], gj[k]) for k in range(2)), expected=False)
check("q07 row 2 with the minus sign it should have", all(eqn(-sum(((yj[i] / phi[i] - (1 - yj[i]) / (1 - phi[i])) * phi[i] * (1 - phi[i]) * Xj[i, :].T for i in range(2)), sp.zeros(2, 1))[k], gj[k]) for k in range(2)))
check("q07 row 3 -sum[y(1-phi) - (1-y)phi] x", all(eqn(row3[k], gj[k]) for k in range(2)))
check("q07 row 4 -sum[y - phi] x", all(eqn(row4[k], gj[k]) for k in range(2)))

# ---------------------------------------------------------------- q08
print("== q08 MSE gradient (Kiotto-code/42KL_ft_linear_regression)")
w, bb = sp.symbols("w b", real=True)
Xk = [sp.Rational(3), sp.Rational(-1), sp.Rational(5)]
Yk = sp.symbols("y0:3", real=True)
nk = 3
yhat = [w * Xk[i] + bb for i in range(3)]
Loss = sp.Rational(1, nk) * sum((yhat[i] - Yk[i]) ** 2 for i in range(3))
dLw = sp.diff(Loss, w)
ei = [w * Xk[i] + bb - Yk[i] for i in range(3)]
check("q08 Loss with wX + b substituted", eq(Loss, sp.Rational(1, nk) * sum((w * Xk[i] + bb - Yk[i]) ** 2 for i in range(3))))
check("q08 e_i = yhat - y = wX + b - y; Loss = (1/n) sum e^2", eq(Loss, sp.Rational(1, nk) * sum(e ** 2 for e in ei)))
check("q08 (1/n) sum d/dw e_i^2", eq(sp.Rational(1, nk) * sum(sp.diff(e ** 2, w) for e in ei), dLw))
check("q08 = (1/n) sum 2 e_i de_i/dw", eq(sp.Rational(1, nk) * sum(2 * e * sp.diff(e, w) for e in ei), dLw))
check("q08 de_i/dw = X_i", eq(sp.diff(ei[0], w), Xk[0]))
check("q08 dLoss/dw = (1/n) sum 2(wX+b-y) X", eq(sp.Rational(1, nk) * sum(2 * (w * Xk[i] + bb - Yk[i]) * Xk[i] for i in range(3)), dLw))
check("q08 = (2/n) sum X (wX + b - y)", eq(sp.Rational(2, nk) * sum(Xk[i] * (w * Xk[i] + bb - Yk[i]) for i in range(3)), dLw))
check("q08.wrong = (2/n) sum X (wX - b - y) (injected)", eq(sp.Rational(2, nk) * sum(Xk[i] * (w * Xk[i] - bb - Yk[i]) for i in range(3)), dLw), expected=False)

# ---------------------------------------------------------------- q09
print("== q09 softmax + CE gradient in plain text (file id 3061242832)")
z1, z2, z3 = zs3 = sp.symbols("z1:4", real=True)
S3 = E(z1) + E(z2) + E(z3)
a = [E(v) / S3 for v in zs3]
yv = sp.symbols("yv1:4", real=True)
Lg = -sum(yv[i] * sp.log(a[i]) for i in range(3))
i0 = 0
dLz = sp.diff(Lg, zs3[i0])
check("q09 one-hot: L = -log p_k", eq(Lg.subs({yv[0]: 0, yv[1]: 1, yv[2]: 0}), -sp.log(a[1])))
check("q09 dL/dz_i = sum_j dL/dp_j dp_j/dz_i", eq(sum((-yv[j] / a[j]) * sp.diff(a[j], zs3[i0]) for j in range(3)), dLz))
check("q09 dL/dp_j = -y_j/p_j", eq(sp.diff(-sum(yv[i] * sp.log(sp.Symbol("P%d" % i, positive=True)) for i in range(3)), sp.Symbol("P1", positive=True)), -yv[1] / sp.Symbol("P1", positive=True)))
check("q09 dp_i/dz_i = p_i(1-p_i)", eq(sp.diff(a[0], z1), a[0] * (1 - a[0])))
check("q09 dp_j/dz_i = -p_j p_i", eq(sp.diff(a[1], z1), -a[1] * a[0]))
oth = [1, 2]
rows11 = [(-yv[0] / a[0]) * a[0] * (1 - a[0]) + sum((-yv[j] / a[j]) * (-a[j] * a[0]) for j in oth),
          -yv[0] * (1 - a[0]) + sum(yv[j] * a[0] for j in oth),
          -yv[0] + yv[0] * a[0] + a[0] * sum(yv[j] for j in oth),
          -yv[0] + a[0] * (yv[0] + sum(yv[j] for j in oth)),
          -yv[0] + a[0] * sum(yv)]
for k, r in enumerate(rows11, 1):
    check("q09 combine row %d (general y)" % k, eq(r, dLz))
check("q09.wrong row 2 -y_i(1-p_i) - sum y_j p_i (injected)", eq(-yv[0] * (1 - a[0]) - sum(yv[j] * a[0] for j in oth), dLz), expected=False)
for k in range(3):
    oh = {yv[j]: (1 if j == k else 0) for j in range(3)}
    check("q09 = -y_i + p_i*1 = p_i - y_i (one-hot %d)" % (k + 1), eq((-yv[0] + a[0] * 1).subs(oh), dLz.subs(oh)) and eq((a[0] - yv[0]).subs(oh), dLz.subs(oh)))

# ---------------------------------------------------------------- q10
print("== q10 Bengali numeric softmax + CE (file id 38761718744)")
check("q10 e^2 = 7.389", within(math.exp(2), "7.389"))
check("q10 e^1 = 2.718", within(math.exp(1), "2.718"))
check("q10 S = 7.389+2.718+1 = 11.107", within(7.389 + 2.718 + 1, "11.107"))
check("q10 p1 = 7.389/11.107 = 0.665", within(7.389 / 11.107, "0.665"))
check("q10 p2 = 2.718/11.107 = 0.245", within(2.718 / 11.107, "0.245"))
check("q10 p3 = 1/11.107 = 0.090", within(1 / 11.107, "0.090"))
check("q10 L = -ln(0.665) = 0.408", within(-math.log(0.665), "0.408"))
for lhs, sh in ((0.665 - 1, "-0.335"), (0.245 - 0, "0.245"), (0.090 - 0, "0.090")):
    check("q10 dL/dz = %s" % sh, within(lhs, sh))
for g_, sh in ((-0.335, ("-0.335", "-0.670")), (0.245, ("0.245", "0.490")), (0.090, ("0.090", "0.180"))):
    check("q10 dL/dW row %s" % g_, within(g_ * 1, sh[0]) and within(g_ * 2, sh[1]))
check("q10 Row 1 update [0.1335, 0.2670]", within(0.10 - 0.1 * -0.335, "0.1335") and within(0.20 - 0.1 * -0.670, "0.2670"))
check("q10 Row 2 update [-0.0245, 0.0510]", within(0.00 - 0.1 * 0.245, "-0.0245") and within(0.10 - 0.1 * 0.490, "0.0510"))
check("q10 Row 3 update [-0.1090, 0.0820]", within(-0.10 - 0.1 * 0.090, "-0.1090") and within(0.10 - 0.1 * 0.180, "0.0820"))
check("q10.wrong Row 3 update [-0.0910, ...] (injected)", within(-0.10 - 0.1 * 0.090, "-0.0910"), expected=False)
check("q10 b update [0.0335, -0.0245, -0.0090]", within(0 - 0.1 * -0.335, "0.0335") and within(0 - 0.1 * 0.245, "-0.0245") and within(0 - 0.1 * 0.090, "-0.0090"))
check("q10 key result dL/dz_i = p_i - y_i (symbolic, K = 3, class 1 true)", all(eq(sp.diff(-sp.log(E(sp.Symbol("q0")) / sum(E(sp.Symbol("q%d" % j)) for j in range(3))), sp.Symbol("q%d" % k)), (E(sp.Symbol("q%d" % k)) / sum(E(sp.Symbol("q%d" % j)) for j in range(3))) - (1 if k == 0 else 0)) for k in range(3)))

# ---------------------------------------------------------------- q11
print("== q11 softmax regression, Jekyll post (file id 37735019394)")
m_, K_ = 2, 3
wS = sp.Matrix(m_, K_, lambda i, j: sp.Symbol("w%d%d" % (i, j), real=True))
xS = sp.Matrix([2, -1])
zS = wS.T * xS
SS = sum(E(v) for v in zS)
pS = [E(v) / SS for v in zS]
check("q11 phi(z) = e^z / sum e^z (componentwise)", all(eq(pS[k], E(zS[k]) / SS) for k in range(3)))
zsym = sp.symbols("zz1:4", real=True)
Ssym = sum(E(v) for v in zsym)
psym = [E(v) / Ssym for v in zsym]
Jsym = sp.Matrix(3, 3, lambda i, j: sp.diff(psym[i], zsym[j]))
Jdisp = sp.Matrix(3, 3, lambda i, j: psym[i] * (1 - psym[i]) if i == j else -psym[i] * psym[j])
check("q11 dp/dz matrix", meq(Jsym, Jdisp))
yS = sp.symbols("yS1:4", real=True)
prodS = sp.Matrix([[-yS[k] / psym[k] for k in range(3)]]) * Jdisp
rowA = sp.Matrix([[-yS[k] * (1 - psym[k]) + sum(yS[j] * psym[k] for j in range(3) if j != k) for k in range(3)]])
rowB = sp.Matrix([[-yS[k] + psym[k] * sum(yS) for k in range(3)]])
check("q11 (-y/p)^T J = (-y_k(1-p_k) + sum_{j!=k} y_j p_k)", meq(prodS, rowA))
check("q11 = (-y_k + p_k sum y)", meq(prodS, rowB))
for k in range(3):
    oh = {yS[j]: (1 if j == k else 0) for j in range(3)}
    check("q11 = p - y = [phi - y]^T (one-hot %d)" % (k + 1), meq(prodS.subs(oh), sp.Matrix([[psym[j] - oh[yS[j]] for j in range(3)]])))
LS = -sum(yS[k] * sp.log(pS[k]) for k in range(3))
gS = sp.Matrix(m_, K_, lambda i, j: sp.diff(LS, wS[i, j]))
for k in range(3):
    oh = {yS[j]: (1 if j == k else 0) for j in range(3)}
    check("q11 dL/dw = x [phi(w^T x) - y]^T (one-hot %d)" % (k + 1), meq(gS.subs(oh), xS * sp.Matrix([[pS[j] - oh[yS[j]] for j in range(3)]])))
xS2 = sp.Matrix([1, 3])
zS2 = wS.T * xS2
SS2 = sum(E(v) for v in zS2)
pS2 = [E(v) / SS2 for v in zS2]
yb1, yb2 = [0, 1, 0], [1, 0, 0]
Ltot13 = -sum(yb1[k] * sp.log(pS[k]) for k in range(3)) - sum(yb2[k] * sp.log(pS2[k]) for k in range(3))
gT = sp.Matrix(m_, K_, lambda i, j: sp.diff(Ltot13, wS[i, j]))
fin = -(xS * sp.Matrix([[yb1[k] - pS[k] for k in range(3)]]) + xS2 * sp.Matrix([[yb2[k] - pS2[k] for k in range(3)]]))
check("q11 n = 2: dL/dw = -sum x_i [y_i - phi(w^T x_i)]^T", all(eqn(gT[i], fin[i]) for i in range(6)))

# ---------------------------------------------------------------- q12
print("== q12 softmax derivative, n/k cases (file id 48206187665)")
xs_ = sp.symbols("xa0:3", real=True)
Sx = sum(E(v) for v in xs_)
yx = [E(v) / Sx for v in xs_]
nI, kI = 0, 0
d_nn = sp.diff(yx[nI], xs_[kI])
rows_nn = [(E(xs_[nI]) * Sx - E(xs_[nI]) * E(xs_[kI])) / Sx ** 2,
           E(xs_[nI]) / Sx - E(xs_[nI]) / Sx * E(xs_[kI]) / Sx,
           E(xs_[nI]) / Sx * 1 - E(xs_[nI]) / Sx * E(xs_[kI]) / Sx,
           E(xs_[nI]) / Sx * (1 - E(xs_[nI]) / Sx),
           yx[nI] * (1 - yx[kI])]
for k_, r in enumerate(rows_nn, 1):
    check("q12 case n = k row %d" % k_, eq(r, d_nn))
nI, kI = 0, 1
d_nk = sp.diff(yx[nI], xs_[kI])
rows_nk = [((0 * Sx - E(xs_[nI]) * E(xs_[kI])) / Sx ** 2, True),
           (0 - E(xs_[nI]) / Sx * E(xs_[kI]) / Sx, True),
           (E(xs_[nI]) / Sx * 0 - E(xs_[nI]) / Sx * E(xs_[kI]) / Sx, True),
           (E(xs_[nI]) / Sx * (0 - E(xs_[nI]) / Sx), False),
           (yx[nI] * (0 - yx[kI]), True)]
for k_, (r, ex) in enumerate(rows_nk, 1):
    check("q12 case n != k row %d%s" % (k_, " (genuine)" if not ex else ""), eq(r, d_nk), expected=ex)
check("q12 the row it should be: (e^n/S)(0 - e^k/S)", eq(E(xs_[nI]) / Sx * (0 - E(xs_[kI]) / Sx), d_nk))

# ---------------------------------------------------------------- q13
print("== q13 two-layer scalar backprop (paulkoerbitz/pauls-blog)")
xk, w1k, b1k, w2k, b2k, yk = sp.symbols("x w1 b1 w2 b2 yk", real=True)
g = lambda v: sp.tanh(v) + v ** 2 / 5
gp = lambda v: sp.diff(g(sp.Symbol("v")), sp.Symbol("v")).subs(sp.Symbol("v"), v)
Cf = lambda a_: (a_ - yk) ** 2 / 2 + sp.sin(a_)
Cp = lambda a_: sp.diff(Cf(sp.Symbol("A")), sp.Symbol("A")).subs(sp.Symbol("A"), a_)
z1k = w1k * xk + b1k
a1k = g(z1k)
z2k = w2k * a1k + b2k
a2k = g(z2k)
Ck = Cf(a2k)
d2 = Cp(a2k) * gp(z2k)
Z1 = sp.Symbol("Z1")
d1 = sp.diff(Cf(g(w2k * g(Z1) + b2k)), Z1).subs(Z1, z1k)
check("q13 delta^2 = C'(a^2) g'(z^2) = dC/dz^2", eqn(d2, sp.diff(Cf(g(sp.Symbol("Z2"))), sp.Symbol("Z2")).subs(sp.Symbol("Z2"), z2k)))
check("q13 dC/dw^2 = delta^2 dz^2/dw^2 = delta^2 a^1", eqn(sp.diff(Ck, w2k), d2 * sp.diff(z2k, w2k)) and eqn(sp.diff(Ck, w2k), d2 * a1k))
check("q13 dC/db^2 = delta^2 dz^2/db^2 = delta^2", eqn(sp.diff(Ck, b2k), d2 * sp.diff(z2k, b2k)) and eqn(sp.diff(Ck, b2k), d2))
check("q13 dz^1/dw^1 = d/dw^1 (w^1 a^0 + b^1) = a^0 = x", eq(sp.diff(z1k, w1k), xk))
check("q13 dz^1/db^1 = 1", eq(sp.diff(z1k, b1k), 1))
check("q13 dC/dw^1 = dC/dz^1 dz^1/dw^1 (display)", eqn(sp.diff(Ck, w1k), d1 * xk))
check("q13 dC/dz^1 = delta^2 dz^2/dz^1", eqn(d1, d2 * sp.diff(w2k * g(Z1) + b2k, Z1).subs(Z1, z1k)))
check("q13 dz^2/dz^1 = w^2 g'(z^1)", eq(sp.diff(w2k * g(Z1) + b2k, Z1), w2k * gp(Z1)))
check("q13 delta^1 = delta^2 w^2 g'(z^1)", eqn(d1, d2 * w2k * gp(z1k)))
check("q13.wrong delta^1 = delta^2 w^1 g'(z^1) (injected)", eqn(d1, d2 * w1k * gp(z1k)), expected=False)
check("q13 dC/dw^1 = delta^1 a^0 = delta^1 x", eqn(sp.diff(Ck, w1k), d1 * xk))
check("q13 dC/db^1 = delta^1", eqn(sp.diff(Ck, b1k), d1))

# ---------------------------------------------------------------- q14
print("== q14 L-layer scalar backprop (paulkoerbitz/pauls-blog)")
ws = sp.symbols("v1:4", real=True)
bs = sp.symbols("c1:4", real=True)
a0 = sp.Symbol("a0", real=True)
zl, al = {}, {0: a0}
for l in (1, 2, 3):
    zl[l] = ws[l - 1] * al[l - 1] + bs[l - 1]
    al[l] = g(zl[l])
CL = Cf(al[3])
L_ = 3
l = 2
Zl = sp.Symbol("Zl")
# C as a function of z^2 (layers above fixed)
C_of_z2 = Cf(g(ws[2] * g(Zl) + bs[2]))
delta_l = sp.diff(C_of_z2, Zl).subs(Zl, zl[l])
C_of_z3 = Cf(g(Zl))
delta_l1 = sp.diff(C_of_z3, Zl).subs(Zl, zl[3])
check("q14 dC/dw^l = dC/dz^l dz^l/dw^l", eqn(sp.diff(CL, ws[l - 1]), delta_l * sp.diff(zl[l], ws[l - 1])))
check("q14 = delta^l a^{l-1}", eqn(sp.diff(CL, ws[l - 1]), delta_l * al[l - 1]))
check("q14 dC/db^l = dC/dz^l dz^l/dw^l (genuine)", eqn(sp.diff(CL, bs[l - 1]), delta_l * sp.diff(zl[l], ws[l - 1])), expected=False)
check("q14 dC/db^l = dC/dz^l dz^l/db^l (what it should be)", eqn(sp.diff(CL, bs[l - 1]), delta_l * sp.diff(zl[l], bs[l - 1])))
check("q14 = delta^l dz^l/dw^l (consistent with the wrong row)", eqn(delta_l * sp.diff(zl[l], ws[l - 1]), delta_l * al[l - 1]))
check("q14 end of row: dC/db^l = delta^l", eqn(sp.diff(CL, bs[l - 1]), delta_l))
check("q14 dz^l/dw^l = a^{l-1}, dz^l/db^l = 1", eq(sp.diff(zl[l], ws[l - 1]), al[l - 1]) and eq(sp.diff(zl[l], bs[l - 1]), 1))
check("q14 delta^l = dC/dz^{l+1} dz^{l+1}/dz^l", eqn(delta_l, delta_l1 * sp.diff(ws[2] * g(Zl) + bs[2], Zl).subs(Zl, zl[l])))
check("q14 = delta^{l+1} w^{l+1} g'(z^l)", eqn(delta_l, delta_l1 * ws[2] * gp(zl[l])))
check("q14 delta^L = C'(a^L) g'(z^L)", eqn(delta_l1, Cp(al[3]) * gp(zl[3])))
check("q14 dC/dw^L = delta^L a^{L-1}, dC/db^L = delta^L", eqn(sp.diff(CL, ws[2]), delta_l1 * al[2]) and eqn(sp.diff(CL, bs[2]), delta_l1))
check("q14 summary delta^l = w^{l+1} delta^{l+1} (second genuine slip)", eqn(delta_l, ws[2] * delta_l1), expected=False)
check("q14 summary dC/dw^l = delta^l a^{l-1}, dC/db^l = delta^l", eqn(sp.diff(CL, ws[1]), delta_l * al[1]) and eqn(sp.diff(CL, bs[1]), delta_l))

# ---------------------------------------------------------------- q15
print("== q15 multi-node backprop indices (paulkoerbitz/pauls-blog)")
n0, n1, n2 = 2, 3, 2
W1m = sp.Matrix(n1, n0, lambda i, j: sp.Symbol("W1_%d%d" % (i, j), real=True))
b1m = sp.Matrix(n1, 1, lambda i, j: sp.Symbol("b1_%d" % i, real=True))
W2m = sp.Matrix(n2, n1, lambda i, j: sp.Symbol("W2_%d%d" % (i, j), real=True))
b2m = sp.Matrix(n2, 1, lambda i, j: sp.Symbol("b2_%d" % i, real=True))
a0m = sp.Matrix([sp.Rational(3, 5), -sp.Rational(4, 3)])
gg = lambda v: v ** 3 / 7 + v
ggp = lambda v: 3 * v ** 2 / 7 + 1
z1m = W1m * a0m + b1m
a1m = z1m.applyfunc(gg)
z2m = W2m * a1m + b2m
a2m = z2m.applyfunc(gg)
tg = [sp.Rational(1, 2), -1]
Cm = sum((a2m[i] - tg[i]) ** 2 for i in range(n2)) / 2 + a2m[0] * a2m[1]
# delta^1 as gradient wrt z^1: build C from symbolic z^1
Ztmp = sp.Matrix(sp.symbols("T0:3", real=True))
C_of_z1 = sum(((W2m * Ztmp.applyfunc(gg) + b2m).applyfunc(gg)[i] - tg[i]) ** 2 for i in range(n2)) / 2 + sp.prod((W2m * Ztmp.applyfunc(gg) + b2m).applyfunc(gg))
delta1 = sp.Matrix([sp.diff(C_of_z1, Ztmp[i]) for i in range(n1)]).subs({Ztmp[i]: z1m[i] for i in range(n1)})
U = sp.Matrix(sp.symbols("U0:2", real=True))
C_of_z2 = sum((U.applyfunc(gg)[i] - tg[i]) ** 2 for i in range(n2)) / 2 + sp.prod(U.applyfunc(gg))
delta2 = sp.Matrix([sp.diff(C_of_z2, U[i]) for i in range(n2)]).subs({U[i]: z2m[i] for i in range(n2)})
ii, jj = 1, 0
check("q15 dC/dw_ij = sum_k dC/dz_k dz_k/dw_ij", eqn(sp.diff(Cm, W1m[ii, jj]), sum(delta1[k] * sp.diff(z1m[k], W1m[ii, jj]) for k in range(n1))))
check("q15 dC/db_i = sum_k dC/dz_k dz_k/db_i", eqn(sp.diff(Cm, b1m[ii]), sum(delta1[k] * sp.diff(z1m[k], b1m[ii]) for k in range(n1))))
check("q15 dz_k/dw_ij = a_j if i = k else 0 (all k, i, j)", all(eq(sp.diff(z1m[k], W1m[i_, j_]), a0m[j_] if i_ == k else 0) for k in range(n1) for i_ in range(n1) for j_ in range(n0)))
check("q15 dz_k/db_i = 1 if i = k else 0", all(eq(sp.diff(z1m[k], b1m[i_]), 1 if i_ == k else 0) for k in range(n1) for i_ in range(n1)))
check("q15 dC/dw_ij = delta_i a_j (all i, j)", all(eqn(sp.diff(Cm, W1m[i_, j_]), delta1[i_] * a0m[j_]) for i_ in range(n1) for j_ in range(n0)))
check("q15 dC/db_i = delta_i", all(eqn(sp.diff(Cm, b1m[i_]), delta1[i_]) for i_ in range(n1)))
check("q15 dC/dW = delta a^T (matrix)", all(eqn(sp.diff(Cm, W1m[i_, j_]), (delta1 * a0m.T)[i_, j_]) for i_ in range(n1) for j_ in range(n0)))
gradC = sp.Matrix([sp.diff(sum((sp.Symbol("A0") - tg[0]) ** 2 + (sp.Symbol("A1") - tg[1]) ** 2 for _ in [0]) / 2 + sp.Symbol("A0") * sp.Symbol("A1"), sp.Symbol("A%d" % i)) for i in range(2)]).subs({sp.Symbol("A0"): a2m[0], sp.Symbol("A1"): a2m[1]})
check("q15 delta^L_i = C_i(a^L) g'(z^L_i)", all(eqn(delta2[i], gradC[i] * ggp(z2m[i])) for i in range(n2)))
check("q15 delta^L = grad C (.) g'(z^L)", all(eqn(delta2[i], (gradC.multiply_elementwise(z2m.applyfunc(ggp)))[i]) for i in range(n2)))
check("q15 delta^l_i = sum_k delta^{l+1}_k dz^{l+1}_k/dz^l_i", all(eqn(delta1[i], sum(delta2[k] * W2m[k, i] * ggp(z1m[i]) for k in range(n2))) for i in range(n1)))
check("q15 dz^{l+1}_k/dz^l_i = w_ki g'(z_i)", all(eq(sp.diff((W2m * Ztmp.applyfunc(gg) + b2m)[k], Ztmp[i]), W2m[k, i] * ggp(Ztmp[i])) for k in range(n2) for i in range(n1)))
check("q15 delta^l = W^T delta^{l+1} (.) g'(z^l)", all(eqn(delta1[i], ((W2m.T * delta2).multiply_elementwise(z1m.applyfunc(ggp)))[i]) for i in range(n1)))

# ---------------------------------------------------------------- q16
print("== q16 expanded two-layer backprop (tesserato/Dissertacao)")
i1, i2, t1, t2 = sp.symbols("i1 i2 t1 t2", real=True)
wT = {(r, c_): sp.Symbol("w%d%d" % (r, c_), real=True) for r in (1, 2) for c_ in (1, 2, 3)}
uT = {(r, c_): sp.Symbol("u%d%d" % (r, c_), real=True) for r in (1, 2, 3) for c_ in (1, 2)}
gT_ = lambda v: v ** 3 / 5 + v
gTp = lambda v: 3 * v ** 2 / 5 + 1
fT = lambda v: sp.sin(v) + v ** 2
fTp = lambda v: sp.cos(v) + 2 * v
h = {k: gT_(i1 * wT[(1, k)] + i2 * wT[(2, k)]) for k in (1, 2, 3)}
net1 = h[1] * uT[(1, 1)] + h[2] * uT[(2, 1)] + h[3] * uT[(3, 1)]
net2 = h[1] * uT[(1, 2)] + h[2] * uT[(2, 2)] + h[3] * uT[(3, 2)]
ET = sp.Rational(1, 2) * ((fT(net1) - t1) ** 2 + (fT(net2) - t2) ** 2)
dEu = sp.diff(ET, uT[(1, 1)])
check("q16 dE/du11 row 1 (1/2 d/du11 of the sum)", eqn(sp.Rational(1, 2) * sp.diff((fT(net1) - t1) ** 2 + (fT(net2) - t2) ** 2, uT[(1, 1)]), dEu))
check("q16 row 2 (sum of the two derivatives)", eqn(sp.Rational(1, 2) * (sp.diff((fT(net1) - t1) ** 2, uT[(1, 1)]) + sp.diff((fT(net2) - t2) ** 2, uT[(1, 1)])), dEu))
check("q16 row 3 (only the first term depends on u11)", eqn(sp.Rational(1, 2) * sp.diff((fT(net1) - t1) ** 2, uT[(1, 1)]), dEu))
row4 = sp.Rational(2, 2) * (fT(net1) - t1) * (fTp(net1) * (sp.diff(h[1] * uT[(1, 1)], uT[(1, 1)]) + sp.diff(h[2] * uT[(2, 1)], uT[(1, 1)]) + sp.diff(h[3] * uT[(3, 1)], uT[(1, 1)])) - sp.diff(t1, uT[(1, 1)]))
check("q16 row 4 (f' at the net input times the inner derivative)", eqn(row4, dEu))
check("q16 row 5 h1 (f - t1) f'", eqn(h[1] * (fT(net1) - t1) * fTp(net1), dEu))
dEw = sp.diff(ET, wT[(1, 1)])
check("q16 dE/dw11 row 1", eqn(sp.Rational(1, 2) * sp.diff((fT(net1) - t1) ** 2 + (fT(net2) - t2) ** 2, wT[(1, 1)]), dEw))
check("q16 row 2", eqn(sp.Rational(1, 2) * (sp.diff((fT(net1) - t1) ** 2, wT[(1, 1)]) + sp.diff((fT(net2) - t2) ** 2, wT[(1, 1)])), dEw))
check("q16 row 3 (2(...) d/dw11(...))", eqn(sp.Rational(1, 2) * (2 * (fT(net1) - t1) * sp.diff(fT(net1) - t1, wT[(1, 1)]) + 2 * (fT(net2) - t2) * sp.diff(fT(net2) - t2, wT[(1, 1)])), dEw))
check("q16 row 4", eqn((fT(net1) - t1) * (sp.diff(fT(net1), wT[(1, 1)]) - 0) + (fT(net2) - t2) * (sp.diff(fT(net2), wT[(1, 1)]) - 0), dEw))
r5 = (fT(net1) - t1) * fTp(net1) * sum(sp.diff(h[k] * uT[(k, 1)], wT[(1, 1)]) for k in (1, 2, 3)) + (fT(net2) - t2) * fTp(net2) * sum(sp.diff(h[k] * uT[(k, 2)], wT[(1, 1)]) for k in (1, 2, 3))
check("q16 row 5 (three inner terms)", eqn(r5, dEw))
r6 = (fT(net1) - t1) * fTp(net1) * sp.diff(h[1] * uT[(1, 1)], wT[(1, 1)]) + (fT(net2) - t2) * fTp(net2) * sp.diff(h[1] * uT[(1, 2)], wT[(1, 1)])
check("q16 row 6 (only h1 depends on w11)", eqn(r6, dEw))
r7 = (fT(net1) - t1) * fTp(net1) * (uT[(1, 1)] * i1 * gTp(i1 * wT[(1, 1)] + i2 * wT[(2, 1)])) + (fT(net2) - t2) * fTp(net2) * (uT[(1, 2)] * i1 * gTp(i1 * wT[(1, 1)] + i2 * wT[(2, 1)]))
check("q16 row 7 (u i1 g'(...))", eqn(r7, dEw))

# ---------------------------------------------------------------- q17
print("== q17 numeric two-layer backprop (kaifeng/llm-learn)")
sg = lambda v: 1 / (1 + math.exp(-v))
check("q17 z_1 = [1x0.5+2x0.7+0.1, 1x0.6+2x0.8+0.2] = [2.0, 2.4]", within(1 * 0.5 + 2 * 0.7 + 0.1, "2.0") and within(1 * 0.6 + 2 * 0.8 + 0.2, "2.4"))
check("q17 matrix product form equals the written sums", meq(sp.Matrix([[1, 2]]) * sp.Matrix([[sp.Rational(1, 2), sp.Rational(3, 5)], [sp.Rational(7, 10), sp.Rational(4, 5)]]) + sp.Matrix([[sp.Rational(1, 10), sp.Rational(1, 5)]]), sp.Matrix([[2, sp.Rational(12, 5)]])))
check("q17 sigma(2.0) = 0.8808", within(sg(2.0), "0.8808"))
check("q17 sigma(2.4) = 0.9084 (genuine)", within(sg(2.4), "0.9084"), expected=False)
check("q17 sigma(2.4) = 0.9168 (what it is)", within(sg(2.4), "0.9168"))
z2v = 0.8808 * 0.9 + 0.9084 * 0.1 + 0.3
check("q17 z_2 = 0.8808x0.9 + 0.9084x0.1 + 0.3 = 1.1835 (from the shown a_1)", within(z2v, "1.1835"))
check("q17 sigma(1.1835) = 0.7692 (second genuine slip)", within(sg(1.1835), "0.7692"), expected=False)
check("q17 L = 1/2 (0.7692 - 0.5)^2 = 0.035 (third slip)", within(0.5 * (0.7692 - 0.5) ** 2, "0.035"), expected=False)
check("q17 0.7692 - 0.5 = 0.2692", within(0.7692 - 0.5, "0.2692"))
check("q17 0.7692(1 - 0.7692) = 0.1776", within(0.7692 * (1 - 0.7692), "0.1776"))
check("q17 delta_2 = 0.2692 x 0.1776 = 0.0478", within(0.2692 * 0.1776, "0.0478"))
check("q17 dL/dW_2 = 0.0478 x [0.8808, 0.9084] = [0.0421, 0.0434]", within(0.0478 * 0.8808, "0.0421") and within(0.0478 * 0.9084, "0.0434"))
check("q17 dL/da_1 = 0.0478 x [0.9, 0.1] = [0.0430, 0.0048]", within(0.0478 * 0.9, "0.0430") and within(0.0478 * 0.1, "0.0048"))
check("q17 1 - 0.8808 = 0.1192, 1 - 0.9084 = 0.0916", within(1 - 0.8808, "0.1192") and within(1 - 0.9084, "0.0916"))
check("q17 0.8808 x 0.1192 = 0.1051 (just over one unit off)", within(0.8808 * 0.1192, "0.1051"), expected=False)
check("q17 0.9084 x 0.0916 = 0.0833", within(0.9084 * 0.0916, "0.0833"))
check("q17 delta_1 = [0.0430 x 0.1051, 0.0048 x 0.0833] = [0.0045, 0.0004]", within(0.0430 * 0.1051, "0.0045") and within(0.0048 * 0.0833, "0.0004"))
check("q17 dL/dW_1 = delta_1^T X entries", within(0.0045 * 1, "0.0045") and within(0.0045 * 2, "0.0090") and within(0.0004 * 1, "0.0004") and within(0.0004 * 2, "0.0008"))
check("q17 chain-rule forms: dL/dyhat = yhat - y, dyhat/dz = sigma(1-sigma)", eq(sp.diff((z - y) ** 2 / 2, z), z - y) and eq(sp.diff(sig(x), x), sig(x) * (1 - sig(x))))

# ---------------------------------------------------------------- q18
print("== q18 conv output size (file id 32794310184)")
def count_positions(n_, f_, p_, s_):
    return len(range(0, n_ + 2 * p_ - f_ + 1, s_))
check("q18 floor((n + 2p - f)/s) + 1 = number of window positions", all((n_ + 2 * p_ - f_) // s_ + 1 == count_positions(n_, f_, p_, s_) for n_ in range(5, 10) for f_ in (2, 3) for p_ in (0, 1) for s_ in (1, 2, 3)))
check("q18 6x6, f3, s1: floor(3/1) + 1 = 4", (6 - 3) // 1 + 1 == 4)
check("q18 6x6, f3, s2: floor(3/2) + 1 = 2", (6 - 3) // 2 + 1 == 2)
check("q18 6x6, f3, s3: floor(3/3) + 1 = 2", (6 - 3) // 3 + 1 == 2)
check("q18 7x7, p1, s1: floor(6/1) + 1 = 7", (7 + 2 - 3) // 1 + 1 == 7)
check("q18 7x7, p1, s2: floor(6/2) + 1 = 4", (7 + 2 - 3) // 2 + 1 == 4)
check("q18.wrong 7x7, p1, s2: = 3 (injected)", (7 + 2 - 3) // 2 + 1 == 3, expected=False)
check("q18 7x7, p1, s3: floor(6/3) + 1 = 3", (7 + 2 - 3) // 3 + 1 == 3)
check("q18 pooling: floor((4 - 2)/2) + 1 = floor(2/2) + 1", (4 - 2) // 2 + 1 == 2 // 2 + 1)
check("q18 pooling: floor(2/2) + 1 = 1 + 1 = 2", 2 // 2 + 1 == 1 + 1 == 2)
check("q18 pooling output 2x2 equals the window count", count_positions(4, 2, 0, 2) == 2)

# ---------------------------------------------------------------- q19
print("== q19 strided convolution and its filter gradient (file id 32794310184)")
Iq = sp.Matrix(6, 6, lambda i, j: 6 * i + j + 1)
Kq = sp.Matrix([[1, 0, -1]] * 3)
outq = lambda i, j: sum(Iq[2 * i + m, 2 * j + n_] * Kq[m, n_] for m in range(3) for n_ in range(3))
check("q19 output size floor((6-3)/2) + 1 = floor(3/2) + 1 = 1 + 1 = 2", (6 - 3) // 2 + 1 == 3 // 2 + 1 == 1 + 1 == 2)
for (i, j), st in (((0, 0), (0, 0)), ((0, 1), (0, 2)), ((1, 0), (2, 0)), ((1, 1), (2, 2))):
    check("q19 position (%d,%d) starts at (%d,%d)" % (i, j, st[0], st[1]), (2 * i, 2 * j) == st)
check("q19 patch/product rows (0,0): [1 0 -3; 7 0 -9; 13 0 -15]", Iq[0:3, 0:3].multiply_elementwise(Kq) == sp.Matrix([[1, 0, -3], [7, 0, -9], [13, 0, -15]]))
check("q19 patch/product rows (0,1): [3 0 -5; 9 0 -11; 15 0 -17]", Iq[0:3, 2:5].multiply_elementwise(Kq) == sp.Matrix([[3, 0, -5], [9, 0, -11], [15, 0, -17]]))
check("q19 patch/product rows (1,0): [13 0 -15; 19 0 -21; 25 0 -27]", Iq[2:5, 0:3].multiply_elementwise(Kq) == sp.Matrix([[13, 0, -15], [19, 0, -21], [25, 0, -27]]))
check("q19 patch/product rows (1,1): [15 0 -17; 21 0 -23; 27 0 -29]", Iq[2:5, 2:5].multiply_elementwise(Kq) == sp.Matrix([[15, 0, -17], [21, 0, -23], [27, 0, -29]]))
check("q19 Output[0,0] chain = 1+0-3+... = 21 + 0 - 27 = -6", outq(0, 0) == 1 + 0 - 3 + 7 + 0 - 9 + 13 + 0 - 15 == (1 + 7 + 13) + 0 + (-3 - 9 - 15) == 21 + 0 - 27 == -6)
check("q19 Output[0,1] chain = 27 + 0 - 33 = -6", outq(0, 1) == 3 + 0 - 5 + 9 + 0 - 11 + 15 + 0 - 17 == (3 + 9 + 15) + (-5 - 11 - 17) == 27 + 0 - 33 == -6)
check("q19 Output[1,0] chain = 57 + 0 - 63 = -6", outq(1, 0) == 13 + 0 - 15 + 19 + 0 - 21 + 25 + 0 - 27 == (13 + 19 + 25) + (-15 - 21 - 27) == 57 + 0 - 63 == -6)
check("q19 Output[1,1] chain = 63 + 0 - 69 = -6", outq(1, 1) == 15 + 0 - 17 + 21 + 0 - 23 + 27 + 0 - 29 == (15 + 21 + 27) + (-17 - 23 - 29) == 63 + 0 - 69 == -6)
Gq = sp.Matrix([[sp.Rational(1, 2), sp.Rational(3, 10)], [sp.Rational(1, 5), sp.Rational(2, 5)]])
Ks = sp.Matrix(3, 3, lambda i, j: sp.Symbol("K%d%d" % (i, j)))
Lq = sum(Gq[i, j] * sum(Iq[2 * i + m, 2 * j + n_] * Ks[m, n_] for m in range(3) for n_ in range(3)) for i in range(2) for j in range(2))
dK = sp.Matrix(3, 3, lambda m, n_: sp.diff(Lq, Ks[m, n_]))
check("q19 stride formula dL/dK[m,n] = sum_ij I[is+m, js+n] G[i,j]", all(dK[m, n_] == sum(Iq[2 * i + m, 2 * j + n_] * Gq[i, j] for i in range(2) for j in range(2)) for m in range(3) for n_ in range(3)))
check("q19 dL/dK[0,0]: index expansion I[0,0],I[0,2],I[2,0],I[2,2]", dK[0, 0] == Iq[0, 0] * Gq[0, 0] + Iq[0, 2] * Gq[0, 1] + Iq[2, 0] * Gq[1, 0] + Iq[2, 2] * Gq[1, 1])
check("q19 = 1*0.5 + 3*0.3 + 13*0.2 + 15*0.4 = 0.5 + 0.9 + 2.6 + 6.0 = 10.0", dK[0, 0] == sp.Rational(1, 2) + sp.Rational(9, 10) + sp.Rational(13, 5) + 6 == 10)
check("q19 dL/dK[0,1] = 2*0.5 + 4*0.3 + 14*0.2 + 16*0.4 = 1.0 + 1.2 + 2.8 + 6.4 = 11.4", dK[0, 1] == 2 * Gq[0, 0] + 4 * Gq[0, 1] + 14 * Gq[1, 0] + 16 * Gq[1, 1] == 1 + sp.Rational(6, 5) + sp.Rational(14, 5) + sp.Rational(32, 5) == sp.Rational(57, 5))
check("q19 dL/dK[0,2] = 3*0.5 + 5*0.3 + 15*0.2 + 17*0.4 = 12.8", dK[0, 2] == 3 * Gq[0, 0] + 5 * Gq[0, 1] + 15 * Gq[1, 0] + 17 * Gq[1, 1] == sp.Rational(64, 5))
shown = sp.Matrix([[10, sp.Rational(57, 5), sp.Rational(64, 5)], [17, sp.Rational(97, 5), sp.Rational(109, 5)], [24, sp.Rational(137, 5), sp.Rational(154, 5)]])
check("q19 complete dL/dK matrix as shown (genuine)", dK == shown, expected=False)
check("q19 complete dL/dK first row right", dK[0, :] == shown[0, :])
check("q19 dL/dK[1,0] = 18.4 (shown 17.0)", dK[1, 0] == sp.Rational(92, 5))

# ---------------------------------------------------------------- q20
print("== q20 conv backward gradients (file id 2458091201)")
Cin, Cout, Hn, Kk = 2, 2, 4, 2
Ho = Hn - Kk + 1
Xc = {(c_, i, j): sp.Symbol("X%d%d%d" % (c_, i, j), real=True) for c_ in range(Cin) for i in range(Hn) for j in range(Hn)}
Wc = {(f_, c_, p_, q_): sp.Symbol("W%d%d%d%d" % (f_, c_, p_, q_), real=True) for f_ in range(Cout) for c_ in range(Cin) for p_ in range(Kk) for q_ in range(Kk)}
bc = [sp.Symbol("bc%d" % f_, real=True) for f_ in range(Cout)]
Yc = {(f_, i, j): bc[f_] + sum(Wc[(f_, c_, p_, q_)] * Xc[(c_, i + p_, j + q_)] for c_ in range(Cin) for p_ in range(Kk) for q_ in range(Kk)) for f_ in range(Cout) for i in range(Ho) for j in range(Ho)}
cw = {k: random.randint(1, 4) for k in Yc}
Lc = sum(cw[k] * Yc[k] ** 2 for k in Yc) / 2
dLdY = {k: cw[k] * Yc[k] for k in Yc}
check("q20 dL/db[f] = sum_ij dL/dY[f,i,j]", all(eq(sp.diff(Lc, bc[f_]), sum(dLdY[(f_, i, j)] for i in range(Ho) for j in range(Ho))) for f_ in range(Cout)))
check("q20 dY[f,i,j]/dW[f,c,p,q] = X[c,i+p,j+q]", all(eq(sp.diff(Yc[(1, 1, 0)], Wc[(1, c_, p_, q_)]), Xc[(c_, 1 + p_, 0 + q_)]) for c_ in range(Cin) for p_ in range(Kk) for q_ in range(Kk)))
check("q20 dL/dW[f,c,p,q] = sum_ij dL/dY[f,i,j] X[c,i+p,j+q]", all(eq(sp.diff(Lc, Wc[(f_, c_, p_, q_)]), sum(dLdY[(f_, i, j)] * Xc[(c_, i + p_, j + q_)] for i in range(Ho) for j in range(Ho))) for f_ in range(Cout) for c_ in range(Cin) for p_ in range(Kk) for q_ in range(Kk)))
def dX(c_, m, n_):
    return sum(dLdY[(f_, m - p_, n_ - q_)] * Wc[(f_, c_, p_, q_)] for f_ in range(Cout) for p_ in range(Kk) for q_ in range(Kk) if 0 <= m - p_ < Ho and 0 <= n_ - q_ < Ho)
check("q20 dL/dX[c,m,n] = sum_f,p,q dL/dY[f,m-p,n-q] W[f,c,p,q] (valid indices)", all(eq(sp.diff(Lc, Xc[(c_, m, n_)]), dX(c_, m, n_)) for c_ in range(Cin) for m in range(Hn) for n_ in range(Hn)))

# ---------------------------------------------------------------- q21
print("== q21 residual identity gradient (shar-pen/LLM-learning)")
Fx = x ** 3 * sp.sin(x)
yR = Fx + x
check("q21 dy/dx = d(F(x) + x)/dx", eq(sp.diff(yR, x), sp.diff(Fx + x, x)))
check("q21 = dF/dx + 1", eq(sp.diff(Fx, x) + 1, sp.diff(yR, x)))
check("q21.wrong = dF/dx - 1 (injected)", eq(sp.diff(Fx, x) - 1, sp.diff(yR, x)), expected=False)

# ---------------------------------------------------------------- q22
print("== q22 unrolled residual recursion (file id 18526719614)")
cR, dR = sp.Rational(1, 3), sp.Rational(1, 2)
FR = lambda v: cR * v ** 2 + dR
x0R = sp.Symbol("x0", real=True)
xs_R = [x0R]
for k in range(6):
    xs_R.append(xs_R[-1] + FR(xs_R[-1]))
lR, LR = 2, 5
check("q22 x_{l+1} = x_l + F(x_l) (h = f = identity)", eq(xs_R[lR + 1], xs_R[lR] + FR(xs_R[lR])))
check("q22 x_{l+2} = x_{l+1} + F(x_{l+1})", eq(xs_R[lR + 2], xs_R[lR + 1] + FR(xs_R[lR + 1])))
check("q22 = x_l + F(x_l) + F(x_{l+1})", eq(xs_R[lR + 2], xs_R[lR] + FR(xs_R[lR]) + FR(xs_R[lR + 1])))
check("q22 x_L = x_l + sum_{i=1}^{L-1} F(x_i), l = 2, L = 5 (genuine)", eq(xs_R[LR], xs_R[lR] + sum(FR(xs_R[i]) for i in range(1, LR))), expected=False)
check("q22 x_L = x_l + sum_{i=l}^{L-1} F(x_i) (the paper's form)", eq(xs_R[LR], xs_R[lR] + sum(FR(xs_R[i]) for i in range(lR, LR))))
check("q22 x_L = x_0 + sum_{i=0}^{L-1} F(x_i)", eq(xs_R[LR], xs_R[0] + sum(FR(xs_R[i]) for i in range(0, LR))))
XL = sp.Symbol("XL")
epsR = XL ** 3 / 3 + sp.sin(XL)
xl_ = sp.Symbol("xl", real=True)
chain = [xl_]
for k in range(lR, LR):
    chain.append(chain[-1] + FR(chain[-1]))
e_of_xl = epsR.subs(XL, chain[-1])
de_dxL = sp.diff(epsR, XL).subs(XL, chain[-1])
check("q22 de/dx_l = de/dx_L dx_L/dx_l", eqn(sp.diff(e_of_xl, xl_), de_dxL * sp.diff(chain[-1], xl_)))
check("q22 = de/dx_L (1 + d/dx_l sum_{i=l}^{L-1} F(x_i))", eqn(sp.diff(e_of_xl, xl_), de_dxL * (1 + sp.diff(sum(FR(chain[i]) for i in range(0, LR - lR)), xl_))))

# ---------------------------------------------------------------- q23
print("== q23 quadratic form gradient (luisdecunto/ml-roadmap)")
x1q, x2q = sp.symbols("x1 x2", real=True)
Aq = sp.Matrix([[2, 1], [1, 3]])
xq = sp.Matrix([x1q, x2q])
fq = (xq.T * Aq * xq)[0]
check("q23 A x = [2x1 + x2, x1 + 3x2]", meq(Aq * xq, sp.Matrix([2 * x1q + x2q, x1q + 3 * x2q])))
check("q23 f = x1(2x1 + x2) + x2(x1 + 3x2)", eq(fq, x1q * (2 * x1q + x2q) + x2q * (x1q + 3 * x2q)))
check("q23 = 2x1^2 + x1x2 + x1x2 + 3x2^2", eq(fq, 2 * x1q ** 2 + x1q * x2q + x1q * x2q + 3 * x2q ** 2))
check("q23.wrong = 2x1^2 + x1x2 + x1x2 + 3x2 (injected)", eq(fq, 2 * x1q ** 2 + x1q * x2q + x1q * x2q + 3 * x2q), expected=False)
check("q23 = 2x1^2 + 2x1x2 + 3x2^2", eq(fq, 2 * x1q ** 2 + 2 * x1q * x2q + 3 * x2q ** 2))
check("q23 df/dx1 = 4x1 + 2x2", eq(sp.diff(fq, x1q), 4 * x1q + 2 * x2q))
check("q23 df/dx2 = 2x1 + 6x2", eq(sp.diff(fq, x2q), 2 * x1q + 6 * x2q))
check("q23 grad = [4x1 + 2x2, 2x1 + 6x2]^T = 2Ax", meq(sp.Matrix([4 * x1q + 2 * x2q, 2 * x1q + 6 * x2q]), 2 * Aq * xq))
x3v = sp.Matrix(sp.symbols("y1:4", real=True))
ok_sym, ok_gen = True, True
for _ in range(3):
    B = randmat(3, 3)
    Ssym_ = B + B.T
    fS = (x3v.T * Ssym_ * x3v)[0]
    fB = (x3v.T * B * x3v)[0]
    ok_sym &= meq(sp.Matrix([sp.diff(fS, v) for v in x3v]), 2 * Ssym_ * x3v)
    ok_gen &= meq(sp.Matrix([sp.diff(fB, v) for v in x3v]), (B + B.T) * x3v)
check("q23 symmetric A: grad = 2Ax (random integer 3x3)", ok_sym)
check("q23 general A: grad = (A + A^T)x (random integer 3x3)", ok_gen)
As = sp.Matrix(3, 3, lambda i, j: sp.Symbol("s%d%d" % (min(i, j), max(i, j)), real=True))
Ag = sp.Matrix(3, 3, lambda i, j: sp.Symbol("g%d%d" % (i, j), real=True))
fsum = sum(x3v[i] * Ag[i, j] * x3v[j] for i in range(3) for j in range(3))
check("q23 f = sum_i sum_j x_i A_ij x_j", eq(fsum, (x3v.T * Ag * x3v)[0]))
kk = 1
check("q23 df/dx_k = sum_i A_ik x_i + sum_j A_kj x_j (general A)", eq(sp.diff(fsum, x3v[kk]), sum(Ag[i, kk] * x3v[i] for i in range(3)) + sum(Ag[kk, j] * x3v[j] for j in range(3))))
fss = sum(x3v[i] * As[i, j] * x3v[j] for i in range(3) for j in range(3))
check("q23 symmetric: = sum_i A_ki x_i + sum_j A_kj x_j", eq(sp.diff(fss, x3v[kk]), sum(As[kk, i] * x3v[i] for i in range(3)) + sum(As[kk, j] * x3v[j] for j in range(3))))
check("q23 = 2 sum_j A_kj x_j = 2(Ax)_k", eq(sp.diff(fss, x3v[kk]), 2 * sum(As[kk, j] * x3v[j] for j in range(3))) and eq(2 * sum(As[kk, j] * x3v[j] for j in range(3)), (2 * As * x3v)[kk]))

print()
print("%d / %d checks as expected" % (sum(RESULTS), len(RESULTS)))
