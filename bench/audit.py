"""Benchmark of `tonecheck audit`: rows/s with --jobs 1 and 2, peak RSS for 50k vs N rows, the Dask engine.

    .venv/bin/python bench/audit.py                 # 200,000 rows (about 3 minutes on 2 cores)
    .venv/bin/python bench/audit.py --rows 20000 --skip-dask

Rows are generated from templates written here (four languages, agents, teams, three months of dates),
then audited by the real command in a subprocess, so the figures include start-up and I/O.
Targets (issue 4): ≥ 1.7× from --jobs 1 to --jobs 2, ≥ 4,000 rows/s with 2 jobs, peak RSS ≤ 500 MB and
not growing with the input.
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import os
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GREETINGS = {
    "en": ["Hi {name},", "Hello {name},", "Dear {name},", "Hey {name}!"],
    "da": ["Hej {name},", "Kære {name},", "Hejsa {name}!", "Goddag {name},"],
    "pt": ["Olá {name},", "Oi {name}!", "Prezada {name},", "Bom dia, {name}."],
    "he": ["שלום {name},", "היי {name},", "{name} שלום,", "בוקר טוב {name},"],
}
BODIES = {
    "en": [
        "Sorry about the delay with order {order}. I've asked the warehouse to ship it today.",
        "Thanks for flagging this. I've refunded {amount} to your card; it shows up in 3-5 days.",
        "We apologise for any inconvenience this may have caused. Your call is important to us.",
        "As clearly stated in our terms, you should have cancelled before the deadline.",
        "That's not possible. We don't offer refunds on sale items.",
        "Great, another password reset. Obviously you didn't read the e-mail we sent.",
        "That's not my department, please contact billing.",
        "I guarantee this will never happen again.",
        "I've checked order {order}: it left our warehouse yesterday and should arrive on {day}.",
        "Please be advised that we will look into it at some point.",
    ],
    "da": [
        "Beklager forsinkelsen på ordre {order}. Jeg har bedt lageret sende den i dag.",
        "Tak fordi du sagde til. Jeg har refunderet {amount} til dit kort.",
        "Vi beklager den ulejlighed, det måtte have medført.",
        "Som der tydeligt står i vores betingelser, burde du have læst dem.",
        "Det er ikke muligt. Vi tilbyder ikke refusion på udsalgsvarer.",
        "Det er ikke min afdeling, du må kontakte bogholderiet.",
        "Jeg har tjekket ordre {order}: den blev sendt i går og er fremme {day}.",
        "Jeg lover, at det aldrig sker igen.",
    ],
    "pt": [
        "Desculpe pelo atraso no pedido {order}. Já pedi ao armazém para enviar hoje.",
        "Obrigada por avisar. Estornei {amount} no seu cartão.",
        "Lamentamos qualquer inconveniente causado. Sua ligação é muito importante para nós.",
        "Como já foi dito, você deveria ter lido as regras.",
        "Não é possível. Não fazemos reembolsos em promoções.",
        "Isso não é com o meu setor, procure o financeiro.",
        "Verifiquei o pedido {order}: ele saiu ontem e chega em {day}.",
        "Garanto que isso nunca mais vai acontecer.",
    ],
    "he": [
        "מצטערים על העיכוב בהזמנה {order}. ביקשתי מהמחסן לשלוח אותה היום.",
        "תודה שעדכנת. החזרתי {amount} לכרטיס שלך.",
        "אנו מתנצלים על אי הנוחות שנגרמה.",
        "כפי שכתוב בבירור באתר, היית צריך לקרוא את התנאים.",
        "זה לא אפשרי. אנחנו לא מחזירים כסף על מבצעים.",
        "זו לא המחלקה שלי, תפנה למחלקת הכספים.",
        "בדקתי את ההזמנה {order}: היא יצאה אתמול ותגיע ב-{day}.",
        "אני מבטיח שזה לא יקרה שוב.",
    ],
}
CLOSINGS = {
    "en": ["Is there anything else I can help with?", "Best regards, {agent}", "Thanks, {agent}", ""],
    "da": ["Er der andet, jeg kan hjælpe med?", "Venlig hilsen {agent}", "Mvh {agent}", ""],
    "pt": ["Posso ajudar em mais alguma coisa?", "Atenciosamente, {agent}", "Abraço, {agent}", ""],
    "he": ["יש עוד משהו שאוכל לעזור בו?", "בברכה, {agent}", "תודה, {agent}", ""],
}
CUSTOMERS = {
    "en": ["Where is my order {order}?? It's been two weeks!", "Can I change my delivery address?",
           "You charged me twice. Fix it NOW.", "How do I reset my password?"],
    "da": ["Hvor er min ordre {order}? Det er to uger siden!", "Kan jeg ændre min adresse?",
           "I har trukket mig to gange!!", "Hvordan nulstiller jeg min adgangskode?"],
    "pt": ["Cadê meu pedido {order}?? Já faz duas semanas!", "Posso mudar o endereço de entrega?",
           "Vocês me cobraram duas vezes!!", "Como eu troco minha senha?"],
    "he": ["איפה ההזמנה {order}? עברו שבועיים!", "אפשר לשנות כתובת למשלוח?",
           "חייבתם אותי פעמיים!!", "איך מאפסים סיסמה?"],
}
NAMES = {"en": ["Sam", "Alex", "Jordan"], "da": ["Mette", "Søren", "Freja"], "pt": ["Ana", "João", "Beatriz"],
         "he": ["דנה", "יוסי", "נועה"]}
LANGS = ("en", "da", "pt", "he")


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Write `rows` realistic export rows (id, date, agent, team, lang, customer, reply) to a CSV file."""
    rng = random.Random(seed)
    agents = [f"agent{i:02d}" for i in range(30)]
    teams = ["billing", "shipping", "returns", "tech", "vip"]
    start = date(2026, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "date", "agent", "team", "lang", "customer", "reply"])
        for i in range(rows):
            lang = LANGS[i % 4]
            agent = agents[rng.randrange(30)]
            fill = {"name": rng.choice(NAMES[lang]), "order": f"#{rng.randrange(10**5, 10**6)}",
                    "amount": f"{rng.randrange(5, 400)},{rng.randrange(100):02d}",
                    "day": (start + timedelta(days=rng.randrange(120))).isoformat(), "agent": agent}
            parts = [rng.choice(GREETINGS[lang]), *rng.sample(BODIES[lang], rng.choice((1, 2, 2, 3))),
                     rng.choice(CLOSINGS[lang])]
            reply = "\n".join(part for part in parts if part).format(**fill)
            writer.writerow([f"r{i:07d}", (start + timedelta(days=i * 90 // rows)).isoformat(), agent,
                             teams[int(agent[-2:]) % 5], lang,
                             rng.choice(CUSTOMERS[lang]).format(**fill), reply])


def run(args: list[str], work: Path) -> tuple[float, float, float]:
    """Run `python -m tonecheck.audit ARGS` in `work` (not the checkout, so `-m` imports the installed
    tonecheck): (wall seconds, CPU seconds of it and its workers, peak RSS in MB of its largest process)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "tonecheck.audit", *args], cwd=work,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"audit failed: {process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def partition(source: Path, rows: int, folder: Path, parts: int) -> None:
    """Split the CSV into Parquet files, as a partitioned export would be."""
    import pandas as pd

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.parquet"):
        old.unlink()
    chunks = pd.read_csv(source, dtype=str, keep_default_na=False, chunksize=-(-rows // parts))
    for number, chunk in enumerate(chunks):
        chunk.to_parquet(folder / f"part-{number:03d}.parquet", index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--small", type=int, default=50_000, help="the smaller input for the RSS comparison")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--only-dask", action="store_true", help="skip the local-engine runs")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out" / "audit")
    options = parser.parse_args()
    work = options.work
    work.mkdir(parents=True, exist_ok=True)
    big, small = work / f"rows-{options.rows}.csv", work / f"rows-{options.small}.csv"
    for path, rows in ((big, options.rows), (small, options.small)):
        if not path.exists():
            generate(path, rows)

    print(f"load average before the runs: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs "
          "(other processes on the machine skew the wall-clock figures)", flush=True)
    if not options.only_dask:
        local_engine(options, work, big, small)
    if not options.skip_dask:
        parts = work / "parts"
        partition(big, options.rows, parts, 8)
        dask_out = work / "dask.parquet"
        seconds, cpu, _ = run([str(parts), "--engine", "dask", "--jobs", "2", "--out", str(dask_out)], work)
        print(f"dask engine, local cluster of 2 worker processes: {options.rows:,} rows in {seconds:.1f} s = "
              f"{options.rows / seconds:,.0f} rows/s ({options.rows / cpu:,.0f} rows per CPU-second, "
              "client and cluster processes together)")


def local_engine(options: argparse.Namespace, work: Path, big: Path, small: Path) -> None:
    """--jobs 1 and --jobs 2 on the big input, then --jobs 1 on the small one for the RSS comparison."""
    results = {}
    for jobs in (1, 2):
        out = work / f"out-jobs{jobs}.jsonl"
        seconds, cpu, rss = run([str(big), "--out", str(out), "--jobs", str(jobs)], work)
        results[jobs] = (options.rows / seconds, rss)
        print(f"--jobs {jobs}: {options.rows:,} rows in {seconds:.1f} s = "
              f"{options.rows / seconds:,.0f} rows/s ({options.rows / cpu:,.0f} rows per CPU-second), "
              f"peak RSS {rss:.0f} MB", flush=True)
    # streamed comparison: reading both files whole would inflate the next child's peak RSS (fork)
    same = filecmp.cmp(work / "out-jobs1.jsonl", work / "out-jobs2.jsonl", shallow=False)
    print(f"scaling --jobs 2 / --jobs 1: {results[2][0] / results[1][0]:.2f}x "
          f"(target ≥ 1.7x; outputs identical: {same})", flush=True)
    _, _, rss_small = run([str(small), "--out", str(work / "out-small.jsonl")], work)
    print(f"peak RSS, --jobs 1: {rss_small:.0f} MB for {options.small:,} rows, "
          f"{results[1][1]:.0f} MB for {options.rows:,} rows (target ≤ 500 MB, not growing)", flush=True)

if __name__ == "__main__":
    main()
