"""Refuse oversized request bodies before anything parses them: by Content-Length, or for a chunked body
of unknown length by counting the bytes as they stream in (buffered only up to the limit)."""

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
        if declared is None and scope["method"] in {"POST", "PUT", "PATCH"}:
            buffered = await self._buffered(receive)
            if buffered is None:
                await self._too_large().response(headers={"Connection": "close"})(scope, receive, send)
                return
            receive = buffered
        await self.app(scope, receive, send)

    async def _buffered(self, receive: Receive) -> Receive | None:
        """Read a body of unknown length (chunked) up to the limit; None when it goes over."""
        pending: list[Message] = []
        size, more = 0, True
        while more:
            message = await receive()
            pending.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                return None
            more = message.get("more_body", False)

        async def replay() -> Message:
            # The buffered messages first, then whatever the server sends next (e.g. a disconnect).
            return pending.pop(0) if pending else await receive()

        return replay
