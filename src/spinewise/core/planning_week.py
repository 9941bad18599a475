"""Filling the sessions of one week: choosing the exercises, then the sets.

A *slot* is a part of a session (warm-up, core, back strength, cool-down...). Each slot has
a ranked list of candidate exercises: those that match the person's regions first, then a
seeded order. Within the week, the least-used candidate that still fits wins, so sessions
vary where the library allows.

A session is built in two steps, the way a physiotherapist writes a home programme:

1. Choose at most ``planning_session.exercise_count`` exercises (a few well-dosed exercises
   are easier to learn and keep up than a long list), each at the bottom of its range,
   within the session's minutes. A warm-up takes at most a quarter of the time, and neither
   the warm-up nor the core exercise may leave too little time for back-strength work,
   whenever the library offers a choice that does not.
2. Spend the minutes left by adding sets, one at a time and in turn, up to the top of each
   exercise's set range at the person's level: strength and core work first, then mobility
   and stretches, then self-massage and breathing. Reps, holds and breaths stay at the
   bottom of their range, so double progression (reps, then sets) still has room to grow.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from . import vocab
from .model import ProgrammeItem
from .planning_rules import Entry, LibraryIndex, nearby_regions, strength_kinds, strength_role
from .planning_session import (
    COOL_DOWN,
    EPSILON,
    FLEXIBILITY,
    MAIN,
    MASSAGE,
    WARM_UP,
    Placed,
    SessionDraft,
)

SLOTS: Mapping[str, Callable[[Entry], bool]] = {
    "warm_up": lambda e: e.modality == "mobility",
    "core": lambda e: e.modality == "core",
    "extensor": lambda e: e.extensor,
    "scapular": lambda e: e.scapular,
    "breathing": lambda e: e.modality == "breathing",
    "self_massage": lambda e: e.modality == "self_massage",
    "strength": lambda e: e.modality == "strength",
    "mobility": lambda e: e.modality == "mobility",
    "stretch": lambda e: e.modality == "stretch",
    "core_fill": lambda e: e.modality == "core",
    "strength_near": lambda e: e.modality == "strength",
    "mobility_near": lambda e: e.modality == "mobility",
    "stretch_near": lambda e: e.modality == "stretch",
    "neck_flexor": lambda e: e.deep_neck_flexor,
}

# The slots each mode fills, with the reason role for their items (None: decided per exercise
# from the person's regions, see planning_rules.strength_role).
MODE_SLOTS: Mapping[str, Mapping[str, str | None]] = {
    "full": {
        "warm_up": "warm_up",
        "core": "core",
        "extensor": "extensor",
        "scapular": "scapular",
        "breathing": "breathing",
        "self_massage": "self_massage",
        "strength": None,
        "core_fill": "core",
        "mobility": "mobility",
        "stretch": "stretch",
        "strength_near": None,
        "mobility_near": "mobility",
        "stretch_near": "stretch",
        "neck_flexor": None,
    },
    "gentle": {"warm_up": "gentle", "breathing": "breathing", "mobility": "gentle"},
    "breathing_only": {"breathing": "breathing_only"},
}

# Fill slots take exercises for the person's own regions ("the chosen regions dominate");
# when those run out, the *_near slots take exercises for the regions next to them (thoracic
# mobility for neck pain, say), never outnumbering the exercises for the chosen regions.
_REGIONAL_ONLY = frozenset({"strength", "mobility", "stretch", "core_fill"})
_NEARBY_ONLY = frozenset({"strength_near", "mobility_near", "stretch_near"})


MISSING = {
    "warm_up": "No mobility warm-up fits your equipment, health conditions and session time.",
    "core": (
        "No core exercise fits your equipment, health conditions, level and session time, "
        "so some sessions have no core work."
    ),
    "strength": (
        "No back-strength exercise fits your equipment, health conditions, level and session "
        "time, so some sessions have no back-strength work."
    ),
    "breathing": "No breathing exercise is available in the exercise library.",
}

# Slots where, with extension intolerance, exercises that bend the lower back gently forward
# come first (stenosis and spondylolisthesis ease with flexion; CLINICAL.md section 5).
_FLEXION_SLOTS = frozenset({"warm_up", "mobility", "stretch", "mobility_near", "stretch_near"})

# A warm-up takes at most this share of a session's minutes when the library allows.
WARM_UP_SHARE = 0.25

# Why a session may end well short of the person's minutes (see WeekPlanner._short_cause).
SHORT_CAUSES = ("breathing_only", "gentle", "few_exercises", "long_exercises", "small_doses")


_Option = tuple[int, Entry, str, ProgrammeItem]  # (tier, entry, reason role, starting item)


class WeekPlanner:
    """Plans the sessions of one week for one person; keeps counts to vary the choices.

    ``limit`` is a session's most minutes, ``count`` its most exercises; extra sets fill a
    session only up to ``fill_to`` minutes; a session under ``short_below`` minutes gets its
    reason in ``short_causes``.
    """

    def __init__(
        self,
        *,
        index: LibraryIndex,
        pool: Sequence[Entry],
        order: Mapping[str, int],
        regions: tuple[str, ...],
        level: str,
        band_level: str | None,
        limit: float,
        count: int,
        short_below: float,
        mode: str,
        fill_to: float | None = None,
        strength_days: frozenset[int] | None = None,
        prefer_flexion: bool = False,
    ) -> None:
        self.index = index
        self.regions = regions
        self.level = level
        self.band_level = band_level
        self.limit = limit
        # Extra sets stop at ``fill_to`` so the doses have room to grow within ``limit``.
        self.fill_to = limit if fill_to is None else min(fill_to, limit)
        self.count = count
        self.short_below = short_below
        self.mode = mode
        # Sessions that may hold strength and core work (None: every session); the others
        # carry mobility, stretching, breathing and self-massage.
        self.strength_days = strength_days
        self.prefer_flexion = prefer_flexion
        self.usage: dict[str, int] = {}
        self.slot_usage: dict[str, dict[str, int]] = {}  # slot -> exercise id -> times used
        self.warnings: list[str] = []
        self.short_causes: dict[int, str] = {}  # session number -> one of SHORT_CAUSES
        self.band_entries = frozenset(e.id for e in pool if e.uses_band)
        self._order = order
        rank = vocab.LEVELS.index(level)
        self._eligible = frozenset(e.id for e in pool if e.easiest <= rank)  # a dose they may do
        self._wanted = frozenset(regions)
        self._near = nearby_regions(regions)
        self._slots: dict[str, list[_Option]] = {}  # ranked on first use
        self._longest: dict[str, float] = {}
        self._shortest: dict[str, float] = {}

    def _options(self, slot: str) -> list[_Option]:
        """The slot's (tier, entry, role, starting item), best first; computed once."""
        options = self._slots.get(slot)
        if options is None:
            options = self._slots[slot] = self._ranked(slot)
            minutes = [o[3].minutes for o in options]
            self._longest[slot] = max(minutes, default=0.0)
            self._shortest[slot] = min(minutes, default=0.0)
        return options

    def _longest_minutes(self, slot: str) -> float:
        self._options(slot)
        return self._longest[slot]

    def _ranked(self, slot: str) -> list[_Option]:
        """The slot's options by tier (lower first), then the seeded order.

        Tier: the person's regions first; then exercises whose main work is the slot's (a
        back extension before a bird dog or a superman for the extensor slot, a row before a
        superman for the scapular slot), and moving (repeated) warm-ups before held
        positions. Fill slots keep only the person's regions (or, ``*_near``, the next ones).
        """
        wanted, near, order = self._wanted, self._near, self._order
        regional, nearby = slot in _REGIONAL_ONLY, slot in _NEARBY_ONLY
        strength_slot, warm_up = slot in ("extensor", "scapular"), slot == "warm_up"
        chosen = []
        for e in self.index.members(slot, SLOTS[slot]):
            if e.id not in self._eligible:
                continue
            away = wanted.isdisjoint(e.regions)
            if (regional and away) or (nearby and (not away or near.isdisjoint(e.regions))):
                continue
            tier = 2 * (
                4 * away
                + 2 * (strength_slot and e.role != slot)
                + (warm_up and e.exercise.tracking != "reps")
            ) + (self.prefer_flexion and slot in _FLEXION_SLOTS and not e.flexion_bias)
            chosen.append((tier, order[e.id], e.id, e))
        chosen.sort(key=lambda c: c[:3])
        role = MODE_SLOTS[self.mode][slot]
        options = []
        for t, _, _, e in chosen:
            own = role or strength_role(e, self.regions)
            options.append((t, e, own, self._item(e, own)))
        return options

    def _item(self, entry: Entry, role: str, sets: int | None = None) -> ProgrammeItem:
        item = self.index.item(entry, self.level, role, self.band_level, self.regions, sets)
        assert item is not None  # slots keep only entries with a dose at this level
        return item

    def _by_usage(self, slot: str) -> list[_Option]:
        """The slot's options: best tier first, then least used in this slot, then least used
        this week, then seeded."""
        options = self._options(slot)
        usage, in_slot = self.usage, self.slot_usage.get(slot)
        if not usage:  # nothing used yet: the ranked order stands
            return options
        # Whole-number keys (tier, then uses in the slot, then uses this week; a week has at
        # most 7 sessions) sort faster than tuples; the stable sort keeps the seeded order.
        if in_slot is None:
            return sorted(options, key=lambda o: (o[0] << 20) + usage.get(o[1].id, 0))
        return sorted(
            options,
            key=lambda o: (o[0] << 20) + (in_slot.get(o[1].id, 0) << 10) + usage.get(o[1].id, 0),
        )

    def _pick(
        self,
        state: SessionDraft,
        slot: str,
        phase: int,
        then: Sequence[Sequence[str]] = (),
        most: float | None = None,
    ) -> bool:
        """Add the slot's best option that fits; False when none fits.

        ``then`` lists the parts still to come, each a choice of slots (one of them is
        enough): an option that would leave no time for them is passed over while another
        option would, so a long warm-up cannot crowd out the core and back-strength work.
        Options over ``most`` minutes are passed over likewise.
        """
        chosen: _Option | None = None
        fallback: _Option | None = None  # the first (or, with ``most``, shortest) that fits
        for option in self._by_usage(slot):
            minutes = option[3].minutes
            if not state.fits(option[1], option[3]):
                continue
            if fallback is None or (most is not None and minutes < fallback[3].minutes):
                fallback = option
            if (most is None or minutes <= most) and self._leaves_room(state, option, then):
                chosen = option
                break
        chosen = chosen or fallback
        if chosen is None:
            return False
        _, entry, role, item = chosen
        state.add(entry, role, item, phase)
        in_slot = self.slot_usage.setdefault(slot, {})
        in_slot[entry.id] = in_slot.get(entry.id, 0) + 1
        return True

    def _leaves_room(
        self, state: SessionDraft, option: _Option, then: Sequence[Sequence[str]]
    ) -> bool:
        """True when, after ``option``, each part in ``then`` can still get an exercise
        (trying them in turn, each taking its first option that fits)."""
        remaining = state.remaining - option[3].minutes
        if remaining >= sum(self._longest_minutes(s) for slots in then for s in slots):
            return True  # plenty of time: no need to look closer
        used = {*state.used, option[1].id}
        room = state.room - 1
        for slots in then:
            found = next(
                (
                    o
                    for slot in slots
                    for o in self._options(slot)
                    if o[1].id not in used
                    and o[1].clashes.isdisjoint(used)
                    and o[3].minutes <= remaining + EPSILON
                ),
                None,
            )
            if found is None or room <= 0:
                return False
            used.add(found[1].id)
            remaining -= found[3].minutes
            room -= 1
        return True

    def _warn(self, kind: str) -> None:
        if MISSING[kind] not in self.warnings:
            self.warnings.append(MISSING[kind])

    def session(self, number: int) -> tuple[ProgrammeItem, ...]:
        """The items of session ``number`` (1-based), in the order to do them."""
        state = SessionDraft(remaining=self.limit, room=self.count)
        if self.mode == "breathing_only":
            self._breathing_only(state)
        elif self.mode == "gentle":
            self._gentle(state)
        else:
            self._full(state, number)
        state.remaining -= self.limit - self.fill_to
        state.add_sets(self._resize)
        items = tuple(p.item for p in state.placed())
        if round(sum(item.minutes for item in items), 2) < self.short_below:
            self.short_causes[number] = self._short_cause(state)
        for item in items:
            self.usage[item.exercise_id] = self.usage.get(item.exercise_id, 0) + 1
        return items

    def _breathing_only(self, state: SessionDraft) -> None:
        if not self._pick(state, "breathing", COOL_DOWN):
            self._warn("breathing")

    def _gentle(self, state: SessionDraft) -> None:
        if not self._pick(state, "warm_up", WARM_UP):
            self._warn("warm_up")
        self._pick(state, "breathing", COOL_DOWN)
        self._fill(state, (("mobility", FLEXIBILITY),))

    def _full(self, state: SessionDraft, number: int) -> None:
        if self.strength_days is not None and number not in self.strength_days:
            self._recovery(state)
            return
        kinds = strength_kinds(self.regions)
        if number % 2 == 0:  # with both kinds, alternate which one gets the time first
            kinds = kinds[::-1]
        strength = (kinds,) if kinds else ()
        warm_up = self.limit * WARM_UP_SHARE
        # A neck programme always keeps a deep neck flexor exercise (the chin tuck).
        neck = ("neck_flexor",) if "neck" in self.regions else ()
        first = ((neck,) if neck else ()) + (("core",), *strength)
        if not self._pick(state, "warm_up", WARM_UP, first, warm_up):
            self._warn("warm_up")
        if neck:
            self._pick(state, "neck_flexor", MAIN, (("core",), *strength))
        if not self._pick(state, "core", MAIN, strength):
            self._warn("core")
        got = [self._pick(state, kind, MAIN) for kind in kinds]
        if kinds and not any(got):
            self._warn("strength")
        self._pick(state, "breathing", COOL_DOWN)
        self._pick(state, "self_massage", MASSAGE)
        # Stretching first: it is the one component the fixed parts above do not cover.
        self._fill(
            state,
            (
                ("stretch", FLEXIBILITY),
                ("strength", MAIN),
                ("mobility", FLEXIBILITY),
                ("core_fill", MAIN),
            ),
        )
        placed = state.placed()
        own = sum(not p.entry.regions.isdisjoint(self.regions) for p in placed)
        self._fill(
            state,
            (
                ("stretch_near", FLEXIBILITY),
                ("strength_near", MAIN),
                ("mobility_near", FLEXIBILITY),
            ),
            most=own - (len(placed) - own),
        )

    def _recovery(self, state: SessionDraft) -> None:
        """A day between strength days: mobility, stretching, breathing and self-massage."""
        if not self._pick(state, "warm_up", WARM_UP, (), self.limit * WARM_UP_SHARE):
            self._warn("warm_up")
        self._pick(state, "breathing", COOL_DOWN)
        self._pick(state, "self_massage", MASSAGE)
        self._fill(state, (("stretch", FLEXIBILITY), ("mobility", FLEXIBILITY)))
        placed = state.placed()
        own = sum(not p.entry.regions.isdisjoint(self.regions) for p in placed)
        self._fill(
            state,
            (("stretch_near", FLEXIBILITY), ("mobility_near", FLEXIBILITY)),
            most=own - (len(placed) - own),
        )

    def _fill(
        self, state: SessionDraft, groups: Sequence[tuple[str, int]], most: int | None = None
    ) -> None:
        """Take one exercise from each group in turn until nothing more fits (or ``most``
        have been taken).

        The remaining minutes and room only shrink and the used set only grows, so an
        option that did not fit once never will: each group's list is walked once.
        """
        if state.room <= 0 or (most is not None and most <= 0):
            return
        if most is not None:
            state.room, spare = min(state.room, most), max(state.room - most, 0)
        else:
            spare = 0
        queues = [
            (self._by_usage(slot), phase, self._shortest[slot])
            for slot, phase in groups
            if self._options(slot) and self._shortest[slot] <= state.remaining + EPSILON
        ]
        cursors = [0] * len(queues)
        added = True
        while added and state.room > 0:
            added = False
            for g, (queue, phase, shortest) in enumerate(queues):
                if shortest > state.remaining + EPSILON:
                    continue  # nothing in this group fits any more
                while cursors[g] < len(queue) and state.room > 0:
                    _, entry, role, item = queue[cursors[g]]
                    cursors[g] += 1
                    if state.fits(entry, item):
                        state.add(entry, role, item, phase)
                        added = True
                        break
        state.room += spare

    def _resize(self, placed: Placed, sets: int) -> ProgrammeItem:
        return self._item(placed.entry, placed.role, sets)

    def _short_cause(self, state: SessionDraft) -> str:
        """Which of SHORT_CAUSES would explain this session ending short of the minutes."""
        if self.mode != "full":
            return self.mode
        if state.room <= 0:
            return "small_doses"
        for slot in _REGIONAL_ONLY | _NEARBY_ONLY:
            for _, entry, _, item in self._slots.get(slot, ()):
                if state.allows(entry) and item.minutes > state.remaining + EPSILON:
                    return "long_exercises"
        return "few_exercises"
