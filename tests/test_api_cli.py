"""`serve`'s command line: import-light, and its flags."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytest_plugins = ["service_fixtures"]

ROOT = Path(__file__).resolve().parents[1]


def test_api_cli_import_is_light() -> None:
    code = "import sys, api.cli; print({'fastapi', 'uvicorn', 'starlette', 'spacy'} & set(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "set()"


def test_api_cli_register_adds_serve_with_its_flags() -> None:
    from api.cli import register, serve

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["serve", "--host", "0.0.0.0", "--port", "9001", "--workers", "2"])
    assert (args.host, args.port, args.workers, args.reload, args.handler) == ("0.0.0.0", 9001, 2, False, serve)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found |= {int(child), *_children(int(child))}
    return found


@pytest.mark.service
def test_api_cli_serve_two_workers_answers_and_stops_cleanly(tmp_path: Path) -> None:
    from service_fixtures import Service, free_port, wait_until_ready

    port = free_port()
    env = os.environ | {
        "TONECHECK_PRELOAD_LANGUAGES": "false",
        "TONECHECK_LOG_LEVEL": "warning",
        "TONECHECK_FEEDBACK_DATABASE_URL": f"sqlite:///{tmp_path / 'feedback.db'}",
    }
    command = [sys.executable, "-m", "api", "serve", "--port", str(port), "--workers", "2"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_ready(Service("two-workers", f"http://127.0.0.1:{port}", process, tmp_path / "none.log"))
        for _ in range(20):  # fresh connections: the kernel spreads them over both workers' sockets
            assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
        workers = _children(process.pid)
        assert len(workers) >= 2
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    deadline = time.monotonic() + 10  # multiprocessing's resource tracker leaves once its pipe closes
    while [pid for pid in workers if Path(f"/proc/{pid}").exists()] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "workers outlived the supervisor"


def test_api_cli_tonecheck_serve_is_wired() -> None:
    code = "import sys; from tonecheck.cli import main; sys.exit(main(['serve', '--help']))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "--workers" in out.stdout and "TONECHECK_" in out.stdout
