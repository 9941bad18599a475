"""One session while it is being planned: its exercises so far, minutes and room left.

The week planner (:mod:`planning_week`) chooses the exercises; this module holds the draft
they go into, how many exercises a session may hold, and how the minutes left over become
extra sets.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from .exercises import STRETCH_HOLD_LIMIT
from .model import ProgrammeItem
from .planning_rules import Entry

# Floating-point sums of two-decimal minutes must not trip the budget check.
EPSILON = 1e-9

# Phases give the order of items within a session.
WARM_UP, MAIN, FLEXIBILITY, MASSAGE, COOL_DOWN = range(5)

# Which items get extra sets first when a session has minutes to spare.
SET_PRIORITY: tuple[frozenset[str], ...] = (
    frozenset({"strength", "core"}),
    frozenset({"mobility", "stretch"}),
    frozenset({"self_massage", "breathing"}),
)


def exercise_count(minutes_per_session: int) -> int:
    """How many exercises a session of ``minutes_per_session`` (10-60 min) may hold.

    ``round(1.6 * sqrt(minutes))``: 10 min 5, 15 min 6, 20 min 7, 30 min 9, 40 min 10,
    45 min 11, 60 min 12. It grows more slowly than the time because a longer session gives
    each exercise more sets rather than adding ever more exercises to learn.
    """
    return int(1.6 * math.sqrt(minutes_per_session) + 0.5)


@dataclass(slots=True)
class Placed:
    """An exercise in the draft with the reason role it was chosen for and its dose."""

    entry: Entry
    role: str
    item: ProgrammeItem


@dataclass
class SessionDraft:
    """``remaining`` minutes and ``room`` (exercises) left; ``used`` exercise ids."""

    remaining: float
    room: int
    used: set[str] = field(default_factory=set)
    phases: list[list[Placed]] = field(default_factory=lambda: [[] for _ in range(5)])

    def fits(self, entry: Entry, item: ProgrammeItem) -> bool:
        """True when the item fits the room and the minutes and clashes with nothing chosen."""
        return self.allows(entry) and item.minutes <= self.remaining + EPSILON

    def allows(self, entry: Entry) -> bool:
        """True when the session has room for ``entry`` and nothing chosen clashes with it."""
        return self.room > 0 and entry.id not in self.used and entry.clashes.isdisjoint(self.used)

    def add(self, entry: Entry, role: str, item: ProgrammeItem, phase: int) -> None:
        self.used.add(entry.id)
        self.remaining -= item.minutes
        self.room -= 1
        self.phases[phase].append(Placed(entry, role, item))

    def placed(self) -> list[Placed]:
        """The exercises in session order."""
        return [p for phase in self.phases for p in phase]

    def add_sets(self, resize: Callable[[Placed, int], ProgrammeItem]) -> None:
        """Spend the spare minutes on more sets: one set per exercise per round, in the order
        of SET_PRIORITY, never above the top of an exercise's set range at its level.

        ``resize(placed, sets)`` gives the placed exercise's item with that many sets (the
        amount stays at the bottom of its range).
        """
        placed = self.placed()
        for modalities in SET_PRIORITY:
            group = [p for p in placed if p.entry.modality in modalities]
            grew = True
            while grew:
                grew = False
                for p in group:
                    if p.item.sets >= p.entry.exercise.doses[p.item.level].sets.high:
                        continue
                    hold = p.item.hold_seconds
                    if (
                        p.entry.modality == "stretch"
                        and hold is not None
                        and (p.item.sets + 1) * hold > STRETCH_HOLD_LIMIT
                    ):
                        continue  # a stretch holds at most 90 s per side per session
                    bigger = resize(p, p.item.sets + 1)
                    extra = bigger.minutes - p.item.minutes
                    if extra <= self.remaining + EPSILON:
                        self.remaining -= extra
                        p.item = bigger
                        grew = True
