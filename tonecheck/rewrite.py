"""Applying suggestions to a reply: one span, or every finding at once for `Report.rewrite`.

A rewrite only replaces flagged spans (and inserts an apology when one is missing): numbers, amounts,
dates, ids, names, e-mail addresses and links outside the spans come out exactly as they went in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: What a rewrite must never change: numbers (amounts, dates, ids), e-mail addresses, links.
#: "100%" / "110 %" are intensifiers ("I'm 100% sure"), not facts.
FACT = re.compile(r"\S+@\S+\.\w+|https?://\S+|www\.\S+|(?<!\d)(?!1[01]0 ?%)\d+(?:[.,:/-]\d+)*")
_SENTENCE_MARKS = ".!?"


def keeps_facts(span: str, suggestion: str) -> bool:
    """True when every fact in the span is still in the suggestion (else it may not replace the span)."""
    needed = FACT.findall(span)
    return not needed or all(fact in suggestion for fact in needed)


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] (an insertion when start == end); `capitalise_next` raises what follows."""

    start: int
    end: int
    replacement: str
    capitalise_next: bool = False


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
    """Apply non-overlapping edits (an edit overlapping an earlier one is skipped)."""
    chosen: list[Edit] = []
    last_end = -1
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < last_end:
            continue
        chosen.append(edit)
        last_end = max(last_end, edit.end)
    pieces: list[str] = []
    position = 0
    raise_next = False

    def add(piece: str) -> None:
        nonlocal raise_next
        if raise_next and piece:
            if piece[0].islower():
                piece = piece[0].upper() + piece[1:]
            raise_next = False
        pieces.append(piece)

    for edit in chosen:
        start, end = edit.start, edit.end
        if edit.replacement == "" and end > start:
            start, end = _delete(text, start, end)
            start = max(start, position)
            # the deleted span began a sentence: what follows now begins it
            if text[edit.start : edit.start + 1].isupper():
                add(text[position:start])
                raise_next = True
                position = end
                continue
        add(text[position:start])
        add(edit.replacement)
        raise_next = raise_next or edit.capitalise_next
        position = end
        if edit.replacement and edit.replacement[-1] in _SENTENCE_MARKS and end > start:
            # the suggestion ends its sentence: the original's own marks after the span would double it
            while position < len(text) and text[position] in _SENTENCE_MARKS:
                position += 1
    add(text[position:])
    return "".join(pieces)


def apply_suggestion(text: str, start: int, end: int, suggestion: str) -> str:
    return apply_edits(text, [Edit(start, end, suggestion)])


def fit_apology(apology: str, before: str) -> str:
    """The apology sentence (with a space after it) as it reads where it goes: in lower case after a greeting
    that ends in a comma ("Hej Mette, jeg er…"), except the pronoun I."""
    if before.rstrip(" ").endswith(",") and apology[:1].isupper() and not re.match(r"I\b", apology):
        apology = apology[0].lower() + apology[1:]
    return apology + " "


def insert_apology(sentence: str, apology: str) -> str:
    """The first sentence with the language's apology sentence before it."""
    if not apology:
        return sentence
    opening = sentence[:1].upper() + sentence[1:] if apology.rstrip()[-1:] in ".!" else sentence
    return f"{apology} {opening}"
