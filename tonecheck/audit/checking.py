"""Checking a batch of tasks with one Checker per process, one result per task whatever happens.

Both engines (and `check_frame`) call `check_tasks`, so a row comes out the same whichever runs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from tonecheck.audit.errors import INTERNAL, CheckerLoadError, row_error
from tonecheck.audit.rows import Task, empty_result
from tonecheck.errors import TonecheckError


@lru_cache(maxsize=4)
def process_checker(config: str | None) -> Any:
    """This process's Checker for a config path, built once; `CheckerLoadError` if it can't be built."""
    from tonecheck import Checker

    try:
        return Checker(config=config)
    except TonecheckError as exc:
        raise CheckerLoadError(exc.message, exc.code) from exc


def _result(report: Any) -> dict[str, Any]:
    findings = [f.model_dump(exclude={"start_utf16", "end_utf16"}) for f in report.findings]
    return {
        "language": report.language,
        "score": report.score,
        "verdict": report.verdict,
        "findings": findings,
        "rule_ids": list(dict.fromkeys(f["rule_id"] for f in findings)),
        "categories": list(dict.fromkeys(f["category"] for f in findings)),
        "rewrite": report.rewrite,
        "error": "",
    }


def _check_one(checker: Any, task: Task) -> dict[str, Any]:
    try:
        return _result(checker.check(task.text, customer=task.customer, lang=task.lang))
    except TonecheckError as exc:
        return empty_result(row_error(exc.code, exc.message))
    except Exception as exc:  # noqa: BLE001 - one bad row must not end a million-row audit
        problem = f"tonecheck failed on this row ({type(exc).__name__}: {exc})"
        return empty_result(row_error(INTERNAL, problem))


def _from_many(outcome: Any) -> dict[str, Any]:
    if isinstance(outcome, TonecheckError):
        return empty_result(row_error(outcome.code, outcome.message))
    return _result(outcome)


def check_tasks(checker: Any, tasks: Sequence[Task]) -> list[dict[str, Any]]:
    """One result dict per task, in order. The batch goes through `check_many` (a bad item comes back as
    its error); should the batch fail some other way, its rows are checked one by one."""
    todo = [task for task in tasks if not task.error]
    try:
        outcomes = list(checker.check_many([task.item() for task in todo], batch_size=256, errors="return"))
        checked = {id(task): _from_many(outcome) for task, outcome in zip(todo, outcomes, strict=True)}
    except Exception:  # noqa: BLE001 - fall back to one row at a time so only the bad row fails
        checked = {id(task): _check_one(checker, task) for task in todo}
    return [checked[id(task)] if not task.error else empty_result(task.error) for task in tasks]
