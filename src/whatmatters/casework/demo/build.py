"""Building the demo council in the casework database."""

from __future__ import annotations

from dataclasses import dataclass

from whatmatters.casework.demo.cast import DEMO_TEAM, Login, demo_logins, showcase
from whatmatters.casework.demo.importer import ImportSummary, import_journal


@dataclass(frozen=True)
class Demo:
    logins: list[Login]
    imported: ImportSummary | None
    showcase: list[str]


def demo_history(people: int, seed: int):
    """The council's history as a journal (the small built-in fixture for now)."""
    from whatmatters.casework.demo.fixture import small_council_journal

    return small_council_journal(people=people, seed=seed)


def build(people: int = 300, seed: int = 1, progress=None) -> Demo:
    """Fill an empty casework database with a demo council; on a filled one,
    only reset the demo staff's passwords."""
    from whatmatters.casework.people.models import Person

    logins = demo_logins()
    if Person.objects.exists():
        return Demo(logins, None, [])
    imported = import_journal(demo_history(people, seed), progress=progress)
    from django.contrib.auth import get_user_model

    worker = get_user_model().objects.get(username="worker")
    assert worker.staff.team.name == DEMO_TEAM
    return Demo(logins, imported, showcase(worker))
