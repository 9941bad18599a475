"""The ``spinewise`` command line.

Each subcommand lives in its own module and registers itself in ``COMMANDS``.
Every command reads JSON from a file argument or stdin, prints a human-readable
view by default and JSON with ``--json``. Bad input exits with status 2 and a
message naming the field; it never shows a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from spinewise.core.errors import InputError

from . import commands, demo_cmd, exercises_cmd, figure_cmd, plan_cmd, progress_cmd, screen_cmd  # noqa: F401  (modules register themselves)

COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = commands.REGISTRY


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spinewise",
        description="Spinewise: safe, personal, progressive exercise therapy for back pain.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (help_text, configure) in COMMANDS.items():
        configure(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except InputError as exc:
        print(f"spinewise {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `spinewise exercises | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
