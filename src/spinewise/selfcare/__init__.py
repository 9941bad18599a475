"""Self-care beyond exercise (web side): lessons, workstation check, movement breaks,
heat and cold, relaxation, daily steps, and reminders (e-mail, in-app, calendar feed).

The rules live in :mod:`spinewise.core.selfcare`; this app stores the person's records,
builds the core's inputs from them and shows the results.
"""
