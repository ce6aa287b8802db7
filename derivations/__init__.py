"""derivations: machine-checked, step-by-step derivations of neural-network theory.

>>> import derivations
>>> [d.id for d in derivations.catalog()][:3]
['sigmoid-derivative', 'sigmoid-symmetry', 'logit-inverse']
>>> d = derivations.get('sigmoid-derivative')
>>> d.verify().summary()
'sigmoid-derivative: 8 steps, 8 proved'

Importing the package changes nothing global: no SymPy settings, no display hooks, no process is
started until something is verified.
"""

from importlib import import_module

# Public name -> the module that defines it.  Loaded on first use (PEP 562), so `derivations list`
# and `import derivations` stay cheap: SymPy and NumPy are imported only when something needs them.
_EXPORTS = {
    "catalog": "theorems.catalog", "get": "theorems.catalog", "search": "theorems.catalog",
    "Derivation": "core.model", "Step": "core.model", "Builder": "core.model",
    "check_equal": "verify.recipe", "check_relation": "verify.relation", "Verdict": "verify.verdict",
    "Limits": "verify.recipe",
    "Report": "verify.report",
    "sigmoid_to_tanh": "numerics.two_layer", "TwoLayerNetwork": "numerics.two_layer",
    "Domain": "core.domains", "REAL": "core.domains", "POSITIVE": "core.domains",
    "UNIT_INTERVAL": "core.domains", "interval": "core.domains",
    "DerivationsError": "errors", "InvalidInputError": "errors", "UnknownDerivationError": "errors",
    "UnsupportedError": "errors",
}


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'derivations' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


__version__ = "0.1.0"

__all__ = [
    # the catalog
    "catalog", "get", "search",
    # derivations
    "Derivation", "Step", "Builder",
    # verification
    "check_equal", "check_relation", "Verdict", "Report", "Limits",
    # networks (REPL helpers of tanh-reparameterization; more in derivations.numerics.networks)
    "sigmoid_to_tanh", "TwoLayerNetwork",
    # domains
    "Domain", "REAL", "POSITIVE", "UNIT_INTERVAL", "interval",
    # errors
    "DerivationsError", "InvalidInputError", "UnknownDerivationError", "UnsupportedError",
]
