"""One language's lexicon compiled for matching: the `phrase` check type and the marker look-up.

Phrase templates expand into an automaton over spaCy NORM hashes (`phrase_index`), whose matching cost does
not grow with the number of phrases (like spaCy's PhraseMatcher, which cost seconds a language to
compile). Token patterns (spaCy Matcher, ~2.7 µs per pattern per reply) each sit behind a prefilter:
a pattern runs only when every one of its literal words occurs in the reply. Regexes cover what is not
made of words (emoji, scare quotes). Hebrew prefixed words are matched by their stems (NORM).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple

import spacy
from spacy.attrs import IDS, IDX, LANG, LENGTH, LIKE_NUM, LOWER, NORM
from spacy.matcher import Matcher
from spacy.tokens import Doc

from .canned_similarity import CannedIndex
from .compile_cache import cached
from .fast_affixes import blank_pipeline
from .hebrew_prefixes import HebrewPrefixes
from .lexicon_loader import LanguageLexicon, LoadedMarker, LoadedRule
from .lexicon_schema import CUSTOMER_SIGNALS
from .phrase_index import PhraseIndex, literal_automaton
from .phrase_templates import expand
from .regex_prefilter import most_selective, required_literal_sets
from .reply_layout import Layout, LayoutReader

_FOLD_PHRASE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_LITERAL_ATTRS = ("NORM", "LOWER", "ORTH", "TEXT", "LEMMA")
_VALUE = itemgetter(1)
#: the word attributes the checks read (NORM for phrases; LANG names the vocabulary; LOWER and LIKE_NUM for
#: token patterns); token patterns may ask for more, which are kept too
_LEXEME_ATTRS = frozenset({LOWER, NORM, LIKE_NUM, LANG})


def _lean_vocabulary(nlp: spacy.Language, patterns: Iterable[list[dict[str, Any]]]) -> None:
    """Compute only the word attributes something reads when spaCy meets a new word.

    A blank pipeline computes 23 attributes in Python for every word it has not seen (shape, prefix, suffix,
    stop word, is_currency...): about a third of tokenising a reply with a new name or order number in it.
    """
    wanted = set(_LEXEME_ATTRS)
    for pattern in patterns:
        for token in pattern:
            wanted.update(IDS[name] for name in token if name in IDS)
    getters = nlp.vocab.lex_attr_getters
    for attr in [attr for attr in getters if attr not in wanted]:
        del getters[attr]


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to report: the entry's fields the checks need, nothing else."""

    rule_id: str
    category: str
    check: str
    severity: str
    guideline: str
    message: str
    note: str | None
    suggestions: tuple[str, ...]
    context: str
    sentence_start: bool
    lang: str
    #: a team's own rule (custom lexicon or tonecheck.toml): wins over a built-in one on the same span
    custom: bool = False

    @classmethod
    def from_loaded(cls, loaded: LoadedRule, message: str | None = None) -> CompiledRule:
        """The rule as the checks see it; `message` replaces the entry's (a language's own wording)."""
        entry = loaded.entry
        return cls(
            rule_id=loaded.rule_id, category=loaded.category, check=entry.check, severity=entry.severity,
            guideline=entry.guideline, message=message or entry.message, note=entry.note,
            suggestions=tuple(entry.suggestions), context=entry.context, sentence_start=entry.sentence_start,
            lang=loaded.lang, custom=not loaded.builtin,
        )


class Hit(NamedTuple):
    """Something found at [start, end) of the analysed text (a tuple: made several times a reply)."""

    key: str
    start: int
    end: int


@dataclass
class Hits:
    rules: list[Hit] = field(default_factory=list)
    markers: list[Hit] = field(default_factory=list)
    unless: dict[str, list[Hit]] = field(default_factory=dict)


@dataclass(frozen=True)
class _TokenPatternGroup:
    #: one set of word hashes per mandatory token with literal values: each must occur in the reply
    anchors: tuple[frozenset[int], ...]
    matcher: Matcher
    uses_lemma: bool

    def may_match(self, present: set[int]) -> bool:
        return all(not anchor.isdisjoint(present) for anchor in self.anchors)


class _TokenGroupIndex:
    """Which token patterns may match a reply: each is listed under the words of one of its anchors, so a
    reply looks up only its own words instead of testing every pattern's prefilter."""

    def __init__(self, groups: list[tuple[tuple[str, str], _TokenPatternGroup]], strings: Any) -> None:
        self.groups = groups
        self.always: list[int] = []
        self.by_word: dict[int, list[int]] = {}
        for number, (_, group) in enumerate(groups):
            if not group.anchors:
                self.always.append(number)
                continue
            # the anchor of the longest shortest word: long words are the rare ones
            anchor = max(group.anchors, key=lambda a: (min(len(strings[h]) for h in a), -len(a)))
            for word in anchor:
                self.by_word.setdefault(word, []).append(number)

    def candidates(self, norms: list[int]) -> list[tuple[tuple[str, str], _TokenPatternGroup]]:
        by_word = self.by_word
        anchors = by_word.keys() & norms
        if not anchors and not self.always:
            return []
        numbers = set(self.always)
        for word in anchors:
            numbers.update(by_word[word])
        present = set(norms)
        groups = self.groups
        return [groups[n] for n in sorted(numbers) if groups[n][1].may_match(present)]


class _RegexPlan:
    """Which regexes may match a reply. Each regex's required literals (`regex_prefilter`) go into one
    Aho-Corasick automaton; a reply's single pass over it names the regexes worth running, in lexicon order.
    A regex is compiled the first time a reply needs it (the lexicon loader checked that it compiles)."""

    def __init__(self, sources: list[tuple[tuple[str, str], str]], needs: list[tuple[frozenset[str], ...]]) -> None:
        self.sources = sources
        self.needs = needs
        self._compiled: list[re.Pattern[str] | None] = [None] * len(sources)
        self.always = [n for n, literals in enumerate(needs) if not literals]
        self.by_literal: dict[str, list[int]] = {}
        for number, literals in enumerate(needs):
            for literal in most_selective(literals) or ():
                self.by_literal.setdefault(literal, []).append(number)
        self.automaton = literal_automaton({literal for literals in needs for group in literals for literal in group})

    def _regex(self, number: int) -> tuple[tuple[str, str], re.Pattern[str]]:
        expression = self._compiled[number]
        key, source = self.sources[number]
        if expression is None:
            expression = self._compiled[number] = re.compile(source, re.IGNORECASE)
        return key, expression

    def candidates(self, lowered: str) -> list[tuple[tuple[str, str], re.Pattern[str]]]:
        if self.automaton is None:
            return [self._regex(n) for n in self.always]
        present = set(map(_VALUE, self.automaton.iter(lowered)))
        numbers = set(self.always)
        by_literal = self.by_literal
        for literal in by_literal.keys() & present:
            numbers.update(by_literal[literal])
        needs = self.needs
        return [self._regex(n) for n in sorted(numbers) if all(not group.isdisjoint(present) for group in needs[n])]


@dataclass(frozen=True)
class _Compiled:
    """The slow-to-build part of a language pack, as the start-up cache stores it."""

    phrases: PhraseIndex
    hebrew_known: frozenset[str]
    canned: CannedIndex
    regex_needs: list[tuple[frozenset[str], ...]]


def _pattern_anchors(pattern: list[dict[str, Any]], lemma_forms: dict[str, list[str]]) -> list[set[str]]:
    """For each mandatory token with literal values, the words it may be (a prefilter for the Matcher)."""
    anchors = []
    for token in pattern:
        if token.get("OP") in ("?", "*", "!"):
            continue
        for attr in _LITERAL_ATTRS:
            value = token.get(attr)
            values: list[str] = []
            if isinstance(value, str):
                values = [value]
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                values = [v for v in value["IN"] if isinstance(v, str)]
            if values:
                words = {v.lower() for v in values}
                if attr == "LEMMA":
                    words |= {form.lower() for v in values for form in lemma_forms.get(v, [])}
                anchors.append(words)
                break
    return anchors


class LanguagePack:
    """Everything needed to check replies in one language, compiled once."""

    def __init__(self, lexicon: LanguageLexicon, quote_headers: Iterable[str] = ()) -> None:
        """`quote_headers`: those of every language (a thread quoted in Danish, answered in English)."""
        facts = lexicon.facts
        self.code = facts.language
        self.facts = facts
        self.layout_reader = LayoutReader([*facts.quote_headers, *quote_headers], facts.signoffs,
                                          facts.greetings, facts.abbreviations)
        self.rules: dict[str, CompiledRule] = {}
        self.marker_signals: dict[str, str] = {}
        self.acronyms = frozenset(facts.acronyms)
        self._lemma_of = {form.lower(): lemma for lemma, forms in facts.lemmas.items() for form in [lemma, *forms]}
        #: keys are (kind, name): kind "R" a rule, "M" a marker, "U" an antipattern of the rule or marker `name`
        self._templates: list[tuple[tuple[str, str], list[str]]] = []
        self._regex_sources: list[tuple[tuple[str, str], str]] = []
        self._token_patterns: list[tuple[tuple[str, str], list[dict[str, Any]]]] = []
        for loaded in lexicon.rules:
            self._add_rule(loaded)
        for marker in lexicon.markers:
            self._add_marker(marker)
        self.nlp = self._pipeline()  # after the token patterns: they say which word attributes to keep
        self.vocab = self.nlp.vocab
        compiled = cached(f"phrases-{self.code}", self._compile_inputs(), self._compile)
        self.phrases = compiled.phrases
        self.canned = compiled.canned
        self.hebrew = (HebrewPrefixes(facts.prefixes, compiled.hebrew_known, frozenset(facts.unsplit_words))
                       if facts.prefixes else None)
        self._token_groups = self._build_token_groups()
        self._regex_plan = _RegexPlan(self._regex_sources, compiled.regex_needs)
        #: NORM hash of an inflected form → its lemma (NORM is the lower-cased form here)
        self._lemma_by_hash = {self.vocab.strings.add(form): lemma for form, lemma in self._lemma_of.items()}
        #: the rules of each code check type, so a check need not walk every rule
        self.rules_by_check: dict[str, list[CompiledRule]] = {}
        for rule in self.rules.values():
            self.rules_by_check.setdefault(rule.check, []).append(rule)

    # -- compiling ---------------------------------------------------------------------------------

    def _add_templates(self, key: tuple[str, str], templates: list[str]) -> None:
        if templates:
            self._templates.append((key, list(templates)))

    def _expand(self, templates: list[str]) -> list[str]:
        phrases = [phrase for template in templates for phrase in expand(template)]
        if self.facts.prefixes:
            # a lone prefix letter inside a phrase belongs to the next word: "לא ב ידיים" = "לא בידיים"
            glue = re.compile(rf"(?<!\S)([{self.facts.prefixes}]) (?=\S)")
            phrases = [glue.sub(r"\1", phrase) for phrase in phrases]
        return phrases

    def _add_token_patterns(self, key: tuple[str, str], patterns: list[list[dict[str, Any]]]) -> None:
        self._token_patterns.extend((key, pattern) for pattern in patterns)

    def _build_token_groups(self) -> _TokenGroupIndex:
        """One spaCy Matcher per token pattern, each behind its own prefilter (they belong to a vocab)."""
        lemma_forms: dict[str, list[str]] = {}
        for form, lemma in self._lemma_of.items():
            lemma_forms.setdefault(lemma, []).append(form)
        groups = []
        for key, pattern in self._token_patterns:
            matcher = Matcher(self.vocab, validate=True)
            matcher.add("pattern", [pattern])
            anchors = tuple(frozenset(self.vocab.strings.add(w) for w in words)
                            for words in _pattern_anchors(pattern, lemma_forms))
            groups.append((key, _TokenPatternGroup(anchors, matcher, any("LEMMA" in t for t in pattern))))
        return _TokenGroupIndex(groups, self.vocab.strings)

    def fresh(self) -> LanguagePack:
        """The same compiled lexicon on a new, empty vocabulary (phrases are matched by hash, so they carry over)."""
        twin = copy.copy(self)
        twin.nlp = self._pipeline()
        twin.vocab = twin.nlp.vocab
        twin._token_groups = twin._build_token_groups()
        return twin

    def _pipeline(self) -> spacy.Language:
        """A blank pipeline with the fast affix searches, computing only the word attributes read here."""
        nlp = blank_pipeline(self.code)
        _lean_vocabulary(nlp, (pattern for _, pattern in self._token_patterns))
        return nlp

    def _add_rule(self, loaded: LoadedRule) -> None:
        entry = loaded.entry
        self.rules[loaded.rule_id] = CompiledRule.from_loaded(loaded, self.facts.common_messages.get(loaded.rule_id))
        key = ("R", loaded.rule_id)
        self._add_templates(key, entry.phrases)
        self._add_templates(("U", loaded.rule_id), entry.unless)
        self._add_token_patterns(key, entry.patterns)
        self._regex_sources.extend((key, expression) for expression in entry.regex)

    def _add_marker(self, loaded: LoadedMarker) -> None:
        entry = loaded.entry
        self.marker_signals[loaded.key] = entry.signal
        key = ("M", loaded.key)
        self._add_templates(key, entry.phrases)
        self._add_templates(("U", loaded.key), entry.unless)
        self._add_token_patterns(key, entry.patterns)
        self._regex_sources.extend((key, expression) for expression in entry.regex)

    def _compile_inputs(self) -> bytes:
        """Everything `_compile` reads: its cache key (with the code and library versions)."""
        facts = self.facts
        canned = sorted(rule_id for rule_id, rule in self.rules.items()
                        if rule.category == "canned_phrase" and rule.check == "phrase")
        return repr((facts.language, facts.prefixes, sorted(facts.unsplit_words), self._templates, canned,
                     self._regex_sources)).encode()

    def _compile(self) -> _Compiled:
        """Templates into the phrase index (each distinct word tokenised once; a phrase's tokens are its
        words' tokens in a row), the near-duplicate index of canned lines, and the regexes' literals."""
        phrases_by_key: dict[tuple[str, str], list[str]] = {}
        for key, templates in self._templates:
            phrases_by_key.setdefault(key, []).extend(self._expand(templates))
        words: dict[str, list[tuple[str, str]]] = {}
        for phrases in phrases_by_key.values():
            for phrase in phrases:
                for word in phrase.translate(_FOLD_PHRASE).split():
                    if word not in words:
                        if word.isalpha():
                            words[word] = [(word, self.vocab[word].norm_)]
                        else:
                            words[word] = [(t.text, t.norm_) for t in self.nlp.make_doc(word)]
        hebrew = None
        known: frozenset[str] = frozenset()
        if self.facts.prefixes:
            known = frozenset(text.lower() for tokens in words.values() for text, _ in tokens if len(text) > 1)
            hebrew = HebrewPrefixes(self.facts.prefixes, known, frozenset(self.facts.unsplit_words))
        strings = self.vocab.strings
        hashes: dict[str, tuple[tuple[int, str], ...]] = {}
        for word, tokens in words.items():
            if hebrew is not None:
                hashes[word] = tuple((strings.add(hebrew.stem(text.lower())), text) for text, _ in tokens)
            else:
                hashes[word] = tuple((strings.add(norm), text) for text, norm in tokens)
        index = PhraseIndex()
        for key, phrases in phrases_by_key.items():
            for phrase in phrases:
                tokens = [token for word in phrase.translate(_FOLD_PHRASE).split() for token in hashes[word]]
                letter = ""
                if hebrew is not None and len(tokens) > 1 and hebrew.is_lone_prefix(tokens[-1][1]):
                    # "ברור ש": match "ברור", then require the next word to start with ש
                    letter = tokens.pop()[1]
                index.add(tuple(norm for norm, _ in tokens), key, letter)
        index.freeze()
        canned = CannedIndex({rule_id: phrases_by_key.get(("R", rule_id), []) for rule_id, rule in self.rules.items()
                              if rule.category == "canned_phrase" and rule.check == "phrase"})
        needs = [required_literal_sets(source, re.IGNORECASE) for _, source in self._regex_sources]
        return _Compiled(index, known, canned, needs)

    # -- matching ----------------------------------------------------------------------------------

    def read_layout(self, text: str) -> Layout:
        return self.layout_reader.read(text)

    def make_doc(self, analysed_text: str) -> Doc:
        """Tokens of the lower-cased text (same offsets): "DON'T" splits into do + n't as "don't" does."""
        lowered = analysed_text.lower()
        text = lowered if len(lowered) == len(analysed_text) else analysed_text
        doc = self.nlp.make_doc(text)
        return self.hebrew.normalise(doc, text) if self.hebrew is not None else doc

    def find(self, doc: Doc, text: str, end: int) -> Hits:
        """Every rule, marker and antipattern hit in the first `end` characters."""
        hits = Hits()
        if not len(doc):
            return hits
        table = doc.to_array([NORM, IDX, LENGTH])
        norms, offsets = table[:, 0].tolist(), table[:, 1].tolist()
        ends = (table[:, 1] + table[:, 2]).tolist()
        found = self.phrases.find(norms)
        # a phrase found once per (key, tokens) can repeat a span only through a next-letter phrase or a token
        # pattern finding what a phrase found
        repeats = False
        if any(letter for *_, letter in found):
            repeats = True
            kept = []
            for key, start, stop, letter in found:
                if letter:
                    if stop >= len(doc) or not doc[stop].text.startswith(letter) or len(doc[stop]) < 2:
                        continue
                    stop += 1
                kept.append((key, start, stop, ""))
            found = kept
        groups = self._token_groups.candidates(norms)
        if groups:
            repeats = True
            if any(group.uses_lemma for _, group in groups):
                self._set_lemmas(doc, norms)
            for key, group in groups:
                found.extend((key, start, stop, "") for _, start, stop in group.matcher(doc))
        seen: set[tuple[tuple[str, str], int, int]] = set()
        for key, start_token, stop_token, _ in found:
            start = offsets[start_token]
            stop = ends[stop_token - 1]
            if stop > end:
                continue
            if repeats:
                if (key, start, stop) in seen:
                    continue
                seen.add((key, start, stop))
            _sort(hits, key, start, stop)
        # each regex scans on its own (an alternation of them all measured 5x slower), and only when the
        # reply holds the literals it requires
        for key, expression in self._regex_plan.candidates(text[:end].lower()):
            for match in expression.finditer(text, 0, end):
                if match.end() > match.start():
                    _sort(hits, key, match.start(), match.end())
        return hits

    def _set_lemmas(self, doc: Doc, norms: list[int]) -> None:
        """LEMMA from the language's lemma map, only on the tokens that have one."""
        lemma_of = self._lemma_by_hash
        for index, norm in enumerate(norms):
            lemma = lemma_of.get(norm)
            if lemma is not None:
                doc[index].lemma_ = lemma

    def reply_signal(self, marker_key: str) -> bool:
        return self.marker_signals[marker_key] not in CUSTOMER_SIGNALS


def _sort(hits: Hits, key: tuple[str, str], start: int, stop: int) -> None:
    kind, name = key
    if kind == "R":
        hits.rules.append(Hit(name, start, stop))
    elif kind == "M":
        hits.markers.append(Hit(name, start, stop))
    else:
        hits.unless.setdefault(name, []).append(Hit(name, start, stop))
