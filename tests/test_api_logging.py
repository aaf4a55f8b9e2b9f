"""Reply text stays out of the service's log (TONECHECK_LOG_REPLY_TEXT is off by default)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from service_fixtures import Service

pytestmark = pytest.mark.service
pytest_plugins = ["service_fixtures"]

SECRET = "Zanzibarquux"


def test_api_logging_never_writes_reply_text(client: httpx.Client, service: Service) -> None:
    reply = f"Dear {SECRET}, we DON'T do refunds!!!"
    assert client.post("/v1/check", json={"reply": reply, "customer": SECRET}).status_code == 200
    assert client.post("/v1/check", json={"reply": reply * 2000}).status_code == 413
    assert client.post("/v2/check", data={"text": reply, "language": "en"}).status_code == 200
    assert client.get("/v2/check", params={"text": reply, "language": "en"}).status_code == 405
    batch = {"items": [{"reply": reply}, {"reply": 5, "x": SECRET}]}
    assert client.post("/v1/check/batch", json=batch).status_code == 200
    assert client.get("/healthz").status_code == 200  # the access log is on: this request is logged
    log = service.log_text()
    assert "GET /healthz" in log and "POST /v1/check" in log and "tonecheck ready" in log
    assert SECRET not in log
