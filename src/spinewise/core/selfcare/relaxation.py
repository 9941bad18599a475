"""Relaxation: paced-breathing settings and a guided body scan stored as data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import LibraryError
from ._fields import Fields, read_yaml

DEFAULT_BODY_SCAN = Path(__file__).resolve().parents[2] / "library" / "selfcare" / "body_scan.yaml"

BREATHS_PER_MINUTE_BOUNDS = (4.0, 10.0)
PARTS_BOUNDS = (1, 5)
SESSION_MINUTES_BOUNDS = (1, 30)
# Shorter breaths in feel like gasping rather than relaxing.
MIN_INHALE_SECONDS = 2.0
STEP_SECONDS_BOUNDS = (10, 180)
SCAN_SECONDS_BOUNDS = (180, 1800)


@dataclass(frozen=True)
class BreathingPattern:
    """Paced breathing: ``breaths_per_minute`` 4-10, split ``inhale_parts``:``exhale_parts``
    (e.g. 2:3 gives 4 s in, 6 s out at 6 a minute), for ``minutes`` 1-30."""

    breaths_per_minute: float = 6.0
    inhale_parts: int = 2
    exhale_parts: int = 3
    minutes: int = 5

    @property
    def cycle_seconds(self) -> float:
        return 60 / self.breaths_per_minute

    @property
    def inhale_seconds(self) -> float:
        return round(self.cycle_seconds * self.inhale_parts / self._parts, 2)

    @property
    def exhale_seconds(self) -> float:
        return round(self.cycle_seconds * self.exhale_parts / self._parts, 2)

    @property
    def breaths(self) -> int:
        """Whole breaths in the session."""
        return int(self.breaths_per_minute * self.minutes)

    @property
    def _parts(self) -> int:
        return self.inhale_parts + self.exhale_parts

    def to_dict(self) -> dict[str, Any]:
        return {
            "breaths_per_minute": self.breaths_per_minute,
            "inhale_parts": self.inhale_parts,
            "exhale_parts": self.exhale_parts,
            "minutes": self.minutes,
            "inhale_seconds": self.inhale_seconds,
            "exhale_seconds": self.exhale_seconds,
            "breaths": self.breaths,
        }


DEFAULT_BREATHING = BreathingPattern()


def breathing_pattern_from_dict(data: Any, prefix: str = "breathing.") -> BreathingPattern:
    """Validate ``{"breaths_per_minute": 4-10, "inhale_parts": 1-5, "exhale_parts": 1-5,
    "minutes": 1-30}``; missing keys take the defaults (6 a minute, 2:3, 5 minutes)."""
    f = Fields(data, prefix)
    f.exact_keys((), ("breaths_per_minute", "inhale_parts", "exhale_parts", "minutes"))
    d = DEFAULT_BREATHING
    pattern = BreathingPattern(
        breaths_per_minute=f.number(
            "breaths_per_minute", *BREATHS_PER_MINUTE_BOUNDS, default=d.breaths_per_minute
        ),
        inhale_parts=f.integer("inhale_parts", *PARTS_BOUNDS, default=d.inhale_parts),
        exhale_parts=f.integer("exhale_parts", *PARTS_BOUNDS, default=d.exhale_parts),
        minutes=f.integer("minutes", *SESSION_MINUTES_BOUNDS, default=d.minutes),
    )
    if pattern.exhale_parts < pattern.inhale_parts:
        raise f.error("exhale_parts", "breathing out should take at least as long as breathing in")
    if pattern.inhale_seconds < MIN_INHALE_SECONDS:
        raise f.error(
            "inhale_parts",
            f"each breath in would last only {pattern.inhale_seconds:g} s; "
            "slow the pace or give the breath in a bigger share",
        )
    return pattern


@dataclass(frozen=True)
class BodyScanStep:
    """One step: read ``text``, then rest with it; starts ``starts_at`` s into the scan."""

    id: str
    title: str
    text: str
    seconds: int
    starts_at: int


@dataclass(frozen=True)
class BodyScan:
    title: str
    intro: str
    steps: tuple[BodyScanStep, ...]

    @property
    def total_seconds(self) -> int:
        return sum(s.seconds for s in self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "intro": self.intro,
            "total_seconds": self.total_seconds,
            "steps": [vars(s) for s in self.steps],
        }


def parse_body_scan(raw: Any, source: str) -> BodyScan:
    """Build the body scan from parsed YAML, or raise LibraryError naming the field."""
    f = Fields(raw, source=source)
    f.exact_keys(("title", "intro", "steps"))
    steps: list[BodyScanStep] = []
    at = 0
    for s in f.items("steps"):
        s.exact_keys(("id", "title", "seconds", "text"))
        step_id = s.ident("id")
        if any(step.id == step_id for step in steps):
            raise s.error("id", f"id {step_id!r} is used twice")
        seconds = s.integer("seconds", *STEP_SECONDS_BOUNDS)
        steps.append(BodyScanStep(step_id, s.text("title"), s.text("text"), seconds, at))
        at += seconds
    low, high = SCAN_SECONDS_BOUNDS
    if not low <= at <= high:
        raise LibraryError("steps", f"last {at} s in all; expected {low}-{high}", source)
    return BodyScan(f.text("title"), f.text("intro"), tuple(steps))


def load_body_scan_from(path: Path) -> BodyScan:
    return parse_body_scan(read_yaml(path), path.name)


@lru_cache(maxsize=1)
def load_body_scan() -> BodyScan:
    """The shipped body scan (parsed once per process)."""
    return load_body_scan_from(DEFAULT_BODY_SCAN)
