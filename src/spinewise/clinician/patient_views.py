"""The clinician's view of one patient, and private clinical notes.

The patient is fetched with ``audited_patient_for`` (the one access rule, and an entry in
the patient's access log): a patient who is not linked to this clinician is "not found".
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from spinewise.clinician.sharing_views import clinician_required
from spinewise.core.errors import Invalid
from spinewise.patients.models import Patient
from spinewise.sharing.access import audited_patient_for

from .forms import AlertActionForm, NoteForm
from .record import add_note, patient_record
from .views import is_htmx


def _page(
    request: HttpRequest, patient: Patient, note_form: NoteForm | None = None
) -> HttpResponse:
    record = patient_record(request.user, patient, request.GET.get("logs"))
    context = {
        "record": record,
        "patient": patient,
        "form": AlertActionForm(),
        "note_form": note_form or NoteForm(),
    }
    return render(request, "caseload/patient.html", context, status=400 if note_form else 200)


@clinician_required
@require_GET
def patient(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, audited_patient_for(request, pk))


@clinician_required
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a private note; with htmx the notes list is redrawn in place."""
    patient = audited_patient_for(request, pk, change=True, clinical=True)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            add_note(patient, request.user, form.cleaned_data["text"])
        except Invalid as invalid:
            form.add_error("text", invalid.errors["text"])
        else:
            if not is_htmx(request):
                messages.success(request, "Note added.")
                return redirect("clinician:patient", pk=pk)
            form = NoteForm()
    if form.errors and not is_htmx(request):
        return _page(request, patient, form)
    notes = patient.clinical_notes.all()
    return render(
        request, "caseload/_notes.html", {"patient": patient, "notes": notes, "note_form": form}
    )
