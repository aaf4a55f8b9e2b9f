"""The command line, run as a user runs it (a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TONECHECK = [sys.executable, "-m", "tonecheck.cli"]


def _run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*TONECHECK, *args], input=stdin, capture_output=True, timeout=120, cwd=cwd)


def test_cli_check_text_json_and_fail_on(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Ana, as I already said, that's not possible!!", encoding="utf-8")
    text = _run("check", str(draft), "--customer", "Where is my refund?!")
    assert text.returncode == 0, text.stderr
    out = text.stdout.decode()
    assert "negative_phrasing" in out and "score" in out and "Suggested rewrite" in out
    as_json = _run("check", str(draft), "--format", "json", "--lang", "en")
    report = json.loads(as_json.stdout)
    assert report["language"] == "en" and report["findings"]
    failing = _run("check", "-", "--fail-on", "warning", stdin=draft.read_bytes())
    assert failing.returncode == 1
    clean = _run("check", "-", "--fail-on", "warning", stdin=b"Thanks, your refund is on its way.")
    assert clean.returncode == 0


def test_cli_check_bad_encoding_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Não é possível".encode("latin-1"))
    result = _run("check", str(bad))
    assert result.returncode == 2 and b"TC104" in result.stderr and b"not UTF-8" in result.stderr
    missing = _run("check", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and b"no such file" in missing.stderr
    empty = _run("check", "-", stdin=b"  \n")
    assert empty.returncode == 2 and b"TC101" in empty.stderr
    unknown = _run("check", "-", "--lang", "klingon", stdin=b"Qapla!")
    assert unknown.returncode == 2 and b"TC110" in unknown.stderr


def test_cli_rules_text_and_json() -> None:
    text = _run("rules", "--lang", "he")
    assert text.returncode == 0 and b"rules" in text.stdout
    rules = json.loads(_run("rules", "--format", "json").stdout)
    assert {r["category"] for r in rules} >= {"sarcasm", "lecturing", "negative_phrasing", "canned_phrase",
                                               "missing_apology", "shouting"}
    assert all(set(r["languages"]) <= {"en", "da", "pt", "he", "common"} for r in rules)


def test_cli_reads_tonecheck_toml_in_working_directory(tmp_path: Path) -> None:
    (tmp_path / "tonecheck.toml").write_text('disabled_categories = ["shouting"]\n', encoding="utf-8")
    result = _run("check", "-", "--format", "json", stdin=b"Thanks!! Your order SHIPS TODAY.", cwd=tmp_path)
    assert "shouting" not in {f["category"] for f in json.loads(result.stdout)["findings"]}


def test_cli_lint_lexicons_reports_broken_custom_folder(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "sarcasm.yml").write_text("category: sarcasm\nentries:\n  - id: x\n", encoding="utf-8")
    result = _run("lint-lexicons", "--lang", "en", "--lexicons", str(tmp_path))
    assert result.returncode == 2 and b"sarcasm.yml" in result.stderr and b"guideline" in result.stderr
