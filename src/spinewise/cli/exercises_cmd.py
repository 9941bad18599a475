"""``spinewise exercises``: list or show the exercise library."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from spinewise.core import vocab
from spinewise.core.errors import InputError
from spinewise.core.exercises import Exercise, load_library

from .commands import command, print_json, table


def exercise_as_dict(ex: Exercise) -> dict[str, object]:
    data = asdict(ex)
    data["doses"] = {
        level: {
            "sets": [d.sets.low, d.sets.high],
            ex.amount_key: [d.amount.low, d.amount.high],
            "rest_seconds": d.rest_seconds,
        }
        for level, d in ex.doses.items()
    }
    return data


def run(args: argparse.Namespace) -> int:
    library = load_library()
    if args.exercise_id:
        ex = library.get(args.exercise_id, field="exercise_id")
        if args.json:
            print_json(exercise_as_dict(ex))
        else:
            print(_describe(ex))
        return 0
    for name, value, allowed in (
        ("--region", args.region, vocab.REGIONS),
        ("--modality", args.modality, vocab.MODALITIES),
        ("--equipment", args.equipment, vocab.EQUIPMENT),
    ):
        if value and value not in allowed:
            raise InputError(name, f"unknown value {value!r}; expected one of {', '.join(allowed)}")
    chosen = [
        ex
        for ex in library
        if (not args.region or args.region in ex.regions)
        and (not args.modality or ex.modality == args.modality)
        and (not args.equipment or args.equipment in ex.equipment)
    ]
    if args.json:
        print_json([exercise_as_dict(ex) for ex in chosen])
        return 0
    rows = [
        (ex.id, ex.name, ex.modality, ",".join(ex.regions), ",".join(ex.equipment) or "-")
        for ex in chosen
    ]
    print(table(("id", "name", "modality", "regions", "equipment"), rows))
    print(f"\n{len(chosen)} of {len(library)} exercises")
    return 0


def _describe(ex: Exercise) -> str:
    lines = [f"{ex.name} ({ex.id})", ex.summary, ""]
    lines.append(
        f"Regions: {', '.join(ex.regions)}   Modality: {ex.modality}   Position: {ex.position}"
    )
    lines.append(f"Equipment: {', '.join(ex.equipment) or 'none'}")
    for level, d in ex.doses.items():
        unit = {"reps": "reps", "hold": "s hold", "breaths": "breaths"}[ex.tracking]
        lines.append(
            f"  {level:<13} {d.sets.low}-{d.sets.high} sets x {d.amount.low}-{d.amount.high} {unit},"
            f" rest {d.rest_seconds}s"
        )
    lines += ["", "Set-up: " + ex.instructions.setup]
    lines += [f"  {i}. {step}" for i, step in enumerate(ex.instructions.steps, 1)]
    lines += ["Breathing: " + ex.instructions.breathing, "You should feel: " + ex.feel]
    lines += ["Stop if:", *(f"  - {reason}" for reason in ex.stop_if)]
    if ex.contraindications:
        lines.append("Not for: " + ", ".join(ex.contraindications))
    if ex.easier or ex.harder:
        lines.append(
            f"Easier: {', '.join(ex.easier) or '-'}   Harder: {', '.join(ex.harder) or '-'}"
        )
    return "\n".join(lines)


@command("exercises", "List the exercise library, or show one exercise in full.")
def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("exercise_id", nargs="?", help="show this exercise in full")
    parser.add_argument("--region", help="only exercises for this region")
    parser.add_argument("--modality", help="only exercises of this modality")
    parser.add_argument("--equipment", help="only exercises that use this equipment")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=run)
