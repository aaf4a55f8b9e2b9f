"""What the service offers (`/v1/rules`, `/v1/languages`) and whether it is up (`/healthz`, `/readyz`)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.dependencies import Runner, require_api_key
from api.errors import ERROR_RESPONSES
from api.languages import LANGUAGES, library_code
from api.schemas import Health, LanguageInfo, Readiness
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
async def healthz() -> Health:
    return Health()


@health.get("/readyz", summary="The lexicons are loaded and checks can run")
async def readyz(runner: Runner) -> Readiness:
    """Answers once start-up (loading every lexicon) has finished; until then the port is closed."""
    return Readiness(languages=list(runner.checker.languages), rules=len(runner.rule_ids))
