"""What routes receive from the running app: the check runner and the feedback store, and the guards
(API key, content type) that `/v1` and `/v2` routers declare."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from api.check_runner import CheckRunner
from api.errors import UNAUTHORIZED, UNSUPPORTED_MEDIA_TYPE, ApiError
from api.feedback import FeedbackStore

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def get_runner(request: Request) -> CheckRunner:
    return request.app.state.runner


async def get_feedback_store(request: Request) -> FeedbackStore:
    return request.app.state.feedback


def _key_matches(given: str, keys: list[str]) -> bool:
    # Compare with every key, in constant time each, so timing says nothing about which one is close.
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(given.encode(), key.encode())
    return matched


async def require_api_key(request: Request) -> None:
    """With API keys configured, demand `Authorization: Bearer <key>` (or LanguageTool's `apiKey` field)."""
    keys = [key.get_secret_value() for key in request.app.state.settings.api_keys]
    if not keys:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" and request.headers.get("content-type", "").startswith(_FORM_TYPES):
        api_key = (await request.form()).get("apiKey")
        scheme, given = "bearer", api_key if isinstance(api_key, str) else ""
    if scheme.lower() != "bearer" or not _key_matches(given.strip(), keys):
        raise ApiError(401, UNAUTHORIZED, "Send a valid API key as 'Authorization: Bearer <key>'.")


def _require(request: Request, accepted: tuple[str, ...], example: str) -> None:
    content_type = request.headers.get("content-type")
    if content_type is not None and not content_type.split(";")[0].strip().lower().endswith(accepted):
        raise ApiError(415, UNSUPPORTED_MEDIA_TYPE, f"Send {example}, not {content_type.split(';')[0]!r}.")


async def require_json(request: Request) -> None:
    """415 for a body that says it is not JSON (a missing Content-Type is read as JSON)."""
    _require(request, ("/json", "+json"), "a JSON body (Content-Type: application/json)")


async def require_form(request: Request) -> None:
    """415 for a LanguageTool call whose body is not a form."""
    _require(request, _FORM_TYPES, "form fields (application/x-www-form-urlencoded), as LanguageTool expects")


Runner = Annotated[CheckRunner, Depends(get_runner)]
Feedback = Annotated[FeedbackStore, Depends(get_feedback_store)]
