"""Daily self-care beyond exercise: education, habits and reminders (pure, no Django).

- ``lessons`` / ``lesson_choice``: short lessons as data and the one-a-day choice.
- ``workstation``: the posture and workstation checklist and its scoring.
- ``breaks``: movement-break times and a 1-2 minute desk routine.
- ``heatcold`` / ``relaxation``: heat and cold guidance and logs; paced breathing
  and the body scan.
- ``steps``: the gradual daily step goal.
- ``reminder_prefs`` / ``reminders``: reminder settings and what is due now.
- ``calendar_feed``: the iCalendar feed (imported on its own, as it loads icalendar).
"""

from __future__ import annotations

from .breaks import (
    BreakRoutine,
    BreakSettings,
    break_settings_from_dict,
    break_times,
    choose_break_routine,
)
from .heatcold import (
    HeatColdLog,
    heat_cold_log_from_dict,
    load_heat_cold_guidance,
    summarise_heat_cold,
)
from .lesson_choice import (
    LessonChoice,
    LessonContext,
    LessonRead,
    PainRecord,
    SessionRecord,
    choose_lesson,
    lesson_context_from_dict,
    recent_flare_up,
)
from .lessons import THEMES, Lesson, LessonLibrary, load_lessons
from .relaxation import (
    BreathingPattern,
    breathing_pattern_from_dict,
    load_body_scan,
)
from .reminder_prefs import ReminderPrefs, reminder_prefs_from_dict
from .reminders import Reminder, due_reminders, reminder_schedule
from .steps import StepDay, StepGoal, next_step_goal, step_entry_from_dict, validate_steps
from .workstation import (
    WorkstationResult,
    compare_workstation,
    load_workstation_checklist,
    score_workstation,
)

__all__ = [
    "THEMES",
    "BreakRoutine",
    "BreakSettings",
    "BreathingPattern",
    "HeatColdLog",
    "Lesson",
    "LessonChoice",
    "LessonContext",
    "LessonLibrary",
    "LessonRead",
    "PainRecord",
    "Reminder",
    "ReminderPrefs",
    "SessionRecord",
    "StepDay",
    "StepGoal",
    "WorkstationResult",
    "break_settings_from_dict",
    "break_times",
    "breathing_pattern_from_dict",
    "choose_break_routine",
    "choose_lesson",
    "compare_workstation",
    "due_reminders",
    "heat_cold_log_from_dict",
    "lesson_context_from_dict",
    "load_body_scan",
    "load_heat_cold_guidance",
    "load_lessons",
    "load_workstation_checklist",
    "next_step_goal",
    "recent_flare_up",
    "reminder_prefs_from_dict",
    "reminder_schedule",
    "score_workstation",
    "step_entry_from_dict",
    "summarise_heat_cold",
    "validate_steps",
]
