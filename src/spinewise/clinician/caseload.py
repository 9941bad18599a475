"""The caseload: a clinician's linked patients, what needs attention first, a page at a time.

Sorting needs every patient's alerts, so the whole caseload is gathered in bulk (a fixed
number of queries, see ``activity.py`` and ``alerts.py``), sorted in memory with the
rules' own order (``core.alerts.attention_key``) and then cut into pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone

from spinewise.core import alerts as rules
from spinewise.patients.models import Patient
from spinewise.sharing.links import linked_patients

from .activity import PatientRow
from .alerts import mark_checked, not_checked_on, sync_alerts, unresolved_alerts
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


def caseload_for(clinician: Any, page_number: Any = 1, today: date | None = None) -> Caseload:
    """The clinician's linked patients, most in need of attention first, one page of them."""
    today = today or timezone.localdate()
    patients = linked_patients(clinician)
    stale = not_checked_on(patients, today)
    if stale.exists():
        # A new day (time-based alerts) or data whose refresh did not happen.
        mark_checked(sync_alerts(stale, today), today)
    rows = current_rows(patients, today)
    rows.sort(key=attention)
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    needing = sum(1 for r in rows if any(a.is_open for a in r.alerts))
    emergencies = sum(
        1 for r in rows if any(a.is_open and a.level == "emergency" for a in r.alerts)
    )
    return Caseload(
        page=page,
        total=len(rows),
        needing_attention=needing,
        today=today,
        emergencies=emergencies,
    )


def current_rows(patients: QuerySet[Patient], today: date) -> list[PatientRow]:
    """Every patient with the last activity and unresolved alerts the rules left (two
    queries); the caller makes sure the rules ran today (``AlertCheck``)."""
    alerts = unresolved_alerts(patients)
    rows = []
    for p in patients.select_related("user", "alert_check"):
        check = getattr(p, "alert_check", None)
        last = check.last_activity if check is not None else None
        rows.append(PatientRow(p, activity=None, last_activity=last, alerts=alerts.get(p.pk, [])))
    return rows
