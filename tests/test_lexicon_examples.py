"""Every lexicon example, run through the real checker (one test per example), and the meta-tests."""

from __future__ import annotations

import pytest

from tonecheck import Checker
from tonecheck.lexicon_lint import example_cases, run_case
from tonecheck.lexicon_loader import COMMON, MIN_EXAMPLES, SUPPORTED_LANGUAGES
from tonecheck.models import MISSION_CATEGORIES

_CHECKER = Checker()
_CASES = list(example_cases(_CHECKER))


@pytest.mark.parametrize("case", _CASES, ids=[c.name for c in _CASES])
def test_lexicon_example_behaves_as_written(case) -> None:
    problem = run_case(_CHECKER, case)
    assert problem is None, problem


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_lexicon_every_entry_has_examples(lang: str) -> None:
    lexicon = _CHECKER.lexicon(lang)
    for rule in lexicon.rules:
        if rule.path == "config":
            continue
        assert len(rule.entry.examples.bad) >= MIN_EXAMPLES, rule.rule_id
        assert len(rule.entry.examples.good) >= MIN_EXAMPLES, rule.rule_id
    for marker in lexicon.markers:
        assert len(marker.entry.examples.match) >= MIN_EXAMPLES, marker.key
        assert len(marker.entry.examples.no_match) >= MIN_EXAMPLES, marker.key


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("category", [c for c in MISSION_CATEGORIES if c != "missing_apology"])
def test_lexicon_mission_category_has_25_entries(lang: str, category: str) -> None:
    own = [r for r in _CHECKER.lexicon(lang).rules if r.category == category and r.lang != COMMON]
    assert len(own) >= 25, f"{lang}/{category}.yml has {len(own)} entries"


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_lexicon_missing_apology_has_25_markers_each_side(lang: str) -> None:
    markers = _CHECKER.lexicon(lang).markers
    reply_side = [m for m in markers if m.entry.signal in ("apology", "acknowledgement")]
    customer_side = [m for m in markers if m.entry.signal in ("complaint", "frustration")]
    assert len(reply_side) >= 25, f"{lang}: {len(reply_side)} apology/acknowledgement markers"
    assert len(customer_side) >= 25, f"{lang}: {len(customer_side)} complaint/frustration markers"


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_lexicon_files_have_the_same_names_in_every_language(lang: str) -> None:
    from tonecheck.lexicon_loader import builtin_lexicon_root

    root = builtin_lexicon_root()
    names = {p.name for p in (root / "en").glob("*.yml")}
    assert {p.name for p in (root / lang).glob("*.yml")} == names


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_lexicon_has_15_gratitude_markers(lang: str) -> None:
    grateful = [m for m in _CHECKER.lexicon(lang).markers if m.entry.signal == "gratitude"]
    assert len(grateful) >= 15, f"{lang}: {len(grateful)} gratitude markers"
