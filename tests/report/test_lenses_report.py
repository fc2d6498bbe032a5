"""The lenses on the page: the story in words, what people asked for, system conditions, the menu.

Read from the report the command writes (``report`` in conftest.py) and, for
the options of issue 12, from a second run with ``--targets`` and
``--story-by``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from whatmatters import words
from whatmatters.check.asked import NOT_IN_WORDS, SOMETHING_ELSE, VALUE
from whatmatters.check.targets import EXAMPLE
from whatmatters.cli import app
from whatmatters.report.sections import conditions, menu


def _page(folder: Path) -> str:
    return html.unescape((folder / "index.html").read_text())


def _table(folder: Path, name: str) -> list[dict]:
    return pq.read_table(folder / "tables" / f"{name}.parquet").to_pylist()


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", *args])
    return result.exit_code, result.output


def test_the_most_fragmented_story_is_on_the_page_in_words(report: Path) -> None:
    page = _page(report)
    timeline = _table(report, "timeline")
    person = _table(report, "fragmented")[0]["person_id"]  # the most fragmented, by teams
    assert f"One person's story: {person}" in page
    assert "is the journey with the most teams" in page
    assert "They told their story " in page
    said = [r["words"] for r in timeline if r["words"]]
    assert said, "the planted story has the person's words"
    for quote in said:
        assert f"“{quote}”" in page, quote  # each step's words, quoted, in the step table
    first = timeline[0]
    assert words.date(first["start"]) in page
    assert "story" in json.loads((report / "report.json").read_text())["charts"]  # labelled


def test_what_people_asked_for_is_in_their_words_never_the_record_type(report: Path) -> None:
    page = _page(report)
    asked = _table(report, "asked_for")
    value = sorted(
        (
            r
            for r in asked
            if r["demand"] == VALUE and r["asked"] not in (NOT_IN_WORDS, SOMETHING_ELSE)
        ),
        key=lambda r: -r["count"],
    )
    assert value and value[0]["asked"] not in {"Contact", "Request", "contact", "request"}
    assert f"The commonest thing people asked for was {value[0]['asked']}" in page
    examples = [r for r in _table(report, "asked_examples") if r["demand"] == VALUE]
    assert examples and all(r["words"] in page for r in examples if r["example"] == 1)
    assert "Value and failure demand, side by side" in page
    # the figure by record type says it is a type, not what was asked
    assert "the commonest recorded type was" in page


def test_closures_reopened_and_the_menu_are_said_in_words(report: Path) -> None:
    page = _page(report)
    assert conditions.reopened_sentence(_table(report, "reopened")) in page
    assert conditions.NO_TARGETS in page  # no --targets: the page says how to give them
    rows = _table(report, "menu_by_team")
    assert menu.sentence(rows, ["before", "after"]) in page


@pytest.fixture(scope="module")
def with_targets(journal_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("targets") / "report"
    code, output = _check(
        str(journal_folder),
        "--out",
        str(out),
        "--change-date",
        "2024-01-01",
        "--targets",
        str(EXAMPLE),
        "--story-by",
        "records",
    )
    assert code == 0, output
    return out


def test_the_targets_are_shown_with_the_days_taken_around_them(with_targets: Path) -> None:
    page = _page(with_targets)
    found = _table(with_targets, "deadlines")
    assert {r["target"] for r in found} == {"assessment", "review"}
    for target in found:
        assert conditions.heaping_sentence(target) in page, target["target"]
    charts = json.loads((with_targets / "report.json").read_text())["charts"]
    assert any(key.startswith("deadline_") for key in charts)
    assert conditions.NO_TARGETS not in page


def test_the_story_told_is_the_one_asked_for(with_targets: Path) -> None:
    people = _table(with_targets, "people")
    most = max(people, key=lambda r: (r["events"], r["teams"]))["events"]
    page = _page(with_targets)
    assert "is the journey with the most records" in page
    shown = next(r for r in people if f"One person's story: {r['person_id']}<" in page)
    assert shown["events"] == most


def test_a_bad_targets_file_stops_the_check_in_one_line(journal_folder: Path, tmp_path) -> None:
    bad = tmp_path / "targets.toml"
    bad.write_text('[assessment]\nkind = "assessment"\nwithin = 28\n')
    code, output = _check(str(journal_folder), "--out", str(tmp_path / "r"), "--targets", str(bad))
    assert code == 2
    assert "unknown key 'within'" in output and "Traceback" not in output
    assert len(output.strip().splitlines()) == 1
    assert not (tmp_path / "r").exists()


def test_an_unknown_story_measure_is_refused(journal_folder: Path, tmp_path) -> None:
    code, output = _check(str(journal_folder), "--out", str(tmp_path / "r"), "--story-by", "cats")
    assert code == 2 and "--story-by" in output
