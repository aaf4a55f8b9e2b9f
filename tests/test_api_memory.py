"""A bounded soak: thousands of replies full of never-seen words must not make the service grow."""

from __future__ import annotations

import random
import string
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from service_fixtures import Service

pytestmark = pytest.mark.service
pytest_plugins = ["service_fixtures"]

WARM_UP = 300
SOAK = 3000
# Of the resident size after warm-up. spaCy keeps unseen words until the library recycles a language's
# vocabulary (measured ~1.6 MiB per 1,000 such replies before that), so this catches a leak per request
# (10 KB a request would be +30 MB here); bench/api_load.py --soak 100000 measures the long run.
MAX_GROWTH = 0.05

TEMPLATES = {
    "en": "Hi {w}, thanks for writing about order {n}. We don't do {w2} refunds, sorry!!",
    "da": "Hej {w}, tak for din besked om ordre {n}. Vi kan ikke sende {w2} i dag!!",
    "pt": "Olá {w}, obrigado pela mensagem sobre o pedido {n}. Não fazemos {w2} aqui!!",
    "he": "שלום {w}, תודה על ההודעה לגבי הזמנה {n}. אנחנו לא יכולים {w2} היום!!",
}


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc status")


def unique_reply(index: int, rng: random.Random) -> dict[str, str]:
    lang = sorted(TEMPLATES)[index % 4]
    word = "".join(rng.choices(string.ascii_lowercase, k=9)) + str(index)
    other = "".join(rng.choices(string.ascii_lowercase, k=7)) + "x" + str(index)
    return {"reply": TEMPLATES[lang].format(w=word.capitalize(), w2=other, n=index), "lang": lang}


def test_api_memory_stays_flat_over_unique_words(client: httpx.Client, service: Service) -> None:
    rng = random.Random(7)
    replies = [unique_reply(i, rng) for i in range(WARM_UP + SOAK)]

    def send(reply: dict[str, str]) -> int:
        return client.post("/v1/check", json=reply).status_code

    with ThreadPoolExecutor(4) as pool:  # keeps the service busy while the client builds requests
        assert set(pool.map(send, replies[:WARM_UP])) == {200}
        before = rss_kib(service.pid)
        assert set(pool.map(send, replies[WARM_UP:])) == {200}
    after = rss_kib(service.pid)
    growth = (after - before) / before
    assert growth <= MAX_GROWTH, f"RSS grew {before} → {after} KiB ({growth:.1%}) over {SOAK} unique replies"
