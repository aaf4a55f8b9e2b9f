"""Reading and validating lexicon folders: built-in, common and custom ones.

Every problem in every file is collected, then raised together as one `LexiconError` that names the
file, the entry and how to fix it (like Vale: "your file is wrong at path", never a traceback).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from spacy.schemas import validate_token_pattern

from . import compile_cache
from .errors import LexiconError, LexiconProblem
from .lexicon_schema import LanguageFile, LexiconFile, MarkerEntry, RuleEntry
from .models import CATEGORIES
from .phrase_templates import TemplateError, validate

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "da", "pt", "he")
COMMON = "common"
MARKER_FILES = frozenset({"missing_apology", "signals"})
LANGUAGE_FILE = "language"
MIN_EXAMPLES = 2



def builtin_lexicon_root() -> Path:
    """The lexicons shipped with the package (inside the wheel) or beside it (a source checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "lexicons", here.parent / "lexicons"):
        if (candidate / COMMON).is_dir():
            return candidate
    raise LexiconError(
        [LexiconProblem(str(here), None, "the built-in lexicons are missing", "reinstall tonecheck")]
    )


@dataclass(frozen=True)
class LoadedRule:
    rule_id: str
    category: str
    entry: RuleEntry
    lang: str
    path: str
    builtin: bool = True


@dataclass(frozen=True)
class LoadedMarker:
    key: str
    entry: MarkerEntry
    lang: str
    path: str


@dataclass
class LanguageLexicon:
    """Everything the checks of one language use, merged from built-in, common and custom folders."""

    facts: LanguageFile
    rules: list[LoadedRule] = field(default_factory=list)
    markers: list[LoadedMarker] = field(default_factory=list)


@dataclass
class _Collector:
    problems: list[LexiconProblem] = field(default_factory=list)

    def add(self, path: Path | str, entry: str | None, problem: str, fix: str) -> None:
        self.problems.append(LexiconProblem(str(path), entry, problem, fix))


def _read_yaml(path: Path, sink: _Collector) -> object | None:
    try:
        raw = path.read_bytes()
    except OSError as error:
        sink.add(path, None, f"cannot be read: {error.strerror}", "check the path and permissions")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        sink.add(path, None, f"is not UTF-8 (byte {error.start})", "save the file as UTF-8")
        return None
    import yaml  # only when a file is read: the start-up cache usually spares it (~20 ms to import)

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        sink.add(path, None, f"is not valid YAML{where}: {getattr(error, 'problem', error)}",
                 "fix the YAML syntax (quote strings that contain ': ' or start with '[' or '{')")
        return None


def _pydantic_problems(path: Path, entry: str | None, error: ValidationError, sink: _Collector) -> None:
    for item in error.errors():
        location = ".".join(str(part) for part in item["loc"])
        sink.add(path, entry, f"{location}: {item['msg']}",
                 "see lexicons/README.md for the fields an entry takes")


def _check_phrases(path: Path, entry_id: str, templates: list[str], what: str, sink: _Collector) -> None:
    for template in templates:
        try:
            validate(template)
        except TemplateError as error:
            sink.add(path, entry_id, f"{what}: {error}", "fix the template: (a|b) alternatives, [optional]")


def _check_matchers(path: Path, entry_id: str, entry: RuleEntry | MarkerEntry, sink: _Collector) -> None:
    _check_raw_matchers(path, entry_id, entry.model_dump(), sink)


def _strings(raw: dict, key: str) -> list[str]:
    value = raw.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _check_raw_matchers(path: Path, entry_id: str, raw: dict, sink: _Collector) -> None:
    """Phrases, patterns and regexes, checked even when other fields of the entry are wrong."""
    _check_phrases(path, entry_id, _strings(raw, "phrases"), "phrase", sink)
    _check_phrases(path, entry_id, _strings(raw, "unless"), "unless", sink)
    patterns = raw.get("patterns")
    for number, pattern in enumerate(patterns if isinstance(patterns, list) else []):
        for message in validate_token_pattern(pattern) if isinstance(pattern, list) else ["must be a list"]:
            sink.add(path, entry_id, f"pattern {number}: {message}",
                     "use spaCy Matcher syntax with NORM, LOWER, LEMMA, IS_UPPER, IS_TITLE, LIKE_NUM, OP, IN")
    for expression in _strings(raw, "regex"):
        try:
            re.compile(expression)
        except re.error as error:
            sink.add(path, entry_id, f"regex {expression!r} does not compile: {error}",
                     "fix the regular expression (Python syntax)")


def _check_rule(path: Path, category: str, entry: RuleEntry, sink: _Collector) -> None:
    rule_id = f"{category}.{entry.id}"
    _check_matchers(path, rule_id, entry, sink)
    if entry.check == "phrase" and not (entry.phrases or entry.patterns or entry.regex):
        sink.add(path, rule_id, "a phrase rule with nothing to match", "add phrases, patterns or regex")
    for kind, examples in (("bad", entry.examples.bad), ("good", entry.examples.good)):
        if len(examples) < MIN_EXAMPLES:
            what = "flagged sentences with the [span] marked" if kind == "bad" else "hard negatives that stay silent"
            sink.add(path, rule_id, f"has {len(examples)} {kind} example(s), needs at least {MIN_EXAMPLES}",
                     f"add {kind} examples: {what}")
    if entry.check in ("phrase",) and entry.suggestions:
        for number, example in enumerate(entry.examples.bad):
            if example.rewrite is None:
                sink.add(path, rule_id, f"bad example {number} has no rewrite",
                         "add `rewrite:` (the text with suggestions[0] applied)")


def _check_marker(path: Path, key: str, entry: MarkerEntry, sink: _Collector) -> None:
    _check_matchers(path, key, entry, sink)
    if not (entry.phrases or entry.patterns or entry.regex):
        sink.add(path, key, "a marker with nothing to match", "add phrases, patterns or regex")
    for kind, examples in (("match", entry.examples.match), ("no_match", entry.examples.no_match)):
        if len(examples) < MIN_EXAMPLES:
            sink.add(path, key, f"has {len(examples)} {kind} example(s), needs at least {MIN_EXAMPLES}",
                     f"add {kind} examples")


def _parse(model: type[RuleEntry] | type[MarkerEntry], raw: object, path: Path, label: str,
           sink: _Collector) -> RuleEntry | MarkerEntry | None:
    """The entry, or None with every problem recorded (its matchers are checked even when other fields fail)."""
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        _pydantic_problems(path, label, error, sink)
        if isinstance(raw, dict):
            _check_raw_matchers(path, label, raw, sink)
        return None


def _load_category_file(path: Path, lang: str, sink: _Collector,
                        rules: list[LoadedRule], markers: list[LoadedMarker], builtin: bool) -> None:
    data = _read_yaml(path, sink)
    if data is None:
        return
    if not isinstance(data, dict):
        sink.add(path, None, "must be a mapping with `category:` and `entries:`", "see lexicons/README.md")
        return
    raw_entries = data.get("entries") or []
    raw_markers = data.get("markers") or []
    header = {key: value for key, value in data.items() if key not in ("entries", "markers")}
    try:
        parsed = LexiconFile.model_validate({**header, "entries": [], "markers": []})
    except ValidationError as error:
        _pydantic_problems(path, None, error, sink)
        return
    category = parsed.category
    stem = path.stem
    if category != stem:
        sink.add(path, None, f"category {category!r} differs from the file name {stem!r}",
                 f"rename the file to {category}.yml or set `category: {stem}`")
    if category not in CATEGORIES and category != "signals":
        sink.add(path, None, f"unknown category {category!r}",
                 f"use one of: {', '.join(sorted(CATEGORIES))} (or `signals` for signal markers)")
        return
    if not isinstance(raw_entries, list) or not isinstance(raw_markers, list):
        sink.add(path, None, "`entries` and `markers` must be lists", "see lexicons/README.md")
        return
    for number, raw in enumerate(raw_entries):
        label = f"{category}.{raw.get('id', f'#{number}')}" if isinstance(raw, dict) else f"entry #{number}"
        entry = _parse(RuleEntry, raw, path, label, sink)
        if entry is None:
            continue
        _check_rule(path, category, entry, sink)
        rules.append(LoadedRule(f"{category}.{entry.id}", category, entry, lang, str(path), builtin))
    if raw_markers and category not in MARKER_FILES:
        sink.add(path, None, "markers are only read from missing_apology.yml and signals.yml",
                 "move the markers there")
    for number, raw in enumerate(raw_markers):
        label = f"marker {raw.get('id', f'#{number}')}" if isinstance(raw, dict) else f"marker #{number}"
        marker = _parse(MarkerEntry, raw, path, label, sink)
        if marker is None:
            continue
        key = f"{category}.{marker.id}"
        _check_marker(path, key, marker, sink)
        markers.append(LoadedMarker(key, marker, lang, str(path)))


def _load_language_file(path: Path, lang: str, sink: _Collector) -> LanguageFile | None:
    data = _read_yaml(path, sink)
    if data is None:
        return None
    try:
        facts = LanguageFile.model_validate(data)
    except ValidationError as error:
        _pydantic_problems(path, None, error, sink)
        return None
    if facts.language != lang:
        sink.add(path, None, f"says language {facts.language!r} inside folder {lang!r}",
                 f"set `language: {lang}`")
    for expression in [*facts.greetings, *facts.signoffs, *facts.quote_headers]:
        try:
            re.compile(expression)
        except re.error as error:
            sink.add(path, None, f"regex {expression!r} does not compile: {error}", "fix the regular expression")
    return facts


def _check_duplicates(rules: list[LoadedRule], markers: list[LoadedMarker], sink: _Collector) -> None:
    seen: dict[tuple[str, str], str] = {}
    for item in [*((r.lang, r.rule_id, r.path) for r in rules), *((m.lang, m.key, m.path) for m in markers)]:
        lang, key, path = item
        if (lang, key) in seen:
            sink.add(path, key, f"duplicate id (also in {seen[(lang, key)]})", "give each entry its own id")
        else:
            seen[(lang, key)] = path


def load_lexicons(extra_roots: list[Path] | None = None,
                  languages: tuple[str, ...] = SUPPORTED_LANGUAGES) -> Lexicons:
    """Load and validate the built-in lexicons plus any custom folders; raise one error listing all problems.

    A valid result is kept in the start-up cache (`compile_cache`), keyed by the files' bytes.
    """
    roots = [builtin_lexicon_root(), *(extra_roots or [])]
    languages = tuple(languages)
    key = compile_cache.files_digest(roots) + repr(languages).encode()
    summary = compile_cache.load("lexicon-summary", key)
    if isinstance(summary, LexiconSummary):
        return Lexicons(summary, key, roots, languages)
    loaded, summary = _load_and_store(roots, languages, key)
    return Lexicons(summary, key, roots, languages, loaded)


def _load_and_store(roots: list[Path], languages: tuple[str, ...],
                    key: bytes) -> tuple[dict[str, LanguageLexicon], LexiconSummary]:
    """Read and validate every file, and store each language and the summary in the start-up cache."""
    loaded = _load_lexicons(roots, languages)
    summary = LexiconSummary.of(loaded)
    for lang, lexicon in loaded.items():
        compile_cache.store(f"lexicon-{lang}", key, lexicon)
    compile_cache.store("lexicon-summary", key, summary)
    return loaded, summary


@dataclass(frozen=True)
class LexiconSummary:
    """What a Checker needs of every language up front; each language's rules load on first use."""

    facts: dict[str, LanguageFile]
    vocabulary: dict[str, set[str]]
    common: list[LoadedRule]
    #: rule id → check type, every language
    checks: dict[str, str]

    @classmethod
    def of(cls, lexicons: dict[str, LanguageLexicon]) -> LexiconSummary:
        return cls(
            facts={lang: lexicon.facts for lang, lexicon in lexicons.items()},
            vocabulary={lang: lexicon_vocabulary(lexicon) for lang, lexicon in lexicons.items()},
            common=common_rules(lexicons),
            checks={rule.rule_id: rule.entry.check for lexicon in lexicons.values() for rule in lexicon.rules},
        )


class Lexicons(Mapping[str, LanguageLexicon]):
    """The validated lexicons of each language, read from the start-up cache when a language is first used.

    A cache miss loads and validates every file (so a broken lexicon is reported whole) and stores each
    language apart; a process that checks English replies then reads only English and the summary.
    """

    def __init__(self, summary: LexiconSummary, key: bytes, roots: list[Path], languages: tuple[str, ...],
                 loaded: dict[str, LanguageLexicon] | None = None) -> None:
        self.summary = summary
        self._key = key
        self._roots = roots
        self._languages = languages
        self._loaded: dict[str, LanguageLexicon] = dict(loaded or {})
        self._added: list[LoadedRule] = []
        self._lock = threading.Lock()

    def add_rules(self, rules: list[LoadedRule]) -> None:
        """A team's own rules (from tonecheck.toml), joined to their language's lexicon."""
        with self._lock:
            self._added.extend(rules)
            for rule in rules:
                if rule.lang in self._loaded:
                    self._loaded[rule.lang].rules.append(rule)

    def __getitem__(self, lang: str) -> LanguageLexicon:
        lexicon = self._loaded.get(lang)
        if lexicon is not None:
            return lexicon
        if lang not in self._languages:
            raise KeyError(lang)
        with self._lock:
            if lang not in self._loaded:
                lexicon = compile_cache.load(f"lexicon-{lang}", self._key)
                if isinstance(lexicon, LanguageLexicon):
                    self._adopt(lang, lexicon)
                else:  # not in the cache: read every file once, keep every language it gave
                    for other, read in _load_and_store(self._roots, self._languages, self._key)[0].items():
                        if other not in self._loaded:
                            self._adopt(other, read)
        return self._loaded[lang]

    def _adopt(self, lang: str, lexicon: LanguageLexicon) -> None:
        lexicon.rules.extend(rule for rule in self._added if rule.lang == lang)
        self._loaded[lang] = lexicon

    def __iter__(self) -> Iterator[str]:
        return iter(self._languages)

    def __len__(self) -> int:
        return len(self._languages)


def _load_lexicons(roots: list[Path], languages: tuple[str, ...]) -> dict[str, LanguageLexicon]:
    sink = _Collector()
    rules: list[LoadedRule] = []
    markers: list[LoadedMarker] = []
    facts: dict[str, LanguageFile] = {}
    for index, root in enumerate(roots):
        if not root.is_dir():
            sink.add(root, None, "is not a folder", "point lexicon_paths at a folder laid out as <lang>/<category>.yml")
            continue
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            lang = folder.name
            if lang not in (*languages, COMMON):
                if index > 0 and lang not in SUPPORTED_LANGUAGES:
                    sink.add(folder, None, f"unknown language folder {lang!r}",
                             f"use one of: {', '.join((*SUPPORTED_LANGUAGES, COMMON))}")
                continue
            for path in sorted(folder.glob("*.yml")):
                if path.stem == LANGUAGE_FILE:
                    if index == 0 and lang != COMMON:
                        loaded = _load_language_file(path, lang, sink)
                        if loaded is not None:
                            facts[lang] = loaded
                    elif index > 0:
                        sink.add(path, None, "custom folders cannot replace language.yml",
                                 "remove it; language facts come from the built-in lexicons")
                    continue
                _load_category_file(path, lang, sink, rules, markers, builtin=index == 0)
    _check_duplicates(rules, markers, sink)
    common_ids = {r.rule_id for r in rules if r.lang == COMMON}
    for lang, language in facts.items():
        for rule_id in set(language.common_messages) - common_ids:
            sink.add(roots[0] / lang / "language.yml", rule_id, "common_messages names no rule of lexicons/common",
                     f"use one of: {', '.join(sorted(common_ids))}")
    for lang in languages:
        if lang not in facts:
            sink.add(roots[0] / lang, None, "language.yml is missing", "add the language facts file")
    if sink.problems:
        raise LexiconError(sink.problems)
    lexicons: dict[str, LanguageLexicon] = {}
    for lang in languages:
        lexicons[lang] = LanguageLexicon(
            facts=facts[lang],
            rules=[r for r in rules if r.lang in (lang, COMMON)],
            markers=[m for m in markers if m.lang in (lang, COMMON)],
        )
    return lexicons


def common_rules(lexicons: Mapping[str, LanguageLexicon]) -> list[LoadedRule]:
    """The language-independent rules (run on replies in unsupported languages too)."""
    return [r for r in next(iter(lexicons.values())).rules if r.lang == COMMON]


_WORD = re.compile(r"[^\W\d_]+")


def lexicon_vocabulary(lexicon: LanguageLexicon) -> set[str]:
    """Every word a language's own entries use in their examples: native text, for language detection."""
    words: set[str] = set()
    for rule in lexicon.rules:
        if rule.lang == COMMON:
            continue
        examples = rule.entry.examples
        for text in [*(e.text for e in examples.good), *(e.text for e in examples.bad)]:
            words.update(_WORD.findall(text.lower()))
    for marker in lexicon.markers:
        examples = marker.entry.examples
        for text in [*(e.text for e in examples.match), *(e.text for e in examples.no_match)]:
            words.update(_WORD.findall(text.lower()))
    return words
