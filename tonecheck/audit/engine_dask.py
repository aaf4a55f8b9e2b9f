"""The Dask engine: the same audit over partitioned CSV/Parquet on a Dask cluster.

Each partition goes through `check_frame` (`map_partitions`, with the input columns the report needs
carried beside the results); a worker then writes that partition's part file
(`<out>/part-00000.parquet`, …) and returns a small `AuditSummary`; the client only merges summaries,
so its memory stays flat. Workers need to see the output folder (local disk for a local cluster; a
shared filesystem for a remote one). CSV files are one partition each (splitting a CSV by bytes would
cut quoted line breaks); Parquet files split as Dask reads them.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tonecheck.audit.errors import AuditOptionsError
from tonecheck.audit.frame import check_frame, frame_tasks, results_frame
from tonecheck.audit.options import AuditOptions, check_engine_options, resolve_columns
from tonecheck.audit.progress import Progress
from tonecheck.audit.readers import expand_inputs, file_format
from tonecheck.audit.rows import RESULT_FIELDS, Columns, output_row
from tonecheck.audit.summary import AuditSummary
from tonecheck.audit.writers import CsvWriter, JsonlWriter, output_format, write_parquet

if TYPE_CHECKING:
    import pandas as pd

#: Orders rows across partitions: partition number × this + position in the partition.
PARTITION_STRIDE = 10**9


def part_path(out: Path, number: int) -> Path:
    """The part file of partition `number` in the output folder `out` (format from out's extension)."""
    return out / f"part-{number:05d}.{output_format(out)}"


def _write_part(rows: list[dict[str, Any]], fields: tuple[str, ...], path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    if path.suffix == ".parquet":
        write_parquet(iter([rows]), fields, path)
        return
    writer = (CsvWriter if path.suffix == ".csv" else JsonlWriter)(tmp, fields)
    writer.write(rows)
    writer.close()
    os.replace(tmp, path)


#: Prefix of the input columns carried beside `check_frame`'s results (for the report and pass-through).
SOURCE_PREFIX = "source:"


def check_partition(df: pd.DataFrame, columns: Columns, config: str | None) -> pd.DataFrame:
    """`check_frame` on one partition, with the input columns the summary needs carried beside it."""
    import pandas as pd

    checked = check_frame(df, text_column=columns.text, context_column=columns.context,
                          id_column=columns.id, lang_column=columns.lang, config=config)
    source = df[[name for name in columns.wanted if name in df.columns]].astype(object)
    return pd.concat([checked, source.add_prefix(SOURCE_PREFIX)], axis=1)


def audit_partition(part: pd.DataFrame, number: int, columns: Columns, out: str | None) -> AuditSummary:
    """Write one checked partition's part file and summarise it (runs on a worker)."""
    import pandas as pd

    carried = [name for name in part.columns if name.startswith(SOURCE_PREFIX)]
    source = part[carried].rename(columns=lambda name: name[len(SOURCE_PREFIX):])
    checked = part[list(RESULT_FIELDS)]
    tasks = frame_tasks(source, columns, first_order=number * PARTITION_STRIDE)
    summary = AuditSummary(group_by=columns.group_by, date_column=columns.date)
    rows = []
    for task, result in zip(tasks, checked.to_dict("records"), strict=True):
        result = {name: result[name] for name in RESULT_FIELDS if name != "id"}
        for name in ("language", "verdict", "rewrite", "score"):
            if pd.isna(result[name]):
                result[name] = None
        result["findings"] = json.loads(result["findings"])
        result["rule_ids"], result["categories"] = list(result["rule_ids"]), list(result["categories"])
        result["score"] = None if result["score"] is None else int(result["score"])
        summary.add(task, result)
        rows.append(output_row(task, result))
    if out is not None:
        _write_part(rows, columns.output_fields, part_path(Path(out), number))
    return summary


def _read(files: list[Path], columns: Columns):  # -> dask.dataframe.DataFrame
    import dask.dataframe as dd

    formats = {file_format(path) for path in files}
    if formats == {"csv"}:
        return dd.read_csv([str(p) for p in files], dtype=str, keep_default_na=False, na_values=[],
                           blocksize=None)
    if formats == {"parquet"}:
        import pyarrow.parquet as pq

        present = set(pq.read_schema(files[0]).names)
        return dd.read_parquet([str(p) for p in files], columns=[c for c in columns.wanted if c in present])
    raise AuditOptionsError("--engine dask reads inputs of one format: all CSV or all Parquet.")


def _prepare_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise AuditOptionsError(f"--out {out}: with --engine dask the output is a folder of part files; "
                                "this is a file. Remove it or choose another name.")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*"):
        old.unlink()


def run_dask(options: AuditOptions) -> AuditSummary:
    """Audit on a Dask cluster: `options.scheduler`, or a local one with `options.jobs` workers."""
    import dask
    import pandas as pd
    from distributed import Client, LocalCluster, as_completed

    files = expand_inputs(options.inputs)
    check_engine_options(options, files)
    columns = resolve_columns(options, files)
    out = Path(options.out) if options.out else None
    if out is not None:
        output_format(out)
        _prepare_out(out)
    frame = _read(files, columns)
    meta = results_frame([], RESULT_FIELDS, None)
    for name in columns.wanted:
        if name in frame.columns:
            meta[SOURCE_PREFIX + name] = pd.Series([], dtype=object)
    checked = frame.map_partitions(check_partition, columns, options.config, meta=meta)
    parts = [
        dask.delayed(audit_partition)(part, number, columns, str(out) if out else None)
        for number, part in enumerate(checked.to_delayed())
    ]
    cluster = None
    if options.scheduler:
        client = Client(options.scheduler)
    else:
        cluster = LocalCluster(n_workers=options.jobs, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    show_bar = options.progress if options.progress is not None else sys.stderr.isatty()
    progress = Progress(len(parts), unit="partitions", bar=show_bar)
    summary = AuditSummary(group_by=columns.group_by, date_column=columns.date)
    try:
        for future in as_completed(client.compute(parts)):
            summary.merge(future.result())
            progress.update(1, summary.total.errors)
    finally:
        progress.close()
        client.close()
        if cluster is not None:
            cluster.close()
    return summary
