"""What the service offers (`/v1/rules`, `/v1/languages`) and whether it is up (`/healthz`, `/readyz`)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from api.dependencies import Runner, require_api_key
from api.errors import ERROR_RESPONSES, UNAVAILABLE, ApiError
from api.languages import LANGUAGES, library_code
from api.schemas import LanguageInfo, Status
from tonecheck import RuleInfo

router = APIRouter(
    prefix="/v1", tags=["meta"], dependencies=[Depends(require_api_key)], responses=ERROR_RESPONSES
)
health = APIRouter(tags=["health"])


@router.get("/rules", summary="The rules, for one language or all")
def rules(runner: Runner, lang: str | None = None) -> list[RuleInfo]:
    """Every rule with its category, severity, guideline, message, note and languages."""
    return runner.checker.rules(library_code(lang))


@router.get("/languages", summary="The languages tonecheck checks")
def languages() -> list[LanguageInfo]:
    return list(LANGUAGES.values())


@health.get("/healthz", summary="The process is alive")
async def healthz() -> Status:
    return Status(status="ok")


@health.get("/readyz", summary="The lexicons are loaded and checks can run")
async def readyz(request: Request) -> Status:
    runner = getattr(request.app.state, "runner", None)
    if runner is None:
        raise ApiError(503, UNAVAILABLE, "The checker is still loading.")
    return Status(status="ready", languages=list(LANGUAGES), rules=len(runner.checker.rules()))
