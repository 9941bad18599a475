"""Data types and SVG plumbing shared by the chart functions in :mod:`spinewise.progress.svg_charts`."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from . import chart_axes as ax
from .chart_axes import esc

Period = Literal["day", "week", "month"]
PERIOD_HEADERS = {"day": "Date", "week": "Week starting", "month": "Month"}
PERIOD_WORDS = {"day": ("day", "days"), "week": ("week", "weeks"), "month": ("month", "months")}
CSS_CLASS = re.compile(r"^[A-Za-z0-9_ -]*$")


@dataclass(frozen=True)
class Series:
    """One named series of dated readings; a ``None`` value is a missing reading.

    ``css_class`` (letters, digits, ``-``, ``_``, spaces) is added to the series
    group so a stylesheet can colour, e.g., ``pain`` or ``planned`` specially.
    """

    name: str
    points: Sequence[tuple[date, float | None]]
    css_class: str = ""


@dataclass(frozen=True)
class ReferenceLine:
    """A horizontal line across the plot, e.g. the agreed pain ceiling (5 of 10)."""

    value: float
    label: str


def clean_value(raw: float | None) -> float | None:
    if raw is None or isinstance(raw, bool) or not math.isfinite(raw):
        return None
    return float(raw)


def check_series(series: Sequence[Series]) -> None:
    for s in series:
        if not CSS_CLASS.match(s.css_class):
            raise ValueError(f"series {s.name!r}: css_class may hold only letters, digits, - and _")


def sorted_points(
    s: Series, start: date | None = None, end: date | None = None
) -> list[tuple[date, float | None]]:
    return sorted(
        (day, clean_value(v))
        for day, v in s.points
        if (start is None or day >= start) and (end is None or day <= end)
    )


def present(points: Sequence[tuple[date, float | None]]) -> list[tuple[date, float]]:
    return [(day, v) for day, v in points if v is not None]


def group_open(index: int, s: Series) -> str:
    classes = f"sw-chart__series sw-chart__series--{index + 1} {s.css_class}".strip()
    return f'<g class="{esc(classes)}" data-series="{esc(s.name)}">'


def wrap(
    kind: str, frame: ax.Frame, title: str, description: str, summary: str, body: list[str]
) -> str:
    desc = f"{description} {summary}".strip()
    head = ax.svg_open(kind, int(frame.width), int(frame.height), summary, title, desc)
    return head + "".join(body) + "</svg>"


def empty_chart(
    kind: str, frame: ax.Frame, title: str, description: str, y_label: str, empty_text: str
) -> str:
    summary = f"{title}: {empty_text}."
    desc = f"{description} {summary}".strip()
    head = ax.svg_open(
        f"{kind} sw-chart--empty", int(frame.width), int(frame.height), summary, title, desc
    )
    return f"{head}{ax.y_label_text(y_label)}{ax.empty_state(frame, empty_text)}</svg>"
