"""Streaming readers for CSV, JSONL and Parquet exports: one `SourceRow` at a time, never a whole file.

A line that can't be read (bad JSON, bytes that aren't UTF-8, a CSV row with too many fields) becomes a
row carrying an error, so nothing is lost; a file that can't be parsed past some point (bad CSV quoting,
a corrupt Parquet file) raises `MalformedFileError` naming the line.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from tonecheck.audit.errors import (
    BAD_CSV_ROW,
    BAD_JSON_LINE,
    NOT_AN_OBJECT,
    UNDECODABLE_ROW,
    AuditOptionsError,
    MalformedFileError,
    row_error,
)
from tonecheck.audit.rows import SourceRow

FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}

#: The longest CSV field accepted; past it the quoting is almost surely broken (an unclosed quote).
CSV_FIELD_LIMIT = 1 << 20
PARQUET_BATCH_ROWS = 1024
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that weren't UTF-8, kept by surrogateescape


def file_format(path: str | Path) -> str:
    """'csv', 'jsonl' or 'parquet', from the file name."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise AuditOptionsError(
            f"{path}: unknown file type {Path(path).suffix!r}; expected one of {', '.join(FORMATS)}."
        )
    return fmt


def expand_inputs(inputs: Sequence[str]) -> list[Path]:
    """Files named, globs expanded, folders listed (sorted, so partitioned exports keep their order)."""
    files: list[Path] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS)
        elif path.exists():
            found = [path]
        else:
            found = [Path(p) for p in sorted(glob.glob(name)) if Path(p).is_file()]
        if not found:
            raise AuditOptionsError(f"{name}: no such file, or no .csv/.jsonl/.parquet files in it.")
        files.extend(found)
    return files


def columns_of(path: Path) -> list[str] | None:
    """The file's column names (CSV header, Parquet schema); None for JSONL, whose rows each have theirs."""
    fmt = file_format(path)
    if fmt == "csv":
        with _open_csv_text(path) as text:
            try:
                return next(csv.reader(text, strict=True), [])
            except csv.Error as exc:
                raise MalformedFileError(str(path), 1, f"the CSV header can't be read: {exc}",
                                         "fix the first line") from exc
    if fmt == "parquet":
        return list(_parquet_file(path).schema_arrow.names)
    return None


def first_jsonl_keys(path: Path) -> list[str]:
    """The keys of the first JSON object in a JSONL file (to find a date column)."""
    with path.open("rb") as fh:
        for raw in fh:
            try:
                value = json.loads(raw)
            except ValueError:
                continue
            if isinstance(value, dict):
                return list(value)
    return []


def count_rows(path: Path) -> int:
    """Rows in a file, cheaply: Parquet from its footer, else by counting lines (an estimate for CSV)."""
    fmt = file_format(path)
    if fmt == "parquet":
        return _parquet_file(path).metadata.num_rows
    lines = 0
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            lines += block.count(b"\n")
    return max(lines - (fmt == "csv"), 0)


def read_rows(path: Path, wanted: Sequence[str]) -> Iterator[SourceRow]:
    """The rows of one file, streamed (`wanted`: the columns to read where the format can skip others)."""
    fmt = file_format(path)
    if fmt == "csv":
        return _read_csv(path)
    if fmt == "jsonl":
        return _read_jsonl(path)
    return _read_parquet(path, wanted)


def _open_csv_text(path: Path) -> io.TextIOWrapper:
    # surrogateescape keeps undecodable bytes visible per field, so one bad row doesn't stop the file
    return io.TextIOWrapper(path.open("rb"), encoding="utf-8-sig", errors="surrogateescape", newline="")


def _read_csv(path: Path) -> Iterator[SourceRow]:
    csv.field_size_limit(CSV_FIELD_LIMIT)
    name = path.name
    with _open_csv_text(path) as text:
        reader = csv.reader(text, strict=True)
        line = 1
        try:
            header = next(reader, None)
            if header is None:
                return
            line = reader.line_num + 1
            for record in reader:
                start, line = line, reader.line_num + 1
                if not record:
                    continue
                fields = dict(zip(header, record, strict=False))
                if not all(map(str.isascii, record)) and _UNDECODED.search("".join(record)):
                    yield SourceRow(name, start, fields, row_error(
                        UNDECODABLE_ROW, f"line {start} holds bytes that are not UTF-8"))
                elif len(record) > len(header):
                    yield SourceRow(name, start, fields, row_error(
                        BAD_CSV_ROW, f"line {start} has {len(record)} fields, the header has {len(header)}"))
                else:
                    yield SourceRow(name, start, fields)
        except csv.Error as exc:
            raise MalformedFileError(
                str(path), line, f"the CSV can't be parsed past this line ({exc})",
                "look for an unclosed or stray double quote there; rows before it were read",
            ) from exc


def _read_jsonl(path: Path) -> Iterator[SourceRow]:
    name = path.name
    with path.open("rb") as fh:
        for line, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                # bytes that aren't UTF-8 stay visible (as surrogates) so only the fields holding them fail
                value = json.loads(raw.decode("utf-8", "surrogateescape").lstrip("\ufeff"))
            except ValueError as exc:
                yield SourceRow(name, line, None, row_error(
                    BAD_JSON_LINE, f"line {line} is not valid JSON ({exc})"))
                continue
            if not isinstance(value, dict):
                yield SourceRow(name, line, None, row_error(
                    NOT_AN_OBJECT, f"line {line} is a JSON {type(value).__name__}, not an object"))
                continue
            yield SourceRow(name, line, value)


def _parquet_file(path: Path):  # -> pyarrow.parquet.ParquetFile
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise MalformedFileError(str(path), None, f"not a readable Parquet file ({exc})",
                                 "re-export it; a file cut short loses its footer") from exc


def _read_parquet(path: Path, wanted: Sequence[str]) -> Iterator[SourceRow]:
    import pyarrow as pa

    parquet = _parquet_file(path)
    present = set(parquet.schema_arrow.names)
    columns = [name for name in wanted if name in present]
    line = 0
    try:
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            for fields in batch.to_pylist():
                line += 1
                yield SourceRow(path.name, line, fields)
    except (pa.ArrowException, OSError) as exc:
        raise MalformedFileError(str(path), line + 1, f"the Parquet data can't be read past this row ({exc})",
                                 "re-export the file") from exc
