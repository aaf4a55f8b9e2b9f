"""Where checks run. A check costs well under a millisecond, so by default it runs right on the event loop:
a thread hand-off cost more CPU than it saved (service CPU per request 0.9-1.3 ms on the loop against
1.3-1.7 ms through the threadpool, bench/api_load.py). A batch yields to other requests after every
`batch_chunk_items` items (default 1) so that one large batch cannot stall small requests: with a client
sending 64-item batches back to back, small requests at 200/s had a p99 of 15-83 ms yielding after every
item, 39-150 ms yielding every 8, and 18-299 ms with batches in a worker thread (three runs each on a
busy shared machine; the GIL makes the loop wait for the batch thread)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from anyio import to_thread
from pydantic import ValidationError

from api.errors import INVALID_REQUEST, REPLY_TOO_LONG, TOO_MANY_ITEMS, ApiError, from_library
from api.languages import library_code
from api.schemas import BatchItem, BatchResult, ErrorBody
from api.settings import Settings
from tonecheck import Checker, CheckOptions
from tonecheck.errors import TonecheckError
from tonecheck.models import Report

logger = logging.getLogger("tonecheck.api")


class CheckRunner:
    """Runs the library's checks for the routes, enforcing the service's own limits first."""

    def __init__(self, checker: Checker, settings: Settings) -> None:
        self.checker = checker
        self.settings = settings
        self.max_chars = min(settings.max_reply_chars, checker.max_chars)
        self.rule_ids = frozenset(rule.rule_id for rule in checker.rules())

    def _check_now(self, item: BatchItem, options: CheckOptions) -> Report:
        for field, text in (("reply", item.reply), ("customer", item.customer)):
            if text is not None and len(text) > self.max_chars:
                raise ApiError(
                    413,
                    REPLY_TOO_LONG,
                    f"The {field} has {len(text)} characters; the limit is {self.max_chars}. "
                    "Check it in parts or raise TONECHECK_MAX_REPLY_CHARS.",
                )
        if self.settings.log_reply_text:
            logger.info("checking reply=%r customer=%r lang=%r", item.reply, item.customer, item.lang)
        return self.checker.check(
            item.reply, customer=item.customer, lang=library_code(item.lang), options=options
        )

    async def check(self, item: BatchItem, options: CheckOptions) -> Report:
        if self.settings.run_checks_in == "threadpool":
            return await to_thread.run_sync(self._check_now, item, options)
        return self._check_now(item, options)

    def _result(self, index: int, raw: Any, options: CheckOptions) -> BatchResult:
        try:
            item = raw if isinstance(raw, BatchItem) else BatchItem.model_validate(raw)
            return BatchResult(index=index, report=self._check_now(item, options))
        except ValidationError as exc:
            problem = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'item'}: {e['msg']}" for e in exc.errors()[:5]
            )
            return BatchResult(index=index, error=ErrorBody(code=INVALID_REQUEST, message=problem))
        except ApiError as exc:
            return BatchResult(index=index, error=ErrorBody(code=exc.code, message=exc.message))
        except TonecheckError as exc:
            error = from_library(exc)
            return BatchResult(index=index, error=ErrorBody(code=error.code, message=error.message))

    def _chunk(self, items: Sequence[Any], offset: int, options: CheckOptions) -> list[BatchResult]:
        return [self._result(offset + i, raw, options) for i, raw in enumerate(items)]

    async def check_batch(self, items: Sequence[Any], options: CheckOptions) -> list[BatchResult]:
        if len(items) > self.settings.max_batch_items:
            raise ApiError(
                413,
                TOO_MANY_ITEMS,
                f"The batch has {len(items)} items; the limit is {self.settings.max_batch_items}. "
                "Split it or raise TONECHECK_MAX_BATCH_ITEMS.",
            )
        step = self.settings.batch_chunk_items
        results: list[BatchResult] = []
        for offset in range(0, len(items), step):
            chunk = items[offset : offset + step]
            if self.settings.run_checks_in == "threadpool":
                results += await to_thread.run_sync(self._chunk, chunk, offset, options)
            else:
                if offset:
                    await asyncio.sleep(0)
                results += self._chunk(chunk, offset, options)
        return results
