"""Progress: a tqdm bar with rate and ETA on a terminal, a plain log line every few seconds otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

LOG_EVERY_SECONDS = 10.0


class Progress:
    """Counts rows (or partitions) done; `bar` None means: a bar only when stderr is a terminal."""

    def __init__(self, total: int | None, unit: str = "rows", bar: bool | None = None,
                 stream: TextIO | None = None, initial: int = 0) -> None:
        self._stream = stream or sys.stderr
        self._unit = unit
        self._start = time.monotonic()
        self._last_log = self._start
        self.done = initial
        self._initial = initial
        self._bar = None
        if bar if bar is not None else self._stream.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=total, initial=initial, unit=unit[:-1] if unit.endswith("s") else unit,
                             unit_scale=True, file=self._stream, dynamic_ncols=True, smoothing=0.1)

    def update(self, n: int, errors: int = 0) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
            return
        now = time.monotonic()
        if now - self._last_log >= LOG_EVERY_SECONDS:
            self._last_log = now
            self.log(f"{self.done:,} {self._unit} done, {self.rate():,.0f} {self._unit}/s, {errors:,} errors")

    def rate(self) -> float:
        elapsed = time.monotonic() - self._start
        return (self.done - self._initial) / elapsed if elapsed > 0 else 0.0

    def log(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(f"audit: {message}", file=self._stream)
        else:
            print(f"audit: {message}", file=self._stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            if self._bar.total and self._bar.n < self._bar.total:
                self._bar.total = self._bar.n  # the CSV row count was an estimate (quoted line breaks)
                self._bar.refresh()
            self._bar.close()
        self.log(f"{self.done:,} {self._unit} in {time.monotonic() - self._start:.1f} s "
                 f"({self.rate():,.0f} {self._unit}/s)")
