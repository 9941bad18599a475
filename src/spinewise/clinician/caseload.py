"""The caseload: a clinician's linked patients, what needs attention first, a page at a time.

Sorting needs every patient's alerts: each patient's place in the order (the rules' own,
``core.alerts.attention_key``) is kept in a table per clinician (``caseload_rows``), worked
out again only for patients whose record changed, so a page is one ordered slice of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.utils import timezone

from spinewise.core import alerts as rules

from . import caseload_rows
from .activity import PatientRow
from .models import Alert

PAGE_SIZE = 25


def as_rule(alert: Alert) -> rules.Alert:
    return rules.Alert(alert.priority, alert.kind, alert.reason, alert.since, alert.level)


def attention(row: PatientRow) -> tuple[Any, ...]:
    """Open alerts by severity first (emergency, urgent, sharp pain, see clinician, the
    rest), newest first within a level; then patients whose alerts were all acknowledged;
    then everyone else, the one quiet for longest first (core.alerts.attention_key)."""
    alerts: Sequence[Alert] = row.alerts
    last = row.last_activity
    open_key = rules.attention_key([as_rule(a) for a in alerts if a.is_open], last)
    seen_key = rules.attention_key([as_rule(a) for a in alerts if not a.is_open], last)
    name = row.patient.user.get_full_name() or row.patient.user.get_username()
    return (*open_key[:2], *seen_key[:2], open_key[2], name.lower(), row.pk)


@dataclass(frozen=True)
class Caseload:
    page: Page  # of PatientRow
    total: int
    needing_attention: int
    today: date
    emergencies: int = 0


def ordered_caseload(
    clinician: Any, today: date
) -> tuple[caseload_rows.OrderedRows, caseload_rows.Counts]:
    """Every linked patient in the caseload's order (read a slice at a time) and the counts,
    with the kept table brought up to date first."""
    found = caseload_rows.refresh(clinician, today, attention)
    return caseload_rows.OrderedRows(clinician, found.total), found


def caseload_for(clinician: Any, page_number: Any = 1, today: date | None = None) -> Caseload:
    """The clinician's linked patients, most in need of attention first, one page of them."""
    today = today or timezone.localdate()
    rows, found = ordered_caseload(clinician, today)
    return Caseload(
        page=Paginator(rows, PAGE_SIZE).get_page(page_number),
        total=found.total,
        needing_attention=found.needing_attention,
        today=today,
        emergencies=found.emergencies,
    )
