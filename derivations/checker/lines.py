r"""Line clean-up after the tokenizer: annotations, remarks and labels go; statements are split.

A line of tokens loses its leading annotation (``\text{Now, }``, item numbers ``1) ii)``), its
trailing remark (after ``\quad``, ``\text{...}``, ``\langle \text{...}``, ``\rightarrow (3)``, ``--- (1)``)
and its punctuation; ``a = b \quad c = d`` becomes two statements, and a line that starts with
``+`` or ``-`` continues the expression of the line before.  A remark that states a condition
(``\quad x > 0``) is refused, never dropped.

>>> from derivations.checker.source import Positions
>>> from derivations.checker.tokenizer import _Tokenizer
>>> text = r"a = b \quad \text{since } c = d"
>>> where = Positions(text)
>>> [t.type for t in _clean(_Tokenizer(text, where, frozenset(), frozenset()).run(), where)]
['NAME', 'EQ', 'NAME', 'NEWLINE', 'NAME', 'EQ', 'NAME']
"""

from __future__ import annotations

import re

from derivations.checker.source import Positions
from derivations.checker.tokenizer import _CLOSERS, _OPENERS, _OPERAND_END, _Tok
from derivations.checker.vocabulary import (
    _CONDITION_RELATIONS,
    _CONDITION_WORDS,
    _CONNECTIVES,
    _IMPLIES_WORDS,
)


_REMARK_STARTS = frozenset({"QUAD", "TEXT", "AMPLIT", "LANGLE", "LABEL"})
_NOT_GRAMMAR = {"QUAD": "spacing", "TEXT": "text", "AMPLIT": "\\&", "LANGLE": "\\langle",
                "RANGLE": "\\rangle", "ARROW": "arrow", "LABEL": "label", "PUNCT": "punctuation"}


def _is_connective(text: str) -> bool:
    words = re.findall(r"[A-Za-z']+", text.lower())
    return bool(words) and all(w in _CONNECTIVES for w in words)


def _strip_leading(line: list[_Tok]) -> list[_Tok]:
    out = list(line)
    i = 0
    has_lead = False
    while i < len(out):
        tok = out[i]
        if tok.type == "LEAD" and i == 0:
            has_lead = True
            i += 1
        elif tok.type == "QUAD":
            del out[i]
        elif tok.type == "TEXT" and (_is_connective(tok.value) or i == 0 and set(
                re.findall(r"[a-z]+", tok.value.lower())) <= {"if", "suppose", "assume"}):
            words = set(re.findall(r"[a-z]+", tok.value.lower()))
            if words & _IMPLIES_WORDS and not has_lead and i == 0:
                out[i] = _Tok("LEAD", "implies", tok.start, tok.end)
                has_lead = True
                i += 1
            else:
                del out[i]
        elif tok.type == "TEXT" and i == 0 and tok.value.strip().endswith(":"):
            del out[i]  # a label: ``\text{Prediction:} \hat{y} = Xw``, ``\text{Step 1: } a = b``
        elif tok.type == "PUNCT" and i < len(out) and (i == 0 or has_lead):
            del out[i]
        elif i == 0 and tok.type in ("NUMBER", "NAME"):
            j = i
            while (j < len(out) and j - i < 4 and out[j].type in ("NUMBER", "NAME")
                   and (out[j].type == "NUMBER" or len(out[j].value) == 1)):
                j += 1
            if j + 1 < len(out) and out[j].type in ("_RPAR", "_RSQB"):
                del out[i:j + 1]
            else:
                break
        else:
            break
    return out


def _rest_is_label(line: list[_Tok], k: int) -> bool:
    """True if line[k:] is an equation label: nothing, ``(3)``, ``\\textcircled{8}``, text."""
    rest = [t.type for t in line[k:]]
    while rest and rest[-1] in ("PUNCT", "COMMA", "QUAD"):
        rest.pop()
    rest = [t for t in rest if t != "QUAD"]
    return rest in ([], ["LABEL"], ["TEXT"]) or (
        len(rest) == 3 and rest[0] == "_LPAR" and rest[1] in ("NUMBER", "NAME", "TEXT")
        and rest[2] == "_RPAR")


_STATEMENT_START = frozenset({"NAME", "NUMBER", "FUNC", "PARTIAL", "BIGOP", "_FRAC", "_SQRT",
                              "MINUS", "_LPAR", "_LSQB", "_LBRACE", "_LABS"})


def _starts_statement(line: list[_Tok], i: int) -> bool:
    r"""After the spacing or arrow at ``line[i]``: more math with a relation, and no condition.

    ``a = b \quad c = d`` and ``a = b \quad\text{and}\quad c = d`` hold two statements;
    ``x = 1 \quad (3)`` a label and ``\quad x > 0`` a condition (refused, never dropped).
    """
    rest = [t for t in line[i + 1:] if t.type != "QUAD"]
    while rest and rest[0].type == "TEXT" and _is_connective(rest[0].value):
        rest = [t for t in rest[1:] if t.type != "QUAD"]
    if not rest or rest[0].type not in _STATEMENT_START or _rest_is_label(line, i + 1):
        return False
    if line[i].type == "QUAD" and not any(t.type == "EQ" for t in rest):
        return line[i].type == "QUAD" and all(t.type not in _REMARK_STARTS | {"REL", "ARROW"}
                                              for t in rest)
    return not any(t.type == "REL" and t.value in _CONDITION_RELATIONS for t in rest)


def _cut_remarks(line: list[_Tok]) -> list[_Tok]:
    depth = 0
    for i, tok in enumerate(line):
        if tok.type in _OPENERS:
            depth += 1
        elif tok.type in _CLOSERS:
            depth -= 1
        if depth != 0 or i == 0 or line[i - 1].type not in _OPERAND_END:
            continue
        if tok.type in ("QUAD", "ARROW") and _starts_statement(line, i) and not _index_condition(line[i + 1:]):
            # math after the spacing (``a = b \quad c = d``) or an arrow: a new statement
            lead = [_Tok("LEAD", "implies", tok.start, tok.end)] if tok.type == "ARROW" else []
            return line[:i] + [_Tok("SPLIT", "", tok.start, tok.end)] + lead + line[i + 1:]
        if tok.type == "QUAD":
            nxt = next((t.type for t in line[i + 1:] if t.type != "QUAD"), None)
            if nxt not in ("EQ", "REL", "LEAD"):
                return line[:i]
        text_at = i if tok.type == "TEXT" else i + 1 if (
            tok.type in ("PUNCT", "COMMA") and i + 1 < len(line) and line[i + 1].type == "TEXT") else None
        if text_at is not None and any(t.type == "EQ" for t in line[text_at + 1:]):
            split = _split_after_text(line, i, text_at)
            if split is not None or tok.type == "TEXT":
                return split or line  # math after a word that is not a connective: refused, not dropped
        if tok.type in _REMARK_STARTS - {"QUAD", "LANGLE"} or tok.type == "LANGLE" and _words_next(line, i):
            return line[:i]  # \langle x, y \rangle is math (an inner product, not read): never dropped
        if tok.type == "ARROW" and _rest_is_label(line, i + 1):
            return line[:i]
        if tok.type == "ARROW" and tok.value == "->" and i + 1 < len(line) and (
                line[i + 1].type in _STATEMENT_START | {"TEXT", "_LMATRIX"}):
            return _mapping(line, i)
        if tok.type == "MINUS" and i + 1 < len(line) and line[i + 1].type == "MINUS":
            k = i + 1  # a dash ``--`` or ``---``: minus signs written without spaces
            while k < len(line) and line[k].type == "MINUS" and line[k].start == line[k - 1].end:
                k += 1
            if k > i + 1 and _rest_is_label(line, k):
                return line[:i]
        if tok.type in ("PUNCT", "COMMA") and tok.value == "," and _values_list(line):
            return line[:i] + [_Tok("SPLIT", "", tok.start, tok.end)] + line[i + 1:]  # x = 2, y = 1
        if (tok.type in ("PUNCT", "COMMA") and i + 2 < len(line) and line[i + 1].type == "QUAD"
                and _starts_statement(line, i + 1) and not _index_condition(line[i + 2:])):
            # ``z = …, \qquad x = e^t``: two statements (``…, \quad i = j`` is the step's condition)
            return line[:i] + [_Tok("SPLIT", "", tok.start, tok.end)] + line[i + 2:]
        if tok.type in ("PUNCT", "COMMA") and (
                i + 1 == len(line) or line[i + 1].type in _REMARK_STARTS | {"ARROW"}
                or _one_variable_condition(line[i + 1:])):
            return line[:i]
    return line


def _words_next(line: list[_Tok], i: int) -> bool:
    r"""``\langle \text{by (3)} \rangle``: words in the brackets after ``line[i]``, a remark."""
    return i + 1 < len(line) and line[i + 1].type == "TEXT"


def _values_list(line: list[_Tok]) -> bool:
    """``x = 2, y = 1`` (a name, =, a number, for each part between commas): values, one a statement."""
    parts, part = [], []
    for tok in line + [_Tok("COMMA", ",", 0, 0)]:
        if tok.type in ("PUNCT", "COMMA") and tok.value == ",":
            types = [t.type for t in part]
            parts.append(types[:2] + types[3:] if types[2:3] == ["MINUS"] else types)
            part = []
        else:
            part.append(tok)
    return len(parts) > 1 and all(p == ["NAME", "EQ", "NUMBER"] for p in parts)


def _mapping(line: list[_Tok], i: int) -> list[_Tok]:
    r"""``a \rightarrow b`` between two operands: the relation → (a mapping, listed, not checked).

    A remark in words after the arrow (``\rightarrow \text{back to } x``) is its right side, one
    quantity named by the words of the rest of the line.
    """
    arrow = _Tok("REL", "→", line[i].start, line[i].end)
    if line[i + 1].type != "TEXT":
        return line[:i] + [arrow] + line[i + 1:]
    words = " ".join(" ".join(t.value.split()) if t.type == "TEXT" else t.value for t in line[i + 1:])
    return line[:i] + [arrow, _Tok("NAME", words.strip(), line[i + 1].start, line[-1].end)]


_CONDITION_FILLER = frozenset({"if", "for", "when", "where", "with"})


def _index_condition(rest: list[_Tok]) -> bool:
    """``i = j`` or ``i \\neq j`` (two index letters) after the math: the condition of the claim before it."""
    rest = [t for t in rest if t.type not in ("QUAD", "PUNCT", "COMMA")]
    return (len(rest) == 3 and rest[0].type == rest[2].type == "NAME" and rest[1].type in ("EQ", "REL")
            and rest[1].value in ("=", "!=", "\\neq", "\\ne", "≠")
            and all(re.fullmatch(r"[a-z]", t.value) for t in (rest[0], rest[2])))


def _one_variable_condition(dropped: list[_Tok]) -> str | None:
    """``, \\quad x > 0`` or ``\\text{for } z \\le 0``: the condition ``'x|>|0'``, else None.

    ``(N, M > 0)`` bounds each name: ``'N|>|0;M|>|0'``.
    """
    rest = [t for t in dropped if t.type not in ("QUAD", "PUNCT") and not (
        t.type == "TEXT" and set(re.findall(r"[a-z]+", t.value.lower())) <= _CONDITION_FILLER)]
    while rest and rest[0].type == "COMMA":
        rest = rest[1:]
    if len(rest) > 2 and rest[0].type == "_LPAR" and rest[-1].type == "_RPAR":
        rest = rest[1:-1]
    names = []
    while len(rest) > 2 and rest[0].type == "NAME" and rest[1].type == "COMMA":
        names.append(rest[0].value)  # several names under one bound
        rest = rest[2:]
    rest = [t for t in rest if t.type != "COMMA"]
    found = _one_bound(rest)
    if found is None or not names or not all(re.fullmatch(r"[A-Za-z]|[a-z]+", n) for n in names):
        return found
    bound = found.split("|", 1)[1]
    return ";".join(f"{name}|{bound}" for name in names + [found.split("|", 1)[0]])


def _one_bound(rest: list[_Tok]) -> str | None:
    """``x > 0`` (three tokens, or four with a minus sign): ``'x|>|0'``."""
    sign = ""
    if len(rest) == 4 and rest[2].type == "MINUS":
        sign, rest = "-", rest[:2] + rest[3:]
    if (len(rest) == 3 and rest[0].type == "NAME" and re.fullmatch(r"[A-Za-z]|[a-z]+", rest[0].value)
            and rest[1].type == "REL" and rest[1].value in ("<", "<=", ">", ">=")
            and rest[2].type == "NUMBER"):
        return f"{rest[0].value}|{rest[1].value}|{sign}{rest[2].value}"
    return None


def _split_after_text(line: list[_Tok], i: int, k: int) -> list[_Tok] | None:
    r"""``a = b, \text{then } c = d``: a new statement after a connective word (``then``: implies)."""
    text = line[k]
    rest = [t for t in line[k + 1:] if t.type != "QUAD"]
    if not _is_connective(text.value) or not rest or rest[0].type not in _STATEMENT_START:
        return None
    words = set(re.findall(r"[a-z]+", text.value.lower()))
    lead = [_Tok("LEAD", "implies", text.start, text.end)] if words & (_IMPLIES_WORDS | {"then"}) else []
    return line[:i] + [_Tok("SPLIT", "", text.start, text.end)] + lead + line[k + 1:]


def _refuse_conditions(dropped: list[_Tok], where: Positions, conditions: list | None = None) -> None:
    """A dropped remark must not be a condition (``\\quad x > 0``, ``\\text{if } ...``).

    Dropping it would turn a conditional claim into an unconditional (possibly false) one.  A
    condition on one variable (``x > 0``) is kept in ``conditions`` (offset, condition) when a
    list is given: the line is then checked under it.
    """
    found = _one_variable_condition(dropped) if conditions is not None and dropped else None
    if found:
        conditions.append((dropped[0].start, found))
        return
    if dropped and _index_condition(dropped):  # ``…, \quad i = j``: the sums reader splits on it
        raise where.unsupported("condition after the math (the claim holds only under it)", dropped[0].start)
    for tok in dropped:
        words = set(re.findall(r"[a-z]+", tok.value.lower())) if tok.type == "TEXT" else set()
        if (tok.type == "REL" and tok.value in _CONDITION_RELATIONS) or words & _CONDITION_WORDS:
            raise where.unsupported("condition after the math (the claim holds only under it)",
                                    tok.start)


def _spaced_rows(line: list[_Tok], notes: list | None) -> list[_Tok]:
    r"""``(h_{1}\quad h_{2})``: entries in parentheses spaced by ``\quad`` are a row vector (Italian
    notes write a quadratic form so), with a note; dropping the spacing would make it the product h₁h₂.

    >>> toks = [_Tok(t, v, k, k + 1) for k, (t, v) in enumerate(
    ...     [("_LPAR", "("), ("NAME", "a"), ("QUAD", "quad"), ("MINUS", "-"), ("NAME", "b"), ("_RPAR", ")")])]
    >>> [t.type for t in _spaced_rows(toks, None)]
    ['_LMATRIX', 'NAME', '_MCOL', 'MINUS', 'NAME', 'RMATRIX']
    """
    out, k = list(line), 0
    while k < len(out):
        close = next((j for j in range(k + 1, len(out)) if out[j].type in _OPENERS or out[j].type in _CLOSERS),
                     None) if out[k].type == "_LPAR" else None
        if close is None or out[close].type != "_RPAR":
            k += 1
            continue
        inside = out[k + 1:close]
        cuts = [j for j, t in enumerate(inside) if t.type == "QUAD"]
        entries = [e for e in _split_at(inside, cuts) if e]
        if not cuts or len(entries) != len(cuts) + 1 or not all(t.type in _ENTRY for e in entries for t in e):
            k += 1
            continue
        k = _as_row(out, k, close, entries, notes, "entries in parentheses spaced by \\quad are read as a row vector")
    return out


def _as_row(out: list[_Tok], k: int, close: int, entries: list, notes: list | None, note: str) -> int:
    """Replace ``out[k:close + 1]`` (brackets round ``entries``) by a row-vector literal, noting ``note``;
    returns where to go on."""
    if notes is not None:
        notes.append((out[k].start, note))
    row = [_Tok("_LMATRIX", "matrix", out[k].start, out[k].end)]
    for e in entries:
        row += ([_Tok("_MCOL", "&", e[0].start, e[0].start)] if len(row) > 1 else []) + e
    out[k:close + 1] = row + [_Tok("RMATRIX", "", out[close].start, out[close].end)]
    return k + len(row) + 1


_ENTRY = frozenset({"NAME", "NUMBER", "MINUS", "PLUS"})
_APPLIED_TO = frozenset({"NAME", "FUNC", "_RPAR", "_RSQB", "PRIME", "RMATRIX", "_CARET", "_SUB", "BIGOP"})  # Σ [ … ]: grouping


def _bracket_rows(line: list[_Tok], notes: list | None) -> list[_Tok]:
    r"""``[0.8808, 0.9084]``: entries in square brackets separated by commas are a row vector (worked
    examples write vectors NumPy's way), with a note; the comma was a parse error.  Not right after a
    name or a bracket (``f[a, b]``), not with a relation, a line break or a nested list inside.

    >>> toks = [_Tok(t, v, k, k + 1) for k, (t, v) in enumerate(
    ...     [("_LSQB", "["), ("NUMBER", "1"), ("COMMA", ","), ("MINUS", "-"), ("NUMBER", "2"), ("_RSQB", "]")])]
    >>> [t.type for t in _bracket_rows(toks, None)]
    ['_LMATRIX', 'NUMBER', '_MCOL', 'MINUS', 'NUMBER', 'RMATRIX']
    """
    out, k = list(line), 0
    while k < len(out):
        if out[k].type != "_LSQB" or (k and out[k - 1].type in _APPLIED_TO):
            k += 1
            continue
        depth, cuts, close = 0, [], None
        for j in range(k + 1, len(out)):
            kind = out[j].type
            if kind in ("EQ", "REL", "NEWLINE", "LEAD", "_LSQB") and depth == 0:
                break
            if kind in _OPENERS:
                depth += 1
            elif kind in _CLOSERS and depth:
                depth -= 1
            elif kind in _CLOSERS:
                close = j
                break
            elif depth == 0 and kind in ("COMMA", "PUNCT") and out[j].value == ",":
                cuts.append(j - k - 1)
        entries = _split_at(out[k + 1:close], cuts) if close is not None and out[close].type == "_RSQB" else []
        if not cuts or not all(entries):
            k += 1
            continue
        k = _as_row(out, k, close, entries, notes,
                    "[a, b] (entries in square brackets, separated by commas) is read as a row vector")
    return out


_RANGE_FILLER = frozenset({"for", "all", "each", "every", "where", "with", "and"})


def _range_filler(tok: _Tok) -> bool:
    return tok.type in ("COMMA", "QUAD", "_LPAR") or (tok.type == "UNSUP" and tok.value == "\\forall") or (
        tok.type == "TEXT" and set(re.findall(r"[a-z]+", tok.value.lower())) <= _RANGE_FILLER)


def _index_range(line: list[_Tok], notes: list | None) -> list[_Tok]:
    r"""A claim's line without the range of its free index written after it, with a note:
    ``y_i = …, for~i=1,..., C``, ``\quad (i = 1, \dots, n)``, ``\quad \forall i``, ``\text{for all } i``.

    The claim is checked for every value of a free index anyway, so the range adds no condition;
    read as a condition it was refused, and the definition it ends was lost.

    >>> toks = [_Tok(t, v, k, k + 1) for k, (t, v) in enumerate([("NAME", "y_i"), ("EQ", "="), ("NAME", "x_i"),
    ...     ("COMMA", ","), ("TEXT", "for"), ("NAME", "i"), ("EQ", "="), ("NUMBER", "1"), ("COMMA", ","),
    ...     ("UNSUP", "ellipsis: dots in a list"), ("COMMA", ","), ("NAME", "C")])]
    >>> [t.value for t in _index_range(toks, None)]
    ['y_i', '=', 'x_i']
    """
    end = len(line)
    while end and line[end - 1].type in ("PUNCT", "_RPAR"):
        end -= 1
    tail = [t.type if t.type != "UNSUP" or not t.value.startswith("ellipsis") else "DOTS" for t in line[:end]]
    if tail[-7:] in (["NAME", "EQ", "NUMBER", "COMMA", "DOTS", "COMMA", last] for last in ("NAME", "NUMBER")):
        k = end - 8
    elif tail[-1:] == ["NAME"]:
        k = end - 2
        if not any(t.type == "UNSUP" and t.value == "\\forall" or t.type == "TEXT" and "all" in t.value.lower()
                   for t in line[k - 2:k + 1]):
            return line  # "… , i": an index alone, without "for all", is not a range
    else:
        return line
    letter = line[k + 1] if k + 1 < len(line) else None
    start = k
    while start >= 0 and _range_filler(line[start]):
        start -= 1
    if (letter is None or not re.fullmatch(r"[a-z]", letter.value) or start == k or start < 0
            or not any(t.type == "EQ" for t in line[:start + 1])
            or not any(re.search(rf"_\{{?[^}}]*{letter.value}", t.value) for t in line[:start + 1] if t.type == "NAME")):
        return line
    if notes is not None:
        notes.append((line[start + 1].start, f"the range of the index {letter.value} written after the claim is read "
                                             f"as: the claim holds for each {letter.value} (it is checked for every value)"))
    return line[:start + 1]


def _split_at(toks: list[_Tok], cuts: list[int]) -> list[list[_Tok]]:
    bounds = [-1, *cuts, len(toks)]
    return [toks[a + 1:b] for a, b in zip(bounds, bounds[1:])]


def _trim(line: list[_Tok]) -> list[_Tok]:
    """A line without trailing punctuation and without spacing tokens."""
    while line and line[-1].type in ("PUNCT", "COMMA", "QUAD"):
        line = line[:-1]
    return [t for t in line if t.type != "QUAD"]


_AFTER_A_NAME = frozenset({"EQ", "REL", "PLUS", "MINUS", "MUL", "DIV", "_RPAR", "NEWLINE", "_RBRACE"})


_TERM_BEFORE = frozenset({"PLUS", "MINUS", "EQ", "_LPAR"})
_TERM_AFTER = frozenset({"_RPAR", "NEWLINE", "PUNCT", "PLUS", "MINUS"})
TERM_NOTE = "{} is read as an unknown quantity named by its words (a term written in words is not checked)"


def _text_as_name(tok: _Tok, before: _Tok | None, after: _Tok | None, notes: list | None = None) -> _Tok:
    r"""``\text{Loss} = …``: a word standing alone where a quantity stands is its name.

    Only between operators or relations: ``\text{new } w`` (a word before a quantity) stays text
    and is refused.  A longer phrase as a term (``= 1 + (\text{terms that may shrink})``) is one
    unknown quantity too, with a note in ``notes`` (the steps it stands in cannot be checked).
    """
    word = " ".join(tok.value.split())
    words = word.lower().split()
    if (tok.type == "TEXT" and re.fullmatch(r"[A-Za-z][A-Za-z-]{1,20}(?: [A-Za-z]{2,20}){0,2}", word)
            and (before is None or before.type not in _OPERAND_END)
            and (after is None or after.type in _AFTER_A_NAME)
            and not set(words) & (_CONNECTIVES | _CONDITION_WORDS)):
        if len(words) > 1:  # \text{Output size} and \text{output size}: one quantity
            word = word[0].lower() + word[1:]
        return _Tok("NAME", word, tok.start, tok.end)
    if (tok.type == "TEXT" and notes is not None and before is not None and before.type in _TERM_BEFORE
            and (after is None or after.type in _TERM_AFTER) and re.search(r"[A-Za-z]{2}", word)
            and not set(re.findall(r"[a-z]+", word.lower())) & (_CONDITION_WORDS | {"where"})):
        notes.append((tok.start, TERM_NOTE.format(f"\\text{{{word}}}")))
        return _Tok("NAME", word.strip("() "), tok.start, tok.end)
    return tok


ROW_LABEL_NOTE = "{} before the row's relation is read as a remark on the step, and skipped"
_STEP_WORDS = frozenset(
    "rule chain product quotient definition def substituting substitute substitution put putting apply "
    "applying simplify simplifying simplification expand expanding factor factoring derivative derivatives "
    "summation linearity property identity rearranging rearrange cancel cancelling combine combining step "
    "by using since because".split())


def _row_label(line: list[_Tok], n: int, notes: list | None) -> list[_Tok]:
    r"""A later row of an aligned chain whose left column is a remark, ``\text{(chain rule)} &= …``
    or ``\text{by definition} &= …``: the remark goes (with a note) and the row goes on with the chain.
    A word that could name a quantity (``\text{Loss} &= …``) stays.

    >>> from derivations.checker.tokenizer import _Tok
    >>> row = [_Tok("TEXT", "(chain rule)", 0, 18), _Tok("EQ", "=", 19, 20), _Tok("NAME", "c", 20, 21)]
    >>> [t.type for t in _row_label(row, 1, None)], [t.type for t in _row_label(row, 0, None)]
    (['EQ', 'NAME'], ['TEXT', 'EQ', 'NAME'])
    """
    if not (n and len(line) > 1 and line[0].type == "TEXT" and line[1].type == "EQ"):
        return line
    words = set(re.findall(r"[a-z]+", line[0].value.lower()))
    if not (line[0].value.strip().startswith("(") or words & _STEP_WORDS):
        return line
    if notes is not None:
        notes.append((line[0].start, ROW_LABEL_NOTE.format(f"\\text{{{line[0].value.strip()}}}")))
    return line[1:]


def _continues(line: list[_Tok]) -> bool:
    """A line that goes on with the chain above it: its first token is a relation."""
    first = next((t for t in line if t.type != "QUAD"), None)
    return first is not None and first.type in ("EQ", "REL")


def _reasons_first(lines: list[list[_Tok]]) -> list[list[_Tok]]:
    r"""A ``\because`` line inside a chain (``J &= a \\ \because a &= c \\ &= c``) is the reason of
    the step after it, not a link: it moves before the chain it interrupts, which then goes on
    from its line above (``J = a = c``), and is read as a statement of its own.

    >>> from derivations.checker.tokenizer import _Tok
    >>> t = lambda kind, value="": _Tok(kind, value, 0, 0)
    >>> lines = [[t("NAME", "J"), t("EQ")], [t("LEAD", "because"), t("NAME", "a")], [t("EQ"), t("NAME", "c")]]
    >>> [[tok.type for tok in line] for line in _reasons_first(lines)]
    [['LEAD', 'NAME'], ['NAME', 'EQ'], ['EQ', 'NAME']]
    """
    out = list(lines)
    for n in range(1, len(out) - 1):
        first = next((t for t in out[n] if t.type != "QUAD"), None)
        if first is None or first.type != "LEAD" or first.value != "because" or not _continues(out[n + 1]):
            continue
        start = n - 1
        while start > 0 and _continues(out[start]):
            start -= 1
        out.insert(start, out.pop(n))
    return out


_FACTOR_END = frozenset({"NAME", "NUMBER", "_RPAR", "_RSQB", "_RBRACE", "PRIME", "RMATRIX"})


_INCREMENT = re.compile(r"(?:[A-Za-z]|theta|omega|beta|alpha|gamma|mu)(?:_(?:\{[^{}]*\}|[^{}]))?(?:\^\{\([^{}]*\)\})?")


def _dot_products(line: list[_Tok], notes: list | None) -> list[_Tok]:
    r"""``\frac{\partial f}{\partial x} . g(x)``: a full stop spaced on both sides between two factors is
    the product dot some notes type for ``\cdot``, read so with a note (a sentence's full stop ends the math).

    >>> toks = [_Tok(t, v, k, k + 1) for k, (t, v) in zip((0, 2, 4), [("NAME", "f"), ("PUNCT", "."), ("NAME", "g")])]
    >>> [t.type for t in _dot_products(toks, None)]
    ['NAME', 'MUL', 'NAME']
    """
    out = list(line)
    for k in range(1, len(out) - 1):
        before, tok, after = out[k - 1:k + 2]
        if (tok.type == "PUNCT" and tok.value == "." and before.type in _FACTOR_END and before.end < tok.start
                and after.type in _STATEMENT_START - {"MINUS"} and tok.end < after.start):
            out[k] = _Tok("MUL", "*", tok.start, tok.end)
            if notes is not None:
                notes.append((tok.start, "a full stop between two factors, spaced on both sides, is read as a product (·)"))
    return out


def _increments(line: list[_Tok], notes: list | None) -> list[_Tok]:
    r"""``\Delta w_{jk}``: the increment of w_{jk}, one name (``Deltaw_{jk}``), not Δ times w_{jk}; with a note.

    >>> toks = [_Tok("NAME", "Delta", 0, 6), _Tok("NAME", "w_{jk}", 7, 13), _Tok("EQ", "=", 14, 15)]
    >>> [t.value for t in _increments(toks, None)]
    ['Deltaw_{jk}', '=']
    """
    out: list[_Tok] = []
    for tok in line:
        before = out[-1] if out else None
        if (before is not None and before.type == "NAME" and before.value == "Delta" and tok.type == "NAME"
                and _INCREMENT.fullmatch(tok.value) and not (len(out) > 1 and out[-2].type in _FACTOR_END)):
            out[-1] = _Tok("NAME", "Delta" + tok.value, before.start, tok.end)
            if notes is not None:
                notes.append((before.start, f"\\Delta {tok.value} is read as one name, the increment of {tok.value} "
                                            f"(not Δ times {tok.value})"))
        else:
            out.append(tok)
    return out


def _limit_arrows(line: list[_Tok]) -> list[_Tok]:
    r"""The arrow of ``\lim_{x \to a}``: where the variable tends (TO), not an arrow between statements.

    >>> toks = [_Tok("BIGOP", "lim", 0, 4), _Tok("_SUB", "_", 4, 5), _Tok("_LBRACE", "{", 5, 6),
    ...         _Tok("NAME", "x", 6, 7), _Tok("ARROW", "->", 8, 11), _Tok("NUMBER", "0", 12, 13)]
    >>> [t.type for t in _limit_arrows(toks)][-2:]
    ['TO', 'NUMBER']
    """
    return [_Tok("TO", tok.value, tok.start, tok.end) if tok.type == "ARROW" and k >= 4 and [
        (t.type, t.value if t.type == "BIGOP" else "") for t in line[k - 4:k]] == [
        ("BIGOP", "lim"), ("_SUB", ""), ("_LBRACE", ""), ("NAME", "")] else tok for k, tok in enumerate(line)]


def _clean(toks: list[_Tok], where: Positions, conditions: list | None = None,
           notes: list | None = None) -> list[_Tok]:
    """Drop annotations from each line and check that only grammar tokens are left.

    A condition on one variable after the math (``x > 0``) goes to ``conditions`` if given; how a
    term in words was read goes to ``notes`` (position, message) if given.
    """
    lines: list[list[_Tok]] = [[]]
    newlines: list[_Tok] = []
    for tok in toks:
        if tok.type == "NEWLINE":
            newlines.append(tok)
            lines.append([])
        else:
            lines[-1].append(tok)
    out: list[_Tok] = []
    lines = [line if any(t.type != "UNSUP" or t.value != "ellipsis" for t in line) else []
             for line in lines]  # a line of \vdots alone claims nothing
    lines = _reasons_first(lines)
    for n, line in enumerate(lines):
        line = _row_label(_index_range(_strip_leading(_bracket_rows(_spaced_rows(line, notes), notes)), notes), n, notes)
        joined = out and (out[-1].type in ("PLUS", "MINUS", "MUL", "DIV") or (
            line and line[0].type in ("PLUS", "MINUS", "MUL", "DIV")
            and out[-1].type not in ("NEWLINE", "EQ", "REL", "LEAD")))
        if n and not joined:
            out.append(newlines[n - 1])  # a line that starts with + or - continues the expression
        while True:
            line = _strip_leading(line)
            kept = _cut_remarks(line)
            split = next((k for k, t in enumerate(kept) if t.type == "SPLIT"), None)
            if split is None:
                break
            out.extend(_trim(kept[:split]))  # a statement, then a new line for the next one
            out.append(_Tok("NEWLINE", "", kept[split].start, kept[split].end))
            line = kept[split + 1:]
        _refuse_conditions(line[len(kept):], where, conditions)
        out.extend(_trim(kept))
    if out and out[-1].type == "EQ":
        out.pop()  # a dangling "=" at the end of a block: the next block goes on with "= …"
    out = [_text_as_name(tok, out[k - 1] if k else None, out[k + 1] if k + 1 < len(out) else None, notes)
           for k, tok in enumerate(out)]
    out = _limit_arrows(_increments(_dot_products(out, notes), notes))
    for tok in out:
        if tok.type == "UNSUP":
            raise where.unsupported(tok.value, tok.start)
        if tok.type == "LANGLE":
            raise where.unsupported("angle brackets ⟨…⟩ (an inner product, or a vector written as a tuple)", tok.start)
    for tok in out:
        if tok.type == "BAD":
            raise where.parse_error(tok.value, tok.start)
        if tok.type in _NOT_GRAMMAR:
            raise where.parse_error(
                f"unexpected {_NOT_GRAMMAR[tok.type]} '{where.text[tok.start:tok.end]}' "
                "(annotations are only skipped at the start of a line or after the math)",
                tok.start)
    return out
