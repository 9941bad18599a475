"""Path parameters and input types shared by the routers.

Bounds matter: an unbounded integer id reaches the database as an overflow (a 500), and
a NUL character is rejected by PostgreSQL; both are refused here as 422 instead.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Path
from pydantic import StrictBool, StrictInt

from spinewise.patients.models import Patient
from spinewise.sharing.access import patient_for

MAX_ID = 2**63 - 1
PATIENT_REF = r"^(me|[1-9][0-9]{0,17})$"


def object_id(description: str) -> Any:
    return Path(..., ge=1, le=MAX_ID, description=description)


PatientRef = Annotated[
    str,
    Path(
        pattern=PATIENT_REF,
        description='"me" for your own records, or a patient id (a clinician: a patient '
        "who consented to your care link; anyone else gets 404).",
        example="me",
    ),
]


def Text(max_length: int) -> Any:  # noqa: N802 - used like a type
    return Annotated[str, Field(max_length=max_length, pattern=r"^[^\x00]*$")]


def patient_of(request: HttpRequest, ref: str, *, change: bool = False) -> Patient:
    """The patient a ``/patients/{patient}/…`` path names, by the patients app's one rule.

    ``me`` is the caller's own record (403 for someone who is not a patient); an id is
    that patient if ``can_access_patient`` allows, else 404 (nobody learns it exists).
    """
    patient_id = None if ref == "me" else int(ref)
    return patient_for(request.auth, patient_id, change=change)  # type: ignore[attr-defined]


# Input numbers and yes/no answers are strict: "5" or 1.0 for a pain score, or "yes" for a
# boolean, is a 422 rather than a silent guess.
Int = StrictInt
Bool = StrictBool
Nrs = Annotated[StrictInt, Field(ge=0, le=10, description="0-10")]
