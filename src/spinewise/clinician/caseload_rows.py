"""The kept caseload table (``models.CaseloadRow``): brought up to date for the patients whose
record changed since their row was worked out, then read a page at a time.

A caseload read costs two small reads to find the stale rows (none, usually) and the counts,
and one for the page's patient ids, then the page's own patients and alerts: the same number
for a caseload of 20 or 500, and nothing that grows with the clinic's other patients.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, overload

from django.db.models import QuerySet

from spinewise.core import alerts as rules
from spinewise.patients.models import Patient
from spinewise.sharing.links import linked_patients

from .activity import PatientRow
from .alerts import mark_checked, not_checked_on, sync_alerts, unresolved_alerts
from .models import Alert, CaseloadRow


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


# What a kept row says besides the order: (patient id, revision, day, has_open, has_emergency)
Stamp = tuple[int, int, date, bool, bool]


@dataclass(frozen=True)
class Counts:
    total: int
    needing_attention: int
    emergencies: int


def refresh(clinician: Any, today: date) -> Counts:
    """Bring the clinician's kept rows up to date and return the caseload's counts.

    Rows are worked out again for linked patients whose revision or day moved on, or whose
    alerts are marked for a check (``AlertCheck``: new data, or a refresh that failed);
    rows of patients no longer linked are deleted. Two reads (each linked patient's
    revision and alert check; each row's stamp) compared in memory; writes only when
    something changed.
    """
    linked = {
        pk: (revision, checked_on)
        for pk, revision, checked_on in linked_patients(clinician).values_list(
            "pk", "revision", "alert_check__checked_on"
        )
    }
    kept: dict[int, Stamp] = {
        row[0]: row
        for row in CaseloadRow.objects.filter(clinician=clinician).values_list(
            "patient_id", "revision", "day", "has_open", "has_emergency"
        )
    }
    gone = kept.keys() - linked.keys()
    if gone:
        CaseloadRow.objects.filter(clinician=clinician, patient_id__in=gone).delete()
    stale = [
        pk
        for pk, (revision, checked_on) in linked.items()
        if checked_on != today or pk not in kept or kept[pk][1:3] != (revision, today)
    ]
    if stale:
        for row in _rework(clinician, stale, today):
            kept[row.patient_id] = (
                row.patient_id,
                row.revision,
                row.day,
                row.has_open,
                row.has_emergency,
            )
    shown = [kept[pk] for pk in linked if pk in kept]
    return Counts(
        total=len(shown),
        needing_attention=sum(1 for row in shown if row[3]),
        emergencies=sum(1 for row in shown if row[4]),
    )


def _rework(clinician: Any, ids: list[int], today: date) -> list[CaseloadRow]:
    patients = Patient.objects.filter(pk__in=ids)
    unchecked = not_checked_on(patients, today)
    if unchecked.exists():
        # A new day (time-based alerts) or new data: the rules run for these patients.
        mark_checked(sync_alerts(unchecked, today), today)
    # Read after the rules' own writes: a later write gives a newer revision, and the
    # row is worked out again on the next read.
    revisions = dict(patients.values_list("pk", "revision"))
    rows = [_row(clinician, row, revisions[row.pk], today) for row in current(patients)]
    CaseloadRow.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["clinician", "patient"],
        update_fields=[
            "revision",
            "day",
            *(f for f in CaseloadRow.ORDER if f != "patient_id"),
            "has_open",
            "has_emergency",
        ],
    )
    return rows


def _row(clinician: Any, row: PatientRow, revision: int, today: date) -> CaseloadRow:
    key = attention(row)
    return CaseloadRow(
        clinician=clinician,
        patient_id=row.pk,
        revision=revision,
        day=today,
        open_priority=key[0],
        open_newest=key[1],
        seen_priority=key[2],
        seen_newest=key[3],
        quiet_since=key[4],
        name=key[5][:300],
        has_open=any(a.is_open for a in row.alerts),
        has_emergency=any(a.is_open and a.level == "emergency" for a in row.alerts),
    )


def current(patients: QuerySet[Patient]) -> list[PatientRow]:
    """Each patient with the last activity and unresolved alerts the rules left (two
    queries); the caller makes sure the rules ran today."""
    alerts = unresolved_alerts(patients)
    rows = []
    for p in patients.select_related("user", "alert_check"):
        check = getattr(p, "alert_check", None)
        last = check.last_activity if check is not None else None
        rows.append(PatientRow(p, activity=None, last_activity=last, alerts=alerts.get(p.pk, [])))
    return rows


class OrderedRows(Sequence[PatientRow]):
    """The caseload in its order, as a sequence a paginator can count and slice: a slice
    reads only its own patients (their ids from the kept table, in order). ``refresh``
    first: it deletes the rows of links that ended, so the clinician's rows are the
    caseload."""

    def __init__(self, clinician: Any, total: int) -> None:
        self.clinician = clinician
        self.total = total

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> PatientRow: ...

    @overload
    def __getitem__(self, index: slice) -> PageRows: ...

    def __getitem__(self, index: int | slice) -> PatientRow | PageRows:
        if isinstance(index, int):
            return self[index : index + 1][0]
        ordered = CaseloadRow.objects.filter(clinician=self.clinician).order_by(*CaseloadRow.ORDER)
        return PageRows(list(ordered.values_list("patient_id", "revision")[index]))

    def __iter__(self) -> Iterator[PatientRow]:
        return iter(self[0 : self.total])


class PageRows(Sequence[PatientRow]):
    """One page of the caseload: its patients' ids and revisions at once (``stamps``, what
    a kept rendering of the page is found under), the rows themselves only when used."""

    def __init__(self, stamps: list[tuple[int, int]]) -> None:
        self.stamps = stamps
        self._rows: list[PatientRow] | None = None

    @property
    def rows(self) -> list[PatientRow]:
        if self._rows is None:
            ids = [pk for pk, _revision in self.stamps]
            found = current(Patient.objects.filter(pk__in=ids)) if ids else []
            by_id = {row.pk: row for row in found}
            self._rows = [by_id[pk] for pk in ids if pk in by_id]
        return self._rows

    def __len__(self) -> int:
        return len(self.stamps)

    @overload
    def __getitem__(self, index: int) -> PatientRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[PatientRow]: ...

    def __getitem__(self, index: int | slice) -> PatientRow | list[PatientRow]:
        return self.rows[index]

    def __iter__(self) -> Iterator[PatientRow]:
        return iter(self.rows)
