"""Hand transcription of every step of the heldout5 files into SymPy.

Run with /work/main/.venv/bin/python verify_heldout5.py
Each check prints OK when the step's truth value is the one recorded in the
file's verdict (True for right steps, False for the genuine or injected wrong
steps), FAIL otherwise.  Index chains are instantiated with n = 2 or 3, matrix
identities are checked on random small integer matrices, unknown functions are
replaced by concrete stand-ins, numbers are recomputed; a rounded decimal counts
as right when it is within one unit of its last shown digit.
"""
import random
from decimal import Decimal

import sympy as sp

random.seed(5)
RESULTS = []


def check(name, cond, expected=True):
    cond = bool(cond)
    ok = cond == expected
    RESULTS.append(ok)
    print(("OK  " if ok else "FAIL"), name, "(holds)" if cond else "(does not hold)",
          "" if expected else "[expected wrong]")


def eq(a, b):
    """symbolic equality, with a numeric fallback at random points"""
    diff_ = a - b
    if sp.count_ops(diff_) < 250:
        if sp.simplify(sp.expand(diff_)) == 0:
            return True
    syms = sorted((a - b).free_symbols, key=str)
    for _ in range(4):
        vals = {s: sp.Rational(random.randint(3, 19), 7) for s in syms}
        v = complex(sp.N((a - b).subs(vals), 30))
        if abs(v) > 1e-12:
            return False
    return True


def eqn(a, b):
    """numeric equality at random rational points (30 digits), for large expressions"""
    syms = sorted((a - b).free_symbols, key=str)
    for _ in range(4):
        vals = {s_: sp.Rational(random.randint(3, 19), 7) for s_ in syms}
        if abs(complex(sp.N((a - b).subs(vals), 30))) > 1e-12:
            return False
    return True


def meq(A, B):
    return sp.simplify(A - B) == sp.zeros(*A.shape)


def within(value, shown):
    """rounded decimal: within one unit of the last digit shown"""
    d = Decimal(shown)
    unit = Decimal(1).scaleb(d.as_tuple().exponent)
    return abs(Decimal(repr(float(value))) - d) <= unit * Decimal("1.0000001")


def randmat(r, c, lo=-3, hi=4):
    return sp.Matrix(r, c, lambda i, j: random.randint(lo, hi))


x, z, p, y, h = sp.symbols("x z p y h", real=True)
sig = 1 / (1 + sp.exp(-x))
dsig = sp.diff(sig, x)
E = sp.exp

# ---------------------------------------------------------------- p01
print("== p01 sigmoid derivation + logit inverse (file id 7895728661)")
sol = sp.solve(sp.Eq(p / (1 - p), E(x)), p)
check("p01 logit: p/(1-p)=e^x solves to e^x/(1+e^x)", len(sol) == 1 and eq(sol[0], E(x) / (1 + E(x))))
pp = E(x) / (1 + E(x))
check("p01 => p = e^x(1-p)", eq(pp, E(x) * (1 - pp)))
check("p01 => p = e^x - e^x p", eq(pp, E(x) - E(x) * pp))
check("p01 => p(1+e^x) = e^x", eq(pp * (1 + E(x)), E(x)))
check("p01 e^x/(1+e^x) = 1/(1+e^-x)", eq(pp, 1 / (1 + E(-x))))
check("p01 dy/dx = -1 (1+e^-x)^-2 d/dx(1+e^-x)", eq(-1 * (1 + E(-x)) ** -2 * sp.diff(1 + E(-x), x), dsig))
check("p01 dy/dx = -(1+e^-x)^-2 (-e^-x)", eq(-(1 + E(-x)) ** -2 * (-E(-x)), dsig))
check("p01 dy/dx = e^-x/(1+e^-x)^2", eq(E(-x) / (1 + E(-x)) ** 2, dsig))
check("p01 1 - sigma = e^-x/(1+e^-x)", eq(1 - sig, E(-x) / (1 + E(-x))))
check("p01 dy/dx = sigma(1-sigma)", eq(sig * (1 - sig), dsig))
check("p01.wrong e^-x/(1+e^-x)^3 (injected)", eq(E(-x) / (1 + E(-x)) ** 3, dsig), expected=False)

# ---------------------------------------------------------------- p02
print("== p02 sigmoid chain rule (mynote.show)")
check("p02 sigma = e^x/(e^x+1)", eq(sig, E(x) / (E(x) + 1)))
check("p02 1/(1+e^-x) * e^x/e^x = e^x/(e^x+1)", eq(1 / (1 + E(-x)) * E(x) / E(x), E(x) / (E(x) + 1)))
check("p02 d/dx e^x = e^x", eq(sp.diff(E(x), x), E(x)))
check("p02 d/dx e^{-3x^2+2x}", eq(sp.diff(E(-3 * x**2 + 2 * x), x), (-6 * x + 2) * E(-3 * x**2 + 2 * x)))
f = (x**2 + 1) ** 3
check("p02 f' = 3(x^2+1)^{3-1} * 2x^{2-1}", eq(3 * (x**2 + 1) ** 2 * 2 * x, sp.diff(f, x)))
check("p02 = 3(x^2+1)^2(2x)", eq(3 * (x**2 + 1) ** 2 * (2 * x), sp.diff(f, x)))
check("p02 = 6x(x^2+1)^2", eq(6 * x * (x**2 + 1) ** 2, sp.diff(f, x)))
rows = [sp.diff((1 + E(-x)) ** -1, x), -1 * (1 + E(-x)) ** -2 * (-E(-x)), (-E(-x)) / (-(1 + E(-x)) ** 2),
        E(-x) / (1 + E(-x)) ** 2, 1 / (1 + E(-x)) * E(-x) / (1 + E(-x)),
        1 / (1 + E(-x)) * (E(-x) + (1 - 1)) / (1 + E(-x)), 1 / (1 + E(-x)) * ((1 + E(-x)) - 1) / (1 + E(-x)),
        1 / (1 + E(-x)) * ((1 + E(-x)) / (1 + E(-x)) - 1 / (1 + E(-x))), 1 / (1 + E(-x)) * (1 - 1 / (1 + E(-x))),
        sig * (1 - sig)]
for k, r in enumerate(rows, 1):
    check("p02 chain row %d" % k, eq(r, dsig))

# ---------------------------------------------------------------- p03
print("== p03 tanh derivative (epsilonify)")
th = (E(x) - E(-x)) / (E(x) + E(-x))
dth = sp.diff(th, x)
g_, h_ = E(x) - E(-x), E(x) + E(-x)
check("p03 tanh = sinh/cosh = (e^x-e^-x)/(e^x+e^-x)", eq(sp.sinh(x) / sp.cosh(x), th))
check("p03 g' = e^x + e^-x", eq(sp.diff(g_, x), E(x) + E(-x)))
check("p03 h' = e^x - e^-x", eq(sp.diff(h_, x), E(x) - E(-x)))
check("p03 step1 f' = d/dx tanh", eq(sp.diff(sp.tanh(x), x), dth))
check("p03 step2 quotient rule", eq((sp.diff(g_, x) * h_ - g_ * sp.diff(h_, x)) / h_**2, dth))
check("p03 step3 substituted", eq(((E(x) + E(-x)) * (E(x) + E(-x)) - (E(x) - E(-x)) * (E(x) - E(-x))) / h_**2, dth))
check("p03 step4 e^{2x}+e^{-2x}+2-(e^{2x}-e^{-2x}-2) (genuine)",
      eq((E(2 * x) + E(-2 * x) + 2 - (E(2 * x) - E(-2 * x) - 2)) / h_**2, dth), expected=False)
check("p03 step5 4/(e^x+e^-x)^2", eq(4 / h_**2, dth))
check("p03 step6 2^2/(...)^2", eq(2**2 / h_**2, dth))
check("p03 step7 sech^2", eq(sp.sech(x) ** 2, dth))

# ---------------------------------------------------------------- p04
print("== p04 tanh derivative (jiskha, Reiny)")
yy = (E(2 * x) - 1) / (E(2 * x) + 1)
check("p04 y = (e^2x-1)/(e^2x+1) equals (e^x-e^-x)/(e^x+e^-x)", eq(yy, th))
dyy = sp.diff(yy, x)
check("p04 step1 quotient row", eq(((E(2 * x) + 1) * (2 * E(2 * x)) - (E(2 * x) - 1) * (2 * E(2 * x))) / (E(2 * x) + 1) ** 2, dyy))
check("p04 step2 2e^2x(e^2x + 1 + e^2x - 1)/(e^2x+1)^2 (genuine)",
      eq(2 * E(2 * x) * (E(2 * x) + 1 + E(2 * x) - 1) / (E(2 * x) + 1) ** 2, dyy), expected=False)
check("p04 step3 4e^2x/(e^2x+1)^2", eq(4 * E(2 * x) / (E(2 * x) + 1) ** 2, dyy))

# ---------------------------------------------------------------- p05
print("== p05 BCE gradient, Unicode note (file id 48169398993)")
zs = sp.Symbol("z", real=True)
s_z = 1 / (1 + E(-zs))
ds_z = sp.diff(s_z, zs)
for k, r in enumerate([sp.diff((1 + E(-zs)) ** -1, zs), -1 * (1 + E(-zs)) ** -2 * (-E(-zs)), E(-zs) / (1 + E(-zs)) ** 2,
                       (1 / (1 + E(-zs))) * (E(-zs) / (1 + E(-zs))), s_z * ((1 + E(-zs) - 1) / (1 + E(-zs))),
                       s_z * (1 - 1 / (1 + E(-zs))), s_z * (1 - s_z)], 1):
    check("p05 sigma' row %d" % k, eq(r, ds_z))
Lh = -y * sp.log(h) - (1 - y) * sp.log(1 - h)
dLh = sp.diff(Lh, h)
bce_rows = [-(y / h - (1 - y) / (1 - h)), -((y * (1 - h) - (1 - y) * h) / (h * (1 - h))),
            -((y - y * h - h + y * h) / (h * (1 - h))), -((y - h) / (h * (1 - h))), (h - y) / (h * (1 - h))]
for k, r in enumerate(bce_rows, 2):
    check("p05 dL/dh row %d" % k, eq(r, dLh))
check("p05.wrong row 5 -[(h-y)/(h(1-h))] (injected)", eq(-((h - y) / (h * (1 - h))), dLh), expected=False)
w0, w1, w2, x0, x1, x2, b = sp.symbols("w0 w1 w2 x0 x1 x2 b")
zz = w0 * x0 + w1 * x1 + w2 * x2 + b
check("p05 dz/dw_j = x_j (j=1)", eq(sp.diff(zz, w1), x1))
check("p05 combine (h-y)/(h(1-h)) * h(1-h) * x_j = (h-y) x_j", eq((h - y) / (h * (1 - h)) * h * (1 - h) * x1, (h - y) * x1))
# full check: d/dw1 of the loss with h = sigma(z)
Lw = -y * sp.log(1 / (1 + E(-zz))) - (1 - y) * sp.log(1 - 1 / (1 + E(-zz)))
check("p05 dL/dw_j = (h(x)-y) x_j (direct)", eq(sp.diff(Lw, w1), (1 / (1 + E(-zz)) - y) * x1))

# ---------------------------------------------------------------- p06
print("== p06 NLL expansion (duchesnay/pystatsml)")
pp_ = sp.Symbol("p", positive=True)
yv = sp.Symbol("y", positive=True)
check("p06 (1) -log(p^y(1-p)^(1-y)) = -[y log p + (1-y) log(1-p)]",
      all(eq(-sp.log(sp.Rational(k, 7) ** yy_ * (1 - sp.Rational(k, 7)) ** (1 - yy_)),
             -(yy_ * sp.log(sp.Rational(k, 7)) + (1 - yy_) * sp.log(1 - sp.Rational(k, 7)))) for k in (1, 3, 5) for yy_ in (0, 1, sp.Rational(1, 3))))
sz = 1 / (1 + E(-zs))
check("p06 (3) log sigma(z) = -log(1+e^-z)", eq(sp.log(sz), -sp.log(1 + E(-zs))))
check("p06 (4) log(1-sigma(z)) = -z - log(1+e^-z)", eq(sp.log(1 - sz), -zs - sp.log(1 + E(-zs))))
ell = -(y * sp.log(sz) + (1 - y) * sp.log(1 - sz))
check("p06 (5) substituted l_i", eq(-(y * (-sp.log(1 + E(-zs))) + (1 - y) * (-zs - sp.log(1 + E(-zs)))), ell))
check("p06 (6) l_i = log(1+e^-z) + (1-y) z", eq(sp.log(1 + E(-zs)) + (1 - y) * zs, ell))
zz3 = sp.symbols("z1:4", real=True)
ys3 = [0, 1, 0]
Ltot = sum(-(yi * sp.log(1 / (1 + E(-zi))) + (1 - yi) * sp.log(1 - 1 / (1 + E(-zi)))) for zi, yi in zip(zz3, ys3))
check("p06 (7) L = sum[log(1+e^-z_i) + (1-y_i) z_i]", eq(sum(sp.log(1 + E(-zi)) + (1 - yi) * zi for zi, yi in zip(zz3, ys3)), Ltot))
check("p06 (8) 'equivalently' sum log(1+e^{-y_i z_i}) with y in {0,1} (genuine)",
      eq(sum(sp.log(1 + E(-yi * zi)) for zi, yi in zip(zz3, ys3)), Ltot), expected=False)

# ---------------------------------------------------------------- p07
print("== p07 NLL gradient (duchesnay/pystatsml)")
check("p07 dl/dp = -(y/p - (1-y)/(1-p))", eq(sp.diff(-(y * sp.log(p) + (1 - y) * sp.log(1 - p)), p), -(y / p - (1 - y) / (1 - p))))
check("p07 dp/dz = p(1-p)", eq(sp.diff(sz, zs), sz * (1 - sz)))
check("p07 product = (p - y) x", eq(-(y / p - (1 - y) / (1 - p)) * p * (1 - p) * x1, (p - y) * x1))
wv = sp.Matrix(sp.symbols("wa wb"))
X = randmat(3, 2)
yvec = sp.Matrix([1, 0, 1])
pvec = sp.Matrix([1 / (1 + E(-(X[i, :] * wv)[0])) for i in range(3)])
Lnll = -sum(yvec[i] * sp.log(pvec[i]) + (1 - yvec[i]) * sp.log(1 - pvec[i]) for i in range(3))
grad = sp.Matrix([sp.diff(Lnll, wk) for wk in wv])
gsum = sum(((pvec[i] - yvec[i]) * X[i, :].T for i in range(3)), sp.zeros(2, 1))
check("p07 grad L = sum (p_i - y_i) x_i", all(eq(grad[k], gsum[k]) for k in range(2)))
check("p07 grad L = X^T (p - y)", meq(X.T * (pvec - yvec), gsum))

# ---------------------------------------------------------------- p08
print("== p08 logistic regression likelihood (jiaeyan/Machine-Learning-Plate)")
hs = sp.symbols("h0:3", positive=True)
ysb = [1, 0, 1]
Lik = sp.prod([hs[i] ** ysb[i] * (1 - hs[i]) ** (1 - ysb[i]) for i in range(3)])
logL = sum(ysb[i] * sp.log(hs[i]) + (1 - ysb[i]) * sp.log(1 - hs[i]) for i in range(3))
check("p08 log L = sum y log h + (1-y) log(1-h)", eq(sp.log(Lik), logL))
yh = sp.Symbol("yh", positive=True)
H2 = -(y * sp.log(yh) + (1 - y) * sp.log(1 - yh))  # two-class distribution (y, 1-y) vs (yh, 1-yh)
check("p08 H(y,yhat) = -y log yhat - (1-y) log(1-yhat)", eq(H2, -y * sp.log(yh) - (1 - y) * sp.log(1 - yh)))
check("p08 -H = y log yhat + (1-y) log(1-yhat)", eq(-H2, y * sp.log(yh) + (1 - y) * sp.log(1 - yh)))
sumNegH = sum(-(-(ysb[i] * sp.log(hs[i]) + (1 - ysb[i]) * sp.log(1 - hs[i]))) for i in range(3))
check("p08 J display link 2: sum -H = -log L (genuine)", eq(sumNegH, -sp.log(Lik)), expected=False)
check("p08 J display link 3: -log L = -(sum ...)", eq(-sp.log(Lik), -logL))
th0, th1 = sp.symbols("th0 th1")
xs_ = [(1, 2), (1, -1), (1, 3)]
hth = [1 / (1 + E(-(th0 * a + th1 * c))) for a, c in xs_]
nll = -sum(ysb[i] * sp.log(hth[i]) + (1 - ysb[i]) * sp.log(1 - hth[i]) for i in range(3))
check("p08 update rule gradient: d(-log L)/dtheta_1 = sum (h - y) x_1",
      eq(sp.diff(nll, th1), sum((hth[i] - ysb[i]) * xs_[i][1] for i in range(3))))

# ---------------------------------------------------------------- p09
print("== p09 MSE gradient non-vectorized (brandokoch)")
m_, n_ = 3, 2
TH = sp.symbols("t0:3")
XX = randmat(m_, n_ + 1)
YY = [random.randint(-3, 3) for _ in range(m_)]
pred = [sum(TH[j] * XX[i, j] for j in range(n_ + 1)) for i in range(m_)]
J = sp.Rational(1, 2 * m_) * sum((pred[i] - YY[i]) ** 2 for i in range(m_))
kk = 1
dJ = sp.diff(J, TH[kk])
check("p09 row 2: 1/2m sum 2(...) d(...)/dtheta_k", eq(sp.Rational(1, 2 * m_) * sum(2 * (pred[i] - YY[i]) * sp.diff(pred[i] - YY[i], TH[kk]) for i in range(m_)), dJ))
check("p09 row 3: 1/m sum (...) x_k", eq(sp.Rational(1, m_) * sum((pred[i] - YY[i]) * XX[i, kk] for i in range(m_)), dJ))
check("p09.wrong row 3 with 1/2m (injected)", eq(sp.Rational(1, 2 * m_) * sum((pred[i] - YY[i]) * XX[i, kk] for i in range(m_)), dJ), expected=False)
thv = sp.Matrix(TH)
gradJ = sp.Matrix([sp.diff(J, t) for t in TH])
check("p09 theta^T x^(i) form", eq(sp.Rational(1, m_) * sum(((thv.T * XX[i, :].T)[0] - YY[i]) * XX[i, kk] for i in range(m_)), dJ))
check("p09 grad = 1/m sum (theta^T x - y) x", meq(gradJ, sp.Rational(1, m_) * sum((((thv.T * XX[i, :].T)[0] - YY[i]) * XX[i, :].T for i in range(m_)), sp.zeros(3, 1))))
check("p09 grad = 1/m X^T (X theta - y)", meq(gradJ, sp.Rational(1, m_) * XX.T * (XX * thv - sp.Matrix(YY))))

# ---------------------------------------------------------------- p10
print("== p10 MSE gradient vectorized (brandokoch)")
X4 = randmat(4, 3)
y4 = randmat(4, 1)
e = X4 * thv - y4
Q = (e.T * e)[0]
gQ = sp.Matrix([sp.diff(Q, t) for t in TH])
check("p10 (X th - y)^T = th^T X^T - y^T", meq((X4 * thv - y4).T, thv.T * X4.T - y4.T))
exp3 = (thv.T * X4.T * X4 * thv - y4.T * X4 * thv - thv.T * X4.T * y4 + y4.T * y4)[0]
check("p10 expansion", eq(exp3, Q))
check("p10 th^T X^T y = (th^T X^T y)^T = y^T X th", eq((thv.T * X4.T * y4)[0], (y4.T * X4 * thv)[0]))
check("p10 -2 y^T X th form", eq((thv.T * X4.T * X4 * thv - 2 * y4.T * X4 * thv + y4.T * y4)[0], Q))
g1 = sp.Matrix([sp.diff((thv.T * X4.T * X4 * thv)[0], t) for t in TH])
g2 = sp.Matrix([sp.diff((y4.T * X4 * thv)[0], t) for t in TH])
check("p10 grad th^T X^T X th = 2 X^T X th", meq(g1, 2 * X4.T * X4 * thv))
check("p10 grad y^T X th = X^T y", meq(g2, X4.T * y4))
check("p10 grad y^T y = 0", sp.diff((y4.T * y4)[0], TH[0]) == 0)
check("p10 2X^TX th - 2X^T y = grad", meq(2 * X4.T * X4 * thv - 2 * X4.T * y4, gQ))
check("p10 = 2 X^T (X th - y)", meq(2 * X4.T * (X4 * thv - y4), gQ))
check("p10 1/2m 2 X^T(...) = 1/m X^T(...)", meq(sp.Rational(1, 8) * 2 * X4.T * (X4 * thv - y4), sp.Rational(1, 4) * X4.T * (X4 * thv - y4)))

# ---------------------------------------------------------------- p11
print("== p11 least squares (sonfl/CS)")
hx = sum(TH[j] * sp.Symbol("xx%d" % j) for j in range(3))
yy_ = sp.Symbol("yy")
Jo = sp.Rational(1, 2) * (hx - yy_) ** 2
check("p11 2 1/2 (h-y) d(h-y)", eq(2 * sp.Rational(1, 2) * (hx - yy_) * sp.diff(hx - yy_, TH[1]), sp.diff(Jo, TH[1])))
check("p11 (h-y) d(th0x0+...-y) = (h-y) x_i", eq((hx - yy_) * sp.Symbol("xx1"), sp.diff(Jo, TH[1])))
check("p11 X Theta rows = x^(i)T Theta", all(eq((X4 * thv)[i], (X4[i, :] * thv)[0]) for i in range(4)))
zvec = sp.Matrix(sp.symbols("q0:3"))
check("p11 z^T z = sum z_i^2", eq((zvec.T * zvec)[0], sum(q**2 for q in zvec)))
lhs11 = sp.Rational(1, 2) * Q
# the written middle expression 1/2 sum((x^{(i)}) - y^{(i)})^2 does not contain Theta at all
check("p11 1/2 (X Th - y)^T (X Th - y) = 1/2 sum((x^(i)) - y^(i))^2 (genuine: Theta dropped)",
      all(sp.diff(lhs11, t) == 0 for t in TH), expected=False)
check("p11 1/2 ||X Th - y||^2 = 1/2 sum (h(x^(i)) - y^(i))^2 = J", eq(lhs11, sp.Rational(1, 2) * sum(((X4[i, :] * thv)[0] - y4[i]) ** 2 for i in range(4))))
gJ = sp.Matrix([sp.diff(lhs11, t) for t in TH])
check("p11 grad J = X^T X Theta - X^T y", meq(gJ, X4.T * X4 * thv - X4.T * y4))
if X4.T * X4 == (X4.T * X4).T and (X4.T * X4).det() != 0:
    ths = (X4.T * X4).inv() * X4.T * y4
    check("p11 Theta = (X^T X)^{-1} X^T y solves grad = 0", meq((X4.T * X4 * thv - X4.T * y4).subs(dict(zip(TH, ths))), sp.zeros(3, 1)))

# ---------------------------------------------------------------- p12
print("== p12 softmax derivative (nnfs notes)")
Z = sp.symbols("za zb zc", real=True)
S_ = sum(E(q) for q in Z)
S = [E(q) / S_ for q in Z]
ok_q = True
for j in range(3):
    for k in range(3):
        quo = (sp.diff(E(Z[j]), Z[k]) * S_ - E(Z[j]) * sp.diff(S_, Z[k])) / S_**2
        ok_q &= eq(quo, sp.diff(S[j], Z[k]))
check("p12 quotient-rule display (all j,k)", ok_q)
check("p12 d/dz_k sum e^{z_l} = e^{z_k}", eq(sp.diff(S_, Z[1]), E(Z[1])))
nn = sp.Symbol("n")
check("p12 d/dn e^n = e^n * 1 = e^n", eq(sp.diff(E(nn), nn), E(nn) * 1))
j = kq = 0
dS = sp.diff(S[j], Z[kq])
check("p12 (1) substituted j=k", eq((E(Z[j]) * S_ - E(Z[j]) * E(Z[j])) / S_**2, dS))
check("p12 (2) factored", eq(E(Z[j]) * (S_ - E(Z[kq])) / (S_ * S_), dS))
check("p12 (3) split", eq(E(Z[j]) / S_ * (S_ - E(Z[j])) / S_, dS))
check("p12 (4) sum_l e^{z_ij} over L=3 terms (genuine)", eq(E(Z[j]) / S_ * (3 * E(Z[j]) / S_ - E(Z[kq]) / S_), dS), expected=False)
check("p12 (5) S_ij(1 - S_ik)", eq(S[j] * (1 - S[kq]), dS))
check("p12 full solution j=k", eq((E(Z[0]) * S_ - E(Z[0]) * E(Z[0])) / S_**2, S[0] * (1 - S[0])) and eq(S[0] * (1 - S[0]), sp.diff(S[0], Z[0])))
check("p12 full solution j!=k case -S_j S_k", eq(-S[0] * S[1], sp.diff(S[0], Z[1])))
check("p12 full solution numerator e_j sum - e_j e_k for j!=k (genuine, later)",
      eq((E(Z[0]) * S_ - E(Z[0]) * E(Z[1])) / S_**2, sp.diff(S[0], Z[1])), expected=False)

# ---------------------------------------------------------------- p13
print("== p13 row softmax backward (zh, file id 4747625402)")
check("p13 (1) d e^x/dx = e^x", eq(sp.diff(E(x), x), E(x)))
fq, gq = x**2, x**3  # stand-ins
check("p13 (2) df/dg = (f'g - fg')/g^2 (genuine)", eq(sp.diff(fq, x) / sp.diff(gq, x), (sp.diff(fq, x) * gq - fq * sp.diff(gq, x)) / gq**2), expected=False)
XS = sp.Matrix(2, 3, sp.symbols("x00 x01 x02 x10 x11 x12", real=True))
rowsum = [sum(E(XS[r, c]) for c in range(3)) for r in range(2)]
SM = sp.Matrix(2, 3, lambda r, c: E(XS[r, c]) / rowsum[r])
i_, j_ = 0, 1
ok_gen = all(eq((sp.diff(E(XS[k, l]), XS[i_, j_]) * rowsum[k] - E(XS[k, l]) * sp.diff(rowsum[k], XS[i_, j_])) / rowsum[k] ** 2,
                sp.diff(SM[k, l], XS[i_, j_])) for k in range(2) for l in range(3))
check("p13 softmax quotient display", ok_gen)
check("p13 case 1 (i != k) = 0", all(sp.simplify(sp.diff(SM[1, l], XS[0, j_])) == 0 for l in range(3)))
check("p13 case 2 d e^{x_il}/dx_ij = 0, d sum/dx_ij = e^{x_ij}", sp.diff(E(XS[0, 0]), XS[0, 1]) == 0 and eq(sp.diff(rowsum[0], XS[0, 1]), E(XS[0, 1])))
check("p13 case 2 -e^{x_il} e^{x_ij}/sum^2", eq(-E(XS[0, 0]) * E(XS[0, 1]) / rowsum[0] ** 2, sp.diff(SM[0, 0], XS[0, 1])))
check("p13 case 2 = -softmax(x_il) softmax(x_ij)", eq(-SM[0, 0] * SM[0, 1], sp.diff(SM[0, 0], XS[0, 1])))
check("p13 case 3 quotient", eq((E(XS[0, 1]) * rowsum[0] - E(XS[0, 1]) ** 2) / rowsum[0] ** 2, sp.diff(SM[0, 1], XS[0, 1])))
check("p13 case 3 = s - s^2", eq(SM[0, 1] - SM[0, 1] ** 2, sp.diff(SM[0, 1], XS[0, 1])))
Cc = randmat(2, 3, 1, 5)
Ssym = sp.Matrix(2, 3, sp.symbols("s00 s01 s02 s10 s11 s12"))
fS = sum(Cc[r, c] * Ssym[r, c] ** 2 for r in range(2) for c in range(3))
sub = dict(zip(list(Ssym), list(SM)))
dfds = sp.Matrix(2, 3, lambda r, c: sp.diff(fS, Ssym[r, c]).subs(sub))
full = sp.diff(fS.subs(sub), XS[i_, j_])
c1_ = sum(dfds[pp_i, q] * sp.diff(SM[pp_i, q], XS[i_, j_]) for pp_i in range(2) for q in range(3))
check("p13 chain: double sum", eq(c1_, full))
c2_ = sum(dfds[i_, q] * sp.diff(SM[i_, q], XS[i_, j_]) for q in range(3))
check("p13 chain: row sum", eq(c2_, full))
c3_ = dfds[i_, j_] * (SM[i_, j_] - SM[i_, j_] ** 2) + sum(dfds[i_, q] * (-SM[i_, q] * SM[i_, j_]) for q in range(3) if q != j_)
check("p13 chain: split q=j / q!=j", eq(c3_, full))
c4_ = SM[i_, j_] * dfds[i_, j_] - SM[i_, j_] * sum(dfds[i_, q] * SM[i_, q] for q in range(3))
check("p13 chain: regrouped", eq(c4_, full))
check("p13 chain: factored", eq(SM[i_, j_] * (dfds[i_, j_] - sum(SM[i_, q] * dfds[i_, q] for q in range(3))), full))

# ---------------------------------------------------------------- p14
print("== p14 softmax Jacobian (ko)")
yhat = S
check("p14 case1 quotient", eq((E(Z[0]) * S_ - E(Z[0]) * E(Z[0])) / S_**2, sp.diff(yhat[0], Z[0])))
check("p14 case1 = yk - yk*yk", eq(E(Z[0]) / S_ - E(Z[0]) / S_ * E(Z[0]) / S_, sp.diff(yhat[0], Z[0])))
check("p14 case1 = yk - yk^2 = yk(1-yk)", eq(yhat[0] - yhat[0] ** 2, sp.diff(yhat[0], Z[0])) and eq(yhat[0] * (1 - yhat[0]), sp.diff(yhat[0], Z[0])))
check("p14 case2 quotient", eq((0 * S_ - E(Z[0]) * E(Z[2])) / S_**2, sp.diff(yhat[0], Z[2])))
check("p14 case2 = -e/S * e/S", eq(-E(Z[0]) / S_ * E(Z[2]) / S_, sp.diff(yhat[0], Z[2])))
check("p14 case2 = -yk yi", eq(-yhat[0] * yhat[2], sp.diff(yhat[0], Z[2])))
check("p14.wrong case2 = +yk yi (injected)", eq(yhat[0] * yhat[2], sp.diff(yhat[0], Z[2])), expected=False)
check("p14 unified yk(delta_ki - yi)", all(eq(yhat[k] * ((1 if k == i else 0) - yhat[i]), sp.diff(yhat[k], Z[i])) for k in range(3) for i in range(3)))

# ---------------------------------------------------------------- p15
print("== p15 softmax + CE gradient (ko)")
ok15 = [True] * 6
for c in range(3):
    yo = [1 if q == c else 0 for q in range(3)]
    Lce = -sum(yo[q] * sp.log(yhat[q]) for q in range(3))
    for i in range(3):
        d_ = sp.diff(Lce, Z[i])
        dl = lambda k, i=i: 1 if k == i else 0
        ok15[0] &= eq(sum(-sp.Rational(yo[k]) / yhat[k] * yhat[k] * (dl(k) - yhat[i]) if yo[k] else 0 for k in range(3)), d_)
        ok15[1] &= eq(sum(-yo[k] * (dl(k) - yhat[i]) for k in range(3)), d_)
        ok15[2] &= eq(-sum(yo[k] * dl(k) for k in range(3)) + sum(yo[k] * yhat[i] for k in range(3)), d_)
        ok15[3] &= (-sum(yo[k] * dl(k) for k in range(3)) == -yo[i]) and eq(sum(yo[k] * yhat[i] for k in range(3)), yhat[i] * sum(yo))
        ok15[4] &= eq(-yo[i] + yhat[i], d_)
        ok15[5] &= eq(yhat[i] - yo[i], d_)
for k, nm in enumerate(["substituted chain", "-y_k(delta - yhat_i)", "two sums", "first/second term", "-y_i + yhat_i", "yhat_i - y_i"]):
    check("p15 " + nm, ok15[k])
check("p15 chain-rule display sum_k dL/dyhat_k dyhat_k/dz_i (stand-in: one-hot class 1)",
      eq(sum(sp.diff(-sp.log(sp.Symbol("u1")), sp.Symbol("u%d" % k)).subs(sp.Symbol("u1"), yhat[1]) * sp.diff(yhat[k], Z[0]) for k in range(3)),
         sp.diff(-sp.log(yhat[1]), Z[0])))
check("p15 batch mean (1/N)(yhat - y) for N=2 samples", eq(sp.diff(sp.Rational(1, 2) * (-sp.log(yhat[0]) - sp.log(yhat[1].subs(Z[0], sp.Symbol("zo")))), Z[0]), sp.Rational(1, 2) * (yhat[0] - 1)))

# ---------------------------------------------------------------- p16
print("== p16 softmax CE with max shift (zh)")
mm = sp.Symbol("m", real=True)
sumz = sum(E(q - mm) for q in Z)
Lz = -sp.log(E(Z[0] - mm) / sumz)  # target = index 0
x_1, x_2, x_4, c1s, x_3 = sp.symbols("x_1 x_2 x_4 c1 x_3", positive=True)
check("p16 dg1/dx1 = -1/x1", eq(sp.diff(-sp.log(x_1), x_1), -1 / x_1))
check("p16 dg2/dx2 = -c1/x2^2", eq(sp.diff(c1s / x_2, x_2), -c1s / x_2**2))
check("p16.wrong dg2/dx2 = -c1/x2 (injected)", eq(sp.diff(c1s / x_2, x_2), -c1s / x_2), expected=False)
check("p16 dg3/dx3 = 1, dg4/dx4 = e^x4, dg5/dZi = 1", sp.diff(x_3 + 5, x_3) == 1 and eq(sp.diff(E(x_4), x_4), E(x_4)) and sp.diff(Z[1] - mm, Z[1]) == 1)
prod16 = (-1 / x_1) * (-c1s / x_2**2) * 1 * E(x_4) * 1
subs16 = {x_1: E(Z[0] - mm) / sumz, x_2: sumz, x_4: Z[1] - mm, c1s: E(Z[0] - mm)}
check("p16 product = c1 e^x4/(x1 x2^2)", eq(prod16, c1s * E(x_4) / (x_1 * x_2**2)))
check("p16 = e^{Z_i - max}/sum = dL/dZ_i (i != target)", eq((c1s * E(x_4) / (x_1 * x_2**2)).subs(subs16), E(Z[1] - mm) / sumz) and eq(E(Z[1] - mm) / sumz, sp.diff(Lz, Z[1])))
check("p16 numerator part: dg1 dg2 dg3 dg4 = -e^x3/(x1 sum)", eq((-1 / x_1) * (1 / sumz) * E(x_3) * 1, -E(x_3) / (x_1 * sumz)))
check("p16 p = -1", eq((-E(x_3) / (x_1 * sumz)).subs({x_1: E(Z[0] - mm) / sumz, x_3: Z[0] - mm}), -1))
check("p16 denominator part (target) e^{Z_t - max}/sum", eq(sp.diff(sp.log(sumz), Z[0]), E(Z[0] - mm) / sumz))
check("p16 total e^{Z_t - max}/sum - 1 = dL/dZ_target", eq(E(Z[0] - mm) / sumz - 1, sp.diff(Lz, Z[0])))

# ---------------------------------------------------------------- p17
print("== p17 backprop equations (file id 27488744757), scalar case")
ap, wL, bL, zp = sp.symbols("a_p w_L b_L z_p", real=True)
sgm = lambda t: 1 / (1 + E(-t))
dsg = lambda t: sp.diff(sgm(sp.Symbol("t")), sp.Symbol("t")).subs(sp.Symbol("t"), t)
zL = ap * wL + bL
aL = sgm(zL)
C = (aL - y) ** 2
check("p17 grad_a C = 2(a - y)", eq(sp.diff((sp.Symbol("aa") - y) ** 2, sp.Symbol("aa")), 2 * (sp.Symbol("aa") - y)))
check("p17 delta^L = dC/da da/dz = 2(a-y) sigma'(z)", eq(2 * (aL - y) * dsg(zL), sp.diff(C, bL)))
C2 = C.subs(ap, sgm(zp))
zL2 = wL * sgm(zp) + bL
dCdz = 2 * (sgm(zL2) - y) * dsg(zL2)
check("p17 dz^L/dz^{L-1} = w sigma'(z^{L-1})", eq(sp.diff(zL2, zp), wL * dsg(zp)))
check("p17 delta^{L-1} = dC/dz^L dz^L/dz^{L-1}", eq(dCdz * sp.diff(zL2, zp), sp.diff(C2, zp)))
check("p17 delta^{L-1} = delta^L w sigma'(z^{L-1})", eq(dCdz * wL * dsg(zp), sp.diff(C2, zp)))
check("p17.wrong delta^L w sigma(z^{L-1}) (injected)", eq(dCdz * wL * sgm(zp), sp.diff(C2, zp)), expected=False)
check("p17 dC/dw^L = a^{L-1} delta^L", eq(ap * 2 * (aL - y) * dsg(zL), sp.diff(C, wL)))
check("p17 dz/dw = a^{L-1}, dz/db = 1", sp.diff(zL, wL) == ap and sp.diff(zL, bL) == 1)
check("p17 dC/db^L = delta^L", eq(2 * (aL - y) * dsg(zL), sp.diff(C, bL)))

# ---------------------------------------------------------------- p18
print("== p18 backprop delta recursion (file id 45278832164), scalar case")
C18 = sp.Rational(1, 2) * (aL - y) ** 2
check("p18 dC/dw = (a-y) sigma'(z) a^{l-1}", eq((aL - y) * dsg(zL) * ap, sp.diff(C18, wL)))
check("p18 dC/db = (a-y) sigma'(z)", eq((aL - y) * dsg(zL), sp.diff(C18, bL)))
aa = sp.Symbol("aa", positive=True)
check("p18 CE: dC/da = (a-y)/(a(1-a))", eq(sp.diff(-(y * sp.log(aa) + (1 - y) * sp.log(1 - aa)), aa), (aa - y) / (aa * (1 - aa))))
a0, W1, b1, W2, b2 = sp.symbols("a0 W1 b1 W2 b2", real=True)
z1 = W1 * a0 + b1
z2 = W2 * sgm(z1) + b2
Cc3 = sp.Rational(1, 2) * (sgm(z2) - y) ** 2
d2 = (sgm(z2) - y) * dsg(z2)
check("p18 delta^(l+1) = dC/dz^(l+1)", eq(d2, sp.diff(Cc3, b2)))
check("p18 dz^(l+1)/dz^(l) = W sigma'(z^(l))", eq(sp.diff(z2, b1), W2 * dsg(z1)))
d1 = W2 * d2 * dsg(z1)
check("p18 delta^(l) = W^T delta^(l+1) sigma'(z^(l))", eq(d1, sp.diff(Cc3, b1)))
check("p18 dC/dw^(l) = delta^(l) a^(l-1)", eq(d1 * a0, sp.diff(Cc3, W1)))
check("p18 dC/db^(l) = delta^(l)", eq(d1, sp.diff(Cc3, b1)))

# ---------------------------------------------------------------- p19
print("== p19 single neuron numeric (file id 8923878325)")
zv = 3000 * 0.001 + 6 * 0.01 + 1 * -0.005 + 0.1
check("p19 (1) z = 3.155", within(zv, "3.155"))
yv_ = 1 / (1 + 2.718281828459045 ** -3.155)
import math
yv_ = 1 / (1 + math.exp(-3.155))
check("p19 (2) sigma(3.155) ~ 0.9591", within(yv_, "0.9591"))
check("p19 (3) (0 - 0.9591)^2 = 0.91988", within((0 - 0.9591) ** 2, "0.91988") and within(yv_**2, "0.91988"))
check("p19 (4) -2(0 - 0.9591) = 1.9182", within(-2 * (0 - 0.9591), "1.9182"))
check("p19 (5) 0.9591 (1 - 0.9591) = 0.03932 (genuine)", within(0.9591 * (1 - 0.9591), "0.03932"), expected=False)
check("p19 (6) 1.9182 * 0.03932 = 0.0755", within(1.9182 * 0.03932, "0.0755"))
check("p19 (7) 0.0755 * 3000 = 226.5", within(0.0755 * 3000, "226.5"))
check("p19 (8) 0.0755 * 6 = 0.453", within(0.0755 * 6, "0.453"))
check("p19 (9,10) 0.0755 * 1 = 0.0755", within(0.0755 * 1, "0.0755"))
check("p19 (11) w1 = -0.001265", within(0.001 - 0.00001 * 226.5, "-0.001265"))
check("p19 (12) w2 = 0.0099955", within(0.01 - 0.00001 * 0.453, "0.0099955"))
check("p19 (13) w3 = -0.005000755", within(-0.005 - 0.00001 * 0.0755, "-0.005000755"))
check("p19 (14) b = 0.09999924", within(0.1 - 0.00001 * 0.0755, "0.09999924"))

# ---------------------------------------------------------------- p20
print("== p20 residual numeric propagation (zh, file id 56322889484)")
prev = 1.0
for k, (shown) in enumerate(["0.900", "0.820", "0.756", "0.705", "0.664"], 1):
    check("p20 plain x_%d = 0.8 x + 0.1 = %s" % (k, shown), within(0.8 * prev + 0.1, shown))
    prev = float(shown)
xs_sol = sp.solve(sp.Eq(sp.Symbol("xs"), sp.Rational(8, 10) * sp.Symbol("xs") + sp.Rational(1, 10)), sp.Symbol("xs"))
check("p20 fixed point x* = 0.5", xs_sol == [sp.Rational(1, 2)])
check("p20 x + 0.8x + 0.1 = 1.8x + 0.1", eq(x + sp.Rational(8, 10) * x + sp.Rational(1, 10), sp.Rational(18, 10) * x + sp.Rational(1, 10)))
prev = 1.0
for k, shown in enumerate(["1.900", "3.520", "6.436", "11.685", "21.133"], 1):
    check("p20 residual x_%d = 1.8 x + 0.1 = %s" % (k, shown), within(1.8 * prev + 0.1, shown))
    prev = float(shown)
check("p20.wrong x_3 = 1.8*3.520+0.1 = 6.346 (injected)", within(1.8 * 3.520 + 0.1, "6.346"), expected=False)
prev = 1.0
for k, (inc, shown) in enumerate([("0.042", "1.042"), ("0.043", "1.085"), ("0.044", "1.129"), ("0.045", "1.174"), ("0.046", "1.220")], 1):
    check("p20 sin x_%d: 0.05 sin(x) = %s, x = %s" % (k, inc, shown),
          within(0.05 * math.sin(prev), inc) and within(prev + float(inc), shown))
    prev = float(shown)
check("p20 0.8^5 = 0.32768", within(0.8**5, "0.32768"))
check("p20 1 + 0.8 = 1.8", within(1 + 0.8, "1.8"))
check("p20 1.8^5 = 18.90", within(1.8**5, "18.90"))

# ---------------------------------------------------------------- p21
print("== p21 residual gradient highway (zh), scalar case l=2, L=5")
cs = [None, None, 2, -1, 3]
ds = [None, None, 1, 2, -1]
Fi = lambda i, t: sp.Rational(cs[i], 5) * t**2 + ds[i] * sp.sin(t)
x2_ = sp.Symbol("x_2", real=True)
xs21 = {2: x2_}
for i in (2, 3, 4):
    xs21[i + 1] = xs21[i] + Fi(i, xs21[i])
check("p21 x_L = x_l + sum_{i=l}^{L-1} F_i(x_i)", eq(xs21[5], x2_ + sum(Fi(i, xs21[i]) for i in (2, 3, 4))))
dxL = sp.diff(xs21[5], x2_)
check("p21 dx_L/dx_l = 1 + d/dx_l sum F_i(x_i)", eq(dxL, 1 + sp.diff(sum(Fi(i, xs21[i]) for i in (2, 3, 4)), x2_)))
XL = sp.Symbol("X_L")
lossL = XL**3
check("p21 dLoss/dx_l = dLoss/dx_L * dx_L/dx_l", eq(sp.diff(lossL.subs(XL, xs21[5]), x2_), sp.diff(lossL, XL).subs(XL, xs21[5]) * dxL))

# ---------------------------------------------------------------- p22
print("== p22 Hessian of the logistic NLL (duchesnay/pystatsml)")
Xh = randmat(3, 2)
yh3 = [1, 0, 1]
ph = [1 / (1 + E(-(Xh[i, :] * wv)[0])) for i in range(3)]
Lh3 = -sum(yh3[i] * sp.log(ph[i]) + (1 - yh3[i]) * sp.log(1 - ph[i]) for i in range(3))
gh = sp.Matrix([sp.diff(Lh3, wk) for wk in wv])
check("p22 grad = sum (p_i - y_i) x_i", all(eq(gh[k], sum((ph[i] - yh3[i]) * Xh[i, k] for i in range(3))) for k in range(2)))
Hs = sp.hessian(Lh3, list(wv))
check("p22 grad p_i = sigma'(z_i) grad z_i", all(eq(sp.diff(ph[0], wv[k]), dsg((Xh[0, :] * wv)[0]) * Xh[0, k]) for k in range(2)))
check("p22 = p_i(1 - p_i) x_i", all(eq(sp.diff(ph[0], wv[k]), ph[0] * (1 - ph[0]) * Xh[0, k]) for k in range(2)))
check("p22.wrong = p_i(1 + p_i) x_i (injected)", all(eq(sp.diff(ph[0], wv[k]), ph[0] * (1 + ph[0]) * Xh[0, k]) for k in range(2)), expected=False)
outer0 = sp.Matrix(2, 2, lambda a_, c_: sp.diff((ph[0] - yh3[0]) * Xh[0, a_], wv[c_]))
check("p22 grad[(p_i - y_i) x_i] = p_i(1-p_i) x_i x_i^T", all(eq(outer0[a_, c_], (ph[0] * (1 - ph[0]) * Xh[0, :].T * Xh[0, :])[a_, c_]) for a_ in range(2) for c_ in range(2)))
Hsum = sum((ph[i] * (1 - ph[i]) * Xh[i, :].T * Xh[i, :] for i in range(3)), sp.zeros(2, 2))
check("p22 Hessian = sum p(1-p) x x^T", all(eqn(Hs[a_, c_], Hsum[a_, c_]) for a_ in range(2) for c_ in range(2)))
Sd = sp.diag(*[ph[i] * (1 - ph[i]) for i in range(3)])
check("p22 Hessian = X^T S X", all(eqn(Hsum[a_, c_], (Xh.T * Sd * Xh)[a_, c_]) for a_ in range(2) for c_ in range(2)))

# ---------------------------------------------------------------- p23
print("== p23 layer gradients (ThirstyScholar)")
Hm = sp.Matrix(2, 3, sp.symbols("h00 h01 h02 h10 h11 h12"))
Wm = sp.Matrix(3, 2, sp.symbols("w00 w01 w10 w11 w20 w21"))
bm = sp.Matrix(1, 2, sp.symbols("b0 b1"))
Yh = Hm * Wm + sp.Matrix.vstack(bm, bm)
Cm = randmat(2, 2, 1, 4)
Lm = sum(Cm[a_, c_] * Yh[a_, c_] ** 2 for a_ in range(2) for c_ in range(2))
G = sp.Matrix(2, 2, lambda a_, c_: 2 * Cm[a_, c_] * Yh[a_, c_])  # dL/dyhat
dLdH = sp.Matrix(2, 3, lambda i, j: sp.diff(Lm, Hm[i, j]))
dLdW = sp.Matrix(3, 2, lambda i, j: sp.diff(Lm, Wm[i, j]))
i_, j_ = 1, 2
r1 = sum(G[m, n] * sp.diff(Yh[m, n], Hm[i_, j_]) for m in range(2) for n in range(2))
check("p23 dL/dH_ij row1 chain rule", eq(r1, dLdH[i_, j_]))
check("p23 dL/dH_ij row2 (substitute yhat)", eq(sum(G[m, n] * sp.diff(sum(Hm[m, k] * Wm[k, n] for k in range(3)) + bm[n], Hm[i_, j_]) for m in range(2) for n in range(2)), dLdH[i_, j_]))
check("p23 dL/dH_ij row3 (m = i), derivative = W_jn", eq(sum(G[i_, n] * Wm[j_, n] for n in range(2)), dLdH[i_, j_]))
check("p23 dL/dH_ij row4/5 = (G W^T)_ij", eq(sum(G[i_, n] * Wm.T[n, j_] for n in range(2)), dLdH[i_, j_]) and eq((G * Wm.T)[i_, j_], dLdH[i_, j_]))
check("p23 boxed dL/dH = G W^T", meq(G * Wm.T, dLdH))
i_, j_ = 2, 1
check("p23 dL/dW_ij rows 1-2", eq(sum(G[m, n] * sp.diff(Yh[m, n], Wm[i_, j_]) for m in range(2) for n in range(2)), dLdW[i_, j_]))
check("p23 dL/dW_ij row3 (n = j), derivative = H_mi", eq(sum(G[m, j_] * Hm[m, i_] for m in range(2)), dLdW[i_, j_]))
check("p23 dL/dW_ij rows 4-5 = (H^T G)_ij", eq((Hm.T * G)[i_, j_], dLdW[i_, j_]))
check("p23 boxed dL/dW = H^T G", meq(Hm.T * G, dLdW))

# ---------------------------------------------------------------- p24
print("== p24 MSE and ReLU special cases (ThirstyScholar)")
Yhm = sp.Matrix(2, 2, sp.symbols("yh00 yh01 yh10 yh11"))
Ym = sp.Matrix(2, 2, sp.symbols("y00 y01 y10 y11"))
Nn = 2
Lmse = sp.Rational(1, Nn) * sum((Yhm[a_, c_] - Ym[a_, c_]) ** 2 for a_ in range(2) for c_ in range(2))
grad24 = sp.Matrix(2, 2, lambda a_, c_: sp.diff(Lmse, Yhm[a_, c_]))
check("p24 entry-wise derivative of the sum", all(eq(sp.Rational(1, Nn) * sp.diff((Yhm[a_, c_] - Ym[a_, c_]) ** 2, Yhm[a_, c_]), grad24[a_, c_]) for a_ in range(2) for c_ in range(2)))
check("p24 = (2/N)(yhat_ij - y_ij)", meq(sp.Matrix(2, 2, lambda a_, c_: sp.Rational(2, Nn) * (Yhm[a_, c_] - Ym[a_, c_])), grad24))
check("p24 = (2/N)(yhat - y)", meq(sp.Rational(2, Nn) * (Yhm - Ym), grad24))
relu = sp.Max(x, 0)
check("p24 ReLU' = 1(x > 0) at x = 1.5 and -1.5",
      sp.diff(relu, x).subs(x, sp.Rational(3, 2)) == 1 and sp.diff(relu, x).subs(x, -sp.Rational(3, 2)) == 0)
check("p24 1(H^1 > 0) = 1(Y^1 > 0) for H = ReLU(Y)", all((max(v, 0) > 0) == (v > 0) for v in (-2, -0.5, 0.5, 3)))

n_ok = sum(RESULTS)
print("%d / %d checks as expected" % (n_ok, len(RESULTS)))
