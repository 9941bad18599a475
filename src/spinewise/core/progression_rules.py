"""Pain-monitoring rules for the progression engine, one session or a run of sessions.

Part of the progression engine's contract; import from :mod:`spinewise.core.progression`.

Pain and effort are 0-10 (NRS pain, RPE effort). CLINICAL.md section 4:

- Settled by the next morning: next-morning pain no higher than usual pain + 1
  (``SETTLE_MARGIN`` 2 or more above usual is not settled) and no higher than the ceiling.
  A missing morning check is never settled.
- Easy effort: RPE ``EASY_RPE`` (5) or less; ``HARD_RPE`` (9) or more on a completed dose
  steps it back.
- Flare-up: pain during or next morning of ``FLARE_PAIN`` (7) or more in ``FLARE_COUNT`` (2)
  of the last ``FLARE_SESSIONS`` (3) sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import ProgrammeItem
from .progression_logs import ExerciseLog

EASY_RPE = 5
HARD_RPE = 9
SETTLE_MARGIN = 2
STRUGGLE_SESSIONS = 3
FLARE_PAIN = 7
FLARE_COUNT = 2
FLARE_SESSIONS = 3


@dataclass(frozen=True)
class Limits:
    """The person's limits: ``ceiling`` the most acceptable pain 0-10, ``usual`` their usual
    pain 0-10 (None: not known), ``bands`` their band levels, easiest first."""

    ceiling: int
    usual: int | None
    bands: tuple[str, ...]


def usual_for(logs: Sequence[ExerciseLog], usual: int | None) -> int | None:
    """The usual pain to judge the latest morning by: ``usual`` when known, else the lowest
    next-morning pain of the earlier logs (a low stand-in is the cautious one), else None."""
    if usual is not None:
        return usual
    earlier = [log.pain_next_morning for log in logs[:-1] if log.pain_next_morning is not None]
    return min(earlier) if earlier else None


def morning_status(pain: int | None, usual: int | None, ceiling: int) -> str:
    """``settled``, ``missing`` (no morning check: ``pain`` None), ``worse`` (usual + 2 or
    more) or ``above_limit`` (within usual + 1 but above the ``ceiling``); pain 0-10."""
    if pain is None:
        return "missing"
    if usual is not None and pain >= usual + SETTLE_MARGIN:
        return "worse"
    return "above_limit" if pain > ceiling else "settled"


def morning(log: ExerciseLog, limits: Limits) -> tuple[str, str]:
    """(status, reason): ``settled``, ``missing`` (no morning check), ``worse`` (usual + 2 or
    more: steps back) or ``above_limit`` (within usual + 1 but above the ceiling: holds)."""
    pain, usual, ceiling = log.pain_next_morning, limits.usual, limits.ceiling
    status = morning_status(pain, usual, ceiling)
    if pain is None:
        return status, (
            "There is no next-morning check for this session, so your pain cannot be shown to "
            "have settled: keep this dose until the morning check is answered."
        )
    if status == "worse" and usual is not None:
        return status, (
            f"Pain the next morning ({pain}/10) had not settled: it was {pain - usual} "
            f"point{'s' if pain - usual != 1 else ''} above your usual {usual}/10 "
            f"(at most {usual + 1}/10 counts as settled)."
        )
    if status == "above_limit":
        usual_part = f", close to your usual {usual}/10," if usual is not None else ""
        return status, (
            f"Pain the next morning ({pain}/10){usual_part} was above your limit of "
            f"{ceiling}/10, so it has not settled: keep this dose."
        )
    return status, ""


def completed(item: ProgrammeItem, log: ExerciseLog, bands: Sequence[str], banded: bool) -> bool:
    """Every prescribed set done in full, with the prescribed band or a harder one."""
    done = log.done
    if log.sets_done < item.sets or len(done) < item.sets:
        return False
    if any(amount < item.amount for amount in done[: item.sets]):
        return False
    if not banded or item.band_level not in bands or log.band_level not in bands:
        return True
    return bands.index(log.band_level) >= bands.index(item.band_level)


def shortfall(item: ProgrammeItem, log: ExerciseLog, limits: Limits, banded: bool) -> str:
    """Why ``log`` does not count towards a step up ("" when it met every rule with easy
    effort), in a few words naming the numbers."""
    if log.sharp_pain:
        return "sharp pain"
    if log.pain_during > limits.ceiling:
        return f"pain {log.pain_during}/10 during, above your limit of {limits.ceiling}/10"
    status, _ = morning(log, limits)
    if status == "missing":
        return "no next-morning check"
    if status != "settled":
        return f"pain {log.pain_next_morning}/10 the next morning had not settled"
    if not completed(item, log, limits.bands, banded):
        return "the dose was not finished"
    if log.rpe > EASY_RPE:
        return f"effort {log.rpe}/10, above {EASY_RPE}/10"
    return ""


def rising(logs: Sequence[ExerciseLog]) -> str:
    """Pain rising session on session (two rises in a row, or a jump of 2+ points), during
    the exercise or the next morning; "" when not."""
    during = [log.pain_during for log in logs]
    mornings = [log.pain_next_morning for log in logs if log.pain_next_morning is not None]
    for values, what in ((during, "during the exercise"), (mornings, "the next morning")):
        if len(values) >= 2 and values[-1] > values[-2]:
            jump = values[-1] - values[-2] >= 2
            twice = len(values) >= 3 and values[-2] > values[-3]
            if jump or twice:
                shown = " -> ".join(f"{v}/10" for v in values[-3:])
                return (
                    f"Your pain {what} has been rising from session to session ({shown}): "
                    "keep this dose until it settles."
                )
    return ""


def flare_pattern(worst_pains: Sequence[int]) -> bool:
    """True when 2 or more of the last 3 sessions reached 7/10 or more; ``worst_pains`` is
    each session's worst pain (during or the next morning, 0-10), oldest first."""
    return sum(pain >= FLARE_PAIN for pain in worst_pains[-FLARE_SESSIONS:]) >= FLARE_COUNT


def flare_over(sessions: Sequence[tuple[int, int | None]], usual: int | None, ceiling: int) -> bool:
    """A flare-up pause may end: the last 3 sessions (``(pain during, next-morning pain)``
    0-10 each, oldest first; morning None when not reported) no longer show the flare-up
    pattern, and the latest one stayed within the ``ceiling`` and settled by the next
    morning (no higher than ``usual`` + 1 and the ceiling; a missing morning never settles)."""
    if not sessions or sessions_flare(sessions):
        return False
    during, next_morning = sessions[-1]
    return during <= ceiling and morning_status(next_morning, usual, ceiling) == "settled"


def sessions_flare(sessions: Sequence[tuple[int, int | None]]) -> bool:
    """The flare-up pattern in sessions given as ``(pain during, next-morning pain)`` 0-10,
    oldest first (morning None when not reported)."""
    return flare_pattern([worst_pain(during, morning) for during, morning in sessions])


def worst_pain(pain_during: int, pain_next_morning: int | None) -> int:
    """A session's worst pain 0-10: during or the next morning."""
    return max(pain_during, pain_next_morning or 0)


def flare_up(logs: Sequence[ExerciseLog]) -> str:
    """The flare-up pattern in the last 3 sessions, in words ("" when there is none)."""
    recent = logs[-FLARE_SESSIONS:]
    if not flare_pattern([_worst(log) for log in recent]):
        return ""
    bad = [log for log in recent if _worst(log) >= FLARE_PAIN]
    shown = "; ".join(_pains(log) for log in recent)
    return (
        f"Pain reached {FLARE_PAIN}/10 or more in {len(bad)} of your last {len(recent)} "
        f"sessions ({shown})"
    )


def _worst(log: ExerciseLog) -> int:
    return worst_pain(log.pain_during, log.pain_next_morning)


def _pains(log: ExerciseLog) -> str:
    morning_part = (
        f", {log.pain_next_morning}/10 next morning" if log.pain_next_morning is not None else ""
    )
    day = f"{log.performed_on.isoformat()}: " if log.performed_on is not None else ""
    return f"{day}{log.pain_during}/10 during{morning_part}"
