"""Near-duplicates of canned lines: a stock sentence with a word changed still reads as a stock sentence.

Each canned phrase of five words or more is a reference. A sentence is compared (rapidfuzz's partial
ratio, with the aligned span) only with references that share most of their content words with it,
found through an inverted index, so the cost stays small however many canned lines a lexicon has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .phrase_index import literal_automaton

_WORD = re.compile(r"[^\W_]+")
MIN_REFERENCE_WORDS = 5
MIN_CONTENT_LETTERS = 4
SHARED_SHARE = 0.6
SCORE_CUTOFF = 88.0
#: the matched part of the sentence must be at least this share of the canned line's length
MIN_COVER = 0.85
#: a word in more than this share of references (at least COMMON_FLOOR) is too common to index
COMMON_SHARE = 0.05
COMMON_FLOOR = 8


@dataclass(frozen=True)
class Reference:
    text: str
    rule_id: str
    content: frozenset[str]


@dataclass(frozen=True)
class NearDuplicate:
    rule_id: str
    start: int
    end: int
    score: float


class CannedIndex:
    """Canned lines of five words or more, indexed by their rarer ("content") words.

    Template expansions share content words, so references with the same rule and content words form
    one group; a text's shared-word count per group is one numpy bincount over the groups its words list.
    """

    def __init__(self, phrases_by_rule: dict[str, list[str]]) -> None:
        candidates: list[tuple[str, str, list[str]]] = []
        for rule_id, phrases in phrases_by_rule.items():
            for phrase in phrases:
                words = _WORD.findall(phrase.lower())
                if len(words) >= MIN_REFERENCE_WORDS:
                    candidates.append((rule_id, " ".join(words), words))
        # Words in many references ("your", "please") say little: only the rarer ones index and count.
        frequency: dict[str, int] = {}
        for _, _, words in candidates:
            for word in set(words):
                frequency[word] = frequency.get(word, 0) + 1
        common = max(COMMON_FLOOR, int(len(candidates) * COMMON_SHARE))
        self.references: list[Reference] = []
        group_of: dict[tuple[str, frozenset[str]], int] = {}
        members: list[list[int]] = []
        needed: list[int] = []
        index: dict[str, list[int]] = {}
        for rule_id, text, words in candidates:
            content = frozenset(w for w in words if len(w) >= MIN_CONTENT_LETTERS and frequency[w] <= common)
            if len(content) < 2:
                continue
            number = len(self.references)
            self.references.append(Reference(text, rule_id, content))
            group = group_of.get((rule_id, content))
            if group is None:
                group = group_of[(rule_id, content)] = len(members)
                members.append([])
                needed.append(max(2, int(SHARED_SHARE * len(content) + 0.999)))
                for word in content:
                    index.setdefault(word, []).append(group)
            members[group].append(number)
        self.members = members
        self.needed = np.array(needed, dtype=np.int32)
        self.index = {word: np.array(groups, dtype=np.int32) for word, groups in index.items()}
        #: every content word, found as a substring in one C pass: fewer than two means no group can match
        self._words = literal_automaton(index)

    def _groups(self, text: str) -> list[int]:
        """The groups whose content words `text` holds enough of."""
        index = self.index
        listed = [groups for word in set(_WORD.findall(text.lower())) if (groups := index.get(word)) is not None]
        if len(listed) < 2:  # every group needs two shared words at least
            return []
        counts = np.bincount(np.concatenate(listed), minlength=len(self.needed))
        return np.flatnonzero(counts >= self.needed).tolist()

    def may_hold(self, text: str) -> bool:
        """False when no sentence of `text` can be a near-duplicate: no reference shares enough words with
        the whole text (one pass, instead of one per sentence, for the many replies without one)."""
        if self._words is None:
            return False
        seen: set[str] = set()
        for _, word in self._words.iter(text.lower()):
            seen.add(word)
            if len(seen) >= 2:
                return bool(self._groups(text))
        return False

    def find(self, sentence: str, offset: int) -> NearDuplicate | None:
        """The best near-duplicate canned line in `sentence` (which starts at `offset`), if any."""
        groups = self._groups(sentence)
        if not groups:
            return None
        from rapidfuzz import fuzz  # only once a sentence shares words with a canned line (~13 ms to import)

        best: NearDuplicate | None = None
        lowered = sentence.lower()
        for number in sorted(n for group in groups for n in self.members[group]):
            reference = self.references[number]
            if len(sentence) < MIN_COVER * len(reference.text):
                continue  # a short sentence inside a long canned line ("Thank you for your patience!") is not it
            alignment = fuzz.partial_ratio_alignment(reference.text, lowered, score_cutoff=SCORE_CUTOFF)
            if alignment is None or (best is not None and alignment.score <= best.score):
                continue
            if alignment.dest_end - alignment.dest_start < MIN_COVER * len(reference.text):
                continue
            start, end = _whole_words(sentence, alignment.dest_start, alignment.dest_end)
            best = NearDuplicate(reference.rule_id, offset + start, offset + end, alignment.score)
        return best


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end
