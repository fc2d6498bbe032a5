"""Building the demo council in the casework database."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from whatmatters.casework.demo.cast import Login, demo_logins, showcase
from whatmatters.casework.demo.history import DEMO_TEAM, council_history, council_settings
from whatmatters.casework.demo.importer import ImportSummary, import_journal

DEFAULT_POPULATION = 20_000  # a small town: about 3,600 people with records; builds in seconds


@dataclass(frozen=True)
class Demo:
    logins: list[Login]
    imported: ImportSummary | None
    showcase: list[str]
    change_date: datetime.date | None  # when the demo council changed to the what-matters way


def build(
    population: int = DEFAULT_POPULATION,
    seed: int = 1,
    *,
    today: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> Demo:
    """Fill an empty casework database with a demo council; on a filled one,
    only reset the demo staff's passwords.

    The history comes from the synthetic council (``whatmatters.council``) of
    ``population`` people; the same seed gives the same council.
    """
    from django.contrib.auth import get_user_model

    from whatmatters.casework.people.models import Person
    from whatmatters.paths import data_dir

    remembered = data_dir() / "demo.json"

    def say(step: str) -> None:
        if progress:
            progress(step)

    logins = demo_logins()
    if Person.objects.exists():
        return Demo(logins, None, [], remembered_change_date())
    today = today or datetime.date.today()
    say("generating the council's history")
    history = council_history(population, seed, today)
    change_date = council_settings(population, seed, today).switch
    say(f"importing {history.num_rows:,} journal rows")
    imported = import_journal(history)
    say("adding people worked the what-matters way")
    worker = get_user_model().objects.get(username="worker")
    assert worker.staff.team.name == DEMO_TEAM
    made = Demo(logins, imported, showcase(worker), change_date)
    remembered.parent.mkdir(parents=True, exist_ok=True)
    remembered.write_text(json.dumps({"change_date": change_date.isoformat()}) + "\n")
    return made


def remembered_change_date() -> datetime.date | None:
    """The change date written when the demo was built (its calendar is that day's)."""
    from whatmatters.paths import data_dir

    try:
        path = data_dir() / "demo.json"
        return datetime.date.fromisoformat(json.loads(path.read_text())["change_date"])
    except (OSError, ValueError, KeyError):
        return None


def warm_measures() -> None:
    """Check the council and the demo team now, so the measures page opens at once."""
    from whatmatters.casework.measures import freshness

    for team in (None, DEMO_TEAM):
        freshness.make(team)


def write_council_report(out: Path, progress: Callable[[str], None] | None = None) -> Path:
    """The check's offline report on the whole demo council, read from the
    casework database (as ``whatmatters check --backend`` would); its page's path."""
    from whatmatters.casework.measures.check import check_for
    from whatmatters.report.writer import write_report

    source = "the demo council's casework database (synthetic: no real person)"
    return write_report(check_for(None), out, source=source, progress=progress)
