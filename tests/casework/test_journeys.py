"""A worker's journey through the application (Django test client)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.casework.fixtures import url
from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.casework.outcomes.models import Outcome
from whatmatters.casework.plans.models import Action
from whatmatters.casework.stories.models import Conversation
from whatmatters.casework.stories.story import story
from whatmatters.casework.work.models import Work

TODAY = datetime.date.today()
DATE = {"held_on_0": TODAY.day, "held_on_1": TODAY.month, "held_on_2": TODAY.year}


def journal(person, kind=None):
    rows = JournalRow.objects.filter(person_id=person.council_id)
    return rows.filter(kind=kind) if kind else rows


def test_conversations_add_to_the_story_and_every_version_is_kept(client_alice, mary):
    first = client_alice.post(
        url("stories:record", mary),
        {
            **DATE,
            "version": 0,
            "supported_by": "her daughter Sam",
            "most_important": "  My garden, and seeing my grandson.\n",
            "people": "Sam, my daughter",
        },
    )
    assert first.status_code == 302
    second = client_alice.post(
        url("stories:record", mary),
        {**DATE, "version": 1, "communication": "Speak slowly; I hear better on the left."},
    )
    assert second.status_code == 302
    latest = {s.section.value: [e.text for e in s.entries] for s in story(mary)}
    # Kept verbatim, including the spaces and line break the person's words came with.
    assert latest["most_important"] == ["  My garden, and seeing my grandson.\n"]
    assert latest["communication"] == ["Speak slowly; I hear better on the left."]
    version_one = {s.section.value: s.entries for s in story(mary, 1)}
    assert version_one["communication"] == []
    page = client_alice.get(url("stories:version", mary, 1))
    assert page.status_code == 200 and "an earlier version" in page.text
    assert client_alice.get(url("stories:version", mary, 3)).status_code == 404
    # The form shows what is known, so it is not asked again.
    form = client_alice.get(url("stories:record", mary))
    assert "Already known: What is most important to me" in form.text
    # What is not known yet says which part it is, not just a tag above the next question.
    assert "Not known yet</strong> My wellness" in form.text
    assert journal(mary, "conversation").count() == 2


def test_a_second_writer_is_told_and_keeps_their_text(client_alice, as_user, lena, mary):
    client_alice.post(
        url("stories:record", mary), {**DATE, "version": 0, "wellness": "I sleep badly"}
    )
    stale = as_user(lena).post(
        url("stories:record", mary), {**DATE, "version": 0, "wellness": "Lena's own words here"}
    )
    assert stale.status_code == 200
    assert "Someone added to this story while you were writing" in stale.text
    assert "Lena&#x27;s own words here" in stale.text
    assert Conversation.objects.filter(person=mary).count() == 1


def test_what_matters_rating_and_achieved(client_alice, mary):
    response = client_alice.post(
        url("outcomes:create", mary),
        {"words": "I would like to go shopping", "words_by": "person", "area": "control"},
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(person=mary)
    assert Work.objects.filter(person=mary, closed_at__isnull=True).exists()
    for rating in ("3", "7"):
        client_alice.post(
            url("outcomes:rate", mary, outcome.pk), {"rating": rating, "words": "Better"}
        )
    assert [r.rating for r in outcome.ratings.all()] == [3, 7]
    refused = client_alice.post(
        url("outcomes:status", mary, outcome.pk), {"to": "achieved", "version": outcome.version}
    )
    assert refused.status_code == 200
    assert 'href="#id_person_confirms"' in refused.text
    done = client_alice.post(
        url("outcomes:status", mary, outcome.pk),
        {"to": "achieved", "person_confirms": "on", "version": outcome.version},
    )
    assert done.status_code == 302
    outcome.refresh_from_db()
    assert outcome.status == "achieved"
    rows = journal(mary, "outcome").order_by("start")
    assert [r.activity for r in rows] == [
        "What matters recorded",
        "Progress rated",
        "Progress rated",
        "What matters achieved",
    ]
    assert rows[0].words == "I would like to go shopping" and rows[0].words_by == "person"
    assert [r.rating for r in rows[1:3]] == [3, 7]


def test_changed_is_final_and_invalid_moves_are_refused(client_alice, mary, alice):
    from whatmatters.casework.outcomes import services

    outcome = services.record_outcome(alice, mary, words="Walk to church", words_by="joint")
    response = client_alice.post(
        url("outcomes:status", mary, outcome.pk), {"to": "changed", "version": 1}
    )
    assert 'href="#id_reason"' in response.text
    client_alice.post(
        url("outcomes:status", mary, outcome.pk),
        {"to": "changed", "reason": "She moved nearer her daughter", "version": 1},
    )
    outcome.refresh_from_db()
    assert outcome.status == "changed"
    again = client_alice.post(
        url("outcomes:status", mary, outcome.pk), {"to": "achieved", "version": 2}
    )
    assert again.status_code == 200 and "Select a valid choice" in again.text


@pytest.fixture
def outcome(alice, mary):
    from whatmatters.casework.outcomes import services

    return services.record_outcome(
        alice, mary, words="I would like to go shopping", words_by="person"
    )


def test_a_plan_with_a_community_action_and_a_paid_service(client_alice, mary, outcome):
    client_alice.post(url("plans:make", mary), {"made_with": "Mary and her daughter Sam"})
    community = client_alice.post(
        url("plans:add_action", mary),
        {
            "outcome": outcome.pk,
            "description": "Lunch club then the shops",
            "action_by": "community",
            "who": "Tuesday Lunch Club",
            "when": "Every Tuesday",
        },
    )
    assert community.status_code == 302
    incomplete = client_alice.post(
        url("plans:add_action", mary),
        {
            "outcome": outcome.pk,
            "description": "Help to get ready",
            "action_by": "paid_service",
            "when": "Tuesday mornings",
            "cost_frequency": "Hourly",
        },
    )
    assert incomplete.status_code == 200
    for field in ("service_type", "service_component", "unit_cost", "hours_per_week"):
        assert f'href="#id_{field}"' in incomplete.text
    paid = client_alice.post(
        url("plans:add_action", mary),
        {
            "outcome": outcome.pk,
            "description": "Help to get ready",
            "action_by": "paid_service",
            "when": "Tuesday mornings",
            "service_type": "Long term support: Community",
            "service_component": "Home support or domiciliary care",
            "hours_per_week": "3.5",
            "unit_cost": "22.50",
            "cost_frequency": "Hourly",
        },
    )
    assert paid.status_code == 302
    action = Action.objects.get(action_by="paid_service")
    assert action.weekly_cost == pytest.approx(78.75)
    actions = journal(mary, "action")
    assert sorted(r.action_by for r in actions) == ["community", "paid_service"]
    service = journal(mary, "service").get()
    assert service.service_component == "Home support or domiciliary care"
    assert service.hours_per_week == 3.5 and service.weekly_cost == pytest.approx(78.75)
    assert service.cost_frequency == "Hourly" and service.end is None
    # Changing the paid service ends one CLD service event and starts another.
    changed = client_alice.post(
        url("plans:change_action", mary, action.pk),
        {
            "outcome": outcome.pk,
            "description": "Help to get ready",
            "action_by": "paid_service",
            "when": "Tuesday mornings",
            "service_type": "Long term support: Community",
            "service_component": "Home support or domiciliary care",
            "hours_per_week": "2",
            "unit_cost": "22.50",
            "cost_frequency": "Hourly",
            "version": action.version,
        },
    )
    assert changed.status_code == 302
    services = journal(mary, "service").order_by("start")
    assert [s.hours_per_week for s in services] == [3.5, 2.0]
    assert services[0].end is not None and services[1].end is None
    plan_page = client_alice.get(url("plans:plan", mary))
    assert "Tuesday Lunch Club" in plan_page.text and "£45.00" in plan_page.text


def test_failure_demand_contact(client_alice, mary):
    incomplete = client_alice.post(
        url("contacts:create", mary),
        {
            "channel": "phone",
            "contact_from": "family",
            "words": "Nobody rang back",
            "demand_type": "failure",
            "resolved_first_point": "no",
        },
    )
    assert 'href="#id_failure_reason"' in incomplete.text
    done = client_alice.post(
        url("contacts:create", mary),
        {
            "channel": "phone",
            "contact_from": "family",
            "who": "Sam",
            "words": "I rang last week and nobody rang back",
            "demand_type": "failure",
            "failure_reason": "chasing",
            "resolved_first_point": "no",
        },
    )
    assert done.status_code == 302
    row = journal(mary, "contact").get()
    assert (row.channel, row.contact_from, row.demand_type, row.demand_reason) == (
        "phone",
        "family",
        "failure",
        "chasing",
    )
    assert row.resolved_first_point is False
    assert row.words == "I rang last week and nobody rang back"
    assert Work.objects.filter(person=mary, closed_at__isnull=True).exists()


def test_a_contact_resolved_at_first_point_opens_no_work(client_alice, mary):
    client_alice.post(
        url("contacts:create", mary),
        {
            "channel": "email",
            "contact_from": "person",
            "words": "What day is the lunch club?",
            "demand_type": "value",
            "resolved_first_point": "yes",
        },
    )
    assert not Work.objects.filter(person=mary).exists()


def test_handoff_needs_a_reason_and_moves_the_allocation(client_alice, mary, south, bob, north):
    missing = client_alice.post(
        url("handoffs:make", mary), {"to_team": south.pk, "version": mary.version}
    )
    assert 'href="#id_reason"' in missing.text
    wrong_worker = client_alice.post(
        url("handoffs:make", mary),
        {
            "to_team": north.pk,
            "to_worker": bob.pk,
            "reason": "Needs a senior view",
            "version": mary.version,
        },
    )
    assert "not in the team chosen" in wrong_worker.text
    done = client_alice.post(
        url("handoffs:make", mary),
        {
            "to_team": south.pk,
            "to_worker": bob.pk,
            "reason": "She moved to Penarth",
            "version": mary.version,
        },
    )
    # Alice lands on her team's list, told where the work went and why.
    assert done.status_code == 302 and done.url == reverse("people:mine")
    landed = client_alice.get(done.url)
    assert "Work for Mary Jones passed to South Community Team: She moved to Penarth" in (
        landed.text
    )
    mary.refresh_from_db()
    assert mary.team == south and mary.worker == bob
    row = journal(mary, "referral").get()
    assert (row.team, row.to_team, row.worker, row.to_worker, row.reason) == (
        "North Community Team",
        "South Community Team",
        "alice",
        "bob",
        "She moved to Penarth",
    )
    assert row.activity == "Handoff"
    # Alice no longer sees Mary: she is allocated to South now.
    assert client_alice.get(url("person:overview", mary)).status_code == 404


def test_a_referral_to_ones_own_team_is_shown_as_such(client_alice, mary, north, lena):
    done = client_alice.post(
        url("handoffs:make", mary),
        {
            "to_team": north.pk,
            "to_worker": lena.pk,
            "reason": "Needs a senior view",
            "version": mary.version,
        },
    )
    # Still her team's: back to the record.
    assert done.url == url("person:overview", mary)
    assert journal(mary, "referral").get().activity == "Self-referral"
    assert "Referral to own team" in client_alice.get(url("handoffs:make", mary)).text


def test_work_stays_open_until_what_matters_is_achieved(client_alice, mary, outcome):
    refused = client_alice.post(url("work:close", mary), {"how": "achieved"})
    assert refused.status_code == 200 and "still being worked on" in refused.text
    no_reason = client_alice.post(url("work:close", mary), {"how": "NFA: Support declined"})
    assert 'href="#id_reason"' in no_reason.text
    client_alice.post(
        url("outcomes:status", mary, outcome.pk),
        {"to": "achieved", "person_confirms": "on", "version": outcome.version},
    )
    closed = client_alice.post(url("work:close", mary), {"how": "achieved"})
    assert closed.status_code == 302
    work = Work.objects.get(person=mary)
    assert work.closed_at is not None and work.closure_outcome == "NFA: Support ended as planned"
    request_row = journal(mary, "request").get()
    assert request_row.end is not None and request_row.outcome == work.closure_outcome
    assert journal(mary, "closure").get().activity == "What matters achieved"


def test_work_can_end_for_another_recorded_reason(client_alice, mary, outcome):
    closed = client_alice.post(
        url("work:close", mary),
        {"how": "NFA: Support declined", "reason": "Mary said no thank you"},
    )
    assert closed.status_code == 302
    assert journal(mary, "closure").get().reason == "Mary said no thank you"


def test_timeline_shows_everything_in_order(client_alice, mary, outcome):
    page = client_alice.get(url("person:timeline", mary))
    assert page.status_code == 200
    assert 'class="moj-timeline"' in page.text
    assert page.text.index("What matters recorded") < page.text.index("Work opened")
    assert "Status: Working on it" in page.text and "working_on_it" not in page.text


def test_timeline_shows_an_imported_day_as_a_day_not_an_invented_time():
    import datetime as dt

    from django.utils import translation

    from whatmatters.site.templatetags.casework import journal_when

    summer_day = dt.datetime(2026, 7, 7, tzinfo=dt.UTC)  # 01:00 in London
    with translation.override("en"):
        assert journal_when(summer_day) == "7 July 2026"
        assert journal_when(summer_day.replace(hour=9, minute=30)) == "7 July 2026 10:30"


def test_person_details_second_editor_keeps_their_text(client_alice, as_user, lena, mary):
    data = {"first_name": "Mary", "last_name": "Jones-Evans", "version": mary.version}
    assert client_alice.post(url("person:details", mary), data).status_code == 302
    stale = as_user(lena).post(url("person:details", mary), {**data, "last_name": "Lena-Typed"})
    assert stale.status_code == 200
    assert "Someone else changed this record" in stale.text
    assert "Lena-Typed" in stale.text
    mary.refresh_from_db()
    assert mary.last_name == "Jones-Evans"


def test_paid_service_fields_are_revealed_under_a_paid_service(client_alice, mary, outcome):
    client_alice.post(url("plans:make", mary), {"made_with": "Mary"})
    page = client_alice.get(url("plans:add_action", mary)).text
    paid_radio = page.index('value="paid_service" data-aria-controls="conditional-paid-service"')
    reveal = page.index('class="govuk-radios__conditional govuk-radios__conditional--hidden"')
    assert paid_radio < reveal < page.index('name="service_type"')
    # Sent without JavaScript, the hidden fields' contents are ignored for other actions.
    community = client_alice.post(
        url("plans:add_action", mary),
        {
            "outcome": outcome.pk,
            "description": "Chapel friendship group",
            "action_by": "community",
            "when": "Sundays",
            "unit_cost": "not a number",
            "service_type": "Long term support: Community",
        },
    )
    assert community.status_code == 302
    action = Action.objects.get()
    assert (action.unit_cost, action.service_type) == (None, "")
    assert not journal(mary, "service").exists()


def test_a_paid_service_the_family_takes_on_ends(client_alice, mary, outcome):
    client_alice.post(url("plans:make", mary), {"made_with": "Mary"})
    paid = {
        "outcome": outcome.pk,
        "description": "Help to get ready",
        "action_by": "paid_service",
        "when": "Mornings",
        "service_type": "Long term support: Community",
        "service_component": "Home support or domiciliary care",
        "hours_per_week": "3",
        "unit_cost": "22.50",
        "cost_frequency": "Hourly",
    }
    client_alice.post(url("plans:add_action", mary), paid)
    action = Action.objects.get()
    page = client_alice.get(url("plans:change_action", mary, action.pk)).text
    assert 'class="govuk-radios__conditional" id="conditional-paid-service"' in page
    changed = client_alice.post(
        url("plans:change_action", mary, action.pk),
        {**paid, "action_by": "family", "version": action.version},
    )
    assert changed.status_code == 302
    action.refresh_from_db()
    assert (action.action_by, action.unit_cost, action.service_type) == ("family", None, "")
    assert journal(mary, "service").get().end is not None


def test_the_timeline_speaks_the_forms_words_not_codes(client_alice, mary, alice):
    client_alice.post(
        url("contacts:create", mary),
        {
            "channel": "phone",
            "contact_from": "family",
            "words": "Nobody rang back",
            "demand_type": "failure",
            "failure_reason": "chasing",
            "resolved_first_point": "no",
            "next_step": "Visit on Friday",
        },
    )
    page = client_alice.get(url("person:timeline", mary)).text
    assert "Demand: Failure demand (Chasing: progress or something promised)" in page
    assert "Channel: Phone, from Family" in page
    assert "Next step: Visit on Friday" in page
    assert f"by {alice.get_full_name()}" in page and "by alice" not in page
    client_alice.cookies["django_language"] = "cy"
    welsh = client_alice.get(url("person:timeline", mary)).text
    assert "Cyswllt" in welsh and "Galw methiant" in welsh
