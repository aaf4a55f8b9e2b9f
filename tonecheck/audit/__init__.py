"""QA batch audits: check months of sent replies, write one result row per reply and an HTML report.

`check_frame(df)` is the per-partition function (Dask `map_partitions`, Spark `mapInPandas`); the
`tonecheck audit` command is in `tonecheck.audit.cli`. Importing this package imports nothing heavy:
pandas and the checker load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tonecheck.audit.frame import check_frame

__all__ = ["check_frame"]


def __getattr__(name: str) -> Any:
    if name == "check_frame":
        from tonecheck.audit.frame import check_frame

        return check_frame
    raise AttributeError(f"module 'tonecheck.audit' has no attribute {name!r}")
