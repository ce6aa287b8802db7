"""Figures for the exported notes and for REPL/Jupyter: one data source, two renderers.

A :class:`Figure` holds *data* (sampled points computed here in Python, labels, ranges, ticks),
never drawing code.  Two renderers turn the same object into

* **pgfplots** (:func:`to_pgfplots`, :func:`to_latex_figure`) for the LaTeX notes, and
* **SVG** (:func:`to_svg`, also ``Figure._repr_svg_``) for Jupyter and the web.

Why pgfplots-from-coordinates plus a hand-written SVG, and not matplotlib or a TeX-side plot:

* both outputs are **vector** graphics, sharp at any zoom and in print;
* **no plotting dependency**: matplotlib is not needed at import time, at test time or by the
  LaTeX build (pgfplots ships with every TeX distribution);
* the PDF and the notebook show **the same data**: pgfplots receives the very points the SVG draws
  (``\\addplot coordinates {...}``, not ``\\addplot {1/(1+exp(-x))}`` evaluated by TeX's
  low-precision arithmetic), and the ticks are computed once here and handed to both;
* the output is **deterministic bytes**: numbers are written with a fixed number of significant
  digits, so re-exporting an unchanged figure gives an identical file (clean diffs, reproducible
  builds).

The document writer must put :data:`PREAMBLE` in the preamble of any document that ``\\input``s a
figure; it only needs pgfplots (colours are given inline, arrows use the built-in ``stealth`` tip).
:data:`PALETTE` is the fixed set of colour names a series may use (colour-blind-safe, Okabe-Ito).

>>> print(PREAMBLE)
\\usepackage{pgfplots}
\\pgfplotsset{compat=1.18}
>>> sorted(PALETTE)
['black', 'blue', 'green', 'grey', 'orange', 'purple', 'red']

The figures themselves are data built by the theorem modules (each catalog row names its figure
builders; see :func:`derivations.theorems.catalog.figures_for`).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

from derivations.core.notation import math_to_unicode
from derivations.errors import InvalidInputError
from derivations.render.escape import escape_text
from derivations.render.files import write_atomic

__all__ = [
    "PREAMBLE",
    "PALETTE",
    "Series",
    "Annotation",
    "Grid",
    "Figure",
    "to_pgfplots",
    "to_latex_figure",
    "to_svg",
    "as_points",
    "number",
    "grid",
]

Point = tuple[float, float]

PREAMBLE = "\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.18}"

#: colour name -> (R, G, B), 0-255 (Okabe-Ito palette plus black and grey).
PALETTE: dict[str, tuple[int, int, int]] = {
    "blue": (0, 114, 178),
    "orange": (230, 159, 0),
    "red": (213, 94, 0),
    "green": (0, 158, 115),
    "purple": (204, 121, 167),
    "black": (0, 0, 0),
    "grey": (128, 128, 128),
}

#: line style -> (pgfplots option, SVG stroke-dasharray or None for no line at all).
_STYLES: dict[str, tuple[str, str | None]] = {
    "solid": ("solid", ""),
    "dashed": ("dashed", "6 4"),
    "dotted": ("dotted", "1.5 3"),
    "none": ("only marks", None),
}

#: line width -> (pgfplots option, SVG stroke-width in px).
_WIDTHS: dict[str, tuple[str, str]] = {
    "semithick": ("semithick", "1.2"),
    "thick": ("thick", "1.6"),
    "very thick": ("very thick", "2.6"),
}

#: marker -> (pgfplots mark, SVG: filled?)
_MARKERS: dict[str, tuple[str, bool]] = {
    "none": ("none", False),
    "o": ("o", False),
    "*": ("*", True),
}

#: label side (TikZ placement keyword) -> (dx, dy, SVG text-anchor, SVG dy in em) in SVG space.
_SIDES: dict[str, tuple[float, float, str, str]] = {
    "above": (0, -5, "middle", "0"),
    "below": (0, 5, "middle", "0.8em"),
    "left": (-5, 0, "end", "0.35em"),
    "right": (5, 0, "start", "0.35em"),
    "above left": (-4, -4, "end", "0"),
    "above right": (4, -4, "start", "0"),
    "below left": (-4, 4, "end", "0.8em"),
    "below right": (4, 4, "start", "0.8em"),
}

#: legend position -> where the SVG legend box goes (fractions of the axis box; "outer" = right of it).
_LEGEND_POS: dict[str, tuple[str, str]] = {
    "north west": ("left", "top"),
    "north east": ("right", "top"),
    "south west": ("left", "bottom"),
    "south east": ("right", "bottom"),
    "outer north east": ("outer", "top"),
}

_ANNOTATION_KINDS = ("point", "segment", "arrow")
_SIG_DIGITS = 6
_PX_PER_CM = 40.0
_FONT_PX = 13.0
_ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")


# --------------------------------------------------------------------------------------------
# data model


def as_points(points: Iterable[Sequence[float]], what: str) -> tuple[Point, ...]:
    """Points as a tuple of finite float pairs; InvalidInputError naming ``what`` otherwise.

    >>> as_points([(0, 1), [2, 3.5]], "points")
    ((0.0, 1.0), (2.0, 3.5))
    """
    out = []
    for p in points:
        if len(p) != 2:
            raise InvalidInputError(f"{what}: every point needs exactly two coordinates, got {p!r}")
        x, y = float(p[0]), float(p[1])
        if not (math.isfinite(x) and math.isfinite(y)):
            raise InvalidInputError(f"{what}: point {p!r} is not finite")
        out.append((x, y))
    return tuple(out)


def _check_choice(value: str, table: Iterable[str], what: str) -> None:
    if value not in table:
        raise InvalidInputError(f"{what} must be one of {sorted(table)}, got {value!r}")


@dataclass(frozen=True, repr=False)
class Series:
    """One curve: LaTeX-math label, sampled (x, y) points, line style, palette colour and markers.

    >>> s = Series(r"\\sigma(z)", [(0, 0.5), (1, 0.73)], colour="blue")
    >>> s
    Series('\\\\sigma(z)', 2 points, solid blue)
    >>> s.points[0]
    (0.0, 0.5)
    """

    label: str
    points: tuple[Point, ...]
    style: str = "solid"
    colour: str = "blue"
    marker: str = "none"
    mark_every: int = 1
    width: str = "thick"

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", as_points(self.points, f"series {self.label!r}"))
        _check_choice(self.style, _STYLES, "style")
        _check_choice(self.width, _WIDTHS, "width")
        _check_choice(self.colour, PALETTE, "colour")
        _check_choice(self.marker, _MARKERS, "marker")
        if self.style == "none" and self.marker == "none":
            raise InvalidInputError("a series with style 'none' needs a marker, or it is invisible")
        if self.mark_every < 1:
            raise InvalidInputError(f"mark_every must be >= 1, got {self.mark_every}")

    def __repr__(self) -> str:
        return f"Series({self.label!r}, {len(self.points)} points, {self.style} {self.colour})"


@dataclass(frozen=True)
class Annotation:
    """A marked point, segment or arrow with an optional LaTeX-math label placed on one side.

    ``label_pos`` is the fraction of the way from ``start`` to ``end`` where the label sits;
    ``side`` is a TikZ placement keyword (``above``, ``below left``, ...).

    >>> a = Annotation("arrow", (0, 0), (1, 0), r"\\mathbf{u}_1", side="below")
    >>> a.kind, a.end
    ('arrow', (1.0, 0.0))
    """

    kind: str
    start: Point
    end: Point | None = None
    label: str = ""
    colour: str = "black"
    style: str = "solid"
    side: str = "above"
    label_pos: float = 0.5

    def __post_init__(self) -> None:
        _check_choice(self.kind, _ANNOTATION_KINDS, "annotation kind")
        _check_choice(self.colour, PALETTE, "colour")
        _check_choice(self.style, [s for s in _STYLES if s != "none"], "annotation style")
        _check_choice(self.side, _SIDES, "label side")
        (start,) = as_points([self.start], "annotation start")
        end = start if self.end is None else as_points([self.end], "annotation end")[0]
        if self.kind == "point" and end != start:
            raise InvalidInputError("a point annotation has no end")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    def label_anchor(self) -> Point:
        """The data point the label is attached to (``label_pos`` of the way along).

        >>> Annotation("segment", (0, 0), (2, 4), label_pos=0.5).label_anchor()
        (1.0, 2.0)
        """
        (x0, y0), (x1, y1) = self.start, self.end
        t = self.label_pos
        return (x0 + t * (x1 - x0), y0 + t * (y1 - y0))


@dataclass(frozen=True)
class Grid:
    """A matrix of numbers drawn as square cells, each shaded by its value and labelled with it.

    ``origin`` is the top-left corner in data coordinates, one cell is ``cell`` data units wide,
    row 0 is at the top (as the matrix is written); ``title`` (LaTeX math) goes above the grid. A
    cell's shade places its |value| between the grid's smallest and largest, in ``colour``.

    >>> g = Grid([[1, 2], [3, 4]], (0, 0), r"\\mathbf{W}")
    >>> g.shape, g.shade(0, 1), g.cell_centre(1, 0)
    ((2, 2), 0.3333333333333333, (0.5, -1.5))
    """

    values: tuple[tuple[float, ...], ...]
    origin: Point
    title: str = ""
    colour: str = "blue"
    cell: float = 1.0

    def __post_init__(self) -> None:
        rows = tuple(tuple(float(v) for v in row) for row in self.values)
        if not rows or not rows[0] or any(len(r) != len(rows[0]) for r in rows):
            raise InvalidInputError(f"a grid needs equally long, non-empty rows, got {self.values!r}")
        if not all(math.isfinite(v) for r in rows for v in r):
            raise InvalidInputError(f"grid {self.title!r} has non-finite values")
        _check_choice(self.colour, PALETTE, "colour")
        if not (math.isfinite(self.cell) and self.cell > 0):
            raise InvalidInputError(f"cell size must be positive, got {self.cell!r}")
        object.__setattr__(self, "values", rows)
        object.__setattr__(self, "origin", as_points([self.origin], "grid origin")[0])

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns)."""
        return len(self.values), len(self.values[0])

    def shade(self, i: int, j: int) -> float:
        """Where |value| lies between the grid's smallest and largest |value|, in [0, 1] (0.25 if all equal)."""
        sizes = [abs(v) for r in self.values for v in r]
        lo, top = min(sizes), max(sizes)
        return 0.25 if top == lo else (abs(self.values[i][j]) - lo) / (top - lo)

    def cell_box(self, i: int, j: int) -> tuple[Point, Point]:
        """The (top-left, bottom-right) corners of cell (i, j) in data coordinates."""
        x, y = self.origin[0] + j * self.cell, self.origin[1] - i * self.cell
        return (x, y), (x + self.cell, y - self.cell)

    def cell_centre(self, i: int, j: int) -> Point:
        """The centre of cell (i, j) in data coordinates."""
        (x0, y0), (x1, y1) = self.cell_box(i, j)
        return ((x0 + x1) / 2, (y0 + y1) / 2)

    def fill(self, i: int, j: int) -> tuple[int, int, int]:
        """The cell's fill colour: white mixed with ``colour`` by :meth:`shade` (at most 75 %)."""
        t = 0.75 * self.shade(i, j)
        return tuple(round(255 + t * (c - 255)) for c in PALETTE[self.colour])  # type: ignore[return-value]

    def dark(self, i: int, j: int) -> bool:
        """Whether the cell is dark enough for a white number."""
        return self.shade(i, j) > 0.7


@dataclass(frozen=True, repr=False)
class Figure:
    """A complete figure as data: id, caption (plain text), axis labels (LaTeX math), ranges, series.

    ``aspect="equal"`` draws one unit equally long on both axes (for the ellipses); ticks default
    to "nice" values computed from the ranges, the same for PDF and SVG.  ``grids`` are matrices
    drawn as shaded cells (:class:`Grid`); ``axes=False`` hides the axis box and ticks (a figure of
    grids only).

    >>> f = Figure("demo", "A line.", "x", "y", (0, 1), (0, 1), (Series("y=x", [(0, 0), (1, 1)]),))
    >>> f
    Figure('demo', 1 series, 0 annotations)
    >>> f.xticks
    (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
    """

    id: str
    caption: str
    xlabel: str
    ylabel: str
    xrange: Point
    yrange: Point
    series: tuple[Series, ...]
    annotations: tuple[Annotation, ...] = ()
    aspect: str = "auto"
    legend_pos: str = "north west"
    width_cm: float = 9.0
    height_cm: float = 5.5
    xticks: tuple[float, ...] | None = field(default=None)
    yticks: tuple[float, ...] | None = field(default=None)
    grids: tuple[Grid, ...] = ()
    axes: bool = True

    def __post_init__(self) -> None:
        if not _ID_RE.match(self.id):
            raise InvalidInputError(f"figure id must match {_ID_RE.pattern}, got {self.id!r}")
        for name in ("xrange", "yrange"):
            lo, hi = (float(v) for v in getattr(self, name))
            if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
                raise InvalidInputError(f"{name} must be finite with min < max, got {(lo, hi)}")
            object.__setattr__(self, name, (lo, hi))
        _check_choice(self.aspect, ("auto", "equal"), "aspect")
        _check_choice(self.legend_pos, _LEGEND_POS, "legend_pos")
        object.__setattr__(self, "series", tuple(self.series))
        object.__setattr__(self, "annotations", tuple(self.annotations))
        object.__setattr__(self, "grids", tuple(self.grids))
        for item, cls in ([(s, Series) for s in self.series] + [(a, Annotation) for a in self.annotations]
                          + [(g, Grid) for g in self.grids]):
            if not isinstance(item, cls):
                raise InvalidInputError(f"expected a {cls.__name__}, got {item!r}")
        for name, rng in (("xticks", self.xrange), ("yticks", self.yrange)):
            ticks = getattr(self, name)
            ticks = _nice_ticks(*rng) if ticks is None else tuple(float(t) for t in ticks)
            object.__setattr__(self, name, ticks)

    def __repr__(self) -> str:
        grids = f", {len(self.grids)} grids" if self.grids else ""
        return f"Figure({self.id!r}, {len(self.series)} series, {len(self.annotations)} annotations{grids})"

    def _repr_svg_(self) -> str:
        """The SVG rendering, so that Jupyter displays the figure.

        >>> from derivations.theorems.sigmoid_derivative import sigmoid_and_derivative
        >>> sigmoid_and_derivative()._repr_svg_().startswith("<svg")
        True
        """
        return to_svg(self)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the figure atomically as ``.svg`` (SVG) or ``.tex`` (a LaTeX ``figure`` float).

        >>> import tempfile, pathlib
        >>> from derivations.theorems.tanh_reparameterization import sigmoid_vs_tanh
        >>> with tempfile.TemporaryDirectory() as d:
        ...     p = sigmoid_vs_tanh().save(pathlib.Path(d) / "fig.svg")
        ...     p.read_text(encoding="utf-8") == to_svg(sigmoid_vs_tanh())
        True
        """
        path = Path(path)
        render = _WRITERS.get(path.suffix.lower())
        if render is None:
            raise InvalidInputError(f"cannot save a figure as {path.suffix!r}; use one of {sorted(_WRITERS)}")
        write_atomic(path, render(self))
        return path




# --------------------------------------------------------------------------------------------
# numbers and ticks


def number(x: float, digits: int = _SIG_DIGITS) -> str:
    """Fixed significant digits, no negative zero: the same float always gives the same bytes.

    >>> number(0.1 + 0.2), number(-0.0), number(2 / 3, 3)
    ('0.3', '0', '0.667')
    """
    s = f"{x:.{digits}g}"
    return "0" if s in ("-0", "0") else s


def _nice_ticks(lo: float, hi: float, target: int = 6) -> tuple[float, ...]:
    step = _nice_step((hi - lo) / target)
    first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    return tuple(float(number(k * step, 12)) for k in range(first, last + 1))


def _nice_step(raw: float) -> float:
    exp = math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * 10**exp >= raw * (1 - 1e-9):
            return float(number(m * 10.0**exp, 12))
    raise AssertionError("unreachable")  # pragma: no cover


# --------------------------------------------------------------------------------------------
# pgfplots renderer


def _pgf_colour(name: str) -> str:
    return _pgf_rgb(PALETTE[name])


def _pgf_rgb(rgb: tuple[int, int, int]) -> str:
    r, g, b = rgb
    return f"{{rgb,255:red,{r};green,{g};blue,{b}}}"


def _pgf_coords(points: Sequence[Point], per_line: int = 4) -> str:
    items = [f"({number(x)},{number(y)})" for x, y in points]
    return "\n".join(" ".join(items[i : i + per_line]) for i in range(0, len(items), per_line))


def _pgf_list(values: Sequence[float]) -> str:
    return ",".join(number(v) for v in values)


def _pgf_tick_labels(values: Sequence[float]) -> str:
    return ",".join(f"${number(v)}$" for v in values)


def to_pgfplots(fig: Figure) -> str:
    """The figure as a ``tikzpicture`` with a pgfplots ``axis`` (data as ``coordinates``), deterministic.

    Needs :data:`PREAMBLE` in the document preamble.

    >>> from derivations.theorems.sigmoid_derivative import sigmoid_and_derivative
    >>> code = to_pgfplots(sigmoid_and_derivative())
    >>> code.splitlines()[0], code.splitlines()[-1]
    ('\\\\begin{tikzpicture}', '\\\\end{tikzpicture}')
    >>> code == to_pgfplots(sigmoid_and_derivative()) and "coordinates {" in code
    True
    """
    (x0, x1), (y0, y1) = fig.xrange, fig.yrange
    opts = [
        "scale only axis",
        f"width={number(fig.width_cm)}cm",
        f"height={number(fig.height_cm)}cm",
        f"xmin={number(x0)}, xmax={number(x1)}",
        f"ymin={number(y0)}, ymax={number(y1)}",
        *([f"xtick={{{_pgf_list(fig.xticks)}}}",
           f"xticklabels={{{_pgf_tick_labels(fig.xticks)}}}",
           f"ytick={{{_pgf_list(fig.yticks)}}}",
           f"yticklabels={{{_pgf_tick_labels(fig.yticks)}}}"] if fig.axes else ["hide axis"]),
        "clip mode=individual",
        f"legend pos={fig.legend_pos}",
        "legend cell align=left",
        "legend style={font=\\small}",
    ]
    if fig.xlabel:
        opts.append(f"xlabel={{${fig.xlabel}$}}")
    if fig.ylabel:
        opts.append(f"ylabel={{${fig.ylabel}$}}")
    if fig.aspect == "equal":
        opts.append("axis equal image")
    lines = ["\\begin{tikzpicture}", "\\begin{axis}["]
    lines += [f"  {o}," for o in opts]
    lines.append("]")
    for s in fig.series:
        style, _ = _STYLES[s.style]
        mark, _ = _MARKERS[s.marker]
        plot_opts = [f"color={_pgf_colour(s.colour)}", style, _WIDTHS[s.width][0], f"mark={mark}"]
        if s.marker != "none":
            plot_opts += ["mark options={solid}", f"mark repeat={s.mark_every}", "mark phase=1"]
        if not s.label:
            plot_opts.append("forget plot")
        lines.append(f"\\addplot[{', '.join(plot_opts)}] coordinates {{")
        lines.append(_pgf_coords(s.points))
        lines.append("};")
        if s.label:
            lines.append(f"\\addlegendentry{{${s.label}$}}")
    for g in fig.grids:
        lines.extend(_pgf_grid(g))
    for a in fig.annotations:
        lines.extend(_pgf_annotation(a))
    lines += ["\\end{axis}", "\\end{tikzpicture}"]
    return "\n".join(lines) + "\n"


def _pgf_grid(g: Grid) -> list[str]:
    """Each cell as a filled square with its number, then the title above the grid."""
    out = []
    edge = _pgf_colour("grey")
    for i, row in enumerate(g.values):
        for j, v in enumerate(row):
            (x0, y0), (x1, y1) = g.cell_box(i, j)
            (cx, cy), ink = g.cell_centre(i, j), "white" if g.dark(i, j) else "black"
            out.append(f"\\filldraw[fill={_pgf_rgb(g.fill(i, j))}, draw={edge}] (axis cs:{number(x0)},{number(y0)}) "
                       f"rectangle (axis cs:{number(x1)},{number(y1)});")
            out.append(f"\\node[font=\\footnotesize, text={ink}] at (axis cs:{number(cx)},{number(cy)}) "
                       f"{{${number(v)}$}};")
    if g.title:
        rows, cols = g.shape
        out.append(f"\\node[above, font=\\small] at (axis cs:{number(g.origin[0] + cols * g.cell / 2)},"
                   f"{number(g.origin[1])}) {{${g.title}$}};")
    return out


def _pgf_annotation(a: Annotation) -> list[str]:
    colour = _pgf_colour(a.colour)
    (sx, sy), (ex, ey) = a.start, a.end
    out = []
    if a.kind == "point":
        out.append(f"\\fill[color={colour}] (axis cs:{number(sx)},{number(sy)}) circle[radius=2pt];")
    else:
        tip = ", -stealth" if a.kind == "arrow" else ""
        out.append(
            f"\\draw[color={colour}, {_STYLES[a.style][0]}, thick{tip}] "
            f"(axis cs:{number(sx)},{number(sy)}) -- (axis cs:{number(ex)},{number(ey)});"
        )
    if a.label:
        lx, ly = a.label_anchor()
        out.append(
            f"\\node[{a.side}, color={colour}, fill=white, fill opacity=0.8, text opacity=1, "
            f"inner sep=1.5pt, font=\\small] at (axis cs:{number(lx)},{number(ly)}) {{${a.label}$}};"
        )
    return out


def to_latex_figure(fig: Figure) -> str:
    """The figure as a centred LaTeX ``figure`` float with escaped caption and ``\\label{fig:<id>}``.

    >>> from derivations.theorems.tanh_reparameterization import sigmoid_vs_tanh
    >>> tex = to_latex_figure(sigmoid_vs_tanh())
    >>> tex.splitlines()[0], tex.splitlines()[-2]
    ('\\\\begin{figure}[htbp]', '\\\\label{fig:sigmoid-vs-tanh}')
    """
    return (
        "\\begin{figure}[htbp]\n\\centering\n"
        + to_pgfplots(fig)
        + f"\\caption{{{escape_text(fig.caption)}}}\n\\label{{fig:{fig.id}}}\n\\end{{figure}}\n"
    )

# --------------------------------------------------------------------------------------------
# SVG renderer


def _px(v: float) -> str:
    s = f"{v:.2f}"
    return "0.00" if s == "-0.00" else s


def _hex(name: str) -> str:
    return "#{:02x}{:02x}{:02x}".format(*PALETTE[name])


def _text_width(s: str, size: float = _FONT_PX) -> float:
    return 0.56 * size * len(s)


def _tick_text(v: float) -> str:
    return number(v).replace("-", "−")


def to_svg(fig: Figure) -> str:
    """The figure as a small self-contained, deterministic SVG document (unicode labels).

    >>> from derivations.theorems.sigmoid_derivative import sigmoid_and_derivative
    >>> svg = to_svg(sigmoid_and_derivative())
    >>> svg.startswith("<svg") and svg == to_svg(sigmoid_and_derivative())
    True
    """
    (x0, x1), (y0, y1) = fig.xrange, fig.yrange
    w, h = fig.width_cm * _PX_PER_CM, fig.height_cm * _PX_PER_CM
    if fig.aspect == "equal":
        unit = min(w / (x1 - x0), h / (y1 - y0))
        w, h = unit * (x1 - x0), unit * (y1 - y0)
    labelled = [s for s in fig.series if s.label]
    entries = [(s, math_to_unicode(s.label)) for s in labelled]
    legend_w = 46 + max((_text_width(t) for _, t in entries), default=0)
    legend_h = 8 + 19 * len(entries)
    horiz, vert = _LEGEND_POS[fig.legend_pos]
    tick_w = max(_text_width(_tick_text(t), 12) for t in fig.yticks) if fig.yticks and fig.axes else 0
    left = 14 + tick_w + (22 if fig.ylabel and fig.axes else 0)
    right = 14 + (legend_w + 10 if horiz == "outer" and entries else 0)
    top, bottom = 12, (30 + (22 if fig.xlabel else 0)) if fig.axes else 12
    W, H = left + w + right, top + h + bottom

    def X(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * w

    def Y(y: float) -> float:
        return top + (y1 - y) / (y1 - y0) * h

    cid = f"{fig.id}-clip"
    colours = sorted({a.colour for a in fig.annotations if a.kind == "arrow"})
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_px(W)}" height="{_px(H)}" '
        f'viewBox="0 0 {_px(W)} {_px(H)}" font-family="DejaVu Serif, Times, serif" font-size="{number(_FONT_PX)}">',
        f"<title>{_xml_escape(fig.caption)}</title>",
        "<defs>",
        f'<clipPath id="{cid}"><rect x="{_px(left)}" y="{_px(top)}" width="{_px(w)}" height="{_px(h)}"/></clipPath>',
    ]
    for c in colours:
        out.append(
            f'<marker id="{fig.id}-arrow-{c}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" '
            f'markerHeight="5" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{_hex(c)}"/></marker>'
        )
    out.append("</defs>")
    out.append(f'<rect x="0" y="0" width="{_px(W)}" height="{_px(H)}" fill="white"/>')
    if fig.axes:
        out.extend(_svg_axes(fig, X, Y, (left, top, w, h), tick_w))
    # data
    for s in fig.series:
        out.extend(_svg_series(s, X, Y, cid))
    for g in fig.grids:
        out.extend(_svg_grid(g, X, Y))
    for a in fig.annotations:
        out.extend(_svg_annotation(a, X, Y, fig.id))
    if entries:
        lx = {"left": left + 8, "right": left + w - 8 - legend_w, "outer": left + w + 12}[horiz]
        ly = {"top": top + 8, "bottom": top + h - 8 - legend_h}[vert]
        out.extend(_svg_legend(entries, lx, ly, legend_w, legend_h))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _svg_axes(fig: Figure, X: Callable[[float], float], Y: Callable[[float], float],
              box: tuple[float, float, float, float], tick_w: float) -> list[str]:
    """The axis box, ticks, tick labels and axis labels."""
    left, top, w, h = box
    out = []
    out.append(f'<rect x="{_px(left)}" y="{_px(top)}" width="{_px(w)}" height="{_px(h)}" fill="none" stroke="black"/>')
    for t in fig.xticks:
        px = _px(X(t))
        out.append(f'<path d="M{px},{_px(top + h)} v-4 M{px},{_px(top)} v4" stroke="black"/>')
        out.append(f'<text x="{px}" y="{_px(top + h + 17)}" text-anchor="middle" font-size="12">{_tick_text(t)}</text>')
    for t in fig.yticks:
        py = _px(Y(t))
        out.append(f'<path d="M{_px(left)},{py} h4 M{_px(left + w)},{py} h-4" stroke="black"/>')
        out.append(
            f'<text x="{_px(left - 6)}" y="{py}" dy="0.35em" text-anchor="end" font-size="12">{_tick_text(t)}</text>'
        )
    if fig.xlabel:
        out.append(
            f'<text x="{_px(left + w / 2)}" y="{_px(top + h + 42)}" text-anchor="middle" '
            f'font-style="italic">{_xml_escape(math_to_unicode(fig.xlabel))}</text>'
        )
    if fig.ylabel:
        cx, cy = left - tick_w - 18, top + h / 2
        out.append(
            f'<text x="{_px(cx)}" y="{_px(cy)}" text-anchor="middle" font-style="italic" '
            f'transform="rotate(-90 {_px(cx)} {_px(cy)})">{_xml_escape(math_to_unicode(fig.ylabel))}</text>'
        )
    return out


def _svg_grid(g: Grid, X: Callable[[float], float], Y: Callable[[float], float]) -> list[str]:
    """Each cell as a filled square with its number, then the title above the grid."""
    out = []
    for i, row in enumerate(g.values):
        for j, v in enumerate(row):
            (x0, y0), (x1, y1) = g.cell_box(i, j)
            (cx, cy), ink = g.cell_centre(i, j), "white" if g.dark(i, j) else "black"
            out.append(f'<rect x="{_px(X(x0))}" y="{_px(Y(y0))}" width="{_px(X(x1) - X(x0))}" '
                       f'height="{_px(Y(y1) - Y(y0))}" fill="#{"".join(f"{c:02x}" for c in g.fill(i, j))}" '
                       f'stroke="{_hex("grey")}"/>')
            out.append(f'<text x="{_px(X(cx))}" y="{_px(Y(cy))}" dy="0.35em" text-anchor="middle" font-size="11" '
                       f'fill="{ink}">{_tick_text(v)}</text>')
    if g.title:
        cx = X(g.origin[0] + g.shape[1] * g.cell / 2)
        out.append(f'<text x="{_px(cx)}" y="{_px(Y(g.origin[1]) - 5)}" text-anchor="middle">'
                   f'{_xml_escape(math_to_unicode(g.title))}</text>')
    return out


def _svg_legend(entries: list[tuple[Series, str]], lx: float, ly: float, width: float, height: float) -> list[str]:
    """The legend box at (lx, ly): a sample of each labelled series and its label."""
    out = [f'<rect x="{_px(lx)}" y="{_px(ly)}" width="{_px(width)}" height="{_px(height)}" '
           f'fill="white" fill-opacity="0.9" stroke="black" stroke-width="0.6"/>']
    for i, (s, text) in enumerate(entries):
        ey = ly + 4 + 19 * i + 9.5
        ident = lambda v: v  # noqa: E731  (legend samples are drawn in pixel coordinates)
        if s.style != "none":
            line = Series("", [(lx + 6, ey), (lx + 34, ey)], s.style, s.colour, width=s.width)
            out.extend(_svg_series(line, ident, ident, None))
        if s.marker != "none":
            out.extend(_svg_series(Series("", [(lx + 20, ey)], "none", s.colour, s.marker), ident, ident, None))
        out.append(f'<text x="{_px(lx + 40)}" y="{_px(ey)}" dy="0.35em">{_xml_escape(text)}</text>')
    return out


def _svg_series(s: Series, X: Callable[[float], float], Y: Callable[[float], float], clip: str | None) -> list[str]:
    out = []
    colour = _hex(s.colour)
    clip_attr = f' clip-path="url(#{clip})"' if clip else ""
    dash = _STYLES[s.style][1]
    if dash is not None:
        pts = " ".join(f"{_px(X(x))},{_px(Y(y))}" for x, y in s.points)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        cap = ' stroke-linecap="round"' if s.style == "dotted" else ""
        out.append(
            f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="{_WIDTHS[s.width][1]}"'
            f' stroke-linejoin="round"{dash_attr}{cap}{clip_attr}/>'
        )
    if s.marker != "none":
        filled = _MARKERS[s.marker][1]
        fill = colour if filled else "white"
        for x, y in s.points[:: s.mark_every]:
            out.append(
                f'<circle cx="{_px(X(x))}" cy="{_px(Y(y))}" r="2.8" fill="{fill}" stroke="{colour}"'
                f' stroke-width="1.2"{clip_attr}/>'
            )
    return out


def _svg_annotation(a: Annotation, X: Callable[[float], float], Y: Callable[[float], float], fid: str) -> list[str]:
    colour = _hex(a.colour)
    (sx, sy), (ex, ey) = a.start, a.end
    out = []
    if a.kind == "point":
        out.append(f'<circle cx="{_px(X(sx))}" cy="{_px(Y(sy))}" r="3" fill="{colour}"/>')
    else:
        dash = _STYLES[a.style][1]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        tip = f' marker-end="url(#{fid}-arrow-{a.colour})"' if a.kind == "arrow" else ""
        out.append(
            f'<line x1="{_px(X(sx))}" y1="{_px(Y(sy))}" x2="{_px(X(ex))}" y2="{_px(Y(ey))}" '
            f'stroke="{colour}" stroke-width="1.6"{dash_attr}{tip}/>'
        )
    if a.label:
        lx, ly = a.label_anchor()
        dx, dy, anchor, em = _SIDES[a.side]
        out.append(
            f'<text x="{_px(X(lx) + dx)}" y="{_px(Y(ly) + dy)}" dy="{em}" text-anchor="{anchor}" fill="{colour}"'
            f' stroke="white" stroke-width="3" paint-order="stroke">{_xml_escape(math_to_unicode(a.label))}</text>'
        )
    return out


_WRITERS: dict[str, Callable[[Figure], str]] = {".svg": to_svg, ".tex": to_latex_figure}


def grid(lo: float, hi: float, n: int = 121) -> list[float]:
    """``n`` equally spaced sample positions from ``lo`` to ``hi`` (both included), for curves.

    >>> grid(0.0, 1.0, 5)
    [0.0, 0.25, 0.5, 0.75, 1.0]
    """
    return [lo + (hi - lo) * k / (n - 1) for k in range(n)]
