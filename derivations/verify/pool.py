"""Verify a document's steps on every worker at once: a planning pass, the questions in parallel, the real pass.

A checker walks a document step by step, and what it does next can depend on a verdict (a
definition that disagrees with a known function, a refuted step that gets a hint), so its steps
cannot simply be handed out in parallel.  :func:`planned` runs the walk twice instead:

1. a *planning pass*, in which :func:`~derivations.verify.recipe.check_equal` answers every question
   it cannot answer from the verdict cache with a placeholder (``proved``, what most steps of
   real notes are) and notes the question;
2. the noted questions are verified on the worker pool, all workers at once, each with both
   oracles exactly as a single check would (the verdicts land in the caches); they are handed to
   the workers as the planning pass meets them, so verification overlaps the parsing;
3. the real pass, which finds those verdicts in the cache.  A question the planning pass did not
   foresee (the control flow after a refuted step: its hint, a retry on the reals) is verified
   in the real pass as before, so the report is the one a plain walk gives, step for step.

>>> from sympy import Symbol
>>> from derivations.verify.recipe import check_equal
>>> x = Symbol('x')
>>> planned(lambda: [check_equal(x * k, k * x).status for k in range(2, 5)])
['proved', 'proved', 'proved']
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

from derivations.verify.recipe import STATS, check_equal, planned as _planned
from derivations.verify.worker import default_pool

__all__ = ["planned", "plan", "verify_all"]

T = TypeVar("T")


def plan(walk: Callable[[], object]) -> list[tuple]:
    """Run ``walk`` as a planning pass; return the questions (``check_equal`` arguments) it left open.

    >>> from sympy import Symbol
    >>> x = Symbol('x_plan_example')  # a question no earlier check answered
    >>> [q[:2] for q in plan(lambda: check_equal(x + x, 3 * x))]
    [(2*x_plan_example, 3*x_plan_example)]
    """
    token = _planned.set([])
    try:
        walk()
        return _planned.get()
    finally:
        _planned.reset(token)


def verify_all(questions: list[tuple]) -> int:
    """Verify ``check_equal`` questions on every worker of the shared pool; returns how many there were.

    Each question gets the full recipe (both oracles, the ladder, the time limits); duplicates are
    verified once (the in-flight dedupe of ``check_equal``).

    >>> from sympy import Symbol
    >>> from derivations.core.definitions import STANDARD
    >>> from derivations.verify.recipe import Limits
    >>> x = Symbol('x')
    >>> verify_all([(x * x, x ** 2, {}, tuple(STANDARD), 1, Limits(), ())])
    1
    """
    size = default_pool().size
    if size == 1 or len(questions) < 2:
        for q in questions:
            _ask(q)
        return len(questions)
    with ThreadPoolExecutor(max_workers=size, thread_name_prefix="derivations-plan") as ex:
        list(ex.map(_ask, questions))
    return len(questions)


def _ask(q: tuple) -> None:
    lhs, rhs, domains, definitions, seed, limits, substitutions = q
    check_equal(lhs, rhs, domains, definitions, seed=seed, limits=limits, substitutions=substitutions)


def planned(walk: Callable[[], T]) -> T:
    """``walk()``, with its ``check_equal`` questions verified in parallel first (see the module).

    With one worker there is nothing to gain, and ``walk`` simply runs once.

    >>> planned(lambda: 42)
    42
    """
    size = default_pool().size
    if size > 1:
        with ThreadPoolExecutor(max_workers=size, thread_name_prefix="derivations-plan") as ex:
            futures: list = []

            class _Submit(list):  # each question goes to a worker as soon as the planning pass meets it
                def append(self, q: tuple) -> None:
                    futures.append(ex.submit(_ask, q))

            token = _planned.set(_Submit())
            try:
                walk()
            finally:
                _planned.reset(token)
            for f in futures:
                f.result()
        counted = STATS["reused"]
        try:
            return walk()
        finally:  # the real pass reads what the planning pass already counted (verified or reused)
            STATS["reused"] = counted
    return walk()
