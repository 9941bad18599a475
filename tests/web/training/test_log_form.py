"""The short session log: one effort and one pain rating for the session, each exercise as
a summary line whose details open when it went differently, the warning-sign questions
behind a required gateway, and an error summary that links to every field in error."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.patients.models import Patient
from spinewise.programmes.models import PlannedSession
from spinewise.training.forms import GATEWAY_REQUIRED, GATEWAY_YES_EMPTY
from spinewise.training.models import SessionLog
from tests.web.conftest import give_programme, player_post, session_of

pytestmark = pytest.mark.django_db
URL = reverse("training:player", args=[1])


@pytest.fixture
def session(patient: Patient) -> PlannedSession:
    return session_of(give_programme(patient))


def item_html(page: str, index: int) -> str:
    """The markup of exercise ``index``, up to the next exercise (or the end of the list)."""
    rest = page.split(f'id="log-item-{index}"')[1]
    return re.split(r'<li class="log-item[" ]|</ul>\s*</section>', rest)[0]


def test_the_short_form_asks_for_the_session_once_and_summarises_each_exercise(
    patient_client: Client, session: PlannedSession
) -> None:
    page = patient_client.get(URL).content.decode()
    assert 'name="rpe"' in page and 'name="pain_during"' in page
    assert "How hard was the session?" in page and "Pain during the session" in page
    first = session.items.all()[0]
    amount = first.reps or first.hold_seconds or first.breaths
    row = item_html(page, 0)
    assert f"{first.name}</span>: " in row
    assert re.search(rf"{first.sets} x {amount}( s| breaths)? as planned", row)
    # closed by default; its fields (the player's names) are still in the form
    assert '<details class="log-item__details">' in row
    for name in ("sets_done", "rpe", "pain_during", "stopped", "stop_reason", "sharp_pain"):
        assert f'name="items-0-{name}"' in row
    # sharp pain is outside the details: one tap away
    assert row.index('name="items-0-sharp_pain"') > row.index("</details>")


def test_the_gateway_is_never_answered_for_the_person(
    patient_client: Client, session: PlannedSession
) -> None:
    page = patient_client.get(URL).content.decode()
    gateway = re.findall(r'<input type="radio" name="anything_new"[^>]*>', page)
    assert len(gateway) == 2
    assert not any("checked" in radio for radio in gateway)
    assert "Anything new or worrying since your last session?" in page
    # without JavaScript the warning signs are simply below the gateway
    assert 'name="new_symptoms"' in page.split('id="gateway-panel"')[1]


def test_an_unanswered_gateway_is_an_error(patient_client: Client, session: PlannedSession) -> None:
    data = player_post(session)
    del data["anything_new"]
    response = patient_client.post(URL, data)
    assert response.context["form"].errors["anything_new"] == [GATEWAY_REQUIRED]
    assert not SessionLog.objects.exists()


def test_yes_with_nothing_ticked_or_typed_asks_what_it_was(
    patient_client: Client, session: PlannedSession
) -> None:
    response = patient_client.post(URL, player_post(session, anything_new="yes"))
    assert response.context["form"].errors["new_symptoms"] == [GATEWAY_YES_EMPTY]
    assert not SessionLog.objects.exists()


@pytest.mark.parametrize("gateway", ["no", ""])
def test_a_ticked_warning_sign_wins_over_the_gateway(
    patient_client: Client, patient: Patient, session: PlannedSession, gateway: str
) -> None:
    data = player_post(session, anything_new=gateway, new_symptoms="fever_or_chills")
    response = patient_client.post(URL, data)
    assert response.status_code == 302
    log = SessionLog.objects.get(patient=patient)
    assert log.new_symptoms == ["fever_or_chills"]


def test_another_symptom_typed_wins_over_a_missing_gateway(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    data = player_post(session, other_symptom="my left foot tingles")
    del data["anything_new"]
    assert patient_client.post(URL, data).status_code == 302
    assert SessionLog.objects.get(patient=patient).other_symptom == "my left foot tingles"


def test_the_error_summary_links_to_each_field_in_error(
    patient_client: Client, session: PlannedSession
) -> None:
    data = player_post(session, **{"items-1-sets_done": "11"})
    del data["anything_new"], data["rpe"]
    page = patient_client.post(URL, data).content.decode()
    summary = page.split('id="log-errors"')[1].split("</div>")[0]
    assert (
        'role="alert"' in summary and 'tabindex="-1"' in summary and "data-error-summary" in summary
    )
    links = re.findall(r'<a href="#field-([\w-]+)">', summary)
    # in the order the page shows them
    assert links == ["rpe", "items-1-sets_done", "anything_new"]
    assert f"{session.items.all()[1].name}: sets done" in summary
    assert GATEWAY_REQUIRED in summary
    # each field in error says so and points at its message
    assert 'aria-describedby="id_anything_new_error"' in page
    assert 'id="id_anything_new_error"' in page
    assert re.search(r'name="anything_new" value="no"[^>]*aria-invalid="true"', page)
    assert re.search(r'name="items-1-sets_done"[^>]*aria-invalid="true"', page)
    assert re.search(
        r'aria-describedby="id_items-1-sets_done_helptext id_items-1-sets_done_error"', page
    )
    assert 'id="id_items-1-sets_done_error"' in page
    # the exercise in error shows its details
    assert '<details class="log-item__details" open>' in item_html(page, 1)


def test_an_exercise_that_went_differently_shows_its_details(
    patient_client: Client, session: PlannedSession
) -> None:
    items = list(session.items.all())
    short = next(i for i, item in enumerate(items) if item.sets > 1)
    stop, untouched = [i for i in range(len(items)) if i != short][:2]
    item = items[short]
    amount = item.reps or item.hold_seconds or item.breaths
    p = f"items-{short}-"
    name = next(
        k
        for k in player_post(session)
        if k.startswith(p) and k.endswith("_done") and "sets" not in k
    )
    data = player_post(
        session, **{p + "sets_done": "1", name: str(amount), f"items-{stop}-stopped": "on"}
    )
    del data["anything_new"]  # an error, so the form comes back as it was sent
    page = patient_client.post(URL, data).content.decode()
    row = item_html(page, short)
    assert '<details class="log-item__details" open>' in row
    assert f"1 x {amount}" in row and f"(planned {item.sets} x {amount}" in row
    assert "stopped early" in item_html(page, stop)
    assert '<details class="log-item__details">' in item_html(page, untouched)
