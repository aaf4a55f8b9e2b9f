"""Refuse oversized request bodies before anything parses them: by Content-Length, then by bytes streamed."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import BODY_TOO_LARGE, MALFORMED, ApiError


class BodyLimitMiddleware:
    """ASGI middleware: a body larger than `max_bytes` gets a 413 and is never buffered whole."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self) -> ApiError:
        return ApiError(413, BODY_TOO_LARGE, f"The request body is larger than {self.max_bytes} bytes.")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await ApiError(400, MALFORMED, "Content-Length is not a number.").response()(
                    scope, receive, send
                )
                return
            if int(declared) > self.max_bytes:
                await self._too_large().response(headers={"Connection": "close"})(scope, receive, send)
                return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise self._too_large()
            return message

        await self.app(scope, counted_receive, send)
