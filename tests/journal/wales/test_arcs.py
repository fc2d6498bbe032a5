"""ARCS through a column map: any layout a council has, the same journal; every fault named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from whatmatters.journal.wales.arcs import validate_arcs
from whatmatters.journal.wales.arcs_map import DEFAULT_HEADINGS, MapError, load_map
from whatmatters.journal.wales.importer import import_checked

YEAR = dt.date(2024, 3, 31)
# Three adults in the published layout: one open plan, one closed in the year, one
# with safeguarding; values as a council might hold them.
PUBLISHED = {
    "la_code": ["W06000015", "W06000015", "W06000015"],
    "person_id": ["A1", "A2", "A3"],
    "date_of_birth": ["01/02/1940", "15/06/1955", "30/11/1962"],
    "gender": ["Female", "Male", "Female"],
    "ethnicity": ["White Welsh", "White Welsh", "Asian"],
    "disability": ["Yes", "No", ""],
    "language": ["cy", "en", "en"],
    "period_start": ["01/01/2020", "10/05/2023", "01/09/2023"],
    "plan_active": ["Y", "N", "Y"],
    "closure_date": ["", "01/02/2024", ""],
    "closure_reason": ["", "Outcomes achieved", ""],
    "adult_safeguarding": ["N", "N", "Y"],
    "safeguarding_category": ["", "", "Neglect"],
}

# The same adults in another council's layout: own headings, other column order,
# ISO dates, 1/0 for yes/no and W/S for the language, and an extra column.
OTHER_HEADINGS = {
    "la_code": "Authority",
    "person_id": "Client Ref",
    "date_of_birth": "DOB",
    "gender": "Sex",
    "ethnicity": "Ethnic Group",
    "disability": "Disabled?",
    "language": "Lang",
    "period_start": "C&S Start",
    "plan_active": "Open at 31/3",
    "closure_date": "Closed",
    "closure_reason": "Closure Why",
    "adult_safeguarding": "AAR",
    "safeguarding_category": "AAR Category",
}
OTHER_MAP = """
[file]
year_ending = "2024-03-31"
date_format = "%Y-%m-%d"

[columns]
{columns}

[values.plan_active]
yes = ["1"]
no = ["0"]

[values.adult_safeguarding]
yes = ["1"]
no = ["0"]

[values.language]
W = "cy"
S = "en"
"""


def _iso(text: str) -> str:
    return dt.datetime.strptime(text, "%d/%m/%Y").strftime("%Y-%m-%d") if text else ""


def published(tmp_path: Path, **changes: list[str]) -> Path:
    data = {**PUBLISHED, **changes}
    frame = pl.DataFrame({DEFAULT_HEADINGS[k]: v for k, v in data.items()})
    path = tmp_path / "arcs.csv"
    frame.write_csv(path)
    return path


def other_layout(tmp_path: Path, given: dict[str, list[str]] = PUBLISHED) -> tuple[Path, Path]:
    recode = {"Y": "1", "N": "0", "cy": "W", "en": "S"}
    data = {
        k: [_iso(v) if k in ("date_of_birth", "period_start", "closure_date") else v for v in vs]
        for k, vs in given.items()
    }
    for k in ("plan_active", "adult_safeguarding", "language"):
        data[k] = [recode[v] for v in data[k]]
    columns = {OTHER_HEADINGS[k]: v for k, v in reversed(data.items())}
    frame = pl.DataFrame({"Keyworker": ["x"] * len(data["person_id"]), **columns})
    path = tmp_path / "council-extract.csv"
    frame.write_csv(path, separator=";")
    lines = "\n".join(f'{k} = "{v}"' for k, v in OTHER_HEADINGS.items())
    map_path = tmp_path / "map.toml"
    map_path.write_text(OTHER_MAP.format(columns=lines), encoding="utf-8")
    return path, map_path


def _journal(checked) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    return pl.from_arrow(checked.table()).drop("source", "source_row").sort("event_id")


def test_two_layouts_through_two_maps_give_the_same_journal(tmp_path: Path) -> None:
    a = validate_arcs([published(tmp_path)], load_map(None), YEAR)
    path, map_path = other_layout(tmp_path)
    other_map = load_map(map_path)
    b = validate_arcs([path], other_map, other_map.year_ending)
    assert a.ok and b.ok, (a.problems, b.problems)
    assert [p["field"] for p in b.problem_rows] == ["Keyworker"]  # the unused column, a warning
    assert_frame_equal(_journal(a), _journal(b))
    rows = _journal(a).to_dicts()
    assert [(r["event_id"], r["kind"]) for r in rows] == [
        ("arcs:2024:A1:plan", "plan"),
        ("arcs:2024:A2:closure", "closure"),
        ("arcs:2024:A2:plan", "plan"),
        ("arcs:2024:A3:plan", "plan"),
    ]
    a2_plan = rows[2]
    assert (a2_plan["start"], a2_plan["end"]) == (dt.datetime(2023, 5, 10), dt.datetime(2024, 2, 1))
    assert rows[1]["reason"] == "Outcomes achieved"
    assert [r["language_preference"] for r in rows] == ["cy", "en", "en", "en"]
    assert [r["safeguarding_category"] for r in rows] == [None, None, None, "Neglect"]
    assert rows[0]["reporting_period_start"] == dt.date(2023, 4, 1)


ACTIVE, CLOSED = DEFAULT_HEADINGS["plan_active"], DEFAULT_HEADINGS["closure_date"]
START = DEFAULT_HEADINGS["period_start"]


@pytest.mark.parametrize(
    ("changes", "row", "field", "rule"),
    [
        ({"plan_active": ["Y", "Y", "Y"]}, 3, ACTIVE, "active_but_closed"),
        ({"plan_active": ["N", "N", "Y"]}, 2, CLOSED, "closed_without_date"),
        ({"closure_date": ["", "01/02/2023", ""]}, 3, CLOSED, "date_order"),
        ({"period_start": ["01/01/2020", "10/05/2023", "01/04/2024"]}, 4, START, "outside_year"),
        ({"person_id": ["A1", "A1", "A3"]}, 3, "LA adult identifier", "duplicate_person"),
        ({"language": ["cy", "fr", "en"]}, 3, "Language", "code"),
        ({"plan_active": ["Y", "maybe", "Y"]}, 3, ACTIVE, "yes_no"),
        ({"person_id": ["A1", "", "A3"]}, 3, "LA adult identifier", "required"),
    ],
)  # fmt: skip
def test_a_bad_row_is_named_and_left_out(
    tmp_path: Path, changes: dict[str, list[str]], row: int, field: str, rule: str
) -> None:
    checked = validate_arcs([published(tmp_path, **changes)], load_map(None), YEAR)
    errors = checked.problems.filter(severity="error").to_dicts()
    assert [(e["file"], e["row"], e["field"], e["rule"]) for e in errors] == [
        ("arcs.csv", row, field, rule)
    ]
    assert checked.rows_with_errors == 1
    assert import_checked(checked, tmp_path / "j", strict=True).journal is None
    assert not (tmp_path / "j").exists()


def test_a_map_naming_a_missing_heading_refuses_the_file(tmp_path: Path) -> None:
    map_path = tmp_path / "map.toml"
    map_path.write_text('[columns]\nperson_id = "Client Ref"\n', encoding="utf-8")
    checked = validate_arcs([published(tmp_path)], load_map(map_path), YEAR)
    assert checked.refused_files
    [problem] = checked.problem_rows[:1]
    assert (problem["field"], problem["rule"]) == ("Client Ref", "map_column")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[columns]\nnhs = 'NHS'\n", "'nhs', which is not one of"),
        ("[file]\nyear_ending = 2024-04-01\n", "is not a 31 March"),
        ("[values.plan_active]\nyes = ['Y']\n", "needs both yes"),
        ("[values.language]\nW = 'welsh'\n", "use one of cy, en, other"),
        ("[columns\n", "not valid TOML"),
        ("[file]\ndate_format = '%Q'\n", "not a date format"),
        ("[file]\ndate_format = 3\n", "not a date format"),
        ("[values.plan_active]\nyes = 'Y'\nno = ['N']\n", "must be a list"),
        ("[values]\nlanguage = 'cy'\n", "must be a table"),
    ],
)
def test_a_bad_map_is_refused_with_its_key_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "map.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MapError, match=message):
        load_map(path)


def test_a_map_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "map.toml"
    path.write_bytes(b'[columns]\nperson_id = "Cyf\xe5"\n')
    with pytest.raises(MapError, match="not UTF-8"):
        load_map(path)


# Any census: adults with open or closed plans, in the published layout and in
# another council's layout (own headings, ISO dates, 1/0, W/S, semicolons).
_TEXT = (
    st.text(
        st.characters(whitelist_categories=("L", "N"), whitelist_characters=" -'"),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def census(draw: st.DrawFn) -> dict[str, list[str]]:
    n = draw(st.integers(1, 8))
    ids = draw(st.lists(_TEXT, min_size=n, max_size=n, unique_by=str.casefold))
    data: dict[str, list[str]] = {k: [] for k in PUBLISHED}
    for person in ids:
        start = draw(st.dates(dt.date(2000, 1, 1), YEAR))
        closed = draw(st.none() | st.dates(max(start, dt.date(2023, 4, 1)), YEAR))
        safeguarded = draw(st.booleans())
        row = {
            "la_code": "W06000015",
            "person_id": person,
            "date_of_birth": draw(st.dates(dt.date(1920, 1, 1), dt.date(2005, 1, 1))).strftime(
                "%d/%m/%Y"
            ),
            "gender": draw(st.sampled_from(["Female", "Male", ""])),
            "ethnicity": draw(_TEXT),
            "disability": draw(st.sampled_from(["Yes", "No", ""])),
            "language": draw(st.sampled_from(["cy", "en"])),
            "period_start": start.strftime("%d/%m/%Y"),
            "plan_active": "N" if closed else "Y",
            "closure_date": closed.strftime("%d/%m/%Y") if closed else "",
            "closure_reason": draw(_TEXT) if closed else "",
            "adult_safeguarding": "Y" if safeguarded else "N",
            "safeguarding_category": draw(st.sampled_from(["", "Neglect"])) if safeguarded else "",
        }
        for key, value in row.items():
            data[key].append(value)
    return data


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=census())
def test_any_census_imports_the_same_through_either_layout(
    tmp_path: Path, data: dict[str, list[str]]
) -> None:
    a = validate_arcs([published(tmp_path, **data)], load_map(None), YEAR)
    path, map_path = other_layout(tmp_path, data)
    other_map = load_map(map_path)
    b = validate_arcs([path], other_map, other_map.year_ending)
    assert a.errors == 0 and b.errors == 0, (a.problem_rows, b.problem_rows)
    assert_frame_equal(_journal(a), _journal(b))
    closed = sum(1 for c in data["closure_date"] if c)
    assert len(a.rows) == len(data["person_id"]) + closed
