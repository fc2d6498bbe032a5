"""Paid services as CLD Service rows, with their cost.

Each service row carries the CLD service type and component, delivery
mechanism, unit cost, cost frequency and planned units, and the journal's
derived columns: units a week (1 for weekly costs, the planned units for
hourly ones, none for one-off), weekly cost = unit cost × units a week, and
planned hours a week for home care.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from whatmatters.council.codes import (
    Activity,
    CostFrequency,
    DeliveryMechanism,
    EventOutcome,
    ServiceComponent,
    ServiceType,
)
from whatmatters.council.context import Context
from whatmatters.council.derived import st_max_week_cost
from whatmatters.council.rows import Coded, coded
from whatmatters.journal.cld.weekly import weekly_figures
from whatmatters.journal.schema import Kind

DELIVERY = (
    DeliveryMechanism.COMMISSIONED,
    DeliveryMechanism.DIRECT_PAYMENT,
    DeliveryMechanism.MANAGED_BUDGET,
)


@dataclass(frozen=True)
class ServiceKind:
    """A sort of service: its CLD codes and how it is costed."""

    activity: Activity
    service_type: ServiceType
    component: ServiceComponent
    frequency: CostFrequency


REABLEMENT = ServiceKind(
    Activity.REABLEMENT, ServiceType.ST_MAX, ServiceComponent.REABLEMENT, CostFrequency.WEEKLY
)
SHORT_STAY = ServiceKind(
    Activity.SHORT_STAY,
    ServiceType.OTHER_SHORT_TERM,
    ServiceComponent.SHORT_TERM_RESIDENTIAL,
    CostFrequency.WEEKLY,
)
EQUIPMENT = ServiceKind(
    Activity.LOW_LEVEL,
    ServiceType.ONGOING_LOW_LEVEL,
    ServiceComponent.EQUIPMENT,
    CostFrequency.ONE_OFF,
)
DAY_SUPPORT = ServiceKind(
    Activity.LOW_LEVEL,
    ServiceType.ONGOING_LOW_LEVEL,
    ServiceComponent.DAY_SUPPORT,
    CostFrequency.WEEKLY,
)
HOME_CARE = ServiceKind(
    Activity.HOME_CARE,
    ServiceType.COMMUNITY,
    ServiceComponent.HOME_SUPPORT,
    CostFrequency.HOURLY,
)
END_OF_LIFE = ServiceKind(
    Activity.END_OF_LIFE,
    ServiceType.COMMUNITY,
    ServiceComponent.END_OF_LIFE,
    CostFrequency.HOURLY,
)
RESIDENTIAL = ServiceKind(
    Activity.RESIDENTIAL,
    ServiceType.RESIDENTIAL,
    ServiceComponent.LONG_TERM_RESIDENTIAL,
    CostFrequency.WEEKLY,
)
NURSING = ServiceKind(
    Activity.NURSING,
    ServiceType.NURSING,
    ServiceComponent.LONG_TERM_NURSING,
    CostFrequency.WEEKLY,
)
# Long-term kinds by position: Setting.COMMUNITY, RESIDENTIAL, NURSING, then end of life.
LONG_TERM_KINDS = (HOME_CARE, RESIDENTIAL, NURSING, END_OF_LIFE)


def _codes(kinds: tuple[ServiceKind, ...], which: np.ndarray, attribute: str, enum: type) -> Coded:
    members = list(enum)
    table = np.array([members.index(getattr(k, attribute)) for k in kinds])
    return coded(enum, table[which])


def add_services(
    ctx: Context,
    kinds: tuple[ServiceKind, ...],
    which: np.ndarray,
    person: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    unit_cost: np.ndarray,
    hours: np.ndarray,
    delivery: np.ndarray,
    outcome: Coded,
) -> None:
    """Service rows of the given kinds (``which`` indexes ``kinds`` per row).

    ``hours`` is used for hourly services (planned hours a week); ``end`` may
    be NaN for a service still open.
    """
    frequency = np.array([k.frequency is CostFrequency.HOURLY for k in kinds])[which]
    one_off = np.array([k.frequency is CostFrequency.ONE_OFF for k in kinds])[which]
    units = np.where(frequency, hours, np.where(one_off, np.nan, 1.0))
    unit_cost = np.round(unit_cost, 2)  # CLD costs are to the penny
    # The derived columns by the one rule a CLD import uses (journal/cld/weekly.py).
    frequencies = np.array([k.frequency.value for k in kinds])[which]
    weekly = weekly_figures(unit_cost, frequencies, units)
    ctx.rows.add(
        Kind.SERVICE,
        person,
        start,
        end,
        activity=_codes(kinds, which, "activity", Activity),
        outcome=outcome,
        service_type=_codes(kinds, which, "service_type", ServiceType),
        service_component=_codes(kinds, which, "component", ServiceComponent),
        delivery_mechanism=Coded(delivery, tuple(d.value for d in DELIVERY)),
        unit_cost=unit_cost,
        cost_frequency=_codes(kinds, which, "frequency", CostFrequency),
        planned_units_per_week=units,
        units_per_week=weekly["units_per_week"].to_numpy(),
        weekly_cost=weekly["weekly_cost"].to_numpy(),
        hours_per_week=weekly["hours_per_week"].to_numpy(),
    )


def home_care_hours(ctx: Context, n: int, cover: float | np.ndarray) -> np.ndarray:
    """Planned home-care hours a week: gamma around the published mean, less what the
    person's own network does instead (a beta-distributed share with mean ``cover``)."""
    sv = ctx.p.services
    shape = sv.home_care_hours_shape
    hours = ctx.rng.gamma(shape, sv.home_care_hours_mean / shape, n)
    cover = np.broadcast_to(np.asarray(cover, dtype=np.float64), (n,))
    if np.any(cover > 0):
        c = np.clip(cover, 1e-9, 1 - 1e-9)
        share = ctx.rng.beta(4 * c, 4 * (1 - c))
        hours = hours * (1 - np.where(cover > 0, share, 0.0))
    return np.maximum(np.round(hours * 4) / 4, 0.25)


def short_term_service(
    ctx: Context,
    kind: ServiceKind,
    person: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    outcome: Coded | EventOutcome,
) -> None:
    """Reablement, a short care-home stay or low-level support, start to end."""
    sv = ctx.p.services
    n = len(person)
    cost = {
        REABLEMENT.component: st_max_week_cost(ctx.p),
        SHORT_STAY.component: sv.care_home_week,
        EQUIPMENT.component: sv.low_level["equipment_cost"],
        DAY_SUPPORT.component: sv.low_level["day_support_week"],
    }[kind.component]
    if not isinstance(outcome, Coded):
        outcome = coded(EventOutcome, np.full(n, list(EventOutcome).index(outcome)))
    add_services(
        ctx,
        (kind,),
        np.zeros(n, dtype=np.int64),
        person,
        start,
        end,
        np.full(n, cost),
        np.full(n, np.nan),
        np.zeros(n, dtype=np.int64),
        outcome,
    )
