"""A class's answer sheets for the benchmarks: variants of the seed sheets, generated, never committed.

``variants(seeds, n, seed)`` returns ``n`` (name, text) pairs.  Each variant is a seed sheet with
its variables renamed (z → u, a → b, ..., the same renaming throughout, so true steps stay true),
and about half of them get an error injected into one display block (a ``+`` turned into ``-``,
or a digit changed), as students make them.  Renamings repeat across variants, so some steps recur
across sheets exactly, as they do in a real class.

>>> seeds = {"s.md": "$$\\\\sigma(-z) = 1 - \\\\sigma(z)$$\\n"}
>>> [name for name, _ in variants(seeds, 2, seed=0)]
['sheet-000-s.md', 'sheet-001-s.md']
"""

from __future__ import annotations

import random
import re
from pathlib import Path

__all__ = ["variants", "seed_sheets", "write_variants"]

SEEDS = Path("/work/shared/seeds")
_RENAMES = ({}, {"z": "u"}, {"z": "t", "a": "b"}, {"z": "s", "x": "v"}, {"a": "c", "y": "q"})
_BLOCK = re.compile(r"\$\$(.+?)\$\$", re.S)


def seed_sheets(folder: Path = SEEDS) -> dict[str, str]:
    """The seed sheets (every .txt and .md file except the README), by file name."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())
            if p.suffix in (".txt", ".md") and p.name != "README.md"}


def _rename(text: str, table: dict[str, str]) -> str:
    def math(m: re.Match) -> str:
        body = m.group(1)
        for old, new in table.items():
            body = re.sub(rf"(?<![\\A-Za-z]){old}(?![A-Za-z])", new, body)
        return f"$${body}$$"
    return _BLOCK.sub(math, text)


def _inject(text: str, rng: random.Random) -> str:
    blocks = [m for m in _BLOCK.finditer(text) if "=" in m.group(1)]
    if not blocks:
        return text
    m = rng.choice(blocks)
    body = m.group(1)
    plus = [k for k, ch in enumerate(body) if ch == "+"]
    digits = [k for k, ch in enumerate(body) if ch in "23456789"]
    if plus and (not digits or rng.random() < 0.5):
        k = rng.choice(plus)
        body = body[:k] + "-" + body[k + 1:]
    elif digits:
        k = rng.choice(digits)
        body = body[:k] + str(int(body[k]) + 1) + body[k + 1:]
    return text[:m.start(1)] + body + text[m.end(1):]


def variants(seeds: dict[str, str], n: int, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` variants of the seed sheets (renamed variables; about half with an injected error)."""
    rng = random.Random(seed)
    names = sorted(seeds)
    out = []
    for i in range(n):
        base = names[i % len(names)]
        text = _rename(seeds[base], _RENAMES[rng.randrange(len(_RENAMES))])
        if rng.random() < 0.5:
            text = _inject(text, rng)
        out.append((f"sheet-{i:03d}-{base}", text))
    return out


def write_variants(folder: Path, n: int = 100, seed: int = 0) -> list[Path]:
    """Write ``n`` variants of the seed sheets into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in variants(seed_sheets(), n, seed):
        paths.append(folder / name)
        paths[-1].write_text(text, encoding="utf-8")
    return paths
