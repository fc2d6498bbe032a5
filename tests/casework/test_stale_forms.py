"""Every change bumps a record's version; a stale form is refused and shows
the other person's change beside the user's text."""

from __future__ import annotations

import datetime

import pytest

from tests.casework.fixtures import url
from tests.casework.test_follow_through import PAID, day_fields
from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.casework.outcomes.services import record_outcome
from whatmatters.casework.plans.models import Action
from whatmatters.casework.plans.services import add_action, make_plan, review

TODAY = datetime.date.today()


@pytest.fixture
def care(alice, mary):
    """Mary's paid home care: £125 a week."""
    outcome = record_outcome(alice, mary, words="Stay at home", words_by="person")
    plan = make_plan(alice, mary, made_with="Mary", review_on=None)
    return add_action(alice, plan, outcome=outcome, description="Home care", **PAID)


def change_form(action, **changes) -> dict:
    data = {
        "outcome": action.outcome_id,
        "description": action.description,
        "action_by": action.action_by,
        "when": action.when,
        "service_type": action.service_type,
        "service_component": action.service_component,
        "cost_frequency": action.cost_frequency,
        "unit_cost": str(action.unit_cost or ""),
        "version": action.version,
    }
    return {**data, **changes}


def services(mary):
    return JournalRow.objects.filter(person_id=mary.council_id, kind="service")


def test_a_stale_change_after_ending_an_action_writes_no_new_open_service(
    as_user, alice, lena, mary, care
):
    stale = change_form(care, unit_cost="150")  # Alice opens the change form…
    ended = as_user(lena).post(  # …Lena ends the care meanwhile…
        url("plans:end_action", mary, care.pk),
        {**day_fields("ended_on", TODAY), "version": care.version},
    )
    assert ended.status_code == 302
    refused = as_user(alice).post(url("plans:change_action", mary, care.pk), stale)
    assert refused.status_code == 302  # …and her save is refused, with the reason
    assert "it can no longer be changed" in as_user(alice).get(refused.url).text
    assert not services(mary).filter(end__isnull=True).exists()
    assert services(mary).count() == 1
    care.refresh_from_db()
    assert care.unit_cost == 125.0 and care.version == 2


def test_ending_an_action_changes_its_version_so_a_stale_end_is_refused(
    as_user, alice, lena, mary, care
):
    first = {**day_fields("ended_on", TODAY), "version": care.version}
    assert as_user(lena).post(url("plans:end_action", mary, care.pk), first).status_code == 302
    care.refresh_from_db()
    assert care.version == 2
    again = as_user(alice).post(url("plans:done_action", mary, care.pk), {**first, "done_by": "x"})
    assert again.status_code == 302
    care.refresh_from_db()
    assert care.ended_how == "stopped" and care.done_by == ""


def test_a_conflict_shows_the_other_persons_change_beside_yours(as_user, alice, lena, mary, care):
    alices = change_form(care, description="Home care, twice a day")
    lenas = change_form(care, description="Home care on weekdays")
    assert as_user(lena).post(url("plans:change_action", mary, care.pk), lenas).status_code == 302
    page = as_user(alice).post(url("plans:change_action", mary, care.pk), alices)
    assert page.status_code == 200
    assert "Someone else changed this record" in page.text
    table = page.text[page.text.index('id="conflict"') :]
    assert "What will be done" in table
    assert table.index("Home care on weekdays") < table.index("Home care, twice a day")
    care.refresh_from_db()
    assert care.description == "Home care on weekdays"
    # Seen the difference, Alice saves her version: a choice made knowingly.
    assert f'name="version" value="{care.version}"' in page.text
    saved = as_user(alice).post(
        url("plans:change_action", mary, care.pk), {**alices, "version": care.version}
    )
    assert saved.status_code == 302
    care.refresh_from_db()
    assert care.description == "Home care, twice a day"


def test_a_conflict_on_a_persons_details_shows_both(as_user, alice, lena, mary):
    data = {"first_name": "Mary", "version": mary.version}
    as_user(alice).post(url("person:details", mary), {**data, "last_name": "Jones-Evans"})
    page = as_user(lena).post(url("person:details", mary), {**data, "last_name": "Lena-Typed"})
    table = page.text[page.text.index('id="conflict"') :]
    assert "Jones-Evans" in table and "Lena-Typed" in table


def test_a_review_changes_the_plans_version(alice, mary, care):
    plan = care.plan
    review(alice, plan, notes="Going well", next_review_on=None)
    plan.refresh_from_db()
    assert plan.version == 2


def test_closing_work_changes_each_actions_version(as_user, alice, mary, care):
    stale = change_form(care, unit_cost="150")
    as_user(alice).post(
        url("work:close", mary), {"how": "NFA: Support declined", "reason": "Mary moved away"}
    )
    as_user(alice).post(url("plans:change_action", mary, care.pk), stale)
    assert not services(mary).filter(end__isnull=True).exists()
    assert Action.objects.get().version == 2
