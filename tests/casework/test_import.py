"""Importing a journal's history into the casework database keeps every value."""

from __future__ import annotations

import datetime

import pyarrow as pa
import pytest

from whatmatters.casework.demo.history import council_history
from whatmatters.casework.demo.importer import JournalImportError, import_journal
from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.casework.journal_rows.source import connect_django, journal_table
from whatmatters.casework.people.models import Person
from whatmatters.journal.schema import SCHEMA


@pytest.mark.django_db(transaction=True)
def test_every_row_reads_back_as_it_went_in(audit_triggers_lifted_after):
    history = council_history(1_000, seed=2, today=datetime.date(2026, 2, 3))
    summary = import_journal(history)
    assert summary.rows == history.num_rows == JournalRow.objects.count()
    con = connect_django()
    read = journal_table(con).to_pyarrow()
    con.disconnect()  # left to the garbage collector, it can outlive the test database
    assert read.schema.equals(SCHEMA, check_metadata=False)
    order = [("event_id", "ascending")]
    expected = pa.Table.from_batches(history.sort_by(order).to_batches(), SCHEMA)
    assert read.sort_by(order).cast(SCHEMA).equals(expected)
    # The ORM reads the same rows (timestamps are UTC).
    first = expected.slice(0, 1).to_pylist()[0]
    row = JournalRow.objects.get(event_id=first["event_id"])
    assert row.start == first["start"].replace(tzinfo=datetime.UTC)
    assert row.date_of_birth == first["date_of_birth"]
    person = Person.objects.get(council_id=first["person_id"])
    assert (person.first_name, person.last_name) == (first["first_name"], first["last_name"])


def test_repeated_rows_or_people_are_refused_by_name(db):
    history = council_history(300, seed=2, today=datetime.date(2026, 2, 3))
    doubled = pa.concat_tables([history, history.slice(3, 1)])
    repeated = history["event_id"][3].as_py()
    with pytest.raises(JournalImportError, match=f"event_id '{repeated}' is on more than one"):
        import_journal(doubled)
    assert not JournalRow.objects.exists() and not Person.objects.exists()
    import_journal(history)
    rows, people = JournalRow.objects.count(), Person.objects.count()
    with pytest.raises(JournalImportError, match="is already in the casework database"):
        import_journal(history)
    assert (JournalRow.objects.count(), Person.objects.count()) == (rows, people)
