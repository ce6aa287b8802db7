"""Session set-up for every test, doctest and README example: a private verdict cache.

The disk cache (derivations.verify.cache) is on by default; the suite gives it a fresh temporary
folder, so tests never read or write the user's ~/.cache and a run never reuses verdicts of an
earlier run.  Subprocesses (CLI tests) inherit the variable.
"""

import os
import shutil
import tempfile


def pytest_configure(config):
    folder = tempfile.mkdtemp(prefix="derivations-test-cache-")
    config._derivations_cache = folder
    os.environ["DERIVATIONS_CACHE_DIR"] = folder


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "_derivations_cache", ""), ignore_errors=True)
