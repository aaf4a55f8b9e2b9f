"""What an audit run was asked to do, and the columns it will read (checked against the inputs first)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tonecheck.audit.errors import AuditOptionsError
from tonecheck.audit.readers import columns_of, file_format, first_jsonl_keys
from tonecheck.audit.rows import DATE_COLUMN_NAMES, Columns


@dataclass(frozen=True)
class AuditOptions:
    """One audit run. Column options left as None take their default when the input has that column."""

    inputs: tuple[str, ...]
    text_column: str = "reply"
    context_column: str | None = None
    id_column: str | None = None
    lang_column: str | None = None
    group_by: tuple[str, ...] = ()
    date_column: str | None = None
    config: str | None = None
    out: str | None = None
    report: str | None = None
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    fail_under: float | None = None
    resume: bool = False
    chunk_size: int = 500
    progress: bool | None = None


def resolve_columns(options: AuditOptions, files: Sequence[Path]) -> Columns:
    """The columns to read. A column named on the command line must exist in every CSV/Parquet input
    (a typo should stop the audit at once, not fill the output with error rows); JSONL rows are
    checked one by one."""
    headers = {path: columns_of(path) for path in files}
    named = {
        "--text-column": options.text_column,
        "--context-column": options.context_column,
        "--id-column": options.id_column,
        "--lang-column": options.lang_column,
        "--date-column": options.date_column,
    }
    for path, header in headers.items():
        if header is None:
            continue
        for flag, name in [*named.items(), *(("--group-by", name) for name in options.group_by)]:
            if name and name not in header:
                raise AuditOptionsError(
                    f"{path}: no column {name!r} ({flag}); its columns are: {', '.join(header)}."
                )
    first = files[0]
    seen = headers[first] if headers[first] is not None else first_jsonl_keys(first)
    date = options.date_column or next((name for name in DATE_COLUMN_NAMES if name in seen), None)
    return Columns(
        text=options.text_column,
        context=options.context_column or "customer",
        id=options.id_column or "id",
        lang=options.lang_column,
        group_by=options.group_by,
        date=date,
    )


def check_engine_options(options: AuditOptions, files: Sequence[Path]) -> None:
    """Options that can't work together fail before any row is read."""
    if options.jobs < 1:
        raise AuditOptionsError(f"--jobs must be 1 or more, not {options.jobs}.")
    if options.resume and not options.out:
        raise AuditOptionsError("--resume continues the file named by --out; name one.")
    if options.engine == "dask":
        if options.resume:
            raise AuditOptionsError("--resume works with --engine local; a Dask run rewrites every part.")
        wrong = [str(p) for p in files if file_format(p) == "jsonl"]
        if wrong:
            raise AuditOptionsError(
                f"--engine dask reads partitioned CSV or Parquet; convert {wrong[0]} or use --engine local."
            )
    elif options.scheduler:
        raise AuditOptionsError("--scheduler needs --engine dask.")
