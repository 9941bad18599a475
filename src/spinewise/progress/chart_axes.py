"""Scales, ticks, labels and SVG snippets shared by :mod:`spinewise.progress.svg_charts`.

Everything here is deterministic (no locale, no clock) so the same data always
gives the same SVG.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Colour, dash pattern: every colour has at least 4.5:1 contrast on white, and the
# dash patterns keep series apart for people who do not see the colours.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#0b6e69", ""),
    ("#b3541e", "7 4"),
    ("#5b45b0", "2 4"),
    ("#7a6300", "10 4 2 4"),
)
INK = "#1c2421"
MUTED = "#4a5753"
GRID = "#d9e0de"
AXIS = "#7d8a86"
REFERENCE = "#a4262c"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
# A white outline behind text drawn over data, so lines never make it unreadable.
HALO = 'stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"'
CHAR_WIDTH = 7.2  # rough width of one 13px character, to keep labels apart


# Characters XML 1.0 forbids even when escaped; a stray one would break the whole SVG.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def esc(text: str) -> str:
    """Text or attribute value made safe for SVG/HTML (quotes escaped too)."""
    return escape(NOT_XML.sub("", text), quote=True)


def fmt(value: float) -> str:
    """A number as people write it: 4, 4.5, 1200 (at most two decimals)."""
    if abs(value - round(value)) < 1e-9:
        return str(int(round(value)))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_label(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def period_label(day: date, period: str) -> str:
    """Label for one bar: a day or a week's first day ("3 Mar") or a month ("Mar 2025")."""
    return month_label(day) if period == "month" else short_date(day)


def nice_step(span: float, max_ticks: int) -> float:
    """The smallest 1/2/2.5/5 x 10^k step giving at most ``max_ticks`` ticks over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / max(max_ticks - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw - 1e-12:
            return factor * power
    return 10 * power  # unreachable: factor 10 always qualifies


def nice_ticks(low: float, high: float, max_ticks: int = 6) -> list[float]:
    """Round-numbered ticks from ``low`` to ``high`` (both inclusive when they fall on a step)."""
    step = nice_step(high - low, max_ticks)
    first = math.ceil(low / step - 1e-9) * step
    ticks: list[float] = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def nice_max(value: float) -> float:
    """A round top for an axis that must show ``value`` (at least 1)."""
    if value <= 0:
        return 1.0
    step = nice_step(value, 6)
    return math.ceil(value / step - 1e-9) * step


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_ticks(start: date, end: date, step: int) -> list[date]:
    first = start if start.day == 1 else _add_months(start, 1)
    first = _add_months(first, (-(first.month - 1)) % step)  # align to Jan, Apr, Jul... for step 3
    ticks = []
    while first <= end:
        ticks.append(first)
        first = _add_months(first, step)
    return ticks


def _day_ticks(start: date, end: date, step: int) -> list[date]:
    if step >= 7:  # weekly ticks fall on Mondays, like the programme's weeks
        start = start + timedelta(days=(7 - start.weekday()) % 7)
    return [start + timedelta(days=d) for d in range(0, (end - start).days + 1, step)]


def date_ticks(start: date, end: date, max_ticks: int = 6) -> list[tuple[date, str]]:
    """Readable ticks between two dates: days, Mondays, months or years, at most ``max_ticks``."""
    for step in (1, 2, 7, 14):
        days = _day_ticks(start, end, step)
        if 0 < len(days) <= max_ticks:
            return [(d, short_date(d)) for d in days]
    for months in (1, 2, 3, 6, 12, 24, 60):
        firsts = _month_ticks(start, end, months)
        if 0 < len(firsts) <= max_ticks:
            return [(d, _month_tick_label(d, i)) for i, d in enumerate(firsts)]
    return [(start, long_date(start)), (end, long_date(end))]


def _month_tick_label(day: date, position: int) -> str:
    return month_label(day) if position == 0 or day.month == 1 else MONTHS[day.month - 1]


@dataclass(frozen=True)
class Frame:
    """The plot area inside the SVG, in viewBox units."""

    width: float
    height: float
    left: float
    top: float
    right: float
    bottom: float

    @property
    def plot_width(self) -> float:
        return self.right - self.left

    @property
    def plot_height(self) -> float:
        return self.bottom - self.top

    def y_of(self, value: float, y_min: float, y_max: float) -> float:
        """Vertical position of ``value``, clamped into the axis range."""
        span = (y_max - y_min) or 1.0
        clamped = min(max(value, y_min), y_max)
        return self.bottom - (clamped - y_min) / span * self.plot_height


def make_frame(width: int, height: int, y_tick_labels: Iterable[str], legend_rows: int) -> Frame:
    widest = max((len(label) for label in y_tick_labels), default=1)
    left = 14 + widest * CHAR_WIDTH
    return Frame(width, height, left, 40, width - 18, height - 30 - 22 * legend_rows)


def legend_layout(names: Sequence[str], width: float) -> list[tuple[float, int]]:
    """(x, row) for each legend entry, wrapping onto new rows so entries never overlap."""
    placed: list[tuple[float, int]] = []
    x, row = 14.0, 0
    for name in names:
        entry = 26 + len(name) * CHAR_WIDTH + 18
        if x > 14 and x + entry > width - 10:
            x, row = 14.0, row + 1
        placed.append((x, row))
        x += entry
    return placed


def legend_rows(names: Sequence[str], width: float) -> int:
    if len(names) < 2:
        return 0  # one series needs no legend: the title and y label name it
    return 1 + max(row for _, row in legend_layout(names, width))


def svg_open(kind: str, width: int, height: int, label: str, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sw-chart sw-chart--{kind}" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'role="img" aria-label="{esc(label)}" font-family="{FONT}" font-size="13" fill="{INK}">'
        f"<title>{esc(title)}</title><desc>{esc(desc)}</desc>"
    )


def y_label_text(label: str) -> str:
    """The value axis' name, written above the plot where it is easy to read on a phone."""
    return (
        f'<text class="sw-chart__y-label" x="14" y="18" font-weight="600" '
        f'fill="{MUTED}">{esc(label)}</text>'
    )


def y_axis(frame: Frame, ticks: Sequence[float], y_min: float, y_max: float, label: str) -> str:
    parts = [y_label_text(label), '<g class="sw-chart__grid">']
    for tick in ticks:
        y = fmt(frame.y_of(tick, y_min, y_max))
        parts.append(
            f'<line x1="{fmt(frame.left)}" x2="{fmt(frame.right)}" y1="{y}" y2="{y}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text class="sw-chart__tick" x="{fmt(frame.left - 8)}" y="{y}" dy="4" '
            f'text-anchor="end" fill="{MUTED}">{fmt(tick)}</text>'
        )
    parts.append("</g>")
    parts.append(
        f'<line class="sw-chart__axis" x1="{fmt(frame.left)}" x2="{fmt(frame.right)}" '
        f'y1="{fmt(frame.bottom)}" y2="{fmt(frame.bottom)}" stroke="{AXIS}" stroke-width="1.5"/>'
    )
    return "".join(parts)


def x_labels(frame: Frame, ticks: Sequence[tuple[float, str]]) -> str:
    parts = ['<g class="sw-chart__x-ticks">']
    for x, label in ticks:
        parts.append(
            f'<text class="sw-chart__tick" x="{fmt(x)}" y="{fmt(frame.bottom + 20)}" '
            f'text-anchor="middle" fill="{MUTED}">{esc(label)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def reference_line(frame: Frame, value: float, label: str, y_min: float, y_max: float) -> str:
    y = fmt(frame.y_of(value, y_min, y_max))
    return (
        f'<g class="sw-chart__reference"><line x1="{fmt(frame.left)}" x2="{fmt(frame.right)}" '
        f'y1="{y}" y2="{y}" stroke="{REFERENCE}" stroke-width="2" stroke-dasharray="8 5"/>'
        f'<text x="{fmt(frame.right)}" y="{y}" dy="-6" text-anchor="end" font-weight="600" '
        f'fill="{REFERENCE}" {HALO}>{esc(label)}</text></g>'
    )


def legend(frame: Frame, names: Sequence[str], marks: Sequence[str]) -> str:
    """Legend under the x labels; ``marks`` are swatch snippets drawn at the origin."""
    if len(names) < 2:
        return ""
    parts = ['<g class="sw-chart__legend">']
    base = frame.bottom + 34
    for (x, row), name, mark in zip(legend_layout(names, frame.width), names, marks, strict=True):
        y = base + row * 22
        parts.append(
            f'<g transform="translate({fmt(x)} {fmt(y)})">{mark}'
            f'<text x="26" y="4">{esc(name)}</text></g>'
        )
    parts.append("</g>")
    return "".join(parts)


def empty_state(frame: Frame, text: str) -> str:
    return (
        f'<rect class="sw-chart__empty-area" x="{fmt(frame.left)}" y="{fmt(frame.top)}" '
        f'width="{fmt(frame.plot_width)}" height="{fmt(frame.plot_height)}" fill="#f3f6f5" '
        f'stroke="{GRID}" rx="8"/>'
        f'<text class="sw-chart__empty" x="{fmt(frame.left + frame.plot_width / 2)}" '
        f'y="{fmt(frame.top + frame.plot_height / 2)}" dy="5" text-anchor="middle" '
        f'font-size="16" fill="{MUTED}">{esc(text)}</text>'
    )
