"""CLD Release 2 code lists the casework forms offer (one place).

These are the R2 values of the published Client Level Data specification.
When ``whatmatters.journal.cld`` ships its packaged code lists, these
choices will be read from there instead.
"""

from __future__ import annotations

GENDER = ("Male", "Female", "Unknown")

SERVICE_TYPE = (
    "Short term support: ST-Max",
    "Short term support: Ongoing low level",
    "Short term support: Other short term",
    "Long term support: Nursing care",
    "Long term support: Residential care",
    "Long term support: Community",
    "Long term support: Prison",
    "Unpaid carer support: Direct to unpaid carer",
    "Unpaid carer support: Support involving the person cared-for",
)

SERVICE_COMPONENT = (
    "Reablement",
    "Short term nursing care",
    "Short term residential care",
    "Long term nursing care",
    "Long term residential care",
    "Home support or domiciliary care",
    "Day support",
    "Meals",
    "Transport",
    "Equipment",
    "Direct payment",
    "Shared Lives",
    "Community supported living",
    "Extra care housing",
    "Professional support: Other",
    "Professional support: Social worker",
    "Learning, education or employment support",
    "End of life care",
    "Emergency support",
    "Other short term support",
    "Other long term support",
    "Unpaid carer respite",
    "Unpaid carer sitting service",
    "Unpaid carer universal services",
    "Other unpaid carer support",
)

DELIVERY_MECHANISM = (
    "Direct payment",
    "CASSR managed personal budget",
    "CASSR commissioned support",
)

COST_FREQUENCY = (
    "No charge to client",
    "Per session",
    "Hourly",
    "Daily",
    "Weekly",
    "Fortnightly",
    "4-weekly",
    "Monthly",
    "Quarterly",
    "Annually",
    "One-off",
)

# How many units a week one unit of each frequency means when the units are
# time periods; hourly, daily and per-session units are counted, not derived.
WEEKLY_FACTOR = {
    "Weekly": 1.0,
    "Fortnightly": 0.5,
    "4-weekly": 0.25,
    "Monthly": 12 / 52,
    "Quarterly": 4 / 52,
    "Annually": 1 / 52,
}
COUNTED_FREQUENCIES = ("Hourly", "Daily", "Per session")

# CLD Event Outcomes a closure of work can carry (Release 2 wording).
CLOSURE_OUTCOME = (
    "NFA: Support ended as planned",
    "NFA: Support declined",
    "NFA: Deceased",
    "NFA: Responsibility moved to another local authority",
    "NFA: Referral to NHS services or NHS funded social care",
    "NFA: Information and advice or signposting",
    "NFA: Support ended for other reason",
    "NFA: Other",
)


def choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    """Form choices from a code list: the code is what is shown and stored."""
    return [(v, v) for v in values]


def units_per_week(cost_frequency: str, planned_units_per_week: float | None) -> float | None:
    """Units a week: derived for period frequencies, as planned for counted ones."""
    if cost_frequency in WEEKLY_FACTOR:
        return WEEKLY_FACTOR[cost_frequency]
    if cost_frequency in COUNTED_FREQUENCIES:
        return planned_units_per_week
    return 0.0 if cost_frequency in ("No charge to client",) else None


def weekly_cost(
    unit_cost: float | None, cost_frequency: str, planned_units_per_week: float | None
) -> float | None:
    """Unit cost × units a week (£); unknown when either is unknown."""
    units = units_per_week(cost_frequency, planned_units_per_week)
    if unit_cost is None or units is None:
        return None
    return round(unit_cost * units, 2)
