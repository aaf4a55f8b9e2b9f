"""`/v1/check` and `/v1/check/batch`: reports from the library, as JSON."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.dependencies import Runner, require_api_key, require_json
from api.errors import ERROR_RESPONSES
from api.schemas import BatchRequest, BatchResponse, CheckRequest
from tonecheck.models import Report

router = APIRouter(
    prefix="/v1",
    tags=["check"],
    dependencies=[Depends(require_api_key), Depends(require_json)],
    responses=ERROR_RESPONSES,
)


@router.post("/check", summary="Check one reply")
async def check(body: CheckRequest, runner: Runner) -> Report:
    """Findings (with code-point and UTF-16 offsets), score, verdict, signals and a rewrite for one reply."""
    return await runner.check(body, body.options)


@router.post("/check/batch", summary="Check many replies, in order")
async def check_batch(body: BatchRequest, runner: Runner) -> BatchResponse:
    """One result per item, in order; an item that cannot be checked gets an `error` instead of a `report`."""
    return BatchResponse(results=await runner.check_batch(body.items, body.options))
