"""The real service, started as a subprocess on loopback for the `service` and `browser` tests.

Test modules load it as a plugin (`pytest_plugins = ["service_fixtures"]`), so each session fixture
starts its service once per test session however many modules use it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 60
API_KEYS = ("first-key-0123456789", "second-key-abcdefghij")
CORS_ORIGIN = "https://helpdesk.example"


@dataclass
class Service:
    """A running service: where to reach it, its process, and its log."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch_service(name: str, workdir: Path, env: dict[str, str] | None = None) -> Service:
    """Start `uvicorn api.main:app` on a free loopback port, logging into `workdir`; do not wait."""
    port = free_port()
    log = workdir / f"{name}.log"
    environment = (
        os.environ
        | {
            "TONECHECK_FEEDBACK_DATABASE_URL": f"sqlite:///{workdir / f'{name}-feedback.db'}",
            "TONECHECK_LOG_LEVEL": "info",
            "TONECHECK_MAX_BATCH_ITEMS": "16",
            "PYTHONUNBUFFERED": "1",  # the log file is read while the service runs
        }
        | (env or {})
    )
    command = [sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=sink, stderr=subprocess.STDOUT)
    return Service(name, f"http://127.0.0.1:{port}", process, log)


def wait_until_ready(service: Service) -> Service:
    """Poll /readyz until it answers 200; fail with the service's log if it exits or never does."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            raise RuntimeError(f"the service exited with {service.process.returncode}:\n{service.log_text()}")
        try:
            if httpx.get(f"{service.url}/readyz", timeout=1).status_code == 200:
                return service
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the service was not ready within {STARTUP_SECONDS} s:\n{service.log_text()}")


def stop_service(service: Service) -> None:
    if service.process.poll() is None:
        service.process.terminate()
        try:
            service.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            service.process.kill()
            service.process.wait()


@pytest.fixture(scope="session")
def launched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Service]]:
    """Both service configurations, launched together so that their start-ups overlap."""
    configurations = {
        "default": {},
        "keyed": {
            "TONECHECK_API_KEYS": ",".join(API_KEYS),
            "TONECHECK_CORS_ORIGINS": CORS_ORIGIN,
            "TONECHECK_PRELOAD_LANGUAGES": "false",  # its tests check English only: start faster
        },
    }
    services = {name: launch_service(name, tmp_path_factory.mktemp(name), env) for name, env in configurations.items()}
    yield services
    for started in services.values():
        stop_service(started)


@pytest.fixture(scope="session")
def service(launched: dict[str, Service]) -> Service:
    """The service with default settings (and a batch limit of 16 items)."""
    return wait_until_ready(launched["default"])


@pytest.fixture(scope="session")
def keyed_service(launched: dict[str, Service]) -> Service:
    """The service with two API keys and one CORS origin configured."""
    return wait_until_ready(launched["keyed"])


@pytest.fixture(scope="session")
def api_keys() -> tuple[str, ...]:
    """The keys `keyed_service` accepts."""
    return API_KEYS


@pytest.fixture
def client(service: Service) -> Iterator[httpx.Client]:
    """An HTTP client for the default service."""
    with httpx.Client(base_url=service.url, timeout=30) as http:
        yield http
