"""Generated lecture notes for the workload benchmarks: many distinct, true derivative steps.

``sigmoid_notes(ks)`` is a Markdown file with one display chain per k (three ``=`` steps each):
d/dz σ(z/k) = (1/k) e^{−z/k}/(1+e^{−z/k})² = (1/k)·1/(1+e^{−z/k})·e^{−z/k}/(1+e^{−z/k})
= (1/k) σ(z/k)(1 − σ(z/k)).  Every step is true; k = 2…101 gives the 300-step notes of issue 13.
"""

from __future__ import annotations

__all__ = ["sigmoid_notes"]


def sigmoid_notes(ks) -> str:
    """The notes for these k, as Markdown text (three true steps per k)."""
    out = ["# The sigmoid's derivative at many scales", ""]
    for k in ks:
        e = rf"e^{{-\frac{{z}}{{{k}}}}}"
        s = rf"\sigma\left(\frac{{z}}{{{k}}}\right)"
        out += [f"For k = {k}:", "", "$$",
                rf"\frac{{d}}{{dz}} {s} = \frac{{1}}{{{k}}} \frac{{{e}}}{{(1+{e})^2}}"
                rf" = \frac{{1}}{{{k}}} \cdot \frac{{1}}{{1+{e}}} \cdot \frac{{{e}}}{{1+{e}}}"
                rf" = \frac{{1}}{{{k}}} {s} \left(1 - {s}\right)",
                "$$", ""]
    return "\n".join(out)
