"""Charts render offline to SVG and PNG and show what they claim."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from xml.etree import ElementTree

import altair as alt
import polars as pl
import pytest

from whatmatters.check.capability import XmrParams, xmr
from whatmatters.report.bars_and_lines import bar_chart
from whatmatters.report.charts import (
    chart_png,
    chart_svg,
    save_chart,
    xmr_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
WEEKS = [dt.date(2024, 1, 1) + dt.timedelta(weeks=i) for i in range(24)]
VALUES = [
    26,
    24,
    27,
    25,
    26,
    24,
    27,
    25,
    26,
    24,
    27,
    25,
    60,
    20,
    21,
    20,
    21,
    20,
    21,
    20,
    22,
    19,
    21,
    20,
]


def groups(svg: str, role_class: str) -> list[ElementTree.Element]:
    root = ElementTree.fromstring(svg)
    return [g for g in root.iter(f"{SVG}g") if role_class in (g.get("class") or "").split()]


def assert_png(data: bytes) -> tuple[int, int]:
    """A valid PNG: signature, an IHDR chunk with a good CRC; returns its size."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    body = data[16 : 16 + length]
    (crc,) = struct.unpack(">I", data[16 + length : 20 + length])
    assert crc == zlib.crc32(kind + body)
    assert data.endswith(b"IEND\xaeB`\x82")
    width, height = struct.unpack(">II", body[:8])
    return width, height


def test_xmr_chart_draws_every_point_coloured_by_type_with_limits():
    result = xmr(VALUES, periods=WEEKS, params=XmrParams(improvement="down"))
    svg = chart_svg(xmr_chart(result, title="Days to what matters", unit="days"))
    symbols = [g for g in groups(svg, "mark-symbol") if "role-mark" in g.get("class")]
    points = [p for g in symbols for p in g if p.tag == f"{SVG}path"]
    assert len(points) == len(VALUES)
    fills = [p.get("fill") for p in points]
    assert fills[12] == "#e46c0a"  # the 60 is above the upper limit: a concern when down is better
    assert fills[0] == "#a6a6a6"
    segment = result.segments[0]
    assert f"upper limit {segment.upper_limit:.1f}" in svg
    assert f"lower limit {segment.lower_limit:.1f}" in svg
    assert f"mean {segment.mean:.1f}" in svg
    rules = [g for g in groups(svg, "mark-rule") if "role-mark" in g.get("class")]
    dashes = {line.get("stroke-dasharray") for g in rules for line in g}
    assert {"8,4", "3,3"} <= dashes  # limits and 2σ lines are dashed
    root = ElementTree.fromstring(svg)
    assert root.find(f"{SVG}title").text == "Days to what matters"
    assert "above the upper limit" in root.find(f"{SVG}desc").text


def test_xmr_chart_carries_its_points_once_for_the_line_and_the_marks():
    spec = xmr_chart(xmr(VALUES, periods=WEEKS), title="Days", unit="days").to_dict()
    readers = [layer["data"]["name"] for layer in spec["layer"] if "data" in layer]
    assert readers.count("points") == 2  # the grey line and the coloured points
    assert len(spec["datasets"]["points"]) == len(VALUES)
    assert sum(len(rows) for rows in spec["datasets"].values() if "value" in rows[0]) == len(VALUES)


def test_xmr_chart_marks_a_change_and_draws_each_segments_lines():
    values = [30.0, 34.0] * 8 + [20.0, 22.0] * 8
    weeks = [dt.date(2024, 1, 1) + dt.timedelta(weeks=i) for i in range(32)]
    result = xmr(values, periods=weeks, change_at=weeks[16])
    svg = chart_svg(xmr_chart(result, title="Days", unit="days"))
    rules = [g for g in groups(svg, "mark-rule") if "role-mark" in g.get("class")]
    lines = [line for g in rules for line in g]
    # mean, 2 limits and 2 2σ lines for each of two segments, and the change rule.
    assert len(lines) == 5 * 2 + 1
    assert ">change<" in svg


def test_xmr_chart_of_short_series_still_renders():
    for values in ([], [5.0], [5.0, 7.0]):
        svg = chart_svg(xmr_chart(xmr(values), title="Few", unit="contacts"))
        ElementTree.fromstring(svg)


def test_save_chart_writes_svg_and_valid_png(tmp_path):
    result = xmr(VALUES, periods=WEEKS)
    chart = xmr_chart(result, title="Days", unit="days")
    svg_path, png_path = save_chart(chart, tmp_path / "charts" / "end-to-end.time")
    assert svg_path.name == "end-to-end.time.svg"
    assert png_path.name == "end-to-end.time.png"
    ElementTree.fromstring(svg_path.read_text())
    width, height = assert_png(png_path.read_bytes())
    assert width > 600 and height > 200
    assert sorted(p.name for p in svg_path.parent.iterdir()) == [png_path.name, svg_path.name]


def test_bar_chart_labels_each_bar():
    table = pl.DataFrame(
        {"type": ["Request for help", "Chasing", "Repeat"], "count": [1200, 430, 31]}
    )
    svg = chart_svg(bar_chart(table, category="type", value="count", title="Contacts by type"))
    bars = [g for g in groups(svg, "mark-rect") if "role-mark" in g.get("class")]
    assert sum(len(g) for g in bars) == 3
    for text in ("Request for help", "Chasing", "Repeat", "1,200", "430", "31"):
        assert f">{text}<" in svg
    assert_png(chart_png(bar_chart(table, category="type", value="count", title="t")))


def test_rendering_never_fetches_data():
    remote = alt.Chart(alt.UrlData("https://example.org/data.csv")).mark_point().encode(x="a:Q")
    with pytest.raises(ValueError, match="url not allowed"):
        chart_svg(remote)


def test_lines_at_one_height_share_one_label():
    """A measure that never varies has its limits on its mean: one label, not three on top
    of each other."""
    result = xmr([0.0] * 12, periods=WEEKS[:12])
    assert result.segments[0].has_limits
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("label"), str) and "mean" in value["label"]:
                found.append(value["label"])
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(xmr_chart(result, title="Never varies", unit="").to_dict())
    assert found == ["mean, lower limit, upper limit 0"]


def test_charts_made_in_two_threads_at_once_leave_altairs_checking_as_it_was():
    import threading

    from altair.utils import schemapi

    from whatmatters.report.drawing import unchecked

    first_inside, second_inside, first_left = (
        threading.Event(),
        threading.Event(),
        threading.Event(),
    )
    seen = {}

    def first() -> None:
        with unchecked():
            first_inside.set()
            second_inside.wait(5)
        first_left.set()

    def second() -> None:
        first_inside.wait(5)
        with unchecked():
            second_inside.set()
            first_left.wait(5)  # the first thread has left: this one is still making its chart
            seen["while the other has left"] = schemapi.DEBUG_MODE

    before = schemapi.DEBUG_MODE
    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"while the other has left": False}
    after = schemapi.DEBUG_MODE
    assert after == before
