"""The local engine: stream the inputs in chunks, check them in this process or in `--jobs N` processes.

The parent only reads rows and writes bytes. A chunk of rows goes to a worker (or is handled in-process
with `--jobs 1`), which validates, checks, encodes the output rows and summarises them; each worker
builds its own Checker once. Chunks go out through a bounded window of `apply_async` calls and come
back in submission order, so the output is the same for any `--jobs` and at most `3 × jobs` chunks are
in memory whatever the input size.
"""

from __future__ import annotations

import itertools
import multiprocessing
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tonecheck.audit.checking import check_tasks, process_checker
from tonecheck.audit.errors import MalformedFileError, ResumeMismatchError
from tonecheck.audit.options import AuditOptions, check_engine_options, resolve_columns
from tonecheck.audit.progress import Progress
from tonecheck.audit.readers import count_rows, expand_inputs, read_rows
from tonecheck.audit.resume import read_results, recover
from tonecheck.audit.rows import RESULT_FIELDS, Columns, SourceRow, output_row, prepare
from tonecheck.audit.summary import AuditSummary
from tonecheck.audit.writers import encode_rows, open_writer, output_format

WINDOW_PER_JOB = 3


@dataclass(frozen=True)
class ChunkSpec:
    """What every chunk needs besides its rows (sent once to each worker)."""

    columns: Columns
    config: str | None
    out_format: str | None


@dataclass
class ChunkResult:
    """A checked chunk: its output rows already encoded for the writer, and its summary."""

    rows: int
    encoded: bytes
    summary: AuditSummary


def audit_chunk(spec: ChunkSpec, rows: list[SourceRow], first_order: int) -> ChunkResult:
    """Validate, check, encode and summarise one chunk of input rows (in a worker, or in this process)."""
    tasks = [prepare(row, spec.columns, first_order + i) for i, row in enumerate(rows)]
    results = check_tasks(process_checker(spec.config), tasks)
    summary = AuditSummary(group_by=spec.columns.group_by, date_column=spec.columns.date)
    for task, result in zip(tasks, results, strict=True):
        summary.add(task, result)
    encoded = b""
    if spec.out_format is not None:
        out_rows = [output_row(task, result) for task, result in zip(tasks, results, strict=True)]
        encoded = encode_rows(out_rows, spec.out_format, spec.columns.output_fields)
    return ChunkResult(len(rows), encoded, summary)


_worker_spec: ChunkSpec | None = None


def _init_worker(spec: ChunkSpec) -> None:
    # no Checker here: a Pool restarts a worker whose initializer raises, forever
    global _worker_spec
    _worker_spec = spec


def _worker_chunk(rows: list[SourceRow], first_order: int) -> ChunkResult:
    return audit_chunk(_worker_spec, rows, first_order)


def iter_rows(files: Sequence[Path], columns: Columns) -> Iterator[SourceRow]:
    """Every input row, in order."""
    for path in files:
        yield from read_rows(path, columns.wanted)


def _chunks(rows: Iterator[SourceRow], size: int,
            first_order: int) -> Iterator[tuple[list[SourceRow], int]]:
    """(rows, order of the first) for chunks of up to `size` rows; when a file turns out malformed, the
    rows read before the bad line come first."""
    order = first_order
    while True:
        chunk: list[SourceRow] = []
        try:
            chunk.extend(itertools.islice(rows, size))
        except MalformedFileError:
            if chunk:
                yield chunk, order
            raise
        if not chunk:
            return
        yield chunk, order
        order += len(chunk)


def checked_chunks(rows: Iterator[SourceRow], spec: ChunkSpec, jobs: int, chunk_size: int,
                   first_order: int = 0) -> Iterator[ChunkResult]:
    """Checked chunks in input order, from this process (`jobs == 1`) or from `jobs` worker processes."""
    chunks = _chunks(rows, chunk_size, first_order)
    if jobs == 1:
        for chunk, order in chunks:
            yield audit_chunk(spec, chunk, order)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(spec,)) as pool:
        pool.apply(_worker_chunk, ([], 0))  # a broken lexicon or config stops the audit here, clearly
        pending: deque = deque()
        failure = None
        try:
            for chunk, order in chunks:
                pending.append(pool.apply_async(_worker_chunk, (chunk, order)))
                if len(pending) >= jobs * WINDOW_PER_JOB:
                    yield pending.popleft().get()
        except MalformedFileError as exc:
            failure = exc  # write what was read before the bad line, then report it
        while pending:
            yield pending.popleft().get()
        if failure is not None:
            raise failure


def _replay(summary: AuditSummary, rows: Iterator[SourceRow], columns: Columns, out: Path,
            count: int) -> None:
    """Count the rows a previous run wrote, pairing each with its input row (which must match)."""
    written = read_results(out)
    for index in range(count):
        source = next(rows, None)
        task = None if source is None else prepare(source, columns, index)
        row = next(written, None)
        if task is None or row is None or row.get("id") != task.id or not set(RESULT_FIELDS) <= set(row):
            raise ResumeMismatchError(
                f"{out} row {index + 1} does not match input row {index + 1} "
                f"(output id {None if row is None else row.get('id')!r}, input id "
                f"{None if task is None else task.id!r}); was it written from other inputs or options? "
                "Remove it or choose another --out."
            )
        summary.add(task, row)


def run_local(options: AuditOptions) -> AuditSummary:
    """Audit the inputs; write the output rows and return the summary (the report is the caller's)."""
    files = expand_inputs(options.inputs)
    check_engine_options(options, files)
    columns = resolve_columns(options, files)
    summary = AuditSummary(group_by=columns.group_by, date_column=columns.date)
    rows = iter_rows(files, columns)
    out = Path(options.out) if options.out else None
    done = 0
    if out is not None and options.resume:
        done = recover(out)
        _replay(summary, rows, columns, out, done)
    writer = open_writer(out, columns.output_fields, append=options.resume) if out is not None else None
    show_bar = options.progress if options.progress is not None else sys.stderr.isatty()
    progress = Progress(sum(count_rows(p) for p in files) if show_bar else None, bar=show_bar, initial=done)
    if done:
        progress.log(f"resuming after the {done:,} rows already in {out}")
    spec = ChunkSpec(columns, options.config, output_format(out) if out is not None else None)
    complete = False
    try:
        for chunk in checked_chunks(rows, spec, options.jobs, options.chunk_size, first_order=done):
            if writer is not None:
                writer.write_encoded(chunk.encoded)
            summary.merge(chunk.summary)
            progress.update(chunk.rows, summary.total.errors)
        complete = True
    finally:
        progress.close()
        if writer is not None:
            writer.close(complete=complete)
    return summary
