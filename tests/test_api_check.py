"""`/v1/check` and `/v1/check/batch` against the running service."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.service
pytest_plugins = ["service_fixtures"]

DRAFTS = {
    "en": "Hi Sam, as clearly stated in our policy, we don't do refunds!!! You should have read the terms.",
    "da": "Hej Sam, som der tydeligt står i vores politik, laver vi ikke refusioner!!! "
          "Du burde have læst betingelserne.",
    "pt": "Olá Ana, como está claramente escrito na nossa política, não fazemos reembolsos!!! "
          "Você deveria ter lido os termos.",
    "he": "שלום דנה, כפי שכתוב בבירור במדיניות שלנו, אנחנו לא יכולים להחזיר כסף!!! "
          "היית צריכה לקרוא את התנאים.",
}


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def assert_offsets(reply: str, report: dict) -> None:
    for finding in report["findings"]:
        assert reply[finding["start"] : finding["end"]] == finding["text"]
        assert finding["start_utf16"] == utf16(reply[: finding["start"]])
        assert finding["end_utf16"] == utf16(reply[: finding["end"]])


@pytest.mark.parametrize("lang", sorted(DRAFTS))
def test_api_check_detects_language_and_flags(client: httpx.Client, lang: str) -> None:
    reply = DRAFTS[lang]
    response = client.post("/v1/check", json={"reply": reply, "customer": "Where is my refund?!"})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["language"] == lang
    assert report["language_source"] == "detected"
    assert report["verdict"] in {"review", "rewrite"}
    assert 0 <= report["score"] < 100
    categories = {f["category"] for f in report["findings"]}
    assert "shouting" in categories
    assert categories - {"shouting"}, f"only shouting found in {lang}: the tone lexicons did not fire"
    assert report["rewrite"] and report["rewrite"] != reply
    assert_offsets(reply, report)


@pytest.mark.parametrize("lang", ["en", "en-US", "da", "pt", "pt-BR", "pt-PT", "he", "auto"])
def test_api_check_accepts_given_language_codes(client: httpx.Client, lang: str) -> None:
    base = lang.split("-")[0] if lang != "auto" else "en"
    response = client.post("/v1/check", json={"reply": DRAFTS[base], "lang": lang})
    assert response.status_code == 200, response.text
    assert response.json()["language"].split("-")[0] == base
    assert response.json()["language_source"] == ("detected" if lang == "auto" else "given")


def test_api_check_utf16_offsets_after_emoji(client: httpx.Client) -> None:
    reply = "😀👍 Thanks for writing. We DO NOT offer that!!!"
    report = client.post("/v1/check", json={"reply": reply, "lang": "en"}).json()
    run = next(f for f in report["findings"] if f["text"] == "!!!")
    assert run["start"] == reply.index("!!!")
    assert run["start_utf16"] == run["start"] + 2  # each emoji is two UTF-16 code units
    assert run["end_utf16"] - run["start_utf16"] == 3
    assert_offsets(reply, report)


def test_api_check_options_filter_findings(client: httpx.Client) -> None:
    reply = DRAFTS["en"]
    full = client.post("/v1/check", json={"reply": reply, "lang": "en"}).json()
    assert len(full["findings"]) >= 2
    no_shouting = client.post(
        "/v1/check", json={"reply": reply, "lang": "en", "options": {"disabled_categories": ["shouting"]}}
    ).json()
    assert no_shouting["findings"] and all(f["category"] != "shouting" for f in no_shouting["findings"])
    first = full["findings"][0]
    without_rule = client.post(
        "/v1/check", json={"reply": reply, "lang": "en", "options": {"disabled_rules": [first["rule_id"]]}}
    ).json()
    assert all(f["rule_id"] != first["rule_id"] for f in without_rule["findings"])
    ignored = client.post(
        "/v1/check",
        json={"reply": reply, "lang": "en", "options": {"ignored_fingerprints": [first["fingerprint"]]}},
    ).json()
    assert first["fingerprint"] not in {f["fingerprint"] for f in ignored["findings"]}
    assert len(ignored["findings"]) < len(full["findings"])
    errors_only = client.post(
        "/v1/check", json={"reply": reply, "lang": "en", "options": {"min_severity": "error"}}
    ).json()
    assert all(f["severity"] == "error" for f in errors_only["findings"])
    assert errors_only["score"] >= full["score"]


def test_api_check_batch_keeps_order_and_isolates_a_bad_item(client: httpx.Client) -> None:
    items = [
        {"reply": DRAFTS["en"]},
        {"reply": ""},
        {"reply": DRAFTS["he"], "lang": "he"},
        {"reply": "Hello", "lang": "klingon"},
        {"reply": 42},
        {"reply": DRAFTS["da"], "customer": "Min pakke er ikke kommet!!"},
    ]
    response = client.post("/v1/check/batch", json={"items": items})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["index"] for r in results] == list(range(len(items)))
    assert [r["report"] is not None for r in results] == [True, False, True, False, False, True]
    assert results[1]["error"]["code"] == "TC101"
    assert results[3]["error"]["code"] == "TC110"
    assert results[4]["error"]["code"] == "API007"
    assert results[0]["report"]["language"] == "en"
    assert results[2]["report"]["language"] == "he"
    assert results[5]["report"]["language"] == "da"


def test_api_check_batch_options_apply_to_every_item(client: httpx.Client) -> None:
    items = [{"reply": DRAFTS[lang]} for lang in sorted(DRAFTS)]
    results = client.post(
        "/v1/check/batch", json={"items": items, "options": {"disabled_categories": ["shouting"]}}
    ).json()["results"]
    assert all(f["category"] != "shouting" for r in results for f in r["report"]["findings"])
