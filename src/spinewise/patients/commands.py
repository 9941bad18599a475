"""The baseline answers as one typed command: built by the baseline page and the API,
checked once (``check_baseline``) before the programme is planned from them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spinewise.core.errors import InputError, Invalid
from spinewise.core.planner import Profile, profile_from_dict
from spinewise.core.vocab import is_nrs

PSFS_COUNT = 3  # activities the person names and rates (Patient-Specific Functional Scale)
ACTIVITY_MAX = 80  # characters
MAX_BANDS = 8
BAND_NAME_MAX = 40  # characters


@dataclass(frozen=True, kw_only=True)
class BaselineAnswers:
    """Where it hurts (``regions``), pain now and over the last week (0-10), three hard
    activities with how well each goes now (``psfs``: (activity, 0-10)), equipment and the
    person's bands easiest first, sessions a week (1-7), minutes a session (10-60), level
    and conditions (ids from ``core.vocab``)."""

    regions: tuple[str, ...]
    pain_now: int
    pain_last_week: int
    psfs: tuple[tuple[str, int], ...]
    equipment: tuple[str, ...] = ()
    band_levels: tuple[str, ...] = ()
    sessions_per_week: int = 3
    minutes_per_session: int = 20
    level: str = "beginner"
    conditions: tuple[str, ...] = ()

    def profile_data(self) -> dict[str, Any]:
        return {
            "regions": list(self.regions),
            "equipment": list(self.equipment),
            "band_levels": [b.strip() for b in self.band_levels],
            "sessions_per_week": self.sessions_per_week,
            "minutes_per_session": self.minutes_per_session,
            "level": self.level,
            "conditions": list(self.conditions),
        }

    def fields(self) -> dict[str, Any]:
        """The Baseline row's fields."""
        return {
            **self.profile_data(),
            "pain_now": self.pain_now,
            "pain_last_week": self.pain_last_week,
            "psfs_activities": [activity.strip() for activity, _ in self.psfs],
            "psfs_scores": [score for _, score in self.psfs],
        }


def check_baseline(answers: BaselineAnswers) -> Profile:
    """The planner's profile from the answers; Invalid naming every wrong answer
    (``pain_now``, ``psfs[1].activity``, ``band_levels``, ``regions``, ...)."""
    errors: dict[str, str] = {}
    for name in ("pain_now", "pain_last_week"):
        if not is_nrs(getattr(answers, name)):
            errors[name] = "Give a whole number from 0 to 10."
    _check_psfs(answers.psfs, errors)
    band_problem = _band_problem(answers.band_levels)
    if band_problem:
        errors["band_levels"] = band_problem
    profile = None
    try:
        profile = profile_from_dict(answers.profile_data())
    except InputError as exc:
        errors.setdefault(exc.field.split("[", 1)[0], exc.problem)
    if errors or profile is None:
        raise Invalid(errors)
    return profile


def _check_psfs(psfs: tuple[tuple[str, int], ...], errors: dict[str, str]) -> None:
    if len(psfs) != PSFS_COUNT:
        errors["psfs"] = f"Name {PSFS_COUNT} activities your back makes hard, and rate each."
        return
    for n, (activity, score) in enumerate(psfs):
        if not activity.strip():
            errors[f"psfs[{n}].activity"] = "Name an activity your back makes hard."
        elif len(activity.strip()) > ACTIVITY_MAX:
            errors[f"psfs[{n}].activity"] = f"Keep it under {ACTIVITY_MAX} characters."
        if not is_nrs(score):
            errors[f"psfs[{n}].score"] = "Give a whole number from 0 to 10."


def _band_problem(bands: tuple[str, ...]) -> str | None:
    names = [b.strip() for b in bands]
    if len(names) > MAX_BANDS:
        return f"List at most {MAX_BANDS} bands."
    if any(not name for name in names):
        return "A band needs a name."
    if any("\n" in name or "\r" in name for name in names):
        return "A band name cannot contain a line break."
    if any(len(name) > BAND_NAME_MAX for name in names):
        return f"Keep each band name under {BAND_NAME_MAX} characters."
    lowered = [n.lower() for n in names]
    if len(set(lowered)) != len(lowered):
        return "Each band name may appear only once."
    return None
