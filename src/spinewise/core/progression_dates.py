"""Dates for the progression engine: the 7-day step limit, gaps, the week-on-week trend.

Part of the progression engine's contract; import from :mod:`spinewise.core.progression`.

All dates are calendar days (:class:`datetime.date`); a difference of dates is a number of
whole days. The rules (CLINICAL.md section 4):

- A dose steps up at most once in ``STEP_DAYS`` (7) days: the dose must have been the same
  for 7 days or more. When it began is ``last_changed_on`` when given; otherwise the logs at
  the current dose say it began no later than the earliest of them, and that date stands in
  (a lower bound on the days at the dose: never too early to be safe). With neither, or
  without ``today``, the 7 days cannot be shown and nothing steps up.
- A gap of ``GAP_BACK_DAYS`` (14) to 27 days without the exercise steps the dose back one
  step; ``GAP_RESTART_DAYS`` (28) or more restarts it at its entry dose. A gap is counted
  between the latest session and ``today`` and between the last two sessions (of any dose);
  a gap the dose was already changed for (``last_changed_on`` fell inside it, after it had
  reached the same length band) is not counted again.
- Week on week: the mean next-morning pain of the sessions in the last 7 days (``today`` and
  the 6 days before) against the 7 days before those; a rise of ``WEEK_RISE`` (2) points or
  more stops any step up and tells the clinician. Needs a morning check in both weeks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import InputError
from .progression_logs import ExerciseLog

STEP_DAYS = 7
GAP_BACK_DAYS = 14
GAP_RESTART_DAYS = 28
WEEK = 7
WEEK_RISE = 2


def check_dates(
    earlier: Sequence[ExerciseLog],
    logs: Sequence[ExerciseLog],
    today: date | None,
    last_changed_on: date | None,
) -> None:
    """Earlier-dose logs, then the logs at the current dose, all oldest first and none after
    ``today``; ``last_changed_on`` not after ``today``, not after a log at the current dose
    and not before an earlier-dose log. InputError names the field, e.g.
    ``logs[2].performed_on``."""
    if today is not None and last_changed_on is not None and last_changed_on > today:
        raise InputError("last_changed_on", f"{last_changed_on} is after today ({today})")
    named = [(f"earlier_logs[{i}]", log, False) for i, log in enumerate(earlier)]
    named += [(f"logs[{i}]", log, True) for i, log in enumerate(logs)]
    previous: tuple[str, date] | None = None
    for name, log, current in named:
        day = log.performed_on
        if day is None:
            continue
        field = f"{name}.performed_on"
        if today is not None and day > today:
            raise InputError(field, f"{day} is after today ({today})")
        if previous is not None and day < previous[1]:
            raise InputError(
                field,
                f"{day} is before {previous[0]}.performed_on ({previous[1]}): "
                "give the logs oldest first",
            )
        if last_changed_on is not None and current and day < last_changed_on:
            raise InputError(
                field, f"{day} is before last_changed_on ({last_changed_on}), when this dose began"
            )
        if last_changed_on is not None and not current and day > last_changed_on:
            raise InputError(
                field, f"{day} is after last_changed_on ({last_changed_on}): not an earlier dose"
            )
        previous = (name, day)


def dose_began(current: Sequence[ExerciseLog], last_changed_on: date | None) -> date | None:
    """When the current dose began, or the latest day it can have begun: ``last_changed_on``,
    else the earliest dated log at the dose; None when unknown."""
    if last_changed_on is not None:
        return last_changed_on
    return next((log.performed_on for log in current if log.performed_on is not None), None)


def step_wait(
    current: Sequence[ExerciseLog], today: date | None, last_changed_on: date | None
) -> str:
    """Why the 7-day limit blocks a step up now ("" when it does not), naming the days."""
    latest = current[-1].performed_on if current else None
    if today is None:
        return (
            "Today's date was not given, so it cannot be shown that "
            f"{STEP_DAYS} days have passed since this dose began: keep this dose."
        )
    began = dose_began(current, last_changed_on)
    if latest is None or began is None:
        return (
            "Your sessions have no dates, so it cannot be shown that this dose has been the "
            f"same for {STEP_DAYS} days (a dose steps up at most once in {STEP_DAYS} days): "
            "keep this dose."
        )
    days = (today - began).days
    if days < STEP_DAYS:
        since = "began" if last_changed_on is not None else "has been the same since"
        return (
            f"This dose {since} {began.isoformat()}, {days} day{'s' if days != 1 else ''} "
            f"ago: a dose steps up at most once in {STEP_DAYS} days, so it can step up from "
            f"{(began + timedelta(days=STEP_DAYS)).isoformat()}."
        )
    return ""


@dataclass(frozen=True)
class Gap:
    """Days without the exercise, from ``start`` (a session) to ``end`` (the next session,
    or today when ``to_today``)."""

    days: int
    start: date
    end: date
    to_today: bool

    @property
    def restart(self) -> bool:
        return self.days >= GAP_RESTART_DAYS


def _band(days: int) -> int:
    return 2 if days >= GAP_RESTART_DAYS else 1 if days >= GAP_BACK_DAYS else 0


def find_gap(
    every: Sequence[ExerciseLog], today: date | None, last_changed_on: date | None
) -> Gap | None:
    """The longest gap of 14 days or more, ending at the latest session or today, that the
    dose has not yet been changed for; None when there is none.

    ``every``: all the logs of the exercise, earlier doses first, oldest first.
    """
    dated = [log.performed_on for log in every[-2:]]
    spans: list[tuple[date, date, bool]] = []
    if dated and dated[-1] is not None and today is not None:
        spans.append((dated[-1], today, True))
    if len(dated) == 2 and dated[0] is not None and dated[1] is not None:
        spans.append((dated[0], dated[1], False))
    found: Gap | None = None
    for start, end, to_today in spans:
        days = (end - start).days
        # A dose changed inside the gap (after its start) was changed for the gap as long
        # as it then was: count the gap again only once it has grown into a longer band.
        done = _band((last_changed_on - start).days) if last_changed_on else 0
        if _band(days) > max(done, 0) and (found is None or days > found.days):
            found = Gap(days, start, end, to_today)
    return found


def week_on_week(logs: Sequence[ExerciseLog], today: date | None) -> tuple[float, float] | None:
    """(mean of the 7 days before, mean of the last 7 days) of next-morning pain 0-10 when it
    rose by ``WEEK_RISE`` points or more; None otherwise or when a week has no morning check."""
    if today is None:
        return None
    last: list[int] = []
    before: list[int] = []
    for log in logs:
        if log.performed_on is None or log.pain_next_morning is None:
            continue
        ago = (today - log.performed_on).days
        if 0 <= ago < WEEK:
            last.append(log.pain_next_morning)
        elif WEEK <= ago < 2 * WEEK:
            before.append(log.pain_next_morning)
    if not last or not before:
        return None
    means = (sum(before) / len(before), sum(last) / len(last))
    return means if means[1] - means[0] >= WEEK_RISE else None
