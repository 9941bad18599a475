"""Clinician pages: invite a patient, my links, end a link, clinics and their members.

Every page needs a signed-in clinician (403 for anyone else). Ids of links and clinics
that are not the clinician's give 404, so nobody learns they exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from spinewise.core.errors import Invalid
from spinewise.sharing.clinics import (
    MembershipError,
    add_member,
    clinics_of,
    create_clinic,
    membership,
    remove_member,
)
from spinewise.sharing.commands import CheckedInvitation, check_invitation, send_invitation
from spinewise.sharing.forms import AddMemberForm, ClinicForm, InviteForm
from spinewise.sharing.invitations import INVITATION_DAYS
from spinewise.sharing.links import ACTIVE, end_link, is_clinician
from spinewise.sharing.models import CareLink, ClinicMembership

View = Callable[..., HttpResponse]


def clinician_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_clinician(request.user):
            raise PermissionDenied("These pages are for clinicians.")
        return view(request, *args, **kwargs)

    return wrapper


@clinician_required
def invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None, clinics=clinics_of(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            checked = check_invitation(request.user, form.command())
        except Invalid as invalid:
            form.add_invalid(invalid)
        else:
            return _send(request, checked)
    return render(request, "clinic/invite.html", {"form": form, "days": INVITATION_DAYS})


def _send(request: HttpRequest, checked: CheckedInvitation) -> HttpResponse:
    def build_url(token: str) -> str:
        return request.build_absolute_uri(reverse("sharing:invitation", args=[token]))

    link, code = send_invitation(checked, build_url)
    if code:
        context = {"link": link, "code": code, "days": INVITATION_DAYS}
        response = render(request, "clinic/invite_code.html", context)
        add_never_cache_headers(response)  # the code is shown once and never stored
        return response
    messages.success(
        request,
        f"Invitation sent to {checked.email}. The link works once, for {INVITATION_DAYS} days. "
        "You will see the patient here once they agree.",
    )
    return redirect("clinician:links")


@clinician_required
def links(request: HttpRequest) -> HttpResponse:
    mine = CareLink.objects.filter(clinician=request.user).select_related("patient__user", "clinic")
    context = {
        "active": mine.filter(ACTIVE).order_by("patient__user__username"),
        "pending": mine.filter(status=CareLink.Status.INVITED, expires_at__gt=timezone.now()),
    }
    return render(request, "clinic/links.html", context)


@clinician_required
def end(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(
        CareLink.objects.select_related("patient__user", "clinic"),
        pk=pk,
        clinician=request.user,
        status__in=[CareLink.Status.ACTIVE, CareLink.Status.INVITED],
    )
    if request.method == "POST":
        was_active = link.is_active
        end_link(link, request.user, "Ended by the clinician")
        messages.success(
            request,
            f"Link with {link.patient} ended." if was_active else "Invitation withdrawn.",
        )
        return redirect("clinician:links")
    return render(request, "clinic/end.html", {"link": link})


@clinician_required
def clinic_list(request: HttpRequest) -> HttpResponse:
    form = ClinicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        clinic = create_clinic(request.user, form.cleaned_data["name"])
        messages.success(request, f"{clinic.name} created. You are its admin.")
        return redirect("clinician:clinic", pk=clinic.pk)
    memberships = ClinicMembership.objects.filter(user=request.user).select_related("clinic")
    return render(request, "clinic/clinics.html", {"memberships": memberships, "form": form})


def _member_or_404(request: HttpRequest, pk: int) -> ClinicMembership:
    found = membership(request.user, pk)
    if found is None:
        raise Http404("No such clinic.")
    return found


def _clinic_page(
    request: HttpRequest, me: ClinicMembership, form: AddMemberForm | None = None
) -> HttpResponse:
    members = me.clinic.memberships.select_related("user").order_by("user__username")
    context = {
        "me": me,
        "clinic": me.clinic,
        "members": members,
        "form": form or (AddMemberForm() if me.is_admin else None),
    }
    return render(request, "clinic/clinic.html", context, status=400 if form else 200)


@clinician_required
def clinic_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _clinic_page(request, _member_or_404(request, pk))


@clinician_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    me = _member_or_404(request, pk)
    if not me.is_admin:
        raise PermissionDenied("Only the clinic's admins manage its clinicians.")
    form = AddMemberForm(request.POST)
    if form.is_valid():
        try:
            added = add_member(
                me.clinic, request.user, form.cleaned_data["email"], form.cleaned_data["role"]
            )
        except MembershipError as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(request, f"{added.user.get_username()} added to {me.clinic.name}.")
            return redirect("clinician:clinic", pk=pk)
    return _clinic_page(request, me, form)


@clinician_required
@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    me = _member_or_404(request, pk)
    target = get_object_or_404(
        ClinicMembership.objects.select_related("user", "clinic"), pk=member_pk, clinic=me.clinic
    )
    leaving = target.pk == me.pk
    if not (me.is_admin or leaving):
        raise PermissionDenied("Only the clinic's admins manage its clinicians.")
    try:
        ended = remove_member(target, request.user)
    except MembershipError as exc:
        messages.error(request, str(exc))
        return redirect("clinician:clinic", pk=pk)
    who = "You have left" if leaving else f"{target.user.get_username()} removed from"
    messages.success(request, f"{who} {me.clinic.name}; {ended} patient link(s) made there ended.")
    if leaving:
        return redirect("clinician:clinics")
    return redirect("clinician:clinic", pk=pk)
