"""The service's logging: tonecheck's own records beside uvicorn's, and reply text kept out of both unless
`TONECHECK_LOG_REPLY_TEXT` is on (a LanguageTool client may put it in a query string of the access log)."""

from __future__ import annotations

import logging


class DropQueryString(logging.Filter):
    """Rewrites uvicorn's access-log records so the path is logged without its query string."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?…", *args[3:])
        return True


def configure_logging(level: str, log_reply_text: bool) -> None:
    """Give tonecheck's loggers a handler and `level`; filter the access log unless text may be logged."""
    ours = logging.getLogger("tonecheck")
    ours.setLevel(level.upper())
    if not ours.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
        ours.addHandler(handler)
    access = logging.getLogger("uvicorn.access")
    if not log_reply_text and not any(isinstance(f, DropQueryString) for f in access.filters):
        access.addFilter(DropQueryString())
