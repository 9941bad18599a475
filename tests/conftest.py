"""Fixtures for every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Kept answers (``api.kept``) never carry from one test to the next."""
    yield
    from django.core.cache import cache

    cache.clear()
