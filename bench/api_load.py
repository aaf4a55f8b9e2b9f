"""Load test for the HTTP service: starts it on loopback, drives it, prints throughput, latency and memory.

    .venv/bin/python bench/api_load.py                      # 1 and 2 workers, both check placements
    .venv/bin/python bench/api_load.py --soak 100000        # the full memory target
    .venv/bin/python bench/api_load.py --workers 2 --modes event_loop --duration 20

For each worker count and check placement (`TONECHECK_RUN_CHECKS_IN`: on the event loop or in the
threadpool) it runs:
- closed loop: `--connections` keep-alive clients sending as fast as answers come, for `--duration` s;
- fixed rate: `--rate` requests/s spread over a pool of connections, latency measured from each request's
  scheduled time (so a stall counts fully, not just the requests that happened to be sent);
- fixed rate with a background client sending batches of `--batch-items` replies back to back: shows
  whether a large batch stalls small requests;
and finally a soak of `--soak` replies, each with never-seen words, reporting the servers' RSS growth.

The client is a small raw-socket HTTP/1.1 client on asyncio (uvloop when installed): on this 2-core
machine a heavier client would take the CPU the server needs. Targets (issue #3): >= 1,000 checks/s with
2 workers, p99 <= 20 ms at 200 req/s, zero errors, RSS growth <= 10% over 100,000 unique replies.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

REPLIES = [
    ("en", "Hi Sam, thanks for your patience. I've refunded the order and you'll see it in 3-5 days.", None),
    (
        "en",
        "As clearly stated in our policy, we don't do refunds. You should have read the terms!!",
        "My order arrived broken and nobody answers!!",
    ),
    ("en", "We apologise for any inconvenience this may have caused. Your call is important to us.", None),
    (
        "da",
        "Hej Mette, tak for din tålmodighed. Jeg har sendt en ny pakke i dag, og du får et sporingsnummer.",
        None,
    ),
    (
        "da",
        "Som der tydeligt står i vores betingelser, kan vi ikke refundere. Du burde have læst dem.",
        "Min pakke er ikke kommet, og ingen svarer!!",
    ),
    ("pt", "Olá Ana, obrigado pela paciência. Já reembolsei o pedido e o valor aparece em 3 a 5 dias.", None),
    (
        "pt",
        "Como está claramente escrito na nossa política, não fazemos reembolsos. Devia ter lido os termos.",
        "O meu pedido chegou partido e ninguém responde!!",
    ),
    ("he", "שלום דנה, תודה על הסבלנות. החזרתי את הכסף ותראי אותו תוך 3-5 ימים.", None),
    (
        "he",
        "כפי שכבר אמרתי, אנחנו לא יכולים להחזיר כסף. היית צריכה לקרוא את התנאים!!",
        "ההזמנה הגיעה שבורה ואף אחד לא עונה!!",
    ),
]
SOAK_TEMPLATES = {
    "en": "Hi {w}, thanks for writing about order {n}. We don't do {v} refunds, sorry!!",
    "da": "Hej {w}, tak for din besked om ordre {n}. Vi kan ikke sende {v} i dag!!",
    "pt": "Olá {w}, obrigado pela mensagem sobre o pedido {n}. Não fazemos {v} aqui!!",
    "he": "שלום {w}, תודה על ההודעה לגבי הזמנה {n}. אנחנו לא יכולים {v} היום!!",
}


# -- the service ------------------------------------------------------------------------------------------


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]

    def pids(self) -> list[int]:
        """The uvicorn process and its worker processes."""
        found, queue = [], [self.process.pid]
        while queue:
            pid = queue.pop()
            found.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*/children"):
                queue += [int(child) for child in task.read_text().split()]
        return found

    def cpu_seconds(self) -> dict[int, float]:
        """CPU time (user + system) each of the service's processes has used so far."""
        used = {}
        for pid in self.pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return used

    def rss_mib(self) -> dict[int, float]:
        rss = {}
        for pid in self.pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss[pid] = int(line.split()[1]) / 1024
        return rss


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_service(workers: int, mode: str, batch_items: int) -> Iterator[Server]:
    port = free_port()
    with tempfile.TemporaryDirectory() as scratch:
        env = os.environ | {
            "TONECHECK_RUN_CHECKS_IN": mode,
            "TONECHECK_LOG_LEVEL": "warning",
            "TONECHECK_MAX_BATCH_ITEMS": str(max(batch_items, 64)),
            "TONECHECK_FEEDBACK_DATABASE_URL": f"sqlite:///{scratch}/feedback.db",
        }
        command = [
            sys.executable,
            "-m",
            "api",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ]
        log = Path(scratch) / "service.log"
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
        server = Server(port, process)
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    tail = log.read_text(errors="replace")[-3000:]
                    raise SystemExit(f"the service exited with {process.returncode}:\n{tail}")
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as answer:
                        if answer.status == 200 and len(server.pids()) >= (1 if workers == 1 else workers + 1):
                            break
                except OSError:
                    pass
                time.sleep(0.2)
            time.sleep(1.0 * workers)  # every worker has loaded its lexicons, not only the first to answer
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


# -- a small HTTP/1.1 keep-alive client -------------------------------------------------------------------


def post(path: str, payload: object, port: int) -> bytes:
    body = json.dumps(payload, ensure_ascii=False).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


class Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return cls(reader, writer)

    async def request(self, raw: bytes) -> tuple[int, bytes]:
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    checks: int = 0

    def add(self, seconds: float, ok: bool, checks: int = 1) -> None:
        self.latencies.append(seconds)
        if ok:
            self.checks += checks
        else:
            self.errors += 1

    def line(self, label: str, elapsed: float) -> str:
        lat = sorted(self.latencies) or [0.0]
        p50, p95, p99 = (lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 for q in (0.50, 0.95, 0.99))
        return (
            f"{label:<44} {len(self.latencies) / elapsed:>8.0f} req/s {self.checks / elapsed:>8.0f} checks/s"
            f"  p50 {p50:6.2f}  p95 {p95:6.2f}  p99 {p99:6.2f}  max {lat[-1] * 1000:7.1f} ms"
            f"  errors {self.errors}"
        )


def cpu_line(before: dict[int, float], after: dict[int, float], requests: int) -> str:
    """Service CPU per request (what throughput a free core allows) and how the workers shared the load."""
    used = {pid: after[pid] - before.get(pid, 0.0) for pid in after}
    total = sum(used.values())
    per_request = total / max(1, requests) * 1000
    shares = " / ".join(f"{u / total:.0%}" for u in sorted(used.values(), reverse=True) if u > 0.01 * total)
    return (
        f"  (service CPU {per_request:.2f} ms a request, so at most {1000 / per_request:.0f} req/s per free "
        f"core; CPU shared {shares} between processes)"
    )


def check_requests(port: int) -> list[bytes]:
    return [post("/v1/check", {"reply": reply, "customer": customer}, port) for _, reply, customer in REPLIES]


async def closed_loop(port: int, connections: int, duration: float) -> tuple[Tally, float]:
    requests, tally = check_requests(port), Tally()
    stop = time.perf_counter() + duration

    async def client(offset: int) -> None:
        connection = await Connection.open(port)
        i = offset
        while time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                status, _ = await connection.request(requests[i % len(requests)])
            except (OSError, asyncio.IncompleteReadError):
                tally.add(time.perf_counter() - started, False)
                connection = await Connection.open(port)
                continue
            tally.add(time.perf_counter() - started, status == 200)
            i += 1
        connection.close()

    began = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(connections)))
    return tally, time.perf_counter() - began


async def fixed_rate(port: int, rate: float, duration: float, batch_items: int = 0) -> tuple[Tally, float]:
    """`rate` single checks a second from a pool of connections; optionally a batch client alongside."""
    requests, tally = check_requests(port), Tally()
    pool: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(16):
        pool.put_nowait(await Connection.open(port))
    done = asyncio.Event()
    batches = Tally()

    async def batch_client() -> None:
        connection = await Connection.open(port)
        items = [{"reply": reply, "customer": customer} for _, reply, customer in REPLIES]
        raw = post("/v1/check/batch", {"items": (items * (batch_items // len(items) + 1))[:batch_items]}, port)
        while not done.is_set():
            started = time.perf_counter()
            status, _ = await connection.request(raw)
            batches.add(time.perf_counter() - started, status == 200, batch_items)
        connection.close()

    async def one(scheduled: float, raw: bytes) -> None:
        connection = await pool.get()
        try:
            status, _ = await connection.request(raw)
            tally.add(time.perf_counter() - scheduled, status == 200)
            pool.put_nowait(connection)
        except (OSError, asyncio.IncompleteReadError):
            tally.add(time.perf_counter() - scheduled, False)
            pool.put_nowait(await Connection.open(port))

    background = asyncio.create_task(batch_client()) if batch_items else None
    began = time.perf_counter()
    tasks = []
    for i in range(int(rate * duration)):
        scheduled = began + i / rate
        await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
        tasks.append(asyncio.create_task(one(scheduled, requests[i % len(requests)])))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - began
    done.set()
    if background:
        await background
        print(
            f"  (background batches of {batch_items}: {batches.checks / elapsed:.0f} checks/s, "
            f"median batch {statistics.median(batches.latencies or [0]) * 1000:.1f} ms)"
        )
    while not pool.empty():
        pool.get_nowait().close()
    return tally, elapsed


async def soak(server: Server, count: int, connections: int) -> None:
    rng = random.Random(3)
    langs = sorted(SOAK_TEMPLATES)

    def unique(i: int) -> bytes:
        lang = langs[i % 4]
        word = "".join(rng.choices(string.ascii_lowercase, k=9)) + str(i)
        other = "".join(rng.choices(string.ascii_lowercase, k=7)) + "q" + str(i)
        reply = SOAK_TEMPLATES[lang].format(w=word.capitalize(), v=other, n=i)
        return post("/v1/check", {"reply": reply, "lang": lang}, server.port)

    async def drive(start: int, stop: int) -> int:
        errors = 0
        connection = await Connection.open(server.port)
        for i in range(start, stop):
            status, _ = await connection.request(unique(i))
            errors += status != 200
        connection.close()
        return errors

    async def run(first: int, total: int) -> int:
        share = total // connections
        parts = [drive(first + k * share, first + (k + 1) * share) for k in range(connections)]
        return sum(await asyncio.gather(*parts))

    warm = max(1000, count // 50)
    await run(0, warm)
    before = server.rss_mib()
    began = time.perf_counter()
    errors = await run(warm, count)
    elapsed = time.perf_counter() - began
    after = server.rss_mib()
    for pid in sorted(after):
        grown = after[pid] - before.get(pid, after[pid])
        print(
            f"  pid {pid}: RSS {before.get(pid, 0):.1f} → {after[pid]:.1f} MiB "
            f"({grown:+.1f} MiB, {grown / max(before.get(pid, 1), 1):+.1%})"
        )
    total_before, total_after = sum(before.values()), sum(after.values())
    print(
        f"soak: {count} unique replies in {elapsed:.1f} s ({count / elapsed:.0f}/s), errors {errors}; "
        f"RSS {total_before:.1f} → {total_after:.1f} MiB ({(total_after - total_before) / total_before:+.1%})"
    )


def run_phases(server: Server, workers: int, mode: str, args: argparse.Namespace) -> None:
    """Closed loop, fixed rate, fixed rate beside batches: one line each."""
    label = f"{workers} worker(s), {mode},"
    cpu = server.cpu_seconds()
    tally, elapsed = asyncio.run(closed_loop(server.port, args.connections, args.duration))
    print(tally.line(f"{label} closed loop", elapsed))
    print(cpu_line(cpu, server.cpu_seconds(), len(tally.latencies)))
    tally, elapsed = asyncio.run(fixed_rate(server.port, args.rate, args.rate_duration))
    print(tally.line(f"{label} {args.rate:.0f} req/s", elapsed))
    if args.batch_items:
        tally, elapsed = asyncio.run(fixed_rate(server.port, args.rate, args.rate_duration, args.batch_items))
        print(tally.line(f"{label} {args.rate:.0f} req/s + batches", elapsed))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", default="1,2", help="worker counts to try, comma-separated")
    parser.add_argument("--modes", default="event_loop,threadpool", help="TONECHECK_RUN_CHECKS_IN values")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per closed-loop run")
    parser.add_argument("--rate", type=float, default=200.0, help="requests/s of the fixed-rate run")
    parser.add_argument("--rate-duration", type=float, default=10.0)
    parser.add_argument("--batch-items", type=int, default=64, help="background batch size (0: skip)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each phase (a shared machine is noisy)")
    parser.add_argument("--soak", type=int, default=20_000, help="unique replies for the RSS run (0: skip)")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # runs are long: show each line as it comes
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    print(
        f"tonecheck API load test: {os.cpu_count()} CPUs, {args.connections} connections, "
        f"{args.duration:.0f} s closed loop, {args.rate:.0f} req/s fixed rate for {args.rate_duration:.0f} s"
    )
    for workers in (int(w) for w in args.workers.split(",")):
        # Every placement runs at once and the rounds alternate between them, so that a busy neighbour on a
        # shared machine slows each of them alike instead of whichever happened to be running.
        with ExitStack() as stack:
            servers = {
                mode: stack.enter_context(running_service(workers, mode, args.batch_items))
                for mode in args.modes.split(",")
            }
            for server in servers.values():
                asyncio.run(closed_loop(server.port, 4, 1.0))  # warm every worker
            for _ in range(args.repeat):
                for mode, server in servers.items():
                    run_phases(server, workers, mode, args)
    if args.soak:
        with running_service(1, args.modes.split(",")[0], args.batch_items) as server:
            asyncio.run(soak(server, args.soak, 4))


if __name__ == "__main__":
    main()
