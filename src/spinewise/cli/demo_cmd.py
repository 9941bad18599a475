"""``spinewise demo``: screen a sample person, plan their week and progress one exercise."""

from __future__ import annotations

import argparse
import importlib
from datetime import date
from types import ModuleType
from typing import Any

from spinewise.core.exercises import Library, load_library
from spinewise.core.model import ProgrammeItem
from spinewise.core.planner import Programme, plan_programme, profile_from_dict
from spinewise.core.progression import DONE_FOR, ExerciseLog, progress_item

from . import plan_cmd, progress_cmd
from .commands import command, print_json

# The sample's two good sessions a week apart and the day the progression is decided: fixed
# dates, so the demo says the same thing every day.
SAMPLE_SESSION_DAYS = (date(2026, 1, 5), date(2026, 1, 12))
SAMPLE_TODAY = date(2026, 1, 13)

SAMPLE_ANSWERS: dict[str, Any] = {
    "age": 42,
    "regions": ["upper_back", "lower_back"],
    "pain_now": 4,
    "pain_weeks": 3,
}
SAMPLE_PROFILE: dict[str, Any] = {
    "regions": ["upper_back", "lower_back"],
    "equipment": ["resistance_band", "foam_roller"],
    "band_levels": ["yellow", "red", "green", "blue"],
    "sessions_per_week": 3,
    "minutes_per_session": 20,
    "level": "beginner",
}
INTRO = (
    "Sample person: 42, upper and lower back pain at 4/10 for 3 weeks. Has a resistance band\n"
    "(yellow, red, green, blue) and a foam roller; 3 sessions of 20 minutes a week."
)


def _screening() -> ModuleType | None:
    """The screening module when it is installed (it is written separately)."""
    try:
        return importlib.import_module("spinewise.core.screening")
    except ModuleNotFoundError as exc:
        if exc.name != "spinewise.core.screening":
            raise
        return None


def _sample_item(programme: Programme, library: Library) -> ProgrammeItem | None:
    """The first strength or core item of session 1, else its first item."""
    if not programme.sessions or not programme.sessions[0].items:
        return None
    items = programme.sessions[0].items
    for item in items:
        if library.get(item.exercise_id).modality in ("strength", "core"):
            return item
    return items[0]


def _easy_session(item: ProgrammeItem, library: Library, performed_on: date) -> ExerciseLog:
    """A log of ``item`` done in full, with easy effort and mild pain that settled."""
    done = (item.amount,) * item.sets
    tracking = library.get(item.exercise_id).tracking
    return ExerciseLog(
        sets_done=item.sets,
        band_level=item.band_level,
        rpe=4,
        pain_during=2,
        pain_next_morning=3,
        performed_on=performed_on,
        **{DONE_FOR[tracking]: done},
    )


def run(args: argparse.Namespace) -> int:
    library = load_library()
    screening = _screening()
    result = screening.screen(SAMPLE_ANSWERS) if screening is not None else None
    profile_data = dict(SAMPLE_PROFILE)
    if result is not None:
        profile_data["screening_level"] = result.level
    programme = plan_programme(profile_from_dict(profile_data), library)
    item = _sample_item(programme, library)
    progression = (
        progress_item(
            item,
            [_easy_session(item, library, day) for day in SAMPLE_SESSION_DAYS],
            usual_pain=3,
            today=SAMPLE_TODAY,
            band_levels=SAMPLE_PROFILE["band_levels"],
            library=library,
            equipment=SAMPLE_PROFILE["equipment"],
        )
        if item is not None
        else None
    )
    if args.json:
        print_json(
            {
                "screening": result.to_dict() if result is not None else None,
                "profile": profile_data,
                "programme": programme.to_dict(),
                "progression": progression.to_dict() if progression is not None else None,
            }
        )
        return 0
    print(INTRO)
    print("\n== 1. Safety screening\n")
    if result is None:
        print("(screening is not installed; planning as self_manage)")
    else:
        print(f"Level: {result.level}. {result.headline}.")
    print("\n== 2. The week's programme\n")
    print(plan_cmd.describe(programme, library))
    if item is not None and progression is not None:
        name = library.get(item.exercise_id).name
        print(
            f"\n== 3. After two sessions a week apart: {name} done in full, effort 4/10, "
            "pain 2/10, 3/10 the next morning\n"
        )
        print(progress_cmd.describe(progression, library))
    return 0


@command("demo", "Show Spinewise on a sample person: screening, a week's plan, a progression.")
def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=run)
