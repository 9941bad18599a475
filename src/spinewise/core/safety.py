"""A person's safety state over time: which warning results still stand, and what they allow.

The screening (:mod:`screening`) judges one set of answers. This module judges the record:
a warning answered away a minute later must still stand. The rules (CLINICAL.md section 2):

- A result at ``emergency``, ``urgent`` or ``see_clinician`` stays open until it is cleared.
  Answering the questions again never closes it: red flags win over a shorter form.
- A clearance is recorded by a linked clinician after a medical review, or by the person
  stating that a doctor has seen them (who, when). It closes every open result and covers
  the reasons they gave (their reason codes: a past cancer, a weakened immune system).
- A later screening whose every reason is covered by the clearance in force is cleared by it
  at once, so a standing answer does not lock a person out for ever. A screening with a
  reason the clearance does not cover is a new symptom: it stays open, and the clearance
  lapses (it covers no later screening) until a new clearance is recorded.
- The level in force is the most severe open level; ``self_manage`` when none is open.
- Exercise (planning, logging, progressing) needs a screening, no pending re-screen after a
  new symptom, and a level in force that allows a programme; ``see_clinician`` allows gentle
  mobility only, and nothing steps up while any warning is open.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Final

from . import vocab

WARNING_LEVELS: Final = ("emergency", "urgent", "see_clinician")
PROGRAMME_LEVELS: Final = frozenset({"self_manage", "see_clinician"})
CLEARANCE_KINDS: Final = ("clinician", "doctor_seen")

# Why exercise is refused; ``ok`` when it is allowed.
GATE_CODES: Final = ("ok", "screening_required", "rescreen_required", "programme_blocked")


def is_warning(level: str) -> bool:
    """Whether a screening level is a warning that stays open until cleared."""
    return level in WARNING_LEVELS


def covered_by(covered_codes: Collection[str], reason_codes: Iterable[str]) -> bool:
    """Whether a clearance covering ``covered_codes`` covers every one of ``reason_codes``.

    A screening with no reasons needs no clearance, so it is never "covered".
    """
    codes = list(reason_codes)
    return bool(codes) and all(code in covered_codes for code in codes)


def level_in_force(open_levels: Iterable[str]) -> str:
    """The most severe of the open warning levels, or ``self_manage`` when none is open."""
    levels = set(open_levels)
    return next((lvl for lvl in vocab.SCREENING_LEVELS if lvl in levels), "self_manage")


@dataclass(frozen=True)
class Gate:
    """May this person exercise now, and how.

    ``code`` is one of :data:`GATE_CODES`. ``planning_level`` is the screening level the
    planner plans for when exercise is allowed (``see_clinician``: gentle mobility only),
    else None. ``progression_paused``: nothing may step up (any open warning or pending
    re-screen), stepping back still may.
    """

    code: str
    level: str
    planning_level: str | None
    progression_paused: bool

    @property
    def allowed(self) -> bool:
        return self.code == "ok"


def gate(screened: bool, level: str, rescreen_pending: bool) -> Gate:
    """The one safety gate for every way in (pages, API, command line, background work).

    ``screened``: the person has answered the safety questions at least once. ``level``:
    the level in force (:func:`level_in_force`). ``rescreen_pending``: they reported a new
    symptom and have not answered the questions again yet.
    """
    if level not in vocab.SCREENING_LEVELS:
        raise ValueError(f"unknown screening level {level!r}")
    if not screened:
        return Gate("screening_required", level, None, True)
    if level not in PROGRAMME_LEVELS:
        return Gate("programme_blocked", level, None, True)
    if rescreen_pending:
        return Gate("rescreen_required", level, None, True)
    return Gate("ok", level, level, is_warning(level))
