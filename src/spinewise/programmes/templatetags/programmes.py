from __future__ import annotations

from typing import Any

from django import template

from spinewise.programmes.display import dose_text

register = template.Library()


@register.filter
def dose(item: Any) -> str:
    return dose_text(item)
