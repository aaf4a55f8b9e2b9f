"""The local engine with --jobs, check_frame, the command line and its exit codes."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from audit_fixtures import WRITERS, make_rows, read_output

from tonecheck.audit import check_frame
from tonecheck.audit.cli import main
from tonecheck.audit.engine_local import run_local
from tonecheck.audit.options import AuditOptions
from tonecheck.audit.progress import Progress


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = make_rows(240)
    rows[17]["reply"] = ""
    return WRITERS["csv"](tmp_path_factory.mktemp("export") / "export.csv", rows)


def test_engine_local_jobs_2_writes_exactly_what_jobs_1_writes(tmp_path: Path, export: Path) -> None:
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}.jsonl"
        run_local(AuditOptions(inputs=(str(export),), out=str(out), jobs=jobs, chunk_size=16,
                               group_by=("agent",), progress=False))
        outputs[jobs] = out.read_bytes()
    assert outputs[1].count(b"\n") == 240
    assert outputs[2] == outputs[1]


def test_frame_check_frame_keeps_index_and_order_and_matches_the_engine(tmp_path: Path) -> None:
    rows = make_rows(30)
    rows[3]["reply"] = None
    frame = pd.DataFrame(rows, index=[f"r{i}" for i in range(30)])
    result = check_frame(frame, lang_column="lang")
    assert list(result.index) == list(frame.index)
    assert list(result["id"]) == [row["id"] for row in rows]
    assert result.loc["r3", "error"].startswith("TC401") and pd.isna(result.loc["r3", "score"])
    out = tmp_path / "out.jsonl"
    source = WRITERS["jsonl"](tmp_path / "in.jsonl", rows)
    run_local(AuditOptions(inputs=(str(source),), out=str(out), lang_column="lang", progress=False))
    engine = read_output(out)
    assert [None if pd.isna(s) else int(s) for s in result["score"]] == [row["score"] for row in engine]
    assert [list(r) for r in result["rule_ids"]] == [row["rule_ids"] for row in engine]
    assert list(result["rewrite"]) == [row["rewrite"] for row in engine]


def test_frame_check_frame_without_id_column_uses_the_index() -> None:
    frame = pd.DataFrame({"reply": ["Thanks, your refund is on its way.", ""]}, index=[10, 11])
    result = check_frame(frame)
    assert list(result["id"]) == ["10", "11"]
    assert result.loc[10, "error"] == "" and result.loc[11, "error"].startswith("TC101")


def test_cli_fail_under_sets_the_exit_code(export: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(export), "--fail-under", "0"]) == 0
    out = capsys.readouterr().out
    assert "tonecheck audit summary" in out and "rows 240" in out
    assert main([str(export), "--fail-under", "100.5"]) == 1
    assert "is below --fail-under 100.5" in capsys.readouterr().err


def test_cli_tonecheck_audit_subcommand_is_registered(export: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from tonecheck.cli import main as tonecheck_main

    out = tmp_path / "results.csv"
    assert tonecheck_main(["audit", str(export), "--group-by", "agent,team", "--out", str(out)]) == 0
    assert "team (lowest average first)" in capsys.readouterr().out
    assert len(read_output(out)) == 240


def test_cli_bad_input_is_exit_2_with_a_clear_message(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv: no such file" in capsys.readouterr().err
    assert main([str(tmp_path / "x.csv"), "--resume"]) == 2


def test_cli_is_import_light_and_logs_plain_lines_off_a_terminal(export: Path, tmp_path: Path) -> None:
    probe = "import sys, tonecheck.audit, tonecheck.audit.cli; print('pandas' in sys.modules)"
    imported = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert imported.stdout.strip() == "False", imported.stderr
    done = subprocess.run([sys.executable, "-m", "tonecheck.audit", str(export), "--report",
                           str(tmp_path / "r.html")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "audit: 240 rows in" in done.stderr and "\r" not in done.stderr
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_engine_local_a_broken_config_stops_jobs_2_with_its_error(export: Path, tmp_path: Path) -> None:
    config = tmp_path / "tonecheck.toml"
    config.write_text("disabled_rules = [unclosed\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tonecheck.audit", str(export), "--jobs", "2", "--config",
                           str(config)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "TC302" in done.stderr and "not valid TOML" in done.stderr


def test_progress_draws_a_bar_with_rate_and_eta_on_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(total=1000, bar=True, stream=stream)
    progress.update(400)
    progress.update(600)
    progress.close()
    drawn = stream.getvalue()
    assert "1.00k/1.00k" in drawn and "row/s" in drawn and "<" in drawn
    assert "audit: 1,000 rows in" in drawn
