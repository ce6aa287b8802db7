"""The model: functions, definitions, domains, derivations and steps (depends on nothing above it).

Modules: :mod:`~derivations.core.functions` (σ, logit, σ′ as SymPy functions),
:mod:`~derivations.core.definitions` (what they mean, unfolded when checking),
:mod:`~derivations.core.domains` (where a symbol lives), :mod:`~derivations.core.model`
(``Derivation``, ``Step``, ``StepKind``, ``Builder``), :mod:`~derivations.core.instances` (general
theorems on concrete instances), :mod:`~derivations.core.notation` (expressions as plain text) and
:mod:`~derivations.core.hooks` (the one lazy hook to the layers above).
"""
