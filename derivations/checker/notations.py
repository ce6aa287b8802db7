r"""The tokenizer's readers of notation beyond plain LaTeX (a mixin of :class:`.tokenizer._Tokenizer`).

Unicode superscripts, ``dy/dx``, ``e^-x``, ``'.'`` between factors, ``\\sum_{j!=i}``,
``s(x)_i``, ProofWiki's ``\\map``/``\\paren``, and ``cases``; each records a note where the
reading could be questioned (see :mod:`.readings`).

>>> from derivations.checker.source import Positions
>>> from derivations.checker.tokenizer import _Tokenizer
>>> t = _Tokenizer("e^-x", Positions("e^-x"), frozenset(), frozenset())
>>> [tok.type for tok in t.run()], t.notes
(['NAME', '_CARET', '_LBRACE', 'MINUS', 'NAME', '_RBRACE'], [(1, '^-x without braces is read as ^{-x}')])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derivations.checker.cases import NO_CONDITION, plan_cases
from derivations.checker.plain import bare_exponent, slash_derivative, unicode_script
from derivations.checker.vocabulary import _FUNCTIONS, _GREEK, _UNICODE

_SCAN = 1000  # how far a reader looks for a closing parenthesis (beyond: refused)
_KNOWN = frozenset(_FUNCTIONS)  # exp(x)_i is not a component: only unknown (vector) functions

_SCRIPTED = (r"(?:\\(?:mathcal|mathbf|mathrm|mathit|boldsymbol|bm)\s*\{\s*\\?[A-Za-z]+\s*\}|[A-Z][A-Za-z]{1,11}|[A-Za-z]"
             r"|\\[A-Za-z]+|[^\x00-\x7f])(?:\s*_(?:\{[^{}]{1,20}\}|[A-Za-z0-9]|\\[A-Za-z]+(?![A-Za-z]))|[₀-₉ᵢⱼₖₙₘₜ]{1,3})?"
             r"(?:\s*\^\s*\{\s*\([^{}()]{1,12}\)\s*\})?")  # \mathcal{L}, F_\ell, \mathbf{W}^{(\ell)}
_SLASH_PARTIAL = re.compile(rf"(?:∂|\\partial(?![A-Za-z]))\s*(?P<num>{_SCRIPTED})?\s*(?P<slash>/)\s*"
                            rf"(?P<den>(?:∂|\\partial(?![A-Za-z]))\s*{_SCRIPTED})(?![A-Za-z0-9_^{{])(?(num)(?!\())")  # ∂/∂x(…): an operator
_INDEX = r"(?:_(?:\{[A-Za-z0-9,]{1,6}\}|[A-Za-z0-9])|[₀-₉ᵢⱼₖₙₘₜ]{1,3})"  # _i, _{ij}, ₁
_SLASH_SCRIPTED = re.compile(rf"d(?P<num>[A-Za-z]{_INDEX}?)?\s*(?P<slash>/)\s*d(?P<den>[A-Za-z]{_INDEX}?)"
                             r"(?![A-Za-z0-9_^{(])")
_BRACED_PARTIAL = re.compile(rf"\{{\s*(?:∂|\\partial(?![A-Za-z]))\s*{_SCRIPTED}\s*\}}\s*(?P<slash>/)\s*"
                             rf"\{{\s*(?:∂|\\partial(?![A-Za-z]))\s*{_SCRIPTED}\s*\}}")

_PAREN_INDEX = re.compile(r"\s*(?:\\?[A-Za-z]+|[0-9]+)\s*(?:[+-]\s*[0-9]+\s*)?(?:,\s*[A-Za-z0-9]+\s*)*")
_PAREN_SCRIPT = re.compile(r"_\(([^()\n]{0,40})\)")  # x_(l+1)
_BRACKET_SCRIPT = re.compile(r"\[\s*([A-Za-z](?:\s*[+-]\s*[0-9])?|[0-9]{1,2})\s*\]")  # k[i], z[C-1], x[0]
_BRACED_SCRIPT = re.compile(r"\{\s*_\s*(?:\{([^{}\n]{1,20})\}|([A-Za-z0-9]))\s*\}")  # \delta{_2}

_OPENERS = {"_LPAR": "_RPAR", "_LSQB": "_RSQB", "_LBRACE": "_RBRACE", "_LCURLY": "_RCURLY",
            "_LABS": "_RABS", "_LFLOOR": "_RFLOOR", "_LCEIL": "_RCEIL", "_LCASES": "_RCASES",
            "_LMATRIX": "RMATRIX", "_LNORM": "RNORM"}
_CLOSERS = frozenset(_OPENERS.values())
_CJK = re.compile("[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff01-\uff0f\uff1a-\uff20]+")
_OPERAND_END = frozenset({"NAME", "NUMBER", "PRIME", "TRANSPOSE"}) | _CLOSERS


@dataclass
class _Tok:
    type: str
    value: str
    start: int
    end: int


def script(mark: str, text: str) -> str:
    """``_j`` or ``_{jk}``: a sub- or superscript as LaTeX writes it, braced when longer than one character.

    >>> script("_", "j"), script("^", "l-1")
    ('_j', '^{l-1}')
    """
    return f"{mark}{text}" if len(text) == 1 else f"{mark}{{{text}}}"


def _make_name(base: str, sub: str = "", sup: str = "", star: bool | str = False) -> str:
    """The canonical spelling of a name: ``x_1``, ``w_{jk}^{(l)}``, ``w^{*}``, ``w_1^{+}``.

    ``star`` is True for ``^{*}``, or the mark itself as a name regex matched it (``^{*}``, ``^{+}``).
    """
    name = base
    if sub:
        name += script("_", sub)
    if sup:
        name += f"^{{({sup})}}"
    if star:
        name += "^{*}" if star is True else star
    return name


_WORD_SUBSCRIPTED = re.compile(r"[a-z]{3,12}_(?:\{[A-Za-z0-9]{1,8}\}|[A-Za-z0-9](?![A-Za-z]))")
_NOT_WORD_NAMES = _GREEK | frozenset(
    "sum prod int lim sup inf det arg exp log max min mod sgn tanh sinh cosh sigmoid softmax".split())


def subscripted_word(text: str, start: int) -> str | None:
    r"""The lowercase word that starts a name with a subscript at ``start`` (Mazur's ``net_{h1}``,
    ``out_{o1}``, ``target_o``), or None.  Read letter by letter, ``e^{-net_{h1}}`` would be
    e^{-n·e·t_{h1}} with Euler's e inside: a word of three or more letters right before a subscript
    is one name.  Two letters stay a product (``ax_i`` is a·x_i); operator and Greek words written
    without their backslash (``sum_i``, ``delta_j``) are not names.

    >>> subscripted_word("e^{-net_{h1}}", 4), subscripted_word("ax_i", 0), subscripted_word("sum_i x", 0)
    ('net', None, None)
    """
    m = _WORD_SUBSCRIPTED.match(text, start)
    word = m.group().partition("_")[0] if m else None
    return word if word and word not in _NOT_WORD_NAMES else None


# an acronym, a capitalised word, or a word in mixed case (ReLU, GeLU, SoftMax: not R·e·L·U with Euler's e)
_WORD_NAME = re.compile(r"[A-Z]{3,12}|[A-Z][a-z]{3,12}|(?=[A-Za-z]{3,12}$)[A-Z][A-Za-z]*[a-z][A-Za-z]*[A-Z][A-Za-z]*")
_LOWER_WORD = re.compile(r"(?=[a-z]*[aeiou])[a-z]{4,12}")  # loss, cost, error: a word with a vowel
_NAMED_ROW = re.compile(r"\s*\\?[A-Za-z]+(?:_\{[^{}]{1,12}\}|_[A-Za-z0-9])?\s*=[^=]")  # c_1 = a_1 b_1 + …
_HYPHENATED = re.compile(r"([A-Z][a-z]{2,12})-([A-Z][a-z]{2,12})(?![A-Za-z_^(])")  # Log-Odds
_PLAIN_GREEK = frozenset(w for w in _GREEK if w.islower() and len(w) >= 3 and not w.startswith("var")) - {"ell"}
_OPERATOR_WORDS = _NOT_WORD_NAMES - _GREEK
_GREEK_SIGNS = {word: sign for sign, word in _UNICODE.items() if word in _GREEK or word == "sigma"}


_DIGIT_INDEXED = re.compile(r"([A-Za-z])(\d{1,2})(?![A-Za-z0-9._])")


def digit_indexed(text: str, start: int) -> int | None:
    r"""The end of a letter followed by its index digits at ``start`` (``z1``, ``w12`` in plain-typed
    worked examples: z_1, w_{12}), else None.  Read as a product, ``z1 = w1 * x1 + b1`` would be
    z·1 = w·1·x·1 + b·1; nobody writes z·1 so.  Euler's e and the differential d are left alone.

    >>> digit_indexed("z1 = w1 * x1", 0), digit_indexed("x2.5", 0), digit_indexed("e2", 0)
    (2, None, None)
    """
    m = _DIGIT_INDEXED.match(text, start)
    return m.end() if m and m.group(1) not in "ed" else None


# Σ typed in Unicode is the sum sign when its operand follows in parentheses or with its index, or
# when it starts a term and a space parts it from a name (= Σ L(y_i, ŷ_i)); not in wᵀΣw, wᵀ Σ w, Σ = XᵀX.
_SUM_OPERAND = re.compile(r"Σ\s*[(\[_ᵢⱼₖₙₘ]")
_SUM_TERM = re.compile(r"Σ\s+[A-Za-z\\]")
_TERM_START = re.compile(r"(?:^|[-+*/=(\[{,]|\\cdot|\\times|\\[dtc]?frac\{[^{}]*\}|\))\s*$")


def sum_sign(text: str, at: int) -> bool:
    """True if the Σ at ``at`` is the sum sign, not the letter (a covariance matrix).

    >>> [sum_sign(t, t.index("Σ")) for t in ("a = Σ(w_k x_k)", "(1/m) * Σ L(y)", "wᵀ Σ w", "Σ = XᵀX", "wᵀΣw")]
    [True, True, False, False, False]
    """
    if _SUM_OPERAND.match(text, at):
        return True
    return bool(_SUM_TERM.match(text, at)) and _TERM_START.search(text[max(0, at - 40):at]) is not None


class _Notations:
    """Methods of the tokenizer that read notation beyond plain LaTeX; they use its emit/note."""

    def word_name(self, word: str, start: int) -> int | None:
        r"""A word at ``start`` read as one name (with a note), or None; returns where the tokenizer goes on.

        Read letter by letter, a word is a product with Euler's e hidden in it (``error`` was e·o·r·r·r,
        ``theta`` e·a·h·t·t).  One name instead: a word before a subscript (``net_{h1}``), an acronym
        or a capitalised word (``MSE``, ``Loss``), a word in mixed case (``ReLU``), a lowercase Greek letter's name without its backslash
        (``theta``, ``eta``: θ, η; ``sigma`` is σ), and a lowercase word of four letters or more with a
        vowel (``loss``, ``cost``).  Applied to parentheses it is a function (``cost(w)``).  A word
        that starts with d and a consonant (``dloss``: a differential?) or is short (``data``), and
        the operator words (``prod``, ``max``), stay as they were; ``xyz`` and ``ab`` stay products.

        >>> from derivations.checker.parser import parse_chains
        >>> [c] = parse_chains(r"loss = \frac{1}{2}(y - p)^2 + theta")
        >>> c.items[0], sorted(map(str, c.items[1].free_symbols)), [n for _, n in c.notes]
        (loss, ['p', 'theta', 'y'], ['loss is read as one name (the word loss, not l·o·s·s)', 'theta (without a backslash) is read as the Greek letter θ'])
        """
        text, end = self.text, start + len(word)
        if subscripted_word(text, start):  # net_{h1}: one name, not n·e·t_{h1}
            self.note(start, f"{word}_… is read as one name, the word {word} with a subscript")
            return self.emit_name(word, start, end)
        if end < len(text) and text[end].isascii() and text[end].isalpha():
            return None  # a run longer than the tokenizer looked at
        if word in _PLAIN_GREEK or word == "sigma":
            self.note(start, f"{word} (without a backslash) is read as the Greek letter {_GREEK_SIGNS.get(word, word)}")
            return self.sigma(start, end) if word == "sigma" else self.emit_name(word, start, end)
        lower = _LOWER_WORD.fullmatch(word) and word not in _OPERATOR_WORDS and (
            word[0] != "d" or len(word) >= 5 and word[1] in "aeiou")  # denominator; dloss stays d·l·o·s·s
        if not (lower or _WORD_NAME.fullmatch(word)):
            return None
        if lower:
            self.note(start, f"{word} is read as one name (the word {word}, not {'·'.join(word)})")
        if self.applied_next(end):
            self.emit("FUNC", word, start, end)
            return end
        return self.emit_name(word, start, end)

    def hyphenated_name(self, start: int) -> int | None:
        r"""Two capitalised words joined by a hyphen (``Log-Odds``, ``Cross-Entropy``) read as one name,
        with a note, or None; returns where the tokenizer goes on.  Nobody subtracts a word from a
        word: read apart, ``Log-Odds`` was a logarithm without its argument.

        >>> from derivations.checker.parser import parse_chains
        >>> [c] = parse_chains(r"Log-Odds = \ln(\frac{P}{1-P})")
        >>> c.items[0], [n for _, n in c.notes]
        (LogOdds, ['Log-Odds is read as one name (LogOdds), not Log minus Odds'])
        """
        m = _HYPHENATED.match(self.text, start)
        if not m:
            return None
        name = m.group(1) + m.group(2)
        self.note(start, f"{m.group()} is read as one name ({name}), not {m.group(1)} minus {m.group(2)}")
        return self.emit_name(name, start, m.end(), absorb=False)

    def glued_digits(self, raw: str, raw_start: int, end: int) -> tuple[str, int, int]:
        """A one-letter subscript with digits glued after it (``E_y2``, ``out_h1``): the digits belong to
        it (E_{y2}), with a note; the page shows E_y·2, which no worked example means."""
        m = re.match(r"\d{1,2}(?![A-Za-z0-9.])", self.text[end:end + 3])
        if not (m and re.fullmatch(r"[A-Za-z0-9]", raw) and end == raw_start + 1):
            return raw, raw_start, end
        self.note(raw_start - 1, f"_{raw}{m.group()} is read as the subscript {{{raw}{m.group()}}}")
        return raw + m.group(), raw_start, end + m.end()

    def plain_subscript(self, p: int) -> tuple[str, int] | None:
        """``x_(l+1)`` (a subscript in parentheses, as plain text writes it), ``k[i]`` (an array's entry, as code
        writes it: right after a one-letter name, an index letter, a letter ± a digit or a number) and ``\\delta{_2}`` (a
        subscript in braces of its own, as LaTeX sets it): the subscript and the position after it,
        with a note; else None."""
        paren = _PAREN_SCRIPT.match(self.text, p)
        if paren and _PAREN_INDEX.fullmatch(paren.group(1)) and re.search(r"[+-]", paren.group(1)) and (
                norm := self.normalise_script(paren.group(1), p + 2)):
            self.note(p, f"{paren.group()} is read as the subscript {{{paren.group(1)}}}, as plain text writes it")
            return norm, paren.end()
        bracket = _BRACKET_SCRIPT.match(self.text, p)
        if bracket and p and self.text[p - 1].isalpha() and self.text[p - 1] not in "eE" and (
                norm := self.normalise_script(bracket.group(1), p + 1)):  # k[i], z[C-1]: an array's entry
            self.note(p, f"{bracket.group()} right after a name is read as its index, the subscript {{{bracket.group(1)}}}")
            return norm, bracket.end()
        braced = _BRACED_SCRIPT.match(self.text, p)
        raw = braced and (braced.group(1) or braced.group(2))
        if raw and (norm := self.normalise_script(raw, p + 2)):
            self.note(p, f"{braced.group()} is read as the subscript {{{raw}}} of the name before it")
            return norm, braced.end()
        return None

    def nested_script(self, raw: str, pos: int) -> str | None:
        """``y_{t_k}``: a subscript letter with a subscript letter of its own (entry k at time t), read
        as the two indices ``y_{tk}``, with a note; any other nested subscript stays unsupported."""
        m = re.fullmatch(r"\s*([A-Za-z])\s*_\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))\s*", raw)
        if not m:
            return None
        inner = m.group(2) or m.group(3)
        self.note(pos, f"the subscript {{{raw.strip()}}} is read as the two indices {m.group(1)}{inner} "
                       f"(entry {inner} of the quantity at {m.group(1)})")
        return m.group(1) + inner

    def braced_script(self, script: str, start: int, end: int, caret: str = "_CARET") -> int:
        """A superscript written as Unicode (``x²``, ``e⁻ˣ``, ``x⁻¹``): ``^{…}`` over ``start:end``.

        With ``caret="_SUB"``, a subscript after something that is not a name (``∑ᵢ``).
        """
        self.emit(caret, "^" if caret == "_CARET" else "_", start, start)
        self.emit_brace_open(start)
        for m in re.finditer(r"[0-9]+|[A-Za-z]|[-+]", script):
            type_ = "NUMBER" if m.group()[0].isdigit() else "NAME" if m.group().isalpha() else (
                "MINUS" if m.group() == "-" else "PLUS")
            self.emit(type_, m.group(), start, end)
        self.emit_brace_close(end)
        self.toks[-1].start = self.toks[-1].end = end
        return end

    def slash_derivative(self, start: int) -> bool:
        """``dy/dx``, ``d/dx``: the derivative \\frac{dy}{dx} (never d·y/(d·x)), with a note.

        With indices (``dp_j/dz_i``, ``dL/dx₁``) the two sides are read as a fraction's groups,
        as ``\\frac{dp_j}{dz_i}`` is.
        """
        found = slash_derivative(self.text, start)
        if found is None:
            return self.scripted_slash(start)
        numerator, variable, end = found
        self.emit("_FRAC", "frac", start, start)
        self.emit_brace_open(start)
        slash = self.text.index("/", start)
        self.emit("NAME", "d", start, start + 1)
        if numerator:
            self.emit("NAME", numerator.lstrip("\\"), start + 1, slash)
        self.emit_brace_close(slash)
        self.emit_brace_open(slash)
        self.emit("NAME", "d", slash + 1, end - 1)
        self.emit("NAME", variable, end - 1, end)
        self.emit_brace_close(end)
        self.note(start, f"{self.text[start:end]} is read as the derivative \\frac{{d{numerator}}}{{d{variable}}}")
        self.pos = end
        return True

    def scripted_slash(self, start: int) -> bool:
        """``dp_j/dz_i``, ``dL/dx₁``: \\frac{dp_j}{dz_i}, the slash between the two groups (see
        :meth:`slash_derivative`)."""
        if start and (self.text[start - 1].isalnum() or self.text[start - 1] == "\\"):
            return False
        m = _SLASH_SCRIPTED.match(self.text, start)
        if m:
            self.slash_fraction(start, m, f"\\frac{{d{m.group('num') or ''}}}{{d{m.group('den')}}}")
        return False  # the d and the names are read as they are in \\frac{dp_j}{dz_i}

    def slash_fraction(self, start: int, m: re.Match, reading: str) -> None:
        """A fraction opens at ``start``; its slash (group ``slash`` of ``m``) separates the two groups,
        and it closes where ``m`` ends; the note says it is read as ``reading``."""
        self.emit("_FRAC", "frac", start, start)
        self.emit_brace_open(start)
        self.swaps[m.start("slash")] = ("_FRACSEP", "/", m.end("slash"))
        self.swaps[m.end()] = ("_RBRACE", "}", m.end())
        self.note(start, f"{self.text[start:m.end()]} is read as the derivative {reading}")

    def slash_partial(self, start: int) -> bool:
        """``∂L/∂w``, ``\\partial y/\\partial x``: the derivative \\frac{∂L}{∂w}, with a note."""
        m = _SLASH_PARTIAL.match(self.text, start)
        if not m:
            return False
        self.slash_fraction(start, m, f"\\frac{{∂{m.group('num') or ''}}}{{{m.group('den')}}}")
        return True

    def braced_partial(self, start: int) -> None:
        """``{\\partial \\xi}/{\\partial z}``: the derivative \\frac{∂ξ}{∂z} (the slash between two
        groups goes), with a note."""
        m = _BRACED_PARTIAL.match(self.text, start)
        if m:
            self.emit("_FRAC", "frac", start, start)
            self.skips[m.start("slash")] = m.end("slash")
            self.note(start, f"{m.group()} is read as the derivative \\frac{{…}}{{…}} of its two groups")

    def apply_swap(self, pos: int) -> int:
        """Read the token planned at ``pos`` instead of the text there; return where to go on."""
        type_, value, end = self.swaps.pop(pos)
        if type_ in ("_LBRACE", "_RBRACE", "_FRACSEP"):  # e^(-x), √(x), ∂L/∂w: braces of a group
            if type_ != "_LBRACE":
                self.emit_brace_close(pos)
            if type_ != "_RBRACE":
                self.emit_brace_open(pos)
        else:
            self.emit(type_, value, pos, end)
        return end

    def bare_exponent(self, start: int) -> int:
        """``e^-x``: read as ``e^{-x}``, with a note (LaTeX itself would typeset e^{-}x)."""
        sign, op_start, op_end, _ = bare_exponent(self.text, start)
        self.emit("_CARET", "^", start, start + 1)
        self.emit_brace_open(start + 1)
        self.toks[-1].start = self.toks[-1].end = start + 1
        self.emit("MINUS", "-", sign, sign + 1)
        operand = self.text[op_start:op_end]
        if operand[0].isdigit():
            self.emit("NUMBER", operand, op_start, op_end)
        else:
            self.emit("NAME", operand.lstrip("\\"), op_start, op_end)
        self.emit_brace_close(op_end)
        self.toks[-1].start = self.toks[-1].end = op_end
        self.note(start, f"^{self.text[sign:op_end]} without braces is read as ^{{{self.text[sign:op_end]}}}")
        return op_end

    def dot_product(self, start: int) -> bool:
        """A '.' written between two factors, with no space after it (``\\sigma.\\frac{…}``, ``a.(1-a)``,
        ``\\frac{…}{…} .\\delta(x)``, ``p_j.p_i``: a letter with a subscript or alone after a name)."""
        text = self.text
        before = self.toks[-1] if self.toks else None
        return (before is not None and not text[before.end:start].strip()
                and (before.type in _OPERAND_END or before.type == "FUNC" and before.value == "sigma")
                and (re.match(r"\.(?:\\(?:frac|dfrac|left|sigma|delta|phi|exp|ln|log)(?![A-Za-z])|[(\[])",
                              text[start:]) is not None
                     or before.type == "NAME" and re.match(r"\.[A-Za-z](?:_|(?![A-Za-z.]))", text[start:]) is not None))

    def in_bigop_script(self) -> bool:
        """True inside the subscript of a sum or product, after a name: ``\\sum_{j!=i}``."""
        types = [t.type for t in self.toks[-4:]]
        return types == ["BIGOP", "_SUB", "_LBRACE", "NAME"]

    def component(self, start: int) -> bool:
        """``s(\\mathbf x)_i``, ``[\\sigma(z)]_i``: component i of a function's value, read as s_i(x)."""
        depth, k = 0, len(self.toks) - 1
        closer = self.toks[-1].type
        opener = {"_RPAR": "_LPAR", "_RSQB": "_LSQB"}[closer]
        while k >= 0:
            depth += self.toks[k].type == closer
            depth -= self.toks[k].type == opener
            if depth == 0:
                break
            k -= 1
        if closer == "_RSQB" and k >= 0 and self.toks[-2].type == "_RPAR":
            inner = [t.type for t in self.toks[k + 1:k + 3]]  # [ f ( … ) ]_i
            target = k + 1 if inner[:2] in (["NAME", "_LPAR"], ["FUNC", "_LPAR"]) else -1
        else:
            target = k - 1
        if k <= 0 or target < 0 or self.toks[target].type not in ("NAME", "FUNC") or not (re.fullmatch(
                r"[A-Za-z]|sigma", self.toks[target].value) or self.toks[target].type == "FUNC" and re.fullmatch(
                r"[A-Za-z]{3,20}", self.toks[target].value) and self.toks[target].value not in _KNOWN):
            return False
        inside = [t.type for t in self.toks[target + 2:len(self.toks) - (2 if target == k + 1 else 1)]]
        bold = re.search(r"\\(?:mathbf|boldsymbol|bm|bold)\b", self.text[self.toks[target].end:start])
        if self.toks[target].type == "NAME" and any(t not in ("NAME", "COMMA") for t in inside) and not bold:
            return False  # \lambda(x - y)_i: a product with a vector's component? refused (s(\mathbf x + c)_i: read)
        raw, raw_start, end = self.read_group(start + 1)
        sub = self.normalise_script(raw, raw_start)
        if not sub or self.text[self.skip_space(end):self.skip_space(end) + 1] == "_":
            return False
        old = self.toks[target]
        self.toks[target] = _Tok("FUNC", _make_name(old.value, sub), old.start, old.end)
        close = self.toks[-1]  # the step's text runs to the end of the subscript
        self.toks[-1] = _Tok(close.type, close.value, close.start, end)
        self.note(start, f"{self.text[old.start:end]} is read as component {sub} of "
                         f"{'σ' if old.value == 'sigma' else old.value}(…): the function {_make_name(old.value, sub)}")
        self.pos = end
        return True

    def proofwiki(self, name: str, start: int, pos: int) -> int:
        r"""ProofWiki's macros: ``\map {f} {x}`` is f(x), ``\paren {a}`` is (a), ``\d`` is d."""
        if name == "d":
            self.emit("NAME", "d", start, pos)
            return pos
        after = pos
        if name == "paren" and [t.type for t in self.toks[-2:]] in (["FUNC", "NAME"], ["FUNC", "NUMBER"]):
            arg = self.toks[-1]  # \sinh x \paren {…}: sinh(x)·(…), the argument ends before \paren
            self.toks[-1:] = [_Tok("_LPAR", "(", arg.start, arg.start), arg,
                              _Tok("_RPAR", ")", arg.end, arg.end)]
            self.note(start, f"{self.text[self.toks[-4].start:arg.end]} \\paren{{…}} is read as "
                             f"{self.toks[-4].value}({arg.value})·(…)")
        if name == "map":
            _f, f_start, pos = self.read_group(pos)
            if self.text[f_start - 1] == "{":  # the function's braces go: \map {\dfrac \d {\d x} }
                self.skips[f_start - 1], self.skips[pos - 1] = f_start, pos
        _a, a_start, a_end = self.read_group(pos)
        if self.text[a_start - 1] != "{":
            raise self.where.unsupported(f"\\{name} without braces", start)
        self.swaps[a_start - 1] = ("_LPAR", "(", a_start)
        self.swaps[a_end - 1] = ("_RPAR", ")", a_end)
        return after

    def cases(self, start: int, pos: int) -> int:
        """``\\begin{cases} x & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}``: a Piecewise (see :mod:`.cases`)."""
        plan = plan_cases(self.text, pos)
        if isinstance(plan, str):
            close = self.text.find("\\end{cases}", pos)
            if plan.startswith(NO_CONDITION) and self.system(pos, close):
                self.note(start, "cases without conditions, each row a name and its value, is read as one equation a line")
                self.skips[close] = close + len("\\end{cases}")
                return pos
            self.emit("UNSUP", plan, start, pos)  # the rows are not read at all
            return pos if close < 0 else close + len("\\end{cases}")
        self.emit("_LCASES", "cases", start, pos)
        for amp, end, sep, cond in zip(plan.ampersands, plan.row_ends, plan.separators, plan.conditions):
            self.swaps[amp] = ("CASECOND", cond, end)
            if end < plan.end:
                self.swaps[end] = ("CASEROW", "\\\\", sep)
        self.swaps[plan.end] = ("_RCASES", "cases", plan.after)
        return pos

    def system(self, pos: int, close: int) -> bool:
        r"""True if the ``cases`` body between ``pos`` and ``close`` is a list of names' values that
        starts a statement: every row a name, =, its value, none with a condition (``&``), and nothing
        before it (``C = AB \\ \begin{cases} c_1 = … \\ c_2 = … \end{cases}``).  Not a system to solve
        (``x + y = 3 \\ x - y = 1``: conditions, not identities), nor ``\frac{\partial C}{\partial A} =
        \begin{cases} …``."""
        if close < 0 or (self.toks and self.toks[-1].type != "NEWLINE"):
            return False
        rows = re.split(r"\\\\(?:\[[^\]]*\])?", self.text[pos:close])
        rows = [r for r in rows if r.strip()]
        return bool(rows) and all(_NAMED_ROW.match(r) and "&" not in r for r in rows)

    def cjk_words(self, start: int) -> int | None:
        """Chinese, Japanese or Korean characters in the math (``令loss = …``, ``…、σ'(x) = …``): words, read as
        text (prose around the math, not part of it); where they end, or None."""
        m = _CJK.match(self.text, start)
        if m is None:
            return None
        self.emit("TEXT", m.group(), start, m.end())
        return m.end()

    def after_e(self) -> bool:
        """True right after the name e (Euler's number, as a base)."""
        return bool(self.toks) and self.toks[-1].type == "NAME" and self.toks[-1].value == "e"

    def primed_close(self, start: int) -> int | None:
        r"""``\left(\frac{e^{z_j}}{S}\right)^{\prime}``: the primes of a bracketed expression written as a
        superscript, as ``(…)'`` is; the end of the superscript, or None when it is not one.

        >>> from derivations.checker.source import Positions
        >>> from derivations.checker.tokenizer import _Tokenizer
        >>> text = "(1+x)^{\\prime}"
        >>> [tok.type for tok in _Tokenizer(text, Positions(text), frozenset(), frozenset()).run()][-2:]
        ['_RPAR', 'PRIME']
        """
        m = re.match(r"\^\s*(?:\{\s*((?:\\prime\s*|')+)\}|(\\prime))", self.text[start:])
        if not m or not self.toks or self.toks[-1].type not in ("_RPAR", "_RSQB"):
            return None
        for _ in range(sum((m.group(1) or m.group(2)).count(p) for p in ("prime", "'"))):
            self.emit("PRIME", "'", start, start + m.end())
        return start + m.end()

    def paren_exponent(self, start: int) -> int:
        """``e^(-x)``, ``(1+e^(-x))^(-1)``, ``e^[2x]``: the parenthesised exponent of plain text (in
        brackets only on e), with a note.

        ``a^(i)`` (one letter: a power, or the index of Ng's a^{(i)}?) is refused.
        """
        text = self.text
        open_ = self.skip_space(start + 1)
        pair = text[open_] + {"(": ")", "[": "]"}[text[open_]]
        depth, close = 0, open_
        while close < min(len(text), open_ + _SCAN):  # bounded: nested ^( cannot cost n² steps
            depth += (text[close] == pair[0]) - (text[close] == pair[1])
            if depth == 0:
                break
            close += 1
        inside = text[open_ + 1:close].strip()
        base_e = self.after_e()
        if close >= min(len(text), open_ + _SCAN) or not inside or not (
                base_e or re.search(r"[-+*/]", inside) or re.fullmatch(r"[0-9.]+", inside)):
            self.emit("UNSUP", f"a superscript in parentheses ^{pair[0]}{inside}{pair[1]}: a power or an index? "
                      "(write ^{…} or ^{(…)})", start, start + 1)
            return start + 1
        self.emit("_CARET", "^", start, start + 1)
        self.swaps[open_] = ("_LBRACE", "{", open_ + 1)
        self.swaps[close] = ("_RBRACE", "}", close + 1)
        self.note(start, f"^{pair[0]}{inside}{pair[1]} is read as the exponent ^{{{inside}}}")
        return start + 1

    def delta_as_partial(self, start: int, pos: int) -> bool:
        r"""``\frac{\delta E}{\delta w}``, ``\frac{\delta}{\delta w}``: δ written for ∂ (a note says so).

        Only at the start of a fraction's numerator whose denominator is ``\delta`` and a name:
        δ·E/(δ·w) = E/w is never what such a fraction means; ``\frac{\delta_j}{\delta_k}`` stays a ratio.
        """
        text = self.text
        if [t.type for t in self.toks[-2:]] != ["_FRAC", "_LBRACE"] or re.match(r"\s*_", text[pos:]):
            return False
        power = re.match(r"\s*\^", text[pos:]) is not None
        _num, _s, num_end = self.read_group(self.toks[-1].start)
        p = self.skip_space(num_end)
        if text[p:p + 1] != "{":
            return False
        den, den_start, _end = self.read_group(p)
        m = re.match(r"\s*\\(delta|Delta)(?![A-Za-z])(?!\s*[_^])\s*(?=[A-Za-z\\])", den)
        if not m:
            return False
        if power:  # \frac{\delta^2 E}{\delta w^2}: a second derivative written with δ? refused
            self.emit("UNSUP", "\\delta^2 over \\delta: a second derivative written with δ?", start, pos)
            return True
        self.emit("PARTIAL", "partial", start, pos)
        self.swaps[den_start + m.start(1) - 1] = ("PARTIAL", "partial", den_start + m.end(1))
        self.note(start, f"\\frac{{\\{text[start + 1:pos]} …}}{{\\{m.group(1)} …}} is read as a derivative "
                         "(δ written for ∂), not a ratio of products with δ")
        return True

    def accent(self, suffix: str, start: int, pos: int) -> int:
        content, _cs, end = self.read_group(pos)
        body = content.strip()
        font = re.fullmatch(r"\\(?:mathbf|bold|boldsymbol|bm|mathrm|mathit|pmb)\s*\{?\s*(\\?[A-Za-z]+)\s*\}?", body)
        if font:  # \hat{\bold{y}}: the font goes, as it does without the accent
            body = font.group(1)
        if body.startswith("\\"):
            body = body[1:]
        if len(body) == 1 and body.isascii() and body.isalpha() or body in _GREEK:
            return self.emit_name(body + suffix, start, end, absorb=not self.arg_mode)
        scripted = re.fullmatch(r"([A-Za-z])_(\{[A-Za-z0-9]{1,4}\}|[A-Za-z0-9])", body) or re.fullmatch(
            r"([A-Za-z])([0-9]{1,2})", body)  # \hat{y_j}: the same as \hat{y}_j; \hat{y1}: ŷ_1, as y1 is y_1
        if scripted and not self.arg_mode:
            sub = scripted.group(2).strip("{}")
            if "_" not in body:
                self.note(start, f"{self.text[start:end]} is read as {self.text[start:pos]}{{{scripted.group(1)}}}"
                                 f"{script('_', sub)} (a letter and its index)")
            sup, star, primes = "", False, 0
            if self.text[self.skip_space(end):self.skip_space(end) + 1] in ("^", "'"):
                _sub, sup, star, primes, end = self.scan_suffix(end)
            self.emit("NAME", _make_name(scripted.group(1) + suffix, sub, sup, star), start, end)
            for _ in range(primes):
                self.emit("PRIME", "'", end, end)
            return end
        self.emit("UNSUP", f"accent on {{{content}}}", start, end)
        return end

    def unicode(self, repl: str, start: int) -> int:
        """A Unicode character: a command (σ, ∂, ≤), a sign (−, ′) or a superscript (², ³)."""
        if repl == "Sigma" and sum_sign(self.text, start):
            self.note(start, "Σ read as the sum sign ∑ (an operand after it, in parentheses, with its index, "
                             "or a term of its own)")
            return self.command("sum", start, start + 1)  # Σ(w_k x_k), Σ_i, (1/m) Σ L(…): a sum, not Σ times
        if repl[0].isalpha():
            return self.command(repl, start, start + 1)
        if repl[0] == "^":
            script, end = unicode_script(self.text, start)
            return self.braced_script(script, start, end)
        for c in repl:
            self.emit("MINUS" if c == "-" else "PRIME", c, start, start + 1)
        return start + 1
