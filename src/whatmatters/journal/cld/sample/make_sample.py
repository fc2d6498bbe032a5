"""Make the bundled sample: a fictional council's CLD Release 2 return.

Every person is invented (names such as "Ada Example"), NHS numbers come
from the 999 range the NHS never issues, postcodes use the non-existent
area "XX" and the council code is 999. The same seed gives the same file.

    python -m whatmatters.journal.cld.sample.make_sample            # the bundled sample
    python -m whatmatters.journal.cld.sample.make_sample OUT.csv 250000 # a big one

Each person follows a plausible path: a request; for most, an assessment;
then short-term reablement or a long-term service with its cost; reviews
of long-term services; a few die during the year. Some people are unpaid
carers with a carer's assessment and support.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from whatmatters.journal.cld.fields import Field, field_specs

HERE = Path(__file__).parent
SAMPLE = HERE / "cld_r2_sample.csv"
SAMPLE_PEOPLE = 100
SEED = 20240401

PERIOD_START = dt.date(2024, 4, 1)
PERIOD_END = dt.date(2025, 3, 31)

FIRST_NAMES = ["Ada", "Bo", "Cal", "Dee", "Eli", "Fay", "Gus", "Hal", "Ida", "Jo", "Kit", "Lu"]
LAST_NAMES = ["Example", "Sample", "Placeholder", "Madeup", "Pretend", "Testcase", "Fictional"]
ETHNICITIES = [
    "White: English, Welsh, Scottish, Northern Irish or British",
    "White: Irish",
    "Asian or Asian British: Indian",
    "Asian or Asian British: Pakistani",
    "Black, Black British, Caribbean or African: Caribbean",
    "Mixed or multiple ethnic groups: White and Asian",
    "Other ethnic group: Any other ethnic group",
    "No data: Undeclared or not known",
]
SUPPORT_REASONS = [
    "Physical support: Personal care support",
    "Physical support: Access and mobility only",
    "Support with memory and cognition",
    "Learning disability support",
    "Mental health support",
    "Social support: Support for social isolation or other reason",
]
ACCOMMODATION = [
    "Owner occupier or shared ownership scheme",
    "Tenant: Local authority or other social housing provider",
    "Tenant: Private landlord",
    "Settled mainstream housing with family or friends",
    "Sheltered housing, extra care housing or other sheltered housing",
]
ROUTES = [
    "Community / Other route",
    "Discharge from Hospital",
    "Diversion from Hospital Services",
    "Planned Entry (Transition)",
]
# (service type, component, cost frequency, unit cost range, planned units range)
LONG_TERM = [
    (
        "Long term support: Community",
        "Home support or domiciliary care",
        "Hourly",
        (19, 26),
        (4, 30),
    ),
    ("Long term support: Community", "Day support", "Daily", (40, 70), (1, 5)),
    (
        "Long term support: Residential care",
        "Long term residential care",
        "Weekly",
        (700, 1100),
        None,
    ),
    ("Long term support: Nursing care", "Long term nursing care", "Weekly", (900, 1400), None),
]
DELIVERY = ["CASSR managed personal budget", "Direct payment", "CASSR commissioned support"]


def nhs_numbers() -> Iterator[str]:
    """Check-digit-valid numbers in the 999 range, which the NHS never issues, in order."""
    for body in range(999_000_000, 1_000_000_000):
        digits = [int(d) for d in str(body)]
        check = (11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11) % 11
        if check != 10:
            yield f"{body}{check}"


def _day(date: dt.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date else ""


def _money(rng: random.Random, low: float, high: float) -> str:
    return f"{rng.uniform(low, high):.2f}"


class _Person:
    def __init__(self, rng: random.Random, number: int, nhs_number: str) -> None:
        self.rng = rng
        self.id = f"P{number:07d}"
        self.carer = rng.random() < 0.1
        born = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(365 * 75))
        self.details = {
            Field.LA_CODE: "999",
            Field.REPORTING_PERIOD_START_DATE: _day(PERIOD_START),
            Field.REPORTING_PERIOD_END_DATE: _day(PERIOD_END),
            Field.NHS_NUMBER: nhs_number,
            Field.LA_PERSON_UNIQUE_IDENTIFIER: self.id,
            Field.FIRST_NAME: rng.choice(FIRST_NAMES),
            Field.LAST_NAME: rng.choice(LAST_NAMES),
            Field.GP_PRACTICE_CODE: f"X{rng.randrange(10000, 99999)}",
            Field.GENDER: rng.choice(["Female", "Male"]),
            Field.ETHNICITY: rng.choice(ETHNICITIES),
            Field.DATE_OF_BIRTH: _day(born),
            Field.CLIENT_TYPE: "Unpaid carer" if self.carer else "Service user",
            Field.PRIMARY_SUPPORT_REASON: (
                "Social support: Support to unpaid carer"
                if self.carer
                else rng.choice(SUPPORT_REASONS)
            ),
            Field.POSTCODE: f"XX{rng.randrange(1, 20)} {rng.randrange(10)}"
            + rng.choice("ABDEFGHJ")
            + rng.choice("LNPQRSTU"),
            Field.ACCOMMODATION_STATUS: rng.choice(ACCOMMODATION),
            Field.EMPLOYMENT_STATUS: "Not in paid employment: Not actively seeking work or retired",
            Field.HAS_UNPAID_CARER: rng.choice(["Yes", "No", "Unknown"]),
        }
        if not self.carer:
            self.details |= {
                Field.AUTISM_SPECTRUM_DISORDER: "No",
                Field.VISUAL_IMPAIRMENT: "No visual impairment",
                Field.HEARING_IMPAIRMENT: "No hearing impairment",
                Field.DEMENTIA: rng.choice(["Yes", "No"]),
                Field.CLIENT_FUNDING_STATUS: rng.choice(
                    ["Fully social care funded", "Joint client and social care funded"]
                ),
            }
        else:
            self.details |= {
                Field.TOTAL_HRS_CARING_PER_WEEK: rng.choice(["20-34", "35-49", "50+"]),
                Field.NO_OF_ADULTS_CARED_FOR: "1",
                Field.ADULT_1_LINKED_PERSON_ID: f"P{rng.randrange(number + 1):07d}",
            }
        self.events: list[dict[Field, str]] = []
        self.serial = 0

    def event(self, kind: str, start: dt.date, end: dt.date | None, **fields: str) -> None:
        self.serial += 1
        row = {
            Field.EVENT_TYPE: kind,
            Field.EVENT_REFERENCE: f"{kind[:3].upper()}-{self.id}-{self.serial}",
            Field.EVENT_START_DATE: _day(start),
            Field.EVENT_END_DATE: _day(end),
        }
        row.update({Field[name.upper()]: text for name, text in fields.items()})
        self.events.append(row)


def _journey(person: _Person) -> None:
    """One person's events in the reporting year."""
    rng = person.rng
    start = PERIOD_START + dt.timedelta(days=rng.randrange(300))
    end = start + dt.timedelta(days=rng.randrange(15))
    if rng.random() < 0.25:
        person.event(
            "Request",
            start,
            end,
            event_outcome="NFA: Information and advice or signposting",
            route_of_access=rng.choice(ROUTES),
            event_description="Advice given, no further action",
        )
        return
    person.event(
        "Request",
        start,
        end,
        event_outcome="Progress to assessment, review or reassessment",
        route_of_access=rng.choice(ROUTES),
        event_description="Call from the person's family, asking for help at home",
    )
    start, end = end, end + dt.timedelta(days=7 + rng.randrange(35))
    end = min(end, PERIOD_END)
    if person.carer:
        person.event(
            "Assessment",
            start,
            end,
            event_outcome="Progress to support planning or services",
            assessment_type="Short term assessment",
            method_of_assessment="Face to face",
        )
        cost = _money(rng, 150, 400)
        person.event(
            "Service",
            end,
            min(end + dt.timedelta(days=14), PERIOD_END),
            event_outcome="NFA: Support ended as planned",
            service_type="Unpaid carer support: Direct to unpaid carer",
            service_component="Unpaid carer respite",
            delivery_mechanism="Direct payment",
            unit_cost=cost,
            cost_frequency="One-off",
        )
        return
    person.event(
        "Assessment",
        start,
        end,
        event_outcome="Progress to support planning or services",
        assessment_type=rng.choice(["Long term assessment", "Short term assessment"]),
        method_of_assessment="Face to face",
        eligible_needs_identified="Yes",
    )
    start = end + dt.timedelta(days=rng.randrange(10))
    if start > PERIOD_END:
        return
    if rng.random() < 0.3:
        stop = min(start + dt.timedelta(days=21 + rng.randrange(21)), PERIOD_END)
        person.event(
            "Service",
            start,
            stop,
            event_outcome="NFA: Support ended as planned",
            service_type="Short term support: ST-Max",
            service_component="Reablement",
            delivery_mechanism="CASSR commissioned support",
        )
        return
    service_type, component, frequency, (low, high), units = rng.choice(LONG_TERM)
    died = rng.random() < 0.04
    death = start + dt.timedelta(days=rng.randrange(30, 200)) if died else None
    if death and death > PERIOD_END:
        death = None
    fields = {
        "service_type": service_type,
        "service_component": component,
        "delivery_mechanism": rng.choice(DELIVERY),
        "unit_cost": _money(rng, low, high),
        "cost_frequency": frequency,
        "provider_cqc_location_id": f"1-{rng.randrange(10**9, 10**10)}",
    }
    if units:
        fields["planned_units_per_week"] = f"{rng.randrange(*units)}.00"
    person.event(
        "Service",
        start,
        death,
        event_outcome="NFA: Deceased" if death else "Continuation of support or services",
        **fields,
    )
    review = start + dt.timedelta(days=rng.randrange(42, 180))
    if review < PERIOD_END and (death is None or review < death):
        person.event(
            "Review",
            review,
            review,
            event_outcome="Continuation of support or services",
            review_reason="Planned",
            review_outcomes_achieved=rng.choice(["Fully Met", "Partially Met"]),
            method_of_review="Service user only",
        )
    if death:
        person.details[Field.DATE_OF_DEATH] = _day(death)


def rows(people: int, seed: int = SEED) -> Iterator[list[str]]:
    """The sample's rows (Release 2 columns in specification order), person by person."""
    rng = random.Random(seed)
    numbers = nhs_numbers()
    for number in range(1, people + 1):
        person = _Person(rng, number, next(numbers))
        _journey(person)
        for event in person.events:
            values = person.details | event
            yield [values.get(field, "") for field in RELEASE_2_FIELDS]


# Release 2 dropped GP Practice Name and Provider CQC Location Name.
RELEASE_2_FIELDS = [field for field, spec in field_specs().items() if spec.r2_name]


def header() -> list[str]:
    return [field_specs()[field].r2_name for field in RELEASE_2_FIELDS]


def write(path: Path, people: int, seed: int = SEED, *, limit: int | None = None) -> int:
    """Write a sample of ``people`` people to ``path`` (at most ``limit`` rows); returns rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header())
        for row in rows(people, seed):
            if count == limit:
                break
            writer.writerow(row)
            count += 1
    return count


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv else SAMPLE
    people = int(argv[1]) if len(argv) > 1 else SAMPLE_PEOPLE
    print(f"wrote {write(path, people):,} rows to {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
