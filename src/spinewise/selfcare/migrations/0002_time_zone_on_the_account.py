"""The time zone moves from the reminder settings to the person's account, where every
page reads it (not only reminders): copy it over, then drop the reminders' own column."""

from django.db import migrations


def copy_to_account(apps, schema_editor):
    ReminderPreference = apps.get_model("selfcare", "ReminderPreference")
    User = apps.get_model("accounts", "User")
    for user_id, zone in ReminderPreference.objects.values_list("patient__user_id", "timezone"):
        User.objects.filter(pk=user_id, time_zone="").update(time_zone=zone or "")


def copy_back(apps, schema_editor):
    ReminderPreference = apps.get_model("selfcare", "ReminderPreference")
    for pref in ReminderPreference.objects.select_related("patient__user"):
        pref.timezone = pref.patient.user.time_zone or "UTC"
        pref.save(update_fields=["timezone"])


class Migration(migrations.Migration):
    dependencies = [
        ("selfcare", "0001_initial"),
        ("accounts", "0002_time_zone"),
    ]

    operations = [
        migrations.RunPython(copy_to_account, copy_back),
        migrations.RemoveField(model_name="reminderpreference", name="timezone"),
    ]
