"""Shared test helpers: real external tools are required under CI, never silently skipped."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str) -> str:
    """Path of an external tool; skip when it is missing, but FAIL when CI=true (CI must have it)."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{message}, and CI=true requires it")
        pytest.skip(message)
    return path
