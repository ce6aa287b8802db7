"""The tokenizer: LaTeX text to a flat list of tokens (names merged with their scripts), then cleaned of remarks.

>>> from derivations.checker.source import Positions
>>> text = r"w_{jk}^{(l)} a_k"
>>> [t.value for t in _Tokenizer(text, Positions(text), frozenset(), frozenset()).run()]
['w_{jk}^{(l)}', 'a_k']
"""


from __future__ import annotations

import re
import unicodedata

from derivations.checker.notations import (  # noqa: F401 - lines.py and build.py import them here
    _CLOSERS, _OPENERS, _OPERAND_END, _PAREN_INDEX, _Notations, _Tok, _make_name, digit_indexed)
from derivations.checker.plain import (SUBSCRIPTS, SUPERSCRIPTS, balanced_single, bare_exponent, prose_row,
                                       scientific, shortened, thousands, unicode_script)
from derivations.checker.indicators import indicator_at
from derivations.checker.index_notation import _IndexNotations
from derivations.checker.applied import _Applications, inside_arguments, tuple_follows
from derivations.checker.more_commands import _MoreCommands
from derivations.checker.source import MAX_DIGITS, MAX_NESTING, LatexParseError, Positions
from derivations.checker.vocabulary import (
    _ACCENTS,
    _PLAIN_FUNCTION_WORDS,
    _BRACE_SCRIPTS,
    _COMBINING_ACCENTS,
    _ENVIRONMENTS,
    _FUNCTION_COMMANDS,
    _FUNCTION_WORDS,
    _GREEK,
    _LEADS,
    _MATH_FONTS,
    _QUADS,
    _RELATIONS,
    _SIMPLE_COMMANDS,
    _SKIP_WITH_ARGUMENT,
    _SPACING,
    _TEXT_FONTS,
    _UNICODE,
    _UNSUPPORTED,
)
from derivations.checker.matrix_notation import (
    MATRIX_ENVIRONMENTS,
    matrix_environment,
    starred_option,
    transpose_script,
)

# --------------------------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------------------------

_ARG_TYPES = frozenset({"NUMBER", "NAME", "FUNC", "PARTIAL", "TEXT"})
_MATRIX_OPS = {"odot": "HADAMARD", "otimes": "CONV", "star": "CONV", "circledast": "CONV"}
_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_SCRIPT_ITEM = re.compile(r"\\[A-Za-z]+ ?|\d+|[A-Za-z]{4,}|[A-Za-z]|[^\s]")  # E_{total}: a word, not indices
_NAME_RE = re.compile(
    r"(?P<base>[A-Za-z]+)(?:_(?:\{(?P<sub>[^{}]*)\}|(?P<sub1>[^{}])))?"
    r"(?:\^\{\((?P<sup>.*)\)\})?(?P<star>\^\{[*+]\})?"
)

# (l), (L-1), (l+1), (i), (10), (jk), (t), (\ell): a superscript index; (x+y) is a power.
_APPLIED = re.compile(r"(?:\s|'|\^\{?-1\}?|\\prime)*(?:\\(?:left|bigl|Bigl|big|Big|mleft)\s*)?\(")
_QUOTES = re.compile("'*")
_BOUND_AS_GROUP = re.compile(r"\s*_\s*\{[^{}=]*=[^{}]*\}\s*\{\s*[A-Za-z0-9]\s*\}")  # \sum_{i=1}{m}
LETTER_THEN_LOG = re.compile(r"(?:[a-ce-zA-Z](?=log|ln|exp)|d(?=tanh|sinh|cosh))(log|ln|exp|tanh|sinh|cosh)([a-z]?)")  # ylog\hat{y}: y·log ŷ; ylna: y·ln a; dtanh: d tanh (dlog stays d·l·o·g)
_PROSE_WORDS = frozenset("if then and or where since for with so hence thus when else otherwise let we "
                         "have get is".split())
_ESCAPED = {"{": ("_LCURLY", "{"), "}": ("_RCURLY", "}"), "&": ("AMPLIT", "&")}


def glued_word(name: str) -> str:
    r"""How ``y_klog`` (a function word right after a one-character subscript) is read: LaTeX sets it as
    y_k log, so it is y_k·log (it was once read as y_k·l·o·g, then refused), said in this note.

    >>> glued_word("y_klog")
    'y_klog is read as y_k \\log (LaTeX sets a one-character subscript, then the word log)'
    """
    return f"{name} is read as {name[:3]} \\{name[3:]} (LaTeX sets a one-character subscript, then the word {name[3:]})"


class _Tokenizer(_Notations, _IndexNotations, _MoreCommands, _Applications):
    """Turns LaTeX into a flat list of :class:`_Tok`; names are merged with their scripts."""

    def __init__(self, text: str, positions: Positions, names: frozenset[str],
                 words: frozenset[str]):
        self.text = text
        self.pos = 0
        self.where = positions
        self.names = names  # canonical names declared as functions
        self.words = words  # multi-letter words declared as functions
        self.toks: list[_Tok] = []
        self.pending = [0]  # per brace level: single-token arguments still expected (\frac12, x^2)
        self.nesting = 0
        self.abs_open = 0
        self.norm_open = 0  # ‖ opened and not yet closed
        self.sqrt_marks: list[int] = []
        self.skips: dict[int, int] = {}  # position -> where to continue (a skipped note)
        self.transposed = False  # W^{(l)T}: a TRANSPOSE follows the name
        self.matrices = 0  # matrix environments open: & and \\ separate cells and rows
        self.swaps: dict[int, tuple[str, str, int]] = {}  # position -> token read there instead
        self.notes: list[tuple[int, str]] = []  # (position, how ambiguous notation was read)
        self.inserts: dict[int, list] = {}  # position -> tokens emitted there (indicators)

    # -- helpers -------------------------------------------------------------------------------
    def note(self, pos: int, message: str) -> None:
        """Record how notation that could be misread was read (the step carries the note)."""
        if (pos, message) not in self.notes:
            self.notes.append((pos, message))

    def error(self, message: str, pos: int) -> LatexParseError:
        return self.where.parse_error(message, pos)

    def emit(self, type_: str, value: str, start: int, end: int) -> None:
        if type_ in _ARG_TYPES:
            if self.pending[-1] > 0:
                self.pending[-1] -= 1
        else:
            self.pending[-1] = 0
        if type_ in _OPENERS:
            self.nesting += 1
            if self.nesting > MAX_NESTING:
                raise self.error(f"nesting deeper than {MAX_NESTING}", start)
        elif type_ in _CLOSERS:
            self.nesting -= 1
        self.toks.append(_Tok(type_, value, start, end))
        if type_ in ("_CARET", "_SUB"):
            self.pending[-1] = 1
        elif type_ == "_FRAC":
            self.pending[-1] = 2
        elif type_ == "_RSQB" and self.sqrt_marks and self.sqrt_marks[-1] == self.nesting:
            self.sqrt_marks.pop()
            self.pending[-1] = 1

    @property
    def arg_mode(self) -> bool:
        return self.pending[-1] > 0

    def skip_space(self, pos: int) -> int:
        text = self.text
        while pos < len(text) and text[pos].isspace():
            pos += 1
        return pos

    def read_command(self, pos: int) -> tuple[str, int]:
        """Name of the command at ``pos`` (which holds a backslash) and the position after it."""
        text = self.text
        end = pos + 1
        while end < len(text) and text[end].isalpha():
            end += 1
        if end == pos + 1:  # \, \{ \\ ...
            if end >= len(text):
                raise self.error("lone backslash", pos)
            return text[end], end + 1
        if end < len(text) and text[end] == "*" and text[pos + 1:end] in ("operatorname", "tag"):
            end += 1
        return text[pos + 1:end], end

    def read_group(self, pos: int) -> tuple[str, int, int]:
        """A TeX argument at ``pos``: ``{...}`` (balanced), a command or one character.

        Returns (content, content_start, position after the argument).
        """
        text = self.text
        pos = self.skip_space(pos)
        if pos >= len(text):
            raise self.error("missing argument", pos)
        ch = text[pos]
        if ch == "{":
            depth, i = 0, pos
            while i < len(text):
                c = text[i]
                if c == "\\":
                    i += 2
                    continue
                if c == "{":
                    depth += 1
                    if depth > MAX_NESTING:
                        raise self.error(f"nesting deeper than {MAX_NESTING}", i)
                elif c == "}":
                    depth -= 1
                    if depth == 0:
                        return text[pos + 1:i], pos + 1, i + 1
                i += 1
            raise self.error("unclosed {", pos)
        if ch == "\\":
            _name, end = self.read_command(pos)
            return text[pos:end], pos, end
        if ch == "}":
            raise self.error("missing argument", pos)
        return ch, pos, pos + 1

    def normalise_script(self, raw: str, pos: int) -> str | None:
        """Canonical text of a subscript / parenthesised superscript, or None if too complex."""
        items: list[str] = []
        i = 0
        while i < len(raw):
            ch = raw[i]
            if ch.isspace() or ch in "{}~":
                i += 1
            elif ch == "\\":
                m = re.match(r"\\([A-Za-z]+|.)", raw[i:])
                if not m:
                    return None
                cmd = m.group(1)
                i += m.end()
                if cmd in _SPACING:
                    continue
                if cmd in _GREEK or cmd in ("pi", "sigma"):
                    items.append("\\" + cmd + " ")
                elif cmd in _TEXT_FONTS or cmd in _MATH_FONTS:
                    g = re.match(r"\s*\{([A-Za-z0-9 ]*)\}", raw[i:])
                    if not g:
                        return None
                    items.append(g.group(1).replace(" ", ""))
                    i += g.end()
                else:
                    return None
            elif ch.isalnum() and ch.isascii() or ch in "+-,*'":
                items.append(ch)
                i += 1
            else:
                return None
        return "".join(items).strip()

    # -- names ---------------------------------------------------------------------------------
    def scan_suffix(self, pos: int) -> tuple[str, str, bool, int, int]:
        """Subscript, parenthesised superscript, star and primes following a name."""
        text = self.text
        sub = sup = ""
        star = False
        primes = 0
        while True:
            p = self.skip_space(pos)
            if p < len(text) and text[p] in SUBSCRIPTS and not sub and p == pos:
                sub, pos = unicode_script(text, p, SUBSCRIPTS)  # x₁, wᵢⱼ: x_1, w_{ij}
                continue
            quotes = len(_QUOTES.match(text, p).group())
            if quotes and not sub and p == pos and text[p + quotes:p + quotes + 1] == "_":
                primes, pos = primes + quotes, p + quotes  # φ'_i(z): φ_i', the prime set before the subscript
                continue
            if not sub and (plain := self.plain_subscript(p)):
                sub, pos = plain  # x_(l+1), \delta{_2}: x_{l+1}, \delta_2
                continue
            if p >= len(text) or text[p] not in "_^":
                return sub, sup, star, primes, pos
            if text[p] == "_":
                if sub:
                    raise self.error("double subscript", p)
                raw, raw_start, end = self.glued_digits(*self.read_group(p + 1))
                norm = self.normalise_script(raw, raw_start) or self.case_script(raw, p) or self.nested_script(raw, p)
                if not norm:
                    raise self.where.unsupported(f"subscript {{{raw}}}", p)
                sub, pos = norm, end
                continue
            if transpose_script(text, p) and text[p - 1:p] != "e":
                return sub, sup, star, primes, pos  # W^T: the TRANSPOSE token comes next
            raw, _raw_start, end = self.read_group(p + 1)
            body = re.sub(r"\\[,;:! ]", "", raw).strip()  # z^{l+\,1}: the layer l+1, spacing or not
            layer_t = re.fullmatch(r"\((.*)\)\s*(?:T|\\top|\\intercal)", body)
            if layer_t and not sup and _PAREN_INDEX.fullmatch(layer_t.group(1)):
                sup, pos, self.transposed = self.normalise_script(layer_t.group(1), p) or "", end, True
                continue  # W^{(l)T}: layer l, transposed
            if body in ("*", "\\ast", "\\star") and not star:
                star, pos = True, end
            elif body == "+" and not star and text[p - 1:p] != "e":  # w_1^{+}: the updated w_1, a mark
                star, pos = "^{+}", end
            elif body in ("\\prime", "\\prime\\prime") or re.fullmatch("'+", body):
                primes += body.count("prime") + body.count("'")  # h^{'}(a), h^{''}(a): primes
                pos = end
            elif (not sup and text[self.skip_space(p + 1)] == "{" and len(body) >= 2
                  and body[0] == "(" and body[-1] == ")" and balanced_single(body)
                  and text[p - 1:p] != "e" and _PAREN_INDEX.fullmatch(body[1:-1])):
                norm = self.normalise_script(body[1:-1], p)
                if not norm:
                    raise self.where.unsupported(f"superscript {{{raw}}}", p)
                sup, pos = norm, end
            elif (not sup and text[self.skip_space(p + 1)] == "{" and len(body) >= 3 and body[0] == "["
                  and body[-1] == "]" and text[p - 1:p] != "e" and _PAREN_INDEX.fullmatch(body[1:-1])
                  and (norm := self.normalise_script(body[1:-1], p))):
                self.note(p, f"^{{{body}}} is read as the layer index ({body[1:-1].strip()}), as ^{{({body[1:-1].strip()})}} is")
                sup, pos = norm, end  # W^{[1]}: layer 1 in deeplearning.ai's notation, not a power
            else:
                q = self.skip_space(end)
                sub_follows = q < len(text) and text[q] == "_"
                if text[p - 1:p] == "e" and (sub or sub_follows):
                    raise self.where.unsupported("e with both a superscript and a subscript", p)
                index = None if sup else self.superscript_index(body, p, lone=not (sub or sub_follows))
                if index:
                    sup, pos = index, end  # z^l_j, \delta_j^{l+1}, a^l: layer indices
                    continue
                if sub_follows and not sub:  # x^2_i: the power of x_i (read the subscript first)
                    raw, raw_start, after = self.read_group(q + 1)
                    sub = self.normalise_script(raw, raw_start)
                    if not sub:
                        raise self.where.unsupported(f"subscript {{{raw}}}", q)
                    self.skips[end] = after
                    return sub, sup, star, primes, p
                return sub, sup, star, primes, pos

    def emit_name(self, base: str, start: int, pos: int, *, absorb: bool = True) -> int:
        """Emit NAME (or FUNC when declared) for ``base`` plus its scripts; return new pos."""
        sub = sup = ""
        star = False
        primes = 0
        if pos < len(self.text) and self.text[pos] in _COMBINING_ACCENTS:  # θ̂, x̄: combining marks
            base, pos = base + _COMBINING_ACCENTS[self.text[pos]], pos + 1
        if absorb:
            sub, sup, star, primes, pos = self.scan_suffix(pos)
        name = _make_name(base, sub, sup, star)
        if primes and [t.type for t in self.toks[-3:]] == ["BIGOP", "_SUB", "_LBRACE"]:
            name, primes = name + "'" * primes, 0  # \sum_{k^{'}}: the index k'
        unwritten = self.unwritten_arguments(name, start, pos)  # C_0(...): the name alone
        if unwritten is not None:
            return unwritten
        declared = (name in self.names or base in self.names) and self.applied_next(pos)
        if declared and self.itself_inside(name, pos):
            self.note(start, f"{name}(…) is read as a product: {name} stands alone inside the parentheses, a value, "
                             f"not the function applied to them")  # h(1 − h) with h(x) defined
            self.emit("NAME", name, start, pos)
        elif declared or self.value_at(name, start, pos):
            self.emit("FUNC", name, start, pos)
        elif base != "e" and not primes and tuple_follows(self.text, pos) and not (
                start and self.text[start - 1].isascii() and self.text[start - 1].isalpha()):  # F(a, b)
            self.note(start, f"{name}(…, …) is read as the function {name} applied to its arguments")
            self.emit("FUNC", name, start, pos)
        else:
            self.emit("NAME", name, start, pos)
        for _ in range(primes):
            self.emit("PRIME", "'", pos, pos)
        if self.transposed:
            self.transposed = False
            self.emit("TRANSPOSE", "T", pos, pos)
        return pos

    def applied_next(self, pos: int) -> bool:
        """True if an argument list follows ``pos``: ``(``, ``\\left(``, after primes or ``^{-1}``.

        A name the document uses as a function (``L(\\hat y, y) = …``) is a plain symbol where it
        stands without arguments (``\\partial L``).
        """
        return _APPLIED.match(self.text, pos) is not None

    # -- main loop -----------------------------------------------------------------------------
    def run(self) -> list[_Tok]:
        text = self.text
        while self.pos < len(text):
            for type_, value, at, end in self.inserts.pop(self.pos, ()):
                self.emit(type_, value, at, end)
            if self.pos in self.skips:
                self.pos = self.skips.pop(self.pos)
                continue
            if self.pos in self.swaps:
                self.pos = self.apply_swap(self.pos)
                continue
            ch = text[self.pos]
            start = self.pos
            if ch in "1\\" and self.index_indicator(start):  # 1\{k = i\}: refused with what it is
                continue
            hit = indicator_at(text, start) if ch in "([\\1" else None
            if hit is not None:  # (z > 0), [z > 0], \mathbb{1}_{z>0}: an indicator function
                _name, inserts, skips = hit
                self.inserts.update(inserts)
                self.skips.update(skips)
                continue
            if ch.isspace():
                self.pos += 1
            elif ch == "%":
                end = text.find("\n", start)
                self.pos = len(text) if end < 0 else end
            elif "0" <= ch <= "9":
                self.number(start)
            elif ch.isascii() and ch.isalpha():
                self.letters(start)
            elif ch == "\\":
                name, end = self.read_command(start)
                self.pos = self.command(name, start, end)
            elif ch == "ᵀ" and text[start - 1:start] != "e":  # wᵀx: the transpose, as ^T is
                self.emit("TRANSPOSE", "T", start, start + 1)
                self.pos = start + 1
            elif ch == "ᵀ":  # eᵀ: e^T
                self.pos = self.braced_script("T", start, start + 1)
            elif ch in SUPERSCRIPTS or ch in SUBSCRIPTS:  # ² ⁻¹ ᵢ after a closing or a ∑
                table = SUPERSCRIPTS if ch in SUPERSCRIPTS else SUBSCRIPTS
                script, end = unicode_script(text, start, table)
                self.pos = self.braced_script(script, start, end, "_CARET" if ch in SUPERSCRIPTS else "_SUB")
            elif ch in _UNICODE:
                self.pos = self.unicode(_UNICODE[ch], start)
            elif text.startswith("...", start):  # three periods: the ellipsis …, as typed in plain text
                self.pos = self.command("ldots", start, start + 3)
            elif _accented(ch):
                letter, accent = _accented(ch)
                self.pos = self.emit_name(letter + accent, start, start + 1,
                                          absorb=not self.arg_mode)
            else:
                self.pos = self.punctuation(ch, start)
        if len(text) in self.swaps:  # a group planned to close at the very end (∂L/∂w)
            self.apply_swap(len(text))
        return self.toks  # an unclosed { is reported by the grammar, with its position

    def number(self, start: int) -> None:
        text = self.text
        if self.arg_mode:
            self.emit("NUMBER", text[start], start, start + 1)
            self.pos = start + 1
            return
        m = _NUMBER_RE.match(text, start)
        assert m is not None
        sci = scientific(text, start)
        grouped = thousands(text, start) if sci is None else None
        if sci is not None or grouped is not None:
            value, end = sci or grouped
            if len(value.replace(".", "")) > MAX_DIGITS:
                raise self.error(f"number with more than {MAX_DIGITS} digits", start)
            self.note(start, f"{text[start:end]} is read as {value} (commas separating thousands)" if grouped else
                      f"{text[start:end]} is read as scientific notation: {value} "
                      f"(not {text[start:m.end()]}·e{text[m.end() + 1:end]})")
            self.emit("NUMBER", value, start, end)
            self.pos = end
            return
        digits = m.group().replace(".", "")
        if len(digits) > MAX_DIGITS:
            raise self.error(f"number with more than {MAX_DIGITS} digits", start)
        self.emit("NUMBER", m.group(), start, m.end())
        self.pos = m.end()

    def letters(self, start: int) -> None:
        text = self.text
        if self.arg_mode:
            self.emit("NAME", text[start], start, start + 1)
            self.pos = start + 1
            return
        at_boundary = not (start and text[start - 1].isascii() and text[start - 1].isalpha())
        glued = start > 1 and text[start - 2] == "_" and not at_boundary  # y_klog(1 - p_k): y_k, then a word
        if at_boundary and (end := self.hyphenated_name(start)):  # Log-Odds: one name
            self.pos = end
            return
        for word in self.words if at_boundary else ():
            end = start + len(word)
            if text.startswith(word, start) and not (
                    end < len(text) and text[end].isascii() and text[end].isalpha()) and not (
                    re.fullmatch("d[a-z]", word) and not self.applied_next(end)):  # \frac{d}{dc}: a differential
                sub, sup, star, primes, self.pos = self.scan_suffix(end)
                self.emit("FUNC", _make_name(word, sub, sup, star), start, self.pos)
                for _ in range(primes):
                    self.emit("PRIME", "'", self.pos, self.pos)
                return
        if text[start] == "d" and self.slash_derivative(start):
            return
        if at_boundary and self.escaped_name(start):  # y\_true_i: one name
            return
        word = re.match(r"[A-Za-z]+", text[start:start + 12]).group()
        after = text[start + len(word):start + len(word) + 1]
        if at_boundary and word.lower() in _PROSE_WORDS and not re.match(r"[A-Za-z_^('{]", after):
            self.emit("TEXT", word, start, start + len(word))  # "if y = …, then …": a word, not i·f
            self.pos = start + len(word)
            return
        if at_boundary and word in ("sum", "prod") and after == "_":  # sum_{i=1}^m: \sum with its backslash lost
            self.note(start, f"{word}_ is read as \\{word}_ (a {'sum' if word == 'sum' else 'product'} whose "
                             "backslash is missing)")
            self.emit("BIGOP", word, start, start + len(word))
            self.pos = start + len(word)
            return
        if (at_boundary or glued) and word in _PLAIN_FUNCTION_WORDS and not (
                start + len(word) < len(text) and text[start + len(word)] == "_"):
            if glued:  # y_klog(p_k): typeset as y_k log(p_k), so read as y_k · log, said in a note
                self.note(start - 3, glued_word(text[start - 3:start + len(word)]))
            self.emit("FUNC", _PLAIN_FUNCTION_WORDS[word], start, start + len(word))
            self.pos = start + len(word)
            return
        if at_boundary and (glued_log := LETTER_THEN_LOG.fullmatch(word)) and after not in ("_", "'"):
            fn, arg = glued_log.groups()
            self.note(start, f"{word} is read as {word[0]} \\{fn}{' ' + arg if arg else ''} (a letter, then the word {fn})")
            self.pos = self.emit_name(word[0], start, start + 1)  # ylog\hat{y}: y·log ŷ, not a name ylog
            self.emit("FUNC", _PLAIN_FUNCTION_WORDS[fn], start + 1, start + 1 + len(fn))
            self.pos = start + 1 + len(fn)  # ylna: the a after ln is its argument
            return
        if at_boundary and (end := digit_indexed(text, start)):  # z1 = w1 * x1 + b1: z_1, w_1, x_1, b_1
            self.note(start, f"{text[start:end]} is read as {text[start]}_{text[start + 1:end]} (a letter and its index)")
            self.emit("NAME", _make_name(text[start], text[start + 1:end], "", False), start, end)
            self.pos = end
            return
        if at_boundary and (end := self.word_name(word, start)):  # net_{h1}, MSE, Loss, loss, theta: one name
            self.pos = end
            return
        self.pos = self.emit_name(text[start], start, start + 1)

    def punctuation(self, ch: str, start: int) -> int:
        text = self.text
        nxt = start + 1
        if ch == "(" and (remark := self.paren_remark(start)) is not None:  # (\because …), an equation number (7)
            return remark
        upper = self.upper_with_index(start) if ch == "^" else None  # \sum_{i=1}^{i=N}
        if upper is not None:
            return upper
        if ch == "^":
            self.group_index(start)  # (e^z)^1: refused
        if ch == "^" and bare_exponent(text, start):
            return self.bare_exponent(start)
        if ch == "^" and (primed := self.primed_close(start)) is not None:  # (…)^{\prime}: (…)'
            return primed
        if ch == "^" and text[self.skip_space(nxt):self.skip_space(nxt) + 1] in ("(", "[" if self.after_e() else "("):
            return self.paren_exponent(start)
        if ch == "." and self.dot_product(start):
            self.note(start, "'.' between two factors is read as multiplication (σ.(1−σ) as σ·(1−σ))")
            self.emit("MUL", "*", start, nxt)
            return nxt
        if ch == "!" and text[nxt:nxt + 1] == "=" and self.in_bigop_script():
            self.emit("REL", "neq", start, nxt + 1)  # \sum_{j!=i}: j ≠ i
            self.note(start, "!= in the subscript of a sum is read as ≠")
            return nxt + 1
        if ch == ";" and self.toks and self.toks[-1].type == "COMMA" and self.toks[-1].end == start:
            self.note(start, "',;' is read as ',': the ; of a \\; space whose backslash was lost")  # [2,;1,;0]
            return nxt
        if ch == ";" and inside_arguments(self.toks):  # \mathcal{L}(\theta; \mathcal{D}): two arguments
            self.note(start, "';' in an argument list is read as a comma (separating arguments)")
            self.emit("COMMA", ",", start, nxt)
            return nxt
        if ch == "'" and self.in_bigop_script():  # \sum_{k'}: the index k'
            self.toks[-1] = _Tok("NAME", self.toks[-1].value + "'", self.toks[-1].start, nxt)
            return nxt
        if ch == "_" and self.toks and self.toks[-1].type in ("_RPAR", "_RSQB") and self.component(start):
            return self.pos
        if ch == "=" and self.toks and self.toks[-1].type == "EQ" and "\n" in text[self.toks[-1].end:start] and (
                not text[self.toks[-1].end:start].strip()):  # a row ends with = and the next starts with =
            self.note(start, "'=' ending a line and '=' starting the next are read as one '='")
            return nxt
        simple = {"+": "PLUS", "-": "MINUS", "*": "MUL", "/": "DIV", "=": "EQ", "'": "PRIME",
                  "^": "_CARET", "_": "_SUB", "(": "_LPAR", ")": "_RPAR", "[": "_LSQB",
                  "]": "_RSQB", ",": "COMMA", ".": "PUNCT", ";": "PUNCT"}
        if ch == "^" and transpose_script(text, start) and not self.after_e():
            end = transpose_script(text, start)
            self.emit("TRANSPOSE", "T", start, end)
            return end
        if ch == "&" and self.matrices:
            self.emit("_MCOL", "&", start, nxt)
            return nxt
        if ch == "^" and re.match(r"\^\s*-\s*[A-Za-z0-9\\]", text[start:start + 4]):
            self.emit("UNSUP", "a superscript without braces after ^ (e^-x: write e^{-x})", start, nxt)
        if ch == "{" and not self.arg_mode and text[self.skip_space(nxt):self.skip_space(nxt) + 1] == "}":
            return self.skip_space(nxt) + 1  # \frac{a}{b}{}, \sum_{k}{} y_k: an empty group typesets nothing
        if ch == "{" and (named := self.braced_name(start)) is not None:  # {Z}_i: the name Z_i
            return named
        if ch == "{":
            self.braced_partial(start)  # {∂ξ}/{∂z}: a fraction opens before the first group
            self.emit_brace_open(start)
        elif ch == "}":
            self.emit_brace_close(start)
        elif ch == "&":
            pass
        elif ch == "~":
            pass
        elif ch == ":":
            if nxt < len(text) and text[nxt] == "=":
                self.emit("REL", "def", start, nxt + 1)
                return nxt + 1
            self.emit("PUNCT", ":", start, nxt)
        elif ch in "<>":
            self.emit("REL", ch, start, nxt)
        elif ch == "|":
            return self.bar(start, nxt)
        elif ch == "!":
            self.emit("UNSUP", "factorial", start, nxt)
        elif ch == "=" and text[nxt:nxt + 1] == ">" and not self.arg_mode:  # 4x_1 = 4x_2 => x_1 = x_2: ⇒, typed
            self.note(start, "=> is read as ⇒ (implies)")
            self.emit("LEAD", "implies", start, nxt + 1)
            return nxt + 1
        elif ch in simple:
            self.emit(simple[ch], "ast" if ch == "*" else ch, start, nxt)  # * may be a convolution
        elif (words := self.cjk_words(start)) is not None:  # 令loss = …: words of another script, prose
            return words
        else:
            self.emit("BAD", f"unexpected character {ch!r}", start, nxt)
        return nxt

    def emit_brace_open(self, start: int) -> None:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise self.error(f"nesting deeper than {MAX_NESTING}", start)
        self.toks.append(_Tok("_LBRACE", "{", start, start + 1))
        self.pending.append(0)

    def emit_brace_close(self, start: int) -> None:
        if len(self.pending) == 1:
            raise self.error("unmatched }", start)
        self.pending.pop()
        self.nesting -= 1
        self.toks.append(_Tok("_RBRACE", "}", start, start + 1))
        if self.pending[-1] > 0:
            self.pending[-1] -= 1

    def command(self, name: str, start: int, pos: int) -> int:  # noqa: C901 - a dispatch table
        """Handle ``\\name`` (already read up to ``pos``); return the new position."""
        text = self.text
        if name == "\\":
            return self.line_break(start, pos)
        more = self.more_command(name, start, pos)  # \displaylines, \eqalign, \cr, \not=
        if more is not None:
            return more
        name = "partial" if name == "part" else name  # KaTeX's and Typora's \part is ∂
        if name in _BRACE_SCRIPTS:  # \underbrace{x}_{note}: x is read, the note skipped
            content, _s, end = self.read_group(pos)
            if self.loose_sum(content, end):
                self.emit("UNSUP", f"\\{name} around a sum next to a sign or a factor (- \\{name}{{a - b}}: "
                                   "grouped, or only drawn? write the parentheses)", start, pos)
                return pos
            p = self.skip_space(end)
            if p < len(text) and text[p] in "_^":
                _n, _ns, after = self.read_group(p + 1)
                self.skips[p] = after
            return pos
        if name in _SPACING:
            if name in (" ", ";", ":") and self.toks and self.toks[-1].type == "COMMA":  # "…,\ loss' = …": a separator
                self.emit("QUAD", "quad", start, pos)
            p = self.skip_space(pos)
            if name in ("cancel", "bcancel", "xcancel") and text[p:p + 1] == "{":
                content, _s, end = self.read_group(p)
                if content.lstrip()[:1] in ("-", "+"):  # a \cancel{- a h} + …: a term of the sum struck out
                    self.skips[p], self.skips[end - 1] = p + 1, end
            return pos
        if name in ("map", "paren", "d"):
            return self.proofwiki(name, start, pos)
        if name == "partial":
            self.slash_partial(start)  # ∂L/∂w: a fraction opens before the ∂
            p = self.skip_space(pos)
            if text[p:p + 1] == "{":  # \partial{y}: the braces around the variable go
                inner, _s, end = self.read_group(p)
                if re.fullmatch(r"\s*\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?\s*", inner) and text[end:end + 1] != "_":
                    self.skips[p], self.skips[end - 1] = p + 1, end
        if name in ("boxed", "fbox", "hl"):  # \boxed{a = b}, \hl{…} (highlighted): its content is read as is
            p = self.skip_space(pos)
            if p < len(text) and text[p] == "{":
                _c, _s, end = self.read_group(p)
                self.skips[p], self.skips[end - 1] = p + 1, end
            return pos
        if name == "newline":
            return self.line_break(start, pos)
        if name in ("textcolor", "colorbox", "cancelto"):  # the first argument is not math
            _c, _s, end = self.read_group(pos)
            return end
        if name in _QUADS:
            if name == "hspace":
                _c, _s, pos = self.read_group(pos)
            self.emit("QUAD", name, start, pos)
            return pos
        if name in _ESCAPED:
            self.emit(*_ESCAPED[name], start, pos)
            return pos
        if name in _SKIP_WITH_ARGUMENT:
            _c, _s, end = self.read_group(pos)
            return end
        if name in ("left", "right", "bigl", "bigr", "mleft", "mright"):
            return self.delimiter(name.lstrip("m"), start, pos)
        if name in ("begin", "end"):
            return self.environment(start, pos)
        if name in ("delta", "Delta") and (self.delta_as_partial(start, pos) or self.delta_over(start, pos)):
            return pos
        if name in _GREEK or name in ("pi", "infty"):
            return self.emit_name(name, start, pos, absorb=not self.arg_mode)
        if name == "sigma":
            return self.sigma(start, pos)
        if name in ("log", "lg") and self.text[self.skip_space(pos):self.skip_space(pos) + 1] == "_":
            base, _s, end = self.read_group(self.skip_space(pos) + 1)  # \log_2 x, \log_{b} x
            self.emit("FUNC", f"log_{{{base.strip()}}}", start, end)
            return end
        if name in _FUNCTION_COMMANDS:
            self.emit("FUNC", _FUNCTION_COMMANDS[name], start, pos)
            return pos
        if name in _RELATIONS:
            if name in ("stackrel", "overset"):
                return self.stackrel(start, pos)
            self.emit("REL", _RELATIONS[name], start, pos)
            return pos
        if name in _LEADS:
            if self.repeated_lead(name, pos):  # a \Rightarrow \\ \Rightarrow b: the arrow heads the next row
                return pos
            self.emit("LEAD", _LEADS[name], start, pos)
            return pos
        if name == "sqrt":
            return self.sqrt(start, pos)
        if name in _SIMPLE_COMMANDS:
            type_, value = _SIMPLE_COMMANDS[name]
            if type_ == "BIGOP" and _BOUND_AS_GROUP.match(self.text, pos):  # \sum_{i=1}{m}: ^ lost, or a factor m?
                self.emit("UNSUP", f"\\{name}_{{i=1}}{{m}}: one letter right after the lower bound (the upper bound "
                                   f"without ^, or a factor?); write \\{name}_{{i=1}}^{{m}}", start, pos)
                return pos
            self.emit(type_, value, start, pos)
            return pos
        if name in _ACCENTS:
            return self.accent(_ACCENTS[name], start, pos)
        if name in _MATH_FONTS or name in _TEXT_FONTS:
            return self.font(name, start, pos)
        if name == "textcircled":
            _c, _s, end = self.read_group(pos)
            self.emit("LABEL", text[start:end], start, end)
            return end
        if name in _MATRIX_OPS:
            self.emit(_MATRIX_OPS[name], name, start, pos)
            return pos
        if name in _UNSUPPORTED:
            self.emit("UNSUP", _UNSUPPORTED[name], start, pos)
            return pos
        self.emit("BAD", f"unknown command \\{name}", start, pos)
        return pos

    def environment(self, start: int, pos: int) -> int:
        """``\\begin{env}``/``\\end{env}``: dropped when known, refused (UNSUP) otherwise."""
        env, _s, end = self.read_group(pos)
        env = env.strip()
        if env.rstrip("*") in MATRIX_ENVIRONMENTS:  # bmatrix* (mathtools): [r] aligns the columns
            return matrix_environment(self, start, starred_option(self.text, end) if env.endswith("*") else end)
        if env == "cases" and self.text[start:start + 6] == "\\begin":
            return self.cases(start, end)
        if env == "array" and self.text[start:start + 6] == "\\begin" and self.aligned_array(end):
            _spec, _s, end = self.read_group(end)  # \begin{array}{ll} a &= b \\ &= c: an alignment
            return end
        if env == "array" and self.text[start:start + 4] == "\\end":
            return end
        if env not in _ENVIRONMENTS:
            self.emit("UNSUP", f"environment {env}", start, end)
        elif _ENVIRONMENTS[env] is not None:
            self.emit("UNSUP", _ENVIRONMENTS[env], start, end)
        return end

    def sigma(self, start: int, pos: int) -> int:
        """``\\sigma``: the sigmoid, possibly with scripts (``\\sigma_1``) and primes."""
        if self.arg_mode:
            self.emit("FUNC", "sigma", start, pos)
            return pos
        sub, sup, star, primes, end = self.scan_suffix(pos)
        value = _make_name("sigma", sub, sup, star) if (sub or sup or star) else "sigma"
        self.emit("FUNC", value, start, end)
        for _ in range(primes):
            self.emit("PRIME", "'", end, end)
        return end

    def font(self, name: str, start: int, pos: int) -> int:
        content, _cs, end = self.read_group(pos)
        body = content.strip()
        if body == "d" and self.slash_derivative(start):  # \mathrm{d}y/\mathrm{d}x
            return self.pos
        if (through := self.font_through(name, body, start, _cs, end)) is not None:  # \mathbf{y_i}, \mathbb{\theta}
            return through
        if name == "mathbb":  # \mathbb{E}[X], \mathbb{R}, \mathbb{1}: an operator or a set
            self.emit("UNSUP", f"\\mathbb{{{body}}}" + (" (expectation)" if body == "E" else ""),
                      start, end)
            return end
        if name in _MATH_FONTS and body[1:] in _GREEK | {"pi", "sigma", "partial"}:
            return self.command(body[1:], start, end)  # \boldsymbol{\delta}
        if len(body) == 1 and body.isascii() and body.isalpha():
            return self.emit_name(body, start, end, absorb=not self.arg_mode)
        sci = scientific(body, 0)
        if sci and sci[1] == len(body):  # \text{1e-1}: scientific notation, as 1e-1 is
            self.note(start, f"\\text{{{body}}} is read as scientific notation: {sci[0]}")
            self.emit("NUMBER", sci[0], start, end)
            return end
        if re.fullmatch(r"[0-9]{1,100}", body):
            self.emit("NUMBER", body, start, end)
            return end
        if re.fullmatch(r"[A-Za-z]+", body):
            if body in self.words or body in self.names:
                self.emit("FUNC", body, start, end)
                return end
            if body in _FUNCTION_WORDS:
                self.emit("FUNC", _FUNCTION_WORDS[body], start, end)
                return end
            if name.startswith("operatorname") or (
                    (len(body) > 2 or body.isupper()) and body.lower() not in _PROSE_WORDS and self.applied_next(end)):
                self.emit("FUNC", body, start, end)  # \text{softmax}(z), \text{CE}(y, ŷ): a function named in words
                return end
        if not body:
            return end
        if re.fullmatch(r"[.,;:]", body):
            self.emit("PUNCT", body, start, end)
            return end
        if (bold := self.bold_relation(name, content, _cs)) is not None:  # \mathbf{a = b}: emphasis
            return bold
        named = self.word_with_script(content, start, end) if name in _TEXT_FONTS or name in _MATH_FONTS else None
        if named is not None:  # \text{Loss}_{BC/IC}, \text{new } w_{k0}: a name
            return named
        if name in _TEXT_FONTS and prose_row(self.text, start, end, body):  # \text{So the Jacobian is:} \\
            self.note(start, f"the row \\text{{{shortened(body)}}} is prose, not math: it is skipped")
            return end
        self.emit("TEXT", content, start, end)
        return end


def _accented(ch: str) -> tuple[str, str] | None:
    """(letter, accent suffix) of a precomposed accented Latin letter (ŷ → y, hat), else None."""
    parts = unicodedata.normalize("NFD", ch)
    if len(parts) == 2 and parts[0].isascii() and parts[0].isalpha() and parts[1] in _COMBINING_ACCENTS:
        return parts[0], _COMBINING_ACCENTS[parts[1]]
    return None

