"""The patient's side: who can see my record, invitations, consent, and the access log.

Links and invitations that are not the patient's give 404. The invitation link itself
works before signing in: it says who is asking and sends the person to log in or sign up,
then back.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from spinewise.sharing.access import own_patient, patient_required

from .forms import CodeForm, ConsentForm
from .invitations import accept, claim, display_name, find_by_code, find_by_token, verdict
from .links import ACTIVE, end_link
from .models import CareLink

ACCESS_LOG_PAGE = 25
ALREADY = "You already share your record with {who}."


def _links(request: HttpRequest) -> QuerySet[CareLink]:
    return CareLink.objects.select_related("clinician", "clinic").filter(
        patient=request.patient  # type: ignore[attr-defined]
    )


@patient_required
def overview(request: HttpRequest) -> HttpResponse:
    links = _links(request)
    context = {
        "active": links.filter(ACTIVE).order_by("-consent_at"),
        "pending": links.filter(status=CareLink.Status.INVITED, expires_at__gt=timezone.now()),
        "ended": links.filter(status=CareLink.Status.ENDED, consent_at__isnull=False).order_by(
            "-ended_at"
        )[:10],
        "recent": request.patient.access_events.all()[:5],  # type: ignore[attr-defined]
    }
    return render(request, "clinic/sharing.html", context)


@patient_required
def accept_code(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link = find_by_code(form.cleaned_data["code"])
        if link is None:
            form.add_error(
                "code", "That code is not valid. Check it and try again, or ask for a new one."
            )
        else:
            found = claim(link, request.patient)  # type: ignore[attr-defined]
            if found.already:
                messages.info(request, ALREADY.format(who=display_name(link.clinician)))
                return redirect("sharing:overview")
            if found.problem:
                form.add_error("code", found.problem)
            else:
                return redirect("sharing:review", pk=link.pk)
    return render(request, "clinic/accept_code.html", {"form": form})


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Where the e-mailed link leads: claim it for the signed-in patient, then ask consent."""
    link = find_by_token(token)
    if link is None:
        return render(request, "clinic/invitation_problem.html", {"problem": None}, status=404)
    if not request.user.is_authenticated:
        found = verdict(link, None)
        if found.problem:
            context = {"problem": found.problem}
            return render(request, "clinic/invitation_problem.html", context, status=410)
        back = urlencode({"next": request.path})
        context = {
            "link": link,
            "who": display_name(link.clinician),
            "login_url": f"{reverse('accounts:login')}?{back}",
            "signup_url": f"{reverse('accounts:signup')}?{back}",
        }
        return render(request, "clinic/invitation_landing.html", context)
    patient = own_patient(request.user)
    if patient is None:
        context = {"problem": "Invitations are for patient accounts. Log in as the patient."}
        return render(request, "clinic/invitation_problem.html", context, status=403)
    found = claim(link, patient)
    if found.already:
        messages.info(request, ALREADY.format(who=display_name(link.clinician)))
        return redirect("sharing:overview")
    if found.problem:
        context = {"problem": found.problem}
        return render(request, "clinic/invitation_problem.html", context, status=410)
    return redirect("sharing:review", pk=link.pk)


@patient_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Who is asking and exactly what they will see; consent needs the box ticked."""
    link = get_object_or_404(_links(request), pk=pk)
    who = display_name(link.clinician)
    found = verdict(link, request.patient)  # type: ignore[attr-defined]
    if found.already:
        messages.info(request, ALREADY.format(who=who))
        return redirect("sharing:overview")
    if found.problem:
        context = {"problem": found.problem}
        return render(request, "clinic/invitation_problem.html", context, status=410)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        active, found = accept(link, request.patient)  # type: ignore[attr-defined]
        if active is None:
            context = {"problem": found.problem}
            return render(request, "clinic/invitation_problem.html", context, status=410)
        if found.already:
            messages.info(request, ALREADY.format(who=who))
        else:
            messages.success(request, f"You now share your record with {who}.")
        return redirect("sharing:overview")
    status = 400 if form.errors else 200
    context = {"link": link, "who": who, "form": form}
    return render(request, "clinic/review.html", context, status=status)


@patient_required
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(_links(request), pk=pk, status=CareLink.Status.INVITED)
    end_link(link, request.user, "Declined by the patient")
    messages.success(request, f"Invitation from {display_name(link.clinician)} declined.")
    return redirect("sharing:overview")


@patient_required
def end(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(_links(request).filter(ACTIVE), pk=pk)
    who = display_name(link.clinician)
    if request.method == "POST":
        end_link(link, request.user, "Ended by the patient")
        messages.success(request, f"{who} can no longer see your record.")
        return redirect("sharing:overview")
    return render(request, "clinic/sharing_end.html", {"link": link, "who": who})


@patient_required
def access_log(request: HttpRequest) -> HttpResponse:
    events = request.patient.access_events.all()  # type: ignore[attr-defined]
    page = Paginator(events, ACCESS_LOG_PAGE).get_page(request.GET.get("page"))
    return render(request, "clinic/access_log.html", {"page": page})
