"""Follow-through to the end: actions done (and by whom), closing work ends
what was running, a closed plan is read-only, a handoff says why."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.casework.fixtures import url
from whatmatters.casework.audit.models import AuditEntry
from whatmatters.casework.handoffs.models import Handoff
from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.casework.outcomes.services import record_outcome
from whatmatters.casework.plans.models import Action, Ending, Review
from whatmatters.casework.plans.services import add_action, make_plan

TODAY = datetime.date.today()
PAID = {
    "action_by": "paid_service",
    "service_type": "Long term support: Community",
    "service_component": "Home support or domiciliary care",
    "delivery_mechanism": "",
    "cost_frequency": "Weekly",
    "unit_cost": 125.0,
    "hours_per_week": None,
    "planned_units_per_week": None,
    "who": "",
    "when": "Every morning",
}


def day_fields(name: str, day: datetime.date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


@pytest.fixture
def plan(alice, mary):
    """Mary's plan: the lunch club (community) and home care (paid, £125 a week)."""
    outcome = record_outcome(alice, mary, words="Go shopping", words_by="person")
    plan = make_plan(alice, mary, made_with="Mary", review_on=None)
    add_action(
        alice, plan, outcome=outcome, description="Lunch club", action_by="community",
        who="Tuesday Lunch Club", when="Tuesdays",
    )  # fmt: skip
    add_action(alice, plan, outcome=outcome, description="Help to get ready", **PAID)
    return plan


def open_rows(mary, kind):
    return JournalRow.objects.filter(person_id=mary.council_id, kind=kind, end__isnull=True)


def test_an_action_is_marked_done_with_who_did_it(client_alice, alice, mary, plan):
    action = Action.objects.get(description="Lunch club")
    form = client_alice.get(url("plans:done_action", mary, action.pk))
    assert "Who did it" in form.text
    missing = client_alice.post(
        url("plans:done_action", mary, action.pk),
        {**day_fields("ended_on", TODAY), "version": action.version},
    )
    assert 'href="#id_done_by"' in missing.text and "Enter who did it" in missing.text
    done = client_alice.post(
        url("plans:done_action", mary, action.pk),
        {**day_fields("ended_on", TODAY), "done_by": "Mary and Ann", "version": action.version},
    )
    assert done.status_code == 302
    action.refresh_from_db()
    assert (action.ended_on, action.ended_how, action.done_by, action.ended_by) == (
        TODAY, Ending.DONE, "Mary and Ann", alice,
    )  # fmt: skip
    assert action.version == 2
    row = JournalRow.objects.get(kind="action", event_reference=f"action {action.pk}")
    assert row.end is not None
    page = client_alice.get(url("plans:plan", mary)).text
    assert "by Mary and Ann" in page
    assert url("plans:done_action", mary, action.pk) not in page  # done: nothing to do
    done = AuditEntry.objects.get(what="an action in the plan, marked done")
    assert done.detail == f"action {action.pk} of plan {action.plan_id}, done by Mary and Ann"


def test_closing_work_ends_every_open_action_and_paid_service_on_the_closing_day(
    client_alice, mary, plan
):
    assert open_rows(mary, "service").count() == 1 and open_rows(mary, "action").count() == 2
    closed = client_alice.post(
        url("work:close", mary), {"how": "NFA: Support declined", "reason": "Mary moved away"}
    )
    assert closed.status_code == 302
    closed_at = plan.work.__class__.objects.get(pk=plan.work.pk).closed_at
    for action in Action.objects.filter(plan=plan):
        assert action.ended_on == timezone.localtime(closed_at).date()
        assert action.ended_how == Ending.WORK_CLOSED and action.version == 2
    assert not open_rows(mary, "service").exists() and not open_rows(mary, "action").exists()
    ends = JournalRow.objects.filter(person_id=mary.council_id, kind__in=["action", "service"])
    assert {row.end for row in ends} == {closed_at}
    assert "ended when the work closed" in client_alice.get(url("plans:plan", mary)).text


def test_a_closed_plan_is_read_only_and_the_server_refuses_changes(client_alice, mary, plan):
    client_alice.post(
        url("work:close", mary), {"how": "NFA: Support declined", "reason": "Mary moved away"}
    )
    action = Action.objects.get(description="Lunch club")
    page = client_alice.get(url("plans:plan", mary)).text
    assert "the plan can be read but not changed" in page
    for name in ("plans:add_action", "plans:review"):
        assert url(name, mary) not in page
    for name in ("plans:change_action", "plans:end_action", "plans:done_action"):
        assert url(name, mary, action.pk) not in page
    before = (Action.objects.count(), Review.objects.count(), JournalRow.objects.count())
    attempts = [
        (url("plans:add_action", mary), {"outcome": action.outcome_id, **PAID,
                                         "description": "More care", "unit_cost": "125"}),
        (url("plans:change_action", mary, action.pk), {
            "outcome": action.outcome_id, "description": "Changed", "action_by": "community",
            "when": "Fridays", "version": action.version + 1}),
        (url("plans:done_action", mary, action.pk), {
            **day_fields("ended_on", TODAY), "done_by": "Mary", "version": 2}),
        (url("plans:end_action", mary, action.pk), {
            **day_fields("ended_on", TODAY), "version": 2}),
        (url("plans:review", mary), {"notes": "Going well"}),
    ]  # fmt: skip
    for address, data in attempts:
        refused = client_alice.post(address, {k: v for k, v in data.items() if v is not None})
        assert refused.status_code == 302 and refused.url == url("plans:plan", mary), address
        assert client_alice.get(refused.url).status_code == 200
    assert (Action.objects.count(), Review.objects.count(), JournalRow.objects.count()) == before
    action.refresh_from_db()
    assert action.description == "Lunch club" and action.ended_how == Ending.WORK_CLOSED
    # A new piece of work gets a new plan.
    assert url("plans:make", mary) in page


@pytest.mark.parametrize("reason", ["x", "...", "n/a", "   ok    ok   ", "!!!!!!!!!!!!!!"])
def test_a_handoff_reason_must_say_something(as_user, alice, mary, south, reason):
    client = as_user(alice)
    data = {"to_team": south.pk, "reason": reason, "version": mary.version}
    page = client.post(url("handoffs:make", mary), data)
    assert 'href="#id_reason"' in page.text
    assert "in at least 10 letters or numbers" in page.text
    client.cookies["django_language"] = "cy"
    welsh = client.post(url("handoffs:make", mary), data)
    assert "mewn o leiaf 10 llythyren neu rif" in welsh.text
    assert not Handoff.objects.exists()


def test_a_short_but_real_reason_is_accepted(as_user, alice, mary, south):
    data = {"to_team": south.pk, "reason": "Moved to Rhyl", "version": mary.version}
    assert as_user(alice).post(url("handoffs:make", mary), data).status_code == 302
    assert Handoff.objects.get().reason == "Moved to Rhyl"


@pytest.mark.django_db(transaction=True)
def test_the_cld_export_gives_the_closed_works_paid_service_an_end_date(as_user, mary, tmp_path):
    import polars as pl
    from typer.testing import CliRunner

    from tests.casework.test_check_and_export import database_url
    from whatmatters.cli import app

    outcome = record_outcome(mary.worker, mary, words="Stay at home", words_by="person")
    plan = make_plan(mary.worker, mary, made_with="Mary", review_on=None)
    care = add_action(mary.worker, plan, outcome=outcome, description="Home care", **PAID)
    as_user(mary.worker).post(
        url("work:close", mary), {"how": "NFA: Support declined", "reason": "Mary moved away"}
    )
    out = tmp_path / "cld.csv"
    done = CliRunner().invoke(
        app, ["export", "cld", "--database", database_url(), "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    rows = pl.read_csv(out, infer_schema_length=0)
    service = rows.filter(pl.col("Event Reference") == f"action {care.pk}")
    assert service.height == 1
    assert service["Event End Date"][0] == timezone.localdate().strftime("%d/%m/%Y")
