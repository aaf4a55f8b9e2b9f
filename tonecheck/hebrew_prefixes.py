"""Hebrew attaches ו ה ב ל מ ש כ to the next word (והמשלוח = and + the + shipment).

spaCy keeps them on the word, so a phrase for משלוח would never match והמשלוח. The splitter cuts
prefix letters off a token, one at a time, until the rest is a word some Hebrew phrase uses; the new
tokens keep their exact character offsets, so spans still point into the original text.
"""

from __future__ import annotations

from spacy.tokens import Doc

MAX_PREFIX_LETTERS = 3
MIN_STEM = 2


class HebrewPrefixSplitter:
    def __init__(self, prefixes: str, known_words: set[str]) -> None:
        self.prefixes = frozenset(prefixes)
        self.known = frozenset(known_words)
        #: prefix letters that phrases use on their own ("ברור ש"): split them off even before unknown words
        self.lone = frozenset(letter for letter in self.prefixes if letter in self.known)

    def pieces(self, word: str) -> list[str]:
        """The word, or its prefix letters and stem when the stem is a known word."""
        if word in self.known or len(word) <= MIN_STEM or word[0] not in self.prefixes:
            return [word]
        for cut in range(1, MAX_PREFIX_LETTERS + 1):
            if len(word) - cut < MIN_STEM or word[cut - 1] not in self.prefixes:
                break
            if word[cut:] in self.known:
                return [*word[:cut], word[cut:]]
        if word[0] in self.lone:
            return [word[0], word[1:]]
        return [word]

    def split(self, doc: Doc) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        changed = False
        for token in doc:
            pieces = self.pieces(token.text) if token.text[:1] in self.prefixes else [token.text]
            if len(pieces) > 1:
                changed = True
            words.extend(pieces)
            spaces.extend([False] * (len(pieces) - 1) + [bool(token.whitespace_)])
        if not changed:
            return doc
        return Doc(doc.vocab, words=words, spaces=spaces)
