"""``spinewise plan``: plan a weekly exercise programme from a profile (JSON)."""

from __future__ import annotations

import argparse
import textwrap

from spinewise.core.exercises import Library, load_library
from spinewise.core.model import ProgrammeItem
from spinewise.core.planner import Programme, plan_programme, profile_from_dict

from .commands import add_input_argument, command, print_json, read_json_input, table

# Scripts can tell "get medical help first" apart from success (0) and bad input (2).
EXIT_BLOCKED = 3
WIDTH = 78

EPILOG = """\
profile fields: regions (required), equipment, band_levels (easiest first),
sessions_per_week 1-7, minutes_per_session 10-60, level, conditions,
screening_level, seed.

exit status:
  0  a programme was planned
  3  urgent or emergency screening: no programme, get medical help
  2  bad input (the message names the field)"""


def dose_text(item: ProgrammeItem, library: Library) -> str:
    """``"2 x 10 reps each side"``, ``"1 x 30 s hold"``, ``"1 x 6 breaths"``."""
    ex = library.get(item.exercise_id)
    unit = {"reps": "reps", "hold": "s hold", "breaths": "breaths"}[ex.tracking]
    side = " each side" if ex.per_side else ""
    return f"{item.sets} x {item.amount} {unit}{side}"


def item_row(number: int, item: ProgrammeItem, library: Library) -> tuple[object, ...]:
    return (
        number,
        library.get(item.exercise_id).name,
        dose_text(item, library),
        item.band_level or "-",
        f"{item.rest_seconds} s",
        f"{item.minutes:.1f}",
    )


ITEM_HEADERS = ("#", "exercise", "dose", "band", "rest", "min")


def describe(programme: Programme, library: Library) -> str:
    """The programme as text: each session as a table with the reasons below it."""
    if programme.blocked:
        return "No programme.\n\n" + "\n".join(textwrap.wrap(programme.advice, WIDTH))
    lines: list[str] = []
    for session in programme.sessions:
        lines += [f"{session.title} (about {session.minutes:.0f} min)", ""]
        rows = [item_row(i, item, library) for i, item in enumerate(session.items, 1)]
        lines += [table(ITEM_HEADERS, rows), ""]
        for i, item in enumerate(session.items, 1):
            lines += textwrap.wrap(
                item.reason, WIDTH, initial_indent=f"  {i}. ", subsequent_indent="     "
            )
        lines.append("")
    if programme.advice:
        lines += textwrap.wrap(programme.advice, WIDTH) + [""]
    if programme.warnings:
        lines.append("Warnings:")
        for warning in programme.warnings:
            lines += textwrap.wrap(warning, WIDTH, initial_indent="  - ", subsequent_indent="    ")
    return "\n".join(lines).rstrip()


def run(args: argparse.Namespace) -> int:
    profile = profile_from_dict(read_json_input(args.input))
    library = load_library()
    programme = plan_programme(profile, library)
    if args.json:
        print_json(programme.to_dict())
    else:
        print(describe(programme, library))
    return EXIT_BLOCKED if programme.blocked else 0


@command("plan", "Plan a weekly exercise programme from a profile (JSON).")
def configure(parser: argparse.ArgumentParser) -> None:
    add_input_argument(parser, "profile")
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.set_defaults(handler=run)
