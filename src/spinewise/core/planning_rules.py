"""How the planner reads the exercise library: roles, starting doses and reasons.

Everything here depends only on the library, so it is computed once per library
(cached by identity) and planning a programme is a few scans over precomputed
entries. The same helpers give the progression engine its starting doses and
plain-language reasons when it swaps one exercise for another.
"""

from __future__ import annotations

import weakref
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from . import vocab
from .exercises import Dose, Exercise, Library
from .model import ProgrammeItem, estimate_minutes
from .planning_reasons import UPPER_REGIONS
from .planning_reasons import reason_for as reason_for  # the progression engine's import

# Target-muscle words that mark an exercise as back-extensor or scapular strength work. The
# library names muscles in plain text, so matching words keeps the YAML free of planner tags.
_EXTENSOR_WORDS = ("extensor", "erector", "paraspinal", "multifidus")
_SCAPULAR_WORDS = ("rhomboid", "trapezius", "scapula", "serratus", "latissimus", "lats")

# A person at a level may use that level's dose or, when an exercise lacks it, an easier one.
LEVEL_FALLBACK = {
    "beginner": ("beginner",),
    "intermediate": ("intermediate", "beginner"),
    "advanced": ("advanced", "intermediate", "beginner"),
}


def starting_dose(exercise: Exercise, level: str) -> tuple[str, Dose] | None:
    """The dose range to start ``exercise`` at for a person at ``level``.

    Returns ``(level used, Dose)``: the person's own level when the exercise has
    it, else the nearest easier level; None when only harder levels exist.
    """
    for candidate in LEVEL_FALLBACK[level]:
        dose = exercise.dose_for(candidate)
        if dose is not None:
            return candidate, dose
    return None


def starting_item(
    exercise: Exercise, level: str, dose: Dose, reason: str, band_level: str | None
) -> ProgrammeItem:
    """A :class:`ProgrammeItem` at the bottom of ``dose`` (fewest sets, smallest amount).

    ``band_level`` is kept only for band and cord exercises.
    """
    sets, amount = dose.sets.low, dose.amount.low
    key = exercise.amount_key
    return ProgrammeItem(
        exercise_id=exercise.id,
        level=level,
        sets=sets,
        rest_seconds=dose.rest_seconds,
        minutes=estimate_minutes(exercise, sets, amount, dose.rest_seconds),
        reason=reason,
        reps=amount if key == "reps" else None,
        hold_seconds=amount if key == "hold_seconds" else None,
        breaths=amount if key == "breaths" else None,
        band_level=band_level if exercise.uses_band_level else None,
    )


def with_sets(exercise: Exercise, item: ProgrammeItem, sets: int) -> ProgrammeItem:
    """``item`` with ``sets`` sets and its minutes estimated again."""
    minutes = estimate_minutes(exercise, sets, item.amount, item.rest_seconds)
    return replace(item, sets=sets, minutes=minutes)


def role_of(exercise: Exercise) -> str:
    """The reason role that fits ``exercise`` on its own (outside a planner slot)."""
    return _entry(exercise).role


def strength_kinds(regions: Sequence[str]) -> tuple[str, ...]:
    """Back strength work that suits ``regions``: ``extensor`` (lower back), ``scapular`` (above)."""
    kinds = []
    if "lower_back" in regions:
        kinds.append("extensor")
    if UPPER_REGIONS.intersection(regions):
        kinds.append("scapular")
    return tuple(kinds)


def nearby_regions(regions: Sequence[str]) -> frozenset[str]:
    """Regions next to ``regions`` along the spine (neck, upper, mid, lower back), not in it."""
    order = vocab.REGIONS
    near = {
        order[i + step]
        for i, region in enumerate(order)
        if region in regions
        for step in (-1, 1)
        if 0 <= i + step < len(order)
    }
    return frozenset(near - set(regions))


def strength_role(entry: Entry, regions: Sequence[str]) -> str:
    """The reason role for ``entry`` as extra strength work for a person with ``regions``:
    back-extensor work for the lower back, scapular work above it."""
    if entry.extensor and entry.scapular:
        if "lower_back" not in regions:
            return "scapular"
        if UPPER_REGIONS.isdisjoint(regions):
            return "extensor"
    return entry.role


def _role(ex: Exercise, extensor: bool, scapular: bool) -> str:
    """Scapular or extensor strength work; when both, the first target muscle decides."""
    if ex.modality == "strength" and scapular and extensor:
        first = ex.target_muscles[0].lower()
        return "extensor" if any(w in first for w in _EXTENSOR_WORDS) else "scapular"
    if ex.modality == "strength" and scapular:
        return "scapular"
    if ex.modality == "strength" and extensor:
        return "extensor"
    return ex.modality


@dataclass(frozen=True, eq=False)
class Entry:
    """One exercise with the sets the planner filters and ranks on, computed once.

    ``extensor``: back-extensor work for the lower back; ``scapular``: work for the muscles
    that draw the shoulder blades back, for the neck, upper or mid back.
    """

    exercise: Exercise
    id: str
    equipment: frozenset[str]
    contraindications: frozenset[str]
    regions: frozenset[str]
    modality: str
    extensor: bool
    scapular: bool
    clashes: frozenset[str]  # exercises never in the same session: see _clashes
    key: bytes
    easiest: int  # rank in vocab.LEVELS of the easiest level the exercise has a dose for
    uses_band: bool
    role: str  # the reason role that fits the exercise on its own (see reason_for)
    deep_neck_flexor: bool = False  # chin-tuck work for the deep neck flexors
    flexion_bias: bool = False  # bends the lower back gently forward (extension intolerance)


def _clashes(ex: Exercise, twins: frozenset[str]) -> frozenset[str]:
    """Its own easier and harder versions, and its *twins*: other easier versions of one
    of its harder versions with the same modality (band and cord rows), which would only
    repeat the same work."""
    return (frozenset(ex.easier) | frozenset(ex.harder) | twins) - {ex.id}


def _twins(library: Library) -> dict[str, frozenset[str]]:
    easier_of: dict[str, set[str]] = {}
    for ex in library:
        for harder in ex.harder:
            easier_of.setdefault(harder, set()).add(ex.id)
    modality = {ex.id: ex.modality for ex in library}
    # Twins do the same kind of work: a neck rotation (mobility) and a chin tuck (strength)
    # both lead to neck isometrics but belong in one session together.
    return {
        ex.id: frozenset(
            t for h in ex.harder for t in easier_of[h] if t != ex.id and modality[t] == ex.modality
        )
        for ex in library
    }


def _entry(ex: Exercise, twins: frozenset[str] = frozenset()) -> Entry:
    muscles = " ".join(ex.target_muscles).lower()
    # Core work counts as back-extensor work only when that is its main work (a bird dog,
    # not a tummy-muscle exercise that also names multifidus).
    main = ex.target_muscles[0].lower() if ex.modality == "core" and ex.target_muscles else muscles
    extensor = (
        ex.modality in ("strength", "core")
        and "lower_back" in ex.regions
        and any(w in main for w in _EXTENSOR_WORDS)
    )
    scapular = (
        ex.modality == "strength"
        and not UPPER_REGIONS.isdisjoint(ex.regions)
        and any(w in muscles for w in _SCAPULAR_WORDS)
    )
    return Entry(
        exercise=ex,
        id=ex.id,
        equipment=frozenset(ex.equipment),
        contraindications=frozenset(ex.contraindications),
        regions=frozenset(ex.regions),
        modality=ex.modality,
        extensor=extensor,
        scapular=scapular,
        clashes=_clashes(ex, twins),
        key=ex.id.encode(),
        easiest=min(vocab.LEVELS.index(level) for level in ex.doses),
        uses_band=ex.uses_band_level,
        role=_role(ex, extensor, scapular),
        deep_neck_flexor=ex.modality == "strength"
        and "neck" in ex.regions
        and bool(ex.target_muscles)
        and "deep neck flexor" in ex.target_muscles[0].lower(),
        flexion_bias="flexion_bias" in ex.movement,
    )


class LibraryIndex:
    """Precomputed entries for one library plus a cache of starting items."""

    _ITEM_CACHE_LIMIT = 20_000

    def __init__(self, library: Library) -> None:
        twins = _twins(library)
        self.entries: tuple[Entry, ...] = tuple(_entry(ex, twins[ex.id]) for ex in library)
        self._items: dict[
            tuple[str, str, str, str | None, tuple[str, ...], int | None], ProgrammeItem
        ] = {}
        self._members: dict[str, tuple[Entry, ...]] = {}
        self._reasons: dict[tuple[str, str, tuple[str, ...]], str] = {}

    def members(self, slot: str, belongs: Callable[[Entry], bool]) -> tuple[Entry, ...]:
        """Entries for which ``belongs`` holds, computed once per ``slot`` name."""
        found = self._members.get(slot)
        if found is None:
            found = tuple(e for e in self.entries if belongs(e))
            self._members[slot] = found
        return found

    def reason(self, entry: Entry, role: str, regions: tuple[str, ...]) -> str:
        """``reason_for`` the entry, computed once per role and regions."""
        key = (entry.id, role, regions)
        found = self._reasons.get(key)
        if found is None:
            found = self._reasons[key] = reason_for(entry.exercise, role, regions)
        return found

    def available(self, equipment: frozenset[str], conditions: frozenset[str]) -> list[Entry]:
        """Entries whose equipment the person has and that none of their conditions rule out."""
        return [
            e
            for e in self.entries
            if e.equipment <= equipment and e.contraindications.isdisjoint(conditions)
        ]

    def item(
        self,
        entry: Entry,
        level: str,
        role: str,
        band_level: str | None,
        regions: tuple[str, ...],
        sets: int | None = None,
    ) -> ProgrammeItem | None:
        """The starting item for ``entry`` (None when it has no dose at ``level`` or easier).

        ``sets`` (within the dose's set range) replaces the starting sets; the amount stays at
        the bottom of its range.
        """
        key = (entry.id, level, role, band_level, regions, sets)
        cached = self._items.get(key)
        if cached is not None:
            return cached
        if sets is None:
            found = starting_dose(entry.exercise, level)
            if found is None:
                return None
            used_level, dose = found
            reason = self.reason(entry, role, regions)
            item = starting_item(entry.exercise, used_level, dose, reason, band_level)
        else:
            start = self.item(entry, level, role, band_level, regions)
            if start is None:
                return None
            item = with_sets(entry.exercise, start, sets)
        if len(self._items) >= self._ITEM_CACHE_LIMIT:
            self._items.clear()
        self._items[key] = item
        return item


_INDEXES: weakref.WeakKeyDictionary[Library, LibraryIndex] = weakref.WeakKeyDictionary()


def index_for(library: Library) -> LibraryIndex:
    """The :class:`LibraryIndex` for ``library``, built on first use."""
    index = _INDEXES.get(library)
    if index is None:
        index = LibraryIndex(library)
        _INDEXES[library] = index
    return index


def seeded_order(entries: Sequence[Entry], seed: int) -> dict[str, int]:
    """A stable pseudo-random rank per entry for ``seed`` (same seed, same order, any process)."""
    prefix = f"{seed}:".encode()
    return {e.id: zlib.crc32(prefix + e.key) for e in entries}
