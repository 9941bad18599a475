"""Programme editing: every change a version with who and why, validated like the core's own
choices, stale edits refused, and the engine honouring locks and the pain ceiling."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from spinewise.accounts.models import Role, User
from spinewise.clinician.models import ProgrammeEdit
from spinewise.core.exercises import load_library
from spinewise.patients.models import Patient
from spinewise.programmes.models import PlannedItem, ProgrammeVersion
from spinewise.programmes.services import current_version
from spinewise.training.models import ProgressionDecision
from tests.web.conftest import PASSWORD, client_for
from tests.web.sharing.conftest import link

from .conftest import ago, linked_patient, train

pytestmark = pytest.mark.django_db


@pytest.fixture
def pat(dr: User) -> Patient:
    return linked_patient(dr, "pat", days_ago=7)


def items(patient: Patient, session: int | None = None) -> list[PlannedItem]:
    version = current_version(patient)
    found = PlannedItem.objects.filter(session__version=version).select_related("session__version")
    if session is not None:
        found = found.filter(session__number=session)
    return list(found.order_by("session__number", "position"))


def post_item(client: Client, item: PlannedItem, action: str, **data: Any):
    patient_pk = item.session.version.programme.patient_id
    url = reverse("clinician:programme_item", args=[patient_pk, item.pk, action])
    form = {"version": str(item.session.version.number), "reason": "Clinical judgement", **data}
    return client.post(url, {k: str(v) for k, v in form.items()})


def add(client: Client, patient: Patient, exercise_id: str, **data: Any):
    form = {
        "version": str(current_version(patient).number),
        "session": "1",
        "exercise_id": exercise_id,
        "reason": "Needs hip strength",
        "override_reason": "",
        **data,
    }
    return client.post(reverse("clinician:programme_add", args=[patient.pk]) + "?q=", form)


def version_number(patient: Patient) -> int:
    return current_version(patient).number


def test_the_editor_lists_every_session_and_exercise(dr_client: Client, pat: Patient) -> None:
    page = dr_client.get(reverse("clinician:programme", args=[pat.pk])).content.decode()
    for item in items(pat):
        assert reverse("clinician:programme_item", args=[pat.pk, item.pk, "dose"]) in page
    assert "Version 1 from" in page


def test_changing_a_dose_makes_a_new_version_with_who_and_why(
    dr_client: Client, pat: Patient
) -> None:
    item = next(i for i in items(pat, 1) if i.reps)
    response = post_item(
        dr_client,
        item,
        "dose",
        sets=3,
        amount=item.reps + 2,
        band_level=item.band_level or "",
        reason="Ready for more: good form at review",
    )
    assert response.status_code == 302
    version = current_version(pat)
    assert version.number == 2
    edit = version.clinician_edit
    assert (edit.kind, edit.author_name, edit.reason) == (
        "dose",
        "Ana Jones (dr-jones)",
        "Ready for more: good form at review",
    )
    changed = PlannedItem.objects.filter(session__version=version, exercise_id=item.exercise_id)
    assert {(i.sets, i.reps) for i in changed} == {(3, item.reps + 2)}
    assert "Changed by your clinician Ana Jones (dr-jones): Ready for more" in version.cause


def test_the_patient_sees_what_changed_when_by_whom_and_why(
    dr_client: Client, pat: Patient
) -> None:
    item = items(pat, 1)[0]
    post_item(dr_client, item, "lock", locked="on", reason="Hold this while the knee settles")
    patient_client = client_for(pat.user)
    programme = patient_client.get(reverse("programmes:current")).content.decode()
    assert "Changes by your clinician" in programme
    assert "Ana Jones (dr-jones)" in programme and "Hold this while the knee settles" in programme
    assert f"Locked {escape(item.name)}" in programme
    assert "locked by your clinician" in programme
    version = current_version(pat)
    detail = patient_client.get(reverse("programmes:version", args=[version.pk])).content.decode()
    assert "Locked progression" in detail and "Hold this while the knee settles" in detail
    assert timezone.localtime(version.created_at).strftime("%-d %B %Y") in detail


def test_adding_an_exercise_puts_it_in_the_chosen_session(dr_client: Client, pat: Patient) -> None:
    present = {i.exercise_id for i in items(pat, 1)}
    chosen = next(
        e.id
        for e in load_library()
        if not e.equipment and not e.contraindications and e.id not in present
    )
    response = add(dr_client, pat, chosen)
    assert response.status_code == 302
    added = items(pat, 1)[-1]
    assert added.exercise_id == chosen
    assert added.reason == "Added by your clinician: Needs hip strength"


def test_removing_an_exercise_keeps_the_others(dr_client: Client, pat: Patient) -> None:
    before = [i.exercise_id for i in items(pat, 2)]
    post_item(dr_client, items(pat, 2)[1], "remove", reason="Too much for now")
    assert [i.exercise_id for i in items(pat, 2)] == before[:1] + before[2:]
    assert current_version(pat).clinician_edit.changes[0].startswith("Removed ")


def test_a_swap_offers_the_easier_and_harder_variations_first(
    dr_client: Client, pat: Patient
) -> None:
    library = load_library()
    item = next(i for i in items(pat) if library.get(i.exercise_id).easier)
    url = reverse("clinician:programme_item", args=[pat.pk, item.pk, "swap"])
    page = dr_client.get(url).content.decode()
    easier = library.get(library.get(item.exercise_id).easier[0])
    assert 'name="exercise_id"' in page
    first_option = page.index('name="exercise_id"')
    assert page.index(escape(easier.name)) > first_option
    assert '<span class="tag">easier</span>' in page


def test_swapping_in_the_easier_variation(dr_client: Client, pat: Patient) -> None:
    library = load_library()
    item = next(i for i in items(pat) if library.get(i.exercise_id).easier)
    easier = library.get(item.exercise_id).easier[0]
    response = post_item(dr_client, item, "swap", exercise_id=easier, reason="Flare-up")
    assert response.status_code == 302
    swapped = PlannedItem.objects.get(
        session__version=current_version(pat),
        session__number=item.session.number,
        position=item.position,
    )
    assert swapped.exercise_id == easier
    assert swapped.reason.startswith("Chosen by your clinician instead of")


def test_equipment_the_patient_lacks_is_refused(dr_client: Client, pat: Patient) -> None:
    response = add(dr_client, pat, "foam-roller-thoracic-extension")
    assert response.status_code == 400
    assert "needs equipment the person does not have (foam roller)" in response.content.decode()
    assert version_number(pat) == 1


def test_equipment_cannot_be_overridden(dr_client: Client, pat: Patient) -> None:
    response = add(dr_client, pat, "foam-roller-thoracic-extension", override_reason="I lend one")
    assert response.status_code == 400
    assert version_number(pat) == 1


def test_a_contraindicated_exercise_needs_a_reason_to_override(dr: User, dr_client: Client) -> None:
    patient = linked_patient(dr, "wren", days_ago=7, conditions=["wrist_pain"])
    response = add(dr_client, patient, "bird-dog")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Bird dog is not advised with wrist pain." in body
    assert "give your reason for overriding" in body
    assert version_number(patient) == 1


def test_an_override_reason_is_recorded_with_the_change(dr: User, dr_client: Client) -> None:
    patient = linked_patient(dr, "wren", days_ago=7, conditions=["wrist_pain"])
    response = add(
        dr_client, patient, "bird-dog", override_reason="Wrist pain resolved; on fists is fine"
    )
    assert response.status_code == 302
    edit = current_version(patient).clinician_edit
    assert edit.overridden == ["wrist_pain"]
    assert edit.override_reason == "Wrist pain resolved; on fists is fine"
    page = dr_client.get(reverse("clinician:programme", args=[patient.pk])).content.decode()
    assert "Contraindication overridden" in page


def test_a_band_level_must_be_one_of_the_patients_bands(dr_client: Client, pat: Patient) -> None:
    # Whatever the planner chose, the clinician adds a band exercise to session 1 first.
    library = load_library()
    planned = {i.exercise_id for i in items(pat, 1)}
    band_id = next(
        e.id
        for e in library
        if e.uses_band_level and set(e.equipment) <= {"resistance_band"} and e.id not in planned
    )
    assert add(dr_client, pat, band_id).status_code == 302
    item = next(i for i in items(pat, 1) if i.exercise_id == band_id)
    response = post_item(dr_client, item, "dose", sets=2, amount=item.reps or 10, band_level="gold")
    assert response.status_code == 400
    assert version_number(pat) == 2


def test_a_dose_outside_the_bounds_is_refused(dr_client: Client, pat: Patient) -> None:
    item = items(pat, 1)[0]
    response = post_item(dr_client, item, "dose", sets=9, amount=500, band_level=item.band_level)
    assert response.status_code == 400
    body = response.content.decode()
    assert "less than or equal to 6" in body
    assert version_number(pat) == 1


def test_a_change_needs_a_reason(dr_client: Client, pat: Patient) -> None:
    response = post_item(dr_client, items(pat, 1)[0], "remove", reason="  ")
    assert response.status_code == 400
    assert version_number(pat) == 1


def test_a_stale_edit_is_refused_with_a_clear_message(dr_client: Client, pat: Patient) -> None:
    first, second = items(pat, 1)[:2]
    post_item(dr_client, first, "lock", locked="on")
    response = post_item(dr_client, second, "remove")
    assert response.status_code == 409
    body = response.content.decode()
    assert "you saw version 1, it is now version 2" in body
    assert "Nothing was saved" in body
    assert version_number(pat) == 2


def test_two_clinicians_editing_at_once_cannot_overwrite_each_other(
    dr_client: Client, pat: Patient
) -> None:
    colleague = User.objects.create_user("dr-b", "b@example.org", PASSWORD, role=Role.CLINICIAN)
    link(colleague, pat)
    other = client_for(colleague)
    item = items(pat, 1)[0]
    assert post_item(dr_client, item, "lock", locked="on").status_code == 302
    amount = item.reps or item.hold_seconds or item.breaths
    late = post_item(other, item, "dose", sets=3, amount=amount, band_level=item.band_level)
    assert late.status_code == 409
    assert version_number(pat) == 2
    assert ProgrammeEdit.objects.count() == 1


def test_a_locked_exercise_does_not_progress(dr_client: Client, pat: Patient) -> None:
    item = items(pat, 1)[0]
    dose = (item.sets, item.reps, item.hold_seconds, item.breaths)
    post_item(dr_client, item, "lock", locked="on", reason="Keep steady")
    train(pat, ago(2), rpe=2, pain=0, morning=0)
    decision = ProgressionDecision.objects.get(exercise_id=item.exercise_id)
    assert decision.decision == "hold"
    assert "locked" in decision.reason
    for kept in PlannedItem.objects.filter(
        session__version=current_version(pat), exercise_id=item.exercise_id
    ):
        assert (kept.sets, kept.reps, kept.hold_seconds, kept.breaths) == dose
        assert kept.locked


def test_the_pain_ceiling_replaces_five_in_the_engine(dr_client: Client, pat: Patient) -> None:
    response = dr_client.post(
        reverse("clinician:pain_limit", args=[pat.pk]),
        {"version": "1", "ceiling": "3", "reason": "Irritable back: keep pain low"},
    )
    assert response.status_code == 302
    pat.refresh_from_db()
    assert pat.pain_ceiling == 3
    assert current_version(pat).clinician_edit.changes == [
        "Pain limit during exercise: 5/10 -> 3/10"
    ]
    log = train(pat, ago(1), pain=4, morning=3)  # 4/10: fine under 5, too much under 3
    decisions = list(log.decisions.all())
    assert decisions and all(d.decision in ("regress", "replace") for d in decisions)
    assert "above your limit of 3/10" in decisions[0].reason


def test_a_pain_ceiling_outside_0_to_10_is_refused(dr_client: Client, pat: Patient) -> None:
    response = dr_client.post(
        reverse("clinician:pain_limit", args=[pat.pk]),
        {"version": "1", "ceiling": "11", "reason": "x"},
    )
    assert response.status_code == 400
    pat.refresh_from_db()
    assert pat.pain_ceiling == 5


def test_clearing_a_see_clinician_patient_plans_a_full_programme(
    dr: User, dr_client: Client
) -> None:
    patient = linked_patient(dr, "gail", days_ago=7, level="see_clinician")
    gentle = current_version(patient)
    assert all("gentle mobility" in s.title for s in gentle.sessions.all())
    editor = dr_client.get(reverse("clinician:programme", args=[patient.pk])).content.decode()
    assert "Clear after a medical review" in editor
    response = dr_client.post(
        reverse("clinician:clearance", args=[patient.pk]),
        {"version": str(gentle.number), "confirm": "on", "reason": "Examined: mechanical pain"},
    )
    assert response.status_code == 302
    full = current_version(patient)
    assert full.number == gentle.number + 1
    assert not any("gentle mobility" in s.title for s in full.sessions.all())
    screening = patient.screenings.order_by("-created_at").first()
    assert screening.is_cleared and not screening.is_open
    clearance = screening.clearance
    assert (clearance.kind, clearance.recorded_by, clearance.ruled_out) == (
        "clinician",
        dr,
        "Examined: mechanical pain",
    )
    assert patient.access_events.filter(detail__startswith="Cleared open warnings").exists()
    assert full.clinician_edit.kind == "clearance"
    programme = client_for(patient.user).get(reverse("programmes:current")).content.decode()
    assert "Nothing steps up while a warning sign is open" not in programme
    assert "Examined: mechanical pain" in programme


def test_clearing_needs_the_confirmation(dr: User, dr_client: Client) -> None:
    patient = linked_patient(dr, "gail", days_ago=7, level="see_clinician")
    response = dr_client.post(
        reverse("clinician:clearance", args=[patient.pk]), {"version": "1", "reason": "Seen"}
    )
    assert response.status_code == 400
    assert not patient.screenings.get().is_cleared


def test_a_patient_safe_to_start_has_nothing_to_clear(dr_client: Client, pat: Patient) -> None:
    response = dr_client.post(
        reverse("clinician:clearance", args=[pat.pk]),
        {"version": "1", "confirm": "on", "reason": "Seen"},
    )
    assert response.status_code == 400
    assert version_number(pat) == 1


def test_every_change_is_written_to_the_access_log(dr_client: Client, pat: Patient) -> None:
    post_item(dr_client, items(pat, 1)[0], "lock", locked="on")
    assert pat.access_events.filter(action="change").count() == 1


def test_versions_keep_the_full_history(dr_client: Client, pat: Patient) -> None:
    post_item(dr_client, items(pat, 1)[0], "lock", locked="on", reason="one")
    post_item(dr_client, items(pat, 1)[1], "remove", reason="two")
    causes = list(
        ProgrammeVersion.objects.filter(programme__patient=pat)
        .order_by("number")
        .values_list("number", "clinician_edit__reason")
    )
    assert causes == [(1, None), (2, "one"), (3, "two")]


def clear(client: Client, patient: Patient, version: int = 1):
    return client.post(
        reverse("clinician:clearance", args=[patient.pk]),
        {"version": str(version), "confirm": "on", "reason": "Examined: mechanical pain"},
    )


def test_clearing_resolves_the_warning_sign_alert_with_the_reason(
    dr: User, dr_client: Client
) -> None:
    patient = linked_patient(dr, "gail", days_ago=3, level="see_clinician")
    dr_client.get(reverse("clinician:caseload"))
    alert = patient.alerts.get(kind="red_flag")
    clear(dr_client, patient)
    alert.refresh_from_db()
    assert alert.state == "resolved" and alert.acted_by == dr
    assert alert.note == "Cleared after a medical review: Examined: mechanical pain"
    assert "Warning sign" not in dr_client.get(reverse("clinician:caseload")).content.decode()


def test_a_new_see_clinician_screening_limits_the_programme_again(
    dr: User, dr_client: Client
) -> None:
    from spinewise.screening.models import Screening
    from spinewise.screening.services import record_screening
    from spinewise.training.progression import pause_reason
    from tests.web.conftest import LEVEL_EXTRA, SAFE_ANSWERS

    patient = linked_patient(dr, "gail", days_ago=7, level="see_clinician")
    clear(dr_client, patient)
    assert pause_reason(patient) == ""
    answers = {**SAFE_ANSWERS, **LEVEL_EXTRA["see_clinician"]}
    record_screening(patient, answers, Screening.Source.RECHECK)
    assert "warning sign" in pause_reason(patient)
    editor = dr_client.get(reverse("clinician:programme", args=[patient.pk])).content.decode()
    assert "Clear after a medical review" in editor


def test_a_patient_cleared_before_planning_gets_a_full_programme(
    dr: User, dr_client: Client
) -> None:
    from spinewise.patients.models import Baseline
    from spinewise.programmes.services import create_programme
    from tests.web.conftest import BASELINE, screen_as

    from .conftest import new_patient

    patient = new_patient("hal")
    link(dr, patient)
    screening = screen_as(patient, "see_clinician")
    assert clear(dr_client, patient, version=0).status_code == 302
    screening.refresh_from_db()
    baseline = Baseline.objects.create(patient=patient, **BASELINE)
    programme = create_programme(patient, baseline)
    titles = [s.title for s in programme.current_version().sessions.all()]
    assert titles and not any("gentle mobility" in t for t in titles)
    assert ProgrammeEdit.objects.get(patient=patient).kind == "clearance"
