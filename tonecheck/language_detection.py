"""Which language a reply is written in: a fast first pass, langdetect only when unsure.

langdetect costs ~0.3-1.7 ms a text on this machine, several times the rest of a check, so most replies
are decided by a first pass: Hebrew by its script; en/da/pt by frequent function words and telltale
letters from each `language.yml`. langdetect (seeded, so deterministic) with only our four profiles
decides close calls; a second langdetect with every profile, loaded lazily, runs only when none of our
words occur, to tell an unsupported language (German, Spanish...) from ours. Danish is never reported as
Norwegian and Portuguese never as Spanish or Galician when our own words say otherwise.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from .lexicon_schema import LanguageFile

UNDETERMINED = "und"
_WORD = re.compile(r"[^\W\d_]+")
_HEBREW = re.compile(r"[\u0590-\u05ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
#: Norwegian is not supported; Danish words in it are the best guide, so it counts as Danish.
_NEAR_SUPPORTED = {"no": "da", "nb": "da", "nn": "da"}
#: For texts of a few words only, the full detector's neighbours of our languages count as ours.
_NEIGHBOURS = {"es": "pt", "gl": "pt", "ca": "pt", "it": "pt", "sv": "da", "af": "en", "nl": "en"}
MIN_WORDS_FOR_OTHER = 6
CONFIDENT_RATIO = 2.0
MIN_CONFIDENT_HITS = 2
#: share of a text's words that are our detection words, below which it may be another language
MIN_COVERAGE = 0.12
#: weight of a word only one language's lexicons use (a function word counts 1)
VOCABULARY_WEIGHT = 0.5


@dataclass(frozen=True)
class DetectedLanguage:
    code: str
    confidence: float


def _langdetect_factory(codes: tuple[str, ...] | None):  # noqa: ANN202 - langdetect has no types
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    if codes is None:
        factory.load_profile(PROFILES_DIRECTORY)
    else:
        profiles = [(Path(PROFILES_DIRECTORY) / code).read_text(encoding="utf-8") for code in codes]
        factory.load_json_profile(profiles)
    factory.set_seed(0)
    return factory


class LanguageDetector:
    """Detects one of the supported languages, or names another one, or says `und` (no letters)."""

    def __init__(self, facts: dict[str, LanguageFile], vocabularies: dict[str, set[str]] | None = None) -> None:
        """`vocabularies`: words each language's lexicons use; those no other language uses count too."""
        self._codes = tuple(facts)
        self._words = {code: frozenset(w.lower() for w in f.detection.words) for code, f in facts.items()}
        self._vocabulary: dict[str, str] = {}
        seen: dict[str, set[str]] = {}
        for code, words in (vocabularies or {}).items():
            for word in words:
                seen.setdefault(word, set()).add(code)
        for word, codes in seen.items():
            if len(codes) == 1 and len(word) > 2 and not any(word in self._words[c] for c in self._codes):
                self._vocabulary[word] = next(iter(codes))
        self._not_words = {code: frozenset(w.lower() for w in f.detection.not_words) for code, f in facts.items()}
        #: each word's score per language (function word 1, lexicon-only word VOCABULARY_WEIGHT), one look-up
        self._scored = tuple(code for code in self._codes if code != "he")
        weights: dict[str, dict[str, float]] = {}
        for code in self._scored:
            for word in self._words[code]:
                weights.setdefault(word, {})[code] = 1.0
        for word, owner in self._vocabulary.items():  # never a function word of any language
            if owner in self._scored:
                weights.setdefault(word, {})[owner] = VOCABULARY_WEIGHT
        self._weights = {word: tuple(by_code.items()) for word, by_code in weights.items()}
        #: each language's telltale letters (æøå, ãõç)
        self._char_patterns = {code: re.compile("[" + re.escape("".join(sorted(set(f.detection.chars.lower())))) + "]")
                               for code, f in facts.items() if f.detection.chars and code in self._scored}
        self._ours = None
        self._all = None
        self._lock = threading.Lock()

    def detect(self, text: str) -> DetectedLanguage:
        letters = sum(map(str.isalpha, text))
        if letters == 0:
            return DetectedLanguage(UNDETERMINED, 0.0)
        hebrew = len(_HEBREW.findall(text))
        if "he" in self._codes and hebrew / letters >= 0.3:
            return DetectedLanguage("he", round(min(1.0, 0.5 + hebrew / letters / 2), 3))
        latin = len(_LATIN.findall(text))
        if latin + hebrew < letters * 0.5:
            return self._other(text)
        lowered = text.lower()
        words = _WORD.findall(lowered)
        scores = dict.fromkeys(self._scored, 0.0)
        weights = self._weights
        for word in words:
            scored = weights.get(word)
            if scored is not None:
                for code, weight in scored:
                    scores[code] += weight
        for code, pattern in self._char_patterns.items():
            scores[code] += min(3.0, 0.5 * len(pattern.findall(lowered)))
        if not scores:
            return self._other(text)
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True) + [("", 0.0)]
        (best, top), (_, second) = ranked[0], ranked[1]
        foreign = sum(1 for word in words if word in self._not_words[best]) if top else 0
        if (top == 0 and len(words) >= 3) or foreign >= MIN_CONFIDENT_HITS or (
                len(words) >= MIN_WORDS_FOR_OTHER and top / len(words) < MIN_COVERAGE):
            # hardly any of our words, or a neighbour's own words (Spanish "hola", "usted"): maybe
            # another language altogether
            return self._other(text, short=len(words) < MIN_WORDS_FOR_OTHER and not foreign)
        if top >= MIN_CONFIDENT_HITS and top >= CONFIDENT_RATIO * second:
            return DetectedLanguage(best, round(top / (top + second), 3))
        if top > 0 and second == 0:
            # a short text with evidence for one of our languages only ("Vi får se."): langdetect with our
            # profiles (~1.5 ms) picked the same language on all but one of 37 such texts of ours, and that one
            # wrongly; the confidence stays below that of two hits
            return DetectedLanguage(best, round(0.5 + top / (2 * MIN_CONFIDENT_HITS) / 2, 3))
        return self._ours_langdetect(text, fallback=best if top > 0 else self._codes[0])

    def _factory(self, which: str):  # noqa: ANN202
        with self._lock:
            if which == "ours":
                if self._ours is None:
                    self._ours = _langdetect_factory(self._codes)
                return self._ours
            if self._all is None:
                self._all = _langdetect_factory(None)
            return self._all

    def _langdetect(self, which: str, text: str) -> DetectedLanguage | None:
        """langdetect's best guess with one set of profiles; None when it has none (no letters it knows)."""
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory(which).create()
        detector.append(text)
        try:
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return None
        return DetectedLanguage(best.lang, round(float(best.prob), 3))

    def _ours_langdetect(self, text: str, fallback: str) -> DetectedLanguage:
        return self._langdetect("ours", text) or DetectedLanguage(fallback, 0.5)

    def _other(self, text: str, short: bool = False) -> DetectedLanguage:
        best = self._langdetect("all", text)
        if best is None:
            return DetectedLanguage(UNDETERMINED, 0.0)
        code = _NEAR_SUPPORTED.get(best.code, best.code).split("-")[0]
        if short:
            # a few words of Portuguese read as Spanish, of Danish as Swedish: too few to leave our languages
            code = _NEIGHBOURS.get(code, code)
        if code in self._codes:
            return self._ours_langdetect(text, fallback=code)
        return DetectedLanguage(code, best.confidence)
