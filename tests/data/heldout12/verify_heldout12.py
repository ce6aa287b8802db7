"""Hand-transcribed SymPy checks for heldout12 (every scoped relation of each file, original and .wrong copy).

Each check is (file, label, lhs, rhs, expected) with expected True (the relation holds) or False (it is the
wrong step).  A relation holds when it agrees at 6 random points (mpmath) and, where the expression is small
enough, simplify(lhs - rhs) == 0; matrices are compared entry by entry.  Index chains are instantiated with
3 samples / 3 classes / 2-2-2 networks.  Run: python3 verify_heldout12.py  (prints DISAGREES for any check that
does not match the verdict, then the summary).  Imports sympy only.
"""
import random
import signal
import sympy as sp
from sympy import exp, log, tanh, sinh, cosh, sin, Matrix, Rational as Q

random.seed(12)


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
x, z = sp.symbols('x z', real=True)
sig = lambda u: 1 / (1 + exp(-u))
E = exp

# ---- w01: sigmoid with gain a
f = 'w01'
a = sp.symbols('a', positive=True)
s = 1 / (1 + exp(-a * x)); d = sp.diff(s, x); Ea = exp(-a * x)
chk(f, 'r1', d, sp.diff(1 / (1 + Ea), x))
chk(f, 'r2', d, -1 / (1 + Ea)**2 * (-a * Ea))
chk(f, 'r3', d, a / (1 + Ea) * (1 + Ea - 1) / (1 + Ea))
chk(f, 'r4', d, a * 1 / (1 + Ea) * (1 - 1 / (1 + Ea)))
chk(f, 'r5', d, a * s * (1 - s))
chk(f, 'r6 sigma(0)=0.5', s.subs(x, 0), Q(1, 2))
chk(f, 'r7 a=1: sigma\'(0)=0.25', d.subs(a, 1).subs(x, 0), Q(1, 4))

# ---- w02: C comments, sigmoid derivative with u = e^{-f}
f = 'w02'
fv, U = sp.symbols('fv U', real=True)
u = exp(-fv); w = 1 / (1 + u); dw = sp.diff(w, fv)
chk(f, 'r1 @u/@f = -u', sp.diff(u, fv), -u)
chk(f, 'r2 @w/@u', sp.diff(1 / (1 + U), U), -1 / (1 + U)**2)
chk(f, 'r3 chain', dw, (-1 / (1 + u)**2) * (-u))
chk(f, 'r4', dw, u / (1 + u)**2)
chk(f, 'r5', dw, u / (1 + u)**2)
chk(f, 'r6', dw, ((1 + u) - 1) / (1 + u)**2)
chk(f, 'r7', dw, w * ((1 + u) - 1) / (1 + u))
chk(f, 'r8', dw, w * (1 - w))

# ---- w03 (+wrong): v, u, w, g chain
for f, wrong in (('w03', False), ('w03.wrong', True)):
    g = sig(x); dg = sp.diff(g, x)
    V, Uu, W = sp.symbols('V Uu W')
    chk(f, 'r1 bullet', dg, g * (1 - g))
    chk(f, 'r2', g, (1 + exp(-x))**-1)
    chk(f, 'r3-5 v=-x, u=e^v=e^{-x}', exp(V).subs(V, -x), exp(-x))
    chk(f, 'r6-7 w=1+u=1+e^{-x}', (1 + Uu).subs(Uu, exp(-x)), 1 + exp(-x))
    chk(f, 'r8-9 g=w^{-1}', (W**-1).subs(W, 1 + exp(-x)), (1 + exp(-x))**-1)
    chain = (sp.diff(W**-1, W) * sp.diff(1 + Uu, Uu) * sp.diff(exp(V), V) * sp.diff(-x, x)).subs({W: 1 + exp(-x), Uu: exp(-x), V: -x})
    chk(f, 'r10 chain rule', dg, chain)
    r11 = (-W**-2 * 1 * exp(V) * -1).subs({W: 1 + exp(-x), V: -x})
    chk(f, 'r11', dg, r11)
    r12 = (1 + exp(-x))**(-1 if wrong else -2) * exp(-x)
    chk(f, 'r12' + (' INJECTED' if wrong else ''), dg, r12, not wrong)
    chk(f, 'r12 vs literal r11', r11, r12, not wrong)
    r13 = exp(-x) / (1 + exp(-x)) * 1 / (1 + exp(-x))
    chk(f, 'r13 vs truth', dg, r13)
    chk(f, 'r13 vs literal r12', r12, r13, not wrong)
    chk(f, 'r14', dg, g * (1 - g))

# ---- w04: GENUINE sigma symmetry numerator; tanh derivative
f = 'w04'
s = sig(x)
chk(f, 'r1 Th', s, 1 - sig(-x))
chk(f, 'r2', s, 1 / (1 + exp(-x)))
chk(f, 'r3', s, 1 * exp(x) / ((1 + exp(-x)) * exp(x)))
chk(f, 'r4', s, exp(x) / (exp(x) + 1))
chk(f, 'r5 (GENUINE: (1 - e^x + 1)/(e^x+1))', exp(x) / (exp(x) + 1), (1 - exp(x) + 1) / (exp(x) + 1), False)
chk(f, 'r5 intended (1 + e^x - 1)', exp(x) / (exp(x) + 1), (1 + exp(x) - 1) / (exp(x) + 1))
chk(f, 'r6 vs truth', s, 1 - 1 / (1 + exp(x)))
chk(f, 'r6 vs literal r5', (1 - exp(x) + 1) / (exp(x) + 1), 1 - 1 / (1 + exp(x)), False)
chk(f, 'r7', s, 1 - sig(-x))
T = (exp(x) - exp(-x)) / (exp(x) + exp(-x)); C = exp(x) + exp(-x); S_ = exp(x) - exp(-x)
dt = sp.diff(tanh(x), x)
chk(f, 'r8 tanh definition', tanh(x), T)
chk(f, 'r9 Th sech^2', dt, 1 / cosh(x)**2)
chk(f, 'r10', dt, sp.diff(T, x))
chk(f, 'r11 quotient', dt, (C * sp.diff(S_, x) - S_ * sp.diff(C, x)) / C**2)
chk(f, 'r12', dt, (C * C - S_ * S_) / C**2)
chk(f, 'r13', dt, ((exp(2 * x) + 1 + 1 + exp(-2 * x)) - (exp(2 * x) - 1 - 1 + exp(-2 * x))) / C**2)
chk(f, 'r14', dt, 4 / C**2)
chk(f, 'r15', dt, (2 / C)**2)
chk(f, 'r16', dt, sp.sech(x)**2)

# ---- w05 (+wrong): Korean sigmoid / tanh
for f, wrong in (('w05', False), ('w05.wrong', True)):
    s = sig(x); ds = sp.diff(s, x)
    chk(f, 'r1', s, 1 / (1 + exp(-x)))
    chk(f, 'r2', ds, s * (1 - s))
    chk(f, 'r3', s, (1 + exp(-x))**-1)
    r4 = -(1 + exp(-x))**-2 * (-exp(-x))
    chk(f, 'r4', ds, r4)
    r5 = exp(-x) / (1 + exp(-x))**(3 if wrong else 2)
    chk(f, 'r5' + (' INJECTED' if wrong else ''), ds, r5, not wrong)
    chk(f, 'r5 vs literal r4', r4, r5, not wrong)
    chk(f, 'r6 numerator', exp(-x), (1 + exp(-x)) - 1)
    r7 = 1 / (1 + exp(-x)) - 1 / (1 + exp(-x))**2
    chk(f, 'r7 vs truth', ds, r7)
    chk(f, 'r7 vs literal r5', r5, r7, not wrong)
    chk(f, 'r8', ds, s - s**2)
    chk(f, 'r9', ds, s * (1 - s))
    dt = sp.diff(tanh(x), x)
    chk(f, 'r10', tanh(x), (exp(x) - exp(-x)) / (exp(x) + exp(-x)))
    chk(f, 'r11', dt, 1 - tanh(x)**2)
    chk(f, 'r12', tanh(x), (exp(x) - exp(-x)) / (exp(x) + exp(-x)))
    chk(f, 'r13', dt, ((exp(x) + exp(-x))**2 - (exp(x) - exp(-x))**2) / (exp(x) + exp(-x))**2)
    chk(f, 'r14 numerator', (exp(x) + exp(-x))**2 - (exp(x) - exp(-x))**2, 4 * exp(x) * exp(-x))
    chk(f, 'r14b', 4 * exp(x) * exp(-x), 4)
    chk(f, 'r15', dt, 4 / (exp(x) + exp(-x))**2)
    chk(f, 'r16', dt, 1 - tanh(x)**2)
    chk(f, 'r17', tanh(x), 2 * sig(2 * x) - 1)

# ---- w06: GENUINE tanh' = 2 tanh (1 - tanh)
f = 'w06'
dt = sp.diff(tanh(x), x); C = exp(x) + exp(-x); S_ = exp(x) - exp(-x)
chk(f, 'r1', dt, sp.diff(S_ / C, x))
chk(f, 'r2', dt, (C * C - S_ * S_) / C**2)
chk(f, 'r3', dt, 1 - S_**2 / C**2)
chk(f, 'r4', dt, 1 - tanh(x)**2)
chk(f, 'r5', dt, sp.diff(2 * 1 / (1 + exp(-2 * x)) - 1, x))
chk(f, 'r6', dt, 4 * exp(-2 * x) / (exp(-2 * x) + 1)**2)
chk(f, 'r7 (GENUINE: 2tanh(1-tanh))', dt, 2 * tanh(x) * (1 - tanh(x)), False)
chk(f, 'r7 vs literal r6', 4 * exp(-2 * x) / (exp(-2 * x) + 1)**2, 2 * tanh(x) * (1 - tanh(x)), False)
chk(f, 'intended 1 - tanh^2', 4 * exp(-2 * x) / (exp(-2 * x) + 1)**2, 1 - tanh(x)**2)

# ---- w07 (+wrong): Q5-1
for f, wrong in (('w07', False), ('w07.wrong', True)):
    fx = exp(x) - exp(-x); gx = exp(x) + exp(-x); dt = sp.diff(tanh(x), x)
    chk(f, 'r1', tanh(x), fx / gx)
    chk(f, 'r2-3 f, g (definitions)', fx / gx, (exp(x) - exp(-x)) / (exp(x) + exp(-x)))
    chk(f, "r4 f'", sp.diff(fx, x), exp(x) + exp(-x))
    chk(f, "r5 g'", sp.diff(gx, x), exp(x) - exp(-x))
    chk(f, 'r6 quotient', dt, (sp.diff(fx, x) * gx - fx * sp.diff(gx, x)) / gx**2)
    r7 = ((exp(x) + exp(-x))**2 - (exp(x) - exp(-x))**2) / (exp(x) + exp(-x))**2
    chk(f, 'r7', dt, r7)
    r8 = (2 if wrong else 4) / (exp(x) + exp(-x))**2
    chk(f, 'r8' + (' INJECTED' if wrong else ''), dt, r8, not wrong)
    chk(f, 'r8 vs literal r7', r7, r8, not wrong)
    chk(f, 'r9', 1 - tanh(x)**2, 4 / (exp(x) + exp(-x))**2)
    chk(f, 'r10', dt, 1 - tanh(x)**2)

# ---- w08 (+wrong): logistic gradient (Hugo, ja); N = 3 samples, 2 weights
xs = sp.Matrix(3, 2, sp.symbols('xn0:6')); ys = sp.symbols('yn0:3'); wv = sp.symbols('wv0:2')
mu = [sig(sum(wv[k] * xs[n, k] for k in range(2))) for n in range(3)]
lnl = -sum(ys[n] * log(mu[n]) + (1 - ys[n]) * log(1 - mu[n]) for n in range(3))
for f, wrong in (('w08', False), ('w08.wrong', True)):
    s = sig(x); ds = sp.diff(s, x)
    chk(f, 'r1', s, 1 / (1 + exp(-x)))
    for lab, r in (('r2', exp(-x) / (1 + exp(-x))**2), ('r3', ((1 + exp(-x)) - 1) / (1 + exp(-x))**2),
                   ('r4', 1 / (1 + exp(-x)) - 1 / (1 + exp(-x))**2), ('r5', s - s**2), ('r6', s * (1 - s))):
        chk(f, lab, ds, r)
    n, j = 0, 1
    m0 = mu[n]; xj = xs[n, j]
    chk(f, 'r7 mu definition', m0, sig(wv[0] * xs[n, 0] + wv[1] * xs[n, 1]))
    chk(f, 'r8', sp.diff(m0, wv[j]), xj * m0 * (1 - m0))
    dlog = sp.diff(log(m0), wv[j])
    chk(f, 'r9', dlog, xj * m0 * (1 - m0) / m0)
    r10 = xj * (1 + m0) if wrong else xj * (1 - m0)
    chk(f, 'r10' + (' INJECTED' if wrong else ''), dlog, r10, not wrong)
    chk(f, 'r10 vs literal r9', xj * m0 * (1 - m0) / m0, r10, not wrong)
    dlog1 = sp.diff(log(1 - m0), wv[j])
    chk(f, 'r11', dlog1, -xj * m0 * (1 - m0) / (1 - m0))
    chk(f, 'r12', dlog1, -xj * m0)
    for j in range(2):
        g = sp.diff(lnl, wv[j])
        chk(f, 'r13 j=%d' % j, g, -sum(ys[n] * xs[n, j] * (1 - mu[n]) - (1 - ys[n]) * xs[n, j] * mu[n] for n in range(3)))
        chk(f, 'r14 j=%d' % j, g, -sum(ys[n] * xs[n, j] - xs[n, j] * mu[n] for n in range(3)))
        chk(f, 'r15 j=%d' % j, g, sum((mu[n] - ys[n]) * xs[n, j] for n in range(3)))

# ---- w09 (+wrong): docstring logistic gradient, one sample
wq, xq, yq, tq = sp.symbols('wq xq yq tq')
for f, wrong in (('w09', False), ('w09.wrong', True)):
    h = sig(wq * xq); hp = sp.diff(h, wq)
    loss = -yq * log(h) - (1 - yq) * log(1 - h)
    dl = sp.diff(loss, wq)
    chk(f, "r1 h' = h(1-h)", sp.diff(sig(tq), tq), sig(tq) * (1 - sig(tq)))
    chk(f, 'r2 h = h(wx) (notation)', h, sig(wq * xq))
    chk(f, 'r3 loss (definition)', loss, -yq * log(sig(wq * xq)) - (1 - yq) * log(1 - sig(wq * xq)))
    chk(f, 'r4', dl, -yq * hp / h - (1 - yq) * (-hp) / (1 - h))
    r5 = -yq * (h * (1 - h) * xq) / h - (1 - yq) * (-h * (1 - h) * xq) / (1 - h)
    chk(f, 'r5', dl, r5)
    r6 = xq * (-yq * (1 - h) + (-1 if wrong else 1) * (1 - yq) * h)
    chk(f, 'r6' + (' INJECTED' if wrong else ''), dl, r6, not wrong)
    chk(f, 'r6 vs literal r5', r5, r6, not wrong)
    chk(f, 'r7 vs truth', dl, xq * (h - yq))
    chk(f, 'r7 vs literal r6', r6, xq * (h - yq), not wrong)

# ---- w10 (+wrong): MSE dL/dm, dL/db, n = 3
xm = sp.symbols('xm0:3'); ym = sp.symbols('ym0:3'); mm, bm, al = sp.symbols('mm bm al')
yh = [mm * xm[i] + bm for i in range(3)]
Lm = Q(1, 3) * sum((ym[i] - yh[i])**2 for i in range(3))
for f, wrong in (('w10', False), ('w10.wrong', True)):
    dm = sp.diff(Lm, mm); db = sp.diff(Lm, bm)
    chk(f, 'r1', dm, Q(1, 3) * sum(sp.diff((ym[i] - (mm * xm[i] + bm))**2, mm) for i in range(3)))
    r2 = Q(1, 3) * sum((1 if wrong else 2) * (ym[i] - (mm * xm[i] + bm)) * (-xm[i]) for i in range(3))
    chk(f, 'r2' + (' INJECTED' if wrong else ''), dm, r2, not wrong)
    r3 = -Q(2, 3) * sum(xm[i] * (ym[i] - yh[i]) for i in range(3))
    chk(f, 'r3 vs truth', dm, r3)
    chk(f, 'r3 vs literal r2', r2, r3, not wrong)
    chk(f, 'r4', db, Q(1, 3) * sum(2 * (ym[i] - (mm * xm[i] + bm)) * (-1) for i in range(3)))
    chk(f, 'r5', db, -Q(2, 3) * sum(ym[i] - yh[i] for i in range(3)))
    chk(f, 'r6 m update', mm - al * (-Q(2, 3) * sum(xm[i] * (ym[i] - yh[i]) for i in range(3))), mm + 2 * al / 3 * sum(xm[i] * (ym[i] - yh[i]) for i in range(3)))
    chk(f, 'r7 b update', bm - al * (-Q(2, 3) * sum(ym[i] - yh[i] for i in range(3))), bm + 2 * al / 3 * sum(ym[i] - yh[i] for i in range(3)))

# ---- w11 (+wrong): single-example MSE, then averaged
wy, xy, by, yy, YH = sp.symbols('wy xy by yy YH')
for f, wrong in (('w11', False), ('w11.wrong', True)):
    J1 = (yy - (wy * xy + by))**2
    chk(f, 'r1-2 definitions', (yy - YH)**2, J1.subs(wy * xy + by, YH) if False else (yy - YH)**2)
    chk(f, 'r2 J = (y-(wx+b))^2', ((yy - YH)**2).subs(YH, wy * xy + by), J1)
    chk(f, 'r3 chain rule', sp.diff(J1, wy), (sp.diff((yy - YH)**2, YH) * sp.diff(wy * xy + by, wy)).subs(YH, wy * xy + by))
    outer = sp.diff((yy - YH)**2, YH)
    chk(f, 'r4', outer, 2 * (yy - YH) * (-1))
    r5 = (2 if wrong else -2) * (yy - YH)
    chk(f, 'r5 Result' + (' INJECTED' if wrong else ''), outer, r5, not wrong)
    chk(f, 'r6 inner', sp.diff(wy * xy + by, wy), xy)
    chk(f, 'r7 vs truth', sp.diff(J1, wy), (-2 * (yy - YH) * xy).subs(YH, wy * xy + by))
    chk(f, 'r7 vs literal r5 x inner', (r5 * xy).subs(YH, wy * xy + by), (-2 * (yy - YH) * xy).subs(YH, wy * xy + by), not wrong)
    Jm = Q(1, 3) * sum((ym[i] - (wy * xm[i] + by))**2 for i in range(3))
    chk(f, 'r8', sp.diff(Jm, wy), -Q(2, 3) * sum(xm[i] * (ym[i] - (wy * xm[i] + by)) for i in range(3)))
    chk(f, 'r9', sp.diff(Jm, by), -Q(2, 3) * sum(ym[i] - (wy * xm[i] + by) for i in range(3)))

# ---- w12: GENUINE softmax + CE (codecogs, ja); 3 classes
f = 'w12'
Iq = sp.symbols('Iq1:4'); Tt = sp.symbols('Tt1:4'); Qs = sp.symbols('Qs1:4'); z1, Wz = sp.symbols('z1 Wz11')
Ssum = sum(exp(v) for v in Iq); Qv = [exp(v) / Ssum for v in Iq]
P = -sum(Tt[k] * log(Qv[k]) for k in range(3))
dP = sp.diff(P, Iq[0]); qs = {Qs[k]: Qv[k] for k in range(3)}
Pw = P.subs(Iq[0], Wz * z1 + Iq[0])
chk(f, 'r1 chain rule dP/dW_z11', sp.diff(Pw, Wz).subs(Wz, 0), dP * z1)
chk(f, 'r2 dP/dQ_i = -T_i/Q_i', sp.diff(-sum(Tt[k] * log(Qs[k]) for k in range(3)), Qs[1]), -Tt[1] / Qs[1])
chk(f, 'r3 Jacobian i=k', sp.diff(Qv[0], Iq[0]), Qv[0] * (1 - Qv[0]))
chk(f, 'r3 Jacobian i!=k', sp.diff(Qv[0], Iq[1]), -Qv[0] * Qv[1])
r4 = (-Tt[0] / Qs[0] * (-Qs[0] * (1 - Qs[0])) - Tt[1] / Qs[1] * (-Qs[0] * Qs[1]) - Tt[2] / Qs[2] * (-Qs[0] * Qs[2])).subs(qs)
chk(f, 'r4 (GENUINE: x -Q_1(1-Q_1))', dP, r4, False)
chk(f, 'r4 intended x +Q_1(1-Q_1)', dP, (-Tt[0] / Qs[0] * (Qs[0] * (1 - Qs[0])) - Tt[1] / Qs[1] * (-Qs[0] * Qs[1]) - Tt[2] / Qs[2] * (-Qs[0] * Qs[2])).subs(qs))
r5 = (-Tt[0] * (1 - Qs[0]) + Tt[1] * Qs[0] + Tt[2] * Qs[0]).subs(qs)
chk(f, 'r5 vs truth', dP, r5)
chk(f, 'r5 vs literal r4', r4, r5, False)
chk(f, 'r6', dP, (Qs[0] * (Tt[0] + Tt[1] + Tt[2]) - Tt[0]).subs(qs))
oh = {Tt[0]: 1 - Tt[1] - Tt[2]}
chk(f, 'r7 (T1+T2+T3 = 1)', dP.subs(oh), (Qs[0] - Tt[0]).subs(qs).subs(oh))
chk(f, 'r8 chain', sp.diff(Pw, Wz).subs(Wz, 0), dP * z1)
chk(f, 'r9', (sp.diff(Pw, Wz).subs(Wz, 0)).subs(oh), ((Qs[0] - Tt[0]) * z1).subs(qs).subs(oh))

# ---- w13: GENUINE softmax Jacobian index slip (CS224d, zh); 3 classes
f = 'w13'
xv = sp.symbols('xc1:4'); Sx = sum(exp(v) for v in xv); Sv = [exp(v) / Sx for v in xv]
i = 0
d = sp.diff(Sv[i], xv[i])
chk(f, 'r1 (j=i)', d, sp.diff(exp(xv[i]) / Sx, xv[i]))
chk(f, 'r2', d, sp.diff(exp(xv[i]) / (exp(xv[0]) + exp(xv[1]) + exp(xv[2])), xv[i]))
chk(f, 'r3', d, (exp(xv[i]) * Sx - exp(xv[i]) * exp(xv[i])) / Sx**2)
chk(f, 'r4', d, Sv[i] - Sv[i]**2)
chk(f, 'r5', d, Sv[i] * (1 - Sv[i]))
jj = 1
d2 = sp.diff(Sv[jj], xv[i])
r6 = sp.diff(exp(xv[i]) / Sx, xv[i])
chk(f, 'r6 (GENUINE: e^{x_i} for e^{x_j})', d2, r6, False)
r7 = sp.diff(exp(xv[jj]) / (exp(xv[0]) + exp(xv[1]) + exp(xv[2])), xv[i])
chk(f, 'r7 vs truth', d2, r7)
chk(f, 'r7 vs literal r6', r6, r7, False)
chk(f, 'r8', d2, (0 * Sx - exp(xv[jj]) * exp(xv[i])) / Sx**2)
chk(f, 'r9', d2, -Sv[jj] * Sv[i])
chk(f, 'r10 cases i=j', d, Sv[i] * (1 - Sv[i]))
chk(f, 'r11 cases i!=j', d2, -Sv[i] * Sv[jj])
yc = sp.symbols('yc1:4')
CE = -sum(yc[k] * log(Sv[k]) for k in range(3)); dCE = sp.diff(CE, xv[i])
chk(f, 'r12', dCE, -sum(yc[k] * sp.diff(log(Sv[k]), xv[i]) for k in range(3)))
chk(f, 'r13', dCE, -sum(yc[k] / Sv[k] * sp.diff(Sv[k], xv[i]) for k in range(3)))
chk(f, 'r14', dCE, -yc[i] * (1 - Sv[i]) + sum(yc[k] * Sv[i] for k in range(3) if k != i))
chk(f, 'r15', dCE, -yc[i] + yc[i] * Sv[i] + sum(yc[k] * Sv[i] for k in range(3) if k != i))
chk(f, 'r16', dCE, Sv[i] * sum(yc) - yc[i])
ohc = {yc[0]: 1 - yc[1] - yc[2]}
chk(f, 'r17 (sum y = 1)', dCE.subs(ohc), (Sv[i] - yc[i]).subs(ohc))

# ---- w14 (+wrong): Loss_i = -ln y_i (CSDN, zh); 3 classes, i = 1
zv = sp.symbols('zs1:4'); Sz = sum(exp(v) for v in zv); yv = [exp(v) / Sz for v in zv]; tv = [1, 0, 0]
Sne = exp(zv[1]) + exp(zv[2])
for f, wrong in (('w14', False), ('w14.wrong', True)):
    Li = -log(yv[0]); dL = sp.diff(Li, zv[0])
    chk(f, 'r1-2 Loss with t one-hot = Loss_i', -sum(tv[k] * log(yv[k]) for k in range(3)), Li)
    chk(f, 'r3 y_i', yv[0], exp(zv[0]) / Sz)
    chk(f, 'r4', exp(zv[0]) / Sz, 1 - Sne / Sz)
    chk(f, 'r5', dL, -sp.diff(log(yv[0]), zv[0]))
    chk(f, 'r6', dL, sp.diff(-log(exp(zv[0]) / Sz), zv[0]))
    chk(f, 'r7', dL, -1 / (exp(zv[0]) / Sz) * sp.diff(exp(zv[0]) / Sz, zv[0]))
    chk(f, 'r8', dL, -Sz / exp(zv[0]) * sp.diff(1 - Sne / Sz, zv[0]))
    r9 = -Sz / exp(zv[0]) * (-Sne) * sp.diff(1 / Sz, zv[0])
    chk(f, 'r9', dL, r9)
    r10 = Sz * Sne / exp(zv[0]) * (-exp(zv[0])) / Sz**(3 if wrong else 2)
    chk(f, 'r10' + (' INJECTED' if wrong else ''), dL, r10, not wrong)
    chk(f, 'r10 vs literal r9', r9, r10, not wrong)
    chk(f, 'r11 vs truth', dL, -Sne / Sz)
    chk(f, 'r11 vs literal r10', r10, -Sne / Sz, not wrong)
    chk(f, 'r12', dL, -(1 - exp(zv[0]) / Sz))
    chk(f, 'r13', dL, yv[0] - 1)

# ---- w15 (+wrong) and w16: small networks
ap = sp.symbols('ap1:3')                      # a^{(l-1)}
wl = [[sp.Symbol('wl_%d%d' % (k, j)) for j in range(2)] for k in range(2)]   # wl[k][j] = w_{k->j}^{(l)}
wn = [[sp.Symbol('wn_%d%d' % (j, k)) for k in range(2)] for j in range(2)]   # wn[j][k] = w_{j->k}^{(l+1)}
Zl = sp.symbols('Zl1:3'); Zn = sp.symbols('Zn1:3')
zl = [sum(wl[k][j] * ap[k] for k in range(2)) for j in range(2)]
phi = tanh
Jn = Q(1, 3) * Zn[0] + Q(-2, 5) * Zn[1] + Zn[0] * Zn[1] / 2 + sin(Zn[1]) if False else Q(1, 3) * Zn[0] + Q(-2, 5) * Zn[1] + Zn[0] * Zn[1] / 2
zn_of_Zl = [sum(wn[j][k] * phi(Zl[j]) for j in range(2)) for k in range(2)]
J_Zl = Jn.subs({Zn[k]: zn_of_Zl[k] for k in range(2)})
J_full = J_Zl.subs({Zl[j]: zl[j] for j in range(2)})
subl = {Zl[j]: zl[j] for j in range(2)}
delta_l = [sp.diff(J_Zl, Zl[j]).subs(subl) for j in range(2)]
delta_n = [sp.diff(Jn, Zn[k]).subs({Zn[kk]: zn_of_Zl[kk] for kk in range(2)}).subs(subl) for k in range(2)]
al_ = [phi(zl[j]) for j in range(2)]
for f, wrong in (('w15', False), ('w15.wrong', True)):
    i, j = 0, 1
    g = sp.diff(J_full, wl[i][j])
    chk(f, 'r1-2 z, a definitions', zl[j], wl[0][j] * ap[0] + wl[1][j] * ap[1])
    chk(f, 'r3', g, sum(delta_l[k] * sp.diff(zl[k], wl[i][j]) for k in range(2)))
    chk(f, 'r4', g, delta_l[j] * sp.diff(zl[j], wl[i][j]))
    r5 = delta_l[j] * ap[j if wrong else i]
    chk(f, 'r5' + (' INJECTED' if wrong else ''), g, r5, not wrong)
    chk(f, 'r5 vs literal r4', delta_l[j] * sp.diff(zl[j], wl[i][j]), r5, not wrong)
    chk(f, 'r6 (0.4)', g, delta_l[j] * ap[i])
    gL = sp.diff(J_Zl.subs(subl) if False else Jn.subs({Zn[k]: sum(wn[jj][k] * al_[jj] for jj in range(2)) for k in range(2)}), wn[i][j])
    chk(f, 'r7 (1.1) output layer', gL, delta_n[j] * al_[i])
    chk(f, 'r8', delta_n[j] * al_[i], sp.diff(Jn, Zn[j]).subs({Zn[kk]: zn_of_Zl[kk] for kk in range(2)}).subs(subl) * al_[i])
    chk(f, 'r9 hidden', g, delta_l[j] * ap[i])
    jj = 0
    dj = delta_l[jj]
    chk(f, 'r10', dj, sp.diff(J_Zl, Zl[jj]).subs(subl))
    dzn = [sp.diff(zn_of_Zl[k], Zl[jj]).subs(subl) for k in range(2)]
    chk(f, 'r11', dj, sum(delta_n[k] * dzn[k] for k in range(2)))
    chk(f, 'r12', dj, sum(delta_n[k] * dzn[k] for k in range(2)))
    Aa = sp.symbols('Aa1:3')
    zn_of_A = [sum(wn[q][k] * Aa[q] for q in range(2)) for k in range(2)]
    dzda = [[sp.diff(zn_of_A[k], Aa[q]) for q in range(2)] for k in range(2)]
    dadz = [sp.diff(phi(Zl[q]), Zl[jj]).subs(subl) for q in range(2)]
    chk(f, 'r13', dj, sum(delta_n[k] * sum(dzda[k][q] * dadz[q] for q in range(2)) for k in range(2)))
    chk(f, 'r14', dj, sum(delta_n[k] * sum(dzda[k][q] * sp.diff(phi(Zl[q]), Zl[jj]).subs(subl) for q in range(2)) for k in range(2)))
    dphi = sp.diff(phi(Zl[jj]), Zl[jj]).subs(subl)
    chk(f, 'r15', dj, sum(delta_n[k] * dzda[k][jj] * dphi for k in range(2)))
    chk(f, 'r16', dj, sum(delta_n[k] * wn[jj][k] * dphi for k in range(2)))
    Wn = sp.Matrix(2, 2, lambda k, q: wn[q][k])   # W_{kj} = w_{j->k}
    chk(f, 'r17', dj, dphi * (Wn.T * sp.Matrix(delta_n))[jj])

f = 'w16'
W1 = sp.Matrix(2, 2, sp.symbols('W1_0:4')); b1 = sp.Matrix(sp.symbols('b1_0:2'))
W2 = sp.Matrix(2, 2, sp.symbols('W2_0:4')); b2 = sp.Matrix(sp.symbols('b2_0:2')); a0 = sp.Matrix(sp.symbols('a0_0:2'))
Zs = sp.Matrix(sp.symbols('Zs0:2')); ZL = sp.Matrix(sp.symbols('ZL0:2')); Yh = sp.symbols('Yh0:2')
Lf = lambda yh: (yh[0] - Q(1, 2))**2 + yh[0] * yh[1] / 3 - Q(1, 5) * yh[1]
z1v = W1 * a0 + b1
a1 = z1v.applyfunc(tanh)
zLv = W2 * a1 + b2
L_ZL = Lf([tanh(ZL[0]), tanh(ZL[1])])
L_Zs = Lf([tanh((W2 * Zs.applyfunc(tanh) + b2)[k]) for k in range(2)])
sub1 = {Zs[k]: z1v[k] for k in range(2)}; subL = {ZL[k]: zLv[k] for k in range(2)}
dL_full = L_Zs.subs(sub1)
deltaL = sp.Matrix([sp.diff(L_ZL, ZL[k]).subs(subL) for k in range(2)])
delta1 = sp.Matrix([sp.diff(L_Zs, Zs[k]).subs(sub1) for k in range(2)])
for k in range(2):
    chk(f, 'r2 delta^L_%d' % k, deltaL[k], sp.diff(L_ZL, ZL[k]).subs(subL))
    chk(f, 'r3 dL/dyhat dyhat/dz^L (%d)' % k, deltaL[k], (sp.diff(Lf(Yh), Yh[k]).subs({Yh[q]: tanh(ZL[q]) for q in range(2)}) * sp.diff(tanh(ZL[k]), ZL[k])).subs(subL))
for j in range(2):
    chk(f, 'r4 delta^l_%d' % j, delta1[j], sp.diff(L_Zs, Zs[j]).subs(sub1))
    dzdz = [sp.diff((W2 * Zs.applyfunc(tanh) + b2)[k], Zs[j]).subs(sub1) for k in range(2)]
    chk(f, 'r5 (%d)' % j, delta1[j], sum(deltaL[k] * dzdz[k] for k in range(2)))
    chk(f, 'r6 (%d)' % j, delta1[j], sum(deltaL[k] * W2[k, j] * (1 - tanh(z1v[j])**2) for k in range(2)))
    chk(f, 'r7 (%d)' % j, delta1[j], (W2.T * deltaL)[j] * (1 - tanh(z1v[j])**2))
for j in range(2):
    for k in range(2):
        chk(f, 'r8-9 dL/dW1[%d,%d]' % (j, k), sp.diff(dL_full, W1[j, k]), delta1[j] * a0[k])
    chk(f, 'r10-11 dL/db1[%d]' % j, sp.diff(dL_full, b1[j]), delta1[j])

# ---- w17: GENUINE (XRX^T)^{-1} in the Newton update; Hessian of logistic loss
f = 'w17'
Xh = sp.Matrix(3, 2, sp.symbols('Xh0:6')); yhv = sp.symbols('yh0:3'); wh = sp.symbols('wh0:2')
sg = [sig(sum(wh[k] * Xh[i, k] for k in range(2))) for i in range(3)]
Eh = -sum(yhv[i] * log(sg[i]) + (1 - yhv[i]) * log(1 - sg[i]) for i in range(3))
Hh = sp.hessian(Eh, wh)
grad = [sum((sg[i] - yhv[i]) * Xh[i, j] for i in range(3)) for j in range(2)]
Gg, Yq = sp.symbols('Gg Yq')
for (j, k) in ((0, 1), (0, 0), (1, 1)):
    chk(f, 'r1 H_%d%d' % (j, k), Hh[j, k], sp.diff(sum(sg[i] * Xh[i, j] - yhv[i] * Xh[i, j] for i in range(3)), wh[k]))
    chk(f, 'r2 H_%d%d' % (j, k), Hh[j, k], sum(sp.diff(sg[i] * Xh[i, j] - yhv[i] * Xh[i, j], wh[k]) for i in range(3)))
    prod = sum(Xh[i, j] * (sig(Gg) * (1 - sig(Gg))).subs(Gg, sum(wh[q] * Xh[i, q] for q in range(2))) * Xh[i, k] for i in range(3))
    chk(f, 'r3 and r7 H_%d%d' % (j, k), Hh[j, k], prod)
    chk(f, 'r8 H_%d%d' % (j, k), Hh[j, k], sum(Xh[i, j] * sg[i] * (1 - sg[i]) * Xh[i, k] for i in range(3)))
    chk(f, 'r9 H_%d%d' % (j, k), Hh[j, k], sum(Xh[i, j] * sg[i] * (1 - sg[i]) * Xh[i, k] for i in range(3)))
chk(f, 'r4 d/dyhat(yhat x - y x) = x', sp.diff(Yq * Xh[0, 0] - yhv[0] * Xh[0, 0], Yq), Xh[0, 0])
chk(f, 'r5 dyhat/dg', sp.diff(sig(Gg), Gg), sig(Gg) * (1 - sig(Gg)))
chk(f, 'r6 dg/dw_k', sp.diff(wh[0] * Xh[0, 0] + wh[1] * Xh[0, 1], wh[1]), Xh[0, 1])
Rm = sp.diag(*[sg[i] * (1 - sg[i]) for i in range(3)])
chk(f, 'r10 H = X^T R X', Hh, Xh.T * Rm * Xh)
chk(f, 'gradient X^T(yhat - y)', sp.Matrix(grad), Xh.T * (sp.Matrix(sg) - sp.Matrix(yhv)))
# numeric instances for the update chain (matrix inverses)
rnd = lambda: sp.Rational(random.randint(-9, 9) or 1, random.randint(2, 7))
def update_rows(n, m):
    X = sp.Matrix(n, m, lambda *_: rnd()); wv_ = sp.Matrix(m, 1, lambda *_: rnd())
    yv_ = sp.Matrix(n, 1, lambda i, _: random.randint(0, 1))
    yhat = sp.Matrix(n, 1, lambda i, _: sig((X[i, :] * wv_)[0]).evalf(40))
    R = sp.diag(*[yhat[i] * (1 - yhat[i]) for i in range(n)])
    H = X.T * R * X
    return X, wv_, yv_, yhat, R, H
X, wv_, yv_, yhat, R, H = update_rows(3, 2)
truth = wv_ - H.inv() * X.T * (yhat - yv_)
chk(f, 'r11-12 (n=3, m=2)', truth, wv_ - (X.T * R * X).inv() * X.T * (yhat - yv_))
chk(f, 'r13 intended (X^TRX)^{-1} (n=3, m=2)', truth, (X.T * R * X).inv() * X.T * R * X * wv_ - (X.T * R * X).inv() * X.T * R * R.inv() * (yhat - yv_))
chk(f, 'r13 (n=3, m=2): X R is undefined (X has m = 2 columns, R is n x n = 3 x 3)', sp.Matrix([X.shape[1] - R.shape[0]]), sp.Matrix([0]), False)
chk(f, 'r14 vs truth (n=3, m=2)', truth, (X.T * R * X).inv() * (X.T * R) * (X * wv_ - R.inv() * (yhat - yv_)))
X, wv_, yv_, yhat, R, H = update_rows(2, 2)
truth = wv_ - H.inv() * X.T * (yhat - yv_)
r13 = (X.T * R * X).inv() * X.T * R * X * wv_ - (X * R * X.T).inv() * X.T * R * R.inv() * (yhat - yv_)
chk(f, 'r13 (GENUINE: (XRX^T)^{-1}, n=m=2)', truth, r13, False)
r14 = (X.T * R * X).inv() * (X.T * R) * (X * wv_ - R.inv() * (yhat - yv_))
chk(f, 'r14 vs truth (n=m=2)', truth, r14)
chk(f, 'r14 vs literal r13 (n=m=2)', r13, r14, False)

# ---- w18: exercise sheet, tanh derivative
f = 'w18'
C = exp(x) + exp(-x); S_ = exp(x) - exp(-x); dt = sp.diff(S_ / C, x)
chk(f, 'r1', dt, (sp.diff(S_, x) * C - S_ * sp.diff(C, x)) / C**2)
chk(f, 'r2', dt, (C * C - S_ * S_) / C**2)
chk(f, 'r3', dt, ((exp(2 * x) + 2 + exp(-2 * x)) - (exp(2 * x) - 2 + exp(-2 * x))) / C**2)
chk(f, 'r4', dt, 4 / C**2)
chk(f, 'r5', tanh(x), sinh(x) / cosh(x))
chk(f, 'r6', tanh(x), S_ / C)
chk(f, 'r7', sp.diff(tanh(x), x), 4 / C**2)
chk(f, 'r8', sp.diff(tanh(x), x), 1 / cosh(x)**2)

bad = [r for r in RES if not r[2]]
files = sorted(set(r[0] for r in RES))
print('relations that held: %d proved by simplify, %d by numeric spot checks only' % (SYM['simplified'], SYM['numeric-only']))
print('files covered: %d' % len(files))
print('%d / %d checks' % (len(RES) - len(bad), len(RES)))
