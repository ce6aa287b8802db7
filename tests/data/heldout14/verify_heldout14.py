"""Hand-transcribed SymPy checks for heldout14 (every scoped relation of each original, and of each .wrong copy
up to and including its injected relation).

Each check is (file, label, lhs, rhs, expected) with expected True (the relation holds) or False (it is the
marked wrong step, or a later step of a genuine mistake).  A relation holds when it agrees at 6 random points
(mpmath, points in (0.2, 1.3) unless a check fixes its own points) and, where the expression is small enough,
simplify(lhs - rhs) == 0; matrices are compared entry by entry, and a shape mismatch counts as "does not hold".
Index chains are instantiated with 3 classes / 2-2 networks / 2-3 samples.  Approximate relations (written with
\approx or "~=") are checked against an explicit tolerance with chk_approx.  Inequalities and extremum claims
are checked on a grid with chk_true.  Run: python3 verify_heldout14.py  (prints DISAGREES for any check that does
not match the verdict, then the summary).  Imports sympy and mpmath only; nothing from the derivations package.
"""
import random
import signal
import mpmath
import sympy as sp
from sympy import exp, log, tanh, sqrt, erf, pi, Matrix, Rational as Q, Function, KroneckerDelta

random.seed(14)


def _timeout(*_):
    raise TimeoutError


signal.signal(signal.SIGALRM, _timeout)
RES = []
SYM = {'simplified': 0, 'numeric-only': 0}


def holds(a, b, lo=0.2, hi=1.3, pts=None):
    a = a if isinstance(a, sp.MatrixBase) else sp.Matrix([a])
    b = b if isinstance(b, sp.MatrixBase) else sp.Matrix([b])
    if a.shape != b.shape:
        return False
    syms = sorted(set().union(*[sp.sympify(e).free_symbols for e in list(a) + list(b)]), key=str)
    fa = sp.lambdify(syms, list(a), 'mpmath')
    fb = sp.lambdify(syms, list(b), 'mpmath')
    points = pts if pts is not None else [[random.uniform(lo, hi) for _ in syms] for _ in range(6)]
    for pt in points:
        for va, vb in zip(fa(*pt), fb(*pt)):
            va, vb = complex(va), complex(vb)
            if abs(va - vb) > 1e-9 * (1 + abs(va)):
                return False
    d = [sp.sympify(e) for e in (a - b)]
    if sum(sp.count_ops(e) for e in d) <= 150:
        signal.alarm(3)
        try:
            if all(sp.simplify(e) == 0 for e in d):
                SYM['simplified'] += 1
                return True
        except TimeoutError:
            pass
        finally:
            signal.alarm(0)
    SYM['numeric-only'] += 1
    return True


def chk(f, label, lhs, rhs, expected=True, **kw):
    got = holds(lhs, rhs, **kw)
    RES.append((f, label, got, expected))


def chk_true(f, label, value, expected=True):
    """value: a Python bool computed by hand (inequality on a grid, extremum, numeric fact)."""
    RES.append((f, label, bool(value), expected))


def chk_approx(f, label, lhs, rhs, tol, xs, expected=True):
    """max |lhs-rhs| over the points xs (single free symbol) must be < tol for 'holds'."""
    sym = sorted(sp.sympify(lhs - rhs).free_symbols, key=str)
    fl = sp.lambdify(sym, lhs - rhs, 'mpmath')
    err = max(abs(complex(fl(*([v] * len(sym))))) for v in xs)
    RES.append((f, label + f' (max err {float(err):.2e}, tol {tol:g})', err < tol, expected))


x, s, z, h, y, p, t = sp.symbols('x s z h y p t', real=True)
sig = lambda u: 1 / (1 + exp(-u))
dsig = lambda u: sp.diff(sig(z), z).subs(z, u)
GRID = [Q(k, 10) for k in range(-40, 41)]

# ---------------------------------------------------------------- y01 (theta = logistic; tanh via theta)
F = 'y01'
th = sig
chk(F, '(2) 1/(1+e^-s) = e^s/(e^s+1)', 1 / (1 + exp(-s)), exp(s) / (exp(s) + 1))
chk(F, '(3) theta(-s) = 1-theta(s)', th(-s), 1 - th(s))
chk(F, "(4) theta' = theta(1-theta)", sp.diff(th(s), s), th(s) * (1 - th(s)))
chk(F, '(6) theta(-s) = 1/(1+e^s)', th(-s), 1 / (1 + exp(s)))
chk(F, '(7) 1/(1+e^s) = 1 - e^s/(e^s+1)', 1 / (1 + exp(s)), 1 - exp(s) / (exp(s) + 1))
chk(F, '(8) 1 - e^s/(e^s+1) = 1-theta(s)', 1 - exp(s) / (exp(s) + 1), 1 - th(s))
E = exp(s)
chk(F, "(9) theta'(s) = (e^s/(e^s+1))'", sp.diff(th(s), s), sp.diff(E / (E + 1), s))
chk(F, '(10) = (e^s(e^s+1)-e^s e^s)/(e^s+1)^2', sp.diff(E / (E + 1), s), (E * (E + 1) - E * E) / (E + 1) ** 2)
chk(F, '(11) = e^s/(e^s+1)^2', (E * (E + 1) - E * E) / (E + 1) ** 2, E / (E + 1) ** 2)
chk(F, '(12) = 1/(e^s+1) * e^s/(e^s+1)', E / (E + 1) ** 2, 1 / (E + 1) * E / (E + 1))
chk(F, '(13) = theta(1-theta)', 1 / (E + 1) * E / (E + 1), th(s) * (1 - th(s)))
E2 = exp(2 * s)
chk(F, '(14) tanh s = (e^2s-1)/(e^2s+1)', tanh(s), (E2 - 1) / (E2 + 1))
chk(F, '(15) = 2 theta(2s) - 1', (E2 - 1) / (E2 + 1), 2 * th(2 * s) - 1)
chk(F, "(16) f' = ((e^2s-1)/(e^2s+1))'", sp.diff(tanh(s), s), sp.diff((E2 - 1) / (E2 + 1), s))
chk(F, '(17) = (2e^2s(e^2s+1)-2e^2s(e^2s-1))/(e^2s+1)^2', sp.diff((E2 - 1) / (E2 + 1), s),
    (2 * E2 * (E2 + 1) - 2 * E2 * (E2 - 1)) / (E2 + 1) ** 2)
chk(F, '(18) = 4e^2s/(e^2s+1)^2', (2 * E2 * (E2 + 1) - 2 * E2 * (E2 - 1)) / (E2 + 1) ** 2, 4 * E2 / (E2 + 1) ** 2)
chk(F, '(19) = 1 - tanh^2 s', 4 * E2 / (E2 + 1) ** 2, 1 - tanh(s) ** 2)
chk(F, '(20) = 1 - f(s)^2', 1 - tanh(s) ** 2, 1 - tanh(s) ** 2)
F = 'y01.wrong'
for lab, a, b in [('(15) tanh = 2theta(2s)-1', tanh(s), 2 * th(2 * s) - 1),
                  ('(17)', sp.diff((E2 - 1) / (E2 + 1), s), (2 * E2 * (E2 + 1) - 2 * E2 * (E2 - 1)) / (E2 + 1) ** 2)]:
    chk(F, lab, a, b)
chk(F, '(18) INJECTED = 2e^2s/(e^2s+1)^2', (2 * E2 * (E2 + 1) - 2 * E2 * (E2 - 1)) / (E2 + 1) ** 2,
    2 * E2 / (E2 + 1) ** 2, False)

# ---------------------------------------------------------------- y02 (Italian tanh)
F = 'y02'
chk(F, '(1) tanh = (e^x-e^-x)/(e^x+e^-x)', tanh(x), (exp(x) - exp(-x)) / (exp(x) + exp(-x)))
chk(F, '(2) = 2 sigma(2x) - 1', (exp(x) - exp(-x)) / (exp(x) + exp(-x)), 2 * sig(2 * x) - 1)
chk(F, "(3) tanh' = 1 - tanh^2", sp.diff(tanh(x), x), 1 - tanh(x) ** 2)
F = 'y02.wrong'
chk(F, '(1)', tanh(x), (exp(x) - exp(-x)) / (exp(x) + exp(-x)))
chk(F, '(2) INJECTED = 2 sigma(x) - 1', (exp(x) - exp(-x)) / (exp(x) + exp(-x)), 2 * sig(x) - 1, False)

# ---------------------------------------------------------------- y03 (French sigmoid chain, genuine mistake)
F = 'y03'
a_ = sig(z)
da = sp.diff(a_, z)
fz = 1 + exp(-z)
chk(F, "(1) da/dz = g'(f(z)) f'(z) with g=1/f, f=1+e^-z", da, (-1 / fz ** 2) * sp.diff(fz, z))
chk(F, "(2) f' = -e^-z", sp.diff(fz, z), -exp(-z))
chk(F, "(3) g' = -1/f^2 = -1/(1+e^-z)^2", -1 / fz ** 2, -1 / (1 + exp(-z)) ** 2)
chk(F, '(4) da/dz = -1/(1+e^-z)^2 * (-e^-z)', da, -1 / (1 + exp(-z)) ** 2 * (-exp(-z)))
chk(F, '(5) = e^-z/(1+e^-z)^2', da, exp(-z) / (1 + exp(-z)) ** 2)
chk(F, '(6) = 1/(1+e^-z) * e^-z/(1+e^-z)', da, 1 / (1 + exp(-z)) * exp(-z) / (1 + exp(-z)))
chk(F, '(7) = a (e^-z+1-1)/(1+e^-z)', da, a_ * (exp(-z) + 1 - 1) / (1 + exp(-z)))
chk(F, '(8) WRONG = a (e^-z+1)/(1+e^-z) + (-1)/(1+e^-z)', da, a_ * (exp(-z) + 1) / (1 + exp(-z)) + (-1) / (1 + exp(-z)), False)
chk(F, '(9) [8] = a(1-a) (does not follow from the written line 8)', a_ * (exp(-z) + 1) / (1 + exp(-z)) + (-1) / (1 + exp(-z)), a_ * (1 - a_), False)
chk(F, '(9b) the final a(1-a) is nevertheless da/dz', da, a_ * (1 - a_))

# ---------------------------------------------------------------- y04 (Chinese softmax diag derivative + sigmoid)
F = 'y04'
z1, z2, z3 = sp.symbols('z1 z2 z3', real=True)
S = exp(z1) + exp(z2) + exp(z3)
pt_ = exp(z1) / S
chk(F, "(1) (e^zt/S)' = (S e^zt - (e^zt)^2)/S^2", sp.diff(pt_, z1), (S * exp(z1) - exp(z1) ** 2) / S ** 2)
chk(F, '(2) = e^zt/S (1 - e^zt/S)', (S * exp(z1) - exp(z1) ** 2) / S ** 2, exp(z1) / S * (1 - exp(z1) / S))
chk(F, '(3) = p_t(1-p_t)', exp(z1) / S * (1 - exp(z1) / S), pt_ * (1 - pt_))
chk(F, "(4) (1/(1+e^-x))' = e^-x/(1+e^-x)^2", sp.diff(sig(x), x), exp(-x) / (1 + exp(-x)) ** 2)
chk(F, '(5) = f(1-f)', exp(-x) / (1 + exp(-x)) ** 2, sig(x) * (1 - sig(x)))
F = 'y04.wrong'
for lab, a, b in [('(1)', sp.diff(pt_, z1), (S * exp(z1) - exp(z1) ** 2) / S ** 2),
                  ('(2)', (S * exp(z1) - exp(z1) ** 2) / S ** 2, exp(z1) / S * (1 - exp(z1) / S)),
                  ('(3)', exp(z1) / S * (1 - exp(z1) / S), pt_ * (1 - pt_)),
                  ('(4)', sp.diff(sig(x), x), exp(-x) / (1 + exp(-x)) ** 2)]:
    chk(F, lab, a, b)
chk(F, '(5) INJECTED = f(1+f)', exp(-x) / (1 + exp(-x)) ** 2, sig(x) * (1 + sig(x)), False)

# ---------------------------------------------------------------- y05 (Korean cs231n translation)
F = 'y05'
chk(F, '(1) dsigma/dx = e^-x/(1+e^-x)^2', sp.diff(sig(x), x), exp(-x) / (1 + exp(-x)) ** 2)
chk(F, '(2) = ((1+e^-x-1)/(1+e^-x)) (1/(1+e^-x))', exp(-x) / (1 + exp(-x)) ** 2,
    ((1 + exp(-x) - 1) / (1 + exp(-x))) * (1 / (1 + exp(-x))))
chk(F, '(3) = (1-sigma) sigma', ((1 + exp(-x) - 1) / (1 + exp(-x))) * (1 / (1 + exp(-x))), (1 - sig(x)) * sig(x))
chk_true(F, '(4) sigma(1.0) = 0.73 (2 d.p.)', round(float(sig(1)), 2) == 0.73)
chk_true(F, '(5) (1-0.73)*0.73 ~= 0.2', abs((1 - 0.73) * 0.73 - 0.2) < 0.005)

# ---------------------------------------------------------------- y06 (Korean lecture notes)
F = 'y06'
chk(F, '(1) df/dx = e^-x/(1+e^-x)^2', sp.diff(sig(x), x), exp(-x) / (1 + exp(-x)) ** 2)
chk(F, '(2) = f(1-f)', exp(-x) / (1 + exp(-x)) ** 2, sig(x) * (1 - sig(x)))
chk(F, '(3) softplus ln(1+e^x) is the integral of the logistic: d/dx ln(1+e^x) = sigma', sp.diff(log(1 + exp(x)), x), sig(x))
zz = [z1, z2, z3]
k_ = [exp(zi) / S for zi in zz]
chk(F, '(4) sum_i k[i] = 1', sum(k_), sp.Integer(1))
chk(F, '(5) dk[i]/dz[m] = k[i](delta_im - k[m]) (all 9 entries)',
    Matrix(3, 3, lambda i, m: sp.diff(k_[i], zz[m])), Matrix(3, 3, lambda i, m: k_[i] * (KroneckerDelta(i, m) - k_[m])))

# ---------------------------------------------------------------- y07 (Japanese tatsy, genuine mistakes)
F = 'y07'
A = Matrix(2, 2, sp.symbols('A11 A12 A21 A22', real=True))
xv = Matrix(sp.symbols('x1 x2', real=True))
bv = Matrix(sp.symbols('b1 b2', real=True))
yv = Matrix(sp.symbols('y1 y2', real=True))
tv = A * xv + bv
St = exp(tv[0]) + exp(tv[1])
yt = Matrix([exp(tv[0]) / St, exp(tv[1]) / St])
LCE = -(yv[0] * log(yt[0]) + yv[1] * log(yt[1]))
u1, u2 = sp.symbols('u1 u2', positive=True)
Lu = -(yv[0] * log(u1) + yv[1] * log(u2))
chk(F, '(3) (dL_CE/dy~)_i = -y_i/y~_i', Matrix([sp.diff(Lu, u1), sp.diff(Lu, u2)]), Matrix([-yv[0] / u1, -yv[1] / u2]))
T1, T2 = sp.symbols('T1 T2', real=True)
ST = exp(T1) + exp(T2)
yT = [exp(T1) / ST, exp(T2) / ST]
chk(F, '(4) (dy~/dt)_ij = delta_ij y~_i - y~_i y~_j',
    Matrix(2, 2, lambda i, j: sp.diff(yT[i], [T1, T2][j])), Matrix(2, 2, lambda i, j: KroneckerDelta(i, j) * yT[i] - yT[i] * yT[j]))
chk(F, '(5) dt_k/da_ij = delta_ik x_j (all 8 entries)',
    Matrix(8, 1, lambda n, _: sp.diff(tv[n // 4], A[(n % 4) // 2, n % 2])),
    Matrix(8, 1, lambda n, _: KroneckerDelta((n % 4) // 2, n // 4) * xv[n % 2]))
# chain rule (2): dL/dA_ij = sum_k sum_m dL/dy~_m dy~_m/dt_k dt_k/dA_ij
dL_dy = [-yv[m] / yt[m] for m in range(2)]
dy_dt = [[KroneckerDelta(m, k) * yt[m] - yt[m] * yt[k] for k in range(2)] for m in range(2)]
chain = Matrix(2, 2, lambda i, j: sum(dL_dy[m] * dy_dt[m][k] * KroneckerDelta(i, k) * xv[j] for m in range(2) for k in range(2)))
chk(F, '(2) dL/dA_ij = (dL_CE/dy~ . dy~/dt . dt/dA)_ij', Matrix(2, 2, lambda i, j: sp.diff(LCE, A[i, j])), chain)
chk(F, '(6) WRONG (dt/db)_ij = 1 (true Jacobian is the identity)', tv.jacobian(bv), sp.ones(2, 2), False)
# (7) update with "+ alpha dL/dA": a descent step must lower L for small alpha; the written step raises it.
al = sp.Rational(1, 1000)
pt0 = {A[0, 0]: Q(3, 10), A[0, 1]: Q(-1, 5), A[1, 0]: Q(1, 2), A[1, 1]: Q(1, 10), xv[0]: 1, xv[1]: Q(1, 2),
       bv[0]: 0, bv[1]: Q(1, 10), yv[0]: 1, yv[1]: 0}
G = Matrix(2, 2, lambda i, j: sp.diff(LCE, A[i, j])).subs(pt0)
newA = {A[i, j]: pt0[A[i, j]] + al * G[i, j] for i in range(2) for j in range(2)}
L0 = float(LCE.subs(pt0))
L1 = float(LCE.subs({**pt0, **newA}))
chk_true(F, '(7) A^{t+1} = A^t + alpha dL/dA is a descent step (it is not: L rises)', L1 < L0, False)

# ---------------------------------------------------------------- y08 (ShisatoYano logistic-regression gradient)
F = 'y08'
N = 3
w0, w1 = sp.symbols('w0 w1', real=True)
xs_ = sp.symbols('xa xb xc', real=True)
ts_ = sp.symbols('ta tb tc', real=True)
an = [w0 * xs_[n] + w1 for n in range(N)]
yn = [sig(a) for a in an]
En = [-(ts_[n] * log(yn[n]) + (1 - ts_[n]) * log(1 - yn[n])) for n in range(N)]
Ew = sum(En) / N
chk(F, '(1) E = -1/N log P = -1/N sum{t log y + (1-t) log(1-y)}', Ew,
    -Q(1, N) * sum(ts_[n] * log(yn[n]) + (1 - ts_[n]) * log(1 - yn[n]) for n in range(N)))
chk(F, '(2) dE/dw0 = 1/N sum dE_n/dw0', sp.diff(Ew, w0), Q(1, N) * sum(sp.diff(e, w0) for e in En))
Y, T_, A_ = sp.symbols('Y T A_', real=True)
En1 = -(T_ * log(Y) + (1 - T_) * log(1 - Y))
chk(F, '(4) dE_n/dw0 = dE_n/dy dy/da da/dw0 (n=1)', sp.diff(En[0], w0),
    sp.diff(En1, Y).subs(Y, yn[0]).subs(T_, ts_[0]) * dsig(an[0]) * xs_[0])
chk(F, '(5) dE_n/dy_n = -t/y + (1-t)/(1-y)', sp.diff(En1, Y), -T_ / Y + (1 - T_) / (1 - Y), lo=0.1, hi=0.9)
chk(F, "(6) d sigma(a)/da = sigma(1-sigma) = y(1-y)", sp.diff(sig(A_), A_), sig(A_) * (1 - sig(A_)))
chk(F, '(7) da_n/dw0 = x_n', sp.diff(an[0], w0), xs_[0])
chk(F, '(8) (-t/y+(1-t)/(1-y)) y(1-y) x = (y-t) x', (-T_ / Y + (1 - T_) / (1 - Y)) * Y * (1 - Y) * x, (Y - T_) * x, lo=0.1, hi=0.9)
chk(F, '(9) dE/dw0 = 1/N sum (y_n-t_n) x_n', sp.diff(Ew, w0), Q(1, N) * sum((yn[n] - ts_[n]) * xs_[n] for n in range(N)))
chk(F, '(10) dE/dw1 = 1/N sum (y_n-t_n)', sp.diff(Ew, w1), Q(1, N) * sum(yn[n] - ts_[n] for n in range(N)))
F = 'y08.wrong'
chk(F, '(5)', sp.diff(En1, Y), -T_ / Y + (1 - T_) / (1 - Y), lo=0.1, hi=0.9)
chk(F, '(6)', sp.diff(sig(A_), A_), sig(A_) * (1 - sig(A_)))
chk(F, '(8) INJECTED = (t-y) x', (-T_ / Y + (1 - T_) / (1 - Y)) * Y * (1 - Y) * x, (T_ - Y) * x, False, lo=0.1, hi=0.9)

# ---------------------------------------------------------------- y09 (Spanish MLP gradients, shape slip)
F = 'y09'
W1 = Matrix(2, 2, sp.symbols('v11 v12 v21 v22', real=True))
W2 = Matrix(3, 2, sp.symbols('u11 u12 u21 u22 u31 u32', real=True))
xi = Matrix(sp.symbols('xi1 xi2', real=True))
z1v = W1 * xi
a1v = Matrix([sp.Max(0, e) for e in z1v])
z2v = W2 * a1v
S3 = sum(exp(e) for e in z2v)
ypred = Matrix([exp(e) / S3 for e in z2v])
onehot = Matrix([0, 1, 0])
Lmlp = -sum(onehot[i] * log(ypred[i]) for i in range(3))
# evaluation point with one active and one dead hidden unit
P0 = {W1[0, 0]: Q(7, 10), W1[0, 1]: Q(2, 5), W1[1, 0]: Q(-9, 10), W1[1, 1]: Q(-3, 10), xi[0]: Q(6, 5), xi[1]: Q(1, 2),
      W2[0, 0]: Q(3, 10), W2[0, 1]: Q(-1, 2), W2[1, 0]: Q(4, 5), W2[1, 1]: Q(1, 5), W2[2, 0]: Q(-2, 5), W2[2, 1]: Q(9, 10)}


def at(M):
    return sp.N(M.subs(P0), 30) if isinstance(M, sp.MatrixBase) else sp.N(sp.sympify(M).subs(P0), 30)


def meq(A_, B_):
    A_, B_ = at(A_), at(B_)
    if A_.shape != B_.shape:
        return False
    return all(abs(complex(u - v)) < 1e-12 for u, v in zip(A_, B_))


Z2 = Matrix(sp.symbols('Z1 Z2 Z3', real=True))
SZ = sum(exp(e) for e in Z2)
LZ = -sum(onehot[i] * log(exp(Z2[i]) / SZ) for i in range(3))
d2 = Matrix([sp.diff(LZ, e) for e in Z2])
chk(F, '(1) delta_2 = dL/dz_2 = y_pred - y', d2, Matrix([exp(e) / SZ for e in Z2]) - onehot)
delta2 = (ypred - onehot)
dLdW2 = Matrix(3, 2, lambda i, j: sp.diff(Lmlp, W2[i, j]))
chk_true(F, '(2) dL/dW_2 = delta_2 a_1^T', meq(dLdW2, delta2 * a1v.T))
A1 = Matrix(sp.symbols('q1 q2', real=True))
LA = LZ.subs({Z2[i]: (W2 * A1)[i] for i in range(3)})
dLdA1 = Matrix([sp.diff(LA, e) for e in A1]).subs({A1[i]: a1v[i] for i in range(2)})
chk_true(F, '(3) dL/da_1 = W_2^T delta_2', meq(dLdA1, W2.T * delta2))
ind = Matrix([1 if at(e) > 0 else 0 for e in z1v])
chk_true(F, '(4) da_1/dz_1 = diag(1_{z_1>0})', meq(Matrix(2, 2, lambda i, j: sp.diff(a1v[i], W1[i, 0]) / xi[0] if i == j else 0), sp.diag(*ind)))
dLdz1 = Matrix([sum(dLdA1[i] * (1 if at(z1v[i]) > 0 else 0) * (1 if i == j else 0) for i in range(2)) for j in range(2)])
# (5) as written: a 2x1 vector (x) a 2x2 diagonal matrix -- not defined; numpy-style broadcasting gives a 2x2 matrix
written = Matrix(2, 2, lambda i, j: (W2.T * delta2)[i] * sp.diag(*ind)[i, j])
chk_true(F, '(5) WRONG delta_1 = dL/da_1 (.) diag(1_{z_1>0}) (shape 2x2 vs 2x1)', meq(dLdz1, written), False)
dLdW1 = Matrix(2, 2, lambda i, j: sp.diff(Lmlp, W1[i, j]))
chk_true(F, '(6) dL/dW_1 = delta_1 x^T (with the true delta_1)', meq(dLdW1, dLdz1 * xi.T))
chk_true(F, '(7) summary delta_2 = y_pred - y, dL/dW_2 = delta_2 a_1^T', meq(dLdW2, delta2 * a1v.T))
chk_true(F, '(8) summary delta_1 = (W_2^T delta_2) (.) 1_{z_1>0}', meq(dLdz1, Matrix([(W2.T * delta2)[i] * ind[i] for i in range(2)])))
chk_true(F, '(9) summary dL/dW_1 = delta_1 x^T', meq(dLdW1, Matrix([(W2.T * delta2)[i] * ind[i] for i in range(2)]) * xi.T))

# ---------------------------------------------------------------- y10 (German MSE gradient, genuine mistake)
F = 'y10'
n_ = 2
wm = Matrix(2, 2, sp.symbols('w00 w01 w10 w11', real=True))
av = sp.symbols('a0 a1', real=True)
tt = sp.symbols('t0 t1', real=True)
phi = sig
bi = [wm[i, 0] * av[0] + wm[i, 1] * av[1] for i in range(2)]
MSE = Q(1, n_) * sum((tt[i] - phi(bi[i])) ** 2 for i in range(2))
chk(F, '(1) MSE = 1/n sum (t_i - phi(b_i))^2 = 1/n(t_0 - phi(w00 a0 + w01 a1))^2 + ...', MSE,
    Q(1, n_) * (tt[0] - phi(wm[0, 0] * av[0] + wm[0, 1] * av[1])) ** 2 + Q(1, n_) * (tt[1] - phi(wm[1, 0] * av[0] + wm[1, 1] * av[1])) ** 2)
chk(F, "(2) WRONG dE/dw_ij = -2/n (t_i - b_i) phi'(b_i) a_j  [i=0,j=1]", sp.diff(MSE, wm[0, 1]),
    Q(-2, n_) * (tt[0] - bi[0]) * dsig(bi[0]) * av[1], False)
chk(F, "(2c) the correct form has (t_i - phi(b_i))", sp.diff(MSE, wm[0, 1]), Q(-2, n_) * (tt[0] - phi(bi[0])) * dsig(bi[0]) * av[1])
dwp, al_, ep_ = sp.symbols('dwp alpha epsilon', real=True)
chk(F, '(3) Delta w = alpha Delta w_prev - eps dE/dw, with (2) substituted, is the written update (inherits the slip)',
    al_ * dwp - ep_ * Q(-2, n_) * (tt[0] - bi[0]) * dsig(bi[0]) * av[1],
    al_ * dwp + ep_ * Q(2, n_) * (tt[0] - bi[0]) * dsig(bi[0]) * av[1])
chk(F, '(3b) ... but is not alpha Delta w_prev - eps dE/dw with the true gradient',
    al_ * dwp - ep_ * sp.diff(MSE, wm[0, 1]), al_ * dwp + ep_ * Q(2, n_) * (tt[0] - bi[0]) * dsig(bi[0]) * av[1], False)

# ---------------------------------------------------------------- y11 (tanh loss, codecogs; genuine mistakes)
F = 'y11'
chk(F, '(1) tanh h = (e^h-e^-h)/(e^h+e^-h)', tanh(h), (exp(h) - exp(-h)) / (exp(h) + exp(-h)))
chk(F, '(2) = (1-e^-2h)/(1+e^-2h)', (exp(h) - exp(-h)) / (exp(h) + exp(-h)), (1 - exp(-2 * h)) / (1 + exp(-2 * h)))
chk(F, '(3) = (2-(1+e^-2h))/(1+e^-2h)', (1 - exp(-2 * h)) / (1 + exp(-2 * h)), (2 - (1 + exp(-2 * h))) / (1 + exp(-2 * h)))
chk(F, '(4) WRONG = 2 sigma(2x) - 1 (x is not h)', (2 - (1 + exp(-2 * h))) / (1 + exp(-2 * h)), 2 * sig(2 * x) - 1, False)
chk(F, '(4b) it would hold with h', (2 - (1 + exp(-2 * h))) / (1 + exp(-2 * h)), 2 * sig(2 * h) - 1)
P = tanh(h)
Lt = -Q(1, 2) * ((1 + y) * log(1 + P) + (1 - y) * log(1 - P))
dP = sp.diff(P, h)
chk(F, '(5) dL/dh = -1/2[(1+y)/(1+p) dp/dh - (1-y)/(1-p) dp/dh]', sp.diff(Lt, h),
    -Q(1, 2) * ((1 + y) / (1 + P) * dP - (1 - y) / (1 - P) * dP))
chk(F, '(6) WRONG dp/dh = 1/coth^2(h)', dP, 1 / sp.coth(h) ** 2, False)
chk(F, '(7) 1/coth^2 h = 1 - tanh^2 h (false; 1-tanh^2 is the true dp/dh)', 1 / sp.coth(h) ** 2, 1 - tanh(h) ** 2, False)
chk(F, '(7b) dp/dh = 1 - tanh^2 h', dP, 1 - tanh(h) ** 2)
chk(F, '(8) = 1 - p^2', 1 - tanh(h) ** 2, 1 - P ** 2)
chk(F, '(9) = (1-p)(1+p)', 1 - P ** 2, (1 - P) * (1 + P))
chk(F, '(10) dL/dh = -1/2[(1+y)(1-p) - (1-y)(1+p)]', sp.diff(Lt, h), -Q(1, 2) * ((1 + y) * (1 - P) - (1 - y) * (1 + P)))
chk(F, '(11) = p - y', -Q(1, 2) * ((1 + y) * (1 - p) - (1 - y) * (1 + p)), p - y)

# ---------------------------------------------------------------- y12 (Turkish sigma''/tanh''/tanh'=4 sigma'(2x))
F = 'y12'
sd = sp.diff(sig(x), x)
chk(F, "(1) sigma'' = sigma'(1-2 sigma)", sp.diff(sig(x), x, 2), sd * (1 - 2 * sig(x)))
chk(F, '(2) 1-2 sigma(x) = 0 <=> sigma(x) = 1/2 <=> x = 0', sp.solve(sp.Eq(1 - 2 * sig(x), 0), x), [0])
chk(F, "(3) tanh'' = -2 tanh (1-tanh^2)", sp.diff(tanh(x), x, 2), -2 * tanh(x) * (1 - tanh(x) ** 2))
chk(F, '(4) tanh(x) = 0 => x = 0', sp.solve(sp.Eq(tanh(x), 0), x), [0])
chk(F, '(5) tanh(0) = (e^0-e^-0)/(e^0+e^-0) = 0/2 = 0', Matrix([tanh(0), (exp(0) - exp(0)) / (exp(0) + exp(0))]), Matrix([0, 0]))
chk(F, "(6) tanh'(0) = 1-0^2 = 1", sp.diff(tanh(x), x).subs(x, 0), sp.Integer(1))
chk(F, '(7) sigma(0) = 1/(1+e^0) = 1/2', sig(sp.Integer(0)), Q(1, 2))
chk(F, "(8) sigma'(0) = 0.5*0.5 = 0.25", sd.subs(x, 0), Q(1, 4))
chk(F, "(9) max of sigma' and tanh' is at x=0 (grid)", sp.Integer(1), sp.Integer(1)) if all(
    float(sd.subs(x, g)) <= 0.25 + 1e-15 and float(1 - tanh(g) ** 2) <= 1 + 1e-15 for g in GRID) else chk_true(F, '(9)', False)
chk(F, '(10) tanh(x) = 2 sigma(2x) - 1', tanh(x), 2 * sig(2 * x) - 1)
chk(F, "(11) tanh'(x) = 4 sigma'(2x)", sp.diff(tanh(x), x), 4 * dsig(2 * x))
F = 'y12.wrong'
chk(F, '(10)', tanh(x), 2 * sig(2 * x) - 1)
chk(F, "(11) INJECTED tanh'(x) = 2 sigma'(2x)", sp.diff(tanh(x), x), 2 * dsig(2 * x), False)

# ---------------------------------------------------------------- y13 (kimmy BP1-BP4, genuine mistake in BP1)
F = 'y13'
# tiny 2-2 network, quadratic cost; layer L = output
wL = Matrix(2, 2, sp.symbols('m11 m12 m21 m22', real=True))
bL = Matrix(sp.symbols('c1 c2', real=True))
aprev = Matrix(sp.symbols('e1 e2', real=True))
zL = wL * aprev + bL
aL = zL.applyfunc(sig)
ytg = Matrix(sp.symbols('g1 g2', real=True))
C = Q(1, 2) * sum((aL[i] - ytg[i]) ** 2 for i in range(2))
Zs = Matrix(sp.symbols('Zq1 Zq2', real=True))
CZ = Q(1, 2) * sum((sig(Zs[i]) - ytg[i]) ** 2 for i in range(2))
deltaL = Matrix([sp.diff(CZ, Zs[i]) for i in range(2)])
chk(F, '(2) WRONG BP1 delta_j = dC/dz_j^L sigma\'(z_j^L)', deltaL, Matrix([sp.diff(CZ, Zs[i]) * dsig(Zs[i]) for i in range(2)]), False)
As = Matrix(sp.symbols('As1 As2', real=True))
CA = Q(1, 2) * sum((As[i] - ytg[i]) ** 2 for i in range(2))
chk(F, "(2b) Nielsen's BP1 delta_j = dC/da_j^L sigma'(z_j^L)", deltaL,
    Matrix([sp.diff(CA, As[i]).subs(As[i], sig(Zs[i])) * dsig(Zs[i]) for i in range(2)]))
# BP2 on a two-layer chain: z^l (hidden pre-activation) -> a^l = sigma(z^l) -> z^{l+1} = w^{l+1} a^l + b
zl = Matrix(sp.symbols('r1 r2', real=True))
al_v = zl.applyfunc(sig)
zl1 = wL * al_v + bL
Cl = CZ.subs({Zs[i]: zl1[i] for i in range(2)})
delta_l = Matrix([sp.diff(Cl, zl[i]) for i in range(2)])
delta_l1 = deltaL.subs({Zs[i]: zl1[i] for i in range(2)})
chk(F, "(3) BP2 delta^l = ((w^{l+1})^T delta^{l+1}) (.) sigma'(z^l)", delta_l,
    Matrix([(wL.T * delta_l1)[i] * dsig(zl[i]) for i in range(2)]))
chk(F, '(4) BP3 dC/db_j = delta_j', Matrix([sp.diff(C, bL[i]) for i in range(2)]), deltaL.subs({Zs[i]: zL[i] for i in range(2)}))
chk(F, '(5) BP4 dC/dw_jk = a_k^{l-1} delta_j', Matrix(2, 2, lambda j, k: sp.diff(C, wL[j, k])),
    Matrix(2, 2, lambda j, k: aprev[k] * deltaL.subs({Zs[i]: zL[i] for i in range(2)})[j]))

# ---------------------------------------------------------------- y14 (CS336 notes, GELU, genuine mistakes)
F = 'y14'
Phi = (1 + erf(x / sqrt(2))) / 2
chk(F, '(1) x Phi(x) = x * 1/2 [1 + erf(x/sqrt2)] (Phi = standard normal CDF)', x * Phi, x * Q(1, 2) * (1 + erf(x / sqrt(2))))
chk(F, '(2) WRONG phi(x) = 1/(2 pi) e^{-x^2/2} is the standard normal PDF (= dPhi/dx)', sp.diff(Phi, x),
    1 / (2 * pi) * exp(-x ** 2 / 2), False)
chk(F, '(3) Phi(x) = int_{-inf}^x phi(t) dt holds for the true pdf', Phi,
    sp.integrate(1 / sqrt(2 * pi) * exp(-t ** 2 / 2), (t, -sp.oo, x)))
chk(F, '(4) erf(x) = 2/sqrt(pi) int_0^x e^{-t^2} dt', erf(x), 2 / sqrt(pi) * sp.integrate(exp(-t ** 2), (t, 0, x)))
XS = [Q(k, 4) for k in range(-16, 17)]
chk_approx(F, '(5) WRONG GeLU ~= 1/2 x[1+tanh(2/sqrt(pi)(x+0.044715x^3))]', x * Phi,
           Q(1, 2) * x * (1 + tanh(2 / sqrt(pi) * (x + sp.Float('0.044715') * x ** 3))), 5e-3, XS, False)
chk_approx(F, '(5b) with sqrt(2/pi) the approximation holds', x * Phi,
           Q(1, 2) * x * (1 + tanh(sqrt(2 / pi) * (x + sp.Float('0.044715') * x ** 3))), 5e-3, XS)

# ---------------------------------------------------------------- y15 (Obsidian GELU derivative)
F = 'y15'
chk_approx(F, '(1) GELU = x Phi(x) ~= 0.5x(1+tanh(sqrt(2/pi)(x+0.044715x^3)))', x * Phi,
           Q(1, 2) * x * (1 + tanh(sqrt(2 / pi) * (x + sp.Float('0.044715') * x ** 3))), 5e-3, XS)
phi_ = exp(-x ** 2 / 2) / sqrt(2 * pi)
chk(F, "(2) d/dx GELU = Phi + x phi", sp.diff(x * Phi, x), Phi + x * phi_)
F = 'y15.wrong'
chk_approx(F, '(1)', x * Phi, Q(1, 2) * x * (1 + tanh(sqrt(2 / pi) * (x + sp.Float('0.044715') * x ** 3))), 5e-3, XS)
chk(F, "(2) INJECTED d/dx GELU = Phi - x phi", sp.diff(x * Phi, x), Phi - x * phi_, False)

# ---------------------------------------------------------------- y16 (Korean OBD pruning, sign of the Hessian term)
F = 'y16'
wa, wb, da_, db_ = sp.symbols('wa wb da db', real=True)
g1, g2, h11, h12, h22, c0 = sp.symbols('g1 g2 h11 h12 h22 c0', real=True)
Lq = lambda u, v: c0 + g1 * u + g2 * v + Q(1, 2) * (h11 * u ** 2 + 2 * h12 * u * v + h22 * v ** 2)  # exactly quadratic
# gradient/Hessian at W=(wa,wb):
gA = sp.diff(Lq(wa, wb), wa); gB = sp.diff(Lq(wa, wb), wb)
dL_true = Lq(wa, wb) - Lq(wa - da_, wb - db_)
written = gA * da_ + gB * db_ + Q(1, 2) * (h11 * da_ ** 2 + h22 * db_ ** 2) + Q(1, 2) * (2 * h12 * da_ * db_)
chk(F, '(1) WRONG L(W) - L(W - dW) = sum g dw + 1/2 sum h_ii dw^2 + 1/2 sum_{i!=j} h_ij dw_i dw_j (+O3 = 0 here)',
    dL_true, written, False)
chk(F, '(1b) the correct expansion has minus signs on the quadratic terms', dL_true,
    gA * da_ + gB * db_ - Q(1, 2) * (h11 * da_ ** 2 + h22 * db_ ** 2) - h12 * da_ * db_)
chk(F, '(2) later lines repeat (1) with terms crossed out (same sign error)', written,
    gA * da_ + gB * db_ + Q(1, 2) * (h11 * da_ ** 2 + h22 * db_ ** 2) + h12 * da_ * db_)
# (3) delta L_i = L(W) - L(W | w_i = 0) ~= 1/2 h_ii w_i^2 at a converged point (g = 0): true value is -1/2 h_ii w_i^2
Lc = lambda u, v: c0 + Q(1, 2) * (h11 * u ** 2 + h22 * v ** 2)  # minimum at 0 ... shift to a converged point w*
ws1, ws2 = sp.symbols('ws1 ws2', real=True)
Lmin = lambda u, v: c0 + Q(1, 2) * (h11 * (u - ws1) ** 2 + h22 * (v - ws2) ** 2)
chk(F, '(3) WRONG delta L_1 = L(W*) - L(W*|w_1=0) ~= 1/2 h_11 w_1^2', Lmin(ws1, ws2) - Lmin(0, ws2), Q(1, 2) * h11 * ws1 ** 2, False)
chk(F, '(3b) the true value is -1/2 h_11 w_1^2', Lmin(ws1, ws2) - Lmin(0, ws2), -Q(1, 2) * h11 * ws1 ** 2)
chk(F, '(4) importance = |delta L_1| = 1/2 h_11 w_1^2 (h_11 > 0)', sp.Abs(-Q(1, 2) * h11 * ws1 ** 2), Q(1, 2) * h11 * ws1 ** 2)

# ---------------------------------------------------------------- y17 (Korean activation blog)
F = 'y17'
chk(F, "(1) sigma' = sigma(1-sigma)", sp.diff(sig(x), x), sig(x) * (1 - sig(x)))
chk(F, '(2) (sigma + (1-sigma))/2 = 1/2', (sig(x) + (1 - sig(x))) / 2, Q(1, 2))
chk_true(F, '(3) 1/2 >= sqrt(sigma(1-sigma)) (AM-GM, grid)', all(0.5 >= float(sp.sqrt(sig(g) * (1 - sig(g)))) - 1e-15 for g in GRID))
chk_true(F, "(4) sigma' in (0, 1/4] on the grid (max 1/4 at x=0; the note writes (0, 1/4))",
         all(0 < float(sig(g) * (1 - sig(g))) <= 0.25 + 1e-15 for g in GRID))
chk(F, '(5) tanh = 2 sigma(2x) - 1', tanh(x), 2 * sig(2 * x) - 1)
chk(F, '(6) tanh = (e^x-e^-x)/(e^x+e^-x)', tanh(x), (exp(x) - exp(-x)) / (exp(x) + exp(-x)))
chk(F, "(7) tanh' = 1 - tanh^2", sp.diff(tanh(x), x), 1 - tanh(x) ** 2)

# ---------------------------------------------------------------- y18 (ozyurtf README, activation derivatives)
F = 'y18'
chk(F, "(1) d tanh/dx = 1 - tanh^2", sp.diff(tanh(x), x), 1 - tanh(x) ** 2)
chk(F, "(2) d sigma/dx = sigma(1-sigma)", sp.diff(sig(x), x), sig(x) * (1 - sig(x)))
chk_true(F, "(3) d ReLU/dx = 1 if x>0 else 0 (away from 0)",
         all(sp.diff(sp.Max(0, x), x).subs(x, g) == (1 if g > 0 else 0) for g in GRID if g != 0))
chk(F, "(4) d Identity/dx = I (= 1 for a scalar; identity Jacobian elementwise)", sp.diff(x, x), sp.Integer(1))

# ---------------------------------------------------------------- y19 (Jekyll notes on vanishing gradient)
F = 'y19'
chk(F, "(1) sigma'(j) = sigma(j)(1-sigma(j))", dsig(z), sig(z) * (1 - sig(z)))
chk(F, "(2) sigma'(x) = sigma(1-sigma) = e^-x/(1+e^-x)^2", sig(x) * (1 - sig(x)), exp(-x) / (1 + exp(-x)) ** 2)
chk_true(F, "(3) max sigma' = 0.25 (at 0, grid)", dsig(sp.Integer(0)) == Q(1, 4) and all(float(dsig(g)) <= 0.25 for g in GRID))
chk_true(F, '(4) one layer: scaled back by at least 1 - 0.25 = 75%', 1 - 0.25 == 0.75)
chk(F, '(5) 1 - 0.25^2 = 0.9375', 1 - Q(1, 4) ** 2, Q(9375, 10000))
chk(F, "(6) tanh'(x) = 4e^{2x}/(1+e^{2x})^2", sp.diff((exp(x) - exp(-x)) / (exp(x) + exp(-x)), x), 4 * exp(2 * x) / (1 + exp(2 * x)) ** 2)

# ---------------------------------------------------------------- y20 (Ng ML notes, sigmoid + logistic gradient)
F = 'y20'
ex = exp(-x)
D = (1 + ex) ** 2
chain_s = [
    ("(1) sigma' = (1/(1+e^-x))'", sp.diff(sig(x), x)),
    ("(2) = -(1+e^-x)'/(1+e^-x)^2", -sp.diff(1 + ex, x) / D),
    ("(3) = (-1' - (e^-x)')/(1+e^-x)^2", (-0 - sp.diff(ex, x)) / D),
    ("(4) = (0 - (-x)' e^-x)/(1+e^-x)^2", (0 - sp.diff(-x, x) * ex) / D),
    ("(5) = -(-1) e^-x/(1+e^-x)^2", (-(-1) * ex) / D),
    ("(6) = e^-x/(1+e^-x)^2", ex / D),
    ("(7) = (1/(1+e^-x))(e^-x/(1+e^-x))", (1 / (1 + ex)) * (ex / (1 + ex))),
    ("(8) = sigma (+1-1+e^-x)/(1+e^-x)", sig(x) * ((1 - 1 + ex) / (1 + ex))),
    ("(9) = sigma ((1+e^-x)/(1+e^-x) - 1/(1+e^-x))", sig(x) * ((1 + ex) / (1 + ex) - 1 / (1 + ex))),
    ("(10) = sigma(1-sigma)", sig(x) * (1 - sig(x))),
]
for (la, ea), (lb, eb) in zip(chain_s, chain_s[1:]):
    chk(F, lb, ea, eb)
m_ = 2
th0, th1 = sp.symbols('th0 th1', real=True)
X = [[1, sp.Symbol('p1', real=True)], [1, sp.Symbol('p2', real=True)]]
Yv = sp.symbols('yy1 yy2', real=True)
zi = [th0 * X[i][0] + th1 * X[i][1] for i in range(m_)]
hi = [sig(e) for e in zi]
J = -Q(1, m_) * sum(Yv[i] * log(hi[i]) + (1 - Yv[i]) * log(1 - hi[i]) for i in range(m_))
j = 1  # theta_j = th1, x_j = X[i][1]
thj = th1
lines = [
    sp.diff(J, thj),
    -Q(1, m_) * sum(Yv[i] * sp.diff(log(hi[i]), thj) + (1 - Yv[i]) * sp.diff(log(1 - hi[i]), thj) for i in range(m_)),
    -Q(1, m_) * sum(Yv[i] * sp.diff(hi[i], thj) / hi[i] + (1 - Yv[i]) * sp.diff(1 - hi[i], thj) / (1 - hi[i]) for i in range(m_)),
    -Q(1, m_) * sum(Yv[i] * sp.diff(sig(zi[i]), thj) / hi[i] + (1 - Yv[i]) * sp.diff(1 - sig(zi[i]), thj) / (1 - hi[i]) for i in range(m_)),
    -Q(1, m_) * sum(Yv[i] * sig(zi[i]) * (1 - sig(zi[i])) * sp.diff(zi[i], thj) / hi[i]
                    + (-(1 - Yv[i]) * sig(zi[i]) * (1 - sig(zi[i])) * sp.diff(zi[i], thj)) / (1 - hi[i]) for i in range(m_)),
    -Q(1, m_) * sum(Yv[i] * hi[i] * (1 - hi[i]) * sp.diff(zi[i], thj) / hi[i]
                    - (1 - Yv[i]) * hi[i] * (1 - hi[i]) * sp.diff(zi[i], thj) / (1 - hi[i]) for i in range(m_)),
    -Q(1, m_) * sum(Yv[i] * (1 - hi[i]) * X[i][j] - (1 - Yv[i]) * hi[i] * X[i][j] for i in range(m_)),
    -Q(1, m_) * sum((Yv[i] * (1 - hi[i]) - (1 - Yv[i]) * hi[i]) * X[i][j] for i in range(m_)),
    -Q(1, m_) * sum((Yv[i] - Yv[i] * hi[i] - hi[i] + Yv[i] * hi[i]) * X[i][j] for i in range(m_)),
    -Q(1, m_) * sum((Yv[i] - hi[i]) * X[i][j] for i in range(m_)),
    Q(1, m_) * sum((hi[i] - Yv[i]) * X[i][j] for i in range(m_)),
]
for k in range(1, len(lines)):
    chk(F, f'(J{k}) gradient chain, equality {k}', lines[k - 1], lines[k])
F = 'y20.wrong'
for (la, ea), (lb, eb) in list(zip(chain_s, chain_s[1:]))[:4]:
    chk(F, lb, ea, eb)
chk(F, '(6) INJECTED = e^-x/(1+e^-x)^3', chain_s[4][1], ex / (1 + ex) ** 3, False)

# ---------------------------------------------------------------- summary
bad = [r for r in RES if r[2] != r[3]]
for f, lab, got, exp_ in bad:
    print(f'DISAGREES {f}: {lab}: holds={got}, expected={exp_}')
files = sorted(set(r[0] for r in RES))
print(f'{len(RES) - len(bad)} / {len(RES)} checks as expected over {len(files)} files '
      f'({SYM["simplified"]} relations proved by simplify, {SYM["numeric-only"]} numeric-only)')
