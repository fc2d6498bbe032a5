"""The measures page shows what the check engine finds in the casework journal."""

from __future__ import annotations

import html
import re

import ibis
import pyarrow.compute as pc
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from tests.casework.fixtures import database_url
from whatmatters.casework.access.models import Team
from whatmatters.casework.access.roles import Role
from whatmatters.casework.administration.services import create_staff
from whatmatters.casework.demo.history import DEMO_TEAM, council_history, council_settings
from whatmatters.casework.demo.importer import import_journal
from whatmatters.casework.measures import figures
from whatmatters.casework.measures.check import check_params
from whatmatters.check.catalogue import MEASURES, Measure
from whatmatters.check.run import run_check

POPULATION, SEED = 1_200, 5


@pytest.fixture
def council(transactional_db, settings):
    """A synthetic council's history in the casework database, its change date set."""
    today = timezone.localdate()
    history = council_history(POPULATION, SEED, today)
    import_journal(history)
    settings.WHATMATTERS_CHANGE_DATE = council_settings(POPULATION, SEED, today).switch
    return history


def _checked(rows):
    return run_check(ibis.duckdb.connect().create_table("journal", rows), check_params())


def test_the_council_page_shows_the_checks_results_pseudonymised(council, as_user, ana):
    page = html.unescape(as_user(ana).get(reverse("measures:index")).text)
    expected = _checked(council)
    lines = figures.result_lines(expected)
    assert lines and expected.comparison.before
    for line in lines:
        assert all(part in page for part in (line.name, line.before, line.after, line.change))
    assert page.count("<svg") == len(expected.capability) > 0
    # the lenses that are measures: the menu index and closures re-opened (issue 12)
    names = {line.name for line in lines}
    lenses = (Measure.MENU_INDEX, Measure.MENU_INDEX_ACHIEVED)
    for measure in (*lenses, Measure.REOPENED_28, Measure.REOPENED_90):
        assert MEASURES[measure].result_name in names and measure in expected.capability
        assert MEASURES[measure].title in page  # its capability chart
    assert f"{figures.demand(expected).contacts}</dd>" in page
    assert "Pseudonymised" in page
    first, last = council["first_name"][0].as_py(), council["last_name"][0].as_py()
    assert f"{first} {last}" not in page and council["person_id"][0].as_py() not in page


def test_a_team_sees_the_people_it_has_worked_with(council, as_user):
    team = Team.objects.get(name=DEMO_TEAM)
    worker = create_staff(username="wyn", password="x" * 20, role=Role.FRONTLINE_WORKER, team=team)
    page = html.unescape(as_user(worker).get(reverse("measures:index")).text)
    theirs = pc.unique(council.filter(pc.equal(council["team"], DEMO_TEAM))["person_id"])
    expected = _checked(council.filter(pc.is_in(council["person_id"], value_set=theirs)))
    assert f"Measures: {DEMO_TEAM}" in page
    assert f"{figures.demand(expected).contacts}</dd>" in page
    assert 0 < len(theirs) < len(pc.unique(council["person_id"]))


def test_a_worker_cannot_see_the_whole_council(as_user, alice):
    assert as_user(alice).get(reverse("measures:index"), {"scope": "council"}).status_code == 403


def test_a_bad_change_date_stops_the_site_with_a_message(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from whatmatters.site.settings.base import _change_date

    assert _change_date("2025-04-01").isoformat() == "2025-04-01"
    with pytest.raises(ImproperlyConfigured, match="WHATMATTERS_CHANGE_DATE must be a date"):
        _change_date("April 2025")


def test_charts_are_drawn_once_and_kept_with_the_check(
    council, as_user, ana, monkeypatch, settings
):
    cache.clear()  # an earlier test may have checked the same council
    drawn = []
    draw = figures.capability_charts
    monkeypatch.setattr(
        figures, "capability_charts", lambda result: drawn.append(1) or draw(result)
    )
    client = as_user(ana)
    first = client.get(reverse("measures:index")).text
    second = client.get(reverse("measures:index")).text
    # once in each language, ready for whoever reads them
    assert len(drawn) == len(settings.LANGUAGES) and first.count("<svg") == second.count("<svg") > 0
    # The sentence is printed under each chart, so the chart itself has no subtitle.
    chart = first[first.index("<svg") : first.index("</svg>")]
    caption = first[first.index("<figcaption", first.index("</svg>")) :]
    sentence = caption[caption.index(">") + 1 : caption.index("</figcaption>")].strip()
    assert sentence and sentence[:30] not in chart.split("</desc>", 1)[-1]


def test_the_page_and_the_check_command_give_the_same_figures(council, as_user, ana, tmp_path):
    """The casework page and ``whatmatters check`` on the same casework database
    (the one way in, ``whatmatters.journal.database``): identical figures."""
    import pyarrow.parquet as pq
    from django.db import connection
    from typer.testing import CliRunner

    from whatmatters import words
    from whatmatters.check.catalogue import Measure
    from whatmatters.cli import app

    cache.clear()
    page = html.unescape(as_user(ana).get(reverse("measures:index")).text)
    params = check_params()
    dates = ["--from", f"{params.start}", "--to", f"{params.end}"]
    dates += ["--change-date", f"{params.change_date}"] if params.change_date else []
    out = tmp_path / "report"
    backend = "sqlite" if connection.vendor == "sqlite" else "postgres"
    database = connection.settings_dict["NAME"] if backend == "sqlite" else database_url()
    command = ["check", "--backend", backend, database, "--out", str(out), *dates]
    ran = CliRunner().invoke(app, command)
    assert ran.exit_code == 0, ran.output
    report = html.unescape((out / "index.html").read_text())
    results = pq.read_table(out / "tables" / "results.parquet").to_pylist()
    compared = [r for r in results if r["before"] is not None]
    assert len(compared) >= 10
    for row in compared:
        for figure in (row["before"], row["after"]):
            shown = words.amount(figure, row["unit"])
            assert shown in page and shown in report, (row["name"], shown)
    series = pq.read_table(out / "tables" / "series.parquet").to_pylist()
    for measure, label in (
        (Measure.OUTCOMES_RECORDED, "Outcomes recorded in the person&#x27;s words"),
        (Measure.OUTCOMES_ACHIEVED, "Achieved, as the person sees it"),
    ):
        counted = round(sum(r["numerator"] for r in series if r["measure"] == measure.value))
        assert counted > 0
        label = html.unescape(label)
        at = page.index(label, page.index("What matters</h2>"))
        assert f"{counted}</dd>" in page[at : at + 200], label


def test_the_measures_page_speaks_welsh_from_the_reports_catalogue(council, as_user, ana):
    """In Welsh the page's measure names, how each change is counted, the stretches compared
    and the charts' readings come from the report's Welsh catalogue: no English is left."""
    from tests.report.test_welsh import english_pieces, entries
    from whatmatters import language
    from whatmatters.report.readings import results as readings

    cache.clear()
    client = as_user(ana)
    client.cookies["django_language"] = "cy"
    page = html.unescape(client.get(reverse("measures:index")).text)
    expected = _checked(council)
    with language.use("cy"):
        days, rows = expected.params.repeat_days, expected["results"].to_pylist()
        lines = [(readings.name(r, days), readings.method(r)) for r in rows]
        compared = readings.compared(expected.comparison)
    with translation.override("cy"):
        welsh = [chart.sentence for chart in figures.capability_charts(expected)]
    with translation.override("en-gb"):
        english = [chart.sentence for chart in figures.capability_charts(expected)]
    assert lines and all(name in page and method in page for name, method in lines)
    assert "Wedi'i adio dros bob ysbaid." in page and "Cysylltiadau" in page
    assert f">{compared}</caption>" in page
    assert welsh and all(f"{sentence}</figcaption>" in page for sentence in welsh)
    assert not any(sentence in page for sentence in english)
    phrases = {p for e in entries() if e.msgstr != e.msgid for p in english_pieces(e)}
    assert sorted(p for p in phrases if p in page) == []
    assert not re.search(r'<(caption|td|figcaption)[^>]* lang="en"', page)  # nothing marked English
