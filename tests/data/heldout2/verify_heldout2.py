"""Hand-transcribed SymPy re-checks of the second held-out corpus (tests/data/heldout2).

Not a test and not run by the suite: it records how each verdict header was decided.  Each entry
transcribes one chain of a file by hand (index-heavy chains instantiated with n = 2, 3 or 4, undefined
functions replaced by concrete stand-ins, decimals compared to within one unit of the last digit the
source shows) and asserts where the first wrong link is (None: all hold); for a ``*.wrong.md`` copy the
entry transcribes the injected link.  Keys start with the file number (n01 ... n40).
Run: python tests/data/heldout2/verify_heldout2.py
"""

import math
import random
import sys
from pathlib import Path

import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hand_checks import first_wrong, same  # noqa: E402

random.seed(2)
E, D, S = sp.exp, sp.diff, sp.Symbol
x, y, z, t, a, w, b, c, m, p, q = sp.symbols("x y z t a w b c m p q", real=True)
sig = lambda u: 1 / (1 + E(-u))  # noqa: E731


def shown(value, text):
    """True when ``value`` rounds (or truncates) to the decimal ``text`` within one unit of its last digit."""
    digits = len(text.split(".")[1]) if "." in text else 0
    return abs(float(value) - float(text)) <= 10 ** -digits


def first_wrong_num(chain):
    """1-based index of the first numeric link whose two sides differ beyond the digits shown, or None.

    Each element is (value, shown-text or None); a link holds when the right side's value agrees with
    the left side's to within one unit of the last digit shown on either side."""
    for k in range(1, len(chain)):
        (u, su), (v, sv) = chain[k - 1], chain[k]
        tols = [10 ** -len(s.split(".")[1]) for s in (su, sv) if s and "." in s]
        if abs(float(u) - float(v)) > max(tols + [1e-12]):
            return k
    return None


R = {}

# n01 nnconspect sigmoid: dy/dx = f'(x) = d(1/(1+e^-x))/dx = d((1+e^-x)^-1)/dx => rows 4..9
ex = E(-x)
d_sig = D(sig(x), x)
c01 = [d_sig, d_sig, d_sig, D((1 + ex) ** -1, x), -1 * (1 + ex) ** -2 * (-ex), ex * (1 + ex) ** -2,
       ex / ((1 + ex) * (1 + ex)), (1 / (1 + ex)) * (ex / (1 + ex)), sig(x) * (1 - 1 / (1 + ex)),
       sig(x) * (1 - sig(x))]
R["n01 sigmoid chain"] = (first_wrong(c01), None)
c01w = list(c01); c01w[7] = (1 / (1 + ex)) * (E(x) / (1 + ex))
R["n01.wrong e^{x} in row 7"] = (first_wrong(c01w), 7)

# n02 nnconspect tanh: y = sigmoid(x) = f(x) = (e^x - e^-x)/(e^x + e^-x)  (sigmoid is the logistic function)
th = (E(x) - E(-x)) / (E(x) + E(-x))
R["n02 definition row sigmoid(x) = tanh expression"] = (first_wrong([sig(x), th]), 1)
R["n02 d(tanh)/dx = d((1+e^-x)^-1)/dx"] = (first_wrong([D(th, x), D((1 + E(-x)) ** -1, x)]), 1)
row2 = (E(x) - (-E(-x)) * (E(x) + E(-x)) - (E(x) - E(-x)) * (E(x) + (-E(-x)))) / (E(x) + E(-x)) ** 2
R["n02 misplaced parenthesis row"] = (first_wrong([D(th, x), row2]), 1)
R["n02 rows 3.. to 1 - tanh^2"] = (first_wrong([
    D(th, x), ((E(x) + E(-x)) * (E(x) + E(-x)) - (E(x) - E(-x)) * (E(x) - E(-x))) / (E(x) + E(-x)) ** 2,
    ((E(x) + E(-x)) ** 2 - (E(x) - E(-x)) ** 2) / (E(x) + E(-x)) ** 2,
    1 - (E(x) - E(-x)) ** 2 / (E(x) + E(-x)) ** 2, 1 - th ** 2, 1 - sp.tanh(x) ** 2]), None)

# n03/n04 nnconspect softmax, n = 4
X4 = sp.symbols("x1:5", real=True)
e4 = [E(v) for v in X4]
S4 = sum(e4)
Y4 = [ei / S4 for ei in e4]
c03 = [D(Y4[0], X4[0]), D(Y4[0], X4[0]), (e4[0] * S4 - e4[0] * e4[0]) / S4 ** 2,
       (E(2 * X4[0]) + e4[0] * (e4[1] + e4[2] + e4[3]) - E(2 * X4[0])) / S4 ** 2,
       e4[0] * (e4[1] + e4[2] + e4[3]) / S4 ** 2, (e4[0] / S4) * ((e4[1] + e4[2] + e4[3]) / S4),
       Y4[0] * ((S4 - e4[0]) / S4), Y4[0] * (1 - e4[0] / S4), Y4[0] * (1 - Y4[0])]
R["n03 dy1/dx1"] = (first_wrong(c03), None)
c03w = list(c03); c03w[7] = Y4[0] * (1 + e4[0] / S4)
R["n03.wrong sign in row 7"] = (first_wrong(c03w), 7)
c04 = [D(Y4[0], X4[1]), D(Y4[0], X4[1]), -e4[0] * e4[1] / S4 ** 2,
       -(e4[0] / S4 ** 2) * (e4[1] / S4 ** 2), -Y4[0] * Y4[1]]
R["n04 dy1/dx2 (squared denominators)"] = (first_wrong(c04), 3)
R["n04 last row -y1 y2"] = (first_wrong([D(Y4[0], X4[1]), -Y4[0] * Y4[1]]), None)
J4 = sp.Matrix(4, 4, lambda i, j: D(Y4[i], X4[j]))
J4claim = sp.Matrix(4, 4, lambda i, j: Y4[i] * (1 - Y4[i]) if i == j else -Y4[i] * Y4[j])
R["n04 4x4 Jacobian"] = (first_wrong([J4[1, 2] + J4[3, 3] + 2 * J4[0, 3], J4claim[1, 2] + J4claim[3, 3] + 2 * J4claim[0, 3]]), None)

# n05 nnconspect MSE Jacobian, N = 3
Y3 = sp.symbols("y1:4", real=True); H3 = sp.symbols("h1:4", real=True)  # h = \hat{y}
mse = sum((Y3[i] - H3[i]) ** 2 for i in range(3)) / 3
grad = [D(mse, H3[i]) for i in range(3)]
row1 = [-2 * (Y3[i] - H3[i]) / 3 for i in range(3)]
row2 = [-sp.Rational(2, 3) * (Y3[i] - H3[i]) for i in range(3)]
row3 = [-sp.Rational(2, 3) * (Y3[i] - [H3[1], H3[1], H3[2]][i]) for i in range(3)]
R["n05 J rows (first entry)"] = (first_wrong([grad[0], row1[0], row2[0], row3[0]]), 3)
R["n05 J final -2/3(y - yhat)"] = (first_wrong([grad[0], -sp.Rational(2, 3) * (Y3[0] - H3[0])]), None)
assert all(same(grad[i], row1[i]) for i in range(3))

# n06 chicm softmax + CE, n = 3 scores (2, 3, 4), correct class k = 1 (second)
pv = [math.exp(v) / sum(math.exp(u) for u in (2, 3, 4)) for v in (2, 3, 4)]
assert all(shown(pv[i], s) for i, s in enumerate(("0.090", "0.245", "0.665")))
assert shown(-math.log(0.245), "1.406")
O3 = sp.symbols("o1:4", real=True); eo = [E(v) for v in O3]; So = sum(eo); P3 = [e / So for e in eo]
k = 1
Lce = -sp.log(P3[k])
R["n06 dL/do_k"] = (first_wrong([D(Lce, O3[k]), -D(sp.log(P3[k]), O3[k]), -1 / P3[k] * D(P3[k], O3[k]),
                                 -1 / P3[k] * (eo[k] * So - eo[k] * eo[k]) / So ** 2,
                                 -1 / P3[k] * (eo[k] / So - eo[k] * eo[k] / So ** 2),
                                 -1 / P3[k] * (P3[k] - eo[k] ** 2 / So ** 2), -1 / P3[k] * (P3[k] - P3[k] ** 2),
                                 P3[k] - 1]), None)
j = 2
R["n06 dL/do_j"] = (first_wrong([D(Lce, O3[j]), -1 / P3[k] * D(P3[k], O3[j]), -eo[k] / P3[k] * D(1 / So, O3[j]),
                                 -eo[k] / P3[k] * (-1) / So ** 2 * eo[j], eo[k] / P3[k] / So ** 2 * eo[j],
                                 1 / P3[k] * P3[k] * P3[j], P3[j]]), None)
R["n06 example p - y"] = (first_wrong_num([(pv[1] - 1, None), (0.245 - 1, "0.245"), (-0.775, "-0.775")]), 2)
R["n06 example p - y (as stated)"] = (0 if shown(0.245 - 1, "-0.775") else 1, 1)

# n07/n08 emkays MSE with hat y_i = m x_i + c, n = 3
Xs = sp.symbols("x1:4", real=True); Ys = sp.symbols("y1:4", real=True); n3 = 3
yh = [m * Xs[i] + c for i in range(n3)]
MSE = sum((Ys[i] - yh[i]) ** 2 for i in range(n3)) / n3
R["n07 dMSE/dm"] = (first_wrong([D(MSE, m), sum(D((Ys[i] - m * Xs[i] - c) ** 2, m) for i in range(n3)) / n3,
                                 sum(2 * (Ys[i] - m * Xs[i] - c) * (-Xs[i]) for i in range(n3)) / n3,
                                 -sp.Rational(2, n3) * sum(Xs[i] * (Ys[i] - yh[i]) for i in range(n3))]), None)
u_ = Ys[0] - m * Xs[0] - c
R["n07 step 6/7"] = (first_wrong([D(u_, m), -Xs[0]]) or first_wrong([D(u_ ** 2, m), 2 * u_ * (-Xs[0])]), None)
R["n07.wrong dropped 2 in step 7"] = (first_wrong([D(u_ ** 2, m), u_ * (-Xs[0])]), 1)
eta = S("eta", positive=True)
R["n07 update rule"] = (first_wrong([m - eta * D(MSE, m), m + 2 * eta / n3 * sum(Xs[i] * (Ys[i] - yh[i]) for i in range(n3))]), None)
R["n08 dMSE/dc"] = (first_wrong([D(MSE, c), sum(2 * (Ys[i] - m * Xs[i] - c) * (-1) for i in range(n3)) / n3,
                                 -sp.Rational(2, n3) * sum(Ys[i] - yh[i] for i in range(n3))]), None)
R["n08 inner derivative"] = (first_wrong([D(u_, c), -1]), None)

# n09 hoadm: y = wx + b (prediction), \hat y the target, L = 1/2 (y - \hat y)^2
T_ = S("T", real=True)
yp = w * x + b; L9 = (yp - T_) ** 2 / 2
R["n09 dL/dy"] = (first_wrong([D((y - T_) ** 2 / 2, y), y - T_]), None)
R["n09 dL/dw"] = (first_wrong([D(L9, w), (yp - T_) * D(yp, w), (yp - T_) * x]), None)
R["n09.wrong sign dL/dw"] = (first_wrong([D(L9, w), (yp - T_) * D(yp, w), (T_ - yp) * x]), 2)
R["n09 dL/db"] = (first_wrong([D(L9, b), (yp - T_) * 1, yp - T_]), None)
Xb = sp.Matrix([[S("X11")], [S("X21")]]); Tb = sp.Matrix([[S("T1")], [S("T2")]]); Wb = S("W")
Lb = sum(((Xb[i] * Wb + b) - Tb[i]) ** 2 / 2 for i in range(2)) / 2
R["n09 batch dL/dW, dL/db"] = (first_wrong([D(Lb, Wb), (Xb.T * (Xb * Wb + sp.Matrix([b, b]) - Tb))[0] / 2])
                               or first_wrong([D(Lb, b), sum((Xb[i] * Wb + b) - Tb[i] for i in range(2)) / 2]), None)

# n10 hoadm matrix backprop, rows are samples: batch 2, widths 2 -> 3 -> 2, f = tanh, loss = sum log(1 + H2^2)
H0 = sp.Matrix(2, 2, sp.symbols("u1:5", real=True))
W1 = sp.Matrix(2, 3, sp.symbols("p1:7", real=True)); B1 = sp.Matrix(1, 3, sp.symbols("q1:4", real=True))
W2 = sp.Matrix(3, 2, sp.symbols("r1:7", real=True)); B2 = sp.Matrix(1, 2, sp.symbols("s1:3", real=True))
one = sp.ones(2, 1)
Z1 = H0 * W1 + one * B1; H1 = Z1.applyfunc(sp.tanh); Z2 = H1 * W2 + one * B2; H2 = Z2.applyfunc(sp.tanh)
Lm = sum(sp.log(1 + v ** 2) for v in H2)
fp = lambda M: M.applyfunc(lambda v: 1 - sp.tanh(v) ** 2)  # noqa: E731
loss_of_z2 = lambda M: sum(sp.log(1 + sp.tanh(v) ** 2) for v in M)  # noqa: E731
delta_of_z2 = lambda M: M.applyfunc(lambda v: 2 * sp.tanh(v) / (1 + sp.tanh(v) ** 2)).multiply_elementwise(fp(M))  # noqa: E731
Z2s = sp.Matrix(2, 2, lambda i, j: S(f"zb{i}{j}", real=True)); Z1s = sp.Matrix(2, 3, lambda i, j: S(f"za{i}{j}", real=True))
Z2_of_Z1s = Z1s.applyfunc(sp.tanh) * W2 + one * B2
R["n10 delta^(L) entry"] = (first_wrong([D(loss_of_z2(Z2s), Z2s[1, 0]), delta_of_z2(Z2s)[1, 0]]), None)
delta1s = (delta_of_z2(Z2_of_Z1s) * W2.T).multiply_elementwise(fp(Z1s))
R["n10 delta^(l) recursion entry"] = (first_wrong([D(loss_of_z2(Z2_of_Z1s), Z1s[0, 2]), delta1s[0, 2]]), None)
delta2 = delta_of_z2(Z2)
delta1 = (delta2 * W2.T).multiply_elementwise(fp(Z1))
R["n10 dL/dW^(2) = H1^T delta2"] = (first_wrong([D(Lm, W2[1, 0]), (H1.T * delta2)[1, 0]]), None)
R["n10 dL/dW^(1) = H0^T delta1"] = (first_wrong([D(Lm, W1[0, 1]), (H0.T * delta1)[0, 1]]), None)
R["n10 dL/db = sum over samples"] = (first_wrong([D(Lm, B2[0, 1]), (one.T * delta2)[0, 1]]), None)

# n11/n12 Tonkic sigmoid and tanh
R["n11 sigmoid forms"] = (first_wrong([D(sig(x), x), sig(x) * (1 - sig(x)), E(-x) / (1 + E(-x)) ** 2]), None)
R["n12 tanh'"] = (first_wrong([sp.tanh(x), th]) or first_wrong([D(th, x), 1 - th ** 2]), None)

# n13 .. n16 conv output sizes
R["n13 floor((32 + 2 - 3)/2 + 1) = 16"] = (None if math.floor((32 + 2 * 1 - 3) / 2 + 1) == 16 else 1, None)
c14 = [((32 - 5 + 2 * 0) / 1 + 1, None), ((32 - 5 + 0) / 1 + 1, None), (27 / 1 + 1, None), (28, None)]
R["n14 output rows"] = (first_wrong_num(c14), None)
R["n14 padding 2"] = (first_wrong_num([((32 - 5 + 2 * 2) / 1 + 1, None), (32, None)]), None)
c14w = list(c14); c14w[2] = (26 / 1 + 1, None)
R["n14.wrong 27 -> 26"] = (first_wrong_num(c14w), 2)
R["n15 (5 - 3 + 2*1)/2 + 1 = 2"] = (first_wrong_num([((5 - 3 + 2 * 1) / 2 + 1, None), (2, None)]), 1)
c16 = [(math.floor((32 - 5 + 2 * 1) / 2) + 1, None), (math.floor((32 - 5 + 2) / 2) + 1, None),
       (math.floor(29 / 2) + 1, None), (math.floor(14.5) + 1, None), (14 + 1, None), (15, None)]
R["n16 floor chain"] = (first_wrong_num(c16), None)

# n17/n18 softmax Jacobian, K = 3
Z3 = sp.symbols("z1:4", real=True); ez = [E(v) for v in Z3]; Zs = sum(ez); s3 = [e / Zs for e in ez]
R["n17 case i = k"] = (first_wrong([D(s3[0], Z3[0]), s3[0] * (1 - s3[0])]), None)
R["n17 case i != k"] = (first_wrong([D(s3[0], Z3[2]), -s3[0] * s3[2]]), None)
R["n18 case i = j"] = (first_wrong([D(s3[1], Z3[1]), (ez[1] * Zs - ez[1] * ez[1]) / Zs ** 2,
                                    s3[1] - s3[1] ** 2, s3[1] * (1 - s3[1])]), None)
R["n18 case i != j"] = (first_wrong([D(s3[0], Z3[1]), -ez[0] * ez[1] / Zs ** 2, -s3[0] * s3[1]]), None)
R["n18.wrong exp(z_i) exp(z_i)"] = (first_wrong([D(s3[0], Z3[1]), -ez[0] * ez[0] / Zs ** 2, -s3[0] * s3[1]]), 1)
Jz = sp.Matrix(3, 3, lambda i, j: D(s3[i], Z3[j]))
Jc = sp.diag(*s3) - sp.Matrix(s3) * sp.Matrix(s3).T
R["n18 J = diag(s) - s s^T"] = (first_wrong([Jz[0, 1] + 2 * Jz[2, 2], Jc[0, 1] + 2 * Jc[2, 2]]), None)
Jn = Jc.subs({Z3[0]: 0.3, Z3[1]: -1.2, Z3[2]: 0.7}).evalf()
assert Jn.is_symmetric() and Jn.rank(iszerofunc=lambda v: abs(v) < 1e-12) == 2
assert all(abs(v) < 1e-12 for v in Jn * sp.ones(3, 1))

# n19 behnamasadi: C0 = (a - y)^2, z = w a' + b, a = sigma(z)
ap = S("ap", real=True)
zL = w * ap + b; aL = sig(zL); C0 = (aL - y) ** 2
sp_ = D(sig(z), z).subs(z, zL)
R["n19 dC/dw"] = (first_wrong([D(C0, w), 2 * (aL - y) * sp_ * ap]), None)
R["n19 dC/db"] = (first_wrong([D(C0, b), 2 * (aL - y) * sp_ * 1]), None)
R["n19 dC/da^(L-1) (right result)"] = (first_wrong([D(C0, ap), 2 * (aL - y) * sp_ * w]), None)
R["n19 1.5 as written: dC/db = 2(a - y) sigma' w"] = (first_wrong([D(C0, b), 2 * (aL - y) * sp_ * w]), 1)

# n20 pollett: J = -(1/D_y) sum y_i log(hat y_i), hat y = softmax(z_2), y one-hot, D_y = 3
Zt = sp.symbols("t1:4", real=True); et = [E(v) for v in Zt]; yhat = [e / sum(et) for e in et]
yv = [0, 1, 0]
Jloss = -sp.Rational(1, 3) * sum(yv[i] * sp.log(yhat[i]) for i in range(3))
R["n20 dJ/dz_2 = hat y - y"] = (first_wrong([D(Jloss, Zt[0]), yhat[0] - yv[0]]), 1)
R["n20 dJ/dz_2 = (hat y - y)/D_y"] = (first_wrong([D(Jloss, Zt[0]), (yhat[0] - yv[0]) / 3]), None)
hrow = sp.Matrix(1, 2, sp.symbols("g1:3", real=True)); W2p = sp.Matrix(2, 3, sp.symbols("v1:7", real=True))
b2p = sp.Matrix(1, 3, sp.symbols("c1:4", real=True)); z2 = hrow * W2p + b2p
Jh = Jloss.subs({Zt[i]: z2[i] for i in range(3)})
g = sp.Matrix(1, 3, [D(Jloss, Zt[i]).subs({Zt[l]: z2[l] for l in range(3)}) for i in range(3)])
R["n20 dJ/dh = dJ/dz2 W2^T"] = (first_wrong([D(Jh, hrow[1]), (g * W2p.T)[1]]), None)
R["n20 dJ/dW2 = h^T dJ/dz2"] = (first_wrong([D(Jh, W2p[1, 2]), (hrow.T * g)[1, 2]]), None)
R["n20 dJ/db2 = dJ/dz2"] = (first_wrong([D(Jh, b2p[2]), g[2]]), None)

# n21 loliot conv: 4x4 layer-l pre-activations, 2x2 kernel w', cross-correlation into 3x3, Loss = sum log(1 + z^2)
Zl = sp.Matrix(4, 4, lambda i, j: S(f"z{i}{j}", real=True)); Al = Zl.applyfunc(sp.tanh)
Wk = sp.Matrix(2, 2, lambda i, j: S(f"w{i}{j}", real=True)); bb = S("bb", real=True)
Zn = sp.Matrix(3, 3, lambda xx, yy: sum(Al[xx + mm, yy + nn] * Wk[mm, nn] for mm in range(2) for nn in range(2)) + bb)
Loss = sum(sp.log(1 + v ** 2) for v in Zn)
dn = Zn.applyfunc(lambda v: 2 * v / (1 + v ** 2))  # delta^{l+1}
wk = lambda i, j: Wk[i, j] if 0 <= i < 2 and 0 <= j < 2 else 0  # noqa: E731
dn_ = lambda i, j: dn[i, j] if 0 <= i < 3 and 0 <= j < 3 else 0  # noqa: E731
i0, j0 = 1, 2
sprime = 1 - sp.tanh(Zl[i0, j0]) ** 2
R["n21 delta recursion"] = (first_wrong([
    D(Loss, Zl[i0, j0]),
    sum(dn[xx, yy] * D(Zn[xx, yy], Zl[i0, j0]) for xx in range(3) for yy in range(3)),
    sum(dn[xx, yy] * wk(i0 - xx, j0 - yy) * sprime for xx in range(3) for yy in range(3)),
    sum(dn_(i0 - mm, j0 - nn) * Wk[mm, nn] * sprime for mm in range(2) for nn in range(2))]), None)
mm0, nn0 = 0, 1
c21 = [D(Loss, Wk[mm0, nn0]), sum(dn[i, j] * D(Zn[i, j], Wk[mm0, nn0]) for i in range(3) for j in range(3)),
       sum(dn[i, j] * Al[i + mm0, j + nn0] for i in range(3) for j in range(3))]
R["n21 weight gradient"] = (first_wrong(c21), None)
c21w = list(c21); c21w[2] = sum(dn[i, j] * Al[i + nn0, j + mm0] for i in range(3) for j in range(3))
R["n21.wrong a_{i+n, j+m}"] = (first_wrong(c21w), 2)
R["n21 bias gradient (one bias per position)"] = (None, None)  # z_{x,y} = ... + b_{x,y}: dLoss/db_{i,j} = delta_{i,j}
Kp = sp.Matrix([[9, 8, 7], [6, 5, 4], [3, 2, 1]]); Kk = sp.Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
assert all(Kk[mm, nn] == Kp[2 - mm, 2 - nn] for mm in range(3) for nn in range(3))

# n22 dsse conv with stride: lower bound floor((p - f_r)/s + 1) versus the valid range
def valid(pp, fr, s_, hnew):
    return [i for i in range(1, hnew + 1) if 1 <= pp - (i - 1) * s_ <= fr]
pp, fr, s_, hnew = 2, 3, 2, 3
lo = math.floor((pp - fr) / s_ + 1); hi = math.floor((pp - 1) / s_ + 1)
R["n22 i_lower with floor"] = (None if list(range(lo, hi + 1)) == valid(pp, fr, s_, hnew) else 1, 1)
assert list(range(math.ceil((pp - fr) / s_ + 1), hi + 1)) == valid(pp, fr, s_, hnew)

# n23 whatandwhy: chain rule through 3 residual blocks (scalars), and the norm bounds
h0 = S("h0", real=True)
Fs = [lambda v: sp.sin(v) / 3, lambda v: v ** 2 / 5, lambda v: sp.tanh(v) / 2]
hs = [h0]
for F_ in Fs:
    hs.append(hs[-1] + F_(hs[-1]))
uL = S("uL", real=True); Lf = sp.log(1 + uL ** 2)
dLdhL = D(Lf, uL).subs(uL, hs[-1])
Fd = [D(F_(S("v")), S("v")).subs(S("v"), hs[l_]) for l_, F_ in enumerate(Fs)]
R["n23 chain rule product"] = (first_wrong([D(Lf.subs(uL, hs[-1]), h0), dLdhL * sp.prod([1 + f_ for f_ in Fd])]), None)
R["n23 block Jacobian"] = (first_wrong([D(hs[1], h0), 1 + Fd[0]]), None)
R["n23.wrong Jacobian without I"] = (first_wrong([D(hs[1], h0), Fd[0]]), 1)
import numpy as np  # noqa: E402
rng = np.random.default_rng(0)
nrm = lambda M: np.linalg.norm(M, 2)  # noqa: E731
for _ in range(50):
    eps, LL = 0.05, 6
    As = [rng.normal(size=(3, 3)) for _ in range(LL)]
    As = [A_ * eps / nrm(A_) for A_ in As]
    P_ = np.eye(3)
    for A_ in As:
        P_ = P_ @ (np.eye(3) + A_)
    assert nrm(P_) <= np.prod([nrm(np.eye(3) + A_) for A_ in As]) + 1e-12
    assert np.prod([nrm(np.eye(3) + A_) for A_ in As]) <= np.prod([1 + nrm(A_) for A_ in As]) + 1e-12 <= (1 + eps) ** LL + 1e-12
    gv = rng.normal(size=3)
    assert (1 - eps) ** LL * np.linalg.norm(gv) <= np.linalg.norm(gv @ P_) + 1e-12 <= (1 + eps) ** LL * np.linalg.norm(gv) + 1e-12
assert all((1 + 1 / LL_) ** LL_ <= math.e for LL_ in range(1, 200))
R["n23 norm inequalities"] = (None, None)

# n24 HPCortex: f_i = g_i(x) + x_i, n = 3; c_i = dcost/df_i
X3 = sp.symbols("a1:4", real=True); Cc = sp.symbols("k1:4", real=True)
gfun = [X3[0] * X3[1], sp.sin(X3[2]) + X3[0], X3[1] ** 2]
ff = [gfun[i] + X3[i] for i in range(3)]
jj = 1
delta = lambda i, j_: 1 if i == j_ else 0  # noqa: E731
R["n24 df_i/dx_j"] = (first_wrong([D(ff[0], X3[jj]), D(gfun[0], X3[jj]) + delta(0, jj)]), None)
R["n24 dcost/dx_j chain"] = (first_wrong([
    sum(Cc[i] * D(ff[i], X3[jj]) for i in range(3)),
    sum(Cc[i] * D(ff[i], X3[jj]) for i in range(3)),
    sum(Cc[i] * D(gfun[i], X3[jj]) for i in range(3)) + sum(Cc[i] * delta(i, jj) for i in range(3)),
    sum(Cc[i] * D(gfun[i], X3[jj]) for i in range(3)) + sum(Cc[jj] for i in range(3))]), 3)

# n25 Ingenjoy 1-D quadratic
f1 = p * x ** 2 / 2 + q * x + S("r")
xs_ = sp.solve(sp.Eq(D(f1, x), 0), x)[0]
R["n25 f' and x*"] = (first_wrong([D(f1, x), p * x + q]) or first_wrong([xs_, -q / p]), None)
R["n25.wrong x* = q/p"] = (first_wrong([xs_, q / p]), 1)
R["n25 f''"] = (first_wrong([D(f1, x, 2), p]), None)

# n26 Ingenjoy rules table (n = 2) and the quadratic's gradient/Hessian (P symmetric)
x1, x2 = sp.symbols("xa xb", real=True); xv = sp.Matrix([x1, x2])
gradv = lambda e: sp.Matrix([D(e, x1), D(e, x2)])  # noqa: E731
fA = x1 ** 2 * x2; gA = sp.sin(x1 + 2 * x2)
R["n26 linearity"] = (first_wrong([(gradv(a * fA + b * gA) - (a * gradv(fA) + b * gradv(gA))).norm() ** 2, 0]), None)
R["n26 product rule"] = (first_wrong([(gradv(fA * gA) - (gA * gradv(fA) + fA * gradv(gA))).norm() ** 2, 0]), None)
# chain rule row as written, scalar case: d/dx f(g(x)) = f'(g(x)) d f(x)/dx  (should be g'(x)); f = sin, g = x^2
R["n26 chain rule row"] = (first_wrong([D(sp.sin(x ** 2), x), sp.cos(x ** 2) * D(sp.sin(x), x)]), 1)
R["n26 chain rule corrected"] = (first_wrong([D(sp.sin(x ** 2), x), sp.cos(x ** 2) * D(x ** 2, x)]), None)
Pm = sp.Matrix([[S("P11"), S("P12")], [S("P12"), S("P22")]]); qv = sp.Matrix([S("q1"), S("q2")]); bv = sp.Matrix([S("b1"), S("b2")])
fq = ((xv.T * Pm * xv)[0] / 2 + (qv.T * xv)[0] + S("r"))
R["n26 quadratic term"] = (first_wrong([(gradv((xv.T * Pm * xv)[0] / 2) - Pm * xv).norm() ** 2, 0]), None)
R["n26 linear term"] = (first_wrong([(gradv((bv.T * xv)[0]) - bv).norm() ** 2, 0]), None)
R["n26 gradient Px + q"] = (first_wrong([(gradv(fq) - (Pm * xv + qv)).norm() ** 2, 0]), None)
xst = -Pm.inv() * qv
R["n26 x* = -P^{-1} q"] = (first_wrong([(gradv(fq).subs({x1: xst[0], x2: xst[1]})).norm() ** 2, 0]), None)
R["n26 Hessian P"] = (first_wrong([(sp.hessian(fq, (x1, x2)) - Pm).norm() ** 2, 0]), None)

# n27 Ingenjoy exact line search (n = 2, P symmetric)
s = S("s", real=True); dxv = sp.Matrix([S("d1"), S("d2")])
phi = ((xv + s * dxv).T * Pm * (xv + s * dxv))[0] / 2 + ((xv + s * dxv).T * qv)[0] + S("r")
phi2 = s ** 2 * (dxv.T * Pm * dxv)[0] / 2 + s * ((dxv.T * Pm * xv)[0] + (dxv.T * qv)[0])
R["n27 expansion up to a constant in s"] = (first_wrong([D(phi, s), D(phi2, s)]), None)
tst = sp.solve(D(phi2, s), s)[0]
R["n27 t"] = (first_wrong([tst, (-(dxv.T * Pm * xv)[0] - (dxv.T * qv)[0]) / (dxv.T * Pm * dxv)[0]]), None)

# n28 Ingenjoy logistic loss, n = 3 examples, 2 features
lam = S("lam", positive=True); wv = sp.Matrix([S("w1"), S("w2")])
Xm = sp.Matrix(3, 2, sp.symbols("e1:7", real=True)); yl = sp.Matrix(sp.symbols("l1:4", real=True))
zz = Xm * wv
Ll = -sum(yl[i] * sp.log(sig(zz[i])) + (1 - yl[i]) * sp.log(1 - sig(zz[i])) for i in range(3)) + lam * (wv.T * wv)[0]
gl = sp.Matrix([D(Ll, wv[0]), D(Ll, wv[1])])
gc = -Xm.T * yl + Xm.T * zz.applyfunc(sig) + 2 * lam * wv
R["n28 gradient"] = (first_wrong([gl[0] + 3 * gl[1], gc[0] + 3 * gc[1]]), None)
Hl = sp.hessian(Ll, (wv[0], wv[1]))
Hc = sum((sig(zz[i]) * (1 - sig(zz[i])) * Xm[i, :].T * Xm[i, :] for i in range(3)), sp.zeros(2, 2)) + 2 * lam * sp.eye(2)
R["n28 Hessian"] = (first_wrong([Hl[0, 1] + 2 * Hl[1, 1], Hc[0, 1] + 2 * Hc[1, 1]]), None)
Hw = Hc - lam * sp.eye(2)
R["n28.wrong lambda I"] = (first_wrong([Hl[0, 1] + 2 * Hl[1, 1], Hw[0, 1] + 2 * Hw[1, 1]]), 1)

# n29 hifreedo: y = x w (row times column), C = AB and its partials
xr = sp.Matrix([sp.symbols("x1:4", real=True)]); wc = sp.Matrix(sp.symbols("w1:4", real=True))
yy_ = (xr * wc)[0]
R["n29 dy/dw = x^T"] = (first_wrong([(sp.Matrix([D(yy_, v) for v in wc]) - xr.T).norm() ** 2, 0]), None)
Am = sp.Matrix(2, 2, sp.symbols("a1:5", real=True)); Bm = sp.Matrix(2, 2, sp.symbols("b1:5", real=True)); Cm = Am * Bm
a1, a2, a3, a4 = Am; b1, b2, b3, b4 = Bm
R["n29 c entries"] = (first_wrong([(Cm - sp.Matrix([[a1 * b1 + a2 * b3, a1 * b2 + a2 * b4], [a3 * b1 + a4 * b3, a3 * b2 + a4 * b4]])).norm() ** 2, 0]), None)
c1, c2 = Cm[0, 0], Cm[0, 1]
R["n29 partials"] = (first_wrong([sum([D(c1, a1) - b1, D(c1, a2) - b3, D(c1, a3), D(c1, a4), D(c2, a1) - b2, D(c2, a2) - b4], 0) ** 2, 0]), None)
R["n29.wrong dc1/da2 = b2"] = (first_wrong([D(c1, a2), b2]), 1)

# n30 chryoung, \hat y = a = wx + b (no sigmoid in this section)
yh30 = w * x + b
L30 = -y * sp.log(yh30) - (1 - y) * sp.log(1 - yh30)
Hs = S("H", positive=True)
R["n30 dL/dyhat"] = (first_wrong([D(-y * sp.log(Hs) - (1 - y) * sp.log(1 - Hs), Hs), -y / Hs + (1 - y) / (1 - Hs)]), None)
R["n30 dL/dw"] = (first_wrong([D(L30, w), (-y / yh30 + (1 - y) / (1 - yh30)) * x, -x * y / yh30 + x * (1 - y) / (1 - yh30)]), None)
R["n30 dL/db"] = (first_wrong([D(L30, b), -y / yh30 + (1 - y) / (1 - yh30),
                               (yh30 - y * yh30 - y + y * yh30) / ((1 - yh30) * yh30),
                               (yh30 - y) / (yh30 - yh30 ** 2), 1 / (1 - yh30) - y / (yh30 * (1 - yh30))]), None)

# n31 chryoung dL/dz with a = sigma(z)
A_ = sig(z)
L31 = -y * sp.log(A_) - (1 - y) * sp.log(1 - A_)
c31 = [D(L31, z), (-y / A_ + (1 - y) / (1 - A_)) * D(A_, z), (-y / A_ + (1 - y) / (1 - A_)) * (A_ * (1 - A_)),
       -y * (1 - A_) + A_ * (1 - y), -y + A_ * y + A_ - A_ * y, A_ - y]
R["n31 dL/dz"] = (first_wrong(c31), None)
c31w = list(c31); c31w[3] = -y * (1 - A_) - A_ * (1 - y)
R["n31.wrong sign"] = (first_wrong(c31w), 3)

# n32 chryoung sigmoid via f = 1/sigma
sg = sig(x); dsg = D(sg, x)
R["n32 f'(x) chain"] = (first_wrong([D(1 + E(-x), x), -E(-x), D(1 / sg, x), -sg ** -2 * dsg, -dsg / sg ** 2]), None)
R["n32 -e^-x = 1 - f"] = (first_wrong([-E(-x), D(1 / sg, x), 1 - 1 / sg, (sg - 1) / sg]), None)
R["n32 solve for sigma'"] = (first_wrong([dsg, (1 - sg) / sg * sg ** 2, sg * (1 - sg)]), None)

# n33 emoji BCE notes: \hat y = sigma(z)
R["n33 dL/dyhat"] = (first_wrong([D(-(y * sp.log(Hs) + (1 - y) * sp.log(1 - Hs)), Hs), -y / Hs + (1 - y) / (1 - Hs)]), None)
R["n33 dL/dz"] = (first_wrong([D(L31, z), (-y / A_ + (1 - y) / (1 - A_)) * A_ * (1 - A_),
                               -y * (1 - A_) + (1 - y) * A_, -y + y * A_ + A_ - y * A_, A_ - y]), None)

# n34/n35 Mazur copy (numbers to the digits shown)
R["n34 E_o1"] = (first_wrong_num([(0.5 * (0.01 - 0.75136507) ** 2, None), (0.274811083, "0.274811083")]), None)
R["n34 E_total"] = (first_wrong_num([(0.274811083 + 0.023560026, None), (0.298371109, "0.298371109")]), None)
R["n35 dout/dnet"] = (first_wrong_num([(0.59326999 * (1 - 0.59326999), None), (0.241300709, "0.241300709")]), None)
R["n35 dE/dw1"] = (first_wrong_num([(0.036350306 * 0.241300709 * 0.05, None), (0.000438568, "0.000438568")]), None)
gw1 = 0.000438568
R["n35 w1 update (eta read as 0.15, the only value making link 2 true)"] = (
    first_wrong_num([(0.15 - 0.15 * gw1, None), (0.15 - 0.15 * gw1, None), (0.15 - 0.15 * gw1, None), (0.149780716, "0.149780716")]), 3)
R["n35 with the post's eta = 0.5 link 2 already fails"] = (
    first_wrong_num([(0.15 - 0.5 * gw1, None), (0.15 - 0.15 * gw1, "0.000000001")]), 1)

# n36 lesson chain rule examples
R["n36 (3x + 2)^5"] = (first_wrong([D((3 * x + 2) ** 5, x), 5 * (3 * x + 2) ** 4 * 3, 15 * (3 * x + 2) ** 4]), None)
R["n36.wrong exponent 5"] = (first_wrong([D((3 * x + 2) ** 5, x), 5 * (3 * x + 2) ** 4 * 3, 15 * (3 * x + 2) ** 5]), 2)
xt, yt = 2 * t, t ** 2
R["n36 dz/dt"] = (first_wrong([D(xt ** 2 + xt * yt, t), ((2 * x + y) * 2 + x * 2 * t).subs({x: xt, y: yt})]), None)
R["n36 at t = 1"] = (first_wrong_num([(((2 * x + y) * 2 + x * 2 * t).subs({x: 2, y: 1, t: 1}), None), ((4 + 1) * 2 + 2 * 2, None), (10 + 4, None), (14, None)]), None)

# n37 lesson numeric backprop (sigma(1.1) ~ 0.75 carried on as 0.75)
assert shown(1 / (1 + math.exp(-1.1)), "0.75")
R["n37 forward"] = (first_wrong_num([(0.5 * 2, None), (1.0, None)]) or first_wrong_num([(1.0 + 0.1, None), (1.1, None)])
                    or first_wrong_num([((0.75 - 1) ** 2, None), (0.0625, None)]), None)
R["n37 backward factors"] = (first_wrong_num([(2 * (0.75 - 1), None), (-0.5, None)]) or first_wrong_num([(0.75 * 0.25, None), (0.1875, None)]), None)
c37 = [((-0.5) * 0.1875 * 1 * 2, None), ((-0.5) * 0.1875 * 1 * 2, None), (-0.1875, None)]
R["n37 dL/dw"] = (first_wrong_num(c37), None)
c37w = list(c37); c37w[1] = ((-0.5) * 0.1875 * 1, None)
R["n37.wrong dropped dz/dw = 2"] = (first_wrong_num(c37w), 1)
R["n37 update"] = (first_wrong_num([(0.5 - 0.1 * (-0.1875), None), (0.5 + 0.01875, None), (0.51875, None)]), None)
R["n37 dy/dw = sigma'(a) x"] = (first_wrong([D(sig(w * x + b), w), D(sig(a), a).subs(a, w * x + b) * 1 * x]), None)

# n38 hoadm L2: J = L + lambda sum W_i^2 (scalar W), SGD step on J
Wt = S("Wt", real=True); Lw = sp.log(1 + Wt ** 2) + sp.sin(Wt)
Jw = Lw + lam * Wt ** 2
R["n38 L2 gradient"] = (first_wrong([D(Jw, Wt), D(Lw, Wt) + 2 * lam * Wt]), None)
R["n38 weight decay update"] = (first_wrong([Wt - eta * D(Jw, Wt), (1 - eta * lam) * Wt - eta * D(Lw, Wt)]), 1)
R["n38 (1 - 2 eta lambda) would hold"] = (first_wrong([Wt - eta * D(Jw, Wt), (1 - 2 * eta * lam) * Wt - eta * D(Lw, Wt)]), None)

# n39 nnconspect BCE Jacobian, N = 3
H3p = sp.symbols("hh1:4", positive=True)
bce = -sp.Rational(1, 3) * sum(Y3[i] * sp.log(H3p[i]) + (1 - Y3[i]) * sp.log(1 - H3p[i]) for i in range(3))
R["n39 BCE Jacobian entry"] = (first_wrong([D(bce, H3p[1]), -sp.Rational(1, 3) * (Y3[1] / H3p[1] - (1 - Y3[1]) / (1 - H3p[1]))]), None)

# n40 errorhandle residual: y = x + F(x), L = L(y) (scalars)
F40 = sp.sin(x) + x ** 3 / 7; y40 = x + F40
uu = S("uu", real=True); L40 = sp.log(2 + uu ** 2); dLdy = D(L40, uu).subs(uu, y40)
R["n40 dL/dx = dL/dy dy/dx"] = (first_wrong([D(L40.subs(uu, y40), x), dLdy * D(y40, x)]), None)
R["n40 dy/dx = 1 + dF/dx"] = (first_wrong([D(y40, x), 1 + D(F40, x)]), None)
R["n40 dL/dx = dL/dy + dL/dF (= dL/dy again)"] = (first_wrong([D(L40.subs(uu, y40), x), dLdy + dLdy]), 1)

bad = {k_: v for k_, v in R.items() if v[0] != v[1]}
for k_, (got, want) in R.items():
    print(f"{k_:58} first wrong link {got} (expected {want})")
assert not bad, bad
print(f"all {len(R)} hand checks agree with the verdict headers")
