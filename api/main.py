"""Assembles the service: settings, lifespan, middleware, error handlers, routers and the page."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import __version__
from api.body_limit import BodyLimitMiddleware
from api.errors import install_error_handlers
from api.lifespan import lifespan
from api.routers import check, feedback, languagetool, meta, page
from api.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new service instance; `settings` default to the environment (`TONECHECK_*`)."""
    app = FastAPI(
        title="tonecheck",
        version=__version__,
        summary="Flags lines in a customer-support reply that may read badly to an upset customer.",
        lifespan=lifespan,
    )
    app.state.settings = settings or get_settings()
    install_error_handlers(app)
    for router in (check.router, meta.router, meta.health, feedback.router, languagetool.router):
        app.include_router(router)
    if app.state.settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=app.state.settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimitMiddleware, max_bytes=app.state.settings.max_body_bytes)
    app.include_router(page.router)
    app.mount("/static", StaticFiles(directory=page.STATIC), name="static")
    return app


app = create_app()
