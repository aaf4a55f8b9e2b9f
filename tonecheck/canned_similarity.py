"""Near-duplicates of canned lines: a stock sentence with a word changed still reads as a stock sentence.

Each canned phrase of five words or more is a reference. A sentence is compared (rapidfuzz's partial
ratio, with the aligned span) only with references that share most of their content words with it,
found through an inverted index, so the cost stays small however many canned lines a lexicon has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

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
        self.needed: list[int] = []
        self.index: dict[str, list[int]] = {}
        for rule_id, text, words in candidates:
            content = frozenset(w for w in words if len(w) >= MIN_CONTENT_LETTERS and frequency[w] <= common)
            if len(content) < 2:
                continue
            number = len(self.references)
            self.references.append(Reference(text, rule_id, content))
            self.needed.append(max(2, int(SHARED_SHARE * len(content) + 0.999)))
            for word in content:
                self.index.setdefault(word, []).append(number)

    def _shared(self, text: str) -> dict[int, int]:
        """How many content words of each reference `text` holds."""
        index = self.index
        counts: dict[int, int] = {}
        for word in set(_WORD.findall(text.lower())):
            listed = index.get(word)
            if listed is not None:
                for number in listed:
                    counts[number] = counts.get(number, 0) + 1
        return counts

    def may_hold(self, text: str) -> bool:
        """False when no sentence of `text` can be a near-duplicate: no reference shares enough words with
        the whole text (one pass, instead of one per sentence, for the many replies without one)."""
        needed = self.needed
        return any(shared >= needed[number] for number, shared in self._shared(text).items())

    def find(self, sentence: str, offset: int) -> NearDuplicate | None:
        """The best near-duplicate canned line in `sentence` (which starts at `offset`), if any."""
        counts = self._shared(sentence)
        if not counts:
            return None
        needed = self.needed
        best: NearDuplicate | None = None
        lowered = None
        for number, shared in counts.items():
            if shared < needed[number]:
                continue
            reference = self.references[number]
            if len(sentence) < MIN_COVER * len(reference.text):
                continue  # a short sentence inside a long canned line ("Thank you for your patience!") is not it
            lowered = lowered if lowered is not None else sentence.lower()
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
