r"""Commands the tokenizer reads through: ``\displaylines{…}``, ``\eqalign{… \cr …}``, ``\not=``.

``\displaylines`` and plain TeX's ``\eqalign`` only lay lines out: their braces go and their lines
(``\\`` or ``\cr``) are read as the lines of an aligned block.  ``\not=`` is ``≠``.

>>> from derivations.checker.parser import parse_chains
>>> [c.items for c in parse_chains(r"\eqalign{ a &= b + 0 \cr &= b }")]
[(a, b + 0, b)]
>>> [c.ops for c in parse_chains(r"\displaylines{ x = 1 \\[5mm] y \not= 2 }")]
[('=',), ('neq',)]
"""


from __future__ import annotations

__all__ = ["LAYOUT_COMMANDS"]

LAYOUT_COMMANDS = frozenset({"displaylines", "eqalign", "eqalignno"})


class _MoreCommands:
    """Tokenizer methods for the commands above (mixed into the tokenizer)."""

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
        if name == "cr":
            return self.line_break(start, pos)
        if name == "not":
            p = self.skip_space(pos)
            if text[p:p + 1] == "=":
                self.emit("REL", "neq", start, p + 1)
                return p + 1
        return None
