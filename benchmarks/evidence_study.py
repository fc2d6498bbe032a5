"""The null and power study: how often the check claims a change that is not there.

Councils where nothing changes (one design throughout) and councils that
switch designs are generated, and the check's measures are worked out with
a change date: the results table (each row's ``certainty``) and the
capability charts (signals in the baseline). A claim on a null council is a
false claim; on a switching council, finding the change is power. Used by
``benchmarks/bench_evidence.py`` (``./run bench evidence``) and, on small
councils, by ``tests/check/test_null_councils.py``. Method: docs/evidence-study.md.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import ibis
import numpy as np
import polars as pl

from whatmatters.check import demand, journeys, repeat_demand, series
from whatmatters.check.backends import TemporaryViews, journal_table
from whatmatters.check.capability import XmrParams, xmr
from whatmatters.check.catalogue import whole_periods
from whatmatters.check.events import ordered, usable
from whatmatters.check.params import CheckParams
from whatmatters.check.results import comparison, results
from whatmatters.check.run import capability_charts
from whatmatters.check.window import in_window, window_of
from whatmatters.council import Design, Settings, generate_journal

BEYOND_PREFIX = "beyond"
SIGNALS = ("outside_limits", "trend", "two_of_three", "run")
SHUFFLES = 20
"""Random orders of each baseline: the rules' rate on independent data of the same values."""


@dataclass(frozen=True)
class Council:
    """One council of the study."""

    design: Design
    population: int
    seed: int
    years: float = 4.0
    start: dt.date = dt.date(2022, 4, 1)
    switch: dt.date | None = None  # a menu council that becomes what-matters here

    @property
    def change(self) -> dt.date:
        """The change date the check is given: the switch, or the middle of the run."""
        if self.switch:
            return self.switch
        months = int(self.years * 12) // 2
        return dt.date(
            self.start.year + (self.start.month - 1 + months) // 12,
            (self.start.month - 1 + months) % 12 + 1,
            1,
        )

    @property
    def label(self) -> str:
        kind = f"switches {self.switch}" if self.switch else f"{self.design.value} only"
        return f"{kind}, {self.population:,} people, seed {self.seed}"


@dataclass(frozen=True)
class Outcome:
    """What the check said about one council."""

    council: Council
    rows: dict[str, tuple[str | None, float | None]]
    """Results row (measure) → (certainty, change_pct) ; cost avoidance → (certainty, amount)."""
    baseline_signals: dict[str, bool]
    """Capability measure → any sign of change in the baseline (before the change)."""
    shuffled_signals: dict[str, float] = field(default_factory=dict)
    """Capability measure → share of ``SHUFFLES`` random orders of the baseline with a sign
    of change: what the rules give on independent months with the same values."""
    lag1: dict[str, float] = field(default_factory=dict)
    """Capability measure → the baseline's lag-1 autocorrelation (carry-over month to month)."""

    def claimed(self, measure: str) -> bool:
        certainty = self.rows.get(measure, (None, None))[0]
        return bool(certainty and certainty.startswith(BEYOND_PREFIX))

    def found_fall(self, measure: str) -> bool:
        """A claimed change that is a fall (a saving, for cost avoidance)."""
        change = self.rows.get(measure, (None, None))[1]
        if not self.claimed(measure) or change is None:
            return False
        return change > 0 if measure == "cost_avoidance" else change < 0


def study_council(council: Council, workdir: Path | None = None) -> Outcome:
    """Generate ``council`` and work out its results and capability charts."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        settings = Settings(
            population=council.population,
            years=council.years,
            design=council.design,
            seed=council.seed,
            start=council.start,
            switch=council.switch,
        )
        path = Path(tmp) / "journal"
        generate_journal(settings, path)
        return _measure(council, path)


def _measure(council: Council, path: Path) -> Outcome:
    """The check's series, results and charts only (the journeys and maps are not needed)."""
    params = CheckParams(change_date=council.change)
    journal = journal_table(path, "duckdb")
    views = TemporaryViews()
    try:
        events = views.of(usable(journal))
        window = window_of(events, None, None)
        steps = ordered(in_window(events, window), params.episodes, window).cache()
        episode_rows = journeys.episodes(steps).cache()
        front = views.of(demand.front_door(events, window))
        all_requests = views.of(repeat_demand.requests(events))
        spans = whole_periods(window.charted, params.period)
        compare = comparison(spans, params.change_date)
        cal = series.calendar(ibis.get_backend(journal), spans)
        parts = series.measure_series(
            cal, events, episode_rows, all_requests, front, window, params.repeat_days
        )
        fetched = series.series_table({m: e.to_pyarrow() for m, e in parts.items()})
        warm_up = series.judged_from(window, params.repeat_days, params.episodes.gap_days)
        follow_up = series.judged_until(window, params.episodes.gap_days, spans)
        table = series.without_warm_up(fetched, warm_up, follow_up)
        charts = capability_charts(table, params)
        found = results(table, compare, params.repeat_days).to_pylist()
    finally:
        views.drop()
    rows = {
        r["measure"]: (
            r["certainty"],
            r["after"] if r["measure"] == "cost_avoidance" else r["change_pct"],
        )
        for r in found
    }
    signals, shuffled, lag1 = {}, {}, {}
    rng = np.random.default_rng(council.seed)
    for measure, chart in charts.items():
        baseline = chart.table.filter(chart.table["segment"] == 0)
        signals[measure.value] = _any_signal(baseline)
        values = baseline["value"].to_numpy()
        if len(values) >= 3:
            orders = [rng.permutation(values) for _ in range(SHUFFLES)]
            shuffled[measure.value] = float(np.mean([fires(v) for v in orders]))
            lag1[measure.value] = lag1_autocorrelation(values)
    return Outcome(council, rows, signals, shuffled, lag1)


def fires(values: np.ndarray) -> bool:
    """Whether any Making Data Count rule sounds on one segment of ``values``."""
    return _any_signal(xmr(values.tolist(), params=XmrParams()).table)


def _any_signal(points: pl.DataFrame) -> bool:
    """Whether any rule flags any of ``points`` (an XmR chart's per-point table)."""
    return any(bool(points[c].any()) for c in SIGNALS)


def rules_on_ar1(rho: float, charts: int, points: int = 24, seed: int = 11) -> float:
    """Share of ``charts`` simulated AR(1) series (lag-1 correlation ``rho``) with a sign of change.

    Each series starts 50 steps before its first point, so it is stationary.
    """
    rng = np.random.default_rng(seed)
    hits = 0
    for _ in range(charts):
        shocks = rng.normal(size=points + 50)
        x = np.zeros_like(shocks)
        for t in range(1, len(x)):
            x[t] = rho * x[t - 1] + shocks[t]
        hits += fires(x[50:])
    return hits / charts


def rules_on_poisson(mean: float, charts: int, points: int = 24, seed: int = 12) -> float:
    """Share of ``charts`` series of independent Poisson counts with a sign of change."""
    rng = np.random.default_rng(seed)
    return sum(fires(rng.poisson(mean, points).astype(float)) for _ in range(charts)) / charts


def lag1_autocorrelation(values: np.ndarray) -> float:
    """The sample autocorrelation at lag 1 (0 for a series that never varies)."""
    x = values - values.mean()
    total = float(x @ x)
    return float(x[1:] @ x[:-1]) / total if total else 0.0


def rate(outcomes: list[Outcome], measure: str, *, fall: bool = False) -> float:
    """Share of ``outcomes`` claiming a change in ``measure`` (a fall, if ``fall``)."""
    if not outcomes:
        return float("nan")
    hits = sum(o.found_fall(measure) if fall else o.claimed(measure) for o in outcomes)
    return hits / len(outcomes)
