"""The exercise library: clinical content as data, validated on load.

Each exercise lives in its own YAML file, ``library/exercises/<id>.yaml``, so a
clinician can review and extend the library without touching code. Loading
checks every field; any problem raises :class:`LibraryError` naming the file and
the field. :func:`load_library` keeps the checked result in a compiled cache keyed by
the files' content (``core.library_cache``), so a new process reads it in milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import vocab
from .errors import InputError, LibraryError

DEFAULT_LIBRARY_DIR = Path(__file__).resolve().parent.parent / "library" / "exercises"
# Where the figures live (``figures.spec.DEFAULT_FIGURES_DIR``, named here so that reading
# the library from its cache needs none of the figure code).
DEFAULT_FIGURES_DIR = DEFAULT_LIBRARY_DIR.parent / "figures"

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Sensible bounds for any dose a home programme could prescribe.
AMOUNT_BOUNDS = {"reps": (1, 30), "hold": (5, 300), "breaths": (3, 40)}
AMOUNT_KEY = {"reps": "reps", "hold": "hold_seconds", "breaths": "breaths"}
SETS_BOUNDS = (1, 6)
REST_BOUNDS = (0, 180)
SECONDS_PER_REP_BOUNDS = (1, 12)
# A stretch holds at most this many seconds in all per side per session (sets x hold), at
# every level: about 60 s per muscle is enough (CLINICAL.md section 4), minutes are not.
STRETCH_HOLD_LIMIT = 90

# Contraindications that follow from an exercise's own data (CLINICAL.md sections 4 and 5):
# movement -> (condition, why). The loader refuses an exercise that does not list them.
MOVEMENT_CONTRAINDICATIONS: dict[str, tuple[str, str]] = {
    "overhead": ("shoulder_injury", "raises the arms overhead"),
    "spinal_flexion_loaded": ("osteoporosis", "bends the spine forward under load"),
    "end_range_rotation": ("osteoporosis", "twists the spine to the end of its range"),
    "end_range_extension": ("extension_intolerance", "arches the back to the end of its range"),
    "deep_hip_flexion": ("hip_replacement", "bends the hip past 90 degrees"),
    "hip_adduction": ("hip_replacement", "crosses the legs or brings the thigh across the midline"),
    "hip_internal_rotation_flexed": ("hip_replacement", "turns the bent hip inwards"),
    "arm_nerve_tension": ("radiating_arm_pain", "moves the nerves of the arm"),
    "leg_nerve_tension": ("radiating_leg_pain", "moves the sciatic nerve"),
    "weight_on_knees": ("knee_pain", "puts weight through the knees"),
}


@dataclass(frozen=True)
class Range:
    """An inclusive whole-number range, e.g. 8-12 repetitions."""

    low: int
    high: int

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.low <= value <= self.high


@dataclass(frozen=True)
class Dose:
    """The dose for one level.

    ``amount`` is repetitions per set (tracking ``reps``), seconds per hold
    (``hold``) or breaths per set (``breaths``). ``rest_seconds`` is the rest
    between sets.
    """

    sets: Range
    amount: Range
    rest_seconds: int


@dataclass(frozen=True)
class Instructions:
    setup: str
    steps: tuple[str, ...]
    breathing: str


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    summary: str
    regions: tuple[str, ...]
    modality: str
    position: str
    equipment: tuple[str, ...]
    household: tuple[str, ...]
    target_muscles: tuple[str, ...]
    tracking: str
    per_side: bool
    seconds_per_rep: int
    desk_friendly: bool
    doses: Mapping[str, Dose]
    instructions: Instructions
    feel: str
    stop_if: tuple[str, ...]
    common_mistakes: tuple[str, ...]
    contraindications: tuple[str, ...]
    easier: tuple[str, ...]
    harder: tuple[str, ...]
    # What the movement asks of the body (vocab.MOVEMENTS), for the contraindications it implies.
    movement: tuple[str, ...] = ()

    @property
    def uses_band_level(self) -> bool:
        """True when the resistance comes from a levelled band or cord."""
        return any(e in vocab.LEVELLED_EQUIPMENT for e in self.equipment)

    @property
    def amount_key(self) -> str:
        """The dose key for this exercise: ``reps``, ``hold_seconds`` or ``breaths``."""
        return AMOUNT_KEY[self.tracking]

    def dose_for(self, level: str) -> Dose | None:
        """The dose range at ``level``, or None when the exercise does not suit that level."""
        return self.doses.get(level)

    def stop_signs(self, pain_limit: int | None = None) -> tuple[str, ...]:
        """The stop signs, with the person's own pain limit (0-10) written into "your
        agreed limit" so they know the number; unchanged when ``pain_limit`` is None."""
        if pain_limit is None:
            return self.stop_if
        limit = f"your agreed limit ({pain_limit}/10)"
        return tuple(sign.replace("your agreed limit", limit) for sign in self.stop_if)


# The schema: field name -> (required, parser). Parsers raise LibraryError.
_FIELDS_REQUIRED = (
    "id",
    "name",
    "summary",
    "regions",
    "modality",
    "position",
    "equipment",
    "target_muscles",
    "tracking",
    "dose",
    "instructions",
    "feel",
    "stop_if",
    "common_mistakes",
    "contraindications",
    "easier",
    "harder",
)
_FIELDS_OPTIONAL = ("household", "per_side", "seconds_per_rep", "desk_friendly", "movement")


class _Reader:
    """Typed field access on one raw mapping; every error names file and field."""

    def __init__(self, raw: Mapping[str, Any], source: str, prefix: str = "") -> None:
        self.raw = raw
        self.source = source
        self.prefix = prefix

    def error(self, name: str, problem: str) -> LibraryError:
        return LibraryError(f"{self.prefix}{name}", problem, self.source)

    def text(self, name: str) -> str:
        value = self.raw.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.error(name, "must be a non-empty text")
        return value.strip()

    def texts(self, name: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        value = self.raw.get(name)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(name, "must be a list of non-empty texts")
        if not value and not allow_empty:
            raise self.error(name, "must not be empty")
        return tuple(v.strip() for v in value)

    def choices(
        self, name: str, allowed: Iterable[str], *, allow_empty: bool = True
    ) -> tuple[str, ...]:
        values = self.texts(name, allow_empty=allow_empty)
        allowed = tuple(allowed)
        for v in values:
            if v not in allowed:
                raise self.error(name, f"unknown value {v!r}; expected one of {', '.join(allowed)}")
        if len(set(values)) != len(values):
            raise self.error(name, "lists a value twice")
        return values

    def choice(self, name: str, allowed: Iterable[str]) -> str:
        value = self.text(name)
        allowed = tuple(allowed)
        if value not in allowed:
            raise self.error(name, f"unknown value {value!r}; expected one of {', '.join(allowed)}")
        return value

    def boolean(self, name: str, default: bool) -> bool:
        value = self.raw.get(name, default)
        if not isinstance(value, bool):
            raise self.error(name, "must be true or false")
        return value

    def integer(self, name: str, bounds: tuple[int, int], default: int | None = None) -> int:
        value = self.raw.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(name, "must be a whole number")
        if not bounds[0] <= value <= bounds[1]:
            raise self.error(name, f"{value} is out of range {bounds[0]}-{bounds[1]}")
        return value

    def range(self, name: str, bounds: tuple[int, int]) -> Range:
        value = self.raw.get(name)
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            raise self.error(name, "must be a pair of whole numbers [low, high]")
        low, high = value
        if low > high:
            raise self.error(name, f"low {low} is above high {high}")
        if low < bounds[0] or high > bounds[1]:
            raise self.error(name, f"[{low}, {high}] is out of range {bounds[0]}-{bounds[1]}")
        return Range(low, high)

    def mapping(self, name: str) -> _Reader:
        value = self.raw.get(name)
        if not isinstance(value, dict):
            raise self.error(name, "must be a mapping")
        return _Reader(value, self.source, f"{self.prefix}{name}.")

    def exact_keys(self, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        required, optional = tuple(required), tuple(optional)
        for key in self.raw:
            if key not in required and key not in optional:
                raise self.error(str(key), "unknown field")
        for key in required:
            if key not in self.raw:
                raise self.error(key, "missing field")


def _parse_dose(r: _Reader, tracking: str) -> Dose:
    amount_key = AMOUNT_KEY[tracking]
    r.exact_keys(("sets", amount_key, "rest_seconds"))
    return Dose(
        sets=r.range("sets", SETS_BOUNDS),
        amount=r.range(amount_key, AMOUNT_BOUNDS[tracking]),
        rest_seconds=r.integer("rest_seconds", REST_BOUNDS),
    )


def parse_exercise(raw: Any, source: str) -> Exercise:
    """Build one :class:`Exercise` from a parsed YAML mapping, or raise LibraryError."""
    if not isinstance(raw, dict):
        raise LibraryError("(file)", "must contain a mapping of fields", source)
    r = _Reader(raw, source)
    r.exact_keys(_FIELDS_REQUIRED, _FIELDS_OPTIONAL)
    ex_id = r.text("id")
    if not SLUG.match(ex_id):
        raise r.error("id", f"{ex_id!r} is not a kebab-case slug")
    tracking = r.choice("tracking", vocab.TRACKING)
    dose_r = r.mapping("dose")
    for key in dose_r.raw:
        if key not in vocab.LEVELS:
            raise dose_r.error(
                str(key), f"unknown level; expected one of {', '.join(vocab.LEVELS)}"
            )
    if not dose_r.raw:
        raise r.error("dose", "must give a dose for at least one level")
    doses = {
        lvl: _parse_dose(dose_r.mapping(lvl), tracking) for lvl in vocab.LEVELS if lvl in dose_r.raw
    }
    ins = r.mapping("instructions")
    ins.exact_keys(("setup", "steps", "breathing"))
    needs_tempo = tracking in ("reps", "breaths")
    if needs_tempo and "seconds_per_rep" not in raw:
        raise r.error("seconds_per_rep", f"missing field (required when tracking is {tracking})")
    modality = r.choice("modality", vocab.MODALITIES)
    if modality == "stretch":
        for lvl, dose in doses.items():
            total = dose.sets.high * dose.amount.high
            if total > STRETCH_HOLD_LIMIT:
                raise dose_r.error(
                    lvl,
                    f"up to {dose.sets.high} x {dose.amount.high} s = {total} s of stretching; "
                    f"a stretch holds at most {STRETCH_HOLD_LIMIT} s per side per session",
                )
    position = r.choice("position", vocab.POSITIONS)
    movement = r.choices("movement", vocab.MOVEMENTS) if "movement" in raw else ()
    contraindications = r.choices("contraindications", vocab.CONTRAINDICATIONS)
    for condition, why in implied_contraindications(position, movement):
        if condition not in contraindications:
            raise r.error("contraindications", f"must list {condition!r}: the exercise {why}")
    return Exercise(
        id=ex_id,
        name=r.text("name"),
        summary=r.text("summary"),
        regions=r.choices("regions", vocab.REGIONS, allow_empty=False),
        modality=modality,
        position=position,
        equipment=r.choices("equipment", vocab.EQUIPMENT),
        household=r.choices("household", vocab.HOUSEHOLD) if "household" in raw else (),
        target_muscles=r.texts("target_muscles"),
        tracking=tracking,
        per_side=r.boolean("per_side", False),
        seconds_per_rep=r.integer("seconds_per_rep", SECONDS_PER_REP_BOUNDS, default=1),
        desk_friendly=r.boolean("desk_friendly", False),
        doses=doses,
        instructions=Instructions(
            setup=ins.text("setup"), steps=ins.texts("steps"), breathing=ins.text("breathing")
        ),
        feel=r.text("feel"),
        stop_if=r.texts("stop_if"),
        common_mistakes=r.texts("common_mistakes"),
        contraindications=contraindications,
        easier=_slugs(r, "easier"),
        harder=_slugs(r, "harder"),
        movement=movement,
    )


_KNEELING_WORDS = {
    "quadruped": "on hands and knees",
    "kneeling": "kneeling",
    "half_kneeling": "half-kneeling",
}


def implied_contraindications(position: str, movement: Iterable[str]) -> list[tuple[str, str]]:
    """The conditions an exercise must list, from its position and movement, each with why:
    kneeling and all-fours positions rule out knee pain, overhead work a shoulder injury,
    loaded flexion and end-range rotation osteoporosis, and so on."""
    implied = []
    if position in vocab.KNEELING_POSITIONS:
        implied.append(("knee_pain", f"is done {_KNEELING_WORDS[position]}"))
    implied += [MOVEMENT_CONTRAINDICATIONS[m] for m in movement if m in MOVEMENT_CONTRAINDICATIONS]
    return implied


def _slugs(r: _Reader, name: str) -> tuple[str, ...]:
    values = r.texts(name, allow_empty=True)
    for v in values:
        if not SLUG.match(v):
            raise r.error(name, f"{v!r} is not an exercise id")
    return values


class Library:
    """All exercises by id, with their easier/harder links checked."""

    def __init__(self, exercises: Iterable[Exercise], sources: Mapping[str, str] | None = None):
        self._by_id: dict[str, Exercise] = {}
        sources = dict(sources or {})
        for ex in exercises:
            if ex.id in self._by_id:
                raise LibraryError("id", f"duplicate exercise id {ex.id!r}", sources.get(ex.id))
            self._by_id[ex.id] = ex
        _check_links(self._by_id, sources)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(sorted(self._by_id.values(), key=lambda e: e.id))

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def get(self, exercise_id: str, field: str = "exercise_id") -> Exercise:
        """The exercise with ``exercise_id``; InputError naming ``field`` when unknown."""
        try:
            return self._by_id[exercise_id]
        except (KeyError, TypeError):
            raise InputError(field, f"unknown exercise id {exercise_id!r}") from None

    def ids(self) -> list[str]:
        return sorted(self._by_id)


def _check_links(by_id: Mapping[str, Exercise], sources: Mapping[str, str]) -> None:
    for ex in by_id.values():
        src = sources.get(ex.id)
        for field, links, back in (
            ("easier", ex.easier, "harder"),
            ("harder", ex.harder, "easier"),
        ):
            for other_id in links:
                if other_id == ex.id:
                    raise LibraryError(field, f"links to itself ({ex.id!r})", src)
                other = by_id.get(other_id)
                if other is None:
                    raise LibraryError(field, f"links to unknown exercise {other_id!r}", src)
                if ex.id not in getattr(other, back):
                    raise LibraryError(
                        field,
                        f"links to {other_id!r}, but {other_id!r} does not list {ex.id!r} "
                        f"under {back!r}",
                        src,
                    )
    # "harder" must never lead back to where it started.
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished

    def visit(ex_id: str, path: list[str]) -> None:
        state[ex_id] = 1
        for nxt in by_id[ex_id].harder:
            if state.get(nxt) == 1:
                cycle = " -> ".join([*path[path.index(nxt) :], nxt]) if nxt in path else nxt
                raise LibraryError("harder", f"cyclic progression: {cycle}", sources.get(ex_id))
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[ex_id] = 2

    for ex_id in sorted(by_id):
        if ex_id not in state:
            visit(ex_id, [ex_id])


def load_library_from(directory: Path) -> Library:
    """Load and validate every ``*.yaml`` file in ``directory``."""
    import yaml  # here, not at the top: a library read from its cache needs no YAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed
    exercises: list[Exercise] = []
    sources: dict[str, str] = {}
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise LibraryError("(directory)", "contains no exercise files", str(directory))
    for path in files:
        source = path.name
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        except yaml.YAMLError as exc:
            raise LibraryError("(file)", f"is not valid YAML: {exc}", source) from None
        ex = parse_exercise(raw, source)
        if ex.id != path.stem:
            raise LibraryError(
                "id", f"{ex.id!r} does not match the file name {path.stem!r}", source
            )
        exercises.append(ex)
        sources[ex.id] = source
    return Library(exercises, sources)


def load_checked_library(
    directory: Path = DEFAULT_LIBRARY_DIR, figures_directory: Path = DEFAULT_FIGURES_DIR
) -> Library:
    """The library in ``directory``, each exercise checked against its figure file in
    ``figures_directory`` (every exercise must have a figure that draws its equipment)."""
    library = load_library_from(directory)
    from .figures.validate import validate_figure_files  # late: figures build on this module

    validate_figure_files(library, figures_directory)
    return library


def load_library_cached(
    directory: Path = DEFAULT_LIBRARY_DIR,
    figures_directory: Path = DEFAULT_FIGURES_DIR,
    cache_file: Path | None = None,
) -> Library:
    """:func:`load_checked_library` through the compiled cache (``core.library_cache``):
    read from ``cache_file`` when no data file nor the loader changed since it was
    written, else read, checked and cached again. ``cache_file`` None: the per-user
    cache file of ``directory``, or no cache when it is turned off."""
    from . import library_cache  # late: the cache builds on this module

    if cache_file is None:
        cache_file = library_cache.cache_file_for(directory)
    return library_cache.load_cached(
        lambda: load_checked_library(directory, figures_directory),
        lambda: library_cache.inputs_of(directory, figures_directory),
        cache_file,
    )


@lru_cache(maxsize=1)
def load_library() -> Library:
    """The shipped library (read once per process, from the compiled cache when the files
    are unchanged); every exercise must have a figure."""
    return load_library_cached()
