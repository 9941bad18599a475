"""How long a session takes, and how many minutes one of its items may take.

The person chose how many minutes a session should last; the planner keeps every session
within those minutes plus 5 % (:data:`spinewise.core.planner.BUDGET_SLACK`). The progression
engine and the apps use these helpers so the same rule holds as the doses grow. All figures
are minutes, as :func:`spinewise.core.model.estimate_minutes` estimates them (the work, rest
between sets and about 10 s to set up).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from .errors import InputError
from .model import ProgrammeItem
from .planner import BUDGET_SLACK

# Sums of two-decimal minutes carry floating-point noise; it must not decide a fit.
EPSILON = 1e-9


def session_minutes(items: Iterable[ProgrammeItem]) -> float:
    """Estimated minutes of a session: the sum of its items' ``minutes`` (2 decimals)."""
    return round(sum(item.minutes for item in items), 2)


def session_limit(minutes_per_session: float) -> float:
    """The most minutes a session may take: the person's minutes per session plus 5 %."""
    _check_minutes(minutes_per_session)
    return round(minutes_per_session * BUDGET_SLACK, 2)


def within_limit(items: Iterable[ProgrammeItem], minutes_per_session: float) -> bool:
    """True when the session's estimated minutes are within the person's minutes plus 5 %."""
    return session_minutes(items) <= session_limit(minutes_per_session) + EPSILON


def minutes_available_for(
    item: ProgrammeItem, session_items: Sequence[ProgrammeItem], minutes_per_session: float
) -> float:
    """The most minutes ``item`` may take so its session stays within the person's time.

    ``session_items`` are the session's items as they stand, ``item`` among them (it is left
    out of the sum once; an item not in the list counts as an addition to the session).
    ``minutes_per_session`` is the length the person chose (minutes, e.g. 10-60). The answer
    is the person's minutes plus 5 % less the other items' estimated minutes, never below 0;
    pass it to :func:`spinewise.core.progression.progress_item` as ``minutes_available``.
    """
    limit = session_limit(minutes_per_session)
    others = session_minutes(_without(item, session_items))
    return max(0.0, round(limit - others, 2))


def _without(item: ProgrammeItem, items: Sequence[ProgrammeItem]) -> list[ProgrammeItem]:
    # The same object first: a session may hold two items with equal doses.
    index = next((i for i, other in enumerate(items) if other is item), None)
    if index is None:
        index = next((i for i, other in enumerate(items) if other == item), None)
    if index is None:
        return list(items)
    return [other for i, other in enumerate(items) if i != index]


def _check_minutes(minutes: float) -> None:
    number = isinstance(minutes, int | float) and not isinstance(minutes, bool)
    if not number or not math.isfinite(minutes) or minutes <= 0:
        raise InputError("minutes_per_session", "must be a number of minutes above 0")


__all__ = [
    "EPSILON",
    "minutes_available_for",
    "session_limit",
    "session_minutes",
    "within_limit",
]
