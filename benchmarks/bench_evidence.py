"""The null and power study (issue 11): false claims on councils where nothing changes.

``./run bench evidence`` generates councils where nothing changes (menu
only, what-matters only; several seeds; 20,000 and 300,000 people) and
councils that switch from menu to what-matters, works out the check with a
change date, and prints two tables for ``benchmarks/RESULTS.md``:

* the **false-claim rate** of every results row (called "beyond ordinary
  variation (95%)": stated level 5%) and of every capability chart's
  baseline (any sign of change in the 24 months before the change date:
  the Making Data Count rules sound on 18.5% of 24-point charts of
  independent data, docs/evidence.md §4);
* the **carry-over** table: by design, each chart's baseline signals beside
  the same values in random order (the rules on independent months of these
  values) and the baseline's lag-1 autocorrelation;
* the **power**: how often a switching council's fall is found.

Options: ``--quick`` (20,000 people only, fewer seeds: checks the study
runs), ``--seeds=N`` and ``--seeds-300k=N`` (null seeds per design at
20,000 and 300,000 people; default 10 and 3), ``--switch-seeds=N``
(switching councils at each size; default 5), ``--size=N`` (that
population only), ``--first-seed=N`` (null seeds from N; default 100, so a
later run can add councils to an earlier one). Each council's claims are
printed as it ends. Method: docs/evidence-study.md.
"""

from __future__ import annotations

import datetime as dt
import time

from benchmarks.evidence_study import (
    SHUFFLES,
    Council,
    Outcome,
    rate,
    rules_on_ar1,
    rules_on_poisson,
    study_council,
)
from whatmatters.check.catalogue import MEASURES, RESULTS
from whatmatters.council import Design

STATED = 0.05
RULES_ON_INDEPENDENT_24 = 0.185  # docs/evidence.md §4 [sim]: any signal, 24 points
SWITCH = dt.date(2024, 4, 1)


def _option(argv: list[str], name: str, default: int) -> int:
    for arg in argv:
        if arg.startswith(f"--{name}="):
            return int(arg.split("=", 1)[1])
    return default


def councils(argv: list[str]) -> tuple[list[Council], list[Council]]:
    quick = "--quick" in argv
    sizes = {20_000: _option(argv, "seeds", 3 if quick else 10)}
    if not quick:
        sizes[300_000] = _option(argv, "seeds-300k", 3)
    only = _option(argv, "size", 0)  # one size only (to run the sizes side by side)
    if only:
        sizes = {only: sizes.get(only, 3)}
    first = _option(argv, "first-seed", 100)  # later seeds add runs to an earlier study
    null = [
        Council(design, population, seed=first + s)
        for population, seeds in sizes.items()
        for design in (Design.MENU, Design.WHAT_MATTERS)
        for s in range(seeds)
    ]
    switch_seeds = _option(argv, "switch-seeds", 2 if quick else 5)
    switching = [
        Council(Design.MENU, population, seed=200 + s, switch=SWITCH)
        for population in sizes
        for s in range(switch_seeds)
    ]
    return null, switching


def main(argv: list[str]) -> None:
    null, switching = councils(argv)
    started = time.perf_counter()
    null_out = [_run(c) for c in null]
    switch_out = [_run(c) for c in switching]
    print(_false_claims(null_out))
    print(_carry_over(null_out))
    print(_rules_on_carry_over())
    if switch_out:  # a run of null councils only (--switch-seeds=0) has no power to show
        print(_power(switch_out))
    print(f"\n{len(null_out) + len(switch_out)} councils in {time.perf_counter() - started:.0f} s.")


def _run(council: Council) -> Outcome:
    print(f"- {council.label}", flush=True)
    started = time.perf_counter()
    outcome = study_council(council)
    # each council's claims as it ends, so a run cut short still says what it found
    claims = [_claim(outcome, m) for m, _ in _row_names() if outcome.claimed(m)]
    signals = [m for m, fired in outcome.baseline_signals.items() if fired]
    print(
        f"  {time.perf_counter() - started:.0f} s; claims: {', '.join(claims) or 'none'}; "
        f"baseline signals: {', '.join(signals) or 'none'}",
        flush=True,
    )
    return outcome


def _claim(outcome: Outcome, measure: str) -> str:
    change = outcome.rows[measure][1]
    return measure if change is None else f"{measure} ({change:+.3g})"


def _by_size(outcomes: list[Outcome]) -> dict[int, list[Outcome]]:
    out: dict[int, list[Outcome]] = {}
    for o in outcomes:
        out.setdefault(o.council.population, []).append(o)
    return out


def _row_names() -> list[tuple[str, str]]:
    return [(m.value, MEASURES[m].result_name) for m in RESULTS] + [
        ("cost_avoidance", "Cost avoidance")
    ]


def _false_claims(outcomes: list[Outcome]) -> str:
    sizes = _by_size(outcomes)
    head = " | ".join(f"{p:,} people ({len(o)} runs)" for p, o in sizes.items())
    lines = [
        "### False claims on councils where nothing changes",
        "",
        f"Results rows (stated level {STATED:.0%}): share of null runs calling the change "
        "beyond ordinary variation.",
        "",
        f"| row | {head} | all |",
        "|---|" + "---|" * (len(sizes) + 1),
    ]
    for measure, name in _row_names():
        cells = [f"{rate(o, measure):.0%}" for o in sizes.values()]
        lines.append(f"| {name} | {' | '.join(cells)} | {rate(outcomes, measure):.0%} |")
    lines += [
        "",
        "Capability charts: share of null runs whose baseline (24 months before the change "
        f"date) shows any sign of change; the rules on independent data: "
        f"{RULES_ON_INDEPENDENT_24:.1%}.",
        "",
        f"| chart | {head} | all |",
        "|---|" + "---|" * (len(sizes) + 1),
    ]
    for measure, info in MEASURES.items():
        cells = [_signal_rate(o, measure.value) for o in sizes.values()]
        lines.append(
            f"| {info.title} | {' | '.join(cells)} | {_signal_rate(outcomes, measure.value)} |"
        )
    return "\n".join(lines)


def _signal_rate(outcomes: list[Outcome], measure: str) -> str:
    charted = [o for o in outcomes if measure in o.baseline_signals]
    if not charted:
        return "—"
    return f"{sum(o.baseline_signals[measure] for o in charted) / len(charted):.0%}"


def _carry_over(outcomes: list[Outcome]) -> str:
    """Each chart's baseline signals beside the same values in random order, by design."""
    designs = {d: [o for o in outcomes if o.council.design is d] for d in Design}
    designs = {d: o for d, o in designs.items() if o}
    head = " | ".join(
        f"{d.value} ({len(o)} runs): signals, shuffled, lag 1" for d, o in designs.items()
    )
    lines = [
        "",
        "Capability baselines by design: the share of null runs with a sign of change, the "
        f"share of {SHUFFLES} random orders of the same baseline values with one (the rules on "
        "independent months of these values), and the mean lag-1 autocorrelation "
        "(independent 24-point series: about −0.04).",
        "",
        f"| chart | {head} |",
        "|---|" + "---|" * len(designs),
    ]
    for measure, info in MEASURES.items():
        cells = [_carry_over_cell(o, measure.value) for o in designs.values()]
        if any(c != "—" for c in cells):
            lines.append(f"| {info.title} | {' | '.join(cells)} |")
    return "\n".join(lines)


def _rules_on_carry_over(charts: int = 1500) -> str:
    """How often the rules sound on simulated 24-month series that carry over (AR(1))."""
    rhos = (0.0, 0.1, 0.2, 0.3)
    cells = " | ".join(f"{rules_on_ar1(rho, charts):.0%}" for rho in rhos)
    means = (1, 2, 5, 10, 30, 100)
    small = " | ".join(f"{rules_on_poisson(m, charts):.0%}" for m in means)
    return "\n".join(
        [
            "",
            f"The rules on {charts:,} simulated 24-point AR(1) series at each lag-1 correlation ρ:",
            "",
            "| ρ | " + " | ".join(f"{rho:.1f}" for rho in rhos) + " |",
            "|---|" + "---|" * len(rhos),
            f"| any sign of change | {cells} |",
            "",
            f"… and on {charts:,} series of independent Poisson counts with each mean:",
            "",
            "| mean | " + " | ".join(str(m) for m in means) + " |",
            "|---|" + "---|" * len(means),
            f"| any sign of change | {small} |",
        ]
    )


def _carry_over_cell(outcomes: list[Outcome], measure: str) -> str:
    charted = [o for o in outcomes if measure in o.shuffled_signals]
    if not charted:
        return "—"
    observed = sum(o.baseline_signals[measure] for o in charted) / len(charted)
    shuffled = sum(o.shuffled_signals[measure] for o in charted) / len(charted)
    lag1 = sum(o.lag1[measure] for o in charted) / len(charted)
    return f"{observed:.0%}, {shuffled:.0%}, {lag1:+.2f}"


def _power(outcomes: list[Outcome]) -> str:
    sizes = _by_size(outcomes)
    head = " | ".join(f"{p:,} people ({len(o)} runs)" for p, o in sizes.items())
    lines = [
        "",
        f"### Power: switching councils (menu, then what-matters from {SWITCH})",
        "",
        "Share of runs finding a fall beyond ordinary variation (a saving, for cost avoidance).",
        "",
        f"| row | {head} |",
        "|---|" + "---|" * len(sizes),
    ]
    for measure, name in _row_names():
        cells = [f"{rate(o, measure, fall=True):.0%}" for o in sizes.values()]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    return "\n".join(lines)
