"""The patient accepts an invitation: who asks, what they see, explicit consent."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from spinewise.accounts.models import User
from spinewise.patients.models import Patient
from spinewise.sharing.invitations import invite_with_code
from spinewise.sharing.links import active_link, linked_patients
from spinewise.sharing.models import CareLink, Clinic
from tests.web.conftest import PASSWORD, client_for
from tests.web.sharing.conftest import content

pytestmark = pytest.mark.django_db
ACCEPT = reverse("sharing:accept")


def enter(client: Client, code: str) -> object:
    return client.post(ACCEPT, {"code": code})


def test_a_code_leads_to_a_page_naming_the_clinician_and_what_they_see(
    clinician: User, patient_client: Client, clinic: Clinic
) -> None:
    link, code = invite_with_code(clinician, clinic)
    response = enter(patient_client, code)
    assert response["Location"] == reverse("sharing:review", args=[link.pk])
    page = content(patient_client.get(response["Location"]))
    assert "dr at Riverside Physio asks to follow your programme" in page
    assert "Your session logs" in page
    assert "Change your programme" in page
    assert "cannot change your own records" in page


def test_a_code_is_accepted_in_lower_case_with_spaces(
    clinician: User, patient_client: Client
) -> None:
    link, code = invite_with_code(clinician)
    typed = code.lower().replace("-", " ")
    assert enter(patient_client, typed)["Location"] == reverse("sharing:review", args=[link.pk])


def test_consent_needs_the_box_ticked(
    clinician: User, patient: Patient, patient_client: Client
) -> None:
    link, code = invite_with_code(clinician)
    enter(patient_client, code)
    response = patient_client.post(reverse("sharing:review", args=[link.pk]), {})
    assert response.status_code == 400
    assert "Tick the box to agree" in content(response)
    assert active_link(clinician, patient) is None


def test_consent_makes_the_link_active(
    clinician: User, patient: Patient, patient_client: Client
) -> None:
    link, code = invite_with_code(clinician)
    enter(patient_client, code)
    response = patient_client.post(reverse("sharing:review", args=[link.pk]), {"consent": "on"})
    assert response["Location"] == reverse("sharing:overview")
    found = active_link(clinician, patient)
    assert found == link and found.consent_at is not None
    assert list(linked_patients(clinician)) == [patient]


def test_accepting_twice_is_harmless(
    clinician: User, patient: Patient, patient_client: Client
) -> None:
    link, code = invite_with_code(clinician)
    enter(patient_client, code)
    url = reverse("sharing:review", args=[link.pk])
    patient_client.post(url, {"consent": "on"})
    again = patient_client.post(url, {"consent": "on"}, follow=True)
    assert "You already share your record with dr" in content(again)
    assert CareLink.objects.filter(status=CareLink.Status.ACTIVE).count() == 1


def test_a_second_invitation_from_the_same_clinician_keeps_one_link(
    clinician: User, patient: Patient, patient_client: Client
) -> None:
    first, code1 = invite_with_code(clinician)
    second, code2 = invite_with_code(clinician)
    for link, code in ((first, code1), (second, code2)):
        enter(patient_client, code)
        patient_client.post(reverse("sharing:review", args=[link.pk]), {"consent": "on"})
    assert CareLink.objects.filter(status=CareLink.Status.ACTIVE).get() == first
    second.refresh_from_db()
    assert second.status == CareLink.Status.ENDED


def test_a_used_code_is_refused_to_someone_else(
    clinician: User, patient_client: Client, other_client: Client
) -> None:
    link, code = invite_with_code(clinician)
    enter(patient_client, code)
    response = enter(other_client, code)
    assert "This invitation has already been used." in content(response)


def test_an_expired_code_is_refused_with_the_date(clinician: User, patient_client: Client) -> None:
    link, code = invite_with_code(clinician)
    CareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    page = content(enter(patient_client, code))
    assert "This invitation expired on" in page
    assert "Ask dr for a new one." in page


def test_an_invitation_expiring_before_consent_is_refused(
    clinician: User, patient: Patient, patient_client: Client
) -> None:
    link, code = invite_with_code(clinician)
    enter(patient_client, code)
    CareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = patient_client.post(reverse("sharing:review", args=[link.pk]), {"consent": "on"})
    assert response.status_code == 410
    assert active_link(clinician, patient) is None


def test_a_withdrawn_invitation_is_refused(clinician: User, patient_client: Client) -> None:
    from spinewise.sharing.links import end_link

    link, code = invite_with_code(clinician)
    end_link(link, clinician)
    assert "withdrawn" in content(enter(patient_client, code))


def test_a_wrong_code_says_so(patient_client: Client) -> None:
    assert "That code is not valid." in content(enter(patient_client, "ABCD-EFGH-JKMN"))


def test_a_patient_may_decline(clinician: User, patient: Patient, patient_client: Client) -> None:
    link, code = invite_with_code(clinician)
    enter(patient_client, code)
    patient_client.post(reverse("sharing:decline", args=[link.pk]))
    link.refresh_from_db()
    assert link.status == CareLink.Status.ENDED
    assert link.end_reason == "Declined by the patient"


def test_an_opened_invitation_waits_on_the_sharing_page(
    clinician: User, patient_client: Client
) -> None:
    link, code = invite_with_code(clinician)
    enter(patient_client, code)
    page = content(patient_client.get(reverse("sharing:overview")))
    assert "Invitations waiting for your answer" in page
    assert reverse("sharing:review", args=[link.pk]) in page


def email_link(clinician_client: Client, address: str = "alex@example.org") -> str:
    clinician_client.post(reverse("clinician:invite"), {"channel": "email", "email": address})
    return re.search(r"https?://[^/]+(/sharing/invitation/[^/\s]+/)", mail.outbox[-1].body).group(1)


def test_the_email_link_asks_a_visitor_to_log_in_or_sign_up_first(
    clinician_client: Client,
) -> None:
    url = email_link(clinician_client)
    page = content(Client().get(url))
    assert "dr invites you to share your Spinewise record" in page
    assert escape(f"{reverse('accounts:login')}?next={url.replace('/', '%2F')}") in page
    assert escape(f"{reverse('accounts:signup')}?next={url.replace('/', '%2F')}") in page


def test_after_logging_in_the_email_link_leads_to_consent(
    clinician_client: Client, patient: Patient
) -> None:
    url = email_link(clinician_client)
    visitor = Client()
    login = visitor.post(
        f"{reverse('accounts:login')}?next={url}",
        {"username": "alex", "password": PASSWORD, "next": url},
    )
    assert login["Location"] == url
    link = CareLink.objects.get()
    assert visitor.get(url)["Location"] == reverse("sharing:review", args=[link.pk])


def test_after_signing_up_the_email_link_leads_to_consent(clinician_client: Client) -> None:
    url = email_link(clinician_client, "new@example.org")
    visitor = Client()
    response = visitor.post(
        f"{reverse('accounts:signup')}?next={url}",
        {
            "username": "newbie",
            "email": "new@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "understands": "on",
        },
    )
    assert response["Location"] == url
    link = CareLink.objects.get()
    assert visitor.get(url)["Location"] == reverse("sharing:review", args=[link.pk])
    assert link.status == CareLink.Status.INVITED


def test_sign_up_ignores_a_next_address_on_another_site(db: None) -> None:
    response = Client().post(
        f"{reverse('accounts:signup')}?next=https://evil.example/",
        {
            "username": "newbie",
            "email": "new@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "understands": "on",
        },
    )
    assert response["Location"] == reverse("screening:start")


def test_a_used_email_link_is_refused(
    clinician_client: Client, patient_client: Client, other_client: Client
) -> None:
    url = email_link(clinician_client)
    patient_client.get(url)
    response = other_client.get(url)
    assert response.status_code == 410
    assert "already been used" in content(response)


def test_an_unknown_email_link_is_not_found(patient_client: Client) -> None:
    response = patient_client.get(reverse("sharing:invitation", args=["x" * 43]))
    assert response.status_code == 404
    assert "This invitation link is not valid" in content(response)


def test_a_clinician_cannot_accept_an_invitation(
    clinician_client: Client, other_clinician: User
) -> None:
    url = email_link(clinician_client)
    response = client_for(other_clinician).get(url)
    assert response.status_code == 403
    assert CareLink.objects.get().patient is None
