"""A small deterministic council history, until the synthetic council is wired in.

It follows the menu-driven system the seed describes: a front door takes
contacts, passes requests to community teams (sometimes back to itself),
assesses, and arranges paid home care; some people come back. Every
value is made up: no row describes a real person.
"""

from __future__ import annotations

import datetime
import random

import pyarrow as pa

from whatmatters.journal.schema import SCHEMA

FIRST = (
    "Mary",
    "Gwen",
    "Tom",
    "Dylan",
    "Sian",
    "Rhys",
    "Ann",
    "David",
    "Megan",
    "John",
    "Eira",
    "Gareth",
    "Nia",
    "Peter",
    "Elin",
    "Huw",
    "Joan",
    "Alun",
    "Beth",
    "Iwan",
)
LAST = (
    "Jones",
    "Davies",
    "Williams",
    "Evans",
    "Thomas",
    "Roberts",
    "Hughes",
    "Lewis",
    "Morgan",
    "Griffiths",
    "Price",
    "Owen",
    "Jenkins",
    "Powell",
    "Rees",
    "Parry",
)
FRONT_DOOR = "Front Door"
TEAMS = ("North Community Team", "South Community Team", "Hospital Discharge Team")
SAID = (
    "I can't manage the stairs any more",
    "Mum has had another fall",
    "I rang last week and nobody rang back",
    "I already told the other lady all this",
    "The carers didn't turn up this morning",
    "I'd like to get out to the shops again",
    "He's coming home from hospital on Friday",
    "Can someone tell me what happens next?",
)
FAILURE = {2: "chasing", 3: "repeating", 4: "not done", 7: "chasing"}


def nhs_number(rng: random.Random) -> str:
    """A random NHS number with a valid check digit."""
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def small_council_journal(
    people: int = 200, seed: int = 1, today: datetime.date | None = None, council: str = "DEMO"
) -> pa.Table:
    """About eight journal rows a person over the last eighteen months."""
    rng = random.Random(seed)
    today = today or datetime.date.today()
    rows: list[dict] = []
    for n in range(people):
        person = {
            "council": council,
            "person_id": f"D{n + 1:07d}",
            "la_person_id": f"D{n + 1:07d}",
            "first_name": rng.choice(FIRST),
            "last_name": rng.choice(LAST),
            "date_of_birth": datetime.date(
                rng.randint(1928, 1995), rng.randint(1, 12), rng.randint(1, 28)
            ),
            "nhs_number": nhs_number(rng),
            "gender": rng.choice(("Male", "Female")),
            "postcode": f"CF{rng.randint(1, 99)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}"
            f"{rng.choice('LNPQRSTUW')}",
        }
        at = datetime.datetime.combine(
            today - datetime.timedelta(days=rng.randint(30, 540)), datetime.time(9)
        ) + datetime.timedelta(minutes=rng.randint(0, 480))
        team = rng.choice(TEAMS)

        def add(kind, activity, when, person=person, **columns):
            rows.append(
                {
                    **person,
                    "event_id": f"demo-{len(rows) + 1}",
                    "source": "demo",
                    "source_row": len(rows) + 2,
                    "kind": kind,
                    "activity": activity,
                    "start": when,
                    **columns,
                }
            )

        for episode in range(rng.choice((1, 1, 1, 2))):
            said = rng.randrange(len(SAID))
            failure = FAILURE.get(said) if episode else None
            add(
                "contact",
                "Contact",
                at,
                team=FRONT_DOOR,
                worker=f"frontdoor{rng.randint(1, 4)}",
                channel=rng.choice(("phone", "phone", "email", "online")),
                contact_from=rng.choice(("person", "family", "professional")),
                words=SAID[said],
                demand_type="failure" if failure else "value",
                demand_reason=failure,
                resolved_first_point=rng.random() < 0.25,
            )
            start = at + datetime.timedelta(hours=2)
            add(
                "request",
                "Request",
                start,
                team=FRONT_DOOR,
                route_of_access="Community / Other route",
                end=start + datetime.timedelta(days=rng.randint(20, 160)),
            )
            handoff = start + datetime.timedelta(days=rng.randint(1, 10))
            to_team = FRONT_DOOR if rng.random() < 0.15 else team
            add(
                "referral",
                "Referral",
                handoff,
                team=FRONT_DOOR,
                to_team=to_team,
                reason="Needs an assessment",
            )
            assessed = handoff + datetime.timedelta(days=rng.randint(7, 40))
            add(
                "assessment",
                "Assessment",
                assessed,
                team=team,
                worker=f"{team.split()[0].lower()}{rng.randint(1, 3)}",
                assessment_type="Long Term Support",
                eligible_needs_identified="Yes",
            )
            if rng.random() < 0.6:
                hours = float(rng.choice((3, 5, 7, 10, 14, 21)))
                add(
                    "service",
                    "Service",
                    assessed + datetime.timedelta(days=rng.randint(3, 20)),
                    team=team,
                    service_type="Long term support: Community",
                    service_component="Home support or domiciliary care",
                    cost_frequency="Hourly",
                    unit_cost=22.5,
                    planned_units_per_week=hours,
                    units_per_week=hours,
                    hours_per_week=hours,
                    weekly_cost=22.5 * hours,
                )
            at = assessed + datetime.timedelta(days=rng.randint(40, 200))
            if at.date() >= today:
                break
    now = datetime.datetime.combine(today, datetime.time())
    rows = [r for r in rows if r["start"] < now]  # nothing in the future
    for r in rows:
        if r.get("end") and r["end"] >= now:
            r["end"] = None
    return pa.Table.from_pylist(rows, schema=SCHEMA)
