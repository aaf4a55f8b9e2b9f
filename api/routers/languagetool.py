"""LanguageTool-compatible `/v2/check` and `/v2/languages`, for LanguageTool clients pointed at tonecheck."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form

from api import languagetool
from api.dependencies import Runner, require_api_key, require_form
from api.errors import ERROR_RESPONSES
from api.schemas import BatchItem

router = APIRouter(prefix="/v2", tags=["languagetool"], responses=ERROR_RESPONSES)
Field = Annotated[str | None, Form()]


@router.post(
    "/check",
    dependencies=[Depends(require_api_key), Depends(require_form)],
    summary="LanguageTool-compatible check",
)
async def check(
    runner: Runner,
    text: Field = None,
    data: Field = None,
    language: Annotated[str, Form()] = "auto",
    # LanguageTool's field names, camelCase as its clients send them.
    disabledRules: Field = None,
    enabledRules: Field = None,
    disabledCategories: Field = None,
    enabledCategories: Field = None,
    enabledOnly: Annotated[bool, Form()] = False,
) -> dict[str, object]:
    """Form fields as LanguageTool takes them; its other fields (motherTongue, level, preferredVariants,
    username, apiKey, ...) are accepted and ignored. Offsets and lengths count UTF-16 code units."""
    document = languagetool.AnnotatedText.from_fields(text, data)
    if not document.plain.strip():
        return languagetool.empty_response(language)
    options = languagetool.options(
        runner.rule_ids, disabledRules, enabledRules, disabledCategories, enabledCategories, enabledOnly
    )
    report = await runner.check(BatchItem(reply=document.plain, lang=language), options)
    return languagetool.response(report, document, language)


@router.get("/languages", summary="LanguageTool-compatible language list")
async def languages() -> list[dict[str, str]]:
    """Open even when API keys are set, as LanguageTool's is: clients read it before their first check."""
    return languagetool.languages()
