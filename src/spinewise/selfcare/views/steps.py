"""Daily steps: manual entry (one a day; entering a day again updates it), the goal and
why, from the core, and a chart of the last four weeks."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from spinewise.progress.svg_charts import ReferenceLine, Series, bar_chart, chart_table_html
from spinewise.sharing.access import patient_required

from ..context import local_today
from ..forms import StepsForm
from ..models import StepEntry
from ..services import STEP_CHART_DAYS, save_steps, step_goal


def _chart(entries: list[StepEntry], goal: int) -> tuple[str, str]:
    series = [Series("Steps", [(e.on, e.steps) for e in entries], css_class="steps")]
    svg = bar_chart(
        series,
        title="Steps a day",
        y_label="Steps",
        period="day",
        description="Your daily step counts over the last four weeks; the line is today's goal.",
        reference=ReferenceLine(goal, "Today's goal"),
        empty_text="No steps logged yet",
    )
    return svg, chart_table_html(series, caption="Steps a day", period="day")


@patient_required
@require_http_methods(["GET", "POST"])
def steps(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    today = local_today(patient)
    form = StepsForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        entry = save_steps(patient, form.entry.on, form.entry.steps)
        messages.success(request, f"{entry.steps:,} steps saved for {entry.on:%A %-d %B}.")
        return redirect("selfcare:steps")
    goal = step_goal(patient, today)
    since = today - timedelta(days=STEP_CHART_DAYS - 1)
    entries = list(StepEntry.objects.filter(patient=patient, on__gte=since).order_by("on"))
    svg, table = _chart(entries, goal.goal)
    return render(
        request,
        "selfcare/steps.html",
        {
            "form": form,
            "goal": goal,
            "today_entry": next((e for e in entries if e.on == today), None),
            "recent": list(reversed(entries))[:7],
            "chart": svg,
            "table": table,
        },
    )
