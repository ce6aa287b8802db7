"""Verification: two independent oracles and honest verdicts (depends on :mod:`derivations.core`).

Modules: :mod:`~derivations.verify.verdict` (``Status``, ``Verdict`` and its evidence),
:mod:`~derivations.verify.recipe` (``check_equal``: unfold, numeric check, symbolic ladder),
:mod:`~derivations.verify.symbolic` (the ladder's strategies), :mod:`~derivations.verify.numeric`
(the mpmath oracle), :mod:`~derivations.verify.worker` (the worker processes with time and memory
limits), :mod:`~derivations.verify.report` (a derivation's report) and
:mod:`~derivations.verify.selftest` (mutation testing of the verifier).
"""
