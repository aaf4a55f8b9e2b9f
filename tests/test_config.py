"""Teams extend and tune the checker: custom lexicons, disabled rules, severities, banned phrases, TOML."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tonecheck import Checker, CheckerConfig, ConfigError, LexiconError

CUSTOM = """\
category: lecturing
entries:
  - id: kindly-take-note
    severity: error
    guideline: G10
    message: "“{text}” reads as a reprimand."
    phrases: ["kindly (take|make a) note"]
    suggestions: ["please note"]
    examples:
      bad:
        - text: "[Kindly take note] that the label is attached."
          rewrite: "Please note that the label is attached."
        - text: "The label, [kindly make a note], is attached."
          rewrite: "The label, please note, is attached."
      good:
        - "I made a note on your account."
        - "Kindly, the driver took the parcel back."
"""


def _write(root: Path, lang: str, name: str, text: str) -> Path:
    folder = root / lang
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_config_custom_lexicon_folder_adds_rules(tmp_path: Path) -> None:
    _write(tmp_path, "en", "lecturing.yml", CUSTOM)
    checker = Checker(CheckerConfig(lexicon_paths=[tmp_path]), languages=["en"])
    report = checker.check("Kindly take note that the label is attached.", lang="en")
    found = [f for f in report.findings if f.rule_id == "lecturing.kindly-take-note"]
    assert found and found[0].severity == "error" and found[0].suggestions == ["Please note"]
    assert "lecturing.kindly-take-note" in {r.rule_id for r in checker.rules("en")}


def test_config_broken_custom_lexicon_lists_every_problem(tmp_path: Path) -> None:
    _write(tmp_path, "en", "lecturing.yml", """\
        category: lecturing
        entries:
          - id: Bad Id
            guideline: G99
            message: x
            phrases: ["(unclosed"]
          - id: no-examples
            guideline: G10
            message: x
            phrases: ["read the manual"]
            patterns: [[{NORMX: x}]]
            regex: ["(["]
    """)
    _write(tmp_path, "en", "sarcasm.yml", "category: irony\nentries: []\n")
    _write(tmp_path, "en", "insult.yml", "category: insult\nentries: [\n")
    _write(tmp_path, "xx", "insult.yml", "category: insult\n")
    with pytest.raises(LexiconError) as raised:
        Checker(CheckerConfig(lexicon_paths=[tmp_path]), languages=["en"])
    text = str(raised.value)
    problems = raised.value.problems
    assert raised.value.code == "TC200"
    for needle in ["Bad Id", "slug", "G99", "unbalanced", "NORMX", "does not compile", "needs at least 2",
                   "differs from the file name", "not valid YAML", "unknown language folder 'xx'"]:
        assert needle in text, needle
    assert all(p.path and p.fix for p in problems)
    assert len(problems) >= 10


def test_config_duplicate_rule_id_is_a_problem(tmp_path: Path) -> None:
    _write(tmp_path, "en", "lecturing.yml", CUSTOM)
    second = tmp_path / "again"
    _write(second, "en", "lecturing.yml", CUSTOM)
    with pytest.raises(LexiconError) as raised:
        Checker(CheckerConfig(lexicon_paths=[tmp_path, second]), languages=["en"])
    assert "duplicate id" in str(raised.value)


def test_config_disable_rules_categories_and_override_severity() -> None:
    reply = "As I already said, that's not possible!!"
    base = Checker(languages=["en"]).check(reply, lang="en")
    categories = {f.category for f in base.findings}
    assert {"shouting", "negative_phrasing"} <= categories
    tuned = Checker({"disabled_categories": ["shouting"], "severity": {"negative_phrasing": "error"}},
                    languages=["en"]).check(reply, lang="en")
    assert "shouting" not in {f.category for f in tuned.findings}
    assert all(f.severity == "error" for f in tuned.findings if f.category == "negative_phrasing")
    rule = next(f.rule_id for f in base.findings if f.category == "negative_phrasing")
    without = Checker({"disabled_rules": [rule]}, languages=["en"]).check(reply, lang="en")
    assert rule not in {f.rule_id for f in without.findings}


def test_config_banned_and_preferred_phrases_from_toml(tmp_path: Path) -> None:
    config = tmp_path / "tonecheck.toml"
    config.write_text(textwrap.dedent("""\
        min_severity = "info"
        [[banned]]
        lang = "en"
        phrase = "(kindly|please) revert"
        category = "canned_phrase"
        message = "“{text}” is not how our team writes."
        suggestions = ["please reply"]

        [[preferred]]
        lang = "da"
        phrase = "kære kunde"
        suggestions = ["hej"]
    """), encoding="utf-8")
    checker = Checker(config)
    report = checker.check("Thanks! Kindly revert with the order number.", lang="en")
    found = [f for f in report.findings if f.rule_id.startswith("canned_phrase.custom-")]
    assert found and found[0].text == "Kindly revert" and found[0].suggestions == ["Please reply"]
    danish = checker.check("Kære kunde, din pakke er sendt.", lang="da")
    assert any(f.text == "Kære kunde" for f in danish.findings)


@pytest.mark.parametrize(("content", "code"), [
    ("min_severity = 'loud'\n", "TC303"), ("this is not toml = = \n", "TC302"), ("unknown_key = 1\n", "TC303"),
])
def test_config_invalid_file_gives_numbered_error(tmp_path: Path, content: str, code: str) -> None:
    path = tmp_path / "tonecheck.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        Checker(path)
    assert raised.value.code == code and str(path) in raised.value.message


def test_config_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        Checker(tmp_path / "nope.toml")
    assert raised.value.code == "TC301"
