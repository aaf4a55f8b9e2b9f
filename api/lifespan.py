"""Start-up and shut-down: the checker (lexicons) loads once per process, before the first request."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.access_log import protect_access_log
from api.check_runner import CheckRunner
from api.feedback import FeedbackStore
from api.settings import Settings
from tonecheck import Checker

logger = logging.getLogger("tonecheck.api")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    logging.getLogger("tonecheck").setLevel(settings.log_level.upper())
    protect_access_log(settings.log_reply_text)
    app.state.runner = CheckRunner(Checker(), settings)
    app.state.feedback = FeedbackStore(settings.feedback_database_url)
    logger.info("tonecheck ready: %d rules", len(app.state.runner.rule_ids))
    try:
        yield
    finally:
        app.state.feedback.close()
