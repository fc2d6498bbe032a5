"""The journal table: one row per thing that happened to or with a person."""

from __future__ import annotations

from django.db import models

from whatmatters.casework.journal_rows.fields import TABLE, journal_fields


class Meta:
    db_table = TABLE
    ordering = ["start", "event_id"]
    indexes = [
        models.Index(fields=["person_id", "start"], name="journal_person_start"),
        models.Index(fields=["kind", "start"], name="journal_kind_start"),
        models.Index(fields=["team", "start"], name="journal_team_start"),
    ]


JournalRow = type(
    "JournalRow",
    (models.Model,),
    {
        "__module__": __name__,
        "__doc__": "One journal row (columns generated from whatmatters.journal.schema).",
        "Meta": Meta,
        **journal_fields(),
    },
)
