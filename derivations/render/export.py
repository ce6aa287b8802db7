"""Writing LaTeX (and PDFs) to disk: deterministic bytes, atomic writes, real pdflatex.

``latex_out/`` holds, for each derivation, ``<id>.tex`` (a fragment to ``\\input``) and
``<id>-standalone.tex`` (a document), plus ``derivations.tex`` (the book of all of them).
Every file is written to a temporary file in the same directory and renamed into place, so an
interrupted export never leaves a half-written file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from derivations.errors import DerivationsError
from derivations.render.files import copy_atomic, write_atomic
from derivations.render.latex import book, document, fragment

__all__ = ["ExportResult", "export", "prepare", "write_atomic", "compile_pdf", "pdflatex", "PdfError"]

BOOK = "derivations.tex"


class PdfError(DerivationsError):
    """pdflatex is missing or failed; the message says which, with the end of its log.

    >>> err = PdfError("pdflatex failed on note.tex:\\n! Undefined control sequence.")
    >>> isinstance(err, DerivationsError), str(err).splitlines()[0]
    (True, 'pdflatex failed on note.tex:')
    """


@dataclass(frozen=True)
class ExportResult:
    """The files an export wrote (LaTeX always, PDFs when asked for) and each derivation's report.

    >>> import tempfile
    >>> import derivations
    >>> result = export([derivations.get('sigmoid-symmetry')], tempfile.mkdtemp(), verify=False)
    >>> [p.name for p in result.written]
    ['sigmoid-symmetry.tex', 'sigmoid-symmetry-standalone.tex', 'derivations.tex']
    >>> result.pdfs, result.reports  # no PDFs asked for; not verified
    ((), (None,))
    """

    written: tuple[Path, ...]
    pdfs: tuple[Path, ...]
    reports: tuple




def pdflatex() -> str | None:
    """The path of pdflatex, or None when it is not installed.

    >>> import os
    >>> exe = pdflatex()
    >>> exe is None or os.path.basename(exe) == 'pdflatex'
    True
    """
    return shutil.which("pdflatex")


def compile_pdf(tex: Path, out_dir: Path, *, timeout: float = 120) -> Path:
    """Compile ``tex`` with ``pdflatex -halt-on-error -no-shell-escape`` (twice, for references).

    Runs in a temporary directory (with ``tex``'s directory on TEXINPUTS for ``\\input``) and moves
    the PDF into ``out_dir`` atomically (with the mode the umask gives, like every exported file).  Raises PdfError when pdflatex is missing or fails.

    >>> import os, pathlib, tempfile
    >>> from unittest import mock
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> tex = write_atomic(out / 'note.tex', r'\\documentclass{article}\\begin{document}x\\end{document}')
    >>> # as on a machine without TeX:
    >>> with mock.patch.dict(os.environ, {'PATH': ''}):  # doctest: +ELLIPSIS
    ...     compile_pdf(tex, out)
    Traceback (most recent call last):
    ...
    derivations.render.export.PdfError: pdflatex is not installed: install TeX Live ...
    """
    exe = pdflatex()
    if exe is None:
        raise PdfError("pdflatex is not installed: install TeX Live (Debian: apt-get install "
                       "texlive-latex-base texlive-latex-recommended texlive-pictures lmodern) "
                       "to build PDFs; the .tex files were written")
    tex = Path(tex).resolve()
    env = {**os.environ, "TEXINPUTS": f"{tex.parent}{os.pathsep}", "SOURCE_DATE_EPOCH": "0",
           "FORCE_SOURCE_DATE": "1"}
    with tempfile.TemporaryDirectory(prefix="derivations-tex-") as work:
        for _ in range(2):
            try:
                run = subprocess.run([exe, "-halt-on-error", "-no-shell-escape", "-interaction=nonstopmode",
                                      tex.name], cwd=work, env=env, capture_output=True, text=True,
                                     errors="replace", timeout=timeout, stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                raise PdfError(f"pdflatex ran longer than {timeout:g} s on {tex.name}") from None
            if run.returncode != 0:
                tail = "\n".join(run.stdout.splitlines()[-15:])
                raise PdfError(f"pdflatex failed on {tex.name}:\n{tail}")
        built = Path(work) / f"{tex.stem}.pdf"
        target = copy_atomic(built, Path(out_dir) / built.name)
    return target


def prepare(derivations: Iterable, out_dir: Path, verify: bool) -> tuple[Path, list, tuple]:
    """What every export starts with: the output directory (created), the derivations, their reports.

    The reports are ``None`` when ``verify`` is false.

    >>> import pathlib, tempfile
    >>> import derivations
    >>> out, items, reports = prepare([derivations.get('sigmoid-symmetry')], pathlib.Path(tempfile.mkdtemp()) / 'new', False)
    >>> out.is_dir(), [d.id for d in items], reports
    (True, ['sigmoid-symmetry'], (None,))
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    items = list(derivations)
    return out_dir, items, tuple(d.verify() if verify else None for d in items)


def export(derivations: Iterable, out_dir: Path, *, pdf: bool = False, with_book: bool = True,
           verify: bool = True) -> ExportResult:
    """Write each derivation's fragment and standalone document (and the book) into ``out_dir``.

    With ``verify`` (the default) each derivation is verified first and the documents say how
    every step was checked.  With ``pdf`` the standalone documents and the book are compiled.

    >>> import pathlib, tempfile
    >>> import derivations
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> result = export([derivations.get('logit-inverse')], out, with_book=False)
    >>> sorted(p.name for p in out.iterdir())
    ['logit-inverse-standalone.tex', 'logit-inverse.tex']
    >>> result.reports[0].summary()
    'logit-inverse: 11 steps, 11 proved'
    >>> 'Verification.' in (out / 'logit-inverse.tex').read_text()
    True
    """
    out_dir, items, reports = prepare(derivations, out_dir, verify)
    written: list[Path] = []
    for d, report in zip(items, reports):
        written.append(write_atomic(out_dir / f"{d.id}.tex", fragment(d, report)))
        written.append(write_atomic(out_dir / f"{d.id}-standalone.tex", document(d, report)))
    if with_book:
        written.append(write_atomic(out_dir / BOOK, book(items, [d.id for d in items])))
    pdfs: list[Path] = []
    if pdf:
        targets = [p for p in written if p.name.endswith("-standalone.tex") or p.name == BOOK]
        pdfs = [compile_pdf(p, out_dir) for p in targets]
    return ExportResult(tuple(written), tuple(pdfs), reports)
