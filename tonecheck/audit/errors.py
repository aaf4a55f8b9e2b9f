"""The audit's own error codes (TC4xx) and the error a file that cannot be read at all raises.

A row that cannot be checked never stops an audit: it becomes an output row whose `error` field reads
`"<code>: <message>"`. Only a file that cannot be parsed past some point (bad CSV quoting, a corrupt
Parquet footer, a missing column) raises `MalformedFileError`, naming the file and the line.
"""

from __future__ import annotations

from tonecheck.errors import TonecheckError

MISSING_COLUMN = "TC401"
BAD_JSON_LINE = "TC402"
NUL_BYTES = "TC403"
BAD_CSV_ROW = "TC404"
NOT_AN_OBJECT = "TC405"
UNDECODABLE_ROW = "TC406"
INTERNAL = "TC409"
MALFORMED_FILE = "TC410"
BAD_OPTIONS = "TC411"
RESUME_MISMATCH = "TC412"


def row_error(code: str, message: str) -> str:
    """The text of an output row's `error` field."""
    return f"{code}: {message}"


class MalformedFileError(TonecheckError, ValueError):
    """An input file cannot be read past some point; says which file, which line and what to do."""

    code = MALFORMED_FILE

    def __init__(self, path: str, line: int | None, problem: str, fix: str) -> None:
        self.path = path
        self.line = line
        where = f"{path}, line {line}" if line is not None else path
        super().__init__(f"{where}: {problem} ({fix})")


class CheckerLoadError(TonecheckError):
    """The Checker could not be built (a broken lexicon or config), in this process or a worker.

    Keeps the original code and message and survives pickling, so a worker's failure reads the same in
    the parent process or the Dask client."""

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (self.message, self.code))


class AuditOptionsError(TonecheckError, ValueError):
    """The audit's options don't fit together or don't fit the input."""

    code = BAD_OPTIONS


class ResumeMismatchError(TonecheckError, ValueError):
    """`--resume` found an output that was not written from this input."""

    code = RESUME_MISMATCH
