"""The casework forms offer the CLD code lists of whatmatters.journal.cld (one source)."""

from __future__ import annotations

import pytest

from whatmatters.casework.common.cld import CLOSURE_OUTCOME, _chosen, units_per_week, weekly_cost
from whatmatters.casework.people.forms import NewPersonForm
from whatmatters.casework.plans.forms import ActionForm
from whatmatters.casework.plans.models import Action
from whatmatters.journal.cld.codes import code_list
from whatmatters.journal.cld.fields import Field
from whatmatters.journal.cld.release import Release


def _r2(field: Field) -> list[str]:
    return code_list(field, Release.R2).values


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("service_type", Field.SERVICE_TYPE),
        ("service_component", Field.SERVICE_COMPONENT),
        ("delivery_mechanism", Field.DELIVERY_MECHANISM),
        ("cost_frequency", Field.COST_FREQUENCY),
    ],
)
def test_a_paid_service_is_chosen_from_the_cld_lists(name, field):
    offered = [value for value, _ in ActionForm.base_fields[name].choices if value]
    assert offered == _r2(field)
    assert [value for value, _ in Action._meta.get_field(name).choices] == _r2(field)


def test_gender_and_closure_outcomes_are_cld_values():
    offered = [value for value, _ in NewPersonForm.base_fields["gender"].choices if value]
    assert offered == _r2(Field.GENDER)
    assert set(CLOSURE_OUTCOME) <= set(_r2(Field.EVENT_OUTCOME))
    with pytest.raises(ValueError, match="not on the CLD"):
        _chosen(Field.EVENT_OUTCOME, ("Closed because we said so",))


@pytest.mark.parametrize(
    ("frequency", "units"),
    [
        ("Weekly", 1.0),
        ("Fortnightly", 0.5),
        ("4-weekly", 0.25),
        ("Monthly", 0.230769),
        ("Quarterly", 0.076923),
        ("Annually", 0.019230),
        ("Hourly", 10.0),
        ("Daily", 10.0),
        ("Per session", 10.0),
    ],
)
def test_weekly_cost_is_derived_as_the_cld_importer_derives_it(frequency, units):
    # The same figures tests/journal/cld/test_weekly.py expects from an imported file.
    assert units_per_week(frequency, 10.0) == pytest.approx(units)
    assert weekly_cost(700.0, frequency, 10.0) == pytest.approx(700 * units)


def test_one_off_zero_or_unknown_costs_have_no_weekly_cost():
    assert weekly_cost(700.0, "One-off", 1.0) is None
    assert weekly_cost(0.0, "Weekly", None) is None
    assert weekly_cost(None, "Hourly", 3.0) is None
    assert weekly_cost(20.0, "No charge to client", None) is None
