"""An exact, faster stand-in for spaCy's suffix search: the same tokens for a fraction of the cost.

spaCy finds a word's suffix with one regex, an alternation of ~80 pieces each ending in `$`, and `re.search`
tries every piece at every position of the word. Every word the tokenizer has not seen before (a name, an
order number) costs about 7 µs per call, and a word is searched once per suffix it sheds and once more.

A piece ending in `$` can only match a word whose last character it can end with: `'s` ends in "s", a
closing bracket in ")". So the pieces are grouped by the last character of the word: for each last character
the word may have, one regex of only the pieces that can end with it (in their original order). Its leftmost
match is the leftmost match of the whole alternation, because the other pieces cannot match at all; and
`regex.match(word, start)` there returns exactly what `regex.search(word)` returns (the same pieces tried in
the same order at that position). A piece whose last character cannot be read from its parse tree goes into
every group.

The infix search (`finditer`) is skipped for a word holding none of the characters an infix can start with.
Both go into the tokenizer when it is made (`blank_pipeline`, through the registered
`tonecheck.FastAffixTokenizer.v1`): set on a finished tokenizer, each reloads every special case.
`tests/test_fast_affixes.py` compares them with spaCy's on every word of the lexicons and data and on
generated punctuation-heavy strings, and the tokens of both pipelines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import spacy
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)}


class _Ends:
    """The characters a piece's match can end with: some code points and ranges, or any (`anything`)."""

    def __init__(self) -> None:
        self.chars: set[int] = set()
        self.ranges: list[tuple[int, int]] = []
        self.anything = False

    def add(self, other: _Ends) -> None:
        self.chars |= other.chars
        self.ranges += other.ranges
        self.anything = self.anything or other.anything

    def holds(self, char: str) -> bool:
        code = ord(char)
        return self.anything or code in self.chars or any(low <= code <= high for low, high in self.ranges)


def _anything() -> _Ends:
    ends = _Ends()
    ends.anything = True
    return ends


def _item_ends(op: Any, value: Any, last: bool = True) -> tuple[_Ends, bool]:
    """(the last (or first) characters this item can consume, whether it can also match nothing)."""
    ends = _Ends()
    if op is sre_constants.LITERAL:
        ends.chars.add(value)
        return ends, False
    if op is sre_constants.IN:
        for kind, item in value:
            if kind is sre_constants.LITERAL:
                ends.chars.add(item)
            elif kind is sre_constants.RANGE:
                ends.ranges.append(item)
            else:  # NEGATE, CATEGORY (\d, \w): not worth enumerating
                return _anything(), False
        return ends, False
    if op in _REPEATS:
        low, _high, sub = value
        inner, empty = _sequence_ends(sub, last)
        return inner, empty or low == 0
    if op is sre_constants.SUBPATTERN:
        if value[1] & re.IGNORECASE:  # (?i:...): the literals' other cases would count too
            return _anything(), True
        return _sequence_ends(value[-1], last)
    if op is sre_constants.BRANCH:
        empty = False
        for alternative in value[1]:
            inner, alternative_empty = _sequence_ends(alternative, last)
            ends.add(inner)
            empty = empty or alternative_empty
        return ends, empty
    return _anything(), True  # ANY, NOT_LITERAL, GROUPREF, ...: could end with anything


def _sequence_ends(items: Any, last: bool = True) -> tuple[_Ends, bool]:
    ends = _Ends()
    for op, value in (reversed(list(items)) if last else items):
        if op in _ZERO_WIDTH:
            continue
        inner, empty = _item_ends(op, value, last)
        ends.add(inner)
        if not empty:
            return ends, False
    return ends, True


def fast_suffix_search(pieces: list[str], original: re.Pattern[str]) -> Callable[[str], re.Match[str] | None] | None:
    """A drop-in for `original.search`, built from the pieces it was compiled from; None if it can't be."""
    if original.flags & re.IGNORECASE:
        return None
    pieces = [piece for piece in pieces if piece.strip()]
    ends = []
    for piece in pieces:
        piece_ends, empty = _sequence_ends(sre_parse.parse(piece, original.flags))
        ends.append(_anything() if empty else piece_ends)
    regexes: dict[tuple[int, ...], re.Pattern[str] | None] = {}
    by_last: dict[str, re.Pattern[str] | None] = {}
    search_all = original.search
    match_at = original.match

    def group(last: str) -> re.Pattern[str] | None:
        numbers = tuple(n for n, piece_ends in enumerate(ends) if piece_ends.holds(last))
        if numbers not in regexes:
            regexes[numbers] = (re.compile("|".join(pieces[n] + "$" for n in numbers), original.flags)
                                if numbers else None)
        regex = by_last[last] = regexes[numbers]
        return regex

    def search(word: str) -> re.Match[str] | None:
        if not word or word[-1] == "\n":  # `$` also matches before a final newline: the plain way
            return search_all(word)
        last = word[-1]
        regex = by_last[last] if last in by_last else group(last)
        if regex is None:
            return None
        found = regex.search(word)
        return match_at(word, found.start()) if found is not None else None

    return search


def gated_infix_finditer(pieces: list[str], original: re.Pattern[str]) -> Callable[[str], Any] | None:
    """`original.finditer`, skipped for a word holding none of the characters an infix can start with."""
    if original.flags & re.IGNORECASE:
        return None
    starts = _Ends()
    for piece in (piece for piece in pieces if piece.strip()):
        piece_starts, empty = _sequence_ends(sre_parse.parse(piece, original.flags), last=False)
        if empty or piece_starts.anything:
            return None
        starts.add(piece_starts)
    members = [*(re.escape(chr(c)) for c in sorted(starts.chars)),
               *(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in starts.ranges)]
    if not members:
        return None
    gate = re.compile("[" + "".join(members) + "]")
    finditer = original.finditer
    nothing: tuple[()] = ()

    def find(word: str) -> Any:
        return finditer(word) if gate.search(word) is not None else iter(nothing)

    return find


_FAST: dict[tuple[str, tuple[str, ...]], Any] = {}
TOKENIZER = "tonecheck.FastAffixTokenizer.v1"


def _cached(kind: str, pieces: tuple[str, ...], build: Callable[[], Any]) -> Any:
    """Each language's fast search is read from the parse tree once per process (recycled packs reuse it)."""
    key = (kind, pieces)
    if key not in _FAST:
        _FAST[key] = build()
    return _FAST[key]


@spacy.registry.tokenizers(TOKENIZER)
def create_fast_affix_tokenizer() -> Callable[[spacy.Language], Tokenizer]:
    """spaCy's own default tokenizer (`spacy.Tokenizer.v1`), with the fast suffix and infix searches.

    Built in one go: setting `suffix_search` on a made tokenizer reloads every special case (~0.2 s).
    """

    def tokenizer_factory(nlp: spacy.Language) -> Tokenizer:
        prefixes, suffixes, infixes = nlp.Defaults.prefixes, nlp.Defaults.suffixes, nlp.Defaults.infixes
        suffix_search = infix_finditer = None
        if suffixes:
            pieces = tuple(suffixes)
            regex = compile_suffix_regex(pieces)
            fast = _cached("suffix", pieces, lambda: fast_suffix_search(list(pieces), regex))
            suffix_search = fast or regex.search
        if infixes:
            pieces = tuple(infixes)
            regex = compile_infix_regex(pieces)
            fast = _cached("infix", pieces, lambda: gated_infix_finditer(list(pieces), regex))
            infix_finditer = fast or regex.finditer
        return Tokenizer(
            nlp.vocab,
            rules=nlp.Defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(prefixes).search if prefixes else None,
            suffix_search=suffix_search,
            infix_finditer=infix_finditer,
            token_match=nlp.Defaults.token_match,
            url_match=nlp.Defaults.url_match,
        )

    return tokenizer_factory


def blank_pipeline(code: str) -> spacy.Language:
    """`spacy.blank(code)` whose tokenizer finds suffixes and infixes fast (the same tokens)."""
    return spacy.blank(code, config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
