"""Benchmarks of the derivations library (run ``python benchmarks/run.py``)."""
