"""Registry of subcommands and the input/output helpers they share."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from spinewise.core.errors import InputError

Configure = Callable[[argparse.ArgumentParser], None]
REGISTRY: dict[str, tuple[str, Configure]] = {}


def command(name: str, help_text: str) -> Callable[[Configure], Configure]:
    """Register ``configure(parser)``; it must call ``parser.set_defaults(handler=...)``."""

    def register(configure: Configure) -> Configure:
        REGISTRY[name] = (help_text, configure)
        return configure

    return register


def add_input_argument(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "input", nargs="?", default="-", help=f"JSON file with the {what} ('-' or none: stdin)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def read_json_input(path: str) -> Any:
    """Parse JSON from ``path`` or stdin; InputError (field ``input``) on any problem."""
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
    except OSError as exc:
        raise InputError("input", f"cannot read {path!r}: {exc.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            "input", f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain-text table with columns padded to the widest cell."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
