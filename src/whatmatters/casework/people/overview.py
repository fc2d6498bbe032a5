"""What a person's overview page shows, gathered in one place."""

from __future__ import annotations

from whatmatters.casework.contacts.models import Contact
from whatmatters.casework.handoffs.models import Handoff
from whatmatters.casework.outcomes.models import Outcome
from whatmatters.casework.plans.services import current_plan
from whatmatters.casework.stories.story import latest_version, story
from whatmatters.casework.work.services import open_work


def overview(person) -> dict:
    plan = current_plan(person)
    return {
        "work": open_work(person),
        "story_version": latest_version(person),
        "story": story(person),
        "outcomes": Outcome.objects.filter(person=person).prefetch_related("ratings"),
        "plan": plan,
        "actions": plan.actions.select_related("outcome") if plan else [],
        "contacts": Contact.objects.filter(person=person)[:5],
        "handoffs": Handoff.objects.filter(person=person).select_related(
            "from_team", "to_team", "from_worker", "to_worker"
        )[:5],
    }
