"""The check's parameters: the window looked at, and each measure's rules.

Every rule a measure depends on (how events group into episodes, how far back
a repeat request looks, how requests cluster for SALT-style sequels) is a
named parameter here with its default, so a team can see and change it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Period(StrEnum):
    """The length of one point on a capability chart."""

    WEEK = "week"  # Monday to Sunday
    MONTH = "month"  # calendar month

    @property
    def truncate_unit(self) -> str:
        """The Ibis truncation unit for the period."""
        return "W" if self is Period.WEEK else "M"


class StoryBy(StrEnum):
    """What makes a journey the most fragmented, for the story on the page (``check.story``)."""

    RECORDS = "records"
    TEAMS = "teams"
    WORKERS = "workers"
    ASSESSMENTS = "assessments"

    @property
    def column(self) -> str:
        """The ``people`` table's column for it."""
        return "events" if self is StoryBy.RECORDS else self.value


@dataclass(frozen=True)
class EpisodeRules:
    """How a person's events group into journeys (episodes of work), from their side.

    A new episode starts at a person's first event; after ``gap_days`` with
    nothing happening (measured from the latest end seen so far, where a paid
    service counts only at its start: the service running is not casework);
    and, if ``closure_ends_episode``, at the first event more than
    ``same_journey_days`` after a closure. A person back within that time
    has not stopped needing help: the system closed the case, but their
    journey goes on (the single-transaction view the seed criticises would
    restart the clock). The default, 90 days, is the repeat-request look-back
    (``CheckParams.repeat_days``): a request that soon after another is
    counted as a repeat, so it belongs to the same journey. With it, a
    closure ends a journey only where the gap rule would too, so a council's
    journal (with closures) and its CLD return (without) count journeys
    alike.
    """

    gap_days: int = 90
    closure_ends_episode: bool = True
    same_journey_days: int = 90

    def __post_init__(self) -> None:
        if self.gap_days < 0:
            raise ValueError(f"episode gap must be 0 days or more, got {self.gap_days}")
        if self.same_journey_days < 0:
            raise ValueError(f"same-journey days must be 0 or more, got {self.same_journey_days}")


@dataclass(frozen=True)
class SequelRules:
    """SALT STS001-style sequels to requests from new clients (cld-algorithms.md §C).

    Requests whose gap from the previous request's end is at most
    ``cluster_days`` are one request; the first later event must start within
    ``window_days`` of the request's end, and each further event within
    ``chain_gap_days`` of the previous one's end. ``same_day_quirk`` copies
    NHS England's replication code, in which the 28-day window never applies
    to a request that starts and ends on the same day (off by default).
    """

    cluster_days: int = 4
    window_days: int = 28
    chain_gap_days: int = 3
    same_day_quirk: bool = False


@dataclass(frozen=True)
class CheckParams:
    """What the check looks at and how.

    ``start``/``end`` bound the window (inclusive dates, or ISO text such as
    "2024-04-01"; by default from the first steady month of front-door
    records, see ``check.window``, to the journal's last date). ``change_date`` is when the way of
    working changed: capability limits are recalculated there and the results
    table compares equal periods before and after it (without one, the first
    half of the window against the second).
    """

    start: dt.date | None = None
    end: dt.date | None = None
    change_date: dt.date | None = None
    period: Period = Period.MONTH
    episodes: EpisodeRules = field(default_factory=EpisodeRules)
    sequels: SequelRules = field(default_factory=SequelRules)
    repeat_windows: tuple[int, ...] = (28, 90, 182)
    repeat_days: int = 90
    """The repeat window used on capability charts and in the results table."""
    top_journeys: int = 20
    person: str | None = None
    """Whose timeline to show; by default the most fragmented journey's."""
    story_by: StoryBy = StoryBy.TEAMS
    """Most fragmented by most teams (then workers, …), records, workers or assessments."""
    targets: tuple[Any, ...] = ()
    """The council's targets (``targets.Target``, from ``check --targets FILE``)."""
    examples_per_reason: int = 3
    xmr: Any = None
    """``capability.XmrParams`` for the charts; None for its defaults."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "period", Period(self.period))
        object.__setattr__(self, "story_by", StoryBy(self.story_by))
        for name in ("start", "end", "change_date"):
            object.__setattr__(self, name, _as_date(getattr(self, name), name))
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"the window starts ({self.start}) after it ends ({self.end})")
        if any(days <= 0 for days in self.repeat_windows) or self.repeat_days <= 0:
            raise ValueError("repeat windows must be a positive number of days")


def _as_date(value: Any, name: str) -> dt.date | None:
    """A date, from a date or ISO text; anything else refused by name."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{name} {value!r} is not a date like 2024-04-01") from None
    raise TypeError(f"{name} must be a date (or text like 2024-04-01), not {type(value).__name__}")
