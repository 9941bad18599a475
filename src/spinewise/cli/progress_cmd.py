"""``spinewise progress``: the next dose of one programme item from its session logs (JSON)."""

from __future__ import annotations

import argparse
import textwrap

from spinewise.core.exercises import Library, load_library
from spinewise.core.progression import Progression, progress_from_dict

from .commands import add_input_argument, command, print_json, read_json_input, table
from .plan_cmd import ITEM_HEADERS, WIDTH, item_row

EPILOG = """\
input: {"item": {...a programme item...}, "logs": [...oldest first...],
        "pain_ceiling": 5, "usual_pain": 3, "band_levels": [...],
        "equipment": [...], "conditions": [...], "minutes_available": 6.5}
each log: sets_done, reps_done | hold_seconds_done | breaths_done (one number per set),
          band_level, rpe 0-10, pain_during 0-10, pain_next_morning 0-10, sharp_pain
minutes_available (optional, 1-120): the most minutes this item may take in its session
          (the session's minutes plus 5 % less the other items); a step up that would
          take longer is skipped for one that fits, or the dose holds

exit status: 0 a decision was made, 2 bad input (the message names the field)"""


def describe(progression: Progression, library: Library) -> str:
    """Decision, reason, changes and the next dose as a one-row table."""
    lines = [f"Decision: {progression.decision}", ""]
    lines += textwrap.wrap(progression.reason, WIDTH)
    if progression.changes:
        lines += ["", "Changes: " + "; ".join(progression.changes)]
    if progression.alert_clinician:
        lines += ["", "Your clinician will be alerted."]
    if progression.item is None:
        lines += ["", "Next: this exercise is removed from the programme."]
    else:
        lines += ["", table(ITEM_HEADERS, [item_row(1, progression.item, library)])]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    library = load_library()
    progression = progress_from_dict(read_json_input(args.input), library)
    if args.json:
        print_json(progression.to_dict())
    else:
        print(describe(progression, library))
    return 0


@command("progress", "Decide the next dose of a programme item from its session logs (JSON).")
def configure(parser: argparse.ArgumentParser) -> None:
    add_input_argument(parser, "item and session logs")
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.set_defaults(handler=run)
