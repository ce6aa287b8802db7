"""Documentation guarantees that hold for every module of the package."""

import importlib
import pkgutil

import pytest

import derivations


def _public_callables():
    """Yield (module name, public name, object) for every callable in every module's ``__all__``."""
    modules = [derivations.__name__] + [
        info.name for info in pkgutil.walk_packages(derivations.__path__, prefix="derivations.")
    ]
    for module_name in sorted(modules):
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if callable(obj):
                yield module_name, name, obj


PUBLIC = list(_public_callables())


def test_walk_finds_subpackages():
    """The walk reaches the checker and theorem subpackages, not only top-level modules."""
    modules = {module_name for module_name, _, _ in PUBLIC}
    assert any(m.startswith("derivations.checker") for m in modules)
    assert any(m.startswith("derivations.theorems") for m in modules)


@pytest.mark.parametrize(
    "obj", [obj for _, _, obj in PUBLIC], ids=[f"{m}.{n}" for m, n, _ in PUBLIC]
)
def test_public_name_has_summary_and_example(obj):
    """Every public callable has a docstring with a non-empty first line and a doctest example."""
    doc = obj.__doc__
    assert doc and doc.strip() and doc.strip().splitlines()[0].strip()
    assert ">>>" in doc
