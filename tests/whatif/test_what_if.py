"""``what-if``: scenarios run, checked and shown side by side, with intervals across runs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from whatmatters.cli import app
from whatmatters.council.codes import Design
from whatmatters.council.scenarios import base_scenario, load_model, load_scenario
from whatmatters.whatif import sensitivity
from whatmatters.whatif.page import Sensitivity, write_page
from whatmatters.whatif.runs import RunResult, RunSpec
from whatmatters.whatif.summary import interval, table

SCENARIO = """\
[scenario]
name = "Family help"

[design.menu]
network_hours_cover = 0.3
"""


def _result(scenario: int, run: int, contacts: float, share: float) -> RunResult:
    months = [dt.date(2023, m, 1) for m in range(1, 4)]
    series = [("contacts", d, contacts / 12 + i) for i, d in enumerate(months)]
    series += [("repeat_share", d, share) for d in months]
    figures = {"contacts": contacts, "repeat_share": share}
    return RunResult(scenario, run, 10 + run, figures, series)


def test_intervals_across_runs_and_paired_changes() -> None:
    i = interval([10.0, 12.0, 14.0])
    assert i.mean == 12.0
    assert i.low == pytest.approx(12 - 4.303 * 2 / 3**0.5, abs=1e-3)
    assert interval([5.0]).low is None and interval([]) is None
    assert interval([0.1, 5.0, 0.2]).low == 0.0  # no measure is below nothing
    results = [_result(0, r, 1200 + 40 * r, 0.3) for r in range(3)]
    results += [_result(1, r, 1000 + 40 * r + r, 0.3) for r in range(3)]
    row = table(results, 2, ["contacts"])[0]
    change = row.changes[1]
    # Paired by run: the seeds' shared noise cancels, so the fall is clear of zero.
    assert change.mean == pytest.approx(-199.0) and change.excludes_zero
    assert row.changes[0] is None


def test_the_page_shows_every_scenario_with_intervals(tmp_path: Path) -> None:
    model = load_model()
    (tmp_path / "s.toml").write_text(SCENARIO, encoding="utf-8")
    scenarios = [base_scenario(model), load_scenario(tmp_path / "s.toml", model)]
    results = [_result(0, r, 1200 + 40 * r, 0.3) for r in range(3)]
    results += [_result(1, r, 1000 + 40 * r, 0.25) for r in range(3)]
    study = Sensitivity("Each value was varied.", ["<svg></svg>"], [])
    page = write_page(
        tmp_path / "out", scenarios, results, setting="Test.", model="test", sensitivity=study
    )
    html = page.read_text(encoding="utf-8")
    assert "As now" in html and "Family help" in html
    assert "mechanism: network_hours_cover" in html and ">0.3<" in html
    assert re.search(r"1,240<br><span class=\"muted\">\(1,141 to 1,339\)", html)
    assert "−200 (−16%)" in html  # the change from As now
    assert "Which assumptions move the results most" in html
    assert "http://" not in html.replace("http://www.w3.org", "")  # offline: nothing fetched
    runs = pl.read_csv(tmp_path / "out" / "runs.csv")
    assert runs.columns[:6] == ["scenario", "run", "seed", "measure", "unit", "value"]
    assert set(runs["scenario"]) == {"As now", "Family help"}


def test_sensitivity_varies_each_ranged_value_at_both_ends() -> None:
    model = load_model()
    scenario = base_scenario(model)
    spec = RunSpec(0, 0, 1, scenario.parameters, Design.MENU, 1000, 1.0, dt.date(2022, 4, 1))
    varied = sensitivity.variations(scenario, spec, first_index=2)
    keys = {v.key for v in varied}
    assert "design.menu.extra_handoffs" in keys and "failure_demand.scale" in keys
    assert not any(k.startswith("design.what_matters.") for k in keys)
    low = next(v for v in varied if v.key == "design.menu.extra_handoffs" and v.end == "low")
    assert low.spec.parameters.menu.extra_handoffs == 0.5
    assert low.spec.seed == 1 and low.spec.scenario >= 2
    achieved = next(v for v in varied if v.key == "design.menu.achieved" and v.end == "high")
    assert achieved.spec.parameters.menu.achieved["universal"] == 0.55
    # Fake results: the tornado's rows are the figure at each end.
    results = [
        RunResult(v.spec.scenario, 0, 1, {"contacts": 100.0 + (v.end == "high")}, [])
        for v in varied
    ]
    base = RunResult(0, 0, 1, {"contacts": 100.0}, [])
    rows = sensitivity.tornado_rows(varied, results, base, "contacts")
    assert len(rows) == len(keys)
    assert all(r["high_value"] - r["low_value"] == 1.0 for r in rows)


def test_what_if_runs_end_to_end_in_two_processes(tmp_path: Path) -> None:
    (tmp_path / "s.toml").write_text(SCENARIO, encoding="utf-8")
    model = tmp_path / "model.toml"
    model.write_text("[model]\npopulation = 3000\n", encoding="utf-8")
    args = ["what-if", str(model), str(tmp_path / "s.toml"), "--years", "1", "--runs", "2"]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 8  # the capability charts, every scenario on each
    runs = pl.read_csv(tmp_path / "out" / "runs.csv")
    assert runs.filter(pl.col("measure") == "requests")["value"].min() > 0
    assert sorted(set(runs["seed"])) == [1, 2]


def test_a_bad_scenario_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("[design.menu]\nhandoffs = 1\n", encoding="utf-8")
    model = tmp_path / "model.toml"
    model.write_text("[model]\npopulation = 3000\n", encoding="utf-8")
    args = ["what-if", str(model), str(tmp_path / "bad.toml"), "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "unknown key 'handoffs'" in result.output
    assert not (tmp_path / "out").exists()
    no_size = CliRunner().invoke(
        app, ["what-if", str(tmp_path / "bad.toml"), "--out", str(tmp_path / "out")]
    )
    assert no_size.exit_code == 2


def test_sensitivity_page_ranks_what_moves_the_results(tmp_path: Path, monkeypatch) -> None:
    """The study end to end with the runs faked: a result that depends on one value only."""
    from whatmatters.whatif import study

    def fake_runs(specs, **_):
        out = []
        for s in specs:
            contacts = 1000 * s.parameters.menu.extra_handoffs  # only this moves contacts
            months = [("contacts", dt.date(2023, m, 1), contacts / 12) for m in (1, 2, 3)]
            out.append(RunResult(s.scenario, s.run, s.seed, {"contacts": contacts}, months))
        return out

    monkeypatch.setattr(study, "run_all", fake_runs)
    (tmp_path / "s.toml").write_text(SCENARIO, encoding="utf-8")
    page = study.what_if(
        None,
        [tmp_path / "s.toml"],
        out=tmp_path / "out",
        runs=2,
        population=1000,
        sensitivity=True,
    )
    html = page.read_text(encoding="utf-8")
    assert "Which assumptions move the results most" in html
    assert "How far each assumed value moves contacts" in html
    assert "design.menu.extra_handoffs" in html and "0.5 to 2.5" in html
    assert "between one and five handoffs" in html  # the range's reason
