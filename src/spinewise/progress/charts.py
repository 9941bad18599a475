"""The progress charts, drawn by spinewise.progress.svg_charts as inline SVG (no network, no JS)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spinewise.patients.models import Patient
from spinewise.progress.svg_charts import Series, bar_chart, chart_table_html, line_chart

from . import data


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    svg: str
    table: str


def _line(
    key: str,
    title: str,
    series: dict[str, list[data.Point]],
    since: date | None,
    y_label: str,
    description: str,
) -> Chart:
    rows = [Series(name, points, css_class=key) for name, points in series.items()]
    svg = line_chart(
        rows,
        title=title,
        y_min=0,
        y_max=10,
        y_label=y_label,
        description=description,
        start=since,
        empty_text="No readings yet",
    )
    kept = [Series(s.name, [p for p in s.points if since is None or p[0] >= since]) for s in rows]
    return Chart(key, title, svg, chart_table_html(kept, caption=title))


def _bars(
    key: str, title: str, series: dict[str, list[data.Point]], y_label: str, description: str
) -> Chart:
    rows = [
        Series(name, points, css_class=f"{key}-{i}")
        for i, (name, points) in enumerate(series.items())
    ]
    svg = bar_chart(
        rows,
        title=title,
        y_label=y_label,
        period="week",
        description=description,
        empty_text="No weeks yet",
    )
    return Chart(key, title, svg, chart_table_html(rows, caption=title, period="week"))


def progress_charts(patient: Patient, since: date | None = None) -> list[Chart]:
    """Pain, function, adherence and volume since ``since`` (None: everything)."""
    weeks = [w for w in data.weekly(patient) if since is None or w.start >= data.week_start(since)]
    return [
        _line(
            "pain",
            "Pain",
            data.pain_series(patient),
            since,
            "Pain (0-10)",
            "Lower is better: 0 is no pain, 10 the worst imaginable.",
        ),
        _line(
            "psfs",
            "Everyday activities",
            data.psfs_series(patient),
            since,
            "Activities score (0-10)",
            "Higher is better: the mean of how well you can do your three activities.",
        ),
        _bars(
            "adherence",
            "Sessions per week",
            {
                "Planned": [(w.start, w.planned) for w in weeks],
                "Done": [(w.start, w.done) for w in weeks],
            },
            "Sessions",
            "Sessions you did compared with the sessions planned each week.",
        ),
        _bars(
            "volume",
            "Training volume per week",
            {"Repetitions": [(w.start, w.reps) for w in weeks]},
            "Repetitions",
            "Repetitions of all exercises added up for each week.",
        ),
        _bars(
            "holds",
            "Time in holds per week",
            {"Minutes": [(w.start, w.hold_minutes) for w in weeks]},
            "Minutes",
            "Minutes spent in stretches, planks and other holds each week.",
        ),
    ]


def peg_chart(patient: Patient, since: date | None = None) -> Chart:
    """PEG (pain, enjoyment of life, general activity; 0-10) at each weekly check-in."""
    return _line(
        "peg",
        "Pain and its interference (PEG)",
        data.peg_series(patient),
        since,
        "PEG score (0-10)",
        "Lower is better: the mean of average pain and how much pain got in the way of "
        "enjoying life and of general activity in the past week.",
    )
