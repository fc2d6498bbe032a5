"""Demo staff (one sign-in per role) and a few people worked the what-matters way."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from whatmatters.casework.access.models import StaffProfile, Team
from whatmatters.casework.access.roles import Role
from whatmatters.casework.demo.history import DEMO_TEAM


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: Role
    team: str | None


STAFF = (
    ("worker", Role.FRONTLINE_WORKER, DEMO_TEAM, "Rhian", "Morgan"),
    ("leader", Role.TEAM_LEADER, DEMO_TEAM, "Owain", "Pritchard"),
    ("analyst", Role.ANALYST, None, "Catrin", "Bowen"),
    ("admin", Role.ADMINISTRATOR, None, "Gethin", "Rowlands"),
)


EASY_TO_COPY = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Letters and digits a double-click selects whole and no one misreads (no 0/O, 1/l/I)."""


def demo_logins() -> list[Login]:
    """Create (or reset) the demo staff with new random passwords, printed for the user."""
    logins = []
    for username, role, team_name, first, last in STAFF:
        team = Team.objects.get_or_create(name=team_name)[0] if team_name else None
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        password = "".join(secrets.choice(EASY_TO_COPY) for _ in range(16))
        user.set_password(password)
        user.is_active = True
        user.save()
        StaffProfile.objects.update_or_create(user=user, defaults={"role": role, "team": team})
        logins.append(Login(username, password, role, team_name))
    return logins


def showcase(worker) -> list[str]:
    """Two people worked the what-matters way, so every page has something to show."""
    from whatmatters.casework.contacts.services import log_contact
    from whatmatters.casework.outcomes import services as outcomes
    from whatmatters.casework.people.services import create_person
    from whatmatters.casework.plans import services as plans
    from whatmatters.casework.stories.sections import Section
    from whatmatters.casework.stories.services import record_conversation

    made = []
    people = (
        (
            "Gwen",
            "Pritchard",
            datetime.date(1938, 5, 14),
            "9990000018",
            "I'd like to go shopping on my own again",
            "My garden and my cat, Smwt",
            "Tuesday Lunch Club",
        ),
        (
            "Dai",
            "Llewellyn",
            datetime.date(1951, 11, 2),
            "",
            "I want to keep dressing smartly for chapel",
            "Chapel on Sundays, and my brother Idris",
            "Capel y Graig friendship group",
        ),
    )
    for first, last, born, nhs, wish, important, group in people:
        person = create_person(
            worker,
            {"first_name": first, "last_name": last, "date_of_birth": born, "nhs_number": nhs},
        )
        log_contact(
            worker,
            person,
            at=timezone.now(),
            channel="phone",
            contact_from="family",
            who="Daughter",
            words="She's not been out since the fall",
            demand_type="value",
            failure_reason="",
            failure_detail="",
            resolved_first_point=False,
            next_step="Visit",
        )
        record_conversation(
            worker,
            person,
            held_on=timezone.localdate(),
            supported_by="Her daughter",
            texts={
                Section.MOST_IMPORTANT: important,
                Section.COMMUNICATION: "Speak up, and give me time to answer",
            },
            opened_at_version=0,
        )
        outcome = outcomes.record_outcome(worker, person, words=wish, words_by="person")
        outcomes.rate(worker, outcome, 3, "Not yet, but I'd like to")
        plan = plans.make_plan(worker, person, made_with="the person and family", review_on=None)
        plans.add_action(
            worker,
            plan,
            outcome=outcome,
            description="Meet friends, then go to the shops",
            action_by="community",
            who=group,
            when="Every Tuesday",
        )
        made.append(person.council_id)
    return made
