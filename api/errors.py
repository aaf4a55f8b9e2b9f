"""The service's error contract: every failure is JSON `{"error": {"code", "message"}}` with the right status.

API-level codes are `APIxxx` (below, never reused); errors raised by the library keep their own `TCxxx` code.
No request can produce a 500 on purpose: malformed bodies, wrong types, bad text and oversized payloads all
map to 4xx here, and the catch-all handler answers an unexpected bug without echoing the request.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.schemas import ErrorResponse
from tonecheck import errors as tc_errors

logger = logging.getLogger("tonecheck.api")

MALFORMED = "API001"
UNAUTHORIZED = "API002"
BODY_TOO_LARGE = "API003"
REPLY_TOO_LONG = "API004"
TOO_MANY_ITEMS = "API005"
UNSUPPORTED_MEDIA_TYPE = "API006"
INVALID_REQUEST = "API007"
NOT_FOUND = "API009"
METHOD_NOT_ALLOWED = "API010"
INTERNAL = "API099"

_INPUT_ERROR_STATUS = {
    tc_errors.EMPTY_REPLY: 422,
    tc_errors.REPLY_TOO_LONG: 413,
    tc_errors.NOT_TEXT: 400,
    tc_errors.UNDECODABLE: 400,
    tc_errors.BAD_ITEM: 422,
}
_HTTP_CODES = {
    400: MALFORMED,
    401: UNAUTHORIZED,
    404: NOT_FOUND,
    405: METHOD_NOT_ALLOWED,
    413: BODY_TOO_LARGE,
    415: UNSUPPORTED_MEDIA_TYPE,
}

#: For the OpenAPI document: the statuses any route may answer with an error body.
ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in {
        400: "Malformed request",
        401: "Missing or wrong API key",
        413: "Body, reply or batch too large",
        415: "Wrong content type",
        422: "Unknown language or invalid fields/options",
    }.items()
}


class ApiError(Exception):
    """An error the API answers with `status` and `{"error": {"code", "message", **extra}}`."""

    def __init__(self, status: int, code: str, message: str, **extra: object) -> None:
        super().__init__(f"[{code}] {message}")
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def body(self) -> dict[str, object]:
        return {"error": {"code": self.code, "message": self.message, **self.extra}}

    def response(self, headers: dict[str, str] | None = None) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=headers)


def from_library(exc: tc_errors.TonecheckError) -> ApiError:
    """The API answer for an error the library raised about the caller's input or options."""
    if isinstance(exc, tc_errors.UnknownLanguageError):
        return ApiError(422, exc.code, exc.message, supported=list(exc.supported))
    if isinstance(exc, tc_errors.InputError):
        return ApiError(_INPUT_ERROR_STATUS.get(exc.code, 422), exc.code, exc.message)
    if isinstance(exc, tc_errors.ConfigError):
        return ApiError(422, exc.code, exc.message)
    return ApiError(500, exc.code, "The checker failed on this input; this is a bug in tonecheck.")


def _describe_validation(exc: RequestValidationError) -> ApiError:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return ApiError(
            400, MALFORMED, 'The body is not valid JSON. Send a JSON object, e.g. {"reply": "..."}.'
        )
    if any(
        e.get("loc") == ("body",) and e.get("type") in {"missing", "model_attributes_type", "dict_type"}
        for e in errors
    ):
        return ApiError(400, MALFORMED, 'The body must be a JSON object, e.g. {"reply": "..."}.')
    problems = "; ".join(
        f"{'.'.join(str(part) for part in e.get('loc', ())[1:]) or 'body'}: {e.get('msg', 'invalid')}"
        for e in errors[:10]
    )
    return ApiError(422, INVALID_REQUEST, f"Invalid request: {problems}.")


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return exc.response()


async def _library_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, tc_errors.TonecheckError)
    return from_library(exc).response()


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return _describe_validation(exc).response()


async def _model_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ValidationError)
    problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'value'}: {e['msg']}" for e in exc.errors()[:10])
    return ApiError(422, INVALID_REQUEST, f"Invalid request: {problems}.").response()


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, MALFORMED if exc.status_code < 500 else INTERNAL)
    message = exc.detail if isinstance(exc.detail, str) else "The request could not be served."
    return ApiError(exc.status_code, code, message).response(headers=exc.headers)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s %s", request.method, request.url.path)
    return ApiError(
        500, INTERNAL, "Something went wrong inside tonecheck; the error has been logged."
    ).response()


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception the service can meet to its JSON answer."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(tc_errors.TonecheckError, _library_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ValidationError, _model_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
