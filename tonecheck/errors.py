"""Numbered errors. A code is never reused; each message says what was expected, what arrived and what to do.

`TonecheckError` is the base. Errors about the caller's input (`InputError`, `UnknownLanguageError`) and
about the caller's files (`ConfigError`, `LexiconError`) are the caller's to fix; anything else is our bug.
"""

from __future__ import annotations

from dataclasses import dataclass


class TonecheckError(Exception):
    """Base of every error tonecheck raises on purpose."""

    code: str = "TC000"

    def __init__(self, message: str, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        self.message = message
        super().__init__(f"[{self.code}] {message}")


class InputError(TonecheckError, ValueError):
    """The reply (or customer message) cannot be checked as given."""


class UnknownLanguageError(TonecheckError, ValueError):
    """An explicitly requested language is not supported."""

    code = "TC110"

    def __init__(self, requested: str, supported: tuple[str, ...]) -> None:
        self.requested = requested
        self.supported = supported
        super().__init__(
            f"Language {requested!r} is not supported. Supported: {', '.join(supported)}; "
            "or leave it out (or pass 'auto') to detect the language.",
        )


class ConfigError(TonecheckError, ValueError):
    """A configuration value or tonecheck.toml file is wrong."""

    code = "TC300"


@dataclass(frozen=True)
class LexiconProblem:
    """One problem in one lexicon file: where, what, and how to fix it."""

    path: str
    entry: str | None
    problem: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.path}" + (f" [{self.entry}]" if self.entry else "")
        return f"{where}: {self.problem} (fix: {self.fix})"


class LexiconError(TonecheckError, ValueError):
    """One or more lexicon files are broken; lists every problem at once."""

    code = "TC200"

    def __init__(self, problems: list[LexiconProblem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the lexicons:\n{lines}")


# Code ranges: TC1xx input, TC2xx lexicons, TC3xx configuration, TC4xx batch audits (tonecheck.audit.errors).
# Input error codes (stable).
EMPTY_REPLY = "TC101"
REPLY_TOO_LONG = "TC102"
NOT_TEXT = "TC103"
UNDECODABLE = "TC104"
BAD_ITEM = "TC105"
