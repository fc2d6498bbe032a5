"""Loading a journal's history into the casework database.

People become casework records (allocated to the team that last had
them), and every journal row is copied into the casework journal table,
so a person's timeline and the measures show their history from before
casework began. Used by the demo; a council moving its records in would
use it the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from whatmatters.journal.schema import conform

BATCH = 5_000


class JournalImportError(ValueError):
    """The journal cannot be imported as it is; the message says why."""


@dataclass(frozen=True)
class ImportSummary:
    people: int
    rows: int
    teams: int


def _with_event_ids(table: pa.Table) -> pa.Table:
    """Rows without an event id get one (the casework table's key)."""
    ids = table["event_id"]
    if ids.null_count == 0:
        return table
    made = pa.array([f"import-{n}" for n in range(table.num_rows)])
    filled = pc.if_else(pc.is_valid(ids), ids, made)
    return table.set_column(table.schema.get_field_index("event_id"), "event_id", filled)


def _refuse_repeats(table: pa.Table) -> None:
    """Event ids are the table's key and people arrive once: name the first clash."""
    from whatmatters.casework.journal_rows.models import JournalRow
    from whatmatters.casework.people.models import Person

    counts = pc.value_counts(table["event_id"])
    repeated = counts.filter(pc.greater(counts.field("counts"), 1))
    if len(repeated):
        first = repeated.field("values")[0].as_py()
        raise JournalImportError(f"event_id {first!r} is on more than one row")
    people = pc.unique(table["person_id"]).to_pylist()
    for start in range(0, len(people), BATCH):
        known = Person.objects.filter(council_id__in=people[start : start + BATCH]).first()
        if known:
            raise JournalImportError(
                f"person_id {known.council_id!r} is already in the casework database"
            )
    events = table["event_id"].to_pylist()
    for start in range(0, len(events), BATCH):
        known = JournalRow.objects.filter(event_id__in=events[start : start + BATCH]).first()
        if known:
            raise JournalImportError(f"event_id {known.event_id!r} is already in the journal")


def _latest_people(table: pa.Table) -> list[dict]:
    """One dict per person: their latest details and the team that last had them."""
    columns = [
        "person_id",
        "first_name",
        "last_name",
        "date_of_birth",
        "nhs_number",
        "gender",
        "postcode",
        "team",
        "to_team",
        "kind",
        "start",
    ]
    ordered = table.select(columns).sort_by([("person_id", "ascending"), ("start", "ascending")])
    people: dict[str, dict] = {}
    for row in ordered.to_pylist():
        person = people.setdefault(row["person_id"], {"person_id": row["person_id"]})
        for key in ("first_name", "last_name", "date_of_birth", "nhs_number", "gender", "postcode"):
            if row[key] not in (None, ""):
                person[key] = row[key]
        team = row["to_team"] if row["kind"] == "referral" and row["to_team"] else row["team"]
        if team:
            person["team"] = team
    return list(people.values())


def import_journal(
    source: pa.Table | str | Path, *, progress: Callable[[int], None] | None = None
) -> ImportSummary:
    """Import a journal (an Arrow table, or a journal folder) into the casework database."""
    from django.db import transaction

    from whatmatters.casework.access.models import Team
    from whatmatters.casework.journal_rows.bulk import insert_journal_rows
    from whatmatters.casework.people.models import Person, search_key
    from whatmatters.journal.store import read_journal

    table = source if isinstance(source, pa.Table) else read_journal(source)
    table = _with_event_ids(conform(table).filter(pc.is_valid(table["person_id"])))
    _refuse_repeats(table)
    people = _latest_people(table)
    team_names = sorted({p["team"] for p in people if p.get("team")} | {"Unallocated"})
    with transaction.atomic():
        for name in team_names:
            Team.objects.get_or_create(name=name)
        teams = {t.name: t for t in Team.objects.filter(name__in=team_names)}
        taken = set(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
        records = []
        for p in people:
            nhs = p.get("nhs_number") or ""
            nhs = "" if nhs in taken or len(nhs) != 10 else nhs
            taken.add(nhs)
            records.append(
                Person(
                    council_id=p["person_id"],
                    first_name=p.get("first_name") or "Unknown",
                    last_name=p.get("last_name") or "Unknown",
                    first_name_key=search_key(p.get("first_name") or ""),
                    last_name_key=search_key(p.get("last_name") or ""),
                    date_of_birth=p.get("date_of_birth"),
                    nhs_number=nhs,
                    gender=p.get("gender") or "",
                    postcode=(p.get("postcode") or "")[:10],
                    team=teams[p.get("team") or "Unallocated"],
                )
            )
        Person.objects.bulk_create(records, batch_size=BATCH)
        insert_journal_rows(table, progress=progress)
    return ImportSummary(people=len(records), rows=table.num_rows, teams=len(team_names))
