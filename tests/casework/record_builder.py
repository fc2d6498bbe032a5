"""A full record for one person: a row in every table a person's record can use."""

from __future__ import annotations

import datetime

from django.utils import timezone

from whatmatters.casework.access.models import BreakGlassGrant
from whatmatters.casework.common.cld import COST_FREQUENCY, DELIVERY_MECHANISM, SERVICE_TYPE
from whatmatters.casework.contacts.services import log_contact
from whatmatters.casework.handoffs.models import Handoff
from whatmatters.casework.outcomes.services import change_status, rate, record_outcome
from whatmatters.casework.person_view import invitations, words
from whatmatters.casework.plans.services import add_action, make_plan, review
from whatmatters.casework.stories.sections import Section
from whatmatters.casework.stories.services import record_conversation
from whatmatters.casework.work.services import Closure, close
from whatmatters.journal.schema import OutcomeStatus


def full_record(worker, person, outsider, *, said: str) -> dict:
    """Everything a worker and the person can record; ``said`` marks this person's words."""
    _earlier_work(worker, person, said)
    record_conversation(
        worker,
        person,
        held_on=timezone.localdate(),
        supported_by="Her son Joe",
        texts={Section.MOST_IMPORTANT: f"{said}: my garden", Section.PEOPLE: "Joe and Bet"},
        opened_at_version=0,
    )
    shopping = record_outcome(worker, person, words=f"{said}: go shopping", words_by="person")
    rate(worker, shopping, 4, "Getting there")
    dancing = record_outcome(worker, person, words="Go dancing", words_by="joint")
    change_status(
        worker, dancing, OutcomeStatus.CHANGED, reason="Prefers the choir now",
        person_confirms=False, expected_version=dancing.version,
    )  # fmt: skip
    plan = make_plan(
        worker, person, made_with="Joe", review_on=timezone.localdate() + datetime.timedelta(90)
    )
    common = {"outcome": shopping, "when": "Tuesdays"}
    for by, who in [
        ("self", ""), ("family", "Joe"), ("friend", "Bet"), ("community", "Lunch club"),
        ("unpaid_carer", "Sian"),
    ]:  # fmt: skip
        add_action(worker, plan, description=f"Help from {by}", action_by=by, who=who, **common)
    paid = add_action(
        worker, plan, description="Home care", action_by="paid_service", who="Care Co",
        service_type=SERVICE_TYPE[0], delivery_mechanism=DELIVERY_MECHANISM[0],
        hours_per_week=5.0, unit_cost=20.0, cost_frequency=COST_FREQUENCY[0],
        planned_units_per_week=5.0, **common,
    )  # fmt: skip
    review(worker, plan, notes="Going well", next_review_on=None)
    log_contact(
        worker, person, channel="phone", contact_from="family", who="Joe",
        words="Asking about Tuesdays", demand_type="value", resolved_first_point=True,
    )  # fmt: skip
    Handoff.objects.create(
        person=person, from_team=person.team, to_team=person.team, reason="Leave", made_by=worker
    )
    BreakGlassGrant.grant(outsider, person, "A call out of hours")
    made = invitations.invite(worker, person, for_whom="Joe", language="cy", days=7)
    words.add(made.invitation, "section:wellness", f"{said}: I sleep badly")
    words.add(made.invitation, f"action:{paid.pk}", "Fewer visits please")
    return {"invitation": made, "paid": paid}


def _earlier_work(worker, person, said: str) -> None:
    """A piece of work already closed, with its closure statement."""
    home = record_outcome(worker, person, words=f"{said}: get home", words_by="person")
    close(
        worker,
        person,
        Closure(outcome="NFA: Support declined", reason="Went to stay with Joe", achieved=False,
                evaluations={home: "partly"}),
    )  # fmt: skip
