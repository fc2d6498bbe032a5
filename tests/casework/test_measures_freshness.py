"""After a casework change the measures page answers at once with the last
figures, says when they were computed, and recomputes them in the background."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.casework.test_measures import council  # noqa: F401 (a fixture)
from whatmatters.casework.measures import check, figures, freshness
from whatmatters.casework.outcomes.services import record_outcome


@pytest.fixture
def jobs(monkeypatch, settings):
    """Background refreshes, held to be run when the test says."""
    settings.WHATMATTERS_MEASURES_IN_BACKGROUND = True
    held = []
    monkeypatch.setattr(freshness, "run_in_background", held.append)
    cache.clear()
    return held


def _recorded(page: str) -> int:
    found = re.search(r"recorded in the person's words</dt><dd[^>]*>(\d+)<", page)
    return int(found.group(1))


def test_a_change_is_answered_at_once_then_the_figures_catch_up(
    council,  # noqa: F811
    jobs,
    as_user,
    alice,
    mary,
    ana,
    monkeypatch,
):
    client = as_user(ana)
    first = client.get(reverse("measures:index")).text
    assert "Figures computed at" in first and "new figures are being worked out" not in first
    before = _recorded(first)
    computed = freshness.latest(None)

    record_outcome(alice, mary, words="Back to chapel on Sundays", words_by="person")
    drawn = []
    monkeypatch.setattr(figures, "capability_charts", lambda result: drawn.append(1) or [])
    stale = client.get(reverse("measures:index")).text
    again = client.get(reverse("measures:index")).text
    assert _recorded(stale) == _recorded(again) == before  # the last figures, at once
    assert "new figures are being worked out" in stale
    assert len(jobs) == 1 and not drawn  # one recomputation, and not while the user waited

    monkeypatch.undo()  # draw for real again
    jobs.pop()()
    fresh = client.get(reverse("measures:index")).text
    now = freshness.latest(None)
    assert now.key == check.scope_key(None) != computed.key  # made from the changed journal
    assert now.computed_at > computed.computed_at and not now.updating
    assert "new figures are being worked out" not in fresh
    assert not jobs


def test_a_failed_recomputation_frees_the_lock_and_keeps_the_last_figures(
    council,  # noqa: F811
    jobs,
    as_user,
    alice,
    mary,
    ana,
    monkeypatch,
):
    client = as_user(ana)
    client.get(reverse("measures:index"))
    record_outcome(alice, mary, words="See my grandson", words_by="person")
    client.get(reverse("measures:index"))

    def broken(team, key=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(freshness.check, "check_for", broken)
    jobs.pop()()
    page = client.get(reverse("measures:index"))
    assert page.status_code == 200 and "Figures computed at" in page.text
    assert len(jobs) == 1  # the lock was freed, so the next visit tries again
