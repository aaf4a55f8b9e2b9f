"""The local engine: stream the inputs in chunks, check them in this process or in `--jobs N` processes.

Each worker process builds its own Checker once. Chunks go out through a bounded window of
`apply_async` calls and come back in submission order, so the output is the same for any `--jobs`
and at most `3 × jobs` chunks are in memory whatever the input size.
"""

from __future__ import annotations

import itertools
import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tonecheck.audit.checking import check_tasks, process_checker
from tonecheck.audit.errors import MalformedFileError, ResumeMismatchError
from tonecheck.audit.options import AuditOptions, check_engine_options, resolve_columns
from tonecheck.audit.progress import Progress
from tonecheck.audit.readers import count_rows, expand_inputs, read_rows
from tonecheck.audit.resume import read_results, recover
from tonecheck.audit.rows import RESULT_FIELDS, Columns, Task, output_row, prepare
from tonecheck.audit.summary import AuditSummary
from tonecheck.audit.writers import open_writer

WINDOW_PER_JOB = 3

_worker_config: str | None = None


def _init_worker(config: str | None) -> None:
    # no Checker here: a Pool restarts a worker whose initializer raises, forever
    global _worker_config
    _worker_config = config


def _check_chunk(chunk: list[Task]) -> list[dict[str, Any]]:
    return check_tasks(process_checker(_worker_config), chunk)


def iter_tasks(files: Sequence[Path], columns: Columns) -> Iterator[Task]:
    """Every input row, in order, as a task (rows that can't be checked carry their error)."""
    order = 0
    for path in files:
        for row in read_rows(path, columns.wanted):
            yield prepare(row, columns, order)
            order += 1


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    """Lists of up to `size` tasks; when a file turns out malformed, the rows read before it come first."""
    iterator = iter(tasks)
    while True:
        chunk: list[Task] = []
        try:
            chunk.extend(itertools.islice(iterator, size))
        except MalformedFileError:
            if chunk:
                yield chunk
            raise
        if not chunk:
            return
        yield chunk


def checked_chunks(tasks: Iterable[Task], jobs: int, config: str | None,
                   chunk_size: int) -> Iterator[tuple[list[Task], list[dict[str, Any]]]]:
    """(chunk, results) pairs in input order, checked here (`jobs == 1`) or by `jobs` processes."""
    chunks = _chunks(tasks, chunk_size)
    if jobs == 1:
        checker = process_checker(config)
        for chunk in chunks:
            yield chunk, check_tasks(checker, chunk)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(config,)) as pool:
        pool.apply(_check_chunk, ([],))  # a broken lexicon or config stops the audit here, clearly
        pending: deque = deque()
        failure = None
        try:
            for chunk in chunks:
                pending.append((chunk, pool.apply_async(_check_chunk, (chunk,))))
                if len(pending) >= jobs * WINDOW_PER_JOB:
                    done, result = pending.popleft()
                    yield done, result.get()
        except MalformedFileError as exc:
            failure = exc  # write what was read before the bad line, then report it
        while pending:
            done, result = pending.popleft()
            yield done, result.get()
        if failure is not None:
            raise failure


def _replay(summary: AuditSummary, tasks: Iterator[Task], out: Path, rows: int) -> None:
    """Count the rows a previous run wrote, pairing each with its input row (which must match)."""
    written = read_results(out)
    for index in range(rows):
        task = next(tasks, None)
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
    tasks = iter_tasks(files, columns)
    out = Path(options.out) if options.out else None
    done = 0
    if out is not None and options.resume:
        done = recover(out)
        _replay(summary, tasks, out, done)
    writer = open_writer(out, columns.output_fields, append=options.resume) if out is not None else None
    show_bar = options.progress if options.progress is not None else sys.stderr.isatty()
    progress = Progress(sum(count_rows(p) for p in files) if show_bar else None, bar=show_bar, initial=done)
    if done:
        progress.log(f"resuming after the {done:,} rows already in {out}")
    complete = False
    try:
        for chunk, results in checked_chunks(tasks, options.jobs, options.config, options.chunk_size):
            if writer is not None:
                writer.write([output_row(task, result) for task, result in zip(chunk, results, strict=True)])
            for task, result in zip(chunk, results, strict=True):
                summary.add(task, result)
            progress.update(len(chunk), summary.total.errors)
        complete = True
    finally:
        progress.close()
        if writer is not None:
            writer.close(complete=complete)
    return summary
