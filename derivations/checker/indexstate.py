r"""What a document says about its indices: letters, stated ranges, index conditions, hypotheses.

:class:`IndexState` is filled once from every chain of the document (:meth:`IndexState.prescan`)
and then followed block by block: the index condition in force ("If $i = k$," before a display, or
written after a claim), the range a sum without one is read with, the index a ``\sum`` written
without one sums over, and the hypotheses about sums (``\sum_k y_k = 1``) that steps may need.

>>> from derivations.checker.parser import parse_expression
>>> state = IndexState()
>>> state.resolve(parse_expression(r"\sum_k x_k"), notes := set())
Σ_{k}(x_k)
>>> sorted(notes)
['Σ_k has no stated range: read as k = 1…n for every n']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from sympy import Basic, Mul, Number, Pow, S, Symbol, log
from sympy.core.function import AppliedUndef

from derivations.checker.index_cases import split_on_indices
from derivations.checker.indexed import NO_INDEX, UNSTATED, IndexedSum, _Kept, index_items, instantiate, kept_sums
from derivations.checker.sections import headings
from derivations.checker.source import LatexParseError, LatexUnsupportedError

__all__ = ["one_hot_labels", "IndexState", "new_names", "cross_entropy_labels"]

_CONVENTIONAL = frozenset("ijk")
_ELSE = r"\s*[,;]?\s*(?:\\text\{\s*)?(?:and\s+\$?0\$?\s+)?(?:else|otherwise)\b"  # δ_ij = 1 if $i = j$, else 0: the δ's condition
_PROSE_CONDITION = re.compile(  # "If $i = k$,", "where $j \neq i$", "when \(i \ne j\)"
    r"\b(?:if|for|when|where|with|case)\W{0,4}(?:\$+|\\\(|`)\s*([a-z])\s*(=|\\neq?\b|\\not=|≠|!=)\s*([a-z])"
    rf"\s*(?:\$+|\\\)|`)(?!{_ELSE})", re.IGNORECASE)  # or between backticks, in a note written as plain text
_CONDITION = re.compile(r"(?:\$+|\\\(|`)\s*([a-z])\s*(=|\\neq?\b|\\not=|≠|!=)\s*([a-z])\s*(?:\$+|\\\)|`)")


@dataclass
class IndexState:
    r"""What the document says about indices: their letters, the ranges it states, its hypotheses.

    >>> state = IndexState()
    >>> state.letters >= {"i", "j", "k"}
    True
    """

    letters: set = field(default_factory=lambda: set(_CONVENTIONAL))
    stated: dict = field(default_factory=dict)  # letter -> {last values of the sums over it}
    lasts: set = field(default_factory=set)  # every stated last value
    hypotheses: list = field(default_factory=list)  # (kept sum, value, where: "line 12")
    pending: tuple | None = None  # an index condition (a, relation, b) for the next display
    condition: tuple | None = None  # the one in force in this display
    where: str = ""  # where the document states it
    earlier: list = field(default_factory=list)  # the conditions stated in this section so far (a case goes on?)
    section_end: int = 0  # where the last math block ended (a heading after it opens a new section)
    last_end: int = 0  # where the last display block ended
    inferred: dict = field(default_factory=dict)  # a sum written without its index -> its index
    conditions: dict = field(default_factory=dict)  # id(chain) -> its condition written with it (before or after)
    chain: int = 0  # id of the chain being checked
    families: dict = field(default_factory=dict)  # (base, superscript, position) -> stated last values
    one_hot: set = field(default_factory=set)  # the label families the words call one-hot ("y_i is one-hot")
    closing: bool = False  # the words right after this block go on with "else" (the condition of what came before)

    def conditional(self, body: str, parse: Callable) -> list | None:
        """The chains of a block refused for a condition after the math, when that condition is one
        between index letters (``\\text{if } i = k``, a ``cases`` split on i = k / i ≠ k); else None."""
        pieces = split_on_indices(body, self.letters)
        if pieces is None:
            return None
        chains = []
        try:
            for text, condition in pieces:
                for chain in parse(text):
                    if condition is not None:  # the rows before the first condition of an align hold always
                        self.conditions[id(chain)] = condition
                    chains.append(chain)
        except (LatexParseError, LatexUnsupportedError):
            return None
        return chains

    def active(self) -> tuple[tuple, str] | None:
        """The index condition of the chain being checked, and where the document states it."""
        if self.chain in self.conditions:
            return self.conditions[self.chain], "the condition written with it"
        if self.condition is not None:
            return self.condition, self.where
        return None

    def prescan(self, chains: Iterable[tuple[int, object]]) -> None:
        """Collect index letters, stated ranges and hypotheses from every (line, chain)."""
        for line, chain in chains:
            for item in chain.items:
                for node in kept_sums(item):
                    if node.index != NO_INDEX:
                        self.letters.add(node.index.name)
                    if node.condition is not None:
                        self.letters.add(node.condition[1].name)
                    if node.last != UNSTATED:
                        self.stated.setdefault(node.index.name, set()).add(node.last)
                        self.lasts.add(node.last)
                        self._note_family(node)
            self._infer_indices(chain.items)
            if self._hypothesis(chain.items, chain.ops):  # stated: it replaces the same one implied
                self.hypotheses = [h for h in self.hypotheses if h[:2] != tuple(chain.items[:2])]
                self.hypotheses.append((chain.items[0], chain.items[1], f"line {line}"))
            labels = cross_entropy_labels(chain.items, chain.ops)
            if labels is not None and not any(h[0] == labels for h in self.hypotheses):
                self.hypotheses.append((labels, S.One, f"the labels of the cross-entropy on line {line}"))
        sizes = set().union(*(e.free_symbols for e in self.lasts)) if self.lasts else set()
        self.letters -= {s.name for s in sizes}

    def _note_family(self, node: _Kept) -> None:
        """x_k in Σ_{k=1}^{n}: the family x (at that subscript position) goes up to n."""
        for sym in node.operand.free_symbols:
            parts = index_items(sym)
            for pos, i in enumerate(parts[1] if parts else ()):
                if i == node.index.name:
                    self.families.setdefault((parts[0], tuple(parts[2]), pos), set()).add(node.last)

    def _infer_indices(self, items) -> None:
        """``z_j = \\sum w_{jk} a_k + b_j``: a sum written without its index sums over the one
        index letter of its operand that the equation does not use elsewhere (k); else unread.
        The other sums without an index bind their own letters (``\\frac1n \\sum (y_i - m x_i)^2 =
        \\frac1n \\sum \\frac{\\partial}{\\partial m}(y_i - m x_i)^2``: both over i), except a sum around this one."""
        unindexed = [n for e in items for n in kept_sums(e) if n.index == NO_INDEX]
        for item in items:
            for node in kept_sums(item):
                if node.index != NO_INDEX:
                    continue
                bound = {n: S.Zero for n in unindexed if n == node or not n.has(node)}
                outside = set(_free_letters([e.xreplace(bound) for e in items], self.letters)[0])
                inside = set(_free_letters([node.operand], self.letters)[0])
                letter = inside - outside
                if not inside:  # ∑ (y_t − w x − b)²: the one letter written as a subscript in the operand
                    scripts = _subscript_letters(node.operand)
                    outside = set(_free_letters([e.xreplace(bound) for e in items], scripts)[0])
                    letter = scripts - outside if len(scripts) == 1 else set()
                    self.letters |= letter
                guess = next(iter(letter)) if len(letter) == 1 else None
                if self.inferred.get(node, guess) != guess:
                    guess = None
                self.inferred[node] = guess

    def _lone_letter(self, node: _Kept) -> str | None:
        """The index of a sum without one that no equation of the document shows (E = ∑ (y_t − w x − b)², a body
        taken from a link that names E): the one index letter, else the one subscript letter, of its operand."""
        inside = _free_letters([node.operand], self.letters)[0] or _free_letters(
            [node.operand], _subscript_letters(node.operand))[0]
        return inside[0] if len(inside) == 1 else None

    def _hypothesis(self, items, ops) -> bool:
        """``\\sum_k y_k = 1``: a sum of one indexed unknown equal to a number (never an identity)."""
        if len(items) != 2 or tuple(ops) != ("=",):
            return False
        lhs, rhs = items
        if not (isinstance(lhs, _Kept) and isinstance(rhs, Number) and lhs.condition is None):
            return False
        parts = index_items(lhs.operand) if isinstance(lhs.operand, Symbol) else None
        return parts is not None and parts[1] == [lhs.index.name] and not parts[2]

    def is_hypothesis(self, lhs: Basic, rhs: Basic) -> bool:
        """True for a step the document states as a hypothesis about a sum."""
        return any(h[0] == lhs and h[1] == rhs for h in self.hypotheses)

    def condition_step(self, items: Sequence[Basic], ops: Sequence[str]) -> str:
        """For ``i = k`` or ``i \\neq k`` standing alone: record it for the next display; the reason."""
        delta = len(items) == 2 and isinstance(items[0], Symbol) and re.fullmatch(r"delta_\{?([a-z]{2})\}?", items[0].name)
        if delta and tuple(ops) == ("=",) and items[1] in (S.Zero, S.One):  # δ_ij = 1 (if i = j): not a definition
            return (f"the value of the Kronecker delta δ_{delta.group(1)} (read as 1 if its two indices are equal, "
                    "else 0), not a definition")
        if (len(items) != 2 or len(ops) != 1 or ops[0] not in ("=", "neq")
                or not all(isinstance(e, Symbol) and e.name in self.letters for e in items)
                or items[0] == items[1]):
            return ""
        if self.closing:  # δ_ij = 1 if $i = j$, else 0
            return "the condition of what is written before it (its words go on with \"else\"), not of the next display"
        self.pending = (items[0].name, ops[0], items[1].name)
        self.earlier.append(self.pending)
        rel = "=" if ops[0] == "=" else "≠"
        return (f"an index condition ({items[0]} {rel} {items[1]}): the steps of the next display are "
                "checked for index values that satisfy it")

    def enter(self, block, text: str) -> bool:
        """A new math block: a display takes the index condition stated since the last display
        ("If $i = k$,", "where $j \\neq i$"), for itself only.  True when it replaces another one
        (a display that starts with "=" then does not continue the one before)."""
        heads = headings(text)  # the section's heading ("**Case 2: $i \\neq k$**") holds to the next heading
        at = bisect.bisect_right(heads, (block.block_start,)) - 1
        if at >= 0 and heads[at][0] >= self.section_end:  # a new section: the cases stated before are over
            self.earlier = []
        self.section_end = block.block_end
        self.closing = bool(re.match(_ELSE, text[block.block_end:block.block_end + 40], re.IGNORECASE))
        if not block.display:
            return False
        before = self.condition
        found = self._conditions(_PROSE_CONDITION, text[self.last_end:block.block_start])
        section = self._conditions(_CONDITION, heads[at][1]) if at >= 0 else []
        goes_on = (before is not None and re.match(r"\s*&?\s*=", block.body)  # "$$= …$$" goes on under it
                   and (at < 0 or heads[at][0] < self.last_end))
        if found or self.pending:
            self.condition, self.where = found[-1] if found else self.pending, "the condition stated before this display"
        elif goes_on:
            self.where = self.where.replace("this display", "the display it continues")
        else:
            self.condition = section[-1] if len(section) == 1 else None
            self.where = "the condition in the heading of its section"
        self.pending = None
        self.last_end = block.block_end
        self.earlier += found + ([self.condition] if self.condition else [])
        return before is not None and self.condition is not None and before != self.condition

    def _conditions(self, pattern: re.Pattern, text: str) -> list[tuple]:
        """The index conditions (a, '=' or 'neq', b) ``pattern`` finds in ``text``, between two index letters."""
        return [(a, "=" if rel == "=" else "neq", b) for a, rel, b in pattern.findall(text)
                if a in self.letters and b in self.letters and a != b]

    def resolve(self, expr: Basic, notes: set, near: Iterable[Basic] = ()) -> Basic:
        """``expr`` with the unstated range of each kept sum inferred (noted in ``notes``): that of
        the sums over the same letter in ``near`` (the step), else of the same terms in ``near``
        (θ_1 x_1 + θ_2 x_2 + ⋯ = Σ_{i=0}^d θ_i x_i), else over the letter in the document, else the
        document's only range, else 1…n."""
        local: dict = {}
        for e in near:
            for node in kept_sums(e):
                if node.last != UNSTATED:
                    local.setdefault(node.index.name, set()).add(node.last)
                    local.setdefault(_terms(node), set()).add(node.last)

        def last(node: _Kept) -> Basic:
            for own, where in ((local.get(node.index.name, set()), "this step's other sums over it"),
                               (local.get(_terms(node), set()), "this step's sum of the same terms"),
                               (self.stated.get(node.index.name, set()), "the document's other sums over it")):
                if len(own) == 1:
                    (value,) = own
                    notes.add(f"Σ_{node.index} has no stated range: read as {node.index} = 1…{value}, "
                              f"the range of {where}")
                    return value
            if len(self.lasts) == 1:
                (value,) = self.lasts
                notes.add(f"Σ_{node.index} has no stated range: read as {node.index} = 1…{value}, "
                          "the only range the document states")
                return value
            notes.add(f"Σ_{node.index} has no stated range: read as {node.index} = 1…n for every n")
            return UNSTATED

        def indexed(node: _Kept) -> Basic:
            letter = self.inferred.get(node) if node in self.inferred else self._lone_letter(node)
            if letter is None:
                return node
            notes.add(f"Σ without an index read as Σ_{letter} (the only index of its operand that "
                      "the equation does not use elsewhere)")
            return node.func(node.operand, type(node.args[1])(Symbol(letter), *node.args[1][1:]),
                             node.args[2])

        expr = expr.replace(lambda e: isinstance(e, _Kept) and e.index == NO_INDEX, indexed)
        return expr.replace(lambda e: isinstance(e, _Kept) and e.last == UNSTATED,
                            lambda e: e.func(e.operand, type(e.args[1])(e.index, e.first, last(e)),
                                             e.args[2]))


def _walk(expr: Basic, letters: set, bound: frozenset, visit: Callable) -> None:
    if isinstance(expr, _Kept):
        inner = bound | {expr.index.name}
        if expr.condition is not None:  # Σ_{k≠i}: i is an index occurrence
            visit(None, bound, expr.condition[1].name)
        _walk(expr.operand, letters, inner, visit)
        for e in (expr.first, expr.last):
            _walk(e, letters, bound, visit)
        return
    if isinstance(expr, Symbol):
        visit(expr, bound)
        return
    if isinstance(expr, AppliedUndef):  # f_k(x): k indexes the function
        visit(Symbol(expr.func.__name__), bound)
    for a in expr.args:
        _walk(a, letters, bound, visit)


def _subscript_letters(expr: Basic) -> set:
    """The single lowercase letters written as (one of) the subscripts of ``expr``'s names (t of y_t)."""
    return {i for s in expr.free_symbols if (parts := index_items(s))
            for i in parts[1] if len(i) == 1 and i.islower() and i.isalpha()}


def _free_letters(exprs: Iterable[Basic], letters: set) -> tuple[list, bool]:
    """(free index letters in order of appearance, whether a bare index letter is used as a number)."""
    free: list = []
    bare = [False]

    def visit(symbol: Symbol | None, bound: frozenset, letter: str = "") -> None:
        if symbol is None:
            if letter in letters and letter not in bound and letter not in free:
                free.append(letter)
            return
        if symbol.name in letters:
            bare[0] = True
            if symbol.name not in bound and symbol.name not in free:
                free.append(symbol.name)
            return
        parts = index_items(symbol)
        # y^{(i)}: the example index of a sum written in the superscript (one letter) is an index too
        for i in (parts[1] + (parts[2] if len(parts[2]) == 1 else [])) if parts else ():
            if i in letters and i not in bound and i not in free:
                free.append(i)

    for e in exprs:
        _walk(e, letters, frozenset(), visit)
    return free, bare[0]


def _family(symbol: Symbol) -> tuple:
    parts = index_items(symbol)
    return (parts[0], tuple(parts[2])) if parts else (symbol.name,)


def new_names(rhs: Basic, before: Iterable[Basic], seen: set, symbols, state: IndexState) -> list:
    r"""Indexed names the right side brings in that appear nowhere before and are not defined
    (α_i in ``w - w^* = \sum_i \alpha_i u_i``): a refuted step may only name what they stand for.

    >>> from derivations.checker.parser import parse_expression
    >>> new_names(parse_expression(r"\sum_i \alpha_i u_i"), [parse_expression("w")], set(), [],
    ...           IndexState())
    [alpha_i, u_i]
    """
    known = {_family(s) for s in seen} | {_family(h) for h, _b in symbols}
    known |= {_family(s) for e in before for s in e.free_symbols}
    sizes = {s for n in kept_sums(rhs) for e in (n.first, n.last) for s in e.free_symbols}
    fresh = [s for s in sorted(rhs.free_symbols - sizes, key=str)
             if _family(s) not in known and s.name not in state.letters and s not in (UNSTATED, NO_INDEX)]
    return fresh


def cross_entropy_labels(items: Sequence[Basic], ops: Sequence[str]) -> Basic | None:
    r"""``\sum_k y_k`` for a categorical cross-entropy ``L = -\sum_k y_k \log p_k`` (else None).

    Its labels are a distribution over the classes (one-hot or probabilities): they sum to 1, which
    the softmax gradient's last step (``p_i \sum_k y_k - y_i = p_i - y_i``) uses.  Only this form is
    read so: a multi-label loss, ``-\sum_k [y_k \log p_k + (1 - y_k) \log(1 - p_k)]``, is not.

    >>> from derivations.checker.parser import parse_chains
    >>> [c] = parse_chains(r"L = -\sum_k y_k \log a_k")
    >>> cross_entropy_labels(c.items, c.ops)
    Σ_{k}(y_k)
    >>> [c] = parse_chains(r"L := -\frac{1}{C}\sum_{c=1}^{C} y_c \ln p_c")
    >>> cross_entropy_labels(c.items, c.ops)
    Σ_{c=1..C}(y_c)
    >>> [c] = parse_chains(r"L = -\sum_k (y_k \log a_k + (1 - y_k) \log(1 - a_k))")
    >>> cross_entropy_labels(c.items, c.ops) is None
    True
    """
    if len(items) < 2 or not ops or ops[0] not in ("=", "def"):
        return None
    coeff, rest = items[1].as_coeff_Mul()
    sums = [f for f in Mul.make_args(rest) if isinstance(f, IndexedSum)]
    scale = [f for f in Mul.make_args(rest) if not isinstance(f, IndexedSum)]  # 1/N, 1/C: a mean
    if len(sums) != 1 or not all(isinstance(f, Pow) and f.exp == -1 and isinstance(f.base, Symbol) for f in scale):
        return None
    rest = sums[0]
    if not (coeff.is_negative and rest.condition is None and rest.index != NO_INDEX):
        return None
    factors = rest.operand.as_ordered_factors()
    labels = [f for f in factors if isinstance(f, Symbol)]
    logs = [f for f in factors if isinstance(f, log)]
    if len(factors) != 2 or len(labels) != 1 or len(logs) != 1:
        return None
    parts = index_items(labels[0])
    if parts is None or parts[1] != [rest.index.name] or parts[2]:
        return None
    if rest.index not in logs[0].free_symbols and not any(
            rest.index.name in (index_items(x) or ("", []))[1] for x in logs[0].free_symbols if isinstance(x, Symbol)):
        return None
    return rest.func(labels[0], rest.args[1], rest.args[2])


def _terms(node: _Kept) -> Basic | None:
    """The operand of a kept sum at a sentinel index value: equal for sums of the same terms
    (Σ_k θ_k x_k and Σ_i θ_i x_i), whatever their index letters; None where it cannot be formed."""
    try:
        return instantiate(node.operand, {}, {node.index.name: 9973})
    except (ValueError, TypeError):
        return None


_ONE_HOT = re.compile(r"[^.!?\n]*\bone[- ]hot\b[^.!?\n]*", re.IGNORECASE)
_INLINE_NAME = re.compile(r"\$\s*(?:\\mathbf\{|\\boldsymbol\{|\\vec\{)?([A-Za-z])\}?(?:_\{?[A-Za-z0-9]+\}?)?\s*\$"
                          r"|`([A-Za-z])(?:_[A-Za-z0-9]+)?`")


def one_hot_labels(text: str) -> set:
    """The families that a sentence of the document calls one-hot ("Since $y_i$ is a one-hot vector").

    >>> sorted(one_hot_labels("Since $y_i$ is a one-hot vector, therefore"))
    ['y']
    >>> one_hot_labels("The target $t$ is a class index.")
    set()
    """
    found = set()
    for sentence in _ONE_HOT.finditer(text):
        found |= {a or b for a, b in _INLINE_NAME.findall(sentence.group())}
    return found
