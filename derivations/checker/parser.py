r"""A safe parser from hand-written LaTeX math to SymPy expressions and relation chains.

It reads the display math of answer sheets (``$$...$$`` bodies, ``aligned`` environments) and
returns SymPy objects built directly from the parse tree: nothing from the input ever reaches
``eval``, ``sympify`` or ``parse_expr``, and every node is built with ``evaluate=False`` so that
nothing expensive is computed while parsing (``9^{9^{9^{9}}}`` comes back unevaluated).

>>> from derivations.checker.parser import parse_expression, parse_chains
>>> parse_expression(r"\frac{1}{1+e^{-z}}")
1/(1 + exp(-z))
>>> parse_expression(r"w_{jk}^{(l)} a_k^{(l-1)}")
a_k^{(l-1)}*w_{jk}^{(l)}
>>> [chain] = parse_chains(r"\sigma'(z) &= \sigma(z) - [\sigma(z)]^2 \\ &= \sigma(z)[1-\sigma(z)]")
>>> chain.ops, chain.sources[1]
(('=', '='), '\\sigma(z) - [\\sigma(z)]^2')

How the input is read (the table :data:`SUPPORTED_NOTATION` lists every construct):

* The tokenizer (hand-written) merges a name with its subscript and a parenthesised superscript
  into ONE symbol with a canonical spelling: ``a_{j}^{(L)}``, ``a_j^{(L)}`` and ``a^{(L)}_j`` are
  all ``Symbol("a_j^{(L)}")``; a one-character subscript is written without braces, a longer one
  with braces (``w_{jk}^{(l)}``, ``x_{10}``); Greek letters lose the backslash (``\alpha_i`` is
  ``Symbol("alpha_i")``), accents become suffixes (``\hat{y}`` is ``Symbol("yhat")``) and font
  commands are dropped (``\mathbf{z}`` is ``z``).  On a name with a subscript, a one-letter
  superscript (``l``, ``L``, ``l+1``) is a layer index too: ``\delta^L_j`` and ``\delta_j^L`` are
  ``Symbol("delta_j^{(L)}")``; ``x^2_i`` is ``x_i**2``; a superscript ``T`` is a transpose.
  On a name alone, ``l`` and ``L`` (± a digit) are layer indices too (``a^l``, ``w^{l+1}``), and
  ``s^i``, ``s^j``, ``s^0``, ``s^1`` are refused (an index or a power?).  Any other superscript is a
  power (``x^n`` is ``x**n``).
* The grammar (``grammar.lark``, lark LALR(1) built in strict mode, so it has no conflicts and
  each input has exactly one tree) does the structure; this module turns the tree into SymPy.
* Implicit multiplication binds tighter than ``/``, ``\cdot`` and ``\times``, which are applied
  left to right: ``a/bc`` is ``a/(b c)`` and ``a/b \cdot c`` is ``(a/b) c``.
* ``\sum_{i=1}^{3}``, ``\prod`` and ``\frac{d}{dz}`` apply to the rest of the product (up to the
  next top-level ``+``, ``-`` or relation); ``\frac{d}{dz}`` stops at an explicit ``\cdot`` or
  ``\times`` (``\frac{d}{dx} f \cdot g`` is (df/dx)·g, with a note).  A function without parentheses (``\tanh a``,
  ``\ln x``, ``\sin 2x``) takes the following implicit product, stopping at the next function,
  operator or explicit ``\cdot``.
* ``\frac{\partial J}{\partial w}`` is ``Derivative(J, w, evaluate=False)`` whatever ``J`` is: the
  parser does not decide whether ``J`` depends on ``w`` (that is the checker's job, which knows
  the document's definitions).
* Decimal literals are exact rationals (``0.5`` is ``1/2``).
* Annotations are dropped: a leading ``\text{Now, }`` made of connective words, item numbers like
  ``1) ii)``, and everything after a top-level ``\quad``, ``\text{...}``, ``\langle \text{...}``,
  ``\rightarrow (3)``, ``--- (1)`` or trailing punctuation.  Any other text inside the math is a
  :class:`LatexParseError` rather than a guess.
"""


from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Iterable

import sympy
from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedInput
from lark.lexer import Lexer

from derivations.checker.build import _Builder
from derivations.checker.cases import with_conditions
from derivations.checker.ellipsis import read_ellipses
from derivations.checker.evaluation_bar import read_evaluation_bars
from derivations.checker.index_notation import double_sums
from derivations.checker.lines import _clean
from derivations.checker.matrix_notation import array_matrices
from derivations.checker.source import (
    MAX_DIGITS,
    MAX_INPUT_LENGTH,
    MAX_NESTING,
    MAX_SUM_TERMS,
    LatexParseError,
    LatexUnsupportedError,
    Positions,
)
from derivations.checker.tokenizer import LETTER_THEN_LOG, _Tok, _Tokenizer
from derivations.checker.vocabulary import _PLAIN_FUNCTION_WORDS, SUPPORTED_NOTATION
from derivations.core.functions import sigma

__all__ = [
    "LatexParseError",
    "LatexUnsupportedError",
    "Chain",
    "parse_expression",
    "parse_chains",
    "SUPPORTED_NOTATION",
    "MAX_INPUT_LENGTH",
    "MAX_NESTING",
    "MAX_DIGITS",
    "MAX_SUM_TERMS",
]


@dataclass(frozen=True)
class Chain:
    r"""One chain ``a = b = c`` (possibly continued over ``\\`` lines of an ``aligned`` block).

    ``ops[i]`` relates ``items[i]`` and ``items[i+1]``; it is one of ``"="``, ``"approx"``,
    ``"<"``, ``"<="``, ``">"``, ``">="``, ``"neq"``, ``"def"``.  ``leading`` is ``"implies"``
    (``\Rightarrow``, ``\implies``, ``\therefore``, ``\Longrightarrow``, or a leading
    ``\text{Hence}``), ``"iff"``, ``"because"``, ``None``, or ``"continue:<op>"`` when the parsed
    text itself starts with a relation (e.g. ``= x`` continuing the previous display block).

    >>> parse_chains(r"\Rightarrow a \approx b")[0].leading
    'implies'
    """

    items: tuple[sympy.Basic, ...]
    ops: tuple[str, ...]
    sources: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    leading: str | None = None
    notes: tuple[tuple[int, str], ...] = ()  # (offset, how ambiguous notation was read)
    condition: str = ""  # a condition on one variable written after it ('x|>|0'): see .cases



# --------------------------------------------------------------------------------------------
# The lark parser
# --------------------------------------------------------------------------------------------


class _ListLexer(Lexer):
    """Lark lexer that hands over the tokens our tokenizer produced."""

    def __init__(self, lexer_conf):  # noqa: D107 - lark's interface
        pass

    def lex(self, data):  # type: ignore[override]
        yield from data


@lru_cache(maxsize=1)
def _lark() -> Lark:
    grammar = resources.files("derivations.checker").joinpath("grammar.lark").read_text("utf-8")
    from derivations.verify.cache import side_file  # the parser tables, kept with the verdicts

    return Lark(grammar, parser="lalr", lexer=_ListLexer, strict=True,
                propagate_positions=True, maybe_placeholders=False, cache=side_file("lark-parser.pickle") or False)


def _to_lark(toks: list[_Tok], where: Positions) -> list[Token]:
    out = []
    for t in toks:
        line, col = where.line_col(t.start)
        end_line, end_col = where.line_col(t.end)
        out.append(Token(t.type, t.value, start_pos=t.start, line=line, column=col,
                         end_line=end_line, end_column=end_col, end_pos=t.end))
    return out


_TOKEN_NAMES = {"$END": "end of input", "NEWLINE": "line break \\\\"}


def _parse_tree(text: str, where: Positions, names: frozenset[str], words: frozenset[str]):
    tokenizer = _Tokenizer(array_matrices(text), where, names, words)  # \left[\begin{array}: a matrix
    conditions: list = []
    toks = read_evaluation_bars(read_ellipses(tokenizer.run(), text, tokenizer.notes), text, tokenizer.notes)
    toks = double_sums(toks, tokenizer.notes)
    toks = _clean(toks, where, conditions, tokenizer.notes)
    try:
        return _lark().parse(_to_lark(toks, where)), tokenizer.notes, conditions
    except UnexpectedInput as err:
        tok = getattr(err, "token", None)
        if tok is None or tok.type == "$END" or getattr(tok, "start_pos", None) is None:
            pos = toks[-1].end if toks else len(text)
            raise where.parse_error("unexpected end of input", pos) from None
        what = _TOKEN_NAMES.get(tok.type) or f"'{text[tok.start_pos:tok.end_pos] or tok}'"
        raise where.parse_error(f"unexpected {what}", tok.start_pos) from None



# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------


_GLUED = re.compile(r"[A-Za-z]_[A-Za-z0-9](?:" + "|".join(sorted(_PLAIN_FUNCTION_WORDS, key=len, reverse=True)) + ")")


def _declared(functions: Iterable[str], where: Positions) -> tuple[frozenset, frozenset]:
    """Canonical names and multi-letter words of the functions a document declares."""
    names, words = set(), set()
    for spec in sorted(functions, key=str):  # the same name reported first on every run
        if not isinstance(spec, str):
            raise LatexParseError(f"function name must be a string, not {spec!r}", 1, 1)
        s = re.sub(r"\^\{?-1\}?$", "", spec.strip())
        if _GLUED.fullmatch(s) or LETTER_THEN_LOG.fullmatch(s):  # y_klog(p_k), ylog(p): y_k·log, y·log, as
            # the math itself reads them (not names)
            continue
        if re.fullmatch(r"[A-Za-z]{2,}", s):
            words.add(s)
            continue
        if re.fullmatch(r"\\?[A-Za-z]", s):
            names.add(s.lstrip("\\"))
            continue
        inner = Positions(s)
        reader = _Tokenizer(s, inner, frozenset(), frozenset())
        try:
            toks = [t for t in reader.run() if t.type != "PRIME"]
        except LatexUnsupportedError:  # y_{k \neq i}(…): never a function name the tokenizer emits
            continue
        if reader.notes:  # y_{k=i}(1 - y_i): a name read with a note is a product's factor, not a function
            continue
        if len(toks) == 1 and toks[0].type in ("NAME", "FUNC"):
            names.add(toks[0].value)
        elif len(toks) == 1 and toks[0].type == "TEXT" and re.fullmatch(r"\w+", toks[0].value):
            words.add(toks[0].value)
        else:
            raise LatexParseError(f"cannot read the function name {spec!r}", 1, 1)
    return frozenset(names), frozenset(words)


def _check_text(text: object) -> Positions:
    if not isinstance(text, str):
        raise LatexParseError(f"expected a string, not {type(text).__name__}", 1, 1)
    if len(text) > MAX_INPUT_LENGTH:
        raise LatexParseError(f"input longer than {MAX_INPUT_LENGTH} characters", 1, 1)
    return Positions(text)


_PARSED: dict[tuple, list[Chain]] = {}


def parse_chains(text: str, *, functions: Iterable[str] = (),
                 symbols_not_constants: Iterable[str] = ()) -> list[Chain]:
    r"""Parse the body of a display-math block into its relation chains.

    ``functions`` names the document's own functions (``{"f", r"\sigma^{-1}", "ReLU"}``) so that
    ``f(x)`` is an application, not ``f*x``; ``symbols_not_constants`` lists constants to read as
    plain symbols (``{"e"}``).  A ``\\`` line that starts with a relation continues the previous
    chain, any other line starts a new one.

    >>> [c] = parse_chains(r"\begin{aligned} f(x) &= x^2 \\ &\le 4 \end{aligned}", functions={"f"})
    >>> c.items, c.ops, c.spans
    ((f(x), x**2, 4), ('=', '<='), ((16, 20), (24, 27), (36, 37)))
    """
    functions, symbols_not_constants = tuple(functions), tuple(symbols_not_constants)
    key = (text, frozenset(functions), frozenset(symbols_not_constants))
    if key in _PARSED:  # parsed before in this process (a planning pass, the same line again): new Chain objects
        return [replace(c) for c in _PARSED[key]]
    try:
        return _parse_chains(text, key, functions, symbols_not_constants)
    except LatexParseError as err:
        if err.message != "unexpected ')'":
            raise
        recovered = _missing_open(text, err, lambda t: _parse_chains(t, None, functions, symbols_not_constants))
        if recovered is None:
            raise
        return recovered


# a row that holds only an arrow (… \\ & \Rightarrow \\ g &= …): the arrow starts the next row (its \\ blanked)
_ARROW_ROW = re.compile(r"(\\\\\s*&?\s*)(\\Rightarrow|\\implies|\\Longrightarrow|=>)(\s*&?\s*\\\\)")


def _arrow_first(m: re.Match) -> str:
    """The row of an arrow alone, its closing \\\\ (and &) blanked: every line and column stays where it was."""
    return m.group(1) + m.group(2) + re.sub(r"[^\n]", " ", m.group(3))


def _parse_chains(text: str, key: tuple | None, functions: tuple, symbols_not_constants: tuple) -> list[Chain]:
    where = _check_text(text)
    text = _ARROW_ROW.sub(_arrow_first, text)  # the same length, line for line: ``where`` still fits
    names, words = _declared(functions, where)
    not_constants = frozenset(s.strip().lstrip("\\") for s in symbols_not_constants)
    try:
        tree, notes, conditions = _parse_tree(text, where, names, words)
        builder = _Builder(where, not_constants)
        chains = _chains(tree, text, builder)
        chains = _with_notes(chains, notes + builder.notes)
        chains = with_conditions(chains, conditions, where)
        if key is not None:
            if len(_PARSED) >= 512:
                _PARSED.clear()
            _PARSED[key] = chains
        return [replace(c) for c in chains]
    except (LatexParseError, LatexUnsupportedError):
        raise
    except RecursionError:
        raise where.parse_error("expression nested too deeply", 0) from None
    except (LarkError, ValueError, TypeError, AttributeError, IndexError, KeyError) as err:
        # A safety net: SymPy may refuse an object we built (e.g. a derivative with respect to
        # a number).  The hypothesis tests check that this path is not reached in practice.
        raise where.parse_error(f"cannot read this math (internal: {err})", 0) from None


_RELATION_AFTER = re.compile(r"\s*(?:&\s*)?(?:=|\\approx|\\\\|$)")
_MAX_PLACES = 24  # where the missing '(' may go: more places than this, and the block stays refused


def _missing_open(text: str, err: LatexParseError, parse) -> list[Chain] | None:
    r"""The chains of ``text`` whose one side ends with a ')' that nothing opens (``1 - \sigma(z)) = …``),
    when every place the missing '(' can go in that side gives the same reading; else None.

    >>> [c] = parse_chains(r"1 - \sigma(z)) = \frac{e^{-z}}{1+e^{-z}}")
    >>> c.items[0], c.notes[0][1][:44]
    (1 - sigma(z), "an unmatched ')' closes the whole side: a '(")
    >>> parse_chains(r"2 x + 1) = 2x + 2")
    Traceback (most recent call last):
    ...
    derivations.checker.source.LatexParseError: unexpected ')' (line 1, column 8)
    """
    lines = text.split("\n")
    if not 1 <= err.line <= len(lines):
        return None
    pos = sum(len(line) + 1 for line in lines[:err.line - 1]) + err.column - 1
    if pos >= len(text) or text[pos] != ")" or not _RELATION_AFTER.match(text, pos + 1):
        return None
    start, braces = pos, 0
    while start > 0 and not (braces == 0 and text[start - 1] in "=&" or text.startswith("\\\\", start - 2)):
        braces += (text[start - 1] == "}") - (text[start - 1] == "{")  # Σ_{i=1}: not the side's start
        start -= 1
    places, depth = [], 0
    for q in range(start, pos):  # a '(' may go where a term or a factor starts at the side's own level
        ch = text[q]
        if depth == 0 and (q == start or text[q - 1] in " +-*/(") and (ch.isalnum() or ch in "\\({"):
            places.append(q)
        depth += (ch in "{(") - (ch in "})")
    if not places or len(places) > _MAX_PLACES:
        return None
    readings = []
    for q in places:
        try:
            readings.append((q, parse(text[:q] + "(" + text[q:])))
        except (LatexParseError, LatexUnsupportedError):
            continue
    if not readings or any(_reading(r) != _reading(readings[0][1]) for _q, r in readings[1:]):
        return None
    q, chains = readings[0]

    def back(offset: int) -> int:
        return offset - (offset > q)

    note = (pos, "an unmatched ')' closes the whole side: a '(' is missing, and every place it can go reads "
                 "the same")
    return [replace(c, spans=tuple((back(a), back(b)) for a, b in c.spans),
                    notes=tuple((back(o), m) for o, m in c.notes) + ((note,) if k == 0 else ()))
            for k, c in enumerate(chains)]


def _reading(chains: list[Chain]) -> tuple:
    """What a list of chains says, for comparing readings: relations and items up to SymPy's expansion."""
    return tuple((c.ops, tuple(sympy.expand(i) if isinstance(i, sympy.Expr) else i for i in c.items))
                 for c in chains)


def _chains(tree: Tree, text: str, builder: _Builder) -> list[Chain]:
    chains: list[dict] = []

    def item(node):
        if isinstance(node, Token):
            span = (node.start_pos, node.end_pos)
        else:
            span = (node.meta.start_pos, node.meta.end_pos)
        builder.nodes = 0
        value = builder.expr(node)
        bare = sympy.Symbol("sigma")
        if bare in value.free_symbols and any(bare in f.free_symbols for f in value.atoms(sigma)):
            value = value.replace(lambda f: isinstance(f, sigma) and bare in f.free_symbols,
                                  lambda f: sympy.Mul(bare, f.args[0], evaluate=False))
            builder.notes.append((span[0], "σ(1 − σ) with σ written alone (a value): read as the product "
                                           "σ·(1 − σ), not σ applied to 1 − σ"))
        return value, text[span[0]:span[1]], span

    def add(chain: dict, op_token, node):
        value, source, span = item(node)
        if op_token is not None:
            chain["ops"].append(_op_name(op_token))
        chain["items"].append(value)
        chain["sources"].append(source)
        chain["spans"].append(span)

    def new(leading):
        chain = {"items": [], "ops": [], "sources": [], "spans": [], "leading": leading}
        chains.append(chain)
        return chain

    for line in tree.children:
        if not isinstance(line, Tree):
            continue
        leading = None
        for part in line.children:
            if isinstance(part, Token) and part.type == "LEAD":
                leading = str(part)
                continue
            kids = part.children
            if part.data == "chain":
                chain = new(leading)
                add(chain, None, kids[0])
                pairs = kids[1:]
            else:  # cont: continues the last chain
                if chains:
                    chain = chains[-1]
                    pairs = kids
                else:
                    chain = new(f"continue:{_op_name(kids[0])}")
                    add(chain, None, kids[1])
                    pairs = kids[2:]
            for k in range(0, len(pairs), 2):
                add(chain, pairs[k], pairs[k + 1])
            leading = None
    return [Chain(tuple(c["items"]), tuple(c["ops"]), tuple(c["sources"]), tuple(c["spans"]),
                  c["leading"]) for c in chains]


def _with_notes(chains: list[Chain], notes: list[tuple[int, str]]) -> list[Chain]:
    """Each reading note goes to the chain it stands in (or the next one, or the last)."""
    if not notes or not chains:
        return chains
    given: list[list] = [[] for _ in chains]
    for offset, message in notes:
        k = next((k for k, c in enumerate(chains) if offset < c.spans[-1][1]), len(chains) - 1)
        given[k].append((offset, message))
    return [replace(c, notes=tuple(n)) if n else c for c, n in zip(chains, given)]


def _op_name(token: Token) -> str:
    return "=" if token.type == "EQ" else str(token)


def parse_expression(text: str, *, functions: Iterable[str] = (),
                     symbols_not_constants: Iterable[str] = ()) -> sympy.Expr:
    r"""Parse one expression (no relation) into an unevaluated SymPy expression.

    >>> parse_expression(r"2\sigma(2a) - 1")
    2*sigma(2*a) - 1
    >>> parse_expression(r"e^{x}", symbols_not_constants={"e"})
    e**x
    """
    chains = parse_chains(text, functions=functions, symbols_not_constants=symbols_not_constants)
    if not chains:
        raise LatexParseError("empty input: expected an expression", 1, 1)
    if len(chains) > 1 or len(chains[0].items) > 1 or chains[0].leading:
        where = Positions(text)
        pos = chains[0].spans[0][1] if len(chains) == 1 else chains[1].spans[0][0]
        raise where.parse_error("expected one expression, found a relation or several lines",
                                pos)
    return chains[0].items[0]
