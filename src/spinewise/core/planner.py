"""The programme planner: a person's profile in, a weekly exercise programme out.

Rules (CLINICAL.md sections 2, 4 and 5), in order of precedence:

- ``urgent`` / ``emergency`` screening: no programme, only the advice (``blocked``).
- ``recent_spinal_surgery``: only gentle breathing; a clinician must build the programme.
- ``see_clinician``: only gentle mobility (beginner doses) and breathing, with a warning.
- Otherwise every session starts with a mobility warm-up, then core work plus back-extensor
  strength (lower back) and/or scapular strength (neck, upper or mid back), then exercises for
  the chosen regions (a stretch first; the next regions along the spine only when those run
  out, never outnumbering them), a roller self-massage when the person has a roller, and a
  breathing cool-down, as far as the session's minutes allow.

Strength and core work go on non-consecutive days: with 5-7 sessions a week only sessions
1, 3 and 5 hold them, and the others are mobility days (mobility, stretching, breathing and
self-massage). A neck programme keeps a deep neck flexor exercise (chin tuck) in every
strength session; with extension intolerance, flexion-biased mobility and stretches come
first; a stretch never holds more than 90 s per side in a session.

A session holds at most ``exercise_count(minutes)`` exercises (10 min: 5, 20 min: 7,
30 min: 9, 60 min: 12); the minutes left after choosing them go on extra sets within each
exercise's set range (strength and core first), so a session fills 80-105 % of the person's
minutes whenever the library allows, and otherwise a warning says why it is shorter.

Never an exercise needing equipment the person lacks, never one their conditions rule out,
never an exercise together with its own easier or harder version (or its twin, such as a
band row and a cord row), never more than the session's minutes plus 5 %. Reps, holds and
breaths start at the bottom of the exercise's range at the person's level, so double
progression has room. Choices rotate across the week (least used first) and ties are
broken by a seeded order, so the same profile and seed always give the same programme.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import vocab
from .errors import InputError
from .exercises import Library, load_library
from .model import ProgrammeItem
from .planning_reasons import region_phrase
from .planning_rules import index_for, seeded_order
from .planning_session import exercise_count
from .planning_week import WeekPlanner

# With more sessions a week than this plus one, strength alternates with mobility days.
MOST_STRENGTH_SESSIONS = 3
BUDGET_SLACK = 1.05  # a session may run 5 % over the person's minutes
# A session shorter than this share of the person's minutes comes with a warning saying why.
SHORT_SESSION_SHARE = 0.8
# Extra sets fill a new session to this share of the person's minutes, no further: the
# progression engine keeps every session within the minutes (plus slack), so a plan that
# started full could never add a repetition however easy it became.
FILL_SHARE = 0.85

BLOCKED_ADVICE = {
    "emergency": (
        "Stop. Call your local emergency number or go to the nearest emergency department now. "
        "Do not start an exercise programme."
    ),
    "urgent": (
        "See a doctor today. Do not start the exercise programme until a doctor has checked you."
    ),
}
SEE_CLINICIAN_ADVICE = (
    "Book an appointment with a doctor or physiotherapist within the next few days. Until they "
    "have seen you, keep to gentle movement and breathing."
)
SEE_CLINICIAN_WARNING = (
    "Your answers mean a clinician should see you within days. Until then this programme has "
    "only gentle mobility and breathing; stop anything that makes your symptoms worse."
)
SPARE_TIME = "A walk or other gentle activity you enjoy is a good use of the spare time."
SHORT_REASONS = {
    "breathing_only": (
        "until your surgeon or physiotherapist has built your programme, a few minutes of "
        "gentle breathing is all Spinewise offers."
    ),
    "gentle": (
        "until a clinician has seen you, the programme keeps to gentle mobility and "
        "breathing at small doses rather than filling the time."
    ),
    "few_exercises": (
        "only a few exercises in the library suit your chosen areas, equipment and health "
        "conditions, not enough to fill the time. " + SPARE_TIME
    ),
    "long_exercises": (
        "the exercises that suit you take longer at your level than the minutes left in a "
        "session, so fewer fit. " + SPARE_TIME
    ),
    "small_doses": (
        "at the {level} level each exercise starts with a small dose (few repetitions and "
        "sets) so your body can get used to it, and a session of more than {count} exercises "
        "is hard to learn. The doses grow as you progress. " + SPARE_TIME
    ),
}
SURGERY_WARNING = (
    "You have had recent spinal surgery: your surgeon or physiotherapist must build your exercise "
    "programme. Until they do, Spinewise only offers gentle breathing."
)


@dataclass(frozen=True)
class Profile:
    """What the planner needs to know about a person.

    ``sessions_per_week`` 1-7, ``minutes_per_session`` 10-60 (minutes); ``band_levels`` are
    the person's own band names, easiest first; ``seed`` varies choices between programmes.
    """

    regions: tuple[str, ...]
    equipment: tuple[str, ...] = ()
    band_levels: tuple[str, ...] = ()
    sessions_per_week: int = 3
    minutes_per_session: int = 20
    level: str = "beginner"
    conditions: tuple[str, ...] = ()
    screening_level: str = "self_manage"
    seed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "regions": list(self.regions),
            "equipment": list(self.equipment),
            "band_levels": list(self.band_levels),
            "sessions_per_week": self.sessions_per_week,
            "minutes_per_session": self.minutes_per_session,
            "level": self.level,
            "conditions": list(self.conditions),
            "screening_level": self.screening_level,
            "seed": self.seed,
        }


@dataclass(frozen=True)
class PlannedSession:
    """One session: ``number`` 1-7, ``items`` in the order to do them, ``minutes`` their
    estimated total in minutes."""

    number: int
    title: str
    items: tuple[ProgrammeItem, ...]
    minutes: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "minutes": self.minutes,
            "items": [item.to_dict() for item in self.items],
        }


@dataclass(frozen=True)
class Programme:
    """A week of sessions. ``blocked`` (urgent/emergency screening) means no sessions and
    ``advice`` says what to do instead."""

    sessions: tuple[PlannedSession, ...]
    warnings: tuple[str, ...] = ()
    blocked: bool = False
    advice: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "blocked": self.blocked,
            "advice": self.advice,
            "warnings": list(self.warnings),
            "sessions": [s.to_dict() for s in self.sessions],
        }


_PROFILE_FIELDS = (
    "regions",
    "equipment",
    "band_levels",
    "sessions_per_week",
    "minutes_per_session",
    "level",
    "conditions",
    "screening_level",
    "seed",
)


def _choices(data: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise InputError(key, "must be a list")
    for i, v in enumerate(value):
        if v not in allowed:
            raise InputError(
                f"{key}[{i}]", f"unknown value {v!r}; expected one of {', '.join(allowed)}"
            )
        if v in value[:i]:
            raise InputError(f"{key}[{i}]", f"lists {v!r} twice")
    return tuple(value)


def band_levels_from(value: Any, field: str = "band_levels") -> tuple[str, ...]:
    """Validate a list of band level names (non-empty, unique, easiest first)."""
    if not isinstance(value, list):
        raise InputError(field, "must be a list of band level names, easiest first")
    names: list[str] = []
    for i, v in enumerate(value):
        if not isinstance(v, str) or not v.strip():
            raise InputError(f"{field}[{i}]", "must be a non-empty name")
        if v.strip() in names:
            raise InputError(f"{field}[{i}]", f"lists {v.strip()!r} twice")
        names.append(v.strip())
    return tuple(names)


def _whole(data: Mapping[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(key, "must be a whole number")
    if not low <= value <= high:
        raise InputError(key, f"{value} is out of range {low}-{high}")
    return value


def _one_of(data: Mapping[str, Any], key: str, default: str, allowed: tuple[str, ...]) -> str:
    value = data.get(key, default)
    if value not in allowed:
        raise InputError(key, f"unknown value {value!r}; expected one of {', '.join(allowed)}")
    return str(value)


def profile_from_dict(data: Mapping[str, Any]) -> Profile:
    """Validate a profile (e.g. parsed JSON); InputError names the first bad field.

    Unknown fields are refused, so a misspelt ``conditions`` cannot silently drop a
    contraindication.
    """
    if not isinstance(data, Mapping):
        raise InputError("profile", "must be an object")
    for key in data:
        if key not in _PROFILE_FIELDS:
            raise InputError(str(key), "unknown field")
    if "regions" not in data:
        raise InputError("regions", "missing field: choose at least one region")
    regions = _choices(data, "regions", vocab.REGIONS)
    if not regions:
        raise InputError("regions", "must list at least one region")
    return Profile(
        regions=regions,
        equipment=_choices(data, "equipment", vocab.EQUIPMENT),
        band_levels=band_levels_from(data.get("band_levels", [])),
        sessions_per_week=_whole(data, "sessions_per_week", 3, 1, 7),
        minutes_per_session=_whole(data, "minutes_per_session", 20, 10, 60),
        level=_one_of(data, "level", "beginner", vocab.LEVELS),
        conditions=_choices(data, "conditions", vocab.CONTRAINDICATIONS),
        screening_level=_one_of(data, "screening_level", "self_manage", vocab.SCREENING_LEVELS),
        seed=_whole(data, "seed", 0, -(2**63), 2**63 - 1),
    )


def plan_programme(profile: Profile, library: Library | None = None) -> Programme:
    """Plan a week of sessions for ``profile`` from ``library`` (default: the shipped one).

    Returns ``profile.sessions_per_week`` sessions, each estimated at no more than
    ``minutes_per_session`` x 1.05 minutes; or, for urgent/emergency screening, a blocked
    programme with no sessions and the advice. Deterministic for a given profile and seed.
    """
    if profile.screening_level in BLOCKED_ADVICE:
        return Programme(sessions=(), blocked=True, advice=BLOCKED_ADVICE[profile.screening_level])
    index = index_for(library if library is not None else load_library())
    pool = index.available(frozenset(profile.equipment), frozenset(profile.conditions))
    if "recent_spinal_surgery" in profile.conditions:
        mode, warnings = "breathing_only", [SURGERY_WARNING]
    elif profile.screening_level == "see_clinician":
        mode, warnings = "gentle", [SEE_CLINICIAN_WARNING]
    else:
        mode, warnings = "full", []
    week = WeekPlanner(
        index=index,
        pool=pool,
        order=seeded_order(pool, profile.seed),
        regions=profile.regions,
        level=profile.level if mode == "full" else "beginner",
        band_level=profile.band_levels[0] if profile.band_levels else None,
        limit=profile.minutes_per_session * BUDGET_SLACK,
        count=exercise_count(profile.minutes_per_session),
        short_below=profile.minutes_per_session * SHORT_SESSION_SHARE,
        fill_to=profile.minutes_per_session * FILL_SHARE,
        mode=mode,
        strength_days=strength_days(profile.sessions_per_week),
        prefer_flexion="extension_intolerance" in profile.conditions,
    )
    sessions = tuple(_session(week, n, profile) for n in range(1, profile.sessions_per_week + 1))
    warnings += _band_warnings(profile, sessions, week.band_entries)
    warnings += week.warnings
    warnings += _short_warnings(profile, sessions, week.short_causes)
    advice = SEE_CLINICIAN_ADVICE if profile.screening_level == "see_clinician" else ""
    return Programme(sessions=sessions, warnings=tuple(warnings), advice=advice)


def strength_days(sessions_per_week: int) -> frozenset[int] | None:
    """The sessions that carry strength and core work; None when every session may.

    ACSM: strength on 2-3 non-consecutive days. Up to 3 sessions a week can fall on
    non-consecutive days, so each has strength work. Four or more sessions in a 7-day week
    always put two on neighbouring days somewhere (counting the last session and next
    week's first), so only the odd-numbered sessions do, at most 3 (sessions 1 and 3 of 4;
    1, 3 and 5 of 5-7), never two days running, and the others are mobility days.
    """
    if sessions_per_week <= MOST_STRENGTH_SESSIONS:
        return None
    return frozenset(range(1, sessions_per_week + 1, 2)) - {7}


def _session(week: WeekPlanner, number: int, profile: Profile) -> PlannedSession:
    items = week.session(number)
    focus = {
        "full": region_phrase(profile.regions),
        "gentle": "gentle mobility",
        "breathing_only": "breathing and relaxation",
    }[week.mode]
    if week.mode == "full" and week.strength_days is not None and number not in week.strength_days:
        focus += " (mobility and stretching day)"
    title = f"Session {number} of {profile.sessions_per_week}: {focus}"
    minutes = round(sum(item.minutes for item in items), 2)
    return PlannedSession(number=number, title=title, items=items, minutes=minutes)


def _band_warnings(
    profile: Profile, sessions: tuple[PlannedSession, ...], band_entries: frozenset[str]
) -> list[str]:
    has_band = any(e in vocab.LEVELLED_EQUIPMENT for e in profile.equipment)
    if profile.band_levels and not has_band:
        return [
            "You named band levels but did not list a resistance band or sport cord, "
            "so the programme has no band exercises."
        ]
    uses_band = any(i.exercise_id in band_entries for s in sessions for i in s.items)
    if uses_band and not profile.band_levels:
        return [
            "You have not named your band levels: start the band exercises with your lightest "
            "band, and add your band colours (easiest first) so the programme can progress them."
        ]
    return []


def _short_warnings(
    profile: Profile, sessions: tuple[PlannedSession, ...], causes: Mapping[int, str]
) -> list[str]:
    """One warning per reason sessions end well short of the person's minutes."""
    wanted = profile.minutes_per_session
    short: dict[str, list[float]] = {}
    for session in sessions:
        if session.number in causes:
            short.setdefault(causes[session.number], []).append(session.minutes)
    warnings = []
    for cause, minutes in short.items():
        low, high = round(min(minutes)), round(max(minutes))
        took = f"about {low}" if low == high else f"about {low}-{high}"
        which = "Your sessions take" if len(minutes) == len(sessions) else "Some sessions take"
        why = SHORT_REASONS[cause].format(level=profile.level, count=exercise_count(wanted))
        warnings.append(f"{which} {took} of your {wanted} minutes: {why}")
    return warnings


__all__ = [
    "BUDGET_SLACK",
    "SHORT_SESSION_SHARE",
    "FILL_SHARE",
    "PlannedSession",
    "Profile",
    "Programme",
    "plan_programme",
    "profile_from_dict",
]
