"""`check_frame`: the audit of one pandas DataFrame, for Dask's `map_partitions` and Spark's `mapInPandas`.

It gives the same result columns as the local engine's output rows (minus pass-through columns),
one row per input row, with the input's index, so the caller can join them back:
`pd.concat([df[["agent", "team"]], check_frame(df)], axis=1)`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tonecheck.audit.checking import check_tasks, process_checker
from tonecheck.audit.errors import AuditOptionsError
from tonecheck.audit.rows import RESULT_FIELDS, Columns, SourceRow, Task, output_row, prepare

if TYPE_CHECKING:
    import pandas as pd

#: Spark schema of `check_frame`'s output, for `mapInPandas(..., schema=SPARK_SCHEMA)`.
SPARK_SCHEMA = (
    "id string, language string, score int, verdict string, findings string, "
    "rule_ids array<string>, categories array<string>, rewrite string, error string"
)


def frame_tasks(df: pd.DataFrame, columns: Columns, first_order: int = 0) -> list[Task]:
    """One task per row of `df` (row ids default to the frame's index labels)."""
    wanted = [name for name in columns.wanted if name in df.columns]
    records = df[wanted].astype(object).where(df[wanted].notna(), None).to_dict("records")
    tasks = []
    for position, (label, fields) in enumerate(zip(df.index, records, strict=True)):
        tasks.append(prepare(SourceRow("", label, fields), columns, first_order + position))
    return tasks


def results_frame(rows: Sequence[dict[str, Any]], fields: Sequence[str], index: Any) -> pd.DataFrame:
    """Output rows as a DataFrame: findings as a JSON string, score as a nullable int, other columns as
    Python objects (so a missing value stays None rather than becoming NaN in a string column)."""
    import pandas as pd

    frame = pd.DataFrame(
        {
            name: pd.Series([json.dumps(row[name], ensure_ascii=False) if name == "findings"
                             else row.get(name) for row in rows], dtype=object, index=index)
            for name in fields
        },
        index=index,
    )
    frame["score"] = frame["score"].astype("Int32")
    return frame


def check_frame(
    df: pd.DataFrame,
    text_column: str = "reply",
    context_column: str | None = "customer",
    id_column: str = "id",
    lang_column: str | None = None,
    *,
    config: str | Path | None = None,
) -> pd.DataFrame:
    """Check every row of `df`; return the result columns (see `RESULT_FIELDS`), same index, same order.

    A row that can't be checked gets an `error` instead of a score; nothing is dropped. `config` is a
    tonecheck.toml path; each process builds its Checker for it once.
    """
    if lang_column and lang_column not in df.columns:
        raise AuditOptionsError(f"no column {lang_column!r} (lang_column); columns: {list(df.columns)}.")
    columns = Columns(text=text_column, context=context_column, id=id_column, lang=lang_column)
    tasks = frame_tasks(df, columns)
    results = check_tasks(process_checker(str(config) if config else None), tasks)
    rows = [output_row(task, result) for task, result in zip(tasks, results, strict=True)]
    return results_frame(rows, RESULT_FIELDS, df.index)
