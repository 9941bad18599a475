"""Account settings pages for personal access tokens: create, list, revoke.

The secret is shown once, on the page that answers the creating POST (never stored, never
put in a redirect or the session), with ``Cache-Control: no-store``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import tokens
from .models import Scope


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What is this token for?",
        help_text="A name you will recognise, for example 'my phone' or 'clinic system'.",
        max_length=80,
    )
    scope = forms.ChoiceField(
        label="What may it do?",
        choices=[
            (Scope.READ, "Read only: see my programme, logs and progress"),
            (Scope.WRITE, "Read and write: also log sessions, check-ins and answers"),
        ],
        initial=Scope.READ,
        widget=forms.RadioSelect,
    )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Please give the token a name.")
        return name


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = tokens.create_token(
                request.user, form.cleaned_data["name"], form.cleaned_data["scope"]
            )
        except tokens.TooManyTokens:
            form.add_error(
                None,
                f"You created {tokens.CREATE_LIMIT_PER_HOUR} tokens in the last hour. "
                "Please wait before creating another.",
            )
            status = 429
        else:
            return render(
                request, "api/token_created.html", {"token": token, "secret": secret}, status=201
            )
    elif request.method == "POST":
        status = 400
    context = {"form": form, "tokens": list(tokens.tokens_of(request.user)[:100])}
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(tokens.tokens_of(request.user), pk=pk)
    tokens.revoke(token)
    messages.success(request, f"“{token.name}” is revoked: it no longer works.")
    return redirect("api_tokens:list")
