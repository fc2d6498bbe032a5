"""The measures page: capability charts read from the live journal table."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from whatmatters.casework.contacts.services import log_contact


def _contact(worker, person, months_ago: int, failure: bool):
    log_contact(
        worker,
        person,
        at=timezone.now() - datetime.timedelta(days=31 * months_ago),
        channel="phone",
        contact_from="person",
        who="",
        words="Where is my carer?",
        demand_type="failure" if failure else "value",
        failure_reason="chasing" if failure else "",
        failure_detail="",
        resolved_first_point=False,
        next_step="",
    )


@pytest.mark.django_db(transaction=True)
def test_team_and_council_capability_charts(audit_triggers_lifted_after, as_user, alice, ana, mary):
    for months_ago, failure in ((3, True), (3, False), (2, False), (1, True), (0, False)):
        _contact(alice, mary, months_ago, failure)
    team_page = as_user(alice).get(reverse("measures:index"))
    assert team_page.status_code == 200
    assert team_page.text.count("<svg") == 1  # failure demand; no work has ended yet
    assert "not enough data for a chart yet" in team_page.text
    assert "Failure demand, % of contacts" in team_page.text
    council = as_user(ana).get(reverse("measures:index"))
    assert "the whole council" in council.text and "Pseudonymised" in council.text
    assert council.text.count("<svg") == 1


def test_a_worker_cannot_see_the_whole_council(as_user, alice):
    assert as_user(alice).get(reverse("measures:index"), {"scope": "council"}).status_code == 403
