"""What the person sees of their record: story, what matters, plan and progress."""

from __future__ import annotations

from whatmatters.casework.outcomes.models import Outcome
from whatmatters.casework.person_view.models import TheirWords
from whatmatters.casework.plans.services import current_plan
from whatmatters.casework.stories.story import story


def my_record(person) -> dict:
    plan = current_plan(person)
    actions = list(plan.actions.select_related("outcome")) if plan else []
    outcomes = list(Outcome.objects.filter(person=person).prefetch_related("ratings"))
    for outcome in outcomes:
        outcome.plan_actions = [a for a in actions if a.outcome_id == outcome.pk]
    return {
        "person": person,
        "story": [part for part in story(person) if part.known],
        "outcomes": outcomes,
        "plan": plan,
        "actions": actions,
        "last_review": plan.reviews.first() if plan else None,
        "their_words": TheirWords.objects.filter(person=person).select_related("action"),
    }
