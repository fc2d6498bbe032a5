"""The journal table in the casework database is a journal the check engine reads."""

from __future__ import annotations

import pyarrow.compute as pc
import pytest
from django.db import connection

from whatmatters.casework.journal_rows.fields import journal_fields
from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.casework.journal_rows.source import connect_django, journal_table
from whatmatters.casework.outcomes.services import record_outcome
from whatmatters.journal.schema import COLUMN_NAMES, SCHEMA


def test_the_table_has_exactly_the_journal_columns():
    assert [f.column for f in JournalRow._meta.fields] == list(COLUMN_NAMES)
    assert list(journal_fields()) == list(COLUMN_NAMES)


@pytest.mark.django_db(transaction=True)
def test_ibis_reads_casework_rows_as_a_journal(audit_triggers_lifted_after, alice, mary):
    record_outcome(alice, mary, words="  I would like to go shopping ", words_by="person")
    con = connect_django()
    table = journal_table(con).to_pyarrow()
    con.disconnect()  # left to the garbage collector, it can outlive the test database
    assert table.schema.equals(SCHEMA, check_metadata=False)
    outcome = table.filter(pc.equal(table["kind"], "outcome"))
    assert outcome["words"].to_pylist() == ["  I would like to go shopping "]
    assert outcome["person_id"].to_pylist() == [mary.council_id]
    assert outcome["nhs_number"].to_pylist() == ["9434765919"]
    # Naive UTC, as every journal's timestamps are.
    stored = JournalRow.objects.get(event_id=outcome["event_id"][0].as_py()).start
    read = outcome["start"][0].as_py()
    assert read.tzinfo is None
    assert abs((stored.replace(tzinfo=None) - read).total_seconds()) < 1e-3
    assert connection.vendor in ("sqlite", "postgresql")
