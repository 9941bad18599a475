from __future__ import annotations

from django import template

from spinewise.web.labels import label as _label

register = template.Library()


@register.filter
def label(value: object) -> str:
    """``{{ "upper_back"|label }}`` -> "Upper back (between the shoulder blades)"."""
    return _label(str(value))


@register.filter
def labels(values: object) -> str:
    if not isinstance(values, list | tuple):
        return ""
    return ", ".join(_label(str(v)) for v in values) or "none"


@register.filter
def per_set(values: object) -> str:
    """[10, 10, 8] -> "10, 10, 8"."""
    if not isinstance(values, list | tuple):
        return "-"
    return ", ".join(str(v) for v in values)


@register.simple_tag
def nrs_values() -> range:
    """0..10, for one-tap rating buttons."""
    return range(11)


@register.filter
def arrows(values: object) -> str:
    """["reps 6 -> 8"] -> "reps 6 → 8" (the core writes changes in plain ASCII)."""
    items = values if isinstance(values, list | tuple) else [values]
    return "; ".join(str(v).replace(" -> ", " → ") for v in items)
