"""Writing files atomically: a reader never sees a half-written file, an interrupted write leaves none.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "note.tex"
>>> write_atomic(target, "x = y\\n").read_text()
'x = y\\n'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically: temp file, fsync, rename.

    Returns ``path``.  An existing file is replaced in one step, and no temporary file is left.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / 'a.tex'
    >>> _ = write_atomic(path, 'old\\n')
    >>> write_atomic(path, 'new\\n').read_text()
    'new\\n'
    >>> [p.name for p in path.parent.iterdir()]
    ['a.tex']
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
