"""Result writers for JSONL, CSV and Parquet: rows appended in order, flushed after every chunk.

A killed audit loses nothing already written. JSONL and CSV are appended to directly. Parquet can't be
appended to (its footer is written last), so rows go to a JSONL journal beside the output
(`results.parquet.partial.jsonl`) and are converted, a batch at a time, when the audit ends.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from tonecheck.audit.errors import AuditOptionsError

OUTPUT_FORMATS: dict[str, str] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
PARQUET_BATCH_ROWS = 10_000
LIST_FIELDS = ("rule_ids", "categories")


def output_format(path: str | Path) -> str:
    fmt = OUTPUT_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise AuditOptionsError(f"--out {path}: use a .jsonl, .csv or .parquet file name.")
    return fmt


def journal_path(path: Path) -> Path:
    """Where a Parquet output's rows wait until the audit ends."""
    return path.with_name(path.name + ".partial.jsonl")


class ResultWriter(Protocol):
    def write(self, rows: Sequence[dict[str, Any]]) -> None: ...

    def write_encoded(self, data: bytes) -> None:
        """Append rows already encoded by `encode_rows` for this writer's format (done in workers)."""

    def close(self, complete: bool = True) -> None:
        """`complete=False` after a failure: keep what was written for `--resume`, finish nothing."""


def csv_cell(name: str, value: Any) -> str:
    """A result value as a CSV cell: findings as JSON, rule ids and categories space-separated."""
    if value is None:
        return ""
    if name in LIST_FIELDS:
        return " ".join(value)
    if name == "findings":
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def from_csv_cell(name: str, cell: str) -> Any:
    """The inverse of `csv_cell` for the result columns."""
    if name in LIST_FIELDS:
        return cell.split()
    if name == "findings":
        return json.loads(cell) if cell else []
    if name == "score":
        return int(cell) if cell else None
    if name == "error":
        return cell
    return cell or None


def _csv_bytes(records: Iterable[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(records)
    return buffer.getvalue().encode("utf-8")


def encode_rows(rows: Sequence[dict[str, Any]], fmt: str, fields: Sequence[str]) -> bytes:
    """Rows as the bytes a writer appends: JSON lines (also Parquet's journal), or CSV records."""
    if fmt == "csv":
        return _csv_bytes([csv_cell(name, row.get(name)) for name in fields] for row in rows)
    return b"".join(json.dumps(row, ensure_ascii=False).encode() + b"\n" for row in rows)


class _AppendWriter:
    """Appends encoded rows to one file and flushes after each chunk."""

    fmt = "jsonl"

    def __init__(self, path: Path, fields: Sequence[str], append: bool = False) -> None:
        self._fields = tuple(fields)
        self._fh = path.open("ab" if append else "wb")

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        self.write_encoded(encode_rows(rows, self.fmt, self._fields))

    def write_encoded(self, data: bytes) -> None:
        self._fh.write(data)
        self._fh.flush()

    def close(self, complete: bool = True) -> None:
        self._fh.close()


class JsonlWriter(_AppendWriter):
    fmt = "jsonl"


class CsvWriter(_AppendWriter):
    fmt = "csv"

    def __init__(self, path: Path, fields: Sequence[str], append: bool = False) -> None:
        fresh = not append or not path.exists() or path.stat().st_size == 0
        super().__init__(path, fields, append)
        if fresh:
            self.write_encoded(_csv_bytes([self._fields]))


def arrow_schema(fields: Sequence[str]):  # -> pyarrow.Schema
    """The Parquet schema of result rows: findings as a JSON string, rule ids and categories as lists."""
    import pyarrow as pa

    types = {"score": pa.int32(), "rule_ids": pa.list_(pa.string()), "categories": pa.list_(pa.string())}
    return pa.schema([(name, types.get(name, pa.string())) for name in fields])


def arrow_rows(rows: Sequence[dict[str, Any]], fields: Sequence[str]) -> list[dict[str, Any]]:
    return [
        {name: json.dumps(row.get(name) or [], ensure_ascii=False) if name == "findings" else row.get(name)
         for name in fields}
        for row in rows
    ]


def write_parquet(rows: Iterator[list[dict[str, Any]]], fields: Sequence[str], path: Path) -> None:
    """Write batches of result rows to one Parquet file, atomically (a temporary file renamed at the end)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(fields)
    tmp = path.with_name(path.name + ".tmp")
    with pq.ParquetWriter(tmp, schema) as writer:
        for batch in rows:
            writer.write_table(pa.Table.from_pylist(arrow_rows(batch, fields), schema=schema))
    os.replace(tmp, path)


def jsonl_batches(path: Path, size: int = PARQUET_BATCH_ROWS) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    with path.open("rb") as fh:
        for raw in fh:
            batch.append(json.loads(raw))
            if len(batch) == size:
                yield batch
                batch = []
    if batch:
        yield batch


class ParquetWriter(JsonlWriter):
    """Appends to the JSONL journal; `close` turns the journal into the Parquet file and removes it."""

    def __init__(self, path: Path, fields: Sequence[str], append: bool = False) -> None:
        super().__init__(journal_path(path), fields, append)
        self._path = path

    def close(self, complete: bool = True) -> None:
        super().close()
        if not complete:
            return
        journal = journal_path(self._path)
        write_parquet(jsonl_batches(journal), self._fields, self._path)
        journal.unlink()


def open_writer(path: Path, fields: Sequence[str], append: bool = False) -> ResultWriter:
    """A writer for `path` by its extension; `append` continues an existing output (see `resume`)."""
    fmt = output_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = {"jsonl": JsonlWriter, "csv": CsvWriter, "parquet": ParquetWriter}[fmt]
    return writer(path, fields, append)
