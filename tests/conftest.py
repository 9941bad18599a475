"""Fixtures for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings as hypothesis_settings

# Hypothesis: under "ci" (``.ci/run`` sets HYPOTHESIS_PROFILE=ci) each property test tries the
# example count written in it; under "dev", the default, 40 in 100 of that count
# (tests/hypothesis_budget.py), so that `make test` stays quick.
hypothesis_settings.register_profile("ci", max_examples=100)
hypothesis_settings.register_profile("dev", max_examples=40)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Kept answers (``patients.kept``) never carry from one test to the next."""
    yield
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def jobs_run_inline(settings: object) -> None:
    """Derived work (``spinewise.jobs``) runs inside the write, so a test sees its effects at
    once; the queue's own tests switch back to ``"queue"``."""
    settings.SPINEWISE_JOBS = "inline"  # type: ignore[attr-defined]


# In CI (``.ci/run`` sets SPINEWISE_TESTS_NEED_SERVICES=1) a test that would skip because
# Chromium, Playwright, Redis or an image library is missing fails instead: a broken
# browser or cache must turn the run red, not quietly shrink it.
NEEDED = ("chromium", "playwright", "redis", "cairosvg", "pil.image")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if not report.skipped or os.environ.get("SPINEWISE_TESTS_NEED_SERVICES") != "1":
        return
    reason = str(report.longrepr).lower()
    if any(name in reason for name in NEEDED):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every service must be there: {report.longrepr}"
