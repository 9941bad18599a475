"""Progress charts: structure, geometry, accessibility and escaping of the SVG."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinewise.progress.chart_axes import date_ticks, nice_ticks
from spinewise.progress.svg_charts import (
    ReferenceLine,
    Series,
    bar_chart,
    chart_table_html,
    line_chart,
)

NS = {"s": "http://www.w3.org/2000/svg"}
MONDAY = date(2025, 3, 3)


def days(*values: float | None, start: date = MONDAY) -> list[tuple[date, float | None]]:
    return [(start + timedelta(days=i), v) for i, v in enumerate(values)]


def weeks(*values: float | None) -> list[tuple[date, float | None]]:
    return [(MONDAY + timedelta(weeks=i), v) for i, v in enumerate(values)]


def pain_chart(*values: float | None, **options: object) -> ET.Element:
    svg = line_chart(
        [Series("Pain", days(*values))],
        title="Pain",
        y_min=0,
        y_max=10,
        y_label="Pain (0-10)",
        **options,  # type: ignore[arg-type]
    )
    return ET.fromstring(svg)


def tick_y(root: ET.Element, label: str) -> float:
    """The y of the grid line whose tick reads ``label``."""
    grid = root.find(".//s:g[@class='sw-chart__grid']", NS)
    assert grid is not None
    for text in grid.findall("s:text", NS):
        if text.text == label:
            return float(text.attrib["y"])
    raise AssertionError(f"no tick {label}")


def test_a_dot_is_drawn_for_every_reading_and_none_for_missing_ones() -> None:
    root = pain_chart(6, 5, None, 4, 3)
    assert len(root.findall(".//s:circle[@class='sw-chart__point']", NS)) == 4


def test_a_missing_reading_breaks_the_line() -> None:
    root = pain_chart(6, 5, None, 4, 3)
    assert len(root.findall(".//s:polyline", NS)) == 2


def test_a_missed_day_breaks_the_line_when_gaps_are_limited_to_one_day() -> None:
    points = [(MONDAY, 5.0), (MONDAY + timedelta(days=1), 4.0), (MONDAY + timedelta(days=4), 3.0)]
    svg = line_chart(
        [Series("Pain", points)],
        title="Pain",
        y_min=0,
        y_max=10,
        y_label="Pain",
        max_gap_days=1,
    )
    assert (
        len(ET.fromstring(svg).findall(".//s:polyline", NS)) == 1
    )  # the lone last dot has no line


def test_weekly_readings_stay_joined_without_a_gap_limit() -> None:
    points = [(MONDAY + timedelta(weeks=i), float(i)) for i in range(4)]
    svg = line_chart([Series("PSFS", points)], title="PSFS", y_min=0, y_max=10, y_label="Score")
    lines = ET.fromstring(svg).findall(".//s:polyline", NS)
    assert len(lines) == 1
    assert len(lines[0].attrib["points"].split()) == 4


def test_higher_pain_is_drawn_higher_up() -> None:
    root = pain_chart(2, 8)
    low, high = (float(c.attrib["cy"]) for c in root.findall(".//s:circle", NS))
    assert high < low


def test_the_pain_ceiling_line_sits_at_its_value() -> None:
    root = pain_chart(3, 6, reference=ReferenceLine(5, "Your limit 5/10"))
    line = root.find(".//s:g[@class='sw-chart__reference']/s:line", NS)
    assert line is not None
    middle = (tick_y(root, "0") + tick_y(root, "10")) / 2
    assert float(line.attrib["y1"]) == pytest.approx(middle, abs=0.01)


def test_a_reading_above_the_axis_is_drawn_at_the_top_edge() -> None:
    root = pain_chart(15)
    (dot,) = root.findall(".//s:circle", NS)
    assert float(dot.attrib["cy"]) == pytest.approx(tick_y(root, "10"), abs=0.01)


def test_pain_axis_ticks_are_even_numbers() -> None:
    assert nice_ticks(0, 10) == [0, 2, 4, 6, 8, 10]


def test_a_week_of_data_is_labelled_by_day() -> None:
    labels = [label for _, label in date_ticks(MONDAY, MONDAY + timedelta(days=4))]
    assert labels == ["3 Mar", "4 Mar", "5 Mar", "6 Mar", "7 Mar"]


def test_a_month_of_data_is_labelled_on_mondays() -> None:
    ticks = date_ticks(date(2025, 3, 5), date(2025, 4, 2))
    assert all(day.weekday() == 0 for day, _ in ticks)
    assert [label for _, label in ticks] == ["10 Mar", "17 Mar", "24 Mar", "31 Mar"]


def test_half_a_year_is_labelled_by_month_with_the_year_on_the_first_label() -> None:
    labels = [label for _, label in date_ticks(date(2024, 3, 5), date(2024, 8, 20))]
    assert labels == ["Apr 2024", "May", "Jun", "Jul", "Aug"]


def test_a_year_is_labelled_every_other_month_with_the_year_in_january() -> None:
    labels = [label for _, label in date_ticks(date(2024, 11, 10), date(2025, 10, 1))]
    assert labels == ["Jan 2025", "Mar", "May", "Jul", "Sep"]


def test_the_chart_shows_the_dates_on_its_x_axis() -> None:
    root = pain_chart(5, 4, 3)
    x_ticks = root.find(".//s:g[@class='sw-chart__x-ticks']", NS)
    assert x_ticks is not None
    assert [t.text for t in x_ticks.findall("s:text", NS)] == ["3 Mar", "4 Mar", "5 Mar"]


def test_readings_outside_the_date_window_are_left_out() -> None:
    root = pain_chart(6, 5, 4, 3, start=MONDAY + timedelta(days=1), end=MONDAY + timedelta(days=2))
    assert len(root.findall(".//s:circle", NS)) == 2


def test_the_chart_is_an_accessible_responsive_image() -> None:
    root = pain_chart(5, 4)
    assert root.attrib["role"] == "img"
    assert root.attrib["width"] == "100%"
    assert root.attrib["viewBox"].startswith("0 0 ")
    assert "height" not in root.attrib
    assert root.findtext("s:title", namespaces=NS) == "Pain"
    assert "latest 4 on 4 Mar 2025" in (root.findtext("s:desc", namespaces=NS) or "")


def test_the_aria_label_summarises_the_readings() -> None:
    root = pain_chart(6, 2, 4, reference=ReferenceLine(5, "Your limit"))
    label = root.attrib["aria-label"]
    assert "3 readings, latest 4 on 5 Mar 2025, lowest 2, highest 6" in label
    assert "Your limit: 5." in label


def test_names_and_titles_are_escaped() -> None:
    nasty = "<script>alert(\"x\")</script> & 'quotes'"
    svg = line_chart(
        [Series(nasty, days(3, 4)), Series("Other", days(5, 6))],
        title=nasty,
        y_min=0,
        y_max=10,
        y_label=nasty,
        reference=ReferenceLine(5, nasty),
    )
    root = ET.fromstring(svg)
    assert not root.findall(".//s:script", NS) and "<script>" not in svg
    assert root.findtext("s:title", namespaces=NS) == nasty
    legend_texts = [t.text for t in root.findall(".//s:g[@class='sw-chart__legend']//s:text", NS)]
    assert nasty in legend_texts


@given(st.text(max_size=40))
def test_any_text_gives_well_formed_svg(name: str) -> None:
    svg = line_chart([Series(name, days(1, 2))], title=name, y_min=0, y_max=10, y_label=name)
    assert ET.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"


def test_an_unsafe_css_class_is_refused() -> None:
    with pytest.raises(ValueError, match="css_class"):
        line_chart(
            [Series("Pain", days(1), css_class='x" onload="alert(1)')],
            title="Pain",
            y_min=0,
            y_max=10,
            y_label="Pain",
        )


def test_a_css_class_is_added_to_the_series_group() -> None:
    svg = line_chart(
        [Series("Pain", days(1, 2), css_class="pain")], title="P", y_min=0, y_max=10, y_label="P"
    )
    groups = ET.fromstring(svg).findall(".//s:g[@data-series='Pain']", NS)
    assert groups[0].attrib["class"].split() == ["sw-chart__series", "sw-chart__series--1", "pain"]


def test_no_readings_gives_a_friendly_no_data_yet_chart() -> None:
    for series in ([], [Series("Pain", days(None, None))]):
        svg = line_chart(series, title="Pain", y_min=0, y_max=10, y_label="Pain")
        root = ET.fromstring(svg)
        assert "No data yet" in "".join(root.itertext())
        assert not root.findall(".//s:circle", NS)
        assert "sw-chart--empty" in root.attrib["class"].split()
        assert root.attrib["aria-label"] == "Pain: No data yet."


def test_grouped_bars_show_one_bar_per_value() -> None:
    svg = bar_chart(
        [Series("Done", weeks(3, 2, None)), Series("Planned", weeks(3, 3, 3))],
        title="Sessions per week",
        y_label="Sessions",
    )
    root = ET.fromstring(svg)
    assert len(root.findall(".//s:rect[@class='sw-chart__bar']", NS)) == 5


def test_grouped_bars_of_the_same_week_stand_side_by_side() -> None:
    svg = bar_chart(
        [Series("Done", weeks(2)), Series("Planned", weeks(3))], title="S", y_label="Sessions"
    )
    done, planned = ET.fromstring(svg).findall(".//s:rect[@class='sw-chart__bar']", NS)
    assert float(planned.attrib["x"]) >= float(done.attrib["x"]) + float(done.attrib["width"])
    assert float(planned.attrib["height"]) > float(done.attrib["height"])


def test_stacked_bars_sit_on_top_of_each_other() -> None:
    svg = bar_chart(
        [Series("Strength", weeks(20)), Series("Mobility", weeks(10))],
        title="Minutes per week",
        y_label="Minutes",
        stacked=True,
    )
    lower, upper = ET.fromstring(svg).findall(".//s:rect[@class='sw-chart__bar']", NS)
    top_of_upper = float(upper.attrib["y"]) + float(upper.attrib["height"])
    assert top_of_upper == pytest.approx(float(lower.attrib["y"]), abs=0.01)
    assert float(upper.attrib["height"]) == pytest.approx(
        float(lower.attrib["height"]) / 2, abs=0.01
    )


def test_the_bar_axis_rounds_up_above_the_tallest_bar() -> None:
    svg = bar_chart([Series("Minutes", weeks(7, 3))], title="Minutes", y_label="Minutes")
    root = ET.fromstring(svg)
    assert tick_y(root, "8") < tick_y(root, "0")


def test_weekly_bars_are_labelled_by_their_first_day() -> None:
    svg = bar_chart([Series("Done", weeks(1, 2))], title="S", y_label="Sessions")
    x_ticks = ET.fromstring(svg).find(".//s:g[@class='sw-chart__x-ticks']", NS)
    assert x_ticks is not None
    assert [t.text for t in x_ticks.findall("s:text", NS)] == ["3 Mar", "10 Mar"]


def test_the_bar_aria_label_gives_totals() -> None:
    svg = bar_chart([Series("Done", weeks(3, 2))], title="Sessions", y_label="Sessions")
    assert (
        "2 weeks from 3 Mar 2025 to 10 Mar 2025. Done: total 5, latest 2."
        in (ET.fromstring(svg).attrib["aria-label"])
    )


def test_a_bar_chart_without_values_says_no_data_yet() -> None:
    svg = bar_chart([Series("Done", [])], title="Sessions", y_label="Sessions")
    root = ET.fromstring(svg)
    assert "No data yet" in "".join(root.itertext())
    assert not root.findall(".//s:rect[@class='sw-chart__bar']", NS)


def test_weeks_with_zero_sessions_still_count_as_data() -> None:
    svg = bar_chart([Series("Done", weeks(0, 0))], title="Sessions", y_label="Sessions")
    assert len(ET.fromstring(svg).findall(".//s:rect[@class='sw-chart__bar']", NS)) == 2


def test_the_data_table_has_a_row_per_date_and_a_column_per_series() -> None:
    html = chart_table_html(
        [Series("Pain <now>", days(6, None, 4)), Series("Worst", days(7, 8))],
        caption="Pain & sleep",
    )
    table = ET.fromstring(html)
    assert table.attrib["class"] == "sw-chart-table sw-visually-hidden"
    assert table.findtext("caption") == "Pain & sleep"
    assert [th.text for th in table.findall("thead/tr/th")] == ["Date", "Pain <now>", "Worst"]
    rows = [[cell.text for cell in tr] for tr in table.findall("tbody/tr")]
    assert rows == [
        ["3 Mar 2025", "6", "7"],
        ["4 Mar 2025", "no data", "8"],
        ["5 Mar 2025", "4", "no data"],
    ]


def test_an_empty_data_table_says_no_data_yet() -> None:
    table = ET.fromstring(chart_table_html([], caption="Pain"))
    assert "No data yet" in "".join(table.itertext())


def test_the_chart_rasterises_with_its_colours() -> None:
    cairosvg = pytest.importorskip("cairosvg")
    image_module = pytest.importorskip("PIL.Image")
    svg = line_chart([Series("Pain", days(6, 5, 4))], title="P", y_min=0, y_max=10, y_label="P")
    png = cairosvg.svg2png(bytestring=svg.encode(), output_width=800)
    image = image_module.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(image.width * image.height) or []
    teal = sum(
        count
        for count, (r, g, b) in colours
        if abs(r - 0x0B) < 30 and abs(g - 0x6E) < 30 and abs(b - 0x69) < 30
    )
    assert image.width == 800
    assert teal > 100
