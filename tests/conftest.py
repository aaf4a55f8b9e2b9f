"""Shared fixtures: one Checker for the whole session (loading and compiling lexicons is the slow part).

The start-up cache goes to a folder of this test run (inherited by the services the tests start), so a run
never reads what another run or the developer's own checker left in ~/.cache.
"""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("TONECHECK_CACHE_DIR", tempfile.mkdtemp(prefix="tonecheck-test-cache-"))

from tonecheck import Checker


@pytest.fixture(scope="session")
def checker() -> Checker:
    return Checker()
