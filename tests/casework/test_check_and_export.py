"""``whatmatters check`` and ``export cld`` run on the casework database itself."""

from __future__ import annotations

import datetime

import polars as pl
import pytest
from django.db import connection
from typer.testing import CliRunner

from tests.casework.fixtures import database_url
from whatmatters.casework.demo.history import council_history
from whatmatters.casework.demo.importer import import_journal
from whatmatters.casework.journal_rows.fields import TABLE
from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.casework.outcomes.services import record_outcome
from whatmatters.casework.plans.models import Action
from whatmatters.casework.plans.services import add_action, make_plan
from whatmatters.check.backends import DEFAULT_TABLE
from whatmatters.cli import app
from whatmatters.journal.cld.importer import import_cld
from whatmatters.journal.store import read_journal

TODAY = datetime.date(2026, 3, 9)
PAID = {
    "action_by": "paid_service",
    "service_type": "Long term support: Community",
    "service_component": "Home support or domiciliary care",
    "delivery_mechanism": "CASSR commissioned support",
    "who": "",
    "when": "Mornings",
}


@pytest.fixture
def council(audit_triggers_lifted_after, alice, mary):
    """A casework database: the synthetic council's history and Mary's paid services."""
    import_journal(council_history(400, seed=4, today=TODAY))
    outcome = record_outcome(alice, mary, words="Stay at home", words_by="person")
    plan = make_plan(alice, mary, made_with="Mary", review_on=None)
    costs = (("Hourly", 22.5, 3.5), ("Weekly", 700.0, None), ("Monthly", 310.0, None))
    for frequency, unit_cost, units in costs:
        add_action(
            alice,
            plan,
            outcome=outcome,
            description=f"Help, charged {frequency.lower()}",
            cost_frequency=frequency,
            unit_cost=unit_cost,
            hours_per_week=units,
            planned_units_per_week=units,
            **PAID,
        )


def test_the_journal_table_is_the_one_the_check_reads():
    assert TABLE == DEFAULT_TABLE


@pytest.mark.django_db(transaction=True)
def test_check_runs_on_the_casework_database(council, mary, tmp_path):
    backend = "sqlite" if connection.vendor == "sqlite" else "postgres"
    source = connection.settings_dict["NAME"] if backend == "sqlite" else database_url()
    out = tmp_path / "report"
    done = CliRunner().invoke(app, ["check", "--backend", backend, source, "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert (out / "index.html").is_file()
    # Every person with rows in the casework journal is in the check's people table.
    people = pl.read_parquet(out / "tables" / "people.parquet")["person_id"].to_list()
    journal = set(JournalRow.objects.values_list("person_id", flat=True))
    assert set(people) <= journal and mary.council_id in people


@pytest.mark.django_db(transaction=True)
def test_export_cld_from_the_casework_database(council, tmp_path):
    out = tmp_path / "casework.csv"
    done = CliRunner().invoke(
        app, ["export", "cld", "--database", database_url(), "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert "CLD rows" in done.output
    result = import_cld([out], tmp_path / "journal")
    assert result.ok, result.refused
    # Every paid service made in casework is a valid CLD row (open work is not
    # yet a CLD request: a request must have ended).
    errors = result.validation.problems.filter(pl.col("severity") == "error")
    assert set(errors["field"]) <= {"Event End Date"}
    back = pl.from_arrow(read_journal(tmp_path / "journal"))
    services = back.filter(pl.col("event_reference").str.starts_with("action "))
    weekly = dict(zip(services["event_reference"], services["weekly_cost"], strict=True))
    for action in Action.objects.all():
        assert weekly[f"action {action.pk}"] == pytest.approx(action.weekly_cost)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--database", "sqlite:////nowhere/casework.sqlite3"], "no SQLite database at"),
        (["--database", "nonsense"], "is not a database URL"),
        ([], "give a journal folder or --database"),
    ],
)
def test_export_from_a_database_that_is_not_there_says_so(tmp_path, arguments, message):
    done = CliRunner().invoke(app, ["export", "cld", *arguments, "--out", str(tmp_path / "x")])
    assert done.exit_code == 1
    assert message in " ".join(done.output.split())
    assert not (tmp_path / "x").exists()
