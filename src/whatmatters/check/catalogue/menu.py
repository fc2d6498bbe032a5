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
from whatmatters.journal.schema import ActionBy, Kind

OWN_NETWORK: tuple[ActionBy, ...] = tuple(a for a in ActionBy if a is not ActionBy.PAID_SERVICE)
"""The person, family, friends, community and other unpaid carers."""


def _menu_index(i: Inputs) -> ir.Table:
    actions = i.events.filter(i.events.kind == Kind.ACTION.value)
    by = actions.action_by.lower().strip()
    known = actions.filter(by.isin([a.value for a in ActionBy]))
    by = known.action_by.lower().strip()
    own = flag(by.isin([a.value for a in OWN_NETWORK]))
    return per_period(i.calendar, known, day_number(known.start), own, ibis.literal(1))


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
