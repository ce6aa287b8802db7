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
>>> sorted(FIGURES)
['quadratic-contours', 'sigmoid-and-derivative', 'sigmoid-vs-tanh']
>>> [f.id for f in figures_for("hessian-quadratic-form")]
['quadratic-contours']
"""

from __future__ import annotations

import codecs
import math
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

from derivations.errors import InvalidInputError
from derivations.files import write_atomic

__all__ = [
    "PREAMBLE",
    "PALETTE",
    "Series",
    "Annotation",
    "Figure",
    "escape_text",
    "math_to_unicode",
    "to_pgfplots",
    "to_latex_figure",
    "to_svg",
    "sigmoid_and_derivative",
    "sigmoid_vs_tanh",
    "quadratic_contours",
    "FIGURES",
    "figures_for",
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


def _as_points(points: Iterable[Sequence[float]], what: str) -> tuple[Point, ...]:
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
        object.__setattr__(self, "points", _as_points(self.points, f"series {self.label!r}"))
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
        (start,) = _as_points([self.start], "annotation start")
        end = start if self.end is None else _as_points([self.end], "annotation end")[0]
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


@dataclass(frozen=True, repr=False)
class Figure:
    """A complete figure as data: id, caption (plain text), axis labels (LaTeX math), ranges, series.

    ``aspect="equal"`` draws one unit equally long on both axes (for the ellipses); ticks default
    to "nice" values computed from the ranges, the same for PDF and SVG.

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
        for item, cls in [(s, Series) for s in self.series] + [(a, Annotation) for a in self.annotations]:
            if not isinstance(item, cls):
                raise InvalidInputError(f"expected a {cls.__name__}, got {item!r}")
        for name, rng in (("xticks", self.xrange), ("yticks", self.yrange)):
            ticks = getattr(self, name)
            ticks = _nice_ticks(*rng) if ticks is None else tuple(float(t) for t in ticks)
            object.__setattr__(self, name, ticks)

    def __repr__(self) -> str:
        return f"Figure({self.id!r}, {len(self.series)} series, {len(self.annotations)} annotations)"

    def _repr_svg_(self) -> str:
        """The SVG rendering, so that Jupyter displays the figure.

        >>> sigmoid_and_derivative()._repr_svg_().startswith("<svg")
        True
        """
        return to_svg(self)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the figure atomically as ``.svg`` (SVG) or ``.tex`` (a LaTeX ``figure`` float).

        >>> import tempfile, pathlib
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


def _num(x: float, digits: int = _SIG_DIGITS) -> str:
    """Fixed significant digits, no negative zero: the same float always gives the same bytes."""
    s = f"{x:.{digits}g}"
    return "0" if s in ("-0", "0") else s


def _nice_ticks(lo: float, hi: float, target: int = 6) -> tuple[float, ...]:
    step = _nice_step((hi - lo) / target)
    first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    return tuple(float(_num(k * step, 12)) for k in range(first, last + 1))


def _nice_step(raw: float) -> float:
    exp = math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * 10**exp >= raw * (1 - 1e-9):
            return float(_num(m * 10.0**exp, 12))
    raise AssertionError("unreachable")  # pragma: no cover


# --------------------------------------------------------------------------------------------
# text: LaTeX prose escaping and LaTeX math -> unicode

_TEXT_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "^": r"\textasciicircum{}",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
}

#: characters latexcodec does not know, as math-mode LaTeX.
_TEXT_EXTRA_MATH = {
    "½": r"\frac{1}{2}",
    "′": "'",
    "ᵀ": r"^{\mathsf{T}}",
    "∝": r"\propto",
    "ᵢ": "_{i}",
    "ⱼ": "_{j}",
    **{chr(0x2080 + d): f"_{{{d}}}" for d in range(10)},
}

_MATH_PIECE = re.compile(r"^\$(.*)\$$", re.S)


def escape_text(text: str) -> str:
    """Plain unicode prose -> LaTeX text (specials escaped, σ -> ``$\\sigma$`` via latexcodec).

    Adjacent math pieces are merged (latexcodec alone turns "σθ" into the display-math
    toggle ``$\\sigma$$\\theta$``); a character LaTeX cannot typeset raises InvalidInputError.

    >>> print(escape_text("σ′(z) = σ(z)(1 − σ(z)), 50% & a_b"))
    $\\sigma'$(z) = $\\sigma$(z)(1 $-$ $\\sigma$(z)), 50\\% \\& a\\_b
    >>> print(escape_text("λ₁ ≈ ½"))
    $\\lambda_{1}$ $\\approx$ $\\frac{1}{2}$
    """
    out: list[str] = []
    math_buf: list[str] = []

    def flush_math() -> None:
        if math_buf:
            out.append("$" + "".join(math_buf) + "$")
            math_buf.clear()

    for ch in text:
        if ch in _TEXT_SPECIALS:
            flush_math()
            out.append(_TEXT_SPECIALS[ch])
            continue
        if ch in _TEXT_EXTRA_MATH:
            piece = "$" + _TEXT_EXTRA_MATH[ch] + "$"
        else:
            try:
                piece = codecs.encode(ch, "ulatex")
            except UnicodeEncodeError:
                raise InvalidInputError(
                    f"cannot typeset {ch!r} (U+{ord(ch):04X}) in LaTeX text; rephrase the caption"
                ) from None
        m = _MATH_PIECE.match(piece)
        if m:
            body = m.group(1)
            if math_buf and re.search(r"\\[A-Za-z]+$", math_buf[-1]) and body[:1].isalpha():
                math_buf.append(" ")
            math_buf.append(body)
            continue
        flush_math()
        out.append(piece)
        if re.search(r"\\[A-Za-z]+$", piece):
            out.append("{}")  # "\ss" followed by a letter must not become "\ssa"
    flush_math()
    return "".join(out)


#: LaTeX math commands -> unicode, for the SVG renderer.
_MATH_COMMANDS = {
    "sigma": "σ", "lambda": "λ", "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ",
    "Delta": "Δ", "epsilon": "ε", "eta": "η", "theta": "θ", "mu": "μ", "pi": "π", "phi": "φ",
    "tanh": "tanh", "exp": "exp", "ln": "ln", "log": "log", "cos": "cos", "sin": "sin",
    "cdot": "·", "times": "×", "odot": " ⊙ ", "propto": " ∝ ", "approx": " ≈ ", "le": " ≤ ", "ge": " ≥ ",
    "infty": "∞", "partial": "∂", "top": "ᵀ", "prime": "′", "quad": "  ", "ast": "*",
    ",": "\u2009", ";": " ", " ": " ", "!": "", "{": "{", "}": "}", "left": "", "right": "",
}
_MATH_WRAPPERS = {"mathbf", "mathrm", "mathit", "mathsf", "boldsymbol", "operatorname", "text"}
_MATH_CHARS = {"-": "−", "=": " = ", "'": "′", "<": " < ", ">": " > "}
_SUPERSCRIPTS = dict(zip("0123456789+-=()ni*T′ᵀ", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ*ᵀ′ᵀ"))
_SUBSCRIPTS = dict(zip("0123456789+-=()aeijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
_VULGAR = {("1", "2"): "½", ("1", "3"): "⅓", ("1", "4"): "¼", ("3", "4"): "¾"}
_MATH_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_]|\s+|.", re.S)


def math_to_unicode(tex: str) -> str:
    """Render a (simple) LaTeX math string as unicode text for the SVG labels.

    >>> math_to_unicode(r"\\sigma'(z) = \\sigma(z)\\,(1-\\sigma(z))")
    'σ′(z) = σ(z)\\u2009(1−σ(z))'
    >>> math_to_unicode(r"1/\\sqrt{\\lambda_1}"), math_to_unicode(r"\\mathbf{w}^*"), math_to_unicode(r"\\frac{1}{4}")
    ('1/√λ₁', 'w*', '¼')
    >>> math_to_unicode(r"\\frac{a+1}{2}")
    '(a+1)/2'
    """
    tokens = [t for t in _MATH_TOKEN.findall(tex) if not t.isspace()]
    pos = 0

    def atom() -> str:
        nonlocal pos
        if pos >= len(tokens):
            return ""
        tok = tokens[pos]
        pos += 1
        if tok == "{":
            return group()
        if tok.startswith("\\"):
            name = tok[1:]
            if name == "frac":
                num, den = atom(), atom()
                return _VULGAR.get((num, den)) or f"{_paren(num)}/{_paren(den)}"
            if name == "sqrt":
                arg = atom()
                return "√" + (arg if arg.isalnum() else f"({arg})")  # "λ₁".isalnum() is True
            if name in _MATH_WRAPPERS:
                return atom()
            return _MATH_COMMANDS.get(name, name)
        if tok in ("^", "_"):
            arg = atom()
            table = _SUPERSCRIPTS if tok == "^" else _SUBSCRIPTS
            if arg and all(c in table for c in arg):
                return "".join(table[c] for c in arg)
            return tok + (arg if len(arg) == 1 else f"({arg})")
        return _MATH_CHARS.get(tok, tok)

    def group() -> str:
        nonlocal pos
        parts = []
        while pos < len(tokens) and tokens[pos] != "}":
            parts.append(atom())
        pos += 1  # the closing brace
        return "".join(parts)

    parts = []
    while pos < len(tokens):
        parts.append(atom())
    return "".join(parts).strip()


def _paren(s: str) -> str:
    return s if re.fullmatch(r"[\w.√]+", s) else f"({s})"


# --------------------------------------------------------------------------------------------
# pgfplots renderer


def _pgf_colour(name: str) -> str:
    r, g, b = PALETTE[name]
    return f"{{rgb,255:red,{r};green,{g};blue,{b}}}"


def _pgf_coords(points: Sequence[Point], per_line: int = 4) -> str:
    items = [f"({_num(x)},{_num(y)})" for x, y in points]
    return "\n".join(" ".join(items[i : i + per_line]) for i in range(0, len(items), per_line))


def _pgf_list(values: Sequence[float]) -> str:
    return ",".join(_num(v) for v in values)


def _pgf_tick_labels(values: Sequence[float]) -> str:
    return ",".join(f"${_num(v)}$" for v in values)


def to_pgfplots(fig: Figure) -> str:
    """The figure as a ``tikzpicture`` with a pgfplots ``axis`` (data as ``coordinates``), deterministic.

    Needs :data:`PREAMBLE` in the document preamble.

    >>> code = to_pgfplots(sigmoid_and_derivative())
    >>> code.splitlines()[0], code.splitlines()[-1]
    ('\\\\begin{tikzpicture}', '\\\\end{tikzpicture}')
    >>> code == to_pgfplots(sigmoid_and_derivative()) and "coordinates {" in code
    True
    """
    (x0, x1), (y0, y1) = fig.xrange, fig.yrange
    opts = [
        "scale only axis",
        f"width={_num(fig.width_cm)}cm",
        f"height={_num(fig.height_cm)}cm",
        f"xmin={_num(x0)}, xmax={_num(x1)}",
        f"ymin={_num(y0)}, ymax={_num(y1)}",
        f"xtick={{{_pgf_list(fig.xticks)}}}",
        f"xticklabels={{{_pgf_tick_labels(fig.xticks)}}}",
        f"ytick={{{_pgf_list(fig.yticks)}}}",
        f"yticklabels={{{_pgf_tick_labels(fig.yticks)}}}",
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
    for a in fig.annotations:
        lines.extend(_pgf_annotation(a))
    lines += ["\\end{axis}", "\\end{tikzpicture}"]
    return "\n".join(lines) + "\n"


def _pgf_annotation(a: Annotation) -> list[str]:
    colour = _pgf_colour(a.colour)
    (sx, sy), (ex, ey) = a.start, a.end
    out = []
    if a.kind == "point":
        out.append(f"\\fill[color={colour}] (axis cs:{_num(sx)},{_num(sy)}) circle[radius=2pt];")
    else:
        tip = ", -stealth" if a.kind == "arrow" else ""
        out.append(
            f"\\draw[color={colour}, {_STYLES[a.style][0]}, thick{tip}] "
            f"(axis cs:{_num(sx)},{_num(sy)}) -- (axis cs:{_num(ex)},{_num(ey)});"
        )
    if a.label:
        lx, ly = a.label_anchor()
        out.append(
            f"\\node[{a.side}, color={colour}, fill=white, fill opacity=0.8, text opacity=1, "
            f"inner sep=1.5pt, font=\\small] at (axis cs:{_num(lx)},{_num(ly)}) {{${a.label}$}};"
        )
    return out


def to_latex_figure(fig: Figure) -> str:
    """The figure as a centred LaTeX ``figure`` float with escaped caption and ``\\label{fig:<id>}``.

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
    return _num(v).replace("-", "−")


def to_svg(fig: Figure) -> str:
    """The figure as a small self-contained, deterministic SVG document (unicode labels).

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
    tick_w = max(_text_width(_tick_text(t), 12) for t in fig.yticks) if fig.yticks else 0
    left = 14 + tick_w + (22 if fig.ylabel else 0)
    right = 14 + (legend_w + 10 if horiz == "outer" and entries else 0)
    top, bottom = 12, 30 + (22 if fig.xlabel else 0)
    W, H = left + w + right, top + h + bottom

    def X(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * w

    def Y(y: float) -> float:
        return top + (y1 - y) / (y1 - y0) * h

    cid = f"{fig.id}-clip"
    colours = sorted({a.colour for a in fig.annotations if a.kind == "arrow"})
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_px(W)}" height="{_px(H)}" '
        f'viewBox="0 0 {_px(W)} {_px(H)}" font-family="DejaVu Serif, Times, serif" font-size="{_num(_FONT_PX)}">',
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
    # axes box, ticks, tick labels
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
    # data
    for s in fig.series:
        out.extend(_svg_series(s, X, Y, cid))
    for a in fig.annotations:
        out.extend(_svg_annotation(a, X, Y, fig.id))
    # legend
    if entries:
        lx = {"left": left + 8, "right": left + w - 8 - legend_w, "outer": left + w + 12}[horiz]
        ly = {"top": top + 8, "bottom": top + h - 8 - legend_h}[vert]
        out.append(
            f'<rect x="{_px(lx)}" y="{_px(ly)}" width="{_px(legend_w)}" height="{_px(legend_h)}" '
            f'fill="white" fill-opacity="0.9" stroke="black" stroke-width="0.6"/>'
        )
        for i, (s, text) in enumerate(entries):
            ey = ly + 4 + 19 * i + 9.5
            ident = lambda v: v  # noqa: E731  (legend samples are drawn in pixel coordinates)
            if s.style != "none":
                line = Series("", [(lx + 6, ey), (lx + 34, ey)], s.style, s.colour, width=s.width)
                out.extend(_svg_series(line, ident, ident, None))
            if s.marker != "none":
                out.extend(_svg_series(Series("", [(lx + 20, ey)], "none", s.colour, s.marker), ident, ident, None))
            out.append(f'<text x="{_px(lx + 40)}" y="{_px(ey)}" dy="0.35em">{_xml_escape(text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


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


# --------------------------------------------------------------------------------------------
# the figures


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def _grid(lo: float, hi: float, n: int = 121) -> list[float]:
    return [lo + (hi - lo) * k / (n - 1) for k in range(n)]


def sigmoid_and_derivative() -> Figure:
    """σ(z) and σ'(z) = σ(z)(1 − σ(z)) on [−6, 6], with the maximum σ'(0) = 1/4 marked.

    >>> f = sigmoid_and_derivative()
    >>> max(f.series[1].points, key=lambda p: p[1])
    (0.0, 0.25)
    """
    zs = _grid(-6.0, 6.0)
    sig = [(z, _sigmoid(z)) for z in zs]
    dsig = [(z, s * (1.0 - s)) for z, s in sig]
    return Figure(
        id="sigmoid-and-derivative",
        caption="The logistic sigmoid σ(z) = 1/(1 + exp(−z)) and its derivative σ′(z) = σ(z)(1 − σ(z)); "
        "the derivative is largest at z = 0, where σ′(0) = 1/4.",
        xlabel="z",
        ylabel="",
        xrange=(-6.0, 6.0),
        yrange=(-0.05, 1.05),
        series=(
            Series(r"\sigma(z)", sig, "solid", "blue"),
            Series(r"\sigma'(z) = \sigma(z)\,(1-\sigma(z))", dsig, "dashed", "red"),
        ),
        annotations=(
            Annotation("point", (0.0, 0.25), label=r"\sigma'(0) = \frac{1}{4}", colour="red", side="above right"),
        ),
        yticks=(0.0, 0.25, 0.5, 0.75, 1.0),
    )


def sigmoid_vs_tanh() -> Figure:
    """σ(a) and (tanh(a/2) + 1)/2 overlaid on [−6, 6]: the two curves coincide.

    >>> f = sigmoid_vs_tanh()
    >>> max(abs(p[1] - q[1]) for p, q in zip(*(s.points for s in f.series))) < 1e-12
    True
    """
    xs = _grid(-6.0, 6.0)
    return Figure(
        id="sigmoid-vs-tanh",
        caption="The sigmoid is a shifted and rescaled tanh: σ(a) (solid) and (tanh(a/2) + 1)/2 "
        "(dashed, circles) coincide for every a.",
        xlabel="a",
        ylabel="",
        xrange=(-6.0, 6.0),
        yrange=(-0.05, 1.05),
        series=(
            Series(r"\sigma(a)", [(a, _sigmoid(a)) for a in xs], "solid", "blue", width="very thick"),
            Series(
                r"\frac{1}{2}(\tanh(a/2)+1)",
                [(a, (math.tanh(a / 2) + 1) / 2) for a in xs],
                "dashed",
                "orange",
                marker="o",
                mark_every=6,
                width="semithick",
            ),
        ),
        yticks=(0.0, 0.25, 0.5, 0.75, 1.0),
    )


def _cayley_default_hessian() -> tuple[tuple[float, float], tuple[float, float]]:
    # Eigenvalues 1 and 4 along the Cayley rotation with t = 1/3: u1 = (4/5, 3/5), u2 = (-3/5, 4/5).
    # H = 1 * u1 u1^T + 4 * u2 u2^T = [[52/25, -36/25], [-36/25, 73/25]]  (exact rationals).
    t = Fraction(1, 3)
    c, s = (1 - t * t) / (1 + t * t), 2 * t / (1 + t * t)
    u1, u2 = (c, s), (-s, c)
    lam1, lam2 = Fraction(1), Fraction(4)
    H = [[lam1 * u1[i] * u1[j] + lam2 * u2[i] * u2[j] for j in range(2)] for i in range(2)]
    return ((float(H[0][0]), float(H[0][1])), (float(H[1][0]), float(H[1][1])))


def _eigen_2x2(H: Sequence[Sequence[float]]) -> tuple[tuple[float, float], tuple[Point, Point]]:
    """Closed-form eigen-decomposition of a symmetric 2×2 matrix, ascending, right-handed basis."""
    (a, b), (_, c) = H
    mean, rad = (a + c) / 2, math.hypot((a - c) / 2, b)
    lam_small, lam_big = mean - rad, mean + rad
    theta = 0.5 * math.atan2(2 * b, a - c)  # direction of the eigenvector of lam_big
    u1 = (-math.sin(theta), math.cos(theta))  # of lam_small
    if u1[0] < 0 or (u1[0] == 0 and u1[1] < 0):
        u1 = (-u1[0], -u1[1])
    u2 = (-u1[1], u1[0])
    return (lam_small, lam_big), (u1, u2)


def _check_hessian(H: object) -> tuple[tuple[float, float], tuple[float, float]]:
    try:
        rows = [[float(v) for v in row] for row in H]  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise InvalidInputError(f"H must be a 2x2 matrix of numbers, got {H!r}") from None
    if len(rows) != 2 or any(len(r) != 2 for r in rows):
        raise InvalidInputError(f"H must be 2x2 (the contours are drawn in the plane), got {H!r}")
    if not all(math.isfinite(v) for r in rows for v in r):
        raise InvalidInputError(f"H must have finite entries, got {rows}")
    (a, b), (b2, c) = rows
    if not math.isclose(b, b2, rel_tol=1e-12, abs_tol=1e-15):
        raise InvalidInputError(f"H must be symmetric, got H[0][1] = {b} != H[1][0] = {b2}")
    rows[1][0] = b
    (lam1, lam2), _ = _eigen_2x2(rows)
    if lam1 <= 1e-12 * max(abs(lam2), 1.0):
        raise InvalidInputError(
            f"H must be positive definite for the contours E = K to be ellipses; its eigenvalues are "
            f"{_num(lam1)} and {_num(lam2)} (indefinite or semi-definite H has hyperbolic or unbounded contours)"
        )
    return (rows[0][0], rows[0][1]), (rows[1][0], rows[1][1])


def _compass(dx: float, dy: float) -> str:
    """The TikZ placement keyword nearest to the direction (dx, dy)."""
    names = ("right", "above right", "above", "above left", "left", "below left", "below", "below right")
    k = round(math.atan2(dy, dx) / (math.pi / 4)) % 8
    return names[k]


def quadratic_contours(
    H: Sequence[Sequence[float]] | None = None,
    w_star: Point = (0.0, 0.0),
    levels: Sequence[float] = (0.125, 0.5, 1.125),
    E_star: float = 0.0,
    n: int = 121,
) -> Figure:
    """Contours E(w) = K of E(w) = E* + ½ (w − w*)ᵀ H (w − w*): ellipses along the eigenvectors of H.

    The level K = E* + ½ (always drawn, solid) has half-axes exactly 1/√λ_i, drawn as labelled arrows.
    The default H has eigenvalues 1 and 4 along a Cayley rotation (u₁ = (4/5, 3/5)).

    >>> f = quadratic_contours()
    >>> [a.label for a in f.annotations if a.kind == "arrow"]
    ['1/\\\\sqrt{\\\\lambda_1} = 1', '1/\\\\sqrt{\\\\lambda_2} = 0.5']
    >>> quadratic_contours([[1, 0], [0, -1]])
    Traceback (most recent call last):
    ...
    derivations.errors.InvalidInputError: H must be positive definite for the contours E = K to be ellipses; its eigenvalues are -1 and 1 (indefinite or semi-definite H has hyperbolic or unbounded contours)
    """
    H = _cayley_default_hessian() if H is None else _check_hessian(H)
    (wx, wy) = _as_points([w_star], "w_star")[0]
    E_star = float(E_star)
    half = E_star + 0.5
    ks = sorted({float(k) for k in levels} | {half})
    if ks[0] <= E_star or not all(math.isfinite(k) for k in ks):
        raise InvalidInputError(f"every level K must be finite and above E* = {_num(E_star)}, got {list(levels)}")
    (lam1, lam2), (u1, u2) = _eigen_2x2(H)

    def ellipse(k: float) -> list[Point]:
        a1, a2 = math.sqrt(2 * (k - E_star) / lam1), math.sqrt(2 * (k - E_star) / lam2)
        pts = []
        for j in range(n):
            t = 2 * math.pi * (j % (n - 1)) / (n - 1)  # last point == first: closed curve
            c, s = math.cos(t), math.sin(t)
            pts.append((wx + a1 * c * u1[0] + a2 * s * u2[0], wy + a1 * c * u1[1] + a2 * s * u2[1]))
        return pts

    # square plot range around w*, covering the largest ellipse, ending on a tick
    kmax = ks[-1]
    a1, a2 = math.sqrt(2 * (kmax - E_star) / lam1), math.sqrt(2 * (kmax - E_star) / lam2)
    ext = max(math.hypot(a1 * u1[0], a2 * u2[0]), math.hypot(a1 * u1[1], a2 * u2[1])) * 1.12
    r = float(_num(ext, 3))  # not snapped to a tick: corner tick labels of both axes would collide
    series = tuple(
        Series(f"E = {_num(k, 4)}", ellipse(k), "solid" if k == half else "dashed", "blue" if k == half else "grey")
        for k in ks
    )
    arrows = []
    for i, (lam, u, v) in enumerate(((lam1, u1, u2), (lam2, u2, u1)), start=1):
        length = 1 / math.sqrt(lam)
        tip = (wx + length * u[0], wy + length * u[1])
        away = _compass(-v[0], -v[1])  # label on the side away from the other axis
        arrows.append(
            Annotation("segment", (wx - r * u[0], wy - r * u[1]), (wx + r * u[0], wy + r * u[1]),
                       rf"\mathbf{{u}}_{i}", "black", "dotted", _compass(u[0], u[1]), label_pos=1.0)
        )
        arrows.append(
            Annotation("arrow", (wx, wy), tip, rf"1/\sqrt{{\lambda_{i}}} = {_num(length, 4)}",
                       ("orange", "green")[i - 1], "solid", away, label_pos=0.5)
        )
    centre = Annotation("point", (wx, wy), label=r"\mathbf{w}^*", colour="black",
                        side=_compass(-(u1[0] + u2[0]), -(u1[1] + u2[1])))
    return Figure(
        id="quadratic-contours",
        caption=f"Contours E(w) = K of the quadratic form E(w) = E* + ½ (w − w*)ᵀH(w − w*) with eigenvalues "
        f"λ₁ = {_num(lam1, 4)} and λ₂ = {_num(lam2, 4)}: ellipses with axes along the eigenvectors u₁, u₂ and "
        f"half-lengths √(2(K − E*)/λᵢ) ∝ 1/√λᵢ. On the solid level K − E* = ½ the half-lengths are exactly 1/√λᵢ.",
        xlabel="w_1",
        ylabel="w_2",
        xrange=(wx - r, wx + r),
        yrange=(wy - r, wy + r),
        series=series,
        annotations=(*arrows, centre),
        aspect="equal",
        legend_pos="outer north east",
        width_cm=6.5,
        height_cm=6.5,
    )


#: figure id -> function building it.
FIGURES: dict[str, Callable[[], Figure]] = {
    "sigmoid-and-derivative": sigmoid_and_derivative,
    "sigmoid-vs-tanh": sigmoid_vs_tanh,
    "quadratic-contours": quadratic_contours,
}

_BY_DERIVATION: dict[str, tuple[str, ...]] = {
    "sigmoid-derivative": ("sigmoid-and-derivative",),
    "tanh-reparameterization": ("sigmoid-vs-tanh",),
    "hessian-quadratic-form": ("quadratic-contours",),
}


def figures_for(derivation_id: str) -> tuple[Figure, ...]:
    """The figures illustrating a derivation (an empty tuple for derivations without figures).

    >>> [f.id for f in figures_for("sigmoid-derivative")], figures_for("logit-inverse")
    (['sigmoid-and-derivative'], ())
    """
    return tuple(FIGURES[fid]() for fid in _BY_DERIVATION.get(derivation_id, ()))
