"""Hand verdicts of tests/data/golden_real/ re-derived with SymPy (one function per file; each asserts).

``python tests/data/golden_real/verify_golden.py`` runs them all; tests/test_golden_real.py runs them too.
Undefined quantities (the loss L, E_n, the activation h) are replaced by concrete stand-ins, and index
sums are instantiated at small sizes, as in tests/data/heldout/verify_heldout.py.
"""

from __future__ import annotations

import sympy as sp

z, t = sp.symbols("z t", real=True)


def _relu_chain(gate):
    """dL/dz - dL/dh * gate for h = max(0, z) and a concrete L, at z = ±3/2 (the kink z = 0 has no derivative)."""
    h = sp.Max(0, z)
    loss = sp.sin(t) + t ** 3  # a stand-in for the undefined L(h)
    left = sp.diff(loss.subs(t, h), z)
    right = sp.diff(loss, t).subs(t, h) * gate
    return [sp.simplify((left - right).subs(z, v)) for v in (sp.Rational(3, 2), sp.Rational(-3, 2))]


def g01():
    """∂L/∂z = ∂L/∂h · 1[z > 0] holds off the kink; with 1[z < 0] it fails at z = 3/2; the sigmoid step holds."""
    assert _relu_chain(sp.Heaviside(z)) == [0, 0]
    assert _relu_chain(sp.Heaviside(-z)) != [0, 0]
    h = 1 / (1 + sp.exp(-z))
    loss = sp.sin(t) + t ** 3
    assert sp.simplify(sp.diff(loss.subs(t, h), z) - sp.diff(loss, t).subs(t, h) * h * (1 - h)) == 0


def g02():
    """max(0, z) = z · 1[z > 0] at every z ≠ 0 (and at 0 both are 0); z · 1[z < 0] differs at z = 1."""
    for v in (-2, -sp.Rational(1, 3), sp.Rational(1, 3), 2):
        assert sp.Max(0, v) == v * sp.Heaviside(v)
    assert sp.Max(0, 1) != 1 * sp.Heaviside(-1)


def g03():
    """d ReLU(z)/dz = 1[z > 0] off z = 0; it is not max(0, z) (at z = 2: 1 vs 2)."""
    derivative = sp.diff(sp.Max(0, z), z)
    assert [derivative.subs(z, v) for v in (-1, 2)] == [0, 1]
    assert derivative.subs(z, 2) != sp.Max(0, 2)


def g04(n=3):
    """(w - w*)^T H (w - w*) = Σ λ_i α_i² for symmetric H with orthonormal eigenvectors; so the ½ must stay."""
    lam = sp.symbols(f"l1:{n + 1}", real=True)
    alpha = sp.symbols(f"a1:{n + 1}", real=True)
    q = sp.Matrix([[2, -1, 2], [2, 2, -1], [-1, 2, 2]]) / 3  # orthogonal: columns are orthonormal
    assert sp.simplify(q.T * q) == sp.eye(n)
    hess = q * sp.diag(*lam) * q.T
    d = sum((alpha[i] * q[:, i] for i in range(n)), sp.zeros(n, 1))
    quad = sp.expand((d.T * hess * d)[0])
    assert sp.simplify(quad - sum(lam[i] * alpha[i] ** 2 for i in range(n))) == 0
    assert sp.simplify(quad / 2 - sum(lam[i] * alpha[i] ** 2 for i in range(n))) != 0


def g05(n=2):
    """∂E_n/∂w_ki = (y_k - t_k) x_i for y_k = Σ_i w_ki x_i, E_n = ½ Σ_k (y_k - t_k)²; x_k instead of x_i fails."""
    w = sp.Matrix(n, n, lambda k, i: sp.Symbol(f"w{k + 1}{i + 1}"))
    x = sp.symbols(f"x1:{n + 1}")
    tt = sp.symbols(f"t1:{n + 1}")
    y = [sum(w[k, i] * x[i] for i in range(n)) for k in range(n)]
    e_n = sp.Rational(1, 2) * sum((y[k] - tt[k]) ** 2 for k in range(n))
    for k in range(n):
        for i in range(n):
            assert sp.expand(sp.diff(e_n, w[k, i]) - (y[k] - tt[k]) * x[i]) == 0
    assert sp.expand(sp.diff(e_n, w[0, 1]) - (y[0] - tt[0]) * x[0]) != 0


def g06(n=2):
    """δ_j = h'(a_j) Σ_k w_kj δ_k with δ = ∂E_n/∂a (E_n a stand-in of the a_k); w_jk instead of w_kj fails."""
    h = sp.tanh
    a_in = sp.symbols(f"a1:{n + 1}")  # the hidden sums a_j
    v = sp.Matrix([[1, -2], [3, 5]])  # w_kj, k the next layer's unit
    a_out = [sum(v[k, j] * h(a_in[j]) for j in range(n)) for k in range(n)]
    s = sp.symbols(f"s1:{n + 1}")
    e_of = sp.sin(s[0]) * s[1] + s[0] ** 2  # E_n as a function of the a_k
    e_n = e_of.subs(dict(zip(s, a_out)), simultaneous=True)
    delta_k = [sp.diff(e_of, s[k]).subs(dict(zip(s, a_out)), simultaneous=True) for k in range(n)]
    hp = [sp.diff(h(a_in[j]), a_in[j]) for j in range(n)]
    for j in range(n):
        right = hp[j] * sum(v[k, j] * delta_k[k] for k in range(n))
        assert sp.simplify(sp.diff(e_n, a_in[j]) - right) == 0
    wrong = hp[0] * sum(v[0, k] * delta_k[k] for k in range(n))
    assert sp.simplify((sp.diff(e_n, a_in[0]) - wrong).subs({a_in[0]: 1, a_in[1]: 2})) != 0


def g07():
    """[1;0;0] ⊗ [2;3;4] as an outer product u v^T is [[2,3,4],[0,0,0],[0,0,0]], as the source says."""
    u, v = sp.Matrix([1, 0, 0]), sp.Matrix([2, 3, 4])
    assert u * v.T == sp.Matrix([[2, 3, 4], [0, 0, 0], [0, 0, 0]])
    assert sp.Matrix([0, 1, 0]) * sp.Matrix([5, 6, 7]).T == sp.Matrix([[0, 0, 0], [5, 6, 7], [0, 0, 0]])


CHECKS = (g01, g02, g03, g04, g05, g06, g07)

if __name__ == "__main__":
    for check in CHECKS:
        check()
        print(f"{check.__name__}: {check.__doc__.splitlines()[0]}")
