"""The menu index: how much of a plan the person's own life carries, against paid services.

A service-led system fits people to a menu of paid services; a system that
starts from what matters finds much of the answer in the person's own
strengths, family, friends and community. Each plan action records who does
it (``action_by``); the index is the share done by anyone but a paid service.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from whatmatters.check.catalogue.entry import Card, Combine, Inputs, Measure, MeasureInfo
from whatmatters.check.catalogue.front_door import NO_START
from whatmatters.check.catalogue.periods import per_period
from whatmatters.check.expressions import day_number, flag
from whatmatters.journal.schema import ActionBy, Kind, OutcomeStatus

OWN_NETWORK: tuple[ActionBy, ...] = tuple(a for a in ActionBy if a is not ActionBy.PAID_SERVICE)
"""The person, family, friends, community and other unpaid carers."""


def known_actions(events: ir.Table) -> ir.Table:
    """Plan actions with a known doer, each with ``own`` (1: the person's own network)."""
    actions = events.filter(events.kind == Kind.ACTION.value)
    by = actions.action_by.lower().strip()
    known = actions.filter(by.isin([a.value for a in ActionBy]))
    by = known.action_by.lower().strip()
    return known.mutate(own=flag(by.isin([a.value for a in OWN_NETWORK])))


def achieved_actions(events: ir.Table, known: ir.Table) -> ir.Table:
    """The ``known`` actions (``known_actions``) that served what matters achieved, each once:
    ``event_id``, ``own`` and ``achieved_day``.

    An action served an achievement when the same person has an outcome row
    with status achieved on a day from the action's start to its end (any
    later day while it has no end): the plan's work was part of getting there.
    """
    done = events.filter(
        (events.kind == Kind.OUTCOME.value) & (events.status == OutcomeStatus.ACHIEVED.value)
    )
    done = done.select(_person=done.person_id, _day=day_number(done.start))
    joined = known.inner_join(
        done,
        [
            known.person_id == done._person,
            done._day >= day_number(known.start),
            known.end.isnull() | (done._day <= day_number(known.end)),
        ],
    )
    first = joined.group_by(["event_id", "own"]).agg(achieved_day=joined._day.min())
    return first


def _menu_index(i: Inputs) -> ir.Table:
    known = known_actions(i.events)
    return per_period(i.calendar, known, day_number(known.start), known.own, ibis.literal(1))


def _menu_index_achieved(i: Inputs) -> ir.Table:
    served = achieved_actions(i.events, known_actions(i.events))
    return per_period(i.calendar, served, served.achieved_day, served.own, ibis.literal(1))


MENU_INDEX = MeasureInfo(
    Measure.MENU_INDEX,
    "Plan actions by the person and their own network",
    "%",
    Combine.RATIO,
    Combine.RATIO,
    "Plan actions by the person, family, friends or community",
    Card(
        "Plan actions done by the person, family, friends, community or other unpaid "
        "carers, over all plan actions with a known doer: how far plans reach beyond the "
        "menu of paid services.",
        numerator="Rows of kind action starting in the period whose action_by is self, "
        "family, friend, community or unpaid_carer (any letter case).",
        denominator="Rows of kind action starting in the period whose action_by is one of "
        "those or paid_service.",
        prerequisites="Co-produced plans recorded action by action with who does each "
        "(casework, a generated council). A CLD return holds services only, not plan "
        "actions: there the index is not recorded, and the results say so.",
        unknowns="An action with no action_by, or any other value, is left out of both "
        f"numerator and denominator. A period with no such actions has no value. {NO_START}",
    ),
    _menu_index,
)


MENU_INDEX_ACHIEVED = MeasureInfo(
    Measure.MENU_INDEX_ACHIEVED,
    "What matters achieved by the person and their own network",
    "%",
    Combine.RATIO,
    Combine.RATIO,
    "Actions behind what matters achieved, by the person's own network",
    Card(
        "Of the plan actions behind what matters achieved, the share done by the person, "
        "family, friends, community or other unpaid carers rather than a paid service.",
        numerator="Plan actions (known doer, as the menu index) done by the person's own "
        "network that served an achievement, counted in the period of the first achieved "
        "outcome they served.",
        denominator="Plan actions with a known doer that served an achievement: the same "
        "person's outcome row with status achieved falls on a day from the action's start "
        "to its end (any later day while it has no end).",
        prerequisites="Co-produced plans recorded action by action with who does each, and "
        "outcomes with a status (casework, a generated council). A CLD return holds "
        "neither: there it is not recorded, and the results say so.",
        unknowns="An action with no or another action_by is left out; an action serving "
        "several achievements counts once, at the first. A period with no such actions "
        f"has no value. {NO_START}",
    ),
    _menu_index_achieved,
)
