"""The phrase index finds exactly what a walk from every token would find, in the same order, and survives
pickling (the start-up cache)."""

from __future__ import annotations

import pickle
import random

import pytest

from tonecheck.phrase_index import PhraseIndex


def _walk(phrases: list[tuple[tuple[int, ...], tuple[str, str], str]], norms: list[int]) -> list[tuple]:
    """The reference: from each token, every phrase that starts there, shortest first, in the order added."""
    found = []
    for first in range(len(norms)):
        for length in range(1, len(norms) - first + 1):
            seen = []
            for words, key, letter in phrases:
                if words == tuple(norms[first : first + length]) and (key, letter) not in seen:
                    seen.append((key, letter))
                    found.append((key, first, first + length, letter))
    return found


@pytest.mark.parametrize("seed", range(20))
def test_phrase_index_matches_a_walk_from_every_token(seed: int) -> None:
    rng = random.Random(seed)
    vocabulary = [rng.getrandbits(64) for _ in range(12)]
    phrases = []
    for number in range(40):
        words = tuple(rng.choice(vocabulary) for _ in range(rng.randint(1, 4)))
        phrases.append((words, (rng.choice("RMU"), f"rule-{number % 7}"), rng.choice(["", "", "ש"])))
    index = PhraseIndex()
    for words, key, letter in phrases:
        index.add(words, key, letter)
    index.freeze()
    again = pickle.loads(pickle.dumps(index))
    for _ in range(30):
        norms = [rng.choice([*vocabulary, 7, 8]) for _ in range(rng.randint(0, 15))]
        expected = _walk(phrases, norms)
        assert index.find(norms) == expected
        assert again.find(norms) == expected


def test_phrase_index_loaded_from_the_cache_is_read_only() -> None:
    index = PhraseIndex()
    index.add((1, 2), ("R", "x"))
    loaded = pickle.loads(pickle.dumps(index))
    assert loaded.find([1, 2]) == [(("R", "x"), 0, 2, "")]
    with pytest.raises(RuntimeError):
        loaded.add((3,), ("R", "y"))
