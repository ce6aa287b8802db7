"""The package's shape, pinned: stage folders, dependencies pointing one way, no cycles, no huge modules.

docs/architecture.md describes the layers; this test keeps the code true to it (the same rules as
the workplace's import_graph tool: imports inside functions and under TYPE_CHECKING count too).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "derivations"

#: layer -> the layers it may import (besides itself and the base module derivations.errors)
ALLOWED = {
    "core": set(),
    "numerics": set(),
    "verify": {"core"},
    "render": {"core", "verify"},
    "theorems": {"core", "numerics", "verify", "render"},
    "checker": {"core", "numerics", "verify", "render"},
}
TOP_LEVEL = {"__init__", "__main__", "errors", "cli"}
MAX_LINES = 800


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module of the package that ``name`` imports, anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in modules:
                t = t.rsplit(".", 1)[0] if "." in t else ""
            if t and t != name and t.startswith("derivations") and modules[t].name != "__init__.py":
                found.add(t)
    return found


MODULES = _modules()
GRAPH = {name: _imports(name, path, MODULES) for name, path in MODULES.items()}


def _layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED) else "top"


@pytest.mark.parametrize("name", sorted(n for n in GRAPH if _layer(n) in ALLOWED))
def test_dependencies_point_one_way(name):
    """A module imports only its own layer, the layers below it, and derivations.errors."""
    layer = _layer(name)
    wrong = sorted(t for t in GRAPH[name]
                   if t != "derivations.errors" and _layer(t) != layer and _layer(t) not in ALLOWED[layer])
    assert not wrong, f"{name} ({layer}) imports {wrong}; {layer} may import {sorted(ALLOWED[layer]) or 'nothing'}"


def test_no_import_cycles():
    """No group of modules imports each other in a circle (Tarjan's strongly connected components)."""
    index, low, stack, on, cycles = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for v in GRAPH:
        if v not in index:
            visit(v)
    assert cycles == []


def test_modules_stay_small_and_the_top_level_holds_only_entry_points():
    """No module over 800 lines; the package's top level is the entry points and the stage folders."""
    long = {n: len(p.read_text("utf-8").splitlines()) for n, p in MODULES.items()}
    assert {n: k for n, k in long.items() if k > MAX_LINES} == {}
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == TOP_LEVEL
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(ALLOWED)
