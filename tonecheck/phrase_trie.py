"""Phrases as a trie over spaCy NORM hashes: spaCy PhraseMatcher's matching speed without its compile cost.

spaCy's PhraseMatcher needs one Doc per phrase; our templates expand to 15,000-60,000 phrases a
language, and building those Docs took 3-6 s a language here (Doc creation is ~40 µs). The trie is built
from token norms alone (each distinct word tokenised once) in a fraction of that, and matching walks it
from each token: one dict look-up per token that starts no phrase, ~5-10 µs a reply, like PhraseMatcher.
"""

from __future__ import annotations

from collections.abc import Iterator

_END = -1


class PhraseTrie:
    def __init__(self) -> None:
        self.root: dict[int, dict] = {}
        self.size = 0

    def add(self, norms: tuple[int, ...], key: tuple[str, str], next_letter: str = "") -> None:
        """A phrase (its tokens' NORM hashes); `next_letter`: the token after it must start with it."""
        node = self.root
        for norm in norms:
            node = node.setdefault(norm, {})
        ends = node.setdefault(_END, [])
        if (key, next_letter) not in ends:
            ends.append((key, next_letter))
            self.size += 1

    def find(self, norms: list[int]) -> Iterator[tuple[tuple[str, str], int, int, str]]:
        """(key, first token, token after the last, required next letter) for every phrase found."""
        root = self.root
        count = len(norms)
        for first in range(count):
            node = root.get(norms[first])
            position = first + 1
            while node is not None:
                ends = node.get(_END)
                if ends is not None:
                    for key, letter in ends:
                        yield key, first, position, letter
                if position >= count:
                    break
                node = node.get(norms[position])
                position += 1
