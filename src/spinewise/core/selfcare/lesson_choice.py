"""Which lesson to offer today, and why, in plain words.

Rules, first match wins:

1. A lesson already read today: nothing new until tomorrow (one lesson a day).
2. After a flare-up (sharp pain, or pain 2+ points above the person's usual in
   the last 7 days): first aid for a flare-up, then pacing.
3. The first 14 days: understanding back pain, hurt does not mean harm, first aid.
4. Low adherence (under half of the planned sessions done in the last 14 days):
   fitting it into a busy life, then overcoming barriers.
5. Otherwise the next unread lesson in reading order; once all are read, the
   one read longest ago.

Rules 2-4 never offer a lesson read in the last ``repeat_after_days`` days.
The choice is deterministic: the same context always gives the same lesson.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ._fields import Fields
from .lessons import Lesson, LessonLibrary, load_lessons

EARLY_DAYS = 14
ADHERENCE_WINDOW_DAYS = 14
LOW_ADHERENCE = 0.5
MIN_PLANNED_FOR_ADHERENCE = 2
FLARE_WINDOW_DAYS = 7
BASELINE_DAYS = 28
MIN_BASELINE_RECORDS = 3
# A rise of 2 points on the 0-10 scale is the smallest change people notice (Ostelo 2008).
MEANINGFUL_RISE = 2
DEFAULT_REPEAT_AFTER_DAYS = 28

EARLY_THEMES = ("understanding_back_pain", "hurt_and_harm", "flare_up_first_aid")
FLARE_THEMES = ("flare_up_first_aid", "pacing_and_progression")
ADHERENCE_THEMES = ("busy_life", "overcoming_barriers")


@dataclass(frozen=True)
class LessonRead:
    lesson_id: str
    read_on: date


@dataclass(frozen=True)
class PainRecord:
    """A pain report: ``pain`` 0-10; ``sharp`` when sharp or shooting pain was reported."""

    on: date
    pain: int
    sharp: bool = False


@dataclass(frozen=True)
class SessionRecord:
    """A planned exercise session and whether it was done."""

    planned_on: date
    done: bool


@dataclass(frozen=True)
class LessonContext:
    """Everything the choice depends on. Build it with :func:`lesson_context_from_dict`
    from untrusted input; ``started_on`` is the day the programme began."""

    today: date
    started_on: date
    reads: tuple[LessonRead, ...] = ()
    pain: tuple[PainRecord, ...] = ()
    sessions: tuple[SessionRecord, ...] = ()
    repeat_after_days: int = DEFAULT_REPEAT_AFTER_DAYS


@dataclass(frozen=True)
class FlareUp:
    """A recent flare-up: ``kind`` is ``sharp_pain`` or ``pain_rise``; ``on`` its latest day."""

    kind: str
    on: date


@dataclass(frozen=True)
class LessonChoice:
    """Today's lesson. ``rule`` is a stable code; ``reason`` is shown to the person."""

    lesson_id: str
    reason: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"lesson_id": self.lesson_id, "reason": self.reason, "rule": self.rule}


def recent_flare_up(pain: Sequence[PainRecord], today: date) -> FlareUp | None:
    """A flare-up in the 7 days up to ``today``, or None.

    Sharp pain counts on its own. A pain score counts when it is at least 2
    points above the median of the 28 days before that window (needs 3 reports).
    """
    window_start = today - timedelta(days=FLARE_WINDOW_DAYS - 1)
    recent = [p for p in pain if window_start <= p.on <= today]
    sharp = [p.on for p in recent if p.sharp]
    if sharp:
        return FlareUp("sharp_pain", max(sharp))
    baseline_start = window_start - timedelta(days=BASELINE_DAYS)
    before = [p.pain for p in pain if baseline_start <= p.on < window_start]
    if len(before) < MIN_BASELINE_RECORDS:
        return None
    usual = statistics.median(before)
    risen = [p.on for p in recent if p.pain >= usual + MEANINGFUL_RISE]
    return FlareUp("pain_rise", max(risen)) if risen else None


def adherence(sessions: Sequence[SessionRecord], today: date) -> tuple[int, int]:
    """(done, planned) for sessions planned in the 14 days before ``today``."""
    start = today - timedelta(days=ADHERENCE_WINDOW_DAYS)
    window = [s for s in sessions if start <= s.planned_on < today]
    return sum(s.done for s in window), len(window)


def choose_lesson(context: LessonContext, library: LessonLibrary | None = None) -> LessonChoice:
    """The lesson to offer on ``context.today`` and the plain-language reason."""
    library = library if library is not None else load_lessons()
    reads = [r for r in context.reads if r.lesson_id in library and r.read_on <= context.today]
    read_today = [r for r in reads if r.read_on == context.today]
    if read_today:
        return LessonChoice(
            read_today[-1].lesson_id,
            "You have already read today's lesson. A new one will be ready tomorrow.",
            "read_today",
        )
    last_read: dict[str, date] = {}
    for r in reads:
        last_read[r.lesson_id] = max(r.read_on, last_read.get(r.lesson_id, r.read_on))

    def fresh(lesson: Lesson) -> bool:
        last = last_read.get(lesson.id)
        return last is None or (context.today - last).days >= context.repeat_after_days

    for rule in (_flare_rule, _early_rule, _adherence_rule):
        choice = rule(context, library, fresh)
        if choice is not None:
            return choice
    return _in_order(library, last_read)


_Fresh = Callable[[Lesson], bool]


def _first_fresh(library: LessonLibrary, themes: Sequence[str], fresh: _Fresh) -> Lesson | None:
    for theme in themes:
        for lesson in library.by_theme(theme):
            if fresh(lesson):
                return lesson
    return None


def _flare_rule(ctx: LessonContext, library: LessonLibrary, fresh: _Fresh) -> LessonChoice | None:
    flare = recent_flare_up(ctx.pain, ctx.today)
    if flare is None:
        return None
    lesson = _first_fresh(library, FLARE_THEMES, fresh)
    if lesson is None:
        return None
    if lesson.theme == "pacing_and_progression":
        reason = (
            "After a flare-up, pacing helps you build back up steadily without "
            "stirring things up again."
        )
    elif flare.kind == "sharp_pain":
        reason = (
            "You told us about sharp pain in the last few days, so today's lesson is "
            "about looking after your back when it flares up."
        )
    else:
        reason = (
            "Your pain has been higher than usual this week, so today's lesson is "
            "about looking after your back when it flares up."
        )
    return LessonChoice(lesson.id, reason, "flare_up")


def _early_rule(ctx: LessonContext, library: LessonLibrary, fresh: _Fresh) -> LessonChoice | None:
    if (ctx.today - ctx.started_on).days >= EARLY_DAYS:
        return None
    lesson = _first_fresh(library, EARLY_THEMES, fresh)
    if lesson is None:
        return None
    reason = "You are in your first weeks with Spinewise, so we start with the essentials."
    return LessonChoice(lesson.id, reason, "early_weeks")


def _adherence_rule(
    ctx: LessonContext, library: LessonLibrary, fresh: _Fresh
) -> LessonChoice | None:
    done, planned = adherence(ctx.sessions, ctx.today)
    if planned < MIN_PLANNED_FOR_ADHERENCE or done / planned >= LOW_ADHERENCE:
        return None
    lesson = _first_fresh(library, ADHERENCE_THEMES, fresh)
    if lesson is None:
        return None
    reason = (
        f"You managed {done} of {planned} planned sessions in the last two weeks. "
        "That happens to most people at some point, and this lesson has ideas to make it easier."
    )
    return LessonChoice(lesson.id, reason, "low_adherence")


def _in_order(library: LessonLibrary, last_read: Mapping[str, date]) -> LessonChoice:
    for lesson in library:
        if lesson.id not in last_read:
            return LessonChoice(lesson.id, "This is the next lesson in your reading list.", "next")
    # Every lesson has been read: offer the one read longest ago (reading order breaks ties).
    oldest = min(library, key=lambda le: (last_read[le.id], le.order))
    reason = (
        "You have read every lesson. This is the one you read longest ago, "
        "so it is a good time for a refresher."
    )
    return LessonChoice(oldest.id, reason, "refresher")


def lesson_context_from_dict(data: Any) -> LessonContext:
    """Validate untrusted input into a :class:`LessonContext` (InputError names the field).

    ``{"today": "YYYY-MM-DD", "started_on": ..., "reads": [{"lesson_id", "read_on"}],
    "pain": [{"on", "pain" 0-10, "sharp": bool}], "sessions": [{"planned_on", "done"}],
    "repeat_after_days": 1-365}``; dates may not lie after ``today``.
    """
    f = Fields(data, "context.")
    f.exact_keys(("today", "started_on"), ("reads", "pain", "sessions", "repeat_after_days"))
    today = f.day("today")

    def past(fields: Fields, name: str) -> date:
        day = fields.day(name)
        if day > today:
            raise fields.error(name, f"{day.isoformat()} is after today ({today.isoformat()})")
        return day

    reads = []
    for r in f.items("reads", allow_empty=True) if "reads" in f.raw else []:
        r.exact_keys(("lesson_id", "read_on"))
        reads.append(LessonRead(r.text("lesson_id"), past(r, "read_on")))
    pain = []
    for p in f.items("pain", allow_empty=True) if "pain" in f.raw else []:
        p.exact_keys(("on", "pain"), ("sharp",))
        pain.append(PainRecord(past(p, "on"), p.integer("pain", 0, 10), p.boolean("sharp", False)))
    sessions = []
    for s in f.items("sessions", allow_empty=True) if "sessions" in f.raw else []:
        s.exact_keys(("planned_on", "done"))
        sessions.append(SessionRecord(s.day("planned_on"), s.boolean("done", False)))
    return LessonContext(
        today=today,
        started_on=past(f, "started_on"),
        reads=tuple(reads),
        pain=tuple(pain),
        sessions=tuple(sessions),
        repeat_after_days=f.integer("repeat_after_days", 1, 365, DEFAULT_REPEAT_AFTER_DAYS),
    )
