"""Activity names map to journal kinds; what nothing maps is 'other' and reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from whatmatters.cli import app
from whatmatters.journal.eventlog import EventLogError, KindMap, import_events, load_kind_map
from whatmatters.journal.schema import Kind
from whatmatters.journal.store import read_journal

MAPPING = """
# the running example, as a council might map it
[exact]
"register request" = "request"
"decide" = "assessment"

[patterns]
"examine *" = "assessment"
"*REQUEST" = "closure"
"pay *" = "service"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kinds.toml"
    path.write_text(text)
    return path


def test_exact_names_first_then_patterns_in_order_ignoring_case(tmp_path: Path) -> None:
    kinds = load_kind_map(write(tmp_path, MAPPING))
    assert kinds.kind_of("register request") is Kind.REQUEST  # exact beats "*REQUEST"
    assert kinds.kind_of("reject request") is Kind.CLOSURE
    assert kinds.kind_of("Examine Thoroughly") is Kind.ASSESSMENT
    assert kinds.kind_of("Register request") is Kind.CLOSURE  # exact names keep their case
    assert kinds.kind_of("check ticket") is None


def test_import_sets_kinds_and_reports_the_unmapped(tmp_path: Path, eventlogs: Path) -> None:
    kinds = write(tmp_path, MAPPING)
    result = import_events(eventlogs / "running-example.xes", tmp_path / "j", kinds=kinds)
    assert result.unmapped == {"check ticket": 9}
    assert result.kinds == {"assessment": 18, "other": 9, "request": 6, "closure": 6, "service": 3}
    journal = read_journal(tmp_path / "j").to_pandas()
    by_activity = dict(zip(journal["activity"], journal["kind"], strict=True))
    assert by_activity["examine casually"] == "assessment"
    assert by_activity["check ticket"] == "other"


def test_without_a_mapping_everything_is_other(tmp_path: Path, eventlogs: Path) -> None:
    result = import_events(eventlogs / "running-example.csv", tmp_path / "j")
    assert result.kinds == {"other": 42}
    assert len(result.unmapped) == 8


def test_a_kind_map_can_be_given_in_python(tmp_path: Path, eventlogs: Path) -> None:
    kinds = KindMap(exact={"decide": Kind.ASSESSMENT}, patterns=(("*", Kind.CONTACT),))
    result = import_events(eventlogs / "running-example.xes", tmp_path / "j", kinds=kinds)
    assert result.kinds == {"contact": 33, "assessment": 9} and result.unmapped == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[exact]\n"decide" = "decision"\n', "'decision' is not a journal kind (one of: contact"),
        ('[exact]\n"decide" = \'assessment\n', "not valid TOML"),
        ('[synonyms]\n"decide" = "assessment"\n', "unknown section 'synonyms'"),
        ('exact = "assessment"\n', "[exact] must be a table"),
    ],
)
def test_bad_mapping_files(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(EventLogError) as caught:
        load_kind_map(write(tmp_path, text))
    assert message in str(caught.value)
    assert str(caught.value).startswith("kinds.toml")


def test_command_lists_unmapped_activities(tmp_path: Path, eventlogs: Path) -> None:
    kinds = write(tmp_path, MAPPING)
    args = [
        "import",
        "events",
        str(eventlogs / "running-example.xes"),
        "--out",
        str(tmp_path / "j"),
    ]
    result = CliRunner().invoke(app, [*args, "--kinds", str(kinds)])
    assert result.exit_code == 0, result.output
    assert "1 activities have no kind" in result.output
    assert "check ticket (9 rows)" in result.output


def test_command_with_a_bad_mapping_writes_nothing(tmp_path: Path, eventlogs: Path) -> None:
    kinds = write(tmp_path, '[exact]\n"decide" = "decision"\n')
    args = [
        "import",
        "events",
        str(eventlogs / "running-example.xes"),
        "--out",
        str(tmp_path / "j"),
    ]
    result = CliRunner().invoke(app, [*args, "--kinds", str(kinds)])
    assert result.exit_code == 1 and "is not a journal kind" in result.output
    assert not (tmp_path / "j").exists()
