from django.urls import path

from .views import (
    breaks,
    heatcold,
    hub,
    lessons,
    notifications,
    relax,
    reminders,
    steps,
    workstation,
)

app_name = "selfcare"

urlpatterns = [
    path("", hub.hub, name="hub"),
    path("lessons/", lessons.lesson_list, name="lessons"),
    path("lessons/<slug:lesson_id>/", lessons.lesson, name="lesson"),
    path("workstation/", workstation.check, name="workstation"),
    path("workstation/<int:pk>/", workstation.result, name="workstation_result"),
    path("breaks/", breaks.break_now, name="break_now"),
    path("breaks/settings/", breaks.break_settings, name="break_settings"),
    path("heat-and-cold/", heatcold.heat_cold, name="heat_cold"),
    path("relax/", relax.breathing, name="breathing"),
    path("relax/body-scan/", relax.body_scan, name="body_scan"),
    path("relax/log/", relax.log, name="relaxation_log"),
    path("steps/", steps.steps, name="steps"),
    path("reminders/", reminders.preferences, name="reminders"),
    path("reminders/calendar/new-address/", reminders.regenerate, name="calendar_regenerate"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/<int:pk>/read/", notifications.mark_read, name="notification_read"),
    path("notifications/read-all/", notifications.mark_all_read, name="notifications_read_all"),
]
