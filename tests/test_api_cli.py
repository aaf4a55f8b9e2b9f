"""`serve`'s command line: import-light, and its flags."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

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
    assert (args.host, args.port, args.workers, args.reload, args.func) == ("0.0.0.0", 9001, 2, False, serve)
