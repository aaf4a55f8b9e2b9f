"""The versioned contracts tonecheck hands out: findings, reports and notices.

The API schema, the CLI's JSON output and the audit rows are all these models, serialised.
`SCHEMA_VERSION` changes whenever a field is added (minor) or changed/removed (major).
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Severity = Literal["info", "warning", "error"]
Verdict = Literal["send", "review", "rewrite"]
LanguageSource = Literal["given", "detected"]

SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

#: Category ids, the contract from GUIDELINES.md, with the guideline each belongs to.
CATEGORIES: dict[str, str] = {
    "shouting": "G1",
    "dismissive": "G2",
    "missing_empathy": "G3",
    "missing_apology": "G4",
    "no_next_step": "G5",
    "sarcasm": "G6",
    "insult": "G6",
    "negative_phrasing": "G8",
    "defensive": "G9",
    "lecturing": "G10",
    "canned_phrase": "G11",
    "passing_the_buck": "G12",
    "overpromise": "G13",
    "no_closing": "G14",
    "vague_commitment": "G15",
}
GUIDELINES: frozenset[str] = frozenset(f"G{i}" for i in range(1, 16))

#: The five categories the mission names first.
MISSION_CATEGORIES: tuple[str, ...] = (
    "sarcasm",
    "lecturing",
    "negative_phrasing",
    "canned_phrase",
    "missing_apology",
)


class Finding(BaseModel):
    """One span of the reply that may read badly, with why and what to say instead."""

    model_config = ConfigDict(frozen=True)

    rule_id: str = Field(description="Stable rule id, '<category>.<slug>'.")
    category: str = Field(description="Category id from GUIDELINES.md.")
    severity: Severity
    start: int = Field(description="Start offset in code points: reply[start:end] == text.")
    end: int
    start_utf16: int = Field(description="Start offset in UTF-16 code units (for JavaScript editors).")
    end_utf16: int
    text: str = Field(description="The text found, exactly as written.")
    message: str
    guideline: str = Field(description="Guideline id, G1..G15.")
    suggestions: list[str] = Field(
        default_factory=list, description="Replacements for the span; '' means delete it."
    )
    fingerprint: str = Field(
        description="Rule id + normalised text: stable across replies, to silence one known instance."
    )


class Signals(BaseModel):
    """What the reply (and the customer's message) shows, beyond findings."""

    model_config = ConfigDict(frozen=True)

    apology: bool = False
    empathy: bool = False
    solution: bool = False
    closing_offer: bool = False
    customer_upset: bool = False


class Notice(BaseModel):
    """Something the caller should know that is not a finding (e.g. an unsupported language)."""

    model_config = ConfigDict(frozen=True)

    code: str
    message: str


class Report(BaseModel):
    """The result of checking one reply."""

    model_config = ConfigDict(frozen=True)

    schema_version: str = SCHEMA_VERSION
    language: str = Field(description="Language code (en, da, pt, he), another detected code, or 'und'.")
    language_source: LanguageSource
    language_confidence: float = Field(ge=0.0, le=1.0)
    score: int = Field(ge=0, le=100, description="100 reads well; lower needs attention.")
    verdict: Verdict
    findings: list[Finding] = Field(default_factory=list)
    signals: Signals = Field(default_factory=Signals)
    rewrite: str = Field(description="The whole reply with the suggestions applied.")
    notices: list[Notice] = Field(default_factory=list)


_Model = TypeVar("_Model", bound=BaseModel)
_set = object.__setattr__


def trusted(cls: type[_Model], **values: Any) -> _Model:
    """A model from values the checker built itself, every field given: no validation, no defaults.

    pydantic's `model_construct` costs ~10 µs a model (it walks every field's aliases and defaults);
    this costs ~1 µs, and a report holds several models. Tests compare the result with a validated copy.
    """
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", set(values))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


class RuleInfo(BaseModel):
    """A rule as listed by `tonecheck rules` and `GET /v1/rules`."""

    model_config = ConfigDict(frozen=True)

    rule_id: str
    category: str
    severity: Severity
    guideline: str
    check: str
    message: str
    note: str | None = None
    languages: list[str] = Field(default_factory=list)


class LanguageInfo(BaseModel):
    """A supported language as `GET /v1/languages` and the page show it."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    direction: Literal["ltr", "rtl"]
