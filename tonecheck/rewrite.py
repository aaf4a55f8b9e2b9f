"""Applying suggestions to a reply: one span, or every finding at once for `Report.rewrite`.

A rewrite only replaces flagged spans (and inserts an apology when one is missing): numbers, amounts,
dates, ids, names, e-mail addresses and links outside the spans come out exactly as they went in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str


def fit_case(suggestion: str, original: str, sentence_start: bool) -> str:
    """Capitalise a suggestion where the span it replaces begins a sentence (or is title-cased)."""
    if not suggestion or not original:
        return suggestion
    first_word = original.split(maxsplit=1)[0] if original.split() else original
    title = len(first_word) > 1 and first_word[0].isupper() and first_word[1].islower()
    if (sentence_start or title) and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _delete(text: str, start: int, end: int) -> tuple[int, int]:
    """A deletion also takes one adjacent space, so no double space or space before punctuation is left."""
    if end < len(text) and text[end] == " ":
        return start, end + 1
    if start > 0 and text[start - 1] == " ":
        return start - 1, end
    return start, end


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (overlapping ones after the first are skipped)."""
    chosen: list[Edit] = []
    last_end = -1
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < last_end:
            continue
        chosen.append(edit)
        last_end = edit.end
    pieces: list[str] = []
    position = 0
    for edit in chosen:
        start, end = edit.start, edit.end
        if edit.replacement == "":
            start, end = _delete(text, start, end)
            start = max(start, position)
        pieces.append(text[position:start])
        replacement = edit.replacement
        if replacement == "" and edit.start < len(text) and text[edit.start : edit.start + 1].isupper():
            # the deleted span began a sentence: what follows now begins it
            following = text[end : end + 1]
            if following.islower():
                pieces.append(following.upper())
                end += 1
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def apply_suggestion(text: str, start: int, end: int, suggestion: str) -> str:
    return apply_edits(text, [Edit(start, end, suggestion)])


def insert_apology(sentence: str, apology: str) -> str:
    """The first sentence with the language's apology sentence before it."""
    if not apology:
        return sentence
    opening = sentence[:1].upper() + sentence[1:] if apology.rstrip()[-1:] in ".!" else sentence
    return f"{apology} {opening}"
