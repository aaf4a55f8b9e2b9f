"""`/v1/feedback`: what agents think of findings, and per-rule precision from it."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.dependencies import Feedback, require_api_key, require_json
from api.errors import ERROR_RESPONSES
from api.schemas import FeedbackIn, FeedbackRecorded, FeedbackSummary

router = APIRouter(
    prefix="/v1/feedback",
    tags=["feedback"],
    dependencies=[Depends(require_api_key)],
    responses=ERROR_RESPONSES,
)


@router.post(
    "",
    status_code=201,
    summary="Record an agent's verdict on a finding",
    dependencies=[Depends(require_json)],
)
def record(vote: FeedbackIn, store: Feedback) -> FeedbackRecorded:
    """Stores the fingerprint, rule, language and verdict, never the reply text."""
    store.record(vote)
    return FeedbackRecorded()


@router.get("/summary", summary="Per-rule counts and precision")
def summary(store: Feedback) -> FeedbackSummary:
    return store.summary()
