"""Hand-transcribed SymPy checks for heldout11 (every '=' link of each scoped chain, original and .wrong copy).

Each check is (file, label, lhs, rhs, expected) with expected True (the relation holds) or False (it is the
wrong step).  A relation holds when it agrees at 6 random points (mpmath) and, where the expression is small
enough, simplify(lhs - rhs) == 0; matrices are compared entry by entry.  Rounded decimals are compared to within
one unit of their last digit (check_round).  Index chains are instantiated with 2-3 samples / 3 classes / small
networks.  Run: python3 verify_heldout11.py  (prints DISAGREES for any check that does not match the verdict,
then 'N / N checks').  Imports sympy only.
"""
import random
import signal
import sympy as sp
from sympy import exp, log, tanh, sinh, cosh, Matrix, Rational as Q

random.seed(11)


def _timeout(*_):
    raise TimeoutError


signal.signal(signal.SIGALRM, _timeout)
RES = []
SYM = {'simplified': 0, 'numeric-only': 0}


def holds(a, b):
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
        signal.alarm(5)
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


def check_round(f, label, exact, shown, unit, expected=True):
    ok = (abs(float(exact) - float(shown)) <= unit) == expected
    RES.append((f, label, ok))
    if not ok:
        print('DISAGREES', f, label)


x, z = sp.symbols('x z', real=True)
sig = lambda u: 1 / (1 + exp(-u))

# ---- v01: Week 1, Question 2 - GENUINE wrong-step 2
f = 'v01'
s = sig(x)
d1 = sp.diff(s, x)
chk(f, '(a) r1', d1, sp.diff(1 / (1 + exp(-x)), x))
chk(f, '(a) r2 (GENUINE: -(1+e^{-x})^{-2})', d1, -(1 + exp(-x))**-2, False)
chk(f, '(a) r3 vs truth', d1, 1 / (1 + exp(-x)) * (1 - 1 / (1 + exp(-x))))
chk(f, '(a) r3 vs literal r2', -(1 + exp(-x))**-2, 1 / (1 + exp(-x)) * (1 - 1 / (1 + exp(-x))), False)
chk(f, '(a) r4', d1, s * (1 - s))
d2 = sp.diff(s, x, 2); d3 = sp.diff(s, x, 3)
chk(f, 'r5', d2, d1 * (1 - s) - s * d1)
chk(f, 'r6', d2, d1 * (1 - 2 * s))
chk(f, 'r7', d3, d2 * (1 - 2 * s) - 2 * d1**2)
chk(f, '(b) r8', 1 - s, exp(-x) / (1 + exp(-x)))
chk(f, '(b) r9', exp(-x), (1 - s) / s)
sm = sig(-x)
chk(f, 'sinh r10', sinh(x), ((1 - sm) / sm - (1 - s) / s) / 2)
chk(f, 'sinh r11', sinh(x), (s * (1 - sm) - sm * (1 - s)) / (2 * s * sm))
chk(f, 'sinh r12', sinh(x), (s - sm) / (2 * s * sm))
chk(f, 'cosh r13', cosh(x), ((1 - sm) / sm + (1 - s) / s) / 2)
chk(f, 'cosh r14', cosh(x), (s * (1 - sm) + sm * (1 - s)) / (2 * s * sm))
chk(f, 'cosh r15', cosh(x), (s + sm) / (2 * s * sm) - 1)
chk(f, 'tanh r16', tanh(x), (exp(x) - exp(-x)) / (exp(x) + exp(-x)))
chk(f, 'tanh r17', tanh(x), (exp(2 * x) - 1) / (exp(2 * x) + 1))
chk(f, 'tanh r18', tanh(x), (1 + exp(2 * x) - 2) / (1 + exp(2 * x)))
chk(f, 'tanh r19', tanh(x), 1 - 2 * sig(-2 * x))

# ---- v02 (+ wrong): "=>" chain, delta(x) = sigmoid
for f, wrong in (('v02', False), ('v02.wrong', True)):
    d = sp.diff(sig(x), x)
    rows = [sp.diff(1 / (1 + exp(-x)), x), sp.diff((1 + exp(-x))**-1, x),
            -(1 + exp(-x))**-2 * sp.diff(1 + exp(-x), x), -(1 + exp(-x))**-2 * exp(-x) * (-1),
            exp(-x) / (1 + exp(-x))**(3 if wrong else 2), exp(-x) / (1 + exp(-x)) * 1 / (1 + exp(-x)),
            (exp(-x) + 1 - 1) / (1 + exp(-x)) * sig(x), ((1 + exp(-x)) / (1 + exp(-x)) - 1 / (1 + exp(-x))) * sig(x),
            (1 - sig(x)) * sig(x)]
    for k in range(1, len(rows)):
        exp_k = not (wrong and k in (4, 5))
        chk(f, 'r%d (row %d -> %d)%s' % (k, k, k + 1, ' INJECTED' if wrong and k == 4 else ''), rows[k - 1], rows[k], exp_k)
        chk(f, 'row %d vs truth' % (k + 1), d, rows[k], not (wrong and k == 4))

# ---- v03: properties of sigmoid / softplus
f = 'v03'
zeta = lambda u: log(1 + exp(u))
chk(f, 'r1', 1 - 1 / (1 + exp(-x)), exp(-x) / (1 + exp(-x)))
chk(f, 'r2', exp(-x) / (1 + exp(-x)), 1 / (1 + exp(-(-x))))
chk(f, 'r3', 1 / (1 + exp(-(-x))), sig(-x))
chk(f, 'bullet 1', 1 - sig(x), sig(-x))
chk(f, 'r4', log(1 / (1 + exp(-x))), -log(1 + exp(-x)))
chk(f, 'r5', -log(1 + exp(-x)), -zeta(-x))
chk(f, 'bullet 2', log(sig(x)), -zeta(-x))
d = sp.diff(1 / (1 + exp(-x)), x)
for lab, r in (('r6', sp.diff((1 + exp(-x))**-1, x)), ('r7', -(1 + exp(-x))**-2 * -(exp(-x))),
               ('r8', 1 / (1 + 2 * exp(-x) + exp(-x)**2) * exp(-x)), ('r9', 1 / (exp(x) + 2 + exp(-x))),
               ('r10', 1 / (1 + exp(-x)) * 1 / (1 + exp(x))), ('r11', sig(x) * sig(-x)), ('r12', sig(x) * (1 - sig(x)))):
    chk(f, lab, d, r)
chk(f, 'bullet 3', sp.diff(sig(x), x), sig(x) * (1 - sig(x)))
dz = sp.diff(log(1 + exp(x)), x)
chk(f, 'r13', dz, exp(x) / (1 + exp(x)))
chk(f, 'r14', dz, 1 / (1 + exp(-x)))
chk(f, 'r15', dz, sig(x))
chk(f, 'bullet 4', sp.diff(zeta(x), x), sig(x))

# ---- v04 (+ wrong): tanh as sigma(x; s=2)
sgs = lambda u, s_: 1 / (1 + exp(-s_ * u))
for f, wrong in (('v04', False), ('v04.wrong', True)):
    S2 = sgs(x, 2)
    chk(f, 'r1', tanh(x), 2 * S2 - 1)
    chk(f, 'r2', tanh(x), 2 * (1 / (1 + exp(-2 * x))) - 1)
    chk(f, 'r3', tanh(x), (1 - exp(-2 * x)) / (1 + exp(-2 * x)))
    chk(f, 'r4', tanh(x), (1 - exp(-2 * x)) / (1 + exp(-2 * x)))
    chk(f, 'r5 lim +oo', sp.limit((1 - exp(-2 * x)) / (1 + exp(-2 * x)), x, sp.oo), 1)
    chk(f, 'r6 lim -oo', sp.limit((1 - exp(-2 * x)) / (1 + exp(-2 * x)), x, -sp.oo), -1)
    dt = sp.diff(tanh(x), x)
    chk(f, 'd r1', dt, sp.diff(2 * S2 - 1, x))
    r2 = 2 * ((1 if wrong else 2) * S2 * (1 - S2))
    chk(f, 'd r2' + (' INJECTED' if wrong else ''), dt, r2, not wrong)
    chk(f, 'd r3 (vs previous row)', r2, -4 * S2**2 + 4 * S2, not wrong)
    chk(f, 'd r3 vs truth', dt, -4 * S2**2 + 4 * S2)
    chk(f, 'd r4', dt, -4 * S2**2 + 4 * S2 - 1 + 1)
    chk(f, 'd r5', dt, -(4 * S2**2 - 4 * S2 + 1) + 1)
    chk(f, 'd r6', dt, -(2 * S2 - 1)**2 + 1)
    chk(f, 'd r7', dt, -tanh(x)**2 + 1)
    chk(f, 'd r8', dt, 1 - tanh(x)**2)

# ---- v05: codecogs tanh derivative
f = 'v05'
sh, ch = (exp(x) - exp(-x)) / 2, (exp(x) + exp(-x)) / 2
dsh = sp.diff(sh, x)
for lab, r in (('sinh r1', sp.diff((exp(x) - exp(-x)) / 2, x)), ('sinh r2', Q(1, 2) * (sp.diff(exp(x), x) - sp.diff(exp(-x), x))),
               ('sinh r3', Q(1, 2) * (exp(x) - (-exp(-x)))), ('sinh r4', (exp(x) + exp(-x)) / 2), ('sinh r5', cosh(x))):
    chk(f, lab, dsh, r)
dch = sp.diff(ch, x)
for lab, r in (('cosh r6', sp.diff((exp(x) + exp(-x)) / 2, x)), ('cosh r7', Q(1, 2) * (sp.diff(exp(x), x) + sp.diff(exp(-x), x))),
               ('cosh r8', Q(1, 2) * (exp(x) + (-exp(-x)))), ('cosh r9', (exp(x) - exp(-x)) / 2), ('cosh r10', sinh(x))):
    chk(f, lab, dch, r)
q = (cosh(x) * sp.diff(sinh(x), x) - sinh(x) * sp.diff(cosh(x), x)) / cosh(x)**2
chk(f, 'quotient rule start (above the cut)', sp.diff(tanh(x), x), q)
for lab, r in (('tanh r11', (cosh(x) * cosh(x) - sinh(x) * sinh(x)) / cosh(x)**2), ('tanh r12', (cosh(x)**2 - sinh(x)**2) / cosh(x)**2),
               ('tanh r13', cosh(x)**2 / cosh(x)**2 - sinh(x)**2 / cosh(x)**2), ('tanh r14', 1 - tanh(x)**2)):
    chk(f, lab, q, r)
chk(f, 'r15', sp.diff(tanh(x), x), 1 - tanh(x)**2)

# ---- v06: GENUINE tanh = 2 sigma(x) - 1
f = 'v06'
chk(f, 'r1', sp.diff(sig(x), x), exp(-x) / (1 + exp(-x))**2)
chk(f, 'r2', sp.diff(sig(x), x), sig(x) * (1 - sig(x)))
chk(f, 'r3', tanh(x), (exp(x) - exp(-x)) / (exp(x) + exp(-x)))
chk(f, 'r4 (GENUINE: 2 sigma(x) - 1)', tanh(x), 2 * sig(x) - 1, False)
chk(f, 'intended 2 sigma(2x) - 1', tanh(x), 2 * sig(2 * x) - 1)
chk(f, '2 sigma(x) - 1 = tanh(x/2)', 2 * sig(x) - 1, tanh(x / 2))

# ---- v07 (+ wrong): softmax Jacobian in attention notes, n = 3
xv3 = sp.symbols('xs1:4')
S3 = sum(exp(v) for v in xv3)
y3 = [exp(v) / S3 for v in xv3]
cc = [Q(1, 3), Q(-2, 5), Q(3, 4)]
Yv = sp.symbols('Yv1:4')
Lsoft = sum(cc[k] * Yv[k] for k in range(3)) + Yv[0] * Yv[2]
for f, wrong in (('v07', False), ('v07.wrong', True)):
    sub = dict(zip(Yv, y3))
    for jx in range(3):
        chk(f, 'r1 chain rule j=%d' % jx, sp.diff(Lsoft.subs(sub), xv3[jx]),
            sum(sp.diff(Lsoft, Yv[k]).subs(sub) * sp.diff(y3[k], xv3[jx]) for k in range(3)))
    chk(f, 'r2 y_i = e^{x_i}/sum', y3[0], exp(xv3[0]) / sum(exp(v) for v in xv3))
    chk(f, 'r3 = e^{x_i}/S', y3[0], exp(xv3[0]) / S3)
    i = 0
    d = sp.diff(y3[i], xv3[i])
    chk(f, 'r4 dy_i/dx_i', d, (exp(xv3[i]) * S3 - exp(xv3[i]) * exp(xv3[i])) / S3**2)
    r5 = exp(xv3[i]) / S3 * (1 + (1 if wrong else -1) * exp(xv3[i]) / S3)
    chk(f, 'r5' + (' INJECTED' if wrong else ''), d, r5, not wrong)
    chk(f, 'r6 (vs previous row)', r5, y3[i] * (1 - y3[i]), not wrong)
    chk(f, 'r6 vs truth', d, y3[i] * (1 - y3[i]))
    d = sp.diff(y3[0], xv3[2])
    chk(f, 'r7 dy_i/dx_j', d, -exp(xv3[0]) * exp(xv3[2]) / S3**2)
    chk(f, 'r8', d, -y3[0] * y3[2])

# softmax helpers, K = 3
K = 3
th = sp.symbols('t1:4')
Ssum = sum(exp(v) for v in th)
yh = [exp(v) / Ssum for v in th]

# ---- v08 (+ wrong): daviddwlee84
for f, wrong in (('v08', False), ('v08.wrong', True)):
    i = 0
    d = sp.diff(yh[i], th[i])
    chk(f, 'def r1', d, sp.diff(exp(th[i]) / Ssum, th[i]))
    chk(f, 'i=j r2', d, sp.diff(exp(th[i]) / Ssum, th[i]))
    chk(f, 'i=j r3', d, (exp(th[i]) * Ssum - exp(th[i]) * exp(th[i])) / Ssum**2)
    chk(f, 'i=j r4', d, exp(th[i]) / Ssum * (Ssum - exp(th[i])) / Ssum)
    chk(f, 'i=j r5', d, exp(th[i]) / Ssum * (1 - exp(th[i]) / Ssum))
    chk(f, 'i=j r6', d, yh[i] * (1 - yh[i]))
    i, j = 0, 1
    d = sp.diff(yh[i], th[j])
    chk(f, 'i!=j r7', d, sp.diff(exp(th[i]) / Ssum, th[j]))
    r8 = (0 - exp(th[i]) * exp(th[j])) / (Ssum if wrong else Ssum**2)
    chk(f, 'i!=j r8' + (' INJECTED' if wrong else ''), d, r8, not wrong)
    chk(f, 'i!=j r9 (vs previous row)', r8, -exp(th[i]) / Ssum * exp(th[j]) / Ssum, not wrong)
    chk(f, 'i!=j r9 vs truth', d, -exp(th[i]) / Ssum * exp(th[j]) / Ssum)
    chk(f, 'i!=j r10', d, -yh[i] * yh[j])
    for kk in range(K):
        yv = [1 if q_ == kk else 0 for q_ in range(K)]
        Jf = -sum(yv[q_] * log(yh[q_]) for q_ in range(K))
        for i in range(K):
            g = sp.diff(Jf, th[i])
            tag = ' k=%d i=%d' % (kk, i)
            chk(f, 'CE r11' + tag, g, -sum(sp.diff(yv[q_] * log(yh[q_]), th[i]) for q_ in range(K)))
            chk(f, 'CE r12' + tag, g, -sum(yv[q_] * sp.diff(log(yh[q_]), th[i]) for q_ in range(K)))
            chk(f, 'CE r13' + tag, g, -sum(yv[q_] / yh[q_] * sp.diff(yh[q_], th[i]) for q_ in range(K)))
            chk(f, 'CE r14' + tag, g, (-yv[i] / yh[i] * sp.diff(yh[i], th[i])) + (-sum(yv[q_] / yh[q_] * sp.diff(yh[q_], th[i]) for q_ in range(K) if q_ != i)))
            chk(f, 'CE r15' + tag, g, -yv[i] / yh[i] * yh[i] * (1 - yh[i]) - sum(yv[q_] / yh[q_] * (-yh[i] * yh[q_]) for q_ in range(K) if q_ != i))
            chk(f, 'CE r16' + tag, g, -yv[i] + yv[i] * yh[i] + sum(yv[q_] * yh[i] for q_ in range(K) if q_ != i))
            chk(f, 'CE r17' + tag, g, -yv[i] + sum(yv[q_] * yh[i] for q_ in range(K)))
            chk(f, 'CE r18' + tag, g, -yv[i] + yh[i] * sum(yv))
            chk(f, 'CE r19' + tag, g, yh[i] - yv[i])

# ---- v09: French notes (phi = softmax, H cross-entropy)
f = 'v09'
zz = sp.symbols('z1:4')
Sz = sum(exp(v) for v in zz)
ph = [exp(v) / Sz for v in zz]
i = j = 0
d = sp.diff(ph[i], zz[j])
chk(f, 'j=i r1', d, sp.diff(exp(zz[i]) / Sz, zz[j]))
chk(f, 'j=i r2', d, (exp(zz[i]) * Sz - exp(zz[j]) * exp(zz[i])) / Sz**2)
chk(f, 'j=i r3', d, exp(zz[i]) / Sz * (Sz - exp(zz[j])) / Sz)
chk(f, 'j=i r4', d, ph[i] * (1 - ph[j]))
i, j = 0, 2
d = sp.diff(ph[i], zz[j])
chk(f, 'j!=i r5', d, sp.diff(exp(zz[i]) / Sz, zz[j]))
chk(f, 'j!=i r6', d, (0 - exp(zz[j]) * exp(zz[i])) / Sz**2)
chk(f, 'j!=i r7', d, -exp(zz[j]) / Sz * exp(zz[i]) / Sz)
chk(f, 'j!=i r8', d, -ph[j] * ph[i])
chk(f, 'cases r9 (i=j)', sp.diff(ph[1], zz[1]), ph[1] * (1 - ph[1]))
chk(f, 'cases r10 (i!=j)', sp.diff(ph[1], zz[2]), -ph[2] * ph[1])
for kk in range(3):
    yv = [1 if q_ == kk else 0 for q_ in range(3)]
    H = -sum(yv[q_] * log(ph[q_]) for q_ in range(3))
    for i in range(3):
        g = sp.diff(H, zz[i]); tag = ' k=%d i=%d' % (kk, i)
        chk(f, 'CE r11' + tag, g, sp.diff(H, zz[i]))
        chk(f, 'CE r12' + tag, g, -sum(yv[q_] * sp.diff(log(ph[q_]), zz[i]) for q_ in range(3)))
        chk(f, 'CE r13' + tag, g, -sum(yv[q_] * sp.diff(ph[q_], zz[i]) / ph[q_] for q_ in range(3)))
        chk(f, 'CE r14' + tag, g, -yv[i] * ph[i] * (1 - ph[i]) / ph[i] - sum(yv[q_] * (-ph[i] * ph[q_]) / ph[q_] for q_ in range(3) if q_ != i))
        chk(f, 'CE r15' + tag, g, -yv[i] * (1 - ph[i]) + sum(yv[q_] * ph[i] for q_ in range(3) if q_ != i))
        chk(f, 'CE r16' + tag, g, -yv[i] + ph[i] * sum(yv))
        chk(f, 'CE r17' + tag, g, ph[i] - yv[i])

# ---- v10: softmax Jacobian (o, y)
f = 'v10'
oo = sp.symbols('o1:4')
So = sum(exp(v) for v in oo)
yo = [exp(v) / So for v in oo]
for (i, j) in ((0, 0), (0, 1)):
    d = sp.diff(yo[i], oo[j]); tag = ' (%d,%d)' % (i, j)
    chk(f, 'r1' + tag, d, sp.diff(exp(oo[i]) / So, oo[j]))
    chk(f, 'r2' + tag, d, (sp.diff(exp(oo[i]), oo[j]) * So - exp(oo[i]) * sp.diff(So, oo[j])) / So**2)
i = j = 0
d = sp.diff(yo[i], oo[j])
chk(f, 'i=j r3', d, (exp(oo[i]) * So - exp(oo[i]) * exp(oo[j])) / So**2)
chk(f, 'i=j r4', d, exp(oo[i]) * (So - exp(oo[j])) / So**2)
chk(f, 'i=j r5', d, exp(oo[i]) / So * (So - exp(oo[j])) / So)
chk(f, 'i=j r6', d, yo[i] * (1 - yo[j]))
i, j = 0, 1
d = sp.diff(yo[i], oo[j])
chk(f, 'i!=j r7', d, (0 * So - exp(oo[i]) * exp(oo[j])) / So**2)
chk(f, 'i!=j r8', d, exp(oo[i]) / So * (-exp(oo[j])) / So)
chk(f, 'i!=j r9', d, -yo[i] * yo[j])
chk(f, 'Kronecker r10 (i=j)', sp.diff(yo[2], oo[2]), yo[2] * (1 - yo[2]))
chk(f, 'Kronecker r10 (i!=j)', sp.diff(yo[2], oo[0]), yo[2] * (0 - yo[0]))

# logistic data: m = 3 samples, 2 features
m_ = 3
Xd = sp.Matrix(m_, 2, lambda i, j: sp.Symbol('X%d%d' % (i, j)))
Yd = [sp.Symbol('Y%d' % i) for i in range(m_)]
tt = sp.Matrix(sp.symbols('th0:2'))
zs = [(Xd[i, :] * tt)[0] for i in range(m_)]
hs = [sig(u) for u in zs]
Jlog = -Q(1, m_) * sum(Yd[i] * log(hs[i]) + (1 - Yd[i]) * log(1 - hs[i]) for i in range(m_))

# ---- v11 (+ wrong)
for f, wrong in (('v11', False), ('v11.wrong', True)):
    hp = sp.diff(sig(x), x)
    for lab, r in (("h' r1", sp.diff(1 / (1 + exp(-x)), x)), ("h' r2", -sp.diff(1 + exp(-x), x) / (1 + exp(-x))**2),
                   ("h' r3", exp(-x) / (1 + exp(-x))**2), ("h' r4", (1 / (1 + exp(-x))) * (exp(-x) / (1 + exp(-x)))),
                   ("h' r5", sig(x) * ((1 - 1 + exp(-x)) / (1 + exp(-x)))),
                   ("h' r6", sig(x) * ((1 + exp(-x)) / (1 + exp(-x)) - 1 / (1 + exp(-x)))), ("h' r7", sig(x) * (1 - sig(x)))):
        chk(f, lab, hp, r)
    jj = 1
    dh = sp.diff(hs[0], tt[jj])
    chk(f, 'dh r8', dh, sp.diff(sig(zs[0]), tt[jj]))
    chk(f, 'dh r9', dh, hp.subs(x, zs[0]) * sp.diff(zs[0], tt[jj]))
    chk(f, 'dh r10', dh, hs[0] * (1 - hs[0]) * Xd[0, jj])
    g = sp.diff(Jlog, tt[jj])
    dH = [hs[i] * (1 - hs[i]) * Xd[i, jj] for i in range(m_)]
    rows = [sp.diff(Jlog, tt[jj]),
            -Q(1, m_) * sum(Yd[i] * sp.diff(log(hs[i]), tt[jj]) + (1 - Yd[i]) * sp.diff(log(1 - hs[i]), tt[jj]) for i in range(m_)),
            -Q(1, m_) * sum(Yd[i] * sp.diff(hs[i], tt[jj]) / hs[i] + (1 - Yd[i]) * sp.diff(1 - hs[i], tt[jj]) / (1 - hs[i]) for i in range(m_)),
            -Q(1, m_) * sum(Yd[i] * dH[i] / hs[i] - (1 - Yd[i]) * dH[i] / (1 - hs[i]) for i in range(m_)),
            -Q(1, m_) * sum(Yd[i] * (1 - hs[i]) * Xd[i, jj] - (1 - Yd[i]) * hs[i] * Xd[i, jj] for i in range(m_)),
            -Q(1, m_) * sum((Yd[i] - Yd[i] * hs[i] + (1 if wrong else -1) * hs[i] + Yd[i] * hs[i]) * Xd[i, jj] for i in range(m_)),
            -Q(1, m_) * sum((Yd[i] - hs[i]) * Xd[i, jj] for i in range(m_)),
            Q(1, m_) * sum((hs[i] - Yd[i]) * Xd[i, jj] for i in range(m_))]
    for k, r in enumerate(rows, 1):
        exp_k = not (wrong and k == 6)
        chk(f, 'dJ r%d%s' % (k + 10, ' INJECTED' if wrong and k == 6 else ''), g, r, exp_k)
    if wrong:
        chk(f, 'dJ r17 vs literal injected row', rows[5], rows[6], False)
    Hv = sp.Matrix(hs); Yv = sp.Matrix(Yd)
    chk(f, 'vectorized r19', sp.Matrix([sp.diff(Jlog, v) for v in tt]), Q(1, m_) * Xd.T * (Hv - Yv))

# ---- v12: wyq136 (y, x for y^i, x^i)
f = 'v12'
gp = sp.diff(sig(z), z)
for lab, r in (('g r1', sp.diff(1 / (1 + exp(-z)), z)), ('g r2', 1 / (1 + exp(-z))**2 * exp(-z)),
               ('g r3', 1 / (1 + exp(-z)) * (1 - 1 / (1 + exp(-z)))), ('g r4', sig(z) * (1 - sig(z)))):
    chk(f, lab, gp, r)
jj = 0
g = sp.diff(Jlog, tt[jj])
dz_ = [Xd[i, jj] for i in range(m_)]
chk(f, "J' r5", g, -Q(1, m_) * sum(sp.diff(Yd[i] * log(hs[i]) + (1 - Yd[i]) * log(1 - hs[i]), tt[jj]) for i in range(m_)))
chk(f, "J' r6", g, -Q(1, m_) * sum((Yd[i] / hs[i] - (1 - Yd[i]) / (1 - hs[i])) * sp.diff(sig(zs[i]), tt[jj]) for i in range(m_)))
chk(f, "J' r7", g, -Q(1, m_) * sum((Yd[i] / hs[i] - (1 - Yd[i]) / (1 - hs[i])) * hs[i] * (1 - hs[i]) * dz_[i] for i in range(m_)))
chk(f, "J' r8", g, -Q(1, m_) * sum((Yd[i] * (1 - hs[i]) - (1 - Yd[i]) * hs[i]) * dz_[i] for i in range(m_)))
chk(f, "J' r9", g, Q(1, m_) * sum((hs[i] - Yd[i]) * dz_[i] for i in range(m_)))

# ---- v13: likelihood, log-likelihood, gradient (\delta = partial)
hh, yy = sp.symbols('hh yy', positive=True)
for f, wrong in (('v13', False), ('v13.wrong', True)):
  for yv_ in (0, 1):
      chk(f, 'r1 P(y|x) at y=%d' % yv_, hh**yv_ * (1 - hh)**(1 - yv_), hh if yv_ == 1 else 1 - hh)
  Lik = sp.Mul(*[hs[i]**Yd[i] * (1 - hs[i])**(1 - Yd[i]) for i in range(m_)])
  chk(f, 'r2 L = prod', Lik, sp.Mul(*[hs[i]**Yd[i] * (1 - hs[i])**(1 - Yd[i]) for i in range(m_)]))
  lfun = sum(Yd[i] * log(hs[i]) + (1 - Yd[i]) * log(1 - hs[i]) for i in range(m_))
  chk(f, 'r3 log L = sum', sp.expand_log(log(Lik), force=True), lfun)
  chk(f, "r4 g' = g(1-g)", sp.diff(sig(z), z), sig(z) * (1 - sig(z)))
  Jl = -Q(1, m_) * lfun
  jj = 1
  g = sp.diff(Jl, tt[jj])
  dh = [sp.diff(hs[i], tt[jj]) for i in range(m_)]
  rows = [-Q(1, m_) * sum(Yd[i] / hs[i] * dh[i] - (1 - Yd[i]) / (1 - hs[i]) * dh[i] for i in range(m_)),
          -Q(1, m_) * sum((Yd[i] / hs[i] - (1 - Yd[i]) / (1 - hs[i])) * sp.diff(sig(zs[i]), tt[jj]) for i in range(m_)),
          -Q(1, m_) * sum((Yd[i] / hs[i] - (1 - Yd[i]) / (1 - hs[i])) * hs[i] * (1 - hs[i]) * sp.diff(zs[i], tt[jj]) for i in range(m_)),
          -Q(1, m_) * sum((Yd[i] * (1 - hs[i]) + (1 if wrong else -1) * (1 - Yd[i]) * hs[i]) * Xd[i, jj] for i in range(m_)),
          -Q(1, m_) * sum((Yd[i] - hs[i]) * Xd[i, jj] for i in range(m_)),
          Q(1, m_) * sum((hs[i] - Yd[i]) * Xd[i, jj] for i in range(m_))]
  for k, r in enumerate(rows, 5):
      chk(f, 'dJ r%d%s' % (k, ' INJECTED' if wrong and k == 8 else ''), g, r, not (wrong and k == 8))
  if wrong:
      chk(f, 'dJ r9 vs literal injected row', rows[3], rows[4], False)
  al = sp.Symbol('alpha')
  chk(f, 'r11 update rule (right-hand sides)', tt[jj] - al * g, tt[jj] - al * Q(1, m_) * sum((hs[i] - Yd[i]) * Xd[i, jj] for i in range(m_)))

# regression data: n = 3
n_ = 3
xs = sp.symbols('xa0:3'); ys = sp.symbols('ya0:3')
w, b = sp.symbols('w b')

# ---- v14: GENUINE sign lost (loss = sum of squares, w and b chains)
f = 'v14'
yhat = [w * xs[i] + b for i in range(n_)]
loss = sum((ys[i] - yhat[i])**2 for i in range(n_))
chk(f, 'loss r0 (def, two forms)', sum((ys[i] - yhat[i])**2 for i in range(n_)), sum((ys[i] - (w * xs[i] + b))**2 for i in range(n_)))
x1, y1 = xs[0], ys[0]
lp = (y1 - (w * x1 + b))**2
for var, lab, inner_written, fac_true in ((w, 'w', w * x1, -x1), (b, 'b', b, -1)):
    dl = sp.diff(lp, var)
    r1 = 2 * (y1 - (w * x1 + b))**(2 - 1) * sp.diff(y1 - (w * x1 + b), var)
    r2 = 2 * (y1 - (w * x1 + b)) * sp.diff(inner_written, var)
    r3 = 2 * (y1 - (w * x1 + b)) * sp.diff(inner_written, var)
    chk(f, lab + ' r1', dl, r1)
    chk(f, lab + ' r2 (GENUINE: sign lost)', dl, r2, False)
    chk(f, lab + ' r2 intended', dl, 2 * (y1 - (w * x1 + b)) * fac_true)
    chk(f, lab + ' r3 vs literal r2', r2, r3)
    chk(f, lab + ' r3 vs truth', dl, r3, False)
    r4 = 2 * (x1 if var == w else 1) * (y1 - (w * x1 + b))
    chk(f, lab + ' r4 vs r3', r3, r4)
    dL = sp.diff(loss, var)
    r5 = sum(2 * (xs[i] if var == w else 1) * (ys[i] - (w * xs[i] + b)) for i in range(n_))
    chk(f, lab + ' r5 (sum, wrong sign)', dL, r5, False)
    chk(f, lab + ' r6 vs r5', r5, sum(2 * (xs[i] if var == w else 1) * (ys[i] - yhat[i]) for i in range(n_)))
    chk(f, lab + ' true sum', dL, -r5)

# ---- v15: GENUINE -(N/2) for -(2/N) (Korean MLCC example)
f = 'v15'
xd = [Q(35, 10), Q(369, 100), Q(344, 100), Q(343, 100), Q(434, 100), Q(442, 100), Q(237, 100)]
yd = [18, 15, 18, 16, 15, 14, 24]
Nn = len(xd)
loss0 = sp.Rational(sum((yv_ - 0)**2 for yv_ in yd), Nn)
chk(f, 'r1 Loss at w=b=0', sum((yv_ - (0 * xv + 0))**2 for xv, yv_ in zip(xd, yd)) / sp.Integer(Nn), sp.Rational(sum(v**2 for v in yd), 7))
check_round(f, 'r2 = 303.71 (rounded)', loss0, 303.71, 0.01)
wk, bk = sp.symbols('wk bk')
Lmse = sum((yv_ - (wk * xv + bk))**2 for xv, yv_ in zip(xd, yd)) / Nn
gw = sp.diff(Lmse, wk); gb = sp.diff(Lmse, bk)
chk(f, 'r3 (GENUINE: -N/2)', gw, -sp.Rational(Nn, 2) * sum((yv_ - (wk * xv + bk)) * xv for xv, yv_ in zip(xd, yd)), False)
chk(f, 'r4 (bias, -N/2)', gb, -sp.Rational(Nn, 2) * sum((yv_ - (wk * xv + bk)) for xv, yv_ in zip(xd, yd)), False)
chk(f, 'r3 intended -2/N', gw, -sp.Rational(2, Nn) * sum((yv_ - (wk * xv + bk)) * xv for xv, yv_ in zip(xd, yd)))
check_round(f, 'quoted weight slope -119.7 = true gradient at 0', gw.subs({wk: 0, bk: 0}), -119.7, 0.1)
check_round(f, 'quoted bias slope -34.3 = true gradient at 0', gb.subs({wk: 0, bk: 0}), -34.3, 0.1)
check_round(f, 'written -N/2 formula does not give -119.7', (-sp.Rational(Nn, 2) * sum(yv_ * xv for xv, yv_ in zip(xd, yd))), -119.7, 0.1, False)
chk(f, 'r5 update = 0 - 0.01 x (-119.7)', 0 - Q(1, 100) * (-Q(1197, 10)), 0 - Q(1, 100) * (-Q(1197, 10)))
check_round(f, 'r6 = 1.2 (rounded)', 0 - 0.01 * (-119.7), 1.2, 0.1)
N_ = sp.Symbol('N', positive=True)
yhat3 = [w * xs[i] + b for i in range(n_)]
L3 = Q(1, n_) * sum((ys[i] - yhat3[i])**2 for i in range(n_))
chk(f, 'r7 L two forms', Q(1, n_) * sum((ys[i] - yhat3[i])**2 for i in range(n_)), Q(1, n_) * sum((ys[i] - (w * xs[i] + b))**2 for i in range(n_)))
for var, lab, du in ((w, 'w', -x1), (b, 'b', -1)):
    dL = sp.diff(L3, var)
    u = y1 - w * x1 - b
    chk(f, lab + ' r1 d/d(.) of L', dL, sp.diff(Q(1, n_) * sum((ys[i] - (w * xs[i] + b))**2 for i in range(n_)), var))
    chk(f, lab + ' r2 sum of derivatives', dL, Q(1, n_) * sum(sp.diff((ys[i] - (w * xs[i] + b))**2, var) for i in range(n_)))
    chk(f, lab + ' r3 d(u^2) = 2u du', sp.diff(u**2, var), 2 * u * sp.diff(u, var))
    chk(f, lab + ' r4 du', sp.diff(u, var), sp.diff(y1 - w * x1 - b, var))
    chk(f, lab + ' r5 du value', sp.diff(u, var), du)
    chk(f, lab + ' r6 one term', sp.diff((y1 - (w * x1 + b))**2, var), 2 * (y1 - (w * x1 + b)) * du)
    facs = [(-xs[i] if var == w else -1) for i in range(n_)]
    chk(f, lab + ' r7 back in the sum', dL, Q(1, n_) * sum(2 * (ys[i] - (w * xs[i] + b)) * facs[i] for i in range(n_)))
    chk(f, lab + ' r8 final -2/N', dL, -Q(2, n_) * sum((ys[i] - (w * xs[i] + b)) * (xs[i] if var == w else 1) for i in range(n_)))

# ---- v16: GENUINE normal equations (sign lost in dJ/dw_1, sign slip in the w_1 row); n = 3
f = 'v16'
w0, w1 = sp.symbols('w0 w1')
Jn = sum((ys[i] - (w0 + w1 * xs[i]))**2 for i in range(n_))
Sx, Sy, Sxy, Sxx = sum(xs), sum(ys), sum(xs[i] * ys[i] for i in range(n_)), sum(v**2 for v in xs)
d0 = sp.diff(Jn, w0)
chk(f, 'w0 r1', d0, sp.diff(sum((ys[i] - (w0 + w1 * xs[i]))**2 for i in range(n_)), w0))
chk(f, 'w0 r2', d0, sum(sp.diff((ys[i] - (w0 + w1 * xs[i]))**2, w0) for i in range(n_)))
chk(f, 'w0 r3', d0, sum(2 * (ys[i] - (w0 + w1 * xs[i])) * sp.diff(ys[i] - (w0 + w1 * xs[i]), w0) for i in range(n_)))
chk(f, 'w0 r4', d0, sum(2 * (ys[i] - (w0 + w1 * xs[i])) * (-1) for i in range(n_)))
chk(f, 'w0 r5', d0, sum(2 * (w0 + w1 * xs[i] - ys[i]) for i in range(n_)))
E1 = sum(2 * (w0 + w1 * xs[i] - ys[i]) for i in range(n_))
E2 = n_ * w0 + w1 * Sx - Sy
w0sol = (Sy - w1 * Sx) / n_
chk(f, 'r6 eq row 2 equivalent (E1 = 2 E2)', E1, 2 * E2)
chk(f, 'r7 eq row 3: w0 solves row 2', sp.solve(E2, w0)[0], w0sol)
d1 = sp.diff(Jn, w1)
chk(f, 'w1 r8', d1, sp.diff(sum((ys[i] - (w0 + w1 * xs[i]))**2 for i in range(n_)), w1))
chk(f, 'w1 r9', d1, sum(sp.diff((ys[i] - (w0 + w1 * xs[i]))**2, w1) for i in range(n_)))
chk(f, 'w1 r10', d1, sum(2 * (ys[i] - (w0 + w1 * xs[i])) * sp.diff(ys[i] - (w0 + w1 * xs[i]), w1) for i in range(n_)))
r11 = sum(2 * (ys[i] - (w0 + w1 * xs[i])) * xs[i] for i in range(n_))
chk(f, 'w1 r11 (GENUINE: (x_i) for (-x_i))', d1, r11, False)
chk(f, 'w1 r11 intended (-x_i)', d1, -r11)
E3 = Sxy - w0 * Sx - w1 * Sxx
chk(f, 'r12 eq: sum 2(..)x_i = 0 equivalent to row 2 (factor 2)', r11, 2 * E3)
E4 = Sxy - ((Sy - w1 * Sx) / n_) * Sx - w1 * Sxx
chk(f, 'r13 substitution of w0', E3.subs(w0, w0sol), E4)
E5 = Sxy - (Sx * Sy / n_) + w1 * (Sx**2 / n_) - w1 * Sxx
chk(f, 'r14 expanded', E4, E5)
w1true = sp.solve(E5, w1)[0]
w1row15 = (n_ * Sxy - Sx * Sy) / (Sx**2 - n_ * Sxx)
chk(f, 'r15 (second slip: right side sign)', w1true, w1row15, False)
w1final = (n_ * Sxy - Sx * Sy) / (n_ * Sxx - Sx**2)
chk(f, 'r16 final w1 vs truth', w1true, w1final)
chk(f, 'r16 vs literal row 15', w1row15, w1final, False)
chk(f, 'true minimiser check (dJ/dw0 = dJ/dw1 = 0)', sp.Matrix([d0, d1]).subs({w1: w1final, w0: (Sy - w1final * Sx) / n_}), sp.zeros(2, 1))

# ---- v17: GENUINE sigma'(z^L) in BP2a; 2-2-2 net, L = l + 1
f = 'v17'
zl = sp.Matrix(sp.symbols('zl0:2'))
Wn = sp.Matrix([[Q(3, 10), Q(-7, 10)], [Q(9, 10), Q(1, 5)]])
bn = sp.Matrix([Q(1, 10), Q(-3, 10)]); yt = sp.Matrix([Q(1, 4), Q(2, 3)])
dsig = lambda u: sig(u) * (1 - sig(u))
zn = Wn * zl.applyfunc(sig) + bn          # z^{l+1} = z^L
aL = zn.applyfunc(sig)
Cc = Q(1, 2) * ((aL - yt).T * (aL - yt))[0]
zL = sp.Matrix(sp.symbols('zL0:2'))
CL = Q(1, 2) * ((zL.applyfunc(sig) - yt).T * (zL.applyfunc(sig) - yt))[0]
dnext = sp.Matrix([sp.diff(CL, u) for u in zL]).subs(dict(zip(zL, zn)))   # delta^{l+1}
dl = sp.Matrix([sp.diff(Cc, u) for u in zl])                                 # delta^l
for j in range(2):
    tag = ' j=%d' % j
    chk(f, 'r1-2 chain' + tag, dl[j], sum(dnext[k] * sp.diff(zn[k], zl[j]) for k in range(2)))
    chk(f, 'r3' + tag, dl[j], sum(dnext[k] * sp.diff(zn[k], zl[j]) for k in range(2)))
    for k in range(2):
        chk(f, 'r4-5 z_k^{l+1} k=%d' % k, zn[k], sum(Wn[k, jj] * sig(zl[jj]) for jj in range(2)) + bn[k])
        chk(f, 'r6 dz_k/dz_j k=%d' % k + tag, sp.diff(zn[k], zl[j]), Wn[k, j] * dsig(zl[j]))
    chk(f, 'r7 BP2' + tag, dl[j], sum(Wn[k, j] * dnext[k] * dsig(zl[j]) for k in range(2)))
chk(f, 'r8 delta^l = [delta_j^l]', dl, sp.Matrix([dl[0], dl[1]]))
wrongcol = (Wn.T * dnext).multiply_elementwise(zn.applyfunc(dsig))          # sigma'(z^L)
rightcol = (Wn.T * dnext).multiply_elementwise(zl.applyfunc(dsig))          # sigma'(z^l)
chk(f, 'r9 (GENUINE: sigma\'(z^L))', dl, wrongcol, False)
chk(f, 'r9 intended sigma\'(z^l)', dl, rightcol)
chk(f, 'r10 vs truth', dl, rightcol)
chk(f, 'r10 vs literal r9', wrongcol, rightcol, False)

# ---- v18: GENUINE loss mistyped in da^{[2]}; scalar 1-1-1 network
f = 'v18'
a2, yv, zz2, zz1, W2, W1, b2, b1, Xs, a1 = sp.symbols('a2 yv zz2 zz1 W2 W1 b2 b1 Xs a1')
Lf = -yv * log(a2) - (1 - yv) * log(1 - a2)
chk(f, 'note L(a,1)', Lf.subs(yv, 1), -log(a2))
chk(f, 'note L(a,0)', Lf.subs(yv, 0), -log(1 - a2))
da = sp.diff(Lf, a2)
written = -yv * log(a2) - 1 * (1 - yv * log(1 - a2))
chk(f, 'da r1 (def)', da, sp.diff(Lf, a2))
chk(f, 'da r2 (GENUINE: not L)', da, sp.diff(written, a2), False)
chk(f, 'da r3 boxed vs truth', da, -yv / a2 + (1 - yv) / (1 - a2))
chk(f, 'da r3 boxed vs literal r2', sp.diff(written, a2), -yv / a2 + (1 - yv) / (1 - a2), False)
# full scalar net
Z1 = W1 * Xs + b1; A1 = sig(Z1); Z2 = W2 * A1 + b2; A2 = sig(Z2)
Lnet = (-yv * log(a2) - (1 - yv) * log(1 - a2)).subs(a2, A2)
La = -yv * log(a2) - (1 - yv) * log(1 - a2)
dz2 = sp.diff(La.subs(a2, sig(zz2)), zz2)
chk(f, 'dz2 r4', dz2, (sp.diff(La, a2) * sp.diff(sig(zz2), zz2)).subs(a2, sig(zz2)))
chk(f, 'dz2 r5', dz2, ((-yv / a2 + (1 - yv) / (1 - a2)) * sp.diff(sig(zz2), zz2)).subs(a2, sig(zz2)))
chk(f, 'dz2 r6', dz2, (((-yv * (1 - a2) + (1 - yv) * a2) / (a2 * (1 - a2))) * (a2 * (1 - a2))).subs(a2, sig(zz2)))
chk(f, 'dz2 r7', dz2, (-yv + yv * a2 + a2 - yv * a2).subs(a2, sig(zz2)))
chk(f, 'dz2 r8', dz2, (a2 - yv).subs(a2, sig(zz2)))
dZ2 = A2 - yv
chk(f, 'dW2 r9', sp.diff(Lnet, W2), dZ2 * sp.diff(Z2, W2))
chk(f, 'dW2 r10', sp.diff(Lnet, W2), dZ2 * A1)
chk(f, 'dW2 r11 literal dz^{2} (squared)', sp.diff(Lnet, W2), dZ2**2 * A1, False)
chk(f, 'dW2 r11 intended dz^{[2]}', sp.diff(Lnet, W2), dZ2 * A1)
chk(f, 'dW2 r12', dZ2 * A1, (A2 - yv) * A1)
chk(f, 'db2 r13', sp.diff(Lnet, b2), dZ2 * sp.diff(Z2, b2))
chk(f, 'db2 r14', sp.diff(Lnet, b2), dZ2 * 1)
chk(f, 'db2 r15 literal dz^{2} (squared)', sp.diff(Lnet, b2), dZ2**2, False)
chk(f, 'db2 r15 intended', sp.diff(Lnet, b2), dZ2)
chk(f, 'db2 r16', dZ2, A2 - yv)
A1s = sp.Symbol('A1s')
Lnet_a1 = (-yv * log(a2) - (1 - yv) * log(1 - a2)).subs(a2, sig(W2 * A1s + b2))
da1 = sp.diff(Lnet_a1, A1s).subs(A1s, A1)
chk(f, 'da1 r17', da1, dZ2 * sp.diff(W2 * A1s + b2, A1s))
chk(f, 'da1 r18', da1, dZ2 * W2)
chk(f, 'da1 r19', da1, dZ2 * W2)
chk(f, 'da1 r20', da1, (A2 - yv) * W2)
Z1s = sp.Symbol('Z1s')
Lnet_z1 = (-yv * log(a2) - (1 - yv) * log(1 - a2)).subs(a2, sig(W2 * sig(Z1s) + b2))
dz1 = sp.diff(Lnet_z1, Z1s).subs(Z1s, Z1)
chk(f, 'dz1 r21', dz1, da1 * sp.diff(sig(Z1s), Z1s).subs(Z1s, Z1))
chk(f, 'dz1 r22', dz1, (dZ2 * W2) * sp.diff(sig(Z1s), Z1s).subs(Z1s, Z1))
chk(f, 'dz1 r23', dz1, (dZ2 * W2) * sig(Z1) * (1 - sig(Z1)))
chk(f, 'dz1 r24', dz1, ((A2 - yv) * W2) * (sig(Z1) * (1 - sig(Z1))))
chk(f, 'dW1 r25', sp.diff(Lnet, W1), dz1 * sp.diff(Z1, W1))
chk(f, 'dW1 r26', sp.diff(Lnet, W1), dz1 * Xs)
chk(f, 'dW1 r27', sp.diff(Lnet, W1), dz1 * Xs)
chk(f, 'dW1 r28', sp.diff(Lnet, W1), (((A2 - yv) * W2) * (sig(Z1) * (1 - sig(Z1)))) * Xs)
chk(f, 'db1 r29', sp.diff(Lnet, b1), dz1 * sp.diff(Z1, b1))
chk(f, 'db1 r30', sp.diff(Lnet, b1), dz1)
chk(f, 'db1 r31', sp.diff(Lnet, b1), dz1)
chk(f, 'db1 r32', sp.diff(Lnet, b1), (dZ2 * W2) * sig(Z1) * (1 - sig(Z1)))
chk(f, 'db1 r33', sp.diff(Lnet, b1), ((A2 - yv) * W2) * (sig(Z1) * (1 - sig(Z1))))

# ---- v19 (+ wrong): Neural Smithing 5.2; nodes 1-2 input, 3-4 hidden, 5-6 output, f = tanh, 2 patterns
ws = {(i, j): sp.Symbol('w%d%d' % (i, j)) for i in (3, 4) for j in (1, 2)}
ws.update({(i, j): sp.Symbol('w%d%d' % (i, j)) for i in (5, 6) for j in (3, 4)})
fa = tanh
fp = lambda u: 1 - tanh(u)**2
inp = [(Q(1, 2), Q(-3, 10)), (Q(2, 5), Q(7, 10))]
tgt = [(Q(1, 5), Q(-1, 2)), (Q(3, 5), Q(1, 10))]
vals = {s_: sp.Rational(random.choice([-9, -7, -5, -3, -2, 2, 3, 4, 6, 8]), 10) for s_ in ws.values()}  # nonzero weights


def forward(p, subst_a=None):
    y = {1: inp[p][0], 2: inp[p][1]}
    a = {}
    for i in (3, 4, 5, 6):
        a[i] = sum(ws[(i, j)] * y[j] for j in ((1, 2) if i < 5 else (3, 4)))
        if subst_a and i in subst_a:
            a[i] = subst_a[i]
        y[i] = fa(a[i])
    return a, y


def Ep(p, subst_a=None):
    a, y = forward(p, subst_a)
    return Q(1, 2) * ((tgt[p][0] - y[5])**2 + (tgt[p][1] - y[6])**2)


A = {i: sp.Symbol('A%d' % i) for i in (3, 4, 5, 6)}
for f, wrong in (('v19', False), ('v19.wrong', True)):
    Etot = Ep(0) + Ep(1)
    for wij in ((3, 1), (5, 4)):
        chk(f, 'r1 dE/dw%d%d = sum_p' % wij, sp.diff(Etot, ws[wij]).subs(vals), (sp.diff(Ep(0), ws[wij]) + sp.diff(Ep(1), ws[wij])).subs(vals))
    p = 0
    a0, y0 = forward(p)
    EA = Ep(p, {5: A[5], 6: A[6]})
    for wij in ((3, 1), (5, 4)):
        lhs = sp.diff(Ep(p), ws[wij]).subs(vals)
        rhs = sum(sp.diff(EA, A[k]).subs({A[5]: a0[5], A[6]: a0[6]}) * sp.diff(a0[k], ws[wij]) for k in (5, 6)).subs(vals)
        chk(f, 'r2 dE_p/dw%d%d = SUM_k(out)' % wij, lhs, rhs)
    # deltas
    dout = {k: sp.diff(EA, A[k]).subs({A[5]: a0[5], A[6]: a0[6]}) for k in (5, 6)}
    Ys = sp.Symbol('Ys')
    for k in (5, 6):
        dEdy = sp.diff(Q(1, 2) * (tgt[p][k - 5] - Ys)**2, Ys).subs(Ys, y0[k])
        chk(f, 'r3-4 delta_%d = dE/dy dy/da' % k, dout[k].subs(vals), (dEdy * fp(a0[k])).subs(vals))
        chk(f, 'r5 delta_%d = -(d - y) f\'' % k, dout[k].subs(vals), (-(tgt[p][k - 5] - y0[k]) * fp(a0[k])).subs(vals))
    EH = Ep(p, {3: A[3], 4: A[4]})
    for i in (3, 4):
        dhid = sp.diff(EH, A[i]).subs({A[3]: a0[3], A[4]: a0[4]})
        # a_k as function of a_i (hidden)
        ak_of_ai = {k: sum(ws[(k, j)] * fa(A[j]) for j in (3, 4)) for k in (5, 6)}
        dak = {k: sp.diff(ak_of_ai[k], A[i]).subs({A[3]: a0[3], A[4]: a0[4]}) for k in (5, 6)}
        chk(f, 'r6-7 delta_%d = SUM_k dE/da_k da_k/da_i' % i, dhid.subs(vals), sum(dout[k] * dak[k] for k in (5, 6)).subs(vals))
        chk(f, 'r8 delta_%d = SUM_k delta_k da_k/da_i' % i, dhid.subs(vals), sum(dout[k] * dak[k] for k in (5, 6)).subs(vals))
        for k in (5, 6):
            r9 = (fp(a0[k]) if wrong else fp(a0[i])) * ws[(k, i)]
            chk(f, 'r9 da_%d/da_%d%s' % (k, i, ' INJECTED' if wrong else ''), dak[k].subs(vals), r9.subs(vals), not wrong)
        r10 = fp(a0[i]) * sum(ws[(k, i)] * dout[k] for k in (5, 6))
        chk(f, 'r10 delta_%d = f\'_i SUM w_ki delta_k' % i, dhid.subs(vals), r10.subs(vals))
        if wrong:
            chk(f, 'r10 vs the injected factor (f\'_k)', sum(dout[k] * fp(a0[k]) * ws[(k, i)] for k in (5, 6)).subs(vals), r10.subs(vals), False)
        chk(f, 'r12 summary hidden delta_%d' % i, dhid.subs(vals), r10.subs(vals))
        for j in (1, 2):
            chk(f, 'r13 dE_p/dw_%d%d = delta_i y_j' % (i, j), sp.diff(Ep(p), ws[(i, j)]).subs(vals), (dhid * y0[j]).subs(vals))
    for k in (5, 6):
        chk(f, 'r11 summary output delta_%d' % k, dout[k].subs(vals), (-(tgt[p][k - 5] - y0[k]) * fp(a0[k])).subs(vals))
        chk(f, 'r13 dE_p/dw_%d3 = delta_k y_3' % k, sp.diff(Ep(p), ws[(k, 3)]).subs(vals), (dout[k] * y0[3]).subs(vals))

# ---- v20 (+ wrong): gradient and Hessian of x1^2 + e^{x1 x2} + 2 log x2
x1_, x2_ = sp.symbols('x1_ x2_', positive=True)
fx = x1_**2 + exp(x1_ * x2_) + 2 * log(x2_)
e_ = exp(x1_ * x2_)
for f, wrong in (('v20', False), ('v20.wrong', True)):
    grad = sp.Matrix([sp.diff(fx, x1_), sp.diff(fx, x2_)])
    chk(f, 'r1 named partials', grad, sp.Matrix([sp.diff(fx, x1_), sp.diff(fx, x2_)]))
    chk(f, 'r2 gradient', grad, sp.Matrix([2 * x1_ + x2_ * e_, x1_ * e_ + 2 / x2_]))
    Hs = sp.hessian(fx, (x1_, x2_))
    chk(f, 'r3 named second partials', Hs, sp.Matrix([[sp.diff(fx, x1_, 2), sp.diff(fx, x1_, x2_)], [sp.diff(fx, x2_, x1_), sp.diff(fx, x2_, 2)]]))
    Hw = sp.Matrix([[2 + x2_**2 * e_, e_ + x1_ * x2_ * e_], [e_ + x1_ * x2_ * e_, x1_**2 * e_ + (2 if wrong else -2) / x2_**2]])
    chk(f, 'r4 Hessian' + (' INJECTED' if wrong else ''), Hs, Hw, not wrong)
    Jg = grad.jacobian([x1_, x2_])
    chk(f, 'r5 Jacobian of gradient (named)', Jg, sp.Matrix([[sp.diff(grad[0], x1_), sp.diff(grad[0], x2_)], [sp.diff(grad[1], x1_), sp.diff(grad[1], x2_)]]))
    Hr = sp.Matrix([[2 + x2_**2 * e_, e_ + x1_ * x2_ * e_], [e_ + x1_ * x2_ * e_, x1_**2 * e_ - 2 / x2_**2]])
    chk(f, 'r6 Jacobian values', Jg, Hr)
    chk(f, 'r7 = Hessian', Hr, Hs)

good = sum(1 for r in RES if r[2])
print('relations that held: %(simplified)d proved by simplify, %(numeric-only)d by numeric spot checks only' % SYM)
print('files covered: %d' % len({r[0] for r in RES}))
print('%d / %d checks' % (good, len(RES)))
