"""The ``spinewise`` command line.

Each subcommand lives in its own module and registers itself in ``COMMANDS``.
Every command reads JSON from a file argument or stdin, prints a human-readable
view by default and JSON with ``--json``. Bad input exits with status 2 and a
message naming the field; it never shows a traceback.

Only the module of the command being run is imported (``MODULES``), so ``spinewise
plan`` never loads the figure code, the screening questions or the progression engine;
``spinewise --help`` and anything that is not a command name import them all.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from spinewise.core.errors import InputError

from . import commands

COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = commands.REGISTRY
# Each command's module, in the order ``spinewise --help`` lists them.
MODULES = {
    "plan": "plan_cmd",
    "progress": "progress_cmd",
    "demo": "demo_cmd",
    "exercises": "exercises_cmd",
    "figure": "figure_cmd",
    "screen": "screen_cmd",
}


def _import(names: Sequence[str]) -> None:
    for name in names:
        importlib.import_module(f"{__name__}.{MODULES[name]}")  # it registers itself


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of command ``only`` alone (for running it)."""
    names = [only] if only is not None else list(MODULES)
    _import(names)
    parser = argparse.ArgumentParser(
        prog="spinewise",
        description="Spinewise: safe, personal, progressive exercise therapy for back pain.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in names:
        help_text, configure = COMMANDS[name]
        configure(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv[0] if argv and argv[0] in MODULES else None)
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
