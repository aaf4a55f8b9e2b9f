"""Several uvicorn workers, each listening on its own SO_REUSEPORT socket, so the kernel spreads new
connections evenly between them.

uvicorn's own `--workers` shares one listening socket: under load the worker that gets back to waiting
first takes most new connections (measured here: 81% / 19% of the CPU between two workers at 32
connections, see bench/api_load.py). With one socket per worker, Linux hashes each connection to a socket.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import socket
import time
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event as EventType
from typing import Any


def _listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _worker(app: str, options: dict[str, Any], ready: EventType) -> None:
    import uvicorn

    config = uvicorn.Config(app, **options)
    server = uvicorn.Server(config)

    async def serve() -> None:
        serving = asyncio.create_task(server.serve(sockets=[_listening_socket(config.host, config.port)]))
        while not (server.started or serving.done()):
            await asyncio.sleep(0.05)
        if server.started:
            ready.set()
        await serving

    with asyncio.Runner(loop_factory=config.get_loop_factory()) as runner:
        runner.run(serve())


def run_workers(app: str, workers: int, options: dict[str, Any]) -> int:
    """Run `workers` processes serving `app`; restart one that dies; stop all on SIGINT or SIGTERM."""
    context = multiprocessing.get_context("spawn")
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    def start() -> tuple[BaseProcess, EventType]:
        ready = context.Event()
        process = context.Process(target=_worker, args=(app, options, ready))
        process.start()
        return process, ready

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    running = [start() for _ in range(workers)]
    status = 0
    while not stopping:
        for index, (process, ready) in enumerate(running):
            if process.is_alive() or stopping:
                continue
            if not ready.is_set():
                stopping, status = True, 1  # it never came up (port taken, broken lexicons): it would again
                break
            running[index] = start()
        time.sleep(0.2)
    for process, _ in running:
        if process.is_alive():
            process.terminate()
    for process, _ in running:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
    return status
