"""The README's table of checks is generated from the lexicons: it must match them."""

from __future__ import annotations

from tonecheck import Checker
from tonecheck.checks_table import END, README, START, checks_table, render


def test_readme_checks_table_matches_lexicons(checker: Checker) -> None:
    readme = README.read_text(encoding="utf-8")
    assert START in readme and END in readme
    assert render(readme, checks_table(checker)) == readme, "run: python -m tonecheck.checks_table --write"


def test_readme_names_the_two_commands() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme
