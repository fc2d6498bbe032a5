"""The counts and sums a model fit needs, one row per person.

Every estimate in ``council/fit.py`` is a ratio of two sums over people (a
share: requests from people 65+ over all requests; a mean: days waited over
requests waited for; a rate: stays ended over days in a stay). Keeping the
sums per person lets the fit resample *people* for its intervals (a person's
requests are not independent of each other) with no second pass over the
journal. Columns are listed in ``COLUMNS``; a journal without some kind of
row (a CLD import has no contacts or referrals) just has zeros there.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

# Request outcome → the sequel it shows (CLD Release 2 Event Outcome wording).
SIGNPOSTING = "NFA: Information and advice or signposting"
NO_SERVICES = "NFA: No services offered for other reason"
TO_REABLEMENT = "Progress to reablement/ST-Max"
# Service component → the sequel a service after an assessment shows.
COMPONENT_SEQUEL = {
    "Equipment": "ongoing_low_level",
    "Day support": "ongoing_low_level",
    "Short term residential care": "other_short_term",
    "Home support or domiciliary care": "long_term",
    "Long term residential care": "long_term",
    "Long term nursing care": "long_term",
    "End of life care": "end_of_life",
}
CARE_HOME = ("Long term residential care", "Long term nursing care")
HOME_CARE = "Home support or domiciliary care"
DECEASED = "NFA: Deceased"
MOVED = "NFA: Responsibility moved to another local authority"
RETURN_REASONS = ("re-referral: what matters not achieved", "wrong information")
SEQUELS = (
    "universal",
    "no_services",
    "ongoing_low_level",
    "st_max",
    "other_short_term",
    "long_term",
    "end_of_life",
)
FOLLOW_DAYS = 180  # a service this long after a request is taken to be what it led to


def _days(end: str, start: str) -> pl.Expr:
    return (pl.col(end) - pl.col(start)).dt.total_seconds() / 86_400


def person_counts(events: pl.DataFrame, start: dt.date, end: dt.date) -> pl.DataFrame:
    """One row per person with every count and sum the fit uses (zeros where none)."""
    w0, w1 = dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time())
    events = events.filter(pl.col("person_id").is_not_null() & pl.col("start").is_not_null())
    kind = pl.col("kind")
    requests = _requests(events, w0, w1)
    parts = [
        _request_counts(requests),
        _assessments(events.filter(kind == "assessment"), w0, w1),
        _referrals(events.filter(kind == "referral"), w0, w1),
        _services(events.filter(kind == "service"), w0, w1),
    ]
    people = pl.concat([p.select("person_id") for p in parts]).unique()
    for part in parts:
        people = people.join(part, on="person_id", how="left")
    return people.fill_null(0).sort("person_id")


def _requests(events: pl.DataFrame, w0: dt.datetime, w1: dt.datetime) -> pl.DataFrame:
    """Requests in the window: age, route, sequel shown, whether the person was already in
    long-term support, and whether a contact saying they came back opened it."""
    requests = events.filter(
        (pl.col("kind") == "request") & pl.col("start").is_between(w0, w1, closed="left")
    ).select("person_id", "start", "end", "outcome", "route_of_access", "date_of_birth")
    requests = requests.with_row_index("request")
    services = events.filter(pl.col("kind") == "service").select(
        "person_id",
        pl.col("start").alias("s_start"),
        pl.col("end").alias("s_end"),
        "service_component",
    )
    pairs = requests.join(services, on="person_id", how="inner")
    in_support = (
        pairs.filter(
            pl.col("service_component").is_in([*CARE_HOME, HOME_CARE])
            & (pl.col("s_start") < pl.col("start"))
            & (pl.col("s_end").is_null() | (pl.col("s_end") > pl.col("start")))
        )
        .select("request")
        .unique()
        .with_columns(existing=pl.lit(True))
    )
    following = (
        pairs.filter(
            (pl.col("s_start") >= pl.col("start"))
            & (_days("s_start", "start") <= FOLLOW_DAYS)
            & pl.col("service_component").is_in(list(COMPONENT_SEQUEL))
        )
        .sort("s_start")
        .group_by("request")
        .agg(pl.col("service_component").first().alias("followed_by"))
    )
    returns = (
        events.filter((pl.col("kind") == "contact") & pl.col("demand_reason").is_in(RETURN_REASONS))
        .select("person_id", pl.col("start").dt.date().alias("day"))
        .unique()
        .with_columns(returned=pl.lit(True))
    )
    return (
        requests.join(in_support, on="request", how="left")
        .join(following, on="request", how="left")
        .with_columns(day=pl.col("start").dt.date())
        .join(returns, on=["person_id", "day"], how="left")
        .with_columns(
            pl.col("existing").fill_null(False),
            pl.col("returned").fill_null(False),
            age=(pl.col("start").dt.date() - pl.col("date_of_birth")).dt.total_days() / 365.25,
        )
    )


def _sequel(r: pl.DataFrame) -> pl.Expr:
    followed = pl.col("followed_by").replace_strict(COMPONENT_SEQUEL, default=None)
    return (
        pl.when(pl.col("outcome") == SIGNPOSTING)
        .then(pl.lit("universal"))
        .when(pl.col("outcome") == TO_REABLEMENT)
        .then(pl.lit("st_max"))
        .when(pl.col("outcome") == NO_SERVICES)
        .then(pl.lit("no_services"))
        .otherwise(pl.coalesce(followed, pl.lit("assessed_no_services")))
    )


def _request_counts(r: pl.DataFrame) -> pl.DataFrame:
    r = r.with_columns(sequel=_sequel(r))
    new = ~pl.col("existing")
    waited = (pl.col("outcome") != SIGNPOSTING) & pl.col("end").is_not_null()
    # A new need: not someone in long-term support, not someone coming back.
    first_need = new & ~pl.col("returned")
    aggs = [
        pl.len().alias("requests"),
        (pl.col("age") >= 65).sum().alias("requests_65_plus"),
        (first_need & (pl.col("age") >= 65)).sum().alias("needs_65_plus"),
        (first_need & (pl.col("age") >= 85)).sum().alias("needs_85_plus"),
        pl.col("age").is_not_null().sum().alias("requests_aged"),
        (pl.col("route_of_access") == "Discharge from Hospital").sum().alias("hospital"),
        pl.col("route_of_access").is_not_null().sum().alias("routed"),
        pl.col("returned").sum().alias("returns"),
        new.sum().alias("new_requests"),
        (new & (pl.col("sequel") == "assessed_no_services")).sum().alias("no_services_assessed"),
        _days("end", "start").filter(waited).sum().alias("wait_days"),
        waited.sum().alias("waits"),
    ]
    for sequel in SEQUELS:
        match = pl.col("sequel") == sequel
        if sequel == "no_services":
            match = match | (pl.col("sequel") == "assessed_no_services")
        aggs.append((new & match).sum().alias(f"sequel_{sequel}"))
    return r.group_by("person_id").agg(aggs)


def _assessments(a: pl.DataFrame, w0: dt.datetime, w1: dt.datetime) -> pl.DataFrame:
    a = a.filter(pl.col("start").is_between(w0, w1, closed="left"))
    first = (pl.col("activity") == "Assessment") & pl.col("end").is_not_null()
    return a.group_by("person_id").agg(
        first.sum().alias("assessments"),
        _days("end", "start").filter(first).sum().alias("assessment_days"),
        (pl.col("activity") == "Re-assessment").sum().alias("reassessments"),
    )


def _referrals(f: pl.DataFrame, w0: dt.datetime, w1: dt.datetime) -> pl.DataFrame:
    f = f.filter(
        pl.col("start").is_between(w0, w1, closed="left") & pl.col("to_team").is_not_null()
    )
    return f.group_by("person_id").agg(
        pl.len().alias("referrals"),
        (pl.col("to_team") == pl.col("team")).sum().alias("self_referrals"),
    )


def _services(s: pl.DataFrame, w0: dt.datetime, w1: dt.datetime) -> pl.DataFrame:
    """Packages started in the window (hours, costs, reablement), and stays' exposure:
    days in a stay inside the window and stays ending inside it (how, too)."""
    component = pl.col("service_component")
    started = pl.col("start").is_between(w0, w1, closed="left")
    ended = pl.col("end").is_not_null() & pl.col("end").is_between(w0, w1, closed="left")
    from_ = pl.max_horizontal(pl.col("start"), pl.lit(w0))
    to = pl.min_horizontal(pl.col("end").fill_null(pl.lit(w1)), pl.lit(w1))
    exposure = ((to - from_).dt.total_seconds() / 86_400).clip(lower_bound=0)
    home, homes = component == HOME_CARE, component.is_in(CARE_HOME)
    reablement = component == "Reablement"
    hours = pl.col("hours_per_week")
    aggs = [
        (started & home & hours.is_not_null()).sum().alias("packages"),
        hours.filter(started & home).sum().alias("hours"),
        (hours**2).filter(started & home).sum().alias("hours_squared"),
        pl.col("unit_cost").filter(started & home).sum().alias("hour_cost"),
        (started & home & pl.col("unit_cost").is_not_null()).sum().alias("hour_costs"),
        pl.col("unit_cost").filter(started & homes).sum().alias("week_cost"),
        (started & homes & pl.col("unit_cost").is_not_null()).sum().alias("week_costs"),
        (started & reablement & ended).sum().alias("reablements"),
        _days("end", "start").filter(started & reablement & ended).sum().alias("reablement_days"),
    ]
    for name, match in (("home", home), ("care_home", homes)):
        aggs += [
            exposure.filter(match).sum().alias(f"{name}_exposure"),
            (match & ended).sum().alias(f"{name}_ends"),
            (match & ended & (pl.col("outcome") == DECEASED)).sum().alias(f"{name}_deaths"),
            (match & ended & (pl.col("outcome") == MOVED)).sum().alias(f"{name}_moves"),
        ]
    counts = s.group_by("person_id").agg(aggs)
    return counts.join(_reablement_then_support(s, w0, w1), on="person_id", how="left")


def _reablement_then_support(s: pl.DataFrame, w0: dt.datetime, w1: dt.datetime) -> pl.DataFrame:
    """Reablement ended in the window, and how many went on to long-term support (90 days)."""
    done = s.filter(
        (pl.col("service_component") == "Reablement")
        & pl.col("end").is_not_null()
        & pl.col("end").is_between(w0, w1, closed="left")
    ).select("person_id", pl.col("end").alias("r_end"))
    support = s.filter(pl.col("service_component").is_in([*CARE_HOME, HOME_CARE])).select(
        "person_id", pl.col("start").alias("l_start")
    )
    went_on = (
        done.with_row_index("episode")
        .join(support, on="person_id", how="left")
        .group_by("episode", "person_id")
        .agg(
            (
                (pl.col("l_start") >= pl.col("r_end"))
                & ((pl.col("l_start") - pl.col("r_end")).dt.total_days() <= 90)
            )
            .any()
            .alias("on")
        )
    )
    return went_on.group_by("person_id").agg(
        pl.len().alias("reablements_ended"), pl.col("on").sum().alias("reablements_to_support")
    )
