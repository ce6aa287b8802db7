"""Writing files atomically: a reader never sees a half-written file, an interrupted write leaves none.

Every file gets the mode a plain ``open(path, "w")`` would give it: ``0o666`` less the user's
umask (``644`` under the usual umask ``022``), not the ``600`` of :func:`tempfile.mkstemp`.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "note.tex"
>>> write_atomic(target, "x = y\\n").read_text()
'x = y\\n'
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["write_atomic", "copy_atomic", "file_mode"]


def file_mode() -> int:
    """The mode a new file gets from the process's umask: ``0o666 & ~umask`` (``0o644`` for umask 022).

    Read from ``/proc/self/status`` where Linux offers it (no change to the process); elsewhere
    the umask is set and restored at once.

    >>> old = os.umask(0o027)
    >>> oct(file_mode())
    '0o640'
    >>> _ = os.umask(old)
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _replace_with(path: Path, fill) -> Path:
    """Create a temporary file beside ``path``, let ``fill(binary_file)`` write it, fsync, set the umask's mode, rename."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            fill(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_atomic(path: Path, text: str | bytes) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends; or bytes as they are) to ``path`` atomically: temp file, fsync, rename.

    Returns ``path``.  An existing file is replaced in one step, and no temporary file is left;
    the file's mode is the one the umask gives (:func:`file_mode`).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / 'a.tex'
    >>> _ = write_atomic(path, 'old\\n')
    >>> write_atomic(path, 'new\\n').read_text()
    'new\\n'
    >>> [p.name for p in path.parent.iterdir()]
    ['a.tex']
    >>> path.stat().st_mode & 0o777 == file_mode()
    True
    """
    return _replace_with(path, lambda f: f.write(text.encode("utf-8") if isinstance(text, str) else text))


def copy_atomic(source: Path, path: Path) -> Path:
    """Copy the file ``source`` to ``path`` atomically, with the mode the umask gives (for built PDFs).

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> src = write_atomic(folder / 'a.pdf', '%PDF-1.5\\n')
    >>> copy_atomic(src, folder / 'b.pdf').read_bytes()
    b'%PDF-1.5\\n'
    """
    with open(source, "rb") as src:
        return _replace_with(path, lambda f: shutil.copyfileobj(src, f))
