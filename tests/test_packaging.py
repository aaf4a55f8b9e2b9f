"""`pip install .` (not only editable) ships the lexicons: build the wheel, install it apart, use it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_packaging_wheel_ships_lexicons_and_works_installed(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert build.returncode == 0, build.stderr
    wheel = next((tmp_path / "dist").glob("tonecheck-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for lang in ("en", "da", "pt", "he", "common"):
        assert any(n.startswith(f"tonecheck/lexicons/{lang}/") and n.endswith(".yml") for n in names), lang
    assert "api/main.py" in names
    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                              str(wheel)], capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr
    code = ("import tonecheck, sys; from tonecheck.lexicon_loader import builtin_lexicon_root as r;"
            "assert str(r()).startswith(sys.argv[1]), r();"
            "print(tonecheck.check('Hi Ana, that is not possible!!', lang='en').model_dump_json())")
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, text=True,
                         cwd=tmp_path, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert '"shouting"' in run.stdout
