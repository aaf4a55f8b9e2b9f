"""The audit's inputs and outputs: formats, one row per input row, order, malformed files, --resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from audit_fixtures import WRITERS, make_rows, read_output, write_jsonl

from tonecheck.audit.engine_local import run_local
from tonecheck.audit.errors import AuditOptionsError, MalformedFileError, ResumeMismatchError
from tonecheck.audit.options import AuditOptions
from tonecheck.audit.rows import RESULT_FIELDS
from tonecheck.audit.writers import journal_path

FORMATS = ("csv", "jsonl", "parquet")


def audit(inputs: list[Path], out: Path | None = None, **options) -> object:
    options.setdefault("group_by", ("agent", "team"))
    return run_local(AuditOptions(inputs=tuple(map(str, inputs)), out=str(out) if out else None,
                                  progress=False, chunk_size=8, **options))


def comparable(rows: list[dict]) -> list[dict]:
    return [{name: row[name] for name in (*RESULT_FIELDS, "agent", "team", "date")} for row in rows]


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    rows = make_rows(60)
    rows[4]["reply"] = ""
    rows[7]["reply"] = "   \n "
    rows[9]["reply"] = "Hi,\x00 your refund is on its way."
    return rows


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, rows: list[dict]) -> list[dict]:
    """The JSONL → JSONL audit that every other format is compared with."""
    folder = tmp_path_factory.mktemp("reference")
    out = folder / "out.jsonl"
    audit([write_jsonl(folder / "in.jsonl", rows)], out)
    return read_output(out)


@pytest.mark.parametrize("in_fmt", FORMATS)
@pytest.mark.parametrize("out_fmt", FORMATS)
def test_audit_io_round_trip_every_format(tmp_path: Path, rows: list[dict], reference: list[dict],
                                          in_fmt: str, out_fmt: str) -> None:
    source = WRITERS[in_fmt](tmp_path / f"in.{in_fmt}", rows)
    out = tmp_path / f"out.{out_fmt}"
    summary = audit([source], out)
    written = read_output(out)
    assert [row["id"] for row in written] == [row["id"] for row in rows]
    assert comparable(written) == comparable(reference)
    assert summary.total.rows == len(rows)
    assert not journal_path(out).exists()


def test_audit_io_error_rows_are_kept_in_place(reference: list[dict]) -> None:
    errors = {row["id"]: row["error"] for row in reference if row["error"]}
    assert set(errors) == {"t00004", "t00007", "t00009"}
    assert errors["t00004"].startswith("TC101") and errors["t00007"].startswith("TC101")
    assert errors["t00009"].startswith("TC403")
    checked = [row for row in reference if not row["error"]]
    assert all(0 <= row["score"] <= 100 and row["verdict"] in ("send", "review", "rewrite")
               for row in checked)
    assert all(row["score"] is None and row["findings"] == [] for row in reference if row["error"])


def test_audit_io_findings_and_rule_ids_agree(reference: list[dict]) -> None:
    flagged = [row for row in reference if row["findings"]]
    assert flagged, "the sample replies should trigger findings"
    for row in flagged:
        assert row["rule_ids"] == list(dict.fromkeys(f["rule_id"] for f in row["findings"]))
        assert row["categories"] == list(dict.fromkeys(f["category"] for f in row["findings"]))
        assert all({"start", "end", "text", "message", "suggestions", "fingerprint"} <= set(f)
                   for f in row["findings"])


def test_audit_io_bad_jsonl_lines_become_error_rows_naming_the_line(tmp_path: Path) -> None:
    good = make_rows(3)
    source = tmp_path / "in.jsonl"
    bom = "\ufeff"
    lines = [bom + json.dumps(good[0]), '{"id": "broken", "reply": "Hi', "", "[1, 2]", json.dumps(good[1])]
    source.write_bytes("\n".join(lines).encode() + b"\n" + b'{"id": "latin", "reply": "caf\xe9"}\n'
                      + json.dumps({"id": "noreply", "customer": "x"}).encode() + b"\n")
    out = tmp_path / "out.jsonl"
    audit([source], out)
    written = read_output(out)
    assert [row["id"] for row in written] == [
        "t00000", "in.jsonl:2", "in.jsonl:4", "t00001", "latin", "noreply"]
    errors = [row["error"] for row in written]
    assert errors[0] == "" and errors[3] == ""
    assert errors[1].startswith("TC402: line 2 is not valid JSON")
    assert errors[2].startswith("TC405: line 4")
    assert errors[4].startswith("TC406: column 'reply' holds bytes that are not UTF-8")
    assert errors[5].startswith("TC401") and "'reply'" in errors[5]


def test_audit_io_csv_rows_with_bad_bytes_or_extra_fields_become_error_rows(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(
        b"id,reply,customer\n"
        b"a,\"Thanks, it's fixed now.\",\n"
        b"b,caf\xe9 ol\xe9,\n"
        b"c,one,two,three\n"
        b"d,\"A reply\nover two lines.\",\n"
        b"e\n"
    )
    out = tmp_path / "out.csv"
    audit([source], out, group_by=())
    written = read_output(out)
    assert [row["id"] for row in written] == ["a", "b", "c", "d", "e"]
    assert written[0]["error"] == "" and written[3]["error"] == ""
    assert written[1]["error"].startswith("TC406: line 3")
    assert written[2]["error"].startswith("TC404: line 4 has 4 fields")
    assert written[4]["error"].startswith("TC401")


def test_audit_io_csv_with_broken_quoting_names_the_line(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text('id,reply\na,"fine"\nb,"no closing quote\nc,x\n', encoding="utf-8")
    with pytest.raises(MalformedFileError) as caught:
        audit([source], tmp_path / "out.jsonl", group_by=())
    assert caught.value.line == 3 and "in.csv, line 3" in str(caught.value)
    assert [row["id"] for row in read_output(tmp_path / "out.jsonl")] == ["a"]


def test_audit_io_corrupt_parquet_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "in.parquet"
    source.write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(MalformedFileError, match="not a readable Parquet file"):
        audit([source], group_by=())


def test_audit_io_a_missing_named_column_stops_before_any_row(tmp_path: Path) -> None:
    source = WRITERS["csv"](tmp_path / "in.csv", make_rows(3))
    with pytest.raises(AuditOptionsError, match="no column 'body' .--text-column."):
        audit([source], text_column="body")
    with pytest.raises(AuditOptionsError, match="'squad' .--group-by."):
        audit([source], group_by=("agent", "squad"))


def test_audit_io_several_inputs_are_read_in_order(tmp_path: Path) -> None:
    rows = make_rows(20)
    first = WRITERS["csv"](tmp_path / "a.csv", rows[:12])
    second = WRITERS["parquet"](tmp_path / "b.parquet", rows[12:])
    out = tmp_path / "out.jsonl"
    audit([first, second], out)
    assert [row["id"] for row in read_output(out)] == [row["id"] for row in rows]


@pytest.mark.parametrize("out_fmt", FORMATS)
def test_audit_io_resume_after_a_kill_matches_a_full_run(tmp_path: Path, out_fmt: str) -> None:
    rows = make_rows(50)
    source = WRITERS["jsonl"](tmp_path / "in.jsonl", rows)
    full = tmp_path / f"full.{out_fmt}"
    audit([source], full)
    expected = read_output(full)

    # what a killed run leaves: the rows of the chunks it flushed, then half of a row
    # (a Parquet output keeps them in its journal until the run ends)
    partial = tmp_path / f"partial.{out_fmt}"
    if out_fmt == "parquet":
        target = write_jsonl(journal_path(partial), expected[:21])
    else:
        target = partial
        audit([WRITERS["jsonl"](tmp_path / "head.jsonl", rows[:21])], partial)
    data = target.read_bytes()
    cut = data.rstrip(b"\n").rfind(b"\n") + 1
    target.write_bytes(data + data[cut: cut + (len(data) - cut) // 2])

    summary = audit([source], partial, resume=True)
    assert comparable(read_output(partial)) == comparable(expected)
    assert summary.total.rows == len(rows)


def test_audit_io_resume_refuses_an_output_from_other_inputs(tmp_path: Path) -> None:
    rows = make_rows(10)
    out = tmp_path / "out.jsonl"
    audit([WRITERS["jsonl"](tmp_path / "a.jsonl", rows[5:])], out)
    with pytest.raises(ResumeMismatchError, match="row 1 does not match"):
        audit([WRITERS["jsonl"](tmp_path / "b.jsonl", rows)], out, resume=True)


def test_audit_io_a_real_sigkill_loses_nothing_written(tmp_path: Path) -> None:
    rows = make_rows(3000)
    source = WRITERS["jsonl"](tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "tonecheck.audit", str(source), "--out", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 20_000):
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    written_before = out.read_bytes().count(b"\n")
    assert 0 < written_before < len(rows), "the kill should land mid-run"
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming after the {written_before:,} rows" in resumed.stderr
    assert [row["id"] for row in read_output(out)] == [row["id"] for row in rows]
