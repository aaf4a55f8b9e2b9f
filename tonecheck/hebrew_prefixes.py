"""Hebrew attaches ו ה ב ל מ ש כ to the next word (והמשלוח = and + the + shipment).

spaCy keeps them on the word, so a phrase for משלוח would never match והמשלוח. Rather than re-tokenise
(building a second Doc cost more than the whole rest of a check), each prefixed token gets the *stem*
as its NORM when the stem is a word some Hebrew phrase uses; phrases match on NORM, and the token,
and so the reported span, stays the whole written word. A phrase ending in a lone prefix letter
(`ברור ש`) matches its other words, then requires the next word to start with that letter.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

MAX_PREFIX_LETTERS = 3
MIN_STEM = 2
SHORT_STEM = 2
SHORT_STEM_PREFIXES = frozenset("וש")


class HebrewPrefixes:
    def __init__(self, prefixes: str, known_words: Iterable[str], unsplit: frozenset[str] = frozenset()) -> None:
        self.prefixes = frozenset(prefixes)
        self.known = frozenset(known_words)
        self.unsplit = unsplit
        self.stem = lru_cache(maxsize=65536)(self._stem)

    def _stem(self, word: str) -> str:
        """The shortest word phrases use that is left after cutting prefix letters (or the word itself).

        Phrases and replies are normalised alike, so וזה in a phrase and זה in a reply meet at זה.
        """
        if word in self.unsplit:
            return word
        leading = 0
        while leading < MAX_PREFIX_LETTERS and leading < len(word) - MIN_STEM and word[leading] in self.prefixes:
            leading += 1
        for cut in range(leading, 0, -1):
            stem = word[cut:]
            # two-letter stems (לא, זה) hide inside ordinary words (מלא, כזה): only after ו and ש
            if stem in self.known and (len(stem) > SHORT_STEM or all(ch in SHORT_STEM_PREFIXES for ch in word[:cut])):
                return stem
        return word

    def normalise(self, doc: Doc, text: str) -> Doc:
        """Give each prefixed token of `doc` (made from `text`) its stem as NORM; no Token object per word."""
        prefixes = self.prefixes
        stem_of = self.stem
        for index, (start, length) in enumerate(doc.to_array([IDX, LENGTH]).tolist()):
            if length > MIN_STEM and text[start] in prefixes:
                word = text[start : start + length]
                stem = stem_of(word)
                if stem != word:
                    doc[index].norm_ = stem
        return doc

    def is_lone_prefix(self, word: str) -> bool:
        return len(word) == 1 and word in self.prefixes
