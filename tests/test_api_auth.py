"""API keys (with keys set, /v1 and /v2 need one; health, readiness and the page stay open) and CORS."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from service_fixtures import Service

pytestmark = pytest.mark.service
pytest_plugins = ["service_fixtures"]


@pytest.fixture
def keyed(keyed_service: Service) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=keyed_service.url, timeout=30) as http:
        yield http


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong", "Basic {key}", "Bearer {key}x", "Bearer", "{key}"],
    ids=["none", "wrong", "basic-scheme", "longer", "empty", "no-scheme"],
)
def test_api_auth_refuses_missing_or_wrong_key(
    keyed: httpx.Client, api_keys: tuple[str, ...], authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization.format(key=api_keys[0])}
    response = keyed.post("/v1/check", json={"reply": "Hi there"}, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "API002"
    assert keyed.get("/v1/rules", headers=headers).status_code == 401
    assert keyed.post("/v2/check", data={"text": "Hi", "language": "en"}, headers=headers).status_code == 401


@pytest.mark.parametrize("which", [0, 1])
def test_api_auth_accepts_each_configured_key(
    keyed: httpx.Client, api_keys: tuple[str, ...], which: int
) -> None:
    headers = {"Authorization": f"Bearer {api_keys[which]}"}
    assert keyed.post("/v1/check", json={"reply": "Hi there"}, headers=headers).status_code == 200
    assert keyed.get("/v1/languages", headers=headers).status_code == 200


def test_api_auth_accepts_languagetool_api_key_field(keyed: httpx.Client, api_keys: tuple[str, ...]) -> None:
    response = keyed.post("/v2/check", data={"text": "Hi!!!", "language": "en", "apiKey": api_keys[1]})
    assert response.status_code == 200 and response.json()["matches"]


def test_api_auth_leaves_health_and_page_open(keyed: httpx.Client) -> None:
    for path in ("/healthz", "/readyz", "/", "/static/app.js", "/openapi.json", "/v2/languages"):
        assert keyed.get(path).status_code == 200, path


def test_api_auth_cors_allows_the_configured_origin_only(
    keyed: httpx.Client, api_keys: tuple[str, ...]
) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    allowed = keyed.options("/v1/check", headers={"Origin": "https://helpdesk.example", **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://helpdesk.example"
    other = keyed.options("/v1/check", headers={"Origin": "https://evil.example", **preflight})
    assert "access-control-allow-origin" not in other.headers
    answer = keyed.post(
        "/v1/check",
        json={"reply": "Hi"},
        headers={"Origin": "https://helpdesk.example", "Authorization": f"Bearer {api_keys[0]}"},
    )
    assert answer.headers["access-control-allow-origin"] == "https://helpdesk.example"
