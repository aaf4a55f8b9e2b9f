"""The Dask engine on a real two-process LocalCluster gives the local engine's rows and summary."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from audit_fixtures import WRITERS, make_rows, read_output

from tonecheck.audit.engine_dask import run_dask
from tonecheck.audit.engine_local import run_local
from tonecheck.audit.options import AuditOptions
from tonecheck.audit.report_html import render_report

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def scheduler() -> str:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def _parts(folder: Path) -> list[dict]:
    return [row for part in sorted(folder.glob("part-*")) for row in read_output(part)]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_engine_dask_matches_the_local_engine(tmp_path: Path, scheduler: str, fmt: str) -> None:
    rows = make_rows(90)
    rows[5]["reply"] = ""
    inputs = tmp_path / "export"
    inputs.mkdir()
    for number, start in enumerate(range(0, 90, 30)):
        WRITERS[fmt](inputs / f"day-{number}.{fmt}", rows[start:start + 30])
    common = dict(inputs=(str(inputs),), group_by=("agent", "team"), progress=False)
    local = run_local(AuditOptions(out=str(tmp_path / "local.jsonl"), **common))
    dask = run_dask(AuditOptions(out=str(tmp_path / "dask.jsonl"), engine="dask", scheduler=scheduler,
                                 **common))

    assert len(list((tmp_path / "dask.jsonl").glob("part-*.jsonl"))) == 3
    assert _parts(tmp_path / "dask.jsonl") == read_output(tmp_path / "local.jsonl")
    when = datetime(2026, 3, 1, tzinfo=UTC)
    assert render_report(dask, ["x"], generated=when) == render_report(local, ["x"], generated=when)


def test_engine_dask_writes_parquet_parts(tmp_path: Path, scheduler: str) -> None:
    source = WRITERS["parquet"](tmp_path / "in.parquet", make_rows(20), row_group_size=10)
    out = tmp_path / "results.parquet"
    summary = run_dask(AuditOptions(inputs=(str(source),), out=str(out), engine="dask", scheduler=scheduler,
                                    progress=False))
    frame = pd.read_parquet(out)
    assert len(frame) == 20 == summary.total.rows
    assert list(frame["id"]) == [f"t{i:05d}" for i in range(20)]
