"""A chunk's rows as journal rows: identifiers, dates and CLD person details.

Identifiers are synthetic and cannot be real: NHS numbers start with 9 (a
range never issued to people) and carry a valid check digit, postcodes use the
non-existent area ``ZZ``, and no names are written.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from whatmatters.council.context import Context
from whatmatters.council.long_term import LongTermSupport
from whatmatters.council.people import Choice
from whatmatters.council.rows import EVENT_COLUMNS, OUTCOME_NUMBER, masked
from whatmatters.journal.schema import Kind

_EPOCH = date(1970, 1, 1)
_MICROS_PER_DAY = 86_400 * 1_000_000
_CARE_HOMES = ("Registered care home", "Registered nursing home")  # by Setting 1, 2
_CLD_KINDS = [k.value for k in (Kind.REQUEST, Kind.ASSESSMENT, Kind.SERVICE, Kind.REVIEW)]


def add_deaths(ctx: Context) -> None:
    """A DEATH row for every person in the rows who died during the run."""
    people = ctx.people
    known = ctx.rows.persons()
    day = people.exit_day[known]
    died = known[people.exit_death[known] & (day >= ctx.origin) & (day < ctx.horizon)]
    ctx.rows.add(Kind.DEATH, died, people.exit_day[died], activity="Death", outcome=None)


def journal_table(
    ctx: Context,
    support: LongTermSupport,
    start: date,
    council: str,
    first_row: int,
) -> pa.Table:
    """The chunk's rows, cropped at each person's leaving, as journal columns."""
    people = ctx.people
    leaving = np.minimum(people.exit_day, ctx.horizon)
    person, start_day, end_day, events = ctx.rows.finish(ctx.origin, ctx.horizon, leaving)
    n = len(person)
    epoch = (start - _EPOCH).days
    start_day, end_day = start_day - ctx.origin, end_day - ctx.origin
    ids = pa.array(np.arange(first_row, first_row + n, dtype=np.int64))
    columns: dict[str, pa.Array] = {
        "council": pa.DictionaryArray.from_arrays(
            pa.array(np.zeros(n, dtype=np.int32)), pa.array([council])
        ),
        "event_id": pc.binary_join_element_wise(
            "E", pc.utf8_lpad(pc.cast(ids, pa.string()), 10, "0"), ""
        ),
        "source": pa.DictionaryArray.from_arrays(
            pa.array(np.zeros(n, dtype=np.int32)), pa.array(["synthetic"])
        ),
        "source_row": pc.add(ids, 1),
        "start": _timestamps(start_day, epoch),
        "end": _timestamps(end_day, epoch),
    }
    columns.update({name: events[name] for name in EVENT_COLUMNS})
    cld_event = pc.is_in(pc.cast(events["kind"], pa.string()), pa.array(_CLD_KINDS))
    columns["event_reference"] = pc.if_else(
        cld_event, columns["event_id"], _outcome_references(events[OUTCOME_NUMBER], people.first)
    )
    columns.update(_person_columns(ctx, support, person, epoch - int(np.floor(ctx.origin))))
    return pa.table(columns)


def _outcome_references(numbers: pa.Array, first_person: int) -> pa.Array:
    """Each outcome's rows share one reference, unique in the council (null on other rows).

    Without it an outcome is known by its words, and the phrase bank is small:
    the same words for one person years apart would be one outcome, and
    outcomes recorded would fall the longer the records run.
    """
    return pc.binary_join_element_wise(
        f"outcome {first_person}.", pc.cast(numbers, pa.string()), ""
    )


def _timestamps(day: np.ndarray, epoch: int) -> pa.Array:
    missing = np.isnan(day)
    whole = np.floor(np.where(missing, 0, day)).astype(np.int64) + epoch
    return masked(pa.timestamp("us"), whole * _MICROS_PER_DAY, ~missing)


def _person_columns(
    ctx: Context, support: LongTermSupport, person: np.ndarray, epoch: int
) -> dict[str, pa.Array]:
    """Person details of each row, built once per person and repeated as CLD repeats them."""
    people = ctx.people
    unique, row_of = np.unique(person, return_inverse=True)
    number = people.first + unique
    ids = [f"P{k:08d}" for k in number.tolist()]

    def repeat(values: pa.Array) -> pa.Array:
        return pa.DictionaryArray.from_arrays(pa.array(row_of.astype(np.int32)), values)

    def choice(c: Choice) -> pa.Array:
        return repeat(pa.array([c.vocabulary[k] for k in c.codes[unique].tolist()]))

    died = people.exit_death[unique] & (people.exit_day[unique] < ctx.horizon)
    death_day = np.floor(np.where(died, people.exit_day[unique], 0)).astype(np.int64) + epoch
    care_home = support.last_care_home[unique]
    at_home = people.accommodation_at_home.codes[unique]
    accommodation = [
        _CARE_HOMES[h - 1] if h > 0 else people.accommodation_at_home.vocabulary[a]
        for h, a in zip(care_home.tolist(), at_home.tolist(), strict=True)
    ]
    birth = np.floor(people.birth_day[unique]).astype(np.int64) + epoch
    locality = people.locality[unique].astype(np.int64)
    postcodes = [
        f"ZZ{loc + 1} {k % 10}{chr(65 + (k // 10) % 26)}{chr(65 + (k // 260) % 26)}"
        for loc, k in zip(locality.tolist(), number.tolist(), strict=True)
    ]
    return {
        "person_id": repeat(pa.array(ids)),
        "la_person_id": repeat(pa.array(ids)),
        "nhs_number": repeat(pa.array(_nhs_numbers(number))),
        "gender": repeat(pa.array(np.where(people.female[unique], "Female", "Male"))),
        "ethnicity": choice(people.ethnicity),
        "date_of_birth": repeat(
            masked(pa.date32(), birth.astype(np.int32), np.ones(len(birth), bool))
        ),
        "date_of_death": repeat(masked(pa.date32(), death_day.astype(np.int32), died)),
        "client_type": repeat(pa.array(["Service user"] * len(unique))),
        "primary_support_reason": choice(people.support_reason),
        "postcode": repeat(pa.array(postcodes)),
        "accommodation_status": repeat(pa.array(accommodation)),
        "employment_status": choice(people.employment),
        "has_unpaid_carer": choice(people.has_unpaid_carer),
        "client_funding_status": choice(people.client_funding_status),
    }


_NHS_WEIGHTS = np.arange(10, 1, -1)


def _nhs_numbers(number: np.ndarray) -> list[str]:
    """NHS numbers in the never-issued 9xx range, with a valid modulus-11 check digit.

    Two consecutive bases differ by 2 (mod 11) in their weighted sum, so at
    most one of them has the invalid check value 10: use the other.
    """
    base = 900_000_000 + 2 * np.asarray(number, dtype=np.int64)
    candidates = np.stack([base, base + 1])
    digits = (candidates[..., None] // 10 ** np.arange(8, -1, -1)) % 10
    check = (11 - (digits * _NHS_WEIGHTS).sum(axis=-1) % 11) % 11
    use_second = check[0] == 10
    chosen = np.where(use_second, candidates[1], candidates[0])
    digit = np.where(use_second, check[1], check[0])
    return [f"{b}{d}" for b, d in zip(chosen.tolist(), digit.tolist(), strict=True)]
