"""Runs every lexicon example through the real checker: the test suite and lexicon authors share it.

For a rule: each `bad` example must be flagged by that rule at exactly the marked span, applying the
finding's first suggestion must give the example's `rewrite`, and the rewrite must not trigger the
rule again; each `good` example must leave the rule silent. For a marker: each `match` example must
show the marker at the marked span, each `no_match` example must not.

    python -m tonecheck.lexicon_lint --lang en [--lexicons our-lexicons/]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .checker import Checker
from .config import CheckerConfig
from .errors import LexiconError
from .lexicon_loader import COMMON, SUPPORTED_LANGUAGES, LoadedMarker, LoadedRule
from .lexicon_schema import CUSTOMER_SIGNALS
from .rewrite import apply_suggestion

NEUTRAL_REPLY = "Ok."


@dataclass(frozen=True)
class ExampleFailure:
    lang: str
    key: str
    example: str
    problem: str

    def __str__(self) -> str:
        return f"{self.lang} {self.key} {self.example}: {self.problem}"


@dataclass(frozen=True)
class ExampleCase:
    """One example of one entry, runnable on its own (the unit of the parametrised test)."""

    lang: str
    key: str
    kind: str
    number: int
    source: LoadedRule | LoadedMarker

    @property
    def name(self) -> str:
        return f"{self.lang}:{self.key}:{self.kind}{self.number}"


def example_cases(checker: Checker, langs: tuple[str, ...] = SUPPORTED_LANGUAGES) -> Iterator[ExampleCase]:
    seen_common: set[str] = set()
    for lang in langs:
        lexicon = checker.lexicon(lang)
        for rule in lexicon.rules:
            if rule.lang == COMMON:
                if rule.rule_id in seen_common or "en" not in langs:
                    continue
                seen_common.add(rule.rule_id)
            if rule.path == "config":
                continue
            for kind, examples in (("bad", rule.entry.examples.bad), ("good", rule.entry.examples.good)):
                for number in range(len(examples)):
                    yield ExampleCase(lang if rule.lang != COMMON else COMMON, rule.rule_id, kind, number, rule)
        for marker in lexicon.markers:
            entry = marker.entry
            for kind, examples in (("match", entry.examples.match), ("no_match", entry.examples.no_match)):
                for number in range(len(examples)):
                    yield ExampleCase(lang, marker.key, kind, number, marker)


def run_case(checker: Checker, case: ExampleCase) -> str | None:
    """None when the example behaves as written; otherwise what went wrong."""
    if isinstance(case.source, LoadedRule):
        return _run_rule_case(checker, case, case.source)
    return _run_marker_case(checker, case, case.source)


def _lang_of(case: ExampleCase, example_lang: str | None) -> str:
    if example_lang:
        return example_lang
    return "en" if case.lang == COMMON else case.lang


def _run_rule_case(checker: Checker, case: ExampleCase, rule: LoadedRule) -> str | None:
    if case.kind == "good":
        example = rule.entry.examples.good[case.number]
        report = checker.check(example.text, example.customer, _lang_of(case, example.lang))
        fired = [f for f in report.findings if f.rule_id == rule.rule_id]
        if fired:
            return f"must stay silent but flagged {[f.text for f in fired]} in {example.text!r}"
        return None
    example = rule.entry.examples.bad[case.number]
    lang = _lang_of(case, example.lang)
    text, start, end = example.plain()
    report = checker.check(text, example.customer, lang)
    fired = [f for f in report.findings if f.rule_id == rule.rule_id]
    exact = [f for f in fired if (f.start, f.end) == (start, end)]
    if not exact:
        found = [(f.text, f.start, f.end) for f in fired]
        others = [(f.rule_id, f.text) for f in report.findings if f.rule_id != rule.rule_id]
        return (f"expected {text[start:end]!r} ({start}-{end}) in {text!r}; this rule found {found}"
                + (f"; other rules found {others}" if others else ""))
    finding = exact[0]
    if example.rewrite is None:
        return None
    if not finding.suggestions:
        return f"has a rewrite but the finding has no suggestion: {text!r}"
    rewritten = apply_suggestion(text, start, end, finding.suggestions[0])
    if rewritten != example.rewrite:
        return f"rewrite differs:\n    expected {example.rewrite!r}\n    got      {rewritten!r}"
    again = checker.check(rewritten, example.customer, lang)
    repeated = [f.text for f in again.findings if f.rule_id == rule.rule_id]
    if repeated:
        return f"the rewrite {rewritten!r} triggers the rule again at {repeated}"
    return None


def _run_marker_case(checker: Checker, case: ExampleCase, marker: LoadedMarker) -> str | None:
    entry = marker.entry
    on_customer = entry.signal in CUSTOMER_SIGNALS
    if case.kind == "no_match":
        example = entry.examples.no_match[case.number]
        text = example.text
        start = end = None
    else:
        marked = entry.examples.match[case.number]
        example = marked
        text, start, end = marked.plain()
    lang = _lang_of(case, example.lang)
    if on_customer:
        analysis = checker.analyze(NEUTRAL_REPLY, text, lang)
        hits = analysis.customer_markers
    else:
        analysis = checker.analyze(text, example.customer, lang)
        hits = analysis.markers
    mine = [h for h in hits if h.key == marker.key]
    if case.kind == "no_match":
        if mine:
            return f"must not match but found {[text[h.start:h.end] for h in mine]} in {text!r}"
        return None
    if not any((h.start, h.end) == (start, end) for h in mine):
        return (f"expected {text[start:end]!r} ({start}-{end}) in {text!r}; found "
                f"{[(text[h.start:h.end], h.start, h.end) for h in mine]}")
    return None


def lint(checker: Checker, langs: tuple[str, ...] = SUPPORTED_LANGUAGES) -> list[ExampleFailure]:
    failures = []
    for case in example_cases(checker, langs):
        problem = run_case(checker, case)
        if problem is not None:
            failures.append(ExampleFailure(case.lang, case.key, f"{case.kind}[{case.number}]", problem))
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tonecheck lint-lexicons", description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", action="append", choices=SUPPORTED_LANGUAGES,
                        help="only this language (repeatable); default all")
    parser.add_argument("--lexicons", action="append", type=Path, default=[],
                        help="an extra lexicon folder to validate with the built-in ones (repeatable)")
    args = parser.parse_args(argv)
    return run_lint(tuple(args.lang or SUPPORTED_LANGUAGES), args.lexicons)


def run_lint(langs: tuple[str, ...], lexicon_paths: list[Path]) -> int:
    try:
        checker = Checker(CheckerConfig(lexicon_paths=lexicon_paths), languages=langs)
    except LexiconError as error:
        print(error.message, file=sys.stderr)
        return 2
    failures = lint(checker, langs)
    for failure in failures:
        print(failure)
    total = sum(1 for _ in example_cases(checker, langs))
    print(f"{total - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
