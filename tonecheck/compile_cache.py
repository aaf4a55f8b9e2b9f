"""A disk cache for the slow, deterministic part of start-up: validated lexicons and compiled phrase indexes.

Reading and validating the YAML lexicons and expanding their templates into phrase indexes takes about a
second; loading the result from a pickle takes a few dozen milliseconds. Each file's name holds a SHA-256
of everything it was built from (the lexicon files' bytes, the phrases, tonecheck's own source, and the
versions of Python, spaCy, pydantic and pyahocorasick), so an edit to any of them builds afresh; a file
that cannot be read is rebuilt. Only lexicon data goes in, never reply text.

Where: `$TONECHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/tonecheck`, else `~/.cache/tonecheck`. Set
`TONECHECK_CACHE_DIR=off` to build in memory every time. The files are pickles: like any cache of
Python objects, the folder must be writable by you alone.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
ENV = "TONECHECK_CACHE_DIR"
#: files kept per kind (the newest); older ones are left from earlier lexicon or code versions
KEEP_PER_KIND = 6


def cache_dir() -> Path | None:
    setting = os.environ.get(ENV)
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0", "false", "no") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tonecheck"


@lru_cache(maxsize=1)
def code_fingerprint() -> bytes:
    """tonecheck's source and the versions of what builds the cached objects."""
    import ahocorasick
    import pydantic
    import spacy

    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    versions = (sys.version, spacy.__version__, pydantic.VERSION, getattr(ahocorasick, "__version__", ""),
                str(pickle.HIGHEST_PROTOCOL))
    digest.update(repr(versions).encode())
    return digest.digest()


def files_digest(roots: Iterable[Path], pattern: str = "*.yml") -> bytes:
    """The names and bytes of every lexicon file under `roots` (missing roots count as empty)."""
    digest = hashlib.sha256()
    for root in roots:
        digest.update(str(root).encode())
        if root.is_dir():
            for path in sorted(root.rglob(pattern)):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.digest()


def _path(directory: Path, kind: str, key: bytes) -> Path:
    return directory / f"{kind}-{hashlib.sha256(code_fingerprint() + kind.encode() + key).hexdigest()[:40]}.pickle"


def load(kind: str, key: bytes) -> Any | None:
    """The object stored for this kind and key, or None (no cache, not stored yet, or unreadable)."""
    directory = cache_dir()
    if directory is None:
        return None
    path = _path(directory, kind, key)
    try:
        with path.open("rb") as handle, _no_gc():
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign file is rebuilt, never trusted
        with contextlib.suppress(OSError):
            path.unlink()
        return None


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Unpickling creates many objects at once; the cyclic collector would walk them again and again
    (a phrase index loads in ~60 ms without it, ~250 ms with it). Nothing made here is garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def store(kind: str, key: bytes, value: object) -> None:
    directory = cache_dir()
    if directory is not None:
        _store(directory, kind, _path(directory, kind, key), value)


def cached(kind: str, key: bytes, build: Callable[[], T]) -> T:
    """`build()`'s result, from the cache when it holds one for this key; stored after a build."""
    value = load(kind, key)
    if value is None:
        value = build()
        store(kind, key, value)
    return value


def _store(directory: Path, kind: str, path: Path, value: object) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        with partial.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
        older = sorted(directory.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[KEEP_PER_KIND:]:
            stale.unlink()
    except Exception:  # noqa: BLE001 - a read-only home, a full disk, a race: start-up is slower, that is all
        with contextlib.suppress(OSError):
            partial.unlink()
