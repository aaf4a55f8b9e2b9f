"""Shared fixtures: one Checker for the whole session (loading and compiling lexicons is the slow part)."""

from __future__ import annotations

import pytest

from tonecheck import Checker


@pytest.fixture(scope="session")
def checker() -> Checker:
    return Checker()
