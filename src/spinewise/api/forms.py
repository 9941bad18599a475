"""Running the pages' own Django forms on API input, so both validate alike.

The API's JSON is turned into the form's POST data; the form's errors come back as
``fields`` of the error body under the API's names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.http import QueryDict


def querydict(data: Mapping[str, Any]) -> QueryDict:
    """Form data from plain values; lists become repeated keys, None is left out."""
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            query.setlist(key, [str(v) for v in value])
        elif isinstance(value, bool):
            query[key] = "on" if value else ""
        else:
            query[key] = str(value)
    return query


def form_errors(
    form: forms.Form, rename: Mapping[str, str] | Callable[[str], str] | None = None
) -> dict[str, str]:
    """``{api field name: message}``; errors not tied to a field go under ``body``."""
    fields: dict[str, str] = {}
    for name, messages in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            key = "body"
        elif callable(rename):
            key = rename(name)
        else:
            key = (rename or {}).get(name, name)
        text = " ".join(str(m) for m in messages)
        fields[key] = f"{fields[key]} {text}" if key in fields else text
    return fields
