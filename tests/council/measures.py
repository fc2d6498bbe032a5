"""Measures of a generated council, computed independently of the model (DuckDB SQL).

The tests compare these with the published figures the parameters claim to
reproduce. They read only the journal, as any user of it would.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

LONG_TERM_TYPES = (
    "Long term support: Nursing care",
    "Long term support: Residential care",
    "Long term support: Community",
)


@dataclass(frozen=True)
class Run:
    """A generated journal and what it was generated for."""

    journal: Path
    adults: int
    years: float
    start: str  # ISO date


def connect(run: Run) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"create view j as select * from read_parquet('{run.journal}/events/*.parquet')")
    return con


def requests_per_100k_adults_a_year(run: Run) -> float:
    con = connect(run)
    (n,) = con.execute("select count(*) from j where kind = 'request'").fetchone()
    return n / run.adults / run.years * 1e5


def share_of_requests_65_plus(run: Run) -> float:
    con = connect(run)
    (share,) = con.execute(
        """select avg(case when date_diff('day', date_of_birth, cast(start as date)) / 365.25 >= 65
                           then 1.0 else 0.0 end)
           from j where kind = 'request'"""
    ).fetchone()
    return share


def hospital_route_share(run: Run) -> float:
    con = connect(run)
    (share,) = con.execute(
        """select avg(case when route_of_access = 'Discharge from Hospital' then 1.0 else 0.0 end)
           from j where kind = 'request'"""
    ).fetchone()
    return share


def requests_per_client(run: Run) -> float:
    """Requests per person with a request, each year of the run, averaged over whole years."""
    con = connect(run)
    rows = con.execute(
        f"""select floor(date_diff('day', date '{run.start}', cast(start as date)) / 365.25) y,
                   count(*) * 1.0 / count(distinct person_id)
            from j where kind = 'request' group by y
            having y < {int(run.years)} order by y"""
    ).fetchall()
    return sum(r[1] for r in rows) / len(rows)


def _snapshots(run: Run) -> list[str]:
    return [
        f"date '{run.start}' + to_days(cast(round({k} * 365.25) as integer)) - interval 1 day"
        for k in range(1, int(run.years) + 1)
    ]


def _active_on(snap: str) -> str:
    """SQL: the row is active on the day ``snap`` (an SQL date expression)."""
    return f"""cast(start as date) <= {snap}
               and (j."end" is null or cast(j."end" as date) >= {snap})"""


def long_term_by_setting(run: Run, year: int | None = None) -> dict[str, float]:
    """Shares of people in long-term support at year ends, by their highest setting."""
    con = connect(run)
    snaps = _snapshots(run) if year is None else [_snapshots(run)[year - 1]]
    counts: dict[str, int] = {}
    for snap in snaps:
        rows = con.execute(
            f"""with active as (
                  select person_id,
                         min(case service_type when 'Long term support: Nursing care' then 1
                                  when 'Long term support: Residential care' then 2 else 3 end) r
                  from j where kind = 'service' and service_type in {LONG_TERM_TYPES}
                    and {_active_on(snap)}
                  group by person_id)
                select r, count(*) from active group by r"""
        ).fetchall()
        for r, c in rows:
            name = {1: "nursing", 2: "residential", 3: "community"}[r]
            counts[name] = counts.get(name, 0) + c
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()}


def long_term_per_100k_adults(run: Run, year: int) -> float:
    con = connect(run)
    snap = _snapshots(run)[year - 1]
    (n,) = con.execute(
        f"""select count(distinct person_id) from j
            where kind = 'service' and service_type in {LONG_TERM_TYPES}
              and {_active_on(snap)}"""
    ).fetchone()
    return n / run.adults * 1e5


def mean_home_care_hours(run: Run) -> float:
    """Mean planned hours a week of people with active long-term home care, at year ends."""
    con = connect(run)
    values = []
    for snap in _snapshots(run):
        (mean,) = con.execute(
            f"""select avg(hours_per_week) from j
                where kind = 'service' and service_type = 'Long term support: Community'
                  and {_active_on(snap)}"""
        ).fetchone()
        values.append(mean)
    return sum(values) / len(values)


def share_reviewed(run: Run) -> float:
    """Of people in long-term support for over 12 months at a year end, the share with a
    planned review in that year (chains of support lines with gaps of at most a day)."""
    con = connect(run)
    reviewed = total = 0
    for k, snap in enumerate(_snapshots(run), start=1):
        if k < 2:
            continue  # a full year of the run is needed before the snapshot
        (r, t) = con.execute(
            f"""with lines as (
                  select person_id, cast(start as date) s,
                         coalesce(cast(j."end" as date), date '9999-01-01') e
                  from j where kind = 'service' and service_type in {LONG_TERM_TYPES}),
                marked as (
                  select *, case when s > max(e) over (partition by person_id order by s, e
                              rows between unbounded preceding and 1 preceding) + 1 then 1
                            else 0 end as breaks from lines),
                chains as (
                  select person_id, min(s) s, max(e) e from (
                    select *, sum(breaks) over (partition by person_id order by s, e) chain
                    from marked) group by person_id, chain),
                long as (
                  select distinct person_id from chains
                  where s <= {snap} - interval 365 day and e >= {snap}),
                reviews as (
                  select distinct person_id from j
                  where kind = 'review' and review_reason = 'Planned'
                    and cast(start as date) > {snap} - interval 365 day
                    and cast(start as date) <= {snap})
                select count(r.person_id), count(*) from long l
                left join reviews r using (person_id)"""
        ).fetchone()
        reviewed += r
        total += t
    return reviewed / total


SEQUELS = {
    "universal": 0.31,
    "no_services": 0.28,
    "ongoing_low_level": 0.16,
    "st_max": 0.12,
    "other_short_term": 0.04,
    "long_term": 0.08,
    "end_of_life": 0.01,
}


def sequel_split(run: Run) -> dict[str, float]:
    """What followed requests from new clients (not in long-term support when they asked).

    The first service (by SALT's hierarchy) starting between the request and
    the person's next request; else the request's outcome: information and
    advice is "universal", any other "no services". Requests in the run's last
    120 days are left out: what follows them falls after the run.
    """
    con = connect(run)
    last = int(run.years * 365.25) - 120
    rows = con.execute(
        f"""with req as (
              select person_id, start, outcome, next_start from (
                select person_id, start, outcome,
                       lead(start) over (partition by person_id order by start) next_start
                from j where kind = 'request')
              where start < date '{run.start}' + to_days({last})),
            svc as (select person_id, start, j."end" e, service_type, service_component from j
                    where kind = 'service'),
            new_req as (
              select * from req r where not exists (
                select 1 from svc s where s.person_id = r.person_id
                  and s.service_type in {LONG_TERM_TYPES}
                  and s.start <= r.start and (s.e is null or s.e > r.start))),
            followed as (
              select r.person_id, r.start, r.outcome,
                     min(case when s.service_type = 'Short term support: ST-Max' then 1
                              when s.service_component = 'End of life care' then 2
                              when s.service_type in {LONG_TERM_TYPES} then 3
                              when s.service_type = 'Short term support: Ongoing low level' then 6
                              when s.service_type = 'Short term support: Other short term' then 7
                         end) best
              from new_req r left join svc s on s.person_id = r.person_id
                and s.start >= r.start and (r.next_start is null or s.start < r.next_start)
              group by r.person_id, r.start, r.outcome)
            select case best when 1 then 'st_max' when 2 then 'end_of_life' when 3 then 'long_term'
                             when 6 then 'ongoing_low_level' when 7 then 'other_short_term'
                             else case when outcome = 'NFA: Information and advice or signposting'
                                       then 'universal' else 'no_services' end end k,
                   count(*) from followed group by k"""
    ).fetchall()
    total = sum(c for _, c in rows)
    return {k: c / total for k, c in rows}


def failure_demand_share(run: Run) -> float:
    con = connect(run)
    (share,) = con.execute(
        """select avg(case when demand_type = 'failure' then 1.0 else 0.0 end)
           from j where kind = 'contact'"""
    ).fetchone()
    return share


def self_referral_share(run: Run) -> float:
    con = connect(run)
    (share,) = con.execute(
        "select avg(case when team = to_team then 1.0 else 0.0 end) from j where kind = 'referral'"
    ).fetchone()
    return share


def re_referral_share(run: Run) -> float:
    """Share of requests opened by a person coming back (failure demand, re-referral)."""
    con = connect(run)
    (returns,) = con.execute(
        """select count(*) from j where kind = 'contact'
           and demand_reason in ('re-referral: what matters not achieved', 'wrong information')"""
    ).fetchone()
    (requests,) = con.execute("select count(*) from j where kind = 'request'").fetchone()
    return returns / requests


def failure_contacts(run: Run, reason: str) -> int:
    con = connect(run)
    (n,) = con.execute(
        "select count(*) from j where kind = 'contact' and demand_reason = ?", [reason]
    ).fetchone()
    return n


def paid_actions_share(run: Run) -> float:
    """Share of co-produced plan actions done by a paid service."""
    con = connect(run)
    (share,) = con.execute(
        """select avg(case when action_by = 'paid_service' then 1.0 else 0.0 end)
           from j where kind = 'action'"""
    ).fetchone()
    return share or 0.0


def care_home_placements(run: Run) -> int:
    """New residential or nursing long-term placements started during the run."""
    con = connect(run)
    (n,) = con.execute(
        f"""select count(*) from j where kind = 'service'
            and service_type in ('Long term support: Nursing care',
                                 'Long term support: Residential care')
            and start >= date '{run.start}'"""
    ).fetchone()
    return n


def outcomes_in_own_words(run: Run) -> bool:
    """Every outcome row has the person's words, a status and the person's rating."""
    con = connect(run)
    (bad,) = con.execute(
        """select count(*) from j where kind = 'outcome' and (words is null
           or words_by <> 'person' or status is null or rating is null)"""
    ).fetchone()
    return bad == 0


def workers_per_person(run: Run) -> float:
    con = connect(run)
    (mean,) = con.execute(
        """select avg(n) from (select count(distinct worker) n from j
           where worker is not null group by person_id)"""
    ).fetchone()
    return mean


def teams_per_person(run: Run) -> float:
    con = connect(run)
    (mean,) = con.execute(
        """select avg(n) from (select count(distinct team) n from j
           where team is not null group by person_id)"""
    ).fetchone()
    return mean


def count_activity(run: Run, activity: str) -> int:
    con = connect(run)
    (n,) = con.execute("select count(*) from j where activity = ?", [activity]).fetchone()
    return n


def by_period(run: Run, change: str) -> tuple[dict[str, float], dict[str, float]]:
    """Rows by kind a year, before and after ``change`` (an ISO date)."""
    con = connect(run)
    rows = con.execute(
        f"""select kind, start < date '{change}' before, count(*) from j
            where start >= date '{run.start}' group by all"""
    ).fetchall()
    (days_before,) = con.execute(f"select date '{change}' - date '{run.start}'").fetchone()
    days_after = run.years * 365.25 - days_before
    before: dict[str, float] = {}
    after: dict[str, float] = {}
    for kind, is_before, n in rows:
        if is_before:
            before[kind] = n / days_before * 365.25
        else:
            after[kind] = n / days_after * 365.25
    for d in (before, after):
        for kind in ("conversation", "assessment", "request"):
            d.setdefault(kind, 0.0)
    return before, after


def count(run: Run, kind: str) -> int:
    con = connect(run)
    (n,) = con.execute(f"select count(*) from j where kind = '{kind}'").fetchone()
    return n
