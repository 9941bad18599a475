"""``spinewise figure``: draw an exercise's figure as SVG or PNG, or a contact sheet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spinewise.core.errors import InputError
from spinewise.core.exercises import load_library
from spinewise.core.figures import (
    clear_caches,
    render_animated_svg,
    render_contact_sheet,
    render_static_svg,
)
from spinewise.core.figures.catalogue import write_fitted

from .commands import command


def _to_png(svg: str, field: str) -> bytes:
    try:
        import cairosvg  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - cairosvg is a declared dependency
        raise InputError(field, "PNG output needs cairosvg; install it or write SVG") from None
    data = cairosvg.svg2png(bytestring=svg.encode("utf-8"))
    assert isinstance(data, bytes)
    return data


def run(args: argparse.Namespace) -> int:
    if args.refit:
        count = write_fitted(load_library().ids())
        clear_caches()
        print(f"fitted {count} figures into the cache of fitted poses")
        return 0
    if args.all == bool(args.exercise_id):
        raise InputError("exercise_id", "give one exercise id, or --all for a contact sheet")
    out: Path | None = Path(args.out) if args.out else None
    png = args.png or (out is not None and out.suffix.lower() == ".png")
    if png and args.animated:
        raise InputError("--png", "an animation can only be written as SVG")
    if png and out is None:
        raise InputError("--out", "PNG output needs a file name (--out figure.png)")
    if args.all:
        svg = render_contact_sheet()
    elif args.animated:
        svg = render_animated_svg(args.exercise_id)
    else:
        svg = render_static_svg(args.exercise_id)
    if out is None:
        sys.stdout.write(svg + "\n")
        return 0
    try:
        if png:
            out.write_bytes(_to_png(svg, "--png"))
        else:
            out.write_text(svg, encoding="utf-8")
    except OSError as exc:
        raise InputError("--out", f"cannot write {str(out)!r}: {exc.strerror}") from None
    print(f"wrote {out}")
    return 0


@command("figure", "Draw an exercise's figure (start/end, animated) or a sheet of all figures.")
def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("exercise_id", nargs="?", help="the exercise to draw")
    parser.add_argument("--all", action="store_true", help="a contact sheet of every exercise")
    parser.add_argument("--out", help="write to this file (.svg or .png); default: print SVG")
    parser.add_argument("--png", action="store_true", help="rasterise to PNG (cairosvg)")
    parser.add_argument(
        "--animated", action="store_true", help="the looping animation for the session player"
    )
    parser.add_argument(
        "--refit",
        action="store_true",
        help="for maintainers: fit every figure afresh and rewrite library/figures/_fitted.json",
    )
    parser.set_defaults(handler=run)
