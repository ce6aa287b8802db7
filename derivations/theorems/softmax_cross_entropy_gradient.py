"""∂/∂z_i of −Σ_k y_k ln softmax(z)_k is softmax(z)_i − y_i, when Σ_k y_k = 1.

With p_k = softmax(z)_k = e^{z_k}/Σ_m e^{z_m} and J = −Σ_k y_k ln p_k: ln p_k = z_k − ln Σ_m e^{z_m},
so ∂ ln p_k/∂z_i = δ_{ki} − p_i and ∂J/∂z_i = −y_i + p_i Σ_k y_k.  Only the last step uses the
hypothesis Σ_k y_k = 1 (a one-hot label or any probability vector); without it the gradient is
p_i Σ_k y_k − y_i, and the variant ``no-hypothesis`` is refuted there.

The indexed steps are checked on instances: exactly for K = 2…5 classes (every z_k and y_k a
symbol; SymPy differentiates J itself; the hypothesis enters only the step that needs it, as
y_K = 1 − Σ_{k<K} y_k), and numerically for K = 1000 (complex-step derivatives of J).

>>> import derivations
>>> d = derivations.get('softmax-cross-entropy-gradient')
>>> d.step('hypothesis').justification
'the hypothesis Σ_(k=1..K) yₖ = 1 (used here, and only here)'
>>> [i.id for i in d.instances()][-1]
'softmax-cross-entropy-gradient-classes-1000'
>>> d.instantiate(classes=3, variant='no-hypothesis').verify().step('hypothesis-1').status
'refuted'
"""

from __future__ import annotations

from functools import partial

from sympy import Add, Derivative, Eq, KroneckerDelta, Sum, Symbol, evaluate, exp, log

from derivations.core.domains import REAL
from derivations.core.instances import (
    Family,
    Parameter,
    Probe,
    ProbeResult,
    check_seed,
    check_variant,
    choose_method,
    describe_shape,
    instance_id,
    symbol,
    whole_number,
)
from derivations.core.model import Builder, Derivation, SymbolSpec
from derivations.numerics.softmax import gradient_check

ID = "softmax-cross-entropy-gradient"
TITLE = "The gradient of softmax cross-entropy"
VARIANTS = ("correct", "no-hypothesis")
"""``no-hypothesis``: the last step checked for targets that need not sum to 1 (must be refuted)."""
DEFAULTS = tuple({"classes": k} for k in (2, 3, 4, 5)) + ({"classes": 1000},)
"""Exact for K = 2, 3, 4, 5; numeric for K = 1000."""
SYMBOLIC_MAX_CLASSES = 8

__all__ = ["derivation", "instance", "FAMILY", "DEFAULTS", "VARIANTS"]

_STEPS = ("linearity", "log-softmax", "collect", "hypothesis")
_HYPOTHESIS = "the hypothesis Σ_k y_k = 1 (used here, and only here)"


def derivation() -> Derivation:
    """The general derivation in indexed notation (classes i, k, m), checked on DEFAULTS.

    >>> [s.name for s in derivation().steps]
    ['linearity', 'log-softmax', 'collect', 'hypothesis']
    """
    i, k, m = (Symbol(n, integer=True, positive=True) for n in "ikm")
    K = Symbol("K", integer=True, positive=True)
    J = Symbol("J", real=True)
    zi, zk, zm, yi, yk = symbol("z", "i"), symbol("z", "k"), symbol("z", "m"), symbol("y", "i"), symbol("y", "k")
    pi, pk = symbol("p", "i"), symbol("p", "k")
    checked_on = "; ".join(describe_shape(tuple(FAMILY.complete(s).items())) for s in DEFAULTS)
    with evaluate(False):
        softmax = Eq(pk, exp(zk) / Sum(exp(zm), (m, 1, K)))
        loss = Eq(J, -Sum(yk * log(pk), (k, 1, K)))
        b = Builder(ID, TITLE, symbols=[], family=FAMILY,
                    summary=("The softmax turns scores z into probabilities ", softmax, "; the cross-entropy "
                             "with a target y is ", loss, ". Its gradient is the difference between the "
                             "prediction and the target, which is why it is the loss of choice for "
                             "classification."),
                    conditions=("For every class i = 1, …, K. The hypothesis ",
                                Eq(Sum(yk, (k, 1, K)), 1), " (a one-hot label, or any probability vector) "
                                "is used in the last step only; the steps before it hold for every y. The "
                                "indexed steps are checked on: " + checked_on + "."))
        b.statement(Derivative(J, zi), pi - yi)
        (b.chain(Derivative(J, zi))
          .eq(-Sum(yk * Derivative(log(pk), zi), (k, 1, K)), "the derivative of a sum, term by term",
              indexed=True, name="linearity")
          .eq(-Sum(yk * (KroneckerDelta(k, i) - pi), (k, 1, K)),
              ("since ", Eq(log(pk), zk - log(Sum(exp(zm), (m, 1, K)))), ", ",
               Eq(Derivative(log(pk), zi), KroneckerDelta(k, i) - pi)), indexed=True, name="log-softmax")
          .eq(-yi + pi * Sum(yk, (k, 1, K)), ("only k = i keeps ", KroneckerDelta(k, i)), indexed=True,
              name="collect")
          .eq(pi - yi, ("the hypothesis ", Eq(Sum(yk, (k, 1, K)), 1), " (used here, and only here)"), indexed=True,
              name="hypothesis"))
    return b.build()


# --- instances -------------------------------------------------------------------------------------

def _classes(value) -> int:
    return whole_number(value, "classes", 2)


def instance(classes, variant: str = "correct", seed: int = 0, method: str = "auto") -> Derivation:
    """The derivation for K classes: exact for K ≤ 5 by default (up to 8 on request), numeric otherwise.

    >>> instance(2).verify().summary()
    'softmax-cross-entropy-gradient-classes-2: 8 steps, 8 proved [instance classes=2 (symbolic)]'
    """
    K = _classes(classes)
    check_variant(variant, VARIANTS)
    check_seed(seed)
    method = choose_method(method, K <= 5, size=K, symbolic_max=SYMBOLIC_MAX_CLASSES, numeric_max=1_000_000,
                           unit="classes")
    shape = {"classes": K, "variant": variant, "seed": seed, "method": method}
    ident = instance_id(ID, shape, key="classes", variant=variant)
    return (_numeric if method == "numeric" else _symbolic)(ident, shape)


def _symbolic(ident: str, shape: dict) -> Derivation:
    K, variant = shape["classes"], shape["variant"]
    z = [symbol("z", k + 1) for k in range(K)]
    y = [symbol("y", k + 1) for k in range(K)]
    S = Add(*[exp(v) for v in z])
    p = [exp(v) / S for v in z]
    J = -Add(*[y[k] * log(p[k]) for k in range(K)])
    hyp = {y[-1]: 1 - Add(*y[:-1])} if variant == "correct" else {}
    Js, Ps = Symbol("J", real=True), [symbol("p", k + 1) for k in range(K)]
    kind = "" if variant == "correct" else ", wrong variant: targets need not sum to 1"
    b = Builder(ident, f"Softmax cross-entropy with {K} classes (symbolic{kind})", shape=shape,
                symbols=[SymbolSpec(v, REAL, "score") for v in z] + [SymbolSpec(v, REAL, "target") for v in y],
                summary="Every score z_k and target y_k is a symbol; p_k abbreviates softmax(z)_k and J the loss "
                        "−Σ_k y_k ln p_k. Each line is checked against SymPy's own derivative of J.",
                conditions=("The first three lines hold for every y. The last uses the hypothesis: it is checked "
                            f"with y_{K} = 1 − (y_1 + … + y_{K - 1})." if variant == "correct" else
                            "The last line is checked with y_1, …, y_K free (Σ_k y_k = 1 not assumed): it must be "
                            "refuted."))
    with evaluate(False):
        for n, name in enumerate(_STEPS):
            for i in range(K):
                dJ = Derivative(J, z[i])
                shown, rhs = {
                    "linearity": (-Add(*[y[k] * Derivative(log(Ps[k]), z[i]) for k in range(K)]),
                                  -Add(*[y[k] * Derivative(log(p[k]), z[i]) for k in range(K)])),
                    "log-softmax": (-Add(*[y[k] * ((1 if k == i else 0) - Ps[i]) for k in range(K)]),
                                    -Add(*[y[k] * ((1 if k == i else 0) - p[i]) for k in range(K)])),
                    "collect": (-y[i] + Ps[i] * Add(*y), -y[i] + p[i] * Add(*y)),
                    "hypothesis": (Ps[i] - y[i], p[i] - y[i]),
                }[name]
                checked = (dJ.xreplace(hyp), rhs.xreplace(hyp)) if name == "hypothesis" else (dJ, rhs)
                why = {"linearity": "term by term", "log-softmax": "∂ ln p_k/∂z_i = δ_ki − p_i",
                       "collect": "collect the terms", "hypothesis": _HYPOTHESIS if variant == "correct" else
                       "without the hypothesis (wrong)"}[name]
                b.check(Derivative(Js, z[i]), shown, why, of=(name,), checked=[checked], name=f"{name}-{i + 1}",
                        group=i == 0)
    return b.build()


def _probe(shape: dict) -> ProbeResult:
    r = gradient_check(shape["classes"], seed=shape["seed"], normalized=shape["variant"] == "correct")
    return ProbeResult(r.passed, r.max_rel_error, r.checks, f"class {r.worst_index + 1} (Σ_k y_k = {r.sum_y:.6g})",
                       f"{r.expected:.12g} (complex step)", f"{r.got:.12g} ({r.form})")


def _numeric(ident: str, shape: dict) -> Derivation:
    K, variant = shape["classes"], shape["variant"]
    target = "y from a Dirichlet distribution (Σ_k y_k = 1)" if variant == "correct" else \
        "y ~ U(0, 1), not normalised (wrong variant)"
    b = Builder(ident, f"Softmax cross-entropy with {K} classes (numeric)", symbols=[], shape=shape,
                summary=f"Random scores z ~ N(0, 4) and {target}, seed {shape['seed']}.",
                conditions="float64 checks: the verdict is at best 'confirmed'.")
    probe = Probe("complex-step derivatives of J = Σ_k y_k (logsumexp(z) − z_k) (step 1e-30i) against p_i − y_i "
                  "and −y_i + p_i Σ_k y_k, every class, relative to max |∂J/∂z|", 1e-10, shape["seed"],
                  partial(_probe, shape))
    with evaluate(False):
        b.check(Derivative(Symbol("J", real=True), symbol("z", "i")), symbol("p", "i") - symbol("y", "i"),
                "for every class i, against complex-step derivatives of J", of=_STEPS, probe=probe,
                name="gradient")
    return b.build()


FAMILY = Family(
    parameters=(
        Parameter("classes", "the number of classes K (exact for K <= 5)", None, _classes),
        Parameter("variant", "correct, or no-hypothesis (targets that need not sum to 1: must be refuted)",
                  "correct"),
        Parameter("seed", "seed of the random numeric instance", 0, int),
        Parameter("method", "symbolic, numeric, or auto (symbolic when K <= 5)", "auto"),
    ),
    build=instance,
    defaults=DEFAULTS,
)
