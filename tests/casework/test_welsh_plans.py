"""Casework for Welsh plans: the closure statement, the review's decision, and each
contact's language and Active Offer, recorded and written to the journal's Welsh columns."""

from __future__ import annotations

import datetime as dt
import html

import ibis
import pytest
from django.utils import timezone

from tests.casework.fixtures import url
from whatmatters.casework.contacts.models import Contact
from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.casework.measures.check import journal_rows
from whatmatters.casework.outcomes.services import change_status, record_outcome
from whatmatters.casework.plans.models import Review
from whatmatters.casework.plans.services import make_plan
from whatmatters.casework.work.models import OutcomeAtClosure, Work
from whatmatters.check.catalogue import Inputs, Span, calendar
from whatmatters.check.catalogue.wales import CLOSED_ACHIEVED
from whatmatters.check.events import usable
from whatmatters.check.window import Window
from whatmatters.journal.schema import OutcomeStatus

WELSH_COUNCIL = "W06000015"  # Cardiff's ONS code


@pytest.fixture
def welsh(settings):
    settings.WHATMATTERS_COUNCIL = WELSH_COUNCIL


@pytest.fixture
def outcomes(alice, mary):
    """Two things that matter to Mary, and a plan for them."""
    shopping = record_outcome(alice, mary, words="Go shopping", words_by="person")
    garden = record_outcome(alice, mary, words="See to my garden", words_by="person")
    make_plan(alice, mary, made_with="Mary", review_on=None)
    return shopping, garden


def closed_achieved(today: dt.date) -> tuple[float, float]:
    """The Welsh measure "plans closed with outcomes achieved" over this month, read
    from the casework journal table as the measures page reads it."""
    con = ibis.duckdb.connect()
    events = usable(con.create_table("journal", journal_rows(None)))
    month = Span(today.replace(day=1), today + dt.timedelta(days=1))
    window = Window(today - dt.timedelta(days=400), today + dt.timedelta(days=1))
    inputs = Inputs(calendar(con, [month]), events, None, None, None, window, 30)  # type: ignore[arg-type]
    (row,) = CLOSED_ACHIEVED.series(inputs).to_pyarrow().to_pylist()
    return row["numerator"], row["denominator"]


def close(client, mary, outcomes, **ratings):
    """Close Mary's work for another reason, rating her outcomes by their first word."""
    data = {"how": "NFA: Support declined", "reason": "Mary moved to her daughter's"}
    for outcome in outcomes:
        key = "shopping" if outcome.words == "Go shopping" else "garden"
        if key in ratings:
            data[f"achieved_{outcome.pk}"] = ratings[key]
    return client.post(url("work:close", mary), data)


# Committed: the measures read the journal on a connection of their own.
@pytest.mark.django_db(transaction=True)
def test_closing_with_a_closure_statement_writes_the_journal_and_the_welsh_measure_counts_it(
    welsh, client_alice, alice, mary, outcomes
):
    shopping, garden = outcomes
    form = html.unescape(client_alice.get(url("work:close", mary)).text)
    assert "How far was “Go shopping” achieved, in the person’s view?" in form
    assert "Fully achieved" in form and "Partly achieved" in form and "Not achieved" in form
    closed = close(client_alice, mary, outcomes, shopping="fully", garden="partly")
    assert closed.status_code == 302
    work = Work.objects.get(person=mary)
    assert work.outcomes_achieved == "partly"
    assert {(e.outcome, e.achieved) for e in OutcomeAtClosure.objects.filter(work=work)} == {
        (shopping, "fully"),
        (garden, "partly"),
    }
    rows = JournalRow.objects.filter(person_id=mary.council_id)
    closure = rows.get(kind="closure")
    assert (closure.council, closure.closure_outcomes_achieved) == (WELSH_COUNCIL, "partly")
    evaluated = rows.filter(kind="outcome", activity="Outcome evaluated at closure")
    assert {(r.words, r.closure_outcomes_achieved) for r in evaluated} == {
        ("Go shopping", "fully"),
        ("See to my garden", "partly"),
    }
    assert closed_achieved(timezone.localdate()) == (0, 1)  # partly is not fully


# Committed: the measures read the journal on a connection of their own.
@pytest.mark.django_db(transaction=True)
def test_a_plan_closed_with_every_outcome_fully_achieved_counts_as_achieved(
    welsh, client_alice, alice, mary, outcomes
):
    for outcome in outcomes:
        change_status(
            alice,
            outcome,
            OutcomeStatus.ACHIEVED,
            reason="",
            person_confirms=True,
            expected_version=outcome.version,
        )
    closed = client_alice.post(
        url("work:close", mary),
        {"how": "achieved", **{f"achieved_{o.pk}": "fully" for o in outcomes}},
    )
    assert closed.status_code == 302
    assert JournalRow.objects.get(kind="closure").closure_outcomes_achieved == "fully"
    assert closed_achieved(timezone.localdate()) == (1, 1)


@pytest.mark.parametrize(
    ("language", "missing", "bad"),
    [
        ("en", "Say how far “See to my garden” was achieved, in the person’s view",
         "Choose fully, partly or not achieved for “Go shopping”"),
        ("cy", "Dywedwch i ba raddau y cyflawnwyd “See to my garden”, ym marn y person",
         "Dewiswch wedi’i gyflawni’n llawn, yn rhannol neu heb ei gyflawni ar gyfer “Go shopping”"),
    ],
)  # fmt: skip
def test_a_missing_or_bad_outcome_rating_is_refused_by_name_and_nothing_is_closed(
    welsh, client_alice, mary, outcomes, language, missing, bad
):
    garden = outcomes[1]
    client_alice.cookies["django_language"] = language
    page = html.unescape(close(client_alice, mary, outcomes, shopping="mostly").text)
    assert missing in page and bad in page
    assert f'href="#id_achieved_{garden.pk}_0"' in page
    assert Work.objects.get(person=mary).closed_at is None
    assert not JournalRow.objects.filter(kind="closure").exists()
    assert not OutcomeAtClosure.objects.exists()


def test_outside_wales_the_closure_statement_is_optional(client_alice, mary, outcomes):
    assert close(client_alice, mary, outcomes).status_code == 302
    assert JournalRow.objects.get(kind="closure").closure_outcomes_achieved is None


def test_a_review_records_its_decision(client_alice, mary, outcomes):
    reviewed = client_alice.post(
        url("plans:review", mary), {"notes": "Going well, but more garden", "decision": "revise"}
    )
    assert reviewed.status_code == 302
    assert Review.objects.get().decision == "revise"
    row = JournalRow.objects.get(kind="review")
    assert (row.review_decision, row.words) == ("revise", "Going well, but more garden")
    assert "(Revise the plan)" in client_alice.get(url("plans:plan", mary)).text


def test_a_review_that_closes_the_plan_goes_on_to_the_closure_statement(
    client_alice, mary, outcomes
):
    reviewed = client_alice.post(
        url("plans:review", mary), {"notes": "All done", "decision": "close"}
    )
    assert reviewed.url == url("work:close", mary)
    assert JournalRow.objects.get(kind="review").review_decision == "close"


@pytest.mark.parametrize(
    ("language", "missing", "bad"),
    [
        ("en", "Choose whether the review confirms, revises or closes the plan",
         "Choose confirm, revise or close for the review’s decision"),
        ("cy", "Dewiswch a yw’r adolygiad yn cadarnhau, yn diwygio neu’n cau’r cynllun",
         "Dewiswch gadarnhau, diwygio neu gau ar gyfer penderfyniad yr adolygiad"),
    ],
)  # fmt: skip
def test_a_review_without_a_good_decision_is_refused_by_name(
    client_alice, mary, outcomes, language, missing, bad
):
    client_alice.cookies["django_language"] = language
    none = html.unescape(client_alice.post(url("plans:review", mary), {"notes": "Fine"}).text)
    assert missing in none and 'href="#id_decision_0"' in none
    wrong = client_alice.post(url("plans:review", mary), {"notes": "Fine", "decision": "maybe"})
    assert bad in html.unescape(wrong.text)
    assert not Review.objects.exists() and not JournalRow.objects.filter(kind="review").exists()


CONTACT = {
    "channel": "phone",
    "contact_from": "family",
    "words": "Mae Mam angen help gyda'r siopa",
    "demand_type": "value",
    "resolved_first_point": "no",
}


def test_a_contact_in_welsh_with_the_active_offer_is_recorded_in_the_journal(
    welsh, client_alice, mary
):
    logged = client_alice.post(
        url("contacts:create", mary), {**CONTACT, "language": "cy", "active_offer_made": "yes"}
    )
    assert logged.status_code == 302
    contact = Contact.objects.get()
    assert (contact.language, contact.active_offer_made) == ("cy", True)
    row = JournalRow.objects.get(kind="contact")
    assert (row.conversation_language, row.active_offer_made) == ("cy", True)
    assert row.words == CONTACT["words"]


@pytest.mark.parametrize(
    ("language", "missing", "bad"),
    [
        ("en", "Say whether the Active Offer was made",
         "Choose English, Welsh or another language for the contact"),
        ("cy", "Dywedwch a gafodd y Cynnig Rhagweithiol ei wneud",
         "Dewiswch Saesneg, Cymraeg neu iaith arall ar gyfer y cyswllt"),
    ],
)  # fmt: skip
def test_a_welsh_councils_contact_needs_its_language_and_active_offer(
    welsh, client_alice, mary, language, missing, bad
):
    client_alice.cookies["django_language"] = language
    page = client_alice.post(url("contacts:create", mary), {**CONTACT, "language": "klingon"})
    text = html.unescape(page.text)
    assert missing in text and bad in text and 'href="#id_active_offer_made_0"' in text
    assert not Contact.objects.exists() and not JournalRow.objects.filter(kind="contact").exists()


def test_outside_wales_a_contacts_language_is_optional(client_alice, mary):
    assert client_alice.post(url("contacts:create", mary), CONTACT).status_code == 302
    row = JournalRow.objects.get(kind="contact")
    assert (row.conversation_language, row.active_offer_made) == (None, None)


def conversation(language: str, offer: str | None) -> dict:
    today = timezone.localdate()
    held = {"held_on_0": today.day, "held_on_1": today.month, "held_on_2": today.year}
    said = {"version": 0, "most_important": "Cael siarad Cymraeg gyda'r gofalwyr"}
    return {**held, **said, "language": language} | ({"active_offer_made": offer} if offer else {})


def test_a_what_matters_conversation_in_welsh_with_the_active_offer_is_journalled(
    welsh, client_alice, mary
):
    form = client_alice.get(url("stories:record", mary)).text
    assert "What language was the conversation in?" in form and "Active Offer" in form
    recorded = client_alice.post(url("stories:record", mary), conversation("cy", "yes"))
    assert recorded.status_code == 302
    row = JournalRow.objects.get(kind="conversation")
    assert (row.conversation_language, row.active_offer_made) == ("cy", True)
    assert row.words == "Cael siarad Cymraeg gyda'r gofalwyr"


def test_a_welsh_councils_conversation_without_the_active_offer_answer_is_refused(
    welsh, client_alice, mary
):
    client_alice.cookies["django_language"] = "cy"
    page = html.unescape(
        client_alice.post(url("stories:record", mary), conversation("cy", None)).text
    )
    assert "Dywedwch a gafodd y Cynnig Rhagweithiol ei wneud" in page
    assert not JournalRow.objects.filter(kind="conversation").exists()
