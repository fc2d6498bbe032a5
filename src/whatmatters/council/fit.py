"""Fit the menu design's parameters to a council's own records.

``fit_journal(journal, population=…)`` estimates, from a journal (a council's
own, or a CLD import), the parameters the records show: arrival rates by age
and route, the sequel mix, how long people wait and assessments take, repeat
assessments, self-referrals, home-care hours, unit costs, lengths of stay,
reablement and what follows it, repeat demand, and how support ends (deaths,
moves). Each estimate is a ratio of sums over people (``fit_counts.py``); its
95% interval comes from resampling people (a bootstrap: a person's requests
are not independent). Everything the records cannot show (the population's
age mix and death rates, mechanisms no row records) stays as in the project's
parameters, with its own source. ``write_model`` writes the result as a
parameters file: each fitted value with ``source = "fitted: …"`` saying how,
and its interval as the ``range``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from whatmatters.council.fit_counts import SEQUELS, person_counts
from whatmatters.council.parameters import Parameters, Sourced, load_parameters
from whatmatters.council.write_parameters import parameters_toml

Sums = dict[str, float]


class FitError(ValueError):
    """The journal cannot be fitted (no requests, no population); the message says why."""


@dataclass(frozen=True)
class Estimate:
    """One fitted value (a number, or one key of a table) with its 95% interval."""

    key: str  # e.g. "demand.hospital_route_share" or "demand.sequel_mix.universal"
    value: float
    low: float
    high: float
    method: str


@dataclass
class Fitted:
    """A fit: the estimates, what they came from, and the whole parameters they make."""

    source: str
    population: int
    start: dt.date
    end: dt.date
    requests: int
    people: int
    resamples: int
    estimates: list[Estimate]
    parameters: Parameters = field(repr=False)

    @property
    def years(self) -> float:
        return (self.end - self.start).days / 365.25


def _ratio(num: str, den: str, scale: float = 1.0) -> Callable[[Sums], float | None]:
    return lambda s: s[num] / s[den] * scale if s[den] > 0 else None


def _shape(s: Sums) -> float | None:
    """Gamma shape by the method of moments: mean² / variance."""
    n = s["packages"]
    if n < 2:
        return None
    mean = s["hours"] / n
    var = (s["hours_squared"] / n - mean**2) * n / (n - 1)
    return mean**2 / var if var > 0 else None


def _rules(base: Parameters, adults_years: float) -> list[tuple[str, Callable[[Sums], Any], str]]:
    """(key, estimator, how) for every value the records show."""
    achieved = base.menu.achieved

    def per_100k(s: Sums) -> float | None:
        return s["requests"] / adults_years * 1e5 if adults_years > 0 else None

    def returning(s: Sums) -> float | None:
        # Steady state: share of requests that are returns = return chance × chance not achieved.
        if not s["requests"] or not s["new_requests"]:
            return None
        fail = sum(s[f"sequel_{k}"] / s["new_requests"] * (1 - achieved[k]) for k in SEQUELS)
        return min(1.0, s["returns"] / s["requests"] / fail) if fail > 0 else None

    def ratio_85(s: Sums) -> float | None:
        # 85+ new needs among 65+ ones, against 85+ people among 65+ (the population's own
        # mix, which no record shows): s = w·r / ((1 − w) + w·r), solved for r.
        w = base.population.share_85_plus / base.population.share_65_plus
        share = s["needs_85_plus"] / s["needs_65_plus"] if s["needs_65_plus"] else None
        return share * (1 - w) / (w * (1 - share)) if share is not None and share < 1 else None

    def end_share(setting: str, how: str) -> Callable[[Sums], float | None]:
        return _ratio(f"{setting}_{how}", f"{setting}_ends")

    rules: list[tuple[str, Callable[[Sums], Any], str]] = [
        ("demand.requests_per_100k_adults", per_100k, "requests a year per 100,000 adults"),
        (
            "demand.share_requests_65_plus",
            _ratio("requests_65_plus", "requests_aged"),
            "share of requests from people 65+ (age on the request's day)",
        ),
        (
            "demand.need_ratio_85_plus",
            ratio_85,
            "how much more often needs arise at 85+ than at 65–84: new needs (requests from "
            "people not in long-term support and not coming back) at 85+ among those at 65+, "
            "with the population's age mix as in the project",
        ),
        (
            "demand.hospital_route_share",
            _ratio("hospital", "routed"),
            "share of requests by the route 'Discharge from Hospital'",
        ),
        (
            "demand.no_services_assessed",
            _ratio("no_services_assessed", "sequel_no_services"),
            "share of 'no services' requests that had an assessment first",
        ),
        (
            "demand.return_if_not_achieved",
            returning,
            "share of requests opened by a person coming back (re-referral or wrong "
            "information), over the chance what mattered was not achieved (the menu "
            "design's achieved values, which no record shows)",
        ),
        (
            "design.menu.first_response_days",
            _ratio("wait_days", "waits"),
            "mean days from a request to its first response (signposting left out)",
        ),
        (
            "design.menu.assessment_days",
            _ratio("assessment_days", "assessments"),
            "mean days a first assessment is open",
        ),
        (
            "design.menu.reassessments",
            _ratio("reassessments", "assessments"),
            "re-assessments per first assessment",
        ),
        (
            "design.menu.self_referral_share",
            _ratio("self_referrals", "referrals"),
            "share of referrals from a team to itself",
        ),
        (
            "services.home_care_hours_mean",
            _ratio("hours", "packages"),
            "mean planned hours a week of new home-care packages",
        ),
        (
            "services.home_care_hours_shape",
            _shape,
            "gamma shape of new packages' hours (mean² / variance)",
        ),
        ("services.home_care_hour", _ratio("hour_cost", "hour_costs"), "mean home-care unit cost"),
        (
            "services.care_home_week",
            _ratio("week_cost", "week_costs"),
            "mean weekly unit cost of long-term residential and nursing care",
        ),
        (
            "services.care_home_stay_days",
            _ratio("care_home_exposure", "care_home_ends"),
            "days in a care home inside the window over stays ended in it (exponential, "
            "open stays counted to the window's end)",
        ),
        (
            "services.community_support_days",
            _ratio("home_exposure", "home_ends"),
            "days of home care inside the window over packages ended in it (exponential, "
            "open packages counted to the window's end; a changed package ends one and "
            "starts another)",
        ),
        (
            "services.st_max_days.mean",
            _ratio("reablement_days", "reablements"),
            "mean days of reablement",
        ),
        (
            "services.st_max_to_long_term",
            _ratio("reablements_to_support", "reablements_ended"),
            "share of reablement followed by long-term support within 90 days",
        ),
        (
            "services.care_home_end.death",
            end_share("care_home", "deaths"),
            "share of care-home stays ended by death",
        ),
        (
            "services.care_home_end.moved",
            end_share("care_home", "moves"),
            "share of care-home stays ended by a move to another council",
        ),
        (
            "services.community_end.death",
            end_share("home", "deaths"),
            "share of home-care packages ended by death",
        ),
        (
            "services.community_end.moved",
            end_share("home", "moves"),
            "share of home-care packages ended by a move to another council",
        ),
    ]
    for sequel in SEQUELS:
        rules.append(
            (
                f"demand.sequel_mix.{sequel}",
                _ratio(f"sequel_{sequel}", "new_requests"),
                "share of requests from people not in long-term support that led to "
                f"'{sequel}' (the request's outcome, or the service within 180 days)",
            )
        )
    return rules


def fit_journal(
    journal: str | Path,
    *,
    population: int | None = None,
    resamples: int = 200,
    seed: int = 0,
    base: Parameters | None = None,
    correct: bool = True,
) -> Fitted:
    """Estimate the menu design's parameters from ``journal``, each with a 95% interval.

    With ``correct`` (the default) each estimate is corrected once by simulation:
    the records show a value through the window's edges and the model's own
    workings (an assessment still open at the end is not seen; reablement is
    cut at six weeks; a changed package ends one row and starts another), so a
    council is generated from the first estimates, the same estimators are run
    on it, and each estimate (and its interval) is scaled by what the records
    showed over what the simulation showed. Shares of a whole are not scaled.
    """
    from whatmatters.journal.store import read_journal, read_manifest

    journal = Path(journal)
    manifest = read_manifest(journal) if journal.is_dir() else {}
    synthetic = manifest.get("synthetic") or {}
    population = population or synthetic.get("population")
    if not population or population < 1:
        raise FitError(
            f"{journal}: the journal does not say how many people live in the council: "
            "give --population (everyone living there, all ages)"
        )
    if resamples < 20:
        raise FitError(f"resamples must be at least 20 for a 95% interval, not {resamples}")
    base = base or load_parameters()
    events = pl.from_arrow(read_journal(journal))
    start, end = _window(events, synthetic)
    counts = person_counts(events, start, end)
    if counts.is_empty() or counts["requests"].sum() == 0:
        raise FitError(f"{journal}: no requests between {start} and {end}: nothing to fit")
    columns = [c for c in counts.columns if c != "person_id"]
    matrix = counts.select(columns).to_numpy().astype(np.float64)
    adults_years = population * base.population.adult_share * (end - start).days / 365.25
    rules = _rules(base, adults_years)
    point = dict(zip(columns, matrix.sum(axis=0), strict=True))
    rng = np.random.default_rng(seed)
    draws: dict[str, list[float]] = {key: [] for key, _, _ in rules}
    n = matrix.shape[0]
    for _ in range(resamples):
        weights = rng.multinomial(n, np.full(n, 1.0 / n))
        sums = dict(zip(columns, weights @ matrix, strict=True))
        for key, rule, _ in rules:
            value = rule(sums)
            if value is not None:
                draws[key].append(value)
    estimates = []
    for key, rule, how in rules:
        value = rule(point)
        if value is None or len(draws[key]) < resamples // 2:
            continue  # the records hold too little of it: kept from the base
        low, high = np.percentile(draws[key], [2.5, 97.5])
        estimates.append(Estimate(key, float(value), min(low, value), max(high, value), how))
    fitted = Fitted(
        str(journal),
        int(population),
        start,
        end,
        int(point["requests"]),
        n,
        resamples,
        estimates,
        base,
    )
    fitted.parameters = apply(base, fitted)
    if correct:
        simulated = _simulated(fitted, rules, seed)
        fitted.estimates = [_corrected(e, simulated.get(e.key)) for e in estimates]
        fitted.parameters = apply(base, fitted)
    return fitted


UNSCALED = ("demand.sequel_mix.", "services.care_home_end.", "services.community_end.")


def _simulated(fitted: Fitted, rules: list, seed: int) -> dict[str, float]:
    """The estimators' values on a council generated from ``fitted``'s parameters."""
    import tempfile

    from whatmatters.council.generate import Settings, generate_journal
    from whatmatters.journal.store import read_journal

    settings = Settings(
        population=fitted.population,
        years=round(fitted.years, 2),
        seed=seed + 1,
        start=fitted.start,
        parameters=fitted.parameters,
    )
    with tempfile.TemporaryDirectory(prefix="whatmatters-fit-") as folder:
        generate_journal(settings, Path(folder) / "journal")
        events = pl.from_arrow(read_journal(Path(folder) / "journal"))
    counts = person_counts(events, settings.start, settings.end)
    columns = [c for c in counts.columns if c != "person_id"]
    sums = dict(zip(columns, counts.select(columns).to_numpy().sum(axis=0), strict=True))
    values = {key: rule(sums) for key, rule, _ in rules}
    return {k: v for k, v in values.items() if v}


def _corrected(e: Estimate, simulated: float | None) -> Estimate:
    """``e`` scaled by what the records showed over what the simulation showed."""
    if simulated is None or e.key.startswith(UNSCALED):
        return e
    factor = e.value / simulated
    top = 1.0 if e.key.rsplit(".", 1)[1] in _CHANCE_NAMES else float("inf")
    value, low, high = (min(top, x * factor) for x in (e.value, e.low, e.high))
    method = f"{e.method}; corrected once by simulation (× {factor:.3f})"
    return Estimate(e.key, value, min(low, value), max(high, value), method)


_CHANCE_NAMES = (
    "share_requests_65_plus",
    "hospital_route_share",
    "no_services_assessed",
    "return_if_not_achieved",
    "self_referral_share",
    "st_max_to_long_term",
)


def _window(events: pl.DataFrame, synthetic: dict[str, Any]) -> tuple[dt.date, dt.date]:
    """The generated run's dates, the CLD returns' reporting periods, or the first to the
    day after the last request."""
    if synthetic.get("start") and synthetic.get("end"):
        return dt.date.fromisoformat(synthetic["start"]), dt.date.fromisoformat(synthetic["end"])
    periods = events.select(
        pl.col("reporting_period_start").min(), pl.col("reporting_period_end").max()
    ).row(0)
    if None not in periods:
        return periods[0], periods[1] + dt.timedelta(days=1)
    days = events.filter(pl.col("kind") == "request")["start"].dt.date()
    if days.is_empty():
        raise FitError("the journal has no requests: nothing to fit")
    return days.min(), days.max() + dt.timedelta(days=1)  # type: ignore[operator]


def apply(base: Parameters, fitted: Fitted) -> Parameters:
    """``base`` with every fitted value in place, as a whole parameters object."""
    import tomllib

    from whatmatters.council.parameters import parse_parameters

    text = parameters_toml(base, _entries(base, fitted), model=_model_table(fitted))
    return parse_parameters(tomllib.loads(text), Path(fitted.source))


def _entries(base: Parameters, fitted: Fitted) -> dict[str, Sourced]:
    """Base entries with the fitted ones replaced (a table's unfitted keys kept or rebalanced)."""
    entries = dict(base.sources)
    where = f"from {Path(fitted.source).name}, {fitted.start} to {fitted.end}"
    interval = f"fitted: 95% interval, {fitted.resamples} bootstrap resamples of people"
    by_key: dict[str, list[Estimate]] = {}
    for e in fitted.estimates:
        parts = e.key.split(".")
        whole = ".".join(parts[:3] if parts[0] == "design" else parts[:2])
        by_key.setdefault(whole, []).append(e)
    for key, estimates in by_key.items():
        old = base.sources[key]
        if isinstance(old.value, dict):
            value = dict(old.value)
            ranges = {}
            for e in estimates:
                sub = e.key.rsplit(".", 1)[1]
                value[sub], ranges[sub] = e.value, (e.low, e.high)
            value = _rebalanced(key, old.value, value, set(ranges))
            how = "; ".join(f"{e.key.rsplit('.', 1)[1]}: {e.method}" for e in estimates)
        else:
            (e,) = estimates
            value, ranges, how = e.value, (e.low, e.high), e.method
        entries[key] = Sourced(key, value, f"fitted: {how}, {where}", ranges, interval)
    return entries


def _rebalanced(key: str, old: dict[str, float], new: dict[str, float], fitted: set[str]) -> dict:
    """A table of shares whose unfitted keys share what is left in their old proportions."""
    if key not in ("services.care_home_end", "services.community_end"):
        return new
    rest = [k for k in old if k not in fitted]
    left = max(0.0, 1 - sum(new[k] for k in fitted))
    total = sum(old[k] for k in rest) or 1.0
    return new | {k: left * old[k] / total for k in rest}


def _model_table(fitted: Fitted) -> dict[str, Any]:
    return {
        "population": fitted.population,
        "fitted_from": fitted.source,
        "window": f"{fitted.start} to {fitted.end}",
        "method": (
            f"{fitted.requests:,} requests of {fitted.people:,} people; 95% intervals from "
            f"{fitted.resamples} bootstrap resamples of people"
        ),
    }


def write_model(fitted: Fitted, out: str | Path) -> Path:
    """Write the fitted model as a parameters file (atomically: whole or not at all)."""
    out = Path(out)
    text = parameters_toml(
        fitted.parameters, dict(fitted.parameters.sources), model=_model_table(fitted)
    )
    temporary = out.with_name(f".{out.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(out)
    return out


def describe(fitted: Fitted) -> list[str]:
    """One line per estimate: key, value and interval (for the command's output)."""
    return [f"{e.key} = {e.value:.4g} ({e.low:.4g} to {e.high:.4g})" for e in fitted.estimates]
