"""The CLD Release 2 code lists casework forms offer, read from ``whatmatters.journal.cld``.

One source: the lists and the weekly-cost rule are those the CLD importer
and exporter use, so what a worker chooses is what CLD accepts.
"""

from __future__ import annotations

from whatmatters.journal.cld.codes import code_list
from whatmatters.journal.cld.fields import Field
from whatmatters.journal.cld.release import Release
from whatmatters.journal.cld.weekly import weekly_figures


def values(field: Field) -> tuple[str, ...]:
    """The Release 2 values of ``field``'s code list, in list order."""
    return tuple(code_list(field, Release.R2).values)


def _chosen(field: Field, chosen: tuple[str, ...]) -> tuple[str, ...]:
    """A subset of ``field``'s list; a value not on it stops the application starting."""
    unknown = set(chosen) - set(values(field))
    if unknown:
        raise ValueError(f"not on the CLD {field} list: {sorted(unknown)}")
    return chosen


GENDER = values(Field.GENDER)
SERVICE_TYPE = values(Field.SERVICE_TYPE)
SERVICE_COMPONENT = values(Field.SERVICE_COMPONENT)
DELIVERY_MECHANISM = values(Field.DELIVERY_MECHANISM)
COST_FREQUENCY = values(Field.COST_FREQUENCY)

# The Event Outcomes that can end a piece of casework (the others are
# progressions, or facts about funding that casework does not decide).
CLOSURE_OUTCOME = _chosen(
    Field.EVENT_OUTCOME,
    (
        "NFA: Support ended as planned",
        "NFA: Support declined",
        "NFA: Deceased",
        "NFA: Responsibility moved to another local authority",
        "NFA: Referral to NHS services or NHS funded social care",
        "NFA: Information and advice or signposting",
        "NFA: Support ended for other reason",
        "NFA: Other",
    ),
)


def choices(codes: tuple[str, ...]) -> list[tuple[str, str]]:
    """Form choices from a code list: the code is what is shown and stored."""
    return [(v, v) for v in codes]


def units_per_week(cost_frequency: str, planned_units_per_week: float | None) -> float | None:
    """Units a week as DHSC derives them (``journal.cld.weekly``, the one rule).

    Period frequencies fix the units (weekly 1, fortnightly ½, …); one-off
    costs have none; any other frequency takes the planned units a week.
    """
    return _weekly(None, cost_frequency, planned_units_per_week)["units_per_week"]


def weekly_cost(
    unit_cost: float | None, cost_frequency: str, planned_units_per_week: float | None
) -> float | None:
    """|Unit cost| × units a week (£), empty where either is unknown or zero (as DHSC).

    Not rounded, so the journal holds what a CLD import would derive; pages
    show pounds and pence.
    """
    return _weekly(unit_cost, cost_frequency, planned_units_per_week)["weekly_cost"]


def _weekly(unit_cost: float | None, frequency: str, planned: float | None) -> dict:
    nan = float("nan")
    figures = weekly_figures(
        [nan if unit_cost is None else unit_cost],
        [frequency],
        [nan if planned is None else planned],
    )
    return figures.row(0, named=True)
