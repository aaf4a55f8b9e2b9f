"""A cheap test that a regex cannot match: literal text it requires, found by reading its parse tree.

Lexicon regexes that start at a sentence boundary and scan lazily (`(?:^|(?<=[.!?] ))[^.!?]*?\\b(one|two)`)
cost 5-25 µs a reply each, and a language may have dozens. Most of them require a few words; looking
for those in the lower-cased reply first (all regexes' literals in one Aho-Corasick pass, see
`matching._RegexPlan`) skips the regex on almost every reply. A regex whose requirement cannot be read
stays unfiltered.
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
#: one-character literals too common in replies to be worth looking for
_COMMON_CHARS = frozenset(" \t\n.,;:!?'\"()-/")
_LITERAL = sre_constants.LITERAL
_IN = sre_constants.IN
_SUBPATTERN = sre_constants.SUBPATTERN
_BRANCH = sre_constants.BRANCH
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)


def _worth_looking_for(literal: str) -> bool:
    """Long enough, or one uncommon character (an emoji, "*"), to say something about a reply."""
    if len(literal) >= MIN_LITERAL:
        return True
    return len(literal) == 1 and not literal.isalnum() and literal not in _COMMON_CHARS


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
        elif op in _REPEATS and value[0] >= 1:
            # "k{3,}" starts with "kkk", "(ha){2,}" with "haha"
            unit = _all_literal(list(value[2]))
            if unit:
                text.append(unit * value[0])
        break
    return "".join(text)


def _all_literal(items: list) -> str:
    """The text of a sequence made only of literals (through plain groups), else ""."""
    text = []
    for op, value in items:
        if op is _LITERAL:
            text.append(chr(value))
        elif op is _SUBPATTERN:
            inner = _all_literal(list(value[-1]))
            if not inner:
                return ""
            text.append(inner)
        else:
            return ""
    return "".join(text)


def _requirements(items: list) -> list[frozenset[str]]:
    """Sets of literals, each from a mandatory part of the sequence: every set has a member in any match."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def keep(candidate: frozenset[str] | None) -> None:
        if candidate and all(_worth_looking_for(c) for c in candidate):
            found.append(candidate)

    for op, value in items:
        if op is _LITERAL:
            run.append(chr(value))
            continue
        if op in _REPEATS and value[0] >= 1 and (unit := _all_literal(list(value[2]))):
            # "a+rg+h+" holds "arg": the text before a repeat touches its first copies, the text after it
            # touches its last copy
            run.append(unit * value[0])
            keep(frozenset({"".join(run)}))
            run = [unit]
            continue
        if run and op is _BRANCH:
            # ":" then ")" or "D" (how the parser factors ":)|:D"): the run touches each alternative's start
            leads = [_leading_literal(list(branch)) for branch in value[1]]
            if all(leads):
                keep(frozenset("".join(run) + lead for lead in leads))
        elif run and op is _IN and value and len(value) <= 16 and all(kind is _LITERAL for kind, _ in value):
            keep(frozenset("".join(run) + chr(code) for _, code in value))
        keep(frozenset({"".join(run)}) if run else None)
        run = []
        if op is _SUBPATTERN:
            found.extend(_requirements(list(value[-1])))
        elif op is _IN:
            if value and all(kind is _LITERAL for kind, _ in value):
                keep(frozenset(chr(code) for _, code in value))
        elif op is _BRANCH:
            alternatives = [_leading_literal(list(branch)) for branch in value[1]]
            if all(len(a) >= MIN_LITERAL for a in alternatives):
                keep(frozenset(alternatives))
            else:
                # a match goes through one alternative: the union of each one's own requirement will do
                chosen = [most_selective(_requirements(list(branch))) for branch in value[1]]
                if all(chosen):
                    keep(frozenset().union(*chosen))
        elif op in _REPEATS and value[0] >= 1:
            found.extend(_requirements(list(value[2])))
        elif op is sre_constants.ASSERT:
            # a lookahead or lookbehind must match too: "(?<=\\byour )" needs "your "
            found.extend(_requirements(list(value[1])))
    keep(frozenset({"".join(run)}) if run else None)
    return found


def most_selective(sets: list[frozenset[str]] | tuple[frozenset[str], ...]) -> frozenset[str] | None:
    """The set whose shortest literal is longest (long literals are rare), then the smallest."""
    return max(sets, key=lambda s: (min(map(len, s)), -len(s))) if sets else None


def required_literal_sets(expression: re.Pattern[str] | str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Lower-cased literal sets; every match contains a member of each. Empty when none can be read.

    `expression`: a compiled regex, or its source and `flags` (no need to compile it to read it).
    """
    source = expression
    if isinstance(expression, re.Pattern):
        source, flags = expression.pattern, expression.flags
    try:
        tree = sre_parse.parse(source, flags)
    except (re.error, TypeError, ValueError):  # pragma: no cover - the pattern compiled already
        return ()
    unique: dict[frozenset[str], None] = {}
    for found in _requirements(list(tree)):
        unique.setdefault(frozenset(literal.lower() for literal in found), None)
    return tuple(unique)

