"""Heat and cold: safety guidance as data, and a validated log of how each worked.

A log records ``effect`` (-5 much worse ... +5 much better) and/or pain before
and after (0-10). Guidance never diagnoses: it says when heat or cold may help.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from ._fields import Fields, read_yaml

DEFAULT_GUIDANCE = Path(__file__).resolve().parents[2] / "library" / "selfcare" / "heat_cold.yaml"
KINDS = ("heat", "cold")
RECOMMENDED_MINUTES = (15, 20)
MINUTES_BOUNDS = (1, 30)
EFFECT_BOUNDS = (-5, 5)
# A change of 2 points is the smallest most people notice (Ostelo 2008).
NOTICEABLE = 2


@dataclass(frozen=True)
class KindGuidance:
    title: str
    may_help: tuple[str, ...]
    how: tuple[str, ...]


@dataclass(frozen=True)
class HeatColdGuidance:
    title: str
    intro: str
    safety: tuple[str, ...]
    heat: KindGuidance
    cold: KindGuidance
    choosing: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "intro": self.intro,
            "recommended_minutes": list(RECOMMENDED_MINUTES),
            "safety": list(self.safety),
            "heat": _kind_dict(self.heat),
            "cold": _kind_dict(self.cold),
            "choosing": self.choosing,
        }


def _kind_dict(kind: KindGuidance) -> dict[str, Any]:
    return {"title": kind.title, "may_help": list(kind.may_help), "how": list(kind.how)}


def parse_guidance(raw: Any, source: str) -> HeatColdGuidance:
    f = Fields(raw, source=source)
    f.exact_keys(("title", "intro", "safety", "heat", "cold", "choosing"))

    def kind(name: str) -> KindGuidance:
        k = f.mapping(name)
        k.exact_keys(("title", "may_help", "how"))
        return KindGuidance(k.text("title"), k.texts("may_help"), k.texts("how"))

    return HeatColdGuidance(
        title=f.text("title"),
        intro=f.text("intro"),
        safety=f.texts("safety"),
        heat=kind("heat"),
        cold=kind("cold"),
        choosing=f.text("choosing"),
    )


def load_guidance_from(path: Path) -> HeatColdGuidance:
    return parse_guidance(read_yaml(path), path.name)


@lru_cache(maxsize=1)
def load_heat_cold_guidance() -> HeatColdGuidance:
    """The shipped guidance (parsed once per process)."""
    return load_guidance_from(DEFAULT_GUIDANCE)


@dataclass(frozen=True)
class HeatColdLog:
    """One use of heat or cold: ``minutes`` 1-30, ``effect`` -5..+5, pain 0-10."""

    kind: str
    minutes: int
    effect: int | None = None
    pain_before: int | None = None
    pain_after: int | None = None

    def __post_init__(self) -> None:
        # Untrusted input goes through heat_cold_log_from_dict; this guards direct use.
        if self.effect is None and (self.pain_before is None or self.pain_after is None):
            raise InputError("effect", "give an effect, or pain both before and after")

    @property
    def benefit(self) -> int:
        """How much it helped, -5..+5: the effect given, else the pain drop (capped)."""
        if self.effect is not None:
            return self.effect
        if self.pain_before is None or self.pain_after is None:  # ruled out on creation
            return 0
        low, high = EFFECT_BOUNDS
        return max(low, min(high, self.pain_before - self.pain_after))

    def advice(self) -> tuple[str, ...]:
        """Plain-language feedback on this use."""
        notes = []
        if self.minutes > RECOMMENDED_MINUTES[1]:
            notes.append(
                "Next time, keep it to 15 to 20 minutes: longer does not help more "
                "and raises the risk of harming your skin."
            )
        if self.benefit <= -NOTICEABLE:
            other = "cold" if self.kind == "heat" else "heat"
            notes.append(f"It seemed to make things worse this time. Try {other}, or leave it out.")
        elif self.benefit >= NOTICEABLE:
            notes.append(f"{self.kind.capitalize()} helped: worth keeping for when you need it.")
        return tuple(notes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "minutes": self.minutes,
            "effect": self.effect,
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "benefit": self.benefit,
            "advice": list(self.advice()),
        }


def heat_cold_log_from_dict(data: Any, prefix: str = "log.") -> HeatColdLog:
    """Validate ``{"kind": "heat"|"cold", "minutes": 1-30, "effect": -5..5}`` and/or
    ``"pain_before"``/``"pain_after"`` 0-10 (both together); at least one way of saying
    how it went is required."""
    f = Fields(data, prefix)
    f.exact_keys(("kind", "minutes"), ("effect", "pain_before", "pain_after"))
    kind = f.choice("kind", KINDS)
    minutes = f.integer("minutes", *MINUTES_BOUNDS)
    effect = f.integer("effect", *EFFECT_BOUNDS) if f.has("effect") else None
    before = f.integer("pain_before", 0, 10) if f.has("pain_before") else None
    after = f.integer("pain_after", 0, 10) if f.has("pain_after") else None
    if (before is None) != (after is None):
        missing = "pain_after" if after is None else "pain_before"
        raise f.error(missing, "give pain both before and after, from 0 to 10")
    if effect is None and before is None:
        raise f.error(
            "effect", "say how it went: an effect from -5 to +5, or pain before and after"
        )
    return HeatColdLog(kind, minutes, effect, before, after)


@dataclass(frozen=True)
class HeatColdSummary:
    """Average benefit (-5..+5) of each kind over the logs; ``better`` is the kind
    that helped noticeably more, or None."""

    heat_average: float | None
    cold_average: float | None
    heat_uses: int
    cold_uses: int
    better: str | None
    message: str


def summarise_heat_cold(logs: Sequence[HeatColdLog]) -> HeatColdSummary:
    """Which of heat and cold has helped this person more, in plain words."""
    averages: dict[str, float | None] = {}
    counts: dict[str, int] = {}
    for kind in KINDS:
        benefits = [log.benefit for log in logs if log.kind == kind]
        counts[kind] = len(benefits)
        averages[kind] = round(sum(benefits) / len(benefits), 1) if benefits else None
    heat, cold = averages["heat"], averages["cold"]
    better: str | None = None
    if heat is not None and cold is not None and abs(heat - cold) >= 1:
        better = "heat" if heat > cold else "cold"
    return HeatColdSummary(
        heat, cold, counts["heat"], counts["cold"], better, _message(averages, better)
    )


def _message(averages: dict[str, float | None], better: str | None) -> str:
    used = [k for k in KINDS if averages[k] is not None]
    if not used:
        return "No heat or cold logged yet. Try one and note how it felt."
    if better is not None:
        return f"{better.capitalize()} has helped you more so far."
    if len(used) == 1:
        kind = used[0]
        helped = (averages[kind] or 0) >= 1
        verdict = "has helped you" if helped else "has not made much difference"
        return f"{kind.capitalize()} {verdict} so far. You could try the other to compare."
    return "Heat and cold have worked about equally well for you. Use whichever you prefer."
