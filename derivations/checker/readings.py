r"""The note channel: how ambiguous notation was read, carried by the steps it stands in.

The tokenizer records a note wherever it reads notation that could be read otherwise (``e^-x``
as ``e^{-x}``, ``1e-3`` as 0.001, ``dy/dx`` as a derivative, a line of bare LaTeX as math); the
parser hands the notes to the chain they stand in (:attr:`Chain.notes`), and :func:`carry_notes`
gives each checked step the notes that fall on its two sides.  The report shows them in text,
JSON and HTML (``reading: …``), so no reading is ever a silent guess.

>>> from derivations.checker.check import check_text
>>> step = check_text("$$e^-x \\cdot e^{x} = 1$$").steps[0]
>>> step.status, step.notes
('proved', ('^-x without braces is read as ^{-x}',))
"""

from __future__ import annotations

import dataclasses

__all__ = ["applied_primes", "at_a_number", "bare_sigma", "carry_notes", "missing_partial", "primed_group", "sum_name"]


def carry_notes(result, chain, block, condition: str = ""):
    """``result`` (a ChainResult) with each step carrying the reading notes of its two sides.

    A note of the block itself (``block.note``: math read outside math delimiters) and the
    ``condition`` the chain was checked under go to every step; a note outside every side (in an annotation) goes to the first step.

    >>> from derivations.checker.check import check_text
    >>> [s.notes for s in check_text("$$2x = x + x = 1e-3 * 1000 x$$").steps]
    [(), ('1e-3 is read as scientific notation: 0.001 (not 1·e-3)',)]
    """
    block_note = "; ".join(n for n in (getattr(block, "note", ""), condition) if n)
    if not chain.notes and not block_note:
        return result
    spans = list(chain.spans)
    if len(result.steps) == len(spans):  # "= x" continuing the block before: its left is elsewhere
        spans.insert(0, (-1, -1))
    steps = []
    for k, step in enumerate(result.steps):
        lo, hi = (spans[k][0], spans[k + 1][1]) if k + 1 < len(spans) else (0, 0)
        notes = list(step.notes) + [message for offset, message in chain.notes
                                    if lo <= offset < hi or (k == 0 and not any(
                                        a <= offset < b for a, b in spans if a >= 0))]
        if block_note:
            notes.append(block_note)
        steps.append(dataclasses.replace(step, notes=tuple(dict.fromkeys(notes))) if notes else step)
    return dataclasses.replace(result, steps=tuple(steps))


def primed_group(builder, atom, primes: int, sup, node):
    """``(1+e^{-x})'``: the derivative of a bracketed expression by its one variable, with a note.

    With several variables (``(u/v)'``) the prime is left open (:data:`.primes.OPEN`): a rule stated
    with names, read by :func:`.primes.resolve_primes`; with none, or over a derivative, it is refused.

    >>> from derivations.checker.parser import parse_chains
    >>> [chain] = parse_chains("(1+e^{-x})' = -e^{-x}")
    >>> chain.items[0], chain.notes
    (Derivative(1 + exp(-x), x), ((0, "(…)' is read as the derivative by x, its only variable"),))
    """
    import sympy

    value = builder.atom(atom)
    if value.has(sympy.Tuple):  # (e^{z_j} / Σ_k e^{z_k})': a sum over an index inside
        raise builder.unsupported("prime on an expression with a sum over an index (the derivative by which "
                                  "variable? write \\frac{\\partial}{\\partial z_j})", node)
    free = [s for s in value.free_symbols if isinstance(s, sympy.Symbol)]
    if len(free) > 1 and not value.atoms(sympy.Derivative):  # (f/g)' = …: the quotient rule, stated
        from derivations.checker.primes import prime_of
        result = prime_of(value, primes)
        return result if sup is None else sympy.Pow(result, builder.sup(sup), evaluate=False)
    if len(free) != 1 or value.atoms(sympy.Derivative):
        raise builder.unsupported("prime on an expression with no single variable to differentiate by", node)
    if not hasattr(builder, "notes"):
        builder.notes = []
    builder.notes.append((node.meta.start_pos if hasattr(node, "meta") and not node.meta.empty else 0,
                          f"(…){chr(39) * primes} is read as the derivative by {free[0]}, its only variable"))
    result = sympy.Derivative(value, (free[0], primes), evaluate=False)
    return result if sup is None else sympy.Pow(result, builder.sup(sup), evaluate=False)


def applied_primes(builder, node, name: str, group, args: list, primes: int, sup):
    """``g(z)'``: the derivative of g(z) by its one variable z, as ``g'(z)`` reads; with a note.  ``node`` is the
    function head named ``name``, ``group`` the bracket of its arguments ``args``.

    >>> from derivations.checker.parser import parse_chains
    >>> [chain] = parse_chains("g(z)' = 1", functions={"g"})
    >>> chain.items[0], chain.notes
    (Derivative(g(z), z), ((1, "g(…)' is read as the derivative by z, g'(z)"),))
    """
    import sympy

    if len(args) != 1 or not isinstance(args[0], sympy.Symbol):
        raise builder.unsupported("a prime after a function's arguments, f(…)', with no one variable to "
                                  "differentiate by (write f'(x))", group)
    builder.note(group, f"{name}(…){chr(39) * primes} is read as the derivative by {args[0]}, "
                        f"{name}{chr(39) * primes}({args[0]})")
    value = sympy.Derivative(builder.apply(node, args), (args[0], primes), evaluate=False)
    return sympy.Pow(value, builder.sup(sup), evaluate=False) if sup is not None else value


def sum_name(builder, atom, lower, sup):
    """``\\sum_K`` with no operand (``define \\sum_K = \\sum_j e^{θ_j}``, then ``e^{θ_i}/\\sum_K``): a name,
    Sigma_K, with a note; None for any other operator or script (``lower`` and ``sup`` are its scripts).

    >>> from derivations.checker.parser import parse_chains
    >>> [chain] = parse_chains(r"\\frac{1}{\\sum_K} = 2")
    >>> chain.items[0]
    1/Sigma_K
    """
    import sympy

    if str(atom.children[0]) != "sum" or lower is None or len(lower.children) != 1 or sup is not None:
        return None
    builder.note(atom, f"\\sum_{lower.children[0]} without an operand is read as a name, Sigma_{lower.children[0]}")
    return sympy.Symbol(f"Sigma_{lower.children[0]}")


def at_a_number(builder, node, value, variables: list):
    """``\\frac{d \\sigma(0)}{dx}``: the derivative σ' at 0, with a note (the derivative of the number σ(0) would
    be 0, which nobody writes so); ``value`` is what is differentiated, ``variables`` the (variable, order)
    pairs.  Any other derivative: None.

    >>> from derivations.checker.parser import parse_chains
    >>> [chain] = parse_chains(r"\\frac{d \\sigma(0)}{dx} = \\frac{1}{4}")
    >>> chain.items[0], chain.notes[0][1][:40]
    (Subs(Derivative(sigma(_x), _x), _x, 0), 'd sigma(0)/dx is read as sigma′(0), the ')
    """
    import sympy

    if not (isinstance(value, sympy.Function) and len(value.args) == 1 and value.args[0].is_Number
            and len(variables) == 1 and variables[0][1] == 1):
        return None
    var = sympy.Dummy(str(variables[0][0]))
    builder.note(node, f"d {value.func}({value.args[0]})/d{variables[0][0]} is read as {value.func}′({value.args[0]}), the "
                       f"derivative at {value.args[0]} (the derivative of a number would be 0)")
    return sympy.Subs(sympy.Derivative(value.func(var), var), var, value.args[0])


def missing_partial(builder, frac, kind: str, den_items: list) -> list:
    r"""``\frac{\partial}{o_k}``: a denominator that is one name under a ∂ numerator is the derivative by that
    name, with a note (the ∂ of the denominator is missing; ∂X divided by a name means nothing else).
    ``den_items`` are the denominator's (operator, node) items; returned as ∂ and the name, else unchanged.

    >>> from derivations.checker.parser import parse_chains
    >>> [chain] = parse_chains(r"\frac{\partial}{o}(o^2) = 2o")
    >>> chain.items[0], chain.notes[0][1]
    (Derivative(o**2, o), '∂…/o is read as the derivative by o (the ∂ of the denominator is missing)')
    """
    from lark import Token, Tree

    lone = den_items[0][1] if len(den_items) == 1 else None
    while isinstance(lone, Tree) and lone.data == "brace" and len(lone.children) == 1:
        lone = lone.children[0]
    if kind != "PARTIAL" or not (isinstance(lone, Token) and lone.type == "NAME"):
        return den_items
    builder.note(frac, f"∂…/{lone} is read as the derivative by {lone} (the ∂ of the denominator is missing)")
    return [("", Token("PARTIAL", "\\partial")), ("", lone)]


def bare_sigma(chain, before=None):
    r"""``σ(x)(1 − σ(x)) = σ(1 − σ)``: σ written alone is σ(x) when the chain applies σ to x and to nothing else
    (with a note); any other chain is returned unchanged.  ``before`` is the expression a chain that starts with
    a relation goes on from.  Not where σ alone is differentiated or a variable (∂σ/∂z may be σ of another
    argument), not in a chain that names σ alone (``σ = σ(wᵀx)``), and not when the chain never writes σ(…): σ
    alone then stays a quantity of its own.

    >>> from derivations.checker.parser import parse_chains
    >>> [chain] = parse_chains(r"\sigma(x)(1 - \sigma(x)) = \sigma(1 - \sigma)")
    >>> read = bare_sigma(chain)
    >>> read.items[1], read.notes[-1][1]
    ((1 - sigma(x))*sigma(x), 'σ written alone is read as σ(x): the chain applies σ to x and to nothing else')
    """
    import sympy

    from derivations.core.functions import sigma

    bare = sympy.Symbol("sigma")
    items = list(chain.items) + ([before] if before is not None else [])
    if not any(bare in e.free_symbols for e in chain.items) or bare in chain.items:  # σ = σ(wᵀx): σ named
        return chain
    applied = {f.args for e in items for f in e.atoms(sigma)}
    if len(applied) != 1 or any(bare in d.free_symbols for e in items for d in e.atoms(sympy.Derivative, sympy.Subs)):
        return chain
    [args] = applied
    value, shown = sigma(*args), ", ".join(map(str, args))
    changed = [k for k, e in enumerate(chain.items) if bare in e.free_symbols]
    return dataclasses.replace(
        chain, items=tuple(e.xreplace({bare: value}) for e in chain.items),
        notes=chain.notes + tuple((chain.spans[k][0], f"σ written alone is read as σ({shown}): the chain applies σ "
                                                      f"to {shown} and to nothing else")
                                  for k in changed))
