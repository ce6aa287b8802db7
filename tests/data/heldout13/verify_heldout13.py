"""Hand-transcribed SymPy checks for heldout13 (every scoped relation of each file, original and .wrong copy).

Each check is (file, label, lhs, rhs, expected) with expected True (the relation holds) or False (it is the
wrong step).  A relation holds when it agrees at 6 random points (mpmath) and, where the expression is small
enough, simplify(lhs - rhs) == 0; matrices are compared entry by entry.  Index chains are instantiated with
3 samples / 3 classes / 2-2-2 networks.  Run: python3 verify_heldout13.py  (prints DISAGREES for any check that
does not match the verdict, then the summary).  Imports sympy only.
"""
import random
import signal
import sympy as sp
from sympy import exp, log, tanh, sinh, cosh, sin, Matrix, Rational as Q

random.seed(13)


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


import time
_T0 = time.time()
_LAST = [None]


def chk(f, label, lhs, rhs, expected=True):
    if _LAST[0] != f:
        import sys
        print('... %s at %.0fs' % (f, time.time() - _T0), file=sys.stderr, flush=True)
        _LAST[0] = f
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
E = exp

# ---- x01 (+wrong): German answer sheet, sigmoid derivative
for f, wrong in (('x01', False), ('x01.wrong', True)):
    fx = 1 / (1 + E(-x)); d = sp.diff(fx, x)
    chk(f, 'r1', d, -sp.diff(1 + E(-x), x) / (1 + E(-x))**2)
    r2 = -(0 - E(-x)) / (1 + E(-x))**2
    chk(f, 'r2', d, r2)
    r3 = E(-x) / (1 + E(-x))**(3 if wrong else 2)
    chk(f, 'r3' + (' INJECTED' if wrong else ''), d, r3, not wrong)
    chk(f, 'r3 vs literal r2', r2, r3, not wrong)
    r4 = E(2 * x) * E(-x) / (E(2 * x) * (1 + E(-x))**2)
    chk(f, 'r4 vs truth', d, r4)
    chk(f, 'r4 vs literal r3', r3, r4, not wrong)
    chk(f, 'r5', d, E(2 * x - x) / ((E(x))**2 * (1 + E(-x))**2))
    chk(f, 'r6', d, E(x) / (E(x) * (1 + E(-x)))**2)
    chk(f, 'r7', d, E(x) / (E(x) + 1)**2)

# ---- x02: GENUINE sign slip (e^{-x}) for (-e^{-x})
f = 'x02'
s = sig(x); d = sp.diff(s, x)
r1 = -1 / (1 + E(-x))**2 * (E(-x))
chk(f, 'r1 (GENUINE: -1/(1+e^-x)^2 (e^-x))', d, r1, False)
chk(f, 'r1 intended -1/(1+e^-x)^2 (-e^-x)', d, -1 / (1 + E(-x))**2 * (-E(-x)))
r2 = -E(-x) / (1 + E(-x))**2
chk(f, 'r2 vs truth (repeats the wrong value)', d, r2, False)
chk(f, 'r2 vs literal r1', r1, r2)
r3 = (1 + E(-x) - 1) / (1 + E(-x))**2
chk(f, 'r3 vs truth', d, r3)
chk(f, 'r3 vs literal r2', r2, r3, False)
chk(f, 'r4', d, s * (1 - s))
zz, yy = sp.symbols('zz yy', real=True)
chk(f, 'r5 df/dz, f = sigma(z) - y', sp.diff(sig(zz) - yy, zz), sig(zz) * (1 - sig(zz)))

# ---- x03 (+wrong): CS224n answer
for f, wrong in (('x03', False), ('x03.wrong', True)):
    s = sig(x); d = sp.diff(s, x)
    chk(f, 'r1 prompt', 1 / (1 + E(-x)), E(x) / (E(x) + 1))
    chk(f, 'r2', d, E(-x) / (1 + E(-x))**2)
    r3 = (1 + E(-x) - 1) / (1 + E(-x))**2
    chk(f, 'r3', d, r3)
    r4 = 1 / (1 + E(-x)) - 1 / (1 + E(-x))**(3 if wrong else 2)
    chk(f, 'r4' + (' INJECTED' if wrong else ''), d, r4, not wrong)
    chk(f, 'r4 vs literal r3', r3, r4, not wrong)
    r5 = 1 / (1 + E(-x)) * (1 - 1 / (1 + E(-x)))
    chk(f, 'r5 vs truth', d, r5)
    chk(f, 'r5 vs literal r4', r4, r5, not wrong)
    chk(f, 'r6', d, s * (1 - s))

# ---- x04 (+wrong): Caffe notes
for f, wrong in (('x04', False), ('x04.wrong', True)):
    s = sig(x); d = sp.diff(s, x)
    r1 = E(-x) / (1 + E(-x))**2
    chk(f, 'r1', d, r1)
    r2 = (1 + E(-x) + (1 if wrong else -1)) / (1 + E(-x))**2
    chk(f, 'r2' + (' INJECTED' if wrong else ''), d, r2, not wrong)
    chk(f, 'r2 vs literal r1', r1, r2, not wrong)
    r3 = 1 / (1 + E(-x)) - 1 / (1 + E(-x))**2
    chk(f, 'r3 vs truth', d, r3)
    chk(f, 'r3 vs literal r2', r2, r3, not wrong)
    chk(f, 'r4', d, s - s**2)
    chk(f, 'r5', d, s * (1 - s))

# ---- x05: GENUINE Sigmoid(1)
f = 'x05'
s = sig(x); d = sp.diff(s, x)
r1 = E(-x) / (1 + E(-x))**2
chk(f, 'r1', d, r1)
chk(f, 'r2 (GENUINE: Sigmoid(1)(1-Sigmoid(x)))', d, sig(1) * (1 - s), False)
chk(f, 'r2 vs literal r1', r1, sig(1) * (1 - s), False)
chk(f, 'r2 intended Sigmoid(x)(1-Sigmoid(x))', r1, s * (1 - s))
chk(f, 'r3', tanh(x), (1 - E(-2 * x)) / (1 + E(-2 * x)))
chk(f, 'r4', (1 - E(-2 * x)) / (1 + E(-2 * x)), 2 * sig(2 * x) - 1)
chk(f, 'r5', sp.diff(tanh(x), x), 1 - tanh(x)**2)

# ---- x06 (+wrong): single sigmoid neuron, E = 1/2 (y - ybar)^2, x = sum w_i x_i (3 inputs)
for f, wrong in (('x06', False), ('x06.wrong', True)):
    ws = sp.symbols('w1:4', real=True); xs = sp.symbols('x1:4', real=True); yb, eta = sp.symbols('ybar eta', real=True)
    X = sum(w * xi for w, xi in zip(ws, xs)); Y = sig(X); Ef = Q(1, 2) * (Y - yb)**2
    Ysym, Xsym = sp.symbols('Ysym Xsym', real=True)
    chk(f, 'r1 phi\'', sp.diff(sig(x), x), sig(x) * (1 - sig(x)))
    chk(f, 'r2 psi\'', sp.diff(tanh(x), x), 1 - tanh(x)**2)
    chk(f, 'r3 phi = (1 + psi(x/2))/2', sig(x), (1 + tanh(x / 2)) / 2)
    dEdw = sp.diff(Ef, ws[0])
    dEdy = sp.diff(Q(1, 2) * (Ysym - yb)**2, Ysym).subs(Ysym, Y)
    dydx = sp.diff(sig(Xsym), Xsym).subs(Xsym, X)
    chk(f, 'r4 chain rule (i = 1)', dEdw, dEdy * dydx * sp.diff(X, ws[0]))
    chk(f, 'r5 dE/dy', dEdy, Y - yb)
    r6 = Y * (1 + Y) if wrong else Y * (1 - Y)
    chk(f, 'r6 dy/dx' + (' INJECTED' if wrong else ''), dydx, r6, not wrong)
    chk(f, 'r7 dx/dw_i', sp.diff(X, ws[0]), xs[0])
    r8 = (Y - yb) * Y * (1 - Y) * xs[0]
    chk(f, 'r8 vs truth', dEdw, r8)
    chk(f, 'r8 vs literal product of the bullets', (Y - yb) * r6 * xs[0], r8, not wrong)
    chk(f, 'r9 Delta w_i', -eta * dEdw, -eta * (Y - yb) * Y * (1 - Y) * xs[0])

# ---- logistic regression helpers: 3 samples, 2 weights, symbolic y
t0, t1 = sp.symbols('t0 t1', real=True)
XS = [sp.symbols('a%d b%d' % (i, i), real=True) for i in range(3)]
YS = sp.symbols('y0:3', real=True)
Zi = [t0 * a + t1 * b for a, b in XS]
Hi = [sig(zi) for zi in Zi]
xj = [a for a, b in XS]   # j = 0

# ---- x07 (+wrong): log-likelihood gradient (ascent form)
for f, wrong in (('x07', False), ('x07.wrong', True)):
    L = sum(y * log(h) + (1 - y) * log(1 - h) for y, h in zip(YS, Hi))
    dL = sp.diff(L, t0)
    chk(f, 'r1 dg/dz', sp.diff(sig(z), z), sig(z) * (1 - sig(z)))
    dh = [sp.diff(h, t0) for h in Hi]
    chk(f, 'r2', dL, sum(y / h * dhh - (1 - y) / (1 - h) * dhh for y, h, dhh in zip(YS, Hi, dh)))
    chk(f, 'r3', dL, sum((y / h - (1 - y) / (1 - h)) * dhh for y, h, dhh in zip(YS, Hi, dh)))
    dhdz = [sp.diff(sig(z), z).subs(z, zi) for zi in Zi]
    chk(f, 'r4', dL, sum((y / h - (1 - y) / (1 - h)) * q * sp.diff(zi, t0) for y, h, q, zi in zip(YS, Hi, dhdz, Zi)))
    r5 = sum((y / h - (1 - y) / (1 - h)) * h * (1 - h) * xx for y, h, xx in zip(YS, Hi, xj))
    chk(f, 'r5', dL, r5)
    r6 = sum((y * (1 - h) + ((1 - y) if wrong else (y - 1)) * h) * xx for y, h, xx in zip(YS, Hi, xj))
    chk(f, 'r6' + (' INJECTED' if wrong else ''), dL, r6, not wrong)
    chk(f, 'r6 vs literal r5', r5, r6, not wrong)
    r7 = sum((y - h) * xx for y, h, xx in zip(YS, Hi, xj))
    chk(f, 'r7 vs truth', dL, r7)
    chk(f, 'r7 vs literal r6', r6, r7, not wrong)

# ---- x08 (+wrong): g' and dJ/dtheta_j
for f, wrong in (('x08', False), ('x08.wrong', True)):
    gz = sig(z); dg = sp.diff(gz, z)
    chk(f, 'r1', dg, sp.diff(1 / (1 + E(-z)), z))
    r2 = -1 / (1 + E(-z))**(1 if wrong else 2) * (-E(-z))
    chk(f, 'r2' + (' INJECTED' if wrong else ''), dg, r2, not wrong)
    r3 = 1 / (1 + E(-z)) * (1 - 1 / (1 + E(-z)))
    chk(f, 'r3 vs truth', dg, r3)
    chk(f, 'r3 vs literal r2', r2, r3, not wrong)
    chk(f, 'r4', dg, gz * (1 - gz))
    m = 3
    J = -Q(1, m) * sum(y * log(h) + (1 - y) * log(1 - h) for y, h in zip(YS, Hi))
    dJ = sp.diff(J, t0)
    dh = [sp.diff(h, t0) for h in Hi]
    chk(f, 'r5', dJ, -Q(1, m) * sum(y / h * dhh - (1 - y) / (1 - h) * dhh for y, h, dhh in zip(YS, Hi, dh)))
    chk(f, 'r6', dJ, -Q(1, m) * sum((y / h - (1 - y) / (1 - h)) * dhh for y, h, dhh in zip(YS, Hi, dh)))
    chk(f, 'r7', dJ, -Q(1, m) * sum((y / h - (1 - y) / (1 - h)) * h * (1 - h) * sp.diff(zi, t0) for y, h, zi in zip(YS, Hi, Zi)))
    chk(f, 'r8', dJ, -Q(1, m) * sum((y * (1 - h) - (1 - y) * h) * xx for y, h, xx in zip(YS, Hi, xj)))
    chk(f, 'r9', dJ, -Q(1, m) * sum((y - h) * xx for y, h, xx in zip(YS, Hi, xj)))
    chk(f, 'r10', dJ, Q(1, m) * sum((h - y) * xx for y, h, xx in zip(YS, Hi, xj)))
    chk(f, 'r11 restated', dJ, Q(1, m) * sum((h - y) * xx for y, h, xx in zip(YS, Hi, xj)))

# ---- x09: GENUINE expansion slip in the BCE gradient (L = -t log y - (1-t) log(1-y), y = sigma(z), z = w^T x)
f = 'x09'
ws = sp.symbols('v1:3', real=True); xs = sp.symbols('u1:3', real=True); t = sp.symbols('t', real=True)
Z = ws[0] * xs[0] + ws[1] * xs[1]; Yv = sig(Z)
Ys = sp.symbols('Ys', real=True)
Lf = lambda yv: -t * log(yv) - (1 - t) * log(1 - yv)
dLw = sp.diff(Lf(Yv), ws[0])
dLdy = sp.diff(Lf(Ys), Ys)
chk(f, 'r1 chain rule', dLw, dLdy.subs(Ys, Yv) * sp.diff(sig(z), z).subs(z, Z) * sp.diff(Z, ws[0]))
chk(f, 'r2', dLdy, sp.diff(-t * log(Ys) - (1 - t) * log(1 - Ys), Ys))
chk(f, 'r3', dLdy, -t / Ys + (1 - t) / (1 - Ys))
chk(f, 'r4', sp.diff(sig(z), z), sp.diff(sig(z), z))
chk(f, 'r5', sp.diff(sig(z), z), sig(z) * (1 - sig(z)))
chk(f, 'r6 (y = sigma(z))', sp.diff(sig(Z), ws[0]) / xs[0], Yv * (1 - Yv))
chk(f, 'r7-8', sp.diff(Z, ws[0]), xs[0])
r9 = (-t / Yv + (1 - t) / (1 - Yv)) * Yv * (1 - Yv) * xs[0]
chk(f, 'r9', dLw, r9)
r10 = (-t + t * Yv + 1 - t - Yv + t * Yv) * xs[0]
chk(f, 'r10 (GENUINE: 1 - t - y + ty for (1-t)y)', dLw, r10, False)
chk(f, 'r10 vs literal r9', r9, r10, False)
chk(f, 'r10 at t = 0 (label 0)', dLw.subs(t, 0), r10.subs(t, 0), False)
chk(f, 'r10 intended (-t + ty + y - ty)', dLw, (-t + t * Yv + Yv - t * Yv) * xs[0])
chk(f, 'r11 vs truth', dLw, (Yv - t) * xs[0])
chk(f, 'r11 vs literal r10', r10, (Yv - t) * xs[0], False)

# ---- x10 (+wrong): softmax Jacobian and the stability rewrite (3 classes)
for f, wrong in (('x10', False), ('x10.wrong', True)):
    xv = sp.symbols('q1:4', real=True); C = sp.symbols('C', positive=True)
    Sm = sum(E(v) for v in xv); p = [E(v) / Sm for v in xv]
    for i in range(3):
        for j in range(3):
            dp = sp.diff(p[i], xv[j])
            if i == j:
                chk(f, 'r2 case i=j (%d)' % i, dp, p[i] * (1 - p[j]))
            else:
                chk(f, 'r3 case i!=j (%d,%d)' % (i, j), dp, -p[j] * p[i])
            chk(f, 'r4 delta form (%d,%d)' % (i, j), dp, p[i] * ((1 if i == j else 0) - p[j]))
    chk(f, 'r1 df(x_i)/dx_j = dp_i/dx_j (same function)', sp.diff(p[0], xv[1]), sp.diff(E(xv[0]) / Sm, xv[1]))
    r5 = C * E(xv[0]) / ((1 if wrong else C) * Sm)
    chk(f, 'r5' + (' INJECTED' if wrong else ''), p[0], r5, not wrong)
    r6 = E(xv[0] + log(C)) / sum(E(v + log(C)) for v in xv)
    chk(f, 'r6 vs truth', p[0], r6)
    chk(f, 'r6 vs literal r5', r5, r6, not wrong)

bad = [r for r in RES if not r[2]]
files = sorted(set(r[0] for r in RES))
print('relations that held: %d proved by simplify, %d by numeric spot checks only' % (SYM['simplified'], SYM['numeric-only']))
print('files covered: %d' % len(files))
print('%d / %d checks' % (len(RES) - len(bad), len(RES)))
