"""Keeping the Alert records in step with the rules in ``core.alerts``.

:func:`sync_alerts` runs the rules for a set of patients (see ``activity.gather``) and
brings their alert records up to date in a fixed number of queries: one read of the
relevant alerts, then at most one insert and one update, whatever the number of patients.
It is idempotent, so it runs whenever new data may have changed an alert (after a session
log, morning check, check-in, screening or baseline is saved; see ``signals.py``) and each
time the caseload is loaded, which is what brings time-based alerts (no activity, missed
sessions) up to date.

Two kinds of alert:

- Events (a warning sign, sharp pain): the alert names the latest event (its date and how
  many that day). A new event re-opens an acknowledged alert; a resolved alert stays
  resolved for the same event. Only a clinician resolves them.
- Conditions (pain rising, morning pain not settling, missed sessions, no activity): an
  episode starts when the rule starts firing and ends when it stops. Resolving an alert
  silences it for the rest of its episode; when the rule stops firing an unresolved alert
  is resolved automatically, saying so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from spinewise.core import alerts as rules
from spinewise.core.errors import Invalid
from spinewise.patients.models import Patient
from spinewise.patients.revision import touch
from spinewise.sharing.invitations import display_name

from .activity import EVENT_LOOKBACK_DAYS, PatientRow, gather
from .models import Alert, AlertCheck

EVENT_KINDS = frozenset({"red_flag", "sharp_pain"})
UNRESOLVED = (Alert.State.OPEN, Alert.State.ACKNOWLEDGED)
UPDATED_FIELDS = [
    "reason",
    "level",
    "since",
    "event_key",
    "state",
    "updated_at",
    "cleared_at",
    "acted_by",
    "acted_by_name",
    "acted_at",
    "note",
    "history",
]
AUTO_RESOLVED = "No longer applies: resolved automatically."


class AlertActionError(Exception):
    """An alert action that cannot be taken (e.g. the alert is already resolved)."""


def event_key(kind: str, found: rules.Alert, row: PatientRow, today: date) -> str:
    """What makes this alert a new event: see the module docstring."""
    if kind == "red_flag":
        return f"{found.since}#{row.red_flag_count}"
    if kind == "sharp_pain":
        return f"{found.since}#{row.sharp_pain_count}"
    return f"from {today.isoformat()}"


@dataclass
class Changes:
    create: list[Alert]
    update: list[Alert]


def _relevant(patients: QuerySet[Patient], today: date) -> QuerySet[Alert]:
    """Unresolved alerts, alerts of episodes still going on, and recently resolved events."""
    recent = today - timedelta(days=EVENT_LOOKBACK_DAYS)
    return Alert.objects.filter(patient__in=patients.values("pk")).filter(
        Q(state__in=UNRESOLVED) | Q(cleared_at__isnull=True) | Q(since__gte=recent)
    )


def _plan(
    rows: Iterable[PatientRow], stored: Iterable[Alert], today: date, now: datetime
) -> Changes:
    by_pair: dict[tuple[int, str], list[Alert]] = {}
    for alert in sorted(stored, key=lambda a: (a.created_at, a.pk)):
        by_pair.setdefault((alert.patient_id, alert.kind), []).append(alert)
    changes = Changes([], [])
    for row in rows:
        assert row.activity is not None, "gather() rows carry what the rules need"
        firing = {a.kind: a for a in rules.alerts_for(row.activity)}
        for kind in rules.ALERT_KINDS:
            _plan_one(
                row, kind, firing.get(kind), by_pair.get((row.pk, kind), []), today, now, changes
            )
    return changes


def _plan_one(
    row: PatientRow,
    kind: str,
    found: rules.Alert | None,
    stored: list[Alert],
    today: date,
    now: datetime,
    changes: Changes,
) -> None:
    unresolved = next((a for a in stored if a.state in UNRESOLVED), None)
    latest = stored[-1] if stored else None
    if found is None:
        if latest is not None and latest.cleared_at is None:
            latest.cleared_at = now
            if kind not in EVENT_KINDS and latest.state in UNRESOLVED:
                _set_state(latest, Alert.State.RESOLVED, None, AUTO_RESOLVED, now)
            changes.update.append(latest)
        return
    if kind in EVENT_KINDS:
        key = event_key(kind, found, row, today)
        if unresolved is not None:
            if _refresh(unresolved, found, key, now, reopen=unresolved.event_key != key):
                changes.update.append(unresolved)
        elif not any(a.event_key == key for a in stored):
            changes.create.append(_new(row, found, key, now))
        return
    ongoing = latest if latest is not None and latest.cleared_at is None else None
    if ongoing is None:
        changes.create.append(_new(row, found, event_key(kind, found, row, today), now))
    elif ongoing.state in UNRESOLVED and _refresh(ongoing, found, ongoing.event_key, now):
        changes.update.append(ongoing)


def _new(row: PatientRow, found: rules.Alert, key: str, now: datetime) -> Alert:
    return Alert(
        patient=row.patient,
        kind=found.kind,
        reason=found.reason[:300],
        level=found.level,
        since=found.since,
        event_key=key,
        created_at=now,
        updated_at=now,
    )


def _refresh(
    alert: Alert, found: rules.Alert, key: str, now: datetime, reopen: bool = False
) -> bool:
    """Bring ``alert`` up to date with what the rule says now; True when it changed."""
    new = (found.reason[:300], found.level, found.since, key)
    current = (alert.reason, alert.level, alert.since, alert.event_key)
    if current == new and alert.cleared_at is None:
        return False
    alert.reason, alert.level, alert.since, alert.event_key = new
    alert.cleared_at = None
    alert.updated_at = now
    if reopen and alert.state == Alert.State.ACKNOWLEDGED:
        alert.state = Alert.State.OPEN  # a new event after the acknowledgement
    return True


def _set_state(alert: Alert, state: str, user: Any, note: str, now: datetime) -> None:
    name = display_name(user) if user is not None else "Spinewise"
    alert.state = state
    alert.acted_by = user
    alert.acted_by_name = name[:300]
    alert.acted_at = now
    alert.note = note
    alert.updated_at = now
    alert.history = [
        *alert.history,
        {"state": state, "by": name, "at": now.isoformat(), "note": note},
    ]


def sync_alerts(
    patients: QuerySet[Patient], today: date | None = None, now: datetime | None = None
) -> list[PatientRow]:
    """Run the rules for ``patients`` and update their alerts; each row carries its
    unresolved alerts (most urgent first) in ``row.alerts``."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    rows = gather(patients, today)
    try:
        with transaction.atomic():
            stored = list(_relevant(patients, today))
            changes = _plan(rows, stored, today, now)
            Alert.objects.bulk_create(changes.create)
            Alert.objects.bulk_update(changes.update, UPDATED_FIELDS)
            # Bulk writes send no signals: new revisions for kept caseload answers.
            touch(a.patient_id for a in [*changes.create, *changes.update])
    except IntegrityError:
        # Another request created the same alert a moment ago: its result stands; read it.
        stored = list(_relevant(patients, today))
        changes = Changes([], [])
    current: dict[int, list[Alert]] = {}
    for alert in [*stored, *changes.create]:
        if alert.state in UNRESOLVED:
            current.setdefault(alert.patient_id, []).append(alert)
    for row in rows:
        row.alerts = sorted(current.get(row.pk, []), key=lambda a: (not a.is_open, a.priority))
    return rows


def mark_stale(patient_id: int) -> None:
    """New data for this patient: their alerts need the rules again (see AlertCheck)."""
    AlertCheck.objects.filter(patient_id=patient_id).update(checked_on=None)


def mark_checked(rows: Iterable[PatientRow], today: date) -> None:
    """Record that these patients' alerts were brought up to date on ``today``, with the
    last activity the rules saw (one upsert)."""
    AlertCheck.objects.bulk_create(
        [
            AlertCheck(patient_id=row.pk, checked_on=today, last_activity=row.last_activity)
            for row in rows
        ],
        update_conflicts=True,
        unique_fields=["patient"],
        update_fields=["checked_on", "last_activity"],
    )


def not_checked_on(patients: QuerySet[Patient], today: date) -> QuerySet[Patient]:
    """Those of ``patients`` whose alerts were not brought up to date on ``today``."""
    return patients.exclude(alert_check__checked_on=today)


def unresolved_alerts(patients: QuerySet[Patient]) -> dict[int, list[Alert]]:
    """Each patient's open and acknowledged alerts, most urgent first (one query)."""
    found: dict[int, list[Alert]] = {}
    rows = Alert.objects.filter(patient__in=patients.values("pk"), state__in=UNRESOLVED)
    for alert in rows:
        found.setdefault(alert.patient_id, []).append(alert)
    for alerts in found.values():
        alerts.sort(key=lambda a: (not a.is_open, a.priority))
    return found


ACTIONS = {"acknowledge": Alert.State.ACKNOWLEDGED, "resolve": Alert.State.RESOLVED}
ALERT_NOTE_MAX = 1000  # characters


def act_on_alert(alert: Alert, user: Any, action: str, note: str) -> Alert:
    """Acknowledge or resolve ``alert`` with a note (the caller checked access).

    Invalid (naming ``action`` or ``note``) for an unknown action, a note over
    ``ALERT_NOTE_MAX`` characters or a resolve without one; AlertActionError when the
    alert's state does not allow the action any more.
    """
    note = note.strip()
    if action not in ACTIONS:
        raise Invalid({"action": f"Choose one of {', '.join(ACTIONS)}."})
    if len(note) > ALERT_NOTE_MAX:
        raise Invalid({"note": f"Keep the note under {ALERT_NOTE_MAX} characters."})
    if action == "resolve" and not note:
        raise Invalid({"note": "Say how this was resolved."})
    with transaction.atomic():
        fresh = Alert.objects.select_for_update().get(pk=alert.pk)
        if fresh.state == Alert.State.RESOLVED:
            raise AlertActionError("This alert has already been resolved.")
        if action == "acknowledge" and fresh.state == Alert.State.ACKNOWLEDGED:
            raise AlertActionError("This alert has already been acknowledged.")
        _set_state(fresh, ACTIONS[action], user, note, timezone.now())
        fresh.save(update_fields=UPDATED_FIELDS)
    return fresh


def resolve_cleared_warning(patient: Patient, clinician: Any, note: str) -> None:
    """After a clinician clears a see-clinician result, resolve the warning-sign alert it
    raised, unless another warning sign still stands."""
    rows = sync_alerts(Patient.objects.filter(pk=patient.pk))
    if not rows or rules.red_flag_alert(rows[0].activity) is not None:
        return
    for alert in rows[0].alerts:
        if alert.kind == "red_flag":
            act_on_alert(alert, clinician, "resolve", note)
