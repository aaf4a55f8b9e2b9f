"""Request and response bodies of the /v1 API. Reports and findings are the library's own models."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tonecheck import CheckOptions
from tonecheck.models import Report

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_text(value: str | None) -> str | None:
    if value is not None and _LONE_SURROGATE.search(value):
        raise ValueError("text holds a lone UTF-16 surrogate; send valid Unicode")
    return value


class BatchItem(BaseModel):
    """One reply to check, with the customer's message it answers when known."""

    model_config = ConfigDict(extra="forbid")

    reply: str = Field(description="The draft reply to check.")
    customer: str | None = Field(default=None, description="The customer's message the reply answers.")
    lang: str | None = Field(
        default=None, description="en, da, pt, pt-BR, pt-PT, he; leave out or 'auto' to detect."
    )

    _text = field_validator("reply", "customer")(_valid_text)


class CheckRequest(BatchItem):
    """`POST /v1/check`: one reply and the filters to apply to its findings."""

    options: CheckOptions = Field(default_factory=CheckOptions)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "reply": "As clearly stated in our policy, we don't do refunds.",
                    "customer": "My order arrived broken and nobody answers!",
                    "lang": "en",
                }
            ]
        },
    )


class BatchRequest(BaseModel):
    """`POST /v1/check/batch`: items checked in order; a bad item gives an error entry, not a failed batch."""

    model_config = ConfigDict(extra="forbid")

    items: list[BatchItem | Any] = Field(description="Each item is {reply, customer?, lang?}.")
    options: CheckOptions = Field(default_factory=CheckOptions)


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    """What every failed call answers."""

    error: ErrorBody


class BatchResult(BaseModel):
    """The outcome for one batch item: a report, or the error that item met."""

    index: int
    report: Report | None = None
    error: ErrorBody | None = None


class BatchResponse(BaseModel):
    results: list[BatchResult]


class LanguageInfo(BaseModel):
    code: str
    name: str
    native_name: str
    direction: Literal["ltr", "rtl"]
    variants: list[str] = Field(default_factory=list, description="Regional codes also accepted as `lang`.")


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    status: Literal["ready"] = "ready"
    languages: list[str]
    rules: int


class FeedbackIn(BaseModel):
    """What an agent thought of one finding. Never the reply text."""

    model_config = ConfigDict(extra="forbid")

    fingerprint: str = Field(min_length=1, max_length=300, description="The finding's fingerprint.")
    rule_id: str = Field(min_length=1, max_length=120, pattern=r"^[a-z_]+\.[a-z0-9_.-]+$")
    language: str = Field(min_length=2, max_length=10)
    verdict: Literal["useful", "false_positive"]


class FeedbackRecorded(BaseModel):
    recorded: bool = True


class RuleFeedback(BaseModel):
    rule_id: str
    useful: int
    false_positive: int
    precision: float = Field(description="useful / (useful + false_positive): how often the rule was right.")


class FeedbackSummary(BaseModel):
    total: int
    rules: list[RuleFeedback]
