"""The checker: one reply (and optionally the customer's message) in, one `Report` out.

`Checker` loads and validates the lexicons once and compiles each language on first use. A check reads
the reply's layout (quoted text and signatures are not the agent's words), detects the language,
matches phrases, patterns and regexes, runs the contextual check types (shouting, near-duplicate
canned lines, missing and excessive apologies), then scores the reply and writes the rewrite.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .config import CheckerConfig, CheckOptions, resolve_config
from .errors import (
    BAD_ITEM,
    EMPTY_REPLY,
    NOT_TEXT,
    REPLY_TOO_LONG,
    UNDECODABLE,
    InputError,
    TonecheckError,
    UnknownLanguageError,
)
from .language_detection import UNDETERMINED, LanguageDetector
from .lexicon_loader import (
    SUPPORTED_LANGUAGES,
    LanguageLexicon,
    LoadedRule,
    load_lexicons,
)
from .lexicon_schema import UPSET_SIGNALS, RuleEntry
from .matching import CompiledRule, Hit, Hits, LanguagePack
from .models import (
    CATEGORIES,
    SCHEMA_VERSION,
    SEVERITY_RANK,
    Finding,
    LanguageInfo,
    Notice,
    Report,
    RuleInfo,
    Signals,
    trusted,
)
from .reply_layout import Layout, LayoutReader
from .rewrite import Edit, apply_edits, fit_apology, fit_case, insert_apology, keeps_facts
from .shouting import PUNCTUATION_PAIRS, PUNCTUATION_RUN, calm_case, calm_punctuation, caps_spans, looks_upset

LANGUAGE_ALIASES = {"iw": "he", "pt-br": "pt", "pt-pt": "pt", "en-us": "en", "en-gb": "en", "da-dk": "da"}
PENALTY = {"info": 3, "warning": 12, "error": 30}
REWRITE_BELOW = 60
OVER_APOLOGY_COUNT = 3
REPLY_SIGNALS = ("apology", "acknowledgement", "empathy", "solution", "closing_offer", "failure")
_NORMALISE = re.compile(r"[\W_]+")


@dataclass
class Candidate:
    rule: CompiledRule
    start: int
    end: int
    suggestions: tuple[str, ...] | None = None


@dataclass
class Analysis:
    """The internals of one check, before filtering: what the lexicon lint and the report both use."""

    text: str
    layout: Layout
    language: str
    language_source: Literal["given", "detected"]
    language_confidence: float
    candidates: list[Candidate] = field(default_factory=list)
    markers: list[Hit] = field(default_factory=list)
    customer_markers: list[Hit] = field(default_factory=list)
    signals: dict[str, bool] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)
    apology_sentence: str = ""


def fingerprint(rule_id: str, text: str) -> str:
    """Rule id + a hash of the normalised text: silences one known instance without storing the text."""
    normalised = _NORMALISE.sub(" ", text.lower()).strip()
    digest = hashlib.blake2b(normalised.encode("utf-8"), digest_size=6).hexdigest()
    return f"{rule_id}:{digest}"


def _utf16_offsets(text: str, start: int, end: int) -> tuple[int, int]:
    if text.isascii():
        return start, end
    before = len(text[:start].encode("utf-16-le")) // 2
    inside = len(text[start:end].encode("utf-16-le")) // 2
    return before, before + inside


def normalise_language(lang: str | None) -> str | None:
    """None for auto-detection; a supported code; or UnknownLanguageError."""
    if lang is None or not str(lang).strip() or str(lang).strip().lower() == "auto":
        return None
    key = str(lang).strip().lower().replace("_", "-")
    code = LANGUAGE_ALIASES.get(key, key.split("-")[0])
    if code not in SUPPORTED_LANGUAGES:
        raise UnknownLanguageError(str(lang), SUPPORTED_LANGUAGES)
    return code


def _as_text(value: object, what: str, max_chars: int, required: bool) -> str | None:
    if value is None:
        if required:
            raise InputError(f"the {what} is missing: pass the text to check", code=EMPTY_REPLY)
        return None
    if isinstance(value, bytes | bytearray):
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(
                f"the {what} is not valid UTF-8 (byte {error.start}); decode it or re-save it as UTF-8",
                code=UNDECODABLE,
            ) from error
    if not isinstance(value, str):
        raise InputError(f"the {what} must be text, got {type(value).__name__}", code=NOT_TEXT)
    if not value.strip():
        if required:
            raise InputError(f"the {what} is empty: there is nothing to check", code=EMPTY_REPLY)
        return None
    if len(value) > max_chars:
        raise InputError(
            f"the {what} has {len(value):,} characters; the limit is {max_chars:,}. Check it in parts.",
            code=REPLY_TOO_LONG,
        )
    return value


def _custom_rules(config: CheckerConfig) -> list[LoadedRule]:
    rules = []
    for kind, phrases in (("banned", config.banned), ("preferred", config.preferred)):
        for phrase in phrases:
            lang = normalise_language(phrase.lang) or "en"
            entry = RuleEntry(
                id=phrase.slug(), severity=phrase.severity, guideline=CATEGORIES[phrase.category],
                message=phrase.message, phrases=[phrase.phrase], suggestions=phrase.suggestions,
                note=f"from the team's tonecheck.toml ({kind})",
            )
            rules.append(LoadedRule(f"{phrase.category}.{entry.id}", phrase.category, entry, lang, "config",
                                    builtin=False))
    return rules


class _Pack:
    """A compiled language, its lock, and the recycling that keeps a long-running process flat in memory.

    spaCy adds every new word to the vocabulary for good. Checking inside `nlp.memory_zone()` avoids
    that, but made tokenising 6x slower here (208 µs against 36 µs a reply: every unseen word is
    re-created each call). Instead, once the vocabulary has grown by `RECYCLE_AFTER` strings, the pack
    is rebuilt on a fresh vocabulary in a background thread (the phrase index, matched by hash, is
    reused: ~0.2 s) and swapped in; the old vocabulary is freed.
    """

    RECYCLE_AFTER = 25_000

    def __init__(self, lexicon: LanguageLexicon, quote_headers: list[str]) -> None:
        self.lexicon = lexicon
        self.quote_headers = quote_headers
        self.lock = threading.Lock()
        self.pack = self._build()
        self._baseline = len(self.pack.vocab.strings)
        self._recycling = False
        self.recycled = 0
        self._apologetic: frozenset[str] | None = None

    def _build(self, previous: LanguagePack | None = None) -> LanguagePack:
        return previous.fresh() if previous is not None else LanguagePack(self.lexicon, self.quote_headers)

    def match(self, text: str, end: int) -> Hits:
        with self.lock:
            pack = self.pack
            hits = pack.find(pack.make_doc(text), text, end)
            if not self._recycling and len(pack.vocab.strings) - self._baseline > self.RECYCLE_AFTER:
                self._recycling = True
                threading.Thread(target=self._recycle, name="tonecheck-recycle", daemon=True).start()
        return hits

    def _recycle(self) -> None:
        fresh = self._build(self.pack)
        with self.lock:
            self.pack = fresh
            self._baseline = len(fresh.vocab.strings)
            self._recycling = False
            self.recycled += 1

    @property
    def apologetic(self) -> frozenset[str]:
        """Rules whose first suggestion is itself an apology (replacing them keeps the reply apologetic)."""
        if self._apologetic is None:
            self._apologetic = self._apologetic_rules()
        return self._apologetic

    def _apologetic_rules(self) -> frozenset[str]:
        found = set()
        for rule_id, rule in self.pack.rules.items():
            if rule.suggestions and rule.suggestions[0]:
                text = rule.suggestions[0]
                hits = self.match(text, len(text))
                if any(self.pack.marker_signals[h.key] in ("apology", "acknowledgement") for h in hits.markers):
                    found.add(rule_id)
        return frozenset(found)


class Checker:
    """Checks replies. Load once, reuse: safe to call from several threads at once."""

    def __init__(self, config: CheckerConfig | str | Path | dict[str, Any] | None = None,
                 languages: Iterable[str] | None = None) -> None:
        """`config`: a CheckerConfig, a tonecheck.toml path or a dict; `languages`: load only these."""
        self.config = resolve_config(config)
        self.max_chars = self.config.max_chars
        self._ignored = frozenset(self.config.ignored_fingerprints)
        wanted = tuple(dict.fromkeys(normalise_language(code) for code in languages)) if languages else None
        self._languages: tuple[str, ...] = tuple(c for c in wanted if c) if wanted else SUPPORTED_LANGUAGES
        self._lexicons = load_lexicons(list(self.config.lexicon_paths), self._languages)
        self._lexicons.add_rules(_custom_rules(self.config))
        summary = self._lexicons.summary
        self._packs: dict[str, _Pack] = {}
        self._packs_lock = threading.Lock()
        self._detector = LanguageDetector(summary.facts, summary.vocabulary)
        #: the language-independent shouting rules, for replies in languages we do not support
        self._common = [CompiledRule.from_loaded(r) for r in summary.common
                        if r.entry.check in ("caps", "punctuation_run")]
        facts = list(summary.facts.values())
        self._quote_headers = [q for f in facts for q in f.quote_headers]
        self._punctuation_rules = {rule_id for rule_id, check in summary.checks.items() if check == "punctuation_run"}
        #: contextual rules whose fix is an inserted sentence (not a replaced span)
        self._insertions = {rule_id for rule_id, check in summary.checks.items() if check == "missing_apology"}
        self._generic_layout = LayoutReader(
            self._quote_headers, [s for f in facts for s in f.signoffs], [],
            [a for f in facts for a in f.abbreviations],
        )

    # -- public API --------------------------------------------------------------------------------

    @property
    def languages(self) -> tuple[str, ...]:
        return self._languages

    def check(self, reply: str, customer: str | None = None, lang: str | None = None,
              options: CheckOptions | None = None) -> Report:
        """Check one reply; `customer` is the message it answers, `lang` a code or None to detect."""
        analysis = self.analyze(reply, customer, lang)
        return self._report(analysis, options)

    def check_many(self, items: Iterable[str | dict[str, Any]], batch_size: int = 256,
                   options: CheckOptions | None = None,
                   errors: Literal["raise", "return"] = "raise") -> Iterator[Report | TonecheckError]:
        """Check a stream of replies (str, or dicts {reply, customer?, lang?}) lazily, in order.

        With errors="return", a bad item yields its `TonecheckError` in its place instead of raising.
        `batch_size` bounds how many items are pulled from `items` ahead of the results.
        """
        batch: list[str | dict[str, Any]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= max(1, batch_size):
                yield from self._check_batch(batch, options, errors)
                batch = []
        if batch:
            yield from self._check_batch(batch, options, errors)

    def rules(self, lang: str | None = None) -> list[RuleInfo]:
        """Every rule, with the languages it exists in."""
        code = normalise_language(lang)
        by_id: dict[str, RuleInfo] = {}
        langs: dict[str, list[str]] = {}
        for language, lexicon in self._lexicons.items():
            if code is not None and language != code:
                continue
            for loaded in lexicon.rules:
                entry = loaded.entry
                langs.setdefault(loaded.rule_id, []).append(language)
                by_id.setdefault(loaded.rule_id, RuleInfo(
                    rule_id=loaded.rule_id, category=loaded.category,
                    severity=self._severity(loaded.rule_id, loaded.category, entry.severity) or entry.severity,
                    guideline=entry.guideline, check=entry.check, message=entry.message, note=entry.note,
                ))
        return [info.model_copy(update={"languages": langs[rid]}) for rid, info in sorted(by_id.items())]

    def warm_up(self, languages: Iterable[str] | None = None) -> None:
        """Compile these languages now (all by default) rather than on their first check: for services."""
        for code in languages or self._languages:
            self.pack(normalise_language(code) or code)

    def language_info(self, code: str) -> LanguageInfo:
        facts = self._lexicons.summary.facts[normalise_language(code) or code]
        return LanguageInfo(code=facts.language, name=facts.name, direction=facts.direction)

    def lexicon(self, lang: str) -> LanguageLexicon:
        return self._lexicons[lang]

    # -- analysis ----------------------------------------------------------------------------------

    def pack(self, lang: str) -> _Pack:
        pack = self._packs.get(lang)
        if pack is None:
            with self._packs_lock:
                pack = self._packs.get(lang)
                if pack is None:
                    pack = _Pack(self._lexicons[lang], self._quote_headers)
                    self._packs[lang] = pack
        return pack

    def analyze(self, reply: object, customer: object = None, lang: str | None = None) -> Analysis:
        text = _as_text(reply, "reply", self.max_chars, required=True)
        assert text is not None
        customer_text = _as_text(customer, "customer message", self.max_chars, required=False)
        code = normalise_language(lang)
        if code is None:
            if "\n" in text or ">" in text:
                layout = self._generic_layout.read(text)
                detected = self._detector.detect(layout.text[: layout.agent_end] or text)
            else:
                detected = self._detector.detect(text)
            code_or_other, source, confidence = detected.code, "detected", detected.confidence
        else:
            code_or_other, source, confidence = code, "given", 1.0
        if code_or_other not in self._languages:
            return self._analyze_unsupported(text, code_or_other, confidence)
        pack = self.pack(code_or_other)
        layout = pack.pack.read_layout(text)
        analysis = Analysis(text, layout, code_or_other, source, confidence,
                            apology_sentence=pack.pack.facts.apology_sentence)
        hits = pack.match(layout.text, layout.agent_end)
        customer_hits = customer_layout = None
        if customer_text is not None:
            customer_layout = pack.pack.read_layout(customer_text)
            customer_hits = pack.match(customer_layout.text, len(customer_layout.text))
        self._collect(analysis, pack, hits, customer_hits, customer_layout)
        if layout.agent_end < len(text.rstrip()):
            analysis.notices.append(Notice(code="quoted_text_ignored",
                                           message="Quoted text and the signature were not checked."))
        if source == "detected" and confidence < 0.6:
            analysis.notices.append(Notice(code="language_uncertain", message=(
                f"The language looks like {code_or_other} but the text is short; pass `lang` to be sure.")))
        return analysis

    def _analyze_unsupported(self, text: str, code: str, confidence: float) -> Analysis:
        layout = self._generic_layout.read(text)
        analysis = Analysis(text, layout, code, "detected", confidence)
        if code == UNDETERMINED:
            message = "The reply has no letters to check; only language-independent checks ran."
        else:
            message = (f"The reply looks like {code}, which tonecheck does not support yet "
                       f"({', '.join(SUPPORTED_LANGUAGES)}); only language-independent checks (shouting) ran.")
        analysis.notices.append(Notice(code="unsupported_language", message=message))
        self._shouting(analysis, self._common, frozenset())
        return analysis

    def _collect(self, analysis: Analysis, pack: _Pack, hits: Hits, customer_hits: Hits | None,
                 customer_layout: Layout | None) -> None:
        compiled = pack.pack
        layout = analysis.layout
        markers = [h for h in hits.markers if compiled.reply_signal(h.key)
                   and not self._silenced(h, hits.unless.get(h.key, ()), layout)]
        analysis.markers = markers
        signals = {name: False for name in REPLY_SIGNALS}
        for hit in markers:
            signals[compiled.marker_signals[hit.key]] = True
        if customer_hits is not None and customer_layout is not None:
            customer_markers = [h for h in customer_hits.markers if not compiled.reply_signal(h.key)
                                and not self._silenced(h, customer_hits.unless.get(h.key, ()), customer_layout)]
            analysis.customer_markers = customer_markers
            kinds = {compiled.marker_signals[h.key] for h in customer_markers}
            # "!!" or capitals mean upset unless the customer is thanking us ("It works now, thank you!!")
            upset = not kinds.isdisjoint(UPSET_SIGNALS) or ("gratitude" not in kinds
                                                            and looks_upset(customer_layout.text))
        else:
            upset = signals["failure"]
        signals["customer_upset"] = upset
        analysis.signals = signals
        for hit in hits.rules:
            if self._applies(compiled.rules[hit.key], hit, hits, layout, upset):
                analysis.candidates.append(Candidate(compiled.rules[hit.key], hit.start, hit.end))
        self._shouting(analysis, [*compiled.rules_by_check.get("caps", ()),
                                  *compiled.rules_by_check.get("punctuation_run", ())], compiled.acronyms)
        self._near_duplicates(analysis, pack, hits, upset)
        self._apologies(analysis, compiled)
        self._missing_steps(analysis, compiled)

    def _applies(self, rule: CompiledRule, hit: Hit, hits: Hits, layout: Layout, upset: bool) -> bool:
        """An entry's conditions: its context, its place in the sentence, its antipatterns."""
        if rule.context == "upset" and not upset:
            return False
        if rule.sentence_start and not layout.starts_clause(hit.start):
            return False
        return not self._silenced(hit, hits.unless.get(rule.rule_id, ()), layout)

    @staticmethod
    def _silenced(hit: Hit, unless: Iterable[Hit], layout: Layout) -> bool:
        sentence = layout.sentence_at(hit.start)
        return any(layout.sentence_at(u.start) == sentence for u in unless)

    @staticmethod
    def _shouting(analysis: Analysis, rules: Iterable[CompiledRule], acronyms: frozenset[str]) -> None:
        layout = analysis.layout
        for rule in rules:
            if rule.check == "caps":
                for start, end in caps_spans(layout.text, layout.agent_end, acronyms):
                    calm = calm_case(analysis.text[start:end], layout.starts_sentence(start))
                    analysis.candidates.append(Candidate(rule, start, end, (calm,)))
            elif rule.check == "punctuation_run":
                agent_text = layout.text[: layout.agent_end]
                if not any(pair in agent_text for pair in PUNCTUATION_PAIRS):
                    continue
                for match in PUNCTUATION_RUN.finditer(layout.text, 0, layout.agent_end):
                    analysis.candidates.append(
                        Candidate(rule, match.start(), match.end(), (calm_punctuation(match.group()),)))

    def _near_duplicates(self, analysis: Analysis, pack: _Pack, hits: Hits, upset: bool) -> None:
        layout = analysis.layout
        canned = pack.pack.canned
        if not canned.may_hold(layout.text[: layout.agent_end]):
            return
        exact = [(c.start, c.end) for c in analysis.candidates if c.rule.category == "canned_phrase"]
        for start, end in layout.sentences:
            if end - start < 20 or any(a < end and start < b for a, b in exact):
                continue
            found = canned.find(layout.text[start:end], start)
            if found is None:
                continue
            rule = pack.pack.rules[found.rule_id]
            if self._applies(rule, Hit(rule.rule_id, found.start, found.end), hits, layout, upset):
                analysis.candidates.append(Candidate(rule, found.start, found.end))

    @staticmethod
    def _apologies(analysis: Analysis, compiled: LanguagePack) -> None:
        signals = analysis.signals
        apologies = [h for h in analysis.markers if compiled.marker_signals[h.key] == "apology"]
        signals["apology"] = signals["apology"] or signals["acknowledgement"]
        layout = analysis.layout
        for rule in [*compiled.rules_by_check.get("missing_apology", ()),
                     *compiled.rules_by_check.get("over_apology", ())]:
            if rule.check == "missing_apology" and signals["customer_upset"] and not signals["apology"]:
                first = next(((s, e) for s, e in layout.sentences if e > layout.greeting_end), None)
                if first is not None:
                    start = max(first[0], layout.greeting_end)
                    end = first[1]
                    apology = fit_apology(analysis.apology_sentence, analysis.text[:start]).rstrip()
                    suggestion = insert_apology(analysis.text[start:end], apology)
                    analysis.candidates.append(Candidate(rule, start, end, (suggestion,)))
            elif rule.check == "over_apology":
                distinct = {layout.sentence_at(h.start) for h in apologies}
                if len(distinct) >= OVER_APOLOGY_COUNT and len(distinct) * 2 >= len(layout.sentences):
                    third = sorted(apologies, key=lambda h: h.start)[OVER_APOLOGY_COUNT - 1]
                    analysis.candidates.append(Candidate(rule, third.start, third.end, ()))

    @staticmethod
    def _missing_steps(analysis: Analysis, compiled: LanguagePack) -> None:
        """No next step after a refusal (G5); no closing offer to an upset customer (G14). Hints only."""
        signals = analysis.signals
        layout = analysis.layout
        for rule in [*compiled.rules_by_check.get("no_next_step", ()), *compiled.rules_by_check.get("no_closing", ())]:
            if rule.check == "no_next_step" and not signals["solution"]:
                refusals = [c for c in analysis.candidates
                            if c.rule.category in ("negative_phrasing", "passing_the_buck")]
                if refusals:
                    start, end = layout.sentences[layout.sentence_at(refusals[-1].start)]
                    start = max(start, layout.greeting_end) if start < layout.greeting_end < end else start
                    analysis.candidates.append(Candidate(rule, start, end, ()))
            elif (rule.check == "no_closing" and signals["customer_upset"] and not signals["closing_offer"]
                  and len(layout.sentences) >= 2 and compiled.facts.closing_sentence):
                start, end = layout.sentences[-1]
                closing = f"{analysis.text[start:end]} {compiled.facts.closing_sentence}"
                analysis.candidates.append(Candidate(rule, start, end, (closing,)))

    # -- reporting ---------------------------------------------------------------------------------

    def _severity(self, rule_id: str, category: str, default: str) -> str | None:
        if rule_id in self.config.disabled_rules or category in self.config.disabled_categories:
            return None
        return self.config.severity.get(rule_id) or self.config.severity.get(category) or default

    def _findings(self, analysis: Analysis, options: CheckOptions | None) -> list[Finding]:
        text = analysis.text
        layout = analysis.layout
        disabled_rules = set(options.disabled_rules) if options else ()
        disabled_categories = set(options.disabled_categories) if options else ()
        floor = max(SEVERITY_RANK[self.config.min_severity], SEVERITY_RANK[options.min_severity] if options else 0)
        ignored = self._ignored | set(options.ignored_fingerprints) if options else self._ignored
        kept: list[Candidate] = []
        for candidate in sorted(analysis.candidates, key=lambda c: (c.start, -(c.end - c.start), not c.rule.custom)):
            rule = candidate.rule
            if rule.rule_id in disabled_rules or rule.category in disabled_categories:
                continue
            if any(k.rule.category == rule.category and k.start < candidate.end and candidate.start < k.end
                   for k in kept):
                continue
            kept.append(candidate)
        findings = []
        for candidate in kept:
            rule = candidate.rule
            severity = self._severity(rule.rule_id, rule.category, rule.severity)
            if severity is None or SEVERITY_RANK[severity] < floor:
                continue
            found = text[candidate.start : candidate.end]
            stamp = fingerprint(rule.rule_id, found)
            if stamp in ignored:
                continue
            at_start = layout.starts_sentence(candidate.start)
            suggestions = candidate.suggestions if candidate.suggestions is not None else tuple(
                fit_case(s, found, at_start) for s in rule.suggestions)
            # a suggestion that would drop a number, an address or a link from the span is no fix
            suggestions = tuple(s for s in suggestions if keeps_facts(found, s))
            start16, end16 = _utf16_offsets(text, candidate.start, candidate.end)
            findings.append(trusted(
                Finding,
                rule_id=rule.rule_id, category=rule.category, severity=severity,
                start=candidate.start, end=candidate.end, start_utf16=start16, end_utf16=end16, text=found,
                message=rule.message.replace("{text}", found), guideline=rule.guideline,
                suggestions=list(suggestions), fingerprint=stamp,
            ))
        return findings

    def _report(self, analysis: Analysis, options: CheckOptions | None) -> Report:
        findings = self._findings(analysis, options)
        score = max(0, 100 - sum(PENALTY[f.severity] for f in findings))
        if any(f.severity == "error" for f in findings) or score < REWRITE_BELOW:
            verdict = "rewrite"
        elif any(f.severity == "warning" for f in findings):
            verdict = "review"
        else:
            verdict = "send"
        signals = analysis.signals
        # every field is built here from validated parts; validation would cost ~40 µs a reply
        return trusted(
            Report, schema_version=SCHEMA_VERSION, language=analysis.language, language_source=analysis.language_source,
            language_confidence=analysis.language_confidence, score=score, verdict=verdict,
            findings=findings,
            signals=trusted(
                Signals,
                apology=signals.get("apology", False), empathy=signals.get("empathy", False),
                solution=signals.get("solution", False), closing_offer=signals.get("closing_offer", False),
                customer_upset=signals.get("customer_upset", False),
            ),
            rewrite=self._rewrite(analysis, findings), notices=analysis.notices,
        )

    def _rewrite(self, analysis: Analysis, findings: list[Finding]) -> str:
        """Every finding's first suggestion, most severe first where spans overlap; then the apology
        after the greeting and the closing offer, as insertions that never collide with the rest."""
        if not findings:
            return analysis.text
        text = analysis.text
        layout = analysis.layout
        # Case-only fixes (shouting) keep every offset, so they go first and never compete with the rest.
        recased = list(text)
        for finding in findings:
            fix = finding.suggestions[0] if finding.suggestions else None
            if fix is not None and fix != finding.text and fix.lower() == finding.text.lower() \
                    and len(fix) == finding.end - finding.start:
                recased[finding.start : finding.end] = fix
        text = "".join(recased)
        edits: list[Edit] = []
        inserted_apology = False
        for finding in sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], -(f.end - f.start), f.start)):
            if finding.suggestions and finding.suggestions[0].lower() == finding.text.lower():
                continue
            if finding.category == "missing_apology" and finding.rule_id in self._insertions:
                apology = fit_apology(analysis.apology_sentence, text[: finding.start])
                edits.append(Edit(finding.start, finding.start, apology, True))
                inserted_apology = True
            elif finding.category == "no_closing" and finding.suggestions:
                closing = finding.suggestions[0][len(finding.text):]
                edits.append(Edit(finding.end, finding.end, closing))
            elif finding.suggestions and not any(e.start < finding.end and finding.start < e.end for e in edits
                                                 if e.end > e.start):
                edits.append(Edit(finding.start, finding.end, finding.suggestions[0]))
        if analysis.signals.get("customer_upset") and not inserted_apology and analysis.apology_sentence:
            pack = self._packs.get(analysis.language)
            replaced = [e for e in edits if e.end > e.start]
            kept_apology = pack is not None and any(
                pack.pack.marker_signals[h.key] in ("apology", "acknowledgement")
                and not any(e.start < h.end and h.start < e.end for e in replaced)
                for h in analysis.markers)
            added_apology = pack is not None and any(
                f.rule_id in pack.apologetic and any((e.start, e.end) == (f.start, f.end) for e in replaced)
                for f in findings)
            first = next(((s, e) for s, e in layout.sentences if e > layout.greeting_end), None)
            if not kept_apology and not added_apology and first is not None:
                start = max(first[0], layout.greeting_end)
                edits.append(Edit(start, start, fit_apology(analysis.apology_sentence, text[:start]), True))
        rewritten = apply_edits(text, edits)
        if any(f.rule_id in self._punctuation_rules for f in findings):
            rewritten = PUNCTUATION_RUN.sub(lambda m: calm_punctuation(m.group()), rewritten)
        # a reply made only of lines to delete is not rewritten into nothing
        return rewritten if rewritten.strip() else analysis.text

    def _check_batch(self, batch: list[str | dict[str, Any]], options: CheckOptions | None,
                     errors: str) -> Iterator[Report | TonecheckError]:
        for item in batch:
            try:
                if isinstance(item, dict):
                    unknown = set(item) - {"reply", "customer", "lang", "id"}
                    if unknown:
                        raise InputError(f"unknown item fields {sorted(unknown)}; use reply, customer, lang",
                                         code=BAD_ITEM)
                    yield self.check(item.get("reply"), item.get("customer"), item.get("lang"), options)
                else:
                    yield self.check(item, options=options)
            except TonecheckError as error:
                if errors == "raise":
                    raise
                yield error


_default: Checker | None = None
_default_lock = threading.Lock()


def default_checker() -> Checker:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Checker()
    return _default


def check(reply: str, customer: str | None = None, lang: str | None = None,
          options: CheckOptions | None = None) -> Report:
    """Check one reply with the module-level default `Checker` (loaded once, on first use)."""
    return default_checker().check(reply, customer, lang, options)
