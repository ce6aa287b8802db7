"""Rendering: LaTeX, plain text, figures and exported files (depends on core and verify).

Modules: :mod:`~derivations.render.escape` (the one escaper of prose), :mod:`~derivations.render.latex`
(fragments, documents, the book), :mod:`~derivations.render.text` (``derivations show``),
:mod:`~derivations.render.figure` (figure data, pgfplots and SVG), :mod:`~derivations.render.export`
(``latex_out/`` and PDFs) and :mod:`~derivations.render.files` (atomic writes).
"""
