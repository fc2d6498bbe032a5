"""What a person's overview page shows, gathered in one place."""

from __future__ import annotations

from whatmatters.casework.contacts.models import Contact
from whatmatters.casework.handoffs.models import Handoff
from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.casework.journal_rows.write import SOURCE
from whatmatters.casework.outcomes.models import Outcome
from whatmatters.casework.person_view.models import TheirWords
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
        "earlier": earlier_history(person),
        "their_words": TheirWords.objects.filter(person=person).select_related("action")[:5],
    }


def earlier_history(person) -> dict:
    """The person's records that came from elsewhere (an import), not from casework:
    they are on the timeline, not in the work, story and plan the page shows."""
    from django.db.models import Count, Max, Min

    return (
        JournalRow.objects.filter(person_id=person.council_id)
        .exclude(source=SOURCE)
        .aggregate(records=Count("event_id"), first=Min("start"), last=Max("start"))
    )
