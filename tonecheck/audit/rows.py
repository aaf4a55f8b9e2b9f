"""One input row in, one output row out: the shapes both engines share.

`SourceRow` is what a reader yields (the fields, or why the line could not be read); `Columns` says
which fields matter; `prepare` turns a row into a `Task` (what to check, or the error that stops it);
`output_row` joins a task with its check result into the output row every format writes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from tonecheck.audit.errors import MISSING_COLUMN, NUL_BYTES, UNDECODABLE_ROW, row_error
from tonecheck.errors import EMPTY_REPLY, NOT_TEXT

#: Columns every output row has, in this order; group-by and date columns follow them.
RESULT_FIELDS: tuple[str, ...] = (
    "id",
    "language",
    "score",
    "verdict",
    "findings",
    "rule_ids",
    "categories",
    "rewrite",
    "error",
)

#: Column names looked for, in this order, when no date column is named.
DATE_COLUMN_NAMES: tuple[str, ...] = ("date", "sent_at", "created_at", "created", "timestamp", "time")


@dataclass(frozen=True)
class Columns:
    """Which input fields the audit reads."""

    text: str = "reply"
    context: str | None = "customer"
    id: str = "id"
    lang: str | None = None
    group_by: tuple[str, ...] = ()
    date: str | None = None

    @property
    def passthrough(self) -> tuple[str, ...]:
        """Input columns copied unchanged into the output (group-by columns, then the date)."""
        names = list(self.group_by)
        if self.date and self.date not in names:
            names.append(self.date)
        return tuple(names)

    @property
    def output_fields(self) -> tuple[str, ...]:
        return RESULT_FIELDS + tuple(name for name in self.passthrough if name not in RESULT_FIELDS)

    @property
    def wanted(self) -> tuple[str, ...]:
        """Every input column read (for readers that can skip the others)."""
        names = [self.text, self.id, *self.passthrough]
        names += [name for name in (self.context, self.lang) if name]
        return tuple(dict.fromkeys(names))


@dataclass(slots=True)
class SourceRow:
    """A row as read: its fields, or the reason it could not be read (an error string)."""

    source: str  # the file's name; "" for a DataFrame row, whose `line` is then its index label
    line: Any
    fields: dict[str, Any] | None
    error: str = ""


@dataclass(slots=True)
class Task:
    """A row ready to check: the item for the checker, or the error that stops it."""

    order: int
    id: str
    text: str | None
    customer: str | None
    lang: str | None
    extra: dict[str, str | None] = field(default_factory=dict)
    error: str = ""

    def item(self) -> dict[str, str | None]:
        return {"reply": self.text, "customer": self.customer, "lang": self.lang}


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _as_text(value: Any) -> str | None:
    """A cell as text for id, language and pass-through columns (undecodable bytes replaced)."""
    if type(value) is str and value.isascii():
        return value
    if _missing(value):
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text.encode("utf-8", "replace").decode("utf-8")


def _checkable(value: Any, column: str) -> tuple[str | None, str]:
    """(text, "") when the cell can be checked, else (None, error)."""
    if _missing(value):
        return None, row_error(MISSING_COLUMN, f"no value in column {column!r}")
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError as exc:
            problem = f"column {column!r} holds bytes that are not UTF-8 ({exc.reason})"
            return None, row_error(UNDECODABLE_ROW, problem)
    if not isinstance(value, str):
        return None, row_error(NOT_TEXT, f"column {column!r} holds {type(value).__name__}, not text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None, row_error(UNDECODABLE_ROW, f"column {column!r} holds bytes that are not UTF-8")
    if "\x00" in value:
        return None, row_error(NUL_BYTES, f"column {column!r} holds NUL bytes; is this a binary file?")
    return value, ""


def prepare(row: SourceRow, columns: Columns, order: int) -> Task:
    """Validate one row: what to check, or why it can't be checked (never raises for bad data)."""
    fields = row.fields or {}
    row_id = _as_text(fields.get(columns.id)) or (f"{row.source}:{row.line}" if row.source else str(row.line))
    extra = {name: _as_text(fields.get(name)) for name in columns.passthrough}
    task = Task(order=order, id=row_id, text=None, customer=None, lang=None, extra=extra)
    if row.error:
        task.error = row.error
        return task
    if columns.text not in fields:
        task.error = row_error(MISSING_COLUMN, f"line {row.line} has no column {columns.text!r}")
        return task
    text, error = _checkable(fields[columns.text], columns.text)
    if error:
        task.error = error
        return task
    if not text.strip():
        task.error = row_error(EMPTY_REPLY, "the reply is empty")
        return task
    task.text = text
    if columns.context and not _missing(fields.get(columns.context)):
        customer, error = _checkable(fields[columns.context], columns.context)
        if error:
            task.error = error
            return task
        task.customer = customer or None
    if columns.lang:
        task.lang = _as_text(fields.get(columns.lang)) or None
    return task


def empty_result(error: str) -> dict[str, Any]:
    """The result part of an output row for a row that was not checked."""
    return {
        "language": None,
        "score": None,
        "verdict": None,
        "findings": [],
        "rule_ids": [],
        "categories": [],
        "rewrite": None,
        "error": error,
    }


def output_row(task: Task, result: dict[str, Any]) -> dict[str, Any]:
    """The output row for a task and its result (`result` as made by `checking.check_tasks`)."""
    row: dict[str, Any] = {"id": task.id, **result}
    for name, value in task.extra.items():
        row.setdefault(name, value)
    return row
