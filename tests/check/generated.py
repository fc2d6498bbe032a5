"""A small seeded journal with planted patterns, for whole-check tests.

Until the synthetic council is available, this stands in for it: people
come to the front door (contacts classed value or failure, some chasing),
are assessed, referred between teams (the Duty team refers to itself at a
planted rate), get home care with known hours or a care-home placement,
and some come back. The planted numbers are returned so tests can check the
check finds them exactly.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import pyarrow as pa

from whatmatters.journal.schema import SCHEMA

TEAMS = ("Front door", "Duty", "Reablement", "OT", "Long-term team", "Hospital team")
CHANNELS = ("phone", "email", "online", "in person")
REASONS = ("chasing", "repeating the story", "wrong information")
WORDS = {
    "chasing": "Nobody has rung me back about my mum",
    "repeating the story": "I have told three people the same thing",
    "wrong information": "I was told to call a different number",
}
START = dt.datetime(2023, 1, 2)
DAYS = 730


@dataclass(frozen=True)
class Planted:
    """What was put into the journal on purpose."""

    people: int
    duty_referrals: int
    duty_self_referrals: int
    home_care: dict[str, tuple[dt.datetime, float]]
    """Each person's home care: its start and hours a week (open to the end)."""
    failure_contacts: int
    value_contacts: int


def generate(people: int = 400, seed: int = 7) -> tuple[pa.Table, Planted]:
    """A journal of ``people`` journeys over two years, and what was planted in it."""
    rng = random.Random(seed)
    rows: list[dict] = []
    duty_referrals = duty_self = failure = value = 0
    hours: dict[str, tuple[dt.datetime, float]] = {}

    def add(**row: object) -> None:
        rows.append(row)

    for n in range(people):
        person = f"P{n:05d}"
        t = START + dt.timedelta(days=rng.randrange(DAYS - 120), hours=rng.randrange(8, 17))
        for _ in range(rng.choice((1, 1, 1, 2, 3))):  # contacts, some of them chasing
            is_failure = rng.random() < 0.4
            reason = rng.choice(REASONS) if is_failure else None
            add(
                person_id=person,
                kind="contact",
                activity="Contact: " + (reason or "asking for help"),
                start=t,
                team="Front door",
                worker=f"FD{rng.randrange(6)}",
                channel=rng.choice(CHANNELS),
                demand_type="failure" if is_failure else "value",
                demand_reason=reason,
                words=WORDS[reason] if reason else "I need help getting washed",
                resolved_first_point=rng.random() < 0.3,
            )
            failure += is_failure
            value += not is_failure
            t += dt.timedelta(days=rng.randrange(1, 6))
        add(
            person_id=person,
            kind="request",
            activity="Request",
            start=t,
            end=t,
            team="Front door",
            worker=f"FD{rng.randrange(6)}",
            outcome="Progress to assessment, review or reassessment",
        )
        team = "Duty"
        for _ in range(rng.choice((1, 2, 2, 3))):  # assessments and referrals between teams
            t += dt.timedelta(days=rng.randrange(1, 10))
            add(
                person_id=person,
                kind="assessment",
                activity="Assessment",
                start=t,
                end=t + dt.timedelta(days=rng.randrange(0, 5)),
                team=team,
                worker=f"{team[:2]}{rng.randrange(4)}",
            )
            t += dt.timedelta(days=rng.randrange(5, 9))
            if team == "Duty":
                to_team = "Duty" if duty_referrals % 4 == 0 else rng.choice(TEAMS[2:5])
                duty_referrals += 1
                duty_self += to_team == "Duty"
            else:
                to_team = rng.choice(TEAMS[1:5])
            add(
                person_id=person,
                kind="referral",
                activity="Referral",
                start=t,
                team=team,
                worker=f"{team[:2]}{rng.randrange(4)}",
                to_team=to_team,
            )
            team = to_team
        t += dt.timedelta(days=rng.randrange(2, 20))
        if rng.random() < 0.15:
            add(
                person_id=person,
                kind="hospital",
                activity="Hospital stay",
                start=t,
                end=t + dt.timedelta(days=rng.randrange(2, 20)),
            )
            t += dt.timedelta(days=rng.randrange(20, 30))
        choice = rng.random()
        if choice < 0.5:
            h = float(rng.choice((5, 7.5, 10, 12, 14)))
            hours[person] = (t, h)
            add(
                person_id=person,
                kind="service",
                activity="Home care",
                start=t,
                service_type="Long term support: Community",
                service_component="Home support or domiciliary care",
                hours_per_week=h,
                weekly_cost=round(h * 24.10, 2),
            )
        elif choice < 0.65:
            add(
                person_id=person,
                kind="service",
                activity="Care home",
                start=t,
                service_type="Long term support: Residential care",
                weekly_cost=1185.55,
            )
        else:
            add(
                person_id=person,
                kind="closure",
                activity="Closed",
                start=t,
                team=team,
                worker=f"{team[:2]}{rng.randrange(4)}",
                reason="No eligible needs",
            )
        if rng.random() < 0.3 and t < START + dt.timedelta(days=DAYS - 60):
            t += dt.timedelta(days=rng.randrange(10, 60))
            add(
                person_id=person,
                kind="request",
                activity="Request",
                start=t,
                end=t + dt.timedelta(days=1),
                team="Front door",
                worker=f"FD{rng.randrange(6)}",
                outcome="NFA: Information and advice or signposting",
            )
        if rng.random() < 0.2:
            add(
                person_id=person,
                kind="conversation",
                activity="What matters conversation",
                start=t + dt.timedelta(days=1),
                team="Community",
                worker="C1",
                words="I would like to keep going to the allotment",
            )
    table = _table(rows)
    return table, Planted(people, duty_referrals, duty_self, hours, failure, value)


def _table(rows: list[dict]) -> pa.Table:
    full = []
    for number, row in enumerate(rows, start=2):
        full.append(
            {
                **{name: row.get(name) for name in SCHEMA.names},
                "event_id": f"g{number:06d}",
                "source": "generated",
                "source_row": number,
            }
        )
    return pa.Table.from_pylist(full, schema=SCHEMA)
