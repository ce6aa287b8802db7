"""Numeric models in NumPy, for the checks of large instances; depends on nothing else in the package.

Modules: :mod:`~derivations.numerics.validate` (argument checks), :mod:`~derivations.numerics.networks`
(sigmoid networks and backpropagation), :mod:`~derivations.numerics.two_layer` (the tanh
reparameterization) and :mod:`~derivations.numerics.quadratic` (quadratic models near a minimum).
"""
