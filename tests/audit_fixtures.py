"""Shared test data for the audit tests: small helpdesk exports in four languages, written for these tests."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

#: (language, customer message, reply): a mix of replies that read well and replies that don't.
SAMPLES: list[tuple[str, str, str]] = [
    ("en", "My parcel is two weeks late and nobody answers!!!",
     "We apologise for any inconvenience this may have caused. As clearly stated on our website, "
     "deliveries can take up to 20 days. You should have read the terms before ordering."),
    ("en", "Can I change the colour of my order?",
     "Hi Sam, yes of course! I have changed it to blue for you. Is there anything else I can help with?"),
    ("en", "I was charged twice for order 4471.",
     "That's not possible. We don't do refunds for card payments. Please be advised that your call is "
     "important to us."),
    ("en", "The app crashes every time I log in.",
     "Sorry about that, that's really annoying. I've reset your session; please try again and tell me "
     "if it still happens."),
    ("en", "Where is my refund?? This is ridiculous.",
     "Great, another customer who can't read. It's not my fault, I didn't make the rules. Calm down."),
    ("da", "Min pakke er ikke kommet, og det er tredje gang!",
     "Vi beklager den ulejlighed, det måtte have medført. Som der tydeligt står i vores betingelser, "
     "burde du have læst dem."),
    ("da", "Kan jeg få en faktura på min ordre?",
     "Hej Mette, selvfølgelig. Jeg har sendt fakturaen til din mail. Er der andet, jeg kan hjælpe med?"),
    ("da", "Jeg er blevet trukket to gange!",
     "Det er ikke muligt. Det er ikke min afdeling, du må kontakte økonomi."),
    ("pt", "Meu pedido chegou quebrado e ninguém me responde!",
     "Lamentamos qualquer inconveniente causado. Como já foi dito, você deveria ter lido as regras."),
    ("pt", "Posso trocar o endereço de entrega?",
     "Olá Ana, claro! Já atualizei o endereço para você. Posso ajudar em mais alguma coisa?"),
    ("pt", "Fui cobrado duas vezes!!",
     "Não é possível. Não fazemos reembolsos. Não é culpa minha."),
    ("he", "ההזמנה שלי לא הגיעה כבר שבועיים!",
     "אנו מתנצלים על אי הנוחות שנגרמה. כפי שכתוב בבירור באתר, היית צריך לקרוא את התנאים."),
    ("he", "אפשר לשנות את כתובת המשלוח?",
     "היי דנה, בטח! עדכנתי את הכתובת. יש עוד משהו שאוכל לעזור בו?"),
    ("he", "חייבו אותי פעמיים!",
     "זה לא אפשרי. זו לא המחלקה שלי, תפנה למחלקת הכספים."),
]

AGENTS = ("ana", "bo", "chen", "dina", "emil")
TEAMS = ("billing", "shipping")


def make_rows(n: int, with_lang: bool = True) -> list[dict[str, Any]]:
    """n export rows cycling through SAMPLES, with agent, team and a date over three weeks."""
    rows = []
    for i in range(n):
        lang, customer, reply = SAMPLES[i % len(SAMPLES)]
        row = {
            "id": f"t{i:05d}",
            "customer": customer,
            "reply": reply,
            "agent": AGENTS[i % len(AGENTS)],
            "team": TEAMS[(i // 3) % len(TEAMS)],
            "date": f"2026-03-{1 + i % 21:02d}T10:{i % 60:02d}:00",
        }
        if with_lang:
            row["lang"] = lang
        rows.append(row)
    return rows


def write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def write_parquet(path: Path, rows: list[dict[str, Any]], row_group_size: int = 16) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "parquet": write_parquet}


def read_output(path: Path) -> list[dict[str, Any]]:
    """An audit output file (any format) as row dicts, with findings and lists decoded."""
    from tonecheck.audit.resume import read_results

    if path.suffix == ".parquet":
        rows = pq.read_table(path).to_pylist()
        for row in rows:
            row["findings"] = json.loads(row["findings"])
        return rows
    return list(read_results(path))
