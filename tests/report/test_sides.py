"""The report with a change date: before and after side by side, filters, the people behind."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.check.conftest import journal, loader
from tests.check.test_sides import PARAMS, ROWS
from whatmatters.check.params import CheckParams
from whatmatters.check.run import CheckResult, run_check
from whatmatters.check.sides import AFTER, BEFORE, WHOLE
from whatmatters.language import use
from whatmatters.report.figure import PEOPLE_SHOWN
from whatmatters.report.figures import sections
from whatmatters.report.sections import sides
from whatmatters.report.side_names import side_names, side_phrases

SIDE_FIGURES = (
    "journeys_sides",
    "value_failure_sides",
    "demand_by_type_sides",
    "process_map_sides",
    "process_map_time_sides",
    "variants_sides",
)


def _page(report: Path) -> str:
    return (report / "index.html").read_text(encoding="utf-8")


def _spec(page: str, key: str) -> dict:
    found = re.search(rf'<script type="application/json" id="spec-{key}">(.*?)</script>', page)
    assert found, key
    return json.loads(found.group(1))


def _rows(spec: dict) -> list[dict]:
    """The rows a chart draws: its named dataset."""
    return spec["datasets"][spec["data"]["name"]]


def test_each_side_by_side_figure_is_on_the_page(report: Path) -> None:
    page = _page(report)
    for key in SIDE_FIGURES:
        assert f'<figure id="{key}"' in page, key
    assert "Before 1 Jan 2024 a typical journey went through" in page


def test_the_two_process_maps_share_one_layout(report: Path) -> None:
    page = _page(report)
    figure = page[page.index('<figure id="process_map_sides"') :]
    figure = figure[: figure.index("</figure>")]
    maps = re.split(r'<svg x="', figure)[1:]
    assert len(maps) == 2
    boxes = [
        re.findall(
            r'<g class="activity" data-activity="([^"]+)"[^>]*>.*?'
            r'<rect x="([0-9.]+)" y="([0-9.]+)"',
            m,
        )
        for m in maps
    ]
    assert boxes[0] and [(n, x, y) for n, x, y in boxes[0]] == [(n, x, y) for n, x, y in boxes[1]]
    assert "before the change" in maps[0] and "after the change" in maps[1]


def test_paired_bars_filter_by_side_with_a_labelled_select(report: Path) -> None:
    spec = _spec(_page(report), "value_failure_sides")
    (side,) = [p for p in spec["params"] if p["name"] == "side"]
    assert side["bind"]["input"] == "select"
    assert side["bind"]["options"] == ["both", "before", "after"]
    assert side["bind"]["name"].strip()
    periods = {row["period"] for row in _rows(spec)}
    assert periods == {"before", "after"}


def test_the_handoff_matrix_filters_by_side_and_team(report: Path) -> None:
    spec = _spec(_page(report), "team_handoffs")
    names = {p["name"]: p for p in spec["params"]}
    assert names["side"]["bind"]["options"] == ["whole window", "before", "after"]
    assert names["team"]["bind"]["options"][0] == "all teams"
    periods = {row["period"] for row in _rows(spec)}
    assert periods == {"whole window", "before", "after"}


def test_the_people_behind_a_figure_are_listed_capped_from_the_table(report: Path) -> None:
    page = _page(report)
    figures = re.findall(r'<figure id="(\w+)"', page)
    assert {"variants", "self_referrals", "repeat_requests"} <= set(figures)
    behind = pq.read_table(report / "tables" / "self_referral_people.parquet").to_pylist()
    figure = re.search(r'<figure id="self_referrals".*?</figure>', page, flags=re.S).group(0)
    shown = re.findall(r"<details><summary>The (\d+) (?:person|people) behind (.+?)&#39;s", figure)
    assert shown
    for count, team in shown:
        ids = [r["person_id"] for r in behind if r["team"] == team]
        assert int(count) == len(ids)
        listed = re.search(
            rf"behind {re.escape(team)}&#39;s self-referrals</summary>\s*"
            r"<p>(.*?)(?: and \d+ more|\.</p>)",
            figure,
        ).group(1)
        assert listed.split(", ") == ids[:PEOPLE_SHOWN]


def _result(tables: dict[str, pa.Table]) -> CheckResult:
    return CheckResult(CheckParams(), None, [], None, tables)  # type: ignore[arg-type]


def test_a_teams_self_referral_share_on_each_side_with_a_dash_where_it_made_none() -> None:
    shares = pa.Table.from_pylist(
        [
            dict(period=BEFORE, team="A", share=0.25),
            dict(period=AFTER, team="A", share=0.5),
            dict(period=AFTER, team="B", share=1.0),
        ]
    )
    split = {
        "journeys_by_period": pa.table({"period": [BEFORE]}),
        "self_referrals_by_period": shares,
    }
    by_side = sides.self_referral_shares(_result(split))
    assert (by_side("A"), by_side("B"), by_side("C")) == (("25%", "50%"), ("–", "100%"), ("–", "–"))
    assert sides.self_referral_shares(_result({}))("A") == ()  # no change date: no columns


def test_every_side_the_check_writes_is_named_in_each_language() -> None:
    for language in ("en", "cy"):
        with use(language):
            names, phrases = side_names(), side_phrases()
        assert set(names) == set(phrases) == {BEFORE, AFTER, WHOLE}, language
        assert len(set(names.values())) == len(set(phrases.values())) == 3, language
    with use("cy"):
        assert side_names()[BEFORE] == "cyn" and side_phrases()[AFTER] == "ar ôl y newid"


def test_without_a_change_date_nothing_is_split() -> None:
    with loader("duckdb") as put:
        result = run_check(put(journal(ROWS)), CheckParams())
    keys = {f.key for s in sections(result) for f in s.figures}
    assert not keys & set(SIDE_FIGURES)
    assert "team_handoffs" in keys


@pytest.mark.parametrize("key", SIDE_FIGURES[1:3])
def test_paired_bars_carry_both_sides_counts(report: Path, key: str) -> None:
    spec = _spec(_page(report), key)
    table = "value_failure_by_period" if key == "value_failure_sides" else None
    if table:
        rows = pq.read_table(report / "tables" / f"{table}.parquet").to_pylist()
        want = {(r["period"], r["demand"]): r["count"] for r in rows}
        got = {(r["period"], r["demand"]): r["count"] for r in _rows(spec)}
        assert got == want
    else:
        assert {r["period"] for r in _rows(spec)} == {"before", "after"}


def test_first_point_resolution_is_said_for_each_side() -> None:
    with loader("duckdb") as put:
        result = run_check(put(journal(ROWS)), PARAMS)
    (figure,) = [f for s in sections(result) for f in s.figures if f.key == "first_point"]
    assert figure.sentence.endswith("Resolved there: not recorded before 1 Mar 2024, 67% after it.")
    assert "first_point_by_period" in figure.tables
