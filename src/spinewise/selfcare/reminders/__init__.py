"""Reminders: preferences, sending due reminders exactly once, the embedded loop and the
calendar feed. The schedule itself is the core's (``spinewise.core.selfcare.reminders``)."""
