"""Start-up and shut-down: the checker loads and (by default) compiles every language once per process,
before the port opens, so no request pays for it and `/readyz` means ready."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.check_runner import CheckRunner
from api.feedback import FeedbackStore
from api.service_logging import configure_logging
from api.settings import Settings
from tonecheck import Checker

logger = logging.getLogger("tonecheck.api")
WARM_UP_TEXT = "Hello, thanks for writing!"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    configure_logging(settings.log_level, settings.log_reply_text)
    checker = Checker()
    for lang in checker.languages if settings.preload_languages else ():
        checker.check(WARM_UP_TEXT, customer=WARM_UP_TEXT, lang=lang)  # the first check compiles the language
    app.state.runner = CheckRunner(checker, settings)
    app.state.feedback = FeedbackStore(settings.feedback_database_url)
    logger.info("tonecheck ready: %d rules", len(app.state.runner.rule_ids))
    try:
        yield
    finally:
        app.state.feedback.close()
