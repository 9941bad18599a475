"""The library the planner and the progression engine may use: the YAML minus disabled ones."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spinewise.core.exercises import Library, load_library

from .models import Exercise


def disabled_ids() -> frozenset[str]:
    return frozenset(Exercise.objects.filter(enabled=False).values_list("slug", flat=True))


def enabled_library() -> Library:
    """The shipped library without exercises an admin disabled.

    Links to a disabled exercise are dropped on both sides, so progressions skip it.
    """
    return _without(disabled_ids())


@lru_cache(maxsize=8)
def _without(disabled: frozenset[str]) -> Library:
    full = load_library()
    if not disabled:
        return full
    kept = [
        replace(
            ex,
            easier=tuple(e for e in ex.easier if e not in disabled),
            harder=tuple(h for h in ex.harder if h not in disabled),
        )
        for ex in full
        if ex.id not in disabled
    ]
    return Library(kept)
