"""How a team tunes tonecheck: per-checker configuration (tonecheck.toml) and per-call options."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError
from .models import CATEGORIES, Severity

DEFAULT_MAX_CHARS = 100_000
CONFIG_FILE_NAME = "tonecheck.toml"


class CheckOptions(BaseModel):
    """Per-call filters (the API's `options`): applied after checking; score and verdict follow them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    disabled_rules: list[str] = Field(default_factory=list)
    disabled_categories: list[str] = Field(default_factory=list)
    min_severity: Severity = "info"
    ignored_fingerprints: list[str] = Field(default_factory=list)

    @field_validator("disabled_categories")
    @classmethod
    def _known_categories(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(CATEGORIES))
        if unknown:
            raise ValueError(f"unknown categories {unknown}; known: {', '.join(sorted(CATEGORIES))}")
        return value


class CustomPhrase(BaseModel):
    """A team's own phrase to flag (`[[banned]]`) or wording to prefer (`[[preferred]]`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: str
    phrase: str = Field(description="A phrase template, as in the lexicons.")
    category: str = "canned_phrase"
    severity: Severity = "warning"
    message: str = "“{text}” is on your team's list of phrases to avoid."
    suggestions: list[str] = Field(default_factory=list)

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in CATEGORIES:
            raise ValueError(f"unknown category {value!r}; known: {', '.join(sorted(CATEGORIES))}")
        return value

    def slug(self) -> str:
        ascii_words = re.sub(r"[^a-z0-9]+", "-", self.phrase.lower()).strip("-")
        return "custom-" + (ascii_words[:40].strip("-") or f"{abs(hash(self.phrase)) % 10**8}")


class CheckerConfig(BaseModel):
    """Everything a `Checker` can be told once: extra lexicons, silenced rules, severities, custom phrases."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lexicon_paths: list[Path] = Field(default_factory=list)
    disabled_rules: list[str] = Field(default_factory=list)
    disabled_categories: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict, description="rule id or category → severity")
    min_severity: Severity = "info"
    ignored_fingerprints: list[str] = Field(default_factory=list)
    banned: list[CustomPhrase] = Field(default_factory=list)
    preferred: list[CustomPhrase] = Field(default_factory=list)
    max_chars: int = Field(default=DEFAULT_MAX_CHARS, gt=0)

    @classmethod
    def from_file(cls, path: str | Path) -> CheckerConfig:
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise ConfigError(f"cannot read config {path}: {error.strerror}", code="TC301") from error
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path} is not valid TOML: {error}", code="TC302") from error
        data = data.get("tool", {}).get("tonecheck", data) if "tool" in data else data
        paths = [Path(p) if Path(p).is_absolute() else path.parent / p for p in data.get("lexicon_paths", [])]
        return cls.build({**data, "lexicon_paths": paths}, source=str(path))

    @classmethod
    def build(cls, data: dict[str, Any], source: str = "config") -> CheckerConfig:
        try:
            return cls.model_validate(data)
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in item['loc'])}: {item['msg']}" for item in error.errors()
            )
            raise ConfigError(f"{source} is invalid: {problems}", code="TC303") from error


def resolve_config(config: CheckerConfig | str | Path | dict[str, Any] | None) -> CheckerConfig:
    """Accept a config object, a path to tonecheck.toml, a dict, or None (the defaults)."""
    if config is None:
        return CheckerConfig()
    if isinstance(config, CheckerConfig):
        return config
    if isinstance(config, dict):
        return CheckerConfig.build(config)
    return CheckerConfig.from_file(config)
