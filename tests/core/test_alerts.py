"""Caseload alert rules: who needs the clinician's attention first, and why."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from spinewise.core.alerts import (
    PatientActivity,
    alerts_for,
    attention_order,
    missed_in_a_row,
)

TODAY = date(2026, 11, 20)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def kinds(activity: PatientActivity) -> list[str]:
    return [a.kind for a in alerts_for(activity)]


def active(**kw) -> PatientActivity:
    """A patient who was active yesterday, with the given changes."""
    kw.setdefault("last_activity", days_ago(1))
    return PatientActivity(today=TODAY, **kw)


def test_quiet_steady_patient_has_no_alert():
    act = active(
        baseline_pain=4,
        pain_during=[(days_ago(1), 4), (days_ago(3), 3)],
        planned=[days_ago(5), days_ago(3), days_ago(1)],
        done=[days_ago(5), days_ago(3), days_ago(1)],
    )
    assert kinds(act) == []


def test_red_flag_reported_this_week_alerts_with_its_level():
    (alert,) = alerts_for(active(red_flags=[(days_ago(2), "urgent")]))
    assert alert.kind == "red_flag"
    assert "urgent" in alert.reason


def test_red_flag_from_last_month_is_history_not_an_alert():
    assert kinds(active(red_flags=[(days_ago(30), "emergency")])) == []


def test_sharp_pain_counts_the_times_reported():
    (alert,) = alerts_for(active(sharp_pain=[days_ago(1), days_ago(4)]))
    assert alert.kind == "sharp_pain"
    assert "2 times" in alert.reason


def test_pain_rising_two_points_above_baseline_on_7_day_average():
    act = active(
        baseline_pain=3, pain_during=[(days_ago(1), 5), (days_ago(3), 5), (days_ago(5), 6)]
    )
    assert kinds(act) == ["pain_rising"]


def test_pain_rising_ignores_logs_older_than_a_week():
    act = active(
        baseline_pain=3, pain_during=[(days_ago(1), 3), (days_ago(10), 9), (days_ago(12), 9)]
    )
    assert kinds(act) == []


def test_pain_just_under_two_points_above_baseline_is_not_rising():
    act = active(baseline_pain=3, pain_during=[(days_ago(1), 5), (days_ago(2), 4)])
    assert kinds(act) == []


def test_morning_pain_not_settling_needs_the_last_two_checks_high():
    high = active(baseline_pain=2, morning_pain=[(days_ago(2), 4), (days_ago(1), 5)])
    settled = active(baseline_pain=2, morning_pain=[(days_ago(2), 5), (days_ago(1), 2)])
    assert kinds(high) == ["morning_pain_not_settling"]
    assert kinds(settled) == []


def test_three_planned_sessions_missed_in_a_row_alerts():
    act = active(
        planned=[days_ago(9), days_ago(6), days_ago(4), days_ago(2)],
        done=[days_ago(9)],
    )
    (alert,) = alerts_for(act)
    assert alert.kind == "missed_sessions"
    assert "3" in alert.reason


def test_a_session_done_a_day_late_still_counts():
    planned = [days_ago(6), days_ago(4), days_ago(2)]
    assert missed_in_a_row(planned, done=[days_ago(5), days_ago(3), days_ago(1)], today=TODAY) == 0


def test_todays_planned_session_is_not_missed_yet():
    assert missed_in_a_row([days_ago(4), days_ago(2), TODAY], done=[], today=TODAY) == 2


def test_no_activity_for_seven_days_alerts():
    (alert,) = alerts_for(PatientActivity(today=TODAY, last_activity=days_ago(7)))
    assert alert.kind == "no_activity"
    assert "7 days" in alert.reason


def test_new_patient_with_no_activity_alerts():
    assert kinds(PatientActivity(today=TODAY)) == ["no_activity"]


def test_alerts_are_listed_most_urgent_first():
    act = PatientActivity(
        today=TODAY,
        baseline_pain=2,
        pain_during=[(days_ago(8), 6)],
        sharp_pain=[days_ago(8)],
        red_flags=[(days_ago(8), "see_clinician")],
        last_activity=days_ago(8),
    )
    # Everything is 8 days old: only the inactivity is news.
    assert kinds(act) == ["no_activity"]
    act = active(
        baseline_pain=2,
        pain_during=[(days_ago(1), 6)],
        sharp_pain=[days_ago(1)],
        red_flags=[(days_ago(1), "urgent")],
    )
    assert kinds(act) == ["red_flag", "sharp_pain", "pain_rising"]


def test_caseload_puts_red_flags_first_then_quietest_patients():
    caseload = [
        ("fine-recent", active(last_activity=days_ago(0))),
        ("fine-quiet", active(last_activity=days_ago(5))),
        ("missed", active(planned=[days_ago(6), days_ago(4), days_ago(2)])),
        ("flag", active(red_flags=[(days_ago(1), "emergency")])),
        ("sharp", active(sharp_pain=[days_ago(1)])),
    ]
    order = [pid for pid, _ in attention_order(caseload)]
    assert order == ["flag", "sharp", "missed", "fine-quiet", "fine-recent"]


@given(
    st.lists(st.integers(0, 60), max_size=20),
    st.lists(st.integers(0, 60), max_size=20),
)
def test_missed_count_never_exceeds_planned_sessions_before_today(planned_ago, done_ago):
    planned = [days_ago(n) for n in planned_ago]
    done = [days_ago(n) for n in done_ago]
    missed = missed_in_a_row(planned, done, TODAY)
    assert 0 <= missed <= len({d for d in planned if d < TODAY})
    # Logging a session today clears the run only if a slot is still open for it.
    if done and missed:
        assert missed_in_a_row(planned, [*done, TODAY], TODAY) <= missed
