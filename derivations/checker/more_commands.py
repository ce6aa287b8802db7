r"""Commands the tokenizer reads: ``\displaylines{…}``, ``\eqalign{… \cr …}``, ``\not=``, delimiters, ``\stackrel``,
``\\`` (a row break, ``\\\\`` in a matrix one escaped for Markdown) and ``\sqrt``.

``\displaylines`` and plain TeX's ``\eqalign`` only lay lines out: their braces go and their lines
(``\\`` or ``\cr``) are read as the lines of an aligned block.  ``\not=`` is ``≠``;
``{\delta E \over \delta w}`` is a derivative (δ written for ∂), as ``\frac{\delta E}{\delta w}`` is;
``180^\circ`` is refused as an angle (not a composition).  The ``\left``/``\right`` delimiters,
``\stackrel{def}{=}`` and arrays that only align relations are read here too.

>>> from derivations.checker.parser import parse_chains
>>> [c.items for c in parse_chains(r"\eqalign{ a &= b + 0 \cr &= b }")]
[(a, b + 0, b)]
>>> [c.ops for c in parse_chains(r"\displaylines{ x = 1 \\[5mm] y \not= 2 }")]
[('=',), ('neq',)]
>>> [c.items for c in parse_chains(r"y = e^{{Z}_i} + {\theta}_1")]
[(y, theta_1 + exp(Z_i))]
"""


from __future__ import annotations

import re

from derivations.checker.notations import _OPERAND_END
from derivations.checker.plain import matching_paren
from derivations.checker.vocabulary import _GREEK

__all__ = ["LAYOUT_COMMANDS"]

# {\delta E \over \delta w}: δ written for ∂ in a plain-TeX fraction (the second δ, and a name after it)
_DELTA_OVER = re.compile(r"\s*\\(delta|Delta)(?![A-Za-z])(?!\s*[_^])[^{}]*?\\over\s*\\(delta|Delta)(?![A-Za-z])(?!\s*[_^])"
                         r"\s*(?=[A-Za-z\\])")
_LAYOUT_PARAMETER = re.compile(r"\s*\{\s*\\(?:arraystretch|arraycolsep|tabcolsep)\s*\}\s*\{\s*[0-9.]{1,6}\s*(?:pt|em|ex|mm)?\s*\}")
_WORD_SCRIPT = re.compile(r"\s*_\s*(?:\{\s*([A-Za-z0-9(][A-Za-z0-9 /(),-]{0,19})\s*\}|([A-Za-z0-9]))")
_DECORATED = re.compile(r"\s*(\\[A-Za-z]+|[A-Za-z])(?![A-Za-z])")
_DECORATIONS = frozenset({"new", "old", "updated"})
_NOT_NAMES = frozenset("if then and or where for with so hence thus when else otherwise let we have is "
                       "sum prod max min exp log".split())
_NEXT_ROW_LEAD = re.compile(r"(?:\s*\\\\(?:\s*\\(?:re)?newcommand" + _LAYOUT_PARAMETER.pattern + r")?)+\s*\\([A-Za-z]+)(?![A-Za-z])")
LAYOUT_COMMANDS = frozenset({"displaylines", "eqalign", "eqalignno"})
_FACTOR_COMMANDS = frozenset({"frac", "dfrac", "tfrac", "sqrt", "left", "cdot", "times", "mathbf", "boldsymbol",
                              "exp", "log", "ln", "sigma", "sum", "prod", "partial", "bigg", "Bigg", "big", "Big"})
_NORM_BARS = {"|": None, "Vert": None, "lVert": "open", "rVert": "close"}  # \| … \|, \lVert … \rVert
_BRACED_LETTER = re.compile(r"\{\s*([A-Za-z]|\\(?:" + "|".join(sorted(_GREEK)) + r"))\s*\}")  # d{x}: the d of dx
_BRACED_NAME = re.compile(_BRACED_LETTER.pattern + r"(?=\s*_)")  # {Z}_i, {\theta}_j
_SCRIPTED_PARTIAL = re.compile(r"\s*_\s*(?:\{\s*([A-Za-z]{1,12})\s*\}|([A-Za-z]))\s*(?=\})")  # \frac{\partial_{MSE}}{…}
_EQUATION_NUMBER = re.compile(r"\((\d{1,3}(?:\.\d{1,3})?[a-z]?)\)[ \t]*(?=$|\n|\\\\|&)")  # … = x_2 (7)
_NORM_SCRIPT = re.compile(r"\s*_\s*(?:\{\s*([12F])\s*\}|([12F])(?![A-Za-z0-9]))")


class _MoreCommands:
    """Tokenizer methods for the commands above (mixed into the tokenizer)."""

    def braced_name(self, start: int) -> int | None:
        """``{Z}_i``: a letter in braces with a subscript after them is the name ``Z_i`` (as LaTeX
        typesets it), and ``d{x}`` is d x; the position after the name and its scripts, else None (a
        group as usual)."""
        m = _BRACED_NAME.match(self.text, start)
        if m is None and self.toks and self.toks[-1].end == start and self.toks[-1].value == "d":
            m = _BRACED_LETTER.match(self.text, start)  # \frac{d}{d{x}}: dx, not d times a group
        if m is None or self.arg_mode:
            return None
        return self.emit_name(m.group(1).lstrip("\\"), start, m.end())

    def paren_remark(self, start: int) -> int | None:
        """Parentheses at ``start`` that hold no factor: ``(\\because D Σ = e^{z_k})`` after the math (the
        parentheses go, the reason is read), or ``x_2 (7)`` at the end of a line (the equation's number,
        skipped with a note); the position to go on from, else None."""
        text = self.text
        if re.match(r"\s*(?:\\because(?![A-Za-z])|∵)", text[start + 1:start + 13]) and (
                close := matching_paren(text, start)) is not None:
            self.skips[close] = close + 1
            return start + 1
        tag = _EQUATION_NUMBER.match(text, start)
        if tag and text[start - 1:start] in (" ", "\t") and self.toks and self.toks[-1].type in _OPERAND_END:
            self.note(start, f"{tag.group().strip()} at the end of the line is read as the equation's number, not a factor")
            return tag.end()
        return None

    def bold_relation(self, name: str, content: str, content_start: int) -> int | None:
        """``\\mathbf{\\frac{∂p_i}{∂z_j} = p_i(δ_{ij} − p_j)}``: a whole relation set in bold (for emphasis);
        the braces go and the relation is read, with a note; else None."""
        if name not in ("mathbf", "boldsymbol", "bm") or not re.search(r"(?<![<>!\\])=", content):
            return None
        brace = content_start - 1
        self.skips[brace], self.skips[content_start + len(content)] = content_start, content_start + len(content) + 1
        self.note(brace, f"\\{name}{{…}} around a relation only sets it in bold: the relation inside is read")
        return brace

    def delta_over(self, start: int, pos: int) -> bool:
        """``{\\delta E \\over \\delta w}``: δ written for ∂ (a note says so), as ``\\frac{\\delta E}{\\delta w}`` is."""
        if not self.toks or self.toks[-1].type != "_LBRACE":
            return False
        content, content_start, _end = self.read_group(self.toks[-1].start)
        m = _DELTA_OVER.match(content)
        if m is None or content_start + m.start(1) - 1 != start:
            return False
        self.emit("PARTIAL", "partial", start, pos)
        second = content_start + m.start(2) - 1
        self.swaps[second] = ("PARTIAL", "partial", content_start + m.end(2))
        self.note(start, "{\\delta … \\over \\delta …} is read as a derivative (δ written for ∂), not a ratio of "
                         "products with δ")
        return True

    def more_command(self, name: str, start: int, pos: int) -> int | None:
        """The position after ``\\name`` when it is one of this module's commands, else None."""
        text = self.text
        if name in LAYOUT_COMMANDS:
            p = self.skip_space(pos)
            if p >= len(text) or text[p] != "{":
                raise self.error(f"\\{name} without its braces", start)
            _c, _s, end = self.read_group(p)
            self.skips[p], self.skips[end - 1] = p + 1, end  # the braces go, the lines stay
            return pos
        if name == "circ" and (self.toks[-1:] and self.toks[-1].type == "_CARET" or [
                t.type for t in self.toks[-2:]] == ["_CARET", "_LBRACE"]):  # 180^\circ: not a composition
            self.emit("UNSUP", "an angle in degrees (^\\circ)", start, pos)
            return pos
        if name == "cr":
            return self.line_break(start, pos)
        if name in _NORM_BARS:
            return self.norm_bar(start, pos, _NORM_BARS[name])
        if name in ("newcommand", "renewcommand") and _LAYOUT_PARAMETER.match(text, pos):
            end = _LAYOUT_PARAMETER.match(text, pos).end()  # \renewcommand{\arraystretch}{1.5}: spacing
            self.note(start, f"{' '.join(text[start:end].split())} only sets the spacing of rows: it is skipped")
            return end
        if name in ("newcommand", "renewcommand"):
            self.emit("UNSUP", f"\\{name} (a macro the document defines is not expanded)", start, pos)
            return pos
        if name in ("partial", "part") and [t.type for t in self.toks[-2:]] == ["_FRAC", "_LBRACE"] and (
                m := _SCRIPTED_PARTIAL.match(text, pos)):  # \frac{\partial_{MSE}}{\partial w}: ∂MSE/∂w
            what = m.group(1) or m.group(2)
            self.note(start, f"{' '.join(text[start:m.end()].split())} over a \\partial is read as ∂{what}, the "
                             f"derivative of {what} (not ∂ with the subscript {what})")
            self.emit("PARTIAL", "partial", start, pos)
            self.skips[pos] = m.start(1) if m.group(1) else m.start(2)
            if m.group(1):
                self.skips[m.end(1)] = m.end()
            return pos
        if name == "not":
            p = self.skip_space(pos)
            if text[p:p + 1] == "=":
                self.emit("REL", "neq", start, p + 1)
                return p + 1
        return None

    def bar(self, start: int, end: int) -> int:
        """``|``: opens or closes |…| by what comes before; ``||`` opening or closing a norm is ‖."""
        prev = self.toks[-1].type if self.toks else None
        if self.text[end:end + 1] == "|" and (prev not in _OPERAND_END or self.norm_open > 0):
            return self.norm_bar(start, end + 1, None)
        if self.abs_open > 0 and prev in _OPERAND_END:
            self.abs_open -= 1
            self.emit("_RABS", "|", start, end)
        else:
            self.abs_open += 1
            self.emit("_LABS", "|", start, end)
        return end

    def norm_bar(self, start: int, end: int, side: str | None) -> int:
        """A norm bar (``\\|``, ``\\Vert``, ``‖``, ``||``): it opens ‖…‖, or closes it with its
        subscript (``_2``, ``_1``, ``_F``) in the closing token."""
        prev = self.toks[-1].type if self.toks else None
        if side == "open" or side is None and not (self.norm_open > 0 and prev in _OPERAND_END):
            self.norm_open += 1
            self.emit("_LNORM", "‖", start, end)
            return end
        self.norm_open = max(0, self.norm_open - 1)
        m = _NORM_SCRIPT.match(self.text, end)
        if m is None and re.match(r"\s*_", self.text[end:]):
            self.emit("UNSUP", "a norm with this subscript (‖…‖, ‖…‖_1, ‖…‖_2 and ‖…‖_F are read)", start, end)
            return end
        after = m.end() if m else end
        self.emit("RNORM", (m.group(1) or m.group(2)) if m else "", start, after)
        return after

    def loose_sum(self, content: str, end: int) -> bool:
        """True for ``- \\underbrace{a - b}_{…}`` or ``2\\underbrace{a + b}``: a brace drawn under a sum
        that a sign or a factor touches, where the braces may group it (−(a − b)) or only be drawn
        (−a − b, as the page shows it)."""
        depth = 0
        for k, ch in enumerate(content):
            depth += (ch in "{([") - (ch in "})]")
            if depth == 0 and ch in "+-" and content[:k].strip():
                break  # a sign between terms, outside any brackets
        else:
            return False
        before = self.toks[-1].type if self.toks else None
        m = re.match(r"\s*(?:[_^]\s*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\S))?\s*", self.text[end:])
        after = self.text[end + m.end():]
        command = re.match(r"\\([A-Za-z]+)", after)
        factor = re.match(r"[A-Za-z0-9(^]", after) or command and (command.group(1) in _FACTOR_COMMANDS
                                                                  or command.group(1) in _GREEK)
        return before == "MINUS" or before in _OPERAND_END or bool(factor)

    def repeated_lead(self, name: str, pos: int) -> bool:
        r"""True if ``\Rightarrow`` at the end of a row is written again at the start of the next.

        ``a = b \Rightarrow \\ \\ \Rightarrow c = d`` (an arrow that ends a row and opens the next,
        empty rows between): one implication, the one that heads the next row.
        """
        m = _NEXT_ROW_LEAD.match(self.text, pos)
        return m is not None and m.group(1) == name

    def font_through(self, name: str, body: str, start: int, content_start: int, end: int) -> int | None:
        r"""``\mathbf{y_i}``, ``\boldsymbol{W^{(l)}}``, ``\mathbb{\theta}``: a font around a name with its scripts
        (or blackboard bold around a Greek letter or an accent, a slip for bold) is the name: its content is
        read as a group, from ``content_start`` on; else None (``\mathbf{Loss}``, ``\mathbb{E}``, ``\mathbb{R}``).
        """
        scripted = name in ("mathbf", "boldsymbol", "bm", "bold", "pmb", "mathit") and re.fullmatch(
            r"\\?[A-Za-z]+\s*[_^]\s*(?:\{[^{}]{1,12}\}|[A-Za-z0-9])(?:\s*[_^]\s*(?:\{[^{}]{1,12}\}|[A-Za-z0-9]))?", body)
        greek = name == "mathbb" and re.fullmatch(r"\\(?:hat|bar|tilde)\s*\{.{1,20}\}|\\([A-Za-z]+)", body)
        if not scripted and not (greek and (greek.group(1) is None or greek.group(1) in _GREEK)):
            return None
        if not scripted:
            self.note(start, f"\\mathbb{{{body}}} is read as {body} (blackboard bold on a letter that is not a set: bold)")
        if greek and greek.group(1):  # \mathbb{\theta}_i: θ_i, as \boldsymbol{\theta}_i is
            return self.command(greek.group(1), start, end)
        self.emit_brace_open(content_start - 1)
        return content_start

    def word_with_script(self, body: str, start: int, end: int) -> int | None:
        r"""``\text{Loss}_{BC/IC}`` or ``\text{new } w_{k0}^{(2)}``: one name, with a note; else None.

        A word with a subscript is a quantity's name (``Loss_{BC/IC}``), never prose; ``new``,
        ``old`` or ``updated`` before a name makes another quantity (``new w_{k0}^{(2)}`` is not
        ``w_{k0}^{(2)}``).  Returns where the tokenizer goes on.
        """
        text, word = self.text, body.strip()
        script = _WORD_SCRIPT.match(text, end)
        if script and re.fullmatch(r"[A-Za-z]{2,20}", word) and word.lower() not in _NOT_NAMES:
            sub = re.sub(r"\s+", "", script.group(1) or script.group(2))
            self.emit("NAME", f"{word}_{{{sub}}}" if len(sub) > 1 else f"{word}_{sub}", start, script.end())
            self.note(start, f"{text[start:script.end()]} is read as one name, {word}_{{{sub}}}")
            return script.end()
        decorated = _DECORATED.match(text, end)
        if word in _DECORATIONS and body.endswith(" ") and decorated:
            base = decorated.group(1).lstrip("\\")
            if decorated.group(1).startswith("\\") and base not in _GREEK:
                return None
            self.pos = self.emit_name(f"{word} {base}", start, decorated.end())
            self.note(start, f"{text[start:self.pos]} is read as one name, another quantity than "
                             f"{text[decorated.start(1):self.pos]}")
            return self.pos
        return None

    def aligned_array(self, pos: int) -> bool:
        """True if the array starting at ``pos`` (its column spec) only aligns relations (``&=``)."""
        close = self.text.find("\\end{array}", pos)
        body = self.text[pos:close] if close > 0 else ""
        ampersands = [m.end() for m in re.finditer(r"(?<!\\)&", body)]
        return bool(ampersands) and all(
            re.match(r"\s*(?:=|<|>|\\(?:approx|le|leq|ge|geq|neq)(?![A-Za-z]))", body[k:])
            for k in ampersands)

    def delimiter(self, name: str, start: int, pos: int) -> int:
        text = self.text
        p = self.skip_space(pos)
        if p >= len(text):
            raise self.error(f"\\{name} without a delimiter", start)
        left = name in ("left", "bigl")
        ch = text[p]
        if ch == "\\":
            delim, end = self.read_command(p)
            delim = "Vert" if delim == "|" else delim  # \left\| … \right\|: a norm, not |…|
        else:
            delim, end = ch, p + 1
        if delim == ".":
            if left:  # \left. … \right|_{x=a}: an evaluation bar may close it (see .evaluation_bar)
                self.emit("_LDOT", ".", start, end)
            return end
        table = {"(": "_LPAR", ")": "_RPAR", "[": "_LSQB", "]": "_RSQB", "{": "_LCURLY",
                 "}": "_RCURLY", "lfloor": "_LFLOOR", "rfloor": "_RFLOOR", "lceil": "_LCEIL",
                 "rceil": "_RCEIL", "langle": "LANGLE", "rangle": "RANGLE", "lvert": "_LABS",
                 "rvert": "_RABS"}
        if delim in ("|", "vert"):
            if left:
                self.abs_open += 1
                self.emit("_LABS", "|", start, end)
            else:
                self.abs_open = max(0, self.abs_open - 1)
                self.emit("_RABS", "|", start, end)
        elif delim in table:
            self.emit(table[delim], delim, start, end)
        elif delim in ("|", "Vert", "lVert", "rVert"):
            return self.norm_bar(start, end, "open" if left else "close")
        else:
            self.emit("BAD", f"unknown delimiter after \\{name}", start, end)
        return end

    def stackrel(self, start: int, pos: int) -> int:
        _top, _s, end = self.read_group(pos)
        base, _s2, end = self.read_group(end)
        if base.strip() == "=":
            self.emit("REL", "def", start, end)
        else:
            self.emit("UNSUP", "\\stackrel", start, end)
        return end

    def line_break(self, start: int, pos: int) -> int:
        """``\\\\`` (and an optional ``[2pt]``): a new line of an aligned block (a row in a matrix)."""
        if self.matrices:
            if self.text.startswith("\\\\", pos):  # 4 & -4 \\\\ -4 & 3: a row break escaped for Markdown
                self.note(start, "\\\\\\\\ in a matrix is read as one row break (Markdown's escaped \\\\)")
                pos += 2
            after = self.skip_space(pos)
            if not self.text.startswith("\\end", after):
                self.emit("_MROW", "\\\\", start, pos)
            return pos
        self.emit("NEWLINE", "\\\\", start, pos)
        p = self.skip_space(pos)
        if p < len(self.text) and self.text[p] == "[":  # \\\\[2pt]
            close = self.text.find("]", p)
            return close + 1 if close > 0 else pos
        return pos

    def sqrt(self, start: int, pos: int) -> int:
        """``\\sqrt``: its argument is the next group, after an optional ``[n]``."""
        self.emit("_SQRT", "sqrt", start, pos)
        p = self.skip_space(pos)
        if self.text[start] == "√" and p < len(self.text) and self.text[p] == "(":
            close = matching_paren(self.text, p)  # √(x+1): the parentheses hold the radicand
            if close is not None:
                self.swaps[p], self.swaps[close] = ("_LBRACE", "{", p + 1), ("_RBRACE", "}", close + 1)
                return pos
        if p < len(self.text) and self.text[p] == "[":
            self.sqrt_marks.append(self.nesting)
        else:
            self.pending[-1] = 1
        return pos
