"""Rules, languages, health, readiness, OpenAPI and the page, from the running service."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.service
pytest_plugins = ["service_fixtures"]


def test_api_meta_rules_lists_every_language(client: httpx.Client) -> None:
    rules = client.get("/v1/rules").json()
    assert rules and {"rule_id", "category", "severity", "guideline", "message", "languages"} <= set(rules[0])
    languages = {lang for rule in rules for lang in rule["languages"]}
    assert {"en", "da", "pt", "he"} <= languages
    hebrew = client.get("/v1/rules", params={"lang": "he"}).json()
    assert hebrew and all("he" in rule["languages"] or not rule["languages"] for rule in hebrew)
    assert len(hebrew) < len(rules)


def test_api_meta_rules_unknown_language_is_422(client: httpx.Client) -> None:
    response = client.get("/v1/rules", params={"lang": "xx"})
    assert response.status_code == 422
    assert "he" in response.json()["error"]["supported"]


def test_api_meta_languages(client: httpx.Client) -> None:
    languages = {info["code"]: info for info in client.get("/v1/languages").json()}
    assert set(languages) == {"en", "da", "pt", "he"}
    assert languages["he"]["direction"] == "rtl"
    assert "pt-BR" in languages["pt"]["variants"]


def test_api_meta_health_and_readiness(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["rules"] > 0


def test_api_meta_openapi_documents_the_api(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/v1/check", "/v1/check/batch", "/v1/rules", "/v1/languages", "/v1/feedback",
                 "/v1/feedback/summary", "/v2/check", "/v2/languages", "/healthz", "/readyz"):
        assert path in spec["paths"], path
    finding = spec["components"]["schemas"]["Finding"]["properties"]
    assert {"start_utf16", "end_utf16", "fingerprint"} <= set(finding)
    assert "422" in spec["paths"]["/v1/check"]["post"]["responses"]
    assert client.get("/docs").status_code == 200


def test_api_meta_page_is_served_self_contained(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for asset in ("app.js", "style.css"):
        body = client.get(f"/static/{asset}").text
        assert "http://" not in body and "https://" not in body  # no CDN, no external font
    assert "https://" not in page.text
