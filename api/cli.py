"""`tonecheck serve`: runs the service under uvicorn. Import-light: nothing heavy loads until it runs."""

from __future__ import annotations

import argparse
import importlib.util


def _fastest(preferred: str, fallback: str) -> str:
    return preferred if importlib.util.find_spec(preferred) else fallback


def serve(args: argparse.Namespace) -> int:
    """Start uvicorn with `api.main:app`; flags override the `TONECHECK_*` settings."""
    import uvicorn

    from api.settings import get_settings

    settings = get_settings()
    uvicorn.run(
        "api.main:app",
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=None if args.reload else args.workers or settings.workers,
        reload=args.reload,
        # uvloop + httptools: the default h11 + asyncio stack stalled with two workers (MEASUREMENTS.md).
        loop=_fastest("uvloop", "asyncio"),
        http=_fastest("httptools", "h11"),
        log_level=settings.log_level,
        limit_concurrency=settings.limit_concurrency,
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `serve` to a CLI's subcommands; its handler is `args.func(args)`."""
    parser = subparsers.add_parser(
        "serve",
        help="run the HTTP service and the web page",
        description="Run the tonecheck HTTP service (settings: TONECHECK_*).",
    )
    parser.add_argument("--host", help="address to bind (default TONECHECK_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default TONECHECK_PORT or 8000)")
    parser.add_argument("--workers", type=int, help="worker processes (default TONECHECK_WORKERS or 1)")
    parser.add_argument("--reload", action="store_true", help="restart on code changes (development)")
    parser.set_defaults(func=serve)
