"""Service settings, read from the environment (prefix `TONECHECK_`); documented in api/README.md."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _split_commas(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """Everything the service can be told from outside. Each field is `TONECHECK_<NAME>`."""

    model_config = SettingsConfigDict(env_prefix="TONECHECK_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1)
    max_reply_chars: int = Field(default=20_000, ge=1, description="Longest reply or customer message.")
    max_batch_items: int = Field(default=64, ge=1)
    max_body_bytes: int = Field(default=2 * 1024 * 1024, ge=1024, description="Larger bodies get a 413.")
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="Comma-separated; when set, /v1 and /v2 need a Bearer key."
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    log_level: Literal["critical", "error", "warning", "info", "debug"] = "info"
    log_reply_text: bool = False
    feedback_database_url: str = "sqlite:///tonecheck-feedback.db"
    run_checks_in: Literal["event_loop", "threadpool"] = Field(
        default="event_loop",
        description="Where a single check runs; the event loop measured a lower p99 (see api/README.md).",
    )
    batch_chunk_items: int = Field(
        default=1, ge=1, description="A batch yields to other requests after this many items."
    )
    preload_languages: bool = Field(
        default=True,
        description="Compile every language at start-up; off, each compiles at its first check (~1 s).",
    )
    limit_concurrency: int = Field(
        default=512, ge=1, description="Connections above this are refused with a 503 instead of queued."
    )

    _split_keys = field_validator("api_keys", "cors_origins", mode="before")(_split_commas)


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
