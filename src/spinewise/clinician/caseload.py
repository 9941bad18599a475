"""The caseload: a clinician's linked patients, what needs attention first, a page at a time.

Sorting needs every patient's alerts: each patient's place in the order (the rules' own,
``core.alerts.attention_key``) is kept in a table per clinician (``caseload_rows``), worked
out again only for patients whose record changed, so a page is one ordered slice of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.utils import timezone

from . import caseload_rows

PAGE_SIZE = 25


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
    found = caseload_rows.refresh(clinician, today)
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
