"""Planner and progression throughput on random inputs against the shipped library.

Prints the median and 99th percentile time per call (microseconds, wall clock and CPU)
over 10,000 random profiles and 10,000 random progression inputs, and the ratio of p99 to
the 2 ms target;
then, untimed, how much of the person's minutes the planned sessions fill.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from spinewise.core import vocab
from spinewise.core.exercises import Library, load_library
from spinewise.core.planner import Profile, plan_programme
from spinewise.core.progression import ExerciseLog, progress_item
from spinewise.core.progression_logs import DONE_FOR

CALLS = 10_000
TODAY = date(2026, 12, 7)
TARGET_MS = 2.0
BANDS = ("yellow", "red", "green", "blue", "black")


def _subset(rng: random.Random, values: tuple[str, ...], p: float) -> tuple[str, ...]:
    return tuple(v for v in values if rng.random() < p)


def random_profile(rng: random.Random) -> Profile:
    regions = _subset(rng, vocab.REGIONS, 0.4) or (rng.choice(vocab.REGIONS),)
    return Profile(
        regions=regions,
        equipment=_subset(rng, vocab.EQUIPMENT, 0.4),
        band_levels=BANDS[: rng.randint(0, len(BANDS))],
        sessions_per_week=rng.randint(1, 7),
        minutes_per_session=rng.randint(10, 60),
        level=rng.choice(vocab.LEVELS),
        conditions=_subset(rng, vocab.CONTRAINDICATIONS, 0.1),
        screening_level=rng.choices(vocab.SCREENING_LEVELS, weights=(1, 1, 4, 30))[0],
        seed=rng.randint(0, 1_000_000),
    )


def random_log(rng: random.Random, tracking: str, sets: int, amount: int, day: date) -> ExerciseLog:
    done = tuple(max(0, amount + rng.randint(-2, 2)) for _ in range(sets))
    key = DONE_FOR[tracking]
    return ExerciseLog(
        sets_done=sets,
        rpe=rng.randint(0, 10),
        pain_during=rng.randint(0, 8),
        pain_next_morning=rng.choice((None, rng.randint(0, 8))),
        sharp_pain=rng.random() < 0.05,
        performed_on=day,
        **{key: done},
    )


def random_days(rng: random.Random, count: int, today: date) -> list[date]:
    """``count`` session days, oldest first, 1-6 days apart (now and then a gap of 2-5
    weeks), the latest 1-3 days before ``today``."""
    days = [today - timedelta(days=rng.randint(1, 3))]
    for _ in range(count - 1):
        apart = rng.randint(14, 35) if rng.random() < 0.05 else rng.randint(1, 6)
        days.append(days[-1] - timedelta(days=apart))
    return days[::-1]


def progression_inputs(library: Library, rng: random.Random) -> list[dict[str, Any]]:
    """Random items taken from random plans, with 1-4 random logs at the current dose and
    0-12 at earlier doses (the web app passes up to 16), all dated."""
    inputs: list[dict[str, Any]] = []
    while len(inputs) < CALLS:
        profile = random_profile(rng)
        programme = plan_programme(profile, library)
        for session in programme.sessions:
            for item in session.items:
                tracking = library.get(item.exercise_id).tracking
                current, earlier = rng.randint(1, 4), rng.randint(0, 12)
                days = random_days(rng, current + earlier, TODAY)
                logs = [random_log(rng, tracking, item.sets, item.amount, d) for d in days]
                inputs.append(
                    {
                        "item": item,
                        "logs": logs[earlier:],
                        "earlier_logs": logs[:earlier],
                        "pain_ceiling": rng.choice((3, 5, 5, 6)),
                        "usual_pain": rng.choice((None, rng.randint(0, 6))),
                        "band_levels": profile.band_levels,
                        "equipment": rng.choice((None, profile.equipment)),
                        "conditions": profile.conditions,
                    }
                )
    return inputs[:CALLS]


def timings(calls: list[Callable[[], object]]) -> tuple[list[float], list[float]]:
    """Seconds per call, each timed on its own: wall-clock time and this thread's CPU time.

    On a shared machine the wall-clock p99 includes time the process waited for a core;
    the CPU time does not, so the two together tell slow code from a busy machine.
    """
    wall, cpu = [], []
    clock, cpu_clock = time.perf_counter, time.thread_time
    for call in calls:
        start, cpu_start = clock(), cpu_clock()
        call()
        cpu.append(cpu_clock() - cpu_start)
        wall.append(clock() - start)
    return wall, cpu


def report(name: str, seconds: tuple[list[float], list[float]]) -> None:
    for kind, values in zip(("wall", "cpu"), seconds, strict=True):
        ordered = sorted(values)
        median = statistics.median(ordered) * 1e3
        p99 = ordered[int(len(ordered) * 0.99) - 1] * 1e3
        print(
            f"{name:<9}{kind:<5} calls={len(ordered)}  median={median * 1e3:8.1f} us  "
            f"p99={p99 * 1e3:8.1f} us  p99/target({TARGET_MS:g} ms)={p99 / TARGET_MS:.2f}"
        )


LENGTHS = ((10, 15), (16, 25), (26, 35), (36, 50), (51, 60))


def session_shapes(library: Library, profiles: list[Profile]) -> None:
    """How full and how long the planned sessions are: per level and length band, the
    median and 5th percentile of session minutes as a share of the person's minutes, the
    share of sessions under 80 %, and the median number of exercises. Self-managed
    profiles only (gentle and breathing-only plans are short by design)."""
    rows: dict[tuple[str, tuple[int, int]], list[tuple[float, int]]] = {}
    for profile in profiles:
        if profile.screening_level != "self_manage" or profile.conditions:
            continue
        band = next(b for b in LENGTHS if b[0] <= profile.minutes_per_session <= b[1])
        for session in plan_programme(profile, library).sessions:
            share = session.minutes / profile.minutes_per_session
            rows.setdefault((profile.level, band), []).append((share, len(session.items)))
    print("\nsessions (self-managed, no conditions): minutes as a share of the person's")
    print(
        f"{'level':<13}{'minutes':<9}{'sessions':>9}{'median':>8}{'p5':>7}{'<80 %':>7}{'items':>7}"
    )
    for level in vocab.LEVELS:
        for band in LENGTHS:
            found = rows.get((level, band), [])
            if not found:
                continue
            shares = sorted(share for share, _ in found)
            short = sum(share < 0.8 for share in shares) / len(shares)
            items = statistics.median(count for _, count in found)
            print(
                f"{level:<13}{band[0]:>2}-{band[1]:<6}{len(found):>9}"
                f"{statistics.median(shares):>8.0%}{shares[len(shares) // 20]:>7.0%}"
                f"{short:>7.0%}{items:>7g}"
            )


def main() -> None:
    library = load_library()
    rng = random.Random(20_260_501)
    profiles = [random_profile(rng) for _ in range(CALLS)]
    plan_programme(profiles[0], library)  # build the library index once, as a server would
    report("plan", timings([lambda p=p: plan_programme(p, library) for p in profiles]))
    inputs = progression_inputs(library, rng)
    report(
        "progress",
        timings(
            [
                lambda i=i: progress_item(
                    i["item"],
                    i["logs"],
                    pain_ceiling=i["pain_ceiling"],
                    usual_pain=i["usual_pain"],
                    earlier_logs=i["earlier_logs"],
                    today=TODAY,
                    band_levels=i["band_levels"],
                    library=library,
                    equipment=i["equipment"],
                    conditions=i["conditions"],
                )
                for i in inputs
            ]
        ),
    )
    session_shapes(library, profiles)


if __name__ == "__main__":
    main()
