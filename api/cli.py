"""`tonecheck serve`: runs the service under uvicorn. Import-light: nothing heavy loads until it runs."""

from __future__ import annotations

import argparse
import importlib.util

APP = "api.main:app"


def _fastest(preferred: str, fallback: str) -> str:
    return preferred if importlib.util.find_spec(preferred) else fallback


def serve(args: argparse.Namespace) -> int:
    """Start uvicorn with `api.main:app` (several workers: one SO_REUSEPORT socket each, `api.workers`);
    flags override the `TONECHECK_*` settings."""
    from api.settings import get_settings

    settings = get_settings()
    workers = 1 if args.reload else args.workers or settings.workers
    options = {
        "host": args.host or settings.host,
        "port": args.port or settings.port,
        # uvloop + httptools: the default h11 + asyncio stack stalled with two workers (MEASUREMENTS.md).
        "loop": _fastest("uvloop", "asyncio"),
        "http": _fastest("httptools", "h11"),
        "log_level": settings.log_level,
        "limit_concurrency": settings.limit_concurrency,
    }
    if workers > 1:
        from api.workers import run_workers

        return run_workers(APP, workers, options)
    import uvicorn

    uvicorn.run(APP, reload=args.reload, **options)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `serve` to a CLI's subcommands; run it with `args.handler(args)`."""
    parser = subparsers.add_parser(
        "serve",
        help="run the HTTP service and the web page",
        description="Run the tonecheck HTTP service (settings: TONECHECK_*).",
    )
    parser.add_argument("--host", help="address to bind (default TONECHECK_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default TONECHECK_PORT or 8000)")
    parser.add_argument("--workers", type=int, help="worker processes (default TONECHECK_WORKERS or 1)")
    parser.add_argument("--reload", action="store_true", help="restart on code changes (development)")
    parser.set_defaults(handler=serve)
