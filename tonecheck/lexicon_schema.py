"""The shape of the lexicon files (`lexicons/<lang>/*.yml`), as pydantic models.

Only the *form* is checked here; `lexicon_loader` adds the checks that need more than one field
(categories against file names, duplicate ids, compiling phrases, patterns and regexes, example counts).
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .models import GUIDELINES, Severity

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SPAN_MARK = re.compile(r"\[([^\[\]]+)\]")

CheckType = Literal[
    "phrase", "caps", "punctuation_run", "missing_apology", "over_apology", "no_next_step", "no_closing"
]
Signal = Literal[
    "apology",
    "acknowledgement",
    "complaint",
    "frustration",
    "gratitude",
    "failure",
    "empathy",
    "solution",
    "closing_offer",
]
#: Signals looked for in the customer's message; all others are looked for in the reply.
CUSTOMER_SIGNALS = frozenset({"complaint", "frustration", "gratitude"})
#: The customer signals that mean the customer reports a problem or is upset.
UPSET_SIGNALS = frozenset({"complaint", "frustration"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MarkedExample(_Strict):
    """An example whose `[bracketed]` part is the span that must be found."""

    text: str
    rewrite: str | None = None
    customer: str | None = None
    lang: str | None = None

    @field_validator("text")
    @classmethod
    def _one_span(cls, value: str) -> str:
        if len(SPAN_MARK.findall(value)) != 1:
            raise ValueError("must mark exactly one span with [brackets]")
        return value

    def plain(self) -> tuple[str, int, int]:
        """The text without brackets, and the marked span's offsets in it."""
        match = SPAN_MARK.search(self.text)
        assert match is not None
        start = match.start()
        plain = self.text[:start] + match.group(1) + self.text[match.end() :]
        return plain, start, start + len(match.group(1))


class PlainExample(_Strict):
    """A hard negative: nothing of the rule (or marker) may be found in it."""

    text: str
    customer: str | None = None
    lang: str | None = None


def _as_mapping(value: Any) -> Any:
    """An example may be written as a bare string: it is its text."""
    return {"text": value} if isinstance(value, str) else value


class RuleExamples(_Strict):
    bad: list[MarkedExample] = Field(default_factory=list)
    good: list[PlainExample] = Field(default_factory=list)

    @field_validator("good", mode="before")
    @classmethod
    def _good(cls, value: Any) -> Any:
        return [_as_mapping(v) for v in value] if isinstance(value, list) else value


class MarkerExamples(_Strict):
    match: list[MarkedExample] = Field(default_factory=list)
    no_match: list[PlainExample] = Field(default_factory=list)

    @field_validator("match", mode="before")
    @classmethod
    def _match(cls, value: Any) -> Any:
        return [_as_mapping(v) for v in value] if isinstance(value, list) else value

    @field_validator("no_match", mode="before")
    @classmethod
    def _no_match(cls, value: Any) -> Any:
        return [_as_mapping(v) for v in value] if isinstance(value, list) else value


TokenPattern = list[dict[str, Any]]


class RuleEntry(_Strict):
    """One rule: what to find, why it reads badly, what to say instead, and its examples."""

    id: str
    check: CheckType = "phrase"
    severity: Severity = "warning"
    guideline: str
    message: str
    note: str | None = None
    phrases: list[str] = Field(default_factory=list)
    patterns: list[TokenPattern] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    context: Literal["any", "upset"] = "any"
    sentence_start: bool = False
    suggestions: list[str] = Field(default_factory=list)
    examples: RuleExamples = Field(default_factory=RuleExamples)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError("must be a slug of lower-case letters, digits and hyphens, e.g. 'not-possible'")
        return value

    @field_validator("guideline")
    @classmethod
    def _guideline(cls, value: str) -> str:
        if value not in GUIDELINES:
            raise ValueError(f"unknown guideline {value!r}: use G1 to G15 from GUIDELINES.md")
        return value


class MarkerEntry(_Strict):
    """A phrase that shows a signal (an apology, a complaint, an offer of more help...)."""

    id: str
    signal: Signal
    phrases: list[str] = Field(default_factory=list)
    patterns: list[TokenPattern] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    note: str | None = None
    examples: MarkerExamples = Field(default_factory=MarkerExamples)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError("must be a slug of lower-case letters, digits and hyphens, e.g. 'so-sorry'")
        return value


class LexiconFile(_Strict):
    """One `<category>.yml` file."""

    category: str
    entries: list[RuleEntry] = Field(default_factory=list)
    markers: list[MarkerEntry] = Field(default_factory=list)


class Detection(_Strict):
    words: list[str] = Field(default_factory=list)
    chars: str = ""
    #: frequent words of an unsupported neighbour (Spanish for pt, Swedish for da) never used here
    not_words: list[str] = Field(default_factory=list)


class LanguageFile(_Strict):
    """`language.yml`: the facts about one language that the checks use."""

    language: str
    name: str
    direction: Literal["ltr", "rtl"] = "ltr"
    detection: Detection = Field(default_factory=Detection)
    abbreviations: list[str] = Field(default_factory=list)
    greetings: list[str] = Field(default_factory=list)
    signoffs: list[str] = Field(default_factory=list)
    quote_headers: list[str] = Field(default_factory=list)
    apology_sentence: str = ""
    closing_sentence: str = ""
    acronyms: list[str] = Field(default_factory=list)
    lemmas: dict[str, list[str]] = Field(default_factory=dict)
    prefixes: str = ""
    unsplit_words: list[str] = Field(default_factory=list)
    #: this language's wording of the language-independent rules' messages (lexicons/common), by rule id
    common_messages: dict[str, str] = Field(default_factory=dict)
