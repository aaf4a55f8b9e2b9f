"""Phrases matched on token NORMs with one Aho-Corasick automaton: spaCy PhraseMatcher's job, without its
compile cost, and in C.

spaCy's PhraseMatcher needs one Doc per phrase: our templates expand to 15,000-60,000 phrases a language,
and building those Docs took 3-6 s a language here. Here each distinct word of the phrases gets one
character of its own (its code); a phrase is the string of its words' codes, and a reply is the string of
its tokens' codes (a token no phrase uses gets `UNKNOWN`). pyahocorasick finds every phrase in one pass, so
the cost does not grow with the number of phrases, and the automaton pickles compactly for the start-up
cache. Hits come out in the order a trie walk from each token would give them (start, then end).

A word's code is two characters, a high one and a low one from two disjoint ranges, so a phrase can only
match from a token's first character. pyahocorasick finds a node's child by scanning its children one by
one: with one character a word, the root had one child per distinct first word (thousands), scanned for
nearly every token of a reply; with two, no node has more than 128 children.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from operator import itemgetter

import ahocorasick

Key = tuple[str, str]
_LOW_FIRST = 0x100
_LOW_COUNT = 128
_HIGH_FIRST = _LOW_FIRST + _LOW_COUNT
_SURROGATES = range(0xD800, 0xE000)
#: a word no phrase uses: its high character starts no phrase
UNKNOWN = "\x01\x02"
_START_THEN_END = itemgetter(1, 2)


class PhraseIndex:
    def __init__(self) -> None:
        #: NORM hash of a word some phrase uses → the one character standing for it
        self.codes: dict[int, str] = {}
        self._phrases: dict[str, list[tuple[Key, str]]] = {}
        self._automaton: ahocorasick.Automaton | None = None
        self.size = 0

    def add(self, norms: tuple[int, ...], key: Key, next_letter: str = "") -> None:
        """A phrase (its tokens' NORM hashes); `next_letter`: the token after it must start with it."""
        if self._automaton is not None and not self._phrases:
            raise RuntimeError("a PhraseIndex loaded from the cache is read-only")
        if not norms:
            return
        codes = "".join(self._code(norm) for norm in norms)
        ends = self._phrases.setdefault(codes, [])
        if (key, next_letter) not in ends:
            ends.append((key, next_letter))
            self.size += 1
        self._automaton = None

    def _code(self, norm: int) -> str:
        code = self.codes.get(norm)
        if code is None:
            high, low = divmod(len(self.codes), _LOW_COUNT)
            high += _HIGH_FIRST
            if high >= _SURROGATES.start:
                high += len(_SURROGATES)
            code = self.codes[norm] = chr(high) + chr(_LOW_FIRST + low)
        return code

    def freeze(self) -> None:
        """Build the automaton (after the last `add`)."""
        automaton = ahocorasick.Automaton()
        for codes, ends in self._phrases.items():
            automaton.add_word(codes, (len(codes) // 2, tuple(ends)))
        automaton.make_automaton()
        self._automaton = automaton

    def find(self, norms: list[int]) -> list[tuple[Key, int, int, str]]:
        """(key, first token, token after the last, required next letter) for every phrase found."""
        if self._automaton is None:
            self.freeze()
        assert self._automaton is not None
        code = self.codes.get
        found = []
        append = found.append
        for last, (length, ends) in self._automaton.iter("".join(map(code, norms, repeat(UNKNOWN)))):
            stop = last // 2 + 1  # `last` is the low character of the phrase's last word
            for key, letter in ends:
                append((key, stop - length, stop, letter))
        if len(found) > 1:
            found.sort(key=_START_THEN_END)
        return found

    def __getstate__(self) -> dict:
        if self._automaton is None:
            self.freeze()
        # the automaton holds every phrase; the building table is not needed once it exists
        return {"codes": self.codes, "automaton": self._automaton, "size": self.size}

    def __setstate__(self, state: dict) -> None:
        self.codes = state["codes"]
        self._automaton = state["automaton"]
        self.size = state["size"]
        self._phrases = {}


def literal_automaton(literals: Iterable[str]) -> ahocorasick.Automaton | None:
    """One Aho-Corasick automaton over literal strings, each its own value: one pass finds which occur.
    None when there are none."""
    automaton = ahocorasick.Automaton()
    for literal in literals:
        automaton.add_word(literal, literal)
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton
