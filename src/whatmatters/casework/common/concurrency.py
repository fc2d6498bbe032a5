"""Optimistic concurrency: two people editing one record never overwrite each other.

A form carries the ``version`` of the record it was opened on. Saving locks
the row, and writes only if the stored version is still the one the form
was opened on; otherwise ``EditConflict`` is raised and the form is shown
again with the person's text kept and a message saying what happened.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

CONFLICT_MESSAGE = _(
    "Someone else changed this record while you were editing it. Your text is kept "
    "below: check the record as it is now, then save again."
)


class EditConflict(Exception):
    """The record changed since the form was opened."""


def save_versioned(instance: models.Model, expected_version: int) -> None:
    """Save ``instance`` if its stored version is ``expected_version``, else refuse.

    The row is locked for the check and the write (on SQLite the whole
    database is, as writes begin IMMEDIATE), so two racing saves cannot
    both pass the check.
    """
    with transaction.atomic():
        stored = (
            type(instance)
            .objects.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if stored != expected_version:
            raise EditConflict
        instance.version = expected_version + 1
        instance.save()


def bump_version(instance: models.Model, *fields: str) -> None:
    """Save ``fields`` of ``instance`` as one more change: its version goes up,
    so a form opened before this change is refused (not silently applied)."""
    instance.version = models.F("version") + 1
    instance.save(update_fields=[*fields, "version"])
    instance.refresh_from_db(fields=["version"])
