"""``spinewise screen``: safety screening (red flags) of a JSON object of answers."""

from __future__ import annotations

import argparse
import textwrap

from spinewise.core.errors import InputError
from spinewise.core.screening import ScreeningResult, question_schema, screen

from .commands import add_input_argument, command, print_json, read_json_input, table

# Scripts can tell "stop, get help" apart from success (0) and bad input (2).
EXIT_SEEK_HELP = 3
SEEK_HELP_LEVELS = ("emergency", "urgent")
WIDTH = 78

EPILOG = """\
exit status:
  0  self_manage or see_clinician (see_clinician: gentle mobility only)
  3  urgent or emergency (no programme: get medical help now or today)
  2  bad input (the message names the answer id)

Run with --schema to list every question id, its type and wording."""


def run(args: argparse.Namespace) -> int:
    if args.schema:
        print_json(question_schema())
        return 0
    answers = read_json_input(args.input)
    if not isinstance(answers, dict):
        raise InputError("input", 'must be a JSON object of answers, e.g. {"age": 40, ...}')
    result = screen(answers)
    if args.json:
        print_json(result.to_dict())
    else:
        print(describe(result))
    return EXIT_SEEK_HELP if result.level in SEEK_HELP_LEVELS else 0


def describe(result: ScreeningResult) -> str:
    """The result as text: level, headline, advice, then a table of reasons."""
    lines = [f"Level: {result.level}", f"{result.headline}.", ""]
    lines += textwrap.wrap(result.advice, WIDTH)
    if not result.reasons:
        lines += ["", "No warning signs in your answers."]
        return "\n".join(lines)
    lines += ["", f"Reasons ({len(result.reasons)}):", ""]
    rows = [(i, r.level, r.code) for i, r in enumerate(result.reasons, 1)]
    lines.append(table(("#", "level", "code"), rows))
    for i, reason in enumerate(result.reasons, 1):
        lines += ["", f"{i}. {reason.code} ({reason.level})"]
        lines += textwrap.wrap(
            reason.explanation, WIDTH, initial_indent="   Why: ", subsequent_indent="   "
        )
        lines += textwrap.wrap(
            reason.action, WIDTH, initial_indent="   Do now: ", subsequent_indent="   "
        )
    return "\n".join(lines)


@command("screen", "Safety screening: check answers for red flags before any exercise.")
def configure(parser: argparse.ArgumentParser) -> None:
    add_input_argument(parser, "screening answers (question id -> answer)")
    parser.add_argument(
        "--schema", action="store_true", help="print the questions (id, type, wording) as JSON"
    )
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.set_defaults(handler=run)
