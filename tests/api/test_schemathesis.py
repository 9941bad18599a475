"""schemathesis over every operation of the live schema, in-process (WSGI).

A quick pass (a few examples per operation) so ``pytest tests/api`` catches server errors
and schema violations; ``python -m tests.api.fuzz_live`` is the longer run against a real
server, for CI. Both exclude the same checks, for the reasons given in fuzz_live.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi import checks
from tests.api.conftest import World
from tests.api.fuzz_live import EXCLUDED_CHECKS

from spinewise.wsgi import application

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXCLUDED = [getattr(checks, name) for name in EXCLUDED_CHECKS]


# Loaded from the app itself (no database needed): one test per operation.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_the_test_transaction() -> Iterator[None]:
    """Calling the WSGI app directly fires Django's request signals, which close the
    database connection (and with it the test's transaction) on PostgreSQL; the test
    client switches them off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors_and_no_schema_violations(case: Any, world: World) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {world.write_token}"}, excluded_checks=EXCLUDED
    )
