"""Every error answer is JSON with the right status, and no input, however broken, produces a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

pytestmark = pytest.mark.service
pytest_plugins = ["service_fixtures"]

POST_ROUTES = ["/v1/check", "/v1/check/batch", "/v1/feedback", "/v2/check"]
TEN_MB = 10 * 1024 * 1024


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) >= {"code", "message"} and error["message"]
    if code is not None:
        assert error["code"] == code
    return error


def test_api_errors_malformed_json_is_400(client: httpx.Client) -> None:
    response = client.post(
        "/v1/check", content=b'{"reply": "hi"', headers={"content-type": "application/json"}
    )
    assert_error(response, 400, "API001")


def test_api_errors_json_that_is_not_an_object_is_400(client: httpx.Client) -> None:
    assert_error(client.post("/v1/check", json=["reply", "hi"]), 400, "API001")


def test_api_errors_body_over_the_limit_is_413(client: httpx.Client) -> None:
    assert_error(client.post("/v1/check", json={"reply": "a" * (3 * 1024 * 1024)}), 413, "API003")


def test_api_errors_streamed_body_over_the_limit_is_413(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the size is only known while it streams
        yield b'{"reply": "'
        for _ in range(TEN_MB // 65536):
            yield b"a" * 65536
        yield b'"}'

    response = client.post("/v1/check", content=chunks(), headers={"content-type": "application/json"})
    assert_error(response, 413, "API003")


def test_api_errors_reply_too_long_is_413(client: httpx.Client) -> None:
    error = assert_error(client.post("/v1/check", json={"reply": "ok " * 7000}), 413, "API004")
    assert "20000" in error["message"]


def test_api_errors_too_many_batch_items_is_413(client: httpx.Client) -> None:
    items = [{"reply": "Thanks for waiting."}] * 17
    assert_error(client.post("/v1/check/batch", json={"items": items}), 413, "API005")


def test_api_errors_wrong_content_type_is_415(client: httpx.Client) -> None:
    response = client.post("/v1/check", content=b"reply=hi", headers={"content-type": "text/plain"})
    assert_error(response, 415, "API006")
    assert_error(client.post("/v2/check", json={"text": "hi"}), 415, "API006")


def test_api_errors_unknown_language_is_422_and_lists_the_supported(client: httpx.Client) -> None:
    error = assert_error(client.post("/v1/check", json={"reply": "Hej", "lang": "sv"}), 422, "TC110")
    assert set(error["supported"]) == {"en", "da", "pt", "he"}


@pytest.mark.parametrize(
    "options",
    [
        {"min_severity": "fatal"},
        {"disabled_categories": ["rudeness"]},
        {"disabled_rules": "all"},
        {"bogus": 1},
    ],
)
def test_api_errors_invalid_options_are_422(client: httpx.Client, options: dict) -> None:
    error = assert_error(client.post("/v1/check", json={"reply": "Hi", "options": options}), 422, "API007")
    assert "options" in error["message"]


def test_api_errors_empty_reply_is_422(client: httpx.Client) -> None:
    assert_error(client.post("/v1/check", json={"reply": ""}), 422, "TC101")


def test_api_errors_unknown_path_and_method(client: httpx.Client) -> None:
    assert_error(client.get("/v1/nothing-here"), 404, "API009")
    assert_error(client.get("/v1/check"), 405, "API010")


def _deep(depth: int) -> bytes:
    return b'{"reply": ' + b"[" * depth + b"]" * depth + b"}"


GARBAGE: list[tuple[str, bytes, str]] = [
    ("invalid utf-8", b'{"reply": "caf\xe9 \xff\xfe"}', "application/json"),
    ("raw NUL bytes", b'{"reply": "a\x00b"}', "application/json"),
    ("escaped NUL", json.dumps({"reply": "a\u0000b\u0000"}).encode(), "application/json"),
    ("only NULs", b"\x00" * 4096, "application/json"),
    ("lone surrogate", b'{"reply": "x \\ud800 y", "customer": "\\udfff"}', "application/json"),
    ("deep nesting", _deep(100_000), "application/json"),
    (
        "nested junk",
        json.dumps({"reply": {"a": [1, {"b": None}]}, "options": [[[]]]}).encode(),
        "application/json",
    ),
    ("huge number", b'{"reply": 1' + b"0" * 5000 + b"}", "application/json"),
    ("wrong types", json.dumps({"reply": True, "lang": 5, "customer": [1]}).encode(), "application/json"),
    ("random bytes", bytes(range(256)) * 16, "application/octet-stream"),
    ("form junk", b"text=%ff%fe%00&language=%00&data=%7B", "application/x-www-form-urlencoded"),
    (
        "broken multipart",
        b"--x\r\nContent-Disposition: form-data\r\n\r\n\x00",
        "multipart/form-data; boundary=x",
    ),
    (
        "bad annotation",
        b'data={"annotation":[{"markup":5}]}&language=en',
        "application/x-www-form-urlencoded",
    ),
    ("empty", b"", "application/json"),
    ("whitespace", b"   \n\t ", "application/json"),
    ("bad charset", b'{"reply": "hi"}', "application/json; charset=ebcdic"),
]


@pytest.mark.parametrize("route", POST_ROUTES)
@pytest.mark.parametrize(("name", "body", "content_type"), GARBAGE, ids=[g[0] for g in GARBAGE])
def test_api_errors_garbage_never_gives_500(
    client: httpx.Client, route: str, name: str, body: bytes, content_type: str
) -> None:
    response = client.post(route, content=body, headers={"content-type": content_type})
    assert response.status_code < 500, f"{name} on {route}: {response.status_code} {response.text[:300]}"
    if response.status_code >= 400:
        assert_error(response, response.status_code)


@pytest.mark.parametrize("route", POST_ROUTES)
def test_api_errors_ten_megabytes_is_refused_not_parsed(client: httpx.Client, route: str) -> None:
    body = b'{"reply": "' + b"\x00\xff{[" * (TEN_MB // 4) + b'"}'
    try:
        response = client.post(route, content=body, headers={"content-type": "application/json"})
    except httpx.WriteError:  # the server may answer and close before the whole body is written
        return
    assert_error(response, 413, "API003")


def test_api_errors_service_still_healthy_after_garbage(client: httpx.Client) -> None:
    assert client.get("/healthz").status_code == 200
    assert client.post("/v1/check", json={"reply": "Thanks, all sorted!"}).status_code == 200
