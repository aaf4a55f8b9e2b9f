"""The regex prefilter: the literals it says a regex needs must be in every match, or the regex would be
skipped on replies it matches. Checked against real matches, not against the function's own idea."""

from __future__ import annotations

import re

import pytest

from tonecheck.regex_prefilter import required_literal_sets

CASES = [
    (r"(?<=\b[Yy]our )[\"“'‘](?-i:urgent|broken)[\"”'’]", ['Your "urgent" ticket', "your 'broken' screen"],
     [{"our "}, {"urgent", "broken"}]),
    (r"\b(f\*+k\w*|sh\*t\w*|b\*tch)", ["what the f**k", "sh*tty", "b*tch"], [{"f*", "sh*t", "b*tch"}]),
    (r"[🙄😒]️?", ["sure 🙄", "ok 😒"], [{"🙄", "😒"}]),
    (r"(?i)\bwhat part of\b[^.?!]{1,40}?\b(?:don't|do not) you get", ["What part of this do not you get"],
     [{"what part of"}, {" you get"}]),
    (r"(?<!\w)(k{3,}|(rs){2,})(?!\w)", ["kkkk", "rsrs", "rsrsrs"], [{"kkk", "rsrs"}]),
    (r"(?<!\w)[a-z]{12,}(?!\w)", ["extraordinarily"], []),  # nothing worth looking for: always runs
    # a run touching a repeat's first and last copies
    (r"(?<![\w])(af{2,}e*|pf{2,}t?|a+rg+h+)(?![\w])", ["afff", "pffft", "aaarggghhh", "argh"],
     [{"aff", "pff", "arg"}]),
    (r"x(ab)+y", ["xaby", "xababy"], [{"xab"}, {"aby"}]),
    # ":)|:D" parses as ":" then a branch: the run joins each alternative's start
    (r"(?<![:;\w])(?::\)|:D|:-\)|:-D)(?![\w(])", ["great :)", "yay :D", "ok :-)"], [{":)", ":d", ":-)", ":-d"}]),
    (r"\bno[!?]", ["no!", "No?"], [{"no!", "no?"}]),
]


@pytest.mark.parametrize(("pattern", "matching", "expected"), CASES)
def test_regex_prefilter_literals_are_in_every_match(pattern: str, matching: list[str],
                                                     expected: list[set[str]]) -> None:
    expression = re.compile(pattern, re.IGNORECASE)
    sets = required_literal_sets(expression)
    for text in matching:
        assert expression.search(text), text
        lowered = text.lower()
        for literals in sets:
            assert any(literal in lowered for literal in literals), (text, literals)
    for literals in expected:
        assert any(literals <= found for found in sets), (literals, sets)
    if not expected:
        assert sets == ()


def test_regex_prefilter_every_lexicon_regex_keeps_its_examples(checker) -> None:  # noqa: ANN001
    """Every built-in regex, on every lexicon example it matches, finds its required literals there."""
    for lang in checker.languages:
        lexicon = checker.lexicon(lang)
        entries = [(r.rule_id, r.entry) for r in lexicon.rules] + [(m.key, m.entry) for m in lexicon.markers]
        texts = [e.text for r in lexicon.rules for e in r.entry.examples.good]
        texts += [e.plain()[0] for r in lexicon.rules for e in r.entry.examples.bad]
        texts += [e.text for m in lexicon.markers for e in m.entry.examples.no_match]
        texts += [e.plain()[0] for m in lexicon.markers for e in m.entry.examples.match]
        for name, entry in entries:
            for source in entry.regex:
                expression = re.compile(source, re.IGNORECASE)
                sets = required_literal_sets(expression)
                for text in texts:
                    if expression.search(text):
                        for literals in sets:
                            assert any(literal in text.lower() for literal in literals), (name, text)
