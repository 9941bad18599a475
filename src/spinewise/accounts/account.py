"""The person's own account page: name, e-mail, time zone, password, signing out everywhere."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from .forms import AccountForm
from .models import User
from .time_zones import zone_name


def _page(request: HttpRequest, **forms: object) -> HttpResponse:
    user = request.user
    context = {
        "account_form": forms.get("account_form")
        or AccountForm(
            user=user,
            initial={
                "full_name": user.first_name,
                "email": user.email,
                "time_zone": zone_name(user),
            },
        ),
        "password_form": forms.get("password_form") or PasswordChangeForm(user),
    }
    status = 400 if forms else 200
    return render(request, "accounts/account.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request)
    form = AccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, account_form=form)
    user: User = request.user  # type: ignore[assignment]
    user.first_name = form.cleaned_data["full_name"].strip()
    user.email = form.cleaned_data["email"]
    user.time_zone = form.cleaned_data["time_zone"]
    user.save(update_fields=["first_name", "email", "time_zone"])
    messages.success(request, "Your details are saved.")
    return redirect("accounts:account")


@login_required
@require_POST
def change_password(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST)
    if not form.is_valid():
        return _page(request, password_form=form)
    user = form.save()
    # Other browsers are signed out by the new password; this one stays signed in.
    update_session_auth_hash(request, user)
    messages.success(request, "Your password is changed. Other devices were signed out.")
    return redirect("accounts:account")


@login_required
@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every signed-in session of this account, this one included (a lost phone)."""
    user_id = str(request.user.pk)
    with transaction.atomic():
        live = Session.objects.filter(expire_date__gt=timezone.now())
        mine = [s.pk for s in live.iterator() if s.get_decoded().get("_auth_user_id") == user_id]
        Session.objects.filter(pk__in=mine).delete()
    logout(request)
    messages.success(request, "You are signed out on every device.")
    return redirect("accounts:login")
