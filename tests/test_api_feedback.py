"""`/v1/feedback`: votes are stored (without any reply text) and summed per rule."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from service_fixtures import Service

pytestmark = pytest.mark.service
pytest_plugins = ["service_fixtures"]


def test_api_feedback_round_trip_and_summary(client: httpx.Client, service: Service) -> None:
    reply = "We DON'T do refunds!!!"
    findings = client.post("/v1/check", json={"reply": reply, "lang": "en"}).json()["findings"]
    assert findings
    finding = findings[0]
    before = {r["rule_id"]: r for r in client.get("/v1/feedback/summary").json()["rules"]}
    votes = ["false_positive", "false_positive", "useful", "false_positive"]
    for verdict in votes:
        vote = {
            "fingerprint": finding["fingerprint"],
            "rule_id": finding["rule_id"],
            "language": "en",
            "verdict": verdict,
        }
        response = client.post("/v1/feedback", json=vote)
        assert response.status_code == 201, response.text
    summary = client.get("/v1/feedback/summary").json()
    rule = next(r for r in summary["rules"] if r["rule_id"] == finding["rule_id"])
    old = before.get(finding["rule_id"], {"useful": 0, "false_positive": 0})
    assert rule["useful"] - old["useful"] == 1
    assert rule["false_positive"] - old["false_positive"] == 3
    assert rule["precision"] == pytest.approx(
        rule["useful"] / (rule["useful"] + rule["false_positive"]), abs=1e-4
    )
    assert summary["total"] >= 4

    database = Path(next(service.log.parent.glob("*-feedback.db")))
    with sqlite3.connect(database) as connection:
        stored = " ".join(str(v) for row in connection.execute("SELECT * FROM feedback") for v in row)
    assert finding["fingerprint"] in stored
    assert "refunds" not in stored and reply not in stored


@pytest.mark.parametrize(
    "vote",
    [
        {"fingerprint": "x", "rule_id": "shouting.all-caps", "language": "en", "verdict": "meh"},
        {"fingerprint": "", "rule_id": "shouting.all-caps", "language": "en", "verdict": "useful"},
        {"fingerprint": "x", "rule_id": "not a rule", "language": "en", "verdict": "useful"},
        {
            "fingerprint": "x",
            "rule_id": "shouting.all-caps",
            "language": "en",
            "verdict": "useful",
            "reply": "the whole reply text",
        },
    ],
    ids=["verdict", "empty-fingerprint", "rule-id", "reply-text"],
)
def test_api_feedback_rejects_invalid_votes(client: httpx.Client, vote: dict) -> None:
    response = client.post("/v1/feedback", json=vote)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "API007"
