"""The kept caseload table (``models.CaseloadRow``): brought up to date for the patients whose
record changed since their row was worked out, then read a page at a time.

A caseload read costs one query to find the stale rows (none, usually), one for the counts
and one for the page's patient ids, then the page's own patients and alerts: the same for a
caseload of 20 or 500 and for a clinic of 500 or 5,000 patients.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, overload

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from spinewise.patients.models import Patient
from spinewise.sharing.links import linked_patients

from .activity import PatientRow
from .alerts import mark_checked, not_checked_on, sync_alerts
from .models import AlertCheck, CaseloadRow


def refresh(clinician: Any, today: date, attention: Any) -> None:
    """Work out again the rows of linked patients whose revision or day moved on, or whose
    alerts are marked for a check (``AlertCheck``: new data, or a refresh that failed)."""
    fresh = CaseloadRow.objects.filter(
        clinician=clinician, patient=OuterRef("pk"), revision=OuterRef("revision"), day=today
    )
    checked = AlertCheck.objects.filter(patient=OuterRef("pk"), checked_on=today)
    stale = linked_patients(clinician).filter(~Exists(fresh) | ~Exists(checked))
    ids = list(stale.values_list("pk", flat=True))
    if not ids:
        return
    patients = Patient.objects.filter(pk__in=ids)
    unchecked = not_checked_on(patients, today)
    if unchecked.exists():
        # A new day (time-based alerts) or new data: the rules run for these patients.
        mark_checked(sync_alerts(unchecked, today), today)
    # Read after the rules' own writes: a later write gives a newer revision, and the
    # row is worked out again on the next read.
    revisions = dict(patients.values_list("pk", "revision"))
    found = current(patients)
    rows = [_row(clinician, row, revisions[row.pk], today, attention) for row in found]
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


def _row(
    clinician: Any, row: PatientRow, revision: int, today: date, attention: Any
) -> CaseloadRow:
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
    from .alerts import unresolved_alerts

    alerts = unresolved_alerts(patients)
    rows = []
    for p in patients.select_related("user", "alert_check"):
        check = getattr(p, "alert_check", None)
        last = check.last_activity if check is not None else None
        rows.append(PatientRow(p, activity=None, last_activity=last, alerts=alerts.get(p.pk, [])))
    return rows


def kept_rows(clinician: Any) -> QuerySet[CaseloadRow]:
    """The clinician's kept rows, of patients linked now only: a link that ended hides its
    row at once, whatever the table still holds."""
    return CaseloadRow.objects.filter(
        clinician=clinician, patient__in=linked_patients(clinician).values("pk")
    )


@dataclass(frozen=True)
class Counts:
    total: int
    needing_attention: int
    emergencies: int


def counts(clinician: Any) -> Counts:
    found = kept_rows(clinician).aggregate(
        total=Count("pk"),
        needing=Count("pk", filter=Q(has_open=True)),
        emergencies=Count("pk", filter=Q(has_emergency=True)),
    )
    return Counts(found["total"], found["needing"], found["emergencies"])


class OrderedRows(Sequence[PatientRow]):
    """The caseload in its order, as a sequence a paginator can count and slice: a slice
    reads only its own patients (their ids from the kept table, in order)."""

    def __init__(self, clinician: Any, total: int) -> None:
        self.clinician = clinician
        self.total = total

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> PatientRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[PatientRow]: ...

    def __getitem__(self, index: int | slice) -> PatientRow | list[PatientRow]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        ordered = kept_rows(self.clinician).order_by(*CaseloadRow.ORDER)
        ids = list(ordered.values_list("patient_id", flat=True)[index])
        if not ids:
            return []
        by_id = {row.pk: row for row in current(Patient.objects.filter(pk__in=ids))}
        return [by_id[pk] for pk in ids if pk in by_id]

    def __iter__(self) -> Iterator[PatientRow]:
        return iter(self[0 : self.total])
