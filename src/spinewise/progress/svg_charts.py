"""Progress charts as self-contained, accessible SVG strings.

Pure Python, no dependencies, no Django: the web pages embed the returned SVG
with ``|safe`` (every piece of text is escaped here), the printable report can
rasterise it. Charts scale to their container (``viewBox``, ``width="100%"``),
carry ``role="img"``, an ``aria-label`` summarising the data, ``<title>`` and
``<desc>``; :func:`chart_table_html` gives the same numbers as a table for
screen readers. Colours are presentation attributes, so a stylesheet can theme
the ``sw-chart__*`` classes without ``!important``; no inline ``style`` is used
(pages may forbid it with a Content-Security-Policy).

Values are plain numbers in the caller's units (pain 0-10, PSFS 0-10, minutes,
sessions); ``None`` or a non-finite value is a missing reading.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from . import chart_axes as ax
from .chart_axes import esc, fmt
from .chart_data import (
    PERIOD_HEADERS,
    PERIOD_WORDS,
    Period,
    ReferenceLine,
    Series,
    check_series,
    empty_chart,
    group_open,
    present,
    sorted_points,
    wrap,
)

__all__ = ["Period", "ReferenceLine", "Series", "bar_chart", "chart_table_html", "line_chart"]

PLOT_INSET = 10.0  # keeps the first and last points off the plot edges


# ------------------------------------------------------------------ line chart


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    y_min: float,
    y_max: float,
    y_label: str,
    description: str = "",
    reference: ReferenceLine | None = None,
    start: date | None = None,
    end: date | None = None,
    max_gap_days: int | None = None,
    y_ticks: Sequence[float] | None = None,
    empty_text: str = "No data yet",
    width: int = 400,
    height: int = 260,
) -> str:
    """A time-series chart: one line per series, a dot per reading, dates on the x axis.

    ``y_min``/``y_max`` fix the value axis (pain: 0 and 10); readings outside are
    drawn at the edge. ``start``/``end`` fix the date window (default: the data's
    first and last dates). A ``None`` reading breaks the line; so does a step of
    more than ``max_gap_days`` days between readings (``1`` for daily pain, so a
    missed day shows as a gap). ``reference`` draws a dashed horizontal line.
    Returns an SVG string; no readings gives a friendly ``empty_text`` chart.
    """
    if not y_max > y_min:
        raise ValueError("y_max must be greater than y_min")
    if start is not None and end is not None and end < start:
        raise ValueError("end must not be before start")
    check_series(series)
    kept = [sorted_points(s, start, end) for s in series]
    days = [day for points in kept for day, _ in present(points)]
    ticks = list(y_ticks) if y_ticks else ax.nice_ticks(y_min, y_max)
    names = [s.name for s in series]
    frame = ax.make_frame(width, height, [fmt(t) for t in ticks], ax.legend_rows(names, width))
    if not days:
        return empty_chart("line", frame, title, description, y_label, empty_text)
    first, last = start or min(days), end or max(days)
    span = max((last - first).days, 0)

    def x_of(day: date) -> float:
        usable = frame.plot_width - 2 * PLOT_INSET
        if span == 0:
            return frame.left + frame.plot_width / 2
        return frame.left + PLOT_INSET + (day - first).days / span * usable

    body = [ax.y_axis(frame, ticks, y_min, y_max, y_label)]
    body.append(ax.x_labels(frame, [(x_of(d), label) for d, label in ax.date_ticks(first, last)]))
    if reference is not None:
        body.append(ax.reference_line(frame, reference.value, reference.label, y_min, y_max))
    for index, (s, points) in enumerate(zip(series, kept, strict=True)):
        colour, dash = ax.PALETTE[index % len(ax.PALETTE)]
        body.append(group_open(index, s))
        for segment in _segments(points, max_gap_days):
            if len(segment) > 1:
                coords = " ".join(
                    f"{fmt(x_of(d))},{fmt(frame.y_of(v, y_min, y_max))}" for d, v in segment
                )
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                body.append(
                    f'<polyline class="sw-chart__line" points="{coords}" fill="none" '
                    f'stroke="{colour}" stroke-width="2.5" stroke-linejoin="round"{dash_attr}/>'
                )
        for day, value in present(points):
            body.append(
                f'<circle class="sw-chart__point" cx="{fmt(x_of(day))}" '
                f'cy="{fmt(frame.y_of(value, y_min, y_max))}" r="4" fill="{colour}" '
                f'stroke="#ffffff" stroke-width="1.5"><title>{esc(s.name)}, '
                f"{ax.long_date(day)}: {fmt(value)}</title></circle>"
            )
        body.append("</g>")
    body.append(ax.legend(frame, names, [_line_mark(i) for i in range(len(series))]))
    summary = _line_summary(title, y_label, series, kept, reference, first, last)
    return wrap("line", frame, title, description, summary, body)


def _segments(
    points: Sequence[tuple[date, float | None]], max_gap_days: int | None
) -> list[list[tuple[date, float]]]:
    segments: list[list[tuple[date, float]]] = [[]]
    previous: date | None = None
    for day, value in points:
        too_far = (
            max_gap_days is not None
            and previous is not None
            and (day - previous).days > max_gap_days
        )
        if value is None or too_far:
            segments.append([])
        if value is not None:
            segments[-1].append((day, value))
            previous = day
    return [seg for seg in segments if seg]


def _line_mark(index: int) -> str:
    colour, dash = ax.PALETTE[index % len(ax.PALETTE)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="0" x2="20" y1="0" y2="0" stroke="{colour}" stroke-width="3"{dash_attr}/>'
        f'<circle cx="10" cy="0" r="3.5" fill="{colour}"/>'
    )


def _line_summary(
    title: str,
    y_label: str,
    series: Sequence[Series],
    kept: Sequence[Sequence[tuple[date, float | None]]],
    reference: ReferenceLine | None,
    first: date,
    last: date,
) -> str:
    parts = [f"{title}. {y_label} from {ax.long_date(first)} to {ax.long_date(last)}."]
    for s, points in zip(series, kept, strict=True):
        readings = present(points)
        if not readings:
            parts.append(f"{s.name}: no readings.")
            continue
        values = [v for _, v in readings]
        latest_day, latest = readings[-1]
        count = "1 reading" if len(readings) == 1 else f"{len(readings)} readings"
        parts.append(
            f"{s.name}: {count}, latest {fmt(latest)} on {ax.long_date(latest_day)}, "
            f"lowest {fmt(min(values))}, highest {fmt(max(values))}."
        )
    if reference is not None:
        parts.append(f"{reference.label}: {fmt(reference.value)}.")
    return " ".join(parts)


# ------------------------------------------------------------------- bar chart


def bar_chart(
    series: Sequence[Series],
    *,
    title: str,
    y_label: str,
    y_max: float | None = None,
    stacked: bool = False,
    period: Period = "week",
    description: str = "",
    reference: ReferenceLine | None = None,
    empty_text: str = "No data yet",
    width: int = 400,
    height: int = 260,
) -> str:
    """Bars per period (a day, or the first day of a week or month), grouped or stacked.

    Every date that appears in any series is one bar position, in date order.
    Grouped bars compare series side by side (sessions done vs planned per week);
    stacked bars add them up (weekly minutes by kind of exercise). The first
    series is drawn solid, the second pale with an outline, and so on alternately.
    The value axis starts at 0 and ends at ``y_max`` (default: a round number
    above the largest bar). Returns an SVG string; no values gives ``empty_text``.
    """
    if period not in PERIOD_HEADERS:
        raise ValueError(f"period must be one of {', '.join(PERIOD_HEADERS)}")
    if y_max is not None and not y_max > 0:
        raise ValueError("y_max must be above 0")
    check_series(series)
    kept = [dict(sorted_points(s)) for s in series]
    categories = sorted({day for points in kept for day in points})
    grid = [[points.get(day) for day in categories] for points in kept]
    tallest = _tallest(grid, stacked)
    top = (
        y_max
        if y_max is not None
        else ax.nice_max(max(tallest, reference.value if reference else 0))
    )
    ticks = ax.nice_ticks(0, top)
    names = [s.name for s in series]
    frame = ax.make_frame(width, height, [fmt(t) for t in ticks], ax.legend_rows(names, width))
    if tallest <= 0 and not any(v is not None for row in grid for v in row):
        return empty_chart("bar", frame, title, description, y_label, empty_text)
    band = frame.plot_width / len(categories)
    body = [ax.y_axis(frame, ticks, 0, top, y_label)]
    body.append(ax.x_labels(frame, _bar_labels(frame, categories, band, period)))
    body.extend(_bars(frame, series, grid, band, top, stacked))
    if reference is not None:
        body.append(ax.reference_line(frame, reference.value, reference.label, 0, top))
    body.append(ax.legend(frame, names, [_bar_mark(i) for i in range(len(series))]))
    summary = _bar_summary(title, series, grid, categories, period, reference)
    return wrap("bar", frame, title, description, summary, body)


def _tallest(grid: Sequence[Sequence[float | None]], stacked: bool) -> float:
    if not grid or not grid[0]:
        return 0.0
    if stacked:
        return max(sum(max(row[c] or 0.0, 0.0) for row in grid) for c in range(len(grid[0])))
    return max((v for row in grid for v in row if v is not None), default=0.0)


def _bar_style(index: int) -> tuple[str, str]:
    """(fill attributes, legend swatch) for series ``index``: solid, then pale with outline."""
    colour, _ = ax.PALETTE[index % len(ax.PALETTE)]
    if index % 2 == 0:
        return f'fill="{colour}"', colour
    return f'fill="{colour}" fill-opacity="0.22" stroke="{colour}" stroke-width="1.5"', colour


def _bar_mark(index: int) -> str:
    attrs, _ = _bar_style(index)
    return f'<rect x="0" y="-7" width="18" height="14" rx="2" {attrs}/>'


def _bars(
    frame: ax.Frame,
    series: Sequence[Series],
    grid: Sequence[Sequence[float | None]],
    band: float,
    top: float,
    stacked: bool,
) -> list[str]:
    width = band * 0.6 if stacked else band * 0.8 / max(len(series), 1)
    base = [0.0] * (len(grid[0]) if grid else 0)
    out: list[str] = []
    for index, (s, row) in enumerate(zip(series, grid, strict=True)):
        attrs, _ = _bar_style(index)
        out.append(group_open(index, s))
        for c, value in enumerate(row):
            if value is None:
                continue
            left = frame.left + c * band + (band * 0.2 if stacked else band * 0.1)
            x = left if stacked else left + index * width
            low = base[c] if stacked else 0.0
            high = low + max(value, 0.0)
            y_top, y_low = frame.y_of(high, 0, top), frame.y_of(low, 0, top)
            if stacked:
                base[c] = high
            out.append(
                f'<rect class="sw-chart__bar" x="{fmt(x + 1)}" y="{fmt(y_top)}" '
                f'width="{fmt(max(width - 2, 1))}" height="{fmt(y_low - y_top)}" {attrs}>'
                f"<title>{esc(s.name)}: {fmt(value)}</title></rect>"
            )
            if not stacked and width >= 16:
                out.append(
                    f'<text class="sw-chart__value" x="{fmt(x + width / 2)}" '
                    f'y="{fmt(y_top - 4)}" text-anchor="middle" font-size="11" '
                    f'fill="{ax.MUTED}" {ax.HALO}>{fmt(value)}</text>'
                )
        out.append("</g>")
    return out


def _bar_labels(
    frame: ax.Frame, categories: Sequence[date], band: float, period: str
) -> list[tuple[float, str]]:
    labels = [ax.period_label(day, period) for day in categories]
    room = max(len(label) for label in labels) * ax.CHAR_WIDTH + 10
    every = max(1, math.ceil(room / band))
    return [
        (frame.left + c * band + band / 2, label)
        for c, label in enumerate(labels)
        if c % every == 0
    ]


def _bar_summary(
    title: str,
    series: Sequence[Series],
    grid: Sequence[Sequence[float | None]],
    categories: Sequence[date],
    period: str,
    reference: ReferenceLine | None,
) -> str:
    one, many = PERIOD_WORDS[period]
    count = f"1 {one}" if len(categories) == 1 else f"{len(categories)} {many}"
    parts = [
        f"{title}. {count} from {ax.long_date(categories[0])} to {ax.long_date(categories[-1])}."
    ]
    for s, row in zip(series, grid, strict=True):
        values = [v for v in row if v is not None]
        if not values:
            parts.append(f"{s.name}: no values.")
            continue
        latest = next(v for v in reversed(row) if v is not None)
        parts.append(f"{s.name}: total {fmt(sum(values))}, latest {fmt(latest)}.")
    if reference is not None:
        parts.append(f"{reference.label}: {fmt(reference.value)}.")
    return " ".join(parts)


# ------------------------------------------------------------------ data table


def chart_table_html(
    series: Sequence[Series],
    *,
    caption: str,
    period: Period = "day",
    visually_hidden: bool = True,
    empty_text: str = "No data yet",
) -> str:
    """The chart's numbers as an HTML table: one row per date, one column per series.

    With ``visually_hidden`` the table carries the ``sw-visually-hidden`` class
    (defined in ``spinewise/charts.css``): screen readers read it, sighted
    people see the chart. Missing readings show as "no data".
    """
    if period not in PERIOD_HEADERS:
        raise ValueError(f"period must be one of {', '.join(PERIOD_HEADERS)}")
    classes = "sw-chart-table sw-visually-hidden" if visually_hidden else "sw-chart-table"
    kept = [dict(sorted_points(s)) for s in series]
    days = sorted({day for points in kept for day, v in points.items() if v is not None})
    out = [f'<table class="{classes}"><caption>{esc(caption)}</caption>']
    if not days:
        return "".join(out) + f"<tbody><tr><td>{esc(empty_text)}</td></tr></tbody></table>"
    out.append(f'<thead><tr><th scope="col">{PERIOD_HEADERS[period]}</th>')
    out.extend(f'<th scope="col">{esc(s.name)}</th>' for s in series)
    out.append("</tr></thead><tbody>")
    for day in days:
        label = ax.month_label(day) if period == "month" else ax.long_date(day)
        out.append(f'<tr><th scope="row">{label}</th>')
        for points in kept:
            value = points.get(day)
            out.append(f"<td>{'no data' if value is None else fmt(value)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)
