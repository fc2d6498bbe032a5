"""The import's options: receiving team and other journal columns, classifier, bad values."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from whatmatters.check import referrals
from whatmatters.cli import app
from whatmatters.journal.eventlog import EventColumns, import_events
from whatmatters.journal.eventlog.columns import Classifier
from whatmatters.journal.store import read_journal
from whatmatters.journal.tables import open_journal

from .conftest import write_xes

KINDS = '[exact]\n"refer" = "referral"\n"close" = "closure"\n'


def referral_log(tmp_path: Path) -> Path:
    """Referrals by three teams: A refers to itself 3 times of 5, B 1 of 2, C never (1)."""
    rows = ["case,activity,time,team,worker,to_team,why"]
    moves = [("A", "A")] * 3 + [("A", "B")] * 2 + [("B", "B"), ("B", "A"), ("C", "A")]
    for n, (team, to) in enumerate(moves):
        rows.append(f"P{n},refer,2024-03-0{1 + n % 9}T09:00:00,{team},W{n},{to},more help")
    rows.append("P0,close,2024-03-20T09:00:00,A,W0,,no longer needed")
    path = tmp_path / "log.csv"
    path.write_text("\n".join(rows) + "\n")
    (tmp_path / "kinds.toml").write_text(KINDS)
    return path


def columns(**extra) -> EventColumns:
    return EventColumns("case", "activity", "time", team="team", worker="worker", **extra)


def test_receiving_team_gives_the_exact_self_referrals_by_team(tmp_path: Path) -> None:
    log = referral_log(tmp_path)
    out = tmp_path / "j"
    import_events(log, out, columns=columns(to_team="to_team"), kinds=tmp_path / "kinds.toml")
    rates = referrals.self_referral_rates(open_journal(out)).to_pyarrow().to_pylist()
    by_team = {r["team"]: (r["self_referrals"], r["referrals"]) for r in rates}
    assert by_team == {"A": (3, 5), "B": (1, 2), "C": (0, 1)}


def test_without_the_receiving_team_no_self_referral_can_be_seen(tmp_path: Path) -> None:
    log = referral_log(tmp_path)
    out = tmp_path / "j"
    import_events(log, out, columns=columns(), kinds=tmp_path / "kinds.toml")
    assert read_journal(out)["to_team"].null_count == 9


def test_any_journal_text_column_can_be_filled(tmp_path: Path) -> None:
    log = referral_log(tmp_path)
    out = tmp_path / "j"
    extra = columns(to_team="to_team", fields=(("reason", "why"),))
    import_events(log, out, columns=extra, kinds=tmp_path / "kinds.toml")
    rows = read_journal(out).to_pylist()
    closure = next(r for r in rows if r["kind"] == "closure")
    assert (closure["reason"], closure["to_team"]) == ("no longer needed", None)
    assert all(r["reason"] == "more help" for r in rows if r["kind"] == "referral")


def test_paired_events_take_the_complete_value_else_the_start_value(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "case,activity,time,lifecycle:transition,to_team\n"
        "P1,refer,2024-03-01T09:00:00,start,B\n"
        "P1,refer,2024-03-02T09:00:00,complete,\n"
        "P1,refer,2024-03-03T09:00:00,start,B\n"
        "P1,refer,2024-03-04T09:00:00,complete,C\n"
    )
    out = tmp_path / "j"
    import_events(log, out, columns=EventColumns("case", "activity", "time", to_team="to_team"))
    assert read_journal(out)["to_team"].to_pylist() == ["B", "C"]


def test_classifier_names_the_step_with_or_without_its_status(tmp_path: Path) -> None:
    log = write_xes(
        tmp_path / "log.xes",
        [
            (
                "c1",
                [
                    {
                        "concept:name": "Accepted",
                        "lifecycle:transition": "In Progress",
                        "time:timestamp": "2024-03-01T09:00:00",
                    },
                    {
                        "concept:name": "Queued",
                        "lifecycle:transition": "complete",
                        "time:timestamp": "2024-03-02T09:00:00",
                    },
                ],
            )
        ],
    )
    named = {}
    for classifier in Classifier:
        out = tmp_path / classifier.value
        import_events(log, out, columns=EventColumns(classifier=classifier))
        named[classifier] = read_journal(out)["activity"].to_pylist()
    assert named[Classifier.NAME] == ["Accepted", "Queued"]
    assert named[Classifier.NAME_LIFECYCLE] == ["Accepted (In Progress)", "Queued"]


def test_timestamps_keep_their_microseconds(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "case:concept:name,concept:name,time:timestamp\n"
        "P1,a,2024-03-01T09:00:00.123456+01:00\n"
        "P1,b,30/03/2024 10:00:01.5\n"
    )
    out = tmp_path / "j"
    import_events(log, out)
    starts = read_journal(out)["start"].to_pylist()
    assert [(s.second, s.microsecond) for s in starts] == [(0, 123456), (1, 500000)]


BAD_OPTIONS = [
    (["--lifecycle="], "--lifecycle is empty"),
    (["--team", " "], "--team is empty"),
    (["--worker="], "--worker is empty"),
    (["--person="], "--person is empty"),
    (["--activity="], "--activity is empty"),
    (["--start="], "--start is empty"),
    (["--to-team="], "--to-team is empty"),
    (["--council="], "--council is empty"),
    (["--kinds="], "--kinds is empty"),
    (["--classifier", "status"], "--classifier 'status': choose 'name' or 'name+lifecycle'"),
    (["--field", "reason"], "write it as JOURNAL_COLUMN=LOG_COLUMN"),
    (["--field", "=why"], "write it as JOURNAL_COLUMN=LOG_COLUMN"),
    (["--field", "activity=why"], "'activity' is no journal text column"),
    (["--field", "rating=why"], "'rating' is no journal text column"),
    (["--field", "nonsense=why"], "'nonsense' is no journal text column"),
    (["--to-team", "a", "--field", "to_team=b"], "'to_team' is named twice"),
]


@pytest.mark.parametrize(("options", "message"), BAD_OPTIONS)
@pytest.mark.parametrize("name", ["running-example.xes", "running-example.csv"])
def test_every_bad_option_value_is_a_one_line_error(
    tmp_path: Path, eventlogs: Path, name: str, options: list[str], message: str
) -> None:
    out = tmp_path / "j"
    args = ["import", "events", str(eventlogs / name), "--out", str(out), *options]
    result = CliRunner().invoke(app, args, terminal_width=400)
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [result.output.strip()]
    assert message in result.output and "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("option", ["--to-team", "--field"])
def test_a_named_column_the_log_lacks_is_one_problem(
    tmp_path: Path, eventlogs: Path, option: str
) -> None:
    value = "nope" if option == "--to-team" else "reason=nope"
    for name in ("running-example.xes", "running-example.csv"):
        out = tmp_path / name
        args = ["import", "events", str(eventlogs / name), "--out", str(out), option, value]
        result = CliRunner().invoke(app, args, terminal_width=400)
        assert result.exit_code == 1 and "'nope'" in result.output, result.output
        assert "Traceback" not in result.output and not out.exists()
