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

from .registry import catalog, get, search
from .domains import POSITIVE, REAL, UNIT_INTERVAL, Domain, interval
from .errors import DerivationsError, InvalidInputError, UnknownDerivationError, UnsupportedError
from .model import Builder, Derivation, Step
from .report import Report
from .verifier import Limits, Verdict, check_equal
from .networks import TwoLayerNetwork, sigmoid_to_tanh

__version__ = "0.1.0"

__all__ = [
    # the catalog
    "catalog", "get", "search",
    # derivations
    "Derivation", "Step", "Builder",
    # verification
    "check_equal", "Verdict", "Report", "Limits",
    # networks (REPL helpers of tanh-reparameterization; more in derivations.networks)
    "sigmoid_to_tanh", "TwoLayerNetwork",
    # domains
    "Domain", "REAL", "POSITIVE", "UNIT_INTERVAL", "interval",
    # errors
    "DerivationsError", "InvalidInputError", "UnknownDerivationError", "UnsupportedError",
]
