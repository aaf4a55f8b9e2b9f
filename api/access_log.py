"""Keep reply text out of the access log: a LanguageTool client may put it in a query string."""

from __future__ import annotations

import logging


class DropQueryString(logging.Filter):
    """Rewrites uvicorn's access-log records so the path is logged without its query string."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?…", *args[3:])
        return True


def protect_access_log(log_reply_text: bool) -> None:
    """Install the filter on uvicorn's access logger unless reply text may be logged."""
    access = logging.getLogger("uvicorn.access")
    if not log_reply_text and not any(isinstance(f, DropQueryString) for f in access.filters):
        access.addFilter(DropQueryString())
