"""`--resume`: count the rows an interrupted audit already wrote, cut a half-written last row, read them back.

Writers flush whole chunks, so a kill leaves complete rows followed by at most one partial row. The
partial row is truncated away and the audit continues with the next input row.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tonecheck.audit.writers import (
    JsonlWriter,
    from_csv_cell,
    journal_path,
    output_format,
)


def _truncate(path: Path, size: int) -> None:
    if path.stat().st_size != size:
        with path.open("r+b") as fh:
            fh.truncate(size)


def _recover_jsonl(path: Path) -> int:
    rows = good_end = 0
    with path.open("rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                json.loads(raw)
            except ValueError:
                break
            rows += 1
            good_end += len(raw)
    _truncate(path, good_end)
    return rows


def _recover_csv(path: Path) -> int:
    rows = good_end = 0
    with path.open("rb") as fh:
        position = 0
        ends_line = True

        def lines() -> Iterator[str]:
            nonlocal position, ends_line
            for raw in fh:
                position += len(raw)
                ends_line = raw.endswith(b"\n")
                yield raw.decode("utf-8", "replace")

        reader = csv.reader(lines(), strict=True)
        try:
            header = next(reader, None)
            if header is None or not ends_line:
                _truncate(path, 0)
                return 0
            good_end = position
            for record in reader:
                if len(record) != len(header) or not ends_line:
                    break
                rows += 1
                good_end = position
        except csv.Error:
            pass
    _truncate(path, good_end)
    return rows


def _parquet_to_journal(path: Path, journal: Path) -> None:
    import pyarrow.parquet as pq

    writer = JsonlWriter(journal, ())
    for batch in pq.ParquetFile(path).iter_batches(batch_size=10_000):
        rows = batch.to_pylist()
        for row in rows:
            row["findings"] = json.loads(row["findings"] or "[]")
        writer.write(rows)
    writer.close()


def recover(path: Path) -> int:
    """Rows already in the output at `path` (0 when there is none), after cutting a half-written row."""
    fmt = output_format(path)
    if fmt == "parquet":
        journal = journal_path(path)
        if not journal.exists():
            if not path.exists():
                return 0
            _parquet_to_journal(path, journal)
        return _recover_jsonl(journal)
    if not path.exists():
        return 0
    return _recover_jsonl(path) if fmt == "jsonl" else _recover_csv(path)


def read_results(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of an output written by the audit (after `recover`), as result dicts."""
    fmt = output_format(path)
    if fmt in ("jsonl", "parquet"):
        source = journal_path(path) if fmt == "parquet" else path
        with source.open("rb") as fh:
            for raw in fh:
                yield json.loads(raw)
        return
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        for record in reader:
            yield {name: from_csv_cell(name, cell) for name, cell in zip(header, record, strict=True)}
