"""A cheap test that a regex cannot match: literal text it requires, found by reading its parse tree.

Lexicon regexes that start at a sentence boundary and scan lazily (`(?:^|(?<=[.!?] ))[^.!?]*?\\b(one|two)`)
cost 5-25 µs a reply each, and a language may have dozens. Most of them require one of a few words;
looking for those words in the lower-cased reply first (`in`, a fast substring search) skips the regex
on almost every reply. A regex whose requirement cannot be read stays unfiltered.
"""

from __future__ import annotations

import re

try:  # Python ≥ 3.11
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MIN_LITERAL = 2
_LITERAL = sre_constants.LITERAL
_SUBPATTERN = sre_constants.SUBPATTERN
_BRANCH = sre_constants.BRANCH
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)


def _leading_literal(items: list) -> str:
    """The literal text a sequence starts with (after zero-width assertions)."""
    text = []
    for op, value in items:
        if op in _ZERO_WIDTH and not text:
            continue
        if op is _LITERAL:
            text.append(chr(value))
            continue
        if op is _SUBPATTERN and not text:
            inner = _leading_literal(list(value[-1]))
            if inner:
                text.append(inner)
        break
    return "".join(text)


def _requirement(items: list) -> frozenset[str] | None:
    """One set of literals of which at least one must occur, from a mandatory part of the sequence."""
    run: list[str] = []
    best: frozenset[str] | None = None

    def keep(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and all(len(c) >= MIN_LITERAL for c in candidate):
            if best is None or min(map(len, candidate)) > min(map(len, best)):
                best = candidate

    for op, value in items:
        if op is _LITERAL:
            run.append(chr(value))
            continue
        keep(frozenset({"".join(run)}) if run else None)
        run = []
        if op is _SUBPATTERN:
            keep(_requirement(list(value[-1])))
        elif op is _BRANCH:
            alternatives = [_leading_literal(list(branch)) for branch in value[1]]
            if all(len(a) >= MIN_LITERAL for a in alternatives):
                keep(frozenset(alternatives))
        elif op in _REPEATS and value[0] >= 1:
            keep(_requirement(list(value[2])))
    keep(frozenset({"".join(run)}) if run else None)
    return best


def required_literals(expression: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased literals one of which every match contains; None when that cannot be read."""
    try:
        tree = sre_parse.parse(expression.pattern, expression.flags)
    except (re.error, TypeError, ValueError):  # pragma: no cover - the pattern compiled already
        return None
    found = _requirement(list(tree))
    if not found:
        return None
    return frozenset(literal.lower() for literal in found)
