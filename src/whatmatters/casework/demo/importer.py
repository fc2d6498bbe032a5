"""Loading a journal's history into the casework database.

People become casework records (allocated to the team that last had
them), and every journal row is copied into the casework journal table,
so a person's timeline and the measures show their history from before
casework began. Used by the demo; a council moving its records in would
use it the same way.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from whatmatters.journal.schema import COLUMN_NAMES, conform

BATCH = 5_000


@dataclass(frozen=True)
class ImportSummary:
    people: int
    rows: int
    teams: int


def _aware(value):
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=datetime.UTC)
    return value


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
    from whatmatters.casework.journal.models import JournalRow
    from whatmatters.casework.people.models import Person, search_key
    from whatmatters.journal.store import read_journal

    table = source if isinstance(source, pa.Table) else read_journal(source)
    table = conform(table).filter(pc.is_valid(table["person_id"]))
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
        done = 0
        for batch in table.to_batches(BATCH):
            rows = []
            for row in pa.Table.from_batches([batch]).select(COLUMN_NAMES).to_pylist():
                row["event_id"] = row["event_id"] or f"import-{done + len(rows)}"
                rows.append(JournalRow(**{k: _aware(v) for k, v in row.items()}))
            JournalRow.objects.bulk_create(rows, batch_size=BATCH)
            done += len(rows)
            if progress:
                progress(done)
    return ImportSummary(people=len(records), rows=table.num_rows, teams=len(team_names))
