"""Expansion of phrase templates: `we (don't|do not) [really] offer (that|this)` → plain phrases.

`(a|b)` picks one alternative (an empty one makes the group optional), `[words]` is optional.
Groups do not nest. Keeping templates small and expanding them at load time lets almost every entry
compile into spaCy's PhraseMatcher, whose cost does not grow with the number of phrases.
"""

from __future__ import annotations

import itertools
import re

MAX_EXPANSIONS = 1000
_GROUP = re.compile(r"\(([^()\[\]]*)\)|\[([^()\[\]]*)\]")
_SPACES = re.compile(r"\s+")


class TemplateError(ValueError):
    """A template is malformed or expands to too many phrases."""


def _parts(template: str) -> list[list[str]]:
    """The template as a sequence of choices (a fixed piece is a choice of one)."""
    parts: list[list[str]] = []
    position = 0
    for match in _GROUP.finditer(template):
        parts.append([template[position : match.start()]])
        if match.group(1) is not None:
            parts.append(match.group(1).split("|"))
        else:
            parts.append([match.group(2), ""])
        position = match.end()
    tail = template[position:]
    if any(ch in tail for ch in "()[]") or any(
        ch in piece for part in parts for alternative in part for piece in alternative for ch in "()[]"
    ):
        raise TemplateError(f"unbalanced or nested brackets in {template!r}; groups may not nest")
    parts.append([tail])
    count = 1
    for part in parts:
        count *= len(part)
    if count > MAX_EXPANSIONS:
        raise TemplateError(
            f"{template!r} expands to {count} phrases (at most {MAX_EXPANSIONS}); split it into several phrases"
        )
    return parts


def validate(template: str) -> None:
    """Raise TemplateError for a malformed template, without expanding it (lexicon loading checks them all)."""
    parts = _parts(template)
    if not any(alternative.strip() for part in parts for alternative in part):
        raise TemplateError(f"{template!r} expands to nothing")


def expand(template: str) -> list[str]:
    """All plain phrases a template stands for, in order, without duplicates."""
    phrases: list[str] = []
    seen: set[str] = set()
    for combination in itertools.product(*_parts(template)):
        phrase = _SPACES.sub(" ", "".join(combination)).strip()
        if phrase and phrase not in seen:
            seen.add(phrase)
            phrases.append(phrase)
    if not phrases:
        raise TemplateError(f"{template!r} expands to nothing")
    return phrases
