"""The catalog: one table (:mod:`~derivations.theorems.catalog`) and one module per theorem.

Each theorem module exposes ``derivation() -> Derivation`` (built fresh, cheap, pure) and the
builders of its figures; a new theorem is one module plus one row of ``catalog._ENTRIES``.
"""
