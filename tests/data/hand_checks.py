"""What the held-out corpora's hand re-checks share (tests/data/heldout*/verify_heldout*.py).

Not a test: the scripts that record how each verdict header was decided import these two helpers.
``same`` samples the global ``random`` module, which each script seeds.
"""

import random

import sympy as sp


def same(u, v, hyp=None):
    """Equal at 8 random points (rational, 30 digits) after substituting the hypothesis."""
    d = sp.sympify(u) - sp.sympify(v)
    if hyp:
        d = d.subs(hyp)
    free = sorted(d.free_symbols, key=str)
    for _ in range(8):
        val = complex(sp.N(d.subs({s: sp.Rational(random.randint(5, 95), 100) for s in free}), 30))
        if abs(val) > 1e-12:
            return False
    return True


def first_wrong(chain, hyp=None):
    """1-based index of the first link (chain[k-1] = chain[k]) that fails, or None."""
    for k in range(1, len(chain)):
        if not same(chain[k - 1], chain[k], hyp):
            return k
    return None
