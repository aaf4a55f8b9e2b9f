"""The LanguageTool-compatible endpoint, driven by the real `language_tool_python` client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import language_tool_python
import pytest

if TYPE_CHECKING:
    from service_fixtures import Service

pytestmark = pytest.mark.service
pytest_plugins = ["service_fixtures"]

TEXT = "😀👍 Hi Sam, we DON'T do refunds!!! As clearly stated in our policy, you should have read it."


@pytest.fixture
def tool(service: Service) -> Iterator[language_tool_python.LanguageTool]:
    lt = language_tool_python.LanguageTool("en-US", remote_server=service.url)
    yield lt
    lt.close()


def test_api_languagetool_client_gets_matches_at_the_right_places(
    tool: language_tool_python.LanguageTool,
) -> None:
    matches = tool.check(TEXT)
    assert len(matches) >= 2
    found = {TEXT[m.offset : m.offset + m.error_length] for m in matches}
    assert {"DON'T", "!!!"} <= found  # the client turns UTF-16 offsets back into Python ones
    caps = next(m for m in matches if m.rule_id == "shouting.all-caps")
    assert caps.category == "SHOUTING" and caps.replacements
    assert caps.sentence.startswith("😀👍 Hi Sam, we DON'T")
    assert caps.message


def test_api_languagetool_client_corrects_text(tool: language_tool_python.LanguageTool) -> None:
    corrected = tool.correct(TEXT)
    assert "!!!" not in corrected and "DON'T" not in corrected
    assert corrected.startswith("😀👍 Hi Sam")


def test_api_languagetool_client_disabled_rules(tool: language_tool_python.LanguageTool) -> None:
    tool.disabled_rules.update({"shouting.all-caps", "WHITESPACE_RULE"})
    assert all(m.rule_id != "shouting.all-caps" for m in tool.check(TEXT))


def test_api_languagetool_client_auto_language(service: Service) -> None:
    lt = language_tool_python.LanguageTool("auto", remote_server=service.url)
    try:
        text = "שלום, אנחנו לא יכולים לעזור לך עם זה!!!"
        matches = lt.check(text)
        assert any(text[m.offset : m.offset + m.error_length] == "!!!" for m in matches)
    finally:
        lt.close()


def test_api_languagetool_wire_format(client: httpx.Client) -> None:
    body = client.post(
        "/v2/check",
        data={
            "text": TEXT,
            "language": "auto",
            "motherTongue": "da",
            "level": "picky",
            "preferredVariants": "en-GB",
        },
    ).json()
    assert body["software"]["name"] == "tonecheck" and body["software"]["apiVersion"] == 1
    assert body["language"]["detectedLanguage"]["code"] == "en"
    assert 0 < body["language"]["detectedLanguage"]["confidence"] <= 1
    match = next(m for m in body["matches"] if m["rule"]["id"] == "shouting.punctuation-run")
    assert match["offset"] == len(TEXT[: TEXT.index("!!!")].encode("utf-16-le")) // 2
    assert match["length"] == 3
    assert {"message", "shortMessage", "replacements", "context", "sentence", "type", "rule"} <= set(match)
    context = match["context"]  # offsets in UTF-16 code units, like every LanguageTool offset
    units = context["text"].encode("utf-16-le")
    assert (
        units[2 * context["offset"] : 2 * (context["offset"] + context["length"])].decode("utf-16-le")
        == "!!!"
    )
    assert set(match["rule"]) >= {"id", "description", "issueType", "category"}


def test_api_languagetool_enabled_only(client: httpx.Client) -> None:
    body = client.post(
        "/v2/check",
        data={"text": TEXT, "language": "en", "enabledRules": "shouting.all-caps", "enabledOnly": "true"},
    ).json()
    assert {m["rule"]["id"] for m in body["matches"]} == {"shouting.all-caps"}


def test_api_languagetool_annotated_data_offsets_include_markup(client: httpx.Client) -> None:
    parts = [
        {"markup": "<p>"},
        {"text": "Hi, we DON'T do "},
        {"markup": "<b>"},
        {"text": "that!!!"},
        {"markup": "</b></p>", "interpretAs": "\n\n"},
    ]
    original = "".join(p.get("text", p.get("markup", "")) for p in parts)
    body = client.post("/v2/check", data={"data": json.dumps({"annotation": parts}), "language": "en"}).json()
    spans = {original[m["offset"] : m["offset"] + m["length"]] for m in body["matches"]}
    assert {"DON'T", "!!!"} <= spans


def test_api_languagetool_languages_lists_regional_codes(client: httpx.Client) -> None:
    languages = client.get("/v2/languages").json()
    long_codes = {entry["longCode"] for entry in languages}
    assert {"en-US", "en-GB", "da-DK", "pt-BR", "pt-PT", "he-IL"} <= long_codes
    assert all(set(entry) == {"name", "code", "longCode"} for entry in languages)


def test_api_languagetool_blank_text_has_no_matches(client: httpx.Client) -> None:
    body = client.post("/v2/check", data={"text": "   ", "language": "en-US"}).json()
    assert body["matches"] == [] and body["language"]["code"] == "en-US"


def test_api_languagetool_missing_text_is_400(client: httpx.Client) -> None:
    response = client.post("/v2/check", data={"language": "en"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "API001"
