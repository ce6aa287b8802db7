"""Hand-transcribed SymPy checks for heldout10 (every '=' link of each scoped chain).

Each check is (label, lhs, rhs, expected) with expected True (the relation holds) or False (it
is the wrong step).  A relation holds when simplify(lhs - rhs) == 0 or, failing that, when it
agrees at 6 random points; matrices are compared entry by entry.  Run: python3 verify_heldout10.py (prints DISAGREES for any check that does not match the verdict, then 'N / N checks')
"""
import random
import signal
import sympy as sp
from sympy import exp, log, tanh, Matrix, Rational as Q

random.seed(10)


def _timeout(*_):
    raise TimeoutError


signal.signal(signal.SIGALRM, _timeout)
RES = []


SYM = {'simplified': 0, 'numeric-only': 0}


def holds(a, b):
    """Numeric spot checks at 6 random points first (lambdify); when they agree, try SymPy simplify
    on the difference (skipped for very large expressions, which are then decided numerically)."""
    a = a if isinstance(a, sp.MatrixBase) else sp.Matrix([a])
    b = b if isinstance(b, sp.MatrixBase) else sp.Matrix([b])
    if a.shape != b.shape:
        return False
    syms = sorted(set().union(*[sp.sympify(e).free_symbols for e in list(a) + list(b)]), key=str)
    fa = sp.lambdify(syms, list(a), 'mpmath')
    fb = sp.lambdify(syms, list(b), 'mpmath')
    for _ in range(6):
        pt = [random.uniform(0.2, 1.3) for _ in syms]
        for va, vb in zip(fa(*pt), fb(*pt)):
            va, vb = complex(va), complex(vb)
            if abs(va - vb) > 1e-9 * (1 + abs(va)):
                return False
    d = [sp.sympify(e) for e in (a - b)]
    if sum(sp.count_ops(e) for e in d) <= 300:
        signal.alarm(5)  # simplify gets 5 s per relation; on timeout the numeric verdict stands
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


def chk(f, label, lhs, rhs, expected=True):
    ok = holds(lhs, rhs) == expected
    RES.append((f, label, ok))
    if not ok:
        print('DISAGREES', f, label)


x, y, z, t = sp.symbols('x y z t', real=True)
sig = lambda u: 1 / (1 + exp(-u))
yi = sp.Symbol('y_i')

# ---- u01: sigmoid derivative, wrong-step 2 (e^{y_i})
f = 'u01'
d = sp.diff(sig(x), x)
chk(f, 'r1', d, (0 * (1 + exp(-x)) - (-1) * exp(-x) * 1) / (1 + exp(-x))**2)
chk(f, 'r2 (GENUINE: e^{y_i})', d, 1 / (1 + exp(-x)) * exp(yi) / (1 + exp(-x)), False)
chk(f, 'r2 intended e^{-x}', d, 1 / (1 + exp(-x)) * exp(-x) / (1 + exp(-x)))
chk(f, 'r3 vs truth', d, 1 / (1 + exp(-x)) * (1 - 1 / (1 + exp(-x))))
chk(f, 'r3 vs literal r2', 1 / (1 + exp(-x)) * exp(yi) / (1 + exp(-x)), 1 / (1 + exp(-x)) * (1 - 1 / (1 + exp(-x))), False)
chk(f, 'r4', d, sig(x) * (1 - sig(x)))

# ---- u02 (+ wrong): tanh as rescaled sigmoid, derivative
for f, wrong in (('u02', False), ('u02.wrong', True)):
    chk(f, 'r1', tanh(x), 2 * sig(2 * x) - 1)
    r2 = 2 / (1 - exp(-2 * x)) - 1 if wrong else 2 / (1 + exp(-2 * x)) - 1
    chk(f, 'r2' + (' INJECTED' if wrong else ''), tanh(x), r2, not wrong)
    chk(f, 'r3', tanh(x), (1 - exp(-2 * x)) / (1 + exp(-2 * x)))
    chk(f, 'r4', tanh(x), (exp(x) - exp(-x)) / (exp(x) + exp(-x)))
    dt = sp.diff(tanh(x), x)
    chk(f, 'r5', dt, ((exp(x) + exp(-x)) * (exp(x) + exp(-x)) - (exp(x) - exp(-x)) * (exp(x) - exp(-x))) / (exp(x) + exp(-x))**2)
    chk(f, 'r6', dt, ((exp(x) + exp(-x))**2 - (exp(x) - exp(-x))**2) / (exp(x) + exp(-x))**2)
    chk(f, 'r7', dt, 1 - ((exp(x) - exp(-x)) / (exp(x) + exp(-x)))**2)
    chk(f, 'r8', dt, 1 - tanh(x)**2)

# ---- u03: limits and derivative
f = 'u03'
chk(f, 'lim+ r1-2', sp.limit(sig(x), x, sp.oo), 1)
chk(f, 'lim- r3-4', sp.limit(sig(x), x, -sp.oo), 0)
d = sp.diff(sig(x), x)
for lab, r in (('r5', exp(-x) / (1 + exp(-x))**2), ('r6', 1 / (1 + exp(-x)) - 1 / (1 + exp(-x))**2),
               ('r7', sig(x) - sig(x)**2), ('r8', sig(x) * (1 - sig(x)))):
    chk(f, lab, d, r)

# ---- u04 (+ wrong)
for f, wrong in (('u04', False), ('u04.wrong', True)):
    d = sp.diff(sig(x), x)
    chk(f, 's1', d, exp(-x) / (1 + exp(-x))**2)
    chk(f, 's2', d, 1 / (1 + exp(-x)) * (1 - 1 / (1 + exp(-x))))
    chk(f, 's3', d, sig(x) * (1 - sig(x)))
    ft = (exp(2 * x) - 1) / (exp(2 * x) + 1)
    c = 2 if wrong else 4
    chk(f, 't1' + (' INJECTED' if wrong else ''), sp.diff(ft, x), c * exp(2 * x) / (exp(2 * x) + 1)**2, not wrong)
    chk(f, 't2', c * exp(2 * x) / (exp(2 * x) + 1)**2, 1 - ft**2, not wrong)
    if wrong:
        chk(f, 't2 vs truth', sp.diff(ft, x), 1 - ft**2)

# ---- u05
f = 'u05'
d = sp.diff(sig(x), x)
chk(f, 'r1', d, exp(-x) / (1 + exp(-x))**2)
chk(f, 'r2', d, 1 / (1 + exp(-x)) * exp(-x) / (1 + exp(-x)))
chk(f, 'r3', d, sig(x) * (1 - sig(x)))

# logistic data: N samples, M features
N, M = 3, 2
X = sp.Matrix(N, M, lambda i, j: sp.Symbol('x%d%d' % (i, j)))
Y = [sp.Symbol('y%d' % i) for i in range(N)]
th = sp.Matrix(M, 1, lambda i, j: sp.Symbol('th%d' % i))
b = sp.Symbol('b')
mu = [sig((X[i, :] * th)[0] + b) for i in range(N)]

# ---- u06 (+ wrong)
for f, wrong in (('u06', False), ('u06.wrong', True)):
    yy, m = sp.symbols('yy m', positive=True)
    for yv_a in (0, 1):
        chk(f, '(a) r1-2 at y=%d (Bernoulli)' % yv_a, m**yv_a * (1 - m)**(1 - yv_a), m if yv_a == 1 else 1 - m)
    Lsum = sum(Y[i] * log(mu[i]) + (1 - Y[i]) * log(1 - mu[i]) for i in range(N))
    chk(f, '(b) r1-2', sum(log(mu[i]**Y[i] * (1 - mu[i])**(1 - Y[i])) for i in range(N)).subs({Y[0]: 1, Y[1]: 0, Y[2]: 1}), Lsum.subs({Y[0]: 1, Y[1]: 0, Y[2]: 1}))
    dsig = sp.diff(1 / (1 + exp(-x)), x)
    chk(f, '(c) r1', dsig, ((1 + exp(-x)) * 0 - (-exp(-x) * 1)) / (1 + exp(-x))**2)
    chk(f, '(c) r2', dsig, exp(-x) / (1 + exp(-x))**2)
    chk(f, '(c) r3', dsig, 1 / (1 + exp(-x)) * exp(-x) / (1 + exp(-x)))
    chk(f, '(c) r4', dsig, sig(x) * (1 - sig(x)))
    grad = sp.Matrix([sp.diff(Lsum, th[j]) for j in range(M)])
    s = -1 if not wrong else 1
    row1 = sp.Matrix([sum((Y[i] / mu[i] - (1 - Y[i]) / (1 - mu[i])) * mu[i] * (1 - mu[i]) * X[i, j] for i in range(N)) for j in range(M)])
    row2 = sp.Matrix([sum((Y[i] / mu[i] + s * (1 - Y[i]) / (1 - mu[i])) * mu[i] * (1 - mu[i]) * X[i, j] for i in range(N)) for j in range(M)])
    chk(f, '(d) r1 chain rule', grad, row1)
    chk(f, '(d) r2' + (' INJECTED' if wrong else ''), grad, row2, not wrong)
    row3 = sp.Matrix([sum((Y[i] - mu[i]) / (mu[i] * (1 - mu[i])) * mu[i] * (1 - mu[i]) * X[i, j] for i in range(N)) for j in range(M)])
    chk(f, '(d) r3', row2, row3, not wrong)
    chk(f, '(d) r4', grad, sp.Matrix([sum((Y[i] - mu[i]) * X[i, j] for i in range(N)) for j in range(M)]))

# ---- u07: single sample chain
f = 'u07'
w0, w1, w2, x1, x2, yv = sp.symbols('w0 w1 w2 x1 x2 yv')
zz = w0 + w1 * x1 + w2 * x2
L = -(yv * log(sig(zz)) + (1 - yv) * log(1 - sig(zz)))
zs = sp.Symbol('zs')
Lz = -(yv * log(sig(zs)) + (1 - yv) * log(1 - sig(zs)))
dLdz = sp.diff(Lz, zs)
yh = sp.Symbol('yh')
Lyh = -(yv * log(yh) + (1 - yv) * log(1 - yh))
for k, (w, dz) in enumerate(((w0, 1), (w1, x1), (w2, x2))):
    chk(f, '(%d) chain rule' % (k + 1), sp.diff(L, w), (dLdz * sp.diff(zz, w)).subs(zs, zz))
chk(f, '(4) r1', dLdz, (sp.diff(Lyh, yh) * sig(zs) * (1 - sig(zs))).subs(yh, sig(zs)))
chk(f, '(4) r2', dLdz, sig(zs) - yv)
chk(f, '(5)-(7)', (sp.diff(zz, w0), sp.diff(zz, w1), sp.diff(zz, w2)), (1, x1, x2))
chk(f, 'dL/dw0', sp.diff(L, w0), sig(zz) - yv)
chk(f, 'dL/dw1', sp.diff(L, w1), x1 * (sig(zz) - yv))
chk(f, 'dL/dw2', sp.diff(L, w2), x2 * (sig(zz) - yv))

# ---- u08 (+ wrong): one-sample least squares (LMS) derivation, n = 2 (theta_0..theta_2)
th3 = sp.symbols('th0:3'); xx3 = sp.symbols('xx0:3'); yy = sp.Symbol('yy'); al_ = sp.Symbol('alpha')
hx = sum(th3[i] * xx3[i] for i in range(3))
J1 = Q(1, 2) * (hx - yy)**2
for f, wrong in (('u08', False), ('u08.wrong', True)):
    dj = sp.diff(J1, th3[1])
    chk(f, 'r1', dj, sp.diff(Q(1, 2) * (hx - yy)**2, th3[1]))
    chk(f, 'r2', dj, 2 * Q(1, 2) * (hx - yy) * sp.diff(hx - yy, th3[1]))
    s3 = 1 if wrong else -1
    r3 = (hx + s3 * yy) * sp.diff(hx - yy, th3[1])
    chk(f, 'r3' + (' INJECTED' if wrong else ''), dj, r3, not wrong)
    chk(f, 'r4 (vs previous row)', r3, (hx - yy) * sp.diff(sum(th3[i] * xx3[i] for i in range(3)) - yy, th3[1]), not wrong)
    chk(f, 'r5', dj, (hx - yy) * xx3[1])
    chk(f, 'update r6 (right-hand sides)', th3[1] - al_ * (hx - yy) * xx3[1], th3[1] + al_ * (yy - hx) * xx3[1])

# softmax helpers
K = 3
zv = sp.symbols('z1:4')
S = sum(exp(v) for v in zv)
a = [exp(v) / S for v in zv]

# ---- u09 (+ wrong): kyuusaku
for f, wrong in (('u09', False), ('u09.wrong', True)):
    i, j = 0, 0
    chk(f, 'i=j r1-2', sp.diff(a[0], zv[0]), (S * exp(zv[0]) - sp.diff(S, zv[0]) * exp(zv[0])) / S**2)
    chk(f, 'i=j r3', sp.diff(a[0], zv[0]), (S * exp(zv[0]) - exp(zv[0]) * exp(zv[0])) / S**2)
    chk(f, 'i!=j r1-2', sp.diff(a[0], zv[1]), (S * 0 - sp.diff(S, zv[1]) * exp(zv[0])) / S**2)
    sgn = 1 if wrong else -1
    chk(f, 'i!=j r3' + (' INJECTED' if wrong else ''), sp.diff(a[0], zv[1]), (0 + sgn * exp(zv[1]) * exp(zv[0])) / S**2, not wrong)

# ---- u10: Jacobian (author's a_j/z_i)
f = 'u10'
yk = sp.symbols('u1:4')
C = -sum(yk[k] * log(a[k]) for k in range(K))
Aa = sp.symbols('aa1:4')
CA_ = -sum(yk[k] * log(Aa[k]) for k in range(K))
chk(f, 'chain rule sum', sp.diff(C, zv[0]), sum(sp.diff(CA_, Aa[j]).subs(dict(zip(Aa, a))) * sp.diff(a[j], zv[0]) for j in range(K)))
for (jj, ii) in ((0, 0), (1, 0)):
    d = sp.diff(a[jj], zv[ii])
    chk(f, '(1) j=%d i=%d' % (jj, ii), d, (sp.diff(exp(zv[jj]), zv[ii]) * S - sp.diff(S, zv[ii]) * exp(zv[jj])) / S**2)
chk(f, 'i=j r1', sp.diff(a[0], zv[0]), (exp(zv[0]) * S - exp(zv[0]) * exp(zv[0])) / S**2)
chk(f, 'i=j r2', sp.diff(a[0], zv[0]), a[0] - a[0] * a[0])
chk(f, 'i!=j r1', sp.diff(a[1], zv[0]), (0 - exp(zv[0]) * exp(zv[1])) / S**2)
chk(f, 'i!=j r2', sp.diff(a[1], zv[0]), -a[0] * a[1])

# ---- u11 (+ wrong): CE gradient with one-hot y (k = 2nd class)
for f, wrong in (('u11', False), ('u11.wrong', True)):
    for kk in range(K):
        yv3 = [1 if q == kk else 0 for q in range(K)]
        Cf = -sum(yv3[q] * log(a[q]) for q in range(K))
        chk(f, 'C=-y_k log a_k (k=%d)' % kk, Cf, -log(a[kk]))
        A = sp.symbols('A1:4')
        CA = -sum(yv3[q] * log(A[q]) for q in range(K))
        chk(f, 'dC/da_j = -y_j/a_j (k=%d)' % kk, sp.Matrix([sp.diff(CA, A[q]) for q in range(K)]), sp.Matrix([-yv3[q] / A[q] for q in range(K)]))
        for ii in range(K):
            g = sp.diff(Cf, zv[ii])
            r1 = sum(-yv3[q] / a[q] * sp.diff(a[q], zv[ii]) for q in range(K))
            r2 = -sum(yv3[q] / a[q] * (a[ii] * (1 if ii == q else 0) - a[ii] * a[q]) for q in range(K))
            r3 = -yv3[ii] / a[ii] * (a[ii] - a[ii] * a[ii]) + sum(yv3[q] / a[q] * a[ii] * a[q] for q in range(K) if q != ii)
            s = -1 if wrong else 1
            r4 = -yv3[ii] + s * yv3[ii] * a[ii] + sum(yv3[q] * a[ii] for q in range(K) if q != ii)
            r5 = -yv3[ii] + a[ii] * (yv3[ii] + sum(yv3[q] for q in range(K) if q != ii))
            tag = ' k=%d i=%d' % (kk, ii)
            chk(f, 'r1' + tag, g, r1); chk(f, 'r2' + tag, g, r2); chk(f, 'r3' + tag, g, r3)
            exp4 = not (wrong and yv3[ii] == 1)
            chk(f, 'r4' + tag + (' INJECTED' if wrong else ''), g, r4, exp4)
            chk(f, 'r5' + tag, r4, r5, exp4)
            chk(f, 'r6' + tag, g, a[ii] - yv3[ii])

# ---- u12
f = 'u12'
xv = sp.Matrix(sp.symbols('p1:4')); yvv = sp.Matrix(sp.symbols('q1:4')); Nn = sp.Symbol('N', positive=True)
mm = ((xv - yvv).T * (xv - yvv))[0] / Nn
chk(f, 'mse r1', mm, ((xv.T * xv)[0] + (yvv.T * yvv)[0] - 2 * (xv.T * yvv)[0]) / Nn)
chk(f, 'dm/dx', sp.Matrix([sp.diff(mm, v) for v in xv]), (2 * xv - 2 * yvv) / Nn)
chk(f, 'dm/dy', sp.Matrix([sp.diff(mm, v) for v in yvv]), (2 * yvv - 2 * xv) / Nn)
for (ii, jj) in ((0, 0), (0, 1)):
    d = sp.diff(a[ii], zv[jj])
    chk(f, 'quotient (%d,%d)' % (ii, jj), d, (sp.diff(exp(zv[ii]), zv[jj]) * S - exp(zv[ii]) * sp.diff(S, zv[jj])) / S**2)
    chk(f, 'quotient r2 (%d,%d)' % (ii, jj), d, (sp.diff(exp(zv[ii]), zv[jj]) * S - exp(zv[ii]) * exp(zv[jj])) / S**2)
E0 = exp(zv[0]); d = sp.diff(a[0], zv[0])
for lab, r in (('i=j r1', (E0 * S - E0 * E0) / S**2), ('i=j r2', E0 * (S - E0) / S**2), ('i=j r3', E0 / S * (S - E0) / S), ('i=j r4', a[0] * (1 - a[0]))):
    chk(f, lab, d, r)
chk(f, 'i!=j r1', sp.diff(a[0], zv[1]), -E0 * exp(zv[1]) / S**2)
chk(f, 'i!=j r2', sp.diff(a[0], zv[1]), -a[0] * a[1])

# ---- u13 (+ wrong): linear regression likelihood, m = 3, 2 features
sg = sp.Symbol('sigma', positive=True)
Xm = sp.Matrix(3, 2, lambda i, j: sp.Symbol('X%d%d' % (i, j))); yv_ = sp.Matrix(sp.symbols('Y0:3')); tt = sp.Matrix(sp.symbols('T0:2'))
res = [yv_[i] - (Xm[i, :] * tt)[0] for i in range(3)]
for f, wrong in (('u13', False), ('u13.wrong', True)):
    ll = sum(log(1 / (sp.sqrt(2 * sp.pi) * sg) * exp(-r**2 / (2 * sg**2))) for r in res)
    p = 1 if wrong else 2
    chk(f, 'r1 log-likelihood' + (' INJECTED' if wrong else ''), ll, 3 * log(1 / (sp.sqrt(2 * sp.pi) * sg)) - 1 / sg**p * Q(1, 2) * sum(r**2 for r in res), not wrong)
    J = Q(1, 2) * sum(r**2 for r in res)
    chk(f, 'r2 matrix form', J, Q(1, 2) * ((Xm * tt - yv_).T * (Xm * tt - yv_))[0])
    chk(f, 'r3 gradient', sp.Matrix([sp.diff(J, v) for v in tt]), Xm.T * Xm * tt - Xm.T * yv_)

# ---- u14: genuine missing square
f = 'u14'
nn = sp.Symbol('n', positive=True)
r = Xm * tt - yv_
Jdef = 1 / (2 * nn) * sp.sqrt((r.T * r)[0])
Jsq = 1 / (2 * nn) * (r.T * r)[0]
chk(f, 'r1 (GENUINE: ||.|| not squared)', Jdef, Jsq, False)
chk(f, 'r2', Jsq, 1 / (2 * nn) * ((tt.T * Xm.T - yv_.T) * r)[0])
chk(f, 'r3', Jsq, 1 / (2 * nn) * ((tt.T * Xm.T * Xm * tt)[0] - (tt.T * Xm.T * yv_)[0] - (yv_.T * Xm * tt)[0] + (yv_.T * yv_)[0]))
grad = sp.Matrix([[sp.diff(Jsq, v) for v in tt]])
chk(f, 'r4', grad, 1 / (2 * nn) * (2 * tt.T * Xm.T * Xm - yv_.T * Xm - yv_.T * Xm))
chk(f, 'r5', grad, 1 / nn * (tt.T * Xm.T * Xm - yv_.T * Xm))

# ---- u15: dropped sum
f = 'u15'
xs3 = sp.Matrix(3, 2, lambda i, j: sp.Symbol('x%d_%d' % (i, j))); ys3 = sp.symbols('yy0:3'); th2 = sp.symbols('th0:2')
hh = [sum(th2[j] * xs3[i, j] for j in range(2)) for i in range(3)]
Jl = Q(1, 2) * sum((hh[i] - ys3[i])**2 for i in range(3))
chk(f, 'r1', sp.diff(Jl, th2[0]), sum((hh[i] - ys3[i]) * xs3[i, 0] for i in range(3)))
chk(f, 'r2 (GENUINE: sum dropped, sample 1 kept)', sp.diff(Jl, th2[0]), (hh[0] - ys3[0]) * xs3[0, 0], False)

# ---- u16: backprop sign
f = 'u16'
xi = sp.symbols('xi0:2'); v = sp.Matrix(2, 2, lambda i, j: sp.Symbol('v%d%d' % (i, j))); W = sp.Matrix(2, 2, lambda i, j: sp.Symbol('w%d%d' % (i, j)))
Lt = sp.symbols('L0:2')
Hin = [sum(v[i, j] * xi[i] for i in range(2)) for j in range(2)]
Hout = [sig(u) for u in Hin]
Oin = [sum(W[j, k] * Hout[j] for j in range(2)) for k in range(2)]
Oout = [sig(u) for u in Oin]
E = Q(1, 2) * sum((Lt[k] - Oout[k])**2 for k in range(2))
o = sp.symbols('o0:2')
Eo = Q(1, 2) * sum((Lt[k] - sig(o[k]))**2 for k in range(2)) + 0 * sum(o)
sub = {o[0]: Oin[0], o[1]: Oin[1]}
dEdOin = sp.diff(Eo, o[0]).subs(sub)
chk(f, 'r1 dE/dw_jk chain', sp.diff(E, W[0, 0]), dEdOin * Hout[0])
ff = sig(x)
chk(f, 'r2', sp.diff(ff, x), -(-exp(-x)) / (1 + exp(-x))**2)
chk(f, 'r3', sp.diff(ff, x), 1 / (1 + exp(-x)) * ((1 + exp(-x)) - 1) / (1 + exp(-x)))
chk(f, 'r4', sp.diff(ff, x), ff * (1 - ff))
chk(f, 'r5 chain', dEdOin, (-(Lt[0] - Oout[0])) * sig(Oin[0]) * (1 - sig(Oin[0])))
chk(f, 'r6 (GENUINE: sign lost)', dEdOin, (Lt[0] - Oout[0]) * sig(Oin[0]) * (1 - sig(Oin[0])), False)

# ---- u17: dropped 2, M = 2 samples, 2 hidden, g = tanh
f = 'u17'
g = tanh
w11, w12, w21, w22, wh1, wh2, bh, b1, b2 = sp.symbols('w11 w12 w21 w22 wh1 wh2 bh b1 b2')
Xs = [(sp.Symbol('x1a'), sp.Symbol('x2a')), (sp.Symbol('x1b'), sp.Symbol('x2b'))]
ts = sp.symbols('ta tb')
r1 = [w11 * xa + w12 * xb + b1 for xa, xb in Xs]
r2 = [w21 * xa + w22 * xb + b2 for xa, xb in Xs]
rh = [g(r1[i]) * wh1 + g(r2[i]) * wh2 + bh for i in range(2)]
ys2 = [g(rh[i]) for i in range(2)]
E2 = Q(1, 2) * sum((ys2[i] - ts[i])**2 for i in range(2))
gE = sp.diff(E2, w11)
c1 = Q(1, 2) * sum(2 * (ys2[i] - ts[i]) * sp.diff(ys2[i] - ts[i], w11) for i in range(2))
c2 = Q(1, 2) * sum((ys2[i] - ts[i]) * sp.diff(ys2[i] - ts[i], w11) for i in range(2))
c3 = sum((ys2[i] - ts[i]) * sp.diff(ys2[i], w11) for i in range(2))
chk(f, 'display 3: grad E = d/dw 1/2 sum', gE, sp.diff(E2, w11))
chk(f, 'r1', gE, c1)
chk(f, 'r2 (GENUINE: 2 dropped, 1/2 kept)', gE, c2, False)
chk(f, 'r3 vs truth', gE, c3)
chk(f, 'r4', gE, sum((ys2[i] - ts[i]) * sp.diff(g(rh[i]), w11) for i in range(2)))
chk(f, 'r5-6', gE, sum((ys2[i] - ts[i]) * sp.diff(g(g(r1[i]) * wh1 + g(r2[i]) * wh2 + bh), w11) for i in range(2)))

# ---- u18 (+ wrong): 2-3-2 net, denominator layout, numeric weights
f0 = 'u18'
zl = sp.Matrix(sp.symbols('zl0:3'))
Wn = sp.Matrix([[Q(3, 10), Q(-7, 10), Q(1, 2)], [Q(9, 10), Q(1, 5), Q(-2, 5)]])  # w^{l+1}: 2x3
bn = sp.Matrix([Q(1, 10), Q(-3, 10)]); yt = sp.Matrix([Q(1, 4), Q(2, 3)])
s_ = lambda M_: M_.applyfunc(sig)
ds = lambda M_: M_.applyfunc(lambda u: sig(u) * (1 - sig(u)))
znext = Wn * s_(zl) + bn
aL = s_(znext)
Cc = Q(1, 2) * ((yt - aL).T * (yt - aL))[0]
zL = sp.Matrix(sp.symbols('zL0:2'))
CL = Q(1, 2) * ((yt - s_(zL)).T * (yt - s_(zL)))[0]
aLs = sp.Matrix(sp.symbols('aL0:2')); Ca = Q(1, 2) * ((yt - aLs).T * (yt - aLs))[0]
for f, wrong in ((f0, False), (f0 + '.wrong', True)):
    dL = sp.Matrix([sp.diff(CL, u) for u in zL])
    jac_a = sp.Matrix(2, 2, lambda i, j: sp.diff(s_(zL)[j], zL[i]))  # denominator layout
    grad_a = sp.Matrix([sp.diff(Ca, u) for u in aLs]).subs(dict(zip(aLs, s_(zL))))
    chk(f, 'BP1 r1-2', dL, jac_a * grad_a)
    chk(f, 'BP1 r3', dL, sp.diag(*ds(zL)) * grad_a)
    chk(f, 'BP1 r4', dL, (s_(zL) - yt).multiply_elementwise(ds(zL)))
    dl = sp.Matrix([sp.diff(Cc, u) for u in zl])
    Jz = sp.Matrix(3, 2, lambda i, j: sp.diff(znext[j], zl[i]))  # dz^{l+1}/dz^l, denominator layout
    delta_next = sp.Matrix([sp.diff(CL, u) for u in zL]).subs(dict(zip(zL, znext)))
    chk(f, 'BP2 r1-3', dl, Jz * delta_next)
    chk(f, 'BP2 r4-6', Jz, sp.diag(*ds(zl)) * Wn.T)
    chk(f, 'BP2 r7', dl, sp.diag(*ds(zl)) * Wn.T * delta_next)
    if wrong:
        # with a square w (3x3 layer) the dropped transpose also changes the values:
        Wsq = sp.Matrix([[Q(3, 10), Q(-7, 10), Q(1, 2)], [Q(9, 10), Q(1, 5), Q(-2, 5)], [Q(-1, 5), Q(1, 2), Q(7, 10)]])
        zn3 = Wsq * s_(zl); yt3 = sp.Matrix([Q(1, 4), Q(2, 3), Q(1, 3)]); C3 = Q(1, 2) * ((yt3 - s_(zn3)).T * (yt3 - s_(zn3)))[0]
        d3 = sp.Matrix([sp.diff(C3, u) for u in zl])
        dn3 = (s_(zn3) - yt3).multiply_elementwise(ds(zn3))
        chk(f, 'BP2 r8 INJECTED (square w)', d3, ds(zl).multiply_elementwise(Wsq * dn3), False)
        chk(f, 'BP2 r8 original (square w)', d3, ds(zl).multiply_elementwise(Wsq.T * dn3))
    else:
        chk(f, 'BP2 r8', dl, ds(zl).multiply_elementwise(Wn.T * delta_next))

# ---- u19: softmax-regression Hessian, n = 3, d = 2, K = 3
f = 'u19'
n_, d_ = 3, 2
Xh = sp.Matrix([[Q(1, 2), Q(-1, 3)], [Q(2, 5), Q(1)], [Q(-3, 4), Q(1, 5)]])
Yh = sp.Matrix([[1, 0, 0], [0, 0, 1], [0, 1, 0]])
Wh = sp.Matrix(d_, 3, lambda i, j: sp.Symbol('W%d%d' % (i, j)))
Sc = Xh * Wh
P = sp.Matrix(n_, 3, lambda i, k: exp(Sc[i, k]) / sum(exp(Sc[i, q]) for q in range(3)))
Lh = -sum(Yh[i, k] * log(P[i, k]) for i in range(n_) for k in range(3)) / n_
G = sp.Matrix(d_, 3, lambda i, k: sp.diff(Lh, Wh[i, k]))
chk(f, 'r1 gradient', G, Xh.T * (P - Yh) / n_)
def block(k, l):
    return sp.Matrix(d_, d_, lambda r_, c_: sp.diff(Lh, Wh[r_, k], Wh[c_, l]))
Dk = lambda k: sp.diag(*[P[i, k] * (1 - P[i, k]) for i in range(n_)])
chk(f, 'block definition (k,l) = (0,1)', block(0, 1), sum(((-P[i, 0] * P[i, 1]) * Xh[i, :].T * Xh[i, :] for i in range(n_)), sp.zeros(2, 2)) / n_)
chk(f, 'r2 H_kk', block(0, 0), Xh.T * Dk(0) * Xh / n_)
chk(f, 'r3 (GENUINE: trailing X dropped; shapes differ)', block(0, 1), -Xh.T * sp.diag(*[P[i, 0] * P[i, 1] for i in range(n_)]) / n_, False)
chk(f, 'r3 intended with X', block(0, 1), -Xh.T * sp.diag(*[P[i, 0] * P[i, 1] for i in range(n_)]) * Xh / n_)

# ---- u20: quadratic form gradient
f = 'u20'
xq = sp.Matrix(sp.symbols('xq0:3')); Aq = sp.Matrix(3, 3, lambda i, j: sp.Symbol('A%d%d' % (i, j)))
al = (xq.T * Aq * xq)[0]
chk(f, 'definition sum', al, sum(Aq[i, j] * xq[i] * xq[j] for i in range(3) for j in range(3)))
gr = sp.Matrix([[sp.diff(al, u) for u in xq]])
chk(f, 'r1 component k', gr, sp.Matrix([[sum(Aq[k, j] * xq[j] for j in range(3)) + sum(Aq[i, k] * xq[i] for i in range(3)) for k in range(3)]]))
chk(f, 'r2', gr, xq.T * Aq.T + xq.T * Aq)
chk(f, 'r3', gr, xq.T * (Aq.T + Aq))
chk(f, 'stated result', gr, xq.T * (Aq + Aq.T))
As = sp.Matrix(3, 3, lambda i, j: sp.Symbol('B%d%d' % (min(i, j), max(i, j))))
als = (xq.T * As * xq)[0]; grs = sp.Matrix([[sp.diff(als, u) for u in xq]])
chk(f, 'symmetric r1', grs, xq.T * (As + As))
chk(f, 'symmetric r2', grs, 2 * xq.T * As)

good = sum(1 for r in RES if r[2])
print('relations that held: %(simplified)d proved by simplify, %(numeric-only)d by numeric spot checks only' % SYM)
print('%d / %d checks' % (good, len(RES)))
