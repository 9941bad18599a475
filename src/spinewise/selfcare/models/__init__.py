from .habits import (
    HeatColdLog,
    LessonRead,
    MovementBreakSettings,
    RelaxationLog,
    StepEntry,
    WorkstationCheck,
)
from .reminders import (
    Notification,
    ReminderPreference,
    SentReminder,
    new_calendar_token,
    person_id,
)

__all__ = [
    "HeatColdLog",
    "LessonRead",
    "MovementBreakSettings",
    "Notification",
    "RelaxationLog",
    "ReminderPreference",
    "SentReminder",
    "StepEntry",
    "WorkstationCheck",
    "new_calendar_token",
    "person_id",
]
